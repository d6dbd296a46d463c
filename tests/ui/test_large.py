"""Large inputs: the row view draws lazily, so 5,000-sentence articles open and scroll."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult

from comparer.core.compare import summarize
from comparer.core.model import Article, Comparison, Document, Link, LinkKind, Sentence, Span
from comparer.core.rows import rows
from comparer.ui.widgets.rowview import RowView

pytestmark = pytest.mark.asyncio

N = 5000


def article(name: str, n: int) -> Article:
    parts, sentences, offset = [], [], 0
    for i in range(n):
        text = f"Sentence {i} of {name} says that officials met on day {i % 31} to discuss item {i}."
        sentences.append(Sentence(i, offset, offset + len(text), text, i // 5))
        parts.append(text)
        offset += len(text) + 1
    return Article(Document(name, " ".join(parts)), tuple(sentences))


def big_comparison(n: int = N) -> Comparison:
    """Every other sentence linked, a word differing in each link: no core run needed."""
    a, b = article("a.txt", n), article("b.txt", n)
    links = tuple(
        Link(
            (i,),
            (i,),
            LinkKind.PARTIAL,
            0.8,
            (Span(a.sentences[i].start + 11, a.sentences[i].start + 15),),
            (Span(b.sentences[i].start + 11, b.sentences[i].start + 15),),
        )
        for i in range(0, n, 2)
    )
    only = tuple(range(1, n, 2))
    return Comparison(a, b, links, only, only, summarize(a, b, links, only, only))


class RowsOnly(App[None]):
    def compose(self) -> ComposeResult:
        yield RowView(id="rows")


async def test_five_thousand_sentences_open_and_scroll_without_a_widget_per_row() -> None:
    comparison = big_comparison()
    all_rows = rows(comparison)
    assert len(all_rows) == N + N // 2
    app = RowsOnly()
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.query_one(RowView)
        view.show(comparison, all_rows)
        await pilot.pause()
        assert not view.children  # drawn line by line, not mounted row by row
        assert view.virtual_size.height > len(all_rows)
        await pilot.press("end")
        assert view.cursor == len(all_rows) - 1
        last_line = view.render_line(view.size.height - 3).text + view.render_line(view.size.height - 4).text
        row = view.selected_row
        assert row is not None
        numbers = [f"A{i + 1}" for i in row.a] + [f"B{j + 1}" for j in row.b]
        assert any(number in last_line for number in numbers), "the last row is drawn at the bottom"
        for _ in range(20):
            await pilot.press("pageup")
        assert view.cursor < len(all_rows) - 20
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert view.stacked
        assert view._starts[view.cursor] <= view.scroll_y + view.size.height
