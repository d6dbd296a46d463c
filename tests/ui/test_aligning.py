"""While the comparison runs: both texts shown unaligned, keys that need it say so, the swap.

A gate holds every comparison the app starts until the test opens it, so the "still aligning"
state lasts exactly as long as each test needs, whatever the speed of the machine.
"""

from __future__ import annotations

import gc
import importlib
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import pytest
from textual.pilot import Pilot

from comparer.core.model import DEFAULT_SETTINGS, Comparison, Document, Settings, Side
from comparer.core.rows import RowKind, rows
from comparer.ui.screens.review import ReviewScreen
from comparer.ui.widgets.details import DetailsPanel
from comparer.ui.widgets.header import RowInfo, SummaryHeader
from tests.ui.conftest import AppFactory, aligned, plain, review, screen_text, settle, view_of

pytestmark = pytest.mark.asyncio

compare_module = importlib.import_module("comparer.core.compare")


@dataclass
class Gate:
    """Comparisons wait here until ``opened`` is set; ``finished`` lists the thresholds of those
    that ran to the end; ``fail`` makes them raise instead."""

    opened: threading.Event = field(default_factory=threading.Event)
    finished: list[float] = field(default_factory=list)
    fail: bool = False


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[Gate]:
    real = compare_module.compare
    held = Gate()

    def gated(
        a: Document, b: Document, settings: Settings = DEFAULT_SETTINGS, progress: Any = None, **kw: Any
    ) -> Comparison:
        while not held.opened.wait(0.02):
            if progress is not None:
                progress("reading sentences", 0.0)  # where a stopped run ends, as in the core
        if held.fail:
            raise RuntimeError("the test made it fail")
        result = real(a, b, settings, progress, **kw)
        held.finished.append(settings.threshold)
        return result

    monkeypatch.setattr(compare_module, "compare", gated)
    yield held
    held.opened.set()  # let any thread still waiting end


async def unaligned(pilot: Pilot[object]) -> None:
    """Wait until the texts are shown unaligned."""

    def shown() -> bool:
        view = view_of(pilot)
        if not view.rows or view.rows[0].kind is not RowKind.UNALIGNED or view.size.height == 0:
            return False
        return bool(view.render_line(0).text.strip())  # measured at its width, not only given rows

    await settle(pilot, shown, "the unaligned texts")


@asynccontextmanager
async def while_aligning(build: AppFactory) -> AsyncIterator[Pilot[object]]:
    """The app on the samples at 120x40, showing the texts unaligned (the gate keeps it so)."""
    async with build().run_test(size=(120, 40)) as pilot:
        await unaligned(pilot)
        yield pilot


def notes(pilot: Pilot[object]) -> list[str]:
    """The messages of the notifications on screen."""
    return [note.message for note in pilot.app._notifications]


async def test_both_texts_are_shown_to_read_before_the_comparison(gate: Gate, seeds_app: AppFactory) -> None:
    async with while_aligning(seeds_app) as pilot:
        screen = review(pilot)
        assert screen.comparison is None and screen.busy and screen.articles is not None
        view = view_of(pilot)
        count_a, count_b = (len(article.sentences) for article in screen.articles)
        assert len(view.rows) == max(count_a, count_b)
        drawn = screen_text(view)
        assert "… A1 " in drawn and "│ B1 " in drawn
        for article in screen.articles:
            assert article.sentences[0].text.split()[0] in drawn
        header = plain(screen.query_one(SummaryHeader))
        assert f"{count_a} sentences in A · {count_b} in B · not aligned" in header
        assert "a-kremlin-accuses-ukraine.txt" in header and "⟳" in header
        # The foot follows the cursor's message, a refresh after the rows are drawn.
        await settle(pilot, lambda: "not aligned yet" in plain(screen.query_one(RowInfo)), "the foot")

        await pilot.press("j", "j", "pagedown", "G", "k")
        assert view.cursor == len(view.rows) - 2
        await pilot.press("g")
        assert view.cursor == 0


async def test_keys_that_need_the_comparison_say_it_is_still_aligning(
    gate: Gate, seeds_app: AppFactory
) -> None:
    async with while_aligning(seeds_app) as pilot:
        screen = review(pilot)
        # Every note as it is posted: on a loaded machine the first ones can time out (3 s) and
        # leave the screen before the last key is pressed.
        said: list[str] = []
        post = pilot.app.notify

        def record(message: str, *args: Any, **kwargs: Any) -> None:
            said.append(message)
            post(message, *args, **kwargs)

        pilot.app.notify = record  # type: ignore[method-assign]
        keys = ["right_square_bracket", "left_square_bracket", "a", "b", "f", "o", "d", "e"]
        for key in keys:
            await pilot.press(key)
        assert pilot.app.screen is screen, "no dialog opened"
        assert not screen.query_one(DetailsPanel).display
        assert screen.row_filter == "all" and screen.follow is Side.A and view_of(pilot).cursor == 0
        assert len(said) == len(keys) and all(note.startswith("Still aligning") for note in said), said
        assert any("the details open" in note for note in said)


async def test_search_and_swap_work_on_the_unaligned_texts(gate: Gate, seeds_app: AppFactory) -> None:
    async with while_aligning(seeds_app) as pilot:
        screen = review(pilot)
        view = view_of(pilot)
        await pilot.press("slash", *"Podolyak", "enter")
        assert screen.articles is not None
        podolyak = next(s.index for s in screen.articles[1].sentences if "Podolyak" in s.text)
        assert view.selected_row is not None and view.selected_row.b == (podolyak,)
        await pilot.press("s")
        assert view.source is not None and view.source.a.document.name == "b-kyiv-denies-involvement.txt"
        assert "sides swapped" in plain(screen.query_one(SummaryHeader))
        assert view.selected_row is not None and view.selected_row.a == (podolyak,)
        await pilot.press("s")
        assert view.source is not None and view.source.a.document.name == "a-kremlin-accuses-ukraine.txt"


async def test_the_aligned_rows_replace_the_texts_where_the_reader_is(
    gate: Gate, seeds_app: AppFactory
) -> None:
    async with while_aligning(seeds_app) as pilot:
        view = view_of(pilot)
        await pilot.press("slash", *"Podolyak", "enter")  # B8, in a row with A8
        line = view._starts[view.cursor] - int(view.scroll_y)
        gate.opened.set()
        await aligned(pilot)
        await pilot.pause()
        screen = review(pilot)
        assert screen.comparison is not None
        assert view.rows == rows(screen.comparison)
        row = view.selected_row
        assert row is not None and row.kind is RowKind.ONLY_B, "the sentence the search found, B8"
        assert any("Podolyak" in screen.comparison.b.sentences[j].text for j in row.b)
        assert view._starts[view.cursor] - int(view.scroll_y) == line, "on the same screen line"
        assert "only in B" in plain(screen.query_one(RowInfo))
        assert "⟳" not in plain(screen.query_one(SummaryHeader))
        for _ in range(100):  # it comes back after the next refresh, which load can delay
            if gc.isenabled():
                break
            await pilot.pause(0.02)
        assert gc.isenabled(), "the collector, paused while aligning, runs again"
        await pilot.press("right_square_bracket", "d")  # the keys that waited now work
        assert screen.query_one(DetailsPanel).display


async def test_a_new_threshold_while_aligning_stops_the_old_run(gate: Gate, seeds_app: AppFactory) -> None:
    async with while_aligning(seeds_app) as pilot:
        await pilot.press("plus")
        assert "threshold +0.05" in plain(review(pilot).query_one(SummaryHeader))
        assert view_of(pilot).rows[0].kind is RowKind.UNALIGNED, "the texts stay while it realigns"
        gate.opened.set()
        await aligned(pilot)
        comparison = review(pilot).comparison
        assert comparison is not None and comparison.settings.threshold == 0.05
        assert gate.finished == [0.05], "the superseded run stopped instead of running to the end"


async def test_quitting_while_aligning_does_not_wait_for_it(gate: Gate, seeds_app: AppFactory) -> None:
    async with while_aligning(seeds_app) as pilot:
        assert not gc.isenabled(), "the collector is paused while aligning"
        await pilot.press("q")
    assert pilot.app.return_code == 0 and not gate.finished
    assert gc.isenabled()


async def test_a_failed_comparison_leaves_the_texts_and_says_so(gate: Gate, seeds_app: AppFactory) -> None:
    async with while_aligning(seeds_app) as pilot:
        gate.fail = True
        gate.opened.set()
        screen = review(pilot)
        # Wait for what the screen says, not for the worker: its state changes a moment before
        # the screen hears of it.
        await settle(
            pilot,
            lambda: "not aligned: the comparison failed" in plain(screen.query_one(SummaryHeader)),
            "the comparison to fail",
        )
        assert not screen.busy
        assert view_of(pilot).rows[0].kind is RowKind.UNALIGNED
        await pilot.press("right_square_bracket")
        assert any("There is no comparison" in note for note in notes(pilot))
        assert isinstance(pilot.app.screen, ReviewScreen)


async def test_a_comparison_leaves_no_cyclic_garbage(docs: tuple[Document, Document]) -> None:
    """The screen pauses the cyclic collector while the core compares (see comparer.core.collector):
    that is only free while the core makes no garbage that only the collector can free."""
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        compare_module.compare(*docs, Settings(lexical=True))  # as the screen compares
        assert gc.collect() == 0
    finally:
        if enabled:
            gc.enable()
