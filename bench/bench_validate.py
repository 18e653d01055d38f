"""Benchmark: SHACL validation with pySHACL (reference) and with the shapes compiled to SPARQL.

Takes: ``tests/data/validate/seed.ttl`` (a conforming, contract-shaped graph of ~400 triples) and
target sizes. Builds each graph by replicating the seed with renamed data IRIs (copy ``i`` lives
under ``https://w3id.org/pactgraph/c{i}/``; ontology terms are untouched); every 100th copy
carries the three mutations of the tests (a commitment without bearer, one without carrying
instrument, one with an unknown modality), so the report is not empty.
Gives: one Markdown table row per (size, path) on stdout: load time, validation time, results,
violations, peak RSS, and whether both paths found the same result keys. Results go into
``bench/VALIDATION.md`` by hand, with the machine and the date.

Usage::

    .venv/bin/python bench/bench_validate.py --sizes 100000 1000000
    .venv/bin/python bench/bench_validate.py --sizes 10000000 --fast-only --on-disk
    .venv/bin/python bench/bench_validate.py --sizes 100000 --rdfs   # also pySHACL + RDFS

Never run from the unit tests (nothing here is timed inside ``pytest``).
"""

from __future__ import annotations

import argparse
import gc
import re
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
from pyshacl import validate as pyshacl_validate
from rdflib import Graph, URIRef

from pactgraph import fastvalidate
from pactgraph.namespaces import PG
from pactgraph.validate import _default_shapes, default_hierarchy, validate_graph

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "data" / "validate" / "seed.ttl"
DATA_IRI = re.compile(r"<https://w3id\.org/pactgraph/(?!ontology#)")
UNKNOWN = URIRef(str(PG.obligation).replace("obligation", "mustPerhaps"))


def _templates() -> tuple[str, str]:
    """The seed and its three-mutation variant as N-Triples with a ``{COPY}`` placeholder."""
    seed = Graph().parse(SEED, format="turtle")
    mutated = Graph() + seed
    chosen = sorted(
        c
        for c in seed.subjects(PG.bearer, None)
        if seed.value(c, PG.madeIn) is not None and seed.value(c, PG.modality) is not None
    )[:3]
    mutated.remove((chosen[0], PG.bearer, None))
    mutated.remove((chosen[1], PG.madeIn, None))
    mutated.set((chosen[2], PG.modality, UNKNOWN))

    def template(graph: Graph) -> str:
        text = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
        lines = sorted(line for line in text.splitlines() if line.strip())
        return DATA_IRI.sub("<https://w3id.org/pactgraph/c{COPY}/", "\n".join(lines)) + "\n"

    return template(seed), template(mutated)


def generate(target: int, path: Path) -> int:
    """Write about ``target`` triples of replicated seed to ``path``; return the exact count."""
    clean, broken = _templates()
    per_copy = clean.count("\n")
    copies = max(1, round(target / per_copy))
    triples = 0
    with path.open("w", encoding="utf-8") as out:
        for i in range(copies):
            chunk = (broken if i % 100 == 0 else clean).replace("{COPY}", str(i))
            out.write(chunk)
            triples += chunk.count("\n")
    return triples


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_pyshacl(path: Path, *, rdfs: bool = False) -> tuple[dict, set]:
    t0 = time.perf_counter()
    graph = Graph()
    graph.parse(path, format="nt")
    load = time.perf_counter() - t0
    t1 = time.perf_counter()
    if rdfs:
        from pactgraph.ontology import load_graph

        _conforms, report, _ = pyshacl_validate(
            graph,
            shacl_graph=_default_shapes(),
            ont_graph=load_graph(),
            inference="rdfs",
            allow_infos=True,
            allow_warnings=True,
        )
        from pactgraph.validate import canonical_report, report_rows

        rows = report_rows(canonical_report(report), graph)
    else:
        result = validate_graph(graph)
        rows = result.rows
    seconds = time.perf_counter() - t1
    keys = {r.key for r in rows}
    violations = sum(1 for r in rows if r.severity_name == "Violation")
    del graph
    gc.collect()
    return {
        "load_s": load,
        "validate_s": seconds,
        "results": len(rows),
        "violations": violations,
    }, keys


def bench_fast(path: Path, *, on_disk: bool) -> tuple[dict, set]:
    workdir = Path(tempfile.mkdtemp(prefix="pg-bench-store-")) if on_disk else None
    t0 = time.perf_counter()
    store = ox.Store(str(workdir)) if workdir else ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES)
    if workdir:
        store.flush()
        del store
        store = ox.Store.read_only(str(workdir))
    load = time.perf_counter() - t0
    t1 = time.perf_counter()
    result = fastvalidate.validate_store(store)
    seconds = time.perf_counter() - t1
    keys = {r.key for r in result.rows}
    del store
    if workdir:
        shutil.rmtree(workdir, ignore_errors=True)
    return {
        "load_s": load,
        "validate_s": seconds,
        "results": len(result.rows),
        "violations": len(result.violations),
    }, keys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--fast-only", action="store_true", help="skip pySHACL")
    parser.add_argument("--on-disk", action="store_true", help="fast path on an on-disk store")
    parser.add_argument("--rdfs", action="store_true", help="also pySHACL with inference=rdfs")
    args = parser.parse_args(argv)

    default_hierarchy()
    fastvalidate.default_constraints()
    print(
        "| triples | path | load s | validate s | triples/s (validate) | results | violations "
        "| peak RSS MB | same keys |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|---:|---|")
    with tempfile.TemporaryDirectory(prefix="pg-bench-") as tmp:
        for size in args.sizes:
            path = Path(tmp) / f"graph-{size}.nt"
            triples = generate(size, path)
            fast, fast_keys = bench_fast(path, on_disk=args.on_disk)
            label = "SPARQL/pyoxigraph" + (" (on disk)" if args.on_disk else " (memory)")
            runs = [(label, fast, None)]
            if not args.fast_only:
                ref, ref_keys = bench_pyshacl(path)
                runs.append(("pySHACL + class hierarchy", ref, ref_keys == fast_keys))
                if args.rdfs:
                    rdfs, rdfs_keys = bench_pyshacl(path, rdfs=True)
                    runs.append(("pySHACL + ontology, RDFS", rdfs, rdfs_keys == fast_keys))
            for name, m, same in runs:
                rate = triples / m["validate_s"] if m["validate_s"] else float("inf")
                same_text = "" if same is None else ("yes" if same else "**no**")
                print(
                    f"| {triples:,} | {name} | {m['load_s']:.1f} | {m['validate_s']:.1f} "
                    f"| {rate:,.0f} | {m['results']:,} | {m['violations']:,} "
                    f"| {peak_rss_mb():,.0f} | {same_text} |",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
