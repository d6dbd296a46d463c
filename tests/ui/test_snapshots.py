"""SVG snapshots of the review screen (pytest-textual-snapshot); look at each before accepting it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from comparer.core.model import Document, Settings
from comparer.ui.app import make_app
from tests.conftest import edited_a
from tests.ui.conftest import AppFactory, aligned, settle


def after(*keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """Wait for the alignment, press ``keys``, and let the screen settle."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await aligned(pilot)
        if keys:
            await pilot.press(*keys)
        # A key's scroll and the footer's bindings settle over more than one refresh; a last
        # layout draws the scrollbar for the final scroll position.
        # Twice: under load one round sometimes left the scrollbar's thumb a cell off.
        for _ in range(2):
            await pilot.wait_for_scheduled_animations()
            await pilot.pause()
            pilot.app.screen.refresh(layout=True)
            await pilot.pause()

    return run_before


def test_seeds_120x40(snap_compare: Any, seeds_app: AppFactory) -> None:
    assert snap_compare(seeds_app(), terminal_size=(120, 40), run_before=after())


def test_seeds_80x24_stacked(snap_compare: Any, seeds_app: AppFactory) -> None:
    assert snap_compare(seeds_app(), terminal_size=(80, 24), run_before=after())


def test_details_panel(snap_compare: Any, seeds_app: AppFactory) -> None:
    assert snap_compare(seeds_app(), terminal_size=(120, 40), run_before=after("right_square_bracket", "d"))


def test_filter_only_in(snap_compare: Any, seeds_app: AppFactory) -> None:
    assert snap_compare(seeds_app(), terminal_size=(120, 40), run_before=after("f", "f"))


def test_help_screen(snap_compare: Any, seeds_app: AppFactory) -> None:
    assert snap_compare(seeds_app(), terminal_size=(120, 40), run_before=after("question_mark"))


def test_no_color(snap_compare: Any, seeds_app: AppFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(seeds_app(), terminal_size=(120, 40), run_before=after("a"))


def test_light_theme_80x24(snap_compare: Any, seeds_app: AppFactory) -> None:
    app = seeds_app()
    app.theme = "textual-light"
    assert snap_compare(app, terminal_size=(80, 24), run_before=after("right_square_bracket"))


def test_conflict_rows(snap_compare: Any, docs: tuple[Document, Document]) -> None:
    """Sample A against a copy with two facts changed: the '!' rows, the conflicting words in
    reverse video, the foot naming the conflict, and the header's count."""
    app = make_app(docs[0], Document("edited.txt", edited_a()), Settings(lexical=True))
    assert snap_compare(app, terminal_size=(120, 40), run_before=after("c"))


def test_seeds_60x20(snap_compare: Any, seeds_app: AppFactory) -> None:
    """Below 80 columns: stacked rows, and the footer's first keys."""
    assert snap_compare(seeds_app(), terminal_size=(60, 20), run_before=after())


def test_row_opened_80x24(snap_compare: Any, seeds_app: AppFactory) -> None:
    """Enter on the first row: both sides whole, the words only each has, the score explained."""
    assert snap_compare(seeds_app(), terminal_size=(80, 24), run_before=after("enter"))


def test_go_to_a12_80x24(snap_compare: Any, seeds_app: AppFactory) -> None:
    """: then A12: the row of A's twelfth sentence, selected."""
    assert snap_compare(
        seeds_app(), terminal_size=(80, 24), run_before=after("colon", "A", "1", "2", "enter")
    )


def test_16_colours_80x24(snap_compare: Any, seeds_app: AppFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """A terminal of 16 colours: the terminal's own red and green for the words only one side has,
    A's underlined and B's bold and underlined."""
    import textual.constants

    monkeypatch.setattr(textual.constants, "COLOR_SYSTEM", "standard")
    assert snap_compare(seeds_app(), terminal_size=(80, 24), run_before=after())


def test_by_meaning_120x40(snap_compare: Any, docs: tuple[Document, Document]) -> None:
    """The default settings: the meaning-aware alignment, once it has replaced the one by words."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await aligned(pilot)
        screen = pilot.app.screen_stack[0]

        def by_meaning() -> bool:
            comparison = getattr(screen, "comparison", None)
            return comparison is not None and comparison.alignment.kind == "meaning"

        await settle(pilot, by_meaning, "the meaning-aware alignment", timeout=60)
        await after()(pilot)

    assert snap_compare(
        make_app(docs[0], docs[1], Settings()), terminal_size=(120, 40), run_before=run_before
    )


def test_sentence_with_two_partners_120x40(snap_compare: Any, seeds_app: AppFactory) -> None:
    """A11 linked to B2 and to B5 (a slightly lower bar): one row, each partner under its own
    link's marker and score, the foot listing both."""
    assert snap_compare(
        seeds_app(threshold=-0.04),
        terminal_size=(120, 40),
        run_before=after("colon", "A", "1", "1", "enter"),
    )


def test_sentence_with_two_partners_opened_80x24(snap_compare: Any, seeds_app: AppFactory) -> None:
    """The same row opened: A11 whole, then each partner under its link's verdict."""
    assert snap_compare(
        seeds_app(threshold=-0.04),
        terminal_size=(80, 24),
        run_before=after("colon", "A", "1", "1", "enter", "enter"),
    )
