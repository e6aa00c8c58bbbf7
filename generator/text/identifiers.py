"""Paper identifiers: arXiv ids and DOIs, read from whatever sources write.

The one home of both: readers call :func:`arxiv_id`, :func:`find_arxiv_id` and
:func:`doi`; ``records`` keeps and compares papers by :func:`arxiv_id` and
:func:`doi_key`; pages and citations link the values kept on each paper with
:func:`arxiv_url`, :func:`doi_url` and :func:`pdf_url`.

- An arXiv id is kept without its version, prefix (``arXiv:``) or URL
  (``arxiv.org/abs/…``, ``/pdf/….pdf``, ``10.48550/arXiv.…``). Old-style ids
  keep arXiv's own case: the archive lower case, the subject class upper case
  (``math.DG/0303109``).
- A DOI is kept without its resolver (``https://doi.org/``, ``dx.doi.org``,
  ``doi:``) and trailing punctuation; papers keep it in lower case
  (:func:`doi_key`): DOIs are case-insensitive.
- An ORCID iD (:func:`orcid`) is kept as ``0000-0002-1825-0097``, from the bare
  id, ``orcid.org/…`` links or 16 digits; one whose check character (ISO 7064
  MOD 11-2) is wrong is no ORCID iD. :func:`author_id` writes the persistent
  author ids papers keep: ``orcid:…``, ``s2:…`` (Semantic Scholar), ``acl:…``
  (ACL Anthology), ``rid:…`` (Web of Science ResearcherID).
"""
from __future__ import annotations

import re

_ID = r"(?P<id>\d{4}\.\d{4,5}|[a-z]+(?:-[a-z]+)*(?:\.[A-Za-z]{2})?/\d{7})(?:v\d+)?"
_BARE = re.compile(
    r"(?:arxiv\s*:\s*|(?:https?://)?(?:www\.|export\.)?arxiv\.org/(?:abs|pdf|html)/|10\.48550/arxiv\.)?"
    + _ID + r"(?:\.pdf)?/?",
    re.IGNORECASE,
)
_IN_TEXT = re.compile(
    r"(?:arxiv(?:\s*:\s*|\s+|\.org/(?:abs|pdf|html)/)|10\.48550/arxiv\.)" + _ID + r"(?![\w.])",
    re.IGNORECASE,
)
_ORCID = re.compile(r"(?:(?:https?://)?(?:www\.)?orcid\.org/|orcid:\s*)?(\d{4})-?(\d{4})-?(\d{4})-?(\d{3}[\dX])/?",
                    re.IGNORECASE)
#: The persistent author ids a paper may keep, by prefix, and what reads each.
AUTHOR_ID_KINDS = ("orcid", "s2", "acl", "rid")
_DOI = re.compile(r"(?:https?://(?:dx\.|www\.)?doi\.org/|doi:\s*)?(10\.\d+(?:\.\d+)*/\S+)", re.IGNORECASE)


def _arxiv_case(found: str) -> str:
    if "/" in found:  # old style: the archive is lower case, the subject class upper case
        archive, number = found.split("/")
        head, _, cls = archive.partition(".")
        return f"{head.lower()}{'.' + cls.upper() if cls else ''}/{number}"
    return found


def arxiv_id(value: object) -> str | None:
    """An arXiv id without its version, from an id, ``arXiv:…`` or an arxiv.org link; else None."""
    if value is None:
        return None
    m = _BARE.fullmatch(str(value).strip())
    return _arxiv_case(m.group("id")) if m else None


def find_arxiv_id(text: object) -> str | None:
    """The first arXiv id that a longer text names (``arXiv: 2101.00001``, an arxiv.org link)."""
    if not text:
        return None
    m = _IN_TEXT.search(str(text))
    return _arxiv_case(m.group("id")) if m else None


def doi(value: object) -> str | None:
    """A DOI as written, without ``https://doi.org/`` or ``doi:``, from a field that holds one; else None."""
    if not value:
        return None
    m = _DOI.search(str(value).strip())
    return m.group(1).rstrip(".,;") if m else None


def whole_doi(value: object) -> str | None:
    """The DOI ``value`` is, when all of it is one (bare, ``doi:…`` or a doi.org link); else None."""
    text = str(value or "").strip()
    return doi(text) if _DOI.fullmatch(text) else None


def doi_key(value: object) -> str | None:
    """The DOI of ``value`` in lower case, the form papers are compared and kept in."""
    found = doi(value)
    return found.lower() if found else None


def arxiv_url(arxiv: str, kind: str = "abs") -> str:
    """arXiv's page (``abs``) or PDF (``pdf``) of an id as papers keep it."""
    return f"https://arxiv.org/{kind}/{arxiv}"


def doi_url(value: str) -> str:
    """The resolver's link of a DOI as papers keep it."""
    return f"https://doi.org/{value}"


def pdf_url(paper) -> str | None:
    """A paper's PDF: the one its records give, else arXiv's."""
    return paper.pdf or (arxiv_url(paper.arxiv, "pdf") if paper.arxiv else None)


def orcid(value: object) -> str | None:
    """An ORCID iD as ``0000-0002-1825-0097`` from the id, an orcid.org link or 16 digits, when its
    check character is right (ISO 7064 MOD 11-2); else None."""
    m = _ORCID.fullmatch(str(value or "").strip())
    if not m:
        return None
    digits = "".join(m.groups()).upper()
    total = 0
    for c in digits[:-1]:
        total = (total + int(c)) * 2
    check = (12 - total % 11) % 11
    if digits[-1] != ("X" if check == 10 else str(check)):
        return None
    return "-".join(digits[i:i + 4] for i in range(0, 16, 4))


def orcid_url(value: str) -> str:
    """ORCID's page of an iD as :func:`orcid` gives it."""
    return f"https://orcid.org/{value}"


def author_id(kind: str, value: object) -> str | None:
    """A persistent author id in the form papers keep (``orcid:0000-…``, ``s2:1741101``,
    ``acl:yang-liu-ict``, ``rid:AAJ-7900-2021``), or None when ``value`` is not one."""
    if kind == "orcid":
        found = orcid(value)
    else:
        text = str(value or "").strip()
        found = text if text and re.fullmatch(r"[\w.-]{1,64}", text) and (kind != "s2" or text.isdigit()) else None
    return f"{kind}:{found}" if found and kind in AUTHOR_ID_KINDS else None
