"""Untrusted text → HTML or Markdown that shows exactly the source text.

Titles and abstracts are never interpreted: not as Markdown, HTML, Jinja or
YAML. ``to_html`` uses markdown-it-py with every rule off (HTML off) except
plain text and ``$…$`` math, so the result is escaped HTML for a raw HTML block,
which Python-Markdown passes through untouched. ``to_markdown`` is for text that
must sit inside Markdown (link text): every ASCII punctuation character becomes
a numeric character reference, so no Markdown or extension syntax can match.
"""
from __future__ import annotations

import html
import json
import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from mdit_py_plugins.dollarmath import dollarmath_plugin

_PUNCT = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_YAML_UNPRINTABLE = re.compile("[^\x09\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_SAFE_URL = re.compile(r"^https?://[^\s]+$", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _math_inline(self, tokens, idx, options, env) -> str:
    # Keep the delimiters in the text: without JavaScript the reader sees the
    # source exactly; KaTeX (served from the site) renders the span.
    return f'<span class="pa-math">${escapeHtml(tokens[idx].content)}$</span>'


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("zero", {"html": False, "linkify": False, "typographer": False})
    md.use(dollarmath_plugin, allow_labels=False, allow_space=False, allow_digits=False, double_inline=False)
    md.disable("math_block", ignoreInvalid=True)
    md.add_render_rule("math_inline", _math_inline)
    return md


@lru_cache(maxsize=1 << 16)  # a title shows on its topic, tag, author, venue and year lists
def to_html(text: str) -> str:
    """Escaped inline HTML of ``text``; ``$…$`` math wrapped for KaTeX."""
    if not text:
        return ""
    rendered = _parser().renderInline(text)
    # markdown-it turns a hard line break into "\n"; our text has none, but be safe.
    return rendered.replace("\n", " ")


_MD_TABLE = {ord(ch): f"&#{ord(ch)};" for ch in _PUNCT}


def to_markdown(text: str) -> str:
    """``text`` as Markdown that renders to exactly ``text`` (link text, lists)."""
    return text.translate(_MD_TABLE)


#: Characters that can make text display differently from what it is.
_BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_MENTION = re.compile(r"([@#])(?=[\w])")


def to_markdown_line(text: str, max_chars: int | None = None) -> str:
    """``text`` as one line of Markdown for a GitHub comment: whitespace runs are one
    space, control and bidirectional characters are dropped, ``@name`` and ``#12``
    get a zero-width space so they mention no one and link no issue, an over-long
    text is cut with "…"; then :func:`to_markdown`."""
    flat = _BIDI_CONTROLS.sub("", _CONTROL.sub("", " ".join(str(text or "").split())))
    if max_chars is not None and len(flat) > max_chars:
        flat = flat[: max_chars - 1].rstrip() + "…"
    return to_markdown(_MENTION.sub("\\1\u200b", flat))


def to_attr(text: str) -> str:
    """For an HTML attribute value (quotes escaped)."""
    return html.escape(text, quote=True)


def to_yaml(text: str) -> str:
    """A YAML scalar for front matter whose value, rendered raw by a theme, shows ``text``.

    Themes print ``page.meta.title`` without escaping, so the value is HTML-escaped
    first; JSON string syntax is valid YAML and cannot break out of the line.
    """
    value = json.dumps(html.escape(text, quote=True), ensure_ascii=False)
    # YAML refuses non-printable characters even inside quotes: escape them.
    return _YAML_UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", value)


def safe_url(url: str | None) -> str | None:
    """An http(s) URL with characters that could end a Markdown link encoded, or None."""
    if not url or not _SAFE_URL.match(url):
        return None
    return "".join(ch if ch.isascii() and ch not in "()<>\"'`*[]\\ {}|^" else
                   "".join(f"%{b:02X}" for b in ch.encode()) for ch in url)
