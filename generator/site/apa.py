"""A paper's reference formatted in APA style, 7th edition, for readers to paste into a document.

It follows the Citation Style Language's APA 7 style (``apa.csl``, "APA Style 7th edition")
for the kinds of work papers are (CSL's types of ``entry_types.to_csl``) and the fields they
keep, as a CSL processor renders it: tests/unit/site/test_apa.py compares it with citeproc-py
rendering that style. Written here rather than run through citeproc-py at build time: that
takes 6.4 ms a paper (10 minutes at 100,000 papers; this takes about 20 µs).

Authors as "Family, G. G.", "&" before the last, the first 19, "…" and the last of 21 or more;
editors where no author is named ("(Ed.)", "(Eds.)"), else the title leads. The year (a full
date for a pamphlet or a conference paper published nowhere), "n.d." without one. The title
in italics where it stands alone (a book, thesis, report, preprint), plain where it is part of
something (a journal, a book, proceedings); the journal in title case with its volume,
"(issue)" and pages; "In Editors (Eds.), *Book* (Vol. 2, pp. 243–270). Publisher."; a
thesis's kind and institution in brackets; a report's kind and number in parentheses; the
DOI as a link, else the URL. Record text is escaped (``markup``); math in a title is kept for KaTeX.
"""
from __future__ import annotations

import html
import re

from generator.model import entry_types
from generator.model.papers import Paper, Publication
from generator.text import markup
from generator.text.normalise import split_name

#: CSL's words that title case leaves in lower case (but first and last, and after a colon).
_STOP = frozenset("a an and as at but by down for from in into nor of on onto or over so the till to up via "
                  "with yet".split())
_SERIAL = ("article-journal",)
_FULL_DATE = ("pamphlet",)
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_ORDINAL = {1: "st", 2: "nd", 3: "rd"}


def _text(value: str) -> str:
    return html.escape(value, quote=False)


def _italic(inner: str) -> str:
    return f"<i>{inner}</i>" if inner else ""


# --- names ------------------------------------------------------------------------------

def _initials(given: str) -> str:
    """"John Michael" → "J. M.", "Jean-Paul" → "J.-P.", "F. J." → "F. J."."""
    words = []
    for word in re.sub(r"\s+-\s*", "-", given).split():  # "J. -M." is "J.-M."
        if word.islower():  # a particle among the given names ("B. te L.") stays as written
            words.append(word)
            continue
        for part in re.split(r"(?<=\.)(?=[^\W\d_])", word):  # "F.J." is two initials
            words.append("-".join(f"{p[0]}." if p[:1].isalpha() else p for p in part.split("-")))
    return " ".join(words)


def _name(name: str, inverted: bool) -> str:
    family, given = split_name(name)
    if not given:
        return family
    return f"{family}, {_initials(given)}" if inverted else f"{_initials(given)} {family}"


def names(people: tuple[str, ...], inverted: bool = True) -> str:
    """APA's list of names: "A, B., & C, D." (inverted) or "B. A & D. C" (editors in a source)."""
    shown = [_text(_name(p, inverted)) for p in people]
    if len(shown) >= 21:
        return ", ".join(shown[:19]) + ", … " + shown[-1]
    if len(shown) == 1:
        return shown[0]
    if len(shown) == 2 and not inverted:
        return f"{shown[0]} &amp; {shown[1]}"
    return ", ".join(shown[:-1]) + ", &amp; " + shown[-1]


def _editors(people: tuple[str, ...], inverted: bool) -> str:
    return f"{names(people, inverted)} ({'Ed.' if len(people) == 1 else 'Eds.'})"


# --- text cases --------------------------------------------------------------------------

def title_case(text: str) -> str:
    """CSL's title case as CSL processors apply it: lower-case words capitalised, but stop words
    other than the first word and a word after a colon; a word with a capital is left as written."""
    words = text.split(" ")
    out = []
    for i, word in enumerate(words):
        first = i == 0 or out[-1].endswith(":")
        if word.islower() and word[:1].isalpha() and (first or word not in _STOP):
            word = word[0].upper() + word[1:]
        out.append(word)
    return " ".join(out)


def capitalize_first(text: str) -> str:
    """CSL's capitalize-first: the first character upper case where the first word is all lower case."""
    first = text.split(" ", 1)[0]
    return text[0].upper() + text[1:] if text and first.islower() else text


# --- dates, numbers and pages -------------------------------------------------------------

def _date(paper: Paper, csl_type: str, unpublished_paper: bool) -> str:
    if not paper.published:
        return f"({_text(paper.publication.status.lower())})" if paper.publication.status else "(n.d.)"
    parts = paper.published.split("-")
    shown = parts[0]
    if len(parts) > 1 and (csl_type in _FULL_DATE or unpublished_paper):
        shown += ", " + _MONTHS[int(parts[1]) - 1] + (f" {int(parts[2])}" if len(parts) > 2 else "")
    return f"({shown})"


def _numeric(value: str | None) -> bool:
    return bool(value) and bool(re.fullmatch(r"\d+", value.strip()))


def _edition(value: str | None) -> str | None:
    if not value:
        return None
    if not _numeric(value):
        return _text(value)
    n = int(value)
    suffix = "th" if 10 <= n % 100 <= 20 else _ORDINAL.get(n % 10, "th")
    return f"{n}{suffix} ed."


def _pages(pub: Publication) -> str | None:
    """A page range with an en dash, the last page written out ("234–41" → "234–241")."""
    found = pub.page_range()
    if not found:
        return None
    first, last = found
    if last and _numeric(first) and _numeric(last) and len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    return _text(f"{first}–{last}" if last else first)


def _volume(pub: Publication) -> str | None:
    if not pub.volume:
        return None
    return f"Vol. {_text(pub.volume)}" if _numeric(pub.volume) else _text(capitalize_first(pub.volume))


# --- the reference ------------------------------------------------------------------------

def _join(parts: list[str], delimiter: str = ". ") -> str:
    """Parts joined as CSL joins a group, without doubling the stop a part ends with ("G.", "Why?")."""
    out = ""
    for part in (p for p in parts if p):
        if out:
            end = re.sub(r"<[^>]+>", "", out)[-1:]
            out += " " if delimiter == ". " and end in ".?!" else delimiter
        out += part
    return out


def reference(paper: Paper, pub: Publication, doi: str | None, url: str | None) -> str:
    """The APA 7 reference of a paper as HTML (``pub``: its ``citations.reference``; ``doi`` and ``url``
    as its citations give them; the arXiv id of a preprint is its number)."""
    work = _Work(paper, pub)
    title = _title(paper, work)
    lead = names(paper.authors) if paper.authors else _editors(pub.editors, True) if pub.editors else title
    body = [lead, work.date(paper), _join([title if lead is not title else "", _identifier(work),
                                           _description(work)], " "), _source(work)]
    text = _join(body)
    text += "" if re.sub(r"<[^>]+>", "", text)[-1:] in ".?!" else "."
    if doi:
        text += " " + _text(f"https://doi.org/{doi}")
    elif url:
        text += " " + ("" if paper.published else "Retrieved ") + _text(url)
    return text


class _Work:
    """What the style asks of a work, worked out once: its CSL type and variables."""

    def __init__(self, paper: Paper, pub: Publication):
        self.pub = pub
        self.type = entry_types.to_csl(pub.type)
        self.container = pub.journal or pub.booktitle
        awarded = pub.type in ("phdthesis", "mastersthesis", "techreport")
        self.publisher = (pub.institution if awarded else None) or pub.publisher or pub.organization \
            or pub.howpublished or ("arXiv" if paper.arxiv and pub.type == "misc" else None)
        self.number = pub.number if awarded else (f"arXiv:{paper.arxiv}" if paper.arxiv and pub.type == "misc"
                                                   else None)
        self.issue = pub.number if pub.type in ("article", "inproceedings") else None
        self.genre = entry_types.genre(pub.type, pub.genre)
        self.editors = pub.editors if paper.authors else ()  # editors who lead are not named again
        self.linked = bool(paper.doi or paper.url or paper.arxiv)

    def date(self, paper: Paper) -> str:
        published = bool(self.editors or self.issue or self.pub.pages or self.pub.volume)
        return _date(paper, self.type, self.type == "paper-conference" and not published)


def _title(paper: Paper, work: _Work) -> str:
    shown = markup.to_html(paper.title)
    return shown if work.container else _italic(shown)


def _identifier(work: _Work) -> str:
    if work.container:
        return ""
    parts = [_number(work), "" if work.type in ("article-journal", "paper-conference") else _monographic(work)]
    inner = "; ".join(p for p in parts if p)
    return f"({inner})" if inner else ""


def _number(work: _Work) -> str:
    if not work.number:
        return ""
    kind = "Publication" if work.type == "thesis" and work.genre else \
        title_case(work.genre) if work.genre and work.type != "thesis" else ""
    return _text(" ".join(p for p in (kind, capitalize_first(work.number)) if p))


def _monographic(work: _Work) -> str:
    """Edition, series (of a report), volume and pages: "2nd ed., Vol. 4", "Vol. 2, pp. 243–270"."""
    pub = work.pub
    series = _text(title_case(pub.series)) if pub.series and work.type in ("report", "document") else None
    volume = f"Vol. {_text(pub.volume)}" if _numeric(pub.volume) else None
    pages = _pages(pub)
    locator = (f"{'pp.' if '–' in pages else 'p.'} {pages}" if pages else
               f"Chapter {_text(pub.chapter)}" if pub.chapter and _numeric(pub.chapter) else None)
    return ", ".join(p for p in (_edition(pub.edition), series, volume, locator) if p)


def _description(work: _Work) -> str:
    if work.type == "thesis":
        shown = ", ".join(_text(p) for p in (work.genre and capitalize_first(work.genre),
                                             work.publisher if work.linked else None) if p)
        return f"[{shown}]" if shown else ""
    if work.container or work.type == "article-journal":
        return ""
    if work.genre:
        return "" if work.number else f"[{_text(capitalize_first(work.genre))}]"
    if work.type == "manuscript" and not (work.publisher or work.linked or work.number):
        return "[Unpublished manuscript]"
    return ""


def _source(work: _Work) -> str:
    serial = work.type == "article-journal" or (work.type == "paper-conference" and not work.editors)
    main = _serial(work) if serial else _in_book(work)
    publisher = None
    if work.type == "thesis":
        publisher = None if work.linked else work.publisher
    elif work.type != "article-journal" and (work.type != "paper-conference" or work.editors):
        publisher = work.publisher
    return _join([main, _text(publisher) if publisher else ""])


def _serial(work: _Work) -> str:
    """"*Journal*, *20*(3), 101–137"."""
    pub = work.pub
    names_ = ", ".join(_text(title_case(t)) for t in (work.container, pub.series) if t)
    volume = _italic(_text(pub.volume)) if pub.volume else ""
    volume += f"({_text(work.issue)})" if work.issue else ""
    return ", ".join(p for p in (_italic(names_), volume, _pages(work.pub)) if p)


def _in_book(work: _Work) -> str:
    """"In E. Editor & F. Editor (Eds.), *Book* (Vol. 2, pp. 243–270)"."""
    if not work.container:
        return ""
    pub = work.pub
    book = _text(work.container)
    if pub.volume and not _numeric(pub.volume):
        book += ": " + _text(capitalize_first(pub.volume))
    who = _editors(work.editors, False) if work.editors else ""
    identifier = "; ".join(p for p in (_number(work), _monographic(work)) if p)
    kind = work.type == "report" and work.genre and not work.number  # a report's kind, in brackets
    return " ".join(p for p in ("In", ", ".join(p for p in (who, _italic(book)) if p),
                                f"({identifier})" if identifier else "",
                                f"[{_text(capitalize_first(work.genre))}]" if kind else "") if p)
