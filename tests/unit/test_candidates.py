"""Candidate pruning and the indexed detail matching change no result: checked against brute force."""

from __future__ import annotations

import itertools
import json
import random
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from comparer.core import align, details
from comparer.core import similarity as scoring
from comparer.core.align import Pair
from comparer.core.compare import compare
from comparer.core.document import from_string
from comparer.core.model import Document
from comparer.core.segment import segment
from comparer.core.similarity import PairScorer, Profile, Weights, similarity
from tests.conftest import SHARED

NEWS_DEV = SHARED / "bench" / "news-dev"


def _every_pair(
    pa: list[Profile | None],
    pb: list[Profile | None],
    weights: Weights,
    floor: float,
    done: Callable[[float], None] | None = None,
) -> list[Pair]:
    """``align.scored_pairs`` without any pruning: every pair scored by ``similarity`` itself."""
    pairs = [
        Pair(i, j, value)
        for (i, x), (j, y) in itertools.product(enumerate(pa), enumerate(pb))
        if x is not None and y is not None and (value := similarity(x, y, weights).value) >= floor
    ]
    pairs.sort(key=lambda p: (-p.score, p.i + p.j, p.i))
    return pairs


def _profiles(doc_a: Document, doc_b: Document) -> tuple[list[Profile | None], list[Profile | None], Weights]:
    pa, pb = align.profiles(segment(doc_a)), align.profiles(segment(doc_b))
    return pa, pb, align.pair_weights(pa, pb)


def _work(
    pa: list[Profile | None], pb: list[Profile | None], weights: Weights, floor: float
) -> tuple[int, int]:
    """How many pairs share a stem, and how many of them the bounds let through to exact scoring."""
    scorer = PairScorer(pa, pb, weights, floor)
    exact = scorer.exact
    calls = 0

    def counted(*args):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        return exact(*args)

    scorer.exact = counted  # type: ignore[method-assign]
    for i in range(len(pa)):
        scorer.scores_of(i)
    return sum(len(scorer._index.shared_counts(x.bag)) for x in pa if x), calls


@pytest.mark.parametrize("floor", [0.01, 0.05, 0.16, 0.2, 0.3, 0.5])
def test_pruned_pairs_score_like_every_pair(doc_a: Document, doc_b: Document, floor: float) -> None:
    pa, pb, weights = _profiles(doc_a, doc_b)
    assert align.scored_pairs(pa, pb, weights, floor) == _every_pair(pa, pb, weights, floor)
    sharing, exact = _work(pa, pb, weights, floor)
    assert exact <= sharing < sum(1 for x in pa if x) * sum(1 for y in pb if y)
    if floor >= 0.16:
        assert exact < sharing / 2


def test_without_a_floor_every_sharing_pair_is_scored(doc_a: Document, doc_b: Document) -> None:
    pa, pb, weights = _profiles(doc_a, doc_b)
    expected = {
        (i, j)
        for i, j in itertools.product(range(len(pa)), range(len(pb)))
        if (x := pa[i]) and (y := pb[j]) and x.bag & y.bag
    }
    assert {(p.i, p.j) for p in align.scored_pairs(pa, pb, weights, 0.0)} == expected


def _repetitive(seed: int, sentences: int) -> str:
    """Sentences of 1 to 24 words from a small vocabulary: many pairs share one everyday word,
    and short sentences, which the one-stem bound must keep, are common."""
    rng = random.Random(seed)
    words = [f"{w}{s}" for w in ("market", "index", "share", "rose", "fell", "point") for s in ("", "s")]
    words += ["the", "of", "a", "to", "in", "and", "was", "Nasdaq", "Dow", "percent", "1.5", "2"]
    return " ".join(
        " ".join(rng.choice(words) for _ in range(rng.choice([1, 2, 3, 5, 8, 13, 24]))).capitalize() + "."
        for _ in range(sentences)
    )


@pytest.mark.parametrize("floor", [0.16, 0.3, 0.6])
def test_pruned_pairs_on_repetitive_documents(floor: float) -> None:
    pa, pb, weights = _profiles(from_string(_repetitive(1, 120)), from_string(_repetitive(2, 110)))
    assert align.scored_pairs(pa, pb, weights, floor) == _every_pair(pa, pb, weights, floor)


_WORDS = ["Kremlin", "drone", "attack", "said", "the", "of", "Peskov", "Kyiv", "denied", "1,500", "it"]
_sentence = st.lists(
    st.sampled_from(_WORDS),
    min_size=1,
    max_size=12,
).map(lambda words: " ".join(words) + ".")


@settings(max_examples=150, deadline=None)
@given(st.lists(_sentence, min_size=1, max_size=6), st.lists(_sentence, min_size=1, max_size=6))
def test_pruned_pairs_on_any_sentences(a: list[str], b: list[str]) -> None:
    pa, pb, weights = _profiles(from_string("\n\n".join(a)), from_string("\n\n".join(b)))
    for floor in (0.16, 0.4):
        assert align.scored_pairs(pa, pb, weights, floor) == _every_pair(pa, pb, weights, floor)


# Mostly stopwords, few content words: pairs that share one content stem and many stopwords are
# where the surface bound (stopwords both sentences hold) decides, on both the one-stem and the
# many-stem paths.
_FUNCTION_WORDS = ["the", "of", "it", "was", "that", "he", "and", "to", "in", "a", "is", "for", "on"]
_CONTENT_WORDS = ["Kremlin", "drone", "Kyiv", "attack", "denied"]
_wordy_sentence = st.lists(
    st.sampled_from(_FUNCTION_WORDS * 3 + _CONTENT_WORDS), min_size=2, max_size=16
).map(lambda words: " ".join(words) + ".")


@settings(max_examples=150, deadline=None)
@given(
    st.lists(_wordy_sentence, min_size=1, max_size=6),
    st.lists(_wordy_sentence, min_size=1, max_size=6),
    st.sampled_from([0.05, 0.16, 0.3, 0.5]),
)
def test_pruned_pairs_on_stopword_heavy_sentences(a: list[str], b: list[str], floor: float) -> None:
    pa, pb, weights = _profiles(from_string("\n\n".join(a)), from_string("\n\n".join(b)))
    assert align.scored_pairs(pa, pb, weights, floor) == _every_pair(pa, pb, weights, floor)


def _naive_group(mentions):  # type: ignore[no-untyped-def]
    groups: list[list[details._Mention]] = []
    for m in mentions:
        for group in groups:
            full_names = [g.key for g in group if details._is_full_name(g.key)]
            if group[0].kind is m.kind and (
                group[0].key == m.key
                or (
                    m.kind is details.DetailKind.NAME
                    and details._same_name(group[0].key, m.key)
                    and details._may_join(m.key, full_names, len(group))
                )
            ):
                group.append(m)
                break
        else:
            groups.append([m])
    return groups


def test_indexed_grouping_is_the_first_match_in_order() -> None:
    keys = [
        "zelenskyy",
        "volodymyr zelensky",
        "zelensky",
        "peskov",
        "dmitry peskov",
        "dmitri peskov",
        "kremlin",
        "kremlins",
        "moscow",
        "mosco",
        "ukraine",
        "internal affairs of ukraine",
    ]
    mentions = [details._Mention(details.DetailKind.NAME, k, k, n, n, n + 1) for n, k in enumerate(keys * 2)]
    assert details._group(mentions) == _naive_group(mentions)


@pytest.mark.skipif(not NEWS_DEV.is_dir(), reason="../shared/bench is not there")
def test_news_pairs_compare_as_without_pruning() -> None:
    for path in sorted(NEWS_DEV.glob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        a, b = from_string(data["a_text"], "a"), from_string(data["b_text"], "b")
        fast = compare(a, b)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(align, "candidate_pairs", lambda *args: align.Candidates.of(_every_pair(*args)))
            assert compare(a, b) == fast, path.name


@pytest.mark.parametrize("floor", [0.16, 0.3])
def test_frequent_stems_find_no_pair_on_their_own(floor: float, monkeypatch: pytest.MonkeyPatch) -> None:
    """With stems frequent (most of this small vocabulary, once the minimum is lowered to this small
    example), the pairs found are the exhaustive ones, with the same scores, but for the pairs
    that share nothing but frequent stems: those, and only those, are left out."""
    monkeypatch.setattr(scoring, "FREQUENT_MIN", 50)
    pa, pb, weights = _profiles(from_string(_repetitive(1, 120)), from_string(_repetitive(2, 110)))
    frequent = PairScorer(pa, pb, weights, floor)._frequent
    assert frequent
    every = {(p.i, p.j): p.score for p in _every_pair(pa, pb, weights, floor)}
    found = {(p.i, p.j): p.score for p in align.scored_pairs(pa, pb, weights, floor)}
    assert found.items() <= every.items()
    left_out = every.keys() - found.keys()
    assert left_out, "the example must have pairs sharing only frequent stems"
    for i, j in every:
        x, y = pa[i], pb[j]
        assert x is not None and y is not None
        assert ((i, j) in left_out) == (x.bag & y.bag <= frequent.keys())
