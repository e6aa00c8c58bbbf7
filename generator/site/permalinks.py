"""Every address the site ever published answers, and the ledger that remembers them.

:func:`ledger_after` is the ledger of this build (``generator.model.ledger``):
the last publication's, brought up to date — each paper's entry with its id now
(earlier ids become aliases), papers no longer in the sources *removed* (or
*merged* into the paper that took them in), topic and tag slugs no longer used
*retired*, with the slug that holds most of their papers now, and every page
path published.

:func:`render` makes what answers at each old address. GitHub Pages has no
server-side redirects, so each is a static HTML file at the old page's path
(``paths.static_page``: ``papers/old-id/index.html``) that MkDocs copies as it
is: no page of the navigation, the search index or the sitemap.

* a **redirect** (a paper whose id changed on purpose, a merged paper, a renamed
  or merged topic or tag, a page of a list that has fewer pages now, an author,
  venue or year page that is gone): a canonical link to the page now, a meta
  refresh to it (relative: it works from ``file://`` too) and a visible link;
* a **removal notice** (a paper no longer in the collection): what the paper
  was, with its citation and links to its arXiv and DOI pages — never a 404;
  a retired topic or tag whose papers went apart lists them;
* a retired topic's feed and downloads answer with those of its successor.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import replace

import jinja2

from generator import paths
from generator.model.collection import Collection
from generator.model.ledger import LIVE, MERGED, REMOVED, RETIRED, History, Ledger, PaperEntry, SlugEntry, to_json
from generator.model.papers import Paper
from generator.runtime.output import Outputs, data_of
from generator.site import feeds
from generator.text import identifiers

#: A retired tag redirects to the tag that holds its papers when the two sets of papers are this alike (Jaccard).
TAG_SUCCESSOR = 0.5


# --- the ledger of this build ----------------------------------------------------------------

def ledger_after(collection: Collection, produced: Iterable[str] = ()) -> Ledger:
    """The ledger to publish with this build (``produced``: every file it makes under docs/; the
    pages can be added later with :func:`with_pages`)."""
    history = collection.history or History()
    before = history.ledger or Ledger()
    papers = _paper_entries(collection, before, history)
    topic_names = {t.slug: (t.name, t.description) for t in collection.taxonomy.topics}
    members = {"topic": _members(collection.papers, lambda p: (p.topic,)),
               "tag": _members(collection.papers, lambda p: p.tags)}
    had = {"topic": _members(_live(before, history), lambda e: (e[1].topic,)),
           "tag": _members(_live(before, history), lambda e: e[1].tags)}
    key = history.first_id
    topics = _slug_entries(before.topics, {s: topic_names[s] for s in members["topic"]}, had["topic"],
                           members["topic"], history.settled, 0.5, key)
    tags = _slug_entries(before.tags, {s: (collection.tag_names[s], "") for s in members["tag"]}, had["tag"],
                         members["tag"], {}, None, key)
    return with_pages(Ledger(tuple(papers), topics, tags, before.pages, history.derived), produced)


def with_pages(ledger: Ledger, produced: Iterable[str]) -> Ledger:
    """``ledger`` with every page of ``produced`` (paths under docs/) but the papers' in its pages."""
    pages = set(ledger.pages) | {p for p in produced if p.endswith(".md") and not p.startswith("papers/")}
    return replace(ledger, pages=tuple(sorted(pages)))


def _live(before: Ledger, history: History) -> list[tuple[str, PaperEntry]]:
    """(a paper's id now, its entry in the last ledger) for each paper that was live then and is now."""
    return [(pid, before.papers[n]) for pid, n in history.kept.entry.items() if before.papers[n].status == LIVE]


def _members(items, slugs) -> dict[str, set[str]]:
    """Slug → the ids of the papers (``Paper`` or (id, entry) pairs) that have it."""
    out: dict[str, set[str]] = {}
    for item in items:
        key = item[0] if isinstance(item, tuple) else item.id
        for s in slugs(item):
            out.setdefault(s, set()).add(key)
    return out


def _paper_entries(collection: Collection, before: Ledger, history: History) -> list[PaperEntry]:
    kept = history.kept
    by_entry = {n: pid for pid, n in kept.entry.items()}
    current = {p.id: p for p in collection.papers}
    out = []
    for n, e in enumerate(before.papers):
        if n in by_entry:
            p = current[by_entry[n]]
            aliases = tuple(dict.fromkeys(a for a in (*e.aliases, e.id) if a != p.id))
            keys = tuple(dict.fromkeys((*e.citation_keys, *([p.citation_key] if p.citation_key else []))))
            out.append(_entry(p, e.key, aliases, keys, kept.fingerprints.get(p.id, "")))
        elif n in kept.merged:
            out.append(replace(e, status=MERGED, into=before.papers[kept.entry[kept.merged[n]]].key))
        elif e.status == LIVE:
            out.append(replace(e, status=REMOVED))
        else:
            out.append(e)
    for p in collection.papers:
        if p.id not in kept.entry:
            out.append(_entry(p, p.id, (), (p.citation_key,) if p.citation_key else (), kept.fingerprints.get(p.id, "")))
    return out


def _entry(p: Paper, key: str, aliases: tuple[str, ...], keys: tuple[str, ...], print_: str) -> PaperEntry:
    return PaperEntry(key=key, id=p.id, aliases=aliases, title=p.title, authors=p.authors, published=p.published,
                      venue=p.venue, arxiv=p.arxiv, doi=p.doi, s2=p.s2, citation_keys=keys, fingerprint=print_,
                      topic=p.topic, tags=p.tags)


def _slug_entries(before: tuple[SlugEntry, ...], live: Mapping[str, tuple[str, str]], had: dict[str, set[str]],
                  now: dict[str, set[str]], settled: Mapping[str, int], share: float | None,
                  key_of) -> tuple[SlugEntry, ...]:
    """Topic or tag entries: the live ones updated, those no longer used retired with their successor
    (``share``: the part of its papers a topic must hold; None: tags, by ``TAG_SUCCESSOR``), or with
    the keys (``key_of``: a paper id's key) of the papers they had."""
    out, seen = [], set()
    for e in before:
        seen.add(e.slug)
        if e.slug in live:
            name, description = live[e.slug]
            out.append(replace(e, name=name, description=description, status=LIVE, into=None, papers=(),
                               settled=settled.get(e.slug, 0)))
        elif e.status == LIVE:
            into = _successor(had.get(e.slug, set()), now, share)
            out.append(replace(e, status=RETIRED, into=into, settled=0,
                               papers=() if into else tuple(sorted(map(key_of, had.get(e.slug, ()))))))
        else:
            out.append(e)
    keys = {e.into: e.key for e in reversed(out) if e.status == RETIRED and e.into}
    for slug in sorted(set(live) - seen):
        name, description = live[slug]
        out.append(SlugEntry(slug, name, key=keys.get(slug, slug), description=description,
                             settled=settled.get(slug, 0)))
    return tuple(out)


def _successor(papers: set[str], now: dict[str, set[str]], share: float | None) -> str | None:
    """The slug that holds most of ``papers`` now (a topic: more than ``share`` of them; a tag: a set
    of papers as alike as ``TAG_SUCCESSOR``), or None."""
    if not papers:
        return None
    count = Counter(s for s, members in now.items() for _ in members & papers)
    for slug, n in sorted(count.items(), key=lambda c: (-c[1], c[0]))[:1]:
        if share is not None and n > share * len(papers):
            return slug
        if share is None and n / len(papers | now[slug]) >= TAG_SUCCESSOR:
            return slug
    return None


# --- what answers at the old addresses -------------------------------------------------------

def render(ledger: Ledger, files: Mapping[str, str], env: jinja2.Environment, *, directory_urls: bool,
           site_url: str | None, site_name: str) -> Outputs:
    """The redirects and removal notices at every old address of ``ledger`` that ``files`` (this
    build's files under docs/) no longer have a page at, the old topic feeds and downloads, and
    the ledger itself."""
    out = Outputs()
    answer = _Answers(out, files, env, directory_urls, site_url, site_name)
    _paper_addresses(answer, ledger)
    for kind, entries in (("topic", ledger.topics), ("tag", ledger.tags)):
        _slug_addresses(answer, kind, entries, ledger)
    for md in ledger.pages:
        if not answer.taken(md):
            target = _fallback(md, files)
            answer.redirect(md, target, _label(target, site_name))
    _feeds(out, files, ledger.topics, answer)
    out.add(paths.LEDGER, to_json(ledger), "the ledger of published addresses")
    return out


class _Answers:
    """Writes the static page that answers at an old page's address."""

    def __init__(self, out: Outputs, files: Mapping[str, str], env: jinja2.Environment, directory_urls: bool,
                 site_url: str | None, site_name: str):
        self.out, self.files, self.urls, self.site_url, self.site_name = out, files, directory_urls, site_url, site_name
        self.moved, self.removed = env.get_template("redirect.html.j2"), env.get_template("gone.html.j2")

    def taken(self, md: str) -> bool:
        """Whether the address of docs/``md`` has a page, or an answer already."""
        at = paths.static_page(md, self.urls)
        return md in self.files or at in self.files or at in self.out

    def href(self, old: str, to: str) -> str:
        return paths.href(old, to, self.urls)

    def redirect(self, old: str, new: str, title: str) -> None:
        if self.taken(old):
            return
        url = self.href(old, new)
        canonical = paths.absolute(self.site_url, new, self.urls) or url
        self.out.add(paths.static_page(old, self.urls), self.moved.render(
            title=title, url=url, canonical=canonical, site_name=self.site_name), "a redirect from an old address")

    def gone(self, old: str, kind: str, heading: str, **context) -> None:
        if self.taken(old):
            return
        search = paths.SEARCH if paths.SEARCH in self.files else paths.HOME
        self.out.add(paths.static_page(old, self.urls), self.removed.render(
            kind=kind, heading=heading, home=self.href(old, paths.HOME), search=self.href(old, search),
            site_name=self.site_name, **context), f"the notice at the address of a removed {kind}")


def _final(entry, by_key: Mapping[str, object], moved: str, attr: str = "key"):
    """The entry ``entry`` leads to, following ``into`` while its status is ``moved`` (None: a broken chain)."""
    seen = set()
    while entry is not None and entry.status == moved and getattr(entry, attr) not in seen:
        seen.add(getattr(entry, attr))
        entry = by_key.get(entry.into)
    return None if entry is not None and entry.status == moved else entry


def _paper_addresses(answer: _Answers, ledger: Ledger) -> None:
    by_key = {e.key: e for e in ledger.papers}
    for e in ledger.papers:
        final = _final(e, by_key, MERGED) or replace(e, status=REMOVED)
        if final.status == REMOVED and final.key == e.key:
            answer.gone(paths.paper(e.id), "paper", "Removed from the collection", title=f"Removed: {e.title}",
                        entry=e, links=_links(e), listing=None)
        target = paths.paper(final.id)
        for old in (e.id, *e.aliases):
            if old != final.id:
                answer.redirect(paths.paper(old), target, final.title)


def _links(e: PaperEntry) -> list[tuple[str, str]]:
    out = []
    if e.arxiv:
        out.append((f"arXiv:{e.arxiv}", identifiers.arxiv_url(e.arxiv)))
    if e.doi:
        out.append((f"doi:{e.doi}", identifiers.doi_url(e.doi)))
    return out


_PAGED = re.compile(r"(topics|tags)/([^/]+?)(?:/(\d+))?\.md")


def _slug_addresses(answer: _Answers, kind: str, entries: tuple[SlugEntry, ...], ledger: Ledger) -> None:
    """A retired slug's pages redirect to its successor's; without one, its first page lists its papers."""
    page = paths.topic if kind == "topic" else paths.tag
    by_slug = {e.slug: e for e in entries}
    numbers: dict[str, set[int]] = {}
    for md in ledger.pages:
        if (m := _PAGED.fullmatch(md)) and m[1] == f"{kind}s":
            numbers.setdefault(m[2], set()).add(int(m[3] or 1))
    papers = {e.key: e for e in ledger.papers if e.status == LIVE}
    for e in entries:
        if e.status != RETIRED:
            continue
        final = _final(e, by_slug, RETIRED, "slug")
        for n in sorted(numbers.get(e.slug, set()) | {1}):
            if final is not None:
                to = page(final.slug, n) if page(final.slug, n) in answer.files else page(final.slug)
                answer.redirect(page(e.slug, n), to, final.name)
            elif n > 1:
                answer.redirect(page(e.slug, n), page(e.slug), e.name)
            else:
                held = sorted((papers[k].title, answer.href(page(e.slug), paths.paper(papers[k].id)))
                              for k in e.papers if k in papers)
                answer.gone(page(e.slug), kind, f"No longer a {kind}: {e.name}", title=f"No longer a {kind}: {e.name}",
                            entry=e, papers=held,
                            listing=answer.href(page(e.slug), paths.TOPICS if kind == "topic" else paths.TAGS))


def _fallback(md: str, files: Mapping[str, str]) -> str:
    """Where a page that is gone sends readers: the first page of its list, its folder's index, the home page."""
    first = re.sub(r"/\d+\.md$", ".md", md)
    index = md.split("/", 1)[0] + "/index.md"
    return next((p for p in (first, index) if p != md and p in files), paths.HOME)


def _ended(out: Outputs, files: Mapping[str, str], e: SlugEntry, answer: _Answers) -> None:
    note = f"The topic {e.name} is no longer in the collection; its papers are in other topics now."
    page = answer.href(paths.feed(e.slug), paths.topic(e.slug))
    empty = {".bib": f"% {note}\n", ".json": "[]\n", ".ris": ""}  # RIS has no comments: no records
    for path, text in ((paths.feed(e.slug), feeds.ended(answer.site_name, e.slug, e.key or e.slug, e.name, page)),
                       *((paths.downloads(e.slug) + ext, empty[ext]) for ext in paths.DOWNLOAD_FORMATS)):
        if path not in files and path not in out:
            out.add(path, text, "the feed or downloads of a topic that is gone")


def _label(md: str, site_name: str) -> str:
    if md == paths.HOME:
        return site_name
    parts = md.removesuffix(".md").removesuffix("/index").split("/")
    return parts[-1].replace("-", " ").capitalize()


def _feeds(out: Outputs, files: Mapping[str, str], topics: tuple[SlugEntry, ...], answer: _Answers) -> None:
    """A retired topic's feed and downloads: those of the topic that holds its papers now; when
    its papers went apart, a feed without entries and empty downloads that say so."""
    by_slug = {e.slug: e for e in topics}
    for e in (e for e in topics if e.status == RETIRED):
        final = _final(e, by_slug, RETIRED, "slug")
        if final is None:
            _ended(out, files, e, answer)
            continue
        for source, target in [(paths.feed(final.slug), paths.feed(e.slug))] + [
                (paths.downloads(final.slug) + ext, paths.downloads(e.slug) + ext) for ext in paths.DOWNLOAD_FORMATS]:
            if source in files and target not in files and target not in out:
                out.add(target, data_of(files, source), f"the {target.rsplit('.', 1)[-1]} file of a renamed topic")
