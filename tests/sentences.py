"""Sentences written for the tests in the style of UN resolutions and declarations, with
the characters that trip a fast path (dotted and dotless i, the Kelvin sign, the long s,
upper case, the empty text): the extract shortcuts are checked against their slow forms on
them (tests/test_extract_gates.py, tests/test_text_shortcuts.py)."""

UN_SENTENCES = [
    "Decides that the Office of the United Nations High Commissioner for Refugees shall "
    "continue to report to the General Assembly at its ninety-first session;",
    "We commit to strengthen cooperation with host communities and civil society partners.",
    "Member States are encouraged to ratify the Convention relating to the Status of Refugees "
    "and the 1967 Protocol thereto.",
    "Recognizing the contribution of national human rights institutions, local authorities "
    "and the private sector,",
    "States Parties should not detain children; they MUST seek alternatives, as the "
    "international community has noted.",
    "WİLL the Kelvin sign K or the long ſ make a cue? Member States ſhall decıde.",
    "The Forum shall take place every four years, in accordance with this Declaration.",
    "",
]
