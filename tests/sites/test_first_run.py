"""What a first-time user meets: the Makefile's targets, the hints the build
prints, the YAML error wording, duplicate fields, one LaTeX rule for every
format, and the build summary that lists a warning once.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator import pipeline
from generator.sources import read_source, yaml_records
from support.project import ROOT, make_site_project

GOOD = """\
- title: Deep Sets
  abstract: We study the problem of designing models for machine learning tasks defined on sets.
  authors: [Manzil Zaheer]
  published: 2017-03-10
"""


def make(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "--no-print-directory", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300)


# --- the Makefile -----------------------------------------------------------------------------

def _targets() -> list[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    (phony,) = re.findall(r"^\.PHONY:(.*)$", text, re.M)
    return phony.split()


def test_make_help_lists_every_target_with_a_sentence():
    out = make("help")
    assert out.returncode == 0, out.stderr
    for target in _targets():
        assert re.search(rf"^  make {target}\s+\S", out.stdout, re.M), (target, out.stdout)


def test_make_site_installs_the_site_requirements_only():
    plan = make("-n", "-B", "site").stdout
    assert "requirements.txt" in plan and "requirements-dev.txt" not in plan and "npm" not in plan
    test_plan = make("-n", "-B", "test").stdout
    assert "requirements-dev.txt" in test_plan and "npm ci" in test_plan
    # Every test tool is in requirements-dev.txt, none in requirements.txt.
    site = (ROOT / "requirements.txt").read_text(encoding="utf-8").lower()
    for tool in ("pytest", "playwright", "hypothesis", "scikit-learn"):
        assert f"\n{tool}==" not in site


def test_make_clean_removes_every_generated_file(tmp_path):
    project = make_site_project(tmp_path / "p", {"a.yml": GOOD})
    shutil.copy(ROOT / "Makefile", project.root / "Makefile")
    shutil.copytree(ROOT / "generator", project.root / "generator",
                    ignore=shutil.ignore_patterns("__pycache__"))
    hand = sorted(p.relative_to(project.root).as_posix() for p in project.docs.rglob("*"))
    built = project.mkdocs_build()
    assert built.returncode == 0, built.stderr
    (project.root / "site-offline").mkdir()
    (project.root / "test-output").mkdir()
    assert len(list(project.docs.rglob("*"))) > len(hand)
    out = make("clean", f"PYTHON={sys.executable}", cwd=project.root)
    assert out.returncode == 0, out.stderr
    assert sorted(p.relative_to(project.root).as_posix() for p in project.docs.rglob("*")) == hand
    for folder in ("site", "site-offline", "test-output"):
        assert not (project.root / folder).exists()


# --- the build's hints and summary --------------------------------------------------------------

WARNED = GOOD + "".join(
    f"- abstract: This abstract has no title of its own number {n} and looks cut off at the end of\n" for n in range(5))


def test_warnings_are_listed_once_then_only_counted(tmp_path):
    project = make_site_project(tmp_path, {"a.yml": WARNED}, site=False)
    first = project.generator("build")
    assert first.returncode == 0, first.stderr
    listed = [line for line in first.stdout.splitlines() if ": warning: " in line]
    assert listed and "make check lists them all" in first.stdout
    again = project.generator("build", "--force")  # a rebuild (as under `make serve`): counted, not listed
    assert again.returncode == 0
    assert not [line for line in again.stdout.splitlines() if ": warning: " in line], again.stdout
    assert re.search(r"^\d+ data warnings \(", again.stdout, re.M)
    (project.sources / "b.yml").write_text("- abstract: One more abstract without any title and cut off at\n",
                                           encoding="utf-8")
    third = project.generator("build")
    new = [line for line in third.stdout.splitlines() if ": warning: " in line]
    assert any("b.yml" in line for line in new) and not any("a.yml" in line for line in new), third.stdout


def test_the_hint_names_a_command_that_works():
    # The summary's hint is a Makefile target that runs the check.
    assert pipeline.CHECK_HINT.startswith("make check")
    plan = make("-n", "check").stdout
    assert "-m generator check" in plan


def test_check_reads_only_the_files_it_is_given(tmp_path):
    project = make_site_project(tmp_path, {"a.yml": GOOD, "b.yml": "- title: x\n  authors: {a: 1}\n"}, site=False)
    one = project.generator("check", str(project.sources / "a.yml"))
    assert one.returncode == 0, one.stdout + one.stderr
    assert "b.yml" not in one.stdout and "1 papers" not in one.stdout and "a.yml: read as yaml" in one.stdout
    both = project.generator("check")
    assert both.returncode == 1 and "b.yml" in both.stdout


def test_the_readme_never_tells_to_run_a_bare_python():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    bare = [line for line in readme.splitlines() if re.search(r"(?<![/\w.])python -m generator", line)]
    assert not bare, bare


def test_python_without_the_dependencies_says_what_to_run(tmp_path):
    # A Python without PyYAML, Jinja, MkDocs: what a user gets outside .venv.
    out = subprocess.run([sys.executable, "-S", "-m", "generator", "check"], cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 1
    assert "Traceback" not in out.stderr and "make check" in out.stderr and ".venv/bin/python" in out.stderr


# --- YAML errors in plain words -----------------------------------------------------------------

SYNTAX = [
    ("- title: U-Net: Convolutional\n  abstract: x\n", 1, "put the value in quotes"),
    ("- title: A\n  abstract: x\n authors: [a]\n", 3, "indented differently"),
    ("- title: A\n\tabstract: x\n", 2, "tab"),
    ('- title: "A\n  abstract: x\n', 1, "quote opened on this line is never closed"),
    ("- title: A\n  authors: [a, b\n  abstract: x\n", 2, "not closed with ]"),
    ('- title: "A" B\n  abstract: x\n', 1, "text follows a quoted value"),
    ("- title: A\n  abstract x\n  venue: y\n", 2, "is not 'field: value'"),
    ("- title: A\n  abstract: x\n - title: B\n", 3, "indented differently"),
]


@pytest.mark.parametrize("text, line, phrase", SYNTAX)
def test_yaml_syntax_errors_say_what_is_wrong_in_plain_words(text, line, phrase):
    _, result = read_source("data/sources/a.yml", text.encode())
    (problem,) = result.problems
    assert problem.is_error and problem.line == line and phrase in problem.message, problem
    for jargon in ("<block end>", "<scalar>", "block mapping", "simple key", "flow sequence", "token"):
        assert jargon not in problem.message


# --- duplicate fields ---------------------------------------------------------------------------

TWICE = "- title: First\n  abstract: An abstract.\n  title: Second\n- title: Fine\n  abstract: Another.\n"


def test_a_field_given_twice_is_an_error_naming_both_lines():
    _, result = read_source("data/sources/a.yml", TWICE.encode())
    (problem,) = result.problems
    assert problem.is_error and problem.line == 3 and "lines 1 and 3" in problem.message and "'title'" in problem.message
    assert [r.title for r in result.records] == ["Fine"]


@pytest.mark.parametrize("loader", ["SafeLoader", "CSafeLoader"])
def test_duplicate_fields_are_found_in_the_nodes_of_either_yaml_loader(loader):
    if not hasattr(yaml, loader):
        pytest.fail(f"PyYAML without {loader}: requirements.txt pins a build with libyaml")
    root = yaml.compose(TWICE, Loader=getattr(yaml, loader))
    problems = [p for node in root.value for p in yaml_records.duplicate_keys(node, "a.yml")]
    assert [(p.line, "lines 1 and 3" in p.message) for p in problems] == [(3, True)]


# --- one LaTeX rule -----------------------------------------------------------------------------

BIB = r"""@article{a, title = {\textit{Deep} Sets for G{\"o}del's 92\% {BERT}}, author = {M{\"u}ller, Anna}, year = 2017}"""
YML = r"""- title: "\\textit{Deep} Sets for G{\\\"o}del's 92\\% {BERT}"
  authors: ["M{\\\"u}ller, Anna"]
  abstract: "Keeps $\\alpha$ math."
"""


def test_latex_commands_in_a_yaml_record_read_as_in_bibtex_and_its_braces_stay():
    """The commands (\\textit, {\\"o}, \\%) are unambiguous LaTeX in any format; bare braces are
    BibTeX's case protection but a YAML author's own characters."""
    _, bib = read_source("a.bib", BIB.encode())
    _, yml = read_source("a.yml", YML.encode())
    assert not bib.problems and not yml.problems
    assert bib.records[0].title == "Deep Sets for Gödel's 92% BERT"
    assert yml.records[0].title == "Deep Sets for Gödel's 92% {BERT}"
    assert yml.records[0].authors == ("Müller, Anna",) and yml.records[0].abstract == "Keeps $\\alpha$ math."


# --- charts and counts --------------------------------------------------------------------------

def test_a_year_chart_with_one_paper_a_year_has_no_zero_line_mid_height():
    from generator.site import charts

    svg = charts.column_chart("c", [("2019", 1), ("2020", 1), ("2021", 1)], "t", "d", "c")
    grid = re.findall(r'<line class="pa-grid"[^>]*y1="([\d.]+)"', svg)
    labels = re.findall(r'<text class="pa-axis" x="34" y="([\d.]+)" text-anchor="end">(\d+)</text>', svg)
    assert len(grid) == 1 and [v for _, v in labels] == ["1", "0"]
    (one_y, _), (zero_y, _) = labels
    assert float(zero_y) > float(one_y) + 200  # 0 is at the axis, 1 at the top
    assert "2019: 1 paper</title>" in svg and "1 papers" not in svg
    tall = charts.column_chart("c", [("2019", 10), ("2020", 3)], "t", "d", "c")
    assert [v for _, v in re.findall(r'<text class="pa-axis" x="34" y="([\d.]+)" text-anchor="end">(\d+)</text>', tall)] == ["5", "10", "0"]


def test_counts_of_one_are_singular_in_the_build_output(tmp_path):
    from generator.text.normalise import counted

    assert (counted(1, "paper"), counted(0, "paper"), counted(2, "paper")) == ("1 paper", "0 papers", "2 papers")
    project = make_site_project(tmp_path, {"a.yml": GOOD})
    checked = project.generator("check")
    assert "1 paper; 0 errors, 0 warnings" in checked.stdout, checked.stdout
    built = project.mkdocs_build()
    assert built.returncode == 0, built.stderr
    for page in project.site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"\b1 (papers|topics|tags)\b", text), page


# --- site_url -----------------------------------------------------------------------------------

def test_site_url_defaults_to_the_github_pages_address_of_the_remote(tmp_path):
    from generator.config import LOCAL_SITE_URL, default_site_url, pages_url

    assert pages_url("https://github.com/lab/paper-atlas.git") == "https://lab.github.io/paper-atlas/"
    assert pages_url("git@github.com:Lab/papers") == "https://lab.github.io/papers/"
    assert pages_url("https://github.com/lab/lab.github.io") == "https://lab.github.io/"
    assert pages_url("https://gitlab.com/lab/papers.git") is None and pages_url("/work/main") is None
    project = make_site_project(tmp_path / "p", {"a.yml": GOOD})
    subprocess.run(["git", "init", "-q", str(project.root)], check=True)
    subprocess.run(["git", "-C", str(project.root), "remote", "add", "origin", "git@github.com:lab/atlas.git"],
                   check=True)
    assert default_site_url(project.root, LOCAL_SITE_URL) == "https://lab.github.io/atlas/"
    assert default_site_url(project.root, "https://papers.example.org/") == "https://papers.example.org/"
    built = project.mkdocs_build()
    assert built.returncode == 0, built.stderr
    assert "https://lab.github.io/atlas/" in (project.site / "sitemap.xml").read_text(encoding="utf-8")
    assert "Sitemap: https://lab.github.io/atlas/sitemap.xml" in (project.site / "robots.txt").read_text(encoding="utf-8")
    other = project.mkdocs_build(project.root / "other", SITE_URL="https://papers.example.org/")
    assert other.returncode == 0, other.stderr
    assert "lab.github.io" not in (project.root / "other" / "sitemap.xml").read_text(encoding="utf-8")
