"""generator/cache.py: what one build keeps for the next, and the memos of one process."""
from __future__ import annotations

from dataclasses import replace

from generator import cache
from generator.models import Paper


def _papers(n: int) -> list[Paper]:
    return [Paper(id=f"p{i}", title=f"Paper {i}", abstract=f"Abstract {i}.", authors=(f"Author {i}",))
            for i in range(n)]


def test_paper_keys_of_a_list_changed_in_place_are_its_own():
    papers = _papers(3)
    first = dict(cache.paper_keys(papers))
    papers[1] = replace(papers[1], abstract="Another abstract.")
    again = cache.paper_keys(papers)
    assert again["p1"] != first["p1"]
    assert again == {p.id: cache._hash(p) for p in papers}
    assert {k: v for k, v in again.items() if k != "p1"} == {k: v for k, v in first.items() if k != "p1"}
    papers.append(replace(papers[0], id="p3"))
    assert set(cache.paper_keys(papers)) == {"p0", "p1", "p2", "p3"}


def test_paper_keys_of_the_same_papers_are_worked_out_once(monkeypatch):
    papers = tuple(_papers(4))
    keys = cache.paper_keys(papers)
    hashed: list = []
    real = cache._hash
    monkeypatch.setattr(cache, "_hash", lambda v: hashed.append(v) or real(v))
    assert cache.paper_keys(papers) is keys and cache.paper_keys(list(papers)) is keys
    assert hashed == []
