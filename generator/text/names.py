"""Person names: what two spellings of a name have in common.

A spelling is read into a :class:`Name`: the family name (whole, with its
particles: ``normalise.full_family``) and the given names as tokens, each a
name written out ("David", "Jean-Luc") or initials ("M.", "J.-L.", and "JM"
in "JM Smith", as PubMed writes them).

- :meth:`Name.same` key: spellings that are one name written alike: case, word
  order ("Gödel, Kurt"), dots and spaces after initials ("J.M." / "J. M." / "JM")
  aside. These are one person unless an id or the people file says otherwise.
- :func:`compatible`: spellings that may be one person's, differing only by
  accents, hyphens and spaces ("Jean-Luc"/"Jean Luc", "Xiaohui"/"Xiao-hui"),
  middle names or initials left out ("David M. Dormagen"/"David Dormagen") or
  initials for names ("P. Berens"/"Philipp Berens"). Whether they are is the
  records stage's call (``records.people``): a co-author or an id in common.

"Xiao-Jing Wang" and "Xiao Wang" are not compatible: a hyphenated given name
is one name, not a name and a middle name.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from generator.text.normalise import family_name, fold, full_family, given_names, split_name


@dataclass(frozen=True, slots=True)
class Token:
    """One given name: written out (``full`` folded, hyphens and spaces dropped) or initials only
    (``full`` empty); ``initials`` are its letters' initials ("jl" for "Jean-Luc" and "J.-L.")."""

    full: str
    initials: str
    #: As written but for case and dots: "jean-luc", "j-l", "j".
    written: str

    def fits(self, other: Token) -> bool:
        """The two may be one given name: equal written out, or initials that begin the other."""
        if self.full and other.full:
            return self.full == other.full
        return self.initials.startswith(other.initials) or other.initials.startswith(self.initials)


@dataclass(frozen=True, slots=True)
class Name:
    """A spelling of a person's name, read for comparing (see the module docstring)."""

    #: The family name with its particles, lower-case ASCII, without spaces or hyphens ("baileywilson").
    family: str
    given: tuple[Token, ...]
    #: Equal for spellings that are one name written alike: (family name in lower case as
    #: written, accents kept; each given name as written but for case and dots).
    same: tuple[str, tuple[str, ...]]
    #: Family name and first initial: how a co-author is recognised under any spelling.
    loose: tuple[str, str]

    @property
    def initials_only(self) -> bool:
        return bool(self.given) and not any(t.full for t in self.given)

    @property
    def fullness(self) -> tuple[int, int]:
        """How much of the name a spelling gives: initials of names written out, then all initials."""
        return sum(len(t.initials) for t in self.given if t.full), sum(len(t.initials) for t in self.given)


#: A mark that is no part of a name: equal contribution, corresponding author, footnotes.
_MARKS = re.compile(r"[*†‡§¶#¹²³⁴⁵⁶⁷⁸⁹⁰]")


def _written(word: str) -> str:
    return unicodedata.normalize("NFC", word).casefold()


def _token(word: str, shouting: bool) -> list[Token]:
    """The given-name tokens of one word ("David", "M.", "Jean-Luc", "J.-L.", "JM")."""
    dotted = word.endswith(".")
    parts = [p for p in word.strip(".").split("-") if p.strip(".")]
    if not parts:
        return []
    parts = [p.strip(".") for p in parts]
    if len(parts) > 1:
        initials = "".join(fold(p)[:1] for p in parts)
        if all(len(p) == 1 for p in parts):
            return [Token("", initials, "-".join(_written(p) for p in parts))]
        return [Token(fold("".join(parts)).replace(" ", ""), initials, _written("-".join(parts)))]
    (part,) = parts
    letters = fold(part).replace(" ", "")
    if not letters:
        return []
    if len(part) == 1 or dotted:
        return [Token("", letters[0], letters[0])]
    if part.isupper() and len(part) <= 3 and not shouting:  # "JM Smith": initials, one a letter
        return [Token("", c, c) for c in letters]
    return [Token(letters, letters[0], _written(part))]


@lru_cache(maxsize=1 << 17)  # bounded: under `mkdocs serve` it lives as long as the process
def parse(spelling: str) -> Name:
    """A spelling read into a :class:`Name` ("Family, Given" or "Given Family")."""
    spelling = " ".join(_MARKS.sub("", spelling).split())
    letters = [c for c in spelling if c.isalpha()]
    shouting = bool(letters) and all(c.isupper() for c in letters)
    words = given_names(spelling).replace(".", ". ").split()
    # "J. -L." and "J.-L." are one hyphenated initial.
    joined = " ".join(words).replace(". -", ".-").replace(" -", "-").split()
    tokens = [t for w in joined for t in _token(w, shouting)]
    family = full_family(spelling).replace(" ", "")
    return Name(family, tuple(tokens), (_written(family_name(spelling)), tuple(t.written for t in tokens)),
                (family, tokens[0].initials[:1] if tokens else ""))


def compatible(a: Name, b: Name) -> bool:
    """Whether ``a`` and ``b`` may be spellings of one person's name (module docstring)."""
    if a.family != b.family or not a.family:
        return False
    if not a.given or not b.given:
        return not a.given and not b.given
    if not _initials_fit(a, b):
        return False
    if a.initials_only or b.initials_only:  # the initials say all there is to compare
        return True
    x, y = _first_aligned(list(a.given), list(b.given))
    if not x[0].fits(y[0]):
        return False
    return _within(x[1:], y[1:]) or _within(y[1:], x[1:])


def _initials_fit(a: Name, b: Name) -> bool:
    """All initials, hyphenated names' too, agree: the first, then the rest of one side in the
    other's ("Y.-A. Lee" is "Y. Lee" but not "Y. H. Lee"; "Zhi-Qin John Xu" is "Z. Q. Xu")."""
    ia, ib = "".join(t.initials for t in a.given), "".join(t.initials for t in b.given)
    return ia[:1] == ib[:1] and (subsequence(ia[1:], ib[1:]) or subsequence(ib[1:], ia[1:]))


def subsequence(short: str, long: str) -> bool:
    """Every letter of ``short`` is in ``long``, in order ("natl" in "national")."""
    rest = iter(long)
    return all(c in rest for c in short)


def _first_aligned(x: list[Token], y: list[Token]) -> tuple[list[Token], list[Token]]:
    """The first given names joined where one side writes in two words what the other writes in
    one ("Pier Alberto" / "PierAlberto", "Zhong qi" / "Zhong-qi")."""
    for one, two in ((x, y), (y, x)):
        if len(one) > 1 and one[0].full and one[1].full and two[0].full == one[0].full + one[1].full:
            joined = Token(two[0].full, one[0].initials + one[1].initials, two[0].written)
            merged = [joined, *one[2:]]
            return (merged, y) if one is x else (x, merged)
    return x, y


def _within(short: list[Token], long: list[Token]) -> bool:
    """Every token of ``short`` fits a token of ``long``, in order (middle names may be left out)."""
    i = 0
    for t in short:
        while i < len(long) and not t.fits(long[i]):
            i += 1
        if i == len(long):
            return False
        i += 1
    return True


def display(spelling: str) -> str:
    """"Family, Given" → "Given Family"; other spellings as written (marks dropped)."""
    spelling = " ".join(_MARKS.sub("", spelling).split())
    if "," not in spelling:
        return spelling
    family, given = split_name(spelling)
    return f"{given} {family}".strip()


def spelling_rank(spelling: str, used: int) -> tuple:
    """Sorts a person's spellings best first: given names written out, then fuller, not in
    capitals, with accents, the most used; ties by the text. A given name split in two with a
    lower-case half ("Xiao hui") gives way to one written whole ("Xiao-hui", "Xiaohui")."""
    name = parse(spelling)
    words = spelling.split()
    shouting = any(len(w) > 1 and w.isupper() for w in words)
    split = any(w[:1].islower() for w in given_names(spelling).split())
    return (name.initials_only, -name.fullness[0], -name.fullness[1], shouting, split, spelling.isascii(), -used,
            spelling)
