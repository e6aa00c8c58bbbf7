"""A ``generator site`` killed at any moment leaves ``site/`` the old site or the new one, and the
next build equals a clean build.

The build runs in its own process group from a small script that patches one call to SIGKILL the
whole group (the main process, its generation worker and its MkDocs shards) at a chosen moment:
while the generator writes docs/, while shard 0 or shard 1 writes its pages, while the merge moves
the shards' files, and just before and just after the final swap (``output.replace_tree``). After
each kill ``site/`` must be byte for byte the site of corpus A or the site of corpus B; then a
build with no flag must give exactly a clean build's site of B.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from support.project import ROOT, Project, make_site_project, write_sources
from test_interrupt import _given, corpus

_KILLER = r"""
import os, signal, sys
point, n = sys.argv[1], int(sys.argv[2])
state = {"count": 0}

def hit():
    state["count"] += 1
    return state["count"] == n

def die():
    os.killpg(os.getpgid(0), signal.SIGKILL)

if point == "generate":  # a page of docs/ complete in its temp file, not renamed yet
    real_replace = os.replace
    def replace(src, dst, *args, **kwargs):
        if os.path.basename(str(src)).startswith(".tmp-") and f"{os.sep}docs{os.sep}" in str(dst) and hit():
            die()
        return real_replace(src, dst, *args, **kwargs)
    os.replace = replace
elif point.startswith("shard"):  # a shard's MkDocs writes its pages
    import mkdocs.utils
    folder = f"-shards{os.sep}{point[-1]}{os.sep}"
    real_write = mkdocs.utils.write_file
    def write_file(content, path):
        if folder in str(path) and hit():
            die()
        return real_write(content, path)
    mkdocs.utils.write_file = write_file
elif point == "dirty":  # a dirty rebuild writes its pages into the hard-linked copy of site/
    import mkdocs.utils
    real_write = mkdocs.utils.write_file
    def write_file(content, path):
        if f"-new{os.sep}" in str(path) and hit():
            die()
        return real_write(content, path)
    mkdocs.utils.write_file = write_file
elif point == "merge":  # the shards' files moved into the new site
    real_replace = os.replace
    def replace(src, dst, *args, **kwargs):
        if "-shards" in str(src) and hit():
            die()
        return real_replace(src, dst, *args, **kwargs)
    os.replace = replace
elif point in ("swap-before", "swap-after"):
    from generator.runtime import output
    real_exchange = output._exchange
    def exchange(a, b):
        if point == "swap-before":
            die()
        done = real_exchange(a, b)
        die()
        return done
    output._exchange = exchange
from generator.cli import main
sys.exit(main(sys.argv[3:]))
"""


def site_of(project: Project) -> dict[str, bytes]:
    return _files(project.site)


def _files(folder: Path) -> dict[str, bytes]:
    if not folder.is_dir():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def site_build(project: Project, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(project.root), "site", "--jobs", "2", *args],
                          cwd=ROOT, env=project.env(), capture_output=True, text=True, timeout=900)


def killed_site_build(project: Project, point: str, n: int) -> subprocess.CompletedProcess:
    out = subprocess.run([sys.executable, "-c", _KILLER, point, str(n), "--root", str(project.root), "site", "--jobs", "2"],
                         cwd=ROOT, env=project.env(), capture_output=True, text=True, timeout=900, start_new_session=True)
    assert out.returncode == -signal.SIGKILL, f"not killed at {point} #{n} (exit {out.returncode}):\n{out.stderr[-2000:]}"
    return out


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """A project whose site/ was built from corpus A and whose sources are now B; both sites."""
    base = tmp_path_factory.mktemp("swap")
    template = make_site_project(base / "template", corpus(60, "A"))
    out = site_build(template)
    assert out.returncode == 0, out.stderr[-3000:]
    old = site_of(template)
    # A clean build of B given the ledger A published (issue 25), as the rebuild reads it from docs/.
    reference = make_site_project(base / "clean", corpus(60, "B"))
    assert site_build(reference, *_given(template)).returncode == 0
    new = site_of(reference)
    for name in list(template.sources.iterdir()):
        name.unlink()
    write_sources(template.root, corpus(60, "B"))
    assert old != new and len(new) > 100
    return template, old, new


@pytest.mark.parametrize("point,n", [("generate", 20), ("shard0", 10), ("shard1", 10), ("merge", 30),
                                     ("swap-before", 1), ("swap-after", 1)])
def test_site_is_the_old_or_the_new_after_a_kill_and_the_next_build_is_clean(sites, tmp_path, point, n):
    template, old, new = sites
    project = Project(tmp_path / "p")
    shutil.copytree(template.root, project.root, symlinks=True)
    killed_site_build(project, point, n)
    now = site_of(project)
    assert now in (old, new), f"{point}: site/ is neither the old site nor the new one " \
                              f"({len(now)} files; {sum(now.get(k) != v for k, v in new.items())} differ from the new)"
    if point == "swap-after":
        assert now == new
    elif point != "generate":
        assert now == old
    out = site_build(project)
    assert out.returncode == 0, out.stderr[-3000:]
    assert site_of(project) == new
    assert sorted(p.name for p in project.root.iterdir() if p.name.startswith(".site")) == []


def test_a_dirty_rebuild_killed_while_it_writes_leaves_the_old_site_and_its_files_unwritten(tmp_path):
    """After an edit, ``generator site`` rebuilds the changed pages in a copy of site/ whose files are
    hard links of the published ones: killed while MkDocs writes, site/ is the old site, and no
    published file was written in place (a second name for each shows the same bytes)."""
    from generator.runtime import output

    project = make_site_project(tmp_path / "p", corpus(40, "A"))
    assert site_build(project).returncode == 0
    old = site_of(project)
    published = tmp_path / "published"
    output.link_tree(project.site, published)
    part = project.sources / "part-0.txt"
    part.write_text(part.read_text(encoding="utf-8").replace("in setting A.", "in an edited setting A.", 1),
                    encoding="utf-8")
    killed_site_build(project, "dirty", 2)
    assert site_of(project) == old
    assert _files(published) == old
    out = site_build(project)  # a whole build: the killed one left site/ no base for a dirty one
    assert out.returncode == 0, out.stderr[-3000:]
    now = site_of(project)
    assert now != old and any(b"an edited setting A" in data for data in now.values())
    assert _files(published) == old
    assert sorted(p.name for p in project.root.iterdir() if p.name.startswith(".site")) == []


def test_the_fallback_swap_puts_the_old_site_back_after_a_kill_between_its_renames(tmp_path):
    """Without renameat2 the old folder goes aside, then the new one in: a kill between the two
    leaves no site/, and the next build (output.recover_tree) puts the old one back first."""
    from generator.runtime import output

    site, new = tmp_path / "site", tmp_path / ".site-new"
    site.mkdir()
    (site / "index.html").write_text("old")
    os.rename(site, output.aside(site))  # as the fallback does first; the kill comes here
    assert not site.exists()
    output.recover_tree(site)
    assert (site / "index.html").read_text() == "old" and not output.aside(site).exists()
    new.mkdir()
    (new / "index.html").write_text("new")
    output.replace_tree(new, site)
    assert (site / "index.html").read_text() == "new" and not new.exists()


def test_replace_tree_exchanges_in_one_step(tmp_path):
    from generator.runtime import output

    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "f").write_text("a")
    (b / "f").write_text("b")
    assert output._exchange(a, b)  # Linux: renameat2(RENAME_EXCHANGE)
    assert (a / "f").read_text() == "b" and (b / "f").read_text() == "a"
