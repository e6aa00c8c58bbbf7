"""The site built in shards, one MkDocs process each, merged into one site.

MkDocs renders one page at a time in one process. The paper pages are most
of a site and independent of each other (no paper page is in the navigation,
and their links are final HTML the generator checks), so they are dealt out
over ``n`` shards with the tag, author, venue and year pages, by estimated
cost (:func:`owns`); shard 0 also renders the pages of the navigation and
copies the static files. Each shard is an ordinary MkDocs build whose plugin is given
the shard (generator/renderer/plugin.py marks the pages of other shards as excluded:
MkDocs skips them and still resolves links to them). :func:`merge` moves the shards' files into one
site and merges the one file every shard writes differently, the sitemap, in
the order a one-process build writes it — the merged site is byte-identical
to ``mkdocs build``.

Locally ``python -m generator site`` (``make site``) generates once, runs one
shard per core and merges them (generator/renderer/build.py); in CI each shard can
run on its own runner (``python -m generator site --shard k/n``,
.github/workflows/sharded-site.yml) and ``python -m generator merge-site`` joins
the artifacts.
"""
from __future__ import annotations

import gzip
import json
import logging
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from generator.errors import GeneratorError, error
from generator.renderer import lean_css
from generator.runtime import output

log = logging.getLogger("generator.shards")
#: In shard 0's site folder: the sitemap locations of all pages, in the order MkDocs lists them.
ORDER_FILE = ".paper-atlas-pages.json"
SITEMAP = "sitemap.xml"
_ENTRY = re.compile(r"\s*<url>\s*<loc>(.*?)</loc>.*?</url>", re.S)


@dataclass(frozen=True, slots=True)
class Shard:
    index: int
    count: int

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def parse(value: str, where: str = "--shard") -> Shard:
    """The shard ``k/n`` (``python -m generator site --shard k/n``)."""
    found = re.fullmatch(r"(\d+)/(\d+)", value.strip())
    if not found or not int(found.group(1)) < int(found.group(2)):
        raise GeneratorError([error(where, 0, f"the shard is {value!r}; write it as k/n with "
                                              "0 <= k < n, e.g. 0/4 for the first of four shards")])
    return Shard(int(found.group(1)), int(found.group(2)))


def searching(config) -> bool:
    """Material's search plugin is on in this MkDocs configuration (the offline variant):
    its index needs every page in one build."""
    search = config.plugins.get("search") or config.plugins.get("material/search")
    return search is not None and search.config.get("enabled", True)


#: The estimated cost of building a page, in bytes of its Markdown source: the
#: theme's templates cost every page about as much as this many bytes of a page
#: (measured at 2,000 realistic papers: 5.1 ms a paper page of 8.5 KB, 5.4 ms an
#: author page of 2.9 KB, 5.7 ms a tag page of 12.6 KB, of which 1.2-2.3 ms Markdown).
PAGE_COST = 40_000


def owns(shard: Shard, src_uris: list[str], sizes: dict[str, int] | None = None,
         pinned: set[str] | frozenset[str] = frozenset()) -> set[str]:
    """The files of MkDocs' list (``src_uris``, any order) this shard builds.

    Shard 0 builds the static files, the hand-written pages and the pages of
    the navigation (``pinned``: the theme renders the navigation from them).
    Every other generated page (papers, tag, author, venue and year pages, the
    further pages of a topic) goes to the shard with the least estimated work
    so far (``PAGE_COST`` + its size in ``sizes``), largest first: the shards
    finish together. Every shard computes the same deal from the same files.
    """
    sizes = sizes or {}
    cost = lambda u: PAGE_COST + sizes.get(u, 0)  # noqa: E731
    movable = sorted((u for u in src_uris if movable_page(u) and u not in pinned), key=lambda u: (-cost(u), u))
    fixed = set(src_uris).difference(movable)
    load = [0] * shard.count
    load[0] = sum(cost(u) for u in fixed if u.endswith(".md"))
    mine = set(fixed) if shard.index == 0 else set()
    for u in movable:
        k = min(range(shard.count), key=lambda i: (load[i], i))
        load[k] += cost(u)
        if k == shard.index:
            mine.add(u)
    return mine


def movable_page(src_uri: str) -> bool:
    """A generated page no other page needs in the same build: a paper or list page."""
    from generator.paths import HOME, is_html_page

    return is_html_page(src_uri) and src_uri != HOME and not src_uri.endswith("/index.md")


def nav_pages(nav) -> set[str]:
    """The docs/ paths the navigation (``config.nav``: lists, dicts, strings) names."""
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, dict):
        return set().union(*map(nav_pages, nav.values())) if nav else set()
    if isinstance(nav, list):
        return set().union(*map(nav_pages, nav)) if nav else set()
    return set()


def select(files, shard: Shard, site_url: str | None, nav=None) -> list[str]:
    """Exclude from MkDocs ``files`` what another shard builds; return the sitemap
    ``<loc>`` of every page of the whole site, in MkDocs' order."""
    from markupsafe import escape
    from mkdocs.structure.files import InclusionLevel

    everything = list(files)
    base = (site_url or "").rstrip("/") + "/"
    # As mkdocs.structure.pages.Page sets canonical_url, printed |e by the sitemap template.
    order = [str(escape(urljoin(base, f.url))) for f in files.documentation_pages()] if site_url else []
    sizes = {f.src_uri: _size(f.abs_src_path) for f in everything if f.src_uri.endswith(".md")}
    mine = owns(shard, [f.src_uri for f in everything], sizes, nav_pages(nav))
    for f in everything:
        if f.src_uri not in mine:
            f.inclusion = InclusionLevel.EXCLUDED
    return order


def _size(path: str | None) -> int:
    try:
        return os.stat(path).st_size if path else 0
    except OSError:
        return 0


def prune_stale(site_dir: Path, produced: set[str]) -> None:
    """Remove from ``site_dir`` every file a build that wrote ``produced`` (site paths) did not make
    (a dirty build leaves the files of pages that are gone): the static templates MkDocs always
    writes stay."""
    output.prune(site_dir, site_dir, produced | {SITEMAP, f"{SITEMAP}.gz", "404.html"})


def write_order(site_dir: Path, order: list[str]) -> None:
    output.write_atomic(site_dir / ORDER_FILE, json.dumps(order).encode("utf-8"))


def staging(site_dir: Path) -> Path:
    """Where a new site is put together beside ``site_dir`` (same file system) before it replaces
    it in one step (``output.replace_tree``): a build killed at any moment leaves ``site_dir``
    the old site or the new one, never a mix."""
    return site_dir.parent / f".{site_dir.name}-new"


def merge(shard_dirs: list[Path], site_dir: Path, cache=None) -> None:
    """Move the files of ``shard_dirs`` (shard 0 first) into a new site that replaces ``site_dir``
    in one step (:func:`staging`).

    A file two shards both wrote must be the same bytes (404.html, assets);
    the sitemap is the union of the shards' sitemaps in the whole site's order.
    """
    if not shard_dirs or not (shard_dirs[0] / ORDER_FILE).is_file():
        raise GeneratorError([error(str(shard_dirs[0] if shard_dirs else site_dir), 0,
                                    f"this is not the site of shard 0 (it has no {ORDER_FILE}); pass the shards' "
                                    "folders in order, shard 0 first")])
    order = json.loads((shard_dirs[0] / ORDER_FILE).read_text(encoding="utf-8"))
    sitemaps = [d / SITEMAP for d in shard_dirs if (d / SITEMAP).is_file()]
    merged_sitemap = _sitemap(sitemaps, order) if sitemaps else None
    mtime = _gzip_mtime(shard_dirs[0] / f"{SITEMAP}.gz")
    new = staging(site_dir)
    if new.exists():
        shutil.rmtree(new)
    new.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(shard_dirs[0]), str(new))
    (new / ORDER_FILE).unlink()
    for other in shard_dirs[1:]:
        _move_into(other, new)
    if merged_sitemap is not None:
        (new / SITEMAP).write_bytes(merged_sitemap.encode("utf-8"))
        if mtime is not None:
            _write_gzip(new / f"{SITEMAP}.gz", merged_sitemap, mtime)
    lean_css.purge_site(new, cache)  # needs every shard's pages (a shard's plugin skips it)
    output.replace_tree(new, site_dir)


def _move_into(src: Path, site_dir: Path) -> None:
    for dirpath, _dirs, names in os.walk(src):
        rel = Path(dirpath).relative_to(src)
        (site_dir / rel).mkdir(parents=True, exist_ok=True)
        for name in names:
            source, target = Path(dirpath, name), site_dir / rel / name
            if rel == Path(".") and name in (SITEMAP, f"{SITEMAP}.gz", ORDER_FILE):
                continue
            if target.exists():
                if target.read_bytes() != source.read_bytes():
                    raise GeneratorError([error(str(target.relative_to(site_dir)), 0,
                                                f"two shards wrote this file differently (one of them in {src}); "
                                                "every shard must be built from the same generated docs/")])
                continue
            os.replace(source, target)
    shutil.rmtree(src)


def _sitemap(paths: list[Path], order: list[str]) -> str:
    texts = [p.read_text(encoding="utf-8") for p in paths]
    first = texts[0]
    head_end = first.find("<url>")
    head = first[:first.rfind(">", 0, head_end) + 1] if head_end >= 0 else first[:first.index("</urlset>")].rstrip()
    tail = first[first.rindex("</urlset>"):]
    before_tail = first[:first.rindex("</urlset>")]
    gap = before_tail[len(before_tail.rstrip()):]  # the whitespace before </urlset>
    entries: dict[str, str] = {}
    for text in texts:
        for m in _ENTRY.finditer(text):
            entries[m.group(1)] = m.group(0)
    rank = {loc: i for i, loc in enumerate(order)}
    ordered = sorted(entries.items(), key=lambda kv: (rank.get(kv[0], len(rank)), kv[0]))
    return head + "".join(e for _, e in ordered) + gap + tail


def _gzip_mtime(path: Path) -> int | None:
    try:
        header = path.read_bytes()[:8]
    except FileNotFoundError:
        return None
    return int.from_bytes(header[4:8], "little")


def _write_gzip(path: Path, text: str, mtime: int) -> None:
    """As MkDocs writes sitemap.xml.gz (file name in the header, the build's timestamp)."""
    with open(path, "wb") as f, gzip.GzipFile(fileobj=f, filename=str(path), mode="wb", mtime=mtime) as gz:
        gz.write(text.encode("utf-8"))


