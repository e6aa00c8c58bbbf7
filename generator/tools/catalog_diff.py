"""What a change does to the collection: compare two catalogs, and say it in Markdown.

A catalog is the ``papers.json`` a build writes (its fields are
``pages.CATALOG_FIELDS``); a build report (``build-report.json``, written by
``pipeline.build_report``) may add ``warnings``, ``merged`` and
``inferred_titles``, whose kinds are the ones in ``errors``. The diff works
without a report too.

:func:`diff_catalogs` is a pure diff and :func:`to_markdown` a small renderer
of it; ``python -m generator diff`` (``cli``) reads the files with
:func:`load_catalog` and :func:`load_report` and writes through ``output``.

Everything read from a catalog is untrusted text (it comes from the pull
request under review): the renderer shows it with ``markup.to_markdown_line``
(literally, never as Markdown or HTML, mentioning no one) and links only to
page paths under the site URL.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from generator import paths
from generator.errors import INFERRED_TITLE, MERGED, GeneratorError, error
from generator.site.pages import CATALOG_FIELDS
from generator.text import markup

#: Entries shown per list in the Markdown before "… and N more".
DEFAULT_MAX_ITEMS = 50
#: Longest title shown, in characters, before it is cut with "…".
MAX_TITLE_CHARS = 200


@dataclass(frozen=True, slots=True)
class PaperRef:
    """A paper named in the diff: its id, title and page path (may be empty)."""

    id: str
    title: str
    url: str = ""


@dataclass(frozen=True, slots=True)
class PaperChange:
    """A paper in both catalogs whose ``fields`` differ."""

    id: str
    title: str
    url: str
    fields: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class NewWarning:
    """A warning the head build has and the base build had not.

    ``kind`` is a warning kind of ``errors`` (or the report's); ``paper_id``
    names the paper where known; ``location`` is a ``path:line`` where known.
    """

    kind: str
    message: str
    paper_id: str = ""
    location: str = ""


@dataclass(frozen=True, slots=True)
class CatalogDiff:
    """The difference between a base and a head catalog."""

    added: tuple[PaperRef, ...] = ()
    removed: tuple[PaperRef, ...] = ()
    changed: tuple[PaperChange, ...] = ()
    new_warnings: tuple[NewWarning, ...] = ()
    base_count: int = 0
    head_count: int = 0
    #: Head papers by id (title and url), so warnings can link to their paper.
    head_papers: tuple[PaperRef, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.new_warnings)


# --- the diff ----------------------------------------------------------------------

Papers = Mapping[str, Mapping[str, Any]]


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ("" if value is None else str(value))


def _source_path(source: Any) -> str:
    """``"data/a.yaml:12"`` → ``"data/a.yaml"`` (lines shift on every edit)."""
    return re.sub(r":\d+$", "", _text(source))


def _normalise(field: str, value: Any) -> str:
    """A canonical form of one field, so that equal content compares equal."""
    if field == "sources" and isinstance(value, list):
        value = sorted({_source_path(s) for s in value})
    elif field == "tags" and isinstance(value, list):
        value = sorted({_text(t) for t in value})
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def _index(catalog: Iterable[Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    """Papers by id, in catalog order; a repeated id keeps its first paper."""
    papers: dict[str, Mapping[str, Any]] = {}
    for paper in catalog:
        pid = _text(paper.get("id")) if isinstance(paper, Mapping) else ""
        if pid and pid not in papers:
            papers[pid] = paper
    return papers


def _ref(pid: str, paper: Mapping[str, Any]) -> PaperRef:
    return PaperRef(pid, _text(paper.get("title")), _text(paper.get("url")))


def _changed_fields(base: Mapping[str, Any], head: Mapping[str, Any]) -> tuple[str, ...]:
    """The fields that differ: the catalog's own in their order, then any other key, sorted."""
    keys = (set(base) | set(head)) - {"id"}
    ordered = [f for f in CATALOG_FIELDS if f in keys] + sorted(str(k) for k in keys - set(CATALOG_FIELDS))
    return tuple(f for f in ordered if _normalise(f, base.get(f)) != _normalise(f, head.get(f)))


def _changes(base: Papers, head: Papers) -> list[PaperChange]:
    return [PaperChange(pid, _text(p.get("title")), _text(p.get("url")), fields)
            for pid, p in head.items() if pid in base and (fields := _changed_fields(base[pid], p))]


def _inferred_ids(papers: Papers, report: Mapping[str, Any] | None) -> set[str]:
    ids = {pid for pid, p in papers.items() if p.get("title_inferred") is True}
    listed = report.get("inferred_titles") if report else None
    return ids | {_text(i) for i in listed if _text(i)} if isinstance(listed, list) else ids


def _merged(papers: Papers, report: Mapping[str, Any] | None) -> dict[str, tuple[str, ...]]:
    """Merged papers: id → the sources merged into it. From the report's ``merged``
    list where there is one, else every paper with more than one source."""
    if report and isinstance(report.get("merged"), list):
        return {_text(e["id"]): tuple(_text(s) for s in e.get("sources") if _text(s))
                if isinstance(e.get("sources"), list) else ()
                for e in report["merged"] if isinstance(e, Mapping) and _text(e.get("id"))}
    return {pid: tuple(_text(s) for s in p["sources"]) for pid, p in papers.items()
            if isinstance(p.get("sources"), list) and len(p["sources"]) > 1}


def _report_warnings(report: Mapping[str, Any] | None) -> list[Mapping[str, Any]]:
    if not report or not isinstance(report.get("warnings"), list):
        return []
    return [w for w in report["warnings"] if isinstance(w, Mapping)]


def _warning_key(warning: Mapping[str, Any]) -> tuple[str, str, str]:
    # The line is left out: editing a file shifts the lines of every warning below.
    return (_text(warning.get("kind")), _text(warning.get("path")), _text(warning.get("message")))


def _new_inferred(base: Papers, head: Papers, base_report, head_report) -> list[NewWarning]:
    out = []
    for pid in sorted(_inferred_ids(head, head_report) - _inferred_ids(base, base_report)):
        sources = head.get(pid, {}).get("sources")
        location = _text(sources[0]) if isinstance(sources, list) and sources else ""
        out.append(NewWarning(INFERRED_TITLE, "The source gives no title; the title shown was inferred.", pid, location))
    return out


def _new_merged(base: Papers, head: Papers, base_report, head_report) -> list[NewWarning]:
    out = []
    before_all = _merged(base, base_report)
    for pid, sources in sorted(_merged(head, head_report).items()):
        before = {_source_path(s) for s in before_all.get(pid, ())}
        if pid not in before_all or {_source_path(s) for s in sources} - before:
            message = (f"{len(sources)} records were merged into one paper: {', '.join(sources)}." if sources
                       else "Several records were merged into one paper.")
            out.append(NewWarning(MERGED, message, pid, sources[0] if sources else ""))
    return out


def _new_report_warnings(base_report, head_report) -> list[NewWarning]:
    out = []
    seen = {_warning_key(w) for w in _report_warnings(base_report)}
    for warning in _report_warnings(head_report):
        kind, key = _text(warning.get("kind")), _warning_key(warning)
        if kind in (INFERRED_TITLE, MERGED) or key in seen:
            continue  # inferred titles and merges are derived once per paper, above
        seen.add(key)
        path, line = _text(warning.get("path")), warning.get("line")
        location = f"{path}:{line}" if path and isinstance(line, int) and line > 0 else path
        out.append(NewWarning(kind or "warning", _text(warning.get("message")), "", location))
    return out


def diff_catalogs(base: Sequence[Mapping[str, Any]], head: Sequence[Mapping[str, Any]],
                  base_report: Mapping[str, Any] | None = None,
                  head_report: Mapping[str, Any] | None = None) -> CatalogDiff:
    """Compare two catalogs (and, where given, their build reports).

    * ``added``/``removed``: papers whose id is only in head/base.
    * ``changed``: papers in both whose fields differ; ``sources`` compares the
      files only (not the lines) and ``tags`` ignores order.
    * ``new_warnings``: inferred titles and merged duplicates in head that base
      had not (from the catalogs, or the reports' lists where present), then
      report warnings whose kind, path and message base had not.
    """
    b, h = _index(base), _index(head)
    warnings = (_new_inferred(b, h, base_report, head_report) + _new_merged(b, h, base_report, head_report)
                + _new_report_warnings(base_report, head_report))
    return CatalogDiff(
        added=tuple(_ref(pid, p) for pid, p in h.items() if pid not in b),
        removed=tuple(_ref(pid, p) for pid, p in b.items() if pid not in h),
        changed=tuple(_changes(b, h)), new_warnings=tuple(warnings),
        base_count=len(b), head_count=len(h), head_papers=tuple(_ref(pid, p) for pid, p in h.items()))


# --- the report ----------------------------------------------------------------------

_WARNING_LABELS = {INFERRED_TITLE: "Inferred title", MERGED: "Merged duplicates"}


def valid_site_url(site_url: str) -> bool:
    """An http(s) URL with nothing that would need quoting."""
    return markup.safe_url(site_url) == site_url and bool(re.match(r"^https?://[^/]", site_url, re.I))


def page_link(site_url: str | None, url: Any) -> str | None:
    """The absolute URL of a page path under ``site_url``, or None: only a
    relative path is linked (no scheme, no ``//host``), percent-encoded."""
    path = _text(url).strip()
    if not site_url or not valid_site_url(site_url) or not path or path.startswith(("//", "\\")) \
            or re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", path):
        return None
    return paths.absolute(site_url, path.lstrip("/"), directory_urls=True)


def _paper_item(title: str, pid: str, url: str, site_url: str | None) -> str:
    shown = (markup.to_markdown_line(title, MAX_TITLE_CHARS) or markup.to_markdown_line(pid, MAX_TITLE_CHARS)
             or "(untitled)")
    target = page_link(site_url, url)
    return f"[{shown}]({target})" if target else shown


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _section(title: str, lines: list[str], max_items: int) -> list[str]:
    if not lines:
        return []
    shown = lines if len(lines) <= max_items else lines[:max_items] + [f"- … and {len(lines) - max_items} more"]
    return ["", f"**{title} ({len(lines)})**", "", *shown]


def _warning_line(w: NewWarning, by_id: dict[str, PaperRef], site_url: str | None) -> str:
    label = _WARNING_LABELS.get(w.kind) or markup.to_markdown_line(w.kind)
    where = []
    if w.paper_id:
        paper = by_id.get(w.paper_id, PaperRef(w.paper_id, w.paper_id))
        where.append(_paper_item(paper.title, paper.id, paper.url, site_url))
    if w.location and w.kind != MERGED:
        where.append(f"({markup.to_markdown_line(w.location)})")
    head = f"- {label}" + (": " + " ".join(where) if where else "")
    message = markup.to_markdown_line(w.message, 500)
    return f"{head} — {message}" if message else head


def to_markdown(diff: CatalogDiff, site_url: str | None = None, max_items: int = DEFAULT_MAX_ITEMS) -> str:
    """A short Markdown summary of ``diff`` for a job summary or a PR comment.

    A heading with the counts, then one list per kind of change. Added and
    changed papers (and papers with a new warning) link to their page under
    ``site_url`` where one is given; removed papers are not linked.
    """
    if diff.is_empty:
        return (f"### Paper collection: no changes\n\nThis change adds, removes and changes no paper "
                f"({_plural(diff.head_count, 'paper')} in the collection).\n")
    counts = [f"{len(diff.added)} added", f"{len(diff.removed)} removed", f"{len(diff.changed)} changed",
              _plural(len(diff.new_warnings), "new warning")]
    by_id = {p.id: p for p in diff.head_papers}
    parts = ["### Paper collection: " + ", ".join(counts), "",
             f"{_plural(diff.base_count, 'paper')} before, {diff.head_count} after."]
    parts += _section("Added", [f"- {_paper_item(p.title, p.id, p.url, site_url)}" for p in diff.added], max_items)
    parts += _section("Removed", [f"- {_paper_item(p.title, p.id, '', None)}" for p in diff.removed], max_items)
    parts += _section("Changed", [f"- {_paper_item(c.title, c.id, c.url, site_url)}: "
                                  + ", ".join(markup.to_markdown_line(f) for f in c.fields) for c in diff.changed],
                      max_items)
    parts += _section("New warnings", [_warning_line(w, by_id, site_url) for w in diff.new_warnings], max_items)
    return "\n".join(parts) + "\n"


# --- reading the files ------------------------------------------------------------------

def _fail(path: str, message: str) -> GeneratorError:
    return GeneratorError([error(path, 0, message)], where="the catalogs")


def _read_json(path: str, what: str) -> Any:
    try:
        data = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise _fail(path, f"the {what} file does not exist") from None
    except IsADirectoryError:
        raise _fail(path, f"the {what} file is a directory, not a JSON file") from None
    except UnicodeDecodeError:
        raise _fail(path, f"the {what} file is not UTF-8 text") from None
    except OSError as exc:
        raise _fail(path, f"the {what} file cannot be read ({exc.strerror or exc})") from None
    try:
        return json.loads(data)
    except json.JSONDecodeError as exc:
        raise _fail(path, f"the {what} file is not valid JSON ({exc.msg} at line {exc.lineno}, "
                          f"column {exc.colno})") from None
    except RecursionError:
        raise _fail(path, f"the {what} file is nested too deeply to read") from None


def load_catalog(path: str) -> list[dict[str, Any]]:
    """Read a ``papers.json``: a list of objects, each with a string ``id``."""
    data = _read_json(path, "catalog")
    if not isinstance(data, list):
        kind = "object" if isinstance(data, dict) else type(data).__name__
        raise _fail(path, f"the file is not a paper catalog: it holds a JSON {kind}, not a list of papers")
    for i, paper in enumerate(data, 1):
        if not isinstance(paper, dict) or not isinstance(paper.get("id"), str) or not paper["id"]:
            raise _fail(path, f"the file is not a paper catalog: entry {i} is not an object with a string id")
    return data


def load_report(path: str) -> dict[str, Any]:
    """Read a ``build-report.json``: an object whose known keys hold lists."""
    data = _read_json(path, "build report")
    if not isinstance(data, dict):
        raise _fail(path, "the file is not a build report: it does not hold a JSON object")
    for key in ("warnings", "merged", "inferred_titles"):
        if key in data and not isinstance(data[key], list):
            raise _fail(path, f"the file is not a build report: its {key} is not a list")
    return data
