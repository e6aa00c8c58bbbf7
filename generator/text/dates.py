"""Publication dates: one reading and one rule for every format.

Readers call :func:`as_read` on what a source writes (``2015-02-06``, ``2019/09/25``,
``2012-01-23T21:15:02Z``, ``2021`` with ``month = jan``, ``September 25, 2019``,
``2015/2016``): the date as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` with the numbers as
written, or, where no date can be read, the text as written. ``records`` then keeps
what :func:`check` says is a real date and warns, naming the file and line, about the
rest: the same outcome in every format.

- ``2024-02-30``: no such day; ``2024-02`` is kept.
- ``2024-13-01``: no such month; ``2024`` is kept.
- a year before 1000 or after 2999 (``0``, ``0000-01-01``), or text that holds no date
  (``Forthcoming``, ``n.d.``): nothing is kept.
"""
from __future__ import annotations

import datetime as _dt
import re

MONTHS = {name: i for i, names in enumerate(
    ("jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july",
     "aug august", "sep sept september", "oct october", "nov november", "dec december"), start=1)
    for name in names.split()}
FIRST_YEAR, LAST_YEAR = 1000, 2999
_ISO = re.compile(r"(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?(?:$|[T /]|--)")
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|2\d\d\d)(?!\d)")
_MONTH_WORD = re.compile(r"\b(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b\.?", re.I)
_CHECKED = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def read(value: object, month: object = None) -> str | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (numbers as written, not checked) from what a source
    writes; None where it holds no date."""
    if value is None or isinstance(value, bool):
        return None
    text = str(value).strip().strip("{}").strip()
    m = _ISO.match(text)
    if m:
        year, mon, day = m.group(1), m.group(2), m.group(3)
        if mon is None and month is not None:
            mon = _month(month)
    else:
        found = _YEAR.search(text)
        if not found:
            return None
        year = found.group(1)
        words = _MONTH_WORD.search(text)
        mon = MONTHS[words.group(1).lower()] if words else _month(month)
        day = None
        if words:
            near = re.search(r"(?<!\d)(\d{1,2})(?!\d)", text.replace(year, " "))
            day = near.group(1) if near else None
    parts = [year, *(f"{int(p):02d}" for p in (mon, day if mon else None) if p is not None)]
    return "-".join(parts)


def as_read(value: object, month: object = None) -> str | None:
    """What a reader keeps of a date field: :func:`read`, else the text as written (for
    ``records`` to warn about); None for no value."""
    found = read(value, month)
    if found or value is None or isinstance(value, bool):
        return found
    return str(value).strip() or None


def _month(value: object) -> int | None:
    text = str(value).strip().strip("{}").strip().lower().rstrip(".")
    if text.isdigit():
        return int(text)
    m = _MONTH_WORD.match(text)
    return MONTHS[m.group(1).lower()] if m else None


def check(value: str | None) -> tuple[str | None, str | None]:
    """(what is kept, why the rest is not) of a date as :func:`as_read` gives it: a real date is
    kept whole with no reason; of one that is not, the part that is real (or nothing)."""
    if not value:
        return None, None
    m = _CHECKED.fullmatch(value)
    if not m:
        return None, f"{value!r} is no date; write 2024-03-17, 2024-03 or 2024 (the date is left out)"
    year, month, day = m.groups()
    if not FIRST_YEAR <= int(year) <= LAST_YEAR:
        return None, f"{value!r} has no year a paper can have ({FIRST_YEAR}-{LAST_YEAR}); the date is left out"
    if month and not 1 <= int(month) <= 12:
        return year, f"{value!r} has no month {int(month)}; only the year {year} is kept"
    if day:
        try:
            _dt.date(int(year), int(month), int(day))
        except ValueError:
            return f"{year}-{month}", f"{value!r} is a day that does not exist; {year}-{month} is kept"
    return value, None
