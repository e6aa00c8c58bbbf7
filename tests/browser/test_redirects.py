"""Old addresses answer in a browser, over http and from file:// (generator/site/permalinks.py).

A small project is published once, then its sources change (a paper renamed on purpose in
curation.yml, a paper removed, a topic of topics.yml renamed) and it is built again with MkDocs,
reading the ledger the first build published: the hosted variant served over http, and the
offline variant (``make offline``: no directory URLs) opened from disk. Headless Chromium opens
each old address and must land on the right page (the meta refresh followed), or on the notice of
a removed paper; screenshots of both are written to test-output/screenshots/.
"""
from __future__ import annotations

import json
import shutil

import pytest

from support.browser import SCREENSHOTS, serve
from support.project import make_site_project

pytestmark = pytest.mark.browser

SOURCES = """\
- title: "U-Net: convolutional networks for biomedical image segmentation"
  abstract: There is large consent that training deep networks for image segmentation requires many thousand annotated samples.
  authors: [Olaf Ronneberger, Philipp Fischer]
  published: '2015-05-18'
  arxiv: '1505.04597'
- title: Graph neural networks for molecules
  abstract: A graph neural network predicts molecule properties from their graphs, fast and at scale.
  authors: [Bo Chen]
  published: '2021-03-02'
  doi: 10.1000/gnn
- title: Deep sets
  abstract: Models of sets whose objective functions are invariant to permutations of their elements.
  authors: [Manzil Zaheer]
  published: '2017-03-10'
"""
OLD = "u-net-convolutional-networks-for-biomedical-image-segmentation"
NEW = "u-net"
GONE = "graph-neural-networks-for-molecules"


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """(hosted site, offline site) of the project after its changes, each built with MkDocs."""
    project = make_site_project(tmp_path_factory.mktemp("redirects"), {"papers.yml": SOURCES})
    first = project.mkdocs_build()
    assert first.returncode == 0, first.stderr
    published = project.root / "published"
    published.mkdir()
    shutil.copy(project.site / "permalinks.json", published / "permalinks.json")  # as the workflows fetch it
    (project.sources / "papers.yml").write_text(SOURCES.split("- title: Graph")[0] + "- title: Deep sets"
                                                + SOURCES.split("- title: Deep sets")[1], encoding="utf-8")
    (project.root / "data" / "curation.yml").write_text(f"{OLD}: {{slug: {NEW}}}\n", encoding="utf-8")
    hosted = project.mkdocs_build()
    assert hosted.returncode == 0, hosted.stderr
    offline = project.mkdocs_build(project.root / "site-offline", OFFLINE="true")
    assert offline.returncode == 0, offline.stderr
    return project.site, project.root / "site-offline"


def test_old_addresses_lead_to_the_pages_over_http(chromium, sites):
    hosted, _ = sites
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with serve(hosted) as base:
        page = chromium.new_page()
        page.goto(f"{base}papers/{OLD}/")
        page.wait_for_url(f"{base}papers/{NEW}/")
        assert page.locator("h1").first.inner_text().startswith("U-Net")
        page.screenshot(path=str(SCREENSHOTS / "redirect-http.png"))
        response = page.goto(f"{base}papers/{GONE}/")
        assert response.status == 200 and page.url == f"{base}papers/{GONE}/"
        assert "Removed from the collection" in page.locator("h1").inner_text()
        assert "Graph neural networks for molecules" in page.locator("blockquote").inner_text()
        page.screenshot(path=str(SCREENSHOTS / "removed-paper-http.png"), full_page=True)
        page.close()


def test_old_addresses_lead_to_the_pages_from_disk(chromium, sites):
    _, offline = sites
    page = chromium.new_page()
    page.goto((offline / "papers" / f"{OLD}.html").as_uri())
    page.wait_for_url((offline / "papers" / f"{NEW}.html").as_uri())
    assert page.locator("h1").first.inner_text().startswith("U-Net")
    page.screenshot(path=str(SCREENSHOTS / "redirect-file.png"))
    page.goto((offline / "papers" / f"{GONE}.html").as_uri())
    assert "Removed from the collection" in page.locator("h1").inner_text()
    home = page.locator("header a")
    home.click()
    page.wait_for_load_state("load")
    assert page.url == (offline / "index.html").as_uri()
    page.close()


def test_the_sitemap_lists_the_live_pages_only(sites):
    hosted, _ = sites
    sitemap = (hosted / "sitemap.xml").read_text(encoding="utf-8")
    assert f"papers/{NEW}/" in sitemap and f"papers/{OLD}/" not in sitemap and f"papers/{GONE}/" not in sitemap
    catalog = {p["id"] for p in json.loads((hosted / "papers.json").read_text(encoding="utf-8"))}
    assert catalog == {NEW, "deep-sets"}
