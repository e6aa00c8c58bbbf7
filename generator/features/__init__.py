"""Features built from the records beside the basic pages.

``render`` returns (files under docs/, per-paper template context). Each
feature is a module of this package; this function is the only entry point
the pipeline calls.
"""
from __future__ import annotations

import jinja2

from ..config import Settings
from ..models import Collection


def render(collection: Collection, env: jinja2.Environment, settings: Settings) -> tuple[dict[str, str], dict[str, dict]]:
    files: dict[str, str] = {}
    paper_extra: dict[str, dict] = {p.id: {} for p in collection.papers}
    return files, paper_extra
