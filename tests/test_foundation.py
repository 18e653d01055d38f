"""Issue 2 acceptance on the bundled corpus: the documents found, their structure, one work
with many copies, footnotes with their callers, and provenance that covers every line.

Everything is asserted on the graph the build wrote (through SPARQL on rdflib), not on the
loader's internal objects, because the graph is the product.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rdflib import Graph

PG = "https://w3id.org/pactgraph/ontology#"
BASE = "https://w3id.org/pactgraph/"
PREFIXES = f"""
PREFIX pg: <{PG}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX oa: <http://www.w3.org/ns/oa#>
"""


@pytest.fixture(scope="module")
def graph(real_build: Path) -> Graph:
    g = Graph()
    g.parse(real_build / "graph.nt", format="nt")
    return g


@pytest.fixture(scope="module")
def stats(real_build: Path) -> dict:
    return json.loads((real_build / "stats.json").read_text())


def select(graph: Graph, query: str) -> list[tuple]:
    return [
        tuple(str(v) if v is not None else None for v in row)
        for row in graph.query(PREFIXES + query)
    ]


def refs(graph: Graph, work: str, pattern: str = ".*") -> set[str]:
    rows = select(
        graph,
        f"""SELECT ?ref WHERE {{ ?p a pg:Provision ; pg:reference ?ref ;
                 pg:partOf+ <{BASE}work/{work}> }}""",
    )
    return {r for (r,) in rows if re.fullmatch(pattern, r)}


def test_build_finds_every_document_of_the_corpus_by_content(stats: dict) -> None:
    found = stats["documents_found"]
    kinds = sorted(d["kind"] for d in found)
    assert len(found) >= 8
    # A/RES/71/1 (three copies), A/RES/73/195, A/RES/73/326 and A/RES/76/266
    assert kinds.count("resolution") + kinds.count("declaration") + kinds.count("unknown") == 6
    for kind in (
        "compact",
        "report",
        "letter",
        "position-paper",
        "parliamentary-report",
        "parliamentary-paper",
    ):
        assert kind in kinds, kind
    works = {d["work"] for d in found}
    assert {"a-res-71-1", "gcm-zero-draft", "a-72-643"} <= works


def test_documents_carry_type_title_date_and_symbol(graph: Graph) -> None:
    rows = dict(
        (w.rsplit("/", 1)[-1], (title, date, sym))
        for w, title, date, sym in select(
            graph,
            """SELECT ?w ?title ?date ?sym WHERE { ?d a pg:Document ; pg:expresses ?w .
                 ?w dct:title ?title . OPTIONAL { ?w dct:date ?date }
                 OPTIONAL { ?w pg:symbol ?sym } }""",
        )
    )
    assert rows["a-res-71-1"] == (
        "New York Declaration for Refugees and Migrants",
        "2016-09-19",
        "A/RES/71/1",
    )
    assert rows["gcm-zero-draft"][1] == "2018-02-05"
    assert rows["a-72-643"][0] == "Making migration work for all"
    assert rows["a-72-643"][2] == "A/72/643"
    letters = [k for k in rows if rows[k][1] == "2017-11-14"]
    assert letters, "the IPU invitation letter is dated 14 November 2017"


def test_new_york_declaration_is_one_work_with_three_copies(graph: Graph) -> None:
    copies = select(
        graph, f"SELECT ?d WHERE {{ ?d a pg:Document ; pg:expresses <{BASE}work/a-res-71-1> }}"
    )
    assert len(copies) == 3


def test_new_york_declaration_has_90_paragraphs_and_both_annexes(graph: Graph) -> None:
    main = refs(graph, "a-res-71-1", r"\d+")
    assert main == {str(n) for n in range(1, 91)}
    assert refs(graph, "a-res-71-1", r"I\.\d+") == {f"I.{n}" for n in range(1, 20)}
    assert refs(graph, "a-res-71-1", r"II\.\d+") == {f"II.{n}" for n in range(1, 16)}
    assert refs(graph, "a-res-71-1", r"I\.5\(.\)") == {f"I.5({c})" for c in "abcdefghi"}
    assert refs(graph, "a-res-71-1", r"II\.8\(.\)") == {
        f"II.8({c})" for c in "abcdefghijklmnopqrstuvwx"
    }


def test_annexes_are_sections_whatever_a_copy_calls_them(graph: Graph) -> None:
    rows = select(
        graph,
        f"""SELECT ?ref WHERE {{ ?s a pg:Annex ; pg:reference ?ref ;
              pg:partOf <{BASE}work/a-res-71-1> ; pg:sourceSpan ?span }}""",
    )
    # "Appendix I" in the clean copy and "Annex I" in the footnoted copy: one section, two spans
    assert sorted(set(rows)) == [("annex-I",), ("annex-II",)]
    assert rows.count(("annex-I",)) == 2


def test_gcm_zero_draft_has_46_paragraphs_and_22_objectives_with_their_actions(
    graph: Graph,
) -> None:
    assert refs(graph, "gcm-zero-draft", r"\d+") == {str(n) for n in range(1, 47)}
    objectives = select(
        graph,
        f"""SELECT ?n ?label WHERE {{ ?o a pg:Objective ; pg:number ?n ; rdfs:label ?label ;
              pg:objectiveOf <{BASE}work/gcm-zero-draft> }}""",
    )
    assert sorted(int(n) for n, _ in objectives) == list(range(1, 23))
    # objective n heads paragraph 14 + n and its lettered actions (structure: pg:underObjective)
    linked = select(
        graph,
        f"""SELECT ?n ?ref WHERE {{ ?p pg:underObjective ?o ; pg:reference ?ref .
              ?o pg:number ?n ; pg:objectiveOf <{BASE}work/gcm-zero-draft> }}""",
    )
    by_objective: dict[int, set[str]] = {}
    for n, ref in linked:
        by_objective.setdefault(int(n), set()).add(ref)
    for n in range(1, 23):
        para = str(14 + n)
        assert para in by_objective[n], n
        assert any(r.startswith(f"{para}(") for r in by_objective[n]), n
    assert {"23(a)", "23(e)"} <= by_objective[9]


def test_footnotes_are_attached_to_the_paragraphs_that_call_them(graph: Graph) -> None:
    rows = select(
        graph,
        f"""SELECT ?marker ?text ?ref WHERE {{
              ?p pg:callsFootnote ?f ; pg:reference ?ref ; a pg:Provision ;
                 pg:partOf+ <{BASE}work/a-res-71-1> .
              ?f pg:marker ?marker ; pg:text ?text }}""",
    )
    called = {int(m): (text, ref) for m, text, ref in rows}
    assert sorted(called) == list(range(1, 21))
    assert called[7] == ("United Nations, Treaty Series, vol. 1577, No. 27531.", "32")
    assert called[1][1] == "4" and "Resolution 70/1" in called[1][0]
    assert called[20][1] == "II.10"


def test_every_provision_has_a_passage_in_each_copy_that_holds_it(graph: Graph) -> None:
    rows = select(
        graph,
        f"""SELECT ?ref (COUNT(DISTINCT ?d) AS ?n) WHERE {{
              ?p a pg:Provision ; pg:reference ?ref ; pg:partOf+ <{BASE}work/a-res-71-1> ;
                 pg:hasPassage/pg:inDocument ?d }} GROUP BY ?ref""",
    )
    copies = {ref: int(n) for ref, n in rows}
    assert all(n >= 2 for n in copies.values())  # the two full copies
    # the scanned excerpt holds paragraph 5, the tail of 11 and annex I paragraph 9
    for ref in ("5", "11", "I.9", "88"):
        assert copies[ref] == 3, ref
    assert copies["90"] == 2


def test_scanned_copy_passages_keep_their_own_text(graph: Graph) -> None:
    rows = select(
        graph,
        f"""SELECT ?text WHERE {{ <{BASE}work/a-res-71-1/provision/11> pg:hasPassage ?x .
              ?x pg:text ?text }}""",
    )
    texts = sorted(t for (t,) in rows)
    assert any(
        t.startswith("manner. We will do so through international cooperation") for t in texts
    )
    assert any(t.startswith("We acknowledge a shared responsibility") for t in texts)


def test_provenance_spans_point_at_the_exact_source_text(graph: Graph, real_build: Path) -> None:
    corpus = Path(__file__).resolve().parents[1] / "corpus"
    rows = select(
        graph,
        f"""SELECT ?name ?start ?end WHERE {{
              <{BASE}work/a-res-71-1/provision/32> pg:hasPassage/pg:sourceSpan ?s .
              ?s oa:start ?start ; oa:end ?end ; oa:hasSource/pg:fileName ?name }}""",
    )
    assert rows
    for name, start, end in rows:
        text = (corpus / name).read_text(encoding="utf-8")
        piece = text[int(start) : int(end)]
        assert piece.strip(), (name, start, end)
        assert piece in text
    clean = next(r for r in rows if r[0] == "new-york-declaration.txt")
    text = (corpus / clean[0]).read_text(encoding="utf-8")
    assert text[int(clean[1]) : int(clean[2])].startswith("32. We will protect the human rights")


def test_every_non_blank_line_is_covered(stats: dict) -> None:
    assert stats["coverage"] == {
        "a-res-73-195.txt": 1.0,
        "a-res-73-326.txt": 1.0,
        "a-res-76-266.txt": 1.0,
        "kenya-parliament-ipu-hearing-2018-with-annexes.txt": 1.0,
        "new-york-declaration-scan-excerpt.txt": 1.0,
        "new-york-declaration.txt": 1.0,
    }


def test_stray_caption_is_kept_outside_the_resolution(graph: Graph) -> None:
    rows = select(
        graph,
        """SELECT ?b ?text WHERE { ?b a pg:TextBlock ; pg:text ?text .
             FILTER(CONTAINS(?text, "gives instructions to"))
             FILTER NOT EXISTS { ?b pg:inDocument ?d } }""",
    )
    assert len(rows) == 1


def test_page_furniture_is_kept_but_not_parsed(graph: Graph) -> None:
    rows = select(graph, """SELECT ?text WHERE { ?b a pg:PageFurniture ; pg:text ?text }""")
    texts = {t for (t,) in rows}
    assert {"10/24", "Please recycle", "16-16163 (E)"} <= texts
    assert not select(
        graph,
        """SELECT ?p WHERE { ?p a pg:Provision ; pg:text ?t . FILTER(CONTAINS(?t, "10/24")) }""",
    )


def test_stats_report_documents_paragraphs_triples_and_timings(stats: dict) -> None:
    assert stats["documents"] >= 8
    assert stats["paragraphs"] > 300
    assert stats["triples"] > 10_000
    assert set(stats["timings"]) >= {"parse_s", "works_s", "total_s"}
