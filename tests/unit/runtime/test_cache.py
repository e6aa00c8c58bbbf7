"""generator/runtime/cache.py: what one build keeps for the next, and the memos of one process."""
from __future__ import annotations

from dataclasses import replace

import pytest

from generator import pipeline, records
from generator.model.papers import Paper
from generator.runtime import cache
from support.project import ROOT, make_site_project


def _papers(n: int) -> list[Paper]:
    return [Paper(id=f"p{i}", title=f"Paper {i}", abstract=f"Abstract {i}.", authors=(f"Author {i}",))
            for i in range(n)]


def test_paper_keys_of_a_list_changed_in_place_are_its_own():
    papers = _papers(3)
    first = dict(cache.paper_keys(papers))
    papers[1] = replace(papers[1], abstract="Another abstract.")
    again = cache.paper_keys(papers)
    assert again["p1"] != first["p1"]
    assert again == {p.id: cache._hash(p) for p in papers}
    assert {k: v for k, v in again.items() if k != "p1"} == {k: v for k, v in first.items() if k != "p1"}
    papers.append(replace(papers[0], id="p3"))
    assert set(cache.paper_keys(papers)) == {"p0", "p1", "p2", "p3"}


def test_paper_keys_of_the_same_papers_are_worked_out_once(monkeypatch):
    papers = tuple(_papers(4))
    keys = cache.paper_keys(papers)
    hashed: list = []
    real = cache._hash
    monkeypatch.setattr(cache, "_hash", lambda v: hashed.append(v) or real(v))
    assert cache.paper_keys(papers) is keys and cache.paper_keys(list(papers)) is keys
    assert hashed == []


# --- what a process keeps between builds: only under mkdocs serve -------------------

RECORDS = "".join(f"- title: Paper number {i} on segmentation\n  abstract: We segment images, study {i}.\n"
                  for i in range(12))


def _hook():
    """hooks/generate.py, loaded as MkDocs loads a hook (a module of its own)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("paper_atlas_generate_hook", ROOT / "hooks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def memory(monkeypatch):
    """The process-wide memos as a test found them (off), whatever the test turns on."""
    monkeypatch.setattr(cache.MEMORY, "keep", cache.MEMORY.keep)
    yield
    cache.MEMORY.entries.clear()
    cache.MEMORY.slot(cache.NORMALISED).clear()


def _edit(project, n: int) -> None:
    path = project.sources / "a.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("study 0.", f"study 0, edit {n}."), encoding="utf-8")


def _normalised(monkeypatch) -> list:
    calls: list = []
    real = records._normalise
    monkeypatch.setattr(records, "_normalise", lambda r: calls.append(r) or real(r))
    return calls


def test_a_one_shot_build_keeps_nothing_in_memory_after_it(tmp_path, memory, monkeypatch):
    project = make_site_project(tmp_path, {"a.yml": RECORDS}, site=False)
    _hook().on_startup(command="build", dirty=False)
    assert not cache.keeps_in_memory()
    pipeline.build(project.settings)
    assert cache.MEMORY.slot(cache.NORMALISED) == {} and cache.MEMORY.entries == {}
    assert (tmp_path / cache.FOLDER / "paper-atlas" / "sources.pickle").is_file()  # the next build still has .cache/
    calls = _normalised(monkeypatch)
    _edit(project, 1)
    pipeline.build(project.settings)
    assert len(calls) == 12 and cache.MEMORY.slot(cache.NORMALISED) == {} and cache.MEMORY.entries == {}


def test_under_serve_a_rebuild_reuses_the_last_builds_records_and_entries(tmp_path, memory, monkeypatch):
    project = make_site_project(tmp_path, {"a.yml": RECORDS}, site=False)
    _hook().on_startup(command="serve", dirty=True)
    assert cache.keeps_in_memory()
    first = pipeline.build(project.settings)
    assert len(cache.MEMORY.slot(cache.NORMALISED)) == 12 and ((str(tmp_path / cache.FOLDER / "paper-atlas"), "sources") in cache.MEMORY.entries)
    calls = _normalised(monkeypatch)
    monkeypatch.setattr(cache, "open", lambda *a, **k: (_ for _ in ()).throw(OSError("no disk")), raising=False)
    _edit(project, 1)
    again = pipeline.build(project.settings)
    assert [r.abstract for r in calls] == ["We segment images, study 0, edit 1."]
    assert again.collection.papers != first.collection.papers and len(again.collection.papers) == 12
    monkeypatch.undo()
    cache.keep_in_memory(False)
    assert cache.MEMORY.entries == {}


def test_a_save_that_fails_keeps_the_last_entry_and_leaves_no_temp_file(tmp_path, monkeypatch):
    cache.Cache(tmp_path).save("entry", {"kept": 1})
    real = cache.pickle.dump

    def disk_full(value, f, protocol=None):
        f.write(b"half an entry")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cache.pickle, "dump", disk_full)
    cache.Cache(tmp_path).save("entry", {"lost": 2})  # no error: the cache is only a shortcut
    monkeypatch.setattr(cache.pickle, "dump", real)
    folder = tmp_path / cache.FOLDER / "paper-atlas"
    assert [p.name for p in folder.iterdir()] == ["entry.pickle"]
    assert cache.Cache(tmp_path).load("entry") == {"kept": 1}
    (tmp_path / "blocked").write_text("a file where the folder would be", encoding="utf-8")
    cache.Cache(tmp_path / "blocked").save("entry", {"x": 1})
    assert cache.Cache(tmp_path / "blocked").load("entry") is None
