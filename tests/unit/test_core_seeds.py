"""The core on the real sample pair: what must align, what must stay unmatched."""

from __future__ import annotations

from comparer.core.model import Comparison, DetailKind, Document, LinkKind, SentenceKind, Side
from tests import seeds as seed
from tests.conftest import SAMPLE_A, SAMPLE_B, index_of


def linked(comparison: Comparison, i: int, j: int) -> bool:
    return any(i in link.a and j in link.b for link in comparison.links)


def test_samples_are_the_seed_articles_byte_for_byte() -> None:
    from tests.conftest import SHARED

    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        import pytest

        pytest.skip("../shared/seeds is not beside this checkout")
    assert SAMPLE_A.read_bytes() == (seeds / "000_7ca0bda2351104e8.txt").read_bytes()
    assert SAMPLE_B.read_bytes() == (seeds / "004_f5f180ee6fd8be59.txt").read_bytes()


def test_kremlin_statement_rendered_two_ways_is_linked(seeds: Comparison) -> None:
    i = index_of(seeds, "a", "We consider these actions")
    j = index_of(seeds, "b", "We view these actions")
    assert linked(seeds, i, j)


def test_the_seed_indices_name_their_sentences(seeds: Comparison) -> None:
    """tests/seeds.py, which the other tests read, still points at the sentences it names."""
    assert index_of(seeds, "a", "Mikhail Sheremet") == seed.SHEREMET_A
    assert index_of(seeds, "b", "Mykhailo Podolyak") == seed.PODOLYAK_B
    assert (
        index_of(seeds, "a", "We consider these actions"),
        index_of(seeds, "b", "We view these actions"),
    ) == seed.STATEMENT
    assert (
        index_of(seeds, "a", "spokesman Dmitry Peskov told"),
        index_of(seeds, "b", "Kremlin spokesman Dmitry Peskov said"),
    ) == seed.PESKOV
    assert (
        index_of(seeds, "a", "Sobyanin issued a ban"),
        index_of(seeds, "b", "drone launches are forbidden in Moscow"),
    ) == seed.SOBYANIN


def test_peskov_sentences_are_linked(seeds: Comparison) -> None:
    i = index_of(seeds, "a", "spokesman Dmitry Peskov told")
    j = index_of(seeds, "b", "Kremlin spokesman Dmitry Peskov said")
    assert linked(seeds, i, j)


def test_drone_ban_sentences_are_linked(seeds: Comparison) -> None:
    i = index_of(seeds, "a", "Sobyanin issued a ban")
    j = index_of(seeds, "b", "drone launches are forbidden in Moscow")
    assert linked(seeds, i, j)


def test_sheremet_call_for_strike_is_only_in_a(seeds: Comparison) -> None:
    i = index_of(seeds, "a", "Mikhail Sheremet")
    assert i in seeds.only_in_a
    assert seeds.link_of(Side.A, i) is None


def test_podolyak_denial_is_only_in_b(seeds: Comparison) -> None:
    j = index_of(seeds, "b", "Mykhailo Podolyak")
    assert j in seeds.only_in_b
    assert seeds.link_of(Side.B, j) is None


def test_read_more_promo_is_boilerplate_and_never_linked(seeds: Comparison) -> None:
    i = index_of(seeds, "a", "READ MORE")
    assert seeds.a.sentences[i].kind is SentenceKind.BOILERPLATE
    assert seeds.link_of(Side.A, i) is None
    assert i not in seeds.only_in_a


def test_sentences_carry_exact_offsets(seeds: Comparison) -> None:
    for article in (seeds.a, seeds.b):
        assert article.sentences, "no sentences"
        for k, s in enumerate(article.sentences):
            assert s.index == k
            assert article.document.text[s.start : s.end] == s.text


def test_every_sentence_is_linked_only_in_or_boilerplate(seeds: Comparison) -> None:
    for side in (Side.A, Side.B):
        article = seeds.article(side)
        linked_ = {i for link in seeds.links for i in link.indices(side)}
        only = set(seeds.only_in(side))
        boiler = {s.index for s in article.sentences if s.boilerplate}
        assert linked_ | only | boiler == set(range(len(article.sentences)))
        assert not (linked_ & only) and not (linked_ & boiler) and not (only & boiler)


def test_differing_words_inside_the_peskov_link(seeds: Comparison) -> None:
    i = index_of(seeds, "a", "spokesman Dmitry Peskov told")
    link = seeds.link_of(Side.A, i)
    assert link is not None
    only_a = " ".join(seeds.a.document.text[s.start : s.end] for s in link.only_a)
    only_b = " ".join(seeds.b.document.text[s.start : s.end] for s in link.only_b)
    assert "RIA Novosti" in only_a and "Novo-Ogaryovo" in only_a
    assert "near Moscow" in only_b
    # Words both sentences share are never marked, on either side.
    for shared in ("Peskov", "Kremlin", "Putin", "residence"):
        assert shared not in only_a and shared not in only_b


def test_link_kinds_and_scores_are_sane(seeds: Comparison) -> None:
    assert seeds.links
    for link in seeds.links:
        assert link.kind in (LinkKind.SAME, LinkKind.PARTIAL)
        assert 0.0 < link.score <= 1.0
        assert len(link.a) == 1 or len(link.b) == 1, "links are stars, never many-to-many"


def _details(comparison: Comparison, side: Side) -> dict[str, bool]:
    return {d.text: d.shared for d in comparison.article(side).details if d.kind is DetailKind.NAME}


def test_names_only_in_a(seeds: Comparison) -> None:
    names = _details(seeds, Side.A)
    for name in ("Mikhail Sheremet", "RIA Novosti", "Novo-Ogaryovo"):
        assert names.get(name) is False, (name, names)


def test_names_only_in_b(seeds: Comparison) -> None:
    names = _details(seeds, Side.B)
    for name in ("Mykhailo Podolyak", "Serhiy Nikiforov", "Anton Gerashchenko"):
        assert names.get(name) is False, (name, names)


def test_names_in_both_tolerate_partial_mentions(seeds: Comparison) -> None:
    a, b = _details(seeds, Side.A), _details(seeds, Side.B)
    assert a.get("Dmitry Peskov") is True and b.get("Dmitry Peskov") is True
    assert a.get("Sergei Sobyanin") is True  # B names him only as "Sobyanin"
    assert any(n.startswith("Sobyanin") and shared for n, shared in b.items())


def test_sentence_initial_words_are_not_names(seeds: Comparison) -> None:
    names = {**_details(seeds, Side.A), **_details(seeds, Side.B)}
    assert "Shortly" not in names and "Starting" not in names and "The" not in names


def test_times_and_quotes(seeds: Comparison) -> None:
    times_a = {d.text for d in seeds.a.details if d.kind is DetailKind.TIME}
    assert "2.30am" in times_a
    quotes_a = {d.text: d.shared for d in seeds.a.details if d.kind is DetailKind.QUOTE}
    statement = next(q for q in quotes_a if q.startswith("“We consider"))
    assert quotes_a[statement] is True, "a quote translated two ways is still the same quote"
    drone_quote = next(q for q in quotes_a if "illegal use of drones" in q)
    assert quotes_a[drone_quote] is False
    quotes_b = {d.text: d.shared for d in seeds.b.details if d.kind is DetailKind.QUOTE}
    # A quotes only a part ("when and where it sees fit") of what B quotes at length.
    retaliation = next(q for q in quotes_b if q.startswith('"reserves the right'))
    assert quotes_b[retaliation] is True
    podolyak = next(q for q in quotes_b if "guerilla activities" in q)
    assert quotes_b[podolyak] is False


def test_swapping_sides_mirrors_exactly(doc_a, doc_b, seeds: Comparison) -> None:  # type: ignore[no-untyped-def]
    from comparer.core.compare import compare

    assert compare(doc_b, doc_a) == seeds.mirrored()


def test_same_input_same_output(doc_a, doc_b, seeds: Comparison) -> None:  # type: ignore[no-untyped-def]
    from comparer.core.compare import compare

    assert compare(doc_a, doc_b) == seeds


def test_summary_counts(seeds: Comparison) -> None:
    s = seeds.summary
    assert s.links == len(seeds.links) == s.same + s.partial
    assert s.only_in_a == len(seeds.only_in_a) and s.only_in_b == len(seeds.only_in_b)
    assert 0 < s.coverage_a < 1 and 0 < s.coverage_b < 1
    assert not seeds.same_information


def test_progress_is_reported_in_order_and_changes_nothing(doc_a, doc_b, seeds: Comparison) -> None:  # type: ignore[no-untyped-def]
    from comparer.core.compare import compare

    heard: list[tuple[str, float]] = []
    assert compare(doc_a, doc_b, progress=lambda stage, done: heard.append((stage, done))) == seeds
    shares = [done for _, done in heard]
    assert shares[0] == 0.0 and shares[-1] == 1.0
    assert shares == sorted(shares), "progress never goes back"
    stages = list(dict.fromkeys(stage for stage, _ in heard))
    assert stages == ["reading sentences", "scoring sentence pairs", "finding details"]


def test_segmented_once(doc_a: Document, doc_b: Document, seeds: Comparison) -> None:
    """segmented() gives the sentences compare() uses, and compare() takes them instead of segmenting."""
    import importlib
    from unittest import mock

    import pytest

    # The module, not the function that comparer.core exports under the same name.
    compare_module = importlib.import_module("comparer.core.compare")

    article_a, article_b = compare_module.segmented(doc_a, doc_b)
    assert article_a.sentences == seeds.a.sentences and article_b.sentences == seeds.b.sentences
    assert article_a.document is doc_a and not article_a.details and not article_b.details
    with mock.patch.object(compare_module, "segment", side_effect=AssertionError("segmented twice")):
        assert compare_module.compare(doc_a, doc_b, articles=(article_a, article_b)) == seeds
    with pytest.raises(ValueError, match="other documents"):
        compare_module.compare(doc_b, doc_a, articles=(article_a, article_b))
