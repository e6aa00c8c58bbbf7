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

import generator.taxonomy.vocabulary as vocabulary
from generator.text import lexicon
from generator.text.phrases import is_acronym, is_noun_phrase, phrase_ends, word_key
from generator.text.words import (ACADEMIC_WORDS, ENGLISH_FUNCTION_WORDS, EVALUATIVE_WORDS, GENERAL_WORDS,
                                  NAME_PARTICLES, NAME_STOP_WORDS, OBJECT_WORDS, STOP_WORDS, UNITS)

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
#: A single word names a topic alone or beside another phrase only when it is a term of the
#: field (``term``): rarer than this in general English ("interneurons" 2.0, "isotopologues";
#: not "formation", "associations", "receptor"), used by fewer than ``BROAD`` of the research
#: subfields of ``vocabulary`` ("optimization" 43, "imaging" 50 are words of every field), and
#: by the topic for at least ``OWN_SHARE`` of the collection's papers using it.
SPECIFIC_ZIPF, BROAD, OWN_SHARE = 3.5, 10, 0.5
#: A name's second phrase is at least this share as telling as its first.
SECOND_SCORE = 0.4
#: A single word beside a name's first phrase is rarer than this in general English: once in
#: three million words (``lexicon.zipf`` 2.5: "heteroplasmy", "interneurons"; not "taxa" 2.9,
#: "assays" 3.0, "lymphocytes" 2.8, "plumes" 2.9, which only say where the first was studied).
FACET_ZIPF = 2.5
#: A name's second phrase is mostly the topic's own: at least this share of the collection's
#: papers using it are the topic's ("radiative transfer", "hot Jupiters", "working hours" in
#: a third of their papers are not what tells the topic from the others).
SECOND_OWN = 0.5
#: A name's second phrase is one of the topic's this many most telling phrases after the first
#: (those that do not repeat it): a phrase found further down ("classifiers", "everyday life")
#: is not what the topic is about, and the first alone says it better.
SECOND_RANK = 2
#: A name's first phrase gives way to a longer phrase holding it that at least this share as
#: many papers use: it says more ("sex chromosome evolution", not "sex chromosomes").
LONGER = 0.5


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


#: Words that join two things and are no stop word: never inside a name's phrase ("human
#: capital versus screening" is two things).
CONNECTIVES = frozenset(("versus", "vs", "vis-à-vis"))
#: The phrases of a topic's name and description checked against its own texts (``piece``).
CHECKED = 15
#: A phrase its papers write right after one same word (or after a capitalised word) at
#: least this often is a piece of a longer term or name.
PIECE = 0.6
#: Words joining a name's two phrases as the papers join them ("coverage path planning for
#: multiple robots"), when at least ``JOINED`` of the topic's papers (and two) write it so.
JOINING_WORDS = ("for", "in", "of", "on")
JOINED = 0.15


_BEFORE = re.compile(r"([^\W\d][\w'-]*) +$")


def _uses(forms, texts):
    """Each use of a phrase written as ``forms`` in ``texts`` (pairs of a text and its lower
    case): the text and the match."""
    lowered = sorted({f.lower() for f in forms}, key=len, reverse=True)
    if not lowered:
        return
    pattern = re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, lowered))})(?![\w-])", re.IGNORECASE)
    for text, low in texts:
        if any(f in low for f in lowered):
            for m in pattern.finditer(text):
                yield text, m


def piece(forms, texts, names: frozenset[str] = frozenset()) -> str | None:
    """Whether a phrase written as ``forms`` is, in ``texts`` (pairs of a text and its lower
    case), the end of a longer term or name in ``PIECE`` of its uses: after a proper name (one
    of ``names``: "Hubble Space Telescope", "Spitzer Space Telescope"; or after a noun and "and":
    "[projection and] contraction algorithms"; then ""), or after one
    same word that makes no phrase with it but is no English function word ("de" novo
    mutations, "potential" energy surfaces, "higher" education students; then that word as
    written); else None."""
    before: Counter = Counter()
    uses = named = 0
    for text, m in _uses(forms, texts):
        uses += 1
        found = _BEFORE.search(text, max(0, m.start() - 40), m.start())
        if found is None:
            continue
        word = found.group(1)
        named += word[0].isupper() and word_key(word) in names or word.lower() in CONTINUING_WORDS[:1] \
            and _noun_before(text, found.start())
        if word_key(word) is None and (word.lower() not in STOP_WORDS or word.lower() in NAME_PARTICLES):
            before[word if word.isupper() else word.lower()] += 1  # "Y" chromosomes
    if uses < 2:
        return None
    if named >= PIECE * uses:
        return ""
    word, n = max(sorted(before.items()), key=lambda x: x[1], default=("", 0))
    return word if n >= PIECE * uses else None


#: Words after which the papers may go on with the rest of one term: "inertial projection [and
#: contraction methods]", "multi-agent pickup [and delivery]", "private returns [to schooling]".
CONTINUING_WORDS = ("and", "to")
#: Up to this many words after a continuing word are read as the rest of the term.
CONTINUED_WORDS = 3
_AFTER = re.compile(rf" +({'|'.join(CONTINUING_WORDS)}) +([^\W\d][\w'-]*(?: +[^\W\d][\w'-]*){{0,{CONTINUED_WORDS - 1}}})",
                    re.IGNORECASE)


def continued(forms, texts) -> tuple[str, tuple[str, ...]] | None:
    """Whether a phrase written as ``forms`` is, in ``texts`` (pairs of a text and its lower
    case), the first half of a longer term in ``PIECE`` of its uses: followed by a continuing word
    (``CONTINUING_WORDS``) and words. Then the rest as the papers write it, with its keys, when
    ``PIECE`` of the uses go on alike and end there ("and contraction methods", not "and
    contraction"); ("", ()) when they go on in different ways (no whole term to name); else None."""
    rests: Counter = Counter()
    written: dict = {}
    uses = going_on = 0
    for text, m in _uses(forms, texts):
        uses += 1
        after = _AFTER.match(text, m.end())
        words = [] if after is None else after.group(2).split()
        words = words[:next((n for n, w in enumerate(words) if w.lower() in ENGLISH_FUNCTION_WORDS), len(words))]
        if not words:
            continue
        going_on += 1
        for n in range(1, len(words) + 1):
            key = (after.group(1).lower(), *(word_key(w, False) or w.lower() for w in words[:n]))
            rests[key] += 1
            written.setdefault(key, Counter())[" ".join([after.group(1).lower(), *words[:n]])] += 1
    if uses < 2 or going_on < PIECE * uses:
        return None
    whole_ = [k for k, n in rests.items() if n >= PIECE * uses and sum(rests[o] for o in rests
                                                                        if len(o) == len(k) + 1 and o[:-1] == k) < PIECE * n]
    if not whole_:
        return "", ()
    key = max(sorted(whole_), key=len)
    return max(sorted(written[key]), key=lambda w: written[key][w]), key


def _noun_before(text: str, at: int) -> bool:
    """Whether the word before ``at`` in ``text`` is a noun and no adjective ("projection" [and
    contraction algorithms], not "pseudomonotone" [and non-Lipschitz operators])."""
    found = _BEFORE.search(text, max(0, at - 40), at)
    kinds = lexicon.parts_of_speech(found.group(1).lower()) if found else frozenset()
    return "NOUN" in kinds and "ADJ" not in kinds


def whole(found: list["Candidate"], forms: dict, texts: list[str], names: frozenset[str]) -> list["Candidate"]:
    """A topic's candidates, those among its first ``CHECKED`` read in its own papers'
    ``texts`` (``forms``: the spellings of each phrase key): a piece of a name left out, a
    piece of a longer term made whole ("energy surfaces" → "potential energy surfaces",
    "multi-agent pickup" → "multi-agent pickup and delivery"), left out if its papers go on
    in different ways (``continued``)."""
    pairs = [(t, t.lower()) for t in texts]
    out = []
    for n, c in enumerate(found):
        word = None if n >= CHECKED else piece(forms.get(c.key, (c.spelling,)), pairs, names)
        if word:
            c = Candidate((word.lower(), *c.key), f"{word} {c.spelling}", f"{word} {c.singular}", c.score, c.cover,
                          c.share)
        rest = None if n >= CHECKED or word == "" else continued(forms.get(c.key, (c.spelling,)), pairs)
        if rest == ("", ()):
            continue  # "inertial projection [and ...]" continued in different ways: no term of its own
        if rest:
            c = Candidate((*c.key, *rest[1]), shown(f"{c.spelling} {rest[0]}", names),
                          shown(f"{c.singular} {rest[0]}", names), c.score, c.cover, c.share)
        if word != "" and c.key not in {o.key for o in out}:
            out.append(c)
    return out


def joined(first: "Candidate", second: "Candidate", forms: dict, texts: list[str]) -> str:
    """A name of two phrases, joined as the topic's papers (``texts``) join them at least
    ``JOINED`` of the time ("coverage path planning for multiple robots"), else by "and";
    ``forms``: the spellings of each phrase key."""
    ways: Counter = Counter()
    lowered = [f.lower() for c in (first, second) for f in forms.get(c.key, (c.spelling,))]
    total, texts = len(texts), [t for t in texts if sum(f in t.lower() for f in lowered) >= 2]
    for a, b in ((first, second), (second, first)):
        for word in JOINING_WORDS:
            pattern = re.compile(rf"(?<![\w-])(?:{_written(a, forms)}) {word} (?:the )?(?:{_written(b, forms)})(?![\w-])",
                                 re.IGNORECASE)
            ways[(a.spelling, word, b.spelling)] = sum(1 for t in texts if pattern.search(t))
    (a, word, b), n = max(sorted(ways.items()), key=lambda x: x[1])
    if n >= 2 and n >= JOINED * total:
        return f"{a} {word} {b}"
    return f"{first.spelling} and {second.spelling}"


def _written(c: "Candidate", forms: dict) -> str:
    """A pattern for a phrase as the collection writes it."""
    return "|".join(sorted({re.escape(f.lower()) for f in forms.get(c.key, (c.spelling,))}, key=len, reverse=True))


def _generic_word(key_word: str) -> bool:
    return key_word in ACADEMIC_WORDS or key_word in GENERAL_WORDS or key_word in NAME_STOP_WORDS


def nameable(key: tuple[str, ...], spelling: str, usage: Usage, spellings: Counter, df: Counter, cover: float,
             titled: bool = False) -> bool:
    """Whether a phrase (``key``, shown as ``spelling``, written as ``spellings`` by the
    collection) may be part of a topic's name; ``titled``: read in titles, where a phrase of
    common words is a term ("smart grids", "human capital"), not a vague one (``_vague``)."""
    words = spelling.split()
    if len(words) != len(key) or not _noun_phrase(words) or any(w.lower() in CONNECTIVES for w in words):
        return False
    if any(k in UNITS for k in key) or all(_generic_word(k) for k in key) or words[0].lower() in EVALUATIVE_WORDS \
            or not titled and _vague(key, words):
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


def _vague(key: tuple[str, ...], words: list[str]) -> bool:
    """A phrase whose head is a word of research writing in every field and whose other words
    are everyday English ("poor clinical outcome", "prior knowledge", "valuable insights",
    "young people", "clinical practice"): it says how, not what."""
    return len(key) > 1 and _generic_word(key[-1]) and \
        all(_generic_word(k) or lexicon.is_everyday(w) for k, w in zip(key[:-1], words[:-1]))


def _gerund(word: str) -> bool:
    return word.endswith("ing") and lexicon.participle(word)


def _noun_phrase(words: list[str]) -> bool:
    """``phrases.is_noun_phrase``, and a verb's -ing form as its head: "scheduling", "job
    scheduling", "data mining" name activities (``Usage.verb`` then tells "exploring"); and
    an adverb grading the adjective after it ("weakly electric fish")."""
    if is_noun_phrase(words):
        return True
    if len(words) > 2 and words[0].lower().endswith("ly") and "ADV" in lexicon.parts_of_speech(words[0].lower()) \
            and _noun_phrase(words[1:]) and ("ADJ" in lexicon.parts_of_speech(words[1].lower())
                                             or lexicon.participle(words[1].lower())):
        return True  # an adverb before the adjective it grades: "weakly electric fish", "highly conserved genes"
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
    """Two names' phrases that would say the same: equal, or the words of one in the other in
    order, a hyphenated word read as its parts ("polarization" in "polarization-entangled
    photons", "inertial algorithms" in "inertial Mann algorithms")."""
    a, b = _parts(a), _parts(b)
    return _within(a, b) or _within(b, a)


def _within(short: tuple[str, ...], long_: tuple[str, ...]) -> bool:
    """Whether the words of ``short`` are words of ``long_``, in the same order; of as many
    words, whether each shares its root with the other's ("exoplanet atmospheres",
    "exoplanetary atmospheres")."""
    if len(short) == len(long_) > 1:
        return all(_same_root(w, x) for w, x in zip(short, long_))
    rest = iter(long_)
    return all(any(w == x for x in rest) for w in short)


def _parts(key: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(part for word in key for part in word.split("-") if part)


def described(phrases: list[str], shares: list[float], field: str | None = None, named: int = NAME_PHRASES,
              about: str | None = None) -> str:
    """Sentences about a topic: what its papers are about (``about``, as its name says it, else
    the ``named`` first phrases; in its ``field`` when it is named after one), then how many
    discuss each of two and what else comes up ("These papers are about galaxies and star
    formation. Most of them discuss galaxies, some star formation; they also mention redshift
    surveys and dark matter haloes."; one phrase: "These papers are about exoplanet
    atmospheres. They also discuss transit spectra and clouds.")."""
    if not phrases:
        return "These papers share no subject that the rest of the collection lacks."
    named = max(1, min(named, len(phrases)))
    where = f" in {field[:1].lower() + field[1:]}" if field else ""
    first = f"These papers{where} are about {about or _listed(phrases[:named])}."
    rest = phrases[named:][:DESCRIPTION_PHRASES - named]
    if named == 1:
        return f"{first} They also discuss {_listed(rest)}." if rest else first
    second = f"{_share(shares[0]).capitalize()} of them discuss {phrases[0]}, {_share(shares[1])} {phrases[1]}"
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
    telling it is of the topic, the share of the topic's papers using it and the share of
    the collection's papers using it that are the topic's (how much it is the topic's own)."""

    key: tuple[str, ...]
    spelling: str
    singular: str
    score: float
    cover: float
    share: float = 1.0


def term(c: Candidate) -> bool:
    """Whether a phrase may name a topic alone, or first: a phrase of several words, or one
    word that is a term of the topic's field: rare in English (under ``SPECIFIC_ZIPF``), used
    by fewer than ``BROAD`` research subfields (``vocabulary.breadth``: not "optimization",
    "imaging", "polarization") and mostly by this topic's papers (``OWN_SHARE``: not
    "exoplanet" in a collection of exoplanet papers); an acronym if it is the topic's own."""
    if len(c.key) > 1:
        return True
    if _acronymish(c.spelling):
        return c.share >= OWN_SHARE
    rarity = max(lexicon.zipf(c.spelling.lower()), lexicon.zipf(c.singular.lower()))
    return rarity < SPECIFIC_ZIPF and vocabulary.breadth(c.key) < BROAD and c.share >= OWN_SHARE


def facet(c: Candidate, first: Candidate) -> bool:
    """Whether ``c`` adds to a name ``first`` begins: a term (``term``) that does not repeat it,
    and, one word alone, rarer in English than ``FACET_ZIPF`` or an acronym ("heteroplasmy",
    "interneurons", "MC1R"; not "assays", "isolates", "clinicians", "eruptions", "deductions":
    words of many papers that only say where the first phrase was studied)."""
    if len(c.key) == 1 and not _acronymish(c.spelling) and lexicon.zipf(c.spelling.lower()) >= FACET_ZIPF:
        return False
    if len(c.key) > 1 and all(lexicon.is_everyday(p) for w in c.spelling.split() for p in w.split("-") if p):
        return False  # "treatment arms", "working hours", "digital age", "day-to-day lives": where, not what
    return c.share >= SECOND_OWN and term(c) and not repeats(c, first)


def mentionable(c: Candidate) -> bool:
    """Whether a description may mention a phrase beside a topic's name: a phrase of several
    words, an acronym, or a word rarer in English than ``SPECIFIC_ZIPF`` ("heteroplasmy",
    "plumes"; not "generation", "origin", "mouse", "wages", "survival": they say nothing
    of what the papers study)."""
    return len(c.key) > 1 or _acronymish(c.spelling) or lexicon.zipf(c.spelling.lower()) < SPECIFIC_ZIPF


def repeats(a: Candidate, b: Candidate) -> bool:
    """Whether two phrases say one thing: sharing a word, a root or initials (``overlaps``), or
    one an abbreviation of the other ("mtDNA" and "mitochondrial DNA": ``abbreviates``)."""
    return overlaps(a.key, b.key) or abbreviates(a, b) or abbreviates(b, a)


def abbreviates(short: Candidate, long_: Candidate) -> bool:
    """Whether a word of ``short`` written in capitals is the initials of ``long_`` or of a run
    of its words, letter by letter in order, the first starting its first word ("mtDNA":
    "mitochondrial DNA", "CS": "compressive sensing", "HH": "Hodgkin-Huxley")."""
    words = _parts(long_.key)
    for word in short.spelling.split():
        if not is_acronym(word):
            continue
        letters = [ch for ch in word.lower() if ch.isalnum()]
        if len(words) > 1 and letters[-len(words):] == [w[0] for w in words] and len(letters) <= len(words) + 1:
            return True  # "MCPP", multi-robot "coverage path planning"
        for i in range(len(words)):
            for j in range(i + 1, len(words) + 1):
                if _initialled(letters, words[i:j]):
                    return True
    return False


def _initialled(letters: list[str], words: tuple[str, ...]) -> bool:
    """Schwartz and Hearst's test: every letter found in ``words``, right to left, the first
    one the first letter of the first word, and each word gives at least its first letter."""
    text = " ".join(words)
    if len(letters) < 2 or not text or letters[0] != text[0] or len(words) > len(letters):
        return False
    at = len(text) - 1
    for n in range(len(letters) - 1, 0, -1):
        while at > 0 and text[at] != letters[n]:
            at -= 1
        if at <= 0:
            return False
        at -= 1
    return all(w[0] in letters for w in words)


#: A phrase of several words that at least ``TITLED`` of a topic's titles use (and ``TITLED_MIN``),
#: ``TITLED_OWN`` of the collection's titles using it being the topic's, is the field's term
#: for the topic: it names the topic first, ahead of a phrase of its abstracts fewer of its
#: titles use ("web service composition", not "VxBPEL"; "human capital", not "earnings
#: distribution"; "smart grids", not "low voltage grids").
TITLED, TITLED_MIN, TITLED_OWN = 0.25, 3, 0.8


def titled(found: list[list[Candidate]], in_titles: list[list[Candidate]], counts: list[Counter]) -> list[list[Candidate]]:
    """Each topic's ``found`` candidates, its title term first if it has one: of its candidates
    read in its papers' titles (``in_titles``: cover and share counted over titles), one of
    several words that ``TITLED`` of its titles use (and ``TITLED_MIN``), ``TITLED_OWN`` of them
    the topic's, used by more of its titles (``counts``: the phrase keys of its titles) than
    its first candidate."""
    out = []
    for cands, heads, count in zip(found, in_titles, counts):
        best = next((c for c in heads if len(c.key) > 1 and count[c.key] >= TITLED_MIN and c.cover >= TITLED
                     and c.share >= TITLED_OWN), None)
        if best is None or cands and count[cands[0].key] >= count[best.key]:
            out.append(cands)
            continue
        same = next((c for c in cands if c.key == best.key), best)
        top = cands[0].score if cands else best.score
        first = Candidate(same.key, same.spelling, same.singular, max(same.score, top), same.cover, same.share)
        out.append([first, *(c for c in cands if c.key != best.key)])
    return out


def _longer(c: Candidate, others: list[Candidate]) -> Candidate:
    """``c``, or the most telling of the longer phrases holding it that at least ``LONGER`` as
    many papers use ("sex chromosomes" → "sex chromosome evolution")."""
    longer = [o for o in others if len(o.key) > len(c.key) and contains(o.key, c.key) and o.cover >= LONGER * c.cover]
    return max(longer, key=lambda o: o.score, default=c)


def choose(found: list[list[Candidate]]) -> list[list[Candidate]]:
    """Each topic's name phrases from its ``found`` candidates (best first), no phrase
    in two names: the first phrase of every topic is settled greedily, the most telling
    first across topics: a term (``term``) that ``NAME_COVER`` of its papers use, else a rarer
    one, else any phrase (a topic that loses a phrase takes its next). Then each topic's
    second: its most telling facet (``facet``) at least ``SECOND_SCORE`` as telling as the
    first, if any."""
    chosen: list[list[Candidate]] = [[] for _ in found]
    taken: list[tuple[int, tuple[str, ...]]] = []

    def free(t: int, c: Candidate, cover: float = NAME_COVER) -> bool:
        return c.cover >= cover and not any(o != t and clashes(c.key, k) for o, k in taken)

    waiting = set(range(len(found)))
    for cover, strict in ((NAME_COVER, True), (0.0, True), (NAME_COVER, False), (0.0, False)):
        while waiting:
            best = None
            for t in sorted(waiting):
                c = next((c for c in found[t] if free(t, c, cover) and (term(c) or not strict)), None)
                if c is not None and (best is None or c.score > best[1].score):
                    best = (t, c)
            if best is None:
                break
            first = _longer(best[1], [c for c in found[best[0]] if free(best[0], c, 0.0)])
            chosen[best[0]].append(first)
            taken.append((best[0], first.key))
            waiting.discard(best[0])
    for t, cands in enumerate(found):
        if not chosen[t]:
            continue
        first = chosen[t][0]
        if CONTINUING_WORDS[0] in first.key:
            continue  # "multi-agent pickup and delivery": a second "and" would read as a list
        rivals = [c for c in cands if c is not first and free(t, c) and not repeats(c, first)][:SECOND_RANK]
        second = next((c for c in rivals if facet(c, first)), None)
        if second is not None and second.score >= SECOND_SCORE * first.score:
            chosen[t].append(second)
            taken.append((t, second.key))
    return chosen


def _acronymish(word: str) -> bool:
    return is_acronym(word) or any(c.isdigit() for c in word)


def shown(spelling: str, names: frozenset[str] = frozenset(), forms: Counter | None = None) -> str:
    """A phrase as running text writes it: a phrase a title shouted ("HOT SUPER-EARTHS") as
    the collection's ``forms`` write it otherwise ("hot super-Earths"); words capitalised in a
    title ("Sulfur chemistry", "End-Stage renal disease") in lower case when English knows
    them and no word of the phrase is a name the collection writes capitalised (``names``:
    "Venus flytrap", "Granger causality", "National Institute" stay); acronyms ("mtDNA",
    "CBS") and words English does not know ("Hamiltonian") stay."""
    words = spelling.split(" ")
    if spelling.isupper() and any(len(w) > 3 for w in words) and forms:
        plural = spelling.lower().endswith("s")
        quiet = {f: n for f, n in forms.items() if not f.isupper()}
        if quiet:
            spelling = max(sorted(quiet), key=lambda f: (f.lower().endswith("s") == plural, quiet[f]))
            words = spelling.split(" ")
    if any(word_key(p) in names for w in words for p in w.split("-") if p):
        return spelling
    named = _named_inside(forms or Counter(), len(words))
    out = []
    for n, word in enumerate(words):
        parts = [p for p in word.split("-") if p]
        titled = any(p[:1].isupper() for p in parts) and all(p[1:].islower() or not p[:1].isupper() for p in parts)
        if n in named:
            word = word[:1].upper() + word[1:]
        elif parts and titled and all(lexicon.parts_of_speech(p.lower()) for p in parts):
            word = word.lower()
        out.append(word)
    return " ".join(out)


def _named_inside(forms: Counter, size: int) -> set[int]:
    """The positions of the words some spelling of a phrase capitalises after a word it writes
    in lower case: a name inside the phrase ("inertial Mann algorithms", though some titles
    write "inertial mann algorithms"; not "Sulfur chemistry", capitalised as a title is)."""
    out = set()
    for form in forms:
        words = form.split(" ")
        if len(words) != size:
            continue
        for n in range(1, size):
            if words[n][:1].isupper() and words[n][1:].islower() and any(w[:1].islower() for w in words[:n]):
                out.add(n)
    return out


def capitalised(name: str) -> str:
    """A name with its first letter a capital, if a Latin one ("ν3 bands" stays: "Ν3" reads as N3)."""
    first = name[:1]
    return first.upper() + name[1:] if first.isascii() or "LATIN" in unicodedata.name(first, "") else name
