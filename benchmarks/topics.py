"""Topic and tag derivation at scale: ``topic_model.derive`` and ``taxonomy.assign`` on synthetic collections.

Papers come from ``benchmarks/corpus.papers`` (titles and abstracts recombined
from the bundled listings, seeded). Each size is derived in a fresh process
(``python benchmarks/topics.py 10000 100000``), timed with ``time.perf_counter``;
the goals (10,000 papers under 10 s, 100,000 under 60 s on 2 cores) are printed
next to the figures, with the CPU time (the wall time of a loaded machine says
little). ``benchmarks/run.py --topics`` runs the same after the build benchmark.

``python benchmarks/topics.py --stability`` measures, on each real collection
of ``tests/fixtures/topics/``, what adding 5% more papers does to the derived
topics: topics are derived from scratch on 95% of the papers (every 20th paper
in stable order held out, from each of the ``DRAWS`` offsets: four different
5%) and again on all of them; the topics of the two runs
are matched one to one by the papers they share (Hungarian assignment), and
``stability`` counts the existing papers that move to another topic, those
whose topic slug changes, the matched topics that keep most of their papers
under another slug (renamed: the permalink changes) and those shown under
another name (the slug may stay); the mean and the worst of the draws are
printed. The goal is at most 5% moved and no rename.
"""
from __future__ import annotations

import gzip
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOALS = {10000: 10.0, 100000: 60.0}
FIXTURES = ROOT / "tests" / "fixtures" / "topics"
#: The 5% held out: every 20th paper in stable order from each of these offsets.
DRAWS = (0, 5, 10, 15)
COLLECTIONS = ("fields_a", "fields_b", "fields_c", "fields_d", "mixed_raw", "arxiv_a", "arxiv_b")


def derive_once(n: int) -> dict:
    """Derive topics for ``n`` synthetic papers here; seconds and what came out."""
    sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]
    import corpus

    from generator.model.papers import Paper
    from generator.taxonomy import assign, topic_model

    papers = [Paper(id=f"p{i}", title=t, abstract=a) for i, (t, a) in enumerate(corpus.papers(n))]
    start, cpu = time.perf_counter(), time.process_time()
    derived = topic_model.derive(papers)
    topics_cpu = time.process_time() - cpu
    tagged, names, _ = assign(papers, derived.taxonomy, derived.topic_of)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    outliers = sum(s == topic_model.CATCH_ALL.slug for s in derived.topic_of.values()) / n
    return {"papers": n, "seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2),
            "topics_cpu_seconds": round(topics_cpu, 2), "tags_cpu_seconds": round(cpu - topics_cpu, 2),
            "topics": len(derived.taxonomy.topics) - 1, "tags": len(names),
            "catch_all": round(outliers, 4), "goal_seconds": GOALS.get(n)}


def load(name: str) -> tuple[list, list[str]]:
    """A real collection of ``tests/fixtures/topics/``: its papers and each paper's field."""
    sys.path[:0] = [str(ROOT)]
    from generator.model.papers import Paper

    with gzip.open(FIXTURES / f"{name}.jsonl.gz", "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    papers = [Paper(id=f"p{i:04d}", title=r.get("title") or r["abstract"][:60], abstract=r["abstract"],
                    title_inferred=not r.get("title")) for i, r in enumerate(rows)]
    return papers, [r["field"] for r in rows]


def stability(papers: list, derive=None, offset: int = 0, full=None, history: bool = False) -> dict:
    """Topics derived on 95% of ``papers`` (every 20th in stable order from ``offset``
    held out) and on all of them (``full``, when already derived), compared on the 95%.
    With ``history``, the second build knows the first's topics (``taxonomy.sticky.keep``),
    as a build that reads the ledger of the last publication does."""
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    from generator.analysis import vectors
    from generator.taxonomy import sticky, topic_model

    derive = derive or topic_model.derive
    held = set(vectors.stable_order([p.id for p in papers])[offset::20].tolist())
    base = [p for i, p in enumerate(papers) if i not in held]
    first, second = derive(base), full or derive(papers)
    if history:
        second = sticky.keep(second, papers, previous(first))[0]
    before, after = first.topic_of, second.topic_of
    names = {t.slug: t.name for t in first.taxonomy.topics}, {t.slug: t.name for t in second.taxonomy.topics}
    old, new = sorted(set(before.values())), sorted(set(after.values()))
    shared = np.zeros((len(old), len(new)))
    for p in base:
        shared[old.index(before[p.id]), new.index(after[p.id])] += 1
    rows, cols = linear_sum_assignment(-shared)
    kept = [(old[i], new[j]) for i, j in zip(rows, cols) if shared[i, j] > shared[i].sum() / 2]
    renamed = [(a, b) for a, b in kept if a != b]
    return {"papers": len(base), "added": len(held), "topics": len(old),
            "moved": round(1 - shared[rows, cols].sum() / len(base), 4),
            "slug_changed": round(sum(before[p.id] != after[p.id] for p in base) / len(base), 4),
            "renamed": len(renamed), "name_changed": sum(names[0][a] != names[1][b] for a, b in kept)}


def previous(published, settled=None):
    """What a build reads of the last publication (``published``: its ``Derived`` topics)."""
    from collections import Counter

    from generator.taxonomy import sticky

    topics = {t.slug: (t.name, t.description) for t in published.taxonomy.topics}
    return sticky.Previous(published.topic_of, topics, frozenset(topics),
                           settled or Counter(published.topic_of.values()))


def draws(papers: list, history: bool = False) -> list[dict]:
    """``stability`` for each of the ``DRAWS`` (all papers derived once)."""
    from generator.taxonomy import topic_model

    full = topic_model.derive(papers)
    return [stability(papers, offset=offset, full=full, history=history) for offset in DRAWS]


def rounds(papers: list, fields: list[str], history: bool = True, steps: int = 4) -> dict:
    """Four rounds of 5% growth in a row, from 80% of ``papers`` (each round adds every 20th
    paper in stable order from another offset), each round's topics derived knowing the last
    round's (``history``) or from scratch: the share of existing papers moved and the topics
    renamed each round (as ``stability`` counts them), the splits, merges and new topics, and
    at the end the NMI and purity against the papers' fields beside a derivation from scratch."""
    from collections import Counter

    from sklearn.metrics import normalized_mutual_info_score

    from generator.analysis import vectors
    from generator.taxonomy import sticky, topic_model

    rank = {int(i): k for k, i in enumerate(vectors.stable_order([p.id for p in papers]))}
    field = {p.id: f for p, f in zip(papers, fields)}
    published, settled, rows, events = None, None, [], Counter()
    for step in range(steps, -1, -1):  # 80%, 85%, … 100%
        now = [p for i, p in enumerate(papers) if rank[i] % 20 >= step]
        fresh = topic_model.derive(now)
        if published is not None and history:
            fresh, changes, settled = sticky.keep(fresh, now, previous(published, settled))
            events.update(c.kind for c in changes)
        if published is not None:
            rows.append(_compare(published, fresh, [p for p in now if p.id in published.topic_of]))
        published = fresh
    ids = list(published.topic_of)
    truth = [field[i] for i in ids]
    scratch = topic_model.derive(papers).topic_of
    purity = lambda t: sum(Counter(f for f, x in zip(truth, t) if x == c).most_common(1)[0][1] for c in set(t)) / len(t)  # noqa: E731
    ours, theirs = [published.topic_of[i] for i in ids], [scratch[i] for i in ids]
    return {"moved": [r["moved"] for r in rows], "renamed": [r["renamed"] for r in rows], "events": dict(events),
            "nmi": round(normalized_mutual_info_score(truth, ours), 3), "purity": round(purity(ours), 3),
            "scratch_nmi": round(normalized_mutual_info_score(truth, theirs), 3), "scratch_purity": round(purity(theirs), 3)}


def _compare(first, second, base: list) -> dict:
    """``stability``'s count of two builds' topics over the papers of the first (``base``)."""
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    before, after = first.topic_of, second.topic_of
    old, new = sorted(set(before[p.id] for p in base)), sorted(set(after[p.id] for p in base))
    shared = np.zeros((len(old), len(new)))
    for p in base:
        shared[old.index(before[p.id]), new.index(after[p.id])] += 1
    rows, cols = linear_sum_assignment(-shared)
    kept = [(old[i], new[j]) for i, j in zip(rows, cols) if shared[i, j] > shared[i].sum() / 2]
    return {"moved": round(1 - shared[rows, cols].sum() / len(base), 4), "renamed": sum(a != b for a, b in kept)}


def print_rounds() -> None:
    for name in COLLECTIONS:
        papers, fields = load(name)
        for history in (False, True):
            r = rounds(papers, fields, history)
            how = "given what was published last" if history else "derived from scratch"
            print(f"rounds {name}, {how}: moved per round {[f'{m:.1%}' for m in r['moved']]}, renamed {r['renamed']}, "
                  f"changes {r['events'] or 'none'}; at the end NMI {r['nmi']} purity {r['purity']:.1%} "
                  f"(from scratch: NMI {r['scratch_nmi']} purity {r['scratch_purity']:.1%})", flush=True)


def print_stability(histories=(False, True)) -> None:
    """Each collection derived from scratch, then knowing what was published last."""
    for name in COLLECTIONS:
        papers, _ = load(name)
        for history in histories:
            rows = draws(papers, history)
            moved = [r["moved"] for r in rows]
            renamed, shown = [r["renamed"] for r in rows], [r["name_changed"] for r in rows]
            verdict = "met" if max(moved) <= 0.05 and not any(renamed) else "MISSED"
            how = "given what was published last" if history else "derived from scratch"
            print(f"stability {name}, {how}: +{rows[0]['added']} papers to {rows[0]['papers']}, {len(rows)} draws: "
                  f"{sum(moved) / len(rows):.1%} of the existing papers moved to another topic on average, "
                  f"{max(moved):.1%} at worst; topics renamed (slug) {renamed} of {rows[0]['topics']}, shown under "
                  f"another name {shown} (goal <= 5% moved, no rename: {verdict})", flush=True)


def measure(sizes: list[int]) -> list[dict]:
    """Each size in its own process, so one run's memory does not slow the next."""
    rows = []
    for n in sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(n)], capture_output=True, text=True,
                             cwd=ROOT, check=True)
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return rows


def main(argv: list[str]) -> None:
    if argv[:1] == ["--stability"]:
        print_stability((False, True) if "--history" not in argv else (True,))
        return
    if argv[:1] == ["--rounds"]:
        print_rounds()
        return
    if argv[:1] == ["--one"]:
        print(json.dumps(derive_once(int(argv[1]))))
        return
    for row in measure([int(a) for a in argv] or sorted(GOALS)):
        goal = row["goal_seconds"]
        verdict = "" if goal is None else (" (goal < %g s: %s)" % (goal, "met" if row["seconds"] < goal else "MISSED"))
        print(f"topics and tags: {row['papers']} papers in {row['seconds']} s ({row['cpu_seconds']} s CPU: topics "
              f"{row['topics_cpu_seconds']}, tags {row['tags_cpu_seconds']}){verdict}; {row['topics']} topics, "
              f"{row['catch_all']:.1%} in the catch-all, {row['tags']} tags")


if __name__ == "__main__":
    main(sys.argv[1:])
