"""The reading order every view shares: every link once, every sentence at least once."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from hypothesis import given, settings
from hypothesis import strategies as st

from comparer.core.compare import compare
from comparer.core.document import from_string, load
from comparer.core.model import Comparison, Document, Link, LinkKind, Settings, Side, Span
from comparer.core.rows import Cut, RowKind, only_spans, pieces, rows
from comparer.report import render
from comparer.ui.widgets.layout import Geometry, Palette, RowPainter
from tests.conftest import SAMPLE_A, SAMPLE_B


def test_a_sentence_in_two_links_is_one_row_with_both_partners(doc_a: Document, doc_b: Document) -> None:
    # A slightly lower bar links A11 ("retains the right to respond") to B2 as well as to B5.
    comparison = compare(doc_a, doc_b, Settings(threshold=-0.04))
    a11 = next(s.index for s in comparison.a.sentences if s.text.startswith("Russia retains the right"))
    links = comparison.links_of(Side.A, a11)
    assert len(links) == 2
    (row,) = [row for row in rows(comparison, Side.A) if a11 in row.a]
    assert set(map(id, row.links)) == set(map(id, links)) and row.a == (a11,)
    assert row.b == tuple(sorted({j for link in links for j in link.b}))
    assert [heading for heading, _ in row.blocks(Side.B)] == list(row.links), "each partner under its link"
    assert row.blocks(Side.A) == ((None, (a11,)),)
    # Following B, A11 sits in the row of each of its partners instead.
    assert len([row for row in rows(comparison, Side.B) if a11 in row.a]) == 2


def _random_links(comparison: Comparison, data: st.DataObject) -> tuple[Link, ...]:
    """Links as the aligner may make them: one sentence to one or more of the other side, a
    sentence in any number of links, never several on both sides."""
    count = {side: len(comparison.article(side).sentences) for side in Side}
    made: dict[tuple[tuple[int, ...], tuple[int, ...]], Link] = {}
    for _ in range(data.draw(st.integers(0, 25))):
        many = data.draw(st.sampled_from(Side))
        start = data.draw(st.integers(0, count[many] - 1))
        group = tuple(range(start, min(start + data.draw(st.integers(1, 3)), count[many])))
        one = (data.draw(st.integers(0, count[many.other] - 1)),)
        a, b = (group, one) if many is Side.A else (one, group)
        kind = data.draw(st.sampled_from(LinkKind))
        made[a, b] = Link(a, b, kind, data.draw(st.floats(0, 1)))
    return tuple(made.values())


@given(st.data())
@settings(max_examples=60, deadline=None)
def test_every_sentence_and_every_link_appears_in_the_rows(data: st.DataObject) -> None:
    comparison = _sample()
    links = _random_links(comparison, data)
    changed = dataclasses.replace(comparison, links=links)
    for follow in Side:
        made = rows(changed, follow)
        shown = [link for row in made for link in row.links]
        assert sorted(map(id, shown)) == sorted(map(id, links)), "every link in exactly one row"
        lead, other = follow, follow.other
        for i in range(len(changed.article(lead).sentences)):
            (row,) = [row for row in made if i in row.indices(lead)]  # exactly one row
            assert set(map(id, changed.links_of(lead, i))) <= set(map(id, row.links)), "with all its links"
        for j in range(len(changed.article(other).sentences)):
            holding = [row for row in made if j in row.indices(other)]
            linked = [row for row in made if row.links_of(other, j)]
            assert holding == (linked or holding) and len(holding) >= 1
            if not linked:
                assert len(holding) == 1 and not holding[0].links, "an unlinked sentence: one row"
        for row in made:
            for side in Side:
                if row.links:
                    held = sorted({i for link in row.links for i in link.indices(side)})
                    assert list(row.indices(side)) == held, "a row holds its links' sentences, once"
                listed = [i for _, indices in row.blocks(side) for i in indices]
                assert set(listed) == set(row.indices(side)), "the blocks show every sentence"
        firsts = [min(row.indices(lead)) for row in made if row.indices(lead)]
        assert firsts == sorted(firsts), "in the lead side's order"


_SAMPLE: list[Comparison] = []


def _sample() -> Comparison:
    if not _SAMPLE:
        _SAMPLE.append(compare(load(str(SAMPLE_A)), load(str(SAMPLE_B)), Settings(lexical=True)))
    return _SAMPLE[0]


def test_several_links_mark_only_the_words_no_partner_has() -> None:
    text = Link((0,), (0,), LinkKind.PARTIAL, 0.5, (Span(0, 5), Span(10, 20)), ())
    other = Link((0,), (1,), LinkKind.PARTIAL, 0.4, (Span(3, 12), Span(15, 30)), ())
    assert only_spans((text,), Side.A) == (Span(0, 5), Span(10, 20))
    assert only_spans((text, other), Side.A) == (Span(3, 5), Span(10, 12), Span(15, 20))
    assert only_spans((), Side.A) == ()


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
    (row,) = [row for row in rows(merged) if row.links == (link,)]
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
    assert all(row.kind is RowKind.UNALIGNED and not row.links and not row.is_difference for row in made)
    for side, count in ((Side.A, count_a), (Side.B, count_b)):
        assert [i for row in made for i in row.indices(side)] == list(range(count))
    assert texts.mirrored().a is texts.b and texts.mirrored().article(Side.B) is texts.a
