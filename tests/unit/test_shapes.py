"""Inputs shaped to be slow (issue 16), in small versions: what comparer does with them, not how
fast (benchmarks/speed.py times the full sizes): a paragraph repeated many times, one very long
sentence, a document too long in words for the meaning model."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from unittest import mock

from comparer.core import align, compare, from_string, similarity
from comparer.core.align import LINKS_PER_SENTENCE, Candidates, Pair
from comparer.core.compare import MAX_MEANING_WORDS, segmented
from comparer.core.model import Comparison, Document, Settings
from comparer.core.similarity import MAX_COMPARED, PairScorer, Profile, Weights
from tests.conftest import SAMPLE_A, SAMPLE_B

WORDS = Settings(lexical=True)
PARAGRAPH = SAMPLE_A.read_text("utf-8").split("\n\n")[4].strip()  # two sentences


def _every_candidate(
    pa: Sequence[Profile | None],
    pb: Sequence[Profile | None],
    weights: Weights,
    floor: float,
    done: Callable[[float], None] | None = None,
) -> Candidates:
    """Every sentence pair scored in full by ``similarity``: no index, no bound, no cap."""
    return Candidates.of(
        Pair(i, j, value)
        for i, x in enumerate(pa)
        if x is not None
        for j, y in enumerate(pb)
        if y is not None and (value := similarity.similarity(x, y, weights).value) >= floor
    )


def _exhaustive(a: Document, b: Document) -> Comparison:
    with mock.patch.object(align, "candidate_pairs", _every_candidate):
        return compare(a, b, WORDS)


def _repeated(copies: int) -> Document:
    return from_string("\n\n".join([PARAGRAPH] * copies))


def test_copies_are_paired_only_with_near_copies() -> None:
    """The p-th copy of a sentence meets only the q-th copies with |p - q| < LINKS_PER_SENTENCE."""
    article_a, article_b = segmented(_repeated(14), _repeated(11))
    pa, pb = align.pair_profiles(article_a.sentences, article_b.sentences)
    weights = align.pair_weights(pa, pb)
    capped = PairScorer(pa, pb, weights, align.LINK_THRESHOLD, LINKS_PER_SENTENCE)
    every = PairScorer(pa, pb, weights, align.LINK_THRESHOLD)
    for i in range(len(pa)):
        near = {j for j, _, _ in capped.candidates_of(i)}
        all_of_them = {j for j, _, _ in every.candidates_of(i)}
        # sentence k of the text is copy k // 2 of its kind (two sentences a paragraph)
        assert near == {j for j in all_of_them if abs(i // 2 - j // 2) < LINKS_PER_SENTENCE}
        assert len(all_of_them) == 11  # without a cap: every copy of the same sentence
    # without the cap, the scorer finds what scoring every pair finds
    every_pair = _every_candidate(pa, pb, weights, align.LINK_THRESHOLD).entries
    assert {(i, j) for i in range(len(pa)) for j, _, _ in every.candidates_of(i)} == {
        (i, j) for i, j, _, _ in every_pair
    }


def test_a_repeated_paragraph_links_as_scoring_every_pair_does() -> None:
    """With as many copies on both sides, more than LINKS_PER_SENTENCE, the cap changes nothing."""
    a, b = _repeated(14), _repeated(14)
    fast = compare(a, b, WORDS)
    assert fast == _exhaustive(a, b)
    in_a = Counter(i for link in fast.links for i in link.a)
    assert set(in_a) == set(range(28)) and max(in_a.values()) <= LINKS_PER_SENTENCE


def test_where_the_cap_changes_links_every_sentence_is_still_linked() -> None:
    """The stated difference: with more copies on one side (14 against 11), scoring every pair
    merges the surplus copies into the first copy's link; with the cap they join a nearer copy's.
    Which sentences are linked, and what is only on one side, stay the same; swapping mirrors."""
    a, b = _repeated(14), _repeated(11)
    fast, reference = compare(a, b, WORDS), _exhaustive(a, b)
    assert fast.links != reference.links
    assert (fast.only_in_a, fast.only_in_b) == (reference.only_in_a, reference.only_in_b) == ((), ())
    assert fast.summary.same == len(fast.links) and fast.summary.partial == 0
    surplus = [link for link in reference.links if len(link.a) > 1]
    assert surplus and all(link.a[1] >= 22 for link in surplus)  # copies 11 to 13 of A
    assert compare(b, a, WORDS) == fast.mirrored()


def _long_sentence(words: int, drop_every: int = 0) -> str:
    text = " ".join(SAMPLE_A.read_text("utf-8").split() + SAMPLE_B.read_text("utf-8").split())
    table = str.maketrans("", "", ".!?")
    pool = text.translate(table).split()
    chosen = [pool[k % len(pool)] for k in range(words)]
    if drop_every:
        chosen = [w for k, w in enumerate(chosen) if k % drop_every != drop_every - 1]
    return " ".join(chosen) + "\n"


def test_a_very_long_sentence_is_compared_and_shown_whole() -> None:
    words = max(3 * MAX_COMPARED, MAX_MEANING_WORDS + 500)
    a, b = from_string(_long_sentence(words)), from_string(_long_sentence(words, drop_every=40))
    comparison = compare(a, b)  # the default settings: too many words for the meaning model
    assert comparison.alignment.kind == "lexical"
    assert f"{MAX_MEANING_WORDS:,} words" in comparison.alignment.note
    (sentence_a,) = comparison.a.sentences
    assert (sentence_a.start, sentence_a.end) == (0, len(a.text.rstrip()))
    (link,) = comparison.links
    assert link.a == (0,) and link.b == (0,)
    # the score reads the whole sentence, difflib the first MAX_COMPARED words of it
    pa, pb = align.pair_profiles(comparison.a.sentences, comparison.b.sentences)
    x, y = pa[0], pb[0]
    assert x is not None and y is not None and len(x.stems) > MAX_COMPARED
    assert similarity.order_ratio(x.stems, y.stems) == similarity.order_ratio(
        x.stems[:MAX_COMPARED], y.stems[:MAX_COMPARED]
    )
    assert link.score == round(similarity.similarity_value(x, y, align.pair_weights(pa, pb)), 4)


def test_long_sentences_below_the_cap_score_as_scoring_every_pair_does() -> None:
    short_a, short_b = from_string(_long_sentence(300)), from_string(_long_sentence(300, drop_every=7))
    assert compare(short_a, short_b, WORDS) == _exhaustive(short_a, short_b)
