"""Reading .md, .docx and .pdf: the text read, the roles the format gives its lines, furniture
left out, coverage, copies in two formats giving the same provisions, and a file that cannot be
read reported in one line.

The Word and PDF files are made here (python-docx; matplotlib's PDF backend, which places each
line where we say, a running footer and a job number on every page) from text written for the
tests in the style of a UN programme report.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pactgraph.errors import InputError
from pactgraph.formats.markdown import markdown_roles
from pactgraph.model import Document
from pactgraph.pipeline import collect_inputs, parse_file
from pactgraph.read import read_source

PARAGRAPHS = [
    "31.1 The Office for Water Affairs is responsible for advancing cooperation on shared rivers.",
    "31.2 The mandate of the Office derives from the priorities set by the General Assembly.",
    "31.3 The Office will support Member States in the management of their water resources.",
]


def make_docx(path: Path) -> None:
    import docx

    d = docx.Document()
    header = d.sections[0].first_page_header
    d.sections[0].different_first_page_header_footer = True
    table = header.add_table(rows=1, cols=2, width=docx.shared.Inches(6))
    table.cell(0, 0).text = "United Nations"
    table.cell(0, 1).text = "A/86/6 (Sect. 31)"
    d.add_paragraph("Proposed programme budget for 2032", style="Heading 1")
    d.add_paragraph("Water affairs", style="Heading 2")
    for text in PARAGRAPHS:
        d.add_paragraph(text.replace(" ", "\t", 1))  # the UN templates set numbers off by a tab
    t = d.add_table(rows=2, cols=3)
    for r, row in enumerate([("Category", "2031", "2032"), ("1. Meetings", "12", "14")]):
        for c, cell in enumerate(row):
            t.cell(r, c).text = cell
    d.save(str(path))


def make_pdf(path: Path, pages: int = 2) -> None:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure

    with PdfPages(str(path)) as pdf:
        for page in range(pages):
            fig = Figure(figsize=(8.5, 11))
            if page == 0:
                fig.text(0.1, 0.95, "United Nations", fontsize=10)
                fig.text(0.7, 0.95, "A/86/6 (Sect. 31)", fontsize=10)
                fig.text(0.1, 0.85, "Water affairs", fontsize=14)
                for i, text in enumerate(PARAGRAPHS):
                    fig.text(0.1, 0.75 - i * 0.05, text, fontsize=10)
            else:
                fig.text(0.7, 0.95, "A/86/6 (Sect. 31)", fontsize=10)  # running header
                fig.text(0.1, 0.75, "Annex", fontsize=14)
            fig.text(0.1, 0.04, f"32-0412{page} (E) 010432", fontsize=8)  # job number
            fig.text(0.9, 0.04, str(page + 1), fontsize=8)  # page number
            pdf.savefig(fig)


def provisions(path: Path) -> list[tuple[str, str]]:
    docs: list[Document] = parse_file(path)[1]
    return [(p.ref, p.text) for d in docs for p in d.provisions]


def test_markdown_roles_come_from_the_commonmark_parser() -> None:
    text = (
        "# Objective 1\n\nSome words\nwrapped here.\n\n- a. Elaborate a plan\n"
        "- b. Invest in data\n\n1. First\n2. Second\n\n| A | B |\n|---|---|\n| x | y |\n"
    )
    roles = markdown_roles(text)
    assert (roles[1].kind, roles[1].text, roles[1].level) == ("heading", "Objective 1", 1)
    assert roles[4].kind == "continuation"
    assert (roles[6].kind, roles[6].text) == ("item", "a. Elaborate a plan")
    assert (roles[9].kind, roles[9].marker) == ("item", "1")
    assert roles[14].kind == "table-row" and roles[14].text == "x | y"


def test_a_word_document_gives_its_masthead_paragraphs_and_table(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    make_docx(path)
    src = read_source(path)
    assert src.fmt == "docx"
    assert src.text.startswith("United Nations\n\nA/86/6 (Sect. 31)\n")
    (doc,) = parse_file(path)[1]
    assert doc.symbol == "A/86/6 (Sect. 31)"
    assert [p.ref for p in doc.provisions] == ["31.1", "31.2", "31.3"]  # the table is no provision
    assert any(r.kind == "table-row" for r in src.roles.values())


def test_a_pdf_drops_running_headers_job_and_page_numbers(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    make_pdf(path)
    src = read_source(path)
    assert src.fmt == "pdf"
    assert "32-0412" not in src.text
    assert src.text.count("A/86/6 (Sect. 31)") == 1  # the masthead stays, the header goes
    assert any("left out" in n for n in src.notes)
    (doc,) = parse_file(path)[1]
    assert doc.symbol == "A/86/6 (Sect. 31)"


def test_word_and_pdf_copies_give_the_same_provisions(tmp_path: Path) -> None:
    make_docx(tmp_path / "report.docx")
    make_pdf(tmp_path / "report.pdf")
    assert provisions(tmp_path / "report.docx") == provisions(tmp_path / "report.pdf")


def test_spans_point_into_the_text_read_and_every_line_is_covered(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    make_docx(path)
    src, docs, _ = parse_file(path)
    covered: set[int] = set()
    for d in docs:
        for b in d.blocks:
            for span in [b.span, *b.extra_spans]:
                assert src.text[span.start : span.end].strip()
                covered.update(ln.number for ln in src.lines if span.start <= ln.start < span.end)
    assert covered == {ln.number for ln in src.lines if not ln.blank}


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_a_file_that_is_not_what_its_suffix_says_is_one_line(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"broken{suffix}"
    path.write_bytes(b"this is not a real file of that format\n")
    with pytest.raises(InputError) as info:
        read_source(path)
    message = str(info.value)
    assert message.startswith(f"broken{suffix}: ") and "\n" not in message


def test_a_folder_picks_up_every_readable_format_but_its_readme(tmp_path: Path) -> None:
    for name in ("a.txt", "b.md", "c.docx", "d.pdf", "README.md", "e.odt"):
        (tmp_path / name).write_bytes(b"x")
    assert [p.name for p in collect_inputs([tmp_path])] == ["a.txt", "b.md", "c.docx", "d.pdf"]


def _numbered_docx(path: Path) -> None:
    """A resolution in Word whose paragraph numbers are Word's automatic numbering: operative
    paragraphs "1.", "2." and their sub-items "(a)", "(b)" from one list of two levels, and a
    second list instance that restarts at 1."""
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {w} w:abstractNumId="90">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
            '<w:lvlText w:val="%1."/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
            '<w:lvlText w:val="(%2)"/></w:lvl></w:abstractNum>'
        ),
    )
    for num_id, restart in (("90", False), ("91", True)):
        override = (
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
            if restart
            else ""
        )
        numbering.append(
            parse_xml(
                f'<w:num {w} w:numId="{num_id}"><w:abstractNumId w:val="90"/>{override}</w:num>'
            )
        )

    def numbered(text: str, num_id: str, ilvl: int) -> None:
        p = d.add_paragraph(text)
        p._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {w}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>')
        )

    d.add_paragraph("Resolution adopted by the General Assembly on 3 May 2031")
    d.add_paragraph("85/12. Lighthouse keeping")
    d.add_paragraph("The General Assembly,")
    d.add_paragraph("Recalling its resolution 84/3,")
    numbered("Decides to keep the lights of every coast burning;", "90", 0)
    numbered("Requests the Secretary-General:", "90", 0)
    numbered("To report on lamp oil;", "90", 1)
    numbered("To report on lenses;", "90", 1)
    numbered("Invites States to train keepers.", "90", 0)
    d.add_paragraph("Annex")
    d.add_paragraph("Rules for keepers")
    numbered("A keeper keeps the light burning from dusk to dawn.", "91", 0)
    d.save(str(path))


def test_word_automatic_numbering_gives_the_numbers_word_shows(tmp_path: Path) -> None:
    _numbered_docx(tmp_path / "res.docx")
    (doc,) = parse_file(tmp_path / "res.docx")[1]
    assert doc.symbol == "A/RES/85/12"
    # the annex's list restarts at 1 (its "startOverride"), as the text of the same layout does
    assert [p.ref for p in doc.provisions] == ["pp1", "1", "2", "2(a)", "2(b)", "3", "II.1"]
    assert doc.provisions[-1].text.startswith("A keeper keeps the light burning")


@pytest.mark.parametrize(
    ("n", "fmt", "shown"),
    [
        (4, "decimal", "4"),
        (2, "lowerLetter", "b"),
        (27, "lowerLetter", "aa"),
        (28, "upperLetter", "BB"),
        (14, "lowerRoman", "xiv"),
        (1999, "upperRoman", "MCMXCIX"),
        (7, "decimalZero", "07"),
        (3, "ordinalText", "3"),
    ],
)
def test_word_number_formats_are_printed_as_word_prints_them(n: int, fmt: str, shown: str) -> None:
    from pactgraph.formats.word_numbering import format_number

    assert format_number(n, fmt) == shown
