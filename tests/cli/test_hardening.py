"""Hardening, round two: a file against itself, output that cannot be written, ``-o`` targets, odd
names and settings. Each case fails one way on purpose and must end in a clear result."""

from __future__ import annotations

from pathlib import Path

import pytest

from comparer.cli import main

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
NO_CONTENT = '"Why now?" Mr. John Smith asked.\n\nHe said it was not so.\n\n:\n'


# A file against itself


ARTICLES = sorted(str(p.relative_to(SAMPLES)) for p in SAMPLES.glob("*/*.txt"))


@pytest.mark.parametrize("name", [*ARTICLES, "no-content.txt"])
def test_a_file_against_itself_is_the_same(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str
) -> None:
    path = SAMPLES / name
    if not path.exists():
        path = tmp_path / name
        path.write_text(NO_CONTENT, encoding="utf-8")
    assert main([str(path), str(path)]) == 0
    out = capsys.readouterr().out
    assert "only in A" in out and " 0 only in A · 0 only in B" in out
