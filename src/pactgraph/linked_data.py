"""The linked-data view of a build: what each resource page, RDF answer and the landing page show.

Takes an :class:`~pactgraph.query.EmbeddedStore` holding a build and the base IRI its IRIs were
minted under; gives, through pyoxigraph pattern lookups (no SPARQL strings), a resource's
description in both directions (:meth:`Dataset.describe`), the data of its HTML page (label,
types, text, the copies and source files it comes from, links in and out: :meth:`Dataset.page`),
the dataset's VoID + DCAT description, counts and dumps; and HTTP content negotiation
(:func:`negotiate`). :mod:`pactgraph.serve` puts it on the web.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, RDFS, SKOS, VOID, XSD

from .errors import PactgraphError
from .iris import Minter
from .linked_views import agency_ownership, agency_roles, version_diff
from .namespaces import OA, ONTOLOGY_IRI, PG, PROV
from .natural import natural_sorted
from .query import EmbeddedStore, QueryResult, inferred_graph_iri

DUMPS = ("graph.nt", "graph.ttl", "inferred.ttl")
#: the UN-system classes whose members' pages list the objectives they own
AGENCY_CLASSES = frozenset(
    str(c)
    for c in (
        PG.UNEntity,
        PG.PrincipalOrgan,
        PG.UNOfficial,
        PG.UNOffice,
        PG.SpecializedAgency,
        PG.FundOrProgramme,
        PG.RelatedOrganization,
        PG.UNMechanism,
    )
)
#: the data are extracted from UN documents, which the UN publishes for public use; the graph is
#: given under CC BY 4.0 (attribution: the project and the UN documents each node cites)
LICENSE = "https://creativecommons.org/licenses/by/4.0/"
PUBLISHER_NAME = "The pactgraph project"
MAX_LINKS = 300  # links listed per property on a page; the RDF formats carry all of them
LABEL_PROPERTIES = (SKOS.prefLabel, RDFS.label, DCTERMS.title, PG.reference)
LABEL_IRIS = frozenset(str(p) for p in (SKOS.prefLabel, RDFS.label))
PREFIXES = {
    "pg": str(PG),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "skos": str(SKOS),
    "dct": str(DCTERMS),
    "prov": str(PROV),
    "oa": str(OA),
    "eli": "http://data.europa.eu/eli/ontology#",
    "xsd": str(XSD),
    "owl": "http://www.w3.org/2002/07/owl#",
    "org": "http://www.w3.org/ns/org#",
}


class Dataset:
    """Read-only lookups for pages: descriptions, labels, provenance, counts."""

    def __init__(self, store: EmbeddedStore, *, base: str, build: Path) -> None:
        self.embedded = store
        self.store = store.store
        self.base = Minter(base).base
        self.build = build
        self._inferred = ox.NamedNode(inferred_graph_iri(self.base))
        self.term_labels: dict[str, str] = {}

    def read_term_labels(self, ontology: Path) -> None:
        """English ``rdfs:label`` of the ontology's terms, for type and property names."""
        try:
            triples = ox.parse(path=str(ontology), format=ox.RdfFormat.TURTLE)
            for triple in triples:
                if (
                    triple.predicate.value == str(RDFS.label)
                    and isinstance(triple.object, ox.Literal)
                    and triple.object.language in (None, "en")
                ):
                    self.term_labels[triple.subject.value] = triple.object.value
        except (SyntaxError, OSError) as exc:
            raise PactgraphError(
                f"cannot read the ontology: {exc}", locator=str(ontology)
            ) from None

    # terms
    def _quads(
        self, s: URIRef | None = None, p: URIRef | None = None, o: URIRef | None = None
    ) -> Iterator[ox.Quad]:
        return self.store.quads_for_pattern(
            ox.NamedNode(str(s)) if s is not None else None,
            ox.NamedNode(str(p)) if p is not None else None,
            ox.NamedNode(str(o)) if o is not None else None,
            None,
        )

    def exists(self, iri: URIRef) -> bool:
        return any(True for _ in self._quads(s=iri)) or any(True for _ in self._quads(o=iri))

    def objects(self, s: URIRef, p: URIRef) -> list[ox.NamedNode | ox.Literal]:
        return sorted({q.object for q in self._quads(s=s, p=p)}, key=str)

    def subjects(self, p: URIRef, o: URIRef) -> list[ox.NamedNode]:
        return sorted({q.subject for q in self._quads(p=p, o=o)}, key=str)

    def label(self, iri: str) -> str:
        if iri in self.term_labels:
            return self.term_labels[iri]
        node = URIRef(iri)
        span = self._span_label(node)
        if span:
            return span
        if not iri.startswith(self.base):
            words = _vocabulary_words(iri)  # rdfs:label -> "label", prov:wasDerivedFrom -> ...
            if words:
                return words
        for prop in LABEL_PROPERTIES:
            values = [o for o in self.objects(node, prop) if isinstance(o, ox.Literal)]
            english = [o for o in values if o.language in (None, "en")]
            if english or values:
                return (english or values)[0].value
        return self.short(iri)

    def _span_label(self, node: URIRef) -> str:
        """``lines 172–180 of file.txt`` for a source span, else ""."""
        start, end = self.objects(node, PG.lineStart), self.objects(node, PG.lineEnd)
        sources = self.objects(node, OA.hasSource)
        if not (start and end and sources):
            return ""
        names = self.objects(URIRef(sources[0].value), PG.fileName)
        where = names[0].value if names else self.short(sources[0].value)
        first, last = start[0].value, end[0].value
        lines = f"line {first}" if first == last else f"lines {first}–{last}"
        return f"{lines} of {where}"

    def short(self, iri: str) -> str:
        for prefix, namespace in PREFIXES.items():
            if iri.startswith(namespace) and len(iri) > len(namespace):
                return f"{prefix}:{iri[len(namespace) :]}"
        if iri.startswith(self.base):
            return iri[len(self.base) :]
        return iri

    def href(self, iri: str) -> str:
        """The local link for an IRI under the base (or the ontology), else the IRI itself."""
        if iri.startswith(self.base):
            return "/" + iri[len(self.base) :]
        if iri.startswith(ONTOLOGY_IRI):
            return "/ontology" + iri[len(ONTOLOGY_IRI) :]
        return iri

    # descriptions
    def describe(self, iri: URIRef) -> Graph:
        """Triples about ``iri`` in both directions (the RDF answer for a resource)."""
        graph = Graph()
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace)
        graph.bind("data", self.base)
        for quad in self._quads(s=iri):
            graph.add((iri, URIRef(quad.predicate.value), _rdflib(quad.object)))
        for quad in self._quads(o=iri):
            graph.add((_rdflib(quad.subject), URIRef(quad.predicate.value), iri))
        return graph

    def page(self, iri: URIRef) -> dict[str, object]:
        """Everything the resource template shows."""
        outgoing: dict[str, list[ox.NamedNode | ox.Literal]] = {}
        incoming: dict[str, list[ox.NamedNode]] = {}
        for quad in self._quads(s=iri):
            outgoing.setdefault(quad.predicate.value, []).append(quad.object)
        for quad in self._quads(o=iri):
            incoming.setdefault(quad.predicate.value, []).append(quad.subject)
        types = sorted({o.value for o in outgoing.pop(str(RDF.type), [])})
        texts = sorted(
            {o.value for o in outgoing.get(str(PG.text), []) if isinstance(o, ox.Literal)}
        )
        label = self.label(str(iri))
        return {
            "iri": str(iri),
            "label": label,
            "types": [self._link(t) for t in types],
            "texts": texts,
            "sources": self.sources(
                iri,
                sentences=texts
                if str(PG.Commitment) in types or str(PG.Statement) in types
                else [],
            ),
            "outgoing": self._rows(outgoing, label),
            "incoming": self._rows(incoming),
            # issue 13: an agency's objectives by kind of ownership; a version diff's changes
            "ownership": agency_ownership(self, iri) if AGENCY_CLASSES & set(types) else [],
            "roles": agency_roles(self, iri) if AGENCY_CLASSES & set(types) else [],
            "diff": version_diff(self, iri) if str(PG.VersionDiff) in types else None,
        }

    def _link(self, iri: str) -> dict[str, str]:
        return {"iri": iri, "href": self.href(iri), "label": self.label(iri)}

    def _rows(self, by_predicate: dict[str, list], title: str = "") -> list[dict[str, object]]:
        rows = []
        for predicate in sorted(by_predicate, key=lambda p: (self.label(p).lower(), p)):
            values = natural_sorted(set(by_predicate[predicate]), key=self._sort_key)
            if predicate in LABEL_IRIS:  # the page's title already says it
                values = [v for v in values if not (isinstance(v, ox.Literal) and v.value == title)]
                if not values:
                    continue
            cells = [
                self._link(v.value)
                if isinstance(v, ox.NamedNode)
                else {"text": v.value, "note": _literal_note(v)}
                for v in values[:MAX_LINKS]
            ]
            rows.append(
                {
                    "predicate": self._link(predicate),
                    "values": cells,
                    "more": max(0, len(values) - MAX_LINKS),
                }
            )
        return rows

    def _sort_key(self, term: ox.NamedNode | ox.Literal | ox.BlankNode) -> str:
        return self.label(term.value) if isinstance(term, ox.NamedNode) else term.value

    def sources(self, iri: URIRef, sentences: list[str] | None = None) -> list[dict[str, object]]:
        """The copies a node comes from: document, file, lines and the copy's own text, split
        around ``sentences`` (a statement's own sentence) so that a page can highlight it."""
        passages: list[URIRef] = []
        if self.objects(iri, PG.inDocument):
            passages.append(iri)
        holders = [iri] + [URIRef(o.value) for o in self.objects(iri, PG.statementOf)]
        for holder in holders:
            passages += [URIRef(o.value) for o in self.objects(holder, PG.hasPassage)]
        found = []
        for passage in dict.fromkeys(passages):
            for document in self.objects(passage, PG.inDocument):
                entry: dict[str, object] = {"document": self._link(document.value)}
                if passage != iri:
                    texts = self.objects(passage, PG.text)
                    entry["passage"] = self._link(str(passage))
                    entry["text"] = texts[0].value if texts else ""
                    entry["parts"] = _highlight(str(entry["text"]), sentences or [])
                entry |= self._span(passage)
                found.append(entry)
        if not found:
            span = self._span(iri)
            derived = self.objects(iri, PROV.wasDerivedFrom)
            if derived and not span.get("file"):
                names = self.objects(URIRef(derived[0].value), PG.fileName)
                span = {"file": names[0].value} if names else {}
            if span:
                found.append(span)
        return found

    def _span(self, node: URIRef) -> dict[str, object]:
        for span in self.objects(node, PG.sourceSpan):
            span_iri = URIRef(span.value)
            files = [
                n.value
                for source in self.objects(span_iri, OA.hasSource)
                for n in self.objects(URIRef(source.value), PG.fileName)
            ]
            start = self.objects(span_iri, PG.lineStart)
            end = self.objects(span_iri, PG.lineEnd)
            return {
                "file": files[0] if files else "",
                "lines": f"{start[0].value}–{end[0].value}" if start and end else "",
                "where": self._span_label(span_iri),
                "span": self._link(span.value),
            }
        return {}

    # the dataset as a whole (read-only, so computed once)
    @functools.cached_property
    def _counts(self) -> dict[str, int]:
        return self.counts()

    @functools.cached_property
    def _class_counts(self) -> list[dict[str, object]]:
        return self.class_counts()

    def summary(self) -> tuple[dict[str, int], list[dict[str, object]]]:
        """Triple counts and class counts, computed on first use."""
        return self._counts, self._class_counts

    def counts(self) -> dict[str, int]:
        asserted = inferred = 0
        for quad in self.store.quads_for_pattern(None, None, None, None):
            if quad.graph_name == self._inferred:
                inferred += 1
            else:
                asserted += 1
        return {"triples": asserted, "inferred": inferred}

    def class_counts(self) -> list[dict[str, object]]:
        counts: dict[str, int] = {}
        for quad in self._quads(p=RDF.type):
            counts[quad.object.value] = counts.get(quad.object.value, 0) + 1
        return [
            self._link(iri) | {"count": n, "short": self.short(iri)}
            for iri, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
            if iri.startswith(str(PG))
        ]

    def parsed_works(self) -> set[str]:
        """Works some document of the corpus expresses (read, not only cited)."""
        return {q.object.value for q in self._quads(p=PG.expresses)}

    def members(self, *classes: URIRef) -> list[dict[str, str]]:
        found = {s.value for cls in classes for s in self.subjects(RDF.type, cls)}
        return sorted(
            (self._link(iri) for iri in found), key=lambda x: (x["label"].lower(), x["iri"])
        )

    def void(self, server: str) -> Graph:
        """VoID + DCAT description of the dataset (no timestamps, no blank nodes)."""
        minter = Minter(self.base)
        dataset = minter.dataset()
        graph = Graph()
        for prefix, namespace in (("void", VOID), ("dcat", DCAT), ("dct", DCTERMS), ("pg", PG)):
            graph.bind(prefix, namespace)
        counts, classes = self.summary()
        graph.add((dataset, RDF.type, VOID.Dataset))
        graph.add((dataset, RDF.type, DCAT.Dataset))
        graph.add(
            (
                dataset,
                DCTERMS.title,
                Literal("pactgraph: who committed to what in migration policy", lang="en"),
            )
        )
        graph.add(
            (
                dataset,
                DCTERMS.description,
                Literal(
                    "Actors, instruments and commitments of international migration policy, "
                    "extracted from UN texts, each traced back to the text it comes from.",
                    lang="en",
                ),
            )
        )
        graph.add((dataset, DCTERMS.license, URIRef(LICENSE)))
        publisher = minter.dataset("publisher")
        foaf = "http://xmlns.com/foaf/0.1/"
        graph.add((dataset, DCTERMS.publisher, publisher))
        graph.add((publisher, RDF.type, URIRef(foaf + "Organization")))
        graph.add((publisher, RDFS.label, Literal(PUBLISHER_NAME, lang="en")))
        graph.add((publisher, URIRef(foaf + "homepage"), URIRef(self.base)))
        graph.add((dataset, VOID.triples, Literal(counts["triples"])))
        graph.add((dataset, VOID.uriSpace, Literal(self.base)))
        graph.add((dataset, VOID.vocabulary, URIRef(str(PG))))
        graph.add((dataset, VOID.sparqlEndpoint, URIRef(server + "sparql")))
        graph.add((dataset, VOID.rootResource, URIRef(server)))
        for link in classes:
            partition = minter.dataset("class", link["short"].split(":", 1)[1])
            graph.add((dataset, VOID.classPartition, partition))
            graph.add((partition, VOID["class"], URIRef(str(link["iri"]))))
            graph.add((partition, VOID.entities, Literal(link["count"])))
        service = minter.dataset("sparql")
        graph.add((dataset, DCAT.accessService, service))
        graph.add((service, RDF.type, DCAT.DataService))
        graph.add((service, DCAT.endpointURL, URIRef(server + "sparql")))
        for dump in self.dumps():
            distribution = minter.dataset("distribution", dump["name"])
            graph.add((dataset, DCAT.distribution, distribution))
            graph.add((distribution, RDF.type, DCAT.Distribution))
            graph.add((distribution, DCAT.downloadURL, URIRef(server + "dumps/" + dump["name"])))
            graph.add((distribution, DCAT.mediaType, Literal(dump["media"])))
            graph.add(
                (
                    distribution,
                    DCAT.byteSize,
                    Literal(dump["size"], datatype=XSD.nonNegativeInteger),
                )
            )
            graph.add((dataset, VOID.dataDump, URIRef(server + "dumps/" + dump["name"])))
        return graph

    def dumps(self) -> list[dict[str, object]]:
        media = {".nt": "application/n-triples", ".ttl": "text/turtle"}
        return [
            {
                "name": name,
                "size": (self.build / name).stat().st_size,
                "media": media[Path(name).suffix],
            }
            for name in DUMPS
            if (self.build / name).is_file()
        ]


def _vocabulary_words(iri: str) -> str:
    """The local name of a term of a known vocabulary as words ("was derived from")."""
    for namespace in PREFIXES.values():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            local = iri[len(namespace) :]
            return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", local).lower()
    return ""


def _highlight(text: str, sentences: list[str]) -> list[dict[str, object]]:
    """``text`` cut into parts, ``mark`` on the first place each sentence occurs."""
    spans = sorted(
        (text.find(s), text.find(s) + len(s)) for s in sentences if s and text.find(s) >= 0
    )
    parts: list[dict[str, object]] = []
    at = 0
    for start, end in spans:
        if start < at:
            continue
        if start > at:
            parts.append({"text": text[at:start], "mark": False})
        parts.append({"text": text[start:end], "mark": True})
        at = end
    if at < len(text):
        parts.append({"text": text[at:], "mark": False})
    return parts


def _rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> URIRef | Literal:
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == str(XSD.string):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    return URIRef(term.value)


def _literal_note(term: ox.Literal) -> str:
    if term.language:
        return f"@{term.language}"
    datatype = term.datatype.value
    return "" if datatype == str(XSD.string) else datatype.removeprefix(str(XSD))


# --- content negotiation ----------------------------------------------------------------------


def negotiate(accept: str | None, offered: list[str]) -> str | None:
    """The offered media type the ``Accept`` header prefers (first offered wins ties)."""
    if not accept:
        return offered[0]
    ranges: list[tuple[str, float]] = []
    for part in accept.split(","):
        pieces = [p.strip() for p in part.split(";")]
        quality = 1.0
        for param in pieces[1:]:
            if param.startswith("q="):
                with contextlib.suppress(ValueError):
                    quality = float(param[2:])
        if pieces[0]:
            ranges.append((pieces[0].lower(), quality))
    best, best_q = None, 0.0
    for media in offered:  # RFC 9110: the most specific matching range sets the quality
        kind = media.split("/")[0]
        matches = [
            (2 if pattern == media else 1 if pattern == f"{kind}/*" else 0, quality)
            for pattern, quality in ranges
            if pattern in (media, f"{kind}/*", "*/*")
        ]
        if matches:
            quality = max(matches)[1]
            if quality > best_q:
                best, best_q = media, quality
    return best


def result_view(result: object, dataset: Dataset) -> dict[str, object] | None:
    if result is None:
        return None
    assert isinstance(result, QueryResult)
    if result.boolean is not None:
        return {"boolean": result.boolean, "columns": [], "rows": []}
    rows = []
    for row in result.rows:
        cells = []
        for term in row:
            if term is None:
                cells.append({"text": ""})
            elif isinstance(term, URIRef):
                cells.append({"href": dataset.href(str(term)), "text": dataset.short(str(term))})
            else:
                cells.append({"text": str(term)})
        rows.append(cells)
    return {"boolean": None, "columns": result.columns, "rows": rows}


def instrument_classes() -> list[URIRef]:
    return [
        PG.Instrument, PG.BindingInstrument, PG.NonBindingInstrument, PG.Treaty, PG.Convention,
        PG.Protocol, PG.Agreement, PG.Declaration, PG.Resolution, PG.Compact, PG.Agenda,
        PG.Framework, PG.PlanOfAction, PG.Guidelines, PG.Principles, PG.Recommendation,
        PG.NationalLaw, PG.NationalPolicy, PG.Report, PG.PositionPaper, PG.Letter,
        PG.ParliamentaryPaper,
    ]  # fmt: skip


def actor_classes() -> list[URIRef]:
    return [
        PG.Actor, PG.State, PG.StateGroup, PG.UNEntity, PG.PrincipalOrgan, PG.UNOfficial,
        PG.UNOffice, PG.SpecializedAgency, PG.FundOrProgramme, PG.RelatedOrganization,
        PG.UNMechanism, PG.IntergovernmentalOrganization, PG.IntergovernmentalProcess,
        PG.Parliament, PG.Person, PG.StakeholderGroup,
    ]  # fmt: skip
