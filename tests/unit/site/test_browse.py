"""Who is one author, what a venue is called, and the author, venue and year pages."""
from __future__ import annotations

import pytest

from generator import pipeline
from generator.model.papers import Paper
from generator.records import people, venues
from support.project import make_site_project


def paper(n: int, authors: tuple[str, ...], venue: str | None = None, published: str | None = None) -> Paper:
    return Paper(id=f"p{n}", title=f"Paper {n}", abstract="", authors=authors, venue=venue, published=published)


SOURCES = {"people.yml": """
- title: "Convolutional Networks for Biomedical Image Segmentation"
  abstract: A network and training strategy for segmentation.
  authors: [Olaf Ronneberger, Philipp Fischer, Thomas Brox]
  published: 2015-05-18
  venue: MICCAI 2015
- title: "Image Segmentation with Fewer Labels"
  abstract: Semi-supervised segmentation of cells.
  authors: [O. Ronneberger, Thomas Brox]
  published: 2017
  venue: MICCAI 2017
- title: "Optical Flow Estimation with Networks"
  abstract: Learning optical flow.
  authors: [Thomas Brox, Eddy Ilg]
  published: 2016-12
  venue: CVPR 2016
- title: "A Paper Without Venue or Date"
  abstract: Nothing else is known.
  authors: [Zoë Ünal]
"""}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = make_site_project(tmp_path_factory.mktemp("browse"), SOURCES, site=False)
    result = pipeline.build(project.settings)
    return project, result


def test_author_pages_list_every_paper_newest_first_with_coauthors(built):
    project, result = built
    page = (project.docs / "authors" / "olaf-ronneberger.md").read_text(encoding="utf-8")
    first, second = page.index("Image Segmentation with Fewer Labels"), page.index("Convolutional Networks for Biomedical")
    assert first < second, "newest first"
    assert "<strong>2 papers</strong>" in page
    assert 'href="../thomas-brox/"' in page and 'href="../philipp-fischer/"' in page
    brox = (project.docs / "authors" / "thomas-brox.md").read_text(encoding="utf-8")
    assert "<strong>3 papers</strong>" in brox
    index = (project.docs / "authors" / "index.md").read_text(encoding="utf-8")
    for slug in ("olaf-ronneberger", "thomas-brox", "eddy-ilg", "philipp-fischer", "zoe-unal"):
        assert f'<a href="{slug}/">' in index
        assert f"authors/{slug}.md" in result.files.links("authors/index.md")
    assert not (project.docs / "authors" / "o-ronneberger.md").exists()


def test_venue_and_year_pages(built):
    project, _ = built
    miccai = (project.docs / "venues" / "miccai.md").read_text(encoding="utf-8")
    assert "<strong>2 papers</strong>" in miccai and "Fewer Labels" in miccai and "Optical Flow" not in miccai
    assert (project.docs / "venues" / "cvpr.md").exists()
    venues = (project.docs / "venues" / "index.md").read_text(encoding="utf-8")
    assert venues.index('href="miccai/"') < venues.index('href="cvpr/"'), "most papers first"
    y2016 = (project.docs / "years" / "2016.md").read_text(encoding="utf-8")
    assert "Optical Flow" in y2016 and "Fewer Labels" not in y2016
    years = (project.docs / "years" / "index.md").read_text(encoding="utf-8")
    assert years.index('href="2017/"') < years.index('href="2016/"') < years.index('href="2015/"')


def test_paper_pages_link_authors_venue_and_year(built):
    project, result = built
    (p,) = [p for p in result.collection.papers if p.title.startswith("Image Segmentation")]
    page = (project.docs / "papers" / f"{p.id}.md").read_text(encoding="utf-8")
    assert 'href="../../authors/olaf-ronneberger/">O. Ronneberger</a>' in page
    assert 'href="../../authors/thomas-brox/">' in page
    assert 'href="../../venues/miccai/">MICCAI 2017</a>' in page and 'href="../../years/2017/">2017</a>' in page
    assert _links_to_indexes(result.files, "index.md") == {"authors/index.md", "venues/index.md", "years/index.md"}


def test_author_venue_and_year_pages_stay_out_of_the_navigation(built):
    _, result = built
    flat = repr(result.nav)
    assert "authors/" not in flat and "venues/" not in flat and "years/" not in flat


def test_an_author_or_venue_page_never_takes_a_reserved_slug():
    papers = (paper(1, ("Index",), venue="Index"), paper(2, ("Ann Index",)))
    assert {v.slug for v in venues.index(papers).venues} == {"index-2"}
    assert {p.slug for p in people.index(papers).persons} == {"index-2", "ann-index"}
    assert people.unique_slugs(["Index", "index", "Index 2", ""]) == ["index-2", "index-3", "index-2-2", "unnamed"]


# --- honest doors: an index only where the collection has something to list -----------------------

BARE = {"a.yml": """\
- title: A Paper With a Title Only
  abstract: Diffusion models generate images by reversing a noising process; we study the schedule.
- title: Another Paper With a Title Only
  abstract: Graph neural networks pass messages between the nodes of a graph; we study their power.
"""}


def _links_to_indexes(files, page: str) -> set[str]:
    """The indexes the page links to: recorded as the generator wrote the page's HTML, or written
    as Markdown links (the search page)."""
    indexes = ("authors/index.md", "venues/index.md", "years/index.md")
    return {path for path in indexes if path in files.links(page) or f"(../{path})" in files[page]}


def test_a_collection_without_authors_venues_or_years_has_no_such_page_or_link(tmp_path):
    project = make_site_project(tmp_path, BARE, site=False)
    result = pipeline.build(project.settings)
    assert not [p for p in result.files if p.startswith(("authors/", "venues/", "years/"))]
    for page in ("index.md", "search/index.md"):
        assert not _links_to_indexes(result.files, page), page
    assert ">Authors</a>" not in result.files["index.md"] and ">Years</a>" not in result.files["index.md"]


def test_only_the_indexes_a_collection_has_are_offered(tmp_path):
    dated = {"a.yml": BARE["a.yml"] + "  published: 2021-03\n"}  # the second paper gets a date
    project = make_site_project(tmp_path, dated, site=False)
    result = pipeline.build(project.settings)
    assert {p for p in result.files if p.startswith(("authors/", "venues/", "years/"))} == {
        "years/index.md", "years/2021.md"}
    assert _links_to_indexes(result.files, "index.md") == {"years/index.md"}
    assert _links_to_indexes(result.files, "search/index.md") == {"years/index.md"}
    assert not _links_to_indexes(result.files, "years/index.md")  # no link from Years to an absent index


def test_each_index_links_the_others(built):
    _, result = built
    assert _links_to_indexes(result.files, "authors/index.md") == {"venues/index.md", "years/index.md"}
    assert _links_to_indexes(result.files, "venues/index.md") == {"authors/index.md", "years/index.md"}
    assert _links_to_indexes(result.files, "years/index.md") == {"authors/index.md", "venues/index.md"}
