"""Builds that cannot read their sources, that would publish nothing, or that run twice at once.

* An unreadable ``data/sources/`` (here a link to itself: what a failed checkout or a permissions
  mistake gives even to root) or an unreadable file in it is an error naming it: ``check``, ``build``
  and ``site`` exit non-zero, and ``docs/`` and ``site/`` are exactly as they were.
* Sources that hold no paper are an error unless ``--allow-empty`` (or ``extra: {allow_empty: true}``).
* A second build of one checkout waits for the first, after saying which build is running and since when.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from support.project import ROOT, Project, make_site_project

SOURCES = {"papers.yml": "- title: A paper on graphs\n  abstract: We study graphs. They are everywhere.\n"
                         "- title: A paper on speech\n  abstract: We study speech. It is everywhere.\n"}


def tree(folder) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = make_site_project(tmp_path_factory.mktemp("safety"), SOURCES)
    out = project.generator("site", "--jobs", "1")
    assert out.returncode == 0, out.stderr[-3000:]
    return project


def _broken(project: Project, how: str) -> None:
    sources = project.sources
    if how == "folder":  # a link to itself: listing it fails (ELOOP), whoever runs the build
        for p in sources.iterdir():
            p.unlink()
        sources.rmdir()
        sources.symlink_to(sources.name)
    elif how == "file":
        (sources / "papers.yml").unlink()
        (sources / "papers.yml").symlink_to("papers.yml")
    elif how == "empty":
        for p in sources.iterdir():
            p.unlink()


@pytest.mark.parametrize("how", ["folder", "file", "empty"])
def test_unreadable_or_empty_sources_fail_and_leave_docs_and_site_alone(built, tmp_path, how):
    import shutil

    project = Project(tmp_path / "p")
    shutil.copytree(built.root, project.root, symlinks=True)
    docs, site = tree(project.docs), tree(project.site)
    _broken(project, how)
    for command in (["check"], ["build"], ["build", "--force"], ["site", "--jobs", "1"]):
        out = project.generator(*command)
        assert out.returncode == 1, (command, out.stdout, out.stderr)
        said = out.stdout + out.stderr
        assert "Traceback" not in said
        if how == "empty":
            assert "data/sources: error: the sources hold no papers" in said, said
        else:
            assert "data/sources" in said and ("cannot be read" in said), said
    assert tree(project.docs) == docs and tree(project.site) == site
    if how == "empty":  # asked for: an empty site is built
        out = project.generator("site", "--jobs", "1", "--allow-empty")
        assert out.returncode == 0, out.stderr[-2000:]
        assert not list((project.docs / "papers").glob("*.md"))


def test_a_second_build_waits_for_the_first_and_says_which_is_running(built, tmp_path):
    import shutil

    from generator.runtime.output import BuildLock

    project = Project(tmp_path / "p")
    shutil.copytree(built.root, project.root, symlinks=True)
    with BuildLock(project.root, "a test holding the checkout", say=print):
        # Through a shell: a process the holder starts itself counts as part of its build.
        command = f"'{sys.executable}' -m generator --root '{project.root}' build --force; exit $?"
        second = subprocess.Popen(["sh", "-c", command], cwd=ROOT, env=project.env(),
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        said = second.stderr.readline()  # the lock is held until the second build has said why it waits
        assert second.poll() is None, said
    out, err = second.communicate(timeout=300)
    assert second.returncode == 0, err[-2000:]
    assert said.startswith(f"another build is running in this checkout (pid {os.getpid()}: a test holding the "
                           "checkout, since "), said
    assert said.rstrip().endswith("waiting for it to end")


def test_two_site_builds_at_once_both_succeed_one_after_the_other(built, tmp_path):
    import shutil

    project = Project(tmp_path / "p")
    shutil.copytree(built.root, project.root, symlinks=True)
    cmd = [sys.executable, "-m", "generator", "--root", str(project.root), "site", "--jobs", "2", "--force"]
    first = subprocess.Popen(cmd, cwd=ROOT, env=project.env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1)
    second = subprocess.run(cmd, cwd=ROOT, env=project.env(), capture_output=True, text=True, timeout=900)
    out, err = first.communicate(timeout=900)
    assert first.returncode == 0, err[-2000:]
    assert second.returncode == 0, second.stderr[-2000:]
    assert "another build is running in this checkout" in second.stderr + err
    assert "pass the shards' folders in order" not in second.stderr + err
    assert tree(project.site) == tree(built.site)


def test_a_lone_surrogate_is_a_warning_in_check_and_no_failure_in_site(tmp_path):
    """The issue's case: check reported nothing, then site died writing the citation downloads."""
    csl = ('[{"id": "k", "type": "article-journal", "title": "CSL \\ud800 title", "abstract": "An abstract \\udfff.",'
           ' "issued": {"date-parts": [[2021]]}}]\n')
    project = make_site_project(tmp_path, {"papers.yml": '- title: "YAML \\uD800 title"\n  abstract: "A paper. Two."\n',
                                           "csl.json": csl})
    check = project.generator("check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "data/sources/papers.yml:1: warning: 'title' holds a lone surrogate" in check.stdout
    assert "data/sources/csl.json:1: warning: 'title' holds a lone surrogate" in check.stdout
    assert "data/sources/csl.json:1: warning: 'abstract' holds a lone surrogate" in check.stdout
    site = project.generator("site", "--jobs", "1")
    assert site.returncode == 0 and "Traceback" not in site.stderr, site.stderr[-3000:]
    pages = [p.read_text(encoding="utf-8") for p in (project.site / "papers").glob("*/index.html")]
    assert sum("YAML \ufffd title" in p or "CSL \ufffd title" in p for p in pages) == 2
    assert list((project.site / "downloads").rglob("*"))
