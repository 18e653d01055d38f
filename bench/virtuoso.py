"""A private OpenLink Virtuoso (Debian ``virtuoso-opensource``) for the tests and the benchmark.

``tests/test_publish_virtuoso.py`` starts one to publish into; ``bench/queries_large.py
--virtuoso`` starts one per large build, bulk-loads the build's ``graph.nt`` into it with
Virtuoso's own loader and its full-text index on, and times the query library there beside
Oxigraph: the second store issue 16 asks for "where a store cannot" answer in a second.

Each server is private: its database in a folder of its own, its SQL and HTTP ports on
127.0.0.1, the settings that differ from Debian's ``virtuoso.ini`` given here, stopped when the
``with`` block ends. ``make virtuoso-deps`` installs the package (``make test`` runs it).
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

VIRTUOSO = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt")
SYSTEM_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
LOGIN = ("dba", "dba")  # a fresh Virtuoso database's administrator


def available() -> bool:
    return VIRTUOSO is not None and ISQL is not None and SYSTEM_INI.is_file()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def private_ini(
    folder: Path, sql_port: int, http_port: int, settings: Mapping[str, str] | None = None
) -> Path:
    """Debian's virtuoso.ini with the database in ``folder``, both servers on 127.0.0.1, and
    each of ``settings`` (``NumberOfBuffers``, ``DirsAllowed``, ``ResultSetMaxRows`` ...) in
    place of the line that sets it."""
    text = SYSTEM_INI.read_text(encoding="utf-8")
    text = text.replace("/var/lib/virtuoso-opensource-7/db", str(folder))
    text = re.sub(r"(?m)^ServerPort\s*=\s*1111\b", f"ServerPort = 127.0.0.1:{sql_port}", text)
    text = re.sub(r"(?m)^ServerPort\s*=\s*8890\b", f"ServerPort = 127.0.0.1:{http_port}", text)
    assert f"127.0.0.1:{sql_port}" in text and f"127.0.0.1:{http_port}" in text
    for key, value in (settings or {}).items():
        text, found = re.subn(rf"(?m)^{key}\s*=[^\n]*$", f"{key} = {value}", text, count=1)
        if not found:
            raise ValueError(f"{SYSTEM_INI} sets no {key}")
    ini = folder / "virtuoso.ini"
    ini.write_text(text, encoding="utf-8")
    return ini


@dataclass(frozen=True)
class Server:
    """A running private Virtuoso: its HTTP base URL and its SQL port."""

    url: str
    sql_port: int
    folder: Path

    def isql(self, *statements: str, timeout: float = 7200) -> str:
        """Run SQL statements through ``isql-vt``; an error is raised with Virtuoso's message."""
        script = "".join(s.rstrip().rstrip(";") + ";\n" for s in statements)
        ran = subprocess.run(
            [str(ISQL), f"127.0.0.1:{self.sql_port}", *LOGIN, "VERBOSE=OFF", "BANNER=OFF"],
            input=script,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        errors = [line for line in ran.stderr.splitlines() if line.startswith("*** Error")]
        if ran.returncode != 0 or errors:
            raise RuntimeError(f"isql: {(errors or [ran.stderr.strip()])[0]}")
        return ran.stdout


@contextmanager
def running(
    folder: Path, settings: Mapping[str, str] | None = None, *, start_timeout: float = 300
) -> Iterator[Server]:
    """Start ``virtuoso-t`` on a database in ``folder`` (created, or the one left there) and
    stop it when the block ends."""
    if not available():
        raise RuntimeError("Debian virtuoso-opensource is not installed (make virtuoso-deps)")
    folder.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    ini = private_ini(folder, sql_port, http_port, settings)
    log = (folder / "server.log").open("ab")
    process = subprocess.Popen(
        [str(VIRTUOSO), "+configfile", str(ini), "+foreground"],
        cwd=folder,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{http_port}"
    try:
        deadline = time.monotonic() + start_timeout  # first start installs the Conductor
        while True:
            try:
                with urllib.request.urlopen(f"{url}/sparql?query=ASK%7B%7D", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline or process.poll() is not None:
                tail = (folder / "server.log").read_text(errors="replace")[-2000:]
                raise RuntimeError(f"virtuoso-t did not start: {tail}")
            time.sleep(0.25)
        yield Server(url=url, sql_port=sql_port, folder=folder)
    finally:
        process.terminate()
        try:
            process.wait(timeout=120)  # a clean stop writes a checkpoint
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        log.close()


def bulk_load(server: Server, nt: Path, graph: str, *, text_index: bool = True) -> dict:
    """Load ``nt`` into ``graph`` with Virtuoso's bulk loader (``ld_dir`` then
    ``rdf_loader_run``), with the full-text index on every literal when ``text_index``: the
    seconds of each step and the triples counted in the graph afterwards. The folder of ``nt``
    must be in the server's ``DirsAllowed``."""
    timings: dict[str, float] = {}
    if text_index:  # before the load, so that the loader queues every literal for the index
        server.isql("DB.DBA.RDF_OBJ_FT_RULE_ADD(null, null, 'pactgraph')")
    t = time.perf_counter()
    folder = str(nt.resolve().parent).replace("'", "''")
    name = nt.name.replace("'", "''")
    server.isql(f"ld_dir('{folder}', '{name}', '{graph}')", "rdf_loader_run()", "checkpoint")
    timings["load_s"] = round(time.perf_counter() - t, 1)
    failed = server.isql(
        "SELECT COUNT(*) FROM DB.DBA.LOAD_LIST WHERE ll_state <> 2 OR ll_error IS NOT NULL"
    )
    if _number(failed) != 0:
        raise RuntimeError(f"the bulk load of {nt} left files unloaded: {failed.strip()}")
    if text_index:
        t = time.perf_counter()
        server.isql("DB.DBA.VT_INC_INDEX_DB_DBA_RDF_OBJ()", "checkpoint")
        timings["text_index_s"] = round(time.perf_counter() - t, 1)
    counted = server.isql(f"SPARQL SELECT COUNT(*) FROM <{graph}> WHERE {{ ?s ?p ?o }}")
    return {**timings, "triples": _number(counted)}


def _number(output: str) -> int:
    """The last integer alone on a line of isql's output (after its ``SQL>`` prompt)."""
    numbers = re.findall(r"(?m)^(?:SQL>\s*)*(\d+)\s*$", output)
    if not numbers:
        raise RuntimeError(f"isql printed no number: {output.strip()[:200]}")
    return int(numbers[-1])
