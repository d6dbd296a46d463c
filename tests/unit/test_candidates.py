"""Candidate pruning and the indexed detail matching change no result: checked against brute force."""

from __future__ import annotations

import itertools
import json

import pytest

from comparer.core import align, details
from comparer.core.candidates import candidate_pairs
from comparer.core.compare import compare
from comparer.core.document import from_string
from comparer.core.model import Document
from comparer.core.segment import segment
from tests.conftest import SHARED

NEWS_DEV = SHARED / "bench" / "news-dev"


def _every_pair(a, b, *_):  # type: ignore[no-untyped-def]
    return ((i, j) for i, j in itertools.product(range(len(a)), range(len(b))) if a[i] and b[j])


def _profiles(doc_a: Document, doc_b: Document):  # type: ignore[no-untyped-def]
    pa, pb = align.profiles(segment(doc_a)), align.profiles(segment(doc_b))
    return pa, pb, align.pair_weights(pa, pb)


@pytest.mark.parametrize("floor", [0.05, 0.2, 0.3, 0.5])
def test_pruned_pairs_score_like_every_pair(doc_a: Document, doc_b: Document, floor: float) -> None:
    pa, pb, weights = _profiles(doc_a, doc_b)
    pruned = align.scored_pairs(pa, pb, weights, floor)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(align, "candidate_pairs", _every_pair)
        reference = align.scored_pairs(pa, pb, weights, floor)
    assert pruned == reference
    assert len(list(candidate_pairs(pa, pb, weights, floor))) < len(list(_every_pair(pa, pb)))


def test_without_a_floor_every_sharing_pair_is_a_candidate(doc_a: Document, doc_b: Document) -> None:
    pa, pb, _ = _profiles(doc_a, doc_b)
    expected = [
        (i, j)
        for i, j in itertools.product(range(len(pa)), range(len(pb)))
        if (x := pa[i]) and (y := pb[j]) and x.bag & y.bag
    ]
    assert list(candidate_pairs(pa, pb)) == expected


def _naive_group(mentions):  # type: ignore[no-untyped-def]
    groups: list[list[details._Mention]] = []
    for m in mentions:
        for group in groups:
            if group[0].kind is m.kind and (
                group[0].key == m.key
                or (m.kind is details.DetailKind.NAME and details._same_name(group[0].key, m.key))
            ):
                group.append(m)
                break
        else:
            groups.append([m])
    return groups


def test_indexed_grouping_is_the_first_match_in_order() -> None:
    keys = [
        "zelenskyy",
        "volodymyr zelensky",
        "zelensky",
        "peskov",
        "dmitry peskov",
        "dmitri peskov",
        "kremlin",
        "kremlins",
        "moscow",
        "mosco",
        "ukraine",
        "internal affairs of ukraine",
    ]
    mentions = [details._Mention(details.DetailKind.NAME, k, k, n, n, n + 1) for n, k in enumerate(keys * 2)]
    assert details._group(mentions) == _naive_group(mentions)


@pytest.mark.skipif(not NEWS_DEV.is_dir(), reason="../shared/bench is not there")
def test_news_pairs_compare_as_without_pruning() -> None:
    for path in sorted(NEWS_DEV.glob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        a, b = from_string(data["a_text"], "a"), from_string(data["b_text"], "b")
        fast = compare(a, b)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(align, "candidate_pairs", _every_pair)
            assert compare(a, b) == fast, path.name
