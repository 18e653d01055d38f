"""Versions of one work (pactgraph.versions, ``pactgraph diff``): the zero draft and the adopted
Compact aligned objective by objective and action by action, every one accounted for.

``tests/data/versions/`` holds a zero draft and a final text of a compact written for the test
(in the style of a UN outcome document); the real pair is the GCM zero draft in the Kenyan
report and the Compact annexed to A/RES/73/195 in the bundled corpus.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from rdflib import URIRef
from typer.testing import CliRunner

from pactgraph import ontology
from pactgraph.cli import app
from pactgraph.namespaces import PG
from pactgraph.pipeline import build
from pactgraph.query import EmbeddedStore, load_library
from pactgraph.versions import _RANKS, Diff, default_pair, diff_in_store

DATA = Path(__file__).parent / "data" / "versions"
QUERY = load_library(Path(__file__).resolve().parents[1] / "queries")["version-changes"]
BASE = "https://w3id.org/pactgraph/"
DRAFT = BASE + "work/global-compact-on-coastal-migration.zero-draft"
FINAL = BASE + "work/global-compact-on-coastal-migration"


@pytest.fixture(scope="module")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> EmbeddedStore:
    out = tmp_path_factory.mktemp("versions")
    build([DATA], out=out)
    return EmbeddedStore.from_build(out)


@pytest.fixture(scope="module")
def small(small_store: EmbeddedStore) -> Diff:
    return diff_in_store(small_store, DRAFT, FINAL)


@pytest.fixture(scope="module")
def real(real_build: Path) -> Diff:
    return diff_in_store(EmbeddedStore.from_build(real_build))


def statuses(diff: Diff, kind: str) -> dict[tuple[str, str], tuple[str, ...]]:
    changes = diff.objectives if kind == "objectives" else diff.provisions
    return {(c.old_label.split(".")[0], c.new_label.split(".")[0]): c.status for c in changes}


def assert_every_item_once(diff: Diff) -> None:
    for attr in ("objectives", "provisions"):
        changes = getattr(diff, attr)
        old = Counter(c.old for c in changes if c.old)
        new = Counter(c.new for c in changes if c.new)
        assert set(old) == set(getattr(diff.old, attr)), attr
        assert all(n == 1 for n in old.values()), attr
        # a merged objective shares its counterpart; every other newer item appears once
        merged_into = Counter(c.new for c in changes if "merged" in c.status)
        assert set(new) == set(getattr(diff.new, attr)), attr
        assert all(n - merged_into[k] == 1 for k, n in new.items()), attr


def test_objectives_same_renamed_merged_and_added(small: Diff) -> None:
    assert statuses(small, "objectives") == {
        ("1", "1"): ("same",),
        ("2", "2"): ("renamed",),
        ("3", "2"): ("merged",),
        ("", "3"): ("added",),
    }


def test_actions_reworded_moved_weakened_strengthened_and_rebearered(small: Diff) -> None:
    changes = {(c.old_label, c.new_label): c.status for c in small.provisions}
    assert changes[("5(b)", "5(b)")] == ("same",)
    assert changes[("5(a)", "5(a)")] == ("reworded",)
    # "We commit to protect" became "We encourage coastal States to safeguard"
    assert changes[("6", "6")] == ("reworded", "weakened", "bearers changed")
    # "Consider joint search and rescue" became "Establish joint search and rescue"
    assert changes[("6(a)", "6(a)")] == ("reworded", "strengthened")
    # the action of the merged objective moved under the objective it merged into
    assert changes[("7(a)", "6(b)")] == ("same",)
    # a paragraph heading two matched objectives is one provision, however reworded
    assert changes[("5", "5")] == ("reworded",)
    assert changes[("7", "")] == ("removed",)
    assert changes[("", "7")] == ("added",)


def test_every_objective_and_action_of_both_small_versions_is_accounted_for(small: Diff) -> None:
    assert_every_item_once(small)


def test_the_real_pair_is_the_zero_draft_and_the_adopted_compact(real_build: Path) -> None:
    store = EmbeddedStore.from_build(real_build)
    assert default_pair(store) == (BASE + "work/gcm-zero-draft", BASE + "work/gcm")


def test_every_objective_and_action_of_both_real_versions_is_accounted_for(real: Diff) -> None:
    assert len(real.old.objectives) == 22 and len(real.new.objectives) == 23
    assert_every_item_once(real)


def test_on_the_real_pair_objective_23_is_added_and_smuggling_kept_its_number(real: Diff) -> None:
    by_new = {c.new_label.split(".")[0]: c.status for c in real.objectives if c.new}
    assert by_new["23"] == ("added",)
    assert by_new["9"] == ("same",)
    # "Prevent and combat trafficking ..." became "Prevent, combat and eradicate trafficking ..."
    assert by_new["10"] == ("renamed",)


def test_diff_command_prints_objectives_and_counts(real_build: Path) -> None:
    result = CliRunner().invoke(app, ["diff", "--graph", str(real_build)], env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    assert "objectives:" in result.output and "provisions:" in result.output
    assert "1 added" in result.output


def test_diff_of_a_graph_without_versions_is_one_line_and_exit_2(tmp_path: Path) -> None:
    (tmp_path / "graph.nt").write_text("")
    result = CliRunner().invoke(app, ["diff", "--graph", str(tmp_path)])
    assert result.exit_code == 2
    assert len([line for line in result.output.splitlines() if line.strip()]) == 1


# --- the diff in the graph: the version-changes query ------------------------------------------


def changes_in_graph(store: EmbeddedStore, newer: str) -> set[tuple[str, str, frozenset[str]]]:
    """(before, after, kinds) of every line the build wrote, read with the library query."""
    lines: dict[str, tuple[str, str, set[str]]] = {}
    for row in store.run(QUERY, {"newer": newer}).records():
        before, after = str(row["before"] or ""), str(row["after"] or "")
        lines.setdefault(str(row["line"]), (before, after, set()))[2].add(str(row["changeLabel"]))
    return {(b, a, frozenset(k)) for b, a, k in lines.values()}


def changes_of(diff: Diff) -> set[tuple[str, str, frozenset[str]]]:
    return {
        (c.old or "", c.new or "", frozenset(c.status)) for c in diff.objectives + diff.provisions
    }


def test_a_draft_names_the_work_of_its_title_and_the_build_writes_their_diff(small_store, small):
    """The small texts are in no gazetteer: the draft drafts the work of the same title, and
    the build writes the alignment into the graph, line for line the one `pactgraph diff` makes."""
    assert default_pair(small_store) == (DRAFT, FINAL)
    in_graph = changes_in_graph(small_store, FINAL)
    assert in_graph == changes_of(small)
    assert (
        DRAFT + "/provision/6",
        FINAL + "/provision/6",
        frozenset({"reworded", "weakened", "bearers changed"}),
    ) in in_graph


def test_the_real_diff_in_the_graph_is_the_one_pactgraph_diff_prints(real_build: Path, real: Diff):
    store = EmbeddedStore.from_build(real_build)
    in_graph = changes_in_graph(store, BASE + "work/gcm")
    assert in_graph == changes_of(real)
    assert len(in_graph) == len(real.objectives) + len(real.provisions) > 300


def test_version_changes_orders_objectives_by_number_then_provisions(real_build: Path):
    rows = EmbeddedStore.from_build(real_build).run(QUERY, {}).records()
    items = [str(r["item"]) for r in rows]
    assert items == sorted(items)  # objectives first
    numbers = [str(r["afterRef"]) for r in rows if str(r["item"]) == "objective"]
    assert numbers[:3] == ["1", "2", "3"] and numbers[8:11] == ["9", "10", "11"]
    assert numbers[-1] == "23"


def test_a_draft_whose_title_names_no_other_work_drafts_nothing(tmp_path: Path) -> None:
    (tmp_path / "draft.txt").write_text(
        (DATA / "draft.txt").read_text(encoding="utf-8").replace("Coastal", "Inland"),
        encoding="utf-8",
    )
    build([tmp_path / "draft.txt"], out=tmp_path / "out")
    graph = (tmp_path / "out" / "graph.nt").read_text(encoding="utf-8")
    assert str(PG.Draft) in graph
    assert str(PG.draftOf) not in graph and str(PG.VersionDiff) not in graph


def test_modality_ranks_are_the_ontology_ordinals() -> None:
    graph = ontology.load_graph()
    assert {c: int(graph.value(URIRef(c), PG.ordinal)) for c in _RANKS} == _RANKS
    assert sorted(_RANKS.values()) == [1, 2, 3, 4, 5]
