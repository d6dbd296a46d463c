"""Hostile article text in the reports: nothing in an article can act on a terminal or a parser.

tests/data/hostile.txt holds ANSI CSI and OSC sequences (OSC 8 links, title changes), BEL,
backspace, CR, the other C0 and C1 controls, bidi overrides, Rich/Textual markup and Markdown.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from comparer.cli import main
from comparer.core.compare import compare
from comparer.core.document import from_string, load
from comparer.core.model import Comparison, Side
from comparer.report import Palette, render
from comparer.report.safe import inert, one_line

HOSTILE = Path(__file__).resolve().parent.parent / "data" / "hostile.txt"
# The only escape sequences comparer itself writes: its SGR colours (Palette.ansi).
OWN_SGR = re.compile(r"\x1b\[(?:1;31|1;32|2|1|0)m")
# Anything a terminal could act on, other than the line feed a report is made of.
ACTIVE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _hostile_pair() -> Comparison:
    """The hostile sample against a copy with some words changed, so links and markers occur."""
    text = load(str(HOSTILE)).text
    changed = text.replace("three times", "twice").replace("Police said", "Officers said")
    return compare(from_string(text, "hostile.txt"), from_string(changed, "\x1b]0;b\x07.txt"))


@pytest.fixture(scope="module")
def pair() -> Comparison:
    return _hostile_pair()


def test_sample_is_hostile() -> None:
    raw = HOSTILE.read_bytes().decode("utf-8")
    for needle in (
        "\x1b[2J",
        "\x1b]8;;",
        "\x1b]0;",
        "\x07",
        "\x08",
        "\r",
        "\x9b",
        "\x7f",
        "[@click=",
        "[link=",
    ):
        assert needle in raw


@pytest.mark.parametrize("width", [100, 24])
def test_text_report_without_colour_has_no_escape(pair: Comparison, width: int) -> None:
    report = render(pair, "text", width=width, palette=Palette())
    assert "\x1b" not in report
    assert not ACTIVE.search(report), repr(ACTIVE.search(report))


@pytest.mark.parametrize("width", [100, 24])
def test_text_report_with_colour_has_only_its_own_sgr(pair: Comparison, width: int) -> None:
    report = render(pair, "text", width=width, palette=Palette.ansi())
    assert OWN_SGR.search(report), "colour was asked for"
    rest = OWN_SGR.sub("", report)
    assert "\x1b" not in rest
    assert not ACTIVE.search(rest)


def test_text_report_shows_every_sentence_inert_and_literal(pair: Comparison) -> None:
    report = render(pair, "text", width=10_000, palette=Palette())
    flat = re.sub(r"\[-|-\]|\{\+|\+\}", "", report)
    for sentence in pair.a.sentences:
        assert inert(sentence.text) in flat
    for literal in (
        "[bold]must stay literal[/bold]",
        "[@click=app.quit]Quit[/]",
        "[link=https://evil.example]",
    ):
        assert literal in report
    assert "\u241b]8;;https://evil.example/\u241b\\official statement" in report  # ␛ shown, link inert
    assert "secret\u2408\u2408\u2408\u2408\u2408\u2408public" in report
    assert "<U+009B>31m" in report and "<U+202E>evil.exe<U+202C>" in report


def test_text_report_shows_the_differences(pair: Comparison) -> None:
    report = render(pair, "text", width=100, palette=Palette())
    assert "[-three times-]" in report and "{+twice+}" in report


def test_hostile_source_name_is_inert(pair: Comparison) -> None:
    report = render(pair, "text", palette=Palette.ansi())
    assert "B: \u241b]0;b\u2407.txt" in report


def test_json_stays_exact(pair: Comparison) -> None:
    data = json.loads(render(pair, "json"))
    assert data["documents"][0]["text"] == HOSTILE.read_text(encoding="utf-8")  # CR read as a line end
    assert data["documents"][1]["source"] == "\x1b]0;b\x07.txt"
    for document in data["documents"]:
        for sentence in document["sentences"]:
            assert document["text"][sentence["start"] : sentence["end"]] == sentence["text"]


def test_markdown_escapes(pair: Comparison) -> None:
    memo = render(pair, "markdown")
    assert "\x1b" not in memo and not ACTIVE.search(memo)
    assert r"\[bold\]must stay literal\[/bold\]" in memo
    assert r"\[\@click=app.quit\]" in memo
    assert r"\`code\`" in memo and r"\<b\>html\</b\>" in memo
    assert r"\*emphasis\*" in memo and r"\_under\_" in memo and r"\| pipes \|" in memo


def test_cli_text_report_on_a_pipe(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text("Police said the fire started at 9 p.m. on Friday.\n", encoding="utf-8")
    for colour in ("never", "auto", "always"):
        code = main([str(HOSTILE), str(other), "-f", "text", "--color", colour])
        out = capsys.readouterr().out
        assert code == 1
        assert "Police said the fire started at 9 p.m." in out
        # auto is off here: stdout is captured, not a terminal.
        assert bool(OWN_SGR.search(out)) is (colour == "always")
        assert "\x1b" not in OWN_SGR.sub("", out) and not ACTIVE.search(OWN_SGR.sub("", out))


def test_cli_json_on_stdout_escapes_what_terminals_act_on(capsys: pytest.CaptureFixture[str]) -> None:
    code = main([str(HOSTILE), str(HOSTILE), "-f", "json"])
    out = capsys.readouterr().out
    assert code == 0
    assert not ACTIVE.search(out)
    assert json.loads(out)["documents"][0]["text"] == HOSTILE.read_text(encoding="utf-8")


@pytest.mark.parametrize("char", ["\x1b", "\x07", "\x08", "\x00", "\x7f", "\x9b", "\u202e", "\u2066"])
def test_inert_placeholders(char: str) -> None:
    shown = inert(f"a{char}b")
    assert shown.startswith("a") and shown.endswith("b") and len(shown) > 2
    assert not ACTIVE.search(shown)


def test_one_line_keeps_messages_on_one_line() -> None:
    assert one_line("a\nb\tc\x1b") == "a\u2424b\u2409c\u241b"


def test_sides_are_both_shown_and_both_inert(pair: Comparison) -> None:
    report = render(pair, "text", palette=Palette())
    for side in Side:
        lines = [line for line in report.splitlines() if f"{side.value.upper()}1 " in line]
        assert lines, f"side {side.value.upper()} is in the report"
        assert not any(ACTIVE.search(line) for line in lines)


def test_colour_codes_survive_wrapping_long_words() -> None:
    a = from_string("The mayor said the supercalifragilisticexpialidociousnesses were over on Tuesday night.")
    b = from_string("The mayor said the troubles were over on Tuesday night.")
    for width in (20, 30, 100):
        report = render(compare(a, b), "text", width=width, palette=Palette.ansi())
        assert "\x1b[1;31m[-" in report
        assert "\x1b" not in OWN_SGR.sub("", report)
        assert "\x01" not in report and "\x02" not in report
