"""Which sentence pairs are worth scoring, found without visiting every pair.

Pairs that share no content stem score zero (see ``similarity``), so an inverted index from stems
to the sentences of B finds every pair that can score at all without visiting the others.

In long documents one more cut keeps the work down: a stem found in a large share of all
sentences ("said", "year", the subject of the story) does not make pairs on its own. Two
sentences that share only such words are not the same fact. The cut starts above
``COMMON_MIN_SENTENCES`` sentences, so an ordinary article pair is never pruned at all;
``benchmarks/speed.py`` measures on long documents the share of the exhaustive reference's links
that survive it. Pairs that do come out are then checked against upper bounds of the score
(``similarity.PairScorer``) before any difflib work is done.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

from comparer.core.similarity import Profile, Weights

COMMON_SHARE = 0.03
"""A stem in more than this share of all sentences is too common to make pairs on its own..."""
COMMON_MIN_SENTENCES = 60
"""...provided it is in more than this many sentences: below, nothing is pruned."""


def common_cutoff(total_sentences: int) -> int:
    """How many sentences a stem may be in and still make pairs on its own."""
    return max(COMMON_MIN_SENTENCES, int(COMMON_SHARE * total_sentences))


def candidate_pairs(
    a: Sequence[Profile | None],
    b: Sequence[Profile | None],
    weights: Weights | None = None,
    floor: float = 0.0,
) -> Iterator[tuple[int, int]]:
    """Index pairs ``(i, j)`` that share a content stem, in increasing order of ``i`` then ``j``.

    With ``weights`` and a positive ``floor``, stems too common to matter (see the module
    docstring) make no pairs; without, every pair sharing a stem is given. ``None`` stands for a
    sentence that takes no part (boilerplate).
    """
    cutoff = None
    if weights is not None and floor > 0.0:
        cutoff = common_cutoff(sum(1 for p in (*a, *b) if p is not None))
    index: defaultdict[str, list[int]] = defaultdict(list)
    for j, prof in enumerate(b):
        if prof is not None:
            for stem in prof.bag:
                index[stem].append(j)
    if cutoff is not None and weights is not None:
        for stem in [s for s in index if weights.frequency(s) > cutoff]:
            del index[stem]
    for i, prof in enumerate(a):
        if prof is None:
            continue
        partners: set[int] = set()
        for stem in prof.bag:
            partners.update(index.get(stem, ()))
        yield from ((i, j) for j in sorted(partners))
