"""The chunked search index: terms, joined and split words, typo word lists, identifiers, facets."""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from generator.model.collection import Collection
from generator.model.papers import Paper
from generator.model.taxonomy import Taxonomy, Topic
from generator.records import people, venues
from generator.site import search
from support.project import ROOT

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
    return Collection(tuple(papers), Taxonomy(TOPICS, ()), {"t1": "Tag One"},
                      people=people.index(tuple(papers)), venues=venues.index(tuple(papers)))


@pytest.fixture(scope="module")
def index() -> dict[str, object]:
    return {path: json.loads(text) for path, text in search.build(collection()).items()}


def shard_of(index, term):
    m = index["search-index/manifest.json"]
    return index[f"search-index/t/{search.shard_key(term, set(m['split'])).encode().hex()}.json"]


def docs_of(entry) -> list[int]:
    return search.unpack(entry)[0]


def test_postings_mark_title_hits_with_the_title_length(index):
    entry = shard_of(index, "hypergraph")["hypergraph"]
    docs, scores, hits = search.unpack(entry)
    assert docs == list(range(0, 30, 3))
    assert hits[0::3] == docs and hits[1::3] == [3] * 10  # "hypergraph learning N": three title terms
    assert hits[2::3] == [0] * 10  # its first word
    assert search.unpack(shard_of(index, "learning")["learning"])[2][2::3] == [1] * 10
    assert len(scores) == len(docs) and all(s > 0 for s in scores)


@pytest.mark.parametrize("deltas", [[0], [1, 1, 1], [31, 32, 33], [1023, 1024, 1025], [4095, 4096, 70000, 2**21 + 5]])
def test_packed_postings_give_back_docs_and_scores_within_a_level(deltas):
    scores = [1 + 37 * i for i in range(len(deltas))]
    entry = search.pack(deltas, scores, [deltas[0], 7, 2])
    assert set(entry[2] + entry[3]) <= set(search.DIGITS)
    docs, got, hits = search.unpack(entry)
    assert docs == [sum(deltas[:i + 1]) for i in range(len(deltas))]
    assert hits == [deltas[0], 7, 2]
    ratio = (max(scores) / min(scores)) ** (0.5 / search.LEVELS) + 1e-9
    assert all(1 / ratio <= g / s <= ratio for g, s in zip(got, scores)), (got, scores)


def test_packed_postings_of_equal_scores_are_doc_deltas_alone():
    entry = search.pack([5, 40], [1, 1], [])
    assert entry == [1, 1, "FoB", ""]  # 5; 40 = 8 + 1·32 → "o" (8 + 32, more follows), "B" (1)
    assert search.unpack(entry) == ([5, 45], [1.0, 1.0], [])


def test_facet_terms_filter_by_topic_year_author_and_venue(index):
    m = index["search-index/manifest.json"]
    assert m["topics"] == ["Topic A", "Topic B"]
    assert docs_of(shard_of(index, "~t1")["~t1"]) == list(range(1, 30, 2))
    assert docs_of(shard_of(index, "~y2001")["~y2001"]) == list(range(1, 30, 4))
    names = index["search-index/n/a-0.json"]
    common = names.index("Bob Common")
    assert docs_of(shard_of(index, f"~a{common}")[f"~a{common}"]) == list(range(30))
    assert index["search-index/n/v-0.json"] == ["ICLR"]
    assert facet_row(index, 1) == [1, 2001, 0, [0], [names.index("Ann Author1"), common]]
    assert facet_row(index, 2)[2:4] == [-1, []]  # no venue, no tag


def facet_row(index, doc: int) -> list:
    """[topic, year, venue or -1, tags, authors] of one paper, read from the x/ columns as search.js does."""
    m = index["search-index/manifest.json"]
    w, first = m["columns"]["widths"], m["columns"]["first_year"]
    cols = index[f"search-index/x/{doc // m['facet_chunk']}.json"]
    i = doc % m["facet_chunk"]

    def number(text, width):
        return sum(search.DIGITS.index(c) * 64 ** (width - 1 - k) for k, c in enumerate(text))

    def at(col, key):
        return number(cols[col][i * w[key]:(i + 1) * w[key]], w[key])

    def listed(col, key):
        s = cols[col].split(".")[i]
        return [number(s[k:k + w[key]], w[key]) for k in range(0, len(s), w[key])]
    year = at(1, "y")
    return [at(0, "t"), year - 1 + first if year else 0, at(2, "v") - 1, listed(3, "g"), listed(4, "a")]


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


@pytest.fixture(scope="module")
def dense_index():
    import generator.site.search as module
    saved = module.DENSE_BYTES
    module.DENSE_BYTES = 0  # every term of three or more bitsets' size is stored dense
    try:
        return {path: json.loads(text) for path, text in search.build(collection(300)).items()}
    finally:
        module.DENSE_BYTES = saved


def test_terms_in_very_many_papers_are_bitsets_with_two_scores(dense_index):
    entry = shard_of(dense_index, "hypergraph")["hypergraph"]
    assert entry[0] == "b"
    docs, scores, hits = search.unpack(entry)
    assert docs == list(range(0, 300, 3)) and hits[0::3] == docs  # every one in a title
    study = shard_of(dense_index, "study")["study"]  # in every title but the hypergraph ones ("graph study")
    docs, scores, hits = search.unpack(study)
    assert docs == list(range(300)) and hits[0::3] == [d for d in docs if d % 3]
    titled = set(hits[0::3])
    assert {s for d, s in zip(docs, scores) if d in titled} == {study[2]}
    assert {s for d, s in zip(docs, scores) if d not in titled} == {study[1]}
    lengths = "".join(dense_index[f"search-index/l/{k}.json"] for k in range(1))
    assert [search.DIGITS.index(c) for c in lengths[:4]] == [3, 3, 3, 3]  # hypergraph learning N; graph study N


def test_the_browser_reads_postings_as_the_index_wrote_them(index, dense_index):
    node = shutil.which("node")
    assert node, "this test needs Node (apt-get install nodejs)"
    entries = [shard_of(index, "hypergraph")["hypergraph"], shard_of(index, "network")["network"],
               shard_of(index, "~t1")["~t1"], shard_of(dense_index, "study")["study"],
               search.pack([3, 40, 5000, 2**20], [10, 200, 3000, 11], [3, 4, 0, 5040, 9, 40])]
    script = ("const {postings} = require(process.argv[1]);"
              "const es = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
              "process.stdout.write(JSON.stringify(es.map(e => Array.from(postings(e, 1)))));")
    done = subprocess.run([node, "-e", script, str(ROOT / "docs" / "assets" / "search.js")],
                          input=json.dumps(entries), capture_output=True, text=True, check=True)
    for entry, got in zip(entries, json.loads(done.stdout)):
        docs, scores, hits = search.unpack(entry)
        titles = {d: (n or -1, place) for d, n, place in zip(hits[0::3], hits[1::3], hits[2::3])}
        assert [d for d, _ in got] == docs
        assert [v[0] for _, v in got] == pytest.approx(scores, rel=1e-9)
        assert [v[1:] for _, v in got] == [list(titles.get(d, (0, -1))) for d in docs]
