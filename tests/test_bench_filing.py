"""bench/filing.py: the corpora issue 16 was filed on, regenerated from that commit's seed texts
and compared with the filing's figure for the same text. Nothing here is timed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bench_generator import load_bench

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.append(str(BENCH))  # filing.py imports its siblings by name, as run.py does
filing = load_bench("filing")


def _has_commit(commit: str) -> bool:
    probe = ["git", "cat-file", "-e", f"{commit}^{{commit}}"]
    return subprocess.run(probe, cwd=BENCH.parent, capture_output=True).returncode == 0


@pytest.mark.skipif(not _has_commit(filing.FILING_COMMIT), reason="a shallow clone")
def test_the_filings_seed_texts_are_read_from_its_commit_not_from_todays_corpus(tmp_path) -> None:
    seeds = filing.seeds_at(filing.FILING_COMMIT, tmp_path / "seeds")
    names = sorted(p.name for p in seeds.iterdir())
    assert names == [
        "kenya-parliament-ipu-hearing-2018-with-annexes.txt",
        "new-york-declaration-scan-excerpt.txt",
        "new-york-declaration.txt",
    ]  # corpus/ at 6f037dc; today's has more (a-res-73-326.txt, a-res-76-266.txt ...)
    today = BENCH.parent / "corpus" / "new-york-declaration.txt"
    assert (seeds / "new-york-declaration.txt").read_bytes()[:200] == today.read_bytes()[:200]
    assert not (seeds / "a-res-76-266.txt").exists()


def _build(scale: float, mib: float, cpu: float, store: bool = False) -> dict:
    run = {"exit": 0, "wall_s": cpu / 1.5, "user_s": cpu - 0.5, "sys_s": 0.5}
    return {
        "scale": scale,
        "run": run,
        "bytes": int(mib * 2**20),
        "files": 3,
        "triples": 1000,
        "store": store,
    }


def test_each_ratio_is_the_filings_cpu_per_mb_over_todays_on_the_same_text() -> None:
    entry = {
        "commit": "6f037dc",
        "date": "2026-11-30 01:00 UTC",
        "load": [1.0, 1.0, 1.0],
        "seed_files": ["a.txt"],
        "builds": [_build(1, 0.5, 2.0), _build(10, 4.0, 11.92, store=True)],
    }
    text = "\n".join(filing.report_filing(entry))
    one, ten = [ln for ln in text.splitlines() if ln.startswith(("| 1×", "| 10×"))]
    assert "| 4.00 | 11.90 | 2.98× less CPU | no |" in one  # 2.0 CPU-s over 0.5 MB
    assert "| 2.98 | 8.94 | 3.00× less CPU | yes |" in ten
    assert "`6f037dc` (`a.txt`" in text


def test_a_section_is_written_only_when_something_was_measured_or_skipped() -> None:
    assert filing.report_filing(None) == []
    assert filing.report_filing({"builds": []}) == []
    skipped = filing.report_filing({"builds": [], "skipped": "no git history"})
    assert skipped[0] == filing.HEADING and "Not measured: no git history." in skipped


def _options(scales: list[float], filing_scales: list[float] | None) -> object:
    run = load_bench("run")
    return run.Options(
        scales=scales,
        jobs=2,
        jobs1_scale=None,
        seed="1",
        build_timeout=60,
        pyshacl_max_triples=0,
        pyshacl_timeout=60,
        rdflib_max_triples=0,
        rdflib_query_timeout=60,
        repeat=1,
        results=Path("RESULTS.md"),
        filing_scales=filing_scales,
    )


def test_the_filings_scales_follow_the_runs_scales_unless_named_apart() -> None:
    assert filing.scales_to_build(_options([1.0, 10.0, 3.0], None)) == [1.0, 10.0]
    # --filing-scales 1,10,100: the filing's 100x without today's (its validation and queries)
    assert filing.scales_to_build(_options([1.0, 10.0], [1.0, 10.0, 100.0])) == [1.0, 10.0, 100.0]
    assert filing.scales_to_build(_options([1.0], [1000.0, 3.0])) == []  # no filed figure to match


def test_of_repeated_builds_the_one_of_median_cpu_is_reported_with_every_runs_cpu() -> None:
    runs = [_build(100, 36.76, cpu) for cpu in (140.2, 126.0, 131.5)]
    row = filing.median_run(runs)
    assert filing.md._cpu(row["run"]) == 131.5 and row["cpu_runs"] == [140.2, 126.0, 131.5]
    entry = {"commit": "6f037dc", "date": "d", "load": [1.0], "seed_files": [], "builds": [row]}
    text = "\n".join(filing.report_filing(entry))
    assert "| 131.5 (median of 3: 140.2, 126.0, 131.5) | 3.58 |" in text
    # an even count takes the lower of the middle two; a build that failed is not a candidate
    failed = {**_build(100, 36.76, 1.0), "run": {"exit": None, "wall_s": 900.0}}
    row = filing.median_run([runs[0], failed, runs[1], runs[2], _build(100, 36.76, 150.0)])
    assert filing.md._cpu(row["run"]) == 131.5 and row["cpu_runs"][1] is None


def test_a_single_build_is_reported_as_it_ran() -> None:
    one = _build(1, 0.5, 2.0)
    assert filing.median_run([one]) == one
    failed = {**one, "run": {"exit": None, "wall_s": 60.0}}
    assert filing.median_run([failed])["run"]["exit"] is None
