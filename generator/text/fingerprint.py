"""A short fingerprint of a text, for telling whether two texts are one paper's abstract.

The ledger of published ids (``permalinks.json``) keeps a fingerprint of each
paper's abstract instead of the abstract, so a later build can recognise a
paper whose title was edited or which came back from another format. It is a
b-bit MinHash (Li and König, 2010) of the text's set of word pairs (each
word with the next, after :func:`~generator.text.normalise.fold`), in ``SIZE``
bins of one hash function (one permutation hashing), of each bin only the
lowest 8 bits of its smallest value, and a byte for how many word pairs the
text has (up to 255): 33 bytes, written as 44 base64 characters.
:func:`similarity` estimates the Jaccard similarity of the two sets: about 1
for the same abstract (a typo fixed, LaTeX decoded otherwise), about 0.5 and
more for a revised one, near 0 for another paper's abstract, even in the same
field (pairs of words are far more telling than words). Texts of fewer than
``MIN_PAIRS`` word pairs are too short for an estimate ("We segment images,
study 9." and "…, study 0." share three pairs of four): only the same text is
the same.

Each distinct word is hashed once per call (blake2b, the same in every process:
no salted ``hash``); a pair's hash is made from its words' hashes with numpy
(10,000 abstracts: 1.3 s of CPU).
"""
from __future__ import annotations

import base64
import hashlib

import numpy as np

from generator.text.normalise import fold

#: Bins (a power of two); the fingerprint is these bytes and one byte of the text's length.
SIZE = 32
#: Word pairs a text needs for :func:`similarity` to say how alike it is to another.
MIN_PAIRS = 12
#: A b-bit value of two unrelated texts' bins is the same by chance this often.
_CHANCE = 1 / 256
#: Texts whose word pairs are hashed together (one numpy pass; bounded memory).
_CHUNK = 2000


def _word_hash(words: list[str]) -> np.ndarray:
    return np.array([int.from_bytes(hashlib.blake2b(w.encode(), digest_size=8).digest(), "little") for w in words],
                    dtype=np.uint64)


def _mix(h: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: every bit of the result depends on every bit of ``h``."""
    with np.errstate(over="ignore"):
        h = (h ^ (h >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        h = (h ^ (h >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return h ^ (h >> np.uint64(31))


def fingerprints(texts: list[str]) -> list[str]:
    """The fingerprint of each text ("" for a text with no word)."""
    split = [fold(t).split() for t in texts]
    vocabulary = sorted(set().union(*split)) if split else []
    if not vocabulary:
        return ["" for _ in texts]
    row = {w: i for i, w in enumerate(vocabulary)}
    word = _word_hash(vocabulary)
    out: list[str] = []
    for start in range(0, len(split), _CHUNK):
        out += _chunk([word[[row[w] for w in words]] for words in split[start:start + _CHUNK]])
    return out


def _chunk(hashes: list[np.ndarray]) -> list[str]:
    """Fingerprints of texts given as their words' hashes: one permutation hashing (Li, Owen
    and Zhang, 2012): each word pair's hash picks one of ``SIZE`` bins by its top bits and
    each bin keeps its smallest value; an empty bin takes the next full bin's value, shifted
    by the distance (densification by rotation, Shrivastava and Li, 2014)."""
    pairs = []
    with np.errstate(over="ignore"):
        for h in hashes:
            pairs.append(h[:-1] * np.uint64(0xD6E8FEB86659FD93) ^ h[1:] if len(h) > 1 else h)
    sizes = np.array([len(p) for p in pairs])
    if not sizes.any():
        return ["" for _ in hashes]
    mixed = _mix(np.concatenate(pairs))
    text = np.repeat(np.arange(len(pairs)), sizes)
    key = text * SIZE + (mixed >> np.uint64(64 - SIZE.bit_length() + 1)).astype(np.int64)
    order = np.lexsort((mixed & np.uint64((1 << 56) - 1), key))
    first = order[np.r_[True, key[order][1:] != key[order][:-1]]]
    bins = np.full((len(pairs), SIZE), -1, dtype=np.int64)
    bins.reshape(-1)[key[first]] = (mixed[first] & np.uint64(0xFF)).astype(np.int64)
    dense = bins.copy()
    for shift in range(1, SIZE):
        rolled = np.roll(bins, -shift, axis=1)
        take = (dense < 0) & (rolled >= 0)
        dense[take] = (rolled[take] + 37 * shift) % 256
    return [base64.b64encode(row.astype(np.uint8).tobytes() + bytes([min(n, 255)])).decode("ascii") if n else ""
            for row, n in zip(dense, sizes)]


def fingerprint(text: str) -> str:
    return fingerprints([text])[0]


def decode(value: str) -> bytes:
    """A fingerprint's bytes (b"" for "" or anything that is no fingerprint)."""
    try:
        raw = base64.b64decode(value, validate=True) if value else b""
    except ValueError:
        return b""
    return raw if len(raw) == SIZE + 1 else b""


def pairs(raw: bytes) -> int:
    """How many word pairs the text of a fingerprint (``decode``) has (up to 255)."""
    return raw[SIZE] if raw else 0


def similarity(a: bytes, b: bytes) -> float | None:
    """The estimated Jaccard similarity of the sets two fingerprints (``decode``) were made
    from, 0 to 1; None when either text is too short to tell (``MIN_PAIRS``) but for the same
    text, which is 1."""
    if not a or not b:
        return None
    if pairs(a) < MIN_PAIRS or pairs(b) < MIN_PAIRS:
        return 1.0 if a == b else None
    same = sum(p == q for p, q in zip(a[:SIZE], b[:SIZE])) / SIZE
    return max(0.0, (same - _CHANCE) / (1 - _CHANCE))


def bands(raw: bytes, width: int = 3) -> list[bytes]:
    """A fingerprint (``decode``) cut into bands of ``width`` bytes (each with its place), for
    finding alike ones without comparing every pair: two fingerprints of similarity J share
    one of the ten bands of three with probability about 1 - (1 - J³)^10 (J = 0.5: 74%,
    0.7: 97%, 0.9: 100%; another paper's abstract, J near 0.02: 0.02%)."""
    return [bytes([k]) + raw[k:k + width] for k in range(0, len(raw[:SIZE]) - width + 1, width)]
