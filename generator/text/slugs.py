"""Slugs: the readable part of a page's path, from a title, a name or a phrase."""
from __future__ import annotations

from generator.text.normalise import fold

SLUG_MAX = 80


def slugify(text: str, limit: int = SLUG_MAX) -> str:
    slug = fold(text).replace(" ", "-")
    if len(slug) > limit:
        slug = slug[:limit]
        slug = slug[: slug.rfind("-")] if "-" in slug[limit // 2 :] else slug
    return slug.strip("-")
