"""The ledger of what a site has published: ``permalinks.json``, beside ``papers.json``.

Every paper id, topic and tag slug and page path a build ever published is in
it, with what a later build needs to keep them: each paper's identifiers
(arXiv id, DOI, Semantic Scholar id, citation keys), a fingerprint of its
abstract (``generator.text.fingerprint``), its citation (shown when it is
removed), its topic and tags. A build reads the ledger of the last publication
and writes the next one; nothing in it is ever dropped. The JSON is one entry
a line (readable diffs) and written in a fixed order, so the same sources and
the same ledger give the same bytes.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field, fields

VERSION = 1
LIVE, REMOVED, MERGED, RETIRED = "live", "removed", "merged", "retired"


@dataclass(frozen=True, slots=True)
class PaperEntry:
    """A paper as it was last published."""

    #: The id it was first published with: never reused, never changed (feed entry ids use it).
    key: str
    #: The id it is published under now (or was, when it was removed or merged).
    id: str
    status: str = LIVE
    #: A merged paper: the ``key`` of the paper it is part of now.
    into: str | None = None
    #: Earlier ids of the paper (renamed on purpose), each answering with a redirect.
    aliases: tuple[str, ...] = ()
    title: str = ""
    authors: tuple[str, ...] = ()
    published: str | None = None
    venue: str | None = None
    arxiv: str | None = None
    doi: str | None = None
    s2: str | None = None
    citation_keys: tuple[str, ...] = ()
    #: ``generator.text.fingerprint`` of the abstract ("" without one).
    fingerprint: str = ""
    topic: str = ""
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SlugEntry:
    """A topic or tag slug as it was last published."""

    slug: str
    name: str
    status: str = LIVE
    #: A retired slug: the slug its papers went to (None: they went apart; its old page lists them).
    into: str | None = None
    #: The slug the topic or tag was first published with (a topic feed's id uses it).
    key: str = ""
    description: str = ""
    #: A derived topic: the papers it had when it was formed or last split (``taxonomy.sticky``).
    settled: int = 0
    #: A retired slug whose papers went apart: the keys of the papers it had (its old page lists them).
    papers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Ledger:
    #: In the order they were first published.
    papers: tuple[PaperEntry, ...] = ()
    topics: tuple[SlugEntry, ...] = ()
    tags: tuple[SlugEntry, ...] = ()
    #: Every other page ever published (docs/ paths: ``authors/x.md``, ``topics/y/2.md``), sorted.
    pages: tuple[str, ...] = ()
    #: Whether the topics were derived from the collection (no data/topics.yml).
    derived: bool = False


@dataclass(frozen=True, slots=True)
class Kept:
    """What a build decided about the ids of the last publication
    (``generator.records.permalinks.keep_ids``); its ledger is made from it."""

    #: Paper id → index (in the ledger) of the entry it is.
    entry: dict[str, int] = field(default_factory=dict)
    #: Index of an entry no paper took → id of the paper it is part of now.
    merged: dict[int, str] = field(default_factory=dict)
    #: Paper id → fingerprint of its abstract.
    fingerprints: dict[str, str] = field(default_factory=dict)
    #: Every earlier id of a paper (its first id, renamed and merged ones) → its id now.
    aliases: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class History:
    """What was published last and what this build keeps of it."""

    #: The ledger of the last publication (None: this is the first).
    ledger: Ledger | None = None
    kept: Kept = field(default_factory=Kept)
    #: Whether this build's topics are derived, and (if so) each topic's settled size.
    derived: bool = False
    settled: dict[str, int] = field(default_factory=dict)
    #: The ledger this build publishes (``site.permalinks.ledger_after``), once the collection is known.
    next: Ledger | None = None

    def first_id(self, paper_id: str) -> str:
        """The id the paper was first published with (its own id for a new paper)."""
        n = self.kept.entry.get(paper_id)
        return self.ledger.papers[n].key if self.ledger is not None and n is not None else paper_id

    def first_slug(self, topic: str) -> str:
        """The slug the topic was first published with (a renamed topic's first slug; a new topic's own)."""
        for ledger in (self.next, self.ledger):
            for t in ledger.topics if ledger is not None else ():
                if t.slug == topic and t.key:
                    return t.key
        return topic

    def topic_before(self) -> dict[str, str]:
        """Each paper's topic when it was last published (papers that were live then, in topics live then)."""
        if self.ledger is None:
            return {}
        live = {t.slug for t in self.ledger.topics if t.status == LIVE}
        out = {}
        for pid, n in self.kept.entry.items():
            e = self.ledger.papers[n]
            if e.status == LIVE and e.topic in live:
                out[pid] = e.topic
        return out


_TUPLES = {"aliases", "authors", "citation_keys", "tags", "papers"}
_NUMBERS = {"settled"}


def _compact(entry) -> dict:
    """An entry as JSON: empty fields left out, the key only where it is not the id or slug."""
    out = {}
    for f in fields(entry):
        value = getattr(entry, f.name)
        if value in (None, "", (), 0) or (f.name == "status" and value == LIVE):
            continue
        if f.name == "key" and value == getattr(entry, "id", getattr(entry, "slug", None)):
            continue
        out[f.name] = list(value) if isinstance(value, tuple) else value
    return out


def to_json(ledger: Ledger) -> str:
    line = lambda e: json.dumps(_compact(e), ensure_ascii=False, separators=(",", ":"))  # noqa: E731
    parts = [f'{{"version":{VERSION},"derived":{json.dumps(ledger.derived)},']
    for name, entries in (("papers", ledger.papers), ("topics", ledger.topics), ("tags", ledger.tags)):
        parts.append(f'"{name}":[\n' + ",\n".join(line(e) for e in entries) + "\n],")
    parts.append('"pages":' + json.dumps(list(ledger.pages), ensure_ascii=False, separators=(",", ":")) + "}\n")
    return "\n".join(parts)


def from_json(text: str) -> Ledger:
    """The ledger in ``text``; a ValueError with a sentence saying what is wrong."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ValueError(f"the file is not JSON ({exc})") from None
    if not isinstance(data, dict) or data.get("version") != VERSION:
        raise ValueError(f"the file is not a ledger of version {VERSION} (a mapping with \"version\": {VERSION})")
    return Ledger(_entries(data, "papers", PaperEntry), _entries(data, "topics", SlugEntry),
                  _entries(data, "tags", SlugEntry), tuple(_strings(data.get("pages", []), "pages")),
                  bool(data.get("derived", False)))


def _entries(data: dict, name: str, kind) -> tuple:
    items = data.get(name, [])
    if not isinstance(items, list):
        raise ValueError(f"\"{name}\" must be a list")
    names = {f.name for f in fields(kind)}
    out = []
    for n, item in enumerate(items):
        if not isinstance(item, dict) or not set(item) <= names:
            raise ValueError(f"entry {n + 1} of \"{name}\" must be a mapping of {', '.join(sorted(names))}")
        values = {}
        for k, v in item.items():
            if k in _TUPLES:
                values[k] = tuple(_strings(v, f"{name} {n + 1} {k}"))
            elif k in _NUMBERS:
                if not isinstance(v, int) or isinstance(v, bool) or v < 0:
                    raise ValueError(f"\"{k}\" of entry {n + 1} of \"{name}\" must be a whole number")
                values[k] = v
            elif v is not None and not isinstance(v, str):
                raise ValueError(f"\"{k}\" of entry {n + 1} of \"{name}\" must be text")
            else:
                values[k] = v
        first = "id" if kind is PaperEntry else "slug"
        if not values.get(first):
            raise ValueError(f"entry {n + 1} of \"{name}\" has no \"{first}\"")
        values.setdefault("key", values[first])
        if values.get("status", LIVE) not in (LIVE, REMOVED, MERGED, RETIRED):
            raise ValueError(f"entry {n + 1} of \"{name}\" has the unknown status {values['status']!r}")
        out.append(kind(**values))
    return tuple(out)


def _strings(value, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"\"{where}\" must be a list of texts")
    return value
