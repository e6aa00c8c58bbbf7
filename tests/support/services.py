"""The metadata services, recorded: a fake transport and a server on 127.0.0.1.

``Recorded()`` answers the requests ``generator.tools.remote`` makes from the
responses in ``tests/fixtures/remote/`` (and Crossref's format fixture), and
records every request; ``queue(url_part, *responses)`` makes the next
requests whose URL contains ``url_part`` get these answers first (429, 503,
malformed bodies …). ``Clock`` is a fake clock whose ``sleep`` advances it
and remembers each wait. ``serve(recorded)`` puts the same answers behind a
real HTTP server on 127.0.0.1, for the urllib transport. Nothing here
reaches the network.
"""
from __future__ import annotations

import contextlib
import http.server
from collections import defaultdict

from generator.tools.remote import Response
from support.browser import running
from support.project import FIXTURES

REMOTE = FIXTURES / "remote"

#: URL part → recorded body (the first route whose part the URL contains answers).
ROUTES = {
    "id_list=2202.12139": REMOTE / "arxiv_2202.12139.xml",
    "id_list=cs%2F0503050": REMOTE / "arxiv_old_style.xml",
    "id_list=1234.12345": REMOTE / "arxiv_error.xml",
    "/works/10.7554/elife.01567": FIXTURES / "formats" / "crossref" / "work_elife.json",
    "/paper/c31c87c591a25c64fbaa82e8ac6a81831b6ac7ce": REMOTE / "s2_c31c87c5.json",
}
NOT_FOUND = {
    "export.arxiv.org": Response(200, {"content-type": "application/atom+xml"},
                                 (REMOTE / "arxiv_not_found.xml").read_bytes()),
    "crossref": Response(404, {"content-type": "text/plain"}, b"Resource not found."),
    "semanticscholar": Response(404, {"content-type": "application/json"}, b'{"error":"Paper not found"}'),
}


class Clock:
    """A fake monotonic and wall clock; ``sleep`` advances both and is remembered."""

    def __init__(self) -> None:
        self.now = 1_000_000.0
        self.waits: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds


class Recorded:
    """A transport for ``remote.Client``: recorded answers, every request kept in ``requests``."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.queued: dict[str, list[Response]] = defaultdict(list)

    def queue(self, url_part: str, *answers: Response) -> "Recorded":
        self.queued[url_part].extend(answers)
        return self

    def answer(self, url: str) -> Response:
        for part, answers in self.queued.items():
            if part in url and answers:
                return answers.pop(0)
        for part, path in ROUTES.items():
            if part.lower() in url.lower():  # DOIs are case-insensitive
                return Response(200, {}, path.read_bytes())
        return next(r for host, r in NOT_FOUND.items() if host in url)

    def __call__(self, url: str, headers: dict[str, str], timeout: float) -> Response:
        assert timeout > 0
        self.requests.append((url, dict(headers)))
        return self.answer(url)


def endpoints(base: str) -> dict[str, str]:
    """The three services' endpoints under one local ``base`` URL (paths kept so routes match)."""
    return {
        "arxiv": f"{base}/export.arxiv.org/api/query",
        "crossref": f"{base}/api.crossref.org/works/",
        "s2": f"{base}/api.semanticscholar.org/graph/v1/paper/",
    }


@contextlib.contextmanager
def serve(recorded: Recorded):
    """A real HTTP server on 127.0.0.1 answering as ``recorded`` does; yields its base URL."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            recorded.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
            answer = recorded.answer(self.path)
            self.send_response(answer.status)
            for name, value in answer.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(answer.body)))
            self.end_headers()
            self.wfile.write(answer.body)

        def log_message(self, *args):
            pass

    with running(Handler) as base:
        yield base
