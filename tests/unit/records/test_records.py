"""Records → papers: cleaning, merging, ids, inferred titles, curation."""
from __future__ import annotations

import pytest

from generator.model.papers import Provenance, RawRecord
from generator.records import apply_curation, assign_ids, build_papers, clean
from generator.records.titles import infer_title
from generator.text.slugs import slugify


def rec(line: int, title=None, abstract=None, path="a.yml", **kw) -> RawRecord:
    return RawRecord(Provenance(path, line, "yaml"), title=title, abstract=abstract, **kw)


ABSTRACT = ("We propose FooNet, a graph neural network for molecule property prediction. "
            "It is accurate and fast on every benchmark we tried, and it scales to large graphs "
            "with millions of nodes while using little memory and training in minutes.")


@pytest.mark.parametrize("a, b", [
    ("U-Net: Convolutional Networks", "u-net convolutional networks"),
    ("Graph  Neural\nNetworks", "graph neural networks"),
    ("Rényi Divergence", "renyi divergence"),
    ("GNNs: A Survey!", "gnns a survey"),
])
def test_titles_that_slugify_the_same(a, b):
    assert slugify(a) == slugify(b)


@pytest.mark.parametrize("a, b", [
    ("Graph Networks", "Graph Network"),
    ("Deep Sets", "Deep Nets"),
])
def test_titles_that_do_not(a, b):
    assert slugify(a) != slugify(b)


def test_slug_is_ascii_lowercase_bounded():
    slug = slugify("Ünïcödé " + "very long words " * 20)
    assert slug == slug.lower() and slug.isascii() and len(slug) <= 80
    assert not slug.endswith("-") and "--" not in slug


def test_clean_collapses_whitespace_and_normalises_to_nfc():
    assert clean("  a\u0301  b\n\tc ") == "\u00e1 b c"
    assert clean("zero\u200bwidth") == "zero\u200bwidth"  # shown exactly, not stripped


def test_exact_duplicates_merge_and_keep_every_source():
    papers, problems = build_papers([rec(1, "Deep Sets", ABSTRACT), rec(9, "Deep Sets", ABSTRACT, path="b.txt")])
    assert len(papers) == 1
    assert [str(s) for s in papers[0].sources] == ["a.yml:1", "b.txt:9"]
    assert [p.kind for p in problems] == ["merged"]


def test_same_title_different_authors_stay_apart():
    papers, _ = build_papers([
        rec(1, "Deep Sets", "One abstract about sets and permutation invariance in networks.", authors=("Ann Lee",)),
        rec(2, "Deep Sets", "A different paper entirely about deep nets on sets of images.", authors=("Bo Chen",)),
    ])
    assert len(papers) == 2
    assert sorted(p.id for p in papers) == ["deep-sets", "deep-sets-2"]


def test_same_title_no_authors_clearly_different_abstracts_stay_apart():
    papers, _ = build_papers([
        rec(1, "Attention", "Transformers replace recurrence with attention for translation tasks."),
        rec(2, "Attention", "We study visual attention of humans watching videos in the laboratory."),
    ])
    assert len(papers) == 2


def test_same_title_one_author_in_common_merge_richest_fields():
    papers, _ = build_papers([
        rec(1, "Deep Sets", "Short.", authors=("Manzil Zaheer",)),
        rec(2, "Deep sets", ABSTRACT, authors=("M. Zaheer", "Satwik Kottur"), arxiv="1703.06114v3"),
    ])
    assert len(papers) == 1
    p = papers[0]
    assert p.abstract == ABSTRACT and p.authors == ("M. Zaheer", "Satwik Kottur") and p.arxiv == "1703.06114"


def test_arxiv_and_doi_merge_across_titles():
    papers, _ = build_papers([
        rec(1, "Preprint title", arxiv="2101.00001v1", abstract="x " * 5),
        rec(2, "Published title", arxiv="arXiv:2101.00001", abstract="y " * 5),
        rec(3, "Another", doi="https://doi.org/10.1000/ABC", abstract="z " * 5),
        rec(4, "Another one", doi="10.1000/abc", abstract="w " * 5),
    ])
    assert len(papers) == 2


def test_record_without_title_or_abstract_is_an_error_naming_the_line():
    papers, problems = build_papers([rec(7, None, None), rec(8, "Fine", ABSTRACT)])
    assert len(papers) == 1
    errors = [p for p in problems if p.is_error]
    assert [(e.path, e.line) for e in errors] == [("a.yml", 7)]
    assert "neither a title nor an abstract" in errors[0].message


def test_untitled_record_gets_an_inferred_title_naming_the_method():
    papers, problems = build_papers([rec(1, None, ABSTRACT)])
    assert papers[0].title_inferred
    assert papers[0].title.startswith("FooNet: ")
    assert "inferred-title" in {p.kind for p in problems}


@pytest.mark.parametrize("abstract, expected", [
    ("To address this, we introduce Physics-informed Residual Adaptive Networks (PirateNets), a novel architecture. "
     "It works.", "PirateNets: Physics-informed Residual Adaptive Networks"),
    ("Deep nets are big. In this paper, we present a novel encoder-decoder neural network for embedding 3D shapes "
     "in a single forward pass. It works.", "Encoder-decoder neural network for embedding 3D shapes in a single forward pass"),
    ("Pruning is popular. This paper offers a comprehensive review on label-efficient segmentation methods. Read it.",
     "Comprehensive review on label-efficient segmentation methods"),
])
def test_inferred_titles_say_what_the_paper_contributes(abstract, expected):
    assert infer_title(abstract) == expected


def test_inferred_title_never_cuts_inside_inline_math_and_reads_a_claim_or_a_name():
    claim = ("We propose that the majority of quasars at redshift $z\\sim 1 - 5$ formed in new halos. "
             "The harboring coefficient is local.")
    assert infer_title(claim) == "Majority of quasars at redshift $z\\sim 1 - 5$ formed in new halos"
    named = ("We introduce a value-added full-sky catalogue of galaxies, named as Galaxy List for the Advanced "
             "Detector Era, or GLADE. The purpose of this catalogue is to help.")
    assert infer_title(named) == "Galaxy List for the Advanced Detector Era: Value-added full-sky catalogue of galaxies"


@pytest.mark.parametrize("abstract, expected", [
    ("We report the discovery with XMM-Newton of 3-s X-ray pulsations from a source. It is new.",
     "Discovery with XMM-Newton of 3-s X-ray pulsations from a source"),
    ("This paper reports on the derivation of a shape optimization procedure. It works.",
     "Derivation of a shape optimization procedure"),
    ("This paper analyzes the insurability of pandemic risk and outlines how policies are used. Fine.",
     "Insurability of pandemic risk"),
    ("Correlations between stellar kinematics and chemical abundances are fossil evidence for evolutionary "
     "connections between Galactic structural components. More.",
     "Correlations between stellar kinematics and chemical abundances are fossil evidence for evolutionary connections"),
])
def test_inferred_titles_read_reports_and_analyses_and_end_on_a_content_word(abstract, expected):
    assert infer_title(abstract) == expected


def test_a_sentence_s_strong_verb_wins_over_a_late_weak_one():
    """The bundled FederatedScope-GNN abstract: "we first discuss the challenges … and
    present our implemented package FederatedScope-GNN (FS-G)" in its fourth sentence."""
    abstract = ("Federated learning helps. Graph learning is not supported. Frameworks are missing. "
                "In this paper, we first discuss the challenges and present our implemented package "
                "FederatedScope-GNN (FS-G), which provides a unified view. It works.")
    assert infer_title(abstract).startswith("FederatedScope-GNN")


def test_a_weak_verb_late_in_the_abstract_is_no_contribution():
    abstract = ("Active nematic fluids confined in channels generate flows. The flows are studied widely. "
                "Many models exist. We discuss the work that remains to be done.")
    assert infer_title(abstract) == "Active nematic fluids confined in channels generate flows"


def test_inferred_title_is_never_a_cut_off_sentence():
    title = infer_title("Nothing here says what the paper does and this sentence goes on and on for a very "
                        "long time without ever stopping because it is long. Second sentence.")
    assert 0 < len(title.split()) <= 14
    assert not title.endswith(("of", "the", "and", "for"))


def test_ids_unique_and_deterministic_regardless_of_input_order():
    records = [rec(i, t, ABSTRACT + str(i)) for i, t in enumerate(["B", "A", "b", "A!"])]
    ids1 = sorted(p.id for p in build_papers(records)[0])
    ids2 = sorted(p.id for p in build_papers(list(reversed(records)))[0])
    assert ids1 == ids2
    assert len(set(ids1)) == len(ids1)
    assert len({i.casefold() for i in ids1}) == len(ids1)


def test_assign_ids_never_steals_a_natural_slug():
    assert assign_ids(["A", "A", "A 2"]) == ["a", "a-3", "a-2"]


def test_curation_overrides_fields_and_clears_inferred_flag():
    papers, _ = build_papers([rec(1, None, ABSTRACT)])
    pid = papers[0].id
    curated, problems = apply_curation(papers, {pid: {"title": "FooNet", "topic": "graphs", "tags": ["x", "y"]}},
                                       "data/curation.yml", {pid: 3})
    assert problems == []
    assert curated[0].title == "FooNet" and not curated[0].title_inferred
    assert curated[0].given_topic == "graphs" and curated[0].given_tags == ("x", "y")
    assert curated[0].id == pid  # ids do not move when a title is curated


def test_curation_of_unknown_id_or_field_is_an_error_with_line():
    papers, _ = build_papers([rec(1, "Deep Sets", ABSTRACT)])
    _, problems = apply_curation(papers, {"nope": {"title": "x"}, "deep-sets": {"colour": "red"}},
                                 "data/curation.yml", {"nope": 4, "deep-sets": 6})
    assert [(p.line, p.is_error) for p in problems] == [(4, True), (6, True)]
    assert "unknown paper id" in problems[0].message and "colour" in problems[1].message


def test_author_marks_are_dropped_from_names():
    papers, _ = build_papers([rec(1, "Deep Sets", ABSTRACT, authors=("Yuanhao Wang*", "Ann Lee†", " Bo Chen "))])
    assert papers[0].authors == ("Yuanhao Wang", "Ann Lee", "Bo Chen")


def test_an_author_with_nothing_visible_is_no_author():
    # A soft hyphen and a footnote mark: nothing a page could show as a name; "---" is shown as written.
    papers, _ = build_papers([rec(1, "Deep Sets", ABSTRACT, authors=("\xad¹", "†", "Ann Lee", "李", "---"))])
    assert papers[0].authors == ("Ann Lee", "李", "---")


def test_old_style_arxiv_ids_keep_their_case():
    papers, _ = build_papers([RawRecord(Provenance("a.yml", 1), title="Ricci flow", arxiv="arXiv:math.DG/0303109v2"),
                              RawRecord(Provenance("b.yml", 1), title="Other", doi="https://doi.org/10.1000/ABC")])
    assert {p.title: (p.arxiv, p.doi) for p in papers} == {"Ricci flow": ("math.DG/0303109", None),
                                                          "Other": (None, "10.1000/abc")}


#: Pairs of abstracts of records with one title and no authors: one paper's
#: (a revised or cut-off abstract keeps most of its sentences) …
UNET_ABSTRACT = ("We introduce a network for image segmentation that trains on very few images. The network uses a "
            "contracting path to capture context and a symmetric expanding path for precise localisation. It "
            "outperforms the previous best method on the ISBI challenge by a large margin.")
SAME_PAPER = {
    "identical": (UNET_ABSTRACT, UNET_ABSTRACT),
    "revised": (UNET_ABSTRACT, UNET_ABSTRACT.replace("very few", "few").replace("a large margin", "a wide margin")
                + " Code is available online."),
    "cut off": (UNET_ABSTRACT, UNET_ABSTRACT[:200] + "…"),
}
#: … and different papers' (the same words, other sentences).
DIFFERENT_PAPERS = {
    "same words, other sentences": (
        UNET_ABSTRACT,
        "Image segmentation on the ISBI challenge needs a precise network. We trains the context path with very "
        "few images, and a large expanding margin outperforms localisation. It uses the previous best method to "
        "capture a symmetric network for segmentation that introduces contracting."),
    "same topic": (UNET_ABSTRACT, "We study segmentation of medical images with transformers pretrained on natural "
                             "images, and report results on three benchmarks, including the ISBI challenge."),
}


def untitled_pair(a: str, b: str) -> list[RawRecord]:
    return [RawRecord(Provenance("a.txt", 1), title="Segmentation network", abstract=a),
            RawRecord(Provenance("b.txt", 5), title="Segmentation Network", abstract=b)]


@pytest.mark.parametrize("case", SAME_PAPER)
def test_one_title_no_authors_and_one_text_is_one_paper(case):
    papers, problems = build_papers(untitled_pair(*SAME_PAPER[case]))
    assert len(papers) == 1 and len(papers[0].sources) == 2
    assert [p.kind for p in problems if p.kind in ("merged", "same-title")] == ["merged"]


@pytest.mark.parametrize("case", DIFFERENT_PAPERS)
def test_one_title_no_authors_and_other_sentences_are_two_papers(case):
    papers, problems = build_papers(untitled_pair(*DIFFERENT_PAPERS[case]))
    assert len(papers) == 2  # the second paper is not lost
    (kept,) = [p for p in problems if p.kind == "same-title"]
    assert (kept.path, kept.line) == ("b.txt", 5)
    assert kept.message.startswith("the same title as the paper at a.txt:1, and no authors, but another abstract (")
    assert not [p for p in problems if p.kind == "merged"]


def test_identifiers_that_are_none_are_warned_about_and_never_kept():
    """The issue's cases: a path, a word and a number where an id belongs pass no link on."""
    papers, problems = build_papers([
        rec(3, "Path", arxiv="../../x", doi="not-a-doi"),
        rec(9, "Number", arxiv="99999", doi="https://doi.org/10.1000/OK"),
        rec(12, "Fine", arxiv="arXiv:2101.00001v2"),
    ])
    by_title = {p.title: p for p in papers}
    assert (by_title["Path"].arxiv, by_title["Path"].doi) == (None, None)
    assert (by_title["Number"].arxiv, by_title["Number"].doi) == (None, "10.1000/ok")
    assert by_title["Fine"].arxiv == "2101.00001"
    bad = sorted((p.path, p.line, p.message.split(" is not")[0]) for p in problems if p.kind == "bad-identifier")
    assert bad == [("a.yml", 3, "arxiv '../../x'"), ("a.yml", 3, "doi 'not-a-doi'"), ("a.yml", 9, "arxiv '99999'")]


def test_curation_warns_about_an_identifier_that_is_none():
    papers, _ = build_papers([rec(1, "A paper", abstract="x")])
    curated, problems = apply_curation(papers, {"a-paper": {"doi": "not-a-doi", "arxiv": "2101.00001"}},
                                       "data/curation.yml", {"a-paper": 4})
    assert (curated[0].doi, curated[0].arxiv) == (None, "2101.00001")
    assert [(p.path, p.line, p.kind) for p in problems] == [("data/curation.yml", 4, "bad-identifier")]
