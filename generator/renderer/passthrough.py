"""Final HTML blocks of generated pages, passed around Python-Markdown's HTML parser.

A paper page, and a list page (topic, tag, author, venue, year, the home
page), is final HTML between a few Markdown headings (templates/paper.md.j2,
templates/_macros.md.j2). Python-Markdown would pass each of those raw HTML
blocks through unchanged, but only after running its pure-Python HTML parser
over every character to find where the block ends — the largest part of the
Markdown time of a paper page. ``stash`` sets aside each block whose bounds are
certain (it starts a line with a block-level tag, holds no blank line and
ends with that tag's closing tag, so Python-Markdown would see exactly the
same block) and leaves a placeholder paragraph; ``restore`` puts the blocks
back into the converted HTML. The result is the same bytes as converting the
page whole (tests/sites/test_paper_pages.py checks that on real and hostile pages).
"""
from __future__ import annotations

import re

from generator import paths

_BLOCK = re.compile(r"^<(h1|p|div|ul|nav)\b[^\n]*(?:\n[^\n]+)*", re.M)
#: A run of placeholder paragraphs: Python-Markdown keeps adjacent raw blocks
#: as one, separated by the blank lines between them.
_PLACEHOLDERS = re.compile(r"<p>PA-RAW-HTML-\d+</p>(?:\n<p>PA-RAW-HTML-\d+</p>)*")
_NUMBER = re.compile(r"PA-RAW-HTML-(\d+)")


def stash(markdown: str) -> tuple[str, list[str]]:
    """``markdown`` with its certain raw HTML blocks replaced by placeholders, and the blocks."""
    blocks: list[str] = []
    if "PA-RAW-HTML-" in markdown:  # text that looks like a placeholder: let Markdown do it all
        return markdown, blocks

    def keep(m: re.Match) -> str:
        block = m.group(0)
        first = block.split("\n", 1)[0]
        if not block.endswith(f"</{m.group(1)}>") or " markdown=" in first:
            return block
        blocks.append(block)
        return f"PA-RAW-HTML-{len(blocks) - 1}"

    return _BLOCK.sub(keep, markdown), blocks


def restore(html: str, blocks: list[str]) -> str:
    """The converted page with the stashed blocks back in place."""
    if not blocks:
        return html
    # Python-Markdown strips its output: a run at the very end has no newline after it.
    return _PLACEHOLDERS.sub(lambda m: "\n\n".join(blocks[int(n)] for n in _NUMBER.findall(m.group(0))) + "\n",
                             html).strip()


#: The generated pages whose raw HTML is set aside (and compacted): paper pages and lists of papers.
PAGES = ("papers/", "topics/", "tags/", "authors/", "venues/", "years/")


def takes_part(src_uri: str) -> bool:
    """A generated paper or list page (``PAGES``, the home page)."""
    return src_uri.endswith(".md") and (src_uri.startswith(PAGES) or src_uri == paths.HOME)


class Stash:
    """Blocks set aside per page between MkDocs' ``on_page_markdown`` and
    ``on_page_content`` events (the hook's only state: each page's entry is
    taken back when its HTML is ready). Only the generated pages of
    :func:`takes_part` do."""

    def __init__(self) -> None:
        self._blocks: dict[str, list[str]] = {}

    def put(self, src_uri: str, markdown: str) -> str:
        if not takes_part(src_uri):
            return markdown
        markdown, self._blocks[src_uri] = stash(markdown)
        return markdown

    def take(self, src_uri: str, html: str) -> str:
        blocks = self._blocks.pop(src_uri, None)
        return html if blocks is None else restore(html, blocks)


_PRE = re.compile(r"(<pre\b.*?</pre>)", re.S)
_INDENT = re.compile(r"\n[ \t]*(?:\n[ \t]*)*")
#: Elements that are never inline: a line break between two tags, one of them
#: one of these, is white space a browser does not render (it would collapse
#: at the start or end of a line, or fall between block boxes or flex items).
_BLOCKS = ("html|head|body|meta|link|script|style|title|div|nav|header|footer|main|article|section|aside|"
           "ul|ol|li|p|h[1-6]|form|table|thead|tbody|tr|td|th|dl|dt|dd|hr|br|figure|figcaption|blockquote")
_AFTER_BLOCK = re.compile(rf"(</?(?:{_BLOCKS})\b[^<>]*>)\n(?=<)")
_BEFORE_BLOCK = re.compile(rf">\n(?=</?(?:{_BLOCKS})\b)")


def compact(html: str) -> str:
    """``html`` without its indentation and blank lines (outside ``<pre>``), and
    without the line breaks between a tag and a block-level one: the theme's
    templates leave about a fifth of a paper page as whitespace, which a
    browser shows as nothing. Every other run of it stays one newline (between
    inline elements and next to text it is a space)."""
    parts = _PRE.split(html)
    return "".join(part if k % 2 else _BEFORE_BLOCK.sub(">", _AFTER_BLOCK.sub(r"\1", _INDENT.sub("\n", part)))
                   for k, part in enumerate(parts))
