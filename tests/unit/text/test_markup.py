"""Untrusted text reaches the page exactly: through Python-Markdown untouched."""
from __future__ import annotations

import html
from html.parser import HTMLParser

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.text.markup import safe_url, to_attr, to_html, to_markdown, to_yaml

EXTENSIONS = ["attr_list", "md_in_html", "tables", "toc"]  # as in mkdocs.yml


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.tags = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

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
