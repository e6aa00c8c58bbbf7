"""Run a GitHub Actions job's steps here, as a runner would, with fakes for the actions.

``run_job(workflow, job_id, workdir, context, fakes)`` takes the job from the
workflow file as it is and, step by step: evaluates the step's ``if``, its
``env`` and ``with`` expressions against ``context`` (``github``,
``runner``, ``steps``, ``env``); runs each ``run:`` script with
``bash --noprofile --norc -eo pipefail`` in ``workdir`` (``GITHUB_OUTPUT``,
``GITHUB_STEP_SUMMARY``, ``RUNNER_TEMP`` set, step outputs collected); and
hands each ``uses:`` step to ``fakes[action]`` (``action`` without its
``@sha``), or to ``fakes[step name]`` when a run step is to be replaced. An
action of the repository itself (``uses: $/.github/actions/x``, a composite
action) runs its own steps the same way, with its ``inputs``. A step no fake
covers and no script runs is an error, so a new step cannot be skipped
silently.

The expression language is the small part the project's workflows use:
property paths, single-quoted strings, ``==``, ``!=``, ``&&``, ``||``, ``!``
and parentheses.
"""
from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

_EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
_TOKEN = re.compile(r"\s*(?:(?P<str>'(?:[^']|'')*')|(?P<op>==|!=|&&|\|\||!|\(|\))|(?P<path>[A-Za-z_][\w.-]*))")


def _lookup(context: dict, path: str) -> Any:
    value: Any = context
    for part in path.split("."):
        value = value.get(part, "") if isinstance(value, dict) else ""
    return value


def evaluate(expr: str, context: dict) -> Any:
    """The value of one expression (without ``${{ }}``)."""
    tokens, pos = [], 0
    expr = expr.strip()
    while pos < len(expr):
        m = _TOKEN.match(expr, pos)
        if not m or m.end() == pos:
            raise ValueError(f"cannot evaluate {expr!r} at {expr[pos:]!r}")
        pos = m.end()
        if m["str"] is not None:
            tokens.append(("v", m["str"][1:-1].replace("''", "'")))
        elif m["op"]:
            tokens.append(("op", m["op"]))
        else:
            word = m["path"]
            tokens.append(("v", {"true": True, "false": False, "null": None}.get(word, _lookup(context, word))
                           if word in ("true", "false", "null") or "." in word or word in context else word))
    value, rest = _or(tokens)
    if rest:
        raise ValueError(f"cannot evaluate {expr!r}")
    return value


def _or(tokens):
    left, tokens = _and(tokens)
    while tokens[:1] == [("op", "||")]:
        right, tokens = _and(tokens[1:])
        left = left or right
    return left, tokens


def _and(tokens):
    left, tokens = _cmp(tokens)
    while tokens[:1] == [("op", "&&")]:
        right, tokens = _cmp(tokens[1:])
        left = left and right
    return left, tokens


def _cmp(tokens):
    left, tokens = _unary(tokens)
    while tokens[:1] in ([("op", "==")], [("op", "!=")]):
        op = tokens[0][1]
        right, tokens = _unary(tokens[1:])
        same = str(left).lower() == str(right).lower()  # GitHub compares strings case-insensitively
        left = same if op == "==" else not same
    return left, tokens


def _unary(tokens):
    if tokens[:1] == [("op", "!")]:
        value, tokens = _unary(tokens[1:])
        return not value, tokens
    if tokens[:1] == [("op", "(")]:
        value, tokens = _or(tokens[1:])
        assert tokens[:1] == [("op", ")")]
        return value, tokens[1:]
    return tokens[0][1], tokens[1:]


def interpolate(text: Any, context: dict) -> Any:
    """A string with every ``${{ … }}`` replaced by its value (other values as they are)."""
    if not isinstance(text, str):
        return text
    return _EXPR.sub(lambda m: str(evaluate(m.group(1), context)), text)


@dataclass
class JobRun:
    """What a simulated job did: step outputs, the scripts it ran, the steps faked, the summary."""

    outputs: dict[str, dict[str, str]] = field(default_factory=dict)
    ran: list[str] = field(default_factory=list)
    faked: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    summary: str = ""


Fake = Callable[[dict, dict, Path], None]  # (step with interpolated `with`, context, workdir)


def run_job(workflow: dict, job_id: str, workdir: Path, context: dict, fakes: dict[str, Fake],
            environ: dict[str, str]) -> JobRun:
    """Run the job's steps in order, as described in the module docstring."""
    job = workflow["jobs"][job_id]
    result = JobRun()
    temp = Path(context["runner"]["temp"])
    summary = temp / "step-summary.md"
    # A composite action's steps see the job's environment (``context["env"]``) too.
    env = {**context.get("env", {}), **workflow.get("env", {}), **job.get("env", {})}
    context = {**context, "steps": result.outputs, "env": env}
    for step in job["steps"]:
        name = step.get("name", step.get("uses", "?"))
        if "if" in step and not evaluate(step["if"], context):
            result.skipped.append(name)
            continue
        env = {k: str(interpolate(v, context)) for k, v in {**context["env"], **step.get("env", {})}.items()}
        action = step.get("uses", "").split("@")[0]
        fake = fakes.get(action) or fakes.get(name)
        if fake is not None:
            with_ = {k: interpolate(v, context) for k, v in step.get("with", {}).items()}
            fake({**step, "with": with_}, context, workdir)
            result.faked.append(name)
            continue
        if action.startswith("$/"):  # a composite action of this repository
            inner = _composite(action, step, context)
            ran = run_job(inner, "composite", workdir, {**context, "inputs": inner["inputs"]}, fakes, environ)
            result.ran += [f"{name}: {n}" for n in ran.ran]
            continue
        assert "run" in step, f"no fake for step {name!r} ({action})"
        output = temp / f"output-{len(result.ran)}"
        output.write_text("")
        proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                              cwd=workdir, capture_output=True, text=True, timeout=900,
                              env={**environ, **env, "GITHUB_OUTPUT": str(output),
                                   "GITHUB_STEP_SUMMARY": str(summary), "RUNNER_TEMP": str(temp)})
        assert proc.returncode == 0, f"step {name!r} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
        result.ran.append(name)
        if step.get("id"):
            lines = output.read_text().splitlines()
            result.outputs[step["id"]] = {"outputs": dict(line.split("=", 1) for line in lines if "=" in line)}
    result.summary = summary.read_text() if summary.exists() else ""
    return result


def _composite(action: str, step: dict, context: dict) -> dict:
    """The steps of a composite action of the repository as a job of one workflow, and its inputs
    (``with`` over the defaults)."""
    import yaml

    from support.project import ROOT

    spec = yaml.safe_load((ROOT / action[2:] / "action.yml").read_text(encoding="utf-8"))
    assert spec["runs"]["using"] == "composite", action
    inputs = {k: v.get("default", "") for k, v in spec.get("inputs", {}).items()}
    inputs.update({k: interpolate(v, context) for k, v in step.get("with", {}).items()})
    missing = [k for k, v in spec.get("inputs", {}).items() if v.get("required") and not inputs.get(k)]
    assert not missing, f"{action}: required inputs {missing} not given"
    return {"jobs": {"composite": {"steps": spec["runs"]["steps"]}}, "inputs": inputs}


def job_outputs(workflow: dict, job_id: str, run: JobRun) -> dict[str, str]:
    """The job's ``outputs:`` as the next jobs would see them in ``needs``."""
    context = {"steps": run.outputs}
    return {k: str(interpolate(v, context)) for k, v in workflow["jobs"][job_id].get("outputs", {}).items()}


def load_workflow(path) -> dict:
    """A workflow file as run_job takes it (YAML 1.1 reads the bare key ``on`` as True: put back)."""
    import yaml

    data = yaml.safe_load(open(path, encoding="utf-8").read())
    data["on"] = data.pop(True, data.get("on"))
    return data


def bash_env() -> dict[str, str]:
    """The environment a simulated step starts from: this one, without GitHub's variables."""
    return {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "RUNNER_"))}
