"""The README stays true: commands, every source format, the record fields."""
from __future__ import annotations

import pytest

from generator.sources import registry
from generator.sources.yaml_records import FIELDS
from support.project import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_shows_the_two_commands():
    assert "make site" in README and "make test" in README


@pytest.mark.parametrize("fmt", [f.name for f in registry()])
def test_every_format_is_documented_with_an_example(fmt):
    section = README[README.index("## Source formats"):README.index("## Deploy")]
    row = next((line for line in section.splitlines() if line.startswith(f"| `{fmt}` |")), None)
    assert row, f"format {fmt} has no row in the README's table"
    assert row.count("`") >= 4, "the row has no example"


def test_every_record_field_is_in_the_readme_example():
    section = README[README.index("## The record format"):README.index("## Source formats")]
    for field in FIELDS:
        if field != "added":
            assert f"  {field}:" in section or f"- {field}:" in section, field
