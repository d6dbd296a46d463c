"""What capping the candidates per sentence would cost in links; prints a Markdown table.

    python benchmarks/cap_study.py            # 1,000, 2,000 and 4,000 sentences, about half a minute
    python benchmarks/cap_study.py 500 8000   # other sizes

A common way to make long comparisons near-linear is to score only the K most promising
candidates of each sentence. This measures the best such a cap could do on the long documents of
``speed.py``: a link pair of the exhaustive result survives when it is among the K best-scoring
pairs (by exact score, which a cheap proxy can only approximate) of its sentence of A or of its
sentence of B. comparer's fast path is exact, so its pairs and links are the exhaustive ones.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCHMARKS))
sys.path.insert(0, str(BENCHMARKS.parent))

import corpus  # noqa: E402

from comparer.core import align  # noqa: E402
from comparer.core.document import from_string  # noqa: E402
from comparer.core.segment import segment  # noqa: E402

CAPS = (5, 10, 20, 40)


def best_rank(pairs: Sequence[align.Pair]) -> dict[tuple[int, int], int]:
    """Each pair's place (0 = best) among the pairs of its sentence of A or of B, the better one."""
    rank: dict[tuple[int, int], int] = {}
    for side in (0, 1):
        of_sentence: defaultdict[int, list[tuple[int, int]]] = defaultdict(list)
        for pair in pairs:  # best first
            of_sentence[(pair.i, pair.j)[side]].append((pair.i, pair.j))
        for members in of_sentence.values():
            for place, key in enumerate(members):
                rank[key] = min(rank.get(key, place), place)
    return rank


def kept_shares(size: int) -> tuple[int, dict[int, float]]:
    """How many link pairs the exhaustive result has, and the share each cap would keep."""
    text_a, text_b = corpus.document_pair(size)
    pa, pb = align.profiles(segment(from_string(text_a))), align.profiles(segment(from_string(text_b)))
    weights = align.pair_weights(pa, pb)
    floor = min(align.LINK_THRESHOLD, align.PARTNER_THRESHOLD, align.SECOND_LINK_THRESHOLD)
    rank = best_rank(align.scored_pairs(pa, pb, weights, floor))
    linked = {(i, j) for link in align.link_profiles(pa, pb, weights) for i in link.a for j in link.b}
    return len(linked), {cap: sum(1 for key in linked if rank[key] < cap) / len(linked) for cap in CAPS}


def main(argv: Sequence[str]) -> int:
    if not corpus.available():
        print("cap_study: ../shared/bench is not there: no long documents", file=sys.stderr)
        return 2
    sizes = [int(arg) for arg in argv] or [1000, 2000, 4000]
    print("| sentences | link pairs | " + " | ".join(f"kept with K = {cap}" for cap in CAPS) + " |")
    print("| --- " * (len(CAPS) + 2) + "|")
    for size in sizes:
        total, shares = kept_shares(size)
        print(f"| {size:,} | {total:,} | " + " | ".join(f"{shares[cap]:.1%}" for cap in CAPS) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
