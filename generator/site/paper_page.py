"""What each paper page gets from the features: a ``models.PaperExtras``
(``extra`` in templates/paper.md.j2).

The blocks a page repeats for other papers (its related list) and its front
matter are put together here, once per paper, rather than by template loops
with a filter call per value: at 100,000 papers that is the difference
between about one second and about fifteen. Every record value in HTML still goes
through the generator's own escaping, ``markup.to_html`` / ``markup.to_attr``,
the same functions as the ``html`` and ``attr`` template filters; the values
for the theme are text as it is (overrides/main.html escapes them).
"""
from __future__ import annotations


from markupsafe import Markup

from generator import paths
from generator.analysis.related import Neighbours
from generator.model.collection import Collection
from generator.model.page import Citation, CiteLinks, PaperExtras, PaperPeople
from generator.model.papers import Paper
from generator.runtime.cache import NO_CACHE, Memo
from generator.runtime.cache import key as cache_key
from generator.text import markup


def themes(collection: Collection, cites: dict[str, Citation], site_name: str,
           memo: Memo | None = None) -> dict[str, dict]:
    """Paper id → its page's values for the theme (:func:`theme_values`). With ``memo``, values
    made from the same citation and feeds as in the last build are kept."""
    memo = memo or NO_CACHE.memo("theme-values")
    topic_feeds = {t.slug: [(f"{site_name}: {t.name}", paths.feed(t.slug))] for t in collection.taxonomy.topics}
    out = {}
    for p in collection.papers:
        c, feeds = cites[p.id], topic_feeds[p.topic]
        inferred = p.title if p.title_inferred else None
        out[p.id] = memo.get(memo.enabled and cache_key(c, feeds, inferred), lambda: theme_values(c, feeds, inferred))
    memo.save()
    return out


def extras(collection: Collection, cites: dict[str, Citation], themes: dict[str, dict],
           people: dict[str, PaperPeople], related: dict[str, tuple[Markup, frozenset[str]]],
           directory_urls: bool) -> dict[str, PaperExtras]:
    """Paper id → what its page shows beside its record, each made once, whole: its citation and
    theme values, the links to its topic's downloads, its people's pages and its related papers,
    and the docs/ paths all these link to."""
    # Every paper page is papers/<id>.md: links from there depend on the topic only.
    here = paths.paper("_")
    targets = {t.slug: (paths.downloads(t.slug) + ".bib", paths.downloads(t.slug) + ".json",
                         paths.downloads(t.slug) + ".ris", paths.DOWNLOADS)
               for t in collection.taxonomy.topics}
    links = {slug: CiteLinks(*(paths.href(here, path, directory_urls) for path in found))
             for slug, found in targets.items()}
    out = {}
    for p in collection.papers:
        items, to_papers = related.get(p.id, ("", frozenset()))
        who = people.get(p.id)
        out[p.id] = PaperExtras(citation=cites[p.id], theme=themes[p.id], cite_links=links[p.topic], related=items,
                                people=who, links=frozenset(targets[p.topic]).union(to_papers, who.targets if who else ()))
    return out


def related_lists(papers: tuple[Paper, ...], neighbours: Neighbours,
                  directory_urls: bool = True) -> dict[str, tuple[Markup, frozenset[str]]]:
    """Paper id → the HTML list items of its related papers (``neighbours`` in the order of
    ``papers``) and the paths of their pages; a paper without any has none."""
    items = related_items(papers, neighbours, directory_urls)
    return {p.id: (related_block(found, items), frozenset(paths.paper(papers[j].id) for j, _ in found))
            for p, found in zip(papers, neighbours) if found}


def related_items(papers: tuple[Paper, ...] | list[Paper], neighbours: Neighbours,
                  directory_urls: bool = True) -> dict[int, str]:
    """HTML list item of each paper that is someone's neighbour, linked from a sibling page
    (final HTML: :func:`related_lists` gives the link's target, which pages.check_links checks)."""
    wanted = sorted({j for found in neighbours for j, _ in found})
    items: dict[int, str] = {}
    for j in wanted:
        p = papers[j]
        line = f'<li><a href="{paths.href(paths.paper("_"), paths.paper(p.id), directory_urls)}">{markup.to_html(p.title)}</a>'
        details = []
        if p.authors:
            details.append(markup.to_attr(", ".join(p.authors[:3])) + (" et al." if len(p.authors) > 3 else ""))
        if p.year:
            details.append(markup.to_attr(p.year))
        if details:
            line += "<br><small>" + " · ".join(details) + "</small>"
        items[j] = line + "</li>"
    return items


def related_block(found: list[tuple[int, float]], items: dict[int, str]) -> Markup:
    return Markup("\n".join(items[j] for j, _ in found))


def theme_values(citation: Citation, feeds: list[tuple[str, str]], inferred_title: str | None = None) -> dict:
    """What overrides/main.html puts in the page's head, as values: Highwire meta tags
    (``pa_citation``), JSON-LD (``pa_jsonld``: ``citations.script_json`` text, no ``<``, ``>``
    or ``&``), Open Graph and feed links. With ``inferred_title``, the Open Graph title says
    that the title was inferred (the page's own ``title`` is what readers see in the tab)."""
    values: dict = {"pa_citation": [list(pair) for pair in citation.meta], "pa_jsonld": citation.jsonld,
                    "pa_og_type": "article"}
    if inferred_title:
        values["pa_og_title"] = f"{inferred_title} (title inferred from the abstract)"
    if feeds:
        values["pa_feeds"] = [list(feed) for feed in feeds]
    return values
