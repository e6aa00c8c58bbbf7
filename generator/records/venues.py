"""Papers → venues: one venue per series, built once for the whole collection.

A record's venue is read as its series (``text.venues.series``: no year, edition,
place or date; "Proceedings of the" and the like dropped), and series whose keys
agree are one venue (``text.venues.key``: case, punctuation, "and"/"&", the
organiser and "International" of a meeting aside). An abbreviated series ("Phys.
Rev. A") joins the one series of the collection it abbreviates ("Physical Review
A"), when only one fits. The maintainer's ``data/venues.yml`` names venues and
gives their aliases (``records.maintained``); it wins.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from generator.model.papers import Paper
from generator.model.people import Venue, Venues
from generator.records.people import unique_slugs
from generator.text import venues as venue_text


@dataclass(frozen=True, slots=True)
class Alias:
    """A venue of ``data/venues.yml``: its name, the spellings that are it, those that are not."""

    entry: int
    name: str
    aliases: tuple[str, ...] = ()
    never: tuple[str, ...] = ()
    line: int = 0


def _series_key(label: str, seen: dict[str, Counter]) -> str:
    """The key of ``label``'s series: its ``text.venues.key``, told apart by organiser where two
    meetings of one key name different ones ("AAAI …" and "International Joint … on Artificial
    Intelligence"); a spelling naming no organiser, or some of a series', is that series'."""
    base = venue_text.key(label)
    if not base:
        return ""
    mine = venue_text.organisers(label)
    taken = [k for k in (base, *(f"{base}\0{n}" for n in range(1, 10))) if k in seen]
    for k in taken:
        theirs = frozenset().union(*(venue_text.organisers(s) for s in seen[k]))
        if mine <= theirs or theirs <= mine:
            return k
    return f"{base}\0{len(taken)}" if taken else base


def _keyed(spelling: str) -> str:
    return venue_text.key(venue_text.series(spelling) or spelling)


def index(papers: tuple[Paper, ...], aliases: tuple[Alias, ...] = ()) -> Venues:
    """The venues of ``papers`` (module docstring)."""
    spellings: dict[str, Counter] = defaultdict(Counter)  # series key → series spellings
    members: dict[str, list[str]] = defaultdict(list)
    read: dict[str, tuple[str, str] | None] = {}  # each venue as written is read once
    for p in papers:
        if p.venue and p.venue not in read:
            label = venue_text.series(p.venue)
            read[p.venue] = (label, k) if label and (k := _series_key(label, spellings)) else None
            if read[p.venue]:
                spellings[k][label] += 0  # the series is known from here on (a Counter keeps a 0)
        if p.venue and (found := read[p.venue]):
            spellings[found[1]][found[0]] += 1
            members[found[1]].append(p.id)
    group = _groups(spellings, aliases)
    joined: dict[str, list[str]] = defaultdict(list)
    for k in sorted(spellings):
        joined[group[k]].append(k)
    named = {_keyed(a.name): a.name for a in aliases}
    drafts = []
    order = {p.id: n for n, p in enumerate(papers)}
    for head, keys in sorted(joined.items()):
        used = +sum((spellings[k] for k in keys), Counter())  # +: the spellings no paper uses dropped
        name = named.get(head) or venue_text.readable(min(used, key=lambda s: venue_text.name_rank(s, used[s])))
        drafts.append((name, tuple(sorted(used, key=lambda s: (-used[s], s))),
                       tuple(sorted((i for k in keys for i in members[k]), key=order.__getitem__))))
    slugs = unique_slugs([d[0] for d in drafts])
    venues = tuple(Venue(slug, name, spelled, ids) for (name, spelled, ids), slug in zip(drafts, slugs))
    return Venues(venues, {pid: v.slug for v in venues for pid in v.papers})


def _groups(spellings: dict[str, Counter], aliases: tuple[Alias, ...]) -> dict[str, str]:
    """Series key → the key of the venue it is: the file's aliases first, then abbreviations
    ("Phys. Rev. A") and titles without their subtitle ("Physica A" for "Physica A: Statistical
    Mechanics and its Applications") that fit one other series only."""
    keys = sorted(spellings)
    group = {k: k for k in keys}
    never: set[tuple[str, str]] = set()
    taken: set[str] = set()
    for a in aliases:
        head = _keyed(a.name)
        for s in (a.name, *a.aliases):
            k = _keyed(s)
            if k in group:
                group[k] = head
                taken.add(k)
        never |= {(head, _keyed(s)) for s in a.never}
    free = [k for k in keys if k not in taken]
    heads: dict[str, set[str]] = {}
    for k in free:
        for label in spellings[k]:
            if (h := venue_text.head(label)) and (hk := venue_text.key(h)) != k:
                heads.setdefault(hk, set()).add(k)
    for k in free:
        fits = [f for f in free if f != k and venue_text.abbreviates(k, f)] or sorted(heads.get(k, ()))
        if len(fits) == 1 and (group[fits[0]], k) not in never:
            group[k] = group[fits[0]]
    return group
