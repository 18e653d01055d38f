"""The benchmark on a real collection: ``../shared/un-dev/texts``, UN texts no one here wrote.

Takes the collection's folder, how many of its texts (by name) make the profiling subset, and
``bench/run.py``'s options; gives one record (``results["real"]`` in ``bench/out/results.json``)
and its section of ``bench/RESULTS.md``:

1. the first N texts by name (200: the subset issue 16 measured at 22 CPU-s, 6.4 CPU-s per 10⁶
   bytes, with ``--jobs 2``) built with ``--jobs N``: CPU seconds, per MB, and the ratio to that
   figure;
2. the whole collection built with ``--store`` (the on-disk store the queries then run on):
   CPU-s per MB, triples/s, peak memory (largest process and whole process tree);
3. ``pactgraph validate --engine shacl`` on the graph and on the store, and pySHACL when the
   graph is small enough (``run.py``'s limits);
4. every library query on the build's on-disk store and in memory, as for the generated scales.

Each step runs alone in its own process, bounded by ``--build-timeout``. Run through
``bench/run.py`` (``--real-only`` measures this alone and keeps the generated scales).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from dataclasses import asdict
from pathlib import Path

import results_md as md  # bench/results_md.py: the tables
import run as bench

#: What issue 16 measured on the first 200 texts by name, ``--jobs 2``, quiet machine (main at
#: 2026-11-29, before this benchmark existed): the figures the ratios are taken against.
BASELINE = {
    "first": 200,
    "cpu_s": 22.0,
    "wall_s": 13.0,
    "cpu_s_per_1e6_bytes": 6.4,
    "whole_wall_s": 335.0,
    "source": "issue 16 (2026-11-29)",
}
DEFAULT_COLLECTION = bench.ROOT.parent / "shared" / "un-dev" / "texts"


def texts(folder: Path) -> list[Path]:
    """The collection's texts, sorted by name (as ``pactgraph build`` reads a folder)."""
    return sorted(p for p in folder.rglob("*.txt") if p.is_file())


def build_files(
    files: list[Path], tag: str, jobs: int, timeout: float, store: bool, folder: Path | None = None
) -> dict:
    """``pactgraph build FILES|FOLDER --no-validate --jobs N [--store]``, measured."""
    out = bench.OUT / f"build-{tag}-j{jobs}"
    shutil.rmtree(out, ignore_errors=True)  # a failed build must not leave the last one's stats
    inputs = [str(folder)] if folder else [str(f) for f in files]
    cmd = [str(bench.PACTGRAPH), "build", *inputs, "--out", str(out), "--no-validate"]
    cmd += ["--jobs", str(jobs), *(["--store"] if store else [])]
    run = bench.measure(cmd, timeout=timeout)
    shown = str(folder) if folder else f"<first {len(files)} texts by name>"
    run.command = f"pactgraph build {shown} --out bench/out/{out.name} " + " ".join(cmd[-3:])
    stats_file = out / "stats.json"
    stats = json.loads(stats_file.read_text()) if stats_file.exists() else {}
    rec = bench._build_record(0, jobs, out, asdict(run), stats)
    rec["files"] = len(files)
    rec["bytes"] = sum(f.stat().st_size for f in files)
    return rec


def measure_real(folder: Path, first: int, opt: bench.Options) -> dict:
    """Build, validate and query the real collection; the record ``report_real`` renders."""
    files = texts(folder)
    entry: dict = {
        "folder": str(folder),
        "files": len(files),
        "bytes": sum(f.stat().st_size for f in files),
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "load": os.getloadavg(),
        "baseline": BASELINE,
    }
    print(f"== real collection: {len(files)} texts, {entry['bytes'] / 2**20:.1f} MB", flush=True)
    subset = build_files(files[:first], f"real-first{first}", opt.jobs, opt.build_timeout, False)
    print(f"   first {first}: {subset['run']['wall_s']} s", flush=True)
    whole = build_files(files, "real", opt.jobs, opt.build_timeout, True, folder)
    print(f"   whole: {whole['run']['wall_s']} s, {whole.get('triples')} triples", flush=True)
    entry["builds"] = [subset, whole]
    entry["load_after_builds"] = os.getloadavg()
    if whole["run"]["exit"] in (0, 1) and whole.get("triples") and not opt.builds_only:
        out = Path(whole["out"])
        entry["validation"] = bench.validation(out, whole["triples"], opt)
        print("   validation done", flush=True)
        entry["queries"] = bench.queries(out, whole["triples"], opt, "real")
        print("   queries done", flush=True)
    entry["load_after"] = os.getloadavg()
    return entry


def _cpu_per_mb(rec: dict) -> float:
    return md._cpu(rec["run"]) / (rec["bytes"] / 2**20)


def report_real(entry: dict) -> list[str]:
    """The real collection's section of RESULTS.md."""
    base = entry["baseline"]
    mb = entry["bytes"] / 2**20
    lines = [
        "## The real collection: `../shared/un-dev/texts`",
        "",
        f"{entry['files']} real UN texts, {mb:.1f} MB (MB = 2²⁰ bytes throughout), measured "
        f"{entry['date']}, load average {entry['load'][0]:.1f} at the start, "
        f"{entry['load_after'][0]:.1f} at the end. Today's figures, the baseline of the ratios: "
        f"{base['source']}: the first {base['first']} texts by name cost {base['cpu_s']:g} CPU-s "
        f"({base['cpu_s_per_1e6_bytes']:g} CPU-s per 10⁶ bytes) and {base['wall_s']:g} s wall "
        f"with `--jobs 2` on a quiet machine; the whole collection {base['whole_wall_s']:g} s "
        "wall.",
        "",
    ]
    rows = []
    for rec in entry["builds"]:
        r = rec["run"]
        done = r["exit"] is not None
        which = f"first {rec['files']} by name" if rec["files"] < entry["files"] else "all"
        ratio = ""
        if rec["files"] == base["first"] and done:
            ratio = f"{base['cpu_s'] / md._cpu(r):.2f}× less CPU"
        elif done:  # today's whole-collection figure is a wall time only
            today = base["whole_wall_s"]
            ratio = f"wall {r['wall_s'] / today:.2f}× today's {today:g} s"
        rows.append(
            [
                which,
                f"{rec['bytes'] / 2**20:.1f}",
                rec["jobs"],
                f"{r['wall_s']:.1f}" if done else f"> {r['wall_s']:.0f}",
                f"{md._cpu(r):.1f}" if done else "–",
                f"{_cpu_per_mb(rec):.2f}" if done else "–",
                ratio,
                f"{rec.get('triples') or 0:,}",
                f"{rec.get('triples_per_s') or 0:,}",
                md._mb(r.get("max_rss_mb")),
                md._mb(r.get("tree_rss_mb")),
                rec.get("documents") or "–",
                rec.get("works") or "–",
                rec.get("provisions") or "–",
            ]
        )
    lines += md._table(
        [
            "texts",
            "MB",
            "jobs",
            "wall s",
            "CPU s",
            "CPU s per MB",
            "ratio to today",
            "triples",
            "triples/s (wall)",
            "peak RSS MB (largest process)",
            "peak RSS MB (all processes)",
            "documents",
            "works",
            "provisions",
        ],
        rows,
    )
    v = entry.get("validation") or {}
    if v:
        cells = []
        for key, label in (
            ("fast", "shacl engine, graph.nt"),
            ("fast_store", "shacl engine, on-disk store (from its graph.nt)"),
            ("pyshacl", "pySHACL"),
        ):
            rec = v.get(key)
            if rec:
                cells.append([label, md._s(rec), md._mb(rec.get("max_rss_mb"))])
        lines += ["Validation of the whole collection's graph (`pactgraph validate`):", ""]
        lines += md._table(["engine", "s", "peak RSS MB"], cells)
    q = entry.get("queries")
    if q:
        disk = {d["query"]: d for d in q.get("oxigraph_disk", {}).get("lines", []) if "query" in d}
        mem = {d["query"]: d for d in q.get("oxigraph", {}).get("lines", []) if "query" in d}
        slow = sorted(n for n, d in disk.items() if d.get("ms", 1e12) >= 1000)
        lines += [
            "Every library query on the whole collection's build: on the on-disk store the build "
            "wrote (`--store`) and in memory (pyoxigraph loaded from `graph.nt`); median of the "
            "repeats, milliseconds, parameters at their defaults.",
            "",
        ]
        rows = [
            [
                f"`{name}`",
                disk.get(name, mem.get(name, {})).get("rows", "–"),
                md._ms(disk.get(name, {})),
                md._ms(mem.get(name, {})),
                "yes" if disk.get(name, {}).get("ms", 1e12) < 1000 else "no",
            ]
            for name in sorted(set(disk) | set(mem))
        ]
        lines += md._table(
            ["query", "rows", "on-disk store ms", "in memory ms", "< 1 s on the store"], rows
        )
        lines += [
            f"{len(disk) - len(slow)} of {len(disk)} library queries answer in under 1 s on the "
            "store" + (f"; over 1 s: {', '.join(f'`{n}`' for n in slow)}." if slow else "."),
            "",
        ]
    return lines
