"""The whole collection, as the site stage gets it."""
from __future__ import annotations

from dataclasses import dataclass, field

from generator.model.ledger import History
from generator.model.papers import Paper
from generator.model.people import People, Venues
from generator.model.taxonomy import Taxonomy


@dataclass(frozen=True, slots=True)
class Collection:
    """Everything the page stage needs, assembled before anything is written."""

    papers: tuple[Paper, ...]
    taxonomy: Taxonomy
    #: Tag slug -> display name, for every tag used by at least one paper.
    tag_names: dict[str, str] = field(default_factory=dict)
    #: Who is who and what is one venue (``records.people``, ``records.venues``: the pipeline builds them).
    people: People = field(default_factory=People)
    venues: Venues = field(default_factory=Venues)
    #: What was published last and what this build keeps of it (ids, topics).
    history: History = field(default_factory=History)
