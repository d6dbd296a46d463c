"""The reading order every view shares: every link once, every sentence at least once."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from hypothesis import given
from hypothesis import strategies as st

from comparer.core.compare import compare
from comparer.core.document import from_string
from comparer.core.model import Document, Link, LinkKind, Settings, Side, Span
from comparer.core.rows import Cut, RowKind, pieces, rows
from comparer.report import render
from comparer.ui.widgets.layout import Geometry, Palette, RowPainter


def test_a_sentence_in_two_links_appears_with_each_partner(doc_a: Document, doc_b: Document) -> None:
    # A slightly lower bar links A11 ("retains the right to respond") to B2 as well as to B5.
    comparison = compare(doc_a, doc_b, Settings(threshold=-0.04))
    a11 = next(s.index for s in comparison.a.sentences if s.text.startswith("Russia retains the right"))
    assert len(comparison.links_of(Side.A, a11)) == 2
    for follow in (Side.A, Side.B):
        ordered = rows(comparison, follow)
        linked_rows = [row.link for row in ordered if row.link is not None]
        assert sorted(linked_rows, key=lambda link: (link.a, link.b)) == sorted(
            comparison.links, key=lambda link: (link.a, link.b)
        ), "every link is shown exactly once"
        holding = [row for row in ordered if a11 in row.a]
        assert len(holding) == 2 and {row.b for row in holding} == {
            link.b for link in comparison.links_of(Side.A, a11)
        }
        for side in Side:
            shown = {i for row in ordered for i in row.indices(side)}
            assert shown == set(range(len(comparison.article(side).sentences)))


def test_rows_follow_the_chosen_order(doc_a: Document, doc_b: Document) -> None:
    comparison = compare(doc_a, doc_b)
    for follow in (Side.A, Side.B):
        lead = [min(row.indices(follow)) for row in rows(comparison, follow) if row.indices(follow)]
        assert lead == sorted(lead)
    only_b = [row for row in rows(comparison, Side.A) if row.kind is RowKind.ONLY_B]
    assert [row.b[0] for row in only_b] == sorted(row.b[0] for row in only_b)


def test_pieces_cut_a_sentence_by_its_spans() -> None:
    text = "Peskov told RIA Novosti that Putin was safe."
    offset = 100
    spans = [Span(offset + 12, offset + 23), Span(offset + 0, offset + 6)]
    assert pieces(text, offset, spans) == [
        ("Peskov", True),
        (" told ", False),
        ("RIA Novosti", True),
        (" that Putin was safe.", False),
    ]
    assert "".join(piece for piece, _ in pieces(text, offset, spans)) == text
    assert pieces(text, offset, []) == [(text, False)]
    assert pieces("", 0, []) == [("", False)]


def _pieces_walking_every_span(text: str, offset: int, spans: list[Span]) -> list[tuple[str, bool]]:
    """The straightforward cut (every span, for every sentence) that ``Cut`` must equal."""
    out: list[tuple[str, bool]] = []
    cursor = 0
    for span in sorted(spans, key=lambda s: s.start):
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


_spans = st.lists(
    st.tuples(st.integers(0, 60), st.integers(0, 15)).map(lambda t: Span(t[0], t[0] + t[1])), max_size=12
)


@given(_spans, st.lists(st.tuples(st.integers(0, 60), st.integers(0, 20)), min_size=1, max_size=6))
def test_a_cut_gives_the_straightforward_pieces(spans: list[Span], sentences: list[tuple[int, int]]) -> None:
    cut = Cut(spans)
    for offset, length in sentences:
        text = "abcdefghijklmnopqrstuvwxyz"[:length]
        assert cut.pieces(text, offset) == _pieces_walking_every_span(text, offset, spans)


class _CountedSpans(tuple[Span, ...]):
    walks = 0

    def __iter__(self) -> Iterator[Span]:
        _CountedSpans.walks += 1
        return super().__iter__()


def test_the_spans_of_a_merge_are_walked_once_per_report_not_once_per_sentence() -> None:
    """A link merging many sentences: cutting each of them must not walk all the link's spans
    (quadratic in the size of the merge)."""
    count = 200
    a = from_string(" ".join(f"Sentence {k} names Kyiv and Moscow." for k in range(count)), source="a")
    b = from_string("Kyiv and Moscow.", source="b")
    comparison = compare(a, b)
    spans = _CountedSpans(Span(s.start, s.start + 8) for s in comparison.a.sentences)
    link = Link(tuple(range(len(comparison.a.sentences))), (0,), LinkKind.PARTIAL, 0.5, spans, ())
    merged = dataclasses.replace(comparison, links=(link,), only_in_a=(), only_in_b=())
    for fmt in ("text", "markdown"):
        _CountedSpans.walks = 0
        assert render(merged, fmt).count("Sentence") >= count
        assert _CountedSpans.walks <= 2, fmt
    painter = RowPainter(merged, Geometry.fit(120, merged))
    (row,) = [row for row in rows(merged) if row.link is link]
    _CountedSpans.walks = 0
    assert len(painter.lines(row, Palette())) > count
    assert _CountedSpans.walks <= 2, "the row view"


def test_unaligned_rows_put_sentence_k_of_each_side_together(doc_a: Document, doc_b: Document) -> None:
    from comparer.core.compare import segmented
    from comparer.core.rows import Unaligned, unaligned_rows

    shorter = Document("short.txt", doc_b.text[: len(doc_b.text) // 2])
    texts = Unaligned(*segmented(doc_a, shorter))
    count_a, count_b = len(texts.a.sentences), len(texts.b.sentences)
    assert count_a > count_b > 0, "B runs out first"
    made = unaligned_rows(texts)
    assert len(made) == max(count_a, count_b)
    assert all(row.kind is RowKind.UNALIGNED and row.link is None and not row.is_difference for row in made)
    for side, count in ((Side.A, count_a), (Side.B, count_b)):
        assert [i for row in made for i in row.indices(side)] == list(range(count))
    assert texts.mirrored().a is texts.b and texts.mirrored().article(Side.B) is texts.a
