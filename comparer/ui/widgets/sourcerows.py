"""The reading column of the sources screen: one source's sentences, a mark per other source on
each row, the other sources' own sentences under their place.

``reading_rows`` (pure: it reads a Sources result) decides what the rows are; ``SourceRows`` shows
them in an option list.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from comparer.core.model import Comparison, Link, LinkKind, Side
from comparer.core.sources import Carried, Fact, Sources
from comparer.report.safe import flat
from comparer.report.sources import MARKS, label, letter

MARK_STYLES = {
    Carried.SAME: "bold green",
    Carried.PARTIAL: "bold yellow",
    Carried.ABSENT: "dim",
    Carried.CONFLICT: "bold reverse red",
}
"""Colour on top of the marks, never instead of them."""


@dataclass(frozen=True, slots=True)
class ReadingRow:
    """One row of the reading column: a sentence, how each source carries it, and theirs."""

    source: int
    """The source whose sentence this is: the one being read, or another where it lacks one."""
    sentence: int
    marks: tuple[Carried | None, ...]
    """Per source, how it carries the row's fact (None for the source being read)."""
    others: tuple[tuple[int, int, Carried], ...]
    """The other sources' own sentences of this fact: (source, sentence, how it is carried)."""
    boilerplate: bool = False

    def only_in(self, source: int) -> bool:
        """A story sentence of ``source`` that no other source carries."""
        return (
            self.source == source
            and not self.boilerplate
            and all(m in (None, Carried.ABSENT) for k, m in enumerate(self.marks) if k != self.source)
        )

    @property
    def disagreement(self) -> bool:
        """Some source carries the fact only in part or states it differently."""
        return any(m in (Carried.PARTIAL, Carried.CONFLICT) for m in self.marks)


def _carried_by(links: Sequence[Link]) -> Carried:
    """How a source carries a sentence, from the links its comparison gives that sentence."""
    if not links:
        return Carried.ABSENT
    if any(link.conflicts for link in links):
        return Carried.CONFLICT
    if any(link.kind is LinkKind.SAME for link in links):
        return Carried.SAME
    return Carried.PARTIAL


def reading_rows(sources: Sources, current: int) -> list[ReadingRow]:
    """The rows for reading ``current``: its sentences in order, each with a mark per other source
    (from their own comparison with it) and their sentences; after them, where they stand in their
    own article, the facts ``current`` lacks and what only another source has."""
    n = len(sources)
    others = [k for k in range(n) if k != current]
    pairs = {k: sources.pair(current, k) for k in others}
    own: list[ReadingRow] = []
    for sentence in sources.articles[current].sentences:
        marks: list[Carried | None] = [None] * n
        under: list[tuple[int, int, Carried]] = []
        if not sentence.boilerplate:
            for k in others:
                links = pairs[k].links_of(Side.A, sentence.index)
                carried = _carried_by(links)
                marks[k] = carried
                for y in sorted({y for link in links for y in link.b}):
                    under.append((k, y, carried))
        own.append(ReadingRow(current, sentence.index, tuple(marks), tuple(under), sentence.boilerplate))
    lacking = _lacking(sources, current, pairs)
    rows: list[ReadingRow] = []
    by_place: dict[int, list[ReadingRow]] = {}
    for place, row in lacking:
        by_place.setdefault(place, []).append(row)
    rows.extend(by_place.get(-1, []))
    for row in own:
        rows.append(row)
        rows.extend(by_place.get(row.sentence, []))
    return rows


def _lacking(sources: Sources, current: int, pairs: dict[int, Comparison]) -> list[tuple[int, ReadingRow]]:
    """Rows for sentences of other sources that ``current`` does not carry, each with the sentence
    of ``current`` it comes after (-1: before the first)."""
    n = len(sources)
    linked = {k: {y for link in comparison.links for y in link.b} for k, comparison in pairs.items()}
    shown: set[tuple[int, int]] = set()
    found: list[tuple[int, int, int, ReadingRow]] = []
    facts: list[Fact] = [f for f in sources.facts if not f.carried[current].present]
    singles = [_single(n, k, x) for k in range(n) if k != current for x in sources.only_in[k]]
    for fact in [*facts, *singles]:
        mains = [(k, x) for k in fact.sources for x in fact.sentences[k] if x not in linked[k]]
        mains = [m for m in mains if m not in shown]
        if not mains:
            continue
        k, x = mains[0]
        shown.add((k, x))
        marks: list[Carried | None] = list(fact.carried)
        marks[current] = None
        under = tuple(
            (s, y, fact.carried[s]) for s in fact.sources for y in fact.sentences[s] if (s, y) != (k, x)
        )
        row = ReadingRow(k, x, tuple(marks), under)
        found.append((_place(pairs[k], x), k, x, row))
    found.sort(key=lambda t: t[:3])
    return [(place, row) for place, _, _, row in found]


def _single(n: int, source: int, sentence: int) -> Fact:
    """What only ``source`` has, as a fact of one source."""
    return Fact(
        tuple((sentence,) if k == source else () for k in range(n)),
        tuple(Carried.SAME if k == source else Carried.ABSENT for k in range(n)),
    )


def _place(comparison: Comparison, sentence: int) -> int:
    """Where a sentence of B that A lacks goes among A's: after the last sentence of A linked to
    the nearest sentence of B before it (-1: before A's first)."""
    before = [
        (max(y for y in link.b if y < sentence), link) for link in comparison.links if min(link.b) < sentence
    ]
    if not before:
        return -1
    nearest = max(y for y, _ in before)
    return max(x for y, link in before if y == nearest for x in link.a)


def _marks(row: ReadingRow, current: int) -> Text:
    text = Text(no_wrap=True)
    for k, mark in enumerate(row.marks):
        if k == current:
            continue
        if text:
            text.append(" ")
        if k == row.source:
            text.append(f"{letter(k)}{MARKS[Carried.SAME]}", style="bold")
        else:
            carried = mark or Carried.ABSENT
            text.append(f"{letter(k)}{MARKS[carried]}", style=MARK_STYLES[carried])
    return text


def render_row(sources: Sources, row: ReadingRow, current: int) -> RenderableType:
    """A row as a grid: marks, then the sentence's label and text, then the others' sentences.

    The marks and labels take the same width on every row, so the sentences line up.
    """
    n = len(sources)
    longest = max(len(a.sentences) for a in sources.articles)
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, width=2 + 3 * (n - 1) - 1)
    grid.add_column(no_wrap=True, justify="right", width=1 + len(str(longest)))
    grid.add_column(ratio=1)
    sentence = sources.articles[row.source].sentences[row.sentence]
    body = Text(flat(sentence.text))
    if row.boilerplate:
        marks = Text("·", style="bold")
        body = Text.assemble(("not story text: ", "italic"), (flat(sentence.text), "dim"))
    else:
        marks = Text("+ " if row.source != current else "  ", style="bold")
        marks.append_text(_marks(row, current))
    if row.source != current:
        body = Text.assemble((f"not in {letter(current)}: ", "italic"), body)
    elif row.only_in(current):
        body = Text.assemble((f"only in {letter(current)}: ", "italic"), body)
    grid.add_row(marks, Text(label(row.source, row.sentence), style="bold"), body)
    for k, y, carried in row.others:
        other = sources.articles[k].sentences[y]
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append(f"{MARKS[carried]} ", style=MARK_STYLES[carried])
        line.append(flat(other.text), style="italic")
        grid.add_row("", Text(label(k, y), style="dim"), line)
    return grid


class SourceRows(OptionList):
    """The rows of the source being read: up and down move, the screen's keys jump.

    | key | action |
    | --- | --- |
    | ↑ ↓ or k j | previous / next row |
    | PgUp PgDn, Home, End | page, first and last row |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
    ]

    rows: tuple[ReadingRow, ...] = ()
    """The rows shown, in order."""

    def show(self, sources: Sources, rows: Sequence[ReadingRow], current: int, keep: int = 0) -> None:
        """Replace the rows, selecting row ``keep``."""
        self.rows = tuple(rows)
        self.set_options(Option(render_row(sources, row, current)) for row in rows)
        if rows:
            self.highlighted = max(0, min(keep, len(rows) - 1))
            self.scroll_to_highlight(top=True)
