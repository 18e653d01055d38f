"""Validation that fans out with the build (src/pactgraph/fanout.py, issue 16) and per-file
reporting of Violations (issue 12).

Each proof compares the report the build merges from its workers with a validation of the whole
``graph.nt`` at once (``validate.validate_path``): same report bytes, same rows. On the bundled
corpus, on the bench generator's 10× corpus, and with a Violation planted in one work's graph.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from typer.testing import CliRunner

from bench_generator import load_generator
from pactgraph import pipeline
from pactgraph.cli import app
from pactgraph.fanout import can_fan_out
from pactgraph.namespaces import PG, RDF, SH
from pactgraph.pipeline import BuildResult, build
from pactgraph.triples import nt_term
from pactgraph.validate import load_shapes, validate_path

ROOT = Path(__file__).resolve().parents[1]


def assert_merged_equals_whole(result: BuildResult) -> None:
    assert result.validation is not None
    whole = validate_path(result.out / "graph.nt")
    written = result.out / "validation.ttl"
    reference = result.out.parent / f"{result.out.name}-whole.ttl"
    whole.write_report(reference)
    assert written.read_bytes() == reference.read_bytes()
    assert result.validation.rows == whole.rows
    assert result.validation.conforms == whole.conforms


def test_the_project_shapes_can_be_validated_work_by_work() -> None:
    assert can_fan_out(load_shapes())


def test_a_shape_that_reads_beyond_its_focus_node_is_validated_whole() -> None:
    shapes = Graph().parse(
        data="""@prefix sh: <http://www.w3.org/ns/shacl#> .
        <urn:x:S> a sh:NodeShape ; sh:targetClass <urn:x:C> ;
            sh:property [ sh:path [ sh:inversePath <urn:x:p> ] ; sh:minCount 1 ] .""",
        format="turtle",
    )
    assert not can_fan_out(shapes)


def test_the_merged_report_equals_the_whole_graph_report_on_the_bundled_corpus(
    tmp_path: Path,
) -> None:
    result = build(None, out=tmp_path / "b", jobs=2, validate=True)
    assert result.validation is not None and result.validation.rows
    assert result.nonconforming == {}
    assert_merged_equals_whole(result)


@pytest.mark.slow
def test_the_merged_report_equals_the_whole_graph_report_on_a_10x_build(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus-10x"
    load_generator().generate(10, corpus, seed="0")
    result = build([corpus], out=tmp_path / "b", jobs=2, validate=True)
    assert result.stats["works"] > 150 and result.stats["triples"] > 500_000
    assert_merged_equals_whole(result)


def _plant(monkeypatch: pytest.MonkeyPatch) -> list[URIRef]:
    """Make the first work whose chunk has a commitment with a bearer lose that bearer (as a
    loader bug would), in that work's graph only. Returns [the commitment] once planted."""
    planted: list[URIRef] = []
    write = pipeline.write_sorted

    # a chunk's triples are N-Triples forms (``<iri>``): pipeline.py's TripleSet
    bearer, a, commitment = (nt_term(t) for t in (PG.bearer, RDF.type, PG.Commitment))

    def write_sorted(triples, path: Path) -> int:
        triples = list(triples)
        if not planted and path.name.startswith("work-"):
            borne = {s for s, p, _o in triples if p == bearer}
            bearers = sorted(
                s[1:-1] for s, p, o in triples if p == a and o == commitment and s in borne
            )
            if bearers:
                planted.append(URIRef(bearers[0]))
                first = nt_term(planted[0])
                triples = [t for t in triples if not (t[0] == first and t[1] == bearer)]
        return write(triples, path)

    monkeypatch.setattr(pipeline, "write_sorted", write_sorted)
    return planted


def test_a_violation_planted_in_one_work_is_reported_once_for_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, real_build: Path
) -> None:
    planted = _plant(monkeypatch)
    result = build(None, out=tmp_path / "b", jobs=1, validate=True)
    (commitment,) = planted
    assert result.validation is not None and not result.validation.conforms
    (row,) = result.validation.violations
    assert (row.focus, row.path, row.component) == (
        str(commitment),
        str(PG.bearer),
        str(SH.MinCountConstraintComponent),
    )
    files = set(result.nonconforming)
    assert result.nonconforming == dict.fromkeys(files, 1) and len(files) == 1
    # the work's own file, read from the graph: the statement's provision's document's source
    graph = Graph().parse(result.out / "graph.nt", format="nt")
    provision = graph.value(commitment, PG.statementOf)
    passage = graph.value(provision, PG.hasPassage)
    document = graph.value(passage, PG.inDocument)
    source = graph.value(document, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"))
    assert str(graph.value(source, PG.fileName)) in files
    # every file's graph is still written: as many documents and files as the clean build's
    clean = json.loads((real_build / "stats.json").read_text(encoding="utf-8"))
    assert result.stats["documents"] == clean["documents"]
    assert result.stats["files_built"] == clean["files_built"] > 1
    assert_merged_equals_whole(result)


def test_the_build_exits_1_naming_the_file_whose_graph_does_not_conform(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    planted = _plant(monkeypatch)
    out = tmp_path / "b"
    done = CliRunner().invoke(app, ["build", "--out", str(out)], env={"COLUMNS": "300"})
    assert planted
    assert done.exit_code == 1, done.output
    lines = [ln for ln in done.output.splitlines() if ln.startswith("invalid: ")]
    assert len(lines) == 2 and "1 violation(s)" in lines[0] and ".txt" in lines[0], lines
    assert (out / "graph.nt").exists() and (out / "validation.ttl").exists()


def test_a_build_validated_whole_gives_the_same_report_as_fanned_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fanned = build(None, out=tmp_path / "fan", validate=True)
    monkeypatch.setattr(pipeline, "can_fan_out", lambda shapes: False)
    whole = build(None, out=tmp_path / "whole", validate=True)
    assert (tmp_path / "fan" / "validation.ttl").read_bytes() == (
        tmp_path / "whole" / "validation.ttl"
    ).read_bytes()
    assert fanned.validation is not None and whole.validation is not None
    assert fanned.validation.rows == whole.validation.rows


def test_a_work_is_validated_with_the_reference_lines_it_names_and_the_class_hierarchy(
    tmp_path: Path,
) -> None:
    from pactgraph.fanout import _reference_for

    sub = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"
    typ = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    reference = tmp_path / "reference.nt"
    reference.write_text(
        f"<https://x.test/named> {typ} <https://x.test/Actor> .\n"
        f"<https://x.test/other> {typ} <https://x.test/Actor> .\n"
        f"<https://x.test/Actor> {sub} <https://x.test/Agent> .\n"
    )
    chunk = b"<https://x.test/p1> <https://x.test/bearer> <https://x.test/named> .\n"
    picked = _reference_for(chunk, reference).decode()
    assert "<https://x.test/named>" in picked  # a value the chunk names: its type
    assert sub in picked  # the hierarchy, always
    assert "<https://x.test/other>" not in picked  # another work's node: not this work's cost
