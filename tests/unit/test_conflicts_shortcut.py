"""read_link's shortcut (links whose wording is too unlike for most conflicts are not read place
by place) gives exactly the Reading (conflicts and meaning words) of the full reading. The links
are made from the sentences of the two sample articles, edited at random around the rules'
thresholds: words cut until the two sides share about half their wording (SAME_WORDING),
numbers, times, years and numbered names changed, negations, opposites, hedges and names put in,
and unrelated sentences given the same details."""

from __future__ import annotations

import difflib
import random

from comparer.core.conflicts import SAME_WORDING, Reading, read_link, units
from comparer.core.normalize import tokenize
from comparer.core.segment import segment
from tests.conftest import SAMPLE_A, SAMPLE_B

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
