"""Related papers (generator/analysis/related.py, vectors.py) on the bundled corpus.

The related lists of a handful of papers were read by hand; the tests hold
what reading them showed (a U-Net paper's neighbours are segmentation papers,
a pruning paper's are pruning papers, …), by title words rather than by topic,
so that they test the text similarity and not the taxonomy.
"""
from __future__ import annotations

import re

import numpy as np
import pytest

from generator import pipeline
from generator.analysis import related, vectors
from generator.config import Settings
from generator.model.papers import Paper
from generator.text.tokens import vector_tokens
from generator.text.words import STOP_WORDS
from support.project import ROOT


@pytest.fixture(scope="module")
def papers() -> tuple[Paper, ...]:
    return pipeline.collect(Settings.for_project(ROOT)).collection.papers


@pytest.fixture(scope="module")
def terms(papers) -> vectors.TermMatrix:
    return vectors.tfidf([vectors.paper_text(p) for p in papers])


@pytest.fixture(scope="module")
def neighbours(terms) -> related.Neighbours:
    return related.nearest(terms.matrix)


def related_titles(papers, neighbours, title: str) -> list[str]:
    (i,) = [i for i, p in enumerate(papers) if p.title == title]
    return [papers[j].title for j, _ in neighbours[i]]


# Read by hand on the bundled corpus: (paper, pattern every related title matches, how many at least).
HAND_CHECKED = [
    ("U-Net: Convolutional Networks for Biomedical Image Segmentation", r"segment", 5),
    ("nnU-Net: Self-adapting Framework for U-Net-Based Medical Image Segmentation", r"segment|nnU-Net", 5),
    ("To prune, or not to prune: exploring the efficacy of pruning for model compression", r"prun", 5),
    ("PirateNets: Physics-informed Residual Adaptive Networks", r"PINN|Differential Equation|Physics", 3),
    ("LINE: Large-scale Information Network Embedding", r"Network Embedding|Graph|GAE|Digraph|Network Usable", 4),
    ("Autonomous Driving with Spiking Neural Networks", r"Spiking|SNN", 2),
]


@pytest.mark.parametrize("title, pattern, at_least", HAND_CHECKED, ids=[t[:30] for t, _, _ in HAND_CHECKED])
def test_related_lists_read_by_hand(papers, neighbours, title, pattern, at_least):
    found = related_titles(papers, neighbours, title)
    matching = [t for t in found if re.search(pattern, t, re.IGNORECASE)]
    assert len(matching) >= at_least, found


def test_the_unet_paper_is_related_to_segmentation_papers_only(papers, neighbours):
    found = related_titles(papers, neighbours, HAND_CHECKED[0][0])
    assert len(found) == related.K
    assert all("segmentation" in t.lower() for t in found), found


def test_lists_are_short_sorted_above_the_threshold_and_never_the_paper_itself(neighbours):
    assert sum(1 for n in neighbours if n) > 0.9 * len(neighbours)
    for i, found in enumerate(neighbours):
        assert len(found) <= related.K
        scores = [s for _, s in found]
        assert scores == sorted(scores, reverse=True)
        assert all(s >= related.THRESHOLD for s in scores)
        assert i not in {j for j, _ in found}
        assert len({j for j, _ in found}) == len(found)


def test_weak_matches_are_left_out(papers, terms):
    """With no threshold every paper gets 5; the threshold removes the weak ones."""
    loose = related.nearest(terms.matrix, threshold=0.0)
    strict = related.nearest(terms.matrix)
    assert all(len(n) == related.K for n in loose)
    dropped = sum(len(a) - len(b) for a, b in zip(loose, strict))
    assert dropped > 0


def test_scores_are_exact_tfidf_cosines(terms, neighbours):
    m = terms.matrix
    for i in (0, 10, 100):
        for j, score in neighbours[i]:
            assert score == pytest.approx(float(m[i].multiply(m[j]).sum()), abs=1e-4)


def test_the_approximate_search_finds_nearly_the_same_neighbours(papers, terms, neighbours):
    """The candidate search used above EXACT_MAX papers, run on the bundled corpus."""
    order = vectors.stable_order([p.id for p in papers])
    embedding = vectors.embed(terms.matrix, order)
    approx = related.nearest(terms.matrix, embedding, order, exact_max=0)
    recall = np.mean([len({j for j, _ in a} & {j for j, _ in e}) / len(e) for a, e in zip(approx, neighbours) if e])
    kept = sum(s for a in approx for _, s in a) / sum(s for e in neighbours for _, s in e)
    assert recall >= 0.85 and kept >= 0.95, (recall, kept)
    for a in approx:  # same rules: exact scores, threshold, order
        assert all(s >= related.THRESHOLD for _, s in a)
        assert [s for _, s in a] == sorted((s for _, s in a), reverse=True)


def test_the_same_input_gives_the_same_lists(terms, neighbours, papers):
    again = related.nearest(vectors.tfidf([vectors.paper_text(p) for p in papers]).matrix)
    assert again == neighbours


def test_terms_fold_case_hyphens_and_plurals():
    m = vectors.tfidf(["U-Net segmentation networks", "UNet segmentation network", "graphs of graph"], min_df=1)
    assert "unet" in m.terms and "network" in m.terms and "graph" in m.terms
    assert "networks" not in m.terms and "of" not in m.terms
    sims = (m.matrix @ m.matrix.T).toarray()
    assert sims[0, 1] == pytest.approx(1.0, abs=1e-6) and sims[0, 2] == 0


def test_empty_and_tiny_collections():
    assert related.nearest(vectors.tfidf([]).matrix) == []
    assert related.nearest(vectors.tfidf(["only one paper here"]).matrix) == [[]]
    two = vectors.tfidf(["graph neural networks", "graph neural networks for molecules"], min_df=1)
    assert [len(n) for n in related.nearest(two.matrix)] == [1, 1]


def test_weighting_is_scikit_learns(papers):
    """Same tokens, same weights as TfidfVectorizer(sublinear_tf, smooth idf, l2, min_df=2, max_df=0.5)."""
    sklearn_text = pytest.importorskip("sklearn.feature_extraction.text")
    texts = [vectors.paper_text(p) for p in papers]
    ours = vectors.tfidf(texts)

    def analyse(text: str) -> list[str]:
        return [w for w in (vectors.normalise_term(x, STOP_WORDS) for x in vector_tokens(text)) if w]

    theirs = sklearn_text.TfidfVectorizer(analyzer=analyse, sublinear_tf=True, min_df=2, max_df=0.5)
    x = theirs.fit_transform(texts)
    assert tuple(theirs.get_feature_names_out()) == ours.terms
    assert abs(x - ours.matrix).max() < 1e-5


def test_a_second_process_gives_the_same_results(papers, monkeypatch):
    """Large collections compute the arrays in a worker process: same lists, same map."""
    from generator.site import similarity

    texts = [vectors.paper_text(p) for p in papers]
    ids = [p.id for p in papers]
    inline = similarity.compute(texts, ids)
    monkeypatch.setattr(similarity, "PROCESS_MIN", 1)
    monkeypatch.setenv("PAPER_ATLAS_WORKERS", "2")
    running = similarity.start(lambda: texts, ids)
    assert running.in_background
    other = running.result()
    assert other.neighbours == inline.neighbours
    assert np.array_equal(other.map.rows, inline.map.rows) and np.array_equal(other.map.xy, inline.map.xy)


def test_small_collections_and_one_worker_compute_inline(papers, monkeypatch):
    from generator.site import similarity

    ids = [p.id for p in papers[:50]]
    monkeypatch.setenv("PAPER_ATLAS_WORKERS", "2")
    assert not similarity.start(lambda: [vectors.paper_text(p) for p in papers[:50]], ids).in_background
    monkeypatch.setattr(similarity, "PROCESS_MIN", 1)
    monkeypatch.setenv("PAPER_ATLAS_WORKERS", "1")
    assert not similarity.start(lambda: [vectors.paper_text(p) for p in papers[:50]], ids).in_background