"""The site's paths: where each generated page and file lives under ``docs/``.

The one place that spells them: the page stage, the features, the search
index, the writer (``GENERATED``) and the templates (the Jinja global
``paths``) all ask here. A path is relative to ``docs/``; :func:`page_url` is
the URL MkDocs gives a page there, :func:`relative` a Markdown link between two;
:func:`url_of`, :func:`href` and :func:`absolute` are URLs for links MkDocs
does not rewrite (raw HTML, SVG, feeds, JSON).

Topic and tag slugs name pages in folders that also hold an ``index.md`` (the
list of all topics, of all tags): :data:`RESERVED_SLUGS` are refused.
"""
from __future__ import annotations

import posixpath
from functools import lru_cache
from urllib.parse import quote

HOME = "index.md"
ABOUT = "about.md"
TOPICS = "topics/index.md"
TAGS = "tags/index.md"
STATS = "stats.md"
MAP = "map.md"
READING_LIST = "reading-list.md"
DOWNLOADS = "downloads/index.md"
CATALOG = "papers.json"
#: The ledger of every id, slug and page ever published (generator.model.ledger); the build reads
#: the last publication's here and writes the next one here.
LEDGER = "permalinks.json"
BUILD_REPORT = "build-report.json"
ROBOTS = "robots.txt"
SEARCH_INDEX = "search-index"
ALL_FEED = "feeds/all.xml"
ALL_DOWNLOADS = "downloads/all"
SEARCH = "search/index.md"
AUTHORS = "authors/index.md"
VENUES = "venues/index.md"
YEARS = "years/index.md"

#: What the generator owns under docs/: it writes and prunes only these.
GENERATED = ("papers/", "topics/", "tags/", f"{SEARCH_INDEX}/", HOME, CATALOG, LEDGER, BUILD_REPORT,
             "downloads/", "feeds/", STATS, MAP, READING_LIST, ROBOTS, "search/", "authors/", "venues/", "years/")



#: The folders of the pages the generator writes as final HTML with front matter values (papers and
#: lists of papers, with their indexes): MkDocs shows them as they are (generator/renderer/html_page.py).
HTML_FOLDERS = ("papers/", "topics/", "tags/", "authors/", "venues/", "years/")


def is_html_page(rel: str) -> bool:
    """Whether the page at docs/``rel`` is one the generator writes as final HTML: a paper or list
    page, an index of them, or the home page."""
    return rel.endswith(".md") and (rel.startswith(HTML_FOLDERS) or rel == HOME)


def is_generated(rel: str) -> bool:
    """Whether the generator owns the file or folder at docs/``rel`` (``papers``, ``papers/x.md``, ``index.md``)."""
    return any(rel == g.rstrip("/") or rel.startswith(g) if g.endswith("/") else rel == g for g in GENERATED)


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


def author(slug: str) -> str:
    return f"authors/{slug}.md"


def venue_base(slug: str) -> str:
    return f"venues/{slug}"


def year_base(year: str) -> str:
    return f"years/{year}"


def feed(topic_slug: str | None = None) -> str:
    """The Atom feed of the collection, or of one topic."""
    return ALL_FEED if topic_slug is None else f"feeds/topics/{topic_slug}.xml"


#: The extensions of the downloads of the collection and of each topic (BibTeX, CSL-JSON, RIS).
DOWNLOAD_FORMATS = (".bib", ".json", ".ris")


def downloads(topic_slug: str | None = None) -> str:
    """The downloads of the collection or of one topic, without the extension (``DOWNLOAD_FORMATS``)."""
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


def static_page(path: str, directory_urls: bool) -> str:
    """The HTML file under docs/ that MkDocs copies to where it would build the page docs/``path``
    (``papers/x.md`` → ``papers/x/index.html``, or ``papers/x.html`` without directory URLs): an
    old address's redirect or removal notice, answering at that page's URL."""
    url = page_url(path, directory_urls)
    return url + "index.html" if url.endswith("/") or not url else url


def relative(from_path: str, to_path: str) -> str:
    """Relative Markdown link from one docs/ file to another (both plain docs/ paths)."""
    return "../" * from_path.count("/") + to_path


def url_of(path: str, directory_urls: bool) -> str:
    """Site-root-relative URL of the file at docs/``path`` (pages get MkDocs' page URL)."""
    return page_url(path, directory_urls) if path.endswith(".md") else path


def href(from_path: str, to_path: str, directory_urls: bool) -> str:
    """Relative URL from the page at docs/``from_path`` to the file at docs/``to_path``."""
    start, plain_start = _folder_of(from_path, directory_urls)
    to, folder, plain_to = _target_of(to_path, directory_urls)
    if not (plain_start and plain_to):  # "." or ".." in a path: what posixpath makes of it
        source, target = url_of(from_path, directory_urls), url_of(to_path, directory_urls)
        base = source if source.endswith("/") or not source else posixpath.dirname(source) + "/"
        rel = posixpath.relpath("/" + target, "/" + base)
    else:  # posixpath.relpath without its normalising passes
        common = 0
        for a, b in zip(to, start):
            if a != b:
                break
            common += 1
        rel = "/".join([".."] * (len(start) - common) + list(to[common:])) or "."
    if rel == ".":
        rel = "./"
    elif folder:
        rel += "/"
    return _quote(rel)


# A page links to thousands of others and is linked from thousands: each path is
# split once (bounded: under `mkdocs serve` these live as long as the process).
@lru_cache(maxsize=1 << 18)
def _folder_of(from_path: str, directory_urls: bool) -> tuple[tuple[str, ...], bool]:
    """The parts of the folder the page's URL is in, and whether none is "." or ".."."""
    source = url_of(from_path, directory_urls)
    base = source if source.endswith("/") or not source else posixpath.dirname(source) + "/"
    parts = tuple(x for x in base.split("/") if x)
    return parts, "." not in parts and ".." not in parts


@lru_cache(maxsize=1 << 18)
def _target_of(to_path: str, directory_urls: bool) -> tuple[tuple[str, ...], bool, bool]:
    """The parts of the file's URL, whether it is a folder, and whether no part is "." or ".."."""
    target = url_of(to_path, directory_urls)
    parts = tuple(x for x in target.split("/") if x)
    return parts, target.endswith("/") or not target, "." not in parts and ".." not in parts


@lru_cache(maxsize=1 << 18)
def _quote(rel: str) -> str:
    return quote(rel, safe="/.-_~#")


def absolute(site_url: str | None, path: str, directory_urls: bool) -> str | None:
    """Absolute URL of docs/``path`` under ``site_url``, or None when the site URL is unknown."""
    if not site_url:
        return None
    return site_url.rstrip("/") + "/" + quote(url_of(path, directory_urls), safe="/.-_~")
