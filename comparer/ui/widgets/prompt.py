"""A one-line question under the rows (search, go to a sentence), answered or cancelled at once."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input


class Prompt(Input):
    """An input that a key opens and enter or escape closes, the focus going back to ``home``.

    Opening and closing take effect at once, not at the next refresh (as the ``-open`` class and
    ``Widget.focus`` would): keys typed right behind the one that opened it are already queued,
    and must neither act as commands on the rows nor fall on a hidden prompt.

    | Key | Description |
    | :- | :- |
    | enter | Answer: post ``Answered`` (its handler closes the prompt). |
    | escape | Close without answering. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", show=False)]

    class Answered(Message):
        """The reader answered the prompt (enter)."""

        def __init__(self, prompt: Prompt, value: str) -> None:
            super().__init__()
            self.prompt = prompt
            self.value = value

        @property
        def control(self) -> Prompt:
            return self.prompt

    def __init__(self, placeholder: str, *, home: str, id: str) -> None:
        super().__init__(placeholder=placeholder, id=id)
        self._home = home
        """The selector of the widget the focus goes back to when the prompt closes."""

    def open(self, value: str = "") -> None:
        """Show the prompt holding ``value``, selected, so that typing replaces it and the arrows
        keep it, and give it the focus."""
        self.value = value
        self._show(True)
        self.select_all()

    def close(self) -> None:
        self._show(False)

    def _show(self, shown: bool) -> None:
        self.set_class(shown, "-open")
        self.display = shown
        self.screen.set_focus(self if shown else self.screen.query_one(self._home))

    def action_cancel(self) -> None:
        self.close()

    @on(Input.Submitted)
    def _answered(self, event: Input.Submitted) -> None:
        # Closed by whoever handles the answer, in the same handler as acting on it: the rows
        # then move to the answer at the height they had while the question was asked.
        event.stop()
        self.post_message(self.Answered(self, event.value))
