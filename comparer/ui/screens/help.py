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

from comparer.core.rows import CONFLICT_MARKER, RowKind
from comparer.ui.widgets.layout import MARKERS

LEGEND = (
    (MARKERS[RowKind.SAME], "same: both report it, essentially in the same words"),
    (MARKERS[RowKind.PARTIAL], "partial: both report it, one side says more (underlined words)"),
    (MARKERS[RowKind.ONLY_A], "only in A: no sentence of B matches it"),
    (MARKERS[RowKind.ONLY_B], "only in B: no sentence of A matches it"),
    (MARKERS[RowKind.BOILERPLATE_A], "not story text (promo lines, credits): shown, never matched"),
    (CONFLICT_MARKER, "they disagree: the two say different things (rose/fell), words in reverse"),
    (
        f"{MARKERS[RowKind.PARTIAL]} partial · score 0.43",
        "a sentence with several partners is one row: each partner comes under its own link's "
        "marker and score (o: follow B's order, the rows are then B's sentences)",
    ),
    ("A12", "the sentence's number in its own article: a jump in numbers means it moved; : A12 goes there"),
    (
        "score 0.27",
        "how alike a link's two sides are, 0 (nothing shared) to 1 (the same sentence); pairs link "
        "from about 0.2, and + and - move that bar (enter on a row explains its score)",
    ),
    (
        "covers 44%",
        "B covers 44% of A: that share of A's story text (by characters) is in sentences linked to B",
    ),
)
"""What the review screen's markers, numbers and figures mean."""

MORE = (
    ("enter", "on a row: both sentences whole, every difference and conflict, the score explained"),
    ("ctrl+p", "the command palette: every action by name, with its key"),
    ("mouse", "a click selects a row, a double click opens it, the wheel scrolls"),
)
"""What the key table cannot say: the palette and the mouse."""


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


def _pairs(pairs: Iterable[tuple[str, str]]) -> Table:
    """A borderless two-column table: a bold name, then what it means."""
    table = Table(box=None, show_header=False, padding=(0, 2))
    table.add_column(no_wrap=True)
    table.add_column()
    for name, meaning in pairs:
        table.add_row(Text(name, style="bold"), Text(meaning))
    return table


class HelpScreen(ModalScreen[None]):
    """Keys and markers; any of escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close help"),
    ]

    def __init__(
        self,
        bindings: Iterable[BindingType],
        legend: Iterable[tuple[str, str]] = LEGEND,
        more: Iterable[tuple[str, str]] = MORE,
    ) -> None:
        super().__init__()
        self._keys = list(bindings)
        self._legend = tuple(legend)
        self._more = tuple(more)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(Text("comparer: keys", style="bold"), classes="title")
            yield Static(key_table(key_entries(self._keys, self.app.get_key_display)))
            if self._more:
                yield Static(Text("\nAlso", style="bold"))
                yield Static(_pairs(self._more))
            yield Static(Text("\nMarkers", style="bold"))
            yield Static(_pairs(self._legend))
            yield Static(Text("\nPress escape, q or ? to close.", style="dim"))

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
