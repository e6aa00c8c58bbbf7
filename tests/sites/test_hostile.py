"""Hostile and broken input (issue 8): nothing lost, nothing executed.

Every record is untrusted. ``tests/hostile/valid/*.yml`` are hostile but valid
records: they are built, in a throwaway copy of the project, by the real
``mkdocs build --strict``, and each page must show exactly the source text
(read here with PyYAML, independently of the generator's readers) and carry no
element, link or script that a record made. ``tests/hostile/broken/<case>/``
are broken inputs, each with the problems ``python -m generator check`` must
report (``expected.yml``); the big ones are generated in ``tmp_path``.
A generator bug found here gets a strict xfail (``xfail:`` in a case's
``expected.yml``) until it is fixed.
"""
from __future__ import annotations

import json
import os
import posixpath
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from generator import pipeline
from generator.config import GENERATED
from generator.errors import GeneratorError
from generator.sources import MAX_FILE_BYTES, yaml_records
from support.hostile import (
    HOSTILE,
    HOSTILE_FILE_NAMES,
    RECORDS,
    Record,
    dangerous_url,
    nfc,
    page_file,
)
from support.html import visible
from support.project import HAND_WRITTEN, ROOT, Project, make_site_project, write_sources

BROKEN = sorted(p for p in (HOSTILE / "broken").iterdir() if (p / "expected.yml").is_file())
SITE_NAME = "Paper Atlas"
SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")

#: Records of the valid corpus ("file:line") whose page test is expected to fail (none now:
#: the bugs this corpus found are fixed; keep the mechanism for the next one).
XFAIL_TEXT: dict[str, str] = {}
XFAIL_TAGS: dict[str, str] = {}


def _params(records_: list[Record], xfails: dict[str, str]) -> list:
    return [pytest.param(r, id=r.key, marks=[pytest.mark.xfail(strict=True, reason=xfails[r.key])]
                         if r.key in xfails else []) for r in records_]


# --- HTML helpers ---------------------------------------------------------------------

class _Elements(HTMLParser):
    """Every start tag with its attributes, the tags inside the first element of some classes,
    and the text of every script element with its type."""

    def __init__(self, classes: tuple[str, ...] = ()):
        super().__init__(convert_charrefs=True)
        self.classes = classes
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.inside: dict[str, list[tuple[str, dict]]] = {c: [] for c in classes}
        self._open: list[tuple[str, int]] = []  # (class, depth)
        self._depth = 0
        self.scripts: list[tuple[str, str]] = []  # (type, text)
        self._seen: set[str] = set()
        self._in_script = False

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def handle_startendtag(self, tag, attrs):  # <x/>: an element with nothing inside
        self._record(tag, dict(attrs))

    def _record(self, tag, attrs_d):
        self.tags.append((tag, attrs_d))
        for cls, _ in self._open:
            self.inside[cls].append((tag, attrs_d))

    def handle_starttag(self, tag, attrs):
        attrs_d = dict(attrs)
        self._record(tag, attrs_d)
        if tag not in self.VOID:
            self._depth += 1
            for cls in (attrs_d.get("class") or "").split():
                if cls in self.classes and cls not in self._seen:
                    self._seen.add(cls)
                    self._open.append((cls, self._depth))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append(((attrs_d.get("type") or "text/javascript").lower(), ""))

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False
        if tag in self.VOID:
            return
        self._open = [(c, d) for c, d in self._open if d < self._depth]
        self._depth -= 1

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] = (self.scripts[-1][0], self.scripts[-1][1] + data)


def elements(html: str, *classes: str) -> _Elements:
    parser = _Elements(classes)
    parser.feed(html)
    parser.close()
    return parser


def meta_description(html: str) -> str | None:
    for tag, attrs in elements(html).tags:
        if tag == "meta" and attrs.get("name") == "description":
            return attrs.get("content")
    return None


URL_ATTRS = ("href", "src", "action", "formaction", "data", "xlink:href", "poster", "background", "srcset")


def test_the_hostile_corpus_builds_strict_and_checks_clean(hostile):
    out = hostile.project.generator("check")
    assert out.returncode == 0, out.stdout + out.stderr
    assert re.search(r"; 0 errors, \d+ warnings?\n", out.stdout)
    refs = {s for p in hostile.catalog for s in p["sources"]}
    assert {r.ref for r in RECORDS} <= refs  # every record is on the site


@pytest.mark.parametrize("record", _params(RECORDS, XFAIL_TEXT))
def test_each_hostile_record_shows_exactly_its_text(hostile, record):
    paper = hostile.paper(record.ref)
    html = hostile.html(paper)
    shown_title, head_title = visible(html, "pa-title", skip_cls="pa-inferred")
    shown_abstract, _ = visible(html, "pa-abstract")
    shown_meta, _ = visible(html, "pa-meta")
    title = record.text("title") or paper["title"]  # an inferred title is the catalog's
    if not record.text("title"):
        assert paper["title_inferred"]
    assert shown_title == title == paper["title"]
    assert shown_abstract == record.text("abstract") == paper["abstract"]
    assert head_title == f"{title} - {SITE_NAME}"
    # At most 200 characters, cut at a space, with an ellipsis.
    abstract = paper["abstract"]
    assert meta_description(html) == (abstract if len(abstract) <= 200 else abstract[:199].rsplit(" ", 1)[0] + "…")
    authors = record.authors()
    assert paper["authors"] == authors
    if authors:
        assert shown_meta.startswith(", ".join(authors) + " · ")
    assert paper["venue"] == (record.text("venue") or None)
    # Nothing inside the title, the abstract or the author line is an element a record made.
    parsed = elements(html, "pa-title", "pa-abstract", "pa-meta")
    assert {t for t, a in parsed.inside["pa-title"]} <= {"span"}
    assert all(t == "span" and a.get("class") in ("pa-math", "pa-inferred") for t, a in parsed.inside["pa-title"])
    assert all(t in ("p", "span", "a") for t, _ in parsed.inside["pa-abstract"])
    # The one element an abstract's text makes: a link of an http(s) address it holds (shown as written).
    links = [a for t, a in parsed.inside["pa-abstract"] if t == "a"]
    assert all(re.match(r"https?://", a.get("href", ""), re.I) and "nofollow" in a.get("rel", "") for a in links), links
    assert all(a.get("class") == "pa-math" for t, a in parsed.inside["pa-abstract"] if t == "span")
    # Links only: to the authors', venue's and year's pages, then the topic's; never a record's markup.
    assert {t for t, _ in parsed.inside["pa-meta"]} == {"a"}
    hrefs = [a.get("href", "") for _, a in parsed.inside["pa-meta"]]
    assert all(re.fullmatch(r"(\.\./)+(authors|venues|years)/[a-z0-9-]+/", h) for h in hrefs[:-1]), hrefs
    assert re.fullmatch(r"(\.\./)+topics/[a-z0-9-]+/", hrefs[-1]), hrefs
    # Links only for http(s) URLs; any other value never becomes a link.
    for field in ("url", "pdf", "code"):
        value = record.text(field)
        if value and not re.fullmatch(r"https?://\S+", value, re.I):
            assert not [a for _, a in parsed.tags if a.get("href") and value in a["href"]], field


EXECUTABLE = ("text/javascript", "module", "application/javascript")


def test_paper_pages_carry_the_scripts_of_a_plain_page_and_nothing_more(hostile):
    """Executable scripts are the theme's and the site's; data scripts (JSON-LD) cannot break out."""
    def executable(page: _Elements) -> list[str]:
        return [a.get("src", "").rsplit("/", 1)[-1] for t, a in page.tags
                if t == "script" and (a.get("type") or "text/javascript").lower() in EXECUTABLE]

    want = executable(elements(hostile.html(hostile.paper("data/sources/plain.yml:2"))))
    for paper in hostile.catalog:
        html = hostile.html(paper)
        page = elements(html)
        # KaTeX and math.js come on pages with math only, after the others.
        math = ["katex.min.js", "math.js"] if 'class="pa-math"' in html else []
        assert executable(page) == want + math, paper["id"]
        for kind, text in page.scripts:
            if kind in EXECUTABLE:
                assert "__pwned" not in text and "alert(" not in text, (paper["id"], text[:200])
            else:  # data: the whole element is one JSON value, so no record text ended it early
                assert "<" not in text, (paper["id"], kind, text[:200])
                data = json.loads(text)
                if kind == "application/ld+json" and isinstance(data, dict) and "name" in data:
                    assert data["name"] == paper["title"], paper["id"]


def test_no_page_of_the_site_has_a_script_url_or_a_record_event_handler(hostile):
    pages = sorted(hostile.site.rglob("*.html"))
    assert len(pages) > len(hostile.catalog)
    for page in pages:
        html = page.read_text(encoding="utf-8")
        parsed = elements(html, "md-content")
        for tag, attrs in parsed.tags:
            for name, value in attrs.items():
                if name in URL_ATTRS and value:
                    assert not dangerous_url(value), (page, tag, name, value)
        for tag, attrs in parsed.inside["md-content"]:
            handlers = [n for n in attrs if n.startswith("on")]
            assert not handlers, (page, tag, attrs)
            assert tag not in ("script", "iframe", "frame", "object", "embed", "applet", "style", "base",
                               "meta", "link", "form", "foreignobject"), (page, tag, attrs)
            for name in ("src", "data", "poster", "srcset", "background"):  # nothing loads from off-site
                assert not re.match(r"\s*(?:[a-z]+:)?//", attrs.get(name) or "", re.I), (page, tag, attrs)


def test_links_are_http_only_and_encoded(hostile):
    for paper in hostile.catalog:
        parsed = elements(hostile.html(paper), "pa-links")
        for tag, attrs in parsed.inside["pa-links"]:
            if tag == "a":
                href = attrs["href"]
                assert re.fullmatch(r"https?://[^\s<>\"'`]+", href), (paper["id"], href)
    links = hostile.paper("data/sources/fields.yml:8")
    page = elements(hostile.html(links), "pa-links")
    hrefs = [a["href"] for t, a in page.inside["pa-links"] if t == "a"]
    assert "https://example.org/%22%3E%3Cscript%3Ewindow.__pwned=1%3C/script%3E" in hrefs
    assert "https://example.org/a%29%28javascript:alert%281%29" in hrefs
    page = elements(hostile.html(hostile.paper("data/sources/html.yml:13")), "pa-links")
    assert not [a for t, a in page.inside["pa-links"] if t == "a"]  # url, pdf and code are all javascript:


def test_every_page_is_inside_the_site_with_a_safe_unique_name(hostile):
    site = hostile.site.resolve()
    seen: dict[str, str] = {}
    for path in hostile.site.rglob("*"):
        rel = path.relative_to(hostile.site).as_posix()
        assert path.resolve().is_relative_to(site) and not path.is_symlink(), rel
        assert all(len(part.encode()) <= 255 for part in rel.split("/")), rel
        assert rel.casefold() not in seen, (rel, seen.get(rel.casefold()))
        seen[rel.casefold()] = rel
    ids = [p["id"] for p in hostile.catalog]
    assert len({i.casefold() for i in ids}) == len(ids)
    for paper in hostile.catalog:
        assert SLUG.fullmatch(paper["id"]) and len(paper["id"].encode()) <= 255 - len(".md"), paper["id"]
        url = posixpath.normpath(paper["url"])
        assert not url.startswith(("..", "/")), paper["url"]
        assert page_file(hostile.site, paper["url"]).is_file(), paper["url"]
    # "../../etc/passwd" and friends wrote nothing outside docs/ and site/.
    root = hostile.project.root
    stray = [p for p in root.rglob("*") if p.name in ("passwd", "config", "system32", "etc")
             and not p.is_relative_to(root / "site") and not p.is_relative_to(root / "docs")]
    assert stray == []
    owned = {o.rstrip("/") for o in GENERATED} | set(HAND_WRITTEN)
    assert {p.name for p in hostile.project.docs.iterdir() if not p.name.startswith(".")} <= owned


def test_equal_titles_each_get_their_own_page(hostile):
    groups = [["names.yml:19", "names.yml:22"], ["names.yml:25", "names.yml:28", "names.yml:31"]]
    for group in groups:
        papers = [hostile.paper(f"data/sources/{ref}") for ref in group]
        ids = [p["id"] for p in papers]
        assert len(set(ids)) == len(ids), ids
        assert len({i.casefold() for i in ids}) == len(ids)
    long = hostile.paper("data/sources/names.yml:15")
    assert len(long["title"]) == 300 and len(long["id"].encode()) <= 255


def _tagged(records_: list[Record]) -> list[Record]:
    return [r for r in records_ if any(nfc(t) for t in r.data.get("tags") or ())]


#: How many records give each tag (as written, NFC): a tag of two records or more is in the tag index.
TAG_USES = Counter(name for r in RECORDS for name in {nfc(t) for t in r.data.get("tags") or ()})


@pytest.mark.parametrize("record", _params(_tagged(RECORDS), XFAIL_TAGS))
def test_each_given_tag_is_a_safe_page_or_a_keyword_shown_as_written(hostile, record):
    """A given tag another record shares is a chip that leads to a safe page of its own, both
    named as written; a tag of this record alone is in its Keywords line, as written, text and
    no link; a name of no letter or digit ("🔥🚀", a rating's "★★★") is neither
    (docs/guide/topics-and-tags.md)."""
    paper = hostile.paper(record.ref)
    page = hostile.html(paper)
    chips = _Chips()
    chips.feed(page)
    line, _ = visible(page, "pa-keywords")
    keywords = line.removeprefix("Keywords: ").split("; ") if line else []
    assert not line or line.startswith("Keywords: "), line
    assert elements(page, "pa-keywords").inside["pa-keywords"] == []  # text only: no link, no markup
    for tag in record.data["tags"]:
        name = nfc(tag)
        if not name:
            continue
        hrefs = [href for text, href in chips.chips if text == name]
        if not any(c.isalnum() for c in name):
            assert not hrefs and name not in keywords, (name, chips.chips, keywords)
            continue
        if TAG_USES[name] >= 2:
            assert hrefs, (name, chips.chips)
        if not hrefs:
            assert name in keywords, (name, chips.chips, keywords)
            continue
        target = posixpath.normpath(posixpath.join(posixpath.dirname(paper["url"].rstrip("/") + "/x"), hrefs[0]))
        slug = target.rstrip("/").rsplit("/", 1)[-1]
        assert target.startswith("tags/") and SLUG.fullmatch(slug), (name, target)
        tag_page = page_file(hostile.site, target + "/").read_text(encoding="utf-8")
        assert visible(tag_page, "md-content")[1] == f"Tag: {name} - {SITE_NAME}", name


def test_the_hostile_corpus_exercises_tag_pages_and_keywords():
    """The corpus gives tags both ways: shared by two records (tag pages) and of one record alone (keywords)."""
    assert {n for n, k in TAG_USES.items() if k >= 2} >= {"<b>x</b>", "../../etc/passwd", "{{ 7*7 }}", "画像分割"}
    assert {n for n, k in TAG_USES.items() if k == 1} >= {"graph neural networks", "${HOME}"}


class _Chips(HTMLParser):
    """(visible text, href) of every tag chip of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.chips: list[tuple[str, str]] = []
        self._href: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        attrs_d = dict(attrs)
        if tag == "a" and "pa-chip" in (attrs_d.get("class") or "").split():
            self._href, self._text = attrs_d["href"], ""

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.chips.append((" ".join(self._text.split()), self._href))
            self._href = None

    def handle_data(self, data):
        if self._href is not None:
            self._text += data


def test_hostile_file_names_show_as_text_in_the_sources_list(hostile):
    for name in HOSTILE_FILE_NAMES:
        paper = hostile.paper(f"data/sources/{name}:1")
        html = hostile.html(paper)
        article, _ = visible(html, "md-content__inner")
        assert f"{nfc('data/sources/' + name)}, line 1 (yaml)" in article
        assert not [t for t, _ in elements(html, "md-content__inner").inside["md-content__inner"] if t == "img"]


# --- focused tests of the known bugs ---------------------------------------------------

def _generate(tmp_path: Path, sources: dict[str, str]) -> tuple[Project, pipeline.BuildResult]:
    project = make_site_project(tmp_path, sources, site=False)
    return project, pipeline.build(project.settings)


def test_papers_whose_titles_have_no_latin_letters_are_not_merged(tmp_path):
    _, result = _generate(tmp_path, {"a.yml": (
        "- title: 深層学習による画像分割\n  abstract: 画像分割の新しい方法を提案する。\n  authors: [山田 太郎]\n"
        "- title: نموذج لغوي كبير\n  abstract: نقدم نموذجًا جديدًا.\n  authors: [محمد علي]\n"
        "- title: '🔥🚀'\n  abstract: Emoji only.\n"
    )})
    assert sorted(p.title for p in result.collection.papers) == sorted(["深層学習による画像分割", "نموذج لغوي كبير", "🔥🚀"])


def test_a_tag_without_latin_letters_gets_a_non_empty_slug(tmp_path):
    _, result = _generate(tmp_path, {"a.yml": (
        "- title: Tagged\n  abstract: Tags of no Latin letter.\n  tags: [日本語, 'ΑΒΓ', '🔥', '...']\n"
        "- title: Also tagged\n  abstract: The same tags again.\n  tags: [日本語, 'ΑΒΓ', '🔥', '...']\n")})
    for paper in result.collection.papers:
        # 🔥 and ... have no letter or digit: no tag (a rating mark, docs/guide/topics-and-tags.md).
        assert len(paper.tags) == 2 and all(SLUG.fullmatch(t) for t in paper.tags), paper.tags
        for slug, name in zip(paper.tags, ["日本語", "ΑΒΓ"]):
            assert result.collection.tag_names[slug] == name
            assert f"tags/{slug}.md" in result.files


def test_tags_whose_slugs_drop_their_marks_keep_pages_of_their_own(tmp_path):
    """"C++" and "C#", ";LT" and ":LT", "${HOME}" and "HOME" are other concepts: each its
    own tag and page, shown as written."""
    names = ["C++", "C#", ";LT", ":LT", "${HOME}", "HOME"]
    records = "".join(f"- title: Paper {i}\n  abstract: Tagged twice.\n  tags: {json.dumps(names)}\n" for i in range(2))
    _, result = _generate(tmp_path, {"a.yml": records})
    for paper in result.collection.papers:
        assert [result.collection.tag_names[s] for s in paper.tags] == names, paper.tags
        assert len(set(paper.tags)) == len(names), paper.tags
        for slug, name in zip(paper.tags, names):
            assert SLUG.fullmatch(slug) and f"tags/{slug}.md" in result.files
            assert f'"title": "Tag: {name}"' in result.files[f"tags/{slug}.md"][:200], name


def test_a_tag_named_index_keeps_its_page(tmp_path):
    # "INDEX", as a lab may write it ("index" alone is an everyday word: no tag).
    project, result = _generate(tmp_path, {"a.yml": "- title: Tagged index\n  abstract: A tag named index.\n  tags: [INDEX, other tag]\n"
                                                    "- title: Also index\n  abstract: Another.\n  tags: [INDEX]\n"})
    page = result.files["papers/tagged-index.md"]
    link = re.search(r'<a href="([^"]+)" class="pa-chip">INDEX</a>', page).group(1)
    target = posixpath.normpath(posixpath.join("papers/tagged-index/", link)) + ".md"  # a directory URL
    assert target == "tags/index-tag.md"
    assert result.files[target].startswith('---\n{"title": "Tag: INDEX"'), result.files[target][:80]


def test_catalog_url_of_a_paper_whose_id_ends_in_index(tmp_path):
    _, result = _generate(tmp_path, {"a.yml": "- title: The H-index\n  abstract: An id that ends in index.\n"})
    catalog = json.loads(result.files["papers.json"])
    assert catalog[0]["id"] == "the-h-index"
    assert catalog[0]["url"] == "papers/the-h-index/"


def test_a_symlink_out_of_the_project_is_an_error_not_a_leak(tmp_path):
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("Leaked secret title\nThis secret abstract must never be published. It holds a token.\n",
                      encoding="utf-8")
    project = make_site_project(tmp_path / "project", {"ok.yml": GOOD}, site=False)
    (project.sources / "leak.txt").symlink_to(secret)
    out = project.generator("build")
    assert "Traceback" not in out.stderr
    published = b"".join(project.generated().values())
    assert b"secret abstract" not in published and b"Leaked secret" not in published
    assert out.returncode == 1 and "leak.txt" in out.stderr


# --- broken input ----------------------------------------------------------------------

GOOD = "- title: A good paper\n  abstract: A good record that must survive every broken neighbour.\n"
WORDS = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor. "


def _billion_laughs() -> str:
    """Nine levels of nine aliases: 9**9 strings if the aliases were expanded."""
    lines = ["- title: Billion laughs", "  abstract: An alias bomb.",
             '  a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for n in range(1, 9):
        prev, cur = chr(ord("a") + n - 1), chr(ord("a") + n)
        lines.append(f"  {cur}: &{cur} [" + ", ".join([f"*{prev}"] * 9) + "]")
    lines.append("  tags: *i")
    return "\n".join(lines) + "\n"


def _generators(tmp_path: Path) -> dict:
    return {
        "empty_files": lambda: {"empty.yml": b"", "blank.txt": b" \n\t\n  \n", "comment.yml": b"# only a comment\n"},
        "python_tags": lambda: {
            "records.yml": f'- title: !!python/object/apply:os.mkdir ["{tmp_path / "pwned-mkdir"}"]\n  abstract: x.\n'.encode(),
            "names.yml": b"- title: !!python/name:os.system\n  abstract: x.\n",
        },
        "binary": lambda: {"paper.pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n\x00\x00\x01obj\n" + bytes(range(256)),
                           "image.yml": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200)},
        "invalid_utf8": lambda: {"latin1.yml": "- title: Fine\n  abstract: Ascii only.\n- title: Café crème\n  abstract: Latin-1.\n"
                                 .encode("latin-1")},
        "utf16": lambda: {"utf16.yml": ("- title: UTF-16\n  abstract: Saved as UTF-16.\n").encode("utf-16")},
        "bom": lambda: {"bom.yml": "\ufeff- title: Byte order mark in YAML\n  abstract: The file starts with a BOM.\n".encode(),
                        "bom.txt": ("\ufeffByte order mark in a listing\nThe listing starts with a BOM. It has two sentences.\n").encode()},
        "crlf": lambda: {"crlf.yml": b"- title: Windows line ends in YAML\r\n  abstract: Every line ends in CR LF.\r\n",
                         "crlf.txt": b"Windows line ends in a listing\r\nEvery line ends in CR LF. It has two sentences.\r\n"},
        "bom_crlf": lambda: {"both.yml": "\ufeff- title: Both a BOM and CRLF\r\n  abstract: Both at once.\r\n- authors: [Nobody]\r\n"
                             .encode()},
        "cr_only": lambda: {"cr.txt": b"Old Mac line ends\rThe lines end in a lone CR. It has two sentences.\r"},
        "alias_bomb": lambda: {"bomb.yml": _billion_laughs().encode()},
        "big_file": lambda: {"big.yml": b"- title: Big\n  abstract: " + b"x" * (50 * 1024 * 1024) + b"\n"},
        "deep_nesting": lambda: {"deep.yml": b"- title: Deep\n  abstract: " + b"[" * 10000 + b"\n"},
        "long_abstract": lambda: {"long.yml": ("- title: A record before the long one\n  abstract: Fine.\n"
                                               "- title: A long abstract\n  abstract: \"" + (WORDS * 13000)[:1_000_000]
                                               + "\"\n").encode()},
        "long_title": lambda: {"long.yml": ("- title: \"" + (WORDS * 13000)[:1_000_000] + "\"\n  abstract: Short.\n").encode()},
        "control_characters": lambda: {
            "bell.yml": b"- title: A good record before the bell\n  abstract: Fine.\n- title: \"Bell \x07 in a title\"\n  abstract: x.\n",
            "escape.yml": b"- title: Fine\n  abstract: \"ANSI \x1b[31mred\x1b[0m and a form feed \x0c from a PDF.\"\n",
        },
    }


@dataclass(frozen=True)
class Case:
    name: str
    expected: dict

    def sources(self, tmp_path: Path) -> dict[str, str | bytes]:
        """The case's files, under data/sources/<case>/."""
        folder = HOSTILE / "broken" / self.name
        found: dict[str, str | bytes] = {p.name: p.read_bytes() for p in folder.iterdir()
                                         if p.is_file() and p.name != "expected.yml"}
        if self.expected.get("generate"):
            found.update(_generators(tmp_path)[self.expected["generate"]]())
        return {f"{self.name}/{name}": data for name, data in found.items()}

    @property
    def problems(self) -> list[dict]:
        return [{**p, "file": f"data/sources/{self.name}/{p['file']}"} for p in self.expected.get("problems") or ()]


CASES = [Case(p.name, yaml.safe_load((p / "expected.yml").read_text(encoding="utf-8"))) for p in BROKEN]
_PROBLEM = re.compile(r"^(?P<file>.+?)(?::(?P<line>\d+))?: (?P<severity>error|warning): (?P<message>.*)$")


def parse_problems(output: str) -> list[dict]:
    """Problems as ``check`` prints them (one a line; ``  `` indented under a build's error head)."""
    found = []
    for line in output.splitlines():
        m = _PROBLEM.match(line.strip())
        if m:
            found.append({**m.groupdict(), "line": int(m["line"] or 0)})
    return found


def matches(found: dict, want: dict) -> bool:
    return (found["file"] == want["file"] and found["severity"] == want["severity"]
            and ("line" not in want or found["line"] == want["line"])
            and want.get("message", "") in found["message"])


def assert_reported(output: str, cases: list[Case]) -> None:
    found = parse_problems(output)
    for case in cases:
        for want in case.problems:
            assert any(matches(f, want) for f in found), f"{case.name}: {want} not in\n{output[-3000:]}"
    wanted = [w for c in cases for w in c.problems]
    unexpected = [f for f in found if f["severity"] == "error" and not any(matches(f, w) for w in wanted)]
    assert unexpected == [], unexpected


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name, marks=[pytest.mark.xfail(strict=True, reason=c.expected["xfail"])]
                                                if c.expected.get("xfail") else []) for c in CASES])
def test_broken_input_is_reported_with_its_file_and_line(case, tmp_path):
    project = make_site_project(tmp_path / "project", {"good.yml": GOOD, **case.sources(tmp_path)}, site=False)
    out = project.generator("check", timeout=120)
    assert "Traceback" not in out.stdout + out.stderr, out.stderr[-3000:]
    assert_reported(out.stdout, [case])
    errors = sum(p["severity"] == "error" for p in case.problems)
    assert out.returncode == (1 if errors else 0), out.stdout[-2000:]
    assert f"; {errors} error{'s' if errors != 1 else ''}, " in out.stdout
    assert not (tmp_path / "pwned-mkdir").exists()  # no YAML tag ran any code
    titles = {p.title for p in pipeline.collect(project.settings).collection.papers}
    assert {"A good paper", *case.expected.get("titles", ())} <= titles
    assert os.environ.get("HOME") not in titles  # !ENV was never resolved


WORKING = [c for c in CASES if not c.expected.get("xfail")]


def test_check_lists_every_problem_of_a_tree_in_one_run(tmp_path):
    sources = {"good.yml": GOOD}
    for case in WORKING:
        sources.update(case.sources(tmp_path))
    project = make_site_project(tmp_path / "project", sources, site=False)
    out = project.generator("check", timeout=300)
    assert out.returncode == 1 and "Traceback" not in out.stdout + out.stderr
    assert_reported(out.stdout, WORKING)
    errors = sum(p["severity"] == "error" for c in WORKING for p in c.problems)
    assert f"; {errors} error{'s' if errors != 1 else ''}, " in out.stdout


def test_a_failing_build_lists_every_error_and_keeps_the_previous_pages(tmp_path):
    project = make_site_project(tmp_path / "project", {"good.yml": GOOD}, site=False)
    assert project.generator("build").returncode == 0
    before = project.generated()
    assert "papers/a-good-paper.md" in before
    sources = {}
    for case in WORKING:
        sources.update(case.sources(tmp_path))
    write_sources(project.root, sources)
    out = project.generator("build", timeout=300)
    assert out.returncode == 1 and "Traceback" not in out.stdout + out.stderr
    errors = sum(p["severity"] == "error" for c in WORKING for p in c.problems)
    assert out.stderr.startswith(f"{errors} errors in the sources:"), out.stderr[:300]
    assert_reported(out.stderr, [Case(c.name, {"problems": [p for p in c.expected.get("problems") or ()
                                                            if p["severity"] == "error"]}) for c in WORKING])
    assert project.generated() == before  # nothing written, nothing removed


def test_a_build_with_errors_fails_mkdocs_without_a_traceback(tmp_path):
    project = make_site_project(tmp_path / "project", {"good.yml": GOOD, "bad.yml": "- title: x\n- authors: [x]\n",
                                                       "syntax.yml": "- title: [unclosed\n  abstract: x\n"})
    out = project.mkdocs_build()
    assert out.returncode != 0
    assert "Traceback" not in out.stderr, out.stderr[-3000:]
    assert "2 errors in the sources" in out.stderr
    assert "data/sources/bad.yml:2: error: the record has neither a title nor an abstract" in out.stderr
    assert "data/sources/syntax.yml:1: error: YAML syntax error" in out.stderr
    assert not project.site.exists()


_UNREADABLE = r"""
import builtins, errno, io, pathlib, sys
from generator.cli import main
def refuse(path):
    if str(path).endswith("locked.yml"):
        raise PermissionError(errno.EACCES, "Permission denied", str(path))
real_read_bytes, real_open, real_io_open = pathlib.Path.read_bytes, pathlib.Path.open, io.open
def read_bytes(self): refuse(self); return real_read_bytes(self)
def path_open(self, *a, **k): refuse(self); return real_open(self, *a, **k)
def io_open(file, *a, **k): refuse(file); return real_io_open(file, *a, **k)
pathlib.Path.read_bytes, pathlib.Path.open, io.open, builtins.open = read_bytes, path_open, io_open, io_open
sys.exit(main(sys.argv[1:]))
"""


def test_an_unreadable_file_is_an_error_naming_it(tmp_path):
    """chmod 000; where that does not stop reading (tests run as root), reading is refused by a patch.

    Root reads any file whatever its mode, so as root the test simulates the
    unreadable file: the generator runs in a child process whose file-opening
    functions raise PermissionError for ``locked.yml``, as the OS would.
    """
    project = make_site_project(tmp_path, {"good.yml": GOOD, "locked.yml": GOOD.replace("good", "locked")}, site=False)
    locked = project.sources / "locked.yml"
    locked.chmod(0)
    try:
        simulated = os.access(locked, os.R_OK)
        command = [sys.executable, "-c", _UNREADABLE] if simulated else [sys.executable, "-m", "generator"]
        out = subprocess.run([*command, "--root", str(project.root), "check"], cwd=ROOT, capture_output=True,
                             text=True, timeout=120, env=project.env())
    finally:
        locked.chmod(0o644)
    assert "Traceback" not in out.stdout + out.stderr, out.stderr
    assert out.returncode == 1
    assert "data/sources/locked.yml: error: the file cannot be read (Permission denied)" in out.stdout
    assert "1 paper; 1 error" in out.stdout  # the readable file is still read


def test_huge_text_never_hangs_the_build(tmp_path):
    """A 1 MB abstract-only record (title inference) and a 1 MB listing line finish quickly."""
    text = ("We propose " + WORDS * 13000)[:1_000_000]
    project = make_site_project(tmp_path, {"abstract-only.yml": f'- abstract: "{text}"\n',
                                           "listing.txt": f"A listing title\n{text}\n"}, site=False)
    out = project.generator("check", timeout=120)
    assert "Traceback" not in out.stdout + out.stderr and out.returncode in (0, 1)


def test_the_big_cases_are_over_the_generator_limits():
    """The generated 50 MB file and the alias bomb stay over the limits they test."""
    assert 50 * 1024 * 1024 > MAX_FILE_BYTES
    assert _billion_laughs().count("*") > yaml_records.MAX_ALIASES


def test_records_of_the_yaml_readers_keep_their_lines_with_bom_and_crlf():
    text = "\ufeff- title: A\r\n  abstract: a.\r\n\r\n- title: B\r\n  abstract: b.\r\n".encode()
    from generator.sources import read_source

    fmt, result = read_source("x.yml", text)
    assert fmt == "yaml" and [(r.provenance.line, r.title) for r in result.records] == [(1, "A"), (4, "B")]


def test_generator_error_is_the_only_exception_of_a_broken_tree(tmp_path):
    project = make_site_project(tmp_path, {"a.yml": "- authors: [x]\n", "b.yml": b"\xff\xfe\x00"}, site=False)
    with pytest.raises(GeneratorError) as exc:
        pipeline.build(project.settings)
    assert {p.path for p in exc.value.problems} == {"data/sources/a.yml", "data/sources/b.yml"}


def test_the_broken_corpus_is_complete():
    """The issue's list of broken inputs, each present as a case."""
    names = {c.name for c in CASES}
    assert {"yaml-syntax", "no-title-no-abstract", "binary", "invalid-utf8", "bom", "crlf", "alias-bomb",
            "big-file", "long-abstract"} <= names
