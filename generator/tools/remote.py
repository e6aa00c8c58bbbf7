"""Paper metadata from the arXiv API, Crossref and the Semantic Scholar Graph API.

:func:`parse_id` tells which service knows an identifier (an arXiv id in any
common form, a DOI or doi.org link, a Semantic Scholar id or link);
:func:`lookup` fetches the paper's metadata and reads it with the source
reader of that service's format (``arxiv_atom``, ``crossref``,
``semantic_scholar``), so a fetched record is exactly what a saved response
would give.

The client is polite: a User-Agent naming the project and a contact, at most
one request per host every few seconds (arXiv asks for 3 s), a timeout, and
retries with exponential backoff on 429 and 5xx answers, honouring
``Retry-After``. Every failure is a :class:`RemoteError` whose message is one
sentence for a person. The transport, the clock and the sleep are parameters,
so tests run against recorded responses without the network.
"""
from __future__ import annotations

import email.utils
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field

from generator.model.papers import RawRecord

__all__ = ["Client", "Identifier", "RemoteError", "Response", "lookup", "parse_id", "user_agent"]

#: The services and where they answer; ``PAPER_ATLAS_ENDPOINT_ARXIV`` (``_CROSSREF``, ``_S2``) points one
#: elsewhere (a mirror, or a recorded server on 127.0.0.1 in the tests).
ENDPOINTS = {
    "arxiv": "https://export.arxiv.org/api/query",
    "crossref": "https://api.crossref.org/works/",
    "s2": "https://api.semanticscholar.org/graph/v1/paper/",
}
#: Seconds between two requests to one host: arXiv asks for 3; the others allow more.
MIN_INTERVAL = {"arxiv": 3.0, "crossref": 1.0, "s2": 1.0}
S2_FIELDS = "title,abstract,authors,year,publicationDate,venue,journal,externalIds,url,openAccessPdf"
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
SERVICE_NAMES = {"arxiv": "the arXiv API", "crossref": "Crossref", "s2": "the Semantic Scholar API"}


class RemoteError(Exception):
    """A lookup that failed; ``str()`` is one sentence saying what happened."""


@dataclass(frozen=True, slots=True)
class Identifier:
    """What a paper was named by: ``kind`` is ``arxiv``, ``doi`` or ``s2``; ``value`` is normalised."""

    kind: str
    value: str
    given: str

    def __str__(self) -> str:
        return {"arxiv": "arXiv:", "doi": "doi:", "s2": "Semantic Scholar "}[self.kind] + self.value


_S2_HEX = re.compile(r"[0-9a-f]{40}", re.I)
_S2_URL = re.compile(r"(?:https?://)?(?:www\.|api\.)?semanticscholar\.org/(?:paper/(?:[^/?#]*/)?|arxiv/)?"
                     r"(?P<id>[0-9a-f]{40}|CorpusI[dD]:\d+)/?(?:[?#].*)?", re.I)
_S2_PREFIXED = re.compile(r"(?:s2:|corpusid:)\s*(?P<id>[0-9a-f]{40}|\d+)", re.I)


def parse_id(text: str) -> Identifier | None:
    """The identifier ``text`` names, or None when it is none of the known forms."""
    from generator.text.identifiers import arxiv_id, whole_doi

    given = text.strip()
    if not given:
        return None
    found = arxiv_id(given)
    if found:
        return Identifier("arxiv", found, given)
    s2 = _s2_id(given)
    if s2:
        return Identifier("s2", s2, given)
    found = whole_doi(urllib.parse.unquote(given) if "://" in given else given)
    if found:
        return Identifier("doi", found, given)
    return None


def _s2_id(text: str) -> str | None:
    if _S2_HEX.fullmatch(text):
        return text.lower()
    m = _S2_URL.fullmatch(text) or _S2_PREFIXED.fullmatch(text)
    if not m:
        return None
    found = m.group("id")
    if _S2_HEX.fullmatch(found):
        return found.lower()
    return "CorpusId:" + found.split(":")[-1]


# --------------------------------------------------------------------------
# HTTP
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Response:
    status: int
    headers: dict[str, str]
    body: bytes


Transport = Callable[[str, dict[str, str], float], Response]


def urllib_transport(url: str, headers: dict[str, str], timeout: float) -> Response:
    """One GET with the standard library; HTTP errors are answers, not exceptions."""
    request = urllib.request.Request(url, headers=headers, method="GET")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:  # noqa: S310 (https URLs of our own)
            return Response(answer.status, {k.lower(): v for k, v in answer.headers.items()}, answer.read(8 << 20))
    except urllib.error.HTTPError as exc:
        body = exc.read(1 << 16) if exc.fp else b""
        return Response(exc.code, {k.lower(): v for k, v in (exc.headers or {}).items()}, body)


def user_agent(contact: str | None) -> str:
    from generator import __version__

    who = f"mailto:{contact}" if contact and "@" in contact and ":" not in contact else contact
    return f"paper-atlas/{__version__} (python -m generator add; {who or 'no contact configured'})"


def retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - now) if when else None


def endpoints() -> dict[str, str]:
    """Where each service answers: ``ENDPOINTS``, unless the environment says otherwise."""
    import os

    return {name: os.environ.get(f"PAPER_ATLAS_ENDPOINT_{name.upper()}") or url for name, url in ENDPOINTS.items()}


@dataclass
class Client:
    """A polite HTTP client for the three services (one per run: it remembers when it last asked)."""

    contact: str | None = None
    transport: Transport = urllib_transport
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    wall: Callable[[], float] = time.time
    timeout: float = 30.0
    retries: int = 4
    backoff: float = 2.0
    max_wait: float = 120.0
    endpoints: dict[str, str] = field(default_factory=lambda: endpoints())
    api_key: str | None = None
    _last: dict[str, float] = field(default_factory=dict)

    def _pace(self, service: str) -> None:
        last = self._last.get(service)
        if last is not None:
            wait = MIN_INTERVAL[service] - (self.clock() - last)
            if wait > 0:
                self.sleep(wait)
        self._last[service] = self.clock()

    def get(self, service: str, url: str) -> Response:
        """GET ``url`` of ``service``, retrying what is worth retrying; RemoteError when it cannot."""
        host = urllib.parse.urlsplit(url).netloc
        headers = {"User-Agent": user_agent(self.contact), "Accept": "application/json, application/atom+xml"}
        if service == "s2" and self.api_key:
            headers["x-api-key"] = self.api_key
        for attempt in range(self.retries + 1):
            self._pace(service)
            try:
                answer = self.transport(url, headers, self.timeout)
            except (urllib.error.URLError, OSError, TimeoutError) as exc:
                reason = getattr(exc, "reason", exc)
                raise RemoteError(f"{host} could not be reached ({reason}); check the network connection "
                                  "and try again") from None
            if answer.status not in RETRY_STATUS or attempt == self.retries:
                return answer
            wait = retry_after(answer.headers.get("retry-after"), self.wall())
            wait = self.backoff * (2 ** attempt) if wait is None else wait
            if wait > self.max_wait:
                raise RemoteError(f"{host} asks to wait {wait:.0f} s before the next request "
                                  f"(HTTP {answer.status}); try again later")
            self.sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover


# --------------------------------------------------------------------------
# Lookups
# --------------------------------------------------------------------------


def _url(client: Client, ident: Identifier) -> str:
    base = client.endpoints[_service(ident)]
    if ident.kind == "arxiv":
        return base + "?" + urllib.parse.urlencode({"id_list": ident.value, "max_results": "1"})
    if ident.kind == "doi":
        query = {"mailto": client.contact} if client.contact and "@" in client.contact else {}
        return base + urllib.parse.quote(ident.value, safe="/") + ("?" + urllib.parse.urlencode(query) if query else "")
    key = ident.value if ident.value.startswith("CorpusId:") else ident.value
    return base + urllib.parse.quote(key, safe=":") + "?" + urllib.parse.urlencode({"fields": S2_FIELDS})


def _service(ident: Identifier) -> str:
    return {"arxiv": "arxiv", "doi": "crossref", "s2": "s2"}[ident.kind]


def _failure(ident: Identifier, answer: Response) -> RemoteError:
    name = SERVICE_NAMES[_service(ident)]
    if answer.status == 404:
        return RemoteError(f"{name} knows no paper {ident} (HTTP 404); check the identifier")
    if answer.status in RETRY_STATUS:
        return RemoteError(f"{name} is not answering (HTTP {answer.status}, still after retries); try again later")
    return RemoteError(f"{name} answered HTTP {answer.status} for {ident}; check the identifier or try again later")


def lookup(client: Client, ident: Identifier) -> RawRecord:
    """The record of the paper ``ident`` names, as the service's source reader reads it."""
    from generator.sources import read_source

    service = _service(ident)
    answer = client.get(service, _url(client, ident))
    if answer.status != 200:
        raise _failure(ident, answer)
    fmt = {"arxiv": "arxiv_atom", "crossref": "crossref", "s2": "semantic_scholar"}[service]
    name = SERVICE_NAMES[service]
    if service != "arxiv":
        try:
            json.loads(answer.body)
        except (ValueError, RecursionError):
            raise RemoteError(f"{name} answered with something that is not valid JSON for {ident}; "
                              "try again later") from None
    _, result = read_source(f"{name} response for {ident}", answer.body, fmt)
    errors = [p for p in result.problems if p.is_error]
    if errors:
        raise RemoteError(f"{name}'s answer for {ident} could not be read ({errors[0].message})")
    if not result.records:
        raise RemoteError(f"{name} knows no paper {ident}; check the identifier")
    return result.records[0]
