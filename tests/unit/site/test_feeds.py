"""Atom feeds (generator/site/feeds.py, dates.py): valid RFC 4287, dated from the data.

Each feed is parsed with xml.etree and checked for what RFC 4287 requires
(feed and entry id, title, updated as an RFC 3339 date, an author, the links),
for the order of its entries, and for the dates: a record's ``added``, else the
commit that added its source file, else its publication date.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from datetime import datetime

import pytest

from generator import pipeline
from generator.site import dates, feeds
from support.project import make_site_project

A = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$")


def check_atom(text: str) -> list[ET.Element]:
    """Assert ``text`` is an Atom feed with every required element; return its entries."""
    assert text.startswith('<?xml version="1.0" encoding="utf-8"?>')
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == A + "feed"
    for name in ("id", "title", "updated"):
        assert len(root.findall(A + name)) == 1, name
    assert RFC3339.match(root.findtext(A + "updated"))
    assert root.findtext(A + "id").startswith("urn:uuid:")
    links = {link.get("rel"): link.get("href") for link in root.findall(A + "link")}
    assert links.get("self") and links.get("alternate")
    feed_author = root.find(A + "author")
    entries = root.findall(A + "entry")
    ids = set()
    for e in entries:
        for name in ("id", "title", "updated"):
            assert len(e.findall(A + name)) == 1, name
        assert RFC3339.match(e.findtext(A + "updated"))
        assert e.find(A + "author") is not None or feed_author is not None
        (alt,) = [link for link in e.findall(A + "link") if link.get("rel") == "alternate"]
        assert alt.get("href")
        ids.add(e.findtext(A + "id"))
    assert len(ids) == len(entries)
    stamps = [datetime.fromisoformat(e.findtext(A + "updated").replace("Z", "+00:00")) for e in entries]
    assert stamps == sorted(stamps, reverse=True)
    if entries:
        assert root.findtext(A + "updated") == entries[0].findtext(A + "updated")
    return entries


def record(title: str, **fields) -> str:
    return "- " + json.dumps({"title": title, "abstract": f"We study {title.lower()} in depth. It works.", **fields}) + "\n"


def test_feeds_of_the_bundled_site_are_valid_atom(built_site):
    all_entries = check_atom((built_site / "feeds/all.xml").read_text(encoding="utf-8"))
    assert len(all_entries) == feeds.SIZE
    topic_feeds = sorted((built_site / "feeds/topics").glob("*.xml"))
    topic_feeds = [p for p in topic_feeds if p.name != "sitemap.xml"]
    assert len(topic_feeds) == len(list((built_site / "topics").glob("*/index.html")))
    for path in topic_feeds:
        check_atom(path.read_text(encoding="utf-8"))
    for e in all_entries:  # links resolve from the feed's own URL
        href = next(link.get("href") for link in e.findall(A + "link"))
        # Absolute under the site's URL (site_url), which the built_site fixture leaves at its default.
        assert href.startswith("http://127.0.0.1:8000/"), href
        assert (built_site / href.removeprefix("http://127.0.0.1:8000/") / "index.html").is_file()


def test_dates_come_from_added_then_published(tmp_path):
    sources = (record("Old paper", published="2019-03-04")
               + record("Added paper", added="2024-05-06", published="2001")
               + record("Undated paper") + record("Month paper", added="2024-05"))
    project = make_site_project(tmp_path, {"a.yml": sources}, site=False)
    result = pipeline.build(project.settings)
    entries = check_atom(result.files["feeds/all.xml"])
    got = [(e.findtext(A + "title"), e.findtext(A + "updated")) for e in entries]
    assert got == [("Added paper", "2024-05-06T00:00:00Z"), ("Month paper", "2024-05-01T00:00:00Z"),
                   ("Old paper", "2019-03-04T00:00:00Z")]  # the undated paper is left out


def test_the_home_page_lists_the_latest_additions_as_the_feed_does(tmp_path):
    """One ranking for "latest additions": the home page had its own (the record's
    ``added`` only, then the source order), so a collection without ``added``
    dates showed its 1942 paper first while the feed linked next to it started
    with the newest."""
    sources = (record("Undated paper") + record("Old paper", published="1942")
               + record("New paper", published="2024-05-06") + record("Middle paper", published="2001-02"))
    project = make_site_project(tmp_path, {"a.yml": sources}, site=False)
    result = pipeline.build(project.settings)
    feed = [e.findtext(A + "title") for e in check_atom(result.files["feeds/all.xml"])]
    home = result.files["index.md"]
    shown = sorted(("New paper", "Middle paper", "Old paper", "Undated paper"), key=home.index)
    assert feed == ["New paper", "Middle paper", "Old paper"]
    assert shown == feed + ["Undated paper"]


@pytest.mark.skipif(not shutil.which("git"), reason="needs git")
def test_dates_come_from_the_commit_that_added_the_source_file(tmp_path):
    project = make_site_project(tmp_path, {"a.yml": record("First paper")}, site=False)

    def git(*args, date=None):
        env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
               "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
        if date:
            env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
        subprocess.run(["git", "-C", str(tmp_path), *args], check=True, capture_output=True, env=env)

    git("init", "-q")
    git("add", "data/sources/a.yml")
    git("commit", "-q", "-m", "a", date="2023-01-02T03:04:05+02:00")
    (project.sources / "b.yml").write_text(record("Second paper") + record("Third paper", added="2020-01-01"),
                                           encoding="utf-8")
    git("add", "data/sources/b.yml")
    git("commit", "-q", "-m", "b", date="2024-06-07T08:09:10+00:00")
    git("mv", "data/sources/a.yml", "data/sources/renamed.yml")
    git("commit", "-q", "-m", "rename", date="2025-01-01T00:00:00+00:00")
    (project.sources / "c.yml").write_text(record("Uncommitted paper", published="2010"), encoding="utf-8")
    dates.MEMORY.slot("git dates").clear()
    result = pipeline.build(project.settings)
    entries = check_atom(result.files["feeds/all.xml"])
    got = [(e.findtext(A + "title"), e.findtext(A + "updated")) for e in entries]
    assert got == [("Second paper", "2024-06-07T08:09:10Z"),
                   ("First paper", "2023-01-02T01:04:05Z"),  # renamed later: the first commit counts
                   ("Third paper", "2020-01-01T00:00:00Z"),  # its own `added` wins
                   ("Uncommitted paper", "2010-01-01T00:00:00Z")]  # not in git: published date


def test_rfc3339():
    assert dates.rfc3339("2015") == "2015-01-01T00:00:00Z"
    assert dates.rfc3339("2015-05-18") == "2015-05-18T00:00:00Z"
    assert dates.rfc3339("2023-01-02T03:04:05+02:00") == "2023-01-02T01:04:05Z"


def test_feed_text_is_escaped_and_links_can_be_absolute():
    from generator.model.collection import Collection
    from generator.model.papers import Paper
    from generator.model.taxonomy import Taxonomy, Topic

    p = Paper(id="x", title="A <b>bold</b> & \x01 title", abstract="Text with ]]> and <script>.", topic="t",
              authors=("Eve <eve@example.org>",))
    coll = Collection((p,), Taxonomy((Topic("t", "T & T", "d"),), ()), {})
    text = feeds.atom(coll, {"x": "2024-01-01T00:00:00Z"}, site_name="Site <1>", directory_urls=True,
                      site_url="https://example.org/atlas/")
    (entry,) = check_atom(text)
    assert entry.findtext(A + "title") == "A <b>bold</b> & \ufffd title"
    assert entry.findtext(A + "summary") == p.abstract
    assert entry.find(A + "link").get("href") == "https://example.org/atlas/papers/x/"
    assert ET.fromstring(text).find(A + "link").get("href") == "https://example.org/atlas/feeds/all.xml"


def test_a_feed_with_no_dated_paper_is_still_valid():
    from generator.model.collection import Collection
    from generator.model.papers import Paper
    from generator.model.taxonomy import Taxonomy, Topic

    coll = Collection((Paper(id="x", title="X", abstract="", topic="t"),), Taxonomy((Topic("t", "T", "d"),), ()), {})
    assert check_atom(feeds.atom(coll, {"x": None}, site_name="S", directory_urls=False)) == []


def test_the_git_date_cache_keeps_only_the_current_commit(tmp_path):
    """Under `mkdocs serve` the answers of an older HEAD are dropped, not kept for the life of the process."""
    def git(*args):
        env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
               "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
        subprocess.run(["git", "-C", str(tmp_path), *args], check=True, capture_output=True, env=env)

    (tmp_path / "a.yml").write_text("- title: A\n", encoding="utf-8")
    git("init", "-q")
    git("add", "a.yml")
    git("commit", "-q", "-m", "a")
    first = dates.git_added(tmp_path, ["a.yml"])
    (tmp_path / "b.yml").write_text("- title: B\n", encoding="utf-8")
    git("add", "b.yml")
    git("commit", "-q", "-m", "b")
    second = dates.git_added(tmp_path, ["a.yml", "b.yml"])
    assert second["a.yml"] == first["a.yml"] and second["b.yml"]
    assert [k for k in dates.MEMORY.slot("git dates") if k[0] == str(tmp_path)] == [(str(tmp_path), dates.history_key(tmp_path))]
