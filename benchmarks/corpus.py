"""A deterministic synthetic corpus shaped like the bundled one.

Titles and abstracts are recombined from the sentences and title words of the
bundled listings with a seeded random generator, so the taxonomy, the search
index and related papers see realistic text. Written as listing files of 1,000
papers each (title line, abstract line), the format of the seeds.
"""
from __future__ import annotations

import random
import re
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "data" / "sources"
PER_FILE = 1000


def _seed_text() -> tuple[list[str], list[str]]:
    titles, sentences = [], []
    for path in sorted(SEEDS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").split("\n"):
            line = line.strip().removeprefix("Subscribe")
            if len(line) > 300:
                sentences += [s for s in re.split(r"(?<=[.!?])\s+", line) if len(s) > 30]
            elif 20 < len(line) <= 200 and not line.startswith("Get trending"):
                titles.append(line)
    return titles, sentences


def papers(n: int, seed: int = 1) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    titles, sentences = _seed_text()
    words = [w for t in titles for w in t.replace(":", "").split()]
    out = []
    for i in range(n):
        base = rng.choice(titles)
        extra = " ".join(rng.choice(words) for _ in range(rng.randint(1, 3)))
        title = f"{base.split(':')[0]}: {extra} {i}"
        # A first sentence of its own, so no two synthetic papers merge as duplicates.
        opening = f"We present study {i} on {' '.join(rng.choice(words) for _ in range(4)).lower()}."
        abstract = " ".join([opening, *(rng.choice(sentences) for _ in range(rng.randint(5, 9)))])
        out.append((title, abstract))
    return out


def write(folder: Path, n: int, seed: int = 1) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    items = papers(n, seed)
    files = []
    for start in range(0, n, PER_FILE):
        path = folder / f"synthetic_{start // PER_FILE:04d}.txt"
        path.write_text("".join(f"{t}\n{a}\n" for t, a in items[start:start + PER_FILE]), encoding="utf-8")
        files.append(path)
    return files
