"""Material's stylesheet without the rules for components the built site never shows.

Material ships one stylesheet (``assets/stylesheets/main.*.min.css``, 138 KB)
for every feature it has: admonitions, content tabs, annotations, versions,
tooltips, its own search, and so on. A page cannot paint before it has that
file, so on a phone it is most of the wait (Lighthouse: about half a second of
the first paint on a plain static server). After the build, :func:`purge_site`
removes from the built copy every selector that names a class no page and no
script of the site can produce, then the custom properties nothing uses any
more.

What counts as "can produce" is deliberately generous: a class is kept when
it is in a ``class`` attribute of any built page, or appears as a word in any
script the site serves (Material's bundle names every class it ever adds at
run time, so what its JavaScript creates keeps its style). Selectors without
classes (elements, attributes, ``:root``) are always kept; so are
``@font-face``, ``@keyframes`` and every other at-rule but ``@media`` and
``@supports``, whose insides are purged the same way. Same pages and scripts
give the same bytes.

A sharded build purges once, after the shards are merged (shards.merge): each
shard alone sees only its own pages.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import tinycss2

from generator.runtime import output
from generator.runtime.cache import NO_CACHE

_CLASS_ATTR = re.compile(rb'class="([^"]*)"')
_WORD = re.compile(r"[A-Za-z0-9_-]+")
_VAR_USE = re.compile(r"var\(\s*(--[\w-]+)")
_DECLARED = re.compile(r"[{;](--[\w-]+):")
_VAR_BYTES = re.compile(rb"var\(\s*(--[A-Za-z0-9_-]+)")


def purge_site(site_dir: Path, cache=None) -> tuple[int, int] | None:
    """Purge ``site_dir``'s copy of Material's stylesheet in place; (bytes before, after), or None if absent.

    Always from the theme's own copy when it is installed (a dirty build keeps the copy
    an earlier build purged: the pages it rebuilt may use more classes). ``cache``
    (generator.runtime.cache.Cache) keeps each page's classes for pages not rebuilt since.
    """
    sheets = sorted((site_dir / "assets" / "stylesheets").glob("main.*.min.css"))
    if not sheets:
        return None
    scripts = [p.read_text(encoding="utf-8") for p in sorted((site_dir / "assets").rglob("*.js"))
               if "workers" not in p.parts and "lunr" not in p.parts]
    classes, variables = _page_classes(site_dir, cache)
    used = classes | {w for text in scripts for w in _WORD.findall(text)}
    others = "".join(p.read_text(encoding="utf-8") for p in sorted((site_dir / "assets").rglob("*.css"))
                     if p not in sheets) + "".join(f"var({v})" for v in sorted(variables))
    before = after = 0
    for sheet in sheets:
        original = _theme_sheet(sheet.name)
        css = (original or sheet).read_text(encoding="utf-8")
        lean = purge(css, used, others + "".join(scripts))
        before, after = before + len(css.encode()), after + len(lean.encode())
        if lean != sheet.read_text(encoding="utf-8"):
            output.write_atomic(sheet, lean.encode("utf-8"))
    return before, after


def _theme_sheet(name: str) -> Path | None:
    try:
        import material
    except ImportError:
        return None
    path = Path(material.__file__).parent / "templates" / "assets" / "stylesheets" / name
    return path if path.is_file() else None


def _page_classes(site_dir: Path, cache=None) -> tuple[set[str], set[str]]:
    """Every class in a ``class`` attribute of a built page, and every custom property a page's
    inline style or SVG refers to with ``var(--…)``. With ``cache``, a page whose path, time and
    size are those of the last build is not read again."""
    memo = (cache or NO_CACHE).memo("page-classes")
    found = []
    for dirpath, _dirs, files in os.walk(site_dir):
        for name in files:
            if name.endswith(".html"):
                path = os.path.join(dirpath, name)
                st = os.stat(path)
                key = os.path.relpath(path, site_dir)  # the staging copy a build swaps in has another path
                found.append(memo.get(f"{key}\0{st.st_mtime_ns}\0{st.st_size}", lambda: _read_classes(path)))
    memo.save()
    names = set().union(*(c for c, _ in found))
    variables = set().union(*(v for _, v in found))
    return ({n.decode("utf-8", "replace") for n in names}, {v.decode("ascii") for v in variables})


def _read_classes(path: str) -> tuple[set[bytes], set[bytes]]:
    """The class names and the ``var(--…)`` names in the page at ``path``."""
    with open(path, "rb") as f:
        html = f.read()
    return {n for value in set(_CLASS_ATTR.findall(html)) for n in value.split()}, set(_VAR_BYTES.findall(html))


def purge(css: str, used: set[str], elsewhere: str = "") -> str:
    """``css`` without selectors naming a class outside ``used``, nor custom properties
    that neither what is left nor ``elsewhere`` (other stylesheets, scripts) refers to."""
    kept = _rules(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), used)
    dropped: set[str] = set()
    while True:
        out = "".join(_render(kept, dropped))
        unused = set(_DECLARED.findall(out)) - set(_VAR_USE.findall(out + elsewhere)) - _set_by_script(elsewhere)
        if not unused:
            return out
        dropped |= unused


def _set_by_script(text: str) -> set[str]:
    """Custom properties a script may set or read by name (``style.setProperty("--md-…")``)."""
    return set(re.findall(r"(--md-[\w-]+)", text))


def _rules(rules, used: set[str]) -> list:
    """(selector text, rule) for qualified rules kept, (prelude, [children]) for @media/@supports, (None, rule) else."""
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s for s in _split(rule.prelude) if _possible(s, used)]
            if selectors:
                kept.append((",".join(tinycss2.serialize(s).strip() for s in selectors), rule))
        elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports") and rule.content is not None:
            inner = _rules(tinycss2.parse_stylesheet(rule.content, skip_comments=True, skip_whitespace=True), used)
            if inner:
                kept.append(("@" + rule.at_keyword + tinycss2.serialize(rule.prelude), inner))
        elif rule.type != "error":
            kept.append((None, rule))
    return kept


def _split(prelude) -> list[list]:
    """A selector list's selectors (split at top-level commas)."""
    parts: list[list] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            parts.append([])
        else:
            parts[-1].append(token)
    return parts


def _possible(tokens, used: set[str]) -> bool:
    """Whether an element of the site can match the selector: each ``.name`` it requires is used;
    inside ``:is()``/``:where()``/``:has()`` one of the options is enough, and ``:not()`` asks nothing."""
    tokens = list(tokens)
    for i, token in enumerate(tokens):
        if token.type == "literal" and token.value == "." and i + 1 < len(tokens) and tokens[i + 1].type == "ident":
            if tokens[i + 1].value not in used:
                return False
        elif token.type == "function" and token.lower_name in ("is", "where", "has"):
            if not any(_possible(option, used) for option in _split(token.arguments)):
                return False
    return True


def _render(kept: list, dropped: set[str]) -> list[str]:
    out = []
    for head, rule in kept:
        if isinstance(rule, list):
            inner = "".join(_render(rule, dropped))
            if inner:
                out.append(head + "{" + inner + "}")
        elif head is None:
            out.append(tinycss2.serialize([rule]))
        else:
            body = _declarations(rule.content, dropped)
            if body:
                out.append(head + "{" + body + "}")
    return out


def _declarations(content, dropped: set[str]) -> str:
    parts = []
    for item in tinycss2.parse_blocks_contents(content, skip_comments=True, skip_whitespace=True):
        if item.type == "declaration":
            if item.name.startswith("--") and item.name in dropped:
                continue
            parts.append(f"{item.name}:{tinycss2.serialize(item.value).strip()}" + ("!important" if item.important else ""))
        elif item.type != "error":
            parts.append(tinycss2.serialize([item]))
    return ";".join(parts)
