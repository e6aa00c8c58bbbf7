"""Pages per author, venue and year.

Who is one person and what is one venue is the records stage's call
(``records.people``, ``records.venues``): this module renders the collection's
``people`` and ``venues`` indexes. **Years** come from the publication date.

Pages: ``authors/<slug>.md`` (papers newest first, with co-authors) and an A–Z
index ``authors/index.md``; ``venues/<slug>.md`` and ``venues/index.md``;
``years/<year>.md`` and ``years/index.md``. Long lists are paged like topics.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping

import jinja2

from generator import paths
from generator.model.collection import Collection
from generator.model.page import PaperPeople
from generator.model.papers import Paper
from generator.runtime.cache import NO_CACHE, Cache, Memo, paper_keys
from generator.runtime.output import Outputs
from generator.runtime.cache import key as cache_key
from generator.site import pages as page_stage
from generator.text import identifiers
from generator.text.normalise import fold, split_name

AUTHORS, VENUES, YEARS = "authors", "venues", "years"
#: The browse indexes as pages name them: (label, index page). A collection has the ones
#: it has something to list on: no "0 authors" page, and no button or link to one.
INDEXES = (("Authors", paths.AUTHORS), ("Venues", paths.VENUES), ("Years", paths.YEARS))
#: One A–Z page holds every author up to this many; beyond, a page per letter.
ONE_PAGE_AUTHORS = 3000
#: The index page names the authors with the most papers first.
MOST_PUBLISHED = 30


def paper_authors(collection: Collection, p: Paper) -> list[str]:
    """Slugs of the paper's authors' persons, in the paper's order, each once."""
    return list(dict.fromkeys(collection.people.of_paper.get(p.id, ())))


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


def paper_links(p: Paper, collection: Collection) -> tuple[list[tuple[str, str]], tuple[str, str] | None,
                                                        tuple[str, str] | None]:
    """A paper's authors (as the paper spells them), venue and year, each with the path of its page."""
    slugs = collection.people.of_paper.get(p.id, ())
    authors = [(a, author_path(s)) for a, s in zip(p.authors, slugs)]
    return (authors, venue_link(p, collection), (p.year, year_path(p.year)) if p.year and p.year.isdigit() else None)


def venue_link(p: Paper, collection: Collection) -> tuple[str, str] | None:
    """A paper's venue as the paper writes it, with the path of its page (None without a venue)."""
    slug = collection.venues.of_paper.get(p.id)
    return (p.venue, venue_path(slug)) if slug and p.venue else None


def people_links(collection: Collection, directory_urls: bool) -> dict[str, PaperPeople]:
    """Paper id → the links from its page to its authors', venue's and year's pages (final URLs)."""
    here = paths.paper("_")  # every paper page is papers/<id>.md: a link depends on its target only
    urls: dict[str, str] = {}

    def url(path: str) -> str:
        if path not in urls:
            urls[path] = paths.href(here, path, directory_urls)
        return urls[path]
    out = {}
    for p in collection.papers:
        authors, venue, year = paper_links(p, collection)
        out[p.id] = PaperPeople(tuple((a, url(path)) for a, path in authors),
                                (venue[0], url(venue[1])) if venue else None, (year[0], url(year[1])) if year else None,
                                frozenset(path for _, path in (*authors, *(x for x in (venue, year) if x))))
    return out


def indexes(files: Mapping[str, object]) -> tuple[tuple[str, str], ...]:
    """(label, path) of the author, venue and year indexes among a build's ``files``, in order:
    what the home and search pages offer, and each index links to the others."""
    return tuple((label, path) for label, path in INDEXES if path in files)


def render(collection: Collection, env: jinja2.Environment, directory_urls: bool,
           cache: Cache | None = None, salt: tuple = ()) -> Outputs:
    """Author, venue and year pages with their indexes, keyed by path under docs/; an
    index only where the collection has something to list on it (no "0 authors" page).

    With ``cache``, an author page whose papers, co-authors and ``salt`` (what the
    caller's templates and settings are) are those of the last build is not rendered again.
    """
    files = Outputs()
    years: dict[str, list[Paper]] = defaultdict(list)
    for p in collection.papers:
        if p.year and p.year.isdigit():
            years[p.year].append(p)
    by_year = [(y, y, page_stage.sort_papers(ps)) for y, ps in sorted(years.items(), reverse=True)]
    by_id = {p.id: p for p in collection.papers}
    venues = [(v.slug, v.name, page_stage.sort_papers([by_id[i] for i in v.papers])) for v in collection.venues.venues]
    present = (collection.people.persons, venues, by_year)
    common = dict(topics=collection.taxonomy.by_slug, tag_names=collection.tag_names,
                  browse=tuple(index for index, has in zip(INDEXES, present) if has))
    memo = (cache or NO_CACHE).memo("author-pages", salt, directory_urls, common)
    keys = paper_keys(collection.papers) if memo.enabled else {}
    if collection.people.persons:
        _author_pages(files, collection, env, common, memo, keys, directory_urls)
    memo.save()
    memo = (cache or NO_CACHE).memo("venue-year-pages", salt, directory_urls, common)
    # A proceedings index: a venue's papers by year, a year's papers by venue.
    lists = _Lists(env, common, memo, keys, directory_urls)
    lists.pages(files, "venue.md.j2", VENUES, venues, _year_of, "Venue: ")
    by_venue = [(y, label, _venue_order(collection, ps)) for y, label, ps in by_year]
    lists.pages(files, "year.md.j2", YEARS, by_venue, lambda p: _venue_heading(collection, p), "Papers of ")
    memo.save()
    ranked = sorted(venues, key=lambda v: (-len(v[2]), v[1].casefold()))
    if venues:
        page, links = page_stage.render_page(
            env.get_template("venues.md.j2"), paths.VENUES, "Venues", directory_urls, hide_toc=True,
            venues=[(s, label, len(ps), _span(ps)) for s, label, ps in ranked], **common)
        files.add(paths.VENUES, page, "the list of venues", links)
    if by_year:
        page, links = page_stage.render_page(env.get_template("years.md.j2"), paths.YEARS, "Years", directory_urls,
                                             hide_toc=True, years=[(y, len(ps)) for y, _, ps in by_year], **common)
        files.add(paths.YEARS, page, "the list of years", links)
    return files


class _Lists:
    """Venue or year pages: their papers in sections under a heading (a year, a venue)."""

    def __init__(self, env, common: dict, memo: Memo, keys: dict[str, str], directory_urls: bool):
        self.env, self.common, self.memo, self.keys, self.directory_urls = env, common, memo, keys, directory_urls

    def pages(self, files: Outputs, template: str, folder: str, groups, heading, title: str) -> None:
        """The pages of each group (slug, label, papers), its papers under ``heading(paper)`` ((text,
        path or None)); one whose papers, label, sections and page numbers are those of the last
        build comes from the memo."""
        tpl, memo = self.env.get_template(template), self.memo
        for slug, label, members in groups:
            for listing in page_stage._paged(members):
                path = listing.path(f"{folder}/{slug}", listing.number)
                sections: list[tuple[str, str | None, list[Paper]]] = []
                for p in listing.papers:
                    head = heading(p)
                    if not sections or sections[-1][:2] != head:
                        sections.append((*head, []))
                    sections[-1][2].append(p)
                page_key = memo.enabled and cache_key(template, path, label, len(members), listing.number,
                                                      listing.count, [self.keys[p.id] for p in listing.papers],
                                                      [s[:2] for s in sections])
                name = title + label + (f" · page {listing.number}" if listing.number > 1 else "")
                page, links = memo.get(page_key, lambda: page_stage.render_page(
                    tpl, path, name, self.directory_urls, label=label, total=len(members), listing=listing,
                    sections=sections, base=f"{folder}/{slug}", **self.common))
                files.add(path, page, f"the page of {folder[:-1]} {label!r}", links)


def _year_of(p: Paper) -> tuple[str, str | None]:
    return (p.year, year_path(p.year)) if p.year and p.year.isdigit() else ("Year not given", None)


def _venue_heading(collection: Collection, p: Paper) -> tuple[str, str | None]:
    venue = collection.venues.of(p.id)
    return (venue.name, venue_path(venue.slug)) if venue else ("Venue not given", None)


def _venue_order(collection: Collection, papers: list[Paper]) -> list[Paper]:
    """A year's papers by venue (A–Z, those without one last), each venue's newest first."""
    def venue(p: Paper) -> tuple:
        v = collection.venues.of(p.id)
        return (v is None, v.name.casefold() if v else "", v.slug if v else "")
    return sorted(papers, key=venue)  # stable: the newest-first order within a venue stays


def _span(papers: list[Paper]) -> str:
    """The years a venue's papers span: "2012–2022", "2019", or ""."""
    years = sorted({p.year for p in papers if p.year and p.year.isdigit()})
    return "" if not years else years[0] if len(years) == 1 else f"{years[0]}–{years[-1]}"


def _author_pages(files: Outputs, collection: Collection, env, common, memo: Memo, keys: dict[str, str],
                  directory_urls: bool) -> None:
    tpl = env.get_template("author.md.j2")
    people = collection.people
    by_id = {p.id: p for p in collection.papers}
    for person in people.persons:
        path = author_path(person.slug)
        papers = page_stage.sort_papers([by_id[i] for i in person.papers])
        rows = []
        for p in papers:
            others = [(people.by_slug(s).name, author_path(s)) for s in paper_authors(collection, p) if s != person.slug]
            rows.append((p, others))
        co = Counter(s for p in papers for s in set(paper_authors(collection, p)) if s != person.slug)
        top = [(people.by_slug(s).name, author_path(s), n)
               for s, n in sorted(co.items(), key=lambda kv: (-kv[1], people.by_slug(kv[0]).name.casefold()))[:12]]
        venue = {p.id: venue_link(p, collection) for p in papers}  # for the key and the page: worked out once
        page_key = memo.enabled and cache_key(path, person, [(keys[p.id], o) for p, o in rows], top,
                                              [venue[p.id] for p in papers])
        page, links = memo.get(page_key, lambda: page_stage.render_page(
            tpl, path, person.name, directory_urls, name=person.name, rows=rows, coauthors=top,
            venue_of=lambda p: venue[p.id],
            orcid=(person.orcid, identifiers.orcid_url(person.orcid)) if person.orcid else None,
            also=[s for s in person.spellings if s != person.name], **common))
        files.add(path, page, f"the page of author {person.name!r}", links)
    _author_index(files, people, env, common, directory_urls)


def _author_index(files: Outputs, people, env, common, directory_urls: bool) -> None:
    """The authors A–Z: one page, or beyond ``ONE_PAGE_AUTHORS`` one per letter."""
    people_rows = sorted(((p.name, p.slug, len(p.papers)) for p in people.persons), key=lambda r: (sort_name(r[0]), r[1]))
    letters: dict[str, list] = defaultdict(list)
    for row in people_rows:
        letters[letter(row[0])].append(row)
    one_page = len(people_rows) <= ONE_PAGE_AUTHORS
    index = env.get_template("authors.md.j2")
    order = sorted(letters, key=lambda c: (c == "#", c))
    most = sorted(people_rows, key=lambda r: (-r[2], r[0].casefold(), r[1]))[:MOST_PUBLISHED]
    page, links = page_stage.render_page(
        index, paths.AUTHORS, "Authors", directory_urls, hide_toc=True, letters=order, sections=letters,
        one_page=one_page, current=None, total=len(people_rows), most=[r for r in most if r[2] > 1], **common)
    files.add(paths.AUTHORS, page, "the authors A–Z", links)
    for c in order if not one_page else ():
        path = f"{AUTHORS}/letter-{c.lower() if c != '#' else 'other'}.md"
        page, links = page_stage.render_page(
            index, path, f"Authors · {c}", directory_urls, hide_toc=True, letters=order, sections=letters,
            one_page=False, current=c, total=len(people_rows), most=[], **common)
        files.add(path, page, f"the authors under {c!r}", links)
