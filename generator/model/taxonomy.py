"""Topics and tags: the taxonomy a collection is grouped by."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Topic:
    slug: str
    name: str
    description: str
    patterns: tuple[str, ...] = ()
    catch_all: bool = False


@dataclass(frozen=True, slots=True)
class Tag:
    slug: str
    name: str
    aliases: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Taxonomy:
    topics: tuple[Topic, ...]
    tags: tuple[Tag, ...]
    #: Phrases and acronyms never extracted as tags ("deep learning", "DNN").
    ignore: tuple[str, ...] = ()

    def topic(self, slug: str) -> Topic:
        for t in self.topics:
            if t.slug == slug:
                return t
        raise KeyError(slug)
