"""Benchmark: SHACL validation of real builds on each engine, against pySHACL and the old fast path.

Takes: scales K (the bench generator's corpus at K times the seed corpus, built with
``pactgraph build --no-validate``; both cached under ``bench/out/``), or ``--graph FILE`` for any
graph. Runs, each in its own process (``validate.validate_path``: the engine reads the file):
every engine of :data:`pactgraph.engines.ENGINES`, and the hand-written SPARQL compiler this
project used before (``fastvalidate.py`` as of commit ``OLD_FAST``, read from git and run
unchanged on the same file, in memory). Gives: one row per (scale, path): wall seconds (start-up
excluded; loading the graph included), peak RSS of that process, results, and whether the rows
equal pySHACL's, values compared exactly (lexical form, datatype, language; the old path has no
datatypes, so its values are compared by lexical form only). ``--write`` puts the table, with
the machine, the date and the command, into ``bench/VALIDATION.md`` (between its markers) and
into the validation section of ``bench/RESULTS.md``.

Usage::

    .venv/bin/python bench/bench_validate.py --scales 1 10 --write
    .venv/bin/python bench/bench_validate.py --scales 100 --pyshacl-max-triples 1000000 --write

Never run from the unit tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import platform
import resource
import shlex
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
PYTHON = Path(sys.executable)
PACTGRAPH = PYTHON.parent / "pactgraph"
#: The last commit with the hand-written SHACL-to-SPARQL compiler.
OLD_FAST = "e50c63a0fa1332d45ccf79094f97282c836bb7b0"
OLD_NAME = "old SPARQL fast path"
START, END = "<!-- bench_validate:start -->", "<!-- bench_validate:end -->"


# --- one measurement, in a child process ---------------------------------------------------------


def _old_fastvalidate() -> object:
    """``pactgraph/fastvalidate.py`` as of :data:`OLD_FAST`, importable as a pactgraph module."""
    from pactgraph import report, validate

    source = subprocess.run(
        ["git", "show", f"{OLD_FAST}:src/pactgraph/fastvalidate.py"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout
    # names it imported from pactgraph.validate that now live in pactgraph.report
    validate.RESULT_FIELDS = report.RESULT_FIELDS  # type: ignore[attr-defined]
    validate.result_node = report.result_node  # type: ignore[attr-defined]
    path = OUT / "fastvalidate_old.py"
    path.write_bytes(source)
    spec = importlib.util.spec_from_file_location("pactgraph.fastvalidate_old", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def measure_one(name: str, graph: Path, rows_out: Path) -> dict:
    """Validate ``graph`` on ``name``; write its rows to ``rows_out``; return the figures."""
    from pactgraph.validate import _default_shapes, default_hierarchy, validate_path

    _default_shapes(), default_hierarchy()  # read once, outside the timing (as in a server)
    if name == OLD_NAME:
        old = _old_fastvalidate()
        old.default_constraints()  # type: ignore[attr-defined]
        t0 = time.perf_counter()
        result = old.validate_path(graph)  # type: ignore[attr-defined]
    else:
        t0 = time.perf_counter()
        result = validate_path(graph, engine=name)
    seconds = time.perf_counter() - t0
    rows = sorted({(*r.key, r.value_term or r.value) for r in result.rows})
    rows_out.write_text(json.dumps(rows))
    return {
        "wall_s": round(seconds, 2),
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "results": len(result.rows),
        "violations": len(result.violations),
        "conforms": result.conforms,
    }


# --- the driver ----------------------------------------------------------------------------------


def build_of(scale: float) -> Path:
    """``graph.nt`` of the generator's corpus at ``scale`` (generated and built when missing)."""
    tag = f"{scale:g}x"
    corpus, build = OUT / f"validate-corpus-{tag}", OUT / f"validate-build-{tag}"
    graph = build / "graph.nt"
    if graph.exists():
        return graph
    if scale == 1:
        subprocess.run(
            [str(PACTGRAPH), "build", "--out", str(build), "--no-validate"],
            cwd=ROOT,
            check=True,
        )
        return graph
    gen = [str(PYTHON), "bench/generate_corpus.py", "--scale", f"{scale:g}", "--out", str(corpus)]
    subprocess.run(gen, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    subprocess.run(
        [str(PACTGRAPH), "build", str(corpus), "--out", str(build), "--no-validate", "-j", "2"],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return graph


def run_child(name: str, graph: Path, timeout: float) -> tuple[dict, list | None]:
    rows_out = OUT / f".rows-{os.getpid()}.json"
    cmd = [str(PYTHON), __file__, "--one", name, "--graph", str(graph), "--rows", str(rows_out)]
    try:
        done = subprocess.run(cmd, cwd=ROOT, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"skipped": f"stopped after {timeout:.0f} s"}, None
    if done.returncode != 0:
        tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
        return {"skipped": f"failed: {' '.join(tail)[:200]}"}, None
    figures = json.loads(done.stdout.decode().strip().splitlines()[-1])
    rows = [tuple(r) for r in json.loads(rows_out.read_text())]
    rows_out.unlink()
    return figures, rows


def count_triples(graph: Path) -> int:
    with graph.open("rb") as fh:
        return sum(1 for line in fh if line[:1] in (b"<", b"_"))


def _lexical(rows: list) -> set:
    """Rows with each N-Triples value reduced to its lexical form (for the old path)."""
    out = set()
    for *key, value in rows:
        if value.startswith('"'):
            value = value[1 : value.rindex('"')]
        elif value.startswith("<") and value.endswith(">"):
            value = value[1:-1]
        out.add((*key, value))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=float, nargs="+", default=[1, 10])
    parser.add_argument("--graph", type=Path, help="validate this graph instead of the scales")
    parser.add_argument("--pyshacl-max-triples", type=int, default=1_000_000)
    parser.add_argument("--timeout", type=float, default=900, help="per run, seconds")
    parser.add_argument("--write", action="store_true", help="update VALIDATION.md, RESULTS.md")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--rows", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    if args.one:
        print(json.dumps(measure_one(args.one, args.graph, args.rows)))
        return 0

    from pactgraph.engines import DEFAULT_ENGINE, ENGINES

    load_before = os.getloadavg()
    started = dt.datetime.now(dt.UTC)
    names = [DEFAULT_ENGINE, *sorted(n for n in ENGINES if n not in (DEFAULT_ENGINE, "pyshacl"))]
    table = [
        "| scale | triples | path | s | peak RSS MB | results | violations | same rows as "
        "pySHACL (values exact) | pySHACL s / this s |",
        "|---|---:|---|---:|---:|---:|---:|---|---:|",
    ]
    targets = [("–", args.graph)] if args.graph else [(f"{s:g}×", build_of(s)) for s in args.scales]
    for label, graph in targets:
        triples = count_triples(graph)
        runs: dict[str, tuple[dict, list | None]] = {}
        if triples <= args.pyshacl_max_triples:
            runs["pyshacl"] = run_child("pyshacl", graph, args.timeout)
        else:
            runs["pyshacl"] = ({"skipped": f"more than {args.pyshacl_max_triples:,} triples"}, None)
        for name in [*names, OLD_NAME]:
            runs[name] = run_child(name, graph, args.timeout)
        ref_fig, ref_rows = runs["pyshacl"]
        for name in [*names, OLD_NAME, "pyshacl"]:
            fig, rows = runs[name]
            if "skipped" in fig:
                table.append(f"| {label} | {triples:,} | {name} | {fig['skipped']} | | | | | |")
                continue
            same = "reference" if name == "pyshacl" else "not measured"
            if name != "pyshacl" and ref_rows is not None and rows is not None:
                if name == OLD_NAME:
                    ok = set(map(tuple, rows)) == _lexical(ref_rows)
                    same = "yes (lexical values)" if ok else "**no**"
                else:
                    diff = len(set(rows) ^ set(ref_rows))
                    same = "yes" if diff == 0 else f"**no** ({diff} rows differ)"
            ratio = (
                f"{ref_fig['wall_s'] / fig['wall_s']:.0f}×"
                if "wall_s" in ref_fig and name != "pyshacl" and fig["wall_s"]
                else ""
            )
            table.append(
                f"| {label} | {triples:,} | {name} | {fig['wall_s']:.1f} | "
                f"{fig['max_rss_mb']:,.0f} | {fig['results']:,} | {fig['violations']:,} | "
                f"{same} | {ratio} |"
            )
            print(table[-1], flush=True)
    head = [
        f"- **Date**: {started:%Y-%m-%d %H:%M} UTC",
        f"- **Machine**: {os.cpu_count()} CPUs, Linux {platform.release()}, "
        f"Python {platform.python_version()}, pactgraph at commit "
        + subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip(),
        "- **Command**: `.venv/bin/python bench/bench_validate.py "
        f"{shlex.join(argv or sys.argv[1:])}`",
        f"- **Load average** (1, 5, 15 min) before: {', '.join(f'{x:.1f}' for x in load_before)}; "
        f"after: {', '.join(f'{x:.1f}' for x in os.getloadavg())} (the machine is shared: wall "
        "times carry that noise; ratios are measured in one run).",
        "",
    ]
    text = "\n".join([*head, *table]) + "\n"
    print(text)
    if args.write:
        _write(ROOT / "bench" / "VALIDATION.md", text)
        _write_results(ROOT / "bench" / "RESULTS.md", text)
    return 0


def _write(path: Path, text: str) -> None:
    """Replace what stands between the markers in ``path`` with ``text``."""
    old = path.read_text(encoding="utf-8")
    start, end = old.index(START) + len(START), old.index(END)
    path.write_text(old[:start] + "\n" + text + old[end:], encoding="utf-8")


def _write_results(path: Path, text: str) -> None:
    """The validation section of RESULTS.md: this table, under run.py's own table if any."""
    old = path.read_text(encoding="utf-8")
    if START in old:
        _write(path, text)
        return
    heading = old.index("## Validation")
    nxt = old.index("\n## ", heading + 1)
    section = (
        "\n### Every engine, pySHACL and the old SPARQL fast path (`bench/bench_validate.py`)\n\n"
        f"{START}\n{text}{END}\n"
    )
    path.write_text(old[:nxt] + "\n" + section + old[nxt:], encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
