"""Features built from the records beside the basic pages.

``render`` returns (files under docs/, per-paper template context). Each
feature is a module of this package; this function is the only entry point
the pipeline calls:

* ``related``   — the 5 most similar papers of each paper (TF-IDF cosine);
* ``citations`` — BibTeX, CSL-JSON, Highwire meta tags, JSON-LD; downloads/;
* ``feeds``     — Atom feeds of the latest additions (dates from ``dates``);
* ``charts``    — the statistics page, SVG drawn here;
* ``atlas``     — the map of the collection (``layout``: t-SNE);
* the reading list page (docs/assets/reading-list.js does the rest).

``vectors`` computes the TF-IDF matrix and the LSA embedding once, for related
papers and the map; ``similarity`` runs that array work in a second process
for large collections, beside the text work (citations, feeds, pages).
"""
from __future__ import annotations

import gc
import logging
import time
from collections import Counter
from contextlib import contextmanager

import jinja2
from markupsafe import Markup

from .. import paths
from ..config import Settings
from ..models import Collection
from ..output import Outputs
from ..paths import relative
from . import atlas, charts, citations, dates, feeds, layout, paper_page, similarity, vectors
from .urls import absolute, href, url_of

log = logging.getLogger("generator.features")

#: Pages this package writes (generator.paths spells them).
STATS_PAGE, MAP_PAGE, READING_LIST_PAGE, DOWNLOADS_PAGE = paths.STATS, paths.MAP, paths.READING_LIST, paths.DOWNLOADS
TOP_TAGS = 20


@contextmanager
def _timed(timings: dict[str, float], name: str):
    start = time.perf_counter()
    yield
    timings[name] = timings.get(name, 0.0) + time.perf_counter() - start


def render(collection: Collection, env: jinja2.Environment, settings: Settings) -> tuple[Outputs, dict[str, dict]]:
    # No cyclic garbage collection meanwhile: this code makes no cycles, and at
    # 100,000 papers the collector's passes over every live object cost more
    # than the work itself.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _render(collection, env, settings)
    finally:
        if collecting:
            gc.enable()


def _render(collection: Collection, env: jinja2.Environment, settings: Settings) -> tuple[Outputs, dict[str, dict]]:
    files = Outputs()
    papers = collection.papers
    paper_extra: dict[str, dict] = {p.id: {} for p in papers}
    dirs = settings.directory_urls
    site_url = settings.site_url
    timings: dict[str, float] = {}
    topics = {t.slug: t for t in collection.taxonomy.topics}

    # The array work (TF-IDF, related papers, map layout) runs in a second
    # process for large collections, beside the text work below.
    arrays = similarity.start(lambda: [vectors.paper_text(p) for p in papers], [p.id for p in papers])

    with _timed(timings, "citations"):
        page_urls = {p.id: absolute(site_url, paths.paper(p.id), dirs) for p in papers}
        cites = citations.citations(collection, page_urls)
        files.update(citations.downloads(collection, cites), "the downloads (citations)")
    with _timed(timings, "feeds"):
        added = dates.date_added(papers, settings.root)
        files.update(feeds.render(collection, added, site_name=settings.site_name, directory_urls=dirs,
                                  site_url=site_url), "the feeds")
    with _timed(timings, "paper pages"):
        topic_feeds = {t.slug: [(f"{settings.site_name}: {t.name}", feeds.feed_path(t.slug))] for t in topics.values()}
        # Every paper page is papers/<id>.md: links from there depend on the topic only.
        here = "papers/_.md"
        cite_links = {t.slug: {"bib": relative(here, paths.downloads(t.slug) + ".bib"),
                               "json": relative(here, paths.downloads(t.slug) + ".json"),
                               "downloads": relative(here, DOWNLOADS_PAGE)} for t in topics.values()}
        for p in papers:
            c = cites[p.id]
            paper_extra[p.id].update(
                citation=c,
                front_matter=paper_page.front_matter(c, topic_feeds[p.topic]),
                url=url_of(paths.paper(p.id), dirs),
                cite_links=cite_links[p.topic],
            )
    with _timed(timings, "stats"):
        files.add(STATS_PAGE, stats_page(collection, env, dirs), "the statistics page")
    with _timed(timings, "pages"):
        used = [t for t in collection.taxonomy.topics if any(True for p in papers if p.topic == t.slug)]
        counts = Counter(p.topic for p in papers)
        files.add(DOWNLOADS_PAGE, env.get_template("downloads.md.j2").render(
            here=DOWNLOADS_PAGE, used=used, counts=counts, total=len(papers), feed_size=feeds.SIZE), "the downloads page")
        files.add(READING_LIST_PAGE, env.get_template("reading-list.md.j2").render(
            here=READING_LIST_PAGE, downloads_href=href(READING_LIST_PAGE, DOWNLOADS_PAGE, dirs)), "the reading list")

    with _timed(timings, "waiting for the arrays"):
        sim = arrays.result()
    with _timed(timings, "related lists"):
        items = paper_page.related_items(papers, sim.neighbours)
        for p, found in zip(papers, sim.neighbours):
            paper_extra[p.id]["related"] = paper_page.related_block(found, items) if found else None
    with _timed(timings, "map page"):
        template = env.get_template("map.md.j2")
        data = sim.map
        if data is not None:
            files.add(MAP_PAGE, template.render(
                here=MAP_PAGE, total=data.total, shown=len(data.rows), max_points=atlas.MAX_POINTS,
                landmarks=layout.LANDMARKS, svg=Markup(atlas.svg(collection, data, MAP_PAGE, dirs)),
                legend=Markup(atlas.legend(collection, data, MAP_PAGE, dirs))), "the map")
        else:
            files.add(MAP_PAGE, template.render(here=MAP_PAGE, total=len(papers), shown=0, max_points=atlas.MAX_POINTS,
                                                landmarks=layout.LANDMARKS, svg="", legend=""), "the map")
    log.debug("features: %s; arrays: %s", ", ".join(f"{k} {v:.2f}s" for k, v in timings.items()),
              ", ".join(f"{k} {v:.2f}s" for k, v in sim.timings.items()))
    return files, paper_extra


def stats_page(collection: Collection, env: jinja2.Environment, dirs: bool) -> str:
    papers = collection.papers
    here = STATS_PAGE
    used = [t for t in collection.taxonomy.topics if any(p.topic == t.slug for p in papers)]
    catch_all = next((t.slug for t in collection.taxonomy.topics if t.catch_all), None)
    classes = charts.topic_classes([t.slug for t in used], catch_all)
    per_topic = Counter(p.topic for p in papers)
    topic_rows = sorted(used, key=lambda t: (-per_topic[t.slug], t.name.casefold()))
    topic_bars = [charts.Bar(t.name, per_topic[t.slug], href(here, paths.topic(t.slug), dirs), *classes[t.slug])
                  for t in topic_rows]
    years = Counter(p.year for p in papers if p.year and p.year.isdigit())
    year_columns = [(str(y), years.get(str(y), 0)) for y in range(int(min(years)), int(max(years)) + 1)] if years else []
    tag_counts = Counter(t for p in papers for t in p.tags)
    names = collection.tag_names
    top = sorted(tag_counts, key=lambda t: (-tag_counts[t], names.get(t, t).casefold(), t))[:TOP_TAGS]
    tag_bars = [charts.Bar(names.get(t, t), tag_counts[t], href(here, paths.tag(t), dirs)) for t in top]
    co_tags, matrix = charts.cooccurrence([p.tags for p in papers], names)
    co_labels = [names.get(t, t) for t in co_tags]
    pairs = sorted(((matrix[i][j], co_labels[i], co_labels[j]) for i in range(len(co_tags)) for j in range(i + 1, len(co_tags))
                    if matrix[i][j]), key=lambda x: (-x[0], x[1].casefold(), x[2].casefold()))
    summary = [
        ("Papers", len(papers)),
        ("Topics", len(used)),
        ("Tags", len(names)),
        ("With authors", sum(1 for p in papers if p.authors)),
        ("With a publication date", sum(1 for p in papers if p.published)),
        ("With an arXiv id", sum(1 for p in papers if p.arxiv)),
        ("With a DOI", sum(1 for p in papers if p.doi)),
        ("With a venue", sum(1 for p in papers if p.venue)),
        ("Titles inferred from the abstract", sum(1 for p in papers if p.title_inferred)),
    ]
    svg = {
        "topics": charts.bar_chart("pa-chart-topics", topic_bars, "Papers per topic",
                                   "A bar per topic, longest first; each bar links to its topic.",
                                   "Papers per topic. Each paper has exactly one topic."),
        "years": charts.column_chart("pa-chart-years", year_columns, "Papers per year of publication",
                                     "A column per year from the first to the last year with papers.",
                                     "Papers per year, for papers with a publication date.") if year_columns else "",
        "tags": charts.bar_chart("pa-chart-tags", tag_bars, f"The {len(tag_bars)} most common tags",
                                 "A bar per tag, most used first; each bar links to its tag.",
                                 f"The {len(tag_bars)} most common tags and how many papers carry each."),
        "co": charts.heatmap("pa-chart-cooccurrence", co_labels, matrix, "Tags that go together",
                             "A grid of the most common tags: each cell counts the papers that carry both tags; "
                             "the diagonal counts each tag alone.",
                             "How many papers carry both tags of a row and a column (the stronger the colour, the more).") if len(co_tags) > 1 else "",
    }
    return env.get_template("stats.md.j2").render(
        here=here, summary=summary, svg={k: Markup(v) for k, v in svg.items()},
        topic_rows=[(t, per_topic[t.slug]) for t in topic_rows], year_columns=year_columns,
        undated=sum(1 for p in papers if not p.year), tag_rows=[(t, tag_counts[t]) for t in top],
        pairs=pairs[:15], map_page=MAP_PAGE, tag_names=names)

