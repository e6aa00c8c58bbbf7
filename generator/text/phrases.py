"""Phrases: runs of one to three words inside a clause, none of them a stop word.

A phrase's key is its words lower-cased and singular ("dark matter haloes" and
"Dark matter halo" are one phrase); :class:`PhraseCounts` counts the papers that
use each and shows it in the spelling most papers use. The words are
``tokens.PHRASE_WORD``; no phrase crosses ``tokens.CLAUSE_BREAK`` or holds LaTeX; a
word of ``words.STOP_WORDS`` or ``words.GENERIC_WORDS`` ends one.
Topic names (``taxonomy/topic_model.py``) and tags (``taxonomy/__init__.py``) are made
of them.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

from generator.text.normalise import stem
from generator.text.tokens import CLAUSE_BREAK, MATH_OR_COMMAND, PHRASE_WORD
from generator.text.words import GENERIC_WORDS, STOP_WORDS

_STOP = STOP_WORDS | GENERIC_WORDS


@lru_cache(maxsize=1 << 17)  # bounded: under `mkdocs serve` it lives as long as the process
def word_key(word: str) -> str | None:
    """A word's phrase key (lower-case, singular), or None for a stop word or a number."""
    low = word.lower()
    key = stem(low)
    return key if len(word) > 1 and low not in _STOP and key not in _STOP and not low[0].isdigit() else None


def phrases_of(text: str, longest: int = 3) -> dict[tuple[str, ...], str]:
    """Every phrase of ``text``: key → the spelling it has there (first occurrence)."""
    found: dict[tuple[str, ...], str] = {}
    for clause in CLAUSE_BREAK.split(MATH_OR_COMMAND.sub(" . ", text)):
        words = PHRASE_WORD.findall(clause)
        keys = [word_key(w) for w in words]
        for i, key in enumerate(keys):
            if key is None:
                continue
            for size in range(1, longest + 1):
                if i + size > len(keys) or keys[i + size - 1] is None:
                    break
                k = tuple(keys[i:i + size])
                if k not in found and (size > 1 or len(key) > 2):
                    found[k] = " ".join(words[i:i + size])
    return found


@dataclass(slots=True)
class PhraseCounts:
    """Document frequency of each phrase, and the spellings seen."""

    df: Counter
    spellings: dict[tuple[str, ...], Counter]

    @classmethod
    def of(cls, texts) -> "PhraseCounts":
        return cls.count(phrases_of(text) for text in texts)

    @classmethod
    def count(cls, found_in) -> "PhraseCounts":
        """Counts of the phrases found in each text (``phrases_of`` results)."""
        df: Counter = Counter()
        spellings: dict[tuple[str, ...], Counter] = defaultdict(Counter)
        for found in found_in:
            df.update(found.keys())
            for k, s in found.items():
                spellings[k][s] += 1
        return cls(df, spellings)

    def spelling(self, key: tuple[str, ...], plural: bool = False) -> str:
        """The usual spelling: lower-case unless the words are acronyms or always capitalised;
        with ``plural``, the plural form when a third of the papers write it so
        ("galaxies and telescopes" reads as a topic, "galaxy and telescope" less)."""
        forms = self.spellings[key]
        plurals = {s: n for s, n in forms.items() if stem(s.rsplit(" ", 1)[-1].lower()) != s.rsplit(" ", 1)[-1].lower()}
        if plural and sum(plurals.values()) * 3 >= sum(forms.values()):
            forms = plurals
        top = max(sorted(forms), key=lambda s: forms[s])
        lowered = sum(n for s, n in forms.items() if s == s.lower())
        if lowered * 3 >= sum(forms.values()):
            return " ".join(w if is_acronym(w) else w.lower() for w in top.split())
        return top


#: A word the collection writes capitalised nearly every time ("Arthur", "Turing",
#: "Hilbert") is a name; words made from a name ("Bayesian", "Hamiltonians")
#: still name a topic.
_FROM_NAME = re.compile(r"ians?$")


def proper_names(texts) -> frozenset[str]:
    """The phrase keys of the single words the ``texts`` write capitalised (not in
    capitals) at least nine times in ten: names of people and places, which never
    name a topic alone (in phrases they may: "Monte Carlo", "Hilbert spaces")."""
    capital, lower = Counter(), Counter()
    for text in texts:
        for word in PHRASE_WORD.findall(MATH_OR_COMMAND.sub(" . ", text)):
            if word.islower():
                lower[word] += 1
            elif word[0].isupper() and word[1:].islower():
                capital[word.lower()] += 1
    return frozenset(k for w, n in capital.items() if n >= 2 and lower[w] * 9 <= n and not _FROM_NAME.search(w)
                     and (k := word_key(w)) is not None)


def is_acronym(word: str) -> bool:
    return sum(c.isupper() for c in word) >= 2


def sentence_case(title: str) -> str:
    """A title written in Title Case ("Computing Machinery and Intelligence") with its
    capitalised words lower-cased, so its phrases are spelled as running text spells
    them ("Software and testing", not "Software and Testing"); acronyms and a title
    in sentence case are left as they are."""
    long_words = [w for w in PHRASE_WORD.findall(title) if len(w) >= 4 and not is_acronym(w)]
    capital = sum(w[0].isupper() for w in long_words)
    if len(long_words) < 3 or capital < 0.8 * len(long_words):
        return title
    return PHRASE_WORD.sub(lambda m: m[0] if is_acronym(m[0]) else m[0].lower(), title)
