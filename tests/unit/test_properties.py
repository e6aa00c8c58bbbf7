"""Property tests: no input crashes an importer, and no record text is lost or run.

* Arbitrary text, and text shaped like each format (YAML, JSON, CSV, XML,
  BibTeX, listings), fed to every importer of ``generator.sources.registry()``
  raises nothing but the project's own error types; arbitrary bytes fed to
  ``read_source`` raise nothing at all and come back as records or problems.
* Arbitrary records through ``records.build_papers``, ``taxonomy.assign`` and
  ``pages.render`` never raise, and every paper page, passed through
  Python-Markdown with the extensions of mkdocs.yml as MkDocs does, shows the
  paper's title, abstract and authors exactly, with no element a record made.

Example counts stay moderate so each property runs in a few seconds.
"""
from __future__ import annotations

import html
import json
import re
import string
import unicodedata
from functools import lru_cache

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator import records, sources, taxonomy
from generator.errors import GeneratorError, SourceError
from generator.model.collection import Collection
from generator.model.papers import Provenance, RawRecord
from generator.pipeline import load_yaml
from generator.site import pages
from generator.sources import SourceFile
from generator.text.latex import decode_commands
from generator.text.slugs import slugify
from support.hostile import nfc
from support.html import visible
from support.project import ROOT

#: The project's own error types: the only exceptions a reader may raise for bad input.
OWN_ERRORS = (SourceError, GeneratorError)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
EXTENSIONS = (".yml", ".yaml", ".txt", ".json", ".csv", ".bib", ".xml", ".atom", "", ".md", ".pdf")


@lru_cache(maxsize=1)
def markdown_extensions() -> tuple[str, ...]:
    """The markdown_extensions of mkdocs.yml (names only; their options are defaults here)."""
    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    names = []
    for item in config.get("markdown_extensions") or ():
        names.append(next(iter(item)) if isinstance(item, dict) else item)
    return tuple(names)


# --- strategies -------------------------------------------------------------------

#: Any character a UTF-8 file can hold (no lone surrogates).
any_char = st.characters(blacklist_categories=("Cs",))
#: Characters that markup of some kind acts on, to make collisions likely.
MARKUP = list("<>&\"'`*_~^|[](){}#!$%\\:;/=-+.,@\n\t ") + ["\u00a0", "\u200b", "\u202e", "\ufeff", "é", "e\u0301",
                                                          "日", "ع", "🔥", "&lt;", "&#60;", "javascript:", "<script>",
                                                          "{{", "}}", "{%", "%}", "${", "---", "\r\n", "\x00", "\x1b"]
hostile_text = st.one_of(
    st.text(any_char, max_size=60),
    st.lists(st.one_of(st.sampled_from(MARKUP), st.text(any_char, max_size=4)), max_size=30).map("".join),
)
KEYS = ["title", "abstract", "authors", "tags", "topic", "published", "venue", "url", "pdf", "code", "doi",
        "arxiv", "added", "UID", "keywords", "itemType", "creators", "firstName", "lastName", "name",
        "paperId", "externalIds", "ArXiv", "DOI", "summary", "paper", "upvotes", "submittedOnDailyAt",
        "dailyPapers", "data", "papers", "items", "date-parts", "issued", "container-title", "type",
        "citation-key", "publishedAt", "year", "id", "content", "authorId", "discussionId", "date"]
json_scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**20, 10**20),
                         st.floats(allow_nan=False, allow_infinity=False), hostile_text)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=5)), inner, max_size=6)),
    max_leaves=25,
)
json_docs = st.one_of(
    json_values.map(lambda v: json.dumps(v, ensure_ascii=False)),
    st.lists(st.dictionaries(st.sampled_from(KEYS), json_values, max_size=8), max_size=4)
    .map(lambda v: json.dumps(v, indent=1)),
)
yaml_docs = st.one_of(
    json_values.map(lambda v: yaml.safe_dump(v, allow_unicode=True)),
    st.lists(st.dictionaries(st.sampled_from(KEYS), json_values, max_size=8), min_size=1, max_size=4)
    .map(lambda v: yaml.safe_dump(v, allow_unicode=True, sort_keys=False)),
    st.lists(st.tuples(st.sampled_from(KEYS), hostile_text), max_size=6).map(
        lambda kv: "".join(f"- {k}: {v}\n" if i % 2 == 0 else f"  {k}: {v}\n" for i, (k, v) in enumerate(kv))),
)
csv_docs = st.lists(st.lists(hostile_text, min_size=1, max_size=6), max_size=5).map(
    lambda rows: "UID,title,authors,abstract,keywords,sessions\n"
                 + "\n".join(",".join('"' + c.replace('"', '""') + '"' if i % 2 else c for i, c in enumerate(r))
                             for r in rows))
XML_TAGS = ["feed", "entry", "title", "summary", "author", "name", "id", "published", "updated", "link",
            "arxiv:primary_category", "arxiv:doi", "arxiv:comment", "collection", "volume", "paper", "abstract",
            "tex-math", "url", "doi", "meta", "booktitle", "year", "first", "last", "fixed-case", "b", "i"]


@st.composite
def xml_docs(draw, depth: int = 0) -> str:
    def element(level: int) -> str:
        tag = draw(st.sampled_from(XML_TAGS))
        attrs = "".join(f' {k}="{html.escape(v)}"' for k, v in draw(
            st.dictionaries(st.sampled_from(["id", "href", "rel", "term", "title", "type"]), hostile_text, max_size=2)).items())
        if level > 3:
            kids = [html.escape(draw(hostile_text))]
        else:
            kids = draw(st.lists(st.one_of(st.just(None), hostile_text), max_size=4))
            kids = [element(level + 1) if k is None else (html.escape(k) if draw(st.booleans()) else k)
                    for k in kids]
        return f"<{tag}{attrs}>{''.join(kids)}</{tag}>"

    root = draw(st.sampled_from([
        '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">'
        '<link href="http://arxiv.org/api/query"/>',
        '<collection id="2024.acl">', "<volume>", "",
    ]))
    end = {"<f": "</feed>", "<c": "</collection>", "<v": "</volume>"}.get(root[:2], "")
    body = "".join(element(0) for _ in range(draw(st.integers(0, 3))))
    prolog = draw(st.sampled_from(['<?xml version="1.0" encoding="UTF-8"?>\n', "", "<!DOCTYPE x>\n"]))
    return prolog + root + body + end


bib_docs = st.lists(
    st.tuples(st.sampled_from(["article", "inproceedings", "misc", "string", "comment", "preamble", "book"]),
              st.text(string.ascii_letters + string.digits + ":_-", max_size=8),
              st.lists(st.tuples(st.sampled_from(KEYS + ["author", "journal", "eprint", "month"]), hostile_text,
                                 st.sampled_from(["{}", '""', "", "{{}}"])), max_size=5)),
    max_size=4,
).map(lambda entries: "\n".join(
    f"@{kind}{{{key},\n" + ",\n".join(f"  {name} = {q[:len(q) // 2]}{value}{q[len(q) // 2:]}"
                                       for name, value, q in fields) + "\n}"
    for kind, key, fields in entries))
listing_docs = st.lists(st.one_of(hostile_text, st.sampled_from([
    "Get trending papers in your email inbox!", "Subscribe", "byAK and the research community", "new", "Mar 17",
    "SubscribeA Title Glued To Subscribe", "We propose a thing. It works. " * 12, "x" * 301])), max_size=8).map(
    "\n".join)

#: Text of any shape a source file might hold.
documents = st.one_of(st.text(any_char, max_size=300), hostile_text, yaml_docs, json_docs, csv_docs,
                      xml_docs(), bib_docs, listing_docs)


def as_source_text(text: str) -> str:
    """What ``sources.decode`` hands a reader: line ends as \\n, no leading BOM."""
    return text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")


# --- importers ---------------------------------------------------------------------

FORMATS = sources.registry()


@pytest.mark.parametrize("fmt", FORMATS, ids=[f.name for f in FORMATS])
@FAST
@given(text=documents, ext=st.sampled_from(EXTENSIONS))
def test_every_importer_returns_problems_not_exceptions(fmt, text, ext):
    source = SourceFile(f"data/sources/fuzz{ext}", as_source_text(text))
    try:
        result = fmt.read(source)
    except OWN_ERRORS:
        return
    assert isinstance(result, sources.ReadResult)
    for r in result.records:
        assert isinstance(r, RawRecord) and r.provenance.path == source.path
        for name in ("title", "abstract", "url", "pdf", "code", "venue", "topic", "doi", "arxiv"):
            assert getattr(r, name) is None or isinstance(getattr(r, name), str), (name, getattr(r, name))
        assert all(isinstance(a, str) for a in r.authors) and all(isinstance(t, str) for t in r.tags)
    for p in result.problems:
        assert p.path == source.path and p.message


@FAST
@given(data=st.one_of(st.binary(max_size=400), documents.map(lambda t: t.encode("utf-8")),
                      st.tuples(st.binary(max_size=8), documents, st.binary(max_size=8))
                      .map(lambda t: t[0] + t[1].encode("utf-8") + t[2]),
                      documents.map(lambda t: t.encode("utf-16"))),
       ext=st.sampled_from(EXTENSIONS))
def test_read_source_never_raises_on_any_bytes(data, ext):
    fmt, result = sources.read_source(f"data/sources/fuzz{ext}", data)
    assert isinstance(fmt, str) and isinstance(result, sources.ReadResult)
    if re.search(rb"[A-Za-z0-9]", data):
        assert result.records or result.problems, "a file with text in it gave neither records nor problems"
    for p in result.problems:
        assert p.path == f"data/sources/fuzz{ext}" and p.line >= 0 and p.message


@FAST
@given(records_=st.lists(st.tuples(st.sampled_from(KEYS[:13]), hostile_text), max_size=12))
def test_yaml_records_of_any_text_read_back_exactly(records_):
    """A YAML record file written by yaml.safe_dump gives back every string as PyYAML reads it.

    (PyYAML itself does not round-trip everything: a raw U+0085 is a YAML line break.)
    """
    items = [{"title": v, "abstract": v + " ."} for _, v in records_ if v.strip()]
    text = yaml.safe_dump(items, allow_unicode=True)
    fmt, result = sources.read_source("data/sources/a.yml", text.encode("utf-8"))
    if any(p.is_error for p in result.problems):
        # Only characters YAML itself cannot carry are refused, and then with a line.
        assert all(p.line >= 0 for p in result.problems)
        return
    expected = yaml.safe_load(text) or []
    # YAML is not LaTeX: text without a backslash comes back exactly (on one line, NFC), braces,
    # ~ and dashes too; only unambiguous commands (\\emph{x}, \\%) are decoded.
    def one_line(v: str) -> str | None:
        return unicodedata.normalize("NFC", " ".join(v.split())) or None

    assert [(r.title, r.abstract) for r in result.records] == [
        tuple(one_line(v) if "\\" not in v else decode_commands(v) for v in (i["title"], i["abstract"])) for i in expected]


# --- records → pages ------------------------------------------------------------------

@lru_cache(maxsize=1)
def project_taxonomy():
    data, lines, problems = load_yaml(ROOT / "data" / "topics.yml", ROOT, required=True)
    tax, found = taxonomy.parse_taxonomy(data, "data/topics.yml", lines)
    assert tax is not None, problems + found
    return tax


@lru_cache(maxsize=1)
def environment():
    return pages.environment(ROOT / "templates")


@lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    return markdown.Markdown(extensions=list(markdown_extensions()))


class _Page:
    """A paper page as MkDocs would make it: front matter split off, body through Python-Markdown."""

    def __init__(self, text: str):
        assert text.startswith("---\n"), text[:80]
        head, body = text[4:].split("\n---\n", 1)
        self.meta = yaml.safe_load(head)
        self.html = _markdown().reset().convert(body)


#: Record text for the page properties, control characters included (records.clean
#: drops those that are not whitespace; nfc() expects them dropped).
_page_char = st.characters(blacklist_categories=("Cs",))
_page_markup = list(MARKUP) + ["\uffff", "\ufffe", "\x85", "\x1c", "\x0b"]
field_text = st.one_of(
    st.text(_page_char, min_size=1, max_size=40),
    st.lists(st.one_of(st.sampled_from(_page_markup), st.text(_page_char, max_size=4)), max_size=20).map("".join),
)
raw_records = st.builds(
    lambda n, title, abstract, authors, tags, url: RawRecord(
        Provenance(f"data/sources/{n % 3}.yml", n + 1, "yaml"), title=title, abstract=abstract,
        authors=tuple(authors), tags=tuple(tags), url=url),
    n=st.integers(0, 10**6),
    title=st.one_of(st.none(), field_text),
    abstract=st.one_of(st.none(), field_text),
    authors=st.lists(field_text, max_size=4),
    tags=st.lists(field_text, max_size=3),
    url=st.one_of(st.none(), st.sampled_from(["javascript:alert(1)", "JavaScript:alert(1)", " javascript:x",
                                              "data:text/html,<script>", "https://example.org/\"><b>",
                                              "https://example.org/a)(b"])),
)
unique_records = st.lists(raw_records, max_size=8, unique_by=lambda r: (r.provenance.path, r.provenance.line))


def render_records(raw: list[RawRecord]):
    papers, problems = records.build_papers(raw)
    papers, tag_names, found = taxonomy.assign(papers, project_taxonomy())
    collection = Collection(tuple(papers), project_taxonomy(), tag_names)
    files = pages.render(collection, environment())
    return collection, files, problems + found


def page_texts(page: _Page) -> dict[str, str]:
    return {cls: visible(page.html, cls)[0] for cls in ("pa-title", "pa-abstract", "pa-meta")}


def _no_record_markup(page_html: str, cls: str) -> None:
    """The element of class ``cls`` holds no tag but the generator's own."""
    start = page_html.find(f'class="{cls}"')
    if start < 0:
        return
    end = page_html.find("</div>" if cls == "pa-abstract" else "</h1>", start)
    inner = page_html[start:end]
    tags = set(re.findall(r"<([a-zA-Z][a-zA-Z0-9-]*)", inner))
    assert tags <= {"p", "span"}, (cls, tags, inner[:300])


@settings(FAST, max_examples=100)
@example(raw=[RawRecord(Provenance("data/sources/0.yml", 1), title="<script>alert(1)</script>",
                        abstract="{{ 7*7 }} ${x} !ENV [x] **b** | a |\n|---|", authors=("<b>Eve</b>",))])
@given(raw=unique_records)
def test_any_records_render_to_pages_that_show_their_text(raw):
    collection, files, problems = render_records(raw)
    assert all(p.path and p.message for p in problems)
    kept = [r for r in raw if records.clean(r.title) or records.clean(r.abstract)]
    assert sum(len(p.sources) for p in collection.papers) == len(kept)  # every valid record is on a page
    by_source = {r.provenance: r for r in raw}
    for paper in collection.papers:
        page = _Page(files[f"papers/{paper.id}.md"])
        shown = page_texts(page)
        # The page shows what the paper holds ...
        title = shown["pa-title"].removesuffix(" inferred title") if paper.title_inferred else shown["pa-title"]
        assert title == nfc(paper.title)
        assert shown["pa-abstract"] == nfc(paper.abstract)
        if paper.authors:
            assert shown["pa-meta"].startswith(nfc(", ".join(paper.authors)) + " ·")
        # ... and what the paper holds is the text of one of its records.
        mine = [by_source[s] for s in paper.sources]
        if not paper.title_inferred:
            assert paper.title in {nfc(r.title or "") for r in mine}
        assert paper.abstract in {nfc(r.abstract or "") for r in mine}
        # Front matter: the title is HTML-escaped, so a theme printing it raw shows the text.
        assert html.unescape(page.meta["title"]) == paper.title
        _no_record_markup(page.html, "pa-title")
        _no_record_markup(page.html, "pa-abstract")
        assert not re.search(r"""href=["']?\s*(?:javascript|data|vbscript):""", page.html, re.I)
        assert "<script" not in page.html.lower()
    ids = [p.id for p in collection.papers]
    assert len({i.casefold() for i in ids}) == len(ids)
    for path in files:
        assert re.fullmatch(r"[a-z0-9][a-z0-9/-]*(?:\.md|\.json)", path) and ".." not in path, path
        assert all(len(part.encode()) <= 255 for part in path.split("/"))


@settings(FAST, max_examples=40)
@given(raw=unique_records, data=st.data())
def test_rendering_does_not_depend_on_record_order(raw, data):
    shuffled = data.draw(st.permutations(raw))
    assert render_records(raw)[1] == render_records(list(shuffled))[1]


@settings(FAST, max_examples=60)
@example(raw=[RawRecord(Provenance("data/sources/0.yml", 1), title="Tagged", abstract="Tags.",
                        tags=("日本語", "🔥", "...")),
              RawRecord(Provenance("data/sources/1.yml", 1), title="Also tagged", abstract="More tags.",
                        tags=("日本語", "🔥"))])
@given(raw=unique_records)
def test_every_given_tag_gets_a_safe_slug_and_a_page(raw):
    """A record's keyword is a tag with a safe slug and a page when another paper has it too,
    else one of the paper's own keywords (shown on its page); one with no letter or digit
    ("🔥", "..."), a workflow keyword or a machine's concept ("Set (abstract data type)") is neither."""
    from generator.taxonomy.tags import ignored
    from generator.text.keywords import clean, machine_assigned

    collection, files, _ = render_records(raw)
    for paper in collection.papers:
        shown = {collection.tag_names[s] for s in paper.tags} | set(paper.keywords)
        for tag in {clean(records.clean(t)) for r in raw if r.provenance in paper.sources
                    and not machine_assigned(records.clean(t) for t in r.tags) for t in r.tags} - {""}:
            assert tag in shown or ignored(tag) or (slugify(tag) or None) in paper.tags or \
                any(tag in collection.tag_names[s] or collection.tag_names[s] in tag for s in paper.tags), \
                (tag, paper.tags, paper.keywords)  # one slug for names that fold alike (":U", "UŦ")
        for s in paper.tags:
            assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", s) and f"tags/{s}.md" in files, s
    assert "日本語" not in {n for p in collection.papers for n in p.keywords} or len(collection.papers) < 2


