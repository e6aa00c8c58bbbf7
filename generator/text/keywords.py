"""A record's keywords as written: split, and cleaned of an indexer's marks.

Keyword fields hold lists of headings in more than one shape:

- BibTeX and Zotero exports separate keywords by commas or semicolons; a field that
  has a semicolon is split at semicolons only (Scopus: "Education, Medical; Students").
- PubMed/MEDLINE headings (MeSH), exported one after another with commas between,
  hold commas of their own: "Aged, 80 and over", "Models, Biological", "Receptors,
  Estrogen/metabolism". :func:`split` keeps such a heading whole when the list is
  MeSH's (a heading marked "*" or qualified "/…", or a check tag such as "Humans").
- :func:`clean` drops MeSH's major-topic mark and qualifiers ("*Neurons/physiology" →
  "Neurons"), turns an inverted heading around ("Models, Biological" → "Biological
  models") and drops a closing parenthesis ("Stimulus (psychology)" → "Stimulus",
  OpenAlex's concepts; "Quantum dots (QDs)" → "Quantum dots").
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from generator.text.lexicon import participle, parts_of_speech
from generator.text.normalise import fold
from generator.text.words import INDEX_TERMS, MESH_INVERSIONS, MESH_INVERTED_HEADS, MESH_QUALIFIERS

_SEMICOLON = re.compile(r"\s*;\s*")
_COMMA = re.compile(r"\s*,\s*")
_DISAMBIGUATION = re.compile(r"\s+\([^()]{1,40}\)$")


def split(field: str) -> list[str]:
    """The keywords of a record's keyword field, in order, none empty."""
    if ";" in field:
        return [k for k in (p.strip(" ,") for p in _SEMICOLON.split(field.strip())) if k]
    pieces = [k for k in _COMMA.split(field.strip()) if k]
    if not _mesh(pieces):
        return pieces
    out: list[str] = []
    for piece in pieces:
        if out and _continues(out[-1], piece):
            out[-1] = f"{out[-1]}, {piece}"
        else:
            out.append(piece)
    return out


def _mesh(pieces: list[str]) -> bool:
    return any(p.startswith("*") or _qualified(p) for p in pieces) or \
        sum(fold(p) in ("humans", "animals", "female", "male") for p in pieces) >= 1


def _qualified(piece: str) -> bool:
    return "/" in piece and all(_qualifier(q) for q in piece.split("/")[1:])


def _qualifier(text: str) -> bool:
    """A MeSH subheading, however its "and" is written ("isolation & purification")."""
    return fold(text).replace(" and ", " ") in _QUALIFIERS


_QUALIFIERS = frozenset(q.replace(" and ", " ") for q in MESH_QUALIFIERS)


def _continues(previous: str, piece: str) -> bool:
    """Whether ``piece`` is the second part of the inverted MeSH heading ``previous``."""
    head, folded = fold(_heading(previous)), fold(_heading(piece))
    if "," in previous or "/" in previous or not folded or folded in INDEX_TERMS - MESH_INVERSIONS:
        return False  # a heading with its qualifiers is whole
    if folded in MESH_INVERSIONS or (head in MESH_INVERTED_HEADS and " " not in head and len(folded.split()) <= 3):
        return True
    words = folded.split()
    if len(words) != 1 or not piece[:1].isupper():
        return False
    pos = parts_of_speech(words[0])
    return ("ADJ" in pos and "NOUN" not in pos) or participle(words[0]) or \
        (not pos and words[0].endswith(("al", "ic", "ar", "ous", "ive", "ing")))


def _heading(keyword: str) -> str:
    """A MeSH heading without its major-topic mark and qualifiers."""
    keyword = keyword.lstrip("*").strip()
    if "/" in keyword and _qualified(keyword):
        keyword = keyword.split("/")[0].strip()
    return keyword.replace("/*", "/")


def clean(keyword: str) -> str:
    """A keyword as a reader should see it: "*Neurons/physiology" → "Neurons", "Models,
    Biological" → "Biological models", "Stimulus (psychology)" → "Stimulus", "stars :
    abundances" (Web of Science) → "stars: abundances"."""
    keyword = _DISAMBIGUATION.sub("", _heading(" ".join(keyword.split()))).replace(" : ", ": ")
    head, comma, rest = keyword.partition(", ")
    if comma and rest and "," not in rest and len(rest.split()) <= 3 and fold(rest) != "80 and over":
        keyword = f"{rest} {head}"
    return keyword


#: A concept's sense in words, the way OpenAlex and Wikidata tell concepts apart ("Fundus
#: (uterus)", "Set (abstract data type)"); an acronym in parentheses ("(QDs)") is no sense.
_SENSE = re.compile(r"\s\([a-z][a-z ,-]{2,40}\)$")


def machine_assigned(keywords: Iterable[str]) -> bool:
    """Whether a record's keywords were given by a machine that tags every paper with
    concepts of an encyclopedia (OpenAlex's concepts, as Zotero imports them): one of them
    says which sense it means. Such a list also holds concepts the paper never mentions
    ("Epistemology", "Chromatic scale" on a retina paper)."""
    return any(_SENSE.search(k) for k in keywords)
