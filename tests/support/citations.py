"""A record of a book chapter with every field a chapter is cited with, for the tests that build
a site from it (tests/unit/site/test_citations.py, tests/sites/test_standards.py)."""

CHAPTER = """\
- title: Handeln und Planen in komplexen Situationen
  abstract: How people plan and act in complex, dynamic situations, and where their planning of actions fails.
  authors: [Dietrich Dörner, Harald Schaub]
  published: "1999"
  type: incollection
  booktitle: Planen und Handeln
  editors: [Joachim Hoffmann, Walter Kintsch]
  publisher: Hogrefe
  address: Göttingen
  pages: 243--270
  isbn: 978-3-16-148410-0
"""
