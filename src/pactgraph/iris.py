"""IRI minting: the one place where pactgraph decides what a thing is called.

Scheme (``base`` defaults to ``https://w3id.org/pactgraph/``; paths are lowercase ASCII):

- work / instrument: ``{base}work/{work}``, from the UN symbol (``a-res-71-1``), the gazetteer
  id (``untoc``) or the title;
- expression: ``{base}work/{work}/en``;
- section: ``{base}work/{work}/section/{ref}`` (``annex-i``, ``annex-ii/iii``);
- provision: ``{base}work/{work}/provision/{ref}`` (``32``, ``32.a``, ``i.5.a``); a goal
  ``goal-10``, a target ``10.7`` or ``10-a`` (a lettered target "10.a" is not sub-item
  "10(a)", ``10.a``), an article ``article-5`` and its paragraph "V.2" ``v.2``, a preambular
  paragraph ``pp3``;
- statement: ``{base}work/{work}/provision/{ref}/statement/{k}`` (k-th sentence);
- what changed from an older version of a work: ``{base}work/{newer}/changes-from/{older}``, and
  each of its lines by the older item (``…/changes-from/gcm-zero-draft/objective/9``) or, for an
  item only the newer version has, ``…/changes-from/gcm-zero-draft/added/provision/41.c``;
- objective: ``{base}work/{work}/objective/{n}`` (``gcm-zero-draft/objective/9``; SDG targets
  under ``work/2030-agenda/objective/10.7``);
- document (one copy): ``{base}document/{work}/{digest}``, digest = SHA-256 of the copy's text;
- passage, footnote, text block of a copy: ``{document}/provision/{ref}``,
  ``{document}/footnote/{n}``, ``{document}/block/{line}``;
- source file: ``{base}source/{digest}``, digest = SHA-256 of the file's bytes; a text span:
  ``{base}source/{digest}/{start}-{end}`` (character offsets);
- actor: ``{base}actor/{id}``: ISO 3166 alpha-3 for States (``ken``), the acronym for UN
  entities (``unhcr``), else a slug (``host-states``);
- modality concept: in the ontology (``pg:commitmentModality``);
- the dataset: ``{base}dataset``; its parts: ``{base}dataset/inferred`` (the named graph of
  reasoned triples), ``dataset/class/{Class}``, ``dataset/distribution/{file}``,
  ``dataset/sparql``.

Nothing in an IRI depends on file names, corpus order or wall-clock time, so the same corpus
always yields the same IRIs, and renaming a file or reordering the corpus changes none.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from rdflib import URIRef

from .namespaces import DEFAULT_BASE
from .triples import iri as _nt

#: The work (the gazetteer's 2030 Agenda) whose objectives are the Sustainable Development Goals
#: and targets: ``work/2030-agenda/objective/10.7``
SDG_WORK = "2030-agenda"

_SLUG_STRIP = re.compile(r"[^a-z0-9.]+")


@lru_cache(maxsize=65536)  # every IRI of a work slugs its id again (issue 16, bench/notes.md)
def slug(text: str) -> str:
    """Lowercase ASCII slug: ``"A/RES/71/1"`` -> ``"a-res-71-1"``; ``"I.5(a)"`` -> ``"i.5.a"``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    s = ascii_text.lower().replace("(", ".").replace(")", "")
    s = _SLUG_STRIP.sub("-", s)
    s = re.sub(r"-*\.-*", ".", s)
    s = re.sub(r"\.{2,}", ".", s)
    return s.strip("-.") or "x"


_LETTERED_TARGET = re.compile(r"\d{1,3}\.[a-z]")


@lru_cache(maxsize=65536)
def ref_slug(ref: str) -> str:
    """Slug of a citable reference: ``"32(a)"`` -> ``"32.a"``, ``"II.8(x)"`` -> ``"ii.8.x"``;
    a lettered target ``"10.a"`` -> ``"10-a"``, so that it never names sub-item "10(a)"."""
    if _LETTERED_TARGET.fullmatch(ref):
        return ref.replace(".", "-")
    return slug(ref)


def digest(data: bytes | str, length: int = 12) -> str:
    """A short, stable SHA-256 hex digest of bytes or text (UTF-8)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return hashlib.sha256(raw).hexdigest()[:length]


class Minter:
    """Mints every data IRI under one base; see the module docstring for the scheme."""

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        if not re.match(r"^[a-z][a-z0-9+.-]*://", base):
            raise ValueError(f"base IRI must be absolute, got {base!r}")
        self.base = base if base.endswith(("/", "#")) else base + "/"

    def _iri(self, *parts: str) -> URIRef:
        return URIRef(self.base + "/".join(parts))

    # works ---------------------------------------------------------------------------------
    def work(self, work_id: str) -> URIRef:
        return self._iri("work", slug(work_id))

    def expression(self, work_id: str, lang: str = "en") -> URIRef:
        return self._iri("work", slug(work_id), lang)

    def section(self, work_id: str, ref: str) -> URIRef:
        return self._iri("work", slug(work_id), "section", ref_slug(ref))

    def provision(self, work_id: str, ref: str) -> URIRef:
        return self._iri("work", slug(work_id), "provision", ref_slug(ref))

    def statement(self, work_id: str, ref: str, index: int) -> URIRef:
        return self._iri("work", slug(work_id), "provision", ref_slug(ref), "statement", str(index))

    def role(self, work_id: str, ref: str, index: int) -> URIRef:
        """A role the provision ``ref`` assigns (:mod:`pactgraph.roles`), numbered from 1."""
        return self._iri("work", slug(work_id), "provision", ref_slug(ref), "role", str(index))

    def objective(self, work_id: str, number: str) -> URIRef:
        return self._iri("work", slug(work_id), "objective", ref_slug(number))

    def version_diff(self, old_work_id: str, new_work_id: str) -> URIRef:
        """What changed from one version of a work to another (:mod:`pactgraph.versions`)."""
        return self._iri("work", slug(new_work_id), "changes-from", slug(old_work_id))

    def version_change(self, diff: URIRef, item: URIRef, work: URIRef, *, added: bool) -> URIRef:
        """One line of ``diff``, named by the item of ``work`` it is about: the older item's
        path (``{diff}/provision/23.b``), or the newer one's under ``added/`` when it is new."""
        rest = str(item).removeprefix(str(work) + "/")
        return URIRef(f"{diff}/added/{rest}" if added else f"{diff}/{rest}")

    # copies and provenance ---------------------------------------------------------------
    def document(self, work_id: str, text_digest: str) -> URIRef:
        return self._iri("document", slug(work_id), text_digest)

    def passage(self, document: URIRef, ref: str) -> URIRef:
        return URIRef(f"{document}/provision/{ref_slug(ref)}")

    def footnote(self, document: URIRef, marker: str) -> URIRef:
        return URIRef(f"{document}/footnote/{slug(marker)}")

    def block(self, document: URIRef, line: int) -> URIRef:
        return URIRef(f"{document}/block/{line}")

    def source(self, file_digest: str) -> URIRef:
        return self._iri("source", file_digest)

    def span(self, file_digest: str, start: int, end: int) -> URIRef:
        return self._iri("source", file_digest, f"{start}-{end}")

    # things ------------------------------------------------------------------------------
    def actor(self, actor_id: str) -> URIRef:
        return self._iri("actor", slug(actor_id))

    def modality(self, name: str) -> URIRef:
        return self._iri("modality", slug(name))

    def dataset(self, *parts: str) -> URIRef:
        """The dataset (``{base}dataset``) or one of its parts: a named graph
        (``dataset/inferred``), a class partition, a distribution, its SPARQL service."""
        return self._iri("dataset", *(slug(p) if i else p for i, p in enumerate(parts)))


class NTMinter(Minter):
    """The same IRIs as :class:`Minter`, in their N-Triples form ``<iri>`` (a plain ``str``, as
    ``URIRef.n3()`` writes it): what the build's chunks hold (``triples.py``), with no rdflib
    term made per IRI. An IRI N-Triples cannot hold is refused, as ``URIRef.n3()`` refuses it."""

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        super().__init__(base)
        #: each IRI made, by its parts: a work's provisions, sections and the work itself are
        #: named again by their children, statements and passages (bench/notes.md, seventh pass)
        self._made: dict[tuple[str, ...], str] = {}

    def _iri(self, *parts: str) -> str:  # type: ignore[override]
        made = self._made.get(parts)
        if made is None:
            made = self._made[parts] = _nt(self.base + "/".join(parts))
        return made

    def version_change(self, diff, item, work, *, added: bool) -> str:  # type: ignore[override]
        return _nt(str(super().version_change(_bare(diff), _bare(item), _bare(work), added=added)))

    def passage(self, document: str, ref: str) -> str:  # type: ignore[override]
        return _nt(f"{_text(document)}/provision/{ref_slug(ref)}")

    def footnote(self, document: str, marker: str) -> str:  # type: ignore[override]
        return _nt(f"{_text(document)}/footnote/{slug(marker)}")

    def block(self, document: str, line: int) -> str:  # type: ignore[override]
        return _nt(f"{_text(document)}/block/{line}")

    def file_spans(self, file_digest: str) -> Callable[[int, int], str]:
        """:meth:`span` for the spans of one file: its source IRI made and checked once, each
        span's IRI that text and the offsets (digits and a hyphen: nothing to check again).
        About half of a build's triples are spans' (``Emitter.span``, bench/notes.md, sixth
        pass)."""
        prefix = self.source(file_digest)[:-1] + "/"

        def span(start: int, end: int) -> str:
            if start.__class__ is int and end.__class__ is int:
                return f"{prefix}{start}-{end}>"
            return self.span(file_digest, start, end)

        return span


def _bare(term: str) -> URIRef:
    """An IRI given in either form (``<iri>`` or a ``URIRef``), as a ``URIRef``."""
    return URIRef(_text(term))


def _text(term: str) -> str:
    """An IRI given in either form (``<iri>`` or a ``URIRef``), as its text (what
    ``str(_bare(term))`` gives, without making the URIRef: a copy's passages, footnotes and
    blocks are minted from its IRI in N-Triples form)."""
    return term[1:-1] if term.startswith("<") and term.endswith(">") else str(term)
