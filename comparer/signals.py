"""Leaving on a signal: Ctrl+C (SIGINT), SIGTERM and SIGHUP end comparer at any moment with one
line on standard error, exit status 128 + the signal's number, no traceback, no temporary file
left behind and the terminal as it was.

``launch`` is the command's entry point: it takes the signals before anything heavy is imported,
so that a Ctrl+C in the first tenth of a second is as clean as one later. The handler does not
raise into whatever runs (an import, a class body, an exit handler, Textual's event loop); it
runs the registered cleanups and leaves at once.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Callable, Iterator
from types import FrameType
from typing import NoReturn

LEAVE_ON: dict[int, str] = {
    signal.SIGINT: "interrupted",
    signal.SIGTERM: "terminated",
    signal.SIGHUP: "hung up",
}
"""The signals that end comparer, and the word it says for each."""

_cleanups: list[Callable[[], None]] = []
_owner = 0
"""The process that installed the handler; a forked child only leaves, it owns nothing."""


def install() -> None:
    """Leave cleanly on any of ``LEAVE_ON`` from now on."""
    global _owner
    _owner = os.getpid()
    for signum in LEAVE_ON:
        signal.signal(signum, _leave)


@contextlib.contextmanager
def cleanup(action: Callable[[], None]) -> Iterator[None]:
    """Run ``action`` if a signal ends comparer while the block runs (newest first)."""
    _cleanups.append(action)
    try:
        yield
    finally:
        _cleanups.remove(action)


def _leave(signum: int, frame: FrameType | None) -> None:
    if os.getpid() == _owner:
        for action in reversed(_cleanups):
            with contextlib.suppress(Exception):
                action()
        with contextlib.suppress(OSError):
            erase = "\r\x1b[K" if os.isatty(2) else ""  # a progress line may stand there
            os.write(2, f"{erase}comparer: {LEAVE_ON.get(signum, 'stopped')}\n".encode())
    os._exit(128 + signum)


def launch() -> NoReturn:
    """The ``comparer`` command: signals first, then the command line (``cli.run``)."""
    install()
    from comparer.cli import run

    run()
