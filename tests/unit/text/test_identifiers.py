"""arXiv ids and DOIs: one reading of each, whatever the source wrote."""
from __future__ import annotations

from dataclasses import replace

import pytest

from generator.text import identifiers
from generator.text.identifiers import arxiv_id, doi, doi_key, find_arxiv_id

#: Each row: spellings of one arXiv id, and the id they all mean.
SAME_ARXIV = [
    ("2202.12139", ["2202.12139v1", "http://arxiv.org/abs/2202.12139v2", "arXiv:2202.12139", "arxiv: 2202.12139",
                    "https://arxiv.org/pdf/2202.12139.pdf", "https://export.arxiv.org/abs/2202.12139/",
                    "10.48550/arXiv.2202.12139", "  2202.12139v12 "]),
    ("1505.04597", ["https://arxiv.org/pdf/1505.04597", "https://www.arxiv.org/abs/1505.04597v3"]),
    # Old-style ids keep arXiv's case: archive lower, subject class upper.
    ("math.DG/0303109", ["math.DG/0303109", "math.dg/0303109v2", "MATH.DG/0303109", "arXiv:math.DG/0303109",
                         "https://arxiv.org/abs/math.DG/0303109v1"]),
    ("cond-mat/0412498", ["cond-mat/0412498v1", "Cond-Mat/0412498"]),
    ("hep-th/9901001", ["hep-th/9901001", "arxiv.org/abs/hep-th/9901001"]),
]
#: Pairs that are different papers.
DIFFERENT_ARXIV = [("2202.12139", "2202.12193"), ("math.DG/0303109", "math.GT/0303109"),
                   ("hep-th/9901001", "hep-ph/9901001"), ("1505.04597", "1505.04597.1")]
NOT_ARXIV = ["not an id", "", None, "12345", "2202.121", "10.1000/2202.12139"]


@pytest.mark.parametrize(("expected", "spellings"), SAME_ARXIV)
def test_same_arxiv_id(expected, spellings):
    assert {arxiv_id(s) for s in spellings} == {expected}


@pytest.mark.parametrize(("a", "b"), DIFFERENT_ARXIV)
def test_different_arxiv_ids(a, b):
    assert arxiv_id(a) != arxiv_id(b)


@pytest.mark.parametrize("value", NOT_ARXIV)
def test_not_an_arxiv_id(value):
    assert arxiv_id(value) is None


def test_find_arxiv_id_in_text():
    assert find_arxiv_id("arXiv: 2101.00001") == "2101.00001"
    assert find_arxiv_id("arXiv preprint arXiv:1706.03762 [cs]") == "1706.03762"
    assert find_arxiv_id("see https://arxiv.org/abs/math.dg/0303109v2 for") == "math.DG/0303109"
    assert find_arxiv_id("Version 2 of 2101.00001") is None


SAME_DOI = [
    ("10.1109/iccv.2015.123", ["10.1109/ICCV.2015.123", "https://doi.org/10.1109/ICCV.2015.123",
                               "http://dx.doi.org/10.1109/iccv.2015.123", "doi:10.1109/ICCV.2015.123",
                               "DOI: 10.1109/ICCV.2015.123.", "https://www.doi.org/10.1109/ICCV.2015.123"]),
    ("10.1007/978-3-319-24574-4_28", ["10.1007/978-3-319-24574-4_28", "doi:10.1007/978-3-319-24574-4_28;"]),
]
DIFFERENT_DOI = [("10.1000/abc", "10.1000/abd"), ("10.1000/abc", "10.1001/abc")]


@pytest.mark.parametrize(("expected", "spellings"), SAME_DOI)
def test_same_doi(expected, spellings):
    assert {doi_key(s) for s in spellings} == {expected}


@pytest.mark.parametrize(("a", "b"), DIFFERENT_DOI)
def test_different_dois(a, b):
    assert doi_key(a) != doi_key(b)


@pytest.mark.parametrize(("value", "expected"), [
    ("10.1109/ICCV.2015.123", "10.1109/ICCV.2015.123"), ("https://doi.org/10.1000/xyz.", "10.1000/xyz"),
    ("doi:10.1000/abc", "10.1000/abc"), ("http://dx.doi.org/10.1142/S0217", "10.1142/S0217"),
    ("10.1103/A 10.1103/B", "10.1103/A"), ("not a doi", None), (None, None), ("", None),
])
def test_doi_as_written(value, expected):
    assert doi(value) == expected


@pytest.mark.parametrize(("value", "expected"), [
    ("10.1109/ICCV.2015.123", "10.1109/ICCV.2015.123"), ("doi: 10.1000/abc", "10.1000/abc"),
    ("https://doi.org/10.1000/abc", "10.1000/abc"), ("see 10.1000/abc", None), ("10.1000/abc and more", None),
    ("", None), (None, None),
])
def test_a_whole_doi(value, expected):
    from generator.text.identifiers import whole_doi

    assert whole_doi(value) == expected


def test_the_links_of_a_papers_identifiers():
    from generator.model.papers import Paper

    assert identifiers.arxiv_url("math.DG/0303109") == "https://arxiv.org/abs/math.DG/0303109"
    assert identifiers.doi_url("10.1000/xyz.123") == "https://doi.org/10.1000/xyz.123"
    paper = Paper(id="u-net", title="U-Net", abstract="", arxiv="1505.04597")
    assert identifiers.pdf_url(paper) == "https://arxiv.org/pdf/1505.04597"
    assert identifiers.pdf_url(replace(paper, pdf="https://example.org/u.pdf")) == "https://example.org/u.pdf"
    assert identifiers.pdf_url(replace(paper, arxiv=None)) is None
