"""What the papers a pull request adds lack: the completeness check of every PR.

:func:`review` compares the papers of the head catalog that the base catalog
has not (by id) and reports, for each, what a reviewer should look at:

* ``no-abstract`` and ``no-authors``: the record gives none;
* ``arxiv-title``: the record names an arXiv id whose title on arXiv is not
  the record's (a mistyped id, or a title edited by hand); the titles come
  from :func:`arxiv_titles`, which asks the arXiv API (the only part that
  needs the network; without it the check says it was not done);
* ``bad-arxiv``: the record's arXiv id is not one;
* ``duplicate``: the paper looks like one the collection already has (or
  another new one) though the build did not merge them: the same folded
  title, titles that share nearly all their words, or near-identical
  abstracts.

:func:`to_markdown` renders the findings as a section of the collection-diff
comment; everything shown from a record is escaped (untrusted text).
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from generator.text import identifiers
from generator.text.normalise import fold, stem, title_key

#: Titles sharing this share of their words (and at least this many words) are likely one paper.
TITLE_SIMILARITY = 0.85
MIN_TITLE_WORDS = 4
#: Abstracts sharing this share of their words (and at least this many words) are likely one paper.
ABSTRACT_SIMILARITY = 0.8
MIN_ABSTRACT_WORDS = 25
#: A record's title and arXiv's count as one when they share this share of their words.
SAME_TITLE = 0.8
#: At most this many arXiv lookups per check (arXiv asks for 3 s between requests).
MAX_ARXIV_LOOKUPS = 20

NO_ABSTRACT, NO_AUTHORS, ARXIV_TITLE, DUPLICATE = "no-abstract", "no-authors", "arxiv-title", "duplicate"
BAD_ARXIV = "bad-arxiv"


@dataclass(frozen=True, slots=True)
class Lack:
    """One thing a new paper lacks: which paper, the kind, and the other paper or title it concerns."""

    paper_id: str
    title: str
    url: str
    kind: str
    #: For ``arxiv-title``: arXiv's title; for ``duplicate``: the other paper's title.
    other: str = ""
    other_url: str = ""
    arxiv: str = ""


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _arxiv(paper: Mapping[str, Any]) -> str:
    links = paper.get("links")
    return _text(links.get("arxiv")) if isinstance(links, Mapping) else ""


@dataclass(frozen=True, slots=True)
class _Shape:
    """What papers are compared by, folded once per paper."""

    title_key: str
    title_words: frozenset[str]
    abstract_words: frozenset[str]

    @classmethod
    def of(cls, paper: Mapping[str, Any]) -> "_Shape":
        title = "" if paper.get("title_inferred") else _text(paper.get("title"))
        return cls(title_key(title) if title else "", frozenset(map(stem, fold(title).split())),
                   frozenset(map(stem, fold(_text(paper.get("abstract"))).split())))


def _jaccard(a: frozenset[str], b: frozenset[str], at_least: int) -> float:
    if min(len(a), len(b)) < at_least:
        return 0.0
    return len(a & b) / len(a | b)


def _alike(a: _Shape, b: _Shape) -> bool:
    return bool(a.title_key and a.title_key == b.title_key) \
        or _jaccard(a.title_words, b.title_words, MIN_TITLE_WORDS) >= TITLE_SIMILARITY \
        or _jaccard(a.abstract_words, b.abstract_words, MIN_ABSTRACT_WORDS) >= ABSTRACT_SIMILARITY


def new_papers(base: Sequence[Mapping[str, Any]], head: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The head papers whose id the base has not, in head order."""
    known = {_text(p.get("id")) for p in base if isinstance(p, Mapping)}
    return [p for p in head if isinstance(p, Mapping) and _text(p.get("id")) and _text(p.get("id")) not in known]


def review(base: Sequence[Mapping[str, Any]], head: Sequence[Mapping[str, Any]],
           arxiv_title: Mapping[str, str | None] | None = None) -> list[Lack]:
    """Everything the new papers lack, paper by paper (see the module docstring)."""
    added = new_papers(base, head)
    others = [(p, _Shape.of(p)) for p in head if isinstance(p, Mapping)]
    lacks: list[Lack] = []
    for paper in added:
        pid, title, url = _text(paper.get("id")), _text(paper.get("title")), _text(paper.get("url"))

        def lack(kind: str, other: str = "", other_url: str = "", arxiv: str = "") -> None:
            lacks.append(Lack(pid, title, url, kind, other, other_url, arxiv))

        if not _text(paper.get("abstract")).strip():
            lack(NO_ABSTRACT)
        if not [a for a in paper.get("authors") or () if _text(a).strip()]:
            lack(NO_AUTHORS)
        arxiv = _arxiv(paper)
        if arxiv and identifiers.arxiv_id(arxiv) is None:
            lack(BAD_ARXIV, arxiv=arxiv)
        theirs = (arxiv_title or {}).get(arxiv) if arxiv else None
        if theirs and title_key(theirs) != title_key(title) and \
                _jaccard(_Shape.of({"title": theirs}).title_words, _Shape.of(paper).title_words, 1) < SAME_TITLE:
            lack(ARXIV_TITLE, theirs, "", arxiv)
        shape = _Shape.of(paper)
        twin = next((o for o, s in others if _text(o.get("id")) != pid and _alike(shape, s)), None)
        if twin is not None:
            lack(DUPLICATE, _text(twin.get("title")), _text(twin.get("url")))
    return lacks


def arxiv_titles(papers: Sequence[Mapping[str, Any]], lookup: Callable[[str], str | None],
                 limit: int = MAX_ARXIV_LOOKUPS) -> tuple[dict[str, str | None], int]:
    """arXiv's title of each paper's arXiv id (None where it has none), and how many were not checked.

    ``lookup(arxiv_id)`` returns the title or raises :class:`generator.tools.remote.RemoteError`.
    """
    from generator.tools.remote import RemoteError

    ids = sorted({a for p in papers if (a := _arxiv(p)) and identifiers.arxiv_id(a) == a})
    titles: dict[str, str | None] = {}
    unchecked = max(0, len(ids) - limit)
    for arxiv in ids[:limit]:
        try:
            titles[arxiv] = lookup(arxiv)
        except RemoteError:
            unchecked += 1
    return titles, unchecked


def arxiv_lookup(client=None) -> Callable[[str], str | None]:
    """A ``lookup`` for :func:`arxiv_titles` that asks the arXiv API (politely, see generator.tools.remote)."""
    from pathlib import Path

    from generator.config import Settings
    from generator.tools import remote
    from generator.tools.add import contact

    client = client or remote.Client(contact=contact(Settings.for_project(Path.cwd()), None))

    def lookup(arxiv: str) -> str | None:
        return remote.lookup(client, remote.Identifier("arxiv", arxiv, arxiv)).title

    return lookup


_SAYS = {
    NO_ABSTRACT: "has no abstract",
    NO_AUTHORS: "names no authors",
}


def to_markdown(lacks: Sequence[Lack], site_url: str | None = None, unchecked: int = 0) -> str:
    """The findings as a Markdown section, or ``""`` when there is nothing to say."""
    from generator.text.markup import to_markdown_line as escape_markdown
    from generator.tools.catalog_diff import page_link

    def name(title: str, url: str) -> str:
        shown = escape_markdown(title, 200) or "(untitled)"
        target = page_link(site_url, url)
        return f"[{shown}]({target})" if target else shown

    lines = []
    for lack in lacks:
        paper = name(lack.title, lack.url)
        if lack.kind in _SAYS:
            lines.append(f"- {paper} {_SAYS[lack.kind]}.")
        elif lack.kind == BAD_ARXIV:
            lines.append(f"- {paper}: its arXiv id “{escape_markdown(lack.arxiv, 100)}” is not an arXiv id.")
        elif lack.kind == ARXIV_TITLE:
            lines.append(f"- {paper}: its arXiv id {escape_markdown(lack.arxiv)} is titled "
                         f"“{escape_markdown(lack.other, 200)}” on arXiv; check the id or the title.")
        else:
            lines.append(f"- {paper} looks like {name(lack.other, lack.other_url)}, which the build did not "
                         "merge with it; check whether they are one paper.")
    if unchecked:
        lines.append(f"- The arXiv titles of {unchecked} new paper{'s' if unchecked != 1 else ''} "
                     "were not checked (arXiv did not answer, or too many to ask).")
    if not lines:
        return ""
    return "### What the new records lack\n\n" + "\n".join(lines) + "\n"


def section(base: Sequence[Mapping[str, Any]], head: Sequence[Mapping[str, Any]], site_url: str | None = None,
            check_arxiv: bool = False, lookup: Callable[[str], str | None] | None = None) -> str:
    """The check's section of the collection-diff comment (``""`` when the new papers lack nothing).

    With ``check_arxiv`` the new papers' arXiv titles are fetched (``lookup``, default the arXiv API).
    """
    titles: dict[str, str | None] = {}
    unchecked = 0
    if check_arxiv:
        titles, unchecked = arxiv_titles(new_papers(base, head), lookup or arxiv_lookup())
    return to_markdown(review(base, head, titles), site_url, unchecked)
