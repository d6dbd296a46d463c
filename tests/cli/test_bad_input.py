"""The bad-input matrix: each bad input gives a correct result, or one error line and exit code 2."""

from __future__ import annotations

import codecs
import errno
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from comparer.cli import main
from comparer.core.document import DEFAULT_MAX_BYTES, load
from comparer.report import output

STORY = (
    "Firefighters battled a blaze at the old mill on Tuesday. "
    "Fire chief Anna Berg said 40 people were evacuated. "
    "Nobody was hurt, officials said.\n"
)
OTHER = "Firefighters battled a blaze at the old mill on Tuesday. Mayor Tom Reyes thanked the crews.\n"
MB = 1024 * 1024


def _assert_one_error(stderr: str, *needles: str) -> str:
    """Exactly one ``comparer: error:`` line, no traceback, and every line comparer's own."""
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    errors = [line for line in lines if line.startswith("comparer: error: ")]
    assert len(errors) == 1, stderr
    assert all(line.startswith("comparer: ") for line in lines), stderr
    assert "\x1b" not in stderr
    for needle in needles:
        assert needle in errors[0]
    return errors[0]


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the CLI in-process; usage errors leave argparse through SystemExit, which counts too."""
    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, Any], str]:
    code, out, err = _run(capsys, *argv, "--format", "json")
    assert code in (0, 1), err
    return code, json.loads(out), err


@pytest.fixture
def story(tmp_path: Path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _command() -> list[str]:
    script = Path(sys.executable).with_name("comparer")
    return [str(script)] if script.exists() else [sys.executable, "-m", "comparer"]


def _subprocess(
    args: list[str], tmp_path: Path, stdin: bytes | None = None, **env: str
) -> subprocess.CompletedProcess[bytes]:
    empty = tmp_path / "nltk_data"
    empty.mkdir(exist_ok=True)
    environment = {**os.environ, "NLTK_DATA": str(empty), "NO_COLOR": "1", **env}
    return subprocess.run(
        [*_command(), *args],
        input=stdin,
        capture_output=True,
        env=environment,
        timeout=120,
        check=False,
    )


# Missing, directory, unreadable


def test_missing_file(capsys: pytest.CaptureFixture[str], story: Path, tmp_path: Path) -> None:
    code, out, err = _run(capsys, str(tmp_path / "nope.txt"), str(story), "-f", "text")
    assert code == 2 and out == ""
    _assert_one_error(err, "nope.txt", "no such file")


def test_directory(capsys: pytest.CaptureFixture[str], story: Path, tmp_path: Path) -> None:
    code, _, err = _run(capsys, str(story), str(tmp_path), "-f", "text")
    assert code == 2
    _assert_one_error(err, "is a directory")


@pytest.fixture
def unreadable(tmp_path: Path) -> str:
    """A path that exists but cannot be opened for reading, even when the tests run as root."""
    path = tmp_path / "secret.txt"
    path.write_text(STORY, encoding="utf-8")
    path.chmod(0)
    candidates = [str(path), "/proc/sys/vm/compact_memory"]  # write-only even for root
    for candidate in candidates:
        try:
            with open(candidate, "rb") as handle:
                handle.read(1)
        except PermissionError:
            return candidate
        except OSError:
            continue
    pytest.skip("no path here is unreadable to this user")


def test_no_permission(capsys: pytest.CaptureFixture[str], story: Path, unreadable: str) -> None:
    code, _, err = _run(capsys, unreadable, str(story), "-f", "text")
    assert code == 2
    _assert_one_error(err, unreadable, "permission denied")


def test_read_error_midway_is_one_line(
    capsys: pytest.CaptureFixture[str], story: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing_read(*_: object) -> bytes:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr("comparer.core.document._read_limited", failing_read)
    code, _, err = _run(capsys, str(story), str(story), "-f", "text")
    assert code == 2
    _assert_one_error(err, "cannot be read", "Input/output error")


# Binary and encodings


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        b"plain text with one \x00 in it",
        bytes(range(1, 32)) * 40 + b"\xff\xfe\x80",  # no NUL, not UTF-8, all control bytes
    ],
    ids=["png", "nul-in-text", "control-bytes"],
)
def test_binary_file(capsys: pytest.CaptureFixture[str], story: Path, tmp_path: Path, data: bytes) -> None:
    path = _write(tmp_path, "blob.bin", data)
    code, out, err = _run(capsys, str(path), str(story), "-f", "text")
    assert code == 2 and out == ""
    _assert_one_error(err, "blob.bin", "binary")


def test_invalid_utf8_falls_back_to_cp1252(
    capsys: pytest.CaptureFixture[str], story: Path, tmp_path: Path
) -> None:
    text = "Caf\u00e9 owner Ren\u00e9e said \u201cwe lost \u20ac40,000\u201d in the fire."
    path = _write(tmp_path, "latin.txt", text.encode("cp1252"))
    _, report, err = _json(capsys, str(path), str(story))
    document = report["documents"][0]
    assert document["text"] == text
    assert document["encoding"] == "cp1252"
    assert "Traceback" not in err
    warnings = err.splitlines()
    assert warnings == [
        f"comparer: warning: {path}: not valid UTF-8 (first bad byte at offset 3); read as cp1252"
    ]


def test_cp1252_undefined_bytes_are_kept(
    capsys: pytest.CaptureFixture[str], story: Path, tmp_path: Path
) -> None:
    path = _write(tmp_path, "odd.txt", b"Bytes \x81 and \x9d stay. Caf\xe9.")
    _, report, _ = _json(capsys, str(path), str(story))
    assert report["documents"][0]["text"] == "Bytes \x81 and \x9d stay. Caf\u00e9."


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be-bom", "utf-32", "utf-8-sig"])
def test_unicode_with_bom(
    capsys: pytest.CaptureFixture[str], story: Path, tmp_path: Path, codec: str
) -> None:
    text = (
        "Fire at the mill \u2014 \u00abno one hurt\u00bb, says chief \u0391\u03bd\u03bd\u03b1. \U0001f692\n"
    )
    data = codecs.BOM_UTF16_BE + text.encode("utf-16-be") if codec == "utf-16-be-bom" else text.encode(codec)
    path = _write(tmp_path, "wide.txt", data)
    _, report, err = _json(capsys, str(path), str(story))
    assert report["documents"][0]["text"] == text
    assert err == ""


def test_utf16_without_bom_is_read_with_a_warning(
    capsys: pytest.CaptureFixture[str], story: Path, tmp_path: Path
) -> None:
    path = _write(tmp_path, "nobom.txt", STORY.encode("utf-16-le"))
    code, report, err = _json(capsys, str(path), str(story))
    assert report["documents"][0]["text"] == STORY
    assert code == 0
    assert err.startswith(f"comparer: warning: {path}: no byte-order mark") and err.count("\n") == 1


def test_utf16_bom_with_broken_body(capsys: pytest.CaptureFixture[str], story: Path, tmp_path: Path) -> None:
    path = _write(tmp_path, "broken.txt", codecs.BOM_UTF16_LE + "ok".encode("utf-16-le") + b"\x00\xd8")
    code, _, err = _run(capsys, str(path), str(story))
    assert code == 2
    _assert_one_error(err, "broken.txt", "UTF-16")


# Empty, tiny


def test_empty_file(capsys: pytest.CaptureFixture[str], story: Path, tmp_path: Path) -> None:
    empty = _write(tmp_path, "empty.txt", b"")
    code, report, err = _json(capsys, str(empty), str(story))
    assert code == 1
    assert report["documents"][0]["sentences"] == []
    assert report["only_in_b"] == [s["index"] for s in report["documents"][1]["sentences"]]
    assert err == "comparer: warning: " + str(empty) + ": is empty (no text to compare)\n"


def test_two_empty_files_are_the_same(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    a, b = _write(tmp_path, "a.txt", b""), _write(tmp_path, "b.txt", b"\n  \n")
    code, out, _ = _run(capsys, str(a), str(b), "-f", "text")
    assert code == 0
    assert "0 linked" in out


@pytest.mark.parametrize(
    ("data", "text"),
    [(b"x", "x"), (b".", "."), (b"\xff", "\u00ff"), (b"\n", "\n")],
    ids=["x", "dot", "ff", "lf"],
)
def test_one_byte(
    capsys: pytest.CaptureFixture[str], story: Path, tmp_path: Path, data: bytes, text: str
) -> None:
    path = _write(tmp_path, "one.txt", data)
    _, report, _ = _json(capsys, str(path), str(story))
    document = report["documents"][0]
    assert document["text"] == text
    assert [s["text"] for s in document["sentences"]] == ([text] if text.strip() else [])


# Size limits


def test_50_mb_file_is_refused_naming_the_limit(
    capsys: pytest.CaptureFixture[str], story: Path, tmp_path: Path
) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.write(STORY.encode() * (50 * MB // len(STORY) + 1))
    code, out, err = _run(capsys, str(big), str(story), "-f", "text")
    assert code == 2 and out == ""
    _assert_one_error(err, "big.txt", "limit of 20 MB", "--max-size")
    # Raising the limit lets the reader take all 50 MB (comparing that much is left to the user).
    document = load(str(big), max_bytes=60 * MB)
    assert len(document.text) == big.stat().st_size
    assert document.text.startswith(STORY)


def test_raised_limit_compares(capsys: pytest.CaptureFixture[str], story: Path, tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(STORY * (150 * 1024 // len(STORY)), encoding="utf-8")
    code, _, err = _run(capsys, str(path), str(story), "-f", "json", "--max-size", "0.1")
    assert code == 2
    _assert_one_error(err, "limit of 0.1 MB", "--max-size")
    code, out, err = _run(capsys, str(path), str(story), "-f", "json", "--max-size", "0.2")
    assert code == 1, err
    assert json.loads(out)["documents"][0]["text"] == path.read_text(encoding="utf-8")


def test_huge_limit_does_not_allocate_it(capsys: pytest.CaptureFixture[str], story: Path) -> None:
    code, _, err = _run(capsys, str(story), str(story), "-f", "text", "--max-size", "100000000")
    assert code == 0, err


@pytest.mark.parametrize("value", ["0", "-1", "nan", "inf", "lots"])
def test_bad_max_size(capsys: pytest.CaptureFixture[str], story: Path, value: str) -> None:
    code, _, err = _run(capsys, str(story), str(story), f"--max-size={value}")
    assert code == 2
    _assert_one_error(err, "--max-size")


def test_default_limit_is_20_mb() -> None:
    assert DEFAULT_MAX_BYTES == 20 * MB


# Same file, standard input


def test_same_file_twice(capsys: pytest.CaptureFixture[str], story: Path) -> None:
    code, report, _ = _json(capsys, str(story), str(story))
    assert code == 0
    assert report["summary"]["same_information"] is True
    assert report["only_in_a"] == report["only_in_b"] == []
    assert all(link["kind"] == "same" and link["a"] == link["b"] for link in report["links"])


def test_both_inputs_stdin(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "-", "-", "-f", "text")
    assert code == 2 and out == ""
    _assert_one_error(err, "standard input")


def test_stdin_as_one_input(tmp_path: Path, story: Path) -> None:
    result = _subprocess(["-", str(story), "-f", "json"], tmp_path, stdin=OTHER.encode())
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["documents"][0]["source"] == "<stdin>"
    assert report["documents"][0]["text"] == OTHER
    assert len(report["links"]) == 1


def test_both_stdin_installed_command(tmp_path: Path) -> None:
    result = _subprocess(["-", "-"], tmp_path, stdin=STORY.encode())
    assert result.returncode == 2
    _assert_one_error(result.stderr.decode(), "standard input")


def test_oversize_stdin_is_refused(tmp_path: Path, story: Path) -> None:
    result = _subprocess(["-", str(story), "-f", "text", "--max-size", "1"], tmp_path, stdin=b"word " * MB)
    assert result.returncode == 2 and result.stdout == b""
    _assert_one_error(result.stderr.decode(), "<stdin>", "limit of 1 MB", "--max-size")


def test_closed_stdin(tmp_path: Path, story: Path) -> None:
    command = " ".join(f"'{part}'" for part in [*_command(), "-", str(story), "-f", "text"])
    result = subprocess.run(["sh", "-c", f"{command} <&-"], capture_output=True, timeout=120, check=False)
    assert result.returncode == 2
    _assert_one_error(result.stderr.decode(), "<stdin>")


# Hostile names and terminals that cannot show everything


def test_hostile_file_name_cannot_reach_the_terminal(
    capsys: pytest.CaptureFixture[str], story: Path, tmp_path: Path
) -> None:
    name = str(tmp_path / "\x1b]0;pwned\x07\x1b[2J\nsecond-line.txt")
    code, _, err = _run(capsys, name, str(story))
    assert code == 2
    line = _assert_one_error(err, "no such file", "\u241b]0;pwned\u2407")
    assert err == line + "\n"


def test_hostile_option_value(capsys: pytest.CaptureFixture[str], story: Path) -> None:
    code, _, err = _run(capsys, str(story), str(story), "--threshold", "\x1b[31mred")
    assert code == 2
    _assert_one_error(err, "--threshold", "is not a number")


def test_ascii_terminal(tmp_path: Path) -> None:
    a = _write(tmp_path, "a.txt", "Caf\u00e9 \u201cLe Moulin\u201d burned down on Tuesday.\n".encode())
    b = _write(tmp_path, "b.txt", b"The cafe burned down on Tuesday.\n")
    for fmt in ("text", "markdown", "json"):
        result = _subprocess([str(a), str(b), "-f", fmt], tmp_path, PYTHONIOENCODING="ascii")
        assert result.returncode == 1, result.stderr
        assert result.stderr == b""
        result.stdout.decode("ascii")
    assert json.loads(result.stdout)["documents"][0]["text"] == a.read_text(encoding="utf-8")


# Exports with -o


def test_output_written_whole(capsys: pytest.CaptureFixture[str], story: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    code, out, _ = _run(capsys, str(story), str(story), "-f", "json", "-o", str(target))
    assert code == 0 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["same_information"] is True
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json", "story.txt"]


def test_output_refuses_to_overwrite(capsys: pytest.CaptureFixture[str], story: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    target.write_text("keep me", encoding="utf-8")
    code, _, err = _run(capsys, str(story), str(story), "-o", str(target))
    assert code == 2
    _assert_one_error(err, "already exists", "--force")
    assert target.read_text(encoding="utf-8") == "keep me"
    code, _, _ = _run(capsys, str(story), str(story), "-o", str(target), "--force")
    assert code == 0
    assert target.read_text(encoding="utf-8").startswith("A: ")


@pytest.mark.parametrize("where", ["missing-folder", "a-file", "proc"])
def test_output_write_error(
    capsys: pytest.CaptureFixture[str], story: Path, tmp_path: Path, where: str
) -> None:
    target = {
        "missing-folder": tmp_path / "no" / "such" / "report.txt",
        "a-file": story / "report.txt",
        "proc": Path("/proc/comparer-report.txt"),  # a filesystem nobody may create files in
    }[where]
    if where == "proc" and not Path("/proc/self").exists():
        pytest.skip("no /proc here")
    before = sorted(tmp_path.rglob("*"))
    code, out, err = _run(capsys, str(story), str(story), "-o", str(target))
    assert code == 2 and out == ""
    _assert_one_error(err, str(target), "cannot write")
    assert not target.exists()
    assert sorted(tmp_path.rglob("*")) == before


def test_output_read_only_folder(
    capsys: pytest.CaptureFixture[str], story: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    if os.access(folder, os.W_OK):
        # root writes into read-only folders; make the kernel's answer for others happen here too.
        def denied(*_: object, **__: object) -> tuple[int, str]:
            raise PermissionError(errno.EACCES, "Permission denied")

        monkeypatch.setattr(output.tempfile, "mkstemp", denied)
    try:
        code, _, err = _run(capsys, str(story), str(story), "-o", str(folder / "r.txt"))
        assert code == 2
        _assert_one_error(err, "cannot write", "Permission denied")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_output_failure_midway_leaves_nothing(
    capsys: pytest.CaptureFixture[str],
    story: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    failing: str,
) -> None:
    def disk_full(*_: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(output.os, failing, disk_full)
    target = tmp_path / "out" / "report.md"
    target.parent.mkdir()
    code, _, err = _run(capsys, str(story), str(story), "-f", "markdown", "-o", str(target))
    assert code == 2
    _assert_one_error(err, "No space left on device")
    assert list(target.parent.iterdir()) == []


def test_output_to_a_directory(capsys: pytest.CaptureFixture[str], story: Path, tmp_path: Path) -> None:
    code, _, err = _run(capsys, str(story), str(story), "-o", str(tmp_path), "--force")
    assert code == 2
    _assert_one_error(err, "is a directory")
