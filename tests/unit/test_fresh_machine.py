"""The README's two commands do all the set-up on a fresh machine: ``make test`` installs what the
tests need from Debian (``.ci/system-deps``) or stops at once with the one command that does, and
CI runs exactly those two commands."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / ".ci" / "system-deps"
BASH = shutil.which("bash")


def shims(folder: Path, uid: int, present: tuple[str, ...]) -> dict[str, str]:
    """A PATH holding only ``id`` (saying ``uid``) and the commands ``present``."""
    folder.mkdir()
    for name, body in {"id": f"echo {uid}", **{n: "true" for n in present}}.items():
        (folder / name).write_text(f"#!{BASH}\n{body}\n")
        (folder / name).chmod(0o755)
    return {**os.environ, "PATH": str(folder)}


def run(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([BASH, str(SCRIPT)], env=env, capture_output=True, text=True, timeout=60)


def test_a_user_without_the_tools_is_told_the_one_command(tmp_path):
    out = run(shims(tmp_path / "bin", 1000, ()))
    assert out.returncode == 1 and out.stdout == ""
    assert ("sudo sh -c 'apt-get update && apt-get install -y --no-install-recommends "
            "chromium fonts-dejavu-core biber default-jre-headless npm'") in out.stderr


def test_only_what_is_missing_is_named(tmp_path):
    out = run(shims(tmp_path / "bin", 1000, ("chromium", "java", "npm")))
    assert out.returncode == 1 and "--no-install-recommends biber'" in out.stderr


def test_nothing_happens_when_everything_is_there(tmp_path):
    out = run(shims(tmp_path / "bin", 1000, ("chromium", "biber", "java", "npm")))
    assert (out.returncode, out.stdout, out.stderr) == (0, "", "")


def test_make_test_runs_it_first_and_ci_runs_the_readme_commands():
    # Under `make test` itself the make run here is a sub-make: without the flags below it would
    # open its output with "make[1]: Entering directory …".
    env = {k: v for k, v in os.environ.items() if k not in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS")}
    dry = subprocess.run(["make", "--no-print-directory", "-n", "-B", "test"], cwd=ROOT, capture_output=True,
                         text=True, timeout=60, env=env).stdout
    lines = dry.splitlines()
    assert lines[0] == "bash .ci/system-deps"
    assert lines.index("bash .ci/system-deps") < next(i for i, l in enumerate(lines) if "npm ci" in l)
    ci = [l.strip() for l in (ROOT / ".ci" / "run").read_text().splitlines() if l.strip() and not l.startswith("#")]
    assert ci[-2:] == ["make site", "make test"] and not [l for l in ci if "apt-get" in l]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make site" in readme and "make test" in readme
