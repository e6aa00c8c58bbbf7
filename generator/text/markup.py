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
import unicodedata
from functools import lru_cache
from urllib.parse import quote

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


#: The scheme of a web address just before "://" in the text read so far, as a word of its own.
_SCHEME_BEFORE = re.compile(r"(?:^|[^\w.+-])(https?)$", re.IGNORECASE)
#: A web address from its scheme on: up to a space, a quote, an angle bracket or a backtick.
_URL = re.compile(r"https?://[^\s<>\"`\u201c\u201d\u2018\u2019\u00ab\u00bb]+", re.IGNORECASE)
#: What ends a sentence rather than an address ("see https://x.org/a." links https://x.org/a).
_TRAILING = ".,;:!?'*"
_CLOSING = {")": "(", "]": "[", "}": "{"}


def url_end(url: str) -> str:
    """``url`` without the punctuation that ends the sentence around it: trailing ``.,;:!?'*``
    and closing brackets the address does not open ("(at https://x.org/a_(b))." keeps "a_(b)")."""
    while url:
        last = url[-1]
        if last in _TRAILING or (last in _CLOSING and url.count(last) > url.count(_CLOSING[last])):
            url = url[:-1]
        else:
            break
    return url


def _web_address(state, silent: bool) -> bool:
    """markdown-it inline rule: an http(s) address in the text (found at its "://") becomes a link
    showing the address as written; the href is :func:`safe_url`'s. No other scheme is linked."""
    pos, src = state.pos, state.src
    if not src.startswith("://", pos) or not (scheme := _SCHEME_BEFORE.search(state.pending)):
        return False
    start = pos - len(scheme.group(1))
    found = _URL.match(src, start)
    url = url_end(found.group(0)) if found else ""
    host = url[len(scheme.group(1)) + 3:]
    if not host[:1].isalnum() or not (href := safe_url(url)):
        return False
    if not silent:
        state.pending = state.pending[: -len(scheme.group(1))]
        token = state.push("link_open", "a", 1)
        token.attrs = {"href": href, "rel": "nofollow"}
        state.push("text", "", 0).content = url
        state.push("link_close", "a", -1)
    state.pos = start + len(url)
    return True


@lru_cache(maxsize=2)
def _parser(links: bool = False) -> MarkdownIt:
    md = MarkdownIt("zero", {"html": False, "linkify": False, "typographer": False})
    md.use(dollarmath_plugin, allow_labels=False, allow_space=False, allow_digits=False, double_inline=False)
    md.disable("math_block", ignoreInvalid=True)
    md.add_render_rule("math_inline", _math_inline)
    if links:
        md.inline.ruler.push("web_address", _web_address)
    return md


@lru_cache(maxsize=1 << 16)  # a title shows on its topic, tag, author, venue and year lists
def to_html(text: str, links: bool = False) -> str:
    """Escaped inline HTML of ``text``; ``$…$`` math wrapped for KaTeX. With ``links`` (an
    abstract, never a title that is itself a link), http(s) addresses become links, shown as written."""
    if not text:
        return ""
    rendered = _parser(links).renderInline(text)
    # markdown-it turns a hard line break into "\n"; our text has none, but be safe.
    return rendered.replace("\n", " ")


_MD_TABLE = {ord(ch): f"&#{ord(ch)};" for ch in _PUNCT}


def to_markdown(text: str) -> str:
    """``text`` as Markdown that renders to exactly ``text`` (link text, lists)."""
    return text.translate(_MD_TABLE)


#: What Python-Markdown's toc extension drops from a heading's text to make its id, and joins with "-".
_ID_DROP = re.compile(r"[^\w\s-]")
_ID_JOIN = re.compile(r"[-\s]+")
_ID_COUNTED = re.compile(r"^(.*)_([0-9]+)$")


def heading_text(text: str) -> str:
    """A heading's HTML showing ``text``: :func:`to_markdown`'s character references, as the pages
    had them when Python-Markdown made their headings (``# {{ name|md }}``)."""
    return to_markdown(text.strip())


def heading_id(shown: str, used: set[str]) -> str:
    """The id Python-Markdown's toc extension gives a heading whose text, as HTML, is ``shown``
    on a page whose ids so far are ``used`` (the new one is added): the text folded to ASCII,
    lower case, words joined by "-"; one taken (or none at all) gets "_1", "_2", …"""
    text = " ".join(html.unescape(shown).split())
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    found = _ID_JOIN.sub("-", _ID_DROP.sub("", folded).strip().lower())
    if found in used or not found:
        counted = _ID_COUNTED.match(found)
        base, n = (counted.group(1), int(counted.group(2))) if counted else (found, 0)
        n += 1
        while f"{base}_{n}" in used:
            n += 1
        found = f"{base}_{n}"
    used.add(found)
    return found


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


def front_matter(values: dict) -> str:
    """Front matter of a generated page: ``---``, the values as one line of JSON, ``---``.
    JSON is YAML too (any renderer reads it); characters YAML refuses even inside quotes
    are written as escapes (the values stay the same)."""
    text = json.dumps(values, ensure_ascii=False, separators=(", ", ": "))
    return "---\n" + _YAML_UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n---\n"


def safe_url(url: str | None) -> str | None:
    """An http(s) URL with characters that could end a Markdown link encoded, or None."""
    if not url or not _SAFE_URL.match(url):
        return None
    return "".join(ch if ch.isascii() and ch not in "()<>\"'`*[]\\ {}|^" else
                   "".join(f"%{b:02X}" for b in ch.encode()) for ch in url)


def data_url(text: str, media_type: str) -> str:
    """``text`` as a ``data:`` URL for an ``href`` (every character but letters, digits and ``-._~``
    percent-encoded, so nothing in it can end the attribute): a download that needs no file."""
    return f"data:{media_type};charset=utf-8," + quote(text, safe="")
