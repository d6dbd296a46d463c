"""Three to eight inputs on the command line: the reports, and every way to get them wrong."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from comparer.cli import main
from comparer.core.document import load
from comparer.core.sources import compare_sources
from comparer.report.sources import render_sources_markdown
from tests.unit.test_sources import FIVE

PATHS = [str(path) for path in FIVE]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_error(err: str, *needles: str) -> None:
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("comparer: error: "), err
    assert "Traceback" not in err
    for needle in needles:
        assert needle in lines[0], (needle, err)


def test_json_of_five_sources_is_version_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, *PATHS, "--format", "json")
    assert code == 1 and err == ""
    report = json.loads(out)
    assert report["format_version"] == 2
    assert [d["source"] for d in report["documents"]] == PATHS
    assert report["documents"][2]["text"] == FIVE[2].read_text("utf-8")
    assert len(report["pairs"]) == 10 and (report["pairs"][0]["a"], report["pairs"][0]["b"]) == (0, 1)
    assert report["summary"]["sources"] == 5 and report["summary"]["facts"] == len(report["facts"])
    for fact in report["facts"]:
        assert len(fact["sentences"]) == len(fact["carried"]) == 5
        assert set(fact["carried"]) <= {"same", "partial", "absent", "conflict"}
        assert sum(state != "absent" for state in fact["carried"]) >= 2
    peskov = next(d for d in report["details"] if d["key"] == "dmitry peskov")
    assert peskov["carriers"] == [0, 1, 2, 3, 4]
    # Each pair's links are those of the two-input report of the same pair, compared by words
    # as N-way comparisons are.
    assert report["settings"]["alignment"] == "lexical"
    code, pair_out, _ = run(capsys, PATHS[1], PATHS[3], "--format", "json", "--lexical")
    pairwise = json.loads(pair_out)
    assert pairwise["format_version"] == 1
    pair = next(p for p in report["pairs"] if (p["a"], p["b"]) == (1, 3))
    assert pair["links"] == pairwise["links"] and pair["only_in_b"] == pairwise["only_in_b"]


def test_json_of_three_follows_the_indent_rule(capsys: pytest.CaptureFixture[str]) -> None:
    """As with two inputs: one line off a terminal, indented with --indent; the same data."""
    _, compact, _ = run(capsys, *PATHS[:3], "--format", "json")
    _, indented, _ = run(capsys, *PATHS[:3], "--format", "json", "--indent", "2")
    assert compact.count("\n") == 1 and indented.startswith('{\n  "format"')
    assert json.loads(compact) == json.loads(indented)


def test_markdown_has_the_coverage_table_and_only_in_per_source(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "memo.md"
    code, out, err = run(capsys, *PATHS[:3], "-o", str(target))
    assert (code, out, err) == (1, "", "")
    memo = target.read_text("utf-8")
    assert memo.startswith("# Comparison of 3 sources\n")
    assert "| fact | A | B | C | in words |" in memo
    rows = [line for line in memo.splitlines() if re.match(r"\| \d+ \| `", line)]
    assert rows and all(line.count("`") == 6 for line in rows)
    for letter in "ABC":
        assert f"\n## Only in {letter} (" in memo
    assert "- **A3** The statement added that no casualties were reported." in memo
    assert "| Dmitry Peskov | name | ✓ | ✓ | ✓ |" in memo
    expected = render_sources_markdown(compare_sources([load(p) for p in PATHS[:3]]))
    assert memo == expected


def test_text_report_of_three(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, *PATHS[2:], "--width", "80")
    assert code == 1
    assert out.startswith("3 sources:\n  A  ")
    assert "Coverage:" in out and "Only in C (e-brief-victory-day-parade.txt):" in out
    assert max(len(line) for line in out.splitlines() if re.match(r" *\d+\. ", line)) <= 80


def test_the_same_article_three_times_over_is_the_same_information(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    copies = []
    for k in range(3):
        copy = tmp_path / f"copy{k}.txt"
        copy.write_text(FIVE[4].read_text("utf-8"), "utf-8")
        copies.append(str(copy))
    code, out, _ = run(capsys, *copies, "-f", "json")
    assert code == 0 and json.loads(out)["summary"]["same_information"] is True


def test_more_than_eight_inputs(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, *PATHS, *PATHS[:4], "-f", "text")
    assert code == 2 and out == ""
    one_error(err, "too many inputs (9)", "at most 8")


def test_the_same_file_twice_among_three(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    link = tmp_path / "alias.txt"
    os.symlink(FIVE[0], link)
    code, out, err = run(capsys, PATHS[0], PATHS[1], str(link), "-f", "text")
    assert code == 2 and out == ""
    one_error(err, str(link), "given twice", PATHS[0])


def test_standard_input_twice_among_three(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "-", PATHS[1], "-", "-f", "text")
    assert code == 2 and out == ""
    one_error(err, "standard input (-)")


def test_an_unreadable_third_input_is_named(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "no-such-article.txt"
    code, out, err = run(capsys, PATHS[0], PATHS[1], str(missing), "-f", "json")
    assert code == 2 and out == ""
    one_error(err, "no-such-article.txt")
    code, out, err = run(capsys, PATHS[0], PATHS[1], str(tmp_path), "-f", "json")
    assert code == 2 and out == ""
    one_error(err, str(tmp_path))


def test_installed_command_in_a_pipe_prints_the_text_report(tmp_path: Path) -> None:
    command = Path(sys.executable).parent / "comparer"
    result = subprocess.run(
        [str(command), *PATHS[:3]],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 1 and result.stderr == ""
    assert result.stdout.startswith("3 sources:\n  A  ")


def test_one_input_asks_for_a_second_only(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, PATHS[0])
    assert code == 2 and out == ""
    one_error(err, "required: B (see")
