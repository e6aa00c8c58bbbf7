"""What of an abstract is not about the paper: copyright lines, and abstracts in another language.

Publishers append their copyright to abstracts ("© 2014 Springer Science+Business Media
New York", "Copyright Taylor & Francis", "Published by Elsevier Ltd"), arXiv physics
abstracts their PACS numbers; read for phrases, they name topics "Business Media" and
"Informa UK Limited". :func:`without_boilerplate` drops the sentences holding them.
:func:`is_english` tells an abstract in English from one in German, French, Spanish,
Italian or Dutch ("für die", "und" are no topic). :func:`prose` drops the
words Web of Science and Scopus exports write for mathematical symbols ("M-circle dot" for
M☉, "(X)over-tilde" for X̃), which are no subject either, and the headings of structured
abstracts ("BACKGROUND:", "Methods:").
"""
from __future__ import annotations

import re

from generator.text.tokens import PHRASE_WORD
from generator.text.words import ENGLISH_FUNCTION_WORDS, FOREIGN_FUNCTION_WORDS

#: A sentence of copyright, publisher or classification boilerplate.
_BOILERPLATE = re.compile(
    r"©|\(c\)\s*\d{4}|\bcopyright\b|\ball rights reserved\b|\bpublished by\b|\blicensee\b|\bspringer\b|"
    r"\belsevier\b|\bwiley\b|\binforma\b|\btaylor\s*(?:&|and)\s*francis\b|\bmdpi\b|\bsage publications\b|"
    r"\bPACS\b|\bMSC\s*(?:20\d\d|classification)|\bIOP\b",
    re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
#: A symbol written out in words, with the letter it marks: "R-circle dot", "M(circle plus)",
#: "(a) over tilde", "over-bar"; and "tilde" alone, which no paper is about.
_RENDERED_SYMBOL = re.compile(
    r"(?:\(\w\)\s?|\b\w-?\(?)?\b(?:over[- ]?(?:tilde|bar|dot|hat|line|right arrow)|circle[- ]?(?:dot|plus|times|minus)|"
    r"center dot)\b\)?|\btilde\b", re.IGNORECASE)
#: What every match of ``_BOILERPLATE`` holds (lower-cased): a text with none is read no further.
_CLUES = ("©", "(c)", "copyright", "rights reserved", "published by", "licensee", "springer", "elsevier", "wiley",
          "informa", "francis", "mdpi", "sage publications", "pacs", "msc", "iop")


def without_boilerplate(text: str) -> str:
    """``text`` without its copyright, publisher and PACS sentences."""
    low = text.lower()
    if not any(clue in low for clue in _CLUES) or not _BOILERPLATE.search(text):
        return text
    return " ".join(s for s in _SENTENCE.split(text) if not _BOILERPLATE.search(s))


#: A heading of a structured abstract: words in capitals, or one of the usual headings, and a colon.
_HEADING = re.compile(r"\b(?:[A-Z][A-Z&/ ]{3,40}|(?:Background|Methods?|Results?|Conclusions?|Objectives?|Purpose|Aims?|"
                      r"Introduction|Discussion|Design|Setting|Findings|Interpretation|Context|Importance|"
                      r"Significance|Motivation|Participants|Measurements)(?: and \w+)?):")


def prose(text: str) -> str:
    """``text`` with the words written for symbols (``_RENDERED_SYMBOL``) and the headings of a
    structured abstract (``_HEADING``) made clause breaks."""
    if "tilde" in text or "circle" in text or "over" in text:
        text = _RENDERED_SYMBOL.sub(" . ", text)
    return _HEADING.sub(" . ", text) if ":" in text else text


def is_english(text: str) -> bool:
    """Whether ``text`` reads as English: no more function words of other languages than of English."""
    words = [w.lower() for w in PHRASE_WORD.findall(text[:2000])]
    return sum(w in FOREIGN_FUNCTION_WORDS for w in words) <= sum(w in ENGLISH_FUNCTION_WORDS for w in words)
