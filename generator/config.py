"""Where a project keeps its sources, taxonomy, templates and generated pages."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.paths import GENERATED  # noqa: F401 - what the generator owns under docs/ (spelled in paths)
from generator.paths import LEDGER


@dataclass(frozen=True, slots=True)
class Settings:
    root: Path
    sources: tuple[Path, ...]
    topics_file: Path
    #: Tag rules that hold with or without topics.yml: ``ignore`` and ``tags`` (docs/guide/topics-and-tags.md).
    tags_file: Path
    curation_file: Path
    #: The maintainer's merges and splits of people, and venue aliases (docs/guide/people-and-venues.md).
    people_file: Path
    venues_file: Path
    templates_dir: Path
    docs_dir: Path
    site_name: str = "Paper Atlas"
    #: MkDocs' use_directory_urls: decides the page URLs written to papers.json.
    directory_urls: bool = True
    #: The site's public URL (mkdocs.yml site_url), for absolute links in feeds and citations.
    site_url: str | None = None
    #: Whether a build may publish a site without papers (``--allow-empty``, mkdocs.yml
    #: ``extra: {allow_empty: true}``); else sources that hold no paper are an error.
    allow_empty: bool = False
    #: The ledger of the last publication (the live site's permalinks.json), when one is put here:
    #: the workflows download it; without it a build reads the one the last build wrote in docs/.
    published_file: Path | None = None

    @classmethod
    def for_project(cls, root: Path | str = ".", **overrides) -> "Settings":
        root = Path(root).resolve()
        values = dict(
            root=root,
            sources=(root / "data" / "sources",),
            topics_file=root / "data" / "topics.yml",
            tags_file=root / "data" / "tags.yml",
            curation_file=root / "data" / "curation.yml",
            people_file=root / "data" / "people.yml",
            venues_file=root / "data" / "venues.yml",
            templates_dir=root / "templates",
            docs_dir=root / "docs",
            published_file=root / "published" / LEDGER,
        )
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    @property
    def ledger_file(self) -> Path:
        """Where a build reads what was published last: ``published_file`` if it is there, else the
        ledger the last build here wrote (docs/permalinks.json; none: a first publication)."""
        if self.published_file is not None and self.published_file.is_file():
            return self.published_file
        return self.docs_dir / LEDGER




#: mkdocs.yml's site_url when SITE_URL is not set: a local preview.
LOCAL_SITE_URL = "http://127.0.0.1:8000/"


def pages_url(remote: str) -> str | None:
    """The GitHub Pages address of a GitHub remote (https or ssh), or None for any other host.

    ``git@github.com:owner/repo.git`` → ``https://owner.github.io/repo/``; the
    ``owner.github.io`` repository itself is published at the root.
    """
    import re

    m = re.match(r"^(?:https?://(?:[^@/]+@)?github\.com/|git@github\.com:|ssh://git@github\.com/)"
                 r"([A-Za-z0-9-]+)/([A-Za-z0-9._-]+?)(?:\.git)?/?$", remote.strip())
    if not m:
        return None
    owner, repo = m.group(1), m.group(2)
    if repo.lower() == f"{owner.lower()}.github.io":
        return f"https://{owner.lower()}.github.io/"
    return f"https://{owner.lower()}.github.io/{repo}/"


def default_site_url(root: Path, configured: str | None) -> str | None:
    """``configured`` (mkdocs.yml's site_url), except that the local default gives way to
    the GitHub Pages address of the ``origin`` remote when SITE_URL is not set."""
    import os
    import subprocess

    if os.environ.get("SITE_URL") or configured != LOCAL_SITE_URL:
        return configured
    try:
        remote = subprocess.run(["git", "-C", str(root), "remote", "get-url", "origin"], capture_output=True,
                                text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return configured
    return pages_url(remote) or configured
