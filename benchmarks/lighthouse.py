"""Benchmark: Lighthouse (pinned in package.json) on the built site, mobile preset.

    python benchmarks/lighthouse.py [--site site/] [--runs 2] [--page papers/x/]

Builds the bundled site (``mkdocs build --strict`` into a temporary folder)
unless ``--site`` names a built one, serves it on 127.0.0.1 with gzip as
GitHub Pages serves text files, and runs Lighthouse's default (mobile) preset
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
import functools
import gzip
import http.server
import io
import json
import os
import subprocess
import sys
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
           "cumulative-layout-shift", "speed-index")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files; text files gzip-compressed when the client accepts it (as GitHub Pages does)."""

    use_gzip = True

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (not self.use_gzip or path.suffix not in COMPRESSED or not path.is_file()
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve(folder: Path, use_gzip: bool = True):
    handler = type("Handler", (GzipHandler,), {"use_gzip": use_gzip})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--site", type=Path, help="a built site (default: build the bundled one)")
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--page", action="append", default=[], help="also this path under the site")
    ap.add_argument("--no-gzip", action="store_true", help="serve uncompressed (python -m http.server's way)")
    args = ap.parse_args(argv)
    if not LIGHTHOUSE.exists():
        print("node_modules/.bin/lighthouse is missing: run `make test` or `npm ci` first", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="pa-lighthouse-") as tmp:
        site = args.site or build(Path(tmp))
        results = {}
        with serve(site, not args.no_gzip) as base:
            for name, path in pages(site, args.page).items():
                runs = [lighthouse(base + path, Path(tmp) / "report.json") for _ in range(args.runs)]
                best = max(runs, key=lambda r: r["scores"]["performance"])
                results[name] = {"path": path, "runs": [r["scores"]["performance"] for r in runs], **best}
    print(f"Lighthouse {next(iter(results.values()))['lighthouse']}, mobile preset, best of {args.runs} runs, "
          f"{'uncompressed' if args.no_gzip else 'gzip'}")
    print(f"{'page':18} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5}  runs     FCP / LCP / TBT")
    for name, r in results.items():
        s, m = r["scores"], r["metrics"]
        print(f"{name:18} {s['performance']:5} {s['accessibility']:5} {s['best-practices']:5} {s['seo']:5}  "
              f"{'/'.join(map(str, r['runs'])):8} {m['first-contentful-paint']} / "
              f"{m['largest-contentful-paint']} / {m['total-blocking-time']}")
    out = ROOT / "benchmarks" / "results" / "lighthouse.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
