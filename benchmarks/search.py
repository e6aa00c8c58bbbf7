"""Search benchmark: what a reader's browser downloads and waits for, at any size.

    python benchmarks/search.py [--papers 10000 100000]

For each size N it synthesises the realistic corpus (benchmarks/corpus.py),
builds only the search index (``search.build`` over the collected papers; no
pages), and serves it with the site's ``search.js`` and search box on
127.0.0.1. Headless Chromium (Debian's ``chromium``) then types known-item
queries into the header box key by key and records, per query:

- the milliseconds from the last key until the list shows results for it;
- the bytes of index files (and ``search.js``) it downloaded, in a fresh
  browser context (nothing cached) and after the other queries;

and opens the results page ``search/?q=…`` with a filter (the first query
"with filters"). Sizes are uncompressed JSON (hosts that gzip send about a
quarter). ``run.py`` calls :func:`measure` on the sites it builds.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

HEADER = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>search</title></head><body>
<div class="pa-search" role="search" data-pa-search data-pa-results="{results}">
<input id="pa-search-input" class="pa-search__input" type="text" role="combobox" aria-label="Search papers"
 aria-controls="pa-search-listbox" aria-expanded="false">
<div id="pa-search-results" class="pa-search__results" hidden><p class="pa-search__meta" role="status"></p>
<div id="pa-search-listbox" role="listbox" aria-label="Matching papers"></div><a class="pa-search__more" hidden>all</a></div>
</div>{body}<script src="{assets}assets/search.js"></script></body></html>"""
RESULTS = """<div class="pa-results" data-pa-results-page data-pa-title="Search"><div role="search">
<input id="pa-results-q" class="pa-results__input" type="text"><button class="pa-results__submit">Search</button></div>
<p class="pa-results__status"></p><details class="pa-facets-box" open><summary>Filters</summary>
<div class="pa-facets"></div></details><ol class="pa-results__list"></ol><nav class="pa-results__pager"></nav></div>"""


def harness(index: Path, where: Path) -> Path:
    """A folder to serve: the index, search.js, a page with the header box and a results page."""
    where.mkdir(parents=True, exist_ok=True)
    (where / "search-index").symlink_to(index.resolve())
    (where / "assets").mkdir()
    (where / "assets" / "search.js").write_bytes((ROOT / "docs" / "assets" / "search.js").read_bytes())
    (where / "index.html").write_text(HEADER.format(results="search/", body="", assets=""), encoding="utf-8")
    (where / "search").mkdir()
    (where / "search" / "index.html").write_text(HEADER.format(results="./", body=RESULTS, assets="../"),
                                                 encoding="utf-8")
    return where


def queries(index: Path) -> list[str]:
    """Known-item queries from the index's own papers: a title, part of one, a typo, an author, an identifier."""
    rows = [r for n in range(3) for r in json.loads((index / "d" / f"{n}.json").read_text(encoding="utf-8"))]
    arxiv = sorted(k for f in sorted((index / "i").glob("*.json"))[:20]
                   for k in json.loads(f.read_text(encoding="utf-8")) if k[:4].isdigit())
    title, other = rows[3][1], rows[17][1]
    words = [w for w in other.split() if len(w) >= 6 and w.isalpha()]
    typo = (words[0][:3] + words[0][4:]).lower() if words else "netwrk"
    author = rows[5][4].split(", ")[0]
    out = [title.lower(), " ".join(other.split()[:3]).lower(), typo, author + " " + rows[5][5]]
    return out + ([f"arXiv:{arxiv[0]}v2"] if arxiv else [])


def _typed(page, query: str) -> float:
    box = page.locator("#pa-search-input")
    box.fill("")
    box.press_sequentially(query[:-1])
    page.wait_for_timeout(150)
    box.press(query[-1])
    start = time.perf_counter()
    page.wait_for_function("q => { const m = document.querySelector('.pa-search__meta');"
                           " return !!m && !m.closest('[hidden]') && m.dataset.paQuery === q; }",
                           arg=query.strip(), timeout=20000)
    return (time.perf_counter() - start) * 1000


def measure(index: Path, tries: int = 1) -> dict:
    """Milliseconds and bytes per query on the index at ``index`` (a search-index/ folder)."""
    from support.browser import browser, serve

    qs = queries(index)
    with tempfile.TemporaryDirectory() as tmp, serve(harness(index, Path(tmp) / "site")) as base, browser() as b:
        cold, warm, cold_bytes, shown = [], [], [], []
        for q in qs:
            ctx = b.new_context()
            page = ctx.new_page()
            got: list[int] = []
            page.on("response", lambda r: got.append(len(r.body())) if "/search-index/" in r.url
                    or r.url.endswith("search.js") else None)
            page.goto(base)
            cold.append(_typed(page, q))
            shown.append(page.locator("#pa-search-listbox [role=option]").count())
            page.wait_for_timeout(100)
            cold_bytes.append(sum(got))
            for _ in range(tries):
                warm.append(_typed(page, q))
            ctx.close()
        ctx = b.new_context()
        page = ctx.new_page()
        got = []
        page.on("response", lambda r: got.append(len(r.body())) if "/search-index/" in r.url
                or r.url.endswith("search.js") else None)
        page.goto(base + "search/?q=" + qs[1].replace(" ", "+"))
        page.wait_for_selector(".pa-facet__value")
        facet = page.locator(".pa-facet__value").nth(1)
        start = time.perf_counter()
        facet.click()
        page.wait_for_selector(".pa-facet__value[aria-pressed=true]")
        filter_ms = (time.perf_counter() - start) * 1000
        page.wait_for_timeout(200)
        filtered = sum(got)
        ctx.close()
    return {"queries": qs, "results_shown": shown, "first_ms": [round(x) for x in cold], "again_ms": [round(x) for x in warm],
            "first_ms_max": round(max(cold)), "again_ms_median": round(statistics.median(warm)),
            "first_kb": [round(x / 1024, 1) for x in cold_bytes], "first_kb_max": round(max(cold_bytes) / 1024, 1),
            "filtered_page_kb": round(filtered / 1024, 1), "filter_ms": round(filter_ms),
            "index_mb": round(sum(p.stat().st_size for p in index.rglob("*") if p.is_file()) / 2**20, 1),
            "index_files": sum(1 for p in index.rglob("*") if p.is_file())}


def build_index(n: int, where: Path) -> Path:
    """The search index alone of n papers of the realistic corpus."""
    import corpus

    from generator import pipeline
    from generator.config import Settings
    from generator.site import search

    proj = where / "project"
    for rel in ("data/topics.yml", "data/curation.yml"):
        (proj / rel).parent.mkdir(parents=True, exist_ok=True)
        (proj / rel).write_bytes((ROOT / rel).read_bytes())
    corpus.write_records(proj / "data" / "sources", n)
    result = pipeline.collect(Settings.for_project(proj))
    start = time.perf_counter()
    files = search.build(result.collection, True)
    print(f"  index of {n} papers built in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    for path, text in files.items():
        out = where / path
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    return where / search.FOLDER


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--papers", type=int, nargs="+", default=[10000, 100000])
    args = ap.parse_args()
    for n in args.papers:
        with tempfile.TemporaryDirectory(prefix=f"search-bench-{n}-") as tmp:
            row = {"papers": n, **measure(build_index(n, Path(tmp)))}
            print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
