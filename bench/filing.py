"""The filing's own corpora, built today: issue 16's ratios on the same text.

The generated scales of ``bench/run.py`` are drawn from the seed corpus as it stands; the seed
corpus has grown since issue 16 was filed (``corpus/`` at ``6f037dc`` held four texts, six now),
so today's 10× is another, larger text (5.6 MB against 3.9 MB then) and its ratio to the filing's
10× compares two corpora. This step regenerates the corpora the filing measured (the generator
is unchanged since then: ``git log 6f037dc.. -- bench/generate_corpus.py bench/generator.yaml``
is empty) from the seed texts of that commit, read with ``git show``, builds them with today's
code as ``run.py`` builds its scales (``--no-validate --jobs N``, whole process tree) and gives
the CPU-s per MB beside the filing's figure for the same text. With ``--build-repeat N`` each
corpus is built N times and the build of median CPU is its row, every run's CPU beside it: the
100× varies by about ±5% from run to run on this machine (kernel time, mostly), the size of the
margin a single run would be read against.

Takes ``run.py``'s options (the scales among 1, 10 and 100 of ``--filing-scales``, by default
those of ``--scales``); gives
``results["filing"]`` in ``bench/out/results.json`` and its section of ``bench/RESULTS.md``.
Needs the git history (``git show``); skipped with a line saying so without it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
from pathlib import Path

import generate_corpus  # bench/generate_corpus.py
import real  # bench/real.py: its builds are measured as the real collection's
import results_md as md  # bench/results_md.py: the tables and the filing's figures
import run as bench

#: The commit whose bench/RESULTS.md holds the figures issue 16 was filed against.
FILING_COMMIT = "6f037dc"
#: Triples the filing's builds had (that RESULTS.md), to show how extraction moved since.
FILING_TRIPLES = {1: 71_796, 10: 667_483, 100: 6_603_877}
HEADING = "## The filing's corpora, built today"


def seeds_at(commit: str, folder: Path) -> Path:
    """The seed texts ``corpus/*.txt`` of ``commit`` written to ``folder`` (by ``git show``)."""
    names = subprocess.run(
        ["git", "ls-tree", "--name-only", commit, "corpus/"],
        cwd=bench.ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for name in names:
        if name.endswith(".txt"):
            blob = subprocess.run(
                ["git", "show", f"{commit}:{name}"], cwd=bench.ROOT, check=True, capture_output=True
            ).stdout
            (folder / Path(name).name).write_bytes(blob)
    return folder


def corpus(scale: float, seed: str, seeds: Path) -> tuple[Path, dict]:
    """The filing's corpus at ``scale``, generated afresh from ``seeds``."""
    out = bench.OUT / f"corpus-filing-{md._fmt_scale(scale)}x-s{seed}"
    generate_corpus.generate(scale, out, seed, corpus=seeds)
    return out, json.loads((out / "manifest.json").read_text())


def scales_to_build(opt: bench.Options) -> list[float]:
    """The filing's scales this run builds: ``--filing-scales``, else those of ``--scales``, each
    only where the filing has a figure to compare with (1, 10, 100; 1000 is not rebuilt here)."""
    wanted = opt.scales if opt.filing_scales is None else opt.filing_scales
    return [s for s in wanted if s in md.FILING_CPU_PER_MB and s <= 100]


def median_run(runs: list[dict]) -> dict:
    """Of one corpus's builds, the finished one of median CPU (the lower of the middle two
    for an even count), with ``cpu_runs``: every build's CPU-s in the order they ran (None
    where one did not finish). Without a finished build, the last one, as it failed."""
    done = sorted((r for r in runs if r["run"].get("exit") == 0), key=lambda r: md._cpu(r["run"]))
    rec = dict(done[(len(done) - 1) // 2] if done else runs[-1])
    if len(runs) > 1:
        rec["cpu_runs"] = [
            round(md._cpu(r["run"]), 1) if r["run"].get("exit") == 0 else None for r in runs
        ]
    return rec


def measure_filing(opt: bench.Options) -> dict:
    """Regenerate and build the filing's corpora at the scales ``opt`` measures."""
    entry: dict = {
        "commit": FILING_COMMIT,
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "load": os.getloadavg(),
        "builds": [],
    }
    scales = scales_to_build(opt)
    if not scales:
        return entry
    try:
        seeds = seeds_at(FILING_COMMIT, bench.OUT / f"seeds-{FILING_COMMIT}")
    except (OSError, subprocess.CalledProcessError) as exc:
        entry["skipped"] = f"no git history to read the filing's seed texts from ({exc})"
        return entry
    entry["seed_files"] = sorted(p.name for p in seeds.iterdir())
    for scale in scales:
        folder, manifest = corpus(scale, opt.seed, seeds)
        files = sorted(folder.glob("*.txt"))
        tag = f"filing-{md._fmt_scale(scale)}x"
        runs = [
            real.build_files(files, tag, opt.jobs, opt.build_timeout, False, folder)
            for _ in range(max(1, opt.build_repeat))
        ]
        rec = median_run(runs)
        rec["scale"] = scale
        rec["corpus_documents"] = len(manifest.get("documents", []))
        entry["builds"].append(rec)
        print(f"== the filing's {md._fmt_scale(scale)}x: {rec['run']['wall_s']:.1f} s", flush=True)
    entry["load_after"] = os.getloadavg()
    return entry


def report_filing(entry: dict | None) -> list[str]:
    """The section of RESULTS.md: the filing's corpora, their CPU-s per MB then and today."""
    if not entry or not (entry.get("builds") or entry.get("skipped")):
        return []
    lines = [HEADING, ""]
    if entry.get("skipped"):
        return [*lines, f"Not measured: {entry['skipped']}.", ""]
    seeds = ", ".join(f"`{n}`" for n in entry.get("seed_files", []))
    lines += [
        f"The generated scales above are drawn from today's seed corpus, which has grown since "
        f"issue 16 was filed. Here the corpora the filing measured are generated again from the "
        f"seed texts of `{entry['commit']}` ({seeds}; same generator, same seed) and built "
        f"with today's code, so each ratio compares the same text. Measured {entry['date']}, "
        f"load average {entry['load'][0]:.1f} at the start. MB = 2²⁰ bytes of text.",
        "",
    ]
    rows = []
    for b in entry["builds"]:
        done = b["run"].get("exit") == 0
        mb = b["bytes"] / 2**20
        cpu = md._cpu(b["run"])
        filed = md.FILING_CPU_PER_MB[b["scale"]]
        rows.append(
            [
                f"{md._fmt_scale(b['scale'])}×",
                f"{mb:.2f}",
                f"{b['files']}",
                f"{FILING_TRIPLES.get(b['scale'], 0):,}",
                f"{b.get('triples') or 0:,}" if done else "–",
                f"{b['run']['wall_s']:.1f}" if done else md._s(b["run"]),
                (f"{cpu:.1f}" + _runs(b.get("cpu_runs"))) if done else "–",
                f"{cpu / mb:.2f}" if done else "–",
                f"{filed:.2f}",
                f"{filed / (cpu / mb):.2f}× less CPU" if done else "–",
                "yes" if b.get("store") else "no",
            ]
        )
    lines += md._table(
        [
            "scale",
            "MB of text",
            "files",
            "triples at filing",
            "triples today",
            "wall s",
            "CPU s",
            "CPU s per MB today",
            "at filing",
            "ratio",
            "on-disk store",
        ],
        rows,
    )
    return lines


def _runs(cpu_runs: list[float | None] | None) -> str:
    """Beside a median build's CPU-s: every run's, in the order they ran."""
    if not cpu_runs:
        return ""
    each = ", ".join("–" if c is None else f"{c:.1f}" for c in cpu_runs)
    return f" (median of {len(cpu_runs)}: {each})"
