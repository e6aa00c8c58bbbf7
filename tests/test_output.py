"""The outputs collection: one producer per path, and a collision names both."""
from __future__ import annotations

import pytest

from generator.errors import GeneratorError
from generator.output import OutputCollision, Outputs


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
