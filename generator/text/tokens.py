"""Tokenizers: the one home of how the generator cuts text into words.

Each is named for the words it gives; where two differ, they differ on purpose:

- :data:`ASCII_WORD`: runs of ASCII letters and digits ("GNNs", "3D"): what ``normalise.fold``
  keeps and what topic and tag rules match on ("U-Net" is "U" "Net").
- :data:`PHRASE_WORD`, :data:`CLAUSE_BREAK`, :data:`MATH_OR_COMMAND`: the words of phrases
  (letters of any script, hyphens and apostrophes inside: "Kähler-Einstein", "state-of-the-art"),
  the marks no phrase crosses, and the LaTeX no phrase holds (``text/phrases.py``).
- :func:`vector_tokens`: the words of the TF-IDF vectors, cut with C-level string methods
  (punctuation splits; a hyphen joins: "U-Net", "UNet" and "unet" are one term).
- :func:`search_tokens`, :data:`SEARCH_WORD`: the search's words (letters, digits and combining
  marks, accents dropped); ``docs/assets/search.js`` cuts queries exactly so
  (``tests/unit/text/test_normalise.py`` runs both over one table).
- :data:`CITATION_KEY_WORD`: the words of a citation key (folded title words, with the
  apostrophes, hyphens and dots inside them).
"""
from __future__ import annotations

import re
import string
import unicodedata
from functools import lru_cache

from generator.text.latex import MATH_SPAN

#: Runs of ASCII letters and digits.
ASCII_WORD = re.compile(r"[A-Za-z0-9]+")

# --- phrases -----------------------------------------------------------------------------------

#: Inline math, and LaTeX commands outside it (\infty, \alpha): never part of a phrase.
MATH_OR_COMMAND = re.compile(MATH_SPAN.pattern + r"|\\[A-Za-z]+")
#: Punctuation, brackets, quotes, operators and a spaced dash: a phrase never crosses one.
CLAUSE_BREAK = re.compile(r"[.,;:!?()\[\]{}\"“”‘’<>|=+*&%#@~^/\\]|\s[-–—]+\s")
#: A word: letters of any script ("Kähler", "Schrödinger"), then letters or digits,
#: hyphens and apostrophes inside ("state-of-the-art", "Kähler-Einstein").
PHRASE_WORD = re.compile(r"[^\W\d_][^\W_]*(?:[-'][^\W_]+)*")

#: A copyright or publisher's line, to the end of its sentence ("© 2015 Informa UK Limited,
#: trading as Taylor & Francis Group.", "Published by Elsevier Ltd."): not the paper's words.
COPYRIGHT = re.compile(r"(?:©|\(c\)\s*(?:19|20)\d\d|\b(?:Copyright|Published by|All rights reserved|Informa UK|"
                       r"Taylor (?:&|and) Francis|Elsevier|Springer Nature|John Wiley|SAGE Publications)\b)"
                       r"[^.]*(?:\.|$)", re.IGNORECASE)

# --- vectors -----------------------------------------------------------------------------------

# Punctuation splits words, except the hyphen, which joins them: "U-Net",
# "UNet" and "unet" are one term.
_SPLIT = "".join(ch for ch in string.punctuation if ch != "-") + "“”‘’–—…·•«»„‚′″§¶©®™°±×÷"
_TABLE = str.maketrans({**{ch: " " for ch in _SPLIT}, "-": None, "\u00ad": None})


def vector_tokens(text: str) -> list[str]:
    """The lower-case words of ``text`` for TF-IDF: punctuation splits, a hyphen joins."""
    return text.lower().translate(_TABLE).split()


# --- search ------------------------------------------------------------------------------------

_ACCENTS = re.compile(r"[\u0300-\u036f]")
#: Letters and digits of any script (no underscore).
SEARCH_WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=1)
def _token() -> re.Pattern:
    """Letters, digits and combining marks (JavaScript's ``[\\p{L}\\p{N}\\p{M}]+``):
    a vowel sign keeps "हिन्दी" one word. Built on first use (non-ASCII text only)."""
    ranges, start = [], None
    for code in (*range(0x300, 0x20000), *range(0xE0000, 0xE1000), 0x10FFFF):
        mark = code != 0x10FFFF and unicodedata.category(chr(code)).startswith("M")
        if mark and start is None:
            start = code
        elif not mark and start is not None:
            ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(code - 1))}")
            start = None
    return re.compile(r"(?:[^\W_]|[" + "".join(ranges) + r"])+")


def search_tokens(text: str) -> list[str]:
    """Words of ``text`` for search: NFKD, accents dropped, lower case, letters,
    digits and marks; plurals and stop words are the caller's (see ``search.terms``)."""
    if text.isascii():
        return SEARCH_WORD.findall(text.lower())
    return _token().findall(_ACCENTS.sub("", unicodedata.normalize("NFKD", text)).lower())


# --- citation keys -----------------------------------------------------------------------------

#: A word of a folded (lower-case ASCII) title, with apostrophes, hyphens and dots inside.
CITATION_KEY_WORD = re.compile(r"[a-z0-9]+(?:['\-.][a-z0-9]+)*")
