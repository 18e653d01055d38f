"""``pactgraph export provisions``: the analysts' table, read from the real build.

One record per provision with the provision's and the work's IRIs, objectives as IRI and label,
a commitment count that adds up to the build's, invented symbols and references marked, natural
order, JSON or CSV (``--excel``: with a byte-order mark).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pactgraph.cli import app
from pactgraph.export import FIELDS, is_invented_reference, provision_records
from pactgraph.natural import natural_key

BASE = "https://w3id.org/pactgraph/"


@pytest.fixture(scope="module")
def records(real_build: Path) -> list[dict]:
    return provision_records(real_build)


def export(*args: str) -> CliRunner:
    result = CliRunner().invoke(app, ["export", "provisions", *args])
    assert result.exit_code == 0, result.output
    return result


def test_records_carry_the_provision_and_work_iris(records):
    para = next(r for r in records if r["doc"] == "A/RES/71/1" and r["ref"] == "88")
    assert para["provision"] == BASE + "work/a-res-71-1/provision/88"
    assert para["work"] == BASE + "work/a-res-71-1"


def test_objectives_are_iris_with_their_labels(records):
    with_objective = [r for r in records if r["objectives"]]
    assert with_objective
    for r in with_objective:
        assert all(iri.startswith(BASE) and "/objective/" in iri for iri in r["objectives"])
        assert len(r["objective_labels"]) == len(r["objectives"])
    labels = {label for r in with_objective for label in r["objective_labels"]}
    assert any(label.startswith("Objective 9") for label in labels)


def test_commitment_counts_add_up_to_the_builds_count(records, real_build):
    stats = json.loads((real_build / "stats.json").read_text())
    assert sum(r["commitments"] for r in records) == stats["commitments"]
    assert all(r["is_commitment"] == (r["commitments"] > 0) for r in records)


def test_invented_symbols_and_references_are_marked(records):
    kenya = [r for r in records if r["doc"] == "KEN-NATIONAL-POSITION-GCM"]
    assert kenya and all(r["doc_invented"] for r in kenya)
    item = next(r for r in kenya if r["ref"] == "migration-in-kenya.b1")
    assert item["ref_invented"]
    resolution = [r for r in records if r["doc"] == "A/RES/71/1"]
    assert not any(r["doc_invented"] for r in resolution)
    # its numbered paragraphs are read; its unnumbered opening ("We, the Heads of State ...")
    # is cited by its order, a reference made up
    assert [r["ref"] for r in resolution if r["ref_invented"]] == ["body.p1"]


@pytest.mark.parametrize(
    ("ref", "invented"),
    [
        ("32", False),
        ("32(a)", False),
        ("I.5(a)", False),
        ("II.8(x)", False),
        ("4(a)(iv)", False),
        ("migration-in-kenya.b1", True),
        ("I.b3", True),
        ("12(b1)", True),
        ("12-2", True),
        ("article-3-2", True),
        ("annexes.3", True),
        ("pp3", True),
        ("h12(a)", True),
        ("p(a)", True),
        ("V.2", False),
        ("10.7", False),
        ("10.a", False),
        ("25.1", False),
        ("I.B.3", False),
        ("article-3(a)", False),
        ("article-IV", False),
        ("objective-9(a)", False),
    ],
)
def test_a_reference_is_invented_unless_printed_in_un_style(ref, invented):
    assert is_invented_reference(ref) is invented


def test_records_come_in_natural_order(records):
    docs = list(dict.fromkeys(r["doc"] for r in records))
    assert docs == sorted(docs, key=natural_key)
    gcm = [r["ref"] for r in records if r["doc"] == "GCM-ZERO-DRAFT" and "(" not in r["ref"]]
    assert gcm.index("2") < gcm.index("10") < gcm.index("19")


def test_csv_has_the_documented_columns_and_reads_back(real_build):
    text = export("--graph", str(real_build), "--format", "csv").output
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == FIELDS
    assert {r["is_commitment"] for r in rows} == {"true", "false"}
    assert not text.startswith("\ufeff")


def test_excel_csv_has_a_byte_order_mark(real_build, tmp_path):
    out = tmp_path / "provisions.csv"
    export("--graph", str(real_build), "-f", "csv", "--excel", "-o", str(out))
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf" + b"doc,doc_invented,")
    assert b"\r\n" in raw
    assert "’" in raw.decode("utf-8-sig")  # UTF-8 text survives


def test_excel_with_json_is_refused_in_one_line(real_build):
    result = CliRunner().invoke(
        app, ["export", "provisions", "--graph", str(real_build), "--excel"]
    )
    assert result.exit_code == 2 and "--excel" in result.output
    assert "Traceback" not in result.output


def test_format_is_a_choice(real_build):
    result = CliRunner().invoke(
        app, ["export", "provisions", "--graph", str(real_build), "--format", "xlsx"]
    )
    assert result.exit_code == 2 and "json" in result.output and "csv" in result.output


def test_export_reads_a_graph_file_or_a_build_directory(real_build):
    from_dir = export("--graph", str(real_build)).output
    from_file = export("--graph", str(real_build / "graph.nt")).output
    assert from_dir == from_file


def test_export_without_a_build_is_one_line(tmp_path):
    result = CliRunner().invoke(app, ["export", "provisions", "--graph", str(tmp_path)])
    assert result.exit_code == 2 and "pactgraph build" in result.output
    assert "Traceback" not in result.output


def test_part_says_preambular_or_operative_and_sub_items_take_their_paragraphs(tmp_path):
    from pactgraph.pipeline import build

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "res.txt").write_text(
        "Resolution adopted by the General Assembly on 4 December 2031\n\n"
        "86/77. Safety of coastal lighthouses\n\nThe General Assembly,\n\n"
        "Recalling its resolution 85/12 on the keepers of lights,\n\n"
        "Deeply concerned at the number of lighthouses left dark,\n\n"
        "1. Calls upon all States to keep their lighthouses burning at night;\n\n"
        "2. Requests the Secretary-General:\n\n"
        "(a) To survey the lighthouses of every coast;\n\n"
        "(b) To report to the General Assembly at its eighty-seventh session.\n",
        encoding="utf-8",
    )
    build([folder], out=tmp_path / "out", validate=False)
    parts = {r["ref"]: r["part"] for r in provision_records(tmp_path / "out")}
    assert parts == {
        "pp1": "preambular",
        "pp2": "preambular",
        "1": "operative",
        "2": "operative",
        "2(a)": "operative",
        "2(b)": "operative",
    }


def test_part_is_empty_where_a_text_has_no_preamble_and_operative_part(records):
    report = [r for r in records if r["doc"] == "A/72/643"]
    assert report and {r["part"] for r in report} == {""}
    resolution = {r["ref"]: r["part"] for r in records if r["doc"] == "A/RES/73/326"}
    assert resolution["pp1"] == "preambular" and resolution["1"] == "operative"
