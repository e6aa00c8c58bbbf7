"""Phrases (generator/text/phrases.py): the words topic names and tags are made of."""
from __future__ import annotations

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
