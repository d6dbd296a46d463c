"""Signals in a real terminal (tmux): Ctrl+C at any moment, SIGTERM and SIGHUP on the review screen.

Each ends comparer with one line, no traceback, and the terminal as it was (main screen, no mouse
tracking). A Ctrl+C that lands while Python itself is still starting (its ``site`` module, before
any of comparer's code runs) is Python's own and is not counted.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.cli.test_tmux_e2e import SAMPLES, Terminal, comparer_in, exited, tmux

STAY = "trap '' INT; sleep 60"
"""Keeps the pane open after comparer ends, a late Ctrl+C included, so that it can be read."""
PYTHON_STARTING = "init_import_site"
"""Python's message when Ctrl+C stops its start, before comparer's first line runs."""


def _session_state(term: Terminal) -> str:
    """Whether the pane is on the alternate screen and tracks the mouse: ``0 0 0`` when restored."""
    return tmux(
        "display", "-p", "-t", term.session, "#{alternate_on} #{mouse_any_flag} #{mouse_standard_flag}"
    )


def _scrollback(term: Terminal) -> str:
    return tmux("capture-pane", "-p", "-S", "-200", "-t", term.session)


def _comparer_pid(term: Terminal) -> int:
    shell = int(tmux("display", "-p", "-t", term.session, "#{pane_pid}").strip())
    children = subprocess.run(["pgrep", "-P", str(shell)], capture_output=True, text=True, check=False)
    pids = [int(pid) for pid in children.stdout.split()]
    assert len(pids) == 1, children.stdout
    return pids[0]


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_on_the_review_screen_restores_the_terminal(tmp_path: Path, signum: int) -> None:
    command, status = comparer_in(tmp_path, SAMPLES)
    with Terminal(f"{command}; {STAY}", 100, 30) as term:
        term.wait_for(lambda: "Row 1 of" in term.screen(), "the comparison to show")
        assert _session_state(term).split()[0] == "1"  # on the alternate screen, as Textual puts it
        os.kill(_comparer_pid(term), signum)
        term.wait_for(lambda: exited(status), "comparer to exit")
        assert status.read_text().strip() == f"EXIT={128 + signum}"
        assert _session_state(term).split() == ["0", "0", "0"]
        shown = _scrollback(term)
        assert "Traceback" not in shown
        word = {signal.SIGTERM: "terminated", signal.SIGHUP: "hung up"}[signum]
        assert f"comparer: {word}" in shown


def _pane_dead(term: Terminal) -> bool:
    return tmux("display", "-p", "-t", term.session, "#{pane_dead}").strip() == "1"


@pytest.mark.parametrize("delay", [0.15, 0.3, 0.5, 0.8, 1.2])
@pytest.mark.parametrize("mode", ["report", "review"])
def test_ctrl_c_at_any_moment(tmp_path: Path, delay: float, mode: str) -> None:
    arguments = SAMPLES + (" --format json > /dev/null" if mode == "report" else "")
    command, status = comparer_in(tmp_path, arguments)
    with Terminal(f"{command}; {STAY}", 100, 30) as term:
        # Keep the pane readable even if the shell goes with the Ctrl+C.
        tmux("set-option", "-t", term.session, "remain-on-exit", "on")
        time.sleep(delay)
        term.keys("C-c")
        # Ctrl+C may also land after the report or before the screen: then q or nothing ends it.
        deadline = time.monotonic() + 20
        while not exited(status) and not _pane_dead(term) and time.monotonic() < deadline:
            if mode == "review" and "Row 1 of" in term.screen():
                term.keys("q")
            time.sleep(0.1)
        shown = _scrollback(term)
        if PYTHON_STARTING in shown:  # Python's own start: none of comparer's code had run
            assert "/comparer/" not in shown, shown
            return
        assert "Traceback" not in shown and "KeyboardInterrupt" not in shown, shown
        if not exited(status):
            # The shell went with the Ctrl+C: it does so only when the command was killed by it,
            # which Python's start allows (comparer's handler ends it with a status instead).
            assert _pane_dead(term), shown
            return
        code = status.read_text().strip()
        finished = "EXIT=1" if mode == "report" else "EXIT=0"
        assert code in ("EXIT=130", finished), shown
        if code == "EXIT=130":
            assert "comparer: interrupted" in shown
        assert _session_state(term).split() == ["0", "0", "0"]
