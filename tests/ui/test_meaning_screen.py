"""The review screen and the meaning model (issue 14): the alignment by words shows first, the
meaning-aware one replaces it when ready with the selected sentence on the same line, the header
says which is shown, m switches, --lexical keeps words only, and a damaged model is a warning."""

from __future__ import annotations

import importlib
import threading
from collections.abc import Iterator

import pytest

import comparer.core.meaning
from comparer.core.errors import ComparerError
from comparer.core.model import Document, Settings
from comparer.ui.app import make_app
from comparer.ui.widgets.header import SummaryHeader
from tests.ui.conftest import aligned, plain, review, settle, view_of

pytestmark = pytest.mark.asyncio
core_compare = importlib.import_module("comparer.core.compare")  # the package exports compare() too


@pytest.fixture
def held_meaning(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """The meaning-aware comparison waits for this event: the test decides when it comes."""
    release = threading.Event()
    compare = core_compare.compare

    def held(*args: object, **kwargs: object) -> object:
        settings = args[2] if len(args) > 2 else kwargs.get("settings")
        if isinstance(settings, Settings) and not settings.lexical:
            assert release.wait(30), "the test never released the meaning model"
        return compare(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(core_compare, "compare", held)
    yield release
    release.set()


def header(pilot: object) -> str:
    return plain(review(pilot).query_one(SummaryHeader))  # type: ignore[arg-type]


async def test_words_first_then_meaning_on_the_same_line(
    docs: tuple[Document, Document], held_meaning: threading.Event
) -> None:
    app = make_app(docs[0], docs[1], Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await aligned(pilot)
        screen, view = review(pilot), view_of(pilot)
        assert screen.comparison is not None and screen.comparison.alignment.kind == "lexical"
        assert "by words, ⟳ meaning" in header(pilot)
        assert screen.go_to("A8")  # "The Kremlin did not present any evidence": linked by meaning only
        await pilot.pause()
        line = view._cursor_line()
        row = view.selected_row
        assert row is not None and row.b == ()  # only in A, by words

        held_meaning.set()
        await settle(
            pilot,
            lambda: screen.comparison is not None and screen.comparison.alignment.kind == "meaning",
            "the meaning-aware alignment",
        )
        await pilot.pause()
        assert "by meaning ·" in header(pilot)
        row = view.selected_row
        assert row is not None and 7 in row.a and row.b, "A8 is linked now, and still selected"
        assert view._cursor_line() == line, "on the same screen line"


async def test_m_switches_between_meaning_and_words(docs: tuple[Document, Document]) -> None:
    app = make_app(docs[0], docs[1], Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await aligned(pilot)
        screen = review(pilot)
        await settle(
            pilot,
            lambda: screen.comparison is not None and screen.comparison.alignment.kind == "meaning",
            "the meaning-aware alignment",
            timeout=60,
        )
        meaning = screen.comparison
        await pilot.press("m")
        assert screen.comparison is not None and screen.comparison.alignment.kind == "lexical"
        assert "by words (m: meaning)" in header(pilot)
        await pilot.press("m")
        assert screen.comparison is meaning, "switching back reuses the comparison"
        assert "by meaning ·" in header(pilot)


async def test_lexical_keeps_the_screen_by_words(
    docs: tuple[Document, Document], held_meaning: threading.Event
) -> None:
    app = make_app(docs[0], docs[1], Settings(lexical=True))
    async with app.run_test(size=(120, 40)) as pilot:
        await aligned(pilot)
        screen = review(pilot)
        await pilot.press("m")
        await pilot.pause()
        assert screen.runs.meaning_worker is None, "no meaning model runs with --lexical"
        assert screen.comparison is not None and screen.comparison.alignment.kind == "lexical"
        assert "by words (--lexical)" in header(pilot)
        assert any("--lexical" in n.message for n in pilot.app._notifications)


async def test_a_damaged_model_is_a_warning_and_the_words_stay(
    docs: tuple[Document, Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    def damaged() -> object:
        raise ComparerError("model.npz: damaged (its digest does not match)")

    monkeypatch.setattr(comparer.core.meaning, "load_encoder", damaged)
    app = make_app(docs[0], docs[1], Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await aligned(pilot)
        screen = review(pilot)
        await settle(pilot, lambda: "meaning" in screen.runs.alignments, "the meaning model to be tried")
        await pilot.pause()
        assert screen.comparison is not None and screen.comparison.alignment.kind == "lexical"
        text = header(pilot)
        assert "by words (meaning skipped: the meaning model is unavailable" in text
        warnings = [n for n in pilot.app._notifications if n.severity == "warning"]
        assert any("damaged" in n.message for n in warnings)
