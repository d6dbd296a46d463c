"""benchmarks/speed.py runs: its smoke mode goes through every section, so that it cannot break
silently (it once crashed on a renamed function for a whole round). No timing is asserted."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "bench"


@pytest.mark.skipif(not (SHARED / "msrp" / "train.tsv").is_file(), reason="needs ../shared/bench")
def test_speed_benchmark_smoke_runs_every_section() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "speed.py"), "--smoke"],
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    out = done.stdout
    for title in (
        "## The samples",
        "## Long documents in process",
        "## Whole process",
        "## Adversarial shapes",
    ):
        assert title in out
    # Every whole-process run finished (no "stopped after" or "failed after" cell).
    assert "stopped after" not in out and "failed after" not in out
    rows = [
        line
        for line in out.splitlines()
        if line.startswith("| news mix |") and re.search(r"\d\.\dx \|", line)
    ]
    assert len(rows) == 3
    for row in rows:
        # the first construction: nothing is capped, so the reference's links are all found, and no other
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        assert cells[6:9] == ["100.00%", "0", "yes"], row
    shapes = re.findall(r"^\| (the same paragraph|one sentence|two long|a word in every)", out, re.MULTILINE)
    assert len(shapes) == 4


def test_the_command_imports_only_what_its_path_needs() -> None:
    """Starting the command imports neither the HTML report nor the URL fetcher nor the meaning
    model's numpy code: each is imported when asked for."""
    code = (
        "import sys, comparer.cli; "
        "print(sorted(m for m in ('comparer.report.html', 'comparer.fetch', 'comparer.core.sense',"
        " 'comparer.core.meaning', 'textual') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
