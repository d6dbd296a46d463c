"""benchmarks/nway.py keeps running: the samples always, the NewsWCL50 events when ../shared is here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from comparer.core.sources import compare_sources
from tests.unit.test_accuracy_benchmark import SHARED, _module


def test_benchmark_runs_on_the_samples_without_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    nway = _module("nway")
    assert nway.main(["--bench", str(tmp_path), "--repeat", "1"]) == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if line.startswith("| samples/kremlin-drone*"))
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert cells[1] == "5" and cells[2] == "16/17/10/12/8"
    agreement = float(re.match(r"\*\*([\d.]+)%", cells[4]).group(1))  # type: ignore[union-attr]
    assert agreement >= 95.0
    assert all(re.match(r"\*{0,2}[\d.]+ s\b", cell) for cell in cells[5:8]), cells
    assert "news-dev events skipped" in out


@pytest.mark.skipif(not (SHARED / "news-dev").is_dir(), reason="no ../shared/bench data")
def test_the_five_outlets_of_event_4_agree_with_each_pair() -> None:
    nway = _module("nway")
    events = nway.event_sources(SHARED)
    assert len(events["e4"]) == 5
    together, lowest = nway.agreement(compare_sources(events["e4"]))
    assert together >= 0.95 and lowest >= 0.95
