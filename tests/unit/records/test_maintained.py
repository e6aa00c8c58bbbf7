"""The maintainer's data/people.yml and data/venues.yml: what they do, and every mistake reported
with the file and the line."""
from __future__ import annotations

from generator import pipeline
from support.project import make_site_project

SOURCES = {"lab.yml": """\
- title: Honeybee Tracking at Scale
  abstract: We track every bee of a colony for weeks.
  authors: [David M. Dormagen, Tim Landgraf]
  venue: PLoS ONE
  published: 2017
- title: Waggle Dance Decoding
  abstract: We decode waggle dances from video.
  authors: [David Dormagen, Benjamin Wild]
  venue: PLOS ONE
  published: 2020
- title: Robotic Bees
  abstract: A robot that dances.
  authors: [J. Smith, Tim Landgraf]
  venue: Proc. ICRA 2019
- title: Bee Genomes
  abstract: A genome of a bee.
  authors: [J. Smith, Ann Lee]
  venue: Phys. Rev. A
"""}


def build(tmp_path, people: str | None = None, venues: str | None = None):
    project = make_site_project(tmp_path, SOURCES, site=False)
    for name, text in (("people.yml", people), ("venues.yml", venues)):
        if text is not None:
            (project.root / "data" / name).write_text(text, encoding="utf-8")
    return pipeline.collect(project.settings)


def test_without_the_files_variants_without_a_shared_coauthor_stay_apart(tmp_path):
    result = build(tmp_path)
    people = result.collection.people
    assert len(people.by_name("David Dormagen")) == 1 and people.by_name("David Dormagen") != people.by_name("David M. Dormagen")
    assert len(people.by_name("J. Smith")) == 1  # one spelling: one person


def test_the_people_file_merges_splits_and_names(tmp_path):
    papers = {p.title: p.id for p in build(tmp_path).collection.papers}
    result = build(tmp_path / "2", people=f"""\
- name: David M. Dormagen
  orcid: https://orcid.org/0000-0002-1825-0097
  spellings: [David Dormagen]
- name: John Smith
  spellings: [J. Smith]
  papers: [{papers["Robotic Bees"]}]
- name: Jane Smith
  spellings: [J. Smith]
  papers: [{papers["Bee Genomes"]}]
""")
    assert not [p for p in result.problems if p.is_error], result.problems
    people = result.collection.people
    (david,) = people.by_name("David Dormagen")
    assert david.name == "David M. Dormagen" and len(david.papers) == 2 and david.orcid == "0000-0002-1825-0097"
    assert people.by_orcid("0000-0002-1825-0097") is david
    assert {p.name for p in people.by_name("J. Smith")} == {"John Smith", "Jane Smith"}


def test_the_people_file_keeps_a_spelling_apart(tmp_path):
    result = build(tmp_path, people="- name: David M. Dormagen\n  not: [David Dormagen]\n")
    people = result.collection.people
    assert people.by_name("David Dormagen") != people.by_name("David M. Dormagen")


def test_mistakes_in_the_people_file_are_errors_with_file_and_line(tmp_path):
    result = build(tmp_path, people="""\
- name: David M. Dormagen
  orcid: 0000-0002-1825-0098
- name: Someone
  papers: [no-such-paper]
- spellings: [X]
- name: Tim Landgraf
  email: tim@example.org
- name: Nobody Here
- name: Jane Smith
  spellings: [J. Smith]
- name: John Smith
  spellings: [J. Smith]
""")
    found = {(p.path, p.line, p.severity.name) for p in result.problems if p.path == "data/people.yml"}
    messages = " | ".join(p.message for p in result.problems if p.path == "data/people.yml")
    assert ("data/people.yml", 1, "ERROR") in found and "no ORCID iD" in messages
    assert ("data/people.yml", 3, "ERROR") in found and "no-such-paper" in messages
    assert ("data/people.yml", 5, "ERROR") in found and "needs a name" in messages
    assert ("data/people.yml", 6, "ERROR") in found and "email" in messages
    assert ("data/people.yml", 8, "WARNING") in found and "Nobody Here" in messages
    assert ("data/people.yml", 11, "ERROR") in found and "'J. Smith' is given to 'Jane Smith'" in messages


def test_the_venue_file_names_and_aliases_venues(tmp_path):
    result = build(tmp_path, venues="""\
- name: IEEE International Conference on Robotics and Automation (ICRA)
  aliases: [Proc. ICRA, ICRA]
- name: Physical Review A
  aliases: [Phys. Rev. A]
""")
    assert not [p for p in result.problems if p.is_error], result.problems
    names = sorted(v.name for v in result.collection.venues.venues)
    assert names == ["IEEE International Conference on Robotics and Automation (ICRA)", "PLOS ONE", "Physical Review A"]


def test_mistakes_in_the_venue_file_are_errors_with_file_and_line(tmp_path):
    result = build(tmp_path, venues="- name: Physical Review A\n  aliases: Phys. Rev. A\n- [x]\n")
    found = {(p.line, p.severity.name) for p in result.problems if p.path == "data/venues.yml"}
    assert found == {(1, "ERROR"), (3, "ERROR")}
    result = build(tmp_path / "2", venues="name: Physical Review A\n")
    assert [(p.path, p.line) for p in result.problems if p.is_error] == [("data/venues.yml", 1)]
