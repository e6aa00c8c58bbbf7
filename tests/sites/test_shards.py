"""The site built in shards (separate processes, ``generator site --shard k/n``)
and merged is byte-identical to the site one ``mkdocs build`` makes."""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pytest

from generator.errors import GeneratorError
from generator.renderer import shards
from support.project import ROOT, make_site_project

#: One date for every build of this module: the sitemap's lastmod is the build's day.
EPOCH = {"SOURCE_DATE_EPOCH": "1767225600"}


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _realistic_sources(n: int) -> dict[str, str]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import corpus

    folder = Path(tempfile.mkdtemp(prefix="pa-corpus-"))
    return {p.name: p.read_text(encoding="utf-8") for p in corpus.write_records(folder, n)}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    project = make_site_project(tmp_path_factory.mktemp("shards"), _realistic_sources(150))
    built = project.generator("build")
    assert built.returncode == 0, built.stderr
    return project


@pytest.fixture(scope="module")
def single(project) -> dict[str, bytes]:
    out = project.mkdocs_build(project.root / "single", **EPOCH)
    assert out.returncode == 0, out.stderr
    return _tree(project.root / "single")


def test_shards_built_as_separate_processes_merge_into_the_same_bytes(project, single):
    dirs = [project.root / f"shard-{k}" for k in range(3)]
    for k, folder in enumerate(dirs):
        out = project.generator("site", "--shard", f"{k}/3", SITE_DIR=str(folder), **EPOCH)
        assert out.returncode == 0, out.stderr
    papers = [len(list((d / "papers").glob("*/index.html"))) for d in dirs]
    assert sum(papers) == len([p for p in single if p.startswith("papers/") and p.endswith("/index.html")])
    assert min(papers) >= 20  # each shard rendered a share of the paper pages (shard 0 also the navigation's)
    assert not (dirs[1] / "index.html").exists() and not (dirs[1] / "assets").exists()  # shard 0's
    merged = project.root / "merged"
    out = project.generator("merge-site", *map(str, dirs), "--site-dir", str(merged))
    assert out.returncode == 0, out.stderr
    tree = _tree(merged)
    assert sorted(tree) == sorted(single)
    assert [p for p in tree if tree[p] != single[p]] == []


def test_the_site_command_uses_every_worker_and_gives_the_same_bytes(project, single):
    out = project.generator("site", "--jobs", "2", **EPOCH, SITE_DIR=str(project.root / "by-site-command"))
    assert out.returncode == 0, out.stderr
    tree = _tree(project.root / "by-site-command")
    assert sorted(tree) == sorted(single) and [p for p in tree if tree[p] != single[p]] == []
    assert not (project.root / ".by-site-command-shards").exists()


def test_a_shard_that_is_not_k_of_n_is_an_error_for_people(project):
    out = project.generator("site", "--shard", "3/3", SITE_DIR=str(project.root / "bad"))
    assert out.returncode != 0 and "Traceback" not in out.stderr
    assert "--shard" in out.stderr and "0 <= k < n" in out.stderr
    assert not (project.root / "bad").exists()


def test_merging_needs_shard_0_first(tmp_path):
    (tmp_path / "a").mkdir()
    with pytest.raises(GeneratorError, match="shard 0 first"):
        shards.merge([tmp_path / "a"], tmp_path / "site")


def test_pages_are_dealt_out_by_cost_and_the_navigation_stays_with_shard_0():
    papers = [f"papers/p{i}.md" for i in range(12)]
    lists = ["tags/x.md", "tags/x/2.md", "authors/a.md", "topics/t/2.md"]
    fixed = ["index.md", "topics/index.md", "topics/t.md", "about.md", "stats.md", "assets/a.css"]
    uris = papers + lists + fixed
    sizes = {u: (40_000 if u in lists else 10_000) for u in uris if u.endswith(".md")}
    sizes["stats.md"] = 100_000
    owned = [shards.owns(shards.Shard(k, 3), uris, sizes, {"index.md", "topics/index.md", "topics/t.md"})
             for k in range(3)]
    assert set().union(*owned) == set(uris) and sum(map(len, owned)) == len(uris)
    assert set(fixed) <= owned[0]
    cost = [sum(shards.PAGE_COST + sizes[u] for u in o if u.endswith(".md")) for o in owned]
    assert max(cost) - min(cost) <= shards.PAGE_COST + 40_000, cost  # at most one page apart
    assert len(owned[0] & set(papers)) < len(owned[1] & set(papers))  # shard 0 has the other pages
    again = [shards.owns(shards.Shard(k, 3), list(reversed(uris)), sizes, {"index.md", "topics/index.md",
                                                                            "topics/t.md"}) for k in range(3)]
    assert again == owned  # every shard deals the same way, whatever the order of the files


def test_navigation_pages_are_read_from_mkdocs_nav():
    nav = [{"Home": "index.md"}, {"Topics": ["topics/index.md", {"A": "topics/a.md"}]}, "about.md"]
    assert shards.nav_pages(nav) == {"index.md", "topics/index.md", "topics/a.md", "about.md"}


def test_the_sharded_workflow_builds_every_shard_and_merges_them_in_order():
    import yaml

    wf = yaml.safe_load((ROOT / ".github" / "workflows" / "sharded-site.yml").read_text(encoding="utf-8"))
    n = int(wf["env"]["SHARDS"])
    assert wf["jobs"]["shard"]["strategy"]["matrix"]["shard"] == list(range(n))
    build = next(s for s in wf["jobs"]["shard"]["steps"] if s.get("name") == "Build this shard")
    assert '-m generator site --shard "${SHARD}/${SHARDS}"' in build["run"] and 'SITE_DIR="shard-${SHARD}"' in build["run"]
    assert "SOURCE_DATE_EPOCH" in build["run"]  # one sitemap date for every shard
    deploy = wf["jobs"]["deploy"]
    assert deploy["needs"] == "shard"
    merge = next(s for s in deploy["steps"] if s.get("name") == "Merge the shards")
    assert "generator merge-site" in merge["run"] and "seq 0 $((SHARDS - 1))" in merge["run"]


def test_the_site_command_reports_source_errors_from_its_generation_worker(tmp_path):
    # `generator site` generates in a worker process (what it held is given back before
    # MkDocs starts): the worker's errors come back as the usual report, with file and line.
    broken = make_site_project(tmp_path / "broken", {"papers.yml": "- title: One\n  abstract: A.\n- title: [\n"})
    out = broken.generator("site", "--jobs", "2", PAPER_ATLAS_WORKERS="2")
    assert out.returncode != 0 and "Traceback" not in out.stderr + out.stdout
    assert "1 error in the sources:\n  data/sources/papers.yml:4: error: YAML syntax error" in out.stderr
    assert not (broken.root / "site").exists()
