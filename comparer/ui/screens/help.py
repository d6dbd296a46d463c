"""The help screen: every key with its description, and what the markers mean."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from comparer.report.rows import CONFLICT_MARKER, RowKind
from comparer.ui.widgets.layout import MARKERS

LEGEND = (
    (MARKERS[RowKind.SAME], "same: both report it, essentially in the same words"),
    (MARKERS[RowKind.PARTIAL], "partial: both report it, one side says more (underlined words)"),
    (MARKERS[RowKind.ONLY_A], "only in A: no sentence of B matches it"),
    (MARKERS[RowKind.ONLY_B], "only in B: no sentence of A matches it"),
    (MARKERS[RowKind.BOILERPLATE_A], "not story text (promo lines, credits): shown, never matched"),
    (CONFLICT_MARKER, "they disagree: the two say different things (rose/fell), words in reverse"),
    ("A12", "the sentence's number in its own article: a jump in numbers means it moved"),
)


@dataclass(frozen=True)
class KeyEntry:
    """One action with every key that runs it, as the help screen and the palette list it."""

    keys: str
    """The keys as the app displays them, comma-separated."""
    description: str
    action: str


def key_entries(bindings: Iterable[BindingType], display: Callable[[Binding], str]) -> list[KeyEntry]:
    """Each action of ``bindings`` once, in order, with all its keys and its longest description."""
    entries: list[KeyEntry] = []
    seen: set[str] = set()
    for binding in bindings:
        if not isinstance(binding, Binding) or binding.action in seen or not binding.description:
            continue
        seen.add(binding.action)
        keys = ", ".join(display(binding.with_key(key)) for key in binding.key.split(","))
        entries.append(KeyEntry(keys, binding.tooltip or binding.description, binding.action))
    return entries


def key_table(entries: Iterable[KeyEntry]) -> Table:
    """A two-column table of keys and what they do, one line per action."""
    table = Table(show_header=True, header_style="bold", box=None, padding=(0, 2))
    table.add_column("Key", no_wrap=True)
    table.add_column("Action")
    for entry in entries:
        table.add_row(Text(entry.keys, style="bold"), Text(entry.description))
    return table


class HelpScreen(ModalScreen[None]):
    """Keys and markers; any of escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close help"),
    ]

    def __init__(self, bindings: Iterable[BindingType], legend: Iterable[tuple[str, str]] = LEGEND) -> None:
        super().__init__()
        self._keys = list(bindings)
        self._legend = tuple(legend)

    def compose(self) -> ComposeResult:
        legend = Table(box=None, show_header=False, padding=(0, 2))
        legend.add_column(no_wrap=True)
        legend.add_column()
        for marker, meaning in self._legend:
            legend.add_row(Text(marker, style="bold"), Text(meaning))
        with VerticalScroll(id="help-body"):
            yield Static(Text("comparer: keys", style="bold"), classes="title")
            yield Static(key_table(key_entries(self._keys, self.app.get_key_display)))
            yield Static(Text("\nMarkers", style="bold"))
            yield Static(legend)
            yield Static(Text("\nPress escape, q or ? to close.", style="dim"))

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
