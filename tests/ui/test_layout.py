"""The row layout: wrapping by terminal cells, inert text, and marked words."""

from __future__ import annotations

from itertools import pairwise

from rich.cells import cell_len

from comparer.core.compare import segmented
from comparer.core.model import Comparison, Document
from comparer.core.rows import RowKind, Unaligned, rows, unaligned_rows
from comparer.ui.widgets.layout import (
    Geometry,
    Palette,
    RowPainter,
    clean,
    found_in,
    highlight,
    occurrences,
    wrap,
)


def lines_of(text: str, width: int) -> list[str]:
    starts = [*wrap(text, width), len(text)]
    return [text[a:b].rstrip() for a, b in pairwise(starts)]


def test_wrap_breaks_at_spaces_within_the_width() -> None:
    text = "the quick brown fox jumps over the lazy dog"
    lines = lines_of(text, 10)
    assert " ".join(lines) == text
    assert all(cell_len(line) <= 10 for line in lines)
    assert lines[0] == "the quick"


def test_wrap_counts_wide_characters_and_cuts_long_words() -> None:
    assert all(cell_len(line) <= 6 for line in lines_of("東京都 東京都東京都", 6))
    assert lines_of("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]


def test_clean_makes_controls_visible_and_keeps_one_line() -> None:
    assert clean("a\x1b[31mb\nc\td") == "a␛[31mb c d"


def test_highlight_marks_every_case_insensitive_match() -> None:
    from rich.text import Text

    text = Text("Kremlin said the kremlin")
    assert highlight(text, "KREMLIN", Palette().match) == 2


def test_what_the_search_finds_it_highlights() -> None:
    """Case folding can lengthen the text ("ß" is "ss"): the match is still marked, over the
    characters it came from."""
    from rich.text import Text

    text = Text("Die Straße und die STRASSE")
    assert found_in(text.plain, "strasse")
    assert highlight(text, "strasse", Palette().match) == 2
    assert [text.plain[span.start : span.end] for span in text.spans] == ["Straße", "STRASSE"]
    assert occurrences("ﬁne ﬁsh", "fi") == [(0, 1), (4, 5)]
    assert not found_in("anything", "") and occurrences("anything", "") == []


def test_painted_rows_have_the_exact_width_and_mark_only_in_rows(seeds: Comparison) -> None:
    for width in (120, 80):
        painter = RowPainter(seeds, Geometry.fit(width, seeds))
        for row in rows(seeds):
            lines = painter.lines(row, Palette())
            assert len(lines) == painter.height(row)
            assert all(line.cell_len == width for line in lines)
            if row.kind is RowKind.ONLY_A:
                assert "only in A" in "".join(line.plain for line in lines)
                assert lines[0].plain[1] == "-"


def test_the_header_says_how_far_a_long_comparison_has_come(seeds: Comparison) -> None:
    from rich.console import Console

    from comparer.ui.widgets.header import ViewState, summary_text

    def shown(comparison: Comparison | None, state: ViewState) -> str:
        console = Console(width=120, record=True, color_system=None)
        console.print(summary_text(comparison, state))
        return console.export_text()

    waiting = shown(None, ViewState(busy=True, progress="scoring sentence pairs, 45%"))
    assert "Aligning the two articles: scoring sentence pairs, 45%" in waiting
    realigning = shown(seeds, ViewState(busy=True, progress="finding details, 90%"))
    assert "⟳ finding details, 90%" in realigning
    assert "⟳" not in shown(seeds, ViewState(busy=False, progress=""))


def test_unaligned_rows_are_painted_with_their_own_marker(docs: tuple[Document, Document]) -> None:
    texts = Unaligned(*segmented(*docs))
    for width in (120, 80):
        painter = RowPainter(texts, Geometry.fit(width, texts))
        for row in unaligned_rows(texts):
            lines = painter.lines(row, Palette())
            assert len(lines) == painter.height(row) and all(line.cell_len == width for line in lines)
            assert lines[0].plain[1] == "…" and "only in" not in "".join(line.plain for line in lines)


def test_the_header_names_both_texts_before_the_comparison(
    docs: tuple[Document, Document], seeds: Comparison
) -> None:
    from rich.console import Console

    from comparer.ui.widgets.header import ViewState, row_text, summary_text

    texts = Unaligned(*segmented(*docs))

    def shown(renderable: object) -> str:
        console = Console(width=200, record=True, color_system=None)
        console.print(renderable)
        return console.export_text()

    header = shown(summary_text(None, ViewState(busy=True, progress="scoring sentence pairs, 45%"), texts))
    assert "A a-kremlin-accuses-ukraine.txt" in header and "B b-kyiv-denies-involvement.txt" in header
    assert "17 sentences in A · 17 in B · not aligned: shown each in its own order" in header
    assert "⟳ scoring sentence pairs, 45%" in header
    assert "the comparison failed" in shown(summary_text(None, ViewState(failed=True), texts))
    info = shown(row_text(None, unaligned_rows(texts)[2], 2, 17))
    assert "Row 3 of 17 · not aligned yet · A3 beside B3, each in its own order" in info
    linked = next(row for row in rows(seeds) if row.links)
    assert "Row 1,234 of 12,000 · " in shown(row_text(seeds, linked, 1233, 12000))


def test_line_counts_are_the_wrapped_lines_and_keep_only_the_last_widths() -> None:
    from comparer.ui.widgets.layout import LineCounts

    counts = LineCounts()
    text = "Officials met on Friday to discuss the drone ban in Moscow and its exceptions."
    for width in range(10, 10 + 2 * LineCounts.WIDTHS_KEPT):
        assert counts.count(text, width) == len(wrap(text, width))
    assert len(counts._by_width) == LineCounts.WIDTHS_KEPT


def _long_sentence_pair(seeds: Comparison) -> Comparison:
    """The seeds with A's first paragraph repeated as one long sentence with no full stop: a row
    of hundreds of lines, linked, with words only one side has."""
    from comparer.core.compare import compare
    from comparer.core.document import from_string

    a, b = seeds.a.document, seeds.b.document
    long = " ".join(a.text.replace(".", ",").split()[:60] * 12)
    return compare(from_string(long + ".\n\n" + a.text, "a.txt"), b)


def test_drawing_part_of_a_row_is_that_part_of_the_whole(seeds: Comparison) -> None:
    """Rows are drawn piece by piece (a 5 MB sentence only where it is on screen): every piece,
    with the cursor's style and the search marked, is exactly those lines of the whole row."""
    comparison = _long_sentence_pair(seeds)
    palette = Palette()
    for width in (80, 140):
        painter = RowPainter(comparison, Geometry.fit(width, comparison))
        for row in rows(comparison)[:4]:
            whole = painter.lines(row, palette, selected=True, query="putin")
            assert len(whole) == painter.height(row)
            for first, last in ((0, 1), (1, 7), (5, 40), (max(len(whole) - 3, 0), len(whole) + 5)):
                part = painter.lines(row, palette, selected=True, query="putin", first=first, last=last)
                assert part == whole[first:last], (width, first, last)
    assert max(painter.height(row) for row in rows(comparison)) > 50
