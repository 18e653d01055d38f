"""Stage 1, read: a file path -> :class:`~pactgraph.model.SourceText`.

Takes any file and gives its decoded text (UTF-8 with or without BOM, UTF-16 with BOM; other
bytes decoded as Windows-1252 with a note saying so), normalised to Unicode NFC with ``\\n`` line
ends, split into numbered :class:`~pactgraph.model.Line` objects with character offsets. Files
that cannot be text (empty, binary, absurdly long lines) raise :class:`~pactgraph.errors.InputError`
with one line naming the problem; the build reports it and goes on with the other files.

Offsets in the graph's provenance are offsets into this normalised text; the file itself is
identified by the SHA-256 of its bytes.
"""

from __future__ import annotations

import codecs
import hashlib
import operator
import re
import unicodedata
from pathlib import Path

from .errors import InputError
from .model import Line, SourceText

#: A "line" longer than this is not prose: a minified dump, a binary blob, a missing newline.
MAX_LINE_CHARS = 200_000
#: Share of control characters (other than tab/newline) above which a file is called binary.
MAX_CONTROL_SHARE = 0.01
_CP1252_FALLBACK = "pactgraph-cp1252"


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: decode the offending bytes as Windows-1252 and go on in UTF-8."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    chunk = exc.object[exc.start : exc.end]
    return chunk.decode("cp1252", errors="replace"), exc.end


codecs.register_error(_CP1252_FALLBACK, _cp1252_fallback)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_TEXT = operator.attrgetter("text")


def _decode(raw: bytes, name: str) -> tuple[str, str, list[str]]:
    text, encoding, notes = _decode_any(raw, name)
    if "\x00" in text:
        # a NUL is binary in every encoding: refused alike with or without a byte order mark
        nul = text.index("\x00")
        raise InputError(f"binary file (NUL character at offset {nul})", locator=name)
    return text, encoding, notes


def _decode_any(raw: bytes, name: str) -> tuple[str, str, list[str]]:
    notes: list[str] = []
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
        try:
            return raw.decode("utf-8"), "utf-8-sig", notes
        except UnicodeDecodeError as exc:
            notes.append(
                f"not valid UTF-8 after its byte order mark (byte 0x{raw[exc.start]:02x} at "
                f"offset {exc.start + 3}); its invalid bytes decoded as Windows-1252"
            )
            return raw.decode("utf-8", errors=_CP1252_FALLBACK), "utf-8+cp1252", notes
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), "utf-16", notes
        except UnicodeDecodeError as exc:
            raise InputError(f"invalid UTF-16 at byte {exc.start}", locator=name) from None
    if b"\x00" in raw:
        nul = raw.index(b"\x00")
        raise InputError(f"binary file (NUL byte at offset {nul})", locator=name)
    try:
        return raw.decode("utf-8"), "utf-8", notes
    except UnicodeDecodeError as exc:
        # only the bytes that are not UTF-8 are read as Windows-1252: one stray byte must not
        # turn every other curly quote of the file into mojibake
        notes.append(
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
            "its invalid bytes decoded as Windows-1252"
        )
        return raw.decode("utf-8", errors=_CP1252_FALLBACK), "utf-8+cp1252", notes


def split_lines(text: str) -> list[Line]:
    """Split normalised text into 1-based lines with offsets (line breaks excluded)."""
    lines: list[Line] = []
    pos = 0
    for number, chunk in enumerate(text.split("\n"), start=1):
        lines.append(Line(number, pos, pos + len(chunk), chunk))
        pos += len(chunk) + 1
    if lines and lines[-1].text == "" and len(lines) > 1:
        lines.pop()  # a final newline does not open another line
    return lines


def decode_source(raw: bytes, *, name: str, path: Path | None = None) -> SourceText:
    """Decode bytes already read; see :func:`read_source`."""
    if not raw.strip():
        raise InputError("empty file (no text)", locator=name)
    # cheap checks on the bytes first, so a 100 MB blob is refused in milliseconds; the lengths
    # measured in C, the (first) longest line looked for only when it is too long
    lengths = list(map(len, raw.replace(b"\r", b"\n").split(b"\n")))
    longest = max(lengths)
    if longest > MAX_LINE_CHARS * 4:
        raise InputError(
            f"line {lengths.index(longest) + 1} is {longest:,} bytes long "
            f"(limit {MAX_LINE_CHARS:,} characters): not a line-oriented text",
            locator=name,
        )
    text, encoding, notes = _decode(raw, name)
    return text_source(text, raw=raw, name=name, path=path, encoding=encoding, notes=notes)


def text_source(
    text: str,
    *,
    raw: bytes,
    name: str,
    path: Path | None = None,
    encoding: str,
    notes: list[str] | None = None,
) -> SourceText:
    """A :class:`SourceText` from text already decoded (or read from a .docx or .pdf)."""
    notes = notes if notes is not None else []
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():  # no-break, em or ideographic spaces only
        raise InputError("empty file (no text)", locator=name)
    controls = len(_CONTROL.findall(text))
    if controls > MAX_CONTROL_SHARE * len(text):
        raise InputError(f"binary file ({controls:,} control characters)", locator=name)
    lines = split_lines(text)
    lengths = list(map(len, map(_TEXT, lines)))  # a line's text is text[start:end]
    longest = max(lengths)
    if longest > MAX_LINE_CHARS:
        raise InputError(
            f"line {lengths.index(longest) + 1} is {longest:,} characters long "
            f"(limit {MAX_LINE_CHARS:,}): not a line-oriented text",
            locator=name,
        )
    return SourceText(
        path=path or Path(name),
        name=name,
        sha256=hashlib.sha256(raw).hexdigest(),
        encoding=encoding,
        text=text,
        lines=lines,
        notes=notes,
    )


#: File suffixes read, by format (a folder given to ``build`` picks up every one of them).
SUFFIXES = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".docx": "docx",
    ".pdf": "pdf",
}


def read_source(path: Path) -> SourceText:
    """Read one file from disk as a :class:`SourceText`; raises :class:`InputError`.

    ``.md`` is read as text with the roles its Markdown syntax gives its lines, ``.docx`` and
    ``.pdf`` as the text their readers give (:mod:`pactgraph.formats`); anything else as text.
    """
    try:
        if path.is_dir():
            raise InputError("is a directory, not a file", locator=str(path))
        if path.exists() and not path.is_file():
            # a named pipe would block for ever, a device could be endless
            raise InputError("not a regular file (pipe, socket or device)", locator=str(path))
        raw = path.read_bytes()
    except IsADirectoryError:
        raise InputError("is a directory, not a file", locator=str(path)) from None
    except OSError as exc:
        raise InputError(exc.strerror or str(exc), locator=str(path)) from None
    # a file name that is not valid UTF-8 arrives with surrogate escapes: show it with U+FFFD
    name = path.name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return decode_file(raw, name=name, path=path, fmt=SUFFIXES.get(path.suffix.lower(), "text"))


def decode_file(raw: bytes, *, name: str, path: Path | None = None, fmt: str) -> SourceText:
    """Bytes of a file of format ``fmt`` ("text", "markdown", "docx", "pdf") as a SourceText."""
    if fmt == "docx":
        from .formats.word import docx_text

        text, roles = docx_text(raw, name)
        src = text_source(text, raw=raw, name=name, path=path, encoding="docx")
    elif fmt == "pdf":
        from .formats.pdf import pdf_text

        text, roles, notes = pdf_text(raw, name)
        src = text_source(text, raw=raw, name=name, path=path, encoding="pdf", notes=notes)
    else:
        src = decode_source(raw, name=name, path=path)
        roles = {}
        if fmt == "markdown":
            from .formats.markdown import markdown_roles

            roles = markdown_roles(src.text)
    src.roles = roles
    src.fmt = fmt
    return src
