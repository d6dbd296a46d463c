"""How alike two sentences are: features of their content stems, combined by fitted weights.

The score of sentences ``x`` and ``y`` is a number in [0, 1] built from their *content stems*
(Snowball stems of the words that are not stopwords, numbers in canonical form; see
``normalize``). Each stem has a weight, its inverse document frequency
within the two articles being compared, so a name or a number that occurs once in the pair counts
for much more than a word that is in every other sentence. With ``W(s)`` the summed weight of a
set of stems and ``S`` the stems the two sentences share, the features are:

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
- ``surface``: difflib's ratio of all the words, stopwords included, lowercased: how close the
  wording is, which separates a restatement from two sentences on one topic.

``score = logistic(BIAS + sum(COEFFICIENTS.f * features.f for every feature f))``, each feature
named once (``LinkFeatures``). The coefficients are fitted by ``benchmarks/fit_weights.py``
(logistic regression on MSRP train and the news-dev pairs) and shipped as the constants below.
The score is symmetric: ``score(x, y) == score(y, x)`` exactly, which keeps swapped comparisons
mirrored, and a pair that shares no content stem scores 0, which candidate pruning relies on
(the meaning-aware alignment, ``meaning_links``, proposes such pairs by their embeddings).
"""

from __future__ import annotations

import bisect
import difflib
import functools
import itertools
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from comparer.core.candidates import StemIndex
from comparer.core.model import Sentence
from comparer.core.normalize import Token, tokenize


class LinkFeatures(NamedTuple):
    """The features of a sentence pair, by name: the one definition the exact score
    (``features``), the bounds of ``PairScorer`` and the fit (benchmarks/fit_weights.py) read.
    ``COEFFICIENTS`` is one of these too, holding each feature's weight."""

    dice: float
    containment: float
    order: float
    evidence: float
    bigrams: float
    number_conflict: float
    surface: float


FEATURES = LinkFeatures._fields
"""The names of the features, in the order of ``COEFFICIENTS``."""
COEFFICIENTS = LinkFeatures(
    dice=2.6133,
    containment=1.9122,
    order=0.8004,
    evidence=2.2025,
    bigrams=-2.5631,
    number_conflict=-0.5136,
    surface=2.4470,
)
"""Fitted by benchmarks/fit_weights.py; see benchmarks/README.md."""
BIAS = -4.7587
EVIDENCE_SCALE = 6.0
"""Shared weight at which the evidence feature reaches 1 - 1/e (about two rare words)."""
MIN_SENTENCES = 20
"""Rarity is computed as if the articles had at least this many sentences, so that a word in one
sentence of a very short comparison (two single sentences) is not scored as common."""


@dataclass(frozen=True, slots=True)
class Profile:
    """What the similarity needs of one sentence, computed once."""

    tokens: tuple[Token, ...]
    stems: tuple[str, ...]
    """Content stems in order."""
    bag: frozenset[str]
    numbers: frozenset[str]


Seen = dict[str, tuple[int, Profile]]
"""The profiles made so far in one comparison, by sentence text, each with its sentence's start."""


def profile(sentence: Sentence, seen: Seen | None = None) -> Profile:
    """Tokenise a sentence and keep its content stems.

    With ``seen``, a text profiled before is not tokenised again: its profile is the earlier
    one's with the tokens moved to this sentence (the two articles of a pair, and long
    documents, share sentences word for word). Kept by the caller for one comparison only.
    """
    text, start = sentence.text, sentence.start
    if seen is not None and (known := seen.get(text)) is not None:
        return _moved(known[1], start - known[0])
    tokens = tokenize(text, start)
    stems = tuple(t.stem for t in tokens if t.content)
    numbers = frozenset(t.stem for t in tokens if t.content and t.number is not None)
    made = Profile(tokens, stems, frozenset(stems), numbers)
    if seen is not None:
        seen[text] = (start, made)
    return made


def _moved(known: Profile, shift: int) -> Profile:
    """``known`` with its tokens' offsets shifted by ``shift``: everything else depends on the text."""
    make = tuple.__new__
    tokens = tuple(
        [
            make(Token, (text, start + shift, end + shift, norm, stem, content, number))
            for text, start, end, norm, stem, content, number in known.tokens
        ]
    )
    return Profile(tokens, known.stems, known.bag, known.numbers)


class Weights:
    """Inverse document frequency of each stem over the sentences of both articles."""

    def __init__(self, bags: Sequence[frozenset[str]]) -> None:
        self._frequency: Counter[str] = Counter()
        for bag in bags:
            self._frequency.update(bag)
        self._total = max(len(bags), MIN_SENTENCES)
        # Every stem of the articles weighed up front (a comparison asks for each of them): a
        # weight is then one look-up, and a sentence's total one fsum over a map, with no call
        # per stem.
        self._cache: dict[str, float] = {stem: self._weigh(n) for stem, n in self._frequency.items()}

    def _weigh(self, frequency: int) -> float:
        return math.log(1.0 + self._total / (frequency + 1.0))

    def __call__(self, stem: str) -> float:
        value = self._cache.get(stem)
        if value is None:  # a stem the articles do not hold
            value = self._cache[stem] = self._weigh(0)
        return value

    def table(self) -> dict[str, float]:
        """The weight of every stem of the articles (and of any other stem weighed so far)."""
        return dict(self._cache)

    def total(self, stems: frozenset[str]) -> float:
        # fsum is exactly rounded, so the total never depends on the order a set iterates in.
        try:
            return math.fsum(map(self._cache.__getitem__, stems))
        except KeyError:  # a stem not weighed yet (none of the articles holds it)
            return math.fsum(map(self, stems))

    def frequency(self, stem: str) -> int:
        return self._frequency.get(stem, 0)


MAX_COMPARED = 1000
"""difflib sees at most the first this many stems, and words, of a sentence (``order`` and
``surface``). Its matching is quadratic in the worst case: a sentence of 50,000 words (a
transcript without punctuation) took over a minute against its near copy. Natural sentences are
far shorter, so this changes no score of theirs; a longer one is still compared whole by every
other feature (dice, containment, evidence, bigrams, numbers) and shown whole."""


def order_ratio(x: Sequence[str], y: Sequence[str]) -> float:
    """difflib's ratio of two stem sequences (their first ``MAX_COMPARED``), computed in a
    canonical order so it is symmetric."""
    x, y = x[:MAX_COMPARED], y[:MAX_COMPARED]
    if not x and not y:
        return 0.0
    first, second = (x, y) if tuple(x) <= tuple(y) else (y, x)
    return difflib.SequenceMatcher(None, first, second, autojunk=False).ratio()


def words(x: Profile) -> tuple[str, ...]:
    """The sentence's words, lowercased (punctuation left out): what the surface ratio compares."""
    return tuple(t.norm for t in x.tokens if t.norm[:1].isalnum())


def b2j(sequence: Sequence[str]) -> dict[str, list[int]]:
    """difflib's index of a second sequence: each element's positions, for ``matched``."""
    index: dict[str, list[int]] = {}
    for k, element in enumerate(sequence):
        index.setdefault(element, []).append(k)
    return index


def _bigrams(stems: Sequence[str]) -> set[tuple[str, str]]:
    return set(itertools.pairwise(stems))


def bigram_overlap(x: Sequence[str], y: Sequence[str]) -> float:
    """Shared adjacent stem pairs over the fewer pairs either sentence has."""
    bx, by = _bigrams(x), _bigrams(y)
    if not bx or not by:
        return 0.0
    return len(bx & by) / min(len(bx), len(by))


@dataclass(frozen=True, slots=True)
class Score:
    """A similarity and the parts it was made of (kept for explaining a link)."""

    value: float
    dice: float
    containment: float
    order: float


def _overlap(x: Profile, y: Profile, weights: Weights) -> tuple[float, float, float, float, float]:
    """The features that need no difflib: dice, containment, evidence, bigrams, number conflict."""
    shared = x.bag & y.bag
    w_shared = weights.total(shared)
    w_x, w_y = weights.total(x.bag), weights.total(y.bag)
    return (
        2.0 * w_shared / (w_x + w_y),
        w_shared / min(w_x, w_y),
        1.0 - math.exp(-w_shared / EVIDENCE_SCALE),
        bigram_overlap(x.stems, y.stems),
        1.0 if x.numbers and y.numbers and not (x.numbers & y.numbers) else 0.0,
    )


def features(x: Profile, y: Profile, weights: Weights) -> LinkFeatures:
    """The features of a pair that shares at least one stem."""
    dice, containment, evidence, bigrams, conflict = _overlap(x, y, weights)
    order = order_ratio(x.stems, y.stems)
    return LinkFeatures(
        dice, containment, order, evidence, bigrams, conflict, order_ratio(words(x), words(y))
    )


def logistic(z: float) -> float:
    """The logistic function: a score from the linear combination of the features."""
    return 1.0 / (1.0 + math.exp(-z))


def combine(values: LinkFeatures) -> float:
    """The score of a feature vector: the fitted logistic combination."""
    return logistic(BIAS + math.fsum(c * v for c, v in zip(COEFFICIENTS, values, strict=True)))


_BOUND_MARGIN = 1e-9
"""Room for sums taken in another order than ``similarity`` takes them."""


def similarity(x: Profile, y: Profile, weights: Weights) -> Score:
    """How alike two sentences are, in [0, 1]; see the module docstring."""
    if x.bag.isdisjoint(y.bag):
        return Score(0.0, 0.0, 0.0, 0.0)
    values = features(x, y, weights)
    return Score(combine(values), values[0], values[1], values[2])


class _Prepared(NamedTuple):
    """What scoring needs of one sentence, computed once for all the pairs it is in.

    A named tuple, not a frozen dataclass: a frozen dataclass sets each field through
    ``object.__setattr__``, and is made about seven times slower (``Pending`` is made for tens of
    thousands of pairs in a long comparison); reading a field costs the same.
    """

    profile: Profile
    weight: float
    """W(bag), exactly as ``Weights.total`` gives it."""
    stems: int
    """How many stems ``order`` compares."""
    stem_repeats: int
    """Content stems that repeat an earlier one: ``len(stems) - len(bag)``."""
    counts: dict[str, int]
    bigrams: frozenset[tuple[str, str]]
    words: tuple[str, ...]
    """The tokens ``surface`` compares (the first ``MAX_COMPARED``)."""
    ordered: tuple[str, ...]
    """The stems ``order`` compares (the first ``MAX_COMPARED``)."""
    n_words: int
    word_set: frozenset[str]
    word_repeats: int
    other_words: int
    """Words that are not content stems (stopwords)."""
    others: int
    """The distinct other words, as bits of an int (``_prepare``'s ``bits`` gives each its bit)."""
    other_repeats: int
    """Other words that repeat an earlier one."""
    inverse_weight: float
    """``1 / weight`` (0 for a sentence without content stems, which shares none)."""
    one_stem: float
    """This sentence's half of an upper bound of the order and surface terms of any pair that
    shares exactly one stem with it (see ``_one_stem_half``)."""


def _prepare(x: Profile, weights: Weights, bits: dict[str, int]) -> _Prepared:
    """``bits`` gives every other word (stopword) a bit, the same for all the sentences of a pair
    of articles: it gains a bit for each other word it has not seen."""
    words: list[str] = []  # words(x), how many are content words, and the others' bits, in one pass
    content_words = 0
    others = 0
    for token in x.tokens:
        if token.norm[:1].isalnum():
            words.append(token.norm)
            if token.content:
                content_words += 1
            else:
                bit = bits.get(token.norm)
                if bit is None:
                    bit = bits[token.norm] = 1 << len(bits)
                others |= bit
    word_set = frozenset(words)
    weight = weights.total(x.bag)
    stem_repeats = len(x.stems) - len(x.bag)
    other_words = len(words) - content_words
    # Only the first MAX_COMPARED stems and words go to difflib, so only they count in the
    # denominators of the bounds; the counts of what can match stay those of the whole sentence.
    compared_words, ordered = tuple(words[:MAX_COMPARED]), x.stems[:MAX_COMPARED]
    return _Prepared(
        x,
        weight,
        len(ordered),
        stem_repeats,
        dict(Counter(x.stems)) if stem_repeats else dict.fromkeys(x.stems, 1),
        frozenset(itertools.pairwise(x.stems)),
        compared_words,
        ordered,
        len(compared_words),
        word_set,
        len(words) - len(word_set),
        other_words,
        others,
        other_words - others.bit_count(),
        1.0 / weight if weight > 0.0 else 0.0,
        _one_stem_half(len(ordered), stem_repeats, len(compared_words), other_words),
    )


def _kind(x: _Prepared) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What makes two sentences score alike with any other: their stems and their words (all of
    them, not only the ones difflib sees)."""
    return x.profile.stems, x.words if x.n_words < MAX_COMPARED else words(x.profile)


def _one_stem_half(stems: int, stem_repeats: int, words: int, other_words: int) -> float:
    """One sentence's half of an upper bound of ``c_order * order + c_surface * surface`` for a
    pair of sentences that share exactly one stem.

    With one shared stem, difflib can match at most ``1 + stem_repeats`` stems of either side
    (that stem as often as the side repeats stems) and at most that many content words plus the
    fewer stopwords. ``2m / (p + q) <= (m / p + m / q) / 2``, and ``min(1, (u + v) / 2) <=
    (min(2, u) + min(2, v)) / 2``, so the bound splits into one half per sentence: the halves can
    be computed once per sentence and added for any pair.
    """
    c = COEFFICIENTS
    order = min(2.0, (1 + stem_repeats) / stems) if stems else 0.0
    surface = min(2.0, (1 + stem_repeats + other_words) / words) if words else 0.0
    return (c.order * order + c.surface * surface) / 2.0


_WEIGHT_TERMS = COEFFICIENTS.dice / 2.0 + COEFFICIENTS.containment
"""With ``W`` a pair's shared weight, ``c_dice * dice + c_containment * containment <=
_WEIGHT_TERMS * (W / w_x + W / w_y)``: ``2 / (p + q) <= (1 / p + 1 / q) / 2`` for the dice and
``1 / min(p, q) <= 1 / p + 1 / q`` for the containment. One term per sentence again."""


class _Indexes:
    """difflib's index of the second sequence (``b2j``), kept per sentence of one side.

    ``SequenceMatcher`` indexes its second sequence; kept here per sentence, a sentence is indexed
    once for all the pairs it is the second sequence of.
    """

    def __init__(self) -> None:
        self._of: dict[int, dict[str, list[int]]] = {}

    def get(self, index: int, sequence: tuple[str, ...]) -> dict[str, list[int]]:
        positions = self._of.get(index)
        if positions is None:
            positions = self._of[index] = b2j(sequence)
        return positions


def matched(a: Sequence[str], b2j: Mapping[str, Sequence[int]], size_b: int) -> int:
    """How many elements difflib's matching blocks of ``a`` and ``b`` hold, ``b`` given by its index.

    This is ``SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()`` summed, step
    for step: the longest matching block (the first found, scanning ``a`` then ``b`` in order),
    then the same on each side of it. With no junk, difflib's extension of a block past junk never
    applies. Written out, it spares the matcher object and its named tuples for every pair.
    """
    total = 0
    queue = [(0, len(a), 0, size_b)]
    positions_of = b2j.get
    while queue:
        a_lo, a_hi, b_lo, b_hi = queue.pop()
        best_i, best_j, best = a_lo, b_lo, 0
        whole_b = b_lo == 0 and b_hi == size_b  # no position of b to skip: the first window
        run: dict[int, int] = {}
        for i in range(a_lo, a_hi):
            positions = positions_of(a[i])
            if positions is None:
                run = {}
                continue
            runs_before = run.get
            run = {}
            # The same loop twice: the range checks cost a fifth of the time where none is needed.
            if whole_b:
                for j in positions:
                    k = run[j] = runs_before(j - 1, 0) + 1
                    if k > best:
                        best_i, best_j, best = i - k + 1, j - k + 1, k
                continue
            for j in positions:
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
    if x == y:
        return 1.0 if x else 0.0  # one block of all of x: 2 len(x) / (2 len(x))
    if x <= y:
        return 2.0 * matched(x, index_y.get(j, y), len(y)) / (len(x) + len(y))
    return 2.0 * matched(y, index_x.get(i, x), len(x)) / (len(x) + len(y))


def similarity_value(x: Profile, y: Profile, weights: Weights) -> float:
    """``similarity(x, y, weights).value``, exactly, with difflib's matching counted by
    ``matched`` instead of a SequenceMatcher: about twice as fast, for the pairs scored one at a
    time outside ``PairScorer`` (links whose sides merge several sentences)."""
    if x.bag.isdisjoint(y.bag):
        return 0.0
    dice, containment, evidence, bigrams, conflict = _overlap(x, y, weights)
    order = _cached_ratio(x.stems[:MAX_COMPARED], y.stems[:MAX_COMPARED], _Indexes(), 0, _Indexes(), 0)
    surface = _cached_ratio(words(x)[:MAX_COMPARED], words(y)[:MAX_COMPARED], _Indexes(), 0, _Indexes(), 0)
    return combine(LinkFeatures(dice, containment, order, evidence, bigrams, conflict, surface))


def _matched_words_bound(partial: float, same_words: int, x: _Prepared, y: _Prepared, z_floor: float) -> int:
    """The most words difflib can match in ``x`` and ``y``, or -1 when even that leaves the pair
    below the floor.

    ``partial`` is the logistic's argument bounded without the surface term, ``same_words`` the
    stems difflib can match plus the other words (stopwords) it can match: equal words have equal
    stems, and a word is a content word or not by its spelling alone, so at most those stems'
    words match, and of the other words at most the distinct ones both sentences hold (``others``)
    plus the fewer repeats (``other_repeats``). The callers' loops check that bound first, written
    out, as most pairs stop there. The words both sentences hold bound it too, but take a set
    intersection.
    """
    words = x.n_words + y.n_words
    if not words:
        return same_words if partial >= z_floor else -1
    same_words = min(same_words, len(x.word_set & y.word_set) + min(x.word_repeats, y.word_repeats))
    return (
        same_words if partial + COEFFICIENTS.surface * min(1.0, 2.0 * same_words / words) >= z_floor else -1
    )


class Pending(NamedTuple):
    """What ``PairScorer.exact`` needs to finish a pair's score: every feature that needs no difflib,
    exactly, and the pair's place in the per-sentence caches.

    A named tuple, as ``_Prepared``: a long comparison makes tens of thousands.
    """

    i: int
    j: int
    kinds: tuple[int, int]
    dice: float
    containment: float
    evidence: float
    bigrams: float
    conflict: float
    z: float
    """The logistic's argument without the order and surface terms, plus ``_BOUND_MARGIN``."""
    order_bound: float


_EMPTY_ROW: tuple[frozenset[str], float, int, int, int, int, int] = (frozenset(), 0.0, 0, 0, 0, 0, 0)
"""``PairScorer``'s row for a sentence that takes no part: it shares nothing."""

_Row = tuple[int, float, int, int, frozenset[str], int, int, int, int]
"""What the one-stem bound needs of a sentence of B holding a stem: ``(j, weight, stems, times it
holds the stem, numbers, others, other_repeats, n_words, frequent)``, ``frequent`` the bits of its
frequent stems (``_Frequent``)."""

FREQUENT_SHARE = 0.2
"""A stem in at least this share of the distinct sentences of both articles (and in
``FREQUENT_MIN`` of them) is *frequent*: it finds no candidate on its own (see ``PairScorer``)."""
FREQUENT_MIN = 250
"""A stem in fewer sentences than this is never frequent: in an article pair of a few dozen
sentences, a name in a fifth of them is what the story is about, and costs nothing."""


class _Frequent(NamedTuple):
    """A sentence's frequent stems: their bits (one per frequent stem), their total weight and how
    many there are."""

    bits: int
    weight: float
    stems: int


_NO_FREQUENT = _Frequent(0, 0.0, 0)

Candidate = tuple[int, float, Pending | None]
"""``(j, score, None)`` when the score is exact, ``(j, bound, pending)`` when it is only an upper
bound of the score: ``PairScorer.exact(pending)`` gives the score itself."""


class PairScorer:
    """The scores of many sentence pairs of two articles that reach a floor, per-sentence work done once.

    ``candidates_of(i)`` finds the sentences of B worth scoring with sentence ``i`` of A from an
    index of B's stems (``candidates.StemIndex``), so pairs sharing no stem (score 0) are never
    visited; those sharing exactly one stem are cut a posting list at a time by a bound that splits
    into a part per sentence (``_one_stem_ranking``). Each pair left passes cheaper and cheaper
    bounds of its score: the bounds use every feature's exact value where it is cheap and an upper
    bound of it (a lower bound for the features with negative coefficients) where it is not, so a
    pair is only cut when its exact score provably falls below ``floor``. What is left is a
    candidate with an upper bound of its score, cheap to have; ``exact`` then does the difflib work,
    computing the value exactly as ``similarity`` computes it, for the candidates a caller still
    needs (``align`` asks for a pair's score only when the pair's turn comes and its score can still
    change a link). ``scores_of`` does both at once. The result is the exhaustive one, for any floor
    and any document size.
    """

    def __init__(
        self,
        pa: Sequence[Profile | None],
        pb: Sequence[Profile | None],
        weights: Weights,
        floor: float,
        copies: int | None = None,
    ) -> None:
        """``copies``, when given, caps how many copies of a repeated sentence each sentence is
        paired with (see ``candidates_of``); ``None`` pairs it with all of them."""
        bits: dict[str, int] = {}
        self._a = [None if x is None else _prepare(x, weights, bits) for x in pa]
        self._b = [None if y is None else _prepare(y, weights, bits) for y in pb]
        self._weight = weights.table()  # holds every stem of pa and pb: _prepare weighed them all
        self._floor = floor
        # The bounds compare the logistic's argument with the floor's; near 0 or 1 the logistic is
        # too flat for a margin in its argument to cover rounding, so no pair is cut there.
        self._z_floor = (
            math.log(floor / (1.0 - floor)) - _BOUND_MARGIN if 1e-6 < floor < 1 - 1e-6 else -math.inf
        )
        self._stems_a, self._stems_b = _Indexes(), _Indexes()
        self._words_a, self._words_b = _Indexes(), _Indexes()
        # Long documents repeat sentences (updated wire copy, transcripts, a page scraped twice): a
        # sentence whose stems and words were seen before scores as that one did, so each such kind
        # of sentence is scored once, and only the first copy of each kind of B is indexed.
        kinds: dict[tuple[tuple[str, ...], tuple[str, ...]], int] = {}
        self._kind_a, self._kind_b = (
            [-1 if x is None else kinds.setdefault(_kind(x), len(kinds)) for x in side]
            for side in (self._a, self._b)
        )
        self._copies_b: dict[int, list[int]] = {}
        for j, kind in enumerate(self._kind_b):
            self._copies_b.setdefault(kind, []).append(j)
        seen_a: Counter[int] = Counter()
        self._rank_a: list[int] = []  # which copy of its kind each sentence of A is: 0, 1, ...
        for kind in self._kind_a:
            self._rank_a.append(seen_a[kind])
            seen_a[kind] += 1
        self._repeats = any(len(js) > 1 for kind, js in self._copies_b.items() if kind >= 0)
        self._window = copies
        self._frequent = self._frequent_stems(kinds)
        self._frequent_a, self._frequent_b = (
            [_NO_FREQUENT if x is None else self._frequent_of(x.profile.bag) for x in side]
            for side in (self._a, self._b)
        )
        first = {js[0] for js in self._copies_b.values()}
        self._index = StemIndex(
            [
                None if y is None or j not in first else y.profile.bag - self._frequent.keys()
                for j, y in enumerate(self._b)
            ]
        )
        # What _bounded reads of each sentence of B, as a tuple: one unpacking per pair.
        self._b_rows = [
            _EMPTY_ROW
            if y is None
            else (y.profile.bag, y.weight, y.stems, y.stem_repeats, y.others, y.other_repeats, y.n_words)
            for y in self._b
        ]
        self._rows: dict[int, list[Candidate]] = {}
        self._one_stem_rankings: dict[str, tuple[float, float, list[float], list[_Row]]] = {}
        self._pairs: dict[tuple[int, int], float | None] = {}

    def _frequent_stems(self, kinds: Mapping[tuple[tuple[str, ...], tuple[str, ...]], int]) -> dict[str, int]:
        """The frequent stems (``FREQUENT_SHARE``), each with its bit; none below a floor near 0,
        where every pair that shares anything is wanted.

        Counted over the distinct sentences (``kinds``) of both articles: a paragraph repeated a
        thousand times makes its words common, not frequent, as its copies are looked at once.
        """
        if self._z_floor == -math.inf or len(kinds) < FREQUENT_MIN:
            return {}
        counts = Counter(itertools.chain.from_iterable(set(stems) for stems, _ in kinds))
        least = max(FREQUENT_MIN, FREQUENT_SHARE * len(kinds))
        found = sorted(stem for stem, n in counts.items() if n >= least)
        return {stem: 1 << k for k, stem in enumerate(found)}

    def _frequent_of(self, bag: frozenset[str]) -> _Frequent:
        if not self._frequent or bag.isdisjoint(self._frequent.keys()):
            return _NO_FREQUENT
        mine = bag & self._frequent.keys()
        bits = sum(self._frequent[stem] for stem in mine)
        return _Frequent(bits, math.fsum(self._weight[stem] for stem in mine), len(mine))

    def scores_of(self, i: int) -> list[tuple[int, float]]:
        """``(j, similarity(pa[i], pb[j]).value)`` for every ``j`` that reaches ``floor``, by ``j``."""
        return self._finished(self.candidates_of(i))

    def candidates_of(self, i: int) -> list[Candidate]:
        """Every ``j`` whose score with ``i`` may reach ``floor``, by ``j``: its score, or a bound.

        Only sentences that share a stem with ``pa[i]`` are looked at: those that share two or
        more go through ``_bounded``; those that share exactly one stem ``s`` are first cut a
        posting list at a time (``_one_stem_ranking``), then checked with ``s`` known.

        A frequent stem (in a fifth of all the sentences or more, ``FREQUENT_SHARE``: a company
        name in every sentence of a filing) finds nothing on its own: its posting list would pair
        every sentence with every other. It still counts in the score and the bounds of any pair
        found through another stem; only a pair sharing nothing but frequent stems is never looked
        at (one of the two places where the result may differ from scoring every pair).

        Copies of one sentence (the same stems and words) are looked at once, and the result is
        given to each copy. With ``copies`` (``align`` gives it ``LINKS_PER_SENTENCE``), the
        ``p``-th copy of a sentence of A is paired only with the ``q``-th copies of a sentence of B
        with ``|p - q| < copies``: a document repeating a paragraph 2,000 times would otherwise
        pair every copy with every copy, four million pairs to make a few links each. Where no
        sentence has more than ``copies`` copies on a side, nothing is left out; this is the other
        place where the result may differ from scoring every pair. The rule is the same after
        swapping A and B, so swapped comparisons stay mirrored.
        """
        x = self._a[i]
        if x is None:
            return []
        found = self._rows.get(self._kind_a[i])
        if found is None:
            found = self._rows[self._kind_a[i]] = self._row(i, x)
        if not self._repeats:
            return list(found)
        rank, window, copies_of, kind_b = self._rank_a[i], self._window, self._copies_b, self._kind_b
        expanded: list[Candidate] = []
        for j, value, pending in found:
            copies = copies_of[kind_b[j]]
            if len(copies) == 1:
                expanded.append((j, value, pending))
            else:
                near = copies if window is None else copies[max(0, rank - window + 1) : rank + window]
                expanded.extend((k, value, pending) for k in near)
        expanded.sort(key=lambda candidate: candidate[0])
        return expanded

    def exact(self, pending: Pending) -> float | None:
        """The exact score of a candidate, or ``None`` when it falls below ``floor`` after all.

        A pair of sentences already scored under other indices is not scored again.
        """
        if pending.kinds in self._pairs:
            return self._pairs[pending.kinds]
        value = self._pairs[pending.kinds] = self._finish(pending)
        return value

    def scores_at_least(self, i: int, js: Iterable[int]) -> list[tuple[int, float]]:
        """``(j, similarity(pa[i], pb[j]).value)`` for each ``j`` of ``js`` that reaches ``floor``."""
        return self._finished(self._bounded(i, js))

    def _finished(self, found: list[Candidate]) -> list[tuple[int, float]]:
        scores = []
        for j, value, pending in found:
            exact = value if pending is None else self.exact(pending)
            if exact is not None:
                scores.append((j, exact))
        return scores

    def _row(self, i: int, x: _Prepared) -> list[Candidate]:
        shares = self._index.shared_counts(x.profile.bag)
        if self._z_floor == -math.inf:
            return self._bounded(i, sorted(shares))
        found = self._bounded(i, [j for j, n in shares.items() if n > 1])
        # The one-stem slices (see _one_stem_ranking): x's part of the bound, then per stem. With
        # frequent stems, "one stem" is one stem that is not frequent, and any of x's frequent
        # stems may be shared as well: x's part counts them as shared.
        frequent = self._frequent_a[i]
        one_stem = x.one_stem
        if frequent.stems:
            one_stem = _one_stem_half(x.stems, x.stem_repeats + frequent.stems, x.n_words, x.other_words)
        need = self._z_floor - BIAS - one_stem - _BOUND_MARGIN
        weight_part = _WEIGHT_TERMS * x.inverse_weight
        rankings, rank = self._one_stem_rankings, self._one_stem_ranking
        evidence = COEFFICIENTS.evidence
        for stem in x.profile.bag:
            if stem in self._frequent:
                continue
            w, stem_part, keys, rows = rankings.get(stem) or rank(stem)
            if frequent.stems:
                w_most = w + frequent.weight
                stem_part = evidence * (1.0 - math.exp(-w_most / EVIDENCE_SCALE))
            else:
                w_most = w
            start = bisect.bisect_left(keys, need - weight_part * w_most - stem_part)
            if start < len(keys):
                self._one_stem_bounded(found, i, x, stem, w, rows, start, shares)
        found.sort(key=lambda candidate: candidate[0])
        return found

    def _one_stem_ranking(self, stem: str) -> tuple[float, float, list[float], list[_Row]]:
        """The sentences of B holding ``stem`` ranked for the one-stem bound: ``(w, part, keys,
        rows)``, the stem's weight, the bound's part that depends on the stem alone, and a row per
        sentence (``_Row``: what the pairwise bound reads of it) in increasing order of its own
        part (``keys``).

        The bound (``_one_stem_half``, ``_WEIGHT_TERMS``, the evidence of ``stem`` alone) is a
        part for the sentence of A, plus the stem's part, plus a part for the sentence of B that
        depends on ``stem`` only through its weight: that part ranks the sentences holding
        ``stem`` once, and the ones kept for any sentence of A are one slice of the ranking,
        found by bisection.
        """
        w = self._weight[stem]
        part = COEFFICIENTS.evidence * (1.0 - math.exp(-w / EVIDENCE_SCALE))
        keys, sentences = self._index.ranked(stem, functools.partial(self._own_part, w))
        rows = []
        for j in sentences:
            y = self._b[j]
            assert y is not None
            rows.append(
                (
                    j,
                    y.weight,
                    y.stems,
                    y.counts[stem],
                    y.profile.numbers,
                    y.others,
                    y.other_repeats,
                    y.n_words,
                    self._frequent_b[j].bits,
                )
            )
        ranking = self._one_stem_rankings[stem] = (w, part, keys, rows)
        return ranking

    def _one_stem_bounded(
        self,
        found: list[Candidate],
        i: int,
        x: _Prepared,
        stem: str,
        w: float,
        rows: list[_Row],
        start: int,
        shares: Mapping[int, int],
    ) -> None:
        """``_bounded`` for the sentences of ``rows[start:]`` that share exactly ``stem`` with ``x``.

        With the shared stem known, its weight, the evidence and the number conflict are exact
        at once, and the stems difflib can match are that stem as often as both sides hold it.
        A pair that shares frequent stems too has them added, each known by its bit.
        """
        c = COEFFICIENTS
        c0, c1, c2, c5, c6 = c.dice, c.containment, c.order, c.number_conflict, c.surface
        base = BIAS + c.evidence * (1.0 - math.exp(-w / EVIDENCE_SCALE)) + _BOUND_MARGIN
        w_x, stems_x, times_x = x.weight, x.stems, x.counts[stem]
        others_x, repeats_x, words_x, z_floor = x.others, x.other_repeats, x.n_words, self._z_floor
        numbers, frequent_x = x.profile.numbers, self._frequent_a[i].bits
        counts_x, b_prepared = x.counts, self._b
        with_frequent: dict[int, tuple[float, float, tuple[str, ...]]] = {}
        for j, w_y, stems_y, times_y, numbers_y, others_y, repeats_y, words_y, frequent_y in rows[start:]:
            if shares[j] != 1:
                continue
            common = times_x if times_x < times_y else times_y
            w_pair, base_pair = w, base
            if frequent_x & frequent_y:  # frequent stems shared too: known by their bits
                bits = frequent_x & frequent_y
                known = with_frequent.get(bits) or self._with_frequent(with_frequent, stem, bits)
                w_pair, base_pair, extra = known
                y = b_prepared[j]
                assert y is not None
                counts_y = y.counts
                for s in extra:
                    common += min(counts_x[s], counts_y[s])
            words = words_x + words_y
            same = (
                common
                + (others_x & others_y).bit_count()
                + (repeats_x if repeats_x < repeats_y else repeats_y)
            )
            surface = 2.0 * same / words if words else 0.0
            order = 2.0 * common / (stems_x + stems_y)
            partial = (
                base_pair
                + c0 * (2.0 * w_pair / (w_x + w_y))
                + c1 * (w_pair / (w_x if w_x < w_y else w_y))
                + c2 * (order if order < 1.0 else 1.0)
                + (c5 if numbers and numbers_y and numbers.isdisjoint(numbers_y) else 0.0)
            )
            if partial + c6 * (surface if surface < 1.0 else 1.0) < z_floor:
                continue  # the surface bound, written out: most pairs stop here (_matched_words_bound)
            self._add_if_reaching(found, i, j, partial, w_pair, common, same)

    def _with_frequent(
        self, known: dict[int, tuple[float, float, tuple[str, ...]]], stem: str, bits: int
    ) -> tuple[float, float, tuple[str, ...]]:
        """For pairs sharing ``stem`` and the frequent stems of ``bits``: the shared weight (as
        ``Weights.total`` sums it), ``_one_stem_bounded``'s base with it, and those frequent stems;
        remembered in ``known``."""
        extra = tuple(s for s, bit in self._frequent.items() if bit & bits)
        weight = self._weight
        w_shared = math.fsum([weight[stem], *(weight[s] for s in extra)])
        base = BIAS + COEFFICIENTS.evidence * (1.0 - math.exp(-w_shared / EVIDENCE_SCALE)) + _BOUND_MARGIN
        found = known[bits] = (w_shared, base, extra)
        return found

    def _own_part(self, weight: float, j: int) -> float:
        """Sentence ``j`` of B's part of the one-stem bound, for a shared stem of ``weight`` (and,
        when ``j`` holds frequent stems, all of them shared too)."""
        y = self._b[j]
        assert y is not None
        frequent = self._frequent_b[j]
        if not frequent.stems:
            return _WEIGHT_TERMS * weight * y.inverse_weight + y.one_stem
        half = _one_stem_half(y.stems, y.stem_repeats + frequent.stems, y.n_words, y.other_words)
        return _WEIGHT_TERMS * (weight + frequent.weight) * y.inverse_weight + half

    def _bounded(self, i: int, js: Iterable[int]) -> list[Candidate]:
        """The candidates among ``js`` for ``i``: each ``j`` whose score may reach ``floor``."""
        x = self._a[i]
        assert x is not None
        bag, w_x, stems_x, counts = x.profile.bag, x.weight, x.stems, x.counts
        stem_repeats = x.stem_repeats
        weight = self._weight.__getitem__
        exp, fsum, b, b_prepared = math.exp, math.fsum, self._b_rows, self._b
        c = COEFFICIENTS
        c0, c1, c2, c3, c6 = c.dice, c.containment, c.order, c.evidence, c.surface
        others_x, repeats_x, words_x, z_floor = x.others, x.other_repeats, x.n_words, self._z_floor
        found: list[Candidate] = []
        for j in js:
            bag_y, w_y, stems_y, stem_repeats_y, others_y, repeats_y, words_y = b[j]
            shared = bag & bag_y
            if not shared:
                if self._floor <= 0.0:
                    found.append((j, 0.0, None))
                continue
            # Stage 1: the exact shared weight, with upper bounds for the rest (the matchable stems
            # too: made exact below for the pairs that pass).
            w_shared = fsum(map(weight, shared))
            # The stems difflib can match: the shared ones, and the fewer repeats (at most).
            common = len(shared) + (stem_repeats if stem_repeats < stem_repeats_y else stem_repeats_y)
            order = 2.0 * common / (stems_x + stems_y)
            partial = (
                BIAS
                + c0 * (2.0 * w_shared / (w_x + w_y))
                + c1 * (w_shared / (w_x if w_x < w_y else w_y))
                + c3 * (1.0 - exp(-w_shared / EVIDENCE_SCALE))
                + c2 * (order if order < 1.0 else 1.0)
            )
            same = (
                common
                + (others_x & others_y).bit_count()
                + (repeats_x if repeats_x < repeats_y else repeats_y)
            )
            words = words_x + words_y
            surface = 2.0 * same / words if words else 0.0
            if partial + c6 * (surface if surface < 1.0 else 1.0) < z_floor:
                continue  # the surface bound, written out: most pairs stop here (_matched_words_bound)
            if common > len(shared):  # both repeat stems: count how often each shared one matches
                y = b_prepared[j]
                assert y is not None
                counts_y = y.counts
                exact = sum(min(counts[stem], counts_y[stem]) for stem in shared)
                # The order term again with the exact count (a few ulps off a fresh sum: the margin
                # in _z_floor covers it; _stage_two recomputes every exact feature anyway).
                partial += c2 * (min(1.0, 2.0 * exact / (stems_x + stems_y)) - min(1.0, order))
                same += exact - common
                common = exact
            self._add_if_reaching(found, i, j, partial, w_shared, common, same)
        return found

    def _add_if_reaching(
        self, found: list[Candidate], i: int, j: int, partial: float, w_shared: float, common: int, same: int
    ) -> None:
        """Add ``j`` to ``found`` if the pair may reach the floor, given ``partial`` (the logistic's
        argument bounded without the surface term), its shared weight, its matchable stems and its
        matchable words (see ``_matched_words_bound``)."""
        x, y = self._a[i], self._b[j]
        assert x is not None and y is not None
        same_words = _matched_words_bound(partial, same, x, y, self._z_floor)
        if same_words < 0:
            return
        kinds = (self._kind_a[i], self._kind_b[j])
        if kinds in self._pairs:
            value = self._pairs[kinds]
            if value is not None:
                found.append((j, value, None))
            return
        candidate = self._stage_two(i, j, x, y, kinds, w_shared, common, same_words)
        if candidate is None:
            self._pairs[kinds] = None
        else:
            found.append(candidate)

    def _stage_two(
        self,
        i: int,
        j: int,
        x: _Prepared,
        y: _Prepared,
        kinds: tuple[int, int],
        w_shared: float,
        common: int,
        same_words: int,
    ) -> Candidate | None:
        """Every feature that needs no difflib, exactly, and the bound they give with the rest bounded.

        ``w_shared`` is the pair's shared weight (as ``Weights.total`` sums it), ``common`` the
        stems difflib can match at most (the shared ones, counted as often as both sides hold
        them), ``same_words`` the words it can match at most.
        """
        c = COEFFICIENTS
        px, py = x.profile, y.profile
        w_x, w_y = x.weight, y.weight
        bx, by = x.bigrams, y.bigrams
        bigrams = len(bx & by) / min(len(bx), len(by)) if bx and by else 0.0
        conflict = 1.0 if px.numbers and py.numbers and px.numbers.isdisjoint(py.numbers) else 0.0
        words = x.n_words + y.n_words
        surface_bound = min(1.0, 2.0 * same_words / words) if words else 0.0
        dice = 2.0 * w_shared / (w_x + w_y)
        containment = w_shared / min(w_x, w_y)
        evidence = 1.0 - math.exp(-w_shared / EVIDENCE_SCALE)
        # The exact part of the logistic's argument, summed plainly: the margin covers fsum's order.
        exact = (
            BIAS
            + c.dice * dice
            + c.containment * containment
            + c.evidence * evidence
            + c.bigrams * bigrams
            + c.number_conflict * conflict
        )
        exact += _BOUND_MARGIN
        order_bound = min(1.0, 2.0 * common / (x.stems + y.stems))
        bound = exact + c.order * order_bound + c.surface * surface_bound
        if bound < self._z_floor:
            return None
        pending = Pending(i, j, kinds, dice, containment, evidence, bigrams, conflict, exact, order_bound)
        return (j, logistic(bound), pending)

    def _finish(self, p: Pending) -> float | None:
        """Stage 3: difflib's two ratios, the surface first (it weighs three times as much as the
        order and its bound is the looser), then the exact value."""
        c = COEFFICIENTS
        x, y = self._a[p.i], self._b[p.j]
        assert x is not None and y is not None
        surface = _cached_ratio(x.words, y.words, self._words_a, p.i, self._words_b, p.j)
        if p.z + c.order * p.order_bound + c.surface * surface < self._z_floor:
            return None
        order = _cached_ratio(x.ordered, y.ordered, self._stems_a, p.i, self._stems_b, p.j)
        value = combine(
            LinkFeatures(p.dice, p.containment, order, p.evidence, p.bigrams, p.conflict, surface)
        )
        return value if value >= self._floor else None
