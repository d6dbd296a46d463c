"""Real text for the speed benchmark: long document pairs built, deterministically, from real news.

The sentences come from the bundled samples, the articles of ``../shared/bench/news-dev`` and the
news sentence pairs of ``../shared/bench/msrp``. A pair of documents shares some sentences word for
word, paraphrases others (an MSRP pair puts one rendering on each side) and differs in the rest,
so the fast path faces the same mix a long real comparison does.
"""

from __future__ import annotations

import csv
import json
import random
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "kremlin-drone"
SAMPLE_A = SAMPLES / "a-kremlin-accuses-ukraine.txt"
SAMPLE_B = SAMPLES / "b-kyiv-denies-involvement.txt"
BENCH = ROOT.parent / "shared" / "bench"
NEWS_DEV = BENCH / "news-dev"
MSRP = BENCH / "msrp"

SHARED_SHARE = 0.3
"""Share of each document's sentences that the other has word for word."""
PARAPHRASE_SHARE = 0.3
"""Share that the other has in other words (an MSRP paraphrase pair)."""


@dataclass(frozen=True)
class NewsPair:
    """One article pair of news-dev: its name and the two texts as a user would have them."""

    name: str
    a_text: str
    b_text: str


def news_pairs() -> list[NewsPair]:
    """The news-dev article pairs, by file name; empty when ../shared is absent."""
    if not NEWS_DEV.is_dir():
        return []
    pairs = []
    for path in sorted(NEWS_DEV.glob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        pairs.append(NewsPair(path.stem, data["a_text"], data["b_text"]))
    return pairs


def _news_sentences() -> list[str]:
    sentences = []
    for path in sorted(NEWS_DEV.glob("*.json")) if NEWS_DEV.is_dir() else []:
        data = json.loads(path.read_text("utf-8"))
        for side in ("a", "b"):
            boiler = set(data.get(f"boilerplate_{side}", []))
            for k, unit in enumerate(data[f"{side}_units"]):
                text = " ".join(unit["text"].split())
                if k not in boiler and len(text.split()) >= 4:
                    sentences.append(text)
    for path in (SAMPLE_A, SAMPLE_B):
        for line in path.read_text("utf-8").splitlines():
            if len(line.split()) >= 4:
                sentences.append(" ".join(line.split()))
    return sentences


def _msrp_pairs() -> list[tuple[str, str, bool]]:
    pairs = []
    for name in ("train.tsv", "test.tsv"):
        path = MSRP / name
        if not path.is_file():
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            rows = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            next(rows, None)
            for row in rows:
                if len(row) == 5:
                    pairs.append((" ".join(row[3].split()), " ".join(row[4].split()), row[0] == "1"))
    return pairs


def available() -> bool:
    """True when the shared benchmark data is there to build long documents from."""
    return NEWS_DEV.is_dir() and (MSRP / "train.tsv").is_file()


def _paragraphs(sentences: list[str], rng: random.Random) -> str:
    out, k = [], 0
    while k < len(sentences):
        size = rng.randint(1, 4)
        out.append(" ".join(sentences[k : k + size]))
        k += size
    return "\n\n".join(out) + "\n"


def document_pair(size: int, seed: int = 5) -> tuple[str, str]:
    """Two documents of about ``size`` sentences each, built from real text with a fixed seed.

    Each side: ``SHARED_SHARE`` of its sentences the other has too, ``PARAPHRASE_SHARE`` in other
    words, the rest its own; shared material stands in a different order on the two sides.

    A side's own sentences come from material the other side never sees: news sentences, and whole
    MSRP pairs (both renderings on the same side). An MSRP pair that is not a paraphrase is still
    two close sentences about one story, chosen by MSRP because they look alike; split across the
    sides, it would make "own" material related, and more of it the longer the documents, since a
    larger draw takes both halves of more pairs. Nothing is drawn twice at any size here.
    """
    rng = random.Random(seed * 100_003 + size)
    news = _news_sentences()
    msrp = _msrp_pairs()
    paraphrases = [(x, y) for x, y, same in msrp if same]
    rng.shuffle(paraphrases)
    n_shared = int(size * SHARED_SHARE)
    n_para = int(size * PARAPHRASE_SHARE)
    n_own = size - n_shared - n_para
    para = paraphrases[:n_para]
    # Whole units: a news sentence, or both sentences of an MSRP pair not used as a paraphrase.
    units: list[list[str]] = [[s] for s in news]
    units += [[x, y] for x, y in paraphrases[n_para:]]
    units += [[x, y] for x, y, same in msrp if not same]
    rng.shuffle(units)
    pools: tuple[list[str], list[str]] = ([], [])
    for k, unit in enumerate(units):
        pools[k % 2].extend(unit)
    if min(len(pool) for pool in pools) < (n_shared + 1) // 2 + n_own:
        raise ValueError(f"not enough real sentences for {size:,} a side")
    shared = [pools[k % 2].pop() for k in range(n_shared)]
    own_a, own_b = pools[0][:n_own], pools[1][:n_own]
    side_a = [*shared, *(x for x, _ in para), *own_a]
    side_b = [*shared, *(y for _, y in para), *own_b]
    rng.shuffle(side_a)
    rng.shuffle(side_b)
    return _paragraphs(side_a, rng), _paragraphs(side_b, rng)


REPEATED_WORD = "Meridian"
"""The word ``repeated_word_pair`` puts in every sentence, as a company name is in every sentence
of a filing."""


def unique_sentences() -> list[str]:
    """Every distinct real sentence of the corpus (news-dev, the samples, MSRP), in a fixed order."""
    found = dict.fromkeys(_news_sentences())
    for x, y, _ in _msrp_pairs():
        found.update(dict.fromkeys((x, y)))
    return [s for s in found if len(s.split()) >= 4]


def repeated_word_pair(size: int, seed: int = 7) -> tuple[str, str]:
    """The second construction: two documents of ``size`` sentences each, every sentence a whole
    real one, each used once, with ``REPEATED_WORD`` put in every sentence of both sides.

    B holds half of A's sentences copied exactly, a quarter of A's with one word dropped (never the
    repeated one) and a quarter of its own. It stresses what the first construction does not: a
    stem present in every sentence, and many near-identical pairs.
    """
    rng = random.Random(seed * 100_003 + size)
    pool = unique_sentences()
    rng.shuffle(pool)
    n_copied, n_dropped = size // 2, size // 4
    n_own = size - n_copied - n_dropped
    if len(pool) < size + n_own:
        raise ValueError(f"not enough real sentences for {size:,} a side")

    def with_word(sentence: str) -> str:
        words = sentence.split()
        words.insert(rng.randrange(len(words) + 1), REPEATED_WORD)
        return " ".join(words)

    side_a = [with_word(s) for s in pool[:size]]
    chosen = rng.sample(range(size), n_copied + n_dropped)
    side_b = [side_a[k] for k in chosen[:n_copied]]
    for k in chosen[n_copied:]:
        words = side_a[k].split()
        drop = rng.choice([n for n, word in enumerate(words) if word != REPEATED_WORD])
        side_b.append(" ".join(words[:drop] + words[drop + 1 :]))
    side_b += [with_word(s) for s in pool[size : size + n_own]]
    rng.shuffle(side_b)
    return _paragraphs(side_a, rng), _paragraphs(side_b, rng)


def repeated_paragraph(copies: int) -> str:
    """One real paragraph (two sentences of the sample A article) repeated ``copies`` times, as a
    page a scraper read again and again gives it."""
    paragraph = SAMPLE_A.read_text("utf-8").split("\n\n")[4].strip()
    return "\n\n".join([paragraph] * copies) + "\n"


def long_sentence_pair(words: int) -> tuple[str, str]:
    """One sentence of ``words`` real words a side, as a transcript without punctuation gives it:
    the sentences of the corpus with their full stops, question and exclamation marks taken out,
    run together. B is A with every 40th word dropped, so the two are close but not equal."""
    table = str.maketrans("", "", ".!?")
    text: list[str] = []
    for sentence in unique_sentences():
        text += sentence.translate(table).split()
        if len(text) >= words:
            break
    side_a = text[:words]
    side_b = [word for k, word in enumerate(side_a) if k % 40 != 39]
    return " ".join(side_a) + "\n", " ".join(side_b) + "\n"


def large_pair(size: int) -> tuple[str, str]:
    """Two documents of about ``size`` sentences each, more than ``document_pair`` can make of
    distinct sentences: each side is two halves made by ``document_pair`` with different seeds, so
    a side holds some sentences twice, as a long compilation does."""
    half = size // 2
    first, second = document_pair(half, seed=5), document_pair(size - half, seed=6)
    return first[0] + "\n" + second[0], first[1] + "\n" + second[1]
