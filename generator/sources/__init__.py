"""Source formats behind one small registry.

Each format is a module with a ``FORMAT`` object: a name, the file extensions
it usually comes with, ``sniff`` (how sure it is, from the content, that a file
is in this format: 0 to 1) and ``read`` (the records and problems in a file).
``detect`` reports which format it chose and why; nothing is guessed silently.
"""
from __future__ import annotations

import functools
import os
from collections.abc import Iterable
from pathlib import Path

from generator.errors import Problem, SourceError, error, warning
from generator.sources.format import Format, ReadResult, SourceFile

#: Files larger than this are refused with an error instead of being read.
MAX_FILE_BYTES = 32 * 1024 * 1024


@functools.cache
def registry() -> tuple[Format, ...]:
    """Every known format, in the order ties are broken (one module each, listed here)."""
    from generator.sources import (
        acl_xml,
        arxiv_atom,
        bibtex,
        crossref,
        hf_daily,
        listing,
        miniconf,
        semantic_scholar,
        yaml_records,
        zotero_json,
    )

    return (yaml_records.FORMAT, listing.FORMAT, miniconf.FORMAT, arxiv_atom.FORMAT, bibtex.FORMAT,
            zotero_json.FORMAT, semantic_scholar.FORMAT, hf_daily.FORMAT, acl_xml.FORMAT, crossref.FORMAT)


class UnknownFormat(SourceError):
    """A format name that no format has; the message lists the known ones."""

    def __init__(self, name: str):
        names = ", ".join(f.name for f in registry())
        super().__init__(f"there is no source format named {name!r}; the formats are: {names}")


def by_name(name: str) -> Format:
    for f in registry():
        if f.name == name:
            return f
    raise UnknownFormat(name)


def detect(source: SourceFile, problems: list[Problem] | None = None) -> tuple[Format | None, float]:
    """The format that claims the file most surely, and how surely. A sniffer that
    fails does not claim the file, and is reported in ``problems`` (where given)."""
    best: tuple[Format | None, float] = (None, 0.0)
    for fmt in registry():
        try:
            score = fmt.sniff(source)
        except Exception as exc:  # noqa: BLE001 - a sniffer must never break detection, nor fail unseen
            score = 0.0
            if problems is not None:
                problems.append(warning(source.path, 0, f"detecting the {fmt.name} format failed ({type(exc).__name__}: "
                                        f"{exc}); the file was not considered {fmt.name}", "sniffer-failed"))
        if source.extension in fmt.extensions:
            score += 0.05 if score > 0 else 0.0
        if score > best[1]:
            best = (fmt, score)
    return best


def decode(path: str, data: bytes) -> SourceFile:
    """Bytes → SourceFile, or SourceError saying what is wrong with them."""
    if len(data) > MAX_FILE_BYTES:
        raise SourceError(
            f"the file is {len(data) / 1e6:.1f} MB, over the limit of "
            f"{MAX_FILE_BYTES // (1024 * 1024)} MiB; split it into smaller files"
        )
    if b"\x00" in data[:8192]:
        raise SourceError("the file looks binary (it holds NUL bytes); sources must be UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SourceError(
            f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "save it as UTF-8",
            line,
        ) from None
    return SourceFile(path, text.replace("\r\n", "\n").replace("\r", "\n"))


def read_source(path: str, data: bytes, format_name: str | None = None) -> tuple[str, ReadResult]:
    """Decode, detect and read one file. Never raises for bad input."""
    detection: list[Problem] = []
    try:
        source = decode(path, data)
        if not source.text.strip():
            return "", ReadResult(problems=[warning(path, 0, "the file is empty; nothing read", "empty")])
        if format_name:
            fmt = by_name(format_name)
        else:
            fmt, _ = detect(source, detection)
        if fmt is None:
            names = ", ".join(f.name for f in registry())
            raise SourceError(
                f"the file fits no known source format (known formats: {names}); "
                "see the README's record format"
            )
        result = fmt.read(source)
        if not result.records and not result.problems:
            result.problems.append(warning(path, 0, fmt.empty, "empty"))
        result.problems[:0] = detection
        return fmt.name, result
    except SourceError as exc:
        return "", ReadResult(problems=[*detection, error(path, exc.line, exc.message)])
    except RecursionError:
        return "", ReadResult(problems=[*detection, error(path, 0, "the file is nested too deeply to read")])


def list_sources(paths: Iterable[Path], root: Path, problems: list[Problem] | None = None) -> list[tuple[str, Path]]:
    """Every file under the given files and folders, as (display path, path), sorted; hidden files
    and folders (.gitkeep, .DS_Store) left out. A folder that cannot be listed is an error in
    ``problems`` (where given): never an empty collection read as if it were the sources."""
    found: dict[str, Path] = {}

    def failed(exc: OSError) -> None:
        if problems is not None:
            where = display_path(Path(exc.filename), root) if exc.filename else "data/sources"
            problems.append(error(where, 0, f"the folder cannot be read ({exc.strerror or exc}); check that it "
                                            "exists and its permissions: no papers are read from it"))

    for p in paths:
        if not p.is_dir():
            found[display_path(p, root)] = p
            continue
        for dirpath, dirs, names in os.walk(p, onerror=failed):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in names:
                c = Path(dirpath, name)
                if not name.startswith(".") and (c.is_file() or c.is_symlink()):
                    found[display_path(c, root)] = c
    return sorted(found.items())


def display_path(path: Path, root: Path) -> str:
    """A project file as messages, provenance and the cache name it: relative to ``root``
    under the name it was given (a link is not followed to its target's name); a file
    outside the project as it was given."""
    try:
        return (path.parent.resolve() / path.name).relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
