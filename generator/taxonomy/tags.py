"""Tags: the concepts a reader clicks to find the other papers about the same thing.

A tag comes from a record's keywords (cleaned: ``text/keywords.py``), from the
maintained vocabulary (``tags:`` in data/topics.yml or data/tags.yml), from an acronym
several abstracts define, or from a noun phrase several papers share
(:func:`phrase_tags`). Whatever its origin:

- it is one concept across spellings (``phrases.concept_key``: US/UK, hyphen, space or
  joined, singular or plural; an acronym and its long form are one tag);
- it is never a workflow keyword, an indexer's check tag or index term (``words.
  WORKFLOW_KEYWORDS``, ``words.INDEX_TERMS``, and the project's ``ignore:``), a topic's
  name or the catch-all's, nor one everyday English word (``lexicon.is_everyday``);
- it is in the tag index only when at least two papers have it (:func:`publish`): a
  keyword of one paper stays on that paper's page, as a keyword.
"""
from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import replace
from functools import lru_cache

from generator import paths
from generator.analysis import vectors
from generator.model.papers import Paper
from generator.model.taxonomy import Tag
from generator.taxonomy.topic_model import paper_text
from generator.text import keywords as text_keywords
from generator.text.lexicon import is_everyday, parts_of_speech, singular, verb_lemma, zipf
from generator.text.normalise import family_key, fold
from generator.text.phrases import (GENERIC_KEYS, GREEK_LETTERS, PhraseCounts, concept_key, concept_marks, is_noun_phrase,
                                    phrase_uses)
from generator.text.slugs import slugify
from generator.text.tokens import COPYRIGHT
from generator.text.words import (ACADEMIC_WORDS, ADJECTIVE_ENDINGS, EVALUATIVE_WORDS, GENERAL_WORDS, INDEX_TERMS,
                                  INITIALS_SKIPPED, NAME_STOP_WORDS,
                                  VAGUE_MODIFIERS, WORKFLOW_KEYWORDS)

#: Tags a paper gets at most, and what the index asks of a tag: this many papers.
MAX_TAGS, SHARED_BY = 8, 2
#: A phrase becomes a tag when at least this many papers and at most PHRASE_TAG_SHARE of
#: the collection use it (more would be too broad to browse).
EXTRACTED_MIN_PAPERS = 2
PHRASE_TAG_SHARE = 0.08
#: …but a phrase of this many papers is never too broad (a lab's 40 papers share a few).
PHRASE_TAG_BROAD = 8
#: Phrase tags a paper gets at most (its keywords and the vocabulary's tags come first).
PHRASE_TAGS_PER_PAPER = 5
#: Single-word phrase tags are added only while a paper has fewer tags than this.
WORD_TAGS_UNTIL = 3
#: Papers read to find phrase tags (a deterministic sample).
PHRASE_TAG_SAMPLE = 5000
#: Share of a phrase's papers that must share one topic for it to be a tag.
PHRASE_TAG_FOCUS = 0.5
#: A phrase is cut from a longer one ("spiking neural", "complex social") when fewer than
#: this share of its papers ever end a run of words with it.
PHRASE_ENDS = 0.4
#: …and when fewer than this share start a run with it ("der Waals forces").
PHRASE_STARTS = 0.2
#: A phrase that reads as a verb in this share of its papers is no tag ("to plan paths").
PHRASE_VERBAL = 0.5
#: A single word found in the text is a tag only if general English uses it less than this
#: (Zipf): "galaxies" (3.7), "inflation" (4.1), "preeclampsia" (2.4) are; "participants" (4.3),
#: "premium" (4.3), "assignment" (4.3) say little alone (a record's keyword may still be one).
SINGLE_WORD_ZIPF = 4.2
#: A word the dictionary does not know but general English uses this often (Zipf) is a
#: function word or a name ("versus", "Taylor"), never a tag's last word.
UNKNOWN_COMMON_ZIPF = 4.3


def tag_slug(name: str) -> str:
    """A tag's page name: a slug; a hash for a name with no Latin letter or digit (日本語,
    🔥); the slug and a hash of the concept when the slug is another concept than the name
    ("C++", "C#", "UŦ": tags/c-…/, tags/u-…/, never tags/c/ or tags/u/ of "C" and "U");
    never a reserved slug: a record's tag "index" is on tags/index-tag.md (tags/index.md is
    the list of tags)."""
    slug = slugify(name)
    if not slug:
        slug = "tag-" + hashlib.sha256(name.encode()).hexdigest()[:10]
    elif (concept := concept_key(name)) != concept_key(slug):
        slug += "-" + hashlib.sha256(concept.encode()).hexdigest()[:10]
    return slug + "-tag" if paths.reserved(slug) else slug


# --- words that are never tags ----------------------------------------------------------------

@lru_cache(maxsize=64)
def _rules(ignore: tuple[str, ...]) -> tuple[frozenset[str], re.Pattern | None]:
    entries = WORKFLOW_KEYWORDS | INDEX_TERMS | set(ignore)
    exact = frozenset(fold(e) for e in entries if "*" not in e)
    starred = [" ?.*".join(re.escape(fold(part)) for part in e.split("*")) for e in sorted(entries) if "*" in e]
    return exact, re.compile("|".join(starred)) if starred else None


def ignored(name: str, ignore: tuple[str, ...] = ()) -> bool:
    """Whether a keyword or tag name is never a tag: a workflow keyword, an index term, or
    one of the project's ``ignore`` entries (folded; "*" stands for any words). A name
    with no letter or digit ("★★★", "?") is never one either."""
    exact, starred = _rules(tuple(sorted(ignore)))
    folded = fold(name)
    if not folded:
        return not any(c.isalnum() for c in name)
    return folded in exact or bool(starred and starred.fullmatch(folded))


def is_workflow_keyword(name: str) -> bool:
    """Whether ``name`` is on the shipped lists alone (no project's ``ignore``)."""
    return ignored(name)


def everyday_word(name: str) -> bool:
    """One word of everyday English ("history", "summer"): no tag alone ("C++" and "C#" are no "c")."""
    words = name.split()
    return len(words) == 1 and not any(c.isupper() for c in name[1:]) and not concept_marks(name) and \
        is_everyday(fold(name) or name)


def keywords_of(paper: Paper, ignore: tuple[str, ...]) -> list[str]:
    """A record's keywords a reader should see: cleaned, the ignored ones and the paper's venue
    dropped; of a machine's concepts (``keywords.machine_assigned``), only those its title or
    abstract mention."""
    out: list[str] = []
    venue = f" {fold(paper.venue or '')} "
    initials = "".join(w[0] for w in venue.split() if w not in INITIALS_SKIPPED).upper()
    said = _said(paper) if text_keywords.machine_assigned(paper.given_tags) else None
    for raw in paper.given_tags:
        name = text_keywords.clean(raw)
        if said is not None and not _mentioned(name, said):
            continue
        if name and not ignored(raw, ignore) and not ignored(name, ignore) and name not in out \
                and not (fold(name) and f" {fold(name)} " in venue) and name != initials:  # "NATURE", "MIDL": the venue
            out.append(name)
    return out


# --- phrase tags ----------------------------------------------------------------------------

def _taggable(key: tuple[str, ...], spelling: str) -> bool:
    """A whole noun phrase of one to three words; one word only if it has four letters or
    more and is no adjective, no verb's -ing form, no everyday English word and no word of
    research writing in every field (``words.GENERAL_WORDS``, ``ACADEMIC_WORDS``)."""
    words = spelling.split()
    if _vague(key, words) or not is_noun_phrase(words) or (zipf(words[-1].lower()) >= UNKNOWN_COMMON_ZIPF and
                                     not _known(words[-1].lower())):
        return False
    if len(key) > 1:
        return not _clause(words)
    return len(key[0]) >= 4 and not key[0].endswith(ADJECTIVE_ENDINGS + ("ing",)) and \
        key[0] not in _RESEARCH_WRITING and (zipf(spelling.lower()) < SINGLE_WORD_ZIPF or _acronym(spelling))


#: Words every field's papers write (``words``): no tag alone, nor all of a tag's words; nor
#: a Greek letter's name alone ("epsilon", "lambda": a symbol).
_ACADEMIC = ACADEMIC_WORDS | NAME_STOP_WORDS | EVALUATIVE_WORDS
_RESEARCH_WRITING = GENERAL_WORDS | _ACADEMIC | GREEK_LETTERS


def _vague(key: tuple[str, ...], words: list[str]) -> bool:
    """Words every paper writes, whatever its field: all of them generic or general, one generic
    ("standard deviation", "find evidence"; not "independent component"), or all words of research
    writing ("empirical evaluation", "theoretical predictions"; not "independent component"; a phrase the
    papers capitalise, "Standard Model", is a name), a vague opening ("vast majority", "future
    perspectives"), or an everyday adjective before a generic noun ("positive effects", "negative effect")."""
    general = GENERIC_KEYS | GENERAL_WORDS
    if (all(k in general for k in key) and any(k in GENERIC_KEYS for k in key)) or words[0].lower() in VAGUE_MODIFIERS | EVALUATIVE_WORDS:
        return True
    if all(k in GENERIC_KEYS or k in _ACADEMIC for k in key) and not any(w[:1].isupper() for w in words[1:]):
        return True
    return key[-1] in GENERIC_KEYS and len(key) == 2 and is_everyday(words[0]) and \
        "ADJ" in parts_of_speech(words[0].lower())


def _clause(words: list[str]) -> bool:
    """A subject and its verb, not a noun phrase: a plural noun, then a word that may be a
    verb ("random forests estimate", "findings point")."""
    before, last = words[-2].lower(), words[-1].lower()
    return singular(before) != before and "VERB" in parts_of_speech(last) and singular(last) == last


def _acronym(word: str) -> bool:
    return sum(c.isupper() for c in word) >= 2


def _known(word: str) -> bool:
    return bool(parts_of_speech(word))


def phrase_tags(papers: list[Paper], known: list[Tag], ignore: tuple[str, ...] = (),
                topics: Mapping[str, str] | None = None) -> dict[Tag, float]:
    """Distinctive noun phrases that several papers share ("dark matter", "prostate
    cancer"), each with its weight (inverse document frequency: rarer is more telling),
    and every spelling of it as an alias ("collective behaviour", "collective behavior").

    A phrase is kept when most of its papers share one topic (``topics``: paper id →
    slug): "graphene" and "eclampsia" are; "input" and "real-world", spread over every
    field, are not. A phrase gives way to a longer one that holds it in half its papers,
    and a phrase cut from a longer one ("spiking neural") is none.
    """
    order = vectors.stable_order([p.id for p in papers])[:PHRASE_TAG_SAMPLE]
    uses = [phrase_uses(COPYRIGHT.sub(" . ", paper_text(papers[i])), generic=False) for i in order]
    counts = PhraseCounts.count({k: v[0] for k, v in found.items()} for found in uses)
    shared = {k for k, d in counts.df.items() if d >= EXTRACTED_MIN_PAPERS}
    starts, ends, verbal = Counter(), Counter(), Counter()
    for found in uses:
        for k in shared.intersection(found):
            starts[k] += found[k][1]
            ends[k] += found[k][2]
            verbal[k] += found[k][3]
    verbs = _verbs(shared, verbal, counts)
    found_in = [found.keys() for found in uses]
    n = max(len(order), 1)
    found_in, spellings = _merged(found_in, counts, long_forms(known))
    df = Counter(k for found in found_in for k in found)
    top = max(PHRASE_TAG_BROAD, PHRASE_TAG_SHARE * n)
    people = _family_names(papers[i] for i in order)
    wanted = {k: d for k, d in df.items() if EXTRACTED_MIN_PAPERS <= d <= top
              and _whole(spellings[k], starts, ends, counts) and not verbs.intersection(spellings[k])
              and _taggable(k, counts.spelling(k)) and not (len(k) == 1 and counts.spelling(k) != k[0]
                                                            and fold(counts.spelling(k)) in people)}
    if topics is not None:
        wanted = _concentrated(wanted, found_in, [topics.get(papers[i].id, "") for i in order])
    for key in sorted(wanted, key=lambda k: (-len(k), k)):
        for sub in (key[:-1], key[1:]):
            if key in wanted and sub in wanted and wanted[key] * 2 >= wanted[sub]:
                del wanted[sub]
    known_terms = {concept_key(x) for t in known for x in (t.name, *t.aliases)} | \
        {concept_key(x) for x in ignore}
    inside_known = _sub_phrases({fold(x) for t in known for x in (t.name, *t.aliases)} | {fold(x) for x in ignore})
    found: dict[Tag, float] = {}
    for key in sorted(wanted):
        name = counts.spelling(key)
        if concept_key(name) in known_terms or fold(name) in inside_known or ignored(name, ignore):
            continue
        aliases = tuple(sorted({counts.spelling(k) for k in spellings[key]} - {name}))
        found[Tag(tag_slug(name), name, aliases)] = math.log(n / wanted[key])
    return found


def _whole(keys: list[tuple], starts: Counter, ends: Counter, counts: PhraseCounts) -> bool:
    """Whether the papers of a phrase (all its spellings) use it as a whole noun group:
    ending one in PHRASE_ENDS of them, starting one in PHRASE_STARTS."""
    n = sum(counts.df[k] for k in keys)
    return sum(ends[k] for k in keys) >= PHRASE_ENDS * n and sum(starts[k] for k in keys) >= PHRASE_STARTS * n


def _said(paper: Paper) -> frozenset[str]:
    """The concept keys of the words of a paper's title and abstract."""
    return frozenset(concept_key(w) for w in fold(f"{paper.title} {paper.abstract}").split())


def _mentioned(keyword: str, said: frozenset[str]) -> bool:
    """Whether every word of ``keyword`` (but the little ones) is among the words ``said``."""
    words = [w for w in fold(keyword).split() if w not in INITIALS_SKIPPED]
    return bool(words) and all(concept_key(w) in said for w in words)


def _family_names(papers: Iterable[Paper]) -> frozenset[str]:
    """The authors' family names (folded): a capitalised word that is one ("Fukushima") is a
    person, no tag."""
    return frozenset(family_key(a) for p in papers for a in p.authors)


def _verbs(shared: set[tuple], verbal: Counter, counts: PhraseCounts) -> set[tuple]:
    """The phrases that read as verbs (``phrases.phrase_uses``) in at least PHRASE_VERBAL of
    their papers ("plan paths", "data highlight"), and each of their other forms ("planning
    collision-free paths" of "plan collision-free paths")."""
    verbs = {k for k in shared if verbal[k] >= PHRASE_VERBAL * counts.df[k]}
    lemmas = {(verb_lemma(k[0]), k[1:]) for k in verbs if len(k) > 1}
    return verbs | {k for k in shared if len(k) > 1 and (verb_lemma(k[0]), k[1:]) in lemmas}


def long_forms(tags: Iterable[Tag]) -> dict[str, str]:
    """Acronym → the long form it stands for, from tags that have it as an alias ("GC":
    "Granger causality")."""
    return {a: t.name for t in tags for a in t.aliases if _acronym(a) and " " in t.name}


def expanded(name: str, acronyms: Mapping[str, str]) -> str:
    """A phrase with its acronyms written out ("GC analysis" → "Granger causality
    analysis"), so both spellings are one concept; a name of one word stays."""
    words = name.split()
    if len(words) < 2 or not acronyms:
        return name
    return " ".join(acronyms.get(w) or acronyms.get(w[:-1] if w.endswith("s") else "") or w for w in words)


def _merged(found_in: list[dict], counts: PhraseCounts,
            acronyms: Mapping[str, str]) -> tuple[list[set], dict[tuple, list[tuple]]]:
    """Each paper's phrase keys with the spellings of one concept made one (the key most
    papers use stands for the rest; an acronym is its long form), and each standing key's keys."""
    by_concept: dict[str, list[tuple]] = defaultdict(list)
    for key, forms in counts.spellings.items():
        if counts.df[key] >= EXTRACTED_MIN_PAPERS:  # a spelling of one paper stands alone
            spelling = max(sorted(forms), key=forms.__getitem__)  # "vertices": "vertex"
            by_concept[concept_key(expanded(spelling, acronyms))].append(key)
    stands = {}
    spellings: dict[tuple, list[tuple]] = defaultdict(list)
    for keys in by_concept.values():
        best = max(keys, key=lambda k: (counts.df[k], k))
        spellings[best] = keys
        stands.update((k, best) for k in keys)
    for key in counts.df.keys() - stands.keys():
        spellings[key] = [key]
    return [{stands.get(k, k) for k in found} for found in found_in], spellings


def _sub_phrases(terms: set[str]) -> set[str]:
    """The shorter runs of words inside multi-word terms: "active galactic" of "active
    galactic nuclei" would only repeat that tag (an acronym's long form, say)."""
    out = set()
    for term in terms:
        words = term.split()
        out.update(" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 2, len(words) + 1)
                   if j - i < len(words))
    return out


def _concentrated(wanted: dict, found_in: list, topic_per_paper: list[str]) -> dict:
    by_topic: dict[tuple, Counter] = defaultdict(Counter)
    for found, topic in zip(found_in, topic_per_paper):
        for key in set(found) & wanted.keys():
            by_topic[key][topic] += 1
    return {k: df for k, df in wanted.items() if max(by_topic[k].values()) >= PHRASE_TAG_FOCUS * df}


def keyword_spellings(keyword_lists: Iterable[list[str]]) -> dict[str, str]:
    """Concept key → the spelling most records write it in ("Neuronal networks" and
    "Neuronal network" are one tag, shown as more records write it)."""
    seen: dict[str, Counter] = defaultdict(Counter)
    for names in keyword_lists:
        for name in names:
            seen[concept_key(name)][name] += 1
    return {c: max(sorted(forms), key=lambda s: (forms[s], s == s.lower())) for c, forms in seen.items()}


# --- the index: shared concepts only ---------------------------------------------------------

def concepts(tags: Iterable[Tag], acronyms: Mapping[str, str] | None = None) -> dict[str, str]:
    """Concept key → tag slug for every name and alias of ``tags`` (the first tag wins),
    with the ``acronyms`` in them written out (``expanded``)."""
    out: dict[str, str] = {}
    for t in tags:
        for x in (t.name, *t.aliases):
            out.setdefault(concept_key(expanded(x, acronyms or {})), t.slug)
    return out


def publish(papers: list[Paper], fill: Mapping[str, tuple[str, ...]], banned: set[str],
            keywords: Mapping[str, list[tuple[str, str]]]) -> list[Paper]:
    """Each paper's tags as published: its candidates in order (keywords, the vocabulary's,
    then phrase tags; then, while it has fewer than WORD_TAGS_UNTIL, the single words of
    ``fill``), none ``banned``, only those at least SHARED_BY papers have, at most MAX_TAGS;
    a keyword (slug, name) of ``keywords`` that is not among its tags is one of its
    ``keywords``. Rounds repeat until no tag is left with a single paper."""
    first = {p.id: [t for t in dict.fromkeys(p.tags) if t not in banned] for p in papers}
    then = {p.id: [t for t in fill.get(p.id, ()) if t not in banned and t not in first[p.id]] for p in papers}
    allowed = Counter(t for i in first for t in dict.fromkeys(first[i] + then[i]))
    for _ in range(5):
        picked = {i: _pick(first[i], then[i], allowed) for i in first}
        uses = Counter(t for tags in picked.values() for t in tags)
        if all(n >= SHARED_BY for n in uses.values()):
            break
        allowed = uses
    out = []
    for p in papers:
        tags = tuple(picked[p.id])
        own = tuple(dict.fromkeys(name for slug, name in keywords.get(p.id, ()) if slug not in tags))
        out.append(replace(p, tags=tags, keywords=own))
    return out


def _pick(first: list[str], then: list[str], allowed: Counter) -> list[str]:
    tags = [t for t in first if allowed[t] >= SHARED_BY][:MAX_TAGS]
    return tags + [t for t in then if allowed[t] >= SHARED_BY][:max(0, WORD_TAGS_UNTIL - len(tags))]
