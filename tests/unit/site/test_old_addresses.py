"""Every published address answers (generator/site/permalinks.py), built as CI builds: the
generator writes docs/ and the ledger (docs/permalinks.json); the next build reads it."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator import pipeline
from generator.config import Settings
from generator.errors import GeneratorError
from generator.model import ledger as ledger_module

TOPICS = """\
catch_all: other
topics:
  - {name: Graphs, slug: graphs, description: Graph learning., match: [graph, GNN]}
  - {name: Vision, slug: vision, description: Images., match: [image, segmentation]}
  - {name: Other, slug: other, description: The rest.}
tags:
  - {name: graph neural networks, aliases: [GNN]}
  - {name: image segmentation}
"""

PAPERS = {
    "gnn": ("Graph neural networks for molecules", "We propose a graph neural network (GNN) for molecule property "
            "prediction that is fast and accurate on every benchmark we tried and scales to large graphs.",
            "10.1000/gnn"),
    "unet": ("U-Net: convolutional networks for biomedical image segmentation", "There is large consent that "
             "training deep networks for image segmentation requires many thousand annotated training samples.", ""),
    "sets": ("Deep sets", "We study models for graph tasks defined on sets whose objective functions are invariant "
             "to permutations of the graph nodes, and characterise the permutation invariant functions.", ""),
}


def records(papers: dict, published: dict | None = None) -> str:
    out = []
    for title, abstract, doi in papers.values():
        out.append(f"- title: {json.dumps(title)}\n  abstract: {json.dumps(abstract)}\n  authors: [Ann Lee]\n"
                   + (f"  doi: {doi}\n" if doi else "") + "  published: '2024-01-02'\n")
    return "".join(out)


def project(root: Path, papers: dict = PAPERS, topics: str = TOPICS, curation: str = "", **settings) -> Settings:
    (root / "data" / "sources").mkdir(parents=True, exist_ok=True)
    (root / "data" / "sources" / "papers.yml").write_text(records(papers), encoding="utf-8")
    (root / "data" / "topics.yml").write_text(topics, encoding="utf-8")
    (root / "data" / "curation.yml").write_text(curation or "{}\n", encoding="utf-8")
    if not (root / "templates").exists():
        (root / "templates").symlink_to(Path(__file__).resolve().parents[3] / "templates")
    return Settings.for_project(root, site_url=settings.get("site_url", "https://example.org/atlas/"),
                                directory_urls=settings.get("directory_urls", True))


def docs(settings: Settings) -> dict[str, bytes]:
    return {p.relative_to(settings.docs_dir).as_posix(): p.read_bytes()
            for p in sorted(settings.docs_dir.rglob("*")) if p.is_file() and not p.name.startswith(".")}


def answer(settings: Settings, path: str) -> str:
    return (settings.docs_dir / path).read_text(encoding="utf-8")


def moved_to(html: str) -> tuple[str, str, str]:
    """(canonical, refresh target, visible link) of a redirect page."""
    canonical = re.search(r'<link rel="canonical" href="([^"]+)">', html)[1]
    refresh = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', html)[1]
    link = re.search(r'has moved: <a href="([^"]+)">', html)[1]
    return canonical, refresh, link


def test_a_first_build_and_a_build_of_the_same_sources_with_its_ledger_are_the_same(tmp_path):
    first = project(tmp_path / "a")
    pipeline.build(first)
    assert (first.docs_dir / "permalinks.json").is_file()
    before = docs(first)
    pipeline.build(first, force=True)  # now with the ledger it wrote
    assert docs(first) == before
    other = project(tmp_path / "b")  # the same sources, no ledger: the same bytes
    pipeline.build(other)
    assert docs(other) == before


def test_a_title_edit_keeps_the_address_and_its_feed_entry(tmp_path):
    settings = project(tmp_path)
    pipeline.build(settings)
    feed = answer(settings, "feeds/all.xml")
    edited = {**PAPERS, "unet": ("U-Net: convolutional networks for clinical image segmentation", *PAPERS["unet"][1:])}
    project(tmp_path, edited)
    pipeline.build(settings)
    page = "papers/u-net-convolutional-networks-for-biomedical-image-segmentation.md"
    assert "clinical image segmentation" in answer(settings, page)
    assert not (settings.docs_dir / "papers/u-net-convolutional-networks-for-clinical-image-segmentation.md").exists()
    ids = lambda xml: re.findall(r"<id>(urn:uuid:[^<]+)</id>", xml)  # noqa: E731
    assert ids(answer(settings, "feeds/all.xml")) == ids(feed)


def test_a_removed_paper_answers_with_its_citation(tmp_path):
    settings = project(tmp_path)
    pipeline.build(settings)
    project(tmp_path, {k: v for k, v in PAPERS.items() if k != "gnn"})
    result = pipeline.build(settings)
    assert "graph-neural-networks-for-molecules" not in {p.id for p in result.collection.papers}
    page = answer(settings, "papers/graph-neural-networks-for-molecules/index.html")
    assert "removed from the collection" in page and "Graph neural networks for molecules" in page
    assert "Ann Lee (2024)" in page and 'href="https://doi.org/10.1000/gnn"' in page
    assert '<meta name="robots" content="noindex">' in page and 'href="../../"' in page
    entry = [e for e in ledger_module.from_json(answer(settings, "permalinks.json")).papers if e.doi == "10.1000/gnn"]
    assert [e.status for e in entry] == ["removed"]
    # It comes back: the same address, a page again.
    project(tmp_path)
    pipeline.build(settings)
    assert (settings.docs_dir / "papers/graph-neural-networks-for-molecules.md").is_file()
    assert not (settings.docs_dir / "papers/graph-neural-networks-for-molecules/index.html").exists()


@pytest.mark.parametrize("directory_urls", [True, False])
def test_a_paper_renamed_on_purpose_leaves_a_redirect(tmp_path, directory_urls):
    settings = project(tmp_path, directory_urls=directory_urls)
    pipeline.build(settings)
    project(tmp_path, curation="deep-sets: {slug: deep-sets-2017}\n", directory_urls=directory_urls)
    pipeline.build(settings)
    assert (settings.docs_dir / "papers/deep-sets-2017.md").is_file()
    at = "papers/deep-sets/index.html" if directory_urls else "papers/deep-sets.html"
    target = "../deep-sets-2017/" if directory_urls else "deep-sets-2017.html"
    canonical = "https://example.org/atlas/papers/deep-sets-2017/" if directory_urls else \
        "https://example.org/atlas/papers/deep-sets-2017.html"
    assert moved_to(answer(settings, at)) == (canonical, target, target)
    # The curation entry still names the paper by its old id: it applies, and nothing moves again.
    project(tmp_path, curation="deep-sets: {slug: deep-sets-2017, venue: NeurIPS}\n", directory_urls=directory_urls)
    pipeline.build(settings)
    assert "NeurIPS" in answer(settings, "papers/deep-sets-2017.md")
    assert moved_to(answer(settings, at))[1] == target


def test_a_renamed_topic_redirects_and_its_feed_keeps_answering(tmp_path):
    settings = project(tmp_path)
    pipeline.build(settings)
    feed = answer(settings, "feeds/topics/graphs.xml")
    project(tmp_path, topics=TOPICS.replace("slug: graphs", "slug: graph-learning"))
    pipeline.build(settings)
    assert moved_to(answer(settings, "topics/graphs/index.html"))[1] == "../graph-learning/"
    assert answer(settings, "feeds/topics/graphs.xml") == answer(settings, "feeds/topics/graph-learning.xml")
    ids = lambda xml: re.findall(r"<id>(urn:uuid:[^<]+)</id>", xml)  # noqa: E731
    assert ids(answer(settings, "feeds/topics/graph-learning.xml")) == ids(feed)  # the feed's own id too
    for ext in (".bib", ".json", ".ris"):  # every download of the topic now, at its old address too
        assert answer(settings, f"downloads/topics/graphs{ext}") == answer(settings, f"downloads/topics/graph-learning{ext}")


def test_a_tag_whose_papers_went_to_another_redirects_there(tmp_path):
    """A tag of the vocabulary renamed (its old name an alias now): its papers go to the new tag."""
    cells = ("Image segmentation of cells from few labels", "We train a network for image segmentation of cells "
             "in microscopy images from a few labelled images and compare it with manual counts.", "")
    papers = {**PAPERS, "cells": cells}
    settings = project(tmp_path, papers)
    pipeline.build(settings)
    assert (settings.docs_dir / "tags/image-segmentation.md").is_file()
    project(tmp_path, papers, topics=TOPICS.replace("{name: image segmentation}",
                                                    "{name: segmentation, aliases: [image segmentation]}"))
    pipeline.build(settings)
    assert moved_to(answer(settings, "tags/image-segmentation/index.html"))[1] == "../segmentation/"


def test_a_tag_whose_papers_went_apart_lists_them(tmp_path):
    ids = ["graph-neural-networks-for-molecules", "deep-sets",
           "u-net-convolutional-networks-for-biomedical-image-segmentation"]
    settings = project(tmp_path, curation="".join(f"{i}: {{tags: [invariance, t{n}]}}\n" for n, i in enumerate(ids)))
    pipeline.build(settings)
    project(tmp_path, curation="".join(f"{i}: {{tags: [t{n}, u{n}]}}\n" for n, i in enumerate(ids)))
    pipeline.build(settings)
    page = answer(settings, "tags/invariance/index.html")
    assert "no longer in the collection" in page and "The papers it held:" in page
    assert all(f'href="../../papers/{i}/"' in page for i in ids)
    assert 'href="../">All tags</a>' in page


def test_a_broken_ledger_is_an_error_that_says_what_to_do(tmp_path):
    settings = project(tmp_path)
    pipeline.build(settings)
    (settings.docs_dir / "permalinks.json").write_text('{"version": 1, "papers": [{"title": "no id"}]}')
    with pytest.raises(GeneratorError) as caught:
        pipeline.build(settings)
    (problem,) = caught.value.problems
    assert problem.path == "docs/permalinks.json" and "delete it to build as a first publication" in problem.message


def test_the_ledger_reads_back_as_written(tmp_path):
    settings = project(tmp_path)
    pipeline.build(settings)
    text = answer(settings, "permalinks.json")
    ledger = ledger_module.from_json(text)
    assert ledger_module.to_json(ledger) == text
    assert [e.id for e in ledger.papers] == sorted(e.id for e in ledger.papers)  # a first build: by id
    assert "topics/graphs.md" in ledger.pages and not any(p.startswith("papers/") for p in ledger.pages)
