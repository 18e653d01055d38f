"""bench/run.py's whole report (rendered by bench/results_md.py) keeps what other benchmark
tools wrote into RESULTS.md.

bench/queries_large.py and bench/load.py write their own sections between markers; a whole
report from bench/run.py (not ``--real-only``) used to write RESULTS.md afresh and lose them.
Nothing here is timed.
"""

from __future__ import annotations

from pathlib import Path

from bench_generator import load_bench

BENCH = Path(__file__).resolve().parents[1] / "bench"
report = load_bench("results_md")

OLD = """# pactgraph benchmark results

old figures

<!-- queries_large:start -->
## Queries on large builds
| q | ms |
<!-- queries_large:end -->
## What 1000× would need

<!-- load.py: start -->
## Serving under load
p50 1.8 ms
<!-- load.py: end -->
"""


def test_whole_report_keeps_both_marked_sections_of_other_tools_in_their_order() -> None:
    new = "# pactgraph benchmark results\n\nnew figures\n"
    out = report.with_kept_blocks(new, OLD)
    assert out.startswith(new.rstrip("\n"))
    assert "old figures" not in out
    queries = out.index("<!-- queries_large:start -->")
    load = out.index("<!-- load.py: start -->")
    queries_end = out.index("<!-- queries_large:end -->")
    assert queries < queries_end < load < out.index("<!-- load.py: end -->")
    assert "| q | ms |" in out and "p50 1.8 ms" in out
    assert out.endswith("<!-- load.py: end -->\n")


def test_a_section_the_new_report_writes_itself_is_not_doubled() -> None:
    new = "# r\n\n<!-- load.py: start -->\nfresh\n<!-- load.py: end -->\n"
    out = report.with_kept_blocks(new, OLD)
    assert out.count("<!-- load.py: start -->") == 1
    assert "fresh" in out and "p50 1.8 ms" not in out
    assert out.count("<!-- queries_large:start -->") == 1


def test_nothing_to_keep_leaves_the_report_as_written() -> None:
    new = "# r\n\nfigures\n"
    assert report.with_kept_blocks(new, "") == new
    assert report.with_kept_blocks(new, "# old\n\nno markers\n") == new


def test_the_committed_results_keep_their_marked_sections_through_a_whole_report() -> None:
    committed = (BENCH / "RESULTS.md").read_text(encoding="utf-8")
    names = [m["name"] for m in report.KEPT_BLOCK.finditer(committed)]
    assert names, "RESULTS.md holds the sections bench/queries_large.py and bench/load.py keep"
    out = report.with_kept_blocks("# r\n", committed)
    assert [m["name"] for m in report.KEPT_BLOCK.finditer(out)] == names
