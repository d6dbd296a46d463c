"""Is a linked pair ``same`` (a paraphrase) or ``partial``? A small model of its own.

Linking and labelling are two decisions. Whether two sentences are linked at all ("they share a
fact") is the similarity's job (``similarity.py``, fitted mostly for news links). Whether a linked
pair says *essentially the same thing* is a narrower question, the one the MSRP paraphrase corpus
asks, and it is answered here from features of the wording of the two sentences:

- ``words1`` .. ``words4``: clipped n-gram precision of the lowercased words (BLEU's), taken in
  both directions; ``_low`` is the lower of the two (the fuller sentence: how much of it the other
  repeats), ``_high`` the higher (the shorter: how much of it the other covers);
- ``stems1`` .. ``stems2``: the same over content stems (inflection and stopwords aside);
- ``lcs_low`` / ``lcs_high``: the longest common subsequence of the words (difflib's matching
  blocks) over the longer and over the shorter sentence;
- ``link``: the pair's link score, which weighs rare words (names, figures) above common ones;
- ``unmatched_more`` / ``unmatched_fewer``: content stems of one sentence absent from the other,
  for the side with more and with fewer of them (``log1p``): what only one of the two says;
- ``numbers_unmatched``: figures of either sentence missing from the other;
- ``names_unmatched``: capitalised words (not the first) of either sentence missing from the other;
- ``negation_mismatch``: one sentence is negated ("not", "never", "n't" ...) and the other is not.

``probability = logistic(BIAS + sum(COEFFICIENTS[k] * feature[k]))`` and a pair is ``same`` when
it reaches ``SAME_PROBABILITY``, or when its link score alone reaches ``SAME_LINK_SCORE``: a pair
the similarity finds that close is the same statement even when one sentence adds a clause, as a
translated quote with its attribution does (the seed facts: A9/B4 on samples/kremlin-drone).

The coefficients are fitted by ``benchmarks/fit_sameness.py`` on MSRP train only, with each
coefficient's sign fixed in advance (``SIGNS``): overlap can only make a pair more ``same`` and a
difference only less, so an extra differing figure or name never makes two sentences look more
alike, however the features correlate. Many coefficients come out 0: with the signs held, the
n-gram precisions add nothing the unigram precision, the common subsequence and the link score
do not already say.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Callable, Sequence

from comparer.core.normalize import Token
from comparer.core.similarity import MAX_COMPARED, Profile, b2j, matched, words

FEATURES = (
    "words1_low",
    "words1_high",
    "words2_low",
    "words2_high",
    "words3_low",
    "words3_high",
    "words4_low",
    "words4_high",
    "stems1_low",
    "stems1_high",
    "stems2_low",
    "stems2_high",
    "lcs_low",
    "lcs_high",
    "link",
    "unmatched_more",
    "unmatched_fewer",
    "numbers_unmatched",
    "names_unmatched",
    "negation_mismatch",
)
"""The names of the features, in the order of ``COEFFICIENTS``."""
SIGNS = (1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1)
"""The sign each coefficient is held to by the fit: +1 for overlap, -1 for a difference."""
COEFFICIENTS = (
    2.1320,
    0.0000,
    0.0000,
    0.0000,
    0.0000,
    0.0000,
    0.0000,
    0.0000,
    0.0000,
    0.0000,
    0.0000,
    0.0000,
    1.1715,
    0.0000,
    1.9903,
    -1.0476,
    0.0000,
    -0.0577,
    0.0000,
    -1.0958,
)
"""Fitted by benchmarks/fit_sameness.py on MSRP train; see benchmarks/README.md."""
BIAS = -0.6011
SAME_PROBABILITY = 0.56
"""A linked pair whose probability reaches this is ``same``."""
SAME_LINK_SCORE = 0.62
"""A linked pair whose link score reaches this is ``same`` whatever its probability. Both cuts are
fitted together: the best accuracy on MSRP train among those that keep the seed facts."""

_NEGATIONS = frozenset({"not", "no", "never", "nor", "none", "nothing", "nobody", "without", "cannot"})


def _ngrams(sequence: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(sequence[k : k + n]) for k in range(len(sequence) - n + 1))


def _precision(of: Counter[tuple[str, ...]], against: Counter[tuple[str, ...]]) -> float:
    """Share of ``of``'s n-grams found in ``against``, each counted at most as often as there."""
    total = sum(of.values())
    if not total:
        return 0.0
    return sum(min(count, against[gram]) for gram, count in of.items()) / total


def _both_ways(x: Sequence[str], y: Sequence[str], n: int) -> tuple[float, float]:
    """The n-gram precision of each sentence against the other: (lower, higher)."""
    gx, gy = _ngrams(x, n), _ngrams(y, n)
    first, second = _precision(gx, gy), _precision(gy, gx)
    return min(first, second), max(first, second)


def _lcs(x: Sequence[str], y: Sequence[str]) -> tuple[float, float]:
    """Common subsequence length over the longer and over the shorter sentence."""
    if not x or not y:
        return 0.0, 0.0
    # difflib's matching blocks summed, in a canonical order (symmetric), over the sentences' first
    # MAX_COMPARED words as for the similarity; the shares stay over the whole sentences.
    cut_x, cut_y = tuple(x[:MAX_COMPARED]), tuple(y[:MAX_COMPARED])
    first, second = (cut_x, cut_y) if cut_x <= cut_y else (cut_y, cut_x)
    common = matched(first, b2j(second), len(second))
    return common / max(len(x), len(y)), common / min(len(x), len(y))


def _names(tokens: Sequence[Token]) -> frozenset[str]:
    """Capitalised content words after the first word: names, roughly, without a tagger."""
    return frozenset(t.stem for t in tokens[1:] if t.content and t.number is None and t.text[:1].isupper())


def _negated(tokens: Sequence[Token]) -> bool:
    norms = [t.norm for t in tokens]
    # map runs str.endswith without a Python frame per word: this runs for every pair labelled.
    return not _NEGATIONS.isdisjoint(norms) or any(map(str.endswith, norms, itertools.repeat("n't")))


class Wording:
    """One side of a pair as the features read it beyond its profile: its lowercased words, how
    often each comes, and whether it is negated, each found when first needed. A caller labelling
    many pairs over the same sentences (a sentence of a long document is in up to six links) gives
    ``is_same`` one Wording per side, so these are found once per side, not once per pair."""

    __slots__ = ("_counts", "_negated", "_words", "profile")

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self._words: tuple[str, ...] | None = None
        self._counts: Counter[str] | None = None
        self._negated: bool | None = None

    def words(self) -> tuple[str, ...]:
        if self._words is None:
            self._words = words(self.profile)
        return self._words

    def counts(self) -> Counter[str]:
        if self._counts is None:
            self._counts = Counter(self.words())
        return self._counts

    def negated(self) -> bool:
        if self._negated is None:
            self._negated = _negated(self.profile.tokens)
        return self._negated


class _Pair:
    """One pair's inputs to the features: the two profiles, their ``Wording`` and the link score."""

    __slots__ = ("link", "ox", "oy", "x", "y")

    def __init__(
        self, x: Profile, y: Profile, link: float, wordings: tuple[Wording, Wording] | None = None
    ) -> None:
        self.x, self.y, self.link = x, y, link
        self.ox, self.oy = wordings if wordings is not None else (Wording(x), Wording(y))
        assert self.ox.profile is x and self.oy.profile is y, "a Wording is of its own side"

    @property
    def wx(self) -> tuple[str, ...]:
        return self.ox.words()

    @property
    def wy(self) -> tuple[str, ...]:
        return self.oy.words()


def _unmatched(p: _Pair) -> tuple[float, float]:
    only_x, only_y = len(p.x.bag - p.y.bag), len(p.y.bag - p.x.bag)
    return math.log1p(max(only_x, only_y)), math.log1p(min(only_x, only_y))


def _word_precisions(n: int) -> Callable[[_Pair], Sequence[float]]:
    if n == 1:
        return _unigram_precisions
    return lambda p: _both_ways(p.wx, p.wy, n)


def _unigram_precisions(p: _Pair) -> tuple[float, float]:
    """``_both_ways(p.wx, p.wy, 1)`` to the bit, counting the words themselves rather than
    1-tuples of them: the one precision that counts (``COEFFICIENTS``), asked of most pairs."""
    if not p.wx or not p.wy:
        return 0.0, 0.0
    common = (p.ox.counts() & p.oy.counts()).total()  # each word as often as both hold it
    first, second = common / len(p.wx), common / len(p.wy)
    return min(first, second), max(first, second)


def _stem_precisions(n: int) -> Callable[[_Pair], Sequence[float]]:
    return lambda p: _both_ways(p.x.stems, p.y.stems, n)


_GROUPS: tuple[tuple[int, Callable[[_Pair], Sequence[float]]], ...] = (
    *((2, _word_precisions(n)) for n in (1, 2, 3, 4)),
    *((2, _stem_precisions(n)) for n in (1, 2)),
    (2, lambda p: _lcs(p.wx, p.wy)),
    (1, lambda p: (p.link,)),
    (2, _unmatched),
    (1, lambda p: (float(len(p.x.numbers ^ p.y.numbers)),)),
    (1, lambda p: (float(len(_names(p.x.tokens) ^ _names(p.y.tokens))),)),
    (1, lambda p: (float(p.ox.negated() != p.oy.negated()),)),
)
"""The features in groups computed together (a group gives this many values, in the order of
``FEATURES``): n-gram precisions come in pairs, as do the common subsequence and unmatched words."""


_STARTS = tuple(itertools.accumulate((size for size, _ in _GROUPS), initial=0))
_USED = tuple(
    any(COEFFICIENTS[start : start + size]) for (size, _), start in zip(_GROUPS, _STARTS[:-1], strict=True)
)
"""Whether each group has a coefficient other than 0."""
_ALL = (True,) * len(_GROUPS)
_WORDS1, _LCS = FEATURES.index("words1_low"), FEATURES.index("lcs_low")
_WORDS1_GROUP, _LCS_GROUP = _STARTS.index(_WORDS1), _STARTS.index(_LCS)
_CHEAP = tuple(used and k not in (_WORDS1_GROUP, _LCS_GROUP) for k, used in enumerate(_USED))
"""The groups ``is_same`` computes first: all that count but the word overlaps."""
_W1, _WL = COEFFICIENTS[_WORDS1], COEFFICIENTS[_LCS]
_MARGIN = 1e-9
"""How far a bound of the probability must clear the cut to decide on it. ``math.tanh`` is within
a few ulps (1e-16) of the true function, which is increasing, but not promised monotone to the
last bit, and the bounds are summed in another order than ``combine`` sums (a few ulps again): a
bound clearing the cut by this much decides as the exact probability would."""


def features(x: Profile, y: Profile, link: float, *, all_of_them: bool = True) -> tuple[float, ...]:
    """The features of a pair, in the order of ``FEATURES``; ``link`` is its link score.

    With ``all_of_them=False``, a group of features whose coefficients are all 0 is not computed
    but given as zeros, which changes no probability: the fit (``benchmarks/fit_sameness.py``)
    needs them all, a comparison only those that count (a third of the time of a link).
    """
    return tuple(_values(_Pair(x, y, link), _ALL if all_of_them else _USED))


def _values(pair: _Pair, computed: Sequence[bool]) -> list[float]:
    """The features of ``pair``, with the groups not ``computed`` given as zeros."""
    values: list[float] = []
    for (size, compute), wanted in zip(_GROUPS, computed, strict=True):
        values += compute(pair) if wanted else (0.0,) * size
    return values


def combine(values: Sequence[float]) -> float:
    """The probability of a feature vector: the fitted logistic combination."""
    return _logistic(_argument(values))


def _argument(values: Sequence[float]) -> float:
    """The logistic's argument for a feature vector: ``BIAS`` plus the weighted features, exactly
    rounded (``fsum``)."""
    return BIAS + math.fsum(c * v for c, v in zip(COEFFICIENTS, values, strict=True))


def same_probability(x: Profile, y: Profile, link: float) -> float:
    """How likely a linked pair is a paraphrase, in [0, 1]; symmetric in ``x`` and ``y``."""
    return combine(features(x, y, link, all_of_them=False))


def is_same(
    x: Profile, y: Profile, link: float, shift: float = 0.0, wordings: tuple[Wording, Wording] | None = None
) -> bool:
    """Whether a linked pair is ``same``; ``shift`` raises (positive) or lowers the bar.

    Exactly ``link >= SAME_LINK_SCORE + shift or same_probability(x, y, link) >= SAME_PROBABILITY
    + shift``, with the word overlaps (``_reaches``) computed only when the rest leaves it open.
    ``wordings`` is ``(Wording(x), Wording(y))``, given when the caller keeps them for sides that
    are in several pairs.
    """
    if link >= SAME_LINK_SCORE + shift:
        return True
    return _reaches(_Pair(x, y, link, wordings), SAME_PROBABILITY + shift)


def _reaches(pair: _Pair, cut: float) -> bool:
    """Whether ``combine(_values(pair, _USED)) >= cut``, computing the costly features last.

    The word overlaps cost most of a pair's features (a Counter of each side's words, difflib's
    matching blocks), and in long documents most pairs are decided without them. Both
    ``words1_low`` and ``lcs_low`` lie in [0, 1] and have coefficients of at least 0 (``SIGNS``),
    so the probability grows with each; and ``lcs_low <= words1_low``, both being a count of
    shared words over the longer sentence's words: the common subsequence uses each word at most
    as often as both sentences hold it, which is the clipped unigram count. So the features
    known bound the probability from below (overlaps at 0) and above (at 1, then the subsequence
    at ``words1_low``), and a bound clearing the cut by ``_MARGIN`` decides. Otherwise the last
    comparison is made on exactly the vector ``same_probability`` combines. The groups' other
    values, ``words1_high`` and ``lcs_high``, weigh 0 (``COEFFICIENTS``) and are left out of the
    bounds: a refit that weighs them must add them here (a test checks they weigh 0).
    """
    values = _values(pair, _CHEAP)
    known = _argument(values)
    decided = _bounds_decide(known, cut, (0.0, 0.0), (1.0, 1.0))
    if decided is not None:
        return decided
    values[_WORDS1 : _WORDS1 + 2] = _GROUPS[_WORDS1_GROUP][1](pair)
    words1 = values[_WORDS1]
    decided = _bounds_decide(known, cut, (words1, 0.0), (words1, words1))
    if decided is not None:
        return decided
    values[_LCS : _LCS + 2] = _GROUPS[_LCS_GROUP][1](pair)
    return combine(values) >= cut


def _bounds_decide(
    known: float, cut: float, low: tuple[float, float], high: tuple[float, float]
) -> bool | None:
    """Whether the probability reaches ``cut`` whatever ``(words1_low, lcs_low)`` are between
    ``low`` and ``high``, or ``None`` when that depends on them; ``known`` is the logistic's
    argument with those two at 0 (the other features' terms summed once).

    These bounds add the two terms to ``known`` instead of summing all twenty again as
    ``combine`` does: a few ulps apart from ``combine`` of the same vector, which ``_MARGIN``
    covers many times over.
    """
    if _logistic(known + _W1 * low[0] + _WL * low[1]) >= cut + _MARGIN:
        return True
    if _logistic(known + _W1 * high[0] + _WL * high[1]) < cut - _MARGIN:
        return False
    return None


def _logistic(z: float) -> float:
    return 0.5 * (1.0 + math.tanh(0.5 * z))  # without overflow for large |z|
