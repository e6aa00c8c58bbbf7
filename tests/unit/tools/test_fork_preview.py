"""Hosted previews for fork pull requests that change only data (fork-preview.yml).

Three parts:

* the workflow's promises, read from the file: it runs only after a PR
  preview run, with the base branch's code; no job checks out or runs the
  PR's head; the request is read only as files under data/ and only by
  ``generator preview-data``; write scopes only in the jobs that deploy and
  comment, and those run no script of their own;
* ``generator.tools.fork_preview``: which requests are refused (another PR's,
  non-data files, symlinks, bad names, over the limits) and what installing
  one does;
* a simulated run: the workflow's ``build`` job, step by step as the file
  says (tests/support/actions.py), over a fork's request whose data is the
  hostile corpus (tests/hostile/valid/), with a fake ``gh`` answering as the
  GitHub API. The preview it builds holds no element, handler or script URL
  that a record made: everything executable in it is what a harmless build
  of the same templates has too.
"""
from __future__ import annotations

import html.parser
import json
import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from generator.tools import fork_preview as fp
from support import github
from support.actions import bash_env, evaluate, job_outputs, load_workflow, run_job
from support.hostile import VALID, dangerous_url
from support.project import ROOT, make_site_project
from support.services import Recorded, endpoints, serve

WORKFLOWS = ROOT / ".github" / "workflows"
HEAD_SHA = "0123456789abcdef0123456789abcdef01234567"
FORK = "contributor/paper-atlas"
BASE = "maintainers/paper-atlas"
DEFAULT_BRANCH = "${{ github.event.repository.default_branch }}"


def _load(name: str) -> dict:
    return load_workflow(WORKFLOWS / name)


@pytest.fixture(scope="module")
def workflow() -> dict:
    return _load("fork-preview.yml")


@pytest.fixture(scope="module")
def preview() -> dict:
    return _load("preview.yml")


def _steps(job):
    return job.get("steps", [])


def _uses(step):
    return step.get("uses", "").split("@")[0]


# --------------------------------------------------------------------------- the workflow's promises

def test_it_runs_only_after_a_pr_preview_run_of_a_fork(workflow, preview):
    assert workflow["on"] == {"workflow_run": {"workflows": [preview["name"]], "types": ["completed"]}}
    condition = workflow["jobs"]["build"]["if"]
    for clause in ("github.event.workflow_run.event == 'pull_request'",
                   "github.event.workflow_run.conclusion == 'success'",
                   "github.event.workflow_run.head_repository.full_name != github.repository"):
        assert clause in condition
    assert "||" not in condition
    for job_id, job in workflow["jobs"].items():
        if job_id != "build":
            assert job["needs"] == "build" and re.fullmatch(r"needs\.build\.outputs\.action == '\w+'", job["if"])


def test_no_job_checks_out_or_refers_to_the_pull_requests_head(workflow):
    text = (WORKFLOWS / "fork-preview.yml").read_text(encoding="utf-8")
    # The head is named only to compare it with what the API says about the PR.
    head_refs = re.findall(r"github\.event\.workflow_run\.head_\w+|github\.event\.pull_request\.\w+", text)
    allowed = {"github.event.workflow_run.head_sha", "github.event.workflow_run.head_repository",
               "github.event.workflow_run.head_branch"}
    assert set(head_refs) <= allowed
    for job_id, job in workflow["jobs"].items():
        for step in _steps(job):
            if _uses(step) == "actions/checkout":
                assert step["with"]["ref"] == DEFAULT_BRANCH and "repository" not in step["with"], job_id
                assert step["with"]["persist-credentials"] is False
            for value in list(step.get("with", {}).values()) + list(step.get("env", {}).values()):
                if "head_sha" in str(value) or "head_repository" in str(value):
                    assert step.get("id") == "check", (job_id, step.get("name"))
            assert not _uses(step).startswith("./"), "no local action: it would be the checkout's code"
            assert "working-directory" not in step
        assert "head_branch" not in json.dumps(job), job_id  # only the concurrency group names the branch


def test_the_request_is_read_only_as_files_by_generator_preview_data(workflow):
    build = workflow["jobs"]["build"]
    downloads = [s for s in _steps(build) if _uses(s) == "actions/download-artifact"]
    assert [d["with"]["path"] for d in downloads] == ["${{ runner.temp }}/request"]  # outside the work tree
    assert downloads[0]["with"]["run-id"] == "${{ github.event.workflow_run.id }}"
    names = [s.get("name") for s in _steps(build)]
    install = names.index("Install the build dependencies")
    assert install < names.index(downloads[0]["name"]), "dependencies come from the base branch, before the request"
    assert _steps(build)[install]["run"].split("\n")[1:3] == [
        ".venv/bin/python -m pip install --requirement requirements.txt",
        ".venv/bin/python -m pip install --no-deps --editable .",
    ]
    for step in _steps(build):
        script = step.get("run", "")
        for line in script.splitlines():
            if "RUNNER_TEMP/request" in line:
                assert re.search(r'\.venv/bin/python -m generator preview-data (number|check|install) '
                                 r'"\$RUNNER_TEMP/request"', line), line
        assert not re.search(r"\b(source|eval|exec)\b|\bbash\s+\S*request|/request/", script), step.get("name")
    # No cache in a privileged workflow: a fork could not write it, but nothing should be restored from one.
    for job in workflow["jobs"].values():
        for step in _steps(job):
            assert _uses(step) != "actions/cache" and "cache" not in step.get("with", {})


def test_write_scopes_only_where_it_deploys_and_comments(workflow):
    assert workflow["permissions"] == {"contents": "read"}
    scopes = {job_id: job.get("permissions") for job_id, job in workflow["jobs"].items()}
    assert scopes == {
        "build": {"contents": "read", "actions": "read", "pull-requests": "read"},
        "deploy": {"contents": "write", "pull-requests": "write"},
        "refuse": {"pull-requests": "write"},
        "remove": {"contents": "write", "pull-requests": "write"},
    }
    for job_id in ("deploy", "refuse", "remove"):
        steps = _steps(workflow["jobs"][job_id])
        assert all("run" not in s for s in steps), f"{job_id} runs no script of its own"
        uses = {_uses(s) for s in steps}
        assert uses <= {"actions/checkout", "actions/download-artifact", "rossjrw/pr-preview-action",
                        "marocchino/sticky-pull-request-comment"}, job_id
        for s in steps:
            if _uses(s) == "actions/download-artifact":
                assert s["with"]["name"] in ("fork-preview-site", "fork-preview-comment"), "never the request"
                assert "run-id" not in s["with"]


def test_deploy_and_remove_address_the_checked_pr_and_comment_once(workflow):
    jobs = workflow["jobs"]
    (deploy,) = [s for s in _steps(jobs["deploy"]) if _uses(s) == "rossjrw/pr-preview-action"]
    (remove,) = [s for s in _steps(jobs["remove"]) if _uses(s) == "rossjrw/pr-preview-action"]
    for step, action in ((deploy, "deploy"), (remove, "remove")):
        params = step["with"]
        assert params["action"] == action and params["umbrella-dir"] == "pr-preview"
        assert params["preview-branch"] == "gh-pages" and params["pr-number"] == "${{ needs.build.outputs.number }}"
        assert params["comment"] is False
    for job_id in ("deploy", "refuse", "remove"):
        (comment,) = [s for s in _steps(jobs[job_id]) if _uses(s) == "marocchino/sticky-pull-request-comment"]
        assert comment["with"]["number"] == "${{ needs.build.outputs.number }}"
        assert comment["with"]["header"] == "catalog-diff"
    assert workflow["jobs"]["build"]["outputs"]["number"] == "${{ steps.check.outputs.number }}"


def test_preview_yml_hands_over_the_data_files_only(preview):
    build = preview["jobs"]["build"]
    stage = next(s for s in _steps(build) if s.get("name") == "Stage the data for a hosted fork preview")
    upload = next(s for s in _steps(build) if s.get("name") == "Upload the fork preview request")
    for step in (stage, upload):
        assert step["if"] == "env.SAME_REPO != 'true'"
    copied = re.findall(r"cp -\w+ (\S+)", stage["run"])
    assert copied == ["data/sources", '"$f"'] and "for f in data/curation.yml data/topics.yml" in stage["run"]
    assert upload["with"]["path"] == "fork-preview" and upload["with"]["name"] == "fork-preview-request"
    closed = preview["jobs"]["fork-closed"]
    assert "github.event.action == 'closed'" in closed["if"] and "!= github.repository" in closed["if"]
    assert "permissions" not in closed and not [s for s in _steps(closed) if _uses(s) == "actions/checkout"]


# --------------------------------------------------------------------------- the checks

def request(tmp_path: Path, files: dict[str, bytes | str] | None = None, number: str = "7\n") -> Path:
    root = tmp_path / "request"
    (root / "data" / "sources").mkdir(parents=True)
    (root / "pr-number").write_text(number)
    for rel, content in (files or {"data/sources/new.yml": "- title: A new paper\n"}).items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode() if isinstance(content, str) else content)
    return root


def pr(number=7, state="open", sha=HEAD_SHA, repo=FORK, changed=1) -> dict:
    return {"number": number, "state": state, "changed_files": changed,
            "head": {"sha": sha, "repo": {"full_name": repo}}}


def files(*paths: str, renamed_from: str | None = None) -> list[dict]:
    listed = [{"filename": p, "status": "modified"} for p in paths]
    if renamed_from:
        listed[0].update(status="renamed", previous_filename=renamed_from)
    return listed


def test_a_data_only_pr_is_deployed(tmp_path):
    decision = fp.decide(request(tmp_path), pr(), files("data/sources/new.yml"), HEAD_SHA, FORK)
    assert decision == fp.Decision("deploy", 7)


def test_a_closed_pr_has_its_preview_removed(tmp_path):
    assert fp.decide(request(tmp_path), pr(state="closed"), [], HEAD_SHA, FORK).action == "remove"


@pytest.mark.parametrize("changed, reason", [
    (files("data/sources/new.yml", "generator/cli.py"), "it changes files other than data: generator/cli.py"),
    (files("data/sources/x.py", renamed_from="hooks/generate.py"), "other than data: hooks/generate.py"),
    (files("mkdocs.yml"), "other than data: mkdocs.yml"),
    (files("data/other.yml"), "other than data: data/other.yml"),
    (files("data/sources/.hidden.yml"), "other than data"),
    (files("templates/paper.md.j2"), "other than data"),
    (files(".github/workflows/fork-preview.yml"), "other than data"),
])
def test_a_pr_changing_more_than_data_is_refused_with_the_reason(tmp_path, changed, reason):
    decision = fp.decide(request(tmp_path), pr(changed=len(changed)), changed, HEAD_SHA, FORK)
    assert decision.action == "refuse" and reason in decision.reason
    comment = fp.refusal(decision)
    assert "No hosted preview" in comment and "site-pr-7" in comment


def test_a_file_list_the_api_cut_short_is_refused(tmp_path):
    decision = fp.decide(request(tmp_path), pr(changed=3001), files("data/sources/a.yml"), HEAD_SHA, FORK)
    assert decision.action == "refuse" and "could not be read in full" in decision.reason


@pytest.mark.parametrize("other", [pr(sha="f" * 40), pr(repo="someone/else"), pr(number=8)])
def test_a_request_for_another_pr_is_refused_outright(tmp_path, other):
    with pytest.raises(fp.RequestError, match="is not the one whose run asked for this preview"):
        fp.decide(request(tmp_path), other, files("data/sources/new.yml"), HEAD_SHA, FORK)


@pytest.mark.parametrize("number", ["", "0", "07", "7; rm -rf /", "7\n8", "-7", "1234567890", "x"])
def test_the_pr_number_is_digits_only(tmp_path, number):
    with pytest.raises(fp.RequestError):
        fp.pr_number(request(tmp_path, number=number))


@pytest.mark.parametrize("make, message", [
    (lambda r: os.symlink("/etc/passwd", r / "data/sources/passwd.yml"), "is a symbolic link"),
    (lambda r: os.symlink("../../../mkdocs.yml", r / "data/topics.yml"), "is a symbolic link"),
    (lambda r: (shutil.rmtree(r / "data"), os.symlink("/", r / "data")), "is a symbolic link"),
    (lambda r: os.mkfifo(r / "data/sources/pipe.yml"), "is not a regular file"),
    (lambda r: (r / "data/sources/a b.yml").write_text("x"), "is not one of the data files"),
    (lambda r: (r / "data/sources/.env").write_text("x"), "is not one of the data files"),
    (lambda r: (r / "data/mkdocs.yml").write_text("x"), "is not one of the data files"),
    (lambda r: (r / "data/templates").mkdir(), "is a folder a preview does not take"),
    (lambda r: (r / "hooks").mkdir(), "holds more than pr-number and data/"),
    (lambda r: (r / "data/sources/big.yml").write_bytes(b"#" * (fp.MAX_FILE_BYTES + 1)), "over the preview limit"),
    (lambda r: [(r / f"data/sources/{i}.yml").write_text("x") for i in range(fp.MAX_FILES + 1)], "over 1000 files"),
])
def test_what_a_request_may_not_hold(tmp_path, make, message):
    root = request(tmp_path)
    make(root)
    with pytest.raises(fp.RequestError, match=message):
        fp.data_files(root)
    with pytest.raises(fp.RequestError, match=message):
        fp.install(root, tmp_path / "project")
    decision = fp.decide(root, pr(), files("data/sources/new.yml"), HEAD_SHA, FORK)
    assert decision.action == "refuse" and message.split()[0] in decision.reason


def test_install_replaces_the_sources_and_keeps_what_the_request_lacks(tmp_path):
    project = tmp_path / "project"
    (project / "data" / "sources").mkdir(parents=True)
    (project / "data" / "sources" / "base.yml").write_text("- title: Base\n")
    (project / "data" / "topics.yml").write_text("topics: base\n")
    (project / "data" / "curation.yml").write_text("old: {}\n")
    root = request(tmp_path, {"data/sources/sub/new.yml": "- title: New\n", "data/curation.yml": "new: {}\n"})
    assert fp.install(root, project) == ["data/curation.yml", "data/sources/sub/new.yml"]
    assert sorted(p.relative_to(project).as_posix() for p in project.rglob("*") if p.is_file()) == [
        "data/curation.yml", "data/sources/sub/new.yml", "data/topics.yml"]
    assert (project / "data" / "topics.yml").read_text() == "topics: base\n"
    assert (project / "data" / "curation.yml").read_text() == "new: {}\n"


def test_paginated_api_answers_are_read_as_one_list(tmp_path):
    pages = tmp_path / "files.json"
    pages.write_text('[[{"filename": "a"}], [{"filename": "b"}]]')
    assert [f["filename"] for f in fp.load_json_pages(pages)] == ["a", "b"]
    pages.write_text('[{"filename": "a"}]\n[{"filename": "b"}]\n')
    assert [f["filename"] for f in fp.load_json_pages(pages)] == ["a", "b"]


def test_the_refusal_shows_hostile_paths_as_text():
    reason = "it changes files other than data: docs/[x](javascript:alert(1)).md, <img src=x onerror=alert(1)>.md"
    comment = fp.refusal(fp.Decision("refuse", 7, reason))
    assert "](javascript" not in comment and not re.search(r"(?<!\\)<img", comment)
    assert "&#60;img" in comment and "&#91;x&#93;&#40;javascript" in comment


# --------------------------------------------------------------------------- a simulated run over hostile data

def _context(tmp_path: Path) -> dict:
    return {
        "github": {
            "token": "fake-token",
            "repository": BASE,
            "event": {
                "repository": {"default_branch": "main"},
                "workflow_run": {"id": 4242, "event": "pull_request", "conclusion": "success",
                                 "head_sha": HEAD_SHA, "head_branch": "add-papers",
                                 "head_repository": {"full_name": FORK}},
            },
        },
        "runner": {"temp": str(tmp_path / "runner-temp")},
    }


def simulate(tmp_path: Path, workflow: dict, artifact: Path, api_files: list[str], ledger: dict | None = None):
    """The build job of fork-preview.yml over ``artifact``, in a base checkout of this project.

    The arXiv API the collection diff asks is the recorded one on 127.0.0.1
    (``arxiv_requests`` on the result lists what was asked). ``ledger``: the GitHub API's answer
    for the live site's permalinks.json (default: none was published).
    """
    recorded = Recorded()
    with serve(recorded) as url:
        base, run, uploads = _simulate(tmp_path, workflow, artifact, api_files, endpoints(url)["arxiv"], ledger)
    run.arxiv_requests = [u for u, _ in recorded.requests]
    return base, run, uploads


def _simulate(tmp_path, workflow, artifact, api_files, arxiv_endpoint, ledger=None):
    base = make_site_project(tmp_path / "checkout", {"base.yml": (VALID[0].parent / "plain.yml").read_text()})
    (base.root / ".venv").symlink_to(Path(sys.executable).parent.parent)
    temp = tmp_path / "runner-temp"
    temp.mkdir()
    bin_dir = tmp_path / "bin"
    answers = {f"repos/{BASE}/pulls/7": pr(changed=len(api_files)),
               f"repos/{BASE}/pulls/7/files": [files(*api_files)],
               # What the site published last (published/permalinks.json): none, a first publication.
               github.ledger_path(BASE): ledger or {"status": 404}}
    gh_env = github.install(bin_dir, answers, tmp_path / "answers.json")
    uploads: dict[str, Path] = {}

    def checkout(step, context, workdir):
        assert evaluate(step["with"]["ref"].strip("${} "), context) == "main"

    def download(step, context, workdir):
        assert step["with"]["name"] == "fork-preview-request" and step["with"]["run-id"] == "4242"
        shutil.copytree(artifact, step["with"]["path"], symlinks=True)

    def upload(step, context, workdir):
        uploads[step["with"]["name"]] = workdir / step["with"]["path"]

    fakes = {"actions/checkout": checkout, "actions/setup-python": lambda *a: None,
             "actions/download-artifact": download, "actions/upload-artifact": upload,
             # The base checkout here uses this test run's venv (the same pinned requirements).
             "Install the build dependencies": lambda *a: None}
    env = {**bash_env(), "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "GITHUB_REPOSITORY": BASE,
           "GITHUB_REPOSITORY_OWNER": BASE.split("/")[0], **gh_env, "PAPER_ATLAS_ENDPOINT_ARXIV": arxiv_endpoint}
    for name in ("SITE_URL", "SITE_DIR", "OFFLINE"):
        env.pop(name, None)
    run = run_job(workflow, "build", base.root, _context(tmp_path), fakes, env)
    return base, run, uploads


def hostile_artifact(tmp_path: Path) -> Path:
    files_ = {f"data/sources/{p.name}": p.read_bytes() for p in VALID}
    return request(tmp_path, files_)


class Executable(html.parser.HTMLParser):
    """Everything in a page that could run or load: scripts, handlers, frames, forms, URLs."""

    #: Elements that run, load or submit something (an inline SVG drawing is none of these: its scripts,
    #: handlers, foreignObject and links are caught as such).
    TAGS = {"script", "iframe", "frame", "object", "embed", "base", "form", "meta", "link", "style", "img",
            "audio", "video", "source", "foreignobject", "math", "template", "portal", "use", "image"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: set[str] = set()
        self.handlers: list[str] = []
        self.urls: list[str] = []
        self._script: list | None = None

    def handle_starttag(self, tag, attrs):
        attrs = [(k.lower(), v or "") for k, v in attrs]
        self.handlers += [f"{tag} {k}" for k, _ in attrs if k.startswith("on")]
        self.urls += [v for k, v in attrs if k in ("href", "src", "action", "formaction", "data", "xlink:href",
                                                    "srcdoc", "poster", "background")]
        if tag in self.TAGS and not self._inert(tag, dict(attrs)):
            shown = sorted((k, self._url(v) if k in ("href", "src") else v) for k, v in attrs if k != "id")
            self._pending = f"{tag} {shown}"
            if tag == "script" and not any(k == "src" for k, _ in attrs):
                self._script = [self._pending]
            else:
                self.found.add(self._pending)

    @staticmethod
    def _inert(tag: str, attrs: dict) -> bool:
        """Metadata and navigation links: data for readers and crawlers, nothing that runs or loads a resource."""
        if tag == "meta":
            return "http-equiv" not in attrs and "charset" not in attrs or "charset" in attrs
        if tag == "link":
            return attrs.get("rel", "").lower() in ("canonical", "alternate", "prev", "next", "author", "license")
        return False

    @staticmethod
    def _url(value: str) -> str:
        """A resource URL by its file name (page depth and site URL differ between builds), hashes masked."""
        name = value.split("?")[0].rstrip("/").rsplit("/", 1)[-1]
        return re.sub(r"[0-9a-f]{8,}", "~", name)

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            head, body = self._script[0], "".join(self._script[1:])
            if "json" in head:
                json.loads(body)  # data for the page's scripts, never code: it must parse as JSON
                assert "<" not in body, body[:200]
                self.found.add(head)
            else:
                # Paths relative to the page, or to the site root, differ by page and by build.
                self.found.add(head + " " + re.sub(r'"(?:\.\./)*\.\.?"|"/[\w./-]*"', '"~"', body))
            self._script = None


def executables(site: Path) -> tuple[set[str], list[str], list[str]]:
    found, handlers, urls = set(), [], []
    for page in sorted(site.rglob("*.html")):
        parser = Executable()
        parser.feed(page.read_text(encoding="utf-8"))
        found |= parser.found
        handlers += [f"{page.relative_to(site)}: {h}" for h in parser.handlers]
        urls += parser.urls
    return found, handlers, urls


#: A harmless record with math: pages with math load KaTeX, pages without do not.
HARMLESS_MATH = '- title: "A harmless paper with math"\n  abstract: "We minimise $x^2 + y^2$ over the unit disc."\n'


@pytest.fixture(scope="module")
def harmless_site(tmp_path_factory) -> Path:
    """The same templates built over harmless records: what the templates themselves contain."""
    project = make_site_project(tmp_path_factory.mktemp("harmless"), {
        "plain.yml": (VALID[0].parent / "plain.yml").read_text(), "math.yml": HARMLESS_MATH})
    proc = project.mkdocs_build()
    assert proc.returncode == 0, proc.stderr
    return project.site


def test_a_simulated_run_over_hostile_records_builds_a_preview_with_nothing_executable(
        tmp_path, workflow, harmless_site):
    artifact = hostile_artifact(tmp_path)
    base, run, uploads = simulate(tmp_path, workflow, artifact, [f"data/sources/{p.name}" for p in VALID])
    assert job_outputs(workflow, "build", run) == {"action": "deploy", "number": "7"}
    assert "Build the preview (strict)" in run.ran and not run.skipped
    site = uploads["fork-preview-site"]
    catalog = json.loads((site / "papers.json").read_text())
    assert len(catalog) >= len(VALID) * 3  # the hostile records, not the base's
    assert all(s.split(":")[0].startswith("data/sources/") for p in catalog for s in p["sources"])
    canonical = (site / "index.html").read_text()
    assert f'href="https://maintainers.github.io/paper-atlas/pr-preview/pr-7/"' in canonical
    found, handlers, urls = executables(site)
    allowed, _, _ = executables(harmless_site)
    assert handlers == []
    assert [u for u in urls if dangerous_url(u)] == []
    assert found - allowed == set(), "elements that only the hostile records' preview has"
    comment = uploads["fork-preview-comment"].read_text()
    assert comment.startswith("### Preview of this pull request's data")
    assert "https://maintainers.github.io/paper-atlas/pr-preview/pr-7/" in comment
    assert "### What the new records lack" in comment and "names no authors" in comment
    assert all(u.startswith("/export.arxiv.org/api/query?id_list=") for u in run.arxiv_requests)
    assert not re.search(r"(?<!\\)<(script|img|iframe|svg)", comment) and "](javascript" not in comment


def test_a_simulated_run_refuses_a_pr_that_changes_code(tmp_path, workflow):
    base, run, uploads = simulate(tmp_path, workflow, request(tmp_path),
                                  ["data/sources/new.yml", "hooks/generate.py"])
    assert job_outputs(workflow, "build", run) == {"action": "refuse", "number": "7"}
    assert "Build the preview (strict)" in run.skipped and "fork-preview-site" not in uploads
    comment = uploads["fork-preview-comment"].read_text()
    assert "changes files other than data&#58; hooks&#47;generate&#46;py" in comment  # escaped Markdown


def test_a_simulated_run_refuses_a_request_with_a_symlink(tmp_path, workflow):
    artifact = request(tmp_path)
    os.symlink("/etc/passwd", artifact / "data" / "sources" / "passwd.yml")
    base, run, uploads = simulate(tmp_path, workflow, artifact, ["data/sources/new.yml"])
    assert job_outputs(workflow, "build", run)["action"] == "refuse"
    assert "is a symbolic link" in uploads["fork-preview-comment"].read_text()
    assert not (base.root / "data" / "sources" / "passwd.yml").exists()


PLANTED = """<!doctype html><title>planted</title><div class="md-content">
<img src="x" onerror="window.__pwned=1"><script>document.title='pwned'</script>
<iframe srcdoc="<script>alert(1)</script>"></iframe><a href=" javascript:alert(1)">x</a>
<svg><foreignObject></foreignObject></svg><meta http-equiv="refresh" content="0;url=http://203.0.113.9/"></div>"""


def test_the_detector_sees_what_a_record_could_plant(tmp_path, harmless_site):
    site = tmp_path / "site"
    shutil.copytree(harmless_site, site)
    (site / "planted.html").write_text(PLANTED)
    found, handlers, urls = executables(site)
    allowed, _, _ = executables(harmless_site)
    assert handlers == ["planted.html: img onerror"]
    assert [u for u in urls if dangerous_url(u)] == [" javascript:alert(1)"]
    new = found - allowed
    assert {n.split()[0] for n in new} == {"img", "script", "iframe", "foreignobject", "meta"}
