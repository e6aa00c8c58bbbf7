"""MkDocs hook: run the generator before each build; pass the final HTML of
paper and list pages around Python-Markdown's HTML parser (generator/renderer/passthrough.py);
in a sharded build (``PAPER_ATLAS_SHARD=k/n``) build only this shard's pages
(generator/renderer/shards.py).

Configured in mkdocs.yml under ``hooks:``. Generation writes only files whose
content changed, so ``mkdocs serve`` does not rebuild in a loop.
"""
from __future__ import annotations

import logging
import threading
from pathlib import Path

from mkdocs.exceptions import PluginError

from generator import paths, pipeline
from generator.config import Settings
from generator.errors import GeneratorError
from generator.renderer import passthrough, shards
from generator.runtime.cache import Cache, keep_in_memory

# INFO lines only: data warnings are the generator's, and --strict counts
# warnings on the mkdocs logger tree, so they are summarised here, not raised.
log = logging.getLogger("mkdocs.hooks.paper_atlas")


def on_startup(command, dirty):
    """``mkdocs serve`` builds again after each edit in this process: only then is what one build
    worked out kept in memory for the next (generator.runtime.cache.keep_in_memory). ``mkdocs build``
    (and ``serve --clean``, which MkDocs announces as a build) keeps nothing after it."""
    keep_in_memory(command == "serve")


def on_config(config):
    root = Path(config.config_file_path).parent
    settings = Settings.for_project(root, docs_dir=Path(config.docs_dir),
                                    site_name=config.site_name, directory_urls=config.use_directory_urls,
                                    site_url=config.site_url)
    try:
        result = pipeline.build(settings)
    except GeneratorError as exc:
        raise PluginError(exc.report()) from None
    log.info(pipeline.summary(result))
    config.nav = result.nav
    return config


def on_files(files, config):
    try:
        shard = shards.from_env()
    except GeneratorError as exc:
        raise PluginError(exc.report()) from None
    if shard is None:
        shards.produced(files)  # what a dirty rebuild keeps in the site folder (shards.build_site)
        return files
    search = config.plugins.get("search") or config.plugins.get("material/search")
    if search is not None and search.config.get("enabled", True):
        raise PluginError(f"{shards.ENV} is set, but the search plugin is on: its index needs every page in "
                          "one build. Build the offline variant in one process (unset the variable).")
    order = shards.select(files, shard, config.site_url, config.nav)
    if shard.index == 0:
        Path(config.site_dir).mkdir(parents=True, exist_ok=True)
        shards.write_order(Path(config.site_dir), order)
    return files


def on_nav(nav, config, files):
    """The navigation's pages carry their front matter titles before any page is read: a dirty
    build (``generator site`` after an edit) reads only the pages that changed, and the
    footer's "Next: Topics" of an unchanged neighbour must not become "Next: None"."""
    from mkdocs.utils import meta

    for page in nav.pages:
        if page.title is None and page.file.abs_src_path:
            _, front = meta.get_data(Path(page.file.abs_src_path).read_text(encoding="utf-8-sig"))
            if isinstance(front.get("title"), str):
                page.title = front["title"]
    return nav


#: The raw HTML blocks set aside for each paper page between its two events of one build.
_STASHED = passthrough.Stash()


def on_page_markdown(markdown, page, config, files):
    return _STASHED.put(page.file.src_uri, markdown)


def on_page_content(html, page, config, files):
    return _STASHED.take(page.file.src_uri, html)


def on_post_page(output, page, config):
    return passthrough.compact(output) if passthrough.takes_part(page.file.src_uri) else output


def on_serve(server, config, builder):
    """Watch the hand-written part of docs/ only: the generator's own writes
    (during a rebuild) must not ask for a second rebuild of the same edit.
    The last build's ``.cache/`` entries are read into memory meanwhile (a first build
    with nothing new to generate read none), so the first edit costs what later ones do."""
    threading.Thread(target=Cache(Path(config.config_file_path).parent).preload, daemon=True).start()
    docs = Path(config.docs_dir)
    server.unwatch(config.docs_dir)
    for entry in sorted(docs.iterdir()):
        if not paths.is_generated(entry.name) and not entry.name.startswith("."):
            server.watch(str(entry))
    return server
