"""Topic derivation at scale: ``topic_model.derive`` on synthetic collections.

Papers come from ``benchmarks/corpus.papers`` (titles and abstracts recombined
from the bundled listings, seeded). Each size is derived in a fresh process
(``python benchmarks/topics.py 10000 100000``), timed with ``time.perf_counter``;
the goals (10,000 papers under 10 s, 100,000 under 60 s on 2 cores) are printed
next to the figures, with the CPU time (the wall time of a loaded machine says
little). ``benchmarks/run.py --topics`` runs the same after the build benchmark.
"""
from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOALS = {10000: 10.0, 100000: 60.0}


def derive_once(n: int) -> dict:
    """Derive topics for ``n`` synthetic papers here; seconds and what came out."""
    sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]
    import corpus
    from generator import topic_model
    from generator.models import Paper

    papers = [Paper(id=f"p{i}", title=t, abstract=a) for i, (t, a) in enumerate(corpus.papers(n))]
    start, cpu = time.perf_counter(), time.process_time()
    derived = topic_model.derive(papers)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    outliers = sum(s == topic_model.CATCH_ALL.slug for s in derived.topic_of.values()) / n
    return {"papers": n, "seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2), "topics": len(derived.taxonomy.topics) - 1,
            "catch_all": round(outliers, 4), "goal_seconds": GOALS.get(n)}


def measure(sizes: list[int]) -> list[dict]:
    """Each size in its own process, so one run's memory does not slow the next."""
    rows = []
    for n in sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(n)], capture_output=True, text=True,
                             cwd=ROOT, check=True)
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return rows


def main(argv: list[str]) -> None:
    if argv[:1] == ["--one"]:
        print(json.dumps(derive_once(int(argv[1]))))
        return
    for row in measure([int(a) for a in argv] or sorted(GOALS)):
        goal = row["goal_seconds"]
        verdict = "" if goal is None else (" (goal < %g s: %s)" % (goal, "met" if row["seconds"] < goal else "MISSED"))
        print(f"topics: {row['papers']} papers derived in {row['seconds']} s ({row['cpu_seconds']} s CPU){verdict}; "
              f"{row['topics']} topics, {row['catch_all']:.1%} in the catch-all")


if __name__ == "__main__":
    main(sys.argv[1:])
