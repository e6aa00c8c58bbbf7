"""Ids that are kept (generator/records/permalinks.py): a paper keeps the id it was first
published with across title edits, re-imports, merges and namesakes; an id is never reused."""
from __future__ import annotations

from dataclasses import replace

from generator.model.ledger import MERGED, REMOVED, Kept, Ledger, PaperEntry
from generator.model.papers import Provenance, RawRecord
from generator.records import build_papers
from generator.records import permalinks as kept_ids
from generator.text import fingerprint as fp

UNET = ("There is large consent that successful training of deep networks requires many thousand annotated "
        "training samples. In this paper, we present a network and training strategy that relies on the strong "
        "use of data augmentation to use the available annotated samples more efficiently.")
SETS = ("We study the problem of designing models for machine learning tasks defined on sets. In contrast to "
        "traditional approach of operating on fixed dimensional vectors, we consider objective functions defined "
        "on sets that are invariant to permutations.")
ATTENTION_A = ("The dominant sequence transduction models are based on complex recurrent or convolutional neural "
               "networks that include an encoder and a decoder. We propose a new simple network architecture, the "
               "Transformer, based solely on attention mechanisms.")
ATTENTION_B = ("Visual attention in primates selects a small part of the scene for detailed processing. We record "
               "from neurons of the macaque frontal eye field while the animals search cluttered displays for a "
               "target, and relate their firing to where the eyes move next.")


def rec(line: int, title=None, abstract=None, path="a.yml", **kw) -> RawRecord:
    return RawRecord(Provenance(path, line, "yaml"), title=title, abstract=abstract, **kw)


def publish(papers, status: dict[str, str] | None = None) -> Ledger:
    """The ledger a build of ``papers`` publishes (only what keeping ids reads of it)."""
    status = status or {}
    return Ledger(tuple(PaperEntry(key=p.id, id=p.id, status=status.get(p.id, "live"), title=p.title,
                                   authors=p.authors, arxiv=p.arxiv, doi=p.doi,
                                   citation_keys=(p.citation_key,) if p.citation_key else (),
                                   fingerprint=fp.fingerprint(p.abstract)) for p in papers))


def ids(*records) -> list[str]:
    return [p.id for p in build_papers(list(records))[0]]


def keep(ledger, *records):
    papers, _ = build_papers(list(records))
    return kept_ids.keep_ids(papers, ledger, {r.provenance: r for r in records})


def test_without_a_ledger_every_paper_keeps_its_fresh_id():
    papers, _ = build_papers([rec(1, "U-Net", UNET), rec(2, "Deep Sets", SETS)])
    out, kept = kept_ids.keep_ids(papers, None)
    assert out == papers and kept.entry == {} and set(kept.fingerprints) == {"u-net", "deep-sets"}


def test_an_edited_title_keeps_the_id():
    before, _ = build_papers([rec(1, "Focal-UNet: Focal Modulation for Medical Image Segmentation", UNET),
                              rec(2, "Deep Sets", SETS)])
    out, kept = keep(publish(before), rec(1, "Focal-UNet: Focal Modulation for Clinical Image Segmentation", UNET),
                     rec(2, "Deep Sets", SETS))
    assert [p.id for p in out] == ["deep-sets", "focal-unet-focal-modulation-for-medical-image-segmentation"]
    assert out[1].title.endswith("Clinical Image Segmentation")
    assert kept.entry == {"deep-sets": 0, "focal-unet-focal-modulation-for-medical-image-segmentation": 1}


def test_a_new_title_and_a_revised_abstract_keep_the_id():
    before, _ = build_papers([rec(1, "U-Net: Convolutional Networks for Biomedical Image Segmentation", UNET)])
    revised = UNET.replace("many thousand", "thousands of").replace(" more efficiently", "") + " It is fast."
    out, _ = keep(publish(before), rec(1, "U-Net: Convolutional Networks for Image Segmentation", revised))
    assert [p.id for p in out] == ["u-net-convolutional-networks-for-biomedical-image-segmentation"]


def test_a_paper_reimported_from_another_format_keeps_its_id():
    """A listing line (no identifiers) comes back as a BibTeX entry with a key, a DOI and braces in its title."""
    before, _ = build_papers([rec(1, "Deep Sets", SETS, path="old.txt")])
    out, _ = keep(publish(before), rec(40, "Deep {S}ets: Permutation-Invariant Models", SETS, path="new.bib",
                                       doi="10.5555/3294996.3295098", citation_key="zaheer2017"))
    assert [p.id for p in out] == ["deep-sets"]


def test_identifiers_win_over_a_title_rewritten_whole():
    before, _ = build_papers([rec(1, "Deep Sets", SETS, arxiv="1703.06114")])
    out, _ = keep(publish(before), rec(1, "Permutation invariance for learning on sets", "A new abstract.",
                                       arxiv="arXiv:1703.06114v3"))
    assert [p.id for p in out] == ["deep-sets"]


def test_two_arxiv_ids_are_two_papers_whatever_the_title():
    before, _ = build_papers([rec(1, "Deep Sets", SETS, arxiv="1703.06114")])
    out, kept = keep(publish(before), rec(1, "Deep Sets", SETS, arxiv="1811.00001"))
    assert [p.id for p in out] == ["deep-sets-2"] and kept.entry == {}


def test_a_merged_duplicate_keeps_the_oldest_id_and_the_other_redirects():
    first, _ = build_papers([rec(1, "U-Net for Segmentation", UNET)])
    ledger = publish(first)
    # A second record of the paper, under another title and with its own words: two pages.
    other = UNET.replace("There is large consent", "It is widely agreed").replace("In this paper", "Here")
    two, _ = build_papers([rec(1, "U-Net for Segmentation", UNET), rec(1, "The U-Net", other[:120], path="b.yml")])
    assert len(two) == 2
    second, kept2 = kept_ids.keep_ids(two, ledger)
    ledger = Ledger(ledger.papers + (replace(publish([p for p in second if p.id == "the-u-net"]).papers[0]),))
    # Both records get the DOI: the build merges them into one paper.
    out, kept = keep(ledger, rec(1, "U-Net for Segmentation", UNET, doi="10.1000/unet"),
                     rec(1, "The U-Net", other[:120], path="b.yml", doi="10.1000/unet"))
    assert [p.id for p in out] == ["u-net-for-segmentation"]
    assert kept.entry == {"u-net-for-segmentation": 0} and kept.merged == {1: "u-net-for-segmentation"}
    assert kept.aliases["the-u-net"] == "u-net-for-segmentation"


def test_a_namesake_gets_a_new_id_and_the_published_paper_keeps_its_own():
    """Another paper with the same title arrives from a file that sorts first: the fresh ids
    would give it the published paper's id."""
    before, _ = build_papers([rec(1, "Attention", ATTENTION_A, path="b.yml", authors=("Ashish Vaswani",))])
    assert ids(rec(1, "Attention", ATTENTION_B, path="a.yml", authors=("Kirk Thompson",)),
               rec(1, "Attention", ATTENTION_A, path="b.yml", authors=("Ashish Vaswani",))) == ["attention", "attention-2"]
    out, kept = keep(publish(before), rec(1, "Attention", ATTENTION_B, path="a.yml", authors=("Kirk Thompson",)),
                     rec(1, "Attention", ATTENTION_A, path="b.yml", authors=("Ashish Vaswani",)))
    by_abstract = {p.abstract: p.id for p in out}
    assert by_abstract == {ATTENTION_A: "attention", ATTENTION_B: "attention-2"}


def test_an_id_is_never_reused_and_a_paper_that_comes_back_gets_its_own():
    gone = publish(build_papers([rec(1, "Attention", ATTENTION_A)])[0], {"attention": REMOVED})
    out, _ = keep(gone, rec(1, "Attention", ATTENTION_B, authors=("Kirk Thompson",)))
    assert [p.id for p in out] == ["attention-2"]
    out, kept = keep(gone, rec(7, "Attention Is All You Need", ATTENTION_A, path="c.yml"))
    assert [p.id for p in out] == ["attention"] and kept.entry == {"attention": 0}


def test_short_abstracts_of_other_papers_neither_match_nor_merge():
    """'We segment images, study 9.' is not 'study 0.': a removed paper with a short abstract is
    removed (not merged into a similar one), and a newcomer does not take its id; the same
    short abstract under an edited title is still the paper."""
    records = [rec(n, f"Paper number {n} on segmentation", f"We segment images, study {n}.") for n in range(4)]
    papers, _ = build_papers(records)
    ledger = publish(papers)
    out, kept = keep(ledger, *(r for r in records if r.provenance.line != 2))
    assert kept.merged == {} and "paper-number-2-on-segmentation" not in {p.id for p in out}
    newcomer = rec(9, "Paper number 9 on segmentation", "We segment images, study 9.")
    out, kept = keep(ledger, *records[:2], records[3], newcomer)
    assert {p.id for p in out} == {"paper-number-0-on-segmentation", "paper-number-1-on-segmentation",
                                   "paper-number-3-on-segmentation", "paper-number-9-on-segmentation"}
    out, _ = keep(ledger, *records[:3], rec(3, "Paper number three on segmentation", "We segment images, study 3."))
    assert "paper-number-3-on-segmentation" in {p.id for p in out}


def test_a_removed_paper_is_taken_by_no_one():
    before, _ = build_papers([rec(1, "U-Net", UNET), rec(2, "Deep Sets", SETS)])
    out, kept = keep(publish(before), rec(2, "Deep Sets", SETS))
    assert [p.id for p in out] == ["deep-sets"] and kept.entry == {"deep-sets": 0} and kept.merged == {}


def test_the_same_sources_and_their_own_ledger_keep_every_id():
    records = [rec(n, t, a, authors=au) for n, (t, a, au) in enumerate([
        ("Attention", ATTENTION_A, ("A. Vaswani",)), ("Attention", ATTENTION_B, ("K. Thompson",)),
        ("U-Net", UNET, ()), ("Deep Sets", SETS, ()), ("Untitled", None, ())])]
    papers, _ = build_papers(records)
    out, kept = kept_ids.keep_ids(papers, publish(papers))
    assert [p.id for p in out] == [p.id for p in papers] and len(kept.entry) == len(papers)


# --- renaming on purpose ----------------------------------------------------------------------

def test_a_paper_renamed_in_curation_keeps_its_old_id_as_an_alias():
    papers, _ = build_papers([rec(1, "U-Net", UNET), rec(2, "Deep Sets", SETS)])
    ledger = publish(papers)
    papers, kept = kept_ids.keep_ids(papers, ledger)
    out, kept, problems = kept_ids.rename(papers, {"u-net": ("unet-2015", 3)}, kept, ledger, "data/curation.yml")
    assert problems == [] and [p.id for p in out] == ["deep-sets", "unet-2015"]
    assert kept.entry["unet-2015"] == 1 and kept.aliases["u-net"] == "unet-2015"


def test_a_rename_to_an_id_another_paper_has_or_had_is_refused():
    papers, _ = build_papers([rec(1, "U-Net", UNET), rec(2, "Deep Sets", SETS)])
    ledger = Ledger(publish(papers).papers + (PaperEntry(key="old", id="old", status=REMOVED),))
    papers, kept = kept_ids.keep_ids(papers, ledger)
    for slug in ("deep-sets", "old", "Not A Slug"):
        out, _, problems = kept_ids.rename(papers, {"u-net": (slug, 4)}, kept, ledger, "data/curation.yml")
        assert [p.id for p in out] == ["deep-sets", "u-net"] and len(problems) == 1, slug
        assert problems[0].path == "data/curation.yml" and problems[0].line == 4


def test_curation_written_for_an_earlier_id_applies_to_the_paper():
    kept = Kept(aliases={"u-net-old-title": "u-net"})
    curation = {"u-net-old-title": {"venue": "MICCAI", "slug": "unet"}, "topics/vision": {"slug": "seeing"},
                "tags/x": {"slug": "y"}}
    asked, problems = kept_ids.split_curation(curation, {"tags/x": 9}, kept, "data/curation.yml")
    assert asked.papers == {"u-net": {"venue": "MICCAI"}} and asked.renames == {"u-net": ("unet", 0)}
    assert asked.topics == {"vision": ({"slug": "seeing"}, 0)}
    assert [(p.line, "tags/x" in p.message) for p in problems] == [(9, True)]
    assert MERGED == "merged"
