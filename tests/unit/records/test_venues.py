"""What a venue is called and which spellings are one venue: the equivalence tables."""
from __future__ import annotations

import pytest

from generator.model.papers import Paper
from generator.records import venues
from generator.records.venues import Alias
from generator.text import venues as venue_text

SERIES = [
    ("Intelligent Robots and Systems (IROS), 2010 IEEE/RSJ International Conference on",
     "IEEE/RSJ International Conference on Intelligent Robots and Systems (IROS)"),
    ("Bernstein Conference 2012, Munich, Germany, 12 Sep - 14 Sep, 2012.", "Bernstein Conference"),
    ("The 15th ACM International Conference on Distributed and Event-based Systems (DEBS '21), June 28-July 2, 2021, "
     "Virtual Event, Italy", "ACM International Conference on Distributed and Event-based Systems (DEBS)"),
    ("Proceedings of the 16th ACM International Conference on Distributed and Event-Based Systems (DEBS'22)",
     "ACM International Conference on Distributed and Event-Based Systems (DEBS)"),
    ("Computer Software and Applications Conference, 2007. COMPSAC 2007. 31st Annual International",
     "Annual International Computer Software and Applications Conference (COMPSAC)"),
    ("In the Proceedings of the IEEE International Symposium on Local and Metropolitan Area Networks (LANMAN 2019).",
     "IEEE International Symposium on Local and Metropolitan Area Networks (LANMAN)"),
    ("ICT.Open 2013, Hilversum, The Netherlands", "ICT.Open"),
    ("Proceedings of the Fifth Workshop on Parsing, Seattle, WA", "Workshop on Parsing"),
    ("Proceedings of the National Academy of Sciences", "Proceedings of the National Academy of Sciences"),
    ("Proceedings of the IEEE", "Proceedings of the IEEE"),
    ("Proc. ICML (2019)", "ICML"),
    ("Proceedings of The 7nd International Conference on Medical Imaging with Deep Learning, PMLR 250:841-856, 2024",
     "International Conference on Medical Imaging with Deep Learning"),
    ("MICCAI 2015", "MICCAI"),
    ("ICLR 2021 Workshop", "ICLR Workshop"),
    ("NeurIPS'21", "NeurIPS"),
    ("Annals of Physics 324, 523", "Annals of Physics"),
    ("Journal of neurophysiology 121 (2)", "Journal of neurophysiology"),
    ("IEEE International Conference on AI Testing (AITest), pp. 26-33", "IEEE International Conference on AI Testing (AITest)"),
    ("Journal of Software Engineering (IJSEA), Vol.3, No.1", "Journal of Software Engineering (IJSEA)"),
    ("VIRUSES-BASEL", "VIRUSES"),
    ("Conference 2019.", "Conference"),
    ("J. Stat.", "J. Stat."),
    ("Adaptive, Dynamic and Resilient Systems", "Adaptive, Dynamic and Resilient Systems"),
    ("PLOS ONE", "PLOS ONE"),
    ("2019", None),
    ("", None),
]


@pytest.mark.parametrize(("venue", "label"), SERIES)
def test_a_venue_is_read_as_its_series(venue, label):
    assert venue_text.series(venue) == label


def paper(n: int, venue: str) -> Paper:
    return Paper(id=f"p{n}", title=f"Paper {n}", abstract="", venue=venue)


ONE = [
    ["PLoS ONE", "PLOS ONE", "PLOS One"],
    ["Proceedings of the 16th ACM International Conference on Distributed and Event-Based Systems (DEBS'22)",
     "Proceedings of the 16th ACM International Conference on Distributed and Event-based Systems (DEBS '22)",
     "Proceedings of the 16th ACM International Conference on Distributed and Event-Based Systems",
     "The 15th ACM International Conference on Distributed and Event-based Systems (DEBS '21), June 28-July 2, 2021, "
     "Virtual Event, Italy"],
    ["IEEE International Conference on Service Oriented Computing and Applications",
     "International Conference on Service-Oriented Computing & Applications",
     "IEEE Conference on Service Oriented Computing and Applications"],
    ["Intelligent Robots and Systems (IROS), 2010 IEEE/RSJ International Conference on",
     "IEEE/RSJ International Conference on Intelligent Robots and Systems", "IROS 2016".replace("IROS 2016",
     "2016 IEEE/RSJ International Conference on Intelligent Robots and Systems (IROS)")],
    ["Phys. Rev. A", "Physical Review A", "PHYSICAL REVIEW A"],
    ["Phys. Rev. Lett.", "Physical review letters"],
    ["Proc. Natl. Acad. Sci. U.S.A.", "Proceedings of the National Academy of Sciences"],
    ["PLoS Comput. Biol.", "PLOS Computational Biology"],
    ["Physica A", "Physica A: Statistical Mechanics and its Applications"],
    ["Advances in Neural Information Processing Systems",
     "Advances in Neural Information Processing Systems 38: Annual Conference on Neural Information Processing Systems"],
    ["Medical Imaging with Deep Learning", "Proceedings of Medical Imaging with Deep Learning"],
    ["MICCAI 2015", "MICCAI 2017"],
    ["VIRUSES-BASEL", "Viruses"],
]

TWO = [
    ("Phys. Rev. A", "Phys. Rev. B"),
    ("Phys. Rev. A", "Physical Review B"),
    ("AAAI Conference on Artificial Intelligence", "International Joint Conference on Artificial Intelligence"),
    ("International Conference on Service Oriented Computing", "International Conference on Service Oriented Computing and Applications"),
    ("ApJ", "ApJS"),
    ("Genes", "Genetics"),
    ("Journal of Physics", "International Journal of Physics"),
    ("J. Chem. Phys.", "Journal of Physical Chemistry"),
    ("Nature", "Nature Physics"),
]


def _venue_of(v: venues.Venues, n: int) -> str:
    return v.of_paper[f"p{n}"]


@pytest.mark.parametrize("spellings", ONE, ids=[s[0] for s in ONE])
def test_spellings_of_one_venue_are_one(spellings):
    v = venues.index(tuple(paper(n, s) for n, s in enumerate(spellings)))
    assert len(v) == 1, [x.name for x in v.venues]


@pytest.mark.parametrize("pair", TWO, ids=[" / ".join(p) for p in TWO])
def test_different_venues_stay_two(pair):
    v = venues.index(tuple(paper(n, s) for n, s in enumerate(pair)))
    assert _venue_of(v, 0) != _venue_of(v, 1)


def test_an_abbreviation_joins_only_a_series_it_alone_fits():
    v = venues.index((paper(0, "J. Phys."), paper(1, "Journal of Physics"), paper(2, "Journal of Physiology")))
    assert len(v) == 3


def test_a_venue_is_named_by_its_clearest_spelling():
    v = venues.index((paper(0, "Phys. Rev. A"), paper(1, "Phys. Rev. A"), paper(2, "Physical Review A"),
                      paper(3, "PARASITES & VECTORS"), paper(4, "BMC VETERINARY RESEARCH"), paper(7, "PEERJ"),
                      paper(8, "FOODS"), paper(9, "APJS"),
                      paper(5, "Proceedings of the 16th ACM International Conference on Distributed and Event-Based Systems"),
                      paper(6, "Proceedings of the 16th ACM International Conference on Distributed and Event-based Systems (DEBS '22)")))
    assert {x.name for x in v.venues} == {"Physical Review A", "Parasites & Vectors", "BMC Veterinary Research", "PeerJ",
                                         "Foods", "APJS",
                                         "ACM International Conference on Distributed and Event-based Systems (DEBS)"}
    assert v.of("p0").spellings == ("Phys. Rev. A", "Physical Review A")


def test_the_alias_file_names_venues_joins_and_keeps_apart():
    papers = (paper(0, "ICSOC 2009"), paper(1, "International Conference on Service Oriented Computing"),
              paper(2, "Nat. Phys."), paper(3, "Nature Physics"))
    v = venues.index(papers, (Alias(0, "International Conference on Service-Oriented Computing (ICSOC)", ("ICSOC",)),
                              Alias(1, "Nature Physics", (), ("Nat. Phys.",))))
    assert v.of("p0") == v.of("p1") and v.of("p0").name == "International Conference on Service-Oriented Computing (ICSOC)"
    assert v.of("p2") != v.of("p3")


@pytest.mark.parametrize(("venue", "year"), [("ICLR 2021", "2021"), ("Bernstein Conference 2012, Munich, 2012.", "2012"),
                                             ("NeurIPS", None), ("From 2019 to 2020", None)])
def test_the_year_a_venue_gives(venue, year):
    assert venue_text.year(venue) == year
