"""The gazetteers: who and what the texts name, loaded from data files and matched in text.

Takes the bundled data files in ``pactgraph/data/`` (or a directory holding the same three
files): ``actors.yaml`` (UN-system entities, IGOs, processes, parliaments, persons, role groups of
States, stakeholder groups), ``instruments.yaml`` (treaties, declarations, resolutions, frameworks,
reports, national laws) and ``state_names.yaml`` (UN names of States that ISO 3166-1 lacks);
States themselves come from ISO 3166-1 via pycountry. Their schema is in ``data/README.md``.

Gives a :class:`Gazetteer` with typed :class:`ActorEntry` / :class:`InstrumentEntry` records,
look-ups by id, UN symbol, UNTS reference and title, and matchers returning non-overlapping
:class:`Match` objects (longest match wins) for actors, instruments and States.

Loading checks the data in two passes (after followthemoney's model loader): first each file is
read and type-checked, then cross references are resolved (custodian, parent, members, group;
unique ids; no actor id equal to an ISO alpha-3 code; no alias naming two entries of one kind
unless declared deliberately ambiguous). Any problem raises :class:`~pactgraph.errors.DataFileError`
naming the file and the entry.

Matching works on tokens, not on raw characters: words are compared case-insensitively with
diacritics folded ("Lajcak" = "Lajčák"), British/American spellings folded ("Organisation" =
"Organization"), curly and straight apostrophes equal, and hyphens, dashes, commas, asterisks and
quotation marks ignored; whitespace of any length (line and page breaks included) separates
tokens. A name that is one token of 2-6 capitals ("ILO", "AU", "RCPs") is an acronym and must match
as written. A leading "the" is never part of a name.

One module per question: :mod:`.records` (what an entry is, and its identifiers: symbols, UNTS
references), :mod:`.matching` (how names are found in text: tokens, the trie, the longest
match), :mod:`.files` (reading and checking the data files), :mod:`.index` (the
:class:`Gazetteer` itself: look-ups and matchers).
"""

from __future__ import annotations

from .index import Gazetteer
from .records import (
    ACTOR_TYPES,
    ACTORS_FILE,
    INSTRUMENT_TYPES,
    INSTRUMENTS_FILE,
    STATE_NAMES_FILE,
    STATE_SOURCE,
    ActorEntry,
    InstrumentEntry,
    Match,
)

__all__ = [
    "ACTORS_FILE",
    "ACTOR_TYPES",
    "INSTRUMENTS_FILE",
    "INSTRUMENT_TYPES",
    "STATE_NAMES_FILE",
    "STATE_SOURCE",
    "ActorEntry",
    "Gazetteer",
    "InstrumentEntry",
    "Match",
]
