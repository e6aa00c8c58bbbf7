"""Persistent author ids read from each format that gives them (ORCID iDs, Semantic Scholar
and ACL Anthology ids, Web of Science ResearcherIDs), in the form papers keep them."""
from __future__ import annotations

import json

import pytest

from generator.sources import read_source
from generator.text import identifiers


def records(path: str, text: str):
    name, result = read_source(path, text.encode())
    assert not [p for p in result.problems if p.is_error], result.problems
    return name, result.records


# A Web of Science export: names in another case than in Author, items on new lines.
WOS = """\ufeff@article{ WOS:000723435700002,
Author = {Russo, Katia and Delfino, Daniela and Bossu, Teresa},
Title = {Aflatoxins in feed},
Journal = {TOXINS},
Year = {2021},
ORCID-Numbers = {Russo, Katia/0000-0002-8355-6869
   DELFINO, Daniela/0000-0001-9977-9277
   Bossu, Teresa/0000-0002-1663-0888},
ResearcherID-Numbers = {Russo, Katia/AAJ-7900-2021},
}
"""


def test_web_of_science_orcid_numbers():
    fmt, (r,) = records("wos.bib", WOS)
    assert fmt == "bibtex"
    # Bossu's iD has a wrong check digit: no iD.
    assert r.author_ids == (("Russo, Katia", "orcid:0000-0002-8355-6869"),
                            ("DELFINO, Daniela", "orcid:0000-0001-9977-9277"),
                            ("Russo, Katia", "rid:AAJ-7900-2021"))


@pytest.mark.parametrize(("field", "authors", "expected"), [
    ("orcid = {https://orcid.org/0000-0002-1825-0097}", "Carberry, Josiah", (("Josiah Carberry", "0000-0002-1825-0097"),)),
    ("orcid = {0000-0002-1825-0097; 0000-0002-1694-233X}", "Carberry, Josiah and Ann Lee",
     (("Josiah Carberry", "0000-0002-1825-0097"), ("Ann Lee", "0000-0002-1694-233X"))),
    ("orcid = {Lee, Ann/0000-0002-1694-233X}", "Carberry, Josiah and Ann Lee", (("Lee, Ann", "0000-0002-1694-233X"),)),
    # One iD for two authors: whose is it? Nobody's.
    ("orcid = {0000-0002-1825-0097}", "Carberry, Josiah and Ann Lee", ()),
])
def test_bibtex_orcid_field(field, authors, expected):
    _, (r,) = records("a.bib", f"@article{{k, title = {{T}}, author = {{{authors}}}, {field}}}")
    assert r.author_ids == tuple((n, f"orcid:{i}") for n, i in expected)


def test_csl_json_and_crossref_orcid():
    csl = [{"type": "article-journal", "title": "T", "issued": {"date-parts": [[2020]]}, "author": [
        {"given": "Josiah", "family": "Carberry", "ORCID": "http://orcid.org/0000-0002-1825-0097"},
        {"given": "Ann", "family": "Lee"}]}]
    fmt, (r,) = records("a.json", json.dumps(csl))
    assert fmt == "zotero_json" and r.author_ids == (("Josiah Carberry", "orcid:0000-0002-1825-0097"),)
    work = {"status": "ok", "message-type": "work", "message": {"DOI": "10.1/x", "title": ["T"], "author": [
        {"given": "Josiah", "family": "Carberry", "ORCID": "https://orcid.org/0000-0002-1825-0097",
         "authenticated-orcid": True}, {"given": "Ann", "family": "Lee", "ORCID": "0000-0000-0000-0000"}]}}
    fmt, (r,) = records("w.json", json.dumps(work))
    assert fmt == "crossref" and r.author_ids == (("Josiah Carberry", "orcid:0000-0002-1825-0097"),)


def test_semantic_scholar_author_ids():
    data = {"data": [{"paperId": "abc", "title": "T", "authors": [
        {"authorId": "1741101", "name": "Olaf Ronneberger"}, {"authorId": None, "name": "Ann Lee"},
        {"authorId": "2", "name": "Jo Carberry", "externalIds": {"ORCID": "0000-0002-1825-0097"}}]}]}
    fmt, (r,) = records("s2.json", json.dumps(data))
    assert fmt == "semantic_scholar"
    assert r.author_ids == (("Olaf Ronneberger", "s2:1741101"), ("Jo Carberry", "s2:2"),
                            ("Jo Carberry", "orcid:0000-0002-1825-0097"))


@pytest.mark.parametrize(("value", "expected"), [
    ("0000-0002-1825-0097", "0000-0002-1825-0097"),
    ("https://orcid.org/0000-0002-1694-233X", "0000-0002-1694-233X"),
    ("orcid.org/0000-0002-1694-233x", "0000-0002-1694-233X"),
    ("0000000218250097", "0000-0002-1825-0097"),
    ("0000-0002-1825-0098", None),  # check digit
    ("0000-0002-1825-009", None),
    ("", None),
    (None, None),
])
def test_orcid(value, expected):
    assert identifiers.orcid(value) == expected


def test_acl_anthology_person_ids_and_orcid():
    xml = """<?xml version='1.0' encoding='UTF-8'?>
<collection id="2024.acl"><volume id="long" type="proceedings"><meta>
<booktitle>Proceedings of the 62nd Annual Meeting of the Association for Computational Linguistics</booktitle>
<year>2024</year></meta>
<paper id="1"><title>A Parser</title>
<author id="yang-liu-ict" orcid="0000-0002-1825-0097"><first>Yang</first><last>Liu</last></author>
<author><first>Ann</first><last>Lee</last></author><url>2024.acl-long.1</url></paper>
</volume></collection>"""
    fmt, (r,) = records("2024.acl.xml", xml)
    assert fmt == "acl_xml"
    assert r.author_ids == (("Yang Liu", "acl:yang-liu-ict"), ("Yang Liu", "orcid:0000-0002-1825-0097"))
