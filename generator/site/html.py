"""Generated pages as final HTML: the links a page makes and its headings, recorded as they are made.

A paper page and a list page (topic, tag, author, venue, year, the home page and the
indexes) are written whole by the generator: one line of front matter values, then
the page's HTML, which MkDocs shows as it is (generator/renderer/html_page.py).
Two things Markdown and MkDocs used to do for such a page are done here instead:

* :class:`PageLinks`: the URL from the page to another file of the site, for HTML
  MkDocs does not rewrite; every target is recorded, and ``pages.check_links``
  checks the recorded targets (no page is read back for its links);
* :class:`Headings`: a heading as Python-Markdown's toc extension wrote it
  (``permalink: true``: the id, the text's character references, the "¶" link),
  and the page's table of contents (``pa_toc``).
"""
from __future__ import annotations

from markupsafe import Markup

from generator import paths
from generator.text import markup

#: The front matter key of a page's table of contents: [[level, id, name], …] (generator/renderer/html_page.py).
TOC = "pa_toc"


class PageLinks:
    """The links of the page at docs/``here``: :meth:`href` gives a URL and records its target."""

    __slots__ = ("here", "directory_urls", "targets")

    def __init__(self, here: str, directory_urls: bool):
        self.here, self.directory_urls = here, directory_urls
        #: The docs/ paths the page links to.
        self.targets: set[str] = set()

    def href(self, path: str) -> str:
        """The relative URL from this page to docs/``path`` (a page or a file); ``path`` is recorded."""
        self.targets.add(path)
        return paths.href(self.here, path, self.directory_urls)


class Headings:
    """The headings of one page, each written as Python-Markdown wrote ``# text`` (an id made from
    the text, unique on the page; the text with :func:`markup.heading_text`'s character references;
    a "¶" link to itself), and the table of contents they make: ``toc``, [[level, id, name], …]."""

    __slots__ = ("toc", "_ids")

    def __init__(self) -> None:
        self.toc: list[list] = []
        self._ids: set[str] = set()

    def __call__(self, level: int, text: str, anchor: str | None = None, url: str | None = None) -> Markup:
        """``<hN>`` showing ``text`` (a link to ``url`` where given); ``anchor``: an id of the
        template's own (Markdown's ``{ #id }``), else one made from the text. Record text is
        escaped (:func:`markup.heading_text`); a template's own words come as HTML (``|safe``)."""
        shown = str(text) if isinstance(text, Markup) else markup.heading_text(text)
        name = " ".join(shown.split())
        if anchor is None:
            anchor = markup.heading_id(shown, self._ids)
        else:
            self._ids.add(anchor)
        self.toc.append([level, anchor, name])
        inner = f'<a href="{url}">{shown}</a>' if url else shown
        return Markup(f'<h{level} id="{anchor}">{inner}<a class="headerlink" href="#{anchor}" '
                      f'title="Permanent link">&para;</a></h{level}>')
