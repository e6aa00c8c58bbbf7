"""MkDocs run in this process: the whole site, its shards in worker processes, or a dirty rebuild.

``python -m generator site`` (``make site``) generates docs/ first, then calls
:func:`build_site`. Every MkDocs build here is given its own
generator.renderer.plugin.AtlasPlugin before it starts (:func:`_build_one`): the shard it
renders is a value on that object, and what the build wrote is read back from it.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import time
from pathlib import Path

from generator.errors import GeneratorError, error
from generator.renderer import shards
from generator.renderer.plugin import AtlasPlugin, attach
from generator.renderer.shards import Shard
from generator.runtime import output

log = logging.getLogger("generator.shards")

#: The cache entry that says which site folder a build made, from which inputs.
SITE_ENTRY = "site"


def build_site(config_file: Path, jobs: int | None = None, cache=None, shard: Shard | None = None) -> Path:
    """``mkdocs build --strict`` of the project, in one shard per worker
    (:func:`generator.runtime.parallel.workers`), merged into the configured site folder;
    with ``shard``, that shard alone (the merge is ``python -m generator merge-site``).

    The caller has generated docs/ already: every shard's plugin then finds it
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
    searching = shards.searching(config)  # its index needs every page
    if shard is not None:
        if searching:
            raise GeneratorError([error(str(config_file), 0, f"shard {shard}: the search plugin is on (the offline "
                                                             "variant), and its index needs every page in one build")])
        _build_one(str(config_file), shard, site_dir)
        return site_dir
    inputs = {"site": str(site_dir.resolve()), "inputs": site_inputs(config)}
    output.recover_tree(site_dir)  # a build killed between the fallback swap's two renames
    if cache is not None and not searching:
        if site_dir.is_dir() and cache.load(SITE_ENTRY) == inputs:
            cache.save(SITE_ENTRY, None)  # until this build ends well, the folder is no base for the next
            if _rebuild_dirty_copy(str(config_file), site_dir):
                cache.save(SITE_ENTRY, inputs)
            return site_dir
        cache.save(SITE_ENTRY, None)
    n = jobs or parallel.workers()
    if n <= 1 or searching:
        _build_one_swapped(str(config_file), site_dir)
    else:
        _build_shards(str(config_file), site_dir, n, cache)
    if cache is not None and not searching:
        cache.save(SITE_ENTRY, inputs)
    return site_dir


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
                             {k: os.environ.get(k) for k in ("SITE_URL", "SITE_DIR", "OFFLINE")})).encode())
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


def _build_one_swapped(config_file: str, site_dir: Path) -> None:
    """One MkDocs build of the whole site into ``shards.staging``, which then replaces ``site_dir``."""
    new = shards.staging(site_dir)
    if new.exists():
        shutil.rmtree(new)
    _build_one(config_file, None, new)
    output.replace_tree(new, site_dir)


def _rebuild_dirty_copy(config_file: str, site_dir: Path) -> bool:
    """:func:`_rebuild_dirty` on a copy of ``site_dir`` that then replaces it: MkDocs rewrites pages
    in place, so a kill during the build would leave a mix. The copy's files are hard links of the
    site's (output.link_tree), and the build's plugin unlinks each file before MkDocs writes it
    (``AtlasPlugin(linked=True)``): a rebuilt page is a new file, the published one stays as it was.
    The site the rebuild replaced stays beside it (``shards.staging``: the same inodes but for the
    pages it rebuilt) as the next rebuild's copy, which then relinks only those. At 10,000 papers
    (16,533 files, 406 MB) an unchanged ``generator site`` went from 84 s to 9 s (7.7 to 3.8 s CPU)
    on a loaded machine (benchmarks/README.md)."""
    new = shards.staging(site_dir)
    output.link_tree(site_dir, new)
    pruned = _rebuild_dirty(config_file, new)
    output.replace_tree(new, site_dir, keep_old=True)
    return pruned


def _rebuild_dirty(config_file: str, site_dir: Path) -> bool:
    """MkDocs' dirty build into the site folder a full build made: the pages whose Markdown is
    newer than their HTML are rebuilt (the generator rewrites only the files whose bytes
    changed), the static templates (sitemap, 404) always; files of pages that are gone are
    removed. Pages that are not rebuilt still have the same navigation (site_inputs)."""
    quiet = _DropDirtyWarning()
    logging.getLogger("mkdocs.commands.build").addFilter(quiet)
    try:
        produced, _ = _build_one(config_file, None, site_dir, dirty=True, linked=True)
    finally:
        logging.getLogger("mkdocs.commands.build").removeFilter(quiet)
    if not produced:  # the project's mkdocs.yml does not run hooks/generate.py: delete nothing
        log.warning("the MkDocs hook did not list the site's files; stale pages are left in %s", site_dir)
        return False
    shards.prune_stale(site_dir, produced)
    return True


class _DropDirtyWarning(logging.Filter):
    """MkDocs warns that a dirty build may leave navigation stale (strict mode would fail on it):
    site_inputs rules that out, so the warning is dropped."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


def _build_shards(config_file: str, site_dir: Path, n: int, cache=None) -> None:
    from generator.runtime import parallel

    work = site_dir.parent / f".{site_dir.name}-shards"
    if work.exists():
        shutil.rmtree(work)
    dirs = [work / str(k) for k in range(n)]
    times = parallel.map_chunks(lambda k: _build_one(config_file, Shard(k, n), dirs[k])[1], list(range(n)),
                                processes=n)
    # How evenly the work was dealt (owns): every shard should finish about together.
    print("shards: " + ", ".join(f"{k}/{n} {wall:.1f} s ({cpu:.1f} s CPU)" for k, (wall, cpu) in enumerate(times)))
    shards.merge(dirs, site_dir, cache)
    shutil.rmtree(work, ignore_errors=True)


def _build_one(config_file: str, shard: Shard | None, site_dir: Path, dirty: bool = False,
               linked: bool = False) -> tuple[set[str] | None, tuple[float, float]]:
    """One MkDocs build (strict) of the whole site or of one shard, in this process, given its own
    plugin: the site paths its plugin saw it write (a whole build), and its wall and CPU seconds.
    ``linked``: ``site_dir`` is a hard-linked copy of the site (output.link_tree)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, BuildError, ConfigurationError

    # As `mkdocs build -q`: links to the pages of other shards are INFO lines; warnings still count.
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    start, cpu = time.perf_counter(), time.process_time()
    try:
        config = load_config(config_file, strict=True, site_dir=str(site_dir))
        plugin = attach(config, AtlasPlugin(shard, linked=linked))
        build(config, dirty=dirty)
    except (Abort, BuildError, ConfigurationError) as exc:
        where = f"shard {shard}" if shard else "the site"
        raise GeneratorError([error(config_file, 0, f"MkDocs could not build {where}: {exc}")]) from None
    return plugin.produced, (time.perf_counter() - start, time.process_time() - cpu)
