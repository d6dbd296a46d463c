"""The sources screen (three or more inputs): Pilot tests of its keys, and SVG snapshots at
120x40 and 80x24 with three and five sources. Look at each snapshot before accepting it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from comparer.core.document import load
from comparer.core.model import Document
from comparer.core.sources import Carried
from comparer.ui.app import ComparerApp, make_app
from comparer.ui.screens.sources import SourcesScreen
from comparer.ui.widgets.sourcerows import SourceRows
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
