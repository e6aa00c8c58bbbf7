"""Paper and person identifiers: arXiv ids, DOIs and ORCID iDs, read and checked.

The one home of all three: readers call :func:`arxiv_id`, :func:`find_arxiv_id`
and :func:`doi`; ``records`` keeps and compares papers by :func:`arxiv_id` and
:func:`doi_key`, and warns (:func:`why_not`) where a record's value is none;
pages and citations link the values kept on each paper with :func:`arxiv_url`,
:func:`doi_url` and :func:`pdf_url`, people with :func:`orcid` and :func:`orcid_url`.
A value these functions do not read (None) is never linked.

- An arXiv id is kept without its version, prefix (``arXiv:``) or URL
  (``arxiv.org/abs/…``, ``/pdf/….pdf``, ``10.48550/arXiv.…``). A new-style id
  (``YYMM.NNNN`` from 0704, ``YYMM.NNNNN`` from 1501) names a real month; an
  old-style one (``archive[.SC]/YYMMNNN``, 1991 to 2007) one of arXiv's
  archives, in arXiv's own case: the archive lower case, the subject class upper
  case (``math.DG/0303109``).
- A DOI is ``10.`` and a registrant code of 4 to 9 digits, ``/`` and a suffix of
  visible characters; it is kept without its resolver (``https://doi.org/``,
  ``dx.doi.org``, ``doi:``) and trailing punctuation; papers keep it in lower
  case (:func:`doi_key`): DOIs are case-insensitive. Its link percent-encodes
  what a URL cannot hold (``<``, ``#``, ``?``, …).
- An ORCID iD (:func:`orcid`) is kept as ``0000-0002-1825-0097``, from the bare
  id, ``orcid.org/…`` links or 16 digits; one whose check character (ISO 7064
  MOD 11-2) is wrong is no ORCID iD. :func:`author_id` writes the persistent
  author ids papers keep: ``orcid:…``, ``s2:…`` (Semantic Scholar), ``acl:…``
  (ACL Anthology), ``rid:…`` (Web of Science ResearcherID).
"""
from __future__ import annotations

import re
from urllib.parse import quote

#: arXiv's archives of the old-style ids (1991–2007).
OLD_ARCHIVES = frozenset(
    "acc-phys adap-org alg-geom ao-sci astro-ph atom-ph bayes-an chao-dyn chem-ph cmp-lg comp-gas cond-mat "
    "cs dg-ga funct-an gr-qc hep-ex hep-lat hep-ph hep-th math math-ph mtrl-th nlin nucl-ex nucl-th "
    "patt-sol physics plasm-ph q-alg q-bio quant-ph solv-int supr-con".split())
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
_DOI = re.compile(r"(?:https?://(?:dx\.|www\.)?doi\.org/|doi:\s*)?(10\.\d{4,9}(?:\.\d+)*/[^\s\x00-\x1f\x7f]+)",
                  re.IGNORECASE)
_ORCID = re.compile(r"(?:(?:https?://)?(?:www\.)?orcid\.org/|orcid:\s*)?(\d{4})-?(\d{4})-?(\d{4})-?(\d{3}[\dX])/?",
                    re.IGNORECASE)
#: The persistent author ids a paper may keep, by prefix, and what reads each.
AUTHOR_ID_KINDS = ("orcid", "s2", "acl", "rid")
#: What a DOI link may carry unencoded (RFC 3986 path characters but ``%``).
_DOI_SAFE = "/:;()[]@!$&'*+,=._~-"


def _arxiv_checked(found: str) -> str | None:
    """``found`` (a match of ``_ID``) in arXiv's own case, when it can be an arXiv id; else None."""
    if "/" not in found:
        yymm, number = found.split(".")
        # 0704–1412: four digits after the dot; from 1501 five.
        ok = 1 <= int(yymm[2:]) <= 12 and yymm >= "0704" and len(number) == (4 if yymm < "1501" else 5)
        return found if ok else None
    archive, number = found.split("/")
    head, _, cls = archive.partition(".")
    year, month = int(number[:2]), int(number[2:4])
    if head.lower() not in OLD_ARCHIVES or not 1 <= month <= 12 or 8 <= year <= 90 or number[4:] == "000" \
            or (year, month) > (7, 3) and year < 90:
        return None
    return f"{head.lower()}{'.' + cls.upper() if cls else ''}/{number}"


def arxiv_id(value: object) -> str | None:
    """An arXiv id without its version, from an id, ``arXiv:…`` or an arxiv.org link; else None."""
    if value is None:
        return None
    m = _BARE.fullmatch(str(value).strip())
    return _arxiv_checked(m.group("id")) if m else None


def find_arxiv_id(text: object) -> str | None:
    """The first arXiv id that a longer text names (``arXiv: 2101.00001``, an arxiv.org link)."""
    if not text:
        return None
    for m in _IN_TEXT.finditer(str(text)):
        if found := _arxiv_checked(m.group("id")):
            return found
    return None


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


def author_id(kind: str, value: object) -> str | None:
    """A persistent author id in the form papers keep (``orcid:0000-…``, ``s2:1741101``,
    ``acl:yang-liu-ict``, ``rid:AAJ-7900-2021``), or None when ``value`` is not one."""
    if kind == "orcid":
        found = orcid(value)
    else:
        text = str(value or "").strip()
        found = text if text and re.fullmatch(r"[\w.-]{1,64}", text) and (kind != "s2" or text.isdigit()) else None
    return f"{kind}:{found}" if found and kind in AUTHOR_ID_KINDS else None


#: How each kind of identifier is written, for a message naming a value that is none.
SHAPES = {
    "arxiv": "an arXiv id looks like 2101.00001 or math.DG/0303109 (arXiv:…, an arxiv.org link)",
    "doi": "a DOI looks like 10.1109/ICCV.2015.123 (doi:…, a doi.org link)",
    "orcid": "an ORCID iD looks like 0000-0002-1825-0097 and ends in its check digit",
}
READERS = {"arxiv": arxiv_id, "doi": doi_key, "orcid": orcid}


def as_read(kind: str, value: object) -> str | None:
    """What a reader keeps of a field that names an identifier: the identifier ('arxiv': the id,
    'doi': the DOI as written), else the text as written, for ``records`` to warn about and drop."""
    text = str(value).strip() if value is not None and not isinstance(value, (bool, list, dict)) else ""
    found = arxiv_id(text) if kind == "arxiv" else doi(text) if kind == "doi" else orcid(text)
    return found or text or None


def why_not(kind: str, value: object) -> str | None:
    """A sentence for a warning when ``value`` is not an identifier of ``kind`` ('arxiv', 'doi',
    'orcid'); None when it is one (or empty)."""
    text = str(value or "").strip()
    if not text or READERS[kind](text) is not None:
        return None
    shown = text if len(text) <= 80 else text[:77] + "…"
    name = {"arxiv": "arXiv id", "doi": "DOI", "orcid": "ORCID iD"}[kind]
    return f"{kind} {shown!r} is not a valid {name}, so it is not linked; {SHAPES[kind]}"


def arxiv_url(arxiv: str, kind: str = "abs") -> str:
    """arXiv's page (``abs``) or PDF (``pdf``) of an id as papers keep it."""
    return f"https://arxiv.org/{kind}/{arxiv}"


def doi_url(value: str) -> str:
    """The resolver's link of a DOI as papers keep it (what a URL cannot hold percent-encoded)."""
    return f"https://doi.org/{quote(value, safe=_DOI_SAFE)}"


def orcid_url(value: str) -> str:
    """ORCID's page of an iD as :func:`orcid` gives it."""
    return f"https://orcid.org/{value}"


def pdf_url(paper) -> str | None:
    """A paper's PDF: the one its records give, else arXiv's."""
    return paper.pdf or (arxiv_url(paper.arxiv, "pdf") if paper.arxiv else None)
