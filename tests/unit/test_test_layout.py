"""The tests' own layout: pytest imports a test file by its base name (tests/ has no packages),
so two test files of one name in two folders stop the whole run at collection."""
from __future__ import annotations

from collections import Counter

from support.project import ROOT


def test_no_two_test_files_share_a_name():
    names = Counter(p.name for p in (ROOT / "tests").rglob("test_*.py"))
    assert [n for n, k in names.items() if k > 1] == []
