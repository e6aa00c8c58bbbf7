"""The whole generator on small projects: errors together, determinism, writes."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator import pipeline
from generator.config import Settings
from generator.errors import GeneratorError
from support.project import ROOT, make_project

GOOD = """- title: Deep Sets
  abstract: We study functions on sets, invariant to permutation of their elements, with graph neural networks.
  authors: [Manzil Zaheer]
- title: U-Net for segmentation
  abstract: We propose U-Net, a convolutional network for biomedical image segmentation with little data.
"""


def run_cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(tmp_path), *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_build_writes_pages_and_catalog(tmp_path):
    settings = make_project(tmp_path, {"a.yml": GOOD})
    result = pipeline.build(settings)
    docs = tmp_path / "docs"
    assert (docs / "papers" / "deep-sets.md").exists()
    assert (docs / "papers.json").exists() and (docs / "index.md").exists()
    assert any(p.startswith("topics/") for p in result.files) and any(p.startswith("tags/") for p in result.files)


def test_all_errors_of_a_run_are_reported_together_without_traceback(tmp_path):
    make_project(tmp_path, {
        "a.yml": "- title: [unclosed\n",
        "b.yml": "- authors: [Nobody]\n",
        "c.bin": "\x00\x00",
        "d.txt": "",
        "ok.yml": GOOD,
    })
    out = run_cli(tmp_path, "check")
    assert out.returncode == 1
    assert "Traceback" not in out.stdout + out.stderr
    for needle in ("data/sources/a.yml:1", "data/sources/b.yml:1: error", "data/sources/c.bin", "3 errors"):
        assert needle in out.stdout
    build = run_cli(tmp_path, "build")
    assert build.returncode == 1 and "3 errors in the sources" in build.stderr and "Traceback" not in build.stderr
    assert not (tmp_path / "docs" / "papers").exists()  # nothing written when there are errors


def test_check_is_clean_on_good_sources(tmp_path):
    make_project(tmp_path, {"a.yml": GOOD})
    out = run_cli(tmp_path, "check")
    assert out.returncode == 0, out.stdout
    assert "0 errors" in out.stdout


def test_two_builds_are_byte_identical_whatever_the_hash_seed(tmp_path):
    make_project(tmp_path, {"a.yml": GOOD})
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        shutil.rmtree(tmp_path / "docs", ignore_errors=True)
        subprocess.run([sys.executable, "-m", "generator", "--root", str(tmp_path), "build"],
                       check=True, env=env, cwd=ROOT, capture_output=True)
        outputs.append({p.relative_to(tmp_path).as_posix(): p.read_bytes()
                        for p in sorted((tmp_path / "docs").rglob("*")) if p.is_file()})
    assert outputs[0] == outputs[1]


def test_only_changed_files_are_rewritten_and_stale_pages_removed(tmp_path):
    settings = make_project(tmp_path, {"a.yml": GOOD})
    first = pipeline.build(settings)
    assert first.stats.written and not first.stats.removed
    again = pipeline.build(settings, force=True)
    assert again.stats.written == [] and again.stats.unchanged == len(first.files)
    (tmp_path / "data/sources/a.yml").write_text(GOOD.split("- title: U-Net")[0], encoding="utf-8")
    third = pipeline.build(settings)
    assert "papers/u-net-for-segmentation.md" in third.stats.removed
    assert not (tmp_path / "docs/papers/u-net-for-segmentation.md").exists()
    assert "papers.json" in third.stats.written


def test_hand_written_pages_are_never_touched(tmp_path):
    settings = make_project(tmp_path, {"a.yml": GOOD})
    about = tmp_path / "docs" / "about.md"
    about.parent.mkdir(parents=True)
    about.write_text("mine", encoding="utf-8")
    pipeline.build(settings)
    assert about.read_text(encoding="utf-8") == "mine"


def test_generator_error_lists_every_problem(tmp_path):
    settings = make_project(tmp_path, {"a.yml": "- authors: [x]\n- authors: [y]\n"})
    with pytest.raises(GeneratorError) as exc:
        pipeline.build(settings)
    assert len(exc.value.problems) == 2
    assert "a.yml:1" in str(exc.value) and "a.yml:2" in str(exc.value)


def test_import_command_writes_yaml_records_that_read_back(tmp_path):
    listing = tmp_path / "listing.txt"
    listing.write_text("Fast Segmentation\n" + "We propose a thing. It works well. " * 10 + "\n", encoding="utf-8")
    out = run_cli(tmp_path, "import", str(listing))
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("- title: Fast Segmentation")
    make_project(tmp_path, {"imported.yml": out.stdout})
    assert run_cli(tmp_path, "check").returncode == 0


def test_a_build_with_unchanged_inputs_does_nothing_and_any_change_redoes_it(tmp_path):
    settings = make_project(tmp_path, {"a.yml": GOOD})
    first = pipeline.build(settings)
    page = tmp_path / "docs/papers/deep-sets.md"
    mtime = page.stat().st_mtime_ns
    again = pipeline.build(settings)
    assert again.unchanged and again.nav == first.nav and page.stat().st_mtime_ns == mtime
    assert "docs/ is up to date" in pipeline.summary(again)
    # A source edit, a template edit, or a generated file gone: each rebuilds.
    (tmp_path / "data/sources/a.yml").write_text(GOOD.replace("little data", "few images"), encoding="utf-8")
    assert not pipeline.build(settings).unchanged
    with open(tmp_path / "templates/paper.md.j2", "a", encoding="utf-8") as f:
        f.write("\n")
    assert not pipeline.build(settings).unchanged
    page.unlink()
    rebuilt = pipeline.build(settings)
    assert not rebuilt.unchanged and page.exists()
    assert pipeline.build(settings).unchanged


def test_a_topic_named_index_is_an_error_not_a_lost_page(tmp_path):
    make_project(tmp_path, {"a.yml": GOOD})
    topics = tmp_path / "data" / "topics.yml"
    topics.write_text(topics.read_text(encoding="utf-8").replace("topics:\n", "topics:\n  - name: Index\n    description: x\n    match: [sets]\n", 1),
                      encoding="utf-8")
    done = run_cli(tmp_path, "build")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "cannot have the slug 'index': topics/index.md and tags/index.md are the lists" in done.stderr
    assert not (tmp_path / "docs" / "topics").exists()


def test_a_project_file_is_named_as_given_relative_to_the_project(tmp_path):
    from generator.sources import display_path

    project, elsewhere = tmp_path / "project", tmp_path / "elsewhere"
    (project / "data").mkdir(parents=True)
    elsewhere.mkdir()
    (elsewhere / "shared-topics.yml").write_text("topics: []\n", encoding="utf-8")
    (project / "data" / "real.yml").write_text("- title: A\n", encoding="utf-8")
    os.symlink(elsewhere / "shared-topics.yml", project / "data" / "topics.yml")
    os.symlink(project / "data" / "real.yml", project / "data" / "link.yml")
    assert display_path(project / "data" / "real.yml", project) == "data/real.yml"
    assert display_path(project / "data" / "topics.yml", project) == "data/topics.yml"  # not the link's target
    assert display_path(project / "data" / "link.yml", project) == "data/link.yml"
    assert display_path(project / "data" / "missing.yml", project) == "data/missing.yml"
    assert display_path(elsewhere / "shared-topics.yml", project) == (elsewhere / "shared-topics.yml").as_posix()
    os.symlink(project, tmp_path / "via-link")
    assert display_path(tmp_path / "via-link" / "data" / "real.yml", tmp_path / "via-link") == "data/real.yml"
    # Every message of a build names the file so: a linked topics file too.
    make_project(project, {"a.yml": GOOD})
    (project / "data" / "topics.yml").unlink()
    (elsewhere / "shared-topics.yml").write_text("topics: [1]\n", encoding="utf-8")
    os.symlink(elsewhere / "shared-topics.yml", project / "data" / "topics.yml")
    with pytest.raises(GeneratorError) as caught:
        pipeline.build(Settings.for_project(project), write=False)
    assert {p.path for p in caught.value.problems} == {"data/topics.yml"}
