"""The pactgraph benchmark: build, validation and query cost at several multiples of the corpus.

Takes: scales (multiples of the seed corpus in bytes; default 1, 10, 100), the number of build
processes, and limits for the slow reference paths (pySHACL, rdflib).
Gives: ``bench/RESULTS.md`` (machine, date, command, one table per measure, the linearity check
and what the largest scale would need) and ``bench/out/results.json`` (raw figures). Corpora
and builds are cached under ``bench/out/`` (git-ignored); a corpus is regenerated only when the
generator, its vocabulary or the seed corpus changed.

For each scale it

1. generates the corpus (``bench/generate_corpus.py``);
2. runs ``pactgraph build --no-validate --jobs N`` as a subprocess and records wall time,
   paragraphs/s, triples/s, the build's own phase timings and peak memory (the largest single
   process, from ``wait4`` via GNU time, and the whole process tree, sampled from ``/proc``);
3. runs ``pactgraph validate --engine shacl`` and, where the graph is small enough, the
   reference ``pactgraph validate --engine pyshacl`` (with a time limit);
4. times every query of the library (``queries/*.rq`` and ``queries/checks/*.rq``, parameters at
   their defaults) on pyoxigraph (in memory; also the build's on-disk store when it wrote one)
   and on rdflib (``Graph.query``), where the graph is small enough, each with a time limit;
5. compares cost per unit of input between scales: linear growth keeps the ratio near 1.

Nothing here is part of ``make test``. Run: ``make bench`` or
``.venv/bin/python bench/run.py --scales 1,10 --jobs 2``; ``--quick`` runs 1x and 3x only and
writes ``bench/out/RESULTS-quick.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import re
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from results_md import _fmt_scale, report, splice_real, with_kept_blocks

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
PYTHON = Path(sys.executable)
PACTGRAPH = PYTHON.with_name("pactgraph")
GNU_TIME = Path("/usr/bin/time")
#: Values for query parameters that have no default (benchmark input, not knowledge).
REQUIRED_VALUES = {"phrase": "return"}


# --- measuring a subprocess -------------------------------------------------------------------


@dataclass
class Run:
    """One measured subprocess."""

    command: str
    wall_s: float
    exit: int | None  # None: killed at the time limit
    max_rss_mb: float | None  # largest single process (wait4 ru_maxrss, via GNU time)
    tree_rss_mb: float  # peak sum over the process tree, sampled every 0.2 s
    user_s: float | None = None
    sys_s: float | None = None

    @property
    def finished(self) -> bool:
        return self.exit is not None


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of ``pid`` and all its descendants, from /proc (kB)."""
    total, stack, page = 0, [pid], os.sysconf("SC_PAGE_SIZE") // 1024
    while stack:
        p = stack.pop()
        try:
            total += int(Path(f"/proc/{p}/statm").read_text().split()[1]) * page
            for task in Path(f"/proc/{p}/task").iterdir():
                stack += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError, IndexError):
            continue
    return total


def measure(cmd: list[str], *, timeout: float, stdout: Path | None = None) -> Run:
    """Run ``cmd`` to completion or until ``timeout`` seconds; time it and watch its memory."""
    timing = OUT / ".time.txt"
    timing.unlink(missing_ok=True)
    full = (
        [str(GNU_TIME), "-f", "%e %M %U %S", "-o", str(timing), *cmd] if GNU_TIME.exists() else cmd
    )
    out = stdout.open("wb") if stdout else subprocess.DEVNULL
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        full, stdout=out, stderr=subprocess.PIPE, start_new_session=True, cwd=ROOT
    )
    peak = 0
    killed = False
    while proc.poll() is None:
        peak = max(peak, _tree_rss_kb(proc.pid))
        if time.perf_counter() - t0 > timeout:
            os.killpg(proc.pid, signal.SIGKILL)  # our own child's process group only
            killed = True
            proc.wait()
            break
        time.sleep(0.2)
    wall = time.perf_counter() - t0
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if stdout:
        out.close()  # type: ignore[union-attr]
    run = Run(
        command=shlex.join(cmd).replace(str(ROOT) + "/", ""),
        wall_s=round(wall, 2),
        exit=None if killed else proc.returncode,
        max_rss_mb=None,
        tree_rss_mb=round(peak / 1024, 1),
    )
    if not killed and timing.exists():
        try:
            _e, rss, user, system = timing.read_text().split()[-4:]
            run.max_rss_mb = round(int(rss) / 1024, 1)
            run.user_s, run.sys_s = float(user), float(system)
        except ValueError:
            pass
    if run.finished and run.exit not in (0, 1):
        print(f"  ! {run.command} exited {run.exit}: {err.strip()[-400:]}", file=sys.stderr)
    return run


# --- the corpus --------------------------------------------------------------------------------


def _generator_stamp(scale: float, seed: str) -> str:
    h = hashlib.sha256(f"{scale}:{seed}".encode())
    for p in [
        BENCH / "generate_corpus.py",
        BENCH / "generator.yaml",
        *sorted(ROOT.glob("corpus/*.txt")),
    ]:
        h.update(p.read_bytes())
    return h.hexdigest()


def corpus_for(scale: float, seed: str) -> tuple[Path, dict, float | None]:
    """The cached corpus for ``scale`` (generated when missing or stale); seconds if generated."""
    folder = OUT / f"corpus-{_fmt_scale(scale)}x-s{seed}"
    stamp = folder / ".stamp"
    key = _generator_stamp(scale, seed)
    took = None
    if not (stamp.exists() and stamp.read_text() == key and (folder / "manifest.json").exists()):
        t0 = time.perf_counter()
        cmd = [str(PYTHON), str(BENCH / "generate_corpus.py"), "--scale", str(scale)]
        subprocess.run([*cmd, "--out", str(folder), "--seed", seed], check=True, cwd=ROOT)
        took = round(time.perf_counter() - t0, 2)
        stamp.write_text(key)
    return folder, json.loads((folder / "manifest.json").read_text()), took


# --- the child tasks (run in their own process so that each is measured alone) -----------------


def _library(queries_dir: Path | None = None) -> list:
    from pactgraph.query import load_library

    lib = load_library(queries_dir) if queries_dir else load_library()
    checks = (queries_dir or ROOT / "queries") / "checks"
    if checks.is_dir() and not any(q.is_check for q in lib.values()):
        lib.update(load_library(checks))
    return [lib[k] for k in sorted(lib)]


def _query_text(q) -> str | None:
    values = {
        p.name: REQUIRED_VALUES[p.name]
        for p in q.params
        if p.required and p.name in REQUIRED_VALUES
    }
    if any(p.required and p.name not in values for p in q.params):
        return None
    return q.text_with_values(q.bindings(values))


def _emit(record: dict) -> None:
    print(json.dumps(record), flush=True)


def group_concat_parts(text: str) -> str:
    """A cell's text with the parts a library ``GROUP_CONCAT`` joins sorted (SPARQL leaves
    their order open), so that two answers with the same parts compare equal."""
    return "\x1f".join(sorted(re.split(r", |; | \| | ", text)))


def row_digests(rows: list[tuple[str, ...]]) -> tuple[str, str]:
    """Digests of an answer's rows (each a tuple of cell texts): as a bag, and in order."""

    def digest(items) -> str:
        return hashlib.sha256(repr(items).encode()).hexdigest()[:16]

    return digest(sorted(rows)), digest(rows)


def _answer_digests(variables: list, solutions: list) -> dict:
    """Digests of an answer, to compare two formulations of a query: the rows as a bag and in
    order, each cell its ``GROUP_CONCAT`` parts sorted (:func:`group_concat_parts`) and its
    kind of term (an IRI, a language tag, a datatype)."""

    def cell(term) -> str:
        if term is None:
            return ""
        kind = type(term).__name__
        if kind == "Literal":
            kind = term.language or term.datatype.value
        return group_concat_parts(term.value) + f"^{kind}"

    bag, order = row_digests([tuple(cell(s[v]) for v in variables) for s in solutions])
    return {"bag": bag, "order": order}


def child_queries_oxigraph(
    target: Path,
    repeat: int,
    limit: float,
    skip: set[str],
    queries_dir: Path | None = None,
    page: int = 0,
) -> None:
    """Load the graph into pyoxigraph (or open the on-disk store) and time each query.

    A query still running after ``limit`` seconds is reported as such and the process exits
    (Oxigraph cannot be interrupted from Python); the parent starts it again, skipping the
    queries already reported. ``queries_dir``: another copy of the library (an earlier
    commit's, to compare); each answer's digests (:func:`_answer_digests`) are reported too.
    ``page``: each SELECT query that is not a check is timed again for its first page of that
    many rows, as ``pactgraph query`` asks for it (``page_ms``, ``page_rows``).
    """
    import threading

    import pyoxigraph as ox

    t0 = time.perf_counter()
    if target.is_dir():
        store = ox.Store.read_only(str(target))
    else:
        store = ox.Store()
        store.bulk_load(path=str(target), format=ox.RdfFormat.N_TRIPLES)
    _emit({"load_s": round(time.perf_counter() - t0, 3), "triples": len(store)})
    for q in _library(queries_dir):
        if q.name in skip:
            continue
        text = _query_text(q)
        if text is None:
            _emit({"query": q.name, "skipped": "required parameter without a value"})
            continue
        times: list[float] = []
        got: list = [[], []]

        def once(text: str = text, got: list = got) -> None:
            answer = store.query(text, use_default_graph_as_union=True)
            if isinstance(answer, ox.QueryBoolean):
                got[:] = [[], [(bool(answer),)]]
            else:
                got[:] = [list(answer.variables), list(answer)]

        for _ in range(repeat):
            t = time.perf_counter()
            worker = threading.Thread(target=once, daemon=True)
            worker.start()
            worker.join(limit)
            if worker.is_alive():
                _emit({"query": q.name, "timeout_s": limit})
                os._exit(3)
            times.append(time.perf_counter() - t)
            if times[-1] > limit / 3:
                break  # slow enough that one run is a fair figure
        ms = round(statistics.median(times) * 1000, 2)
        record = {"query": q.name, "ms": ms, "rows": len(got[1]), **_answer_digests(*got)}
        if page and not q.is_check:
            record |= _first_page(store, text, page, repeat)
        _emit(record)


def _first_page(store, text: str, size: int, repeat: int) -> dict:
    """The first page of ``size`` rows, as ``pactgraph query`` asks for it: median ms, rows."""
    from pactgraph.query import Page, paged_text

    paged = paged_text(text, Page(size=size))
    if paged is None:
        return {}
    times, rows = [], 0
    for _ in range(repeat):
        t = time.perf_counter()
        rows = len(list(store.query(paged, use_default_graph_as_union=True)))
        times.append(time.perf_counter() - t)
    return {"page_ms": round(statistics.median(times) * 1000, 2), "page_rows": min(rows, size)}


class _Timeout(Exception):
    pass


def child_queries_rdflib(target: Path, per_query: float) -> None:
    """Parse the graph with rdflib and time each query once (``per_query`` seconds at most)."""
    from rdflib import Graph

    def alarm(_signum, _frame):
        raise _Timeout

    signal.signal(signal.SIGALRM, alarm)
    t0 = time.perf_counter()
    g = Graph()
    g.parse(str(target), format="nt")
    _emit({"load_s": round(time.perf_counter() - t0, 3), "triples": len(g)})
    for q in _library():
        text = _query_text(q)
        if text is None:
            _emit({"query": q.name, "skipped": "required parameter without a value"})
            continue
        t = time.perf_counter()
        signal.setitimer(signal.ITIMER_REAL, per_query)
        try:
            answer = g.query(text)
            rows = 1 if answer.type == "ASK" else sum(1 for _ in answer)
            signal.setitimer(signal.ITIMER_REAL, 0)
            _emit({"query": q.name, "ms": round((time.perf_counter() - t) * 1000, 2), "rows": rows})
        except _Timeout:
            _emit({"query": q.name, "timeout_s": per_query})
        except Exception as exc:  # rdflib's own failures are a result here
            signal.setitimer(signal.ITIMER_REAL, 0)
            _emit({"query": q.name, "error": f"{type(exc).__name__}: {exc}"[:120]})


def _read_lines(path: Path) -> list[dict]:
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return out


# --- the benchmark -----------------------------------------------------------------------------


@dataclass
class Options:
    scales: list[float]
    jobs: int
    jobs1_scale: float | None
    seed: str
    build_timeout: float
    pyshacl_max_triples: int
    pyshacl_timeout: float
    rdflib_max_triples: int
    rdflib_query_timeout: float
    repeat: int
    results: Path
    oxigraph_query_timeout: float = 120
    builds_only: bool = False
    queries_only: bool = False
    #: above this, nothing loads the whole graph in memory (pyoxigraph needs ~0.6 KB a triple,
    #: so 67 million triples would not fit this machine): only the on-disk store is measured
    memory_max_triples: int = 20_000_000
    #: the filing's corpora to build (bench/filing.py); None: those of ``scales``
    filing_scales: list[float] | None = None
    #: builds of each filing corpus; the one of median CPU is its row, every run's CPU beside it
    build_repeat: int = 1


def build(corpus: Path, scale: float, jobs: int, timeout: float) -> dict:
    out = OUT / f"build-{_fmt_scale(scale)}x-j{jobs}"
    shutil.rmtree(out, ignore_errors=True)
    cmd = [
        str(PACTGRAPH),
        "build",
        str(corpus),
        "--out",
        str(out),
        "--no-validate",
        "--jobs",
        str(jobs),
    ]
    run = measure(cmd, timeout=timeout)
    stats = json.loads((out / "stats.json").read_text()) if (out / "stats.json").exists() else {}
    return _build_record(scale, jobs, out, asdict(run), stats)


def _build_record(scale: float, jobs: int, out: Path, run: dict, stats: dict) -> dict:
    """One build's row: the measured run, the build's own figures, and rates derived from both."""
    keep = ("documents", "works", "provisions", "paragraphs", "commitments", "triples", "timings")
    rec = {"scale": scale, "jobs": jobs, "out": str(out), "run": run}
    rec.update({k: stats.get(k) for k in keep})
    if run.get("exit") is not None and run["wall_s"] and stats:
        rec["paragraphs_per_s"] = round(stats["paragraphs"] / run["wall_s"], 1)
        rec["triples_per_s"] = round(stats["triples"] / run["wall_s"])
        rec["graph_nt_mb"] = round((out / "graph.nt").stat().st_size / 2**20, 1)
        rec["store"] = (out / "store").is_dir()
    return rec


def validation(build_dir: Path, triples: int, opt: Options) -> dict:
    graph = build_dir / "graph.nt"
    rec: dict = {}
    if triples <= opt.memory_max_triples:
        fast = [str(PACTGRAPH), "validate", str(graph), "--engine", "shacl"]
        fast += ["--out", str(OUT / "fast.ttl")]
        rec["fast"] = asdict(measure(fast, timeout=opt.build_timeout))
    else:
        rec["fast"] = {"skipped": f"in memory: more than {opt.memory_max_triples:,} triples"}
    if (build_dir / "store").is_dir():
        on_disk = [str(PACTGRAPH), "validate", str(build_dir / "store"), "--engine", "shacl"]
        rec["fast_store"] = asdict(
            measure([*on_disk, "--out", str(OUT / "fast-store.ttl")], timeout=opt.build_timeout)
        )
    if triples <= opt.pyshacl_max_triples:
        slow = [str(PACTGRAPH), "validate", str(graph), "--engine", "pyshacl"]
        slow += ["--out", str(OUT / "pyshacl.ttl")]
        rec["pyshacl"] = asdict(measure(slow, timeout=opt.pyshacl_timeout))
    else:
        rec["pyshacl"] = {"skipped": f"more than {opt.pyshacl_max_triples:,} triples"}
    return rec


def queries(build_dir: Path, triples: int, opt: Options, scale: float | str) -> dict:
    """Every library query on the build (``scale``: the multiple, or a name for the files)."""
    rec: dict = {}
    me = [str(PYTHON), str(Path(__file__).resolve())]
    tag = scale if isinstance(scale, str) else f"{_fmt_scale(scale)}x"
    targets = [("oxigraph", build_dir / "graph.nt")]
    if triples > opt.memory_max_triples:
        rec["oxigraph"] = {"skipped": f"more than {opt.memory_max_triples:,} triples", "lines": []}
        targets = []
    if (build_dir / "store").is_dir():
        targets.append(("oxigraph_disk", build_dir / "store"))
    for name, target in targets:
        got: list[dict] = []
        runs = []
        while True:  # a child exits after a query that ran out of time: start it again
            lines = OUT / f"q-{name}-{tag}-{len(runs)}.jsonl"
            cmd = [*me, "--child", "queries-oxigraph", str(target), "--repeat", str(opt.repeat)]
            cmd += ["--query-timeout", str(opt.oxigraph_query_timeout)]
            done = sorted(d["query"] for d in got if "query" in d)
            cmd += ["--skip", ",".join(done)] if done else []
            run = measure(cmd, timeout=opt.build_timeout, stdout=lines)
            runs.append(asdict(run))
            new = _read_lines(lines)
            got += [d for d in new if "query" in d or not any("load_s" in g for g in got)]
            if run.exit != 3 or not any("timeout_s" in d for d in new):
                break
        rec[name] = {"run": runs[0], "runs": runs, "lines": got}
    if triples <= opt.rdflib_max_triples:
        lines = OUT / f"q-rdflib-{tag}.jsonl"
        cmd = [*me, "--child", "queries-rdflib", str(build_dir / "graph.nt")]
        cmd += ["--query-timeout", str(opt.rdflib_query_timeout)]
        run = measure(cmd, timeout=opt.build_timeout, stdout=lines)
        rec["rdflib"] = {"run": asdict(run), "lines": _read_lines(lines)}
    else:
        rec["rdflib"] = {"skipped": f"more than {opt.rdflib_max_triples:,} triples"}
    return rec


def parse_gnu_time(text: str) -> dict:
    """Wall, CPU and peak memory from the output of ``/usr/bin/time -v``."""
    fields = {}
    for line in text.splitlines():
        key, _, value = line.strip().rpartition(": ")
        fields[key] = value
    h, m, sec = (["0", *fields["Elapsed (wall clock) time (h:mm:ss or m:ss)"].split(":")])[-3:]
    return {
        "wall_s": round(int(h) * 3600 + int(m) * 60 + float(sec), 2),
        "exit": int(fields.get("Exit status", "0")),
        "max_rss_mb": round(int(fields["Maximum resident set size (kbytes)"]) / 1024, 1),
        "tree_rss_mb": None,
        "user_s": float(fields["User time (seconds)"]),
        "sys_s": float(fields["System time (seconds)"]),
    }


def _scale_entry(scale: float, manifest: dict, generated_s: float | None) -> dict:
    """The head of one scale's record: its corpus, and when and under what load it was measured."""
    return {
        "scale": scale,
        "corpus": {
            "bytes": manifest["bytes"],
            "files": manifest["files"],
            "documents": len(manifest["documents"]),
            "generated_s": generated_s,
        },
        "load": os.getloadavg(),
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def on_build(build_dir: Path, corpus: Path, time_log: Path | None, scale: float, opt: Options):
    """Validation and queries on a build made outside this script (a scale too long to rebuild).

    The build's record comes from its ``stats.json``, the corpus's ``manifest.json`` and, when
    given, the ``/usr/bin/time -v`` output of the build command.
    """
    stats = json.loads((build_dir / "stats.json").read_text())
    manifest = json.loads((corpus / "manifest.json").read_text())
    run = parse_gnu_time(time_log.read_text()) if time_log else {"wall_s": 0, "exit": None}
    run["command"] = f"pactgraph build {corpus} --out {build_dir} --no-validate (by hand)"
    entry = _scale_entry(scale, manifest, None)
    entry["builds"] = [_build_record(scale, stats["jobs"], build_dir, run, stats)]
    print(f"== {_fmt_scale(scale)}x on {build_dir}: {stats['triples']:,} triples", flush=True)
    entry["validation"] = validation(build_dir, stats["triples"], opt)
    print("   validation done", flush=True)
    entry["queries"] = queries(build_dir, stats["triples"], opt, scale)
    print("   queries done", flush=True)
    return entry


def machine() -> dict:
    cpu = next(
        (
            ln.split(":", 1)[1].strip()
            for ln in Path("/proc/cpuinfo").read_text().splitlines()
            if ln.startswith("model name")
        ),
        platform.processor() or "unknown",
    )
    mem_kb = next(
        int(ln.split()[1])
        for ln in Path("/proc/meminfo").read_text().splitlines()
        if ln.startswith("MemTotal")
    )
    head = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    )
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory_gb": round(mem_kb / 2**20, 1),
        "python": platform.python_version(),
        "os": f"{platform.system()} {platform.release()}",
        "commit": head.stdout.strip() or "unknown",
    }


def _results_head(opt: Options, argv: list[str]) -> dict:
    """What every results file starts with: when, how, on what machine, under what load."""
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "command": "bench/run.py " + shlex.join(argv),
        "machine": machine(),
        "load_before": os.getloadavg(),
        "options": {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(opt).items()},
        "scales": [],
    }


def run_benchmark(opt: Options, argv: list[str]) -> dict:
    OUT.mkdir(parents=True, exist_ok=True)
    # the package as `make build` leaves it: its modules byte-compiled (Makefile, BYTECODE)
    compileall = [str(PYTHON), "-m", "compileall", "-q", str(ROOT / "src" / "pactgraph")]
    subprocess.run(compileall, check=True, stdout=subprocess.DEVNULL)
    results = _results_head(opt, argv)
    for scale in opt.scales:
        print(f"== {_fmt_scale(scale)}x", flush=True)
        corpus, manifest, gen_s = corpus_for(scale, opt.seed)
        entry = _scale_entry(scale, manifest, gen_s)
        print(
            f"   corpus {manifest['bytes'] / 2**20:.1f} MB, {len(manifest['documents'])} documents",
            flush=True,
        )
        if opt.queries_only:  # on the build a previous run left
            bdir = OUT / f"build-{_fmt_scale(scale)}x-j{opt.jobs}"
            triples = json.loads((bdir / "stats.json").read_text())["triples"]
            entry["queries"] = queries(bdir, triples, opt, scale)
            results["scales"].append(entry)
            (OUT / "results.json").write_text(json.dumps(results, indent=1) + "\n")
            continue
        builds = [build(corpus, scale, opt.jobs, opt.build_timeout)]
        if opt.jobs1_scale == scale and opt.jobs != 1:
            builds.append(build(corpus, scale, 1, opt.build_timeout))
        entry["builds"] = builds
        main = builds[0]
        print(f"   build {main['run']['wall_s']} s, {main.get('triples')} triples", flush=True)
        if main["run"]["exit"] in (0, 1) and main.get("triples") and not opt.builds_only:
            bdir = Path(main["out"])
            entry["validation"] = validation(bdir, main["triples"], opt)
            print("   validation done", flush=True)
            entry["queries"] = queries(bdir, main["triples"], opt, scale)
            print("   queries done", flush=True)
        results["scales"].append(entry)
        (OUT / "results.json").write_text(json.dumps(results, indent=1) + "\n")
    results["load_after"] = os.getloadavg()
    (OUT / "results.json").write_text(json.dumps(results, indent=1) + "\n")
    return results


# --- command line -------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument(
        "--scales", default="1,10,100", help="comma-separated multiples of the seed corpus"
    )
    p.add_argument(
        "--quick", action="store_true", help="1x and 3x only; results to bench/out/RESULTS-quick.md"
    )
    p.add_argument("--jobs", type=int, default=2, help="build processes (default 2)")
    p.add_argument(
        "--jobs1-scale",
        type=float,
        default=10,
        help="also build this scale with --jobs 1 (0: never)",
    )
    p.add_argument("--seed", default="1")
    p.add_argument(
        "--build-timeout",
        type=float,
        default=1800,
        help="seconds for one build, validation or query run",
    )
    p.add_argument("--pyshacl-max-triples", type=int, default=1_000_000)
    p.add_argument("--pyshacl-timeout", type=float, default=600)
    p.add_argument("--rdflib-max-triples", type=int, default=1_500_000)
    p.add_argument("--rdflib-query-timeout", type=float, default=60)
    p.add_argument("--repeat", type=int, default=3, help="pyoxigraph runs per query (median)")
    p.add_argument("--results", type=Path, default=None)
    p.add_argument(
        "--keep", action="store_true", help="keep what this run does not measure from results.json"
    )
    p.add_argument("--builds-only", action="store_true", help="measure builds only")
    p.add_argument(
        "--queries-only", action="store_true", help="measure queries only, on the cached build"
    )
    p.add_argument(
        "--report-only", action="store_true", help="rewrite the report from bench/out/results.json"
    )
    p.add_argument(
        "--notes",
        type=Path,
        default=BENCH / "notes.md",
        help="text appended to the report, if the file exists",
    )
    p.add_argument(
        "--child", choices=["queries-oxigraph", "queries-rdflib"], help=argparse.SUPPRESS
    )
    p.add_argument(
        "--on-build",
        type=Path,
        help="measure validation and queries on this existing build (one scale, from --scales)",
    )
    p.add_argument("--corpus-dir", type=Path, help="with --on-build: the corpus it was built from")
    p.add_argument(
        "--time-log", type=Path, help="with --on-build: /usr/bin/time -v output of the build"
    )
    p.add_argument(
        "--memory-max-triples",
        type=int,
        default=20_000_000,
        help="above this, measure the on-disk store only (nothing loads the graph in memory)",
    )
    p.add_argument(
        "--real",
        type=Path,
        default=None,
        help="the real collection to build, validate and query too (default: "
        "../shared/un-dev/texts when it exists; bench/real.py)",
    )
    p.add_argument("--no-real", action="store_true", help="skip the real collection")
    p.add_argument(
        "--no-filing",
        action="store_true",
        help="skip the filing's corpora (1x, 10x of the seed texts issue 16 was filed on, built "
        "today: bench/filing.py)",
    )
    p.add_argument(
        "--filing-scales",
        default=None,
        help="comma-separated scales of the filing's corpora to build (default: those of "
        "--scales among 1, 10, 100): the filing's 100x alone costs ~1.5 min, today's 100x with "
        "its validation and queries much more",
    )
    p.add_argument(
        "--build-repeat",
        type=int,
        default=1,
        help="builds of each of the filing's corpora: the run of median CPU is reported, with "
        "every run's CPU beside it (the 100x varies by +-5%% from run to run here)",
    )
    p.add_argument(
        "--real-first", type=int, default=200, help="texts (by name) in the real profiling subset"
    )
    p.add_argument(
        "--real-only",
        action="store_true",
        help="measure the real collection only; keep the generated scales from results.json",
    )
    p.add_argument("target", nargs="?", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--query-timeout", type=float, default=120, help=argparse.SUPPRESS)
    p.add_argument("--skip", default="", help=argparse.SUPPRESS)
    p.add_argument("--queries-dir", type=Path, default=None, help=argparse.SUPPRESS)
    p.add_argument("--page", type=int, default=0, help=argparse.SUPPRESS)
    p.add_argument(
        "--oxigraph-query-timeout", type=float, default=120, help="seconds per pyoxigraph query"
    )
    args = p.parse_args(argv)

    sys.path.insert(0, str(ROOT / "src"))
    if args.child == "queries-oxigraph":
        skip = {n for n in args.skip.split(",") if n}
        child_queries_oxigraph(
            args.target, args.repeat, args.query_timeout, skip, args.queries_dir, args.page
        )
        return 0
    if args.child == "queries-rdflib":
        child_queries_rdflib(args.target, args.query_timeout)
        return 0

    scales = [1.0, 3.0] if args.quick else [float(s) for s in args.scales.split(",") if s.strip()]
    results_path = args.results or (
        OUT / "RESULTS-quick.md" if args.quick else BENCH / "RESULTS.md"
    )
    opt = Options(
        scales=scales,
        jobs=args.jobs,
        jobs1_scale=None if args.quick or not args.jobs1_scale else args.jobs1_scale,
        seed=args.seed,
        build_timeout=args.build_timeout,
        pyshacl_max_triples=args.pyshacl_max_triples,
        pyshacl_timeout=args.pyshacl_timeout,
        rdflib_max_triples=args.rdflib_max_triples,
        rdflib_query_timeout=args.rdflib_query_timeout,
        repeat=args.repeat,
        results=results_path,
        builds_only=args.builds_only,
        queries_only=args.queries_only,
        oxigraph_query_timeout=args.oxigraph_query_timeout,
        memory_max_triples=args.memory_max_triples,
        filing_scales=(
            [float(x) for x in args.filing_scales.split(",")] if args.filing_scales else None
        ),
        build_repeat=args.build_repeat,
    )
    if args.on_build:
        if len(scales) != 1 or not args.corpus_dir:
            p.error("--on-build needs exactly one scale in --scales and --corpus-dir")
        OUT.mkdir(parents=True, exist_ok=True)
        tag = _fmt_scale(scales[0])
        results = _results_head(opt, argv)
        results["scales"].append(
            on_build(args.on_build, args.corpus_dir, args.time_log, scales[0], opt)
        )
        results["load_after"] = os.getloadavg()
        (OUT / f"results-{tag}x.json").write_text(json.dumps(results, indent=1) + "\n")
        target = args.results or OUT / f"RESULTS-{tag}x.md"
        target.write_text(report(results), encoding="utf-8")
        print(f"wrote {target}")
        return 0
    import real  # bench/real.py

    skip_real = args.no_real or (args.quick and not args.real)
    collection = None if skip_real else (args.real or real.DEFAULT_COLLECTION)
    if collection is not None and not collection.is_dir():
        if args.real or args.real_only:
            p.error(f"--real {collection}: no such folder")
        collection = None
    extra = args.notes.read_text(encoding="utf-8") if args.notes and args.notes.exists() else ""
    if args.real_only:
        if collection is None:
            p.error("--real-only needs the real collection (--real DIR)")
        OUT.mkdir(parents=True, exist_ok=True)
        entry = real.measure_real(collection, args.real_first, opt)
        entry["command"] = "bench/run.py " + shlex.join(argv)
        if not (OUT / "results.json").exists() and results_path.exists():
            # the generated scales' figures are not at hand (bench/out is per checkout): put the
            # new section in place of the old one in RESULTS.md, and the notes after it
            (OUT / "results-real.json").write_text(json.dumps(entry, indent=1) + "\n")
            text = splice_real(results_path.read_text(encoding="utf-8"), entry, extra)
            results_path.write_text(text, encoding="utf-8")
            print(f"wrote {results_path} (real-collection section and notes)")
            return 0
        results = json.loads((OUT / "results.json").read_text())
        results["real"] = entry
        (OUT / "results.json").write_text(json.dumps(results, indent=1) + "\n")
    elif args.report_only:
        results = json.loads((OUT / "results.json").read_text())
    else:
        previous = OUT / "results.json"
        kept = json.loads(previous.read_text())["scales"] if args.keep and previous.exists() else []
        results = run_benchmark(opt, argv)
        if not args.no_filing and not args.quick:
            import filing  # bench/filing.py: the filing's corpora, built today

            results["filing"] = filing.measure_filing(opt)
            (OUT / "results.json").write_text(json.dumps(results, indent=1) + "\n")
        if collection is not None:
            results["real"] = real.measure_real(collection, args.real_first, opt)
            results["real"]["command"] = "bench/run.py " + shlex.join(argv)
            results["load_after"] = os.getloadavg()
            (OUT / "results.json").write_text(json.dumps(results, indent=1) + "\n")
        elif args.keep and previous.exists():
            results["real"] = json.loads(previous.read_text()).get("real")
        if kept:
            ran = {e["scale"] for e in results["scales"]}
            old = {e["scale"]: e for e in kept}
            for e in results["scales"]:  # measures not run this time come from the kept run
                for k, v in old.get(e["scale"], {}).items():
                    e.setdefault(k, v)
            results["scales"] = sorted(
                [e for e in kept if e["scale"] not in ran] + results["scales"],
                key=lambda e: e["scale"],
            )
            results["command"] += " (other scales kept from an earlier run)"
            previous.write_text(json.dumps(results, indent=1) + "\n")
    before = results_path.read_text(encoding="utf-8") if results_path.exists() else ""
    results_path.write_text(with_kept_blocks(report(results, extra), before), encoding="utf-8")
    print(f"wrote {results_path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
