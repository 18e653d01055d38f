"""OWL reasoning: HermiT derives who leads and supports which objective, and catches contradictions.

Fixtures: ``tests/data/validate/seed.ttl`` (hand-made, follows docs/graph-model.md), a planted
contradiction next to it, and the real build of the bundled corpus (built once per module).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from typer.testing import CliRunner

from pactgraph.cli import app
from pactgraph.namespaces import ORG, PG, RDF
from pactgraph.query import EmbeddedStore, load_library
from pactgraph.reason import (
    INFERRED_CLASSES,
    INFERRED_PREDICATES,
    OWNERSHIP_PREDICATES,
    InconsistentGraphError,
    Inference,
    reason_graph,
    reasoning_subgraph,
    serialize_inferred,
)
from pactgraph.validate import load_data_graph

DATA = Path(__file__).parent / "data" / "validate"
SEED = DATA / "seed.ttl"
PLANTED = DATA / "inconsistent-commitment-is-a-provision.ttl"
BASE = "https://w3id.org/pactgraph/"
GCM = BASE + "work/gcm/objective/"

runner = CliRunner()


def actor(name: str) -> str:
    return BASE + "actor/" + name


def objectives(inference: Inference, prop: URIRef, who: str) -> set[str]:
    """Numbers of the GCM zero-draft objectives ``who`` is inferred to lead / support."""
    return {
        o.removeprefix(GCM)
        for s, o in inference.pairs(prop)
        if s == actor(who) and o.startswith(GCM)
    }


@pytest.fixture(scope="module")
def seed() -> Graph:
    return load_data_graph(SEED)


@pytest.fixture(scope="module")
def seed_inference(seed: Graph) -> Inference:
    return reason_graph(seed)


@pytest.fixture(scope="module")
def built_inference(real_build: Path) -> Inference:
    """HermiT on the bundled corpus's graph (``real_build`` in conftest)."""
    return reason_graph(load_data_graph(real_build / "graph.nt"))


# --- the seed graph -------------------------------------------------------------------------------


def test_unodc_is_custodian_for_objectives_9_and_10_and_supports_none(
    seed_inference: Inference,
) -> None:
    """Custodian of the protocols the commitments cite: a weaker relation, named apart."""
    assert objectives(seed_inference, PG.custodianFor, "unodc") == {"9", "10"}
    assert objectives(seed_inference, PG.supports, "unodc") == set()


def test_ilo_is_custodian_for_objectives_6_and_22_through_its_instruments(
    seed_inference: Inference,
) -> None:
    assert objectives(seed_inference, PG.custodianFor, "ilo") == {"6", "22"}


def test_bearers_lead_and_partners_support(seed_inference: Inference) -> None:
    assert objectives(seed_inference, PG.leads, "member-states") == {"6", "9", "10", "22"}
    assert objectives(seed_inference, PG.supports, "iom") == {"10"}
    # IOM is a partner, never a bearer, of a statement serving an objective: it leads nothing.
    assert objectives(seed_inference, PG.leads, "iom") == set()


def test_a_position_issuer_neither_leads_nor_supports(seed_inference: Inference) -> None:
    """Kenya issues a position contributing to objective 10 but bears no statement."""
    for relation in (PG.leads, PG.supports, PG.custodianFor):
        assert objectives(seed_inference, relation, "ken") == set()


def test_the_same_commitments_in_a_draft_make_nobody_own_anything(seed: Graph) -> None:
    drafted = Graph() + seed
    compact = URIRef(BASE + "work/gcm")
    drafted.remove((compact, RDF.type, PG.AdoptedInstrument))
    drafted.add((compact, RDF.type, PG.Draft))
    inference = reason_graph(drafted)
    for relation in (PG.leads, PG.supports, PG.custodianFor):
        assert not any(o.startswith(GCM) for _, o in inference.pairs(relation))


def test_statements_citing_a_treaty_are_legally_anchored_and_guidelines_are_not(
    seed_inference: Inference,
) -> None:
    assert seed_inference.instances(PG.LegallyAnchoredStatement) == {
        BASE + "work/a-res-71-1/provision/36/statement/1",
        BASE + "work/gcm/provision/9.a/statement/1",
        BASE + "work/gcm/provision/10.a/statement/1",
    }


def test_only_new_triples_of_the_published_kinds_are_written(
    seed: Graph, seed_inference: Inference
) -> None:
    assert len(seed_inference.inferred) > 0
    for s, p, o in seed_inference.inferred:
        assert (s, p, o) not in seed
        assert str(s).startswith(BASE)
        assert p in INFERRED_PREDICATES or (p == RDF.type and o in INFERRED_CLASSES)


def test_the_sub_graph_yields_the_same_inferences_as_the_whole_graph(
    seed: Graph, seed_inference: Inference
) -> None:
    sub = reasoning_subgraph(seed)
    assert len(sub) < len(seed)
    assert set(reason_graph(seed, full=True).inferred) == set(seed_inference.inferred)


def test_inferred_turtle_is_sorted_and_byte_stable(seed_inference: Inference) -> None:
    first = serialize_inferred(seed_inference.inferred)
    assert first == serialize_inferred(Graph() + seed_inference.inferred)
    subjects = [
        line.split()[0] for line in first.decode().splitlines() if line.startswith("<https://")
    ]
    assert subjects == sorted(subjects)
    assert b"_:" not in first


def test_the_inferred_file_merges_into_the_graph(seed: Graph, seed_inference: Inference) -> None:
    merged = seed + Graph().parse(data=serialize_inferred(seed_inference.inferred), format="turtle")
    assert (URIRef(actor("unodc")), PG.custodianFor, URIRef(GCM + "9")) in merged


# --- contradictions -------------------------------------------------------------------------------


def test_a_commitment_typed_as_a_provision_is_reported_as_inconsistent_naming_it() -> None:
    with pytest.raises(InconsistentGraphError) as caught:
        reason_graph(load_data_graph(PLANTED))
    message = str(caught.value)
    assert "inconsistent" in message
    assert "provision/36/statement/1" in message and "disjoint" in message


def test_a_treaty_flagged_non_binding_is_reported_as_inconsistent(seed: Graph) -> None:
    planted = Graph() + seed
    untoc = URIRef(BASE + "work/untoc")
    planted.set((untoc, PG.legallyBinding, Literal(False)))
    with pytest.raises(InconsistentGraphError, match="work/untoc is both"):
        reason_graph(planted)


def test_reason_exits_1_with_one_line_on_an_inconsistent_graph(tmp_path: Path) -> None:
    result = runner.invoke(app, ["reason", str(PLANTED), "--out", str(tmp_path / "inf.ttl")])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "inconsistent" in lines[0] and PLANTED.name in lines[0]
    assert not (tmp_path / "inf.ttl").exists()


def test_reason_writes_inferred_ttl_beside_the_graph(tmp_path: Path) -> None:
    graph = tmp_path / "graph.ttl"
    graph.write_bytes(SEED.read_bytes())
    result = runner.invoke(app, ["reason", str(graph)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "consistent" in result.output and "UNODC" in result.output
    inferred = Graph().parse(tmp_path / "inferred.ttl", format="turtle")
    assert (URIRef(actor("ilo")), PG.custodianFor, URIRef(GCM + "22")) in inferred


def test_reason_exits_2_on_a_missing_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["reason", str(tmp_path / "nope.ttl")])
    assert result.exit_code == 2
    assert "no such file" in result.output


# --- the real build -------------------------------------------------------------------------------


def test_the_real_build_is_consistent_and_unodc_is_custodian_for_objectives_9_and_10(
    built_inference: Inference,
) -> None:
    assert {"9", "10"} <= objectives(built_inference, PG.custodianFor, "unodc")


def test_the_real_build_has_ilo_custodian_for_objectives_6_and_22(
    built_inference: Inference,
) -> None:
    assert {"6", "22"} <= objectives(built_inference, PG.custodianFor, "ilo")


def test_on_the_real_build_only_adopted_texts_make_owners(built_inference: Inference) -> None:
    """Kenya's wish list and the zero draft make nobody lead or support anything."""
    for relation in OWNERSHIP_PREDICATES:
        for subject, objective in built_inference.pairs(relation):
            assert "/work/gcm-zero-draft/" not in objective, (subject, relation, objective)
            assert subject != actor("ken"), (relation, objective)


def _check_rows(build: Path) -> list[tuple[str, ...]]:
    library = load_library()
    store = EmbeddedStore.from_build(build)
    rows = store.run(library["checks/unwitnessed-ownership-violation"]).rows
    return [tuple(str(term) for term in row) for row in rows]


def test_every_inferred_ownership_edge_of_the_real_build_has_its_witness(
    real_build: Path, built_inference: Inference, tmp_path: Path
) -> None:
    (tmp_path / "graph.nt").write_bytes((real_build / "graph.nt").read_bytes())
    (tmp_path / "inferred.ttl").write_bytes(serialize_inferred(built_inference.inferred))
    assert built_inference.pairs(PG.leads) and built_inference.pairs(PG.coordinates)
    assert _check_rows(tmp_path) == []


def test_the_witness_check_catches_a_planted_unsound_edge(
    real_build: Path, built_inference: Inference, tmp_path: Path
) -> None:
    """The edges the old chains drew from Kenya's position and a custodian, planted back."""
    (tmp_path / "graph.nt").write_bytes((real_build / "graph.nt").read_bytes())
    planted = Graph() + built_inference.inferred
    planted.add((URIRef(actor("ken")), PG.leads, URIRef(GCM + "9")))
    planted.add((URIRef(actor("who")), PG.supports, URIRef(GCM + "15")))
    planted.add((URIRef(actor("unodc")), PG.coordinates, URIRef(GCM + "9")))
    (tmp_path / "inferred.ttl").write_bytes(serialize_inferred(planted))
    assert _check_rows(tmp_path) == [
        (actor("unodc"), str(PG.coordinates), GCM + "9"),
        (actor("ken"), str(PG.leads), GCM + "9"),
        (actor("who"), str(PG.supports), GCM + "15"),
    ]


def test_the_real_build_derives_leads_and_legally_anchored_statements(
    built_inference: Inference,
) -> None:
    assert built_inference.pairs(PG.leads)
    assert built_inference.instances(PG.LegallyAnchoredStatement)
    assert not list(built_inference.inferred.triples((None, ORG.memberOf, None))), (
        "memberships are asserted by the loader; the ontology has no axiom deriving them"
    )
