"""Meaning beyond shared words: sentence embeddings as features of a link, and as its proposer.

The lexical score (``similarity``) sees only shared stems: "no casualties" / "no victims" share
none. Here each sentence, and each clause of a sentence with several, is embedded by the shipped
encoder (``meaning.load_encoder``), and a pair of sentences is scored by one fitted logistic
model over named features (``MeaningFeatures``):

- ``lexical``: the logit of the lexical link score of the pair (``similarity``; a score below
  ``LEXICAL_FLOOR``, 0 when they share no stem, counts as that floor);
- ``cosine``: the cosine of the two sentences' embeddings;
- ``clause``: the best cosine between a clause of one and a clause of the other (a sentence of
  one clause is its own): what a ``partial`` link shares is often one clause of a longer sentence;
- ``margin_low`` / ``margin_high``: the cosine against the best cosine each sentence has with
  any other sentence of the other article (competition: a sentence on the topic of many is the
  nearest of none);
- ``context``: the better cosine of the pairs just before and just after (two outlets often
  tell a story in the same order, so links come in runs);
- ``position``: how far apart the two sentences are in their articles (as shares of length).

``link = logistic(BIAS + sum(COEFFICIENTS.f * features.f))``. Pairs that share no stem score by
the same model with ``lexical`` 0, but only those among each sentence's ``NEIGHBOURS`` nearest by
cosine are proposed, so a sentence is not linked to everything on its topic. A pair links
only when both its sentences pass a gate (``gate``): a second fitted logistic model over named
features of one sentence and the two articles (``SentenceFeatures``) gives the probability that
the sentence is told by the other article at all, which a pair's score alone does not say (a
sentence on the story's topic scores well with its nearest one whether or not the other article
has its fact). Whether a link is
``same`` or ``partial`` is a logistic model of the lexical sameness model's features
(``sameness``) and the two cosines (``SAME_FEATURES``). Coefficients and cuts are fitted by
``benchmarks/fit_meaning.py`` on MSRP train and news-dev; see benchmarks/README.md.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple, Protocol

import numpy as np
import numpy.typing as npt

from comparer.core import sameness
from comparer.core.similarity import Profile

Matrix = npt.NDArray[np.float32]


class MeaningFeatures(NamedTuple):
    """The features of a sentence pair for the meaning-aware link score, by name."""

    lexical: float
    """The lexical link score's logit, the score held within [``LEXICAL_FLOOR``, 1 - 1e-4]."""
    cosine: float
    clause: float
    margin_low: float
    """The cosine less the best cosine either sentence has with another sentence: above 0 when
    the two are each other's nearest."""
    margin_high: float
    """The cosine less the lesser of those two: above 0 when one is the other's nearest."""
    context: float
    """The better cosine of the sentences just before both and just after both (0 past an end):
    stories told in the same order link in runs."""
    position: float
    """How far apart the two are in their articles, as shares of each article's length."""


SAME_FEATURES = (*sameness.FEATURES, "cosine", "clause")
"""The features of a linked pair for the meaning-aware same / partial decision, by name: the
lexical sameness model's (``sameness.features``, every one of them) and the two cosines."""


BIAS = 0.6176
COEFFICIENTS = MeaningFeatures(
    lexical=1.4878,
    cosine=0.8969,
    clause=1.1143,
    margin_low=1.0898,
    margin_high=1.2225,
    context=0.7624,
    position=-1.0242,
)
"""Fitted by benchmarks/fit_meaning.py; see benchmarks/README.md."""
SAME_BIAS = -2.7038
SAME_COEFFICIENTS: tuple[float, ...] = (
    2.1183,  # words1_low
    0.3344,  # words1_high
    0.9762,  # words2_low
    -0.6996,  # words2_high
    0.5943,  # words3_low
    -0.9891,  # words3_high
    0.3744,  # words4_low
    -1.0936,  # words4_high
    0.5907,  # stems1_low
    0.3191,  # stems1_high
    -0.4043,  # stems2_low
    -0.9851,  # stems2_high
    2.1368,  # lcs_low
    0.4202,  # lcs_high
    0.9746,  # link
    -0.8945,  # unmatched_more
    -0.1341,  # unmatched_fewer
    -0.1262,  # numbers_unmatched
    0.0514,  # names_unmatched
    -1.0261,  # negation_mismatch
    2.4725,  # cosine
    0.1567,  # clause
)
SAME_PROBABILITY = 0.58
LINK_THRESHOLD = 0.10
PARTNER_THRESHOLD = 0.30
SECOND_LINK_THRESHOLD = 0.22
NEIGHBOURS = 2
"""A pair sharing no stem is proposed only when each is among the other's this many nearest."""
MAX_SENTENCES = 200
"""Above this many sentences on a side, the comparison is lexical (reports say so): articles
(news-dev's longest side has 59) get meaning, and long documents keep the speed targets of
benchmarks/speed.py (whose smallest size, 250, stays lexical and exact)."""
LEXICAL_FLOOR = 0.02
MIN_CLAUSE_WORDS = 3
_CLAUSE_CUT = re.compile(r"[,;:()\[\]\"\u201c\u201d\u2014\u2013]|\s-\s")


class Encoder(Protocol):
    """What this module needs of ``meaning.Encoder``."""

    name: str
    digest: str

    def encode(self, texts: Sequence[str]) -> Matrix: ...


def clauses(text: str) -> list[str]:
    """The clauses of a sentence (cut at commas, semicolons, colons, dashes, brackets and quote
    marks, each of at least ``MIN_CLAUSE_WORDS`` words), or ``[]`` when it has fewer than two."""
    pieces = [" ".join(p.split()) for p in _CLAUSE_CUT.split(text)]
    pieces = [p for p in pieces if len(p.split()) >= MIN_CLAUSE_WORDS]
    return pieces if len(pieces) >= 2 else []


@dataclass(frozen=True)
class Side:
    """The embeddings of one article's sentences: one row per sentence (zeros for boilerplate),
    and the rows of their clauses with the sentence each belongs to."""

    sentences: Matrix
    clauses: Matrix
    owner: npt.NDArray[np.intp]
    """For each row of ``clauses``, its sentence."""


class Embeddings:
    """Both articles' embeddings, made as the alignment asks: every sentence's at once, and the
    clauses of a sentence only when one of its pairs may link (``complete``).

    Clauses are about as much encoder work again as the sentences, and the ``clause`` feature
    matters only to pairs that could reach the link floor with a perfect clause cosine: few of
    them. Until its clauses are encoded, a sentence stands in for its own clauses, so ``a`` and
    ``b`` are exact for every pair of completed sentences (and of one-clause ones). Each distinct
    text is encoded once.
    """

    def __init__(
        self, encoder: Encoder, texts_a: Sequence[str | None], texts_b: Sequence[str | None]
    ) -> None:
        self._encoder = encoder
        self._texts = (list(texts_a), list(texts_b))
        self._vectors: dict[str, npt.NDArray[np.float32]] = {}
        self._encode([t for t in (*texts_a, *texts_b) if t is not None])
        self._pieces: tuple[dict[int, list[str]], dict[int, list[str]]] = (
            {k: [t] for k, t in enumerate(texts_a) if t is not None},
            {k: [t] for k, t in enumerate(texts_b) if t is not None},
        )
        self._done: tuple[set[int], set[int]] = (set(), set())
        self.a = self._side(0)
        self.b = self._side(1)

    def _encode(self, texts: Sequence[str]) -> None:
        todo = [t for t in dict.fromkeys(texts) if t not in self._vectors]
        if todo:
            self._vectors.update(zip(todo, self._encoder.encode(todo), strict=True))

    def _side(self, which: int) -> Side:
        texts = self._texts[which]
        dim = next(iter(self._vectors.values())).shape[0] if self._vectors else 1
        sentences = np.zeros((len(texts), dim), np.float32)
        rows: list[npt.NDArray[np.float32]] = []
        owner: list[int] = []
        for k, pieces in sorted(self._pieces[which].items()):
            sentences[k] = self._vectors[texts[k]]  # type: ignore[index]
            for piece in pieces:
                rows.append(self._vectors[piece])
                owner.append(k)
        clause_rows = np.stack(rows) if rows else np.zeros((0, dim), np.float32)
        return Side(sentences, clause_rows, np.asarray(owner, dtype=np.intp))

    def complete(self, needed_a: Iterable[int], needed_b: Iterable[int]) -> None:
        """Encode the clauses of these sentences (of A, of B) where not done yet, in one batch."""
        todo: list[tuple[int, int, list[str]]] = []
        for which, needed in enumerate((needed_a, needed_b)):
            for k in set(needed) - self._done[which]:
                self._done[which].add(k)
                text = self._texts[which][k]
                if text is not None and (pieces := clauses(text)):
                    todo.append((which, k, pieces))
        if not todo:
            return
        self._encode([piece for _, _, pieces in todo for piece in pieces])
        for which, k, pieces in todo:
            self._pieces[which][k] = pieces
        self.a, self.b = self._side(0), self._side(1)


def embed(
    encoder: Encoder, texts_a: Sequence[str | None], texts_b: Sequence[str | None]
) -> tuple[Side, Side]:
    """Both articles' embeddings, every clause included (``None``: a sentence that takes no part,
    boilerplate)."""
    embeddings = Embeddings(encoder, texts_a, texts_b)
    embeddings.complete(range(len(texts_a)), range(len(texts_b)))
    return embeddings.a, embeddings.b


def cosines(a: Side, b: Side) -> tuple[Matrix, Matrix]:
    """Sentence cosines and best clause cosines of every pair, as two (len(a), len(b)) matrices."""
    cos = a.sentences @ b.sentences.T
    best = np.full(cos.shape, -1.0, dtype=np.float32)
    if len(a.owner) and len(b.owner):
        pieces = a.clauses @ b.clauses.T
        rows = np.full((cos.shape[0], pieces.shape[1]), -1.0, dtype=np.float32)
        np.maximum.at(rows, a.owner, pieces)
        np.maximum.at(best.T, b.owner, rows.T)
    return cos, best


def merged(side: Side, indices: Sequence[int]) -> tuple[Matrix, Matrix]:
    """The sentence vector (mean, renormalised) and clause rows of several sentences together."""
    vector = side.sentences[list(indices)].mean(axis=0)
    norm = float(np.linalg.norm(vector))
    rows = side.clauses[np.isin(side.owner, list(indices))]
    return (vector / norm if norm > 0 else vector).astype(np.float32), rows


def logistic(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0


def same_probability(values: Sequence[float]) -> float:
    """The meaning-aware probability that a linked pair is ``same``, from its ``SAME_FEATURES``."""
    return logistic(SAME_BIAS + math.fsum(c * v for c, v in zip(SAME_COEFFICIENTS, values, strict=True)))


def lexical_logit(score: float) -> float:
    """The ``lexical`` feature of a pair of this lexical score."""
    held = min(1.0 - 1e-4, max(LEXICAL_FLOOR, score))
    return math.log(held / (1.0 - held))


def lexical_floor(rest: Matrix, floor: float) -> float:
    """The lowest lexical score with which some pair could still reach ``floor``, given the rest
    of each pair's logistic argument (``rest``, the terms of every feature but ``lexical``): the
    lexical candidates are the pairs at or above it (``similarity.PairScorer``'s floor)."""
    if rest.size == 0 or not 0.0 < floor < 1.0:
        return 0.0
    needed = (math.log(floor / (1.0 - floor)) - BIAS - float(rest.max())) / COEFFICIENTS.lexical - 1e-9
    if needed <= lexical_logit(0.0):
        return 0.0
    return min(1.0, logistic(needed))


def margins(cos: Matrix) -> tuple[Matrix, Matrix]:
    """``margin_low`` and ``margin_high`` of every pair (see ``MeaningFeatures``)."""
    n, m = cos.shape
    if n == 0 or m == 0:
        return cos.copy(), cos.copy()

    def others(matrix: Matrix) -> Matrix:
        """For each entry, the best other entry of its row (-1 when the row has no other)."""
        if matrix.shape[1] < 2:
            return np.full(matrix.shape, -1.0, dtype=np.float32)
        top = np.sort(matrix, axis=1)[:, -2:]
        best, second = top[:, 1:2], top[:, 0:1]
        return np.where(matrix >= best, second, best).astype(np.float32)

    row, col = others(cos), others(cos.T).T
    return cos - np.maximum(row, col), cos - np.minimum(row, col)


def context(cos: Matrix) -> Matrix:
    """The ``context`` of every pair: the better of the cosines of (i - 1, j - 1) and
    (i + 1, j + 1), 0 where one of those is past an end of an article."""
    n, m = cos.shape
    padded = np.zeros((n + 2, m + 2), dtype=np.float32)
    padded[1:-1, 1:-1] = cos
    return np.maximum(padded[:-2, :-2], padded[2:, 2:])


def position(shape: tuple[int, ...]) -> Matrix:
    """The ``position`` of every pair: |(i + 1/2) / n - (j + 1/2) / m| for articles of n and m
    sentences."""
    n, m = shape
    rows = (np.arange(n, dtype=np.float32) + 0.5) / max(n, 1)
    cols = (np.arange(m, dtype=np.float32) + 0.5) / max(m, 1)
    return np.abs(rows[:, None] - cols[None, :])


def rest_of_argument(cos: Matrix, clause: Matrix, low: Matrix, high: Matrix) -> Matrix:
    """Every term of the link score's argument but the lexical one, for every pair (``context``
    and ``position`` follow from the cosines' matrix)."""
    c = COEFFICIENTS
    rest = c.cosine * cos + c.clause * clause + c.margin_low * low + c.margin_high * high
    rest += c.context * context(cos) + c.position * position(cos.shape)
    return np.asarray(rest, dtype=np.float32)


def rest_bound(cos: Matrix, low: Matrix, high: Matrix) -> Matrix:
    """``rest_of_argument`` at its highest over every ``clause`` a pair could have (a cosine is
    at most 1): what the pair may reach before its clauses are encoded."""
    best_clause = np.full(cos.shape, 1.0 if COEFFICIENTS.clause >= 0 else -1.0, dtype=np.float32)
    return rest_of_argument(cos, best_clause, low, high)


def neighbours(cos: Matrix) -> set[tuple[int, int]]:
    """Pairs where each sentence is among the other's ``NEIGHBOURS`` nearest by cosine (ties
    both kept, so the set is the mirror of the swapped comparison's)."""
    if cos.size == 0:
        return set()
    k_row = min(NEIGHBOURS, cos.shape[1])
    k_col = min(NEIGHBOURS, cos.shape[0])
    row_cut = np.sort(cos, axis=1)[:, -k_row][:, None]
    col_cut = np.sort(cos, axis=0)[-k_col, :][None, :]
    i, j = np.nonzero((cos >= row_cut) & (cos >= col_cut))
    return {(int(x), int(y)) for x, y in zip(i, j, strict=True)}


class SentenceFeatures(NamedTuple):
    """The features of one sentence for "is it told by the other article at all", by name: the
    gate on links (``shared_probabilities``). A pair's score says how alike two sentences are;
    whether a sentence has any counterpart also depends on the sentence and the two articles
    (a long article has more sentences of its own; a sentence with a figure or names the other
    article never mentions is likely its own)."""

    best: float
    """The logit of the best meaning-aware link score the sentence has with the other article."""
    cosine: float
    """Its best cosine with a sentence of the other article."""
    cosine_margin: float
    """That cosine less the second best."""
    tokens: float
    """log of its number of tokens (words and marks)."""
    quoted: float
    """1 when it holds a quotation mark."""
    length_ratio: float
    """log(story sentences of its article / story sentences of the other)."""
    position: float
    """Its place among its article's story sentences, 0 (first) to 1."""
    side_cosine: float
    """The mean over its article's story sentences of their best cosine with the other article:
    how much of the story the two tell alike."""
    covered: float
    """The share of its content stems that the other article uses anywhere."""
    new_number: float
    """1 when it holds a figure the other article never has."""
    topic: float
    """Its mean cosine with the other article's story sentences."""
    stems: float
    """log(1 + its number of distinct content stems)."""


SHARED_BIAS = -6.1498
SHARED_COEFFICIENTS = SentenceFeatures(
    best=0.5224,
    cosine=6.9324,
    cosine_margin=-0.4061,
    tokens=0.9293,
    quoted=-0.4824,
    length_ratio=0.1724,
    position=-1.3994,
    side_cosine=3.0255,
    covered=3.0556,
    new_number=0.0227,
    topic=-9.5188,
    stems=0.0921,
)
"""Fitted by benchmarks/fit_meaning.py (on the story sentences of news-dev whose best link score
reaches ``SHARED_FLOOR``); see benchmarks/README.md."""
SHARED_CUT = 0.30
"""A link's sentences must each reach this probability of having a counterpart (0: no gate)."""
SHARED_BYPASS = 0.5
"""A pair whose link score reaches this is never gated: the link model itself calls it more
likely a link than not, which outweighs what the gate reads of the articles (the gate is fitted on
news articles; a one-sentence text against a long one is out of its reach). On news-dev no gated
pair scores this high, so it changes no figure there."""
SHARED_FLOOR = 0.06
"""The sentences the gate is fitted on: those whose best link score reaches this (the lowest
link cut the fit tries); below it a sentence is never linked anyway."""


def sentence_features(
    best: npt.NDArray[np.float64],
    cos: Matrix,
    mine: Sequence[Profile | None],
    theirs: Sequence[Profile | None],
) -> npt.NDArray[np.float64]:
    """``SentenceFeatures`` of every sentence of one article (rows), given the best link score of
    each (``best``, 0 where it has none), the cosines with the other article (``cos``, rows this
    article's) and both articles' profiles (``None``: boilerplate, which takes no part)."""
    story = np.array([p is not None for p in mine], dtype=bool)
    other = np.array([p is not None for p in theirs], dtype=bool)
    n, m = int(story.sum()), int(other.sum())
    out = np.zeros((len(mine), len(SentenceFeatures._fields)), dtype=np.float64)
    if n == 0 or m == 0:
        return out
    their_cos = np.asarray(cos, dtype=np.float64)[:, other]
    top = np.sort(their_cos, axis=1)
    first = top[:, -1]
    second = top[:, -2] if m > 1 else np.zeros(len(mine))
    side_cosine = float(first[story].mean())
    their_stems = frozenset().union(*(p.bag for p in theirs if p is not None))
    their_numbers = frozenset().union(*(p.numbers for p in theirs if p is not None))
    rank = np.cumsum(story) - 1
    for k, p in enumerate(mine):
        if p is None:
            continue
        held = min(1.0 - 1e-4, max(1e-4, float(best[k])))
        out[k] = SentenceFeatures(
            best=math.log(held / (1.0 - held)),
            cosine=float(first[k]),
            cosine_margin=float(first[k] - second[k]),
            tokens=math.log(max(1, len(p.tokens))),
            quoted=float(any(t.norm == '"' for t in p.tokens)),
            length_ratio=math.log(n / m),
            position=float(rank[k]) / max(1, n - 1),
            side_cosine=side_cosine,
            covered=len(p.bag & their_stems) / len(p.bag) if p.bag else 0.0,
            new_number=float(bool(p.numbers - their_numbers)),
            topic=float(their_cos[k].mean()),
            stems=math.log1p(len(p.bag)),
        )
    return out


def shared_probabilities(features: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """The probability that each sentence (a row of ``sentence_features``) has a counterpart."""
    z = SHARED_BIAS + features @ np.asarray(SHARED_COEFFICIENTS, dtype=np.float64)
    return np.asarray(1.0 / (1.0 + np.exp(-np.clip(z, -700, 700))), dtype=np.float64)


def gate(
    pairs: Sequence[tuple[int, int, float]],
    cos: Matrix,
    pa: Sequence[Profile | None],
    pb: Sequence[Profile | None],
    cut: float,
) -> set[tuple[int, int]]:
    """The pairs ``(i, j, score)`` whose two sentences both reach ``cut`` in
    ``shared_probabilities``, or whose score reaches ``SHARED_BYPASS`` (every pair when ``cut`` is
    0), as ``(i, j)``. Each sentence's ``best`` is its best score among ``pairs``."""
    if cut <= 0.0 or not pairs:
        return {(i, j) for i, j, _ in pairs}
    best_a, best_b = np.zeros(len(pa)), np.zeros(len(pb))
    for i, j, score in pairs:
        best_a[i] = max(best_a[i], score)
        best_b[j] = max(best_b[j], score)
    keep_a = shared_probabilities(sentence_features(best_a, cos, pa, pb)) >= cut
    keep_b = shared_probabilities(sentence_features(best_b, cos.T, pb, pa)) >= cut
    return {(i, j) for i, j, score in pairs if score >= SHARED_BYPASS or (keep_a[i] and keep_b[j])}
