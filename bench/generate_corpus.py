"""Generate a large, realistic corpus of UN-style documents from the seed texts in ``corpus/``.

Takes: a scale K (a float: K times the seed corpus in bytes, ~385 KB at K = 1), an output folder
and a seed; the vocabulary of ``bench/generator.yaml`` and the seed paragraphs of ``corpus/``.
Gives: ``OUT/un-docs-NNNN.txt`` files, each holding several documents one after another (like the
Kenyan report bundling UN documents), and ``OUT/manifest.json`` listing every document (file,
symbol, kind, title, numbered paragraphs, footnotes, annexes, bytes).

Each document is a General Assembly resolution, a resolution adopting a declaration ("We, the
Heads of State and Government ...") or a report of the Secretary-General, with a NEW synthetic
symbol (A/RES/9xx/N or A/8x/NNNN), a masthead, numbered paragraphs renumbered from 1, section
headings, sub-items, footnote calls with their footnotes, sometimes annexes, and page furniture
(page counters, job numbers, "Please recycle", running symbol headers), paragraphs broken
across pages mid-sentence and OCR-style character confusions.

Sentences are seed sentences joined two by two at a shared word ("We will strengthen" + "the
capacity of ..."), so the wording reads like the seeds but paragraph openings are almost never
repeated: every document is its own work, as documents with distinct symbols are.

Output depends only on (scale, seed): document i is drawn from ``Random(f"{seed}:{i}")``, so a
smaller scale's corpus is a prefix of a larger one's. Run:

    .venv/bin/python bench/generate_corpus.py --scale 10 --out bench/out/corpus-10x
"""

from __future__ import annotations

import argparse
import calendar
import json
import random
import re
import sys
import textwrap
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
VOCABULARY = Path(__file__).with_name("generator.yaml")

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP = re.compile(f"[{SUPERSCRIPTS}]+")
_PARA = re.compile(r"^\s*(?:-\s+)?(\d{1,3})\.?\s+(\S.{40,})$")
_SUBITEM = re.compile(r"^\s*(?:-\s+)?\(?([a-z])\)\s+(\S.{20,})$")
_FOOTNOTE = re.compile(f"^([{SUPERSCRIPTS}]+)\\s*(\\S.*)$")
_HEADING = re.compile(r"^([IVX]{1,5}|[A-H])\.\s+([A-Z][^.]{8,110})$")
_OBJECTIVE = re.compile(r"^[-|\s]*\((\d{1,2})\)\s*\|?\s*([A-Z][^|]{15,140}?)\s*\|?$")
#: Blank lines between two documents of a file (a new document starts on a new page).
DOCUMENT_GAP = "\n" * 6
_MONTHS = list(calendar.month_name)[1:]


@dataclass
class Seeds:
    """The material documents are drawn from."""

    sentences: list[list[str]]  # each a list of words
    chapeaux: list[str]  # paragraph openings that end with a colon
    subitems: list[str]
    footnotes: list[str]
    titles: list[str]
    # word (lower case, letters only) -> [(sentence index, position)], for splicing
    index: dict[str, list[tuple[int, int]]] = field(default_factory=dict)


@dataclass
class DocInfo:
    """One generated document, as listed in the manifest."""

    file: str
    symbol: str
    kind: str
    title: str
    paragraphs: int  # numbered paragraphs, body and annexes
    subitems: int
    footnotes: int
    annexes: int
    bytes: int


def load_vocabulary(path: Path = VOCABULARY) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or "seeds" not in data:
        raise SystemExit(f"{path}: not a generator vocabulary (no 'seeds' key)")
    return data


def seed_bytes(corpus: Path = CORPUS) -> int:
    """Size of the seed corpus in bytes: scale 1 means this many bytes of generated text."""
    return sum(p.stat().st_size for p in sorted(corpus.glob("*.txt")))


def _clean(text: str) -> str:
    text = _SUP.sub("", text).replace("\t", " ")
    return re.sub(r"\s+", " ", text).strip()


def _split_sentences(text: str, abbreviations: frozenset[str]) -> list[str]:
    out: list[str] = []
    start = 0
    for m in re.finditer(r"[.;!?][”’\"]?\s+(?=[A-Z“\"])", text):
        before = text[start : m.start()].rsplit(" ", 1)[-1]
        if before.rstrip(".") in abbreviations or len(before) == 1:
            continue
        out.append(text[start : m.end()].strip())
        start = m.end()
    out.append(text[start:].strip())
    return [s for s in out if s]


def _seed_lines(vocab: dict, corpus: Path) -> list[str]:
    lines: list[str] = []
    for region in vocab["seeds"]:
        text = (corpus / region["file"]).read_text(encoding="utf-8").splitlines()
        start = next(i for i, line in enumerate(text) if re.search(region["start"], line))
        end = len(text)
        if region.get("end"):
            end = next(
                i for i, line in enumerate(text) if i > start and re.search(region["end"], line)
            )
        lines.extend(text[start:end])
    return lines


def load_seeds(vocab: dict, corpus: Path = CORPUS) -> Seeds:
    """Pool the seed stretches' sentences, chapeaux, sub-items, footnotes and headings."""
    abbreviations = frozenset(vocab["abbreviations"])
    sentences: list[list[str]] = []
    chapeaux: list[str] = []
    subitems: list[str] = []
    footnotes: list[str] = []
    titles: set[str] = set()
    for raw in _seed_lines(vocab, corpus):
        line = raw.strip()
        if m := _FOOTNOTE.match(line):
            footnotes.append(_clean(m.group(2)))
        elif m := _HEADING.match(line):
            titles.add(_clean(m.group(2)).rstrip(".").replace("*", ""))
        elif m := _OBJECTIVE.match(line):
            titles.add(_clean(m.group(2)).rstrip(".;"))
        elif m := _SUBITEM.match(line):
            subitems.append(_clean(m.group(2)).rstrip(";.").removesuffix(" and").rstrip(";,"))
        elif m := _PARA.match(line):
            text = _clean(m.group(2))
            if text.endswith(":"):
                chapeaux.append(text)
                continue
            for s in _split_sentences(text, abbreviations):
                words = s.split()
                if len(words) >= 6 and words[0][:1].isupper():
                    sentences.append(words)
    seeds = Seeds(
        sentences=sentences,
        chapeaux=sorted(set(chapeaux)),
        subitems=sorted(set(subitems)),
        footnotes=sorted(set(footnotes)),
        titles=sorted(titles),
    )
    for si, words in enumerate(seeds.sentences):
        for pos, w in enumerate(words):
            key = w.lower()
            if pos >= 2 and key.isalpha() and len(key) >= 2:
                seeds.index.setdefault(key, []).append((si, pos))
    return seeds


class DocumentWriter:
    """Draws one document from the seeds with its own random generator."""

    def __init__(self, seeds: Seeds, vocab: dict, rng: random.Random) -> None:
        self.seeds, self.vocab, self.rng = seeds, vocab, rng
        self.chances: dict[str, float] = vocab["chances"]
        self.footnotes: list[str] = []  # texts, numbered from 1
        self.counts = {"paragraphs": 0, "subitems": 0, "annexes": 0}

    # --- text -----------------------------------------------------------------------------------

    def chance(self, name: str) -> bool:
        return self.rng.random() < self.chances[name]

    def sentence(self) -> str:
        """A seed sentence, usually joined to another at a word they share."""
        a = self.rng.choice(self.seeds.sentences)
        if len(a) < 5 or not self.chance("splice"):
            return " ".join(a)
        return " ".join(self.splice(a))

    def splice(self, a: list[str], keep: int | None = None) -> list[str]:
        """``a``'s opening words, then another seed sentence from a word they share.

        ``keep``: how many words of the other sentence to take (all when None).
        """
        rng, seeds = self.rng, self.seeds
        for _ in range(4):
            i = rng.randrange(2, max(3, min(5, len(a) - 1)))
            hits = seeds.index.get(a[i].lower(), []) if i < len(a) else []
            if len(hits) > 1:
                si, j = rng.choice(hits)
                b = seeds.sentences[si]
                if b is not a:
                    return a[:i] + (b[j:] if keep is None else b[j : j + keep])
        b = rng.choice(seeds.sentences)
        return a[: len(a) // 2] + b[len(b) // 2 :][: keep or None]

    def paragraph_text(self) -> str:
        extra = self.rng.choices(range(4), weights=self.vocab["extra_sentences"])[0]
        text = " ".join(self.sentence() for _ in range(1 + extra))
        if self.chance("ocr"):
            text = self.ocr(text)
        if self.chance("footnote"):
            text = self.call_footnote(text)
        return text

    def ocr(self, text: str) -> str:
        words = text.split(" ")
        for _ in range(self.rng.randint(1, 3)):
            right, wrong = self.rng.choice(self.vocab["ocr_confusions"])
            candidates = [k for k, w in enumerate(words) if k > 0 and right in w]
            if candidates:
                k = self.rng.choice(candidates)
                words[k] = words[k].replace(right, wrong, 1)
        return " ".join(words)

    def call_footnote(self, text: str) -> str:
        words = text.split(" ")
        spots = [k for k, w in enumerate(words) if k > 2 and (w[-1:].isalpha() or w[-1:] == ".")]
        if not spots:
            return text
        k = self.rng.choice(spots)
        self.footnotes.append(self.rng.choice(self.seeds.footnotes))
        words[k] += superscript(len(self.footnotes))
        return " ".join(words)

    # --- blocks ---------------------------------------------------------------------------------

    def numbered(self, count: int, *, annex: bool = False) -> list[tuple[str, str]]:
        """Numbered paragraphs 1..count as (kind, line) blocks, with headings and sub-items."""
        out: list[tuple[str, str]] = []
        roman = 0
        for n in range(1, count + 1):
            if n == 1 or self.chance("section"):
                roman += 1
                out.append(("heading", f"{to_roman(roman)}. {self.rng.choice(self.seeds.titles)}"))
            self.counts["paragraphs"] += 1
            if self.chance("subitems") or (annex and self.chance("subitems")):
                out.append(("para", f"{n}. {self.chapeau()}"))
                items = self.rng.randint(3, 8)
                for k in range(items):
                    end = "." if k == items - 1 else (";" if k < items - 2 else "; and")
                    item = self.rng.choice(self.seeds.subitems).split()
                    text = " ".join(self.splice(item) if len(item) >= 5 else item).rstrip(";.")
                    if self.chance("ocr"):
                        text = self.ocr(text)
                    out.append(("item", f"({chr(ord('a') + k)}) {text}{end}"))
                    self.counts["subitems"] += 1
            else:
                out.append(("para", f"{n}. {self.paragraph_text()}"))
        return out

    def chapeau(self) -> str:
        """A paragraph that introduces lettered sub-items, ending with a colon."""
        rng = self.rng
        if self.seeds.chapeaux and rng.random() < 0.5:
            a = rng.choice(self.seeds.chapeaux).split()
            tail = a[-4:] if len(a) > 8 else [":"]
            words = self.splice(a[:-4] if len(a) > 8 else a, keep=rng.randint(4, 12)) + tail
            return " ".join(words).replace(" :", ":")
        words = self.sentence().rstrip(".;").split()
        return " ".join(words[: rng.randint(6, max(6, min(18, len(words))))]).rstrip(",;") + (
            ", including:"
        )

    def annexes(self) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        count = 1 + (1 if self.chance("second_annex") else 0)
        for a in range(1, count + 1):
            self.counts["annexes"] += 1
            out.append(("heading", f"Annex {to_roman(a)}"))
            out.append(("heading", self.rng.choice(self.seeds.titles)))
            out.extend(self.numbered(self.rng.randint(*self.vocab["annex_paragraphs"]), annex=True))
        return out

    # --- layout ---------------------------------------------------------------------------------

    def paginate(self, symbol: str, front: list[str], blocks: list[tuple[str, str]]) -> list[str]:
        """Lay the blocks out on pages: footnotes at the foot, furniture between pages."""
        rng = self.rng
        pages: list[list[str]] = [[]]
        feet: list[list[int]] = [[]]
        left = rng.randint(*self.vocab["lines_per_page"])
        for kind, line in blocks:
            calls = [int(m.translate(_FROM_SUP)) for m in _SUP.findall(line)]
            if left <= 0:
                if kind == "para" and self.chance("broken_line"):
                    head, tail = split_mid_sentence(line, rng)
                    if tail:
                        head_calls = [int(m.translate(_FROM_SUP)) for m in _SUP.findall(head)]
                        pages[-1].append(head)
                        feet[-1].extend(head_calls)
                        pages.append([])
                        feet.append([c for c in calls if c not in head_calls])
                        pages[-1].append(tail)
                        left = rng.randint(*self.vocab["lines_per_page"]) - 1
                        continue
                pages.append([])
                feet.append([])
                left = rng.randint(*self.vocab["lines_per_page"])
            pages[-1].append(line)
            feet[-1].extend(calls)
            left -= 1
        job = f"{rng.randint(30, 39)}-{rng.randint(0, 99999):05d} (E)"
        lines = list(front)
        total = len(pages)
        for p, (page, called) in enumerate(zip(pages, feet, strict=True), start=1):
            if p > 1:
                lines += [symbol, ""]
            for line in page:
                lines += [line, ""]
            for c in called:
                lines += [f"{superscript(c)} {self.footnotes[c - 1]}", ""]
            if p == 1:
                lines += [job, "", "", "", "Please recycle", ""]
            lines += [f"{p}/{total}", "", ""]
        return lines


_FROM_SUP = str.maketrans(SUPERSCRIPTS, "0123456789")
_TO_SUP = str.maketrans("0123456789", SUPERSCRIPTS)


def superscript(n: int) -> str:
    return str(n).translate(_TO_SUP)


def to_roman(n: int) -> str:
    out = ""
    for value, numeral in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + numeral, n - value
    return out


def split_mid_sentence(line: str, rng: random.Random) -> tuple[str, str]:
    """Break a paragraph line before a lower-case word past its middle (a page turn)."""
    words = line.split(" ")
    spots = [k for k in range(len(words) // 2, len(words) - 2) if words[k][:1].islower()]
    if not spots:
        return line, ""
    k = rng.choice(spots)
    return " ".join(words[:k]), " ".join(words[k:])


def date_text(rng: random.Random) -> tuple[str, int]:
    year = rng.randint(2031, 2049)
    return f"{rng.randint(1, 28)} {rng.choice(_MONTHS)} {year}", year


def resolution_symbol(vocab: dict, i: int) -> tuple[str, int, int]:
    lo, hi = vocab["resolution_sessions"]
    span = 9000
    session = lo + (i // span) % (hi - lo + 1)
    number = i % span + 1
    return f"A/RES/{session}/{number}", session, number


def report_symbol(vocab: dict, i: int) -> tuple[str, int]:
    lo, hi = vocab["report_sessions_range"]
    span = 9000
    session = lo + (i // span) % (hi - lo + 1)
    return f"A/{session}/{vocab['report_first_number'] + i % span}", session


def write_document(seeds: Seeds, vocab: dict, seed: str, i: int) -> tuple[str, dict]:
    """Document ``i`` of the corpus for ``seed``: its text and its manifest fields."""
    rng = random.Random(f"{seed}:{i}")
    w = DocumentWriter(seeds, vocab, rng)
    kinds = list(vocab["kinds"])
    kind = rng.choices(kinds, weights=[vocab["kinds"][k] for k in kinds])[0]
    issued, year = date_text(rng)
    title = make_title(seeds, vocab, rng, i, year)
    body_count = rng.randint(*vocab["paragraphs"])
    if kind == "report":
        symbol, session = report_symbol(vocab, i)
        front = [
            "United Nations",
            symbol,
            "",
            "General Assembly",
            "",
            "Distr.: General",
            issued,
            "",
            "Original: English",
            "",
            f"{vocab['report_sessions'][session]} session",
            f"Item {rng.randint(10, 140)} of the provisional agenda",
            "",
            *textwrap.wrap(title, 70),  # printed titles wrap; a long line would read as body
            "",
            "Report of the Secretary-General",
            "",
            "Summary",
            "",
            " ".join(w.sentence() for _ in range(3)),
            "",
        ]
        blocks = w.numbered(body_count)
    else:
        symbol, session, number = resolution_symbol(vocab, i)
        adopted, _ = date_text(rng)
        front = [
            "United Nations",
            symbol,
            "",
            "General Assembly",
            "",
            "Distr.: General",
            issued,
            "",
            f"Agenda item {rng.randint(10, 140)}",
            "",
            f"Resolution adopted by the General Assembly on {adopted}",
            "",
            f"[without reference to a Main Committee (A/{session}/L.{rng.randint(1, 99)})]",
            "",
            f"{session}/{number}. {title}",
            "",
            "The General Assembly,",
            "",
        ]
        for _ in range(rng.randint(1, 4)):
            verb = rng.choice(vocab["preambular"])
            words = w.sentence().rstrip(".;").split()
            front += [f"*{verb}* {words[0].lower()} {' '.join(words[1:])},", ""]
        if kind == "declaration":
            front += [
                "Adopts the following outcome document:",
                "",
                title,
                "",
                "We, the Heads of State and Government and High Representatives, meeting at "
                f"United Nations Headquarters in New York on {adopted}, have adopted the "
                "following political declaration.",
                "",
            ]
        blocks = w.numbered(body_count)
        if w.chance("annex"):
            blocks += w.annexes()
    lines = w.paginate(symbol, front, blocks)
    text = "\n".join(lines).rstrip("\n") + "\n"
    info = {
        "symbol": symbol,
        "kind": kind,
        "title": title,
        "paragraphs": w.counts["paragraphs"],
        "subitems": w.counts["subitems"],
        "footnotes": len(w.footnotes),
        "annexes": w.counts["annexes"],
    }
    return text, info


def make_title(seeds: Seeds, vocab: dict, rng: random.Random, i: int, year: int) -> str:
    base = rng.choice(seeds.titles)
    form = rng.choice(vocab["title_forms"])
    ref = f"{vocab['resolution_sessions'][0]}/{rng.randint(1, max(1, i))}"
    lc = base[0].lower() + base[1:]
    title = form.format(title=base, title_lc=lc, ref=ref, year=year)
    return title if len(title) <= 120 else base  # longer titles are printed on several lines


def generate(scale: float, out: Path, seed: str = "1", *, corpus: Path = CORPUS) -> list[DocInfo]:
    """Write about ``scale`` x the seed corpus of documents into ``out``; return the manifest."""
    vocab = load_vocabulary()
    seeds = load_seeds(vocab, corpus)
    target = max(1, round(scale * seed_bytes(corpus)))
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("un-docs-*.txt"):
        old.unlink()
    docs: list[DocInfo] = []
    written = 0
    i = 0
    f = 0
    lo, hi = vocab["documents_per_file"]
    while written < target:
        f += 1
        name = f"un-docs-{f:04d}.txt"
        per_file = random.Random(f"{seed}:file:{f}").randint(lo, hi)
        parts: list[str] = []
        for _ in range(per_file):
            if written >= target:
                break
            text, info = write_document(seeds, vocab, seed, i)
            i += 1
            size = len(text.encode("utf-8"))
            written += size + len(DOCUMENT_GAP)
            parts.append(text)
            docs.append(DocInfo(file=name, bytes=size, **info))
        (out / name).write_text(DOCUMENT_GAP.join(parts), encoding="utf-8")
    manifest = {
        "scale": scale,
        "seed": seed,
        "seed_bytes": seed_bytes(corpus),
        "bytes": sum(p.stat().st_size for p in sorted(out.glob("un-docs-*.txt"))),
        "files": f,
        "documents": [asdict(d) for d in docs],
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return docs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, required=True, help="K x the seed corpus in bytes")
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    parser.add_argument("--seed", default="1", help="random seed (same seed, same corpus)")
    args = parser.parse_args(argv)
    if args.scale <= 0:
        print(f"--scale must be positive, got {args.scale}", file=sys.stderr)
        return 2
    docs = generate(args.scale, args.out, args.seed)
    size = sum(d.bytes for d in docs)
    files = len({d.file for d in docs})
    print(f"wrote {len(docs)} documents, {size:,} bytes in {files} files -> {args.out}/")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


__all__ = ["DocInfo", "Seeds", "generate", "load_seeds", "load_vocabulary", "seed_bytes"]
