"""A readable title for a record that has only an abstract.

The title says what the paper contributes — a named method and what it is, or
the object of "we propose/introduce/present …" — never a cut-off first sentence.
"""
from __future__ import annotations

import re

from generator.text.latex import MATH_SPAN
from generator.text.words import DANGLING_WORDS

_SENTENCES = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\[])")
#: Verbs that say what a paper does only near its start (the first two sentences): a
#: "we discuss …" late in an abstract is an aside.
_WEAK_VERBS = (r"analy[sz]es?|explores?|examines?|reports?|discuss(?:es)?|measures?|computes?|calculates?|"
               r"constructs?|establish(?:es)?|characteri[sz]es?")
_WEAK = re.compile(_WEAK_VERBS, re.IGNORECASE)
_CONTRIB = re.compile(
    r"\b(?:we|this (?:paper|work|article|study)|our (?:work|paper)|the present work)\b"
    r"(?:\s+\w+ly)?(?:\s+(?:first|also|then|further|here|therefore|thus|now))?\s+"
    r"(propose|proposes|introduce|introduces|present|presents|develop|develops|design|designs|"
    r"offer|offers|provide|provides|survey|surveys|review|reviews|describe|describes|define|defines|"
    r"derive|derives|prove|proves|show|shows|study|studies|investigate|investigates|advocate|formulate|"
    + _WEAK_VERBS + r")\b\s+",
    re.IGNORECASE,
)
_CONTRIB_LATE = re.compile(
    r"\b(?:we|paper|work|article)\b[^.;]*?\b(?:to\s+)?(propose|introduce|present|develop)\b\s+(?:our\s+(?:implemented\s+)?\w+\s+)?",
    re.IGNORECASE,
)
_PREFERRED = {"propose", "introduce", "present", "develop", "design", "offer", "survey", "review"}
_STOP = re.compile(
    r"(?:[,;:]\s+(?=(?:which|that|where|whereby|leveraging|using|based|called|dubbed|named|"
    r"namely|and|while|allowing|enabling|achieving|as|with|by|in|to|a|an|the|i\.e\.|e\.g\.|specifically|"
    r"particularly|especially|including|such|both|each|this|these|it|they|we)\b)"
    r"|\s+and\s+(?:we\s+)?(?:also\s+)?(?:provide|present|propose|show|introduce|develop|discuss|demonstrate|"
    r"evaluate|analy[sz]e|apply|use|extend|release|outline|describe|report|discuss)(?:s|es)?\b"
    r"|\s+(?:which|that|where|whereby|but)\s+|\.\s|\.$|[;:]\s|\s+--?\s+|\s+—\s+)",
    re.IGNORECASE,
)
_NAME = re.compile(r"\b([A-Z][A-Za-z0-9]*[A-Z0-9][A-Za-z0-9-]*)\b")
_NAMED_AS = re.compile(r"\b(?:which|that) we (?:call|term|name|dub)\s+(?:the\s+)?([^,.;]+)|"
                       r"\b(?:called|dubbed|named|coined)\s+(?:as\s+)?(?:the\s+)?([^,.;]+)", re.IGNORECASE)
_LEADING = re.compile(r"^(?:(?:a|an|the|our|novel|new|simple|first|general|efficient)\s+)+", re.IGNORECASE)
MAX_WORDS = 14
MIN_WORDS = 3
#: Stand-ins for the math while the title is found: no space, letter or punctuation.
_HOLD = "\ue000%d\ue001"
_HELD = re.compile("\ue000(\\d+)\ue001")


def _words(s: str) -> list[str]:
    return s.split()


def _clip(phrase: str) -> str:
    words = _words(phrase)
    if len(words) <= MAX_WORDS:
        return phrase.strip(" ,;:")
    words = words[:MAX_WORDS]
    # End on a content word, not on "of the", "and", "for a".
    while words and words[-1].strip(",").casefold() in DANGLING_WORDS:
        words.pop()
    return " ".join(words).strip(" ,;:")


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


def _object_phrase(rest: str) -> str:
    m = _STOP.search(rest)
    head = rest[: m.start()] if m else rest
    if len(_words(head)) < MIN_WORDS + 1 and m:
        # "L2G2G, a Local2Global method which improves …": keep one more clause.
        m2 = _STOP.search(rest, m.end())
        head = rest[: m2.start()] if m2 else rest
    return head


def infer_title(abstract: str) -> str:
    """The title to show for an untitled abstract; never empty for non-empty input.
    Inline math is held as one word while the title is found, so a cut never
    falls inside it ("$z\\sim 1 - 5$" stays whole)."""
    text = " ".join(abstract.split())
    math: list[str] = []
    text = MATH_SPAN.sub(lambda m: math.append(m.group(0)) or _HOLD % (len(math) - 1), text)
    return _HELD.sub(lambda m: math[int(m.group(1))], _infer(text))


def _infer(text: str) -> str:
    sentences = _SENTENCES.split(text)
    candidates = []
    for index, sentence in enumerate(sentences):
        # A weak verb only where the sentence has no other, and only near the start.
        matches = [*_CONTRIB.finditer(sentence), *_CONTRIB_LATE.finditer(sentence)]
        weak = [bool(_WEAK.fullmatch(m.group(1))) for m in matches]
        found = [m for w, m in sorted(zip(weak, matches), key=lambda f: f[0]) if not (w and index > 1)]
        for m in found[:1]:
            verb = m.group(1).lower()
            base = verb[:-1] if verb.endswith("s") and verb[:-1] in _PREFERRED | {"describe", "define", "provide", "derive", "prove", "show", "formulate"} else verb
            if verb == "studies":
                base = "study"
            rank = (0 if base in _PREFERRED else 1, index)
            candidates.append((rank, base, sentence[m.end():]))
            break
    if candidates:
        _, verb, rest = min(candidates)
        title = _title_from_contribution(verb, rest)
        if title:
            return title
    # No contribution sentence: the first sentence's main clause, clipped cleanly.
    first = sentences[0].rstrip(".") if sentences else text
    return _cap(_clip(_object_phrase(first) or first)) or text[:80]


def _title_from_contribution(verb: str, rest: str) -> str:
    rest = re.sub(r"`([^`']+)'", r"\1", rest.strip()).replace("--", " -- ")
    rest = re.sub(r"\s+", " ", rest)
    if verb in ("prove", "show", "propose") and rest.lower().startswith("that "):  # a claim: the claim is the title
        rest = rest[5:]
    rest = re.sub(r"(?i)^(?:on|upon)\s+", "", rest) if verb.startswith(("report", "discuss")) else rest
    named = _NAMED_AS.search(rest)
    phrase = _object_phrase(rest)
    desc = _LEADING.sub("", phrase).strip()
    if len(_words(desc)) < 2:
        return ""
    name = None
    if named:
        name = (named.group(1) or named.group(2)).strip()
        desc = _LEADING.sub("", _object_phrase(rest[: named.start()])).strip(" ,")
    else:
        paren = re.match(r"^(.{3,120}?)\s+\(([^()]{2,30})\)", desc)
        head = _NAME.match(desc)
        if paren and _NAME.fullmatch(paren.group(2)) and _mostly_capitalised(paren.group(1)):
            name, desc = paren.group(2), paren.group(1)
        elif head and rest.startswith(head.group(1)) and rest[head.end():].lstrip().startswith((",", ":", "(", "--")):
            name = head.group(1)
            after = re.sub(r"^\s*\([^()]*\)", "", rest[head.end():]).lstrip(",:- ")
            desc = _LEADING.sub("", _object_phrase(after)).strip()
    desc = _clip(desc)
    if verb in ("survey", "review") and not re.match(r"(?i)(?:survey|review)\b", desc):
        desc = f"{'A survey' if verb == 'survey' else 'A review'} of {desc}"
    if name and desc and len(_words(desc)) >= 2:
        return f"{_cap(name) if name[:1].islower() else name}: {_cap(desc)}"
    return _cap(desc)


def _mostly_capitalised(phrase: str) -> bool:
    words = [w for w in _words(phrase) if w[:1].isalpha() and len(w) > 3]
    return bool(words) and sum(w[:1].isupper() for w in words) * 2 > len(words)
