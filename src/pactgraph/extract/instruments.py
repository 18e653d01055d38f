"""Instruments: what a sentence cites.

Gazetteer matches, anaphora ("the 1967 Protocol thereto", "those instruments"), identifiers in
called footnotes (UNTS numbers, resolution symbols), and names shaped like instruments; never
the carrying work's references to itself, its drafts or its own annexes (:func:`own_ids`), nor a
collective reference whose members are cited.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ..iris import slug
from ..model import Provision
from .actors import Found, dedupe, entry_ref, non_overlapping
from .gates import GATES
from .records import AnalysisContext, EntityRef, GazetteerLike, Statement
from .sentences import SUP_TO_DIGIT, SUPERSCRIPTS
from .vocabulary import load_patterns

_FOOTNOTE_SYMBOL = re.compile(
    r"\b(?:resolution|decision)\s+(?P<n>\d+/\d+)(?:\s*,?\s*annex(?:\s+[IVX]+)?)?"
    r"|\b(?P<sym>[A-Z]{1,6}(?:/[A-Z0-9.]+)+)"
    r"|\bresolution\s+(?P<old>\d+\s*[A-Z]?\s*\([IVXL]+\))",
    re.IGNORECASE,
)


def _footnote_instruments(note: str, previous: str | None, gaz: GazetteerLike) -> list[Any]:
    """Instruments a footnote identifies: UNTS references and resolution symbols."""
    out: list[Any] = []
    text = note.strip()
    if re.match(r"^\*?ibid\.?\*?", text, re.IGNORECASE) and previous:
        series = re.match(r"^(.*?Treaty\s+Series\*?,)", previous.replace("*", ""))
        text = re.sub(
            r"^\*?ibid\.?\*?,?",
            (series.group(1) if series else "United Nations, Treaty Series,"),
            text,
            flags=re.IGNORECASE,
        )
    clean = text.replace("*", "")
    if re.search(r"Treaty\s+Series|\bvols?\.", clean):
        vols = re.search(r"vols?\.\s*([\d,\sand]+?),?\s*No\.\s*(\d+)", clean)
        candidates = [clean]
        if vols:
            numbers = re.findall(r"\d+", vols.group(1))
            number = vols.group(2)
            candidates += [
                f"United Nations, Treaty Series, vol. {v}, No. {number}" for v in numbers
            ]
        many = getattr(gaz, "instruments_by_unts", None)
        for c in candidates:
            if many is not None:
                out.extend(many(c))
                continue
            hit = gaz.instrument_by_unts(c)
            if hit is not None:
                out.append(hit)
    for m in _FOOTNOTE_SYMBOL.finditer(clean):
        if m.group("n"):
            tries = [f"A/RES/{m.group('n')}", f"Resolution {m.group('n')}", m.group("n")]
        elif m.group("old"):
            tries = [f"A/RES/{m.group('old').replace(' ', '')}", m.group(0)]
        else:
            tries = [m.group("sym")]
        for t in tries:
            hit = gaz.instrument_by_symbol(t)
            if hit is not None:
                out.append(hit)
                break
    return out


def _pattern_instruments(text: str, taken: list[tuple[int, int]]) -> list[Found]:
    pats = load_patterns()
    found: list[Found] = []
    for m in pats.instrument.finditer(text):
        pre = m.group("pre") or ""
        words = pre.split()
        while words and (words[0] in pats.not_first or not words[0][:1].isupper()):
            words.pop(0)
        head = re.sub(r"\s+", " ", m.group("head"))
        tail = m.group("tail")
        if not words and not tail:
            continue  # a bare head word ("the Convention") names nothing
        start = m.start("head") - len(" ".join(words)) - (1 if words else 0)
        start = m.start("head") if not words else text.rfind(words[0], m.start(), m.start("head"))
        end = m.end()
        joined = re.search(r",?\s+and\s+the\s+|,\s+the\s+", text[m.start("head") : end])
        if joined:  # "... Fisherfolk and the Optional Protocol": two names, keep the first
            end = m.start("head") + joined.start()
        label = re.sub(r"\s+", " ", text[start:end]).strip(" ,")
        if pats.not_instrument.match(label) or re.fullmatch(r"[\d\s–-]+" + re.escape(head), label):
            continue
        typ = pats.instrument_heads.get(head, "Instrument")
        found.append(Found(start, start + len(label), EntityRef(slug(label), label, typ, False)))
    for m in pats.national_act.finditer(text):
        lead = re.match(r"(?:The|the)\s+", m.group(0))
        start = m.start() + (lead.end() if lead else 0)
        label = re.sub(r"\s+", " ", text[start : m.end()])
        found.append(Found(start, m.end(), EntityRef(slug(label), label, "NationalLaw", False)))
    return [f for f in non_overlapping(found) if all(f.end <= a or f.start >= b for a, b in taken)]


def find_instruments(
    text: str,
    gaz: GazetteerLike,
    ctx: AnalysisContext,
    *,
    prior: Sequence[EntityRef] = (),
) -> tuple[list[Found], list[tuple[int, int]]]:
    """Instruments cited in ``text`` (in order) and the spans of its self-references.

    ``prior`` are instruments cited earlier in the same provision, for anaphora.
    """
    pats = load_patterns()
    # most sentences hold none of the words of the patterns below: one test passes over them
    # all (tests/test_text_shortcuts.py)
    patterns = GATES.may_hold(pats.instrument_words, text)
    selfs = [(m.start(), m.end()) for m in pats.self_ref.finditer(text)] if patterns else []
    found = [
        Found(m.start, m.end, entry_ref(m.entry))
        for m in gaz.find_instruments(text) or []
        if not _common_phrase(m.text)
    ]
    # a topic inside a body's name is part of that name, not a citation: "the Third High-level
    # Dialogue on International Migration and Development" cites no resolution of that title
    # (but "the Conference to Adopt the Global Compact ..." does cite the compact)
    # (the bodies matter only around an instrument found: most sentences name none)
    bodies = [(m.start, m.end) for m in gaz.find_actors(text) or []] if found else []
    topics = [
        f
        for f in found
        if any(
            a < f.start
            and f.end <= b
            and re.search(r"\b(?:on|for|of)\s+(?:the\s+)?$", text[a : f.start])
            for a, b in bodies
        )
    ]
    found = [f for f in found if f not in topics]
    for rx, instrument_id, kinds in pats.short_forms if patterns else ():
        if ctx.doc_kind not in kinds:
            continue
        entry = lookup(gaz.instrument, instrument_id)
        for m in rx.finditer(text) if entry is not None else ():
            # "the global compact" in a report written before its adoption: the GCM
            found.append(Found(m.start(), m.end(), entry_ref(entry)))
    found = non_overlapping(found)
    kept: list[Found] = []
    self_ids = own_ids(ctx.self_ids, gaz)
    for f in found:
        if f.ref.id in self_ids:
            selfs.append((f.start, f.end))
            continue
        # "this Global Compact for Safe, ...": a self-reference prefix swallows the name
        if any(a <= f.start <= b + 1 for a, b in selfs):
            selfs.append((f.start, f.end))
            continue
        kept.append(f)
    if not patterns:  # no self-reference, anaphora or name shaped like an instrument
        return sorted(kept, key=lambda f: f.start), selfs
    anaphora = [
        (m.start(), m.end())
        for rx in (pats.protocol_thereto, pats.those_instruments)
        for m in rx.finditer(text)
    ]
    taken = [(f.start, f.end) for f in kept] + selfs + anaphora
    taken += [(f.start, f.end) for f in topics]
    shaped = _pattern_instruments(text, taken)
    self_labels = _self_labels(ctx, gaz) if shaped else []
    for f in shaped:
        if any(f.ref.label.lower() in lab for lab in self_labels):
            selfs.append((f.start, f.end))  # "the Global Compact" in the Global Compact
            continue
        kept.append(f)
    # anaphora, resolved against what was named before them
    for m in pats.protocol_thereto.finditer(text):
        before = [f for f in kept if f.end <= m.start()] or [Found(-1, -1, r) for r in prior]
        parent = next((f.ref for f in reversed(before) if f.ref.type != "Protocol"), None)
        if parent is None:
            continue
        children = _protocols_of(parent.id, gaz) if parent.known else []
        if not parent.known and not m.group("count"):
            # a protocol to a convention no gazetteer lists: name it after its parent
            kind = "Optional Protocol" if re.search(r"optional", m.group(0), re.I) else "Protocol"
            label = f"{kind} to the {parent.label}"
            children = [EntityRef(slug(label), label, "Protocol", False)]
        year = m.group("year")
        if year:
            children = [c for c in children if year in f"{c.label} {getattr(c, 'date', '')}"]
        count = m.group("count")
        if count:
            n = {"two": 2, "three": 3, "four": 4}.get(count.lower()) or int(count)
            children = children[:n]
        elif not re.search(r"protocols", m.group(0), re.IGNORECASE):
            children = children[:1]
        for c in children:
            kept.append(Found(m.start(), m.end(), c))
    for m in pats.those_instruments.finditer(text):
        before = [f.ref for f in kept if f.end <= m.start()] or list(prior)
        for ref in before[-2:] if before else []:
            kept.append(Found(m.start(), m.end(), ref))
    return sorted(kept, key=lambda f: f.start), selfs


_SEPARATE_TREATIES = frozenset({"Protocol", "Agreement", "Convention", "Treaty"})
_OWN_IDS: dict[tuple[int, frozenset[str]], frozenset[str]] = {}


def own_ids(self_ids: frozenset[str], gaz: GazetteerLike) -> frozenset[str]:
    """``self_ids`` with what else names the same text in the gazetteer.

    The work a draft is a version of (its parent, when the draft's label contains the
    parent's: "Global Compact for Safe, Orderly and Regular Migration (zero draft)"), and the
    work's own parts (instruments whose parent it is, such as the comprehensive refugee
    response framework in annex I of A/RES/71/1), except separate treaties attached to it
    (protocols, agreements).
    """
    key = (id(gaz), frozenset(self_ids))
    if key in _OWN_IDS:
        return _OWN_IDS[key]
    out = set(self_ids)
    entries = getattr(gaz, "instruments", None)
    entries = entries() if callable(entries) else entries
    every = list(entries.values() if isinstance(entries, dict) else entries or [])
    for i in self_ids:
        e = lookup(gaz.instrument, i)
        parent = lookup(gaz.instrument, str(e.parent)) if e is not None and e.parent else None
        if parent is not None and str(parent.label).lower() in str(e.label).lower():
            out.add(str(parent.id))
    for e in every:  # parts of the work as given, not of the work a draft is a version of
        if getattr(e, "parent", None) in self_ids and str(e.type) not in _SEPARATE_TREATIES:
            out.add(str(e.id))
    _OWN_IDS[key] = frozenset(out)
    return _OWN_IDS[key]


def _common_phrase(surface: str) -> bool:
    """A short all-lowercase match ("diaspora policy", "refugee instruments") is ordinary prose,
    not the name of an instrument, whatever alias it happens to equal."""
    return len(surface.split()) <= 3 and not re.search(r"[A-Z0-9]", surface)


def _self_labels(ctx: AnalysisContext, gaz: GazetteerLike) -> list[str]:
    out = []
    for i in sorted(own_ids(ctx.self_ids, gaz)):
        e = lookup(gaz.instrument, i)
        if e is not None:
            out += [str(x).lower() for x in [e.label, *(getattr(e, "aliases", None) or [])]]
    return out


def lookup(getter: Any, key: str) -> Any:
    """A gazetteer look-up that answers None for an unknown id (the API raises KeyError)."""
    try:
        return getter(key)
    except KeyError:
        return None


def _protocols_of(parent_id: str, gaz: GazetteerLike) -> list[EntityRef]:
    """Gazetteer instruments whose ``parent`` is ``parent_id``, in gazetteer order."""
    entries = getattr(gaz, "instruments", None)
    if callable(entries):
        entries = entries()
    if entries is None:
        entries = getattr(gaz, "_instruments", {})
    if isinstance(entries, dict):
        entries = list(entries.values())
    return [entry_ref(e) for e in entries if getattr(e, "parent", None) == parent_id]


def drop_covered_collectives(statements: list[Statement], gaz: GazetteerLike) -> None:
    """A collective reference ("the international refugee instruments") whose members the
    provision already cites by name adds no citation: drop it."""
    cited = {c.id for st in statements for c in st.cites}
    for st in statements:
        keep = []
        for c in st.cites:
            entry = lookup(gaz.instrument, c.id) if c.known else None
            members = set(getattr(entry, "group", None) or ())
            if not (members & (cited - {c.id})):
                keep.append(c)
        st.cites = keep


def marker_offsets(p: Provision, source: str) -> dict[str, int]:
    """Where in ``p.text`` each footnote marker stood in the source, found by the words just
    before the superscript ("... the 1967 Protocol thereto¹³ as ...")."""
    out: dict[str, int] = {}
    flat = re.sub(r"\s+", " ", p.text)
    if len(flat) != len(p.text):
        return out  # offsets would not line up; callers fall back to the first sentence
    for span in p.spans:
        chunk = source[span.start : span.end]
        for m in re.finditer(f"[{SUPERSCRIPTS}]+", chunk):
            marker = m.group(0).translate(SUP_TO_DIGIT)
            before = re.sub(f"[{SUPERSCRIPTS}]", "", chunk[max(0, m.start() - 60) : m.start()])
            before = re.sub(r"\s+", " ", before).strip()[-40:]
            if marker in out or len(before) < 8:
                continue
            at = flat.find(before)
            if at >= 0 and flat.find(before, at + 1) < 0:
                out[marker] = at + len(before)
    return out


def footnote_cites(
    p: Provision, ctx: AnalysisContext, gaz: GazetteerLike
) -> dict[str, list[EntityRef]]:
    out: dict[str, list[EntityRef]] = {}
    if not p.footnote_calls:
        return out  # most provisions call no footnote: the work's markers are not sorted
    markers = sorted(ctx.footnotes, key=lambda m: (len(m), m))
    for marker in p.footnote_calls:
        note = ctx.footnotes.get(marker)
        if not note:
            continue
        idx = markers.index(marker) if marker in markers else -1
        previous = None
        for prev in reversed(markers[:idx] if idx > 0 else []):
            if re.search(r"Treaty\s+Series", ctx.footnotes[prev].replace("*", "")):
                previous = ctx.footnotes[prev]
                break
        refs = [entry_ref(e) for e in _footnote_instruments(note, previous, gaz)]
        own = own_ids(ctx.self_ids, gaz)
        refs = [r for r in refs if r.id not in own]
        if refs:
            out[marker] = dedupe(refs)
    return out
