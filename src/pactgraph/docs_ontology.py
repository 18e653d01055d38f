"""HTML documentation of the ontology, generated with pyLODE.

Takes ``ontology/pactgraph.ttl`` (found by :func:`find_ontology`) and gives one self-contained
HTML page (pyLODE's ``OntPub`` profile: CSS inline, no CDN), which ``pactgraph serve`` publishes
at ``/ontology`` for browsers, next to the Turtle for machines.

pyLODE 3.4.1 as published on PyPI reads its version from a ``pyproject.toml`` that the wheel does
not ship, so ``import pylode`` fails with ``FileNotFoundError``. :func:`_import_ontpub` works
around it by registering ``pylode.version`` from the installed package metadata before the
import; nothing in the venv is patched.
"""

from __future__ import annotations

import functools
import importlib.metadata
import logging
import re
import sys
import types
from pathlib import Path
from typing import Any

from rdflib import Graph
from rdflib.namespace import OWL, RDF, SKOS

from .errors import GraphError
from .namespaces import ONTOLOGY_IRI
from .resources import ONTOLOGY_FILE


def find_ontology(build: Path | None = None) -> Path | None:
    """The ontology Turtle: ``build/ontology.ttl``, ``./ontology/``, then the checkout's."""
    candidates = []
    if build is not None:
        candidates.append(build / "ontology.ttl")
    candidates += [Path.cwd() / "ontology" / "pactgraph.ttl", ONTOLOGY_FILE]
    return next((c for c in candidates if c.is_file()), None)


def _import_ontpub() -> Any:
    if "pylode.version" not in sys.modules:
        try:
            import pylode.version  # noqa: F401  (works once pyLODE ships its pyproject.toml)
        except (FileNotFoundError, ImportError):
            sys.modules.pop("pylode.version", None)
            module = types.ModuleType("pylode.version")
            module.__version__ = importlib.metadata.version("pylode")  # type: ignore[attr-defined]
            sys.modules["pylode.version"] = module
    from pylode import OntPub

    return OntPub


_ENTITY = re.compile(
    r'(<div class="[^"]*entity" id="(?P<id>[^"]+)">)(?P<body>.{0,400}?<code>'
    + re.escape(ONTOLOGY_IRI)
    + r"#(?P<local>[A-Za-z0-9_]+)</code>)",
    re.DOTALL,
)


@functools.lru_cache(maxsize=4)
def ontology_html(path: Path) -> str:
    """pyLODE's HTML for the ontology at ``path`` (cached per path).

    Two adjustments: pyLODE takes any ``skos:ConceptScheme`` for the ontology itself (the page
    was titled "modality scheme"), so the scheme's type is hidden from it; and pyLODE anchors
    terms by label (``#commitment``), so an anchor by local name (``#Commitment``, the fragment
    of the term's IRI) is added, which makes ``/ontology#Commitment`` land on the term.
    """
    OntPub = _import_ontpub()
    try:
        graph = Graph().parse(path, format="turtle")
    except Exception as exc:  # rdflib raises its own syntax errors
        raise GraphError(f"cannot parse the ontology: {exc}", locator=str(path)) from None
    ontologies = set(graph.subjects(RDF.type, OWL.Ontology))
    for scheme in list(graph.subjects(RDF.type, SKOS.ConceptScheme)):
        if scheme not in ontologies:
            graph.remove((scheme, RDF.type, SKOS.ConceptScheme))
    root = logging.getLogger()
    level = root.level
    try:
        html = str(OntPub(ontology=graph, sort_subjects=True).make_html())
    except Exception as exc:  # pyLODE raises bare Exceptions on bad input
        raise GraphError(f"pyLODE cannot document the ontology: {exc}", locator=str(path)) from None
    finally:
        root.setLevel(level)  # pyLODE sets the root logger to INFO on import
    return _ENTITY.sub(_anchor, html)


def _anchor(match: re.Match[str]) -> str:
    if match["id"] == match["local"]:
        return match.group(0)
    return f'{match.group(1)}<a id="{match["local"]}"></a>{match["body"]}'
