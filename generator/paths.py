"""The site's paths: where each generated page and file lives under ``docs/``.

The one place that spells them: the page stage, the features, the search
index, the writer (``GENERATED``) and the templates (the Jinja global
``paths``) all ask here. A path is relative to ``docs/``; :func:`page_url` is
the URL MkDocs gives a page there, :func:`relative` a Markdown link between two.

Topic and tag slugs name pages in folders that also hold an ``index.md`` (the
list of all topics, of all tags): :data:`RESERVED_SLUGS` are refused.
"""
from __future__ import annotations

HOME = "index.md"
ABOUT = "about.md"
TOPICS = "topics/index.md"
TAGS = "tags/index.md"
STATS = "stats.md"
MAP = "map.md"
READING_LIST = "reading-list.md"
DOWNLOADS = "downloads/index.md"
CATALOG = "papers.json"
BUILD_REPORT = "build-report.json"
ROBOTS = "robots.txt"
SEARCH_INDEX = "search-index"
ALL_FEED = "feeds/all.xml"
ALL_DOWNLOADS = "downloads/all"

#: What the generator owns under docs/: it writes and prunes only these.
GENERATED = ("papers/", "topics/", "tags/", f"{SEARCH_INDEX}/", HOME, CATALOG, BUILD_REPORT,
             "downloads/", "feeds/", STATS, MAP, READING_LIST, ROBOTS)

#: Slugs a topic or tag cannot have, and why.
RESERVED_SLUGS = {"index": "topics/index.md and tags/index.md are the lists of all topics and all tags"}


def paper(paper_id: str) -> str:
    return f"papers/{paper_id}.md"


def listing(base: str, n: int = 1) -> str:
    """Page ``n`` of a paged list whose first page is ``<base>.md``."""
    return f"{base}.md" if n == 1 else f"{base}/{n}.md"


def topic_base(slug: str) -> str:
    return f"topics/{slug}"


def tag_base(slug: str) -> str:
    return f"tags/{slug}"


def topic(slug: str, n: int = 1) -> str:
    return listing(topic_base(slug), n)


def tag(slug: str, n: int = 1) -> str:
    return listing(tag_base(slug), n)


def feed(topic_slug: str | None = None) -> str:
    """The Atom feed of the collection, or of one topic."""
    return ALL_FEED if topic_slug is None else f"feeds/topics/{topic_slug}.xml"


def downloads(topic_slug: str | None = None) -> str:
    """The downloads of the collection or of one topic, without the extension (``.bib``, ``.json``)."""
    return ALL_DOWNLOADS if topic_slug is None else f"downloads/topics/{topic_slug}"


def reserved(slug: str) -> str | None:
    """Why ``slug`` cannot name a topic or tag page, or None when it can."""
    return RESERVED_SLUGS.get(slug)


def page_url(path: str, directory_urls: bool) -> str:
    """The URL (from the site root) MkDocs gives the page at docs/``path``."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index")
        return stem if directory_urls else stem + "index.html"
    return stem + "/" if directory_urls else stem + ".html"


def relative(from_path: str, to_path: str) -> str:
    """Relative Markdown link from one docs/ file to another (both plain docs/ paths)."""
    return "../" * from_path.count("/") + to_path
