"""Citations of each paper: BibTeX, CSL-JSON, Google Scholar (Highwire) meta tags, schema.org JSON-LD.

All four come from the same fields of the record. A BibTeX key is the first
author's family name, the year and the first significant title word
(``ronneberger2015unet``); without authors the first two title words lead.
Keys are ASCII. Papers that would share a key get ``b``, ``c``, … in the order
of their paper ids (the first keeps the plain key), so a key changes only when
a paper with the same key and a smaller id is added.

Record text is untrusted: in BibTeX, LaTeX's special characters are escaped
(balanced ``$…$`` math is kept), so an entry always parses and a title cannot
inject fields; JSON-LD is made safe for ``<script>`` by ``script_json``.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache

from generator import paths
from generator.model.collection import Collection
from generator.model.page import Citation
from generator.model.papers import Paper
from generator.runtime.cache import NO_CACHE, Memo, paper_keys
from generator.runtime.cache import key as cache_key
from generator.text import identifiers
from generator.text.normalise import ascii_fold, split_name
from generator.text.tokens import CITATION_KEY_WORD
from generator.text.words import CITATION_KEY_STOP_WORDS

# --- names and keys ---------------------------------------------------------------

_JOINERS = str.maketrans("", "", "'-.")


def _key_word(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", ascii_fold(text).lower())


def base_key(paper: Paper) -> str:
    folded = ascii_fold(paper.title[:120]).lower()
    words = [w for w in (t.translate(_JOINERS) for t in CITATION_KEY_WORD.findall(folded))
             if w not in CITATION_KEY_STOP_WORDS]
    family = _key_word(split_name(paper.authors[0])[0]) if paper.authors else ""
    year = paper.year or ""
    if family:
        key = family + year + (words[0] if words else "")
    else:
        key = "".join(words[:2]) + year
    key = key[:40] or "paper"
    return key if key[0].isalpha() else "p" + key


def citation_keys(papers: tuple[Paper, ...] | list[Paper]) -> dict[str, str]:
    """Paper id → BibTeX key, unique in the collection."""
    groups: dict[str, list[str]] = {}
    for p in papers:
        groups.setdefault(base_key(p), []).append(p.id)
    keys: dict[str, str] = {}
    taken = set(groups)
    for base, ids in groups.items():
        for n, pid in enumerate(sorted(ids)):
            key = base
            if n:
                key = base + _suffix(n)
                while key in taken:  # "smith2020a" + "b" could be another base key
                    key += "x"
                taken.add(key)
            keys[pid] = key
    return keys


def _suffix(n: int) -> str:
    """1 → b, 2 → c, …, 25 → z, 26 → ba, … (0 would be the plain key)."""
    out = ""
    while True:
        n, r = divmod(n, 26)
        out = "abcdefghijklmnopqrstuvwxyz"[r] + out
        if not n:
            return out


# --- venue kinds --------------------------------------------------------------------

_CONFERENCE = re.compile(
    r"\b(?:conference|proceedings|workshop|symposium|congress|meeting)\b|"
    r"\b(?:NeurIPS|NIPS|ICML|ICLR|CVPR|ICCV|ECCV|AAAI|IJCAI|ACL|EMNLP|NAACL|EACL|COLING|MICCAI|KDD|WWW|"
    r"SIGIR|SIGGRAPH|COLT|AISTATS|UAI|CoRL|ICRA|IROS|WACV|BMVC|INTERSPEECH|Interspeech|ICASSP|MLSys|CHI|"
    r"WSDM|CIKM|ICDM|SDM|ECML|ACCV|ISBI|LoG|RSS)\b", re.IGNORECASE)
_JOURNAL = re.compile(r"\b(?:journal|transactions|letters|review|magazine|TMLR|JMLR|TPAMI|IJCV|Nature|Science|"
                      r"PNAS|Neural Computation|Neurocomputing|Pattern Recognition)\b", re.IGNORECASE)
_PREPRINT = re.compile(r"^\s*(?:arxiv|biorxiv|medrxiv|preprint|corr)\b", re.IGNORECASE)


def kind(paper: Paper) -> str:
    """``inproceedings``, ``article`` or ``misc`` (preprints and unknown venues)."""
    return _venue_kind(paper.venue or "")


@lru_cache(maxsize=16384)
def _venue_kind(venue: str) -> str:
    if not venue or _PREPRINT.match(venue):
        return "misc"
    if _JOURNAL.search(venue):
        return "article"
    if _CONFERENCE.search(venue):
        return "inproceedings"
    return "misc"


def doi_of(paper: Paper) -> str | None:
    return identifiers.doi(paper.doi)


def landing_url(paper: Paper) -> str | None:
    """The paper's own page: its URL, else arXiv, else the DOI resolver."""
    if paper.url:
        return paper.url
    if paper.arxiv:
        return identifiers.arxiv_url(paper.arxiv)
    doi = doi_of(paper)
    return identifiers.doi_url(doi) if doi else None


# --- BibTeX -----------------------------------------------------------------------------

_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
            "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
_CONTROLS = [*range(0x20), *range(0x7f, 0xa0)]
_TABLE = str.maketrans({**_SPECIAL, **{chr(c): " " for c in _CONTROLS}})
_MATH = re.compile(r"\$[^$\s](?:[^$]*[^$\s])?\$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
#: A word that lower-casing would change: a capital after its first letter
#: ("GANs", "nnU-Net", "3D", "ResNet-50"), a one-letter capital part of a
#: hyphenated word ("U-Net"), or a capital followed by a digit ("V2").
_MAYBE = re.compile(r"[\w-][A-Z]|\d")  # cheap test first: most titles and words fail it
_WORD = re.compile(r"(?<![\w-])[\w-]*?(?:[\w-][A-Z]|\d)[\w-]*")  # the words that might need it
_PROTECT = re.compile(r"[^\W_][^\W_-]*?[A-Z]|(?<![^\W_])[A-Z]-|-[A-Z](?![^\W_])|[A-Z][^\W_-]*?\d")
_OPEN, _CLOSE = "\ue000", "\ue001"  # private-use marks, replaced by braces after escaping


def _escape(text: str) -> str:
    return text.translate(_TABLE)


def _balanced(text: str) -> bool:
    depth = 0
    for i, ch in enumerate(text):
        if ch in "{}" and i and text[i - 1] == "\\":
            continue
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0


def latex(text: str, protect_case: bool = False) -> str:
    """``text`` as a BibTeX field value: specials escaped, balanced ``$…$`` math kept.

    With ``protect_case``, words with capitals after their first letter
    ("U-Net", "GANs", "3D") are braced so styles that lower-case titles keep them.
    """
    if "$" not in text:
        return _escape_words(text, protect_case)
    out: list[str] = []
    pos = 0
    for m in _MATH.finditer(text):
        out.append(_escape_words(text[pos:m.start()], protect_case))
        math = m.group(0)
        out.append(math if _balanced(math) and not _CONTROL.search(math) else _escape(math))
        pos = m.end()
    out.append(_escape_words(text[pos:], protect_case))
    return "".join(out)


def _escape_words(text: str, protect_case: bool) -> str:
    if protect_case and _MAYBE.search(text) and _OPEN not in text and _CLOSE not in text:
        text = _WORD.sub(_protect, text)
        return _escape(text).replace(_OPEN, "{").replace(_CLOSE, "}")
    return _escape(text)


def _protect(m: re.Match) -> str:
    word = m.group(0)
    return _OPEN + word + _CLOSE if _PROTECT.search(word) else word


@lru_cache(maxsize=65536)
def _bib_name(name: str) -> str:
    family, given = split_name(name)
    if not given or re.search(r"\band\b", name, re.IGNORECASE):
        # One word, or an "and" BibTeX would split on: the whole name, braced.
        return "{" + latex(name if given else family) + "}"
    # "van Beethoven, Ludwig": BibTeX reads "van" as the von part by itself.
    return f"{latex(family)}, {latex(given)}"


def bibtex(paper: Paper, key: str) -> str:
    entry = kind(paper)
    fields: list[tuple[str, str]] = [("title", latex(paper.title, protect_case=True))]
    if paper.authors:
        fields.append(("author", " and ".join(_bib_name(a) for a in paper.authors)))
    if paper.year:
        fields.append(("year", paper.year))
    if paper.published and len(paper.published) >= 7:
        fields.append(("month", str(int(paper.published[5:7]))))
    if paper.venue and entry == "article":
        fields.append(("journal", latex(paper.venue)))
    elif paper.venue and entry == "inproceedings":
        fields.append(("booktitle", latex(paper.venue)))
    elif paper.venue and not _PREPRINT.match(paper.venue):
        fields.append(("howpublished", latex(paper.venue)))
    doi = doi_of(paper)
    if doi:
        fields.append(("doi", _escape_url(doi)))
    if paper.arxiv:
        fields += [("eprint", _escape_url(paper.arxiv)), ("archiveprefix", "arXiv")]
    url = landing_url(paper)
    if url:
        fields.append(("url", _escape_url(url)))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{entry}{{{key},\n{body}\n}}\n"


def _escape_url(url: str) -> str:
    # url, doi and eprint are verbatim fields: only braces, backslashes and
    # spaces could break the entry, so those alone are percent-encoded.
    return "".join(f"%{ord(ch):02X}" if ch in "{}\\ " or ord(ch) < 32 else ch for ch in url)


# --- CSL-JSON ------------------------------------------------------------------------------

def csl(paper: Paper, key: str, topic_name: str, tag_names: list[str]) -> dict:
    entry = kind(paper)
    item: dict = {"id": key, "type": {"article": "article-journal", "inproceedings": "paper-conference"}.get(entry, "article"),
                  "title": paper.title}
    if paper.authors:
        people = []
        for a in paper.authors:
            family, given = split_name(a)
            people.append({"family": family, "given": given} if given else {"literal": family})
        item["author"] = people
    if paper.published:
        item["issued"] = {"date-parts": [[int(x) for x in paper.published.split("-")]]}
    if paper.venue:
        item["container-title"] = paper.venue
    doi = doi_of(paper)
    if doi:
        item["DOI"] = doi
    if paper.arxiv:
        item["number"] = f"arXiv:{paper.arxiv}"
        if entry == "misc":
            item["publisher"] = "arXiv"
    url = landing_url(paper)
    if url:
        item["URL"] = url
    # No abstract: papers.json has them; the downloads stay a tenth of the size.
    item["keyword"] = ", ".join([topic_name, *tag_names])
    return item


# --- Highwire meta tags and schema.org JSON-LD ------------------------------------------------

def highwire(paper: Paper, tag_names: list[str]) -> list[tuple[str, str]]:
    """(name, content) pairs for ``<meta name=… content=…>`` (Google Scholar's inclusion guidelines).

    An inferred title is not the paper's title: it is never given to indexers
    as ``citation_title`` (the page shows it, marked as inferred). No
    ``citation_abstract_html_url``: the page is the abstract's page, and its
    ``<link rel="canonical">`` already gives that URL.
    """
    meta = [] if paper.title_inferred else [("citation_title", paper.title)]
    meta += [("citation_author", a) for a in paper.authors]
    if paper.published:
        meta.append(("citation_publication_date", paper.published.replace("-", "/")))
    if paper.venue:
        name = {"article": "citation_journal_title", "inproceedings": "citation_conference_title"}.get(kind(paper))
        if name:
            meta.append((name, paper.venue))
        elif not _PREPRINT.match(paper.venue):
            meta.append(("citation_publisher", paper.venue))
    doi = doi_of(paper)
    if doi:
        meta.append(("citation_doi", doi))
    if paper.arxiv:
        meta.append(("citation_arxiv_id", paper.arxiv))
    pdf = identifiers.pdf_url(paper)
    if pdf:
        meta.append(("citation_pdf_url", pdf))
    if tag_names:
        meta.append(("citation_keywords", "; ".join(tag_names)))
    return meta


def jsonld(paper: Paper, topic_name: str) -> dict:
    """schema.org ``ScholarlyArticle``. Nothing another tag of the head already
    says: no ``url`` (the canonical link), no ``keywords`` (``citation_keywords``)
    and no ``identifier`` (the arXiv and DOI URLs of ``sameAs`` name them)."""
    data: dict = {"@context": "https://schema.org", "@type": "ScholarlyArticle"}
    if not paper.title_inferred:  # an inferred title is not the paper's name
        data["headline"] = data["name"] = paper.title
    if paper.abstract:
        data["abstract"] = paper.abstract
    if paper.authors:
        data["author"] = [{"@type": "Person", "name": a} for a in paper.authors]
    if paper.published:
        data["datePublished"] = paper.published
    if paper.venue:
        part_type = "Periodical" if kind(paper) == "article" else "CreativeWork"
        data["isPartOf"] = {"@type": part_type, "name": paper.venue}
    doi = doi_of(paper)
    same = [u for u in (identifiers.arxiv_url(paper.arxiv) if paper.arxiv else None,
                        identifiers.doi_url(doi) if doi else None, paper.url) if u]
    if same:
        data["sameAs"] = same
    data["about"] = {"@type": "Thing", "name": topic_name}
    return data


def script_json(data: object) -> str:
    """JSON text safe inside ``<script>`` and in HTML text: ``<``, ``>``, ``&`` and
    line separators become ``\\u`` escapes, so no ``</script>`` or comment can appear."""
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(ch, esc)
    return text


# --- everything for one collection ------------------------------------------------------------------

def _tag_names(collection: Collection, paper: Paper) -> list[str]:
    return [collection.tag_names[t] for t in paper.tags if t in collection.tag_names]


def citations(collection: Collection, memo: Memo | None = None) -> dict[str, Citation]:
    """Paper id → its citation for its page. With ``memo``, a citation made from the same paper,
    key, topic and tags as in the last build is not made again."""
    keys = citation_keys(collection.papers)
    topics = {t.slug: t.name for t in collection.taxonomy.topics}
    memo = memo or NO_CACHE.memo("citations")
    papers = paper_keys(collection.papers) if memo.enabled else {}
    out: dict[str, Citation] = {}
    for p in collection.papers:
        tags = _tag_names(collection, p)
        topic = topics.get(p.topic, p.topic)
        out[p.id] = memo.get(memo.enabled and cache_key(papers[p.id], keys[p.id], tags, topic), lambda: Citation(
            keys[p.id], bibtex(p, keys[p.id]), tuple(highwire(p, tags)), script_json(jsonld(p, topic))))
    memo.save()
    return out


def downloads(collection: Collection, cites: dict[str, Citation]) -> dict[str, str]:
    """The whole collection and each topic as ``.bib`` and CSL-JSON, under ``downloads/``."""
    files: dict[str, str] = {}
    topics = {t.slug: t.name for t in collection.taxonomy.topics}
    groups: dict[str, list[Paper]] = {"": list(collection.papers)}
    for p in collection.papers:
        groups.setdefault(p.topic, []).append(p)
    # One CSL item a line: readable, each encoded once, by json's C encoder
    # (indent= would switch to the pure-Python one); no space after "," and ":".
    items = {p.id: json.dumps(csl(p, cites[p.id].key, topics.get(p.topic, p.topic), _tag_names(collection, p)),
                              ensure_ascii=False, separators=(",", ":")) for p in collection.papers}
    for slug, members in groups.items():
        members = sorted(members, key=lambda p: cites[p.id].key)
        base = paths.downloads(slug or None)
        files[base + ".bib"] = "\n".join(cites[p.id].bibtex for p in members)
        files[base + ".json"] = "[\n" + ",\n".join(items[p.id] for p in members) + "\n]\n"
    return files
