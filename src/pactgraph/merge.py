"""The build's merge: the works' sorted N-Triples chunks -> one sorted ``graph.nt``, each line once.

Takes chunk files, each sorted as UTF-8 bytes with every line ending in a line break, and the
number of lines each holds (as its writer counted them: ``triples.write_sorted``); gives the
merged file and a :class:`~pactgraph.atomic.Written` record (its lines and bytes).

Read as bytes: UTF-8 orders as code points do, and the chunks' lines hold no raw line break
(N-Triples escapes them), so the lines and their order are those of the text. A work's lines
lie in a few runs of the merged order (its own IRIs sort together), so the merge copies runs,
not lines: the chunk with the smallest next line gives every line up to the next line of any
other chunk at once (found by bisection, written in one call), where ``heapq.merge`` took a
Python step per line (bench/notes.md, fourth pass). A line held by several chunks (each holds
it once) is written by the first and then skipped at the head of the others, so the lines
written are the lines given less those skipped: nothing is counted again.

One round merges up to ``MERGE_FAN_IN`` chunks (2,048: the filing's 100x has 1,918), each
read a block at a time with its file opened only for the read, so open files do not bound the
round; rounds of 256 open chunks had the 100x's 1.2 GB written and read twice (bench/notes.md,
sixth pass). A run's end is found by galloping from its start, and the lines written are
counted from the chunks' own counts rather than by counting line breaks again.
"""

from __future__ import annotations

import heapq
import os
from pathlib import Path

from .atomic import Written
from .errors import GraphError

#: At most this many chunks are merged in one round (more are merged in rounds through
#: intermediate files): their blocks, MERGE_BLOCK bytes each, are what one round holds.
MERGE_FAN_IN = 2048
#: Bytes of a chunk read at a time (whole lines): at most MERGE_FAN_IN of these are held at once.
MERGE_BLOCK = 1 << 16
#: The first probe of a run's end, in bytes from its start (see _run_end).
GALLOP = 4096


def merge(chunks: list[tuple[Path, int]], target: Path) -> Written:
    """Merge sorted N-Triples ``chunks`` (each with its number of lines) into ``target``,
    sorted, each line once; the lines and bytes written.

    More than ``MERGE_FAN_IN`` chunks are merged in rounds through intermediate files beside
    ``target`` (removed after)."""
    round_no = 0
    try:
        while len(chunks) > MERGE_FAN_IN:
            merged = []
            for i in range(0, len(chunks), MERGE_FAN_IN):
                part = target.parent / f".merge-{round_no}-{i // MERGE_FAN_IN}.nt"
                merged.append((part, merge_files(chunks[i : i + MERGE_FAN_IN], part).triples))
            chunks, round_no = merged, round_no + 1
        return merge_files(chunks, target)
    finally:
        for leftover in target.parent.glob(".merge-*.nt"):
            leftover.unlink()


class _Chunk:
    """A sorted chunk read a block of whole lines at a time: ``buf[pos:end]`` holds the lines
    read and not yet merged. The file is opened for each read (``os.pread`` at the offset of
    the first line not yet read) and closed again, so however many chunks one round merges,
    at most one is open at a time; a line cut by a block's end is read again with the next."""

    __slots__ = ("_offset", "_path", "buf", "end", "pos")

    def __init__(self, path: Path) -> None:
        self._path, self._offset = path, 0
        self.buf, self.pos, self.end = b"", 0, 0
        self.refill()

    def refill(self) -> bool:
        """Read the next block; False at the end of the chunk."""
        self._offset += self.end
        size = MERGE_BLOCK
        fd = os.open(self._path, os.O_RDONLY)
        try:
            while True:
                data = os.pread(fd, size, self._offset)
                end = data.rfind(b"\n") + 1
                if end or len(data) < size:
                    break
                size *= 2  # a line longer than the block: read on to its end
        finally:
            os.close(fd)
        if end < len(data) and len(data) < size:
            raise GraphError("a chunk's last line has no line break", locator=str(self._path))
        self.buf, self.pos, self.end = data, 0, end
        return end > 0

    def head(self) -> bytes:
        """The next line (with its line break)."""
        buf, pos = self.buf, self.pos
        return buf[pos : buf.find(b"\n", pos) + 1]


def _run_end(buf: bytes, start: int, stop: int, limit: bytes | None) -> int:
    """Where the lines of ``buf[start:stop]`` (whole lines) stop being at most ``limit``: the
    start of the first line above it, ``stop`` if none is. Found by galloping (probes
    ``GALLOP``, then twice, four times ... as many bytes on, each probe the line around that
    offset) and then bisecting the last step: the probes stay within twice the run's length of
    ``start``, so a run reads (maps) only the pages near it, not pages across the chunk."""
    lo, hi = start, stop
    if limit is None:
        return hi
    rfind, find = buf.rfind, buf.find
    step = GALLOP
    while lo + step < hi:
        first = rfind(b"\n", 0, lo + step) + 1  # the start of the line holding that offset
        end = find(b"\n", first) + 1
        if buf[first:end] <= limit:
            lo, step = end, step * 2
        else:
            hi = first
            break
    while lo < hi:
        mid = (lo + hi) // 2
        first = rfind(b"\n", 0, mid) + 1
        end = find(b"\n", first) + 1
        if buf[first:end] <= limit:
            lo = end
        else:
            hi = first
    return lo


def merge_files(chunks: list[tuple[Path, int]], target: Path) -> Written:
    """The lines of ``chunks`` (each with its number of lines) merged in one round, each once;
    the lines and bytes written."""
    count = sum(lines for _path, lines in chunks)
    opened = [_Chunk(path) for path, _lines in chunks]
    heap = [(c.head(), i) for i, c in enumerate(opened) if c.end]
    heapq.heapify(heap)
    last = None
    with target.open("wb") as out:
        while heap:
            head, i = heapq.heappop(heap)
            chunk = opened[i]
            if head == last:  # written from another chunk just before
                chunk.pos += len(head)
                count -= 1
            limit = heap[0][0] if heap else None
            while True:
                buf, pos, stop = chunk.buf, chunk.pos, chunk.end
                end = _run_end(buf, pos, stop, limit)
                if end > pos:
                    out.write(memoryview(buf)[pos:end])
                    last = buf[buf.rfind(b"\n", 0, end - 1) + 1 : end]
                if end < stop:
                    chunk.pos = end
                    heapq.heappush(heap, (chunk.head(), i))
                    break
                if not chunk.refill():
                    break
        size = out.tell()
    return Written(count, size)
