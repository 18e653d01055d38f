"""Every library query on large builds, before and after a change of the queries or the store.

Takes: the real collection (``../shared/un-dev/texts``) and a generated scale (100× the seed
corpus by default), and an earlier commit whose ``queries/`` are the "before" (``--before``).
Gives: the section of ``bench/RESULTS.md`` between ``<!-- queries_large:start -->`` and
``<!-- queries_large:end -->`` (and ``bench/out/queries-large.json``): for each build and each
library query, its rows and its latency

- on the on-disk store as the build writes it now (``pactgraph build --store``: bulk-loaded, then
  compacted), with the queries of this checkout ("after");
- on the same store with the ``--before`` commit's queries ("before"); with
  ``--before-uncompacted``, on the store as it was written before compaction existed
  (bulk-loaded, not compacted: loaded here from the same ``graph.nt``);
- in memory (pyoxigraph loaded from ``graph.nt``), before and after;
- for each list the server offers (every SELECT query but the checks), its first page of
  ``query.DEFAULT_PAGE_SIZE`` rows on the store, as ``pactgraph query`` asks for it by default;

and whether "after" gives the same rows as "before" (as a bag, ``GROUP_CONCAT`` lists compared as
sets; and in the same order), on the store and in memory.

Each set of queries runs in its own process (``bench/run.py --child queries-oxigraph``), median
of ``--repeat`` runs, each query stopped after ``--timeout`` seconds. Builds are cached in
``bench/out/ql-*``; ``--rebuild`` builds again. Run it under the heavy lock:
``flock /work/heavy.lock nice -n 10 .venv/bin/python bench/queries_large.py --before dcaa2a1``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import run as bench  # bench/run.py

START, END = "<!-- queries_large:start -->", "<!-- queries_large:end -->"
#: Why a query may stay over a second after the rewrites, each measured with Oxigraph's
#: ``oxigraph query --explain --stats`` on the 100x store (queries/README.md says more).
_CHECK = (
    "a contract check over every {what} of the build, which is validation's job: the SHACL "
    "shapes say the same of each node and the build validates them work by work, in the "
    "workers that emit them (`fanout.py`, `pactgraph build --validate`); the server does not "
    "offer the checks"
)
WHY = {
    "provisions-export": "an export, not a question: a row per provision and statement, "
    "bearer, partner, instrument and objective, every provision of the build "
    "(`pactgraph export provisions`, which keeps every row)",
    "checks/blank-node-violation": "tests every triple of the graph: no formulation avoids "
    "reading them all, and no SHACL shape can say it (a shape targets nodes by class or "
    "predicate); the build mints no blank node (`iris.py`), tested on the bundled build",
    "checks/span-incomplete-violation": _CHECK.format(what="text span (five predicates each)"),
    "checks/passage-without-document-violation": _CHECK.format(what="passage"),
    "checks/text-node-without-source-span-violation": _CHECK.format(
        what="document, passage, footnote, text block and statement"
    ),
    "checks/work-level-node-without-label-violation": _CHECK.format(
        what="provision, statement and objective (its label)"
    ),
    "checks/unwitnessed-ownership-violation": _CHECK.format(
        what="ownership link, each looked for among every commitment's witnesses"
    ),
    "requests-to-un": "a list of every request to a UN entity with its text and provision "
    "(over 12,000 rows on the real collection), sorted",
    "agency-roles": "a list of every role assignment with five labels each",
    "search-provisions": "tests the text of every provision (no text index in Oxigraph)",
    "commitments-concerning": "tests the text of every commitment (no text index in Oxigraph)",
    "commitments-by-modality": "counts every statement of every work by modality (a list: "
    "one row per work and modality, over 11,000 at 100x)",
    "objectives-without-owner": "tests every objective against every witness of ownership "
    "(every commitment's bearer, partner and citation, every role)",
    "agency-objectives": "groups every witness of ownership of every objective and labels it "
    "(rewritten like `agency-objective-instruments` it was slower: Oxigraph then read every "
    "label of the graph into hash tables)",
}
DEFAULT_REAL = bench.ROOT.parent / "shared" / "un-dev" / "texts"


def _build(source: Path, out: Path, rebuild: bool, timeout: float) -> dict:
    """``pactgraph build SOURCE --out OUT --store --no-validate --jobs 2``, unless cached."""
    if rebuild or not (out / "stats.json").exists() or not (out / "store").is_dir():
        shutil.rmtree(out, ignore_errors=True)
        cmd = [str(bench.PACTGRAPH), "build", str(source), "--out", str(out), "--store"]
        run = bench.measure([*cmd, "--no-validate", "--jobs", "2"], timeout=timeout)
        if run.exit not in (0, 1):
            raise SystemExit(f"build of {source} failed: exit {run.exit}")
    stats = json.loads((out / "stats.json").read_text())
    return {"triples": stats["triples"], "write_s": stats["timings"].get("write_s")}


def _uncompacted(build: Path) -> Path:
    """The store as the build wrote it before compaction: bulk-loaded from the same graph.nt."""
    import pyoxigraph as ox

    target = build.parent / (build.name + "-store-uncompacted")
    if not target.is_dir():
        store = ox.Store(str(target))
        store.bulk_load(path=str(build / "graph.nt"), format=ox.RdfFormat.N_TRIPLES)
        del store
    return target


def _queries_at(commit: str) -> Path:
    """``queries/`` as it was at ``commit`` (``git archive``), under bench/out."""
    target = bench.OUT / f"queries-{commit}"
    if not target.is_dir():
        target.mkdir(parents=True)
        archive = subprocess.run(
            ["git", "archive", commit, "queries"], cwd=bench.ROOT, capture_output=True, check=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target / "queries"


def _time_queries(
    target: Path, queries: Path | None, tag: str, opt: argparse.Namespace, page: int = 0
) -> dict:
    """Every query of ``queries`` (default: this checkout's) on ``target``: {name: record}."""
    me = [str(bench.PYTHON), str(Path(bench.__file__).resolve())]
    got: dict[str, dict] = {}
    load: dict = {}
    for attempt in range(40):  # a child exits after a query that ran out of time
        lines = bench.OUT / f"ql-{tag}-{attempt}.jsonl"
        cmd = [*me, "--child", "queries-oxigraph", str(target), "--repeat", str(opt.repeat)]
        cmd += ["--query-timeout", str(opt.timeout)]
        cmd += ["--queries-dir", str(queries)] if queries else []
        cmd += ["--page", str(page)] if page else []
        cmd += ["--skip", ",".join(sorted(got))] if got else []
        run = bench.measure(cmd, timeout=opt.timeout * 40 + 600, stdout=lines)
        new = bench._read_lines(lines)
        load = load or next((d for d in new if "load_s" in d), {})
        got.update({d["query"]: d for d in new if "query" in d})
        if run.exit != 3:
            break
    print(f"   {tag}: {len(got)} queries", flush=True)
    return {"load": load, "queries": got}


def measure_build(name: str, build: Path, before: Path | None, opt: argparse.Namespace) -> dict:
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    entry: dict = {"name": name, "load": os.getloadavg(), "date": now}
    from pactgraph.query import DEFAULT_PAGE_SIZE

    store = build / "store"
    runs = {
        "store_after": _time_queries(store, None, f"{name}-store-after", opt, DEFAULT_PAGE_SIZE)
    }
    if before:
        old_store = _uncompacted(build) if opt.before_uncompacted else store
        runs["store_before"] = _time_queries(old_store, before, f"{name}-store-before", opt)
    graph = build / "graph.nt"
    runs["memory_after"] = _time_queries(graph, None, f"{name}-memory-after", opt)
    if before:
        runs["memory_before"] = _time_queries(graph, before, f"{name}-memory-before", opt)
    entry["runs"] = runs
    entry["load_after"] = os.getloadavg()
    return entry


def _ms(rec: dict | None) -> str:
    if not rec:
        return "–"
    if "timeout_s" in rec:
        return f"> {rec['timeout_s'] * 1000:,.0f}"
    return f"{rec['ms']:,.1f}" if "ms" in rec else "–"


def _same(a: dict | None, b: dict | None) -> str:
    if not a or not b or "bag" not in a or "bag" not in b:
        return "–"
    if a["bag"] != b["bag"]:
        return "**no**"
    return "yes" if a["order"] == b["order"] else "yes (order differs)"


def report(results: dict) -> str:
    m = results["machine"]
    lines = [
        START,
        "## Queries on large builds (`bench/queries_large.py`)",
        "",
        f"- **Date**: {results['date']}",
        f"- **Machine**: {m['nproc']} CPUs ({m['cpu']}), {m['memory_gb']} GB memory, "
        f"Python {m['python']}, pactgraph at commit `{m['commit']}`",
        f"- **Command**: `{results['command']}`",
        f"- **Before**: the queries of commit `{results['before']}` "
        + (
            "on the store bulk-loaded without compaction (as the build wrote it then); "
            if results.get("before_uncompacted", True)
            else "on the same store; "
        )
        + "**after**: this commit's queries on the store the build writes now (bulk-loaded, "
        "then compacted once). Memory: pyoxigraph loaded from the build's `graph.nt`. Median of "
        "the repeats, milliseconds, parameters at their defaults (`search-provisions`: "
        "`phrase=return`); `>` marks a query stopped at the time limit. *Same rows*: after "
        "against before, as a bag (`GROUP_CONCAT` lists compared as sets), and whether in the "
        "same order. *First page*: the first "
        f"{results.get('page', 100)} rows in a stable order, as `pactgraph query` and the "
        "server's links ask for a list by default (`--all`: every row), on the store, after; "
        "not for the checks, which the server does not offer. *< 1 s*: the whole answer "
        "(yes), only its first page (first page), or neither (no).",
        "",
    ]
    for entry in results["builds"]:
        runs = entry["runs"]
        sa, sb = runs["store_after"]["queries"], runs.get("store_before", {}).get("queries", {})
        ma, mb = runs["memory_after"]["queries"], runs.get("memory_before", {}).get("queries", {})
        names = sorted(set(sa) | set(sb) | set(ma) | set(mb))
        fast = [n for n in names if sa.get(n, {}).get("ms", 1e12) < 1000]
        paged = [n for n in names if n not in fast and sa.get(n, {}).get("page_ms", 1e12) < 1000]
        fast_before = [n for n in names if sb.get(n, {}).get("ms", 1e12) < 1000]
        lines += [
            f"### {entry['title']}",
            "",
            f"{entry['triples']:,} triples; measured {entry.get('date', results['date'])} at "
            f"commit `{entry.get('commit', m['commit'])}`; load average {entry['load'][0]:.1f} "
            "at the start, "
            f"{entry['load_after'][0]:.1f} at the end; memory loaded in "
            f"{runs['memory_after']['load'].get('load_s', '–')} s.",
            "",
            "| query | rows | store before ms | store after ms | first page ms (store) | "
            "memory before ms | memory after ms | same rows (store) | same rows (memory) | "
            "< 1 s on the store |",
            "|---|---:|---:|---:|---:|---:|---:|---|---|---|",
        ]
        for n in names:
            rows = sa.get(n, ma.get(n, {})).get("rows", "–")
            page = sa.get(n, {})
            first = f"{page['page_ms']:,.1f}" if "page_ms" in page else "–"
            verdict = "yes" if n in fast else "first page" if n in paged else "no"
            lines.append(
                f"| `{n}` | {rows} | {_ms(sb.get(n))} | {_ms(sa.get(n))} | {first} | "
                f"{_ms(mb.get(n))} | {_ms(ma.get(n))} | {_same(sa.get(n), sb.get(n))} | "
                f"{_same(ma.get(n), mb.get(n))} | {verdict} |"
            )
        slow = [n for n in names if n not in fast]
        same_text = [n for n in results.get("unchanged", []) if _ratio(sa.get(n), sb.get(n))]
        ratios = sorted(_ratio(sa.get(n), sb.get(n)) for n in same_text)
        noise = (
            f"The noise of these figures: the {len(ratios)} queries whose text did not change "
            f"took {ratios[0]:.2f}–{ratios[-1]:.2f}× their 'before' time on the store (median "
            f"{ratios[len(ratios) // 2]:.2f}×), before and after having run one after the other "
            "on a shared machine. "
            if ratios
            else ""
        )
        lines += [
            "",
            noise
            + f"On the store: {len(fast)} of {len(names)} under 1 s after (the whole answer), "
            f"{len(fast_before)} before"
            + (f"; the first page only: {', '.join(f'`{n}`' for n in paged)}" if paged else "")
            + (
                f"; the whole answer over 1 s after: {', '.join(f'`{n}`' for n in slow)}."
                if slow
                else "."
            ),
            "",
        ]
        lines += [f"- `{n}`: {WHY.get(n, 'not explained yet')}." for n in slow]
        lines += [""] if slow else []
    lines += [
        "1000× was not measured again here (its build alone is about 50 minutes on this "
        'machine): the "1000×" section below is the earlier measurement (2026-11-23), made '
        "with the queries and the store as they were before these changes.",
        "",
        END,
    ]
    return "\n".join(lines) + "\n"


def _ratio(after: dict | None, before: dict | None) -> float:
    """after / before on the store (0 when either was stopped or missing)."""
    if not after or not before or "ms" not in after or not before.get("ms"):
        return 0.0
    return after["ms"] / before["ms"]


def unchanged_queries(before: Path) -> list[str]:
    """The library queries whose file is the same in ``before`` as in this checkout."""
    here = bench.ROOT / "queries"
    names = []
    for path in sorted([*here.glob("*.rq"), *here.glob("checks/*.rq")]):
        old = before / path.relative_to(here)
        if old.is_file() and old.read_bytes() == path.read_bytes():
            rel = path.relative_to(here).with_suffix("")
            names.append(rel.as_posix())
    return names


def splice(text: str, section: str) -> str:
    """``section`` in place of the old one, or after the real collection's section."""
    if START in text and END in text:
        head, rest = text.split(START, 1)
        return head + section + rest.split(END, 1)[1].lstrip("\n")
    anchor = "\n## What 1000× would need"
    if anchor in text:
        head, tail = text.split(anchor, 1)
        return head.rstrip("\n") + "\n\n" + section + anchor + tail
    return text.rstrip("\n") + "\n\n" + section


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--real", type=Path, default=DEFAULT_REAL, help="the real collection")
    p.add_argument("--no-real", action="store_true")
    p.add_argument("--scale", type=float, default=100, help="generated scale (0: none)")
    p.add_argument("--before", help="commit whose queries/ are 'before' (none: no before)")
    p.add_argument(
        "--before-uncompacted",
        action="store_true",
        help="time the --before queries on the store bulk-loaded without compaction",
    )
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--timeout", type=float, default=60, help="seconds per query")
    p.add_argument("--rebuild", action="store_true")
    p.add_argument("--keep", action="store_true", help="keep the other builds of the last run")
    p.add_argument("--write", action="store_true", help="splice the section into RESULTS.md")
    p.add_argument(
        "--report-only", action="store_true", help="render bench/out/queries-large.json again"
    )
    opt = p.parse_args(argv)
    if opt.report_only:
        results = json.loads((bench.OUT / "queries-large.json").read_text())
        if results.get("before") and "unchanged" not in results:
            results["unchanged"] = unchanged_queries(_queries_at(results["before"]))
        return _write(report(results), opt.write)
    sys.path.insert(0, str(bench.ROOT / "src"))
    from pactgraph.query import DEFAULT_PAGE_SIZE

    bench.OUT.mkdir(parents=True, exist_ok=True)
    before = _queries_at(opt.before) if opt.before else None
    last = bench.OUT / "queries-large.json"
    previous = json.loads(last.read_text()) if last.exists() else None
    results: dict = {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": bench.machine(),
        "command": ".venv/bin/python bench/queries_large.py " + shlex.join(argv),
        "before": opt.before,
        "before_uncompacted": opt.before_uncompacted,
        "unchanged": unchanged_queries(before) if before else [],
        "page": DEFAULT_PAGE_SIZE,
        "builds": [],
    }
    targets = []
    if not opt.no_real and opt.real.is_dir():
        shown = os.path.relpath(opt.real, bench.ROOT)
        targets.append(("real", opt.real, f"The real collection (`{shown}`)"))
    if opt.scale:
        corpus, _manifest, _took = bench.corpus_for(opt.scale, "1")
        tag = bench._fmt_scale(opt.scale)
        targets.append((f"{tag}x", corpus, f"{tag}× the seed corpus (generated)"))
    for name, source, title in targets:
        out = bench.OUT / f"ql-{name}"
        print(f"== {name}: build {source} -> {out}", flush=True)
        built = _build(source, out, opt.rebuild, timeout=7200)
        entry = measure_build(name, out, before, opt)
        entry.update(built, title=title, commit=results["machine"]["commit"])
        results["builds"].append(entry)
        (bench.OUT / "queries-large.json").write_text(json.dumps(results, indent=1) + "\n")
    if opt.keep and previous:  # the builds not measured this time, from the last run
        ran = {e["name"] for e in results["builds"]}
        results["builds"] += [e for e in previous["builds"] if e["name"] not in ran]
        results["command"] += " (other builds kept from the last run)"
        (bench.OUT / "queries-large.json").write_text(json.dumps(results, indent=1) + "\n")
    return _write(report(results), opt.write)


def _write(section: str, write: bool) -> int:
    if write:
        path = bench.BENCH / "RESULTS.md"
        path.write_text(splice(path.read_text(encoding="utf-8"), section), encoding="utf-8")
        print(f"wrote {path}")
    else:
        print(section)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
