"""The map of the collection: papers placed by text similarity, coloured by topic.

Positions: TF-IDF → LSA (``vectors.embed``) → exact t-SNE of up to
``layout.LANDMARKS`` papers; further papers (up to ``MAX_POINTS``) are placed
among their most similar landmarks. Larger collections show a deterministic
sample of ``MAX_POINTS`` papers (the first by a hash of their ids), so the page
stays under about half a megabyte at any size. Each point is a link to its
paper with its title as a tooltip; no JavaScript is involved.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

import jinja2
import numpy as np
from markupsafe import Markup

from generator import paths
from generator.analysis import layout
from generator.model.collection import Collection
from generator.runtime.cache import MEMORY
from generator.site.charts import esc, topic_classes
from generator.site.html import PageLinks
from generator.text.normalise import counted

MAX_POINTS = 2000
MAP_DIMS = 50
WIDTH, HEIGHT, MARGIN = 960, 640, 14


@dataclass(frozen=True, slots=True)
class MapData:
    rows: np.ndarray        # indices of the papers shown
    xy: np.ndarray          # their positions in SVG units
    total: int              # papers in the collection


def positions(embedding: np.ndarray, order: np.ndarray, max_points: int = MAX_POINTS,
              landmarks: int = layout.LANDMARKS) -> MapData:
    """Which papers the map shows and where (deterministic; cached for ``mkdocs serve``)."""
    n = embedding.shape[0]
    # The leading LSA dimensions only: 50 kept topics apart best on the bundled
    # corpus (10-nearest neighbours on the map sharing a topic: 45% vs 42% with 96).
    embedding = embedding[:, :MAP_DIMS]
    norms = np.linalg.norm(embedding, axis=1, keepdims=True)
    embedding = embedding / np.where(norms == 0, 1, norms)
    shown = np.sort(order[:max_points]) if n > max_points else np.arange(n)
    marks = np.sort(order[:landmarks]) if len(shown) > landmarks else shown
    x = np.ascontiguousarray(embedding[marks], dtype=np.float32)
    digest = hashlib.blake2b(x.tobytes() + marks.tobytes(), digest_size=16).digest()
    last = MEMORY.slot("map layout")  # the last layout only: mkdocs serve asks again for the same
    if digest not in last:
        last.clear()
        last[digest] = layout.tsne(x)
    mark_xy = last[digest]
    if len(shown) > len(marks):
        where = {int(r): i for i, r in enumerate(marks)}
        rest = np.array([r for r in shown if int(r) not in where], dtype=np.int64)
        rest_xy = layout.place(embedding[rest], x, mark_xy)
        xy_by_row = dict(zip(marks.tolist(), mark_xy)) | dict(zip(rest.tolist(), rest_xy))
        xy = np.array([xy_by_row[int(r)] for r in shown]).reshape(-1, 2)
    else:
        xy = mark_xy
    return MapData(shown, _fit(xy), n)


def _fit(xy: np.ndarray) -> np.ndarray:
    """Scale uniformly into the drawing box, centred; rounded to 0.1 unit."""
    if not len(xy):
        return xy
    lo, hi = xy.min(axis=0), xy.max(axis=0)
    span = np.where(hi - lo > 0, hi - lo, 1.0)
    scale = min((WIDTH - 2 * MARGIN) / span[0], (HEIGHT - 2 * MARGIN) / span[1])
    centre = np.array([WIDTH / 2, HEIGHT / 2])
    return np.round((xy - (lo + hi) / 2) * scale + centre, 1)


def svg(collection: Collection, data: MapData, links: PageLinks) -> str:
    """The map as a ``<figure>``: one group per topic, one linked circle per paper."""
    papers = collection.papers
    topics = collection.taxonomy.by_slug
    used = [t.slug for t in collection.taxonomy.topics if any(p.topic == t.slug for p in papers)]
    classes = topic_classes(used, _catch_all(collection))
    radius = 5 if len(data.rows) <= 600 else 4 if len(data.rows) <= 1200 else 3.2
    by_topic: dict[str, list[str]] = {slug: [] for slug in used}
    for row, (x, y) in zip(data.rows.tolist(), data.xy.tolist()):
        p = papers[row]
        label = f"{p.title} ({topics[p.topic].name})"
        by_topic[p.topic].append(
            f'<a href="{esc(links.href(paths.paper(p.id)))}" aria-label="{esc(label)}">'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius}"><title>{esc(label)}</title></circle></a>')
    out = ['<figure class="pa-figure pa-map">',
           f'<svg xmlns="http://www.w3.org/2000/svg" class="pa-svg pa-map-svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
           f'role="group" aria-labelledby="pa-map-title pa-map-desc">',
           '<title id="pa-map-title">Map of the collection</title>',
           f'<desc id="pa-map-desc">{counted(len(data.rows), "paper")} as dots placed by the similarity of their titles and '
           f'abstracts and coloured by topic; each dot links to its paper.</desc>',
           f'<rect class="pa-map-bg" x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="none"/>']
    for slug in used:
        if by_topic[slug]:
            css, colour = classes[slug]
            out.append(f'<g class="{css}" fill="{colour}" aria-label="{esc(topics[slug].name)}">')
            out += by_topic[slug]
            out.append("</g>")
    out += ["</svg>", "</figure>"]
    return "\n".join(out)


def legend(collection: Collection, data: MapData, links: PageLinks) -> str:
    """The colour key: each topic, linked to its page, with the number of its dots."""
    shown: dict[str, int] = {}
    for row in data.rows.tolist():
        slug = collection.papers[row].topic
        shown[slug] = shown.get(slug, 0) + 1
    used = [t for t in collection.taxonomy.topics if t.slug in shown]
    classes = topic_classes([t.slug for t in collection.taxonomy.topics if any(p.topic == t.slug for p in collection.papers)],
                            _catch_all(collection))
    items = []
    for t in used:
        css, colour = classes[t.slug]
        items.append(f'<li><svg class="pa-swatch" viewBox="0 0 12 12" aria-hidden="true"><circle class="{css}" fill="{colour}" '
                     f'cx="6" cy="6" r="5"/></svg><a href="{esc(links.href(paths.topic(t.slug)))}">'
                     f'{esc(t.name)}</a> <span class="pa-count">{shown[t.slug]}</span></li>')
    return '<ul class="pa-legend" aria-label="Topics and their colours">\n' + "\n".join(items) + "\n</ul>"


def page(collection: Collection, env: jinja2.Environment, data: MapData | None,
         directory_urls: bool) -> tuple[str, frozenset[str]]:
    """The map page (map.md); without positions (fewer than 4 papers) it says so and draws nothing.
    With it, the docs/ paths its dots and legend link to."""
    here = paths.MAP
    template = env.get_template("map.md.j2")
    if data is None:
        return template.render(here=here, total=len(collection.papers), shown=0, max_points=MAX_POINTS,
                               landmarks=layout.LANDMARKS, svg="", legend=""), frozenset()
    links = PageLinks(here, directory_urls)
    return template.render(here=here, total=data.total, shown=len(data.rows), max_points=MAX_POINTS,
                           landmarks=layout.LANDMARKS, svg=Markup(svg(collection, data, links)),
                           legend=Markup(legend(collection, data, links))), frozenset(links.targets)


def _catch_all(collection: Collection) -> str | None:
    for t in collection.taxonomy.topics:
        if t.catch_all:
            return t.slug
    return None
