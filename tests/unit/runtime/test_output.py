"""The outputs collection: one producer per path, and a collision names both; files kept as bytes."""
from __future__ import annotations

import sys

import pytest

from generator.errors import GeneratorError
from generator.runtime.output import OutputCollision, Outputs, write_tree


def test_a_second_write_to_a_path_names_both_producers():
    files = Outputs()
    files.add("topics/index.md", "one", "the page of topic 'index'")
    with pytest.raises(OutputCollision) as caught:
        files.add("topics/index.md", "two", "the list of topics")
    assert isinstance(caught.value, GeneratorError)  # reported like any error, without a traceback
    assert str(caught.value.problems[0]) == (
        "docs/topics/index.md: error: both the page of topic 'index' and the list of topics would be written to "
        "this path; one of them would be lost (rename one of the two)")
    assert files["topics/index.md"] == "one" and len(files) == 1


def test_update_keeps_each_files_producer():
    pages = Outputs({"a.md": "A"}, "the pages")
    feeds = Outputs({"feeds/all.xml": "F"}, "the feeds")
    everything = Outputs()
    everything.update(pages)
    everything.update(feeds)
    everything.update({"search-index/manifest.json": "{}"}, "the search index")
    assert dict(everything) == {"a.md": "A", "feeds/all.xml": "F", "search-index/manifest.json": "{}"}
    assert [everything.producer(p) for p in everything] == ["the pages", "the feeds", "the search index"]
    with pytest.raises(OutputCollision, match="both the feeds and the downloads"):
        everything.update({"feeds/all.xml": "again"}, "the downloads")


def test_files_are_held_as_utf8_bytes_and_written_as_given(tmp_path):
    # One character beyond Latin-1 would make a Python string of the page two bytes a
    # character: a build holds every page until it writes them, so they are kept as bytes.
    page = "---\ntitle: Cuts\n---\n\nBy Ana Marić · 3–5 μm\n" + "x" * 5000
    files = Outputs()
    files.add("papers/a.md", page, "the page of paper 'a'")
    files.add("papers/b.md", page.encode("utf-8"), "the page of paper 'b'")
    assert files.data("papers/a.md") == page.encode("utf-8") == files.data("papers/b.md")
    assert files["papers/a.md"] == page == files["papers/b.md"]
    assert sys.getsizeof(files.data("papers/a.md")) < 1.1 * len(page) < sys.getsizeof(page) / 1.8
    copy = Outputs()
    copy.update(files)
    assert copy.data("papers/b.md") is files.data("papers/b.md")  # moved, not re-encoded
    write_tree(tmp_path, copy, ("papers/",))
    assert (tmp_path / "papers" / "a.md").read_bytes() == page.encode("utf-8")
    assert (tmp_path / "papers" / "b.md").read_text(encoding="utf-8") == page


def test_prune_removes_what_is_not_kept_and_the_folders_it_empties(tmp_path):
    from generator.runtime.output import prune

    for rel in ("papers/a.md", "papers/old/b.md", "papers/old/deeper/c.md", "papers/kept/d.md", "other.md"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(rel, encoding="utf-8")
    removed = prune(tmp_path, tmp_path / "papers", {"papers/a.md", "papers/kept/d.md", "other.md"})
    assert sorted(removed) == ["papers/old/b.md", "papers/old/deeper/c.md"]
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == [
        "other.md", "papers", "papers/a.md", "papers/kept", "papers/kept/d.md"]
    assert sorted(prune(tmp_path, tmp_path / "papers", set())) == ["papers/a.md", "papers/kept/d.md"]
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == ["other.md", "papers"]


def test_link_tree_makes_a_copy_of_hard_links_and_brings_an_old_copy_up_to_date(tmp_path):
    """The staging copy of a dirty rebuild: every file a hard link of the site's (same inode, same
    time); a copy left from the last rebuild keeps the links that are still the site's, links the
    files that changed anew, and loses what the site no longer has."""
    import os

    from generator.runtime.output import link_tree, replace_tree

    site, copy = tmp_path / "site", tmp_path / ".site-new"
    for rel in ("index.html", "papers/a/index.html", "papers/b/index.html", "assets/x.css"):
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(rel, encoding="utf-8")

    def tree(folder):
        return {p.relative_to(folder).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
                for p in sorted(folder.rglob("*")) if p.is_file()}

    link_tree(site, copy)
    assert tree(copy) == tree(site)
    # A rebuild replaces one page, removes one, adds one; the old site is kept as the next copy.
    os.unlink(copy / "papers/a/index.html")
    (copy / "papers/a/index.html").write_text("new a", encoding="utf-8")
    (copy / "papers/b/index.html").unlink()
    (copy / "papers/b").rmdir()
    (copy / "papers/c").mkdir()
    (copy / "papers/c/index.html").write_text("c", encoding="utf-8")
    replace_tree(copy, site, keep_old=True)
    assert (site / "papers/a/index.html").read_text(encoding="utf-8") == "new a"
    assert (copy / "papers/a/index.html").read_text(encoding="utf-8") == "papers/a/index.html"  # the old site
    kept = (copy / "index.html").stat().st_ino
    link_tree(site, copy)
    assert tree(copy) == tree(site) and (copy / "index.html").stat().st_ino == kept
    assert sorted(p.relative_to(copy).as_posix() for p in copy.rglob("*")) == [
        "assets", "assets/x.css", "index.html", "papers", "papers/a", "papers/a/index.html", "papers/c",
        "papers/c/index.html"]
