"""``python -m generator add ID…``: add papers to the collection by identifier.

Each identifier (an arXiv id in any common form, a DOI or doi.org link, a
Semantic Scholar id or link) is looked up with :mod:`generator.tools.remote`; a
paper the collection already has (the same arXiv id or DOI, or a record the
merge rules of :mod:`generator.records` would merge it with) is reported and
not added again, so running the same command twice adds nothing the second
time. The new records are appended to a YAML file under ``data/sources/``:
the file's own text (comments, order, layout) is kept byte for byte, every
value is written as a double-quoted YAML string (nothing fetched is ever
interpreted), and the result is read back before it is written. Any failure
(offline, a service error, an unknown id) writes nothing.
"""
from __future__ import annotations

import datetime as _dt
import os
import sys
from dataclasses import dataclass, fields, replace
from pathlib import Path

from generator.config import Settings
from generator.model.papers import PUBLICATION_FIELDS, Provenance, Publication, RawRecord
from generator.sources import display_path
from generator.tools import remote

DEFAULT_FILE = "papers.yml"
#: Record fields written, in this order (the README's record format; the citation fields last).
WRITTEN = ("title", "abstract", "authors", "published", "arxiv", "doi", "url", "pdf", "code", "venue", "added",
           *PUBLICATION_FIELDS)


class AddError(Exception):
    """Why nothing was added: one sentence."""


@dataclass(frozen=True, slots=True)
class Outcome:
    added: tuple[tuple[remote.Identifier, RawRecord], ...]
    known: tuple[tuple[remote.Identifier, str], ...]  # (id, where the collection has it)


# --------------------------------------------------------------------------
# YAML text, written without a YAML library: every value a quoted string
# --------------------------------------------------------------------------


def _printable(ch: str) -> bool:
    o = ord(ch)
    return (0x20 <= o <= 0x7E or o == 0x85 or 0xA0 <= o <= 0xD7FF or 0xE000 <= o <= 0xFFFD
            or 0x10000 <= o <= 0x10FFFF) and o not in (0xFEFF, 0x2028, 0x2029)


def quote(text: str) -> str:
    """``text`` as a YAML double-quoted scalar that reads back as exactly ``text``.

    Quotes and backslashes are escaped; tab and newline as ``\\t``/``\\n``;
    any other character YAML does not print (controls, BOM, line separators,
    lone surrogates) as a ``\\u`` escape.
    """
    out = ['"']
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif _printable(ch):
            out.append(ch)
        else:
            out.append(f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}")
    out.append('"')
    return "".join(out)


def _clean(text: str) -> str:
    """Drop what no record should hold: lone surrogates and control characters other than tab and newline."""
    return "".join(c for c in text if not (0xD800 <= ord(c) <= 0xDFFF)
                   and (c in "\t\n" or not (ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F)))


def record_text(record: RawRecord, source: str, indent: int = 0) -> str:
    """One record as a YAML list item, preceded by a comment naming where it came from."""
    pad = " " * indent
    lines = [f"{pad}# {_clean(source).replace(chr(10), ' ')}"]
    first = True
    for name in WRITTEN:
        value = getattr(record.publication if name in PUBLICATION_FIELDS else record, name)
        if not value:
            continue
        if isinstance(value, tuple):
            shown = "[" + ", ".join(quote(_clean(v)) for v in value) + "]"
        else:
            shown = quote(_clean(value))
        lines.append(f"{pad}{'- ' if first else '  '}{name}: {shown}")
        first = False
    return "\n".join(lines) + "\n"


def cleaned(record: RawRecord) -> RawRecord:
    """The record as it will read back: every text field cleaned, only the written fields kept."""
    values = {}
    for f in fields(RawRecord):
        if f.name in ("provenance", "publication"):
            continue
        values[f.name] = _cleaned(getattr(record, f.name)) if f.name in WRITTEN else f.default
    publication = Publication(**{f.name: _cleaned(getattr(record.publication, f.name)) for f in fields(Publication)})
    return RawRecord(record.provenance, **values, publication=publication)


def _cleaned(value):
    if isinstance(value, tuple):
        return tuple(_clean(v) for v in value)
    return _clean(value) if value else value


# --------------------------------------------------------------------------
# Appending to a YAML file
# --------------------------------------------------------------------------


def _layout(text: str, shown: str) -> int:
    """The column the file's records start at; AddError when records cannot be appended to it."""
    import yaml

    from generator.errors import SourceError
    from generator.sources import yaml_records

    try:
        root = yaml_records.compose(text, shown)
    except SourceError as exc:
        raise AddError(f"{shown} has an error at line {exc.line} ({exc.message}); fix it first, "
                       "or add to another file with --to") from None
    if root is None:
        return 0
    if isinstance(root, yaml.SequenceNode) and not root.flow_style:
        return root.start_mark.column
    raise AddError(f"{shown} is not a block list of records ('- title: …' items); "
                   "add to another file with --to")


def appended(old: str, records: list[tuple[str, RawRecord]], shown: str) -> str:
    """``old`` with the records appended; AddError unless it reads back as old + exactly these records."""
    from generator.sources import read_source

    indent = _layout(old, shown)
    prefix = old if not old or old.endswith("\n") else old + "\n"
    blocks = [record_text(r, source, indent) for source, r in records]
    new = prefix + ("\n" if prefix.strip() else "") + "\n".join(blocks)
    _, before = read_source(shown, old.encode()) if old.strip() else ("", None)
    _, after = read_source(shown, new.encode(), "yaml")
    count = len(before.records) if before else 0
    got = [cleaned(replace(r, provenance=Provenance("", 0))) for r in after.records[count:]]
    want = [cleaned(replace(r, provenance=Provenance("", 0))) for _, r in records]
    if any(p.is_error for p in after.problems) or got != want or len(after.records) != count + len(records):
        raise AddError(f"the records could not be appended to {shown} so that they read back unchanged; "
                       "nothing was written")
    return new


# --------------------------------------------------------------------------
# The command
# --------------------------------------------------------------------------


def _keys(record: RawRecord) -> set[tuple[str, str]]:
    from generator.text.identifiers import arxiv_id, doi_key

    keys = set()
    if (a := arxiv_id(record.arxiv)) is not None:
        keys.add(("arxiv", a.lower()))
    if (d := doi_key(record.doi)) is not None:
        keys.add(("doi", d))
    return keys


def _where(record: RawRecord) -> str:
    return f"{record.provenance.path}:{record.provenance.line}"


def known_as(record: RawRecord, existing: list[RawRecord]) -> str | None:
    """Where the collection already has this paper (``path:line``), or None.

    The same arXiv id or DOI, or a record the build would merge it with.
    """
    from generator import records

    keys = _keys(record)
    for other in existing:
        if keys & _keys(other):
            return _where(other)
    marker = replace(record, provenance=Provenance("\0new", 0, "add"))
    papers, _ = records.build_papers([*existing, marker])
    for paper in papers:
        if marker.provenance in paper.sources and len(paper.sources) > 1:
            other = next(p for p in paper.sources if p != marker.provenance)
            return str(other)
    return None


def _known_id(ident: remote.Identifier, existing: list[RawRecord]) -> str | None:
    if ident.kind == "s2":
        return None
    probe = RawRecord(Provenance("", 0), arxiv=ident.value if ident.kind == "arxiv" else None,
                      doi=ident.value if ident.kind == "doi" else None)
    return next((_where(r) for r in existing if _keys(probe) & _keys(r)), None)


def target_file(settings: Settings, to: str | None) -> Path:
    """The YAML file new records go to: ``--to``, else ``papers.yml`` in the first source folder."""
    folders = [p.resolve() for p in settings.sources if not p.is_file()]
    if not to:
        return folders[0] / DEFAULT_FILE if folders else settings.root / "data" / "sources" / DEFAULT_FILE
    path = Path(to)
    path = (path if path.is_absolute() else Path.cwd() / path).resolve()
    if path.suffix not in (".yml", ".yaml"):
        raise AddError(f"--to {to}: records are added to a YAML file (.yml or .yaml)")
    if not any(path.is_relative_to(f) for f in folders):
        shown = ", ".join(display_path(f, settings.root) for f in folders)
        raise AddError(f"--to {to} is outside the source folders ({shown}), so the build would not read it")
    return path


def contact(settings: Settings, given: str | None) -> str | None:
    """Who the services may write to: ``--contact``, ``PAPER_ATLAS_CONTACT``, or mkdocs.yml ``extra.contact``."""
    if given:
        return given
    if os.environ.get("PAPER_ATLAS_CONTACT"):
        return os.environ["PAPER_ATLAS_CONTACT"]
    mkdocs = settings.root / "mkdocs.yml"
    if not mkdocs.is_file():
        return None
    import yaml

    class Loader(yaml.SafeLoader):
        """mkdocs.yml's own tags (``!ENV``, ``!!python/name``) are read as nothing."""

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    try:
        data = yaml.load(mkdocs.read_text(encoding="utf-8"), Loader)  # noqa: S506 (a SafeLoader)
    except (yaml.YAMLError, OSError, UnicodeDecodeError):
        return None
    extra = data.get("extra") if isinstance(data, dict) else None
    found = extra.get("contact") if isinstance(extra, dict) else None
    return found if isinstance(found, str) and found.strip() else None


def add(settings: Settings, given: list[str], client: remote.Client, to: str | None = None,
        today: _dt.date | None = None, write: bool = True) -> Outcome:
    """Look the papers up and append the new ones; AddError (and nothing written) on any failure."""
    from generator.pipeline import read_sources
    from generator.runtime.output import write_atomic

    idents = []
    for text in given:
        ident = remote.parse_id(text)
        if ident is None:
            raise AddError(f"{text!r} is not an arXiv id, a DOI or a Semantic Scholar id or link")
        idents.append(ident)
    path = target_file(settings, to)
    shown = display_path(path, settings.root)
    existing, _, _ = read_sources(settings)
    added: list[tuple[remote.Identifier, RawRecord]] = []
    known: list[tuple[remote.Identifier, str]] = []
    stamp = (today or _dt.datetime.now(_dt.timezone.utc).date()).isoformat()
    for ident in idents:
        where = _known_id(ident, existing)
        if where is None:
            try:
                record = remote.lookup(client, ident)
            except remote.RemoteError as exc:
                raise AddError(f"{ident.given}: {exc}; nothing was written") from None
            record = replace(record, provenance=Provenance(shown, 0, "yaml"), added=stamp)
            where = known_as(record, existing)
        if where is not None:
            known.append((ident, where))
            continue
        added.append((ident, record))
        existing.append(replace(record, provenance=Provenance(shown, 0, f"add {ident}")))
    if added and write:
        old = path.read_text(encoding="utf-8") if path.is_file() else ""
        text = appended(old, [(f"from {ident}, added {stamp}", r) for ident, r in added], shown)
        write_atomic(path, text.encode("utf-8"))
    return Outcome(tuple(added), tuple(known))


def main(args) -> int:
    """The ``add`` command: report each paper added or already there; exit 1 when nothing could be done."""
    settings = Settings.for_project(args.root)
    key = os.environ.get("SEMANTIC_SCHOLAR_API_KEY") or None
    client = remote.Client(contact=contact(settings, args.contact), api_key=key)
    try:
        outcome = add(settings, args.ids, client, to=args.to, write=not args.dry_run)
    except AddError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    target = display_path(target_file(settings, args.to), settings.root)
    for ident, where in outcome.known:
        print(f"{ident.given}: already in the collection ({where}); nothing added")
    for ident, record in outcome.added:
        verb = "would add" if args.dry_run else "added"
        print(f"{ident.given}: {verb} {record.title or '(untitled)'!r} to {target}")
    if args.dry_run and outcome.added:
        sys.stdout.write("".join(record_text(r, f"from {i}") for i, r in outcome.added))
    return 0
