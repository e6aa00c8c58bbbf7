"""Where a project keeps its sources, taxonomy, templates and generated pages."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .paths import GENERATED  # noqa: F401 - what the generator owns under docs/ (spelled in paths)


@dataclass(frozen=True, slots=True)
class Settings:
    root: Path
    sources: tuple[Path, ...]
    topics_file: Path
    curation_file: Path
    templates_dir: Path
    docs_dir: Path
    site_name: str = "Paper Atlas"
    #: MkDocs' use_directory_urls: decides the page URLs written to papers.json.
    directory_urls: bool = True
    #: The site's public URL (mkdocs.yml site_url), for absolute links in feeds and citations.
    site_url: str | None = None

    @classmethod
    def for_project(cls, root: Path | str = ".", **overrides) -> "Settings":
        root = Path(root).resolve()
        values = dict(
            root=root,
            sources=(root / "data" / "sources",),
            topics_file=root / "data" / "topics.yml",
            curation_file=root / "data" / "curation.yml",
            templates_dir=root / "templates",
            docs_dir=root / "docs",
        )
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


