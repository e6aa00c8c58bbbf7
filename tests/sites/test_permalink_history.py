"""A published address always answers: simulated histories of more than 30 changes, built in
order as CI builds them (tests/support/history.py: a fresh checkout each time, with the ledger of
the last publication), on the bundled collection (topics of data/topics.yml) and on a collection
with derived topics (fields_d of tests/fixtures/topics/). In the final site every address any
build published answers with its page, a redirect to the right page, or (a paper removed) a
notice with its citation; a paper keeps its address across title edits and re-imports.

Only docs/ is generated here (the generator in this process); tests/browser/test_redirects.py
builds two sites with MkDocs and follows redirects in Chromium, over http and from file://.
"""
from __future__ import annotations

import gzip
import json
import re
import sys
from dataclasses import replace

import pytest

from generator import paths
from support.history import Paper, Simulation, check, text_key
from support.project import FIXTURES, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import topics as bench_topics  # noqa: E402  (the fixtures' stable order)


def fixture(name: str) -> list[dict]:
    with gzip.open(FIXTURES / "topics" / f"{name}.jsonl.gz", "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def retitled(title: str, n: int) -> str:
    """An edited title: a typo fixed, a word changed, a subtitle added."""
    edits = [lambda t: t.replace("Medical", "Clinical") if "Medical" in t else t + " Revisited",
             lambda t: t.lower().capitalize(), lambda t: t.split(":")[0] + ": a study" if ":" in t else t + ": a study",
             lambda t: t.replace(" for ", " For ").replace(" of ", " Of ") + "?", lambda t: "Towards " + t]
    new = edits[n % len(edits)](title)
    return new if new != title else title + " (v2)"


def reworded(abstract: str) -> str:
    """Another record's words for the same paper: shorter, with other words (no merge by text)."""
    words = abstract.split()
    return " ".join("novel" if k % 4 == 0 else w for k, w in enumerate(words[:len(words) * 2 // 3])) + "."


# --- the bundled collection: data/topics.yml ---------------------------------------------------

class Bundled:
    """Edits of the bundled listings, line by line (each listing is a title line, then its abstract)."""

    def __init__(self, tmp_path):
        fixed = {p.name: p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "sources").iterdir())}
        self.sim = Simulation(tmp_path / "bundled", [], (ROOT / "data" / "topics.yml").read_text(), fixed)
        self.sim.write()
        papers, _, _ = pipeline_read(self.sim)
        for p in papers:
            self.sim.ident_of[text_key(p.abstract)] = f"b:{p.id}"
            self.sim.papers[f"b:{p.id}"] = Paper(f"b:{p.id}", p.title, p.abstract, fmt="fixed")
        self.lines = {}  # ident → (file, title line, abstract line): papers of one record, as written
        for p in papers:
            if len(p.sources) == 1 and not p.title_inferred:
                text = fixed[p.sources[0].path.rsplit("/", 1)[-1]].split("\n")
                if f"{p.title}\n{p.abstract}" in "\n".join(text):
                    self.lines[f"b:{p.id}"] = (p.sources[0].path.rsplit("/", 1)[-1], p.title, p.abstract)
        self.pick = iter(sorted(self.lines)[::7])

    def edit_title(self, ident: str, new: str) -> None:
        name, old, abstract = self.lines[ident]
        self._replace(name, f"{old}\n{abstract}", f"{new}\n{abstract}")
        self.lines[ident] = (name, new, abstract)
        self.sim.papers[ident].title = new

    def remove(self, ident: str) -> None:
        name, title, abstract = self.lines.pop(ident)
        self._replace(name, f"{title}\n{abstract}\n", "")
        self.sim.papers[ident].gone = True

    def to_record(self, ident: str, **fields) -> None:
        """Moved out of its listing into a record of another format (``fields``: fmt, file, doi, …)."""
        name, title, abstract = self.lines.pop(ident)
        self._replace(name, f"{title}\n{abstract}\n", "")
        self.sim.papers[ident] = Paper(ident, title, abstract, **fields)

    def _replace(self, name: str, old: str, new: str) -> None:
        text = self.sim.fixed[name]
        assert text.count(old) == 1, (name, old[:60])
        self.sim.fixed[name] = text.replace(old, new)


def pipeline_read(sim: Simulation):
    from generator import pipeline

    return pipeline.read_papers(sim.settings)


def growth_pool() -> list[dict]:
    """Machine-learning and computing papers with titles, for 5% more papers at a time."""
    rows = [r for name in ("fields_a", "fields_c", "fields_d") for r in fixture(name)
            if r.get("title") and r["field"] in ("machine learning", "computer science")]
    return rows


def bundled_history(tmp_path) -> tuple[Simulation, set[str]]:
    b = Bundled(tmp_path)
    sim, keep = b.sim, set()
    sim.step("the bundled collection as it is")
    focal = next(i for i, (_, t, _) in b.lines.items() if "Focal Modulation for Medical" in t)
    sim.step("a title edited: Medical → Clinical", lambda: b.edit_title(focal, retitled(b.lines[focal][1], 0)))
    keep.add(focal)
    for n in range(1, 6):
        ident = next(b.pick)
        sim.step(f"title edit {n + 1}", lambda: b.edit_title(ident, retitled(b.lines[ident][1], n)))
        keep.add(ident)
    moved = [next(b.pick) for _ in range(3)]
    sim.step("re-imported as a YAML record with a DOI", lambda: b.to_record(moved[0], fmt="yaml", file="imported",
                                                                            doi="10.5555/moved.0"))
    sim.step("re-imported as BibTeX with a key and an arXiv id", lambda: b.to_record(
        moved[1], fmt="bibtex", file="zotero", key="paper2024", arxiv="2401.00001", authors=("Ann Lee",)))
    sim.step("moved to a listing of its own", lambda: b.to_record(moved[2], fmt="listing", file="moved"))
    keep.update(moved)
    original = sim.papers[moved[0]]
    dup = Paper("dup", "A study of " + original.title, reworded(original.abstract), file="duplicates")
    sim.step("a duplicate arrives under another title (its own page)", lambda: sim.papers.update(dup=dup))
    sim.step("the duplicate gets the DOI: merged into the paper", lambda: (
        setattr(dup, "doi", original.doi), setattr(dup, "duplicate_of", original.ident)))
    removed = [next(b.pick) for _ in range(3)]
    for n, ident in enumerate(removed):
        sim.step(f"a paper removed ({n + 1})", lambda: b.remove(ident))
    back = sim.papers[removed[0]]
    sim.step("a removed paper comes back as YAML", lambda: (setattr(back, "gone", False), setattr(back, "fmt", "yaml"),
                                                           setattr(back, "file", "returned")))
    pool = iter(growth_pool())
    size = len(sim.builds[-1].papers)
    for n in range(4):
        new = [Paper(f"g{n}-{k}", r["title"], r["abstract"], file=f"growth-{n}") for k, r in
               zip(range(round(0.05 * size)), pool)]
        sim.step(f"5% more papers (round {n + 1})", lambda: sim.papers.update({p.ident: p for p in new}))
    sim.step("topics.yml: a topic's slug renamed", lambda: setattr(sim, "topics", sim.topics.replace(
        "slug: systems", "slug: networked-systems")))
    sim.step("topics.yml: two topics merged", lambda: setattr(sim, "topics", _merge_topics(sim.topics)))
    sim.step("topics.yml: a topic split off", lambda: setattr(sim, "topics", _split_topic(sim.topics)))
    sim.step("topics.yml: a tag of the vocabulary renamed", lambda: setattr(sim, "topics", sim.topics.replace(
        "{name: message passing}", "{name: message-passing networks, aliases: [message passing]}")))
    target = next(b.pick)
    sim.step("a paper renamed on purpose in curation.yml", lambda: setattr(
        sim, "curation", f"{target[2:]}: {{slug: renamed-on-purpose}}\n"))
    sim.step("renamed on purpose again", lambda: setattr(sim, "curation", f"{target[2:]}: {{slug: renamed-twice}}\n"))
    namesake = sim.papers[next(b.pick)]
    # Neither has authors: their abstracts keep them apart (the build warns of the namesake).
    sim.step("another paper with the same title arrives", lambda: sim.papers.update(
        namesake=Paper("namesake", namesake.title, "An unrelated study of soil microbes and their seasonal "
                       "cycles in alpine meadows, with field data from three summers.", file="000-first")))
    again = sorted(keep)[0]
    sim.step("the same title edited again", lambda: b.edit_title(again, retitled(b.lines[again][1], 3)))
    both = next(b.pick)
    sim.step("title and abstract revised at once", lambda: _revise(b, both))
    keep.add(both)
    sim.step("the BibTeX paper back in a listing, no identifiers", lambda: _set(
        sim.papers[moved[1]], fmt="listing", file="moved", arxiv=None, key=None, authors=()))
    sim.step("the merged paper removed with its duplicate", lambda: (setattr(original, "gone", True),
                                                                     setattr(dup, "gone", True)))
    sim.step("topics.yml: a topic deleted", lambda: setattr(sim, "topics", _delete_topic(sim.topics, "theory")))
    return sim, keep - {original.ident}


def _revise(b: Bundled, ident: str) -> None:
    name, title, abstract = b.lines[ident]
    new_abstract = abstract.replace(". ", ". Moreover, ", 1) + " Code is available."
    b._replace(name, f"{title}\n{abstract}", f"{retitled(title, 2)}\n{new_abstract}")
    b.lines[ident] = (name, retitled(title, 2), new_abstract)
    b.sim.papers[ident].title, b.sim.papers[ident].abstract = retitled(title, 2), new_abstract
    b.sim.ident_of[text_key(new_abstract)] = ident


def _topic_block(text: str, slug: str) -> str:
    start = text.index(f"slug: {slug}\n")
    start = text.rindex("  - name:", 0, start)
    end = text.find("\n  - name:", start + 1)
    end = text.index("\n\ntags:") if end < 0 or end > text.index("\ntags:") else end
    return text[start:end + 1]


def _merge_topics(text: str) -> str:
    """brain-inspired's match terms go to scientific-ml; the topic goes."""
    block = _topic_block(text, "brain-inspired")
    terms = re.search(r"match: \[(.*?)\]", block, re.S)[1]
    text = text.replace(block, "")
    return re.sub(r"(slug: scientific-ml\n.*?match: \[)", lambda m: m[1] + terms + ", ", text, count=1, flags=re.S)


def _split_topic(text: str) -> str:
    """Pruning and sparsity leave compression, listed before it (a tie goes to the topic listed first)."""
    block = _topic_block(text, "compression")
    new = ("  - name: Pruning and sparsity\n    slug: pruning\n    description: Pruning and sparse networks.\n"
           "    match: [prun*, sparse network, sparsity, sparse training, lottery ticket]\n\n")
    return text.replace(block, new + block)


def _delete_topic(text: str, slug: str) -> str:
    return text.replace(_topic_block(text, slug), "")


# --- a collection with derived topics: fields_d ------------------------------------------------

def derived_history(tmp_path) -> tuple[Simulation, set[str]]:
    rows = fixture("fields_d")
    papers_, _ = bench_topics.load("fields_d")
    rank = _ranks(papers_)
    all_ = []
    for n, (r, p) in enumerate(zip(rows, papers_)):
        fmt = "listing" if r.get("title") and n % 7 == 3 else "bibtex" if n % 7 == 5 else "yaml"
        all_.append(Paper(f"d{n:03d}", r.get("title"), r["abstract"], fmt=fmt,
                          file={"listing": "listed", "bibtex": "library"}.get(fmt, "papers"),
                          key=f"key{n}" if fmt == "bibtex" else None, authors=(f"Author {n % 37}",) if fmt != "listing" else ()))
    held = {f"d{n:03d}": rank[p.id] % 20 for n, p in enumerate(papers_)}
    start = [replace(p, gone=held[p.ident] < 4) for p in all_]
    sim = Simulation(tmp_path / "derived", start, None)
    keep: set[str] = set()
    sim.step("80% of fields_d, topics derived")
    titled = iter(sorted(p.ident for p in start if p.title and not p.gone and p.fmt != "listing")[::9])
    for n in range(5):
        ident = next(titled)
        sim.step(f"title edit {n + 1}", lambda: setattr(sim.papers[ident], "title", retitled(sim.papers[ident].title, n)))
        keep.add(ident)
    moved = [next(titled) for _ in range(3)]
    sim.step("re-imported as BibTeX with a key", lambda: _set(sim.papers[moved[0]], fmt="bibtex", file="zotero",
                                                           key="zotero2024"))
    sim.step("re-imported as a listing line", lambda: _set(sim.papers[moved[1]], fmt="listing", file="listed",
                                                          authors=(), key=None))
    sim.step("re-imported with a DOI", lambda: _set(sim.papers[moved[2]], fmt="yaml", file="crossref", doi="10.1000/x"))
    keep.update(moved)
    original = sim.papers[next(titled)]
    dup = Paper("dup", "On " + original.title, reworded(original.abstract), file="duplicates")
    sim.step("a duplicate under another title", lambda: sim.papers.update(dup=dup))
    sim.step("the duplicate merged (both get one DOI)", lambda: (_set(original, doi="10.1000/dup"),
                                                                _set(dup, doi="10.1000/dup", duplicate_of=original.ident)))
    removed = [next(titled) for _ in range(3)]
    for n, ident in enumerate(removed):
        sim.step(f"a paper removed ({n + 1})", lambda: _set(sim.papers[ident], gone=True))
    sim.step("a removed paper comes back", lambda: _set(sim.papers[removed[1]], gone=False))
    for n in range(4):
        sim.step(f"5% more papers (round {n + 1})", lambda: [_set(p, gone=False) for p in sim.papers.values()
                                                             if p.ident in held and held[p.ident] == 3 - n])
    first_topic = _topics(sim)[0]
    sim.step("a derived topic renamed on purpose", lambda: setattr(
        sim, "curation", f"topics/{first_topic}: {{slug: renamed-topic, name: Renamed topic}}\n"))
    target = next(titled)
    sim.step("a paper renamed on purpose", lambda: setattr(
        sim, "curation", sim.curation + f"{_id_of(sim, target)}: {{slug: renamed-paper}}\n"))
    namesake = sim.papers[next(titled)]  # with an author: the newcomer has another
    sim.step("a namesake arrives", lambda: sim.papers.update(namesake=Paper(
        "namesake", namesake.title, "Soil microbes of alpine meadows follow seasonal cycles; three summers of "
        "field data show it.", file="000-first", authors=("Zed Z",))))
    for n in range(3):
        ident = next(titled)
        sim.step(f"late title edit {n + 1}", lambda: setattr(sim.papers[ident], "title", retitled(sim.papers[ident].title, n + 2)))
        keep.add(ident)
    sim.step("two more papers removed", lambda: [_set(sim.papers[next(titled)], gone=True) for _ in range(2)])
    sim.step("topics suggest committed as data/topics.yml (the topic renamed in curation.yml is its slug there)",
             lambda: (setattr(sim, "topics", _suggested(sim)), setattr(sim, "curation", "".join(
                 line for line in sim.curation.splitlines(True) if not line.startswith("topics/")))))
    sim.step("topics.yml: a slug renamed", lambda: setattr(sim, "topics", _rename_first(sim.topics)))
    sim.step("topics.yml deleted: derived again", lambda: setattr(sim, "topics", None))
    last = next(titled)
    sim.step("a last title edit", lambda: setattr(sim.papers[last], "title", retitled(sim.papers[last].title, 1)))
    sim.step("an arXiv id added to it", lambda: _set(sim.papers[last], arxiv="2402.01234"))
    sim.step("its title rewritten whole and its abstract revised (the arXiv id keeps it)", lambda: _revised(sim, last))
    keep.add(last)
    return sim, keep - set(removed) - {original.ident}


def _revised(sim: Simulation, ident: str) -> None:
    p = sim.papers[ident]
    p.title, p.abstract = "An entirely new title", p.abstract + " We add a new result and its proof."
    sim.ident_of[text_key(p.abstract)] = ident


def _set(p: Paper, **fields) -> None:
    for k, v in fields.items():
        setattr(p, k, v)


def _ranks(papers) -> dict[str, int]:
    from generator.analysis import vectors

    order = vectors.stable_order([p.id for p in papers])
    return {papers[int(i)].id: k for k, i in enumerate(order)}


def _topics(sim: Simulation) -> list[str]:
    return sorted(md[len("topics/"):-3] for md in sim.builds[-1].lists if md.startswith("topics/") and "/" not in md[7:])


def _id_of(sim: Simulation, ident: str) -> str:
    return next(md[len("papers/"):-3] for md, i in sim.builds[-1].papers.items() if i == ident)


def _suggested(sim: Simulation) -> str:
    """What ``python -m generator topics suggest -o -`` prints for the sources of the last build."""
    from generator.cli import main

    out = sim.root / "suggested.yml"
    assert main(["--root", str(sim.root), "topics", "suggest", "-o", str(out)]) == 0
    return out.read_text(encoding="utf-8")


def _rename_first(text: str) -> str:
    slug = re.search(r"slug: (\S+)", text)[1]
    return text.replace(f"slug: {slug}\n", f"slug: {slug}-renamed\n", 1)


# --- the tests -------------------------------------------------------------------------------

def _run(which: str, root):
    return (bundled_history if which == "bundled" else derived_history)(root)


@pytest.fixture(scope="module")
def histories(tmp_path_factory):
    """Both histories, built side by side (one process each: the build is mostly one core's work)."""
    import concurrent.futures
    import multiprocessing

    roots = {which: tmp_path_factory.mktemp(which) for which in ("bundled", "derived")}
    with concurrent.futures.ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("fork")) as pool:
        runs = {which: pool.submit(_run, which, root) for which, root in roots.items()}
        return {which: run.result() for which, run in runs.items()}


@pytest.fixture(scope="module")
def bundled(histories):
    return histories["bundled"]


@pytest.fixture(scope="module")
def derived(histories):
    return histories["derived"]


@pytest.mark.parametrize("history", ["bundled", "derived"])
def test_every_address_ever_published_answers_in_the_final_site(history, request):
    sim, keep = request.getfixturevalue(history)
    report = check(sim, keep)
    print(f"\n{history}: {len(sim.steps)} steps in {sim.seconds:.0f} s; {report}")
    assert len(sim.steps) >= 30
    assert report.broken == [] and report.wrong == [], (report.broken[:10], report.wrong[:10])
    assert report.redirects > 0 and report.gone > 0


@pytest.mark.parametrize("history", ["bundled", "derived"])
def test_papers_keep_their_address_across_title_edits_and_reimports(history, request):
    sim, keep = request.getfixturevalue(history)
    assert len(keep) >= 8
    assert check(sim, keep).moved == []


@pytest.mark.parametrize("history", ["bundled", "derived"])
def test_a_topic_page_that_went_away_leads_to_the_topic_holding_its_papers(history, request):
    sim, _ = request.getfixturevalue(history)
    assert sim.topics_wrong == []


@pytest.mark.parametrize("history", ["bundled", "derived"])
def test_old_addresses_are_no_pages_of_the_site(history, request):
    """Old addresses answer with static files that MkDocs copies as they are: no page of the
    navigation, the search index or the sitemap, which list the live pages only; no static
    file stands where a live page is built."""
    sim, _ = request.getfixturevalue(history)
    docs = sim.settings.docs_dir
    static = {p.relative_to(docs).as_posix() for p in docs.rglob("*.html")}
    live = {paths.static_page(p.relative_to(docs).as_posix(), True) for p in docs.rglob("*.md")}
    assert static and not static & live
    assert all((docs / md).is_file() for md in sim.builds[-1].papers)
