"""Reading built pages: the visible text of an element, as a reader sees it."""
from __future__ import annotations

from html.parser import HTMLParser


class _Visible(HTMLParser):
    """Collects the visible text of the first element with a given class."""

    def __init__(self, cls: str, skip_cls: str = ""):
        super().__init__(convert_charrefs=True)
        self.cls, self.skip_cls = cls, skip_cls
        self.depth = 0
        self.skip = 0
        self.done = False
        self.parts: list[str] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag == "title":
            self._in_title = True
        if self.done:
            return
        if self.depth:
            self.depth += 1
            if self.skip or self.skip_cls in classes and self.skip_cls:
                self.skip += 1
        elif self.cls in classes:
            self.depth = 1

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if self.depth and not self.done:
            self.depth -= 1
            if self.skip:
                self.skip -= 1
            if self.depth == 0:
                self.done = True

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if self.depth and not self.skip and not self.done:
            self.parts.append(data)

    @property
    def text(self) -> str:
        return " ".join("".join(self.parts).split())


def visible(html: str, cls: str, skip_cls: str = "") -> tuple[str, str]:
    p = _Visible(cls, skip_cls)
    p.feed(html)
    return p.text, p.title
