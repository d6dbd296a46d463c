"""Paragraphs and sentences: Punkt with shipped parameters, exact offsets, kinds."""

from __future__ import annotations

import pytest

from comparer.core.document import Document, from_string
from comparer.core.model import SentenceKind
from comparer.core.segment import _tokenizer, segment, splitter


def texts(text: str) -> list[str]:
    return [s.text for s in segment(from_string(text))]


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Smith met Gov. Brown and Sen. Jones. They talked.",
        "Lt. Gen. Ivanov and Rep. Adams spoke in the U.S. capital. They talked.",
        "The U.N. and the U.K. agreed at 10 a.m. on Monday with Corp. lawyers. They talked.",
        "She lives in Pittsburg, Calif., and works at St. Mary's on Jan. 5 for Acme Inc. today. They talked.",
        "J. R. R. Tolkien wrote at No. 10 from Fla. in the morning. They talked.",
        "Smoke rose at around 2.30am local time (12.30am BST) and 3.5 per cent more. They talked.",
    ],
)
def test_abbreviations_initials_and_decimals_do_not_end_sentences(text: str) -> None:
    got = texts(text)
    assert got == [text[: -len(" They talked.")], "They talked."]


def test_sentence_after_time_abbreviation_starts_at_a_capitalised_starter() -> None:
    assert texts("It started at 10 p.m. The police came.") == ["It started at 10 p.m.", "The police came."]


def test_closing_curly_quote_stays_with_its_sentence() -> None:
    got = texts("“We will respond.” The Kremlin said so. He said “no way.” Then left.")
    assert got == ["“We will respond.”", "The Kremlin said so.", "He said “no way.”", "Then left."]


def test_straight_quotes_too() -> None:
    assert texts('He said "it is over." Then he left.') == ['He said "it is over."', "Then he left."]


def test_single_line_breaks_are_paragraphs_in_news_copy() -> None:
    doc = from_string("First paragraph here\nSecond one here.\nThird one.")
    sentences = segment(doc)
    assert [s.paragraph for s in sentences] == [0, 1, 2]


def test_hard_wrapped_text_keeps_sentences_across_lines() -> None:
    text = (
        "This is a long sentence that has been wrapped by an editor at about\n"
        "seventy columns so that it runs over several lines of the file and\n"
        "still is one sentence. Another one follows it on the same line and\n"
        "ends here.\n"
    )
    got = texts(text)
    assert len(got) == 2 and got[0].endswith("one sentence.")


def test_headline_like_first_line() -> None:
    doc = from_string("Supreme Court Hears Argument In Wal-Mart Case\n\nThe court met on Tuesday. It heard.")
    sentences = segment(doc)
    assert sentences[0].kind is SentenceKind.HEADLINE
    assert all(s.kind is SentenceKind.STORY for s in sentences[1:])


@pytest.mark.parametrize(
    "line",
    [
        "READ MORE: Vladimir Putin arrest warrant issued by International Criminal Court",
        "Advertisement",
        "Click here to get the latest news",
        "Sign up for our newsletter",
        "Related: Five things to know",
        "Photo: Getty Images",
        "MOSCOW (Reuters) -",
        "Published May 3, 2023",
        "Tuesday, May 9, 2023",
    ],
)
def test_boilerplate_lines(line: str) -> None:
    doc = from_string(f"The story starts here.\n\n{line}\n\nThe story goes on.")
    kinds = [s.kind for s in segment(doc)]
    assert kinds == [SentenceKind.STORY, SentenceKind.BOILERPLATE, SentenceKind.STORY]


def test_story_sentences_that_mention_promos_are_not_boilerplate() -> None:
    doc = from_string("He said readers should click here and there.\n\nMore details came later.")
    assert all(s.kind is SentenceKind.STORY for s in segment(doc))


def test_offsets_hold_with_crlf_bom_and_odd_spacing() -> None:
    doc = from_string("\ufeff  First one.  Second one!\r\n\r\n\tThird?  ")
    for s in segment(doc):
        assert doc.text[s.start : s.end] == s.text
    assert texts("\ufeff  First one.  Second one!\r\n\r\n\tThird?  ") == [
        "First one.",
        "Second one!",
        "Third?",
    ]


def test_empty_and_whitespace_documents_have_no_sentences() -> None:
    assert texts("") == [] and texts(" \n\n\t ") == []


def test_a_shared_splitter_cuts_as_plain_punkt_does(doc_a: Document, doc_b: Document) -> None:
    # The splitter remembers Punkt's verdict on each period's context for the comparison's two
    # documents: the second document's repeated contexts ("said. The") are not judged again.
    repeated = "He said. The drones fell. U.S. officials said. The end."
    texts = [doc_a, doc_b, from_string(f"{repeated}\n\n{repeated}"), from_string(repeated)]
    shared = splitter()
    assert [segment(d, shared) for d in texts] == [segment(d, _tokenizer()) for d in texts]
    judged = len(shared._breaks)
    assert judged > 0
    segment(from_string(repeated), shared)
    assert len(shared._breaks) == judged  # nothing new to judge
