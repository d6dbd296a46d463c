"""How alike two sentences are: features of their words and stems, combined by fitted weights.

The score of sentences ``x`` and ``y`` is a number in [0, 1] built from their *content stems*
(Snowball stems of the words that are not stopwords, numbers in canonical form; see
``normalize``) and their *words* (every word, stopwords included, lowercased). Each stem has a
weight, its inverse document frequency within the two articles being compared, so a name or a
number that occurs once in the pair counts for much more than a word that is in every other
sentence. With ``W(s)`` the summed weight of a set of stems and ``S`` the stems the two sentences
share, the features are:

- ``dice = 2 W(S) / (W(x) + W(y))``: weighted overlap, high when both say the same things;
- ``containment = W(S) / min(W(x), W(y))``: high when one sentence covers the other, as when a
  long sentence merges two short ones;
- ``order``: difflib's ratio of the two stem sequences, agreement in word order, which
  separates a paraphrase from a sentence that only shares some vocabulary;
- ``evidence = 1 - exp(-W(S) / EVIDENCE_SCALE)``: how much is shared in absolute terms, so that
  two three-word sentences sharing one word ("he asked" / "Scalia asked") are not a match;
- ``bigrams``: the share of adjacent stem pairs the two have in common (phrases, not just words);
- ``number_conflict``: both hold numbers and share none of them (different figures, a different
  fact);
- ``surface``: difflib's ratio of all the words: how close the wording is, which separates a
  restatement from two sentences on one topic;
- ``wordsN_max``, ``wordsN_min`` for N = 2..4: BLEU's clipped n-gram precision of the words, in
  each direction (the share of one sentence's n-grams the other has), the larger and the smaller
  of the two. The larger is high when one sentence is inside the other (a short sentence quoted in
  a long one); the smaller when both say only the same thing. Phrases, not single words: single
  words with stopwords counted made short sentences that share "it was not" look alike;
- ``negation_mismatch``: one sentence holds a negation (not, never, n't, ...) and the other none.

``score = logistic(BIAS + sum(COEFFICIENTS[k] * feature[k]))``. The coefficients are fitted by
``benchmarks/fit_weights.py`` (logistic regression on MSRP train and the news-dev pairs) and
shipped as the constants below. Every feature is symmetric, so ``score(x, y) == score(y, x)``
exactly, which keeps swapped comparisons mirrored; a pair that shares no content stem scores 0,
which candidate pruning relies on.
"""

from __future__ import annotations

import difflib
import itertools
import math
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from comparer.core.model import Sentence
from comparer.core.normalize import Token, tokenize

NGRAM_ORDERS = (2, 3, 4)
"""The lengths of the word n-grams whose precision is a feature."""
FEATURES = (
    "dice",
    "containment",
    "order",
    "evidence",
    "bigrams",
    "number_conflict",
    "surface",
    *(f"words{n}_{side}" for n in NGRAM_ORDERS for side in ("max", "min")),
    "negation_mismatch",
)
"""The names of the features, in the order of ``COEFFICIENTS``."""
COEFFICIENTS = (
    1.4859,
    3.8784,
    -1.2765,
    1.9704,
    -2.4153,
    -0.6858,
    4.0602,
    1.4869,
    -0.1821,
    -7.3297,
    6.4056,
    -2.1240,
    2.8352,
    -0.8526,
)
"""Fitted by benchmarks/fit_weights.py; see benchmarks/README.md."""
BIAS = -4.7859
EVIDENCE_SCALE = 6.0
"""Shared weight at which the evidence feature reaches 1 - 1/e (about two rare words)."""
MIN_SENTENCES = 20
"""Rarity is computed as if the articles had at least this many sentences, so that a word in one
sentence of a very short comparison (two single sentences) is not scored as common."""
NEGATIONS = frozenset({"not", "no", "never", "nor", "none", "nothing", "neither", "without", "cannot"})
"""Words that negate (with any word ending in n't)."""


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
        self._total = max(len(bags), MIN_SENTENCES)
        self._cache: dict[str, float] = {}

    def __call__(self, stem: str) -> float:
        value = self._cache.get(stem)
        if value is None:
            value = self._cache[stem] = math.log(1.0 + self._total / (self._frequency.get(stem, 0) + 1.0))
        return value

    def total(self, stems: frozenset[str]) -> float:
        # fsum is exactly rounded, so the total never depends on the order a set iterates in.
        return math.fsum(self(stem) for stem in stems)

    def frequency(self, stem: str) -> int:
        return self._frequency.get(stem, 0)


def order_ratio(x: Sequence[str], y: Sequence[str]) -> float:
    """difflib's ratio of two stem sequences, computed in a canonical order so it is symmetric."""
    if not x and not y:
        return 0.0
    first, second = (x, y) if tuple(x) <= tuple(y) else (y, x)
    return difflib.SequenceMatcher(None, first, second, autojunk=False).ratio()


def _words(x: Profile) -> tuple[str, ...]:
    return tuple(t.norm for t in x.tokens if t.norm[:1].isalnum())


def _bigrams(stems: Sequence[str]) -> set[tuple[str, str]]:
    return set(itertools.pairwise(stems))


def bigram_overlap(x: Sequence[str], y: Sequence[str]) -> float:
    """Shared adjacent stem pairs over the fewer pairs either sentence has."""
    bx, by = _bigrams(x), _bigrams(y)
    if not bx or not by:
        return 0.0
    return len(bx & by) / min(len(bx), len(by))


def _negated(x: Profile) -> bool:
    return any(t.norm in NEGATIONS or t.norm.endswith("n't") for t in x.tokens)


K = TypeVar("K", bound=Hashable)


def clipped(cx: Mapping[K, int], cy: Mapping[K, int]) -> int:
    """How many items two multisets share, each counted as often as the poorer side has it."""
    if len(cx) > len(cy):
        cx, cy = cy, cx
    return sum(min(n, cy.get(item, 0)) for item, n in cx.items())


@dataclass(frozen=True, slots=True)
class Score:
    """A similarity and the parts it was made of (kept for explaining a link)."""

    value: float
    dice: float
    containment: float
    order: float


@dataclass(frozen=True, slots=True)
class _Prepared:
    """What scoring needs of one sentence, computed once for all the pairs it is in."""

    profile: Profile
    weight: float
    """W(bag), exactly as ``Weights.total`` gives it."""
    stems: int
    stem_repeats: int
    """Content stems that repeat an earlier one: ``len(stems) - len(bag)``."""
    counts: dict[str, int]
    bigrams: frozenset[tuple[str, str]]
    words: tuple[str, ...]
    """The tokens ``surface`` and the n-gram precisions compare."""
    word_set: frozenset[str]
    word_repeats: int
    other_words: int
    """Words that are not content stems (stopwords)."""
    ngrams: tuple[dict[tuple[str, ...], int], ...]
    """Word n-gram counts, one table per length of ``NGRAM_ORDERS``."""
    ngram_totals: tuple[int, ...]
    negated: bool


def _prepare(x: Profile, weights: Weights) -> _Prepared:
    words = _words(x)
    content_words = sum(1 for t in x.tokens if t.content and t.norm[:1].isalnum())
    ngrams = tuple(dict(Counter(zip(*(words[k:] for k in range(n)), strict=False))) for n in NGRAM_ORDERS)
    return _Prepared(
        x,
        weights.total(x.bag),
        len(x.stems),
        len(x.stems) - len(x.bag),
        dict(Counter(x.stems)),
        frozenset(_bigrams(x.stems)),
        words,
        frozenset(words),
        len(words) - len(set(words)),
        len(words) - content_words,
        ngrams,
        tuple(max(0, len(words) - n + 1) for n in NGRAM_ORDERS),
        _negated(x),
    )


def _precisions(shared: int, total_x: int, total_y: int) -> tuple[float, float]:
    """The larger and the smaller of ``shared`` over each side's total (0 for an empty side)."""
    px = shared / total_x if total_x else 0.0
    py = shared / total_y if total_y else 0.0
    return max(px, py), min(px, py)


def _cheap(x: _Prepared, y: _Prepared, shared: frozenset[str], w_shared: float) -> list[float]:
    """The features that need neither difflib nor n-gram tables, exactly, in ``FEATURES`` order;
    the others are left at 0.0 for ``_with_ngrams`` and difflib to fill in."""
    px, py = x.profile, y.profile
    bx, by = x.bigrams, y.bigrams
    values = [0.0] * len(FEATURES)
    values[0] = 2.0 * w_shared / (x.weight + y.weight)
    values[1] = w_shared / min(x.weight, y.weight)
    values[3] = 1.0 - math.exp(-w_shared / EVIDENCE_SCALE)
    values[4] = len(bx & by) / min(len(bx), len(by)) if bx and by else 0.0
    values[5] = 1.0 if px.numbers and py.numbers and px.numbers.isdisjoint(py.numbers) else 0.0
    values[_NEGATION] = 1.0 if x.negated != y.negated else 0.0
    return values


def _with_ngrams(values: list[float], x: _Prepared, y: _Prepared) -> None:
    """Fill in the n-gram precisions (dictionary work, no difflib)."""
    for k, (cx, cy, tx, ty) in enumerate(
        zip(x.ngrams, y.ngrams, x.ngram_totals, y.ngram_totals, strict=True)
    ):
        values[_NGRAMS + 2 * k], values[_NGRAMS + 2 * k + 1] = _precisions(clipped(cx, cy), tx, ty)


_ORDER, _SURFACE = FEATURES.index("order"), FEATURES.index("surface")
_NGRAMS = FEATURES.index(f"words{NGRAM_ORDERS[0]}_max")
_NEGATION = FEATURES.index("negation_mismatch")


def features(x: Profile, y: Profile, weights: Weights) -> tuple[float, ...]:
    """The features of a pair that shares at least one stem, in the order of ``FEATURES``."""
    px, py = _prepare(x, weights), _prepare(y, weights)
    shared = x.bag & y.bag
    values = _cheap(px, py, shared, weights.total(shared))
    _with_ngrams(values, px, py)
    values[_ORDER] = order_ratio(x.stems, y.stems)
    values[_SURFACE] = order_ratio(px.words, py.words)
    return tuple(values)


def combine(values: Sequence[float]) -> float:
    """The score of a feature vector: the fitted logistic combination."""
    z = BIAS + math.fsum(c * v for c, v in zip(COEFFICIENTS, values, strict=True))
    return 1.0 / (1.0 + math.exp(-z))


_BOUND_MARGIN = 1e-9
"""Room for sums taken in another order than ``similarity`` takes them."""


def similarity(x: Profile, y: Profile, weights: Weights) -> Score:
    """How alike two sentences are, in [0, 1]; see the module docstring."""
    if x.bag.isdisjoint(y.bag):
        return Score(0.0, 0.0, 0.0, 0.0)
    values = features(x, y, weights)
    return Score(combine(values), values[0], values[1], values[_ORDER])


def ceiling(values: Sequence[float], ranges: Mapping[int, tuple[float, float]]) -> float:
    """The largest the logistic's argument can be: exact ``values``, except the features in
    ``ranges``, which may be anywhere in their (low, high) range. Summed plainly; callers allow
    ``_BOUND_MARGIN`` for the order of the sum."""
    z = BIAS
    for k, (c, v) in enumerate(zip(COEFFICIENTS, values, strict=True)):
        span = ranges.get(k)
        z += c * v if span is None else max(c * span[0], c * span[1])
    return z


class _Indexes:
    """difflib's index of the second sequence (``b2j``), kept per sentence of one side.

    ``SequenceMatcher`` indexes its second sequence; kept here per sentence, a sentence is indexed
    once for all the pairs it is the second sequence of.
    """

    def __init__(self) -> None:
        self._of: dict[int, dict[str, list[int]]] = {}

    def get(self, index: int, sequence: tuple[str, ...]) -> dict[str, list[int]]:
        b2j = self._of.get(index)
        if b2j is None:
            b2j = self._of[index] = {}
            for k, element in enumerate(sequence):
                b2j.setdefault(element, []).append(k)
        return b2j


def matched(a: Sequence[str], b2j: Mapping[str, Sequence[int]], size_b: int) -> int:
    """How many elements difflib's matching blocks of ``a`` and ``b`` hold, ``b`` given by its index.

    This is ``SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()`` summed, step
    for step: the longest matching block (the first found, scanning ``a`` then ``b`` in order),
    then the same on each side of it. With no junk, difflib's extension of a block past junk never
    applies. Written out, it spares the matcher object and its named tuples for every pair.
    """
    total = 0
    queue = [(0, len(a), 0, size_b)]
    while queue:
        a_lo, a_hi, b_lo, b_hi = queue.pop()
        best_i, best_j, best = a_lo, b_lo, 0
        run: dict[int, int] = {}
        for i in range(a_lo, a_hi):
            runs_before = run.get
            run = {}
            for j in b2j.get(a[i], ()):
                if j < b_lo:
                    continue
                if j >= b_hi:
                    break
                k = run[j] = runs_before(j - 1, 0) + 1
                if k > best:
                    best_i, best_j, best = i - k + 1, j - k + 1, k
        if best:
            total += best
            if a_lo < best_i and b_lo < best_j:
                queue.append((a_lo, best_i, b_lo, best_j))
            if best_i + best < a_hi and best_j + best < b_hi:
                queue.append((best_i + best, a_hi, best_j + best, b_hi))
    return total


def _cached_ratio(
    x: tuple[str, ...], y: tuple[str, ...], index_x: _Indexes, i: int, index_y: _Indexes, j: int
) -> float:
    """``order_ratio(x, y)``, exactly (the same canonical order), from indexes kept per sentence."""
    if not x and not y:
        return 0.0
    if x <= y:
        return 2.0 * matched(x, index_y.get(j, y), len(y)) / (len(x) + len(y))
    return 2.0 * matched(y, index_x.get(i, x), len(x)) / (len(x) + len(y))


def _same_words(x: _Prepared, y: _Prepared, common: int) -> int:
    """At most how many words two sentences share (in difflib's blocks, or clipped as n-grams):
    the shared distinct words plus the fewer repeats, and no more than the ``common`` stems (equal
    words have equal stems) plus the fewer stopwords."""
    return min(
        len(x.word_set & y.word_set) + min(x.word_repeats, y.word_repeats),
        common + min(x.other_words, y.other_words),
    )


def _ngram_ranges(x: _Prepared, y: _Prepared, same_words: int) -> dict[int, tuple[float, float]]:
    """Ranges of the n-gram precisions before their tables are compared.

    Clipped n-gram matches pair occurrences one to one, and so pair their first words: there are
    no more of them than shared words.
    """
    ranges: dict[int, tuple[float, float]] = {}
    for k, (tx, ty) in enumerate(zip(x.ngram_totals, y.ngram_totals, strict=True)):
        high, low = _precisions(min(same_words, tx, ty), tx, ty)
        ranges[_NGRAMS + 2 * k] = (0.0, high)
        ranges[_NGRAMS + 2 * k + 1] = (0.0, low)
    return ranges


class PairScorer:
    """The scores of many sentence pairs of two articles that reach a floor, per-sentence work done once.

    Each pair passes cheaper and cheaper bounds of its score before the costlier features are
    computed: the cheap features exactly, then the n-gram tables, then difflib for ``order`` and
    ``surface``. A feature not yet computed enters a bound at the end of its range that raises
    the score most (whatever the sign of its coefficient), so a pair is only cut when its exact
    score provably falls below ``floor``; the value of a pair that is kept is computed exactly as
    ``similarity`` computes it.
    """

    def __init__(
        self, pa: Sequence[Profile | None], pb: Sequence[Profile | None], weights: Weights, floor: float
    ) -> None:
        self._a = [None if x is None else _prepare(x, weights) for x in pa]
        self._b = [None if y is None else _prepare(y, weights) for y in pb]
        self._weights = weights
        self._floor = floor
        # The bounds compare the logistic's argument with the floor's; near 0 or 1 the logistic is
        # too flat for a margin in its argument to cover rounding, so no pair is cut there.
        self._z_floor = (
            math.log(floor / (1.0 - floor)) - _BOUND_MARGIN if 1e-6 < floor < 1 - 1e-6 else -math.inf
        )
        self._stems_a, self._stems_b = _Indexes(), _Indexes()
        self._words_a, self._words_b = _Indexes(), _Indexes()

    def scores_at_least(self, i: int, js: Iterable[int]) -> list[tuple[int, float]]:
        """``(j, similarity(pa[i], pb[j]).value)`` for each ``j`` of ``js`` that reaches ``floor``."""
        x = self._a[i]
        assert x is not None
        found = []
        for j in js:
            y = self._b[j]
            assert y is not None
            shared = x.profile.bag & y.profile.bag
            if not shared:
                if self._floor <= 0.0:
                    found.append((j, 0.0))
                continue
            value = self._score(i, j, x, y, shared)
            if value is not None:
                found.append((j, value))
        return found

    def _score(self, i: int, j: int, x: _Prepared, y: _Prepared, shared: frozenset[str]) -> float | None:
        """The exact score of a pair sharing stems, or ``None`` once a bound falls below the floor."""
        values = _cheap(x, y, shared, self._weights.total(shared))
        common = sum(min(x.counts[stem], y.counts[stem]) for stem in shared)
        same_words = _same_words(x, y, common)
        words = len(x.words) + len(y.words)
        difflib_ranges = {
            _ORDER: (0.0, min(1.0, 2.0 * common / (x.stems + y.stems))),
            _SURFACE: (0.0, min(1.0, 2.0 * same_words / words) if words else 0.0),
        }
        z_floor = self._z_floor - _BOUND_MARGIN  # the bounds are plain sums: room for their order
        if ceiling(values, difflib_ranges | _ngram_ranges(x, y, same_words)) < z_floor:
            return None
        _with_ngrams(values, x, y)
        if ceiling(values, difflib_ranges) < z_floor:
            return None
        px, py = x.profile, y.profile
        values[_ORDER] = _cached_ratio(px.stems, py.stems, self._stems_a, i, self._stems_b, j)
        del difflib_ranges[_ORDER]
        if ceiling(values, difflib_ranges) < z_floor:
            return None
        values[_SURFACE] = _cached_ratio(x.words, y.words, self._words_a, i, self._words_b, j)
        value = combine(values)
        return value if value >= self._floor else None
