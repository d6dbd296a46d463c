"""How alike two sentences are: difflib over normalised tokens, weighted by rarity within the pair.

The score of sentences ``x`` and ``y`` is a number in [0, 1] built from their *content stems*
(Snowball stems of the words that are not stopwords, numbers in canonical form; see
``normalize``). Each stem has a weight, its inverse document frequency within the two articles
being compared, so a name or a number that occurs once in the pair counts for much more than a
word that is in every other sentence. With ``W(s)`` the summed weight of a set of stems and
``S`` the stems the two sentences share:

- ``dice = 2 W(S) / (W(x) + W(y))``: weighted overlap, high when both say the same things;
- ``containment = W(S) / min(W(x), W(y))``: high when one sentence covers the other, as when a
  long sentence merges two short ones;
- ``order = difflib.SequenceMatcher(stems x, stems y).ratio()``: agreement in word order, which
  separates a paraphrase from a sentence that only shares some vocabulary.

``score = w_dice * dice + w_containment * containment + w_order * order``, less a penalty when
both sentences hold numbers and share none of them (different figures are a different fact).
The weights are fitted by ``benchmarks/`` and shipped as the constants below. The score is
symmetric: ``score(x, y) == score(y, x)`` exactly, which keeps swapped comparisons mirrored.
"""

from __future__ import annotations

import difflib
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from comparer.core.model import Sentence
from comparer.core.normalize import Token, tokenize

W_DICE = 0.45
W_CONTAINMENT = 0.25
W_ORDER = 0.30
NUMBER_CONFLICT_PENALTY = 0.15


@dataclass(frozen=True, slots=True)
class Profile:
    """What the similarity needs of one sentence, computed once."""

    tokens: tuple[Token, ...]
    stems: tuple[str, ...]
    """Content stems in order."""
    bag: frozenset[str]
    numbers: frozenset[str]


def profile(sentence: Sentence) -> Profile:
    """Tokenise a sentence and keep its content stems."""
    tokens = tokenize(sentence.text, sentence.start)
    stems = tuple(t.stem for t in tokens if t.content)
    numbers = frozenset(t.stem for t in tokens if t.content and t.number is not None)
    return Profile(tokens, stems, frozenset(stems), numbers)


class Weights:
    """Inverse document frequency of each stem over the sentences of both articles."""

    def __init__(self, bags: Sequence[frozenset[str]]) -> None:
        self._frequency: Counter[str] = Counter()
        for bag in bags:
            self._frequency.update(bag)
        self._total = max(len(bags), 1)

    def __call__(self, stem: str) -> float:
        return math.log(1.0 + self._total / (self._frequency.get(stem, 0) + 1.0))

    def total(self, stems: frozenset[str]) -> float:
        return sum(self(stem) for stem in stems)

    def frequency(self, stem: str) -> int:
        return self._frequency.get(stem, 0)


def order_ratio(x: Sequence[str], y: Sequence[str]) -> float:
    """difflib's ratio of two stem sequences, computed in a canonical order so it is symmetric."""
    if not x and not y:
        return 0.0
    first, second = (x, y) if tuple(x) <= tuple(y) else (y, x)
    return difflib.SequenceMatcher(None, first, second, autojunk=False).ratio()


@dataclass(frozen=True, slots=True)
class Score:
    """A similarity and the parts it was made of (kept for explaining a link)."""

    value: float
    dice: float
    containment: float
    order: float


def similarity(x: Profile, y: Profile, weights: Weights) -> Score:
    """How alike two sentences are, in [0, 1]; see the module docstring."""
    shared = x.bag & y.bag
    if not shared:
        return Score(0.0, 0.0, 0.0, 0.0)
    w_shared = weights.total(shared)
    w_x, w_y = weights.total(x.bag), weights.total(y.bag)
    dice = 2.0 * w_shared / (w_x + w_y)
    containment = w_shared / min(w_x, w_y)
    order = order_ratio(x.stems, y.stems)
    value = W_DICE * dice + W_CONTAINMENT * containment + W_ORDER * order
    if x.numbers and y.numbers and not (x.numbers & y.numbers):
        value -= NUMBER_CONFLICT_PENALTY
    return Score(max(0.0, min(1.0, value)), dice, containment, order)
