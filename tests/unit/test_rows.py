"""The reading order every view shares: every link once, every sentence at least once."""

from __future__ import annotations

from comparer.core.compare import compare
from comparer.core.model import Document, Settings, Side, Span
from comparer.report.rows import RowKind, pieces, rows


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


def test_unaligned_rows_put_sentence_k_of_each_side_together(doc_a: Document, doc_b: Document) -> None:
    from comparer.core.compare import segmented
    from comparer.report.rows import Unaligned, unaligned_rows

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
