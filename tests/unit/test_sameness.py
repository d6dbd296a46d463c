"""The same / partial model for linked pairs (comparer/core/sameness.py)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

import pytest

from comparer.core import sameness
from comparer.core.model import Sentence
from comparer.core.similarity import Profile, profile
from tests import seeds as seed

Wordings = tuple[sameness.Wording, sameness.Wording] | None


def _profile(text: str) -> Profile:
    return profile(Sentence(0, 0, len(text), text, 0))


def test_the_signs_and_coefficients_match_the_features() -> None:
    assert len(sameness.FEATURES) == len(sameness.SIGNS) == len(sameness.COEFFICIENTS)
    assert all(sign * c >= 0 for sign, c in zip(sameness.SIGNS, sameness.COEFFICIENTS, strict=True))


def test_a_sentence_is_the_same_as_itself_and_the_model_is_symmetric() -> None:
    x = _profile("Peskov said Putin was not in the Kremlin at the time.")
    y = _profile("Putin was not in the Kremlin at the time, Peskov told reporters.")
    assert sameness.is_same(x, x, 1.0)
    assert sameness.same_probability(x, y, 0.5) == sameness.same_probability(y, x, 0.5)


def test_a_different_figure_never_looks_more_same() -> None:
    base = _profile("The lawsuit covers 1.5 million women workers.")
    same = _profile("The lawsuit covers 1.5 million women workers across the country.")
    other = _profile("The lawsuit covers 1.6 million women workers across the country.")
    extra = _profile("The lawsuit covers 1.5 million women workers across the country in 2011.")
    link = 0.5  # the link score held fixed, to isolate the wording
    p = sameness.same_probability(base, same, link)
    assert sameness.same_probability(base, other, link) < p
    assert sameness.same_probability(base, extra, link) < p


def test_a_negation_makes_a_pair_less_same() -> None:
    x = _profile("The minister said the talks would resume on Monday.")
    y = _profile("The minister said the talks would not resume on Monday.")
    assert sameness.same_probability(x, y, 0.6) < sameness.same_probability(x, x, 0.6)


def test_the_seed_links_are_same() -> None:
    from pathlib import Path

    from comparer.core import compare, load
    from comparer.core.model import LinkKind

    folder = Path(__file__).resolve().parents[2] / "samples" / "kremlin-drone"
    result = compare(
        load(str(folder / "a-kremlin-accuses-ukraine.txt")),
        load(str(folder / "b-kyiv-denies-involvement.txt")),
    )
    kinds = {(link.a, link.b): link.kind for link in result.links}
    for i, j in (seed.STATEMENT, seed.PESKOV):
        assert kinds[(i,), (j,)] is LinkKind.SAME, f"A{i + 1}/B{j + 1}"


def test_the_features_a_comparison_skips_are_those_that_count_for_nothing() -> None:
    """``same_probability`` computes only the features with a coefficient; the result must be
    the full model's, to the bit, and the skipped features must really have coefficient 0."""
    x = _profile("Russia said on Wednesday that 2 drones, launched by Kyiv, hit the Kremlin.")
    y = _profile("Kyiv denied that it launched two drones at the Kremlin, Podolyak said.")
    full = sameness.features(x, y, 0.4)
    lean = sameness.features(x, y, 0.4, all_of_them=False)
    assert sameness.combine(full) == sameness.combine(lean) == sameness.same_probability(x, y, 0.4)
    for value, kept, coefficient in zip(lean, full, sameness.COEFFICIENTS, strict=True):
        assert value == kept or coefficient == 0.0


def _sample_profiles() -> list[Profile]:
    """The sentences of the kremlin-drone sample, both sides, and a few edge cases."""
    from pathlib import Path

    from comparer.core.align import profiles
    from comparer.core.document import load
    from comparer.core.segment import segment

    folder = Path(__file__).resolve().parents[2] / "samples" / "kremlin-drone"
    found: list[Profile] = []
    for path in sorted(folder.glob("*.txt")):
        found += [p for p in profiles(segment(load(str(path)))) if p is not None]
    extra = ("...", "It isn't so.", "No.", "They cannot agree, not now, not ever.", "2023 2024")
    return found + [_profile(text) for text in extra]


def _reference_is_same(x: Profile, y: Profile, link: float, shift: float) -> bool:
    """``is_same`` as it was before it decided on bounds: every feature that counts, computed."""
    cut = sameness.SAME_PROBABILITY + shift
    return link >= sameness.SAME_LINK_SCORE + shift or sameness.same_probability(x, y, link) >= cut


def test_is_same_decides_on_bounds_exactly_as_the_full_probability(monkeypatch: pytest.MonkeyPatch) -> None:
    """``is_same`` skips the word overlaps when the other features settle it; it must agree with
    the full probability on every pair, including cuts a hair either side of the probability
    (where no bound may decide) and cuts far off (where the bounds do)."""
    computed: list[str] = []  # the word overlaps computed, in order, for one call

    def spied(
        name: str, compute: Callable[[sameness._Pair], Sequence[float]]
    ) -> Callable[[sameness._Pair], Sequence[float]]:
        def spy(pair: sameness._Pair) -> Sequence[float]:
            computed.append(name)
            return compute(pair)

        return spy

    groups = list(sameness._GROUPS)
    for name, k in (("words1", sameness._WORDS1_GROUP), ("lcs", sameness._LCS_GROUP)):
        groups[k] = (groups[k][0], spied(name, groups[k][1]))
    monkeypatch.setattr(sameness, "_GROUPS", tuple(groups))
    ways: Counter[tuple[tuple[str, ...], bool]] = Counter()  # (overlaps computed, answer)

    def check(x: Profile, y: Profile, link: float, shift: float, wordings: Wordings = None) -> None:
        computed.clear()
        answer = sameness.is_same(x, y, link, shift, wordings)
        if link < sameness.SAME_LINK_SCORE + shift:
            ways[tuple(computed), answer] += 1
        assert answer == _reference_is_same(x, y, link, shift)

    found = _sample_profiles()
    pairs = [(x, y) for x in found[::2] for y in found[1::3]]
    for x, y in pairs:
        for link in (0.0, 0.2, 0.45, 0.61):
            p = sameness.same_probability(x, y, link)
            exact_shift = p - sameness.SAME_PROBABILITY
            for shift in (-0.5, -0.2, 0.0, 0.1, 0.3, exact_shift, exact_shift + 1e-12, exact_shift - 1e-12):
                check(x, y, link, shift)
            wordings = (sameness.Wording(x), sameness.Wording(y))
            for shift in (-0.2, 0.0, 0.1, exact_shift):  # the same with wordings kept across calls
                check(x, y, link, shift, wordings)
    # Every way out is taken, each both ways, not only the full path tested: decided without the
    # overlaps, with the unigram overlap alone, and by the full probability.
    for overlaps in ((), ("words1",), ("words1", "lcs")):
        for answer in (True, False):
            assert ways[overlaps, answer] > 0, (overlaps, answer, ways)


def test_the_overlap_bounds_hold() -> None:
    """The bounds ``is_same`` decides on: both overlaps in [0, 1] with coefficients of at least 0,
    and the common subsequence never above the clipped unigram precision (over the longer side)."""
    assert sameness.COEFFICIENTS[sameness._WORDS1] >= 0 and sameness.COEFFICIENTS[sameness._LCS] >= 0
    found = _sample_profiles()
    for x in found:
        for y in found[::4]:
            values = sameness.features(x, y, 0.3)
            words1, lcs = values[sameness._WORDS1], values[sameness._LCS]
            assert 0.0 <= lcs <= words1 <= 1.0


def test_the_unigram_precisions_and_negation_are_the_general_ones() -> None:
    """The written-out unigram precisions and negation test give what the general forms give."""
    found = _sample_profiles()
    for x in found:
        assert sameness._negated(x.tokens) == any(
            t.norm in sameness._NEGATIONS or t.norm.endswith("n't") for t in x.tokens
        )
        for y in found[::5]:
            pair = sameness._Pair(x, y, 0.0)
            assert sameness._unigram_precisions(pair) == sameness._both_ways(pair.wx, pair.wy, 1)


def test_the_overlaps_highs_weigh_nothing() -> None:
    """``is_same`` bounds the probability with ``words1_low`` and ``lcs_low`` only: a refit that
    gave ``words1_high`` or ``lcs_high`` a weight would make its early decisions wrong."""
    for name in ("words1_high", "lcs_high"):
        assert sameness.COEFFICIENTS[sameness.FEATURES.index(name)] == 0, name
