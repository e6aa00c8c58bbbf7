"""generator.tools.catalog_diff: what a change does to the collection, in Markdown."""
from __future__ import annotations

import dataclasses
import json
import re

import pytest
from markdown_it import MarkdownIt

from generator import cli
from generator.site.pages import CATALOG_FIELDS
from generator.text.markup import to_markdown_line
from generator.tools.catalog_diff import (
    CatalogDiff,
    NewWarning,
    PaperChange,
    PaperRef,
    diff_catalogs,
    to_markdown,
)

SITE = "https://owner.github.io/repo/pr-preview/pr-7/"


def paper(pid, title=None, **fields):
    record = {
        "id": pid,
        "title": title if title is not None else pid.replace("-", " ").title(),
        "title_inferred": False,
        "abstract": f"Abstract of {pid}.",
        "authors": ["A. Author"],
        "topic": "vision",
        "tags": ["cnn"],
        "url": f"papers/{pid}/",
        "sources": [f"data/sources/a.yaml:{len(pid)}"],
    }
    record.update(fields)
    return record


def render(markdown: str) -> str:
    """HTML as GitHub would make it: CommonMark, with tables and strikethrough."""
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown)


# --------------------------------------------------------------------------
# diff_catalogs
# --------------------------------------------------------------------------


def test_identical_catalogs_have_no_changes():
    base = [paper("u-net"), paper("resnet")]
    diff = diff_catalogs(base, json.loads(json.dumps(base)))
    assert diff.is_empty
    assert (diff.added, diff.removed, diff.changed, diff.new_warnings) == ((), (), (), ())
    assert diff.base_count == diff.head_count == 2


def test_added_and_removed_papers_keep_catalog_order():
    base = [paper("a"), paper("b"), paper("c")]
    head = [paper("c"), paper("d"), paper("a"), paper("e")]
    diff = diff_catalogs(base, head)
    assert [p.id for p in diff.added] == ["d", "e"]
    assert [p.id for p in diff.removed] == ["b"]
    assert diff.added[0] == PaperRef("d", "D", "papers/d/")
    assert (diff.base_count, diff.head_count) == (3, 4)


def test_changed_papers_name_the_fields_that_changed():
    base = [paper("a"), paper("b"), paper("c")]
    head = [
        paper("a", title="A, retitled", tags=["cnn", "segmentation"]),
        paper("b", abstract="New abstract.", authors=["B. Other"]),
        paper("c"),
    ]
    diff = diff_catalogs(base, head)
    assert diff.changed == (
        PaperChange("a", "A, retitled", "papers/a/", ("title", "tags")),
        PaperChange("b", "B", "papers/b/", ("abstract", "authors")),
    )


def test_line_shifts_and_tag_order_are_not_changes():
    base = [paper("a", sources=["data/x.yaml:3", "data/y.bib:10"], tags=["cnn", "gan"])]
    head = [paper("a", sources=["data/x.yaml:9", "data/y.bib:44"], tags=["gan", "cnn"])]
    assert diff_catalogs(base, head).changed == ()


def test_a_new_source_file_and_unknown_fields_are_changes():
    base = [paper("a", sources=["data/x.yaml:3"], venue="NeurIPS")]
    head = [paper("a", sources=["data/x.yaml:3", "data/z.bib:1"], venue="ICML", topic="graphs")]
    assert diff_catalogs(base, head).changed[0].fields == ("topic", "sources", "venue")


def test_new_inferred_titles_are_warnings_from_the_catalog_alone():
    base = [paper("a"), paper("b", title_inferred=True)]
    head = [paper("a", title_inferred=True), paper("b", title_inferred=True), paper("c", title_inferred=True)]
    warnings = diff_catalogs(base, head).new_warnings
    assert [(w.kind, w.paper_id) for w in warnings] == [("inferred-title", "a"), ("inferred-title", "c")]
    assert warnings[0].location == head[0]["sources"][0]


def test_new_merged_duplicates_are_warnings_from_the_catalog_alone():
    base = [paper("a", sources=["x.yaml:1", "y.bib:2"]), paper("b")]
    head = [
        paper("a", sources=["x.yaml:5", "y.bib:2"]),  # merged before too: not new
        paper("b", sources=["x.yaml:7", "z.ris:1"]),  # newly merged
    ]
    warnings = diff_catalogs(base, head).new_warnings
    assert [(w.kind, w.paper_id) for w in warnings] == [("merged", "b")]
    assert "x.yaml:7" in warnings[0].message and "z.ris:1" in warnings[0].message


def test_a_merge_that_gains_a_source_file_is_a_new_warning():
    base = [paper("a", sources=["x.yaml:1", "y.bib:2"])]
    head = [paper("a", sources=["x.yaml:1", "y.bib:2", "w.json:3"])]
    assert [w.kind for w in diff_catalogs(base, head).new_warnings] == ["merged"]


def test_reports_add_their_warnings_and_lists():
    base = [paper("a"), paper("b")]
    head = [paper("a"), paper("b")]
    base_report = {
        "warnings": [{"path": "data/x.txt", "line": 4, "kind": "truncated", "message": "the abstract looks cut off"}],
        "merged": [],
        "inferred_titles": [],
    }
    head_report = {
        "warnings": [
            # same warning, moved down a line by an edit: not new
            {"path": "data/x.txt", "line": 9, "kind": "truncated", "message": "the abstract looks cut off"},
            {"path": "data/y.txt", "line": 2, "kind": "truncated", "message": "the abstract looks cut off"},
            # these kinds come from the lists below, once per paper
            {"path": "data/y.txt", "line": 3, "kind": "inferred-title", "message": "no title"},
            {"path": "data/y.txt", "line": 5, "kind": "merged", "message": "merged"},
        ],
        "merged": [{"id": "b", "sources": ["data/y.txt:5", "data/z.bib:1"]}],
        "inferred_titles": ["a"],
    }
    warnings = diff_catalogs(base, head, base_report, head_report).new_warnings
    assert [(w.kind, w.paper_id, w.location) for w in warnings] == [
        ("inferred-title", "a", head[0]["sources"][0]),
        ("merged", "b", "data/y.txt:5"),
        ("truncated", "", "data/y.txt:2"),
    ]


def test_report_merged_list_replaces_the_catalog_guess():
    # With a report, only the report's merged list counts.
    head = [paper("a", sources=["x:1", "y:2"])]
    assert diff_catalogs([], head, {"merged": []}, {"merged": []}).new_warnings == ()


def test_diff_is_a_frozen_dataclass():
    diff = diff_catalogs([paper("a")], [paper("b")])
    assert isinstance(diff, CatalogDiff)
    with pytest.raises(dataclasses.FrozenInstanceError):
        diff.added = ()  # type: ignore[misc]


# --------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------

NASTY = "U-Net *bold* _it_ [x](javascript:alert(1)) <img src=x onerror=alert(1)> `code` ~~s~~ $x$ | a &amp; @octocat #12 www.evil.example\n# Heading"


def test_heading_has_the_counts():
    md = to_markdown(diff_catalogs([paper("a"), paper("b")], [paper("b", title="B2"), paper("c"), paper("d", title_inferred=True)]))
    first = md.splitlines()[0]
    assert first.startswith("### ")
    assert "2 added" in first and "1 removed" in first and "1 changed" in first and "1 new warning" in first


def test_no_changes_is_said_plainly():
    md = to_markdown(diff_catalogs([paper("a")], [paper("a")]))
    assert md.splitlines()[0] == "### Paper collection: no changes"


def test_added_and_changed_papers_link_under_the_site_url():
    md = to_markdown(diff_catalogs([paper("a"), paper("gone")], [paper("a", title="A2"), paper("new")]), site_url=SITE)
    html = render(md)
    assert f'<a href="{SITE}papers/new/">New</a>' in html
    assert f'<a href="{SITE}papers/a/">A2</a>' in html
    # Removed papers are gone from the site: named, not linked.
    assert "Gone" in html and "papers/gone" not in html


def test_without_a_site_url_nothing_is_linked():
    html = render(to_markdown(diff_catalogs([], [paper("new")])))
    assert "<a " not in html and "New" in html


def test_untrusted_urls_are_never_links_out_of_the_site():
    head = [
        paper("a", url="javascript:alert(1)"),
        paper("b", url="//evil.example/x"),
        paper("c", url="https://evil.example/"),
        paper("d", url="papers/d e)(/"),
    ]
    html = render(to_markdown(diff_catalogs([], head), site_url=SITE))
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs == [f"{SITE}papers/d%20e%29%28/"]


def test_titles_render_literally():
    md = to_markdown(diff_catalogs([], [paper("a", title=NASTY)]), site_url=SITE)
    html = render(md)
    # One line per paper: the title's newline cannot start a heading or a block.
    item = [line for line in md.splitlines() if line.startswith("- ")]
    assert len(item) == 1
    item_html = render(item[0])
    assert "<img" not in item_html and "<em>" not in item_html and "<strong>" not in item_html
    assert "<code>" not in item_html and "<s>" not in item_html and "<del>" not in item_html
    assert "<h1>" not in html
    # Exactly one link: the paper's page, with the whole title as its text.
    links = re.findall(r'<a href="([^"]*)">(.*?)</a>', html)
    assert [href for href, _ in links] == [f"{SITE}papers/a/"]
    text = links[0][1]
    for shown in ("*bold*", "_it_", "[x](javascript:alert(1))", "&lt;img src=x onerror=alert(1)&gt;",
                  "`code`", "~~s~~", "$x$", "| a &amp;amp; @", "# Heading"):
        assert shown in text.replace("\u200b", ""), shown


def test_the_line_escaper_escapes_every_special_character():
    special = "a*b_c[d]e<f>g`h~i|j$k&l:m!n#o@p\\q.r"
    escaped = to_markdown_line(special)
    assert not any(ch in escaped for ch in "*_[]<>`~|$:!\\")
    assert render(escaped).strip() == "<p>" + special.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") \
        .replace("#o", "#\u200bo").replace("@p", "@\u200bp") + "</p>"
    assert to_markdown_line(None) == ""


def test_the_line_escaper_flattens_lines_and_drops_controls():
    assert render(to_markdown_line("a\n\n## b\r\n- c\tz")).strip() == "<p>a ## b - c z</p>"
    assert to_markdown_line("ab\u202ecd\x00e") == "abcde"


def test_mentions_and_issue_references_are_defused():
    escaped = render(to_markdown_line("@octocat and #12"))
    assert "@octocat" not in escaped and "#12" not in escaped
    assert escaped.replace("\u200b", "").strip() == "<p>@octocat and #12</p>"


def test_the_diff_compares_the_catalogs_own_fields_in_order():
    base = [paper("a")]
    head = [paper("a", title="New", venue="ICML", published="2020", links={"doi": "10.1/x"}, extra_key=1)]
    (change,) = diff_catalogs(base, head).changed
    assert change.fields == ("title", "published", "venue", "links", "extra_key")
    assert list(CATALOG_FIELDS[:1]) == ["id"]


def test_long_titles_are_cut():
    md = to_markdown(diff_catalogs([], [paper("a", title="word " * 200)]))
    line = [l for l in md.splitlines() if l.startswith("- ")][0]
    assert len(line) < 260 and line.endswith("…")


def test_long_lists_are_cut_with_a_count():
    head = [paper(f"p{i}") for i in range(60)]
    md = to_markdown(diff_catalogs([], head), max_items=50)
    assert sum(1 for l in md.splitlines() if l.startswith("- [") or l.startswith("- P")) == 50
    assert "- … and 10 more" in md


def test_warnings_are_listed_with_their_paper():
    md = to_markdown(diff_catalogs([], [paper("a", title="T*", title_inferred=True)]), site_url=SITE)
    html = render(md)
    assert "New warnings (1)" in html
    assert f'Inferred title: <a href="{SITE}papers/a/">T*</a>' in html


def test_to_markdown_accepts_a_hand_made_diff():
    diff = CatalogDiff(new_warnings=(NewWarning("truncated", "cut *off*", location="x.txt:3"),), head_count=1)
    html = render(to_markdown(diff))
    assert "cut *off*" in html and "(x.txt:3)" in html


# --------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------


@pytest.fixture
def files(tmp_path):
    def write(name, data):
        path = tmp_path / name
        path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
        return str(path)

    return write


def diff_cli(*args: str) -> int:
    return cli.main(["diff", *args])


def test_main_writes_markdown(files, capsys):
    base = files("base.json", [paper("a")])
    head = files("head.json", [paper("a"), paper("b")])
    assert diff_cli(base, head, "--site-url", SITE) == 0
    out = capsys.readouterr().out
    assert out.startswith("### Paper collection: 1 added")
    assert f"({SITE}papers/b/)" in out


def test_main_accepts_reports_and_output_file(files, tmp_path):
    base = files("base.json", [paper("a")])
    head = files("head.json", [paper("a")])
    base_report = files("base-report.json", {"warnings": [], "merged": [], "inferred_titles": []})
    head_report = files("head-report.json", {"warnings": [], "merged": [], "inferred_titles": ["a"]})
    out = tmp_path / "diff.md"
    argv = [base, head, "--base-report", base_report, "--head-report", head_report, "--output", str(out)]
    assert diff_cli(*argv) == 0
    assert "1 new warning" in out.read_text(encoding="utf-8")
    assert not list(tmp_path.glob(".tmp-*"))  # written through the one (atomic) writer


@pytest.mark.parametrize(
    "content, expected",
    [
        (None, "does not exist"),
        ("{not json", "is not valid JSON"),
        ('{"id": "a"}', "not a paper catalog"),
        ('[{"title": "no id"}]', "entry 1"),
        ("[1, 2]", "entry 1"),
        (b"\xff\xfe\x00", "not UTF-8"),
    ],
)
def test_main_rejects_bad_catalogs_in_one_sentence(files, tmp_path, capsys, content, expected):
    good = files("good.json", [paper("a")])
    if content is None:
        bad = str(tmp_path / "missing.json")
    elif isinstance(content, bytes):
        bad = str(tmp_path / "binary.json")
        (tmp_path / "binary.json").write_bytes(content)
    else:
        bad = files("bad.json", content)
    assert diff_cli(good, bad) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    head, problem = captured.err.strip().split("\n")
    assert head == "1 error in the catalogs:"
    assert problem.strip().startswith(f"{bad}: error: ") and expected in problem
    assert "Traceback" not in captured.err


def test_main_rejects_a_bad_report_and_a_bad_site_url(files, capsys):
    good = files("good.json", [paper("a")])
    report = files("report.json", {"warnings": "oops"})
    assert diff_cli(good, good, "--head-report", report) == 1
    assert "warnings is not a list" in capsys.readouterr().err
    assert diff_cli(good, good, "--site-url", "javascript:alert(1)") == 1
    assert "not an http(s) URL" in capsys.readouterr().err


def test_main_usage_errors_return_2(capsys):
    with pytest.raises(SystemExit) as exit_:
        diff_cli("only-one.json")
    assert exit_.value.code == 2
    assert "usage:" in capsys.readouterr().err
