"""Venue names: the series a record's venue names, without its year, volume or pages.

:func:`series` ("MICCAI 2015" → "MICCAI"); :func:`key`: spellings of one series compare equal.
"""
from __future__ import annotations

import re

from generator.text.normalise import fold

#: Volume, issue and page numbers at the end of a venue ("vol. 3, no. 1", "pp. 26-33", "324, 523").
_NUMBERS = re.compile(r"[\s,;:]*(?:\b(?:vol|volume|no|issue|pp|p|ed)\.?\s*)?[\d\-–:]+$", re.IGNORECASE)
_YEAR = re.compile(r"(?<![\w.])(?:19|20)\d\d(?!\w|\.\d)|'\d\d\b")


def series(venue: str | None) -> str | None:
    """The venue without its year ("MICCAI 2015" → "MICCAI"), or None."""
    if not venue:
        return None
    label = _tidy(_YEAR.sub("", venue))
    while (cut := _tidy(_NUMBERS.sub("", label))) != label:  # "Annals of Physics 324, 523" → "Annals of Physics"
        label = cut
    return label or None


def _tidy(label: str) -> str:
    label = re.sub(r"\s+[.,;:]+$", "", " ".join(label.replace("()", " ").split()))
    return label.strip(" ,;:-").rstrip("(").strip()


def key(label: str) -> str:
    """Equal for spellings of one series."""
    return fold(label)
