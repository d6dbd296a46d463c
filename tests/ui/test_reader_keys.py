"""Pilot tests: the habits readers bring (less/vim paging, Enter on a row, go to A12, a footer
that keeps help and quit in sight at 80 columns), on the sample pair."""

from __future__ import annotations

import pytest
from textual.widgets import Footer, Input, Static

from comparer.core.model import Document, Settings, Side
from comparer.ui.app import make_app
from comparer.ui.screens.review import parse_sentence_number
from comparer.ui.screens.row import RowScreen
from tests.conftest import edited_a
from tests.ui.conftest import AppFactory, aligned, plain, review, settle, view_of

pytestmark = pytest.mark.asyncio


def footer_text(pilot: object) -> str:
    """The footer line as drawn, key and label of each binding in order."""
    footer = review(pilot).query_one(Footer)  # type: ignore[arg-type]
    return " ".join(f"{key.key_display} {key.description}".strip() for key in footer.children)  # type: ignore[attr-defined]


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)])
async def test_the_footer_keeps_help_and_quit_on_screen(seeds_app: AppFactory, size: tuple[int, int]) -> None:
    async with seeds_app().run_test(size=size) as pilot:
        await aligned(pilot)
        await pilot.pause()
        footer = review(pilot).query_one(Footer)
        shown = {key.key: key.region for key in footer.children if hasattr(key, "key")}  # type: ignore[attr-defined]
        for key in ("question_mark", "q", "enter", "colon"):
            assert key in shown, (key, footer_text(pilot))
            assert shown[key].right <= size[0], (key, shown[key])
        # Nothing is drawn past the right edge: every key is whole on screen.
        assert max(region.right for region in shown.values()) <= size[0]


async def test_space_and_ctrl_f_page_down_ctrl_b_pages_up(seeds_app: AppFactory) -> None:
    async with seeds_app().run_test(size=(80, 24)) as pilot:
        await aligned(pilot)
        view = view_of(pilot)
        await pilot.press("space")
        first_page = view.cursor
        assert first_page > 0
        await pilot.press("ctrl+f")
        assert view.cursor > first_page
        second_page = view.cursor
        await pilot.press("ctrl+b")
        assert view.cursor < second_page
        await pilot.press("ctrl+b", "ctrl+b", "ctrl+b")
        assert view.cursor == 0
        # b alone is still "next only in B", not a page up.
        await pilot.press("b")
        row = view.selected_row
        assert row is not None and row.kind.value == "only_b"


async def test_ctrl_d_and_ctrl_u_move_half_a_page(seeds_app: AppFactory) -> None:
    async with seeds_app().run_test(size=(120, 40)) as pilot:
        await aligned(pilot)
        view = view_of(pilot)
        await pilot.press("ctrl+d")
        half = view.cursor
        await pilot.press("g", "space")
        full = view.cursor
        assert 0 < half < full  # half a page moves less far than a page
        await pilot.press("ctrl+u")
        assert view.cursor < full
        await pilot.press("g", "ctrl+u")
        assert view.cursor == 0  # at the top it stays there


async def test_enter_opens_the_row_whole_and_escape_closes_it(seeds_app: AppFactory) -> None:
    async with seeds_app().run_test(size=(80, 24)) as pilot:
        await aligned(pilot)
        screen = review(pilot)
        view = view_of(pilot)
        await pilot.press("enter")
        assert isinstance(pilot.app.screen, RowScreen)
        text = plain(pilot.app.screen.query_one("#row-detail", Static))
        row = view.selected_row
        assert row is not None and len(row.links) == 1 and screen.shown is not None
        # Both sides' sentences whole, with their numbers.
        for side in Side:
            for index in row.indices(side):
                sentence = screen.shown.article(side).sentences[index].text
                assert f"{side.value.upper()}{index + 1}" in text
                assert " ".join(sentence.split()[-4:]) in " ".join(text.split())
        # Every word only one side has, and the score explained.
        document = screen.shown.a.document.text
        for span in row.links[0].only_a:
            assert document[span.start : span.end] in text
        assert f"score {row.links[0].score:.2f}" in text
        assert "from 0 (nothing in common) to 1" in text and "links a pair from" in text
        # The box takes the whole width: no letter of the rows behind it shows beside it.
        body = pilot.app.screen.query_one("#row-body")
        assert (body.region.x, body.region.width) == (0, 80)
        await pilot.press("escape")
        assert pilot.app.screen is screen


async def test_enter_on_a_conflict_row_lists_the_conflict(docs: tuple[Document, Document]) -> None:
    app = make_app(docs[0], Document("edited.txt", edited_a()), Settings(lexical=True))
    async with app.run_test(size=(120, 40)) as pilot:
        await aligned(pilot)
        await pilot.press("c", "enter")
        assert isinstance(pilot.app.screen, RowScreen)
        text = plain(pilot.app.screen.query_one("#row-detail", Static))
        assert "! they disagree (negation): A: not · B: —" in text
        await pilot.press("q")  # q closes the row, not the app
        assert not isinstance(pilot.app.screen, RowScreen)
        assert pilot.app.is_running


async def test_double_click_opens_a_row(seeds_app: AppFactory) -> None:
    async with seeds_app().run_test(size=(120, 40)) as pilot:
        await aligned(pilot)
        view = view_of(pilot)
        await pilot.click(view, offset=(10, 1), times=2)
        await settle(pilot, lambda: isinstance(pilot.app.screen, RowScreen), "the row to open")


async def test_colon_goes_to_a_sentence_by_its_number(seeds_app: AppFactory) -> None:
    async with seeds_app().run_test(size=(80, 24)) as pilot:
        await aligned(pilot)
        view = view_of(pilot)
        await pilot.press("colon")
        box = review(pilot).query_one("#goto", Input)
        assert box.has_focus
        await pilot.press(*"A12", "enter")
        row = view.selected_row
        assert row is not None and 11 in row.a
        assert not box.display and view.has_focus
        await pilot.press("colon", *"b7", "enter")
        row = view.selected_row
        assert row is not None and 6 in row.b


async def test_go_to_shows_a_sentence_the_filter_hides(seeds_app: AppFactory) -> None:
    async with seeds_app().run_test(size=(120, 40)) as pilot:
        await aligned(pilot)
        screen = review(pilot)
        await pilot.press("f", "f", "f", "f")  # linked: only-in sentences are filtered out
        assert screen.row_filter == "linked"
        only_a = screen.comparison.only_in_a[0] if screen.comparison else 0
        await pilot.press("colon", *f"A{only_a + 1}", "enter")
        assert screen.row_filter == "all"
        row = view_of(pilot).selected_row
        assert row is not None and row.a == (only_a,)


async def test_go_to_refuses_what_is_no_sentence(seeds_app: AppFactory) -> None:
    async with seeds_app().run_test(size=(120, 40)) as pilot:
        await aligned(pilot)
        view = view_of(pilot)
        await pilot.press("j", "j")
        for typed in ("A999", "C3", "A0"):
            await pilot.press("colon", *typed, "enter")
            assert view.cursor == 2, typed
        await pilot.press("colon", *"A5", "escape")  # escape: nowhere
        assert view.cursor == 2 and view.has_focus


async def test_sentence_numbers_are_read_as_shown() -> None:
    assert parse_sentence_number("A12") == (Side.A, 11)
    assert parse_sentence_number(" b7 ") == (Side.B, 6)
    assert parse_sentence_number("3") == (Side.A, 2)
    for wrong in ("", "A", "A0", "C3", "12B", "A1.5"):
        assert parse_sentence_number(wrong) is None, wrong
