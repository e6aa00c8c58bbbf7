"""The golden project's generated docs/, compared whole, byte for byte (tests/support/golden.py)."""
from __future__ import annotations

from generator import pipeline
from generator.config import Settings
from support import golden


def test_the_golden_project_generates_exactly_its_committed_docs(tmp_path, update_golden):
    project = golden.project(tmp_path, site=False)
    pipeline.build(Settings.for_project(project.root, site_url=golden.SITE_URL))
    golden.compare(project.generated(), golden.EXPECTED / "docs", update_golden)


def test_a_changed_output_fails_with_the_way_to_update(tmp_path):
    folder = tmp_path / "expected"
    (folder / "papers").mkdir(parents=True)
    (folder / "papers" / "a.md").write_bytes(b"# A\nold line\n")
    (folder / "gone.md").write_bytes(b"x")
    try:
        golden.compare({"papers/a.md": b"# A\nnew line\n", "new.md": b"y"}, folder, update=False)
    except AssertionError as exc:
        message = str(exc)
    else:
        raise AssertionError("a changed output passed")
    assert "changed: 1 ['papers/a.md']" in message and "['gone.md']" in message and "['new.md']" in message
    assert "-old line" in message and "+new line" in message and golden.UPDATE in message
    golden.compare({"papers/a.md": b"new\n"}, folder, update=True)
    assert sorted(p.name for p in folder.rglob("*") if p.is_file()) == ["a.md"]
    golden.compare({"papers/a.md": b"new\n"}, folder, update=False)
