"""A simulated history of a collection, built in order as CI builds it.

Each step changes the sources (a title edited, a paper re-imported from another
format, a duplicate merged, a paper removed, 5% more papers, topics.yml
edited, a rename in curation.yml) and builds docs/ from a fresh checkout, as
CI does: no generated file is there, and the ledger of the last publication
(the ``permalinks.json`` it published) is in ``published/``, where the
workflows download it from the live site. ``.cache/`` stays, as a CI cache would keep it: a
build from it gives the same ids and addresses, in a third of the time. The generator runs in this process; MkDocs is
not needed to tell what answers at an address (``answer``: a page under docs/,
or the static redirect or removal notice that MkDocs would copy as it is).

The simulation knows each paper by an identity of its own (``Paper.ident``)
and every version of its abstract, so after each build it knows which paper
each paper page shows; ``check`` then says, for every address any build
published, whether the final site answers it with the right page.
"""
from __future__ import annotations

import json
import posixpath
import re
import shutil
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from generator import paths, pipeline
from generator.config import Settings
from generator.text.latex import latex_to_text
from generator.text.normalise import fold

_REFRESH = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)">')


@dataclass
class Paper:
    """A paper as the simulation knows it; ``fmt`` says how its record is written."""

    ident: str
    title: str | None
    abstract: str
    fmt: str = "yaml"  # yaml, bibtex, listing; fixed: a line of one of the fixed files
    file: str = "papers"
    authors: tuple[str, ...] = ()
    doi: str | None = None
    arxiv: str | None = None
    key: str | None = None
    gone: bool = False
    #: A duplicate record of another paper (its ident), written with its own words.
    duplicate_of: str | None = None


@dataclass
class Published:
    """What one build published: each paper page's paper, topic and tag pages' papers, other pages."""

    papers: dict[str, str] = field(default_factory=dict)  # docs/ page path → ident
    lists: dict[str, frozenset[str]] = field(default_factory=dict)  # topics/x.md, tags/y.md → idents
    other: set[str] = field(default_factory=set)  # every other page, feed and download


class Simulation:
    """A project under ``root`` whose sources the steps change; ``build`` builds it as CI would."""

    def __init__(self, root: Path, papers: list[Paper], topics: str | None, fixed: dict[str, str] | None = None):
        self.root, self.papers, self.topics, self.curation = root, {p.ident: p for p in papers}, topics, ""
        self.fixed = dict(fixed or {})  # source files written as they are (the bundled listings)
        self.ident_of: dict[str, str] = {}  # every abstract ever written (``text_key``) → its paper
        self.steps: list[str] = []
        self.builds: list[Published] = []
        #: Topic pages that went away and did not lead to the topic holding most of their papers.
        self.topics_wrong: list[str] = []
        self.first_id: dict[str, str] = {}
        self.seconds = 0.0
        root.mkdir(parents=True, exist_ok=True)
        (root / "templates").symlink_to(Path(__file__).resolve().parents[2] / "templates")
        self.settings = Settings.for_project(root, site_url="https://example.org/atlas/")

    # --- the sources -----------------------------------------------------------------------------

    def write(self) -> None:
        sources = self.root / "data" / "sources"
        shutil.rmtree(sources, ignore_errors=True)
        sources.mkdir(parents=True)
        for name, text in self.fixed.items():
            (sources / name).write_text(text, encoding="utf-8")
        files: dict[tuple[str, str], list[str]] = {}
        for p in self.papers.values():
            if not p.gone and p.fmt != "fixed":  # a paper of the fixed files is written there
                files.setdefault((p.file, p.fmt), []).append(_record(p))
                self.ident_of.setdefault(text_key(p.abstract), p.duplicate_of or p.ident)
        extension = {"yaml": "yml", "bibtex": "bib", "listing": "txt"}
        for (name, fmt), texts in sorted(files.items()):
            (sources / f"{name}.{extension[fmt]}").write_text(("\n" if fmt != "yaml" else "").join(texts), encoding="utf-8")
        topics = self.root / "data" / "topics.yml"
        if self.topics is None:
            topics.unlink(missing_ok=True)
        else:
            topics.write_text(self.topics, encoding="utf-8")
        (self.root / "data" / "curation.yml").write_text(self.curation or "{}\n", encoding="utf-8")

    def step(self, what: str, change=None) -> Published:
        """Change the sources (``change()``), then build as CI would."""
        if change is not None:
            change()
        self.steps.append(what)
        self.write()
        return self.build()

    def build(self) -> Published:
        docs = self.settings.docs_dir
        if (docs / paths.LEDGER).is_file():  # the live site's, as the workflows download it
            self.settings.published_file.parent.mkdir(exist_ok=True)
            shutil.copy(docs / paths.LEDGER, self.settings.published_file)
        shutil.rmtree(docs, ignore_errors=True)
        docs.mkdir(parents=True)
        start = time.perf_counter()
        result = pipeline.build(self.settings)
        self.seconds += time.perf_counter() - start
        self.last_timings = {k: round(v, 1) for k, v in result.timings.items()}
        out = self._published(result)
        if len(self.builds) > 1:
            self._topics_moved(self.builds[-2], out)
        return out

    def _topics_moved(self, before: Published, after: Published) -> None:
        """A topic page the last build had and this one lacks leads to the topic that holds more than
        half of its papers that are still in the collection, where one does; else to any answer."""
        live = set(after.papers.values())
        for md, idents in before.lists.items():
            if not md.startswith("topics/") or md in after.lists:
                continue
            still = idents & live
            holders = Counter(m for m, ids in after.lists.items() if m.startswith("topics/") for _ in ids & still)
            kind, at = self.answer(md)
            best = [m for m, n in holders.items() if 2 * n > len(still)]
            if kind == "broken" or (best and at != best[0]):
                self.topics_wrong.append(f"{self.steps[-1]}: {md} → {kind} {at} (holder: {best})")

    def _published(self, result) -> Published:
        out = Published()
        ident = {}
        for p in result.collection.papers:
            ident[p.id] = self.ident_of[text_key(p.abstract)]
            out.papers[paths.paper(p.id)] = ident[p.id]
            self.first_id.setdefault(ident[p.id], p.id)
        for p in result.collection.papers:
            for md in [paths.topic(p.topic)] + [paths.tag(t) for t in p.tags]:
                out.lists[md] = out.lists.get(md, frozenset()) | {ident[p.id]}
        for path in result.files:
            if path.endswith(".md") and not path.startswith("papers/") or path.startswith(("feeds/topics/",
                                                                                         "downloads/topics/")):
                out.other.add(path)
        self.builds.append(out)
        return out

    # --- what answers at an address ------------------------------------------------------------

    def answer(self, md: str) -> tuple[str, str]:
        """("page", docs/ path) of the page an address leads to (redirects followed), ("gone", path)
        for a removal notice, ("file", path) for a feed or download, or ("broken", path)."""
        docs = self.settings.docs_dir
        for _ in range(8):
            if not md.endswith(".md"):
                return ("file" if (docs / md).is_file() else "broken"), md
            if (docs / md).is_file():
                return "page", md
            static = docs / paths.static_page(md, True)
            if not static.is_file():
                return "broken", md
            found = _REFRESH.search(static.read_text(encoding="utf-8"))
            if not found:
                return "gone", md
            md = _page_at(posixpath.normpath(posixpath.join(paths.page_url(md, True), found[1])) + "/", docs)
        return "broken", md

    def final_ident(self, ident: str) -> str:
        """The paper an identity is part of now (a duplicate's paper)."""
        return self.papers[ident].duplicate_of or ident


def text_key(abstract: str) -> str:
    """An abstract as read by any format (LaTeX decoded, spaces cleaned) and as written: its first words, folded."""
    return " ".join(fold(latex_to_text(abstract)).split()[:40])


def _page_at(url: str, docs: Path) -> str:
    """The docs/ path of the page (or old page) at a site URL (directory URLs)."""
    stem = url.strip("/")
    for md in (f"{stem}.md", f"{stem}/index.md" if stem else "index.md"):
        if (docs / md).is_file() or (docs / paths.static_page(md, True)).is_file():
            return md
    return f"{stem}.md"


def _record(p: Paper) -> str:
    if p.fmt == "listing":
        return (f"{p.title}\n" if p.title else "") + p.abstract + "\n"
    if p.fmt == "bibtex":
        fields = [("title", p.title and "{" + p.title + "}"), ("abstract", "{" + p.abstract + "}"),
                  ("author", "{" + " and ".join(p.authors) + "}"), ("doi", p.doi and "{" + p.doi + "}"),
                  ("eprint", p.arxiv and "{" + p.arxiv + "}"), ("year", "{2024}")]
        body = ",\n".join(f"  {k} = {v}" for k, v in fields if v and v != "{}")
        return f"@article{{{p.key or p.ident},\n{body}\n}}\n"
    lines = [f"- abstract: {json.dumps(p.abstract)}"]
    for name in ("title", "doi", "arxiv"):
        if getattr(p, name):
            lines.append(f"  {name}: {json.dumps(getattr(p, name))}")
    if p.authors:
        lines.append(f"  authors: {json.dumps(list(p.authors))}")
    return "\n".join(lines) + "\n"


@dataclass
class Report:
    """What the final site answers at every address any build published."""

    addresses: int = 0
    pages: int = 0
    redirects: int = 0
    gone: int = 0
    broken: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)  # kept-id papers whose address changed

    def __str__(self) -> str:
        return (f"{self.addresses} addresses published: {self.pages} answered by their page, {self.redirects} by a "
                f"redirect to the right page, {self.gone} by a removal notice; {len(self.broken)} broken, "
                f"{len(self.wrong)} leading to the wrong page")


def check(sim: Simulation, keep_address: set[str]) -> Report:
    """Every address of every build against the final site. ``keep_address``: the papers whose
    address must never change (titles edited, re-imported)."""
    report = Report()
    final = sim.builds[-1]
    page_ident = final.papers
    ever: dict[str, set[str]] = {}
    for build in sim.builds:
        for md, ident in build.papers.items():
            ever.setdefault(md, set()).add(ident)
        for md in list(build.lists) + sorted(build.other):
            ever.setdefault(md, set())
    for md, idents in sorted(ever.items()):
        report.addresses += 1
        kind, at = sim.answer(md)
        if kind == "broken":
            report.broken.append(md)
            continue
        report.pages += kind in ("page", "file") and at == md
        report.redirects += kind in ("page", "file") and at != md
        report.gone += kind == "gone"
        for ident in idents:  # a paper page: the right paper, or its removal notice
            target = sim.final_ident(ident)
            right = page_ident.get(at) == target if kind == "page" else kind == "gone" and sim.papers[target].gone
            if not right:
                report.wrong.append(f"{md} ({ident}) → {kind} {at}")
    for ident in keep_address:
        if (ident not in sim.papers or sim.papers[ident].gone) or page_ident.get(paths.paper(sim.first_id[ident])) == ident:
            continue
        report.moved.append(ident)
    return report
