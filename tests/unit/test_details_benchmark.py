"""The details benchmark: it skips without data, matches details to the gold as documented,
and runs on the annotated pairs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import SHARED
from tests.unit.test_accuracy_benchmark import _module

BENCH = SHARED / "bench"


def test_benchmark_skips_cleanly_without_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    details = _module("details")
    assert details.main(["--bench", str(tmp_path)]) == 0
    assert "skipped" in capsys.readouterr().out


def test_a_detail_matches_its_entry_as_the_guideline_says() -> None:
    details = _module("details")
    entries = [
        details.Entry("names", ("Mitt Romney", "Romney", "Mr. Romney"), True),
        details.Entry("names", ("Paul Ryan",), False),
    ]
    assert details.entry_of("Romney’s", "names", entries) is entries[0]
    assert details.entry_of("Mitt Romney and Mr", "names", entries) is None
    figures = [details.Entry("numbers", ("$716 billion",), False), details.Entry("numbers", ("191",), False)]
    assert details.entry_of("716 billion", "numbers", figures) is figures[0]
    assert details.entry_of("191,", "numbers", figures) is figures[1]
    quotes = [details.Entry("quotes", ("I just saw the reports",), True)]
    assert details.entry_of("“I just saw the reports that he had...”", "quotes", quotes) is quotes[0]
    assert details.entry_of('" Romney said. “I just saw the reports', "quotes", quotes) is None


def test_the_gold_is_well_formed() -> None:
    details = _module("details")
    gold = json.loads(details.GOLD.read_text("utf-8"))
    assert len(gold) >= 3
    for pair, sides in gold.items():
        if BENCH.is_dir():
            assert (BENCH / "news-dev" / f"{pair}.json").is_file(), pair
        for side in ("a", "b"):
            for kind in details.KINDS:
                for forms, other in sides[side][kind]:
                    assert forms and all(f.strip() == f and f for f in forms.split("|")), (pair, forms)
                    assert other in (0, 1)


@pytest.mark.skipif(not (BENCH / "news-dev").is_dir(), reason="../shared/bench is not there")
def test_the_benchmark_scores_the_annotated_pairs(capsys: pytest.CaptureFixture[str]) -> None:
    details = _module("details")
    tallies = details.run(BENCH)
    names = tallies["names", "only in A"]
    assert names.gold > 10 and names.listed > 10
    assert 0.0 < names.precision() <= 1.0 and 0.0 < names.recall() <= 1.0
    assert details.main([]) == 0
    assert "| names |" in capsys.readouterr().out
