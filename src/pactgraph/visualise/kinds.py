"""The kinds of ownership and of node, and how each is drawn (shared by every drawing).

Also the library queries the drawings are made from. One place, so that the graph, the
Graphviz drawing, the heat map and the page say the same thing in the same colours.
"""

from __future__ import annotations

from enum import StrEnum

#: The library queries this module runs (``queries/<name>.rq``).
EDGE_QUERY = "agency-objectives"
DETAIL_QUERY = "agency-objective-instruments"
ROLE_QUERY = "agency-roles"

#: Colours and line styles shared by the graph, the matrix and the page legend.
LEAD_COLOUR = "#1f5fa8"
SUPPORT_COLOUR = "#d9730d"
INSTRUMENT_COLOUR = "#7a7a7a"
FONT = "DejaVu Sans"


class Kind(StrEnum):
    """The kinds of edge: who owns an objective, and how an instrument connects them."""

    LEAD = "lead"  # bears a commitment of an adopted instrument serving the objective
    COORDINATES = "coordinates"  # coordinator / lead agency an adopted text names
    SUPPORT = "support"  # partner of such a commitment
    SYSTEM_WIDE = "system-wide"  # system-wide support to the objective's instrument (rule)
    REVIEWS = "reviews"  # reviews or reports on the objective's instrument
    FUNDS = "funds"  # a fund for the objective's instrument
    CUSTODIAN_FOR = "custodian-for"  # weaker: custodian of an instrument a witness cites
    ROLE = "role"  # agency -> instrument without objectives: mandate, lead agency ...
    CUSTODIAN = "custodian"  # agency -> instrument it keeps (instrument layer)
    CITED = "cited"  # instrument -> objective, cited by statements contributing to it


#: The kinds of ownership (agency -> objective), strongest first; how each is drawn:
#: (colour, Graphviz style, SVG dash pattern, legend text).
OWNER_KINDS: dict[str, tuple[str, str, str, str]] = {
    Kind.LEAD.value: (
        LEAD_COLOUR,
        "solid",
        "",
        "leads: bears a commitment of an adopted text serving the objective",
    ),
    Kind.COORDINATES.value: (
        "#6a3d9a",
        "solid",
        "",
        "coordinates: named coordinator or lead agency of its implementation",
    ),
    Kind.SUPPORT.value: (
        SUPPORT_COLOUR,
        "dashed",
        "6 4",
        "supports: partner of such a commitment",
    ),
    Kind.SYSTEM_WIDE.value: (
        "#1b9e77",
        "dashed",
        "6 4",
        "system-wide support to the whole instrument, hence to each objective",
    ),
    Kind.REVIEWS.value: ("#b8860b", "dashed", "2 3", "reviews or reports on its implementation"),
    Kind.FUNDS.value: ("#c2185b", "dashed", "2 3", "funds its implementation"),
    Kind.CUSTODIAN_FOR.value: (
        "#9a9a9a",
        "dotted",
        "1 3",
        "custodian of an instrument such a commitment cites (no task given)",
    ),
}
ROLE_COLOUR = "#777777"


class Layer(StrEnum):
    """The columns of the drawing, left to right."""

    AGENCY = "agency"
    INSTRUMENT = "instrument"
    OBJECTIVE = "objective"
