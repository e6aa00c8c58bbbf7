"""Headless Chromium for tests: Debian's chromium driven by Playwright.

Never a browser download: Playwright launches ``/usr/bin/chromium`` (or
``$CHROMIUM``). ``serve`` serves a folder on 127.0.0.1 under an optional path
prefix, uncompressed (as ``python -m http.server``) or gzip-compressed (as
GitHub Pages serves text files); benchmarks/lighthouse.py uses it too.
``Recorder`` keeps every request, console error and page error.
``axe_violations`` runs axe-core (the copy bundled in axe-playwright-python:
nothing is downloaded) and ``SCREENSHOTS`` is where tests leave pictures for a
person to look at (git-ignored test-output/).
"""
from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import os
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions",
]


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        raise RuntimeError("Debian's chromium is not installed: apt-get install chromium (.ci/run does this)")
    return path


#: What GitHub Pages compresses (text); everything else is sent as it is.
COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class _Handler(http.server.SimpleHTTPRequestHandler):
    prefix = "/"
    use_gzip = False

    def translate_path(self, path):
        p = unquote(urlsplit(path).path)
        if not p.startswith(self.prefix):
            return "/nonexistent"  # outside the prefix: 404, as on a host serving only that path
        return super().translate_path("/" + p[len(self.prefix):])

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

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def running(handler):
    """An HTTP server on 127.0.0.1 with ``handler``, in a thread until the block ends; yields http://127.0.0.1:PORT."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def serve(folder: Path, prefix: str = "/", use_gzip: bool = False):
    """Serve ``folder`` at http://127.0.0.1:PORT{prefix}; yields the base URL.

    ``use_gzip``: text files are sent gzip-compressed to a client that accepts
    it, as GitHub Pages does; otherwise every file goes as it is on disk.
    """
    handler = type("H", (_Handler,), {"prefix": prefix, "use_gzip": use_gzip})
    with running(functools.partial(handler, directory=str(folder))) as base:
        yield base + prefix


@dataclass
class Recorder:
    """Everything a page did that a test may want to assert on."""

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    #: Requests that failed ("URL: reason") and responses with status >= 400 ("URL: status").
    failed: list[str] = field(default_factory=list)

    def attach(self, page) -> None:
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        page.on("pageerror", lambda e: self.page_errors.append(str(e)))
        page.on("requestfailed", lambda r: self.failed.append(f"{r.url}: {r.failure}"))
        page.on("response", lambda r: r.status >= 400 and self.failed.append(f"{r.url}: {r.status}"))

        def on_dialog(d):
            self.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", on_dialog)

    def foreign_requests(self, allowed_origin: str) -> list[str]:
        """Requests to any origin but ``allowed_origin`` (data: and blob: URLs are local)."""
        return [u for u in self.requests
                if not u.startswith(allowed_origin) and not u.startswith(("data:", "blob:", "about:"))]

    def problems(self, allowed_origin: str) -> dict[str, list[str]]:
        """Everything that should not happen on a page, keyed by kind; empty lists when all is well."""
        return {"foreign requests": self.foreign_requests(allowed_origin), "console errors": self.console_errors,
                "page errors": self.page_errors, "failed requests": self.failed, "dialogs": self.dialogs}

    def assert_clean(self, allowed_origin: str) -> None:
        problems = {k: v for k, v in self.problems(allowed_origin).items() if v}
        assert not problems, problems


#: Where browser tests write screenshots (git-ignored).
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"

#: axe-core rule tags of WCAG 2.0, 2.1 and 2.2, levels A and AA.
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(page, impacts=("serious", "critical"), tags=tuple(WCAG_AA)) -> list[str]:
    """axe-core's WCAG A/AA violations of ``impacts`` on the page, one line per element.

    Uses the axe.min.js bundled in axe-playwright-python (injected with
    ``page.evaluate``): the run requests nothing from another host. On a file://
    page axe does not preload stylesheets (its XHR would be refused and logged
    as a console error); the one rule that needs them (css-orientation-lock)
    then reports "incomplete", not a violation.
    """
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": list(tags)}, "resultTypes": ["violations"]}
    if page.url.startswith("file:"):
        options["preload"] = False
    result = Axe().run(page, options=options)
    lines = []
    for v in result.response["violations"]:
        if v["impact"] not in impacts:
            continue
        for node in v["nodes"]:
            detail = "; ".join(c["message"] for c in node.get("any", []) + node.get("all", []) + node.get("none", []))
            lines.append(f"{v['id']} ({v['impact']}) {' '.join(map(str, node['target']))}: {detail}")
    return lines


def horizontal_overflow(page) -> int:
    """How many CSS pixels the document is wider than the viewport (0: no sideways scrolling)."""
    return page.evaluate("Math.max(0, document.documentElement.scrollWidth - window.innerWidth)")


def open_recorded(context, url: str):
    """A new page of ``context`` with a ``Recorder`` attached, opened at ``url`` and loaded."""
    page = context.new_page()
    rec = Recorder()
    rec.attach(page)
    page.goto(url)
    page.wait_for_load_state("load")
    return page, rec


@contextlib.contextmanager
def browser():
    """A launched Chromium (Playwright ``Browser``)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()
