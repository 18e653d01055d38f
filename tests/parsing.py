"""One way for the structure tests to read a text written for them: write it to a file, parse."""

from __future__ import annotations

from pathlib import Path

from pactgraph.model import Document
from pactgraph.pipeline import parse_file


def parse(tmp_path: Path, text: str, name: str = "doc.txt") -> list[Document]:
    """The documents ``pactgraph build`` finds in ``text`` saved as ``tmp_path/name``."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return parse_file(path)[1]


def refs(doc: Document) -> list[str]:
    """The references of a document's provisions, in order."""
    return [p.ref for p in doc.provisions]
