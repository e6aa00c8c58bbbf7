"""The GitHub Actions workflows keep their promises.

CI runs on every push and pull request; the site deploys to the gh-pages branch
only from main and never wipes the PR previews; previews are hosted for
same-repository PRs only and removed on close, fork PRs get an artifact; tokens
are read-only except in the jobs that push or comment; every action is pinned
to a full commit SHA; no expression is spliced into a shell script.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from support.project import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
CI = "ci.yml"
PREVIEW = "preview.yml"
FORK_PREVIEW = "fork-preview.yml"

#: The only jobs allowed any write scope, and exactly the scopes they get.
WRITE_JOBS = {
    (CI, "deploy"): {"contents": "write"},
    (PREVIEW, "deploy"): {"contents": "write", "pull-requests": "write"},
    (PREVIEW, "remove"): {"contents": "write", "pull-requests": "write"},
    # Hosted previews of data-only fork PRs (tests/unit/tools/test_fork_preview.py checks that workflow in full).
    (FORK_PREVIEW, "deploy"): {"contents": "write", "pull-requests": "write"},
    (FORK_PREVIEW, "refuse"): {"pull-requests": "write"},
    (FORK_PREVIEW, "remove"): {"contents": "write", "pull-requests": "write"},
    # A site built in shards on several runners, merged and deployed (tests/sites/test_shards.py: the merge).
    ("sharded-site.yml", "deploy"): {"contents": "write"},
}
SAME_REPO = "github.event.pull_request.head.repo.full_name == github.repository"
MAIN_PUSH = ("github.event_name == 'push'", "github.ref == 'refs/heads/main'")


def _load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    # YAML 1.1 reads the bare key `on` as the boolean True.
    if True in data:
        data["on"] = data.pop(True)
    return data


@pytest.fixture(scope="module")
def workflows() -> dict[str, dict]:
    files = sorted(WORKFLOWS.glob("*.yml")) + sorted(WORKFLOWS.glob("*.yaml"))
    assert files, "no workflow in .github/workflows"
    return {p.name: _load(p) for p in files}


@pytest.fixture(scope="module")
def ci(workflows) -> dict:
    return workflows[CI]


@pytest.fixture(scope="module")
def preview(workflows) -> dict:
    return workflows[PREVIEW]


def _steps(job: dict) -> list[dict]:
    return job.get("steps", [])


def _uses(step: dict) -> str:
    return step.get("uses", "").split("@")[0]


def _steps_using(job: dict, action: str) -> list[dict]:
    return [s for s in _steps(job) if _uses(s) == action]


def _index(job: dict, predicate) -> int:
    for i, step in enumerate(_steps(job)):
        if predicate(step):
            return i
    raise AssertionError("no such step")


def _all_jobs(workflows):
    for name, wf in workflows.items():
        for job_id, job in wf["jobs"].items():
            yield name, job_id, job


def _no_or(condition: str) -> None:
    # A condition made only of conjunctions cannot be widened by another clause.
    assert "||" not in condition, condition


# --------------------------------------------------------------------------
# Triggers
# --------------------------------------------------------------------------


def test_ci_runs_on_every_push_and_pull_request(ci):
    on = ci["on"]
    assert set(on) == {"push", "pull_request"}
    for event in ("push", "pull_request"):
        filters = on[event] or {}
        assert not set(filters) & {"branches", "branches-ignore", "paths", "paths-ignore", "tags"}, filters


def test_previews_follow_the_pull_request_life_cycle(preview):
    assert set(preview["on"]) == {"pull_request"}
    assert set(preview["on"]["pull_request"]["types"]) == {"opened", "reopened", "synchronize", "closed"}


def test_no_workflow_uses_pull_request_target_and_only_the_fork_preview_workflow_run(workflows):
    for name, wf in workflows.items():
        on = wf["on"]
        events = {on} if isinstance(on, str) else set(on)
        assert "pull_request_target" not in events, name
        assert "pull_request_target" not in (WORKFLOWS / name).read_text(encoding="utf-8"), name
        if "workflow_run" in events:
            assert name == FORK_PREVIEW and events == {"workflow_run"}, name
            assert wf["on"]["workflow_run"]["workflows"] == [workflows[PREVIEW]["name"]]


# --------------------------------------------------------------------------
# Permissions
# --------------------------------------------------------------------------


def test_top_level_permissions_are_contents_read_only(workflows):
    for name, wf in workflows.items():
        assert wf.get("permissions") == {"contents": "read"}, name


def test_only_the_deploy_and_preview_jobs_can_write(workflows):
    writers = {}
    for name, job_id, job in _all_jobs(workflows):
        perms = job.get("permissions", {})
        assert isinstance(perms, dict), f"{name}:{job_id} permissions must be a mapping, not {perms!r}"
        if any(v == "write" for v in perms.values()):
            writers[(name, job_id)] = perms
        assert set(perms.values()) <= {"read", "write", "none"}, f"{name}:{job_id}"
    assert writers == WRITE_JOBS


def test_jobs_that_run_pull_request_code_cannot_write(ci, preview):
    # ci.yml's test job and preview.yml's build job run the PR's code.
    assert "permissions" not in ci["jobs"]["test"]
    assert "permissions" not in preview["jobs"]["build"]


# --------------------------------------------------------------------------
# Production deploy
# --------------------------------------------------------------------------


def test_deploy_runs_only_for_a_push_to_main_after_the_tests(ci):
    deploy = ci["jobs"]["deploy"]
    condition = deploy["if"]
    for clause in MAIN_PUSH:
        assert clause in condition
    _no_or(condition)
    assert deploy["needs"] in ("test", ["test"])
    # The Pages build and its upload in the test job have the same guard.
    for step in _steps(ci["jobs"]["test"]):
        if "pages-site" in str(step):
            assert all(clause in step.get("if", "") for clause in MAIN_PUSH), step
            _no_or(step["if"])


def test_deploy_pushes_to_gh_pages_and_keeps_the_previews(ci):
    (step,) = _steps_using(ci["jobs"]["deploy"], "JamesIves/github-pages-deploy-action")
    params = step["with"]
    assert params["branch"] == "gh-pages"
    assert params["clean-exclude"].strip().rstrip("/") == "pr-preview"
    assert params["force"] is False, "a force push would wipe concurrent preview deploys"
    assert params["folder"] == "pages-site"


def test_pages_build_uses_the_project_site_url(ci):
    step = next(s for s in _steps(ci["jobs"]["test"]) if s.get("name") == "Build the site for GitHub Pages")
    assert "SITE_URL=" in step["run"] and ".github.io/" in step["run"]
    assert "--strict" in step["run"]


# --------------------------------------------------------------------------
# Previews
# --------------------------------------------------------------------------


def test_hosted_previews_are_for_same_repository_prs_only(preview):
    jobs = preview["jobs"]
    for job_id in ("deploy", "remove"):
        condition = jobs[job_id]["if"]
        assert SAME_REPO in condition, job_id
        _no_or(condition)
    assert "github.event.action != 'closed'" in jobs["deploy"]["if"]
    assert "github.event.action == 'closed'" in jobs["remove"]["if"]
    assert jobs["deploy"]["needs"] in ("build", ["build"])


def test_every_pr_including_forks_gets_the_site_as_an_artifact(preview):
    build = preview["jobs"]["build"]
    assert "head.repo" not in build.get("if", ""), "the build job must run for fork PRs too"
    uploads = _steps_using(build, "actions/upload-artifact")
    site = [s for s in uploads if s["with"]["path"] == "site"]
    assert len(site) == 1 and "if" not in site[0]
    assert "pull_request.number" in site[0]["with"]["name"]


def test_preview_deploys_and_removes_with_pr_preview_action(preview):
    (deploy,) = _steps_using(preview["jobs"]["deploy"], "rossjrw/pr-preview-action")
    (remove,) = _steps_using(preview["jobs"]["remove"], "rossjrw/pr-preview-action")
    assert deploy["with"]["action"] == "deploy"
    assert remove["with"]["action"] == "remove"
    for step in (deploy, remove):
        assert step["with"]["preview-branch"] == "gh-pages"
        assert step["with"]["umbrella-dir"] == "pr-preview"
    # The deployed folder is the site the build job uploaded.
    (download,) = [
        s for s in _steps_using(preview["jobs"]["deploy"], "actions/download-artifact")
        if s["with"]["path"] == deploy["with"]["source-dir"]
    ]
    assert "pull_request.number" in download["with"]["name"]


def test_preview_is_built_for_its_sub_path(preview):
    build = preview["jobs"]["build"]
    site = next(s for s in _steps(build) if s.get("id") == "site")
    assert ".github.io/" in site["run"] and "pr-preview/pr-${PR_NUMBER}/" in site["run"]
    assert build["env"]["PR_NUMBER"] == "${{ github.event.pull_request.number }}"
    strict = next(s for s in _steps(build) if "mkdocs build --strict" in s.get("run", ""))
    assert strict["env"]["SITE_URL"] == "${{ steps.site.outputs.url }}"


def test_preview_reports_the_collection_diff(preview):
    build = preview["jobs"]["build"]
    base = [s for s in _steps_using(build, "actions/checkout") if s.get("with", {}).get("path")]
    assert len(base) == 1
    assert base[0]["with"]["ref"] == "${{ github.event.pull_request.base.sha }}"
    catalog = next(s for s in _steps(build) if "generator build" in s.get("run", ""))
    assert "cd " + base[0]["with"]["path"] in catalog["run"]
    diff = next(s for s in _steps(build) if "generator diff" in s.get("run", ""))
    assert "GITHUB_STEP_SUMMARY" in diff["run"]
    # Same-repository PRs also get it as a (sticky) PR comment.
    (comment,) = _steps_using(preview["jobs"]["deploy"], "marocchino/sticky-pull-request-comment")
    assert comment["with"]["path"].endswith("catalog-diff.md") and "message" not in comment["with"]


def test_jobs_that_write_check_out_no_pull_request_code(preview):
    for job_id in ("deploy", "remove"):
        (checkout,) = _steps_using(preview["jobs"][job_id], "actions/checkout")
        assert checkout["with"]["ref"] == "${{ github.event.repository.default_branch }}", job_id


# --------------------------------------------------------------------------
# Concurrency
# --------------------------------------------------------------------------


def test_production_deploy_is_never_cancelled(ci):
    assert "concurrency" not in ci, "a workflow-level group could cancel a deploy"
    concurrency = ci["jobs"]["deploy"]["concurrency"]
    assert concurrency["cancel-in-progress"] is False
    assert "${{" not in concurrency["group"], "every production deploy shares one group"
    # The test job a deploy waits for is cancelled only for pull requests.
    test = ci["jobs"]["test"]["concurrency"]
    assert test["cancel-in-progress"] == "${{ github.event_name == 'pull_request' }}"
    assert "github.run_id" in test["group"]


def test_preview_runs_are_grouped_per_pr_and_cancel_in_progress(preview):
    concurrency = preview["concurrency"]
    assert "github.event.pull_request.number" in concurrency["group"]
    assert concurrency["cancel-in-progress"] is True


# --------------------------------------------------------------------------
# Steps and hygiene
# --------------------------------------------------------------------------

USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>\S+?)(?:\s+#\s*(?P<comment>.*))?\s*$")


def test_every_action_is_pinned_to_a_commit_with_a_version_comment(workflows):
    for name in workflows:
        lines = [l for l in (WORKFLOWS / name).read_text(encoding="utf-8").splitlines() if re.match(r"^\s*(-\s+)?uses:", l)]
        parsed_uses = [s["uses"] for _n, _j, job in _all_jobs({name: workflows[name]}) for s in _steps(job) if "uses" in s]
        assert len(lines) == len(parsed_uses), name
        for line in lines:
            match = USES_LINE.match(line)
            assert match, line
            if match["ref"].startswith("$/"):  # an action of this repository, at the workflow's own commit
                assert (ROOT / match["ref"][2:] / "action.yml").is_file(), line
                continue
            action, _, sha = match["ref"].partition("@")
            assert re.fullmatch(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(/[^@]+)?", action), line
            assert re.fullmatch(r"[0-9a-f]{40}", sha), f"{name}: {line.strip()} is not pinned to a full commit SHA"
            assert match["comment"] and re.fullmatch(r"v\d+\.\d+\.\d+", match["comment"].strip()), (
                f"{name}: {line.strip()} needs a '# vX.Y.Z' comment"
            )
        # The same action at two SHAs would mean one of them is stale.
        shas = {}
        for uses in (u for u in parsed_uses if not u.startswith("$/")):
            action, _, sha = uses.partition("@")
            assert shas.setdefault(action, sha) == sha, f"{name}: {action} pinned twice differently"


def test_checkouts_do_not_persist_credentials(workflows):
    checkouts = [s for _n, _j, job in _all_jobs(workflows) for s in _steps_using(job, "actions/checkout")]
    assert checkouts
    for step in checkouts:
        assert step.get("with", {}).get("persist-credentials") is False, step


def test_no_expression_is_spliced_into_a_shell_script(workflows):
    for name, job_id, job in _all_jobs(workflows):
        for step in _steps(job):
            assert "${{" not in step.get("run", ""), f"{name}:{job_id}:{step.get('name')} pass it through env"


def test_setup_python_is_3_11_with_a_pip_cache(workflows):
    setups = [(n, s) for n, _j, job in _all_jobs(workflows) for s in _steps_using(job, "actions/setup-python")]
    assert setups
    for name, step in setups:
        params = step["with"]
        assert str(params["python-version"]) == "3.11"
        if name == FORK_PREVIEW:
            # A privileged workflow restores no cache (nothing a PR's run saved can reach it).
            assert "cache" not in params
            continue
        assert params["cache"] == "pip"
        assert "requirements.txt" in params["cache-dependency-path"].split()


def test_ci_job_sets_up_tests_builds_strictly_and_checks_links(ci):
    job = ci["jobs"]["test"]
    order = [
        _index(job, lambda s: _uses(s) == "actions/checkout"),
        _index(job, lambda s: _uses(s) == "actions/setup-python"),
        _index(job, lambda s: s.get("run", "").strip() == "sudo bash .ci/system-deps"),  # as make test runs it
        _index(job, lambda s: s.get("run", "").strip() == "make test"),
        _index(job, lambda s: "mkdocs build --strict" in s.get("run", "") and "if" not in s),
        _index(job, lambda s: "lychee" in s.get("run", "")),
    ]
    assert order == sorted(order), order
    lychee = _steps(job)[order[-1]]["run"].split()
    assert lychee[0] == ".venv/bin/lychee"
    assert "--offline" in lychee and "--include-fragments" in lychee and lychee[-1] == "site"
    assert lychee[lychee.index("--root-dir") + 1] == '"$PWD/site"'


def test_ci_builds_the_site_with_properdocs_and_compares_it_with_mkdocs(ci):
    """ProperDocs (the maintained MkDocs 1.6 fork) keeps building the same bytes: a job of
    every CI run (tests/sites/test_golden_site.py does the same on the golden project)."""
    job = ci["jobs"]["properdocs"]
    assert "needs" not in job and "permissions" not in job  # on every push and PR, read-only
    assert any(s.get("run", "").strip() == "make .venv/.installed-dev" for s in _steps(job))
    script = _steps(job)[-1]["run"].splitlines()
    assert "SOURCE_DATE_EPOCH=" in script[0] and script[1].strip() == "export SOURCE_DATE_EPOCH"
    mkdocs, properdocs, diff = (line.split() for line in script[2:5])
    assert mkdocs[:3] == [".venv/bin/mkdocs", "build", "--strict"]
    assert properdocs[:3] == [".venv/bin/properdocs", "build", "--strict"]
    assert diff == ["diff", "-r", mkdocs[-1], properdocs[-1]] and mkdocs[-1] != properdocs[-1]
    pins = (ROOT / "requirements-dev.txt").read_text(encoding="utf-8").split()
    assert any(p.startswith("properdocs==") for p in pins)


def test_the_repository_s_own_actions_are_pinned_too(workflows):
    """A composite action of .github/actions/ pins the actions it uses the same way, and runs no
    expression in a shell script."""
    for path in sorted((ROOT / ".github" / "actions").glob("*/action.yml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert spec["runs"]["using"] == "composite", path
        for step in spec["runs"]["steps"]:
            assert "${{" not in step.get("run", ""), f"{path}: {step.get('name')}: pass it through env"
            uses = step.get("uses", "")
            assert not uses or re.fullmatch(r"[^@]+@[0-9a-f]{40}", uses), f"{path}: {uses}"


def test_every_build_of_the_site_reads_what_was_published_last(workflows):
    """The Pages deploy, the PR preview, the fork preview and the sharded build fetch the live
    site's ledger before they build (tests/sites/test_workflow_ledger.py runs them)."""
    fetch = "$/.github/actions/published"
    for name, job_id, before in ((CI, "test", "Build the site (strict)"), (PREVIEW, "build", "Build the site (strict)"),
                                 (FORK_PREVIEW, "build", "Build the base catalog"),
                                 ("sharded-site.yml", "published", "Upload it for the shards")):
        steps = _steps(workflows[name]["jobs"][job_id])
        fetched = _index(workflows[name]["jobs"][job_id], lambda s: s.get("uses") == fetch)
        assert fetched < _index(workflows[name]["jobs"][job_id], lambda s: s.get("name") == before), name
        assert steps[fetched]["with"]["token"] == "${{ github.token }}", name


def test_every_job_has_a_name_and_a_timeout(workflows):
    for name, job_id, job in _all_jobs(workflows):
        assert job.get("name"), f"{name}:{job_id}"
        assert isinstance(job.get("timeout-minutes"), int), f"{name}:{job_id}"
