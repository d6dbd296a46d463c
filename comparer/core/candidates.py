"""Which sentence pairs are worth scoring, found without visiting every pair.

Pairs that share no content stem score zero (see ``similarity``). Beyond that, a pair can only
reach a score ``floor`` if it shares enough: ``dice <= containment`` and, with ``S`` the weight of
the shared stems and ``M`` the stem tokens difflib can match,

- ``containment = S / min(W(x), W(y))`` is at most ``S_x / W(x)`` when x is the lighter sentence,
- ``order = 2M / (len x + len y)`` is at most ``M_x / len x`` when x is the shorter one,

where ``S_x`` and ``M_x`` are the weight and the token count of the shared stems within x. So the
score is at most ``(W_DICE + W_CONTAINMENT + W_ORDER) * max(q(x), q(y))`` where ``q`` of a sentence
is the larger of its shared weight share and shared token share. Each sentence therefore splits
its stems into a *prefix* (its rarest stems) and a *tail* (its commonest stems, as long as the
tail alone keeps ``q`` under the floor): a pair that shares nothing in either sentence's prefix
provably scores below the floor. Common stems ("said", "year") sit in the tails of most
sentences, and their long posting lists are never walked; that is what keeps long documents
near-linear. The pruning is exact: the scored pairs above the floor are the same as scoring every
pair (``tests/unit/test_candidates.py`` and ``benchmarks/speed.py`` check it).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from comparer.core.similarity import W_CONTAINMENT, W_DICE, W_ORDER, Profile, Weights

_MARGIN = 1e-9
"""Room for the rounding of float sums taken in another order than ``similarity`` takes them."""


@dataclass(frozen=True, slots=True)
class _Indexed:
    """A sentence as the pruning sees it: stem counts, totals, and its prefix and tail."""

    counts: Counter[str]
    prefix: tuple[str, ...]
    tail: tuple[str, ...]
    weight: float
    length: int
    tail_weight: float
    tail_tokens: int


def _indexed(profile: Profile, weight_of: Callable[[str], float], floor: float) -> _Indexed:
    """Split a sentence's stems into the prefix a pair must touch and the tail it need not."""
    scale = W_DICE + W_CONTAINMENT + W_ORDER
    counts = Counter(profile.stems)
    total_weight = sum(weight_of(stem) for stem in profile.bag)
    length = len(profile.stems)
    # Commonest first: they are the cheapest to leave out of the index.
    by_commonness = sorted(profile.bag, key=lambda stem: (weight_of(stem), stem))
    tail_weight, tail_tokens, cut = 0.0, 0, 0
    if floor > 0.0 and total_weight > 0.0 and length > 0:
        for stem in by_commonness:
            weight = tail_weight + weight_of(stem)
            tokens = tail_tokens + counts[stem]
            if scale * max(weight / total_weight, tokens / length) >= floor - _MARGIN:
                break
            tail_weight, tail_tokens, cut = weight, tokens, cut + 1
    return _Indexed(
        counts,
        tuple(by_commonness[cut:]),
        tuple(by_commonness[:cut]),
        total_weight,
        length,
        tail_weight,
        tail_tokens,
    )


def _bound(shared: float, tokens: int, x: _Indexed, y: _Indexed) -> float:
    """The most ``similarity`` can give a pair sharing at most this weight and these stem tokens."""
    shared = min(shared, x.weight, y.weight)
    tokens = min(tokens, x.length, y.length)
    if shared <= 0.0:
        return 0.0
    dice = 2.0 * shared / (x.weight + y.weight)
    containment = shared / min(x.weight, y.weight)
    # difflib's ratio is at most its quick_ratio: matches <= the shared stem tokens.
    order = 2.0 * tokens / (x.length + y.length)
    return W_DICE * dice + W_CONTAINMENT * containment + W_ORDER * order


def _sharing_pairs(a: Sequence[Profile | None], b: Sequence[Profile | None]) -> Iterator[tuple[int, int]]:
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
        yield from ((i, j) for j in sorted(partners))


def candidate_pairs(
    a: Sequence[Profile | None],
    b: Sequence[Profile | None],
    weights: Weights | None = None,
    floor: float = 0.0,
) -> Iterator[tuple[int, int]]:
    """Index pairs ``(i, j)`` that may score at least ``floor``, in increasing order of ``i`` then ``j``.

    Without ``weights`` (or with a floor of zero) these are all pairs that share a content stem.
    ``None`` stands for a sentence that takes no part (boilerplate).
    """
    if weights is None or floor <= 0.0:
        yield from _sharing_pairs(a, b)
        return
    cache: dict[str, float] = {}

    def weight_of(stem: str) -> float:
        value = cache.get(stem)
        if value is None:
            value = cache[stem] = weights(stem)
        return value

    side_b = [None if prof is None else _indexed(prof, weight_of, floor) for prof in b]
    every_stem: defaultdict[str, list[tuple[int, int]]] = defaultdict(list)
    prefix_stem: defaultdict[str, list[tuple[int, int]]] = defaultdict(list)
    for j, y in enumerate(side_b):
        if y is not None:
            for stem, count in y.counts.items():
                every_stem[stem].append((j, count))
            for stem in y.prefix:
                prefix_stem[stem].append((j, y.counts[stem]))
    for i, prof in enumerate(a):
        if prof is None:
            continue
        x = _indexed(prof, weight_of, floor)
        seen: dict[int, float] = {}
        matched: dict[int, int] = {}
        # x's prefix meets every stem of B; x's tail meets only B's prefixes. Pairs that meet
        # only tail to tail are never visited: the tails alone cannot reach the floor.
        for stems, postings in ((x.prefix, every_stem), (x.tail, prefix_stem)):
            for stem in stems:
                weight, count = weight_of(stem), x.counts[stem]
                for j, count_b in postings.get(stem, ()):
                    seen[j] = seen.get(j, 0.0) + weight
                    matched[j] = matched.get(j, 0) + min(count, count_b)
        for j in sorted(seen):
            y = side_b[j]
            assert y is not None
            # The stems not seen are those in both tails: at most the lighter tail.
            unseen_weight = min(x.tail_weight, y.tail_weight)
            unseen_tokens = min(x.tail_tokens, y.tail_tokens)
            if _bound(seen[j] + unseen_weight, matched[j] + unseen_tokens, x, y) < floor - _MARGIN:
                continue
            # Worth a closer look: the bound again, with the stems both tails hold counted.
            both_tails = set(x.tail).intersection(y.tail)
            weight = seen[j] + sum(weight_of(stem) for stem in both_tails)
            tokens = matched[j] + sum(min(x.counts[stem], y.counts[stem]) for stem in both_tails)
            if _bound(weight, tokens, x, y) >= floor - _MARGIN:
                yield i, j
