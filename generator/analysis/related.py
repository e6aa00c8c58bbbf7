"""Related papers: each paper's nearest neighbours by TF-IDF cosine of title and abstract.

Scores are always the exact cosine of the two TF-IDF rows, and a paper shows
at most ``K`` neighbours that score at least ``THRESHOLD``; ties go to the
paper listed first. How the candidates are found depends on the size:

* up to ``EXACT_MAX`` papers, every pair is scored (sparse products in chunks
  of rows: memory stays at one chunk × n);
* above it, candidates come from two cheap searches, and only they are
  scored exactly. (1) An impact-ordered, pruned inverted index: each paper's
  ``TERMS_PER_PAPER`` strongest terms meet each term's ``PAPERS_PER_TERM``
  strongest papers (one sparse product). (2) An inverted file over the LSA
  embedding: k-means cells (about √n, fitted on a sample), each cell searched
  against the ``PROBES`` cells nearest to it with dense products. Cost grows
  as n·(terms × papers per term) and n·√n·dims with small constants, not n²;
  tests/unit/analysis/test_related.py measures the recall against the exact search.
"""
from __future__ import annotations

import numpy as np
import scipy.sparse as sp

K = 5
#: Below this cosine a match is weak: a shared word or two, no shared subject.
THRESHOLD = 0.12
EXACT_MAX = 3000
TERMS_PER_PAPER = 10
PAPERS_PER_TERM = 48
TERM_CANDIDATES = 16
PROBES = 6
LSA_CANDIDATES = 8
_CHUNK = 1024

Neighbours = list[list[tuple[int, float]]]


def nearest(matrix: sp.csr_matrix, embedding: np.ndarray | None = None, order: np.ndarray | None = None,
            k: int = K, threshold: float = THRESHOLD, exact_max: int = EXACT_MAX) -> Neighbours:
    """For each row: up to ``k`` (row, score) pairs, best first, score ≥ ``threshold``."""
    n = matrix.shape[0]
    if n <= exact_max or embedding is None:
        return _exact(matrix, k, threshold)
    if order is None:
        order = np.arange(n)
    return _approximate(matrix, embedding, order, k, threshold)


def _best(scores: np.ndarray, cand: np.ndarray, k: int, threshold: float) -> Neighbours:
    """Row-wise best ``k`` of (scores, cand), both n × m: by score rounded to 5
    decimals (ties are ties on every machine), then by row index; cand -1 is no
    candidate. Only scores ≥ ``threshold`` are kept."""
    rounded = np.round(scores.astype(np.float64), 5)
    rounded[(cand < 0) | (rounded < threshold)] = -np.inf
    idx = np.lexsort((np.where(cand < 0, np.iinfo(np.int64).max, cand), -rounded), axis=1)[:, :k]
    top = np.take_along_axis(rounded, idx, axis=1)
    who = np.take_along_axis(cand, idx, axis=1)
    ok = np.isfinite(top)
    return [[(int(j), float(s)) for j, s, good in zip(wr, sr, okr) if good]
            for wr, sr, okr in zip(who.tolist(), top.tolist(), ok.tolist())]


def _exact(matrix: sp.csr_matrix, k: int, threshold: float) -> Neighbours:
    n = matrix.shape[0]
    transposed = matrix.T.tocsr()
    out: Neighbours = []
    m = min(2 * k, n - 1)
    for start in range(0, n, _CHUNK):
        block = (matrix[start:start + _CHUNK] @ transposed).toarray()
        rows = np.arange(block.shape[0])
        block[rows, rows + start] = -1.0  # never oneself
        if m <= 0:
            out += [[] for _ in rows]
            continue
        best = np.argpartition(-block, m - 1, axis=1)[:, :m] if n - 1 > m else np.argsort(-block, axis=1)[:, :m]
        out += _best(np.take_along_axis(block, best, axis=1), best.astype(np.int64), k, threshold)
    return out


def _cells(embedding: np.ndarray, order: np.ndarray, iterations: int = 15) -> tuple[np.ndarray, np.ndarray]:
    """Spherical k-means cells (about √n, fitted on a deterministic sample) and each row's cell."""
    n = embedding.shape[0]
    n_cells = max(2, int(np.sqrt(n)))
    sample = embedding[np.sort(order[:min(n, 40 * n_cells)])]
    centroids = sample[:: max(1, len(sample) // n_cells)][:n_cells].copy()
    for _ in range(iterations):
        nearest_cell = np.argmax(sample @ centroids.T, axis=1)
        sums = np.zeros_like(centroids)
        np.add.at(sums, nearest_cell, sample)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        empty = norms[:, 0] == 0
        centroids = np.where(empty[:, None], centroids, sums / np.where(norms == 0, 1, norms))
    cell = np.empty(n, dtype=np.int64)
    for start in range(0, n, 16384):
        cell[start:start + 16384] = np.argmax(embedding[start:start + 16384] @ centroids.T, axis=1)
    return centroids.astype(np.float32), cell


def _top_per_row(m: sp.csr_matrix, keep: int) -> sp.csr_matrix:
    """``m`` (entries in [0, 1]) with only the ``keep`` largest entries of each row."""
    m = m.tocsr()
    lengths = np.diff(m.indptr)
    widest = int(lengths.max(initial=0))
    if widest <= keep:
        return m
    offset = np.arange(m.nnz) - np.repeat(m.indptr[:-1], lengths)
    wanted = np.zeros(m.nnz, dtype=bool)
    if widest <= 4096:
        # Short rows: pad them into a dense block, partition each row.
        step = max(1, (1 << 22) // widest)
        for start in range(0, m.shape[0], step):
            a, b = m.indptr[start], m.indptr[min(start + step, m.shape[0])]
            rows = np.repeat(np.arange(min(step, m.shape[0] - start)), lengths[start:start + step])
            block = np.full((len(lengths[start:start + step]), widest), -1.0, dtype=np.float32)
            block[rows, offset[a:b]] = m.data[a:b]
            best = np.argpartition(-block, keep - 1, axis=1)[:, :keep]
            hit = np.zeros_like(block, dtype=bool)
            np.put_along_axis(hit, best, True, axis=1)
            wanted[a:b] = hit[rows, offset[a:b]]
    else:
        # Long rows (posting lists): one sort by row, then by value, largest first.
        rows = np.repeat(np.arange(m.shape[0], dtype=np.float64), lengths)
        by_value = np.argsort(rows * 2.0 + (1.0 - m.data.astype(np.float64)), kind="stable")
        rank = np.empty(m.nnz, dtype=np.int64)
        rank[by_value] = offset
        wanted = rank < keep
    kept_rows = np.repeat(np.arange(m.shape[0]), lengths)[wanted]
    indptr = np.zeros(m.shape[0] + 1, dtype=np.int64)
    np.cumsum(np.bincount(kept_rows, minlength=m.shape[0]), out=indptr[1:])
    return sp.csr_matrix((m.data[wanted], m.indices[wanted], indptr), shape=m.shape)


def _term_candidates(matrix: sp.csr_matrix, count: int, chunk: int = 8192) -> np.ndarray:
    """Candidates from the pruned inverted index: n × ``count`` rows (-1: none)."""
    n = matrix.shape[0]
    queries = _top_per_row(matrix, TERMS_PER_PAPER)
    postings = _top_per_row(matrix.T.tocsr(), PAPERS_PER_TERM)  # term × paper
    cand = np.full((n, count), -1, dtype=np.int64)
    for start in range(0, n, chunk):
        scores = queries[start:start + chunk] @ postings
        lengths = np.diff(scores.indptr)
        rows = np.repeat(np.arange(scores.shape[0]), lengths)
        scores.data[scores.indices == rows + start] = 0.0  # never oneself
        best = _top_per_row(scores, count)
        lengths = np.diff(best.indptr)
        slot = np.arange(best.nnz) - np.repeat(best.indptr[:-1], lengths)
        found = np.where(best.data > 0, best.indices, -1)
        cand[start + np.repeat(np.arange(best.shape[0]), lengths), slot] = found
    return cand


def _lsa_candidates(embedding: np.ndarray, order: np.ndarray, count: int) -> np.ndarray:
    """Candidates from the k-means cells of the LSA embedding: n × ``count`` (-1: none)."""
    n = embedding.shape[0]
    centroids, cell = _cells(embedding, order)
    by_cell = np.argsort(cell, kind="stable")
    bounds = np.searchsorted(cell[by_cell], np.arange(len(centroids) + 1))
    members = [by_cell[bounds[c]:bounds[c + 1]] for c in range(len(centroids))]
    closeness = centroids @ centroids.T
    np.fill_diagonal(closeness, np.inf)  # a cell's own members come first in its pool
    near_cells = np.argsort(-closeness, axis=1, kind="stable")[:, :PROBES]
    cand = np.full((n, count), -1, dtype=np.int64)
    for c, rows in enumerate(members):
        if not len(rows):
            continue
        pool = np.concatenate([members[d] for d in near_cells[c]])
        sims = embedding[rows] @ embedding[pool].T
        own = np.arange(len(rows))
        sims[own, own] = -2.0  # never oneself
        m = min(count, len(pool) - 1)
        if m <= 0:
            continue
        best = np.argpartition(-sims, m - 1, axis=1)[:, :m] if len(pool) > m else np.argsort(-sims, axis=1)[:, :m]
        cand[rows, :m] = pool[best]
    return cand


def _approximate(matrix: sp.csr_matrix, embedding: np.ndarray, order: np.ndarray,
                 k: int, threshold: float) -> Neighbours:
    cand = np.concatenate([_term_candidates(matrix, TERM_CANDIDATES),
                           _lsa_candidates(embedding, order, LSA_CANDIDATES)], axis=1)
    cand.sort(axis=1)
    cand[:, 1:][cand[:, 1:] == cand[:, :-1]] = -1  # each candidate once
    return _best(_pair_scores(matrix, cand), cand, k, threshold)


def _pair_scores(matrix: sp.csr_matrix, cand: np.ndarray, chunk: int = 4096) -> np.ndarray:
    """Exact cosine of row i with each row in ``cand[i]`` (-1 entries score 0)."""
    n, m = cand.shape
    out = np.zeros((n, m), dtype=np.float32)
    for start in range(0, n, chunk):
        part = cand[start:start + chunk]
        rows = np.repeat(np.arange(start, start + len(part)), m)
        cols = part.ravel()
        valid = cols >= 0
        a = matrix[rows[valid]]
        b = matrix[cols[valid]]
        flat = np.zeros(len(cols), dtype=np.float32)
        flat[valid] = np.asarray(a.multiply(b).sum(axis=1)).ravel()
        out[start:start + len(part)] = flat.reshape(len(part), m)
    return out
