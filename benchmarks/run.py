"""Benchmark: the generator, the whole site build, and a bare MkDocs build.

    python benchmarks/run.py [--papers 1000 10000] [--full-build-max 20000]

For each size N it synthesises N papers (benchmarks/corpus.py), then measures
in the same run, on the same machine:

- generate: ``python -m generator build`` alone (sources → Markdown, catalog, search index);
- site:     ``mkdocs build --strict`` of the project (what ``make site`` runs; it generates too);
- bare:     a plain MkDocs-Material build of the same paper pages (same text,
            theme and search plugin, no nav entries, no hook) — the baseline;
- incremental: one record's abstract changed, then the generator again;
- search:   bytes a reader downloads for a query on our site vs. Material's
            ``search_index.json`` in the bare build.

Wall time and peak memory (max RSS of the child process) per step; site size.
Prints a table and writes benchmarks/results/latest.json.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
PROJECT_FILES = ["mkdocs.yml", "hooks", "overrides", "templates", "docs/about.md", "docs/assets",
                 "data/topics.yml", "data/curation.yml"]

BARE_MKDOCS = """site_name: Bare
site_url: http://127.0.0.1:8000/
theme:
  name: material
  font: false
plugins:
  - search
markdown_extensions: [attr_list, md_in_html, tables, toc]
nav:
  - index.md
validation:
  nav:
    omitted_files: ignore
  links:
    not_found: ignore
    unrecognized_links: ignore
"""


def run_measured(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """Run ``cmd`` under /usr/bin/time-like accounting: wall seconds and max RSS in MiB."""
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # child
        os.chdir(cwd)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        err = os.open(str(cwd / ".bench-stderr"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        os.dup2(err, 2)
        os.execve(cmd[0], cmd, ENV)
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{(cwd / '.bench-stderr').read_text()[-3000:]}")
    return elapsed, usage.ru_maxrss / 1024


def size_mib(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20


def make_project(where: Path, n: int) -> Path:
    proj = where / "project"
    for rel in PROJECT_FILES:
        src, dst = ROOT / rel, proj / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if src.is_dir() else shutil.copy)(src, dst)
    corpus.write(proj / "data" / "sources", n)
    return proj


def make_bare(where: Path, proj: Path) -> Path:
    bare = where / "bare"
    (bare / "docs").mkdir(parents=True)
    shutil.copytree(proj / "docs" / "papers", bare / "docs" / "papers")
    (bare / "docs" / "index.md").write_text("# Bare\n", encoding="utf-8")
    (bare / "mkdocs.yml").write_text(BARE_MKDOCS, encoding="utf-8")
    return bare


def query_bytes(site: Path, query: str) -> int:
    """Bytes of index data our search downloads for ``query`` (manifest, shards, result chunks)."""
    sys.path.insert(0, str(ROOT))
    from generator import search

    index = site / search.FOLDER
    manifest = json.loads((index / "manifest.json").read_text(encoding="utf-8"))
    split = set(manifest["split"])
    total = (index / "manifest.json").stat().st_size
    docs: dict[int, int] = {}
    for term in dict.fromkeys(search.terms(query)):
        path = index / "t" / f"{search.shard_key(term, split).encode().hex()}.json"
        if path.exists():
            total += path.stat().st_size
            shard = json.loads(path.read_text(encoding="utf-8"))
            for k, (deltas, scores) in shard.items():
                if k == term or k.startswith(term):
                    doc = 0
                    for d, s in zip(deltas, scores):
                        doc += d
                        docs[doc] = docs.get(doc, 0) + s
    top = sorted(docs, key=lambda d: -docs[d])[:10]
    for c in {d // manifest["chunk"] for d in top}:
        total += (index / "d" / f"{c}.json").stat().st_size
    assets = ROOT / "docs" / "assets" / "search.js"
    return total + assets.stat().st_size


def bench(n: int, full_build: bool) -> dict:
    with tempfile.TemporaryDirectory(prefix=f"bench-{n}-") as tmp:
        where = Path(tmp)
        proj = make_project(where, n)
        py = str(BIN / "python")
        row: dict = {"papers": n}
        row["generate_s"], row["generate_mib"] = run_measured([py, "-m", "generator", "build"], proj)
        # Incremental: change one record, regenerate, count what was written.
        src = sorted((proj / "data" / "sources").glob("*.txt"))[0]
        lines = src.read_text(encoding="utf-8").split("\n")
        lines[1] = lines[1] + " We add one sentence about graph neural networks."
        src.write_text("\n".join(lines), encoding="utf-8")
        row["incremental_s"], _ = run_measured([py, "-m", "generator", "build"], proj)
        # Then once more with nothing changed (what mkdocs serve sees after editing a hand-written page).
        row["unchanged_s"], _ = run_measured([py, "-m", "generator", "build"], proj)
        src.write_text("\n".join(lines).replace("graph neural networks.", "graph neural networks!"), encoding="utf-8")
        out = subprocess.run([py, "-m", "generator", "build"], cwd=proj, env=ENV, capture_output=True, text=True)
        row["incremental_rewrite_check"] = next((l for l in out.stdout.splitlines() if l.startswith(("docs/", "sources unchanged"))),
                                                out.stderr[-200:])
        if full_build:
            row["site_s"], row["site_mib"] = run_measured([str(BIN / "mkdocs"), "build", "--strict", "-q"], proj)
            row["site_mb"] = round(size_mib(proj / "site"), 1)
            row["pages"] = sum(1 for _ in (proj / "site").rglob("index.html"))
            row["paper_page_kb"] = round(
                sum(p.stat().st_size for p in (proj / "site" / "papers").rglob("index.html")) / n / 1024, 1)
            row["query_kb"] = round(query_bytes(proj / "site", "U-Net segmentation") / 1024, 1)
            bare = make_bare(where, proj)
            row["bare_s"], row["bare_mib"] = run_measured([str(BIN / "mkdocs"), "build", "-q"], bare)
            row["bare_mb"] = round(size_mib(bare / "site"), 1)
            row["bare_page_kb"] = round(
                sum(p.stat().st_size for p in (bare / "site" / "papers").rglob("index.html")) / n / 1024, 1)
            row["bare_search_index_kb"] = round((bare / "site" / "search" / "search_index.json").stat().st_size / 1024, 1)
            row["site_vs_bare"] = round(row["site_s"] / row["bare_s"], 2)
            row["generator_share"] = round(row["generate_s"] / row["site_s"], 3)
        return {k: (round(v, 2) if isinstance(v, float) else v) for k, v in row.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--papers", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--full-build-max", type=int, default=20000,
                    help="run the MkDocs builds only up to this many papers (default 20000)")
    ap.add_argument("--output", default=str(ROOT / "benchmarks" / "results" / "latest.json"))
    args = ap.parse_args()
    machine = {"python": platform.python_version(), "cpus": os.cpu_count(), "machine": platform.machine(),
               "processor": _cpu_name(), "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30)}
    rows = []
    for n in args.papers:
        print(f"… {n} papers", file=sys.stderr, flush=True)
        rows.append(bench(n, n <= args.full_build_max))
        print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    cols = ["papers", "generate_s", "generate_mib", "incremental_s", "unchanged_s", "site_s", "site_mib", "bare_s", "bare_mib",
            "site_vs_bare", "generator_share", "site_mb", "bare_mb", "paper_page_kb", "bare_page_kb",
            "query_kb", "bare_search_index_kb"]
    print(" | ".join(cols))
    for r in rows:
        print(" | ".join(str(r.get(c, "–")) for c in cols))
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"machine": machine, "results": rows}, indent=1) + "\n", encoding="utf-8")
    print(f"written {out}", file=sys.stderr)


def _cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


if __name__ == "__main__":
    main()
