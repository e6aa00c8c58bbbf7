"""What a change does to the collection: compare two catalogs.

A catalog is the ``papers.json`` a build writes: a list of objects with ``id``,
``title``, ``title_inferred``, ``abstract``, ``authors``, ``topic``, ``tags``,
``url`` (a page path from the site root) and ``sources`` (``"path:line"``
strings). A build report (``build-report.json``) may add ``warnings``,
``merged`` and ``inferred_titles``; the diff works without one too.

:func:`diff_catalogs` and :func:`to_markdown` are pure; :func:`main` is the
``python -m generator diff`` command, used by CI to tell a pull request what it
changes in the collection.

Everything read from a catalog is untrusted text (it comes from the pull
request under review): :func:`to_markdown` escapes it so that it shows
literally, never as Markdown or HTML, and links only to paths under
``--site-url``.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence
from urllib.parse import quote, urlsplit

__all__ = [
    "CatalogDiff",
    "CatalogError",
    "NewWarning",
    "PaperChange",
    "PaperRef",
    "diff_catalogs",
    "escape_markdown",
    "load_catalog",
    "load_report",
    "main",
    "to_markdown",
]

#: Fields compared first, in this order; any other key follows, sorted.
KNOWN_FIELDS = (
    "title",
    "title_inferred",
    "abstract",
    "authors",
    "topic",
    "tags",
    "url",
    "sources",
)
#: Warning kinds the diff derives from the catalogs (and report lists) itself.
INFERRED_TITLE = "inferred-title"
MERGED = "merged"

#: Entries shown per list in the Markdown before "… and N more".
DEFAULT_MAX_ITEMS = 50
#: Longest title shown, in characters, before it is cut with "…".
MAX_TITLE_CHARS = 200


# --------------------------------------------------------------------------
# Value types
# --------------------------------------------------------------------------


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

    ``kind`` is ``"inferred-title"``, ``"merged"`` or a build-report warning
    kind; ``paper_id`` names the paper where known; ``location`` is a
    ``path:line`` where known.
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


class CatalogError(Exception):
    """A catalog or report file that cannot be read; the message is one sentence."""


# --------------------------------------------------------------------------
# Diffing
# --------------------------------------------------------------------------


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ("" if value is None else str(value))


def _source_path(source: Any) -> str:
    """``"data/a.yaml:12"`` → ``"data/a.yaml"`` (lines shift on every edit)."""
    text = _text(source)
    return re.sub(r":\d+$", "", text)


def _normalise(field: str, value: Any) -> str:
    """A canonical form of one field, so that equal content compares equal."""
    if field == "sources":
        if isinstance(value, list):
            value = sorted({_source_path(s) for s in value})
    elif field == "tags":
        if isinstance(value, list):
            value = sorted({_text(t) for t in value})
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def _index(catalog: Iterable[Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    """Papers by id, in catalog order; a repeated id keeps its first paper."""
    papers: dict[str, Mapping[str, Any]] = {}
    for paper in catalog:
        if not isinstance(paper, Mapping):
            continue
        pid = _text(paper.get("id"))
        if pid and pid not in papers:
            papers[pid] = paper
    return papers


def _ref(pid: str, paper: Mapping[str, Any]) -> PaperRef:
    return PaperRef(pid, _text(paper.get("title")), _text(paper.get("url")))


def _changed_fields(base: Mapping[str, Any], head: Mapping[str, Any]) -> tuple[str, ...]:
    keys = (set(base) | set(head)) - {"id"}
    ordered = [f for f in KNOWN_FIELDS if f in keys]
    ordered += sorted(str(k) for k in keys - set(KNOWN_FIELDS))
    return tuple(
        f for f in ordered if _normalise(f, base.get(f)) != _normalise(f, head.get(f))
    )


def _inferred_ids(papers: Mapping[str, Mapping[str, Any]], report: Mapping[str, Any] | None) -> set[str]:
    ids = {pid for pid, p in papers.items() if p.get("title_inferred") is True}
    if report:
        listed = report.get("inferred_titles")
        if isinstance(listed, list):
            ids |= {_text(i) for i in listed if _text(i)}
    return ids


def _merged(papers: Mapping[str, Mapping[str, Any]], report: Mapping[str, Any] | None) -> dict[str, tuple[str, ...]]:
    """Merged papers: id → the sources merged into it.

    From the report's ``merged`` list where there is one, else every catalog
    paper with more than one source (a merge is what gives a paper several).
    """
    if report and isinstance(report.get("merged"), list):
        merged: dict[str, tuple[str, ...]] = {}
        for entry in report["merged"]:
            if isinstance(entry, Mapping) and _text(entry.get("id")):
                sources = entry.get("sources")
                merged[_text(entry["id"])] = tuple(
                    _text(s) for s in sources if _text(s)
                ) if isinstance(sources, list) else ()
        return merged
    return {
        pid: tuple(_text(s) for s in p["sources"])
        for pid, p in papers.items()
        if isinstance(p.get("sources"), list) and len(p["sources"]) > 1
    }


def _report_warnings(report: Mapping[str, Any] | None) -> list[Mapping[str, Any]]:
    if not report or not isinstance(report.get("warnings"), list):
        return []
    return [w for w in report["warnings"] if isinstance(w, Mapping)]


def _warning_key(warning: Mapping[str, Any]) -> tuple[str, str, str]:
    # The line is left out: editing a file shifts the lines of every warning below.
    return (_text(warning.get("kind")), _text(warning.get("path")), _text(warning.get("message")))


def diff_catalogs(
    base: Sequence[Mapping[str, Any]],
    head: Sequence[Mapping[str, Any]],
    base_report: Mapping[str, Any] | None = None,
    head_report: Mapping[str, Any] | None = None,
) -> CatalogDiff:
    """Compare two catalogs (and, where given, their build reports).

    * ``added``/``removed``: papers whose id is only in head/base.
    * ``changed``: papers in both whose fields differ; ``sources`` compares the
      files only (not the lines) and ``tags`` ignores order.
    * ``new_warnings``: inferred titles and merged duplicates in head that base
      had not (from the catalogs, or the reports' lists where present), then
      report warnings whose kind, path and message base had not.
    """
    base_papers = _index(base)
    head_papers = _index(head)

    added = tuple(_ref(pid, p) for pid, p in head_papers.items() if pid not in base_papers)
    removed = tuple(_ref(pid, p) for pid, p in base_papers.items() if pid not in head_papers)
    changed = []
    for pid, paper in head_papers.items():
        if pid in base_papers:
            fields = _changed_fields(base_papers[pid], paper)
            if fields:
                changed.append(
                    PaperChange(pid, _text(paper.get("title")), _text(paper.get("url")), fields)
                )

    warnings: list[NewWarning] = []
    base_inferred = _inferred_ids(base_papers, base_report)
    for pid in sorted(_inferred_ids(head_papers, head_report) - base_inferred):
        sources = head_papers.get(pid, {}).get("sources")
        location = _text(sources[0]) if isinstance(sources, list) and sources else ""
        warnings.append(
            NewWarning(INFERRED_TITLE, "The source gives no title; the title shown was inferred.", pid, location)
        )

    base_merged = _merged(base_papers, base_report)
    for pid, sources in sorted(_merged(head_papers, head_report).items()):
        before = {_source_path(s) for s in base_merged.get(pid, ())}
        if pid not in base_merged or {_source_path(s) for s in sources} - before:
            n = len(sources)
            listed = ", ".join(sources)
            message = (
                f"{n} records were merged into one paper: {listed}."
                if n
                else "Several records were merged into one paper."
            )
            warnings.append(NewWarning(MERGED, message, pid, sources[0] if sources else ""))

    seen = {_warning_key(w) for w in _report_warnings(base_report)}
    for warning in _report_warnings(head_report):
        kind = _text(warning.get("kind"))
        if kind in (INFERRED_TITLE, MERGED):
            continue  # already derived above, once per paper
        key = _warning_key(warning)
        if key in seen:
            continue
        seen.add(key)
        path, line = _text(warning.get("path")), warning.get("line")
        location = f"{path}:{line}" if path and isinstance(line, int) and line > 0 else path
        warnings.append(NewWarning(kind or "warning", _text(warning.get("message")), "", location))

    return CatalogDiff(
        added=added,
        removed=removed,
        changed=tuple(changed),
        new_warnings=tuple(warnings),
        base_count=len(base_papers),
        head_count=len(head_papers),
        head_papers=tuple(_ref(pid, p) for pid, p in head_papers.items()),
    )


# --------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------

#: ASCII punctuation that can mean something inline in CommonMark or GitHub
#: Markdown (emphasis, code, links, images, HTML, entities, autolinks, math,
#: tables, strikethrough, headings). The rest (``- + , ; ? ' " / % = ^``) is
#: inert inside a line, and left as it is so titles stay readable.
_SPECIAL = frozenset("\\`*_{}[]()<>#!|~$&:@.")
# Bidirectional controls can make text display differently from what it is.
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_ZWSP = "\u200b"


def escape_markdown(text: Any, max_chars: int | None = None) -> str:
    r"""Untrusted text as inline Markdown that renders literally.

    Every ASCII punctuation character that can mean something inline is
    backslash-escaped (CommonMark and GitHub render ``\X`` as ``X`` for any
    ASCII punctuation), so ``*``, ``_``, ``[``, ``<``, ``&``, ``$``, ``|``,
    backticks, ``~``, ``:`` and ``.`` start no emphasis, link, HTML, entity,
    math, table, code, strikethrough or autolink. Runs of whitespace (newlines
    too) become one space, so the text stays on its line;
    control and bidirectional-override characters are dropped. ``@name`` and
    ``#123`` get a zero-width space after the sign so that GitHub does not
    turn them into mentions or issue references.
    """
    raw = _text(text)
    cleaned = []
    for ch in raw:
        if ch.isspace():
            cleaned.append(" ")
        elif ch in _BIDI_CONTROLS or unicodedata.category(ch) in ("Cc", "Cs"):
            continue
        else:
            cleaned.append(ch)
    flat = re.sub(r" +", " ", "".join(cleaned)).strip()
    if max_chars is not None and len(flat) > max_chars:
        flat = flat[: max_chars - 1].rstrip() + "…"
    out = []
    for i, ch in enumerate(flat):
        if ch in _SPECIAL:
            out.append("\\" + ch)
            if ch in "@#" and i + 1 < len(flat) and (flat[i + 1].isalnum() or flat[i + 1] == "_"):
                out.append(_ZWSP)
        else:
            out.append(ch)
    return "".join(out)


def _valid_site_url(site_url: str) -> bool:
    parts = urlsplit(site_url)
    return (
        parts.scheme in ("http", "https")
        and bool(parts.netloc)
        and not re.search(r"[\s<>()\[\]\"'`\\]", site_url)
    )


def page_link(site_url: str | None, url: Any) -> str | None:
    """The absolute URL of a page path under ``site_url``, or None.

    Only a relative path is linked (no scheme, no ``//host``); characters
    outside the URL-safe set are percent-encoded, so the link destination
    cannot end early or carry Markdown.
    """
    if not site_url or not _valid_site_url(site_url):
        return None
    path = _text(url).strip()
    if not path or re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", path) or path.startswith(("//", "\\")):
        return None
    path = quote(path.lstrip("/"), safe="/-._~%")
    return site_url.rstrip("/") + "/" + path


def _paper_item(title: str, pid: str, url: str, site_url: str | None) -> str:
    shown = escape_markdown(title, MAX_TITLE_CHARS) or escape_markdown(pid, MAX_TITLE_CHARS) or "(untitled)"
    target = page_link(site_url, url)
    return f"[{shown}]({target})" if target else shown


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _limited(lines: list[str], max_items: int) -> list[str]:
    if len(lines) <= max_items:
        return lines
    return lines[:max_items] + [f"- … and {len(lines) - max_items} more"]


_WARNING_LABELS = {INFERRED_TITLE: "Inferred title", MERGED: "Merged duplicates"}


def to_markdown(
    diff: CatalogDiff,
    site_url: str | None = None,
    max_items: int = DEFAULT_MAX_ITEMS,
) -> str:
    """A short Markdown summary of ``diff`` for a job summary or a PR comment.

    A heading with the counts, then one list per kind of change. Added and
    changed papers (and papers with a new warning) link to their page under
    ``site_url`` where one is given; removed papers are not linked.
    """
    parts = []
    counts = [
        f"{len(diff.added)} added",
        f"{len(diff.removed)} removed",
        f"{len(diff.changed)} changed",
        _plural(len(diff.new_warnings), "new warning"),
    ]
    if diff.is_empty:
        parts.append("### Paper collection: no changes")
        parts.append("")
        parts.append(
            f"This change adds, removes and changes no paper "
            f"({_plural(diff.head_count, 'paper')} in the collection)."
        )
        return "\n".join(parts) + "\n"

    parts.append("### Paper collection: " + ", ".join(counts))
    parts.append("")
    parts.append(f"{_plural(diff.base_count, 'paper')} before, {diff.head_count} after.")

    if diff.added:
        parts += ["", f"**Added ({len(diff.added)})**", ""]
        parts += _limited(
            [f"- {_paper_item(p.title, p.id, p.url, site_url)}" for p in diff.added], max_items
        )
    if diff.removed:
        parts += ["", f"**Removed ({len(diff.removed)})**", ""]
        parts += _limited(
            [f"- {_paper_item(p.title, p.id, '', None)}" for p in diff.removed], max_items
        )
    if diff.changed:
        parts += ["", f"**Changed ({len(diff.changed)})**", ""]
        parts += _limited(
            [
                f"- {_paper_item(c.title, c.id, c.url, site_url)}: "
                + ", ".join(escape_markdown(f) for f in c.fields)
                for c in diff.changed
            ],
            max_items,
        )
    if diff.new_warnings:
        by_id = {p.id: p for p in diff.head_papers}
        lines = []
        for w in diff.new_warnings:
            label = _WARNING_LABELS.get(w.kind) or escape_markdown(w.kind)
            where = []
            if w.paper_id:
                paper = by_id.get(w.paper_id, PaperRef(w.paper_id, w.paper_id))
                where.append(_paper_item(paper.title, paper.id, paper.url, site_url))
            if w.location and w.kind != MERGED:
                where.append(f"({escape_markdown(w.location)})")
            head = f"- {label}" + (": " + " ".join(where) if where else "")
            message = escape_markdown(w.message, 500)
            lines.append(f"{head} — {message}" if message else head)
        parts += ["", f"**New warnings ({len(diff.new_warnings)})**", ""]
        parts += _limited(lines, max_items)
    return "\n".join(parts) + "\n"


# --------------------------------------------------------------------------
# Files and command line
# --------------------------------------------------------------------------


def _read_json(path: str, what: str) -> Any:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CatalogError(f"The {what} file {path} does not exist.") from None
    except IsADirectoryError:
        raise CatalogError(f"The {what} file {path} is a directory, not a JSON file.") from None
    except UnicodeDecodeError:
        raise CatalogError(f"The {what} file {path} is not UTF-8 text.") from None
    except OSError as exc:
        raise CatalogError(f"The {what} file {path} cannot be read ({exc.strerror or exc}).") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise CatalogError(
            f"The {what} file {path} is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})."
        ) from None
    except RecursionError:
        raise CatalogError(f"The {what} file {path} is nested too deeply to read.") from None


def load_catalog(path: str) -> list[dict[str, Any]]:
    """Read a ``papers.json``: a list of objects, each with a string ``id``."""
    data = _read_json(path, "catalog")
    if not isinstance(data, list):
        raise CatalogError(
            f"The catalog file {path} is not a paper catalog: it holds a JSON "
            f"{type(data).__name__ if not isinstance(data, dict) else 'object'}, not a list of papers."
        )
    for i, paper in enumerate(data, 1):
        if not isinstance(paper, dict) or not isinstance(paper.get("id"), str) or not paper["id"]:
            raise CatalogError(
                f"The catalog file {path} is not a paper catalog: entry {i} is not an object with a string id."
            )
    return data


def load_report(path: str) -> dict[str, Any]:
    """Read a ``build-report.json``: an object whose known keys hold lists."""
    data = _read_json(path, "build report")
    if not isinstance(data, dict):
        raise CatalogError(f"The build report file {path} is not a build report: it does not hold a JSON object.")
    for key in ("warnings", "merged", "inferred_titles"):
        if key in data and not isinstance(data[key], list):
            raise CatalogError(f"The build report file {path} is not a build report: its {key} is not a list.")
    return data


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator diff",
        description="Summarise in Markdown what HEAD changes in the paper collection compared with BASE.",
    )
    parser.add_argument("base", metavar="BASE", help="papers.json of the base build")
    parser.add_argument("head", metavar="HEAD", help="papers.json of the head build")
    parser.add_argument("--base-report", metavar="F", help="build-report.json of the base build")
    parser.add_argument("--head-report", metavar="F", help="build-report.json of the head build")
    parser.add_argument(
        "--site-url", metavar="URL", help="URL the head site is served at; added and changed papers link under it"
    )
    parser.add_argument("--output", metavar="F", help="write the Markdown to F instead of standard output")
    parser.add_argument("--check-arxiv", action="store_true",
                        help="ask the arXiv API whether new papers' arXiv ids carry their titles")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """``diff BASE HEAD [--base-report F] [--head-report F] [--site-url URL] [--output F]``.

    ``argv`` is the arguments after the ``diff`` subcommand (a leading literal
    ``diff`` is accepted too). Returns 0, or 2 with one sentence on standard
    error when a file is missing or invalid or the arguments are wrong.
    """
    args_in = list(sys.argv[1:] if argv is None else argv)
    if args_in[:1] == ["diff"]:
        args_in = args_in[1:]
    try:
        args = _parser().parse_args(args_in)
    except SystemExit as exc:  # argparse has printed usage and the error
        return exc.code if isinstance(exc.code, int) else 2
    if args.site_url is not None and not _valid_site_url(args.site_url):
        print(f"error: --site-url {args.site_url!r} is not an http(s) URL.", file=sys.stderr)
        return 2
    try:
        base = load_catalog(args.base)
        head = load_catalog(args.head)
        base_report = load_report(args.base_report) if args.base_report else None
        head_report = load_report(args.head_report) if args.head_report else None
    except CatalogError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    markdown = to_markdown(diff_catalogs(base, head, base_report, head_report), site_url=args.site_url)
    from .completeness import section  # what the new records lack, in the same comment

    lacking = section(base, head, args.site_url, check_arxiv=args.check_arxiv)
    markdown += ("\n" + lacking) if lacking else ""
    if args.output:
        try:
            Path(args.output).write_text(markdown, encoding="utf-8")
        except OSError as exc:
            print(f"error: cannot write {args.output} ({exc.strerror or exc}).", file=sys.stderr)
            return 2
    else:
        sys.stdout.write(markdown)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))
