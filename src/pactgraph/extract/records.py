"""What the extract stage gives: statements, provision analyses, and the context it reads in.

The five modalities of ``pg:ModalityScheme``, weakest first; :class:`EntityRef` (an actor or
instrument named), :class:`Statement` (one sentence), :class:`ProvisionAnalysis` (a provision),
:class:`AnalysisContext` (the carrying work) and the part of the gazetteer the stage uses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

#: Modalities from weakest to strongest (pg:ModalityScheme ordinals 1..5).
MODALITIES: tuple[str, ...] = (
    "recognition",
    "encouragement",
    "intention",
    "commitment",
    "obligation",
)
RANK = {m: i for i, m in enumerate(MODALITIES)}


@dataclass(frozen=True)
class EntityRef:
    """An actor or instrument a statement names: a gazetteer entry or a pattern find."""

    id: str
    label: str
    type: str
    known: bool


@dataclass
class Statement:
    """One sentence of a provision with what it says."""

    index: int
    text: str
    start: int
    end: int
    modality: str
    bearers: list[EntityRef] = field(default_factory=list)
    partners: list[EntityRef] = field(default_factory=list)
    cites: list[EntityRef] = field(default_factory=list)
    objectives: list[str] = field(default_factory=list)
    issuer: EntityRef | None = None
    is_position: bool = False
    bearers_implied: bool = False  # nobody named: the bearers are the default addressee
    #: a rule that makes something so ("the Forum shall take place in 2022"), binding no one
    constitutive: bool = False


@dataclass
class ProvisionAnalysis:
    """What a provision says, summed over its statements."""

    ref: str
    modality: str
    is_commitment: bool
    bearers: list[EntityRef]
    partners: list[EntityRef]
    cites: list[EntityRef]
    objective: str | None
    statements: list[Statement]


@dataclass
class AnalysisContext:
    """What the caller knows about the work that carries the provisions."""

    work_id: str
    doc_kind: str
    issuer: EntityRef | None
    self_ids: frozenset[str] = frozenset()
    objectives: dict[str, str] = field(default_factory=dict)
    footnotes: dict[str, str] = field(default_factory=dict)
    #: who "we" is when it is not the issuer: the Member States of a declaration an organ adopts
    we: EntityRef | None = None
    #: a treaty's parties, who bear its "shall" where the sentence names no one
    parties: EntityRef | None = None
    #: whether the issuer's decisions bind (the Security Council acting under Chapter VII)
    binding: bool = False


class GazetteerLike(Protocol):
    """The part of ``pactgraph.gazetteer.Gazetteer`` the extract stage uses."""

    def find_actors(self, text: str) -> list[Any]: ...
    def find_instruments(self, text: str) -> list[Any]: ...
    def find_states(self, text: str) -> list[Any]: ...
    def instrument_by_symbol(self, s: str) -> Any: ...
    def instrument_by_unts(self, text: str) -> Any: ...
    def instrument(self, id: str) -> Any: ...
