"""The golden project built whole (tests/support/golden.py): a few pages compared byte for byte
with the committed ones, and the same site from ProperDocs as from MkDocs."""
from __future__ import annotations

from pathlib import Path

import pytest

from support import golden

#: A fixed build time: MkDocs writes it into the sitemap.
EPOCH = {"SOURCE_DATE_EPOCH": "1767225600"}


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = golden.project(tmp_path_factory.mktemp("golden"), site=True)
    out = project.mkdocs_build(SITE_URL=golden.SITE_URL, **EPOCH)
    assert out.returncode == 0, out.stderr
    return project


def test_the_golden_pages_are_built_exactly_as_committed(built, update_golden):
    golden.compare({page: (built.site / page).read_bytes() for page in golden.PAGES},
                   golden.EXPECTED / "site", update_golden)


def test_the_mkdocs_build_generates_the_golden_docs(built, update_golden):
    """The hook's build gives the same docs/ as the generator run alone (tests/unit/test_golden.py)."""
    golden.compare(built.generated(), golden.EXPECTED / "docs", update_golden)


def test_properdocs_builds_the_same_site_as_mkdocs(built):
    """ProperDocs (requirements-dev.txt) runs Material and the hook: the same bytes as MkDocs."""
    other = built.root / "site-properdocs"
    out = built.mkdocs_build(other, renderer="properdocs", SITE_URL=golden.SITE_URL, **EPOCH)
    assert out.returncode == 0, out.stderr
    mkdocs, properdocs = _tree(built.site), _tree(other)
    assert sorted(properdocs) == sorted(mkdocs)
    assert [p for p in mkdocs if mkdocs[p] != properdocs[p]] == []
