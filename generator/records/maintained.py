"""The maintainer's files on people and venues, read and checked like every source.

``data/people.yml``: a list of persons, each::

    - name: David M. Dormagen          # the name pages show; also a spelling of theirs
      orcid: 0000-0002-1825-0097       # optional: every paper with this iD is theirs
      ids: [s2:1741101]                # optional: other persistent ids
      spellings: [David Dormagen]      # other spellings that are this person
      papers: [a-paper-id]             # optional: the spellings are theirs on these papers only
      not: [D. Dormagen]               # optional: spellings that are never this person

``data/venues.yml``: a list of venues, each::

    - name: Physical Review A          # the name pages show
      aliases: [Phys. Rev. A, PRA]     # spellings that are this venue (years, places aside)
      not: [Phys. Rev.]                # optional: spellings that are never this venue

Problems name the file and the entry's line (docs/guide/people-and-venues.md).
"""
from __future__ import annotations

from collections.abc import Mapping

from generator.errors import Problem, error, warning
from generator.model.papers import Paper
from generator.records.people import Claim
from generator.records.venues import Alias
from generator.text import identifiers
from generator.text import names as name_text

PERSON_FIELDS = ("name", "orcid", "ids", "spellings", "papers", "not")
VENUE_FIELDS = ("name", "aliases", "not")


def _entries(data: object, path: str, lines: Mapping[str, int], fields: tuple[str, ...],
             problems: list[Problem]) -> list[tuple[int, int, dict]]:
    """(number, line, entry) of each well-formed entry; the others reported."""
    if data is None:
        return []
    if not isinstance(data, list):
        problems.append(error(path, 1, f"{path} must be a list of entries, each with a name (- name: …)"))
        return []
    out = []
    for n, entry in enumerate(data):
        line = lines.get(str(n), 0)
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
            problems.append(error(path, line, "each entry needs a name: (- name: …)"))
            continue
        unknown = sorted(str(k) for k in entry if k not in fields)
        if unknown:
            problems.append(error(path, line, f"unknown field(s) {', '.join(unknown)} for {entry['name']!r}; "
                                  f"the fields are {', '.join(fields)}"))
            continue
        texts = {k: entry.get(k) or [] for k in fields if k not in ("name", "orcid")}
        bad = [k for k, v in texts.items() if not isinstance(v, list) or not all(isinstance(x, str) for x in v)]
        if bad:
            problems.append(error(path, line, f"{', '.join(bad)} of {entry['name']!r} must be a list of texts"))
            continue
        out.append((n, line, entry))
    return out


def claims(data: object, lines: Mapping[str, int], path: str,
           paper_ids: set[str]) -> tuple[tuple[Claim, ...], list[Problem]]:
    """The persons of ``data/people.yml`` (module docstring), checked: ids that are ids, papers
    that exist, no spelling given to two persons on one paper."""
    problems: list[Problem] = []
    out = []
    for n, line, entry in _entries(data, path, lines, PERSON_FIELDS, problems):
        name = entry["name"].strip()
        ids, wrong = _person_ids(entry)
        unknown = [p for p in entry.get("papers") or [] if p not in paper_ids]
        if wrong:
            problems.append(error(path, line, f"{', '.join(map(repr, wrong))} of {name!r} is no ORCID iD or author id "
                                  "(an ORCID iD is 0000-0000-0000-0000 with a right check digit; other ids are "
                                  f"written kind:value, the kinds being {', '.join(identifiers.AUTHOR_ID_KINDS)})"))
        if unknown:
            problems.append(error(path, line, f"{name!r} names unknown paper id(s) {', '.join(unknown)}; "
                                  "ids are the file names under docs/papers/"))
        if wrong or unknown:
            continue
        out.append(Claim(n, name, tuple(s.strip() for s in entry.get("spellings") or []), ids,
                         frozenset(entry.get("papers") or ()), tuple(entry.get("not") or ())))
    problems += _overlaps(out, path, lines)
    return tuple(out), problems


def _person_ids(entry: dict) -> tuple[tuple[str, ...], list[str]]:
    ids, wrong = [], []
    if entry.get("orcid") is not None:
        found = identifiers.author_id("orcid", entry["orcid"])
        ids.append(found) if found else wrong.append(str(entry["orcid"]))
    for value in entry.get("ids") or []:
        kind, _, rest = value.partition(":")
        found = identifiers.author_id(kind.strip().lower(), rest)
        ids.append(found) if found else wrong.append(value)
    return tuple(ids), wrong


def _overlaps(found: list[Claim], path: str, lines: Mapping[str, int]) -> list[Problem]:
    """A spelling two entries give on one paper (or both on every paper), or one ORCID iD in two entries."""
    problems = []
    seen: dict[tuple, Claim] = {}
    for c in found:
        for s in dict.fromkeys((c.name, *c.spellings)):
            key = name_text.parse(s).same
            other = seen.get(key)
            if other and other.entry != c.entry and (not other.papers or not c.papers or other.papers & c.papers):
                problems.append(error(path, lines.get(str(c.entry), 0), f"{s!r} is given to {other.name!r} (line "
                                      f"{lines.get(str(other.entry), 0)}) too, on the same papers; give each "
                                      "person the papers that are theirs (papers: [...])"))
            seen.setdefault(key, c)
        for i in c.ids:
            twice = [o for o in found if o.entry < c.entry and i in o.ids]
            if twice:
                problems.append(error(path, lines.get(str(c.entry), 0), f"{i} is {twice[0].name!r}'s (line "
                                      f"{lines.get(str(twice[0].entry), 0)}) too; one id is one person"))
    return problems


def unused(found: tuple[Claim, ...], papers: tuple[Paper, ...], path: str, lines: Mapping[str, int]) -> list[Problem]:
    """A warning for each entry that names nobody in the collection (a misspelt name, an old iD)."""
    spelled: dict[tuple, set[str]] = {}
    for p in papers:
        for a in p.authors:
            spelled.setdefault(name_text.parse(a).same, set()).add(p.id)
    ids = {i for p in papers for _, i in p.author_ids}
    problems = []
    for c in found:
        on = set().union(*(spelled.get(name_text.parse(s).same, set()) for s in (c.name, *c.spellings)))
        if not (on & c.papers if c.papers else on) and not ids & set(c.ids):
            problems.append(warning(path, lines.get(str(c.entry), 0), f"no paper has an author {c.name!r} "
                                    f"({', '.join(c.spellings) or 'no other spellings'}) or their ids; check the "
                                    "spelling, or remove the entry", "people"))
    return problems


def aliases(data: object, lines: Mapping[str, int], path: str) -> tuple[tuple[Alias, ...], list[Problem]]:
    """The venues of ``data/venues.yml`` (module docstring)."""
    problems: list[Problem] = []
    out = [Alias(n, entry["name"].strip(), tuple(s.strip() for s in entry.get("aliases") or []),
                 tuple(s.strip() for s in entry.get("not") or []), lines.get(str(n), 0))
           for n, line, entry in _entries(data, path, lines, VENUE_FIELDS, problems)]
    return tuple(out), problems
