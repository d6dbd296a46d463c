"""The plain, frozen data that flows from the core to every view: the Comparison and its parts."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass


class SentenceKind(str, enum.Enum):
    """What a sentence is in its article."""

    STORY = "story"
    """Ordinary story text: aligned and compared."""
    HEADLINE = "headline"
    """A headline-like first line: aligned like story text but shown as a headline."""
    BOILERPLATE = "boilerplate"
    """Promo lines, photo credits, bare datelines: shown, never matched."""


class LinkKind(str, enum.Enum):
    """How closely the sentences of a link agree."""

    SAME = "same"
    """Essentially the same fact, claim or quote, verbatim or paraphrased."""
    PARTIAL = "partial"
    """They share a specific fact, but one side carries information the other lacks."""


class DetailKind(str, enum.Enum):
    """The kinds of notable detail the core extracts."""

    NAME = "name"
    NUMBER = "number"
    DATE = "date"
    TIME = "time"
    QUANTITY = "quantity"
    QUOTE = "quote"


class ConflictKind(str, enum.Enum):
    """How two linked sentences say different things about the same fact."""

    NEGATION = "negation"
    """One side says it, the other says it is not so (not, never, failed to, denied)."""
    OPPOSITE = "opposite"
    """Opposite words in the same place (rose/fell, before/after, approved/rejected)."""
    NUMBER = "number"
    """Another number, amount, percentage or quantity."""
    DATE = "date"
    """Another date, weekday, year or time."""
    ACTOR = "actor"
    """Another named person or body in the same role (Peskov said / Podolyak said)."""
    CERTAINTY = "certainty"
    """Another degree of certainty (will/may, confirmed/suggested)."""


class Side(str, enum.Enum):
    """One of the two articles."""

    A = "a"
    B = "b"

    @property
    def other(self) -> Side:
        return Side.B if self is Side.A else Side.A


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range of character offsets into a document's text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}:{self.end}")


@dataclass(frozen=True, slots=True)
class Extraction:
    """How a document's text was taken out of a web page rather than read as it is."""

    markup: str
    """What the input was: "html"."""
    tool: str
    """The extractor and its version, e.g. "trafilatura 2.3.1"."""
    original_chars: int
    """Characters of the page as decoded, before extraction."""
    url: str | None = None
    """For a fetched page, the address it finally came from (after redirects)."""
    content_type: str | None = None
    """For a fetched page, the Content-Type the server sent."""


@dataclass(frozen=True, slots=True)
class Document:
    """An input as read: its text with only the BOM removed and line ends normalised, or the
    article text extracted from a web page (then ``extraction`` says how)."""

    source: str
    """Where it came from: a path as given, or "<stdin>"."""
    text: str
    encoding: str = "utf-8"
    """The encoding the bytes were decoded with."""
    warnings: tuple[str, ...] = ()
    """Things the reader had to do that the user should hear about (a fallback decoding)."""
    extraction: Extraction | None = None
    """Set when ``text`` is the article extracted from a web page, not the input as it is."""

    @property
    def name(self) -> str:
        """A short name for headers: the file name without folders (a URL's last part)."""
        return self.source.rstrip("/").replace("\\", "/").rsplit("/", 1)[-1] or self.source


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a document; ``document.text[start:end] == text``."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int
    """The index of the paragraph it belongs to, counted from 0."""
    kind: SentenceKind = SentenceKind.STORY

    @property
    def boilerplate(self) -> bool:
        return self.kind is SentenceKind.BOILERPLATE

    @property
    def headline(self) -> bool:
        return self.kind is SentenceKind.HEADLINE


@dataclass(frozen=True, slots=True)
class Conflict:
    """One place where two linked sentences state the same fact differently.

    ``a`` and ``b`` are character spans into each document's text; a side's span is empty
    (start == end) where the word has no counterpart there, as with an added "not".
    """

    kind: ConflictKind
    a: Span
    b: Span

    def mirrored(self) -> Conflict:
        return Conflict(self.kind, self.b, self.a)


@dataclass(frozen=True, slots=True)
class Link:
    """Sentences of A and of B that report the same thing.

    A link joins one sentence to one or more sentences of the other side (a split or a merge);
    it never joins several on both sides. A sentence may be in more than one link when the other
    article reports its fact in two places. ``only_a`` and ``only_b`` are the words and phrases,
    as character spans into each document's text, that one side has and the other lacks.
    """

    a: tuple[int, ...]
    b: tuple[int, ...]
    kind: LinkKind
    score: float
    only_a: tuple[Span, ...] = ()
    only_b: tuple[Span, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    """Where the two sides state the same fact differently; a link with any is never exact."""

    def mirrored(self) -> Link:
        return Link(
            self.b,
            self.a,
            self.kind,
            self.score,
            self.only_b,
            self.only_a,
            tuple(c.mirrored() for c in self.conflicts),
        )

    def indices(self, side: Side) -> tuple[int, ...]:
        return self.a if side is Side.A else self.b

    def only(self, side: Side) -> tuple[Span, ...]:
        return self.only_a if side is Side.A else self.only_b


@dataclass(frozen=True, slots=True)
class Nearest:
    """Where the other document comes closest to a detail it lacks, so that an editor can check
    the "only in" claim: a surname alone, a similar figure, the same month on another day, a
    sentence with many of a quote's words."""

    sentence: int
    """The other document's sentence."""
    start: int
    end: int
    """Character offsets of the close mention in the other document's text."""
    text: str
    why: str
    """How it is close, in a few words ("the same surname", "another figure")."""


@dataclass(frozen=True, slots=True)
class Detail:
    """A name, number, date, time, quantity or quote in one document.

    One per distinct detail: ``start``/``end`` locate its first mention and ``mentions`` counts
    them all. ``shared`` says whether the other document has it too (tolerating small spelling
    variants and, for quotes, paraphrase).
    """

    kind: DetailKind
    text: str
    key: str
    """The normalised form details are matched by."""
    sentence: int
    start: int
    end: int
    shared: bool
    mentions: int = 1
    nearest: Nearest | None = None
    """For a detail only in this document, the other's closest mention, if there is one."""


@dataclass(frozen=True, slots=True)
class Article:
    """One side of a comparison: the document, its sentences and its details."""

    document: Document
    sentences: tuple[Sentence, ...]
    details: tuple[Detail, ...] = ()

    def story_sentences(self) -> tuple[Sentence, ...]:
        return tuple(s for s in self.sentences if not s.boilerplate)


Progress = Callable[[str, float], None]
"""Told what a long comparison is doing and how far along it is: a stage's name and the share of
the whole work done, from 0 to 1. Called from the thread that compares."""


@dataclass(frozen=True, slots=True)
class Settings:
    """The knobs of a comparison. The defaults are the tuned ones (see benchmarks/)."""

    threshold: float = 0.0
    """Shift added to the link thresholds: positive links less, negative links more."""
    lexical: bool = False
    """Compare by words only, without the meaning model (``--lexical``)."""


@dataclass(frozen=True, slots=True)
class Alignment:
    """Which alignment a comparison used: ``"meaning"`` (the sentence encoder's embeddings with
    the words) or ``"lexical"`` (words only), and why lexical when meaning was not asked away."""

    kind: str = "lexical"
    encoder: str | None = None
    """The encoder's name, when meaning was used."""
    digest: str | None = None
    """The digest of the encoder's weights, when meaning was used."""
    note: str = ""
    """Why the comparison is lexical when the settings asked for meaning (the model is missing or
    damaged, the documents are too long), for the header and reports; empty otherwise."""


DEFAULT_SETTINGS = Settings()


@dataclass(frozen=True, slots=True)
class Summary:
    """Counts and coverage, as the header and the reports show them."""

    sentences_a: int
    sentences_b: int
    links: int
    same: int
    partial: int
    only_in_a: int
    only_in_b: int
    coverage_a: float
    """Share of A's story text (by characters) that sits in a link."""
    coverage_b: float
    details_only_a: int
    details_only_b: int
    details_shared_a: int
    """Details of A that B has too (counted in A's terms: B may name one of them twice)."""
    details_shared_b: int
    conflicts: int = 0
    """Conflicts over all links (see Link.conflicts)."""

    def mirrored(self) -> Summary:
        return Summary(
            self.sentences_b,
            self.sentences_a,
            self.links,
            self.same,
            self.partial,
            self.only_in_b,
            self.only_in_a,
            self.coverage_b,
            self.coverage_a,
            self.details_only_b,
            self.details_only_a,
            self.details_shared_b,
            self.details_shared_a,
            self.conflicts,
        )


@dataclass(frozen=True, slots=True)
class Comparison:
    """The result: two articles, the links between their sentences, and what only one has.

    Every view (the TUI, the text, JSON and Markdown reports, the benchmarks) reads this one
    object, the way all of difflib's formats read its opcodes.
    """

    a: Article
    b: Article
    links: tuple[Link, ...]
    only_in_a: tuple[int, ...]
    """Story sentences of A in no link (boilerplate is never listed here)."""
    only_in_b: tuple[int, ...]
    summary: Summary
    settings: Settings = DEFAULT_SETTINGS
    alignment: Alignment = Alignment()

    def article(self, side: Side) -> Article:
        return self.a if side is Side.A else self.b

    def only_in(self, side: Side) -> tuple[int, ...]:
        return self.only_in_a if side is Side.A else self.only_in_b

    @property
    def same_information(self) -> bool:
        """True when neither side has a sentence, a detail or a word the other lacks.

        Every story sentence of both sides must sit in an exact link (``same``, no word on one
        side only, no conflict); further links between other sentences add nothing the other side
        lacks, so they do not count against it, nor do their conflicts: when every sentence is
        matched exactly, each statement of a conflict is made by both sides (a file compared with
        itself that says "Not fire." and "Fire." is the same, not in conflict with itself).
        """
        if self.only_in_a or self.only_in_b or self.summary.details_only_a or self.summary.details_only_b:
            return False
        exact = [
            link
            for link in self.links
            if link.kind is LinkKind.SAME and not (link.only_a or link.only_b or link.conflicts)
        ]
        matched_a = {i for link in exact for i in link.a}
        matched_b = {j for link in exact for j in link.b}
        return all(s.index in matched_a for s in self.a.story_sentences()) and all(
            s.index in matched_b for s in self.b.story_sentences()
        )

    def mirrored(self) -> Comparison:
        """The same comparison with A and B swapped."""
        return Comparison(
            self.b,
            self.a,
            # In the order compare() gives links: by their first sentence of (the new) A.
            tuple(sorted((link.mirrored() for link in self.links), key=lambda link: (link.a[0], link.b[0]))),
            self.only_in_b,
            self.only_in_a,
            self.summary.mirrored(),
            self.settings,
            self.alignment,
        )

    def link_of(self, side: Side, index: int) -> Link | None:
        """The first link that holds sentence ``index`` of ``side``, if any."""
        return next(iter(self.links_of(side, index)), None)

    def links_of(self, side: Side, index: int) -> tuple[Link, ...]:
        """Every link that holds sentence ``index`` of ``side``: a sentence can be in several."""
        return tuple(link for link in self.links if index in link.indices(side))
