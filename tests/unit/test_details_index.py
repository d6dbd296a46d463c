"""The details stage's indexes find exactly what counting word by word finds."""

from __future__ import annotations

import itertools
import random
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from comparer.core import details
from comparer.core.normalize import letter_mask, min_shared_letters, spelling_variant
from comparer.core.similarity import Weights


def _candidates_reference(words: list[str], last: str) -> list[str]:
    """``_LastWords.candidates`` as first written: the words of each length counted by the
    letter pairs they share with ``last``, then the letter masks compared one word at a time."""
    found = {last} if last in words else set()
    if len(last) >= 5:
        need = {n: details._min_shared_bigrams(last, n) for n in details._variant_lengths(len(last))}
        bigrams = set(details._bigrams(last))
        shared = Counter(w for w in set(words) if len(w) in need for b in bigrams if b in details._bigrams(w))
        mask, repeats = letter_mask(last)
        for word, n in shared.items():
            other_mask, other_repeats = letter_mask(word)
            letters = (mask & other_mask).bit_count() + min(repeats, other_repeats)
            if n >= need[len(word)] and 2.0 * letters / (len(last) + len(word)) >= details.NAME_VARIANT:
                found.add(word)
    return sorted(found)


_names = st.lists(st.text(alphabet="aeiklnosvyz", min_size=3, max_size=16), max_size=40)


@settings(max_examples=300, deadline=None)
@given(_names, _names)
def test_last_words_finds_what_counting_finds(words: list[str], queries: list[str]) -> None:
    index = details._LastWords(words)
    for last in [*words, *queries]:
        assert index.candidates(last) == _candidates_reference(words, last), last
        assert index.variants(last) == sorted(
            w for w in set(words) if w == last or spelling_variant(last, w, details.NAME_VARIANT)
        )


def test_last_words_on_real_variants_and_words_added_later() -> None:
    words = ["zelenskyy", "zelensky", "zelenskiy", "zelenskii", "peskov", "peskova", "moscow", "kyiv"]
    index = details._LastWords(words[:3])
    assert index.variants("zelenskyy") == ["zelenskiy", "zelensky", "zelenskyy"]
    for word in words[3:]:
        index.add(word)
        for last in words:
            assert index.candidates(last) == _candidates_reference(words[: words.index(word) + 1], last)
    assert index.variants("zelenskii") == ["zelenskii", "zelenskiy"]  # "zelensky": a ratio of 14/17
    assert index.variants("peskov") == ["peskov", "peskova"]


def test_bit_counts_count_every_bit() -> None:
    rng = random.Random(5)
    for _ in range(200):
        sets = [rng.getrandbits(rng.randrange(1, 300)) for _ in range(rng.randrange(0, 40))]
        digits = details._bit_counts(sets)
        within = rng.getrandbits(300)
        for need in range(0, 42):
            expected = sum(
                1 << b for b in range(300) if within >> b & 1 and sum(s >> b & 1 for s in sets) >= need
            )
            assert details._at_least(digits, need, within) == expected, (need, sets)


def test_min_shared_letters_is_the_letter_mask_bound() -> None:
    for size, repeats in itertools.product(range(10, 80), range(6)):
        need = min_shared_letters(size, repeats, details.NAME_VARIANT)
        assert 2.0 * (need + repeats) / size >= details.NAME_VARIANT
        assert need == 0 or 2.0 * (need - 1 + repeats) / size < details.NAME_VARIANT


_stems = st.frozensets(st.sampled_from("abcdefghijklmnop"), max_size=9)


@settings(max_examples=300, deadline=None)
@given(st.lists(_stems, min_size=1, max_size=12), _stems)
def test_a_quote_holding_no_core_stem_holds_too_little(
    bags: list[frozenset[str]], their: frozenset[str]
) -> None:
    # Stems of many frequencies, so that weights differ and tie.
    weights = Weights(bags)
    core = details._part_core(their, weights.total(their), weights)
    ordered = sorted(their)
    for chosen in itertools.product([False, True], repeat=len(ordered)):  # every part of ``their``
        shared = frozenset(stem for stem, keep in zip(ordered, chosen, strict=True) if keep)
        if not core & shared:
            assert not (
                len(shared) >= details.QUOTE_PART_MIN_STEMS
                and weights.total(shared) >= details.QUOTE_PART * weights.total(their)
            )
    # The core is as small as it may be: with its lightest stem left out, the rest is enough.
    if core:
        lightest = max(core, key=lambda stem: (-weights(stem), stem))
        assert weights.total(their - core | {lightest}) >= details.QUOTE_PART * weights.total(their)
