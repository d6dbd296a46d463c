"""End to end: the installed ``comparer`` command on the samples, in a real terminal (tmux)."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import edited_a

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_A = ROOT / "samples" / "kremlin-drone" / "a-kremlin-accuses-ukraine.txt"
SAMPLE_B = ROOT / "samples" / "kremlin-drone" / "b-kyiv-denies-involvement.txt"
WAIT = 20.0
"""Seconds to wait for something to appear on screen: a generous limit, not a timing check."""


def comparer_command() -> Path:
    command = Path(sys.executable).parent / "comparer"
    assert command.exists(), f"the comparer command is not installed next to {sys.executable}"
    return command


SOCKET = f"comparer-tests-{os.getpid()}"
"""This test run's own tmux server (``tmux -L``): a user's sessions, or another test run's
``kill-server``, can neither disturb these tests nor be disturbed by them."""


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", "-L", SOCKET, *args], check=True, capture_output=True, text=True).stdout


def wait_for(check: Callable[[], bool], what: str, screen: Callable[[], str] | None = None) -> None:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    shown = f"; the screen:\n{screen()}" if screen is not None else ""
    raise AssertionError(f"timed out waiting for {what}{shown}")


def row_block(screen: str, fragment: str) -> str:
    """The lines of the view's row that shows ``fragment``.

    A row starts at a line with a marker in the gutter (the cursor ``▶`` or a space, then one of
    ``= ~ - + · !``) and ends at the blank line after it.
    """
    lines = screen.splitlines()
    hits = [n for n, line in enumerate(lines) if fragment in line]
    assert hits, f"{fragment!r} is not on screen:\n{screen}"

    def starts_row(line: str) -> bool:
        return len(line) > 2 and line[0] in " ▶" and line[1] in "=~-+·!" and line[2] == " "

    first = hits[0]
    while first > 0 and not starts_row(lines[first]):
        first -= 1
    last = hits[0]
    while last + 1 < len(lines) and lines[last + 1].strip(" │▏▕▌▐▁▂▃▄▅▆▇█"):
        last += 1
    assert starts_row(lines[first]), f"no row start above {fragment!r}:\n{screen}"
    return "\n".join(lines[first : last + 1])


def our_python_path() -> str:
    """Shell words giving a tmux session this process's PYTHONPATH.

    A session takes its environment from the tmux server, which keeps that of whoever started it:
    with several checkouts on one machine, the PYTHONPATH of another checkout, whose code the
    command would then run instead of this one's.
    """
    value = os.environ.get("PYTHONPATH")
    return f"export PYTHONPATH={shlex.quote(value)};" if value else "unset PYTHONPATH;"


class Terminal:
    """A command running in a tmux session of a given size: read its screen, send it keys."""

    def __init__(self, command: str, width: int, height: int) -> None:
        if shutil.which("tmux") is None:
            pytest.fail(
                "tmux is not installed; the end-to-end test needs it (.ci/run installs it with apt-get)"
            )
        self.session = f"comparer-e2e-{uuid.uuid4().hex[:8]}"
        env = {**os.environ, "TERM": "xterm-256color"}
        env.pop("NO_COLOR", None)
        env.pop("TMUX", None)
        shell = f"{our_python_path()} {command}"
        subprocess.run(
            [
                "tmux",
                "-L",
                SOCKET,
                "new-session",
                "-d",
                "-s",
                self.session,
                "-x",
                str(width),
                "-y",
                str(height),
                shell,
            ],
            check=True,
            env=env,
        )

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc: object) -> None:
        subprocess.run(["tmux", "-L", SOCKET, "kill-session", "-t", self.session], capture_output=True)

    def screen(self) -> str:
        return tmux("capture-pane", "-p", "-t", self.session)

    def keys(self, *keys: str) -> None:
        """Named keys, all in one write to the terminal."""
        tmux("send-keys", "-t", self.session, *keys)

    def type(self, text: str) -> None:
        tmux("send-keys", "-t", self.session, "-l", text)

    def wait_for(self, check: Callable[[], bool], what: str) -> None:
        wait_for(check, what, self.screen)


def comparer_in(tmp_path: Path, arguments: str) -> tuple[str, Path]:
    """A shell command running the installed comparer with no NLTK data, and its exit-status file."""
    status = tmp_path / "status"
    empty_nltk = tmp_path / "nltk_data"
    empty_nltk.mkdir(exist_ok=True)
    command = (
        f"cd {shlex.quote(str(tmp_path))} && NLTK_DATA={shlex.quote(str(empty_nltk))} "
        f"XDG_CONFIG_HOME={shlex.quote(str(tmp_path / 'config'))} "
        f"{shlex.quote(str(comparer_command()))} {arguments}; echo EXIT=$? > {shlex.quote(str(status))}"
    )
    return command, status


def exited(status: Path) -> bool:
    return status.exists() and status.read_text().strip() != ""


SAMPLES = f"{shlex.quote(str(SAMPLE_A))} {shlex.quote(str(SAMPLE_B))} --lexical"
"""The sample pair by words only: the rows these tests read do not move when the meaning-aware
alignment comes (``test_the_meaning_aware_alignment_replaces_the_one_by_words`` watches that)."""


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
def test_installed_comparer_in_tmux(size: tuple[int, int], tmp_path: Path) -> None:
    command, status = comparer_in(tmp_path, SAMPLES)
    with Terminal(command, *size) as term:
        term.wait_for(
            lambda: "only in A" in term.screen() and "Row 1 of" in term.screen(), "the comparison to show"
        )
        assert "a-kremlin-accuses-ukraine.txt" in term.screen()

        term.keys("G")  # the last row: A17, Sheremet
        term.wait_for(lambda: "Sheremet" in term.screen(), "the Sheremet sentence")
        sheremet = row_block(term.screen(), "Sheremet")
        assert "only in A" in sheremet and "only in B" not in sheremet
        assert "A17" in sheremet

        term.keys("/")
        # As a person would: type once the search box is open (keys sent in the same instant as
        # the slash can be lost; see the closing note of the session that found it).
        term.wait_for(lambda: "Search (enter to find" in term.screen(), "the search box to open")
        term.type("Podolyak")
        term.keys("Enter")
        term.wait_for(lambda: "only in B · B8" in term.screen(), "the search to select the Podolyak sentence")
        podolyak = row_block(term.screen(), "Podolyak,")
        assert "only in B" in podolyak and "only in A" not in podolyak
        assert "B8" in podolyak

        term.keys("f")
        term.wait_for(lambda: "filter: differences" in term.screen(), "the filter to change")
        term.keys("j", "]", "k")
        term.keys("q")
        term.wait_for(lambda: exited(status), "comparer to exit")
        assert status.read_text().strip() == "EXIT=0"


def test_a_conflict_row_has_its_marker_and_c_reaches_it(tmp_path: Path) -> None:
    """Sample A against a copy with a negation taken out and a time changed: the rows of both
    carry the conflict marker, and c selects the first, whose foot names the conflict."""
    edited = tmp_path / "edited.txt"
    edited.write_text(edited_a(), encoding="utf-8")
    command, status = comparer_in(
        tmp_path, f"{shlex.quote(str(SAMPLE_A))} {shlex.quote(str(edited))} --lexical"
    )
    with Terminal(command, 120, 40) as term:
        term.wait_for(lambda: "Row 1 of" in term.screen(), "the comparison to show")
        term.wait_for(lambda: "unmanned aerial vehicles" in term.screen(), "the rows to be drawn")
        assert "! 2 conflicts" in term.screen()
        damage = row_block(term.screen(), "unmanned aerial vehicles")
        assert damage.splitlines()[0][1] == "!", damage
        term.keys("c")
        term.wait_for(
            lambda: "! disagree: negation A: not · B: —" in term.screen(), "c to select the conflict"
        )
        assert "Row 2 of" in term.screen()
        term.keys("q")
        term.wait_for(lambda: exited(status), "comparer to exit")


def test_an_article_on_standard_input_leaves_the_keyboard_to_the_screen(tmp_path: Path) -> None:
    """`comparer - B < A` reads A from standard input, then takes its keys from the terminal."""
    command, status = comparer_in(
        tmp_path, f"- {shlex.quote(str(SAMPLE_B))} --lexical < {shlex.quote(str(SAMPLE_A))}"
    )
    with Terminal(command, 100, 30) as term:
        term.wait_for(lambda: "Row 1 of" in term.screen(), "the comparison to show")
        assert "<stdin>" in term.screen()
        term.keys("G")
        term.wait_for(
            lambda: "only in A · A17" in term.screen(), "G to reach the last row (keys reach the screen)"
        )
        term.keys("q")
        term.wait_for(lambda: exited(status), "comparer to exit")
        assert status.read_text().strip() == "EXIT=0"


def test_keys_typed_right_after_closing_the_details_panel_reach_the_rows(tmp_path: Path) -> None:
    """Closing a panel gives the rows the keyboard at once, not at the next refresh."""
    command, _ = comparer_in(tmp_path, SAMPLES)
    with Terminal(command, 120, 40) as term:
        term.wait_for(lambda: "Row 1 of" in term.screen(), "the comparison to show")
        term.keys("d")
        term.wait_for(lambda: "Only in A (" in term.screen(), "the details panel to open")
        term.keys("d", "G")  # one write: close the panel, then the last row
        term.wait_for(lambda: "only in A · A17" in term.screen(), "G to reach the rows")


def test_long_documents_show_their_texts_then_the_aligned_rows(tmp_path: Path) -> None:
    """1,700 sentences a side: both texts on screen first (unaligned while it aligns), then the
    comparison; G reaches the last row and q leaves with status 0. (Quitting while aligning is
    tested in tests/ui/test_aligning.py.)"""
    for side, sample in (("a", SAMPLE_A), ("b", SAMPLE_B)):
        text = sample.read_text(encoding="utf-8")
        copies = (text.replace("Kremlin", f"Kremlin-{k}") for k in range(100))
        (tmp_path / f"long-{side}.txt").write_text("\n\n".join(copies), encoding="utf-8")
    command, status = comparer_in(tmp_path, "long-a.txt long-b.txt")
    with Terminal(command, 120, 40) as term:
        term.wait_for(
            lambda: "not aligned" in (screen := term.screen()) and " A1 " in screen and " B1 " in screen,
            "both texts, not yet aligned",
        )
        term.wait_for(lambda: "linked (=" in term.screen(), "the comparison to show")
        term.wait_for(lambda: "⟳" not in term.screen(), "nothing more to wait for")
        assert "by words (meaning skipped: above 200 sentences a side) · order: A" in term.screen()
        term.keys("G")
        term.wait_for(lambda: re.search(r"Row ([\d,]+) of \1\b", term.screen()) is not None, "the last row")
        term.keys("q")
        term.wait_for(lambda: exited(status), "comparer to exit")
        assert status.read_text().strip() == "EXIT=0"


def test_the_meaning_aware_alignment_replaces_the_one_by_words(tmp_path: Path) -> None:
    """By default the rows by words come first, then the meaning-aware ones, and the header says
    which is shown; m switches back to words and q leaves with status 0."""
    both = f"{shlex.quote(str(SAMPLE_A))} {shlex.quote(str(SAMPLE_B))}"
    command, status = comparer_in(tmp_path, both)
    with Terminal(command, 120, 40) as term:
        term.wait_for(lambda: "Row 1 of" in term.screen(), "the comparison to show")
        term.wait_for(lambda: "by meaning · order: A" in term.screen(), "the meaning-aware alignment")
        term.keys("m")
        term.wait_for(lambda: "by words (m: meaning) · order: A" in term.screen(), "m to show the words")
        term.keys("q")
        term.wait_for(lambda: exited(status), "comparer to exit")
        assert status.read_text().strip() == "EXIT=0"


MORE = ROOT / "samples" / "kremlin-drone-more"
FIVE_SOURCES = " ".join(
    shlex.quote(str(path))
    for path in (
        SAMPLE_A,
        SAMPLE_B,
        MORE / "c-wire-moscow-says-drones-downed.txt",
        MORE / "d-kyiv-calls-it-staged.txt",
        MORE / "e-brief-victory-day-parade.txt",
    )
)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_five_sources_in_tmux(size: tuple[int, int], tmp_path: Path) -> None:
    """`comparer A B C D E`: the sources screen; s reads the next source, o finds what only it
    has, ] a row where sources differ, and q leaves with status 0."""
    command, status = comparer_in(tmp_path, FIVE_SOURCES)
    with Terminal(command, *size) as term:
        term.wait_for(
            lambda: "Reading A (1 of 5)" in term.screen() and "Row 1 of" in term.screen(), "the sources"
        )
        screen = term.screen()
        assert "= carried" in screen and "- missing" in screen and "+ not in A" in screen
        assert re.search(r"^  B[=~-] C[=~-] D[=~-] E[=~-] +A1 RUSSIAN", screen, re.MULTILINE), screen

        term.keys("s")
        term.wait_for(lambda: "Reading B (2 of 5)" in term.screen(), "B to be read")
        term.keys("o")
        term.wait_for(
            lambda: re.search(r"B\d+: A missing, C missing, D missing, E missing", term.screen()) is not None,
            "a sentence only B has",
        )
        term.keys("3", "]")
        term.wait_for(lambda: "Reading C (3 of 5)" in term.screen(), "C to be read")
        term.wait_for(
            lambda: re.search(r"partly|in conflict", term.screen().splitlines()[-2]) is not None,
            "a row where sources differ",
        )
        term.keys("q")
        term.wait_for(lambda: exited(status), "comparer to exit")
        assert status.read_text().strip() == "EXIT=0"


def test_reader_habits_at_80x24(tmp_path: Path) -> None:
    """At 80x24, the usual SSH window: the footer shows ? Help and q Quit, : A12 goes to A's
    twelfth sentence, Space pages down and ctrl+b back up, Enter opens a row and escape closes it."""
    command, status = comparer_in(tmp_path, SAMPLES)
    with Terminal(command, 80, 24) as term:
        term.wait_for(lambda: "Row 1 of" in term.screen(), "the comparison to show")

        def footer() -> str:
            lines = term.screen().splitlines()
            return lines[-1] if lines else ""

        # The screen's own keys (help, quit) are in the footer first; the rows' keys (⏎ Open) join
        # them a refresh later, once the rows hold the focus.
        term.wait_for(
            lambda: all(key in footer() for key in ("? Help", "q Quit", "⏎ Open", ": Go to")),
            "the footer's open, go-to, help and quit",
        )

        term.keys(":")
        term.wait_for(lambda: "Go to sentence" in term.screen(), "the go-to box to open")
        term.type("A12")
        term.keys("Enter")
        term.wait_for(lambda: "Row 12 of" in term.screen(), "A12's row to be selected")
        assert "A12 ↔ B6" in term.screen()
        assert "▶= A12" in term.screen()

        term.keys("g")
        term.wait_for(lambda: "Row 1 of" in term.screen(), "the first row")
        term.keys("Space")
        term.wait_for(lambda: "Row 1 of" not in term.screen(), "Space to page down")
        paged = re.search(r"Row (\d+) of", term.screen())
        assert paged is not None and int(paged.group(1)) > 1
        term.keys("Space")
        term.wait_for(
            lambda: (
                (row := re.search(r"Row (\d+) of", term.screen())) is not None
                and int(row.group(1)) > int(paged.group(1))
            ),
            "a second Space to page further",
        )
        term.keys("C-b")
        term.wait_for(
            lambda: (
                (row := re.search(r"Row (\d+) of", term.screen())) is not None
                and int(row.group(1)) <= int(paged.group(1))
            ),
            "ctrl+b to page back up",
        )

        term.keys("Enter")
        term.wait_for(lambda: "The score says how alike" in term.screen(), "the row to open")
        term.keys("Escape")
        term.wait_for(lambda: "The score says" not in term.screen(), "the rows again")
        term.keys("q")
        term.wait_for(lambda: exited(status), "comparer to exit")
        assert status.read_text().strip() == "EXIT=0"
