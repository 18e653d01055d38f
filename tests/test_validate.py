"""SHACL validation: the shapes, every engine against the pySHACL reference, and the CLI.

Fixtures: ``tests/data/validate/seed.ttl`` (hand-made, follows docs/graph-model.md) and the real
build of the bundled corpus (built once per session into a temporary folder). "Agrees" means the
same (focus node, path, constraint component, severity, value) rows, the value compared exactly
(lexical form, datatype, language), and the same conformance.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest
from pyshacl.entrypoints import meta_validate
from rdflib import Graph, Literal, URIRef
from typer.testing import CliRunner

from pactgraph.cli import app
from pactgraph.engines import (
    DEFAULT_ENGINE,
    ENGINES,
    UnsupportedShapeError,
    get_engine,
    ntriples,
)
from pactgraph.errors import GraphError
from pactgraph.namespaces import OA, PG, RDF, RDFS, SH, XSD
from pactgraph.validate import (
    Row,
    ValidationResult,
    class_hierarchy,
    default_hierarchy,
    load_data_graph,
    load_shapes,
    serialize_report,
    subclass_closure,
    validate_graph,
    validate_path,
)

#: Every engine the project offers except the reference, each compared with pySHACL.
OTHER_ENGINES = sorted(name for name in ENGINES if name != "pyshacl")

DATA = Path(__file__).parent / "data" / "validate"
SEED = DATA / "seed.ttl"
BASE = "https://w3id.org/pactgraph/"
PGSH = "https://w3id.org/pactgraph/shapes#"
UNKNOWN_MODALITY = URIRef(str(PG.obligation).replace("obligation", "mustPerhaps"))

# The kinds of node docs/graph-model.md says the loader emits; each must be some shape's target.
EMITTED_CLASSES = [
    PG.Commitment,
    PG.Statement,
    PG.Position,
    PG.Instrument,
    PG.Work,
    PG.Expression,
    PG.Actor,
    PG.State,
    PG.Objective,
    PG.Section,
    PG.Provision,
    PG.Passage,
    PG.Footnote,
    PG.TextBlock,
    PG.PageFurniture,
    PG.Document,
    PG.SourceFile,
    PG.TextSpan,
]


# --- fixtures -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed() -> Graph:
    return load_data_graph(SEED)


@pytest.fixture(scope="session")
def built(real_build: Path) -> Path:
    """graph.nt of the bundled corpus, built once per session (``real_build`` in conftest)."""
    return real_build / "graph.nt"


@pytest.fixture(scope="session")
def built_graph(built: Path) -> Graph:
    return load_data_graph(built)


def copy(graph: Graph) -> Graph:
    out = Graph()
    for triple in graph:
        out.add(triple)
    return out


def commitments(graph: Graph) -> list[URIRef]:
    """Commitments with a bearer, a carrying instrument and a modality, in IRI order."""
    return sorted(
        c
        for c in graph.subjects(RDF.type, PG.Commitment)
        if isinstance(c, URIRef)
        and graph.value(c, PG.bearer) is not None
        and graph.value(c, PG.madeIn) is not None
        and graph.value(c, PG.modality) is not None
    )


def mutate_three(graph: Graph, avoid: set[str] = frozenset()) -> tuple[Graph, list[URIRef]]:  # type: ignore[assignment]
    """Remove the bearer of one commitment, the carrying instrument of another, and give a third
    an unknown modality. Returns the mutated copy and the three commitments, in that order."""
    chosen = [c for c in commitments(graph) if str(c) not in avoid][:3]
    assert len(chosen) == 3, "the graph has fewer than three complete commitments"
    mutated = copy(graph)
    mutated.remove((chosen[0], PG.bearer, None))
    mutated.remove((chosen[1], PG.madeIn, None))
    mutated.remove((chosen[2], PG.modality, None))
    mutated.add((chosen[2], PG.modality, UNKNOWN_MODALITY))
    return mutated, chosen


def violations(result: ValidationResult) -> set[str]:
    return {row.focus for row in result.violations}


def keys(result: ValidationResult) -> set[tuple[str, str, str, str]]:
    return {row.key for row in result.rows}


def rows_with_values(result: ValidationResult) -> set[tuple[tuple[str, str, str, str], str]]:
    """Each row's key with its value exactly (N-Triples: lexical form, datatype, language)."""
    return {(row.key, row.value_term) for row in result.rows}


def nt_file(graph: Graph, path: Path) -> Path:
    """``graph`` written as N-Triples with each literal's lexical form as it is held."""
    path.write_bytes(ntriples(graph))
    return path


# --- the shapes -----------------------------------------------------------------------------------


def test_shapes_pass_shacl_shacl() -> None:
    conforms, _report, text = meta_validate(load_shapes())
    assert conforms, text


def test_every_class_the_loader_emits_is_the_target_of_a_shape() -> None:
    shapes = load_shapes()
    targeted = set(shapes.objects(None, SH.targetClass))
    hierarchy = class_hierarchy(load_data_graph(Path("ontology/pactgraph.ttl")))
    supers = {c: set(hierarchy.transitive_objects(c, RDFS.subClassOf)) for c in EMITTED_CLASSES}
    missing = [c for c in EMITTED_CLASSES if not (supers[c] & targeted)]
    assert missing == []


def test_every_property_shape_has_a_readable_iri_a_message_and_a_severity() -> None:
    shapes = load_shapes()
    for prop in set(shapes.objects(None, SH.property)):
        assert isinstance(prop, URIRef) and str(prop).startswith(PGSH), prop
        name = str(prop)[len(PGSH) :]
        assert "-" in name, f"{name}: expected <Class>-<property>"
        assert shapes.value(prop, SH.message) is not None, prop
        assert shapes.value(prop, SH.severity) in (SH.Violation, SH.Warning, SH.Info), prop


def test_a_commitment_citing_nothing_is_info_and_missing_bearer_or_instrument_is_a_violation() -> (
    None
):
    shapes = load_shapes()
    severity = {s: shapes.value(URIRef(PGSH + s), SH.severity) for s in ("Commitment-cites",)}
    assert severity["Commitment-cites"] in (SH.Info, SH.Warning)
    assert shapes.value(URIRef(PGSH + "Commitment-bearer"), SH.severity) == SH.Violation
    assert shapes.value(URIRef(PGSH + "Statement-madeIn"), SH.severity) == SH.Violation


def test_class_hierarchy_sees_through_the_defined_binding_classes() -> None:
    """pg:Declaration < pg:NonBindingInstrument = (pg:Instrument and legallyBinding false)."""
    hierarchy = class_hierarchy(load_data_graph(Path("ontology/pactgraph.ttl")))
    assert PG.Work in set(hierarchy.transitive_objects(PG.Declaration, RDFS.subClassOf))
    assert PG.Instrument in set(hierarchy.transitive_objects(PG.Protocol, RDFS.subClassOf))


# --- the seed graph -------------------------------------------------------------------------------


def test_the_seed_graph_conforms_with_one_info_for_the_commitment_citing_nothing(
    seed: Graph,
) -> None:
    result = validate_graph(seed)
    assert result.conforms
    assert [(r.severity_name, r.focus, r.shape) for r in result.rows] == [
        ("Info", BASE + "work/a-res-71-1/provision/41/statement/1", PGSH + "Commitment-cites")
    ]


def test_three_mutations_of_the_seed_name_exactly_those_three_nodes(seed: Graph) -> None:
    mutated, chosen = mutate_three(seed)
    result = validate_graph(mutated)
    assert not result.conforms
    found = {(row.focus, row.path, row.component) for row in result.violations}
    assert found == {
        (str(chosen[0]), str(PG.bearer), str(SH.MinCountConstraintComponent)),
        (str(chosen[1]), str(PG.madeIn), str(SH.MinCountConstraintComponent)),
        (str(chosen[2]), str(PG.modality), str(SH.InConstraintComponent)),
    }


def test_a_row_names_the_provision_and_the_first_words_of_its_text(seed: Graph) -> None:
    mutated, chosen = mutate_three(seed)
    row = next(r for r in validate_graph(mutated).violations if r.focus == str(chosen[0]))
    provision = seed.value(chosen[0], PG.statementOf)
    assert row.provision == str(seed.value(provision, RDFS.label))
    assert str(seed.value(provision, PG.text)).startswith(row.snippet.removesuffix(" …"))
    assert row.label == str(seed.value(chosen[0], RDFS.label))


def test_a_passage_row_points_to_the_provision_it_gives_the_text_of(seed: Graph) -> None:
    passage = URIRef(BASE + "document/a-res-71-1/111111111111/provision/41")
    broken = copy(seed)
    broken.remove((passage, PG.text, None))
    for result in (validate_graph(broken, engine=name) for name in sorted(ENGINES)):
        (row,) = result.violations
        assert (row.focus, row.shape) == (str(passage), PGSH + "Passage-text")
        assert row.provision == "A/RES/71/1 41"
        assert row.snippet == "We commit to protecting the safety, dignity and …"


def test_the_report_is_byte_identical_between_runs(seed: Graph) -> None:
    mutated, _ = mutate_three(seed)
    first = serialize_report(validate_graph(mutated).report)
    second = serialize_report(validate_graph(copy(mutated)).report)
    assert first == second
    report = Graph().parse(data=first, format="turtle")
    assert (None, SH.conforms, Literal(False)) in report
    assert len(set(report.objects(None, SH.result))) == 4  # three violations and one info


def test_validation_leaves_the_data_graph_untouched(seed: Graph) -> None:
    before = len(seed)
    validate_graph(seed)
    assert len(seed) == before
    assert (None, RDFS.subClassOf, None) not in seed


# --- every engine agrees with pySHACL -----------------------------------------------------------


def _broken_everywhere(seed: Graph) -> Graph:
    """One breach of every constraint component the shapes use, on top of the three mutations."""
    g, _ = mutate_three(seed)
    span = URIRef(BASE + "source/aaaaaaaaaaaa/12000-12600")
    g.set((span, OA.start, Literal("13000", datatype=XSD.integer)))  # lessThanOrEquals
    other = URIRef(BASE + "source/aaaaaaaaaaaa/20000-20500")
    g.set((other, OA.end, Literal("20500")))  # datatype: a plain string
    source = URIRef(BASE + "source/cccccccccccc")
    g.set((source, PG.sha256, Literal("CCCC")))  # pattern
    statement = URIRef(BASE + "work/gcm/provision/9.a/statement/1")
    g.add((statement, PG.madeIn, URIRef(BASE + "work/untoc")))  # maxCount
    g.add((statement, PG.bearer, URIRef(BASE + "work/untoc")))  # class
    g.set((statement, PG.statementOf, Literal("9(a)")))  # nodeKind
    third = URIRef(BASE + "source/cccccccccccc/41000-41300")
    g.set((third, OA.end, Literal("-3", datatype=XSD.integer)))  # minInclusive
    fourth = URIRef(BASE + "source/cccccccccccc/42000-42100")
    g.set(
        (fourth, OA.end, Literal("42100", datatype=XSD.nonNegativeInteger))
    )  # datatype: a subtype (what a store would fold into xsd:integer)
    return g


BROKEN = [
    pytest.param(lambda s: s, id="seed"),
    pytest.param(lambda s: mutate_three(s)[0], id="three-mutations"),
    pytest.param(_broken_everywhere, id="every-component"),
]


@pytest.mark.parametrize("engine", OTHER_ENGINES)
@pytest.mark.parametrize("make", BROKEN)
def test_every_engine_reports_exactly_what_pyshacl_reports_values_included(
    seed: Graph, make: Callable[[Graph], Graph], engine: str
) -> None:
    graph = make(seed)
    reference = validate_graph(graph, engine="pyshacl")
    other = validate_graph(graph, engine=engine)
    assert rows_with_values(other) == rows_with_values(reference)
    assert other.conforms == reference.conforms


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_a_graph_file_validates_as_the_same_graph_in_memory(
    seed: Graph, engine: str, tmp_path: Path
) -> None:
    graph = _broken_everywhere(seed)
    from_file = validate_path(nt_file(graph, tmp_path / "graph.nt"), engine=engine)
    in_memory = validate_graph(graph, engine=engine)
    assert from_file.rows == in_memory.rows
    assert from_file.conforms == in_memory.conforms is False


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_values_keep_their_datatype_and_lexical_form(
    seed: Graph, engine: str, tmp_path: Path
) -> None:
    """The datatypes the old SPARQL path lost: derived integer types are not xsd:integer."""
    g = copy(seed)
    span = URIRef(BASE + "source/cccccccccccc/41000-41300")
    g.set((span, OA.end, Literal("41300", datatype=XSD.nonNegativeInteger)))  # wrong: a subtype
    other = URIRef(BASE + "source/aaaaaaaaaaaa/20000-20500")
    g.set((other, OA.start, Literal("020000", datatype=XSD.integer)))  # right
    g.set((other, OA.end, Literal("20500", datatype=XSD.int)))  # wrong: another subtype
    result = validate_path(nt_file(g, tmp_path / "graph.nt"), engine=engine)
    found = {(r.focus, r.path, r.value_term) for r in result.violations}
    assert found == {
        (str(span), str(OA.end), f'"41300"^^<{XSD.nonNegativeInteger}>'),
        (str(other), str(OA.end), f'"20500"^^<{XSD.int}>'),
    }


@pytest.mark.parametrize("engine", OTHER_ENGINES)
def test_every_engine_writes_the_same_report_file_as_pyshacl(
    seed: Graph, tmp_path: Path, engine: str
) -> None:
    graph = _broken_everywhere(seed)
    reference, other = tmp_path / "pyshacl.ttl", tmp_path / f"{engine}.ttl"
    validate_graph(graph, engine="pyshacl").write_report(reference)
    result = validate_graph(graph, engine=engine)
    result.write_report(other)
    assert other.read_bytes() == reference.read_bytes()
    assert b"sh:ValidationReport" in other.read_bytes()
    assert len(result.report) == len(Graph().parse(other, format="turtle"))


def test_every_component_breach_is_caught(seed: Graph) -> None:
    components = {row.component for row in validate_graph(_broken_everywhere(seed)).violations}
    used = {
        str(SH[p.removeprefix(str(SH)).capitalize()[0] + p.removeprefix(str(SH))[1:]]) for p in ()
    }
    assert not used
    for name in (
        "MinCount",
        "MaxCount",
        "Class",
        "In",
        "Datatype",
        "Pattern",
        "NodeKind",
        "LessThanOrEquals",
    ):
        assert str(SH[f"{name}ConstraintComponent"]) in components, name


def test_the_shapes_use_no_component_the_broken_graph_leaves_unbroken(seed: Graph) -> None:
    """Every constraint parameter of shapes/ is broken by ``_broken_everywhere``."""
    parameters = {
        SH.minCount: "MinCount",
        SH.maxCount: "MaxCount",
        SH["class"]: "Class",
        SH["in"]: "In",
        SH.datatype: "Datatype",
        SH.pattern: "Pattern",
        SH.nodeKind: "NodeKind",
        SH.lessThanOrEquals: "LessThanOrEquals",
        SH.minInclusive: "MinInclusive",
    }
    ignorable = {SH.path, SH.severity, SH.message, SH.property, SH.targetClass, SH.flags}
    used = {p for p in load_shapes().predicates() if str(p).startswith(str(SH))}
    assert used - ignorable <= set(parameters), used - ignorable - set(parameters)
    components = {row.component for row in validate_graph(_broken_everywhere(seed)).violations}
    for parameter in used - ignorable:
        assert str(SH[f"{parameters[parameter]}ConstraintComponent"]) in components


def _store(graph: Graph, directory: Path) -> Path:
    store = ox.Store(str(directory))
    store.bulk_load(input=ntriples(graph), format=ox.RdfFormat.N_TRIPLES)
    store.flush()
    del store
    return directory


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_a_build_store_directory_is_validated_from_the_graph_it_was_loaded_from(
    seed: Graph, tmp_path: Path, engine: str
) -> None:
    mutated, _ = mutate_three(seed)
    nt_file(mutated, tmp_path / "graph.nt")
    result = validate_path(_store(mutated, tmp_path / "store"), engine=engine)
    assert rows_with_values(result) == rows_with_values(validate_graph(mutated))
    assert result.notes == []


def test_a_bare_store_validates_as_the_graph_it_holds(seed: Graph, tmp_path: Path) -> None:
    """Offsets, lines and ordinals are xsd:integer, what Oxigraph keeps: a store with no graph.nt
    beside it gives the same results as the graph, with no note."""
    mutated, _chosen = mutate_three(seed)
    result = validate_path(_store(mutated, tmp_path / "store"))
    assert rows_with_values(result) == rows_with_values(validate_graph(mutated))
    assert result.notes == []


def test_a_bare_store_is_validated_and_its_integer_datatypes_are_flagged_loudly(
    seed: Graph, tmp_path: Path
) -> None:
    """Oxigraph keeps xsd:nonNegativeInteger as xsd:integer: against shapes that ask for the
    subtype, the store's own content breaks them, and the result says why instead of staying
    silent."""
    shapes = load_shapes()
    start = URIRef(PGSH + "TextSpan-start")
    shapes.set((start, SH.datatype, XSD.nonNegativeInteger))
    graph = copy(seed)
    for span, offset in list(graph.subject_objects(OA.start)):
        graph.set((span, OA.start, Literal(str(offset), datatype=XSD.nonNegativeInteger)))
    assert validate_graph(graph, shapes=shapes).conforms
    result = validate_path(_store(graph, tmp_path / "store"), shapes=shapes)
    datatype = str(SH.DatatypeConstraintComponent)
    assert {r.path for r in result.violations if r.component == datatype} == {str(OA.start)}
    (note,) = result.notes
    assert "xsd:integer" in note and "store" in note


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_an_engine_refuses_shapes_beyond_shacl_core_loudly(engine: str) -> None:
    shapes = Graph().parse(
        data=f"""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        <{PGSH}X> a sh:NodeShape ; sh:targetClass <{PG.Actor}> ;
            sh:sparql [ sh:select "SELECT $this WHERE {{ }}" ] .
        """,
        format="turtle",
    )
    with pytest.raises(UnsupportedShapeError, match=rf"shape {PGSH}X uses sh:sparql"):
        get_engine(engine).validate(Graph(), shapes)


def test_the_default_engine_is_offered_and_is_not_the_reference() -> None:
    assert DEFAULT_ENGINE in ENGINES and DEFAULT_ENGINE != "pyshacl"


# --- the real build -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def built_result(built_graph: Graph) -> ValidationResult:
    return validate_graph(built_graph, engine="pyshacl")


@pytest.fixture(scope="session")
def built_mutation(
    built_graph: Graph, built_result: ValidationResult
) -> tuple[Graph, list[URIRef], ValidationResult]:
    mutated, chosen = mutate_three(built_graph, avoid=violations(built_result))
    return mutated, chosen, validate_graph(mutated, engine="pyshacl")


def test_the_real_build_conforms(built_result: ValidationResult) -> None:
    assert built_result.violations == [], "\n".join(
        f"{r.focus} {r.path} {r.message} {r.value}" for r in built_result.violations[:20]
    )


def test_three_mutations_of_the_real_build_add_exactly_those_three_violations(
    built_result: ValidationResult, built_mutation: tuple[Graph, list[URIRef], ValidationResult]
) -> None:
    _mutated, chosen, result = built_mutation
    assert not result.conforms
    assert violations(result) - violations(built_result) == {str(c) for c in chosen}
    assert violations(built_result) <= violations(result)


@pytest.mark.parametrize("engine", OTHER_ENGINES)
def test_every_engine_agrees_with_pyshacl_on_the_real_build_and_its_mutations(
    built: Path,
    built_result: ValidationResult,
    built_mutation: tuple[Graph, list[URIRef], ValidationResult],
    engine: str,
    tmp_path: Path,
) -> None:
    assert rows_with_values(validate_path(built, engine=engine)) == rows_with_values(built_result)
    mutated, _chosen, result = built_mutation
    other = validate_path(nt_file(mutated, tmp_path / "mutated.nt"), engine=engine)
    assert rows_with_values(other) == rows_with_values(result)
    assert other.conforms == result.conforms is False


# --- the command ----------------------------------------------------------------------------------

runner = CliRunner()


def test_validate_exits_0_on_a_conforming_graph_and_writes_the_report(tmp_path: Path) -> None:
    graph = tmp_path / "graph.ttl"
    graph.write_bytes(SEED.read_bytes())
    result = runner.invoke(app, ["validate", str(graph)])
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output
    report = Graph().parse(tmp_path / "validation.ttl", format="turtle")
    assert (None, SH.conforms, Literal(True)) in report


def test_validate_keeps_the_old_names_report_and_fast_for_old_scripts(tmp_path: Path) -> None:
    """un-dev/score.py calls ``validate GRAPH --plain --limit 20 --report FILE [--fast]``."""
    graph = tmp_path / "graph.ttl"
    graph.write_bytes(SEED.read_bytes())
    report = tmp_path / "elsewhere" / "check.ttl"
    args = ["validate", str(graph), "--plain", "--limit", "20", "--report", str(report), "--fast"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert (None, SH.conforms, Literal(True)) in Graph().parse(report, format="turtle")
    assert not (tmp_path / "validation.ttl").exists()


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_validate_exits_1_and_names_the_three_mutated_nodes(
    seed: Graph, tmp_path: Path, engine: str
) -> None:
    mutated, chosen = mutate_three(seed)
    graph = tmp_path / "graph.nt"
    mutated.serialize(graph, format="nt", encoding="utf-8")
    args = ["validate", str(graph), "--severity", "violation", "--engine", engine]
    result = runner.invoke(app, args, env={"COLUMNS": "400"})
    assert result.exit_code == 1, result.output
    for node in chosen:
        assert str(node).removeprefix(BASE) in result.output
    assert "3 violation(s)" in result.output
    report = Graph().parse(tmp_path / "validation.ttl", format="turtle")
    focus = {str(f) for f in report.objects(None, SH.focusNode)}
    assert {str(c) for c in chosen} <= focus


def test_validate_on_the_mutated_real_build_exits_1_naming_the_three_nodes(
    built_mutation: tuple[Graph, list[URIRef], ValidationResult], tmp_path: Path
) -> None:
    mutated, chosen, _result = built_mutation
    graph = tmp_path / "graph.nt"
    mutated.serialize(graph, format="nt", encoding="utf-8")
    args = ["validate", str(graph), "--severity", "violation", "--limit", "1000"]
    result = runner.invoke(app, args, env={"COLUMNS": "400"})
    assert result.exit_code == 1, result.output
    for node in chosen:
        assert str(node).removeprefix(BASE) in result.output


def test_validate_draws_a_table_with_the_source_provision_when_asked(
    seed: Graph, tmp_path: Path
) -> None:
    mutated, _chosen = mutate_three(seed)
    graph = tmp_path / "graph.nt"
    mutated.serialize(graph, format="nt", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(graph), "--table"])
    assert result.exit_code == 1
    assert "┃" in result.output and "provision" in result.output and "Violation" in result.output


def test_validate_takes_any_shapes_file_and_names_its_results(seed: Graph, tmp_path: Path) -> None:
    """A user's own profile: one shape file that requires every actor to have a comment."""
    shapes = tmp_path / "profile.ttl"
    shapes.write_text(
        f"""@prefix sh: <http://www.w3.org/ns/shacl#> .
        <urn:x:ActorComment> a sh:NodeShape ; sh:targetClass <{PG.Actor}> ;
            sh:property [ sh:path <{RDFS.comment}> ; sh:minCount 1 ] .
        """
    )
    graph = tmp_path / "graph.nt"
    seed.serialize(graph, format="nt", encoding="utf-8")
    kinds = subclass_closure(default_hierarchy())[PG.Actor]
    actors = {a for kind in kinds for a in seed.subjects(RDF.type, kind)}
    assert len(actors) > 3
    args = ["validate", str(graph), "--shapes", str(shapes), "--plain", "--limit", "1000"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1, result.output
    report = Graph().parse(tmp_path / "validation.ttl", format="turtle")
    assert set(report.objects(None, SH.focusNode)) == actors


def test_validate_takes_a_folder_of_shapes(seed: Graph, tmp_path: Path) -> None:
    folder = tmp_path / "profile"
    folder.mkdir()
    (folder / "a.ttl").write_text(
        f"""@prefix sh: <http://www.w3.org/ns/shacl#> .
        <urn:x:S> a sh:NodeShape ; sh:targetNode <{BASE}nowhere> ; sh:class <{PG.Actor}> ."""
    )
    graph = tmp_path / "graph.nt"
    seed.serialize(graph, format="nt", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(graph), "--shapes", str(folder), "--plain"])
    assert result.exit_code == 1
    assert f"{BASE}nowhere" in result.output


def test_validate_exits_2_on_an_unknown_engine(tmp_path: Path) -> None:
    graph = tmp_path / "graph.ttl"
    graph.write_bytes(SEED.read_bytes())
    result = runner.invoke(app, ["validate", str(graph), "--engine", "nope"])
    assert result.exit_code == 2
    assert "no SHACL engine called 'nope'" in result.output


def test_validate_exits_2_with_one_line_on_a_missing_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path / "nope.ttl")])
    assert result.exit_code == 2
    assert "nope.ttl: no such file" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_validate_exits_2_with_one_line_on_a_file_that_is_not_rdf(
    tmp_path: Path, engine: str
) -> None:
    bad = tmp_path / "graph.ttl"
    bad.write_text("this is not <turtle\n")
    result = runner.invoke(app, ["validate", str(bad), "--engine", engine])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "graph.ttl" in lines[0] and "not readable" in lines[0]


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_an_empty_file_is_refused_not_declared_valid(tmp_path: Path, engine: str) -> None:
    empty = tmp_path / "empty.ttl"
    empty.write_text("")
    with pytest.raises(GraphError, match="no triples"):
        load_data_graph(empty)
    with pytest.raises(GraphError, match="no triples"):
        validate_path(empty, engine=engine)


def test_rows_sort_violations_first() -> None:
    rows = sorted([Row(2, "b", "", "", str(SH.Info)), Row(0, "z", "", "", str(SH.Violation))])
    assert [r.severity_name for r in rows] == ["Violation", "Info"]
