"""What one build keeps for the next: the project's ``.cache/`` folder.

A rebuild after a small edit should redo only what the edit changed. Each
entry here is a pickle named by what it holds (``sources``, ``related``),
stamped with the generator's version (a hash of its own code and the Python
version): an entry of another version, a corrupt or unreadable one is simply
not there. Deleting ``.cache/`` is always safe — the next build is a full
one, and a full build (``python -m generator build --force``, or a clean
clone) never reads the cache at all.

The entries:

* ``sources``: each source file's records and problems, keyed by the hash of
  its bytes (one edited YAML file of twenty is read again, not all twenty).
  The records are what reading the file would give: exact.
* ``related``: the related-papers lists of the last build and a hash of each
  paper's text (generator/taxonomy/incremental.py says what a rebuild recomputes).

Under ``mkdocs serve`` the process lives as long as the server and says so
(:func:`keep_in_memory`, the one switch); only then do the entries it loaded stay
in memory (:data:`MEMORY`, the one object that holds what a process keeps between
builds), with what records.py worked out, so an edit does not pay for reading them
back. A one-shot build keeps nothing once it is done.
"""
from __future__ import annotations

import functools
import hashlib
import logging
import pickle
import sys
from pathlib import Path

from generator.runtime import output

log = logging.getLogger("generator.cache")

#: The folder under the project root (gitignored).
FOLDER = ".cache"
_CODE = Path(__file__).resolve().parent.parent
class ProcessMemory:
    """What this process keeps from one build to the next: the generator's one module-level
    mutable object (:data:`MEMORY`; tests/unit/test_code_shape.py allows no other).

    * :attr:`entries`: the ``.cache/`` entries loaded or saved, kept only while :attr:`keep`
      is on, i.e. in a process that builds more than once (``mkdocs serve``: the plugin's
      ``on_startup`` says so through :func:`keep_in_memory`);
    * :meth:`slot`: a named dict a module keeps what it worked out in: the normalised records
      (records, only while :attr:`keep` is on), the last map layout (site/atlas.py), the git
      dates of the current commit (site/dates.py), the keys of the last papers hashed
      (:func:`paper_keys`). Each is a shortcut: without it a build gives the same bytes.
    """

    def __init__(self) -> None:
        self.keep = False
        self.entries: dict[tuple[str, str], tuple[str, object]] = {}
        self._slots: dict[str, dict] = {}

    def slot(self, name: str) -> dict:
        """The dict named ``name`` (made empty the first time)."""
        return self._slots.setdefault(name, {})

    def switch(self, on: bool) -> None:
        """Keep the entries of one build for the next (``on``), or drop them now."""
        self.keep = on
        if not on:
            self.entries.clear()
            self._slots.pop(NORMALISED, None)


#: The slot of records.build_papers: each raw record's normalised form (kept only while ``keep`` is on).
NORMALISED = "normalised records"
#: This process's memory (see :class:`ProcessMemory`).
MEMORY = ProcessMemory()


def keep_in_memory(on: bool = True) -> None:
    """Say whether this process builds more than once: the plugin turns it on under ``mkdocs
    serve``. Only then do the memos of one build stay for the next (:attr:`ProcessMemory.entries`,
    the normalised records of generator/records/__init__.py); off (``generator build`` and ``site``,
    ``mkdocs build``), a build keeps nothing once it is done."""
    MEMORY.switch(on)


def keeps_in_memory() -> bool:
    """Whether this process keeps one build's memos for the next (:func:`keep_in_memory`)."""
    return MEMORY.keep


def hash_files(h, files) -> None:
    """Feed the hash ``h`` each ``(name, path)`` of ``files`` as name, NUL, bytes, NUL
    (a file that cannot be read as ``unreadable``): every hash of input files is this one."""
    for shown, path in files:
        h.update(shown.encode() + b"\0")
        try:
            h.update(path.read_bytes())
        except OSError:
            h.update(b"unreadable")
        h.update(b"\0")


@functools.cache
def version() -> str:
    """The generator's code and the Python running it: an entry of another version is not used.
    Worked out once a process (the code it runs is the code it imported)."""
    h = hashlib.sha256(sys.version.encode())
    hash_files(h, [(p.relative_to(_CODE).as_posix(), p) for p in sorted(_CODE.rglob("*.py"))])
    return h.hexdigest()


def digest(data: bytes | str) -> str:
    """A short content hash (for keys)."""
    return hashlib.blake2b(data.encode("utf-8") if isinstance(data, str) else data, digest_size=16).hexdigest()


class Cache:
    """The entries of one project's ``.cache/``; ``Cache(None)`` holds nothing and saves nothing.
    ``fresh=True`` reads nothing but saves (a full build leaves entries for the next one)."""

    def __init__(self, root: Path | None, fresh: bool = False):
        self.folder = (Path(root) / FOLDER / "paper-atlas") if root is not None else None
        self._version = version() if root is not None else ""
        self.fresh = fresh

    @property
    def enabled(self) -> bool:
        return self.folder is not None

    def load(self, name: str):
        """The entry ``name`` of this version, or None (missing, stale or unreadable)."""
        if self.folder is None or self.fresh:
            return None
        key = (str(self.folder), name)
        kept = MEMORY.entries.get(key)
        if kept is not None and kept[0] == self._version:
            return kept[1]
        try:
            with open(self.folder / f"{name}.pickle", "rb") as f:
                stamp, value = pickle.load(f)
        except Exception as exc:  # noqa: BLE001 - a missing, truncated or foreign file is no entry
            if not isinstance(exc, FileNotFoundError):
                log.debug("cache entry %s not used: %s", name, exc)
            return None
        if stamp != self._version:
            return None
        kept = MEMORY.entries.get(key)
        if kept is not None and kept[0] == self._version:
            return kept[1]  # saved meanwhile (by a build while ``preload`` read this one): it wins
        if MEMORY.keep:
            MEMORY.entries[key] = (self._version, value)
        return value

    def preload(self) -> None:
        """Load every entry of this version into memory (the hook under ``mkdocs serve`` does,
        after its first build, so that the first edit does not wait for them)."""
        if self.folder is None or self.fresh or not MEMORY.keep:
            return
        for entry in sorted(self.folder.glob("*.pickle")):
            self.load(entry.stem)

    def memo(self, name: str, *salt) -> Memo:
        """The :class:`Memo` of this cache's entry ``name`` (``salt``: what every one of its kind reads)."""
        return Memo(self, name, *salt)

    def save(self, name: str, value) -> None:
        """Keep ``value`` as the entry ``name``; a folder that cannot be written keeps nothing (no error)."""
        if self.folder is None:
            return
        if MEMORY.keep:
            MEMORY.entries[(str(self.folder), name)] = (self._version, value)
        try:
            output.write_atomic(self.folder / f"{name}.pickle",
                                lambda f: pickle.dump((self._version, value), f, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError as exc:
            log.debug("cache entry %s not saved: %s", name, exc)


#: The cache of a run that keeps nothing (``Cache(None)``): every memo of it renders.
NO_CACHE = Cache(None)


class Memo:
    """What one kind of thing was made into (a page's rendered text, a source file's records,
    a built page's classes), by a key of everything it is made from.

    ``salt`` names what every one of the kind reads (the templates, the site's settings,
    the taxonomy); ``key(...)`` is the rest, per page. A page whose key is that of the
    last build is not rendered again; a key it has not seen is rendered, as always.
    The entry is saved only when the keys changed.
    """

    def __init__(self, cache: Cache, name: str, *salt):
        self._cache, self._name = cache, name
        self._salt = _hash(salt)
        before = cache.load(name) if cache.enabled else None
        self._old: dict[str, object] = before[1] if before is not None and before[0] == self._salt else {}
        self._new: dict[str, object] = {}
        self.hits = 0

    @property
    def enabled(self) -> bool:
        return self._cache.enabled

    def get(self, key: str, render):
        if not self._cache.enabled:
            return render()
        text = self._old.get(key)
        if text is None:
            text = render()
        else:
            self.hits += 1
        self._new[key] = text
        return text

    def save(self) -> None:
        if self._cache.enabled and (self._new.keys() != self._old.keys()):
            self._cache.save(self._name, (self._salt, self._new))


def _hash(value) -> str:
    return hashlib.blake2b(pickle.dumps(value, protocol=4), digest_size=16).hexdigest()


def key(*parts) -> str:
    """The key of a page made from ``parts`` (picklable values: papers, strings, tuples)."""
    return _hash(parts)


def paper_keys(papers) -> dict[str, str]:
    """A hash of each paper (every field), by id: pages that list papers key on these.
    The last answer is kept (:data:`MEMORY`): the paper and list pages, the citations and the
    author, venue and year pages of one build ask for the same papers' keys (hashing 10,000
    papers takes 0.15 s; comparing them with the last, 0.1 ms). It is keyed on the papers
    themselves (frozen values, compared one by one: the same objects at once), so a list
    changed in place since the last call gets its own keys."""
    papers, last = tuple(papers), MEMORY.slot("paper keys")
    if papers != last.get("papers"):
        last.update(papers=papers, keys={p.id: _hash(p) for p in papers})
    return last["keys"]


def templates(env) -> str:
    """A hash of the Jinja environment's template files (a template may change while the code does not)."""
    h = hashlib.sha256()
    for folder in getattr(env.loader, "searchpath", []):
        hash_files(h, [(p.relative_to(folder).as_posix(), p) for p in sorted(Path(folder).rglob("*")) if p.is_file()])
    return h.hexdigest()
