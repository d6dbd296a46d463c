"""The sources screen: three or more articles of one story, read one at a time, with a mark per
other source on each row and the other sources' own sentences under their place."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group
from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.worker import get_current_worker

from comparer.core.model import Document, Settings
from comparer.core.sources import Carried, Sources, compare_sources
from comparer.report.safe import flat
from comparer.report.sources import LEGEND, MARKS, MEANINGS, label, letter
from comparer.ui.screens.help import MORE, HelpScreen
from comparer.ui.widgets.header import headline
from comparer.ui.widgets.sourcerows import ReadingRow, SourceRows, reading_rows

MIN_WIDTH, MIN_HEIGHT = 50, 14
"""Below this the screen shows a message instead of rows."""

LEGEND_ROWS = (
    (f"B{MARKS[Carried.SAME]}", "B carries the row's fact, in essentially the same words"),
    (f"B{MARKS[Carried.PARTIAL]}", "B carries it partly: it or the row says more"),
    (f"B{MARKS[Carried.ABSENT]}", "B does not carry it"),
    (f"B{MARKS[Carried.CONFLICT]}", "B carries it but states part of it differently"),
    ("+", "a sentence the source being read lacks, where it stands in its own article"),
    ("·", "not story text (promo lines, credits): shown, never matched"),
    ("C7", "sentence 7 of source C; under a row: the other sources' own sentences of its fact"),
)
"""What the help screen says the marks mean."""


class SourcesScreen(Screen[None]):
    """Several articles of one story: which facts each carries, which only one has.

    The comparisons of every pair run in a background thread; until they come the header says how
    far along they are.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "next_source(1)", "Next source", tooltip="Read the next source"),
        Binding("S", "next_source(-1)", "Prev source", show=False, tooltip="Read the previous source"),
        *(
            Binding(
                str(k + 1), f"read({k})", f"Read {letter(k)}", show=False, tooltip=f"Read source {letter(k)}"
            )
            for k in range(8)
        ),
        Binding("o", "next_only(1)", "Next only-here", tooltip="Next sentence only the source read has"),
        Binding("O", "next_only(-1)", "Prev only-here", show=False, tooltip="Previous sentence only it has"),
        Binding(
            "right_square_bracket",
            "next_disagreement(1)",
            "Next diff",
            tooltip="Next row where sources differ",
        ),
        Binding("left_square_bracket", "next_disagreement(-1)", "Prev diff", show=False),
        Binding("question_mark", "help", "Help", tooltip="Show all keys and marks"),
        Binding("q", "quit", "Quit"),
    ]

    current: reactive[int] = reactive(0, init=False)
    """The source being read."""
    sources: reactive[Sources | None] = reactive(None, init=False)
    """The comparison of all sources, once it has come."""
    progress: reactive[str] = reactive("")
    """What the comparison in the background is doing."""

    def __init__(self, documents: tuple[Document, ...], settings: Settings) -> None:
        super().__init__()
        self.documents = documents
        self.settings = settings

    def compose(self) -> ComposeResult:
        with Vertical(id="main"):
            yield Static(id="sources-header")
            yield SourceRows(id="reading")
            yield Static(id="sources-info")
        yield Static(id="too-small")
        yield Footer()

    def on_mount(self) -> None:
        self._fit(self.app.size.width, self.app.size.height)
        self.query_one(SourceRows).focus()
        self._refresh_header()
        self._compare()

    @work(thread=True, exit_on_error=False)
    def _compare(self) -> None:
        worker = get_current_worker()

        def told(stage: str, fraction: float) -> None:
            if not worker.is_cancelled:
                self.app.call_from_thread(setattr, self, "progress", f"{stage}, {round(fraction * 100)}%")

        result = compare_sources(self.documents, self.settings, told)
        if not worker.is_cancelled:
            self.app.call_from_thread(setattr, self, "sources", result)

    # -- showing ------------------------------------------------------------------------------

    def watch_sources(self) -> None:
        self._show(keep=None)

    def watch_current(self) -> None:
        self._show(keep=self._selected())

    def watch_progress(self) -> None:
        self._refresh_header()

    def _selected(self) -> ReadingRow | None:
        view = self.query_one(SourceRows)
        if view.highlighted is None or not view.rows:
            return None
        return view.rows[view.highlighted]

    def _show(self, keep: ReadingRow | None) -> None:
        if self.sources is None:
            return
        rows = reading_rows(self.sources, self.current)
        self.query_one(SourceRows).show(self.sources, rows, self.current, _place_of(rows, keep))
        self._refresh_header()
        self._refresh_info()

    def _refresh_header(self) -> None:
        width = max(20, self.app.size.width - 2)
        names = Text(no_wrap=True, overflow="ellipsis")
        room = max(6, width // len(self.documents) - 3)
        for k, doc in enumerate(self.documents):
            style = "bold reverse" if k == self.current else "bold"
            names.append(f" {letter(k)} ", style=style)
            name = flat(doc.name)
            names.append((name if len(name) <= room else name[: room - 1] + "…") + " ")
        reading = Text(no_wrap=True, overflow="ellipsis")
        reading.append(f"Reading {letter(self.current)} ", style="bold")
        reading.append(f"({self.current + 1} of {len(self.documents)}) ")
        lines = [reading, names]
        if self.sources is None:
            lines.append(Text(f"⟳ comparing {len(self.documents)} sources… {self.progress}", style="bold"))
        else:
            sources = self.sources
            title = flat(headline(sources.articles[self.current])).strip()
            reading.append(title, style="italic")
            every = sum(1 for f in sources.facts if len(f.sources) == len(sources))
            only = len(sources.only_in[self.current])
            lines.append(
                Text(
                    f"{len(sources.facts)} shared facts, {every} in all {len(sources)} · "
                    f"only in {letter(self.current)}: {only} sentence{'' if only == 1 else 's'}",
                    no_wrap=True,
                    overflow="ellipsis",
                )
            )
            lines.append(
                Text(
                    f"{LEGEND}   + not in {letter(self.current)}",
                    style="dim",
                    no_wrap=True,
                    overflow="ellipsis",
                )
            )
        self.query_one("#sources-header", Static).update(Group(*lines))

    def _refresh_info(self) -> None:
        view = self.query_one(SourceRows)
        row = self._selected()
        info = Text(no_wrap=True, overflow="ellipsis")
        if row is None or self.sources is None:
            self.query_one("#sources-info", Static).update(info)
            return
        info.append(f"Row {(view.highlighted or 0) + 1} of {len(view.rows)} · ", style="bold")
        info.append(label(row.source, row.sentence) + ": ")
        if row.boilerplate:
            info.append("not story text, never matched")
        else:
            info.append(
                ", ".join(
                    f"{letter(k)} {MEANINGS[m or Carried.ABSENT]}"
                    for k, m in enumerate(row.marks)
                    if k not in (self.current, row.source)
                )
            )
        self.query_one("#sources-info", Static).update(info)

    @on(OptionList.OptionHighlighted, "#reading")
    def _row_highlighted(self) -> None:
        self._refresh_info()

    # -- size ---------------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size.width, event.size.height)
        self._refresh_header()

    def _fit(self, width: int, height: int) -> None:
        tiny = width < MIN_WIDTH or height < MIN_HEIGHT
        self.set_class(tiny, "-tiny")
        if tiny:
            self.query_one("#too-small", Static).update(
                f"The terminal is {width}×{height}; comparer needs at least {MIN_WIDTH}×{MIN_HEIGHT}.\n"
                "Make the window larger, or press q to quit."
            )

    # -- actions ------------------------------------------------------------------------------

    def action_next_source(self, step: int) -> None:
        self.current = (self.current + step) % len(self.documents)

    def action_read(self, source: int) -> None:
        if source < len(self.documents):
            self.current = source

    def _jump(self, wanted: str, step: int, what: str) -> None:
        view = self.query_one(SourceRows)
        if self.sources is None:
            self.notify("Still comparing the sources", timeout=2)
            return
        start = view.highlighted if view.highlighted is not None else -step
        n = len(view.rows)
        for offset in range(1, n + 1):
            index = start + step * offset
            if not 0 <= index < n:
                break
            row = view.rows[index]
            if row.only_in(self.current) if wanted == "only" else row.disagreement:
                view.highlighted = index
                view.scroll_to_highlight(top=True)
                return
        self.notify(f"No {what} {'below' if step > 0 else 'above'}", timeout=2)

    def action_next_only(self, step: int) -> None:
        self._jump("only", step, f"sentence only in {letter(self.current)}")

    def action_next_disagreement(self, step: int) -> None:
        self._jump("disagreement", step, "row where sources differ")

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen((*SourceRows.BINDINGS, *self.BINDINGS), LEGEND_ROWS, MORE[1:2]))

    def action_quit(self) -> None:
        self.app.exit(0)


def _place_of(rows: list[ReadingRow], keep: ReadingRow | None) -> int:
    """The row to select after the rows change: one holding the sentence that was selected."""
    if keep is None:
        return 0
    for index, row in enumerate(rows):
        if (row.source, row.sentence) == (keep.source, keep.sentence):
            return index
    wanted = {(k, y) for k, y, _ in keep.others}
    for index, row in enumerate(rows):
        if (row.source, row.sentence) in wanted:
            return index
    for index, row in enumerate(rows):
        if any((k, y) == (keep.source, keep.sentence) for k, y, _ in row.others):
            return index
    return 0
