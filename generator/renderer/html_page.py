"""Pages the generator wrote as final HTML: MkDocs shows them without running Markdown.

A paper page (docs/papers/<id>.md) and a list page (topic, tag, author, venue,
year, their indexes, the home page: ``generator.paths.is_html_page``) are
written by the generator whole: the front matter is one line of JSON values
(``generator.text.markup.front_matter``: valid YAML too, so any renderer reads
it), and the body is the page's HTML, headings with their ids and "¶" links
included (generator/site/html.py). :class:`HtmlPage`, MkDocs' own page type
with two steps replaced, reads the values with ``json.loads`` and takes the
body as the page's content; the table of contents comes from the front
matter's ``pa_toc`` values. Nothing is parsed out of the HTML, and
Python-Markdown never sees it (it would pass the HTML through unchanged, after
running its HTML parser over every character). The plugin
(generator/renderer/plugin.py) gives every such file an :class:`HtmlPage`
before MkDocs makes its navigation.

What the theme makes of such a page is then compacted (:func:`compact`, the
plugin's ``on_post_page``): whitespace a browser does not show, about a fifth of
a paper page, is dropped from the rendered page by regular expressions over the
line breaks next to tags (outside ``<pre>``). That is the one pass over a
generated page's HTML: nothing is parsed out of it, set aside or put back.
"""
from __future__ import annotations

import json
import re

from markdown.extensions.toc import nest_toc_tokens
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from generator.site.html import TOC


def split(text: str) -> tuple[dict, str]:
    """(front matter values, body) of a page the generator wrote: ``---``, one line of JSON, ``---``."""
    if not text.startswith("---\n"):
        return {}, text
    head, _, body = text[4:].partition("\n---\n")
    return json.loads(head), body


class HtmlPage(Page):
    """A generated page whose body is final HTML (see the module docstring)."""

    def read_source(self, config) -> None:
        source = config.plugins.on_page_read_source(page=self, config=config)
        self.meta, self.markdown = split(self.file.content_string if source is None else source)

    def render(self, config, files) -> None:
        # As Python-Markdown gives raw HTML blocks back: unchanged, the whole stripped.
        self.content = self.markdown.strip()
        # Nested as Python-Markdown's toc extension nests headings: an h2 under the h1 before it.
        self.toc = get_toc(nest_toc_tokens([{"level": level, "id": id_, "name": name}
                                            for level, id_, name in self.meta.get(TOC, ())]))
        self.present_anchor_ids = {id_ for _, id_, _ in self.meta.get(TOC, ())}
        self.links_to_anchors = {}


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
