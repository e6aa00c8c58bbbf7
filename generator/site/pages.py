"""Collection → pages under docs/ (path → text), from Jinja2 templates.

Paper and list pages (topic, tag, the home page, the indexes) are final HTML with
one line of front matter values (generator/site/html.py: :func:`render_page`),
which MkDocs shows as they are; the other pages (statistics, map, downloads,
search) are Markdown. Nothing is written here: ``output.write_tree`` writes what
this returns. Templates autoescape; the filters ``html`` (HTML of record text),
``md`` (text whose ASCII punctuation is character references: Markdown text, and
the headings and lists of names as Markdown made them), ``attr`` and ``yaml`` are
the only ways record text gets onto a page, and each of them shows the source
text exactly.
"""
from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from generator import paths
from generator.errors import Problem, error
from generator.model.collection import Collection
from generator.model.page import NO_EXTRAS, PaperExtras
from generator.model.papers import Paper
from generator.model.taxonomy import Topic
from generator.paths import page_url, relative  # noqa: F401 - the page stage's helpers, used by features and search
from generator.runtime import progress
from generator.runtime.cache import NO_CACHE, Cache, paper_keys
from generator.runtime.cache import key as cache_key
from generator.runtime.output import Outputs
from generator.site import html
from generator.text import identifiers, markup

PAGE_SIZE = 100
#: How many of its most common tags a topic page lists (the statistics page charts stats.CHART_TAGS).
TOP_TAGS = 12
LATEST = 10


def environment(templates_dir: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["html"] = lambda s: Markup(markup.to_html(s or ""))
    env.filters["html_links"] = lambda s: Markup(markup.to_html(s or "", links=True))  # abstracts
    env.filters["data_url"] = markup.data_url
    env.filters["md"] = lambda s: Markup(markup.to_markdown(str(s)))
    env.filters["attr"] = lambda s: Markup(markup.to_attr(str(s)))
    env.filters["yaml"] = lambda s: Markup(markup.to_yaml(str(s)))
    env.filters["url"] = lambda s: Markup(markup.safe_url(s) or "")
    env.globals["rel"] = relative  # Markdown links, which MkDocs rewrites and checks
    env.globals["paths"] = paths
    env.globals["once"] = _once({})
    return env


def _once(memo: dict):
    """``once(macro, item, *args)``: the macro's output for this very ``item`` object and
    these arguments, rendered the first time only (a paper's list item is the same on
    each of its topic, tag, venue and year lists but for its link). The memo holds the
    item, so its ``id`` cannot pass to another object; a changed paper is a new object."""
    def once(macro, item, *args):
        key = (macro.name, id(item), *args)
        hit = memo.get(key)
        if hit is None or hit[0] is not item:
            hit = memo[key] = (item, macro(item, *args))
        return hit[1]
    return once


@dataclass(frozen=True, slots=True)
class Listing:
    """One page of a paged list of papers."""

    papers: tuple[Paper, ...]
    number: int
    count: int  # pages in all

    def path(self, base: str, n: int) -> str:
        return paths.listing(base, n)


def sort_papers(papers: list[Paper]) -> list[Paper]:
    """Newest first where dates are known, then by title."""
    return sorted(papers, key=lambda p: (-(int(p.published.replace("-", "").ljust(8, "0"))) if p.published else 0,
                                         p.title.casefold(), p.id))


def latest(papers: list[Paper], added: Mapping[str, str | None], n: int = LATEST, undated: bool = False) -> list[Paper]:
    """The latest additions, newest first, for the home page and the feeds: by the
    date each paper entered the collection (``features.dates.date_added``: the
    record's ``added``, git, else its publication date); ties, and papers with no
    date, by the later source file, then the earlier line. Papers with no date
    follow only with ``undated`` (the home page; an Atom entry needs a date)."""
    ranked = sorted(papers, key=lambda p: (p.sources[0].path if p.sources else "",
                                           -(p.sources[0].line if p.sources else 0), p.id), reverse=True)
    dated = sorted((p for p in ranked if added.get(p.id)), key=lambda p: added[p.id], reverse=True)  # stable
    return (dated + ([p for p in ranked if not added.get(p.id)] if undated else []))[:n]


def links(paper: Paper) -> list[tuple[str, str]]:
    """(label, URL) buttons for a paper, only for URLs that are safe to link."""
    out = []
    if paper.arxiv:
        out.append(("arXiv", identifiers.arxiv_url(paper.arxiv)))
    if paper.doi:
        out.append(("DOI", identifiers.doi_url(paper.doi)))
    for label, url in (("PDF", identifiers.pdf_url(paper)), ("Code", paper.code), ("Web page", paper.url)):
        if url:
            out.append((label, url))
    return [(label, safe) for label, url in out if (safe := markup.safe_url(url))]


def _paged(items: list[Paper]) -> list[Listing]:
    chunks = [tuple(items[i:i + PAGE_SIZE]) for i in range(0, len(items), PAGE_SIZE)] or [()]
    return [Listing(chunk, n, len(chunks)) for n, chunk in enumerate(chunks, start=1)]


#: The fields of each paper in ``papers.json``, in their order (``catalog_diff`` compares them).
CATALOG_FIELDS = ("id", "title", "title_inferred", "abstract", "authors", "topic", "tags", "url", "sources",
                  "published", "venue", "links")


def catalog(collection: Collection, directory_urls: bool = True) -> list[dict]:
    """``papers.json``: the public, stable catalog of the collection (``CATALOG_FIELDS``)."""
    topics = {t.slug: t.name for t in collection.taxonomy.topics}
    out = []
    for p in collection.papers:
        entry = {
            "id": p.id,
            "title": p.title,
            "title_inferred": p.title_inferred,
            "abstract": p.abstract,
            "authors": list(p.authors),
            "topic": topics[p.topic],
            "tags": [collection.tag_names[t] for t in p.tags],
            "url": page_url(paths.paper(p.id), directory_urls),
            "sources": [str(s) for s in p.sources],
            "published": p.published,
            "venue": p.venue,
            "links": {k: v for k in ("arxiv", "doi", "pdf", "code", "url") if (v := getattr(p, k))},
        }
        out.append(entry)
    return out


def render_page(template: jinja2.Template, here: str, title: str, directory_urls: bool, hide_toc: bool = False,
                **context) -> tuple[bytes, frozenset[str]]:
    """A list page (or the home page) as the generator writes it, and the docs/ paths it links to:
    one line of front matter values (``title`` as the theme prints it, ``hide``, the table of
    contents) and the template's final HTML, which no Markdown runs over (generator/site/html.py).
    The template gets ``links`` (:class:`html.PageLinks`) and ``heading`` (:class:`html.Headings`)."""
    links, heading = html.PageLinks(here, directory_urls), html.Headings()
    body = template.render(links=links, heading=heading, here=here, **context)
    front = {"title": markup.to_attr(title), **({"hide": ["toc"]} if hide_toc else {}), html.TOC: heading.toc}
    return (markup.front_matter(front) + body).encode("utf-8"), frozenset(links.targets)


def render(collection: Collection, env: jinja2.Environment, *, directory_urls: bool = True,
           site_name: str = "Paper Atlas", paper_extra: dict[str, PaperExtras] | None = None,
           cache: Cache | None = None, salt: tuple = (), added: Mapping[str, str | None] | None = None,
           browse: tuple = (), about: bool = True) -> Outputs:
    """Every generated file, keyed by its path under docs/.

    ``added``: when each paper came (``features.dates.date_added``), for the latest additions;
    ``browse``: the author, venue and year indexes the home page offers (``browse.indexes``);
    ``about``: the project has a hand-written About page (docs/about.md) for the home page to link.
    ``paper_extra`` maps a paper id to what the features add to its page
    (related papers, citation, …): a ``PaperExtras``, the template's ``extra``. With ``cache``, a
    paper, topic or tag page made from the same inputs as in the last build (its papers, extras,
    the taxonomy and counts, ``salt``: the templates and settings) is not rendered again.
    """
    paper_extra = paper_extra or {}
    files = Outputs()
    tag_names = collection.tag_names
    by_topic: dict[str, list[Paper]] = {t.slug: [] for t in collection.taxonomy.topics}
    by_tag: dict[str, list[Paper]] = {t: [] for t in tag_names}
    for p in collection.papers:
        by_topic[p.topic].append(p)
        for t in p.tags:
            by_tag[t].append(p)
    common = dict(topics=collection.taxonomy.by_slug, tag_names=tag_names,
                  tag_counts={t: len(ps) for t, ps in by_tag.items()}, site_name=site_name)
    memo = (cache or NO_CACHE).memo("list-pages", salt, directory_urls, common)
    keys = paper_keys(collection.papers) if memo.enabled else {}
    _paper_pages(files, collection, env, common, paper_extra, directory_urls, cache, salt, keys)
    used_topics: list[Topic] = [t for t in collection.taxonomy.topics if by_topic[t.slug]]
    _topic_pages(files, env, used_topics, by_topic, common, memo, keys, directory_urls)
    _tag_pages(files, env, by_tag, common, memo, keys, directory_urls)
    memo.save()
    topic_counts = {t.slug: len(by_topic[t.slug]) for t in used_topics}
    _lists_and_catalog(files, collection, used_topics, topic_counts, directory_urls, common, added or {}, browse, env, about)
    return files


def _topic_pages(files: Outputs, env: jinja2.Environment, used: list[Topic], by_topic: dict[str, list[Paper]],
                 common: dict, memo, keys: dict[str, str], directory_urls: bool) -> None:
    """Each topic's pages of papers (paged); one made from the inputs of the last build comes from ``memo``."""
    template = env.get_template("topic.md.j2")
    for t in used:
        members = sort_papers(by_topic[t.slug])
        top = Counter(tag for p in members for tag in p.tags).most_common(TOP_TAGS)
        base = paths.topic_base(t.slug)
        for listing in _paged(members):
            path = listing.path(base, listing.number)
            page_key = memo.enabled and cache_key(path, t, [keys[p.id] for p in listing.papers], listing.number,
                                                  listing.count, len(members), top)
            title = t.name + (f" · page {listing.number}" if listing.number > 1 else "")
            page, links = memo.get(page_key, lambda: render_page(
                template, path, title, directory_urls, topic=t, total=len(members), listing=listing, top_tags=top,
                base=base, **common))
            files.add(path, page, f"the page of topic {t.slug!r}", links)


def _tag_pages(files: Outputs, env: jinja2.Environment, by_tag: dict[str, list[Paper]], common: dict, memo,
               keys: dict[str, str], directory_urls: bool) -> None:
    """Each tag's pages of papers (paged); one made from the inputs of the last build comes from ``memo``."""
    template = env.get_template("tag.md.j2")
    for slug, name in common["tag_names"].items():
        members = sort_papers(by_tag[slug])
        co = Counter(p.topic for p in members).most_common()
        base = paths.tag_base(slug)
        for listing in _paged(members):
            path = listing.path(base, listing.number)
            page_key = memo.enabled and cache_key(path, slug, name, [keys[p.id] for p in listing.papers],
                                                  listing.number, listing.count, len(members), co)
            title = f"Tag: {name}" + (f" · page {listing.number}" if listing.number > 1 else "")
            page, links = memo.get(page_key, lambda: render_page(
                template, path, title, directory_urls, slug=slug, name=name, total=len(members), listing=listing,
                topic_counts=co, base=base, **common))
            files.add(path, page, f"the page of tag {name!r}", links)


def _paper_pages(files: Outputs, collection: Collection, env: jinja2.Environment, common: dict,
                 paper_extra: dict[str, PaperExtras], directory_urls: bool, cache: Cache | None, salt: tuple,
                 keys: dict[str, str]) -> None:
    paper_tpl = env.get_template("paper.md.j2")
    topics = common["topics"]
    to = paper_hrefs(collection, directory_urls)
    memo = (cache or NO_CACHE).memo("paper-pages", salt, directory_urls, to, common)
    # Pages are kept (here, in the cache, until written) as UTF-8 bytes: output.Outputs.
    for p in progress.track(collection.papers, len(collection.papers), "rendering paper pages"):
        path = paths.paper(p.id)
        extra = paper_extra.get(p.id, NO_EXTRAS)
        page = memo.get(memo.enabled and cache_key(keys[p.id], extra), lambda: paper_tpl.render(
            paper=p, topic=topics[p.topic], links=links(p), here=path, to=to, extra=extra,
            front=paper_front_matter(env, p, extra), sections=dict(paper_sections(extra)), **common).encode())
        if directory_urls and p.id == "index":  # papers/index.md is papers/, not papers/index/: one level up
            page = page.replace(b'href="../', b'href="')
        # The links the template writes: its topic's and tags' pages (``to``), and the extras' own.
        files.add(path, page, f"the page of paper {p.id!r}",
                  extra.links | {paths.topic(p.topic), *(paths.tag(t) for t in p.tags)})
    memo.save()


def paper_sections(extra: PaperExtras) -> list[tuple[str, str]]:
    """The headed sections of a paper page, in order: (anchor id, heading). No Cite section where the
    citation would hold a title alone (the sources give no author, date, identifier or venue)."""
    return ([("related-papers", "Related papers")] if extra.related else []) + (
        [("cite", "Cite")] if extra.citation and extra.citation.reference else []) + [("sources", "Sources")]


def paper_front_matter(env: jinja2.Environment, paper: Paper, extra: PaperExtras) -> Markup:
    """A paper page's front matter: its title and description (HTML-escaped, as the theme prints
    them), the features' values for the theme, and the table of contents (``pa_toc``,
    generator/renderer/html_page.py)."""
    description = env.filters["truncate"](env, paper.abstract, 200, False, "…", 0)
    return Markup(markup.front_matter({
        "title": markup.to_attr(paper.title), "description": markup.to_attr(description), **extra.theme,
        html.TOC: [[2, anchor, heading] for anchor, heading in paper_sections(extra)]}))


def _lists_and_catalog(files: Outputs, collection: Collection, used_topics: list[Topic], topic_counts: dict[str, int],
                       directory_urls: bool, common: dict, added: Mapping[str, str | None],
                       browse: tuple[tuple[str, str], ...], env: jinja2.Environment, about: bool) -> None:
    """The list of tags, the list of topics, the home page and papers.json."""
    tag_names, tag_counts = common["tag_names"], common["tag_counts"]
    ranked_tags = sorted(tag_names, key=lambda t: (-tag_counts[t], tag_names[t].casefold(), t))
    pages = {
        paths.TAGS: ("the list of tags", render_page(env.get_template("tags.md.j2"), paths.TAGS, "Tags",
                                                     directory_urls, ranked=ranked_tags, **common)),
        paths.TOPICS: ("the list of topics", render_page(env.get_template("topics.md.j2"), paths.TOPICS, "Topics",
                                                         directory_urls, used=used_topics, topic_counts=topic_counts,
                                                         **common)),
        paths.HOME: ("the home page", render_page(
            env.get_template("home.md.j2"), paths.HOME, "Home", directory_urls, hide_toc=True, papers=collection.papers,
            used=used_topics, topic_counts=topic_counts, latest=latest(collection.papers, added, undated=True),
            n_tags=len(tag_names), browse=browse, about=about, **common))}
    for path, (producer, (page, links)) in pages.items():
        files.add(path, page, producer, links)
    # One paper a line: readable diffs, and the fast (C) encoder; no space after "," and ":".
    entries = [json.dumps(e, ensure_ascii=False, separators=(",", ":")) for e in catalog(collection, directory_urls)]
    files.add(paths.CATALOG, "[\n" + ",\n".join(entries) + "\n]\n", "the catalog")


@dataclass(frozen=True, slots=True)
class PaperHrefs:
    """Final URLs from a paper page (every one is papers/<id>.md) to topic and tag pages."""

    topic: dict[str, str]
    tag: dict[str, str]


def paper_hrefs(collection: Collection, directory_urls: bool) -> PaperHrefs:
    href = paths.href
    here = paths.paper("_")
    return PaperHrefs({t.slug: href(here, paths.topic(t.slug), directory_urls) for t in collection.taxonomy.topics},
                      {t: href(here, paths.tag(t), directory_urls) for t in collection.tag_names})


def check_links(files: Outputs, docs_dir: Path) -> list[Problem]:
    """Every link the generator wrote as final HTML must lead to a file of the build or a
    hand-written file of ``docs_dir``: MkDocs checks Markdown links only, so this keeps
    ``--strict``'s promise for ours. The links are those recorded as they were made
    (``files.links``: html.PageLinks, the paper pages' values), also for pages kept in .cache/."""
    known = set(files).union(_hand_written(docs_dir))
    problems: list[Problem] = []
    for path in files:
        for target in sorted(files.links(path) - known):
            problems.append(error(f"docs/{path}", 0, f"the page links to {target}, which is no page or file of the "
                                  "site (a template or the generator wrote a broken link)"))
    return problems


def _hand_written(docs_dir: Path) -> list[str]:
    """Paths under ``docs_dir`` of the files the generator does not own (its own folders are not walked)."""
    found = []
    for dirpath, dirs, names in os.walk(docs_dir):
        rel = os.path.relpath(dirpath, docs_dir).replace(os.sep, "/")
        rel = "" if rel == "." else rel + "/"
        dirs[:] = sorted(d for d in dirs if not paths.is_generated(rel + d))
        found += [rel + n for n in sorted(names)
                  if not paths.is_generated(rel + n) and os.path.isfile(os.path.join(dirpath, n))]
    return found


def nav(collection: Collection) -> list:
    """The generated part of MkDocs' navigation: Home, Topics (each topic), Tags, Statistics, Map,
    Reading list, Downloads and feeds — never papers. The hand-written pages follow it: the
    ``nav`` of mkdocs.yml (the About section), appended by the hook."""
    used = {p.topic for p in collection.papers}
    # Alphabetical, the catch-all last: easy to scan in a sidebar.
    ordered = sorted((t for t in collection.taxonomy.topics if t.slug in used),
                     key=lambda t: (t.catch_all, t.name.casefold()))
    topics = [{markup.to_attr(t.name): paths.topic(t.slug)} for t in ordered]
    return [
        {"Home": paths.HOME},
        {"Topics": [paths.TOPICS, *topics]},
        {"Tags": paths.TAGS},
        {"Statistics": paths.STATS},
        {"Map": paths.MAP},
        {"Reading list": paths.READING_LIST},
        {"Downloads and feeds": paths.DOWNLOADS},
    ]
