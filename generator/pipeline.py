"""The whole build, one call per stage: sources → records → taxonomy → pages → output.

Everything is gathered and checked before anything is written; errors from
every stage are collected and raised once, together, as ``GeneratorError``.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from generator import paths, records, sources, taxonomy
from generator.records import maintained, people, venues
from generator.config import GENERATED, Settings
from generator.errors import SURROGATE, GeneratorError, Problem, Severity, SourceError, error, note, warning
from generator.model import ledger as ledger_module
from generator.model.collection import Collection
from generator.model.ledger import History, Ledger
from generator.model.papers import RawRecord
from generator.model.people import People, Venues
from generator.model.taxonomy import Taxonomy
from generator.runtime import cache as cache_module
from generator.runtime import output, parallel
from generator.runtime.cache import NO_CACHE, Cache
from generator.runtime.cache import digest as cache_digest
from generator.records import permalinks
from generator.site import dates as feature_dates
from generator.site import browse, features, pages, search
from generator.site import permalinks as addresses
from generator.sources import display_path, yaml_records
from generator.taxonomy import incremental, sticky
from generator.text.normalise import counted, without_surrogates

log = logging.getLogger("generator")


@dataclass(slots=True)
class BuildResult:
    collection: Collection
    problems: list[Problem]
    files: output.Outputs = field(default_factory=output.Outputs)
    stats: output.WriteStats | None = None
    formats: dict[str, str] = field(default_factory=dict)  # source path → format name
    #: Seconds spent in each stage, in order.
    timings: dict[str, float] = field(default_factory=dict)
    #: MkDocs navigation for the hook (Home, Topics, Tags, …; never paper pages).
    nav: list = field(default_factory=list)
    #: True when the inputs had not changed since the last build and nothing was redone.
    unchanged: bool = False
    #: The summary of the build that made docs/ (given when ``unchanged``).
    cached_summary: str = ""
    #: Warnings the previous build already reported: the summary counts them
    #: but does not list them again (``check`` lists every warning).
    seen_warnings: frozenset[str] = frozenset()

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    @property
    def notes(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.NOTE]


# --- stage 1: sources ---------------------------------------------------------

def read_sources(settings: Settings, cache: Cache | None = None) -> tuple[list[RawRecord], dict[str, str], list[Problem]]:
    """Every record of the source files; a file whose bytes are those of the last build
    comes from ``cache`` (its records and problems as reading it gives them)."""
    memo = (cache or NO_CACHE).memo("sources")
    found: list[RawRecord] = []
    formats: dict[str, str] = {}
    problems: list[Problem] = []
    for p in settings.sources:
        if not p.exists():
            problems.append(error(display_path(p, settings.root), 0, _unreachable(p)))
    for shown, path in sources.list_sources([p for p in settings.sources if p.exists()], settings.root, problems):
        try:
            if path.is_symlink() and not path.resolve().is_relative_to(settings.root):
                problems.append(error(shown, 0, "the file is a link to a file outside the project; "
                                      "sources must be files of the repository"))
                continue
            data = path.read_bytes()
        except RuntimeError:  # a link to itself, or a loop of links
            problems.append(error(shown, 0, "the file cannot be read (a loop of links); check the link"))
            continue
        except OSError as exc:
            problems.append(error(shown, 0, f"the file cannot be read ({exc.strerror}); check its permissions"))
            continue
        # By name and bytes: what reading the file gives (its records name the file).
        fmt, result = memo.get(f"{shown}\0{cache_digest(data)}", lambda: sources.read_source(shown, data))
        formats[shown] = fmt
        found += result.records
        problems += result.problems
    memo.save()
    return found, formats, problems


def _unreachable(path: Path) -> str:
    """Why a source path that does not exist for the build cannot be read."""
    try:
        path.stat()
    except OSError as exc:
        if path.is_symlink() or exc.errno != 2:
            return f"this source path cannot be read ({exc.strerror}); check the link or its permissions"
    return "this source path does not exist"


def load_yaml(path: Path, root: Path, required: bool) -> tuple[object, dict[str, int], list[Problem]]:
    """A project YAML file (topics, curation, people, venues) with the line of each entry."""
    shown = display_path(path, root)
    if not path.exists():
        return None, {}, ([error(shown, 0, "the file is missing")] if required else [])
    try:
        source = sources.decode(shown, path.read_bytes())
        node = yaml_records.compose(source.text, shown)
        if node is None:
            return None, {}, []
        data = yaml_records.construct(node)
    except SourceError as exc:
        return None, {}, [error(shown, exc.line, exc.message)]
    lines: dict[str, int] = {}
    if isinstance(node, yaml.SequenceNode):  # a list of entries (people.yml, venues.yml): each entry's line
        lines = {str(n): item.start_mark.line + 1 for n, item in enumerate(node.value)}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            lines[str(key.value)] = key.start_mark.line + 1
            if isinstance(value, yaml.SequenceNode):
                for n, item in enumerate(value.value):
                    lines[f"{key.value}.{n}"] = item.start_mark.line + 1
    data, lone = without_surrogates(data)
    if lone:  # "\uD800": half a character, which no page can show
        m = re.search(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}", source.text)
        line = source.text.count("\n", 0, m.start()) + 1 if m else 0
        return data, lines, [warning(shown, line, "a value holds a lone surrogate (an escape such as \\uD800 that is "
                                     "half of a character); it is shown as U+FFFD: write the character itself", SURROGATE)]
    return data, lines, []


# --- the stages together --------------------------------------------------------

class _Clock:
    def __init__(self):
        self.timings: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.timings[stage] = self.timings.get(stage, 0.0) + now - self._last
        self._last = now


def read_papers(settings: Settings, clock: _Clock | None = None,
                cache: Cache | None = None) -> tuple[list, dict[str, str], list[Problem]]:
    """The papers of the sources, merged, with the ids they keep, curated: (papers, formats, problems)."""
    papers, formats, problems, _, _ = read_history(settings, clock, cache)
    return papers, formats, problems


def read_history(settings: Settings, clock: _Clock | None = None, cache: Cache | None = None):
    """``read_papers``, what was published last (``History``: the ledger and the ids kept) and the
    topic renames of data/curation.yml (``topics/<slug>`` entries)."""
    clock = clock or _Clock()
    raw, formats, problems = read_sources(settings, cache)
    clock.lap("read")
    papers, found = records.build_papers(raw)
    problems += found
    ledger, found = load_ledger(settings)
    problems += found
    papers, kept = permalinks.keep_ids(papers, ledger, {r.provenance: r for r in raw} if ledger else None)
    shown = display_path(settings.curation_file, settings.root)
    curation, lines, found = load_yaml(settings.curation_file, settings.root, required=False)
    problems += found
    topic_renames: dict = {}
    if curation is not None and not isinstance(curation, dict):
        problems.append(error(shown, 1, "curation.yml must be a mapping of paper ids to fields"))
    elif curation:
        asked, found = permalinks.split_curation(curation, lines, kept, shown)
        papers, more = records.apply_curation(papers, asked.papers, shown, asked.lines)
        papers, kept, renamed = permalinks.rename(papers, asked.renames, kept, ledger, shown)
        problems += found + more + renamed
        topic_renames = asked.topics
    clock.lap("records")
    return papers, formats, problems, History(ledger, kept), topic_renames


def load_ledger(settings: Settings) -> tuple[Ledger | None, list[Problem]]:
    """The ledger of the last publication (``settings.ledger_file``: published/permalinks.json, which
    the workflows download from the live site, else what the last build here wrote), or None: this
    is a first publication."""
    path = settings.ledger_file
    shown = display_path(path, settings.root)
    try:
        return ledger_module.from_json(path.read_text(encoding="utf-8")), []
    except FileNotFoundError:
        return None, []
    except (OSError, UnicodeDecodeError) as exc:
        return None, [error(shown, 0, f"the ledger of the last publication cannot be read ({exc}); restore it, "
                                      "or delete it to build as a first publication")]
    except ValueError as exc:
        return None, [error(shown, 0, f"the ledger of the last publication is broken: {exc}; restore it (the "
                                      "site's permalinks.json), or delete it to build as a first publication")]


def collect(settings: Settings, clock: _Clock | None = None, cache: Cache | None = None) -> BuildResult:
    """Read and organise the whole collection; write nothing."""
    clock = clock or _Clock()
    papers, formats, problems, history, topic_renames = read_history(settings, clock, cache)
    tax, topic_of, history, found = taxonomy_of(settings, papers, history, topic_renames)
    problems += found
    tag_names: dict[str, str] = {}
    if tax is not None:
        # A rebuild keeps what one edit cannot move far (generator/taxonomy/incremental.py).
        papers, tag_names, found = incremental.assign(cache or NO_CACHE, papers, tax, topic_of)
        problems += found
    clock.lap("taxonomy")
    who, places, found = organise(settings, tuple(papers))
    problems += found
    collection = Collection(tuple(papers), tax, tag_names, people=who, venues=places,  # type: ignore[arg-type]
                            history=history)
    if tax is not None:  # what this build publishes: feed ids take the first slug of a renamed topic from it
        collection = replace(collection, history=replace(history, next=addresses.ledger_after(collection)))
    clock.lap("people and venues")
    return BuildResult(collection, sorted(problems), formats=formats, timings=clock.timings)


def organise(settings: Settings, papers: tuple) -> tuple[People, Venues, list[Problem]]:
    """Who is who and which venue is which, with the maintainer's data/people.yml and data/venues.yml."""
    problems: list[Problem] = []
    loaded = []
    for path in (settings.people_file, settings.venues_file):
        data, lines, found = load_yaml(path, settings.root, required=False)
        problems += found
        loaded.append((data, lines, display_path(path, settings.root)))
    (people_data, people_lines, people_path), (venue_data, venue_lines, venue_path) = loaded
    claims, found = maintained.claims(people_data, people_lines, people_path, {p.id for p in papers})
    problems += found + maintained.unused(claims, papers, people_path, people_lines)
    aliases, found = maintained.aliases(venue_data, venue_lines, venue_path)
    problems += found
    return people.index(papers, claims), venues.index(papers, aliases), problems


def load_taxonomy(settings: Settings, papers: list) -> tuple[Taxonomy | None, dict[str, str] | None, list[Problem]]:
    """The maintained taxonomy of data/topics.yml, or, when there is none, topics
    derived from the collection (with each paper's topic); with the tag rules of
    data/tags.yml (``ignore`` and ``tags``) added either way."""
    tax, topic_of, _, problems = taxonomy_of(settings, papers)
    return tax, topic_of, problems


def taxonomy_of(settings: Settings, papers: list, history: History | None = None,
                renames: dict | None = None) -> tuple[Taxonomy | None, dict[str, str] | None, History, list[Problem]]:
    """``load_taxonomy`` given what was published last (derived topics that stick: ``taxonomy.sticky``)
    and the topic renames of data/curation.yml; and the history with what the next build needs."""
    shown = display_path(settings.topics_file, settings.root)
    history, curation = history or History(), display_path(settings.curation_file, settings.root)
    if not settings.topics_file.exists():
        derived, history, problems = sticky.derive(papers, history, renames or {}, curation)
        n = len(derived.taxonomy.topics) - 1
        tax, topic_of = derived.taxonomy, derived.topic_of
        problems.append(note(shown, f"{n} topics derived from the collection (no {shown}; "
                                    "python -m generator topics suggest drafts one to edit)", "derived topics"))
    else:
        data, lines, problems = load_yaml(settings.topics_file, settings.root, required=True)
        problems += [error(curation, line, f"topics/{slug} renames a derived topic, and the topics are those of "
                                           f"{shown}: give the topic its new slug there (its old address redirects)")
                     for slug, (_, line) in sorted((renames or {}).items())]
        if data is None:
            return None, None, history, problems
        tax, found = taxonomy.parse_taxonomy(data, shown, lines)
        topic_of, problems = None, problems + found
    if tax is not None and settings.tags_file.exists():
        data, lines, found = load_yaml(settings.tags_file, settings.root, required=True)
        tags, ignore, more = taxonomy.parse_tag_rules(data, display_path(settings.tags_file, settings.root), lines)
        problems += found + more
        tax = Taxonomy(tax.topics, tax.tags + tags, tax.ignore + ignore)
    return tax, topic_of, history, problems


def build_report(result: BuildResult) -> dict:
    """``build-report.json``: warnings and merges, for previews and the summary."""
    return {
        "papers": len(result.collection.papers),
        "records": sum(len(p.sources) for p in result.collection.papers),
        "warnings": [
            {"path": p.path, "line": p.line, "kind": p.kind, "message": p.message} for p in result.warnings
        ],
        "merged": [
            {"id": p.id, "sources": [str(s) for s in p.sources]}
            for p in result.collection.papers if len(p.sources) > 1
        ],
        "inferred_titles": [p.id for p in result.collection.papers if p.title_inferred],
    }


# --- skipping a build whose inputs did not change --------------------------------

#: In docs/ (a dotfile: MkDocs ignores it): what the last build was made from.
STAMP = ".paper-atlas-build.json"


def fingerprint(settings: Settings) -> str:
    """A hash of everything a build reads: the generator's version (its code and the Python
    running it: ``cache.version``), sources, taxonomy, curation, templates, settings and the
    ledger of the last publication."""
    return with_ledger(_inputs(settings), _ledger_bytes(settings))


def _ledger_bytes(settings: Settings) -> bytes:
    """The ledger of the last publication, as read: kept ids and topics, old addresses."""
    try:
        return settings.ledger_file.read_bytes()
    except OSError:
        return b""


def _inputs(settings: Settings) -> str:
    """``fingerprint`` but for the ledger."""
    inputs = sources.list_sources([p for p in settings.sources if p.exists()], settings.root)
    inputs += [(f"templates/{p.relative_to(settings.templates_dir).as_posix()}", p)
               for p in sorted(settings.templates_dir.rglob("*")) if p.is_file()]
    inputs += [(display_path(p, settings.root), p) for p in (settings.topics_file, settings.tags_file, settings.curation_file,
                                                             settings.people_file, settings.venues_file) if p.exists()]
    # Feeds date papers by git history: a new commit may change them.
    history = feature_dates.history_key(settings.root)
    h = hashlib.sha256(repr((cache_module.version(), settings.site_name, settings.directory_urls,
                             settings.site_url, history)).encode())
    cache_module.hash_files(h, inputs)
    return h.hexdigest()


def with_ledger(inputs: str, ledger: bytes) -> str:
    """The fingerprint of a build's inputs and the ledger it read (so the stamp can say, after the
    build, what the next build will read: the ledger this one wrote)."""
    return hashlib.sha256(f"{inputs}\0{cache_digest(ledger)}".encode()).hexdigest()


def _tree_signature(settings: Settings) -> str:
    """Names and sizes of the generated files now in docs/ (catches deleted or edited ones)."""
    h = hashlib.sha256()
    docs = str(settings.docs_dir)
    for owned in GENERATED:
        base = os.path.join(docs, owned)
        if not owned.endswith("/"):
            if os.path.isfile(base):
                h.update(f"{owned}\0{os.stat(base).st_size}\0".encode())
            continue
        found = []
        for dirpath, _dirs, names in os.walk(base):
            rel = os.path.relpath(dirpath, docs).replace(os.sep, "/")
            found += [(f"{rel}/{n}", os.stat(os.path.join(dirpath, n)).st_size) for n in names]
        for rel, size in sorted(found):
            h.update(f"{rel}\0{size}\0".encode())
    return h.hexdigest()


def _unchanged(settings: Settings, stamp_path: Path, fp: str) -> BuildResult | None:
    try:
        stamp = json.loads(stamp_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if stamp.get("fingerprint") != fp or stamp.get("tree") != _tree_signature(settings):
        return None
    return BuildResult(None, [], nav=stamp["nav"], unchanged=True,  # type: ignore[arg-type]
                       cached_summary=stamp.get("summary", ""))


def build(settings: Settings, write: bool = True, force: bool = False) -> BuildResult:
    """Generate the Markdown pages and catalog; raise GeneratorError on errors (docs/ is then
    untouched). One build of a checkout at a time (``output.BuildLock``).

    When nothing the build reads has changed since the last one (and docs/
    still holds what it wrote), nothing is redone: ``mkdocs serve`` stays quick.
    """
    if not write:
        return _build(settings, write, force)
    with output.BuildLock(settings.root, "generating docs/", say=log.warning):
        return _build(settings, write, force)


def no_papers(settings: Settings, result: BuildResult) -> list[Problem]:
    """An error when the sources hold no paper and the settings do not allow an empty site:
    a sources folder emptied by a failed checkout must not publish an empty site over the real one."""
    if result.collection.papers or settings.allow_empty:
        return []
    where = ", ".join(display_path(p, settings.root) for p in settings.sources) or "data/sources"
    return [error(where, 0, "the sources hold no papers, so the site would be empty; add records (or, for a site "
                            "that is empty on purpose, pass --allow-empty or set extra: {allow_empty: true} in mkdocs.yml)")]


def _build(settings: Settings, write: bool, force: bool) -> BuildResult:
    stamp_path = settings.docs_dir / STAMP
    inputs = _inputs(settings) if write else ""
    fp = with_ledger(inputs, _ledger_bytes(settings)) if write else ""
    if write and not force and (same := _unchanged(settings, stamp_path, fp)):
        return same
    clock = _Clock()
    # What the last build kept (.cache/): a forced build reads none of it, a build that
    # writes nothing keeps nothing; either way the entries are only a shortcut.
    cache = Cache(settings.root, fresh=force) if write else NO_CACHE
    result = collect(settings, clock, cache)
    result.seen_warnings = _seen_warnings(stamp_path) if write else frozenset()
    errors = [p for p in result.problems if p.is_error] or no_papers(settings, result)
    if errors:
        raise GeneratorError(errors)
    env = pages.environment(settings.templates_dir)
    # The search index needs only the collection: build it beside the pages.
    index = parallel.Deferred(search.build, result.collection, settings.directory_urls, cache)
    # Features built from the same records (related papers, citations, feeds,
    # statistics) add their own files and more context for each paper page.
    # When each paper entered the collection: the feeds' and the home page's latest additions.
    added = features.dates.date_added(result.collection.papers, settings.root)
    feature_files, paper_extra = features.render(result.collection, env, settings, cache, added)
    clock.lap("features")
    salt = (cache_module.templates(env), settings.site_url) if cache.enabled else ()
    result.files = pages.render(result.collection, env, directory_urls=settings.directory_urls,
                                site_name=settings.site_name, paper_extra=paper_extra, cache=cache, salt=salt,
                                added=added, browse=browse.indexes(feature_files),
                                about=(settings.docs_dir / paths.ABOUT).is_file())
    result.files.update(feature_files)
    del feature_files, paper_extra  # what the pages were made from: not held while the search index arrives
    clock.lap("pages")
    result.files.update(index.result(), "the search index")
    clock.lap("search (after pages)")
    result.files.add(paths.BUILD_REPORT, json.dumps(build_report(result), ensure_ascii=False, indent=1) + "\n",
                     "the build report")
    # Every address published before answers; the ledger says what this build publishes.
    ledger = addresses.with_pages(result.collection.history.next, result.files)
    result.files.update(addresses.render(ledger, result.files, env, directory_urls=settings.directory_urls,
                                         site_url=settings.site_url, site_name=settings.site_name))
    if broken := pages.check_links(result.files, settings.docs_dir):
        raise GeneratorError(broken)
    clock.lap("check links")
    result.nav = pages.nav(result.collection)
    if write:
        result.stats = output.write_tree(settings.docs_dir, result.files, GENERATED)
        clock.lap("write")
        # What the next build reads: this build's ledger, or the published one it read, unchanged.
        stamp = {"fingerprint": with_ledger(inputs, _ledger_bytes(settings)), "tree": _tree_signature(settings), "nav": result.nav,
                 "summary": warning_counts(result), "warnings": sorted({str(p) for p in result.warnings})}
        output.write_atomic(stamp_path, json.dumps(stamp, ensure_ascii=False).encode("utf-8"))
    return result


CHECK_HINT = "make check lists them all"


def _seen_warnings(stamp_path: Path) -> frozenset[str]:
    try:
        return frozenset(json.loads(stamp_path.read_text(encoding="utf-8")).get("warnings", ()))
    except (OSError, ValueError, AttributeError):
        return frozenset()


def warning_counts(result: BuildResult) -> str:
    """One line: how many warnings of each kind the data has (empty without warnings)."""
    kinds = Counter(p.kind or "other" for p in result.warnings)
    if not kinds:
        return ""
    n = sum(kinds.values())
    return (f"{n} data warning{'s' if n != 1 else ''} ("
            + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())) + f"); {CHECK_HINT}")


def summary(result: BuildResult, examples: int = 3, timings: bool = True) -> str:
    """A few lines for the terminal: counts, then the warnings that are new since
    the last build, a few of each kind (those already reported are only counted)."""
    if result.unchanged:
        return "\n".join(x for x in ("sources unchanged since the last build: docs/ is up to date",
                                      result.cached_summary) if x)
    c = result.collection
    n_records = sum(len(p.sources) for p in c.papers)
    lines = [f"{counted(len(c.papers), 'paper')} from {counted(n_records, 'record')} in "
             f"{counted(len(result.formats), 'file')}; {counted(len({p.topic for p in c.papers}), 'topic')}, "
             f"{counted(len(c.tag_names), 'tag')}"]
    if result.stats and timings:
        lines.append(f"docs/: {result.stats}")
    if result.timings and timings:
        total = sum(result.timings.values())
        lines.append(f"{total:.2f} s: " + ", ".join(f"{k} {v:.2f}" for k, v in result.timings.items()))
    lines += [p.message for p in result.notes]
    if result.warnings:
        lines.append(warning_counts(result))
    new = [p for p in result.warnings if str(p) not in result.seen_warnings]
    for kind, n in sorted(Counter(p.kind or "other" for p in new).items()):
        lines.append(f"{n} new warning{'s' if n != 1 else ''}: {kind}")
        lines += [f"  {p}" for p in [w for w in new if (w.kind or "other") == kind][:examples]]
        if n > examples:
            lines.append(f"  … and {n - examples} more ({CHECK_HINT})")
    return "\n".join(lines)
