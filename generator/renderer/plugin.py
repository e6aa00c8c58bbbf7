"""Paper Atlas inside one MkDocs build: the only object that keeps MkDocs state.

MkDocs loads ``hooks/generate.py`` once per process and calls its two events;
everything else happens on an :class:`AtlasPlugin`, one per MkDocs configuration
(one ``mkdocs build``, one rebuild of ``mkdocs serve``, one shard), which joins the
build as a plugin (``config.plugins[NAME]``) when MkDocs reads the configuration:

* ``on_config``: the site URL's default (generator.config.default_site_url), then the
  generator (generator.pipeline.build) and the navigation it gives;
* ``on_files``: in a sharded build, the pages of the other shards are excluded;
  otherwise the plugin notes what the build writes (:attr:`AtlasPlugin.produced`: a
  dirty rebuild prunes the rest, generator/renderer/shards.py);
* ``on_files`` also gives every paper and list page an ``HtmlPage``
  (generator/renderer/html_page.py): its body is final HTML, shown without Markdown;
* ``on_nav``: page titles before pages are read;
* ``on_post_page``: paper and list pages compacted (``html_page.compact``);
* ``on_env``, ``on_post_template``, ``on_post_page``: in a dirty rebuild, whose site folder is a
  hard-linked copy of the published site, each file MkDocs writes is unlinked just before;
* ``on_post_build``: the site's own CSS and JavaScript minified, Material's stylesheet
  purged (generator/renderer/lean_css.py; a shard leaves that to the merge);
* ``on_serve``: ``mkdocs serve`` watches the hand-written part of docs/ only.

The shard is given to the plugin by whoever runs MkDocs (``AtlasPlugin(shard)``,
:func:`attach`; ``python -m generator site --shard k/n``): nothing travels through the
environment. What a process keeps from one build to the next (``mkdocs serve``) is the
documented cache object's, generator/runtime/cache.py.
"""
from __future__ import annotations

import logging
import threading
from pathlib import Path

import rcssmin
import rjsmin
from mkdocs.exceptions import PluginError

from generator import paths, pipeline
from generator.config import Settings, default_site_url
from generator.errors import GeneratorError
from generator.renderer import lean_css, shards
from generator.renderer.html_page import HtmlPage, compact
from generator.runtime import output
from generator.text import markup
from generator.runtime.cache import Cache, keep_in_memory, keeps_in_memory

# INFO lines only: data warnings are the generator's, and --strict counts
# warnings on the mkdocs logger tree, so they are summarised here, not raised.
log = logging.getLogger("mkdocs.hooks.paper_atlas")

#: The plugin's name in ``config.plugins``.
NAME = "paper-atlas"
MINIFIERS = {".css": rcssmin.cssmin, ".js": rjsmin.jsmin}


def on_startup(command: str, dirty: bool) -> None:
    """``mkdocs serve`` builds again after each edit in this process: only then is what one build
    worked out kept in memory for the next (generator.runtime.cache.keep_in_memory). ``mkdocs build``
    (and ``serve --clean``, which MkDocs announces as a build) keeps nothing after it."""
    keep_in_memory(command == "serve")


def on_config(config):
    """The hook's first event of a build: this configuration's plugin joins it, then configures it."""
    return attach(config).configure(config)


def attach(config, plugin: AtlasPlugin | None = None) -> AtlasPlugin:
    """The plugin of this MkDocs configuration: the one it has, else ``plugin`` (given before the
    build: a shard's), else a new one. Once in ``config.plugins``, MkDocs calls its ``on_*`` events."""
    found = config.plugins.get(NAME)
    if found is None:
        config.plugins[NAME] = found = plugin or AtlasPlugin()
    return found


class AtlasPlugin:
    """Paper Atlas's part of one MkDocs build (see the module docstring).

    MkDocs calls each ``on_*`` method it has (a plain class: no no-op events of
    mkdocs.plugins.BasePlugin run for every page). Its configuration handler is
    :meth:`configure`, not ``on_config``: the plugin joins while MkDocs runs the configuration
    event, and the hook calls it."""

    def __init__(self, shard: shards.Shard | None = None, linked: bool = False):
        #: The share of the site this build renders; None for the whole site.
        self.shard = shard
        #: The site folder is a hard-linked copy of the published site (a dirty rebuild,
        #: generator/renderer/build.py): every file MkDocs writes is unlinked first (:meth:`_fresh`).
        self.linked = linked
        #: The site paths of every file the build writes (a whole build only; set by ``on_files``).
        self.produced: set[str] | None = None

    def configure(self, config):
        root = Path(config.config_file_path).parent
        config.site_url = default_site_url(root, config.site_url)
        settings = Settings.for_project(root, docs_dir=Path(config.docs_dir), site_name=config.site_name,
                                        directory_urls=config.use_directory_urls, site_url=config.site_url,
                                        allow_empty=bool(config.extra.get("allow_empty")))
        try:
            result = pipeline.build(settings)
        except GeneratorError as exc:
            raise PluginError(exc.report()) from None
        log.info(pipeline.summary(result))
        # The generated pages first, then mkdocs.yml's own nav: the hand-written About section.
        config.nav = result.nav + list(config.nav or [])
        return config

    def on_files(self, files, config):
        if self.shard is None:
            self.produced = {f.dest_uri for f in files}  # what a dirty rebuild keeps (build.build_site)
        else:
            if shards.searching(config):
                raise PluginError(f"the site is built in shards ({self.shard}), but the search plugin is on: its "
                                  "index needs every page in one build. Build the offline variant in one process.")
            order = shards.select(files, self.shard, config.site_url, config.nav)
            if self.shard.index == 0:
                shards.write_order(Path(config.site_dir), order)
        for f in files.documentation_pages():  # the included ones: another shard's are not read
            if paths.is_html_page(f.src_uri):
                HtmlPage(None, f, config)  # becomes f.page: MkDocs makes no page of its own for it
        return files

    def on_env(self, env, config, files):
        """The theme's templates escape the generator's values with the generator's own function.
        MkDocs copies the static files next, once every plugin has had its ``on_files``."""
        env.filters["pa_attr"] = markup.to_attr
        if self.linked:
            for f in files:
                if not f.is_documentation_page() and f.inclusion.is_included() and f.is_modified():
                    self._fresh(f.abs_dest_path)  # MkDocs copies it: shutil.copyfile writes in place
        return env

    def _fresh(self, path: str) -> None:
        """In a hard-linked copy of the site, the file MkDocs is about to write is unlinked first, so
        the write makes a new file and the published site's (the same inode until then) stays whole."""
        if self.linked:
            output.unlink(path)

    def on_post_template(self, output_content, template_name, config):
        """The theme's sitemap.xml (and its .gz) and 404.html are written next."""
        path = Path(config.site_dir, template_name)
        self._fresh(path)
        if template_name == shards.SITEMAP:
            self._fresh(path.with_name(f"{shards.SITEMAP}.gz"))
        return output_content

    def on_nav(self, nav, config, files):
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

    def on_post_page(self, output, page, config):
        self._fresh(page.file.abs_dest_path)  # MkDocs writes the page next
        return compact(output) if isinstance(page, HtmlPage) else output

    def on_post_build(self, config):
        site_dir = Path(config.site_dir)
        if keeps_in_memory() and self.produced:
            # mkdocs serve --dirty rebuilds into one folder after each edit and leaves the files of
            # pages that are gone: the preview never serves a page the sources no longer make.
            shards.prune_stale(site_dir, self.produced)
        before, after = minify_assets(site_dir)
        log.debug("minified the site's CSS and JavaScript: %d → %d bytes", before, after)
        if self.shard is None:  # a shard's pages are not the site's: the merge purges (shards.merge)
            # .cache/ keeps each page's classes: a dirty rebuild reads only the pages it rebuilt.
            sizes = lean_css.purge_site(site_dir, Cache(Path(config.config_file_path).parent))
            log.debug("Material's stylesheet without unused rules: %s bytes", sizes)

    def on_serve(self, server, config, builder):
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


def minify_assets(site_dir: Path) -> tuple[int, int]:
    """Minify the site's own ``site_dir/assets/*.css`` and ``*.js`` in place; (bytes before, bytes after).

    The files directly under ``assets/`` are ours (docs/assets/); Material's are already
    minified (assets/stylesheets/, assets/javascripts/) and vendor/ holds minified
    third-party files, so both are left alone. rcssmin and rjsmin are pure
    transformations: the same source gives the same bytes."""
    before = after = 0
    for path in sorted((site_dir / "assets").glob("*")):
        minify = MINIFIERS.get(path.suffix)
        if not minify or not path.is_file() or path.name.endswith((".min.css", ".min.js")):
            continue
        text = path.read_text(encoding="utf-8")
        small = minify(text).strip() + "\n"
        before, after = before + len(text.encode()), after + len(small.encode())
        if small != text:
            output.write_atomic(path, small.encode("utf-8"))
    return before, after
