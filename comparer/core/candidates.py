"""Which sentence pairs are worth scoring, found without visiting every pair.

Pairs that share no content stem score zero (see ``similarity``), so an inverted index from stems
to the sentences of one side finds every pair that can score at all without visiting the others.
In long documents that is still most pairs of sentences that share one everyday word; the upper
bounds of ``similarity.PairScorer`` cut those, a whole posting list at a time (see
``StemIndex.ranked``), before any pair of them is looked at on its own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from itertools import chain


class StemIndex:
    """The sentences of one side by content stem, from each sentence's set of stems (``None`` for a
    sentence that takes no part)."""

    def __init__(self, bags: Sequence[frozenset[str] | None]) -> None:
        self._postings: dict[str, list[int]] = {}
        for j, bag in enumerate(bags):
            if bag is not None:
                for stem in bag:
                    self._postings.setdefault(stem, []).append(j)

    def shared_counts(self, stems: Iterable[str]) -> Counter[int]:
        """How many of ``stems`` each sentence holds, for the sentences that hold any.

        Counted by ``Counter`` over the posting lists, without a Python step per posting.
        """
        empty: list[int] = []
        return Counter(chain.from_iterable(self._postings.get(stem, empty) for stem in stems))

    def ranked(self, stem: str, key: Callable[[int], float]) -> tuple[list[float], list[int]]:
        """The sentences holding ``stem`` in increasing order of ``key``, with their keys: the
        sentences whose key reaches a bound are one slice, found by bisection (the caller keeps
        the ranking of each stem it asks for)."""
        order = sorted((key(j), j) for j in self._postings.get(stem, ()))
        return [k for k, _ in order], [j for _, j in order]
