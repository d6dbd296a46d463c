"""Exporting: the dialog to choose a format and a file, the question before replacing a file,
and the flow that ties them to a screen (``Exporter``)."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet

from comparer import report
from comparer.core.errors import OutputError
from comparer.core.model import Comparison
from comparer.report import EXTENSIONS, FORMATS, LABELS, REGISTRY, format_of_output, known_extensions
from comparer.report.safe import one_line
from comparer.ui.preferences import PreferenceFile


@dataclass(frozen=True)
class ExportRequest:
    """What the user asked to export, and where."""

    fmt: str
    path: str


def write_report(comparison: Comparison, request: ExportRequest, *, force: bool) -> None:
    """Render ``comparison`` as asked and write it (slow for long documents: run it in a
    thread); raises OutputError when the file cannot be written."""
    report.write_atomic(request.path, report.render(comparison, request.fmt), force=force)


DEFAULT_FORMAT = "markdown"
"""What the export dialog offers first: a memo to read and share."""


class FormatButton(RadioButton):
    """One format to choose: ● when chosen and ○ when not, so the choice never rests on colour."""

    def __init__(self, label: str, *, value: bool, name: str) -> None:
        super().__init__(label, value=value, name=name)
        self.BUTTON_INNER = "●" if value else "○"

    def watch_value(self) -> None:
        self.BUTTON_INNER = "●" if self.value else "○"
        super().watch_value()


def chosen_format(path: str, choice: str) -> str:
    """The format a report written to ``path`` takes, by the one rule the command line's ``-o``
    follows (``format_of_output``): the extension names it, and a name with none takes the format
    chosen; OutputError for an extension that names no format."""
    return format_of_output(path, None, default=choice)


def with_extension(path: str, fmt: str) -> str:
    """``path``, with ``fmt``'s extension added when it has none: a file named as it is written."""
    return path if os.path.splitext(path)[1] else path + EXTENSIONS[fmt]


class ExportDialog(ModalScreen[ExportRequest | None]):
    """Choose a format and a file name; dismisses with the request, or None when cancelled.

    The format follows a typed extension (``memo.html`` is HTML) and a name with none gets the
    chosen format's; ``~`` is the home folder.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, path: str = "", fmt: str = DEFAULT_FORMAT) -> None:
        super().__init__()
        self._fmt = fmt
        self._path = path or "comparison" + EXTENSIONS[fmt]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("Export the comparison", classes="title")
            with RadioSet(id="format"):
                for fmt in FORMATS:
                    yield FormatButton(LABELS[fmt], value=fmt == self._fmt, name=fmt)
            yield Label("File:")
            yield Input(self._path, id="path")
            yield Label("", id="error")
            with Horizontal(classes="buttons"):
                yield Button("Export", variant="primary", id="export")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    @on(RadioSet.Changed, "#format")
    def _format_changed(self, event: RadioSet.Changed) -> None:
        fmt = event.pressed.name or DEFAULT_FORMAT
        if fmt == self._fmt:
            return  # the typed name chose it (``_path_changed``): keep the name as typed
        path_input = self.query_one("#path", Input)
        root, ext = os.path.splitext(path_input.value)
        # Follow the format with the extension, unless the user typed one that names no format.
        if not ext or ext.lower() in _EXTENSIONS:
            path_input.value = (root or "comparison") + EXTENSIONS[fmt]
        self._fmt = fmt

    @on(Input.Changed, "#path")
    def _path_changed(self, event: Input.Changed) -> None:
        # A typed extension that names a format chooses it, and the buttons show that.
        self.query_one("#error", Label).update("")
        try:
            fmt = chosen_format(event.value.strip(), self._fmt)
        except OutputError:
            return  # said when exporting, not at every key
        if fmt != self._fmt:
            self._fmt = fmt
            for button in self.query(RadioButton):
                if button.name == fmt:
                    button.value = True

    @on(Button.Pressed, "#export")
    @on(Input.Submitted, "#path")
    def _export(self) -> None:
        typed = self.query_one("#path", Input).value.strip()
        error = self.query_one("#error", Label)
        if not typed:
            error.update("Give a file name.")
            return
        path = os.path.expanduser(typed)
        try:
            fmt = chosen_format(path, self._fmt)
        except OutputError:
            ext = os.path.splitext(path)[1]
            error.update(f"{ext} names no report format: use {known_extensions()}, or none.")
            return
        path = with_extension(path, fmt)
        if os.path.isdir(path):
            error.update("That is a folder; give a file name.")
            return
        self.dismiss(ExportRequest(fmt, path))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


_EXTENSIONS = {ext for f in REGISTRY for ext in f.extensions}


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


class Exporter:
    """The export flow of a screen: the dialog (with the last file of this session, or the format
    chosen last time, or Markdown), the question before replacing a file ("Keep it" goes back to
    the dialog), and the write in a worker, told in a notification."""

    def __init__(self, screen: Screen[Any], comparison: Callable[[], Comparison]) -> None:
        self._screen = screen
        self._comparison = comparison
        """The comparison as shown, taken when the file is written."""
        self.last: ExportRequest | None = None
        """The file and format last exported to in this session, offered again."""

    @property
    def _preferences(self) -> PreferenceFile:
        preferences = getattr(self._screen.app, "preferences", None)
        return preferences if isinstance(preferences, PreferenceFile) else PreferenceFile(None)

    def start(self, last: ExportRequest | None = None) -> None:
        last = last or self.last
        if last is not None:
            dialog = ExportDialog(last.path, last.fmt)
        else:
            saved = self._preferences.preferences.export_format
            dialog = ExportDialog(fmt=saved if saved in FORMATS else DEFAULT_FORMAT)
        self._screen.app.push_screen(dialog, self._chosen)

    def _chosen(self, request: ExportRequest | None) -> None:
        if request is None:
            return
        self.last = request
        self._preferences.set(export_format=request.fmt)
        if os.path.exists(request.path):
            self._screen.app.push_screen(
                ConfirmDialog(f"{request.path} already exists. Replace it?"),
                partial(self._confirmed, request),
            )
            return
        self._write(request, force=False)

    def _confirmed(self, request: ExportRequest, yes: bool | None) -> None:
        if yes:
            self._write(request, force=True)
        else:
            self.start(request)  # "Keep it": back to the dialog, to choose another name

    def _write(self, request: ExportRequest, *, force: bool) -> None:
        """Render and write the report in a thread, then say how it went.

        Rendering 1,500 sentences a side takes about 2 s: on the event loop that froze the
        screen. The comparison is taken now, so re-aligning meanwhile does not change the file.
        Quitting meanwhile waits for the write (the loop's executor is joined at exit), so no
        temporary file is left behind.
        """
        comparison = self._comparison()
        where = one_line(request.path)
        screen = self._screen

        async def export() -> None:
            try:
                await asyncio.to_thread(write_report, comparison, request, force=force)
            except OutputError as exc:
                screen.notify(one_line(str(exc)), title="Export failed", severity="error", markup=False)
            else:
                screen.notify(f"Wrote {request.fmt} to {where}", markup=False)

        screen.run_worker(export(), name="export", group="export")
