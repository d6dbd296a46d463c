"""Pilot tests: every key and flow of the review screen, on the sample pair."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Label, RadioButton, Static

from comparer import report
from comparer.core.model import Document, Settings, Side
from comparer.core.rows import Row, RowKind, rows
from comparer.ui.app import make_app
from comparer.ui.screens.export import ConfirmDialog, ExportDialog
from comparer.ui.screens.help import HelpScreen
from comparer.ui.screens.review import FILTERS, ReviewScreen
from comparer.ui.widgets.details import DetailsPanel
from comparer.ui.widgets.header import RowInfo, SummaryHeader
from comparer.ui.widgets.rowview import RowView
from tests.conftest import edited_a
from tests.ui.conftest import AppFactory, aligned, plain, review, screen_text, settle, view_of

pytestmark = pytest.mark.asyncio


def selected_has(pilot: Pilot[object], side: Side, fragment: str) -> bool:
    screen = review(pilot)
    row = view_of(pilot).selected_row
    assert row is not None and screen.shown is not None
    sentences = screen.shown.article(side).sentences
    return any(fragment in sentences[i].text for i in row.indices(side))


async def test_opens_with_the_summary_and_every_row(seeds_app: AppFactory) -> None:
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await aligned(pilot)
        screen = review(pilot)
        assert screen.comparison is not None
        assert view_of(pilot).rows == rows(screen.comparison)
        header = plain(screen.query_one(SummaryHeader))
        summary = screen.comparison.summary
        assert f"{summary.only_in_a} only in A" in header
        assert f"{summary.only_in_b} only in B" in header
        assert "a-kremlin-accuses-ukraine.txt" in header
        drawn = screen_text(view_of(pilot))
        assert "A1" in drawn and "B1" in drawn and "│" in drawn


async def test_up_down_j_k_home_end(seeds_app: AppFactory) -> None:
    async with seeds_app().run_test(size=(120, 40)) as pilot:
        await aligned(pilot)
        view = view_of(pilot)
        await pilot.press("down", "j", "j")
        assert view.cursor == 3
        await pilot.press("up", "k")
        assert view.cursor == 1
        await pilot.press("G")
        assert view.cursor == len(view.rows) - 1
        assert "Sheremet" in screen_text(view)  # the last row was scrolled into view
        await pilot.press("g")
        assert view.cursor == 0
        await pilot.press("pagedown")
        assert view.cursor > 1
        await pilot.press("end", "home")
        assert view.cursor == 0


async def test_next_and_previous_difference(seeds_app: AppFactory) -> None:
    async with seeds_app().run_test(size=(120, 40)) as pilot:
        await aligned(pilot)
        view = view_of(pilot)
        shown = review(pilot).shown
        assert shown is not None
        differences = [i for i, row in enumerate(view.rows) if row.differs(shown)]
        await pilot.press("right_square_bracket")
        assert view.cursor == next(i for i in differences if i > 0)
        await pilot.press("right_square_bracket", "right_square_bracket", "left_square_bracket")
        assert view.cursor == [i for i in differences if i > 0][1]


async def test_next_only_in_a_and_b(seeds_app: AppFactory) -> None:
    async with seeds_app().run_test(size=(120, 40)) as pilot:
        await aligned(pilot)
        view = view_of(pilot)
        await pilot.press("a")
        assert view.selected_row is not None and view.selected_row.kind is RowKind.ONLY_A
        first_a = view.cursor
        await pilot.press("a")
        assert view.cursor > first_a and view.selected_row.kind is RowKind.ONLY_A
        await pilot.press("b")
        assert view.selected_row.kind is RowKind.ONLY_B
        info = plain(review(pilot).query_one(RowInfo))
        assert "only in B" in info


async def test_search_next_and_previous_match(seeds_app: AppFactory) -> None:
    async with seeds_app().run_test(size=(120, 40)) as pilot:
        await aligned(pilot)
        await pilot.press("slash")
        search = review(pilot).query_one("#search", Input)
        assert search.has_focus
        await pilot.press(*"podolyak", "enter")
        assert selected_has(pilot, Side.B, "Podolyak")
        assert view_of(pilot).has_focus
        await pilot.press("slash", *"kremlin", "enter")
        first = view_of(pilot).cursor
        await pilot.press("n")
        assert view_of(pilot).cursor != first
        assert selected_has(pilot, Side.A, "Kremlin") or selected_has(pilot, Side.B, "Kremlin")
        await pilot.press("N")
        assert view_of(pilot).cursor == first
        assert "search:" in plain(review(pilot).query_one(SummaryHeader))


async def test_escape_closes_search_without_searching(seeds_app: AppFactory) -> None:
    async with seeds_app().run_test(size=(120, 40)) as pilot:
        await aligned(pilot)
        await pilot.press("slash", "x", "escape")
        assert review(pilot).search_text == ""
        assert view_of(pilot).has_focus


async def test_filter_cycles_all_differences_only_in_conflicts_linked(seeds_app: AppFactory) -> None:
    async with seeds_app().run_test(size=(120, 40)) as pilot:
        await aligned(pilot)
        view = view_of(pilot)
        total = len(view.rows)
        for name in ["differences", "only-in", "conflicts", "linked", "all"]:
            await pilot.press("f")
            assert review(pilot).row_filter == name
            shown = review(pilot).shown
            assert shown is not None and all(FILTERS[name](row, shown) for row in view.rows)
            # The two sample articles never contradict each other: no row is a conflict.
            assert bool(view.rows) == (name != "conflicts")
        assert len(view.rows) == total
        await pilot.press("f")
        # Differences mean something: the only-in rows, and the links where one side names
        # something the other does not; a partial link that only words things differently is not
        # one (counting those kept 26 of 27 rows).
        shown = review(pilot).shown
        assert shown is not None
        linked = [row for row in view.rows if row.links]
        assert linked and len(view.rows) < total - 1

        def one_sided_detail(row: Row) -> bool:
            return any(
                not d.shared and d.sentence in row.indices(side)
                for side in Side
                for d in shown.article(side).details
            )

        assert all(one_sided_detail(row) for row in linked)
        every_link = [row for row in rows(shown) if row.links]
        assert any(row.kind is RowKind.PARTIAL and not one_sided_detail(row) for row in every_link)
        await pilot.press("f")
        assert {row.kind for row in view.rows} == {RowKind.ONLY_A, RowKind.ONLY_B}


async def test_filter_keeps_the_selected_sentence(seeds_app: AppFactory) -> None:
    async with seeds_app().run_test(size=(120, 40)) as pilot:
        await aligned(pilot)
        await pilot.press("slash", *"Sheremet", "enter")
        await pilot.press("f", "f")
        assert selected_has(pilot, Side.A, "Sheremet")


async def test_switch_order_follows_b(seeds_app: AppFactory) -> None:
    async with seeds_app().run_test(size=(120, 40)) as pilot:
        await aligned(pilot)
        screen = review(pilot)
        await pilot.press("o")
        assert screen.follow is Side.B
        assert screen.comparison is not None
        assert view_of(pilot).rows == rows(screen.comparison, follow=Side.B)
        await pilot.press("o")
        assert view_of(pilot).rows == rows(screen.comparison, follow=Side.A)


async def test_swap_sides_keeps_the_selected_sentence(seeds_app: AppFactory) -> None:
    async with seeds_app().run_test(size=(120, 40)) as pilot:
        await aligned(pilot)
        await pilot.press("slash", *"Sheremet", "enter")
        await pilot.press("s")
        screen = review(pilot)
        assert screen.shown is not None
        assert screen.shown.a.document.name == "b-kyiv-denies-involvement.txt"
        assert selected_has(pilot, Side.B, "Sheremet")
        assert view_of(pilot).selected_row.kind is RowKind.ONLY_B
        await pilot.press("s")
        assert selected_has(pilot, Side.A, "Sheremet")


async def test_threshold_keys_realign_in_a_worker(seeds_app: AppFactory) -> None:
    async with seeds_app().run_test(size=(120, 40)) as pilot:
        await aligned(pilot)
        screen = review(pilot)
        assert screen.comparison is not None
        links_before = len(screen.comparison.links)
        for _ in range(4):
            await pilot.press("plus")
        await aligned(pilot)
        assert screen.comparison.settings.threshold == 0.2
        assert len(screen.comparison.links) < links_before
        assert "threshold +0.20" in plain(screen.query_one(SummaryHeader))
        for _ in range(6):
            await pilot.press("minus")
        await aligned(pilot)
        assert screen.comparison.settings.threshold == -0.1
        assert len(screen.comparison.links) >= links_before


async def test_threshold_keys_walk_back_from_beyond_their_limit(seeds_app: AppFactory) -> None:
    """--threshold takes -1..1, the keys step within ±0.5: from 0.8, minus still walks back."""
    async with seeds_app(0.8).run_test(size=(120, 40)) as pilot:
        await aligned(pilot)
        await pilot.press("plus")  # further out: refused
        assert review(pilot).threshold == 0.8
        await pilot.press("minus")
        await aligned(pilot)
        comparison = review(pilot).comparison
        assert comparison is not None and comparison.settings.threshold == 0.75


async def test_details_panel_jumps_to_the_sentence(seeds_app: AppFactory) -> None:
    async with seeds_app().run_test(size=(120, 40)) as pilot:
        await aligned(pilot)
        await pilot.press("f")  # differences only; the jump still finds the sentence
        await pilot.press("d")
        panel = review(pilot).query_one(DetailsPanel)
        assert panel.display and panel.has_focus
        prompts = [str(panel.get_option_at_index(i).prompt) for i in range(panel.option_count)]
        assert any("Only in A" in p for p in prompts) and any("In both" in p for p in prompts)
        target = next(i for i, p in enumerate(prompts) if "Podolyak" in p)
        panel.highlighted = target
        await pilot.press("enter")
        assert selected_has(pilot, Side.B, "Podolyak")
        assert view_of(pilot).has_focus
        await pilot.press("d")
        assert not panel.display


async def test_click_selects_a_row(seeds_app: AppFactory) -> None:
    async with seeds_app().run_test(size=(120, 40)) as pilot:
        await aligned(pilot)
        view = view_of(pilot)
        line = view._starts[2]
        await pilot.click(RowView, offset=(10, line))
        assert view.cursor == 2


async def test_export_writes_and_refuses_to_overwrite_without_asking(
    seeds_app: AppFactory, tmp_path: Path
) -> None:
    target = tmp_path / "report.md"
    async with seeds_app().run_test(size=(120, 40)) as pilot:
        await aligned(pilot)
        await pilot.press("e")
        assert isinstance(pilot.app.screen, ExportDialog)
        path = pilot.app.screen.query_one("#path", Input)
        assert path.value == "comparison.md", "Markdown is offered first"
        path.value = str(target)
        await pilot.click("#export")
        await settle(pilot, target.exists, "the report to be written")
        assert target.read_text(encoding="utf-8").startswith("#")

        target.write_text("keep me", encoding="utf-8")
        await pilot.press("e")
        pilot.app.screen.query_one("#path", Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert target.read_text(encoding="utf-8") == "keep me"
        # "Keep it" goes back to the dialog, the name as it was, to choose another.
        assert isinstance(pilot.app.screen, ExportDialog)
        assert pilot.app.screen.query_one("#path", Input).value == str(target)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await settle(
            pilot, lambda: target.read_text(encoding="utf-8").startswith("#"), "markdown, as .md says"
        )


async def test_export_format_follows_a_typed_extension(seeds_app: AppFactory, tmp_path: Path) -> None:
    """Markdown is pressed by default; typing report.json must not write Markdown into it."""
    async with seeds_app().run_test(size=(120, 40)) as pilot:
        await aligned(pilot)
        await pilot.press("e")
        dialog = pilot.app.screen
        assert isinstance(dialog, ExportDialog)

        def pressed() -> str | None:
            return next((b.name for b in dialog.query(RadioButton) if b.value), None)

        assert pressed() == "markdown"
        path = dialog.query_one("#path", Input)
        path.value = str(tmp_path / "report.json")
        await pilot.pause()
        assert pressed() == "json"
        path.value = str(tmp_path / "report.out")  # no format of its own: the choice stays
        await pilot.pause()
        assert pressed() == "json"
        path.value = str(tmp_path / "REPORT.TXT")
        await pilot.pause()
        assert pressed() == "text"
        for typed, fmt in (
            ("memo.markdown", "markdown"),
            ("memo.MD", "markdown"),
            ("memo.HTM", "html"),
            ("memo.Json", "json"),
        ):
            path.value = str(tmp_path / typed)
            await pilot.pause()
            assert pressed() == fmt and path.value == str(tmp_path / typed), "the name stays as typed"
        await pilot.click(next(b for b in dialog.query(RadioButton) if b.name == "text"))
        await pilot.pause()
        assert path.value == str(tmp_path / "memo.txt"), "a button pressed renames a known extension"
        path.focus()
        # An extension that names no format is refused, as -o refuses it: one rule for both.
        path.value = str(tmp_path / "report.out")
        await pilot.press("enter")
        assert isinstance(pilot.app.screen, ExportDialog)
        assert ".out names no report format" in str(dialog.query_one("#error", Label).render())
        # A name with no extension takes the chosen format's (text, pressed above).
        path.value = str(tmp_path / "report")
        await pilot.press("enter")
        await settle(pilot, (tmp_path / "report.txt").exists, "the report to be written")
        assert (tmp_path / "report.txt").read_text(encoding="utf-8").startswith("A: ")  # text
        assert not (tmp_path / "report").exists()


async def test_export_offers_every_format_and_writes_html(seeds_app: AppFactory, tmp_path: Path) -> None:
    async with seeds_app().run_test(size=(120, 40)) as pilot:
        await aligned(pilot)
        await pilot.press("e")
        dialog = pilot.app.screen
        assert isinstance(dialog, ExportDialog)
        assert [b.name for b in dialog.query(RadioButton)] == list(report.FORMATS)
        await pilot.click(next(b for b in dialog.query(RadioButton) if b.name == "html"))
        await pilot.pause()
        path = dialog.query_one("#path", Input)
        assert path.value.endswith(".html")
        path.value = str(tmp_path / "memo.html")
        path.focus()
        await pilot.press("enter")
        await settle(pilot, (tmp_path / "memo.html").exists, "the report to be written")
        assert (tmp_path / "memo.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


async def test_export_renders_off_the_event_loop(
    seeds_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rendering a long comparison takes seconds: the keys work meanwhile, and a failure to
    write is one clear line."""
    released = threading.Event()
    waited: list[bool] = []

    def slow_render(comparison: object, fmt: str) -> str:
        waited.append(released.wait(10))
        return "report\n"

    monkeypatch.setattr(report, "render", slow_render)
    async with seeds_app().run_test(size=(120, 40)) as pilot:
        await aligned(pilot)
        view = view_of(pilot)
        await pilot.press("e")
        pilot.app.screen.query_one("#path", Input).value = str(tmp_path / "out.txt")
        await pilot.press("enter")
        await pilot.press("down")
        assert view.cursor == 1, "a key while the report renders"
        released.set()
        await settle(pilot, (tmp_path / "out.txt").exists, "the report to be written")
        assert waited == [True], "the render was still waiting when the key was handled"
        await pilot.press("e")
        pilot.app.screen.query_one("#path", Input).value = str(tmp_path / "missing" / "x\ny.txt")
        await pilot.press("enter")
        await settle(pilot, lambda: len(pilot.app._notifications) >= 2, "the failure to be told")
        failure = list(pilot.app._notifications)[-1]
        assert failure.title == "Export failed" and "\n" not in failure.message


async def test_export_cancel_writes_nothing(seeds_app: AppFactory, tmp_path: Path) -> None:
    async with seeds_app().run_test(size=(120, 40)) as pilot:
        await aligned(pilot)
        await pilot.press("e")
        pilot.app.screen.query_one("#path", Input).value = str(tmp_path / "x.json")
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, ReviewScreen)
        assert not list(tmp_path.iterdir())


async def test_help_lists_every_key(seeds_app: AppFactory) -> None:
    async with seeds_app().run_test(size=(120, 40)) as pilot:
        await aligned(pilot)
        await pilot.press("question_mark")
        assert isinstance(pilot.app.screen, HelpScreen)
        text = " ".join(plain(w) for w in pilot.app.screen.query(Static))
        for description in ["Next difference", "Raise the match threshold", "Export", "Search", "Quit"]:
            assert description in text
        # The habits readers bring, and what the figures on screen mean.
        habits = ("⏎", "ctrl+p", "mouse", "double click", "Go to a sentence")
        for expected in (*habits, "score 0.27", "covers 44%", "several partners is one row"):
            assert expected in text, expected
        for keys in ("space, ^f", "^b", "^d", "^u"):
            assert keys in text, keys
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, ReviewScreen)


async def test_command_palette_runs_an_action(seeds_app: AppFactory) -> None:
    async with seeds_app().run_test(size=(120, 40)) as pilot:
        await aligned(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"swap the sides")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert review(pilot).swapped


async def test_q_quits_with_status_0(seeds_app: AppFactory) -> None:
    app = seeds_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await aligned(pilot)
        await pilot.press("q")
    assert app.return_code == 0


async def test_ctrl_c_quits_cleanly(seeds_app: AppFactory) -> None:
    app = seeds_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+c")
    assert app.return_code == 0


async def test_tiny_terminal_shows_a_message_and_recovers(seeds_app: AppFactory) -> None:
    async with seeds_app().run_test(size=(40, 10)) as pilot:
        await aligned(pilot)
        screen = review(pilot)
        message = screen.query_one("#too-small")
        assert message.display and "40×10" in plain(message)
        assert not screen.query_one("#main").display
        await pilot.press("j")  # keys still work underneath
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert not message.display and screen.query_one("#main").display
        assert "A1" in screen_text(screen.query_one(RowView))
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert screen.query_one(RowView).stacked


async def test_narrow_terminal_stacks_a_above_b(seeds_app: AppFactory) -> None:
    async with seeds_app().run_test(size=(80, 24)) as pilot:
        await aligned(pilot)
        view = view_of(pilot)
        assert view.stacked
        lines = screen_text(view).splitlines()
        a_line = next(i for i, line in enumerate(lines) if " A1 " in line)
        b_line = next(i for i, line in enumerate(lines) if " B1 " in line)
        assert b_line > a_line and "│" not in lines[a_line]


HOSTILE = (
    "Officials said \x1b[31mred alert\x1b[0m was declared. "
    "A title change \x1b]0;title\x07 followed. "
    "Markup [bold]x[/bold] stays text. "
    "Clicking [@click=app.quit]q[/] does nothing."
)


async def test_hostile_article_is_shown_inert() -> None:
    doc_a = Document("evil.txt", HOSTILE)
    doc_b = Document("plain.txt", "Officials said a red alert was declared. Nothing else happened.")
    app = make_app(doc_a, doc_b, Settings(lexical=True))
    async with app.run_test(size=(120, 40)) as pilot:
        await aligned(pilot)
        drawn = screen_text(view_of(pilot))
        assert "\x1b" not in drawn and "\x07" not in drawn
        assert "␛[31m" in drawn
        assert "[bold]x[/bold]" in drawn
        assert "[@click=app.quit]q[/]" in drawn
        await pilot.click(RowView, offset=(20, 1))
        await pilot.press("j", "j", "d", "enter")
        await pilot.pause()
        assert app.is_running  # the click markup was never live
        header = plain(review(pilot).query_one(SummaryHeader))
        assert "\x1b" not in header


async def test_the_header_of_an_empty_document_says_it_has_no_story_text(
    docs: tuple[Document, Document],
) -> None:
    app = make_app(Document("empty.txt", ""), docs[1], Settings(lexical=True))
    async with app.run_test(size=(120, 40)) as pilot:
        await aligned(pilot)
        header = plain(review(pilot).query_one(SummaryHeader))
        assert "A has no story text · A covers 0% of B" in header and "100%" not in header


async def test_quitting_while_the_screen_mounts_is_no_traceback(
    seeds_app: AppFactory, docs: tuple[Document, Document]
) -> None:
    """Ctrl+C in the first fraction of a second: the app quits while the screen mounts, and its
    mount handler finds its rows gone (seen in tmux: NoMatches, exit status 1)."""
    async with seeds_app().run_test(size=(120, 40)) as pilot:
        await aligned(pilot)
        taken_apart = ReviewScreen(docs[0], docs[1], Settings())  # no rows, and not attached
        taken_apart.on_mount()  # as the mount message does when it comes after Ctrl+C
        assert taken_apart.comparison is None and review(pilot).comparison is not None


async def test_conflicts_are_reached_by_c_filtered_and_listed_first_in_the_details(
    docs: tuple[Document, Document],
) -> None:
    app = make_app(docs[0], Document("edited.txt", edited_a()), Settings(lexical=True))
    async with app.run_test(size=(120, 40)) as pilot:
        await aligned(pilot)
        view = view_of(pilot)
        await pilot.press("c")
        first = view.selected_row
        assert first is not None and first.conflicts
        assert "! disagree: negation A: not · B: —" in plain(pilot.app.screen.query_one(RowInfo))
        await pilot.press("c")
        second = view.selected_row
        assert second is not None and second.conflicts and second != first
        assert "A: 2.30am · B: 3.30am" in plain(pilot.app.screen.query_one(RowInfo))
        assert "! 2 conflicts" in plain(pilot.app.screen.query_one(SummaryHeader))
        await pilot.press("f", "f", "f")
        assert review(pilot).row_filter == "conflicts"
        assert len(view.rows) == 2 and all(row.conflicts for row in view.rows)
        await pilot.press("d")
        panel = pilot.app.screen.query_one(DetailsPanel)
        prompts = [str(panel.get_option_at_index(k).prompt) for k in range(3)]
        assert prompts[0] == "Where they disagree (2)"
        assert prompts[1].startswith("! negation: A: not · B: —")


async def test_export_expands_the_home_folder_and_remembers_the_last_file(
    seeds_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    async with seeds_app().run_test(size=(120, 40)) as pilot:
        await aligned(pilot)
        await pilot.press("e")
        dialog = pilot.app.screen
        assert isinstance(dialog, ExportDialog)
        await pilot.click(next(b for b in dialog.query(RadioButton) if b.name == "html"))
        await pilot.pause()
        dialog.query_one("#path", Input).value = "~/memo"
        dialog.query_one("#path", Input).focus()
        await pilot.press("enter")
        await settle(pilot, (tmp_path / "memo.html").exists, "the report in the home folder")
        assert not (tmp_path / "~").exists()
        # The next export offers the same file and format, for this session.
        await pilot.press("e")
        dialog = pilot.app.screen
        assert isinstance(dialog, ExportDialog)
        assert dialog.query_one("#path", Input).value == str(tmp_path / "memo.html")
        assert next(b.name for b in dialog.query(RadioButton) if b.value) == "html"


async def test_the_chosen_format_shows_by_its_glyph(seeds_app: AppFactory) -> None:
    """Not by colour alone: the chosen format's button reads ●, the others ○."""
    async with seeds_app().run_test(size=(120, 40)) as pilot:
        await aligned(pilot)
        await pilot.press("e")
        dialog = pilot.app.screen
        glyphs = {b.name: b.BUTTON_INNER for b in dialog.query(RadioButton)}
        assert glyphs == {"text": "○", "json": "○", "markdown": "●", "html": "○"}
        await pilot.click(next(b for b in dialog.query(RadioButton) if b.name == "json"))
        await pilot.pause()
        glyphs = {b.name: b.BUTTON_INNER for b in dialog.query(RadioButton)}
        assert glyphs == {"text": "○", "json": "●", "markdown": "○", "html": "○"}
