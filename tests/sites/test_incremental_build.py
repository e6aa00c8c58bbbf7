"""``python -m generator site`` after an edit rebuilds only the pages that changed
(MkDocs' dirty build into the site folder it made), and the site it leaves is
byte for byte the site a from-scratch ``mkdocs build`` makes of the same docs/."""
from __future__ import annotations

import pytest
from test_shards import EPOCH, _tree

from support.project import make_site_project, realistic_sources


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    project = make_site_project(tmp_path_factory.mktemp("dirty-site"), realistic_sources(120))
    out = project.generator("site", **EPOCH)
    assert out.returncode == 0, out.stderr
    assert "shards: " in out.stdout  # the first build is a whole (sharded) one
    return project


def _from_scratch(project, name: str) -> dict[str, bytes]:
    out = project.mkdocs_build(project.root / name, **EPOCH)
    assert out.returncode == 0, out.stderr
    return _tree(project.root / name)


def _rebuild(project) -> str:
    out = project.generator("site", **EPOCH)
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_an_edited_record_rebuilds_its_pages_only_and_the_site_equals_a_clean_build(project, tmp_path):
    from generator.runtime import output

    before = _tree(project.site)
    # The published files themselves, by a second name: a rebuild that wrote into them (through
    # the hard-linked copy it builds in) would change these.
    published = tmp_path / "published"
    output.link_tree(project.site, published)
    src = sorted(project.sources.glob("*.yml"))[0]
    text = src.read_text(encoding="utf-8")
    src.write_text(text.replace("title: '", "title: 'Edited: ", 1), encoding="utf-8")
    out = _rebuild(project)
    assert "shards: " not in out  # one dirty build, not every page
    after = _tree(project.site)
    assert after == _from_scratch(project, "clean-1")
    changed = [p for p in after if before.get(p) != after[p]]
    assert any(p.startswith("papers/") for p in changed)
    assert len([p for p in changed if p.endswith(".html")]) < len([p for p in after if p.endswith(".html")]) / 4
    assert _tree(published) == before


def test_a_removed_record_leaves_no_page_behind(project):
    src = sorted(project.sources.glob("*.yml"))[0]
    text = src.read_text(encoding="utf-8")
    first, rest = text.split("\n- ", 1)[0], text.split("\n- ", 2)[2]
    src.write_text(first + "\n- " + rest, encoding="utf-8")
    _rebuild(project)
    assert _tree(project.site) == _from_scratch(project, "clean-2")


def test_a_changed_theme_override_rebuilds_every_page(project):
    css = project.root / "overrides" / "main.html"
    css.write_text(css.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    out = _rebuild(project)
    assert "shards: " in out
    assert _tree(project.site) == _from_scratch(project, "clean-3")
