"""The hostile corpus (``tests/hostile/valid/*.yml``), read independently of the
generator's readers, and the site built from it (the ``hostile`` fixture in
``conftest.py``): shared by the hostile, browser, interrupt and preview tests."""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import yaml

from generator.sources.yaml_records import LATEX_FIELDS

from .project import Project, make_site_project

HOSTILE = Path(__file__).resolve().parents[1] / "hostile"
VALID = sorted((HOSTILE / "valid").glob("*.yml"))


#: The LaTeX the corpus holds outside math, and what a reader sees of it: YAML text is not
#: LaTeX, so only unambiguous commands are decoded (written out here, not computed by the code
#: under test); ``{{ … }}``, ``~``, ``\\\\``, ``$…$`` and every other character stay as written.
DECODED = {r"\href{javascript:alert(1)}{click}": "click", r"\url{javascript:alert(1)} ": "javascript:alert(1) ",
           r"\textbf{bold}": "bold", r"\emph{em}": "em", r'{\"o}': "ö", r"100\%": "100%", r"\{ braces": "{ braces"}


def shown(value: str) -> str:
    """A text field of the corpus as a reader must see it."""
    for written, decoded in DECODED.items():
        value = value.replace(written, decoded)
    return nfc(value)


@dataclass(frozen=True)
class Record:
    file: str
    line: int
    data: dict

    @property
    def key(self) -> str:
        return f"{self.file}:{self.line}"

    @property
    def ref(self) -> str:
        return f"data/sources/{self.file}:{self.line}"

    def text(self, name: str) -> str:
        """What a reader must see of the field: :func:`shown` for the text fields, the value as
        written for the others."""
        value = self.data.get(name) or ""
        return shown(value) if name in LATEX_FIELDS else nfc(value)

    def authors(self) -> list[str]:
        return [a for a in (shown(x) for x in self.data.get("authors") or ()) if a]


#: Control characters that are not whitespace: no page can show them.
CONTROLS = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")


def nfc(text: str) -> str:
    """The text a reader must see: the source text, Unicode NFC, whitespace runs as one space,
    control characters (which nothing can show) left out; nothing at all where every character
    left is an invisible format character (a lone zero-width space or soft hyphen is no text)."""
    shown = " ".join(unicodedata.normalize("NFC", CONTROLS.sub("", str(text))).split())
    return shown if any(not c.isspace() and unicodedata.category(c) != "Cf" for c in shown) else ""


def corpus() -> list[Record]:
    out = []
    for path in VALID:
        text = path.read_text(encoding="utf-8")
        for node, data in zip(yaml.compose(text).value, yaml.safe_load(text)):
            out.append(Record(path.name, node.start_mark.line + 1, data))
    return out


RECORDS = corpus()

#: Source files whose name is hostile: made at test time (git and other systems may refuse them).
HOSTILE_FILE_NAMES = {
    "<img src=x onerror=alert(1)>.yml": "- title: From a file with a markup name\n  abstract: The file name is an HTML tag.\n",
    "new\nline.yml": "- title: From a file with a newline in its name\n  abstract: The file name holds a line end.\n",
    "日本語 ファイル {{x}}.yml": "- title: From a file with a CJK name\n  abstract: The file name is Japanese with braces.\n",
}


def dangerous_url(value: str) -> bool:
    """A URL a browser would run or render as a document: javascript:, vbscript:, data:text/html."""
    squeezed = re.sub(r"[\x00-\x20]+", "", unquote(value)).lower()
    return squeezed.startswith(("javascript:", "vbscript:", "data:text/html", "data:image/svg"))


def page_file(site: Path, url: str) -> Path:
    path = site / url
    return path / "index.html" if url.endswith("/") or not url.endswith(".html") else path


# --- the hostile site, built once for the module ----------------------------------------

@dataclass
class Built:
    project: Project
    site: Path
    catalog: list[dict]
    stderr: str

    def paper(self, ref: str) -> dict:
        found = [p for p in self.catalog if ref in p["sources"]]
        assert len(found) == 1, f"{ref}: on {len(found)} papers"
        return found[0]

    def html(self, paper: dict) -> str:
        return page_file(self.site, paper["url"]).read_text(encoding="utf-8")


def hostile_sources() -> dict[str, str]:
    found = {p.name: p.read_text(encoding="utf-8") for p in VALID}
    return {**found, **HOSTILE_FILE_NAMES}


def build_hostile(folder: Path) -> Built:
    """The hostile corpus built by ``mkdocs build --strict`` in a throwaway project under ``folder``."""
    project = make_site_project(folder, hostile_sources())
    out = project.mkdocs_build()
    assert out.returncode == 0, out.stdout + out.stderr
    assert "Traceback" not in out.stderr
    catalog = json.loads((project.site / "papers.json").read_text(encoding="utf-8"))
    return Built(project, project.site, catalog, out.stderr)
