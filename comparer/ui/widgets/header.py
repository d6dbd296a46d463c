"""The header (sources and summary) and the selected row's details, as inert Rich text."""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Group
from rich.text import Text
from textual.widgets import Static

from comparer.core.model import Article, Comparison, Side
from comparer.core.rows import CONFLICT_MARKER, Articles, Row, RowKind, conflict_words, link_marker, row_only
from comparer.report.text import NO_STORY, covered
from comparer.ui.widgets.layout import clean, side_label

_WORDS_SHOWN = 12
_CHARS_SHOWN = 500
"""More characters of one text than any line of the header can show: a longer headline or word
(a document of one 5 MB sentence) is cut to this before it is styled and laid out."""


def _clipped(text: str) -> str:
    return text if len(text) <= _CHARS_SHOWN else text[:_CHARS_SHOWN] + "…"


"""Differing words listed for the selected row before "and N more"."""


def headline(article: Article) -> str:
    """The article's headline, or failing that its first sentence."""
    for sentence in article.sentences:
        if sentence.headline:
            return sentence.text
    return article.sentences[0].text if article.sentences else ""


@dataclass(frozen=True)
class ViewState:
    """What the header reports about how the rows are shown."""

    follow: Side = Side.A
    filter: str = "all"
    threshold: float = 0.0
    swapped: bool = False
    query: str = ""
    matches: int = 0
    busy: bool = False
    progress: str = ""
    """What the comparison in the background is doing, with how far along it is."""
    failed: bool = False
    """The comparison ended in an error: there is none to show."""
    shown: int = 0
    total: int = 0
    alignment: str = ""
    """Which alignment the rows show ("by meaning", "by words ..."), once known."""


def _source_line(source: Articles, side: Side) -> Text:
    article = source.article(side)
    line = Text(no_wrap=True, overflow="ellipsis")
    line.append(f"{side_label(side)} ", style="bold")
    line.append(clean(article.document.name), style="bold")
    title = clean(_clipped(headline(article))).strip()
    if title:
        line.append("  ")
        line.append(title, style="italic")
    return line


def summary_text(comparison: Comparison | None, state: ViewState, texts: Articles | None = None) -> Group:
    """Sources, counts and coverage, then the view's state.

    Before the comparison comes, ``texts`` (the two articles cut into sentences) give the
    sources and sentence counts, so the header is useful while the alignment runs.
    """
    status = Text(no_wrap=True, overflow="ellipsis")
    if state.busy:
        status.append(f"⟳ {state.progress or 'aligning…'}", style="bold")
        status.append(" · ")
    if state.alignment:  # first: the one thing that changes on its own, while reading
        status.append(state.alignment, style="bold")
        status.append(" · ")
    status.append(f"order: {side_label(state.follow)}")
    status.append(f" · filter: {state.filter} ({state.shown:,}/{state.total:,} rows)")
    status.append(f" · threshold {state.threshold:+.2f}")
    if state.swapped:
        status.append(" · sides swapped")
    if state.query:
        status.append(" · search: ")
        status.append(clean(state.query), style="bold")
        status.append(f" ({state.matches} rows)")
    if comparison is None:
        waiting = "The comparison failed." if state.failed else "Aligning the two articles…"
        if state.progress and not state.failed:
            waiting = f"Aligning the two articles: {state.progress}"
        if texts is None:
            return Group(Text(waiting), Text(), Text(), status)
        counts = Text()
        counts.append(
            f"{len(texts.a.sentences):,} sentences in A · {len(texts.b.sentences):,} in B", style="bold"
        )
        counts.append(
            " · not aligned: " + ("the comparison failed" if state.failed else "shown each in its own order")
        )
        return Group(_source_line(texts, Side.A), _source_line(texts, Side.B), counts, status)
    s = comparison.summary
    counts = Text()
    counts.append(f"{s.links:,} linked", style="bold")
    counts.append(f" (= {s.same:,} same, ~ {s.partial:,} partial) · ")
    counts.append(
        f"{CONFLICT_MARKER} {s.conflicts:,} {'conflict' if s.conflicts == 1 else 'conflicts'}", style="bold"
    )
    counts.append(" · ")
    counts.append(f"- {s.only_in_a:,} only in A", style="bold")
    counts.append(" · ")
    counts.append(f"+ {s.only_in_b:,} only in B", style="bold")
    for side in Side:
        share, name, other = covered(s, side), side_label(side), side_label(side.other)
        counts.append(f" · {name} {NO_STORY}" if share is None else f" · {other} covers {share} of {name}")
    return Group(_source_line(comparison, Side.A), _source_line(comparison, Side.B), counts, status)


class SummaryHeader(Static):
    """The two sources, the summary of the comparison and the state of the view."""

    def show(self, comparison: Comparison | None, state: ViewState, texts: Articles | None = None) -> None:
        self.update(summary_text(comparison, state, texts))


def _conflicts(comparison: Comparison, row: Row) -> Text:
    """Each conflict of the row: "disagree: opposite A: rose · B: fell"."""
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(f"{CONFLICT_MARKER} disagree: ", style="bold")
    for n, conflict in enumerate(row.conflicts):
        a, b = conflict_words(conflict, comparison)
        if n:
            text.append(" ; ", style="dim")
        text.append(f"{conflict.kind.value} ", style="dim")
        text.append(f"A: {clean(a)} · B: {clean(b)}", style="bold reverse")
    return text


def _words(comparison: Comparison, row: Row, side: Side | None) -> Text:
    """The words only ``side`` has; both sides' on one line when ``side`` is None."""
    if side is None:
        both = _words(comparison, row, Side.A)
        both.append(" · ", style="dim")
        both.append_text(_words(comparison, row, Side.B))
        both.no_wrap, both.overflow = True, "ellipsis"
        return both
    text = Text()
    spans = row_only(row, side, comparison.article(side))
    source = comparison.article(side).document.text
    words = [clean(_clipped(source[span.start : span.end])) for span in spans[:_WORDS_SHOWN]]
    text.append(f"only in {side_label(side)}: ", style="bold")
    if not words:
        text.append("(nothing)", style="dim")
    for n, word in enumerate(words[:_WORDS_SHOWN]):
        if n:
            text.append(" · ", style="dim")
        text.append(word, style="underline")
    if len(spans) > _WORDS_SHOWN:
        text.append(f" … and {len(spans) - _WORDS_SHOWN:,} more", style="dim")
    return text


def _verdicts(row: Row) -> Text:
    """Each partner's link in a row of several: "= B5 0.81 · ~ B7,B8 0.43"."""
    side = row.follow.other
    text = Text(no_wrap=True, overflow="ellipsis")
    for n, link in enumerate(row.links):
        if n:
            text.append(" · ", style="dim")
        text.append(f"{link_marker(link)} ", style="bold")
        text.append(f"{_numbers(side, link.indices(side))} {link.score:.2f}")
    return text


def _numbers(side: Side, indices: tuple[int, ...]) -> str:
    return ",".join(f"{side_label(side)}{i + 1}" for i in indices)


def _row_of(position: int, count: int) -> Text:
    return Text(f"Row {position + 1:,} of {count:,} · ")


def row_text(comparison: Comparison | None, row: Row | None, position: int, count: int) -> Group:
    """Kind, score and the exact words only on each side of the selected row."""
    if row is not None and row.kind is RowKind.UNALIGNED:
        return _unaligned_text(row, position, count)
    if comparison is None or row is None:
        return Group(Text("No row selected."))
    first = _row_of(position, count)
    if len(row.links) > 1:
        first.append(f"{len(row.links)} links", style="bold")
        first.append(f" · {_numbers(Side.A, row.a)} ↔ {_numbers(Side.B, row.b)}")
        second = _verdicts(row)
        return Group(
            first, second, _conflicts(comparison, row) if row.conflicts else _words(comparison, row, None)
        )
    if row.links:
        link = row.links[0]
        first.append(f"{link.kind.value} link", style="bold")
        first.append(f" · score {link.score:.2f} · {_numbers(Side.A, row.a)} ↔ {_numbers(Side.B, row.b)}")
        if row.conflicts:
            return Group(first, _conflicts(comparison, row), _words(comparison, row, None))
        return Group(first, _words(comparison, row, Side.A), _words(comparison, row, Side.B))
    side = Side.A if row.a else Side.B
    sentence = comparison.article(side).sentences[row.indices(side)[0]]
    if row.kind in (RowKind.ONLY_A, RowKind.ONLY_B):
        first.append(f"only in {side_label(side)}", style="bold")
        first.append(f" · {_numbers(side, row.indices(side))} · no match in {side_label(side.other)}")
    else:
        first.append("not story text", style="bold")
        first.append(f" · {_numbers(side, row.indices(side))} · boilerplate is shown but never matched")
    details = [d for d in comparison.article(side).details if d.sentence == sentence.index]
    second = Text()
    if details:
        second.append("details: ", style="bold")
        for n, detail in enumerate(details):
            if n:
                second.append(" · ", style="dim")
            second.append(clean(detail.text))
            second.append(f" ({detail.kind.value}{', shared' if detail.shared else ''})", style="dim")
    return Group(first, second)


def _unaligned_text(row: Row, position: int, count: int) -> Group:
    shown = " beside ".join(_numbers(side, row.indices(side)) for side in Side if row.indices(side))
    first = _row_of(position, count)
    first.append("not aligned yet", style="bold")
    first.append(f" · {shown}, each in its own order")  # one line at 80 columns
    return Group(
        first, Text("Links, differences and details come when the alignment has finished.", style="dim")
    )


class RowInfo(Static):
    """What the selected row is: kind, score, and the words only on each side."""

    def show(self, comparison: Comparison | None, row: Row | None, position: int, count: int) -> None:
        self.update(row_text(comparison, row, position, count), layout=False)  # a fixed height
