"""The comparison runs behind the review screen: the alignment by words in a background thread
(or the early process's), then the meaning-aware one; the newest run wins, older ones stop."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from textual.message import Message
from textual.worker import Worker, WorkerState

from comparer.core import collector
from comparer.core.model import Alignment, Article, Comparison, Settings
from comparer.report.safe import one_line
from comparer.ui.background import Stopped, in_daemon_thread
from comparer.ui.early import EarlyComparison, Gone
from comparer.ui.early import Progress as EarlyProgress
from comparer.ui.early import Segmented as EarlySegmented

if TYPE_CHECKING:
    from comparer.ui.screens.review import ReviewScreen


@dataclass(frozen=True)
class RunState:
    """Where the comparison stands, as the header reports it."""

    busy: bool = False
    """A comparison runs in the background."""
    progress: str = ""
    """What it is doing, with how far along it is ("scoring sentence pairs, 45%")."""
    failed: bool = False
    """The last run ended in an error: there is no comparison to show."""
    alignment: str = ""
    """Which alignment the rows show: "by meaning", or "by words" and why."""


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


class ComparisonRuns:
    """Starts and follows the comparisons of one review screen.

    The screen owns what is shown; this owns the workers, which run is the newest, the early
    comparison, the meaning-aware alignment and the collector's pause. It tells the screen what
    came (``ReviewScreen.comparison_came``, ``comparison_failed``, ``show_alignment``) and keeps
    the screen's ``run_state`` up to date, from which the header redraws itself.
    """

    def __init__(self, screen: ReviewScreen, settings: Settings, early: EarlyComparison | None) -> None:
        self.screen = screen
        self.lexical = settings.lexical
        """Whether the reader asked for words only (``--lexical``): then no meaning model runs."""
        self.by_meaning = not settings.lexical
        """Whether the reader wants the meaning-aware alignment shown once it is ready (``m``
        switches); the alignment by words is always computed first and shown meanwhile."""
        self.alignments: dict[str, Comparison] = {}
        """This run's comparisons by ``Alignment.kind`` ("lexical", "meaning"), to switch at once."""
        self.meaning_worker: Worker[Comparison] | None = None
        self._meaning_run = 0
        """The run whose meaning-aware comparison the worker computes."""
        self._early = early
        """The first run's comparison, already under way in another process (see ``early``)."""
        self._cold = False
        """Whether the comparison came from the early process, so that this one has not yet
        imported what comparing needs."""
        self._align_worker: Worker[Comparison] | None = None
        self._run = 0
        """Which comparison run is the newest: progress from older runs is ignored."""
        self._progress = ""
        self._failed = False
        self.collector = collector.Hold()
        """The collector paused from the start of a run until its rows are on screen, then
        everything alive set aside from its full passes (one pause and one freeze at most)."""

    # -- state ----------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._align_worker is not None and self._align_worker.state in (
            WorkerState.PENDING,
            WorkerState.RUNNING,
        )

    @property
    def meaning_busy(self) -> bool:
        """Whether the meaning-aware comparison of this run is still being computed."""
        worker = self.meaning_worker
        return worker is not None and worker.state in (WorkerState.PENDING, WorkerState.RUNNING)

    @property
    def progress(self) -> str:
        return self._progress if self.busy else ""

    def alignment_label(self) -> str:
        """Which alignment the rows show, for the header: "by meaning", or "by words" and why."""
        comparison = self.screen.comparison
        if comparison is None:
            return ""
        if comparison.alignment.kind == "meaning":
            return "by meaning"
        if self.lexical:
            return "by words (--lexical)"
        meaning = self.alignments.get("meaning")
        if meaning is not None and meaning.alignment.note:
            return f"by words (meaning skipped: {meaning.alignment.note.removeprefix('words only: ')})"
        if self.by_meaning and self.meaning_busy:
            return "by words, ⟳ meaning"
        return "by words (m: meaning)"

    def state(self) -> RunState:
        return RunState(self.busy, self.progress, self._failed, self.alignment_label())

    def _report(self) -> None:
        """Tell the screen where the runs stand (its header follows ``run_state``)."""
        self.screen.run_state = self.state()

    # -- the alignment by words -------------------------------------------------------------------

    def start(self, threshold: float) -> None:
        """(Re-)run the comparison in the background; the newest run wins, older ones stop."""
        # The alignment by words first, always: the screen never waits for the meaning model.
        settings = Settings(threshold=threshold, lexical=True)
        self.alignments = {}
        if self.meaning_worker is not None:
            self.meaning_worker.cancel()  # the older run's: its thread stops at its next check
        self._run += 1
        self._progress = ""
        self._failed = False
        run = self._run
        self.collector.take()

        early, self._early = self._early, None  # only the first run can be the one it computes
        screen = self.screen
        if early is not None and not early.serves(screen.doc_a, screen.doc_b, settings):
            early.close()
            early = None

        async def work() -> Comparison:
            compute = partial(self._compare, run, settings, early)
            return await in_daemon_thread(compute, name="comparer-align")

        self._align_worker = screen.run_worker(
            work, name="align", group="align", exclusive=True, exit_on_error=False
        )
        self._report()

    def _compare(
        self, run: int, settings: Settings, early: EarlyComparison | None, check: Callable[[], None]
    ) -> Comparison:
        """The comparison, in the background thread (``post_message`` is safe from any thread):
        the early one's when it is given and succeeds, otherwise computed here."""
        screen = self.screen
        articles = screen.articles

        def progress(stage: str, fraction: float) -> None:
            check()  # a newer run or quitting stops this one here
            screen.post_message(Progress(run, stage, fraction))

        if early is not None:
            try:
                for result in early.results(check):
                    if isinstance(result, EarlySegmented):
                        articles = result.articles
                        screen.post_message(Segmented(articles))
                    elif isinstance(result, EarlyProgress):
                        progress(result.stage, result.fraction)
                    else:
                        self._cold = True
                        return result
            except Gone:
                pass  # the child failed or died: compare here, with its sentences if it sent them
        from comparer.core.compare import compare, segmented

        if articles is None:
            articles = segmented(screen.doc_a, screen.doc_b)
            screen.post_message(Segmented(articles))
        return compare(screen.doc_a, screen.doc_b, settings, progress, articles=articles)

    def _warm_up(self) -> None:
        """Import what comparing needs (NLTK) while the reader reads, not when they first press
        + or -: the early comparison imported it in its own process, not in this one."""
        from comparer.core.compare import warm_up

        threading.Thread(target=warm_up, name="comparer-warm-up", daemon=True).start()

    def progressed(self, event: Progress) -> None:
        if event.run != self._run or not self.busy:
            return  # a superseded run, or one that has finished meanwhile
        text = f"{event.stage}, {round(event.fraction * 100)}%"
        if text != self._progress:
            self._progress = text
            self._report()

    def worker_changed(self, event: Worker.StateChanged) -> None:
        """Follow the workers: a comparison that came goes to the screen."""
        if event.worker is self.meaning_worker:
            self._meaning_done(event)
            return
        if event.worker is not self._align_worker:
            return
        if event.state is WorkerState.SUCCESS and isinstance(event.worker.result, Comparison):
            result = event.worker.result
            self.alignments[result.alignment.kind] = result
            self.screen.comparison_came(result)
            self.screen.call_after_refresh(self._settle_collector)  # once the rows are on screen
            if self.by_meaning and not self.lexical:
                # Its thread imports what comparing needs: a warm-up importing the same modules
                # in another thread at once can meet them half-initialised (NLTK's circular
                # imports), so it is the warm-up.
                self._cold = False
                self.align_by_meaning()
            elif self._cold:
                self._cold = False
                self.screen.call_after_refresh(self._warm_up)
        elif event.state is WorkerState.ERROR:
            self.collector.drop()
            self._failed = True
            self.screen.comparison_failed(event.worker.error)
        self._report()

    def _settle_collector(self) -> None:
        """Collect and freeze once the aligned rows are drawn, unless a newer run has started
        meanwhile (its pause holds until its own rows come) or the screen has gone."""
        if self.screen.is_attached and not self.busy:
            self.collector.settle()

    # -- the meaning-aware alignment ------------------------------------------------------------

    def align_by_meaning(self) -> None:
        """Compute the meaning-aware comparison off the event loop, with this run's sentences; it
        replaces the alignment by words when it comes (``_meaning_done``). In a Textual worker
        whose thread is a daemon (``in_daemon_thread``), as the alignment's: quitting or a newer
        run never waits for the model."""
        lexical = self.alignments.get("lexical")
        if self.lexical or lexical is None:
            return
        screen = self.screen
        run, articles = self._run, (lexical.a, lexical.b)
        settings = Settings(threshold=screen.threshold, lexical=False)

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
            return compare(screen.doc_a, screen.doc_b, settings, progress, articles=articles)

        async def work() -> Comparison:
            return await in_daemon_thread(compute, name="comparer-meaning")

        self._meaning_run = run
        self.meaning_worker = screen.run_worker(
            work, name="meaning", group="meaning", exclusive=True, exit_on_error=False
        )
        self._report()

    def _meaning_done(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR and not isinstance(event.worker.error, Stopped):
            self.screen.notify(
                f"The meaning model failed ({one_line(str(event.worker.error))}); the rows stay by words.",
                severity="warning",
                markup=False,
            )
        elif event.state is WorkerState.SUCCESS and isinstance(event.worker.result, Comparison):
            if self._meaning_run != self._run:
                return  # a newer run (the threshold changed) has started its own
            result = event.worker.result
            self.alignments["meaning"] = result  # by words when the model could not be used
            if result.alignment.note:
                self._say_meaning_skipped(result)
            if self.by_meaning and result.alignment.kind == "meaning":
                self.screen.show_alignment(result)
        self._report()

    def _say_meaning_skipped(self, comparison: Comparison) -> None:
        why = comparison.alignment.note.removeprefix("words only: ")
        self.screen.notify(
            f"No alignment by meaning: {why}. The rows stay by words.", severity="warning", markup=False
        )

    def toggle_meaning(self) -> None:
        """Switch between the alignment by meaning and the one by words (``m``)."""
        self.by_meaning = not self.by_meaning
        wanted = self.alignments.get("meaning" if self.by_meaning else "lexical")
        if wanted is not None and wanted is not self.screen.comparison:
            self.screen.show_alignment(wanted)
        elif self.by_meaning and wanted is None and not self.meaning_busy:
            self.align_by_meaning()
        elif self.by_meaning and wanted is not None and wanted.alignment.note:
            self._say_meaning_skipped(wanted)
        self._report()
