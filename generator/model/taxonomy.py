"""Topics and tags: the taxonomy a collection is grouped by."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


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
    #: Each topic by its slug, in the taxonomy's order: an index built once, with the value.
    by_slug: Mapping[str, Topic] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, Topic] = {}
        for t in self.topics:  # parse_taxonomy refuses a second topic with one slug; the first is it
            index.setdefault(t.slug, t)
        object.__setattr__(self, "by_slug", index)

    def topic(self, slug: str) -> Topic:
        return self.by_slug[slug]
