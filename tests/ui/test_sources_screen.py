"""The sources screen (three or more inputs): Pilot tests of its keys, and SVG snapshots at
120x40 and 80x24 with three and five sources. Look at each snapshot before accepting it."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Static

from comparer.core.document import load
from comparer.core.model import Conflict, ConflictKind, Document, Span
from comparer.core.sources import Carried, compare_sources, compose
from comparer.ui.app import ComparerApp, make_app
from comparer.ui.screens.help import HelpScreen
from comparer.ui.screens.sources import SourcesScreen
from comparer.ui.widgets.sourcerows import SourceRows, reading_rows, render_row
from tests.ui.conftest import plain, settle
from tests.unit.test_sources import FIVE

asyncio = pytest.mark.asyncio


@pytest.fixture(scope="module")
def five_docs() -> list[Document]:
    return [load(str(path)) for path in FIVE]


def sources_app(docs: list[Document]) -> ComparerApp:
    return make_app(docs[0], docs[1], more=tuple(docs[2:]))


def screen_of(pilot: Pilot[Any]) -> SourcesScreen:
    screen = pilot.app.screen_stack[0]
    assert isinstance(screen, SourcesScreen)
    return screen


async def compared(pilot: Pilot[Any]) -> tuple[SourcesScreen, SourceRows]:
    """Wait for the comparison of the sources to be shown; the screen and its rows."""
    await pilot.app.workers.wait_for_complete()

    def shown() -> bool:
        views = screen_of(pilot).query(SourceRows)
        return bool(views) and bool(views.first().rows)

    await settle(pilot, shown, "the sources to be compared")
    await pilot.pause()
    screen = screen_of(pilot)
    return screen, screen.query_one(SourceRows)


def after(*keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await compared(pilot)
        if keys:
            await pilot.press(*keys)
        await pilot.pause()

    return run_before


@asyncio
async def test_reading_column_marks_and_switching(five_docs: list[Document]) -> None:
    app = sources_app(five_docs)
    async with app.run_test(size=(80, 24)) as pilot:
        screen, view = await compared(pilot)
        assert screen.current == 0
        own = [row for row in view.rows if row.source == 0]
        assert [row.sentence for row in own] == [s.index for s in screen.sources.articles[0].sentences]  # type: ignore[union-attr]
        peskov = next(row for row in own if row.sentence == 11)
        assert all(peskov.marks[k] is not Carried.ABSENT for k in range(1, 5))
        assert {k for k, _, _ in peskov.others} == {1, 2, 3, 4}
        # Sentences A lacks are rows too, where they stand: Podolyak's (B9) is one.
        assert any(row.source == 1 and row.sentence == 8 for row in view.rows)
        assert "Reading A (1 of 5)" in plain(screen.query_one("#sources-header"))

        view.highlighted = view.rows.index(peskov)
        await pilot.press("s")  # read B: the selected fact stays selected
        assert screen.current == 1
        row = view.rows[view.highlighted or 0]
        assert row.source == 1 and (0, 11) in {(k, y) for k, y, _ in row.others}
        assert "Reading B (2 of 5)" in plain(screen.query_one("#sources-header"))
        await pilot.press("S", "5")
        assert screen.current == 4
        await pilot.press("1")
        assert screen.current == 0


@asyncio
async def test_jumps_to_what_only_the_source_read_has_and_to_disagreements(five_docs: list[Document]) -> None:
    app = sources_app(five_docs)
    async with app.run_test(size=(120, 40)) as pilot:
        screen, view = await compared(pilot)
        seen = []
        for _ in range(len(screen.sources.only_in[0])):  # type: ignore[union-attr]
            await pilot.press("o")
            row = view.rows[view.highlighted or 0]
            assert row.only_in(0)
            seen.append(row.sentence)
        assert seen == list(screen.sources.only_in[0])  # type: ignore[union-attr]
        await pilot.press("O")
        assert view.rows[view.highlighted or 0].sentence == seen[-2]
        info = plain(screen.query_one("#sources-info"))
        assert "B missing, C missing, D missing, E missing" in info

        await pilot.press("home", "right_square_bracket")
        first = view.highlighted or 0
        assert view.rows[first].disagreement
        assert first > 0 and not any(row.disagreement for row in view.rows[1:first])
        await pilot.press("right_square_bracket", "left_square_bracket")
        assert view.highlighted == first


@asyncio
async def test_three_sources_and_quitting(five_docs: list[Document]) -> None:
    app = sources_app(five_docs[:3])
    async with app.run_test(size=(80, 24)) as pilot:
        screen, view = await compared(pilot)
        assert all(len(row.marks) == 3 for row in view.rows)
        await pilot.press("4")  # no fourth source: nothing happens
        assert screen.current == 0
        await pilot.press("q")
    assert app.return_code == 0


@pytest.mark.parametrize("count", [3, 5], ids=["3-sources", "5-sources"])
@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_snapshot(snap_compare: Any, five_docs: list[Document], count: int, size: tuple[int, int]) -> None:
    assert snap_compare(sources_app(five_docs[:count]), terminal_size=size, run_before=after())


def test_snapshot_five_reading_c_after_a_jump(snap_compare: Any, five_docs: list[Document]) -> None:
    app = sources_app(five_docs)
    assert snap_compare(app, terminal_size=(80, 24), run_before=after("3", "right_square_bracket"))


@asyncio
async def test_help_lists_the_keys_and_the_marks(five_docs: list[Document]) -> None:
    app = sources_app(five_docs[:3])
    async with app.run_test(size=(100, 40)) as pilot:
        await compared(pilot)
        await pilot.press("question_mark")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        shown = "\n".join(plain(widget) for widget in help_screen.query(Static))
        assert "Read the next source" in shown and "Next sentence only the source read has" in shown
        assert "B!" in shown and "states part of it differently" in shown
        assert "only in A: no sentence of B" not in shown  # the two-article legend is not this one
        await pilot.press("escape")
        assert isinstance(app.screen, SourcesScreen)


def test_a_conflict_is_marked_on_the_row_and_in_words(five_docs: list[Document]) -> None:
    sources = compare_sources(five_docs[:3])
    comparisons = list(sources.comparisons)
    first = comparisons[0].links[0]
    disputed = dataclasses.replace(
        first, conflicts=(Conflict(ConflictKind.NEGATION, Span(0, 0), Span(0, 3)),)
    )
    comparisons[0] = dataclasses.replace(comparisons[0], links=(disputed, *comparisons[0].links[1:]))
    disputing = compose(sources.articles, comparisons)
    row = next(r for r in reading_rows(disputing, 0) if r.source == 0 and r.sentence == first.a[0])
    assert row.marks[1] is Carried.CONFLICT and row.disagreement
    assert all(carried is Carried.CONFLICT for k, _, carried in row.others if k == 1)
    console = Console(width=100, file=io.StringIO(), record=True)
    console.print(render_row(disputing, row, 0))
    assert "B!" in console.export_text()
