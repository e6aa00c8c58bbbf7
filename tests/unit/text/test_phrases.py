"""Phrases (generator/text/phrases.py): the words topic names and tags are made of."""
from __future__ import annotations

import pytest

from generator.text import phrases


def test_latex_commands_outside_math_never_become_phrases():
    found = phrases.phrases_of(r"Norms of the space L^\infty and the limit $x \to \infty$ of Hilbert spaces")
    assert not [k for k in found if any("infty" in w for w in k)], found
    assert ("hilbert", "space") in found


def test_a_word_the_collection_always_capitalises_is_a_name_and_names_no_topic():
    texts = ["Arthur W. Burks. The logic of programming electronic digital computers.",
             "We read notes by Arthur and by Turing on a Bayesian view of computers.",
             "Computers, as Turing described them, with Bayesian methods.",
             "Digital computers and their programs, in a bayesian frame."]
    names = phrases.proper_names(texts)
    assert {"arthur", "turing"} <= names and not names & {"bayesian", "computer", "digital"}, names


def test_a_word_with_letters_outside_ascii_is_one_word_of_a_phrase():
    """"Kähler" is one word (it used to split into "K" and "hler": a "hler manifolds" tag)."""
    found = phrases.phrases_of("Compact Kähler manifolds and Schrödinger operators on Banach spaces")
    assert not [k for k in found if "hler" in k or "dinger" in k], found
    assert found[("kähler", "manifold")] == "Kähler manifolds" and found[("schrödinger", "operator")] == \
        "Schrödinger operators"
    assert ("banach", "space") in found and ("compact", "kähler", "manifold") in found


def test_one_concept_has_one_key_across_spellings():
    """US/UK, hyphen/space/joined, singular/plural: one tag each (issue #24's pairs)."""
    same = [("collective behavior", "Collective behaviours"), ("honeybee", "honey bees"), ("Honey-bee", "honeybees"),
            ("pre-eclampsia", "preeclampsia"), ("optimisation", "optimizations"), ("tumour", "tumors"),
            ("modelling", "modeling"), ("centre", "centers"), ("haemoglobin", "hemoglobin"),
            ("meta-analyses", "meta-analysis"), ("mice", "mouse"), ("Hodgkin–Huxley", "hodgkin-huxley"),
            ("E. coli", "E coli")]
    for a, b in same:
        assert phrases.concept_key(a) == phrases.concept_key(b), (a, b)
    apart = [("species", "specie"), ("physics", "physic"), ("data", "date"), ("analysis", "analyst"),
             ("neural networks", "neural network models"), ("filing", "filling"),
             ("C++", "C#"), ("C++", "C"), ("${HOME}", "HOME"), (";LT", ":LT"), ("R&D", "RD")]
    for a, b in apart:
        assert phrases.concept_key(a) != phrases.concept_key(b), (a, b)


@pytest.mark.parametrize(("phrase", "noun_phrase"), [
    ("honey bees", True), ("spiking neural networks", True), ("graphene", True), ("exoplanets", True),
    ("waggle dance", True), ("coupled oscillators", True), ("machine learning", True), ("non-B DNA", True),
    ("GNNs", True), ("human capital", True),
    ("spiking neural", False), ("Biomimetic robots promote", False), ("vary greatly", False),
    ("highly accurate", False), ("indels occurring", False), ("local genomic", False), ("evolve", False),
    ("explainable", False),
])
def test_a_tag_is_a_whole_noun_phrase(phrase, noun_phrase):
    assert phrases.is_noun_phrase(phrase.split()) is noun_phrase


def test_a_phrase_cut_from_a_longer_one_never_starts_or_ends_a_noun_group():
    uses = phrases.phrase_uses("Complex social behaviour of bees; complex social organisation. "
                               "Human capital is scarce. Long short term memory networks. Exoplanet HD 189733b.")
    assert uses[("complex", "social")][:3] == ("Complex social", True, False)
    assert uses[("social", "behaviour")][1:3] == (False, True)
    assert uses[("human", "capital")][1:3] == (True, True)
    assert uses[("long", "short")][2] is False  # "term" is a stop word, but a noun: the group goes on
    assert uses[("exoplanet", "hd")][2] is False  # a number goes on with a name


def test_a_phrase_that_reads_as_a_verb_is_marked():
    """A verb after "to", a subject or a modal, a verb's -s form after "and", or a last word
    that is a verb before its object: "to plan paths", "the data highlight the"."""
    uses = phrases.phrase_uses("We aim to plan collision-free paths for agents. The agent then plans paths. "
                               "Our data highlight the gap. This article draws on interviews; the agent needs to wait. "
                               "Path plans for robots. Collision-free paths are short. Spiking neurons fire.", generic=False)
    verbal = {k for k, v in uses.items() if v[3]}
    assert {("plan", "collision-free", "path"), ("plan", "path"), ("data", "highlight"), ("article", "draw"),
            ("agent", "need")} <= verbal, verbal
    assert not {("path", "plan"), ("collision-free", "path"), ("spiking", "neuron"), ("robot",)} & verbal, verbal


def test_greek_letters_and_their_names_are_one_concept():
    assert phrases.concept_key("ν3 bands") == phrases.concept_key("nu3 band")
    assert phrases.concept_key("Λ baryons") == phrases.concept_key("lambda baryon")
    assert not phrases.is_noun_phrase(["bands", "ν1"]) and not phrases.is_noun_phrase(["ν3", "ν2"])
    assert phrases.is_noun_phrase(["ν3", "bands"]) and phrases.is_noun_phrase(["molecular", "H2"])
