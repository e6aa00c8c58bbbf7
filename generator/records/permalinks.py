"""Ids that are kept: a paper keeps the id it was first published with.

The first time a paper is published its id is a slug of its title
(``records.assign_ids``). After that the ledger of the last publication
(``generator.model.ledger``, the site's ``permalinks.json``) decides: each
paper is matched to the paper it was, and keeps that paper's id when its title
is edited, when it comes back from another format, when a duplicate is merged
into it, or when another paper with the same title arrives.

A paper and a ledger entry are the same paper, from the strongest evidence down:

1. **identifiers**: the same arXiv id, DOI or Semantic Scholar id (and no two
   different arXiv ids);
2. **alike**: abstracts alike (fingerprints of similarity ≥ 0.5; of a short
   abstract, the same text and a similar title), or the same title with no
   abstract to tell them apart (and no other authors), or the same citation key
   with a similar title or abstract;
3. **similar**: a similar title (half its words) and a somewhat similar abstract
   (a title edited while the abstract was revised).

Two different DOIs, or authors with no family name in common, keep a pair apart
unless identifiers or the abstract say otherwise. Each entry goes to one paper:
identifier matches first, the oldest entry first (a merged paper keeps the
oldest id of its parts), then by similarity. An entry no paper took that shares
an identifier with a paper which took another, or is as alike as its own record
(``MERGED_SCORE``), is *merged* into it (its address redirects there); any
other is *removed* (its address says so). A paper no entry matched
is new: its title's slug, unless any paper ever had that id (then ``-2``,
``-3`` …): an id is never reused for another paper.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, replace

from generator.errors import Problem, error
from generator.model.ledger import Kept, Ledger, PaperEntry
from generator.model.papers import Paper
from generator.records import _normalise as normalise
from generator.text import fingerprint as fp
from generator.text.normalise import family_key, fold, title_key
from generator.text.slugs import SLUG_MAX, slugify

IDENTIFIERS, ALIKE, SIMILAR = 3, 2, 1
#: An entry no paper took is *merged* into a paper that took another only when they share an
#: identifier or are this alike (title similarity + abstract similarity: the same title and an
#: abstract sharing 80% of its word pairs, as a duplicate's own record is): a removed paper is
#: never sent to a merely similar one.
MERGED_SCORE = 1.8


@dataclass(frozen=True, slots=True)
class _Side:
    """What matching compares of a paper, one of its records, or a ledger entry, worked out once."""

    title: str
    words: frozenset[str]
    fingerprint: bytes
    families: frozenset[str]
    arxiv: str | None
    doi: str | None
    s2: str | None
    keys: tuple[str, ...]

    @classmethod
    def of(cls, title: str, print_: str, authors: tuple[str, ...], arxiv, doi, s2, keys) -> "_Side":
        return cls(title_key(title), frozenset(fold(title).split()), fp.decode(print_),
                   frozenset(k for k in map(family_key, authors) if k), arxiv, doi, s2, tuple(k for k in keys if k))

    @classmethod
    def entry(cls, e: PaperEntry) -> "_Side":
        return cls.of(e.title, e.fingerprint, e.authors, e.arxiv, e.doi, e.s2, e.citation_keys)

    def lookups(self) -> list[tuple[str, object]]:
        """The values an entry sharing one of them is looked up by."""
        return [("arxiv", self.arxiv), ("doi", self.doi), ("s2", self.s2), ("title", self.title),
                *(("key", k) for k in self.keys), *(("band", b) for b in fp.bands(self.fingerprint))]


def _title_similarity(a: _Side, b: _Side) -> float:
    if a.title and a.title == b.title:
        return 1.0
    union = a.words | b.words
    return len(a.words & b.words) / len(union) if union else 0.0


def tier(p: _Side, e: _Side) -> tuple[int, float]:
    """How surely a paper (or one of its records) is an entry's paper (0: not it) and how alike they are."""
    if p.arxiv and e.arxiv and p.arxiv != e.arxiv:
        return 0, 0.0
    t, a = _title_similarity(p, e), fp.similarity(p.fingerprint, e.fingerprint)
    if a == 1.0 and fp.pairs(p.fingerprint) < fp.MIN_PAIRS and t < 0.5:
        a = None  # one short text on two papers ("Abstract not available.") tells nothing by itself
    score = t + (a or 0.0)
    if (p.arxiv and p.arxiv == e.arxiv) or (p.doi and p.doi == e.doi) or (p.s2 and p.s2 == e.s2):
        return IDENTIFIERS, score
    if p.doi and e.doi:  # two different DOIs
        return 0, 0.0
    authors = bool(p.families & e.families) if p.families and e.families else None
    if authors is False and (a is None or a < 0.6):
        return 0, 0.0
    keyed = bool(set(p.keys) & set(e.keys))
    if (a is not None and a >= 0.5) or (t == 1.0 and a is None) or (keyed and (t >= 0.5 or (a or 0) >= 0.3)):
        return ALIKE, score
    if (a is not None and a >= 0.3 and t >= 0.5) or (a is None and t >= 0.7 and authors):
        return SIMILAR, score
    return 0, 0.0


def _sides(papers: list[Paper], prints: Mapping[str, str], records: Mapping | None) -> dict[str, list[_Side]]:
    """Each paper's sides: the paper, and, for a paper merged from several records, each record
    (a duplicate published on its own page before the merge is found by its record)."""
    out = {}
    parts = records or {}
    # As the paper's own fields are: identifiers in the form papers keep, text cleaned.
    several = [normalise(r) for p in papers if len(p.sources) > 1 for prov in p.sources if (r := parts.get(prov))]
    record_prints = dict(zip((r.provenance for r in several), fp.fingerprints([r.abstract or "" for r in several])))
    by_prov = {r.provenance: r for r in several}
    for p in papers:
        sides = [_Side.of(p.title, prints[p.id], p.authors, p.arxiv, p.doi, p.s2, (p.citation_key,))]
        for r in (by_prov[prov] for prov in p.sources if prov in by_prov) if len(p.sources) > 1 else ():
            if r.title:
                sides.append(_Side.of(r.title, record_prints[r.provenance], r.authors, r.arxiv, r.doi, r.s2,
                                      (r.citation_key,)))
        out[p.id] = sides
    return out


def _pairs(papers: list[Paper], sides: dict[str, list[_Side]], ledger: Ledger) -> list[tuple]:
    """Every (sort key, tier, paper id, entry index) of a paper and an entry that may be one paper."""
    entries = [_Side.entry(e) for e in ledger.papers]
    index: dict[tuple, list[int]] = defaultdict(list)
    for n, (e, side) in enumerate(zip(ledger.papers, entries)):
        for k in [*side.lookups(), *(("id", i) for i in (e.id, e.key, *e.aliases))]:
            if k[1]:
                index[k].append(n)
    pairs = []
    for p in papers:
        found = {n for side in sides[p.id] for k in [*side.lookups(), ("id", p.id)] if k[1] for n in index.get(k, ())}
        for n in sorted(found):
            level, score = max(tier(side, entries[n]) for side in sides[p.id])
            if level:
                score += 0.001 * (p.id == ledger.papers[n].id)  # a tie goes to the paper's own id
                order = (-level, n if level == IDENTIFIERS else 0, -score, n, p.id)
                pairs.append((order, level, p.id, n))
    pairs.sort()
    return pairs


def keep_ids(papers: list[Paper], ledger: Ledger | None, records: Mapping | None = None) -> tuple[list[Paper], Kept]:
    """The papers with the ids the ledger keeps for them (new papers: fresh, never reused ids),
    sorted by id, and what was decided. ``records``: the records (by provenance) the papers were
    merged from. Without a ledger every paper keeps its fresh id."""
    prints = dict(zip((p.id for p in papers), fp.fingerprints([p.abstract for p in papers])))
    if ledger is None or not ledger.papers:
        return papers, Kept({}, {}, prints, {})
    taken: dict[str, int] = {}
    taken_by: dict[int, str] = {}
    alike: dict[int, str] = {}  # an entry no paper takes → the best paper it is alike
    for order, level, pid, n in _pairs(papers, _sides(papers, prints, records), ledger):
        if pid not in taken and n not in taken_by:
            taken[pid], taken_by[n] = n, pid
        elif n not in taken_by and n not in alike and (level == IDENTIFIERS or -order[2] >= MERGED_SCORE):
            alike[n] = pid
    merged = {n: pid for n, pid in alike.items() if n not in taken_by}
    renamed = {pid: ledger.papers[n].id for pid, n in taken.items()}
    reserved = {i for e in ledger.papers for i in (e.id, e.key, *e.aliases)}
    new_ids = _fresh_ids([p for p in papers if p.id not in taken], reserved | set(renamed.values()))
    now = {p.id: renamed.get(p.id) or new_ids[p.id] for p in papers}
    out = sorted((replace(p, id=now[p.id]) for p in papers), key=lambda p: p.id)
    kept = Kept({now[pid]: n for pid, n in taken.items()}, {n: now[pid] for n, pid in merged.items()},
                {now[pid]: v for pid, v in prints.items()}, {})
    return out, replace(kept, aliases=aliases(ledger, kept))


def _fresh_ids(papers: list[Paper], reserved: set[str]) -> dict[str, str]:
    """New papers' ids: the fresh one, unless any paper ever had it: then its title's slug with the
    first free ``-2``, ``-3`` …"""
    out: dict[str, str] = {}
    used = set(reserved)
    for p in sorted(papers, key=lambda p: p.id):
        candidate, n = p.id, 1
        base = slugify(p.title) or p.id
        while candidate in used:
            n += 1
            candidate = f"{base[: SLUG_MAX - len(str(n)) - 1]}-{n}"
        used.add(candidate)
        out[p.id] = candidate
    return out


def aliases(ledger: Ledger, kept: Kept) -> dict[str, str]:
    """Every id a ledger entry ever had → the id of the paper answering for it now (entries
    merged into others follow the chain; a removed paper's ids answer for nobody)."""
    paper_of = {n: pid for pid, n in kept.entry.items()}
    paper_of.update(kept.merged)
    by_key = {e.key: n for n, e in enumerate(ledger.papers)}
    out: dict[str, str] = {}
    for n, e in enumerate(ledger.papers):
        target, seen = n, set()
        while target not in paper_of and ledger.papers[target].into in by_key and target not in seen:
            seen.add(target)
            target = by_key[ledger.papers[target].into]
        if target in paper_of:
            for i in (e.id, e.key, *e.aliases):
                if i != paper_of[target]:
                    out[i] = paper_of[target]
    return out


# --- renaming on purpose --------------------------------------------------------------------

def rename(papers: list[Paper], renames: Mapping[str, tuple[str, int]], kept: Kept, ledger: Ledger | None,
           path: str) -> tuple[list[Paper], Kept, list[Problem]]:
    """Give papers the slugs ``renames`` asks for (paper id → (new slug, line of the request)):
    the old id then redirects. A slug another paper has, or ever had, is refused."""
    problems: list[Problem] = []
    current = {p.id for p in papers}
    owner = {}  # every id ever published → the paper answering for it now, if any
    for e in (ledger.papers if ledger else ()):
        for i in (e.id, e.key, *e.aliases):
            owner[i] = kept.aliases.get(i, i if i in current else None)
    new_of: dict[str, str] = {}
    for pid, (slug, line) in sorted(renames.items()):
        if slug == pid:
            continue
        if not slug or slug != slugify(slug):
            problems.append(error(path, line, f"the slug {slug!r} for {pid!r} must be lowercase ASCII letters, "
                                              "digits and hyphens, as a paper id is"))
        elif (slug in current and slug != pid) or slug in new_of.values() or owner.get(slug, pid) != pid:
            problems.append(error(path, line, f"the slug {slug!r} for {pid!r} is (or was) the id of another paper; "
                                              "ids are never reused: choose another"))
        else:
            new_of[pid] = slug
    if not new_of:
        return papers, kept, problems
    out = sorted((replace(p, id=new_of.get(p.id, p.id)) for p in papers), key=lambda p: p.id)
    moved = lambda i: new_of.get(i, i)  # noqa: E731
    kept = Kept({moved(i): n for i, n in kept.entry.items()}, {n: moved(i) for n, i in kept.merged.items()},
                {moved(i): v for i, v in kept.fingerprints.items()},
                {**{a: moved(i) for a, i in kept.aliases.items() if a != moved(i)}, **{i: s for i, s in new_of.items()}})
    return out, kept, problems


#: The curation.yml key of a topic's entry: ``topics/<slug>`` (no paper id has a "/").
TOPIC_KEY = "topics/"
TOPIC_FIELDS = ("slug", "name")


@dataclass(frozen=True, slots=True)
class Curation:
    """data/curation.yml taken apart: the papers' fields, renames of papers and of topics."""

    papers: dict[str, object]
    #: Paper id now → (the slug asked for, its line).
    renames: dict[str, tuple[str, int]]
    #: Topic slug → ({"slug": …, "name": …}, its line).
    topics: dict[str, tuple[dict, int]]
    lines: dict[str, int]


def split_curation(curation: Mapping, lines: Mapping[str, int], kept: Kept, path: str) -> tuple[Curation, list[Problem]]:
    """Entries keyed by an earlier id of a paper apply to the paper (its id may have changed since
    the entry was written); ``slug`` renames a paper; ``topics/<slug>`` entries rename a topic."""
    problems: list[Problem] = []
    out = Curation({}, {}, {}, {})
    for key, changes in curation.items():
        key, line = str(key), lines.get(str(key), 0)
        if key.startswith(TOPIC_KEY) and "/" not in key[len(TOPIC_KEY):]:
            unknown = sorted(set(changes) - set(TOPIC_FIELDS)) if isinstance(changes, dict) else ["?"]
            if unknown:
                problems.append(error(path, line, f"{key!r} takes only {', '.join(TOPIC_FIELDS)} "
                                                  "(a new slug and a new name for the topic)"))
            else:
                out.topics[key[len(TOPIC_KEY):]] = ({k: str(v) for k, v in changes.items()}, line)
            continue
        if "/" in key:
            problems.append(error(path, line, f"{key!r} is neither a paper id nor topics/<slug>; "
                                              "paper ids are the file names under docs/papers/"))
            continue
        pid = kept.aliases.get(key, key)
        if isinstance(changes, dict) and "slug" in changes:
            changes = dict(changes)
            out.renames[pid] = (str(changes.pop("slug") or ""), line)
        out.papers[pid] = changes
        out.lines[pid] = line
    return out, problems
