"""Fixtures for the TUI tests: the sample pair, the app factory, and waiting for alignment."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

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


@pytest.fixture(scope="session")
def docs() -> tuple[Document, Document]:
    return load(str(SAMPLE_A)), load(str(SAMPLE_B))


@pytest.fixture
def seeds_app(docs: tuple[Document, Document]) -> AppFactory:
    """Builds the app on the sample pair through the one factory the CLI uses."""

    def build(threshold: float = 0.0) -> ComparerApp:
        return make_app(docs[0], docs[1], Settings(threshold=threshold))

    return build


async def aligned(pilot: Pilot[object]) -> None:
    """Wait until the alignment worker has finished and its result is on screen."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = review(pilot)
    assert screen.comparison is not None
    assert screen.query_one(RowView).rows


def review(pilot: Pilot[object]) -> ReviewScreen:
    """The review screen, under any dialog."""
    screen = pilot.app.screen_stack[0]
    assert isinstance(screen, ReviewScreen), screen
    return screen


@pytest.fixture(scope="session")
def seeds(docs: tuple[Document, Document]) -> Comparison:
    return compare(*docs)
