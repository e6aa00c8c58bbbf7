"""Charts as inline SVG, drawn at build time: no library, no JavaScript, no network.

Each chart is a ``<figure>`` holding an ``<svg>`` with a ``<title>`` and
``<desc>`` (named by ``aria-labelledby``), a ``<title>`` tooltip on every mark,
and a caption; the numbers are also given as a table by the page. Colours come
from CSS classes (docs/assets/paper-atlas-features.css) with a light and a dark
value each, so both schemes keep at least 3:1 contrast; the ``fill``
attributes are the light values, for readers without the stylesheet. All text
is escaped here: labels are record text.
"""
from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass
from itertools import combinations

from generator.text.normalise import counted

_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

#: Light-scheme topic colours (≥ 3.2:1 on white); the stylesheet has the dark ones.
TOPIC_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#c2449a", "#0f8a96", "#d35f00",
                 "#8a8b00", "#00796b", "#880e4f", "#a67c00", "#5e35b1", "#558b2f", "#3f51b5")
OTHER_COLOUR = "#757575"
BAR = "#3949ab"


def esc(text: object) -> str:
    """Text or attribute value for SVG/HTML: escaped, characters XML forbids replaced."""
    return html.escape(_INVALID.sub("\ufffd", str(text)), quote=True)


def short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def topic_classes(slugs: list[str], catch_all: str | None) -> dict[str, tuple[str, str]]:
    """Topic slug → (CSS class, light colour); the catch-all topic is grey."""
    out: dict[str, tuple[str, str]] = {}
    n = 0
    for slug in slugs:
        if slug == catch_all:
            out[slug] = ("pa-topic-other", OTHER_COLOUR)
        else:
            out[slug] = (f"pa-topic-{n % len(TOPIC_COLOURS)}", TOPIC_COLOURS[n % len(TOPIC_COLOURS)])
            n += 1
    return out


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: int
    href: str | None = None
    css: str = "pa-bar"
    colour: str = BAR


def _open(chart_id: str, width: int, height: int, title: str, desc: str, role: str = "img", css: str = "") -> list[str]:
    cls = "pa-svg" + (f" {css}" if css else "")
    return [f'<svg xmlns="http://www.w3.org/2000/svg" class="{cls}" viewBox="0 0 {width} {height}" '
            f'role="{role}" aria-labelledby="{chart_id}-title {chart_id}-desc">',
            f'<title id="{chart_id}-title">{esc(title)}</title>',
            f'<desc id="{chart_id}-desc">{esc(desc)}</desc>']


def _figure(svg: list[str], caption: str, css: str = "", scrolls: bool = False) -> str:
    cls = "pa-figure" + (f" {css}" if css else "")
    # A figure that may scroll sideways (on phones) takes the keyboard focus, so it can be scrolled.
    focus = ' tabindex="0"' if scrolls else ""
    return "\n".join([f'<figure class="{cls}"{focus}>', *svg, "</svg>", f"<figcaption>{esc(caption)}</figcaption>", "</figure>"])


def _bar(b: Bar, unit: str, body: str) -> str:
    tip = f"{b.label}: {counted(b.value, unit)}"
    mark = f'<g class="pa-row"><title>{esc(tip)}</title>{body}</g>'
    return f'<a href="{esc(b.href)}" aria-label="{esc(tip)}">{mark}</a>' if b.href else mark


def bar_chart(chart_id: str, bars: list[Bar], title: str, desc: str, caption: str, unit: str = "paper") -> str:
    """Horizontal bars with their values, drawn twice: labels beside the bars
    for wide screens, labels above them for phones (CSS shows one)."""
    top = max((b.value for b in bars), default=0) or 1
    role = "group" if any(b.href for b in bars) else "img"
    # Wide: label | bar value (rows of 26, bars up to 390 after a 250 label).
    # Narrow: the label on its own line, the bar under it (rows of 38, bars up to 300).
    label_w = 250
    wide = _open(chart_id, 720, max(1, len(bars)) * 26 + 10, title, desc, role, "pa-wide")
    narrow = _open(chart_id + "-narrow", 360, max(1, len(bars)) * 38 + 6, title, desc, role, "pa-narrow")
    for i, b in enumerate(bars):
        y, z = 5 + i * 26, 4 + i * 38
        long_, short_ = (max(1.0, w * b.value / top) if b.value else 0.0 for w in (390, 300))
        wide.append(_bar(b, unit,
            f'<text class="pa-label" x="{label_w - 8}" y="{y + 17}" text-anchor="end">{esc(short(b.label, 34))}</text>'
            f'<rect class="{b.css}" fill="{b.colour}" x="{label_w}" y="{y + 4}" width="{long_:.1f}" height="18" rx="2"/>'
            f'<text class="pa-value" x="{label_w + long_ + 6:.1f}" y="{y + 17}">{b.value}</text>'))
        narrow.append(_bar(b, unit,
            f'<text class="pa-label" x="0" y="{z + 13}">{esc(short(b.label, 48))}</text>'
            f'<rect class="{b.css}" fill="{b.colour}" x="0" y="{z + 19}" width="{short_:.1f}" height="12" rx="2"/>'
            f'<text class="pa-value" x="{short_ + 6:.1f}" y="{z + 30}">{b.value}</text>'))
    return _figure([*wide, "</svg>", *narrow], caption)


def column_chart(chart_id: str, columns: list[tuple[str, int]], title: str, desc: str, caption: str) -> str:
    """Vertical columns over a continuous axis (years); every label shown when they fit."""
    left, bottom, plot_h, width = 40, 40, 220, 720
    n = max(1, len(columns))
    step = (width - left - 10) / n
    top = max((v for _, v in columns), default=0) or 1
    every = 1 if n <= 20 else (2 if n <= 40 else 5)
    height = plot_h + bottom + 10
    svg = _open(chart_id, width, height, title, desc)
    base = 10 + plot_h
    # Light grid lines at whole numbers of papers: the top and about half of it
    # (with one paper a year, a single line at 1; 0 is the axis itself).
    for value in sorted({top // 2, top} - {0}):
        y = base - plot_h * value / top
        svg.append(f'<line class="pa-grid" x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}"/>'
                   f'<text class="pa-axis" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{value}</text>')
    svg.append(f'<text class="pa-axis" x="{left - 6}" y="{base + 4}" text-anchor="end">0</text>')
    svg.append(f'<line class="pa-axis-line" x1="{left}" x2="{width - 10}" y1="{base}" y2="{base}"/>')
    for i, (label, value) in enumerate(columns):
        x = left + i * step
        h = plot_h * value / top
        svg.append(f'<g class="pa-row"><title>{esc(label)}: {counted(value, "paper")}</title>'
                   f'<rect class="pa-bar" fill="{BAR}" x="{x + step * 0.12:.1f}" y="{base - h:.1f}" '
                   f'width="{step * 0.76:.1f}" height="{h:.1f}"/></g>')
        year = label[-4:]
        if i % every == 0 or i == n - 1 and year.isdigit() and int(year) % every == 0:
            svg.append(f'<text class="pa-axis" x="{x + step / 2:.1f}" y="{base + 16}" text-anchor="middle">{esc(label)}</text>')
    return _figure(svg, caption)


def cooccurrence(tag_sets: list[tuple[str, ...]], names: dict[str, str], top: int = 12) -> tuple[list[str], list[list[int]]]:
    """The ``top`` most used tags and how many papers carry each pair of them."""
    counts = Counter(t for tags in tag_sets for t in tags)
    ranked = sorted(counts, key=lambda t: (-counts[t], names.get(t, t).casefold(), t))[:top]
    pos = {t: i for i, t in enumerate(ranked)}
    matrix = [[0] * len(ranked) for _ in ranked]
    for tags in tag_sets:
        present = sorted({pos[t] for t in tags if t in pos})
        for a, b in combinations(present, 2):
            matrix[a][b] += 1
            matrix[b][a] += 1
    for t, i in pos.items():
        matrix[i][i] = counts[t]
    return ranked, matrix


def heatmap(chart_id: str, labels: list[str], matrix: list[list[int]], title: str, desc: str, caption: str,
            hrefs: list[str | None] | None = None) -> str:
    """A symmetric matrix as shaded cells with their counts; the diagonal (each tag alone) is outlined."""
    n = len(labels)
    cell, label_w, head = 36, 210, 150
    width, height = label_w + n * cell + 10, head + n * cell + 10
    off = [matrix[i][j] for i in range(n) for j in range(n) if i != j]
    top = max(off, default=0) or 1
    svg = _open(chart_id, width, height, title, desc)
    for i, label in enumerate(labels):
        y = head + i * cell
        svg.append(f'<text class="pa-label" x="{label_w - 8}" y="{y + cell / 2 + 5:.1f}" text-anchor="end">{esc(short(label, 28))}</text>')
        x = label_w + i * cell + cell / 2
        svg.append(f'<text class="pa-label" transform="translate({x + 4:.1f} {head - 8}) rotate(-50)">{esc(short(label, 22))}</text>')
    for i in range(n):
        for j in range(n):
            x, y, v = label_w + j * cell, head + i * cell, matrix[i][j]
            if i == j:
                svg.append(f'<g><title>{esc(labels[i])}: {counted(v, "paper")}</title>'
                           f'<rect class="pa-heat-diag" x="{x + 1}" y="{y + 1}" width="{cell - 2}" height="{cell - 2}" fill="none" stroke="#757575"/>'
                           f'<text class="pa-heat-text" x="{x + cell / 2}" y="{y + cell / 2 + 4}" text-anchor="middle">{v}</text></g>')
                continue
            level = v / top
            hot = " pa-heat-hot" if level > 0.55 else ""
            svg.append(f'<g class="pa-heat{hot}"><title>{esc(labels[i])} and {esc(labels[j])}: {counted(v, "paper")}</title>'
                       f'<rect class="pa-heat-cell" x="{x + 1}" y="{y + 1}" width="{cell - 2}" height="{cell - 2}" '
                       f'fill="{BAR}" fill-opacity="{0.06 + 0.94 * level:.2f}"/>'
                       f'<text class="pa-heat-text" x="{x + cell / 2}" y="{y + cell / 2 + 4}" text-anchor="middle">{v or ""}</text></g>')
    return _figure(svg, caption, "pa-figure--wide", scrolls=True)
