"""The read stage and what segment/structure make of debris and footnote markers.

Takes byte strings and the small files in ``tests/data/robustness/``; proves that
:func:`pactgraph.read.decode_source` / :func:`~pactgraph.read.read_source` decode every
encoding a user meets (UTF-8 with or without BOM, UTF-16 with BOM, Windows-1252 with a note),
normalise to NFC with ``\\n`` line ends and exact offsets, and refuse what is not text (empty,
binary, a PNG, one enormous line, a directory, a missing path) with one line naming the file;
and that superscript footnote markers survive as footnote calls while page furniture (counters,
symbol headers, job numbers, LaTeX residue) is kept as debris, never parsed as content.
"""

from __future__ import annotations

import codecs
import hashlib
import time
import unicodedata
from pathlib import Path

import pytest

from pactgraph.errors import InputError
from pactgraph.model import BlockKind, Document, SourceText
from pactgraph.read import MAX_LINE_CHARS, decode_source, read_source
from pactgraph.segment import segment
from pactgraph.structure import structure

DATA = Path(__file__).parent / "data" / "robustness"
CLEAN = DATA / "clean-resolution.txt"


def lines_of(src: SourceText) -> list[str]:
    return [ln.text for ln in src.lines]


def refusal(raw: bytes, name: str = "input.txt") -> str:
    """The one-line message decode_source refuses ``raw`` with."""
    with pytest.raises(InputError) as info:
        decode_source(raw, name=name)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"{name}: ")
    return message


# --- encodings ---------------------------------------------------------------------------------


def test_plain_utf8_is_read_as_utf8() -> None:
    src = read_source(CLEAN)
    assert src.encoding == "utf-8"
    assert src.notes == []
    assert src.text == CLEAN.read_text(encoding="utf-8")
    assert src.sha256 == hashlib.sha256(CLEAN.read_bytes()).hexdigest()


def test_utf8_byte_order_mark_is_dropped_and_the_lines_are_those_of_the_clean_copy() -> None:
    src = read_source(DATA / "utf8-bom.txt")
    assert src.encoding == "utf-8-sig"
    assert not src.text.startswith("\ufeff")
    assert src.lines[0].text == "United Nations"
    assert len(src.lines) == len(read_source(CLEAN).lines)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_byte_order_mark_is_decoded(codec: str) -> None:
    text = "United Nations\n\n1. Decides to act.\n"
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(codec, b"")
    src = decode_source(bom + text.encode(codec), name="u16.txt")
    assert src.encoding == "utf-16"
    assert lines_of(src) == ["United Nations", "", "1. Decides to act."]


def test_utf16_fixture_gives_the_same_lines_as_its_utf8_twin() -> None:
    src = read_source(DATA / "utf16-bom.txt")
    twin = (DATA / "utf16-bom.txt").read_bytes().decode("utf-16")
    assert lines_of(src) == twin.rstrip("\n").split("\n")


def test_invalid_utf8_is_decoded_as_windows_1252_with_a_note_naming_byte_and_offset() -> None:
    raw = (DATA / "invalid-utf8.txt").read_bytes()
    src = read_source(DATA / "invalid-utf8.txt")
    offset = next(i for i in range(len(raw)) if not _valid_utf8_prefix(raw, i + 1))
    assert src.encoding == "utf-8+cp1252"
    assert src.notes == [
        f"not valid UTF-8 (byte 0x{raw[offset]:02x} at offset {offset}); "
        "its invalid bytes decoded as Windows-1252"
    ]
    assert "keepers’ cafés travelling" in src.text  # 0x92 and 0xe9 as Windows-1252 means them
    assert "\ufffd" not in src.text


def _valid_utf8_prefix(raw: bytes, n: int) -> bool:
    try:
        raw[:n].decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.reason == "unexpected end of data"
    return True


def test_one_stray_windows_byte_in_a_utf8_file_garbles_nothing_else() -> None:
    raw = "We, the Heads of State — “large movements” of today’s world.\n".encode()
    raw += b"1. A stray Windows byte: it\x92s here.\n"
    src = decode_source(raw, name="mixed.txt")
    assert src.text == (
        "We, the Heads of State — “large movements” of today’s world.\n"
        "1. A stray Windows byte: it’s here.\n"
    )
    assert src.notes and "0x92" in src.notes[0]


def test_invalid_utf16_after_a_byte_order_mark_is_refused_in_one_line() -> None:
    raw = codecs.BOM_UTF16_LE + "ok".encode("utf-16-le") + b"\x00\xd8"  # lone high surrogate
    message = refusal(raw, "u16.txt")
    assert "invalid UTF-16" in message


def test_invalid_utf8_after_a_utf8_byte_order_mark_is_decoded_with_a_note() -> None:
    raw = codecs.BOM_UTF8 + b"United Nations\n\n1. Decides to act \xe9t\xe9.\n"
    src = decode_source(raw, name="bom-cp1252.txt")
    assert src.notes and "not valid UTF-8" in src.notes[0]
    assert "Decides to act été." in src.text


# --- normalisation and lines -------------------------------------------------------------------


@pytest.mark.parametrize("eol", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_every_line_end_style_gives_the_same_lines(eol: str) -> None:
    text = eol.join(["United Nations", "", "1. Decides to act.", "   ", "2. Requests."]) + eol
    src = decode_source(text.encode(), name="eol.txt")
    assert "\r" not in src.text
    assert lines_of(src) == ["United Nations", "", "1. Decides to act.", "   ", "2. Requests."]


def test_crlf_fixture_reads_like_the_clean_copy_but_keeps_its_own_digest() -> None:
    crlf = read_source(DATA / "crlf-line-ends.txt")
    assert "\r" not in crlf.text
    assert len(crlf.lines) == len(read_source(CLEAN).lines)
    assert crlf.sha256 == hashlib.sha256((DATA / "crlf-line-ends.txt").read_bytes()).hexdigest()


def test_text_is_normalised_to_nfc() -> None:
    decomposed = "Re\u0301sume\u0301 of Co\u0302te d\u2019Ivoire\n"
    src = decode_source(decomposed.encode(), name="nfc.txt")
    assert src.text == unicodedata.normalize("NFC", decomposed)
    assert "\u0301" not in src.text


def test_line_offsets_point_at_the_line_text_and_a_final_newline_opens_no_line() -> None:
    src = decode_source(b"a\n\nbc\r\ndef\n", name="offsets.txt")
    assert lines_of(src) == ["a", "", "bc", "def"]
    for ln in src.lines:
        assert src.text[ln.start : ln.end] == ln.text
    assert [ln.number for ln in src.lines] == [1, 2, 3, 4]


# --- refusals ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"", "empty.txt: empty file (no text)"),
        (b"  \n\t\n\r\n   ", "empty.txt: empty file (no text)"),
        ("\u00a0\u2003\n\u3000\n".encode(), "empty.txt: empty file (no text)"),
    ],
    ids=["zero-bytes", "whitespace-only", "unicode-whitespace-only"],
)
def test_empty_input_is_refused_as_empty(raw: bytes, expected: str) -> None:
    assert refusal(raw, "empty.txt") == expected


def test_nul_bytes_make_a_binary_file_named_with_the_offset() -> None:
    assert refusal(b"United Nations\n\x00\x01", "blob.txt") == (
        "blob.txt: binary file (NUL byte at offset 15)"
    )


@pytest.mark.parametrize(
    "raw",
    [
        codecs.BOM_UTF8 + b"United Nations\n\x00 text\n",
        codecs.BOM_UTF16_LE + "United Nations\n\x00 text\n".encode("utf-16-le"),
    ],
    ids=["utf-8-bom", "utf-16-bom"],
)
def test_a_nul_character_is_binary_whatever_the_byte_order_mark(raw: bytes) -> None:
    assert refusal(raw, "blob.txt") == "blob.txt: binary file (NUL character at offset 15)"


def test_a_png_renamed_to_txt_is_refused_as_binary() -> None:
    with pytest.raises(
        InputError, match=r"^png-renamed\.txt: binary file \(NUL byte at offset 8\)$"
    ):
        read_source(DATA / "png-renamed.txt")


def test_control_characters_without_nul_make_a_binary_file() -> None:
    raw = bytes(range(1, 9)) * 50 + b"some text\n"
    assert refusal(raw, "ctl.txt") == "ctl.txt: binary file (400 control characters)"


def test_a_few_control_characters_in_prose_are_tolerated() -> None:
    raw = b"United Nations\n\n1. Decides\x0b to act.\n" + b"More prose on this line.\n" * 20
    src = decode_source(raw, name="vt.txt")
    assert len(src.lines) == 23


def test_a_line_over_the_limit_is_refused_with_its_number_and_length() -> None:
    raw = b"title\n" + b"x" * (MAX_LINE_CHARS + 1) + b"\nend\n"
    assert refusal(raw, "long.txt") == (
        f"long.txt: line 2 is {MAX_LINE_CHARS + 1:,} characters long "
        f"(limit {MAX_LINE_CHARS:,}): not a line-oriented text"
    )


def test_the_first_of_two_longest_lines_is_the_one_named() -> None:
    """Two lines over the limit, as long as each other: the first is named, by characters (a
    line of two-byte characters under the bytes' limit) and by bytes."""
    over = "é" * (MAX_LINE_CHARS + 1)
    raw = f"title\n{over}\nmiddle\r\n{over}\n".encode()
    assert refusal(raw, "two.txt") == (
        f"two.txt: line 2 is {MAX_LINE_CHARS + 1:,} characters long "
        f"(limit {MAX_LINE_CHARS:,}): not a line-oriented text"
    )
    huge = b"x" * (4 * MAX_LINE_CHARS + 1)
    assert refusal(b"a\rb\r" + huge + b"\n" + huge, "bytes.txt") == (
        f"bytes.txt: line 3 is {4 * MAX_LINE_CHARS + 1:,} bytes long "
        f"(limit {MAX_LINE_CHARS:,} characters): not a line-oriented text"
    )


def test_a_line_at_the_limit_is_read() -> None:
    src = decode_source(b"x" * MAX_LINE_CHARS + b"\n", name="limit.txt")
    assert src.lines[0].end == MAX_LINE_CHARS


def test_a_100_mb_file_without_line_breaks_is_refused_within_seconds(tmp_path: Path) -> None:
    big = tmp_path / "one-line.txt"
    with big.open("wb") as fh:
        chunk = b"migration " * 100_000  # 1 MB
        for _ in range(100):
            fh.write(chunk)
    started = time.perf_counter()
    with pytest.raises(InputError) as info:
        read_source(big)
    elapsed = time.perf_counter() - started
    assert str(info.value) == (
        "one-line.txt: line 1 is 100,000,000 bytes long (limit 200,000 characters): "
        "not a line-oriented text"
    )
    assert elapsed < 5, f"refusing a 100 MB line took {elapsed:.1f} s"


def test_a_directory_is_refused_in_one_line(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        read_source(tmp_path)
    assert str(info.value) == f"{tmp_path}: is a directory, not a file"


def test_a_missing_path_is_refused_in_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.txt"
    with pytest.raises(InputError) as info:
        read_source(missing)
    assert str(info.value) == f"{missing}: No such file or directory"


def test_a_device_is_refused_before_it_is_read() -> None:
    with pytest.raises(InputError) as info:
        read_source(Path("/dev/null"))
    assert str(info.value) == "/dev/null: not a regular file (pipe, socket or device)"


# --- footnote markers and debris ---------------------------------------------------------------


def parsed(text: str):
    src = decode_source(text.encode(), name="doc.txt")
    docs, outside = segment(src)
    for d in docs:
        structure(d)
    return src, docs, outside


def test_superscript_markers_become_footnote_calls_and_footnote_bodies_keep_their_text() -> None:
    src = read_source(CLEAN)
    docs, _ = segment(src)
    (doc,) = [structure(d) for d in docs]
    para = doc.provision("2(b)")
    assert para is not None
    assert para.footnote_calls == ["1"]
    assert "¹" not in para.text
    (note,) = doc.footnotes
    assert note.marker == "1"
    assert note.called_by == "2(b)"
    assert (
        note.text == "See the Convention on the Conservation of Migratory Species of Wild Animals."
    )


@pytest.mark.parametrize(
    "debris",
    [
        "10/24",
        "A/RES/71/1",
        "16-16305 (E)",
        "Please recycle",
        "$A_{\\text{RES}/71/1}$",
        "*1616305*",
    ],
)
def test_page_furniture_is_kept_as_debris_and_not_parsed_as_content(debris: str) -> None:
    text = (
        "United Nations\n\nGeneral Assembly\n\n"
        "1. Decides that keepers of migratory birds shall be granted safe passage across\n\n"
        f"{debris}\n\n"
        "borders, without delay;\n\n"
        "2. Requests a report.\n"
    )
    src, (doc,), outside = parsed(text)
    debris_line = next(ln.number for ln in src.lines if ln.text == debris)
    assert outside == []
    (block,) = [b for b in doc.blocks if b.first_line == debris_line]
    assert block.kind is BlockKind.DEBRIS
    assert [p.ref for p in doc.provisions] == ["1", "2"]
    first = doc.provision("1")
    assert first is not None
    assert debris not in first.text
    assert first.text.endswith("safe passage across borders, without delay;")


def test_a_pdftotext_page_break_is_furniture_and_the_paragraph_is_joined_across_it() -> None:
    text = (
        "United Nations\n\nGeneral Assembly\n\n"
        "1. Decides that keepers of migratory birds shall be granted safe passage across\n"
        "\x0cA/RES/99/7\n\n2/3\n\n"
        "borders, without delay;\n\n2. Requests a report.\r\r\n3. Decides.\n"
    )
    _, (doc,), _ = parsed(text)
    kinds = {b.first_line: b.kind for b in doc.blocks}
    assert kinds[6] is BlockKind.DEBRIS  # "\x0cA/RES/99/7": the form feed does not hide it
    assert kinds[8] is BlockKind.DEBRIS
    assert [(p.ref, p.text) for p in doc.provisions] == [
        (
            "1",
            "Decides that keepers of migratory birds shall be granted safe passage across "
            "borders, without delay;",
        ),
        ("2", "Requests a report."),
        ("3", "Decides."),
    ]
    assert doc.problems == []


# --- every style of the corpus gives its citable reference ---------------------------------------

EXPECTED_REFS = [
    ("1", None, "Decides that States shall keep caravan routes open, in particular by:"),
    ("1(a)", "1", "Marking wells along the routes;"),  # (a)
    ("1(b)", "1", "Training guides, including on:"),
    ("1(b)(i)", "1(b)", "First aid in the desert;"),  # (i) under (b)
    ("1(b)(ii)", "1(b)", "Navigation by the stars;"),
    ("1(c)", "1", "Publishing maps;"),  # back to the letters after the romans
    ("2", None, "Calls upon States to:"),
    ("2(a)", "2", "Share weather warnings;"),  # a)
    ("2(b)", "2", "Share route closures;"),
    ("3", None, "Encourages regional organizations to:"),
    ("3(a)", "3", "Hold joint exercises;"),  # - a)
    ("3(b)", "3", "Exchange liaison officers;"),
    ("4", None, "Recalls the Convention on Caravans and the following principles:"),
    ("4(b1)", "4", "Safety of travellers;"),  # ❖
    ("4(b2)", "4", "Dignity of guides;"),
    ("4(b3)", "4", "Respect for local communities;"),  # -
    (
        "5",
        None,
        "Requests the Secretary-General to report on the implementation of the present "
        "resolution, including on the number of routes kept open and on the number of "
        "travellers who used them.",  # joined across a page break and two furniture lines
    ),
    ("I.1", None, "The framework applies to all routes."),  # "Annex I"
    ("I.2", None, "States will:"),
    ("I.2(a)", "I.2", "Register guides;"),
    ("I.2(b)", "I.2", "Inspect wells;"),
    ("II.8", None, "The compact could include, among others:"),  # "Appendix II"
    ("II.8(a)", "II.8", "Principles for route sharing;"),
    ("II.8(b)", "II.8", "Commitments on wells;"),
]


@pytest.fixture(scope="module")
def every_style() -> Document:
    src = read_source(DATA / "every-style.txt")
    (doc,) = [structure(d) for d in segment(src)[0]]
    return doc


def test_every_numbering_style_gives_its_citable_reference(every_style: Document) -> None:
    got = [(p.ref, p.parent.ref if p.parent else None, p.text) for p in every_style.provisions]
    assert got == EXPECTED_REFS
    assert every_style.problems == []


def test_annex_and_appendix_are_both_annexes_with_their_titles(every_style: Document) -> None:
    annexes = [(s.ref, s.title) for s in every_style.sections if s.kind == "annex"]
    assert annexes == [
        ("annex-I", "Framework for caravan routes"),
        ("annex-II", "Steps towards a compact on caravans"),
    ]


def test_a_footnote_is_attached_to_the_paragraph_that_calls_it(every_style: Document) -> None:
    (note,) = every_style.footnotes
    assert (note.marker, note.called_by) == ("1", "4")
    assert note.text == "United Nations, Treaty Series, vol. 9999, No. 12345."


def test_table_rows_are_tables_and_their_rule_is_furniture(every_style: Document) -> None:
    rows = [
        (b.first_line, b.kind, b.text) for b in every_style.blocks if b.first_line in (44, 45, 46)
    ]
    assert rows == [
        (44, BlockKind.TABLE, "Route Length"),
        (45, BlockKind.DEBRIS, "|---|---|---|"),
        (46, BlockKind.TABLE, "Northern 400 km"),
    ]


def test_the_front_matter_gives_symbol_title_and_date(every_style: Document) -> None:
    assert every_style.symbol == "A/RES/99/30"
    assert every_style.title == "Resolution on Caravan Routes Written in Every Style"
    assert every_style.date == "2099-06-09"
    assert every_style.kind.value == "resolution"


def test_a_roman_heading_right_after_the_preamble_opens_a_section(every_style: Document) -> None:
    assert [s.ref for s in every_style.sections][:1] == ["I"]
    assert every_style.provision("1").section.ref == "I"


# --- documents inside one file, found from content ------------------------------------------------


Found = tuple[list[Document], list[tuple[int, int]]]  # documents and uncovered line ranges


@pytest.fixture(scope="module")
def three_documents() -> Found:
    src = read_source(DATA / "three-documents-one-file.txt")
    docs, outside = segment(src)
    return [structure(d) for d in docs], outside


def test_three_documents_in_one_file_are_found_with_their_kinds(
    three_documents: tuple[list[Document], list[tuple[int, int]]],
) -> None:
    docs, outside = three_documents
    assert [d.kind.value for d in docs] == ["letter", "resolution", "report"]
    assert outside == [(1, 1)]  # the photo caption belongs to no document
    letter, resolution, report = docs
    assert (
        letter.title == "Invitation to a hearing on caravan routes and the safety of desert guides"
    )
    assert letter.date == "2099-06-10"
    assert (resolution.title, resolution.date) == ("Resolution on Desert Guides", "2099-06-11")
    assert [p.ref for p in resolution.provisions] == ["1", "2"]
    assert (report.symbol, report.title) == ("A/99/500", "Caravans and the safety of travellers")
    assert report.issuer == "secretary-general"
    assert [p.ref for p in report.provisions] == ["1", "2"]


def test_a_masthead_right_after_a_signature_opens_the_next_document(
    three_documents: tuple[list[Document], list[tuple[int, int]]],
) -> None:
    docs, _ = three_documents
    assert [(d.first_line, d.last_line) for d in docs] == [(3, 17), (19, 33), (35, 51)]
    assert [d.symbol for d in docs] == [None, "A/RES/99/31", "A/99/500"]


REPORT_WITH_A_WRAPPED_TITLE = """\
United Nations                                                     A/80/123
General Assembly
Distr.: General
2 March 2044

Eightieth session
Item 137 of the provisional agenda

Cooperative security arrangements for well managed migration: follow-
up to resolution 900/2

Report of the Secretary-General

I. Introduction

1. The present report is submitted pursuant to resolution 900/2.

2. Member States are encouraged to share their experience.
"""


def test_a_report_title_printed_over_several_lines_is_kept_whole() -> None:
    _, (doc,), _ = parsed(REPORT_WITH_A_WRAPPED_TITLE)
    assert doc.title == (
        "Cooperative security arrangements for well managed migration: "
        "follow-up to resolution 900/2"
    )


def test_a_one_line_report_title_does_not_take_the_agenda_item_above_it() -> None:
    text = REPORT_WITH_A_WRAPPED_TITLE.replace(
        "Cooperative security arrangements for well managed migration: follow-\n"
        "up to resolution 900/2",
        "Making migration work for all",
    )
    _, (doc,), _ = parsed(text)
    assert doc.title == "Making migration work for all"


def test_a_resolution_excerpt_without_its_adoption_line_is_a_resolution_of_member_states() -> None:
    """The scanned excerpt keeps the masthead and symbol but not "Resolution adopted by ...":
    its symbol says it is a resolution, so its "we" (the commitments' bearer) is known."""
    from pactgraph.link import link_work

    excerpt = (
        "United Nations\n"
        "\n"
        "A/RES/99/40\n"
        "\n"
        "General Assembly\n"
        "Distr.: General\n"
        "3 October 2099\n"
        "\n"
        "12. We will work with countries of origin to strengthen their capacities.\n"
        "\n"
        "13. We will combat the exploitation suffered by many migrants.\n"
    )
    _, (doc,), _ = parsed(excerpt)
    work = link_work("a-res-99-40", [doc])
    assert (doc.kind.value, doc.issuer) == ("unknown", None)
    assert (work.kind.value, work.issuer) == ("resolution", "member-states")
    report = parsed(excerpt.replace("A/RES/99/40", "A/99/400"))[1][0]
    assert link_work("a-99-400", [report]).issuer is None
