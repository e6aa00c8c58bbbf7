"""The citation writers at N papers: BibTeX as written today against bibtexparser 2's writer, and
the RIS, CSL-JSON and APA writers beside them.

``python benchmarks/citations.py [--papers 10000]`` makes N papers of the realistic corpus
(benchmarks/corpus.py) and gives each a publication of one of the 13 entry types in turn, with
the fields a source of that type has. It prints the CPU seconds of each writer (best of
``--repeat``) and checks that bibtexparser's writer gives the same entries: both outputs parsed
back field by field, and, with ``--biber``, what biber says of each.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import bibtexparser  # noqa: E402
from bibtexparser.model import Entry, Field  # noqa: E402

import corpus  # noqa: E402
from generator.model.papers import ENTRY_TYPES, Paper, Publication  # noqa: E402
from generator.site import apa, citations, ris  # noqa: E402

#: The fields a source of each type gives (the entry types fixture's, in short).
SHAPES = {
    "article": dict(journal="Journal of Machine Learning Research", volume="20", number="3", pages="101--137"),
    "book": dict(publisher="Remington Rand", address="Philadelphia", edition="2", series="Monographs", volume="4"),
    "booklet": dict(howpublished="Report to the Laboratory", address="Teddington"),
    "inbook": dict(booktitle="Next-Gen Digital Services", chapter="2", pages="16--32", publisher="Springer",
                   editors=("M. Aiello", "A. Bouguettaya")),
    "incollection": dict(booktitle="Planen und Handeln", publisher="Hogrefe", address="Göttingen", pages="243--270",
                         editors=("Joachim Hoffmann", "Walter Kintsch"), volume="2"),
    "inproceedings": dict(booktitle="Proceedings of MICCAI 2015", series="LNCS", volume="9351", pages="234--241",
                          publisher="Springer", editors=("Nassir Navab",)),
    "manual": dict(organization="Python Software Foundation", edition="3.1"),
    "mastersthesis": dict(institution="Rijksuniversiteit Groningen", address="Groningen"),
    "misc": dict(howpublished="Talk at the lab retreat"),
    "phdthesis": dict(institution="University of Groningen", genre="PhD thesis"),
    "proceedings": dict(publisher="Springer", series="LNCS", volume="10970", editors=("M. Aiello", "Y. Yang")),
    "techreport": dict(institution="University of Groningen", genre="Technical Report", number="2013-08-07"),
    "unpublished": dict(note="Working paper"),
}


def make_papers(n: int) -> list[Paper]:
    out = []
    for i, r in enumerate(corpus.records(n)):
        kind = ENTRY_TYPES[i % len(ENTRY_TYPES)]
        out.append(Paper(id=f"p{i:06d}", title=r["title"], abstract=r["abstract"], authors=tuple(r["authors"]),
                         published=r.get("published"), arxiv=r.get("arxiv"), doi=r.get("doi"), url=r.get("url"),
                         venue=r.get("venue"), topic="t", publication=Publication(kind, **SHAPES[kind])))
    return out


def bibtexparser_entries(papers, keys, pubs) -> str:
    """The same entries through bibtexparser 2's writer: our escaped values, enclosed in braces and
    laid out by its unparse stack (in place: nothing to deep-copy, its fastest)."""
    entries = [Entry(pub.type, keys[p.id], [Field(name, value) for name, value in citations.bibtex_fields(p, pub)])
               for p, pub in zip(papers, pubs)]
    stack = bibtexparser.middlewares.default_unparse_stack(allow_inplace_modification=True)
    return bibtexparser.write_string(bibtexparser.Library(entries), unparse_stack=stack)


def timed(fn, repeat: int) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.process_time()
        result = fn()
        best = min(best, time.process_time() - start)
    return best, result


def fields_of(text: str) -> list[tuple[str, str, tuple]]:
    lib = bibtexparser.parse_string(text)
    assert not lib.failed_blocks
    return [(e.entry_type, e.key, tuple((f.key, f.value) for f in e.fields)) for e in lib.entries]


def biber_says(text: str) -> tuple[int, int]:
    """(warnings, errors) of ``biber --tool --validate-datamodel``."""
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "x.bib").write_text(text, encoding="utf-8")
        out = subprocess.run(["biber", "--tool", "--validate-datamodel", "--nolog", "x.bib"], cwd=tmp,
                             capture_output=True, text=True)
    lines = (out.stdout + out.stderr).splitlines()
    return sum("WARN" in line for line in lines), sum("ERROR" in line for line in lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--papers", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--biber", action="store_true", help="also run biber on both BibTeX outputs")
    args = parser.parse_args()
    papers = make_papers(args.papers)
    keys = citations.citation_keys(papers)
    t_ref, pubs = timed(lambda: [citations.reference(p) for p in papers], args.repeat)
    t_ours, ours = timed(lambda: "\n".join(citations.bibtex(p, keys[p.id], pub) for p, pub in zip(papers, pubs)),
                         args.repeat)
    t_btp, theirs = timed(lambda: bibtexparser_entries(papers, keys, pubs), args.repeat)
    t_ris, _ = timed(lambda: [ris.record(p, pub, keys[p.id], citations.doi_of(p), citations.landing_url(p), ["t"])
                              for p, pub in zip(papers, pubs)], args.repeat)
    t_csl, _ = timed(lambda: [citations.csl(p, keys[p.id], "t", [], pub) for p, pub in zip(papers, pubs)], args.repeat)
    t_apa, _ = timed(lambda: [apa.reference(p, pub, citations.doi_of(p), citations.landing_url(p))
                              for p, pub in zip(papers, pubs)], args.repeat)
    same = fields_of(ours) == fields_of(theirs)
    print(f"{args.papers} papers, CPU seconds (best of {args.repeat})")
    for name, t in (("reference()", t_ref), ("BibTeX, ours", t_ours), ("BibTeX, bibtexparser 2 writer", t_btp),
                    ("RIS", t_ris), ("CSL-JSON", t_csl), ("APA reference", t_apa)):
        print(f"  {name:32} {t:6.3f} s  {t / args.papers * 1e6:7.1f} µs a paper")
    print(f"  same entries and fields parsed back: {same}; bytes {len(ours):,} (ours) vs {len(theirs):,}")
    if args.biber:
        print(f"  biber (warnings, errors): ours {biber_says(ours)}, bibtexparser {biber_says(theirs)}")


if __name__ == "__main__":
    main()
