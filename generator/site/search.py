"""A chunked search index written from the records, for the hosted site.

Material's search plugin puts every page into one ``search_index.json`` that a
reader's browser downloads before the first result (18.7 MB at 10,000 papers).
This index is split so a query downloads only what it needs:

- ``manifest.json``: counts, chunk sizes, which prefixes are split, facet names
  of topics and years;
- ``t/<hex of prefix>.json``: the postings of every term with that prefix,
  packed (``pack``): ``{term: [lowest score, highest score, docs, title hits]}``,
  *docs* a string of doc deltas (varints of 5 bits a character) each with its
  score level (one character, log-spaced between lowest and highest); scores
  are BM25 with title words counted three times and authors twice; *title
  hits* is doc delta, title length and the term's place in the title for the
  papers with the term in their title (a query that covers most of a title, or
  follows its words in order, ranks that paper first). A term in very many
  papers (longer than ``DENSE_BYTES`` and than three bitsets of the collection)
  is ``["b", score, title score, papers, title papers]`` instead (``dense``):
  bitsets of 6 papers a character, the median score without and with the term
  in the title; title lengths for those are in ``l/<n>.json`` (one character a
  paper). A prefix is 2 characters, or longer where its shard would be large.
  Facet values are terms too (``~t<topic>``, ``~g<tag>``, ``~y<year>``,
  ``~a<author>``, ``~v<venue>``): a filter is one more term every result must have;
- ``v/<hex of key>.json``: the words (no postings) for typo tolerance, most
  frequent first. Each word is filed under three 2-letter keys: its first two
  letters, its first and third, its second and third; so a query word with a
  typo anywhere but in two of its first three letters finds it in one of
  its own three keys (``v/<hex>-<length>.json`` where a key is large);
- ``i/<hex of last 2 characters>.json``: arXiv id / DOI → doc;
- ``d/<n>.json``: ``[url, title, topic, snippet, authors, year, venue]`` of 10 papers;
- ``x/<n>.json``: facet values of 100 papers, for the results page's counts, as
  five strings (``_facet_columns``); their names are in ``n/<kind>-<n>.json``
  (250 a file, most used first).

Words are cut at hyphens, digits and inner capitals, and also kept joined
("PC-DARTS" → pc, dart, pcdart; "PirateNets" → pirate, net, piratenet), so
either spelling of a query finds them. The browser side is
``docs/assets/search.js``; it tokenises queries exactly as ``terms`` does here.
Same records, same bytes.
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict

from generator import paths
from generator.model.collection import Collection
from generator.model.papers import Paper
from generator.runtime import progress
from generator.runtime.cache import NO_CACHE, Cache, digest
from generator.site import browse
from generator.site.pages import page_url
from generator.text.normalise import stem
from generator.text.tokens import SEARCH_WORD, search_tokens
from generator.text.words import SEARCH_STOP_WORDS

FOLDER = paths.SEARCH_INDEX
CHUNK = 10
FACET_CHUNK = 100
NAME_CHUNK = 250
SPLIT_BYTES = 48_000
#: A term's postings longer than this (and than three bitsets of the collection) are stored ``dense``.
DENSE_BYTES = 24_000
#: Title lengths (``l/<n>.json``, one character a paper) of this many papers a file.
LENGTH_CHUNK = 5000
VOCAB_SPLIT_BYTES = 24_000
TITLE_WEIGHT = 3
AUTHOR_WEIGHT = 2
K1, B = 1.2, 0.75
SNIPPET_WORDS = 30
#: Words shorter than this are not offered for typo matching (queries need 5 letters).
FUZZY_MIN = 3
#: Inner boundaries of a word: lower→upper ("PirateNets"), UPPER→Upper ("BERTScore"), letter↔digit.
_INNER = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")
#: A run of words joined by hyphens (or other dashes, dots, slashes, apostrophes) without spaces.
_COMPOUND = re.compile(r"[^\s\-‐‑–—/.'’]+(?:[\-‐‑–—/.'’][^\s\-‐‑–—/.'’]+)+|[^\s\-‐‑–—/.'’]+")

#: Words with more to index than their plain parts: joined by a hyphen (dash, slash, dot,
#: apostrophe), or with an inner capital or a letter next to a digit.
_SHAPED = re.compile(r"[^\W_][\-‐‑–—/.'’][^\W_]|[a-z][A-Z]|[A-Z][A-Z][a-z]|[^\W\d_]\d|\d[^\W\d_]")

def _stemmed(words) -> list[str]:
    return [stem(t) for t in words if t not in SEARCH_STOP_WORDS]


def terms(text: str) -> list[str]:
    """Search terms of a query: its words (``tokens.search_tokens``), plurals → singular, stop-words out."""
    return _stemmed(search_tokens(text))


def index_terms(text: str) -> list[str]:
    """Terms a text is indexed under: ``terms``, plus the parts of words with inner
    capitals or digits and the joined form of hyphenated words."""
    out = terms(text)
    seen = set(out)
    for found in text.split():
        if not _SHAPED.search(found):
            continue
        for group in _COMPOUND.findall(found):
            pieces = search_tokens(group)
            extra = search_tokens(_INNER.sub(" ", " ".join(SEARCH_WORD.findall(group))))
            if len(pieces) > 1:
                extra.append("".join(pieces))
            for t in _stemmed(extra):
                if t not in seen:
                    seen.add(t)
                    out.append(t)
    return out


def shard_key(term: str, split: set[str]) -> str:
    """The shard of ``term``: its 2-letter prefix, one letter longer while that prefix is split."""
    n = 2
    while term[:n] in split:
        if len(term) <= n:
            return term[:n] + "_"
        n += 1
    return term[:n]


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _hex(key: str) -> str:
    return key.encode().hex()


def _doc_terms(p: Paper, facets: list[str]) -> tuple[Counter, tuple[set[str], int]]:
    tf: Counter = Counter(index_terms(p.abstract))
    tf.update(index_terms(" ".join(filter(None, (p.venue, p.year)))))
    for t in index_terms(" ".join(p.authors)):
        tf[t] += AUTHOR_WEIGHT
    title = index_terms(p.title)
    for t in title:
        tf[t] += TITLE_WEIGHT
    for f in facets:
        tf[f] = 1
    return tf, (title_positions(p.title), len(set(terms(p.title))))


def _all_doc_terms(papers: tuple[Paper, ...], facet_terms: list[list[str]], cache: Cache):
    """Each paper's ``_doc_terms`` (term counts; title terms), those of an unchanged paper from ``cache``."""
    memo = cache.memo("search-terms")
    counts, titles = [], []
    for doc, p in enumerate(progress.track(papers, len(papers), "indexing for search")):
        key = memo.enabled and digest(repr((p.title, p.abstract, p.venue, p.year, p.authors, facet_terms[doc])))
        tf, title = memo.get(key, lambda: _doc_terms(p, facet_terms[doc]))
        counts.append(tf)
        titles.append(title)
    memo.save()
    return counts, titles


def title_positions(title: str) -> dict[str, int]:
    """Each term of a title → the place of its word among the title's words (``search_tokens``,
    stop-words counted), so that a query whose words come in the title's order ranks first."""
    out: dict[str, int] = {}
    at = 0
    for word in title.split():
        for t in index_terms(word):
            out.setdefault(t, at)
        at += len(search_tokens(word))
    return out


def _postings(counts: list[Counter], titles: list[tuple[dict[str, int], int]]) -> tuple[dict[str, list], Counter]:
    """term → its packed postings (``pack``, or ``dense`` for the most common terms; see the
    module docstring), and term → papers. A title hit gives the title's length in plain terms
    and the term's place in the title."""
    n = len(counts)
    lengths = [sum(tf.values()) for tf in counts]
    avg = (sum(lengths) / n) if n else 1.0
    df: Counter = Counter()
    for tf in counts:
        df.update(tf.keys())
    idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}
    out: dict[str, list] = {}
    last: dict[str, int] = {}
    last_title: dict[str, int] = {}
    for doc, tf in enumerate(counts):
        norm = K1 * (1 - B + B * lengths[doc] / avg)
        title, title_length = titles[doc]
        for term, f in tf.items():
            entry = out.get(term)
            if entry is None:
                entry = out[term] = [[], [], []]
                last[term] = last_title[term] = 0
            entry[0].append(doc - last[term])
            last[term] = doc
            entry[1].append(1 if term[0] == "~" else (int(100 * idf[term] * f * (K1 + 1) / (f + norm) + 0.5) or 1))
            if term in title:
                entry[2] += (doc - last_title[term], title_length, title[term])
                last_title[term] = doc
    dense_at = max(DENSE_BYTES, 3 * _bitset_length(n))
    packed = {}
    for term, entry in out.items():
        packed[term] = pack(*entry)
        if len(packed[term][2]) + len(packed[term][3]) > dense_at:
            packed[term] = dense(*entry)
    return packed, df


#: The 64 characters of the packed postings, each one 6 bits (JSON needs no escape for any).
DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
#: Score levels of a packed posting (one character): log-spaced between the term's lowest and highest.
LEVELS = 63


def _varint(n: int) -> str:
    """n ≥ 0 in characters of 5 bits each, low bits first; 32 in a character means "more follows"."""
    if n < len(_SMALL):
        return _SMALL[n]
    return _varint_of(n)


def _varint_of(n: int) -> str:
    out = []
    while True:
        low, n = n & 31, n >> 5
        out.append(DIGITS[low | (32 if n else 0)])
        if not n:
            return "".join(out)


_SMALL = [_varint_of(n) for n in range(4096)]


def _varints(text: str):
    value = shift = 0
    for c in text:
        d = DIGITS.index(c)
        value |= (d & 31) << shift
        shift += 5
        if d < 32:
            yield value
            value = shift = 0


def pack(deltas: list[int], scores: list[int], hits: list[int]) -> list:
    """One term's postings as ``[lowest score, highest score, docs, title hits]``: *docs* is each
    doc delta as a varint followed (when the scores differ) by its score level in one character,
    log-spaced from lowest to highest; *title hits* is doc delta, title length and the term's
    place in the title (``title_positions``), as varints."""
    lo, hi = min(scores), max(scores)
    ratio = math.log(hi / lo) if hi > lo else 0.0
    if ratio:
        scale, log_lo = LEVELS / ratio, math.log(lo)
        body = "".join(_varint(d) + DIGITS[round(scale * (math.log(sc) - log_lo))] for d, sc in zip(deltas, scores))
    else:
        body = "".join(map(_varint, deltas))
    return [lo, hi, body, "".join(map(_varint, hits))]


def unpack(entry: list) -> tuple[list[int], list[float], list[int]]:
    """``pack`` (or ``dense``) undone: (doc numbers, scores, [doc, title length, place, …]), as
    search.js reads them; a dense entry's title lengths are 0 (they are in ``l/``), its places -1."""
    if entry[0] == "b":
        docs, in_title = _from_bitset(entry[3]), _from_bitset(entry[4])
        return docs, [float(entry[2] if d in in_title else entry[1]) for d in docs], \
            [x for d in in_title for x in (d, 0, -1)]
    lo, hi, body, titles = entry
    docs, scores, doc, i = [], [], 0, 0
    values = list(_varints(body)) if lo == hi else None
    while values is None and i < len(body):
        j = i
        while DIGITS.index(body[j]) >= 32:
            j += 1
        doc += next(_varints(body[i:j + 1]))
        docs.append(doc)
        scores.append(lo * (hi / lo) ** (DIGITS.index(body[j + 1]) / LEVELS))
        i = j + 2
    for d in values or ():
        doc += d
        docs.append(doc)
        scores.append(float(lo))
    hits, doc = list(_varints(titles)), 0
    for k in range(0, len(hits), 3):
        doc += hits[k]
        hits[k] = doc
    return docs, scores, hits


def _bitset_length(n: int) -> int:
    return (n + 5) // 6


def _bitset(docs) -> str:
    """Docs as a string of DIGITS, 6 docs a character (doc 6k + i is bit i of character k)."""
    bits: dict[int, int] = defaultdict(int)
    for d in docs:
        bits[d // 6] |= 1 << (d % 6)
    return "".join(DIGITS[bits.get(k, 0)] for k in range(max(bits) + 1)) if bits else ""


def dense(deltas: list[int], scores: list[int], hits: list[int]) -> list:
    """The postings of a term in very many papers, smaller: ``["b", score, title score, papers,
    title papers]``, the papers as bitsets (``_bitset``) and two scores, the median of the papers
    without the term in their title and of those with it. Title lengths are in ``l/``."""
    docs, doc = [], 0
    for d in deltas:
        doc += d
        docs.append(doc)
    in_title, doc = set(), 0
    for d in hits[0::3]:
        doc += d
        in_title.add(doc)
    body = sorted(sc for d, sc in zip(docs, scores) if d not in in_title)
    title = sorted(sc for d, sc in zip(docs, scores) if d in in_title)
    body_score = body[len(body) // 2] if body else title[len(title) // 2]
    return ["b", body_score, title[len(title) // 2] if title else body_score, _bitset(docs), _bitset(sorted(in_title))]


def _from_bitset(text: str) -> list[int]:
    return [6 * k + i for k, c in enumerate(text) for i in range(6) if DIGITS.index(c) >> i & 1]


def _split_prefixes(postings: dict[str, list]) -> set[str]:
    """Prefixes whose shard would be larger than SPLIT_BYTES: their terms go one letter deeper."""
    split: set[str] = set()
    while True:
        size: Counter = Counter()
        for term, entry in postings.items():
            size[shard_key(term, split)] += len(term) + len(entry[-2]) + len(entry[-1]) + 16
        more = {k for k, s in size.items() if s > SPLIT_BYTES and not k.endswith("_")}
        if not more:
            return split
        split |= more


def vocab_keys(word: str) -> set[str]:
    """The three keys a word is filed under for typo tolerance (see the module docstring)."""
    return {word[:2], word[0] + word[2], word[1:3]}


def _vocab_files(df: Counter) -> tuple[dict[str, str], list[str]]:
    words = sorted((t for t in df if t[0] != "~" and t.isalpha() and len(t) >= FUZZY_MIN),
                   key=lambda t: (-df[t], t))
    by_key: dict[str, list[str]] = defaultdict(list)
    for w in words:
        for k in sorted(vocab_keys(w)):
            by_key[k].append(w)
    files: dict[str, str] = {}
    split = []
    for key, found in sorted(by_key.items()):
        if sum(len(w) + 3 for w in found) <= VOCAB_SPLIT_BYTES:
            files[f"{FOLDER}/v/{_hex(key)}.json"] = _dumps(found)
            continue
        split.append(key)
        by_len: dict[int, list[str]] = defaultdict(list)
        for w in found:
            by_len[len(w)].append(w)
        for n, group in by_len.items():
            files[f"{FOLDER}/v/{_hex(key)}-{n}.json"] = _dumps(group)
    return files, split


def _present(names) -> str:
    """The keys of shard files (``…/<hex>.json``, ``…/<hex>-<length>.json``, or raw keys) as one string."""
    out = []
    for name in names:
        if name.endswith(".json"):
            stem = name.rsplit("/", 1)[1].removesuffix(".json")
            key, _, length = stem.partition("-")
            name = bytes.fromhex(key).decode() + (f"-{length}" if length else "")
        out.append(name)
    return " ".join(sorted(out))


def id_keys(p: Paper) -> list[str]:
    """Identifiers a query may paste to find the paper: arXiv id, DOI (lower case)."""
    return [v.lower() for v in (p.arxiv, p.doi) if v]


def _id_files(papers: tuple[Paper, ...]) -> dict[str, str]:
    shards: dict[str, dict[str, int]] = defaultdict(dict)
    for doc, p in enumerate(papers):
        for key in id_keys(p):
            if not any(c.isspace() for c in key):
                shards[key[-2:]].setdefault(key, doc)
    return {f"{FOLDER}/i/{_hex(k)}.json": _dumps(v) for k, v in shards.items()}


def _doc_files(collection: Collection, topics: dict[str, str], directory_urls: bool) -> dict[str, str]:
    papers = collection.papers
    files = {}
    for start in range(0, len(papers), CHUNK):
        rows = []
        for p in papers[start:start + CHUNK]:
            words = p.abstract.split()
            snippet = " ".join(words[:SNIPPET_WORDS]) + (" …" if len(words) > SNIPPET_WORDS else "")
            rows.append([page_url(paths.paper(p.id), directory_urls), p.title, topics[p.topic], snippet,
                         ", ".join(p.authors[:6]) + (" et al." if len(p.authors) > 6 else ""),
                         p.year or "", venue.name if (venue := collection.venues.of(p.id)) else ""])
        files[f"{FOLDER}/d/{start // CHUNK}.json"] = _dumps(rows)
    return files


def _fixed(n: int, width: int) -> str:
    """n in ``width`` characters of DIGITS, high first."""
    return "".join(DIGITS[(n >> (6 * i)) & 63] for i in reversed(range(width)))


def _width(count: int) -> int:
    return max(1, math.ceil(math.log(count + 1, 64))) if count else 1


def _facet_columns(rows: list[list], topics: int, venues: int, tags: int, authors: int) -> tuple[dict[str, str], dict]:
    """``x/<n>.json``: the facet values of FACET_CHUNK papers as five strings, one a column:
    topic, year − first year + 1, venue + 1 (0: none) in fixed widths; tags and authors as
    fixed-width numbers, each paper's ended by ".". The widths are in the manifest."""
    years = [r[1] for r in rows if r[1]]
    first = min(years, default=0)
    w = {"t": _width(topics), "y": _width(max(years, default=first) - first + 1), "v": _width(venues + 1),
         "g": _width(tags), "a": _width(authors)}
    files = {}
    for i in range(0, len(rows), FACET_CHUNK):
        chunk = rows[i:i + FACET_CHUNK]
        files[f"{FOLDER}/x/{i // FACET_CHUNK}.json"] = _dumps([
            "".join(_fixed(r[0], w["t"]) for r in chunk),
            "".join(_fixed(r[1] - first + 1 if r[1] else 0, w["y"]) for r in chunk),
            "".join(_fixed(r[2] + 1, w["v"]) for r in chunk),
            "".join("".join(_fixed(g, w["g"]) for g in r[3]) + "." for r in chunk),
            "".join("".join(_fixed(a, w["a"]) for a in r[4]) + "." for r in chunk)])
    return files, {"widths": w, "first_year": first}


def _names(kind: str, names: list[str]) -> dict[str, str]:
    return {f"{FOLDER}/n/{kind}-{i // NAME_CHUNK}.json": _dumps(names[i:i + NAME_CHUNK])
            for i in range(0, len(names), NAME_CHUNK)}


def _facets(collection: Collection) -> tuple[list[list[str]], dict[str, str], dict]:
    """Each paper's facet terms, the facet files (values and names), and the manifest's facet part."""
    papers = collection.papers
    topics = [t.slug for t in collection.taxonomy.topics]
    topic_no = {s: i for i, s in enumerate(topics)}

    def ranked(values):
        c = Counter(v for vs in values for v in vs)
        return sorted(c, key=lambda v: (-c[v], v))
    tags = ranked(p.tags for p in papers)
    tag_no = {t: i for i, t in enumerate(tags)}
    authors = ranked(browse.paper_authors(collection, p) for p in papers)
    author_no = {a: i for i, a in enumerate(authors)}
    venue_of = collection.venues.of_paper
    venues = ranked([venue_of[p.id]] if p.id in venue_of else [] for p in papers)
    venue_no = {v: i for i, v in enumerate(venues)}
    per_doc, rows = [], []
    for p in papers:
        a = [author_no[k] for k in browse.paper_authors(collection, p)]
        v = venue_no.get(venue_of.get(p.id), -1)
        g = [tag_no[t] for t in p.tags]
        rows.append([topic_no[p.topic], int(p.year) if p.year and p.year.isdigit() else 0, v, g, a])
        per_doc.append([f"~t{topic_no[p.topic]}", *(f"~g{i}" for i in g), *(f"~a{i}" for i in a)]
                       + ([f"~y{p.year}"] if rows[-1][1] else []) + ([f"~v{v}"] if v >= 0 else []))
    files, columns = _facet_columns(rows, len(topics), len(venues), len(tags), len(authors))
    files.update(_names("g", [collection.tag_names[t] for t in tags]))
    files.update(_names("a", [collection.people.by_slug(k).name for k in authors]))
    files.update(_names("v", [collection.venues.by_slug(k).name for k in venues]))
    names = {t.slug: t.name for t in collection.taxonomy.topics}
    meta = {"topics": [names[s] for s in topics], "facet_chunk": FACET_CHUNK, "name_chunk": NAME_CHUNK,
            "counts": {"g": len(tags), "a": len(authors), "v": len(venues)}, "columns": columns}
    return per_doc, files, meta


def build(collection: Collection, directory_urls: bool = True, cache: Cache | None = None) -> dict[str, str]:
    """Every file of the index, keyed by its path under docs/. With ``cache``, a paper's terms
    whose text and facets are those of the last build are not worked out again (same bytes)."""
    topics = {t.slug: t.name for t in collection.taxonomy.topics}
    papers = collection.papers  # sorted by id: doc numbers are stable for a given set
    facet_terms, files, facet_meta = _facets(collection)
    counts, titles = _all_doc_terms(papers, facet_terms, cache or NO_CACHE)
    postings, df = _postings(counts, titles)
    split = _split_prefixes(postings)
    shards: dict[str, dict] = defaultdict(dict)
    for term in sorted(postings):
        shards[shard_key(term, split)][term] = postings[term]
    files.update({f"{FOLDER}/t/{_hex(key)}.json": _dumps(shard) for key, shard in shards.items()})
    for start in range(0, len(papers), LENGTH_CHUNK):
        files[f"{FOLDER}/l/{start // LENGTH_CHUNK}.json"] = _dumps("".join(
            DIGITS[min(63, length)] for _, length in titles[start:start + LENGTH_CHUNK]))
    vocab, vocab_split = _vocab_files(df)
    files.update(vocab)
    ids = _id_files(papers)
    files.update(ids)
    # Which shards exist, so that a query never asks for one that does not (a 404 is an error in a console).
    present = {"t": _present(shards), "v": _present(vocab), "i": _present(ids)}
    files.update(_doc_files(collection, topics, directory_urls))
    files[f"{FOLDER}/manifest.json"] = _dumps({
        "version": 3, "docs": len(papers), "chunk": CHUNK, "split": sorted(split), "vsplit": vocab_split,
        "stopwords": sorted(SEARCH_STOP_WORDS), "title_weight": TITLE_WEIGHT, "present": present,
        "length_chunk": LENGTH_CHUNK, **facet_meta,
    })
    return files
