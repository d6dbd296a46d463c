"""Paragraphs and sentences with NLTK Punkt, each sentence carrying its offsets into the text.

Punkt runs with parameters comparer ships (abbreviations common in news, words that start
sentences), never with downloaded data. Sentences tile each paragraph: every character that is not
white space lies in exactly one sentence, in order, so nothing the user wrote is lost.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from comparer.core.model import Document, Sentence, SentenceKind
from comparer.core.normalize import nltk_modules

if TYPE_CHECKING:
    from nltk.tokenize.punkt import PunktLanguageVars, PunktParameters, PunktSentenceTokenizer

# Lower case, without the final period, as Punkt stores them. Multi-part ones keep inner periods.
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof rev fr sr jr st mt ft sgt cpl pvt capt col lt gen maj adm cmdr gov sen
    rep pres supt det insp atty hon messrs mme mlle no nos vol vols fig figs approx est dept
    univ assn bros inc corp co ltd llc plc ave blvd rd hwy jan feb mar apr jun jul aug sep
    sept oct nov dec ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass
    mich minn miss mo mont neb nebr nev okla ore pa penn tenn tex va vt wash wis wisc wyo
    u.s u.k u.n u.s.a e.u a.m p.m e.g i.e etc vs al d.c n.y l.a
""".split()
)

# Capitalised words that, after an abbreviation such as "p.m." or "U.S.", start a new sentence.
SENTENCE_STARTERS = frozenset(
    """
    the he she it they we i but and in on at a an this that these those there his her their
    its our however meanwhile after before when while if as so yet still then now earlier
    later also
""".split()
)

_CLOSING = "\"'”’»)]"
_CLOSING_AT_START = re.compile(rf"^[{re.escape(_CLOSING)}]+(?=\s|$)")

_BOILERPLATE = re.compile(
    r"""^\s*(?:
        (?:read|see|watch|listen)\s+(?:more|also|next)\b
      | more\s*:
      | related(?:\s+(?:stories|articles|coverage|content))?\s*:
      | advertisement\b | sponsored\b | promoted\b
      | click\s+here\b | sign\s+up\b | subscribe\b | follow\s+us\b | share\s+this\b
      | (?:photo|image|picture|video|graphic)s?\s*(?:credit)?\s*(?::|by\b|courtesy\b)
      | credit\s*: | getty\s+images | \(?(?:ap|afp|reuters|epa)\s+photo\b
      | (?:first\s+)?published\b | (?:last\s+)?updated\b
      | copyright\b | ©
      | (?:this\s+)?(?:story|article)\s+(?:was|has\s+been)\s+(?:updated|corrected)
      | \(\s*except\s+for\s+the\s+headline\b | \(\s*with\s+inputs\s+from\b   # syndication notes
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
_BARE_DATELINE = re.compile(
    rf"""^\s*(?:
        [A-Z][A-Za-z .'-]{{0,40}}\s*(?:\([A-Za-z .]+\))?\s*[-–—:]?   # MOSCOW (Reuters) -
      | (?:{_WEEKDAY},?\s*)?(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s*(?:\d{{4}})?
                            |\d{{1,2}}\s+{_MONTH},?\s*(?:\d{{4}})?)      # Tuesday, May 9, 2023
          (?:\s*[,|-]?\s*\d{{1,2}}[:.]\d{{2}}\s*(?:[ap]\.?m\.?)?\s*[A-Z]{{0,4}})?
    )\s*$""",
    re.VERBOSE | re.IGNORECASE,
)
_SENTENCE_END = re.compile(rf"[.!?…][{re.escape(_CLOSING)}]*\s*$")


@functools.cache
def _tokenizer() -> PunktSentenceTokenizer:
    # Imported on first use: NLTK takes about 0.2 s to import, which `comparer --help` and
    # argument errors should not wait for.
    punkt = nltk_modules()[0]
    params = punkt.PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    params.sent_starters = set(SENTENCE_STARTERS)
    tokenizer: PunktSentenceTokenizer = punkt.PunktSentenceTokenizer(params)
    return tokenizer


def splitter() -> PunktSentenceTokenizer:
    """A Punkt tokenizer for one comparison, for ``segment`` to share between its two documents.

    It is ``_tokenizer()`` (the same parameters and language variables) and remembers whether
    each context it judged holds a sentence break: Punkt judges every period with the word before
    it and the token after it ("said. The"), and tokenizing and annotating that context took more
    than half its time, while a sixth of the contexts of a pair of long documents come back
    (shared sentences, everyday words). Made anew per comparison, so nothing is kept between
    comparisons, and with nothing shared that it changes, so comparisons in threads keep apart.
    """
    shared = _tokenizer()
    return _remembering_class()(shared._params, lang_vars=shared._lang_vars)


@functools.cache
def _remembering_class() -> type[PunktSentenceTokenizer]:
    """The class of ``splitter()``, defined on first use as NLTK is imported on first use."""
    punkt = nltk_modules()[0]

    class Remembering(punkt.PunktSentenceTokenizer):  # type: ignore[misc,name-defined]  # NLTK has no type hints
        def __init__(self, params: PunktParameters, lang_vars: PunktLanguageVars) -> None:
            super().__init__(params, lang_vars=lang_vars)
            self._breaks: dict[str, bool] = {}

        def text_contains_sentbreak(self, text: str) -> bool:
            known = self._breaks.get(text)
            if known is None:
                known = self._breaks[text] = bool(super().text_contains_sentbreak(text))
            return known

    return Remembering


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Paragraph spans of ``text``, stripped of surrounding white space.

    Blank lines always end a paragraph. A single line break ends one too, as news copy uses it,
    unless the text is hard-wrapped (most lines long, and most not ending a sentence), in which
    case single breaks are only line wrapping.
    """
    for start, end in _blocks(text):
        block = text[start:end]
        lines = block.split("\n")
        if len(lines) > 1 and not _hard_wrapped(lines):
            offset = start
            for line in lines:
                stripped = line.strip()
                if stripped:
                    lead = len(line) - len(line.lstrip())
                    yield offset + lead, offset + lead + len(stripped)
                offset += len(line) + 1
        else:
            yield start, end


def _blocks(text: str) -> Iterator[tuple[int, int]]:
    """Spans between blank lines, stripped of surrounding white space."""
    cut = 0
    for separator in [*re.finditer(r"\n[^\S\n]*\n", text), None]:
        stop = separator.start() if separator else len(text)
        piece = text[cut:stop]
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            yield cut + lead, cut + lead + len(stripped)
        if separator:
            cut = separator.end()


def _hard_wrapped(lines: list[str]) -> bool:
    body = [line.rstrip() for line in lines[:-1] if line.strip()]
    if len(body) < 2:
        return False
    unended = sum(1 for line in body if not _SENTENCE_END.search(line))
    long_lines = sum(1 for line in body if 40 <= len(line) <= 100)
    return unended >= 0.6 * len(body) and long_lines >= 0.6 * len(body)


def _sentence_spans(text: str, start: int, end: int, punkt: PunktSentenceTokenizer) -> list[tuple[int, int]]:
    """Sentence spans within one paragraph; together they cover all of its non-space text."""
    chunk = text[start:end]
    breaks = [s for s, _ in punkt.span_tokenize(chunk)]
    breaks = [0] + [b for b in breaks if b > 0]
    # Punkt realigns only straight quotes: move curly closing quotes back to their sentence.
    for k in range(1, len(breaks)):
        match = _CLOSING_AT_START.match(chunk, breaks[k])
        if match:
            breaks[k] = match.end()
    spans = []
    bounds = [*sorted(set(breaks)), len(chunk)]
    for lo, hi in itertools.pairwise(bounds):
        piece = chunk[lo:hi]
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            spans.append((start + lo + lead, start + lo + lead + len(stripped)))
    return spans


def is_boilerplate(paragraph: str) -> bool:
    """Promo lines, photo credits, bare datelines and "Published ..." lines: shown, never matched."""
    if _BOILERPLATE.match(paragraph):
        return True
    if len(paragraph) > 60 or not _BARE_DATELINE.match(paragraph):
        return False
    # A bare dateline: a place in capitals ("MOSCOW (Reuters) -") or a date ("Tuesday, May 9").
    place = paragraph.split("(")[0]
    return place.upper() == place or bool(re.search(r"\d", paragraph))


def _is_headline(paragraph: str, index: int, total: int) -> bool:
    words = paragraph.split()
    return (
        index == 0
        and total > 1
        and "\n" not in paragraph
        and 2 <= len(words) <= 20
        and not _SENTENCE_END.search(paragraph)
    )


def segment(document: Document, punkt: PunktSentenceTokenizer | None = None) -> tuple[Sentence, ...]:
    """The sentences of a document, in order, with offsets, paragraph numbers and kinds.

    ``punkt``: a ``splitter()`` to share with the other document of a comparison; one of its own
    otherwise.
    """
    text = document.text
    punkt = splitter() if punkt is None else punkt
    paras = list(paragraphs(text))
    sentences: list[Sentence] = []
    for p_index, (p_start, p_end) in enumerate(paras):
        paragraph = text[p_start:p_end]
        if is_boilerplate(paragraph):
            kind = SentenceKind.BOILERPLATE
            spans = [(p_start, p_end)]
        elif _is_headline(paragraph, p_index, len(paras)):
            kind = SentenceKind.HEADLINE
            spans = [(p_start, p_end)]
        else:
            kind = SentenceKind.STORY
            spans = _sentence_spans(text, p_start, p_end, punkt)
        for s_start, s_end in spans:
            sentences.append(Sentence(len(sentences), s_start, s_end, text[s_start:s_end], p_index, kind))
    return tuple(sentences)
