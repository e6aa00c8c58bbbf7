"""Taxonomy mechanics on tiny synthetic collections."""
from __future__ import annotations

import re
from dataclasses import replace

from generator.model.papers import Paper, Provenance
from generator.model.taxonomy import Tag, Taxonomy, Topic
from generator.taxonomy import Matcher, Words, assign, parse_taxonomy
from support.project import FIXTURES


def paper(pid: str, title: str, abstract: str) -> Paper:
    return Paper(id=pid, title=title, abstract=abstract, sources=(Provenance("a.yml", 1),))


TAX = Taxonomy(
    topics=(Topic("graphs", "Graphs", "", ("graph", "GNN")), Topic("other", "Other", "", (), catch_all=True)),
    tags=(Tag("symmetry", "symmetry"), Tag("graph-neural-networks", "graph neural networks", ("GNN",))),
)


def test_terms_match_plurals_acronyms_and_prefixes():
    m = Matcher.build({"sym": ["symmetry"], "gnn": ["GNN"], "prune": ["prun*"], "ct": ["CT"]})
    hits = m.count(Words.of("Symmetries of GNNs: pruning and pruned nets, with a CT scan but not an act"))
    assert hits == {"sym": 1, "gnn": 1, "prune": 2, "ct": 1}
    assert m.count(Words.of("gnns in ct")) == {}  # capitals are case-sensitive


def test_a_paper_nothing_matches_gets_no_tag_and_never_its_topics_name():
    """It used to get its topic's name ("Other") and a word of its title as tags: a tag page
    of one paper, and the catch-all handed back as a tag (issue #24)."""
    papers, names, _ = assign([paper("x", "Nothing matches", "Nothing at all here.")], TAX)
    assert papers[0].topic == "other" and papers[0].tags == () and names == {}


def test_ignore_list_stops_generic_acronyms():
    abstracts = [f"Deep neural networks (DNNs) and graph convolutional networks (GCNs) number {i}." for i in range(3)]
    papers = [paper(f"p{i}", f"Paper {i}", a) for i, a in enumerate(abstracts)]
    _, names, _ = assign(papers, TAX)
    assert "deep neural network" in names.values() and "graph convolutional network" in names.values()
    ignoring = Taxonomy(TAX.topics, TAX.tags, ignore=("deep neural network",))
    _, names, _ = assign(papers, ignoring)
    assert "deep neural network" not in names.values() and "graph convolutional network" in names.values()


def test_topics_yml_problems_are_all_reported():
    data = {"catch_all": "nope", "topics": [{"name": "A"}, {"name": "A"}, {"slug": "x"}], "ignore": "DNN"}
    tax, problems = parse_taxonomy(data, "data/topics.yml", {"topics.1": 5, "topics.2": 6, "ignore": 9})
    assert tax is None
    messages = [(p.line, p.message) for p in problems]
    assert any(line == 5 and "used twice" in m for line, m in messages)
    assert any(line == 6 and "needs at least a 'name'" in m for line, m in messages)
    assert any(line == 9 and "'ignore'" in m for line, m in messages)
    assert any("catch_all names 'nope'" in m for _, m in messages)


def test_reserved_slugs_are_refused_with_the_reason():
    """A topic with slug 'index' would write topics/index.md, the list of topics, and lose its page."""
    data = {"catch_all": "other", "topics": [{"name": "Index"}, {"name": "Other"}, {"name": "X", "slug": "index"}],
            "tags": ["Index", "fine"]}
    tax, problems = parse_taxonomy(data, "data/topics.yml", {"topics.0": 3, "topics.2": 7, "tags.0": 9})
    assert tax is None
    messages = {p.line: p.message for p in problems if p.is_error}
    assert set(messages) == {3, 7, 9}
    for line in (3, 7):
        assert "cannot have the slug 'index': topics/index.md and tags/index.md are the lists" in messages[line]
        assert "give it another 'slug'" in messages[line]
    assert messages[9].startswith("tag 'Index' cannot be in the vocabulary under that name: ")


def test_a_record_tag_named_index_gets_its_own_slug():
    from generator.taxonomy import tag_slug

    assert tag_slug("index") == "index-tag" and tag_slug("Index") == "index-tag" and tag_slug("indexing") == "indexing"


def test_names_that_fold_alike_but_are_other_concepts_get_other_slugs():
    """A slug drops marks and letters ASCII cannot write: "C++", "C#", "UŦ" keep a hash of their concept."""
    from generator.taxonomy import tag_slug

    names = ["C++", "C#", "C", ";LT", ":LT", "LT", "${HOME}", "HOME", "UŦ", "U", "日本語", "🔥"]
    slugs = [tag_slug(n) for n in names]
    assert len(set(slugs)) == len(names), slugs
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9-]*", s) for s in slugs), slugs
    assert slugs[2] == "c" and slugs[0].startswith("c-") and slugs[7] == "home"
    # Spellings of one concept share it; a name its slug says in full has no hash.
    assert tag_slug("Honey-bees") == "honey-bees" and tag_slug("E. coli") == "e-coli"


def test_a_phrase_inside_a_longer_tag_is_not_a_tag_of_its_own():
    """'active galactic' only repeats the acronym tag 'active galactic nuclei' (AGN)."""
    abstracts = [f"Active galactic {form} (AGN) in survey {i}." for i, form in enumerate(("nuclei", "nucleus", "nuclei"))]
    abstracts += [f"Unrelated text about proteins number {i}." for i in range(40)]
    papers = [paper(f"p{i}", f"Paper {i}", a) for i, a in enumerate(abstracts)]
    out, names, _ = assign(papers, TAX)
    tags = {names[t] for t in out[0].tags}
    assert "active galactic nucleus" in {n.lower() for n in names.values()} or "active galactic nuclei" in tags, tags
    assert "active galactic" not in {n.lower() for n in names.values()}, tags


def test_words_every_field_uses_and_verb_forms_are_no_tags_alone():
    """"major", "independent" (general_words: used by papers of every field) and
    "reducing" name nothing a reader could browse; "graphene" does, and so does a
    phrase holding a general word ("independent component")."""
    from generator.taxonomy.tags import phrase_tags
    from generator.text.words import GENERAL_WORDS

    assert {"major", "independent"} <= GENERAL_WORDS and "graphene" not in GENERAL_WORDS
    abstracts = [f"A major result on graphene: reducing every independent component. Case {i}." for i in range(3)]
    abstracts += [f"Unrelated text about proteins number {i}." for i in range(60)]
    papers = [paper(f"p{i}", f"Paper {i}", a) for i, a in enumerate(abstracts)]
    names = {t.name.lower() for t in phrase_tags(papers, [])}
    assert "graphene" in names and "independent component" in names, names
    assert not names & {"major", "independent", "reducing"}, names


def test_the_general_words_are_what_their_build_script_derives():
    """words.GENERAL_WORDS (generator/text/words.py) is generated (tests/fixtures/topics/build_general_words.py):
    a hand edit, or a change to how phrases are keyed, shows here."""
    import importlib.util

    from generator.text.words import GENERAL_WORDS

    script = FIXTURES / "topics" / "build_general_words.py"
    spec = importlib.util.spec_from_file_location("build_general_words", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert set(module.general_words()) == GENERAL_WORDS


def _phrase_tag_names(abstracts: list[str], authors: tuple[str, ...] = ()) -> set[str]:
    from generator.taxonomy.tags import phrase_tags

    abstracts = abstracts + [f"Unrelated text about proteins number {i}." for i in range(60)]
    papers = [replace(paper(f"p{i}", f"Paper {i}", a), authors=authors) for i, a in enumerate(abstracts)]
    return {t.name for t in phrase_tags(papers, [])}


def test_a_phrase_that_papers_write_as_a_verb_is_no_tag():
    """Issue #24, seen on a robotics lab's list: "plan collision-free paths", "find
    collision-free paths", "planning collision-free paths", "agent needs", and on a
    sociology list "data highlight", "article draws" were tags."""
    names = _phrase_tag_names([f"We aim to plan collision-free paths for agents {i}. Our data highlight the cost. "
                               f"This article draws on work; each agent needs to wait. Collision-free paths are "
                               f"needed; planning collision-free paths is hard." for i in range(3)])
    lowered = {n.lower() for n in names}
    assert "collision-free paths" in lowered, names
    assert not lowered & {"plan collision-free paths", "planning collision-free paths", "data highlight",
                          "article draws", "agent needs"}, names


def test_academic_words_greek_letters_and_authors_names_are_no_tags():
    """"empirical evaluation", "notion", "epsilon" (a symbol's name) and "Fukushima" (the
    lab's head, named in its abstracts) say nothing of a subject; "Venus flytrap" does."""
    abstracts = [f"An empirical evaluation of the notion of epsilon in the Venus flytrap, as told by Fukushima. "
                 f"Graphene is {i}." for i in range(3)]
    assert "Fukushima" in _phrase_tag_names(abstracts)  # no author of that name: a place, say
    names = _phrase_tag_names(abstracts, authors=("Kenji Fukushima",))
    lowered = {n.lower() for n in names}
    assert "venus flytrap" in lowered and "graphene" in lowered, names
    assert not lowered & {"empirical evaluation", "notion", "epsilon", "fukushima"}, names


def test_a_machines_concepts_are_tags_only_where_the_paper_mentions_them():
    """OpenAlex concepts as Zotero imports them ("Fundus (uterus)", "Epistemology" on a retina
    paper): only those the title or abstract names stay; a lab's own keywords all stay."""
    from generator.taxonomy.tags import keywords_of

    concepts = ("Retina", "Epistemology", "Fundus (uterus)", "Artificial intelligence", "Ganglion cells")
    p = replace(paper("r", "Retinal ganglion cells", "The retina and its ganglion cells, seen in the fundus."),
                given_tags=concepts)
    assert keywords_of(p, ()) == ["Retina", "Fundus", "Ganglion cells"]
    own = replace(p, given_tags=("Retina", "Epistemology"))
    assert keywords_of(own, ()) == ["Retina", "Epistemology"]


def test_astronomy_keyword_facets_that_name_no_object_are_no_tags():
    from generator.taxonomy.tags import keywords_of

    p = replace(paper("a", "A hot Jupiter", "Its atmosphere."), given_tags=(
        "planets and satellites: atmospheres", "stars: individual", "planets and satellites: general",
        "stars: individual: HD 189733"))
    assert keywords_of(p, ()) == ["planets and satellites: atmospheres", "stars: individual: HD 189733"]


def test_an_acronym_inside_a_phrase_is_its_long_form_and_keeps_a_names_capitals():
    """Seen on a neuroscience lab's list: "GC analysis" and "Granger causality analysis" were
    two tags, and the acronym's tag read "granger causality"."""
    abstracts = [f"We use Granger causality (GC) here {i}. A GC analysis shows links." for i in range(3)]
    abstracts += [f"Granger causality analysis of spikes {i}." for i in range(3)]
    abstracts += [f"Unrelated text about proteins number {i}." for i in range(60)]
    papers = [paper(f"p{i}", f"Paper {i}", a) for i, a in enumerate(abstracts)]
    tagged, names, _ = assign(papers, TAX)
    shown = set(names.values())
    assert "Granger causality" in shown, shown
    analysis = [n for n in shown if n.lower().endswith("analysis")]
    assert len(analysis) == 1, shown
    slug = next(s for s, n in names.items() if n == analysis[0])
    assert all(slug in p.tags for p in tagged[:6]), [p.tags for p in tagged[:6]]


def test_web_of_science_keyword_spellings():
    """Seen on an astronomy list merged from Web of Science: "stars : abundances" beside
    "stars: abundances", and the symbol names "M-circle dot", "R-circle dot" as tags."""
    from generator.taxonomy.tags import keywords_of

    p = replace(paper("w", "A star", "Its abundances."), given_tags=("stars : abundances", "M-circle dot",
                                                                      "R-circle dot", "circle dot"))
    assert keywords_of(p, ()) == ["stars: abundances"]


def test_a_count_is_no_tag():
    """"Three transits", "six transits" were tags of an astronomy list."""
    names = _phrase_tag_names([f"Three transits of the exoplanet WASP-12b and six transits of another exoplanet: "
                               f"transit timing. Case {i}." for i in range(3)])
    assert "transit timing" in names and not any(n.split()[0].lower() in ("three", "six") for n in names), names
