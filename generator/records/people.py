"""Papers → people: one identity per person, built once for the whole collection.

Every author of every paper (an *occurrence*) is given a person, by these rules in turn:

1. **The people file** (``data/people.yml``) says who a spelling is, on every paper or on
   the papers it lists, and which spellings are never a person (``not``).
2. **Persistent ids decide.** Occurrences with one ORCID iD (or Semantic Scholar, ACL
   Anthology id, ResearcherID) are one person, whatever the spelling; one spelling with
   two ORCID iDs is two persons (the occurrences without an iD go with the one they share a
   co-author with, if only one).
3. **One spelling, one person** otherwise: spellings that differ only by case, word order
   ("Gödel, Kurt") or the dots after initials are one name.
4. **Variants merge on a co-author.** Spellings that ``text.names.compatible`` finds may
   be one person's (accents, hyphens, middle names or initials left out, initials for
   names) are merged when they share a co-author (family name and first initial) — but
   not when they appear on one paper as two authors or carry two different ORCID iDs. A
   spelling that fits two persons who are not one ("L. Koch" beside "Lisa Koch" and "Lukas
   Koch", both with co-authors in common) joins the one it shares clearly the most
   co-authors with (at least two, twice as many as with any other), else stays alone.

``tests/unit/records/test_people.py`` holds the equivalence tables.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from generator import paths
from generator.model.papers import Paper
from generator.model.people import People, Person
from generator.text import names as name_text
from generator.text.names import Name
from generator.text.normalise import fold
from generator.text.slugs import slugify

#: Kinds of id of which a person has one: two different values are two persons.
#: ``file`` is the people file's entry number.
ONE_PER_PERSON = ("file", "orcid", "s2", "acl")
#: A paper with more authors than this (a consortium's) keeps its co-authors in one shared set.
BIG_PAPER = 100


@dataclass(slots=True)
class _Node:
    """Occurrences of one spelling (``same`` key) that are one person: (paper id, author position)."""

    same: tuple
    name: Name
    occurrences: list[tuple[str, int]] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class Claim:
    """What the people file says of a person (``records.people_file`` reads it)."""

    entry: int
    name: str
    spellings: tuple[str, ...] = ()
    ids: tuple[str, ...] = ()
    #: Only these papers' occurrences of the spellings (all papers when empty).
    papers: frozenset[str] = frozenset()
    #: Spellings that are never this person.
    never: tuple[str, ...] = ()


def _ids_of(paper: Paper) -> dict[int, set[str]]:
    """Author position → the persistent ids the records give that author."""
    if not paper.author_ids:
        return {}
    same = [name_text.parse(a).same for a in paper.authors]
    out: dict[int, set[str]] = defaultdict(set)
    for spelling, found in paper.author_ids:
        key = name_text.parse(spelling).same
        at = [i for i, k in enumerate(same) if k == key]
        if not at:  # a variant ("Delfino, D."), or the family name split elsewhere ("Fabio, Busico" for
            # "Busico, Fabio"; "Scattareggia Marchese, Adriana" for "Adriana Scattareggia Marchese")
            one, words = name_text.parse(spelling), sorted(fold(spelling).split())
            at = [i for i, a in enumerate(paper.authors) if name_text.compatible(one, name_text.parse(a))] or \
                [i for i, a in enumerate(paper.authors) if sorted(fold(a).split()) == words]
        if len(at) == 1:
            out[at[0]].add(found)
    return out


def _claimed(claims: tuple[Claim, ...], paper_id: str, same: tuple) -> Claim | None:
    for c in claims:
        if (not c.papers or paper_id in c.papers) and any(name_text.parse(s).same == same
                                                            for s in (c.name, *c.spellings)):
            return c
    return None


def _nodes(papers: tuple[Paper, ...], claims: tuple[Claim, ...]) -> list[_Node]:
    """Occurrences grouped by spelling (rule 3), with the ids the records and the file give (1, 2)."""
    nodes: dict[tuple, _Node] = {}
    own: dict[tuple[str, int], set[str]] = {}  # what the records say of each occurrence
    for p in papers:
        for i, found in _ids_of(p).items():
            own[(p.id, i)] = found
        for i, spelling in enumerate(p.authors):
            name = name_text.parse(spelling)
            claim = _claimed(claims, p.id, name.same) if claims else None
            key = (name.same, f"file:{claim.entry}" if claim else "")
            node = nodes.setdefault(key, _Node(name.same, name))
            node.occurrences.append((p.id, i))
            node.ids |= own.get((p.id, i), set()) | ({f"file:{claim.entry}", *claim.ids} if claim else set())
    out = []
    for node in nodes.values():
        out += _split_by_id(node, own) if len(node.ids) > 1 else [node]
    return out


def _split_by_id(node: _Node, own: dict[tuple[str, int], set[str]]) -> list[_Node]:
    """One spelling with two ORCID iDs (or other ids of ``ONE_PER_PERSON``) is two persons (rule 2);
    two iDs given to one author of one paper are one person's (a person with two ORCID records)."""
    for kind in ONE_PER_PERSON:
        groups: list[set[str]] = []
        for occ in node.occurrences:
            values = {i for i in own.get(occ, ()) if i.startswith(kind + ":")}
            if values:
                joined = [g for g in groups if g & values]
                groups = [g for g in groups if not g & values] + [values.union(*joined)]
        if len(groups) < 2:
            continue
        parts = [_Node(node.same, node.name) for _ in groups]
        rest = _Node(node.same, node.name)
        for occ in node.occurrences:
            found = own.get(occ, set())
            at = [n for n, g in enumerate(groups) if g & found]
            target = parts[at[0]] if at else rest
            target.occurrences.append(occ)
            target.ids |= found
        claimed = {i for i in node.ids if i.startswith("file:")}  # the file's entry holds for every part
        for part in (*parts, rest):
            part.ids |= claimed
        return [n for n in (*parts, rest) if n.occurrences]
    return [node]


class _Clusters:
    """Nodes joined into persons, refusing a join that two ids, one paper or the file forbid."""

    def __init__(self, nodes: list[_Node], papers: tuple[Paper, ...], claims: tuple[Claim, ...]):
        self.nodes = nodes
        self.parent = list(range(len(nodes)))
        self.members = {i: [i] for i in range(len(nodes))}
        self.ids = {i: set(n.ids) for i, n in enumerate(nodes)}
        self.papers = {i: {o[0] for o in n.occurrences} for i, n in enumerate(nodes)}
        self.never = {f"file:{c.entry}": {name_text.parse(s).same for s in c.never} for c in claims}
        self.restricted = {f"file:{c.entry}": {name_text.parse(s).same for s in (c.name, *c.spellings)}
                           for c in claims if c.papers}
        loose = {p.id: [name_text.parse(a).loose for a in p.authors] for p in papers}
        # Co-authors by family name and first initial: a node's on papers of up to BIG_PAPER
        # authors in one set; a consortium paper's set is shared, not copied into each author's.
        self.coauthors = [self._coauthors(n, loose) for n in nodes]
        whole = {pid: frozenset(keys) for pid, keys in loose.items() if len(keys) > BIG_PAPER}
        self.big = [[whole[pid] for pid in dict.fromkeys(o[0] for o in n.occurrences) if pid in whole] for n in nodes]

    @staticmethod
    def _coauthors(node: _Node, loose: dict[str, list[tuple[str, str]]]) -> set[tuple[str, str]]:
        out: set[tuple[str, str]] = set()
        for pid, i in node.occurrences:
            if len(loose[pid]) <= BIG_PAPER:
                out.update(k for j, k in enumerate(loose[pid]) if j != i)
        out.discard(node.name.loose)
        return out

    def share_coauthor(self, a: int, b: int) -> bool:
        """Whether two spellings of one family name and first initial wrote with someone in common."""
        own = self.nodes[a].name.loose
        if self.coauthors[a] & self.coauthors[b]:
            return True
        small = [(self.coauthors[a], s) for s in self.big[b]] + [(self.coauthors[b], s) for s in self.big[a]]
        return any(len(x & y - {own}) for x, y in small + [(x, y) for x in self.big[a] for y in self.big[b]])

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def can_join(self, a: int, b: int, names_must_fit: bool = True) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if self.papers[ra] & self.papers[rb]:  # two authors of one paper
            return False
        for kind in ONE_PER_PERSON:
            va = {i for i in self.ids[ra] if i.startswith(kind + ":")}
            vb = {i for i in self.ids[rb] if i.startswith(kind + ":")}
            if va and vb and va.isdisjoint(vb):
                return False
        if not self._file_allows(ra, rb) or not self._file_allows(rb, ra):
            return False
        return not names_must_fit or all(name_text.compatible(self.nodes[x].name, self.nodes[y].name)
                                         for x in self.members[ra] for y in self.members[rb])

    def _file_allows(self, ra: int, rb: int) -> bool:
        """No spelling the file keeps from a person joins them; a spelling the file gives a person on
        some papers only is not theirs on the others."""
        for entry in (i for i in self.ids[ra] if i.startswith("file:")):
            other = {self.nodes[y].same for y in self.members[rb]}
            if other & self.never.get(entry, set()):
                return False
            if entry not in self.ids[rb] and other & self.restricted.get(entry, set()):
                return False
        return True

    def join(self, a: int, b: int) -> None:
        ra, rb = sorted((self.find(a), self.find(b)))
        if ra == rb:
            return
        self.parent[rb] = ra
        self.members[ra] += self.members.pop(rb)
        self.ids[ra] |= self.ids.pop(rb)
        self.papers[ra] |= self.papers.pop(rb)


def _join_by_id(clusters: _Clusters) -> None:
    """Rule 2: nodes that share a persistent id (or a people-file entry) are one person."""
    holders: dict[str, list[int]] = defaultdict(list)
    for i, node in enumerate(clusters.nodes):
        for found in sorted(node.ids):
            holders[found].append(i)
    for kind in ("file", "orcid", "s2", "acl", "rid"):
        for found in sorted(k for k in holders if k.startswith(kind + ":")):
            first, *rest = holders[found]
            for other in rest:
                if clusters.can_join(first, other, names_must_fit=False):
                    clusters.join(first, other)


def _join_variants(clusters: _Clusters) -> None:
    """Rule 4: compatible spellings with a co-author in common, unless either is ambiguous."""
    buckets: dict[tuple[str, str], list[int]] = defaultdict(list)  # compatible names share these
    for i, node in enumerate(clusters.nodes):
        buckets[node.name.loose].append(i)
    fits: dict[int, list[int]] = defaultdict(list)  # fixed: names and co-authors do not change
    for members in buckets.values():
        for n, i in enumerate(members):
            for j in members[n + 1:]:
                if name_text.compatible(clusters.nodes[i].name, clusters.nodes[j].name) and \
                        clusters.share_coauthor(i, j):
                    fits[i].append(j)
                    fits[j].append(i)
    changed = True
    while changed:
        changed = False
        chosen = {i: _chosen(clusters, i, fits[i]) for i in fits}
        for i in sorted(fits):
            for j in chosen[i]:
                if i in chosen[j] and clusters.find(i) != clusters.find(j) and clusters.can_join(i, j):
                    clusters.join(i, j)
                    changed = True


def _chosen(clusters: _Clusters, i: int, fits: list[int]) -> list[int]:
    """The spellings ``i`` may join: all it fits when they could be one person; else those of the
    person it shares clearly the most co-authors with (at least 2, and twice as many as with any
    other: "L. M. Koch" beside "Lisa M. Koch", 5 co-authors in common, and "Lukas M. Koch", 2);
    else none (ambiguous)."""
    others = [j for j in fits if clusters.find(j) != clusters.find(i)]
    if _one_person(clusters, others):
        return fits
    shared: Counter = Counter()
    for j in others:
        shared[clusters.find(j)] = max(shared[clusters.find(j)], len(clusters.coauthors[i] & clusters.coauthors[j]))
    (best, n), *rest = shared.most_common()
    if n >= 2 and all(n >= 2 * m for _, m in rest):
        return [j for j in fits if clusters.find(j) in (best, clusters.find(i))]
    return []


def _one_person(clusters: _Clusters, nodes: list[int]) -> bool:
    """Whether the persons these nodes are in could all be one ("L. Koch" fits "Lisa Koch" and
    "Lukas Koch": they could not, so "L. Koch" is ambiguous)."""
    roots = sorted({clusters.find(j) for j in nodes})
    return all(clusters.can_join(x, y) for n, x in enumerate(roots) for y in roots[n + 1:])


def index(papers: tuple[Paper, ...], claims: tuple[Claim, ...] = ()) -> People:
    """The people of ``papers`` (module docstring), with the people file's ``claims``."""
    nodes = _nodes(papers, claims)
    clusters = _Clusters(nodes, papers, claims)
    _join_by_id(clusters)
    _join_variants(clusters)
    return _people(papers, clusters, {f"file:{c.entry}": c for c in claims})


def _people(papers: tuple[Paper, ...], clusters: _Clusters, claims: dict[str, Claim]) -> People:
    authors = {p.id: p.authors for p in papers}
    order = {p.id: n for n, p in enumerate(papers)}
    drafts = []
    for root in sorted(clusters.members):
        occurrences = [o for m in clusters.members[root] for o in clusters.nodes[m].occurrences]
        used = Counter(name_text.display(authors[pid][i]) for pid, i in occurrences)
        spellings = tuple(sorted(used, key=lambda s: (-used[s], s)))
        claim = next((claims[i] for i in sorted(clusters.ids[root]) if i in claims), None)
        name = claim.name if claim else min(used, key=lambda s: name_text.spelling_rank(s, used[s]))
        ids = tuple(sorted(i for i in clusters.ids[root] if not i.startswith("file:")))
        drafts.append((name, tuple(sorted({pid for pid, _ in occurrences}, key=order.__getitem__)),
                       spellings, ids, occurrences))
    drafts.sort(key=lambda d: (name_text.parse(d[0]).same, order[d[1][0]]))
    slugs = unique_slugs([d[0] for d in drafts])
    persons, of_paper = [], {p.id: [""] * len(p.authors) for p in papers}
    for (name, pids, spellings, ids, occurrences), slug in zip(drafts, slugs):
        persons.append(Person(slug, name, spellings, ids, pids))
        for pid, i in occurrences:
            of_paper[pid][i] = slug
    return People(tuple(persons), {k: tuple(v) for k, v in of_paper.items()})


def unique_slugs(labels: list[str]) -> list[str]:
    """A slug for each label, in order: the label's, then -2, -3 …; never one a listed
    folder's index takes (``paths.reserved``)."""
    used: set[str] = set()
    out = []
    for label in labels:
        base = slugify(label) or "unnamed"
        slug, n = base, 2
        while slug in used or paths.reserved(slug):  # authors/index.md, venues/index.md: the lists
            slug, n = f"{base}-{n}", n + 1
        used.add(slug)
        out.append(slug)
    return out
