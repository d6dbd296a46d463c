"""The N-way composition on five real-looking articles of one story: the facts keep each pair's
links, what only one source has is what no comparison links, details name their carriers."""

from __future__ import annotations

import dataclasses
import importlib
import itertools
from pathlib import Path

import pytest

from comparer.core.compare import compare
from comparer.core.document import load
from comparer.core.errors import ComparerError
from comparer.core.model import Conflict, ConflictKind, Document, Settings, Side, Span
from comparer.core.sources import Carried, Sources, compare_sources, compose, linked_pairs
from comparer.report.json_report import to_dict

ROOT = Path(__file__).resolve().parents[2]
FIVE = [
    ROOT / "samples" / "kremlin-drone" / "a-kremlin-accuses-ukraine.txt",
    ROOT / "samples" / "kremlin-drone" / "b-kyiv-denies-involvement.txt",
    ROOT / "samples" / "kremlin-drone-more" / "c-wire-moscow-says-drones-downed.txt",
    ROOT / "samples" / "kremlin-drone-more" / "d-kyiv-calls-it-staged.txt",
    ROOT / "samples" / "kremlin-drone-more" / "e-brief-victory-day-parade.txt",
]

LEXICAL = Settings(lexical=True)
"""N-way comparisons compare their pairs by words (compare_sources)."""


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    return [load(str(path)) for path in FIVE]


@pytest.fixture(scope="module")
def five(documents: list[Document]) -> Sources:
    return compare_sources(documents)


def test_every_pair_is_its_own_comparison(five: Sources, documents: list[Document]) -> None:
    assert len(five.comparisons) == 10
    for (i, j), comparison in zip(itertools.combinations(range(5), 2), five.comparisons, strict=True):
        assert to_dict(comparison) == to_dict(compare(documents[i], documents[j], LEXICAL))
    assert five.pair(3, 1).links == five.pair(1, 3).mirrored().links
    with pytest.raises(ValueError):
        five.pair(2, 2)


def test_facts_seen_from_two_sources_are_their_links(five: Sources) -> None:
    for i, j in itertools.permutations(range(5), 2):
        assert five.restricted(i, j) == linked_pairs(five.pair(i, j).links), (i, j)


def test_facts_are_groups_of_two_or_more_sources(five: Sources) -> None:
    assert five.facts
    for fact in five.facts:
        assert len(fact.sources) >= 2
        for sentences, carried in zip(fact.sentences, fact.carried, strict=True):
            assert (carried is Carried.ABSENT) == (not sentences)
    # Peskov's sentence (A12) is told by all five outlets.
    everywhere = [f for f in five.facts if len(f.sources) == 5]
    assert any(11 in f.sentences[0] for f in everywhere)
    # A sentence may sit in several facts: A1 (the accusation) does.
    assert sum(1 for f in five.facts if 0 in f.sentences[0]) >= 2


def test_only_in_is_what_no_comparison_links(five: Sources) -> None:
    for k in range(5):
        expected = set.intersection(
            *(set(five.pair(k, other).only_in(Side.A)) for other in range(5) if other != k)
        )
        assert set(five.only_in[k]) == expected
        assert not any(x in f.sentences[k] for f in five.facts for x in five.only_in[k])
    sheremet = five.articles[0].sentences[16].text
    assert "Sheremet" in sheremet and 16 not in five.only_in[0]  # D carries the strike call
    assert 2 in five.only_in[0]  # "The statement added that no casualties were reported."


def test_details_name_the_sources_that_carry_them(five: Sources) -> None:
    by_key = {d.key: d for d in five.details}
    assert by_key["dmitry peskov"].carriers == (0, 1, 2, 3, 4)
    assert by_key["mikhail sheremet"].carriers == (0,)
    assert by_key["mykhailo podolyak"].carriers == (1, 3)
    assert by_key["mikhail sheremet"] in five.only_details(0)


def test_a_link_with_a_conflict_puts_both_its_sources_in_conflict(five: Sources) -> None:
    comparisons = list(five.comparisons)
    first = comparisons[0].links[0]
    disputed = dataclasses.replace(first, conflicts=(Conflict(ConflictKind.NUMBER, Span(0, 1), Span(0, 1)),))
    comparisons[0] = dataclasses.replace(comparisons[0], links=(disputed, *comparisons[0].links[1:]))
    result = compose(five.articles, comparisons)
    holding = [
        f for f in result.facts if set(first.a) <= set(f.sentences[0]) and set(first.b) <= set(f.sentences[1])
    ]
    assert holding
    assert all(f.carried[0] is Carried.CONFLICT and f.carried[1] is Carried.CONFLICT for f in holding)
    assert not any(f.carried[0] is Carried.CONFLICT for f in five.facts)


def test_each_document_is_segmented_once(documents: list[Document], monkeypatch: pytest.MonkeyPatch) -> None:
    from comparer.core import sources

    calls: list[str] = []
    real = sources.segment

    def counting(document: Document, *args: object) -> object:
        calls.append(document.source)
        return real(document, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(sources, "segment", counting)
    monkeypatch.setattr(importlib.import_module("comparer.core.compare"), "segment", counting)
    compare_sources(documents[:4])
    assert sorted(calls) == sorted(d.source for d in documents[:4])


def test_workers_give_the_same_result(documents: list[Document]) -> None:
    here = compare_sources(documents[:3])
    apart = compare_sources(documents[:3], workers=2)
    assert apart.facts == here.facts and apart.only_in == here.only_in and apart.details == here.details


def test_two_to_eight_sources(documents: list[Document]) -> None:
    with pytest.raises(ComparerError, match="at least two"):
        compare_sources(documents[:1])
    with pytest.raises(ComparerError, match="at most 8"):
        compare_sources(documents * 2)
    two = compare_sources(documents[:2])
    assert two.restricted(0, 1) == linked_pairs(compare(*documents[:2], LEXICAL).links)
