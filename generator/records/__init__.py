"""Raw records → distinct papers: clean text, merge duplicates, give stable ids.

Merging follows these rules: the same arXiv id (version stripped), the same
DOI, the same normalised title when the authors agree (one in common, or one
side lists none; with no authors on either side the abstracts must share runs
of words: a revised abstract keeps most of its sentences, another paper's
abstract does not, however many words they share), or near-identical
abstracts. Each merge is reported, and so is a title kept as two papers.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping

from generator.errors import (
    BAD_DATE,
    BAD_IDENTIFIER,
    SURROGATE,
    INFERRED_TITLE,
    MERGED,
    MISSING_ABSTRACT,
    SAME_TITLE,
    TRUNCATED,
    Problem,
    error,
    warning,
)
from generator.model.papers import (
    ENTRY_TYPES,
    NO_PUBLICATION,
    PUBLICATION_FIELDS,
    Paper,
    Publication,
    RawRecord,
)
from generator.records.titles import infer_title
from generator.runtime import cache
from generator.text import dates, identifiers, markup
from generator.text import venues as venue_text
from generator.text.normalise import clean, family_key, fold, title_key, without_surrogates
from generator.text.slugs import SLUG_MAX, slugify

#: The longest title and abstract a record may have; longer is an error at the record.
MAX_TITLE_CHARS = 1_000
MAX_ABSTRACT_CHARS = 100_000


# --- text --------------------------------------------------------------------


def looks_cut_off(abstract: str) -> bool:
    return abstract.endswith(("...", "…")) or not re.search(r"[.!?)\]\"'”’$}]\s*$", abstract)


#: Words in a run that two abstracts must share to be one paper's text.
RUN_WORDS = 8
#: The share of the shorter abstract's runs the other must have: a revised
#: abstract keeps most of its sentences; another paper's shares almost none.
SAME_TEXT = 0.3


def _runs(text: str) -> set[tuple[str, ...]]:
    words = fold(text).split()
    n = min(RUN_WORDS, len(words))
    return {tuple(words[k:k + n]) for k in range(len(words) - n + 1)} if n else set()


def shared_runs(a: str, b: str) -> float:
    """The share of the shorter text's runs of ``RUN_WORDS`` words that the other has
    (shorter texts: the whole text): 1 for a copy, near 0 for another paper's abstract."""
    ra, rb = _runs(a), _runs(b)
    if not ra or not rb:
        return 0.0
    return len(ra & rb) / min(len(ra), len(rb))


# --- records → papers ----------------------------------------------------------

def _normalise(record: RawRecord) -> RawRecord:
    from dataclasses import replace

    return replace(
        record,
        title=clean(record.title) or None,
        abstract=clean(record.abstract) or None,
        authors=tuple(a for a in (_author(x) for x in record.authors) if a),
        author_ids=tuple((name, i) for name, i in ((_author(n), clean(i)) for n, i in record.author_ids) if name and i),
        arxiv=_identifier("arxiv", record.arxiv),
        doi=_identifier("doi", record.doi),
        venue=clean(record.venue) or None,
        citation_key=clean(record.citation_key) or None,
        s2=clean(record.s2).lower() or None,
        tags=tuple(t for t in (clean(x) for x in record.tags) if t),
        topic=clean(record.topic) or None,
        **{k: _web_link(getattr(record, k)) for k in ("url", "pdf", "code")},
        **{k: dates.check(clean(getattr(record, k)) or None)[0] for k in ("published", "added")},
        publication=_publication(record.publication),
    )


def _author(name: str) -> str:
    """"Yuanhao Wang*": equal-contribution and affiliation marks are not part of a name; what has
    nothing visible left (a soft hyphen and a footnote mark) is no name at all. Anything visible
    is a name as written ("---" too)."""
    name = clean(name).rstrip("*†‡§¹²³ ")
    return name if any(unicodedata.category(c)[0] not in "CZ" for c in name) else ""


def _publication(pub: Publication) -> Publication:
    """Every text field cleaned, editors as authors are; a type that is none of ``ENTRY_TYPES`` dropped."""
    if pub == NO_PUBLICATION:
        return pub
    from dataclasses import replace

    texts = {k: clean(getattr(pub, k)) or None for k in PUBLICATION_FIELDS if k not in ("type", "editors")}
    kind = clean(pub.type).lower() or None
    return replace(pub, type=kind if kind in ENTRY_TYPES else None, **texts,
                   editors=tuple(a for a in (_author(x) for x in pub.editors) if a))


def _web_link(value: str | None) -> str | None:
    """A link a reader may follow: http(s) only. ``javascript:``, ``data:`` and the like
    are dropped here, so no page, feed, citation or papers.json ever carries them."""
    value = clean(value)
    return value if markup.safe_url(value) else None


def _identifier(kind: str, value: str | None) -> str | None:
    """An arXiv id or DOI in the form papers keep; one that cannot be read is dropped
    (:func:`identifier_problems` says so), so no link, meta tag or citation carries it."""
    return identifiers.READERS[kind](clean(value))


def _surrogates(record: RawRecord) -> tuple[RawRecord, list[Problem]]:
    """The record with its text fields :func:`~generator.text.normalise.without_surrogates`, and a
    warning at the record for each field that held a lone surrogate (``"\\uD800"`` in YAML or JSON)."""
    from dataclasses import fields, replace

    changed, problems, p = {}, [], record.provenance
    for f in fields(record):
        value = getattr(record, f.name)
        if not isinstance(value, (str, tuple)):
            continue
        fixed, lone = without_surrogates(value)
        if fixed != value:
            changed[f.name] = fixed
        if lone:
            problems.append(warning(p.path, p.line, f"'{f.name}' holds a lone surrogate (an escape such as \\uD800 "
                                    "that is half of a character), which no page can show; it is shown as U+FFFD "
                                    "(\ufffd): write the character itself", SURROGATE))
    return (replace(record, **changed) if changed else record), problems


def identifier_problems(raw: RawRecord) -> list[Problem]:
    """A warning, at the record, for each identifier it gives that is none (and is dropped), and
    each date that is none (of which the real part is kept: text.dates)."""
    p = raw.provenance
    found = [warning(p.path, p.line, why, BAD_IDENTIFIER)
             for kind in ("arxiv", "doi") if (why := identifiers.why_not(kind, clean(getattr(raw, kind))))]
    return found + [warning(p.path, p.line, f"'{name}': {why}", BAD_DATE)
                    for name in ("published", "added") if (why := dates.check(clean(getattr(raw, name)) or None)[1])]


class _UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _abstract_key(abstract: str | None) -> str | None:
    if not abstract:
        return None
    words = fold(abstract[:600]).split()
    return " ".join(words[:40]) if len(words) >= 25 else None


def _same_title_agrees(a: RawRecord, b: RawRecord) -> bool:
    if a.authors and b.authors:
        return bool({family_key(x) for x in a.authors} & {family_key(x) for x in b.authors})
    if _by_text_alone(a, b):
        return shared_runs(a.abstract, b.abstract) >= SAME_TEXT
    return True


def _by_text_alone(a: RawRecord, b: RawRecord) -> bool:
    """Whether only the abstracts can tell if two records with one title are one paper."""
    return not a.authors and not b.authors and bool(a.abstract) and bool(b.abstract)


def _kept_apart(records: list[RawRecord], i: int, j: int) -> Problem:
    p, other = records[i].provenance, records[j].provenance
    share = shared_runs(records[i].abstract, records[j].abstract)
    return warning(p.path, p.line, f"the same title as the paper at {other}, and no authors, but another abstract "
                   f"({share:.0%} of its {RUN_WORDS}-word runs in common): kept as two papers; give them authors "
                   "or a DOI if they are one", SAME_TITLE)


def group_duplicates(records: list[RawRecord], problems: list[Problem] | None = None) -> list[list[RawRecord]]:
    """Records grouped by paper; groups and their members in provenance order. Records
    with one title that their abstracts keep apart are reported in ``problems``."""
    uf = _UnionFind(len(records))
    seen: dict[tuple[str, str], int] = {}
    by_title: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(records):
        for kind, key in (("arxiv", r.arxiv), ("doi", r.doi), ("abstract", _abstract_key(r.abstract))):
            if key:
                if (kind, key) in seen:
                    uf.union(seen[(kind, key)], i)
                else:
                    seen[(kind, key)] = i
        if r.title:
            by_title[title_key(r.title)].append(i)
    apart = []
    for members in by_title.values():
        for n, i in enumerate(members):
            for j in members[:n]:
                if _same_title_agrees(records[i], records[j]):
                    uf.union(i, j)
                    break
            else:
                apart += [(i, j) for j in members[:n] if _by_text_alone(records[i], records[j])][:1]
    if problems is not None:
        problems += [_kept_apart(records, i, j) for i, j in apart if uf.find(i) != uf.find(j)]
    groups: dict[int, list[RawRecord]] = defaultdict(list)
    for i, r in enumerate(records):
        groups[uf.find(i)].append(r)
    return [groups[k] for k in sorted(groups)]


def _richest(values: Iterable[str | None]) -> str | None:
    best = None
    for v in values:
        if v and (best is None or len(v) > len(best)):
            best = v
    return best


def _first(values: Iterable[str | None]) -> str | None:
    return next((v for v in values if v), None)


def richest_publication(publications: Iterable[Publication]) -> Publication:
    """The publication of the record that says most of it: the most fields, then a type other
    than ``misc``, then the first. Taken whole, not field by field: a conference version's pages
    and a journal version's volume would make a citation of neither."""
    best = NO_PUBLICATION
    for pub in publications:
        if (pub.filled(), pub.type not in (None, "misc")) > (best.filled(), best.type not in (None, "misc")):
            best = pub
    return best


def merge(group: list[RawRecord]) -> dict:
    """The richest value of each field across a group of records of one paper."""
    abstracts = [r.abstract for r in group if r.abstract]
    full = [a for a in abstracts if not looks_cut_off(a)]
    authors = max((r.authors for r in group), key=len)
    tags: list[str] = []
    for r in group:
        tags += [t for t in r.tags if t not in tags]
    venue = _richest(r.venue for r in group)
    # 2024-03-17 beats 2024; a paper with no date takes its venue's year ("ICLR 2021")
    published = _richest(r.published for r in group) or venue_text.year(venue)
    return {
        "title": _richest(r.title for r in group),
        "abstract": _richest(full) or _richest(abstracts) or "",
        "authors": authors,
        "author_ids": tuple(dict.fromkeys(pair for r in group for pair in r.author_ids)),
        "published": published,
        "arxiv": _first(r.arxiv for r in group),
        "doi": _first(r.doi for r in group),
        "url": _first(r.url for r in group),
        "pdf": _first(r.pdf for r in group),
        "code": _first(r.code for r in group),
        "venue": venue,
        "citation_key": _first(r.citation_key for r in group),
        "s2": _first(r.s2 for r in group),
        "added": min((r.added for r in group if r.added), default=None),
        "publication": richest_publication(r.publication for r in group),
        "given_topic": _first(r.topic for r in group),
        "given_tags": tuple(tags),
        "sources": tuple(sorted(r.provenance for r in group)),
    }


def assign_ids(titles: list[str]) -> list[str]:
    """Slugs of the titles, unique; a collision gets -2, -3 … in input order."""
    bases = []
    for t in titles:
        slug = slugify(t)
        bases.append(slug or "paper-" + hashlib.sha256(t.encode()).hexdigest()[:10])
    taken = set(bases)
    used: set[str] = set()
    ids = []
    for base in bases:
        candidate, n = base, 1
        while candidate in used or (candidate != base and candidate in taken):
            n += 1
            candidate = f"{base[: SLUG_MAX - len(str(n)) - 1]}-{n}"
        used.add(candidate)
        ids.append(candidate)
    return ids


def build_papers(records: list[RawRecord]) -> tuple[list[Paper], list[Problem]]:
    """Clean, validate, merge and identify. Returns papers sorted by id."""
    problems: list[Problem] = []
    valid: list[RawRecord] = []
    # The last build's records and their normalised forms, kept only by a process that builds
    # more than once (mkdocs serve: cache.keep_in_memory): only the records an edit changed are
    # normalised again (``_normalise`` is a function of the record alone).
    kept = cache.MEMORY.slot(cache.NORMALISED)
    before, keep = dict(kept), cache.keeps_in_memory()
    kept.clear()
    for record in sorted(records, key=lambda r: r.provenance):
        p = record.provenance
        too_long = [(name, len(value), limit) for name, limit in (("title", MAX_TITLE_CHARS), ("abstract", MAX_ABSTRACT_CHARS))
                    if len(value := getattr(record, name) or "") > limit]
        for name, n, limit in too_long:
            problems.append(error(p.path, p.line, f"'{name}' is {n:,} characters long, over the limit of {limit:,}; shorten it"))
        if too_long:
            continue
        record, found = _surrogates(record)
        problems += found
        raw, record = record, before.get(record) or _normalise(record)
        problems += identifier_problems(raw)
        if keep:
            kept[raw] = record
        if not record.title and not record.abstract:
            problems.append(error(p.path, p.line, "the record has neither a title nor an abstract; add at least one of them"))
            continue
        valid.append(record)
    merged = []
    for group in group_duplicates(valid, problems):
        fields = merge(group)
        first = group[0].provenance
        if len(group) > 1:
            others = ", ".join(str(r.provenance) for r in group[1:])
            problems.append(warning(first.path, first.line, f"merged with the same paper at {others}", MERGED))
        inferred = not fields["title"]
        if inferred:
            fields["title"] = infer_title(fields["abstract"])
            problems.append(warning(first.path, first.line, f"no title; inferred {fields['title']!r}", INFERRED_TITLE))
        if not fields["abstract"]:
            problems.append(warning(first.path, first.line, "the paper has no abstract", MISSING_ABSTRACT))
        elif looks_cut_off(fields["abstract"]):
            problems.append(warning(first.path, first.line, "the abstract looks cut off", TRUNCATED))
        merged.append((fields, inferred))
    # Ids in a fixed order: by slug base, then by first source, so a collision's
    # suffix does not depend on the order files were listed in.
    merged.sort(key=lambda m: (slugify(m[0]["title"]), m[0]["sources"][0]))
    ids = assign_ids([m[0]["title"] for m in merged])
    papers = [Paper(id=i, title_inferred=inf, **f) for i, (f, inf) in zip(ids, merged)]
    papers.sort(key=lambda p: p.id)
    return papers, problems


# --- curation -------------------------------------------------------------------

CURATION_FIELDS = ("title", "abstract", "authors", "published", "arxiv", "doi", "url", "pdf",
                   "code", "venue", "topic", "tags", "added", *PUBLICATION_FIELDS)


def _curated(pid: str, key: str, value: object) -> tuple[object, str | None]:
    """A curation value in the form papers keep, or (None, what is wrong with it)."""
    if key in ("authors", "tags", "editors"):
        if not isinstance(value, list):
            return None, f"curation field '{key}' of {pid!r} must be a list"
        return tuple(clean(str(v)) for v in value), None
    if value is None:
        return None, None
    if key in ("arxiv", "doi"):
        return _identifier(key, str(value)), None
    if key in ("url", "pdf", "code"):
        return _web_link(str(value)), None
    if key == "type" and str(value).strip().lower() not in ENTRY_TYPES:
        return None, f"curation field 'type' of {pid!r} is {value!r}; the types are {', '.join(ENTRY_TYPES)}"
    return clean(str(value)), None


def apply_curation(papers: list[Paper], curation: Mapping[str, dict], path: str,
                   lines: Mapping[str, int]) -> tuple[list[Paper], list[Problem]]:
    """Apply ``data/curation.yml`` (keyed by paper id); unknown ids are errors."""
    from dataclasses import replace

    problems: list[Problem] = []
    by_id = {p.id: p for p in papers}
    for pid, changes in curation.items():
        line = lines.get(pid, 0)
        if pid not in by_id:
            problems.append(error(path, line, f"curation for unknown paper id {pid!r}; ids are the file names under docs/papers/"))
            continue
        if not isinstance(changes, dict):
            problems.append(error(path, line, f"curation for {pid!r} must be a mapping of fields to values"))
            continue
        unknown = sorted(set(changes) - set(CURATION_FIELDS))
        if unknown:
            problems.append(error(path, line, f"unknown curation field(s) {', '.join(map(str, unknown))} for {pid!r}; the fields are {', '.join(CURATION_FIELDS)}"))
            continue
        update: dict = {}
        publication: dict = {}
        for key, value in changes.items():
            if key in ("arxiv", "doi") and (why := identifiers.why_not(key, value)):
                problems.append(warning(path, line, f"curation for {pid!r}: {why}", BAD_IDENTIFIER))
            if key in ("published", "added"):
                value, why = dates.check(dates.as_read(value))
                if why:
                    problems.append(warning(path, line, f"curation for {pid!r}: '{key}': {why}", BAD_DATE))
                wrong = None
            else:
                value, wrong = _curated(pid, key, value)
            if wrong:
                problems.append(error(path, line, wrong))
            elif key in PUBLICATION_FIELDS:
                publication[key] = value
            else:
                update[{"topic": "given_topic", "tags": "given_tags"}.get(key, key)] = value
        if publication:
            update["publication"] = _publication(replace(by_id[pid].publication, **publication))
        if "title" in update:
            update["title_inferred"] = False
        by_id[pid] = replace(by_id[pid], **update)
    return [by_id[p.id] for p in papers], problems
