"""Which sentence pairs are worth scoring: those that share at least one content stem.

Pairs that share no content stem score zero (see ``similarity``), so skipping them changes
nothing; an inverted index from stems to the sentences of B finds the others without visiting
every pair.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

from comparer.core.similarity import Profile


def candidate_pairs(a: Sequence[Profile | None], b: Sequence[Profile | None]) -> Iterator[tuple[int, int]]:
    """Index pairs ``(i, j)`` that share a content stem, in increasing order of ``i`` then ``j``.

    ``None`` stands for a sentence that takes no part (boilerplate).
    """
    index: defaultdict[str, list[int]] = defaultdict(list)
    for j, prof in enumerate(b):
        if prof is not None:
            for stem in prof.bag:
                index[stem].append(j)
    for i, prof in enumerate(a):
        if prof is None:
            continue
        partners: set[int] = set()
        for stem in prof.bag:
            partners.update(index.get(stem, ()))
        for j in sorted(partners):
            yield i, j
