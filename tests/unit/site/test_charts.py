"""Statistics and map pages (generator/site/charts.py, atlas.py, layout.py).

The SVG is parsed as XML; every link of a chart or of the map must lead to a
page of the built site; the map stays bounded and deterministic; the topic
colours keep 3:1 contrast with the page in both colour schemes.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import numpy as np
import pytest

from generator.analysis import layout
from generator.site import atlas, charts
from support.project import ROOT

SVG = "{http://www.w3.org/2000/svg}"


def svgs(html: str) -> list[ET.Element]:
    return [ET.fromstring(m) for m in re.findall(r"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"pa-svg.*?</svg>", html, re.S)]


def target(site: Path, page_url: str, href: str) -> Path:
    url = urlsplit(urljoin("http://x/" + page_url, href)).path
    path = site / unquote(url).lstrip("/")
    return path / "index.html" if url.endswith("/") else path


def links(svg: ET.Element) -> list[str]:
    return [a.get("href") for a in svg.iter(SVG + "a")]


def test_stats_page_charts_are_accessible_svg_with_working_links(built_site):
    html = (built_site / "stats/index.html").read_text(encoding="utf-8")
    figures = svgs(html)
    assert len(figures) >= 5  # topics and tags twice (wide and narrow), the tag grid
    for svg in figures:
        title, desc = svg.find(SVG + "title"), svg.find(SVG + "desc")
        assert title is not None and title.text and desc is not None and desc.text
        assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        for href in links(svg):
            assert target(built_site, "stats/", href).is_file(), href
        for a in svg.iter(SVG + "a"):
            assert a.get("aria-label")
    topic_links = {h for svg in figures for h in links(svg) if "/topics/" in h}
    assert len(topic_links) == len(list((built_site / "topics").glob("*/index.html")))
    assert "No paper in the collection has a publication date" in html  # the bundled records have none


def test_every_map_point_links_to_an_existing_paper_page(built_site):
    html = (built_site / "map/index.html").read_text(encoding="utf-8")
    (svg,) = svgs(html)
    points = list(svg.iter(SVG + "circle"))
    n_papers = len(list((built_site / "papers").glob("*/index.html")))
    assert len(points) == min(n_papers, atlas.MAX_POINTS)
    hrefs = links(svg)
    assert len(hrefs) == len(points) == len(set(hrefs))
    for href in hrefs:
        assert target(built_site, "map/", href).is_file(), href
    for a in svg.iter(SVG + "a"):
        circle = a.find(SVG + "circle")
        assert circle.find(SVG + "title").text and a.get("aria-label") == circle.find(SVG + "title").text
    for x, y in ((float(c.get("cx")), float(c.get("cy"))) for c in points):
        assert 0 <= x <= atlas.WIDTH and 0 <= y <= atlas.HEIGHT
    legend = re.search(r'<ul class="pa-legend".*?</ul>', html, re.S).group(0)
    assert legend.count("<li>") == len(svg.findall(SVG + "g"))


def test_the_map_is_bounded_sampled_and_deterministic():
    rng = np.random.default_rng(0)
    centres = rng.normal(size=(6, 20))
    x = (centres[rng.integers(0, 6, 5000)] + 0.3 * rng.normal(size=(5000, 20))).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    order = np.arange(5000)[::-1].copy()
    atlas.MEMORY.slot("map layout").clear()
    first = atlas.positions(x, order)
    atlas.MEMORY.slot("map layout").clear()
    second = atlas.positions(x, order)
    assert len(first.rows) == atlas.MAX_POINTS and first.total == 5000
    assert np.array_equal(first.rows, np.sort(order[:atlas.MAX_POINTS]))
    assert np.array_equal(first.xy, second.xy)


def test_tsne_keeps_clusters_apart():
    rng = np.random.default_rng(1)
    labels = np.repeat(np.arange(4), 50)
    x = rng.normal(size=(4, 30))[labels] + 0.2 * rng.normal(size=(200, 30))
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    y = layout.tsne(x.astype(np.float32))
    d = ((y[:, None] - y[None]) ** 2).sum(-1)
    np.fill_diagonal(d, np.inf)
    nearest = d.argmin(axis=1)
    assert (labels[nearest] == labels).mean() > 0.95
    assert np.array_equal(y, layout.tsne(x.astype(np.float32)))


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.mark.parametrize("scheme, background", [("default", "#ffffff"), ("slate", "#1e2029")])
def test_topic_colours_keep_3_to_1_contrast_in_both_schemes(scheme, background):
    css = (ROOT / "docs/assets/paper-atlas-features.css").read_text(encoding="utf-8")
    block = re.search(r'\[data-md-color-scheme="%s"\] \{(.*?)\}' % scheme, css, re.S).group(1)
    colours = dict(re.findall(r"--(pa-t\d+|pa-other|pa-bar|pa-heat): (#[0-9a-f]{6})", block))
    assert len(colours) == len(charts.TOPIC_COLOURS) + 3
    for name, colour in colours.items():
        assert contrast(colour, background) >= 3.0, (name, colour)
    if scheme == "default":  # the fill attributes, for readers without the stylesheet, are the light values
        assert [colours[f"pa-t{i}"] for i in range(len(charts.TOPIC_COLOURS))] == list(charts.TOPIC_COLOURS)


def test_chart_text_is_escaped():
    chart = charts.bar_chart("c", [charts.Bar('<script>"x" & y</script>', 3, "../a?b=<1>")], "T <1>", "D & d", "C")
    root = ET.fromstring(re.search(r"<svg.*?</svg>", chart, re.S).group(0))
    assert "<script>" not in chart
    assert root.find(f"{SVG}a").get("href") == "../a?b=<1>"
    assert root.find(f"{SVG}title").text == "T <1>"


def test_years_are_charted_when_papers_have_dates():
    from generator.model.collection import Collection
    from generator.model.papers import Paper
    from generator.model.taxonomy import Taxonomy, Topic
    from generator.site import pages
    from generator.site.stats import page as stats_page

    papers = tuple(Paper(id=f"p{i}", title=f"Paper {i}", abstract="", topic="t", tags=("a", "b") if i % 2 else ("a",),
                         published=f"{2015 + i % 4}-01-02" if i < 9 else None) for i in range(10))
    coll = Collection(papers, Taxonomy((Topic("t", "Topic <T>", "d"),), ()), {"a": "Tag A", "b": "Tag & B"})
    text, links = stats_page(coll, pages.environment(ROOT / "templates"), True)
    assert links == {"topics/t.md", "tags/a.md", "tags/b.md"}  # the charts' bars, for pages.check_links
    (years,) = [s for s in svgs(text) if s.find(SVG + "title").text == "Papers per year of publication"]
    assert [t.text for t in years.iter(SVG + "text") if t.text and t.text.startswith("20")] == ["2015", "2016", "2017", "2018"]
    assert "1 paper has no publication date" in text
    assert "Tag &amp; B" in text and "<T>" not in text
