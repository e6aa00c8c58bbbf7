"""Papers as vectors: sparse TF-IDF of title and abstract, and a dense LSA view.

``tfidf`` tokenises with C-level string methods (``lower``, ``translate``,
``split``) and does all per-term work once per distinct word, not once per
token: stop words, numbers and plurals are handled on the vocabulary, then the
token stream is remapped with numpy. That keeps 100,000 abstracts to a few
seconds on one core, where scikit-learn's ``TfidfVectorizer`` takes 3–4 times
as long. The weighting is scikit-learn's (sublinear tf, smooth idf, L2 rows),
columns are sorted by term, so the matrix does not depend on hash seeds.

``embed`` is latent semantic analysis: a truncated SVD of the TF-IDF matrix,
fitted on a deterministic sample and applied to every row, rows normalised.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from itertools import chain
from typing import Sequence

import numpy as np
import scipy.linalg
import scipy.sparse as sp
import scipy.sparse.linalg

from generator.model.papers import Paper
from generator.text.normalise import stem
from generator.text.tokens import vector_tokens
from generator.text.words import STOP_WORDS

_TOKEN_CHUNK = 5000


@dataclass(frozen=True, slots=True)
class TermMatrix:
    #: One L2-normalised row per paper (float32 CSR, sorted indices); a row
    #: with no usable terms is all zeros.
    matrix: sp.csr_matrix
    terms: tuple[str, ...]


def paper_text(paper: Paper) -> str:
    """Title (counted twice: it is the densest summary of the paper) and abstract."""
    if paper.title_inferred:  # an inferred title repeats the abstract's words
        return paper.abstract
    return f"{paper.title} {paper.title} {paper.abstract}"


def normalise_term(word: str, stop: frozenset[str]) -> str | None:
    """The vocabulary entry of one lower-cased token, or None to drop it."""
    word = word.strip("-'\"")
    if len(word) < 2 or not any(ch.isalpha() for ch in word) or word in stop:
        return None
    word = stem(word)  # "networks" → "network", "studies" → "study"
    return None if word in stop else word


def tfidf(texts: Sequence[str], min_df: int = 2, max_df: float = 0.5) -> TermMatrix:
    """TF-IDF rows of ``texts``: terms in fewer than ``min_df`` documents or in
    more than ``max_df`` of them (collections of 20 or more) are left out."""
    n = len(texts)
    # Token strings live one chunk at a time (at 100,000 abstracts all of them
    # at once would take over a gigabyte); the vocabulary grows as it goes.
    vocab: dict[str, int] = {}
    id_parts: list[np.ndarray] = []
    length_parts: list[np.ndarray] = []
    for start in range(0, n, _TOKEN_CHUNK):
        tokens = [vector_tokens(t) for t in texts[start:start + _TOKEN_CHUNK]]
        length_parts.append(np.fromiter(map(len, tokens), dtype=np.int64, count=len(tokens)))
        flat = list(chain.from_iterable(tokens))
        del tokens
        new = [w for w in dict.fromkeys(flat) if w not in vocab]
        vocab.update(zip(new, range(len(vocab), len(vocab) + len(new))))
        id_parts.append(np.fromiter(map(vocab.__getitem__, flat), dtype=np.int32, count=len(flat)))
        del flat
    lengths = np.concatenate(length_parts) if length_parts else np.zeros(0, dtype=np.int64)
    raw_terms = list(vocab)  # in the order of their ids
    del vocab
    normal = [normalise_term(w, STOP_WORDS) for w in raw_terms]
    terms = sorted({w for w in normal if w is not None})
    index = {w: i for i, w in enumerate(terms)}
    column = np.array([index[w] if w is not None else -1 for w in normal] or [-1], dtype=np.int64)
    cols = column[np.concatenate(id_parts)] if id_parts else np.zeros(0, dtype=np.int64)
    del id_parts
    rows = np.repeat(np.arange(n, dtype=np.int32), lengths)
    keep = cols >= 0
    counts = sp.csr_matrix((np.ones(int(keep.sum()), dtype=np.float32), (rows[keep], cols[keep])),
                           shape=(n, len(terms)))
    counts.sum_duplicates()
    df = np.bincount(counts.indices, minlength=len(terms))
    wanted = df >= min_df
    if n >= 20:
        wanted &= df <= max_df * n
    matrix = _select_columns(counts, wanted)
    kept_terms = tuple(t for t, w in zip(terms, wanted) if w)
    df = df[wanted]
    idf = (np.log((1.0 + n) / (1.0 + df)) + 1.0).astype(np.float32)
    matrix.data = (1.0 + np.log(matrix.data)) * idf[matrix.indices]
    return TermMatrix(normalise_rows(matrix), kept_terms)


def _select_columns(m: sp.csr_matrix, wanted: np.ndarray) -> sp.csr_matrix:
    new_index = np.cumsum(wanted) - 1
    keep = wanted[m.indices]
    row_of = np.repeat(np.arange(m.shape[0]), np.diff(m.indptr))[keep]
    indptr = np.zeros(m.shape[0] + 1, dtype=np.int64)
    np.cumsum(np.bincount(row_of, minlength=m.shape[0]), out=indptr[1:])
    out = sp.csr_matrix((m.data[keep], new_index[m.indices[keep]], indptr), shape=(m.shape[0], int(wanted.sum())))
    out.has_sorted_indices = True
    return out


def normalise_rows(m: sp.csr_matrix) -> sp.csr_matrix:
    """Rows scaled to unit L2 norm (zero rows stay zero)."""
    m = m.astype(np.float32)
    sq = np.zeros(m.shape[0], dtype=np.float64)
    np.add.at(sq, np.repeat(np.arange(m.shape[0]), np.diff(m.indptr)), m.data.astype(np.float64) ** 2)
    norms = np.sqrt(sq)
    norms[norms == 0] = 1.0
    m.data = (m.data / np.repeat(norms, np.diff(m.indptr))).astype(np.float32)
    return m


def id_hashes(ids: Sequence[str]) -> np.ndarray:
    """A 64-bit hash of each paper id (the one per-paper hash every deterministic
    sample and draw is made from: it depends on the paper alone)."""
    return np.array([int.from_bytes(hashlib.blake2b(i.encode(), digest_size=8).digest(), "big") for i in ids],
                    dtype=np.uint64)


def stable_order(ids: Sequence[str]) -> np.ndarray:
    """Indices of ``ids`` ordered by a hash of each id: a sample taken from the
    front of this order does not depend on the order of the sources, and
    changes little when papers are added."""
    keys = id_hashes(ids).tolist()
    return np.array(sorted(range(len(ids)), key=lambda k: (keys[k], ids[k])), dtype=np.int64)


def embed(matrix: sp.csr_matrix, order: np.ndarray, dims: int = 96, sample: int = 10000,
          exact: bool = False) -> np.ndarray:
    """LSA: rows of ``matrix`` in ``dims`` dimensions (unit rows, float32).

    The basis is a randomized truncated SVD (Halko et al., fixed seed) fitted on
    the first ``sample`` rows of ``order``, so it costs the same at any size;
    every row is then projected on it. With ``exact``, the SVD is exact (from the
    rows' Gram matrix: for a few thousand rows): the randomized one starts from a
    random matrix as wide as the vocabulary, so a few added papers (new terms)
    turn its last dimensions, where the exact one moves only as much as the
    papers do.
    """
    n, v = matrix.shape
    dims = max(1, min(dims, n - 1, v - 1))
    if n < 3 or v < 3:
        return np.zeros((n, 2), dtype=np.float32)
    fit = matrix[np.sort(order[:sample])]
    basis = _exact_right_singular_vectors(fit, dims) if exact else _right_singular_vectors(fit, dims)
    z = np.asarray(matrix @ basis, dtype=np.float32)
    norms = np.linalg.norm(z, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return z / norms


def _exact_right_singular_vectors(a: sp.csr_matrix, k: int) -> np.ndarray:
    """The top ``k`` right singular vectors of ``a`` (columns of a v × k array, signs
    fixed), from the eigenvectors of ``a aᵀ``: Lanczos iterations (ARPACK) from a
    fixed start, to machine precision, or a dense solve for a few rows."""
    a = a.astype(np.float64)
    n, at = a.shape[0], a.T.tocsr()
    if k >= n - 1:
        values, left = scipy.linalg.eigh(np.asarray((a @ at).todense()), subset_by_index=[max(0, n - k), n - 1])
    else:
        gram = scipy.sparse.linalg.LinearOperator((n, n), matvec=lambda v: a @ (at @ v), dtype=np.float64)
        values, left = scipy.sparse.linalg.eigsh(gram, k=k, v0=np.ones(n))
    rank = np.argsort(-values, kind="stable")
    values, left = values[rank], left[:, rank]
    keep = values > 1e-10
    return _signed(np.asarray(at @ (left[:, keep] / np.sqrt(values[keep])), dtype=np.float32))


def _right_singular_vectors(a: sp.csr_matrix, k: int, oversample: int = 10, power: int = 2) -> np.ndarray:
    """The top ``k`` right singular vectors of ``a`` (columns of a v × k array)."""
    rng = np.random.default_rng(0)
    width = min(k + oversample, min(a.shape))
    at = a.T.tocsr()
    q = np.linalg.qr(np.asarray(a @ rng.standard_normal((a.shape[1], width)).astype(np.float32)))[0]
    for _ in range(power):
        q = np.linalg.qr(np.asarray(at @ q))[0]
        q = np.linalg.qr(np.asarray(a @ q))[0]
    b = np.asarray(at @ q).T  # width × v
    _, _, vt = np.linalg.svd(b, full_matrices=False)
    return _signed(vt[:k].T.astype(np.float32))


def _signed(basis: np.ndarray) -> np.ndarray:
    """Each vector's sign fixed (largest entry positive): the same on every run."""
    signs = np.sign(basis[np.abs(basis).argmax(axis=0), np.arange(basis.shape[1])])
    signs[signs == 0] = 1
    return basis * signs
