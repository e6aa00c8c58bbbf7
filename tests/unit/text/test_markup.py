"""Untrusted text reaches the page exactly: through Python-Markdown untouched."""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.text.markup import safe_url, to_attr, to_html, to_markdown, to_yaml, url_end

EXTENSIONS = ["attr_list", "md_in_html", "tables", "toc"]  # as in mkdocs.yml


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.tags, self.links = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "a":
            self.links.append(dict(attrs))

    def handle_data(self, data):
        self.parts.append(data)


def render(md_text: str) -> tuple[str, list[str]]:
    out = markdown.markdown(md_text, extensions=EXTENSIONS)
    p = _Text()
    p.feed(out)
    return " ".join("".join(p.parts).split()), p.tags


# Text as it leaves records.clean: no control characters, single spaces.
clean_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029\x85"),
    min_size=1, max_size=200,
).map(lambda s: " ".join(s.split())).filter(bool)

NASTY = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "**bold** _it_ ~~del~~ ^sup^ `code`",
    "[link](javascript:alert(1))", "| a | b |\n|---|---|", "# Heading", "> quote", "1. list",
    "{{ config }} {% raw %}", "${HOME} !ENV", "a\\*b\\_c", "&amp; &lt; &#42;", "x{: .cls }", "---",
    "$\\mathcal{O}(n)$ and $5 and $10", "\\url{http://x}", "[0,1]^n", "<!-- c -->", "  spaced  ",
]


def test_nasty_strings_survive_as_markdown_link_text():
    for s in NASTY:
        clean = " ".join(s.split())
        shown, tags = render(f"[{to_markdown(clean)}](x.md)")
        assert shown == clean, s
        assert tags == ["p", "a"], (s, tags)


def test_nasty_strings_survive_in_raw_html_blocks():
    for s in NASTY:
        clean = " ".join(s.split())
        shown, tags = render(f'<div class="pa-abstract"><p>{to_html(clean)}</p></div>')
        assert shown == clean, s
        assert set(tags) <= {"div", "p", "span"}, (s, tags)


@settings(max_examples=300, deadline=None)
@given(clean_text)
def test_any_text_round_trips_through_markdown(s):
    assert render(f"[{to_markdown(s)}](x.md)")[0] == s
    assert render(f'<div class="x"><p>{to_html(s)}</p></div>')[0] == s


def test_math_is_wrapped_but_keeps_its_source_text():
    out = to_html("cost $\\mathcal{O}(n^2)$ vs $5 and $10")
    assert '<span class="pa-math">$\\mathcal{O}(n^2)$</span>' in out
    assert out.endswith("vs $5 and $10")


def test_front_matter_and_attribute_values_cannot_break_out():
    value = 'x"\n</title><script>alert(1)</script>: y'
    assert "\n" not in to_yaml(value) and "<" not in to_yaml(value)
    assert html.unescape(to_attr(value)) == value and '"' not in to_attr(value)


def test_only_http_urls_are_linked():
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("data:text/html,x") is None
    assert safe_url("https://x.org/a b") is None
    assert safe_url("https://x.org/a_(b)") == "https://x.org/a_%28b%29"


# --- web addresses in abstracts -------------------------------------------------------------------

# (text, the addresses linked in it as the text shows them)
ADDRESSES = [
    ("Code: https://github.com/Focal-UNet/Focal-UNet.", ["https://github.com/Focal-UNet/Focal-UNet"]),
    ("see (https://en.wikipedia.org/wiki/U-Net_(network)), or", ["https://en.wikipedia.org/wiki/U-Net_(network)"]),
    ("at http://x.org/a?b=1&c=2; and https://y.org/!", ["http://x.org/a?b=1&c=2", "https://y.org/"]),
    ('"https://x.org/q" and “https://y.org/z”', ["https://x.org/q", "https://y.org/z"]),
    ("[https://x.org/a] {https://y.org/b}", ["https://x.org/a", "https://y.org/b"]),
    ("HTTPS://X.ORG/Path, then", ["HTTPS://X.ORG/Path"]),
    ("javascript:alert(1) data:text/html,x ftp://x.org/f file:///etc/passwd", []),
    ("xhttps://x.org, http://, https:// x, https://-x.org, https://.x", []),
    ("math $f(x) = https://x$ stays math", []),
    ("\\url{//github.com/x/y} has no scheme", []),
    ("https://x.org/\"onmouseover=\"alert(1)", ["https://x.org/"]),
    ("https://例え.jp/パス です", ["https://例え.jp/パス"]),
]


def _linked(text: str) -> tuple[str, list[dict], list[str]]:
    p = _Text()
    p.feed(f'<div class="pa-abstract"><p>{to_html(text, links=True)}</p></div>')
    return "".join(p.parts), p.links, p.tags


def test_http_addresses_in_an_abstract_become_links_shown_as_written():
    for text, expected in ADDRESSES:
        shown, links, _ = _linked(text)
        assert shown == text, text  # the text stays exactly as written
        out = to_html(text, links=True)
        linked = [html.unescape(m) for m in re.findall(r'rel="nofollow">([^<]*)</a>', out)]
        assert linked == expected, text
        assert [a["href"] for a in links] == [safe_url(u) for u in expected], text
        assert all(a["href"].lower().startswith(("http://", "https://")) and a["rel"] == "nofollow" for a in links)


def test_trailing_punctuation_stays_outside_the_link():
    assert url_end("https://x.org/a.") == "https://x.org/a"
    assert url_end("https://x.org/a).") == "https://x.org/a"
    assert url_end("https://x.org/a_(b))") == "https://x.org/a_(b)"
    assert url_end("https://x.org/a?q=1&r=2';") == "https://x.org/a?q=1&r=2"
    assert to_html("https://x.org") == "https://x.org"  # titles: never a link


@settings(max_examples=300, deadline=None)
@given(clean_text, clean_text)
def test_any_text_with_an_address_stays_as_written(a, b):
    text = f"{a} https://x.org/{b.replace(' ', '')} {b}"
    shown, links, tags = _linked(text)
    assert shown == text
    assert set(tags) <= {"div", "p", "span", "a"}
    assert all(x["href"].lower().startswith(("http://", "https://")) for x in links)
