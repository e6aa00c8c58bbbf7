"""Who wrote what and where it appeared: the collection's people and venues, as indexes
built once by the records stage (``records.people``, ``records.venues``); no I/O here."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType


@dataclass(frozen=True, slots=True)
class Person:
    """One person: every spelling the sources give them, their persistent ids, their papers."""

    #: The page's slug (``authors/<slug>.md``).
    slug: str
    #: The name pages show: the fullest spelling, or the people file's.
    name: str
    #: Every spelling the papers use (shown "Given Family"), the most used first.
    spellings: tuple[str, ...]
    #: Persistent ids (``identifiers.author_id``: "orcid:…", "s2:…"), sorted.
    ids: tuple[str, ...] = ()
    #: Ids of the person's papers, in the collection's order.
    papers: tuple[str, ...] = ()

    @property
    def orcids(self) -> tuple[str, ...]:
        """The person's ORCID iDs (a person may have made two ORCID records)."""
        return tuple(i.removeprefix("orcid:") for i in self.ids if i.startswith("orcid:"))

    @property
    def orcid(self) -> str | None:
        return self.orcids[0] if self.orcids else None


def _index(items, key, what: str) -> Mapping:
    """A read-only index by ``key``; a value given twice is a bug of the caller: ValueError."""
    out: dict = {}
    for item in items:
        for k in key(item):
            if k in out:
                raise ValueError(f"two {what} have {k!r}: {out[k]!r} and {item!r}")
            out[k] = item
    return MappingProxyType(out)


@dataclass(frozen=True, slots=True)
class People:
    """The collection's persons, with indexes by slug, ORCID iD and spelling; complete at construction."""

    persons: tuple[Person, ...] = ()
    #: Paper id → the slug of the person each of its authors is, in the paper's author order.
    of_paper: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    _by_slug: Mapping[str, Person] = field(init=False, repr=False, compare=False)
    _by_orcid: Mapping[str, Person] = field(init=False, repr=False, compare=False)
    _by_name: Mapping[str, tuple[Person, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "of_paper", MappingProxyType(dict(self.of_paper)))
        object.__setattr__(self, "_by_slug", _index(self.persons, lambda p: (p.slug,), "persons"))
        object.__setattr__(self, "_by_orcid", _index(self.persons, lambda p: p.orcids, "persons"))
        names: dict[str, list[Person]] = {}
        for p in self.persons:
            for s in dict.fromkeys((p.name, *p.spellings)):
                names.setdefault(s.casefold(), []).append(p)
        object.__setattr__(self, "_by_name", MappingProxyType({k: tuple(v) for k, v in names.items()}))
        for paper, slugs in self.of_paper.items():
            unknown = [s for s in slugs if s not in self._by_slug]
            if unknown:
                raise ValueError(f"paper {paper!r} names persons that are not in the index: {unknown}")

    def by_slug(self, slug: str) -> Person:
        return self._by_slug[slug]

    def by_orcid(self, orcid: str) -> Person | None:
        return self._by_orcid.get(orcid.removeprefix("orcid:"))

    def by_name(self, spelling: str) -> tuple[Person, ...]:
        """The persons who write their name so (case aside): one, none, or homonyms told apart."""
        return self._by_name.get(spelling.casefold(), ())

    def authors(self, paper_id: str) -> tuple[Person, ...]:
        """The persons of a paper's authors, in its order (one per author)."""
        return tuple(self._by_slug[s] for s in self.of_paper.get(paper_id, ()))

    def __len__(self) -> int:
        return len(self.persons)


@dataclass(frozen=True, slots=True)
class Venue:
    """One venue: a journal, or a conference series over its years."""

    slug: str
    #: The name pages show (the series' name, without year, edition or place).
    name: str
    #: Every spelling the records use, the most used first.
    spellings: tuple[str, ...]
    #: Ids of its papers, in the collection's order.
    papers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Venues:
    """The collection's venues, with indexes by slug and by paper; complete at construction."""

    venues: tuple[Venue, ...] = ()
    #: Paper id → the slug of its venue (papers without a venue are not in it).
    of_paper: Mapping[str, str] = field(default_factory=dict)
    _by_slug: Mapping[str, Venue] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "of_paper", MappingProxyType(dict(self.of_paper)))
        object.__setattr__(self, "_by_slug", _index(self.venues, lambda v: (v.slug,), "venues"))
        unknown = sorted(set(self.of_paper.values()) - set(self._by_slug))
        if unknown:
            raise ValueError(f"papers name venues that are not in the index: {unknown}")

    def by_slug(self, slug: str) -> Venue:
        return self._by_slug[slug]

    def of(self, paper_id: str) -> Venue | None:
        slug = self.of_paper.get(paper_id)
        return self._by_slug[slug] if slug else None

    def __len__(self) -> int:
        return len(self.venues)
