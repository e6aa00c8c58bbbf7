"""The two built-in formats (listing text dumps, YAML records) and decoding."""
from __future__ import annotations

import pytest

from generator.sources import decode, detect, read_source

ABS1 = ("We propose a method for image segmentation that is fast. It beats the baselines on three "
        "benchmarks by a wide margin, and it trains in an hour on one GPU. Code is available.")
ABS2 = ("Graph neural networks are popular. We study their expressive power and show they are as "
        "powerful as the Weisfeiler-Lehman test. Experiments confirm the theory on many graphs.")


def read(text: str, path: str = "data/sources/x.txt"):
    fmt, result = read_source(path, text.encode("utf-8"))
    return fmt, result.records, result.problems


def test_listing_with_headers_glued_subscribe_and_no_blank_lines():
    text = ("Get trending papers in your email inbox once a day!\nGet trending papers in your email inbox!\n"
            f"SubscribeFast Segmentation\n{ABS1}\nExpressive GNNs\n{ABS2}\n")
    fmt, records, problems = read(text)
    assert fmt == "listing" and problems == []
    assert [(r.title, r.provenance.line) for r in records] == [("Fast Segmentation", 3), ("Expressive GNNs", 5)]
    assert records[1].abstract == ABS2


def test_listing_with_blank_lines_and_date_header():
    text = (f"new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\nbyAK and the research community\n\n"
            f"Mar 17\n\nFast Segmentation\n\n{ABS1}\n\nExpressive GNNs\n\n{ABS2}\n")
    fmt, records, _ = read(text)
    assert fmt == "listing"
    assert [r.title for r in records] == ["Fast Segmentation", "Expressive GNNs"]
    assert records[0].provenance.line == 11


def test_abstract_only_dump_gives_untitled_records():
    _, records, _ = read(f"{ABS1}\n{ABS2}")
    assert [(r.title, r.provenance.line) for r in records] == [(None, 1), (None, 2)]


def test_title_with_a_full_stop_still_pairs_with_its_abstract():
    _, records, _ = read(f"Title One\n{ABS1}\nA Model. A novel model for things.\n{ABS2}\n")
    assert [r.title for r in records] == ["Title One", "A Model. A novel model for things."]


def test_yaml_records_with_all_fields():
    text = """- title: Deep Sets
  abstract: Sets are everywhere.
  authors: [Manzil Zaheer, Satwik Kottur]
  published: 2017-03-10
  arxiv: 1703.06114
  doi: 10.5555/3295222
  url: https://example.org/deep-sets
  pdf: https://arxiv.org/pdf/1703.06114
  code: https://github.com/manzilzaheer/DeepSets
  venue: NeurIPS 2017
  tags: [sets, permutation invariance]
  topic: equivariance
- abstract: Only an abstract here, which is enough.
"""
    fmt, records, problems = read(text, "data/sources/papers.yml")
    assert fmt == "yaml" and problems == []
    r = records[0]
    assert (r.title, r.published, r.authors, r.tags, r.topic) == (
        "Deep Sets", "2017-03-10", ("Manzil Zaheer", "Satwik Kottur"), ("sets", "permutation invariance"), "equivariance")
    assert records[1].provenance.line == 13


def test_yaml_syntax_error_names_file_and_line():
    _, records, problems = read("- title: ok\n  abstract: [unclosed\n- title: x\n", "data/sources/bad.yml")
    assert records == []
    assert len(problems) == 1 and problems[0].is_error
    assert problems[0].path == "data/sources/bad.yml" and problems[0].line >= 2
    assert "YAML syntax error" in problems[0].message


def test_yaml_wrong_types_and_unknown_fields_are_reported():
    _, records, problems = read("- title: x\n  authors: {a: 1}\n  abstarct: typo\n  published: someday\n",
                                "data/sources/t.yml")
    messages = " | ".join(p.message for p in problems)
    assert "'authors' must be a list" in messages
    assert "abstarct" in messages and "published" in messages
    assert all(p.line == 1 for p in problems)


def test_yaml_alias_bomb_is_refused():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(9))
    _, records, problems = read(bomb, "data/sources/bomb.yml")
    assert records == [] and problems[0].is_error and "aliases" in problems[0].message


@pytest.mark.parametrize("data, message", [
    (b"\x00\x01\x02binary", "binary"),
    (b"Title\n\xff\xfe bad bytes\n", "not valid UTF-8"),
])
def test_undecodable_files_are_errors(data, message):
    _, result = read_source("data/sources/x.txt", data)
    assert result.records == [] and message in result.problems[0].message


def test_bom_and_crlf_are_fine():
    data = ("\ufeffFast Segmentation\r\n" + ABS1 + "\r\n").encode("utf-8")
    source = decode("x.txt", data)
    assert source.text.startswith("Fast") and "\r" not in source.text
    fmt, result = read_source("x.txt", data)
    assert fmt == "listing" and result.records[0].title == "Fast Segmentation"


def test_file_in_no_format_is_an_error_listing_the_formats():
    fmt, result = read_source("data/sources/x.json", b'{"what": "is this"}')
    assert fmt == "" and result.problems[0].is_error
    assert "fits no known source format" in result.problems[0].message and "yaml" in result.problems[0].message


def test_detection_reports_format_and_confidence():
    fmt, score = detect(decode("x.yml", b"- title: a\n"))
    assert fmt.name == "yaml" and score > 0.5


#: Listing layouts and the (title, abstract) papers they hold. Short abstracts
#: (under 100 characters, one sentence) stay abstracts: the file's rhythm says
#: what follows a title is its abstract.
SHORT1, SHORT2 = "We segment images fast.", "GNNs are as powerful as the WL test."
LAYOUTS = {
    "pairs, no blank lines, short abstracts": (
        f"Fast Segmentation\n{SHORT1}\nExpressive GNNs\n{SHORT2}\n",
        [("Fast Segmentation", SHORT1), ("Expressive GNNs", SHORT2)]),
    "pairs, a blank line between every line": (
        f"Fast Segmentation\n\n{SHORT1}\n\nExpressive GNNs\n\n{SHORT2}\n",
        [("Fast Segmentation", SHORT1), ("Expressive GNNs", SHORT2)]),
    "papers as blocks separated by blank lines": (
        f"Fast Segmentation\n{SHORT1}\n\nExpressive GNNs\n{SHORT2}\nIt has a second line.\n",
        [("Fast Segmentation", SHORT1), ("Expressive GNNs", f"{SHORT2} It has a second line.")]),
    "pairs with long abstracts": (
        f"Fast Segmentation\n{ABS1}\nExpressive GNNs\n{ABS2}\n",
        [("Fast Segmentation", ABS1), ("Expressive GNNs", ABS2)]),
    "a title without abstract among pairs": (
        f"Fast Segmentation\n{SHORT1}\nNo Abstract Here\nExpressive GNNs\n{ABS2}\n",
        [("Fast Segmentation", SHORT1), ("No Abstract Here", None), ("Expressive GNNs", ABS2)]),
    "abstracts alone": (f"{ABS1}\n{ABS2}\n", [(None, ABS1), (None, ABS2)]),
    "a title with a full stop before its abstract": (
        f"Title One\n{ABS1}\nA Model. A novel model for things.\n{ABS2}\n",
        [("Title One", ABS1), ("A Model. A novel model for things.", ABS2)]),
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_listing_layouts_are_read_by_their_rhythm(layout):
    text, expected = LAYOUTS[layout]
    fmt, records, problems = read(text)
    assert fmt == "listing" and problems == []
    assert [(r.title, r.abstract) for r in records] == expected


def test_an_ambiguous_short_line_is_read_by_the_rhythm_and_warned_about():
    # "Short." after a title could be its abstract, or the title (with a full stop) of the long abstract after it.
    fmt, records, problems = read(f"Fast Segmentation\nA short one.\n{ABS1}\nExpressive GNNs\n{ABS2}\n")
    assert [(r.title, r.abstract) for r in records] == [
        ("Fast Segmentation", "A short one."), (None, ABS1), ("Expressive GNNs", ABS2)]
    assert [(p.line, p.kind) for p in problems] == [(2, "listing-ambiguous")]
    assert "read as the abstract of the title at line 1" in problems[0].message
