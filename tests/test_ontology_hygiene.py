"""The ontology review of issue 13, checked on the real build of the bundled corpus: every term
the graph uses is declared, ``eli:language`` is an IRI of the EU language authority, position
papers, letters and parliamentary papers are never instruments, groups inside groups are not
``org:memberOf``, SDG goals are not targets, the 2030 Agenda is one node, and every text span is
its own ``oa:hasSelector`` so that annotation clients find it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from pactgraph import ontology
from pactgraph.namespaces import DCTERMS as DCT
from pactgraph.namespaces import ELI, OA, ORG, PG
from pactgraph.query import EmbeddedStore

EU_LANGUAGE = "http://publications.europa.eu/resource/authority/language/"
#: what the 2030 Agenda is called, from the start of a label or identifier
AGENDA_NAMES = "^(the )?(2030 Agenda|Sustainable Development Goals|SDGs|A/RES/70/1)($|[^/0-9])"
BUILTIN = (str(RDF), str(RDFS), str(OWL), str(XSD))


@pytest.fixture(scope="module")
def real(real_build: Path) -> EmbeddedStore:
    return EmbeddedStore.from_build(real_build)


@pytest.fixture(scope="module")
def onto() -> Graph:
    return ontology.load_graph()


def select(store: EmbeddedStore, text: str) -> list[tuple[str, ...]]:
    result = store.run_text(text, name="hygiene")
    return [tuple("" if v is None else str(v) for v in row) for row in result.rows]


def declared(onto: Graph, *kinds) -> set[str]:
    return {str(s) for k in kinds for s in onto.subjects(RDF.type, k)}


def test_every_predicate_and_class_the_build_uses_is_declared_in_the_ontology(real, onto):
    properties = declared(onto, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    classes = declared(onto, OWL.Class)
    used_p = {p for (p,) in select(real, "SELECT DISTINCT ?p WHERE { ?s ?p ?o }")}
    used_c = {c for (c,) in select(real, "SELECT DISTINCT ?c WHERE { ?s a ?c }")}
    assert len(used_p) > 30 and len(used_c) > 20
    assert sorted(p for p in used_p - properties if not p.startswith(BUILTIN)) == []
    assert sorted(c for c in used_c - classes if not c.startswith(BUILTIN)) == []


def test_every_language_is_an_iri_of_the_eu_language_authority(real):
    rows = select(
        real,
        f"SELECT ?e ?l WHERE {{ ?e <{ELI.language}> ?l }}",
    )
    assert rows, "no expression carries eli:language"
    assert {lang for _, lang in rows} == {EU_LANGUAGE + "ENG"}
    literals = select(real, f"SELECT ?l WHERE {{ ?e <{ELI.language}> ?l FILTER isLiteral(?l) }}")
    assert literals == []


def test_position_papers_letters_and_parliamentary_papers_are_never_instruments(real, onto):
    disjoint = [
        {str(m) for m in ontology_list(onto, node)}
        for node in onto.subjects(RDF.type, OWL.AllDisjointClasses)
    ]
    papers = {str(PG.Instrument), str(PG.PositionPaper), str(PG.Letter), str(PG.ParliamentaryPaper)}
    assert papers in disjoint
    kinds = {
        k
        for (k,) in select(
            real,
            f"""SELECT DISTINCT ?k WHERE {{ ?w a ?k . VALUES ?k {{ <{PG.PositionPaper}>
                <{PG.Letter}> <{PG.ParliamentaryPaper}> }} }}""",
        )
    }
    assert kinds == {str(PG.PositionPaper), str(PG.Letter), str(PG.ParliamentaryPaper)}
    both = select(
        real,
        f"""SELECT ?w WHERE {{ ?w a <{PG.Instrument}> . {{ ?w a <{PG.PositionPaper}> }} UNION
            {{ ?w a <{PG.Letter}> }} UNION {{ ?w a <{PG.ParliamentaryPaper}> }} }}""",
    )
    assert both == []


def ontology_list(onto: Graph, node) -> list:
    from rdflib.collection import Collection

    return list(Collection(onto, onto.value(node, OWL.members)))


def test_a_group_inside_a_group_is_a_subgroup_not_a_member(real):
    """org:memberOf is one actor's membership; a group of States inside another group of
    States (destination States among countries of origin, transit and destination) is
    pg:subgroupOf."""
    groups = select(
        real,
        f"""SELECT ?a ?b WHERE {{ ?a <{ORG.memberOf}> ?b .
              ?a a <{PG.StateGroup}> . ?b a <{PG.StateGroup}> }}""",
    )
    assert groups == []
    assert select(real, f"SELECT ?a WHERE {{ ?a <{PG.subgroupOf}> ?b }} LIMIT 1") != []


def test_sdg_goals_are_not_targets_and_the_2030_agenda_is_one_node(real, onto):
    assert (PG.SDGGoal, OWL.disjointWith, PG.SDGTarget) in onto
    assert select(real, f"SELECT ?x WHERE {{ ?x a <{PG.SDGGoal}> , <{PG.SDGTarget}> }}") == []
    targets = select(real, f"SELECT ?t ?n WHERE {{ ?t a <{PG.SDGTarget}> ; <{PG.number}> ?n }}")
    assert targets and all("." in n for _, n in targets)
    # a node named as the agenda itself (not a work that mentions it in its title)
    agendas = select(
        real,
        f"""SELECT DISTINCT ?w WHERE {{ ?w a <{PG.Work}> .
              {{ ?w <{RDFS.label}>|<{SKOS.altLabel}> ?l }} UNION {{ ?w <{DCT.identifier}> ?l }}
              FILTER(REGEX(STR(?l), "{AGENDA_NAMES}", "i")) }}""",
    )
    assert [w for (w,) in agendas] == ["https://w3id.org/pactgraph/work/2030-agenda"]
    assert select(real, 'SELECT ?w WHERE { ?w ?p ?o FILTER(STRENDS(STR(?w), "/work/sdgs")) }') == []


def test_every_text_span_is_its_own_selector_on_its_source(real):
    spans = select(real, f"SELECT (COUNT(?s) AS ?n) WHERE {{ ?s a <{PG.TextSpan}> }}")
    assert int(spans[0][0]) > 1000
    missing = select(
        real,
        f"""SELECT ?s WHERE {{ ?s a <{PG.TextSpan}> .
              FILTER NOT EXISTS {{ ?s <{OA.hasSelector}> ?s ; <{OA.hasSource}> ?f }} }} LIMIT 5""",
    )
    assert missing == []
