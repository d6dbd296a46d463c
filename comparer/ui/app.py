"""The Textual app: one factory, ``make_app``, used by the command line and by the tests."""

from __future__ import annotations

import contextlib
import os
import sys
import termios
from collections.abc import Callable
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

from comparer import signals
from comparer.core.model import Document, Settings
from comparer.ui.commands import ReviewCommands
from comparer.ui.early import EarlyComparison
from comparer.ui.screens.review import ReviewScreen
from comparer.ui.screens.sources import SourcesScreen

SCREEN_SETTINGS = Settings(lexical=True)
"""The review screen's settings unless told otherwise: lexical, as it must never wait for the
meaning model (until it shows the lexical alignment first and swaps in the meaning-aware one)."""


class ComparerApp(App[int]):
    """A thin app: it only shows the review screen for two documents, the sources screen for more."""

    CSS_PATH = "app.tcss"
    TITLE = "comparer"
    COMMANDS = App.COMMANDS | {ReviewCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+c", "quit_app", "Quit", show=False, priority=True),
    ]

    def __init__(
        self,
        doc_a: Document,
        doc_b: Document,
        settings: Settings = SCREEN_SETTINGS,
        early: EarlyComparison | None = None,
        more: tuple[Document, ...] = (),
    ) -> None:
        super().__init__()
        self.doc_a = doc_a
        self.doc_b = doc_b
        self.settings = settings
        self.early = early
        self.more = more

    def get_default_screen(self) -> Screen[None]:
        if self.more:
            return SourcesScreen((self.doc_a, self.doc_b, *self.more), self.settings)
        return ReviewScreen(self.doc_a, self.doc_b, self.settings, self.early)

    def action_quit_app(self) -> None:
        self.exit(0)


def make_app(
    doc_a: Document,
    doc_b: Document,
    settings: Settings = SCREEN_SETTINGS,
    early: EarlyComparison | None = None,
    *,
    more: tuple[Document, ...] = (),
) -> ComparerApp:
    """The app for two documents (or more: ``more`` are the third and later sources): the one way
    the CLI and the tests build it. ``early``: the two documents' comparison with these settings,
    already started in another process (``early.py``)."""
    return ComparerApp(doc_a, doc_b, settings, early, more)


def run_app(
    doc_a: Document,
    doc_b: Document,
    settings: Settings = SCREEN_SETTINGS,
    early: EarlyComparison | None = None,
    *,
    more: tuple[Document, ...] = (),
) -> int:
    """Run the app on the terminal; returns the exit code (0 on a normal quit)."""
    app = make_app(doc_a, doc_b, settings, early, more=more)
    try:
        with signals.cleanup(_terminal_restorer(app)):
            app.run()
    finally:
        if early is not None:
            early.stop()  # quitting before the first comparison came: end the child now
    return app.return_code if app.return_code is not None else 0


# What Textual's driver undoes when it stops (mouse, paste, line wrap, kitty keys, focus events,
# the alternate screen, the hidden cursor): written when a signal ends comparer before it can.
_RESTORE = (
    "\x1b[?1000l\x1b[?1003l\x1b[?1015l\x1b[?1006l\x1b[?1016l\x1b[?2004l\x1b[?2048l\x1b[?7h"
    "\x1b[<u\x1b[?1049l\x1b[?25h\x1b[?1004l"
)


def _terminal_restorer(app: ComparerApp) -> Callable[[], None]:
    """Put the terminal back as it was before ``app`` ran: for SIGTERM, SIGHUP or Ctrl+C arriving
    while Textual owns the terminal (``comparer.signals`` then leaves at once)."""
    stdin, out = sys.__stdin__, sys.__stderr__  # Textual reads keys from one, draws on the other
    saved = None
    with contextlib.suppress(termios.error, OSError, ValueError, AttributeError):
        saved = termios.tcgetattr(stdin.fileno())  # type: ignore[union-attr]

    def restore() -> None:
        if app._driver is None:  # Textual has not touched the terminal yet
            return
        with contextlib.suppress(OSError, ValueError, AttributeError):
            os.write(out.fileno(), _RESTORE.encode())  # type: ignore[union-attr]
        if saved is not None:
            with contextlib.suppress(termios.error, OSError, ValueError, AttributeError):
                termios.tcsetattr(stdin.fileno(), termios.TCSANOW, saved)  # type: ignore[union-attr]

    return restore
