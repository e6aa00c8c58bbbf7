"""Papers → venues: one venue per series (``text.venues``), built once for the whole collection."""
from __future__ import annotations

from collections import Counter, defaultdict

from generator.model.papers import Paper
from generator.model.people import Venue, Venues
from generator.records.people import unique_slugs
from generator.text import venues as venue_text


def index(papers: tuple[Paper, ...]) -> Venues:
    """The venues of ``papers``: spellings of one series are one venue, named by its most used spelling."""
    labels: dict[str, Counter] = defaultdict(Counter)
    members: dict[str, list[str]] = defaultdict(list)
    for p in papers:
        if (label := venue_text.series(p.venue)) and (k := venue_text.key(label)):
            labels[k][label] += 1
            members[k].append(p.id)
    keys = sorted(labels)
    names = [min(labels[k], key=lambda s: (-labels[k][s], s)) for k in keys]
    slugs = unique_slugs(names)
    venues = tuple(Venue(slug, name, tuple(sorted(labels[k], key=lambda s: (-labels[k][s], s))), tuple(members[k]))
                   for k, name, slug in zip(keys, names, slugs))
    return Venues(venues, {pid: v.slug for v in venues for pid in v.papers})
