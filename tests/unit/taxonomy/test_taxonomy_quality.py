"""The taxonomy of data/topics.yml on the bundled corpus: topics a reader can trust, useful tags.

Every paper gets one primary topic and 2 to 8 tags; at most 5% land in the
catch-all topic; papers a reader would group together share a topic (checked
on a table of hand-read papers); spellings of one concept ("GNN", "GNNs",
"graph neural networks") are one tag.
"""
from __future__ import annotations

import re
from collections import Counter

import pytest

from generator import taxonomy
from generator.config import Settings
from generator.model.papers import Paper
from generator.model.taxonomy import Taxonomy, Topic
from generator.pipeline import collect, load_yaml
from generator.text.normalise import fold
from support.project import ROOT

CORPUS_SIZE = 463


@pytest.fixture(scope="module")
def collection():
    """The bundled corpus, read and organised once; collect() writes nothing."""
    result = collect(Settings.for_project(ROOT))
    assert not [p for p in result.problems if p.is_error], [str(p) for p in result.problems if p.is_error]
    return result.collection


@pytest.fixture(scope="module")
def project_taxonomy() -> Taxonomy:
    data, lines, problems = load_yaml(ROOT / "data" / "topics.yml", ROOT, required=True)
    tax, found = taxonomy.parse_taxonomy(data, "data/topics.yml", lines)
    assert tax is not None, [str(p) for p in problems + found]
    return tax


def by_title(collection, fragment: str) -> Paper:
    found = [p for p in collection.papers if fragment.lower() in p.title.lower()]
    assert len(found) == 1, (fragment, [p.title for p in found])
    return found[0]


def tag_names_of(collection, paper: Paper) -> set[str]:
    return {collection.tag_names[t] for t in paper.tags}


# --- topics and tags on every paper -----------------------------------------------------

def test_the_bundled_corpus_has_all_its_papers(collection):
    assert len(collection.papers) == CORPUS_SIZE
    assert len({p.id for p in collection.papers}) == CORPUS_SIZE


def test_every_paper_has_exactly_one_known_topic_and_two_to_eight_tags(collection):
    slugs = {t.slug for t in collection.taxonomy.topics}
    for p in collection.papers:
        assert isinstance(p.topic, str) and p.topic in slugs, (p.title, p.topic)
        assert taxonomy.MIN_TAGS <= len(p.tags) <= taxonomy.MAX_TAGS, (p.title, p.tags)  # the maintained vocabulary
        assert len(set(p.tags)) == len(p.tags), (p.title, p.tags)
        assert all(t in collection.tag_names for t in p.tags), (p.title, p.tags)


def test_at_most_five_percent_of_papers_are_in_the_catch_all_topic(collection):
    catch_all = [t.slug for t in collection.taxonomy.topics if t.catch_all]
    assert len(catch_all) == 1
    share = sum(p.topic == catch_all[0] for p in collection.papers) / len(collection.papers)
    assert share <= 0.05, f"{share:.1%} of papers in {catch_all[0]!r}"


def test_topics_are_few_enough_to_browse_and_each_holds_a_real_group(collection):
    topics = collection.taxonomy.topics
    assert 10 <= len(topics) <= 18
    sizes = Counter(p.topic for p in collection.papers)
    for t in topics:
        assert t.name.strip() and t.description.strip(), t.slug
        if not t.catch_all:
            assert sizes[t.slug] >= 8, (t.slug, sizes[t.slug])


def test_almost_every_paper_reaches_two_vocabulary_tags_without_the_fallback(collection):
    """The fallback (topic slug, then "machine-learning") is a last resort, not a tagging scheme."""
    vocabulary = list(collection.taxonomy.tags) + taxonomy.extract_acronym_tags(
        list(collection.papers), list(collection.taxonomy.tags), collection.taxonomy.ignore)
    matcher = taxonomy.Matcher.build({t.slug: [t.name, *t.aliases, *t.patterns] for t in vocabulary})
    short = [p.title for p in collection.papers
             if sum(score > 0 for score in matcher.scores(taxonomy.Words.of(p.title), taxonomy.Words.of(p.abstract)).values()) < taxonomy.MIN_TAGS]
    assert len(short) <= 0.01 * len(collection.papers), short
    assert not any("machine-learning" in p.tags for p in collection.papers)


def test_tags_are_shared_by_several_papers(collection):
    """A tag on a single paper is a dead end when browsing."""
    counts = Counter(t for p in collection.papers for t in p.tags)
    singletons = sorted(collection.tag_names[t] for t, n in counts.items() if n == 1)
    assert len(singletons) <= 5, singletons
    assert len(counts) >= 60  # enough distinct tags to be worth browsing


def test_no_tag_is_too_generic_to_be_useful(collection):
    generic = {"neural network", "neural networks", "deep learning", "deep neural network",
               "deep neural networks", "artificial intelligence", "machine learning", "benchmark"}
    used = {fold(collection.tag_names[t]) for p in collection.papers for t in p.tags}
    assert not used & generic, used & generic
    counts = Counter(t for p in collection.papers for t in p.tags)
    too_broad = {collection.tag_names[t]: n for t, n in counts.items() if n > 0.2 * len(collection.papers)}
    assert not too_broad, too_broad


# --- papers read by hand land in the topic their content promises ----------------------------

HAND_CHECKED = [
    # U-Net segmentation papers belong to segmentation, not to vision or architectures
    ("U-Net: Convolutional Networks for Biomedical Image Segmentation", "segmentation"),
    ("nnU-Net: Self-adapting Framework for U-Net-Based Medical Image Segmentation", "segmentation"),
    ("H-DenseUNet: Hybrid Densely Connected UNet for Liver and Tumor Segmentation", "segmentation"),
    ("PK-YOLO: Pretrained Knowledge Guided YOLO for Brain Tumor Detection", "segmentation"),
    # ... while a U-Net inside a diffusion model is a generative-model paper
    ("FreeU: Free Lunch in Diffusion U-Net", "generative-models"),
    ("Analyzing and Improving the Training Dynamics of Diffusion Models", "generative-models"),
    # graph learning
    ("Benchmarking Graph Neural Networks", "graph-learning"),
    ("Breaking the Entanglement of Homophily and Heterophily in Semi-supervised Node Classification", "graph-learning"),
    ("LINE: Large-scale Information Network Embedding", "graph-learning"),
    # pruning and quantisation belong to compression, whatever they are evaluated on
    ("To prune, or not to prune: exploring the efficacy of pruning for model compression", "compression"),
    ("The Lottery Ticket Hypothesis: Finding Sparse, Trainable Neural Networks", "compression"),
    ("Task-Specific Zero-shot Quantization-Aware Training for Object Detection", "compression"),
    ("LAPTOP-Diff: Layer Pruning and Normalized Distillation for Compressing Diffusion Models", "compression"),
    ("XNOR-Net: ImageNet Classification Using Binary Convolutional Neural Networks", "compression"),
    # symmetry and weight spaces
    ("E(n) Equivariant Graph Neural Networks", "equivariance"),
    ("Git Re-Basin: Merging Models modulo Permutation Symmetries", "equivariance"),
    # the other topics, one or two clear papers each
    ("Lagrangian PINNs: A causality-conforming solution", "scientific-ml"),
    ("Integration of Contrastive Predictive Coding and Spiking Neural Networks", "brain-inspired"),
    ("Natural Adversarial Examples", "trustworthy-ml"),
    ("Federated Optimization in Heterogeneous Networks", "systems"),
    ("ESPnet: End-to-End Speech Processing Toolkit", "language-speech"),
    ("Barlow Twins: Self-Supervised Learning via Redundancy Reduction", "representation-learning"),
    ("Dueling Network Architectures for Deep Reinforcement Learning", "reinforcement-learning"),
    ("Single Path One-Shot Neural Architecture Search with Uniform Sampling", "architectures"),
    ("YOLOv4: Optimal Speed and Accuracy of Object Detection", "vision"),
    ("Maximal Initial Learning Rates in Deep ReLU Networks", "theory"),
]


@pytest.mark.parametrize("title, topic", HAND_CHECKED, ids=[t[:40] for t, _ in HAND_CHECKED])
def test_hand_checked_papers_land_in_the_expected_topic(collection, title, topic):
    assert topic in {t.slug for t in collection.taxonomy.topics}
    paper = by_title(collection, title)
    assert paper.topic == topic, (paper.title, paper.topic)


@pytest.mark.parametrize("title, present, absent", [
    ("U-Net: Convolutional Networks for Biomedical Image Segmentation",
     {"U-Net", "image segmentation", "medical imaging"}, set()),
    ("Benchmarking Graph Neural Networks", {"graph neural networks"}, {"edge devices", "fairness"}),
    ("Synthesis of Batik Motifs using a Diffusion", {"generative adversarial networks", "diffusion models"},
     {"adversarial robustness"}),
    ("Sheaf Neural Networks with Connection Laplacians", {"graph neural networks"}, {"spiking neural networks"}),
    ("Task-Specific Zero-shot Quantization-Aware Training", {"quantization", "object detection", "COCO"}, set()),
    ("Efficient Image Captioning for Edge Devices", {"edge devices"}, set()),
])
def test_tags_of_hand_checked_papers(collection, title, present, absent):
    """Tags that should be there, and short aliases that must not fire ("edge", "fair", "SNN")."""
    names = tag_names_of(collection, by_title(collection, title))
    assert present <= names, (title, names)
    assert not names & absent, (title, names & absent)


# --- one concept, one tag ---------------------------------------------------------------------

GNN_PAPERS = [
    ("GNN for molecules", "We train a GNN on molecules and compare it with a transformer."),
    ("Scaling GNNs", "We show that GNNs scale to large graphs with message passing."),
    ("Graph neural networks for traffic", "We apply graph neural networks to traffic forecasting."),
    ("A graph neural network for proteins", "A graph neural network predicts protein function."),
]


def _papers(rows) -> list[Paper]:
    return [Paper(id=f"p{i}", title=title, abstract=abstract) for i, (title, abstract) in enumerate(rows)]


def _gnn_tags(names: dict[str, str], paper: Paper) -> set[str]:
    return {t for t in paper.tags if re.fullmatch(r"gnns?|graph neural networks?", fold(names[t]))}


def test_gnn_spellings_are_one_tag_with_the_project_vocabulary(project_taxonomy):
    out, names, _ = taxonomy.assign(_papers(GNN_PAPERS), project_taxonomy)
    found = [_gnn_tags(names, p) for p in out]
    assert all(len(tags) == 1 for tags in found), [(p.title, p.tags) for p in out]
    assert len(set().union(*found)) == 1, found
    assert all(p.topic == "graph-learning" for p in out), [(p.title, p.topic) for p in out]


def test_an_extracted_acronym_and_its_long_form_are_one_tag():
    """With no vocabulary at all, "graph neural networks (GNNs)" defined by 3 papers becomes one tag."""
    tiny = Taxonomy(topics=(Topic("graphs", "Graphs", "Graph papers.", ("graph",)),
                            Topic("other", "Other", "The rest.", catch_all=True)), tags=())
    rows = [(f"Paper {n}", f"We study graph neural networks (GNNs) for task {n}. Our GNN wins.") for n in range(3)]
    rows += [("Deeper GNNs", "We train deeper GNNs."), ("A graph neural network", "A graph neural network on graphs.")]
    out, names, _ = taxonomy.assign(_papers(rows), tiny)
    found = [_gnn_tags(names, p) for p in out]
    assert all(len(tags) == 1 for tags in found), [(p.title, p.tags) for p in out]
    assert len(set().union(*found)) == 1, (found, names)


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _key(name: str) -> str:
    return " ".join(_singular(w) for w in fold(name.replace("-", " ")).split())


def _initials(name: str) -> str:
    words = [w for w in fold(name.replace("-", " ")).split() if w not in {"of", "and", "the", "for", "a", "an", "in"}]
    return "".join(w[0] for w in words) if len(words) > 1 else ""


def test_no_two_tags_on_the_corpus_differ_only_by_plural_case_hyphen_or_acronym(collection):
    used = sorted({collection.tag_names[t] for p in collection.papers for t in p.tags})
    keys = Counter(_key(n) for n in used)
    assert not [k for k, n in keys.items() if n > 1], [n for n in used if keys[_key(n)] > 1]
    acronyms = {_initials(n): n for n in used if _initials(n)}
    clashes = [(n, acronyms[_key(n)]) for n in used if _key(n) in acronyms and acronyms[_key(n)] != n]
    assert not clashes, clashes


def test_every_tag_name_used_on_the_corpus_is_readable(collection):
    """No slug or markup shown as a name: the display name has letters and no backslash."""
    for slug in {t for p in collection.papers for t in p.tags}:
        name = collection.tag_names[slug]
        assert name.strip() and "\\" not in name and re.search(r"[A-Za-z]", name), (slug, name)
