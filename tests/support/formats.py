"""Records written in each of the ten source formats, for tables of "this source text shows as
exactly this" (tests/unit/sources/test_equivalence.py, tests/sites/test_equivalence.py).

Each :class:`Row` is a piece of text as an author writes it, what a page must show of it in a
format that is not LaTeX (every format but BibTeX) and what it must show in BibTeX. :func:`write`
puts rows into one file of a format, escaping only what the format's own syntax needs (JSON
strings, XML entities, CSV quotes, YAML scalars): the text inside is the author's.
"""
from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from dataclasses import dataclass
from xml.sax.saxutils import escape

import yaml

FORMATS = ("yaml", "listing", "miniconf", "arxiv_atom", "bibtex", "zotero_json", "semantic_scholar", "hf_daily",
           "acl_xml", "crossref")
#: The file each format is written to (its usual extension).
FILE_NAMES = {"yaml": "rows.yml", "listing": "rows.txt", "miniconf": "rows.csv", "arxiv_atom": "rows.atom",
              "bibtex": "rows.bib", "zotero_json": "csl.json", "semantic_scholar": "s2.json", "hf_daily": "hf.json",
              "acl_xml": "acl.xml", "crossref": "crossref.json"}


@dataclass(frozen=True)
class Row:
    """``written`` in a title and an abstract; ``shown`` outside BibTeX; ``bibtex`` in BibTeX
    (None: the same as ``shown``; "" : the text cannot be a BibTeX field as it is, not written)."""

    name: str
    written: str
    shown: str
    bibtex: str | None = None

    def expected(self, fmt: str) -> str | None:
        if fmt != "bibtex":
            return self.shown
        return self.shown if self.bibtex is None else (self.bibtex or None)


@dataclass(frozen=True)
class Entry:
    """One record: its title and abstract as written, and as a page must show them."""

    fmt: str
    n: int
    title: str
    abstract: str
    shown_title: str
    shown_abstract: str

    @property
    def marker(self) -> str:
        """A sentence that only this record's abstract holds (and no rule changes)."""
        return f"Record {self.fmt} {self.n} ends here."


def entries(fmt: str, rows: list[Row], start: int = 0) -> list[Entry]:
    """A record per row: the row's text in the title (``<fmt> <n>:`` before it, so no two records
    are one paper) and in the abstract, with two sentences after it (a listing tells abstracts by them)."""
    out = []
    for n, row in enumerate(rows, start=start):
        shown = row.expected(fmt)
        if shown is None:
            continue
        written = row.written if fmt != "listing" else " ".join(row.written.split())
        head = f"{fmt} {n}: "
        tail = f" Record {fmt} {n} ends here. The abstract goes on for a while, as abstracts do."
        out.append(Entry(fmt, n, head + written, written + tail, head + shown, shown + tail))
    return out


def write(fmt: str, records: list[Entry]) -> str:
    """The text of one file of ``fmt`` holding ``records``."""
    return _WRITERS[fmt](records)


def _yaml(records: list[Entry]) -> str:
    items = [{"title": r.title, "abstract": r.abstract, "authors": ["Ada Lovelace"]} for r in records]
    return yaml.safe_dump(items, allow_unicode=True, width=10**6, sort_keys=False)


def _listing(records: list[Entry]) -> str:
    return "".join(f"{r.title}\n\n{r.abstract}\n\n" for r in records)


def _miniconf(records: list[Entry]) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["UID", "title", "authors", "abstract", "keywords", "sessions"])
    for r in records:
        w.writerow([f"uid{r.n}", r.title, "Ada Lovelace", r.abstract, "", ""])
    return out.getvalue()


def _atom(records: list[Entry]) -> str:
    entries_ = "".join(
        f"<entry><id>http://arxiv.org/abs/2101.{10000 + r.n:05d}v1</id><published>2021-01-01T00:00:00Z</published>"
        f"<title>{escape(r.title)}</title><summary>{escape(r.abstract)}</summary>"
        f"<author><name>Ada Lovelace</name></author></entry>\n" for r in records)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n{entries_}</feed>\n'


def _bibtex(records: list[Entry]) -> str:
    return "".join(f"@article{{key{r.n},\n  title = {{{r.title}}},\n  abstract = {{{r.abstract}}},\n"
                   f"  author = {{Lovelace, Ada}},\n  year = {{2021}}\n}}\n\n" for r in records)


def _csl(records: list[Entry]) -> str:
    items = [{"id": f"k{r.n}", "type": "article-journal", "title": r.title, "abstract": r.abstract,
              "author": [{"family": "Lovelace", "given": "Ada"}], "issued": {"date-parts": [[2021]]}} for r in records]
    return json.dumps(items, ensure_ascii=False, indent=1) + "\n"


def _s2(records: list[Entry]) -> str:
    data = [{"paperId": f"p{r.n:04d}", "title": r.title, "abstract": r.abstract, "authors": [{"name": "Ada Lovelace"}],
             "year": 2021} for r in records]
    return json.dumps({"data": data}, ensure_ascii=False, indent=1) + "\n"


def _hf(records: list[Entry]) -> str:
    items = [{"paper": {"id": f"2102.{10000 + r.n:05d}", "title": r.title, "summary": r.abstract,
                        "authors": [{"name": "Ada Lovelace"}], "publishedAt": "2021-02-01T00:00:00.000Z"},
              "title": r.title, "submittedOnDailyAt": "2021-02-02T00:00:00.000Z"} for r in records]
    return json.dumps(items, ensure_ascii=False, indent=1) + "\n"


def _acl(records: list[Entry]) -> str:
    papers = "".join(f'<paper id="{r.n + 1}"><title>{escape(r.title)}</title><author><first>Ada</first>'
                     f"<last>Lovelace</last></author><abstract>{escape(r.abstract)}</abstract></paper>\n"
                     for r in records)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<collection id="2021.rows"><volume id="main"><meta>'
            f"<booktitle>Proceedings of Rows</booktitle><year>2021</year></meta>\n{papers}</volume></collection>\n")


def _crossref(records: list[Entry]) -> str:
    items = [{"DOI": f"10.5555/rows.{r.n}", "title": [r.title], "abstract": f"<jats:p>{escape(r.abstract)}</jats:p>",
              "author": [{"given": "Ada", "family": "Lovelace"}], "issued": {"date-parts": [[2021]]}} for r in records]
    return json.dumps({"status": "ok", "message-type": "work-list", "message": {"items": items}},
                      ensure_ascii=False, indent=1) + "\n"


_WRITERS = {"yaml": _yaml, "listing": _listing, "miniconf": _miniconf, "arxiv_atom": _atom, "bibtex": _bibtex,
            "zotero_json": _csl, "semantic_scholar": _s2, "hf_daily": _hf, "acl_xml": _acl, "crossref": _crossref}


#: The issue's cases and the LaTeX rule, row by row: outside BibTeX only unambiguous LaTeX is
#: decoded; in BibTeX, braces, ~, dashes and quotes are syntax.
EQUIVALENCE = [
    Row("template", "Template {{ 7*7 }} and {% raw %} Injection in Static Sites",
        "Template {{ 7*7 }} and {% raw %} Injection in Static Sites", "Template 7*7 and % raw % Injection in Static Sites"),
    Row("tilde", "H~2~O and Fig.~3", "H~2~O and Fig.~3", "H 2 O and Fig. 3"),
    Row("dashes", "pages 1--2, a --- b", "pages 1--2, a --- b", "pages 1–2, a — b"),
    Row("backslash", r"\\ backslash \emph{latex}", r"\\ backslash latex", "backslash latex"),
    Row("exponent", "(e^{-c m})", "(e^{-c m})", "(e^-c m)"),
    Row("escapes", r"92\% \& a\_b \#1", "92% & a_b #1"),
    Row("formatting", r"\emph{Deep} \textit{nets} \textbf{now} \texttt{x}", "Deep nets now x"),
    Row("accents", r"R\'{e}nyi M\"uller G{\"o}del \v{S}koda {\ss}", "Rényi Müller Gödel Škoda ß"),
    Row("url", r"\url{https://example.org/a_b~c} and \href{https://example.org}{the site}",
        "https://example.org/a_b~c and the site"),
    Row("math", r"$\mathcal{O}(n \log n)$ and $e^{-c m}$ and \(x_1\)", r"$\mathcal{O}(n \log n)$ and $e^{-c m}$ and \(x_1\)"),
    Row("braces", "{BERT} and {{Case}} stay", "{BERT} and {{Case}} stay", "BERT and Case stay"),
    Row("quotes", "``quoted'' and 'single'", "``quoted'' and 'single'", "“quoted” and 'single'"),
    Row("percent", "50% of ~5 cases", "50% of ~5 cases"),
    Row("path", r"..\..\etc\passwd and C:\temp\new", r"..\..\etc\passwd and C:\temp\new", ""),
    Row("pattern", r"a\.com, \d+ and it\'s", r"a\.com, \d+ and it\'s", ""),
    Row("unknown", r"\mtimes n and \foo{bar}", r"\mtimes n and \foo{bar}"),
    Row("unbalanced", "{unbalanced and stray}", "{unbalanced and stray}", ""),
]

#: Characters BibTeX or LaTeX give a meaning to: a row holding one is checked outside BibTeX only
#: (BibTeX tricks of its own are rows of :data:`EQUIVALENCE` and of the BibTeX rows below).
_LATEX_SYNTAX = re.compile(r"[{}\\~$%&#_^`]|--|''")


def hostile(name: str, text: str, bibtex: str | None = None) -> Row:
    """A hostile payload: shown exactly as written (Unicode NFC, whitespace runs as one space) in
    every format; in BibTeX too where it holds no LaTeX syntax or ``bibtex`` is "=", else as
    ``bibtex`` says (not written in BibTeX where it says nothing)."""
    shown = " ".join(unicodedata.normalize("NFC", text).split())
    if bibtex == "=":
        bibtex = None
    elif bibtex is None and _LATEX_SYNTAX.search(text):
        bibtex = ""
    return Row(name, text, shown, bibtex)


#: A hostile corpus: markup, script, template, snippet-include, KaTeX, URL, path, Unicode and
#: BibTeX tricks, each written in the title and abstract of a record of every format.
HOSTILE = [
    hostile("script", "<script>window.__pwned=1</script> after", bibtex="="),
    hostile("img", '<img src=x onerror="window.__pwned=1"> image', bibtex="="),
    hostile("iframe", '<iframe src="javascript:window.__pwned=1"></iframe> frame', bibtex="="),
    hostile("break-out", "</title></textarea></script><svg onload=window.__pwned=1>", bibtex="="),
    hostile("anchor", '<a href="javascript:window.__pwned=1">click</a> here', bibtex="="),
    hostile("entities", "&lt;b&gt; &amp;amp; &#60;script&#62; &quot;", bibtex="="),
    hostile("comment", "<!-- hidden --> <![CDATA[x]]> <?php echo 1; ?>"),
    hostile("md-emphasis", "**bold** ~~del~~ ==mark== ^sup^ H~2~O"),
    hostile("md-link", "[link](javascript:window.__pwned=1) ![img](http://203.0.113.9/x.png) <https://example.org>", bibtex="="),
    hostile("md-block", "# Heading > quote | a | b | 1. one - item", bibtex="="),
    hostile("md-attr", '<div markdown="1">**x**</div> {: .pa-chip onclick=window.__pwned=1 } {#id}'),
    hostile("md-ext", '*[HTML]: Hyper [^1] !!! note "Admonition" [TOC] [[wiki]] :smile:', bibtex="="),
    hostile("jinja", "{{ 7*7 }} {{ config.site_name }} {% if true %}yes{% endif %}",
            bibtex="7*7 config.site_name % if true %yes% endif %"),
    hostile("jinja-escape", "{% raw %}{{ ''.__class__.__mro__ }}{% endraw %} {# comment #}"),
    hostile("shell", "${7*7} ${HOME} $(id) `id` #{7*7} <%= 7*7 %>"),
    hostile("snippet", '--8<-- "README.md" and ;--8<-- "../../etc/passwd"',
            bibtex='–8<– "README.md" and ;–8<– "../../etc/passwd"'),
    hostile("include", "{!README.md!} {% include 'base.html' %} !include ../secrets.yml",
            bibtex="!README.md! % include 'base.html' % !include ../secrets.yml"),
    hostile("katex-href", r"$\href{javascript:window.__pwned=1}{x}$ and $\url{javascript:alert(1)}$", bibtex="="),
    hostile("katex-html", r"$\htmlData{foo=bar}{x}$ $\htmlClass{x}{y}$ $\includegraphics{http://203.0.113.9/x.png}$", bibtex="="),
    hostile("katex-loop", r"$$\def\a{\a}\a$$ and $x<y>z$ and $a & b$", bibtex="="),
    hostile("url-js", "javascript:window.__pwned=1 and JaVaScRiPt:alert(1) and vbscript:msgbox(1)", bibtex="="),
    hostile("url-data", "data:text/html;base64,PHNjcmlwdD4= and data:image/svg+xml,<svg onload=alert(1)>"),
    hostile("url-query", "https://example.org/?q=<script>&x=\"y\" and //evil.example/x", bibtex="="),
    hostile("path", "../../etc/passwd and /etc/passwd%00.yml and ~/.ssh/id_rsa", bibtex="="),
    hostile("path-windows", r"..\..\windows\win.ini and C:\Windows\System32"),
    hostile("unicode-bidi", "abc\u202egnp.exe and \u2066isolate\u2069 and \u200fRLM"),
    hostile("unicode-invisible", "zero\u200bwidth soft\u00adhyphen joiner\u200d and word\u2060joiner"),
    hostile("unicode-combining", "e\u0301 and A\u030a and Z\u0351\u0352\u0353 stacked"),
    hostile("unicode-wide", "＜script＞ fullwidth and аpple (Cyrillic а) and 𝐁𝐨𝐥𝐝"),
    hostile("unicode-scripts", "日本語のタイトル and عنوان عربي and עברית and 😀🎉 and Ωmega"),
    hostile("unicode-lines", "line\u2028separator and para\u2029separator and next\u0085line"),
    hostile("ligatures", "ﬁne ﬂow, eﬀort and the ½ ﬀ ™ signs"),
    hostile("bibtex-close", "}, title = {injected}, note = {x", bibtex=""),
    hostile("bibtex-entry", "@comment{x} @string{a = \"b\"} @preamble{\"\\input{/etc/passwd}\"}"),
    hostile("tex-primitives", r"\input{/etc/passwd} \write18{rm -rf /} \def\x{y} \csname relax\endcsname"),
    hostile("tex-catcode", r"\catcode`\@=11 \makeatletter \immediate\openout"),
    hostile("yaml-syntax", "!!python/object/apply:os.system [\"touch /tmp/pwned\"] &a *a ? key : value"),
    hostile("long-word", "x" * 250 + " word"),  # a listing reads a line over 300 characters as an abstract
]
