"""The source formats: detection, reading each format's quirks, bad input, LaTeX decoding."""
from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import SourceError
from generator.sources import SourceFile, by_name, decode, detect, read_source, registry
from generator.sources.arxiv_atom import find_code_url
from generator.text import dates
from generator.text.latex import decode_commands, latex_to_text
from support.project import FIXTURES, ROOT

FORMATS = FIXTURES / "formats"
BUILT_IN = ("yaml", "listing")
FORMAT_NAMES = [f.name for f in registry()]
ADDED = [name for name in FORMAT_NAMES if name not in BUILT_IN]
FIXTURE_FILES = sorted(p for p in FORMATS.rglob("*") if p.is_file())


def read_fixture(relative: str):
    path = FORMATS / relative
    name, result = read_source(f"fixtures/{relative}", path.read_bytes())
    return name, result


def records_of(relative: str, expected_format: str):
    name, result = read_fixture(relative)
    assert name == expected_format, result.problems
    assert not [p for p in result.problems if p.is_error]
    return result.records


def source(text: str, path: str = "input") -> SourceFile:
    return decode(path, text.encode())


# --------------------------------------------------------------------------- registry and detection

def test_registry_has_every_format():
    assert set(FORMAT_NAMES) == {"yaml", "listing", "miniconf", "arxiv_atom", "bibtex", "zotero_json",
                                 "semantic_scholar", "hf_daily", "acl_xml", "crossref"}
    for fmt in registry():
        assert fmt.example and "\n" not in fmt.example
        assert fmt.description and fmt.extensions


@pytest.mark.parametrize("fmt", registry(), ids=lambda f: f.name)
def test_every_format_has_a_fixture_detected_and_read(fmt):
    folder = FORMATS / fmt.name
    files = sorted(p for p in folder.glob("*") if p.is_file())
    assert files, f"tests/fixtures/formats/{fmt.name}/ holds no fixture"
    for path in files:
        src = decode(path.name, path.read_bytes())
        found, score = detect(src)
        assert found is not None and found.name == fmt.name, f"{path.name} detected as {found and found.name}"
        assert score > 0.9
        name, result = read_source(path.name, path.read_bytes())
        assert name == fmt.name
        assert len(result.records) >= 1
        assert not [p for p in result.problems if p.is_error], result.problems


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_added_sniffers_claim_only_their_own_fixtures(path):
    src = decode(path.name, path.read_bytes())
    owner = path.parent.name
    for name in ADDED:
        score = by_name(name).sniff(src)
        if name == owner:
            assert score >= 0.95
        else:
            assert score == 0, f"{name} claims {owner}/{path.name} with {score}"


PROJECT_SOURCES = sorted(p for p in (ROOT / "data" / "sources").glob("*")
                         if p.suffix in (".txt", ".yml", ".yaml"))


@pytest.mark.parametrize("path", PROJECT_SOURCES or [None], ids=lambda p: p.name if p else "none")
def test_project_sources_keep_their_format(path):
    if path is None:
        pytest.skip("no text or YAML files in data/sources")
    src = decode(path.name, path.read_bytes())
    expected = "yaml" if path.suffix in (".yml", ".yaml") else "listing"
    found, _ = detect(src)
    assert found is not None and found.name == expected
    assert all(by_name(name).sniff(src) == 0 for name in ADDED)


@pytest.mark.parametrize("text", ["", "   \n", "plain words\nand more words", "{}", "[]", "null", "<a/>",
                                  "@misc", "- title: x"])
def test_sniffers_never_fail(text):
    for fmt in registry():
        assert 0 <= fmt.sniff(source(text)) <= 1


# --------------------------------------------------------------------------- miniconf

def test_miniconf_csv_quirks():
    records = records_of("miniconf/papers.csv", "miniconf")
    assert [r.provenance.line for r in records] == [2, 3, 6, 7]  # row 3 spans lines 3-5 (CRLF file)
    first, multi, caps, no_abstract = records
    assert first.authors == ("Nitin Rathi", "Gopalakrishnan Srinivasan", "Kaushik Roy")
    assert first.tags == ("imagenet", "spiking neural networks")
    assert "$10{\\times}{-}25{\\times}$" in first.abstract and "$65.19\\%$" in first.abstract
    assert "10× faster" in first.abstract
    assert multi.title == "Dynamic Sparse Training"
    assert "jointly ﬁnd" in multi.abstract and "uniﬁed" in multi.abstract  # Unicode ligatures as written
    assert "p < 0.5 and q > 2 the training converges." in multi.abstract
    assert "\n" not in multi.abstract and "\r" not in multi.abstract
    assert multi.tags == ()
    assert caps.title == "BREAKING CERTIFIED DEFENSES: SEMANTIC ADVERSARIAL EXAMPLES"
    assert "broken -- even with ``spoofed'' certificates" in caps.abstract  # not LaTeX: dashes, quotes as written
    assert caps.code == "https://github.com/example/breaking-certs"
    assert no_abstract.abstract is None and no_abstract.title == "Learned Step Size Quantization"


def test_miniconf_json_lists_and_strings():
    first, second = records_of("miniconf/papers.json", "miniconf")
    assert first.provenance.line == 2 and second.provenance.line == 11
    assert first.authors == ("Lieke Gelderloos", "Grzegorz Chrupała", "Afra Alishahi")
    assert first.tags == ("speech", "language acquisition")
    assert first.pdf == "https://aclanthology.org/2020.acl-main.1.pdf"
    assert "repetition, word choice" in first.abstract
    assert second.authors == ("Alex Rinaldi", "Jean Fox Tree", "Snigdha Chaturvedi") and second.tags == ()


def test_miniconf_row_without_title_or_abstract_is_an_error_and_the_rest_reads():
    text = "UID,title,authors,abstract,keywords,sessions\nA1,First,X,,,\nA2,,Y,,,\nA3,,,An abstract.,,\n"
    name, result = read_source("papers.csv", text.encode())
    assert name == "miniconf"
    assert [r.provenance.line for r in result.records] == [2, 4]
    assert [(p.line, p.is_error) for p in result.problems] == [(3, True)]


def test_miniconf_unclosed_quote_is_a_source_error():
    text = 'UID,title,authors,abstract\n1,T,A,"ok"\n2,T2,B,"never closed\n3,T3,C,x\n'
    with pytest.raises(SourceError) as exc:
        by_name("miniconf").read(source(text, "papers.csv"))
    assert exc.value.line == 3 and "never closed" in exc.value.message


# --------------------------------------------------------------------------- arXiv

def test_arxiv_current_layout():
    testing, math_title, old = records_of("arxiv_atom/current.xml", "arxiv_atom")
    assert [r.provenance.line for r in (testing, math_title, old)] == [10, 33, 47]
    assert testing.arxiv == "2202.12139"
    assert testing.doi == "10.1109/ICSTW55395.2022.00035"
    assert testing.venue.startswith("2022 IEEE International Conference")
    assert testing.published == "2022-02-24"
    assert testing.pdf == "https://arxiv.org/pdf/2202.12139v2"
    assert testing.url == "https://arxiv.org/abs/2202.12139v2"
    assert testing.code == "https://github.com/example/dl-testing"
    assert testing.authors == ("Mohit Kumar Ahuja", "Arnaud Gotlieb")
    assert testing.tags == ()  # arXiv categories are not tags
    assert math_title.title.startswith("$ω$Test: Tolerant testing of $\\{1, \\dots, n\\}$-valued")
    assert "$\\tilde{O}(\\varepsilon^{-2})$" in math_title.title
    assert "i.i.d. samples" in math_title.abstract and "$\\varepsilon>0$" in math_title.abstract
    assert math_title.doi is None and math_title.venue is None
    assert old.arxiv == "hep-th/9901001" and old.doi is None and old.venue is None


def test_arxiv_old_layout():
    renyi, melting = records_of("arxiv_atom/old_layout.xml", "arxiv_atom")
    assert renyi.title == "Particle partition entanglement of bosonic Luttinger liquids"
    assert renyi.abstract.startswith("We consider the Rényi entanglement entropy of bosonic Luttinger liquids "
                                     "under a particle bipartition")
    assert "logarithmic. A second paragraph" in renyi.abstract
    assert renyi.doi == "10.1103/PhysRevB.91.184507" and renyi.venue == "Phys. Rev. B 91, 184507 (2015)"
    assert melting.arxiv == "cond-mat/0412498" and '"p x p"' in melting.abstract and "p >= 3" in melting.abstract
    assert melting.authors == ("Adrian Del Maestro", "Subir Sachdev")


def test_arxiv_error_feed_and_bad_xml():
    feed = ('<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/api/errors#incorrect_id</id>'
            "<title>Error</title><summary>incorrect id format for 1234.12345</summary></entry></feed>")
    with pytest.raises(SourceError, match="incorrect id format"):
        by_name("arxiv_atom").read(source(feed))
    with pytest.raises(SourceError) as exc:
        by_name("arxiv_atom").read(source('<feed xmlns="http://www.w3.org/2005/Atom">\n<entry>\n</feed>'))
    assert exc.value.line == 3 and "not well-formed" in exc.value.message


def test_xml_entities_are_refused():
    bomb = '<?xml version="1.0"?>\n<!DOCTYPE f [<!ENTITY a "aaaa">]>\n<collection id="x"><volume id="1"/></collection>'
    with pytest.raises(SourceError, match="entities"):
        by_name("acl_xml").read(source(bomb))


# --------------------------------------------------------------------------- BibTeX

def test_bibtex_pmlr_quirks():
    name, result = read_fixture("bibtex/pmlr_style.bib")
    assert name == "bibtex"
    assert [(p.line, p.kind) for p in result.problems] == [(1, "not-a-paper")]  # @Proceedings skipped
    tang, park = result.records
    assert tang.provenance.line == 11 and park.provenance.line == 26
    assert tang.title == "Model Selection for Offline Reinforcement Learning: Practical Considerations for Healthcare Settings"
    assert tang.authors == ("Shengpu Tang", "Jenna Wiens")
    assert "up to 34% better" in tang.abstract and "the patient’s “freckles” included." in tang.abstract
    assert tang.venue == "Proceedings of the 6th Machine Learning for Healthcare Conference"
    assert tang.published == "2021"
    assert park.authors == ("Junwoo Park", "Youngwoo Cho", "Jörg Müller", "Jean de la Fontaine")
    assert park.published == "2021-08"
    assert "95% CI" in park.abstract


def test_bibtex_biblatex_quirks():
    preprint, published, minimax, renyi = records_of("bibtex/zotero_biblatex.bib", "bibtex")
    title = "Delving Deep into Rectifiers: Surpassing Human-Level Performance on ImageNet Classification"
    assert preprint.title == published.title == title  # the duplicate pair, for merging later
    assert preprint.arxiv == "1502.01852" and preprint.published == "2015-02-06"
    assert "4.94% top-5" in preprint.abstract and "6.66%)" in preprint.abstract
    assert preprint.tags == ()  # "Computer Science - …" keywords are arXiv subjects, not tags
    assert published.abstract is None and published.published == "2015"
    assert published.doi == "10.1109/ICCV.2015.123"
    assert published.venue == "Proceedings of the IEEE International Conference on Computer Vision"
    assert published.tags == ("Residual Network", "Supervised Learning")
    assert minimax.arxiv == "1910.07512"  # archivePrefix = arXiv
    assert minimax.authors == ("Yuanhao Wang", "Guodong Zhang", "Jimmy Ba")
    assert minimax.abstract == "Minimax problems arise in sequential games; see Rényi and Erdős."
    assert renyi.authors == ("Alfréd Rényi", "Pál Erdős", "Özgür Çelik")
    assert renyi.published == "1961-06"


def test_bibtex_broken_entry_is_an_error_and_the_rest_reads():
    text = ("@article{ok1, title = {First}, year = 2020}\n\n"
            "@article{bad,\n  title = {Unbalanced {brace,\n  year = 2020\n}\n\n"
            "@article{ok2, title = {Second}, year = 2021}\n"
            "@article{empty, year = 2022}\n")
    name, result = read_source("refs.bib", text.encode())
    assert name == "bibtex"
    assert [r.title for r in result.records] == ["First", "Second"]
    errors = [(p.line, p.is_error) for p in result.problems]
    assert errors == [(3, True), (9, True)]


def test_bibtex_duplicate_keys_and_fields_are_warnings():
    text = "@misc{a, title = {One}}\n@misc{a, title = {Two}}\n@misc{b, title = {Three}, title = {Other}}\n"
    result = by_name("bibtex").read(source(text))
    assert [r.title for r in result.records] == ["One", "Two", "Three"]
    assert sorted((p.line, p.kind, p.is_error) for p in result.problems) == [
        (2, "duplicate-key", False), (3, "duplicate-field", False)]


def test_bibtex_strings_concatenation_and_crossref():
    text = ('@string{conf = "Conference on Things"}\n'
            "@proceedings{things2020, title = {Proc. of the } # conf, year = 2020, month = mar}\n"
            "@inproceedings{p1, title = {A Paper}, author = {Doe, Jane and others}, crossref = {things2020}}\n"
            "@article{p2, title = {B}, journal = {arXiv preprint arXiv:2101.00001}, year = 2021}\n"
            "@article{p3, title = {C}, journal = {CoRR}, volume = {abs/1505.04597}, year = 2015}\n")
    result = by_name("bibtex").read(source(text))
    p1, p2, p3 = result.records
    assert p1.venue == "Proc. of the Conference on Things" and p1.published == "2020-03"
    assert p1.authors == ("Jane Doe",)
    assert p2.arxiv == "2101.00001" and p2.venue is None
    assert p3.arxiv == "1505.04597" and p3.venue is None


# --------------------------------------------------------------------------- Zotero JSON and CSL-JSON

def test_zotero_better_bibtex_json():
    preprint, conference, report = records_of("zotero_json/better_bibtex.json", "zotero_json")
    assert preprint.provenance.line == 8 and conference.provenance.line == 27
    assert preprint.arxiv == "1910.07512"  # from extra: "arXiv: 1910.07512"
    assert preprint.abstract == ("Many tasks in modern machine learning can be formulated as finding "
                                 "equilibria in sequential games.")
    assert preprint.authors == ("Yuanhao Wang", "Guodong Zhang")  # the editor is not an author
    assert preprint.venue is None and preprint.tags == ("minimax",)
    assert conference.title == preprint.title
    assert conference.authors == ("Yuanhao Wang", "Guodong Zhang")  # "Wang*" marks equal contribution
    assert conference.abstract.endswith("have...")  # truncated abstracts stay as written
    assert conference.published == "2019-09-25" and conference.added == "2022-02-08"
    assert conference.doi == "10.5555/ICLR.2019.42"  # from extra: "DOI: …"
    assert conference.venue == "International Conference on Learning Representations"
    assert report.authors == ("OpenAI",) and report.published == "2023-03"
    assert report.code == "https://github.com/openai/evals"


def test_zotero_csl_json():
    unet, attention = records_of("zotero_json/csl.json", "zotero_json")
    assert unet.authors == ("Olaf Ronneberger", "Philipp Fischer", "Thomas Brox")
    assert unet.published == "2015-10-05" and unet.doi == "10.1007/978-3-319-24574-4_28"
    assert unet.venue.startswith("Medical Image Computing") and unet.tags == ("segmentation",)
    assert unet.abstract.startswith("There is large consent that successful training of deep networks requires many")
    assert attention.authors == ("Ashish Vaswani", "Google Brain", "Ludwig van Beethoven")
    assert attention.arxiv == "1706.03762" and attention.venue is None and attention.abstract is None


# --------------------------------------------------------------------------- Semantic Scholar

def test_semantic_scholar_batch_with_null():
    name, result = read_fixture("semantic_scholar/paper_batch.json")
    assert name == "semantic_scholar"
    assert len(result.records) == 2
    (problem,) = result.problems
    assert not problem.is_error and "entry 1 of 3 is null" in problem.message
    trust, audits = result.records
    assert trust.doi == "10.2139/ssrn.288970" and trust.published == "2001-10-01"
    assert trust.pdf == "http://papers.nber.org/papers/w8841.pdf"
    assert trust.venue == "Experimental & Empirical Studies eJournal"  # venue "" → journal name
    assert audits.abstract is None and audits.published is None and audits.venue is None
    assert audits.arxiv == "2301.00001"


def test_semantic_scholar_author_and_search():
    dystopian, computable = records_of("semantic_scholar/author_with_papers.json", "semantic_scholar")
    assert [dystopian.provenance.line, computable.provenance.line] == [6, 17]
    assert "artiﬁcial intelligence" in dystopian.abstract
    assert dystopian.published == "2022" and dystopian.venue is None
    assert computable.published == "1937" and computable.abstract is None
    (unet,) = records_of("semantic_scholar/search.json", "semantic_scholar")
    assert unet.arxiv == "1505.04597" and unet.published == "2015-05-18"
    assert unet.authors == ("O. Ronneberger", "P. Fischer")


# --------------------------------------------------------------------------- Hugging Face daily papers

def test_hf_daily_papers():
    mm1, quiet, scalable = records_of("hf_daily/daily_papers.json", "hf_daily")
    assert [r.provenance.line for r in (mm1, quiet, scalable)] == [2, 25, 45]
    assert mm1.arxiv == "2403.09611" and mm1.url == "https://huggingface.co/papers/2403.09611"
    assert mm1.published == "2024-03-14" and mm1.added == "2024-03-15"
    assert mm1.authors == ("Brandon McKinzie", "Zhe Gan", "Jean-Philippe Fauconnier")
    assert "Large Language Models (MLLMs). In particular" in mm1.abstract and "\n" not in mm1.abstract
    assert mm1.tags == ()
    assert quiet.title == "Quiet-STaR: Language Models Can Teach Themselves to Think Before Speaking"
    assert "($5.9\\%\\rightarrow10.9\\%$)" in quiet.abstract and "ﬁne-tuning" in quiet.abstract
    assert quiet.code == "https://github.com/ezelikman/quiet-star"
    assert scalable.authors == () and scalable.added == "2024-03-14"


# --------------------------------------------------------------------------- ACL Anthology

def test_acl_anthology_volume():
    speech, bert = records_of("acl_xml/2020.acl.xml", "acl_xml")  # front matter is not a paper
    assert speech.provenance.line == 19 and bert.provenance.line == 31
    assert speech.url == "https://aclanthology.org/2020.acl-main.1"
    assert speech.pdf == "https://aclanthology.org/2020.acl-main.1.pdf"
    assert speech.doi == "10.18653/v1/2020.acl-main.1"
    assert speech.venue == "Proceedings of the 58th Annual Meeting of the Association for Computational Linguistics"
    assert speech.published == "2020-07"
    assert speech.authors == ("Lieke Gelderloos", "Grzegorz Chrupała", "Afra Alishahi")
    assert bert.title == "BERT-based Scoring with $\\alpha$-Divergences for Spanish"
    assert bert.abstract == "We score with $O(n^2)$ cost; it beats BERT by 2$\\times$."
    assert bert.authors == ("Jean Fox Tree", "Mausam")
    assert bert.code == "https://github.com/example/alpha-bert"


def test_acl_old_style_ids_without_url():
    xml = ('<collection id="P18">\n  <volume id="1">\n    <meta><booktitle>Proceedings of <fixed-case>ACL</fixed-case>'
           "</booktitle><year>2018</year></meta>\n    <paper id=\"1001\"><title>A</title></paper>\n"
           '    <paper id="1002"></paper>\n  </volume>\n</collection>\n')
    result = by_name("acl_xml").read(source(xml))
    (paper,) = result.records
    assert paper.url == "https://aclanthology.org/P18-1001" and paper.venue == "Proceedings of ACL"
    assert paper.published == "2018" and paper.provenance.line == 4
    assert [(p.line, p.is_error) for p in result.problems] == [(5, True)]


# --------------------------------------------------------------------------- bad input, all formats

BAD_INPUT = [
    ("miniconf", '[{"UID": "a", "title": "x",}]', 1),
    ("zotero_json", '{"items": [\n  {"itemType": "journalArticle", "title": "x"\n]}', 3),
    ("semantic_scholar", '[{"paperId": "1", "title": "x"},\n  {"paperId": "2"\n', 3),
    ("hf_daily", '[{"paper": {"id": "2403.09611", "summary": "x"}}\n{"oops": 1}]', 2),
    ("arxiv_atom", '<feed xmlns="http://www.w3.org/2005/Atom">\n<entry><title>x</entry>\n</feed>', 2),
    ("acl_xml", '<collection id="2020.acl">\n<volume id="main">\n<paper id="1"><title>x</paper>', 3),
]


@pytest.mark.parametrize(("fmt", "text", "line"), BAD_INPUT, ids=[b[0] for b in BAD_INPUT])
def test_malformed_files_are_source_errors_with_a_line(fmt, text, line):
    with pytest.raises(SourceError) as exc:
        by_name(fmt).read(source(text))
    assert exc.value.line == line
    assert exc.value.message.endswith(tuple("abcdefghijklmnopqrstuvwxyz)\"'")) and ";" in exc.value.message


NO_TITLE = [
    ("miniconf", '[\n  {"UID": "a", "title": "ok"},\n  {"UID": "b", "authors": "X"}\n]', 3),
    ("zotero_json", '{"items": [\n  {"itemType": "journalArticle", "title": "ok"},\n  {"itemType": "book"}\n]}', 3),
    ("semantic_scholar", '[\n  {"paperId": "1", "title": "ok"},\n  {"paperId": "2", "title": null}\n]', 3),
    ("hf_daily", '[\n  {"paper": {"id": "1", "title": "ok"}},\n  {"paper": {"id": "2", "summary": ""}}\n]', 3),
    ("arxiv_atom", '<feed xmlns="http://www.w3.org/2005/Atom">\n<entry><title>ok</title></entry>\n'
                   "<entry><id>http://arxiv.org/abs/1</id></entry>\n</feed>", 3),
    ("bibtex", "@misc{a, title = {ok}}\n@misc{b, author = {Doe, J.}}\n", 2),
]


@pytest.mark.parametrize(("fmt", "text", "line"), NO_TITLE, ids=[n[0] for n in NO_TITLE])
def test_record_without_title_or_abstract_is_an_error_not_a_record(fmt, text, line):
    result = by_name(fmt).read(source(text))
    assert len(result.records) == 1
    (problem,) = [p for p in result.problems if p.is_error]
    assert problem.line == line and "title" in problem.message


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(
    st.text(max_size=300),
    st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                 lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
                     st.sampled_from(["title", "abstract", "authors", "paper", "data", "items", "papers",
                                      "paperId", "itemType", "creators", "UID", "externalIds", "issued",
                                      "date-parts", "extra", "tags", "name", "summary", "id"]),
                     inner, max_size=5), max_leaves=12).map(json.dumps),
))
def test_readers_raise_nothing_but_source_error(text):
    src = SourceFile("input", text)
    for fmt in registry():
        if fmt.name in BUILT_IN:
            continue
        try:
            result = fmt.read(src)
        except SourceError:
            continue
        for record in result.records:
            assert record.title or record.abstract


def test_deep_nesting_is_a_source_error():
    with pytest.raises(SourceError, match="nested too deeply"):
        by_name("semantic_scholar").read(source("[" * 100_000 + "]" * 100_000))
    deep = "<b>" * 5000 + "x" + "</b>" * 5000
    xml = f'<collection id="2020.x"><volume id="1"><paper id="1"><title>{deep}</title></paper></volume></collection>'
    with pytest.raises(SourceError, match="nested too deeply"):
        by_name("acl_xml").read(source(xml))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["@article{", "@misc{k,", "title", "=", "{", "}", '"', ",", "#", "\\'",
                                 "and", "%", "\n", "x", "@string{a=", "<", "paper", "</", ">"]), max_size=40))
def test_bibtex_and_xml_readers_survive_fragments(parts):
    src = SourceFile("input", "".join(parts))
    for name in ("bibtex", "arxiv_atom", "acl_xml"):
        try:
            by_name(name).read(src)
        except SourceError:
            pass


# --------------------------------------------------------------------------- LaTeX and small helpers

LATEX = [
    (r'{\"o}', "ö"), (r'\"{o}', "ö"), (r"\'{e}", "é"), (r"R\'{e}nyi", "Rényi"), (r"\c{c}", "ç"),
    (r"\ss", "ß"), (r"Gau\ss{} and Stra\ss e", "Gauß and Straße"), (r"{\aa}", "å"), (r"{\AA}ngstr{\"o}m", "Ångström"),
    (r"Erd\H{o}s", "Erdős"), (r"\v{S}koda", "Škoda"), (r"{\L}ukasz", "Łukasz"), (r"\'\i", "í"), (r"\^{\i}", "î"),
    (r"\~n", "ñ"), (r"{\o}", "ø"), (r"\k{a}", "ą"),
    ("ﬁne ﬂow, eﬀort", "ﬁne ﬂow, eﬀort"),  # Unicode's ligatures are characters as written
    (r"{{BERT}} and {Case}", "BERT and Case"), (r"50\% \& a\_b \#1", "50% & a_b #1"),
    (r"\texttt{X} \textbf{Y} \emph{Z} \textit{W}", "X Y Z W"), (r"{\bf bold} {\em it}", "bold it"),
    (r"Fig.~3", "Fig. 3"), ("a--b, a---b", "a–b, a—b"), ("``quoted''", "“quoted”"), ("`single'", "‘single’"),
    ("line one\n   line two\n\n   paragraph", "line one line two paragraph"),
    (r"$\mathcal{O}(n)$ time", r"$\mathcal{O}(n)$ time"), (r"10{\times}", "10×"),
    (r"$10{\times}{-}25{\times}$ fewer", r"$10{\times}{-}25{\times}$ fewer"),
    ("$a$ -- $b~c$ --- ``$x$''", "$a$ – $b~c$ — “$x$”"), (r"\(x^2\) and \[y\]", r"\(x^2\) and \[y\]"),
    ("costs \\$5 or $6", "costs $5 or $6"), (r"\emph{a $\alpha$ b}", r"a $\alpha$ b"),
    (r"\alpha-helix", "α-helix"), (r"see \cite{key} here", "see here"), (r"\url{http://x.org/a_b~c}", "http://x.org/a_b~c"),
    (r"\href{http://x.org}{the site}", "the site"), (r"\unknown{arg} text", r"\unknown{arg} text"),
    ("i.i.d.\\ samples", "i.i.d. samples"), ("about ~5% more", "about ~5% more"), ("a < b > c", "a < b > c"),
    ("50% unescaped", "50% unescaped"), ("{unbalanced", "unbalanced"), ("stray}", "stray"), ("\\", "\\"),
    (r"\ldots and \LaTeX{} too", "… and LaTeX too"), ("", ""),
]


@pytest.mark.parametrize(("latex", "text"), LATEX, ids=[f"{i}" for i in range(len(LATEX))])
def test_latex_to_text(latex, text):
    assert latex_to_text(latex) == text


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*"\\{}$~`'\"-^_%&ab c\n\t", "\\'", "\\\"", "\\c", "\\ss", "\\emph", "\\(",
                                 "\\[", "ﬁ"]), max_size=60).map("".join))
def test_latex_to_text_never_fails(text):
    out = latex_to_text(text)
    assert "\n" not in out and out == out.strip()


#: Text that is not LaTeX (every format but BibTeX): only unambiguous LaTeX is decoded.
COMMANDS = [
    # the cases
    ("Template {{ 7*7 }} and {% raw %} Injection in Static Sites", "Template {{ 7*7 }} and {% raw %} Injection in Static Sites"),
    ("H~2~O and --- and \\\\ backslash \\emph{latex}", "H~2~O and --- and \\\\ backslash latex"),
    ("(e^{-c m})", "(e^{-c m})"),
    # commands with their argument, escapes, accents on letters, groups around a command
    (r"\textit{Deep} \textbf{nets} \texttt{x}", "Deep nets x"), (r"92\% \& a\_b \#1 \$5 \{x\}", "92% & a_b #1 $5 {x}"),
    (r"R\'{e}nyi Garv\'ia M\"uller \^{o}", "Rényi Garvía Müller ô"), (r'G{\"o}del {\ss} {\L}ukasz {\AA}', "Gödel ß Łukasz Å"),
    (r"\v{S}koda \c{c} \'\i \H{o}", "Škoda ç í ő"), (r"{\bf bold} {\em it} {\emph compression}", "bold it compression"),
    (r"\url{https://x.org/a_b~c} \href{https://x.org}{the site}", "https://x.org/a_b~c the site"),
    (r"e.g.\ Word2vec, 0.8 \pm 0.02, \alpha-helix, \ldots", "e.g. Word2vec, 0.8 ± 0.02, α-helix, …"),
    # the author's characters: braces, ties, dashes, quotes, percent, paths, patterns, escapes of programs
    ("{{BERT}} {Case} ~75% a--b ``q'' 50% {unbalanced", "{{BERT}} {Case} ~75% a--b ``q'' 50% {unbalanced"),
    (r"C:\temp\new ..\..\etc\passwd \\server\share", r"C:\temp\new ..\..\etc\passwd \\server\share"),
    (r"a\.com \d a \b c \c c it\'s don\'t \'{} \'1", r"a\.com \d a \b c \c c it\'s don\'t \'{} \'1"),
    (r"\unknown{arg} \mtimes n \emph \emph{open", r"\unknown{arg} \mtimes n \emph \emph{open"),
    # math spans are never touched
    (r"$\emph{x} \% {a}$ and \(\textbf{y}\) and $$\frac{1}{2}$$", r"$\emph{x} \% {a}$ and \(\textbf{y}\) and $$\frac{1}{2}$$"),
    ("", None), ("\\", "\\"),
]


@pytest.mark.parametrize(("written", "shown"), COMMANDS, ids=[f"{i}" for i in range(len(COMMANDS))])
def test_decode_commands(written, shown):
    assert decode_commands(written) == shown


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_characters="\\"), max_size=80))
def test_text_without_a_backslash_is_never_changed(text):
    import unicodedata

    assert decode_commands(text) == (unicodedata.normalize("NFC", " ".join(text.split())) or None)


def test_find_code_url():
    assert find_code_url("Code: https://github.com/a/b.", None) == "https://github.com/a/b"
    assert find_code_url(None, "Our code is available at https://github.com/a/b.git") == "https://github.com/a/b"
    assert find_code_url(None, "We thank https://github.com/a/b for nothing") is None


@pytest.mark.parametrize(("value", "month", "expected"), [
    ("2015-02-06", None, "2015-02-06"), ("2019/09/25", None, "2019-09-25"), ("2012-01-23T21:15:02Z", None, "2012-01-23"),
    ("2021", "jan", "2021-01"), (2021, "{8}", "2021-08"), ("{2020}", "July", "2020-07"), ("March 2023", None, "2023-03"),
    ("September 25, 2019", None, "2019-09-25"), ("2015/2016", None, "2015"), ("2019-13-01", None, "2019"),
    ("2019-02-30", None, "2019-02"), ("n.d.", None, None), (None, None, None), ("", None, None), (True, None, None),
])
def test_a_date_as_sources_write_it_and_what_is_kept(value, month, expected):
    """dates.as_read reads the numbers as written; dates.check keeps the part that is a real date."""
    assert dates.check(dates.read(value, month))[0] == expected


def test_import_with_an_unknown_format_is_an_error_for_people(tmp_path):
    import subprocess
    import sys

    source = tmp_path / "a.yml"
    source.write_text("- title: A\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "generator", "import", "--format", "nosuch", str(source)],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 1 and "Traceback" not in done.stderr and done.stdout == ""
    assert "--format: error: there is no source format named 'nosuch'; the formats are: yaml" in done.stderr


def test_a_sniffer_that_raises_is_reported_and_detection_goes_on(monkeypatch):
    import generator.sources as sources

    def broken(source):
        raise ValueError("a bug in the sniffer")

    bad = sources.Format("broken", "a format whose detection fails", (".yml",), broken, lambda s: sources.ReadResult())
    monkeypatch.setattr(sources, "registry", lambda: (bad, *registry()))
    fmt, result = read_source("a.yml", b"- title: Still read\n")
    assert fmt == "yaml" and [r.title for r in result.records] == ["Still read"]
    assert [(p.severity.value, p.kind, p.message) for p in result.problems] == [(
        "warning", "sniffer-failed",
        "detecting the broken format failed (ValueError: a bug in the sniffer); the file was not considered broken")]


#: A well-formed document of each format that holds no paper.
EMPTY_DOCUMENTS = {
    "yaml": "[]\n",
    "bibtex": "% nothing here but a comment\n",
    "zotero_json": "[]",
    "crossref": '{"status": "ok", "message-type": "work-list", "message": {"items": []}}',
    "semantic_scholar": '{"data": []}',
    "hf_daily": "[]",
    "miniconf": "[]",
    "arxiv_atom": '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>',
    "acl_xml": '<?xml version="1.0"?><collection id="2020.acl"><volume id="main"></volume></collection>',
}
#: Every non-blank line of a listing is a title or an abstract, and a blank file
#: is refused before any reader runs ("the file is empty").
NO_EMPTY_DOCUMENT = {"listing"}


def test_every_format_has_an_empty_document_case():
    assert set(EMPTY_DOCUMENTS) | NO_EMPTY_DOCUMENT == set(FORMAT_NAMES)
    _, result = read_source("blank.txt", b"  \n\n", "listing")
    assert [p.message for p in result.problems] == ["the file is empty; nothing read"]


@pytest.mark.parametrize("name", sorted(EMPTY_DOCUMENTS))
def test_a_document_without_papers_is_one_warning_in_the_formats_words(name):
    """The registry, not each reader, says a well-formed file held nothing; in the format's own words."""
    fmt, result = read_source(f"empty.{name}", EMPTY_DOCUMENTS[name].encode(), name)
    assert (fmt, result.records) == (name, [])
    assert [(p.kind, p.message, p.is_error) for p in result.problems] == [("empty", by_name(name).empty, False)]


def test_a_file_whose_papers_all_lack_titles_reports_them_not_emptiness():
    _, result = read_source("x.json", b'[{"itemType": "journalArticle", "creators": []}]', "zotero_json")
    assert result.records == []
    assert [(p.kind, p.is_error) for p in result.problems] == [("", True)]


# --------------------------------------------------------------------------- entry types and citation fields

def _publications(relative: str, fmt: str) -> dict[str, object]:
    return {r.title: r.publication for r in records_of(relative, fmt)}


def test_every_format_that_says_how_a_paper_was_published_keeps_its_type_and_fields():
    zotero = _publications("zotero_json/zotero_api_types.json", "zotero_json")
    chapter = zotero["Handeln und Planen in komplexen Situationen"]
    assert (chapter.type, chapter.booktitle, chapter.editors) == (
        "incollection", "Planen und Handeln", ("Joachim Hoffmann", "Walter Kintsch"))
    assert (chapter.publisher, chapter.address, chapter.pages, chapter.series, chapter.volume, chapter.isbn) == (
        "Hogrefe", "Göttingen", "243-270", "Enzyklopädie der Psychologie", "2", "978-3-8017-0529-6")
    thesis = zotero["Testing Service-Oriented Architectures Using a Simulation"]
    assert (thesis.type, thesis.institution, thesis.genre) == ("mastersthesis", "Rijksuniversiteit Groningen",
                                                               "Master's thesis")
    report = zotero["Optimizing Offices for the Smart Grid"]
    assert (report.type, report.institution, report.number) == ("techreport", "University of Groningen", "JBI 2011-12-01")
    csl = _publications("zotero_json/csl_types.json", "zotero_json")
    assert csl["Handeln und Planen in komplexen Situationen"] == chapter.__class__(
        "incollection", booktitle="Planen und Handeln", editors=("Joachim Hoffmann", "Walter Kintsch"),
        publisher="Hogrefe", address="Göttingen", series="Enzyklopädie der Psychologie", volume="2", pages="243-270")
    phd = csl["The Non-Existent Average Individual"]
    assert (phd.type, phd.institution, phd.publisher) == ("phdthesis", "University of Groningen", None)
    assert csl["Using CSP for Adaptable Web Service Composition"].number == "JBI 2009-7-01"
    preprint = csl["Attention Is All You Need"]
    assert (preprint.type, preprint.number, preprint.howpublished) == ("misc", None, None)  # arXiv's id and name
    (crossref,) = _publications("crossref/work_book_chapter.json", "crossref").values()
    assert (crossref.type, crossref.booktitle, crossref.series) == (
        "incollection", "Medical Image Computing and Computer-Assisted Intervention – MICCAI 2015",
        "Lecture Notes in Computer Science")
    assert (crossref.editors, crossref.publisher, crossref.address, crossref.pages, crossref.isbn) == (
        ("Nassir Navab", "Joachim Hornegger"), "Springer International Publishing", "Cham", "234-241", "9783319245737")
    (elife,) = records_of("crossref/work_elife.json", "crossref")
    assert (elife.publication.type, elife.publication.journal, elife.publication.volume) == ("article", "eLife", "3")
    speech = records_of("acl_xml/2020.acl.xml", "acl_xml")[0].publication
    assert (speech.type, speech.editors, speech.publisher, speech.address, speech.pages) == (
        "inproceedings", ("Dan Jurafsky", "Joyce Chai"), "Association for Computational Linguistics", "Online", "1–6")


def test_bibtex_keeps_every_type_and_maps_biblatex_types():
    pubs = _publications("bibtex/entry_types.bib", "bibtex")
    types = {title[:20]: p.type for title, p in pubs.items()}
    assert types["Domain-Independent P"] == "mastersthesis"  # @thesis, type = {Master's thesis}
    assert types["Optimizing Offices f"] == "techreport" and types["Open Models on the H"] == "misc"
    assert types["Artificial Intellige"] == "proceedings"  # a volume no entry cites: the lab edited it
    chapter = pubs["Handeln und Planen in komplexen Situationen"]
    assert (chapter.type, chapter.publisher, chapter.pages, chapter.editors[0]) == (
        "incollection", "Hogrefe", "243–270", "Joachim Hoffmann")


def test_database_notes_and_document_types_are_not_kept_as_the_papers_own():
    text = ("@article{a, title={A}, author={B, C}, journal={J}, year=2020, type={Article}, note={cited By 12}}\n"
            "@misc{b, title={B}, year=2020, type={{journalArticle}}}\n"
            "@techreport{c, title={C}, institution={I}, year=2020, type={Working paper}}\n")
    name, result = read_source("x.bib", text.encode())
    pubs = {r.title: r.publication for r in result.records}
    assert (pubs["A"].genre, pubs["A"].note, pubs["B"].genre) == (None, None, None)
    assert pubs["C"].genre == "Working paper"
