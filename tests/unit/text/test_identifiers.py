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
NOT_ARXIV = ["not an id", "", None, "12345", "2202.121", "10.1000/2202.12139", "99999", "../../x",
             # no such month, no such scheme at that date, no such archive
             "2213.12345", "2200.12345", "0703.1234", "1412.12345", "1501.1234", "foo/0101001", "hep-th/9913001",
             "math/0801001", "hep-th/9901000", "javascript:alert(1)", "2202.12139/../../x"]


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
NOT_DOI = ["not-a-doi", "10.1/x", "10.123/x", "10.1000/", "doi:", "https://doi.org/", "11.1000/x", "10.1000x/abc",
           "javascript:alert(1)", "../../x"]
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


@pytest.mark.parametrize("value", NOT_DOI)
def test_not_a_doi(value):
    assert doi_key(value) is None
    assert identifiers.why_not("doi", value).startswith(f"doi {value!r} is not a valid DOI")


def test_a_doi_link_encodes_what_a_url_cannot_hold():
    """Real DOIs hold <, >, # and ; (Wiley's SICI DOIs): linked, percent-encoded."""
    sici = "10.1002/(SICI)1097-4636(199905)45:2<105::AID-JBM5>3.0.CO;2-8"
    assert doi_key(sici) == sici.lower()
    assert identifiers.doi_url(sici) == "https://doi.org/10.1002/(SICI)1097-4636(199905)45:2%3C105::AID-JBM5%3E3.0.CO;2-8"
    assert identifiers.doi_url("10.1000/a#b?c%d\"e") == "https://doi.org/10.1000/a%23b%3Fc%25d%22e"


#: ORCID iDs: the check digit (ISO 7064 11,2) decides.
ORCIDS = [("0000-0002-1825-0097", "0000-0002-1825-0097"), ("https://orcid.org/0000-0002-1694-233X", "0000-0002-1694-233X"),
          ("orcid.org/0000-0002-1694-233x", "0000-0002-1694-233X"), ("0000000218250097", "0000-0002-1825-0097"),
          ("http://www.orcid.org/0000-0001-5109-3700/", "0000-0001-5109-3700")]
NOT_ORCID = ["0000-0002-1825-0098", "0000-0002-1694-2330", "0000-0002-1825-009", "0000-0002-1825-00977",
             "X000-0002-1825-0097", "https://example.org/0000-0002-1825-0097", "", None, "../../x"]


@pytest.mark.parametrize(("value", "expected"), ORCIDS)
def test_orcid(value, expected):
    assert identifiers.orcid(value) == expected
    assert identifiers.orcid_url(expected) == f"https://orcid.org/{expected}"
    assert identifiers.why_not("orcid", value) is None


@pytest.mark.parametrize("value", NOT_ORCID)
def test_not_an_orcid(value):
    assert identifiers.orcid(value) is None
    if value:
        assert "check digit" in identifiers.why_not("orcid", value)


@pytest.mark.parametrize("value", ["99999", "../../x", "2213.12345"])
def test_why_an_arxiv_id_is_none(value):
    assert identifiers.why_not("arxiv", value) == (f"arxiv {value!r} is not a valid arXiv id, so it is not linked; "
                                                   f"{identifiers.SHAPES['arxiv']}")
    assert identifiers.why_not("arxiv", "arXiv:2202.12139v2") is None
    assert identifiers.why_not("arxiv", "") is None


def test_as_read_keeps_what_it_cannot_read():
    assert identifiers.as_read("arxiv", "arXiv:2202.12139v2") == "2202.12139"
    assert identifiers.as_read("arxiv", " ../../x ") == "../../x"
    assert identifiers.as_read("doi", "https://doi.org/10.1000/ABC") == "10.1000/ABC"
    assert identifiers.as_read("doi", "not-a-doi") == "not-a-doi"
    assert identifiers.as_read("doi", None) is None and identifiers.as_read("doi", ["x"]) is None
