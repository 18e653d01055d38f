"""Objectives: which objective or SDG target a provision serves.

The enclosing "OBJECTIVE n" section, SDG targets named in the text, and for position papers
token overlap with the objective titles (:data:`OBJECTIVE_MATCH`).
"""

from __future__ import annotations

import re

from ..iris import SDG_WORK
from ..model import Provision
from .gates import Gated
from .records import AnalysisContext
from .vocabulary import load_cues

#: Position-paper items link to the objectives whose titles share (share, least words) with
#: the item and its heading; at most ``most``, best first (see :func:`match_objectives`).
OBJECTIVE_MATCH = (0.34, 2, 3)


#: An SDG or target named in a text ("SDG 10", "target 10.7"): searched only where its words
#: are, from its first letters (a gated pattern, :class:`~.gates.Gated`).
_SDG = Gated(
    re.compile(
        r"\b(?:SDG|Sustainable\s+Development\s+Goal|[Tt]arget)s?\s+(\d{1,2})(?:\.(\d{1,2}|[a-c]))?\b"
    )
)


def objectives_in(text: str) -> list[str]:
    out = []
    for m in _SDG.finditer(text):
        out.append(f"{SDG_WORK}:{m.group(1)}" + (f".{m.group(2)}" if m.group(2) else ""))
    return list(dict.fromkeys(out))


def section_objective(p: Provision, ctx: AnalysisContext) -> str | None:
    """The objective heading a provision (or its chapeau) stands under.

    Only the provision's own section counts, a subsection inside an objective, or the
    objective's own list of actions ("## Associated actions"): a plain heading that follows the
    last objective ("IMPLEMENTATION") is not part of it, even when the structure stage nests it
    there.
    """
    parts = load_cues().objective_parts
    q: Provision | None = p
    while q is not None:
        s = q.section
        while s is not None:
            if s.kind == "objective" and s.number:
                return f"{ctx.work_id}:{s.number}"
            inside = s.kind == "subsection" or (s.title or "").strip().lower() in parts
            s = s.parent if inside else None
        q = q.parent
    return None


def _tokens(text: str) -> set[str]:
    """Content words, crudely stemmed to their first six letters ("trafficking" = "traffi")."""
    stop = load_cues().objective_stopwords
    words = re.findall(r"[a-z]+", text.lower())
    return {w[:6] for w in words if w not in stop and len(w) > 2}


def match_objectives(text: str, objectives: dict[str, str], context: str = "") -> list[str]:
    """Objective keys whose titles best match ``text`` (see :data:`OBJECTIVE_MATCH`).

    ``context`` (the heading the item stands under) counts too. An objective qualifies when it
    shares at least ``least`` content words with the item, or one word that is at least
    ``share`` of its title; the best qualifying objectives are returned, at most ``most``, those
    scoring at least 60 % of the best.
    """
    share, least, most = OBJECTIVE_MATCH
    words = _tokens(f"{text} {context}")
    scored = []
    for key, title in objectives.items():
        tw = _tokens(title)
        common = words & tw
        if not tw or not common:
            continue
        score = len(common) / len(tw)
        if len(common) >= least or score >= share:
            scored.append((-score, key))
    scored.sort()
    if not scored:
        return []
    best = -scored[0][0]
    return [k for s, k in scored[:most] if -s >= 0.6 * best]
