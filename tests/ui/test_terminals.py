"""Terminals of every kind: NO_COLOR as the convention says, 16 colours and none keeping A and B
apart, and the theme (``--theme`` or the palette's) remembered in the preferences file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import textual.constants
from textual.widgets import Input

from comparer.core.model import Document, Settings
from comparer.ui.app import make_app
from comparer.ui.preferences import PreferenceFile, Preferences, default_path
from tests.ui.conftest import aligned, settle, view_of

pytestmark = pytest.mark.asyncio


@pytest.mark.parametrize(("value", "monochrome"), [("", False), ("1", True)])
async def test_no_color_counts_only_when_not_empty(
    docs: tuple[Document, Document], monkeypatch: pytest.MonkeyPatch, value: str, monochrome: bool
) -> None:
    monkeypatch.setenv("NO_COLOR", value)
    monkeypatch.setattr(textual.constants, "COLOR_SYSTEM", "truecolor")
    app = make_app(docs[0], docs[1], Settings(lexical=True))
    assert app.no_color is monochrome
    assert app.has_class("-few-colours") is monochrome


@pytest.mark.parametrize("system", ["standard", "none"])
async def test_few_colours_keep_a_and_b_apart_by_style(
    docs: tuple[Document, Document], monkeypatch: pytest.MonkeyPatch, system: str
) -> None:
    """16 colours, or NO_COLOR: A's one-sided words are underlined, B's bold and underlined, in
    the terminal's own red and green (with NO_COLOR the style alone tells them apart)."""
    if system == "none":
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.delenv("NO_COLOR", raising=False)
        monkeypatch.setattr(textual.constants, "COLOR_SYSTEM", system)
    app = make_app(docs[0], docs[1], Settings(lexical=True))
    assert app.has_class("-few-colours")
    async with app.run_test(size=(120, 40)) as pilot:
        await aligned(pilot)
        palette = view_of(pilot).palette()
        assert palette.word_a.underline and palette.word_b.underline
        assert not palette.word_a.bold and palette.word_b.bold
        if system == "standard":
            assert palette.word_a.color != palette.word_b.color


async def test_many_colours_use_the_theme(
    docs: tuple[Document, Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr(textual.constants, "COLOR_SYSTEM", "truecolor")
    app = make_app(docs[0], docs[1], Settings(lexical=True))
    assert not app.has_class("-few-colours")


async def test_the_theme_comes_from_the_preferences_and_a_new_one_is_saved(
    docs: tuple[Document, Document], tmp_path: Path
) -> None:
    path = tmp_path / "comparer" / "preferences.json"
    path.parent.mkdir()
    path.write_text(json.dumps({"theme": "nord"}), encoding="utf-8")
    app = make_app(docs[0], docs[1], Settings(lexical=True), preferences=PreferenceFile.load(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await aligned(pilot)
        assert app.theme == "nord"
        app.theme = "gruvbox"  # as the palette's "Change theme" does
        await pilot.pause()
        await pilot.pause()
    assert json.loads(path.read_text(encoding="utf-8")) == {"theme": "gruvbox"}


async def test_a_theme_given_wins_and_is_remembered(docs: tuple[Document, Document], tmp_path: Path) -> None:
    path = tmp_path / "preferences.json"
    path.write_text(json.dumps({"theme": "nord", "export_format": "html"}), encoding="utf-8")
    app = make_app(
        docs[0], docs[1], Settings(lexical=True), theme="textual-light", preferences=PreferenceFile.load(path)
    )
    assert app.theme == "textual-light"
    assert json.loads(path.read_text(encoding="utf-8")) == {"theme": "textual-light", "export_format": "html"}


async def test_a_damaged_preferences_file_gives_the_defaults_and_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "preferences.json"
    path.write_text("{not json", encoding="utf-8")
    store = PreferenceFile.load(path)
    assert store.preferences == Preferences()
    assert "not read" in store.warning and str(path) in store.warning
    path.write_text(json.dumps({"theme": 3, "unknown": "x", "export_format": "markdown"}), encoding="utf-8")
    assert PreferenceFile.load(path).preferences == Preferences(export_format="markdown")


async def test_preferences_live_under_xdg_config_home(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert default_path() == tmp_path / "comparer" / "preferences.json"
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative/dir")  # not absolute: ignored, as the spec says
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_path() == tmp_path / "home" / ".config" / "comparer" / "preferences.json"


async def test_an_unwritable_preferences_file_is_a_warning_not_a_failure(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    store = PreferenceFile.load(blocker / "comparer" / "preferences.json")
    store.set(theme="nord")
    assert store.preferences.theme == "nord"
    assert "preferences not saved" in store.warning


async def test_the_export_format_chosen_is_remembered(
    docs: tuple[Document, Document], tmp_path: Path
) -> None:
    path = tmp_path / "preferences.json"
    store = PreferenceFile.load(path)
    async with make_app(docs[0], docs[1], Settings(lexical=True), preferences=store).run_test() as pilot:
        await aligned(pilot)
        await pilot.press("e")
        pilot.app.screen.query_one("#path", Input).value = str(tmp_path / "memo.html")
        await pilot.press("enter")
        await settle(pilot, (tmp_path / "memo.html").exists, "the report to be written")
    assert json.loads(path.read_text(encoding="utf-8")) == {"export_format": "html"}
    # The next run offers HTML first.
    async with make_app(docs[0], docs[1], Settings(lexical=True), preferences=store).run_test() as pilot:
        await aligned(pilot)
        await pilot.press("e")
        assert pilot.app.screen.query_one("#path", Input).value == "comparison.html"
