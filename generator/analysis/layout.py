"""Two-dimensional positions for the map of the collection.

``tsne`` is exact t-SNE (van der Maaten and Hinton, 2008) in numpy, with the
usual schedule (early exaggeration 12 for the first 250 steps, momentum 0.5
then 0.8, adaptive gains, PCA start, learning rate n/48): deterministic, and
O(m²) per step, so it runs on at most ``LANDMARKS`` points. ``place`` puts
further points at the similarity-weighted mean of their nearest landmarks,
which is linear in their number.
"""
from __future__ import annotations

import numpy as np

LANDMARKS = 700


def _conditional_p(d2: np.ndarray, perplexity: float, steps: int = 60) -> np.ndarray:
    """Row-wise Gaussian affinities whose entropy matches ``perplexity`` (bisection on β)."""
    n = d2.shape[0]
    target = np.log(perplexity)
    off = ~np.eye(n, dtype=bool)
    d = d2 - np.where(off, d2, np.inf).min(axis=1, keepdims=True)
    # The diagonal is masked out below; 0 there keeps exp(-d·β) finite (a negative
    # diagonal overflowed to inf, and inf × 0 made the row NaN).
    d = np.where(off, d, 0.0)
    beta = np.ones((n, 1))
    lo = np.zeros((n, 1))
    hi = np.full((n, 1), np.inf)
    for _ in range(steps):
        p = np.exp(-d * beta) * off
        s = p.sum(axis=1, keepdims=True)
        s[s == 0] = 1e-12
        entropy = np.log(s) + beta * (d * p).sum(axis=1, keepdims=True) / s
        too_flat = entropy > target
        lo = np.where(too_flat, beta, lo)
        hi = np.where(too_flat, hi, beta)
        beta = np.where(np.isinf(hi), beta * 2, (lo + hi) / 2)
    p = np.exp(-d * beta) * off
    return p / np.maximum(p.sum(axis=1, keepdims=True), 1e-12)


def _pca2(x: np.ndarray) -> np.ndarray:
    centred = x - x.mean(axis=0)
    u, s, _ = np.linalg.svd(centred, full_matrices=False)
    y = u[:, :2] * s[:2]
    if y.shape[1] < 2:
        y = np.pad(y, ((0, 0), (0, 2 - y.shape[1])))
    signs = np.sign(y[np.abs(y).argmax(axis=0), [0, 1]])
    signs[signs == 0] = 1
    y = y * signs
    sd = y[:, 0].std() or 1.0
    return y / sd * 1e-4


def tsne(x: np.ndarray, perplexity: float = 30.0, iterations: int = 500) -> np.ndarray:
    """Rows of ``x`` (unit vectors) placed in 2-D; close rows stay close."""
    n = x.shape[0]
    if n < 4:
        return np.array([[float(i), 0.0] for i in range(n)]).reshape(n, 2)
    perplexity = min(perplexity, (n - 1) / 3)
    x = x.astype(np.float64)
    d2 = np.maximum(0.0, 2.0 - 2.0 * (x @ x.T))
    p = _conditional_p(d2, perplexity)
    p = (p + p.T) / (2.0 * n)
    np.maximum(p, 1e-12, out=p)
    np.fill_diagonal(p, 0.0)
    p = p.astype(np.float32)
    p_early = p * np.float32(12.0)  # early exaggeration
    y = _pca2(x).astype(np.float32)
    update = np.zeros_like(y)
    gains = np.ones_like(y)
    rate = np.float32(max(n / 48.0, 50.0))
    num = np.empty((n, n), dtype=np.float32)
    pq = np.empty((n, n), dtype=np.float32)
    for step in range(iterations):
        target, momentum = (p_early, np.float32(0.5)) if step < 250 else (p, np.float32(0.8))
        sq = (y * y).sum(axis=1)
        np.matmul(y, y.T, out=num)
        num *= -2.0
        num += sq[:, None] + np.float32(1.0)
        num += sq[None, :]
        np.reciprocal(num, out=num)
        np.fill_diagonal(num, 0.0)
        np.multiply(num, np.float32(1.0 / num.sum(dtype=np.float64)), out=pq)
        np.subtract(target, pq, out=pq)
        pq *= num
        grad = np.float32(4.0) * (pq.sum(axis=1)[:, None] * y - pq @ y)
        gains = np.where(update * grad < 0.0, gains + np.float32(0.2), gains * np.float32(0.8))
        np.maximum(gains, np.float32(0.01), out=gains)
        update = momentum * update - rate * gains * grad
        y = y + update
    return y - y.mean(axis=0)


def place(x: np.ndarray, landmarks: np.ndarray, positions: np.ndarray, k: int = 5) -> np.ndarray:
    """Positions of the rows of ``x`` from the ``k`` most similar ``landmarks``."""
    out = np.empty((x.shape[0], 2))
    for start in range(0, x.shape[0], 4096):
        sims = x[start:start + 4096] @ landmarks.T
        k_ = min(k, landmarks.shape[0])
        best = np.argpartition(-sims, k_ - 1, axis=1)[:, :k_]
        w = np.maximum(np.take_along_axis(sims, best, axis=1), 1e-6)
        out[start:start + 4096] = (w[:, :, None] * positions[best]).sum(axis=1) / w.sum(axis=1, keepdims=True)
    return out
