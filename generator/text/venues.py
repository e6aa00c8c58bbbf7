"""Venue names: the series a record's venue names, and which spellings are one series.

- :func:`series`: the venue as a series, without what changes from year to year:
  "Bernstein Conference 2012, Munich, Germany, 12 Sep - 14 Sep, 2012." → "Bernstein
  Conference"; "Intelligent Robots and Systems (IROS), 2010 IEEE/RSJ International
  Conference on" → "IEEE/RSJ International Conference on Intelligent Robots and Systems
  (IROS)"; "Proceedings of the 16th ACM International Conference on …" → "ACM
  International Conference on …"; volume, issue and pages dropped ("Annals of Physics
  324, 523"). "Proceedings of the" stays where no meeting follows (a journal: "Proceedings
  of the National Academy of Sciences").
- :func:`key`: equal for spellings of one series: case, accents, punctuation, "and"/"&",
  "of"/"the", a trailing acronym in brackets, and for a meeting its organisers and
  "International"/"Annual" aside.
- :func:`abbreviates`: "Phys. Rev. A" abbreviates "Physical Review A", "Proc. Natl. Acad.
  Sci." "Proceedings of the National Academy of Sciences" (word by word, in order: each
  abbreviation starts as the word does and keeps its letters' order).
- :func:`year`: the year a venue gives ("ICLR 2021" → "2021"), for a paper that has none.
"""
from __future__ import annotations

import re

from generator.text.names import subsequence
from generator.text.normalise import fold
from generator.text.words import VENUE_MEETING_WORDS, VENUE_ORDINALS, VENUE_ORGANISERS, VENUE_PLACES

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
          r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
#: A date or a range of dates: "June 28-July 2", "12 Sep - 14 Sep", "27-06-2022 Through 30-06-2022", "Sept. 2019".
_DATE = re.compile(
    rf"(?:\b\d{{1,2}}(?:st|nd|rd|th)?\s*{_MONTH}|\b{_MONTH}\s*\d{{1,2}}(?:st|nd|rd|th)?\b|\b{_MONTH}(?=[\s,.;)]|$)"
    rf"|\b\d{{1,2}}[-/.]\d{{1,2}}[-/.](?:19|20)\d\d\b)"
    rf"(?:\s*(?:-|–|to|through|until)\s*(?:\d{{1,2}}(?:st|nd|rd|th)?\s*{_MONTH}|{_MONTH}\s*\d{{1,2}}\b|\d{{1,2}}\b"
    rf"|\d{{1,2}}[-/.]\d{{1,2}}[-/.](?:19|20)\d\d\b))?", re.IGNORECASE)
_YEAR = re.compile(r"(?<![\w.])(?:19|20)\d\d(?!\w|\.\d)|'\d\d\b|(?<=[A-Za-z])(?:19|20)\d\d\b")
_ORDINAL = re.compile(r"\b\d+\s*(?:st|nd|rd|th)\b\.?|\b(?:" + "|".join(sorted(VENUE_ORDINALS)) + r")\b"
                      r"|\b(?:twenty|thirty|forty|fifty)-(?:" + "|".join(sorted(VENUE_ORDINALS)) + r")\b", re.IGNORECASE)
#: Volume, issue and page numbers at the end of a venue ("vol. 3, no. 1", "pp. 26-33", "324, 523").
_NUMBERS = re.compile(r"[\s,;:]*(?:\b(?:vol|volume|no|issue|pp|p|ed)\.?\s*)?(?:[\d\-–:]+|\(\d+\)|(?<=[\s,])e\d*)$", re.IGNORECASE)
_PROCEEDINGS = re.compile(r"^(?:in:?\s+)?(?:the\s+)?(?:(?:proceedings|proc\.?|procs\.?)(?:\s+of)?\s+(?:the\s+)?)?",
                          re.IGNORECASE)
#: The book series a proceedings volume appears in, at the end ("…, PMLR 250:841-856", "…, LNCS 1234").
_SERIES_AT_END = re.compile(r",\s*(?:PMLR|LNCS|LNAI|CEUR(?:-WS| Workshop Proceedings)?|JMLR W&CP|Springer|IEEE|ACM)\.?$")
_NOTE = re.compile(r"\s*[;(]\s*conference date:.*$|\s*;\s*conference.*$", re.IGNORECASE)
_STOP = frozenset("the of on and in for at to".split())
#: Words that qualify a meeting but do not tell two series apart.
_QUALIFIERS = frozenset("international annual".split())  # not "a": "Physica A", "Phys. Rev. A"
_USA = re.compile(r"\s*\bU\.?\s?S\.?\s?A\.?$")


def _meeting(text: str) -> bool:
    return bool(set(fold(text).split()) & VENUE_MEETING_WORDS)


def series(venue: str | None) -> str | None:
    """The series a venue names (module docstring), or None when nothing is left."""
    if not venue:
        return None
    text = _NOTE.sub("", " ".join(venue.split()))
    text = re.sub(r"-BASEL$", "", text)  # Web of Science's "VIRUSES-BASEL": the publisher's town
    text = _inverted(text)
    text = _YEAR.sub(" ", _DATE.sub(" ", text))
    text = _ORDINAL.sub(" ", text) if _meeting(text) else text
    text = _tidy(text)
    stripped = _tidy(_PROCEEDINGS.sub("", text))
    if stripped != text and (_meeting(stripped) or re.match(r"^in\b", text, re.IGNORECASE)
                             or (re.fullmatch(r"[A-Z][A-Za-z]*[A-Z][A-Za-z0-9-]*", stripped)  # "Proc. ICML"
                                 and stripped.lower() not in VENUE_ORGANISERS)):  # not "Proceedings of the IEEE"
        text = stripped
    text = _places(text)
    while (cut := _tidy(_SERIES_AT_END.sub("", _NUMBERS.sub("", text)))) != text:  # "Annals of Physics 324, 523" → "Annals of Physics"
        text = cut
    return _final_dot(text) or None


def _final_dot(text: str) -> str:
    """A sentence's full stop dropped ("Conference.", "(LANMAN)."), an abbreviation's kept ("J. Stat.")."""
    last = text.rsplit(" ", 1)[-1]
    if last.endswith(".") and (last.endswith(").") or len(last) > 6 or last[:-1].isupper()) and last.count(".") == 1:
        return text[:-1]
    return text


def _tidy(text: str) -> str:
    """Punctuation left by what was cut: "(DEBS )" → "(DEBS)", ", ." and "()" gone, ends trimmed."""
    text = re.sub(r"\(\s*\)|\[\s*\]", " ", text)
    text = re.sub(r"\(\s+", "(", re.sub(r"\s+\)", ")", text))
    text = re.sub(r"(?:\s*[,;:.]\s*)+(?=[,;:.])", "", text)  # ", ." → "."
    text = re.sub(r"\s+([,;:.])", r"\1", " ".join(text.split()))
    text = re.sub(r"\s+[.,;:]+$", "", text)
    return text.strip(" ,;:-–").rstrip("(").strip()


def _inverted(text: str) -> str:
    """IEEE Xplore's inverted names: "Intelligent Robots and Systems (IROS), 2010 IEEE/RSJ
    International Conference on" and "Computer Software and Applications Conference, 2007.
    COMPSAC 2007. 31st Annual International" put in reading order."""
    m = re.match(r"^(?P<main>.+?),\s*(?P<tail>(?:19|20)\d\d\.?\s.*)$", text)
    if not m:
        return text
    main, tail = m.group("main"), m.group("tail")
    pieces = [p.strip() for p in re.split(r"\.\s+", tail) if p.strip()]
    qualifier = pieces[-1]
    acronyms = [re.sub(r"\s*(?:19|20)\d\d$", "", p) for p in pieces[:-1]]
    acronyms = [a for a in acronyms if re.fullmatch(r"[A-Z][A-Za-z0-9/&-]{1,15}", a)]
    if not re.search(r"\b(?:on|of|for|international|annual|ieee|acm|conference|workshops?|symposium)$",
                     qualifier, re.IGNORECASE):
        return text
    words = [w for w in qualifier.split() if not re.fullmatch(r"(?:19|20)\d\d", w)]
    out = f"{' '.join(words)} {main}"
    if acronyms and f"({acronyms[0]})" not in out:
        out += f" ({acronyms[0]})"
    return out


def _places(text: str) -> str:
    """Trailing ", City, Country" segments dropped when the last is a country, US state or
    "Virtual"/"Online" ("…, Munich, Germany"; "…, Virtual Event, Italy")."""
    parts = [p.strip() for p in text.split(",")]
    cut = len(parts)
    while cut > 1 and _place(parts[cut - 1]):
        cut -= 1
    if cut == len(parts):
        return text
    # A city before the country: short, capitalised, no meeting word.
    while cut > 1 and len(parts[cut - 1].split()) <= 3 and parts[cut - 1][:1].isupper() \
            and not _meeting(parts[cut - 1]) and not re.search(r"[()\d]", parts[cut - 1]):
        cut -= 1
    return _tidy(", ".join(parts[:cut]))


def _place(segment: str) -> bool:
    words = segment.strip(" .")
    if len(words) <= 2:  # "CA", "UK": a code counts in capitals only
        return words.isupper() and words.lower() in VENUE_PLACES
    return words.lower() in VENUE_PLACES or words.lower().removeprefix("the ") in VENUE_PLACES


def key(label: str) -> str:
    """Equal for spellings of one series (module docstring); a meeting's organisers are
    compared apart (:func:`organisers`)."""
    text = re.sub(r"\s*\([^()]*\)\s*$", "", label) or label  # "… Systems (DEBS)" and "… Systems"
    text = _USA.sub("", text) or text  # "Proc. Natl. Acad. Sci. U.S.A."
    words = [w for w in fold(text.replace("&", " and ")).split() if w not in _STOP]
    if _meeting(text):
        words = [_singular(w) for w in words if w not in VENUE_ORGANISERS and w not in _QUALIFIERS] or words
    return " ".join(words)


def organisers(label: str) -> frozenset[str]:
    """Who a meeting's name says holds it ("IEEE/RSJ …" → ieee, rsj); two spellings of one series
    name the same organisers or one names none of the other's ("AAAI Conference on Artificial
    Intelligence" is not the "International Joint Conference on Artificial Intelligence")."""
    if not _meeting(label):
        return frozenset()
    return frozenset(w for w in fold(label).split() if w in VENUE_ORGANISERS and w not in _QUALIFIERS)


def _singular(word: str) -> str:
    return {"workshops": "workshop", "conferences": "conference", "symposia": "symposium"}.get(word, word)


def abbreviates(short: str, full: str) -> bool:
    """Whether series key ``short`` abbreviates series key ``full`` word by word ("phys rev a" /
    "physical review a"); at least one word shortened, every other word equal."""
    a, b = short.split(), full.split()
    if len(a) != len(b) or len(a) < 2 or a == b:  # one word: an acronym ("ApJ" is not "ApJS")
        return False
    shortened = False
    for x, y in zip(a, b):
        if x == y:
            continue
        if len(x) >= len(y) or not (y.startswith(x) or (len(x) <= 4 and x[0] == y[0] and subsequence(x, y))):
            return False  # "genes" is no abbreviation of "genetics"; "natl" is one of "national"
        shortened = True
    return shortened


def head(label: str) -> str | None:
    """The title before a subtitle or a volume ("Physica A: Statistical Mechanics …" → "Physica A";
    "Advances in Neural Information Processing Systems 38: Annual Conference …" → "Advances in
    Neural Information Processing Systems"), or after "Proceedings of" ("Proceedings of Medical
    Imaging with Deep Learning" → "Medical Imaging with Deep Learning"); None when neither."""
    before, colon, _ = label.partition(": ")
    if colon and before.strip():
        return re.sub(r"\s+\d+$", "", before.strip())
    after = _PROCEEDINGS.sub("", label)
    return after if after != label and after else None


#: Words a journal's name keeps in capitals when its name is written all in capitals, and how they are spelled.
_CAPITALS = {w.upper(): w for w in "BMC PLOS PeerJ IEEE ACM SIAM SPIE AIP APS JAMA BMJ PNAS EMBO FEBS RNA DNA eLife "
             "mBio JMIR IUCr ISME MDPI NPJ AAAS".split()}
_SMALL = frozenset("a an and as at by dell della delle di de der des du en et for from in la le of on or the to und "
                   "with".split())


def readable(name: str) -> str:
    """A name written all in capitals (Web of Science: "PARASITES & VECTORS") in title case
    ("Parasites & Vectors"), known capitals kept ("BMC Veterinary Research"); other names as written."""
    letters = [c for c in name if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters):
        return name
    if " " not in name and len(letters) <= 4 and name not in _CAPITALS:
        return name  # "APJ", "JCP": an acronym
    words = []
    for n, word in enumerate(name.split()):
        parts = []
        for part in word.split("-"):
            bare = part.strip("()[],.:;&'")
            if bare in _CAPITALS:
                parts.append(part.replace(bare, _CAPITALS[bare]))
            elif bare and not re.search(r"[AEIOUY]", bare):  # no vowel: an acronym ("BMC")
                parts.append(part)
            elif n and bare.lower() in _SMALL:
                parts.append(part.lower())
            elif len(bare) <= 3:  # "PART B", "PLOS ONE"
                parts.append(part)
            else:
                parts.append(part.capitalize())
        words.append("-".join(parts))
    return " ".join(words)


def year(venue: str | None) -> str | None:
    """The year a venue names ("ICLR 2021", "DEBS '22" → "2022"), when it names one only."""
    if not venue:
        return None
    found = {m.group(0) for m in re.finditer(r"(?<![\w.])(?:19|20)\d\d(?![\w]|\.\d)", venue)}
    return found.pop() if len(found) == 1 else None


def name_rank(spelling: str, used: int) -> tuple:
    """Sorts a venue's spellings best first: with its acronym in brackets, not in capitals,
    not abbreviated, the most used, then the longest."""
    acronym = bool(re.search(r"\([A-Z][A-Za-z0-9/&' -]*\)$", spelling))
    shouting = sum(1 for w in spelling.split() if len(w) > 3 and w.isupper()) > 1
    dots = spelling.count(".")
    proceedings = bool(_PROCEEDINGS.match(spelling).group(0))
    return (shouting, dots > 0, proceedings, not acronym, -used, -len(spelling), spelling)
