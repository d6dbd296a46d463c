"""The Textual app: one factory, ``make_app``, used by the command line and by the tests."""

from __future__ import annotations

import contextlib
import os
import sys
import termios
from collections.abc import Callable, Iterator
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.theme import Theme

from comparer import signals
from comparer.core.model import Document, Settings
from comparer.ui.commands import ReviewCommands
from comparer.ui.early import EarlyComparison
from comparer.ui.preferences import PreferenceFile
from comparer.ui.screens.review import ReviewScreen
from comparer.ui.screens.sources import SourcesScreen

SCREEN_SETTINGS = Settings()
"""The review screen's settings unless told otherwise: it shows the alignment by words first and
swaps in the meaning-aware one when it is ready (``Settings(lexical=True)``: by words only)."""


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
        *,
        theme: str | None = None,
        preferences: PreferenceFile | None = None,
    ) -> None:
        with _no_color_only_when_given():
            super().__init__()
        self.doc_a = doc_a
        self.doc_b = doc_b
        self.settings = settings
        self.early = early
        self.more = more
        self.preferences = preferences or PreferenceFile(None)
        """The reader's saved choices (a file the CLI names; none in tests)."""
        self.set_class(few_colours(self), "-few-colours")
        self.set_class(self.no_color, "-no-colour")
        chosen = theme or self.preferences.preferences.theme
        if chosen is not None and chosen in self.available_themes:
            self.theme = chosen
        if theme is not None:
            self.preferences.set(theme=theme)

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        if self.preferences.warning:
            self.notify(self.preferences.warning, severity="warning", markup=False)

    def _theme_changed(self, theme: Theme) -> None:
        """Remember a theme picked in the command palette for the next run."""
        self.preferences.set(theme=theme.name)
        if self.preferences.warning:
            self.notify(self.preferences.warning, severity="warning", markup=False)
            self.preferences.warning = ""

    def get_default_screen(self) -> Screen[None]:
        if self.more:
            return SourcesScreen((self.doc_a, self.doc_b, *self.more), self.settings)
        return ReviewScreen(self.doc_a, self.doc_b, self.settings, self.early)

    def action_quit_app(self) -> None:
        self.exit(0)


def few_colours(app: App[int]) -> bool:
    """Whether the terminal shows 16 colours or none (``NO_COLOR``): the rows then use the
    terminal's own red and green, and tell A's one-sided words from B's by style as well
    (underlined / bold underlined), where a theme's blended shades would all come out alike."""
    return app.no_color or app.console.color_system in ("standard", "windows")


@contextlib.contextmanager
def _no_color_only_when_given() -> Iterator[None]:
    """Hide an empty ``NO_COLOR`` from Textual while the app is made: the convention
    (no-color.org) is that only a non-empty value turns colour off, and Textual counts any."""
    if os.environ.get("NO_COLOR") != "":
        yield
        return
    del os.environ["NO_COLOR"]
    try:
        yield
    finally:
        os.environ["NO_COLOR"] = ""


def make_app(
    doc_a: Document,
    doc_b: Document,
    settings: Settings = SCREEN_SETTINGS,
    early: EarlyComparison | None = None,
    *,
    more: tuple[Document, ...] = (),
    theme: str | None = None,
    preferences: PreferenceFile | None = None,
) -> ComparerApp:
    """The app for two documents (or more: ``more`` are the third and later sources): the one way
    the CLI and the tests build it. ``early``: the two documents' comparison with these settings,
    already started in another process (``early.py``). ``theme`` (``--theme``) wins over the one
    in ``preferences``, the reader's saved choices (None: nothing is read or saved)."""
    return ComparerApp(doc_a, doc_b, settings, early, more, theme=theme, preferences=preferences)


def run_app(
    doc_a: Document,
    doc_b: Document,
    settings: Settings = SCREEN_SETTINGS,
    early: EarlyComparison | None = None,
    *,
    more: tuple[Document, ...] = (),
    theme: str | None = None,
    preferences: PreferenceFile | None = None,
) -> int:
    """Run the app on the terminal; returns the exit code (0 on a normal quit)."""
    app = make_app(doc_a, doc_b, settings, early, more=more, theme=theme, preferences=preferences)
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
