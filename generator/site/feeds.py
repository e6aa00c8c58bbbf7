"""Atom feeds (RFC 4287) of the latest additions: the whole collection and each topic.

Entries are the ``SIZE`` papers that entered the collection last (see
``dates``), newest first; papers with no date at all are left out, since an
Atom entry needs one. Ids are ``urn:uuid`` names derived from the site name
and the id the paper (or topic) was first published with, so they survive a
move of the site and a rename of the paper or topic. ``updated`` is the
newest entry's date: the feeds change only when the collection does. Links
are absolute when the site URL is known, else relative to the feed file
(readers resolve them against the feed's own URL).
"""
from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET

from generator import paths
from generator.model.collection import Collection
from generator.model.papers import Paper
from generator.site.pages import latest

SIZE = 50
ATOM = "http://www.w3.org/2005/Atom"
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
EPOCH = "1970-01-01T00:00:00Z"
EMPTY_SITEMAP = ('<?xml version="1.0" encoding="utf-8"?>\n'
                 '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n')


feed_path = paths.feed


def _text(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, attrs)
    el.text = _INVALID_XML.sub("\ufffd", text)
    return el


def _urn(site_name: str, name: str) -> str:
    return uuid.uuid5(uuid.NAMESPACE_URL, f"paper-atlas:{site_name}:{name}").urn


def atom(collection: Collection, added: dict[str, str | None], *, site_name: str, directory_urls: bool,
         site_url: str | None = None, topic: str | None = None, size: int = SIZE,
         entries: list[Paper] | None = None) -> str:
    """The Atom document of one feed: all papers, or those of ``topic`` (a slug).

    ``entries`` (the papers of the feed, newest first) saves the selection when known.
    """
    topics = collection.taxonomy.by_slug
    path = feed_path(topic)
    if entries is None:
        entries = latest([p for p in collection.papers if topic is None or p.topic == topic], added, size)

    def link(to: str) -> str:
        return paths.absolute(site_url, to, directory_urls) or paths.href(path, to, directory_urls)

    feed = ET.Element("feed", {"xmlns": ATOM})
    title = site_name + ("" if topic is None else f": {topics[topic].name}")
    _text(feed, "title", title)
    _text(feed, "subtitle", "Papers added to the collection most recently" if topic is None
          else f"Papers on {topics[topic].name} added to the collection most recently")
    first = collection.history.first_slug(topic) if topic is not None else None
    _text(feed, "id", _urn(site_name, path if first is None else feed_path(first)))
    _text(feed, "updated", max((added[p.id] for p in entries), default=EPOCH))  # type: ignore[arg-type]
    ET.SubElement(feed, "link", {"rel": "self", "type": "application/atom+xml", "href": link(path)})
    home = paths.HOME if topic is None else paths.topic(topic)
    ET.SubElement(feed, "link", {"rel": "alternate", "type": "text/html", "href": link(home)})
    author = ET.SubElement(feed, "author")
    _text(author, "name", site_name)
    _text(feed, "generator", "Paper Atlas")
    for p in entries:
        entry = ET.SubElement(feed, "entry")
        _text(entry, "title", p.title, type="text")
        _text(entry, "id", _urn(site_name, f"papers/{collection.history.first_id(p.id)}"))
        _text(entry, "updated", added[p.id])  # type: ignore[arg-type]
        _text(entry, "published", added[p.id])  # type: ignore[arg-type]
        ET.SubElement(entry, "link", {"rel": "alternate", "type": "text/html", "href": link(paths.paper(p.id))})
        for name in p.authors:
            _text(ET.SubElement(entry, "author"), "name", name)
        t = topics.get(p.topic)
        if t:
            ET.SubElement(entry, "category", {"term": t.slug, "label": _INVALID_XML.sub("\ufffd", t.name)})
        for tag in p.tags:
            if tag in collection.tag_names:
                ET.SubElement(entry, "category", {"term": tag, "label": _INVALID_XML.sub("\ufffd", collection.tag_names[tag])})
        if p.abstract:
            _text(entry, "summary", p.abstract, type="text")
    ET.indent(feed, space=" ")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def ended(site_name: str, slug: str, first: str, name: str, page: str) -> str:
    """The feed of a topic that is no longer in the collection (its papers went apart): no entries,
    a subtitle that says so and a link to its old page (``page``, relative to the feed); the same
    feed id as when it was published (``first``: the slug it was first published with)."""
    feed = ET.Element("feed", {"xmlns": ATOM})
    _text(feed, "title", f"{site_name}: {name}")
    _text(feed, "subtitle", "This topic is no longer in the collection; its papers are in other topics now.")
    _text(feed, "id", _urn(site_name, feed_path(first)))
    _text(feed, "updated", EPOCH)
    ET.SubElement(feed, "link", {"rel": "alternate", "type": "text/html", "href": page})
    ET.indent(feed, space=" ")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def render(collection: Collection, added: dict[str, str | None], *, site_name: str, directory_urls: bool,
           site_url: str | None = None) -> dict[str, str]:
    """Every feed: ``feeds/all.xml`` and ``feeds/topics/<slug>.xml`` for each topic with papers."""
    ranked = latest(list(collection.papers), added, len(collection.papers))  # every dated paper, newest first
    files = {feed_path(): atom(collection, added, site_name=site_name, directory_urls=directory_urls,
                               site_url=site_url, entries=ranked[:SIZE])}
    per_topic: dict[str, list[Paper]] = {slug: [] for slug in sorted({p.topic for p in collection.papers})}
    for p in ranked:
        if len(per_topic[p.topic]) < SIZE:
            per_topic[p.topic].append(p)
    for slug, entries in per_topic.items():
        files[feed_path(slug)] = atom(collection, added, site_name=site_name, directory_urls=directory_urls,
                                      site_url=site_url, topic=slug, entries=entries)
    # Material for MkDocs reads every <link rel="alternate"> as a language
    # version and fetches "sitemap.xml" beside it; an empty one there saves a
    # 404 on every page load (the same bug: zensical/zensical#908).
    for folder in sorted({f.rsplit("/", 1)[0] for f in files}):
        files[f"{folder}/sitemap.xml"] = EMPTY_SITEMAP
    return files
