"""Command line: build, check, import, add, diff. Thin: the work is in the stages."""
from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from generator.config import Settings, default_site_url
from generator.errors import GeneratorError, error
from generator.text.normalise import counted


def _settings(args) -> Settings:
    """The project's settings; with an mkdocs.yml, the same site values the MkDocs hook sees."""
    sources = tuple(Path(p) for p in args.sources) if getattr(args, "sources", None) else None
    root = Path(args.root).resolve()
    site: dict = {}
    if (root / "mkdocs.yml").is_file():
        from mkdocs.config import load_config
        from mkdocs.exceptions import Abort, ConfigurationError

        (root / "docs").mkdir(exist_ok=True)  # MkDocs refuses a missing docs_dir; we are about to fill it
        try:
            config = load_config(str(root / "mkdocs.yml"))
            site = dict(docs_dir=Path(config.docs_dir), site_name=config.site_name,
                        site_url=default_site_url(root, config.site_url), directory_urls=config.use_directory_urls,
                        allow_empty=bool(config.extra.get("allow_empty")) or None)
        except (ConfigurationError, Abort) as exc:
            print(f"mkdocs.yml: warning: {exc}; using the generator's defaults", file=sys.stderr)
    if getattr(args, "allow_empty", False):
        site["allow_empty"] = True
    return Settings.for_project(root, sources=sources, **site)


def _published(settings: Settings, path: str | None) -> None:
    """``--published FILE``: the ledger of the last publication (a site's permalinks.json) goes where
    every build reads it, published/permalinks.json, so the MkDocs builds that follow read it too."""
    if not path:
        return
    from generator.model import ledger
    from generator.runtime.output import write_atomic

    try:
        data = Path(path).read_bytes()
        ledger.from_json(data.decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise GeneratorError([error(path, 0, f"this is no ledger of a publication to build from ({exc}); pass "
                                             "the permalinks.json of the published site")], where="--published") from None
    write_atomic(settings.published_file, data)


def cmd_build(args) -> int:
    from generator import pipeline

    settings = _settings(args)
    _published(settings, args.published)
    result = pipeline.build(settings, force=args.force)
    print(pipeline.summary(result))
    return 0


def _generate(settings: Settings, force: bool) -> tuple[bool, object]:
    """``pipeline.build`` and its summary: (False, the summary), or (True, the arguments of its
    GeneratorError), which comes back from a worker process whole (the exception does not pickle)."""
    from generator import pipeline

    try:
        return False, pipeline.summary(pipeline.build(settings, force=force))
    except GeneratorError as exc:
        return True, (exc.problems, exc.where)


def cmd_site(args) -> int:
    """Generate, then build the site with every core (generator/renderer/build.py): what ``make site`` runs."""
    import time

    from generator.renderer import build, shards
    from generator.runtime import parallel
    from generator.runtime.cache import Cache

    from generator.runtime.output import BuildLock

    start = time.perf_counter()
    settings = _settings(args)
    shard = shards.parse(args.shard) if args.shard else None
    # One build of the checkout at a time: docs/, .cache/, the shards' folders and site/ are shared.
    with BuildLock(settings.root, "python -m generator site", say=lambda m: print(m, file=sys.stderr)):
        _published(settings, args.published)
        # Generation in a worker process: the memory it held (every page, at 100,000 papers
        # gigabytes) is given back before MkDocs starts, and no MkDocs shard inherits it.
        failed, found = parallel.Deferred(_generate, settings, args.force, daemon=False).result()
        if failed:
            raise GeneratorError(*found)
        print(found)
        # After a build of this folder from the same site inputs, only the pages that changed (.cache/).
        site_dir = build.build_site(settings.root / "mkdocs.yml", args.jobs,
                                    Cache(settings.root, fresh=args.force), shard)
    print(f"site built in {site_dir} in {time.perf_counter() - start:.1f} s")
    return 0


def cmd_merge_site(args) -> int:
    from generator.renderer import shards

    shards.merge([Path(d) for d in args.shards], Path(args.site_dir))
    print(f"{len(args.shards)} shards merged into {args.site_dir}")
    return 0


def cmd_check(args) -> int:
    from generator import pipeline

    settings = _settings(args)
    result = pipeline.collect(settings)
    if not any(p.is_error for p in result.problems):
        result.problems += pipeline.no_papers(settings, result)  # what `site` would refuse
    for path, fmt in sorted(result.formats.items()):
        print(f"{path}: read as {fmt}" if fmt else f"{path}: not read")
    for p in result.problems:
        print(p)
    errors = sum(p.is_error for p in result.problems)
    print(f"{counted(len(result.collection.papers), 'paper')}; {counted(errors, 'error')}, "
          f"{counted(len(result.problems) - errors, 'warning')}")
    return 1 if errors else 0


def cmd_import(args) -> int:
    from generator import sources
    from generator.sources import yaml_records

    if args.format:
        try:
            sources.by_name(args.format)
        except sources.UnknownFormat as exc:
            raise GeneratorError([error("--format", 0, exc.message)], where="the arguments") from None
    status = 0
    records = []
    for name in args.files:
        path = Path(name)
        try:
            data = path.read_bytes()
        except OSError as exc:
            print(f"{name}: error: cannot read the file ({exc.strerror})", file=sys.stderr)
            status = 1
            continue
        fmt, result = sources.read_source(name, data, args.format)
        for p in result.problems:
            print(p, file=sys.stderr)
            status = status or int(p.is_error)
        records += result.records
        print(f"{name}: {len(result.records)} records read as {fmt or 'nothing'}", file=sys.stderr)
    text = yaml_records.dump(records)
    if args.output:
        from generator.runtime.output import write_atomic

        write_atomic(Path(args.output), text.encode())
    else:
        sys.stdout.write(text)
    return status


def cmd_add(args) -> int:
    from generator.tools import add

    return add.main(args)


def cmd_topics(args) -> int:
    """topics suggest: a draft data/topics.yml derived from the collection (the topics the build
    publishes: given what was published last, those that stuck, under their published slugs)."""
    from generator import pipeline, taxonomy
    from generator.runtime.output import write_atomic
    from generator.sources import display_path
    from generator.taxonomy import sticky, topic_model

    settings = _settings(args)
    target = Path(args.output) if args.output else settings.topics_file
    if target.exists() and not args.force and str(args.output) != "-":
        print(f"{target}: error: the file exists; pass --force to replace it, or -o another file "
              f"(-o - prints the draft)", file=sys.stderr)
        return 1
    papers, _, problems, history, renames = pipeline.read_history(settings)
    if any(p.is_error for p in problems):
        raise GeneratorError(problems)
    if not papers:
        print("error: the sources hold no papers; add records to data/sources/ first", file=sys.stderr)
        return 1
    derived, _, _ = sticky.derive(papers, history, renames, display_path(settings.curation_file, settings.root))
    tags = taxonomy.suggested_tags(papers, derived)
    text = topic_model.suggest_yaml(derived, tags)
    if str(args.output) == "-":
        sys.stdout.write(text)
        return 0
    write_atomic(target, text.encode("utf-8"))
    n = len(derived.taxonomy.topics) - 1
    print(f"{target}: {n} topics and {len(tags)} tags suggested for {len(papers)} papers; edit it, then build")
    return 0


def cmd_diff(args) -> int:
    from generator.runtime.output import write_atomic
    from generator.tools import catalog_diff

    if args.site_url is not None and not catalog_diff.valid_site_url(args.site_url):
        raise GeneratorError([error("--site-url", 0, f"{args.site_url!r} is not an http(s) URL")], where="the arguments")
    base, head = catalog_diff.load_catalog(args.base), catalog_diff.load_catalog(args.head)
    reports = [catalog_diff.load_report(r) if r else None for r in (args.base_report, args.head_report)]
    markdown = catalog_diff.to_markdown(catalog_diff.diff_catalogs(base, head, *reports), site_url=args.site_url)
    from generator.tools.completeness import (
        section,  # what the new records lack, in the same comment
    )

    lacking = section(base, head, args.site_url, check_arxiv=args.check_arxiv)
    markdown += ("\n" + lacking) if lacking else ""
    if args.output:
        try:
            write_atomic(Path(args.output), markdown.encode("utf-8"))
        except OSError as exc:
            raise GeneratorError([error(args.output, 0, f"cannot write the file ({exc.strerror or exc})")],
                                 where="the output") from None
    else:
        sys.stdout.write(markdown)
    return 0


PUBLISHED_HELP = ("the permalinks.json of the last publication (the live site's): ids, topics and old addresses "
                  "are kept from it (copied to published/permalinks.json, which every later build reads; "
                  "without it, a build reads docs/permalinks.json, which the last build here wrote)")


def _source_commands(sub) -> None:
    b = sub.add_parser("build", help="generate the Markdown pages and papers.json under docs/")
    b.add_argument("sources", nargs="*", help="source files or folders (default: data/sources)")
    b.add_argument("--force", action="store_true", help="regenerate even if no input changed since the last build")
    b.add_argument("--allow-empty", action="store_true", help="build even when the sources hold no papers")
    b.add_argument("--published", metavar="FILE", help=PUBLISHED_HELP)
    s = sub.add_parser("site", help="generate, then build the site (mkdocs build --strict) with every core")
    s.add_argument("--jobs", type=int, help="MkDocs processes (default: $PAPER_ATLAS_WORKERS, else the cores)")
    s.add_argument("--force", action="store_true", help="generate and build every page, whatever the last build kept")
    s.add_argument("--allow-empty", action="store_true", help="publish a site even when the sources hold no papers")
    s.add_argument("--published", metavar="FILE", help=PUBLISHED_HELP)
    s.add_argument("--shard", metavar="K/N", help="build only shard K of N (0 <= K < N) into the site folder, for "
                   "merge-site to join: one runner per shard")
    m = sub.add_parser("merge-site", help="merge sites built as shards (generator site --shard K/N) into one")
    m.add_argument("shards", nargs="+", help="the shards' site folders, shard 0 first")
    m.add_argument("--site-dir", default="site", help="the merged site (replaced; default: site)")
    c = sub.add_parser("check", help="validate the sources; exit 1 if there are errors")
    c.add_argument("sources", nargs="*", help="source files or folders (default: data/sources)")
    c.add_argument("--allow-empty", action="store_true", help="sources without papers are no error")
    i = sub.add_parser("import", help="read files in any known format and print them as YAML records")
    i.add_argument("files", nargs="+")
    i.add_argument("--format", help="skip detection and read as this format")
    i.add_argument("-o", "--output", help="write the YAML here instead of standard output")


def _add_command(sub) -> None:
    a = sub.add_parser("add", help="add papers by arXiv id, DOI or Semantic Scholar id (fetches their metadata)")
    a.add_argument("ids", nargs="+", metavar="ID",
                   help="1505.04597, arXiv:1505.04597v2, an arxiv.org/abs or /pdf link, a DOI or doi.org link, "
                        "a Semantic Scholar paper id or link")
    a.add_argument("--to", help="the YAML file under data/sources/ to append to (default: data/sources/papers.yml)")
    a.add_argument("--contact", help="an e-mail address the services may write to (default: $PAPER_ATLAS_CONTACT, "
                                     "else extra.contact in mkdocs.yml)")
    a.add_argument("--dry-run", action="store_true", help="print the records instead of writing them")


def _diff_command(sub) -> None:
    d = sub.add_parser("diff", help="summarise in Markdown what HEAD changes in the paper collection compared with BASE")
    d.add_argument("base", metavar="BASE", help="papers.json of the base build")
    d.add_argument("head", metavar="HEAD", help="papers.json of the head build")
    d.add_argument("--base-report", metavar="F", help="build-report.json of the base build")
    d.add_argument("--head-report", metavar="F", help="build-report.json of the head build")
    d.add_argument("--site-url", metavar="URL", help="URL the head site is served at; added and changed papers link under it")
    d.add_argument("--output", metavar="F", help="write the Markdown to F instead of standard output")
    d.add_argument("--check-arxiv", action="store_true",
                   help="ask the arXiv API whether new papers' arXiv ids carry their titles")


def _topics_command(sub) -> None:
    t = sub.add_parser("topics", help="topics derived from the collection")
    t_sub = t.add_subparsers(dest="action", required=True)
    s = t_sub.add_parser("suggest", help="write a draft data/topics.yml (names, descriptions, match terms) to edit")
    s.add_argument("-o", "--output", help="write here instead of data/topics.yml ('-': standard output)")
    s.add_argument("--force", action="store_true", help="replace an existing file")


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m generator", description="Paper Atlas site generator")
    top.add_argument("--root", default=".", help="project folder (default: the current one)")
    sub = top.add_subparsers(dest="command", required=True)
    _source_commands(sub)
    _add_command(sub)
    sub.add_parser("preview-data", help="check a fork's preview request (see: preview-data --help)")
    _diff_command(sub)
    _topics_command(sub)
    return top


COMMANDS = {"build": cmd_build, "site": cmd_site, "merge-site": cmd_merge_site, "check": cmd_check,
            "import": cmd_import, "add": cmd_add, "diff": cmd_diff, "topics": cmd_topics}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["preview-data"]:
        from generator.tools import fork_preview

        return fork_preview.main(argv[1:])
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        return COMMANDS[args.command](args)
    except GeneratorError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    except BrokenPipeError:  # `python -m generator check | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
