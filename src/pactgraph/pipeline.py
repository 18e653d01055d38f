"""The whole loader, stage by stage: input files -> ``build/`` artefacts, streaming.

Takes input paths (files, or folders of ``.txt``, ``.md``, ``.docx`` and ``.pdf`` files; the
bundled ``corpus/`` by default) and an output folder; gives ``graph.nt`` (sorted, deduplicated
N-Triples), ``graph.ttl``, ``graph.jsonld``, ``stats.json`` (documents, provisions, triples,
per-file coverage, timings) and, for large builds or on request, an on-disk Oxigraph store in
``store/``; returns a :class:`BuildResult` for the CLI.

How it runs, so that memory is bounded by the largest input file rather than by the corpus and
the output is byte-identical whatever ``jobs`` is:

1. **parse** (parallel, one task per file): read -> segment -> structure; the parsed file is
   pickled to ``build/.work/`` and only a small :class:`~pactgraph.link.DocSummary` per document
   comes back.
2. **group**: the summaries are grouped into works (copies of one text), by an inverted index of
   paragraph openings confirmed by comparing texts.
3. **link, extract, emit** (parallel, one task per work): the work's copies are unpickled,
   aligned, analysed by the extract stage and emitted as a sorted N-Triples chunk; what comes
   back is counts and which lines each span covered.
4. **merge**: the chunks (plus the gazetteer and the source-file descriptions) are merged in
   sorted order with duplicates dropped (``merge.py``), then converted to Turtle and JSON-LD
   by Oxigraph.
"""

from __future__ import annotations

import functools
import gc
import itertools
import json
import os
import pickle
import shutil
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal
from rdflib.namespace import XSD

from .adoption import classify as classify_adoption
from .adoption import emit_adoption
from .atomic import Written, atomic_build
from .cues import default_cues
from .emit import Emitter, bind_prefixes
from .errors import GraphError, InputError
from .executor import open_executor
from .fanout import Part, can_fan_out, merged, reference_graph, validate_corpus_nodes, validate_work
from .iris import Minter, digest
from .link import DocSummary, group_works, link_work, same_work, summarise
from .merge import merge
from .model import BlockKind, Document, SourceText
from .namespaces import DEFAULT_BASE, PG, RDF
from .read import SUFFIXES, read_source
from .resources import BUNDLED_CORPUS, ONTOLOGY_FILE
from .roles import emit_roles, find_roles
from .segment import segment
from .structure import structure
from .triples import TripleSet, write_sorted
from .validate import ValidationResult, _default_shapes, validate_path
from .versions import emit_version_changes

#: Above this many triples the build also writes an on-disk Oxigraph store (``store/``).
STORE_THRESHOLD = 1_000_000
#: Prefixes written into graph.ttl.
PREFIXES = {
    "pg": str(PG._NS),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "oa": "http://www.w3.org/ns/oa#",
    "eli": "http://data.europa.eu/eli/ontology#",
}


@dataclass
class BuildResult:
    out: Path
    stats: dict
    skipped: list[str] = field(default_factory=list)  # one line per file that was not built
    notes: list[str] = field(default_factory=list)  # one line per thing worth knowing
    validation: ValidationResult | None = None  # with build(validate=True)
    nonconforming: dict[str, int] = field(default_factory=dict)  # input file -> Violations
    written: dict[str, Written] = field(default_factory=dict)  # graph.* as their writers made them


def collect_inputs(paths: Iterable[Path], problems: list[str] | None = None) -> list[Path]:
    """Files to read: each file given, and every file of a readable format (``read.SUFFIXES``:
    .txt, .md, .docx, .pdf) under each folder given, sorted. A folder's ``README`` (any
    suffix) describes the folder and is not read as one of its texts; given by name, it is.

    A folder holding no such file is reported in ``problems`` (one line), not ignored.
    """
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            found = sorted(
                q
                for q in p.rglob("*")
                if q.suffix.lower() in SUFFIXES and q.stem.lower() != "readme" and q.is_file()
            )
            if not found and problems is not None:
                kinds = ", ".join(sorted(SUFFIXES))
                problems.append(f"{p}: folder holds no file to read ({kinds})")
            files.extend(found)
        else:
            files.append(p)
    return files


def parse_file(path: Path) -> tuple[SourceText, list[Document], list[tuple[int, int]]]:
    """read -> segment -> structure for one file (raises InputError for unusable files)."""
    src = read_source(path)
    cues = default_cues()
    docs, outside = segment(src, cues)
    for d in docs:
        structure(d, cues)
    return src, docs, outside


def _gazetteer():
    from .gazetteer import Gazetteer

    return Gazetteer.load()


def _load_tables() -> None:
    """Read every data table the tasks use (each is cached once read)."""
    from .extract.vocabulary import load_cues, load_patterns
    from .roles import load_role_cues

    _gazetteer()
    default_cues()
    load_cues()
    load_patterns()
    load_role_cues()


# --- phase 1: parse (one task per file) ----------------------------------------------------------


@dataclass
class _Parsed:
    path: str
    name: str
    sha256: str
    pickle: str | None
    summaries: list[DocSummary]
    objectives: list[list[tuple[str, str]]]  # per document: (number, title)
    notes: list[str]
    error: str | None = None
    problems: list[dict] = field(default_factory=list)


def _parse_task(path: str, cache: str) -> _Parsed:
    try:
        src, docs, outside = parse_file(Path(path))
    except InputError as exc:
        return _Parsed(path, Path(path).name, "", None, [], [], [], error=str(exc))
    gaz = _gazetteer()
    target = Path(cache) / f"{src.sha256[:16]}.pickle"
    _dump((src, outside), target)
    for i, d in enumerate(docs):  # each copy apart: a work task reads its own copies only,
        d.source = None  # and their file's text once (_FileCache)
        try:
            _dump(d, _document_pickle(str(target), i))
        finally:
            d.source = src
    summaries = [summarise(d, (src.sha256, i), gaz) for i, d in enumerate(docs)]
    objectives = [
        [(s.number, s.title) for s in d.sections if s.kind == "objective" and s.number]
        for d in docs
    ]
    problems = [
        {
            "file": src.name,
            "lines": [d.first_line, d.last_line],
            "kind": d.kind.value,
            "organ": d.organ,
            "title": d.title,
            "symbol": d.symbol,
            "provisions": len(d.provisions),
            "footnotes": len(d.footnotes),
            "problems": d.problems,
            "_key": [src.sha256, i],
        }
        for i, d in enumerate(docs)
    ]
    return _Parsed(
        path,
        src.name,
        src.sha256,
        str(target),
        summaries,
        objectives,
        [f"{src.name}: {n}" for n in src.notes],
        problems=problems,
    )


def _dump(obj: object, path: Path | str) -> None:
    with open(path, "wb") as fh:
        pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)


def _load(path: Path | str):
    with open(path, "rb") as fh:
        return pickle.load(fh)


def _document_pickle(source_pickle: str, index: int) -> str:
    """Where ``_parse_task`` pickles a file's ``index``-th document, beside its source."""
    return f"{source_pickle.removesuffix('.pickle')}.{index}.pickle"


class _FileCache:
    """Unpickles parsed files on demand, keeping only the last few in memory.

    A file's source text (with the lines outside its documents) and each of its documents
    are pickled apart: a task that needs one copy of a file holding fifty (a generated corpus,
    a page of the Official Records) reads that copy and the text, not the fifty. The copies
    read from one file share its one :class:`~pactgraph.model.SourceText`, as when the file
    was unpickled whole."""

    def __init__(self, pickles: dict[str, str], keep: int = 4, *, shared: bool = False) -> None:
        self.pickles = pickles
        self.keep = keep
        self.shared = shared  # source texts read through this process's _SOURCES
        self.loaded: dict[str, tuple[SourceText, list, dict[int, Document]]] = {}

    def _file(self, sha: str) -> tuple[SourceText, list, dict[int, Document]]:
        if sha not in self.loaded:
            if len(self.loaded) >= self.keep:
                self.loaded.pop(next(iter(self.loaded)))
            path = self.pickles[sha]
            src, outside = _shared_source(path) if self.shared else _load(path)
            self.loaded[sha] = (src, outside, {})
        return self.loaded[sha]

    def source(self, sha: str) -> tuple[SourceText, list[tuple[int, int]]]:
        """A file's source text and its line ranges outside any document."""
        src, outside, _docs = self._file(sha)
        return src, outside

    def document(self, key: tuple[str, int]) -> Document:
        src, _outside, docs = self._file(key[0])
        doc = docs.get(key[1])
        if doc is None:
            doc = _load(_document_pickle(self.pickles[key[0]], key[1]))
            doc.source = src
            docs[key[1]] = doc
        return doc


#: Source texts (with their lines outside any document) that this process's work tasks read,
#: by the pickle's path, inode, mtime and size (a later build's pickle is another file): the
#: works are given out file by file (``build``, step 3), so the next task a process runs
#: mostly reads the file its last one read, and unpickles it once rather than once per work.
#: Nothing reads a source text to change it. The last ``_KEEP_SOURCES`` are kept.
_SOURCES: dict[tuple[str, int, int, int], tuple[SourceText, list]] = {}
_KEEP_SOURCES = 4


def _shared_source(path: str) -> tuple[SourceText, list]:
    stat = os.stat(path)
    key = (path, stat.st_ino, stat.st_mtime_ns, stat.st_size)
    hit = _SOURCES.get(key)
    if hit is None:
        while len(_SOURCES) >= _KEEP_SOURCES:
            _SOURCES.pop(next(iter(_SOURCES)))
        hit = _SOURCES[key] = _load(path)
    return hit


# --- phase 3: link, extract, emit (one task per work) -----------------------------------------


@dataclass
class _WorkDone:
    work_id: str
    chunk: str
    lines: int  # in the chunk (merge.py counts what it writes from these)
    documents: list[tuple[tuple[str, int], str]]  # (doc key, work id)
    provisions: int
    paragraphs: int
    commitments: int
    covered: dict[str, list[tuple[int, int]]]  # file sha256 -> covered line ranges
    symbol: str | None
    validation: Part | None = None  # the work's own nodes, validated here (fanout.py)


def _work_id(done: _WorkDone) -> str:
    return done.work_id


def _context_for(work, gaz, objectives: dict[str, str]):
    from .extract import AnalysisContext, EntityRef

    issuer = None
    if work.issuer:
        try:
            a = gaz.actor(work.issuer)
            issuer = EntityRef(a.id, a.label, a.type, True)
        except KeyError:
            issuer = None
    own = {k: v for k, v in objectives.items() if not k.startswith(f"{work.id}:")}
    self_ids = {work.id}
    if work.gazetteer_id:
        self_ids.add(work.gazetteer_id)
        entry = gaz.instrument(work.gazetteer_id)
        # a draft speaks of the instrument it drafts as itself ("this Global Compact"), and of
        # that instrument's parts (extract.own_ids adds the parts of the ids it is given);
        # a protocol's parent convention is another instrument (different type)
        parent = gaz.instruments.get(entry.parent) if entry.parent else None
        if parent is not None and parent.type == entry.type:
            self_ids.add(parent.id)
    return AnalysisContext(
        work_id=work.id,
        doc_kind=str(work.kind.value),
        issuer=issuer,
        self_ids=frozenset(self_ids),
        objectives=own or objectives,
        footnotes={f.marker: f.text for f in work.canonical.footnotes},
    )


def _issuer_from_text(work, gaz) -> None:
    """Position papers and letters speak for the State named in their front matter."""
    if work.issuer:
        return
    head = " ".join(b.text for b in work.canonical.blocks[:15] if b.kind is BlockKind.TITLE)
    states = gaz.find_states(head)
    if states:
        work.issuer = states[0].entry.id


def _work_task(
    wid: str,
    keys: list[tuple[str, int]],
    pickles: dict[str, str],
    objectives: dict[str, str],
    base: str,
    cache: str,
    reference: str = "",
    core: str = "",
) -> _WorkDone:
    """Link, analyse and emit one work; with ``reference``, validate its nodes here too."""
    from .extract import analyse_document

    gaz = _gazetteer()
    files = _FileCache(pickles, shared=True)
    members = [files.document(k) for k in keys]
    work = link_work(wid, members, gaz=gaz)
    _issuer_from_text(work, gaz)
    analyses = {}
    if work.canonical.provisions:
        analyses = analyse_document(work.canonical, _context_for(work, gaz, objectives), gaz)
    minter = Minter(base)
    graph = TripleSet()
    em = Emitter(minter, graph, gaz)
    em.work(work)
    for doc in work.documents:
        em.document(work, doc)
        em.blocks(work, doc)
    em.sections(work)
    for obj in work.objectives.values():
        em.objective(obj)
    known = set(objectives)

    def objective_iri(key: str):
        return em.objective_ref(key, known=key in known)

    for wp in work.provisions.values():
        em.provision(work, wp)
        if wp.ref in analyses:
            em.statements(work, wp, analyses[wp.ref], objective_iri)
    emit_roles(em, work, find_roles(work, gaz))
    chunk = Path(cache) / f"work-{digest(wid, 16)}.nt"
    lines = write_sorted(graph, chunk)
    part = validate_work(chunk, Path(reference), Path(core)) if reference else None
    return _WorkDone(
        work_id=wid,
        chunk=str(chunk),
        lines=lines,
        documents=[(k, wid) for k in keys],
        provisions=len(work.provisions),
        paragraphs=sum(1 for p in work.provisions.values() if p.kind == "paragraph"),
        commitments=len(em.commitments),
        covered=em.covered_lines(),
        symbol=work.symbol,
        validation=part,
    )


# --- the build ------------------------------------------------------------------------------

#: The collector's thresholds during a build: a build makes millions of short-lived objects
#: (terms, tuples, tokens) and few cycles; at Python's default (700 allocations) a collection
#: ran every few hundred microseconds and the full ones walked every data table again
#: (bench/notes.md).
BUILD_GC_THRESHOLDS = (50_000, 50, 100)


def _few_collections(build: Callable) -> Callable:
    """Run ``build`` with :data:`BUILD_GC_THRESHOLDS`, what exists before it frozen
    (``gc.freeze``: never walked by a collection, so the forked workers do not copy the pages
    of the data tables they inherit by walking them); both undone after."""

    @functools.wraps(build)
    def wrapper(*args, **options):
        thresholds = gc.get_threshold()
        if not options.get("scheduler"):
            _load_tables()  # the data tables, read once here: forked workers inherit them
        freeze = not gc.get_freeze_count()  # a caller's own frozen objects stay frozen
        if freeze:
            gc.freeze()
        gc.set_threshold(*BUILD_GC_THRESHOLDS)
        try:
            return build(*args, **options)
        finally:
            gc.set_threshold(*thresholds)
            if freeze:
                gc.unfreeze()

    return wrapper


@atomic_build  # written beside `out`, checked, then renamed into place (atomic.py)
@_few_collections
def build(
    paths: Iterable[Path] | None = None,
    *,
    out: Path = Path("build"),
    base: str = DEFAULT_BASE,
    jobs: int = 1,
    store: bool | None = None,
    progress: Callable[[str, str], None] | None = None,
    scheduler: str | None = None,
    validate: bool = False,
) -> BuildResult:
    """Build the graph from ``paths`` (default: the bundled corpus) into ``out``.

    ``progress(phase, item)`` is called after each file ("parse") and each work ("work").
    ``store``: write ``out/store`` (on-disk Oxigraph); default: only above STORE_THRESHOLD.
    ``scheduler``: run the per-file and per-work tasks on that Dask scheduler's workers instead
    of ``jobs`` local processes (same bytes out; see :mod:`pactgraph.executor`).
    ``validate``: SHACL-validate too, each work in the worker that emits it (``fanout.py``),
    writing ``out/validation.ttl``; :attr:`BuildResult.nonconforming` counts Violations per
    input file. Every file's graph is written whatever the report says.
    """
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    result = BuildResult(out=out, stats={})
    files = collect_inputs(list(paths) if paths else [BUNDLED_CORPUS], result.skipped)
    out.mkdir(parents=True, exist_ok=True)
    cache = out / ".work"
    shutil.rmtree(cache, ignore_errors=True)
    cache.mkdir()
    jobs = max(1, jobs or os.cpu_count() or 1)

    def tick(phase: str) -> Callable[[str], None] | None:
        return (lambda item: progress(phase, item)) if progress else None

    # 1. parse (on a cluster, the workers get absolute paths: their working folder may differ)
    executor = open_executor(jobs, scheduler, cache.resolve())
    try:  # the executor's processes or cluster connection are let go however this ends
        work_dir = str(cache.resolve()) if scheduler else str(cache)
        file_args = [(str(f.resolve()) if scheduler else str(f),) for f in files]
        parsed: list[_Parsed] = []
        for f, p in zip(
            files, executor.map(_parse_task, file_args, (work_dir,), tick("parse")), strict=True
        ):
            p.path = str(f)
            if p.error:
                result.skipped.append(p.error)
            else:
                parsed.append(p)
                result.notes.extend(p.notes)
        timings["parse_s"] = time.perf_counter() - t0

        # 2. group into works
        t = time.perf_counter()
        pickles = {p.sha256: p.pickle for p in parsed if p.pickle}
        files_cache = _FileCache(pickles)
        summaries = [s for p in parsed for s in p.summaries]
        groups = group_works(
            summaries,
            lambda a, b: same_work(files_cache.document(a.key), files_cache.document(b.key)),
        )
        by_key_objectives = {
            (p.sha256, i): objs for p in parsed for i, objs in enumerate(p.objectives)
        }
        objectives: dict[str, str] = {}
        for wid, members in groups.items():
            for m in members:
                for number, title in by_key_objectives.get(m.key, []):
                    objectives.setdefault(f"{wid}:{number}", title)
        timings["group_s"] = time.perf_counter() - t

        # 3. link, extract, emit (and validate) per work
        t = time.perf_counter()
        checks = ("", "")
        if validate:
            checks = _reference(Path(work_dir), base, parsed, groups, objectives)
        tasks = []  # file by file, in document order: a process reads a file's text once
        for wid in sorted(groups, key=lambda w: (min(m.key for m in groups[w]), w)):
            keys = [m.key for m in groups[wid]]
            tasks.append((wid, keys, {sha: pickles[sha] for sha, _ in keys}))
        common = (objectives, base, work_dir, *checks)
        done = sorted(executor.map(_work_task, tasks, common, tick("work")), key=_work_id)
    finally:
        executor.close()
        _SOURCES.clear()
    timings["works_s"] = time.perf_counter() - t

    # 4. corpus-wide nodes (gazetteer, source files with coverage) and the merge
    t = time.perf_counter()
    gaz = _gazetteer()
    minter = Minter(base)
    graph = TripleSet()
    em = Emitter(minter, graph, gaz)
    em.gazetteer(gaz)
    em.modality_scheme(ONTOLOGY_FILE)
    adoptions = classify_adoption(groups, files_cache.document, gaz)
    for adoption in adoptions.values():
        emit_adoption(graph, minter, adoption)
    # a draft and the work it drafts: what changed, aligned from the two works' own chunks
    drafts = [(a.work_id, a.draft_of) for a in adoptions.values() if a.draft_of]
    chunks = {d.work_id: Path(d.chunk) for d in done}
    result.notes.extend(emit_version_changes(graph, minter, drafts, chunks))
    coverage: dict[str, float] = {}
    srcs = sorted(((p.sha256, p.pickle) for p in parsed if p.pickle), key=lambda x: x[0])
    names = [p.name for p in parsed]
    label_of = {p.sha256: p.name if names.count(p.name) == 1 else p.path for p in parsed}
    covered_by_file: dict[str, list[tuple[int, int]]] = {}  # the works' spans' line ranges
    for d in done:
        for sha, ranges in d.covered.items():
            covered_by_file.setdefault(sha, []).extend(ranges)
    for sha, _ in srcs:
        src, outside = files_cache.source(sha)
        em.source(src)
        for first, last in outside:
            em.outside(src, first, last)
        covered = set()
        for a, b in itertools.chain(covered_by_file.get(sha, ()), em.covered.get(sha, ())):
            covered.update(range(a, b + 1))
        content = src.content_lines()
        share = round(len(covered.intersection(content)) / len(content), 6) if content else 1.0
        coverage[label_of[sha]] = share
        graph.add((minter.source(src.digest), PG.coverage, Literal(share, datatype=XSD.decimal)))
    corpus_chunk = cache / "corpus.nt"
    corpus_lines = write_sorted(graph, corpus_chunk)
    result.written["graph.nt"] = merge(
        [(corpus_chunk, corpus_lines), *((Path(d.chunk), d.lines) for d in done)],
        out / "graph.nt",
    )
    triples = result.written["graph.nt"].triples
    timings["merge_s"] = time.perf_counter() - t

    t = time.perf_counter()
    targets = {"graph.ttl": ox.RdfFormat.TURTLE, "graph.jsonld": ox.RdfFormat.JSON_LD}
    converted = _convert(out / "graph.nt", [(out / n, f) for n, f in targets.items()], base)
    result.written.update(zip(targets, converted, strict=True))
    store_dir = out / "store"
    shutil.rmtree(store_dir, ignore_errors=True)
    if store or (store is None and triples > STORE_THRESHOLD):
        disk = ox.Store(str(store_dir))
        # lenient: IRIs not checked again (graph.nt was written from checked terms, as _convert
        # reads it); the same triples, 5-10% less CPU (bench/notes.md, fourth pass)
        disk.bulk_load(path=str(out / "graph.nt"), format=ox.RdfFormat.N_TRIPLES, lenient=True)
        disk.optimize()  # compacted once: its queries take half the time (queries/README.md)
        del disk
    timings["write_s"] = time.perf_counter() - t
    if validate:
        t = time.perf_counter()
        files_of = {d.work_id: sorted({label_of[k[0]] for k, _w in d.documents}) for d in done}
        result.validation, result.nonconforming = _validation(out, corpus_chunk, done, files_of)
        timings["validate_s"] = time.perf_counter() - t
    timings["total_s"] = time.perf_counter() - t0

    work_of = {tuple(k): wid for d in done for k, wid in d.documents}
    symbol_of = {d.work_id: d.symbol for d in done}
    found = []
    for p in parsed:
        for rec in p.problems:
            key = tuple(rec.pop("_key"))
            wid = work_of.get(key)
            found.append({**rec, "work": wid, "work_symbol": symbol_of.get(wid or "")})
    found.sort(key=lambda r: (r["file"], r["lines"][0]))
    result.stats = {
        "files": len(files),
        "files_built": len(parsed),
        "files_skipped": len(result.skipped),
        "documents": len(summaries),
        "works": len(groups),
        "provisions": sum(d.provisions for d in done),
        "paragraphs": sum(d.paragraphs for d in done),
        "commitments": sum(d.commitments for d in done),
        "triples": triples,
        "jobs": jobs,
        "coverage": dict(sorted(coverage.items())),
        "documents_found": found,
        "skipped": result.skipped,
        "notes": result.notes,
        "outputs": sorted(
            p.name for p in out.iterdir() if p.name.startswith("graph.") or p.name == "store"
        ),
        "timings": {k: round(v, 3) for k, v in timings.items()},
    }
    (out / "stats.json").write_text(json.dumps(result.stats, indent=1) + "\n", encoding="utf-8")
    shutil.rmtree(cache, ignore_errors=True)
    return result


# --- validation that fans out with the build (fanout.py) -----------------------------------


def _reference(cache: Path, base: str, parsed, groups, objectives) -> tuple[str, str]:
    """Write the reference data every work's validation reads (``fanout.reference_graph``);
    ``("", "")`` when the shapes cannot be validated work by work."""
    if not can_fan_out(_default_shapes()):
        return "", ""
    minter = Minter(base)
    emitted = TripleSet()
    em = Emitter(minter, emitted, _gazetteer())
    em.gazetteer(_gazetteer())
    em.modality_scheme(ONTOLOGY_FILE)
    core = Graph()  # fanout.reference_graph reads rdflib terms: the same triples, parsed back
    core.parse(data="".join(emitted.lines()), format="nt")
    for p in parsed:
        core.add((minter.source(p.sha256[:12]), RDF.type, PG.SourceFile))
    reference = reference_graph(
        core,
        works=[minter.work(wid) for wid in groups],
        objectives=[minter.objective(*key.split(":", 1)) for key in objectives],
    )
    core_path, reference_path = cache / "reference-core.nt", cache / "reference.nt"
    write_sorted(core, core_path)
    write_sorted(reference, reference_path)
    return str(reference_path), str(core_path)


def _validation(
    out: Path, corpus_chunk: Path, done: list[_WorkDone], files_of: dict[str, list[str]]
) -> tuple[ValidationResult, dict[str, int]]:
    """Merge the works' reports with the corpus-wide nodes' (or validate ``graph.nt`` whole
    when the works were not validated apart); write ``validation.ttl``; Violations per file."""
    nonconforming: dict[str, int] = {}
    if all(d.validation is not None for d in done):
        parts = [d.validation for d in done if d.validation is not None]
        corpus = validate_corpus_nodes(out / "graph.nt", corpus_chunk)
        report, rows = merged([*parts, corpus])
        res = ValidationResult(report.conforms, lambda: report.triples, rows)
        for d in done:
            if d.validation is not None and d.validation.violations:
                for name in files_of[d.work_id]:
                    nonconforming[name] = nonconforming.get(name, 0) + d.validation.violations
        if corpus.violations:
            nonconforming["(corpus-wide nodes: gazetteer, source files)"] = corpus.violations
    else:
        res = validate_path(out / "graph.nt")
        if not res.conforms:
            nonconforming["(the whole graph)"] = len(res.violations)
    res.write_report(out / "validation.ttl")
    return res, dict(sorted(nonconforming.items()))


#: Triples parsed at a time while converting graph.nt (then cut at the next new subject).
CONVERT_CHUNK = 20_000


def _convert(source: Path, targets: list[tuple[Path, ox.RdfFormat]], base: str) -> list[Written]:
    """Convert sorted N-Triples into each target's syntax (same order in, same bytes out): the
    triples parsed and serialised, and the bytes written, per target (``atomic.check_outputs``).

    ``source`` is parsed once for every target, a chunk at a time: ``CONVERT_CHUNK`` triples,
    then on to the end of the last one's subject, so that no subject's triples are split (the
    Turtle and JSON-LD writers group a subject's triples together). Each chunk is serialised
    whole into each syntax and spliced in: a Turtle chunk without the ``@prefix`` lines the
    first one wrote, a JSON-LD chunk's nodes without the array's brackets. Parsing once and
    serialising from lists of a few thousand quads took 1.7-1.8 CPU-s on the 10x build's 1.05M
    triples, where a parse streamed into each writer took 2.6-3.1 (bench/notes.md, fifth pass;
    a single list of every quad cost more than the second parse it saved, fourth pass).

    Parsed leniently (IRIs and language tags not checked again): every line of ``source`` was
    written from checked terms (``triples.py``); a line that does not parse still fails."""
    prefixes = {**PREFIXES, "pgd": base}
    quads = ox.parse(path=str(source), format=ox.RdfFormat.N_TRIPLES, lenient=True)
    outs = [target.open("wb") for target, _fmt in targets]
    heads: list[bytes | None] = [None] * len(targets)
    count, carry = 0, []
    try:
        while True:
            chunk = carry + list(itertools.islice(quads, CONVERT_CHUNK))
            carry = []
            if len(chunk) >= CONVERT_CHUNK:  # on to the end of the last subject
                last = chunk[-1].subject
                for quad in quads:
                    if quad.subject != last:
                        carry.append(quad)
                        break
                    chunk.append(quad)
            count += len(chunk)
            for k, (out, (target, fmt)) in enumerate(zip(outs, targets, strict=True)):
                data = ox.serialize(chunk, format=fmt, prefixes=prefixes)
                head = heads[k]
                if head is None:  # the first chunk: whole (JSON-LD's "]" written at the end)
                    heads[k] = _head(data, fmt, target)
                    out.write(data[:-1] if fmt == ox.RdfFormat.JSON_LD else data)
                elif chunk:
                    if fmt == ox.RdfFormat.JSON_LD:
                        out.write(b",")
                    out.write(_body(data, fmt, head, target))
            if not carry and len(chunk) < CONVERT_CHUNK:
                break
        for out, (_target, fmt) in zip(outs, targets, strict=True):
            if fmt == ox.RdfFormat.JSON_LD:
                out.write(b"]")
        return [Written(count, out.tell()) for out in outs]
    finally:
        for out in outs:
            out.close()


def _head(data: bytes, fmt: ox.RdfFormat, target: Path) -> bytes:
    """What a chunk's serialisation opens with, which the file holds once: the ``@prefix``
    lines of Turtle, the ``[`` of a JSON-LD array."""
    if fmt == ox.RdfFormat.JSON_LD:
        if not (data.startswith(b"[") and data.endswith(b"]")):
            raise GraphError("the JSON-LD writer gave no array", locator=str(target))
        return b"["
    if fmt != ox.RdfFormat.TURTLE:
        raise ValueError(f"not converted a chunk at a time: {fmt}")
    end = 0
    while data.startswith(b"@prefix ", end):
        end = data.index(b"\n", end) + 1
    return data[:end]


def _body(data: bytes, fmt: ox.RdfFormat, head: bytes, target: Path) -> memoryview:
    """A later chunk's serialisation without what the file already holds: its ``head`` (and
    JSON-LD's closing ``]``)."""
    if not data.startswith(head) or _head(data, fmt, target) != head:
        raise GraphError("the writer opened a chunk otherwise", locator=str(target))
    return memoryview(data)[len(head) : -1 if fmt == ox.RdfFormat.JSON_LD else None]


def load_graph(out: Path = Path("build")) -> Graph:
    """The built graph as an rdflib Graph (for validation and tests on small builds)."""
    g = Graph()
    g.parse(out / "graph.nt", format="nt")
    bind_prefixes(g, Minter(DEFAULT_BASE))
    return g
