"""The chunked search index: terms, joined and split words, typo word lists, identifiers, facets."""
from __future__ import annotations

import json

import pytest

from generator import search
from generator.models import Collection, Paper, Taxonomy, Topic

# A text and terms its index must hold (beside its plain words).
INDEXED = [
    ("PC-DARTS: Partial Channel", {"pc", "dart", "pcdart", "partial", "channel"}),
    ("PirateNets", {"piratenet", "pirate", "net"}),
    ("GPT-4 and ResNet50", {"gpt", "4", "gpt4", "resnet50", "res", "net", "50"}),
    ("BERTScore", {"bertscore", "bert", "score"}),
    ("U-Net", {"u", "net", "unet"}),
    ("nnU-Net", {"nnu", "net", "nnunet", "nn"}),
    ("ﬁne-tuning", {"fine", "tuning", "finetuning"}),
    ("Gödel's proof", {"godel", "proof"}),
]


@pytest.mark.parametrize(("text", "expected"), INDEXED)
def test_index_terms_hold_split_and_joined_forms(text, expected):
    assert expected <= set(search.index_terms(text))


def test_query_terms_are_the_plain_words():
    """A query is tokenised like the index's plain words: the browser does the same."""
    assert search.terms("pirate nets") == ["pirate", "net"]
    assert search.terms("PC-DARTS") == ["pc", "dart"]
    assert set(search.terms("PC-DARTS")) <= set(search.index_terms("PC-DARTS"))


def test_shard_key_goes_deeper_where_a_prefix_is_split():
    assert search.shard_key("network", set()) == "ne"
    assert search.shard_key("network", {"ne"}) == "net"
    assert search.shard_key("network", {"ne", "net"}) == "netw"
    assert search.shard_key("ne", {"ne"}) == "ne_"
    assert search.shard_key("net", {"ne", "net"}) == "net_"


def test_vocab_keys_find_words_with_a_typo_in_the_first_letters():
    word = "hypergraph"
    for typo in ("ypergraph", "hpergraph", "jypergraph", "hupergraph", "yhpergraph", "hypregraph", "xhypergraph"):
        assert search.vocab_keys(word) & search.vocab_keys(typo), typo


TOPICS = (Topic("a", "Topic A", ""), Topic("b", "Topic B", ""))


def collection(n: int = 30) -> Collection:
    papers = [Paper(id=f"p{i:03d}", title=f"Hypergraph learning {i}" if i % 3 == 0 else f"Graph study {i}",
                    abstract="We study networks " * (1 + i % 4), authors=(f"Ann Author{i % 5}", "Bob Common"),
                    published=f"{2000 + i % 4}-01-01", venue="ICLR 2020" if i % 2 else None,
                    arxiv=f"2101.{i:05d}", doi=f"10.1000/X{i}", topic=TOPICS[i % 2].slug, tags=("t1",) if i % 2 else ())
              for i in range(n)]
    return Collection(tuple(papers), Taxonomy(TOPICS, ()), {"t1": "Tag One"})


@pytest.fixture(scope="module")
def index() -> dict[str, object]:
    return {path: json.loads(text) for path, text in search.build(collection()).items()}


def shard_of(index, term):
    m = index["search-index/manifest.json"]
    return index[f"search-index/t/{search.shard_key(term, set(m['split'])).encode().hex()}.json"]


def docs_of(entry) -> list[int]:
    out, doc = [], 0
    for d in entry[0]:
        doc += d
        out.append(doc)
    return out


def test_postings_mark_title_hits_with_the_title_length(index):
    entry = shard_of(index, "hypergraph")["hypergraph"]
    docs = docs_of(entry)
    assert docs == list(range(0, 30, 3))
    hits = entry[2]
    assert hits[1::2] == [3] * 10  # "hypergraph learning N": three title terms
    assert len(entry[1]) == len(docs) and all(s > 0 for s in entry[1])


def test_facet_terms_filter_by_topic_year_author_and_venue(index):
    m = index["search-index/manifest.json"]
    assert m["topics"] == ["Topic A", "Topic B"]
    assert docs_of(shard_of(index, "~t1")["~t1"]) == list(range(1, 30, 2))
    assert docs_of(shard_of(index, "~y2001")["~y2001"]) == list(range(1, 30, 4))
    names = index["search-index/n/a-0.json"]
    common = names.index("Bob Common")
    assert docs_of(shard_of(index, f"~a{common}")[f"~a{common}"]) == list(range(30))
    assert index["search-index/n/v-0.json"] == ["ICLR"]
    rows = index["search-index/x/0.json"]
    assert rows[1][:3] == [1, 2001, 0] and rows[1][3] == [0] and common in rows[1][4]


def test_identifiers_lead_to_their_paper(index):
    ids = {}
    for path, value in index.items():
        if path.startswith("search-index/i/"):
            ids.update(value)
    assert ids["2101.00007"] == 7 and ids["10.1000/x7"] == 7


def test_typo_word_lists_file_each_word_under_its_three_keys(index):
    m = index["search-index/manifest.json"]
    for key in search.vocab_keys("hypergraph"):
        name = f"search-index/v/{key.encode().hex()}"
        words = index.get(name + ".json") if key not in m["vsplit"] else index.get(f"{name}-10.json")
        assert "hypergraph" in words


def test_the_same_collection_gives_the_same_bytes():
    assert search.build(collection()) == search.build(collection())
