"""Text normalisation: the one home of what makes two spellings "the same".

- :func:`clean`: what every record's text goes through (NFC, no control
  characters, one space between words).
- :func:`ascii_fold` (characters) and :func:`fold` (lower-case ASCII words):
  "Gödel", "Godel" and "GÖDEL" fold alike; ß, ø, ł, æ, œ … become ASCII too.
- :func:`stem`: plural → singular, for matching (taxonomy), similarity and search.
- :func:`split_name` (family, given) and :func:`family_key`: "Ronneberger,
  Olaf", "O. Ronneberger" and "Olaf Ronneberger" are one person's names.
- :func:`title_key`: titles that are the same paper's.
- :func:`search_tokens`: the search tokenizer; ``docs/assets/search.js`` does
  exactly the same in the browser (``tests/unit/text/test_normalise.py`` runs both over
  one table).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: Control characters that are not whitespace: no page can show them.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")
_LATEX_MARKUP = re.compile(r"\\[a-zA-Z]+|[{}$]")
_ALNUM = re.compile(r"[a-z0-9]+")
#: Letters NFKD does not decompose into ASCII.
_FOLD = str.maketrans({"ß": "ss", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "æ": "ae", "Æ": "AE", "œ": "oe",
                       "Œ": "OE", "đ": "d", "Đ": "D", "þ": "th", "Þ": "Th", "ð": "d", "ı": "i"})
_PARTICLES = frozenset("van von der den de del della di da du le la dos das ter ten bin al".split())
_SUFFIXES = frozenset("jr jr. sr sr. ii iii iv".split())


def clean(text: str | None) -> str:
    """Unicode NFC, control characters dropped, whitespace runs collapsed to one space, ends stripped;
    a text of invisible format characters only (zero-width spaces, BOMs, joiners) is no text."""
    if not text:
        return ""
    text = " ".join(unicodedata.normalize("NFC", _CONTROL.sub("", text)).split())
    return text if any(c != " " and unicodedata.category(c) != "Cf" for c in text) else ""


def ascii_fold(text: str) -> str:
    """``text`` with accents dropped and letters folded to ASCII; other characters removed."""
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return text.encode("ascii", "ignore").decode()


def fold(text: str) -> str:
    """Lowercase ASCII letters and digits only, words separated by one space."""
    text = _LATEX_MARKUP.sub(" ", text)  # LaTeX commands, braces, math marks
    return " ".join(_ALNUM.findall(ascii_fold(text).lower()))


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """"1 paper", "2 papers", "0 papers": a count with its noun in the right number."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


@lru_cache(maxsize=1 << 17)  # bounded: under `mkdocs serve` it lives as long as the process
def stem(word: str) -> str:
    """Plural → singular, enough for matching and search: "symmetries" → "symmetry", "nets" → "net"."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "as")):
        return word[:-1]
    return word


@lru_cache(maxsize=65536)
def split_name(name: str) -> tuple[str, str]:
    """(family, given) of a person's name; family alone when it cannot be split.

    "Family, Given" is read as written; otherwise the last word is the family
    name, with particles before it ("Ludwig van Beethoven") and a suffix kept.
    """
    name = " ".join(name.split())
    if "," in name:
        family, given = (s.strip() for s in name.split(",", 1))
        return (family, given) if family else (given, "")
    words = name.split(" ")
    if len(words) == 1:
        return name, ""
    suffix = [words.pop()] if words[-1].lower() in _SUFFIXES and len(words) > 2 else []
    i = len(words) - 1
    while i > 1 and words[i - 1].lower() in _PARTICLES:
        i -= 1
    family = " ".join(words[i:] + suffix)
    return family, " ".join(words[:i])


def family_key(name: str) -> str:
    """A person's family name for comparing names: the last word of the family
    name folded, without particles or a suffix ('Ronneberger, Olaf' and 'O.
    Ronneberger' agree; so do 'Ludwig van Beethoven' and 'Beethoven, Ludwig van')."""
    family = split_name(name.strip())[0]
    words = [w for w in fold(family).split() if w not in _SUFFIXES and w not in _PARTICLES]
    if words:
        return words[-1]
    return " ".join(family.casefold().split())  # 山田 and علي are names too


def full_family(name: str) -> str:
    """The whole family name folded, particles kept wherever they are written and
    a suffix dropped: "Adrian Del Maestro", "Del Maestro, A." → "del maestro";
    "Beethoven, Ludwig van" → "van beethoven"; but "Adrian Maestro" → "maestro"."""
    family, given = split_name(name.strip())
    words = given.split()
    moved = []
    while words and words[-1].islower() and words[-1] in _PARTICLES:
        moved.insert(0, words.pop())
    folded = [w for w in fold(" ".join([*moved, family])).split() if w not in _SUFFIXES]
    return " ".join(folded) or " ".join(family.casefold().split())


def title_key(title: str) -> str:
    """Titles that are the same paper's: folded, or for a title with no Latin letter
    or digit (CJK, Arabic, emoji, '---'), its own casefolded words."""
    return fold(title) or " ".join(title.casefold().split())


# --- the search tokenizer ------------------------------------------------------------

_ACCENTS = re.compile(r"[\u0300-\u036f]")
_ASCII_TOKEN = re.compile(r"[^\W_]+")


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
        return _ASCII_TOKEN.findall(text.lower())
    return _token().findall(_ACCENTS.sub("", unicodedata.normalize("NFKD", text)).lower())
