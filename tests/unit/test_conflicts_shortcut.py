"""read_link's shortcut (each rule asked only where the units one side has more of can meet it;
links no rule can find anything in, and whose meaning words no match can hide, not lined up;
links whose wording is too unlike for most conflicts not read place by place) gives exactly the
Reading (conflicts and meaning words) of the full reading. The links are made from the
sentences of the two sample articles, edited at random around the rules' thresholds: words cut
until the two sides share about half their wording (SAME_WORDING), numbers, times, years and
numbered names changed, negations, opposites, hedges and names put in, and unrelated sentences
given the same details; then the links of the news-dev pairs (with ../shared), and sentences
hypothesis writes from the words each rule looks for."""

from __future__ import annotations

import difflib
import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from comparer.core.compare import compare
from comparer.core.conflicts import SAME_WORDING, Reading, read_link, units
from comparer.core.document import from_string
from comparer.core.model import Settings
from comparer.core.normalize import tokenize
from comparer.core.segment import segment
from tests.conftest import SAMPLE_A, SAMPLE_B, SHARED

NEWS_DEV = SHARED / "bench" / "news-dev"

_SWAPS = [
    ("2.30am", "3.30am"),
    ("9", "11"),
    ("2023", "2022"),
    ("May", "June"),
    ("Tuesday", "Wednesday"),
    ("CAC-40", "CAC-80"),
    ("F-16", "F-35"),
    ("rose", "fell"),
    ("will", "may"),
    ("said", "denied"),
    ("Peskov", "Podolyak"),
    ("legal", "illegal"),
    ("$2.38 million", "7%"),
]
_INSERTS = ["not", "never", "reportedly", "may", "12 people", "on Friday", "in 2021", "Zelensky", "F-16"]


def _sentences() -> list[str]:
    from comparer.core.document import load

    out = []
    for path in (SAMPLE_A, SAMPLE_B):
        document = load(str(path))
        out += [document.text[s.start : s.end] for s in segment(document)]
    return [s for s in out if len(s.split()) >= 6]


def _edit(words: list[str], rng: random.Random) -> list[str]:
    words = list(words)
    for _ in range(rng.randint(1, 3)):
        op = rng.random()
        if op < 0.35 and len(words) > 4:  # cut a stretch: the wording drifts below SAME_WORDING
            size = rng.randint(1, max(1, len(words) // 2))
            start = rng.randrange(0, len(words) - size + 1)
            del words[start : start + size]
        elif op < 0.75:
            a, b = rng.choice(_SWAPS)
            if rng.random() < 0.5:
                a, b = b, a
            if a in words:
                words[words.index(a)] = b
            else:
                words.insert(rng.randrange(len(words) + 1), b)
        else:
            words.insert(rng.randrange(len(words) + 1), rng.choice(_INSERTS))
    return words


def _detail_in_less_alike(words: list[str], other: list[str], rng: random.Random) -> tuple[str, str]:
    """A detail put in a sentence; the other side keeps only the words around it (with the detail
    changed or not), and words of another sentence: a link below SAME_WORDING whose details may
    still conflict."""
    x, y = rng.choice(_SWAPS)
    at = rng.randrange(len(words) + 1)
    a = [*words[:at], x, *words[at:]]
    keep = rng.randint(2, 6)
    around = a[max(0, at - keep) : at + keep + 1]
    if rng.random() < 0.8:
        around[around.index(x)] = y
    b = [*other[: rng.randint(0, len(other))], *around]
    return " ".join(a), " ".join(b)


def _ratio(a: str, b: str) -> float:
    keys_a = [u.key for u in units(tokenize(a))]
    keys_b = [u.key for u in units(tokenize(b))]
    return difflib.SequenceMatcher(None, keys_a, keys_b, autojunk=False).ratio()


def _read(a: str, b: str, shortcut: bool) -> Reading:
    return read_link([tokenize(a)], [tokenize(b)], shortcut=shortcut)


def test_the_shortcut_reads_every_link_as_the_full_reading() -> None:
    rng = random.Random(13)
    sentences = _sentences()
    below_with_conflicts = near = 0
    for _ in range(3000):
        a, b = rng.choice(sentences), rng.choice(sentences)
        if rng.random() < 0.3:
            a, b = _detail_in_less_alike(a.split(), b.split(), rng)
        else:
            b = b if rng.random() < 0.15 else a  # another sentence, or the same one
            a, b = " ".join(_edit(a.split(), rng)), " ".join(_edit(b.split(), rng))
        full = _read(a, b, shortcut=False)
        assert _read(a, b, shortcut=True) == full, (a, b)
        ratio = _ratio(a, b)
        below_with_conflicts += ratio < SAME_WORDING and bool(full.conflicts)
        near += abs(ratio - SAME_WORDING) < 0.05
    # The links reach both sides of the threshold, and below it some conflict (a detail that
    # disagrees between matching words): a shortcut that skipped them would fail above.
    assert below_with_conflicts >= 100
    assert near >= 100


def test_a_word_unit_is_keyed_by_the_stem_of_its_word() -> None:
    # units() takes a content word's stem from its token rather than stemming it again.
    from comparer.core.conflicts import _stem

    words = 0
    for sentence in _sentences():
        for unit in units(tokenize(sentence)):
            if unit.kind in ("word", "name"):
                words += 1
                assert unit.key == _stem(unit.norm), (sentence, unit)
    assert words > 500


@pytest.mark.skipif(not NEWS_DEV.is_dir(), reason="../shared/bench is not there")
def test_the_shortcut_reads_the_news_pairs_as_the_full_reading() -> None:
    # Each link of the lexical comparison of every news-dev pair, and each linked sentence
    # against the two sentences either side of its partner: links as they come, and sentences
    # about the same story that are less alike.
    read = with_conflicts = 0
    for path in sorted(NEWS_DEV.glob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        c = compare(
            from_string(data["a_text"], "a"), from_string(data["b_text"], "b"), Settings(lexical=True)
        )
        tokens_a = [tokenize(s.text) for s in c.a.sentences]
        tokens_b = [tokenize(s.text) for s in c.b.sentences]
        sides = {(link.a, link.b) for link in c.links}
        near = (-2, -1, 1, 2)
        sides |= {
            ((link.a[0],), (link.b[0] + d,))
            for link in c.links
            for d in near
            if 0 <= link.b[0] + d < len(tokens_b)
        }
        sides |= {
            ((link.a[0] + d,), (link.b[0],))
            for link in c.links
            for d in near
            if 0 <= link.a[0] + d < len(tokens_a)
        }
        for a_side, b_side in sorted(sides):
            side_a, side_b = [tokens_a[i] for i in a_side], [tokens_b[j] for j in b_side]
            full = read_link(side_a, side_b, shortcut=False)
            assert read_link(side_a, side_b) == full, (path.name, a_side, b_side)
            read += 1
            with_conflicts += bool(full.conflicts)
    # The news pairs rarely disagree (one of these links has a conflict): the edited sample
    # sentences above and the written ones below are where conflicts are many.
    assert read > 1500
    assert with_conflicts >= 1


# Words each rule looks for (numbers, dates, times, numbered names, names, negations, opposites,
# certainty, contractions, meaning words), and plain words around them.
_WORDS = [
    *"the a officials said police will may not never no rose fell legal illegal likely unlikely".split(),
    *"confirmed denied reportedly claims that plans to failed Peskov Podolyak Zelensky Kyiv".split(),
    *"on in at before after all none more less only didn't can't won't Friday Tuesday".split(),
    *"today yesterday May June 2022 2023 5% 7% $2.38 million 12 15 2.30am 3pm F-16 F-35".split(),
    *"attack drone building residence damage people were was report".split(),
]
_OTHER = dict(
    pair
    for a, b in (
        *(("rose", "fell"), ("legal", "illegal"), ("likely", "unlikely"), ("said", "denied")),
        *(("will", "may"), ("Peskov", "Podolyak"), ("Friday", "Tuesday"), ("May", "June")),
        *(("2022", "2023"), ("5%", "7%"), ("12", "15"), ("2.30am", "3pm"), ("F-16", "F-35")),
        *(("today", "yesterday"), ("confirmed", "reportedly"), ("didn't", "did")),
    )
    for pair in ((a, b), (b, a))
)
"""Each word's counterpart in the same place: another value, an opposite, another name."""
_sentence = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=14)


@settings(max_examples=500, deadline=None)
@given(_sentence, st.lists(st.tuples(st.integers(0, 29), st.sampled_from(_WORDS)), max_size=4), st.booleans())
def test_the_shortcut_reads_written_sentences_as_the_full_reading(
    words: list[str], edits: list[tuple[int, str]], cut: bool
) -> None:
    # B is A with words changed for their counterparts, put in or replaced (or A cut short), so
    # that the two are alike enough for every rule to apply somewhere, and differ in the words
    # the rules look for. Both start with a plain word, so that the names in them are names.
    other = list(words)
    for at, word in edits:
        if at % 3 == 0:
            other.insert(at % (len(other) + 1), word)
        elif at % 3 == 1:
            other[at % len(other)] = word
        else:
            other[at % len(other)] = _OTHER.get(other[at % len(other)], word)
    if cut:
        other = other[: len(other) // 2 + 1]
    side_a = [tokenize(" ".join(["Officials", *words]))]
    side_b = [tokenize(" ".join(["Officials", *other]))]
    assert read_link(side_a, side_b) == read_link(side_a, side_b, shortcut=False)


def test_a_side_of_punctuation_only_reads_as_nothing_to_compare() -> None:
    # A sentence with no word, number or currency sign has no units; it once made units() fail.
    assert units(tokenize("— …")) == ()
    assert read_link([tokenize("— …")], [tokenize("* * *")]) == Reading((), (), ())
    reading = read_link([tokenize("—")], [tokenize("Officials did not confirm it.")])
    assert reading.conflicts == () and reading.meaning_a == ()
