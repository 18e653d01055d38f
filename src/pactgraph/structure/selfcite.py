"""The symbol a document gives itself in its body, when its head prints none.

Takes a structured :class:`~pactgraph.model.Document` and its recognised session; gives a symbol
or ``None``, by two conventions of UN documents (``data/un_documents.yaml``):

- a provisional agenda lists itself among the documents for the item on the adoption of the
  agenda ("Provisional agenda for the fifty-fifth session of the Commission (E/CN.9/2022/1)");
- a report cites its own addenda, where its annexes or the texts it transmits are issued
  ("see ECE/TRANS/254/Add.1, annex I"). The base of those citations is taken only when it is
  never cited bare (a document cites others whole, itself never), is of the document's own
  session where it carries one ("HSP/GC/24/2" in the report to the twenty-fourth session), and
  is cited with an addendum more often than any other base, at least twice (once will do for a
  base of its own session): a report citing last year's report's addendum gets nothing.
"""

from __future__ import annotations

import re
from collections import Counter

from ..model import Document
from .recognise import Conventions, bare


def cited_self(doc: Document, conv: Conventions, session: str | None) -> str | None:
    lines = [bare(ln.text) for ln in doc.source.lines[doc.first_line - 1 : doc.last_line]]
    lines = [s for s in lines if s]
    if any(conv.provisional_agenda_head.match(s) for s in lines[:30]):
        for s in lines:
            m = conv.provisional_agenda_self.match(s)
            if not m:
                continue
            ordinal = m.group("ordinal")
            if ordinal is None or session is None or str(conv.session_number(ordinal)) == session:
                return m.group("symbol")
    text = "\n".join(lines)
    bases = Counter(m.group("symbol") for m in conv.addendum_citation.finditer(text))
    ranked: list[tuple[int, str]] = []
    for base, count in bases.items():
        if re.search(re.escape(base) + r"(?![/\w.-])", text):
            continue  # cited whole somewhere: another document
        numbers = re.findall(r"/(\d+)(?=/)", base)
        own_session = bool(numbers) and session is not None and numbers[0] == session
        if numbers and session is not None and not own_session:
            continue  # another session's document
        ranked.append((count + (2 if own_session else 0), base))
    ranked.sort(reverse=True)
    if not ranked or ranked[0][0] < 2 or (len(ranked) > 1 and ranked[1][0] == ranked[0][0]):
        return None
    return ranked[0][1]
