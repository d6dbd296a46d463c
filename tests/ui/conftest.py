"""Fixtures for the TUI tests: the sample pair, the app factory, and waiting for alignment."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Callable
from pathlib import Path

import pytest
import textual.constants
from rich.console import Console
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Static

from comparer.core.compare import compare
from comparer.core.document import load
from comparer.core.model import Comparison, Document, Settings
from comparer.ui.app import ComparerApp, make_app
from comparer.ui.screens.review import ReviewScreen
from comparer.ui.widgets.rowview import RowView

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples" / "kremlin-drone"
SAMPLE_A = SAMPLES / "a-kremlin-accuses-ukraine.txt"
SAMPLE_B = SAMPLES / "b-kyiv-denies-involvement.txt"

AppFactory = Callable[..., ComparerApp]


@pytest.fixture(autouse=True)
def many_colours(monkeypatch: pytest.MonkeyPatch) -> None:
    """Draw as a terminal of many colours does, whatever TERM the tests run under (the screen
    changes its word styles on 16 colours): snapshots must not depend on the shell. Tests of
    16 colours set their own."""
    monkeypatch.setattr(textual.constants, "COLOR_SYSTEM", "truecolor")


@pytest.fixture(scope="session")
def docs() -> tuple[Document, Document]:
    return load(str(SAMPLE_A)), load(str(SAMPLE_B))


@pytest.fixture
def seeds_app(docs: tuple[Document, Document]) -> AppFactory:
    """Builds the app on the sample pair through the one factory the CLI uses."""

    def build(threshold: float = 0.0) -> ComparerApp:
        return make_app(docs[0], docs[1], Settings(threshold=threshold, lexical=True))

    return build


async def settle(
    pilot: Pilot[object], condition: Callable[[], bool], what: str, timeout: float = 10.0
) -> None:
    """Let the app process messages until ``condition`` holds (a bounded wait, not a sleep)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await pilot.pause(0.01)


async def aligned(pilot: Pilot[object]) -> None:
    """Wait until the alignment worker has finished and its rows are drawn on screen."""
    await pilot.app.workers.wait_for_complete()

    def drawn() -> bool:
        screen = pilot.app.screen_stack[0]
        if not isinstance(screen, ReviewScreen) or screen.comparison is None:
            return False
        view = screen.query_one(RowView)
        if not view.rows:
            return False
        # On a terminal too small for rows the view is hidden behind a message: rows suffice.
        hidden = not view.display or not screen.query_one("#main").display
        return hidden or (view.size.height > 0 and bool(view.render_line(0).text.strip()))

    await settle(pilot, drawn, "the comparison to be drawn")


def plain(widget: Widget) -> str:
    """The text a Static widget shows, without styles."""
    assert isinstance(widget, Static)
    console = Console(width=300, file=io.StringIO(), record=True)
    console.print(widget.content)
    return console.export_text()


def view_of(pilot: Pilot[object]) -> RowView:
    return review(pilot).query_one(RowView)


def screen_text(view: RowView) -> str:
    """What the row view draws right now, line by line."""
    return "\n".join(view.render_line(y).text for y in range(view.size.height))


def review(pilot: Pilot[object]) -> ReviewScreen:
    """The review screen, under any dialog."""
    screen = pilot.app.screen_stack[0]
    assert isinstance(screen, ReviewScreen), screen
    return screen


@pytest.fixture(scope="session")
def seeds(docs: tuple[Document, Document]) -> Comparison:
    return compare(*docs)
