"""MkDocs hook: when SITE_URL is not set, a GitHub clone's site_url is its GitHub Pages
address (canonical links, sitemap, feeds, citations), not the local preview's.
Runs before hooks/generate.py (mkdocs.yml lists it first). The rule is
generator.config.default_site_url, which the CLI uses too."""
from __future__ import annotations

from pathlib import Path

from generator.config import default_site_url


def on_config(config):
    config.site_url = default_site_url(Path(config.config_file_path).parent, config.site_url)
    return config
