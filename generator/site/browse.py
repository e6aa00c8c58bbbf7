"""Pages per author, venue and year, and who is who.

**Who is one person.** Two spellings of a name are one author when

1. their normalised names are equal: family name (whole, with its particles:
   "Del Maestro" is not "Maestro") and given names folded to lower-case ASCII
   words ("Gödel, Kurt", "Kurt Godel" and "KURT GÖDEL" agree); or
2. one gives only initials ("O. Ronneberger", "Ronneberger, O.") where the
   other spells the given names out ("Olaf Ronneberger"), the family names
   agree, the initials are those of the spelled-out names, **and** the two
   share a co-author on some paper. If the initials fit two different people
   that share co-authors, they stay apart.

Nothing else merges: "John Smith" and "Jane Smith" are two people, and so are
"J. Smith" and "John Smith" when they never wrote with the same person.
(``tests/unit/site/test_browse.py`` holds the equivalence tables.)

**Venues** are the records' ``venue`` without a year ("ICLR 2021", "ICLR
2022" → ICLR), compared folded. **Years** come from the publication date.

Pages: ``authors/<slug>.md`` (papers newest first, with co-authors) and an A–Z
index ``authors/index.md``; ``venues/<slug>.md`` and ``venues/index.md``;
``years/<year>.md`` and ``years/index.md``. Long lists are paged like topics.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import jinja2

from generator import paths
from generator.model.collection import Collection
from generator.model.page import PaperExtras, PaperPeople
from generator.model.papers import Paper
from generator.runtime.cache import Cache, Memo, paper_keys
from generator.runtime.cache import key as cache_key
from generator.site import pages as page_stage
from generator.text.normalise import fold, full_family, split_name
from generator.text.slugs import slugify

AUTHORS, VENUES, YEARS = "authors", "venues", "years"
#: The browse indexes as pages name them: (label, index page). A collection has the ones
#: it has something to list on: no "0 authors" page, and no button or link to one.
INDEXES = (("Authors", paths.AUTHORS), ("Venues", paths.VENUES), ("Years", paths.YEARS))
#: One A–Z page holds every author up to this many; beyond, a page per letter.
ONE_PAGE_AUTHORS = 3000
#: The index page names the authors with the most papers first.
MOST_PUBLISHED = 30
#: Volume, issue and page numbers at the end of a venue ("vol. 3, no. 1", "pp. 26-33", "324, 523").
_NUMBERS = re.compile(r"[\s,;:]*(?:\b(?:vol|volume|no|issue|pp|p|ed)\.?\s*)?[\d\-–:]+$", re.IGNORECASE)
_YEAR = re.compile(r"(?<![\w.])(?:19|20)\d\d(?!\w|\.\d)|'\d\d\b")


def name_key(name: str) -> tuple[str, tuple[str, ...]]:
    """(family, given words), folded: equal keys are one person (rule 1). The family
    name is whole, with its particles ("Del Maestro", and "van" of "Beethoven, Ludwig
    van": ``normalise.full_family``); particles in lower case among the given names are left out."""
    family, given = split_name(name)
    words = [w for w in given.replace(".", ". ").split() if not (w.islower() and len(w) <= 3)]
    return full_family(name), tuple(fold(" ".join(words)).split())


def initials_only(given: tuple[str, ...]) -> bool:
    """True for given names written as initials only ("O.", "J. M.", "JM")."""
    return bool(given) and all(len(w) == 1 for w in given) or (len(given) == 1 and given[0].isupper())


def _initials(given: tuple[str, ...]) -> str:
    return "".join(w[0] for w in given)


def fits(initials: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """The initials ("j", "m") are those of the spelled-out given names ("john", "michael")."""
    short, long = _initials(initials), _initials(full)
    return bool(short) and long.startswith(short)


def group_names(papers: tuple[Paper, ...]) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Every author spelling → the key of the person it names (rules 1 and 2)."""
    keys = {a: name_key(a) for p in papers for a in p.authors}
    coauthors: dict[tuple, set] = defaultdict(set)
    for p in papers:
        ks = {keys[a] for a in p.authors}
        for k in ks:
            coauthors[k] |= ks - {k}
    by_family: dict[str, list] = defaultdict(list)
    for k in sorted(set(keys.values())):
        if not initials_only(k[1]):
            by_family[k[0]].append(k)
    merged: dict[tuple, tuple] = {}
    for k in sorted(set(keys.values())):
        if not initials_only(k[1]):
            continue
        short = tuple(k[1][0]) if len(k[1]) == 1 and len(k[1][0]) > 1 else k[1]  # "JM" → j, m
        candidates = [f for f in by_family[k[0]] if fits(short, f[1]) and _shares(coauthors, k, f)]
        if len(candidates) == 1:
            merged[k] = candidates[0]
    return {a: merged.get(k, k) for a, k in keys.items()}


def _shares(coauthors: dict[tuple, set], a: tuple, b: tuple) -> bool:
    """a and b wrote with a common co-author (compared by family name and first initial)."""
    def loose(ks):
        return {(k[0], k[1][0][:1] if k[1] else "") for k in ks}
    return bool(loose(coauthors[a]) & loose(coauthors[b]))


def display(name: str) -> str:
    """"Family, Given" → "Given Family"; other spellings as written."""
    if "," not in name:
        return " ".join(name.split())
    family, given = split_name(name)
    return f"{given} {family}".strip()


def venue_label(venue: str | None) -> str | None:
    """The venue without its year ("MICCAI 2015" → "MICCAI"), or None."""
    if not venue:
        return None
    label = _tidy(_YEAR.sub("", venue))
    while (cut := _tidy(_NUMBERS.sub("", label))) != label:  # "Annals of Physics 324, 523" → "Annals of Physics"
        label = cut
    return label or None


def _tidy(label: str) -> str:
    label = re.sub(r"\s+[.,;:]+$", "", " ".join(label.replace("()", " ").split()))
    return label.strip(" ,;:-").rstrip("(").strip()


@dataclass
class People:
    """Authors (person key → papers, name, slug) and venues of a collection."""

    of_name: dict[str, tuple] = field(default_factory=dict)
    names: dict[tuple, str] = field(default_factory=dict)
    slugs: dict[tuple, str] = field(default_factory=dict)
    papers: dict[tuple, list[Paper]] = field(default_factory=dict)
    venue_keys: dict[str, str] = field(default_factory=dict)  # record venue → key
    venue_labels: dict[str, str] = field(default_factory=dict)  # key → label
    venue_slugs: dict[str, str] = field(default_factory=dict)
    venue_papers: dict[str, list[Paper]] = field(default_factory=dict)

    def paper_authors(self, p: Paper) -> list[str]:
        """Slugs of the paper's authors, in the paper's order, each once."""
        return list(dict.fromkeys(self.slugs[self.of_name[a]] for a in p.authors))

    def name(self, slug: str) -> str:
        return self._by_slug()[slug][1]

    def _by_slug(self) -> dict[str, tuple]:
        if not hasattr(self, "_slug_index"):
            self._slug_index = {s: (k, self.names[k]) for k, s in self.slugs.items()}
        return self._slug_index

    def venue_key(self, p: Paper) -> str | None:
        return self.venue_keys.get(p.venue) if p.venue else None

    def venue_name(self, p: Paper) -> str | None:
        k = self.venue_key(p)
        return self.venue_labels[k] if k else None

    def venue_label(self, key: str) -> str:
        return self.venue_labels[key]


def _spelling_rank(s: str, used: Counter) -> tuple:
    """The fullest spelling names the person: given names spelled out, not in capitals,
    with its accents; then the most used."""
    words = s.split()
    shouting = any(len(w) > 1 and w.isupper() for w in words)
    return (-len(words[0]) if words else 0, shouting, s.isascii(), -used[s], s)


def _unique_slugs(labels: list[tuple[object, str]]) -> dict:
    used: set[str] = set()
    out = {}
    for key, label in labels:
        base = slugify(label) or "unnamed"
        slug, n = base, 2
        while slug in used or paths.reserved(slug):  # authors/index.md, venues/index.md: the lists
            slug, n = f"{base}-{n}", n + 1
        used.add(slug)
        out[key] = slug
    return out


def people(collection: Collection) -> People:
    """Who is who in the collection (see the module docstring)."""
    return people_of(collection.papers)


def people_of(papers: tuple[Paper, ...]) -> People:
    """Authors and venues of these papers."""
    out = People(of_name=group_names(papers))
    spellings: dict[tuple, Counter] = defaultdict(Counter)
    by_person: dict[tuple, list[Paper]] = defaultdict(list)
    for p in papers:
        for k in dict.fromkeys(out.of_name[a] for a in p.authors):
            by_person[k].append(p)
        for a in p.authors:
            spellings[out.of_name[a]][display(a)] += 1
    out.names = {k: min(c, key=lambda s: _spelling_rank(s, c)) for k, c in spellings.items()}
    out.slugs = _unique_slugs(sorted(((k, out.names[k]) for k in out.names), key=lambda kv: kv[0]))
    out.papers = {k: page_stage.sort_papers(ps) for k, ps in by_person.items()}
    labels: dict[str, Counter] = defaultdict(Counter)
    for p in papers:
        if (label := venue_label(p.venue)) and (key := fold(label)):
            out.venue_keys[p.venue] = key
            labels[key][label] += 1
    out.venue_labels = {k: min(c, key=lambda s: (-c[s], s)) for k, c in labels.items()}
    out.venue_slugs = _unique_slugs(sorted(out.venue_labels.items()))
    venue_papers: dict[str, list[Paper]] = defaultdict(list)
    for p in papers:
        if k := out.venue_key(p):
            venue_papers[k].append(p)
    out.venue_papers = {k: page_stage.sort_papers(ps) for k, ps in venue_papers.items()}
    return out


def sort_name(name: str) -> str:
    """Family name first, folded, for the A–Z index."""
    family, given = split_name(name)
    return f"{fold(family)} {fold(given)}".strip() or name.casefold()


def letter(name: str) -> str:
    first = sort_name(name)[:1].upper()
    return first if first.isalpha() and first.isascii() else "#"


# --- pages ---------------------------------------------------------------------------

author_path = paths.author


def venue_path(slug: str) -> str:
    return paths.listing(paths.venue_base(slug))


def year_path(year: str) -> str:
    return paths.listing(paths.year_base(year))


def paper_links(p: Paper, who: People) -> tuple[list[tuple[str, str]], tuple[str, str] | None, tuple[str, str] | None]:
    """A paper's authors, venue and year, each with the path of its page."""
    authors = [(a, author_path(who.slugs[who.of_name[a]])) for a in p.authors]
    return (authors, venue_link(p, who), (p.year, year_path(p.year)) if p.year and p.year.isdigit() else None)


def venue_link(p: Paper, who: People) -> tuple[str, str] | None:
    """A paper's venue with the path of its page (None without a venue)."""
    key = who.venue_key(p)
    return (p.venue, venue_path(who.venue_slugs[key])) if key else None


def with_people(extras: dict[str, PaperExtras], papers: tuple[Paper, ...], who: People, directory_urls: bool) -> None:
    """Give each paper page the links to its authors', venue's and year's pages (final URLs)."""
    here = paths.paper("_")  # every paper page is papers/<id>.md: a link depends on its target only
    urls: dict[str, str] = {}

    def url(path: str) -> str:
        if path not in urls:
            urls[path] = paths.href(here, path, directory_urls)
        return urls[path]
    for p in papers:
        authors, venue, year = paper_links(p, who)
        extras[p.id] = replace(extras[p.id], people=PaperPeople(
            tuple((a, url(path)) for a, path in authors),
            (venue[0], url(venue[1])) if venue else None, (year[0], url(year[1])) if year else None))


def indexes(files: Mapping[str, object]) -> tuple[tuple[str, str], ...]:
    """(label, path) of the author, venue and year indexes among a build's ``files``, in order:
    what the home and search pages offer, and each index links to the others."""
    return tuple((label, path) for label, path in INDEXES if path in files)


def render(collection: Collection, who: People, env: jinja2.Environment,
           cache: Cache | None = None, salt: tuple = ()) -> dict[str, str]:
    """Author, venue and year pages with their indexes, keyed by path under docs/; an
    index only where the collection has something to list on it (no "0 authors" page).

    With ``cache``, an author page whose papers, co-authors and ``salt`` (what the
    caller's templates and settings are) are those of the last build is not rendered again.
    """
    files: dict[str, str | bytes] = {}  # author pages as UTF-8 bytes (what output.Outputs keeps)
    years: dict[str, list[Paper]] = defaultdict(list)
    for p in collection.papers:
        if p.year and p.year.isdigit():
            years[p.year].append(p)
    by_year = [(y, y, page_stage.sort_papers(ps)) for y, ps in sorted(years.items(), reverse=True)]
    venues = [(who.venue_slugs[k], who.venue_labels[k], ps) for k, ps in who.venue_papers.items()]
    present = (who.papers, venues, by_year)
    common = dict(topics={t.slug: t for t in collection.taxonomy.topics}, tag_names=collection.tag_names,
                  browse=tuple(index for index, has in zip(INDEXES, present) if has))
    memo = Memo(cache or Cache(None), "author-pages", salt, common)
    keys = paper_keys(collection.papers) if memo.enabled else {}
    if who.papers:
        files.update(_author_pages(who, env, common, memo, keys))
    memo.save()
    memo = Memo(cache or Cache(None), "venue-year-pages", salt, common)
    files.update(_listing_pages(env, "venue.md.j2", VENUES, venues, common, memo, keys))
    files.update(_listing_pages(env, "year.md.j2", YEARS, by_year, common, memo, keys))
    memo.save()
    ranked = sorted(venues, key=lambda v: (-len(v[2]), v[1].casefold()))
    if venues:
        files[paths.VENUES] = env.get_template("venues.md.j2").render(
            here=paths.VENUES, venues=[(s, label, len(ps)) for s, label, ps in ranked], **common)
    if by_year:
        files[paths.YEARS] = env.get_template("years.md.j2").render(
            here=paths.YEARS, years=[(y, len(ps)) for y, _, ps in by_year], **common)
    return files


def _listing_pages(env, template: str, folder: str, groups, common, memo: Memo,
                   keys: dict[str, str]) -> dict[str, str | bytes]:
    """Venue or year pages; one whose papers, label and page numbers are those of the last build
    comes from ``memo``."""
    tpl = env.get_template(template)
    files = {}
    for slug, label, members in groups:
        for listing in page_stage._paged(members):
            path = listing.path(f"{folder}/{slug}", listing.number)
            page_key = memo.enabled and cache_key(template, path, label, len(members), listing.number, listing.count,
                                                  [keys[p.id] for p in listing.papers])
            files[path] = memo.get(page_key, lambda: tpl.render(
                label=label, total=len(members), listing=listing, base=f"{folder}/{slug}", here=path,
                **common).encode())
    return files


def _author_pages(who: People, env, common, memo: Memo, keys: dict[str, str]) -> dict[str, str | bytes]:
    files = {}
    tpl = env.get_template("author.md.j2")
    for key, papers in who.papers.items():
        slug = who.slugs[key]
        path = author_path(slug)
        rows = []
        for p in papers:
            others = [(who.names[k], author_path(who.slugs[k]))
                      for k in dict.fromkeys(who.of_name[a] for a in p.authors) if k != key]
            rows.append((p, others))
        co = Counter(k for p in papers for k in {who.of_name[a] for a in p.authors} if k != key)
        top = [(who.names[k], author_path(who.slugs[k]), n)
               for k, n in sorted(co.items(), key=lambda kv: (-kv[1], who.names[kv[0]].casefold()))[:12]]
        venue = {p.id: venue_link(p, who) for p in papers}  # for the key and the page: worked out once
        page_key = memo.enabled and cache_key(path, who.names[key], [(keys[p.id], o) for p, o in rows], top,
                                              [venue[p.id] for p in papers])
        files[path] = memo.get(page_key, lambda: tpl.render(
            name=who.names[key], rows=rows, coauthors=top, here=path, venue_of=lambda p: venue[p.id], **common).encode())
    people_rows = sorted(((who.names[k], who.slugs[k], len(ps)) for k, ps in who.papers.items()),
                         key=lambda r: (sort_name(r[0]), r[1]))
    letters: dict[str, list] = defaultdict(list)
    for row in people_rows:
        letters[letter(row[0])].append(row)
    one_page = len(people_rows) <= ONE_PAGE_AUTHORS
    index = env.get_template("authors.md.j2")
    order = sorted(letters, key=lambda c: (c == "#", c))
    most = sorted(people_rows, key=lambda r: (-r[2], r[0].casefold(), r[1]))[:MOST_PUBLISHED]
    files[paths.AUTHORS] = index.render(here=paths.AUTHORS, letters=order, sections=letters,
                                                one_page=one_page, current=None, total=len(people_rows),
                                                most=[r for r in most if r[2] > 1], **common)
    if not one_page:
        for c in order:
            path = f"{AUTHORS}/letter-{c.lower() if c != '#' else 'other'}.md"
            files[path] = index.render(here=path, letters=order, sections=letters, one_page=False, current=c,
                                       total=len(people_rows), most=[], **common)
    return files
