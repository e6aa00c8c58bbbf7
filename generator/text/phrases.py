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
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

from generator.text.latex import SYMBOLS
from generator.text.lexicon import participle, parts_of_speech, singular, verb_lemma
from generator.text.normalise import ascii_fold, fold, stem
from generator.text.tokens import CLAUSE_BREAK, MATH_OR_COMMAND, PHRASE_WORD
from generator.text.words import GENERIC_WORDS, OBJECT_WORDS, STOP_WORDS, VERB_CUES

_STOP = STOP_WORDS | GENERIC_WORDS


@lru_cache(maxsize=1 << 17)  # bounded: under `mkdocs serve` it lives as long as the process
def word_key(word: str, generic: bool = True) -> str | None:
    """A word's phrase key (lower-case, singular), or None for a stop word or a number; with
    ``generic`` False, a word of ``GENERIC_WORDS`` ("process", "data") has a key too."""
    low = word.lower()
    key = stem(low)
    stop = _STOP if generic else STOP_WORDS
    return key if len(word) > 1 and low not in stop and key not in stop and not low[0].isdigit() else None


#: The keys of GENERIC_WORDS: a phrase of these alone names nothing ("data analysis").
GENERIC_KEYS = frozenset(stem(w) for w in GENERIC_WORDS)


def phrases_of(text: str, longest: int = 3, generic: bool = True) -> dict[tuple[str, ...], str]:
    """Every phrase of ``text``: key → the spelling it has there (first occurrence). With
    ``generic`` False, GENERIC_WORDS are words of phrases ("business processes")."""
    found: dict[tuple[str, ...], str] = {}
    for clause in CLAUSE_BREAK.split(MATH_OR_COMMAND.sub(" . ", text)):
        words = PHRASE_WORD.findall(clause)
        keys = [word_key(w, generic) for w in words]
        for i, size, k in _runs(keys, longest):
            if k not in found and (size > 1 or len(k[0]) > 2):
                found[k] = " ".join(words[i:i + size])
    return found


def _runs(keys: list[str | None], longest: int):
    """(start, size, key) of every run of one to ``longest`` keyed words."""
    for i, key in enumerate(keys):
        if key is None:
            continue
        for size in range(1, longest + 1):
            if i + size > len(keys) or keys[i + size - 1] is None:
                break
            yield i, size, tuple(keys[i:i + size])


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


# --- one concept across spellings ----------------------------------------------------------

#: British spellings the rules of ``american`` miss.
_AMERICAN = {"defence": "defense", "licence": "license", "offence": "offense", "programme": "program",
             "grey": "gray", "aluminium": "aluminum", "sulphur": "sulfur", "sulphate": "sulfate",
             "sulphide": "sulfide", "mould": "mold", "plough": "plow", "tyre": "tire", "ageing": "aging",
             "cheque": "check", "judgement": "judgment", "acknowledgement": "acknowledgment"}
_SPELLING_RULES = (
    (re.compile(r"(?<=[a-z]{3})our(?=(?:s|al|ally|ed|ing|ite|ites|able|ful|less|ist|ists)?$)"), "or"),  # behaviour
    (re.compile(r"(?<=[a-z]{2})is(?=(?:e|es|ed|ing|er|ers|ation|ations|ational)$)"), "iz"),  # optimisation
    (re.compile(r"(?<=[a-z])ys(?=(?:e|es|ed|ing|er|ers)$)"), "yz"),  # analysed
    (re.compile(r"(?<=[a-z]{2})([tb])re(?=s?$)"), r"\1er"),  # centre, fibre
    (re.compile(r"(?<=[a-z]{3}[ea])ll(?=(?:ing|ed|er|ers)$)"), "l"),  # modelling, labelled
    (re.compile(r"(?<=[a-z]{3})ogue(?=s?$)"), "og"),  # catalogue
    (re.compile(r"(?:^|(?<=[a-z]))[ao]e(?=[a-z])"), "e"),  # haemoglobin, oestrogen (words of six letters or more)
)


def american(word: str) -> str:
    """A lower-case word spelled the American way: "behaviour" → "behavior", "optimisation"
    → "optimization", "analysed" → "analyzed", "centre" → "center", "modelling" → "modeling",
    "haemoglobin" → "hemoglobin". For keys only: a rule may turn a word no one writes
    otherwise into a non-word ("contour" → "contor"), which no other word meets."""
    if word in _AMERICAN:
        return _AMERICAN[word]
    for pattern, replacement in _SPELLING_RULES:
        if pattern is not _SPELLING_RULES[-1][0] or len(word) >= 6:
            word = pattern.sub(replacement, word)
    return word


#: Greek letters and the names they are written as (``latex.SYMBOLS``: "ν" → "nu").
_GREEK = {c: n.lower() for n, c in SYMBOLS.items()
          if len(c) == 1 and unicodedata.name(c, "").startswith("GREEK") and not n.startswith("var")}
_GREEK_NAMES = str.maketrans(_GREEK)
#: The names of the Greek letters ("epsilon", "lambda"): symbols, no tag alone.
GREEK_LETTERS = frozenset(_GREEK.values())


@lru_cache(maxsize=1 << 16)
def concept_key(text: str) -> str:
    """What every spelling of one concept shares: folded to lower-case ASCII, each word
    singular and American, hyphens and spaces gone: "honeybees", "honey bees" and
    "Honey-bee" are "honeybee"; "collective behaviour" and "Collective behaviors" are
    "collectivebehavior"; "analyses" is "analysis". Any other mark is part of the name
    (:func:`concept_marks`): "C++", "C#" and "C" are three concepts, "${HOME}" is not "HOME"."""
    text = text.translate(_GREEK_NAMES)  # "ν3 band" is "nu3 band"
    words = fold(text).split()
    if not words or any(c.isalpha() and not ascii_fold(c) for c in text):  # "日本語", "UŦ": their own key
        return "".join(text.casefold().split())
    return "".join(american(singular(w)) for w in words) + concept_marks(text)


#: Marks that only spell a concept differently: apostrophes and full stops ("Alzheimer's",
#: "E. coli"); dashes (Unicode's Pd) and spaces are spelling too.
_SPELLING_MARKS = frozenset("'’ʼ.")


def concept_marks(text: str) -> str:
    """The punctuation and symbols of ``text`` that make it another concept than its words
    alone ("++" of "C++", "${}" of "${HOME}"), in order; "" for words, hyphens, apostrophes
    and full stops only."""
    return "".join(c for c in text if unicodedata.category(c)[0] in "PS" and
                   unicodedata.category(c) != "Pd" and c not in _SPELLING_MARKS)


# --- noun phrases ---------------------------------------------------------------------------
#
# A tag names a thing: a noun phrase whose last word (its head) is a noun ("honey bees",
# "spiking neural networks", "graphene"), never a phrase cut before its noun ("spiking
# neural", "complex social") or one holding a verb or an adverb ("robots promote", "vary
# greatly", "highly accurate"). Parts of speech come from ``lexicon``; a word it does not
# know ("exoplanet", "mtDNA") is taken for a noun unless its ending says adjective or adverb.

#: A small letter and a number: a label ("ν1", "x2"), no head of a phrase ("H2" is a molecule).
_LABEL = re.compile(r"[^\W\d_A-Z]\d+")

#: Endings of an unknown word that is an adjective or adverb ("biomimetic", "explainable").
_NOT_A_HEAD = ("ic", "ous", "ive", "able", "ible", "al", "ary", "ory", "ly", "ful", "less")


def _head(word: str) -> bool:
    if is_acronym(word):
        return True
    if _LABEL.fullmatch(word):
        return False  # "bands ν1", "ν3 ν2": a label, no noun
    low = word.lower().rsplit("-", 1)[-1]
    pos = parts_of_speech(low)
    if not pos:
        return not low.endswith(_NOT_A_HEAD) or len(low) <= 3
    # Not "neural", "promote", "greatly". A word that may be a noun or an adjective
    # ("social", "capital") is a head here; ``phrase_ends`` tells "complex social"
    # (always followed by its noun) from "human capital".
    return "NOUN" in pos or "PROPN" in pos


def _modifier(word: str) -> bool:
    if is_acronym(word):
        return True
    low = word.lower().rsplit("-", 1)[-1]
    pos = parts_of_speech(low)
    if not pos:
        return not low.endswith("ly")
    if pos <= {"ADV"} or (low.endswith("ly") and "ADV" in pos and "ADJ" not in pos):
        return False  # "highly", "greatly"
    if pos <= {"VERB", "AUX"}:  # a verb's participle modifies ("spiking neurons", "coupled oscillators")
        return participle(low)
    return True


def is_noun_phrase(words: list[str] | tuple[str, ...]) -> bool:
    """Whether written ``words`` make a whole noun phrase: a noun last, before it only
    nouns, adjectives and participles ("honey bees", "spiking neural networks")."""
    return bool(words) and _head(words[-1]) and all(_modifier(w) for w in words[:-1])


def phrase_uses(text: str, longest: int = 3, generic: bool = True) -> dict[tuple[str, ...], tuple[str, bool, bool, bool]]:
    """Each phrase of ``text`` (keyed as by ``phrases_of``): its first spelling, whether it
    starts and whether it ends a noun group somewhere in the text (no content word right
    before it, none right after it: a stop word that may be a noun, "term" of "long short
    term memory", counts as one), and whether it reads as a verb somewhere (:func:`_verbal`:
    "to find collision-free paths", "the data highlight the"). A phrase that never ends one
    is cut from a longer one ("spiking neural" of "spiking neural networks"), one that never
    starts one too ("der Waals forces")."""
    found: dict[tuple[str, ...], tuple[str, bool, bool, bool]] = {}
    # Math and numbers stand between words here ("H$_2$-dominated atmospheres", "exoplanet
    # HD 189733b"): a phrase next to one is cut from a longer name.
    for clause in CLAUSE_BREAK.split(MATH_OR_COMMAND.sub(" 0 ", text)):
        words = _TOKEN.findall(clause)
        keys = [word_key(w, generic) if not w[0].isdigit() else None for w in words]
        content = [k is not None or w[0].isdigit() or _content(w) for k, w in zip(keys, words)]
        for i, size, k in _runs(keys, longest):
            spelling, starts, ends, verbal = found.get(k) or (" ".join(words[i:i + size]), False, False, False)
            found[k] = (spelling, starts or i == 0 or not content[i - 1],
                        ends or i + size == len(keys) or not content[i + size],
                        verbal or _verbal(words, i, size))
    return found


def _verbal(words: list[str], i: int, size: int) -> bool:
    """Whether ``words[i:i + size]`` reads as a verb here: its first word a verb after "to", a
    subject or a modal ("to plan paths", "we exploit", "and then plan paths"), or a verb's -s
    form after "and", "which"… ("and plans paths"); or its last word a verb before an object
    ("the data highlight the") or, after a singular noun, a verb's -s form before "to", "on"…
    ("the agent needs to", "this article draws on")."""
    first, last = words[i].lower(), words[i + size - 1].lower()
    before = words[i - 1].lower() if i > 0 else ""
    after = words[i + size].lower() if i + size < len(words) else ""
    if "VERB" in parts_of_speech(first) and (before in VERB_CUES or (before in _CLAUSE_JOINS and _verb_s(first))):
        return True
    if "VERB" not in parts_of_speech(last) or participle(last):
        return False
    return (after in OBJECT_WORDS and after not in ("which", "what", "such")) or \
        (size > 1 and after in _VERB_PARTICLES and _verb_s(last) and singular(words[i + size - 2].lower()) == words[i + size - 2].lower())


def _verb_s(word: str) -> bool:
    """A verb's third-person -s form ("plans", "draws")."""
    return word.endswith("s") and verb_lemma(word) != word


#: Words after which a verb's -s form is a verb ("and plans paths", "which finds").
_CLAUSE_JOINS = frozenset("and which that who also".split())
#: Words a verb's -s form is followed by ("needs to", "draws on").
_VERB_PARTICLES = frozenset("to on upon from".split())


def phrase_ends(text: str, longest: int = 3, generic: bool = True) -> dict[tuple[str, ...], tuple[bool, bool]]:
    """Each phrase of ``text``: whether it starts and whether it ends a noun group somewhere
    (``phrase_uses`` without the spellings)."""
    return {k: (starts, ends) for k, (_, starts, ends, _) in phrase_uses(text, longest, generic).items()}


#: Words and numbers, for ``phrase_uses``.
_TOKEN = re.compile(r"[^\W_][^\W_]*(?:[-'][^\W_]+)*")


@lru_cache(maxsize=1 << 14)
def _content(word: str) -> bool:
    """Whether a stop word may be part of a noun group ("term", "state"): a noun or an adjective."""
    return bool(parts_of_speech(word.lower()) & {"NOUN", "ADJ"})
