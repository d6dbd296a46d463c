"""The WordPiece tokenizer gives the ids all-MiniLM-L6-v2 was trained on."""

from __future__ import annotations

import pytest

from comparer.core.meaning import MODEL_DIR
from comparer.core.wordpiece import WordPiece, basic_words
from tests.conftest import SAMPLE_A, SAMPLE_B


@pytest.fixture(scope="module")
def wordpiece() -> WordPiece:
    return WordPiece.from_file(MODEL_DIR / "vocab.txt")


def pieces(wordpiece: WordPiece, text: str) -> list[str]:
    tokens = {i: t for t, i in wordpiece.ids.items()}
    return [tokens[i] for i in wordpiece.encode(text, 256)]


def test_words_punctuation_and_pieces(wordpiece: WordPiece) -> None:
    assert pieces(wordpiece, "The Kremlin didn't present_any evidence!") == [
        "[CLS]", "the", "k", "##rem", "##lin", "didn", "'", "t",
        "present", "_", "any", "evidence", "!", "[SEP]",
    ]  # fmt: skip
    assert pieces(wordpiece, "Zelenskyy") == ["[CLS]", "ze", "##len", "##sky", "##y", "[SEP]"]


def test_accents_quotes_and_controls(wordpiece: WordPiece) -> None:
    assert basic_words("Café “Sobyanin’s”\u00a0Moscow\x07") == [
        "cafe", "“", "sobyanin", "’", "s", "”", "moscow",
    ]  # fmt: skip
    assert pieces(wordpiece, "北京") == ["[CLS]", "北", "京", "[SEP]"]
    assert pieces(wordpiece, "\u2603\u2603") == ["[CLS]", "[UNK]", "[SEP]"]
    # expected ids from the `tokenizers` library on the model's tokenizer.json
    assert pieces(wordpiece, "a_b $5^2 tab\there\x1fx é") == [
        "[CLS]", "a", "_", "b", "$", "5", "^", "2", "tab", "here", "##x", "e", "[SEP]",
    ]  # fmt: skip


def test_ascii_shortcut_matches_the_general_path() -> None:
    text = SAMPLE_A.read_text(encoding="utf-8") + SAMPLE_B.read_text(encoding="utf-8")
    ascii_text = text.encode("ascii", "ignore").decode() + " a_b $5^2 tab\there\x1fx"
    # a non-ASCII character sends the same text down the general path
    assert basic_words(ascii_text + " é") == [*basic_words(ascii_text), "e"]


def test_long_texts_are_cut_to_the_limit(wordpiece: WordPiece) -> None:
    ids = wordpiece.encode("word " * 500, 128)
    assert len(ids) == 128
    assert ids[0] == wordpiece.classify and ids[-1] == wordpiece.separate
