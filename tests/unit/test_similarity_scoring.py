"""The fitted similarity and the star selection keep their promises on the seed articles."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from comparer.core import Document, compare, load
from comparer.core.align import pair_weights, profiles
from comparer.core.model import Sentence
from comparer.core.similarity import FEATURES, features, profile, similarity
from tests import seeds as seed

SEEDS = Path(__file__).resolve().parents[2] / "samples" / "kremlin-drone"


@pytest.fixture(scope="module")
def seeds() -> tuple[Document, Document]:
    a = load(str(SEEDS / "a-kremlin-accuses-ukraine.txt"))
    return a, load(str(SEEDS / "b-kyiv-denies-involvement.txt"))


def _profile(text: str) -> Sentence:
    return Sentence(0, 0, len(text), text, 0)


def test_score_is_exactly_symmetric_on_every_seed_pair(seeds: tuple[Document, Document]) -> None:
    result = compare(*seeds)
    pa = profiles(result.a.sentences)
    pb = profiles(result.b.sentences)
    weights = pair_weights(pa, pb)
    everything = [p for p in [*pa, *pb] if p is not None]
    for x, y in itertools.combinations(everything, 2):
        assert similarity(x, y, weights) == similarity(y, x, weights)


def test_pairs_sharing_no_content_stem_score_zero() -> None:
    x = profile(_profile("The Kremlin accused Kyiv of a drone attack."))
    y = profile(_profile("Markets rallied in Tokyo on Friday."))
    weights = pair_weights([x], [y])
    assert similarity(x, y, weights).value == 0.0


def test_more_shared_wording_scores_higher() -> None:
    base = profile(_profile("The Kremlin did not provide any evidence to support its claims."))
    close = profile(_profile("The Kremlin did not present any evidence to support its claims."))
    far = profile(_profile("The Kremlin denied any role in the fire."))
    weights = pair_weights([base], [close, far])
    assert similarity(base, close, weights).value > 0.5 > similarity(base, far, weights).value


def test_differing_numbers_lower_the_score() -> None:
    x = profile(_profile("Police said 12 people were hurt in the blast."))
    same = profile(_profile("Police said 12 people were hurt in the blast on Monday."))
    other = profile(_profile("Police said 40 people were hurt in the blast on Monday."))
    weights = pair_weights([x], [same, other])
    assert similarity(x, same, weights).value > similarity(x, other, weights).value
    assert features(x, other, weights)[FEATURES.index("number_conflict")] == 1.0


def test_seed_facts(seeds: tuple[Document, Document]) -> None:
    result = compare(*seeds)

    def linked(i: int, j: int) -> bool:
        return any(i in link.a and j in link.b for link in result.links)

    assert linked(*seed.STATEMENT), "the two renderings of the Kremlin statement"
    assert linked(*seed.PESKOV), "Peskov"
    assert linked(*seed.SOBYANIN), "Sobyanin's drone ban"
    assert seed.SHEREMET_A in result.only_in_a, "Sheremet is only in A"
    assert seed.PODOLYAK_B in result.only_in_b, "Podolyak is only in B"


def test_links_are_stars_that_never_repeat_a_pair_and_mirror_exactly(
    seeds: tuple[Document, Document],
) -> None:
    a, b = seeds
    forward = compare(a, b)
    backward = compare(b, a).mirrored()
    # Links and only-in lists mirror exactly (the summary's shared-detail count is details.py's).
    assert (backward.links, backward.only_in_a, backward.only_in_b) == (
        forward.links,
        forward.only_in_a,
        forward.only_in_b,
    )
    joined = [(i, j) for link in forward.links for i in link.a for j in link.b]
    assert len(joined) == len(set(joined)), "two links join the same pair of sentences"
    assert all(len(link.a) == 1 or len(link.b) == 1 for link in forward.links)
