"""How a row looks: inert, styled sentence text wrapped into lines of a fixed width.

Pure Rich, no Textual, so the row view can lay out thousands of rows cheaply: heights come from
wrapping plain strings, and styled lines are built only for the rows on screen. Article text is
always made inert and put into ``rich.text.Text`` pieces, never into markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text

from comparer.core.model import Link, Sentence, Side
from comparer.core.rows import (
    CONFLICT_MARKER,
    Articles,
    Cut,
    Cuts,
    Mark,
    Row,
    RowKind,
    link_marker,
    marked_pieces,
)
from comparer.core.rows import MARKERS as report_markers
from comparer.report.safe import flat

MARKERS = {
    **report_markers,
    RowKind.BOILERPLATE_A: "·",
    RowKind.BOILERPLATE_B: "·",
    RowKind.UNALIGNED: "…",
}
"""The glyph in the gutter of each kind of row: the reports' markers, with a quieter dot for
boilerplate (the screen can draw it) and one for rows not aligned yet (only the screen has them).
A link whose sides disagree has ``CONFLICT_MARKER`` instead (see ``marker``)."""


def marker(row: Row) -> str:
    """The glyph in the gutter of ``row``."""
    return CONFLICT_MARKER if row.conflicts else MARKERS[row.kind]


GUTTER = 3
"""Cells before the sentence numbers: the cursor, the row's marker and a space."""
CURSOR = "▶"
COLUMN_RULE = " │ "
STACK_BELOW = 100
"""Below this many columns, A is stacked above B within each row."""


def stacks(screen_width: int) -> bool:
    """Whether a screen this wide stacks A above B, in the rows and in the screen's layout alike:
    the one place that decides, so that the rows and the details panel never disagree."""
    return screen_width < STACK_BELOW


_WORD = re.compile(r"\S+\s*|\s+")


clean = flat
"""Article text as it may be shown: control characters made visible, one line."""


def wrap(text: str, width: int) -> list[int]:
    """Offsets where each line of ``text`` starts when wrapped greedily at ``width`` cells."""
    width = max(width, 1)
    starts = [0]
    column = 0
    for match in _WORD.finditer(text):
        word = match.group()
        body = word.rstrip()
        size = cell_len(body)
        if column and column + size > width:
            starts.append(match.start())
            column = 0
        if size > width:
            # A word longer than a line (a URL, a run of placeholders): cut it by cells.
            for offset, char in enumerate(body):
                cells = cell_len(char)
                if column and column + cells > width:
                    starts.append(match.start() + offset)
                    column = 0
                column += cells
            column += len(word) - len(body)
            continue
        column += cell_len(word)
    return starts


def side_label(side: Side) -> str:
    return "A" if side is Side.A else "B"


@dataclass(frozen=True)
class Palette:
    """The Rich styles rows are drawn with (the row view fills it from its component classes)."""

    same: Style = field(default_factory=lambda: Style(color="cyan", bold=True))
    partial: Style = field(default_factory=lambda: Style(color="yellow", bold=True))
    only_a: Style = field(default_factory=lambda: Style(color="red", bold=True))
    only_b: Style = field(default_factory=lambda: Style(color="green", bold=True))
    word_a: Style = field(default_factory=lambda: Style(color="red", underline=True))
    word_b: Style = field(default_factory=lambda: Style(color="green", underline=True))
    conflict: Style = field(default_factory=lambda: Style(color="magenta", bold=True))
    """The marker of a row whose sides disagree."""
    word_conflict: Style = field(default_factory=lambda: Style(color="magenta", bold=True, reverse=True))
    """Words in a conflict: unlike one-sided words, in reverse video."""
    boilerplate: Style = field(default_factory=lambda: Style(dim=True))
    headline: Style = field(default_factory=lambda: Style(bold=True))
    number: Style = field(default_factory=lambda: Style(dim=True))
    placeholder: Style = field(default_factory=lambda: Style(dim=True, italic=True))
    selected: Style = field(default_factory=lambda: Style(reverse=True))
    match: Style = field(default_factory=lambda: Style(reverse=True, bold=True))
    rule: Style = field(default_factory=lambda: Style(dim=True))

    def of(self, row: Row) -> Style:
        """The style of the row's marker: its kind's, or ``conflict`` when its sides disagree."""
        return self.conflict if row.conflicts else self.kind(row.kind)

    def kind(self, kind: RowKind) -> Style:
        return {
            RowKind.SAME: self.same,
            RowKind.PARTIAL: self.partial,
            RowKind.ONLY_A: self.only_a,
            RowKind.ONLY_B: self.only_b,
        }.get(kind, self.boilerplate)

    def words(self, side: Side) -> Style:
        return self.word_a if side is Side.A else self.word_b


def verdict_line(link: Link, palette: Palette) -> tuple[Text, Text]:
    """(number, text) of the line heading one link's partners in a row of several links: its
    marker, verdict and score, "~ partial · score 0.43"."""
    style = (
        palette.conflict
        if link.conflicts
        else palette.kind(RowKind.SAME if link.kind.value == "same" else RowKind.PARTIAL)
    )
    text = Text(f"{link_marker(link)} ", style=style)
    text.append(f"{link.kind.value} · score {link.score:.2f}", style=palette.number)
    return Text(), text


def placeholder(kind: RowKind) -> str | None:
    """What the empty side of an only-in row says."""
    if kind is RowKind.ONLY_A:
        return "only in A"
    if kind is RowKind.ONLY_B:
        return "only in B"
    return None


@dataclass(frozen=True)
class Geometry:
    """Where things go across a line of ``width`` cells."""

    width: int
    stacked: bool
    number_width: int
    """Cells for a sentence number such as ``A17`` and the space after it."""

    @classmethod
    def fit(cls, width: int, source: Articles, screen_width: int | None = None) -> Geometry:
        """Rows ``width`` cells wide, stacked when the screen (by default as wide as the rows:
        the rows lose a scrollbar and a panel's width to it) ``stacks``."""
        longest = max(len(source.a.sentences), len(source.b.sentences), 1)
        stacked = stacks(width if screen_width is None else screen_width)
        return cls(max(width, 20), stacked, len(str(longest)) + 2)

    def text_width(self, side: Side) -> int:
        if self.stacked:
            return max(self.width - GUTTER - self.number_width, 1)
        both = self.width - GUTTER - len(COLUMN_RULE) - 2 * self.number_width
        left = both // 2
        return max(left if side is Side.A else both - left, 1)


class LineCounts:
    """Where each displayed sentence's lines start at a width, kept across painters.

    Measuring is wrapping every sentence of every row: when the aligned rows replace the
    unaligned ones, or a filter or the order changes, the sentences are the same and only their
    grouping into rows differs (27,507 rows of 5,000-sentence documents took 0.75 s to measure
    by wrapping, sentences that sit in several rows wrapped again each time). The line starts are
    kept, not only their number, so that drawing part of a very long sentence (a document of one
    5 MB line) never wraps it again. Only the last few widths are kept, so resizing a window does
    not make it grow without bound.
    """

    WIDTHS_KEPT = 4

    def __init__(self) -> None:
        self._by_width: dict[int, dict[str, list[int]]] = {}

    def starts(self, text: str, width: int) -> list[int]:
        """``wrap(text, width)``, computed once."""
        by_text = self._by_width.get(width)
        if by_text is None:
            if len(self._by_width) >= self.WIDTHS_KEPT:
                del self._by_width[next(iter(self._by_width))]
            by_text = self._by_width[width] = {}
        starts = by_text.get(text)
        if starts is None:
            starts = by_text[text] = wrap(text, width)
        return starts

    def count(self, text: str, width: int) -> int:
        return len(self.starts(text, width))


def sentence_text(
    side: Side, sentence: Sentence, cut: Cut, palette: Palette, conflicting: Cut | None = None
) -> Text:
    """One sentence, with the words only this side has (``cut``'s spans) marked, and the words in
    a conflict (``conflicting``'s spans) marked their own way, as an inert Text."""
    base = palette.boilerplate if sentence.boilerplate else palette.headline if sentence.headline else Style()
    text = Text(style=base)
    styles = {Mark.PLAIN: None, Mark.ONLY: palette.words(side), Mark.CONFLICT: palette.word_conflict}
    for piece, mark in marked_pieces(sentence.text, sentence.start, cut, conflicting or Cut(())):
        text.append(clean(piece), styles[mark])
    return text


class RowPainter:
    """Measures and draws rows of one comparison (or of two texts not yet aligned) at one geometry."""

    TEXTS_KEPT = 64
    """Styled sentences kept for redrawing (``_sentence_text``)."""

    def __init__(self, source: Articles, geometry: Geometry, counts: LineCounts | None = None) -> None:
        self.source = source
        self.geometry = geometry
        self._counts = counts if counts is not None else LineCounts()
        self._plain: dict[Side, list[str]] = {
            side: [clean(s.text) for s in source.article(side).sentences] for side in Side
        }
        self._texts: dict[tuple[Side, int, tuple[int, ...], Palette], Text] = {}
        self._cuts = Cuts()
        """The words only this side has and the conflicting words, per set of links and side."""

    def plain(self, side: Side, index: int) -> str:
        """The displayed text of one sentence."""
        return self._plain[side][index]

    def _side_height(self, row: Row, side: Side) -> int:
        width = self.geometry.text_width(side)
        if not row.indices(side):
            return 1 if placeholder(row.kind) is not None else 0
        plain = self._plain[side]
        return sum(
            (heading is not None) + sum(self._counts.count(plain[i], width) for i in indices)
            for heading, indices in row.blocks(side)
        )

    def height(self, row: Row) -> int:
        """Lines the row takes, including the blank line after it."""
        a, b = self._side_height(row, Side.A), self._side_height(row, Side.B)
        return (a + b if self.geometry.stacked else max(a, b, 1)) + 1

    def _sentence_text(self, side: Side, index: int, links: tuple[Link, ...], palette: Palette) -> Text:
        """``sentence_text``, the last few kept: moving the cursor redraws the rows it leaves and
        enters, and a sentence of megabytes is not styled again each time. Links are told apart
        by identity: they all belong to ``source``, which the painter holds."""
        ids = tuple(map(id, links))
        key = (side, index, ids, palette)
        text = self._texts.get(key)
        if text is None:
            cuts = self._cuts(links, side)
            sentence = self.source.article(side).sentences[index]
            text = sentence_text(side, sentence, cuts[0], palette, cuts[1])
            if len(self._texts) >= self.TEXTS_KEPT:
                del self._texts[next(iter(self._texts))]
            self._texts[key] = text
        return text

    def _side_count(self, row: Row, side: Side) -> int:
        """Lines one side of a row takes (the placeholder of an only-in row included)."""
        return self._side_height(row, side)

    def _side_lines(
        self, row: Row, side: Side, palette: Palette, query: str, first: int, last: int
    ) -> list[tuple[Text, Text]]:
        """(number, text) for the lines ``first`` to ``last`` (excluded) of one side of a row:
        only those are styled and cut, however long the sentence. The partners of a row with
        several links come under a line with each link's marker, verdict and score."""
        width = self.geometry.text_width(side)
        number_style = palette.kind(row.kind) if placeholder(row.kind) else palette.number
        out: list[tuple[Text, Text]] = []
        top = 0  # the side's line where the current sentence starts
        for heading, indices in row.blocks(side):
            if heading is not None:
                if first <= top < last:
                    out.append(verdict_line(heading, palette))
                top += 1
            for index in indices:
                if top >= last:
                    break
                plain = self._plain[side][index]
                starts = self._counts.starts(plain, width)
                low, high = max(first - top, 0), min(last - top, len(starts))
                if low < high:
                    text = self._sentence_text(side, index, row.marking(side, heading, index), palette)
                    ends = [*starts[low + 1 : high], starts[high] if high < len(starts) else len(plain)]
                    window = text.divide([starts[low], ends[-1]])[1]
                    offset = starts[low]
                    if query:
                        highlight_within(window, plain, offset, query, palette.match)
                    pieces = window.divide([end - offset for end in ends[:-1]])
                    for n, line in enumerate(pieces, start=low):
                        label = f"{side_label(side)}{index + 1}" if n == 0 else ""
                        out.append((Text(label, style=number_style), line))
                top += len(starts)
        note = placeholder(row.kind)
        if not row.indices(side) and note is not None and first <= 0 < last:
            out.append((Text(), Text(note, style=palette.placeholder)))
        return out

    def lines(
        self,
        row: Row,
        palette: Palette,
        *,
        selected: bool = False,
        query: str = "",
        first: int = 0,
        last: int | None = None,
    ) -> list[Text]:
        """The row's lines ``first`` to ``last`` (excluded; by default all of them and the blank
        line after them), each exactly ``geometry.width`` cells."""
        geometry = self.geometry
        height = self.height(row)
        last = height if last is None else min(last, height)
        gutter = Text.assemble(
            (CURSOR if selected else " ", palette.of(row)),
            (marker(row), palette.of(row)),
            " ",
        )
        blank_gutter = Text(" " * GUTTER)
        out: list[Text] = []

        def cell(pair: tuple[Text, Text] | None, side: Side) -> Text:
            number, text = pair if pair is not None else (Text(), Text())
            number = number.copy()
            number.truncate(geometry.number_width, pad=True)
            text = text.copy()
            text.rstrip()
            text.truncate(geometry.text_width(side), overflow="crop", pad=True)
            return Text.assemble(number, text)

        if geometry.stacked:
            count_a = self._side_count(row, Side.A)
            a = self._side_lines(row, Side.A, palette, query, first, last)
            b = self._side_lines(row, Side.B, palette, query, first - count_a, last - count_a)
            for n, (pair, side) in enumerate(
                [(p, Side.A) for p in a] + [(p, Side.B) for p in b], start=first
            ):
                out.append(Text.assemble(gutter if n == 0 else blank_gutter, cell(pair, side)))
        else:
            a = self._side_lines(row, Side.A, palette, query, first, last)
            b = self._side_lines(row, Side.B, palette, query, first, last)
            shown = max(self._side_count(row, Side.A), self._side_count(row, Side.B), 1)
            for n in range(first, min(last, shown)):
                k = n - first
                out.append(
                    Text.assemble(
                        gutter if n == 0 else blank_gutter,
                        cell(a[k] if k < len(a) else None, Side.A),
                        (COLUMN_RULE, palette.rule),
                        cell(b[k] if k < len(b) else None, Side.B),
                    )
                )
        if selected:
            for line in out:
                line.style = palette.selected
        if first < height <= last:  # the blank line after the row is its last line
            out.append(Text(" " * geometry.width))
        for line in out:
            line.truncate(geometry.width, overflow="crop", pad=True)
        return out


def found_in(text: str, query: str) -> bool:
    """Whether the search ``query`` occurs in ``text``: caseless, by Unicode case folding, so
    "strasse" finds "Straße". The one rule for what the search finds and what it highlights."""
    needle = query.casefold()
    return bool(needle) and needle in text.casefold()


def occurrences(text: str, query: str) -> list[tuple[int, int]]:
    """Where ``found_in`` finds ``query`` in ``text``, as (start, end) offsets into ``text``.

    Folding can lengthen the text ("ß" folds to "ss"): a match is then mapped back to the
    characters that folded into it.
    """
    needle = query.casefold()
    folded = text.casefold()
    if not needle:
        return []
    owner: list[int] | None = None
    if len(folded) != len(text):
        owner = [i for i, char in enumerate(text) for _ in char.casefold()]
    out: list[tuple[int, int]] = []
    start = folded.find(needle)
    while start >= 0:
        end = start + len(needle)
        out.append((start, end) if owner is None else (owner[start], owner[end - 1] + 1))
        start = folded.find(needle, end)
    return out


def highlight(text: Text, query: str, style: Style) -> int:
    """Mark every occurrence of ``query`` in ``text`` (see ``found_in``); returns how many."""
    found = occurrences(text.plain, query)
    for start, end in found:
        text.stylize(style, start, end)
    return len(found)


def highlight_within(window: Text, plain: str, offset: int, query: str, style: Style) -> None:
    """Mark in ``window``, the part of ``plain`` from ``offset`` on, what ``highlight`` would mark
    there in the whole of ``plain``; only the window and a margin are searched (a match can
    straddle its edges, and folding lengthens a character to three at most)."""
    margin = 3 * len(query)
    low = max(0, offset - margin)
    high = min(len(plain), offset + len(window.plain) + margin)
    for start, end in occurrences(plain[low:high], query):
        start, end = max(start + low - offset, 0), min(end + low - offset, len(window.plain))
        if start < end:
            window.stylize(style, start, end)
