"""The review screen: header, side-by-side rows, the selected row's details, the details panel.

The screen holds the view state (filter, order, swap, threshold, search) as reactives whose
watchers redraw what shows them; the comparisons in the background are ``runs.ComparisonRuns``'s,
the search and go-to questions ``Prompt`` widgets, the export flow ``export.Exporter``'s.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static
from textual.worker import Worker

from comparer.core.model import Article, Comparison, Document, Settings, Side
from comparer.core.rows import Articles, Row, RowKind, Unaligned, rows, unaligned_rows
from comparer.report.safe import one_line
from comparer.ui.early import EarlyComparison
from comparer.ui.screens.export import Exporter
from comparer.ui.screens.help import HelpScreen
from comparer.ui.screens.row import RowScreen
from comparer.ui.screens.runs import ComparisonRuns, Progress, RunState, Segmented
from comparer.ui.widgets.details import DetailsPanel
from comparer.ui.widgets.footer import ReaderFooter
from comparer.ui.widgets.header import RowInfo, SummaryHeader, ViewState
from comparer.ui.widgets.layout import clean, found_in, side_label, stacks
from comparer.ui.widgets.prompt import Prompt
from comparer.ui.widgets.rowview import RowView

FILTERS: dict[str, Callable[[Row, Comparison], bool]] = {
    "all": lambda row, comparison: True,
    "differences": Row.differs,
    "only-in": lambda row, comparison: row.kind in (RowKind.ONLY_A, RowKind.ONLY_B),
    "conflicts": lambda row, comparison: bool(row.conflicts),
    "linked": lambda row, comparison: row.kind in (RowKind.SAME, RowKind.PARTIAL),
}
"""The filter key cycles through these, in this order: differences are what one side has and
the other lacks (sentences, conflicts, names, numbers and quotes: ``Row.differs``)."""

THRESHOLD_STEP = 0.05
THRESHOLD_LIMIT = 0.5
MIN_WIDTH, MIN_HEIGHT = 50, 14
"""Below this the screen shows a message instead of rows."""
SHORT_PAIR, SHORT_WAIT = 400, 0.4
"""A pair of fewer sentences than this (two news articles have a few dozen) aligns in a fraction
of a second: its texts are shown unaligned only if the comparison has not come after this many
seconds, so that unaligned rows do not flash up and vanish. Longer pairs show them at once."""


_SENTENCE_NUMBER = re.compile(r"\s*([ab]?)\s*(\d+)\s*", re.IGNORECASE)


def parse_sentence_number(text: str) -> tuple[Side, int] | None:
    """The side and index of a sentence number as the screen shows it: "A12" is A's twelfth
    sentence (index 11), "b7" B's seventh; a bare number is A's. None when it is not one."""
    match = _SENTENCE_NUMBER.fullmatch(text)
    if match is None or int(match.group(2)) < 1:
        return None
    side = Side.B if match.group(1).lower() == "b" else Side.A
    return side, int(match.group(2)) - 1


class ReviewScreen(Screen[None]):
    """Two articles side by side: what both report and what only one has.

    The comparison runs in a background thread, at start and whenever the threshold changes; the
    rows keep the selected sentence in place across re-alignments, filters and order changes.
    Long documents take seconds to align, so as soon as both are cut into sentences their texts
    are shown side by side, unaligned, to read and scroll; the aligned rows then take their
    place, and keys that need the comparison say so until it has come.
    """

    # The footer shows the keys a reader reaches for first, with short labels, so that "? Help"
    # and "q Quit" stay on screen at 80 columns; the rest are in the help and the palette (^p),
    # which read the tooltips.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right_square_bracket", "next_difference", "Next diff", tooltip="Next difference"),
        Binding(
            "left_square_bracket", "previous_difference", "Prev", show=False, tooltip="Previous difference"
        ),
        Binding("c", "next_conflict", "Conflict", show=False, tooltip="Next place where the two disagree"),
        Binding("a", "next_only('a')", "Next only-A", show=False, tooltip="Next sentence only in A"),
        Binding("b", "next_only('b')", "Next only-B", show=False, tooltip="Next sentence only in B"),
        Binding("slash", "search", "Search", tooltip="Search the sentences"),
        Binding("n", "next_match", "Next match", show=False, tooltip="Next search match"),
        Binding("N", "previous_match", "Prev match", show=False, tooltip="Previous search match"),
        Binding("colon", "goto", "Go to", tooltip="Go to a sentence by its number: A12, B7"),
        Binding(
            "f", "cycle_filter", "Filter", tooltip="Filter: all, differences, only-in, conflicts, linked"
        ),
        Binding("o", "switch_order", "Order", show=False, tooltip="Follow A's order or B's order"),
        Binding("s", "swap", "Swap", show=False, tooltip="Swap the sides"),
        Binding(
            "m",
            "toggle_meaning",
            "Meaning",
            show=False,
            tooltip="Switch between the alignment by meaning and the one by words",
        ),
        Binding(
            "plus,equals_sign", "threshold(1)", "Stricter", show=False, tooltip="Raise the match threshold"
        ),
        Binding("minus", "threshold(-1)", "Looser", show=False, tooltip="Lower the match threshold"),
        Binding(
            "d", "toggle_details", "Details", show=False, tooltip="Show or hide names, numbers and quotes"
        ),
        Binding("e", "export", "Export", show=False, tooltip="Export the comparison to a file"),
        Binding("question_mark", "help", "Help", tooltip="Show all keys"),
        Binding("q", "quit", "Quit", tooltip="Quit comparer"),
    ]

    # repaint=False: the watchers redraw the widgets that show the state; repainting the screen
    # as well drew a frame between the rows and the header's new height (its status line hidden).
    row_filter: reactive[str] = reactive("all", init=False, repaint=False)
    """Which rows are shown: a name in ``FILTERS``."""
    follow: reactive[Side] = reactive(Side.A, init=False, repaint=False)
    """Whose sentence order the rows follow (of the sides as shown)."""
    swapped: reactive[bool] = reactive(False, init=False, repaint=False)
    """Whether B is shown on the left and A on the right."""
    threshold: reactive[float] = reactive(0.0, init=False, repaint=False)
    """The current shift of the link thresholds: changing it compares again."""
    search_text: reactive[str] = reactive("", init=False, repaint=False)
    """What the search looks for (empty: no search); its matches are marked in the rows."""
    run_state: reactive[RunState] = reactive(RunState, init=False, repaint=False)
    """Where the comparison stands (``ComparisonRuns`` keeps it up to date)."""

    def __init__(
        self, doc_a: Document, doc_b: Document, settings: Settings, early: EarlyComparison | None = None
    ) -> None:
        super().__init__()
        self.doc_a = doc_a
        self.doc_b = doc_b
        self.set_reactive(ReviewScreen.threshold, settings.threshold)
        self.runs = ComparisonRuns(self, settings, early)
        """The comparisons in the background: by words, then by meaning."""
        self.comparison: Comparison | None = None
        """The latest comparison, A and B as given."""
        self.articles: tuple[Article, Article] | None = None
        """Both documents cut into sentences: known before the comparison, and reused by it."""
        self._shown: tuple[tuple[int, bool], Comparison] | None = None
        self._total_rows = 0
        """Rows before filtering, counted when the rows are rebuilt."""
        self._exporter = Exporter(self, self._require_shown)
        """The export flow: the dialog, the question before replacing a file, the write."""

    def compose(self) -> ComposeResult:
        with Vertical(id="main"):
            yield SummaryHeader(id="summary")
            with Horizontal(id="body"):
                yield RowView(id="rows")
                yield DetailsPanel(id="details")
            yield RowInfo(id="info")
            yield Prompt("Search (enter to find, escape to cancel)", home="#rows", id="search")
            yield Prompt("Go to sentence: A12 or B7 (enter to go, escape to cancel)", home="#rows", id="goto")
        yield Static(id="too-small")
        yield ReaderFooter()

    def on_mount(self) -> None:
        views = self.query(RowView)
        if not views or not self.is_attached:
            # Ctrl+C while the app starts: it is quitting, and its nodes may be gone already.
            return
        self._fit(self.app.size.width, self.app.size.height)
        views.first().focus()
        self.align()

    # -- view state: each change redraws what shows it ------------------------------------------

    def watch_row_filter(self) -> None:
        self._show_rows()

    def watch_follow(self) -> None:
        self._show_rows()

    def watch_threshold(self) -> None:
        self.align()

    def watch_search_text(self, query: str) -> None:
        self.query_one(RowView).set_query(query)
        self._refresh_header()

    def watch_run_state(self) -> None:
        self._refresh_header()

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

    def align(self) -> None:
        """(Re-)run the comparison in the background: the rows wait for it where they have none."""
        view = self.query_one(RowView)
        view.loading = view.source is None
        self.runs.start(self.threshold)

    @on(Segmented)
    def _segmented(self, event: Segmented) -> None:
        self.articles = event.articles
        if self.comparison is None:
            short = sum(len(article.sentences) for article in event.articles) < SHORT_PAIR
            if short:
                self.set_timer(SHORT_WAIT, self._show_unaligned)
            else:
                self._show_unaligned()

    @on(Progress)
    def _progressed(self, event: Progress) -> None:
        self.runs.progressed(event)

    @property
    def unaligned(self) -> Unaligned | None:
        """Both texts as displayed before the comparison comes (mirrored when swapped)."""
        if self.comparison is not None or self.articles is None:
            return None
        texts = Unaligned(*self.articles)
        return texts.mirrored() if self.swapped else texts

    def _show_unaligned(self) -> None:
        """Both texts side by side, each in its own order, until the aligned rows replace them."""
        texts = self.unaligned
        if texts is None:
            return  # the comparison came first
        view = self.query_one(RowView)
        view.loading = False
        view.show(texts, unaligned_rows(texts), view.cursor)
        self._total_rows = len(view.rows)
        self._refresh_header()

    def _need_comparison(self, what: str) -> bool:
        """True when the comparison is there; otherwise tells the user that ``what`` waits for it."""
        if self.comparison is not None:
            return True
        if self.runs.busy:
            progress = f" ({self.runs.progress})" if self.runs.progress else ""
            self.notify(f"Still aligning{progress}: {what} once it has finished.", timeout=3, markup=False)
        else:
            self.notify(f"There is no comparison ({what} needs one).", severity="warning", markup=False)
        return False

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        self.runs.worker_changed(event)

    def comparison_came(self, comparison: Comparison) -> None:
        """Show a comparison that has come: the reader's sentence stays where it was."""
        view = self.query_one(RowView)
        first = self.comparison is None
        if first:
            view.select_on_screen()  # the reader's place: what they are looking at
        keep = self._anchor()
        self.comparison = comparison
        view.loading = False
        self.query_one(DetailsPanel).show(self._require_shown())
        self._show_rows(keep, hold=first)

    def comparison_failed(self, error: BaseException | None) -> None:
        view = self.query_one(RowView)
        view.loading = False
        view.empty_message = "The comparison failed."
        self.notify(f"Comparison failed: {error}", severity="error", markup=False)

    def show_alignment(self, comparison: Comparison) -> None:
        """Show another alignment of the same documents, the selected sentence on the same line."""
        keep = self._anchor()
        self.comparison = comparison
        self.query_one(DetailsPanel).show(self._require_shown())
        self._show_rows(keep, hold=True)

    @property
    def busy(self) -> bool:
        """Whether a comparison runs in the background."""
        return self.runs.busy

    def action_toggle_meaning(self) -> None:
        if self.runs.lexical:
            self.notify("Started with --lexical: this screen compares by words only.", markup=False)
            return
        if self._need_comparison("the alignment can change"):
            self.runs.toggle_meaning()

    def _require_shown(self) -> Comparison:
        shown = self.shown
        assert shown is not None
        return shown

    def _show_rows(self, keep: tuple[Side, int] | None = None, *, hold: bool = False) -> None:
        """Rebuild the rows for the current order and filter, keeping the selected sentence
        (with ``hold``, on the screen line where it was)."""
        view = self.query_one(RowView)
        shown = self.shown
        if shown is None:
            return
        if keep is None:
            keep = self._anchor()
        all_rows = rows(shown, follow=self.follow)
        self._total_rows = len(all_rows)
        keep_filter = FILTERS[self.row_filter]
        visible = [row for row in all_rows if keep_filter(row, shown)]
        view.empty_message = f"No rows match the filter “{self.row_filter}”."
        view.show(shown, visible, self._position_of(visible, keep), hold=hold)
        view.set_query(self.search_text)
        self._refresh_header()

    def _anchor(self) -> tuple[Side, int] | None:
        """The sentence of the selected row, to find it again after the rows change.

        A row's own sentence is on the side it follows (its partners may sit in other rows too);
        an unaligned row holds two unrelated sentences: the one the search found, if only one
        did, is the reader's place; otherwise the left one.
        """
        row = self.query_one(RowView).selected_row
        if row is None:
            return None
        side = row.follow if row.indices(row.follow) else row.follow.other
        if row.kind is RowKind.UNALIGNED and row.a and row.b:
            found = [s for s in Side if self._matches(row, s)]
            side = found[0] if len(found) == 1 else side
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
        run = self.runs.state()  # as it is now: ``run_state`` follows at the end of a handler
        state = ViewState(
            follow=self.follow,
            filter=self.row_filter,
            threshold=self.threshold,
            swapped=self.swapped,
            query=self.search_text,
            matches=sum(1 for row in view.rows if self._matches(row)) if self.search_text else 0,
            busy=run.busy,
            progress=run.progress,
            failed=run.failed,
            shown=len(view.rows),
            total=self._total_rows,
            alignment=run.alignment,
        )
        self.query_one(SummaryHeader).show(self.shown, state, self.unaligned)

    @on(RowView.Selected)
    def _row_selected(self, event: RowView.Selected) -> None:
        view = self.query_one(RowView)
        self.query_one(RowInfo).show(self.shown, event.row, event.index, len(view.rows))

    # -- size ---------------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size.width, event.size.height)

    def on_unmount(self) -> None:
        self.runs.collector.release()

    def _fit(self, width: int, height: int) -> None:
        tiny = width < MIN_WIDTH or height < MIN_HEIGHT
        self.set_class(tiny, "-tiny")
        self.set_class(stacks(width), "-narrow")
        self.query_one(ReaderFooter).fit(width)
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
        if self._need_comparison("differences are found"):
            shown = self._require_shown()
            self._jump(lambda row: row.differs(shown), forward=True, what="differences")

    def action_previous_difference(self) -> None:
        if self._need_comparison("differences are found"):
            shown = self._require_shown()
            self._jump(lambda row: row.differs(shown), forward=False, what="differences")

    def action_next_conflict(self) -> None:
        if self._need_comparison("conflicts are found"):
            self._jump(lambda row: bool(row.conflicts), forward=True, what="conflicts")

    def action_next_only(self, side: str) -> None:
        kind = RowKind.ONLY_A if side == "a" else RowKind.ONLY_B
        what = f"sentences only in {side.upper()}"
        if self._need_comparison(f"{what} are found"):
            self._jump(lambda row: row.kind is kind, forward=True, what=what)

    def _matches(self, row: Row, side: Side | None = None) -> bool:
        """Whether a sentence of the row (of ``side``, or of either) contains the search text, as the
        screen shows it (cleaned, as ``highlight`` sees it), so what is found is what is marked."""
        shown: Articles | None = self.shown or self.unaligned
        if shown is None or not self.search_text:
            return False
        return any(
            found_in(clean(shown.article(s).sentences[i].text), self.search_text)
            for s in ((side,) if side is not None else Side)
            for i in row.indices(s)
        )

    def _open_now(self, widget: Widget, shown: bool) -> None:
        """Show or hide a panel and move the focus to it (or back to the rows) at once, as a
        ``Prompt`` does (keys typed right behind the one that opened it are already queued)."""
        widget.set_class(shown, "-open")
        widget.display = shown
        self.set_focus(widget if shown else self.query_one(RowView))

    def action_search(self) -> None:
        self.query_one("#search", Prompt).open(self.search_text)

    @on(Prompt.Answered, "#search")
    def _search_answered(self, event: Prompt.Answered) -> None:
        event.prompt.close()
        self.search_text = event.value
        view = self.query_one(RowView)
        if self.search_text:
            if view.selected_row is not None and self._matches(view.selected_row):
                return
            self._jump(self._matches, forward=True, what=f"matches for “{self.search_text}”")

    # -- go to a sentence ---------------------------------------------------------------------

    def action_goto(self) -> None:
        self.query_one("#goto", Prompt).open()

    @on(Prompt.Answered, "#goto")
    def _goto_answered(self, event: Prompt.Answered) -> None:
        event.prompt.close()
        if event.value.strip():
            self.go_to(event.value)

    def go_to(self, number: str) -> bool:
        """Select the row of sentence ``number`` ("A12", "b7", or "12" for A), as the sides are
        shown; the filter is set to all when it hides that sentence. False, with a message, when
        there is no such sentence."""
        target = parse_sentence_number(number)
        source: Articles | None = self.shown or self.unaligned
        if target is None:
            self.notify(f"“{one_line(number)}” is not a sentence number: type A12 or B7.", severity="warning")
            return False
        if source is None:
            self.notify("The sentences are not read yet.", severity="warning")
            return False
        side, index = target
        count = len(source.article(side).sentences)
        if not 0 <= index < count:
            name = side_label(side)
            self.notify(f"{name} has {count:,} sentences: {name}1 to {name}{count}.", severity="warning")
            return False
        view = self.query_one(RowView)
        if not any(index in row.indices(side) for row in view.rows):
            if self.comparison is None:
                return False  # unaligned rows hold every sentence: nothing is filtered out
            self.row_filter = "all"  # its watcher shows the rows
            self.notify("Filter set to all to show that sentence.", timeout=3)
        position = next(n for n, row in enumerate(view.rows) if index in row.indices(side))
        view.select(position, center=True)
        self.set_focus(view)
        return True

    @on(RowView.Opened)
    def _row_opened(self, event: RowView.Opened) -> None:
        source: Articles | None = self.shown or self.unaligned
        if source is None:
            return
        view = self.query_one(RowView)
        self.app.push_screen(RowScreen(source, event.row, event.index, len(view.rows), view.palette()))

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
        if not self._need_comparison("the filter works"):
            return
        names = list(FILTERS)
        self.row_filter = names[(names.index(self.row_filter) + 1) % len(names)]

    def action_switch_order(self) -> None:
        if not self._need_comparison("the order can change"):
            return
        self.follow = self.follow.other

    def action_swap(self) -> None:
        keep = self._anchor()
        # Both at once, without their watchers: the rows keep following the same article, now on
        # the other side, and are rebuilt once, around the sentence found before the swap.
        self.set_reactive(ReviewScreen.swapped, not self.swapped)
        self.set_reactive(ReviewScreen.follow, self.follow.other)
        if self.shown is not None:
            self.query_one(DetailsPanel).show(self.shown)
            self._show_rows(keep)
        elif self.unaligned is not None:
            self._show_unaligned()
        else:
            self._refresh_header()

    def action_threshold(self, direction: int) -> None:
        threshold = round(self.threshold + direction * THRESHOLD_STEP, 2)
        # Only a step outward is refused: started beyond the limit (--threshold takes -1..1),
        # the keys still walk back toward 0.
        if abs(threshold) > THRESHOLD_LIMIT + 1e-9 and abs(threshold) > abs(self.threshold):
            self.notify(f"The threshold stays within ±{THRESHOLD_LIMIT:.2f}.", severity="warning")
            return
        self.threshold = threshold  # its watcher compares again

    def action_toggle_details(self) -> None:
        panel = self.query_one(DetailsPanel)
        if not panel.has_class("-open") and not self._need_comparison("the details open"):
            return
        self._open_now(panel, not panel.has_class("-open"))

    @on(DetailsPanel.Jump)
    def _jump_to_detail(self, event: DetailsPanel.Jump) -> None:
        target = (event.target.side.other if self.swapped else event.target.side), event.target.sentence
        visible = self.query_one(RowView).rows
        side = event.target.side
        if not any(event.target.sentence in row.indices(side) for row in visible):
            self.set_reactive(ReviewScreen.row_filter, "all")  # shown below, around the target
            self.notify("Filter set to all to show that sentence.", timeout=3)
        self._show_rows(target)
        self.set_focus(self.query_one(RowView))

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen((*RowView.BINDINGS, *self.BINDINGS)))

    def action_quit(self) -> None:
        self.app.exit(0)

    # -- export -------------------------------------------------------------------------------

    def action_export(self) -> None:
        if self._need_comparison("export works"):
            self._exporter.start()
