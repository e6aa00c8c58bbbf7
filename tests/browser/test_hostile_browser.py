"""The hostile pages in a real browser: nothing a record holds ever runs (issue 8).

The site of ``tests/hostile/valid`` (built by ``test_hostile``'s fixture with
``mkdocs build --strict``) is served on 127.0.0.1 and every page a record
reaches — paper, tag, topic and home pages — is opened in headless Chromium
(Debian's ``/usr/bin/chromium``). The records try ``alert(1)``,
``document.title='pwned'`` and ``window.__pwned=1`` through ``<script>``,
event handlers, ``javascript:`` URLs, ``srcdoc`` frames, KaTeX ``\\href`` and
more, and load ``http://203.0.113.9/…``. Asserted, for each page, after the
page's own scripts (KaTeX, search, reading list) ran and the pointer went over
the record text: no dialog opened, ``window.__pwned`` is unset, the title is
not ``pwned``, no element a record made exists in the DOM, no link has a
script URL, and no request left 127.0.0.1 (every other request is refused).
Title and abstract text read the same in the browser as in the source.
The site's search and reading list, which put record text into the page with
JavaScript, are driven with hostile queries and hostile titles.
"""
from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit

import pytest

from support.browser import Recorder, browser, serve
from support.hostile import RECORDS, dangerous_url, nfc

pytestmark = pytest.mark.browser

PROBE = """() => ({
  pwned: window.__pwned === undefined ? null : String(window.__pwned),
  parentPwned: (() => { try { return window.parent.__pwned === undefined ? null : 1; } catch (e) { return null; } })(),
  title: document.title,
  recordElements: Array.from(document.querySelectorAll(
    '.md-content script, .md-content iframe, .md-content frame, .md-content object, .md-content embed, ' +
    '.md-content style, .md-content base, .md-content meta, .md-content link, .md-content form, ' +
    '.md-content foreignObject, .pa-title img, .pa-abstract img, .pa-meta img, .pa-title svg, .pa-abstract svg'
  )).filter(e => !e.closest('.katex')).map(e => e.outerHTML.slice(0, 120)),
  handlers: Array.from(document.querySelectorAll('.md-content *')).flatMap(e =>
    Array.from(e.attributes).filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name)),
  urls: Array.from(document.querySelectorAll('[href], [src], [action], [formaction], [data]')).flatMap(e =>
    ['href', 'src', 'action', 'formaction', 'data'].map(n => e.getAttribute(n)).filter(v => v)),
  frames: window.frames.length,
})"""


def _pages(hostile) -> list[str]:
    """Every page record text reaches: papers, their tags and topics, the indexes."""
    urls = {"", "tags/", "topics/"}
    for paper in hostile.catalog:
        urls.add(paper["url"])
    for sub in ("tags", "topics"):
        for page in (hostile.site / sub).glob("*/index.html"):
            urls.add(page.parent.relative_to(hostile.site).as_posix() + "/")
    return sorted(urls)


@pytest.fixture(scope="module")
def session(hostile):
    """A Chromium page on the served hostile site; requests off 127.0.0.1 are refused and recorded."""
    with serve(hostile.site) as base, browser() as b:
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(base))
        context = b.new_context(service_workers="block")
        refused: list[str] = []

        def route(r):
            url = r.request.url
            if url.startswith(origin + "/") or url.startswith(("data:", "blob:", "about:")):
                r.continue_()
            else:
                refused.append(url)
                r.abort()

        context.route("**/*", route)
        page = context.new_page()
        recorder = Recorder()
        recorder.attach(page)
        yield base, origin, page, recorder, refused
        context.close()


def _hover_record_text(page) -> None:
    """Move the pointer over record text (an onmouseover would fire) and focus what takes focus."""
    boxes = page.evaluate("""() => ['.pa-title', '.pa-abstract', '.pa-meta', '.md-content h1']
        .map(s => document.querySelector(s)).filter(e => e)
        .map(e => { const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })""")
    for x, y in boxes:
        page.mouse.move(x, y)
    page.keyboard.press("Tab")


def _assert_clean(page, where: str) -> None:
    state = page.evaluate(PROBE)
    assert state["pwned"] is None and state["parentPwned"] is None, where
    assert state["title"] != "pwned", where
    assert state["recordElements"] == [], (where, state["recordElements"])
    assert state["handlers"] == [], (where, state["handlers"])
    assert [u for u in state["urls"] if dangerous_url(u)] == [], where
    assert state["frames"] == 0, where


def _text_checks(hostile) -> dict[str, list]:
    """Paper URL → records whose title and abstract the page must read exactly, after its scripts ran.

    Math is left out (KaTeX renders it), and so are merged papers and control
    characters, which have their own tests in test_hostile.py.
    """
    found: dict[str, list] = {}
    for record in RECORDS:
        paper = hostile.paper(record.ref)
        title, abstract = record.text("title"), record.text("abstract")
        if ("$" in title + abstract or title != paper["title"] or abstract != paper["abstract"]
                or any(unicodedata.category(c) == "Cc" for c in title + abstract)):
            continue
        found.setdefault(paper["url"], []).append(record)
    return found


def test_no_hostile_page_runs_or_loads_anything_a_record_holds(hostile, session):
    base, origin, page, recorder, refused = session
    pages = _pages(hostile)
    assert len(pages) > len(hostile.catalog)
    texts = _text_checks(hostile)
    assert sum(map(len, texts.values())) > len(RECORDS) // 2
    for url in pages:
        response = page.goto(base + url, wait_until="load")
        assert response is not None and response.ok, url
        page.wait_for_timeout(20)  # let onload/onerror handlers and KaTeX run, were there any
        _hover_record_text(page)
        _assert_clean(page, url)
        for record in texts.get(url, ()):
            # The record text reads the same in the browser as in the source.
            title = page.eval_on_selector(".pa-title", "e => e.childNodes.length ? e.childNodes[0].textContent : ''")
            abstract = page.eval_on_selector(".pa-abstract", "e => e.textContent")
            assert (nfc(title), nfc(abstract)) == (record.text("title"), record.text("abstract")), record.key
            assert page.title() == f"{record.text('title')} - Paper Atlas", record.key
    assert recorder.dialogs == []
    assert refused == [] and recorder.foreign_requests(origin) == []
    assert recorder.page_errors == [], recorder.page_errors[:5]


QUERIES = ["script", "alert", "onerror", "pwned", "javascript", "iframe", "svg", "img", "<script>", "{{ 7*7 }}",
           "etc passwd", "日本語", "🔥", "\u202eRLO", "$", "\" onmouseover=\"", "'); DROP TABLE"]


def test_search_shows_hostile_titles_as_text(hostile, session):
    base, origin, page, recorder, refused = session
    page.goto(base, wait_until="load")
    box = page.query_selector(".pa-search__input")
    assert box is not None, "the site has no search box (.pa-search__input): update this test"
    titles = {p["title"] for p in hostile.catalog}
    results = 0
    for query in QUERIES:
        box.fill("")
        box.fill(query)
        page.wait_for_timeout(400)  # the search debounces, then fetches the index shards
        links = page.query_selector_all(".pa-search__results a.pa-search__result")
        for link in links:
            # A result's title is a paper's title, as text: no markup of it became elements.
            shown = link.query_selector(".pa-search__title")
            assert shown is not None and nfc(shown.text_content() or "") in titles, (query, link.inner_html()[:300])
            assert link.query_selector_all("script, img, svg, iframe") == [], query
            assert not dangerous_url(link.get_attribute("href") or ""), (query, link.get_attribute("href"))
        results += len(links)
        _assert_clean(page, f"search {query!r}")
    assert results > 0, "no query found anything: is the search index built?"
    assert recorder.dialogs == [] and refused == []


def test_reading_list_keeps_hostile_titles_as_text(hostile, session):
    base, origin, page, recorder, refused = session
    hostile_refs = [r.ref for r in RECORDS if r.file in ("html.yml", "templates.yml", "frontmatter.yml")]
    added = 0
    for ref in hostile_refs:
        paper = hostile.paper(ref)
        page.goto(base + paper["url"], wait_until="load")
        button = page.query_selector("button.pa-mark")
        if button is None or not button.is_visible():
            continue
        button.click()
        added += 1
        _assert_clean(page, paper["url"])
    reading = [p for p in ("reading-list/",) if (hostile.site / p / "index.html").exists()]
    if not added or not reading:
        pytest.fail("the site has no reading list to drive (button.pa-mark and reading-list/): update this test")
    page.goto(base + reading[0], wait_until="load")
    page.wait_for_timeout(100)
    _assert_clean(page, reading[0])
    shown = nfc(page.eval_on_selector(".md-content", "e => e.textContent"))
    for ref in hostile_refs[:3]:
        assert hostile.paper(ref)["title"] in shown, ref
    assert recorder.dialogs == [] and refused == []
    assert page.title() != "pwned"


PLANTED = """<!doctype html><title>planted</title><div class="md-content">
<img src="x" onerror="window.__pwned=1"><script>document.title='pwned'; alert(1)</script>
<img src="http://203.0.113.9/t.png"><a href="javascript:alert(1)">x</a></div>"""


def test_the_probe_catches_a_planted_script(hostile, session):
    """The harness itself: a page that does run a script is caught on every count."""
    base, origin, page, recorder, refused = session
    planted = hostile.site / "planted-probe"
    planted.mkdir()
    (planted / "index.html").write_text(PLANTED, encoding="utf-8")
    probe = page.context.new_page()
    own = Recorder()
    own.attach(probe)
    before = len(refused)
    try:
        probe.goto(base + "planted-probe/", wait_until="load")
        probe.wait_for_timeout(100)
        with pytest.raises(AssertionError):
            _assert_clean(probe, "planted")
        state = probe.evaluate(PROBE)
        assert state["pwned"] == "1" and state["title"] == "pwned" and state["recordElements"]
        assert own.dialogs == ["1"]
        assert refused[before:] == ["http://203.0.113.9/t.png"]
    finally:
        del refused[before:]
        probe.close()
        (planted / "index.html").unlink()
        planted.rmdir()
