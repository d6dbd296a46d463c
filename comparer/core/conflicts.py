"""Where two linked sentences say different things about the same fact: conflicts.

The words of the two sides of a link are lined up by difflib (``SequenceMatcher.get_opcodes``)
after their forms are made comparable: case and punctuation dropped, contractions split ("didn't"
is "did not"), numbers read as values with their unit and scale ("5%", "5 percent" and "five per
cent" are one value; so are "$2.38 million" and "2.38 million dollars"). Each place where the two
differ is then read for a change of meaning:

- negation: a negation cue (``data/negation_cues.txt``) on one side only, or "denied" against
  "said";
- opposite: a pair of ``data/opposites.txt`` (rose/fell), or a word and its negated form
  (legal/illegal);
- number: another value; date: another date, weekday, month, year or time;
- actor: another name in the same place (Peskov said / Podolyak said);
- certainty: words of two classes of ``data/certainty.txt`` (will/may, confirmed/suggested).

A word that the other side has anywhere in its sentences is never in a conflict: it moved (a
clause put first) rather than changed. Details that can both be true ("the Novo-Ogaryovo
residence" / "a residence near Moscow") are words one side only has, not conflicts.

``meaning_words`` finds the small words that carry meaning (negations, modals, prepositions of
time and direction, quantifiers) where the two sides differ in them: the matching of sentences
ignores them as stopwords, the views must not.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import NamedTuple

from comparer.core.model import Conflict, ConflictKind, Span
from comparer.core.normalize import NUMBER_WORDS, Token, _stemmer, spelling_variant, stopwords
from comparer.core.similarity import MAX_COMPARED

_MAX_PLACE = 6
"""The most words either side of one differing place may hold for it to be read for a conflict:
a longer stretch is another statement, not the same fact said differently."""
SAME_WORDING = 0.5
"""The share of their words two sides must have in common (difflib's ratio) for a word that
changes the statement (a negation, an opposite, a certainty, another actor) to be a conflict:
below it, the two are two statements sharing a fact, not one statement changed. Details that
disagree (5% / 7%) are conflicts in less alike sentences too, where the words around them match
(``_ANCHORED`` content words within ``_ANCHOR`` words either side)."""
_ANCHOR = 4
_ANCHORED = 2
_VARIANT = 0.85
"""How alike two names must be to be one name spelt two ways (as align.SPELLING_VARIANT)."""


def _lines(name: str) -> list[str]:
    text = resources.files("comparer.core").joinpath(f"data/{name}").read_text("utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@functools.lru_cache(maxsize=1 << 14)
def _stem(word: str) -> str:
    return str(_stemmer().stem(word))


@functools.cache
def negation_cues() -> tuple[frozenset[str], frozenset[tuple[str, ...]]]:
    """The shipped negation cues: single words, and phrases of several words."""
    cues = [tuple(line.split()) for line in _lines("negation_cues.txt")]
    return frozenset(c[0] for c in cues if len(c) == 1), frozenset(c for c in cues if len(c) > 1)


@functools.cache
def opposites() -> dict[str, frozenset[str]]:
    """Each listed word (and its stem) with the words (and stems) it is the opposite of."""
    out: dict[str, set[str]] = {}
    for line in _lines("opposites.txt"):
        left, right = (set(part.split()) for part in line.split("|"))
        left |= {_stem(w) for w in left}
        right |= {_stem(w) for w in right}
        for word in left:
            out.setdefault(word, set()).update(right)
        for word in right:
            out.setdefault(word, set()).update(left)
    return {word: frozenset(other) for word, other in out.items()}


@dataclass(frozen=True, slots=True)
class _Certainty:
    classes: dict[str, str]
    compatible: frozenset[frozenset[str]]


@functools.cache
def certainty() -> _Certainty:
    """The shipped certainty classes: each word with its class (by the word as written: stems
    would take nouns for verbs, "state media" for "stated")."""
    classes: dict[str, str] = {}
    compatible: set[frozenset[str]] = set()
    for line in _lines("certainty.txt"):
        name, words = (part.strip() for part in line.split(":", 1))
        if name == "compatible":
            compatible.add(frozenset(words.split()))
            continue
        for word in words.split():
            classes.setdefault(word, name)
    return _Certainty(classes, frozenset(compatible))


@functools.cache
def meaning_word_list() -> frozenset[str]:
    """Small words that carry meaning (``data/meaning_words.txt``) and the negation cues."""
    return frozenset(_lines("meaning_words.txt")) | negation_cues()[0]


_CONTRACTIONS = {
    "won't": ("will", "not"),
    "can't": ("can", "not"),
    "cannot": ("can", "not"),
    "shan't": ("shall", "not"),
    "ain't": ("is", "not"),
}
_MONTHS = {
    name: k
    for k, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_RELATIVE_DAYS = frozenset({"today", "yesterday", "tomorrow"})
"""Days named from the day of writing: another relative day conflicts ("yesterday" / "tomorrow"),
a weekday does not ("on Tuesday" / "today" can be one day)."""
SCALES = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "m": 1e6,
    "mn": 1e6,
    "bn": 1e9,
    "k": 1e3,
}
"""Scale words and their factors ("2.38 million"): read by conflicts and details alike."""
UNITS = {
    "%": "%",
    "percent": "%",
    "pct": "%",
    "$": "$",
    "dollar": "$",
    "dollars": "$",
    "usd": "$",
    "€": "€",
    "euro": "€",
    "euros": "€",
    "£": "£",
    "pound": "£",
    "pounds": "£",
    "cent": "cent",
    "cents": "cent",
}
_CURRENCY = frozenset({"$", "€", "£", "us$"})
_TIME = re.compile(r"^(\d{1,2})(?:([.:])(\d{2}))?(am|pm|a\.m\.|p\.m\.)?$")
_DAY_HALF = {"am": "am", "pm": "pm", "a.m.": "am", "p.m.": "pm", "a.m": "am", "p.m": "pm"}
_TITLES = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "sir",
        "president",
        "minister",
        "prime",
        "secretary",
        "senator",
        "sen",
        "rep",
        "gov",
        "governor",
        "general",
        "gen",
        "judge",
        "professor",
        "prof",
        "chief",
        "spokesman",
        "spokeswoman",
        "the",
    }
)


class Unit(NamedTuple):
    """One comparable word of a sentence, or one value written in several words ("$2.38 million").

    A named tuple: a long document has hundreds of thousands of them, made once per sentence.
    """

    key: str
    """What the two sides are matched by: a stem, or a value with its unit."""
    start: int
    end: int
    kind: str = "word"
    """"word", "name" (a capitalised word not first in its sentence), "number", "date" or "time"."""
    norm: str = ""
    capital: bool = False
    """A word written with a capital letter (a name, or the first word of a sentence); never a
    date, so a place that holds one ("Party on Friday") is not only a name."""
    after: str = ""
    """The next unit's ``norm``: "plans" is a verb of intent in "plans to", a noun elsewhere."""
    marks: int = 0
    """What the rules of ``read_link`` look for in it, as bits (``_marks``): found once per
    sentence, asked in every link."""


_MEANING, _DETAIL, _NUMBERED, _NAME, _CERTAINTY, _OPPOSABLE, _CUE = 1, 2, 4, 8, 16, 32, 64
_PREFIX_STARTS = frozenset(p[:2] for p in ("un", "in", "im", "il", "ir", "dis", "non", "non-"))


def _marks(units_: Sequence[_Fields]) -> list[int]:
    """The ``marks`` of each unit of a sentence: a meaning word, a number, date or time, a word
    with a number in it (F-16), a name, a word that may be of a certainty class (its class is
    looked up where it matters), a word that may have an opposite (``_opposite``: one listed,
    or one it may be with a negating prefix), a word a negation cue starts with."""
    meaning, table, cues, certain = meaning_word_list(), opposites(), _cue_words(), _certainty_words()
    out = []
    for key, _, _, kind, norm, _ in units_:
        marks = (_MEANING if norm in meaning else 0) | (_CUE if norm in cues else 0)
        if norm in certain or "+" in norm:
            marks |= _CERTAINTY
        if kind == "word" or kind == "name":
            if kind == "name":
                marks |= _NAME
            elif not norm.isalpha() and _DIGITS.search(norm) is not None:
                marks |= _NUMBERED
            if norm in table or key in table or (norm[:2] in _PREFIX_STARTS and len(norm) >= 6):
                marks |= _OPPOSABLE
        elif kind in _DETAIL_UNITS:
            marks |= _DETAIL
        out.append(marks)
    return out


@functools.cache
def _certainty_words() -> frozenset[str]:
    """The words of the certainty classes, and the first words of their two-word entries."""
    return frozenset(word.split("+", 1)[0] for word in certainty().classes)


_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_DECIMAL = re.compile(r"\d+(?:\.\d+)?")
_HAS_DIGIT = re.compile(r"\d")
_COUNTRY_DOLLARS = frozenset({"us", "a", "c", "hk", "nz"})


_VALUE_STARTS = frozenset({*_CURRENCY, *_COUNTRY_DOLLARS, *NUMBER_WORDS})


def _may_start_value(word: str) -> bool:
    """Whether a value can start at this word: a digit, a currency sign or a number word."""
    return (
        word[:1].isdigit() or word in _VALUE_STARTS or ("-" in word and word.split("-", 1)[0] in NUMBER_WORDS)
    )


def _number(norm: str) -> float | None:
    text = norm.rstrip("%")
    if _THOUSANDS.fullmatch(text):
        text = text.replace(",", "")
    if _DECIMAL.fullmatch(text):
        return float(text)
    if "-" in norm and all(part in NUMBER_WORDS for part in norm.split("-")):
        return float(sum(NUMBER_WORDS[part] for part in norm.split("-")))
    if norm in NUMBER_WORDS and norm not in ("one", "hundred", "thousand", "million", "billion", "dozen"):
        return float(NUMBER_WORDS[norm])
    return None


def _words(tokens: Sequence[Token]) -> list[tuple[str, str, int, int]]:
    """(folded word, as written, start, end) of each word, contractions split, punctuation kept
    apart as its own entry only where it can be a currency sign or a per cent sign."""
    out: list[tuple[str, str, int, int]] = []
    for t in tokens:
        norm = t.norm
        if not (norm[:1].isalnum() or norm[-1:].isalnum()) and norm not in _CURRENCY and norm != "%":
            continue
        if norm in _CONTRACTIONS:
            for part in _CONTRACTIONS[norm]:
                out.append((part, t.text, t.start, t.end))
        elif norm.endswith("n't") and len(norm) > 3:
            out.append((norm[:-3], t.text, t.start, t.end))
            out.append(("not", t.text, t.start, t.end))
        else:
            if norm.endswith("'s") and len(norm) > 2:
                norm = norm[:-2]
            out.append((norm, t.text, t.start, t.end))
    return out


def units(tokens: Sequence[Token]) -> tuple[Unit, ...]:
    """The comparable units of one sentence's tokens. Its first word is capitalised by rule, so
    it is never taken for a name; neither is a word after a colon or an opening quote."""
    words = _words(tokens)
    starts = {words[0][2]} if words else set()
    for before, t, after in zip((None, *tokens), tokens, tokens[1:], strict=False):
        # After a colon or an opening quote (one with space before it, not glued to a word).
        opening = t.text in ('"', "“", "(") and (before is None or before.end < t.start)
        if t.text == ":" or opening:
            starts.add(after.start)
    function = _function_words()
    # A content word's token already holds its Snowball stem (normalize._analysed): the same as
    # _stem's, without stemming it again (about half the units' time where the words are new).
    stems = {t.norm: t.stem for t in tokens if t.content and t.number is None}
    title_case: bool | None = None  # found when a word may be a name: most sentences have none
    out: list[tuple[str, int, int, str, str, bool]] = []
    k = 0
    while k < len(words):
        norm, text, start, end = words[k]
        made = _value(words, k) if _may_start_value(norm) else None
        if made is not None:
            unit, k = made
            out.append(unit)
            continue
        if norm in _MONTHS and not (norm == "may" and not text[:1].isupper()):
            out.append((f"month:{_MONTHS[norm]}", start, end, "date", norm, False))
        elif norm in _WEEKDAYS or norm in _RELATIVE_DAYS:
            prefix = "day" if norm in _WEEKDAYS else "relative-day"
            out.append((f"{prefix}:{norm}", start, end, "date", norm, False))
        else:
            # al-Rashid, bin-Salman: a name after a lower-case particle.
            capital = text[:1].isupper() or ("-" in text and text.split("-", 1)[1][:1].isupper())
            name = capital and start not in starts and norm not in _TITLES and norm not in function
            name = name and not _HAS_DIGIT.search(norm)
            if name and title_case is None:
                title_case = _title_case(words, function)
            kind = "name" if name and not title_case else "word"
            out.append((stems[norm] if norm in stems else _stem(norm), start, end, kind, norm, capital))
        k += 1
    if not out:
        return ()  # punctuation only
    afters = [unit[4] for unit in out[1:]]
    afters.append("")
    make = Unit._make  # spares Unit()'s handling of eight arguments: a quarter of the time
    units_ = zip(out, afters, _marks(out), strict=True)
    return tuple([make((*unit, after, marks)) for unit, after, marks in units_])


def _title_case(words: Sequence[tuple[str, str, int, int]], function: frozenset[str]) -> bool:
    """Whether most content words are capitalised: a headline, whose capitals are no names."""
    capitalised = sum(1 for w in words if w[1][:1].isupper() and w[0] not in function)
    content = sum(1 for w in words if w[1][:1].isalpha() and w[0] not in function)
    return content >= 3 and capitalised >= 0.8 * content


def _content(unit: Unit) -> bool:
    return unit.kind != "word" or not _is_function_word(unit.norm)


def _is_function_word(norm: str) -> bool:
    return norm in _function_words()


@functools.cache
def _function_words() -> frozenset[str]:
    """Stopwords and the small words that carry meaning: words no name or content is made of."""
    return stopwords() | meaning_word_list()


_Fields = tuple[str, int, int, str, str, bool]
"""A Unit's fields before the next unit is known (``after``)."""


def _value(words: Sequence[tuple[str, str, int, int]], k: int) -> tuple[_Fields, int] | None:
    """The value starting at word ``k`` ("$", "2.38", "million"), and the index after it."""
    first = k
    unit = ""
    if words[k][0] in _COUNTRY_DOLLARS and k + 1 < len(words) and words[k + 1][0] == "$":
        k += 1  # US$, A$, C$: the dollar of a country
    if words[k][0] in _CURRENCY:
        unit = "$" if words[k][0] == "us$" else words[k][0]
        k += 1
        if k >= len(words):
            return None
    norm = words[k][0]
    clock = _clock(words, k)
    if clock is not None:
        key, k = clock
        return (key, words[first][2], words[k - 1][3], "time", norm, False), k
    number = _number(norm)
    if number is None:
        return None
    if norm.endswith("%"):
        unit = "%"
    end = words[k][3]
    k += 1
    if k < len(words) and words[k][0] in SCALES:
        number *= SCALES[words[k][0]]
        end = words[k][3]
        k += 1
    if k < len(words) and words[k][0] in UNITS:
        unit = unit or UNITS[words[k][0]]
        end = words[k][3]
        k += 1
    elif k + 1 < len(words) and words[k][0] == "per" and words[k + 1][0] == "cent":
        unit = "%"
        end = words[k + 1][3]
        k += 2
    if unit == "cent":
        number, unit = number / 100, "$"
    is_year = (
        not unit and number == int(number) and 1900 <= number <= 2100 and "." not in norm and "," not in norm
    )
    kind = "date" if is_year else "number"
    return (f"{'year' if is_year else 'value'}:{number:g}", words[first][2], end, kind, norm, False), k


def _clock(words: Sequence[tuple[str, str, int, int]], k: int) -> tuple[str, int] | None:
    """A time of day at word ``k`` ("2.30am", "2:30 p.m.", "14:30") as a key, and the index after it."""
    match = _TIME.match(words[k][0])
    if match is None:
        return None
    hour, mark, minute, half = match.groups()
    after = k + 1
    if half is None and after < len(words) and words[after][0] in _DAY_HALF:
        half = words[after][0]
        after += 1
    if int(hour) > 24 or (half is None and mark != ":"):
        return None
    return f"time:{int(hour)}:{minute or '00'}{_DAY_HALF.get(half or '', '')}", after


def _negations(seq: Sequence[Unit]) -> dict[int, int]:
    """The units that are negation cues: the index of each cue's first word, with its length in
    words ("failed to" is two)."""
    single, phrases = negation_cues()
    out: dict[int, int] = {}
    for k, unit in enumerate(seq):
        if unit.norm in single:
            out[k] = 1
        for phrase in phrases:
            if phrase[0] == unit.norm and tuple(u.norm for u in seq[k : k + len(phrase)]) == phrase:
                out[k] = len(phrase)
    return out


def _bare(seq: Sequence[Unit], lo: int, hi: int, cues: dict[int, int]) -> int:
    """How many words of ``seq[lo:hi]`` carry content besides its negation cues: a negation
    added or removed in the same statement comes with few of them ("was not due" / "was due"),
    a clause only one side has with many ("but did not cause any damage")."""
    in_cue = {k + n for k, size in cues.items() for n in range(size)}
    return sum(
        1
        for k in range(lo, hi)
        if k not in in_cue and (seq[k].kind != "word" or not _is_function_word(seq[k].norm))
    )


_PREFIXES = ("un", "in", "im", "il", "ir", "dis", "non", "non-")


def _opposite(x: Unit, y: Unit) -> bool:
    if x.kind not in ("word", "name") or y.kind not in ("word", "name"):
        return False
    table = opposites()
    mine = table.get(x.norm, frozenset()) | table.get(x.key, frozenset())
    if y.norm in mine or y.key in mine:
        return True
    for short, long in ((x.norm, y.norm), (y.norm, x.norm)):
        if len(short) >= 4 and any(long == p + short for p in _PREFIXES):
            return True
    return False


def _certainty_class(unit: Unit) -> str | None:
    classes = certainty().classes
    return classes.get(f"{unit.norm}+{unit.after}") or classes.get(unit.norm)


def _same_name(x: Unit, y: Unit) -> bool:
    return (
        x.key == y.key
        or x.norm.startswith(y.norm)
        or y.norm.startswith(x.norm)
        or spelling_variant(x.norm, y.norm, _VARIANT)
    )


def _span(seq: Sequence[Unit], lo: int, hi: int, at: int) -> Span:
    """The characters of units ``lo:hi``, or the empty span where they would be (``at``)."""
    if lo < hi:
        return Span(seq[lo].start, seq[hi - 1].end)
    return Span(at, at)


def _place(seq: Sequence[Unit], k: int) -> int:
    """Where an inserted word would sit in ``seq`` at unit ``k``: its start, or the last end."""
    if k < len(seq):
        return seq[k].start
    return seq[-1].end if seq else 0


@dataclass(frozen=True, slots=True)
class Reading:
    """What the words of a link say differently: its conflicts and the meaning words one side has."""

    conflicts: tuple[Conflict, ...]
    meaning_a: tuple[Span, ...]
    meaning_b: tuple[Span, ...]


def read_link(
    side_a: Sequence[Sequence[Token]], side_b: Sequence[Sequence[Token]], *, shortcut: bool = True
) -> Reading:
    """The conflicts between the two sides of a link, and the meaning words only one side has
    (see the module docstring). Each side is given as the tokens of each of its sentences, of
    which the first ``MAX_READ`` are read.

    ``shortcut=False`` reads the differing places of every link for conflicts, skipping none:
    the same Reading, slower (the tests check the one against the other). The shortcut asks
    each rule only where it can find something (``_rules``), and lines up only the links where
    one can, or where the meaning words need it (``_to_line_up``)."""
    side_a, side_b = bounded(side_a), bounded(side_b)
    if _same_words(side_a, side_b):
        return _NOTHING
    return _read(side_a, side_b, _side_units(side_a), _side_units(side_b), shortcut)


def _same_words(side_a: Sequence[Sequence[Token]], side_b: Sequence[Sequence[Token]]) -> bool:
    """Whether two sides are word for word the same (case and quotes aside): nothing to read."""
    return sum(map(len, side_a)) == sum(map(len, side_b)) and [
        t.norm for tokens in side_a for t in tokens
    ] == [t.norm for tokens in side_b for t in tokens]


MAX_READ = MAX_COMPARED
"""The most tokens of a link's side that are read, the first ones (``bounded``): difflib lines
them up, and its matching is quadratic in the worst case; the similarity sees no more of a
sentence either (``similarity.MAX_COMPARED``)."""


def bounded(side: Sequence[Sequence[Token]]) -> list[Sequence[Token]]:
    """The first ``MAX_READ`` tokens of a link's side, sentence by sentence."""
    if sum(map(len, side)) <= MAX_READ:
        return list(side)
    out, room = [], MAX_READ
    for tokens in side:
        if room <= 0:
            break
        out.append(tokens[:room])
        room -= len(tokens)
    return out


def _side_units(side: Sequence[Sequence[Token]]) -> list[Unit]:
    return [unit for tokens in side for unit in units(tokens)]


class LinkReader:
    """``read_link`` for the links of one comparison, given by sentence indices: each sentence's
    units are made once, however many links it is in (a sentence of a long document is in up to
    ``align.LINKS_PER_SENTENCE``), and a sentence written word for word earlier, in either
    article, has that one's units moved to its place (long documents repeat many sentences)."""

    def __init__(
        self, tokens_a: Sequence[Sequence[Token] | None], tokens_b: Sequence[Sequence[Token] | None]
    ) -> None:
        """``tokens_a``, ``tokens_b``: each sentence's tokens, ``None`` for one never linked
        (boilerplate)."""
        self._tokens = (tokens_a, tokens_b)
        self._units: tuple[dict[int, tuple[Unit, ...]], dict[int, tuple[Unit, ...]]] = ({}, {})
        self._by_words: dict[tuple[tuple[str, ...], tuple[int, ...]], tuple[int, tuple[Unit, ...]]] = {}
        """The units of a sentence by its words and their places in it (they depend on nothing
        else), with the offset of the sentence they were made for."""

    def read(self, a: Sequence[int], b: Sequence[int]) -> Reading:
        """``read_link`` of the link of sentences ``a`` and ``b``."""
        whole_a, whole_b = self._whole(0, a), self._whole(1, b)
        side_a = bounded([tokens for _, tokens in whole_a])
        side_b = bounded([tokens for _, tokens in whole_b])
        if _same_words(side_a, side_b):
            return _NOTHING
        return _read(side_a, side_b, self._units_of(0, whole_a, side_a), self._units_of(1, whole_b, side_b))

    def _whole(self, article: int, indices: Sequence[int]) -> list[tuple[int, Sequence[Token]]]:
        every = self._tokens[article]
        return [(i, tokens) for i in indices if (tokens := every[i]) is not None]

    def _units_of(
        self, article: int, whole: list[tuple[int, Sequence[Token]]], side: list[Sequence[Token]]
    ) -> list[Unit]:
        made = self._units[article]
        found: list[Unit] = []
        for (i, tokens), read in zip(whole, side, strict=False):
            if read is tokens:  # not cut short by the bound: its units are the sentence's
                known = made.get(i)
                if known is None:
                    known = made[i] = self._sentence_units(tokens)
                found += known
            else:
                found += units(read)
        return found

    def _sentence_units(self, tokens: Sequence[Token]) -> tuple[Unit, ...]:
        if not tokens:
            return ()
        base = tokens[0].start
        key = (tuple([t.text for t in tokens]), tuple([t.start - base for t in tokens]))
        known = self._by_words.get(key)
        if known is None:
            made = units(tokens)
            self._by_words[key] = (base, made)
            return made
        shift = base - known[0]
        make = tuple.__new__  # as Unit._make, without its extra call
        return tuple(
            [make(Unit, (key, start + shift, end + shift, *rest)) for key, start, end, *rest in known[1]]
        )


def _read(
    side_a: Sequence[Sequence[Token]],
    side_b: Sequence[Sequence[Token]],
    ua: Sequence[Unit],
    ub: Sequence[Unit],
    shortcut: bool = True,
) -> Reading:
    """``read_link`` of two bounded sides that are not word for word the same, given their units."""
    bag_a, bag_b = Counter([u.key for u in ua]), Counter([u.key for u in ub])
    # dict's equality, not Counter's (which reads a missing key as 0, in Python): no count is 0.
    if dict.__eq__(bag_a, bag_b):
        return _NOTHING  # the same words, perhaps in another order: nothing changed, only moved
    # Only the units a side has more of than the other (``new``) can conflict or be one-sided
    # meaning words.
    (keys_a, more_a), (keys_b, _) = _new_keys(bag_a, bag_b), _new_keys(bag_b, bag_a)
    new_a, new_b = [u for u in ua if u.key in keys_a], [u for u in ub if u.key in keys_b]
    # difflib's quick_ratio (the matches counted as bags over the same denominator) is an upper
    # bound of its ratio: below SAME_WORDING the link is not close.
    may_be_close = 2.0 * (len(ua) - more_a) / (len(ua) + len(ub)) >= SAME_WORDING
    details = any(u.marks & _DETAIL for u in new_a) and any(u.marks & _DETAIL for u in new_b)
    rules = _rules(new_a, new_b, may_be_close) if shortcut else _EVERY_RULE
    if may_be_close or details:
        if not rules and not _to_line_up(ua, ub, new_a, new_b, bag_a, bag_b, may_be_close):
            return Reading((), _meaning_spans(new_a), _meaning_spans(new_b))
        return _lined_up(ua, ub, bag_a, bag_b, may_be_close or not shortcut, not shortcut, rules)
    # Sides too unlike to be lined up word by word: their meaning words are those of the whole
    # link. In a link that is not close only details that disagree conflict, each a unit one
    # side lacks on both sides; numbers, dates and times are ruled out just above, so only words
    # with a number in them (F-16 / F-35) can still: without them (no rule left, with the
    # shortcut) the places are not read at all.
    whole_a, whole_b = _meaning_spans(new_a), _meaning_spans(new_b)
    if not rules:
        return Reading((), whole_a, whole_b)
    found = _lined_up(ua, ub, bag_a, bag_b, not shortcut, not shortcut, rules).conflicts
    return Reading(found, (*whole_a, *_conflict_words(found, "a")), (*whole_b, *_conflict_words(found, "b")))


def _new_keys(mine: Counter[str], theirs: Counter[str]) -> tuple[frozenset[str], int]:
    """The keys a side has more units of than the other, and how many more units in all."""
    new = []
    more = 0
    for key, count in mine.items():
        surplus = count - theirs.get(key, 0)
        if surplus > 0:
            new.append(key)
            more += surplus
    return frozenset(new), more


_EVERY_RULE = frozenset({"date", "number", "numbered", "opposite", "certainty", "denial", "hedge", "actor"})


def _rules(new_a: Sequence[Unit], new_b: Sequence[Unit], may_be_close: bool) -> frozenset[str]:
    """The rules of ``_place_conflicts`` that may find a conflict somewhere in a link, each asked
    of the units each side has more of than the other as a whole (a place's are some of them):
    the shortcut of ``read_link``."""
    out: set[str] = set()
    marks_a, marks_b = _marks_of(new_a), _marks_of(new_b)
    both, either = marks_a & marks_b, marks_a | marks_b
    if both & _DETAIL:
        details_a = [u for u in new_a if u.marks & _DETAIL]
        details_b = [u for u in new_b if u.marks & _DETAIL]
        # Only _value makes a value or a year key (_NUMERIC), for a number or a year: details.
        if any(u.key.startswith(_NUMERIC) for u in details_a) and any(
            u.key.startswith(_NUMERIC) for u in details_b
        ):
            out.add("number")
        dates_a = {(u.kind, u.key.split(":")[0]) for u in details_a if u.kind in _DATES}
        if not dates_a.isdisjoint([(u.kind, u.key.split(":")[0]) for u in details_b if u.kind in _DATES]):
            out.add("date")
    if both & _NUMBERED and not {_DIGITS.sub("#", u.norm) for u in new_a if u.marks & _NUMBERED}.isdisjoint(
        [_DIGITS.sub("#", u.norm) for u in new_b if u.marks & _NUMBERED]
    ):
        out.add("numbered")
    if not may_be_close:
        return frozenset(out)
    if both & _NAME:
        out.add("actor")
    if either & _CERTAINTY:
        classes_a = [c for u in new_a if u.marks & _CERTAINTY and (c := _certainty_class(u)) is not None]
        classes_b = [c for u in new_b if u.marks & _CERTAINTY and (c := _certainty_class(u)) is not None]
        if any(c in _HEDGES for c in (*classes_a, *classes_b)):
            out.add("hedge")
        if any(_classes_conflict(x, y) for x in classes_a for y in classes_b):
            out.add("certainty")
        if any(_classes_deny(x, y) for x in classes_a for y in classes_b):
            out.add("denial")
    if either & _OPPOSABLE and _may_oppose(new_a, new_b):
        out.add("opposite")
    return frozenset(out)


def _marks_of(units_: Iterable[Unit]) -> int:
    """The marks of any of these units."""
    out = 0
    for unit in units_:
        out |= unit.marks
    return out


def _may_oppose(new_a: Sequence[Unit], new_b: Sequence[Unit]) -> bool:
    """Whether a unit of ``new_a`` may be the opposite (``_opposite``) of one of ``new_b``: the
    words and stems either is the opposite of (``_opposed``) among the other's words and stems."""
    words_a = [u for u in new_a if u.kind in _WORDS]
    words_b = [u for u in new_b if u.kind in _WORDS] if words_a else []
    if not words_b:
        return False
    forms_a = {form for u in words_a for form in (u.norm, u.key)}
    forms_b = {form for u in words_b for form in (u.norm, u.key)}
    return any(
        u.marks & _OPPOSABLE and not forms_b.isdisjoint(_opposed(u.norm, u.key)) for u in words_a
    ) or any(u.marks & _OPPOSABLE and not forms_a.isdisjoint(_opposed(u.norm, u.key)) for u in words_b)


@functools.lru_cache(maxsize=1 << 14)
def _opposed(norm: str, key: str) -> frozenset[str]:
    """The words and stems ``_opposite`` may take for opposites of a word with this norm and key:
    those listed (``opposites``) for either, and the word without a negating prefix."""
    table = opposites()
    bare = {norm[len(p) :] for p in _PREFIXES if norm.startswith(p) and len(norm) - len(p) >= 4}
    return table.get(norm, frozenset()) | table.get(key, frozenset()) | bare


def _to_line_up(
    ua: Sequence[Unit],
    ub: Sequence[Unit],
    new_a: Sequence[Unit],
    new_b: Sequence[Unit],
    bag_a: Counter[str],
    bag_b: Counter[str],
    may_be_close: bool,
) -> bool:
    """Whether a link no rule can find a conflict in (``_rules``) must be lined up all the same:
    for a negation cue more on one side of a close link, or for a meaning word one side has more
    of but the other has too (which of them is matched, and not one-sided, is difflib's to say).
    Otherwise its Reading is the full one without difflib: no conflict, and as meaning words
    every one the other side lacks, which nothing can be matched with wherever it is."""
    if any(u.marks & _MEANING and bag_b[u.key] for u in new_a) or any(
        u.marks & _MEANING and bag_a[u.key] for u in new_b
    ):
        return True
    if not may_be_close:
        return False
    cues_a, cues_b = any(u.marks & _CUE for u in ua), any(u.marks & _CUE for u in ub)
    return (cues_a or cues_b) and len(_negations(ua) if cues_a else ()) != len(
        _negations(ub) if cues_b else ()
    )


@functools.cache
def _cue_words() -> frozenset[str]:
    """The words a negation cue starts with: ``_negations`` finds none in a side without one."""
    single, phrases = negation_cues()
    return single | {phrase[0] for phrase in phrases}


def _meaning_spans(new: Sequence[Unit]) -> tuple[Span, ...]:
    """The meaning words among the units a side has more of than the other."""
    return tuple(Span(u.start, u.end) for u in new if u.marks & _MEANING)


def _lined_up(
    ua: Sequence[Unit],
    ub: Sequence[Unit],
    bag_a: Counter[str],
    bag_b: Counter[str],
    may_be_close: bool,
    negations: bool,
    rules: frozenset[str],
) -> Reading:
    """The Reading of two sides lined up by difflib, place by place. ``may_be_close``: whether
    their ratio may reach SAME_WORDING; ``negations``: look for them even where they cannot
    count (the full reading the tests check the shortcuts against); ``rules``: those of
    ``_place_conflicts`` to ask."""
    keys_a, keys_b = [u.key for u in ua], [u.key for u in ub]
    if keys_b < keys_a:
        # difflib's matching (ties, the longest block first) and the pairing of a place's words
        # depend on which side comes first: read in one fixed order, a swapped comparison's
        # conflicts are the mirror of this one's.
        turned = _lined_up(ub, ua, bag_b, bag_a, may_be_close, negations, rules)
        mirrored = tuple(Conflict(c.kind, c.b, c.a) for c in turned.conflicts)
        return Reading(mirrored, turned.meaning_b, turned.meaning_a)
    meaning = meaning_word_list()
    conflicts: list[Conflict] = []
    meaning_a: list[Span] = []
    meaning_b: list[Span] = []
    matcher = difflib.SequenceMatcher(None, keys_a, keys_b, autojunk=False)
    opcodes = matcher.get_opcodes()
    close = may_be_close and matcher.ratio() >= SAME_WORDING
    # Negations count only in close links.
    neg_a, neg_b = (_negations(ua), _negations(ub)) if close or negations else ({}, {})
    same = [False] * len(ua)
    for tag, i1, i2, _, _ in opcodes:
        if tag == "equal":
            same[i1:i2] = [True] * (i2 - i1)
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            continue
        meaning_a += [
            Span(u.start, u.end) for u in ua[i1:i2] if u.norm in meaning and bag_b[u.key] < bag_a[u.key]
        ]
        meaning_b += [
            Span(u.start, u.end) for u in ub[j1:j2] if u.norm in meaning and bag_a[u.key] < bag_b[u.key]
        ]
        if i2 - i1 > _MAX_PLACE or j2 - j1 > _MAX_PLACE:
            continue
        differs = close and len(neg_a) != len(neg_b)
        here = _place_conflicts(ua, ub, (i1, i2, j1, j2), bag_a, bag_b, close, differs, neg_a, neg_b, rules)
        if here and not close:
            window = (*range(max(0, i1 - _ANCHOR), i1), *range(i2, min(len(ua), i2 + _ANCHOR)))
            if sum(1 for k in window if same[k] and _content(ua[k])) < _ANCHORED:
                here = []
        conflicts += here
    found = tuple(dict.fromkeys(conflicts))
    meaning_a += _conflict_words(found, "a")
    meaning_b += _conflict_words(found, "b")
    return Reading(found, tuple(meaning_a), tuple(meaning_b))


def _conflict_words(found: Sequence[Conflict], side: str) -> list[Span]:
    """The conflicting words of one side: words it only has, even where the matching takes them
    for one word spelt two ways (likely/unlikely)."""
    spans = [c.a if side == "a" else c.b for c in found]
    return [span for span in spans if span.start < span.end]


_NOTHING = Reading((), (), ())
_DETAIL_UNITS = frozenset({"number", "date", "time"})


def _place_conflicts(
    ua: Sequence[Unit],
    ub: Sequence[Unit],
    place: tuple[int, int, int, int],
    bag_a: Counter[str],
    bag_b: Counter[str],
    close: bool,
    negation_differs: bool,
    neg_a: dict[int, int],
    neg_b: dict[int, int],
    rules: frozenset[str],
) -> list[Conflict]:
    """The conflicts of one differing place: units ``i1:i2`` of A against ``j1:j2`` of B. When
    the two sides are not ``close`` (see SAME_WORDING), only details that disagree."""
    i1, i2, j1, j2 = place
    # Only words the other side lacks anywhere can conflict: the others moved.
    new_a = [k for k in range(i1, i2) if bag_b[ua[k].key] < bag_a[ua[k].key]]
    new_b = [k for k in range(j1, j2) if bag_a[ub[k].key] < bag_b[ub[k].key]]
    if not negation_differs and not (new_a and (new_b or close)) and not (new_b and close):
        return []
    found: list[Conflict] = []
    here_a = Span(_place(ua, i1), _place(ua, i1))
    here_b = Span(_place(ub, j1), _place(ub, j1))
    if negation_differs:
        cues_a = [k for k in neg_a if i1 <= k < i2]
        cues_b = [k for k in neg_b if j1 <= k < j2]
        one_sided = i1 == i2 or j1 == j2
        content = max(_bare(ua, i1, i2, neg_a), _bare(ub, j1, j2, neg_b))
        if len(cues_a) != len(cues_b) and content <= (0 if one_sided else 1):
            span_a = _span(ua, cues_a[0], cues_a[0] + 1, 0) if cues_a else here_a
            span_b = _span(ub, cues_b[0], cues_b[0] + 1, 0) if cues_b else here_b
            found.append(Conflict(ConflictKind.NEGATION, span_a, span_b))
    used_a: set[int] = set()
    used_b: set[int] = set()

    def pair(kind: ConflictKind, test: Callable[[Unit, Unit], bool], may: Callable[[Unit], bool]) -> None:
        # ``may``: whether a unit can be in such a pair at all, asked once per unit.
        xs = [x for x in new_a if x not in used_a and may(ua[x])]
        ys = [y for y in new_b if y not in used_b and may(ub[y])] if xs else []
        for x in xs:
            for y in ys:
                if y not in used_b and test(ua[x], ub[y]):
                    used_a.add(x)
                    used_b.add(y)
                    found.append(Conflict(kind, Span(ua[x].start, ua[x].end), Span(ub[y].start, ub[y].end)))
                    break

    # Each rule only where read_link's shortcut (_rules) finds that it may apply.
    if "date" in rules:
        pair(ConflictKind.DATE, _same_kind_of_date, lambda u: u.kind in _DATES)
    if "number" in rules:
        pair(ConflictKind.NUMBER, lambda x, y: True, lambda u: u.key.startswith(_NUMERIC))
    if "numbered" in rules:
        pair(
            ConflictKind.NUMBER,
            _other_numbered,
            lambda u: u.kind == "word" and _DIGITS.search(u.norm) is not None,
        )
    if not close:
        return found
    if "opposite" in rules:
        pair(ConflictKind.OPPOSITE, _opposite, lambda u: u.kind in _WORDS)
    if "certainty" in rules:
        pair(ConflictKind.CERTAINTY, _certainty_conflict, lambda u: _certainty_class(u) is not None)
    if "denial" in rules:
        pair(ConflictKind.NEGATION, _denial, lambda u: _certainty_class(u) is not None)
    if "hedge" in rules:
        found += _hedged(ua, ub, new_a, new_b, i1, j1)
    if "actor" not in rules:
        return found
    names_a = [k for k in new_a if ua[k].kind == "name" and k not in used_a]
    names_b = [k for k in new_b if ub[k].kind == "name" and k not in used_b]
    if (
        names_a
        and names_b
        and _only_names(ua, i1, i2)
        and _only_names(ub, j1, j2)
        and not any(_same_name(ua[x], ub[y]) for x in names_a for y in names_b)
        and not _abbreviation([ua[k] for k in names_a], [ub[k] for k in names_b])
    ):
        found.append(
            Conflict(
                ConflictKind.ACTOR,
                Span(ua[names_a[0]].start, ua[names_a[-1]].end),
                Span(ub[names_b[0]].start, ub[names_b[-1]].end),
            )
        )
    return found


_NUMERIC = ("value:", "year:")
_DATES = frozenset({"date", "time"})
_WORDS = frozenset({"word", "name"})


def _same_kind_of_date(x: Unit, y: Unit) -> bool:
    """Two years, months, weekdays or times of day."""
    return x.kind in ("date", "time") and x.kind == y.kind and x.key.split(":")[0] == y.key.split(":")[0]


_DIGITS = re.compile(r"\d+")


def _other_numbered(x: Unit, y: Unit) -> bool:
    """One name with another number in it (CAC-40 / CAC-80, F-16 / F-35)."""
    return bool(_DIGITS.search(x.norm) and _DIGITS.search(y.norm)) and _DIGITS.sub(
        "#", x.norm
    ) == _DIGITS.sub("#", y.norm)


_MAX_NAME = 3
"""The most words a name in the place of another may have: a longer stretch of capitalised words
is a title or a heading, not a name in the same role."""


def _only_names(seq: Sequence[Unit], lo: int, hi: int) -> bool:
    """Whether ``seq[lo:hi]`` is one short name (with its title and small words): another name
    in the same role, not a name within other words."""
    names = sum(1 for u in seq[lo:hi] if u.kind == "name")
    others = [
        u
        for u in seq[lo:hi]
        if u.kind != "name" and not u.capital and u.norm not in _TITLES and not _is_function_word(u.norm)
    ]
    return 0 < names <= _MAX_NAME and not others


def _abbreviation(xs: Sequence[Unit], ys: Sequence[Unit]) -> bool:
    """Whether one name is the other's initials (United States / U.S.)."""
    for short, long in ((xs, ys), (ys, xs)):
        letters = "".join(ch for u in short for ch in u.norm if ch.isalpha())
        if len(long) > 1 and letters == "".join(u.norm[:1] for u in long):
            return True
    return False


_HEDGES = frozenset({"possible", "hedge"})


def _hedged(
    ua: Sequence[Unit], ub: Sequence[Unit], new_a: Sequence[int], new_b: Sequence[int], i1: int, j1: int
) -> list[Conflict]:
    """A hedge (may, might, reportedly) that one side adds where the other has no word of
    certainty at all: "the plant closed" / "the plant may have closed"."""
    hedges_a = [k for k in new_a if _certainty_class(ua[k]) in _HEDGES]
    hedges_b = [k for k in new_b if _certainty_class(ub[k]) in _HEDGES]
    certain_a = any(_certainty_class(ua[k]) for k in new_a)
    certain_b = any(_certainty_class(ub[k]) for k in new_b)
    if hedges_a and not certain_b:
        return [
            Conflict(ConflictKind.CERTAINTY, Span(ua[hedges_a[0]].start, ua[hedges_a[0]].end), _at(ub, j1))
        ]
    if hedges_b and not certain_a:
        return [
            Conflict(ConflictKind.CERTAINTY, _at(ua, i1), Span(ub[hedges_b[0]].start, ub[hedges_b[0]].end))
        ]
    return []


def _at(seq: Sequence[Unit], k: int) -> Span:
    return Span(_place(seq, k), _place(seq, k))


def _certainty_conflict(x: Unit, y: Unit) -> bool:
    cx, cy = _certainty_class(x), _certainty_class(y)
    return cx is not None and cy is not None and _classes_conflict(cx, cy)


def _classes_conflict(cx: str, cy: str) -> bool:
    if cx == cy or "deny" in (cx, cy):
        return False
    return frozenset((cx, cy)) not in certainty().compatible


def _denial(x: Unit, y: Unit) -> bool:
    cx, cy = _certainty_class(x), _certainty_class(y)
    return cx is not None and cy is not None and _classes_deny(cx, cy)


def _classes_deny(cx: str, cy: str) -> bool:
    return cx != cy and "deny" in (cx, cy) and (cx in ("assert", "confirm") or cy in ("assert", "confirm"))


def merged(spans: Iterable[Span]) -> tuple[Span, ...]:
    """Spans sorted, overlapping ones joined."""
    out: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        if out and span.start <= out[-1].end:
            if span.end > out[-1].end:
                out[-1] = Span(out[-1].start, span.end)
        else:
            out.append(span)
    return tuple(out)
