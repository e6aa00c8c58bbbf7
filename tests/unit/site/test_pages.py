"""The page stage's contract with the features: a typed ``extra`` that a template cannot misspell."""
from __future__ import annotations

import shutil
from pathlib import Path

import jinja2
import pytest

from generator.model.collection import Collection
from generator.model.page import NO_EXTRAS, PaperExtras
from generator.model.papers import Paper, Provenance
from generator.model.taxonomy import Taxonomy, Topic
from generator.site import pages
from support.project import ROOT

PAPER = Paper(id="p", title="A paper", abstract="An abstract.", topic="t", sources=(Provenance("a.yml", 1),))
COLLECTION = Collection((PAPER,), Taxonomy((Topic("t", "Topic", "d"),), ()), {})


def render(templates: Path, extra: PaperExtras) -> str:
    files = pages.render(COLLECTION, pages.environment(templates), paper_extra={"p": extra})
    return files["papers/p.md"]


def test_extras_reach_the_paper_page():
    page = render(ROOT / "templates", PaperExtras(related="- [Other](other.md)"))
    assert '<h2 id="related-papers">' in page and "- [Other](other.md)" in page
    assert '"pa_toc": [[2, "related-papers", "Related papers"], [2, "sources", "Sources"]]' in page
    assert '<h2 id="related-papers">' not in render(ROOT / "templates", NO_EXTRAS)


def test_a_misspelt_extra_in_a_template_is_an_error(tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    paper = templates / "paper.md.j2"
    paper.write_text(paper.read_text(encoding="utf-8").replace("extra.related", "extra.relatde", 1), encoding="utf-8")
    with pytest.raises(jinja2.UndefinedError, match="relatde"):
        render(templates, PaperExtras(related="- [Other](other.md)"))
