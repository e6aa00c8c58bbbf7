"""Small sites for tests: the project's configuration, templates and assets, other sources.

``project_copy`` copies what a build needs (mkdocs.yml, hooks/, templates/,
overrides/, data/topics.yml, data/curation.yml, docs/about.md, docs/assets/) into
a temporary folder, with ``sources`` (file name → text) as its only
data/sources/ files, so a test can build a site with exactly the records it
needs — a paper whose abstract has ``$…$`` math, say — in a second or two.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_COPIED = ("mkdocs.yml", "hooks", "templates", "overrides", "data/topics.yml", "data/curation.yml",
           "docs/about.md", "docs/assets")


def project_copy(dest: Path, sources: dict[str, str]) -> Path:
    """A copy of the project in ``dest`` whose data/sources/ holds only ``sources``; returns ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for rel in _COPIED:
        src = ROOT / rel
        if not src.exists():
            continue
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, target)
    (dest / "data" / "sources").mkdir(parents=True, exist_ok=True)
    for name, text in sources.items():
        (dest / "data" / "sources" / name).write_text(text, encoding="utf-8")
    return dest


def build(project: Path, site_dir: Path, **env: str) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` of a ``project_copy`` into ``site_dir`` (the hosted variant unless env says otherwise)."""
    full_env = {k: v for k, v in os.environ.items() if k not in ("OFFLINE", "SITE_DIR", "SITE_URL")}
    full_env.update({"NO_MKDOCS_2_WARNING": "1", **env})
    return subprocess.run(
        [str(Path(sys.executable).parent / "mkdocs"), "build", "--strict", "-q",
         "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)],
        cwd=project, env=full_env, capture_output=True, text=True, timeout=600,
    )
