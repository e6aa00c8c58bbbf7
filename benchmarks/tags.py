"""Tags of collections built with no ``data/topics.yml``: the figures of issue #24.

    python benchmarks/tags.py fields_c fields_d /path/to/a/collection ...

A name is a collection of ``tests/fixtures/topics/`` (``benchmarks/topics.load``); a
folder is read as a project's ``data/sources/`` (every source file in it) with no
``topics.yml``. For each, topics are derived and tags assigned as a build does, and
``figures`` prints (a folder's ``*.bib``, ``*.json``, ``*.yml`` and ``*.txt`` files at its top are read, so
a collection's notes beside them are not): papers, distinct tags in the tag index, the share of those on one
paper only, the share that are one everyday English word (``EVERYDAY_ZIPF``, wordfreq),
tags per paper (min, median, max), and every tag that is a workflow keyword, a spelling
variant of another, or a topic's name. ``--list`` also prints every tag with its count.
The unit tests (``tests/unit/taxonomy/test_tag_figures.py``) hold the fixtures to the
same figures.
"""
from __future__ import annotations

import re
import statistics
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

#: A single word at least this frequent in general English (wordfreq's Zipf scale: 4.5 is
#: once in about 30,000 words: "summer", "history", "half", "percent", "content") is an
#: everyday word; "galaxy" (4.3), "protein" (4.5), "inflation" (4.1), "graphene" (3.0) are not.
EVERYDAY_ZIPF = 4.5


def read(source: str):
    """(papers, derived topics, tagged papers, tag names) of a fixture name or a folder."""
    from generator.taxonomy import assign, topic_model

    if Path(source).is_dir():
        from generator.config import Settings
        from generator.pipeline import read_papers

        files = tuple(sorted(p.resolve() for p in Path(source).iterdir()
                             if p.is_file() and p.suffix in (".bib", ".json", ".yml", ".yaml", ".txt")))
        with tempfile.TemporaryDirectory() as root:
            papers, _, _ = read_papers(Settings.for_project(root, sources=files))
    else:
        import topics as bench_topics

        papers, _ = bench_topics.load(source)
    derived = topic_model.derive(papers)
    tagged, names, _ = assign(papers, derived.taxonomy, derived.topic_of)
    return papers, derived, tagged, names


def everyday(name: str) -> bool:
    """One word (no capital inside it: "MinD" is a protein), frequent in general English
    (``EVERYDAY_ZIPF``)."""
    from wordfreq import zipf_frequency

    return bool(re.fullmatch(r"[^\W\d_][^\W\d_A-Z]*", name)) and zipf_frequency(name.lower(), "en") >= EVERYDAY_ZIPF


def _variant_key(name: str) -> str:
    """What two spellings of one concept share (the measure's own, kept simple): lower case,
    British -our/-ise/-yse/-tre and ae/oe written the American way, each word singular, no
    spaces or hyphens."""
    from lemminflect import getLemma

    name = "".join(_greek(c) for c in name)
    words = re.findall(r"[a-z0-9]+", name.lower())
    out = []
    for w in words:
        w = re.sub(r"(?<=[a-z]{3})our(?=s?$|al|ed|ing)", "or", w)
        w = re.sub(r"(?<=[a-z]{2})is(?=e$|es$|ed$|ing$|ation)", "iz", w)
        w = re.sub(r"(?<=[a-z])yse", "yze", w)
        w = re.sub(r"(?<=[a-z]{2}[^aeiou])re(?=s?$)", "er", w)
        w = re.sub(r"(?<=[a-z])(?:ae|oe)(?=[a-z])", "e", w) if len(w) > 5 else w
        lemma = getLemma(w, "NOUN")
        out.append(lemma[0] if lemma and lemma[0] else w)
    return "".join(out)


def _greek(c: str) -> str:
    """A Greek letter's name ("ν" → "nu"), so "ν3 band" and "nu3 band" meet."""
    import unicodedata

    n = unicodedata.name(c, "")
    return n.rsplit(" ", 1)[-1].lower() if n.startswith("GREEK") and "LETTER" in n else c


def _acronym_inside(a: str, b: str) -> bool:
    """Whether ``a`` is ``b`` with a run of words written as their initials ("GC analysis",
    "Granger causality analysis")."""
    x, y = a.split(), b.replace("-", " ").split()
    for i, word in enumerate(x):
        size = len(word) - (word.endswith("s") and len(word) > 2)
        if not re.fullmatch(r"[A-Z][A-Z0-9]+s?", word) or len(y) != len(x) - 1 + size:
            continue
        run = y[i:i + size]
        if x[:i] == y[:i] and [w.lower() for w in x[i + 1:]] == [w.lower() for w in y[i + size:]] and \
                "".join(w[0] for w in run).upper() == word[:size].upper():
            return True
    return False


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z0-9]+", name) if w.lower() not in ("of", "and", "for", "the", "in"))


def variant_pairs(names: list[str]) -> list[tuple[str, str]]:
    """Pairs of tag names that spell one concept: the same ``_variant_key``, or an acronym
    and the phrase whose initials it is ("GNN", "graph neural networks"), also inside a phrase
    ("GC analysis", "Granger causality analysis"), and Greek letters and their names ("ν3", "nu3")."""
    by_key: dict[str, list[str]] = {}
    for n in names:
        by_key.setdefault(_variant_key(n), []).append(n)
    pairs = [(a, b) for group in by_key.values() for a, b in zip(group, group[1:])]
    acronyms = {re.sub(r"s$", "", n): n for n in names if re.fullmatch(r"[A-Z][A-Z0-9]+s?", n)}
    pairs += [(acronyms[_initials(n).upper()], n) for n in names
              if " " in n and _initials(n).upper() in acronyms and len(_initials(n)) >= 2]
    with_acronym = [n for n in names if " " in n and re.search(r"\b[A-Z][A-Z0-9]+s?\b", n)]
    pairs += [(a, b) for a in with_acronym for b in names if a != b and _acronym_inside(a, b)]
    return pairs


def figures(tagged, names: dict[str, str], topic_names: list[str], workflow) -> dict:
    """The figures of one collection (see the module's docstring)."""
    counts = Counter(t for p in tagged for t in p.tags)
    index = {slug: names[slug] for slug in counts}
    per_paper = [len(p.tags) for p in tagged]
    folded_topics = {n.casefold() for n in topic_names}
    return {
        "papers": len(tagged),
        "tags": len(index),
        "single": sum(counts[s] == 1 for s in index) / max(len(index), 1),
        "everyday": sum(everyday(n) for n in index.values()) / max(len(index), 1),
        "everyday_tags": sorted(n for n in index.values() if everyday(n)),
        "per_paper": (min(per_paper, default=0), statistics.median(per_paper or [0]), max(per_paper, default=0)),
        "untagged": sum(n == 0 for n in per_paper),
        "two_or_more": sum(n >= 2 for n in per_paper) / max(len(per_paper), 1),
        "workflow": sorted(n for n in index.values() if workflow(n)),
        "variants": variant_pairs(sorted(index.values(), key=str.casefold)),
        "topic_names": sorted(n for n in index.values() if n.casefold() in folded_topics),
        "counts": {index[s]: n for s, n in counts.most_common()},
    }


def report(source: str, listing: bool = False) -> dict:
    from generator.taxonomy.tags import is_workflow_keyword

    papers, derived, tagged, names = read(source)
    f = figures(tagged, names, [t.name for t in derived.taxonomy.topics], is_workflow_keyword)
    label = Path(source).name
    lo, mid, hi = f["per_paper"]
    print(f"{label}: {f['papers']} papers, {f['tags']} tags, {f['single']:.1%} on one paper, "
          f"{f['everyday']:.1%} everyday words {f['everyday_tags'][:12]}, tags per paper {lo}/{mid:g}/{hi} "
          f"(min/median/max), {f['two_or_more']:.0%} with two or more, {f['untagged']} untagged; workflow {f['workflow']}, variants "
          f"{f['variants']}, topic names {f['topic_names']}")
    if listing:
        print("   ", "; ".join(f"{n} {c}" for n, c in f["counts"].items()))
    return f


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--list"]
    for source in args:
        report(source, listing="--list" in sys.argv)
