"""A record's keywords (generator/text/keywords.py): split as the exports write them, cleaned
of an indexer's marks. The lists are modelled on PubMed/MEDLINE exports (JabRef, BibDesk),
Scopus index keywords and Zotero's OpenAlex concepts."""
from __future__ import annotations

import pytest

from generator.text.keywords import clean, split

PUBMED = ("Adult, Aged, Aged, 80 and over, Biomarkers/*metabolism, Blotting, Western, Female, Humans, "
          "Male, Middle Aged, Models, Biological, *Ventricular Function, Left, Receptors, Estrogen/metabolism, "
          "Cells, Cultured, Genome, Insect, Evolution, Molecular, Exons, Spondylitis, Ankylosing/*rehabilitation")


def test_a_mesh_heading_with_a_comma_of_its_own_is_one_keyword():
    """"Aged, 80 and over" was read as "Aged" and "80 and over"; "Models, Biological" as
    "Models" and "Biological"."""
    assert split(PUBMED) == [
        "Adult", "Aged", "Aged, 80 and over", "Biomarkers/*metabolism", "Blotting, Western", "Female", "Humans",
        "Male", "Middle Aged", "Models, Biological", "*Ventricular Function, Left", "Receptors, Estrogen/metabolism",
        "Cells, Cultured", "Genome, Insect", "Evolution, Molecular", "Exons", "Spondylitis, Ankylosing/*rehabilitation"]


def test_keywords_that_are_no_mesh_list_split_at_every_comma_or_at_semicolons():
    assert split("Limb development, Somatic mutation, Hyperostosis, Sclerotomes") == \
        ["Limb development", "Somatic mutation", "Hyperostosis", "Sclerotomes"]
    assert split("Models, statistical, deep learning") == ["Models", "statistical", "deep learning"]
    assert split("Education, Medical; Students; human ;article") == ["Education, Medical", "Students", "human", "article"]
    assert split("") == [] and split(" , ;") == []


@pytest.mark.parametrize(("keyword", "shown"), [
    ("*Neurons/physiology", "Neurons"),
    ("Genomics/*methods", "Genomics"),
    ("Heart Failure/blood/*therapy", "Heart Failure"),
    ("Models, Biological", "Biological Models"),
    ("Receptors, Estrogen/metabolism", "Estrogen Receptors"),
    ("Spondylitis, Ankylosing/*rehabilitation", "Ankylosing Spondylitis"),
    ("Education, Medical", "Medical Education"),
    ("Aged, 80 and over", "Aged, 80 and over"),
    ("Pattern recognition (psychology)", "Pattern recognition"),
    ("Stimulus (psychology)", "Stimulus"),
    ("TCP/IP", "TCP/IP"),
    ("input/output", "input/output"),
    ("planets and satellites: atmospheres", "planets and satellites: atmospheres"),
    ("Quantum dots (QDs)", "Quantum dots"),
    ("Classifier (UML)", "Classifier"),
])
def test_a_keyword_is_shown_without_an_indexers_marks(keyword, shown):
    assert clean(keyword) == shown
