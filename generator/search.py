"""A chunked search index written from the records, for the hosted site.

Material's search plugin puts every page into one ``search_index.json`` that a
reader's browser downloads before the first result (18.7 MB at 10,000 papers).
This index is split so a query downloads only what it needs:

- ``search-index/manifest.json``: counts, chunk size, which term prefixes are split;
- ``search-index/t/<hex of prefix>.json``: the postings of every term with that
  2-character (or, for large prefixes, 3-character) prefix: ``{term: [doc
  deltas, scores]}``, scores being BM25 with title words counted three times;
- ``search-index/d/<n>.json``: ``[url, title, topic, snippet]`` of 100 papers.

The browser side is ``docs/assets/search.js``; it tokenises queries exactly as
``terms`` does here. Same records, same bytes.
"""
from __future__ import annotations

import json
import math
from collections import Counter, defaultdict

from . import paths, progress
from .models import Collection
from .normalise import search_tokens, stem
from .pages import page_url

FOLDER = paths.SEARCH_INDEX
CHUNK = 100
SPLIT_BYTES = 48_000
TITLE_WEIGHT = 3
K1, B = 1.2, 0.75
SNIPPET_WORDS = 30
STOPWORDS = frozenset(
    "a an and are as at be by can for from has have in into is it its of on or our that the their "
    "these this to we which with".split()
)


def terms(text: str) -> list[str]:
    """Search terms of a text: its search tokens (accents dropped, lowercase), plural → singular, stop-words out."""
    return [stem(t) for t in search_tokens(text) if t not in STOPWORDS]


def shard_key(term: str, split: set[str]) -> str:
    key = term[:2]
    if key in split:
        return term[:3] if len(term) >= 3 else key + "_"
    return key


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def build(collection: Collection, directory_urls: bool = True) -> dict[str, str]:
    """Every file of the index, keyed by its path under docs/."""
    topics = {t.slug: t.name for t in collection.taxonomy.topics}
    papers = collection.papers  # sorted by id: doc numbers are stable for a given set
    postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
    lengths = []
    counts = []
    for doc, p in enumerate(progress.track(papers, len(papers), "indexing for search")):
        tf: Counter = Counter(terms(p.abstract))
        tf.update(terms(" ".join((*p.authors, *(collection.tag_names[t] for t in p.tags)))))
        for t in terms(p.title):
            tf[t] += TITLE_WEIGHT
        counts.append(tf)
        lengths.append(sum(tf.values()))
    n = len(papers)
    avg = (sum(lengths) / n) if n else 1.0
    df: Counter = Counter()
    for tf in counts:
        df.update(tf.keys())
    idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}
    k1 = K1 + 1
    for doc, tf in enumerate(counts):
        norm = K1 * (1 - B + B * lengths[doc] / avg)
        for term, f in tf.items():
            score = int(100 * idf[term] * f * k1 / (f + norm) + 0.5)
            postings[term].append((doc, score or 1))

    # Shard by prefix; split the prefixes whose shard would be large.
    size_by_key: Counter = Counter()
    for term, plist in postings.items():
        size_by_key[term[:2]] += len(term) + 8 * len(plist)
    split = {k for k, size in size_by_key.items() if size > SPLIT_BYTES}
    shards: dict[str, dict] = defaultdict(dict)
    for term in sorted(postings):
        plist = postings[term]
        deltas, scores, last = [], [], 0
        for doc, score in plist:
            deltas.append(doc - last)
            scores.append(score)
            last = doc
        shards[shard_key(term, split)][term] = [deltas, scores]
    files = {f"{FOLDER}/t/{key.encode().hex()}.json": _dumps(shard) for key, shard in shards.items()}
    for start in range(0, n, CHUNK):
        rows = []
        for p in papers[start:start + CHUNK]:
            words = p.abstract.split()
            snippet = " ".join(words[:SNIPPET_WORDS]) + (" …" if len(words) > SNIPPET_WORDS else "")
            rows.append([page_url(paths.paper(p.id), directory_urls), p.title, topics[p.topic], snippet])
        files[f"{FOLDER}/d/{start // CHUNK}.json"] = _dumps(rows)
    files[f"{FOLDER}/manifest.json"] = _dumps({
        "version": 1, "docs": n, "chunk": CHUNK, "split": sorted(split),
        "stopwords": sorted(STOPWORDS), "title_weight": TITLE_WEIGHT,
    })
    return files
