"""Pilot tests: the review screen's view state is reactive; setting it redraws what shows it."""

from __future__ import annotations

import pytest

from comparer.core.model import Side
from comparer.core.rows import RowKind
from comparer.ui.widgets.header import SummaryHeader
from tests.ui.conftest import AppFactory, aligned, plain, review, settle, view_of

pytestmark = pytest.mark.asyncio


async def test_setting_the_view_state_redraws_the_rows_and_the_header(seeds_app: AppFactory) -> None:
    async with seeds_app().run_test(size=(120, 40)) as pilot:
        await aligned(pilot)
        screen, view = review(pilot), view_of(pilot)

        def header() -> str:
            return plain(screen.query_one(SummaryHeader))

        screen.row_filter = "only-in"
        assert {row.kind for row in view.rows} == {RowKind.ONLY_A, RowKind.ONLY_B}
        assert f"filter: only-in ({len(view.rows)}/" in header()
        screen.row_filter = "all"
        screen.follow = Side.B
        assert "order: B" in header()
        assert all(row.follow is Side.B for row in view.rows)
        screen.search_text = "Kremlin"
        assert "search: Kremlin" in header() and view.search_text == "Kremlin"
        screen.threshold = -0.1
        assert screen.busy and "threshold -0.10" in header(), "a new threshold compares again"
        # The worker is done (``busy`` false) a moment before its result reaches the screen:
        # wait for the comparison itself.
        await settle(
            pilot,
            lambda: screen.comparison is not None and screen.comparison.settings.threshold == -0.1,
            "the new comparison",
        )
        assert not screen.busy
