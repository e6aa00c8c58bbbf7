"""Benchmark: Lighthouse (pinned in package.json) on the built site, mobile preset.

    python benchmarks/lighthouse.py [--site site/] [--runs 2] [--page papers/x/] [--serve both|gzip|plain]

Builds the bundled site (``mkdocs build --strict`` into a temporary folder)
unless ``--site`` names a built one, serves it on 127.0.0.1 (tests/support/
browser.py's server) with gzip as GitHub Pages serves text files and
uncompressed as ``python -m http.server`` does, and runs Lighthouse's default (mobile) preset
with Debian's Chromium on the home page, a paper page without math and, where
the collection has one, a paper page with math. Each page gets ``--runs``
runs; the best performance score counts (timing varies with the machine's
load), and every category of that run is reported. Prints a table and writes
benchmarks/results/lighthouse.json. Targets (issue 14): performance ≥ 90 and
accessibility, best practices and SEO 100 on the home and paper pages.

Not a test: scores are timings on a shared machine. Needs ``make test`` (or
``npm ci``) for node_modules/ and /usr/bin/chromium.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from support.browser import serve  # noqa: E402 (the tests' static server: one home)

BIN = Path(sys.executable).parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
           "cumulative-layout-shift", "speed-index")


def build(into: Path) -> Path:
    site = into / "site"
    env = {k: v for k, v in os.environ.items() if k not in ("OFFLINE", "SITE_DIR")}
    subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-q", "-d", str(site)], cwd=ROOT,
                   env={**env, "NO_MKDOCS_2_WARNING": "1"}, check=True, timeout=1800)
    return site


def pages(site: Path, extra: list[str]) -> dict[str, str]:
    """Name → path under the site: home, a paper without math, a paper with math (if any)."""
    catalog = json.loads((site / "papers.json").read_text(encoding="utf-8"))
    found = {"home": ""}
    for p in catalog:
        html = (site / p["url"] / "index.html").read_text(encoding="utf-8")
        kind = "paper with math" if 'class="pa-math"' in html else "paper"
        found.setdefault(kind, p["url"])
    for path in extra:
        found[path] = path
    return found


def lighthouse(url: str, out: Path) -> dict:
    subprocess.run([str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
                    "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
                   env={**os.environ, "CHROME_PATH": CHROMIUM}, check=True, timeout=600,
                   stdout=subprocess.DEVNULL)
    report = json.loads(out.read_text(encoding="utf-8"))
    return {"scores": {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES},
            "metrics": {m: report["audits"][m]["displayValue"] for m in METRICS},
            "lighthouse": report["lighthouseVersion"], "chromium": report["environment"]["hostUserAgent"]}


def measure(site: Path, paths: dict[str, str], use_gzip: bool, runs: int, tmp: Path) -> dict:
    """Best of ``runs`` Lighthouse runs per page, the site served with or without gzip."""
    results = {}
    with serve(site, use_gzip=use_gzip) as base:
        for name, path in paths.items():
            done = [lighthouse(base + path, tmp / "report.json") for _ in range(runs)]
            best = max(done, key=lambda r: r["scores"]["performance"])
            results[name] = {"path": path, "runs": [r["scores"]["performance"] for r in done], **best}
    return results


def report(results: dict, runs: int) -> None:
    first = next(iter(next(iter(results.values())).values()))
    print(f"Lighthouse {first['lighthouse']}, mobile preset, best of {runs} runs")
    print(f"{'served':12} {'page':18} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5}  runs     FCP / LCP / TBT")
    for served, pages_ in results.items():
        for name, r in pages_.items():
            s, m = r["scores"], r["metrics"]
            print(f"{served:12} {name:18} {s['performance']:5} {s['accessibility']:5} {s['best-practices']:5} "
                  f"{s['seo']:5}  {'/'.join(map(str, r['runs'])):8} {m['first-contentful-paint']} / "
                  f"{m['largest-contentful-paint']} / {m['total-blocking-time']}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--site", type=Path, help="a built site (default: build the bundled one)")
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--page", action="append", default=[], help="also this path under the site")
    ap.add_argument("--serve", choices=("both", "gzip", "plain"), default="both",
                    help="gzip as GitHub Pages, plain (uncompressed) as python -m http.server, or both (default)")
    args = ap.parse_args(argv)
    if not LIGHTHOUSE.exists():
        print("node_modules/.bin/lighthouse is missing: run `make test` or `npm ci` first", file=sys.stderr)
        return 1
    modes = {"gzip": True, "uncompressed": False}
    if args.serve != "both":
        modes = {"gzip": True} if args.serve == "gzip" else {"uncompressed": False}
    with tempfile.TemporaryDirectory(prefix="pa-lighthouse-") as tmp:
        site = args.site or build(Path(tmp))
        paths = pages(site, args.page)
        results = {served: measure(site, paths, use_gzip, args.runs, Path(tmp)) for served, use_gzip in modes.items()}
    report(results, args.runs)
    out = ROOT / "benchmarks" / "results" / "lighthouse.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
