"""The reading order of a comparison: one row per link or unmatched sentence.

The view model every view reads (the text, Markdown and HTML reports and the review screen), so
they all list the same rows in the same order: A's order, with B-only sentences placed where they
sit in B's flow (or the other way round when following B). Pure, like the rest of the core.
"""

from __future__ import annotations

import enum
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Protocol

from comparer.core.model import Article, Comparison, Conflict, Link, Side, Span


class RowKind(str, enum.Enum):
    SAME = "same"
    PARTIAL = "partial"
    ONLY_A = "only_a"
    ONLY_B = "only_b"
    BOILERPLATE_A = "boilerplate_a"
    BOILERPLATE_B = "boilerplate_b"
    UNALIGNED = "unaligned"
    """Sentence k of each side, side by side before the alignment: a place to read, not a link.
    Only ``unaligned_rows`` makes these; ``rows`` and so the reports never do."""


MARKERS = {
    RowKind.SAME: "=",
    RowKind.PARTIAL: "~",
    RowKind.ONLY_A: "-",
    RowKind.ONLY_B: "+",
    RowKind.BOILERPLATE_A: ".",
    RowKind.BOILERPLATE_B: ".",
}
"""Each kind of row's marker in the reports, as diff marks its lines: plain ASCII, so they
survive any terminal, grep and copying; meaning never rests on colour alone."""
CONFLICT_MARKER = "!"
"""The marker of a linked row whose two sides say different things (``Link.conflicts``), in
place of its kind's: the first thing a reader must see."""


class Mark(enum.IntEnum):
    """How a piece of a linked sentence is marked."""

    PLAIN = 0
    ONLY = 1
    """Words only this side has."""
    CONFLICT = 2
    """Words that say something different from the other side's words in the same place."""


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the side-by-side view: sentences of A on the left, of B on the right."""

    kind: RowKind
    a: tuple[int, ...]
    b: tuple[int, ...]
    link: Link | None = None

    @property
    def is_difference(self) -> bool:
        """Something one side has and the other lacks: an only-in row or a link with differences."""
        if self.kind in (RowKind.ONLY_A, RowKind.ONLY_B):
            return True
        return self.link is not None and (
            self.kind is RowKind.PARTIAL or bool(self.link.only_a or self.link.only_b or self.link.conflicts)
        )

    def differs(self, comparison: Comparison) -> bool:
        """What a reader looks for when asking for the differences: a sentence only one side has,
        a link whose two sides disagree, or a link where one side carries a name, number, date or
        quote the other lacks. A partial link that only words things differently is not one
        (``is_difference`` counts those too: on two news articles that is nearly every row)."""
        if self.kind in (RowKind.ONLY_A, RowKind.ONLY_B) or self.conflicts:
            return True
        if self.link is None:
            return False
        return any(
            not detail.shared and detail.sentence in self.indices(side)
            for side in Side
            for detail in comparison.article(side).details
        )

    @property
    def conflicts(self) -> tuple[Conflict, ...]:
        """Where the row's two sides say different things (none for a row that is not a link)."""
        return self.link.conflicts if self.link is not None else ()

    @property
    def marker(self) -> str:
        """The row's marker in the reports: ``CONFLICT_MARKER`` for a link with conflicts."""
        return CONFLICT_MARKER if self.conflicts else MARKERS[self.kind]

    def indices(self, side: Side) -> tuple[int, ...]:
        return self.a if side is Side.A else self.b


def rows(comparison: Comparison, follow: Side = Side.A) -> tuple[Row, ...]:
    """All rows in reading order, following ``follow``'s sentence order.

    Every sentence of both documents appears in a row: links, only-in sentences and boilerplate
    alike, so nothing the user wrote is left out of a view. A sentence in two links (a fact the
    other article reports twice) appears in the row of each.
    """
    lead, other = follow, follow.other
    lead_sentences = comparison.article(lead).sentences
    other_sentences = comparison.article(other).sentences
    links_at: dict[int, list[Link]] = {}
    for link in sorted(
        comparison.links, key=lambda link: (min(link.indices(lead)), min(link.indices(other)))
    ):
        links_at.setdefault(min(link.indices(lead)), []).append(link)
    in_link_lead = {i for link in comparison.links for i in link.indices(lead)}

    def make(side: Side, index: int, link: Link | None) -> Row:
        if link is not None:
            kind = RowKind.SAME if link.kind.value == "same" else RowKind.PARTIAL
            return Row(kind, link.a, link.b, link)
        boiler = comparison.article(side).sentences[index].boilerplate
        if side is Side.A:
            return Row(RowKind.BOILERPLATE_A if boiler else RowKind.ONLY_A, (index,), ())
        return Row(RowKind.BOILERPLATE_B if boiler else RowKind.ONLY_B, (), (index,))

    # Unlinked sentences of the other side go right after the row holding the nearest linked
    # sentence before them in their own article (or first, when none precedes them).
    anchor_of_other: dict[int, int] = {}
    for link in comparison.links:
        for j in link.indices(other):
            anchor = min(link.indices(lead))
            anchor_of_other[j] = min(anchor, anchor_of_other.get(j, anchor))
    anchored: dict[int | None, list[int]] = {}
    last_linked: int | None = None
    for sentence in other_sentences:
        j = sentence.index
        if j in anchor_of_other:
            last_linked = anchor_of_other[j]
        else:
            anchored.setdefault(last_linked, []).append(j)

    out: list[Row] = [make(other, j, None) for j in anchored.get(None, [])]
    for sentence in lead_sentences:
        i = sentence.index
        if i in links_at:
            out.extend(make(lead, i, link) for link in links_at[i])
            out.extend(make(other, j, None) for j in anchored.get(i, []))
        elif i not in in_link_lead:
            out.append(make(lead, i, None))
    return tuple(out)


class Articles(Protocol):
    """Two articles to show side by side: a ``Comparison``, or ``Unaligned`` texts before it."""

    @property
    def a(self) -> Article: ...

    @property
    def b(self) -> Article: ...

    def article(self, side: Side) -> Article: ...


@dataclass(frozen=True, slots=True)
class Unaligned:
    """Both articles cut into sentences, not yet aligned: what a view shows while it waits."""

    a: Article
    b: Article

    def article(self, side: Side) -> Article:
        return self.a if side is Side.A else self.b

    def mirrored(self) -> Unaligned:
        return Unaligned(self.b, self.a)


def unaligned_rows(texts: Unaligned) -> tuple[Row, ...]:
    """Row k holds sentence k of A and sentence k of B: both texts in their own order, to read
    side by side until the alignment says what matches what."""
    count_a, count_b = len(texts.a.sentences), len(texts.b.sentences)
    return tuple(
        Row(RowKind.UNALIGNED, (k,) if k < count_a else (), (k,) if k < count_b else ())
        for k in range(max(count_a, count_b))
    )


class Cut:
    """The spans of one side of a link, sorted once, to cut each of its sentences into pieces.

    A link can merge hundreds of sentences with hundreds of spans between them: sorting and
    walking every span for every sentence was quadratic. Here each sentence finds its first
    span by bisection and stops at the first span past its end.
    """

    def __init__(self, spans: Sequence[Span]) -> None:
        self._spans = sorted(spans, key=lambda s: s.start)
        self._reach = list(accumulate((s.end for s in self._spans), max))
        """The furthest end of the spans up to each one: spans before the first whose reach
        passes a sentence's start end before it, so none of them can touch it."""

    def pieces(self, text: str, offset: int) -> list[tuple[str, bool]]:
        """``text`` (which starts at ``offset`` in its document) cut into consecutive pieces,
        each marked True when it lies in one of the spans (the words only this side has).

        Every view marks differences from this one cut, each in its own way: wdiff markers,
        bold, or a style.
        """
        out: list[tuple[str, bool]] = []
        cursor = 0
        spans = self._spans
        for k in range(bisect_right(self._reach, offset), len(spans)):
            span = spans[k]
            if span.start - offset >= len(text):
                break  # this span and all after it start beyond the text
            lo, hi = max(span.start - offset, cursor), min(span.end - offset, len(text))
            if lo >= hi:
                continue
            if lo > cursor:
                out.append((text[cursor:lo], False))
            out.append((text[lo:hi], True))
            cursor = hi
        if cursor < len(text) or not out:
            out.append((text[cursor:], False))
        return out


def conflict_spans(link: Link | None, side: Side) -> tuple[Span, ...]:
    """The words of ``side`` in a conflict of ``link`` (the empty spans of added words left out)."""
    if link is None:
        return ()
    spans = (c.a if side is Side.A else c.b for c in link.conflicts)
    return tuple(span for span in spans if span.start < span.end)


def marked_pieces(text: str, offset: int, only: Cut, conflicting: Cut) -> list[tuple[str, Mark]]:
    """``text`` (which starts at ``offset``) cut into pieces, each marked as a conflict, as words
    only this side has, or plain: conflicting words are marked as such even where they are
    one-sided words too."""
    out: list[tuple[str, Mark]] = []
    at = offset
    for piece, inside in conflicting.pieces(text, offset):
        if inside:
            out.append((piece, Mark.CONFLICT))
        else:
            out.extend(
                (part, Mark.ONLY if one_sided else Mark.PLAIN) for part, one_sided in only.pieces(piece, at)
            )
        at += len(piece)
    return out


def conflict_words(conflict: Conflict, comparison: Comparison) -> tuple[str, str]:
    """The words of each side of a conflict, "—" for a side where the word has no counterpart."""
    a = comparison.a.document.text[conflict.a.start : conflict.a.end]
    b = comparison.b.document.text[conflict.b.start : conflict.b.end]
    return a or "—", b or "—"


def describe(conflict: Conflict, comparison: Comparison) -> str:
    """One conflict in words: "opposite: A: rose · B: fell"."""
    a, b = conflict_words(conflict, comparison)
    return f"{conflict.kind.value}: A: {a} · B: {b}"


def pieces(text: str, offset: int, spans: Sequence[Span]) -> list[tuple[str, bool]]:
    """``Cut(spans).pieces(text, offset)``, for one sentence; for the many sentences of one
    link, make the ``Cut`` once."""
    return Cut(spans).pieces(text, offset)
