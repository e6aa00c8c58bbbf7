"""Outside checkers run by the tests: the Nu Html Checker (vnu) and biber.

Both are pinned: vnu by package.json (``make test`` installs it with
npm, offline after that; it needs Java), biber by Debian (``apt-get install
biber``, done by ``.ci/run``). Neither needs the network when it runs.

``MATERIAL_ALLOWED`` lists, one by one, the errors that Material for MkDocs'
own templates put on every page and that no override of ours removes cheaply;
every other error fails. Each entry matches the message and the markup vnu
quotes (its "extract"), so a similar error in our own markup is not hidden.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

#: (message pattern, extract pattern, why it is Material's and left alone).
MATERIAL_ALLOWED = (
    (r"^Attribute “autocomplete” is only allowed when the input type is",
     r'<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox"',
     "base.html's drawer and search toggles (checkboxes with autocomplete=off, which keeps Firefox "
     "from restoring their state); overriding it would mean copying all of base.html"),
    (r"^Bad value “” for attribute “tabindex” on element “label”",
     r'<label class="md-nav__link[^"]*" for="__nav_[0-9_]+" id="__nav_[0-9_]+_label" tabindex="">',
     "partials/nav-item.html prints tabindex=\"\" on section labels of the navigation; the fix "
     "would be a copy of the whole 180-line partial"),
)


@dataclass(frozen=True)
class Message:
    file: str
    line: int
    message: str
    extract: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}\n    {self.extract.strip()[:200]}"


def material_allowed(m: Message) -> bool:
    return any(re.search(msg, m.message) and re.search(extract, m.extract)
               for msg, extract, _ in MATERIAL_ALLOWED)


def vnu(files: list[Path]) -> list[Message]:
    """Errors the Nu Html Checker finds in ``files`` (one Java process for all)."""
    assert VNU_JAR.is_file(), "vnu.jar is missing: `make test` installs it (npm ci)"
    assert shutil.which("java"), "the Nu Html Checker needs Java (apt-get install default-jre-headless)"
    result = subprocess.run(["java", "-Xss4m", "-jar", str(VNU_JAR), "--errors-only", "--format", "json",
                             *map(str, files)], capture_output=True, text=True, timeout=600)
    report = json.loads(result.stderr or result.stdout or '{"messages": []}')
    out = []
    for m in report["messages"]:
        if m.get("type") not in ("error", "non-document-error"):
            continue
        name = m.get("url", "").removeprefix("file:")
        out.append(Message(name, int(m.get("lastLine", 0)), m.get("message", ""), m.get("extract", "")))
    return out


@dataclass(frozen=True)
class BiberReport:
    errors: list[str]
    #: (entry key, missing field or fields as biber names them, the message)
    missing: list[tuple[str, str, str]]
    other_warnings: list[str]


_MISSING = re.compile(r"WARN - Datamodel: Entry '([^']+)' \([^)]*\): Missing mandatory field "
                      r"(?:- one of '([^']+)' must be defined|'([^']+)')")


def biber(bib: Path, work: Path) -> BiberReport:
    """``biber --tool --validate-datamodel`` on a copy of ``bib`` in ``work``."""
    assert shutil.which("biber"), "biber is missing: apt-get install biber (.ci/run does)"
    work.mkdir(parents=True, exist_ok=True)
    target = work / bib.name
    shutil.copy(bib, target)
    result = subprocess.run(["biber", "--tool", "--validate-datamodel", "--nolog", target.name],
                            cwd=work, capture_output=True, text=True, timeout=600)
    lines = (result.stdout + result.stderr).splitlines()
    errors = [line for line in lines if "ERROR" in line]
    if result.returncode:
        errors.append(f"biber exited with {result.returncode}")
    missing, other = [], []
    for line in lines:
        if "WARN" not in line:
            continue
        m = _MISSING.search(line)
        if m:
            missing.append((m.group(1), m.group(2) or m.group(3), line))
        elif "WARNINGS:" not in line:
            other.append(line)
    return BiberReport(errors, missing, other)
