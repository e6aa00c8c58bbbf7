"""Material's stylesheet purged of rules for components the site never shows (generator/renderer/lean_css.py).

The purge must be invisible: in Chromium every element (and its ::before
and ::after) of each kind of page gets the same computed
style from the purged stylesheet as from Material's own, on a phone and a
desktop, light and dark, also with the JavaScript-made search results open.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.renderer import lean_css
from support.browser import open_recorded


def material_sheet() -> Path:
    import material

    (sheet,) = (Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("main.*.min.css")
    return sheet


# --- the purge itself ---------------------------------------------------------------------------

def test_selectors_naming_an_unused_class_go_and_the_rest_stay():
    css = (".a,.gone{color:red}.gone .a{color:blue}p{margin:0}.a:not(.gone){top:0}"
           "@media screen{.gone{x:1}.a{y:2}}@keyframes k{0%{opacity:0}}:is(.a,.gone) b{z:3}:is(.gone,.b) i{w:4}")
    assert lean_css.purge(css, {"a"}) == (".a{color:red}p{margin:0}.a:not(.gone){top:0}"
                                          "@media screen{.a{y:2}}@keyframes k{0%{opacity:0}}:is(.a,.gone) b{z:3}")


def test_custom_properties_nothing_uses_any_more_go():
    css = ":root{--kept:1px;--gone:2px;--chain:3px;--used-by-gone:var(--chain)}.a{width:var(--kept)}.x{h:var(--used-by-gone)}"
    assert lean_css.purge(css, {"a"}) == ":root{--kept:1px}.a{width:var(--kept)}"
    assert lean_css.purge(css, {"a"}, elsewhere="b{c:var(--gone)}") == ":root{--kept:1px;--gone:2px}.a{width:var(--kept)}"


def test_a_class_in_a_page_or_a_script_keeps_its_rules(tmp_path):
    sheets = tmp_path / "assets" / "stylesheets"
    sheets.mkdir(parents=True)
    (sheets / "main.0.min.css").write_text(".in-page{a:1}.in-script{b:2}.nowhere{c:3}", encoding="utf-8")
    (tmp_path / "assets" / "app.js").write_text('el.classList.add("in-script")', encoding="utf-8")
    (tmp_path / "index.html").write_text('<p class="x in-page">', encoding="utf-8")
    assert lean_css.purge_site(tmp_path) == (41, 28)
    assert (sheets / "main.0.min.css").read_text(encoding="utf-8") == ".in-page{a:1}.in-script{b:2}"
    assert lean_css.purge_site(tmp_path) == (28, 28)  # same input, same bytes


def test_with_a_cache_only_pages_changed_since_are_read_again(tmp_path, monkeypatch):
    from generator.runtime.cache import Cache

    site = tmp_path / "site"
    (site / "assets" / "stylesheets").mkdir(parents=True)
    sheet = site / "assets" / "stylesheets" / "main.0.min.css"
    css = ".a{x:1}.b{y:2}.c{z:3}:root{--v:1;--w:2}"
    (site / "a").mkdir()
    (site / "a" / "index.html").write_text('<p class="a">', encoding="utf-8")
    (site / "index.html").write_text('<p class="b">', encoding="utf-8")
    read: list = []
    real = lean_css._read_classes
    monkeypatch.setattr(lean_css, "_read_classes", lambda path: read.append(Path(path).relative_to(site)) or real(path))

    def purge(cache) -> str:
        sheet.write_text(css, encoding="utf-8")
        lean_css.purge_site(site, cache)
        return sheet.read_text(encoding="utf-8")

    assert purge(Cache(tmp_path)) == ".a{x:1}.b{y:2}" and sorted(read) == [Path("a/index.html"), Path("index.html")]
    read.clear()
    assert purge(Cache(tmp_path)) == ".a{x:1}.b{y:2}" and read == []
    (site / "index.html").write_text('<p class="c" style="top:var(--w)">', encoding="utf-8")
    assert purge(Cache(tmp_path)) == ".a{x:1}.c{z:3}:root{--w:2}" and read == [Path("index.html")]
    assert purge(None) == ".a{x:1}.c{z:3}:root{--w:2}" and len(read) == 3  # no cache: every page


def test_the_bundled_site_gets_a_much_smaller_stylesheet(built_site):
    (built,) = (built_site / "assets" / "stylesheets").glob("main.*.min.css")
    assert built.name == material_sheet().name
    assert built.stat().st_size < 0.6 * material_sheet().stat().st_size


# --- invisible in the browser -------------------------------------------------------------------

#: One line per element and pseudo-element: its name and a hash of every computed property.
SNAPSHOT = """() => {
  const out = [];
  const hash = s => { let h = 0; for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0; return h; };
  for (const e of document.querySelectorAll('*')) {
    for (const pseudo of [null, '::before', '::after']) {
      const cs = getComputedStyle(e, pseudo);
      let s = '';
      for (let i = 0; i < cs.length; i++) if (!cs[i].startsWith('--')) s += cs[i] + ':' + cs.getPropertyValue(cs[i]) + ';';
      out.push(e.tagName + '#' + e.id + '.' + (typeof e.className === 'string' ? e.className : '') + (pseudo || '') + ' ' + hash(s));
    }
  }
  return out;
}"""


def _styles(chromium, url: str, width: int, scheme: str, full: bytes | None, search: str | None) -> list[str]:
    ctx = chromium.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    try:
        if full is not None:
            ctx.route("**/assets/stylesheets/main.*.min.css",
                      lambda route: route.fulfill(body=full, content_type="text/css"))
        page, rec = open_recorded(ctx, url)
        if search:
            if not page.locator("#pa-search-input").is_visible():
                page.locator('label[for="pa-search-input"]').click()
            page.locator("#pa-search-input").press_sequentially(search)
            page.wait_for_function("q => document.querySelector('.pa-search__meta').textContent.includes(q)", arg=search)
        if "search/" in url:
            page.locator(".pa-results__list > li").first.wait_for()
            page.locator(".pa-facet").first.wait_for(state="attached")
        return _settled(page)
    finally:
        ctx.close()


def _settled(page, tries: int = 40) -> list[str]:
    """The snapshot once two taken 250 ms apart agree: Material's scripts have set
    their classes and no transition is under way (a fixed wait failed under load)."""
    last = page.evaluate(SNAPSHOT)
    for _ in range(tries):
        page.wait_for_timeout(250)
        now = page.evaluate(SNAPSHOT)
        if now == last:
            return now
        last = now
    raise AssertionError(f"{page.url}: the page's styles kept changing for {tries / 4:.0f} s")


@pytest.mark.parametrize("width,scheme", [(390, "light"), (1280, "dark")])
def test_every_element_is_styled_as_by_materials_whole_stylesheet(chromium, base, built_site, width, scheme):
    full = material_sheet().read_bytes()
    paper = sorted((built_site / "papers").glob("*/index.html"))[0].parent.name
    pages = [("", "graph"), (f"papers/{paper}/", None), ("search/?q=unet", None), ("about/", None),
             ("404.html", None)]
    for path, search in pages:
        lean = _styles(chromium, base + path, width, scheme, None, search)
        whole = _styles(chromium, base + path, width, scheme, full, search)
        assert len(lean) == len(whole) > 100, path
        differ = [(a.split(" ", 1)[0], a, b) for a, b in zip(lean, whole) if a != b]
        assert not differ, (path, differ[:2])
