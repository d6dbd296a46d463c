"""The details rules of issue 15, each on the news-dev sentences it was found on, and the
evidence shown for a detail only in one article.

The news-dev articles are read from ../shared (never copied here); those tests skip without it.
"""

from __future__ import annotations

from comparer.core.compare import compare
from comparer.core.document import from_string
from comparer.core.model import Comparison, Detail, DetailKind, Side
from tests.unit.test_details_names import _names, _pair, _texts


def _details(comparison: Comparison, side: str, kind: DetailKind) -> dict[str, Detail]:
    article = comparison.a if side == "a" else comparison.b
    return {d.text: d for d in article.details if d.kind is kind}


def _compare(a: str, b: str) -> Comparison:
    return compare(from_string(a, "a"), from_string(b, "b"))


def test_a_person_of_a_place_is_cut_at_of() -> None:
    """'...said Representative Zoe Lofgren of California, who leads...' (A) and 'Rep. Zoe Lofgren
    (D-Calif.) said' (B): Zoe Lofgren and California, both in both articles."""
    a, b = _names(_pair("basil_2019_2f3e86b6_ac"), "a"), _names(_pair("basil_2019_2f3e86b6_ac"), "b")
    assert "Zoe Lofgren of California" not in a
    assert a.get("Zoe Lofgren") is True and a.get("California") is True
    assert b.get("Calif") is True  # D-Calif. names California
    assert a.get("Mitch McConnell") is True and a.get("Kentucky") is True  # R-Ky. in B


def test_a_party_member_of_a_state_names_the_state() -> None:
    """'...a letter from Representative Peter Welch, Democrat of Vermont, calling...'."""
    a = _names(_pair("basil_2010_df5fe55a_ab"), "a")
    assert not [n for n in a if n.startswith("Democrat of")], a
    assert a.get("Vermont") is False and a.get("Massachusetts") is False


def test_a_word_before_a_body_is_no_title() -> None:
    """'...have asked the Justice Department to appoint a special prosecutor' once gave
    'Department' (Justice taken for a title); 'the House Oversight and Government Reform
    Committee' two halves."""
    a = _names(_pair("basil_2010_38f7cbb7_ab"), "a")
    assert a.get("Justice Department") is False and "Department" not in a
    assert a.get("House Oversight and Government Reform Committee") is False
    assert "Office of Special Counsel" in a


def test_a_place_and_its_demonym() -> None:
    """B names France only in 'with French President Emmanuel Macron'; A in 'the U.S. and France'."""
    a = _names(_pair("newswcl50_e4_ce"), "a")
    assert a.get("France") is True
    # Kyiv and Pyongyang are not their countries: Tehran stays only in A although B names Iran.
    assert a.get("Tehran") is False


def test_an_acronym_with_or_without_its_of() -> None:
    """'...Trump's obsession ... to subpoena the DOJ to obtain them' (A) and 'the Department of
    Justice under Attorney General Loretta Lynch' (B); J.C.P.O.A. (A) and JCPOA (B)."""
    assert _names(_pair("newswcl50_e1_ae"), "a").get("DOJ") is True
    assert _names(_pair("newswcl50_e4_bd"), "b").get("JCPOA") is True


def test_a_surname_given_to_someone_else() -> None:
    """'Trump and first lady Melania Trump welcomed Macron' (A, after many a 'Trump'): Melania
    Trump is only in A, though B names Trump; the evidence shown is B's Donald Trump."""
    a = _details(_pair("newswcl50_e4_de"), "a", DetailKind.NAME)
    melania = a["Melania Trump"]
    assert not melania.shared and a["Trump"].shared
    assert melania.nearest is not None and melania.nearest.text == "Donald Trump"
    assert melania.nearest.why == "the same word “Trump”"


def test_a_generation_suffix() -> None:
    """'Vice President Joseph R. Biden Jr. planned to return to Capitol Hill' (A) and 'Vice
    President Biden traveled to the Capitol' (B); the son is not his father in the Jackson
    pair, where both are named."""
    assert _names(_pair("basil_2010_df5fe55a_ab"), "a").get("Joseph R. Biden Jr") is True
    jackson = _names(_pair("basil_2013_f506aafc_ac"), "a")
    assert "Jesse L. Jackson Jr" in jackson and "Jesse L. Jackson" in jackson
    assert "Rev" not in jackson


def test_shouted_words_and_plural_acronyms_are_no_names() -> None:
    """'...there was NO COLLUSION and NO OBSTRUCTION' (B); 'super PACs' (A)."""
    assert not {"COLLUSION", "OBSTRUCTION"} & set(_names(_pair("newswcl50_e1_ae"), "b"))
    assert "PACs" not in _names(_pair("basil_2019_2f3e86b6_ac"), "a")


def test_months_and_named_days_are_dates() -> None:
    """'In August, North Korea vowed to retaliate...' and '...expected to meet with Kim in May or
    early June' (A); Easter in both articles of the Pompeo pair."""
    dates = _texts(_pair("newswcl50_e2_ac"), "a", DetailKind.DATE)
    assert dates.get("August") is False and dates.get("June") is False
    assert _texts(_pair("newswcl50_e0_ae"), "a", DetailKind.DATE).get("Easter") is True


def test_a_date_is_not_its_year() -> None:
    """'...first reported in January 2017 by a California newspaper' (A) against B's 'said in
    2017': not the same date, and B's 2017 is shown as the nearest."""
    january = _details(_pair("basil_2018_eb17fa36_ab"), "a", DetailKind.DATE)["January 2017"]
    assert not january.shared
    assert january.nearest is not None and january.nearest.text == "2017"
    assert january.nearest.why == "the same year"


def test_a_vote_is_one_number_and_a_percentage_is_not_a_rank() -> None:
    """'The sweeping legislation, passed 234-193' (both); '...in the range of 2 percent to 3
    percent' (A) against 'the No. 2 Republican in the Senate' (B)."""
    assert _texts(_pair("basil_2019_2f3e86b6_ac"), "a", DetailKind.NUMBER).get("234-193") is True
    percent = _details(_pair("basil_2010_df5fe55a_ab"), "a", DetailKind.QUANTITY)["2 percent"]
    assert not percent.shared
    assert percent.nearest is not None and percent.nearest.why == "the same figure in other units"


def test_a_close_figure_is_shown_as_evidence() -> None:
    """'...a $5,587.75 vacation at the Martha's Vineyard Holistic Retreat' (A) and '$5,687.75 on
    Martha's Vineyard Holistic Retreat' (B)."""
    vacation = _details(_pair("basil_2013_f506aafc_ac"), "a", DetailKind.QUANTITY)["$5,587.75"]
    assert not vacation.shared
    assert vacation.nearest is not None and vacation.nearest.text == "$5,687.75"
    pair = _pair("basil_2013_f506aafc_ac")
    assert pair.b.document.text[vacation.nearest.start : vacation.nearest.end] == "$5,687.75"


def test_a_closing_mark_typed_after_its_space() -> None:
    """'...bigger problems than they have ever had before, "Trump said during a meeting with
    Macron in the Oval Office. "You can mark it down."'"""
    quotes = _texts(_pair("newswcl50_e4_ce"), "a", DetailKind.QUOTE)
    assert not [q for q in quotes if "Trump said" in q], quotes
    assert [q for q in quotes if q.startswith("“If they restart")]
    assert [q for q in quotes if q.startswith('"You can mark it down')]


def test_a_quote_linked_to_another_quote_is_not_shared_by_that_alone() -> None:
    """Barney Frank's '“I’m not going to vote for it...”' (A): B quotes others in the linked
    sentences, never these words."""
    quotes = _details(_pair("basil_2010_df5fe55a_ab"), "a", DetailKind.QUOTE)
    preordained = next(d for t, d in quotes.items() if "preordained" in t)
    assert not preordained.shared


def test_the_sample_shows_evidence_and_keeps_its_facts(seeds: Comparison) -> None:
    """The office only B names is shown beside A's Ukraine; the names the README lists stay put."""
    office = _details(seeds, "b", DetailKind.NAME)["Minister of Internal Affairs of Ukraine"]
    assert not office.shared and office.nearest is not None
    assert seeds.a.document.text[office.nearest.start : office.nearest.end] == "Ukraine"
    assert seeds.article(Side.B).details  # the seeds comparison is the real one
    a, b = _names(seeds, "a"), _names(seeds, "b")
    assert all(a.get(n) is False for n in ("Mikhail Sheremet", "RIA Novosti", "Novo-Ogaryovo"))
    assert all(b.get(n) is False for n in ("Mykhailo Podolyak", "Serhiy Nikiforov", "Anton Gerashchenko"))
    assert a.get("Dmitry Peskov") is True and b.get("Dmitry Peskov") is True
    assert a.get("Sergei Sobyanin") is True and b.get("Sobyanin") is True


def test_a_shared_detail_has_no_nearest() -> None:
    pair = _compare("Acme hired Jane Doe on Monday for $5 million.", "Jane Doe joined Acme on Monday.")
    details = {d.text: d for d in pair.a.details}
    assert details["Jane Doe"].shared and details["Jane Doe"].nearest is None
    assert not details["$5 million"].shared and details["$5 million"].nearest is None
