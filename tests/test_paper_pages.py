"""Paper pages are final HTML the Markdown processor passes through, and the
generator checks every link it writes there (MkDocs checks Markdown links only)."""
from __future__ import annotations

import re

import pytest

from generator import pipeline
from generator.errors import GeneratorError
from support.project import make_site_project

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
    assert chips == [("../../tags/u-net/", "U-Net"), ("../../tags/image-segmentation/", "image segmentation")]
    assert '<a href="https://arxiv.org/abs/1505.04597" class="md-button md-button--primary">arXiv</a>' in body
    assert '<li><a href="../segmenting-cells-with-u-net/">Segmenting cells with U-Net</a>' in body


def test_a_broken_link_in_a_paper_page_fails_the_build_naming_page_and_target(tmp_path):
    project = make_site_project(tmp_path, SOURCES, site=False)
    templates = project.root / "templates"
    template = (templates / "paper.md.j2").read_text(encoding="utf-8")
    (templates / "paper.md.j2").write_text(template.replace('to.topic[topic.slug]', '"../../topics/nowhere/"'),
                                           encoding="utf-8")
    with pytest.raises(GeneratorError) as caught:
        pipeline.build(project.settings)
    report = caught.value.report()
    assert "docs/papers/u-net-segmentation.md" in report and "'../../topics/nowhere/'" in report
