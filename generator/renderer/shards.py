"""The site built in shards, one MkDocs process each, merged into one site.

MkDocs renders one page at a time in one process. The paper pages are most
of a site and independent of each other (no paper page is in the navigation,
and their links are final HTML the generator checks), so they are dealt out
over ``n`` shards with the tag, author, venue and year pages, by estimated
cost (:func:`owns`); shard 0 also renders the pages of the navigation and
copies the static files. Each shard is an ordinary ``mkdocs build`` with ``PAPER_ATLAS_SHARD=k/n``
(the hook marks the pages of other shards as excluded: MkDocs skips them and
still resolves links to them). :func:`merge` moves the shards' files into one
site and merges the one file every shard writes differently, the sitemap, in
the order a one-process build writes it — the merged site is byte-identical
to ``mkdocs build``.

Locally ``python -m generator site`` (``make site``) generates once, runs one
shard per core and merges them; in CI each shard can run on its own runner
(.github/workflows/sharded-site.yml) and ``python -m generator merge-site``
joins the artifacts.
"""
from __future__ import annotations

import gzip
import json
import logging
import os
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from generator.errors import GeneratorError, error
from generator.renderer import lean_css
from generator.runtime import output

log = logging.getLogger("generator.shards")
ENV = "PAPER_ATLAS_SHARD"
#: In shard 0's site folder: the sitemap locations of all pages, in the order MkDocs lists them.
ORDER_FILE = ".paper-atlas-pages.json"
SITEMAP = "sitemap.xml"
PAPERS = "papers/"
_ENTRY = re.compile(r"\s*<url>\s*<loc>(.*?)</loc>.*?</url>", re.S)


@dataclass(frozen=True, slots=True)
class Shard:
    index: int
    count: int

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def from_env(environ=os.environ) -> Shard | None:
    """The shard this build is (``PAPER_ATLAS_SHARD=k/n``), or None for a whole build."""
    value = environ.get(ENV, "").strip()
    if not value:
        return None
    found = re.fullmatch(r"(\d+)/(\d+)", value)
    if not found or not int(found.group(1)) < int(found.group(2)):
        raise GeneratorError([error(ENV, 0, f"the environment variable is {value!r}; write it as k/n with "
                                            "0 <= k < n, e.g. 0/4 for the first of four shards")])
    return Shard(int(found.group(1)), int(found.group(2)))


def is_paper_page(src_uri: str) -> bool:
    return src_uri.startswith(PAPERS) and src_uri.endswith(".md")


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
    from generator.paths import HOME
    from generator.renderer.passthrough import takes_part

    return takes_part(src_uri) and src_uri != HOME and not src_uri.endswith("/index.md")


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


def write_order(site_dir: Path, order: list[str]) -> None:
    (site_dir / ORDER_FILE).write_text(json.dumps(order), encoding="utf-8")


def merge(shard_dirs: list[Path], site_dir: Path, cache=None) -> None:
    """Move the files of ``shard_dirs`` (shard 0 first) into ``site_dir``, which is replaced.

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
    if site_dir.exists():
        shutil.rmtree(site_dir)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(shard_dirs[0]), str(site_dir))
    (site_dir / ORDER_FILE).unlink()
    for other in shard_dirs[1:]:
        _move_into(other, site_dir)
    if merged_sitemap is not None:
        (site_dir / SITEMAP).write_bytes(merged_sitemap.encode("utf-8"))
        if mtime is not None:
            _write_gzip(site_dir / f"{SITEMAP}.gz", merged_sitemap, mtime)
    lean_css.purge_site(site_dir, cache)  # needs every shard's pages (hooks/minify.py skips it in a shard)


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


def build_site(config_file: Path, jobs: int | None = None, cache=None) -> Path:
    """``mkdocs build --strict`` of the project, in one shard per worker
    (:func:`generator.runtime.parallel.workers`), merged into the configured site folder.

    The caller has generated docs/ already: every shard's hook then finds it
    up to date. One worker, or the offline variant (Material's search index
    needs every page in one build), is one ordinary build. With ``cache``
    (generator.runtime.cache.Cache) and a site folder this function built from the same
    site inputs (:func:`site_inputs`), only the pages whose Markdown changed are
    rebuilt (:func:`_rebuild_dirty`).
    """
    from mkdocs.config import load_config

    from generator.runtime import parallel

    config = load_config(str(config_file))
    site_dir = Path(config.site_dir)
    search = config.plugins.get("search") or config.plugins.get("material/search")
    searching = search is not None and search.config.get("enabled", True)  # its index needs every page
    inputs = {"site": str(site_dir.resolve()), "inputs": site_inputs(config)}
    if cache is not None and not searching:
        if site_dir.is_dir() and cache.load(SITE_ENTRY) == inputs:
            cache.save(SITE_ENTRY, None)  # until this build ends well, the folder is no base for the next
            if _rebuild_dirty(str(config_file), site_dir):
                cache.save(SITE_ENTRY, inputs)
            return site_dir
        cache.save(SITE_ENTRY, None)
    n = jobs or parallel.workers()
    if n <= 1 or searching:
        _build_one(str(config_file), None, site_dir)
    else:
        _build_shards(str(config_file), site_dir, n, cache)
    if cache is not None and not searching:
        cache.save(SITE_ENTRY, inputs)
    return site_dir


#: The cache entry that says which site folder a build made, from which inputs.
SITE_ENTRY = "site"


def site_inputs(config) -> str:
    """A hash of what every page of the site depends on besides its own Markdown: mkdocs.yml,
    the theme's overrides, the hooks, the hand-written files of docs/, the navigation the
    generator gave, the variables the configuration reads and the versions of the code."""
    import hashlib

    import material
    import mkdocs

    from generator.paths import is_generated
    from generator.pipeline import STAMP
    from generator.runtime import cache as cache_module

    root = Path(config.config_file_path).parent
    docs = Path(config.docs_dir)
    h = hashlib.sha256(repr((mkdocs.__version__, getattr(material, "__version__", ""), cache_module.version(),
                             {k: os.environ.get(k) for k in ("SITE_URL", "SITE_DIR", "OFFLINE", ENV)})).encode())
    files = [p for p in sorted(root.glob("mkdocs.yml"))]
    for folder in ("overrides", "hooks"):
        files += sorted(p for p in (root / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    files += sorted(p for p in docs.rglob("*") if p.is_file()
                    and not is_generated(p.relative_to(docs).as_posix()) and p.name != STAMP)
    cache_module.hash_files(h, [(p.relative_to(root).as_posix(), p) for p in files])
    try:
        h.update(json.dumps(json.loads((docs / STAMP).read_text(encoding="utf-8"))["nav"]).encode())
    except (OSError, ValueError, KeyError):
        h.update(b"no navigation")
    return h.hexdigest()


def _rebuild_dirty(config_file: str, site_dir: Path) -> bool:
    """MkDocs' dirty build into the site folder a full build made: the pages whose Markdown is
    newer than their HTML are rebuilt (the generator rewrites only the files whose bytes
    changed), the static templates (sitemap, 404) always; files of pages that are gone are
    removed. Pages that are not rebuilt still have the same navigation (site_inputs)."""
    global _PRODUCED
    _PRODUCED = None
    quiet = _DropDirtyWarning()
    logging.getLogger("mkdocs.commands.build").addFilter(quiet)
    try:
        _build_one(config_file, None, site_dir, dirty=True)
    finally:
        logging.getLogger("mkdocs.commands.build").removeFilter(quiet)
    if not _PRODUCED:  # the project's hooks/generate.py did not say what the build wrote: delete nothing
        log.warning("the MkDocs hook did not list the site's files; stale pages are left in %s", site_dir)
        return False
    output.prune(site_dir, site_dir, _PRODUCED | {SITEMAP, f"{SITEMAP}.gz", "404.html"})
    return True


class _DropDirtyWarning(logging.Filter):
    """MkDocs warns that a dirty build may leave navigation stale (strict mode would fail on it):
    site_inputs rules that out, so the warning is dropped."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


#: The site paths of the last build's files in this process (hooks/generate.py's on_files).
_PRODUCED: set[str] | None = None


def produced(files) -> None:
    """Note what a one-process build writes (MkDocs' files: pages, assets, theme files)."""
    global _PRODUCED
    _PRODUCED = {f.dest_uri for f in files}


def _build_shards(config_file: str, site_dir: Path, n: int, cache=None) -> None:
    from generator.runtime import parallel

    work = site_dir.parent / f".{site_dir.name}-shards"
    if work.exists():
        shutil.rmtree(work)
    dirs = [work / str(k) for k in range(n)]
    times = parallel.map_chunks(lambda k: _build_one(config_file, Shard(k, n), dirs[k]), list(range(n)),
                                processes=n)
    # How evenly the work was dealt (owns): every shard should finish about together.
    print("shards: " + ", ".join(f"{k}/{n} {wall:.1f} s ({cpu:.1f} s CPU)" for k, (wall, cpu) in enumerate(times)))
    merge(dirs, site_dir, cache)
    shutil.rmtree(work, ignore_errors=True)


def _build_one(config_file: str, shard: Shard | None, site_dir: Path, dirty: bool = False) -> tuple[float, float]:
    """One MkDocs build (strict) of the whole site or of one shard, in this process:
    its wall and CPU seconds."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, BuildError, ConfigurationError

    if shard is None:
        os.environ.pop(ENV, None)
    else:
        os.environ[ENV] = str(shard)
    # As `mkdocs build -q`: links to the pages of other shards are INFO lines; warnings still count.
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    start, cpu = time.perf_counter(), time.process_time()
    try:
        build(load_config(config_file, strict=True, site_dir=str(site_dir)), dirty=dirty)
    except (Abort, BuildError, ConfigurationError) as exc:
        where = f"shard {shard}" if shard else "the site"
        raise GeneratorError([error(config_file, 0, f"MkDocs could not build {where}: {exc}")]) from None
    return time.perf_counter() - start, time.process_time() - cpu
