"""Search as a reader uses it, in headless Chromium: the header combobox, the
results page (filters, pages, the back button), identifiers, typos, and the
author, venue and year pages (accessibility, phones, screenshots).

A small site built for this module has authors, venues, dates, arXiv ids and
DOIs (the bundled sources have none); the known-item query sets run on the
bundled site.
"""
from __future__ import annotations

import json
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest

from support.browser import (
    SCREENSHOTS,
    axe_violations,
    horizontal_overflow,
    open_recorded,
    serve,
)
from support.project import make_site_project
from support.queries import known_item_queries
from support.reader_queries import reader_queries

pytestmark = pytest.mark.browser

BOX = "input.pa-search__input"
OPTION = "#pa-search-listbox [role=option]"
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}


def _records() -> str:
    rows = [
        ("Attention Is All You Need", "Vaswani, Ashish and Shazeer, Noam", "NeurIPS 2017", "2017-06-12", "1706.03762", None),
        ("Attention Is All You Need For Blind Room Volume Estimation", "Chang Wang", "ICASSP 2024", "2023-09-01", None, None),
        ("One Wide Feedforward is All You Need", "Telmo Pires", "WMT 2023", "2023-09-04", None, None),
        ("Dueling Network Architectures for Deep Reinforcement Learning", "Ziyu Wang, Nando de Freitas",
         "ICML 2016", "2015-11-20", "1511.06581", "10.5555/3045390.3045601"),
        ("PirateNets: Physics-informed Deep Learning with Residual Adaptive Networks", "Sifan Wang", None, "2024-02-01", None, None),
        ("PC-DARTS: Partial Channel Connections for Memory-Efficient Architecture Search", "Yuhui Xu", "ICLR 2020", "2019-07-12", None, None),
        ("Computing Machinery and Intelligence", "Alan Turing", "Mind", "1950-10-01", None, "10.1093/mind/LIX.236.433"),
    ]
    # 45 more papers that share the word "hypergraph": several pages of results, filters with counts.
    for i in range(45):
        rows.append((f"Hypergraph Study Number {i}", f"Ann Lee, Bo Chen{i % 3}", f"ICLR {2019 + i % 3}" if i % 2 else "KDD 2021",
                     f"{2019 + i % 3}-0{1 + i % 9}-01", f"2101.{i:05d}", None))
    out = []
    for title, authors, venue, date, arxiv, doi in rows:
        names = [a.strip() for a in authors.replace(" and ", ",").split(",")] if "," in authors and " and " not in authors \
            else [a.strip() for a in authors.split(" and ")]
        out.append(f"- title: {json.dumps(title)}\n  abstract: {json.dumps('We study ' + title.lower() + ' and related questions.')}\n"
                   f"  authors: {json.dumps(names)}\n  published: {date}\n"
                   + (f"  venue: {json.dumps(venue)}\n" if venue else "") + (f"  arxiv: \"{arxiv}\"\n" if arxiv else "")
                   + (f"  doi: {doi}\n" if doi else ""))
    return "".join(out)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = make_site_project(tmp_path_factory.mktemp("search-site"), {"papers.yml": _records()})
    result = project.mkdocs_build()
    assert result.returncode == 0, result.stderr
    return project.site


@pytest.fixture(scope="module")
def url(site):
    with serve(site) as base:
        yield base


@pytest.fixture(scope="module")
def papers(site) -> dict[str, dict]:
    return {p["title"]: p for p in json.loads((site / "papers.json").read_text(encoding="utf-8"))}


@pytest.fixture
def open_page(chromium):
    contexts = []

    def _open(address: str, width: str = "desktop", scheme: str = "light"):
        w, h = WIDTHS[width]
        ctx = chromium.new_context(viewport={"width": w, "height": h}, color_scheme=scheme,
                                   is_mobile=width == "phone", has_touch=width == "phone")
        contexts.append(ctx)
        return open_recorded(ctx, address)

    yield _open
    for ctx in contexts:
        ctx.close()


def type_query(page, query: str) -> list[str]:
    """Types into the header box key by key; the result titles once the list shows this query."""
    box = page.locator(BOX)
    if not box.is_visible():
        page.locator('label[for="pa-search-input"]').click()
    box.fill("")
    box.press_sequentially(query)
    page.wait_for_function("q => (document.querySelector('.pa-search__meta') || {}).dataset.paQuery === q",
                           arg=query.strip())
    return [t.strip() for t in page.locator(f"{OPTION} .pa-search__title").all_inner_texts()]


def test_exact_titles_typos_and_joined_words_find_their_paper(open_page, url):
    page, rec = open_page(url)
    assert type_query(page, "attention is all you need")[0] == "Attention Is All You Need"
    assert type_query(page, "duelling network")[0].startswith("Dueling Network")
    assert "also spelled dueling" in page.locator(".pa-search__meta").inner_text()
    assert type_query(page, "hypergraf")[0].startswith("Hypergraph")
    assert type_query(page, "pirate nets")[0].startswith("PirateNets")
    assert type_query(page, "piratenets")[0].startswith("PirateNets")
    assert type_query(page, "pc darts")[0].startswith("PC-DARTS")
    assert type_query(page, "pcdarts")[0].startswith("PC-DARTS")
    assert type_query(page, "Turing 1950")[0] == "Computing Machinery and Intelligence"
    assert type_query(page, "machinery inteligence")[0] == "Computing Machinery and Intelligence"
    # Query words are marked in the titles.
    assert page.locator(f"{OPTION} .pa-search__title mark").first.inner_text().lower() == "machinery"
    rec.assert_clean(url)


@pytest.mark.parametrize("query", ["1706.03762", "arXiv:1706.03762v5", "https://arxiv.org/abs/1706.03762",
                                   "10.1093/mind/LIX.236.433", "https://doi.org/10.1093/MIND/lix.236.433"])
def test_identifiers_jump_to_the_paper(open_page, url, papers, query):
    page, rec = open_page(url)
    titles = type_query(page, query)
    expected = "Attention Is All You Need" if "1706" in query else "Computing Machinery and Intelligence"
    assert titles == [expected]
    page.locator(BOX).press("Enter")
    page.wait_for_url(urljoin(url, papers[expected]["url"]))
    rec.assert_clean(url)


def test_an_identifier_not_in_the_collection_says_so(open_page, url):
    page, rec = open_page(url)
    assert type_query(page, "arXiv:1505.04597") == []
    assert "No paper in this collection has the identifier 1505.04597" in page.locator(".pa-search__meta").inner_text()
    rec.assert_clean(url)


def test_combobox_keyboard_and_aria(open_page, url, papers):
    page, rec = open_page(url)
    box = page.locator(BOX)
    assert box.get_attribute("type") == "text" and box.get_attribute("role") == "combobox"
    listbox = page.locator("#" + box.get_attribute("aria-controls"))
    assert listbox.get_attribute("role") == "listbox"
    page.locator("body").press("/")
    assert page.evaluate("document.activeElement.id") == "pa-search-input"
    box.press_sequentially("hypergraph study")
    # The list of the whole query (one of a prefix may show first and be replaced under load).
    page.wait_for_function("document.querySelector('.pa-search__meta').getAttribute('data-pa-query') === 'hypergraph study'")
    page.locator(OPTION).first.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    box.press("ArrowDown")
    box.press("ArrowDown")
    second = page.locator(OPTION).nth(1)
    assert box.get_attribute("aria-activedescendant") == second.get_attribute("id")
    assert second.get_attribute("aria-selected") == "true"
    assert page.locator(f"{OPTION}[aria-selected=true]").count() == 1
    box.press("ArrowUp")
    assert box.get_attribute("aria-activedescendant") == page.locator(OPTION).first.get_attribute("id")
    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false" and page.locator("#pa-search-results").is_hidden()
    assert not box.get_attribute("aria-activedescendant")
    box.press("ArrowDown")  # opens the list again
    box.press("ArrowDown")
    href = page.locator(OPTION).first.get_attribute("href")
    box.press("Enter")
    page.wait_for_url(href)
    rec.assert_clean(url)


def test_results_page_pages_filters_and_back_button(open_page, url):
    page, rec = open_page(url)
    type_query(page, "hypergraph")
    more = page.locator(".pa-search__more")
    assert more.inner_text().startswith("Show all 45 results")
    more.click()
    page.wait_for_url("**/search/?q=hypergraph")
    items = page.locator(".pa-results__list > li")
    items.first.wait_for()
    assert items.count() == 20
    assert page.locator(".pa-results__status").inner_text().startswith("45 papers match")
    assert page.locator(".pa-results__list mark").first.inner_text() == "Hypergraph"
    first_page = items.first.inner_text()

    page.locator(".pa-results__pager a", has_text="2").first.click()
    page.wait_for_function("document.querySelector('.pa-results__list').start === 21")
    assert parse_qs(urlsplit(page.url).query)["page"] == ["2"]
    assert items.count() == 20 and items.first.inner_text() != first_page
    page.locator(".pa-results__pager a", has_text="Next").click()
    page.wait_for_function("document.querySelector('.pa-results__list').start === 41")
    assert items.count() == 5

    page.go_back()
    page.wait_for_function("document.querySelector('.pa-results__list').start === 21")
    page.go_back()
    page.wait_for_function("document.querySelector('.pa-results__list').start === 1")
    assert items.first.inner_text() == first_page

    # Filters: a year, then a venue; counts are those of the matches.
    year = page.locator(".pa-facet", has=page.locator("legend", has_text="Year")).locator("button").first
    label, count = year.locator(".pa-facet__name").inner_text(), int(year.locator(".pa-count").inner_text())
    assert count == 15
    year.click()
    page.wait_for_function("n => document.querySelector('.pa-results__status').textContent.startsWith(n + ' papers')", arg=count)
    assert parse_qs(urlsplit(page.url).query)["year"] == [label]
    assert items.count() == count
    assert all(label in t for t in page.locator(".pa-results__list .pa-item-meta").all_inner_texts())
    assert year.get_attribute("aria-pressed") == "true"
    venue = page.locator(".pa-facet", has=page.locator("legend", has_text="Venue")).locator("button").first
    n_venue = int(venue.locator(".pa-count").inner_text())
    venue.click()
    page.wait_for_function("n => document.querySelector('.pa-results__status').textContent.startsWith(n + ' paper')", arg=n_venue)
    assert set(parse_qs(urlsplit(page.url).query)) == {"q", "year", "venue"}
    page.go_back()
    page.wait_for_function("n => document.querySelector('.pa-results__status').textContent.startsWith(n + ' papers')", arg=count)
    page.go_back()
    page.wait_for_function("document.querySelector('.pa-results__status').textContent.startsWith('45 papers')")

    # The page's own form: a new query replaces the old one.
    page.locator("#pa-results-q").fill("pirate nets")
    page.locator("#pa-results-q").press("Enter")
    page.wait_for_function("document.querySelector('.pa-results__status').textContent.startsWith('1 paper')")
    assert parse_qs(urlsplit(page.url).query) == {"q": ["pirate nets"]}
    assert page.locator(".pa-results__title").first.inner_text().startswith("PirateNets")
    rec.assert_clean(url)


def test_a_shared_results_url_opens_with_its_filters(open_page, url):
    page, rec = open_page(url + "search/?q=hypergraph&year=2020&page=1")
    page.wait_for_function("document.querySelector('.pa-results__status').textContent.startsWith('15 papers')")
    assert page.locator("#pa-results-q").input_value() == "hypergraph"
    rec.assert_clean(url)


def test_a_submitted_word_that_only_begins_words_finds_them(open_page, url):
    # What the header box shows while "hypergra" is typed is what Enter leads to; a typo still reads as one.
    page, rec = open_page(url + "search/?q=hypergra")
    page.wait_for_function("document.querySelector('.pa-results__status').textContent.startsWith('45 papers')")
    assert "also spelled" not in page.locator(".pa-results__status").inner_text()
    rec.assert_clean(url)
    # Its own page: leaving the first one mid-fetch (the typo lookup's shards) would abort requests.
    page, rec = open_page(url + "search/?q=hypergraf")
    page.wait_for_function("document.querySelector('.pa-results__status').textContent.includes('also spelled hypergraph')")
    rec.assert_clean(url)


PAGES = {"results": "search/?q=hypergraph", "author": "authors/ann-lee/", "authors": "authors/",
         "venue": "venues/iclr/", "venues": "venues/", "year": "years/2020/", "years": "years/"}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("name", list(PAGES))
def test_browse_pages_are_accessible_and_fit_the_screen(open_page, url, name, width, scheme):
    page, rec = open_page(url + PAGES[name], width, scheme)
    if name == "results":
        page.locator(".pa-results__list > li").first.wait_for()
        page.wait_for_timeout(200)  # the filters follow the list
    assert page.locator("article h1").count() == 1
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"browse-{name}-{WIDTHS[width][0]}-{scheme}.png"))
    assert horizontal_overflow(page) == 0, "the page scrolls sideways"
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)
    rec.assert_clean(url)


def test_author_page_lists_papers_newest_first_and_links_back(open_page, url, papers):
    page, rec = open_page(url + "authors/ann-lee/")
    assert page.locator(".pa-count-line").inner_text().startswith("45 papers")
    years = [t.split(" · ")[0] for t in page.locator(".pa-author-papers .pa-item-meta").all_inner_texts()]
    assert years == sorted(years, reverse=True)
    # Each title is a target of at least 24 px (WCAG 2.2 target size; axe flagged the samples' longest list).
    heights = page.locator(".pa-author-papers li > a:first-child, .pa-author-papers li > p > a:first-child").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect().height)")
    assert heights and min(heights) >= 24, heights
    page.locator(".pa-author-papers li a").first.click()
    page.wait_for_load_state("load")
    page.locator(".pa-meta a", has_text="Ann Lee").click()
    page.wait_for_url(url + "authors/ann-lee/")
    rec.assert_clean(url)


# ---- the known-item query sets on the bundled site -----------------------------------------------

@pytest.fixture(scope="module")
def bundled(built_site):
    with serve(built_site) as base:
        yield base


@pytest.mark.parametrize("query_set", [lambda c: known_item_queries(c, seed=2026, n=60), lambda c: reader_queries(c, seed=5, n=40)],
                         ids=["cut-by-rule", "as-readers-write"])
def test_known_item_queries_find_their_paper(chromium, bundled, built_site, query_set):
    catalog = json.loads((built_site / "papers.json").read_text(encoding="utf-8"))
    page, rec = open_recorded(chromium.new_context(), bundled)
    box = page.locator(BOX)
    rates = {}
    for kind, queries in query_set(catalog).items():
        found = 0
        for query, target, need in queries:
            box.fill("")
            box.press_sequentially(query)
            page.wait_for_function("q => (document.querySelector('.pa-search__meta') || {}).textContent.includes(q)",
                                   arg=query)
            hrefs = page.locator(OPTION).evaluate_all("els => els.map(e => e.href)")[:need]
            found += urljoin(bundled, target) in hrefs
        rates[kind] = found / len(queries)
    print("known-item hit rates:", rates)
    assert all(rate >= 0.95 for rate in rates.values()), rates
    rec.assert_clean(bundled)
