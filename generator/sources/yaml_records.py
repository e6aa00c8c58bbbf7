"""YAML records: the project's own format, for papers added by hand.

A file holds a list of mappings (or one mapping). ``title`` or ``abstract`` is
required; ``authors`` and ``tags`` are lists; ``published`` is a date.
Aliases are limited, so an alias bomb is refused instead of exhausting memory.
libyaml parses where it is installed; PyYAML's own reader, scanner and parser
give every error message.
"""
from __future__ import annotations

import datetime as _dt
import re

import yaml

from generator.errors import SourceError, error, warning
from generator.model.papers import ENTRY_TYPES, NO_PUBLICATION, PUBLICATION_FIELDS, Provenance, Publication, RawRecord
from generator.sources.format import Format, ReadResult, SourceFile
from generator.text import dates
from generator.text.latex import decode_commands

TEXT_FIELDS = ("title", "abstract", "arxiv", "doi", "url", "pdf", "code", "venue", "topic", "added", "citation_key", "s2")
LIST_FIELDS = ("authors", "tags")
LATEX_FIELDS = ("title", "abstract", "venue")
DATE_FIELDS = ("published", "added")
#: The citation fields (``Publication``: type, journal, booktitle, editors, publisher, …), by their
#: BibTeX names; ``editors`` is a list, the rest text (names and titles LaTeX-decoded as above).
PUBLICATION_TEXT = tuple(f for f in PUBLICATION_FIELDS if f != "editors")
FIELDS = ("title", "abstract", "authors", "published", "arxiv", "doi", "url", "pdf", "code",
          "venue", "tags", "topic", "added", "citation_key", "s2", *PUBLICATION_FIELDS)
MAX_ALIASES = 64


class _Counting:
    """Composer mixin that counts aliases, refusing documents that use too many."""

    _aliases = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                mark = self.peek_event().start_mark
                raise SourceError(
                    f"the file uses more than {MAX_ALIASES} YAML aliases (*name); write the values out",
                    mark.line + 1,
                )
        return super().compose_node(parent, index)


#: YAML's implicit types but timestamps: ``published: 2024-02-30`` is text that ``records`` checks
#: as every format's dates are (text.dates), not a value PyYAML refuses for the whole record.
NO_TIMESTAMPS = {first: [(tag, regexp) for tag, regexp in found if tag != "tag:yaml.org,2002:timestamp"]
                 for first, found in yaml.resolver.Resolver.yaml_implicit_resolvers.items()}


class _Loader(_Counting, yaml.SafeLoader):
    """The pure-Python SafeLoader, alias-counting: its messages are the ones users see."""

    yaml_implicit_resolvers = NO_TIMESTAMPS


try:
    from yaml._yaml import CParser
except ImportError:  # PyYAML built without libyaml
    CParser = None

if CParser is not None:
    class _FastLoader(_Counting, yaml.composer.Composer, CParser, yaml.constructor.SafeConstructor,
                      yaml.resolver.Resolver):
        """libyaml's parser (C, about 13 x faster) under PyYAML's own Python composer: the
        same nodes, marks and alias limit, and deep nesting still ends in a RecursionError
        rather than overflowing libyaml's C composer."""

        yaml_implicit_resolvers = NO_TIMESTAMPS

        def __init__(self, stream):
            CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)


def _fast_compose(text: str) -> tuple[bool, yaml.Node | None]:
    """(True, root node) from libyaml where it is installed and the text is one it reads
    as PyYAML would; (False, None) to leave the text (and every error) to PyYAML."""
    if CParser is None or yaml.reader.Reader.NON_PRINTABLE.search(text):
        return False, None
    loader = _FastLoader(text)
    try:
        return True, loader.get_single_node()
    except yaml.YAMLError:  # PyYAML reads it again, for its wording and lines
        return False, None
    finally:
        loader.dispose()


def compose(text: str, path: str) -> yaml.Node | None:
    done, node = _fast_compose(text)
    if done:
        return node
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, anywhere in the file
        raise SourceError(f"the file holds a control character (U+{exc.character:04X}) that YAML does not "
                          "allow; delete it", text.count("\n", 0, exc.position) + 1) from None
    try:
        return loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        message, line = plain_syntax_error(exc)
        raise SourceError(message, line) from None
    except yaml.YAMLError as exc:
        raise SourceError(f"YAML error: {exc}") from None
    finally:
        loader.dispose()


#: PyYAML's wording of a syntax error → what it means for a record file, in plain words.
#: Matched against "context | problem"; the first match wins.
_PLAIN = (
    (r"mapping values are not allowed", "a value holds ': ' (a colon and a space), or a line is indented "
     "further than the one before; put the value in quotes, e.g. title: \"U-Net: …\""),
    (r"found character '\\t'", "a tab character; YAML indents with spaces only"),
    (r"quoted scalar.*(end of stream|found unexpected)", "a quote opened on this line is never closed"),
    (r"flow sequence.*expected ',' or '\]'", "a list in [brackets] is not closed with ], or an item holds "
     "': ' or ','; close the list, or quote the item"),
    (r"flow mapping.*expected ',' or '}'", "a mapping in {braces} is not closed with }, or a value holds "
     "': ' or ','; close it, or quote the value"),
    (r"simple key.*could not find expected ':'", "a line is not 'field: value' (is the ':' missing, or should "
     "the line be indented to continue the value above?)"),
    (r"block mapping.*but found '<scalar>'", "text follows a quoted value on the same line; quote the whole "
     "value, e.g. title: '\"A\" B'"),
    (r"but found '<block (mapping|sequence) start>'|did not find expected (key|'-')",
     "this line is indented differently from the lines of the record above it; line up the fields of a "
     "record under each other and start each record with '- ' at the same column"),
    (r"found undefined alias", "a *name refers to no &name anchor; write the value out"),
)


def plain_syntax_error(exc: yaml.MarkedYAMLError) -> tuple[str, int]:
    """(a sentence saying what is wrong, the line to look at)."""
    # An unclosed quote or bracket, or a line without its ':', is reported where it
    # begins; a line indented wrong, where PyYAML noticed it.
    begins = re.match(r"while (parsing a flow|scanning)", exc.context or "")
    mark = (exc.context_mark if begins else None) or exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 0
    said = f"{exc.context or ''} | {exc.problem or ''}"
    what = next((plain for pattern, plain in _PLAIN if re.search(pattern, said)), None)
    if what is None:  # a case the table does not know: PyYAML's words, marked as such
        what = f"the YAML cannot be read here (the parser says: {exc.problem or exc.context})"
    if exc.problem_mark and mark and exc.problem_mark.line != mark.line:
        what += f" (noticed at line {exc.problem_mark.line + 1})"
    return f"YAML syntax error: {what}", line


def duplicate_keys(node: yaml.MappingNode, path: str) -> list:
    """An error for each field written twice in one record (YAML would keep the last silently)."""
    seen: dict[str, int] = {}
    problems = []
    for key, _ in node.value:
        if not isinstance(key, yaml.ScalarNode):
            continue
        line = key.start_mark.line + 1
        if key.value in seen:
            problems.append(error(path, line, f"'{key.value}' is given twice in one record, at lines "
                                  f"{seen[key.value]} and {line}; keep one"))
        else:
            seen[key.value] = line
    return problems


def construct(node: yaml.Node):
    loader = _Loader("")
    try:
        return loader.construct_object(node, deep=True)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or node.start_mark
        raise SourceError(f"YAML error: {getattr(exc, 'problem', None) or exc}", mark.line + 1) from None
    except (ValueError, OverflowError) as exc:  # a timestamp that is no date: 2024-13-01
        raise SourceError(f"a date that does not exist ({exc}); fix it, or quote it if it is not a date",
                          node.start_mark.line + 1) from None
    finally:
        loader.dispose()


def _as_text(value, name: str, path: str, line: int, problems) -> str | None:
    if value is None:
        return None
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value)
    problems.append(error(path, line, f"'{name}' must be text, not {type(value).__name__}"))
    return None


def _as_list(value, name: str, path: str, line: int, problems) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
        return tuple(str(v) for v in value)
    problems.append(error(path, line, f"'{name}' must be a list of text, e.g. {name}: [a, b]"))
    return ()


def record_from_mapping(data: dict, path: str, line: int, fmt: str, problems: list) -> RawRecord | None:
    unknown = sorted(str(k) for k in data if k not in FIELDS)
    if unknown:
        problems.append(warning(
            path, line,
            f"unknown field(s) {', '.join(unknown)} ignored; the fields are {', '.join(FIELDS)}",
            "unknown-field",
        ))
    values = {}
    for name in TEXT_FIELDS + ("published",):
        values[name] = _as_text(data.get(name), name, path, line, problems)
    for name in LIST_FIELDS:
        values[name] = _as_list(data.get(name), name, path, line, problems)
    # YAML text is not LaTeX: only what is unambiguously LaTeX is decoded (latex.decode_commands:
    # \\textit{…}, {\\"o}, \\%); {{ braces }}, ~, -- and $…$ math stay as written.
    for name in LATEX_FIELDS:
        values[name] = decode_commands(values[name])
    values["authors"] = tuple(a for a in map(decode_commands, values["authors"]) if a)
    for name in DATE_FIELDS:  # read as in every format; records checks them (text.dates) and warns
        values[name] = dates.as_read(values[name])
    return RawRecord(Provenance(path, line, fmt), **values, publication=_publication(data, path, line, problems))


def _publication(data: dict, path: str, line: int, problems: list) -> Publication:
    if not any(data.get(name) for name in PUBLICATION_FIELDS):
        return NO_PUBLICATION
    values = {name: decode_commands(_as_text(data.get(name), name, path, line, problems)) for name in PUBLICATION_TEXT}
    kind = (values.pop("type") or "").strip().lower() or None
    if kind and kind not in ENTRY_TYPES:
        problems.append(error(path, line, f"'type' is {kind!r}; the types are {', '.join(ENTRY_TYPES)}"))
        kind = None
    editors = tuple(a for a in map(decode_commands, _as_list(data.get("editors"), "editors", path, line, problems)) if a)
    return Publication(kind, editors=editors, **values)


def sniff(source: SourceFile) -> float:
    head = source.head()
    if source.extension in (".yml", ".yaml"):
        return 0.9
    if head.startswith(("- title:", "- abstract:", "title:", "abstract:", "---\n- ")):
        return 0.8
    return 0.0


def read(source: SourceFile) -> ReadResult:
    result = ReadResult()
    root = compose(source.text, source.path)
    if root is None:
        return result
    items = root.value if isinstance(root, yaml.SequenceNode) else [root]
    for node in items:
        line = node.start_mark.line + 1
        if not isinstance(node, yaml.MappingNode):
            result.problems.append(error(source.path, line, "a record must be a mapping with at least 'title' or 'abstract'"))
            continue
        twice = duplicate_keys(node, source.path)
        if twice:  # which of the two values is meant? The record is not used until one is deleted.
            result.problems += twice
            continue
        try:
            data = construct(node)
        except SourceError as exc:  # one bad record: the file's other records still count
            result.problems.append(error(source.path, exc.line or line, exc.message))
            continue
        record = record_from_mapping(data, source.path, line, FORMAT.name, result.problems)
        if record is not None:
            result.records.append(record)
    return result


FORMAT = Format(
    name="yaml",
    empty="the file holds no records",
    description="YAML records, the project's own format (a list of mappings)",
    extensions=(".yml", ".yaml"),
    sniff=sniff,
    read=read,
    example='- {title: "U-Net: …", abstract: "There is large consent …", authors: [Olaf Ronneberger], arxiv: "1505.04597"}',
)


def fields_of(record: RawRecord) -> dict[str, object]:
    """The record's fields in this format's names and order, those that hold something (lists as tuples)."""
    out: dict[str, object] = {}
    for name in FIELDS:
        value = getattr(record.publication if name in PUBLICATION_FIELDS else record, name)
        if value:
            out[name] = value
    return out


def dump(records: list[RawRecord]) -> str:
    """Records as YAML in the project's record format (for ``generator import``)."""
    items = []
    for r in records:
        items.append({k: list(v) if isinstance(v, tuple) else v for k, v in fields_of(r).items()})
    return yaml.safe_dump(items, allow_unicode=True, sort_keys=False, width=100)
