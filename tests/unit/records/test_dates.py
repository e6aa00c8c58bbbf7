"""One rule for dates in every format (text.dates): a date that does not exist is a warning at its
file and line, and the part of it that is real is kept — the same outcome whatever the format."""
from __future__ import annotations

import json

import pytest

from generator import sources
from generator.records import build_papers


def yaml_(date):
    return "papers.yml", f"- title: A paper\n  abstract: About it.\n  published: {date}\n", 1


def bibtex(date):
    return "refs.bib", f"@article{{k,\n  title = {{A paper}},\n  abstract = {{About it.}},\n  date = {{{date}}}\n}}\n", 1


def csl(date):
    parts = [int(p) for p in date.split("-")]
    item = {"id": "k", "type": "article-journal", "title": "A paper", "abstract": "About it.", "issued": {"date-parts": [parts]}}
    return "csl.json", json.dumps([item]) + "\n", 1


def s2(date):
    return "s2.json", json.dumps({"data": [{"paperId": "p1", "title": "A paper", "abstract": "About it.",
                                            "publicationDate": date}]}) + "\n", 1


def hf(date):
    item = {"paper": {"id": "2101.00001", "title": "A paper", "summary": "About it.", "publishedAt": f"{date}T00:00:00.000Z"},
            "title": "A paper", "submittedOnDailyAt": "2021-02-02T00:00:00.000Z"}
    return "hf.json", json.dumps([item]) + "\n", 1


def crossref(date):
    parts = [int(p) for p in date.split("-")]
    work = {"DOI": "10.5555/x.1", "title": ["A paper"], "abstract": "<jats:p>About it.</jats:p>", "issued": {"date-parts": [parts]}}
    return "crossref.json", json.dumps({"status": "ok", "message-type": "work", "message": work}) + "\n", 1


def atom(date):
    return "feed.atom", ('<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n<entry><id>http://arxiv.org/abs/'
                         f"2101.00001v1</id><published>{date}T00:00:00Z</published><title>A paper</title>"
                         "<summary>About it.</summary></entry>\n</feed>\n"), 3


WRITERS = [yaml_, bibtex, csl, s2, hf, crossref, atom]
#: (written, kept, what the warning says): the same in every format.
DATES = [("2024-02-30", "2024-02", "does not exist"), ("2023-13-05", "2023", "no month 13"),
         ("0000-01-01", None, "no year"), ("2024-02-29", "2024-02-29", None), ("2021-06-15", "2021-06-15", None)]


@pytest.mark.parametrize("writer", WRITERS, ids=lambda w: w.__name__)
@pytest.mark.parametrize(("written", "kept", "said"), DATES)
def test_one_rule_for_dates_in_every_format(writer, written, kept, said):
    name, text, line = writer(written)
    fmt, result = sources.read_source(f"data/sources/{name}", text.encode())
    assert fmt and not [p for p in result.problems if p.is_error], result.problems
    papers, problems = build_papers(result.records)
    assert [p.published for p in papers] == [kept]
    warned = [p for p in problems if p.kind == "bad-date"]
    if said is None:
        assert warned == []
    else:
        assert [(p.path, p.line) for p in warned] == [(f"data/sources/{name}", line)]
        assert said in warned[0].message and written in warned[0].message


@pytest.mark.parametrize("written", ["Forthcoming", "n.d.", "in press"])
def test_text_that_is_no_date_is_left_out_with_a_warning(written):
    """A BibTeX year that says where a paper stands ("Forthcoming", "in press", as economists'
    lists write it) is its publication's status, not a date left out (tests/unit/site/
    test_citation_round_trip.py); a YAML record has a status field of its own."""
    for writer in (yaml_, bibtex):
        name, text, line = writer(written)
        _, result = sources.read_source(f"data/sources/{name}", text.encode())
        papers, problems = build_papers(result.records)
        assert [p.published for p in papers] == [None]
        state = writer is bibtex and written != "n.d."
        assert [p.line for p in problems if p.kind == "bad-date"] == ([] if state else [line])
        assert papers[0].publication.status == (written if state else None)
