"""The command line end to end: formats, exit codes, output and options; bad and unusual inputs
have their home in test_bad_input.py."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from comparer.cli import DEFAULT_WIDTH, main
from tests.conftest import SAMPLE_A, SAMPLE_B

A, B = str(SAMPLE_A), str(SAMPLE_B)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_format_carries_the_documented_fields(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, A, B, "--format", "json")
    assert code == 1 and err == ""
    data = json.loads(out)
    assert data["format_version"] == 1
    assert [d["text"] for d in data["documents"]] == [
        SAMPLE_A.read_text("utf-8"),
        SAMPLE_B.read_text("utf-8"),
    ]
    assert data["documents"][0]["source"] == A
    for doc in data["documents"]:
        for k, s in enumerate(doc["sentences"]):
            assert s["index"] == k and doc["text"][s["start"] : s["end"]] == s["text"]
            assert isinstance(s["boilerplate"], bool)
    for link in data["links"]:
        assert link["kind"] in ("same", "partial") and 0 < link["score"] <= 1
        assert link["a"] and link["b"]
        for span in link["only_a"]:
            assert data["documents"][0]["text"][span["start"] : span["end"]] == span["text"]
    sheremet = next(s["index"] for s in data["documents"][0]["sentences"] if "Sheremet" in s["text"])
    podolyak = next(s["index"] for s in data["documents"][1]["sentences"] if "Podolyak" in s["text"])
    assert sheremet in data["only_in_a"] and podolyak in data["only_in_b"]
    assert {"only_in_a", "only_in_b", "shared"} <= set(data["details"])
    assert data["summary"]["links"] == len(data["links"])
    assert 0 < data["summary"]["coverage_a"] < 1


def test_text_report_without_colour_has_markers_and_no_escapes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, A, B, "--format", "text")
    assert code == 1
    assert "\x1b" not in out
    sheremet = next(line for line in out.splitlines() if "Sheremet" in line and line[:1] in "-+=~. ")
    assert sheremet.startswith("-")
    podolyak = next(line for line in out.splitlines() if "Mykhailo Podolyak," in line)
    assert podolyak.startswith("+")
    assert "[-" in out and "{+" in out  # differing words marked without colour


def test_colour_only_when_asked_or_on_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, A, B, "--format", "text", "--color", "always")
    assert "\x1b[" in out
    _, out, _ = run(capsys, A, B, "--format", "text", "--color", "auto")
    assert "\x1b" not in out  # captured output is not a terminal


def test_no_color_wins_over_a_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    _, out, _ = run(capsys, A, B, "--format", "text")
    assert "\x1b" not in out


def test_an_empty_no_color_leaves_colour_on(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """no-color.org: NO_COLOR counts only when set and not empty."""
    monkeypatch.setenv("NO_COLOR", "")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    _, out, _ = run(capsys, A, B, "--format", "text")
    assert "\x1b[" in out


def test_a_dumb_terminal_gets_the_text_report(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """TERM=dumb cannot draw the review screen: the text report instead, and one line saying why."""
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    code, out, err = run(capsys, A, B, "--color", "never")
    assert code == 1 and out.startswith("A: ") and "Sheremet" in out
    assert err.startswith("comparer: this terminal (TERM=dumb) cannot draw the review screen")
    assert err.count("\n") == 1


def test_an_unknown_theme_is_one_error_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, A, B, "--theme", "no-such-theme")
    assert code == 2 and out == ""
    assert err.startswith("comparer: error: --theme: no theme 'no-such-theme'; choose from ")
    assert "textual-light" in err and err.count("\n") == 1


def test_markdown_memo(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, A, B, "--format", "markdown")
    assert code == 1
    assert out.startswith("# Comparison:")
    only_a = out.index("## Only in A")
    only_b = out.index("## Only in B")
    linked = out.index("## Linked sentences")
    assert only_a < only_b < linked
    assert "Sheremet" in out[only_a:only_b] and "Podolyak" in out[only_b:linked]
    assert "**" in out[linked:]


def test_no_format_and_not_a_terminal_prints_the_text_report(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, A, B)
    assert code == 1 and out.startswith("A: ")


def test_output_file_is_written_and_never_overwritten_silently(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "memo.md"
    code, out, _ = run(capsys, A, B, "--format", "markdown", "-o", str(target))
    assert code == 1 and out == ""
    first = target.read_text("utf-8")
    assert first.startswith("# Comparison:")
    target.write_text("mine", "utf-8")
    code, _, err = run(capsys, A, B, "--format", "markdown", "-o", str(target))
    assert code == 2 and err.startswith("comparer: error:") and "--force" in err
    assert target.read_text("utf-8") == "mine"
    code, _, _ = run(capsys, A, B, "--format", "markdown", "-o", str(target), "--force")
    assert code == 1 and target.read_text("utf-8") == first
    assert [p.name for p in tmp_path.iterdir()] == ["memo.md"]


@pytest.mark.parametrize(
    ("name", "fmt", "starts"),
    [
        ("memo.md", None, "# Comparison:"),
        ("memo.MARKDOWN", None, "# Comparison:"),
        ("data.json", None, "{"),
        ("plain.txt", None, "A: "),
        ("report", None, "A: "),  # no extension: text
        ("memo.html", None, "<!DOCTYPE html>"),
        ("memo.HTM", None, "<!DOCTYPE html>"),
        ("forced.md", "text", "A: "),  # a format named outright wins over the extension
        ("report.out", "json", "{"),
    ],
)
def test_output_format_follows_the_extension_unless_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, fmt: str | None, starts: str
) -> None:
    target = tmp_path / name
    code, out, _ = run(capsys, A, B, "-o", str(target), *(["--format", fmt] if fmt else []))
    assert code == 1 and out == ""
    assert target.read_text("utf-8").startswith(starts)


def test_an_output_extension_that_names_no_format_is_refused_before_any_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, A, str(tmp_path / "missing.txt"), "-o", str(tmp_path / "report.out"))
    # The output name is judged before the inputs are read: the missing input is not mentioned.
    assert code == 2 and out == "" and "missing" not in err
    assert err.startswith("comparer: error: ") and err.count("\n") == 1
    for ext in (".txt", ".json", ".md", ".html"):
        assert ext in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("fmt", "starts"), [(None, "A: "), ("html", "<!DOCTYPE html>"), ("json", "{")])
def test_dash_output_is_standard_output(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    fmt: str | None,
    starts: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, A, B, "-o", "-", *(["--format", fmt] if fmt else []))
    assert code == 1 and out.startswith(starts)
    assert list(tmp_path.iterdir()) == []  # no file named "-"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([A, B, "--format", "pdf"], "invalid choice"),
        ([A], "required"),
        ([A, B, "--threshold", "nan"], "not between -1 and 1"),
        ([A, B, "--threshold", "5"], "not between -1 and 1"),
        ([A, B, "--threshold", "lots"], "not a number"),
        ([A, B, "--width", "0"], "narrower than 20"),
        ([A, B, "--width", "-5"], "narrower than 20"),
        ([A, B, "--width", "wide"], "not a whole number"),
    ],
)
def test_user_errors_give_one_line_and_exit_2(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("comparer: error:") and message in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_utf16_with_bom_and_crlf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wide = tmp_path / "wide.txt"
    wide.write_bytes(SAMPLE_A.read_text("utf-8").replace("\n", "\r\n").encode("utf-16"))
    code, out, _ = run(capsys, str(wide), A, "--format", "json")
    assert code == 0, "the same article in another encoding carries the same information"
    assert json.loads(out)["documents"][0]["text"] == SAMPLE_A.read_text("utf-8")


def test_an_empty_document_is_said_to_have_no_story_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Its JSON (everything only in the other) is tested with the other inputs in test_bad_input."""
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    _, text, _ = run(capsys, str(empty), B, "--format", "text")
    assert "A has no story text · B covered 0% by A" in text and "100%" not in text
    _, memo, _ = run(capsys, str(empty), B, "--format", "markdown")
    assert "| covered by the other | has no story text | 0% |" in memo


def test_installed_command_runs_as_a_module_and_script() -> None:
    env = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "comparer", A, B, "--format", "text"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 1 and "Sheremet" in done.stdout and done.stderr == ""


def test_the_command_leaves_at_once_yet_flushes_and_runs_exit_handlers() -> None:
    """cli.run ends with os._exit (no freeing of the heap): nothing written may be lost."""
    script = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('exit handler ran', file=sys.stderr))\n"
        f"sys.argv = ['comparer', {A!r}, {B!r}, '--format', 'json']\n"
        "from comparer.cli import run\n"
        "run()\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert done.returncode == 1, done.stderr
    assert json.loads(done.stdout)["format_version"] == 1
    assert done.stderr == "exit handler ran\n"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_on_a_terminal_and_is_erased(monkeypatch: pytest.MonkeyPatch) -> None:
    from comparer import cli

    monkeypatch.setattr(cli._ProgressLine, "DELAY", 0.0)
    terminal = _Terminal()
    with cli._ProgressLine(terminal) as progress:
        progress("scoring sentence pairs", 0.45)
        progress("scoring sentence pairs", 0.45)  # the same text is not written again
        progress("finding details", 1.0)
    written = terminal.getvalue()
    assert written.count("comparer: scoring sentence pairs, 45%") == 1
    assert "comparer: finding details, 100%" in written
    assert written.endswith("\r\x1b[K"), "the line is erased when the comparison is done"


def test_no_progress_when_standard_error_is_not_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from comparer import cli

    monkeypatch.setattr(cli._ProgressLine, "DELAY", 0.0)
    log = io.StringIO()
    with cli._ProgressLine(log) as progress:
        progress("scoring sentence pairs", 0.5)
    assert log.getvalue() == ""


def test_a_report_file_gets_ordinary_permissions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ordinary = tmp_path / "ordinary.txt"
    ordinary.write_text("x", "utf-8")
    report = tmp_path / "memo.md"
    assert main([A, B, "-f", "markdown", "-o", str(report)]) == 1
    assert report.stat().st_mode & 0o777 == ordinary.stat().st_mode & 0o777
    report.chmod(0o640)
    assert main([A, B, "-f", "markdown", "-o", str(report), "--force"]) == 1
    assert report.stat().st_mode & 0o777 == 0o640, "a replaced file keeps its mode"


def test_a_report_file_is_not_wrapped_at_the_terminal_width(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(sys, "stdout", _Terminal())
    monkeypatch.setattr(shutil, "get_terminal_size", lambda fallback=(80, 24): os.terminal_size((40, 24)))
    assert main([A, B, "-o", str(tmp_path / "file.txt")]) == 1
    assert main([A, B, "-o", str(tmp_path / "default.txt"), "--width", str(DEFAULT_WIDTH)]) == 1
    assert (tmp_path / "file.txt").read_text() == (tmp_path / "default.txt").read_text()
    assert main([A, B, "-o", str(tmp_path / "narrow.txt"), "--width", "40"]) == 1
    assert (tmp_path / "narrow.txt").read_text() != (tmp_path / "file.txt").read_text(), "40 is narrower"


def test_a_reader_that_goes_away_changes_neither_the_answer_nor_the_quiet() -> None:
    """``comparer a a | head -1``: the same article twice still exits 0, with nothing on stderr."""
    for a, b, expected in ((A, A, 0), (A, B, 1)):
        process = subprocess.Popen(
            [sys.executable, "-m", "comparer", a, b, "--format", "text"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()  # before the report is written: the write meets a broken pipe
        error = process.stderr.read()
        assert process.wait(60) == expected and error == b""


def test_ctrl_c_while_textual_imports_is_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """On Python 3.11 a Ctrl+C landing in a class body's ``__set_name__`` comes as a RuntimeError
    caused by the KeyboardInterrupt (seen in tmux: a traceback, exit status 1)."""
    import types

    from comparer.ui import early

    class Interrupted(types.ModuleType):
        def __getattr__(self, name: str) -> object:
            try:
                raise KeyboardInterrupt
            except KeyboardInterrupt as interrupt:
                raise RuntimeError("Error calling __set_name__ on 'Reactive' instance") from interrupt

    monkeypatch.setitem(sys.modules, "comparer.ui.app", Interrupted("comparer.ui.app"))
    monkeypatch.setattr(early.EarlyComparison, "start", classmethod(lambda cls, *args: None))
    for stream in (sys.stdin, sys.stdout):
        monkeypatch.setattr(stream, "isatty", lambda: True)
    code, _, err = run(capsys, A, B)
    assert code == 130 and err == "comparer: interrupted\n"


@pytest.mark.parametrize("option", [("--format", "html"), ("-o", "memo.html")])
def test_the_html_report_is_for_two_articles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: tuple[str, str]
) -> None:
    code, out, err = run(capsys, A, B, str(tmp_path / "c.txt"), *option)
    assert code == 2 and out == ""
    assert err.startswith("comparer: error: the html report compares two articles; with three or more use")


def test_json_is_one_line_off_a_terminal_and_indented_with_indent(tmp_path: Path) -> None:
    """The JSON report is one line (CPython's C encoder) unless --indent asks otherwise; same data."""
    compact, indented = tmp_path / "one.json", tmp_path / "two.json"
    samples = [str(SAMPLE_A), str(SAMPLE_B)]
    assert main([*samples, "--lexical", "-o", str(compact)]) in (0, 1)
    assert main([*samples, "--lexical", "--indent", "2", "-o", str(indented)]) in (0, 1)
    one, two = compact.read_text("utf-8"), indented.read_text("utf-8")
    assert one.count("\n") == 1 and one.endswith("}\n")
    assert two.startswith('{\n  "format": "comparer"')
    assert json.loads(one) == json.loads(two)
    assert main([*samples, "--indent", "9", "--format", "json"]) == 2


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
def test_every_report_records_its_settings(capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    """The threshold and the alignment (by words only here, as asked) are in every report."""
    _, out, _ = run(capsys, A, B, "--format", fmt, "--lexical", "--threshold", "0.1")
    if fmt == "json":
        settings = json.loads(out)["settings"]
        assert settings["threshold"] == 0.1 and settings["alignment"] == "lexical"
    else:
        assert "Settings: threshold +0.10 · aligned by words only (as asked)" in out


def test_a_report_says_it_was_aligned_by_meaning(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, A, B, "--format", "text")
    assert "Settings: threshold +0.00 · aligned by meaning and words (all-MiniLM-L6-v2" in out
