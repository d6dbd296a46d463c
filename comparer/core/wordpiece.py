"""BERT's uncased WordPiece tokenizer: text to the vocabulary ids the shipped encoder reads.

It follows BertTokenizer (do_lower_case, tokenize_chinese_chars, accents stripped) and the
`tokenizers` BertNormalizer / BertPreTokenizer / WordPiece it was exported as, so that the ids are
the ones the model was trained on; a test checks it against that library where it is installed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

UNKNOWN = "[UNK]"
CLASSIFY = "[CLS]"
SEPARATE = "[SEP]"
CONTINUE = "##"
MAX_WORD_CHARS = 100

# ASCII text (most news) takes one regex: every ASCII character that is neither a letter, a digit
# nor whitespace is punctuation to BERT (`_`, `$`, `^` too), and control characters are dropped.
_ASCII_CONTROLS = {cp: None for cp in (*range(0, 9), 11, 12, *range(14, 32), 127)}
_ASCII_WORDS = re.compile(r"[a-z0-9]+|[^\sa-z0-9]")


def _is_punctuation(char: str) -> bool:
    cp = ord(char)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(char).startswith("P")


def _is_chinese(cp: int) -> bool:
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x2A6DF
        or 0x2A700 <= cp <= 0x2B73F
        or 0x2B740 <= cp <= 0x2B81F
        or 0x2B820 <= cp <= 0x2CEAF
        or 0xF900 <= cp <= 0xFAFF
        or 0x2F800 <= cp <= 0x2FA1F
    )


def _clean(text: str) -> str:
    """Whitespace to spaces, control characters dropped, CJK ideographs set apart."""
    out: list[str] = []
    for char in text:
        cp = ord(char)
        if char in "\t\n\r" or unicodedata.category(char) == "Zs":
            out.append(" ")
        elif cp == 0 or cp == 0xFFFD or unicodedata.category(char).startswith("C"):
            continue
        elif _is_chinese(cp):
            out.append(f" {char} ")
        else:
            out.append(char)
    return "".join(out)


def _strip_accents(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn")


def basic_words(text: str) -> list[str]:
    """The words and punctuation marks WordPiece is applied to, lowercased and without accents."""
    if text.isascii():
        return _ASCII_WORDS.findall(text.translate(_ASCII_CONTROLS).lower())
    words: list[str] = []
    for chunk in _clean(text).split():
        current: list[str] = []
        for char in _strip_accents(chunk.lower()):
            if _is_punctuation(char):
                if current:
                    words.append("".join(current))
                    current = []
                words.append(char)
            else:
                current.append(char)
        if current:
            words.append("".join(current))
    return words


class WordPiece:
    """Greedy longest-match-first WordPiece over a BERT vocabulary (one token per line)."""

    def __init__(self, vocabulary: Iterable[str]) -> None:
        self.ids: dict[str, int] = {token: i for i, token in enumerate(vocabulary)}
        self.unknown = self.ids[UNKNOWN]
        self.classify = self.ids[CLASSIFY]
        self.separate = self.ids[SEPARATE]
        self._memo: dict[str, tuple[int, ...]] = {}

    @classmethod
    def from_file(cls, path: Path) -> WordPiece:
        with path.open(encoding="utf-8") as lines:
            return cls(line.rstrip("\n") for line in lines)

    def word_ids(self, word: str) -> tuple[int, ...]:
        """The pieces of one word; the whole word is [UNK] if any part of it is not covered."""
        found = self._memo.get(word)
        if found is not None:
            return found
        pieces = tuple(self._pieces(word))
        if len(self._memo) < 200_000:
            self._memo[word] = pieces
        return pieces

    def _pieces(self, word: str) -> Iterator[int]:
        if len(word) > MAX_WORD_CHARS:
            yield self.unknown
            return
        pieces: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else CONTINUE + word[start:end]
                found = self.ids.get(piece)
                if found is not None:
                    pieces.append(found)
                    break
                end -= 1
            else:
                yield self.unknown
                return
            start = end
        yield from pieces

    def encode(self, text: str, max_tokens: int) -> list[int]:
        """[CLS] pieces [SEP], the pieces cut so that the whole is at most `max_tokens` long."""
        ids = [self.classify]
        room = max_tokens - 1
        for word in basic_words(text):
            ids.extend(self.word_ids(word))
            if len(ids) >= room:
                del ids[room:]
                break
        ids.append(self.separate)
        return ids
