"""The notable details of each article (names, numbers, dates, times, quantities, quotes) and
whether the other article has them too.

NLTK's named-entity chunker needs downloaded models, so names come from rules shipped here:
runs of capitalised words, joined by a few particles ("bin", "de", "of" inside organisations),
leaving out sentence-initial words that the articles also use in lower case. Matching across the
articles tolerates small spelling variants (Zelenskyy/Zelensky) and partial mentions (Peskov /
Dmitry Peskov); a quote is shared when the other article renders it too, even in other words.
"""

from __future__ import annotations

import difflib
import functools
import itertools
import math
import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from importlib import resources
from typing import NamedTuple

from comparer.core.conflicts import SCALES, UNITS
from comparer.core.model import Detail, DetailKind, Link, Nearest, Sentence
from comparer.core.normalize import (
    MIN_VARIANT_LETTERS,
    fold,
    letters_agree,
    min_shared_letters,
    spelling_variant,
    stopwords,
    tokenize,
)
from comparer.core.similarity import Profile, Weights

NAME_VARIANT = 0.84
"""Name tokens whose letters agree at least this much (difflib ratio) are one name."""
QUOTE_LINKED_SHARE = 0.2
"""A quote is shared when a sentence linked to its own, in which the other article quotes, holds
this share of its words (by rarity weight)."""
QUOTE_MIN_STEMS = 12
"""Fewer content words than this, and a share of them found anywhere in the other article is
chance ("a new deal")."""
QUOTE_SHARED = 0.45
"""A quote is shared when one sentence of the other article holds this share of its words (by
rarity weight): a quote translated two ways keeps its rare words."""
MIN_QUOTE_WORDS = 3
QUOTE_PART = 0.8
"""A quote of the other article whose words (by weight) lie this much within a quote here is a
part of it: the two articles quote the same words, one at greater length..."""
QUOTE_PART_MIN_STEMS = 2
"""...provided that part holds at least this many content words."""

_MONTHS = frozenset(
    """
    january february march april may june july august september october november december
""".split()
)
_MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAY_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

_DATE = re.compile(
    rf"\b(?:{_WEEKDAY_RE},?\s+)?{_MONTH_RE}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH_RE}(?:,?\s+\d{{4}})?\b"
    rf"|\b{_MONTH_RE}\s+\d{{4}}\b"
    rf"|\b{_WEEKDAY_RE}\b"
    r"|\b(?:1[89]|20)\d{2}(?:[-–](?:(?:1[89]|20)\d{2}|\d{2})\b)?\b"
)
_HOLIDAY_RE = (
    r"Christmas(?: Eve| Day)?|Easter(?: Sunday| Monday)?|Thanksgiving(?: Day)?|Halloween|Hanukkah"
    r"|Passover|Ramadan|Diwali|Good Friday|New Year(?:['’]?s)?(?: Eve| Day)?"
    r"|(?:Bastille|Election|Independence|Memorial|Labor|Labour|Veterans|Victory|Presidents|Boxing"
    r"|Armistice|Remembrance|Inauguration|Valentine['’]s|Mother['’]s|Father['’]s) Day"
)
_BARE_DATE = re.compile(
    rf"\b(?:{_HOLIDAY_RE})\b"
    r"|\b(?:1[89]|20)\d0['’]?s\b"
    r"|\b(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Ff]rom|[Tt]hrough|[Ll]ast|[Nn]ext|[Tt]his|[Ee]arly|[Ll]ate|[Mm]id"
    r"|[Oo]f|[Dd]uring|[Bb]efore|[Aa]fter|[Bb]etween|and|or|to)[\s-]+"
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\b(?![ \t]+\d)"
)
"""Dates without a day: a named day (Easter, Bastille Day), a decade (the 1990s) and a month
alone after a word that makes it one ("in March", "since May": May alone may be a name)."""
_TIME = re.compile(
    r"\b\d{1,2}(?:[.:]\d{2})?\s*(?:[ap]\.?m\.?|am\b|pm\b)(?:\s+(?:[A-Z]{2,4}T|GMT|UTC)\b)?"
    r"|\b\d{1,2}:\d{2}\b(?:\s+(?:[A-Z]{2,4}T|GMT|UTC)\b)?",
    re.IGNORECASE,
)
# The three figures with a unit share their leading word boundary, written once: the engine then
# tests it once per position instead of three times (two fifths of this pattern's time; the same
# matches, as each of the three still starts with it and they are tried in the same order).
_QUANTITY = re.compile(
    r"(?:[$€£¥]\s?\d(?:[\d,.]*\d)?(?:\s+(?:million|billion|trillion|thousand|bn|m)\b)?)"
    r"|\b(?:\d(?:[\d,.]*\d)?\s?(?:%|per\s?cent\b|percent\b)"
    r"|\d(?:[\d,.]*\d)?\s+(?:million|billion|trillion|thousand)\b"
    r"(?:\s+(?:dollars|euros|pounds|people|women|men))?"
    r"|\d(?:[\d,.]*\d)?\s?(?:km|kilometres|kilometers|miles|mph|kg|tonnes|tons|metres|meters|feet|mm|cm)\b)",
    re.IGNORECASE,
)
_SCORE = re.compile(r"(?<![\w.$€£])\d{1,4}[-–]\d{1,4}(?![\w.]*\d)")
"""A vote or score (passed 234-193): one figure, not two."""
_NUMBER = re.compile(r"(?<![\w.])\d(?:[\d,]*\d)?(?:\.\d+)?(?![\w.]*\d)")
_QUOTE_MARK = re.compile(r"``|''|[“”„«»\"‘’]")
"""Every mark that may open or close a quote; which it does is read from its neighbours."""
_OPENING = frozenset("“„«‘") | {"``"}
_CLOSING = frozenset("”»’")
_NAME_WORD = r"(?:(?:[A-Z]\.){2,}(?=\s+[A-Z])|[A-Z](?:[\w’'\-]|\.(?=\w))*[\w]|[A-Z]\.?)"
_NAME = re.compile(
    rf"{_NAME_WORD}(?:(?:\s+|\s+(?:(?:of|for)(?:\s+the)?|de|del|da|di|bin|al|van|von|der|la|le|and)\s+"
    rf"|(?:(?<=Committee)|(?<=Council)|(?<=Commission))\s+on\s+){_NAME_WORD})*"
)
_PATTERNS = (
    (DetailKind.TIME, _TIME),
    (DetailKind.DATE, _BARE_DATE),
    (DetailKind.DATE, _DATE),
    (DetailKind.QUANTITY, _QUANTITY),
    (DetailKind.NUMBER, _SCORE),
    (DetailKind.NUMBER, _NUMBER),
)
"""Numeric details, in the order they claim their text."""
_PATTERNS_WITHOUT_DIGITS = (
    (DetailKind.DATE, _BARE_DATE),
    (DetailKind.DATE, re.compile(rf"\b{_WEEKDAY_RE}\b")),
)
"""``_PATTERNS`` on a sentence without a digit: all that can match is a date without a day or a
bare weekday."""
_DIGIT = re.compile(r"\d")
_NUMERIC = frozenset({DetailKind.NUMBER, DetailKind.QUANTITY})
_SPACES = re.compile(r"[\s]+")
_POSSESSIVE = re.compile(r"['’]s$")
_LOWER_WORD = re.compile(r"\b[a-z][a-z'’-]+\b")
_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]*")
_WORD_CHARACTER = re.compile(r"\w")
_DOTTED = re.compile(r"^(?:\w\.)+\w$")
_WORD = re.compile(r"[\w.'’-]*\w")
_NON_SPACE = re.compile(r"\S+")
_NAME_SPLIT = re.compile(r"[\s-]+")
_DATELINE_MARKS = frozenset("-–—,(")
_COMPOUND_TAIL = re.compile(
    r"-(?:led|based|backed|born|owned|run|held|funded|controlled|style|era|[a-z]+(?:ed|ing))$"
)
"""What makes a name an adjective ("the U.S.-led forces" names the U.S.)."""
_LONG_WORD = re.compile(r"\b[A-Za-z][\w'’-]{3,}")
HEADLINE_CAPITALS = 0.8
"""A line without a closing stop whose longer words are capitalised at least this much is a
headline, not a run of names."""
_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")
_ORGANISATION_CONNECTORS = frozenset({"of", "for"})
"""After one of these, "and" is part of the name (Department of Health and Human Services)."""
_CONNECTORS = frozenset(
    """
    of for and de del da di la le on
""".split()
)
_HONORIFICS = frozenset(
    """
    mr mrs ms dr sir gov sen rep gen lt col prof rev
""".split()
)
_TITLES = _HONORIFICS | frozenset(
    """
    president minister mayor spokesman spokeswoman spokesperson leader chancellor secretary
    director governor senator representative judge justice king queen prince pope chairman
    chief ambassador general colonel lieutenant sergeant officer adviser advisor premier
    chair chairwoman commissioner speaker sheriff senators congressman congresswoman envoy
    counsel attorney founder publisher honor honour
""".split()
)
_BODY_WORDS = frozenset(
    """
    department ministry committee commission council board agency authority bureau office
    administration service services court party union league association federation society
    institute university college school academy foundation fund bank trust group company
    corporation holdings airlines network channel project program programme act law treaty
    accord agreement plan initiative force forces army navy corps guard police command center
    centre house senate assembly parliament congress cabinet caucus delegation mission embassy
    post times news journal herald tribune daily press review magazine gazette telegraph street
    avenue square hill park river sea ocean lake bay coast county city state states district
    region province republic kingdom zone peninsula island islands airport station bridge hotel
    hospital prison palace tower building room hall lawn church temple museum stadium club team
    war games cup olympics prize award awards day week weekend stores workshop studies affairs
    organization organisation constitution amendment charter convention code clause
""".split()
)
"""Last words of bodies, places and events (Justice Department, Washington Post, Capitol Hill):
a word before one is no title, a name ending in one is no person, and a run ending in one is
one name."""
_PARTY_WORDS = frozenset({"democrat", "democrats", "republican", "republicans"})
"""Party members, which belong to no name (Republican Pat Toomey, California Republicans) unless
the run ends in a body's word (Republican National Committee)."""
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_CORPORATE_SUFFIXES = frozenset({"inc", "corp", "ltd", "llc", "co", "plc"})
_PLURAL_ACRONYM = re.compile(r"^[A-Z]{2,}s$")
"""Acronyms made plural are common nouns (super PACs, NGOs)."""
_LEGISLATURES = frozenset({"senate", "house", "congress", "caucus", "parliament", "assembly"})
_COMPASS = frozenset({"north", "south", "east", "west"})
_PARTY_ADJECTIVES = frozenset({"democratic", "republican", "conservative", "liberal", "congressional"})
_ADJECTIVE_ENDINGS = ("ional", "ist", "ive", "ous")
"""Endings of capitalised adjectives, no names alone (Congressional, Obstructionist)."""
_NOT_NAME_STARTS = frozenset(
    """
    hi hello dear thanks many several additional another following according including
    whoever whatever four five six seven eight nine ten eleven twelve twenty hundred thousand
    supporters critics officials despite unlike among
""".split()
)
"""Words that, capitalised at the start of a run, are not part of the name after them (Hi Don,
Following Trump, Four U.S. intelligence agencies)."""
_GENERIC_TAILS = _CORPORATE_SUFFIXES | frozenset(
    {"stores", "group", "company", "corporation", "holdings", "workshop"}
)
"""Words a company's name is written with or without (Wal-Mart Stores Inc. / Wal-Mart)."""
_SURNAME_TITLES = frozenset({"king", "queen", "prince", "general", "judge", "justice"})
"""Titles that, last in a run, are more often a surname or a body's name (Martin Luther King,
Attorney General, Department of Justice) than a title."""
_TITLE_MODIFIERS = frozenset(
    """
    foreign prime deputy vice former acting press defense defence interior finance health
    executive attorney first majority minority assistant senior top special
""".split()
)
"""Words that make one title with the title after them (Prime Minister, Foreign Minister)."""
_DEMONYM_ENDINGS = ("ean", "ian", "ese", "ish", "can", "ch", "ic", "i")
"""How demonyms and party adjectives end (Korean, Russian, Japanese, British, Republican, French,
Democratic, Israeli): such a word before a title is no name of its own."""


class _Mention(NamedTuple):
    """One mention of a detail in an article. A named tuple, not a frozen dataclass: a long
    document has thousands, and a frozen dataclass sets each field through ``object.__setattr__``
    (making them took a sixth of the time of finding them)."""

    kind: DetailKind
    text: str
    key: str
    sentence: int
    start: int
    end: int
    last_sentence_offset: int = 0
    """For a quote running over several sentences, how many follow the first."""


_fold_word = functools.lru_cache(maxsize=1 << 16)(fold)
"""``fold`` of one word: the same few thousand words are folded again and again."""


@functools.lru_cache(maxsize=1 << 16)
def _name_key(text: str) -> str:
    words = [w for w in _SPACES.split(fold(text)) if w]
    words = [_POSSESSIVE.sub("", w).strip(".") for w in words]
    words = [w.replace(".", "") if _DOTTED.match(w) else w for w in words]  # J.C.P.O.A. is JCPOA
    while words and words[0] in {"the", *_HONORIFICS}:
        words = words[1:]
    return " ".join(words)


def _number_key(text: str) -> str:
    digits = text.replace(",", "")
    try:
        return f"{float(digits):g}"
    except ValueError:
        return digits


def _lower_words(texts: Sequence[str]) -> frozenset[str]:
    """Words seen in lower case anywhere: a capitalised one of them at a sentence start is no name."""
    return frozenset(w for text in texts for w in _LOWER_WORD.findall(text))


def _quotes(sentences: Sequence[Sentence], text_of: Callable[[int, int], str]) -> Iterator[_Mention]:
    """Direct quotes, paired within each paragraph (a quote may run over several sentences)."""
    by_paragraph: dict[int, list[Sentence]] = {}
    for s in sentences:
        if not s.boilerplate:
            by_paragraph.setdefault(s.paragraph, []).append(s)
    for group in by_paragraph.values():
        lo, hi = group[0].start, group[-1].end
        body = text_of(lo, hi)
        for start, end, inner_start, inner_end in _quote_spans(body):
            inner = body[inner_start:inner_end]
            if len(inner.split()) < MIN_QUOTE_WORDS:
                continue
            first = next(s.index for s in reversed(group) if s.start <= lo + start)
            last = next(s.index for s in reversed(group) if s.start < lo + end)
            yield _Mention(
                DetailKind.QUOTE,
                body[start:end],
                fold(inner).strip(" ,."),
                first,
                lo + start,
                lo + end,
                last - first,
            )


def _quote_spans(body: str) -> Iterator[tuple[int, int, int, int]]:
    """The quotes of a paragraph: start, end, and the start and end of the words within.

    Every common style is read: curly, straight, guillemets, TeX-like ``...'' and mixed pairs
    (“...", a typing slip); a straight mark opens after a space and closes before one. A quote
    opened and never closed runs to the next opening or the end of the paragraph (a quote over
    several paragraphs opens each one). Single marks quote only outside double ones, and only
    where they cannot be an apostrophe (‘...’ after a space, before a non-letter).
    """
    double: list[tuple[int, int]] = []
    opened: tuple[int, int] | None = None
    singles: list[tuple[str, int, int]] = []
    for m in _QUOTE_MARK.finditer(body):
        mark, at, after = m.group(0), m.start(), m.end()
        before = body[at - 1] if at else " "
        next_ = body[after] if after < len(body) else " "
        if mark in "‘’":
            singles.append((mark, at, after))
            continue
        if mark in _OPENING:
            opening = True
        elif mark in _CLOSING:
            opening = False
        else:  # " '' “ as either: by where the spaces are
            opening = (before.isspace() or before in "([—–-/") and not next_.isspace()
            if mark == "“" and opened is None:
                opening = True
            # An open quote's words ending in a stop and then a space before the mark: a closing
            # mark typed after its space ('bigger problems than ever before, "Trump said').
            if (
                opening
                and opened is not None
                and mark in "\"''"
                and body[at - 2 : at - 1] in (",", ".", "!", "?")
            ):
                opening = False
        if opening:
            if opened is not None:
                double.append((opened[0], at))
                yield from _spanned(body, opened[0], opened[1], at, None)
            opened = (at, after)
        elif opened is not None:
            double.append((opened[0], after))
            yield from _spanned(body, opened[0], opened[1], at, after)
            opened = None
    if opened is not None:
        double.append((opened[0], len(body)))
        yield from _spanned(body, opened[0], opened[1], len(body), None)
    opened = None
    for mark, at, after in singles:
        if any(a <= at < b for a, b in double):
            continue
        before = body[at - 1] if at else " "
        next_ = body[after] if after < len(body) else " "
        if mark == "‘" and (before.isspace() or before in "([—–-") and not next_.isspace():
            opened = (at, after)
        elif mark == "’" and opened is not None and not next_.isalpha() and not before.isspace():
            yield from _spanned(body, opened[0], opened[1], at, after)
            opened = None


def _spanned(
    body: str, start: int, inner_start: int, inner_end: int, end: int | None
) -> Iterator[tuple[int, int, int, int]]:
    """A quote's span (``end`` ``None``: never closed, it ends with its words), with the spaces
    around its words left out."""
    inner = body[inner_start:inner_end]
    inner_end = inner_start + len(inner.rstrip())
    inner_start += len(inner) - len(inner.lstrip())
    if inner_end > inner_start:
        yield start, inner_end if end is None else end, inner_start, inner_end


_Found = tuple[DetailKind, str, str, int, int]
"""A mention in one sentence: kind, text, key and its span within the sentence."""


def _mentions(
    sentences: Sequence[Sentence],
    lower: frozenset[str],
    inner_caps: frozenset[str],
    seen: dict[str, list[_Found]] | None = None,
    lone: frozenset[str] = frozenset(),
) -> Iterator[_Mention]:
    """The names and numeric details of each sentence, in order.

    ``seen`` keeps what a sentence's text holds: the two articles of a pair (and long documents)
    share sentences word for word, and ``lower`` and ``inner_caps`` are the same for both.
    """
    seen = {} if seen is None else seen
    for s in sentences:
        if s.boilerplate:
            continue
        found = seen.get(s.text)
        if found is None:
            found = seen[s.text] = list(_sentence_mentions(s.text, lower, inner_caps, lone))
        for kind, text, key, lo, hi in found:
            yield _Mention(kind, text, key, s.index, s.start + lo, s.start + hi)


class _Taken:
    """The spans of a sentence that mentions have taken, which never overlap: kept in order, so
    that whether a span is free is one bisection (a 50,000-word sentence has thousands)."""

    def __init__(self) -> None:
        self._spans: list[tuple[int, int]] = []

    def free(self, lo: int, hi: int) -> bool:
        """Whether ``lo:hi`` overlaps no span taken (touching one is no overlap)."""
        # The spans starting before hi; as they do not overlap, the last of them ends last.
        k = bisect_left(self._spans, (hi, -1))
        return k == 0 or self._spans[k - 1][1] <= lo

    def add(self, lo: int, hi: int) -> None:
        """Take ``lo:hi``, a free span."""
        insort(self._spans, (lo, hi))


def _sentence_mentions(
    sentence: str, lower: frozenset[str], inner_caps: frozenset[str], lone: frozenset[str] = frozenset()
) -> Iterator[_Found]:
    taken = _Taken()
    free = taken.free
    for kind, pattern in _patterns_for(sentence):
        for m in pattern.finditer(sentence):
            part = "month" if pattern is _BARE_DATE and m.group("month") else 0
            lo, hi, text = m.start(part), m.end(part), m.group(part)
            if not free(lo, hi):
                continue
            taken.add(lo, hi)
            key = _number_key(text) if kind is DetailKind.NUMBER else fold(text).replace(" ", "")
            yield kind, text, key, lo, hi
    first = _first_word_offset(sentence)
    headline = _is_headline(sentence)
    for m in _NAME.finditer(sentence):
        pieces = _split_possessives(_pieces(m.group(0)), lone)
        for piece_offset, piece in pieces:
            start = m.start() + piece_offset
            for lo, found in _names_of_piece(piece, start, start == first, headline, lower, inner_caps):
                _, words, text, key = found
                hi = lo + len(text)
                # A lone word capitalised only because it starts the sentence is no name (a
                # dateline in capitals, "WASHINGTON -", is one).
                if (
                    lo == first
                    and len(words) == 1
                    and not (len(pieces) > 1 and " and " in m.group(0))  # "Seoul and Pyongyang have"
                    and (_fold_word(words[0]) in lower or words[0] not in inner_caps)
                    and not _dateline(sentence, words[0], hi)
                ):
                    continue
                if (
                    len(words) == 1
                    and _emphasis(words[0], lower)
                    and not (lo == first and _dateline(sentence, words[0], hi))
                ):
                    continue
                if not free(lo, hi) or (lo and sentence[lo - 1] in "@#"):  # no handles, no tags
                    continue
                if len(words) == 1 and (weekday := _misspelt_weekday(key)):
                    yield DetailKind.DATE, text, weekday, lo, hi
                else:
                    yield DetailKind.NAME, text, key, lo, hi


def _split_possessives(pieces: tuple[tuple[int, str], ...], lone: frozenset[str]) -> list[tuple[int, str]]:
    """``pieces`` cut after a possessive followed by one word that the articles write alone as
    a name elsewhere (Weiner's Twitter, Mitt Romney's Medicare); Martha's Vineyard stays one."""
    out: list[tuple[int, str]] = []
    for offset, piece in pieces:
        words = piece.split()
        if len(words) > 1 and _POSSESSIVE.search(words[-2]) and _POSSESSIVE.sub("", words[-1]) in lone:
            cut = piece.rindex(words[-1])
            out += [(offset, piece[:cut].rstrip()), (offset + cut, words[-1])]
        else:
            out.append((offset, piece))
    return out


SHOUTED = 7
"""A word in capitals this long is a shouted word (COLLUSION), not an acronym (NATO, UNICEF)."""


def _emphasis(word: str, lower: frozenset[str]) -> bool:
    """Whether a word in capitals is a common word shouted (NO COLLUSION), not an acronym: the
    articles write it in lower case too."""
    return (
        word.isupper()
        and word.isalpha()
        and (len(word) >= SHOUTED or (len(word) >= 4 and word.casefold() in lower))
    )


def _misspelt_weekday(key: str) -> str:
    """The weekday a capitalised word is a misspelling of (Wednedsay), or empty."""
    if len(key) < 6 or not key.endswith(("day", "sday", "ay")):
        return ""
    return next((day for day in _WEEKDAYS if key != day and _variant(key, day)), "")


def _names_of_piece(
    piece: str,
    start: int,
    at_first_word: bool,
    headline: bool,
    lower: frozenset[str],
    inner_caps: frozenset[str],
) -> Iterator[tuple[int, tuple[int, tuple[str, ...], str, str]]]:
    """The names in one piece of a run (``_pieces``) that starts at ``start`` in its sentence,
    each with where it starts in the sentence.

    A sentence's first word, capitalised only for that, is left out when the article uses it in
    lower case ("Following Romney's news conference" names Romney). In a headline every word is
    capitalised, so a piece there is cut into the words seen capitalised in the story's own
    sentences, two of them kept together only when the story writes them together.
    """
    found = _name_in(piece)
    if found is None:
        return
    offset, words, _, _ = found
    if at_first_word and offset == 0 and len(words) > 1 and _fold_word(words[0]) in lower:
        rest = piece.index(words[1], len(words[0]))
        yield from _names_of_piece(piece[rest:], start + rest, False, headline, lower, inner_caps)
        return
    if not headline:
        yield start + offset, found
        return
    for part_offset, part in _headline_parts(piece, lower, inner_caps):
        found = _name_in(part)
        if found is not None:
            yield start + part_offset + found[0], found


def _headline_parts(
    piece: str, lower: frozenset[str], inner_caps: frozenset[str]
) -> Iterator[tuple[int, str]]:
    """The parts of a headline's run that the story itself writes as names (see ``_names_of_piece``)."""
    part: list[tuple[int, str]] = []
    for m in _NON_SPACE.finditer(piece):
        word = m.group(0)
        bare = _POSSESSIVE.sub("", word).rstrip(".,:;")
        known = bare in inner_caps and _fold_word(bare) not in lower
        if part and (not known or f"{part[-1][1]} {bare}" not in inner_caps):
            yield part[0][0], piece[part[0][0] : part[-1][0] + len(part[-1][1])]
            part = []
        if known:
            part.append((m.start(), bare))
    if part:
        yield part[0][0], piece[part[0][0] : part[-1][0] + len(part[-1][1])]


def _dateline(sentence: str, word: str, end: int) -> bool:
    """Whether ``word``, ending at ``end``, is the place of a dateline ("WASHINGTON -")."""
    return len(word) > 1 and word.isupper() and sentence[end:].lstrip()[:1] in _DATELINE_MARKS


def _is_connector(word: str) -> bool:
    return _fold_word(word) in _CONNECTORS


def _is_headline(sentence: str) -> bool:
    """Whether a sentence is a title-case line: no closing stop, and most of its longer words
    that are not stopwords capitalised."""
    if sentence.rstrip().endswith((".", '"', "”", "'", "’")):
        return False
    stop = stopwords()
    words = [w for w in _LONG_WORD.findall(sentence) if _fold_word(w) not in stop]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= HEADLINE_CAPITALS * len(words)


@functools.lru_cache(maxsize=1 << 16)
def _pieces(run: str) -> tuple[tuple[int, str], ...]:
    """The parts of a run of capitalised words (``_NAME``) that may each be a name, with where
    they start in the run.

    A run is cut at "and" (Mitt Romney and Paul Ryan), but not where it names one body (House
    Oversight and Government Reform Committee; Department of Health and Human Services: after
    "of" or "for" unless what follows is a name of its own, Bank of America and General
    Electric). It is cut after a possessive (China's Xi Jinping), at titles and party members,
    which belong to no name (Oklahoma Gov. Mary Fallin names Oklahoma and Mary Fallin;
    Republican Pat Toomey), and at "of" after a person's name (Zoe Lofgren of California) or a
    party member (Democrat of Vermont). A word before a body's word is no title (Justice
    Department). What comes before a title is a name of its own unless it is a demonym (Japanese
    Prime Minister Shinzo Abe). A title followed by "of" names an office (Minister of Internal
    Affairs of Ukraine); after a one-word office (Secretary of State) the rest is a name of its
    own.
    """
    words = [(m.start(), m.group(0)) for m in _NON_SPACE.finditer(run)]
    folded_words = [_fold_word(w).rstrip(".") for _, w in words]
    names_a_body = folded_words[-1] in _BODY_WORDS
    pieces: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    k = 0
    while k < len(words):
        at, word = words[k]
        folded = folded_words[k]
        after_connector = bool(current) and _fold_word(current[-1][1]) in _CONNECTORS
        # inside a body's name that holds a connector (Office of Special Counsel)
        in_body = (
            bool(current)
            and _fold_word(current[0][1]).rstrip(".") in _BODY_WORDS
            and any(_fold_word(w) in _CONNECTORS for _, w in current)
        )
        if folded == "and":
            if not _joins_at_and(current, words[k + 1 :]):
                pieces.append(current)
                current = []
            else:
                current.append((at, word))
        elif (folded in ("of", "for") and _person_before(current) and k + 1 < len(words)) or (
            folded in _PARTY_WORDS and not names_a_body
        ):
            pieces.append(current)
            current = []
        elif _is_title(folded_words, k, after_connector or in_body):
            while current and _fold_word(current[-1][1]) in _TITLE_MODIFIERS:
                current.pop()
            if current and _fold_word(current[-1][1]).endswith(_DEMONYM_ENDINGS):
                current = []
            pieces.append(current)
            current = []
            if k + 2 < len(words) and folded_words[k + 1] == "of":
                office = [(at, word)]
                rest = words[k + 3 :]
                person = len(rest) >= 2 and not any(_is_connector(w) for _, w in rest)
                end = k + 3 if person else len(words)
                # ...up to an "and" that is not inside it (Secretary of Health and Human
                # Services is one office; President of France and Chancellor Scholz are two).
                for j in range(k + 2, end):
                    if folded_words[j] == "and" and not _joins_at_and(words[k:j], words[j + 1 : end]):
                        end = j
                        break
                office += words[k + 1 : end]
                pieces.append(office)
                k = end
                continue
        else:
            current.append((at, word))
            # "China's Xi Jinping": a possessive before a full name ends a name ("Martha's
            # Vineyard", "Attorney's Office" are one).
            full_name = k + 2 < len(words) and not any(_is_connector(w) for _, w in words[k + 1 : k + 3])
            if full_name and _POSSESSIVE.search(word):
                pieces.append(current)
                current = []
        k += 1
    pieces.append(current)
    return tuple((p[0][0], run[p[0][0] : p[-1][0] + len(p[-1][1])]) for p in pieces if p)


def _is_title(folded: Sequence[str], k: int, after_connector: bool) -> bool:
    """Whether the ``k``-th of a run's words (folded, without a final period) is a title that
    belongs to no name.

    An abbreviated one (Sen., Gov.) always is. A spelled-out one is not when it ends a body's
    name after "of" (Office of the President) or is more often a surname or a body's word when
    last (Martin Luther King, Attorney General), nor before a body's word (Justice Department,
    Intelligence Committee); "General" is one only after another title (Attorney General), not
    in General Electric.
    """
    word = folded[k]
    if word in _HONORIFICS:
        return True
    if word not in _TITLES:
        return False
    last = k == len(folded) - 1
    if last and (after_connector or word in _SURNAME_TITLES):
        return False
    if not last and folded[k + 1] in _BODY_WORDS:
        return False
    return word != "general" or (k > 0 and folded[k - 1] in _TITLES | _TITLE_MODIFIERS)


def _joins_at_and(before: Sequence[tuple[int, str]], after: Sequence[tuple[int, str]]) -> bool:
    """Whether "and" between ``before`` and ``after`` (words of one run) is inside one body's
    name: after "of" or "for" when what follows is one word or ends in a body's word (Department
    of Health and Human Services, Office of Management and Budget), or when what follows ends in
    a body's word that what comes before lacks (House Oversight and Government Reform Committee)."""
    if not before or not after:
        return False
    tail = [_fold_word(w).rstrip(".") for _, w in after]
    if (
        any(t in _CONNECTORS or t in _TITLES for t in tail)
        or _fold_word(before[-1][1]).rstrip(".") in _TITLES
    ):
        return False
    if any(_POSSESSIVE.search(w) for _, w in (*before, *after)):
        return False  # "China's and Russia's": two names
    if _fold_word(before[-1][1]) in stopwords() or _fold_word(after[0][1]) in stopwords():
        return False
    ends_in_body = tail[-1] in _BODY_WORDS
    if any(_fold_word(w) in _ORGANISATION_CONNECTORS for _, w in before):
        return len(tail) == 1 or ends_in_body
    return len(before) > 1 and ends_in_body and _fold_word(before[-1][1]).rstrip(".") not in _BODY_WORDS


def _person_before(words: Sequence[tuple[int, str]]) -> bool:
    """Whether ``words``, before "of" or "for" in a run, are a person's name (Rod R. Blagojevich,
    of Illinois) or a party member (Democrat of Vermont), not a body's name (Bank of America,
    Ministry of Foreign Affairs): two to four words, none a body's word, title or connector."""
    if len(words) == 1:
        return _fold_word(words[0][1]) in _PARTY_WORDS
    if not 2 <= len(words) <= 4:
        return False
    folded = [_fold_word(w).rstrip(".") for _, w in words]
    return not any(f in _BODY_WORDS or f in _CONNECTORS or f in _TITLES or f == "the" for f in folded)


def _patterns_for(sentence: str) -> tuple[tuple[DetailKind, re.Pattern[str]], ...]:
    """The ``_PATTERNS`` that may match in ``sentence``: without a digit only a bare weekday,
    and every weekday ends in "day" (most sentences have neither, and the regex costs more
    than the ``in``)."""
    if _DIGIT.search(sentence):
        return _PATTERNS
    return _PATTERNS_WITHOUT_DIGITS


@functools.lru_cache(maxsize=1 << 16)
def _name_in(run: str) -> tuple[int, tuple[str, ...], str, str] | None:
    """The name a run of capitalised words (``_NAME``) holds, wherever the run stands: where it
    starts in the run, its words, its text and its key; ``None`` when the run names no one.

    The same runs come back again and again in a long document ("Ukrainian President Volodymyr
    Zelenskyy"), so what only depends on the run is worked out once.
    """
    words = run.split()
    folded = [_fold_word(w) for w in words]
    skip = 0
    # Drop leading words capitalised only because they start the sentence, and stopwords.
    stop = stopwords()
    while skip < len(words) and (
        folded[skip].strip("'’") in stop
        or folded[skip].rstrip(".,") in _NOT_NAME_STARTS
        or folded[skip].startswith("i'")
        or folded[skip].rstrip(".") in _HONORIFICS
        or folded[skip].rstrip(".") in _MONTHS
        or folded[skip] in _WEEKDAYS
    ):
        skip += 1
    offset = 0
    for w in words[:skip]:
        offset = run.index(w, offset) + len(w)
    offset += len(run[offset:]) - len(run[offset:].lstrip())
    words = words[skip:]
    # "Bank of"; "the Supreme Court Tuesday"
    while words and (
        _fold_word(words[-1]) in _CONNECTORS
        or _fold_word(words[-1]) == "the"
        or _fold_word(words[-1]).rstrip(".") in _WEEKDAYS
        or (len(words) > 1 and _fold_word(words[-1]).rstrip(".") in _MONTHS)
        or (len(words) > 1 and _fold_word(words[-1]) in _PARTY_ADJECTIVES)  # Jackson's Congressional office
    ):
        words = words[:-1]
    # "the Democratic Senate primary" names the Senate
    if (
        len(words) == 2
        and _fold_word(words[0]) in _PARTY_ADJECTIVES
        and _fold_word(words[1]) in _LEGISLATURES
    ):
        offset = run.index(words[1], offset)
        words = words[1:]
    # The name itself: "Zelenskyy’s residence" names Zelenskyy.
    text = run[offset:]
    if words:
        text = text[: text.rindex(words[-1]) + len(words[-1])]
    text = _POSSESSIVE.sub("", _COMPOUND_TAIL.sub("", text).rstrip("."))
    # A state after a politician's party: "R-Calif." names California.
    party, _, place = text.partition("-")
    if party in ("D", "R", "I") and _name_key(place) in _PLACE_OF_FORM:
        offset += 2
        text = place
    if not words or len(text) < 2 or (len(words) == 1 and _no_name_alone(words[0])):
        return None
    key = _name_key(text)
    if not key or key in stop:
        return None
    return offset, tuple(words), text, key


def _no_name_alone(word: str) -> bool:
    """Whether a word alone names no one: a title, a point of the compass (the North), a party's
    adjective (Democratic) or a capitalised adjective (Congressional, Obstructionist)."""
    folded = _fold_word(word).rstrip(".")
    return (
        folded in _TITLES
        or folded in _COMPASS
        or folded in _PARTY_ADJECTIVES
        or folded in _NAME_SUFFIXES
        or folded in _CORPORATE_SUFFIXES
        or bool(_PLURAL_ACRONYM.match(word))
        or (not word.isupper() and folded.endswith(_ADJECTIVE_ENDINGS) and folded not in _PLACE_OF_FORM)
    )


def _inner_capitals(texts: Sequence[str]) -> frozenset[str]:
    """Capitalised words seen somewhere other than at the start of a sentence, and two such
    words written one after the other ("Paul Ryan", with a space), outside headlines;
    possessives left off too."""
    found: set[str] = set()
    for text in texts:
        if _is_headline(text):
            continue
        first = _first_word_offset(text)
        previous = None
        for m in _CAPITALISED.finditer(text):
            word = m.group(0)
            if m.start() != first:
                found.add(word)
                found.add(_POSSESSIVE.sub("", word))
            if previous is not None and text[previous.end() : m.start()].isspace():
                found.add(f"{_POSSESSIVE.sub('', previous.group(0))} {_POSSESSIVE.sub('', word)}")
            previous = m
    return frozenset(found)


def _first_word_offset(text: str) -> int:
    match = _WORD_CHARACTER.search(text)
    return match.start() if match else 0


def _same_name(x: str, y: str) -> bool:
    """One name spelt two ways, or one a part of the other (Peskov / Dmitry Peskov; Jong-un /
    Kim Jong Un, hyphenated words apart when both names have two words or more that way)."""
    if x == y:
        return True
    if _same_words(_name_words(x.split()), _name_words(y.split())):
        return True
    if "-" not in x and "-" not in y:
        return False
    xs, ys = _name_words(_NAME_SPLIT.split(x)), _name_words(_NAME_SPLIT.split(y))
    return len(xs) > 1 and len(ys) > 1 and _same_words(xs, ys)


def _same_words(xs: list[str], ys: list[str]) -> bool:
    if len(xs) == len(ys):
        return all(_same_word(w, v) for w, v in zip(xs, ys, strict=True))
    short, long_ = (xs, ys) if len(xs) < len(ys) else (ys, xs)
    if any(w in _CONNECTORS for w in long_) and not (
        short[0] in _LEGISLATURES and long_[:2] == [short[0], "of"]
    ):
        return False  # "Ukraine" is not "Internal Affairs of Ukraine"
    # A company by its name alone (Wal-Mart / Wal-Mart Stores Inc.).
    stem = list(long_)
    while len(stem) > len(short) and stem[-1] in _GENERIC_TAILS:
        stem.pop()
    if len(stem) == len(short) and all(_same_word(w, v) for w, v in zip(short, stem, strict=True)):
        return True
    # A shorter mention is the same name when it is the longer one's surname (or its end), a
    # generation's suffix aside when it is one word (Biden / Joseph R. Biden Jr.); a body's word
    # alone is no surname (House / White House).
    # A body with and without its country or state (U.S. Constitution / Constitution), a house
    # by its name in full (House of Representatives / House).
    for k in (1, 2):
        if len(long_) - k == len(short) and " ".join(long_[:k]) in _PLACE_OF_FORM and long_[k:] == short:
            return True
    if len(short) == 1 and short[0] in _LEGISLATURES and long_[:2] == [short[0], "of"]:
        return True
    if len(short) == 1 and len(long_) > 2 and long_[-1] in _NAME_SUFFIXES:
        long_ = long_[:-1]
    if long_[-1] in _BODY_WORDS and len(short) == 1:
        return False
    return all(_same_word(w, v) for w, v in zip(short, long_[-len(short) :], strict=True))


def _name_words(words: list[str]) -> list[str]:
    """The words of a name without middle initials (Paul D. Ryan / Paul Ryan)."""
    if len(words) > 2:
        return [w for w in words if len(w) > 1] or words
    return words


@functools.lru_cache(maxsize=1 << 16)
def _initials(key: str) -> frozenset[str]:
    """The acronyms a name of several words may have, with and without the letters of "of" and
    the like (Korean Central News Agency: kcna; Department of Justice: doj or dj)."""
    words = [w for w in _NAME_SPLIT.split(key) if w and w != "the"]
    if len(words) < 2:
        return frozenset()
    without = [w for w in words if w not in _CONNECTORS]
    return frozenset({"".join(w[0] for w in words), "".join(w[0] for w in without)})


@functools.lru_cache(maxsize=1 << 16)
def _acronym(text: str) -> str:
    """The acronym a mention is written as (CIA, U.S.), folded; empty when it is none."""
    letters = text.replace(".", "")
    return letters.casefold() if 2 <= len(letters) <= 6 and letters.isupper() and letters.isalpha() else ""


@functools.lru_cache(maxsize=1 << 16)
def _same_word(w: str, v: str) -> bool:
    if w == v:
        return True
    return _may_vary(w, v) and difflib.SequenceMatcher(None, w, v, autojunk=False).ratio() >= NAME_VARIANT


def _variant(w: str, v: str) -> bool:
    """``_same_word(w, v) or _same_word(v, w)``."""
    return spelling_variant(w, v, NAME_VARIANT)


def _may_vary(w: str, v: str) -> bool:
    return min(len(w), len(v)) >= MIN_VARIANT_LETTERS and letters_agree(w, v, NAME_VARIANT)


class _LastWords:
    """Last words of names as bits of a few ints, so that a word meets only the words that could
    be a spelling variant of it.

    A spelling variant shares most of its letter pairs (``_min_shared_bigrams``) and most of its
    letters (``normalize.letter_masks_agree``); so a word is only ever checked against words that
    share enough of both. Each word of five letters or more has a bit; an int per letter pair,
    per letter and per (length, repeated letters) holds the bits of the words with it. Adding
    up the ints of a query's letter pairs (and of its letters) bit by bit counts, for every
    word at once, how many it shares: a few dozen operations on ints of a few thousand bits, where
    counting word by word met a third of all words per query in a long document.

    What ``variants`` finds is kept until a new word comes: given every last word of both
    articles up front, a word's variants are looked for once in a comparison, whichever index
    asks.
    """

    def __init__(self, words: Iterable[str] = ()) -> None:
        self._words: set[str] = set()
        self._indexed: list[str] = []
        """Words of at least five letters, by their bit."""
        self._with_bigram: dict[str, int] = {}
        self._with_letter: dict[str, int] = {}
        self._by_repeats: dict[int, dict[int, int]] = {}
        """By length, then by how many of the word's letters repeat one before it."""
        self._of_length: dict[int, int] = {}
        self._variants: dict[str, list[str]] = {}
        """The words each queried word matches; emptied when a new word comes."""
        self._by_thresholds: dict[tuple[int, int, int], tuple[_Thresholds, _Thresholds]] = {}
        """``_thresholds`` found; emptied when a new word comes."""
        for word in words:
            self.add(word)

    def add(self, word: str) -> None:
        if word in self._words:
            return
        self._words.add(word)
        self._variants.clear()
        self._by_thresholds.clear()
        if len(word) >= MIN_VARIANT_LETTERS:
            bit = 1 << len(self._indexed)
            self._indexed.append(word)
            for bigram in set(_bigrams(word)):
                self._with_bigram[bigram] = self._with_bigram.get(bigram, 0) | bit
            letters = set(word)
            for letter in letters:
                self._with_letter[letter] = self._with_letter.get(letter, 0) | bit
            by_repeats = self._by_repeats.setdefault(len(word), {})
            repeats = len(word) - len(letters)
            by_repeats[repeats] = by_repeats.get(repeats, 0) | bit
            self._of_length[len(word)] = self._of_length.get(len(word), 0) | bit

    def variants(self, last: str) -> list[str]:
        """The words that are ``last`` or a spelling variant of it, sorted."""
        found = self._variants.get(last)
        if found is None:
            found = self._variants[last] = [w for w in self.candidates(last) if _variant(last, w)]
        return found

    def candidates(self, last: str) -> list[str]:
        """``last`` if known, and the words of lengths it may agree with that share at least
        ``_min_shared_bigrams`` letter pairs with it and enough letters for
        ``normalize.letter_masks_agree``; sorted. A superset of its spelling variants."""
        words = {last} if last in self._words else set()
        if len(last) >= MIN_VARIANT_LETTERS:
            bits = self._sharing(last)
            while bits:
                lowest = bits & -bits
                words.add(self._indexed[lowest.bit_length() - 1])
                bits ^= lowest
        return sorted(words)

    def _sharing(self, last: str) -> int:
        """The bits of ``candidates(last)`` (``last`` aside, when it has no bit)."""
        bigrams = set(_bigrams(last))
        letters = set(last)
        by_bigrams, by_letters = self._thresholds(last, len(bigrams), len(letters))
        counts = _bit_counts(self._with_bigram.get(bigram, 0) for bigram in bigrams)
        sharing = 0
        for need, bits in by_bigrams:
            sharing |= _at_least(counts, need, bits)
        found = 0
        if sharing:
            counts = _bit_counts(self._with_letter.get(letter, 0) for letter in letters)
            for need, bits in by_letters:
                if bits := bits & sharing:
                    found |= _at_least(counts, need, bits)
        return found

    def _thresholds(self, last: str, bigrams: int, letters: int) -> tuple[_Thresholds, _Thresholds]:
        """The words of the lengths ``last`` may agree with, grouped by the letter pairs they
        must share with it, then by the letters; the same for every word of the same length and
        as many distinct letter pairs and letters (``bigrams`` and ``letters``), so kept."""
        key = (len(last), bigrams, letters)
        found = self._by_thresholds.get(key)
        if found is None:
            by_bigrams: dict[int, int] = {}
            by_letters: dict[int, int] = {}
            for length in _variant_lengths(len(last)):
                if of_length := self._of_length.get(length, 0):
                    need = _min_shared_bigrams(last, length)
                    by_bigrams[need] = by_bigrams.get(need, 0) | of_length
                for repeats, bits in self._by_repeats.get(length, {}).items():
                    need = min_shared_letters(
                        len(last) + length, min(len(last) - letters, repeats), NAME_VARIANT
                    )
                    by_letters[need] = by_letters.get(need, 0) | bits
            found = self._by_thresholds[key] = (list(by_bigrams.items()), list(by_letters.items()))
        return found


_Thresholds = list[tuple[int, int]]
"""(how many a word must share, the bits of the words that must share that many)."""


def _bit_counts(sets: Iterable[int]) -> list[int]:
    """How many of ``sets`` (ints as sets of bits) hold each bit, written in binary across the
    returned ints: bit ``b`` of the ``k``-th int is bit ``k`` of the count for ``b``."""
    digits: list[int] = []
    for bits in sets:
        k = 0
        while bits:
            if k == len(digits):
                digits.append(bits)
                break
            digits[k], bits = digits[k] ^ bits, digits[k] & bits
            k += 1
    return digits


def _at_least(digits: list[int], need: int, within: int) -> int:
    """The bits of ``within`` whose count in ``digits`` (``_bit_counts``) is ``need`` or more."""
    if need >= 1 << len(digits):
        return 0
    more, equal = 0, within
    for k in reversed(range(len(digits))):
        if need >> k & 1:
            equal &= digits[k]
        else:
            more |= equal & digits[k]
            equal &= ~digits[k]
    return more | equal


def _last_word(key: str) -> str:
    """The word a name is indexed by: its last, a generation's or company's suffix aside
    (Joseph R. Biden Jr. by Biden, Wal-Mart Stores Inc. by Wal-Mart)."""
    words = _NAME_SPLIT.split(key)
    while len(words) > 1 and (words[-1] in _NAME_SUFFIXES or words[-1] in _GENERIC_TAILS):
        words.pop()
    return words[-1]


class _NameIndex:
    """Name keys by their last word, so a name meets only names that could be the same one.

    ``_same_name`` needs the last words to be one word (equal or a spelling variant): a key is
    only ever checked against keys whose last word ``_LastWords`` finds for its own. ``words``
    may hold more words than this index (the last words of both articles, shared by all indexes).
    """

    def __init__(self, words: _LastWords | None = None) -> None:
        self._by_last: dict[str, list[tuple[int, str]]] = {}
        self._words = _LastWords() if words is None else words

    def add(self, key: str, group: int) -> None:
        last = _last_word(key)
        self._words.add(last)
        self._by_last.setdefault(last, []).append((group, key))

    def matches(self, key: str) -> Iterator[tuple[int, str]]:
        """The (group, key) entries whose key may be ``_same_name`` as ``key``; a superset."""
        for word in self._words.variants(_last_word(key)):
            yield from self._by_last.get(word, ())


@functools.cache
def _variant_lengths(length: int) -> range:
    """Lengths a word can have and still agree NAME_VARIANT with one of ``length`` letters."""
    # 2 * min / (sum) >= NAME_VARIANT is necessary, since at most min letters can match.
    lo = next(m for m in range(5, length + 1) if 2 * m >= NAME_VARIANT * (m + length) - 1e-9)
    hi = length
    while 2 * length >= NAME_VARIANT * (hi + 1 + length) - 1e-9:
        hi += 1
    return range(lo, hi + 1)


def _bigrams(word: str) -> list[str]:
    return [word[k : k + 2] for k in range(len(word) - 1)]


@functools.lru_cache(maxsize=1 << 16)
def _min_shared_bigrams(word: str, other_length: int) -> int:
    """Distinct letter pairs two words must share to agree NAME_VARIANT (difflib ratio).

    A ratio r means at least r(|w|+|v|)/2 letters match, in blocks, so at most
    |w|+|v| - 2 ceil(r(|w|+|v|)/2) letters of the two words are unmatched, and each break between blocks needs
    one. Within either word, the letter pairs inside a block are shared: at least
    ``len - 1 - 2 * unmatched`` of them, less the pairs the word repeats.
    """
    total = len(word) + other_length
    edits = total - 2 * math.ceil(NAME_VARIANT * total / 2 - 1e-9)
    repeats = len(word) - 1 - len(set(_bigrams(word)))
    return max(1, len(word) - 1 - 2 * edits - repeats)


def _group(mentions: list[_Mention], words: _LastWords | None = None) -> list[list[_Mention]]:
    """One group per distinct detail of one article, in order of first mention."""
    groups: list[list[_Mention]] = []
    by_key: dict[tuple[DetailKind, str], int] = {}
    names = _NameIndex(words)
    full_names: dict[int, list[str]] = {}
    for m in mentions:
        found = by_key.get((m.kind, m.key))
        # The first group (in order) whose head is the same name: heads are what is indexed. A
        # key that started a group was checked against every group before it then, so that
        # group is still the first.
        if m.kind is DetailKind.NAME and found is None:
            for group, head in names.matches(m.key):
                if (
                    (found is None or group < found)
                    and _same_name(head, m.key)
                    and _may_join(m.key, full_names.get(group, ()), len(groups[group]))
                ):
                    found = group
        if found is None:
            found = len(groups)
            groups.append([])
            by_key[(m.kind, m.key)] = found
            if m.kind is DetailKind.NAME:
                names.add(m.key, found)
        if m.kind is DetailKind.NAME and _is_full_name(m.key):
            full_names.setdefault(found, []).append(m.key)
        groups[found].append(m)
    return groups


SURNAME_ONLY_MENTIONS = 5
"""A full name whose surname an article has already used this often alone, without a full name,
is another person of that family (Trump ... Melania Trump), not the one first named."""


@functools.lru_cache(maxsize=1 << 16)
def _is_full_name(key: str) -> bool:
    """Whether a name key is a person's full name: two to four words, the last no body's word."""
    words = key.split()
    return 2 <= len(words) <= 4 and words[-1] not in _BODY_WORDS and not any(w in _CONNECTORS for w in words)


def _may_join(key: str, full_names: Sequence[str], mentions: int) -> bool:
    """Whether a name may join a group of the same surname: a full name only a group whose full
    names are its own (Hillary Clinton is not Bill Clinton) and, without any, whose surname was
    not already used alone ``SURNAME_ONLY_MENTIONS`` times."""
    if not _is_full_name(key):
        return True
    if full_names:
        return any(
            _same_initials(f, key) or (len(f.split()) == len(key.split()) and _same_name(f, key))
            for f in full_names
        )
    return mentions < SURNAME_ONLY_MENTIONS


def _same_initials(x: str, y: str) -> bool:
    """Two full names of one person with and without a middle name (Paul D. Ryan / Paul Ryan)."""
    xs, ys = _name_words(x.split()), _name_words(y.split())
    return xs[0] == ys[0] and xs[-1] == ys[-1]


def _same_person(x: str, y: str, suffix_aside: bool = False) -> bool:
    """Two full names that may be one person's: with and without a middle name, or a first name
    and its short form (Michael / Mike Elliott: the same surname, first names that begin alike);
    with ``suffix_aside``, also with and without a generation's suffix (Theodore Boutrous Jr. /
    Theodore Boutrous), which otherwise tells a son from his father."""
    if not (_is_full_name(x) and _is_full_name(y)):
        return False
    xs, ys = _name_words(x.split()), _name_words(y.split())
    if (xs[-1] in _NAME_SUFFIXES) != (ys[-1] in _NAME_SUFFIXES):
        if not suffix_aside:
            return False  # Donald Trump Jr. is not Donald Trump
        xs, ys = [w for w in xs if w not in _NAME_SUFFIXES], [w for w in ys if w not in _NAME_SUFFIXES]
    return _same_word(xs[-1], ys[-1]) and xs[0][:2] == ys[0][:2]


@functools.lru_cache(maxsize=1 << 12)
def _bag(text: str) -> frozenset[str]:
    """The content stems of a quote. Each quote's bag is asked for twice (indexed for the other
    article, then checked against it), and long documents repeat quotes word for word."""
    return frozenset(t.stem for t in tokenize(text) if t.content)


def _name_forms() -> dict[str, str]:
    """Each form of a place in ``data/name_forms.txt`` (as a name key) and the place it names."""
    text = resources.files("comparer.core").joinpath("data/name_forms.txt").read_text("utf-8")
    place_of: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        forms = [_name_key(form) for form in line.split("|")]
        for form in forms:
            place_of.setdefault(form, forms[0])
    return place_of


_PLACE_OF_FORM = _name_forms()


_BODY_OF = re.compile(
    r"^(\w+) (department|ministry|office|bureau)$|^(department|ministry|office|bureau) of (\w+)$"
)


def _body_of(key: str) -> str:
    """The other way of writing a body's name (Justice Department / Department of Justice);
    empty when there is none."""
    m = _BODY_OF.match(key)
    if m is None:
        return ""
    return f"{m[2]} of {m[1]}" if m[1] else f"{m[4]} {m[3]}"


def _folded_words(sentences: Sequence[Sentence]) -> list[str]:
    """An article's words folded, in order: where to look for a name of several words the
    article writes in lower case ("the president's intelligence advisory board")."""
    return _WORD.findall(fold("\n".join(s.text for s in sentences if not s.boilerplate)))


class _WordRuns:
    """Whether words run one after the other in an article: each pair of neighbouring words with
    the places it starts at, so that a run is looked for only where its first two words are."""

    def __init__(self, words: list[str]) -> None:
        self._words = words
        self._starts: dict[tuple[str, str], list[int]] = {}
        for k, pair in enumerate(itertools.pairwise(words)):
            self._starts.setdefault(pair, []).append(k)

    def __contains__(self, run: str) -> bool:
        """Whether ``run``, words one space apart, is written in the article word for word."""
        words = run.split(" ")
        if len(words) < 2:
            return run in self._words
        return any(
            self._words[k : k + len(words)] == words for k in self._starts.get((words[0], words[1]), ())
        )


def _written_names(sentences: Sequence[Sentence]) -> frozenset[str]:
    """The keys of the words an article writes at the start of a run of capitalised words, alone
    and with the words after them (not before a body's word: "Washington" is not written in
    "Washington Post"), and of every piece of such a run: what a name of the other article may be
    found as when this article's rules cut it otherwise."""
    found: set[str] = set()
    for s in sentences:
        if not s.boilerplate:
            found |= _written_in(s.text)
    found.discard("")
    return frozenset(found)


@functools.lru_cache(maxsize=1 << 16)
def _written_in(sentence: str) -> frozenset[str]:
    """``_written_names`` of one sentence (the two articles of a pair share sentences)."""
    found: set[str] = set()
    for m in _NAME.finditer(sentence):
        for _, piece in (*_pieces(m.group(0)), (0, m.group(0))):
            words = piece.split()
            folded = [_fold_word(w).rstrip(".,;:") for w in words]
            for n in range(1, min(len(words), 5) + 1):
                if folded[n - 1] in _CONNECTORS or (n < len(words) and folded[n] in _BODY_WORDS):
                    continue
                found.add(_name_key(" ".join(words[:n])))
    return frozenset(found)


class _OtherSide:
    """What deciding "shared" needs of the other article, indexed once for all details."""

    def __init__(
        self,
        groups: list[list[_Mention]],
        profiles: Sequence[Profile | None],
        weights: Weights,
        words: _LastWords | None = None,
        sentences: Sequence[Sentence] = (),
    ) -> None:
        self.weights = weights
        self.written = _written_names(sentences)
        """The other article's capitalised words and runs, as name keys (``_written_names``)."""
        quote_groups = [g for g in groups if g[0].kind is DetailKind.QUOTE]
        self.quoted = {m.sentence for g in quote_groups for m in g}
        self.quoted |= {s for g in quote_groups for s in _sentences_in(g[0])}
        # Every bag a quote may be found in: the other article's sentences, then its quotes.
        self.quote_bags = [_bag(g[0].text) for g in quote_groups]
        self.quote_totals = [weights.total(bag) for bag in self.quote_bags]
        cores = [
            _part_core(bag, total, weights)
            for bag, total in zip(self.quote_bags, self.quote_totals, strict=True)
        ]
        self.quotes_of_core_stem = _postings(cores)
        self.quotes_of_stem = _postings(self.quote_bags)
        self.quote_keys = {m.key for g in quote_groups for m in g}
        self.bag_of_sentence = {k: p.bag for k, p in enumerate(profiles) if p is not None}
        self.quotes_in_sentence: dict[int, list[frozenset[str]]] = {}
        for g in quote_groups:
            for m in g:
                for k in _sentences_in(m):
                    self.quotes_in_sentence.setdefault(k, []).append(_bag(m.text))
        self.bags = [p.bag for p in profiles if p is not None]
        self.bags += self.quote_bags
        self.bags_of_stem = _postings(self.bags)
        self.names = _NameIndex(words)
        self.keys: dict[DetailKind, set[str]] = {}
        self.dates: list[_DateParts] = []
        self.amounts: set[tuple[frozenset[str], frozenset[str]]] = set()
        self.numbers: dict[DetailKind, set[str]] = {}
        named: set[str] = set()
        self.acronyms: set[str] = set()
        self.initials: set[str] = set()
        self.places: set[str] = set()
        """The places the other article names in any of their forms (``data/name_forms.txt``)."""
        self._sentences = sentences
        self._groups = groups
        self.full_names: dict[str, list[str]] = {}
        """The other article's full names of people by their last word."""
        for written in self.written:
            if place := _PLACE_OF_FORM.get(written):
                self.places.add(place)
        for k, group in enumerate(groups):
            kind = group[0].kind
            if kind is DetailKind.NAME:
                for key in {m.key for m in group}:
                    if place := _PLACE_OF_FORM.get(key):
                        self.places.add(place)
                    if _is_full_name(key):
                        self.full_names.setdefault(_last_word(key), []).append(key)
                for m in group:
                    self.acronyms.add(_acronym(m.text))
                    self.initials |= _initials(m.key)
                # Each spelling once: ``has`` asks whether any is the same name, never which.
                for key in dict.fromkeys(m.key for m in group):
                    if key not in named:
                        self.names.add(key, k)
                        named.add(key)
            elif kind is not DetailKind.QUOTE:
                self.keys.setdefault(kind, set()).add(group[0].key)
                self.numbers.setdefault(kind, set()).update(_numbers_of(group[0].key))
                if kind is DetailKind.DATE:
                    self.dates.append(_date_parts(group[0].text))
                elif kind is DetailKind.QUANTITY:
                    self.amounts.add(_amount(group[0].text))
        self.acronyms.discard("")

    def has(
        self, group: list[_Mention], partners: Mapping[int, Sequence[int]], surname_taken: bool = False
    ) -> bool:
        """Whether the other article has this detail too. ``surname_taken``: a name whose
        article gives its surname to someone named before (Melania Trump after President Trump),
        so the surname alone in the other article is not this one."""
        head = group[0]
        if head.kind is DetailKind.QUOTE:
            return self._has_quote(head, partners)
        if head.kind is DetailKind.NAME:
            return self._has_name(group, surname_taken)
        if head.key in self.keys.get(head.kind, set()):
            return True
        if head.kind is DetailKind.DATE:
            mine = _date_parts(head.text)
            return any(_same_date(mine, theirs) for theirs in self.dates)
        if head.kind is DetailKind.QUANTITY:
            return _amount(head.text) in self.amounts
        if head.kind is DetailKind.NUMBER:
            return head.key in self.numbers.get(DetailKind.NUMBER, set())
        return bool(_numbers_of(head.key) & self.numbers.get(head.kind, set()))

    # What only some details need is worked out the first time one does (most names are found by
    # name; only details the other article lacks need evidence).

    @functools.cached_property
    def folded_runs(self) -> _WordRuns:
        """The other article's words in lower case, in order (its intelligence advisory board)."""
        return _WordRuns(_folded_words(self._sentences))

    @functools.cached_property
    def sentences(self) -> dict[int, Sentence]:
        return {s.index: s for s in self._sentences if not s.boilerplate}

    @functools.cached_property
    def sentences_of_stem(self) -> dict[str, list[int]]:
        """The other article's sentences by each of their content stems."""
        return _postings_by_key(self.bag_of_sentence)

    @functools.cached_property
    def names_by_word(self) -> dict[str, list[_Mention]]:
        """The other article's name mentions by each of their words."""
        found: dict[str, list[_Mention]] = {}
        for m in self._mentions(DetailKind.NAME):
            for word in set(m.key.split()):
                found.setdefault(word, []).append(m)
        return found

    @functools.cached_property
    def figures(self) -> list[tuple[_Mention, float, frozenset[str]]]:
        """The other article's numbers and quantities: mention, value and units."""
        return [
            (m, value, _amount(m.text)[1])
            for m in self._mentions(*_NUMERIC)
            if (value := _value(m.text)) is not None
        ]

    @functools.cached_property
    def dated(self) -> list[tuple[_Mention, _DateParts]]:
        """The other article's dates and what each says."""
        return [(m, _date_parts(m.text)) for m in self._mentions(DetailKind.DATE)]

    def _mentions(self, *kinds: DetailKind) -> list[_Mention]:
        return [m for group in self._groups if group[0].kind in kinds for m in group]

    def nearest(self, group: list[_Mention]) -> Nearest | None:
        """Where this article comes closest to a detail it lacks (see ``Nearest``), if anywhere."""
        head = group[0]
        if head.kind is DetailKind.NAME:
            return self._nearest_name(group)
        if head.kind in _NUMERIC:
            return self._nearest_figure(head)
        if head.kind is DetailKind.DATE:
            return self._nearest_date(head)
        if head.kind is DetailKind.QUOTE:
            return self._nearest_quote(head)
        return None

    def _nearest_name(self, group: list[_Mention]) -> Nearest | None:
        """The first mention of a name sharing the most words with this one (a surname alone, a
        first name, another person of the family)."""
        mine = {
            w
            for m in group
            for w in m.key.split()
            if len(w) > 1
            and w not in _CONNECTORS
            and w not in _TITLES
            and w not in _BODY_WORDS
            and w not in _GENERIC_NAME_WORDS
        }
        best: tuple[int, int, str, _Mention] | None = None
        for word in sorted(mine):
            for m in self.names_by_word.get(word, ()):
                shared = len(mine & set(m.key.split()))
                if best is None or (shared, -m.start) > (best[0], best[1]):
                    best = (shared, -m.start, word, m)
        if best is None:
            return None
        m = best[3]
        return Nearest(
            m.sentence, m.start, m.end, m.text, f"the same word “{_word_as_written(m.text, best[2])}”"
        )

    @functools.cached_property
    def figures_by_value(self) -> tuple[list[float], list[int]]:
        """The positions in ``figures`` in order of value, and their values: the figures near
        one value are a slice (long documents have thousands)."""
        order = sorted(range(len(self.figures)), key=lambda k: self.figures[k][1])
        return [self.figures[k][1] for k in order], order

    def _nearest_figure(self, head: _Mention) -> Nearest | None:
        """The closest figure within ``NEAREST_FIGURE`` of this one (1.5 million / 1.6 million),
        or the same figure in another unit."""
        value = _value(head.text)
        if value is None:
            return None
        units = _amount(head.text)[1] if head.kind is DetailKind.QUANTITY else frozenset()
        if math.isfinite(value):
            # A figure within NEAREST_FIGURE of the larger of the two is within this radius of
            # this one (widened a little for rounding); ``close`` below decides.
            radius = NEAREST_FIGURE * max(abs(value), 1e-9) / (1 - NEAREST_FIGURE) * 1.000001 + 1e-12
            values, order = self.figures_by_value
            near = order[bisect_left(values, value - radius) : bisect_right(values, value + radius)]
            candidates = [self.figures[k] for k in sorted(near)]
        else:
            candidates = self.figures
        best: tuple[float, int, _Mention] | None = None
        for m, theirs, their_units in candidates:
            if theirs == value and their_units == units:
                continue
            gap = abs(theirs - value) / max(abs(theirs), abs(value), 1e-9)
            close = (gap <= NEAREST_FIGURE and their_units == units) or gap == 0
            if close and (best is None or (gap, m.start) < (best[0], best[1])):
                best = (gap, m.start, m)
        if best is None:
            return None
        m = best[2]
        why = "the same figure in other units" if best[0] == 0 else "a figure close to it"
        return Nearest(m.sentence, m.start, m.end, m.text, why)

    def _nearest_date(self, head: _Mention) -> Nearest | None:
        """The first date of the same month, or failing that of the same year."""
        mine = _date_parts(head.text)
        if mine.named is not None:
            return None
        if mine.month is not None:
            for m, theirs in self.dated:
                if theirs.month == mine.month:
                    return Nearest(m.sentence, m.start, m.end, m.text, "the same month")
        if mine.year is not None:
            for m, theirs in self.dated:
                if theirs.year == mine.year:
                    return Nearest(m.sentence, m.start, m.end, m.text, "the same year")
        return None

    def _nearest_quote(self, head: _Mention) -> Nearest | None:
        """The sentence holding the most of this quote's words (by rarity weight), at least
        ``NEAREST_QUOTE_SHARE`` of them."""
        quote = _bag(head.text)
        total = self.weights.total(quote)
        if total <= 0:
            return None
        heaviest, _ = _heaviest(quote, self.weights, lambda rest: rest / total < NEAREST_QUOTE_SHARE)
        candidates = {k for stem in heaviest for k in self.sentences_of_stem.get(stem, ())}
        best: tuple[float, int] | None = None
        for k in sorted(candidates):
            share = self.weights.total(quote & self.bag_of_sentence[k]) / total
            if share >= NEAREST_QUOTE_SHARE and (best is None or share > best[0]):
                best = (share, k)
        if best is None:
            return None
        s = self.sentences[best[1]]
        return Nearest(s.index, s.start, s.end, s.text, f"{round(100 * best[0])}% of its words")

    def _has_name(self, group: list[_Mention], surname_taken: bool) -> bool:
        """Whether the other article names this one: by the same name or a part of it (the
        surname alone, unless the other article gives that surname to someone else: Melania
        Trump / Donald Trump), its acronym, another form of a place (U.S. / America, France /
        French, California / Calif.), the family name alone of a name written family name first
        (Kim Jong Un / Kim), or the same words at the start of a longer run (Senate / Senate
        Foreign Relations Committee)."""
        spellings = dict.fromkeys(m.key for m in group)  # each once, in order
        for mine in spellings:
            for _, theirs in self.names.matches(mine):
                surname_only = " " not in theirs and " " in mine
                if surname_only and (surname_taken or self._someone_else(mine, theirs)):
                    continue
                if _same_name(mine, theirs) or _same_person(mine, theirs, not surname_taken):
                    return True
            surname = _last_word(mine)
            if (
                _is_full_name(mine)
                and not surname_taken
                and surname in self.written
                and not self._someone_else(mine, surname)
            ):
                return True
        # An organisation by its full name on one side and its acronym on the other.
        if any(
            (len(_acronym(m.text)) > 2 and _acronym(m.text) in self.initials)
            or any(len(i) > 2 for i in _initials(m.key) & self.acronyms)
            for m in group
        ):
            return True
        for mine in spellings:
            place = _PLACE_OF_FORM.get(mine)
            if place is not None and place in self.places:
                return True
            if mine in self.written or (_body_of(mine) or mine) in self.written:
                return True
            if " " in mine and mine in self.folded_runs:
                return True
        return False

    def _someone_else(self, mine: str, theirs: str) -> bool:
        """Whether ``theirs``, a part of the full name ``mine``, is another person's name in the
        other article: it gives the surname only to full names that are not ``mine``."""
        if not _is_full_name(mine) or len(theirs.split()) >= len(mine.split()):
            return False
        full_names = self.full_names.get(_last_word(mine), [])
        return bool(full_names) and not any(
            _same_person(f, mine, suffix_aside=True) or _same_name(f, mine) for f in full_names
        )

    def _has_quote(self, head: _Mention, partners: Mapping[int, Sequence[int]]) -> bool:
        """Whether the other article quotes this too: a quote of it holds a part of this one, or
        the alignment linked this quote's sentence to one the other article quotes in and that
        holds ``QUOTE_LINKED_SHARE`` of its words (the same words in another translation or
        paraphrase; a linked sentence quoting something else is no evidence), or one of its
        sentences or quotes holds ``QUOTE_SHARED`` of them where the quote has enough words
        for a share to say something (``QUOTE_MIN_STEMS``)."""
        if head.key in self.quote_keys:  # the same words quoted
            return True
        quote = _bag(head.text)
        total = self.weights.total(quote)
        if total <= 0:
            return False
        if self._quotes_a_part_of(quote) or self._is_a_part_of_a_quote(quote, total):
            return True
        linked = {j for i in _sentences_in(head) for j in partners.get(i, ()) if j in self.quoted}
        for j in linked:
            bags = [self.bag_of_sentence.get(j, frozenset()), *self.quotes_in_sentence.get(j, ())]
            if any(self.weights.total(quote & bag) >= QUOTE_LINKED_SHARE * total for bag in bags):
                return True
        return len(quote) >= QUOTE_MIN_STEMS and self._holds_a_share_of(quote, total)

    def _is_a_part_of_a_quote(self, quote: frozenset[str], total: float) -> bool:
        """Whether a quote of the other article holds ``QUOTE_PART`` of this one's words: the other
        article quotes the same words at greater length. Only quotes holding one of its heaviest
        stems can (see ``_heaviest``)."""
        heaviest, _ = _heaviest(quote, self.weights, lambda rest: rest / total < QUOTE_PART)
        for k in {k for stem in heaviest for k in self.quotes_of_stem.get(stem, ())}:
            shared = quote & self.quote_bags[k]
            if len(shared) >= QUOTE_PART_MIN_STEMS and self.weights.total(shared) >= QUOTE_PART * total:
                return True
        return False

    def _quotes_a_part_of(self, quote: frozenset[str]) -> bool:
        """Whether the other article quotes a part of this quote ("when and where it sees fit"
        within "reserves the right to take retaliatory measures where and when it sees fit").

        Only quotes of which this one holds a heaviest stem can be a part: without any, it holds
        at most the rest of their weight, below ``QUOTE_PART`` (see ``_heaviest``). They are
        found by those stems instead of meeting every quote of the other article (a long document
        has hundreds, and common words such as "say" are in most).
        """
        for k in {k for stem in quote for k in self.quotes_of_core_stem.get(stem, ())}:
            their = self.quote_bags[k]
            shared = their & quote
            if len(shared) < QUOTE_PART_MIN_STEMS:
                continue
            if self.weights.total(shared) >= QUOTE_PART * self.quote_totals[k]:
                return True
        return False

    def _holds_a_share_of(self, quote: frozenset[str], total: float) -> bool:
        """Whether one sentence or quote of the other article holds ``QUOTE_SHARED`` of the quote
        (``total``: its weight).

        Only bags holding one of the quote's heaviest stems can: ``_heaviest`` picks as few as
        leave too little weight without them. Those stems are the rarest, found in a few
        sentences; the commonest ("say") would bring in most of a long document. A bag holding
        ``n`` of the quote's stems holds at most the weight of its ``n`` heaviest (``most``),
        summed exactly as a share is: most bags are ruled out by that before their share is
        summed.
        """
        heaviest, by_weight = _heaviest(quote, self.weights, lambda rest: rest / total < QUOTE_SHARED)
        touched = {k for stem in heaviest for k in self.bags_of_stem.get(stem, ())}
        if not touched:
            return False
        most = [math.fsum(by_weight[:n]) for n in range(len(by_weight) + 1)]
        for k in touched:
            shared = quote & self.bags[k]
            if most[len(shared)] / total < QUOTE_SHARED:
                continue
            if self.weights.total(shared) / total >= QUOTE_SHARED:
                return True
        return False


def _heaviest(
    stems: frozenset[str], weights: Weights, too_little: Callable[[float], bool]
) -> tuple[list[str], list[float]]:
    """The heaviest of ``stems``, as few as leave a rest that is ``too_little``: a bag holding
    none of them holds at most the rest, so it cannot hold what is asked of it; and the weights
    of all ``stems``, heaviest first.

    The rest is summed exactly as ``Weights.total`` sums (``math.fsum`` is exactly rounded, so
    the order of the terms does not matter), and a part never sums to more than its whole
    (weights are positive), so no bag reaching the share is left out.
    """
    by_weight = sorted(stems, key=lambda stem: (-weights(stem), stem))
    values = [weights(stem) for stem in by_weight]
    for n in range(len(by_weight)):
        if too_little(math.fsum(values[n:])):
            return by_weight[:n], values
    return by_weight, values


def _part_core(their: frozenset[str], total: float, weights: Weights) -> frozenset[str]:
    """The stems of a quote (``total``: its weight) of which a quote must hold one to hold
    ``QUOTE_PART`` of it (``_OtherSide._quotes_a_part_of``)."""

    def too_little(rest: float) -> bool:
        return rest < QUOTE_PART * total

    return frozenset(_heaviest(their, weights, too_little)[0])


def _postings_by_key(bags: Mapping[int, frozenset[str]]) -> dict[str, list[int]]:
    """For each stem, the keys of the bags holding it."""
    postings: dict[str, list[int]] = {}
    for k, bag in bags.items():
        for stem in bag:
            postings.setdefault(stem, []).append(k)
    return postings


def _postings(bags: Sequence[frozenset[str]]) -> dict[str, list[int]]:
    """For each stem, the bags holding it, by their position in ``bags``."""
    postings: dict[str, list[int]] = {}
    for k, bag in enumerate(bags):
        for stem in bag:
            postings.setdefault(stem, []).append(k)
    return postings


def _sentences_in(quote: _Mention) -> range:
    return range(quote.sentence, quote.sentence + quote.last_sentence_offset + 1)


NEAREST_FIGURE = 0.25
"""A figure at most this far from another (as a share of the larger) is shown as its nearest."""
NEAREST_QUOTE_SHARE = 0.4
"""A sentence holding this share of a quote's words (by rarity weight) is shown as its nearest."""
_GENERIC_NAME_WORDS = frozenset("united new north south east west great saint san los las el al".split())
"""Words many names share (United Kingdom, United States): no sign of the same name."""


def _value(text: str) -> float | None:
    """The value a figure's text gives ($1.6 million: 1600000), or ``None``."""
    figure = _DIGITS.search(text)
    if figure is None:
        return None
    try:
        value = float(figure.group(0).replace(",", ""))
    except ValueError:
        return None
    for word in _WORD.findall(fold(text[figure.end() :])):
        return value * SCALES.get(word, 1.0)
    return value


def _word_as_written(text: str, folded: str) -> str:
    """The word of ``text`` that folds to ``folded``, as it is written there."""
    return next((w for w in _WORD.findall(text) if _name_key(w) == folded), folded)


class _DateParts(NamedTuple):
    """What a date says: each part ``None`` when it does not say it."""

    year: str | None
    month: int | None
    day: int | None
    named: str | None
    """A weekday, named day or decade, when the date is nothing else (Friday, Easter, 1990s)."""


_MONTH_NUMBERS = {m: k for k, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_YEAR = re.compile(r"\b(?:1[89]|20)\d{2}\b")
_DAY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\b")
_MONTH_WORD = re.compile(rf"{_MONTH_RE}", re.IGNORECASE)


def _date_parts(text: str) -> _DateParts:
    """The year, month and day a date's text gives (March 13, 2018: 2018, 3, 13)."""
    month_match = _MONTH_WORD.search(text)
    year_match = _YEAR.search(text)
    month = _MONTH_NUMBERS.get(month_match.group(0)[:3].casefold()) if month_match else None
    rest = _YEAR.sub(" ", text)
    day_match = _DAY.search(rest) if month is not None else None
    day = int(day_match.group(1)) if day_match else None
    if (month is None and year_match is None) or (year_match and text.rstrip().endswith("s")):
        return _DateParts(None, None, None, fold(text).replace(" ", ""))
    return _DateParts(year_match.group(0) if year_match else None, month, day, None)


def _same_date(x: _DateParts, y: _DateParts) -> bool:
    """Whether two dates say the same: the same parts, though one may leave out the year of a
    day (March 13 / March 13, 2018); not a month and a day of it, nor a year and a month of it
    (March / March 13; 2017 / March 2017)."""
    if x.named is not None or y.named is not None:
        return x.named == y.named
    if x.month != y.month or x.day != y.day:
        return False
    return x.year == y.year or (x.day is not None and (x.year is None or y.year is None))


_AMOUNT_TOKEN = re.compile(r"[$€£%]|[^\W\d][\w'’-]*")


def _amount(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """A quantity's figures and units, each unit in one spelling (``conflicts``' table): $716
    billion is 716, $ and billion; 2 percent and 2% are one amount, 2 percent and No. 2 are not."""
    folded = fold(text).replace("per cent", "percent")
    units = frozenset(UNITS.get(token, token) for token in _AMOUNT_TOKEN.findall(folded))
    return frozenset(_numbers_of(folded)), units


def _numbers_of(key: str) -> set[str]:
    return {_number_key(n) for n in _DIGITS.findall(key)}


def _lone_capitals(texts: Sequence[str]) -> frozenset[str]:
    """Capitalised words written away from other capitalised words (a run of ``_NAME`` of one
    word), not first in a sentence and outside headlines (via Twitter, the Medicare plan),
    possessives left off."""
    found: set[str] = set()
    for text in texts:
        if _is_headline(text):
            continue
        first = _first_word_offset(text)
        found.update(
            _POSSESSIVE.sub("", m.group(0))
            for m in _NAME.finditer(text)
            if m.start() != first and " " not in m.group(0)
        )
    return frozenset(found)


def _all_mentions(
    sentences: Sequence[Sentence],
    lower: frozenset[str],
    inner: frozenset[str],
    text: str,
    seen: dict[str, list[_Found]] | None = None,
    lone: frozenset[str] = frozenset(),
) -> list[_Mention]:
    quotes = list(_quotes(sentences, lambda lo, hi: text[lo:hi]))
    others = list(_mentions(sentences, lower, inner, seen, lone))
    return sorted([*quotes, *others], key=lambda m: (m.start, m.kind.value))


def extract(
    text_a: str,
    text_b: str,
    sentences_a: Sequence[Sentence],
    sentences_b: Sequence[Sentence],
    profiles_a: Sequence[Profile | None],
    profiles_b: Sequence[Profile | None],
    weights: Weights,
    links: Sequence[Link] = (),
) -> tuple[tuple[Detail, ...], tuple[Detail, ...]]:
    """The details of each article, each marked shared or only in its own article."""
    # Each text once: the two articles of a pair (and long documents) repeat sentences.
    texts = list(dict.fromkeys(s.text for s in (*sentences_a, *sentences_b) if not s.boilerplate))
    lower, inner, lone = _lower_words(texts), _inner_capitals(texts), _lone_capitals(texts)
    seen: dict[str, list[_Found]] = {}
    mentions_a = _all_mentions(sentences_a, lower, inner, text_a, seen, lone)
    mentions_b = _all_mentions(sentences_b, lower, inner, text_b, seen, lone)
    words = _LastWords(_last_word(m.key) for m in (*mentions_a, *mentions_b) if m.kind is DetailKind.NAME)
    groups_a, groups_b = _group(mentions_a, words), _group(mentions_b, words)

    partners_a: dict[int, list[int]] = {}
    partners_b: dict[int, list[int]] = {}
    for link in links:
        for i in link.a:
            partners_a.setdefault(i, []).extend(link.b)
        for j in link.b:
            partners_b.setdefault(j, []).extend(link.a)

    def build(
        groups: list[list[_Mention]], other: _OtherSide, partners: Mapping[int, Sequence[int]]
    ) -> tuple[Detail, ...]:
        details = []
        surnames: set[str] = set()
        for group in groups:
            head = group[0]
            surname_taken = False
            if head.kind is DetailKind.NAME:
                lasts = {_last_word(m.key) for m in group}
                surname_taken = not lasts.isdisjoint(surnames)
                surnames |= lasts
            if head.kind is DetailKind.NAME:  # name it in full: "Dmitry Peskov", not "Peskov"
                head = max(group, key=lambda m: (len(m.key.split()), -m.start))
            shared = other.has(group, partners, surname_taken)
            details.append(
                Detail(
                    head.kind,
                    head.text,
                    head.key,
                    head.sentence,
                    head.start,
                    head.end,
                    shared,
                    len(group),
                    None if shared else other.nearest(group),
                )
            )
        details.sort(key=lambda d: d.start)
        return tuple(details)

    return (
        build(groups_a, _OtherSide(groups_b, profiles_b, weights, words, sentences_b), partners_a),
        build(groups_b, _OtherSide(groups_a, profiles_a, weights, words, sentences_a), partners_b),
    )
