"""LaTeX in source text → Unicode text, keeping inline math: two rules, one per kind of format.

- BibTeX and BibLaTeX fields are LaTeX: braces, ``~``, ``--``, quotes and every
  command are syntax. :func:`latex_to_text` decodes them all: accents
  (``{\\"o}``, ``R\\'{e}nyi``), case-protection braces (``{{BERT}}``), escapes
  (``\\%``), formatting commands (``\\emph{…}``), ties, dashes and quotes.
- In every other format (YAML, listings, JSON exports, arXiv Atom, ACL XML,
  MiniConf) braces, ``~``, ``%``, ``--`` and a lone backslash are the author's
  characters. :func:`decode_commands` decodes only what is unambiguously LaTeX: a
  known command with its argument (``\\emph{x}``, ``\\url{x}``, ``\\'e``,
  ``\\"{o}``, ``{\\ss}``, ``\\alpha``), and an escaped character (``\\%``,
  ``\\&``, ``\\_``, ``\\{``); ``{{ 7*7 }}``, ``H~2~O``, ``---``,
  ``e^{-c m}`` and ``\\\\`` stay as written.

Both keep every math span (``$…$``, ``$$…$$``, ``\\(…\\)``, ``\\[…\\]``) verbatim,
for KaTeX to render later. Nothing here raises for odd input: what is not
understood is kept as written.
"""
from __future__ import annotations

import re
import unicodedata

__all__ = ["latex_to_text", "decode_commands", "MATH_SPAN"]

_SPACE = re.compile(r"\s+")
#: An inline math span as text readers skip it whole (``$…$``, ``\\(…\\)``; ``$$…$$`` holds one):
#: inferred titles never cut inside it, topic phrases never read into it.
MATH_SPAN = re.compile(r"\$[^$]+\$|\\\(.*?\\\)")

#: Accent commands → the combining mark they put on the next letter.
ACCENTS = {
    "'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303",
    "=": "\u0304", ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b",
    "c": "\u0327", "k": "\u0328", "r": "\u030a", "d": "\u0323", "b": "\u0331",
    "t": "\u0361",
}
#: The accent alone, for an accent with nothing to sit on (``\\'{}``).
_SPACING_ACCENT = {"'": "´", "`": "`", "^": "^", '"': "¨", "~": "~", "=": "¯", ".": "˙"}

#: Letters written as commands; like TeX, the spaces after them are dropped.
LETTERS = {
    "ss": "ß", "SS": "SS", "aa": "å", "AA": "Å", "ae": "æ", "AE": "Æ", "oe": "œ",
    "OE": "Œ", "o": "ø", "O": "Ø", "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ",
    "dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ", "ng": "ŋ", "NG": "Ŋ", "dj": "đ", "DJ": "Đ",
}

#: Symbols written as commands (text mode, or math commands used outside math).
SYMBOLS = {
    "textendash": "–", "textemdash": "—", "textquoteleft": "‘", "textquoteright": "’",
    "textquotedblleft": "“", "textquotedblright": "”", "textquotedbl": '"', "guillemotleft": "«",
    "guillemotright": "»", "ldots": "…", "dots": "…", "cdots": "⋯", "textellipsis": "…",
    "textbackslash": "\\", "textasciitilde": "~", "textasciicircum": "^", "textunderscore": "_",
    "textbar": "|", "textless": "<", "textgreater": ">", "textbullet": "•", "textdegree": "°",
    "degree": "°", "textregistered": "®", "texttrademark": "™", "copyright": "©",
    "textcopyright": "©", "S": "§", "P": "¶", "dag": "†", "ddag": "‡", "pounds": "£",
    "euro": "€", "texteuro": "€", "textperiodcentered": "·", "LaTeX": "LaTeX", "TeX": "TeX",
    "BibTeX": "BibTeX", "LaTeXe": "LaTeX2e", "times": "×", "div": "÷", "pm": "±", "mp": "∓",
    "cdot": "·", "circ": "∘", "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥", "neq": "≠",
    "ne": "≠", "approx": "≈", "sim": "∼", "simeq": "≃", "equiv": "≡", "propto": "∝",
    "infty": "∞", "partial": "∂", "nabla": "∇", "ell": "ℓ", "to": "→", "rightarrow": "→",
    "leftarrow": "←", "Rightarrow": "⇒", "Leftarrow": "⇐", "leftrightarrow": "↔",
    "mapsto": "↦", "in": "∈", "notin": "∉", "subset": "⊂", "subseteq": "⊆", "cup": "∪",
    "cap": "∩", "forall": "∀", "exists": "∃", "emptyset": "∅", "sqrt": "√", "prime": "′",
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
    "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ",
    "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ",
    "tau": "τ", "upsilon": "υ", "phi": "φ", "varphi": "φ", "chi": "χ", "psi": "ψ",
    "omega": "ω", "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ",
    "Pi": "Π", "Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
    "par": " ", "newline": " ", "linebreak": " ", "quad": " ", "qquad": " ",
    "space": " ", "nobreakspace": " ", "enspace": " ", "thinspace": " ",
}

#: Commands whose one argument is the text itself (``\\emph{X}`` → ``X``).
FORMATTING = frozenset(
    "textbf textit textsl textsc textup textmd textrm textsf texttt textnormal emph "
    "underline uline mbox hbox fbox text textsuperscript textsubscript NoCaseChange "
    "nocase MakeUppercase MakeLowercase lowercase uppercase ensuremath footnote".split()
)
#: Font and size switches (``{\\bf X}`` → ``X``): the name goes, the text stays.
DECLARATIONS = frozenset(
    "bf it em sl sc tt rm sf up md bfseries itshape slshape scshape upshape mdseries "
    "rmfamily sffamily ttfamily normalfont tiny scriptsize footnotesize small normalsize "
    "large Large LARGE huge Huge noindent relax protect nobreak xspace centering "
    "raggedright unskip null".split()
)
#: Commands whose argument is not text for a reader (citations, labels, spacing).
DROPPED = frozenset("cite citep citet citealp citealt citeauthor citeyear citeyearpar parencite textcite "
                    "autocite ref eqref autoref cref Cref label index "
                    "vspace hspace footnotemark hyphenation".split())
_CONTROL_SYMBOLS = {"%": "%", "&": "&", "_": "_", "#": "#", "$": "$", "{": "{", "}": "}",
                    " ": " ", ",": " ", ";": " ", ":": " ", "\\": " ", "!": "", "-": "",
                    "/": "", "@": "", "*": "", "|": "‖"}
_LETTER_ACCENTS = frozenset("uvHckrdbt")
_NAME = re.compile(r"[A-Za-z]+")
_MAX_DEPTH = 40
#: Longest math span looked for; a lone ``$`` further from its match stays text.
_MAX_MATH = 4000


def latex_to_text(text: str) -> str:
    """LaTeX-flavoured text → Unicode text (NFC) on one line; math spans kept verbatim."""
    if not text:
        return ""
    out = _convert(str(text), 0)
    return unicodedata.normalize("NFC", _SPACE.sub(" ", out).strip())


def _convert(s: str, depth: int) -> str:
    """One pass over ``s``; arguments of commands are converted recursively."""
    if depth > _MAX_DEPTH:
        return s
    out: list[str] = []
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c == "\\":
            i = _command(s, i, out, depth)
        elif c == "$":
            i = _math(s, i, out)
        elif c in "{}":
            i += 1  # protection braces: the text inside stays, the braces go
        elif c == "~":
            # A tie between words is a space; '~' after a space means "about".
            prev = s[i - 1] if i else " "
            out.append("~" if prev.isspace() or prev in "([" else " ")
            i += 1
        elif c == "-" and s.startswith("--", i):
            if s.startswith("---", i):
                out.append("—")
                i += 3
            else:
                out.append("–")
                i += 2
        elif c == "`" and s.startswith("``", i):
            out.append("“")
            i += 2
        elif c == "'" and s.startswith("''", i):
            out.append("”")
            i += 2
        elif c == "`" and (end := _single_quote_end(s, i)):
            out.append("‘" + _convert(s[i + 1:end], depth + 1) + "’")
            i = end + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def _single_quote_end(s: str, i: int) -> int:
    """Where the ``'`` closing a LaTeX single quote opened by the backtick at ``i`` is, or 0."""
    if (i and (s[i - 1].isalnum() or s[i - 1] == "`")) or i + 1 >= len(s) or s[i + 1].isspace():
        return 0
    end = s.find("'", i + 1, i + 82)
    if end < 0 or "\n" in s[i:end] or "`" in s[i + 1:end]:
        return 0
    if end + 1 < len(s) and s[end + 1].isalnum():
        return 0
    return end


def _math(s: str, i: int, out: list[str]) -> int:
    """``$…$`` or ``$$…$$`` at ``i``: copied verbatim (spaces collapsed); a lone ``$`` stays."""
    delim = "$$" if s.startswith("$$", i) else "$"
    j, stop = i + len(delim), min(len(s), i + _MAX_MATH)
    while j < stop:
        if s[j] == "\\":
            j += 2
            continue
        if s.startswith(delim, j):
            if j > i + len(delim):
                out.append(_SPACE.sub(" ", s[i:j + len(delim)]))
                return j + len(delim)
            break
        j += 1
    out.append(delim)
    return i + len(delim)


def _group(s: str, i: int) -> tuple[str, int] | None:
    """The braced group opening at ``s[i]`` (after spaces): its content and the index after it."""
    while i < len(s) and s[i] in " \t\n":
        i += 1
    if i >= len(s) or s[i] != "{":
        return None
    level, j = 0, i
    while j < len(s):
        ch = s[j]
        if ch == "\\":
            j += 2
            continue
        if ch == "{":
            level += 1
        elif ch == "}":
            level -= 1
            if level == 0:
                return s[i + 1:j], j + 1
        j += 1
    return s[i + 1:], len(s)  # unbalanced: the rest is the argument


def _skip_spaces(s: str, i: int) -> int:
    while i < len(s) and s[i] in " \t\n":
        i += 1
    return i


def _bracket_math(s: str, i: int, end: int, name: str, out: list[str]) -> int:
    """``\\( … \\)`` and ``\\[ … \\]``: math, kept verbatim (whitespace runs become one space)."""
    close = "\\)" if name == "(" else "\\]"
    j = s.find(close, end, end + _MAX_MATH)
    if j >= 0:
        out.append(_SPACE.sub(" ", s[i:j + 2]))
        return j + 2
    out.append(s[i:end])
    return end


def _letter(s: str, name: str, end: int, out: list[str], depth: int) -> int:
    out.append(LETTERS[name])
    j = _skip_spaces(s, end)
    return j + 2 if s.startswith("{}", j) else j


def _symbol(s: str, name: str, end: int, out: list[str], depth: int) -> int:
    out.append(SYMBOLS[name])
    return end + 2 if s.startswith("{}", end) else end


def _formatting(s: str, name: str, end: int, out: list[str], depth: int) -> int:
    arg = _group(s, end)
    if arg is None:
        return _skip_spaces(s, end)
    out.append(_convert(arg[0], depth + 1))
    return arg[1]


def _enquote(s: str, name: str, end: int, out: list[str], depth: int) -> int:
    arg = _group(s, end)
    if arg is None:
        return end
    out.append("“" + _convert(arg[0], depth + 1) + "”")
    return arg[1]


def _verbatim(s: str, name: str, end: int, out: list[str], depth: int) -> int:
    arg = _group(s, end)
    if arg is None:
        return end
    out.append(arg[0])
    return arg[1]


def _href(s: str, name: str, end: int, out: list[str], depth: int) -> int:
    target = _group(s, end)
    text = _group(s, target[1]) if target is not None else None
    if text is None:
        return end
    out.append(_convert(text[0], depth + 1))
    return text[1]


def _dropped(s: str, name: str, end: int, out: list[str], depth: int) -> int:
    j = end
    while (arg := _group(s, j)) is not None:
        j = arg[1]
    return j


def _declaration(s: str, name: str, end: int, out: list[str], depth: int) -> int:
    return _skip_spaces(s, end)


def _unknown(s: str, i: int, end: int, out: list[str]) -> int:
    """Kept as written, with its braced arguments, for a person to see."""
    j = end
    while j < len(s) and s[j] == "{":
        arg = _group(s, j)
        if arg is None:
            break
        j = arg[1]
    out.append(s[i:j])
    return j


def _command(s: str, i: int, out: list[str], depth: int) -> int:
    """The command at ``s[i] == '\\\\'``: appends its text to ``out``, returns the next index."""
    if i + 1 >= len(s):
        out.append("\\")
        return i + 1
    nxt = s[i + 1]
    m = _NAME.match(s, i + 1)
    name = m.group() if m else nxt
    end = m.end() if m else i + 2
    if name in ("(", "["):
        return _bracket_math(s, i, end, name, out)
    if name in ACCENTS and (not m or name in _LETTER_ACCENTS):
        return _accent(s, end, ACCENTS[name], name, out, depth)
    if not m:
        out.append(_CONTROL_SYMBOLS.get(nxt, nxt))
        return end
    handler = _COMMANDS.get(name)
    return handler(s, name, end, out, depth) if handler else _unknown(s, i, end, out)


def _accent(s: str, i: int, mark: str, name: str, out: list[str], depth: int) -> int:
    """An accent command whose argument starts at ``i``: ``{o}``, ``o``, ``\\i`` or ``{\\i}``."""
    j = _skip_spaces(s, i)
    arg = _group(s, j)
    if arg is not None:
        base, after = _convert(arg[0], depth + 1), arg[1]
    elif j < len(s) and s[j] == "\\":
        sub: list[str] = []
        after = _command(s, j, sub, depth + 1)
        base = "".join(sub)
    elif j < len(s) and not s[j].isspace() and s[j] not in "}$":
        base, after = s[j], j + 1
    else:
        out.append(_SPACING_ACCENT.get(name, ""))
        return i
    if not base:
        out.append(_SPACING_ACCENT.get(name, ""))
        return after
    first = {"ı": "i", "ȷ": "j"}.get(base[0], base[0])  # accents sit on a dotless i
    out.append(first + mark + base[1:])
    return after


#: What each named command does. Where a name is in several tables the first
#: wins: letters, symbols, formatting, then the rest (built last to first).
_COMMANDS = {
    **{n: _declaration for n in DECLARATIONS},
    **{n: _dropped for n in DROPPED},
    "href": _href,
    **{n: _verbatim for n in ("url", "nolinkurl", "path")},
    "enquote": _enquote,
    **{n: _formatting for n in FORMATTING},
    **{n: _symbol for n in SYMBOLS},
    **{n: _letter for n in LETTERS},
}


# --- the rule of every format but BibTeX: only what is unambiguously LaTeX ----------------

#: Escaped characters that stand for themselves (``\\%`` → ``%``); ``\\ `` is a space.
_ESCAPED = {"%": "%", "&": "&", "_": "_", "#": "#", "$": "$", "{": "{", "}": "}", " ": " "}
#: What an accent sits on: one letter, or a dotless i or j (``\\'\\i``).
_ACCENT_BASE = re.compile(r"\s*([^\W\d_]|\\[ij])\s*")
#: ``it\\'s``, ``don\\'t``: an apostrophe escaped by a program, not an acute accent.
_CONTRACTION = re.compile(r"'(?:s|t|d|m|ll|re|ve)(?![^\W\d_])")
_GROUP_HEAD = re.compile(r"\\([A-Za-z]+|[^A-Za-z])")


def decode_commands(text: str | None) -> str | None:
    """Text that is not LaTeX on one line (NFC), with what is unambiguously LaTeX in it decoded: a known
    command with its argument, an accent on a letter, an escaped character, a group that
    holds such a command (``{\\\\"o}``); bare braces, ``~``, dashes, quotes, ``\\\\\\\\``, an
    unknown command and every math span stay as written. '' → None."""
    if not text:
        return None
    text = " ".join(str(text).split())
    if "\\" in text:
        text = _commands(text, 0)
    return unicodedata.normalize("NFC", text) or None


def _commands(s: str, depth: int) -> str:
    if depth > _MAX_DEPTH:
        return s
    out: list[str] = []
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c == "\\":
            i = _strict_command(s, i, out, depth)
        elif c == "$":
            i = _math(s, i, out)
        elif c == "{" and (after := _command_group(s, i, out, depth)):
            i = after
        else:
            out.append(c)
            i += 1
    return "".join(out)


def _balanced(s: str, i: int) -> tuple[str, int] | None:
    """The braced group opening at ``s[i]`` (after spaces) and the index after it; None where
    there is no group or it is never closed."""
    j = _skip_spaces(s, i)
    if j >= len(s) or s[j] != "{":
        return None
    level, k = 0, j
    while k < len(s):
        if s[k] == "\\":
            k += 2
            continue
        if s[k] == "{":
            level += 1
        elif s[k] == "}":
            level -= 1
            if level == 0:
                return s[j + 1:k], k + 1
        k += 1
    return None


def _strict_command(s: str, i: int, out: list[str], depth: int) -> int:
    """The backslash at ``s[i]``: decoded when it starts a known command, else kept as written."""
    if i + 1 >= len(s):
        out.append("\\")
        return i + 1
    nxt = s[i + 1]
    m = _NAME.match(s, i + 1)
    if not m:
        if nxt in "([":
            return _bracket_math(s, i, i + 2, nxt, out)
        if nxt in _ESCAPED:
            out.append(_ESCAPED[nxt])
            return i + 2
        if nxt in ACCENTS:
            return _strict_accent(s, i, i + 2, nxt, out)
        out.append(s[i:i + 2])  # \\, \, and the like: the author's characters
        return i + 2
    name, end = m.group(), m.end()
    if name in _LETTER_ACCENTS:
        return _strict_accent(s, i, end, name, out)
    handler = _STRICT.get(name)
    after = handler(s, name, end, out, depth) if handler else None
    if after is None:
        out.append(s[i:end])
        return end
    return after


def _strict_accent(s: str, i: int, end: int, name: str, out: list[str]) -> int:
    """An accent command on a letter (``\\'e``, ``\\"{o}``, ``\\'\\i``, ``\\c{c}``: a letter-named
    accent, and \\. and \\=, only with braces); else as written: ``a\\.com`` is a pattern, ``it\\'s`` an
    escaped apostrophe, ``\\d a`` a regular expression."""
    arg = _balanced(s, end) if s.startswith("{", end) else None
    if arg is not None:
        m = _ACCENT_BASE.fullmatch(arg[0])
        base, after = (m.group(1), arg[1]) if m else (None, end)
    elif name in _LETTER_ACCENTS or name in ".=" or _CONTRACTION.match(s, end - 1):
        base, after = None, end
    elif s.startswith(("\\i", "\\j"), end) and not s[end + 2:end + 3].isalpha():
        base, after = s[end:end + 2], end + 2
    elif end < len(s) and s[end].isalpha():
        base, after = s[end], end + 1
    else:
        base, after = None, end
    if base is None:
        out.append(s[i:end])
        return end
    out.append({"\\i": "i", "\\j": "j"}.get(base, base) + ACCENTS[name])
    return after


def _command_group(s: str, i: int, out: list[str], depth: int) -> int:
    """A braced group that starts with a known command (``{\\\\"o}``, ``{\\\\ss}``, ``{\\\\bf x}``,
    ``{\\\\emph x}``): its text, without the braces; 0 for any other group (kept as written)."""
    found = _balanced(s, i) if s.startswith("{\\", i) else None
    m = _GROUP_HEAD.match(found[0]) if found else None
    if m is None:
        return 0
    name, rest = m.group(1), found[0][m.end():]
    if name in DECLARATIONS or (name in FORMATTING and not rest.lstrip().startswith("{")):
        out.append(_commands(rest.lstrip(), depth + 1))  # a switch: the rest of the group is its text
    elif name in _STRICT or name in ACCENTS or name in _ESCAPED:
        out.append(_commands(found[0], depth + 1))
    else:
        return 0
    return found[1]


def _with_argument(handler, count: int = 1):
    """A command of :data:`_COMMANDS` that counts only with its ``count`` braced arguments:
    without them, None (the caller keeps it as written)."""
    def strict(s: str, name: str, end: int, out: list[str], depth: int) -> int | None:
        j = end
        for _ in range(count):
            arg = _balanced(s, j)
            if arg is None:
                return None
            j = arg[1]
        return handler(s, name, end, out, depth)
    return strict


def _strict_formatting(s: str, name: str, end: int, out: list[str], depth: int) -> int | None:
    arg = _balanced(s, end)
    if arg is None:
        return None
    out.append(_commands(arg[0], depth + 1))
    return arg[1]


#: The commands :func:`decode_commands` knows: letters, symbols, formatting with its argument,
#: links, quotes and citations with theirs. Declarations (``\\bf``) count only inside a group.
_STRICT = {
    **{n: _with_argument(_dropped) for n in DROPPED},
    "href": _with_argument(_href, 2),
    **{n: _with_argument(_verbatim) for n in ("url", "nolinkurl", "path")},
    "enquote": _with_argument(_enquote),
    **{n: _strict_formatting for n in FORMATTING},
    **{n: _symbol for n in SYMBOLS},
    **{n: _letter for n in LETTERS},
}
