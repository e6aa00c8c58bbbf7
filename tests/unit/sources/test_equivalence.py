"""This source text shows as exactly this, in every format (the records a page is made from).

The tables are in ``tests/support/formats.py``: the LaTeX rule (BibTeX is LaTeX; elsewhere only
unambiguous commands are decoded) and a hostile corpus, each row written as a record of each of
the ten formats. ``tests/sites/test_equivalence_pages.py`` checks the same rows on built pages.
"""
from __future__ import annotations

import pytest

from generator import sources
from generator.records import build_papers
from generator.sources import registry
from support.formats import EQUIVALENCE, FILE_NAMES, FORMATS, HOSTILE, entries, write


def test_every_format_is_in_the_table():
    assert set(FORMATS) == {f.name for f in registry()}


def papers_of(fmt: str, rows) -> tuple[list, list]:
    records = entries(fmt, rows)
    name, result = sources.read_source(f"data/sources/{FILE_NAMES[fmt]}", write(fmt, records).encode("utf-8"))
    assert name == fmt and not [p for p in result.problems if p.is_error], result.problems
    papers, problems = build_papers(result.records)
    return records, papers


def one_line(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("table", ["equivalence", "hostile"])
def test_source_text_shows_as_exactly_this(fmt, table):
    rows = EQUIVALENCE if table == "equivalence" else HOSTILE
    records, papers = papers_of(fmt, rows)
    wrong = []
    for r in records:
        found = [p for p in papers if r.marker in p.abstract]
        assert len(found) == 1, (r.fmt, r.n, "not exactly one paper")
        paper = found[0]
        if paper.title != one_line(r.shown_title):
            wrong.append((r.n, "title", r.title, paper.title))
        if paper.abstract != one_line(r.shown_abstract):
            wrong.append((r.n, "abstract", r.abstract, paper.abstract))
    assert wrong == []
    assert len(papers) == len(records)  # nothing lost, nothing merged


def test_the_issue_cases_outside_bibtex():
    """The issue's own examples, in a YAML record and a listing."""
    by_name = {r.name: r for r in EQUIVALENCE}
    assert by_name["template"].shown == "Template {{ 7*7 }} and {% raw %} Injection in Static Sites"
    assert by_name["tilde"].shown.startswith("H~2~O") and "---" in by_name["dashes"].shown
    assert by_name["backslash"].shown.startswith("\\\\ backslash")
    assert by_name["exponent"].shown == "(e^{-c m})"
