"""What the server's pages and RDF answers contain, apart from HTTP.

Takes a :class:`~pactgraph.serve.LinkedDataServer` (its dataset, library and public URL); gives
the template contexts of the landing page, resource pages and the SPARQL form, RDF
serializations (Turtle, N-Triples, RDF/XML, and JSON-LD compacted with the published
``/context.jsonld``), the SPARQL service description, and the ontology page's link back to the
site. :mod:`pactgraph.serve` routes; :mod:`pactgraph.linked_data` looks data up.
"""

from __future__ import annotations

import json
import re
import urllib.parse
from typing import TYPE_CHECKING

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF

from .errors import PactgraphError
from .iris import Minter
from .linked_data import PREFIXES, actor_classes, instrument_classes

if TYPE_CHECKING:
    from .serve import LinkedDataServer

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
RDFLIB_FORMATS = {
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
}


def jsonld_context(base: str) -> dict[str, object]:
    """The JSON-LD ``@context`` the server publishes at ``/context.jsonld``."""
    return {"@context": {**PREFIXES, "data": base, "@vocab": PREFIXES["pg"]}}


def serialize(graph: Graph, media: str, public: str) -> bytes:
    """``graph`` in ``media``; JSON-LD is compacted with the context published at
    ``/context.jsonld``, written inline so that a client needs no second request to read it."""
    if media == "application/ld+json":
        context = jsonld_context(_graph_base(graph) or public)["@context"]
        data = graph.serialize(format="json-ld", context=context, auto_compact=True)
        document = json.loads(data)
        return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True).encode()
    data = graph.serialize(format=RDFLIB_FORMATS[media])
    return data.encode("utf-8") if isinstance(data, str) else data


def _graph_base(graph: Graph) -> str:
    for prefix, namespace in graph.namespaces():
        if prefix == "data":
            return str(namespace)
    return ""


def landing_context(server: LinkedDataServer) -> dict[str, object]:
    dataset = server.dataset
    examples = []
    for name, saved in server.library.items():
        entry: dict[str, object] = {"name": name, "title": saved.title, "question": saved.question}
        try:
            text = saved.text_with_values(saved.bindings(base=server.base))
            entry["href"] = "/sparql?" + urllib.parse.urlencode({"query": text})
        except PactgraphError:
            entry["href"] = ""
            entry["needs"] = ", ".join(p.name for p in saved.params if p.required)
        examples.append(entry)
    counts, classes = dataset.summary()
    return {
        "counts": counts,
        "classes": classes,
        "works": dataset.members(*instrument_classes()),
        "actors": dataset.members(*actor_classes()),
        "dumps": dataset.dumps(),
        "examples": examples,
        "base": server.base,
        "dataset_href": dataset.href(str(Minter(server.base).dataset())),
    }


def resource_context(
    server: LinkedDataServer, iri: URIRef, stem: str, formats: dict[str, tuple[str, str]]
) -> dict[str, object]:
    return {"page": server.dataset.page(iri), "href": stem, "formats": formats}


def sparql_form_context(server: LinkedDataServer, query: str) -> dict[str, object]:
    prefixes = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
    prefixes += f"PREFIX data: <{server.base}>\n"
    examples = []
    for name, saved in server.library.items():
        try:
            text = saved.text_with_values(saved.bindings(base=server.base))
        except PactgraphError:
            continue
        examples.append({"name": name, "title": saved.title, "text": text})
    return {
        "query": query or prefixes + "\nSELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 10\n",
        "examples": examples,
        "result": None,
        "error": "",
    }


def service_description(public: str, media: str) -> bytes:
    """The SPARQL 1.1 service description of ``/sparql`` (no blank nodes)."""
    graph = Graph()
    graph.bind("sd", SD)
    service = URIRef(public + "sparql")
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, service))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    for fmt in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
                "SPARQL_Results_TSV", "Turtle", "N-Triples", "RDF_XML", "JSON-LD"):  # fmt: skip
        graph.add((service, SD.resultFormat, URIRef(f"http://www.w3.org/ns/formats/{fmt}")))
    graph.add((service, SD.feature, SD.UnionDefaultGraph))
    graph.add((service, SD.defaultDataset, URIRef(public + "dataset")))
    graph.add((URIRef(public + "dataset"), RDF.type, SD.Dataset))
    graph.add((service, URIRef("http://purl.org/dc/terms/description"), Literal(
        "Read-only: SELECT, CONSTRUCT, ASK and DESCRIBE; no SERVICE, no updates.", lang="en"
    )))  # fmt: skip
    return serialize(graph, media, "")


def ontology_backlink(html: str) -> str:
    """pyLODE's page with a link back to the site at the top of its body."""
    link = (
        '<nav aria-label="site" style="padding:.5em 1em;border-bottom:1px solid #ccc">'
        '<a href="/">pactgraph home</a> · <a href="/sparql">SPARQL</a></nav>'
    )
    return re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + link, html, count=1)
