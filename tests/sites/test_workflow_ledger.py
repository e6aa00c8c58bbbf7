"""The workflows pass what the site published last to the build (.github/actions/published).

Each workflow that builds the site downloads the live site's ledger (permalinks.json at the root
of the gh-pages branch, through the GitHub API) to published/permalinks.json before it builds:
ci.yml for the Pages deploy (and the strict build whose links lychee checks), preview.yml for the
PR preview and its base catalog, fork-preview.yml for a fork's preview, sharded-site.yml once for
all its shards. Simulated here step by step as the files say (tests/support/actions.py), with a
fake ``gh`` answering as the GitHub API: the site they build keeps a paper's address when its title
was edited since the last publication, and a removed paper's address answers with its citation.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support import github
from support.actions import bash_env, load_workflow, run_job
from support.project import ROOT, make_site_project
from support.services import Recorded, endpoints, serve

REPO = "maintainers/paper-atlas"
WORKFLOWS = ROOT / ".github" / "workflows"
BEFORE = """\
- title: "Focal-UNet: UNet-like focal modulation for medical image segmentation"
  abstract: We propose a focal modulation network for medical image segmentation, trained on CT and MRI scans.
  authors: [Ann Lee]
- title: Graph neural networks for molecules
  abstract: A graph neural network predicts molecule properties from their graphs, fast and at scale.
  authors: [Bo Chen]
  doi: 10.1000/gnn
- title: Deep sets
  abstract: Models of sets whose objective functions are invariant to permutations of their elements.
  authors: [Cy Diaz]
"""
#: Since the last publication: a title edited, a paper removed.
AFTER = BEFORE.replace("for medical image", "for clinical image").split("- title: Graph")[0] + \
    "- title: Deep sets" + BEFORE.split("- title: Deep sets")[1]
KEPT = "papers/focal-unet-unet-like-focal-modulation-for-medical-image-segmentation"
REMOVED = "papers/graph-neural-networks-for-molecules"


def load(name: str) -> dict:
    return load_workflow(WORKFLOWS / name)


@pytest.fixture(scope="module")
def live_ledger(tmp_path_factory) -> str:
    """The ledger the site published with the sources as they were (``BEFORE``)."""
    project = make_site_project(tmp_path_factory.mktemp("live"), {"papers.yml": BEFORE}, site=False)
    assert project.generator("build").returncode == 0
    return (project.docs / "permalinks.json").read_text(encoding="utf-8")


def checkout(tmp_path: Path, sources: str = AFTER):
    """The repository checked out as it is now, with this test run's venv."""
    project = make_site_project(tmp_path / "checkout", {"papers.yml": sources})
    (project.root / ".venv").symlink_to(Path(sys.executable).parent.parent)
    return project


def environ(tmp_path: Path, answers: dict) -> dict[str, str]:
    env = {**bash_env(), "PATH": f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}", "GITHUB_REPOSITORY": REPO,
           "GITHUB_REPOSITORY_OWNER": REPO.split("/")[0], "NO_MKDOCS_2_WARNING": "1",
           **github.install(tmp_path / "bin", answers, tmp_path / "answers.json")}
    for name in ("SITE_URL", "SITE_DIR", "OFFLINE", "PAPER_ATLAS_SHARD"):
        env.pop(name, None)
    return env


def context(tmp_path: Path, **event) -> dict:
    (tmp_path / "runner-temp").mkdir(exist_ok=True)
    return {"github": {"token": "fake-token", "repository": REPO, "event_name": event.pop("event_name", "push"),
                       "ref": "refs/heads/main", "event": event},
            "runner": {"temp": str(tmp_path / "runner-temp")}}


def noop(*_):
    return None


# --- the action ---------------------------------------------------------------------------------

ONE_STEP = {"jobs": {"j": {"steps": [{"name": "fetch", "uses": "$/.github/actions/published",
                                        "with": {"token": "${{ github.token }}"}}]}}}


def test_the_action_puts_the_live_ledger_where_the_build_reads_it(tmp_path, live_ledger):
    env = environ(tmp_path, {github.ledger_path(REPO): {"raw": live_ledger}})
    run = run_job(ONE_STEP, "j", tmp_path, context(tmp_path), {}, env)
    assert run.ran == ["fetch: Download permalinks.json from the gh-pages branch"]
    assert (tmp_path / "published" / "permalinks.json").read_text(encoding="utf-8") == live_ledger


def test_no_ledger_published_yet_is_a_first_publication(tmp_path):
    env = environ(tmp_path, {github.ledger_path(REPO): {"status": 404}})
    run_job(ONE_STEP, "j", tmp_path, context(tmp_path), {}, env)
    assert not (tmp_path / "published").exists() or not any((tmp_path / "published").iterdir())


def test_any_other_failure_stops_the_build(tmp_path):
    """A build without the ledger would give edited papers new addresses: it must not go on."""
    env = environ(tmp_path, {github.ledger_path(REPO): {"status": 502}})
    with pytest.raises(AssertionError, match="could not be read"):
        run_job(ONE_STEP, "j", tmp_path, context(tmp_path), {}, env)
    assert not (tmp_path / "published" / "permalinks.json").exists()


# --- the workflows ------------------------------------------------------------------------------

def built(site: Path) -> tuple[bool, str]:
    """Whether the kept paper's page is at its first address, and what the removed one's says."""
    kept = (site / KEPT / "index.html").read_text(encoding="utf-8")
    return "clinical image segmentation" in kept, (site / REMOVED / "index.html").read_text(encoding="utf-8")


def test_the_pages_deploy_keeps_addresses(tmp_path, live_ledger):
    """ci.yml's test job, from the fetch to the upload of the Pages site (the test suite and the
    browsers' installation faked); lychee checks the strict build's links, redirects included."""
    project = checkout(tmp_path)
    uploads = {}
    fakes = {"actions/checkout": noop, "actions/setup-python": noop, "Run the test suite": noop,
             "Install what the tests need from the distribution": noop,
             "actions/upload-artifact": lambda step, c, w: uploads.update({step["with"]["name"]: w / step["with"]["path"]})}
    env = environ(tmp_path, {github.ledger_path(REPO): {"raw": live_ledger}})
    run = run_job(load("ci.yml"), "test", project.root, context(tmp_path), fakes, env)
    assert "Check internal links and anchors (offline)" in run.ran
    edited, removed = built(uploads["pages-site"])
    assert edited and "Removed from the collection" in removed and "Graph neural networks for molecules" in removed
    assert built(project.site)[0]  # the strict build read the same ledger


def test_the_pr_preview_and_its_base_catalog_keep_addresses(tmp_path, live_ledger):
    """preview.yml's build job: the preview and the base commit's catalog both read the live
    ledger, so the collection diff sees an edited title, not a paper removed and another added."""
    project = checkout(tmp_path)
    base = make_site_project(tmp_path / "base", {"papers.yml": BEFORE}, site=False)
    uploads = {}

    def check_out(step, c, w):
        if step["with"].get("path") == "_base":
            shutil.copytree(base.root, w / "_base", symlinks=True)

    fakes = {"actions/checkout": check_out, "actions/setup-python": noop, "Install the build dependencies": noop,
             "actions/upload-artifact": lambda step, c, w: uploads.update({step["with"]["name"]: w / step["with"]["path"]})}
    env = environ(tmp_path, {github.ledger_path(REPO): {"raw": live_ledger}})
    event = {"pull_request": {"number": 9, "head": {"repo": {"full_name": REPO}}, "base": {"sha": "b" * 40}}}
    with serve(Recorded()) as url:
        env["PAPER_ATLAS_ENDPOINT_ARXIV"] = endpoints(url)["arxiv"]
        run_job(load("preview.yml"), "build", project.root, context(tmp_path, event_name="pull_request", **event),
                fakes, env)
    assert built(uploads["site-pr-9"])[0]
    base_ids = {p["id"] for p in json.loads((project.root / "_base" / "docs" / "papers.json").read_text())}
    assert KEPT.split("/")[1] in base_ids
    diff = uploads["catalog-diff-pr-9"].read_text(encoding="utf-8")
    assert "clinical image segmentation" in diff and "1 removed" in diff.lower().replace("**", ""), diff


def test_every_shard_builds_from_the_one_ledger_fetched_for_all(tmp_path, live_ledger):
    """sharded-site.yml: one job fetches the ledger and hands it to every shard as an artifact."""
    workflow = load("sharded-site.yml")
    assert workflow["jobs"]["shard"]["needs"] == "published"
    project = checkout(tmp_path)
    artifacts: dict[str, Path] = {}

    def upload(step, c, w):
        artifacts[step["with"]["name"]] = shutil.copytree(w / step["with"]["path"], tmp_path / "artifacts" / step["with"]["name"])

    def download(step, c, w):
        shutil.copytree(artifacts[step["with"]["name"]], w / step["with"]["path"], dirs_exist_ok=True)

    env = environ(tmp_path, {github.ledger_path(REPO): {"raw": live_ledger}})
    fakes = {"actions/checkout": noop, "actions/upload-artifact": upload, "actions/download-artifact": download}
    (tmp_path / "fetcher").mkdir()
    run_job(workflow, "published", tmp_path / "fetcher", context(tmp_path), fakes, env)
    assert (artifacts["published"] / "permalinks.json").read_text(encoding="utf-8") == live_ledger
    shard = {**workflow, "jobs": {"shard": {**workflow["jobs"]["shard"], "steps": [
        s for s in workflow["jobs"]["shard"]["steps"] if s.get("name") != "Upload the shard"]}}}
    fakes.update({"actions/setup-python": noop, "Install the build dependencies": noop})
    subprocess.run("git init -q && git add -A && git -c user.name=t -c user.email=t@t commit -qm sources",
                   shell=True, cwd=project.root, check=True)
    run_job(shard, "shard", project.root, {**context(tmp_path), "matrix": {"shard": 0}},
            fakes, {**env, "SHARDS": "4"})
    assert (project.docs / f"{KEPT}.md").is_file() and (project.docs / f"{REMOVED}/index.html").is_file()
