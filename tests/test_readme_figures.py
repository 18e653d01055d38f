"""The README's figures and picture are those of a fresh build (``make figures`` writes them).

A change that moves a figure (documents, provisions, commitments, triples, coverage, the gold-dev
scores, the agency/objective picture) fails here until ``make figures`` regenerates the README.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pactgraph import figures

README_TEXT = figures.README.read_text(encoding="utf-8")


def test_the_readme_has_every_generated_region():
    assert {"corpus", "accuracy"} <= set(figures.read_regions(README_TEXT))


def test_corpus_figures_in_the_readme_are_those_of_a_fresh_build(real_build: Path):
    quoted = figures.read_regions(README_TEXT)["corpus"]
    assert quoted == figures.corpus_region(real_build), "README figures drifted: make figures"


def test_accuracy_figures_in_the_readme_are_those_of_a_fresh_build(real_build: Path):
    fresh = figures.accuracy_region(real_build)
    if fresh is None:
        pytest.skip("../shared/gold-dev is not beside the project")
    quoted = figures.read_regions(README_TEXT)["accuracy"]
    assert quoted == fresh, "README accuracy drifted: make figures"


def test_the_readme_picture_is_the_fresh_builds(real_build: Path, tmp_path: Path):
    fresh = figures.draw(real_build, tmp_path / "figure.png").read_bytes()
    assert figures.IMAGE.read_bytes() == fresh, "README picture drifted: make figures"


def test_regions_are_replaced_and_the_rest_kept():
    text = "a\n<!-- figures:x -->\nold\n<!-- /figures:x -->\nb\n"
    new = figures.replace_regions(text, {"x": "new\n"})
    assert new == "a\n<!-- figures:x -->\nnew\n<!-- /figures:x -->\nb\n"
    assert figures.read_regions(new) == {"x": "new\n"}


def test_check_mode_names_what_drifted(real_build: Path, tmp_path: Path, capsys):
    readme = tmp_path / "README.md"
    readme.write_text(README_TEXT.replace("On the bundled corpus:", "On the old corpus:", 1))
    code = figures.main(
        ["--graph", str(real_build), "--readme", str(readme), "--image", str(figures.IMAGE),
         "--check"]
    )  # fmt: skip
    assert code == 1 and "corpus" in capsys.readouterr().out
