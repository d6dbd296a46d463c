"""The review screen: header, side-by-side rows, the selected row's details, the details panel."""

from __future__ import annotations

import dataclasses
import re
import threading
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
from textual.widgets import Input, Static
from textual.worker import Worker, WorkerState

from comparer.core import collector
from comparer.core.model import Alignment, Article, Comparison, Document, Settings, Side
from comparer.core.rows import Articles, Row, RowKind, Unaligned, rows, unaligned_rows
from comparer.report.safe import one_line
from comparer.ui.background import Stopped, in_daemon_thread
from comparer.ui.early import EarlyComparison, Gone
from comparer.ui.early import Progress as EarlyProgress
from comparer.ui.early import Segmented as EarlySegmented
from comparer.ui.screens.export import Exporter
from comparer.ui.screens.help import HelpScreen
from comparer.ui.screens.row import RowScreen
from comparer.ui.widgets.details import DetailsPanel
from comparer.ui.widgets.footer import ReaderFooter
from comparer.ui.widgets.header import RowInfo, SummaryHeader, ViewState
from comparer.ui.widgets.layout import clean, found_in, side_label, stacks
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

    def __init__(
        self, doc_a: Document, doc_b: Document, settings: Settings, early: EarlyComparison | None = None
    ) -> None:
        super().__init__()
        self.doc_a = doc_a
        self.doc_b = doc_b
        self._early = early
        """The first run's comparison, already under way in another process (see ``early``)."""
        self._cold = False
        """Whether the comparison came from the early process, so that this one has not yet
        imported what comparing needs."""
        self.threshold = settings.threshold
        """The current shift of the link thresholds."""
        self.lexical = settings.lexical
        """Whether the reader asked for words only (``--lexical``): then no meaning model runs."""
        self.by_meaning = not settings.lexical
        """Whether the reader wants the meaning-aware alignment shown once it is ready (``m``
        switches); the alignment by words is always computed first and shown meanwhile."""
        self._alignments: dict[str, Comparison] = {}
        """This run's comparisons by ``Alignment.kind`` ("lexical", "meaning"), to switch at once."""
        self._meaning_worker: Worker[Comparison] | None = None
        self._meaning_run = 0
        """The run whose meaning-aware comparison the worker computes."""
        self.comparison: Comparison | None = None
        """The latest comparison, A and B as given."""
        self.articles: tuple[Article, Article] | None = None
        """Both documents cut into sentences: known before the comparison, and reused by it."""
        self.follow = Side.A
        """Whose sentence order the rows follow (of the sides as shown)."""
        self.row_filter = "all"
        self.swapped = False
        self.search_text = ""
        self._align_worker: Worker[Comparison] | None = None
        self._failed = False
        self._shown: tuple[tuple[int, bool], Comparison] | None = None
        self._total_rows = 0
        """Rows before filtering, counted when the rows are rebuilt."""
        self._run = 0
        """Which comparison run is the newest: progress from older runs is ignored."""
        self._progress = ""
        self._exporter = Exporter(self, self._require_shown)
        """The export flow: the dialog, the question before replacing a file, the write."""
        self._collector = collector.Hold()
        """The collector paused from the start of a run until its rows are on screen, then
        everything alive set aside from its full passes (one pause and one freeze at most)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="main"):
            yield SummaryHeader(id="summary")
            with Horizontal(id="body"):
                yield RowView(id="rows")
                yield DetailsPanel(id="details")
            yield RowInfo(id="info")
            yield Input(placeholder="Search (enter to find, escape to cancel)", id="search")
            yield Input(placeholder="Go to sentence: A12 or B7 (enter to go, escape to cancel)", id="goto")
        yield Static(id="too-small")
        yield ReaderFooter()

    def on_mount(self) -> None:
        views = self.query(RowView)
        if not views or not self.is_attached:
            # Ctrl+C while the app starts: it is quitting, and its nodes may be gone already.
            return
        self._fit(self.app.size.width, self.app.size.height)
        views.first().focus()
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

    class Segmented(Message):
        """The comparison in the background has cut both documents into sentences."""

        def __init__(self, articles: tuple[Article, Article]) -> None:
            super().__init__()
            self.articles = articles

    def align(self) -> None:
        """(Re-)run the comparison in the background; the newest run wins, older ones stop."""
        # The alignment by words first, always: the screen never waits for the meaning model.
        settings = Settings(threshold=self.threshold, lexical=True)
        self._alignments = {}
        if self._meaning_worker is not None:
            self._meaning_worker.cancel()  # the older run's: its thread stops at its next check
        view = self.query_one(RowView)
        view.loading = view.source is None
        self._run += 1
        self._progress = ""
        self._failed = False
        run = self._run
        self._collector.take()

        early, self._early = self._early, None  # only the first run can be the one it computes
        if early is not None and not early.serves(self.doc_a, self.doc_b, settings):
            early.close()
            early = None

        async def work() -> Comparison:
            compute = partial(self._compare, run, settings, early)
            return await in_daemon_thread(compute, name="comparer-align")

        self._align_worker = self.run_worker(
            work, name="align", group="align", exclusive=True, exit_on_error=False
        )
        self._refresh_header()

    def _compare(
        self, run: int, settings: Settings, early: EarlyComparison | None, check: Callable[[], None]
    ) -> Comparison:
        """The comparison, in the background thread (``post_message`` is safe from any thread):
        the early one's when it is given and succeeds, otherwise computed here."""
        articles = self.articles

        def progress(stage: str, fraction: float) -> None:
            check()  # a newer run or quitting stops this one here
            self.post_message(self.Progress(run, stage, fraction))

        if early is not None:
            try:
                for result in early.results(check):
                    if isinstance(result, EarlySegmented):
                        articles = result.articles
                        self.post_message(self.Segmented(articles))
                    elif isinstance(result, EarlyProgress):
                        progress(result.stage, result.fraction)
                    else:
                        self._cold = True
                        return result
            except Gone:
                pass  # the child failed or died: compare here, with its sentences if it sent them
        from comparer.core.compare import compare, segmented

        if articles is None:
            articles = segmented(self.doc_a, self.doc_b)
            self.post_message(self.Segmented(articles))
        return compare(self.doc_a, self.doc_b, settings, progress, articles=articles)

    def _warm_up(self) -> None:
        """Import what comparing needs (NLTK) while the reader reads, not when they first press
        + or -: the early comparison imported it in its own process, not in this one."""
        from comparer.core.compare import warm_up

        threading.Thread(target=warm_up, name="comparer-warm-up", daemon=True).start()

    def on_review_screen_segmented(self, event: Segmented) -> None:
        self.articles = event.articles
        if self.comparison is None:
            short = sum(len(article.sentences) for article in event.articles) < SHORT_PAIR
            if short:
                self.set_timer(SHORT_WAIT, self._show_unaligned)
            else:
                self._show_unaligned()

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
        if self.busy:
            progress = f" ({self._progress})" if self._progress else ""
            self.notify(f"Still aligning{progress}: {what} once it has finished.", timeout=3, markup=False)
        else:
            self.notify(f"There is no comparison ({what} needs one).", severity="warning", markup=False)
        return False

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
        if event.worker is self._meaning_worker:
            self._meaning_done(event)
            return
        if event.worker is not self._align_worker:
            return
        view = self.query_one(RowView)
        if event.state is WorkerState.SUCCESS and isinstance(event.worker.result, Comparison):
            first = self.comparison is None
            if first:
                view.select_on_screen()  # the reader's place: what they are looking at
            keep = self._anchor()
            self._alignments[event.worker.result.alignment.kind] = event.worker.result
            self.comparison = event.worker.result
            view.loading = False
            self.query_one(DetailsPanel).show(self._require_shown())
            self._show_rows(keep, hold=first)
            self.call_after_refresh(self._settle_collector)  # once the aligned rows are on screen
            if self.by_meaning and not self.lexical:
                # Its thread imports what comparing needs: a warm-up importing the same modules
                # in another thread at once can meet them half-initialised (NLTK's circular
                # imports), so it is the warm-up.
                self._cold = False
                self._align_by_meaning()
            elif self._cold:
                self._cold = False
                self.call_after_refresh(self._warm_up)
        elif event.state is WorkerState.ERROR:
            self._collector.drop()
            self._failed = True
            view.loading = False
            view.empty_message = "The comparison failed."
            self.notify(f"Comparison failed: {event.worker.error}", severity="error", markup=False)
        self._refresh_header()

    # -- the meaning-aware alignment ------------------------------------------------------------

    def _align_by_meaning(self) -> None:
        """Compute the meaning-aware comparison off the event loop, with this run's sentences; it
        replaces the alignment by words when it comes (``_meaning_done``). In a Textual worker
        whose thread is a daemon (``in_daemon_thread``), as the alignment's: quitting or a newer
        run never waits for the model."""
        lexical = self._alignments.get("lexical")
        if self.lexical or lexical is None:
            return
        run, articles = self._run, (lexical.a, lexical.b)
        settings = Settings(threshold=self.threshold, lexical=False)

        def compute(check: Callable[[], None]) -> Comparison:
            from comparer.core import sense

            longest = max(len(article.sentences) for article in articles)
            if longest > sense.MAX_SENTENCES:
                # compare() would say so too, after aligning by words all over again.
                note = f"words only: above {sense.MAX_SENTENCES} sentences a side"
                return dataclasses.replace(lexical, alignment=Alignment(note=note))
            from comparer.core.compare import compare

            check()
            progress = lambda stage, fraction: check()  # noqa: E731  (a newer run stops this one)
            return compare(self.doc_a, self.doc_b, settings, progress, articles=articles)

        async def work() -> Comparison:
            return await in_daemon_thread(compute, name="comparer-meaning")

        self._meaning_run = run
        self._meaning_worker = self.run_worker(
            work, name="meaning", group="meaning", exclusive=True, exit_on_error=False
        )
        self._refresh_header()

    def _meaning_done(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR and not isinstance(event.worker.error, Stopped):
            self.notify(
                f"The meaning model failed ({one_line(str(event.worker.error))}); the rows stay by words.",
                severity="warning",
                markup=False,
            )
        elif event.state is WorkerState.SUCCESS and isinstance(event.worker.result, Comparison):
            if self._meaning_run != self._run:
                return  # a newer run (the threshold changed) has started its own
            result = event.worker.result
            self._alignments["meaning"] = result  # by words when the model could not be used
            if result.alignment.note:
                self._say_meaning_skipped(result)
            if self.by_meaning and result.alignment.kind == "meaning":
                self._show_alignment(result)
        self._refresh_header()

    def _say_meaning_skipped(self, comparison: Comparison) -> None:
        why = comparison.alignment.note.removeprefix("words only: ")
        self.notify(
            f"No alignment by meaning: {why}. The rows stay by words.", severity="warning", markup=False
        )

    @property
    def meaning_busy(self) -> bool:
        """Whether the meaning-aware comparison of this run is still being computed."""
        worker = self._meaning_worker
        return worker is not None and worker.state in (WorkerState.PENDING, WorkerState.RUNNING)

    def _show_alignment(self, comparison: Comparison) -> None:
        """Show another alignment of the same documents, the selected sentence on the same line."""
        keep = self._anchor()
        self.comparison = comparison
        self.query_one(DetailsPanel).show(self._require_shown())
        self._show_rows(keep, hold=True)

    def action_toggle_meaning(self) -> None:
        if self.lexical:
            self.notify("Started with --lexical: this screen compares by words only.", markup=False)
            return
        if not self._need_comparison("the alignment can change"):
            return
        self.by_meaning = not self.by_meaning
        wanted = self._alignments.get("meaning" if self.by_meaning else "lexical")
        if wanted is not None and wanted is not self.comparison:
            self._show_alignment(wanted)
        elif self.by_meaning and wanted is None and not self.meaning_busy:
            self._align_by_meaning()
        elif self.by_meaning and wanted is not None and wanted.alignment.note:
            self._say_meaning_skipped(wanted)
        self._refresh_header()

    def alignment_label(self) -> str:
        """Which alignment the rows show, for the header: "by meaning", or "by words" and why."""
        comparison = self.comparison
        if comparison is None:
            return ""
        if comparison.alignment.kind == "meaning":
            return "by meaning"
        if self.lexical:
            return "by words (--lexical)"
        meaning = self._alignments.get("meaning")
        if meaning is not None and meaning.alignment.note:
            return f"by words (meaning skipped: {meaning.alignment.note.removeprefix('words only: ')})"
        if self.by_meaning and self.meaning_busy:
            return "by words, ⟳ meaning"
        return "by words (m: meaning)"

    def _settle_collector(self) -> None:
        """Collect and freeze once the aligned rows are drawn, unless a newer run has started
        meanwhile (its pause holds until its own rows come) or the screen has gone."""
        if self.is_attached and not self.busy:
            self._collector.settle()

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

        An unaligned row holds two unrelated sentences: the one the search found, if only one
        did, is the reader's place; otherwise the left one, as for any row.
        """
        row = self.query_one(RowView).selected_row
        if row is None:
            return None
        side = Side.A if row.a else Side.B
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
        state = ViewState(
            follow=self.follow,
            filter=self.row_filter,
            threshold=self.threshold,
            swapped=self.swapped,
            query=self.search_text,
            matches=sum(1 for row in view.rows if self._matches(row)) if self.search_text else 0,
            busy=self.busy,
            progress=self._progress if self.busy else "",
            failed=self._failed,
            shown=len(view.rows),
            total=self._total_rows,
            alignment=self.alignment_label(),
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
        self._collector.release()

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
        if event.key != "escape":
            return
        for box in self.query("#search, #goto").results(Input):
            if box.has_focus:
                event.stop()
                self._open_now(box, False)

    def _close_search(self) -> None:
        self._open_now(self.query_one("#search", Input), False)

    # -- go to a sentence ---------------------------------------------------------------------

    def action_goto(self) -> None:
        box = self.query_one("#goto", Input)
        box.value = ""
        self._open_now(box, True)

    @on(Input.Submitted, "#goto")
    def _goto_submitted(self, event: Input.Submitted) -> None:
        self._open_now(self.query_one("#goto", Input), False)
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
            self.row_filter = "all"
            self.notify("Filter set to all to show that sentence.", timeout=3)
            self._show_rows()
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
        self._show_rows()

    def action_switch_order(self) -> None:
        if not self._need_comparison("the order can change"):
            return
        self.follow = self.follow.other
        self._show_rows()

    def action_swap(self) -> None:
        keep = self._anchor()
        self.swapped = not self.swapped
        self.follow = self.follow.other
        if self.shown is not None:
            self.query_one(DetailsPanel).show(self.shown)
            self._show_rows(keep)
        elif self.unaligned is not None:
            self._show_unaligned()
        self._refresh_header()

    def action_threshold(self, direction: int) -> None:
        threshold = round(self.threshold + direction * THRESHOLD_STEP, 2)
        # Only a step outward is refused: started beyond the limit (--threshold takes -1..1),
        # the keys still walk back toward 0.
        if abs(threshold) > THRESHOLD_LIMIT + 1e-9 and abs(threshold) > abs(self.threshold):
            self.notify(f"The threshold stays within ±{THRESHOLD_LIMIT:.2f}.", severity="warning")
            return
        self.threshold = threshold
        self.align()

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
            self.row_filter = "all"
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
