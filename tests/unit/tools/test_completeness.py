"""The completeness check of every pull request: what the new records lack.

Run on catalogs (``papers.json`` objects) as ``python -m generator diff``
sees them; arXiv's titles come from the recorded arXiv response served on
127.0.0.1, never the network.
"""
from __future__ import annotations

import json
import re

import pytest

from generator import cli
from generator.tools import completeness as c
from generator.tools.remote import Client, RemoteError
from support.services import Clock, Recorded, endpoints, serve

ARXIV_TITLE = "Testing Deep Learning Models: A First Comparative Study of Multiple Testing Techniques"
ABSTRACT = ("We study the problem of designing models for machine learning tasks defined on sets, where the "
            "output is invariant to the order of the elements; we characterise such functions and give a "
            "simple architecture that can be trained on point clouds, sets of words and galaxies alike.")


def paper(pid: str, title: str = "", abstract: str = ABSTRACT, authors=("Ada Lovelace",), arxiv: str = "",
          **extra) -> dict:
    links = {"arxiv": arxiv} if arxiv else {}
    return {"id": pid, "title": title or pid.replace("-", " ").title(), "title_inferred": False,
            "abstract": abstract, "authors": list(authors), "url": f"papers/{pid}/", "links": links, **extra}


BASE = [paper("deep-sets", "Deep Sets"),
        paper("u-net", "U-Net: Convolutional Networks for Biomedical Image Segmentation",
              abstract="There is large consent that successful training of deep networks requires many thousand "
                       "annotated training samples, and we present a network and training strategy that relies "
                       "on the strong use of data augmentation to use the available annotated samples more "
                       "efficiently.")]


def kinds(lacks):
    return [(l.paper_id, l.kind) for l in lacks]


def test_only_new_papers_are_reviewed():
    old_without_abstract = paper("old", "An Old Record Without An Abstract", abstract="")
    lacks = c.review(BASE + [old_without_abstract], BASE + [old_without_abstract])
    assert lacks == []


def test_no_abstract_and_no_authors():
    head = BASE + [paper("bare", "A Record With Nothing But Its Title", abstract="", authors=()),
                   paper("blank", "Blank Author Names Count As None", abstract=" ", authors=("  ",))]
    assert kinds(c.review(BASE, head)) == [("bare", "no-abstract"), ("bare", "no-authors"),
                                          ("blank", "no-abstract"), ("blank", "no-authors")]


@pytest.mark.parametrize("record_title, differs", [
    (ARXIV_TITLE, False),
    ("testing deep learning models: a first comparative study of multiple testing techniques", False),
    ("Testing Deep Learning Models: A Comparative Study of Multiple Testing Techniques", False),
    ("U-Net: Convolutional Networks for Biomedical Image Segmentation", True),
    ("Attention Is All You Need", True),
])
def test_an_arxiv_id_whose_title_differs(record_title, differs):
    head = BASE + [paper("new", record_title, arxiv="2202.12139", abstract="A different abstract " * 3)]
    lacks = [l for l in c.review(BASE, head, {"2202.12139": ARXIV_TITLE}) if l.kind == c.ARXIV_TITLE]
    assert bool(lacks) == differs
    if differs:
        assert lacks[0].other == ARXIV_TITLE and lacks[0].arxiv == "2202.12139"


@pytest.mark.parametrize("new, duplicate", [
    (paper("deep-sets-2", "Deep Sets", abstract="Another abstract entirely, about something else. " * 3,
           authors=("Someone Else",)), True),  # same title, no author in common: the build keeps both
    (paper("unet-2", "U-Net: Convolutional Network for Biomedical Image Segmentation", abstract="x",
           authors=("Nobody",)), True),  # one word differs
    (paper("sets-again", "Permutation-Invariant Set Functions", abstract=ABSTRACT + " Also.",
           authors=("Other Author",)), True),  # near-identical abstract
    (paper("unrelated", "Graph Attention Networks", abstract="We present graph attention networks. " * 5), False),
    (paper("short", "Deep Nets", abstract="Tiny."), False),  # short titles share words by chance
])
def test_a_likely_duplicate_of_an_existing_paper(new, duplicate):
    lacks = [l for l in c.review(BASE, BASE + [new]) if l.kind == c.DUPLICATE]
    assert bool(lacks) == duplicate
    if duplicate:
        assert lacks[0].other_url in ("papers/deep-sets/", "papers/u-net/")


def test_the_section_escapes_record_text_and_links_into_the_preview():
    hostile = paper("x", "<img src=x onerror=alert(1)> [click](javascript:alert(1)) @everyone #1", abstract="",
                    arxiv="2202.12139")
    lacks = c.review(BASE, BASE + [hostile], {"2202.12139": "*bold* <script>alert(2)</script>"})
    text = c.to_markdown(lacks, "https://o.github.io/r/pr-preview/pr-7/")
    assert text.startswith("### What the new records lack\n\n")
    assert "&#42;bold&#42;" in text and "&#91;click&#93;&#40;javascript" in text
    assert not re.search(r"(?<!\\)<(img|script)", text) and "](javascript" not in text
    assert "(https://o.github.io/r/pr-preview/pr-7/papers/x/)" in text
    assert "&#64;\u200beveryone" in text and "has no abstract" in text and "is titled" in text


def test_an_arxiv_id_that_is_none_is_said_and_not_looked_up():
    head = BASE + [paper("bad", "A Record With A Wrong Id", arxiv="javascript:alert(1)", abstract="Its own text.")]
    assert kinds(c.review(BASE, head)) == [("bad", "bad-arxiv")]
    assert "is not an arXiv id" in c.to_markdown(c.review(BASE, head))

    def lookup(arxiv):
        raise AssertionError(f"looked up {arxiv}")

    assert c.arxiv_titles(head, lookup) == ({}, 0)


def test_nothing_to_say_is_no_section():
    assert c.to_markdown(c.review(BASE, BASE)) == ""


def test_arxiv_titles_come_from_the_arxiv_api_and_failures_are_counted():
    clock = Clock()
    recorded = Recorded()
    client = Client(transport=recorded, sleep=clock.sleep, clock=clock, wall=clock)
    papers = [paper("a", arxiv="2202.12139"), paper("b", arxiv="2501.99999"), paper("c")]
    titles, unchecked = c.arxiv_titles(papers, c.arxiv_lookup(client))
    assert titles == {"2202.12139": ARXIV_TITLE} and unchecked == 1
    assert [u.split("id_list=")[1].split("&")[0] for u, _ in recorded.requests] == ["2202.12139", "2501.99999"]
    assert clock.waits == [3.0]  # polite: arXiv's 3 s between requests

    def offline(arxiv):
        raise RemoteError("export.arxiv.org could not be reached")

    titles, unchecked = c.arxiv_titles(papers, offline)
    assert titles == {} and unchecked == 2
    assert "were not checked" in c.to_markdown([], unchecked=2)


def test_the_diff_command_adds_the_section(tmp_path, monkeypatch, capsys):
    base, head = tmp_path / "base.json", tmp_path / "head.json"
    base.write_text(json.dumps(BASE))
    head.write_text(json.dumps(BASE + [paper("new", "Attention Is All You Need", abstract="", arxiv="2202.12139")]))
    recorded = Recorded()
    with serve(recorded) as url:
        monkeypatch.setenv("PAPER_ATLAS_ENDPOINT_ARXIV", endpoints(url)["arxiv"])
        assert cli.main(["diff", str(base), str(head), "--check-arxiv"]) == 0
    out = capsys.readouterr().out
    assert "### What the new records lack" in out and "has no abstract" in out
    assert "is titled “Testing Deep Learning Models&#58; A First" in out
    assert len(recorded.requests) == 1
    # Without --check-arxiv nothing is fetched and the arXiv check is left out.
    assert cli.main(["diff", str(base), str(head)]) == 0
    out = capsys.readouterr().out
    assert "has no abstract" in out and "is titled" not in out
