"""Feature pages that need only the collection: the downloads page and the reading list
(docs/assets/reading-list.js does the rest of the reading list in the browser)."""
from __future__ import annotations

from collections import Counter

import jinja2

from generator import paths
from generator.model.collection import Collection
from generator.site import feeds
from generator.site.html import PageLinks


def downloads_page(collection: Collection, env: jinja2.Environment) -> str:
    papers = collection.papers
    counts = Counter(p.topic for p in papers)
    used = [t for t in collection.taxonomy.topics if counts[t.slug]]
    return env.get_template("downloads.md.j2").render(here=paths.DOWNLOADS, used=used, counts=counts,
                                                      total=len(papers), feed_size=feeds.SIZE)


def reading_list_page(env: jinja2.Environment, directory_urls: bool) -> tuple[str, frozenset[str]]:
    """The reading list's page, and the docs/ path of its one link (to the downloads page)."""
    links = PageLinks(paths.READING_LIST, directory_urls)
    return env.get_template("reading-list.md.j2").render(
        here=paths.READING_LIST, downloads_href=links.href(paths.DOWNLOADS)), frozenset(links.targets)
