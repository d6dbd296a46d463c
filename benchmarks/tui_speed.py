"""The review screen's speed in a real terminal (tmux), for ``speed.py``'s TUI section.

Everything is timed from outside the process, on the installed ``comparer`` command, except
the redraw, which only the process itself can see (``tui_probe.py``):

- first screen: from process start until rows of both documents are on screen (the row
  information's "Row 1 of" and sentence numbers of A and of B), whether aligned or not yet;
- aligned screen: until the comparison's summary ("N linked (= ...") is on screen;
- quit: from q until the shell runs the next command, while aligning and once aligned;
- page-down redraw: from the key's arrival to the end of the frame that shows its result.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import corpus

BENCHMARKS = Path(__file__).resolve().parent
WIDTH, HEIGHT = 120, 40
EXITED = "COMPARER-EXITED"
PRESSES = 30
"""Page-downs timed per case: the redraw figures are medians of this many."""


def first_screen(screen: str) -> bool:
    """Rows of both documents are on screen, with the selected row described."""
    return "Row 1 of" in screen and bool(re.search(r" A\d+ ", screen)) and bool(re.search(r" B\d+ ", screen))


def aligned_screen(screen: str) -> bool:
    return "linked (=" in screen


def our_python_path() -> str:
    """Shell words giving a tmux session this process's PYTHONPATH: a session takes the tmux
    server's environment, that of whoever started the server (another checkout's, say)."""
    value = os.environ.get("PYTHONPATH")
    return f"export PYTHONPATH={shlex.quote(value)};" if value else "unset PYTHONPATH;"


class Session:
    """One command in a detached tmux session; times are seconds since it was started."""

    def __init__(self, command: str) -> None:
        self.name = f"comparer-speed-{os.getpid()}-{time.monotonic_ns()}"
        self.start = time.monotonic()
        shell = f"{our_python_path()} {command}; echo {EXITED}; sleep 60"
        subprocess.run(
            ["tmux", "new-session", "-d", "-s", self.name, "-x", str(WIDTH), "-y", str(HEIGHT), shell],
            check=True,
        )

    def screen(self) -> str:
        return subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True, check=False
        ).stdout

    def keys(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)

    def until(self, condition: Callable[[str], bool], timeout: float = 120.0, poll: float = 0.01) -> float:
        """Seconds since start when ``condition`` first held for the screen (polled every ``poll``)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if condition(screen):
                return time.monotonic() - self.start
            if EXITED in screen:
                raise RuntimeError(f"the command ended first; the screen:\n{screen}")
            time.sleep(poll)
        raise TimeoutError(f"timed out; the screen:\n{self.screen()}")

    def quit_time(self) -> float:
        """Seconds from sending q until the shell has moved on."""
        sent = time.monotonic()
        self.keys("q")
        self.until(lambda screen: EXITED in screen, timeout=60.0)
        return time.monotonic() - sent

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True, check=False)


def _open_and_close(command: str, long: bool, quit_aligning: bool = False) -> dict[str, float]:
    """One run: first screen, then quit while aligning, or aligned screen and quit after it."""
    session = Session(command)
    try:
        times = {"first": session.until(first_screen)}
        if quit_aligning:
            time.sleep(1.0)
            if not aligned_screen(session.screen()):
                times["quit aligning"] = session.quit_time()
        else:
            # Coarser polling while a long pair aligns: the polls take CPU from comparer.
            times["aligned"] = session.until(aligned_screen, poll=0.05 if long else 0.01)
            times["quit"] = session.quit_time()
        return times
    finally:
        session.close()


def _page_downs(session: Session, count: int, gap: float, keys: Sequence[str]) -> None:
    for k in range(count):
        session.keys(keys[k % len(keys)])
        time.sleep(gap)


def redraws(a: Path, b: Path, log: Path, long: bool) -> list[dict[str, object]]:
    """Page-down redraws of the probe on ``a`` and ``b``: while aligning (long pairs only), then
    once aligned. Each record has ``key``, ``aligned`` and ``ms``."""
    probe = f"{shlex.quote(sys.executable)} {BENCHMARKS / 'tui_probe.py'} {a} {b} {log}"
    session = Session(probe)
    try:
        session.until(first_screen)
        if long:
            _page_downs(session, PRESSES, 0.25, ["PageDown"])
        session.until(aligned_screen, poll=0.05)
        session.keys("g")
        # On the samples a few page-downs reach the last row: go back to the top between rounds.
        keys = ["PageDown"] * (PRESSES if long else 3) + ([] if long else ["g"])
        _page_downs(session, PRESSES + (0 if long else PRESSES // 3), 0.15, keys)
        session.quit_time()
    finally:
        session.close()
    return [json.loads(line) for line in log.read_text().splitlines()]


def _median(values: Sequence[float]) -> str:
    return f"{statistics.median(values):.2f} s" if values else "n/a"


def _redraw_cell(records: list[dict[str, object]], aligned: bool) -> str:
    ms = sorted(float(str(r["ms"])) for r in records if r["key"] == "pagedown" and r["aligned"] is aligned)
    if not ms:
        return "n/a"
    p90 = ms[min(len(ms) - 1, int(0.9 * len(ms)))]
    return f"{statistics.median(ms):.0f} ms (90%: {p90:.0f} ms, n={len(ms)})"


def _row(name: str, command: Path, a: Path, b: Path, log: Path, long: bool, repeats: int) -> str:
    """One line of the table: every measure of one document pair."""
    run = f"{shlex.quote(str(command))} {shlex.quote(str(a))} {shlex.quote(str(b))}"
    opened = [_open_and_close(run, long) for _ in range(repeats)]
    early = [_open_and_close(run, long, quit_aligning=True) for _ in range(repeats)] if long else []
    records = redraws(a, b, log, long)
    cells = [
        name,
        _median([t["first"] for t in opened]),
        _median([t["aligned"] for t in opened]),
        _median([t["quit"] for t in opened]),
        _median([t["quit aligning"] for t in early if "quit aligning" in t]) if long else "-",
        _redraw_cell(records, True),
        _redraw_cell(records, False) if long else "-",
    ]
    return "| " + " | ".join(cells) + " |"


def tui_section(repeats: int) -> list[str]:
    """The TUI table: first and aligned screen, quitting, and the page-down redraw."""
    command = Path(sys.executable).with_name("comparer")
    if shutil.which("tmux") is None or not command.exists():
        return ["## TUI", "", "tmux or the installed comparer command is missing: no TUI timings.", ""]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        long_a, long_b = folder / "a.txt", folder / "b.txt"
        for path, text in zip((long_a, long_b), corpus.document_pair(5000), strict=True):
            path.write_text(text, encoding="utf-8")
        rows = [
            _row(
                "samples", command, corpus.SAMPLE_A, corpus.SAMPLE_B, folder / "seeds.jsonl", False, repeats
            ),
            _row("5,000 sentences", command, long_a, long_b, folder / "long.jsonl", True, repeats),
        ]
    return [
        f"## TUI in a real terminal (tmux {WIDTH}x{HEIGHT}, the installed command, from process start)",
        "",
        "First screen: rows of both documents on screen (aligned or not yet). Aligned screen: the"
        " comparison's rows and summary. Quit: q until the shell moves on. Redraw: page-down, from"
        " the key's arrival to the end of the frame written for it (benchmarks/tui_probe.py), median"
        f" of {PRESSES} presses and 90th percentile.",
        "",
        "| documents | first screen | aligned screen | quit | quit while aligning"
        " | page-down redraw | redraw while aligning |",
        "| --- | --- | --- | --- | --- | --- | --- |",
        *rows,
        "",
    ]
