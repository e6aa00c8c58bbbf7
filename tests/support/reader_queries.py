"""A second known-item query set, built unlike ``queries.py``: queries as readers
write them rather than as a rule cuts them from a title.

``reader_queries(catalog, seed, n)`` returns, per kind, ``n`` (query, paper url,
rank needed) triples from papers chosen at random (``seed``):

- ``exact``: the title as pasted, capitals and punctuation kept → first;
- ``partial``: the title's first 3–5 words with the last one still being typed
  (cut to its first 4–6 letters), or a run of 3–4 words from the middle of
  the title holding its rarest word of 5+ letters → top 3;
- ``variant``: 3–5 words of the title with one written another way: British
  ↔ American spelling ("optimisation" ↔ "optimization", "modelling" ↔
  "modeling"), a hyphenated word split or joined ("self-supervised" → "self
  supervised"), singular ↔ plural, all in capitals → top 3;
- ``typo``: 2–3 words of the title, its rarest word of 5+ letters with one
  edit anywhere in it — its first two letters too — (a letter dropped,
  doubled, replaced by a keyboard neighbour, or two neighbours swapped; still
  5 letters or more, as search corrects no shorter word) → top 5.

Titles that are inferred, or that another paper shares, are skipped; so are
queries that are another paper's title word for word.
"""
from __future__ import annotations

import random
from collections import Counter

from .queries import WORD, _typo, draw

STOP = frozenset("a an and are as at be by can for from has have in into is it its of on or our that the their "
                 "these this to we which with via".split())
#: British → American endings, and those written either way.
SPELLINGS = [("isation", "ization"), ("ising", "izing"), ("ised", "ized"), ("iser", "izer"), ("ise", "ize"),
             ("yse", "yze"), ("elling", "eling"), ("elled", "eled")]
ONE_WAY = [("our", "or"), ("tre", "ter")]
#: Nouns readers write in the singular or the plural either way.
NOUNS = ("network", "model", "graph", "image", "layer", "transformer", "embedding", "representation", "field",
         "feature", "tree", "point", "agent", "system", "method", "task", "machine", "kernel", "game", "policy",
         "operator", "equation", "language", "video", "attack", "classifier", "generator", "encoder", "map")


def _respelt(word: str) -> str | None:
    w = word.lower()
    for (uk, us), both in [(pair, True) for pair in SPELLINGS] + [(pair, False) for pair in ONE_WAY]:
        for a, b in ((uk, us), (us, uk)) if both else ((uk, us),):
            if w.endswith(a) and len(w) - len(a) >= 4:
                return w[:-len(a)] + b
    return None


def _number(word: str) -> str | None:
    w = word.lower()
    if len(w) < 5 or not w.isalpha():
        return None
    if w.endswith("s") and w[:-1].endswith(NOUNS):
        return w[:-1]
    if w.endswith(NOUNS):
        return w + "s"
    return None


def _variant(words: list[str], rng: random.Random) -> list[str] | None:
    """The words with one written another way (the first kind of change that applies)."""
    for i, w in enumerate(words):
        if "-" in w and len(w.replace("-", "")) >= 5:
            return words[:i] + [w.replace("-", " " if rng.random() < 0.5 else "")] + words[i + 1:]
    for change in (_respelt, _number):
        for i, w in enumerate(words):
            if (v := change(w)) and w.lower() not in STOP:
                return words[:i] + [v] + words[i + 1:]
    return None


def _run(words: list[str], size: int, rng: random.Random, rare: str | None = None) -> list[str]:
    """``size`` consecutive words that do not begin or end with a stop word (as a reader recalls a
    phrase), holding the word ``rare`` when one is given (what a reader remembers of a title)."""
    starts = [s for s in range(len(words) - size + 1)
              if words[s].lower() not in STOP and words[s + size - 1].lower() not in STOP
              and (rare is None or rare in words[s:s + size])]
    s = rng.choice(starts) if starts else 0
    return words[s:s + size]


def _query(kind: str, p: dict, rng: random.Random, df: Counter) -> str | None:
    words = WORD.findall(p["title"])
    usable = [w for w in words if len(w) >= 5 and w.isalpha()]
    rare = min(usable, key=lambda w: (df[w.lower()], -len(w), w)) if usable else None
    if kind == "exact":
        return " ".join(p["title"].split())
    if kind == "partial" and len(words) >= 5:
        if rng.random() < 0.5:
            head = words[:rng.randint(3, min(5, len(words) - 1))]
            last = head[-1]
            if len(last) >= 6:
                head[-1] = last[:rng.randint(4, min(6, len(last) - 1))]
            return " ".join(head).lower()
        return " ".join(_run(words, rng.randint(3, 4), rng, rare)).lower()
    if kind == "variant" and len(words) >= 3:
        changed = _variant(_run(words, min(len(words), rng.randint(3, 5)), rng), rng)
        if changed and rng.random() < 0.15:
            return " ".join(changed).upper()
        return " ".join(changed).lower() if changed else None
    if kind == "typo" and len(words) >= 3 and rare:
        run = _run(words, rng.randint(2, 3), rng, rare)
        return " ".join(_typo(w, rng, start=0, shortest=5) if w == rare else w.lower() for w in run)
    return None


def reader_queries(catalog: list[dict], seed: int = 5, n: int = 40) -> dict[str, list[tuple[str, str, int]]]:
    titles = Counter(" ".join(WORD.findall(p["title"].casefold())) for p in catalog)
    pool = [p for p in catalog if not p["title_inferred"] and titles[" ".join(WORD.findall(p["title"].casefold()))] == 1
            and len(WORD.findall(p["title"])) >= 3]
    df = Counter(w.lower() for p in catalog for w in set(WORD.findall(p["title"])))

    def make(kind: str, p: dict, rng: random.Random) -> str | None:
        query = _query(kind, p, rng, df)
        content = [w for w in WORD.findall(query.casefold()) if w not in STOP] if query else []
        if query and (kind == "exact" or (len(content) >= 2 and not titles[" ".join(WORD.findall(query.casefold()))])):
            return query
        return None
    return draw(pool, seed, n, make)
