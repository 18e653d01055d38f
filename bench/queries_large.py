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

With ``--virtuoso``, the same builds side by side on a second store, OpenLink Virtuoso (Debian
``virtuoso-opensource``, ``bench/virtuoso.py``): ``graph.nt`` bulk-loaded with Virtuoso's own
loader and its full-text index on (the database kept in ``bench/out/ql-*-virtuoso/`` and loaded
again only when ``graph.nt`` changes; the load and index times are those of the load), every
library query but the checks timed there through its SPARQL endpoint (``pactgraph query
--endpoint``'s client), its rows compared by value with Oxigraph's; and the two text searches
also in a form that uses Virtuoso's text index (``bif:contains``: not SPARQL 1.1, so not the
library's form; the library's exact test kept after it).

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
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import time
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
    "search-provisions": "tests the text of every provision: Oxigraph keeps no text index, and "
    "reading every `pg:text` and testing each provision's takes over a second alone at 100x "
    "(measured without the labels and the work: 1.3 s); see Virtuoso's text index below when "
    "measured (`--virtuoso`)",
    "commitments-concerning": "tests the text of every commitment: Oxigraph keeps no text "
    "index, and reading every `pg:text` (677,000 at 100x) to test each commitment's is most of "
    "the time; see Virtuoso's text index below when measured (`--virtuoso`)",
    "commitments-by-modality": "counts every statement of every work by modality (a list: "
    "one row per work and modality, over 11,000 at 100x)",
    "objectives-without-owner": "tests every objective against every witness of ownership "
    "(every commitment's bearer, partner and citation, every role)",
    "agency-objectives": "groups every witness of ownership of every objective and labels it",
}
#: What a query that Virtuoso refuses or answers differently meets there (found by hand on the
#: loaded databases, bench/notes.md "Queries on large builds, fifth pass").
VIRTUOSO_WHY = {
    "commitments-by-bearer": 'refused with "SR478: Value of ANY type column too long": a '
    "bearer's `GROUP_CONCAT` of instruments is longer than Virtuoso allows",
    "agency-objectives": "at 100x refused with SR478 (the `GROUP_CONCAT` of the provisions "
    "behind a link); on the real collection 433 rows (Oxigraph's) on the first start after the "
    "load and 371 on later starts, with this form and the one before alike: Virtuoso leaves out "
    "agencies of the agencies sub-select depending on its plan",
    "objectives-without-owner": "the same objectives on both stores; at 100x Virtuoso counts 1 "
    "serving statement (`COUNT(DISTINCT ...)` over an `OPTIONAL` that matched nothing) where "
    "there is none, Oxigraph 0",
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
    if opt.virtuoso:
        entry["virtuoso"] = measure_virtuoso(name, build, opt)
    entry["load_after"] = os.getloadavg()
    return entry


# --- a second store side by side: Virtuoso --------------------------------------------------

DATASET = "https://w3id.org/pactgraph/dataset"
#: Virtuoso's settings for a large build: memory for the data (the ini's row for 8 GB free),
#: the build's folder readable by the bulk loader, whole answers (Debian's ini stops at 10,000
#: rows and after 60 s, and then answers in part without saying so to a plain client).
VIRTUOSO_SETTINGS = {
    "NumberOfBuffers": "680000",
    "MaxDirtyBuffers": "500000",
    "ResultSetMaxRows": "10000000",
    "MaxQueryExecutionTime": "0",
    "MaxQueryCostEstimationTime": "0",
}
#: The library's text searches: the parameter holding the phrase, and the node whose
#: ``pg:text`` each tests (read in the library's form by ``{ SELECT ?node ?text WHERE { ?node
#: pg:text ?text } }``, in the indexed form through ``bif:contains`` first).
TEXT_SEARCHES = {
    "search-provisions": ("phrase", "?provision"),
    "commitments-concerning": ("group", "?commitment"),
}


def _values_digest(result) -> dict:
    """Digests of an answer by value (the lexical form of each cell, ``GROUP_CONCAT`` parts
    sorted: ``run.group_concat_parts``), as a bag and in order: Virtuoso and Oxigraph give the
    same values with datatypes that may differ (``tests/test_publish_virtuoso.py``)."""
    rows = [
        tuple("" if t is None else bench.group_concat_parts(str(t)) for t in row)
        for row in result.rows
    ]
    vbag, vorder = bench.row_digests(rows)
    return {"rows": len(rows), "vbag": vbag, "vorder": vorder}


def _text_indexed(query, phrase: str):
    """``query`` (a text search of the library) reading its texts through Virtuoso's text
    index: the words of ``phrase`` as a prefix phrase (``"return*"``) in ``bif:contains``, the
    library's exact test (substring, any case) after it. Words the index sees only inside a
    longer word ("grandchildren" for "children") are not found so: the rows are compared."""
    from dataclasses import replace

    param, node = TEXT_SEARCHES[query.name]
    pattern = f"{{ SELECT {node} ?text WHERE {{ {node} pg:text ?text }} }}"
    assert pattern in query.text, f"{query.name}: the text pattern moved"
    words = " ".join(re.findall(r"\w+", phrase))
    indexed = f"{node} pg:text ?text . ?text bif:contains '\"{words}*\"' ."
    text = query.text.replace(pattern, indexed)
    return replace(query, text=text), {param: phrase}


def measure_virtuoso(name: str, build: Path, opt: argparse.Namespace) -> dict:
    """The build on Virtuoso: load (cached), every library query but the checks, timed, its
    rows by value against Oxigraph's on the build's store; the text searches with the index."""
    import pyoxigraph as ox
    import virtuoso  # bench/virtuoso.py

    from pactgraph.endpoint import run_remote
    from pactgraph.query import DEFAULT_PAGE_SIZE, EmbeddedStore, Page

    nt = (build / "graph.nt").resolve()
    key = {"graph": str(nt), "bytes": nt.stat().st_size, "mtime": nt.stat().st_mtime}
    folder = bench.OUT / f"ql-{name}-virtuoso"
    stamp = folder / "loaded.json"
    loaded = json.loads(stamp.read_text()) if stamp.exists() else None
    if not loaded or loaded.get("key") != key:
        shutil.rmtree(folder, ignore_errors=True)
        loaded = None
    settings = {
        **VIRTUOSO_SETTINGS,
        "DirsAllowed": f"., /usr/share/virtuoso-opensource-7/vad, {nt.parent}",
    }
    library = [q for q in bench._library() if not q.is_check]
    oxigraph = EmbeddedStore(ox.Store.read_only(str(build / "store")), source=str(build))
    entry: dict = {"queries": {}, "text_indexed": {}}
    with virtuoso.running(folder, settings) as server:
        if loaded is None:
            print(f"   virtuoso: bulk-loading {nt}", flush=True)
            now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
            loaded = {"key": key, "date": now, "load": os.getloadavg()[0]}
            loaded |= virtuoso.bulk_load(server, nt, DATASET)
            stamp.write_text(json.dumps(loaded, indent=1) + "\n")
        entry["loaded"] = loaded
        endpoint = server.url + "/sparql"

        def timed(query, values) -> dict:
            """Median ms of the whole answer, its digests, and the first page's median ms."""
            record: dict = {}
            for page in (None, Page(size=DEFAULT_PAGE_SIZE)):
                times, result = [], None
                for _ in range(opt.repeat):
                    t = time.perf_counter()
                    try:
                        result = run_remote(
                            endpoint,
                            query,
                            values,
                            default_graphs=[DATASET],
                            timeout=opt.timeout,
                            page=page,
                        )
                    except Exception as exc:  # a store's refusal is a result here
                        error = str(exc).split("failed: ")[-1].split(". ")[0]
                        return record | {"error": error[:160]}
                    times.append(time.perf_counter() - t)
                    if times[-1] > opt.timeout / 3:
                        break
                ms = round(statistics.median(times) * 1000, 2)
                record |= {"page_ms": ms} if page else {"ms": ms, **_values_digest(result)}
            return record

        for q in library:
            values = {p.name: bench.REQUIRED_VALUES[p.name] for p in q.params if p.required}
            record = timed(q, values)
            record["oxigraph"] = _values_digest(oxigraph.run(q, values))
            entry["queries"][q.name] = record
            if q.name in TEXT_SEARCHES:
                param = TEXT_SEARCHES[q.name][0]
                given = values.get(param) or next(p.default for p in q.params if p.name == param)
                indexed, indexed_values = _text_indexed(q, given)
                entry["text_indexed"][q.name] = timed(indexed, indexed_values) | {
                    "values": f"{param}={given}"
                }
    print(f"   virtuoso: {len(entry['queries'])} queries", flush=True)
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
        if entry.get("virtuoso"):
            lines += virtuoso_report(entry["virtuoso"], sa)
    lines += [
        "1000× was not measured again here (its build alone is about 50 minutes on this "
        'machine): the "1000×" section below is the earlier measurement (2026-11-23), made '
        "with the queries and the store as they were before these changes.",
        "",
        END,
    ]
    return "\n".join(lines) + "\n"


def virtuoso_report(virt: dict, store: dict) -> list[str]:
    """The side-by-side table of one build: Oxigraph's store (after) and Virtuoso."""
    loaded = virt["loaded"]
    lines = [
        "#### Side by side: Virtuoso",
        "",
        f"OpenLink Virtuoso {virt.get('version', '7.2')} (Debian `virtuoso-opensource`, "
        "`bench/virtuoso.py`), on the same machine: `graph.nt` bulk-loaded with its own loader "
        f"(`ld_dir`, `rdf_loader_run`, `checkpoint`) in {loaded['load_s']:,.1f} s "
        f"({loaded['triples']:,} triples counted after; load average "
        f"{loaded.get('load', 0):.1f}, {loaded['date']}), its full-text index on every literal "
        f"built in {loaded.get('text_index_s', 0):,.1f} s more. Each library query but the checks "
        "through its SPARQL endpoint as `pactgraph query --endpoint` sends it (HTTP and the "
        "JSON results included: Oxigraph's figures are in-process), median of the repeats; "
        "*same rows*: by value (the lexical form of each cell) against Oxigraph's answer on the "
        "store, as a bag and in order.",
        "",
        "| query | rows | Oxigraph store ms | Virtuoso ms | first page ms (Virtuoso) | same rows "
        "| < 1 s on Virtuoso |",
        "|---|---:|---:|---:|---:|---|---|",
    ]
    fast = first_page = 0
    for name, rec in sorted(virt["queries"].items()):
        ox_rec = rec.get("oxigraph", {})
        if "error" in rec:
            lines.append(
                f"| `{name}` | {ox_rec.get('rows', '–')} | {_ms(store.get(name))} | "
                f"{rec['error']} | – | – | no |"
            )
            continue
        same = (
            "**no**"
            if rec["vbag"] != ox_rec.get("vbag")
            else "yes"
            if rec["vorder"] == ox_rec.get("vorder")
            else "yes (order differs)"
        )
        under = rec["ms"] < 1000
        paged = not under and rec.get("page_ms", 1e12) < 1000
        fast += under
        first_page += paged
        verdict = "yes" if under else "first page" if paged else "no"
        lines.append(
            f"| `{name}` | {rec['rows']} | {_ms(store.get(name))} | {rec['ms']:,.1f} | "
            f"{_ms({'ms': rec['page_ms']} if 'page_ms' in rec else None)} | {same} | {verdict} |"
        )
    odd = [
        n
        for n, rec in sorted(virt["queries"].items())
        if "error" in rec or rec.get("vbag") != rec.get("oxigraph", {}).get("vbag")
    ]
    why = VIRTUOSO_WHY
    lines += [""] + [f"- `{n}` on Virtuoso: {why.get(n, 'not explained yet')}." for n in odd]
    lines += [
        "",
        f"On Virtuoso: {fast} of {len(virt['queries'])} under 1 s (the whole answer), "
        f"{first_page} more by their first page.",
        "",
    ]
    if virt.get("text_indexed"):
        lines += [
            "The text searches read through Virtuoso's text index (`?text bif:contains "
            "'\"word*\"'`, then the library's exact test): `bif:contains` is Virtuoso's own, "
            "not SPARQL 1.1, so it is not the library's form, which stays standard and answers "
            "on any store. It finds a word and the words it begins, not a word inside a longer "
            "one, so its rows are compared with the library's answer:",
            "",
            "| query | parameter | rows | Virtuoso, text index ms | first page ms | "
            "same rows as the library's |",
            "|---|---|---:|---:|---:|---|",
        ]
        for name, rec in sorted(virt["text_indexed"].items()):
            library = virt["queries"].get(name, {})
            if "error" in rec:
                lines.append(f"| `{name}` | – | – | {rec['error']} | – | – |")
                continue
            same = (
                "yes"
                if rec["vbag"] == library.get("vbag")
                else (f"no: {rec['rows']} of {library.get('rows', '–')}")
            )
            lines.append(
                f"| `{name}` | `{rec.get('values', '')}` | {rec['rows']} | {rec['ms']:,.1f} | "
                f"{_ms({'ms': rec['page_ms']} if 'page_ms' in rec else None)} | {same} |"
            )
        lines.append("")
    return lines


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
    p.add_argument(
        "--virtuoso",
        action="store_true",
        help="also load each build into Virtuoso (text index on) and time the queries there",
    )
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
