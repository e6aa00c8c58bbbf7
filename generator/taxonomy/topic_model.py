"""Topics derived from the collection itself, for a project with no ``data/topics.yml``.

The papers are the TF-IDF/LSA vectors the generator already computes
(``features.vectors``), in ``DIMS`` dimensions, from an exact SVD (the
randomized one turns its last dimensions when a few papers are added). Topics come from *consensus
clustering* on a deterministic sample of at most ``SAMPLE`` papers (so the cost
is the same at any size):

1. ``RUNS`` spherical k-means runs, each on a hash-chosen 80% of the papers with
   its own number of clusters (6 to 20, more for large collections), seeded
   k-means++-style by each paper's own hash;
2. the share of runs that put two papers together (co-association) is
   clustered by average linkage and cut where papers were together in fewer than
   ``TOGETHER`` of their runs: the number of topics (6–30) is what the runs keep
   finding, not a rule of the collection's size; groups under 4% of the papers
   are dissolved, and every paper moves to the group it was most often
   together with (a few rounds), so a paper a merge near the cut put on one
   side joins most of its neighbours;
3. every other paper joins the nearest topic centroid; a paper whose vector is
   empty or far from every topic (cosine below ``OUTLIER_COS``) goes to the
   catch-all "Other papers".

Each topic is named by the phrases of its own papers that are most
distinctive of it (frequent in the topic, rare outside), so a topic of
astronomy papers reads "Galaxies and star formation", never "Topic 3". The
slug is the name's, and the same sources always give the same topics.

Measured on three real collections and against scikit-learn's k-means, NMF,
spectral and agglomerative clustering: ``tests/unit/taxonomy/test_topic_model.py`` and the
README's "Start your own collection".
"""
from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform
from threadpoolctl import threadpool_limits

from generator import paths
from generator.analysis import vectors
from generator.model.papers import Paper
from generator.model.taxonomy import Tag, Taxonomy, Topic
import generator.taxonomy.naming as naming
import generator.taxonomy.vocabulary as vocabulary
from generator.text.boilerplate import is_english, without_boilerplate, prose
from generator.text.phrases import PhraseCounts, phrases_of, proper_names, sentence_case
from generator.text.slugs import slugify
from generator.text.words import ADJECTIVE_ENDINGS

#: LSA dimensions for topics: 30–60 clustered best on the test collections
#: (fewer blur fields together, more spread papers of one field apart).
DIMS = 40
#: Papers the consensus is found on; the rest join the nearest topic.
SAMPLE = 3000
MIN_TOPICS, MAX_TOPICS = 6, 30
#: k-means runs of the consensus, the share of the papers each run holds (by a
#: hash of the paper's id and the run) and the range of clusters per run (run r
#: has the r-th; the top grows to √n for large collections).
RUNS, RUN_SHARE, RUN_TOPICS = 40, 0.8, (6, 20)
#: Papers share a topic when the runs holding both put them together at least
#: this often on average (average linkage).
TOGETHER = 0.25
#: A group smaller than this share of the papers (or MIN_PAPERS) is no topic:
#: its papers join the topic they were most often with.
MIN_SHARE, MIN_PAPERS = 0.04, 5
#: Rounds of moving each paper to the group it was most often together with
#: (mean co-association), after the cut: a paper the cut left on the wrong side of a
#: merge joins most of its neighbours.
REFINE_ROUNDS = 8
#: Below this cosine to its topic a paper is an outlier (catch-all).
OUTLIER_COS = 0.2
CATCH_ALL = Topic("other", "Other papers", "Papers that fit none of the other topics.", (), catch_all=True)
#: A topic's ``match`` terms (the draft of ``topics suggest``).
MATCH_TERMS = 20
#: Papers read for the phrases of the collection and of each topic (a deterministic
#: sample: the first in stable order).
PHRASE_POOL = 3000
#: A topic's phrases are counted over the pool with each paper's soft membership:
#: the softmax of its cosines to the topic centroids at this temperature (a paper as
#: near to two topics counts half in each; one far nearer to its own, wholly there).
#: Measured over ten 5% draws of the seven collections: 0.05 / 0.1 / 0.15 / 0.2 / 0.3
#: (hard membership: 107) gave 107 / 88 / 85 / 99 / 114 topics renamed.
SOFT = 0.1


@dataclass(frozen=True, slots=True)
class Derived:
    """Topics found in a collection and each paper's topic slug."""

    taxonomy: Taxonomy
    topic_of: dict[str, str]


# --- clustering ---------------------------------------------------------------------------
#
# Consensus clustering (evidence accumulation): ``RUNS`` spherical k-means runs,
# each on a subsample of the papers and with its own number of clusters, count
# how often each pair of papers falls together (the co-association matrix); an
# average-linkage tree over that count is cut where papers were together in
# fewer than ``TOGETHER`` of the runs that held both. The number of topics is
# thus the collection's: how many groups the runs keep finding. Every random
# choice is a hash of a paper's own id (which runs hold it, which paper seeds a
# run), so adding papers leaves the choices about the others as they were.

def _uniform(hashes: np.ndarray, salt: int) -> np.ndarray:
    """A uniform number in (0, 1) per paper hash and ``salt`` (splitmix64)."""
    with np.errstate(over="ignore"):
        h = hashes + np.uint64(0x9E3779B97F4A7C15) * np.uint64(salt + 1)
        h = (h ^ (h >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        h = (h ^ (h >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        h = h ^ (h >> np.uint64(31))
    return ((h >> np.uint64(11)).astype(np.float64) + 0.5) / float(1 << 53)


def _seeds(x: np.ndarray, k: int, u: np.ndarray) -> np.ndarray:
    """k-means++ starts drawn by each paper's own number ``u`` (a weighted race:
    the paper with the largest log(u)/d² wins), so the draw is the content's."""
    chosen = [int(np.argmin(u))]
    d2 = np.maximum(0.0, 2.0 - 2.0 * (x @ x[chosen[0]]))
    logu = np.log(u)
    for _ in range(k - 1):
        chosen.append(int(np.argmax(logu / np.maximum(d2, 1e-12))))
        d2 = np.minimum(d2, np.maximum(0.0, 2.0 - 2.0 * (x @ x[chosen[-1]])))
    return x[chosen].copy()


def _kmeans(x: np.ndarray, centroids: np.ndarray, iterations: int = 30) -> np.ndarray:
    """Spherical k-means from ``centroids``; the label of each row of ``x``."""
    for _ in range(iterations):
        labels = np.argmax(x @ centroids.T, axis=1)
        new = _centroids(x, labels, centroids.shape[0], centroids)
        if np.allclose(new, centroids):
            break
        centroids = new
    return np.argmax(x @ centroids.T, axis=1)


def _sums(x: np.ndarray, labels: np.ndarray, k: int) -> np.ndarray:
    """Row sums of ``x`` per label (a sparse one-hot product: np.add.at is slow)."""
    onehot = sp.csr_matrix((np.ones(len(labels)), (labels, np.arange(len(labels)))), shape=(k, len(labels)))
    return np.asarray(onehot @ x)


def _centroids(x: np.ndarray, labels: np.ndarray, k: int, previous: np.ndarray) -> np.ndarray:
    sums = _sums(x, labels, k)
    norms = np.linalg.norm(sums, axis=1, keepdims=True)
    return np.where(norms > 0, sums / np.where(norms == 0, 1, norms), previous)


def co_association(x: np.ndarray, hashes: np.ndarray) -> np.ndarray:
    """For each pair of rows, the share of the runs holding both that put them together."""
    n = x.shape[0]
    top = int(min(MAX_TOPICS, max(RUN_TOPICS[1], round(math.sqrt(n)))))
    ks = [k for k in range(RUN_TOPICS[0], top + 1) if k < n // 2] or [max(2, n // 3)]
    cols, held = [], []
    for r in range(RUNS):
        inside = np.flatnonzero(_uniform(hashes, 2 * r) < RUN_SHARE)
        k = ks[r % len(ks)]
        if len(inside) <= k:
            continue
        xi = x[inside]
        labels = _kmeans(xi, _seeds(xi, k, _uniform(hashes[inside], 2 * r + 1)))
        cols.append(sp.csr_matrix((np.ones(len(inside), dtype=np.float32), (inside, labels)), shape=(n, k)))
        held.append(sp.csr_matrix((np.ones(len(inside), dtype=np.float32), (inside, np.zeros(len(inside), int))),
                                  shape=(n, 1)))
    if not cols:  # too few papers for any run: all together
        return np.ones((n, n))
    together, both = sp.hstack(cols).tocsr(), sp.hstack(held).tocsr()
    return np.asarray((together @ together.T).todense()) / np.maximum(np.asarray((both @ both.T).todense()), 1)


def consensus(x: np.ndarray, hashes: np.ndarray) -> np.ndarray:
    """A topic number per row of ``x``: the co-association tree cut at ``TOGETHER``,
    groups smaller than ``MIN_SHARE`` of the papers dissolved (6–30 topics kept), each
    paper in the group it was most often together with."""
    n = x.shape[0]
    co = co_association(x, hashes)
    distance = 1.0 - co
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average")
    lowest = min(MIN_TOPICS, max(1, n // 4))  # a handful of papers gets fewer topics
    smallest = max(1, min(max(MIN_PAPERS, int(MIN_SHARE * n)), n // lowest))
    groups = _big_groups(fcluster(tree, 1.0 - TOGETHER, "distance"), smallest)
    if len(groups) < lowest or len(groups) > MAX_TOPICS:  # too few or too many: the cut with the nearest count
        target = lowest if len(groups) < lowest else MAX_TOPICS
        best = groups if len(groups) <= MAX_TOPICS else []
        for t in range(target, n + 1):
            groups = _big_groups(fcluster(tree, t, "maxclust"), smallest)
            if len(best) < len(groups) <= MAX_TOPICS:
                best = groups
            if len(groups) >= target:
                break
        groups = best or [np.arange(n)]
    return _refine(co, groups, smallest)


def _refine(co: np.ndarray, groups: list[np.ndarray], smallest: int) -> np.ndarray:
    """A group number per row: each paper in the group it was most often together
    with (mean co-association), repeated ``REFINE_ROUNDS`` times or until nothing
    moves; a group that shrinks under ``smallest`` papers is dissolved."""
    labels = np.argmax(np.stack([co[:, g].mean(axis=1) for g in groups], axis=1), axis=1)
    for _ in range(REFINE_ROUNDS):
        members = [np.flatnonzero(labels == c) for c in range(int(labels.max()) + 1)]
        kept = [m for m in members if len(m) >= smallest] or [np.arange(len(labels))]
        new = np.argmax(np.stack([co[:, g].mean(axis=1) for g in kept], axis=1), axis=1)
        if len(kept) == len(members) and np.array_equal(new, labels):
            break
        labels = new
    return np.unique(labels, return_inverse=True)[1]


def _big_groups(flat: np.ndarray, smallest: int) -> list[np.ndarray]:
    """The members of each cluster of at least ``smallest`` rows, largest first (ties: first row)."""
    members = [np.flatnonzero(flat == c) for c in np.unique(flat)]
    return sorted((m for m in members if len(m) >= smallest), key=lambda m: (-len(m), int(m[0])))


def cluster(z: np.ndarray, order: np.ndarray, ids: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """A topic number per row of ``z`` (-1: outlier) and the topics' unit centroids.
    The consensus is found on the first ``SAMPLE`` papers in stable order; every
    paper then joins the topic whose centroid is nearest."""
    n = z.shape[0]
    z = z.astype(np.float64)
    usable = np.flatnonzero(np.linalg.norm(z, axis=1) > 0)
    if len(usable) < 2:
        return np.full(n, -1), np.zeros((0, z.shape[1]))
    sample = np.sort(order[np.isin(order, usable)][:SAMPLE])
    x = z[sample]
    with threadpool_limits(limits=1, user_api="blas"):  # many small products: threads only wait on each other
        labels = consensus(x, vectors.id_hashes([ids[i] for i in sample]))
    k = int(labels.max()) + 1
    centroids = _centroids(x, labels, k, np.zeros((k, x.shape[1])))
    labels_all = np.concatenate([np.argmax(z[s:s + 20000] @ centroids.T, axis=1) for s in range(0, n, 20000)])
    labels_all[sample] = labels
    cos = np.einsum("ij,ij->i", z, centroids[labels_all])
    labels_all[(cos < OUTLIER_COS)] = -1
    return labels_all, centroids


# --- phrases ------------------------------------------------------------------------------
#
# A topic is named by phrases (``text/phrases.py``: one to three words inside a clause,
# none of them a stop word, keyed lower-case and singular), shown in the spelling most
# papers use.

def readable(paper: Paper) -> str:
    """A paper's text as names read it: without copyright and publisher sentences, and
    empty when it is not English (``text/boilerplate.py``)."""
    text = prose(without_boilerplate(paper_text(paper)))
    return text if is_english(text) else ""


def paper_text(paper: Paper, as_written: bool = False) -> str:
    """The text phrases are read from: the title (in sentence case unless ``as_written``:
    proper names are told by their capitals) and the abstract."""
    if paper.title_inferred:
        return paper.abstract
    return f"{paper.title if as_written else sentence_case(paper.title)}. {paper.abstract}"


def distinctive(inside: PhraseCounts, n_in: int, everywhere: PhraseCounts, n_all: int,
                limit: int) -> list[tuple[str, ...]]:
    """Phrases of a topic ranked by coverage × log lift (frequent inside, rare outside),
    longer phrases preferred; a single word gives way to a phrase that contains it in
    half its papers ("dark" → "dark matter"), and a phrase sharing a word with a
    better-ranked one is skipped."""
    scored = []
    floor = max(2, math.ceil(0.04 * n_in))
    for key, df in inside.df.items():
        if df < floor or (len(key) == 1 and key[0].endswith(ADJECTIVE_ENDINGS)):
            continue
        score = phrase_score(key, inside, n_in, everywhere, n_all)
        if score > 0:
            scored.append((-score, key))
    longer: dict[str, tuple[int, tuple[str, ...]]] = {}
    for key, df in inside.df.items():
        if len(key) > 1 and df >= floor:
            for word in key:
                if df > longer.get(word, (0, ()))[0]:
                    longer[word] = (df, key)
    chosen: list[tuple[str, ...]] = []
    for _, key in sorted(scored):
        if len(key) == 1 and key[0] in longer and 2 * longer[key[0]][0] >= inside.df[key]:
            key = longer[key[0]][1]
        if any(_overlaps(key, other) for other in chosen):
            continue
        chosen.append(key)
        if len(chosen) == limit:
            break
    return chosen


def phrase_lift(key: tuple[str, ...], inside: PhraseCounts, n_in: int, everywhere: PhraseCounts, n_all: int) -> float:
    """How much more often a topic's papers use a phrase than the collection's."""
    return (inside.df[key] / n_in) / ((everywhere.df[key] + 1) / (n_all + 1))


def phrase_score(key: tuple[str, ...], inside: PhraseCounts, n_in: int, everywhere: PhraseCounts, n_all: int) -> float:
    """Coverage × log lift, longer phrases preferred; 0 when the lift is under 1.5."""
    lift = phrase_lift(key, inside, n_in, everywhere, n_all)
    return _telling(inside.df[key] / n_in, lift, len(key)) if lift > 1.5 else 0.0


def _telling(cover: float, lift: float, size: int) -> float:
    """How telling a phrase of ``size`` words is: coverage × log(lift), longer phrases preferred."""
    return cover * math.log(lift) * (1 + 0.75 * (size - 1))


def _overlaps(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Phrases sharing a word or a word's root ("fair" and "fairness", "equivariance"
    and "equivariant"): one would only repeat the other in a name."""
    return any(_same_root(x, y) for x in a for y in b)


def _same_root(x: str, y: str) -> bool:
    short, long_ = sorted((x, y), key=len)
    return short == long_ or (len(short) >= 4 and long_.startswith(short)) or (len(short) >= 7 and long_[:7] == short[:7])


# --- topics of a collection ---------------------------------------------------------------

def vectors_of(papers: list[Paper], dims: int = DIMS, exact: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """The LSA rows of ``papers`` (TF-IDF of title and abstract) and their stable order;
    ``exact``: from an exact SVD (stable as papers are added), else the randomized one."""
    texts = [vectors.paper_text(p) for p in papers]
    order = vectors.stable_order([p.id for p in papers])
    if len(papers) < 3:
        return np.zeros((len(papers), 2), dtype=np.float32), order
    terms = vectors.tfidf(texts)
    return vectors.embed(terms.matrix, order, dims=dims, sample=SAMPLE, exact=exact), order


def derive(papers: list[Paper]) -> Derived:
    """Topics for ``papers`` (deterministic): named, described, with ``match`` terms."""
    z, order = vectors_of(papers)
    labels, _ = cluster(z, order, [p.id for p in papers])
    rank = np.empty(len(papers), dtype=np.int64)
    rank[order] = np.arange(len(papers))
    groups: dict[int, list[int]] = defaultdict(list)
    for i in np.argsort(rank, kind="stable"):  # papers in stable order inside each topic
        groups[int(labels[i])].append(int(i))
    # largest first; ties: the one whose first paper comes first in stable order (not the
    # cluster's number, which the order of the sources may change)
    members = sorted((groups[g] for g in groups if g >= 0), key=lambda m: (-len(m), int(rank[m[0]])))
    topics = name_topics(papers, members, (z, order))
    topic_of = {papers[i].id: t.slug for t, group in zip(topics, members) for i in group}
    topic_of.update({papers[i].id: CATCH_ALL.slug for i in groups.get(-1, [])})
    return Derived(Taxonomy(tuple(topics) + (CATCH_ALL,), ()), topic_of)


def name_topics(papers: list[Paper], members: list[list[int]],
                vectors: tuple[np.ndarray, np.ndarray] | None = None) -> list[Topic]:
    """Each topic of ``members`` (the indices of its papers in ``papers``) named, described
    and given ``match`` terms and a slug (``naming``; a field's name when the collection
    spans fields, ``vocabulary``). A pure function of the collection and its groups, so a
    later build (or a taxonomy kept across builds) names the same papers alike;
    ``vectors``: ``vectors_of(papers)``, when already computed."""
    z, order = vectors or vectors_of(papers)
    centroids = np.zeros((len(members), z.shape[1]))
    centroids = _centroids(z[np.concatenate(members)].astype(np.float64),
                           np.repeat(np.arange(len(members)), [len(m) for m in members]), len(members), centroids) \
        if members else centroids
    pool = order[:PHRASE_POOL].tolist()
    texts = [readable(papers[i]) for i in pool]
    found_in = [phrases_of(t) for t in texts]
    everywhere = PhraseCounts.count(found_in)
    usage = naming.Usage.of(texts)
    names = proper_names(paper_text(papers[i], as_written=True) for i in pool)
    counted, sizes = topic_counts(z[pool], centroids, found_in)
    insides = [(PhraseCounts(counted[n], everywhere.spellings), float(sizes[n])) for n in range(len(members))]
    heads = term_heads(everywhere)
    found = [candidates(inside, n_in, everywhere, len(pool), usage, names, heads) for inside, n_in in insides]
    row = {i: r for r, i in enumerate(pool)}
    for n, group in enumerate(members):
        mine = [found_in[row[i]] for i in group if i in row]
        if not found[n] and mine:  # no phrase telling enough by soft counts: its own papers, counted whole
            insides[n] = (PhraseCounts(PhraseCounts.count(mine).df, everywhere.spellings), float(len(mine)))
            found[n] = candidates(*insides[n], everywhere, len(pool), usage, names, heads)
        elif mine and not any(naming.term(c) for c in found[n]):  # no term: a term of its own papers, if any
            whole = PhraseCounts(PhraseCounts.count(mine).df, everywhere.spellings)
            terms = candidates(whole, float(len(mine)), everywhere, len(pool), usage, names, heads)
            found[n] = terms if any(naming.term(c) for c in terms) else found[n]
    own = [[texts[row[i]] for i in group if i in row] for group in members]
    found = [naming.whole(f, everywhere.spellings, t, names) for f, t in zip(found, own)]
    found = naming.titled(found, *_title_candidates(papers, members, pool, usage, names, everywhere.spellings))
    chosen = naming.choose(found)
    fields = vocabulary.field_names([vocabulary.match(profile(inside, n_in, everywhere, len(pool)))
                                     for inside, n_in in insides])
    topics: list[Topic] = []
    used: set[str] = {CATCH_ALL.slug}
    for (inside, n_in), mine, picked, field, written in zip(insides, found, chosen, fields, own):
        keys = distinctive(inside, n_in, everywhere, len(pool), MATCH_TERMS)
        keys = [k for k in keys if not (len(k) == 1 and k[0] in names)] or keys
        name = naming.joined(*picked, everywhere.spellings, written) if len(picked) == 2 and not field else None
        topics.append(_topic(picked, mine, keys, inside, used, field, name))
    return topics


def _title_candidates(papers: list[Paper], members: list[list[int]], pool: list[int], usage: "naming.Usage",
                      names: frozenset[str], spellings: dict) -> tuple[list[list["naming.Candidate"]], list[Counter]]:
    """Each topic's candidates read in its papers' titles (those of the phrase ``pool``),
    counted over the collection's titles, and how many of its titles use each phrase key:
    what ``naming.titled`` finds the field's term for the topic in; ``spellings``: how the
    collection's texts write each phrase (a title's capitals are not how a name shows it)."""
    in_pool = set(pool)
    keys = {i: phrases_of(papers[i].title) for i in pool}
    everywhere = PhraseCounts.count(list(keys.values()))
    heads = term_heads(everywhere)
    spellings = {k: spellings.get(k) or v for k, v in everywhere.spellings.items()}
    found, counts = [], []
    for group in members:
        mine = [keys[i] for i in group if i in in_pool]
        counted = PhraseCounts(PhraseCounts.count(mine).df, spellings)
        found.append(candidates(counted, float(max(1, len(mine))), everywhere, len(pool), usage, names, heads, True))
        counts.append(counted.df)
    return found, counts


def topic_counts(x: np.ndarray, centroids: np.ndarray, found_in: list[dict]) -> tuple[list[Counter], np.ndarray]:
    """Each topic's document frequency of each phrase, every row of ``x`` (a paper of
    the pool, its phrases in ``found_in``) counted by its soft membership (``SOFT``),
    and the papers each topic so counts. A paper near the border of two topics counts
    in both, so its moving to the other as papers are added changes little."""
    x = x.astype(np.float64)
    cos = x @ centroids.T
    weights = np.exp((cos - cos.max(axis=1, keepdims=True, initial=0.0)) / SOFT)
    weights /= np.maximum(weights.sum(axis=1, keepdims=True), 1e-300)
    weights[~np.any(x, axis=1)] = 0.0  # an empty vector belongs nowhere
    weights[weights < 0.01] = 0.0
    index: dict[tuple[str, ...], int] = {}
    rows, cols = [], []
    for r, found in enumerate(found_in):
        for key in found:
            rows.append(r)
            cols.append(index.setdefault(key, len(index)))
    present = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(found_in), len(index)))
    df = (sp.csr_matrix(weights.T) @ present).tocsr()
    keys = list(index)
    counted = [Counter({keys[c]: float(v) for c, v in zip(df.indices[df.indptr[g]:df.indptr[g + 1]],
                                                           df.data[df.indptr[g]:df.indptr[g + 1]])})
               for g in range(centroids.shape[0])]
    return counted, weights.sum(axis=0)


#: A word written in its key's (singular) form in fewer than this share of a
#: phrase's spellings keeps its written form in the slug ("species", "physics").
SINGULAR_WRITTEN = 0.1


def candidates(inside: PhraseCounts, n_in: float, everywhere: PhraseCounts, n_all: int, usage: "naming.Usage",
               names: frozenset[str], heads: frozenset = frozenset(), titled: bool = False) -> list["naming.Candidate"]:
    """The phrases that may name a topic (``naming.nameable``), best ``phrase_score`` first;
    a single word gives way to a nameable phrase holding it in half its papers, and is
    none of the ``heads`` of the collection's terms (``term_heads``)."""
    floor = max(2, math.ceil(0.04 * n_in))
    found = []
    for key, df in inside.df.items():
        if df < floor or (len(key) == 1 and key[0] in names):
            continue
        score = phrase_score(key, inside, n_in, everywhere, n_all)
        if score <= 0:
            continue
        spelling = naming.shown(inside.spelling(key, plural=True), names, inside.spellings[key])
        score *= naming.word_weight(spelling)
        if naming.nameable(key, spelling, usage, inside.spellings[key], everywhere.df, df / n_in, titled):
            singular = naming.shown(inside.spelling(key), names, inside.spellings[key])
            found.append(naming.Candidate(key, spelling, singular, score, df / n_in, min(1.0, df / everywhere.df[key])))
    found.sort(key=lambda c: (-c.score, c.key))
    longer: dict[str, float] = {}
    for c in found:
        if len(c.key) > 1:
            for w in c.key:
                longer[w] = max(longer.get(w, 0.0), c.cover)
    return [c for c in found if c.key not in heads
            and not (len(c.key) == 1 and 2 * longer.get(c.key[0], 0.0) >= c.cover)]


def term_heads(everywhere: PhraseCounts) -> frozenset[tuple[str, ...]]:
    """The phrases (one or two words) the collection mostly writes after one same word,
    the end of a longer term ("discontinuity" of "regression discontinuity", "Space
    Telescope" of "Hubble Space Telescope"): alone they name a piece of that term."""
    best: dict[tuple[str, ...], float] = {}
    for key, df in everywhere.df.items():
        if len(key) > 1:
            best[key[1:]] = max(best.get(key[1:], 0.0), df)
    return frozenset(k for k, n in best.items() if n >= naming.TERM_HEAD * everywhere.df.get(k, 0) > 0)


def profile(inside: PhraseCounts, n_in: float, everywhere: PhraseCounts, n_all: int) -> dict[tuple[str, ...], float]:
    """The phrases telling of a topic, weighted coverage × log lift (at least 0.1): what
    it is matched to the research fields of ``vocabulary`` by."""
    return {k: df / n_in * max(math.log(phrase_lift(k, inside, n_in, everywhere, n_all)), 0.1)
            for k, df in inside.df.items() if df >= 2}


def _topic(picked: list["naming.Candidate"], mine: list["naming.Candidate"], keys: list[tuple[str, ...]],
           counts: PhraseCounts, used: set[str], field: str | None = None, name: str | None = None) -> Topic:
    """A topic named by its ``field``, or ``name``, or its ``picked`` phrases (``naming.choose``),
    described by them and the next of its own candidates, matched by ``keys``
    (``MATCH_TERMS``). The slug is the first phrase's key, singular and lower-case, whatever
    spelling the name shows: "markets" and "market" are one permalink."""
    words = [counts.spelling(k) for k in keys] or ["miscellaneous papers"]
    if field or name:
        name = field or name
    elif picked:
        name = " and ".join(c.spelling for c in picked)
    else:
        name = words[0]
    extra: list = []
    for c in mine:
        if c not in picked and naming.mentionable(c) and not any(naming.repeats(c, o) for o in picked + extra):
            extra.append(c)
    phrases = picked + extra[:naming.DESCRIPTION_PHRASES - len(picked)]
    slugs = iter([slugify(slug_text(k, counts)) for k in keys] or [slugify(words[0])])
    slug = next(slugs)
    while not slug or slug in used or paths.reserved(slug):
        more_slug = next(slugs, None)
        slug = f"{slug}-{more_slug}" if more_slug else f"{slug}-{len(used)}"
    used.add(slug)
    description = naming.described([c.spelling for c in phrases], [c.cover for c in phrases], field, len(picked),
                                   None if field or not picked else name)
    return Topic(slug, naming.capitalised(name), description, tuple(words))


def slug_text(key: tuple[str, ...], counts: PhraseCounts) -> str:
    """A phrase's words for its slug: its key (lower-case, singular), but a word the
    collection hardly ever writes in that form keeps its written one ("species",
    "physics", not "specie", "physic")."""
    forms = counts.spellings.get(key) or Counter()
    total = sum(forms.values())
    out = list(key)
    for i, word in enumerate(key):
        written = Counter()
        for spelling, n in forms.items():
            parts = spelling.lower().split(" ")
            if len(parts) == len(key):
                written[parts[i]] += n
        if total and written[word] < SINGULAR_WRITTEN * total:
            out[i] = max(sorted(written), key=lambda w: written[w], default=word)
    return " ".join(out)


# --- a maintained taxonomy's unmatched papers ----------------------------------------------

#: A paper no rule matched joins the topic whose rule-placed papers it is most
#: like when its cosine to that topic's centroid (LSA, DIMS dimensions) is at least
#: this. Measured on the bundled corpus, each rule-placed paper left out of its
#: topic's centroid: at cosine ≥ 0.55 the nearest topic is the rules' own for 82%
#: of papers (55% of papers reach it), at ≥ 0.5 for 76%, over all papers 68%.
SIMILAR_COS = 0.55


def place_by_similarity(papers: list[Paper], topic_of: dict[str, str], unplaced: set[str]) -> dict[str, str]:
    """Topic slugs for the ``unplaced`` paper ids that are clearly close to a topic."""
    if not unplaced or len(papers) < 3:
        return {}
    z, _ = vectors_of(papers, exact=False)  # SIMILAR_COS was measured on it
    z = z.astype(np.float64)
    slugs = sorted({topic_of[p.id] for p in papers if p.id not in unplaced})
    if not slugs:
        return {}
    index = {s: n for n, s in enumerate(slugs)}
    labels = np.array([index.get(topic_of[p.id], -1) if p.id not in unplaced else -1 for p in papers])
    placed = labels >= 0
    centroids = _centroids(z[placed], labels[placed], len(slugs), np.zeros((len(slugs), z.shape[1])))
    out = {}
    for i, p in enumerate(papers):
        if p.id in unplaced and np.any(z[i]):
            cos = centroids @ z[i]
            best = int(np.argmax(cos))
            if cos[best] >= SIMILAR_COS:
                out[p.id] = slugs[best]
    return out


# --- a draft data/topics.yml ---------------------------------------------------------------

SUGGEST_HEADER = """\
# A draft taxonomy, derived from the collection by `python -m generator topics suggest`.
# Edit it: rename topics, merge or split them, add or remove `match` terms (words
# or phrases; case-sensitive when written in capitals, plurals match, "prun*"
# matches words that begin so). The topic with the most matches wins a paper,
# ties go to the topic listed first; a paper no rule matches joins its most
# similar topic when it is clearly close, else the catch-all.
"""


def suggest_yaml(derived: Derived, tags: list[str]) -> str:
    """``derived`` as a topics.yml a maintainer can edit (every value quoted: the
    names come from abstracts and must stay text)."""
    q = json.dumps  # a JSON string is a YAML double-quoted scalar
    lines = [SUGGEST_HEADER, f"catch_all: {CATCH_ALL.slug}", "", "topics:"]
    for t in derived.taxonomy.topics:
        lines += [f"  - name: {q(t.name, ensure_ascii=False)}", f"    slug: {t.slug}",
                  f"    description: {q(t.description, ensure_ascii=False)}"]
        if t.patterns:
            lines.append("    match: [" + ", ".join(q(p, ensure_ascii=False) for p in t.patterns) + "]")
        lines.append("")
    lines.append("tags:" if tags else "tags: []")
    lines += [f"  - {{name: {q(name, ensure_ascii=False)}}}" for name in tags]
    return "\n".join(lines) + "\n"
