"""The accuracy benchmark and the fitting script: they skip without data and fit correctly."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
SHARED = Path(__file__).resolve().parents[3] / "shared" / "bench"


def _module(name: str) -> ModuleType:
    sys.path.insert(0, str(BENCHMARKS))
    try:
        spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up while the file runs
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(BENCHMARKS))


def test_benchmark_skips_cleanly_without_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    accuracy = _module("accuracy")
    assert accuracy.main(["--bench", str(tmp_path)]) == 0
    assert "skipped" in capsys.readouterr().out


def test_accuracy_and_f1() -> None:
    accuracy = _module("accuracy")
    acc, f1 = accuracy.accuracy_f1([True, True, False, False], [True, False, True, False])
    assert acc == 0.5
    assert f1 == 0.5


def test_logistic_fit_finds_the_separating_direction() -> None:
    fit_weights = _module("fit_weights")
    examples = [((x / 10, 0.5), x >= 5, 1.0) for x in range(10) for _ in range(3)]
    examples += [((0.45, 0.5), False, 1.0), ((0.55, 0.5), True, 1.0)]
    bias, first, _second = fit_weights.fit(examples)
    assert first > 0
    assert -bias / first == pytest.approx(0.5, abs=0.1)


@pytest.mark.skipif(not (SHARED / "news-dev").is_dir(), reason="no ../shared/bench data")
def test_news_scoring_uses_the_shared_protocol() -> None:
    accuracy = _module("accuracy")
    scorer = accuracy.load_scorer(SHARED)
    golds = accuracy.news_golds(SHARED)[:1]
    figures, per_pair = accuracy.run_news(scorer, golds)
    assert len(per_pair) == 1
    assert 0.0 < figures.link_p <= 1.0
    assert 0.0 < figures.only_f1 <= 1.0


def test_meaning_benchmark_skips_cleanly_without_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    meaning = _module("meaning")
    assert meaning.main(["--bench", str(tmp_path)]) == 0
    assert "skipped" in capsys.readouterr().out


@pytest.mark.skipif(not (SHARED / "meaning-dev").is_dir(), reason="no ../shared/bench data")
def test_meaning_benchmark_prints_the_per_kind_table(capsys: pytest.CaptureFixture[str]) -> None:
    """Two edits of each kind, scored by the shared scorer running this checkout's comparer."""
    meaning = _module("meaning")
    assert meaning.main(["--bench", str(SHARED), "--per-kind", "2"]) == 0
    out = capsys.readouterr().out
    for kind in ("negation-added", "antonym", "number", "name", "certainty", "contraction", "clause-order"):
        assert kind in out
    summary = next(line for line in out.splitlines() if line.startswith("ALL caught"))
    caught = float(summary.split()[2])
    false_alarms = float(summary.split("false alarms")[1].split()[0])
    assert caught >= 0.75, summary
    assert false_alarms <= 0.1, summary


@pytest.mark.skipif(not (SHARED / "news-dev").is_dir(), reason="no ../shared/bench data")
def test_meaning_benchmark_lists_the_news_conflicts(capsys: pytest.CaptureFixture[str]) -> None:
    meaning = _module("meaning")
    assert meaning.main(["--bench", str(SHARED), "--news"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert sum(1 for line in lines if " conflicts in " in line and "links" in line) == 22
    assert lines[-1].startswith("news-dev: ") and lines[-1].endswith("conflicts in all")
