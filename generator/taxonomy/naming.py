"""Names and descriptions of derived topics: what a researcher of the field would write.

A topic is named by noun phrases of its own papers that are distinctive of it
(frequent in the topic, rare outside: coverage × log lift, longer phrases preferred),
kept only when they name something:

- a noun phrase: it ends on a noun ("variational inequalities", never "spiking neural"
  or "solving fixed"), holds no verb but as a fixed first word ("spiking neural
  networks", when the papers nearly always write it so), and is no fragment of a
  longer phrase (a phrase the papers nearly always continue, "rapid infant weight"
  of "rapid infant weight gain", or a word they nearly always use as a modifier,
  "image" of "image classification");
- of the field: not an everyday English word alone (``lexicon``: "market", "support"),
  nor made only of the words every field uses ("evidence", "observations",
  "real world", "last decades");
- not a proper name (a phrase the papers always capitalise: "Hubble Space
  Telescope", "Springer Science"), nor a Latin name few of the topic's papers use.

Names are distinct: a phrase one topic's name holds (or a phrase holding it, or held in
it) names no other topic, so two topics on one subject say how they differ; the
topic where a contested phrase is more telling keeps it.

A description is two sentences about the topic's papers, their shares counted:
"These papers are about galaxies and star formation. Most of them discuss galaxies,
some star formation; they also mention redshift surveys and dark matter haloes."

Everything here is a pure function of the collection's papers and each paper's
topic weights, so a later build can name the same papers the same way.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from generator.text import lexicon
from generator.text.phrases import is_acronym, is_noun_phrase, phrase_ends
from generator.text.words import (ACADEMIC_WORDS, EVALUATIVE_WORDS, GENERAL_WORDS, NAME_STOP_WORDS, OBJECT_WORDS,
                                  UNITS)

#: Endings of an adjective: a word that may be one ("conditional", "potential") names nothing alone.
ADJECTIVE_ENDINGS = ("al", "ic", "ical", "ous", "ive", "ary", "ory", "ible", "able", "ful", "less")

#: Phrases of a topic's name and description.
NAME_PHRASES, DESCRIPTION_PHRASES = 2, 5
#: A phrase names a topic only if at least this share of its papers use it: a phrase of
#: two or three papers ("Basel II" in a topic of 30) may be very distinctive, but it is
#: not what the topic is about. (Shares counted by soft membership, ``topic_model.SOFT``.)
NAME_COVER = 0.12
#: A phrase that ends a noun group in fewer than this share of the texts using it is a
#: fragment of a longer one ("rapid infant weight" of "rapid infant weight gain").
ENDS_GROUP = 0.4
#: The same for a word that may be an adjective as well as a noun ("conditional" [cash
#: transfers], "excitatory" [synapses]): it must end a noun group in most texts.
ADJECTIVE_ENDS_GROUP = 0.7
#: A phrase of several words the collection writes capitalised word by word this often
#: is a proper name ("Hubble Space Telescope", "Ozone Monitoring Instrument").
PROPER = 0.8
#: A first word that is a verb's -ing form is part of a term when the phrase without it is
#: written with it at least this often ("spiking neural networks", not "solving variational
#: inequalities").
FIXED_FIRST_WORD = 0.6
#: A single word that follows one same word in at least this share of the papers using it
#: is the head of that term, no name alone ("discontinuity" of "regression discontinuity").
TERM_HEAD = 0.6
#: A Latin name (words general English does not know, the first capitalised) names a
#: topic only when this share of its papers use it.
LATIN_COVER = 0.4
#: A word followed by an article or a wh-word in this share of its uses is a verb there.
VERBAL = 0.25
#: Zipf frequency (``lexicon.zipf``) from which one word alone is everyday English
#: ("support" 5.5, "market" 5.3, "evidence" 5.1; "cancer" 4.9 and "species" 4.9 may still
#: name a topic, weighed down by ``word_weight``); below ``RARE_ZIPF`` English hardly knows
#: it (a term, a name or another language's word: "microsatellite" 2.1, "Mormyrus" 0).
EVERYDAY_ZIPF, RARE_ZIPF = 5.0, 1.5
#: A single word beside another phrase in a name is rarer than this in general English.
SPECIFIC_ZIPF = 3.5


@dataclass(frozen=True, slots=True)
class Usage:
    """How the collection writes its phrases: the texts using each and those where it ends
    a noun group (``phrases.phrase_ends``), and the texts themselves (to tell a verb)."""

    present: Counter
    ended: Counter
    texts: tuple[str, ...]

    @classmethod
    def of(cls, texts: list[str]) -> "Usage":
        present, ended = Counter(), Counter()
        for text in texts:
            for key, (_, ends) in phrase_ends(text).items():
                present[key] += 1
                ended[key] += ends
        return cls(present, ended, tuple(texts))

    def fragment(self, key: tuple[str, ...], share: float = 0.4) -> bool:
        """A phrase that ends a noun group in fewer than ``share`` of the texts using it: the
        papers continue it ("rapid infant weight" [gain], "image" [classification])."""
        n = self.present[key]
        return n > 0 and self.ended[key] < share * n

    def verb(self, word: str) -> bool:
        """A word the collection uses as a verb: followed by an article or a wh-word in a
        quarter of its uses ("exploring the", not "scheduling" of "job scheduling")."""
        pattern = re.compile(rf"\b{re.escape(word)}\b(\s+(?:{'|'.join(sorted(OBJECT_WORDS))})\b)?", re.IGNORECASE)
        uses = verbal = 0
        for text in self.texts:
            for m in pattern.finditer(text):
                uses += 1
                verbal += m.group(1) is not None
        return uses > 0 and verbal >= VERBAL * uses


def _generic_word(key_word: str) -> bool:
    return key_word in ACADEMIC_WORDS or key_word in GENERAL_WORDS or key_word in NAME_STOP_WORDS


def nameable(key: tuple[str, ...], spelling: str, usage: Usage, spellings: Counter, df: Counter, cover: float) -> bool:
    """Whether a phrase (``key``, shown as ``spelling``, written as ``spellings`` by the
    collection) may be part of a topic's name."""
    words = spelling.split()
    if len(words) != len(key) or not _noun_phrase(words):
        return False
    if any(k in UNITS for k in key) or all(_generic_word(k) for k in key) or words[0].lower() in EVALUATIVE_WORDS:
        return False
    first = words[0].lower()
    if len(key) > 1 and lexicon.participle(first) and df[key] < FIXED_FIRST_WORD * df.get(key[1:], 0):
        return False  # "solving variational inequalities", "modified inertial projection"
    if len(key) == 1 and (lexicon.zipf(first) >= EVERYDAY_ZIPF or _gerund(first) and usage.verb(first)
                          or "ADJ" in lexicon.parts_of_speech(first) and first.endswith(ADJECTIVE_ENDINGS)):
        return False  # "support"; "exploring" (the ...); "conditional", "evolutionary"
    if usage.fragment(key, ADJECTIVE_ENDS_GROUP if len(key) == 1 and "ADJ" in lexicon.parts_of_speech(first)
                      else ENDS_GROUP) or len(key) > 1 and _proper(words, spellings):
        return False
    if words[0][:1].isupper() and all(lexicon.zipf(w.lower()) < RARE_ZIPF for w in words) and not is_acronym(words[0]):
        return cover >= LATIN_COVER
    return True


def _gerund(word: str) -> bool:
    return word.endswith("ing") and lexicon.participle(word)


def _noun_phrase(words: list[str]) -> bool:
    """``phrases.is_noun_phrase``, and a verb's -ing form as its head: "scheduling", "job
    scheduling", "data mining" name activities (``Usage.verb`` then tells "exploring")."""
    if is_noun_phrase(words):
        return True
    # The head checked as a noun would be: "activity" stands in for the -ing form.
    return _gerund(words[-1].lower()) and is_noun_phrase([*words[:-1], "activity"])


def _proper(words: list[str], spellings: Counter) -> bool:
    """A phrase the collection nearly always writes capitalised, word by word, with a word
    English does not know ("Hubble Space Telescope", "Bruker IFS-120 HR"): a name, not a
    subject. "Support Vector Machines", all English words, is a term written so."""
    if all(lexicon.parts_of_speech(w.lower().rsplit("-", 1)[-1]) for w in words):
        return False
    written = {s: n for s, n in spellings.items() if not s.isupper()}  # "HUBBLE SPACE TELESCOPE" tells nothing
    total = sum(written.values())
    capital = sum(n for s, n in written.items() if all(w[:1].isupper() for w in s.split()))
    return total > 0 and capital >= PROPER * total


def specific(word: str) -> bool:
    """A single word specific enough to stand beside another phrase in a name
    ("interneurons", "isotopologues"; not "formation", "associations", "receptor")."""
    return lexicon.zipf(word.lower()) < SPECIFIC_ZIPF or _acronymish(word)


def word_weight(spelling: str) -> float:
    """How much a single word's score counts: less the more everyday English uses it
    ("galaxies" 3.6: 0.9; "disease" 4.9: 0.25), a phrase of words counts whole."""
    if " " in spelling or _acronymish(spelling):
        return 1.0
    return min(1.0, max(0.25, (EVERYDAY_ZIPF - lexicon.zipf(spelling.lower())) / 1.5))


def telling(cover: float, lift: float, size: int) -> float:
    """How telling a phrase of ``size`` words is: coverage × log(lift), longer phrases preferred."""
    return cover * math.log(lift) * (1 + 0.75 * (size - 1))


def overlaps(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Phrases sharing a word or a word's root ("fair" and "fairness"; a hyphenated word's
    parts count: "non-Lipschitz" and "Lipschitz"), or one the other's initials ("DFT",
    "density functional theory"): one would only repeat the other in a name."""
    a, b = _parts(a), _parts(b)
    return any(_same_root(x, y) for x in a for y in b) or _initials(a, b) or _initials(b, a)


def _initials(short: tuple[str, ...], long_: tuple[str, ...]) -> bool:
    return len(short) == 1 and len(long_) > 1 and short[0].rstrip("s") == "".join(w[0] for w in long_)


def _same_root(x: str, y: str) -> bool:
    short, long_ = sorted((x, y), key=len)
    return short == long_ or (len(short) >= 4 and long_.startswith(short)) or (len(short) >= 7 and long_[:7] == short[:7])


def contains(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether phrase ``a`` holds phrase ``b`` as a run of its words."""
    return any(a[i:i + len(b)] == b for i in range(len(a) - len(b) + 1))


def clashes(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two names' phrases that would say the same: equal, or one held in the other, a
    hyphenated word read as its parts ("polarization" in "polarization-entangled photons")."""
    a, b = _parts(a), _parts(b)
    return contains(a, b) or contains(b, a)


def _parts(key: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(part for word in key for part in word.split("-") if part)


def described(phrases: list[str], shares: list[float], field: str | None = None) -> str:
    """Sentences about a topic: what its papers are about (the phrases of its name, in its
    field when it is named after one), then how many discuss each and what else comes up
    ("These papers are about galaxies and star formation. Most of them discuss galaxies,
    some star formation; they also mention redshift surveys and dark matter haloes.")."""
    if not phrases:
        return "These papers share no subject that the rest of the collection lacks."
    named = phrases[:NAME_PHRASES]
    where = f" in {field[:1].lower() + field[1:]}" if field else ""
    first = f"These papers{where} are about {_listed(named)}."
    rest = phrases[NAME_PHRASES:]
    if len(named) == 1 and not rest:
        return first
    second = f"{_share(shares[0]).capitalize()} of them discuss {named[0]}"
    if len(named) > 1:
        second += f", {_share(shares[1])} {named[1]}"
    if rest:
        second += f"; they also mention {_listed(rest)}"
    return f"{first} {second}."


def _share(share: float) -> str:
    return "most" if share >= 0.5 else "many" if share >= 0.25 else "some"


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A phrase that may name a topic: its key, its spellings (plural for a name), how
    telling it is of the topic and the share of the topic's papers using it."""

    key: tuple[str, ...]
    spelling: str
    singular: str
    score: float
    cover: float


def choose(found: list[list[Candidate]]) -> list[list[Candidate]]:
    """Each topic's name phrases from its ``found`` candidates (best first), no phrase
    in two names: the first phrase of every topic is settled greedily, the most telling
    first across topics (a topic that loses a phrase takes its next, one fewer than
    ``NAME_COVER`` of its papers use if need be); then each topic's second, the one of its
    next three candidates that most of its papers use."""
    chosen: list[list[Candidate]] = [[] for _ in found]
    taken: list[tuple[int, tuple[str, ...]]] = []

    def free(t: int, c: Candidate, cover: float = NAME_COVER) -> bool:
        return c.cover >= cover and not any(o != t and clashes(c.key, k) for o, k in taken)

    waiting = set(range(len(found)))
    for cover in (NAME_COVER, 0.0):  # then a topic whose phrases other names took takes a rarer one
        while waiting:
            best = None
            for t in sorted(waiting):
                c = next((c for c in found[t] if free(t, c, cover)), None)
                if c is not None and (best is None or c.score > best[1].score):
                    best = (t, c)
            if best is None:
                break
            chosen[best[0]].append(best[1])
            taken.append((best[0], best[1].key))
            waiting.discard(best[0])
    for t, cands in enumerate(found):
        if not chosen[t]:
            continue
        first = chosen[t][0]
        nxt = [c for c in cands if c is not first and free(t, c) and not overlaps(c.key, first.key)
               and (len(c.key) > 1 or specific(c.spelling))][:3]
        if nxt:
            second = max(nxt, key=lambda c: c.cover)  # ties: the more telling (listed first)
            chosen[t].append(second)
            taken.append((t, second.key))
    return chosen


def _acronymish(word: str) -> bool:
    return is_acronym(word) or any(c.isdigit() for c in word)


def capitalised(name: str) -> str:
    """A name with its first letter a capital, if a Latin one ("ν3 bands" stays: "Ν3" reads as N3)."""
    first = name[:1]
    return first.upper() + name[1:] if first.isascii() or "LATIN" in unicodedata.name(first, "") else name
