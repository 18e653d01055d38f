"""The whole loader, stage by stage: files -> ``build/`` artefacts.

Takes input paths (files or folders of ``*.txt``; the bundled ``corpus/`` by default) and an
output folder; gives ``graph.nt`` (sorted N-Triples), ``graph.ttl``, ``graph.jsonld`` and
``stats.json`` (documents, provisions, triples, per-file coverage and timings), plus a
:class:`BuildResult` the CLI reports from.

read -> segment -> structure run per file (:func:`parse_file`, independent of every other file,
so they can be fanned out); link groups the copies into works; extract analyses each work's
canonical copy; emit writes the graph.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from .cues import default_cues
from .emit import Emitter, bind_prefixes, coverage, write_outputs
from .errors import InputError
from .iris import Minter
from .link import Corpus, Work, link
from .model import Document, SourceText
from .namespaces import DEFAULT_BASE, PG, RDF, RDFS
from .read import read_source
from .segment import segment
from .structure import structure

#: The corpus shipped with the project (used when no path is given).
BUNDLED_CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@dataclass
class ParsedFile:
    source: SourceText
    documents: list[Document]
    outside: list[tuple[int, int]]


@dataclass
class BuildResult:
    out: Path
    stats: dict
    skipped: list[str] = field(default_factory=list)  # one line per file that was not built
    notes: list[str] = field(default_factory=list)  # one line per thing worth knowing
    graph: Graph | None = None
    corpus: Corpus | None = None


def collect_inputs(paths: Iterable[Path]) -> list[Path]:
    """Files to read: each file given, and every ``*.txt`` under each folder given, sorted."""
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files.extend(sorted(q for q in p.rglob("*.txt") if q.is_file()))
        else:
            files.append(p)
    return files


def parse_file(path: Path) -> ParsedFile:
    """read -> segment -> structure for one file (raises InputError for unusable files)."""
    src = read_source(path)
    cues = default_cues()
    docs, outside = segment(src, cues)
    for d in docs:
        structure(d, cues)
    return ParsedFile(src, docs, outside)


def _load_gazetteer():
    from .gazetteer import Gazetteer

    return Gazetteer.load()


def analyse(corpus: Corpus, gaz) -> dict[str, dict]:
    """Run the extract stage over each work's canonical copy; ``{work id: {ref: analysis}}``."""
    from .extract import AnalysisContext, EntityRef, analyse_document

    objectives: dict[str, str] = {}
    for work in corpus.works.values():
        for obj in work.objectives.values():
            objectives[obj.key] = obj.title
    out: dict[str, dict] = {}
    for wid in sorted(corpus.works):
        work = corpus.works[wid]
        doc = work.canonical
        if not doc.provisions:
            continue
        issuer = None
        if work.issuer:
            try:
                a = gaz.actor(work.issuer)
                issuer = EntityRef(a.id, a.label, a.type, True)
            except KeyError:
                issuer = None
        self_ids = {wid}
        if work.gazetteer_id:
            self_ids.add(work.gazetteer_id)
        ctx = AnalysisContext(
            work_id=wid,
            doc_kind=str(work.kind.value),
            issuer=issuer,
            self_ids=frozenset(self_ids),
            objectives={k: v for k, v in objectives.items() if not k.startswith(f"{wid}:")}
            or objectives,
            footnotes={f.marker: f.text for f in doc.footnotes},
        )
        out[wid] = analyse_document(doc, ctx, gaz)
    return out


def _issuer_from_text(work: Work, gaz) -> None:
    """Position papers and letters speak for the State or body named in their front matter."""
    if work.issuer or gaz is None:
        return
    from .model import BlockKind

    head = " ".join(b.text for b in work.canonical.blocks[:15] if b.kind is BlockKind.TITLE)
    states = gaz.find_states(head)
    if states:
        work.issuer = states[0].entry.id


def build(
    paths: Iterable[Path] | None = None,
    *,
    out: Path = Path("build"),
    base: str = DEFAULT_BASE,
    progress: Callable[[str], None] | None = None,
) -> BuildResult:
    """Build the graph from ``paths`` (default: the bundled corpus) into ``out``."""
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    files = collect_inputs(list(paths) if paths else [BUNDLED_CORPUS])
    result = BuildResult(out=out, stats={})
    parsed: list[ParsedFile] = []
    for f in files:
        if progress:
            progress(f.name)
        try:
            parsed.append(parse_file(f))
        except InputError as exc:
            result.skipped.append(str(exc))
    for pf in parsed:
        for note in pf.source.notes:
            result.notes.append(f"{pf.source.name}: {note}")
    timings["parse_s"] = time.perf_counter() - t0

    t = time.perf_counter()
    gaz = _load_gazetteer()
    docs = [d for pf in parsed for d in pf.documents]
    outside = [(None, pf.source, r) for pf in parsed for r in pf.outside]
    corpus = link(docs, gaz=gaz, outside=outside)
    for work in corpus.works.values():
        _issuer_from_text(work, gaz)
    timings["link_s"] = time.perf_counter() - t

    t = time.perf_counter()
    analyses = analyse(corpus, gaz)
    timings["extract_s"] = time.perf_counter() - t

    t = time.perf_counter()
    minter = Minter(base)
    graph = Graph()
    bind_prefixes(graph, minter)
    em = Emitter(minter, graph, gaz)
    em.gazetteer(gaz)
    sources = sorted(
        {pf.source.sha256: pf.source for pf in parsed}.values(), key=lambda s: s.sha256
    )
    for src in sources:
        em.source(src)
    objective_iris: dict[str, object] = {}

    def objective_iri(key: str):
        if key not in objective_iris:
            wid, _, number = key.partition(":")
            iri = minter.objective(wid, number)
            if (iri, RDF.type, None) not in graph:
                graph.add((iri, RDF.type, PG.Objective))
                graph.add((iri, RDF.type, PG.SDGTarget)) if wid == "2030-agenda" else None
                label = f"SDG target {number}" if wid == "2030-agenda" else f"Objective {number}"
                graph.add((iri, RDFS.label, em_label(label)))
                graph.add((iri, PG.number, em_literal(number)))
                graph.add((iri, PG.objectiveOf, minter.work(wid)))
                graph.add((minter.work(wid), PG.hasObjective, iri))
            objective_iris[key] = iri
        return objective_iris[key]

    for wid in sorted(corpus.works):
        work = corpus.works[wid]
        em.work(work)
        for doc in work.documents:
            em.document(work, doc)
            em.blocks(work, doc)
        em.sections(work)
        for obj in work.objectives.values():
            objective_iris[obj.key] = em.objective(obj)
        work_analyses = analyses.get(wid, {})
        for wp in work.provisions.values():
            em.provision(work, wp)
            if wp.ref in work_analyses:
                em.statements(work, wp, work_analyses[wp.ref], objective_iri)
    for _, src, (first, last) in corpus.outside:
        em.outside(src, first, last)
    cov = coverage(graph, sources, minter)
    for src in sources:
        from rdflib import Literal
        from rdflib.namespace import XSD

        graph.add(
            (minter.source(src.digest), PG.coverage, Literal(cov[src.name], datatype=XSD.decimal))
        )
    timings["emit_s"] = time.perf_counter() - t

    t = time.perf_counter()
    written = write_outputs(graph, out)
    timings["write_s"] = time.perf_counter() - t
    timings["total_s"] = time.perf_counter() - t0

    n_prov = sum(len(w.provisions) for w in corpus.works.values())
    commitments = len(set(graph.subjects(RDF.type, PG.Commitment)))
    result.stats = {
        "files": len(files),
        "files_built": len(parsed),
        "files_skipped": len(result.skipped),
        "documents": len(docs),
        "works": len(corpus.works),
        "provisions": n_prov,
        "paragraphs": sum(
            1 for w in corpus.works.values() for p in w.provisions.values() if p.kind == "paragraph"
        ),
        "commitments": commitments,
        "triples": len(graph),
        "coverage": cov,
        "documents_found": [
            {
                "file": d.source.name,
                "lines": [d.first_line, d.last_line],
                "kind": d.kind.value,
                "work": d.work_id,
                "symbol": corpus.works[d.work_id or ""].symbol,
                "title": d.title,
                "provisions": len(d.provisions),
                "footnotes": len(d.footnotes),
                "problems": d.problems,
            }
            for d in sorted(docs, key=lambda d: (d.source.name, d.first_line))
        ],
        "skipped": result.skipped,
        "notes": result.notes,
        "outputs": {k: str(v) for k, v in sorted(written.items())},
        "timings": {k: round(v, 3) for k, v in timings.items()},
    }
    (out / "stats.json").write_text(json.dumps(result.stats, indent=1) + "\n", encoding="utf-8")
    result.graph = graph
    result.corpus = corpus
    return result


def em_label(text: str):
    from rdflib import Literal

    return Literal(text, lang="en")


def em_literal(text: str):
    from rdflib import Literal

    return Literal(text)
