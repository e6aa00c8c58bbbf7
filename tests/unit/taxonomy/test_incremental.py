"""Rebuilds after an edit: the source cache is exact, the related lists and the topics
and tags follow the rules of generator/taxonomy/incremental.py, and a forced build ignores the cache."""
from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from generator import pipeline, sources, taxonomy
from generator.runtime.cache import Cache
from generator.taxonomy import incremental
from support.project import make_site_project, realistic_sources

_RELATED = re.compile(r'<div class="pa-list pa-related">.*?</div>', re.S)
EDITED = "study 0 on"


def _edit(project, words: str) -> str:
    """Add ``words`` to the abstract of the first record; the edited paper's page path."""
    src = sorted(project.sources.glob("*.yml"))[0]
    text = src.read_text(encoding="utf-8")
    needle = "abstract: 'We present " + EDITED
    assert needle in text
    src.write_text(text.replace(needle, f"{needle} {words}", 1), encoding="utf-8")
    import json

    catalog = json.loads((project.docs / "papers.json").read_text(encoding="utf-8"))
    paper = next(p for p in catalog if ("We present " + EDITED) in p["abstract"])
    return f"papers/{paper['id']}.md"


def _related(page: bytes) -> str:
    found = _RELATED.search(page.decode("utf-8"))
    return found.group(0) if found else ""


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """(before the edit, the rebuild after it, a forced full build of the same sources, edited page)."""
    project = make_site_project(tmp_path_factory.mktemp("incremental"), realistic_sources(240), site=False)
    assert (out := project.generator("build")).returncode == 0, out.stderr
    before = project.generated()
    edited = _edit(project, "graph neural networks for molecules, proteins and protein folding with attention")
    assert (out := project.generator("build")).returncode == 0, out.stderr
    rebuilt = project.generated()
    assert (out := project.generator("build", "--force")).returncode == 0, out.stderr
    return before, rebuilt, project.generated(), edited, project


def test_a_rebuild_differs_from_a_full_build_only_in_related_lists_the_rule_keeps(builds):
    before, rebuilt, full, edited, _ = builds
    assert sorted(rebuilt) == sorted(full)
    differ = [p for p in full if rebuilt[p] != full[p]]
    # The full computation moved other lists; the rebuild kept them (test would prove nothing otherwise).
    assert differ, "the edit moved no other related list: pick a bigger edit"
    for path in differ:
        assert path.startswith("papers/") and path != edited
        assert _RELATED.sub("", rebuilt[path].decode()) == _RELATED.sub("", full[path].decode())
        assert _related(rebuilt[path]) == _related(before[path])  # kept from the last build
    # Recomputed as in a full build: the edited paper's list, and every list it is in or was in.
    name = edited.split("/")[1][:-3]
    assert rebuilt[edited] == full[edited]
    for path in full:
        if path.startswith("papers/") and (f"/{name}/" in _related(before[path]) or f"/{name}/" in _related(full[path])):
            assert rebuilt[path] == full[path], path


def test_a_rebuild_rewrites_fewer_paper_pages_than_a_full_recomputation(builds):
    before, rebuilt, full, edited, _ = builds
    moved_rebuild = {p for p in before if p.startswith("papers/") and before[p] != rebuilt[p]}
    moved_full = {p for p in before if p.startswith("papers/") and before[p] != full[p]}
    assert edited in moved_rebuild
    assert len(moved_rebuild) < len(moved_full)


def test_a_forced_build_and_a_broken_cache_give_the_full_build(builds, tmp_path):
    *_, full, _edited, project = builds
    for entry in (project.root / ".cache" / "paper-atlas").glob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    (project.docs / pipeline.STAMP).unlink()
    assert (out := project.generator("build")).returncode == 0, out.stderr
    assert project.generated() == full
    shutil.rmtree(project.root / ".cache")
    (project.docs / pipeline.STAMP).unlink()
    assert (out := project.generator("build")).returncode == 0, out.stderr
    assert project.generated() == full


def test_only_the_edited_source_file_is_read_again(tmp_path, monkeypatch):
    project = make_site_project(tmp_path, realistic_sources(130), site=False)
    files = sorted(p.name for p in project.sources.iterdir())
    assert len(files) >= 2
    cache = Cache(project.root)
    first = pipeline.read_sources(project.settings, cache)
    read: list[str] = []
    real = sources.read_source
    monkeypatch.setattr(sources, "read_source", lambda path, data, *a: read.append(path) or real(path, data, *a))
    target = project.sources / files[0]
    target.write_text(target.read_text(encoding="utf-8").replace("abstract: 'We present", "abstract: 'Edited. We present", 1), encoding="utf-8")
    again = pipeline.read_sources(project.settings, Cache(project.root))
    assert read == [f"data/sources/{files[0]}"]
    assert again[1] == first[1]
    fresh = pipeline.read_sources(project.settings, Cache(None))
    assert again == fresh and again != first


@pytest.fixture(scope="module")
def tagged(tmp_path_factory):
    """The papers and taxonomy of 240 realistic records, and a cache holding their assignment."""
    project = make_site_project(tmp_path_factory.mktemp("tagging"), realistic_sources(240), site=False)
    papers, _, _ = pipeline.read_papers(project.settings)
    tax, topic_of, _ = pipeline.load_taxonomy(project.settings, papers)
    first = incremental.assign(Cache(project.root), papers, tax, topic_of)
    return project.root, papers, tax, first


def _by_id(papers):
    return {p.id: (p.topic, p.tags) for p in papers}


def test_a_rebuild_matches_only_the_changed_paper_with_the_kept_tags(tagged, tmp_path):
    fixture_root, papers, tax, (first, first_names, _) = tagged
    root = tmp_path
    shutil.copytree(fixture_root / ".cache", root / ".cache")  # the fixture's cache stays as the first build left it
    kept = Cache(root).load("taxonomy")["kept"]
    # One abstract rewritten to another paper's text: it should get that paper's tags.
    edited = [replace(papers[0], abstract=papers[7].abstract, title=papers[7].title + " again"), *papers[1:]]
    out, names, _ = incremental.assign(Cache(root), edited, tax, None)
    assert _by_id(out)[papers[0].id] != _by_id(first)[papers[0].id]
    assert {i: v for i, v in _by_id(out).items() if i != papers[0].id} == \
           {i: v for i, v in _by_id(first).items() if i != papers[0].id}
    # The edited paper: what a build with the kept vocabulary that matches every paper gives.
    everything, all_names, _, _ = taxonomy.assign_keeping(edited, tax, None, kept, frozenset())
    assert out == everything and names == all_names
    # With no cache (a forced build) the vocabulary is the collection's own: taxonomy.assign.
    assert incremental.assign(Cache(None), edited, tax, None)[:2] == taxonomy.assign(edited, tax)[:2]


def _phrases(root: Path) -> set[str]:
    return {t.name.casefold() for t in Cache(root).load("taxonomy")["kept"].phrases}


def test_changes_to_more_papers_than_the_drift_limit_recompute_everything(tagged, tmp_path):
    root, papers, tax, (first, _, _) = tagged
    many = max(incremental.DRIFT_MIN, int(incremental.DRIFT_LIMIT * len(papers))) + 1
    # A new phrase in four papers of one topic (a phrase tag of a full build), a small edit to the rest.
    topic = _by_id(first)[papers[0].id][0]
    carriers = [p.id for p in first if p.topic == topic][:4]
    assert len(carriers) == 4
    ids = carriers + [p.id for p in papers if p.id not in carriers][:many - 4]
    edit = {i: (" Zorbic lattice flows." if i in carriers else " Revised.") for i in ids}
    edited = [replace(p, abstract=p.abstract + edit[p.id]) if p.id in edit else p for p in papers]
    full = taxonomy.assign(edited, tax)
    assert "zorbic lattice flows" in {t.name.casefold() for t in taxonomy.assign_keeping(edited, tax)[3].phrases}
    fewer = [p if p.id != ids[-1] else papers[n] for n, p in enumerate(edited)]
    for changed, recomputed in ((edited, True), (fewer, False)):
        where = tmp_path / str(recomputed)  # a folder each: the cache keeps loaded entries in memory
        shutil.copytree(root / ".cache", where / ".cache")
        out = incremental.assign(Cache(where), changed, tax, None)
        # One paper fewer changed, and the kept vocabulary stays.
        assert ("zorbic lattice flows" in _phrases(where)) is recomputed
        if recomputed:
            assert out[:2] == full[:2]
        else:
            assert _phrases(where) == _phrases(root)


def test_the_search_index_from_kept_terms_is_the_index_of_the_edited_collection(tagged, tmp_path):
    from generator.model.collection import Collection
    from generator.site import search

    _, papers, tax, (first, names, _) = tagged
    assert search.build(Collection(tuple(first), tax, names), cache=Cache(tmp_path))
    edited = [replace(first[0], abstract=first[0].abstract + " Zorbic lattice flows."), *first[1:]]
    collection = Collection(tuple(edited), tax, names)
    again = search.build(collection, cache=Cache(tmp_path))
    assert len(Cache(tmp_path).load("search-terms")[1]) == len(papers)  # a Memo entry: (salt, terms by key)
    assert again == search.build(collection) and "zorbic" in "".join(again.values())


def test_a_long_lived_process_normalises_only_changed_records(tmp_path, monkeypatch):
    from generator import records
    from generator.runtime import cache as cache_module

    monkeypatch.setattr(cache_module.MEMORY, "keep", True)  # as the hook under mkdocs serve says (tests/unit/runtime/test_cache.py)
    project = make_site_project(tmp_path, realistic_sources(60), site=False)
    raw, _, _ = pipeline.read_sources(project.settings)
    first = records.build_papers(raw)
    calls: list = []
    real = records._normalise
    monkeypatch.setattr(records, "_normalise", lambda r: calls.append(r) or real(r))
    edited = [replace(raw[0], abstract=raw[0].abstract + " Edited."), *raw[1:]]
    again = records.build_papers(edited)
    assert calls == [edited[0]]
    cache_module.MEMORY.slot(cache_module.NORMALISED).clear()
    assert again == records.build_papers(edited) and again != first and len(calls) == 1 + len(raw)
    cache_module.MEMORY.slot(cache_module.NORMALISED).clear()


def test_preloaded_entries_are_served_from_memory(tmp_path, monkeypatch):
    from generator.runtime import cache as cache_module

    monkeypatch.setattr(cache_module.MEMORY, "keep", True)  # as the hook under mkdocs serve says (tests/unit/runtime/test_cache.py)
    Cache(tmp_path).save("one", {"a": 1})
    Cache(tmp_path).save("two", [2])
    cache_module.MEMORY.entries.clear()
    Cache(tmp_path).preload()
    monkeypatch.setattr(cache_module, "open", lambda *a, **k: (_ for _ in ()).throw(OSError("no disk")), raising=False)
    assert Cache(tmp_path).load("one") == {"a": 1} and Cache(tmp_path).load("two") == [2]
    assert Cache(tmp_path).load("three") is None
    assert Cache(tmp_path, fresh=True).load("one") is None
    cache_module.MEMORY.entries.clear()
