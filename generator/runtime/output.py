"""The only module that writes files, and the collection of what a build writes.

:class:`Outputs` collects every generated file (path under ``docs/`` → text)
with the part of the generator that produced it, and refuses a second file
at one path, naming both producers: the last producer never silently wins.
Each file is held as UTF-8 bytes, not as a Python string: a page with one
character beyond Latin-1 (an author's "ć") would take two or four bytes a
character as a string, and a build holds every page until it writes them.
``write_tree`` makes a folder hold exactly the given files: a file is written
only when its bytes change (so ``mkdocs serve`` does not loop), each write is
atomic (a temporary file in the same folder, then ``os.replace``), and files
the generator owns that are no longer produced are removed.
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from generator.errors import GeneratorError, error


class OutputCollision(GeneratorError):
    """Two producers made a file at one path."""

    def __init__(self, path: str, first: str, second: str):
        self.path, self.producers = path, (first, second)
        super().__init__([error(f"docs/{path}", 0, f"both {first} and {second} would be written to this path; "
                                                   "one of them would be lost (rename one of the two)")])


class Outputs(Mapping[str, str]):
    """Generated files by path under ``docs/``, each with the one producer that made it and, for a
    page of final HTML, the docs/ paths it links to (recorded as its links were made).

    Reading a file (``outputs[path]``) gives its text; :meth:`data` gives its bytes as held.
    """

    __slots__ = ("_data", "_producer", "_links")

    def __init__(self, files: Mapping[str, str] | None = None, producer: str = ""):
        self._data: dict[str, bytes] = {}
        self._producer: dict[str, str] = {}
        self._links: dict[str, frozenset[str]] = {}
        if files:
            self.update(files, producer)

    def add(self, path: str, text: str | bytes, producer: str, links: frozenset[str] | set[str] = frozenset()) -> None:
        """Add one file (text, or its UTF-8 bytes) and the docs/ paths it links to; a path already
        added is an :class:`OutputCollision`."""
        if path in self._data:
            raise OutputCollision(path, self._producer[path], producer)
        self._data[path] = text if isinstance(text, bytes) else text.encode("utf-8")
        self._producer[path] = producer
        if links:
            self._links[path] = frozenset(links)

    def update(self, files: Mapping[str, str], producer: str = "") -> None:
        """Add every file of ``files``: from another :class:`Outputs` with its producers and links,
        else as ``producer``."""
        if isinstance(files, Outputs):
            for path, data in files._data.items():
                self.add(path, data, files._producer[path], files._links.get(path, frozenset()))
            return
        for path, text in files.items():
            self.add(path, text, producer)

    def producer(self, path: str) -> str:
        return self._producer[path]

    def links(self, path: str) -> frozenset[str]:
        """The docs/ paths the file at ``path`` links to (none recorded: empty)."""
        return self._links.get(path, frozenset())

    def data(self, path: str) -> bytes:
        """The file's UTF-8 bytes (what is written)."""
        return self._data[path]

    def __getitem__(self, path: str) -> str:
        return self._data[path].decode("utf-8")

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)


def data_of(files: Mapping[str, str], path: str) -> bytes:
    """The UTF-8 bytes of one file of ``files`` (an :class:`Outputs` or a mapping to text)."""
    return files.data(path) if isinstance(files, Outputs) else files[path].encode("utf-8")


@dataclass(slots=True)
class WriteStats:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return f"{len(self.written)} written, {self.unchanged} unchanged, {len(self.removed)} removed"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


#: Mode of written files: what open() would give (mkstemp makes them private).
_MODE = 0o666 & ~_umask()


def write_atomic(path: Path, data: bytes | Callable[[BinaryIO], object]) -> None:
    """Replace ``path`` with ``data`` (bytes, or a function writing them to an open file, for
    what should not be held whole first), or leave it as it was: a temporary file in the same
    folder, then ``os.replace``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            if callable(data):
                data(f)
            else:
                f.write(data)
        os.chmod(tmp, _MODE)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def write_tree(root: Path, files: Mapping[str, str], owned: tuple[str, ...]) -> WriteStats:
    """Write ``files`` (path under ``root`` → text) and prune stale owned files.

    ``owned`` names the sub-folders (``"papers/"``) and single files
    (``"index.md"``) the generator owns; anything else under ``root`` — the
    hand-written pages — is never touched.
    """
    from generator.runtime import progress

    stats = WriteStats()
    seen: set[str] = set()  # a set: a list's `in` made this quadratic (minutes at 100,000 papers)
    for rel in progress.track(sorted(files), len(files), "writing docs/"):
        if rel in seen or not _is_owned(rel, owned):
            raise ValueError(f"refusing to write {rel!r}: not a generated path or written twice")
        seen.add(rel)
        path = root / rel
        data = data_of(files, rel)
        try:
            if path.stat().st_size == len(data) and path.read_bytes() == data:
                stats.unchanged += 1
                continue
        except FileNotFoundError:
            pass
        write_atomic(path, data)
        stats.written.append(rel)
    for folder in (o for o in owned if o.endswith("/")):
        if (root / folder).is_dir():
            stats.removed += [rel for rel in prune(root, root / folder, files)
                              if not rel.rsplit("/", 1)[-1].startswith(".tmp-")]
    for leftover in root.glob(".tmp-*"):  # a build killed while replacing a top-level file
        if leftover.is_file():
            leftover.unlink()
    for single in (o for o in owned if not o.endswith("/")):
        if single not in files and (root / single).exists():
            (root / single).unlink()
            stats.removed.append(single)
    stats.removed.sort()
    return stats


def prune(root: Path, base: Path, keep) -> list[str]:
    """Remove each file under ``base`` whose path under ``root`` is not in ``keep``, then the
    folders that leaves empty (``base`` itself stays); the paths removed, under ``root``."""
    removed = []
    for dirpath, _dirs, names in os.walk(base, topdown=False):
        for name in names:
            rel = Path(dirpath, name).relative_to(root).as_posix()
            if rel not in keep:
                os.unlink(os.path.join(dirpath, name))
                removed.append(rel)
        if dirpath != str(base) and not os.listdir(dirpath):
            os.rmdir(dirpath)
    return removed


def _is_owned(rel: str, owned: tuple[str, ...]) -> bool:
    return any(rel.startswith(o) if o.endswith("/") else rel == o for o in owned)


# --- a folder replaced in one step -------------------------------------------------------

#: Linux renameat2(2): exchange two paths atomically.
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap the paths ``a`` and ``b`` in one step (Linux ``renameat2(RENAME_EXCHANGE)``); False
    where the system cannot (another kernel, another C library, another file system)."""
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0


def aside(target: Path) -> Path:
    """Where :func:`replace_tree`'s fallback keeps the old folder for a moment."""
    return target.parent / f".{target.name}-old"


def replace_tree(new: Path, target: Path, keep_old: bool = False) -> None:
    """Put the folder ``new`` (on ``target``'s file system) at ``target``: at every moment
    ``target`` is the whole old folder or the whole new one. The old folder is removed, or with
    ``keep_old`` left at ``new``'s path (a dirty rebuild's next staging copy, :func:`link_tree`).

    On Linux the two are exchanged in one ``renameat2`` call. Elsewhere the old folder is renamed
    aside, then the new one in: a kill between the two renames leaves no ``target`` but the old
    folder aside, which :func:`recover_tree` puts back."""
    import shutil

    recover_tree(target)
    if not target.exists():
        os.rename(new, target)
    elif _exchange(new, target):
        if not keep_old:
            shutil.rmtree(new)  # the old folder, now at new's path
    else:
        old = aside(target)
        shutil.rmtree(old, ignore_errors=True)
        os.rename(target, old)
        os.rename(new, target)
        if keep_old:
            os.rename(old, new)
        else:
            shutil.rmtree(old)


def recover_tree(target: Path) -> None:
    """Put back the folder :func:`replace_tree`'s fallback had set aside when a kill came between
    its two renames (``target`` missing, the old folder aside); remove a stale one otherwise."""
    import shutil

    old = aside(target)
    if old.exists() and not target.exists():
        os.rename(old, target)
    elif old.exists():
        shutil.rmtree(old, ignore_errors=True)


def link_tree(src: Path, dst: Path) -> None:
    """Make the folder ``dst`` (on ``src``'s file system) hold exactly ``src``'s files, each a hard
    link of ``src``'s: the same bytes and times (a dirty MkDocs build compares them) for the cost of
    a directory entry. A ``dst`` that already holds most of them (the site before the last dirty
    rebuild, :func:`replace_tree` with ``keep_old``) is brought up to date: a file that is already
    ``src``'s (the same inode) stays, others are linked anew, what ``src`` lacks is removed. Whoever
    builds into ``dst`` must replace a file, never write into it (:func:`unlink`): a write in
    place would change ``src``'s file too."""
    dst.mkdir(exist_ok=True)
    _link_into(os.fspath(src), os.fspath(dst))


def _link_into(src: str, dst: str) -> None:
    with os.scandir(dst) as found:
        have = {entry.name: entry for entry in found}
    with os.scandir(src) as entries:
        for entry in entries:
            target = os.path.join(dst, entry.name)
            old = have.pop(entry.name, None)
            folder = entry.is_dir(follow_symlinks=False)
            if old is not None and (folder != old.is_dir(follow_symlinks=False)
                                    or (not folder and old.inode() != entry.inode())):
                _remove(old)
                old = None
            if folder:
                if old is None:
                    os.mkdir(target)
                _link_into(entry.path, target)
            elif old is None:
                _link(entry.path, target)
    for old in have.values():
        _remove(old)


def _link(src: str, dst: str) -> None:
    """``dst`` a hard link of ``src``, or, on a file system without them, a copy with its times."""
    try:
        os.link(src, dst, follow_symlinks=False)
    except OSError:
        import shutil

        shutil.copy2(src, dst, follow_symlinks=False)


def _remove(entry: os.DirEntry) -> None:
    import shutil

    if entry.is_dir(follow_symlinks=False):
        shutil.rmtree(entry.path)
    else:
        os.unlink(entry.path)


def unlink(path: str | Path) -> None:
    """Remove the file ``path`` if there is one: whatever is then written at ``path`` is a new file,
    not a write through a hard link into another folder's file (:func:`link_tree`)."""
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


# --- one build at a time in a checkout -----------------------------------------------------

#: In ``.cache/``: held (``flock``) by the build running in the checkout; says which and since when.
LOCK_FILE = "build.lock"


class BuildLock:
    """``with BuildLock(root, "generator site"):`` — one build of a checkout at a time.

    A second build waits until the first ends, after saying which build is running and since
    when (``say``). A build started by the holder (its MkDocs shards, its generation worker) goes
    on: the holder's pid is its own or its parent's. The kernel drops the lock of a killed build."""

    def __init__(self, root: Path, what: str, say: Callable[[str], object] = print):
        self.path = root / ".cache" / LOCK_FILE
        self.what, self.say, self._file = what, say, None

    def __enter__(self) -> BuildLock:
        import fcntl
        import json
        import time

        self.path.parent.mkdir(parents=True, exist_ok=True)
        f = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held until __exit__
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(f)
            if holder.get("pid") in (os.getpid(), os.getppid()):
                f.close()  # this process is part of the build that holds the lock
                return self
            self.say(f"another build is running in this checkout (pid {holder.get('pid', '?')}: "
                     f"{holder.get('what', 'a build')}, since {holder.get('since', '?')}); waiting for it to end")
            fcntl.flock(f, fcntl.LOCK_EX)
        f.seek(0)
        f.truncate()
        f.write(json.dumps({"pid": os.getpid(), "what": self.what,
                            "since": time.strftime("%Y-%m-%d %H:%M:%S")}) + "\n")
        f.flush()
        self._file = f
        return self

    def __exit__(self, *exc) -> None:
        if self._file is not None:
            self._file.close()  # closing the file releases the lock
            self._file = None


def _holder(f) -> dict:
    import json

    try:
        f.seek(0)
        found = json.loads(f.read() or "{}")
        return found if isinstance(found, dict) else {}
    except ValueError:
        return {}
