"""Text normalisation: which spellings are the same name, word or search token.

The search tokenizer is run twice over one table: in Python (``search.terms``,
what the index is built with) and in Node over ``docs/assets/search.js`` (what
the browser does with a query); a word the two split differently could never
be found.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import unicodedata

import pytest

from generator.site import search
from generator.text.normalise import (
    ascii_fold,
    clean,
    family_key,
    fold,
    split_name,
    stem,
    title_key,
)
from generator.text.words import SEARCH_STOP_WORDS
from support.project import ROOT

SAME_NAME = [
    ["Ronneberger, Olaf", "O. Ronneberger", "Olaf Ronneberger", "RONNEBERGER, O."],
    ["Ludwig van Beethoven", "Beethoven, Ludwig van", "L. van Beethoven"],
    ["Martin Luther King Jr.", "King, Martin Luther", "M. L. King"],
    ["Kurt Gödel", "Godel, Kurt", "K. GÖDEL"],
    ["Gabriel García Márquez", "García Márquez, Gabriel"],
    ["Sławomir Mrożek", "S. Mrozek"],
    ["山田", "山田"],
]
DIFFERENT_NAME = [("Olaf Ronneberger", "Olaf Schmidt"), ("山田", "田中"), ("Jürgen Schmidhuber", "Jürgen Schmid"),
                  ("Anna Lee", "Anna Li"), ("Ludwig van Beethoven", "Ludwig van Dyck")]


@pytest.mark.parametrize("names", SAME_NAME)
def test_same_person(names):
    assert len({family_key(n) for n in names}) == 1


@pytest.mark.parametrize(("a", "b"), DIFFERENT_NAME)
def test_different_people(a, b):
    assert family_key(a) != family_key(b)


@pytest.mark.parametrize(("name", "parts"), [
    ("Olaf Ronneberger", ("Ronneberger", "Olaf")), ("Ronneberger, Olaf", ("Ronneberger", "Olaf")),
    ("Ludwig van Beethoven", ("van Beethoven", "Ludwig")), ("Martin Luther King Jr.", ("King Jr.", "Martin Luther")),
    ("Plato", ("Plato", "")), (", Olaf", ("Olaf", "")),
])
def test_split_name(name, parts):
    assert split_name(name) == parts


SAME_FOLD = [
    ["Gödel", "Godel", "GÖDEL", "G\u006f\u0308del"],
    ["Straße", "strasse", "STRASSE"],
    ["Łódź", "lodz"],
    ["Æther œuvre", "aether oeuvre"],
    ["U-Net: convolutional $\\mathbf{networks}$", "u net convolutional networks"],
]


@pytest.mark.parametrize("spellings", SAME_FOLD)
def test_same_folded(spellings):
    assert len({fold(s) for s in spellings}) == 1
    assert fold(spellings[0]).isascii()


def test_ascii_fold_keeps_case_and_punctuation():
    assert ascii_fold("Gödel, Łukasz & Ørsted") == "Godel, Lukasz & Orsted"


SAME_TITLE = [
    ["Attention Is All You Need", "attention is all you need", "Attention is all you need.", "ATTENTION  IS ALL YOU NEED"],
    ["日本語の論文", "日本語の論文"],
]
DIFFERENT_TITLE = [("Attention is all you need", "Attention is not all you need"), ("日本語の論文", "中文论文")]


@pytest.mark.parametrize("titles", SAME_TITLE)
def test_same_title(titles):
    assert len({title_key(t) for t in titles}) == 1


@pytest.mark.parametrize(("a", "b"), DIFFERENT_TITLE)
def test_different_titles(a, b):
    assert title_key(a) != title_key(b)


@pytest.mark.parametrize(("word", "expected"), [
    ("networks", "network"), ("symmetries", "symmetry"), ("nets", "net"), ("loss", "loss"), ("corpus", "corpus"),
    ("analysis", "analysis"), ("atlas", "atlas"), ("gas", "gas"), ("ties", "tie"), ("bus", "bus"),
])
def test_stem(word, expected):
    assert stem(word) == expected


def test_clean():
    assert clean("  a\u0000b \t\n c\u0301 ") == "ab ć"
    assert clean(None) == ""


def test_a_text_of_invisible_characters_only_is_no_text_but_they_stay_inside_words():
    assert clean("\u200b") == clean("\ufeff \u2060\u200d") == ""  # a title of only these is no title
    assert clean("Deep\u200bLearning") == "Deep\u200bLearning"  # shown as written
    assert clean("क्\u200dष") == "क्\u200dष"  # the zero-width joiner shapes Devanagari conjuncts
    assert clean("می\u200cخواهم") == "می\u200cخواهم"  # the non-joiner is part of Persian spelling


#: Texts and the search terms they give (after stop words and plurals).
TOKENS = [
    ("Graph Neural Networks", ["graph", "neural", "network"]),
    ("हिन्दी", ["हिन्दी"]),  # vowel signs are marks, not separators
    ("हिन्दी भाषा के लिए", ["हिन्दी", "भाषा", "के", "लिए"]),
    ("naïve café résumés", ["naive", "cafe", "resume"]),
    ("ﬁne-tuning", ["fine", "tuning"]),
    ("The U-Net of the year", ["u", "net", "year"]),
    ("x² and H₂O", ["x2", "h2o"]),
    ("日本語の論文", ["日本語の論文"]),
    ("한국어 논문", [unicodedata.normalize("NFKD", w) for w in ("한국어", "논문")]),  # as jamo, both sides
    ("ΣΟΦΙΑΣ Ωmega", ["σοφιας", "ωmega"]),
    ("snake_case, C++ and 3.14", ["snake", "case", "c", "3", "14"]),
    ("emoji 🔥 fire", ["emoji", "fire"]),
    ("", []),
]


@pytest.mark.parametrize(("text", "expected"), TOKENS)
def test_search_terms(text, expected):
    assert search.terms(text) == expected


def test_browser_tokenizer_agrees_with_the_index():
    node = shutil.which("node")
    assert node, "the search tokenizer test needs Node (apt-get install nodejs)"
    script = ("const {terms} = require(process.argv[1]);"
              "const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
              "process.stdout.write(JSON.stringify(cases.texts.map(t => terms(t, new Set(cases.stop)))));")
    cases = {"texts": [t for t, _ in TOKENS], "stop": sorted(SEARCH_STOP_WORDS)}
    done = subprocess.run([node, "-e", script, str(ROOT / "docs" / "assets" / "search.js")],
                          input=json.dumps(cases), capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == [search.terms(t) for t, _ in TOKENS] == [e for _, e in TOKENS]
