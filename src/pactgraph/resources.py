"""Where pactgraph's own files are: the ontology, the shapes, the query library, the corpus.

Takes: nothing. Gives: paths. These live at the top of the checkout, beside ``src/``, because
each is a product in its own right (the ontology is published, the shapes and queries are read
by people and by other tools, the corpus is the data a fresh clone builds), and pactgraph is
installed editable from that checkout (``make build``). Every module asks here, so another
layout (a wheel carrying them as package data) would change this file only.
"""

from __future__ import annotations

from pathlib import Path

#: The checkout: ``src/pactgraph/resources.py`` is two levels below it.
PROJECT_ROOT = Path(__file__).resolve().parents[2]
ONTOLOGY_FILE = PROJECT_ROOT / "ontology" / "pactgraph.ttl"
SHAPES_DIR = PROJECT_ROOT / "shapes"
QUERIES_DIR = PROJECT_ROOT / "queries"
BUNDLED_CORPUS = PROJECT_ROOT / "corpus"

__all__ = ["BUNDLED_CORPUS", "ONTOLOGY_FILE", "PROJECT_ROOT", "QUERIES_DIR", "SHAPES_DIR"]
