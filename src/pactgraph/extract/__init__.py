"""Extract stage: what each provision says, how strongly, who must act and what it cites.

Takes a structured :class:`~pactgraph.model.Provision` (or a whole
:class:`~pactgraph.model.Document`), an :class:`AnalysisContext` describing the carrying work,
and a gazetteer (``pactgraph.gazetteer.Gazetteer`` or anything with the same ``find_actors`` /
``find_instruments`` / ``find_states`` / ``instrument_by_*`` / ``instrument`` methods). Gives a
:class:`ProvisionAnalysis` per provision: its :class:`Statement` s (one per sentence) with their
deontic modality, bearers, partners, cited instruments and objectives.

The knowledge lives in data files, not here: ``data/modality_cues.yaml`` (cue phrases ->
modality, with the source of each row) and ``data/actor_patterns.yaml`` (role groups of States,
partner phrases, self-references, anaphora and the shapes of instrument names). The rules:

* sentences are split at full stops that are not abbreviations and at inline list items;
  run-on text is cut at :data:`MAX_SENTENCE` so the analysis stays linear;
* the modality of a sentence is its strongest cue; cues inside the complement of a governing
  verb ("We note that X will ...") do not count; a provision's modality is its strongest
  sentence; a sub-item takes at least its chapeau's modality and bearers, except that an item
  opening with "Consider ..." is capped at intention;
* the bearer of a cue is its subject ("we" -> the issuer), the object of an asking verb ("we
  request the Secretary-General to" -> the Secretary-General), the subject of a passive request
  ("The President ... is invited to"), or X in "should be envisaged for X"; actors named after
  "in cooperation with" and the like are partners; an actor inside a prepositional phrase
  ("of refugees") or a modifier ("private sector investment") is not a subject; a modal whose
  subject is nobody ("Large movements ... must have support"), in an indirect question or in
  reported speech ("we said that we would", "the panelists noted that") binds no one; an
  appeal naming nobody is addressed to the provision's named bearers, else to States; in a
  report only the Secretary-General's own "I will" is a commitment, others' "should/must" is
  encouragement of the Member States and others' "will" a prediction;
* who speaks follows each organ's drafting conventions (:func:`.documents.situate`): the issuer
  is the adopting organ named at the resolution's opening, the subject of its operative verbs
  ("Decides", "Requests X to"); "we" of a declaration is the Member States, "I" of a report the
  Secretary-General; "Decides" is the organ's decision (an obligation where the Security
  Council acts under Chapter VII) borne by the actor of the decided clause, else the organ; a
  lead-in's addressee ("Requests X:") carries to its sub-items; a treaty's "shall" binds its
  parties; constitutive rules ("shall take place", "shall enter into force") bind no one; a
  passive subject, a beneficiary or the object of a performative is never a bearer; an action
  under an objective is a commitment of the compact's parties;
* bodies the gazetteer lacks are found by the shape of their names ("the Regional Office for
  ... "), and a short form ("the High-level Dialogue") resolves to the one body it begins;
* instruments are gazetteer matches, anaphora ("the 1967 Protocol thereto", "those
  instruments"), identifiers in called footnotes (UNTS numbers, resolution symbols), and names
  shaped like instruments (a protocol "thereto" of an unknown convention is named after it);
  the carrying work's references to itself, the work it drafts and its own annexes
  (:func:`own_ids`) are not citations, nor is a collective reference whose members are cited;
* objectives come from the enclosing "OBJECTIVE n" section, SDG targets named in the text, and
  for position papers from token overlap with the objective titles (:data:`OBJECTIVE_MATCH`).

One module per question: :mod:`.sentences` (sentences and clauses), :mod:`.modality` (how
strongly), :mod:`.actors` and :mod:`.bearers` (who is named, who must act), :mod:`.instruments`
(what is cited), :mod:`.objectives` (what is served), :mod:`.provisions` and :mod:`.documents`
(putting them together), :mod:`.positions` (position papers); :mod:`.vocabulary` loads the data
files, :mod:`.gates` finds cheaply where their patterns can match, and :mod:`.records` holds
the types the stage gives.
"""

from __future__ import annotations

from .documents import analyse_document, context_for
from .instruments import own_ids
from .objectives import match_objectives
from .provisions import analyse_provision
from .records import (
    MODALITIES,
    AnalysisContext,
    EntityRef,
    GazetteerLike,
    ProvisionAnalysis,
    Statement,
)
from .sentences import split_sentences
from .vocabulary import load_cues, load_patterns

__all__ = [
    "MODALITIES",
    "AnalysisContext",
    "EntityRef",
    "GazetteerLike",
    "ProvisionAnalysis",
    "Statement",
    "analyse_document",
    "analyse_provision",
    "context_for",
    "load_cues",
    "load_patterns",
    "match_objectives",
    "own_ids",
    "split_sentences",
]
