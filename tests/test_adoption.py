"""Which works are adopted texts: read from the documents' summaries, a document loaded only
when a resolution's annex must be checked (adoption.classify)."""

from __future__ import annotations

from pathlib import Path

from pactgraph.adoption import classify
from pactgraph.link import summarise
from pactgraph.model import DocKind, Document
from parsing import parse

RESOLUTION = (
    "Resolution adopted by the General Assembly on 3 December 2031\n\n"
    "86/310. Safe harbours for seafarers\n\n"
    "The General Assembly,\n\n"
    "Recalling its resolution 85/12,\n\n"
    "1. Calls upon States to open their harbours to seafarers in distress;\n\n"
    "2. Requests the Secretary-General to report on the matter.\n"
)

REPORT = (
    "United Nations A/86/250\n\n"
    "General Assembly Distr.: General\n\n"
    "Harbour safety\n\n"
    "Report of the Secretary-General\n\n"
    "Summary\n\n"
    "The present report describes the state of harbours.\n\n"
    "1. Harbours were surveyed in 2031.\n\n"
    "2. The survey found that many lack lights.\n"
)


def _works(tmp_path: Path, texts: dict[str, str]) -> tuple[dict[str, list], dict]:
    works, docs = {}, {}
    for name, text in texts.items():
        (doc,) = parse(tmp_path, text, f"{name}.txt")
        key = (name, 0)
        docs[key] = doc
        works[name] = [summarise(doc, key)]
    return works, docs


def test_a_summary_carries_its_documents_kind(tmp_path: Path) -> None:
    works, docs = _works(tmp_path, {"res": RESOLUTION, "rep": REPORT})
    assert works["res"][0].kind is docs[("res", 0)].kind is DocKind.RESOLUTION
    assert works["rep"][0].kind is docs[("rep", 0)].kind is DocKind.REPORT


def test_a_resolution_is_adopted_and_a_report_is_not_without_loading_either(
    tmp_path: Path,
) -> None:
    works, docs = _works(tmp_path, {"res": RESOLUTION, "rep": REPORT})
    loaded: list[tuple[str, int]] = []

    def load(key: tuple[str, int]) -> Document:
        loaded.append(key)
        return docs[key]

    found = classify(works, load)
    assert set(found) == {"res"}
    assert found["res"].status == "adopted"
    assert loaded == []
