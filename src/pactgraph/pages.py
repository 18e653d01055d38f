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
from .linked_data import PREFIXES, Dataset, instrument_classes
from .namespaces import PG
from .query import Page, paged_text

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


#: the home page's groups of actors, each the classes it gathers (an actor in several goes first)
ACTOR_GROUPS: list[tuple[str, tuple[URIRef, ...]]] = [
    ("States", (PG.State,)),
    ("UN entities", (PG.UNEntity, PG.PrincipalOrgan, PG.UNOfficial, PG.UNOffice,
                     PG.SpecializedAgency, PG.FundOrProgramme, PG.RelatedOrganization,
                     PG.UNMechanism)),
    ("Other organisations", (PG.IntergovernmentalOrganization, PG.IntergovernmentalProcess,
                             PG.Parliament)),
    ("Groups", (PG.StateGroup, PG.StakeholderGroup)),
    ("People", (PG.Person,)),
]  # fmt: skip


def actor_groups(dataset: Dataset) -> list[dict[str, object]]:
    """The actors by kind (:data:`ACTOR_GROUPS`), each listed once, the rest as "Other actors"."""
    seen: set[str] = set()
    groups = []
    for title, classes in [*ACTOR_GROUPS, ("Other actors", (PG.Actor,))]:
        members = [m for m in dataset.members(*classes) if m["iri"] not in seen]
        seen.update(m["iri"] for m in members)
        if members:
            groups.append({"title": title, "members": members})
    return groups


def _first_page(text: str) -> str:
    """A library query as the server offers it: its first page (``LIMIT``, stable order), which
    the user pages on by changing the ``OFFSET``; the whole answer is ``pactgraph query --all``."""
    return paged_text(text, Page(), lookahead=False) or text


def landing_context(server: LinkedDataServer) -> dict[str, object]:
    dataset = server.dataset
    examples = []
    for name, saved in server.library.items():
        entry: dict[str, object] = {"name": name, "title": saved.title, "question": saved.question}
        try:
            text = _first_page(saved.text_with_values(saved.bindings(base=server.base)))
            entry["href"] = "/sparql?" + urllib.parse.urlencode({"query": text})
        except PactgraphError:
            entry["href"] = ""
            entry["needs"] = ", ".join(p.name for p in saved.params if p.required)
        examples.append(entry)
    counts, classes = dataset.summary()
    instruments = dataset.members(*instrument_classes())
    parsed = dataset.parsed_works()
    return {
        "counts": counts,
        "classes": classes,
        "works": [w for w in instruments if w["iri"] in parsed],
        "cited": [w for w in instruments if w["iri"] not in parsed],
        "actor_groups": actor_groups(dataset),
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
            text = _first_page(saved.text_with_values(saved.bindings(base=server.base)))
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
