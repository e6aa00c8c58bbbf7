"""The bundled site offers only what its collection has: its records have titles and abstracts,
but no authors, dates or venues, so it has no author, venue or year page, and no button or link
to one."""
from __future__ import annotations

import re
from pathlib import Path


def test_the_bundled_site_has_no_empty_author_venue_or_year_page_or_button(built_site: Path):
    for folder in ("authors", "venues", "years"):
        assert not (built_site / folder).exists(), f"{folder}/ holds pages of nothing"
    # A link to an index or a page under it (not the guide's "people-and-venues/").
    links = re.compile(r'href="(?:[^"]*/)?(?:authors|venues|years)/')
    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not links.search(text), f"{page.relative_to(built_site)} links to an empty index"
    home = (built_site / "index.html").read_text(encoding="utf-8")
    for label in ("Authors", "Venues", "Years"):
        assert f">{label}</a>" not in home
    assert ">All topics</a>" in home and ">Search</a>" in home  # the buttons it has are still there
