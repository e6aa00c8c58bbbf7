"""Topics and tags: every paper gets one primary topic and up to 8 tags, each shared with
another paper (``tags.py`` says where tags come from and what is never one).

``data/topics.yml`` holds the taxonomy: topics (name, slug, description and
``match`` terms: words and phrases, not regular expressions) and a tag
vocabulary (name, aliases, optional ``match`` terms).
Tags also come from the text: an acronym defined in an abstract — "graph neural
networks (GNNs)" — that several papers share becomes a tag, and its long form,
plural and acronym are one tag. A record's or curation's topic and tags win.
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache

from generator import paths
from generator.analysis import vectors
from generator.errors import Problem, error, note, warning
from generator.model.papers import Paper
from generator.model.taxonomy import Tag, Taxonomy, Topic
from generator.runtime import progress
from generator.taxonomy import tags as tags_module
from generator.taxonomy.tags import tag_slug
from generator.taxonomy import naming, topic_model
from generator.text.normalise import fold
from generator.text.normalise import stem as _stem
from generator.text.phrases import concept_key
from generator.text.slugs import slugify
from generator.text.tokens import ASCII_WORD
from generator.text.words import INITIALS_SKIPPED


#: A maintained site's paper with fewer tags of the vocabulary than this gets phrase tags too.
MIN_TAGS = 2
MAX_TAGS = tags_module.MAX_TAGS
TITLE_WEIGHT = 3
#: An acronym becomes a tag when this many papers' abstracts define it.
EXTRACTED_MIN_PAPERS = 3


# --- loading ---------------------------------------------------------------

def parse_taxonomy(data: object, path: str, lines: Mapping[str, int]) -> tuple[Taxonomy | None, list[Problem]]:
    """Validate the YAML of topics.yml; every problem is reported, none raised."""
    problems: list[Problem] = []
    if not isinstance(data, dict) or not isinstance(data.get("topics"), list):
        return None, [error(path, 1, "topics.yml must be a mapping with a 'topics' list (and optionally 'tags' and 'catch_all')")]
    catch_all = data.get("catch_all")
    topics: list[Topic] = []
    seen: set[str] = set()
    for n, item in enumerate(data["topics"]):
        line = lines.get(f"topics.{n}", 0)
        if not isinstance(item, dict) or not item.get("name"):
            problems.append(error(path, line, "each topic needs at least a 'name'"))
            continue
        slug = str(item.get("slug") or slugify(str(item["name"])))
        if not slug or slug != slugify(slug):
            problems.append(error(path, line, f"topic {item['name']!r} needs a 'slug' of lowercase ASCII letters, digits and hyphens"))
            continue
        if slug in seen:
            problems.append(error(path, line, f"topic slug {slug!r} is used twice; give each topic its own slug"))
            continue
        if why := paths.reserved(slug):
            problems.append(error(path, line, f"topic {item['name']!r} cannot have the slug {slug!r}: {why}; "
                                              "give it another 'slug'"))
            continue
        seen.add(slug)
        patterns = tuple(str(p) for p in item.get("match") or ())
        topics.append(Topic(slug, str(item["name"]), str(item.get("description", "")), patterns,
                            catch_all=slug == catch_all,))
    if catch_all and catch_all not in seen:
        problems.append(error(path, 1, f"catch_all names {catch_all!r}, which is not a topic slug; choose one of {', '.join(sorted(seen))}"))
    if not catch_all:
        problems.append(error(path, 1, "topics.yml needs 'catch_all': the slug of the topic for papers that match no rule"))
    tags, ignore, found = parse_tag_rules(data, path, lines)
    problems += found
    if any(p.is_error for p in problems):
        return None, problems
    return Taxonomy(tuple(topics), tags, ignore), problems


def parse_tag_rules(data: object, path: str, lines: Mapping[str, int]) -> tuple[tuple[Tag, ...], tuple[str, ...], list[Problem]]:
    """The ``tags`` vocabulary and the ``ignore`` list of topics.yml or tags.yml: (tags, ignore, problems)."""
    problems: list[Problem] = []
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return (), (), [error(path, 1, "tags.yml must be a mapping with 'ignore' and/or 'tags' lists")]
    ignore = data.get("ignore") or []
    if not isinstance(ignore, list) or not all(isinstance(x, str) for x in ignore):
        problems.append(error(path, lines.get("ignore", 1), "'ignore' must be a list of keywords, phrases or acronyms never "
                                                             "to make tags (\"*\" stands for any words)"))
        ignore = []
    tags: list[Tag] = []
    for n, item in enumerate(data.get("tags") or ()):
        line = lines.get(f"tags.{n}", 0)
        if isinstance(item, str):
            item = {"name": item}
        if not isinstance(item, dict) or not item.get("name"):
            problems.append(error(path, line, "each tag needs a 'name' (and optionally 'aliases' and 'match')"))
            continue
        if why := paths.reserved(slugify(str(item["name"]))):
            problems.append(error(path, line, f"tag {item['name']!r} cannot be in the vocabulary under that name: "
                                              f"{why}; name it otherwise (an alias may keep the word)"))
            continue
        tags.append(Tag(tag_slug(str(item["name"])), str(item["name"]),
                        tuple(str(a) for a in item.get("aliases") or ()),
                        tuple(str(p) for p in item.get("match") or ())))
    return tuple(tags), tuple(ignore), problems


# --- matching ----------------------------------------------------------------
#
# Rules are terms, not regular expressions: a word or phrase ("graph neural
# network"), case-sensitive when written in capitals ("GNN", "CT"), plurals
# matching ("GNNs", "networks"), and a trailing "*" matching any word that
# starts so ("prun*"). Text is split into words once per paper and every term
# is a dictionary look-up, so matching stays linear at 100,000 papers.

@lru_cache(maxsize=1 << 17)  # bounded: under `mkdocs serve` it lives as long as the process
def _keys(word: str) -> tuple[str, str]:
    """(case-insensitive key, case-sensitive key) of one word: "GNNs" → ("gnn", "GNN")."""
    cased = word[:-1] if word.endswith("s") and len(word) > 2 and word[:-1].isupper() else word
    return _stem(word.lower()), cased


def _is_acronym(term: str) -> bool:
    letters = [c for c in term if c.isalpha()]
    return len(letters) >= 1 and all(c.isupper() for c in letters) and any(c.isalpha() for c in term)


@dataclass(frozen=True, slots=True)
class Words:
    """A text split into words once, with the keys every matcher looks up."""

    lower: tuple[str, ...]
    cased: tuple[str, ...]

    @classmethod
    def of(cls, text: str) -> "Words":
        keys = [_keys(w) for w in ASCII_WORD.findall(text)]
        return cls(tuple(k[0] for k in keys), tuple(k[1] for k in keys))


@dataclass(slots=True)
class Matcher:
    """Finds the terms of many targets (topics or tags) in a text in one pass."""

    exact: dict[tuple[str, ...], list[str]]
    cased: dict[tuple[str, ...], list[str]]
    prefixes: dict[str, list[str]]
    #: First word of a term → the most words a term starting with it has.
    first: dict[str, int]
    first_cased: dict[str, int]
    _prefix_lengths: tuple[int, ...] = ()
    _prefix_cache: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def build(cls, terms: dict[str, list[str]]) -> "Matcher":
        exact: dict[tuple[str, ...], list[str]] = defaultdict(list)
        cased: dict[tuple[str, ...], list[str]] = defaultdict(list)
        prefixes: dict[str, list[str]] = defaultdict(list)
        for target, words in terms.items():
            for term in words:
                if term.endswith("*") and ASCII_WORD.fullmatch(term[:-1]):
                    if target not in prefixes[term[:-1].lower()]:
                        prefixes[term[:-1].lower()].append(target)
                    continue
                tokens = ASCII_WORD.findall(term)
                if not tokens:
                    continue
                table, key = (cased, tuple(_keys(t)[1] for t in tokens)) if _is_acronym(term) else \
                             (exact, tuple(_keys(t)[0] for t in tokens))
                if target not in table[key]:
                    table[key].append(target)
        first: dict[str, int] = {}
        for key in exact:
            first[key[0]] = max(first.get(key[0], 0), len(key))
        first_cased: dict[str, int] = {}
        for key in cased:
            first_cased[key[0]] = max(first_cased.get(key[0], 0), len(key))
        return cls(dict(exact), dict(cased), dict(prefixes), first, first_cased,
                   tuple(sorted({len(p) for p in prefixes})))

    def count(self, words: Words) -> Counter:
        hits: Counter = Counter()
        lower, cased = words.lower, words.cased
        n = len(lower)
        # Case-insensitive terms start at any word; case-sensitive ones only at a
        # word whose case-sensitive key differs ("GNN", not "gnn").
        for seq, table, first, skip in ((lower, self.exact, self.first, None),
                                        (cased, self.cased, self.first_cased, lower)):
            if not first:
                continue
            for i, w in enumerate(seq):
                longest = first.get(w)
                if longest is None or (skip is not None and skip[i] == w):
                    continue
                for size in range(1, min(longest, n - i) + 1):
                    for target in table.get(seq[i:i + size], ()):
                        hits[target] += 1
        if self.prefixes:
            cache = self._prefix_cache
            for w in words.lower:
                found = cache.get(w)
                if found is None:
                    found = cache[w] = tuple(t for k in self._prefix_lengths if len(w) >= k
                                             for t in self.prefixes.get(w[:k], ()))
                for target in found:
                    hits[target] += 1
        return hits

    def scores(self, title: Words, abstract: Words) -> Counter:
        """Title hits weigh TITLE_WEIGHT; abstract hits count up to 5 a target."""
        out: Counter = Counter()
        for target, n in self.count(title).items():
            out[target] += TITLE_WEIGHT * n
        for target, n in self.count(abstract).items():
            out[target] += min(n, 5)
        return out


_ACRONYM = re.compile(r"\(([A-Z][A-Za-z0-9]*[A-Z][a-z]?)\)")


def extract_acronym_tags(papers: list[Paper], known: list[Tag], ignore: tuple[str, ...] = ()) -> list[Tag]:
    """Acronyms defined in abstracts ("graph neural networks (GNNs)") shared by enough papers."""
    long_forms: dict[str, Counter] = defaultdict(Counter)
    papers_with: dict[str, set[str]] = defaultdict(set)
    for p in papers:
        for m in _ACRONYM.finditer(p.abstract):
            acro = m.group(1)
            key = acro[:-1] if acro.endswith("s") and len(acro) > 2 else acro
            before = p.abstract[max(0, m.start() - 120):m.start()].split()
            phrase = _spelled(before, key)
            if phrase:
                long_forms[key][phrase] += 1
                papers_with[key].add(p.id)
    known_terms = {fold(x) for t in known for x in (t.name, *t.aliases)} | {fold(x) for x in ignore}
    found = []
    for acro in sorted(long_forms):
        if len(papers_with[acro]) < EXTRACTED_MIN_PAPERS:
            continue
        phrase = long_forms[acro].most_common(1)[0][0]
        if {fold(acro), fold(phrase), fold(phrase + "s")} & known_terms:
            continue
        found.append(Tag(tag_slug(phrase), phrase, (acro,)))
    return found


def _spelled(before: list[str], acro: str) -> str | None:
    """The trailing words of ``before`` whose initials spell ``acro``, lowercased and singular."""
    letters = acro.upper()
    words: list[str] = []
    need = len(letters)
    for w in reversed(before):
        w = w.strip(",;:.\"'")
        if not w or not w[0].isalpha():
            return None
        words.insert(0, w)
        if w.lower() in INITIALS_SKIPPED:
            continue
        need -= len([part for part in w.split("-") if part])
        if need <= 0:
            break
    if need > 0 or not words:
        return None
    initials = "".join(part[0] for w in words if w.lower() not in INITIALS_SKIPPED for part in w.split("-") if part).upper()
    if initials != letters:
        return None
    phrase = naming.shown(" ".join(words))  # "Graph Neural Networks (GNNs)", "Granger Causality (GC)"
    head, _, last = phrase.rpartition(" ")
    return f"{head} {_stem(last)}".strip()  # singular, but "cystic fibrosis" stays


#: Tags a suggested topics.yml lists at most.
SUGGESTED_TAGS = 200


def suggested_tags(papers: list[Paper], derived: "topic_model.Derived") -> list[str]:
    """Names of the phrase tags most papers of the collection would get (for topics suggest)."""
    out, names, _ = assign(papers, derived.taxonomy, derived.topic_of)
    counts = Counter(t for p in out for t in p.tags if t in names)
    topic_names = {fold(t.name) for t in derived.taxonomy.topics}
    ranked = [names[t] for t, n in counts.most_common() if n >= EXTRACTED_MIN_PAPERS and fold(names[t]) not in topic_names]
    return sorted(ranked[:SUGGESTED_TAGS], key=str.casefold)


@dataclass(slots=True)
class Kept:
    """What ``assign`` worked out from the whole collection, for a rebuild to keep
    (generator/taxonomy/incremental.py says when): the extracted tags, each paper's topic, and
    each paper's tags with the tag names it brought (slug, name, whether it overrides)."""

    acronyms: list[Tag]
    phrases: dict[Tag, float]
    topics: dict[str, str]
    placed: frozenset[str]
    tagged: dict[str, tuple[tuple[str, ...], tuple[tuple[str, str, bool], ...], tuple[str, ...]]]


def assign(papers: list[Paper], taxonomy: Taxonomy,
           topic_of: Mapping[str, str] | None = None) -> tuple[list[Paper], dict[str, str], list[Problem]]:
    """Give each paper a topic and up to MAX_TAGS tags, each shared with another paper
    (``tags.publish``). Returns papers, tag names, problems.

    Topics come from the taxonomy's rules, or from ``topic_of`` (derived topics); a
    paper no rule matches joins its most similar topic when it is clearly close.
    """
    out, names, problems, _ = assign_keeping(papers, taxonomy, topic_of)
    return out, names, problems


def assign_keeping(papers: list[Paper], taxonomy: Taxonomy, topic_of: Mapping[str, str] | None = None,
                   kept: Kept | None = None, same: frozenset[str] = frozenset()):
    """``assign``, and what it kept for the next build. With ``kept``, the extracted tags are
    those of ``kept`` and each paper of ``same`` (unchanged since) keeps its topic and tags:
    only the others are matched."""
    problems: list[Problem] = []
    catch_all = next(t.slug for t in taxonomy.topics if t.catch_all)
    same = same if kept is not None else frozenset()
    todo = [p for p in papers if p.id not in same]
    words = {p.id: _words(p) for p in todo}  # split once: the topic rules and every tag matcher read them
    if kept is None:
        acronyms = extract_acronym_tags(papers, list(taxonomy.tags), taxonomy.ignore)
    else:
        acronyms = kept.acronyms
    topics, placed = _topics(papers, taxonomy, topic_of, problems, words, kept)
    if kept is None:
        phrases = tags_module.phrase_tags(papers, list(taxonomy.tags) + acronyms, taxonomy.ignore, topics)
    else:
        phrases = kept.phrases
    keywords = {p.id: tags_module.keywords_of(p, taxonomy.ignore) for p in papers if p.given_tags}
    tag_one = _Tagger(taxonomy, acronyms, phrases, keywords, derived=topic_of is not None)
    tagged = {}
    for p in progress.track(papers, len(papers), "assigning topics and tags"):
        if p.id in same and kept.topics.get(p.id) == topics[p.id]:
            tagged[p.id] = kept.tagged[p.id]
        else:
            tagged[p.id] = tag_one(p, words[p.id], keywords.get(p.id, []))
    out, tag_names = _published(papers, taxonomy, topics, tagged, tag_one, keywords)
    share = sum(p.topic == catch_all for p in out) / max(len(out), 1)
    if share > 0.05:
        problems.append(warning("data/topics.yml", 0, f"{share:.0%} of papers fall in the catch-all topic {catch_all!r}; add match rules", "catch-all"))
    return out, tag_names, problems, Kept(acronyms, phrases, topics, placed, tagged)


def _published(papers: list[Paper], taxonomy: Taxonomy, topics: Mapping[str, str], tagged: dict,
               tag_one: "_Tagger", keywords: Mapping[str, list[str]]) -> tuple[list[Paper], dict[str, str]]:
    """The papers with their topics and published tags (``tags.publish``), and the names of
    the tags in the index. No tag is the catch-all's name, nor a topic's but by the vocabulary's word."""
    tag_names = dict(tag_one.names)
    out = []
    for p in papers:
        candidates, adds, _ = tagged[p.id]
        for slug, name, override in adds:
            if override:
                tag_names[slug] = name
            else:
                tag_names.setdefault(slug, name)
        out.append(replace(p, topic=topics[p.id], tags=candidates))
    # The maintained vocabulary may name a tag as a topic ("generative models"); nothing
    # else does: no keyword, acronym or phrase hands a topic's name back as a tag.
    topic_concepts = {concept_key(t.name) for t in taxonomy.topics}
    vocabulary = {t.slug for t in taxonomy.tags}
    banned = {slug for slug, name in tag_names.items() if concept_key(name) in topic_concepts and slug not in vocabulary} | \
        {t.slug for t in taxonomy.topics if t.catch_all}
    own = {i: [(tag_one.keyword_slug(k), k) for k in ks] for i, ks in keywords.items()}
    out = tags_module.publish(out, {i: fill for i, (_, _, fill) in tagged.items()}, banned, own)
    used = {t for p in out for t in p.tags}
    return out, {k: v for k, v in sorted(tag_names.items()) if k in used}


class _Tagger:
    """One paper's candidate tags, best first (``__call__``): its keywords, the vocabulary's
    and acronyms' tags, then phrase tags, then single words. ``tags.publish`` keeps those
    other papers share."""

    def __init__(self, taxonomy: Taxonomy, acronyms: list[Tag], phrases: dict[Tag, float],
                 keywords: Mapping[str, list[str]], derived: bool):
        vocabulary = list(taxonomy.tags) + acronyms
        self.names = {t.slug: t.name for t in vocabulary}
        self.tag_m = Matcher.build({t.slug: [t.name, *t.aliases, *t.patterns] for t in vocabulary})
        self.phrase_m = Matcher.build({t.slug: [t.name, *t.aliases] for t in phrases if " " in t.name})
        self.word_m = Matcher.build({t.slug: [t.name, *t.aliases] for t in phrases if " " not in t.name})
        self.weight = {t.slug: w for t, w in phrases.items()}
        # Derived topics: a word tag to fill up is the one more papers share (the
        # maintained taxonomy's site keeps the rarer word, as it always had).
        self.fill_weight = {t: -w for t, w in self.weight.items()} if derived else self.weight
        self.phrase_names = {t.slug: t.name for t in phrases}
        self.long_forms = tags_module.long_forms(vocabulary)
        self.concepts = tags_module.concepts([*vocabulary, *phrases], self.long_forms)
        self.spelled = tags_module.keyword_spellings(keywords.values())
        self.derived = derived

    def keyword_slug(self, keyword: str) -> str:
        """The tag a keyword is: the vocabulary's, an acronym's or a phrase tag's of its concept,
        else the tag of its concept's most used spelling among the records' keywords."""
        concept = concept_key(keyword)
        return self.concepts.get(concept_key(tags_module.expanded(keyword, self.long_forms))) or \
            tag_slug(self.spelled.get(concept, keyword))

    def __call__(self, p: Paper, words: tuple[Words, Words], keywords: list[str]):
        """(candidate tags, the names they bring: (slug, name, True to override an earlier
        name), single words to fill a paper up with)."""
        title, abstract = words
        adds: list[tuple[str, str, bool]] = []
        tags: list[str] = []
        for k in keywords:
            if not tags_module.everyday_word(k):
                slug = self.keyword_slug(k)
                adds.append((slug, self.spelled.get(concept_key(k), k), False))
                tags.append(slug)
        if tags and not self.derived:
            return tuple(dict.fromkeys(tags)), tuple(adds), ()  # a maintained site: the record's tags win
        tags += _best(self.tag_m.scores(title, abstract), {}, MAX_TAGS)
        fill: list[str] = []
        if self.derived or len(tags) < MIN_TAGS:
            extra = _best(self.phrase_m.scores(title, abstract), self.weight,
                          MAX_TAGS if self.derived else tags_module.PHRASE_TAGS_PER_PAPER)
            if not self.derived and len(tags) + len(extra) < tags_module.WORD_TAGS_UNTIL:
                extra += _best(self.word_m.scores(title, abstract), self.fill_weight,
                               tags_module.WORD_TAGS_UNTIL - len(tags) - len(extra))
            elif self.derived:  # words fill up whatever phrases other papers share (tags.publish)
                fill = _best(self.word_m.scores(title, abstract), self.fill_weight, tags_module.WORD_TAGS_UNTIL)
                adds += [(t, self.phrase_names[t], True) for t in fill]
            tags += [t for t in extra if t not in tags]
            adds += [(t, self.phrase_names[t], True) for t in extra]
        return tuple(dict.fromkeys(tags)), tuple(adds), tuple(fill)


def _words(p: Paper) -> tuple[Words, Words]:
    if p.title_inferred:
        return Words.of(""), Words.of(f"{p.title} {p.abstract}")
    return Words.of(p.title), Words.of(p.abstract)


def _best(scores: Counter, weight: Mapping[str, float], limit: int) -> list[str]:
    """The best-scoring targets: score, then weight (rarer phrases first), then slug."""
    ranked = sorted(scores.items(), key=lambda s: (-s[1], -weight.get(s[0], 0.0), s[0]))
    return [slug for slug, score in ranked if score > 0][:limit]


def _topics(papers: list[Paper], taxonomy: Taxonomy, topic_of: Mapping[str, str] | None,
            problems: list[Problem], words: Mapping[str, tuple[Words, Words]],
            kept: Kept | None = None) -> tuple[dict[str, str], frozenset[str]]:
    """Each paper's topic: given, else derived or by the rules (ties: the topic listed
    first), else by similarity to the papers the rules placed, else the catch-all.
    A paper without ``words`` keeps its topic of ``kept`` (and its placement by
    similarity). Returns the topics and the papers placed by similarity."""
    slugs = {t.slug for t in taxonomy.topics}
    catch_all = next(t.slug for t in taxonomy.topics if t.catch_all)
    matcher = Matcher.build({t.slug: list(t.patterns) for t in taxonomy.topics})
    order = {t.slug: n for n, t in enumerate(taxonomy.topics)}
    topics: dict[str, str] = {}
    unplaced: set[str] = set()
    placed: set[str] = set()
    for p in papers:
        if p.given_topic:
            topic = p.given_topic if p.given_topic in slugs else slugify(p.given_topic)
            if topic not in slugs:
                src = p.sources[0]
                problems.append(error(src.path, src.line, f"topic {p.given_topic!r} of {p.id!r} is not in topics.yml; use one of {', '.join(sorted(slugs))}"))
                topic = catch_all
        elif topic_of is not None:
            topic = topic_of.get(p.id, catch_all)
        elif p.id not in words:
            topic = kept.topics[p.id]
            if p.id in kept.placed:
                placed.add(p.id)
        else:
            scores = matcher.scores(*words[p.id])
            best = max(((n, -order[slug], slug) for slug, n in scores.items()), default=(0, 0, catch_all))
            topic = best[2] if best[0] > 0 else catch_all
            if topic == catch_all:
                unplaced.add(p.id)
        topics[p.id] = topic
    if topic_of is None and unplaced:
        moved = topic_model.place_by_similarity(papers, topics, unplaced | placed)
        moved = {i: t for i, t in moved.items() if i in unplaced}
        topics.update(moved)
        placed.update(moved)
    if placed:
        n = len(placed)
        problems.append(note("data/topics.yml", f"{n} paper{'s' if n != 1 else ''} no rule matched "
                             f"{'were' if n != 1 else 'was'} placed in the most similar topic", "placed by similarity"))
    return topics, frozenset(placed)
