"""Rebuilding after a small edit: which results of the last build a rebuild keeps.

**Related papers.** Every related list is ranked by TF-IDF weights of the whole
collection, so one changed abstract moves scores everywhere and a full
recomputation changes a few hundred lists by a place (at 10,000 papers: 1,591
pages for one abstract). A rebuild instead takes the freshly computed list
only for

* each paper whose text (title and abstract) changed, was added or removed,
* each paper whose last list held one of them, and
* each paper whose fresh list holds one of them;

every other paper keeps the list of the last build. So the changed paper's
own list and every list it enters or leaves are those of a full build, and
nothing else moves. After changes to more than ``DRIFT_LIMIT`` of the
collection's papers (counted since the last full computation) the rebuild
takes every fresh list, as a full build does. A build without ``.cache/``, or
``python -m generator build --force``, is always the full computation
(tests/unit/taxonomy/test_incremental.py checks both promises).

**Topics and tags.** The tags extracted from the whole collection (shared
acronyms, phrase tags with their weights) and the topics of the papers no rule
matched (placed by similarity to the others) are the collection's, so one
changed abstract could move them anywhere. A rebuild keeps the last build's
extracted tags and every unchanged paper's topic and tags; only a paper whose
text, given topic or given tags changed (or a new one) is matched again, with
the kept tags, and placed by similarity if no rule matches it. Each paper's tags
are then those a full build with the kept vocabulary gives it. The same
``DRIFT_LIMIT`` applies (a full computation after changes to more than 1% of the
papers, counted since the last one); a change to data/topics.yml or to the
derived topics is always a full computation.
"""
from __future__ import annotations

from generator import taxonomy as taxonomy_module
from generator.analysis import vectors
from generator.analysis.related import Neighbours
from generator.model.papers import Paper
from generator.model.taxonomy import Taxonomy
from generator.runtime.cache import Cache, digest, key

#: Share of the papers whose text may change before the related lists are all recomputed.
DRIFT_LIMIT = 0.01
#: …but never fewer than this many papers.
DRIFT_MIN = 20


def _drift_allowed(drift: int, papers: int) -> bool:
    return drift <= max(DRIFT_MIN, DRIFT_LIMIT * papers)


def _tagging_key(p: Paper) -> str:
    """What topic and tag assignment reads of a paper (taxonomy.assign_keeping)."""
    return digest(repr((p.title, p.abstract, p.title_inferred, p.given_topic, p.given_tags)))


def assign(cache: Cache, papers: list[Paper], taxonomy: Taxonomy, topic_of):
    """``taxonomy.assign`` by the rule above: (papers, tag names, problems)."""
    keys = {p.id: _tagging_key(p) for p in papers}
    salt = key(taxonomy, dict(topic_of) if topic_of is not None else None)
    before = cache.load("taxonomy")
    kept, same, drift = None, frozenset(), 0
    if before is not None and before["salt"] == salt:
        old = before["keys"]
        same = frozenset(i for i, k in keys.items() if old.get(i) == k)
        drift = before["drift"] + len(keys.keys() - same) + len(old.keys() - keys.keys())
        if _drift_allowed(drift, len(keys)):
            kept = before["kept"]
        else:
            drift = 0
    out, names, problems, now = taxonomy_module.assign_keeping(papers, taxonomy, topic_of, kept, same)
    if before is None or before["keys"] != keys or before["salt"] != salt:
        cache.save("taxonomy", {"salt": salt, "keys": keys, "kept": now, "drift": drift})
    return out, names, problems


def related(cache: Cache, papers: tuple[Paper, ...], fresh: Neighbours) -> Neighbours:
    """The related lists to publish (``fresh``: the full computation, in the order of
    ``papers``), by the rule above; the lists are kept in ``cache`` for the next build."""
    ids = [p.id for p in papers]
    keys = {p.id: digest(vectors.paper_text(p)) for p in papers}
    now = {ids[i]: [(ids[j], s) for j, s in found] for i, found in enumerate(fresh)}
    before = cache.load("related")
    lists, drift = now, 0
    if before is not None:
        old_keys, old_lists = before["keys"], before["lists"]
        changed = {i for i, k in keys.items() if old_keys.get(i) != k} | (old_keys.keys() - keys.keys())
        drift = before["drift"] + len(changed)
        if _drift_allowed(drift, len(ids)):
            redo = changed | {q for q, found in old_lists.items() if any(j in changed for j, _ in found)}
            redo |= {q for q, found in now.items() if any(j in changed for j, _ in found)}
            lists = {i: now[i] if i in redo or i not in old_lists else old_lists[i] for i in ids}
        else:
            drift = 0
    if before is None or lists is now or before["lists"] != lists or before["keys"] != keys:
        cache.save("related", {"keys": keys, "lists": lists, "drift": drift})
    row = {i: n for n, i in enumerate(ids)}
    return [[(row[j], s) for j, s in lists[i]] for i in ids]
