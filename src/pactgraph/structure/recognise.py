"""Document recognition: which organ adopted a document, what act it is, its symbol, session,
agenda item and date, read from its head by the UN's own conventions (``data/un_documents.yaml``).

Takes the lines at the head of a :class:`~pactgraph.model.Document` (masthead, front matter, the
first words of the preamble, up to the first numbered paragraph); gives a :class:`Recognised`
record, which :func:`apply` writes onto the document.

The conventions, each from the data file rather than from any one text:

- the adopting organ is named by an adoption line ("Resolution adopted by the Human Rights
  Council", "Adopted by the Security Council at its 9429th meeting"), else by the masthead line
  ("Human Rights Council"), else by the opening of the preamble ("The Economic and Social
  Council,"); the strongest evidence wins, whatever its position;
- the act (resolution, decision, presidential statement) by its adoption line or a number line
  of its own form ("Resolution 2698 (2023)", "PRST 15/2");
- the symbol is a full symbol printed on its own line ("A/RES/52/26*"), else the organ's
  template filled with the number as printed ("50/10." under the Human Rights Council is
  A/HRC/RES/50/10, "2/10." under the Environment Assembly UNEP/EA.2/Res.10). A number with no
  organ in sight gives no symbol: "76/202." alone does not say which organ numbered it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from ..datafiles import read_mapping
from ..errors import DataFileError
from ..model import DocKind, Document

DATA = Path(__file__).resolve().parent.parent / "data" / "un_documents.yaml"
#: How far down the head reaches, in non-blank lines, when no numbered paragraph ends it first.
HEAD_LINES = 60
#: the body begins at a numbered paragraph, a lettered item or a rule or article heading
_FIRST_PARAGRAPH = re.compile(
    r"^(?:(?:\d{1,3}\.|\([a-z]\))\s+\S|(?:rule|article)\s+(?:\d{1,3}|[IVXLC]{1,7})$)", re.I
)
ACT_KINDS = {
    "resolution": DocKind.RESOLUTION,
    "decision": DocKind.DECISION,
    "presidential-statement": DocKind.PRESIDENTIAL_STATEMENT,
}
#: Evidence of the organ, strongest first (the ``name`` of an ``organ_lines`` entry).
STRENGTH = {
    "adopted-by": 0,
    "decision-adopted-by": 0,
    "sc-adopted": 0,
    "statement-by-president": 0,
    "masthead": 1,
    "preamble-opening": 2,
    "statement-opening": 3,
}


@dataclass(frozen=True)
class Organ:
    id: str
    label: str
    actor: str | None
    names: tuple[str, ...]
    symbols: dict[str, str]


@dataclass(frozen=True)
class _OrganLine:
    name: str
    act: str | None
    pattern: re.Pattern[str]
    organ: str | None = None  # the organ the line names by its form, not by a name in it


@dataclass(frozen=True)
class _NumberLine:
    act: str | None
    organ: str | None
    pattern: re.Pattern[str]
    requires_act: bool = False  # taken only under an adoption or act line


@dataclass(frozen=True)
class Conventions:
    """The compiled ``data/un_documents.yaml``."""

    organs: tuple[Organ, ...]
    organ_lines: tuple[_OrganLine, ...]
    act_lines: tuple[tuple[str, re.Pattern[str]], ...]
    number_lines: tuple[_NumberLine, ...]
    symbol_line: re.Pattern[str]
    session_line: re.Pattern[str]
    agenda_line: re.Pattern[str]
    date_lines: tuple[re.Pattern[str], ...]
    genre_lines: tuple[tuple[DocKind, re.Pattern[str]], ...]
    ordinals: dict[str, dict[str, int]]
    #: the organ's opening of a resolution's preamble, alone on its line ("The Economic and
    #: Social Council," and, in old scans, "The Economic and Social Council." or no comma)
    opening: re.Pattern[str] = re.compile(r"^$")
    cited_symbol: re.Pattern[str] = re.compile(r"^$")
    provisional_agenda_head: re.Pattern[str] = re.compile(r"^$")
    provisional_agenda_self: re.Pattern[str] = re.compile(r"^$")
    addendum_citation: re.Pattern[str] = re.compile(r"^$")
    act_symbol_line: re.Pattern[str] = re.compile(r"^$")

    def opens_act(self, lines: list[str]) -> bool:
        """``lines`` (stripped, non-blank) begin a resolution or decision: a number line
        ("1985/11. Title", "671 (XXV). Title", "6/1. Title") followed, within three lines (a
        title carried over, a part letter "A"), by the adopting organ's opening, or followed
        by the letter of its first part."""
        if not lines or not self.numbers_act(lines[0]):
            return False
        # the opening, or a part letter alone ("217 (III)." over "A": the first of its parts)
        return any(self.opening.match(t) for t in lines[1:4]) or bool(
            len(lines) > 1 and re.fullmatch(r"[A-H]", lines[1])
        )

    def numbers_act(self, line: str) -> bool:
        """``line`` (stripped) is the number line that may open a resolution or decision."""
        return any(e.pattern.match(line) for e in self.number_lines if not e.requires_act)

    def organ(self, text: str) -> Organ | None:
        """The organ one of whose names ``text`` is (case-insensitive)."""
        t = " ".join(text.lower().split())
        return next((o for o in self.organs if t in (n.lower() for n in o.names)), None)

    def organ_by_id(self, organ_id: str | None) -> Organ | None:
        return next((o for o in self.organs if o.id == organ_id), None)

    def session_number(self, words: str) -> int | None:
        """ "seventy-sixth" -> 76, "fifteenth" -> 15, "twentieth" -> 20."""
        parts = re.split(r"[\s-]+", words.lower().strip())
        o = self.ordinals
        if len(parts) == 1:
            w = parts[0]
            return o["units"].get(w) or o["teens"].get(w) or o["tenths"].get(w)
        if len(parts) == 2 and parts[0] in o["tens"] and parts[1] in o["units"]:
            return o["tens"][parts[0]] + o["units"][parts[1]]
        return None


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    flags = 0
    if pattern.startswith("^(?i)"):
        pattern, flags = "^" + pattern[5:], re.IGNORECASE
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise DataFileError(f"{where}: bad regular expression ({exc})", locator=str(DATA)) from None


def load_conventions(path: Path = DATA) -> Conventions:
    """Load and check the conventions file; a malformed entry names itself."""
    data = read_mapping(path)
    try:
        organs = tuple(
            Organ(
                id=str(o["id"]),
                label=str(o["label"]),
                actor=o.get("actor"),
                names=tuple(o["names"]),
                symbols=dict(o["symbols"]),
            )
            for o in data["organs"]
        )
        names = sorted({n for o in organs for n in o.names}, key=len, reverse=True)
        alternation = "(?P<organ>" + "|".join(re.escape(n) for n in names) + ")"
        organ_lines = tuple(
            _OrganLine(
                str(e["name"]),
                e.get("act"),
                _compile(e["pattern"].replace("{organ}", alternation), f"organ_lines/{e['name']}"),
                e.get("organ"),
            )
            for e in data["organ_lines"]
        )
        for e in organ_lines:
            if e.name not in STRENGTH:
                raise DataFileError(f"organ_lines: unknown name {e.name!r}", locator=str(path))
        return Conventions(
            organs=organs,
            organ_lines=organ_lines,
            act_lines=tuple(
                (str(e["act"]), _compile(e["pattern"], f"act_lines/{i}"))
                for i, e in enumerate(data["act_lines"])
            ),
            number_lines=tuple(
                _NumberLine(
                    e.get("act"),
                    e.get("organ"),
                    _compile(e["pattern"], f"number/{i}"),
                    bool(e.get("requires_act")),
                )
                for i, e in enumerate(data["number_lines"])
            ),
            symbol_line=_compile(data["symbol_line"], "symbol_line"),
            session_line=_compile(data["session_line"], "session_line"),
            agenda_line=_compile(data["agenda_line"], "agenda_line"),
            date_lines=tuple(_compile(p, "date_lines") for p in data["date_lines"]),
            genre_lines=tuple(
                (DocKind(e["kind"]), _compile(e["pattern"], f"genre_lines/{i}"))
                for i, e in enumerate(data["genre_lines"])
            ),
            ordinals={k: dict(v) for k, v in data["ordinals"].items()},
            opening=_compile(data["opening"].replace("{organ}", alternation), "opening"),
            cited_symbol=_compile(data["cited_symbol"], "cited_symbol"),
            provisional_agenda_head=_compile(
                data["provisional_agenda_head"], "provisional_agenda_head"
            ),
            provisional_agenda_self=_compile(
                data["provisional_agenda_self"].replace("{symbol}", data["cited_symbol"]),
                "provisional_agenda_self",
            ),
            act_symbol_line=_compile(
                data["act_symbol_line"]
                .replace("{organ}", alternation.replace("?P<organ>", "?:"))
                .replace("{symbol}", data["cited_symbol"]),
                "act_symbol_line",
            ),
            addendum_citation=_compile(
                data["addendum_citation"].replace("{symbol}", data["cited_symbol"]),
                "addendum_citation",
            ),
        )
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise DataFileError(f"missing or malformed entry ({exc})", locator=str(path)) from None


@functools.cache
def default_conventions() -> Conventions:
    return load_conventions()


@dataclass
class Recognised:
    """What a document's head says about it."""

    organ: Organ | None = None
    act: str | None = None  # "resolution" | "decision" | "presidential-statement"
    number: str | None = None  # as printed: "76/202", "2698 (2023)", "1514 (XV) B"
    number_line: int | None = None  # line number of the number line
    title: str | None = None  # the title printed with (or just under) the number
    symbol: str | None = None
    session: str | None = None  # "76", "S-10", "ES-10"
    agenda_item: str | None = None
    date_text: str | None = None  # the words after "adopted ... on"
    genre: DocKind | None = None  # what a genre line says (treaty, report), when no organ acts


_HEADING_MARKS = re.compile(r"^#{1,6}\s+")


def bare(text: str) -> str:
    """A line without emphasis stars and heading marks ("## 1819 (LV). Title" in a scan)."""
    s = text.strip().strip("*").strip()
    if s.startswith("#"):  # most lines have no mark: the pattern is tried only on those that may
        s = _HEADING_MARKS.sub("", s)
    return s.strip("*").strip()


def head_lines(doc: Document, conv: Conventions | None = None) -> list[tuple[int, str]]:
    """(line number, stripped text) of the document's head: up to :data:`HEAD_LINES` non-blank
    lines, ending at the first numbered paragraph, or at the first one after the number line
    when there is one (an old scan opens with the end of the resolution before it on its
    page)."""
    conv = conv or default_conventions()
    lines: list[tuple[int, str]] = []
    for ln in doc.source.lines[doc.first_line - 1 : doc.last_line]:
        s = bare(ln.text)
        if s and not s.startswith("<!--"):
            lines.append((ln.number, s))
            if len(lines) >= HEAD_LINES:
                break
    numbered = next(
        (i for i, (_, s) in enumerate(lines) if any(e.pattern.match(s) for e in conv.number_lines)),
        0,
    )
    end = next(
        (i for i, (_, s) in enumerate(lines) if i > numbered and _FIRST_PARAGRAPH.match(s)),
        len(lines),
    )
    if numbered:
        return lines[:end]
    first = next((i for i, (_, s) in enumerate(lines) if _FIRST_PARAGRAPH.match(s)), len(lines))
    return lines[:first]


def recognise(doc: Document, conv: Conventions | None = None) -> Recognised:
    """Read organ, act, number, symbol, session, agenda item and adoption date from the head."""
    conv = conv or default_conventions()
    head = head_lines(doc, conv)
    r = Recognised()
    strength = 99
    act_by_organ_line: str | None = None
    for i, (_, s) in enumerate(head):
        for e in conv.organ_lines:
            m = e.pattern.match(s)
            if not m:
                continue
            if STRENGTH[e.name] < strength:
                strength = STRENGTH[e.name]
                named = m.groupdict().get("organ")
                r.organ = conv.organ(named) if named else conv.organ_by_id(e.organ)
                if e.act and (act_by_organ_line is None or STRENGTH[e.name] == 0):
                    act_by_organ_line = e.act
            break
        if r.act is None:
            r.act = next((a for a, p in conv.act_lines if p.match(s)), None)
        if r.genre is None:
            r.genre = next((k for k, p in conv.genre_lines if p.search(s)), None)
        if r.session is None:
            m = conv.session_line.match(s)
            if m:
                n = conv.session_number(m.group("ordinal"))
                if n is not None:
                    special = (m.group("special") or "").lower()
                    prefix = "ES-" if "emergency" in special else "S-" if special else ""
                    r.session = f"{prefix}{n}"
        if r.agenda_item is None:
            m = conv.agenda_line.match(s)
            if m:
                r.agenda_item = re.sub(r"\s+", "", m.group("item"))
        if r.date_text is None:
            joined = f"{s} {head[i + 1][1]}" if s.endswith(" on") and i + 1 < len(head) else s
            for p in conv.date_lines:
                m = p.match(joined)
                if m:
                    r.date_text = m.group("date")
                    break
    r.act = act_by_organ_line or r.act
    _read_number(head, conv, r)
    _compose_symbol(head, conv, r)
    return r


def _read_number(head: list[tuple[int, str]], conv: Conventions, r: Recognised) -> None:
    for i, (number, s) in enumerate(head):
        for e in conv.number_lines:
            m = e.pattern.match(s)
            if not m:
                continue
            title = m.groupdict().get("title")
            if e.requires_act and r.act is None:
                continue
            if (
                not title
                and e.act is None
                and r.act is None
                and not conv.opens_act([t for _, t in head[i : i + 4]])
            ):
                break  # a bare "16/15" is a number only under an adoption line or over an opening
            r.number = re.sub(r"\s+", " ", m.group("number"))
            part = m.groupdict().get("part")
            if part:
                r.number = f"{r.number} {part}"
            r.number_line = number
            r.act = e.act or r.act or "resolution"
            if e.organ and r.organ is None:
                r.organ = next((o for o in conv.organs if o.id == e.organ), None)
            session, _, n = r.number.partition("/")
            if r.session is None and re.sub(r"^E?S-", "", session).isdigit() and n.isdigit():
                r.session = session if len(session) < 4 else None  # "2023/1" is a year
            if title:
                r.title = title.strip()
            elif i + 1 < len(head):
                nxt = head[i + 1][1]
                said = any(e.pattern.match(nxt) for e in conv.organ_lines)
                dated = any(p.match(nxt) for p in conv.date_lines)
                bracketed = nxt.startswith("[") and nxt.endswith("]")  # "[S/726]", "[on the report"
                if not (said or dated or bracketed or nxt.endswith(",")):
                    r.title = nxt
            return


def _compose_symbol(head: list[tuple[int, str]], conv: Conventions, r: Recognised) -> None:
    printed = next(
        (
            m.group("symbol")
            for _, s in head
            if (m := conv.symbol_line.match(s) or conv.act_symbol_line.match(s))
        ),
        None,
    )
    composed = None
    if r.number and r.organ is not None and r.act:
        template = r.organ.symbols.get(r.act)
        if template:
            session, _, n = r.number.partition("/")
            if "{session}" in template and not (session.isdigit() and n.isdigit()):
                template = None
            if template:
                composed = template.format(number=r.number, session=session, n=n)
    if printed and (composed is None or _series(printed) == _series(composed)):
        r.symbol = printed
    else:
        r.symbol = composed or printed


def _series(symbol: str) -> str:
    """The symbol up to its last numeric part: "A/HRC/RES/50/10" -> "A/HRC/RES"."""
    return re.sub(r"(/[^/]*\d[^/]*)+$", "", symbol)


def apply(doc: Document, r: Recognised) -> None:
    """Write what was recognised onto the document (symbol, organ, kind, session, agenda)."""
    if r.symbol:
        doc.symbol = r.symbol
    if r.organ is not None:
        doc.organ = r.organ.label
        doc.organ_actor = r.organ.actor
    if r.act and (r.number or r.organ is not None):
        kind = ACT_KINDS[r.act]
        if doc.kind in (DocKind.UNKNOWN, DocKind.RESOLUTION) or r.number:
            doc.kind = kind
    elif r.genre is not None and doc.kind is DocKind.UNKNOWN:
        doc.kind = r.genre
    if r.title and not doc.title:
        doc.title = r.title
    doc.session = r.session
    doc.agenda_item = r.agenda_item
