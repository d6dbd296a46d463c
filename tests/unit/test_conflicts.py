"""Conflicts: where two linked sentences say different things about the same fact, and the
rewordings that must never be taken for one. Sentences written for these tests in the manner of
news copy; each pair is compared as two one-sentence articles, as the command would."""

from __future__ import annotations

import json

import pytest

from comparer.cli import main
from comparer.core.compare import compare
from comparer.core.conflicts import certainty, negation_cues, opposites
from comparer.core.model import Comparison, Conflict, ConflictKind, Document, LinkKind, Settings
from comparer.report.json_report import to_dict
from comparer.report.markdown import render_markdown
from comparer.report.text import render_text
from tests.conftest import SAMPLE_A


def _compare(a: str, b: str) -> Comparison:
    return compare(Document("a.txt", a), Document("b.txt", b))


def _conflicts(a: str, b: str) -> list[tuple[str, str, str]]:
    """(kind, A's words, B's words) of every conflict; the pair must be linked."""
    c = _compare(a, b)
    assert len(c.links) == 1, "the two sentences are not linked"
    return [(x.kind.value, a[x.a.start : x.a.end], b[x.b.start : x.b.end]) for x in c.links[0].conflicts]


CHANGES = [
    pytest.param(
        "The minister said on Friday that he would resign if the budget bill failed in parliament.",
        "The minister said on Friday that he would not resign if the budget bill failed in parliament.",
        ("negation", "", "not"),
        id="negation-added",
    ),
    pytest.param(
        "Fire crews said the blaze had never reached the houses on the northern edge of the town.",
        "Fire crews said the blaze had reached the houses on the northern edge of the town.",
        ("negation", "never", ""),
        id="negation-removed",
    ),
    pytest.param(
        "The regulator approved the merger of the two regional airlines after a year-long review.",
        "The regulator failed to approve the merger of the two regional airlines after a year-long review.",
        ("negation", "", "failed"),
        id="negation-failed-to",
    ),
    pytest.param(
        "Shares in the carmaker rose sharply in early trading after the quarterly results were published.",
        "Shares in the carmaker fell sharply in early trading after the quarterly results were published.",
        ("opposite", "rose", "fell"),
        id="opposite-rose-fell",
    ),
    pytest.param(
        "The city council approved the plan to build a new bridge across the river by 2030.",
        "The city council rejected the plan to build a new bridge across the river by 2030.",
        ("opposite", "approved", "rejected"),
        id="opposite-approved-rejected",
    ),
    pytest.param(
        "Analysts said a cut in interest rates was likely before the end of the year.",
        "Analysts said a cut in interest rates was unlikely before the end of the year.",
        ("opposite", "likely", "unlikely"),
        id="opposite-by-prefix",
    ),
    pytest.param(
        "Unemployment in the region rose to 5% last year, the statistics office said on Monday.",
        "Unemployment in the region rose to 7 percent last year, the statistics office said on Monday.",
        ("number", "5%", "7 percent"),
        id="number-percent",
    ),
    pytest.param(
        "The company said it would pay $2.38 million to settle the claims brought by former staff.",
        "The company said it would pay $3.1 million to settle the claims brought by former staff.",
        ("number", "$2.38 million", "$3.1 million"),
        id="number-money",
    ),
    pytest.param(
        "The first explosion was heard at about 2.30am local time, residents told the radio station.",
        "The first explosion was heard at about 3.30am local time, residents told the radio station.",
        ("date", "2.30am", "3.30am"),
        id="date-time",
    ),
    pytest.param(
        "The talks between the two delegations resumed on Monday in Geneva after a short break.",
        "The talks between the two delegations resumed on Thursday in Geneva after a short break.",
        ("date", "Monday", "Thursday"),
        id="date-weekday",
    ),
    pytest.param(
        "The bridge was first opened to traffic in 1998 after six years of construction work.",
        "The bridge was first opened to traffic in 2004 after six years of construction work.",
        ("date", "1998", "2004"),
        id="date-year",
    ),
    pytest.param(
        '"We have nothing to do with this attack," Mykhailo Podolyak said on Wednesday evening.',
        '"We have nothing to do with this attack," Dmitry Peskov said on Wednesday evening.',
        ("actor", "Mykhailo Podolyak", "Dmitry Peskov"),
        id="actor",
    ),
    pytest.param(
        "The troops will withdraw from the city by the end of the month, a military spokesman said.",
        "The troops may withdraw from the city by the end of the month, a military spokesman said.",
        ("certainty", "will", "may"),
        id="certainty-modal",
    ),
    pytest.param(
        "Police confirmed that two men were arrested near the stadium after the match on Saturday.",
        "Police suggested that two men were arrested near the stadium after the match on Saturday.",
        ("certainty", "confirmed", "suggested"),
        id="certainty-verb",
    ),
    pytest.param(
        "A spokesman for the ministry said that the minister had met the ambassador last week.",
        "A spokesman for the ministry denied that the minister had met the ambassador last week.",
        ("negation", "said", "denied"),
        id="denied",
    ),
]


@pytest.mark.parametrize(("a", "b", "expected"), CHANGES)
def test_a_change_of_meaning_is_a_conflict_at_the_changed_words(
    a: str, b: str, expected: tuple[str, str, str]
) -> None:
    assert expected in _conflicts(a, b)


KEEPS = [
    pytest.param(
        "The senator didn't attend the hearing, and his office wouldn't say why he stayed away.",
        "The senator did not attend the hearing, and his office would not say why he stayed away.",
        id="contraction",
    ),
    pytest.param(
        "Prices in the eurozone rose 2.4% in March, the fastest pace in more than a year.",
        "Prices in the eurozone rose 2.4 per cent in March, the fastest pace in more than a year.",
        id="number-format",
    ),
    pytest.param(
        "The club agreed to pay $2.38 million to the stadium's former owners over three years.",
        "The club agreed to pay 2.38 million dollars to the stadium's former owners over three years.",
        id="money-format",
    ),
    pytest.param(
        "The new rules, first announced on June 30, take effect at the start of next year.",
        "The new rules, first announced on 30 June, take effect at the start of next year.",
        id="date-format",
    ),
    pytest.param(
        "The two companies will share the cost of the new plant, a spokeswoman said.",
        "The two companies will share the cost of the new plant, a spokeswoman told reporters.",
        id="attribution",
    ),
    pytest.param(
        "The vote was postponed until after the summer recess, the speaker's office said on Tuesday.",
        "The speaker's office said on Tuesday the vote was postponed until after the summer recess.",
        id="clause-order",
    ),
    pytest.param(
        "The storm, which hit the coast overnight, cut power to 40,000 homes, officials said.",
        "The storm - which hit the coast overnight - cut power to 40,000 homes, officials said!",
        id="punctuation",
    ),
    pytest.param(
        "THE STORM CUT POWER TO 40,000 HOMES ALONG THE COAST, OFFICIALS SAID.",
        "The storm cut power to 40,000 homes along the coast, officials said.",
        id="case",
    ),
    pytest.param(
        "Putin was at the Novo-Ogaryovo residence at the time of the attack, Peskov said.",
        "Putin was at a residence near Moscow at the time of the attack, Peskov said.",
        id="compatible-details",
    ),
    pytest.param(
        "Mr. Pataki said the state budget would be balanced by the end of the fiscal year.",
        "Governor Pataki said the state budget would be balanced by the end of the fiscal year.",
        id="title-of-a-name",
    ),
    pytest.param(
        "The aid was sent to the United States and Canada within a week of the floods.",
        "The aid was sent to the U.S. and Canada within a week of the floods.",
        id="abbreviation",
    ),
]


@pytest.mark.parametrize(("a", "b"), KEEPS)
def test_wording_that_keeps_the_meaning_is_no_conflict(a: str, b: str) -> None:
    assert _conflicts(a, b) == []


@pytest.mark.parametrize(("a", "b", "expected"), CHANGES)
def test_a_conflict_read_the_other_way_round_is_its_mirror(
    a: str, b: str, expected: tuple[str, str, str]
) -> None:
    kind, in_a, in_b = expected
    assert (kind, in_b, in_a) in _conflicts(b, a)


def test_a_weakly_linked_pair_reads_the_same_conflicts_both_ways() -> None:
    # Found by the mirror property (test_properties): difflib lined the two up differently by
    # which came first, and Tuesday / Wednesday was a conflict one way round only.
    a = "0:A:A%0Fire crews fought a fire at the old mill on Tuesday night."
    b = "0:A:A%0Mayor Tom Reyes thanked the crews at 9 p.m. on Wednesday."
    words = Settings(lexical=True)
    forward = compare(Document("a.txt", a), Document("b.txt", b), words)
    backward = compare(Document("b.txt", b), Document("a.txt", a), words)
    assert [link.conflicts for link in forward.links] == [
        tuple(Conflict(c.kind, c.b, c.a) for c in link.conflicts) for link in backward.links
    ]
    assert backward == forward.mirrored()


def test_a_clause_only_one_side_has_is_no_negation() -> None:
    # B does not say there was damage: it lacks the clause that says there was none.
    a = "Debris from the drones fell on the grounds of the building but did not cause any damage."
    b = "Debris from the drones fell on the grounds of the building, officials said on Wednesday."
    c = _compare(a, b)
    assert c.links and not any(link.conflicts for link in c.links)


def test_meaning_words_are_marked_even_though_they_are_stopwords() -> None:
    a = "The government said on Monday that it would cut taxes before the election."
    b = "The government said on Monday that it would cut taxes after the election."
    c = _compare(a, b)
    (link,) = c.links
    assert [a[s.start : s.end] for s in link.only_a] == ["before"]
    assert [b[s.start : s.end] for s in link.only_b] == ["after"]
    assert [x.kind for x in link.conflicts] == [ConflictKind.OPPOSITE]


def test_a_conflict_makes_the_link_unequal_and_the_exit_status_1(tmp_path: object) -> None:
    a = "Oil prices went up sharply on Tuesday after the announcement from the cartel."
    b = "Oil prices went down sharply on Tuesday after the announcement from the cartel."
    c = _compare(a, b)
    assert c.links[0].kind is LinkKind.SAME  # the same fact, told differently
    assert c.summary.conflicts == 1
    assert not c.same_information
    data = to_dict(c)
    assert data["summary"]["conflicts"] == 1
    (conflict,) = data["links"][0]["conflicts"]
    assert conflict == {
        "kind": "opposite",
        "a": {"start": 16, "end": 18, "text": "up"},
        "b": {"start": 16, "end": 20, "text": "down"},
    }


def test_the_command_exits_1_on_a_conflict(
    tmp_path: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    from pathlib import Path

    folder = Path(str(tmp_path))
    (folder / "a.txt").write_text(
        "The council approved the plan for a new bridge on Monday.\n", encoding="utf-8"
    )
    (folder / "b.txt").write_text(
        "The council rejected the plan for a new bridge on Monday.\n", encoding="utf-8"
    )
    assert main([str(folder / "a.txt"), str(folder / "b.txt"), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [x["kind"] for link in data["links"] for x in link["conflicts"]] == ["opposite"]


def test_text_and_markdown_show_the_conflict_first_and_in_their_own_markers() -> None:
    a = "Unemployment in the region rose to 5% last year, the statistics office said on Monday."
    b = "Unemployment in the region rose to 7% last year, the statistics office said on Monday."
    c = _compare(a, b)
    text = render_text(c)
    assert "\n!   A1  " in text
    assert "[!5%!]" in text and "{!7%!}" in text
    assert "! number: A: 5% · B: 7%" in text
    assert "! they disagree" in text  # the legend
    memo = render_markdown(c)
    assert memo.index("## Where they disagree") < memo.index("## Only in A")
    assert "- number: A says **5%**, B says **7%**" in memo


def test_the_samples_have_no_conflict_and_an_edited_copy_has_two(
    seeds: Comparison, edited: Comparison
) -> None:
    # The two real articles never contradict each other sentence for sentence (read: each
    # sentence of B that shares a fact with A adds to it); the copy of A with a negation taken
    # out and a time changed disagrees in exactly those two places.
    assert seeds.summary.conflicts == 0
    found = sorted(
        (
            x.kind.value,
            edited.a.document.text[x.a.start : x.a.end],
            edited.b.document.text[x.b.start : x.b.end],
        )
        for link in edited.links
        for x in link.conflicts
    )
    assert found == [("date", "2.30am", "3.30am"), ("negation", "not", "")]
    assert SAMPLE_A.exists()


def test_the_shipped_lists_load_and_are_symmetric() -> None:
    table = opposites()
    assert "fell" in table["rose"] and "rose" in table["fell"]
    assert all(word in table[other] for word, others in table.items() for other in others)
    single, phrases = negation_cues()
    assert {"not", "never", "without"} <= single and ("failed", "to") in phrases
    classes = certainty().classes
    assert classes["will"] != classes["may"] and classes["said"] != classes["denied"]
