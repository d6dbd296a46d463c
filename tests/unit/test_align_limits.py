"""A sentence is in a bounded number of links, however often the documents repeat it."""

from __future__ import annotations

from collections import Counter

from comparer.core import compare, from_string
from comparer.core.align import LINKS_PER_SENTENCE
from comparer.core.model import Comparison

FACT_A = "The mayor of Springfield banned fireworks on Sunday after three barns burned down."
FACT_B = "Springfield's mayor banned fireworks on Sunday, after three barns burned."


def _links_per_sentence(comparison: Comparison) -> tuple[Counter[int], Counter[int]]:
    in_a = Counter(i for link in comparison.links for i in link.a)
    in_b = Counter(j for link in comparison.links for j in link.b)
    return in_a, in_b


def test_repeated_sentences_are_not_linked_every_copy_with_every_copy() -> None:
    a = from_string("\n\n".join([FACT_A] * 30))
    b = from_string("\n\n".join([FACT_B] * 30))
    comparison = compare(a, b)
    in_a, in_b = _links_per_sentence(comparison)
    assert set(in_a) == set(range(30)) and set(in_b) == set(range(30))  # every copy is linked
    assert max(in_a.values()) <= LINKS_PER_SENTENCE and max(in_b.values()) <= LINKS_PER_SENTENCE
    assert len(comparison.links) <= 30 * LINKS_PER_SENTENCE  # not 30 x 30
    assert compare(b, a) == comparison.mirrored()


def test_a_fact_repeated_a_few_times_is_linked_each_time() -> None:
    a = from_string(f"{FACT_A}\n\nThe weather was dry.\n\n{FACT_A}")
    in_a, _ = _links_per_sentence(compare(a, from_string(FACT_B)))
    assert in_a[0] >= 1 and in_a[2] >= 1 and in_a[1] == 0
