"""Hugging Face daily papers: the JSON of ``huggingface.co/api/daily_papers``.

A list of ``{"paper": {"id", "title", "summary", "authors": [{"name"}],
"publishedAt", "githubRepo", …}, "title", "publishedAt", …}``; also a list of
bare paper objects (``/api/papers/…``). ``paper.id`` is the arXiv id; summaries
are hard-wrapped arXiv abstracts (unwrapped here, ``$…$`` kept). The day the
paper was listed (``submittedOnDailyAt`` or the item's ``publishedAt``) is
kept as ``added``; the paper's own ``publishedAt`` as ``published``.
"""
from __future__ import annotations

import re

from generator.errors import SourceError, error
from generator.model.papers import Provenance, RawRecord
from generator.sources.arxiv_atom import find_code_url
from generator.sources.format import Format, ReadResult, SourceFile
from generator.sources.semantic_scholar import load_json, text_of
from generator.text import dates, identifiers

PAGE = "https://huggingface.co/papers/"


def sniff(source: SourceFile) -> float:
    head = source.text[:65536].lstrip()
    if not head.startswith("[") and not (head.startswith("{") and '"dailyPapers"' in head):
        return 0.0
    if re.search(r'"paper"\s*:\s*\{', head) and re.search(r'"(?:summary|upvotes|submittedOnDailyAt)"\s*:', head):
        return 0.95
    if re.search(r'"summary"\s*:', head) and re.search(r'"(?:upvotes|submittedOnDailyAt|discussionId)"\s*:', head):
        return 0.92
    return 0.0


def read(source: SourceFile) -> ReadResult:
    data, line_of = load_json(source)
    if isinstance(data, dict) and isinstance(data.get("dailyPapers"), list):
        data = data["dailyPapers"]  # the page's embedded props
    if not isinstance(data, list):
        raise SourceError("expected a list of daily papers, as /api/daily_papers answers", 1)
    result = ReadResult()
    for position, item in enumerate(data, start=1):
        line = line_of(item)
        paper = item.get("paper") if isinstance(item, dict) and isinstance(item.get("paper"), dict) else item
        if not isinstance(paper, dict):
            result.problems.append(error(source.path, line, f"item {position} is not a paper object; remove it"))
            continue
        record = _record(item, paper, source.path, line)
        result.add(record, f"item {position} has neither a title nor a "
                   "summary; fill one in")
    return result


def _record(item: dict, paper: dict, path: str, line: int) -> RawRecord:
    paper_id = text_of(paper.get("id"))
    arxiv = identifiers.as_read("arxiv", paper_id)
    authors = paper.get("authors") if isinstance(paper.get("authors"), list) else []
    listed = paper.get("submittedOnDailyAt") or (item.get("publishedAt") if item is not paper else None)
    code = text_of(paper.get("githubRepo")) or find_code_url(None, str(paper.get("summary") or ""))
    return RawRecord(
        Provenance(path, line, FORMAT.name),
        title=text_of(paper.get("title")) or text_of(item.get("title")),
        abstract=text_of(paper.get("summary")) or text_of(item.get("summary")),
        authors=tuple(n for a in authors if isinstance(a, dict) and (n := text_of(a.get("name")))),
        published=dates.as_read(paper.get("publishedAt")),
        arxiv=arxiv,
        url=PAGE + checked if (checked := identifiers.arxiv_id(paper_id)) else None,
        code=code if code and code.startswith("http") else None,
        added=dates.as_read(listed),
    )


FORMAT = Format(
    name="hf_daily",
    empty="the file holds no papers",
    description="Hugging Face daily papers (JSON from huggingface.co/api/daily_papers)",
    extensions=(".json",),
    sniff=sniff,
    read=read,
    example='[{"paper": {"id": "1505.04597", "title": "U-Net: …", "summary": "There is large…", "authors": [{"name": "Olaf Ronneberger"}], "publishedAt": "2015-05-18T…"}}]',
)
