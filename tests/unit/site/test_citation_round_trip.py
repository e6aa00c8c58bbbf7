"""Every entry type round-trips: the BibTeX fixture of every type (tests/fixtures/formats/bibtex/
entry_types.bib) read, written back as BibTeX, CSL-JSON and RIS, and read again keeps its type and
fields; biber finds no required field missing in what is written that the source had, and nothing
else to complain of."""
from __future__ import annotations

import json
from dataclasses import replace

import pytest
import rispy

from generator.model.papers import PUBLICATION_FIELDS, Paper
from generator.records import build_papers
from generator.site import citations
from generator.sources import read_source
from support.checkers import biber
from support.project import FIXTURES

SOURCE = FIXTURES / "formats" / "bibtex" / "entry_types.bib"


def papers_of(name: str, text: str) -> list[Paper]:
    _, result = read_source(name, text.encode())
    assert not [p for p in result.problems if p.is_error], result.problems
    return build_papers(result.records)[0]


ORIGINAL = papers_of("entry_types.bib", SOURCE.read_text(encoding="utf-8"))
KEYS = citations.citation_keys(ORIGINAL)
BIB = "\n".join(citations.bibtex(p, KEYS[p.id]) for p in ORIGINAL)


def by_title(papers: list[Paper]) -> dict[str, Paper]:
    return {p.title: p for p in papers}


def test_the_fixture_has_every_entry_type():
    assert len(ORIGINAL) == 16
    assert {p.publication.type for p in ORIGINAL} == {
        "article", "book", "booklet", "inbook", "incollection", "inproceedings", "manual", "mastersthesis",
        "misc", "phdthesis", "proceedings", "techreport", "unpublished"}


def test_bibtex_keeps_every_type_and_field():
    again = by_title(papers_of("again.bib", BIB))
    for p in ORIGINAL:
        back = again[p.title]
        assert back.publication == p.publication, p.title
        assert (back.authors, back.doi, back.arxiv) == (p.authors, p.doi, p.arxiv)
        assert back.published == p.published[:7]  # BibTeX's year and month: a day is not written


def _biber_report(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return biber(path, tmp_path / f"work-{name}")


def test_biber_misses_no_required_field_the_source_had(tmp_path):
    source = _biber_report(tmp_path, "source.bib", SOURCE.read_text(encoding="utf-8"))
    ours = _biber_report(tmp_path, "ours.bib", BIB)
    assert not ours.errors and not ours.other_warnings, ours.errors + ours.other_warnings
    key_of_title = {p.title: KEYS[p.id] for p in ORIGINAL}
    source_keys = {e.key: title for e, title in _source_entries()}
    missing_in_source = {(key_of_title[source_keys[k]], f) for k, f, _ in source.missing}
    assert {(k, f) for k, f, _ in ours.missing} <= missing_in_source


def _source_entries():
    import bibtexparser

    lib = bibtexparser.parse_string(SOURCE.read_text(encoding="utf-8"))
    titles = {p.title for p in ORIGINAL}
    for entry in lib.entries:
        (title,) = [t for t in titles if _fold(t) == _fold(entry.fields_dict["title"].value)]
        yield entry, title


def _fold(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


#: Types CSL has no type of its own for: read back as the CSL type they are written as.
CSL_HAS_NOT = {"proceedings": "book", "manual": "book", "inbook": "incollection"}


def test_csl_json_keeps_every_type_and_the_fields_csl_has():
    """CSL has one ``publisher`` for a publisher, an organization and how a misc was published,
    and no type for proceedings, manuals or a chapter apart from a book's contribution."""
    items = [citations.csl(p, KEYS[p.id], "Topic", []) for p in ORIGINAL]
    again = by_title(papers_of("again.json", json.dumps(items)))
    for p in ORIGINAL:
        back, pub = again[p.title].publication, p.publication
        if pub.organization and not pub.publisher:
            pub = replace(pub, publisher=pub.organization)
        if pub.type in ("misc", "booklet", "unpublished") and pub.organization and not pub.howpublished:
            pub = replace(pub, howpublished=pub.organization, publisher=None)
        pub = replace(pub, organization=None, genre=pub.genre or back.genre,  # a thesis's genre is written
                      type=CSL_HAS_NOT.get(pub.type, pub.type))
        assert back.page_range() == pub.page_range(), p.title  # CSL writes a range with a hyphen
        assert replace(back, pages=None) == replace(pub, pages=None), p.title


@pytest.mark.parametrize("paper", ORIGINAL, ids=lambda p: p.publication.type)
def test_ris_is_read_back_with_its_type_and_fields(paper):
    cite = citations.citation(paper, KEYS[paper.id], "Topic", ["tag"])
    (record,) = rispy.loads(cite.ris)
    pub = paper.publication
    assert record["type_of_reference"] == {"article": "JOUR", "book": "BOOK", "booklet": "PAMP", "inbook": "CHAP",
                                           "incollection": "CHAP", "inproceedings": "CPAPER", "manual": "BOOK",
                                           "mastersthesis": "THES", "misc": "GEN", "phdthesis": "THES",
                                           "proceedings": "CONF", "techreport": "RPRT",
                                           "unpublished": "UNPB"}[pub.type]
    assert record["id"] == KEYS[paper.id] and record["title"] == paper.title
    assert record.get("authors", []) == [citations.split_name(a)[0] + ", " + citations.split_name(a)[1]
                                         for a in paper.authors]
    editors = record.get("secondary_authors", []) + record.get("tertiary_authors", [])
    assert len(editors) == len(pub.editors)
    pages = pub.page_range()
    if pages:
        assert (record["start_page"], record.get("end_page")) == pages
    for field, tag in (("volume", "volume"), ("edition", "edition"), ("address", "place_published")):
        assert record.get(tag) == getattr(pub, field), field
    where = record.get("publisher")
    assert where == (pub.institution if pub.type in ("phdthesis", "mastersthesis", "techreport")
                     else pub.publisher or pub.organization)
    assert record["keywords"] == ["Topic", "tag"]


def test_every_field_of_the_model_is_in_the_fixture():
    present = {f for p in ORIGINAL for f in PUBLICATION_FIELDS if getattr(p.publication, f)}
    assert present == set(PUBLICATION_FIELDS) - {"status"}  # status: the test below


def test_a_forthcoming_paper_keeps_its_state(tmp_path):
    """Economists list accepted papers as year = {Forthcoming}: the state round-trips where a year would."""
    text = ("@article{f, author = {Ruijs, Nienke and Oosterbeek, Hessel}, title = {School Choice in Amsterdam},\n"
            "  journal = {Education Finance and Policy}, year = {Forthcoming}}\n")
    (paper,) = papers_of("f.bib", text)
    assert paper.published is None and paper.publication.status == "Forthcoming"
    ours = citations.bibtex(paper, "ruijsschool")
    (again,) = papers_of("again.bib", ours)
    assert again.publication == paper.publication and "year = {Forthcoming}" in ours
    assert not _biber_report(tmp_path, "ours.bib", ours).missing  # nor in the source: a year is there
    assert not _biber_report(tmp_path, "source.bib", text).missing
    item = citations.csl(paper, "k", "t", [])
    assert item["status"] == "Forthcoming" and "issued" not in item
    cite = citations.citation(paper, "k", "t", [])
    assert "(forthcoming)." in cite.reference and '"creativeWorkStatus":"Forthcoming"' in cite.jsonld
