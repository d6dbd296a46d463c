"""One row in full (Enter on a row): both sides' sentences whole, every difference and conflict,
the details they carry, and what the score means."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from comparer.core.model import Comparison, Side
from comparer.core.rows import (
    CONFLICT_MARKER,
    Articles,
    Cuts,
    Row,
    RowKind,
    conflict_words,
    row_only,
)
from comparer.ui.widgets.layout import Palette, clean, marker, sentence_text, side_label, verdict_line


def link_cut(comparison: Comparison) -> float:
    """The score a pair needs to link in this comparison (its alignment's cut, shifted by the
    threshold), to explain a link's score against it."""
    if comparison.alignment.kind == "meaning":
        from comparer.core.sense import LINK_THRESHOLD
    else:
        from comparer.core.align import LINK_THRESHOLD
    return max(0.0, LINK_THRESHOLD + comparison.settings.threshold)


SCORE_MEANING = (
    "The score says how alike the two sides are, from 0 (nothing in common) to 1 (the same "
    "sentence): {how}. This comparison links a pair from {cut:.2f} (threshold {shift:+.2f}; + and - "
    "move it). 'same' means both say it in essentially the same words; 'partial' that one side "
    "says more: its underlined words."
)
HOW = {
    "meaning": "the words they share and what the meaning model reads in them",
    "lexical": "the words they share (by words only: the meaning model was not used)",
}


def _title(row: Row, position: int, count: int) -> Text:
    title = Text(f"{marker(row)} Row {position + 1:,} of {count:,} · ", style="bold")
    if len(row.links) > 1:
        lead = row.follow
        numbers = ",".join(f"{side_label(lead)}{i + 1}" for i in row.indices(lead))
        title.append(f"{numbers} with {len(row.links)} links to {side_label(lead.other)}")
    elif row.links:
        title.append(f"{row.links[0].kind.value} link · score {row.links[0].score:.2f}")
    elif row.kind is RowKind.UNALIGNED:
        title.append("not aligned yet (each text in its own order)")
    elif row.kind in (RowKind.ONLY_A, RowKind.ONLY_B):
        side = Side.A if row.a else Side.B
        title.append(f"only in {side_label(side)}: no sentence of {side_label(side.other)} matches it")
    else:
        title.append("not story text (promo lines, credits): shown, never matched")
    return title


def _words(source: Comparison, row: Row, side: Side) -> Text:
    """Every word only ``side`` has, none left out."""
    text = Text()
    text.append(f"Only in {side_label(side)}: ", style="bold")
    spans = row_only(row, side, source.article(side))
    document = source.article(side).document.text
    if not spans:
        text.append("(nothing)", style="dim")
    for n, span in enumerate(spans):
        if n:
            text.append(" · ", style="dim")
        text.append(clean(document[span.start : span.end]), style="underline")
    return text


def row_detail(source: Articles, row: Row, position: int, count: int, palette: Palette) -> Group:
    """The whole of one row, as inert Rich text."""
    parts: list[Text] = [_title(row, position, count), Text()]
    cuts = Cuts()
    for side in Side:
        article = source.article(side)
        for heading, indices in row.blocks(side):
            if heading is not None:
                parts.append(verdict_line(heading, palette)[1])
            for index in indices:
                only, conflicting = cuts(row.marking(side, heading, index), side)
                line = Text()
                line.append(f"{side_label(side)}{index + 1}  ", style="bold")
                line.append_text(sentence_text(side, article.sentences[index], only, palette, conflicting))
                parts += [line, Text()]
    comparison = source if isinstance(source, Comparison) else None
    if comparison is None:
        parts.append(Text("Links, differences and details come when the alignment has finished.", "dim"))
        return Group(*parts)
    if row.links:
        for conflict in row.conflicts:
            a, b = conflict_words(conflict, comparison)
            line = Text()
            line.append(f"{CONFLICT_MARKER} they disagree ({conflict.kind.value}): ", style="bold")
            line.append(f"A: {clean(a)} · B: {clean(b)}", style="bold reverse")
            parts.append(line)
        parts += [_words(comparison, row, Side.A), _words(comparison, row, Side.B), Text()]
        how = HOW.get(comparison.alignment.kind, HOW["lexical"])
        shift = comparison.settings.threshold
        parts.append(Text(SCORE_MEANING.format(how=how, cut=link_cut(comparison), shift=shift), "dim"))
    details = [
        (side, detail)
        for side in Side
        for detail in comparison.article(side).details
        if detail.sentence in row.indices(side)
    ]
    if details:
        parts += [Text(), Text("Names, numbers and quotes", style="bold")]
        for side, detail in details:
            other, own = side_label(side.other), side_label(side)
            shared = f"{other} has it too" if detail.shared else f"only in {own}"
            line = Text(f"{side_label(side)}  {clean(detail.text)}")
            line.append(f"  ({detail.kind.value}, {shared})", style="dim")
            parts.append(line)
    return Group(*parts)


class RowScreen(ModalScreen[None]):
    """One row in full; escape, q or enter closes it.

    | Key | Description |
    | :- | :- |
    | escape, q, enter | Back to the rows. |
    | up, down, pageup, pagedown | Scroll a long row. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,enter", "close", "Close"),
    ]

    def __init__(self, source: Articles, row: Row, position: int, count: int, palette: Palette) -> None:
        super().__init__()
        self._content = row_detail(source, row, position, count, palette)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="row-body"):
            yield Static(self._content, id="row-detail")
            yield Static(Text("escape, q or enter: back to the rows", style="dim"))

    def on_mount(self) -> None:
        self.query_one("#row-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)
