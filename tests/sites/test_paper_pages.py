"""Paper and list pages are final HTML that MkDocs shows as it is
(generator/renderer/html_page.py), the generator checks every link it writes
there (MkDocs checks Markdown links only), and such a page is what
Python-Markdown would make of it."""
from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest

from generator import pipeline
from generator.errors import GeneratorError
from generator.renderer import html_page
from support.project import ROOT, make_site_project

SOURCES = {"a.yml": (
    "- title: 'U-Net: segmentation'\n  abstract: We segment images with $x^2$ convolutions.\n"
    "  authors: [Olaf Ronneberger, Philipp Fischer]\n  published: 2015-05-18\n  arxiv: '1505.04597'\n"
    "  tags: [U-Net, image segmentation]\n"
    "- title: Segmenting cells with U-Net\n  abstract: We segment images of cells with convolutions.\n"
    "  tags: [U-Net]\n"
)}


def test_paper_pages_hold_no_markdown_links_or_markdown_blocks(tmp_path):
    project = make_site_project(tmp_path, SOURCES, site=False)
    result = pipeline.build(project.settings)
    page = result.files["papers/u-net-segmentation.md"]
    body = page.split("\n---\n", 1)[1]
    assert 'markdown="1"' not in body and "](" not in body and "{:" not in body
    chips = re.findall(r'<a href="([^"]+)" class="pa-chip">([^<]+)</a>', body)
    assert chips == [("../../tags/u-net/", "U-Net")]  # "image segmentation" is this paper's alone: a keyword, no link
    assert '<p class="pa-meta pa-keywords">Keywords: image segmentation</p>' in body
    assert '<a href="https://arxiv.org/abs/1505.04597" class="md-button md-button--primary">arXiv</a>' in body
    assert '<li><a href="../segmenting-cells-with-u-net/">Segmenting cells with U-Net</a>' in body


def test_a_paper_page_records_the_pages_it_links_to_for_the_link_check(tmp_path):
    """What a paper page links to (its topic, tags, related papers, people, downloads) is recorded
    where each link is made, and pages.check_links checks those targets (lychee checks the built
    site's every link, tests/sites/test_links.py)."""
    project = make_site_project(tmp_path, SOURCES, site=False)
    result = pipeline.build(project.settings)
    page = "papers/u-net-segmentation.md"
    (topic,) = [p.topic for p in result.collection.papers if p.id == "u-net-segmentation"]
    assert {f"topics/{topic}.md", "tags/u-net.md", "papers/segmenting-cells-with-u-net.md",
            "authors/olaf-ronneberger.md", "downloads/index.md"} <= result.files.links(page)
    assert result.files.links(page) <= set(result.files)


def _report_with_template_changed(project, name: str, old: str, new: str) -> str:
    """The error report of a build whose template ``name`` has ``old`` replaced by ``new``."""
    path = project.root / "templates" / name
    template = path.read_text(encoding="utf-8")
    assert old in template
    path.write_text(template.replace(old, new), encoding="utf-8")
    with pytest.raises(GeneratorError) as caught:
        pipeline.build(project.settings)
    return caught.value.report()


def _markdown():
    """A Python-Markdown converter configured as mkdocs.yml configures MkDocs'."""
    import markdown
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    return markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"])


def _realistic_sources(n: int) -> dict[str, str]:
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    import corpus

    folder = Path(tempfile.mkdtemp(prefix="pa-corpus-"))
    return {p.name: p.read_text(encoding="utf-8") for p in corpus.write_records(folder, n)}


@pytest.mark.parametrize("corpus_name", ["realistic", "hostile"])
def test_a_paper_page_shown_as_it_is_is_what_markdown_makes_of_it(tmp_path, corpus_name):
    from generator.renderer import html_page
    from support.hostile import hostile_sources

    sources = _realistic_sources(200) if corpus_name == "realistic" else hostile_sources()
    project = make_site_project(tmp_path, sources, site=False)
    result = pipeline.build(project.settings)
    md = _markdown()
    papers = [(path, text) for path, text in sorted(result.files.items()) if path.startswith("papers/")]
    assert len(papers) > 20
    for path, text in papers:
        meta, body = html_page.split(text)
        md.reset()
        assert body.strip() == md.convert(body), path
        anchors = [anchor for _, anchor, _ in meta[html_page.TOC]]
        assert [a for a in ("related-papers", "cite", "sources") if f'<h2 id="{a}">' in body] == anchors, path
        assert meta["title"] and isinstance(meta["pa_citation"], list)


def test_list_pages_hold_final_html_links_the_generator_checks(tmp_path):
    project = make_site_project(tmp_path, SOURCES, site=False)
    result = pipeline.build(project.settings)
    tag = result.files["tags/u-net.md"].split("\n---\n", 1)[1]
    assert 'markdown="1"' not in tag and "](" not in tag and "{:" not in tag
    items = re.findall(r'<li><a href="([^"]+)">([^<]+)</a>', tag)
    assert sorted(items) == [("../../papers/segmenting-cells-with-u-net/", "Segmenting cells with U-Net"),
                             ("../../papers/u-net-segmentation/", "U-Net: segmentation")]
    assert '<p><a href="../" class="pa-back">All tags</a></p>' in tag
    report = _report_with_template_changed(project, "_macros.md.j2", "paths.paper(p.id)", '"papers/nowhere.md"')
    assert "docs/tags/u-net.md" in report and "papers/nowhere.md" in report


def test_compacting_a_page_drops_only_whitespace_a_browser_does_not_show():
    html = '<div>\n    <p>a\n\n      b</p>\n  <pre><code>x\n\n    y</code></pre>\n\n\n<span>c</span>\n'
    assert html_page.compact(html) == '<div><p>a\nb</p>\n<pre><code>x\n\n    y</code></pre>\n<span>c</span>\n'
    # Between two inline elements, or next to text, a line break is a space and stays.
    inline = '<p><a href="x">A</a>\n<code>b</code>\n<label>L</label>\n<input>\n<button>B</button> c\n<em>d</em></p>'
    assert html_page.compact(inline) == inline
    lists = '<ul>\n<li><a href="#x">\nX\n</a></li>\n<li>Y</li>\n</ul>\n<script>s</script>\n<span>z</span>'
    assert html_page.compact(lists) == '<ul><li><a href="#x">\nX\n</a></li><li>Y</li></ul><script>s</script><span>z</span>'
