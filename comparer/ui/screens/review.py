"""The review screen: header, side-by-side rows, the selected row's details, the details panel."""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import partial
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Input, Static
from textual.worker import Worker, WorkerState

from comparer.core.errors import OutputError
from comparer.core.model import Comparison, Document, Settings, Side
from comparer.report.rows import Row, RowKind, rows
from comparer.ui.screens.export import ConfirmDialog, ExportDialog, ExportRequest
from comparer.ui.screens.help import HelpScreen
from comparer.ui.widgets.details import DetailsPanel
from comparer.ui.widgets.header import RowInfo, SummaryHeader, ViewState
from comparer.ui.widgets.layout import STACK_BELOW
from comparer.ui.widgets.rowview import RowView

FILTERS: dict[str, Callable[[Row], bool]] = {
    "all": lambda row: True,
    "differences": lambda row: row.is_difference,
    "only-in": lambda row: row.kind in (RowKind.ONLY_A, RowKind.ONLY_B),
    "linked": lambda row: row.kind in (RowKind.SAME, RowKind.PARTIAL),
}
"""The filter key cycles through these, in this order."""

THRESHOLD_STEP = 0.05
THRESHOLD_LIMIT = 0.5
MIN_WIDTH, MIN_HEIGHT = 50, 14
"""Below this the screen shows a message instead of rows."""


class ReviewScreen(Screen[None]):
    """Two articles side by side: what both report and what only one has.

    The comparison runs in a worker thread, at start and whenever the threshold changes; the
    rows keep the selected sentence in place across re-alignments, filters and order changes.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right_square_bracket", "next_difference", "Next diff", tooltip="Next difference"),
        Binding("left_square_bracket", "previous_difference", "Prev diff", tooltip="Previous difference"),
        Binding("a", "next_only('a')", "Next only-A", show=False, tooltip="Next sentence only in A"),
        Binding("b", "next_only('b')", "Next only-B", show=False, tooltip="Next sentence only in B"),
        Binding("slash", "search", "Search"),
        Binding("n", "next_match", "Next match", show=False, tooltip="Next search match"),
        Binding("N", "previous_match", "Prev match", show=False, tooltip="Previous search match"),
        Binding("f", "cycle_filter", "Filter", tooltip="Filter: all, differences, only-in, linked"),
        Binding("o", "switch_order", "Order", tooltip="Follow A's order or B's order"),
        Binding("s", "swap", "Swap", show=False, tooltip="Swap the sides"),
        Binding(
            "plus,equals_sign", "threshold(1)", "Stricter", show=False, tooltip="Raise the match threshold"
        ),
        Binding("minus", "threshold(-1)", "Looser", show=False, tooltip="Lower the match threshold"),
        Binding("d", "toggle_details", "Details", tooltip="Show or hide names, numbers and quotes"),
        Binding("e", "export", "Export", tooltip="Export the comparison to a file"),
        Binding("question_mark", "help", "Help", tooltip="Show all keys"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, doc_a: Document, doc_b: Document, settings: Settings) -> None:
        super().__init__()
        self.doc_a = doc_a
        self.doc_b = doc_b
        self.threshold = settings.threshold
        """The current shift of the link thresholds."""
        self.comparison: Comparison | None = None
        """The latest comparison, A and B as given."""
        self.follow = Side.A
        """Whose sentence order the rows follow (of the sides as shown)."""
        self.row_filter = "all"
        self.swapped = False
        self.search_text = ""
        self._align_worker: Worker[Comparison] | None = None
        self._shown: tuple[tuple[int, bool], Comparison] | None = None
        self._total_rows = 0
        """Rows before filtering, counted when the rows are rebuilt."""
        self._run = 0
        """Which comparison run is the newest: progress from older runs is ignored."""
        self._progress = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="main"):
            yield SummaryHeader(id="summary")
            with Horizontal(id="body"):
                yield RowView(id="rows")
                yield DetailsPanel(id="details")
            yield RowInfo(id="info")
            yield Input(placeholder="Search (enter to find, escape to cancel)", id="search")
        yield Static(id="too-small")
        yield Footer()

    def on_mount(self) -> None:
        self._fit(self.app.size.width, self.app.size.height)
        self.query_one(RowView).focus()
        self._refresh_header()
        self.align()

    # -- the comparison -----------------------------------------------------------------------

    @property
    def shown(self) -> Comparison | None:
        """The comparison as displayed: mirrored when the sides are swapped.

        Kept until the comparison or the swap changes, so that moving the selection over
        thousands of rows never rebuilds a mirrored comparison.
        """
        if self.comparison is None:
            return None
        key = (id(self.comparison), self.swapped)
        if self._shown is None or self._shown[0] != key:
            self._shown = (key, self.comparison.mirrored() if self.swapped else self.comparison)
        return self._shown[1]

    class Progress(Message):
        """The comparison in the background reports how far along it is."""

        def __init__(self, run: int, stage: str, fraction: float) -> None:
            super().__init__()
            self.run = run
            self.stage = stage
            self.fraction = fraction

    def align(self) -> None:
        """(Re-)run the comparison in a worker thread; the newest run wins."""
        from comparer.core.compare import compare

        settings = Settings(threshold=self.threshold)
        self.query_one(RowView).loading = self.comparison is None
        self._run += 1
        self._progress = ""
        run = self._run

        def progress(stage: str, fraction: float) -> None:
            # Called in the worker thread; post_message is safe from any thread.
            self.post_message(self.Progress(run, stage, fraction))

        self._align_worker = self.run_worker(
            partial(compare, self.doc_a, self.doc_b, settings, progress),
            name="align",
            group="align",
            thread=True,
            exclusive=True,
            exit_on_error=False,
        )
        self._refresh_header()

    def on_review_screen_progress(self, event: Progress) -> None:
        if event.run != self._run or not self.busy:
            return  # a superseded run, or one that has finished meanwhile
        text = f"{event.stage}, {round(event.fraction * 100)}%"
        if text != self._progress:
            self._progress = text
            self._refresh_header()

    @property
    def busy(self) -> bool:
        return self._align_worker is not None and self._align_worker.state in (
            WorkerState.PENDING,
            WorkerState.RUNNING,
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker is not self._align_worker:
            return
        if event.state is WorkerState.SUCCESS and isinstance(event.worker.result, Comparison):
            self.comparison = event.worker.result
            self.query_one(RowView).loading = False
            self.query_one(DetailsPanel).show(self._require_shown())
            self._show_rows()
        elif event.state is WorkerState.ERROR:
            self.query_one(RowView).loading = False
            self.query_one(RowView).empty_message = "The comparison failed."
            self.notify(f"Comparison failed: {event.worker.error}", severity="error", markup=False)
        self._refresh_header()

    def _require_shown(self) -> Comparison:
        shown = self.shown
        assert shown is not None
        return shown

    def _show_rows(self, keep: tuple[Side, int] | None = None) -> None:
        """Rebuild the rows for the current order and filter, keeping the selected sentence."""
        view = self.query_one(RowView)
        shown = self.shown
        if shown is None:
            return
        if keep is None:
            keep = self._anchor()
        all_rows = rows(shown, follow=self.follow)
        self._total_rows = len(all_rows)
        keep_filter = FILTERS[self.row_filter]
        visible = [row for row in all_rows if keep_filter(row)]
        view.empty_message = f"No rows match the filter “{self.row_filter}”."
        view.show(shown, visible, self._position_of(visible, keep))
        view.set_query(self.search_text)
        self._refresh_header()

    def _anchor(self) -> tuple[Side, int] | None:
        """The sentence of the selected row, to find it again after the rows change."""
        row = self.query_one(RowView).selected_row
        if row is None:
            return None
        side = Side.A if row.a else Side.B
        return (side.other if self.swapped else side), row.indices(side)[0]

    def _position_of(self, visible: list[Row], keep: tuple[Side, int] | None) -> int:
        if keep is None:
            return 0
        side, index = keep
        if self.swapped:
            side = side.other
        for position, row in enumerate(visible):
            if index in row.indices(side):
                return position
        # The sentence is filtered out: select the nearest row of its side that is shown.
        best = 0
        for position, row in enumerate(visible):
            indices = row.indices(side)
            if indices and indices[0] <= index:
                best = position
        return best

    def _refresh_header(self) -> None:
        view = self.query_one(RowView)
        state = ViewState(
            follow=self.follow,
            filter=self.row_filter,
            threshold=self.threshold,
            swapped=self.swapped,
            query=self.search_text,
            matches=sum(1 for row in view.rows if self._matches(row)) if self.search_text else 0,
            busy=self.busy,
            progress=self._progress if self.busy else "",
            shown=len(view.rows),
            total=self._total_rows,
        )
        self.query_one(SummaryHeader).show(self.shown, state)

    @on(RowView.Selected)
    def _row_selected(self, event: RowView.Selected) -> None:
        view = self.query_one(RowView)
        self.query_one(RowInfo).show(self.shown, event.row, event.index, len(view.rows))

    # -- size ---------------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size.width, event.size.height)

    def _fit(self, width: int, height: int) -> None:
        tiny = width < MIN_WIDTH or height < MIN_HEIGHT
        self.set_class(tiny, "-tiny")
        self.set_class(width < STACK_BELOW, "-narrow")
        if tiny:
            self.query_one("#too-small", Static).update(
                f"The terminal is {width}×{height}; comparer needs at least {MIN_WIDTH}×{MIN_HEIGHT}.\n"
                "Make the window larger, or press q to quit."
            )

    # -- actions ------------------------------------------------------------------------------

    def _jump(self, predicate: Callable[[Row], bool], *, forward: bool, what: str) -> None:
        view = self.query_one(RowView)
        index = view.find(predicate, forward=forward)
        if index is None:
            self.notify(f"No {what} in the rows shown.", severity="warning", markup=False)
            return
        if (index < view.cursor) == forward and index != view.cursor:
            self.notify("Wrapped around.", timeout=2)
        view.select(index)

    def action_next_difference(self) -> None:
        self._jump(lambda row: row.is_difference, forward=True, what="differences")

    def action_previous_difference(self) -> None:
        self._jump(lambda row: row.is_difference, forward=False, what="differences")

    def action_next_only(self, side: str) -> None:
        kind = RowKind.ONLY_A if side == "a" else RowKind.ONLY_B
        self._jump(lambda row: row.kind is kind, forward=True, what=f"sentences only in {side.upper()}")

    def _matches(self, row: Row) -> bool:
        shown = self.shown
        if shown is None or not self.search_text:
            return False
        needle = self.search_text.casefold()
        return any(
            needle in shown.article(side).sentences[i].text.casefold()
            for side in Side
            for i in row.indices(side)
        )

    def _open_now(self, widget: Widget, shown: bool) -> None:
        """Show or hide a panel and move the focus to it (or back to the rows) at once.

        Not at the next refresh, as the ``-open`` class and ``Widget.focus`` would do: keys typed
        right behind the one that opened it are already queued, and must neither act as commands
        on the rows nor fall on a hidden widget.
        """
        widget.set_class(shown, "-open")
        widget.display = shown
        self.set_focus(widget if shown else self.query_one(RowView))

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.value = self.search_text
        self._open_now(search, True)
        search.select_all()  # typing replaces the last search; the arrows keep it

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        self._close_search()
        self.search_text = event.value
        view = self.query_one(RowView)
        view.set_query(self.search_text)
        self._refresh_header()
        if self.search_text:
            if view.selected_row is not None and self._matches(view.selected_row):
                return
            self._jump(self._matches, forward=True, what=f"matches for “{self.search_text}”")

    def on_key(self, event: events.Key) -> None:
        search = self.query_one("#search", Input)
        if event.key == "escape" and search.has_focus:
            event.stop()
            self._close_search()

    def _close_search(self) -> None:
        self._open_now(self.query_one("#search", Input), False)

    def action_next_match(self) -> None:
        if not self.search_text:
            self.notify("Search first with /.", severity="warning")
            return
        self._jump(self._matches, forward=True, what=f"matches for “{self.search_text}”")

    def action_previous_match(self) -> None:
        if not self.search_text:
            self.notify("Search first with /.", severity="warning")
            return
        self._jump(self._matches, forward=False, what=f"matches for “{self.search_text}”")

    def action_cycle_filter(self) -> None:
        names = list(FILTERS)
        self.row_filter = names[(names.index(self.row_filter) + 1) % len(names)]
        self._show_rows()

    def action_switch_order(self) -> None:
        self.follow = self.follow.other
        self._show_rows()

    def action_swap(self) -> None:
        keep = self._anchor()
        self.swapped = not self.swapped
        self.follow = self.follow.other
        if self.shown is not None:
            self.query_one(DetailsPanel).show(self.shown)
        self._show_rows(keep)

    def action_threshold(self, direction: int) -> None:
        threshold = round(self.threshold + direction * THRESHOLD_STEP, 2)
        if abs(threshold) > THRESHOLD_LIMIT + 1e-9:
            self.notify(f"The threshold stays within ±{THRESHOLD_LIMIT:.2f}.", severity="warning")
            return
        self.threshold = threshold
        self.align()

    def action_toggle_details(self) -> None:
        panel = self.query_one(DetailsPanel)
        self._open_now(panel, not panel.has_class("-open"))

    @on(DetailsPanel.Jump)
    def _jump_to_detail(self, event: DetailsPanel.Jump) -> None:
        target = (event.target.side.other if self.swapped else event.target.side), event.target.sentence
        visible = self.query_one(RowView).rows
        side = event.target.side
        if not any(event.target.sentence in row.indices(side) for row in visible):
            self.row_filter = "all"
            self.notify("Filter set to all to show that sentence.", timeout=3)
        self._show_rows(target)
        self.set_focus(self.query_one(RowView))

    def action_help(self) -> None:
        bindings = [b for b in (*RowView.BINDINGS, *self.BINDINGS) if isinstance(b, Binding)]
        self.app.push_screen(HelpScreen(bindings))

    def action_quit(self) -> None:
        self.app.exit(0)

    # -- export -------------------------------------------------------------------------------

    def action_export(self) -> None:
        if self.shown is None:
            self.notify("Wait for the comparison to finish.", severity="warning")
            return
        self.app.push_screen(ExportDialog(), self._export_chosen)

    def _export_chosen(self, request: ExportRequest | None) -> None:
        if request is None:
            return
        if os.path.exists(request.path):
            self.app.push_screen(
                ConfirmDialog(f"{request.path} already exists. Replace it?"),
                partial(self._confirmed, request),
            )
            return
        self._write(request, force=False)

    def _confirmed(self, request: ExportRequest, yes: bool | None) -> None:
        if yes:
            self._write(request, force=True)
        else:
            self.notify(f"Kept {request.path}; nothing written.", markup=False)

    def _write(self, request: ExportRequest, *, force: bool) -> None:
        from comparer.report import render, write_atomic

        try:
            write_atomic(request.path, render(self._require_shown(), request.fmt), force=force)
        except OutputError as exc:
            self.notify(str(exc), title="Export failed", severity="error", markup=False)
            return
        self.notify(f"Wrote {request.fmt} to {request.path}", markup=False)
