"""Tokens for comparing sentences: case folded, quotes and dashes unified, stemmed, stopwords known.

Nothing needs downloaded data: words are found by one regular expression (matched by the
``regex`` engine, as NLTK's RegexpTokenizer would), stems come from NLTK's Snowball stemmer, and
the stopword list ships with comparer (``data/stopwords_en.txt``).
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import itertools
import re
import sys
import threading
import unicodedata
from collections import Counter
from importlib import resources
from types import ModuleType
from typing import TYPE_CHECKING, NamedTuple

import regex

if TYPE_CHECKING:
    from nltk.stem.snowball import SnowballStemmer

# Numbers with separators and a glued unit ("1,500", "2.30am", "12.30am", "5%"), words with inner
# hyphens and apostrophes ("Novo-Ogaryovo", "Zelenskyy's"), then any other single mark.
_TOKEN_PATTERN = r"""
    (?:[A-Za-z]\.){2,}
  | \d+(?:[.,:]\d+)*(?:[a-zA-Z]{1,3}\b|%)?
  | \w+(?:[-'’‘]\w+)*
  | [^\w\s]
"""
_TOKEN_FLAGS = re.UNICODE | re.VERBOSE | re.MULTILINE | re.DOTALL
# Compiled by the engine and with the flags NLTK's RegexpTokenizer compiles it with (nltk.redos
# uses the ``regex`` package), but matched directly: NLTK's per-match timeout wrapper, a guard
# against patterns it is not given by its own code, took a third of the time of tokenizing.
_TOKEN_RE = regex.compile(_TOKEN_PATTERN, _TOKEN_FLAGS)


_NLTK_USED = ("nltk.tokenize.punkt", "nltk.stem.snowball")
"""The modules of NLTK comparer uses: Punkt's sentence splitter and the Snowball stemmer."""
_NLTK_PACKAGES = ("nltk", "nltk.tokenize", "nltk.stem", "nltk.corpus")
"""The packages holding them, whose ``__init__`` imports most of NLTK, and numpy."""


class _LazyStopwords:
    """NLTK's stopword corpus, which the Snowball module imports and uses only when asked to
    ignore stopwords (comparer never does): imported from the whole NLTK if it ever is."""

    def __getattr__(self, name: str) -> object:
        import nltk.corpus

        return getattr(nltk.corpus.stopwords, name)


def nltk_modules() -> tuple[ModuleType, ModuleType]:
    """NLTK's Punkt and Snowball modules (``_NLTK_USED``), imported without the rest of NLTK.

    ``import nltk`` runs the package's ``__init__``, which imports nearly all of NLTK and numpy:
    most of the time comparer takes to start, for two modules that need only a few small ones.
    So, unless NLTK is imported already, empty stand-ins of the packages (``_NLTK_PACKAGES``, each
    with its folder as its path) are put in ``sys.modules`` while the two are imported, then
    everything imported meanwhile is taken out again and the two are kept here: a later ``import
    nltk`` anywhere in the process imports the whole of NLTK as usual. Should the stand-ins not
    do for an NLTK version, NLTK is imported the usual way.
    """
    import importlib

    with _NLTK_LOCK:  # once per process, however many threads ask at once
        if not _NLTK:
            if "nltk" not in sys.modules:
                # Any failure: NLTK is imported the usual way below.
                with contextlib.suppress(Exception):
                    _NLTK.append(_nltk_apart())
            if not _NLTK:
                punkt, snowball = (importlib.import_module(name) for name in _NLTK_USED)
                _NLTK.append((punkt, snowball))
        return _NLTK[0]


def _nltk_apart() -> tuple[ModuleType, ModuleType]:
    import importlib
    import importlib.util
    import os
    import types

    spec = importlib.util.find_spec("nltk")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("no nltk package")
    root = next(iter(spec.submodule_search_locations))
    before = set(sys.modules)
    for name in _NLTK_PACKAGES:
        stand_in = types.ModuleType(name)
        stand_in.__path__ = [os.path.join(root, *name.split(".")[1:])]
        sys.modules[name] = stand_in
    sys.modules["nltk.corpus"].stopwords = _LazyStopwords()  # type: ignore[attr-defined]
    try:
        punkt, snowball = (importlib.import_module(name) for name in _NLTK_USED)
    finally:
        for name in set(sys.modules) - before:
            if name == "nltk" or name.startswith("nltk."):
                del sys.modules[name]
    return punkt, snowball


_NLTK_LOCK = threading.Lock()
_NLTK: list[tuple[ModuleType, ModuleType]] = []
"""``nltk_modules()`` once found."""


@functools.cache
def _stemmer() -> SnowballStemmer:
    """NLTK's English Snowball stemmer, imported on first use (NLTK takes about 0.2 s to import,
    which `comparer --help` and argument errors should not wait for)."""
    stemmer: SnowballStemmer = nltk_modules()[1].SnowballStemmer("english")
    return stemmer


_QUOTES = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "‘": "'",
        "’": "'",
        "‚": "'",
        "`": "'",
        "–": "-",
        "—": "-",
        "‒": "-",
        "―": "-",
        "‐": "-",
        "‑": "-",
    }
)
_POSSESSIVE = re.compile(r"'s?$")
_NUMBER = re.compile(r"^\d+(?:[.,:]\d+)*")

NUMBER_WORDS: dict[str, float] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "thousand": 1000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "dozen": 12,
}


@functools.cache
def stopwords() -> frozenset[str]:
    """The shipped English stopword list."""
    text = resources.files("comparer.core").joinpath("data/stopwords_en.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


class Token(NamedTuple):
    """One word or mark of a text, with its offsets and its comparable forms.

    A named tuple, not a frozen dataclass: a long document has hundreds of thousands of tokens,
    and a tuple is made three times faster.
    """

    text: str
    start: int
    end: int
    norm: str
    """Case folded, quotes and dashes unified, possessive removed."""
    stem: str
    """What tokens are compared by: the Snowball stem, or the canonical number."""
    content: bool
    """A word or number that can carry meaning: not a stopword, not punctuation."""
    number: float | None = None


def fold(text: str) -> str:
    """Case fold and unify quotes, dashes and compatibility characters."""
    return unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()


def _number_value(norm: str) -> float | None:
    match = _NUMBER.match(norm)
    if match:
        digits = match.group(0)
        if ":" in digits:
            return None
        # "1,500" is fifteen hundred; "1.5" one and a half; "2.30" (a time) stays as written.
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+", digits):
            digits = digits.replace(",", "")
        try:
            return float(digits.replace(",", "."))
        except ValueError:
            return None
    return NUMBER_WORDS.get(norm)


def _format_number(value: float) -> str:
    return f"#{value:g}"


@functools.lru_cache(maxsize=65536)
def _analyse(word: str) -> tuple[str, str, bool, float | None]:
    """A word's norm, stem, whether it is content, and its number (if it is one).

    The norm and the stem are interned: words spelt or cased differently ("Said", "said") share
    one string object, so the many set and dict operations on stems and words that scoring does
    find equal strings by identity, without comparing their characters.
    """
    norm, stem, content, number = _analysed(word)
    return sys.intern(norm), sys.intern(stem), content, number


def _analysed(word: str) -> tuple[str, str, bool, float | None]:
    norm = _POSSESSIVE.sub("", fold(word)) if len(word) > 2 else fold(word)
    if not norm:
        norm = fold(word)
    if not any(ch.isalnum() for ch in norm):
        return norm, norm, False, None
    number = _number_value(norm)
    if number is not None and (norm[0].isdigit() or norm in NUMBER_WORDS):
        unit = _NUMBER.sub("", norm) if norm[0].isdigit() else ""
        # "one" is too often not a number at all ("one of the ...") to carry meaning alone.
        return norm, _format_number(number) + unit, norm != "one", number
    if norm in stopwords():
        return norm, norm, False, None
    return norm, _stemmer().stem(norm), True, None


@functools.lru_cache(maxsize=1 << 14)
def letters(word: str) -> dict[str, int]:
    """How often each letter occurs in ``word``."""
    return dict(Counter(word))


def letters_agree(w: str, v: str, threshold: float) -> bool:
    """Whether the letters ``w`` and ``v`` share could reach ``threshold``: difflib's quick_ratio,
    which bounds its ratio from above, counted without building a matcher."""
    letters_v = letters(v)
    shared = sum(min(n, letters_v.get(ch, 0)) for ch, n in letters(w).items())
    return 2.0 * shared / (len(w) + len(v)) >= threshold


MIN_VARIANT_LETTERS = 5
"""Shorter words are never taken for spelling variants: too many short words are one letter apart."""


def spelling_variant(w: str, v: str, threshold: float) -> bool:
    """Whether ``w`` and ``v`` are one word spelt two ways (Zelenskyy/Zelensky).

    Both need at least ``MIN_VARIANT_LETTERS`` letters, and difflib's ratio of the two, in either
    order, must reach ``threshold``; counts of letters rule out most pairs before difflib runs.
    """
    if w == v:
        return True
    if min(len(w), len(v)) < MIN_VARIANT_LETTERS or not letter_masks_agree(
        letter_mask(w), letter_mask(v), len(w) + len(v), threshold
    ):
        return False
    return _spelling_variant(w, v, threshold)


_LETTER_BITS: dict[str, int] = {}
"""A bit for every character ``letter_mask`` has seen."""


@functools.lru_cache(maxsize=1 << 16)
def letter_mask(word: str) -> tuple[int, int]:
    """The distinct characters of ``word`` as bits of an int, and how many of its characters
    repeat one of them: enough for a bound of ``letters_agree`` that costs one ``&``."""
    mask = 0
    for ch in set(word):
        bit = _LETTER_BITS.get(ch)
        if bit is None:
            # setdefault: a character met by two threads at once still gets one bit (two
            # characters may then share one, which only loosens the bound).
            bit = _LETTER_BITS.setdefault(ch, 1 << len(_LETTER_BITS))
        mask |= bit
    return mask, len(word) - mask.bit_count()


@functools.cache
def min_shared_letters(size: int, repeats: int, threshold: float) -> int:
    """The fewest distinct letters two words of ``size`` letters in all, the fewer of them
    repeating ``repeats`` letters, must share to pass ``letter_masks_agree``: the least ``n`` with
    its own sum and division reaching ``threshold`` (which grows with ``n``), so that comparing
    with this number is the bound itself, without a division per pair of words."""
    return next(n for n in itertools.count() if 2.0 * (n + repeats) / size >= threshold)


def letter_masks_agree(w: tuple[int, int], v: tuple[int, int], size: int, threshold: float) -> bool:
    """A bound of ``letters_agree`` from two ``letter_mask`` (``size``: the two words' lengths
    summed). It rules out nearly every pair of different words, at the cost of an ``&``.

    Letters shared, counted with repeats, are at most the distinct letters shared plus the fewer
    repeated letters of either word.
    """
    return 2.0 * ((w[0] & v[0]).bit_count() + min(w[1], v[1])) / size >= threshold


@functools.lru_cache(maxsize=1 << 17)
def _spelling_variant(w: str, v: str, threshold: float) -> bool:
    """``spelling_variant`` of two different words of enough letters whose letter sets agree."""
    if not letters_agree(w, v, threshold):
        return False
    return any(
        difflib.SequenceMatcher(None, first, second, autojunk=False).ratio() >= threshold
        for first, second in ((w, v), (v, w))
    )


def tokenize(text: str, offset: int = 0) -> tuple[Token, ...]:
    """Tokens of ``text`` with offsets shifted by ``offset`` (a sentence's start in its document).

    The words come from ``findall`` and their places from ``str.find``, which spares a match
    object per token (a quarter of the time of tokenizing). It finds the very places ``finditer``
    would: a token starts at every character that is not white space (a word character starts a
    word, any other one is a mark of its own) and at none that is, so only white space lies
    between one token and the next, and a word, which does not start with white space, cannot be
    found earlier in it. Tokens are made with ``tuple.__new__``, as ``Token._make`` makes them,
    without the generated ``__new__``'s extra call.
    """
    tokens: list[Token] = []
    add, analyse, find, make = tokens.append, _analyse, text.find, tuple.__new__
    end = 0
    for word in _TOKEN_RE.findall(text):
        start = find(word, end)
        end = start + len(word)
        add(make(Token, (word, start + offset, end + offset, *analyse(word))))
    return tuple(tokens)
