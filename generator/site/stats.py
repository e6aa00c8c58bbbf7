"""The statistics page: what the collection holds, as counts and SVG charts (``charts``)."""
from __future__ import annotations

from collections import Counter

import jinja2
from markupsafe import Markup

from generator import paths
from generator.model.collection import Collection
from generator.site import charts
from generator.site.html import PageLinks

#: How many tags the statistics page charts (the most used first).
CHART_TAGS = 20


def page(collection: Collection, env: jinja2.Environment, dirs: bool) -> tuple[str, frozenset[str]]:
    """The statistics page (stats.md): counts, and charts drawn by ``charts``; and the docs/ paths
    its charts link to (the tables' Markdown links are MkDocs' to check)."""
    papers = collection.papers
    here = paths.STATS
    links = PageLinks(here, dirs)
    used = [t for t in collection.taxonomy.topics if any(p.topic == t.slug for p in papers)]
    catch_all = next((t.slug for t in collection.taxonomy.topics if t.catch_all), None)
    classes = charts.topic_classes([t.slug for t in used], catch_all)
    per_topic = Counter(p.topic for p in papers)
    topic_rows = sorted(used, key=lambda t: (-per_topic[t.slug], t.name.casefold()))
    topic_bars = [charts.Bar(t.name, per_topic[t.slug], links.href(paths.topic(t.slug)), *classes[t.slug])
                  for t in topic_rows]
    years = Counter(p.year for p in papers if p.year and p.year.isdigit())
    year_columns = [(str(y), years.get(str(y), 0)) for y in range(int(min(years)), int(max(years)) + 1)] if years else []
    tag_counts = Counter(t for p in papers for t in p.tags)
    names = collection.tag_names
    top = sorted(tag_counts, key=lambda t: (-tag_counts[t], names.get(t, t).casefold(), t))[:CHART_TAGS]
    tag_bars = [charts.Bar(names.get(t, t), tag_counts[t], links.href(paths.tag(t))) for t in top]
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
        pairs=pairs[:15], map_page=paths.MAP, tag_names=names), frozenset(links.targets)

