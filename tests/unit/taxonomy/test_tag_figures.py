"""Issue #24's tag figures, held on collections built with no data/topics.yml.

``benchmarks/tags.py`` measures the same on any collection (the real ones of
/work/collections are not committed): the share of distinct tags on one paper only
(at most 10%), of single everyday English words (at most 2%), and no workflow keyword,
spelling-variant pair, topic name or catch-all among the tags; every paper has at most
``MAX_TAGS``, each shared with another paper (the README's promise). The fixtures are the
ten-field collections and two small exports written for these tests, modelled on a lab's
Zotero export (reading-status keywords, "Im Text", British and American spellings) and on
PubMed records (MeSH headings with "*" and "/", check tags, headings with a comma).
"""
from __future__ import annotations

import sys
from collections import Counter

import pytest

from generator.taxonomy import MAX_TAGS
from generator.taxonomy.tags import is_workflow_keyword
from support.project import FIXTURES, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import tags as bench_tags  # noqa: E402  (benchmarks/tags.py: reading a collection, the figures)

@pytest.fixture(scope="module", params=["fields_c", "fields_d", "lab"])
def built(request):
    name = request.param
    source = str(FIXTURES / "tags") if name == "lab" else name
    papers, derived, tagged, names = bench_tags.read(source)
    figures = bench_tags.figures(tagged, names, [t.name for t in derived.taxonomy.topics], is_workflow_keyword)
    return name, tagged, names, derived, figures


def test_few_tags_lead_to_one_paper_only(built):
    name, _, _, _, f = built
    assert f["single"] <= 0.10, (name, f["single"])


def test_few_tags_are_one_everyday_word(built):
    name, _, _, _, f = built
    assert f["everyday"] <= 0.02, (name, f["everyday_tags"])


def test_no_workflow_keyword_spelling_variant_or_topic_name_is_a_tag(built):
    name, _, names, derived, f = built
    assert f["workflow"] == [] and f["variants"] == [] and f["topic_names"] == [], (name, f)
    catch_all = next(t for t in derived.taxonomy.topics if t.catch_all)
    assert catch_all.name not in names.values() and catch_all.slug not in names


def test_every_paper_has_what_the_readme_promises(built):
    """Up to MAX_TAGS tags, each shared with at least one other paper; most papers two or more."""
    name, tagged, names, _, f = built
    counts = Counter(t for p in tagged for t in p.tags)
    assert all(len(p.tags) <= MAX_TAGS for p in tagged)
    assert min(counts.values()) >= 2 and set(counts) == set(names), name
    assert sum(len(p.tags) >= 2 for p in tagged) >= 0.6 * len(tagged), (name, f["per_paper"])


def _lab():
    papers, derived, tagged, names = bench_tags.read(str(FIXTURES / "tags"))
    return {p.title.split()[0] + p.title.split()[-1]: p for p in tagged}, names


def test_a_labs_keywords_become_shared_concepts_and_its_workflow_keywords_vanish():
    by_id, names = _lab()
    shown = {n.casefold() for n in names.values()}
    assert not shown & {"peer-reviewed", "read", "unread", "to-read", "im text", "done", "processed", "verified",
                        "conference", "journal", "short", "priority: high"}
    # One tag each for "honeybee"/"Honey bees" and "collective behaviour"/"collective behavior".
    assert sum(n in shown for n in ("honeybee", "honeybees", "honey bees", "honey bee")) == 1, shown
    assert sum(n in shown for n in ("collective behaviour", "collective behavior")) == 1, shown
    waggle = next(slug for slug, n in names.items() if n.casefold() == "waggle dance")
    assert waggle in by_id["AnalysisRobot"].tags and waggle in by_id["AutomaticHoneybees"].tags
    assert "spiking neural" not in shown and "spiking neural networks" in shown


def test_a_keyword_one_record_uses_stays_on_its_page():
    by_id, names = _lab()
    assert "thermoregulation" not in {n.casefold() for n in names.values()}
    assert by_id["CollectiveStress"].keywords == ("thermoregulation",)
    assert "odour navigation" in by_id["SpikingInsects"].keywords


def test_mesh_headings_are_whole_and_check_tags_are_no_tags():
    by_id, names = _lab()
    shown = {n.casefold() for n in names.values()}
    assert not shown & {"humans", "female", "male", "aged", "80 and over", "aged, 80 and over", "middle aged",
                        "adult", "animals", "mice", "young adult", "local", "biological", "neoplastic"}
    assert "fibroblasts" in shown and "stromal cells" in shown  # "Fibroblasts/*metabolism" in three records
    assert "ankylosing spondylitis" in shown  # "Spondylitis, Ankylosing/*diagnostic imaging": one heading
    assert "Local Neoplasm Recurrence" in by_id["Caveolin-1Recurrence"].keywords


def test_the_measure_finds_each_kind_of_spelling_variant():
    """benchmarks/tags.py's own check, so a figure of zero variants means none were there."""
    pairs = bench_tags.variant_pairs(sorted([
        "collective behaviour", "collective behavior", "honeybee", "honey bees", "GNN", "graph neural networks",
        "GC analysis", "Granger causality analysis", "ν3 bands", "nu3 band", "HH neurons", "Hodgkin-Huxley neurons",
        "dark matter", "prostate cancer"], key=str.casefold))
    assert len(pairs) == 6 and not any("dark matter" in p or "prostate cancer" in p for p in pairs), pairs
