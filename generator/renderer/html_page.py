"""Pages the generator wrote as final HTML: MkDocs shows them without running Markdown.

A paper page (docs/papers/<id>.md) is written by the generator whole
(templates/paper.md.j2): its front matter is one line of JSON values
(``generator.text.markup.front_matter``: valid YAML too, so any renderer reads
it), and its body is the page's HTML, headings with their anchors included.
:class:`HtmlPage`, MkDocs' own page type with two steps replaced, reads the
values with ``json.loads`` and takes the body as the page's content; the table
of contents comes from the front matter's ``pa_toc`` values. Nothing is parsed
out of the HTML, and Python-Markdown never sees it (it would pass the HTML
through unchanged, after running its HTML parser over every character).
The plugin (generator/renderer/plugin.py) gives every such file an
:class:`HtmlPage` before MkDocs makes its navigation.
"""
from __future__ import annotations

import json

from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

#: The front matter key of the table of contents: [[level, id, name], …].
TOC = "pa_toc"


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
        self.toc = get_toc([{"level": level, "id": id_, "name": name, "children": []}
                            for level, id_, name in self.meta.get(TOC, ())])
        self.present_anchor_ids = {id_ for _, id_, _ in self.meta.get(TOC, ())}
        self.links_to_anchors = {}
