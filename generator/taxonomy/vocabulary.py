"""Research fields a topic may be named after: OpenAlex's topic taxonomy, shipped.

``vocabulary/openalex_topics.tsv.gz`` holds OpenAlex's ~4,500 research topics (CC0; see
``vocabulary/README.md``), each with its description, subfield (244, e.g. "Astronomy and
Astrophysics", "Condensed Matter Physics") and field (26, e.g. "Mathematics", "Medicine").
Each subfield and field is read as the phrases of its topics' names (twice) and
descriptions, weighted TF-IDF over the subfields (or fields); a derived topic is
matched by the phrases telling of it (``profile``: coverage × log lift). A match is
*clear* when its cosine is high and well ahead of the runner-up.

A collection whose topics clearly match several different fields (a department's or a
venue's papers across physics, medicine, economics ...) names those topics after their
subfield or field, as a researcher would label them; a lab's collection, whose topics all
sit in one field, is named by its own phrases (``naming``).
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from generator.text.phrases import phrases_of

DATA = Path(__file__).with_name("vocabulary") / "openalex_topics.tsv.gz"
#: How often each phrase is in each subfield's topics, derived from ``DATA`` (``derive_counts``)
#: and shipped, so a build reads it in milliseconds (reading ``DATA`` takes half a second);
#: ``tests/fixtures/topics/build_openalex_topics.py`` writes both, a test checks they agree.
COUNTS = Path(__file__).with_name("vocabulary") / "openalex_counts.npz"
#: A subfield names a topic when its cosine is at least this and this many times the next
#: one's, and its field is clear too.
SUBFIELD_COS, SUBFIELD_AHEAD = 0.15, 1.5
#: The same for a field (used when no subfield is clear); in a collection that spans fields,
#: a topic whose field is only likely (``LIKELY_COS``, as far ahead) is named after it too.
FIELD_COS, FIELD_AHEAD, LIKELY_COS = 0.09, 1.4, 0.06
#: Two topics of one field are told apart by their subfields when each one's leads the next
#: subfield this many times and matches it this many times better than the field as a whole
#: (a topic of all mathematics matches "Mathematical physics" about as well as "Mathematics").
NARROWER_AHEAD, NARROWER_OVER = 1.1, 1.2
#: A collection is named after fields when at least this many distinct fields are
#: clear matches, and for at least this share of its topics.
FIELDS_SPANNED, FIELDS_SHARE = 3, 0.3


@dataclass(frozen=True, slots=True)
class Match:
    """A topic's match: the name it would take (its subfield's when that is clear, else its
    field's), its field, whether a subfield, the cosine, whether the field is a clear match
    (else only a likely one: ``LIKELY_COS``), and the subfield that would tell it from
    another topic of its field (``narrower``, when it leads well enough), if any."""

    name: str
    field: str
    subfield: bool
    cosine: float
    clear: bool = True
    narrower: str | None = None


@dataclass(frozen=True, slots=True)
class _Space:
    """Unit TF-IDF vectors (rows) of the subfields or fields over phrase keys (columns)."""

    names: tuple[str, ...]
    matrix: sp.csr_matrix
    idf: np.ndarray


def derive_counts(lines: list[str]) -> dict[str, np.ndarray]:
    """What ``COUNTS`` holds, from the topics' lines (``DATA``): how often each phrase
    (``phrases_of`` key) is in each subfield's topic names (counted twice) and descriptions,
    as a sparse matrix (``data``, ``indices``, ``indptr``), with the subfields, their
    fields and the phrase keys, each a newline-joined string."""
    counts: dict[str, Counter] = defaultdict(Counter)
    field_of: dict[str, str] = {}
    for line in lines:
        subfield, field, name, description = line.split("\t")
        field_of[subfield] = field
        for k in phrases_of(name):
            counts[subfield][k] += 2
        for k in phrases_of(description):
            counts[subfield][k] += 1
    names = sorted(counts)
    keys = sorted({k for c in counts.values() for k in c})
    column = {k: n for n, k in enumerate(keys)}
    rows, cols, values = [], [], []
    for r, name in enumerate(names):
        for k in sorted(counts[name]):
            rows.append(r)
            cols.append(column[k])
            values.append(counts[name][k])
    m = sp.csr_matrix((np.array(values, dtype=np.int32), (rows, cols)), shape=(len(names), len(keys)))
    return {"data": m.data.astype(np.int32), "indices": m.indices.astype(np.int32), "indptr": m.indptr.astype(np.int32),
            "subfields": np.array("\n".join(names)), "fields": np.array("\n".join(field_of[n] for n in names)),
            "keys": np.array("\n".join(" ".join(k) for k in keys))}


@lru_cache(maxsize=1)
def _breadths() -> dict[tuple[str, ...], int]:
    """Each phrase key of ``COUNTS`` and the number of subfields whose topics use it."""
    with np.load(COUNTS) as z:
        keys = [tuple(k.split(" ")) for k in str(z["keys"]).split("\n")]
        used = np.bincount(z["indices"], minlength=len(keys))
    return {k: int(n) for k, n in zip(keys, used)}


def breadth(key: tuple[str, ...]) -> int:
    """How many of the 244 research subfields use a phrase (``phrases`` key) in their topics'
    names and descriptions: a word of research writing in many fields ("optimization" 43,
    "imaging" 50, "gender" 44, "devices" 26) or a term of a few ("entanglement" 5,
    "microsatellite" 3, "heteroplasmy" 0)."""
    return _breadths().get(key, 0)


@lru_cache(maxsize=1)
def _spaces() -> tuple[_Space, _Space, dict[str, str], dict[tuple[str, ...], int]]:
    """The subfields' and fields' vectors, each subfield's field and each phrase's column."""
    with np.load(COUNTS) as z:
        subfields, fields = str(z["subfields"]).split("\n"), str(z["fields"]).split("\n")
        keys = [tuple(k.split(" ")) for k in str(z["keys"]).split("\n")]
        counts = sp.csr_matrix((z["data"], z["indices"], z["indptr"]), shape=(len(subfields), len(keys)))
    names = sorted(set(fields))
    of_field = sp.csr_matrix((np.ones(len(fields)), ([names.index(f) for f in fields], range(len(fields)))),
                             shape=(len(names), len(fields)))
    return (_space(tuple(subfields), counts.astype(np.float64)), _space(tuple(names), of_field @ counts),
            dict(zip(subfields, fields)), {k: n for n, k in enumerate(keys)})


def _space(names: tuple[str, ...], counts: sp.csr_matrix) -> _Space:
    """(1 + log tf) × idf over the rows, each row of unit length."""
    counts = counts.tocsr()
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    idf = np.log(len(names) / np.maximum(df, 1))
    m = counts.copy()
    m.data = (1 + np.log(m.data)) * idf[m.indices]
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    return _Space(names, sp.csr_matrix(sp.diags(1 / np.where(norms > 0, norms, 1)) @ m), idf)


def _ranked(space: _Space, profile: np.ndarray) -> list[tuple[float, str]]:
    """(cosine, name) of every subfield or field to ``profile`` (a weight per phrase column),
    best first (ties: by name)."""
    v = profile * space.idf
    scores = space.matrix @ (v / (float(np.linalg.norm(v)) or 1.0))
    return sorted(((round(float(x), 9), name) for x, name in zip(scores, space.names)), key=lambda s: (-s[0], s[1]))


def match(profile: dict[tuple[str, ...], float]) -> Match | None:
    """The field a topic's ``profile`` (phrase key → weight) matches, if any (clearly, or
    only likely: ``Match.clear``), or within it the subfield it matches as clearly."""
    subfields, fields, field_of, column = _spaces()
    weights = np.zeros(len(column))
    for k, w in profile.items():
        if (n := column.get(k)) is not None:
            weights[n] = w
    (f1, field), (f2, _) = _ranked(fields, weights)[:2]
    if f1 < LIKELY_COS or f1 < FIELD_AHEAD * f2:
        return None
    (s1, best), (s2, _) = _ranked(subfields, weights)[:2]
    clear = f1 >= FIELD_COS
    narrower = best if field_of[best] == field and s1 >= NARROWER_AHEAD * s2 and s1 >= NARROWER_OVER * f1 else None
    if clear and s1 >= SUBFIELD_COS and s1 >= SUBFIELD_AHEAD * s2 and field_of[best] == field:
        return Match(best, field, True, s1, narrower=best)
    return Match(field, field, False, f1, clear, narrower)


def field_names(matches: list[Match | None]) -> list[str | None]:
    """The vocabulary name each topic takes: none unless the collection spans fields
    (``FIELDS_SPANNED`` distinct fields clearly matched, by ``FIELDS_SHARE`` of its topics);
    then each matched topic's subfield or field, in sentence case. A name two topics would
    take goes to the one matching it better; topics of one field named by the field (or by
    a name sharing a word with another topic's subfield of it: "Physics and astronomy"
    beside "Astronomy and astrophysics") say how they differ by their ``narrower``
    subfields, and the field's name is left to the best matching of the others."""
    clear = [m for m in matches if m is not None and m.clear]
    if len({m.field for m in clear}) < FIELDS_SPANNED or len(clear) < FIELDS_SHARE * len(matches):
        return [None] * len(matches)
    order = sorted((t for t, m in enumerate(matches) if m is not None), key=lambda t: (-matches[t].cosine, t))
    names: dict[int, str] = {}
    for t in order:  # subfields first: the clearest names
        if matches[t].subfield and matches[t].name not in names.values():
            names[t] = matches[t].name
    for field in sorted({matches[t].field for t in order}):
        mine = [t for t in order if t not in names and matches[t].field == field]
        blocked = any(_share_word(field, names[t]) for t in names if matches[t].field == field)
        if len(mine) > 1 or blocked:
            for t in mine:
                if matches[t].narrower and matches[t].narrower not in names.values():
                    names[t] = matches[t].narrower
            mine = [t for t in mine if t not in names]
            blocked = any(_share_word(field, names[t]) for t in names if matches[t].field == field)
        if mine and not blocked:
            names[mine[0]] = field
    return [sentence_case(names[t]) if t in names else None for t in range(len(matches))]


def _share_word(a: str, b: str) -> bool:
    small = {"and", "of", "the", ","}
    return bool({w.strip(",").lower() for w in a.split()} & {w.strip(",").lower() for w in b.split()} - small)


def sentence_case(name: str) -> str:
    """"Astronomy and Astrophysics" → "Astronomy and astrophysics" (acronyms kept)."""
    words = name.split(" ")
    return " ".join([words[0]] + [w if sum(c.isupper() for c in w) > 1 else w.lower() for w in words[1:]])
