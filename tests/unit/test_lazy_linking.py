"""Linking scores a candidate only when its turn comes and its score can still matter, and that
changes no link: checked against linking with every candidate scored first."""

from __future__ import annotations

import random

import pytest

from comparer.core import align
from comparer.core.document import from_string
from comparer.core.model import Document, Settings
from comparer.core.segment import segment
from comparer.core.similarity import PairScorer, Pending, Profile, Weights

TOPIC = ["mayor", "council", "fireworks", "barns", "Springfield", "Sunday", "ban", "fire", "police"]
FILLER = ["said", "on", "the", "after", "a", "of", "and", "in", "with", "was"]


def _dense(seed: int, sentences: int) -> Document:
    """Many sentences on one topic: most pairs share words, and most sentences find partners."""
    rng = random.Random(seed)
    text = []
    for _ in range(sentences):
        words = rng.sample(TOPIC, rng.randint(2, 5)) + rng.sample(FILLER, rng.randint(2, 6))
        rng.shuffle(words)
        text.append(" ".join(words).capitalize() + ".")
    return from_string(" ".join(text))


def _inputs(a: Document, b: Document) -> tuple[list[Profile | None], list[Profile | None], Weights]:
    pa, pb = align.profiles(segment(a)), align.profiles(segment(b))
    return pa, pb, align.pair_weights(pa, pb)


CANDIDATE_PAIRS = align.candidate_pairs


def _scored_first(*args, **kwargs):  # type: ignore[no-untyped-def]
    """align.candidate_pairs with every score exact: nothing left for linking to skip."""
    candidates = CANDIDATE_PAIRS(*args, **kwargs)
    exact = [
        align.Pair(i, j, value if pending is None else candidates.exact(pending))
        for i, j, value, pending in candidates.entries
    ]
    return align.Candidates.of(pair for pair in exact if pair.score is not None)


def _repeating(seed: int) -> Document:
    """A dense document that says many of its sentences two or three times: ties everywhere."""
    sentences = segment(_dense(seed, 25))
    rng = random.Random(seed)
    return from_string(" ".join(s.text for s in sentences for _ in range(rng.randint(1, 3))))


CASES = [("samples", None), ("dense", 1), ("dense", 2), ("repeating", 7)]


@pytest.mark.parametrize("threshold", [-0.2, -0.1, 0.0, 0.15, 0.5])
@pytest.mark.parametrize(("kind", "seed"), CASES)
def test_lazy_links_are_the_links_of_scoring_every_candidate_first(
    doc_a: Document, doc_b: Document, kind: str, seed: int | None, threshold: float
) -> None:
    if kind == "samples":
        a, b = doc_a, doc_b
    elif kind == "dense":
        a, b = _dense(seed or 0, 60), _dense((seed or 0) + 100, 70)
    else:
        a, b = _repeating(seed or 0), _repeating((seed or 0) + 1)
    pa, pb, weights = _inputs(a, b)
    settings = Settings(threshold=threshold)
    lazy = align.link_profiles(pa, pb, weights, settings)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(align, "candidate_pairs", _scored_first)
        assert align.link_profiles(pa, pb, weights, settings) == lazy
    assert lazy or threshold >= 0.5


def test_lazy_linking_leaves_most_candidates_of_a_dense_pair_unscored() -> None:
    pa, pb, weights = _inputs(_dense(3, 120), _dense(4, 120))
    calls = 0
    exact = PairScorer.exact

    def counted(self: PairScorer, pending: Pending) -> float | None:
        nonlocal calls
        calls += 1
        return exact(self, pending)

    floor = align.LINK_THRESHOLD
    bounded = sum(1 for *_, pending in align.candidate_pairs(pa, pb, weights, floor).entries if pending)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(PairScorer, "exact", counted)
        align.link_profiles(pa, pb, weights)
    assert 0 < calls < bounded / 2, (calls, bounded)


def test_link_progress_goes_through_every_part_in_order() -> None:
    pa, pb, weights = _inputs(_dense(5, 80), _dense(6, 80))
    heard: list[float] = []
    align.link_profiles(pa, pb, weights, done=heard.append)
    assert heard == sorted(heard) and heard[0] >= 0.0 and heard[-1] <= 1.0
    assert any(0.55 < share < 0.85 for share in heard), "silent while linking"
    assert any(share >= 0.85 for share in heard), "silent while finding the links' words"
