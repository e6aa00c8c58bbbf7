"""Features built from the records beside the basic pages.

``render`` returns (files under docs/, what each paper page gets). Each
feature is a module of this package; this module only wires them (in what
order, and what runs beside the array work), and ``render`` is the only entry
point the pipeline calls:

* ``related``   — the 5 most similar papers of each paper (TF-IDF cosine);
* ``citations`` — BibTeX, CSL-JSON, Highwire meta tags, JSON-LD; downloads/;
* ``feeds``     — Atom feeds of the latest additions (dates from ``dates``);
* ``stats``     — the statistics page (``charts`` draws its SVG);
* ``atlas``     — the map of the collection (``layout``: t-SNE);
* ``static_pages`` — the downloads page and the reading list;
* ``paper_page`` — what each paper page gets: a ``models.PaperExtras``.

``vectors`` computes the TF-IDF matrix and the LSA embedding once, for related
papers and the map; ``similarity`` runs that array work in a second process
for large collections, beside the text work (citations, feeds, pages).
"""
from __future__ import annotations

import gc
import logging
import time
from contextlib import contextmanager

import jinja2

from generator import paths
from generator.analysis import vectors
from generator.config import Settings
from generator.model.collection import Collection
from generator.model.page import PaperExtras
from generator.runtime import cache as cache_module
from generator.runtime.cache import NO_CACHE, Cache
from generator.runtime.output import Outputs
from generator.site import (
    atlas,
    browse,
    citations,
    dates,
    feeds,
    paper_page,
    similarity,
    static_pages,
    stats,
)
from generator.taxonomy import incremental

log = logging.getLogger("generator.features")


@contextmanager
def _timed(timings: dict[str, float], name: str):
    start = time.perf_counter()
    yield
    timings[name] = timings.get(name, 0.0) + time.perf_counter() - start


def render(collection: Collection, env: jinja2.Environment, settings: Settings,
           cache: Cache | None, added: dict[str, str | None]) -> tuple[Outputs, dict[str, PaperExtras]]:
    """The features' files and what they add to each paper's page; ``added``: when each
    paper entered the collection (``dates.date_added``, worked out once a build: the
    home page lists the latest additions too)."""
    # No cyclic garbage collection meanwhile: this code makes no cycles, and at
    # 100,000 papers the collector's passes over every live object cost more
    # than the work itself.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _render(collection, env, settings, cache or NO_CACHE, added)
    finally:
        if collecting:
            gc.enable()


def _render(collection: Collection, env: jinja2.Environment, settings: Settings,
            cache: Cache, added: dict[str, str | None]) -> tuple[Outputs, dict[str, PaperExtras]]:
    files = Outputs()
    papers = collection.papers
    dirs = settings.directory_urls
    timings: dict[str, float] = {}
    # The array work (TF-IDF, related papers, map layout) runs in a worker
    # process for large collections, beside the text work below.
    # What every rendered page of a kind reads besides its own inputs (pages kept in .cache/ key on it).
    salt = (cache_module.templates(env), dirs, settings.site_name, settings.site_url) if cache.enabled else ()
    arrays = similarity.start(lambda: [vectors.paper_text(p) for p in papers], [p.id for p in papers])
    with _timed(timings, "citations"):
        # A paper's citation and front matter made from the inputs of the last build come from .cache/.
        cites = citations.citations(collection, cache.memo("citations"))
        files.update(citations.downloads(collection, cites), "the downloads (citations)")
    with _timed(timings, "feeds"):
        files.update(feeds.render(collection, added, site_name=settings.site_name, directory_urls=dirs,
                                  site_url=settings.site_url), "the feeds")
    with _timed(timings, "paper pages"):
        themes = paper_page.themes(collection, cites, settings.site_name, cache.memo("theme-values"))
    with _timed(timings, "authors, venues, years"):
        files.update(browse.render(collection, env, dirs, cache, salt))
        files.add(paths.SEARCH, env.get_template("search.md.j2").render(
            here=paths.SEARCH, site_name=settings.site_name, browse=browse.indexes(files)),
                  "the search results page")
        people = browse.people_links(collection, dirs)
    files.add(paths.ROBOTS, robots(settings.site_url), "robots.txt")
    with _timed(timings, "stats"):
        files.add(paths.STATS, *_with_producer(stats.page(collection, env, dirs), "the statistics page"))
    with _timed(timings, "pages"):
        files.add(paths.DOWNLOADS, static_pages.downloads_page(collection, env), "the downloads page")
        files.add(paths.READING_LIST, *_with_producer(static_pages.reading_list_page(env, dirs), "the reading list"))
    # Related papers and the map need the arrays.
    with _timed(timings, "waiting for the arrays"):
        sim = arrays.result()
    with _timed(timings, "related lists"):
        # A rebuild keeps the lists an edit does not touch (generator/taxonomy/incremental.py).
        related = paper_page.related_lists(papers, incremental.related(cache, papers, sim.neighbours), dirs)
    # What each paper page shows, made in one pass once every part of it is known.
    extras = paper_page.extras(collection, cites, themes, people, related, dirs)
    with _timed(timings, "map page"):
        files.add(paths.MAP, *_with_producer(atlas.page(collection, env, sim.map, dirs), "the map"))
    log.debug("features: %s; arrays: %s", ", ".join(f"{k} {v:.2f}s" for k, v in timings.items()),
              ", ".join(f"{k} {v:.2f}s" for k, v in sim.timings.items()))
    return files, extras


def _with_producer(page: tuple[str, frozenset[str]], producer: str) -> tuple[str, str, frozenset[str]]:
    """(text, producer, links) for ``Outputs.add``, of a page given as (text, links)."""
    return page[0], producer, page[1]


def robots(site_url: str | None) -> str:
    """robots.txt: everything may be crawled; the sitemap MkDocs writes, where the site URL is known."""
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines.append("Sitemap: " + site_url.rstrip("/") + "/sitemap.xml")
    return "\n".join(lines) + "\n"
