"""The reading order of a comparison: one row per sentence with all its partners.

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

from comparer.core.model import Article, Comparison, Conflict, Link, LinkKind, Side, Span


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
    """One line of the side-by-side view: sentences of A on the left, of B on the right.

    A row is about sentences of the side it follows (``follow``): one sentence, or the few a
    merge joins, with every partner the other side links to them. A sentence of A linked to five
    sentences of B is one row whose B side lists the five, each under its own link's verdict and
    score (``blocks``); an unlinked sentence is a row of its own.
    """

    kind: RowKind
    a: tuple[int, ...]
    b: tuple[int, ...]
    links: tuple[Link, ...] = ()
    """The row's links, in the order of their first sentence on the partner side."""
    follow: Side = Side.A
    """The side the row is about; the other side lists its partners."""

    @property
    def is_difference(self) -> bool:
        """Something one side has and the other lacks: an only-in row or a link with differences."""
        if self.kind in (RowKind.ONLY_A, RowKind.ONLY_B):
            return True
        return self.kind is RowKind.PARTIAL or any(
            link.only_a or link.only_b or link.conflicts for link in self.links
        )

    def differs(self, comparison: Comparison) -> bool:
        """What a reader looks for when asking for the differences: a sentence only one side has,
        a link whose two sides disagree, or a link where one side carries a name, number, date or
        quote the other lacks. A partial link that only words things differently is not one
        (``is_difference`` counts those too: on two news articles that is nearly every row)."""
        if self.kind in (RowKind.ONLY_A, RowKind.ONLY_B) or self.conflicts:
            return True
        if not self.links:
            return False
        return any(
            not detail.shared and detail.sentence in self.indices(side)
            for side in Side
            for detail in comparison.article(side).details
        )

    @property
    def conflicts(self) -> tuple[Conflict, ...]:
        """Where the row's two sides say different things, over all its links."""
        return tuple(conflict for link in self.links for conflict in link.conflicts)

    @property
    def marker(self) -> str:
        """The row's marker in the reports: ``CONFLICT_MARKER`` when a link has conflicts."""
        return CONFLICT_MARKER if self.conflicts else MARKERS[self.kind]

    def indices(self, side: Side) -> tuple[int, ...]:
        """The sentences of ``side`` in the row, each once, in their article's order."""
        return self.a if side is Side.A else self.b

    def links_of(self, side: Side, index: int) -> tuple[Link, ...]:
        """The row's links that hold sentence ``index`` of ``side``: the ones that mark its words."""
        return tuple(link for link in self.links if index in link.indices(side))

    def marking(self, side: Side, heading: Link | None, index: int) -> tuple[Link, ...]:
        """The links whose words mark sentence ``index`` of ``side`` where ``blocks`` shows it
        under ``heading``: that link alone, or, without a heading, every link of the row holding
        the sentence."""
        return (heading,) if heading is not None else self.links_of(side, index)

    def blocks(self, side: Side) -> tuple[tuple[Link | None, tuple[int, ...]], ...]:
        """What ``side`` of the row shows, in order: groups of sentences, each headed by the link
        whose verdict and score it shows (None: no heading of its own).

        The partners of a row with several links come one group per link, so that each carries
        its own verdict; everything else is one group without a heading (a single link's
        verdict is the row's own). A partner in two of the row's links is listed under each.
        """
        if side is self.follow or len(self.links) < 2:
            return ((None, self.indices(side)),)
        return tuple((link, link.indices(side)) for link in self.links)


def link_marker(link: Link) -> str:
    """One link's marker: ``CONFLICT_MARKER`` when its sides disagree, else its kind's."""
    if link.conflicts:
        return CONFLICT_MARKER
    return MARKERS[RowKind.SAME if link.kind is LinkKind.SAME else RowKind.PARTIAL]


def only_spans(links: Sequence[Link], side: Side) -> tuple[Span, ...]:
    """The words of ``side`` that none of ``links``' other sides has: for one link its own
    one-sided words, for several the words one-sided in each (a word any partner shares is not
    only this side's)."""
    if not links:
        return ()
    common = _union(links[0].only(side))
    for link in links[1:]:
        common = _intersection(common, _union(link.only(side)))
    return tuple(Span(start, end) for start, end in common) if len(links) > 1 else links[0].only(side)


def row_only(row: Row, side: Side, article: Article) -> tuple[Span, ...]:
    """The words only ``side`` has in ``row``, in the order of the text: each sentence's words
    that none of its partners in the row has (``article`` is ``side``'s)."""
    if len(row.links) < 2:
        return row.links[0].only(side) if row.links else ()
    found: set[Span] = set()
    for heading, indices in row.blocks(side):
        for index in indices:
            sentence = article.sentences[index]
            found.update(
                span
                for span in only_spans(row.marking(side, heading, index), side)
                if sentence.start <= span.start and span.end <= sentence.end
            )
    return tuple(sorted(found, key=lambda span: (span.start, span.end)))


def _union(spans: Sequence[Span]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for span in sorted(spans, key=lambda s: s.start):
        if out and span.start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], span.end))
        elif span.start < span.end:
            out.append((span.start, span.end))
    return out


def _intersection(x: list[tuple[int, int]], y: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Where two sorted, disjoint lists of ranges overlap."""
    out: list[tuple[int, int]] = []
    i = j = 0
    while i < len(x) and j < len(y):
        lo, hi = max(x[i][0], y[j][0]), min(x[i][1], y[j][1])
        if lo < hi:
            out.append((lo, hi))
        if x[i][1] < y[j][1]:
            i += 1
        else:
            j += 1
    return out


def rows(comparison: Comparison, follow: Side = Side.A) -> tuple[Row, ...]:
    """All rows in reading order, following ``follow``'s sentence order.

    Every sentence of ``follow`` is in exactly one row and every link in exactly one: a row holds
    a sentence of ``follow`` with all its links (and the sentences a merge joins to it). Every
    sentence of the other side is in a row too: in the row of each ``follow`` sentence it is
    linked to (the other article reports that fact twice), or, unlinked, in a row of its own
    placed where it sits in its article's flow. Nothing the user wrote is left out of a view.
    """
    lead, other = follow, follow.other
    # Sentences of the lead side that share a link (a merge) share a row: join them.
    parent: dict[int, int] = {}

    def root(i: int) -> int:
        while parent.setdefault(i, i) != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for link in comparison.links:
        first, *rest = link.indices(lead)
        for i in rest:
            parent[root(i)] = root(first)
    groups: dict[int, list[Link]] = {}
    for link in comparison.links:
        groups.setdefault(root(link.indices(lead)[0]), []).append(link)
    group_of = {i: root(i) for i in parent}

    def linked_row(links: list[Link]) -> Row:
        links.sort(key=lambda link: (min(link.indices(other)), min(link.indices(lead))))
        kind = RowKind.SAME if all(link.kind.value == "same" for link in links) else RowKind.PARTIAL
        held = {side: sorted({i for link in links for i in link.indices(side)}) for side in Side}
        return Row(kind, tuple(held[Side.A]), tuple(held[Side.B]), tuple(links), follow)

    def unlinked_row(side: Side, index: int) -> Row:
        boiler = comparison.article(side).sentences[index].boilerplate
        if side is Side.A:
            return Row(RowKind.BOILERPLATE_A if boiler else RowKind.ONLY_A, (index,), (), (), follow)
        return Row(RowKind.BOILERPLATE_B if boiler else RowKind.ONLY_B, (), (index,), (), follow)

    # Unlinked sentences of the other side go right after the row holding the nearest linked
    # sentence before them in their own article (or first, when none precedes them).
    first_of_group = {
        key: min(i for link in links for i in link.indices(lead)) for key, links in groups.items()
    }
    anchor_of_other: dict[int, int] = {}
    for key, links in groups.items():
        for link in links:
            for j in link.indices(other):
                anchor_of_other[j] = min(first_of_group[key], anchor_of_other.get(j, first_of_group[key]))
    anchored: dict[int | None, list[int]] = {}
    last_linked: int | None = None
    for sentence in comparison.article(other).sentences:
        j = sentence.index
        if j in anchor_of_other:
            last_linked = anchor_of_other[j]
        else:
            anchored.setdefault(last_linked, []).append(j)

    out: list[Row] = [unlinked_row(other, j) for j in anchored.get(None, [])]
    for sentence in comparison.article(lead).sentences:
        i = sentence.index
        group = group_of.get(i)
        if group is None:
            out.append(unlinked_row(lead, i))
        elif first_of_group[group] == i:
            out.append(linked_row(groups[group]))
            out.extend(unlinked_row(other, j) for j in anchored.get(i, []))
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


def conflict_spans(links: Link | Sequence[Link] | None, side: Side) -> tuple[Span, ...]:
    """The words of ``side`` in a conflict of ``links`` (the empty spans of added words left out)."""
    if links is None:
        return ()
    if isinstance(links, Link):
        links = (links,)
    spans = (c.a if side is Side.A else c.b for link in links for c in link.conflicts)
    return tuple(span for span in spans if span.start < span.end)


class Cuts:
    """The cuts of a side's sentences by a set of links, the words only that side has and its
    conflicting words (``only_spans``, ``conflict_spans``), each made once per set of links: a
    sentence shown with several partners is cut by all of them, and its partners by each. Links
    are told apart by identity, so one ``Cuts`` serves the links of one comparison."""

    def __init__(self) -> None:
        self._made: dict[tuple[Side, tuple[int, ...]], tuple[Cut, Cut]] = {}

    def __call__(self, links: tuple[Link, ...], side: Side) -> tuple[Cut, Cut]:
        key = (side, tuple(map(id, links)))
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = (Cut(only_spans(links, side)), Cut(conflict_spans(links, side)))
        return made


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
