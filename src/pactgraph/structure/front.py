"""Front matter: a document's title, symbol and date, from its title lines and page headers."""

from __future__ import annotations

import re

from ..cues import Cues
from ..model import Block, BlockKind, DocKind, Document
from .lines import _WE_HEADS
from .recognise import apply, default_conventions, recognise
from .selfcite import cited_self

_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
_DATE_DMY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Z][a-z]+),?\s+(\d{4})\b")
_DATE_MDY = re.compile(r"\b([A-Z][a-z]+)\s+(\d{1,2}),\s+(\d{4})\b")
_DATE_NUM = re.compile(r"\bDATE\s+(\d{1,2})/(\d{1,2})/(\d{4})\b", re.I)
_ADOPTED = re.compile(r"adopted by the .+? on (.+)$", re.I)
#: adopted acts are known by their number line, never by what they cite
ACTS = (DocKind.RESOLUTION, DocKind.DECISION, DocKind.PRESIDENTIAL_STATEMENT)
_SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to"}


def find_date(text: str) -> str | None:
    """The first date in text, in ISO 8601.

    Reads "19 September 2016", "June 12, 2018" and "DATE 12/6/2018".
    """
    for pat, order in ((_DATE_DMY, "dmy"), (_DATE_MDY, "mdy"), (_DATE_NUM, "num")):
        m = pat.search(text)
        if not m:
            continue
        if order == "dmy":
            d, mon, y = m.group(1), _MONTHS.get(m.group(2).lower()), m.group(3)
        elif order == "mdy":
            mon, d, y = _MONTHS.get(m.group(1).lower()), m.group(2), m.group(3)
        else:
            d, mon, y = m.group(1), int(m.group(2)), m.group(3)
        if mon:
            return f"{int(y):04d}-{int(mon):02d}-{int(d):02d}"
    return None


def title_case(s: str) -> str:
    """Title case for a title printed in capitals; other titles are left as printed."""
    if not s.isupper():
        return s
    words = s.lower().split()
    out = [w if (i and w in _SMALL_WORDS) else w[:1].upper() + w[1:] for i, w in enumerate(words)]
    s = " ".join(out)
    return re.sub(
        r"\((\w+)\)", lambda m: f"({m.group(1).upper()})" if len(m.group(1)) <= 5 else m.group(0), s
    )


def normalise_symbol(raw: str) -> str | None:
    """ "A/RES/71/1", "$A_{\\text{RES}/71/1}$" -> "A/RES/71/1"; anything else -> None."""
    s = re.sub(r"\\text\{([^}]*)\}", r"\1", raw)
    s = s.replace("$", "").replace("{", "").replace("}", "").replace("_", "/").replace(" ", "")
    m = re.fullmatch(r"([AES])/+(RES/)?(\d{1,3})/(\d{1,4})", s)
    if not m:
        return None
    return f"{m.group(1)}/{m.group(2) or ''}{m.group(3)}/{m.group(4)}"


def describe(doc: Document, cues: Cues) -> None:
    """Title, UN symbol and date of ``doc`` from its front matter and page headers."""
    titles = [b for b in doc.blocks if b.kind is BlockKind.TITLE]
    texts = [b.text for b in titles]
    # organ, act, symbol, session and agenda item by the UN's conventions; failing a symbol
    # there, one printed as masthead or page header (a scan's "$A_{\\text{RES}/71/1}$")
    rec = recognise(doc)
    apply(doc, rec)
    if doc.symbol is None:
        for b in doc.blocks:
            if b.kind in (BlockKind.TITLE, BlockKind.DEBRIS):
                raw = doc.source.text[b.span.start : b.span.end].strip()
                sym = normalise_symbol(raw)
                if sym:
                    doc.symbol = sym
                    break
    if doc.symbol is None and doc.kind not in ACTS:
        doc.symbol = cited_self(doc, default_conventions(), rec.session)
    if doc.title is None:
        doc.title = _title_for(doc, titles)
    if doc.title is None and doc.kind in (DocKind.TREATY, DocKind.FRAMEWORK) and titles:
        doc.title = titles[0].text  # a treaty's name heads it: "Protocol against the ..."
    # date
    if rec.date_text and find_date(rec.date_text):
        doc.date = find_date(rec.date_text)
    for t in texts if doc.date is None else ():
        m = _ADOPTED.search(t)
        if m and find_date(m.group(1)):
            doc.date = find_date(m.group(1))
            break
    if doc.date is None and doc.kind is DocKind.PARLIAMENTARY_REPORT:
        m = _DATE_NUM.search(" ".join(b.text for b in doc.blocks))
        doc.date = find_date(m.group(0)) if m else None
    if doc.date is None and doc.kind is DocKind.LETTER:
        salutation = next((i for i, t in enumerate(texts) if t.startswith("Dear ")), len(texts))
        doc.date = next((find_date(t) for t in reversed(texts[:salutation]) if find_date(t)), None)
    if doc.date is None:
        head = " \n".join(texts[:40])
        first_body = next((b.text for b in doc.blocks if b.kind is not BlockKind.TITLE), "")
        doc.date = find_date(head) if doc.kind is not DocKind.RESOLUTION else None
        if doc.date is None and _WE_HEADS.match(first_body):
            doc.date = find_date(first_body)
        if doc.date is None and doc.kind is DocKind.PARLIAMENTARY_REPORT:
            doc.date = find_date(" ".join(b.text for b in doc.blocks[:80]))


def _title_for(doc: Document, titles: list[Block]) -> str | None:
    texts = [b.text for b in titles]
    kind = doc.kind
    if kind is DocKind.REPORT:
        for i, t in enumerate(texts):
            if re.match(r"(?i)report of the secretary-general$", t) and i:
                # the title is the run of adjoining lines above, however many it wraps over
                start = i - 1
                while start and titles[start - 1].last_line + 1 == titles[start].first_line:
                    start -= 1
                return _joined(titles[start:i])
    if kind is DocKind.COMPACT:
        for i, t in enumerate(texts):
            if re.match(r"(?i)global compact (for|on) ", t):
                draft = next(
                    (x for x in texts[i + 1 : i + 3] if re.match(r"(?i)\w+ draft$", x)), None
                )
                title = title_case(t)
                return f"{title} ({draft.lower()})" if draft else title
    if kind is DocKind.LETTER:
        for i, t in enumerate(texts):
            if t.startswith("Dear "):
                subject = [x for x in texts[:i] if len(x) > 30 and not find_date(x)]
                return subject[-1] if subject else "Letter"
    if kind is DocKind.POSITION_PAPER:
        for i, t in enumerate(texts):
            if re.match(r"(?i)national position$", t):
                words = [t]
                for x in texts[i + 1 : i + 4]:
                    if re.fullmatch(r"[\d\s–-]+", x):
                        break
                    words.append(x)
                return title_case(" ".join(words))
    if kind is DocKind.PARLIAMENTARY_PAPER:
        for t in texts:
            if re.match(r"(?i)papers? laid$", t):
                return title_case(t)
    if kind is DocKind.PARLIAMENTARY_REPORT:
        for i, b in enumerate(titles):
            if re.match(r"(?i)report of the ", b.text):
                end = i + 1
                while end < len(titles) and titles[end].first_line == titles[end - 1].last_line + 1:
                    end += 1
                return title_case(_joined(titles[i:end]))
    return None


def _joined(blocks: list[Block]) -> str:
    """The text of title lines printed one under the other, a word broken at a hyphen rejoined."""
    return re.sub(r"-\s+", "-", " ".join(b.text for b in blocks))
