"""Who is one person: the equivalence tables ("these are one person", "these are two"),
ids that decide, and the index the records stage builds."""
from __future__ import annotations

import pytest

from generator.model.papers import Paper
from generator.model.people import People, Person
from generator.records import people
from generator.text import names

ORCID_A, ORCID_B = "orcid:0000-0002-1825-0097", "orcid:0000-0002-1694-233X"


def paper(n: int, authors: tuple[str, ...], ids: tuple[tuple[str, str], ...] = ()) -> Paper:
    return Paper(id=f"p{n}", title=f"Paper {n}", abstract="", authors=authors, author_ids=ids)


def person_of(who: People, n: int, spelling: str) -> str:
    """The slug of the person ``spelling`` is on paper ``n``."""
    (p,) = [p for p in who.persons if f"p{n}" in p.papers and spelling in p.spellings]
    return p.slug


# Each row: the papers' author lists, then (paper number, spelling) pairs that must be one person.
SAME = [
    ([("Olaf Ronneberger", "Thomas Brox"), ("Olaf Ronneberger",)], [(0, "Olaf Ronneberger"), (1, "Olaf Ronneberger")]),
    # One spelling: case, word order, dots after initials.
    ([("Kurt Gödel",), ("GÖDEL, KURT",), ("Gödel, Kurt",)], [(0, "Kurt Gödel"), (1, "KURT GÖDEL"), (2, "Kurt Gödel")]),
    ([("Sebastian U Stich",), ("Sebastian U. Stich",)], [(0, "Sebastian U Stich"), (1, "Sebastian U. Stich")]),
    ([("J.M. Smith",), ("JM Smith",), ("Smith, J. M.",)], [(0, "J.M. Smith"), (1, "JM Smith"), (2, "J. M. Smith")]),
    ([("Ludwig van Beethoven", "X Y"), ("Beethoven, Ludwig van",)], [(0, "Ludwig van Beethoven"), (1, "Ludwig van Beethoven")]),
    ([("Adrian Del Maestro",), ("Del Maestro, Adrian",), ("ADRIAN DEL MAESTRO",)],
     [(0, "Adrian Del Maestro"), (1, "Adrian Del Maestro"), (2, "ADRIAN DEL MAESTRO")]),
    ([("Juan de la Cruz",), ("de la Cruz, Juan",)], [(0, "Juan de la Cruz"), (1, "Juan de la Cruz")]),
    # Middle initials, with a co-author in common (the issue's own case).
    ([("David M. Dormagen", "Tim Landgraf"), ("David Dormagen", "Tim Landgraf")],
     [(0, "David M. Dormagen"), (1, "David Dormagen")]),
    ([("David Alexander Klindt", "Ann Lee"), ("David A. Klindt", "A. Lee"), ("David Klindt", "Ann Lee")],
     [(0, "David Alexander Klindt"), (1, "David A. Klindt"), (2, "David Klindt")]),
    ([("Mary Chester Wasko", "Ann Lee"), ("Mary Chester M Wasko", "Ann Lee")],
     [(0, "Mary Chester Wasko"), (1, "Mary Chester M Wasko")]),
    # Initials for names.
    ([("O. Ronneberger", "T. Brox"), ("Olaf Ronneberger", "Thomas Brox")], [(0, "O. Ronneberger"), (1, "Olaf Ronneberger")]),
    ([("Ronneberger, O.", "Brox, T."), ("Olaf Ronneberger", "Thomas Brox")], [(0, "O. Ronneberger"), (1, "Olaf Ronneberger")]),
    ([("P. Berens", "Thomas Euler"), ("Philipp Berens", "Thomas Euler")], [(0, "P. Berens"), (1, "Philipp Berens")]),
    ([("J. M. Smith", "Ann Lee"), ("John Michael Smith", "Ann Lee")], [(0, "J. M. Smith"), (1, "John Michael Smith")]),
    ([("J. Smith", "Ann Lee"), ("John Michael Smith", "A. Lee")], [(0, "J. Smith"), (1, "John Michael Smith")]),
    ([("AV Gibbons", "SA Waldman"), ("Ahmara Vivian Gibbons", "Scott Waldman")], [(0, "AV Gibbons"), (1, "Ahmara Vivian Gibbons")]),
    ([("SJ Craig", "Kateryna Makova"), ("SJC Craig", "K. D. Makova")], [(0, "SJ Craig"), (1, "SJC Craig")]),
    ([("A. Del Maestro", "Bohdan Kulchytskyy"), ("Adrian Del Maestro", "B. Kulchytskyy")],
     [(0, "A. Del Maestro"), (1, "Adrian Del Maestro")]),
    ([("Del Maestro, A.", "Kulchytskyy, B."), ("Adrian Del Maestro", "Bohdan Kulchytskyy")],
     [(0, "A. Del Maestro"), (1, "Adrian Del Maestro")]),
    # Accents and hyphens, with a co-author in common.
    ([("Anna Müller", "Ann Lee"), ("Anna Muller", "Ann Lee")], [(0, "Anna Müller"), (1, "Anna Muller")]),
    ([("Jean-Luc Picard", "Ann Lee"), ("Jean Luc Picard", "Ann Lee"), ("J.-L. Picard", "Ann Lee")],
     [(0, "Jean-Luc Picard"), (1, "Jean Luc Picard"), (2, "J.-L. Picard")]),
    ([("Xiaohui Zhang", "Douglas Zhou"), ("Xiao-hui Zhang", "Douglas Zhou"), ("Xiao hui Zhang", "D. Zhou")],
     [(0, "Xiaohui Zhang"), (1, "Xiao-hui Zhang"), (2, "Xiao hui Zhang")]),
    ([("Zhi-Qin John Xu", "Ann Lee"), ("Zhiqin Xu", "Ann Lee")], [(0, "Zhi-Qin John Xu"), (1, "Zhiqin Xu")]),
    ([("PierAlberto Bertazzi", "Ann Lee"), ("Pier Alberto Bertazzi", "Ann Lee")],
     [(0, "PierAlberto Bertazzi"), (1, "Pier Alberto Bertazzi")]),
    ([("K-P Koepfli", "Ann Lee"), ("KP Koepfli", "Ann Lee")], [(0, "K-P Koepfli"), (1, "KP Koepfli")]),
    # A persistent id decides, co-author or not, whatever the spelling.
    ([("Katia Russo",), ("K. Russo",)], [(0, "Katia Russo"), (1, "K. Russo")], [((0, "Katia Russo", ORCID_A)), (1, "K. Russo", ORCID_A)]),
    ([("Russo, Katia", "B C"), ("Katia Russo-Rossi",)], [(0, "Katia Russo"), (1, "Katia Russo-Rossi")],
     [(0, "RUSSO, KATIA", ORCID_A), (1, "Russo-Rossi, Katia", ORCID_A)]),
    ([("Olaf Ronneberger",), ("O. Ronneberger",)], [(0, "Olaf Ronneberger"), (1, "O. Ronneberger")],
     [(0, "Olaf Ronneberger", "s2:1737326"), (1, "O. Ronneberger", "s2:1737326")]),
    # Initials that fit two people: the one with a co-author in common, or with clearly more.
    ([("L. M. Koch", "Ann Lee"), ("Lisa M. Koch", "Ann Lee"), ("Lukas M. Koch", "Bob Ray")],
     [(0, "L. M. Koch"), (1, "Lisa M. Koch")]),
    ([("L. M. Koch", "Ann Lee", "Bo Wu", "Cy Ng", "Philipp Berens"), ("Lisa M. Koch", "Ann Lee", "Bo Wu"),
      ("Lisa M. Koch", "Cy Ng"), ("Lukas M. Koch", "Philipp Berens")], [(0, "L. M. Koch"), (1, "Lisa M. Koch")]),
]

# Each row: the papers' author lists, then two (paper number, spelling) pairs that must be two people.
APART = [
    ([("John Smith",), ("Jane Smith",)], ((0, "John Smith"), (1, "Jane Smith"))),
    # Variants without a co-author in common.
    ([("J. Smith", "Ann Lee"), ("John Smith", "Bob Ray")], ((0, "J. Smith"), (1, "John Smith"))),
    ([("David M. Dormagen", "Tim Landgraf"), ("David Dormagen", "Bob Ray")], ((0, "David M. Dormagen"), (1, "David Dormagen"))),
    ([("Kurt Gödel",), ("Kurt Godel",)], ((0, "Kurt Gödel"), (1, "Kurt Godel"))),
    ([("Jean-Luc Picard", "Ann Lee"), ("Jean Luc Picard", "Bob Ray")], ((0, "Jean-Luc Picard"), (1, "Jean Luc Picard"))),
    ([("A. Del Maestro", "Bohdan Kulchytskyy"), ("Adrian Del Maestro", "Sam Lee")], ((0, "A. Del Maestro"), (1, "Adrian Del Maestro"))),
    # Initials that fit two people who both share co-authors: left alone.
    ([("J. Smith", "Ann Lee"), ("John Smith", "Ann Lee"), ("Jane Smith", "Ann Lee")], ((0, "J. Smith"), (1, "John Smith"))),
    ([("J. Smith", "Ann Lee"), ("John Smith", "Ann Lee"), ("Jane Smith", "Ann Lee")], ((0, "J. Smith"), (2, "Jane Smith"))),
    ([("L. Koch", "Ann Lee"), ("Lisa Koch", "Ann Lee"), ("Lukas Koch", "Ann Lee")], ((0, "L. Koch"), (1, "Lisa Koch"))),
    ([("L. Koch", "Ann Lee", "Bo Wu", "Cy Ng", "Dan Oh", "Eve Li"), ("Lisa Koch", "Ann Lee", "Bo Wu", "Cy Ng"),
      ("Lukas Koch", "Dan Oh", "Eve Li")], ((0, "L. Koch"), (1, "Lisa Koch"))),  # 3 co-authors against 2: not clearly more
    # Not the same names.
    ([("K. Smith", "Ann Lee"), ("John Smith", "Ann Lee")], ((0, "K. Smith"), (1, "John Smith"))),
    ([("J. A. Smith", "Ann Lee"), ("J. B. Smith", "Ann Lee")], ((0, "J. A. Smith"), (1, "J. B. Smith"))),
    ([("Olaf Ronneberger", "X Y"), ("Olga Ronneberger", "X Y")], ((0, "Olaf Ronneberger"), (1, "Olga Ronneberger"))),
    ([("Wei Wang", "Li Na"), ("Wei Zhang", "Li Na")], ((0, "Wei Wang"), (1, "Wei Zhang"))),
    ([("Lukas M. Koch", "Ann Lee"), ("Lisa M. Koch", "Ann Lee")], ((0, "Lukas M. Koch"), (1, "Lisa M. Koch"))),
    # A hyphenated given name is one name, not a name and a middle name.
    ([("Xiao-Jing Wang", "Ann Lee"), ("Xiao Wang", "Ann Lee")], ((0, "Xiao-Jing Wang"), (1, "Xiao Wang"))),
    # A family name is compared whole: its particles are part of it.
    ([("Adrian Del Maestro", "X Y"), ("Adrian Maestro", "X Y")], ((0, "Adrian Del Maestro"), (1, "Adrian Maestro"))),
    ([("Adrian Del Maestro",), ("Adrian Di Maestro",)], ((0, "Adrian Del Maestro"), (1, "Adrian Di Maestro"))),
    ([("A. Maestro", "X Y"), ("Adrian Del Maestro", "X Y")], ((0, "A. Maestro"), (1, "Adrian Del Maestro"))),
    # Two authors of one paper are two people, however alike their names.
    ([("Lisa Koch", "L. Koch", "Ann Lee"), ("Lisa Koch", "Ann Lee")], ((0, "Lisa Koch"), (0, "L. Koch"))),
    # Two ORCID iDs: two people, one spelling or not, co-author or not.
    ([("J. Smith", "Ann Lee"), ("J. Smith", "Ann Lee")], ((0, "J. Smith"), (1, "J. Smith")),
     [(0, "J. Smith", ORCID_A), (1, "J. Smith", ORCID_B)]),
    ([("John Smith", "Ann Lee"), ("J. Smith", "Ann Lee")], ((0, "John Smith"), (1, "J. Smith")),
     [(0, "John Smith", ORCID_A), (1, "J. Smith", ORCID_B)]),
]


def _papers(lists, ids=()):
    given: dict[int, list] = {}
    for n, spelling, found in ids:
        given.setdefault(n, []).append((spelling, found))
    return tuple(paper(n, a, tuple(given.get(n, ()))) for n, a in enumerate(lists))


@pytest.mark.parametrize("row", SAME, ids=[" / ".join(s for _, s in r[1]) for r in SAME])
def test_spellings_of_one_person_merge(row):
    lists, which, *ids = row
    who = people.index(_papers(lists, ids[0] if ids else ()))
    assert len({person_of(who, n, s) for n, s in which}) == 1, who.persons


@pytest.mark.parametrize("row", APART, ids=[" / ".join(s for _, s in r[1]) for r in APART])
def test_different_people_stay_apart(row):
    lists, (a, b), *ids = row
    who = people.index(_papers(lists, ids[0] if ids else ()))
    assert person_of(who, *a) != person_of(who, *b), who.persons


def test_an_orcid_id_gives_the_id_less_spelling_to_the_person_it_wrote_with():
    papers = _papers([("J. Smith", "Ann Lee"), ("J. Smith", "Bob Ray"), ("J. Smith", "Ann Lee")],
                     [(0, "J. Smith", ORCID_A), (1, "J. Smith", ORCID_B)])
    who = people.index(papers)
    assert person_of(who, 2, "J. Smith") == person_of(who, 0, "J. Smith") != person_of(who, 1, "J. Smith")
    assert who.by_orcid(ORCID_A).papers == ("p0", "p2") and who.by_orcid(ORCID_B.removeprefix("orcid:")).papers == ("p1",)


def test_a_person_is_named_by_the_fullest_spelling():
    papers = (paper(1, ("O. Ronneberger", "T. Brox")), paper(2, ("Olaf Ronneberger", "Thomas Brox")),
              paper(3, ("JIASHI FENG",)), paper(4, ("Jiashi Feng",)), paper(5, ("Sébastien Lachapelle", "A B")),
              paper(6, ("Sebastien Lachapelle", "A B")), paper(7, ("Ronneberger, Olaf",)),
              paper(8, ("David A. Klindt", "A B")), paper(9, ("David Klindt", "A B")))
    who = people.index(papers)
    assert {p.name for p in who.persons} == {"Olaf Ronneberger", "Thomas Brox", "Jiashi Feng", "Sébastien Lachapelle",
                                            "A B", "David A. Klindt"}
    (olaf,) = who.by_name("O. Ronneberger")
    assert olaf.papers == ("p1", "p2", "p7") and olaf.spellings[0] == "Olaf Ronneberger"
    assert who.authors("p1") == (olaf, who.by_name("T. Brox")[0])


def test_the_index_refuses_two_persons_with_one_slug_or_orcid():
    a = Person("ann", "Ann", ("Ann",), ("orcid:0000-0002-1825-0097",), ("p1",))
    with pytest.raises(ValueError, match="'ann'"):
        People((a, Person("ann", "Ann B", ("Ann B",))))
    with pytest.raises(ValueError, match="0000-0002-1825-0097"):
        People((a, Person("ann-b", "Ann B", ("Ann B",), a.ids)))
    with pytest.raises(ValueError, match="bob"):
        People((a,), {"p1": ("bob",)})


@pytest.mark.parametrize(("a", "b", "fits"), [
    ("David M. Dormagen", "David Dormagen", True),
    ("Philipp Berens", "P. Berens", True),
    ("Müller, Anna", "Anna Muller", True),
    ("Jean-Luc Picard", "Jean Luc Picard", True),
    ("Zhong qi Kyle Tian", "Zhong-qi K. Tian", True),
    ("Xiao-Jing Wang", "Xiao Wang", False),
    ("J. A. Smith", "J. B. Smith", False),
    ("Widyawan", "W. Widyawan", False),
    ("Lukas M. Koch", "Lisa M. Koch", False),
    ("Y-A Lee", "YH Lee", False),
    ("Yoo-Ah Lee", "Y. H. Lee", False),
    ("Y-A Lee", "Y. Lee", True),
    ("Zhi-Qin John Xu", "Z. Q. Xu", True),
])
def test_compatible_spellings(a, b, fits):
    assert names.compatible(names.parse(a), names.parse(b)) is fits
    assert names.compatible(names.parse(b), names.parse(a)) is fits
