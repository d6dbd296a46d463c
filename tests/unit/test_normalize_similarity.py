"""Tokens, stems, numbers and the similarity score."""

from __future__ import annotations

from comparer.core.align import profiles
from comparer.core.document import from_string
from comparer.core.normalize import tokenize
from comparer.core.segment import segment
from comparer.core.similarity import Seen, Weights, order_ratio, profile, similarity


def stems(text: str) -> list[str]:
    return [t.stem for t in tokenize(text) if t.content]


def test_case_quotes_dashes_and_possessives_are_normalised() -> None:
    assert stems("The Kremlin’s “statement” — said") == stems('the kremlin\'s "statement" - said')


def test_stopwords_carry_no_content() -> None:
    assert stems("the and of to it was") == []


def test_numbers_compare_as_numbers() -> None:
    assert stems("1,500 people") == stems("1500 people")
    assert stems("two drones") == stems("2 drones")
    assert stems("1.5 million") != stems("1.6 million")


def test_abbreviations_stay_whole() -> None:
    assert "u.s." in stems("U.S. officials")


def test_token_offsets_point_into_the_text() -> None:
    text = "Zelenskyy’s adviser, Mykhailo Podolyak, said 2.30am."
    for token in tokenize(text, 100):
        assert text[token.start - 100 : token.end - 100] == token.text


def _profiles(*texts: str):  # type: ignore[no-untyped-def]
    doc = from_string("\n\n".join(texts))
    sentences = segment(doc)
    profiles = [profile(s) for s in sentences]
    return profiles, Weights([p.bag for p in profiles])


def test_similarity_is_symmetric_and_bounded() -> None:
    (x, y, z), weights = _profiles(
        "Peskov said Putin was not in the Kremlin at the time.",
        "Putin was not in the Kremlin at the time, Peskov told reporters.",
        "The weather in Paris was mild on Sunday.",
    )
    assert similarity(x, y, weights) == similarity(y, x, weights)
    assert 0.0 <= similarity(x, z, weights).value <= 1.0
    assert similarity(x, y, weights).value > 0.5
    assert similarity(x, z, weights).value == 0.0


def test_paraphrase_scores_higher_than_topic_overlap() -> None:
    (x, y, z), weights = _profiles(
        "Moscow mayor Sergei Sobyanin banned drone flights over the capital.",
        "Drone flights over the capital were banned by mayor Sobyanin.",
        "The mayor of Moscow opened a new park in the capital.",
    )
    assert similarity(x, y, weights).value > similarity(x, z, weights).value


def test_different_figures_lower_the_score() -> None:
    (x, y, z), weights = _profiles(
        "The lawsuit covers 1.5 million women.",
        "The lawsuit covers 1.5 million women workers.",
        "The lawsuit covers 1.6 million women workers.",
    )
    assert similarity(x, y, weights).value > similarity(x, z, weights).value


def test_order_ratio_is_symmetric() -> None:
    a, b = ["x", "y", "z", "x"], ["y", "x", "z"]
    assert order_ratio(a, b) == order_ratio(b, a)


def test_spelling_variants_are_one_word() -> None:
    from comparer.core.normalize import spelling_variant

    assert spelling_variant("zelenskyy", "zelensky", 0.85)
    assert spelling_variant("zelensky", "zelenskyy", 0.85)
    assert not spelling_variant("russia", "prussia", 0.95)
    assert not spelling_variant("cats", "cat", 0.5), "short words never count as variants"


def test_a_spelling_variant_is_not_a_difference_inside_a_link() -> None:
    from comparer.core.compare import compare

    a = from_string("President Volodymyr Zelenskyy met reporters in Kyiv on Monday.")
    b = from_string("President Volodymyr Zelensky met reporters in Kyiv on Monday.")
    comparison = compare(a, b)
    assert len(comparison.links) == 1
    link = comparison.links[0]
    assert link.only_a == () and link.only_b == ()
    c = from_string("President Volodymyr Zelensky met reporters in Lviv on Monday.")
    other = compare(a, c).links[0]
    assert [a.text[s.start : s.end] for s in other.only_a] == ["Kyiv"]


def test_a_text_seen_before_is_profiled_as_if_it_were_new() -> None:
    # Within one comparison a sentence text is tokenised once; its other copies (in either
    # article, at other offsets) must get the very profile a fresh tokenisation gives.
    denied, fell = "Kyiv denied it on Tuesday.", "The drones fell at 2.30am."
    a = segment(from_string(f"{denied} {fell}\n\n{denied}"))
    b = segment(from_string(f"Officials said 3 drones fell. {denied} {fell}"))
    seen: Seen = {}
    made = [*profiles(a, seen), *profiles(b, seen)]
    assert made == [profile(s) for s in (*a, *b)]
    assert len(seen) == 3 < len(made)
