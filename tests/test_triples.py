"""The build's triple set: the same N-Triples bytes rdflib writes, and the lookups emit makes."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD
from rdflib.plugins.serializers.nt import _quoteLiteral

from pactgraph.emit import Emitter
from pactgraph.iris import Minter, NTMinter
from pactgraph.model import Span
from pactgraph.read import read_source
from pactgraph.triples import (
    TripleSet,
    en,
    integer,
    iri,
    literal,
    nt_lines,
    nt_term,
    write_sorted,
)

EX = "https://example.org/"
S, P, Q = URIRef(EX + "s"), URIRef(EX + "p"), URIRef(EX + "q")
AWKWARD = [
    Literal('She said "yes"\\no\nand\r\tleft'),
    Literal("Déclaration de New York — ²³ ‘quoted’", lang="fr"),
    Literal("12", datatype=XSD.positiveInteger),
    Literal(False),
    Literal("2016-09-19", datatype=XSD.date),
    URIRef(EX + "o"),
]


def test_its_lines_are_the_bytes_rdflib_serialises() -> None:
    graph, triples = Graph(), TripleSet()
    for i, o in enumerate(AWKWARD):
        for t in ((S, P, o), (URIRef(f"{EX}n{i}"), Q, o), (S, P, o)):  # one duplicate each
            graph.add(t)
            triples.add(t)
    rdflib_lines = graph.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
    assert nt_lines(triples) == sorted({ln + "\n" for ln in rdflib_lines if ln.strip()})
    assert len(triples) == len(graph) == 2 * len(AWKWARD)


def test_it_answers_the_membership_questions_emit_asks() -> None:
    triples = TripleSet().add((S, RDF.type, URIRef(EX + "Work")))
    assert (S, RDF.type, URIRef(EX + "Work")) in triples
    assert (S, RDF.type, URIRef(EX + "Other")) not in triples
    assert (S, RDF.type, None) in triples
    assert (S, RDFS.label, None) not in triples
    with pytest.raises(ValueError):
        _ = (None, RDF.type, None) in triples


def test_it_counts_the_triples_with_one_object() -> None:
    triples = TripleSet()
    for name in ("a", "b", "c"):
        triples.add((URIRef(EX + name), RDF.type, URIRef(EX + "Commitment")))
    triples.add((S, RDF.type, URIRef(EX + "Provision")))
    assert triples.count_objects(URIRef(EX + "Commitment")) == 3


def test_a_line_separator_inside_a_text_stays_inside_its_line(tmp_path: Path) -> None:
    """U+2028 is a line break to ``str.splitlines``; the chunk must keep it inside the literal."""
    text = "first part\u2028second part\x85third"
    chunk = tmp_path / "chunk.nt"
    write_sorted(TripleSet().add((S, P, Literal(text))), chunk)
    assert chunk.read_bytes().count(b"\n") == 1
    [quad] = list(ox.parse(path=str(chunk), format=ox.RdfFormat.N_TRIPLES))
    assert quad.object.value == text


def test_it_counts_an_iri_object_apart_from_a_literal_of_the_same_text() -> None:
    triples = TripleSet()
    triples.add((S, P, URIRef(EX + "Commitment")))
    triples.add((Q, P, Literal(EX + "Commitment")))
    triples.add((Q, P, Literal(EX + "Commitment", lang="en")))
    assert triples.count_objects(URIRef(EX + "Commitment")) == 1
    assert triples.count_objects(Literal(EX + "Commitment")) == 1


# --- the direct writers emit uses (issue 16's fourth pass): rdflib's forms, no rdflib term ---

TRICKY_TEXTS = [
    "",
    'She said "yes"',
    "a back\\slash, \\n written out, and a trailing one\\",
    "two\nlines\r\nand a\ttab",
    "Déclaration — ‘quoted’ «guillemets» ²³ 中文 😀",
    "line\u2028separator\x85next line\x00nul",
    "  spaces kept  ",
]
AWKWARD_IRIS = [
    EX + "work/a-res-71-1/provision/3.a",
    EX + "path%20with%2Fescapes?q=1&r=(2)#frag",
    "urn:x:é-ü-中",
    EX + "apostrophe's;semicolon,comma=equals+plus~tilde",
]
BAD_IRIS = [EX + "a b", EX + "<x>", EX + 'q"uote', EX + "{x}", EX + "a|b", EX + "a\\b", EX + "^`"]


def test_direct_literals_are_written_as_rdflib_writes_them() -> None:
    for text in TRICKY_TEXTS:
        assert literal(text) == _quoteLiteral(Literal(text))
        assert en(text) == _quoteLiteral(Literal(text, lang="en"))
    for value in (0, 1, 7, 42, -3, 2**70):
        assert integer(value) == _quoteLiteral(Literal(value, datatype=XSD.integer))
        assert integer(value) is integer(value)  # made once


def test_an_integer_form_refuses_a_boolean_that_python_calls_one() -> None:
    assert integer(1)  # cached first: True == 1 must not find it
    with pytest.raises(TypeError):
        integer(True)


def test_direct_iris_are_written_and_refused_as_rdflib_does() -> None:
    for text in AWKWARD_IRIS:
        assert iri(text) == URIRef(text).n3()
    for text in BAD_IRIS:
        with pytest.raises(Exception, match="valid URI"):
            URIRef(text).n3()
        with pytest.raises(ValueError, match="valid IRI"):
            iri(text)


def test_a_chunk_of_direct_terms_has_the_lines_rdflib_serialises(tmp_path: Path) -> None:
    graph, triples = Graph(), TripleSet()
    for i, text in enumerate(TRICKY_TEXTS):
        subject = URIRef(f"{EX}n{i}")
        for o, form in (
            (Literal(text), literal(text)),
            (Literal(text, lang="en"), en(text)),
            (Literal(i, datatype=XSD.integer), integer(i)),
            (URIRef(AWKWARD_IRIS[i % len(AWKWARD_IRIS)]), iri(AWKWARD_IRIS[i % len(AWKWARD_IRIS)])),
        ):
            graph.add((subject, P, o))
            triples.add((iri(str(subject)), iri(str(P)), form))
    # split at "\n" only: U+2028 and U+0085 stay inside their literal's line
    rdflib_lines = graph.serialize(format="nt", encoding="utf-8").decode("utf-8").split("\n")
    assert nt_lines(triples) == sorted({ln + "\n" for ln in rdflib_lines if ln.strip()})
    write_sorted(triples, tmp_path / "chunk.nt")
    assert len(list(ox.parse(path=str(tmp_path / "chunk.nt"), format=ox.RdfFormat.N_TRIPLES))) == (
        len(graph)
    )


def test_an_rdflib_term_and_its_direct_form_are_one_triple() -> None:
    triples = TripleSet()
    triples.add((S, RDF.type, Literal("x", lang="en")))
    triples.add((iri(str(S)), iri(str(RDF.type)), en("x")))
    triples.add((S, iri(str(RDF.type)), en("x")))  # mixed, as roles.py adds through emit
    assert len(triples) == 1
    assert (S, RDF.type, Literal("x", lang="en")) in triples
    assert (iri(str(S)), iri(str(RDF.type)), None) in triples
    assert triples.count_objects(Literal("x", lang="en")) == triples.count_objects(en("x")) == 1


def test_a_triple_added_in_n_triples_form_is_the_triple_add_adds() -> None:
    through_add, through_nt = TripleSet(), TripleSet()
    for i, text in enumerate(TRICKY_TEXTS):
        through_add.add((URIRef(f"{EX}n{i}"), P, Literal(text, lang="en")))
        through_nt.add_nt((iri(f"{EX}n{i}"), iri(str(P)), en(text)))
        through_nt.add_nt((iri(f"{EX}n{i}"), iri(str(P)), en(text)))  # twice: held once
    assert set(through_add) == set(through_nt) and len(through_nt) == len(TRICKY_TEXTS)
    assert through_add.sorted_bytes() == through_nt.sorted_bytes()


def test_a_subject_predicate_question_sees_the_triples_added_before_and_after_it() -> None:
    """The pairs are indexed when asked, from the triples added since the last question:
    asked, added to (either way), asked again, each answer is the triples' own."""
    triples = TripleSet()
    s, p, q = iri(f"{EX}s"), iri(str(P)), iri(f"{EX}q")
    assert (s, p, None) not in triples
    triples.add_nt((s, p, en("one")))
    assert (s, p, None) in triples and (s, q, None) not in triples
    triples.add((URIRef(f"{EX}s"), URIRef(f"{EX}q"), Literal("two")))
    assert (s, q, None) in triples and (URIRef(f"{EX}s"), URIRef(f"{EX}q"), None) in triples
    assert (q, p, None) not in triples
    for i in range(50):  # many added between two questions
        triples.add_nt((iri(f"{EX}t{i}"), p, integer(i)))
    assert all((iri(f"{EX}t{i}"), p, None) in triples for i in range(50))
    assert (iri(f"{EX}t50"), p, None) not in triples
    assert (s, p, en("one")) in triples and (s, p, en("two")) not in triples


def test_the_n_triples_minter_gives_every_iri_the_minter_gives() -> None:
    base = "https://example.org/base/"
    plain, nt = Minter(base), NTMinter(base)
    calls = [
        ("work", ("A/RES/71/1",)),
        ("expression", ("A/RES/71/1",)),
        ("section", ("A/RES/71/1", "II.B")),
        ("provision", ("A/RES/71/1", "32(a)")),
        ("statement", ("A/RES/71/1", "10.a", 3)),
        ("role", ("A/RES/71/1", "7", 1)),
        ("objective", ("GCM", "23")),
        ("version_diff", ("draft", "final")),
        ("document", ("A/RES/71/1", "0123abcd")),
        ("source", ("feedbeef0123",)),
        ("span", ("feedbeef0123", 10, 250)),
        ("actor", ("Côte d'Ivoire",)),
        ("modality", ("commitment",)),
        ("dataset", ("inferred", "Class Partition")),
    ]
    for _twice in range(2):  # the second time from the IRIs the minter made the first time
        for name, args in calls:
            assert getattr(nt, name)(*args) == getattr(plain, name)(*args).n3(), name
    doc, ndoc = plain.document("w", "abc"), nt.document("w", "abc")
    assert nt.passage(ndoc, "3(b)") == plain.passage(doc, "3(b)").n3()
    assert nt.footnote(ndoc, "*") == plain.footnote(doc, "*").n3()
    assert nt.block(ndoc, 17) == plain.block(doc, 17).n3()
    spans = nt.file_spans("feedbeef0123")  # one file's spans, its IRI checked once
    for start, end in [(0, 0), (10, 250), (7, 8_000_000)]:
        assert spans(start, end) == plain.span("feedbeef0123", start, end).n3()
    assert nt.passage(doc, "3(b)") == plain.passage(doc, "3(b)").n3()  # given as a URIRef
    diff, item, work = plain.version_diff("a", "b"), plain.provision("a", "3"), plain.work("a")
    for added in (False, True):
        expect = plain.version_change(diff, item, work, added=added).n3()
        assert nt.version_change(nt_term(diff), nt_term(item), nt_term(work), added=added) == expect
    refusing = NTMinter("https://example.org/a b/")
    for _twice in range(2):  # refused every time it is asked for
        with pytest.raises(ValueError, match="valid IRI"):
            refusing.work("x")


def _rdflib_forms(graph: Graph, subjects: set, predicates: set) -> set[tuple[str, str, str]]:
    return {
        (nt_term(s), nt_term(p), nt_term(o))
        for s, p, o in graph
        if s in subjects and p in predicates
    }


def test_the_ontologys_schemes_are_copied_as_rdflib_reads_and_writes_them() -> None:
    """The modality, role and change schemes the build copies from the ontology: pyoxigraph's
    reading gives the triples rdflib's Turtle parser and N-Triples writer give."""
    from pactgraph.emit import Emitter
    from pactgraph.namespaces import PG, SKOS
    from pactgraph.ontology import load_graph, ontology_path
    from pactgraph.triples import ontology_terms

    graph = load_graph()
    em = Emitter(Minter(EX), TripleSet())
    em.modality_scheme(ontology_path())
    concepts = {s for s, _p, _o in em.graph}
    assert len(concepts) == 26  # 3 schemes and their 23 concepts: none left out
    subjects = {URIRef(c[1:-1]) for c in concepts}
    keep = {
        RDF.type,
        RDFS.label,
        SKOS.prefLabel,
        SKOS.definition,
        SKOS.inScheme,
        SKOS.topConceptOf,
        SKOS.hasTopConcept,
        PG.ordinal,
    }
    assert set(em.graph) == _rdflib_forms(graph, subjects, keep)
    assert set(ontology_terms(ontology_path(), subjects, keep)) == set(em.graph)


def test_ontology_terms_give_rdflibs_forms_of_every_kind_of_term(tmp_path: Path) -> None:
    """Language tags, dates, integers, decimals, booleans, a custom datatype, escapes, long
    strings and prefixed names, as rdflib reads and writes them; a blank node is refused.
    (Written in lowercase, as the ontology writes them, language tags read the same; pyoxigraph
    lowercases an uppercase one, which rdflib keeps as written: the test above on the ontology
    itself would then fail.)"""
    from pactgraph.errors import GraphError
    from pactgraph.triples import ontology_terms

    ttl = tmp_path / "o.ttl"
    ttl.write_text(
        """@prefix ex: <https://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:s ex:p "plain" , "English"@en , "Britische"@de-de , "2016-09-19"^^xsd:date , 5 , 2.50 ,
      true , "x"^^ex:kind , "tab\\there \\"quoted\\" \\\\ back\\u00e9" , ex:o ,
      \"\"\"two
lines\"\"\"@en .
ex:t ex:p "not asked for" .
ex:u ex:p [ ex:p ex:o ] .
""",
        encoding="utf-8",
    )
    graph = Graph().parse(ttl, format="turtle")
    s, t, p = URIRef(EX + "s"), URIRef(EX + "t"), URIRef(EX + "p")
    assert set(ontology_terms(ttl, {s}, {p})) == _rdflib_forms(graph, {s}, {p})
    assert len(ontology_terms(ttl, {s}, {p})) == 11
    assert ontology_terms(ttl, {s, t}, {URIRef(EX + "q")}) == []
    with pytest.raises(GraphError, match="blank node"):
        ontology_terms(ttl, {URIRef(EX + "u")}, {p})
    (tmp_path / "bad.ttl").write_text("ex:s ex:p .", encoding="utf-8")
    with pytest.raises(GraphError, match=r"bad\.ttl"):
        ontology_terms(tmp_path / "bad.ttl", {s}, {p})


def test_a_chunks_bytes_are_its_lines_in_utf8_in_the_same_order() -> None:
    """Sorted as UTF-8 bytes, the lines keep the order of the text (code points): ASCII,
    accented, CJK and astral characters, and a literal that is a prefix of another."""
    triples = TripleSet()
    for i, text in enumerate(["abc", "abcd", "abc d", "é", "e", "中文", "😀", "\uffff", "Z"]):
        triples.add((iri(f"{EX}s{i % 3}"), iri(EX + "p"), literal(text)))
        triples.add((iri(f"{EX}é{i}"), iri(EX + "p"), en(text)))
    assert triples.sorted_bytes() == "".join(triples.lines()).encode("utf-8")


def test_the_commitments_counted_are_the_triples_typing_a_commitment(tmp_path: Path) -> None:
    """stats.json's commitments (counted as the emitter types them) equal the graph's
    ``rdf:type pg:Commitment`` triples."""
    from pactgraph import pipeline

    data = Path(__file__).parent / "data" / "robustness"
    result = pipeline.build([data / "clean-resolution.txt"], out=tmp_path / "b")
    rdf_type = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    commitment = f" {rdf_type} <https://w3id.org/pactgraph/ontology#Commitment> .\n"
    graph = (tmp_path / "b" / "graph.nt").read_text(encoding="utf-8")
    assert result.stats["commitments"] == graph.count(commitment) > 0


def test_a_span_is_named_as_the_minter_names_it_and_described_in_nine_triples(
    tmp_path: Path,
) -> None:
    """Spans on three lines of a file (one within a line, one across two, one ending at a
    line break): each span's IRI is the one ``NTMinter.span`` mints, its triples give its
    offsets and the lines it covers, and the covered line ranges are reported by file."""
    path = tmp_path / "letter.txt"
    path.write_text("Distr.: General\nThe Assembly,\nRecalling its resolution\n", "utf-8")
    src = read_source(path)
    base = "https://example.org/base/"
    emitter = Emitter(Minter(base), TripleSet())
    expected = {(0, 7): (1, 1), (10, 20): (1, 2), (16, 30): (2, 2)}
    for (start, end), (first, last) in expected.items():
        made = emitter.span(src, Span(start, end))
        assert made == NTMinter(base).span(src.digest, start, end)
        mine = sorted((p, o) for s, p, o in emitter.graph if s == made)
        ns, oa = "https://w3id.org/pactgraph/ontology#", "http://www.w3.org/ns/oa#"
        assert mine == sorted(
            [
                (iri(str(RDF.type)), iri(f"{ns}TextSpan")),
                (iri(str(RDF.type)), iri(f"{oa}SpecificResource")),
                (iri(str(RDF.type)), iri(f"{oa}TextPositionSelector")),
                (iri(f"{oa}hasSource"), NTMinter(base).source(src.digest)),
                (iri(f"{oa}hasSelector"), made),
                (iri(f"{oa}start"), integer(start)),
                (iri(f"{oa}end"), integer(end)),
                (iri(f"{ns}lineStart"), integer(first)),
                (iri(f"{ns}lineEnd"), integer(last)),
            ]
        )
    assert emitter.covered_lines() == {src.sha256: sorted(set(expected.values()))}


def _span_node_set(spans: list[tuple[str, tuple]], *, one_by_one: bool) -> TripleSet:
    """Spans added as nodes of emit's SPAN template, or as their nine triples one by one."""
    from pactgraph.emit import SPAN

    triples = TripleSet()
    for subject, values in spans:
        if one_by_one:
            for t in SPAN.triples(subject, values):
                triples.add_nt(t)
        else:
            triples.nodes(SPAN).setdefault(subject, values)
    return triples


SOURCE = iri(EX + "source/0123456789ab")
SPANS = [
    (iri(f"{EX}source/0123456789ab/{a}-{b}"), (SOURCE, a, b, la, lb))
    for a, b, la, lb in [(0, 7, 1, 1), (10, 20, 1, 2), (16, 30, 2, 2), (100, 1000, 9, 99)]
]


def test_a_templates_nodes_hold_the_triples_of_their_pairs_added_one_by_one() -> None:
    """Spans as nodes of one template: the same sorted bytes, count, triples and answers to
    the membership questions as their nine triples added one by one, beside other triples."""
    other = [(iri(EX + "doc"), iri(EX + "sourceSpan"), s) for s, _v in SPANS]
    other.append((iri(EX + "source/0123456789ab/10-2"), iri(EX + "p"), literal("x")))
    nodes, single = _span_node_set(SPANS, one_by_one=False), _span_node_set(SPANS, one_by_one=True)
    for t in other:
        nodes.add_nt(t)
        single.add_nt(t)
    assert nodes.sorted_bytes() == single.sorted_bytes()
    assert nodes.lines() == single.lines()
    assert len(nodes) == len(single) == 9 * len(SPANS) + len(other)
    assert set(nodes) == set(single)
    start = iri("http://www.w3.org/ns/oa#start")
    subject = SPANS[1][0]
    assert (subject, start, integer(10)) in nodes
    assert (subject, start, integer(11)) not in nodes
    assert (subject, start, None) in nodes
    assert (subject, iri(EX + "p"), None) not in nodes
    assert nodes.count_objects(SOURCE) == single.count_objects(SOURCE) == len(SPANS)


def test_a_node_whose_subject_has_other_triples_is_written_as_its_triples() -> None:
    """A subject that is a node and has triples of its own too (or is described twice): its
    lines are made in one place, each triple once, as when every triple is added one by one."""
    from pactgraph.emit import SPAN

    subject, values = SPANS[0]
    extra = [(subject, iri(EX + "note"), literal("a")), *SPAN.triples(subject, values)[:2]]
    nodes, single = _span_node_set(SPANS, one_by_one=False), _span_node_set(SPANS, one_by_one=True)
    for t in extra:
        nodes.add_nt(t)
        single.add_nt(t)
    assert nodes.sorted_bytes() == single.sorted_bytes()
    assert len(nodes) == len(single) == 9 * len(SPANS) + 1
    # added after the bytes were asked for: a node whose subject has a triple already
    later = (iri(EX + "later"), (SOURCE, 3, 4, 1, 1))
    note = (later[0], iri(EX + "note"), literal("b"))
    for triples in (nodes, single):
        triples.add_nt(note)
    nodes.nodes(SPAN).setdefault(*later)
    for t in SPAN.triples(*later):
        single.add_nt(t)
    assert nodes.sorted_bytes() == single.sorted_bytes()
    assert len(nodes) == len(single) == 9 * len(SPANS) + 11


def test_a_template_refuses_lines_that_are_not_its_pairs_in_order() -> None:
    from pactgraph.triples import Slot, Template

    p, q = iri(EX + "p"), iri(EX + "q")
    pairs = [(q, Slot(0, integer=True)), (p, Slot(1))]
    Template(pairs, lambda s, a, b: f'{s} {p} {b} .\n{s} {q} "{a}"^^<{XSD.integer}> .\n')
    with pytest.raises(ValueError, match="not the pairs' lines"):
        Template(pairs, lambda s, a, b: f'{s} {q} "{a}"^^<{XSD.integer}> .\n{s} {p} {b} .\n')
    with pytest.raises(ValueError, match="only one of its pairs"):
        Template([(p, Slot(0)), (p, iri(EX + "o"))])


def test_a_span_added_twice_with_two_descriptions_keeps_both(tmp_path: Path) -> None:
    """One span IRI described by two files whose digests share their first 12 characters:
    each description's triples are kept, as when every triple was added one by one."""
    base = "https://example.org/base/"
    emitter = Emitter(Minter(base), TripleSet())
    paths = [tmp_path / "a.txt", tmp_path / "b.txt"]
    paths[0].write_text("One line\nTwo lines\n", "utf-8")
    paths[1].write_text("One\nline\nTwo lines\n", "utf-8")
    srcs = [read_source(p) for p in paths]
    srcs[1].sha256 = srcs[0].sha256[:12] + "f" * 52  # another file, the same digest
    made = {emitter.span(src, Span(4, 12)) for src in srcs}
    assert len(made) == 1
    pg = "https://w3id.org/pactgraph/ontology#"
    for name, lines in (("lineStart", [1, 2]), ("lineEnd", [2, 3])):
        found = sorted(o for s, p, o in emitter.graph if p == iri(pg + name))
        assert found == [integer(n) for n in lines]
    assert len(emitter.graph) == 11  # the seven triples the two share, once
    single = TripleSet()
    for t in emitter.graph:
        single.add_nt(t)
    assert emitter.graph.sorted_bytes() == single.sorted_bytes()
