"""Fingerprints of abstracts (generator/text/fingerprint.py): alike for one paper's abstract,
unlike for another's, the same bytes in every process."""
from __future__ import annotations

import gzip
import json
import subprocess
import sys

from generator.text import fingerprint as fp
from support.project import FIXTURES, ROOT

ABSTRACT = ("We propose a convolutional network for biomedical image segmentation that relies on strong data "
            "augmentation to use the available annotated samples more efficiently. The architecture consists of a "
            "contracting path to capture context and a symmetric expanding path that enables precise localization.")


def sim(a: str, b: str) -> float | None:
    x, y = fp.fingerprints([a, b])
    return fp.similarity(fp.decode(x), fp.decode(y))


def abstracts(name: str = "fields_d") -> list[str]:
    with gzip.open(FIXTURES / "topics" / f"{name}.jsonl.gz", "rt", encoding="utf-8") as f:
        return [json.loads(line)["abstract"] for line in f]


def test_one_abstract_however_written_is_alike():
    assert sim(ABSTRACT, ABSTRACT) == 1.0
    # Case, punctuation, accents and braces are folded away (records decode LaTeX before).
    assert sim(ABSTRACT, ABSTRACT.upper().replace(",", " ;")) == 1.0
    assert sim("A na\u00efve {Bayes} model of the G\u00f6del kind", "A naive Bayes model of the Godel kind") == 1.0


def test_a_revised_abstract_stays_alike_and_other_papers_do_not():
    texts = abstracts()
    prints = [fp.decode(x) for x in fp.fingerprints(texts)]
    unrelated = sorted(fp.similarity(prints[i], prints[(i * 7 + 3) % len(texts)]) for i in range(len(texts))
                       if (i * 7 + 3) % len(texts) != i)
    assert unrelated[-1] < 0.25, unrelated[-5:]  # the most alike of 480 pairs of different papers

    def revise(text: str) -> str:  # a sentence dropped, every 15th word changed
        words = ". ".join(text.split(". ")[:-1] or [text]).split()
        return " ".join("changed" if k % 15 == 0 else w for k, w in enumerate(words))

    revised = [fp.decode(x) for x in fp.fingerprints([revise(t) for t in texts[:200]])]
    alike = sorted(fp.similarity(a, b) for a, b in zip(prints, revised))
    assert alike[10] >= 0.4 and alike[100] >= 0.6, alike[:10]


def test_no_text_no_fingerprint():
    assert fp.fingerprints(["", "  ", "one"])[:2] == ["", ""]
    assert fp.similarity(fp.decode(""), fp.decode(fp.fingerprint("a b c"))) is None
    assert fp.decode("not base64!") == b"" and fp.decode("AAAA") == b""  # a fingerprint is 33 bytes


def test_the_same_bytes_in_another_process():
    """The ledger compares fingerprints across builds: no salted hash may enter them."""
    code = f"from generator.text import fingerprint as fp; print(fp.fingerprint({ABSTRACT!r}))"
    other = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                           env={"PYTHONHASHSEED": "12345", "PATH": ""}, check=True).stdout.strip()
    assert other == fp.fingerprint(ABSTRACT)


def test_short_texts_are_alike_only_when_they_are_the_same():
    """Four word pairs of which three are shared say nothing of two papers: only the same text counts."""
    assert sim("We segment images, study 9.", "We segment images, study 0.") is None
    assert sim("We segment images, study 9.", "We segment images, study 9.") == 1.0
    assert fp.pairs(fp.decode(fp.fingerprint(ABSTRACT))) >= fp.MIN_PAIRS


def test_bands_find_alike_fingerprints():
    a, b = fp.decode(fp.fingerprint(ABSTRACT)), fp.decode(fp.fingerprint(ABSTRACT + " We also add a sentence."))
    assert set(fp.bands(a)) & set(fp.bands(b))
    assert len(fp.bands(a)) == fp.SIZE // 3 and fp.bands(b"") == []
