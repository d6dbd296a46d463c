"""Dialogs: choose a format and a file to export to, and confirm replacing a file."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet

from comparer import report
from comparer.core.model import Comparison
from comparer.report import EXTENSIONS, FORMATS, LABELS, format_for


@dataclass(frozen=True)
class ExportRequest:
    """What the user asked to export, and where."""

    fmt: str
    path: str


def write_report(comparison: Comparison, request: ExportRequest, *, force: bool) -> None:
    """Render ``comparison`` as asked and write it (slow for long documents: run it in a
    thread); raises OutputError when the file cannot be written."""
    report.write_atomic(request.path, report.render(comparison, request.fmt), force=force)


class ExportDialog(ModalScreen[ExportRequest | None]):
    """Choose a format and a file name; dismisses with the request, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, stem: str = "comparison", fmt: str = "json") -> None:
        super().__init__()
        self._stem = stem
        self._fmt = fmt

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("Export the comparison", classes="title")
            with RadioSet(id="format"):
                for fmt in FORMATS:
                    yield RadioButton(LABELS[fmt], value=fmt == self._fmt, name=fmt)
            yield Label("File:")
            yield Input(self._stem + EXTENSIONS[self._fmt], id="path")
            yield Label("", id="error")
            with Horizontal(classes="buttons"):
                yield Button("Export", variant="primary", id="export")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    @on(RadioSet.Changed, "#format")
    def _format_changed(self, event: RadioSet.Changed) -> None:
        fmt = event.pressed.name or "json"
        if fmt == self._fmt:
            return  # the typed name chose it (``_path_changed``): keep the name as typed
        path_input = self.query_one("#path", Input)
        root, ext = os.path.splitext(path_input.value)
        # Follow the format with the extension, unless the user typed one of their own.
        if not ext or format_for(path_input.value, ""):
            path_input.value = (root or self._stem) + EXTENSIONS[fmt]
        self._fmt = fmt

    @on(Input.Changed, "#path")
    def _path_changed(self, event: Input.Changed) -> None:
        # A typed extension that names a format chooses it, and the buttons show that.
        fmt = format_for(event.value, self._fmt)
        if fmt != self._fmt:
            self._fmt = fmt
            for button in self.query(RadioButton):
                if button.name == fmt:
                    button.value = True

    @on(Button.Pressed, "#export")
    @on(Input.Submitted, "#path")
    def _export(self) -> None:
        path = self.query_one("#path", Input).value.strip()
        if not path:
            self.query_one("#error", Label).update("Give a file name.")
            return
        if os.path.isdir(path):
            self.query_one("#error", Label).update("That is a folder; give a file name.")
            return
        self.dismiss(ExportRequest(format_for(path, self._fmt), path))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmDialog(ModalScreen[bool]):
    """A yes/no question; dismisses with True only on an explicit yes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self._question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self._question, markup=False, classes="title")
            with Horizontal(classes="buttons"):
                yield Button("Replace (y)", variant="error", id="yes")
                yield Button("Keep it (n)", variant="primary", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")
