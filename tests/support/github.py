"""A fake ``gh`` command for simulated workflow runs (tests/support/actions.py): it answers
``gh api …`` from a JSON file of answers (``FAKE_GH_ANSWERS``: API path → answer), as the GitHub
API would: a JSON value is printed as JSON, ``{"raw": text}`` as the text (a file's contents asked
with ``Accept: application/vnd.github.raw``), ``{"status": 404}`` (or 500 …) fails as gh fails,
with its message on standard error. A path with no answer fails the run loudly."""
from __future__ import annotations

import json
import sys
from pathlib import Path

FAKE_GH = """\
#!{python}
import json, os, sys
args = sys.argv[1:]
assert args[0] == "api", args
assert os.environ.get("GH_TOKEN") == "fake-token", "gh gets the token through the environment"
path = args[-1].split("?")[0]
answers = json.loads(open(os.environ["FAKE_GH_ANSWERS"]).read())
if path not in answers:
    sys.exit(f"gh: no fake answer for {{path}}")
answer = answers[path]
if isinstance(answer, dict) and "status" in answer:
    sys.stderr.write("gh: Not Found (HTTP 404)\\n" if answer["status"] == 404 else f"gh: Server Error (HTTP {{answer['status']}})\\n")
    sys.exit(1)
sys.stdout.write(answer["raw"] if isinstance(answer, dict) and "raw" in answer else json.dumps(answer))
"""


def install(bin_dir: Path, answers: dict, answers_file: Path) -> dict[str, str]:
    """A fake ``gh`` in ``bin_dir`` answering ``answers``; the environment variables it needs."""
    bin_dir.mkdir(parents=True, exist_ok=True)
    (bin_dir / "gh").write_text(FAKE_GH.format(python=sys.executable))
    (bin_dir / "gh").chmod(0o755)
    answers_file.write_text(json.dumps(answers))
    return {"FAKE_GH_ANSWERS": str(answers_file)}


def ledger_path(repository: str) -> str:
    """The API path the published action asks for the live site's ledger."""
    return f"repos/{repository}/contents/permalinks.json"
