"""The README and the guide stay true: commands, every source format, the record fields, links."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml

from generator.sources import registry
from generator.sources.yaml_records import FIELDS
from support.project import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
GUIDE = ROOT / "docs" / "guide"
#: The README is a guide for users: its reference lives in docs/guide/.
README_MAX_BYTES = 12 * 1024
_LINK = re.compile(r"\]\(([^)\s]+)\)")


def _section(text: str, heading: str) -> str:
    """The text under ``heading`` up to the next heading of its level or above."""
    start = text.index(heading)
    level = heading.split(" ")[0]
    ends = [m.start() for m in re.finditer(r"^#{1,%d} " % len(level), text[start + 1:], re.M)]
    return text[start:start + 1 + ends[0]] if ends else text[start:]


def test_readme_shows_the_two_commands_and_the_fast_subset():
    assert "make site" in README and "make test" in README and "make test-fast" in README


def test_readme_is_a_short_guide():
    assert len(README.encode("utf-8")) <= README_MAX_BYTES


@pytest.mark.parametrize("fmt", [f.name for f in registry()])
def test_every_format_is_documented_with_an_example(fmt):
    page = (GUIDE / "sources.md").read_text(encoding="utf-8")
    assert any(line.startswith(f"| `{fmt}` | `.") for line in page.splitlines()), \
        f"format {fmt} has no row (with its file names) in docs/guide/sources.md's table"
    example = page.split(f"**`{fmt}`**\n\n```\n", 1)
    assert len(example) == 2 and example[1].split("```")[0].strip(), f"format {fmt} has no example"


def test_every_record_field_is_in_the_guide_example():
    example = (GUIDE / "records.md").read_text(encoding="utf-8").split("```yaml\n", 1)[1].split("```", 1)[0]
    assert [f for f in FIELDS if f"  {f}:" not in example and f"- {f}:" not in example] == []
    assert isinstance(yaml.safe_load(example), list)


def _links(path: Path) -> list[str]:
    """The relative links of a Markdown file (not URLs, not anchors alone)."""
    text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.S)
    return [t for t in _LINK.findall(text) if "://" not in t and not t.startswith(("#", "mailto:"))]


def test_the_readme_links_lead_to_files_of_the_repository():
    broken = [t for t in _links(ROOT / "README.md") if not (ROOT / unquote(t.split("#")[0])).exists()]
    assert broken == []


def test_every_guide_page_is_in_the_navigation_and_linked_from_the_readme():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)

    def pages(entry):
        if isinstance(entry, str):
            yield entry
        elif isinstance(entry, dict):
            for value in entry.values():
                yield from pages(value)
        elif isinstance(entry, list):
            for item in entry:
                yield from pages(item)

    in_nav = set(pages(config["nav"]))
    guide = {f"guide/{p.name}" for p in GUIDE.glob("*.md")}
    assert guide and guide <= in_nav and in_nav <= guide | {"about.md"}
    assert {p for p in guide if f"docs/{p}" not in README} == set()


class _Loader(yaml.SafeLoader):
    """mkdocs.yml's tags (``!ENV``) read as plain values."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


def test_a_moved_guide_page_leaves_a_redirect_to_its_new_place():
    """docs/scaling.md moved to docs/guide/scaling.md: /scaling/ still answers, with a refresh,
    a canonical link and a visible link to the new page."""
    page = (ROOT / "docs" / "scaling" / "index.html").read_text(encoding="utf-8")
    target = "../guide/scaling/"
    assert f'content="0; url={target}"' in page and f'rel="canonical" href="{target}"' in page
    assert f'<a href="{target}">' in page and (ROOT / "docs" / "guide" / "scaling.md").is_file()
