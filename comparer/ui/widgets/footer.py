"""The review screen's footer: the keys a reader reaches for first, fewer of them when narrow."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.reactive import reactive
from textual.widgets import Footer

NARROW = 80
"""Below this many columns the footer keeps only ``KEPT_WHEN_NARROW``."""


class ReaderFooter(Footer):
    """The footer, which on a narrow terminal shows only the keys a reader cannot do without, so
    that ``? Help`` and ``q Quit`` stay on screen: the others still work, and the help and the
    command palette list them."""

    KEPT_WHEN_NARROW: ClassVar[frozenset[str]] = frozenset(
        {"open_row", "next_difference", "search", "goto", "help", "quit"}
    )

    narrow: reactive[bool] = reactive(False)
    """Whether the terminal is narrower than ``NARROW``: fewer keys, compact, no palette key."""

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            # A key's widget names its action (Textual's FooterKey, which the package does not
            # export); anything else the footer holds is kept.
            action = getattr(widget, "action", None)
            if self.narrow and isinstance(action, str) and action not in self.KEPT_WHEN_NARROW:
                continue
            yield widget

    def watch_narrow(self, narrow: bool) -> None:
        self.compact = narrow
        self.show_command_palette = not narrow
        if self.is_attached:
            self.call_after_refresh(self.recompose)

    def fit(self, width: int) -> None:
        """Show the keys that fit a terminal ``width`` columns wide."""
        self.narrow = width < NARROW
