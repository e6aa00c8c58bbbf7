"""What English says of a word: how everyday it is, its parts of speech, its singular.

Two packages hold the data (it ships with them: no build reads the network):

- ``wordfreq`` (general-English word frequencies from many sources): :func:`zipf` and
  :func:`is_everyday`. A word of Zipf frequency ``EVERYDAY_ZIPF`` or more (about the
  3,000 most frequent English word forms: "summer", "history", "percent", "experience")
  names nothing a reader of one field would browse; "galaxy" (4.3), "inflation" (4.1),
  "graphene" (3.0) and "eclampsia" (2.4) are words of a field.
- ``lemminflect`` (an English lemma dictionary with each form's parts of speech):
  :func:`parts_of_speech` ("promote" a verb only, "neural" an adjective only, "social"
  both adjective and noun; an unknown word, "exoplanet", none) and :func:`singular`
  ("analyses" → "analysis", "mice" → "mouse", "species" stays).

Each look-up is cached (bounded); words are looked up lower-case.
"""
from __future__ import annotations

from functools import lru_cache

from generator.text.normalise import stem

#: wordfreq's Zipf scale: log10 of a word's frequency per billion words. 4.5 is about
#: once in 30,000 words.
EVERYDAY_ZIPF = 4.5


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return get_frequency_dict("en", wordlist="large")


@lru_cache(maxsize=1 << 16)
def zipf(word: str) -> float:
    """The Zipf frequency of one lower-case word in general English (0 if unknown)."""
    import math

    f = _frequencies().get(word)
    return round(math.log10(f * 1e9), 2) if f else 0.0


def is_everyday(word: str) -> bool:
    """Whether one word is among the most frequent of general English (``EVERYDAY_ZIPF``)."""
    return zipf(word.lower()) >= EVERYDAY_ZIPF


@lru_cache(maxsize=1 << 16)
def _lemmas(word: str) -> dict[str, tuple[str, ...]]:
    from lemminflect import getAllLemmas

    return getAllLemmas(word)


def parts_of_speech(word: str) -> frozenset[str]:
    """The parts of speech a lower-case word form can have: NOUN, VERB, ADJ, ADV, …
    (universal tags); empty for a word the dictionary does not know."""
    return frozenset(_lemmas(word))


def participle(word: str) -> bool:
    """Whether a lower-case word is a verb's -ing or -ed form ("spiking", "coupled"), which
    may stand before a noun as an adjective does; "promote" and "varies" may not."""
    verbs = _lemmas(word).get("VERB", ())
    return bool(verbs) and word.endswith(("ing", "ed", "en")) and word not in verbs


def verb_lemma(word: str) -> str:
    """A lower-case verb form's base form ("planning" → "plan", "finds" → "find"); a word
    that is no verb stays."""
    return _lemmas(word).get("VERB", (word,))[0]


@lru_cache(maxsize=1 << 16)
def singular(word: str) -> str:
    """A lower-case noun's singular: the dictionary's noun lemma ("analyses" → "analysis",
    "mice" → "mouse", "criteria" → "criterion"), else the plural rules of ``normalise.stem``
    ("exoplanets" → "exoplanet")."""
    lemmas = _lemmas(word).get("NOUN")
    if not lemmas:
        return stem(word)
    if word not in lemmas:
        return lemmas[0]
    # A plural the dictionary also lists as a noun of its own: "dimensions" is "dimension",
    # but "physics", "statistics" and "species" stay.
    return stem(word) if stem(word) in lemmas and not word.endswith("ics") else word
