"""The Textual app: one factory, ``make_app``, used by the command line and by the tests."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

from comparer.core.model import Document, Settings
from comparer.ui.commands import ReviewCommands
from comparer.ui.early import EarlyComparison
from comparer.ui.screens.review import ReviewScreen

SCREEN_SETTINGS = Settings(lexical=True)
"""The review screen's settings unless told otherwise: lexical, as it must never wait for the
meaning model (until it shows the lexical alignment first and swaps in the meaning-aware one)."""


class ComparerApp(App[int]):
    """A thin app: it only shows the review screen for two documents."""

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
    ) -> None:
        super().__init__()
        self.doc_a = doc_a
        self.doc_b = doc_b
        self.settings = settings
        self.early = early

    def get_default_screen(self) -> Screen[None]:
        return ReviewScreen(self.doc_a, self.doc_b, self.settings, self.early)

    def action_quit_app(self) -> None:
        self.exit(0)


def make_app(
    doc_a: Document,
    doc_b: Document,
    settings: Settings = SCREEN_SETTINGS,
    early: EarlyComparison | None = None,
) -> ComparerApp:
    """The app for two documents: the one way the CLI and the tests build it. ``early``: their
    comparison with these settings, already started in another process (``early.py``)."""
    return ComparerApp(doc_a, doc_b, settings, early)


def run_app(
    doc_a: Document,
    doc_b: Document,
    settings: Settings = SCREEN_SETTINGS,
    early: EarlyComparison | None = None,
) -> int:
    """Run the app on the terminal; returns the exit code (0 on a normal quit)."""
    app = make_app(doc_a, doc_b, settings, early)
    try:
        app.run()
    finally:
        if early is not None:
            early.stop()  # quitting before the first comparison came: end the child now
    return app.return_code if app.return_code is not None else 0
