"""Every bundled paper's page shows exactly its source title and abstract.

The expected text is read straight from the seed files at the line each paper
names as its source, independently of the generator's readers.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from support.html import visible

#: Every piece of LaTeX the bundled listings hold that a page shows decoded, and how: listings
#: are not LaTeX, so only unambiguous commands are (written out here, not computed by the code
#: under test). Everything else — ``(e^{-c m})``, ``~75%``, ``--``, ``\\mtimes``, ``{https://…}`` —
#: is shown exactly as written.
DECODED = [(r"\%", "%"), (r"\&", "&"), (r"Garv\'ia", "Garvía"), (r"{\emph compression}", "compression"),
           (r"\url{//github.com/PredictiveIntelligenceLab/jaxpi}", "//github.com/PredictiveIntelligenceLab/jaxpi"),
           (r"\pm", "±"), ("e.g.\\ ", "e.g. ")]
#: Written characters a LaTeX reading would change, which the pages must show as they are.
AS_WRITTEN = ["(e^{-c m})", "~75%", "U^2-Net^{dagger}", "\\mtimes n", "{https://github.com/csslc/CCSR}", "--"]


def source_lines(root: Path, path: str) -> list[str]:
    return (root / path).read_text(encoding="utf-8").split("\n")


def shown(text: str) -> str:
    for written, decoded in DECODED:
        text = text.replace(written, decoded)
    return text


def expected_from_source(root: Path, ref: str) -> tuple[str | None, str]:
    """(title or None, abstract) of the record a paper names as its source, as a page must
    show it (:data:`DECODED`)."""
    path, line = ref.rsplit(":", 1)
    lines = source_lines(root, path)
    first = lines[int(line) - 1].strip().removeprefix("Subscribe")
    if len(first) > 300:  # an abstract-only line
        return None, shown(first)
    rest = [l.strip() for l in lines[int(line):] if l.strip()]
    return shown(first), shown(rest[0])


def test_the_decoded_table_is_what_the_listings_hold(root):
    """Each row of DECODED occurs in the listings, and no other backslash command is decoded."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted((root / "data" / "sources").glob("*.txt")))
    assert all(written in text for written, _ in DECODED)
    assert all(written in text for written in AS_WRITTEN)


@pytest.fixture(scope="module")
def catalog(built_site):
    return json.loads((built_site / "papers.json").read_text(encoding="utf-8"))


def test_every_seed_paper_has_a_page(catalog, built_site):
    assert len(catalog) == 463
    assert len({p["id"] for p in catalog}) == 463
    pages = sorted(p.name for p in (built_site / "papers").iterdir())
    assert pages == sorted(p["id"] for p in catalog)
    assert sum(p["title_inferred"] for p in catalog) == 22
    assert sum(len(p["sources"]) for p in catalog) == 486


def test_pages_show_the_source_text_exactly(catalog, built_site, root):
    mismatches = []
    for paper in catalog:
        html = (built_site / paper["url"] / "index.html").read_text(encoding="utf-8")
        shown_title, head_title = visible(html, "pa-title", skip_cls="pa-inferred")
        shown_abstract, _ = visible(html, "pa-abstract")
        for ref in paper["sources"]:
            title, abstract = expected_from_source(root, ref)
            want_title = " ".join((title or paper["title"]).split())
            if title is not None and shown_title != want_title and len(paper["sources"]) == 1:
                mismatches.append((ref, "title", want_title, shown_title))
            if shown_abstract != " ".join(abstract.split()) and len(paper["sources"]) == 1:
                mismatches.append((ref, "abstract", abstract[:80], shown_abstract[:80]))
        # Merged papers: the shown text is one of their sources' text.
        if len(paper["sources"]) > 1:
            expected = [expected_from_source(root, r) for r in paper["sources"]]
            assert shown_abstract in {" ".join(a.split()) for _, a in expected}, paper["id"]
        assert head_title == f"{shown_title} - Paper Atlas", paper["id"]
    assert mismatches == []


def test_markup_in_source_text_is_not_interpreted(catalog, built_site):
    """Characters that Markdown, HTML or Jinja would act on appear in the seeds."""
    special = {c: 0 for c in "*_~^`|<[{\\$"}
    for paper in catalog:
        text = paper["title"] + paper["abstract"]
        for c in special:
            special[c] += c in text
    present = [c for c, n in special.items() if n]
    assert len(present) >= 6, present  # the corpus really exercises this
    for paper in catalog:
        html = (built_site / paper["url"] / "index.html").read_text(encoding="utf-8")
        body = html[html.index('class="pa-abstract"'):]
        body = body[: body.index("</div>")]
        for tag in ("<em>", "<strong>", "<code>", "<del>", "<sup>", "<sub>", "<table", "<mark>"):
            assert tag not in body, (paper["id"], tag)


def test_no_request_to_other_hosts_in_built_pages(built_site):
    """No Google Fonts, no CDN scripts: every src/href to a script, style or font is local."""
    offending = set()
    for page in [built_site / "index.html", *list((built_site / "papers").glob("*/index.html"))[:50]]:
        html = page.read_text(encoding="utf-8")
        for m in re.finditer(r'<(?:script|link|img)[^>]+(?:src|href)="(https?:)?//([^"/]+)', html):
            if 'rel="canonical"' not in m.group(0) and "alternate" not in m.group(0):
                offending.add(m.group(2))
    assert offending == set()


def test_what_latex_would_change_is_shown_as_written(catalog, built_site):
    """The issue's example: a listing's ``(e^{-c m})`` keeps its braces (and its meaning)."""
    pages = "\n".join(visible((built_site / p["url"] / "index.html").read_text(encoding="utf-8"), "pa-abstract")[0]
                      for p in catalog)
    for written in AS_WRITTEN:
        assert written in pages, written
    assert "e^-c m" not in pages and "Garvía" in pages and "\\'" not in pages
