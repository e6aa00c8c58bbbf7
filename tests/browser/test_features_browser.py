"""The feature pages in headless Chromium: the reading list, and statistics, map,
downloads and reading-list pages at desktop and phone widths in both schemes.

The reading list must work with nothing but localStorage: no request leaves the
site, and the exported .bib and .ris are made in the page (a Blob).
"""
from __future__ import annotations

import json

import bibtexparser
import pytest
import rispy

from support.browser import (
    SCREENSHOTS,
    axe_violations,
    horizontal_overflow,
    open_recorded,
)

pytestmark = pytest.mark.browser

UNET = "U-Net: Convolutional Networks for Biomedical Image Segmentation"
NNUNET = "nnU-Net: Self-adapting Framework for U-Net-Based Medical Image Segmentation"
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}


@pytest.fixture(scope="module")
def urls(built_site) -> dict[str, str]:
    catalog = json.loads((built_site / "papers.json").read_text(encoding="utf-8"))
    return {p["title"]: p["url"] for p in catalog}


def open_page(chromium, url: str, scheme: str = "light", width: str = "desktop", ctx=None):
    w, h = WIDTHS[width]
    ctx = ctx or chromium.new_context(color_scheme=scheme, viewport={"width": w, "height": h},
                                      is_mobile=width == "phone", has_touch=width == "phone", accept_downloads=True)
    page, rec = open_recorded(ctx, url)
    return ctx, page, rec


#: Two papers with full citations (the bundled collection's records have a title and an abstract only).
CITED = """\
- title: "U-Net: Convolutional Networks for Biomedical Image Segmentation"
  abstract: There is large consent that successful training of deep networks requires many annotated samples.
  authors: [Olaf Ronneberger, Philipp Fischer, Thomas Brox]
  published: 2015-10-05
  type: inproceedings
  booktitle: Medical Image Computing and Computer-Assisted Intervention – MICCAI 2015
  editors: [Nassir Navab, Joachim Hornegger]
  publisher: Springer
  pages: 234--241
  doi: 10.1007/978-3-319-24574-4_28
- title: "nnU-Net: Self-adapting Framework for U-Net-Based Medical Image Segmentation"
  abstract: The U-Net was presented in 2015; we adapt it to any new medical image segmentation task by itself.
  authors: [Fabian Isensee, Jens Petersen]
  published: "2018"
  type: techreport
  institution: German Cancer Research Center
  number: "2018-09"
"""


@pytest.fixture(scope="module")
def cited(tmp_path_factory):
    """A small site of cited papers, served on 127.0.0.1: (base URL, title → page URL)."""
    from support.browser import serve
    from support.project import make_site_project

    project = make_site_project(tmp_path_factory.mktemp("cited"), {"papers.yml": CITED})
    built = project.mkdocs_build()
    assert built.returncode == 0, built.stderr
    catalog = json.loads((project.site / "papers.json").read_text(encoding="utf-8"))
    with serve(project.site) as url:
        yield url, {p["title"]: p["url"] for p in catalog}


def _downloaded(page, button: str, folder, name: str) -> str:
    """The text of the file the page offers when ``button`` is clicked, checked to be called ``name``."""
    with page.expect_download() as download:
        page.locator(button).click()
    assert download.value.suggested_filename == name
    download.value.save_as(folder / name)
    return (folder / name).read_text(encoding="utf-8")


def test_mark_papers_list_them_and_export_bibtex_and_ris(chromium, cited, tmp_path):
    base, urls = cited
    ctx, page, rec = open_page(chromium, base + urls[UNET])
    button = page.locator("button.pa-mark")
    assert button.is_visible() and button.get_attribute("aria-pressed") == "false"
    button.click()
    assert button.get_attribute("aria-pressed") == "true" and "reading list" in button.inner_text()
    page.goto(base + urls[NNUNET])
    page.locator("button.pa-mark").click()

    page.goto(base + "reading-list/")
    items = page.locator("#pa-reading-list li a")
    assert items.all_inner_texts() == [UNET, NNUNET]
    assert items.first.get_attribute("href").endswith(urls[UNET])
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "feature-reading-list-filled-1280-light.png"))
    lib = bibtexparser.parse_string(_downloaded(page, "button.pa-download", tmp_path, "reading-list.bib"))
    assert not lib.failed_blocks and [e.entry_type for e in lib.entries] == ["inproceedings", "techreport"]
    assert "U-Net" in lib.entries[0].fields_dict["title"].value
    records = rispy.loads(_downloaded(page, "button.pa-download-ris", tmp_path, "reading-list.ris"))
    assert [r["type_of_reference"] for r in records] == ["CPAPER", "RPRT"]
    assert records[0]["start_page"] == "234" and records[1]["publisher"] == "German Cancer Research Center"

    page.locator("#pa-reading-list li").first.locator("button.pa-remove").click()
    assert page.locator("#pa-reading-list li a").all_inner_texts() == [NNUNET]
    page.goto(base + urls[UNET])  # unmarked again
    assert page.locator("button.pa-mark").get_attribute("aria-pressed") == "false"
    stored = [k for k in page.evaluate("Object.keys(localStorage)") if k.startswith("paper-atlas.")]
    assert stored == ["paper-atlas.reading-list:/"]  # one key per site path
    rec.assert_clean(base)
    ctx.close()


def test_a_paper_with_a_title_only_is_listed_but_has_nothing_to_export(chromium, base, urls):
    ctx, page, rec = open_page(chromium, base + urls[UNET])  # the bundled site: titles and abstracts only
    page.locator("button.pa-mark").click()
    page.goto(base + "reading-list/")
    assert page.locator("#pa-reading-list li a").all_inner_texts() == [UNET]
    assert "has no citation to download" in page.locator(".pa-summary").inner_text()
    assert page.locator("button.pa-download").count() == 0 and page.locator("button.pa-clear").count() == 1
    rec.assert_clean(base)
    ctx.close()


def test_the_reading_list_is_empty_at_first_and_says_so(chromium, base):
    ctx, page, rec = open_page(chromium, base + "reading-list/")
    assert "Your reading list is empty" in page.locator("#pa-reading-list").inner_text()
    rec.assert_clean(base)
    ctx.close()


def test_without_javascript_the_button_stays_hidden(built_site, urls):
    html = (built_site / urls[UNET] / "index.html").read_text(encoding="utf-8")
    assert 'class="md-button pa-mark"' in html and "hidden>Add to reading list</button>" in html


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name, path", [("stats", "stats/"), ("map", "map/"), ("reading-list", "reading-list/"),
                                        ("downloads", "downloads/"), ("paper", None)])
def test_feature_pages_look_right(chromium, base, urls, name, path, scheme, width):
    ctx, page, rec = open_page(chromium, base + (path or urls[UNET]), scheme, width)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"feature-{name}-{WIDTHS[width][0]}-{scheme}.png"), full_page=True)
    assert horizontal_overflow(page) == 0, "the page scrolls sideways"
    assert axe_violations(page) == []
    rec.assert_clean(base)
    if name == "map":
        assert page.locator("figure.pa-map circle").count() > 400
        first = page.locator("figure.pa-map a").first
        first.focus()
        assert page.evaluate("document.activeElement.tagName.toLowerCase()") == "a"
    if name == "stats":  # one of the two drawings of each bar chart is shown
        shown = page.locator("svg.pa-wide:visible, svg.pa-narrow:visible").count()
        assert shown == 2
    ctx.close()
