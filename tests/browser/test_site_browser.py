"""A reader in a real browser: search, navigation, accessibility, phones, math.

Headless Chromium (Debian's ``chromium``, driven by Playwright; never a browser
download) opens the bundled site served on 127.0.0.1, once per module. Every
page a test opens is recorded: no request may leave the local server, and no
console error, page error, failed request or dialog may happen.

Screenshots of the main pages at 1280 and 390 px, light and dark, go to
test-output/screenshots/ for a person to look at.
"""
from __future__ import annotations

import json
import re
from urllib.parse import urljoin, urlsplit

import pytest

from generator.site.pages import PAGE_SIZE
from support.browser import (
    SCREENSHOTS,
    axe_violations,
    horizontal_overflow,
    open_recorded,
    serve,
)
from support.project import make_site_project

pytestmark = pytest.mark.browser

QUERY = "U-Net segmentation"
UNET = "U-Net: Convolutional Networks for Biomedical Image Segmentation"
SEARCH_BOX = "input.pa-search__input"
RESULT = ".pa-search__results a.pa-search__result"
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
SCHEMES = ("light", "dark")


# ---- fixtures: one browser, one server per site, one small site with math -----------------------

@pytest.fixture(scope="module")
def catalog(built_site) -> list[dict]:
    return json.loads((built_site / "papers.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def unet(catalog) -> dict:
    (paper,) = [p for p in catalog if p["title"] == UNET]
    return paper


@pytest.fixture(scope="module")
def pages(built_site, unet) -> dict[str, str]:
    """The pages every check visits, as paths from the site root: home, the U-Net paper, its topic and tag."""
    html = (built_site / unet["url"] / "index.html").read_text(encoding="utf-8")
    meta = re.search(r'<p class="pa-meta">.*?</p>', html, re.S).group(0)
    (topic,) = re.findall(r'href="(?:\.\./)+(topics/[^"/]+/)"', meta)
    return {"home": "", "paper": unet["url"], "topic": topic, "tag": "tags/u-net/"}


@pytest.fixture(scope="module")
def shared_contexts(chromium):
    """One browser context per (scheme, width), kept for the module: pages open fast in them."""
    contexts: dict = {}
    yield contexts
    for ctx in contexts.values():
        ctx.close()


def _new_context(chromium, scheme: str, width: str):
    w, h = WIDTHS[width]
    phone = width == "phone"
    return chromium.new_context(color_scheme=scheme, viewport={"width": w, "height": h}, device_scale_factor=1,
                                is_mobile=phone, has_touch=phone)


@pytest.fixture
def open_page(chromium, shared_contexts):
    """``open_page(url, scheme="light", width="desktop", fresh=False)`` → (page, recorder).

    The page opens in the module's shared context for that scheme and width, or
    in a context of its own (``fresh=True``: nothing stored by other tests, e.g. a
    chosen colour scheme). Pages and own contexts are closed after the test.
    """
    opened = []

    def _open(url: str, scheme: str = "light", width: str = "desktop", fresh: bool = False):
        if fresh:
            ctx = _new_context(chromium, scheme, width)
            opened.append(ctx)
        else:
            ctx = shared_contexts.get((scheme, width))
            if ctx is None:
                ctx = shared_contexts[(scheme, width)] = _new_context(chromium, scheme, width)
        page, rec = open_recorded(ctx, url)
        opened.append(page)
        return page, rec

    yield _open
    for thing in reversed(opened):
        thing.close()


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"


def search(page, query: str = QUERY, expect: str | None = None) -> None:
    """Types ``query`` into the header's search box, key by key, and waits until a
    result link shows (one whose text contains ``expect``, if given). How fast is
    the benchmark's question (benchmarks/search.py), not a test's."""
    box = page.locator(SEARCH_BOX)
    if not box.is_visible():  # phones: the box is folded into its icon, a label for it
        page.locator(f'label[for="{box.get_attribute("id")}"]').click()
    box.click()
    box.press_sequentially(query)
    page.locator(RESULT, has_text=expect or "").first.wait_for(state="visible", timeout=5000)


def without_query(url: str) -> str:
    """The URL without ?query and #fragment (search results may add them to highlight the words)."""
    return url.split("#")[0].split("?")[0]


def heading(page) -> str:
    """The page's h1 as a reader sees it, without the permalink sign."""
    return page.locator("article h1").evaluate(
        "h => { const c = h.cloneNode(true); c.querySelectorAll('.headerlink').forEach(a => a.remove());"
        " return c.textContent.trim(); }")


def result_urls(page) -> list[str]:
    return [urljoin(page.url, h) for h in page.locator(RESULT).evaluate_all("els => els.map(e => e.getAttribute('href'))")]


# ---- search → paper → tags → topic ---------------------------------------------------------------

def test_search_finds_unet_papers_and_leads_to_paper_tag_and_topic_pages(open_page, base, catalog, unet):
    page, rec = open_page(base)
    search(page, expect=UNET)
    # The U-Net paper is among the results, and the results are U-Net papers.
    unet_urls = {base + p["url"] for p in catalog if "U-Net" in p["tags"]}
    urls = result_urls(page)
    assert base + unet["url"] in urls, urls
    assert sum(u in unet_urls for u in urls[:5]) >= 3, f"the first results are not U-Net papers: {urls[:5]}"

    page.locator(RESULT, has_text=UNET).first.click()
    page.wait_for_url(lambda u: without_query(u) == base + unet["url"])
    assert page.locator("h1.pa-title").inner_text().strip() == UNET
    assert page.title().startswith(UNET)

    # Every tag chip opens a tag page that lists papers, this one among them.
    chips = page.locator(".pa-chips a.pa-chip")
    names = [n.strip() for n in chips.all_inner_texts()]
    assert names == unet["tags"]
    for i, name in enumerate(names):
        page.locator(".pa-chips a.pa-chip").nth(i).click()
        page.wait_for_load_state("load")
        assert "/tags/" in page.url
        assert heading(page) == name
        listed = page.locator(".pa-list li > a:first-child")
        assert listed.count() >= 1
        if not page.locator(".pa-pager").count():
            assert UNET in [t.strip() for t in listed.all_inner_texts()]
        page.go_back()
        page.wait_for_url(lambda u: without_query(u) == base + unet["url"])

    # The topic link in the info line opens the topic page, which lists papers.
    page.locator(".pa-meta a[href*='topics/']").first.click()
    page.wait_for_load_state("load")
    assert "/topics/" in page.url
    assert heading(page) == unet["topic"]
    assert page.locator(".pa-list li > a:first-child").count() >= 1
    rec.assert_clean(origin(base))


# ---- every main page: schemes, widths, accessibility, screenshots ---------------------------------

@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("name", ["home", "paper", "topic", "tag", "search"])
def test_page_is_accessible_fits_the_screen_and_follows_the_scheme(open_page, base, pages, name, width, scheme):
    page, rec = open_page(base + pages.get(name, ""), scheme, width)
    if name == "search":
        search(page)
        page.wait_for_timeout(300)  # let the list of results settle before it is measured
    expected = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.dataset.mdColorScheme") == expected

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-{WIDTHS[width][0]}-{scheme}.png"), full_page=(name != "search"))

    assert horizontal_overflow(page) == 0, "the page scrolls sideways"
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)
    rec.assert_clean(origin(base))


def test_colour_scheme_follows_the_system_and_the_toggle_switches_it(open_page, base, pages):
    for scheme, start, other in (("light", "default", "slate"), ("dark", "slate", "default")):
        page, rec = open_page(base + pages["paper"], scheme, fresh=True)
        assert page.evaluate("document.body.dataset.mdColorScheme") == start
        toggle = page.locator("form[data-md-component=palette] label:not([hidden])")
        assert toggle.count() == 1
        toggle.click()
        page.wait_for_function(f"document.body.dataset.mdColorScheme === '{other}'")
        # The choice is remembered on the next page.
        page.goto(base + pages["topic"])
        assert page.evaluate("document.body.dataset.mdColorScheme") == other
        rec.assert_clean(origin(base))


# ---- phones: the drawer and search ---------------------------------------------------------------

def test_phone_drawer_opens_and_navigates(open_page, base, pages, unet):
    page, rec = open_page(base + pages["paper"], width="phone", fresh=True)
    drawer = page.locator(".md-sidebar--primary")
    assert not drawer.is_visible() or drawer.bounding_box()["x"] < 0, "the drawer is open before it is asked for"
    page.locator("label.md-header__button[for=__drawer]").click()
    tags_link = page.locator(".md-sidebar--primary .md-nav__link", has_text="Tags").first
    tags_link.wait_for(state="visible")
    # The drawer slides in: wait until the link is on screen.
    tags_link.evaluate("""el => new Promise(done => { const t0 = performance.now(); (function check() {
        const r = el.getBoundingClientRect();
        if ((r.left >= 0 && r.right <= innerWidth) || performance.now() - t0 > 2000) done(); else requestAnimationFrame(check);
    })(); })""")
    box = tags_link.bounding_box()
    assert 0 <= box["x"] and box["x"] + box["width"] <= WIDTHS["phone"][0], box
    tags_link.click()
    page.wait_for_load_state("load")
    assert urlsplit(page.url).path.endswith("/tags/")
    assert page.locator(".pa-chips a.pa-chip").count() > 10
    assert horizontal_overflow(page) == 0

    # Topics: a section of the drawer that opens a sub-list.
    page.locator("label.md-header__button[for=__drawer]").click()
    page.locator(".md-sidebar--primary .md-nav__container:has-text('Topics') > label.md-nav__link").click()
    topic = page.locator(".md-sidebar--primary .md-nav__link", has_text=unet["topic"]).first
    topic.wait_for(state="visible")
    topic.click()
    page.wait_for_load_state("load")
    assert heading(page) == unet["topic"]
    rec.assert_clean(origin(base))


def test_phone_search_shows_results_on_screen_and_opens_a_paper(open_page, base, unet):
    page, rec = open_page(base, width="phone")
    search(page, expect=UNET)
    first = page.locator(RESULT).first
    box = first.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= WIDTHS["phone"][0], box
    assert horizontal_overflow(page) == 0
    page.locator(RESULT, has_text=UNET).first.click()
    page.wait_for_url(lambda u: without_query(u) == base + unet["url"])
    assert horizontal_overflow(page) == 0
    rec.assert_clean(origin(base))


# ---- math and long lists, on a small site built for them ------------------------------------------

MATH_TITLE = r"Attention with $O(n \log n)$ cost"
MATH_ABSTRACT = (r"We bound the loss by $\mathcal{L}(\theta) \le \sum_{i=1}^{n} \alpha_i x_i^2$ and show that "
                 r"$\sqrt{d_k}$ scaling is needed for graph neural networks, while $x < y$ & <b>this</b> stays text.")
MANY = 2 * PAGE_SIZE + 5  # three pages


def _yaml_str(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    """A site of one paper with math in its title and abstract and MANY U-Net papers (paged lists)."""
    project = make_site_project(tmp_path_factory.mktemp("small") / "project", {
        "math.yml": (f"- title: {_yaml_str(MATH_TITLE)}\n  abstract: {_yaml_str(MATH_ABSTRACT)}\n"
                     "  authors: [Ada Lovelace, Alan Turing, Grace Hopper, Edsger Dijkstra]\n"
                     "  published: 2021-03-04\n  arxiv: '2103.00001'\n  code: https://github.com/example/attn\n"),
        "many.yml": "".join(
            f"- title: 'A U-Net for image segmentation, number {i:03d}'\n"
            f"  abstract: 'We train a U-Net for medical image segmentation (variant {i:03d}).'\n"
            f"  published: {2000 + i % 25}-{i % 12 + 1:02d}-01\n"
            for i in range(MANY)),
    })
    site = project.site
    result = project.mkdocs_build()
    assert result.returncode == 0, result.stderr
    with serve(site) as url:
        yield url, json.loads((site / "papers.json").read_text(encoding="utf-8"))


def test_math_is_rendered_by_katex_from_the_site(open_page, small_site):
    url, catalog = small_site
    (paper,) = [p for p in catalog if p["title"] == MATH_TITLE]
    page, rec = open_page(url + paper["url"])
    # The title, the abstract's three formulas, and the title again in the Cite section's reference.
    page.wait_for_function("document.querySelectorAll('.pa-math .katex').length === 5")
    # KaTeX keeps the TeX source in its MathML annotation: the formulas are the source's.
    tex = page.locator(".pa-math annotation").all_text_contents()
    assert tex == [r"O(n \log n)", r"\mathcal{L}(\theta) \le \sum_{i=1}^{n} \alpha_i x_i^2", r"\sqrt{d_k}", "x < y",
                   r"O(n \log n)"]
    assert page.locator(".pa-reference .pa-math annotation").all_text_contents() == [r"O(n \log n)"]
    assert not page.locator(".pa-math .katex-error").count()
    # The rest of the abstract is still plain text: the <b> is shown, not obeyed.
    assert "<b>this</b> stays text" in page.locator(".pa-abstract").inner_text()
    assert not page.locator(".pa-abstract b").count()
    # KaTeX, its stylesheet and its fonts come from the site itself.
    local = [u for u in rec.requests if "/assets/vendor/katex/" in u]
    assert any(u.endswith("katex.min.js") for u in local) and any(u.endswith(".woff2") for u in local)
    assert page.evaluate("document.fonts.check('16px KaTeX_Main')")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "math-paper-1280-light.png"), full_page=True)
    phone, phone_rec = open_page(url + paper["url"], "dark", "phone")
    phone.wait_for_function("document.querySelectorAll('.pa-math .katex').length === 5")
    phone.screenshot(path=str(SCREENSHOTS / "math-paper-390-dark.png"), full_page=True)
    assert horizontal_overflow(phone) == 0
    phone_rec.assert_clean(origin(url))
    rec.assert_clean(origin(url))


def test_a_listed_title_typesets_its_math_as_the_papers_page_does(open_page, small_site):
    url, _ = small_site
    page, rec = open_page(url + "years/2021/")  # the math paper's year, with U-Net papers of 2021
    page.wait_for_function("document.querySelectorAll('.pa-list .pa-math .katex').length === 1")
    assert page.locator(".pa-list .pa-math annotation").all_text_contents() == [r"O(n \log n)"]
    assert "$" not in page.locator(".pa-list").inner_text()
    rec.assert_clean(origin(url))


def test_long_lists_are_paged_newest_first(open_page, small_site):
    url, catalog = small_site
    unet = [p for p in catalog if "U-Net" in p["tags"]]
    assert len(unet) >= MANY
    published = {url + p["url"]: p["published"] or "" for p in catalog}
    page, rec = open_page(url + "tags/u-net/", width="phone")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "paged-tag-390-light.png"))
    seen: list[str] = []
    pages = -(-len(unet) // PAGE_SIZE)
    for number in range(1, pages + 1):
        assert f"page {number} of {pages}" in page.locator(".pa-count-line").inner_text()
        assert page.locator(".pa-pager [aria-current=page]").first.inner_text().strip() == str(number)
        items = page.locator(".pa-list li > a:first-child")
        assert items.count() == (PAGE_SIZE if number < pages else len(unet) - PAGE_SIZE * (pages - 1))
        seen += [urljoin(page.url, h) for h in items.evaluate_all("els => els.map(e => e.getAttribute('href'))")]
        assert horizontal_overflow(page) == 0
        if number < pages:
            page.locator(".pa-pager a[rel=next]").first.click()
            page.wait_for_load_state("load")
        else:
            assert not page.locator(".pa-pager a[rel=next]").count()
    assert len(seen) == len(set(seen)) == len(unet)
    dates = [published[u] for u in seen]
    assert dates == sorted(dates, reverse=True), "not newest first"
    rec.assert_clean(origin(url))
