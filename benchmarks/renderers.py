"""Renderers compared on the same generated pages: MkDocs, ProperDocs, Zensical.

    python benchmarks/renderers.py [--papers 10000] [--zensical PATH]

Synthesises a realistic project (benchmarks/corpus.py, as ``run.py`` does),
generates its pages once (``python -m generator build``), then builds them with

- ``mkdocs build --strict`` (one process; the hook finds docs/ up to date);
- ``properdocs build --strict`` (requirements-dev.txt), and compares the two
  sites file by file;
- ``zensical build`` if ``--zensical`` names its executable (Zensical is no
  dependency of the project: install it in a venv of its own, e.g.
  ``python -m venv /tmp/z && /tmp/z/bin/pip install zensical``). Zensical runs
  no hooks and its templates are MiniJinja, so it builds from a copy of
  mkdocs.yml without ``custom_dir: overrides`` (with them it stops on the
  first template that uses MkDocs' context or a Python method).

For each: wall and CPU seconds, peak memory of the process tree, HTML files,
site size and mean HTML per paper page. Not a test: figures go to
benchmarks/README.md and docs/guide/scaling.md with machine, date and command.
"""
from __future__ import annotations

import argparse
import filecmp
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as bench  # noqa: E402

EPOCH = {"SOURCE_DATE_EPOCH": "1767225600"}  # one build time for every sitemap


def _site_figures(site: Path) -> dict:
    pages = list(site.glob("papers/*/index.html"))
    return {"html_files": sum(1 for _ in site.rglob("*.html")),
            "site_mib": round(sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 2**20, 1),
            "paper_page_kb": round(sum(p.stat().st_size for p in pages) / max(len(pages), 1) / 1024, 1)}


def measure(name: str, cmd: list[str], proj: Path, site: Path, **env: str) -> dict:
    wall, peak, _ = bench.run_measured(cmd, proj, {**bench.ENV, **EPOCH, **env})
    row = {"renderer": name, "wall_s": round(wall, 1), "cpu_s": round(bench.CPU[" ".join(cmd)], 1),
           "peak_mib": round(peak), **_site_figures(site)}
    print(row, file=sys.stderr, flush=True)
    return row


def differing(a: Path, b: Path) -> list[str]:
    """Files that are not byte-identical between two sites (missing on either side included)."""
    names = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    names |= {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    return sorted(n for n in names if not ((a / n).is_file() and (b / n).is_file()
                                           and filecmp.cmp(a / n, b / n, shallow=False)))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--papers", type=int, default=10000)
    ap.add_argument("--zensical", help="the zensical executable (in a venv of its own)")
    args = ap.parse_args()
    where = Path(tempfile.mkdtemp(prefix="pa-renderers-"))
    proj = bench.make_project(where, args.papers, "realistic")
    wall, peak, out = bench.run_measured([str(bench.BIN / "python"), "-m", "generator", "build"], proj)
    print(f"generate: {wall:.1f} s wall, {peak:.0f} MiB; {out.strip().splitlines()[0]}", file=sys.stderr)
    config = str(proj / "mkdocs.yml")
    rows = [measure("mkdocs", [str(bench.BIN / "mkdocs"), "build", "--strict", "-q", "-f", config,
                               "-d", str(where / "mkdocs")], proj, where / "mkdocs"),
            measure("properdocs", [str(bench.BIN / "properdocs"), "build", "--strict", "-q", "-f", config,
                                   "-d", str(where / "properdocs")], proj, where / "properdocs")]
    print(f"properdocs vs mkdocs: {len(differing(where / 'mkdocs', where / 'properdocs'))} files differ")
    if args.zensical:
        plain = proj / "zensical.yml"
        plain.write_text((proj / "mkdocs.yml").read_text(encoding="utf-8")
                         .replace("  custom_dir: overrides\n", ""), encoding="utf-8")
        # Zensical wants its site_dir inside the project.
        rows.append(measure("zensical", [args.zensical, "build", "-f", str(plain)], proj, proj / "site-zensical",
                            SITE_DIR=str(proj / "site-zensical")))
    print(" | ".join(rows[0]))
    for row in rows:
        print(" | ".join(str(v) for v in row.values()))
    shutil.rmtree(where)


if __name__ == "__main__":
    main()
