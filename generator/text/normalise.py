"""Text normalisation: the one home of what makes two spellings "the same".

- :func:`clean`: what every record's text goes through (NFC, no control
  characters, one space between words).
- :func:`ascii_fold` (characters) and :func:`fold` (lower-case ASCII words):
  "Gödel", "Godel" and "GÖDEL" fold alike; ß, ø, ł, æ, œ … become ASCII too.
- :func:`stem`: plural → singular, for matching (taxonomy), similarity and search.
- :func:`split_name` (family, given) and :func:`family_key`: "Ronneberger,
  Olaf", "O. Ronneberger" and "Olaf Ronneberger" are one person's names.
- :func:`title_key`: titles that are the same paper's.

Words are cut by ``text/tokens.py`` and word lists live in ``text/words.py``.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from generator.text.tokens import ASCII_WORD
from generator.text.words import NAME_PARTICLES, NAME_SUFFIXES

#: Control characters that are not whitespace: no page can show them.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")
_LATEX_MARKUP = re.compile(r"\\[a-zA-Z]+|[{}$]")
#: Letters NFKD does not decompose into ASCII.
_FOLD = str.maketrans({"ß": "ss", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "æ": "ae", "Æ": "AE", "œ": "oe",
                       "Œ": "OE", "đ": "d", "Đ": "D", "þ": "th", "Þ": "Th", "ð": "d", "ı": "i"})


def clean(text: str | None) -> str:
    """Unicode NFC, control characters dropped, whitespace runs collapsed to one space, ends stripped;
    a text of invisible format characters only (zero-width spaces, BOMs, joiners) is no text."""
    if not text:
        return ""
    text = " ".join(unicodedata.normalize("NFC", _CONTROL.sub("", text)).split())
    return text if any(c != " " and unicodedata.category(c) != "Cf" for c in text) else ""


_SURROGATE = re.compile("[\ud800-\udfff]")
_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")


def without_surrogates(value):
    """``value`` (text, or lists, tuples and mappings of it) with every surrogate pair joined into the
    character it stands for (YAML reads ``"\\uD83D\\uDE00"`` as two halves) and every lone surrogate,
    which no page, file or feed can hold, replaced by U+FFFD; and whether one was lone."""
    if isinstance(value, str):
        if not _SURROGATE.search(value):
            return value, False
        joined = _PAIR.sub(lambda m: m.group().encode("utf-16", "surrogatepass").decode("utf-16"), value)
        fixed = _SURROGATE.sub("\ufffd", joined)
        return fixed, fixed != joined
    if isinstance(value, (list, tuple)):
        done = [without_surrogates(v) for v in value]
        return type(value)(v for v, _ in done), any(lone for _, lone in done)
    if isinstance(value, dict):
        done = {without_surrogates(k)[0]: without_surrogates(v) for k, v in value.items()}
        return {k: v for k, (v, _) in done.items()}, any(lone for _, lone in done.values())
    return value, False


def ascii_fold(text: str) -> str:
    """``text`` with accents dropped and letters folded to ASCII; other characters removed."""
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return text.encode("ascii", "ignore").decode()


def fold(text: str) -> str:
    """Lowercase ASCII letters and digits only, words separated by one space."""
    text = _LATEX_MARKUP.sub(" ", text)  # LaTeX commands, braces, math marks
    return " ".join(ASCII_WORD.findall(ascii_fold(text).lower()))


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
    suffix = [words.pop()] if words[-1].lower() in NAME_SUFFIXES and len(words) > 2 else []
    i = len(words) - 1
    while i > 1 and words[i - 1].lower() in NAME_PARTICLES:
        i -= 1
    family = " ".join(words[i:] + suffix)
    return family, " ".join(words[:i])


def family_key(name: str) -> str:
    """A person's family name for comparing names: the last word of the family
    name folded, without particles or a suffix ('Ronneberger, Olaf' and 'O.
    Ronneberger' agree; so do 'Ludwig van Beethoven' and 'Beethoven, Ludwig van')."""
    family = split_name(name.strip())[0]
    words = [w for w in fold(family).split() if w not in NAME_SUFFIXES and w not in NAME_PARTICLES]
    if words:
        return words[-1]
    return " ".join(family.casefold().split())  # 山田 and علي are names too


def family_name(name: str) -> str:
    """The whole family name as written, particles kept wherever they are written and a
    suffix dropped: "Adrian Del Maestro" → "Del Maestro"; "Beethoven, Ludwig van" → "van Beethoven"."""
    family, given = split_name(name.strip())
    moved = given.split()[len(given_names(name).split()):]
    return " ".join(w for w in [*moved, *family.split()] if w.lower() not in NAME_SUFFIXES) or family


def given_names(name: str) -> str:
    """The given names without the particles that belong to the family name ("Beethoven, Ludwig van" → "Ludwig")."""
    words = split_name(name.strip())[1].split()
    while words and words[-1].islower() and words[-1] in NAME_PARTICLES:
        words.pop()
    return " ".join(words)


def full_family(name: str) -> str:
    """The whole family name folded (:func:`family_name`): "Adrian Del Maestro", "Del Maestro, A."
    → "del maestro"; "Beethoven, Ludwig van" → "van beethoven"; but "Adrian Maestro" → "maestro"."""
    whole = family_name(name)
    return fold(whole) or " ".join(whole.casefold().split())


def title_key(title: str) -> str:
    """Titles that are the same paper's: folded, or for a title with no Latin letter
    or digit (CJK, Arabic, emoji, '---'), its own casefolded words."""
    return fold(title) or " ".join(title.casefold().split())
