"""Derived topics that stick: given what was published last, each existing paper stays in its topic.

Topics derived from scratch (``topic_model.derive``) move about a tenth of the
existing papers to another topic when 5% more papers arrive, and rename about
one topic a time (``benchmarks/topics.py --stability``): each move changes a
paper's topic link, each rename breaks a topic page's address and its feed.
A build that knows the topics of its last publication (the ledger,
``generator.model.ledger``) derives them from scratch as before and then,
with :func:`keep`, changes the published topics only where the derivation
says the collection really changed:

* every existing paper stays in the topic it was published in, and each topic
  keeps its slug, name and description;
* a topic **splits** when it has grown by half (``GROWTH``) since it was
  formed or last split, and the derivation puts a large part of its papers
  (``SPLIT_SHARE``, and at least a smallest topic's worth) in a topic that is
  mostly theirs, and that part's text is far from the rest's (the cosine of
  their centroids under ``SPLIT_COS``): the part becomes a new topic. (Without the growth, 5% more papers split a topic in
  two of 28 draws of ``benchmarks/topics.py --stability``, moving 5.3% and 6.4%
  of the papers: a derivation re-cuts a topic now and then when nothing but a
  few random papers came; the cosine does not tell that from a real split,
  fields' centroids are as close.)
* two topics **merge** when the derivation puts most of the papers of both
  (``MERGE_SHARE``) in one topic and their texts are close (centroid cosine
  at least ``MERGE_COS``): the larger keeps its slug, the other's address
  redirects to it (``generator.site.permalinks``);
* new papers that the derivation groups in a topic of their own (mostly new
  papers, at least a smallest topic's worth) form a new topic; every other new
  paper joins the topic whose centroid is nearest (the catch-all when it is
  far from all of them, as in a derivation).

A new topic (split off or new) is named by ``topic_model.name_topics`` among
all the topics to publish, with a slug no topic ever had.

With nothing published before (a first build, an offline build) or with
topics that were not derived then (a ``data/topics.yml`` since deleted), the
derivation is used as it is. Published and derived anew from the same
sources, the topics are the same: no paper is new, and the derivation's
partition is the published one.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import numpy as np

from generator import paths
from generator.errors import Problem, error, note, warning
from generator.model.ledger import LIVE, History
from generator.model.papers import Paper
from generator.model.taxonomy import Taxonomy, Topic
from generator.taxonomy import topic_model
from generator.taxonomy.topic_model import CATCH_ALL, MIN_PAPERS, MIN_SHARE, OUTLIER_COS, Derived
from generator.text.slugs import slugify

#: A topic may split once it has this many times the papers it had when it was formed or last split …
GROWTH = 1.5
#: … when the derivation puts at least this share of its papers in another topic …
SPLIT_SHARE = 0.3
#: … whose text is this far from the rest of the topic's (cosine of the two parts' centroids).
SPLIT_COS = 0.6
#: Two topics merge when the derivation puts at least this share of each in one topic …
MERGE_SHARE = 0.6
#: … and their texts are this close (cosine of their centroids).
MERGE_COS = 0.8
#: New papers form a topic of their own when they are at least this share of a derived topic.
NEW_SHARE = 0.5


@dataclass(frozen=True, slots=True)
class Previous:
    """The topics of the last publication."""

    #: Paper id (now) → its topic slug when it was last published.
    topic_of: Mapping[str, str]
    #: Topic slug → (name, description), each live topic of the last publication.
    topics: Mapping[str, tuple[str, str]]
    #: Every topic slug ever published: a new topic never takes one.
    used: frozenset[str] = frozenset()
    #: Topic slug → the papers it had when it was formed or last split (none: its papers now).
    settled: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Change:
    """A topic the collection changed: ``kind`` is "split", "merge" or "new"."""

    kind: str
    slug: str
    other: str = ""
    papers: int = 0


def derive(papers: list[Paper], history: History, renames: Mapping[str, tuple[dict, int]],
           path: str) -> tuple[Derived, History, list[Problem]]:
    """The derived topics of this build: from scratch (``topic_model.derive``), kept as published
    when the last publication's topics were derived too (:func:`keep`), renamed as data/curation.yml
    asks (:func:`rename`; ``path`` names that file); the history with each topic's settled size."""
    derived = topic_model.derive(papers)
    changes: list[Change] = []
    settled = dict(Counter(derived.topic_of.values()))
    ledger = history.ledger
    if ledger is not None and ledger.derived:
        derived, changes, settled = keep(derived, papers, previous_of(history))
    used = frozenset(t.slug for t in ledger.topics) if ledger is not None else frozenset()
    derived, renamed, problems = rename(derived, renames, used, path)
    settled = {renamed.get(s, s): n for s, n in settled.items()}
    if changes:
        said = ", ".join(f"{c.kind} {c.slug}" + (f" → {c.other}" if c.other else "") + f" ({c.papers} papers)"
                         for c in changes)
        problems.append(note(path, f"the topics published last changed: {said}", "topics changed"))
    return derived, replace(history, derived=True, settled=settled), problems


def previous_of(history: History) -> Previous:
    """What :func:`keep` needs of the ledger of the last publication."""
    ledger = history.ledger
    if ledger is None:
        return Previous({}, {})
    live = {t.slug: (t.name, t.description) for t in ledger.topics if t.status == LIVE}
    return Previous(history.topic_before(), live, frozenset(t.slug for t in ledger.topics),
                    {t.slug: t.settled for t in ledger.topics if t.status == LIVE and t.settled})


def keep(fresh: Derived, papers: list[Paper], previous: Previous) -> tuple[Derived, list[Change], dict[str, int]]:
    """The topics to publish: ``fresh`` (derived from scratch) reconciled with ``previous``;
    what changed; each topic's settled size (``Previous.settled``) for the next build."""
    existing = [p.id for p in papers if previous.topic_of.get(p.id) in previous.topics]
    if not existing:
        return fresh, [], dict(Counter(fresh.topic_of.values()))
    now = _Now(fresh, {i: previous.topic_of[i] for i in existing}, topic_model.vectors_of(papers), papers)
    merged = _merges(now)
    topic_of = {i: merged.get(slug, slug) for i, slug in now.old_of.items()}
    changes = [Change("merge", b, a, now.size[b]) for b, a in sorted(merged.items())]
    # A new topic is known by a placeholder ("+" and its derived topic) until it is named.
    for slug, part, g in _splits(now, topic_of, previous.settled):
        topic_of.update({i: f"+{g}" for i in part})
        changes.append(Change("split", slug, f"+{g}", len(part)))
    newcomers = [p.id for p in papers if p.id not in now.old_of]
    for g, members in _new_groups(now, newcomers):
        topic_of.update({i: f"+{g}" for i in members})
        changes.append(Change("new", f"+{g}", "", len(members)))
    topic_of.update(_nearest(now, topic_of, [i for i in newcomers if i not in topic_of]))
    made = _named(now, topic_of, set(previous.used) | set(previous.topics))
    topic_of = {i: made[s].slug if s in made else s for i, s in topic_of.items()}
    changes = [replace(c, slug=made[c.slug].slug if c.slug in made else c.slug,
                       other=made[c.other].slug if c.other in made else c.other) for c in changes]
    kept = {slug: _kept_topic(slug, previous, now) for slug in set(topic_of.values()) if slug in previous.topics}
    topics = {**kept, **{t.slug: t for t in made.values()}}
    size = Counter(topic_of.values())
    moved = {c.slug for c in changes} | {c.other for c in changes}
    settled = {s: previous.settled.get(s, n) if s not in moved else n for s, n in size.items()}
    return Derived(_taxonomy(topics, topic_of, now), topic_of), changes, settled


def _named(now: "_Now", topic_of: dict[str, str], used: set[str]) -> dict[str, Topic]:
    """Each new topic (placeholder → topic), named by ``topic_model.name_topics`` among all the topics
    to publish (a name tells a topic from the others), its slug one no topic ever had."""
    new = sorted({s for s in topic_of.values() if s.startswith("+")})
    if not new:
        return {}
    count = Counter(s for s in topic_of.values() if s != CATCH_ALL.slug)
    groups = sorted(count, key=lambda s: (-count[s], s))
    members = [[now.row[i] for i, s in sorted(topic_of.items()) if s == g] for g in groups]
    named = dict(zip(groups, topic_model.name_topics(now.papers, members, now.vectors)))
    return {g: _new_topic(named[g], used) for g in new}


class _Now:
    """The derivation from scratch beside the published topics, over the existing papers."""

    def __init__(self, fresh: Derived, old_of: dict[str, str], vectors: tuple[np.ndarray, np.ndarray],
                 papers: list[Paper]):
        self.fresh, self.old_of, self.vectors, self.papers = fresh, old_of, vectors, papers
        self.z, self.row, n = vectors[0], {p.id: i for i, p in enumerate(papers)}, len(papers)
        self.fresh_of = fresh.topic_of
        self.fresh_topic = {t.slug: t for t in fresh.taxonomy.topics}
        self.order = {t.slug: k for k, t in enumerate(fresh.taxonomy.topics)}
        self.table = Counter((old_of[i], self.fresh_of.get(i, CATCH_ALL.slug)) for i in old_of)
        self.size = Counter(old_of.values())
        self.fresh_size = Counter(self.fresh_of.get(i, CATCH_ALL.slug) for i in old_of)
        self.smallest = max(MIN_PAPERS, int(MIN_SHARE * n))
        self.home = {a: min((g for (b, g) in self.table if b == a), key=lambda g: (-self.table[a, g], self.order[g]))
                     for a in self.size}

    def centroid(self, ids) -> np.ndarray:
        rows = self.z[[self.row[i] for i in ids]].astype(np.float64).sum(axis=0)
        norm = np.linalg.norm(rows)
        return rows / norm if norm else rows


def _cos(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b)


def _merges(now: _Now) -> dict[str, str]:
    """Published topic → the topic it merges into: both mostly in one derived topic, their texts close."""
    by_home: dict[str, list[str]] = {}
    for a, g in sorted(now.home.items()):
        if a != CATCH_ALL.slug and g != CATCH_ALL.slug and now.table[a, g] >= MERGE_SHARE * now.size[a]:
            by_home.setdefault(g, []).append(a)
    merged: dict[str, str] = {}
    for group in by_home.values():
        group.sort(key=lambda a: (-now.size[a], a))
        largest = now.centroid([i for i, a in now.old_of.items() if a == group[0]])
        for b in group[1:]:
            if _cos(largest, now.centroid([i for i, a in now.old_of.items() if a == b])) >= MERGE_COS:
                merged[b] = group[0]
    return merged


def _splits(now: _Now, topic_of: dict[str, str], settled: Mapping[str, int]):
    """(published topic, the ids of the part that leaves it, the derived topic that part is in)."""
    members: dict[str, list[str]] = {}
    for i, slug in sorted(topic_of.items()):
        members.setdefault(slug, []).append(i)
    for slug, ids in sorted(members.items()):
        if slug == CATCH_ALL.slug or len(ids) < GROWTH * settled.get(slug, len(ids)):
            continue
        home = Counter(now.fresh_of.get(i, CATCH_ALL.slug) for i in ids).most_common(1)[0][0]
        for g in sorted({now.fresh_of.get(i, CATCH_ALL.slug) for i in ids} - {home, CATCH_ALL.slug}):
            part = [i for i in ids if now.fresh_of.get(i) == g]
            rest = [i for i in ids if now.fresh_of.get(i) != g]
            if (len(part) >= max(now.smallest, SPLIT_SHARE * len(ids)) and 2 * len(part) >= now.fresh_size[g]
                    and len(rest) >= now.smallest
                    and _cos(now.centroid(part), now.centroid(rest)) < SPLIT_COS):
                yield slug, part, g


def _new_groups(now: _Now, newcomers: list[str]):
    """(derived topic, its new papers) for each derived topic that is mostly new papers."""
    by_topic: dict[str, list[str]] = {}
    for i in newcomers:
        by_topic.setdefault(now.fresh_of.get(i, CATCH_ALL.slug), []).append(i)
    for g, ids in sorted(by_topic.items()):
        if g != CATCH_ALL.slug and len(ids) >= now.smallest and len(ids) >= NEW_SHARE * (len(ids) + now.fresh_size[g]):
            yield g, ids


def _nearest(now: _Now, topic_of: dict[str, str], newcomers: list[str]) -> dict[str, str]:
    """Each new paper's nearest topic by its centroid (the catch-all when far from all, or wordless)."""
    slugs = sorted({s for s in topic_of.values() if s != CATCH_ALL.slug})
    if not newcomers:
        return {}
    if not slugs:
        return {i: CATCH_ALL.slug for i in newcomers}
    centroids = np.stack([now.centroid([i for i, s in topic_of.items() if s == slug]) for slug in slugs])
    x = now.z[[now.row[i] for i in newcomers]].astype(np.float64)
    cos = x @ centroids.T
    best = np.argmax(cos, axis=1)
    return {i: slugs[b] if cos[k, b] >= OUTLIER_COS else CATCH_ALL.slug for k, (i, b) in enumerate(zip(newcomers, best))}


def _new_topic(derived: Topic, used: set[str]) -> Topic:
    """A derived topic as a new published topic: its slug, or with ``-2``, ``-3`` … when a topic had it."""
    slug, n = derived.slug, 1
    while slug in used or paths.reserved(slug):
        n += 1
        slug = f"{derived.slug}-{n}"
    used.add(slug)
    return replace(derived, slug=slug)


def _kept_topic(slug: str, previous: Previous, now: _Now) -> Topic:
    """A published topic as it was (slug, name, description), with the match terms of the derived
    topic that holds most of its papers now."""
    if slug == CATCH_ALL.slug:
        return CATCH_ALL
    name, description = previous.topics[slug]
    home = now.fresh_topic.get(now.home.get(slug, ""))
    return Topic(slug, name, description, home.patterns if home else ())


def _taxonomy(topics: dict[str, Topic], topic_of: dict[str, str], now: _Now) -> Taxonomy:
    """Largest topic first (ties in the derivation's order), the catch-all last, as ``derive`` lists them."""
    count = Counter(topic_of.values())
    place = lambda s: now.order.get(now.home.get(s, s), len(now.order))  # noqa: E731
    ranked = sorted((t for t in topics.values() if not t.catch_all), key=lambda t: (-count[t.slug], place(t.slug), t.slug))
    return Taxonomy(tuple(ranked) + (CATCH_ALL,), ())


# --- renaming on purpose ---------------------------------------------------------------------

def rename(derived: Derived, renames: Mapping[str, tuple[dict, int]], used: frozenset[str],
           path: str) -> tuple[Derived, dict[str, str], list[Problem]]:
    """``topics/<slug>: {slug: …, name: …}`` entries of data/curation.yml: a derived topic gets
    another slug (its old address redirects) or name. ``used``: every topic slug ever published.
    Returns the topics, each old slug → its new one, and the problems."""
    problems: list[Problem] = []
    moved: dict[str, str] = {}
    topics = {t.slug: t for t in derived.taxonomy.topics}
    order = list(topics)
    topic_of = dict(derived.topic_of)
    for old, (change, line) in sorted(renames.items()):
        new = change.get("slug", old)
        if old not in topics and new in topics and new != old:  # renamed in an earlier build: its name may still change
            old = new
        if old not in topics:
            problems.append(warning(path, line, f"topics/{old} names no topic of this build; the derived topics are "
                                                f"{', '.join(sorted(topics))}", "curation"))
            continue
        if new != old and (new != slugify(new) or not new or paths.reserved(new) or new in topics or new in used):
            problems.append(error(path, line, f"topics/{old} cannot take the slug {new!r}: a slug is lowercase ASCII "
                                              "letters, digits and hyphens, not 'index', and never one another topic "
                                              "has or had"))
            continue
        topic = topics.pop(old)
        topics[new] = replace(topic, slug=new, name=change.get("name") or topic.name)
        if new != old:
            order[order.index(old)] = new
            topic_of = {i: new if s == old else s for i, s in topic_of.items()}
            moved[old] = new
    taxonomy = replace(derived.taxonomy, topics=tuple(topics[s] for s in order))
    return Derived(taxonomy, topic_of), moved, problems
