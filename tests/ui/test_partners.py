"""Pilot tests: a sentence with several partners is one row, and every way of moving through the
rows (go to, search, filters, next difference, the order, Enter) still finds it."""

from __future__ import annotations

import pytest

from comparer.core.model import Side
from comparer.ui.screens.row import RowScreen
from comparer.ui.widgets.header import RowInfo
from tests.ui.conftest import AppFactory, aligned, plain, review, screen_text, settle, view_of

pytestmark = pytest.mark.asyncio

LOWER = -0.04
"""A slightly lower bar, at which A11 ("Russia retains the right to respond") links to B2 and
to B5 on the sample pair."""


async def test_a_sentence_with_two_partners_is_one_row_listing_both(seeds_app: AppFactory) -> None:
    async with seeds_app(threshold=LOWER).run_test(size=(120, 40)) as pilot:
        await aligned(pilot)
        screen, view = review(pilot), view_of(pilot)
        assert screen.go_to("A11")
        row = view.selected_row
        assert row is not None and row.a == (10,) and row.b == (1, 4) and len(row.links) == 2
        assert sum(1 for r in view.rows if 10 in r.a) == 1
        await pilot.pause()
        info = plain(screen.query_one(RowInfo))
        assert "2 links · A11 ↔ B2,B5" in info
        for link in row.links:
            assert f"B{link.b[0] + 1} {link.score:.2f}" in info
        drawn = screen_text(view)
        for link in row.links:
            assert f"{link.kind.value} · score {link.score:.2f}" in drawn, "each partner's verdict"
        # Go to a partner: the first row that holds it (B2 is A1's partner too).
        for partner in (1, 4):
            assert screen.go_to(f"B{partner + 1}")
            assert view.selected_row == next(r for r in view.rows if partner in r.b)
        assert [r.a for r in view.rows if 1 in r.b] == [(0,), (10,)], "B2 in the row of each of its partners"
        # Following B, A11 sits in the row of each of its partners.
        await pilot.press("o")
        assert screen.follow is Side.B
        holding = [r for r in view.rows if 10 in r.a]
        assert len(holding) == 2 and all(any(10 in link.a for link in r.links) for r in holding)
        assert view.selected_row is not None and 10 in view.selected_row.a, "the selection stays on A11"


async def test_search_filters_and_next_difference_reach_the_row(seeds_app: AppFactory) -> None:
    async with seeds_app(threshold=LOWER).run_test(size=(120, 40)) as pilot:
        await aligned(pilot)
        screen, view = review(pilot), view_of(pilot)
        await pilot.press("slash", *"countermeasures", "enter")
        assert view.selected_row is not None and view.selected_row.a == (10,), "found in its partner B5"
        await pilot.press("f")  # differences: the row's partners carry words A lacks
        assert screen.row_filter == "differences"
        await pilot.press("f", "f", "f")
        assert screen.row_filter == "linked"
        assert any(r.a == (10,) for r in view.rows)
        # ] visits every row that differs, and only those.
        shown = screen.shown
        assert shown is not None
        differing = {r.a for r in view.rows if r.differs(shown)}
        assert differing
        assert screen.go_to("A1")
        seen = set()
        for _ in range(len(view.rows)):
            await pilot.press("right_square_bracket")
            assert view.selected_row is not None
            seen.add(view.selected_row.a)
        assert seen == differing


async def test_enter_on_the_row_shows_each_partner_with_its_verdict(seeds_app: AppFactory) -> None:
    async with seeds_app(threshold=LOWER).run_test(size=(80, 24)) as pilot:
        await aligned(pilot)
        screen, view = review(pilot), view_of(pilot)
        assert screen.go_to("A11")
        row = view.selected_row
        assert row is not None
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(pilot.app.screen, RowScreen), "the opened row")
        text = plain(pilot.app.screen.query_one("#row-detail"))
        assert "A11 with 2 links to B" in text
        for link in row.links:
            assert f"{link.kind.value} · score {link.score:.2f}" in text
        assert text.index("B2") < text.index("B5")


async def test_a_row_keeps_its_place_by_its_own_sentence(seeds_app: AppFactory) -> None:
    """Following B, the row of B5 lists A11, which is B2's partner too: a new filter keeps the
    row of B5 selected, not the first row that lists A11."""
    async with seeds_app(threshold=LOWER).run_test(size=(120, 40)) as pilot:
        await aligned(pilot)
        screen, view = review(pilot), view_of(pilot)
        await pilot.press("o")
        assert screen.go_to("B5")
        row = view.selected_row
        assert row is not None and row.b == (4,) and 10 in row.a
        assert next(r.b for r in view.rows if 10 in r.a) != (4,), "A11 sits in an earlier row too"
        screen.row_filter = "linked"
        await pilot.pause()
        assert view.selected_row is not None and view.selected_row.b == (4,)
