"""Known-item queries drawn from a catalog (``papers.json``) by rule, for judging search.

``known_item_queries(catalog, seed, n)`` returns, per kind, ``n`` (query, paper
url, rank needed) triples, each from a paper chosen at random (``seed``):

- ``exact``: the whole title, as typed by a reader (lower case) → first;
- ``partial``: a run of about 60 % of the title's words (at least 3) → top 3;
- ``variant``: the title's rarest hyphenated or inner-capital word spelled
  the other way ("PC-DARTS" → "pcdarts", "PirateNets" → "pirate nets"), alone;
  for titles without one, the rarest word's plural made singular (or the
  reverse) with the title's two rarest other words → top 3;
- ``typo``: the title's rarest word of 6+ letters with one edit (a letter
  dropped, doubled, swapped with its neighbour, or replaced by its
  keyboard neighbour), alone → top 5.

Titles that are inferred, or that another paper shares, are skipped.
"""
from __future__ import annotations

import random
import re
from collections import Counter

WORD = re.compile(r"[^\W_]+(?:[-‐][^\W_]+)*")
KEYBOARD = {c: n for row in ("qwertyuiop", "asdfghjkl", "zxcvbnm") for c, n in zip(row, row[1:] + row[-2])}
STOP = frozenset("a an and are as at be by can for from has have in into is it its of on or our that the their "
                 "these this to we which with".split())
RANK = {"exact": 1, "partial": 3, "variant": 3, "typo": 5}


def _words(title: str) -> list[str]:
    return WORD.findall(title)


def _rarest(words: list[str], df: Counter, min_len: int) -> str | None:
    usable = [w for w in words if len(w) >= min_len and w.isalpha()]
    return min(usable, key=lambda w: (df[w.lower()], -len(w), w)) if usable else None


def _variant(word: str) -> str | None:
    if "-" in word:
        return word.replace("-", "") if len(word) < 12 else word.replace("-", " ")
    parts = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", word)
    if parts != word:
        return parts
    if len(word) > 4 and word.isalpha():
        if word.endswith("s") and not word.endswith(("ss", "us", "is")):
            return word[:-1]
        if not word.lower().endswith(("ly", "al", "ic", "ed", "ive", "ous", "ss", "y", "s", "ing", "ful", "less")):
            return word + "s"
    return None


def _typo(word: str, rng: random.Random, start: int = 2, shortest: int = 0) -> str:
    """``word`` with one edit at a place from ``start`` on; a letter is dropped only while
    the word keeps ``shortest`` letters (else it is replaced by its keyboard neighbour)."""
    w = word.lower()
    i = rng.randrange(start, len(w) - 1)
    kind = rng.choice(["drop", "double", "swap", "key"])
    if kind == "drop" and len(w) > shortest:
        return w[:i] + w[i + 1:]
    if kind == "double":
        return w[:i] + w[i] + w[i:]
    if kind == "swap" and w[i] != w[i + 1]:
        return w[:i] + w[i + 1] + w[i] + w[i + 2:]
    return w[:i] + KEYBOARD.get(w[i], "e") + w[i + 1:]


def draw(pool: list[dict], seed: int, n: int, make) -> dict[str, list[tuple[str, str, int]]]:
    """Per kind, ``n`` (query, paper url, rank needed) from papers of ``pool`` in a seeded random
    order: ``make(kind, paper, rng)`` gives the query or None (the paper is passed over)."""
    rng = random.Random(seed)
    out: dict[str, list[tuple[str, str, int]]] = {k: [] for k in RANK}
    for kind in RANK:
        for p in rng.sample(pool, len(pool)):
            if len(out[kind]) == n:
                break
            query = make(kind, p, rng)
            if query:
                out[kind].append((query, p["url"], RANK[kind]))
    return out


def known_item_queries(catalog: list[dict], seed: int = 13, n: int = 60) -> dict[str, list[tuple[str, str, int]]]:
    titles = Counter(p["title"].casefold() for p in catalog)
    pool = [p for p in catalog if not p["title_inferred"] and titles[p["title"].casefold()] == 1
            and len(_words(p["title"])) >= 3]
    df = Counter(w.lower() for p in catalog for w in set(_words(p["title"])))
    return draw(pool, seed, n, lambda kind, p, rng: _query(kind, p, rng, df))


def _query(kind: str, p: dict, rng: random.Random, df: Counter) -> str | None:
    words = _words(p["title"])
    query = None
    if kind == "exact":
        query = p["title"].lower()
    elif kind == "partial" and len(words) >= 4:
        size = max(3, round(len(words) * 0.6))
        start = rng.randrange(0, len(words) - size + 1)
        query = " ".join(words[start:start + size]).lower()
    elif kind == "variant":
        shaped = [w for w in words if "-" in w or re.search(r"[a-z][A-Z]", w)]
        word = _rarest(shaped, df, 2) or _rarest([w for w in words if _variant(w)], df, 5)
        others = sorted((w for w in words if w != word and w.lower() not in STOP and len(w) > 2),
                        key=lambda w: (df[w.lower()], w))[:0 if shaped and word in shaped else 2]
        if word:
            query = " ".join(_variant(w) if w == word else w for w in words if w == word or w in others).lower()
    elif kind == "typo":
        word = _rarest(words, df, 6)
        if word and df[word.lower()] <= 5:
            query = _typo(word, rng)
    return query
