"""Benchmark: the generator by stage, the whole site build, and a bare MkDocs build.

    python benchmarks/run.py [--papers 1000 10000] [--corpus realistic listing] [--full-build-max 20000]

For each corpus and size N it synthesises N papers (benchmarks/corpus.py:
``realistic`` YAML records with a BibTeX export of duplicates, ``bibtex`` the
same records all as BibTeX, ``listing`` title and abstract lines), then
measures in the same run, on the same machine:

- generate: ``python -m generator build`` alone, with its time per stage;
- site:     what ``make site`` runs (generation included);
- bare:     a plain MkDocs-Material + search build of the same papers, one
            hand-written-style Markdown page each (title, authors, date,
            abstract, links), no hook — the baseline;
- unchanged: the generator again with nothing changed, then the site build;
- one record: one record's abstract changed, then the generator (what it
            rewrote) and the site build again;
- serve:    ``mkdocs serve --dirty`` started as ``make serve`` starts it; once it
            serves, one record's abstract is changed and the paper's page is polled
            until the new sentence shows (seconds from the edit: ``serve_one_record_s``),
            then a second edit (``serve_next_record_s``);
- search:   bytes a reader downloads for a first query (and on the results
            page with a filter) and the milliseconds until results show, typed in
            Chromium (benchmarks/search.py), vs. Material's ``search_index.json``
            in the bare build.

Wall time and peak memory (max RSS of the largest process of the step); site
size and HTML per paper page. Prints a table and writes
benchmarks/results/latest.json.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402
import search as search_bench  # noqa: E402

STAMP = ".paper-atlas-build.json"  # generator.pipeline.STAMP: removed, the next build generates from scratch

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
#: What ``make site`` runs (Makefile): generate, then mkdocs build --strict with every core.
SITE_CMD = [str(BIN / "python"), "-m", "generator", "site"]
BARE_CMD = [str(BIN / "mkdocs"), "build", "-q"]
PROJECT_FILES = ["mkdocs.yml", "hooks", "overrides", "templates", "docs/about.md", "docs/guide", "docs/scaling", "docs/assets",
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


CPU: dict[str, float] = {}  # command → CPU seconds of its last run (user + system, children included)


def run_measured(cmd: list[str], cwd: Path, env: dict | None = None) -> tuple[float, float, str]:
    """Run ``cmd``: wall seconds, peak memory in MiB (the sum over the process
    tree, sampled every 50 ms, or the largest process's max RSS if higher) and
    output; its CPU seconds go to ``CPU[" ".join(cmd)]``."""
    out_path, err_path = cwd / ".bench-stdout", cwd / ".bench-stderr"
    start = time.perf_counter()
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env or ENV, stdout=out, stderr=err)
        peak = 0
        while True:
            try:
                _, status, usage = os.wait4(proc.pid, os.WNOHANG)
            except ChildProcessError:
                break
            if _:
                break
            peak = max(peak, _tree_rss(proc.pid))
            time.sleep(0.05)
    proc.returncode = os.waitstatus_to_exitcode(status)
    CPU[" ".join(cmd)] = usage.ru_utime + usage.ru_stime
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{err_path.read_text()[-3000:]}")
    return elapsed, max(peak / 2**20, usage.ru_maxrss / 1024), out_path.read_text() + err_path.read_text()


def _tree_rss(root: int) -> int:
    """Resident bytes of ``root`` and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry.name)
        children.setdefault(int(fields[1]), []).append(pid)
        rss[pid] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += children.get(pid, [])
    return total


STAGES = re.compile(r"^[\d.]+ s: (.*)$", re.M)


def stages(output: str) -> dict[str, float]:
    """The generator's own time per stage, from its summary line."""
    found = STAGES.search(output)
    if not found:
        return {}
    return {k: float(v) for k, v in (part.rsplit(" ", 1) for part in found.group(1).split(", "))}


def size_mib(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20


def make_project(where: Path, n: int, kind: str) -> Path:
    proj = where / "project"
    for rel in PROJECT_FILES:
        src, dst = ROOT / rel, proj / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if src.is_dir() else shutil.copy)(src, dst)
    folder = proj / "data" / "sources"
    if kind == "listing":
        corpus.write(folder, n)
    else:
        corpus.write_records(folder, n, bibtex_only=kind == "bibtex")
    return proj


def make_bare(where: Path, proj: Path) -> Path:
    """The same papers as plain Markdown pages, as someone would write them by hand."""
    bare = where / "bare"
    (bare / "docs" / "papers").mkdir(parents=True)
    for p in json.loads((proj / "docs" / "papers.json").read_text(encoding="utf-8")):
        meta = " · ".join(x for x in (", ".join(p["authors"]), p.get("published") or "", p.get("venue") or "") if x)
        links = " ".join(f"[{k}]({v})" for k, v in p["links"].items() if v.startswith("http"))
        page = f"# {p['title']}\n\n{meta}\n\n{p['abstract']}\n\n{links}\n"
        (bare / "docs" / "papers" / f"{p['id']}.md").write_text(page, encoding="utf-8")
    (bare / "docs" / "index.md").write_text("# Bare\n", encoding="utf-8")
    (bare / "mkdocs.yml").write_text(BARE_MKDOCS, encoding="utf-8")
    return bare


def paper_page_kb(site: Path, n: int) -> float:
    return round(sum(p.stat().st_size for p in (site / "papers").rglob("index.html")) / n / 1024, 1)


def chrome_kb(site: Path, n: int = 200) -> float:
    """Bytes of a paper page outside its <article> (head, header, sidebars, footer), mean of ``n``."""
    pages = sorted((site / "papers").rglob("index.html"))[:n]
    total = 0
    for p in pages:
        html = p.read_text(encoding="utf-8")
        total += len(html.encode()) - (len(html[html.index("<article"):html.index("</article>")].encode()))
    return round(total / len(pages) / 1024, 1)


def change_one_record(proj: Path, kind: str, mark: str) -> None:
    """Add a sentence to the first record's abstract, in whatever format the corpus is."""
    src = sorted(p for p in (proj / "data" / "sources").iterdir() if p.is_file())[0]
    text = src.read_text(encoding="utf-8")
    needle = {"listing": "We present study 0 on", "bibtex": "abstract = {We present study 0 on",
              "realistic": "abstract: 'We present study 0 on"}[kind]
    assert needle in text, (src, needle)
    src.write_text(text.replace(needle, f"{needle} {mark}", 1), encoding="utf-8")


#: What ``make serve`` runs (Makefile), on a port of its own.
SERVE_CMD = [str(BIN / "mkdocs"), "serve", "--dirty", "-a"]
SERVE_WAIT = 3600  # seconds: the first build of a large site is a whole one


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.read().decode("utf-8", "replace")
    except OSError:
        return None


def _free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_one_record(proj: Path, kind: str, mark: str, edits: int = 2) -> dict:
    """``make serve``, then ``edits`` edits one after the other: seconds until the server first
    serves (its whole first build), and for each edit seconds until the edited paper's page
    shows it (``serve_one_record_s``: the first edit; ``serve_next_record_s``: the last, when
    the server's process holds the previous build in memory)."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    log = open(proj / ".bench-serve.log", "wb")
    start = time.perf_counter()
    proc = subprocess.Popen(SERVE_CMD + [f"127.0.0.1:{port}"], cwd=proj, env=ENV, stdout=log, stderr=log)
    try:
        while _get(base) is None:
            if proc.poll() is not None or time.perf_counter() - start > SERVE_WAIT:
                raise SystemExit(f"mkdocs serve did not serve:\n{(proj / '.bench-serve.log').read_text()[-3000:]}")
            time.sleep(0.5)
        row = {"serve_first_s": time.perf_counter() - start}
        papers = json.loads((proj / "docs" / "papers.json").read_text(encoding="utf-8"))
        url = base + next(p["url"] for p in papers if p["abstract"].startswith("We present study 0 on"))
        assert "We present study 0 on" in (_get(url) or ""), url
        for n in range(edits):
            time.sleep(2)  # the server's watcher settles after a build
            change_one_record(proj, kind, f"{mark} {n}")
            edited = time.perf_counter()
            while f"{mark} {n}" not in (_get(url) or ""):
                if proc.poll() is not None or time.perf_counter() - edited > SERVE_WAIT:
                    raise SystemExit(f"the edit never showed:\n{(proj / '.bench-serve.log').read_text()[-3000:]}")
                time.sleep(0.1)
            row["serve_one_record_s" if n == 0 else "serve_next_record_s"] = time.perf_counter() - edited
        return row
    finally:
        proc.terminate()
        proc.wait(30)
        log.close()


def bench(n: int, kind: str, full_build: bool, repeat: int = 2, site_rebuilds: bool = True,
          serve: bool = True) -> dict:
    with tempfile.TemporaryDirectory(prefix=f"bench-{n}-") as tmp:
        where = Path(tmp)
        proj = make_project(where, n, kind)
        py = str(BIN / "python")
        gen = [py, "-m", "generator", "build"]
        row: dict = {"corpus": kind, "papers": n}
        if full_build:
            # From nothing, as on a fresh clone; then the bare build right after it, and
            # both again (the machine is shared: the faster of two adjacent runs counts).
            bare = None
            for attempt in range(repeat):
                (proj / "docs" / STAMP).unlink(missing_ok=True)
                wall, mib, out = run_measured(SITE_CMD, proj)
                cpu = CPU[" ".join(SITE_CMD)]
                if attempt == 0 or wall < row["site_s"]:
                    row["site_s"], row["site_mib"], row["site_cpu_s"] = wall, mib, cpu
                    # generator.renderer.build.build_site: each shard's wall and CPU seconds (how evenly they were dealt).
                    row["shards"] = next((line[len("shards: "):] for line in out.splitlines()
                                          if line.startswith("shards: ")), "")
                bare = bare or make_bare(where, proj)
                wall, mib, _ = run_measured(BARE_CMD, bare)
                if attempt == 0 or wall < row["bare_s"]:
                    row["bare_s"], row["bare_mib"], row["bare_cpu_s"] = wall, mib, CPU[" ".join(BARE_CMD)]
        row["generate_s"], row["generate_mib"], out = run_measured(gen + ["--force"], proj)
        row["generate_cpu_s"] = CPU[" ".join(gen + ["--force"])]
        row["stages"] = stages(out)
        row["unchanged_s"], _, _ = run_measured(gen, proj)
        change_one_record(proj, kind, "first change")
        row["one_record_s"], _, out = run_measured(gen, proj)
        row["one_record_wrote"] = next((l for l in out.splitlines() if l.startswith("docs/")), "")
        if not full_build:
            return _rounded(row)
        if site_rebuilds:
            row["site_unchanged_s"], _, _ = run_measured(SITE_CMD, proj)
            change_one_record(proj, kind, "second change")
            row["site_one_record_s"], _, _ = run_measured(SITE_CMD, proj)
        if serve:
            row.update(serve_one_record(proj, kind, "served change"))
        row["site_mb"] = round(size_mib(proj / "site"), 1)
        row["pages"] = sum(1 for _ in (proj / "site").rglob("index.html"))
        row["paper_page_kb"] = paper_page_kb(proj / "site", n)
        row["paper_chrome_kb"] = chrome_kb(proj / "site")
        found = search_bench.measure(proj / "site" / "search-index")  # benchmarks/search.py: Chromium types queries
        row.update(query_kb=found["first_kb_max"], query_ms=found["first_ms_max"], filtered_kb=found["filtered_page_kb"])
        row["bare_mb"] = round(size_mib(bare / "site"), 1)
        row["bare_page_kb"] = paper_page_kb(bare / "site", n)
        row["bare_chrome_kb"] = chrome_kb(bare / "site")
        row["bare_search_index_kb"] = round((bare / "site" / "search" / "search_index.json").stat().st_size / 1024, 1)
        row["site_vs_bare"] = round(row["site_s"] / row["bare_s"], 2)
        row["site_vs_bare_cpu"] = round(row["site_cpu_s"] / row["bare_cpu_s"], 2)
        row["generator_share"] = round(row["generate_s"] / row["site_s"], 3)
        # GitHub Pages publishes at most 1 GB: papers that fit at this site size per paper.
        row["papers_per_gb"] = int(1e9 / (row["site_mb"] * 2**20 / n))
        return _rounded(row)


def serve_only(n: int, kind: str) -> dict:
    """The generator once (with and without a one-record change), then one edit under ``make serve``."""
    with tempfile.TemporaryDirectory(prefix=f"bench-{n}-") as tmp:
        proj = make_project(Path(tmp), n, kind)
        gen = [str(BIN / "python"), "-m", "generator", "build"]
        row: dict = {"corpus": kind, "papers": n}
        row["generate_s"], row["generate_mib"], out = run_measured(gen + ["--force"], proj)
        row["stages"] = stages(out)
        row.update(serve_one_record(proj, kind, "served change"))
        return _rounded(row)


def _rounded(row: dict) -> dict:
    return {k: (round(v, 2) if isinstance(v, float) else v) for k, v in row.items()}


COLUMNS = ["corpus", "papers", "generate_s", "generate_cpu_s", "generate_mib", "unchanged_s", "one_record_s", "site_s", "site_cpu_s",
           "site_mib", "site_unchanged_s", "site_one_record_s", "serve_first_s", "serve_one_record_s", "serve_next_record_s", "bare_s", "bare_cpu_s", "bare_mib", "site_vs_bare",
           "site_vs_bare_cpu", "generator_share", "site_mb", "bare_mb", "paper_page_kb", "bare_page_kb",
           "paper_chrome_kb", "bare_chrome_kb", "papers_per_gb", "query_kb", "query_ms", "filtered_kb", "bare_search_index_kb"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--papers", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--corpus", nargs="+", choices=("realistic", "bibtex", "listing"), default=["realistic"])
    ap.add_argument("--full-build-max", type=int, default=20000,
                    help="run the MkDocs builds only up to this many papers (default 20000)")
    ap.add_argument("--repeat", type=int, default=2, help="site and bare builds, alternated; the faster counts")
    ap.add_argument("--no-site-rebuilds", action="store_true",
                    help="skip the whole-site rebuilds after no change and after one changed record")
    ap.add_argument("--no-serve", action="store_true", help="skip timing one edit under make serve (mkdocs serve --dirty)")
    ap.add_argument("--serve-only", action="store_true",
                    help="only generate, then time one edit under make serve (no site, bare or search runs)")
    ap.add_argument("--output", default=str(ROOT / "benchmarks" / "results" / "latest.json"))
    ap.add_argument("--topics", action="store_true", help="also time topic derivation (benchmarks/topics.py)")
    args = ap.parse_args()
    machine = {"python": platform.python_version(), "cpus": os.cpu_count(), "machine": platform.machine(),
               "processor": _cpu_name(), "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30),
               "load_before": os.getloadavg()[0]}
    rows = []
    for kind in args.corpus:
        for n in args.papers:
            print(f"… {kind}, {n} papers", file=sys.stderr, flush=True)
            rows.append(serve_only(n, kind) if args.serve_only else
                        bench(n, kind, n <= args.full_build_max, args.repeat, not args.no_site_rebuilds, not args.no_serve))
            rows[-1]["load_after"] = round(os.getloadavg()[0], 1)
            print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    print(" | ".join(COLUMNS))
    for r in rows:
        print(" | ".join(str(r.get(c, "–")) for c in COLUMNS))
    for r in rows:
        print(f"{r['corpus']} {r['papers']}: generator stages " + ", ".join(f"{k} {v}" for k, v in r["stages"].items()))
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"machine": machine, "results": rows}, indent=1) + "\n", encoding="utf-8")
    print(f"written {out}", file=sys.stderr)
    if args.topics:
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "topics.py")], check=True)


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
