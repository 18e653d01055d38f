"""What changed between two versions of one work (the zero draft and the adopted Compact).

Takes: a built graph (an :class:`~pactgraph.query.EmbeddedStore`) and two work IRIs, by default
a draft and the work it is a draft of (``pg:draftOf``: two expressions of one work, FRBR/ELI).
Gives: a :class:`Diff` in which **every objective and every provision of each version is
accounted for exactly once**: matched to its counterpart, or added, or removed (an objective
whose actions went to an objective that already has a counterpart is *merged* into it).

- Provisions (the "We commit" paragraph of each objective and its lettered actions, and every
  other numbered paragraph) are matched by their words, best pairs first.
- Objectives are matched by their titles and by where their actions went (half each), best
  pairs first; a matched pair is ``same``, ``renumbered`` (same title, other number) or
  ``renamed``. The paragraphs heading two matched objectives are then one provision, however
  reworded.
- A matched pair of provisions is ``same`` or
  ``reworded``, and besides ``strengthened`` / ``weakened`` when the strongest modality of its
  statements went up / down the scheme (obligation 5 ... recognition 1), and
  ``bearers changed`` when who must act differs.
- An unmatched objective of the older version whose actions mostly went to one objective of
  the newer is ``merged`` into it; else ``removed``. Unmatched newer ones are ``added``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Literal, URIRef

from .errors import PactgraphError
from .iris import Minter
from .namespaces import MODALITIES, PG, RDF, RDFS
from .query import EmbeddedStore
from .triples import TripleSet
from .wordlists import words

#: Below this score (half title word overlap, half share of actions that went there) two
#: objectives are not the same objective.
OBJECTIVE_MATCH = 0.3
#: Below this word overlap two provisions are not the same provision.
PROVISION_MATCH = 0.35
#: ... and under two objectives matched to each other, below this one.
PROVISION_MATCH_SAME_OBJECTIVE = 0.2
_STOP = words("overlap_stop_words")
_PG = "https://w3id.org/pactgraph/ontology#"


#: modality concept -> its rank, obligation 5 ... recognition 1 (the ontology's pg:ordinal; the
#: ranks are known here so that two works' own triples suffice to align them)
_RANKS = {str(iri): len(MODALITIES) - i for i, iri in enumerate(MODALITIES.values())}


class VersionError(PactgraphError):
    """The graph does not hold the two versions asked for."""


@dataclass
class Objective:
    iri: str
    number: str
    title: str


@dataclass
class Provision:
    iri: str
    ref: str
    ordinal: int
    text: str
    objective: str | None  # objective IRI the provision stands under
    modality: int = 0  # strongest modality of its statements (0: no statement)
    bearers: frozenset[str] = frozenset()


@dataclass
class Version:
    work: str
    label: str
    objectives: dict[str, Objective] = field(default_factory=dict)
    provisions: dict[str, Provision] = field(default_factory=dict)


@dataclass(frozen=True)
class Change:
    """One line of the diff: ``old`` and/or ``new`` (IRIs) and what happened."""

    kind: str  # "objective" | "provision"
    old: str | None
    new: str | None
    status: tuple[str, ...]  # same / renumbered / renamed / reworded / strengthened / ...
    old_label: str = ""
    new_label: str = ""


@dataclass
class Diff:
    old: Version
    new: Version
    objectives: list[Change]
    provisions: list[Change]

    def counts(self) -> dict[str, Counter]:
        return {
            "objectives": Counter(s for c in self.objectives for s in c.status),
            "provisions": Counter(s for c in self.provisions for s in c.status),
        }


def words(text: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOP)


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard overlap of two word sets (0 when both are empty)."""
    return len(a & b) / len(a | b) if a or b else 0.0


def _norm(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


# --- reading the versions from the graph -------------------------------------------------------


def _select(store: EmbeddedStore, text: str) -> list[tuple[str, ...]]:
    result = store.run_text(f"PREFIX pg: <{_PG}>\n" + text, name="versions")
    return [tuple("" if v is None else str(v) for v in row) for row in result.rows]


def default_pair(store: EmbeddedStore) -> tuple[str, str]:
    """The (draft, adopted) works the graph links by ``pg:draftOf``, both with provisions."""
    rows = _select(
        store,
        """SELECT ?draft ?work WHERE { ?draft pg:draftOf ?work .
             FILTER EXISTS { ?p pg:partOf+ ?draft } FILTER EXISTS { ?q pg:partOf+ ?work } }
           ORDER BY ?draft ?work""",
    )
    if not rows:
        raise VersionError(
            "no draft and adopted version of one work in this graph (pg:draftOf); "
            "name the two works: pactgraph diff WORK WORK"
        )
    return rows[0][0], rows[0][1]


def read_version(store: EmbeddedStore, work: str) -> Version:
    """Objectives, provisions, their objective heading, strongest modality and bearers."""
    label = _select(
        store, f"SELECT ?l WHERE {{ <{work}> <http://www.w3.org/2000/01/rdf-schema#label> ?l }}"
    )
    version = Version(work=work, label=label[0][0] if label else work)
    for iri, number, title in _select(
        store,
        f"""SELECT ?o ?n ?t WHERE {{ ?o pg:objectiveOf <{work}> ; pg:number ?n .
              OPTIONAL {{ ?o pg:text ?t }} }}""",
    ):
        version.objectives[iri] = Objective(iri, number, title)
    for iri, ref, ordinal, text, objective in _select(
        store,
        f"""SELECT ?p ?ref ?ord ?text ?o WHERE {{ ?p a pg:Provision ; pg:partOf+ <{work}> ;
              pg:reference ?ref ; pg:ordinal ?ord ; pg:text ?text .
              OPTIONAL {{ ?p pg:underObjective ?o }} }}""",
    ):
        version.provisions[iri] = Provision(iri, ref, int(ordinal), text, objective or None)
    first: dict[str, int] = {}  # provision -> index of its first statement
    for iri, statement, modality, bearer in _select(
        store,
        f"""SELECT ?p ?s ?m ?b WHERE {{ ?s pg:statementOf ?p ; pg:madeIn <{work}> ;
              pg:modality ?m . OPTIONAL {{ ?s pg:bearer ?b }} }}""",
    ):
        p = version.provisions.get(iri)
        if p is None:
            continue
        # the force and bearers of a provision are those of its first sentence (its operative
        # clause); a chapeau such as "we will draw from the following actions" does not count
        index = int(statement.rsplit("/", 1)[-1]) if statement.rsplit("/", 1)[-1].isdigit() else 0
        if iri not in first or index < first[iri]:
            first[iri] = index
            p.modality = _RANKS.get(modality, 0)
            p.bearers = frozenset({bearer} if bearer else ())
        elif index == first[iri] and bearer:
            p.bearers = p.bearers | {bearer}
    if not version.provisions:
        raise VersionError(f"no provisions of {work} in this graph")
    return version


# --- aligning ---------------------------------------------------------------------------------


def _greedy(pairs: list[tuple[float, str, str]]) -> dict[str, str]:
    """Best pairs first, each side used once (ties broken by IRI, so the result is stable)."""
    taken_old: dict[str, str] = {}
    taken_new: set[str] = set()
    for _, a, b in sorted(pairs, key=lambda t: (-t[0], t[1], t[2])):
        if a not in taken_old and b not in taken_new:
            taken_old[a] = b
            taken_new.add(b)
    return taken_old


def _objective_label(o: Objective) -> str:
    return f"{o.number}. {o.title}".strip()


def _heads(version: Version) -> dict[str, str]:
    """Objective IRI -> its first provision (the "We commit to ..." paragraph that heads it)."""
    heads: dict[str, Provision] = {}
    for p in version.provisions.values():
        if p.objective and (p.objective not in heads or p.ordinal < heads[p.objective].ordinal):
            heads[p.objective] = p
    return {o: p.iri for o, p in heads.items()}


def align_provisions(old: Version, new: Version) -> dict[str, str]:
    """Old provision IRI -> new provision IRI, best word overlaps first."""
    q_words = {k: words(p.text) for k, p in new.provisions.items()}
    pairs = []
    for ko, po in old.provisions.items():
        a = words(po.text)
        for kn, b in q_words.items():
            score = overlap(a, b)
            if score >= PROVISION_MATCH:
                pairs.append((score, ko, kn))
    return _greedy(pairs)


def align_objectives(old: Version, new: Version, prov_map: dict[str, str]) -> dict[str, str]:
    """Old objective IRI -> new, scored half by title words, half by where its actions went."""
    under_old: dict[str, list[str]] = {}
    for k, p in old.provisions.items():
        if p.objective:
            under_old.setdefault(p.objective, []).append(k)
    pairs = []
    for ko, oo in old.objectives.items():
        mine = under_old.get(ko, [])
        for kn, on in new.objectives.items():
            title = overlap(words(oo.title), words(on.title))
            moved = sum(
                1 for k in mine if k in prov_map and new.provisions[prov_map[k]].objective == kn
            )
            share = moved / len(mine) if mine else title
            score = (title + share) / 2
            if score >= OBJECTIVE_MATCH:
                pairs.append((score, ko, kn))
    return _greedy(pairs)


def diff_versions(old: Version, new: Version) -> Diff:
    """Align ``old`` and ``new``; every objective and provision of each appears once."""
    prov_map = align_provisions(old, new)
    obj_map = align_objectives(old, new, prov_map)
    # leftovers under two matched objectives match on less overlap
    taken = set(prov_map.values())
    leftovers = []
    for ko, po in old.provisions.items():
        if ko in prov_map or po.objective not in obj_map:
            continue
        for kn, pn in new.provisions.items():
            if kn not in taken and pn.objective == obj_map[po.objective]:
                score = overlap(words(po.text), words(pn.text))
                if score >= PROVISION_MATCH_SAME_OBJECTIVE:
                    leftovers.append((score, ko, kn))
    for ko, kn in _greedy(leftovers).items():
        prov_map[ko] = kn
        taken.add(kn)
    # the paragraphs that head two matched objectives are one provision, however reworded
    old_heads, new_heads = _heads(old), _heads(new)
    for ko, kn in obj_map.items():
        a, b = old_heads.get(ko), new_heads.get(kn)
        if a and b and a not in prov_map and b not in taken:
            prov_map[a] = b
            taken.add(b)

    provisions: list[Change] = []
    for ko in sorted(old.provisions, key=lambda k: old.provisions[k].ordinal):
        po = old.provisions[ko]
        kn = prov_map.get(ko)
        if kn is None:
            provisions.append(Change("provision", ko, None, ("removed",), po.ref))
            continue
        pn = new.provisions[kn]
        status = ["same" if _norm(po.text) == _norm(pn.text) else "reworded"]
        if po.modality and pn.modality and pn.modality > po.modality:
            status.append("strengthened")
        elif po.modality and pn.modality and pn.modality < po.modality:
            status.append("weakened")
        if po.bearers != pn.bearers and (po.bearers or pn.bearers):
            status.append("bearers changed")
        provisions.append(Change("provision", ko, kn, tuple(status), po.ref, pn.ref))
    matched_new = set(prov_map.values())
    for kn in sorted(new.provisions, key=lambda k: new.provisions[k].ordinal):
        if kn not in matched_new:
            provisions.append(Change("provision", None, kn, ("added",), "", new.provisions[kn].ref))

    objectives: list[Change] = []
    claimed = set(obj_map.values())
    for ko in sorted(old.objectives, key=lambda k: _number_key(old.objectives[k].number)):
        oo = old.objectives[ko]
        kn = obj_map.get(ko)
        if kn is not None:
            on = new.objectives[kn]
            if _norm(oo.title) == _norm(on.title):
                status = ("same",) if oo.number == on.number else ("renumbered",)
            else:
                status = ("renamed",) if oo.number == on.number else ("renamed", "renumbered")
            objectives.append(
                Change("objective", ko, kn, status, _objective_label(oo), _objective_label(on))
            )
            continue
        # where did its provisions go?
        went = Counter(
            new.provisions[prov_map[p]].objective
            for p, pv in old.provisions.items()
            if pv.objective == ko and p in prov_map and new.provisions[prov_map[p]].objective
        )
        target = went.most_common(1)[0][0] if went else None
        if target is not None:
            on = new.objectives[target]
            # its actions went to an objective with a counterpart: merged into it; to one
            # without: the same objective under another title
            status = ("merged",) if target in claimed else ("renamed",)
            claimed.add(target)
            objectives.append(
                Change("objective", ko, target, status, _objective_label(oo), _objective_label(on))
            )
        else:
            objectives.append(Change("objective", ko, None, ("removed",), _objective_label(oo)))
    matched = claimed
    for kn in sorted(new.objectives, key=lambda k: _number_key(new.objectives[k].number)):
        if kn not in matched:
            on = new.objectives[kn]
            objectives.append(Change("objective", None, kn, ("added",), "", _objective_label(on)))
    return Diff(old, new, objectives, provisions)


def _number_key(number: str) -> tuple:
    return tuple(int(x) if x.isdigit() else x for x in re.split(r"[.\s]", number))


def diff_in_store(store: EmbeddedStore, old: str | None = None, new: str | None = None) -> Diff:
    """The diff of two works of a build (default: the draft and the work it drafts)."""
    if old is None or new is None:
        old, new = default_pair(store)
    return diff_versions(read_version(store, old), read_version(store, new))


# --- the diff in the graph -----------------------------------------------------------------

#: the status words of a :class:`Change` and the concepts of the change scheme they stand for
CHANGE_KINDS = {
    "same": PG.sameItem,
    "renamed": PG.renamedItem,
    "renumbered": PG.renumberedItem,
    "merged": PG.mergedItem,
    "added": PG.addedItem,
    "removed": PG.removedItem,
    "reworded": PG.rewordedItem,
    "strengthened": PG.strengthenedItem,
    "weakened": PG.weakenedItem,
    "bearers changed": PG.bearersChangedItem,
}


def _item_name(version: Version, iri: str) -> str:
    if iri in version.objectives:
        return f"objective {version.objectives[iri].number}"
    return version.provisions[iri].ref


def change_triples(diff: Diff, minter: Minter, old_id: str, new_id: str) -> TripleSet:
    """The diff as triples: one ``pg:VersionDiff`` naming both versions, and one
    ``pg:VersionChange`` per line (every objective and provision of each version), with the
    item before and after and the kinds of change (``pg:changeKind``)."""
    triples = TripleSet()
    old_work, new_work = minter.work(old_id), minter.work(new_id)
    node = minter.version_diff(old_id, new_id)
    triples.add((node, RDF.type, PG.VersionDiff))
    triples.add((node, PG.olderVersion, old_work))
    triples.add((node, PG.newerVersion, new_work))
    label = f"What changed from {diff.old.label} to {diff.new.label}"
    triples.add((node, RDFS.label, Literal(label, lang="en")))
    for c in [*diff.objectives, *diff.provisions]:
        item = c.old or c.new
        assert item is not None  # a change names one item at least
        change = minter.version_change(
            node, URIRef(item), old_work if c.old else new_work, added=c.old is None
        )
        triples.add((change, RDF.type, PG.VersionChange))
        triples.add((change, PG.changeIn, node))
        before = _item_name(diff.old, c.old) if c.old else "—"
        after = _item_name(diff.new, c.new) if c.new else "—"
        if c.old:
            triples.add((change, PG.itemBefore, URIRef(c.old)))
        if c.new:
            triples.add((change, PG.itemAfter, URIRef(c.new)))
        for status in c.status:
            triples.add((change, PG.changeKind, CHANGE_KINDS[status]))
        text = f"{before} → {after}: {', '.join(c.status)}"
        triples.add((change, RDFS.label, Literal(text, lang="en")))
    return triples


def emit_version_changes(
    graph: TripleSet,
    minter: Minter,
    pairs: Iterable[tuple[str, str]],
    chunks: Mapping[str, Path],
) -> list[str]:
    """For each (older, newer) pair of work ids (a draft and the work it drafts), align the two
    works from their own N-Triples chunks and add the diff to ``graph``. Gives one note per
    pair that could not be aligned (a version without provisions), never silently nothing."""
    notes = []
    for old_id, new_id in sorted(pairs):
        if old_id not in chunks or new_id not in chunks:
            notes.append(f"versions: {old_id} -> {new_id}: a version is not in this build")
            continue
        store = ox.Store()
        for work_id in (old_id, new_id):
            store.bulk_load(path=str(chunks[work_id]), format=ox.RdfFormat.N_TRIPLES)
        es = EmbeddedStore(store, base=minter.base)
        try:
            old = read_version(es, str(minter.work(old_id)))
            new = read_version(es, str(minter.work(new_id)))
        except VersionError as exc:
            notes.append(f"versions: {old_id} -> {new_id}: {exc}")
            continue
        for triple in change_triples(diff_versions(old, new), minter, old_id, new_id):
            graph.add(triple)
    return notes


__all__ = [
    "CHANGE_KINDS",
    "Change",
    "Diff",
    "VersionError",
    "change_triples",
    "default_pair",
    "diff_in_store",
    "diff_versions",
    "emit_version_changes",
    "overlap",
    "read_version",
    "words",
]
