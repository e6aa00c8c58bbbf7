"""MkDocs hook: minify the site's own CSS and JavaScript after the build, and
purge Material's stylesheet of rules for components no page shows
(generator/renderer/lean_css.py; a sharded build purges after the merge instead).

The files directly under ``site/assets/`` are ours (docs/assets/*.css, *.js);
Material's are already minified (assets/stylesheets/, assets/javascripts/)
and vendor/ holds minified third-party files, so both are left alone. The
sources in docs/assets/ stay readable; only the built copies are rewritten.
rcssmin and rjsmin are pure transformations: the same source gives the same
bytes.
"""
from __future__ import annotations

import logging
from pathlib import Path

import rcssmin
import rjsmin

from generator.renderer import lean_css, shards
from generator.runtime.cache import Cache

log = logging.getLogger("mkdocs.hooks.minify")

MINIFIERS = {".css": rcssmin.cssmin, ".js": rjsmin.jsmin}


def minify_assets(site_dir: Path) -> tuple[int, int]:
    """Minify ``site_dir/assets/*.css`` and ``*.js`` in place; (bytes before, bytes after)."""
    before = after = 0
    for path in sorted((site_dir / "assets").glob("*")):
        minify = MINIFIERS.get(path.suffix)
        if not minify or not path.is_file() or path.name.endswith((".min.css", ".min.js")):
            continue
        text = path.read_text(encoding="utf-8")
        small = minify(text).strip() + "\n"
        before, after = before + len(text.encode()), after + len(small.encode())
        if small != text:
            path.write_text(small, encoding="utf-8")
    return before, after


def on_post_build(config):
    before, after = minify_assets(Path(config.site_dir))
    log.debug("minified the site's CSS and JavaScript: %d → %d bytes", before, after)
    if shards.from_env() is None:
        # .cache/ keeps each page's classes: a dirty rebuild reads only the pages it rebuilt.
        sizes = lean_css.purge_site(Path(config.site_dir), Cache(Path(config.config_file_path).parent))
        log.debug("Material's stylesheet without unused rules: %s bytes", sizes)
