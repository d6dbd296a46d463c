"""Hardening, round two: a file against itself, output that cannot be written, ``-o`` targets, odd
names and settings. Each case fails one way on purpose and must end in a clear result."""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from comparer import cli, safeio
from comparer.cli import main
from comparer.core.compare import compare
from comparer.core.document import from_string, load
from comparer.report import output, render
from comparer.ui.screens.export import ExportRequest, write_report

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
NO_CONTENT = '"Why now?" Mr. John Smith asked.\n\nHe said it was not so.\n\n:\n'


# A file against itself


ARTICLES = sorted(str(p.relative_to(SAMPLES)) for p in SAMPLES.glob("*/*.txt"))
PAIR = ("kremlin-drone/a-kremlin-accuses-ukraine.txt", "kremlin-drone/b-kyiv-denies-involvement.txt")


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


# Output that cannot be written


def _sample_args() -> list[str]:
    return [str(SAMPLES / name) for name in PAIR]


def _subprocess(shell: str, tmp_path: Path) -> subprocess.CompletedProcess[bytes]:
    """``shell`` run by sh with ``$COMPARER`` the installed command, and no NLTK data."""
    empty = tmp_path / "nltk_data"
    empty.mkdir(exist_ok=True)
    env = {**os.environ, "NLTK_DATA": str(empty), "NO_COLOR": "1", "COMPARER": str(_command())}
    return subprocess.run(["sh", "-c", shell], capture_output=True, env=env, timeout=120, check=False)


def _command() -> Path:
    return Path(sys.executable).with_name("comparer")


def _one_error(stderr: str, *needles: str) -> None:
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("comparer: error: "), stderr
    assert all(needle in lines[0] for needle in needles), stderr


class _FullDisk:
    """``os.write`` on a disk with ``room`` bytes left: a short write, then ENOSPC."""

    def __init__(self, room: int) -> None:
        self.room = room
        self.written = 0

    def __call__(self, fd: int, data: bytes) -> int:
        if self.written >= self.room:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        count = min(len(data), self.room - self.written)
        self.written += count
        return count


@pytest.mark.parametrize("fmt", ["json", "text", "markdown"])
def test_full_disk_is_an_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fmt: str
) -> None:
    disk = _FullDisk(room=1024)
    with open(tmp_path / "report", "w", encoding="utf-8") as target:
        monkeypatch.setattr(sys, "stdout", target)
        monkeypatch.setattr(safeio.os, "write", disk)
        code = main([*_sample_args(), "--format", fmt])
    assert code == 2 and disk.written == 1024
    _one_error(capsys.readouterr().err, "standard output", "No space left on device")


def test_a_write_that_writes_nothing_is_an_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    with open(tmp_path / "report", "w", encoding="utf-8") as target:
        monkeypatch.setattr(sys, "stdout", target)
        monkeypatch.setattr(safeio.os, "write", lambda fd, data: 0)
        assert main([*_sample_args(), "--format", "json"]) == 2
    _one_error(capsys.readouterr().err, "standard output")


def test_dev_full(tmp_path: Path) -> None:
    a, b = _sample_args()
    result = _subprocess(f'"$COMPARER" {a} {b} --format json > /dev/full', tmp_path)
    assert result.returncode == 2
    _one_error(result.stderr.decode(), "standard output", "No space left on device")


def test_closed_standard_output(tmp_path: Path) -> None:
    a, b = _sample_args()
    result = _subprocess(f'"$COMPARER" {a} {b} >&-', tmp_path)
    assert result.returncode == 2
    _one_error(result.stderr.decode(), "standard output is closed")
    # With -o, standard output is not needed: the report is written and the status says "differ".
    result = _subprocess(f'cd {tmp_path} && "$COMPARER" {a} {b} -o report.json >&-', tmp_path)
    assert result.returncode == 1, result.stderr
    assert json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["links"]


def test_closed_standard_error_still_reports(tmp_path: Path) -> None:
    a, b = _sample_args()
    result = _subprocess(f'"$COMPARER" {a} {b} --format json 2>&-', tmp_path)
    assert result.returncode == 1 and json.loads(result.stdout)["links"]


def test_the_last_flush_is_checked(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """What is left in standard output's buffer at exit must reach it, or the status says so."""
    with open("/dev/full", "w", encoding="utf-8") as full:
        monkeypatch.setattr(sys, "stdout", full)
        full.write("left in the buffer")
        assert cli._flushed(1) == 2
    _one_error(capsys.readouterr().err, "standard output", "No space left on device")


# -o: nothing left behind, nothing but a file replaced, any name


def _debris(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(".comparer-")]


@pytest.mark.parametrize("failure", [KeyboardInterrupt, SystemExit, MemoryError])
def test_no_temporary_file_after_any_exception(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, failure: type[BaseException]
) -> None:
    def fail(fd: int) -> None:
        raise failure()

    monkeypatch.setattr(output.os, "fsync", fail)
    with pytest.raises(failure):
        output.write_atomic(str(tmp_path / "report.txt"), "a report\n")
    assert _debris(tmp_path) == [] and not (tmp_path / "report.txt").exists()


SIGNAL_MIDWAY = """
import os, signal, sys, time
from comparer import signals
from comparer.report import output
signals.install()
from comparer.cli import run  # registers the cleanup the command uses
number = getattr(signal, sys.argv[2])
def fsync(fd):
    os.kill(os.getpid(), number)
    time.sleep(5)
output.os.fsync = fsync
sys.argv[1:] = [*sys.argv[3:], "-o", sys.argv[1]]
run()
"""


@pytest.mark.parametrize("signal_name", ["SIGINT", "SIGTERM", "SIGHUP"])
def test_no_temporary_file_after_a_signal_while_writing(tmp_path: Path, signal_name: str) -> None:
    target = tmp_path / "report.json"
    result = subprocess.run(
        [sys.executable, "-c", SIGNAL_MIDWAY, str(target), signal_name, *_sample_args()],
        capture_output=True,
        timeout=120,
        check=False,
    )
    number = int(getattr(signal, signal_name))
    assert result.returncode == 128 + number, result.stderr
    assert "Traceback" not in result.stderr.decode()
    assert result.stderr.decode().startswith("comparer: ")
    assert _debris(tmp_path) == [] and not target.exists()


def test_not_a_regular_file_is_never_replaced(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """``-o /dev/null --force`` replaced the device with a file when run as root: a FIFO and a
    link to the null device stand in for it here (a failure of this test harms nothing)."""
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    link = tmp_path / "null"
    link.symlink_to(os.devnull)
    for target in (fifo, link):
        assert main([*_sample_args(), "-o", str(target), "--force"]) == 2
        _one_error(capsys.readouterr().err, "not a regular file")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and link.is_symlink()
    assert _debris(tmp_path) == []


def test_names_that_are_not_utf8(tmp_path: Path) -> None:
    """An input and an output name with a byte that is not UTF-8 (\\xe9, Latin-1 é)."""
    a, b = _sample_args()
    folder = os.fsencode(tmp_path)
    shutil.copy(a, os.path.join(folder, b"caf\xe9.txt"))
    result = _subprocess(
        f'cd {tmp_path} && "$COMPARER" "$(printf \'caf\\351.txt\')" {b} -o "$(printf \'out\\351.md\')"',
        tmp_path,
    )
    assert result.returncode == 1, result.stderr
    memo = Path(os.fsdecode(os.path.join(folder, b"out\xe9.md"))).read_bytes().decode("utf-8")
    assert "caf\ufffd.txt" in memo
    assert [name for name in os.listdir(folder) if name.startswith(b".comparer-")] == []


def test_the_export_writes_a_document_with_an_undecodable_name(tmp_path: Path) -> None:
    """The export dialog's write: a document whose name holds a lone surrogate is still written."""
    text = (SAMPLES / PAIR[0]).read_text(encoding="utf-8")
    comparison = compare(from_string(text, "caf\udce9.txt"), from_string(text, "b\ud800.txt"))
    for fmt in ("text", "json", "markdown"):
        path = tmp_path / f"report-\udce9.{fmt}"
        write_report(comparison, ExportRequest(fmt, str(path)), force=False)
        assert path.read_bytes().decode("utf-8")
    assert _debris(tmp_path) == []


def test_load_shows_an_undecodable_name_as_text(tmp_path: Path) -> None:
    raw = os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt")
    with open(raw, "w", encoding="utf-8") as handle:
        handle.write("A sentence.\n")
    assert load(os.fsdecode(raw)).name == "caf\ufffd.txt"


# Settings and names


def test_huge_max_size(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*_sample_args(), "--max-size", "1e308", "--format", "json"]) == 1
    assert "Traceback" not in capsys.readouterr().err


def test_a_newline_in_a_file_name_cannot_fake_report_rows(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    crafted = tmp_path / "a.txt\nB: fake.txt\n=   A1  fake row"
    shutil.copy(_sample_args()[0], crafted)
    assert main([str(crafted), _sample_args()[1]]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("A: ") and lines[0].endswith("a.txt\u2424B: fake.txt\u2424=   A1  fake row")
    assert lines[1].startswith("B: ") and lines[1].endswith(PAIR[1].split("/")[-1])
    assert not any(line.startswith("=   A1  fake row") for line in lines)


# The Markdown memo is inert when pasted

LIVE = "See &lt;script&gt; and &amp; at http://example.com/a_b, WWW.example.org or a.b@example.com."


def test_markdown_keeps_entities_as_text() -> None:
    document = from_string(f"{LIVE}\n", "live.txt")
    memo = render(compare(document, from_string("Something else entirely.\n", "b.txt")), "markdown")
    assert r"\&lt;script\&gt;" in memo and r"\&amp;" in memo
    html = MarkdownIt("commonmark").render(memo)
    assert "&amp;lt;script&amp;gt;" in html and "<script>" not in html


def test_markdown_has_no_bare_links() -> None:
    memo = render(compare(from_string(LIVE, "a.txt"), from_string("Other text.", "b.txt")), "markdown")
    assert not re.search(r"(?<!\\)(://|@)", memo) and "www." not in memo.lower()
    assert r"http\://example.com/a\_b" in memo and r"WWW\.example.org" in memo and r"a.b\@example.com" in memo
