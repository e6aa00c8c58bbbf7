"""Names and descriptions of derived topics (generator/taxonomy/naming.py, vocabulary.py).

Read as a researcher of the field would: a name is noun phrases of the field (never an
everyday or generic word of research writing, a truncated phrase or a proper-name
fragment), distinct from every other topic's name; a description is sentences. Checked
on the ten-field collections ``fields_c`` and ``fields_d`` (shaped like the issue's
hidden collection) and on ``LAB``, a small lab's collection written here, modelled on the
issue's biorobotics lab: three topics on honey bees, electric fish, explainable AI and
propaganda detection, with the mess of real exports (copyright lines, an abstract in
German, status keywords as words of the text).
"""
from __future__ import annotations

import gzip
import random
import re
import sys
from collections import Counter

import pytest

from generator.model.papers import Paper
from generator.taxonomy import naming, topic_model, vocabulary
from generator.text import lexicon
from generator.text.boilerplate import prose
from generator.text.phrases import phrases_of
from generator.text.words import ACADEMIC_WORDS
from support.project import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import topics as bench_topics  # noqa: E402  (benchmarks/topics.py: fixture loading)


def load(name: str) -> list[Paper]:
    return bench_topics.load(name)[0]

#: Words a researcher never names a topic by (the issue's examples and their kind).
GENERIC = frozenset(("evidence conclusion advantage activity observation training theory user insight "
                     "future support finding application approach method result data analysis").split())

#: A small lab's collection: per topic, the subjects its papers combine (each paper takes
#: three of them, in an order drawn from a seeded generator) and the words around them.
LAB_TOPICS = {
    "colony": ["honey bee colonies", "foraging honey bees", "brood care", "hive temperature", "colony health",
               "worker bees", "queen pheromone", "swarming behaviour"],
    "dance": ["waggle dance communication", "dance followers", "recruitment to food sources",
              "waggle run duration", "dance floor", "foraging distance", "vector information", "hive odour"],
    "robot": ["biomimetic robots", "robotic honeybee", "robot dancer", "mixed societies of robots and animals",
              "robot control software", "interactive robots", "tracking of marked bees", "automated video analysis"],
    "fish": ["weakly electric fish", "electric organ discharges", "electrolocation", "electrosensory system",
             "Mormyrus rume proboscirostris", "social electrocommunication", "active sensing", "electroreceptors"],
    "xai": ["attribution methods", "explainable artificial intelligence", "saliency maps", "deep neural networks",
            "layer-wise relevance propagation", "integrated gradients", "image classifiers", "faithfulness metrics"],
    "news": ["propaganda detection", "news articles", "linguistic features", "persuasion techniques",
             "transformer language models", "annotated corpora", "fake news", "media bias"],
}
_SENTENCES = ("We study {0} and {1}.", "Our results on {1} show how {2} shapes {0}.",
              "Experiments relate {2} to {0} in {1}.", "This work compares {0}, {1} and {2}.",
              "We report new measurements of {2} and discuss {1}.")
_COPYRIGHT = "© 2019 Springer Science+Business Media, LLC, part of Springer Nature. All rights reserved."
_GERMAN = ("Wir untersuchen die Kommunikation der Honigbienen und die Bedeutung des Schwänzeltanzes für die "
           "Rekrutierung von Sammlerinnen, und wir zeigen, dass die Dauer des Tanzes mit der Entfernung zunimmt.")


def lab() -> list[Paper]:
    """``LAB_TOPICS`` as 8 papers a topic (48), deterministic."""
    rng = random.Random(24)
    papers = []
    for topic, subjects in LAB_TOPICS.items():
        for n in range(8):
            picks = rng.sample(subjects, 3)
            sentences = [s.format(*picks) for s in rng.sample(_SENTENCES, 3)]
            abstract = " ".join(sentences)
            if n == 0:
                abstract += " " + _COPYRIGHT
            title = f"{picks[0][0].upper()}{picks[0][1:]}: {picks[1]}"
            papers.append(Paper(id=f"{topic}{n}", title=title, abstract=abstract))
    papers.append(Paper(id="dance-de", title="Der Schwänzeltanz der Honigbiene", abstract=_GERMAN))
    return papers


@pytest.fixture(scope="module", params=["fields_c", "fields_d", "lab"])
def named(request):
    papers = lab() if request.param == "lab" else load(request.param)
    derived = topic_model.derive(papers)
    return request.param, papers, [t for t in derived.taxonomy.topics if not t.catch_all]


def phrases(name: str) -> list[str]:
    """The phrases a name joins: "Galaxies and star formation" → galaxies, star formation;
    "Coverage path planning for multiple robots" → coverage path planning, multiple robots."""
    return [p for p in re.split(r",\s*|\s+(?:and|for|in|of|on)\s+", name.lower()) if p]


def keys(phrase: str) -> tuple[str, ...]:
    found = phrases_of(phrase)
    return max(found, key=len) if found else ()


def test_no_name_is_an_everyday_or_generic_word(named):
    _, _, topics = named
    for t in topics:
        for phrase in phrases(t.name):
            words = phrase.split()
            assert not (len(words) == 1 and words[0].rstrip("s") in GENERIC), t.name
            assert not (len(words) == 1 and lexicon.zipf(words[0]) >= naming.EVERYDAY_ZIPF), t.name
            k = keys(phrase)
            assert not k or not all(w in ACADEMIC_WORDS for w in k), t.name


def test_no_name_is_one_word_of_research_in_every_field(named):
    """A topic named by one word only when it is a term of a field: no word a tenth of
    OpenAlex's 244 research subfields use ("Optimization", "Imaging", "Devices", "Gender")."""
    _, _, topics = named
    fields = {vocabulary.sentence_case(line.split("\t")[i]) for line in _vocabulary_lines() for i in (0, 1)}
    for t in topics:
        if t.name not in fields and len(t.name.split()) == 1:
            assert vocabulary.breadth(keys(t.name)) < naming.BROAD, t.name


def test_no_two_names_share_a_phrase_without_saying_how_they_differ(named):
    _, _, topics = named
    assert len({t.name.lower() for t in topics}) == len(topics)
    for a in topics:
        for b in topics:
            if a is b:
                continue
            for pa in phrases(a.name):
                for pb in phrases(b.name):
                    ka, kb = keys(pa), keys(pb)
                    assert not (ka and kb and naming.clashes(ka, kb)), (a.name, b.name)


def test_every_description_is_sentences(named):
    _, _, topics = named
    for t in topics:
        sentences = [s for s in re.split(r"(?<=\.)\s+", t.description) if s]
        assert sentences, t.name
        for s in sentences:
            assert s[0].isupper() and s.endswith("."), s
            words = re.findall(r"[a-z]+", s.lower())
            assert any("VERB" in lexicon.parts_of_speech(w) <= {"VERB", "AUX"} for w in words), s
        assert "Papers on " + ", ".join(t.patterns[:3]) not in t.description  # not the old word list


def test_names_do_not_depend_on_the_order_of_the_papers(named):
    _, papers, topics = named
    again = topic_model.derive(list(reversed(papers)))
    assert [(t.name, t.description) for t in topics] == \
        [(t.name, t.description) for t in again.taxonomy.topics if not t.catch_all]


def test_the_lab_topics_are_named_by_their_own_subjects():
    """Each of the six topics of ``LAB`` is named by its subjects; the three bee topics
    say how they differ (no "honey bees" in two names); no copyright words, no German,
    no proper-name fragment ("Mormyrus rume") in any name."""
    topics = [t for t in topic_model.derive(lab()).taxonomy.topics if not t.catch_all]
    names = [t.name.lower() for t in topics]
    assert len(topics) == 6, names
    text = " ".join(names)
    for word in ("springer", "nature", "rights", "die", "und", "mormyrus", "rume"):
        assert word not in text.split(), names
    for topic, subjects in LAB_TOPICS.items():
        own = {w for s in subjects for w in s.lower().split()}
        assert any(set(n.split()) & own - {"and"} for n in names), (topic, names)
    assert sum("bee" in n or "bees" in n for n in names) <= 2, names


@pytest.mark.parametrize("phrase, ok", [
    ("spiking neural", False), ("solving fixed", False), ("evidence", False), ("observations", False),
    ("real world", False), ("last decades", False), ("kpc", False), ("highly accurate", False),
    ("state-of-the-art algorithms", False),
    ("spiking neural networks", True), ("variational inequalities", True), ("exoplanets", True),
    ("honey bees", True), ("scheduling", True),
])
def test_a_phrase_names_a_topic_only_when_it_is_a_noun_phrase_of_a_field(phrase, ok):
    key = keys(phrase)
    usage = naming.Usage.of([f"{phrase}."] * 3)
    spellings = Counter({phrase: 3})
    assert bool(key) and naming.nameable(key, phrase, usage, spellings, Counter({key: 3}), 0.5) == ok or \
        (not key and not ok), phrase


def test_a_word_the_papers_use_as_a_verb_or_always_continue_names_nothing():
    verb = naming.Usage.of(["Exploring the data of bees.", "We are exploring how bees dance."] * 2)
    assert verb.verb("exploring") and not naming.Usage.of(["Job scheduling and scheduling."]).verb("scheduling")
    cut = naming.Usage.of(["Rapid infant weight gain in children."] * 4)
    assert cut.fragment(("rapid", "infant", "weight")) and not cut.fragment(("infant", "weight", "gain"))


def test_a_proper_name_of_words_english_does_not_know_names_no_topic():
    assert naming._proper(["Hubble", "Space", "Telescope"], Counter({"Hubble Space Telescope": 9, "hubble space telescope": 1}))
    assert not naming._proper(["Support", "Vector", "Machines"], Counter({"Support Vector Machines": 9}))


def test_a_contested_phrase_names_the_topic_it_tells_more_of():
    """Two topics both best told by "honey bees": the one where it is more telling keeps it,
    the other takes its next phrase, so the names say how they differ."""
    c = naming.Candidate
    bees = [c(("honey", "bee"), "honey bees", "honey bee", 2.0, 0.8), c(("colony",), "colonies", "colony", 1.0, 0.5)]
    dance = [c(("honey", "bee"), "honey bees", "honey bee", 1.5, 0.6),
             c(("waggle", "dance"), "waggle dance", "waggle dance", 1.4, 0.7)]
    chosen = naming.choose([bees, dance])
    assert [x.spelling for x in chosen[0]][0] == "honey bees"
    assert [x.spelling for x in chosen[1]][0] == "waggle dance"
    assert all(x.spelling != "honey bees" for x in chosen[1])


def test_a_description_counts_its_shares_in_sentences():
    d = naming.described(["galaxies", "star formation", "redshift surveys", "dark matter haloes"],
                         [0.6, 0.3, 0.2, 0.15])
    assert d == ("These papers are about galaxies and star formation. Most of them discuss galaxies, many star "
                 "formation; they also mention redshift surveys and dark matter haloes.")
    d = naming.described(["phases", "lattices", "anisotropy"], [0.2, 0.15, 0.12], field="Condensed matter physics")
    assert d == ("These papers in condensed matter physics are about phases and lattices. Some of them discuss "
                 "phases, some lattices; they also mention anisotropy.")
    assert naming.described(["exoplanets"], [0.9]) == "These papers are about exoplanets."


def test_a_collection_across_fields_names_its_topics_after_them_and_a_lab_does_not():
    names = {name: [t.name for t in topics] for name, topics in
             ((n, topic_model.derive(lab() if n == "lab" else load(n)).taxonomy.topics)
              for n in ("fields_c", "lab"))}
    fields = {vocabulary.sentence_case(line.split("\t")[i]) for line in _vocabulary_lines() for i in (0, 1)}
    assert sum(n in fields for n in names["fields_c"]) >= 4, names["fields_c"]
    assert not any(n in fields for n in names["lab"]), names["lab"]


def _vocabulary_lines() -> list[str]:
    with gzip.open(vocabulary.DATA, "rt", encoding="utf-8") as f:
        return f.read().splitlines()


def test_the_shipped_vocabulary_is_what_its_script_writes():
    """Sorted lines of subfield, field, name, description; and the shipped phrase counts are
    those ``derive_counts`` finds in them with today's phrase keys (else: run
    ``tests/fixtures/topics/build_openalex_topics.py --vectors``)."""
    import numpy as np

    lines = _vocabulary_lines()
    assert len(lines) > 4000 and lines == sorted(lines)
    assert all(len(line.split("\t")) == 4 for line in lines)
    assert {line.split("\t")[1] for line in lines} >= {"Medicine", "Mathematics", "Physics and Astronomy"}
    derived = vocabulary.derive_counts(lines)
    with np.load(vocabulary.COUNTS) as shipped:
        assert sorted(shipped.files) == sorted(derived)
        for name, value in derived.items():
            assert np.array_equal(shipped[name], value), name


def candidate(spelling: str, score: float, cover: float = 0.5, share: float = 0.8) -> naming.Candidate:
    key = keys(spelling)
    return naming.Candidate(key, spelling, spelling, score, cover, share)


def test_a_single_word_names_a_topic_only_as_a_term_of_its_field():
    """Rare in English, used by few research subfields, and mostly by this topic's papers."""
    assert naming.term(candidate("heteroplasmy", 1.0))
    assert naming.term(candidate("smart grids", 1.0, share=0.1))  # a phrase: always
    assert not naming.term(candidate("optimization", 1.0))  # 43 subfields use it
    assert not naming.term(candidate("exoplanet", 1.0, share=0.2))  # the whole collection's word
    assert not naming.term(candidate("workers", 1.0))  # everyday English
    chosen = naming.choose([[candidate("optimization", 2.0), candidate("smart grids", 1.0)]])
    assert [c.spelling for c in chosen[0]] == ["smart grids"]


def test_an_acronym_does_not_stand_beside_what_it_abbreviates():
    assert naming.abbreviates(candidate("mtDNA", 1), candidate("mitochondrial DNA", 1))
    assert naming.abbreviates(candidate("CS theory", 1), candidate("compressive sensing", 1))
    assert naming.abbreviates(candidate("NER", 1), candidate("named entity recognition", 1))
    assert not naming.abbreviates(candidate("PCR", 1), candidate("heart failure", 1))
    assert not naming.abbreviates(candidate("mitochondrial DNA", 1), candidate("mtDNA", 1))
    chosen = naming.choose([[candidate("mitochondrial DNA", 2.7), candidate("mtDNA", 1.6),
                             candidate("heteroplasmy", 1.1)]])
    assert [c.spelling for c in chosen[0]] == ["mitochondrial DNA", "heteroplasmy"]


def test_a_second_phrase_is_a_facet_as_telling_as_the_first_nearly_is():
    """Not a broad word ("assemblies" beside "gene families"), not much less telling."""
    chosen = naming.choose([[candidate("gene families", 1.2), candidate("imaging", 0.9),
                             candidate("ape species", 0.7)]])
    assert [c.spelling for c in chosen[0]] == ["gene families", "ape species"]
    chosen = naming.choose([[candidate("granger causality", 2.6), candidate("sampling theory", 0.5)]])
    assert [c.spelling for c in chosen[0]] == ["granger causality"]


def test_a_piece_of_a_longer_term_is_made_whole_and_a_piece_of_a_name_left_out():
    texts = [(t, t.lower()) for t in ("We count de novo mutations in trios.", "De novo mutations rise with age.",
                                      "The Hubble Space Telescope saw it.", "Spitzer Space Telescope data.",
                                      "Deep neural networks and graph neural networks.", "Neural networks learn.")]
    assert naming.piece(["novo mutations"], texts) == "de"
    assert naming.piece(["Space Telescope"], texts, frozenset({"hubble", "spitzer"})) == ""
    assert naming.piece(["neural networks"], texts) is None
    found = naming.whole([candidate("novo mutations", 1.0), candidate("neural networks", 0.9)],
                         {}, [t for t, _ in texts], frozenset())
    assert [c.spelling for c in found] == ["de novo mutations", "neural networks"]


def test_a_name_joins_its_phrases_as_its_papers_do():
    a, b = candidate("coverage path planning", 1.0), candidate("multiple robots", 0.8)
    texts = ["Coverage path planning for multiple robots on grids.", "We study coverage path planning for "
             "multiple robots.", "Coverage path planning.", "Multiple robots."]
    assert naming.joined(a, b, {}, texts) == "coverage path planning for multiple robots"
    assert naming.joined(a, b, {}, texts[2:]) == "coverage path planning and multiple robots"


def test_a_name_is_shown_as_running_text_writes_it():
    assert naming.shown("HOT SUPER-EARTHS", frozenset({"earth"}),
                        Counter({"HOT SUPER-EARTHS": 3, "hot super-Earths": 2, "hot super-Earth": 1})) == "hot super-Earths"
    assert naming.shown("Sulfur chemistry") == "sulfur chemistry"
    assert naming.shown("End-Stage renal disease") == "end-stage renal disease"
    assert naming.shown("Venus flytrap", frozenset({"venus"})) == "Venus flytrap"
    assert naming.shown("mtDNA mutations") == "mtDNA mutations"


def test_symbols_written_as_words_and_abstract_headings_are_not_read_for_names():
    text = prose("BACKGROUND: Radii of 1.2 R-circle dot and the (a) over tilde state. CONCLUSIONS: Hot planets.")
    assert "BACKGROUND" not in text and "CONCLUSIONS" not in text and "circle" not in text and "tilde" not in text
    assert "Hot planets." in text and "Radii of 1.2" in text


def test_two_topics_of_one_field_are_told_apart_by_their_subfields():
    """In a collection across fields, a field's name goes to one topic; another topic of the
    field takes its subfield when that is clearly its own, and a field's name never stands
    beside a subfield sharing a word with it ("Physics and astronomy", "Astronomy and
    astrophysics")."""
    m = vocabulary.Match
    matches = [m("Astronomy and Astrophysics", "Physics and Astronomy", True, 0.22, narrower="Astronomy and Astrophysics"),
               m("Physics and Astronomy", "Physics and Astronomy", False, 0.13, narrower="Condensed Matter Physics"),
               m("Computer Science", "Computer Science", False, 0.12, narrower="Artificial Intelligence"),
               m("Computer Science", "Computer Science", False, 0.07, clear=False),
               m("Medicine", "Medicine", False, 0.10),
               m("Mathematics", "Mathematics", False, 0.18),
               m("Mathematics", "Mathematics", False, 0.10),
               None]
    assert vocabulary.field_names(matches) == ["Astronomy and astrophysics", "Condensed matter physics",
                                               "Artificial intelligence", "Computer science", "Medicine",
                                               "Mathematics", None, None]


def test_a_single_word_beside_a_name_is_a_term_rare_in_english():
    """"Work-related training", not "Work-related training and deductions"; "Mitochondrial
    DNA and heteroplasmy" keeps its term, an acronym stays."""
    first = candidate("work-related training", 1.0)
    for word in ("deductions", "clinicians", "isolates", "eruptions"):
        assert lexicon.zipf(word) >= naming.FACET_ZIPF
        assert not naming.facet(candidate(word, 0.9, share=0.9), first), word
    assert naming.facet(candidate("heteroplasmy", 0.9, share=0.9), candidate("mitochondrial DNA", 1.0))
    assert naming.facet(candidate("MC1R", 0.9, share=0.9), candidate("duplicate genes", 1.0))
    chosen = naming.choose([[first, candidate("deductions", 0.9, share=0.9)]])
    assert [c.spelling for c in chosen[0]] == ["work-related training"]


def test_two_names_of_one_phrase_in_two_forms_clash():
    """"Exoplanet atmospheres" and "exoplanetary atmospheres" say the same; a single word
    clashes only with a phrase holding it as written ("entanglement" beside
    "polarization-entangled photon pairs" says something else)."""
    assert naming.clashes(keys("exoplanet atmospheres"), keys("exoplanetary atmospheres"))
    assert not naming.clashes(keys("entanglement"), keys("polarization-entangled photon pairs"))
    assert not naming.clashes(keys("inertial projection"), keys("inertial extragradient algorithms"))
    chosen = naming.choose([[candidate("exoplanet atmospheres", 2.0)],
                            [candidate("exoplanetary atmospheres", 1.0), candidate("secondary eclipse", 0.9)]])
    assert [c.spelling for c in chosen[1]][0] == "secondary eclipse"


def test_a_name_inside_a_phrase_keeps_its_capital_however_titles_write_it():
    forms = Counter({"inertial mann algorithms": 2, "inertial Mann algorithms": 1})
    assert naming.shown("inertial mann algorithms", frozenset(), forms) == "inertial Mann algorithms"
    assert naming.shown("Sulfur chemistry", frozenset(), Counter({"Sulfur chemistry": 3})) == "sulfur chemistry"


def test_a_description_mentions_terms_not_everyday_words():
    assert naming.mentionable(candidate("heteroplasmy", 1.0))
    assert naming.mentionable(candidate("gut microbiota", 1.0))
    assert naming.mentionable(candidate("BMI", 1.0))
    for word in ("mouse", "wages", "survival", "associations"):
        assert not naming.mentionable(candidate(word, 1.0)), word


def test_a_second_phrase_is_the_topics_own_term_among_its_most_telling():
    """A second phrase names a topic beside its first only when it earns its place: mostly the
    topic's own ("hot Jupiters" in a fifth of the papers using it is not), not made only of
    everyday English ("treatment arms", "working hours": where, not what), a rare word if one
    ("taxa", "assays" are not), and among the two most telling phrases after the first (a
    phrase further down is not what the topic is about): else the first phrase alone."""
    first = candidate("secondary eclipse", 1.0)
    assert not naming.facet(candidate("hot Jupiters", 0.9, share=0.19), first)
    assert naming.facet(candidate("hot Jupiters", 0.9, share=0.6), first)
    assert not naming.facet(candidate("treatment arms", 0.9, share=0.9), candidate("rheumatoid arthritis", 1.0))
    assert naming.facet(candidate("ankylosing spondylitis", 0.9, share=0.9), candidate("rheumatoid arthritis", 1.0))
    for word in ("taxa", "assays"):
        assert not naming.facet(candidate(word, 0.9, share=0.9), first), word
    chosen = naming.choose([[first, candidate("radiative transfer", 0.9, share=0.3),
                             candidate("orbital phase", 0.8, share=0.3), candidate("hot spots", 0.7)]])
    assert [c.spelling for c in chosen[0]] == ["secondary eclipse"]
    chosen = naming.choose([[first, candidate("radiative transfer", 0.9, share=0.3), candidate("hot spots", 0.7)]])
    assert [c.spelling for c in chosen[0]] == ["secondary eclipse", "hot spots"]
    chosen = naming.choose([[first, candidate("thermal emission", 0.35)]])
    assert [c.spelling for c in chosen[0]] == ["secondary eclipse"]


def test_a_term_the_papers_continue_is_made_whole_or_left_out():
    """"Multi-agent pickup [and delivery]" is completed as the papers write it; "inertial
    projection [and contraction methods | algorithms]", continued in different ways, names
    nothing; "[projection and] contraction algorithms", after a noun and "and", is a piece;
    "[pseudomonotone and] non-Lipschitz operators" (an adjective before "and") is not."""
    texts = [(t, t.lower()) for t in (
        "We solve multi-agent pickup and delivery (MAPD).", "Multi-agent pickup and delivery with deadlines.",
        "Lifelong multi-agent pickup and delivery.", "Inertial projection and contraction methods converge.",
        "Inertial projection and contraction algorithms for them.", "Two inertial projection and contraction methods.",
        "Inertial projection and contraction algorithms again.", "Pseudomonotone and non-Lipschitz operators.",
        "We treat non-Lipschitz operators.", "Non-Lipschitz operators arise.")]
    assert naming.continued(["multi-agent pickup"], texts) == ("and delivery", ("and", "delivery"))
    assert naming.continued(["inertial projection"], texts) == ("", ())
    assert naming.continued(["non-Lipschitz operators"], texts) is None
    assert naming.piece(["contraction algorithms", "contraction methods"], texts) == ""
    assert naming.piece(["non-Lipschitz operators"], texts) is None
    found = naming.whole([candidate("multi-agent pickup", 1.0), candidate("inertial projection", 0.9),
                          candidate("non-Lipschitz operators", 0.8)], {}, [t for t, _ in texts], frozenset())
    assert [c.spelling for c in found] == ["multi-agent pickup and delivery", "non-Lipschitz operators"]
    chosen = naming.choose([[found[0], candidate("realistic subclass", 0.9)]])
    assert [c.spelling for c in chosen[0]] == ["multi-agent pickup and delivery"]  # no second "and"


def test_a_term_of_a_quarter_of_the_titles_names_the_topic_first():
    """Titles carry the field's terms: "web service composition", in a quarter of the topic's
    titles and nearly none other, names it before "VxBPEL", a phrase of its abstracts."""
    abstract = [candidate("VxBPEL", 2.0), candidate("service variability", 1.0)]
    title = [candidate("web service composition", 0.5, cover=0.25, share=1.0)]
    counts = Counter({keys("web service composition"): 4, keys("VxBPEL"): 2})
    out = naming.titled([abstract], [title], [counts])
    assert [c.spelling for c in out[0]] == ["web service composition", "VxBPEL", "service variability"]
    assert out[0][0].score == 2.0
    shared = [candidate("web service composition", 0.5, cover=0.25, share=0.5)]  # other topics' titles too
    assert naming.titled([abstract], [shared], [counts]) == [abstract]
    few = Counter({keys("web service composition"): 2, keys("VxBPEL"): 2})
    assert naming.titled([abstract], [title], [few]) == [abstract]


def test_an_acronym_of_a_longer_term_ending_in_a_phrase_repeats_it():
    assert naming.abbreviates(candidate("MCPP", 1), candidate("coverage path planning", 1))
    assert not naming.abbreviates(candidate("MAPF", 1), candidate("coverage path planning", 1))
