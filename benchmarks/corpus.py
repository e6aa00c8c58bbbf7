"""Deterministic synthetic corpora shaped like real collections.

Titles and abstracts are recombined from the sentences and title words of the
bundled listings with a seeded random generator, so the taxonomy, the search
index and related papers see realistic text.

* ``write(folder, n)`` — the *listing* corpus: a title line and an abstract
  line per paper (the lightest input there is), 1,000 papers a file.
* ``write_records(folder, n)`` — the *realistic* corpus: records in the
  project's YAML format (1–15 authors, a date, an arXiv id and a DOI on most,
  venues, links, some ``$…$`` math), 500 a file, plus a BibTeX file holding
  about 3% duplicates of those papers (same arXiv id or DOI, as a Zotero or
  DBLP export would give them) and about 5% papers of its own.
* ``write_records(folder, n, bibtex_only=True)`` — the same papers all as BibTeX.

The same ``n`` and ``seed`` always give the same bytes.
"""
from __future__ import annotations

import random
import re
from pathlib import Path

import yaml

SEEDS = Path(__file__).resolve().parent.parent / "data" / "sources"
PER_FILE = 1000
RECORDS_PER_FILE = 500
DUPLICATES = 0.03
BIBTEX_OWN = 0.05

FIRST = ("Anna Wei Olaf Maria Jörg Chen Yuki Priya Ahmed Sofia Lukas Mei Rahul Elena Tomás Hannah Jun Amir "
         "Léa Kwame Ingrid Diego Fatima Noah Ivan Aiko Carlos Zoë Mateo Sara Ravi Ole Nadia Pierre Ji-woo "
         "Emma Hugo Lin Omar Clara Kenji Ayşe Marek Laura Felix Ana Sven Yara Bruno Chiara").split()
LAST = ("Müller Zhang Ronneberger Fischer Brox Wang Tanaka Sharma Hassan García Novak Li Kumar Rossi Silva "
        "Schmidt Kim Nguyen Johansson Dubois Okafor Petrov Suzuki López Cohen Andersen Singh Moreau Yilmaz "
        "Kowalski Bianchi Nakamura Papadopoulos Jensen O'Brien Ferreira Haddad Larsen Costa Weber Ito Park "
        "Mendes Novaković Ahn Chowdhury Becker Sato Horvath Lindqvist").split()
VENUES = ("NeurIPS", "ICML", "ICLR", "CVPR", "ICCV", "ECCV", "ACL", "EMNLP", "NAACL", "AAAI", "IJCAI",
          "MICCAI", "KDD", "SIGIR", "Journal of Machine Learning Research", "IEEE Transactions on Pattern "
          "Analysis and Machine Intelligence", "Transactions of the ACL", "Nature Machine Intelligence")
MATH = ("We prove a bound of $O(n \\log n)$ on the number of queries.",
        "The error decays as $\\epsilon^{-2}$ for every $k \\geq 2$.",
        "Our estimator is unbiased when $\\lambda \\to 0$ and $p < 1/2$.",
        "With $d$-dimensional inputs the cost is $\\Theta(d^2)$ per step.")


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
    """The listing corpus: title and abstract lines, 1,000 papers a file."""
    folder.mkdir(parents=True, exist_ok=True)
    items = papers(n, seed)
    files = []
    for start in range(0, n, PER_FILE):
        path = folder / f"synthetic_{start // PER_FILE:04d}.txt"
        path.write_text("".join(f"{t}\n{a}\n" for t, a in items[start:start + PER_FILE]), encoding="utf-8")
        files.append(path)
    return files


def records(n: int, seed: int = 1) -> list[dict]:
    """``n`` papers as record mappings (the YAML format's fields)."""
    rng = random.Random(seed * 7919 + 1)
    out = []
    for i, (title, abstract) in enumerate(papers(n, seed)):
        if rng.random() < 0.05:
            abstract += " " + rng.choice(MATH)
        year = rng.randint(2012, 2025)
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        shape = rng.random()
        published = f"{year}-{month:02d}-{day:02d}" if shape < 0.8 else f"{year}-{month:02d}" if shape < 0.9 else str(year)
        authors = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(min(15, 1 + int(rng.expovariate(0.3))))]
        r = {"title": title, "abstract": abstract, "authors": list(dict.fromkeys(authors)), "published": published}
        if rng.random() < 0.8:
            r["arxiv"] = f"{year % 100:02d}{month:02d}.{10000 + i % 90000:05d}"
        if rng.random() < 0.6:
            r["doi"] = f"10.{rng.randint(1000, 9999)}/synth.{year}.{i}"
        if rng.random() < 0.6:
            venue = rng.choice(VENUES)
            r["venue"] = f"{venue} {year}" if len(venue) < 8 else venue
        if rng.random() < 0.3:
            r["code"] = f"https://github.com/example-lab/project-{i}"
        if rng.random() < 0.15:
            r["url"] = f"https://example.org/papers/{i}.html"
        if "arxiv" not in r and rng.random() < 0.5:
            r["pdf"] = f"https://example.org/papers/{i}.pdf"
        out.append(r)
    return out


def bibtex(r: dict, key: str) -> str:
    """One record as a BibTeX entry (braces protect the text; LaTeX as Zotero writes it)."""
    def esc(s: str) -> str:
        return s.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("%", "\\%").replace("&", "\\&") \
            if "$" not in s else s.replace("%", "\\%").replace("&", "\\&")
    fields = [("title", "{" + esc(r["title"]) + "}"), ("author", " and ".join(
        f"{a.rsplit(' ', 1)[1]}, {a.rsplit(' ', 1)[0]}" for a in r["authors"]))]
    fields.append(("abstract", esc(r["abstract"])))
    if r.get("published"):
        fields.append(("date", r["published"]))
    if r.get("venue"):
        fields.append(("booktitle", esc(r["venue"])))
    if r.get("arxiv"):
        fields += [("eprint", r["arxiv"]), ("archiveprefix", "arXiv")]
    for name in ("doi", "url"):
        if r.get(name):
            fields.append((name, r[name]))
    kind = "inproceedings" if r.get("venue") else "article"
    return f"@{kind}{{{key},\n" + "".join(f"  {k} = {{{v}}},\n" for k, v in fields) + "}\n"


def write_records(folder: Path, n: int, seed: int = 1, bibtex_only: bool = False) -> list[Path]:
    """The realistic corpus (see the module docstring); returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    items = records(n, seed)
    rng = random.Random(seed + 17)
    files = []
    if bibtex_only:
        for start in range(0, n, RECORDS_PER_FILE):
            path = folder / f"synthetic_{start // RECORDS_PER_FILE:04d}.bib"
            path.write_text("\n".join(bibtex(r, f"paper{start + k}") for k, r in enumerate(items[start:start + RECORDS_PER_FILE])),
                            encoding="utf-8")
            files.append(path)
        return files
    own = max(1, int(n * BIBTEX_OWN))
    yaml_items, bib_items = items[:n - own], items[n - own:]
    # Duplicates: the same paper exported again (identifiers kept, venue text may differ).
    dups = [r for r in yaml_items if r.get("arxiv") or r.get("doi")]
    bib_items = bib_items + rng.sample(dups, min(len(dups), int(n * DUPLICATES)))
    for start in range(0, len(yaml_items), RECORDS_PER_FILE):
        path = folder / f"synthetic_{start // RECORDS_PER_FILE:04d}.yml"
        chunk = yaml_items[start:start + RECORDS_PER_FILE]
        path.write_text(yaml.dump(chunk, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), allow_unicode=True,
                                  sort_keys=False, width=100), encoding="utf-8")
        files.append(path)
    path = folder / "zotero_export.bib"
    path.write_text("\n".join(bibtex(r, f"export{k}") for k, r in enumerate(bib_items)), encoding="utf-8")
    files.append(path)
    return files
