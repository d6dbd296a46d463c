"""The same / partial model for linked pairs (comparer/core/sameness.py)."""

from __future__ import annotations

from comparer.core import sameness
from comparer.core.model import Sentence
from comparer.core.similarity import Profile, profile
from tests import seeds as seed


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
