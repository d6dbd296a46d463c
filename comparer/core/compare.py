"""The whole comparison: segment both documents, align their sentences, find their details."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from comparer.core import collector
from comparer.core.align import Meaning, link_identical, link_profiles, pair_profiles, pair_weights
from comparer.core.details import extract
from comparer.core.document import from_string
from comparer.core.errors import ComparerError
from comparer.core.model import (
    DEFAULT_SETTINGS,
    Alignment,
    Article,
    Comparison,
    Detail,
    Document,
    Link,
    LinkKind,
    Progress,
    Sentence,
    Settings,
    Summary,
)
from comparer.core.segment import segment, splitter

if TYPE_CHECKING:
    from comparer.core.sense import Encoder


MAX_MEANING_WORDS = 6000
"""Above this many words a side, the alignment is lexical, as above ``sense.MAX_SENTENCES``
sentences: the encoder's time grows with the words, not the sentences, and one sentence of 50,000
words (a transcript without punctuation) took 100 s to embed. 200 sentences of news are about
5,000 words."""


def _coverage(sentences: Sequence[Sentence], linked: set[int]) -> float:
    story = [s for s in sentences if not s.boilerplate]
    total = sum(s.end - s.start for s in story)
    covered = sum(s.end - s.start for s in story if s.index in linked)
    return round(covered / total, 4) if total else 1.0


def summarize(
    a: Article, b: Article, links: Sequence[Link], only_a: Sequence[int], only_b: Sequence[int]
) -> Summary:
    """Counts and coverage of a comparison."""
    linked_a = {i for link in links for i in link.a}
    linked_b = {j for link in links for j in link.b}

    def count(details: Sequence[Detail], shared: bool) -> int:
        return sum(1 for d in details if d.shared is shared)

    return Summary(
        sentences_a=len(a.story_sentences()),
        sentences_b=len(b.story_sentences()),
        links=len(links),
        same=sum(1 for link in links if link.kind is LinkKind.SAME),
        partial=sum(1 for link in links if link.kind is LinkKind.PARTIAL),
        only_in_a=len(only_a),
        only_in_b=len(only_b),
        coverage_a=_coverage(a.sentences, linked_a),
        coverage_b=_coverage(b.sentences, linked_b),
        details_only_a=count(a.details, False),
        details_only_b=count(b.details, False),
        details_shared_a=count(a.details, True),
        details_shared_b=count(b.details, True),
        conflicts=sum(len(link.conflicts) for link in links),
    )


# How the work of a comparison is shared out among its stages, for progress reports: roughly
# what each stage took at 2,000 sentences a side (reading 0.2 s, scoring and linking 0.8 s,
# details 0.35 s; benchmarks/speed.py), where progress matters.
_STAGES = (("reading sentences", 0.15), ("scoring sentence pairs", 0.60), ("finding details", 0.25))


def _reporter(progress: Progress | None, stage: int) -> Callable[[float], None]:
    """A callback for a stage's own share done, reporting the share of the whole comparison."""
    start = sum(share for _, share in _STAGES[:stage])
    name, share = _STAGES[stage]

    def report(fraction: float) -> None:
        if progress is not None:
            progress(name, min(1.0, start + share * max(0.0, min(1.0, fraction))))

    return report


def segmented(a: Document, b: Document) -> tuple[Article, Article]:
    """Both documents cut into sentences, with no links and no details yet.

    The cheap first step of ``compare`` (a fraction of a second at 5,000 sentences, where the
    alignment takes seconds): a view can show both texts at once, then hand these back to
    ``compare`` so that nothing is segmented twice.
    """
    punkt = splitter()  # one for both: it remembers what it judged in the first
    return Article(a, segment(a, punkt)), Article(b, segment(b, punkt))


def warm_up() -> None:
    """Import and build what comparing needs (NLTK for segmenting and stemming, about 0.3 s),
    so that a comparison asked for later does not wait for it: a comparison of two sentences."""
    document = from_string("Officials met on Friday in Moscow. They said little.", "warm-up")
    compare(document, document)


def compare(
    a: Document,
    b: Document,
    settings: Settings = DEFAULT_SETTINGS,
    progress: Progress | None = None,
    *,
    articles: tuple[Article, Article] | None = None,
    encoder: Encoder | None = None,
) -> Comparison:
    """Compare two documents: the one result every view reads.

    ``progress``, when given, hears now and then what the comparison is doing and how far along
    it is (see ``Progress``); it changes nothing of the result. ``articles``, when given, are
    ``segmented(a, b)`` from earlier, used instead of segmenting again. Python's cycle
    collector is paused meanwhile (counted, so comparisons in threads do not undo each other's
    pause): see ``collector``.

    Unless ``settings.lexical``, the alignment is meaning-aware, with ``encoder`` (by default the
    shipped one, ``meaning.load_encoder``); when the model cannot be loaded, or a side has more
    than ``sense.MAX_SENTENCES`` sentences, it is lexical and ``Comparison.alignment.note`` says
    why.
    """
    with collector.paused():
        return _compare(a, b, settings, progress, articles, encoder)


def _compare(
    a: Document,
    b: Document,
    settings: Settings,
    progress: Progress | None,
    articles: tuple[Article, Article] | None,
    encoder: Encoder | None,
) -> Comparison:
    if articles is not None and (articles[0].document != a or articles[1].document != b):
        raise ValueError("compare() was given the sentences of other documents")
    _reporter(progress, 0)(0.0)
    if articles is None:
        articles = segmented(a, b)
    sentences_a, sentences_b = articles[0].sentences, articles[1].sentences
    pa, pb = pair_profiles(sentences_a, sentences_b)
    weights = pair_weights(pa, pb)
    scoring = _reporter(progress, 1)
    scoring(0.0)
    meaning, alignment = _meaning(sentences_a, sentences_b, settings, encoder)
    links = link_profiles(pa, pb, weights, settings, scoring if progress is not None else None, meaning)
    links = link_identical(sentences_a, sentences_b, links)
    _reporter(progress, 2)(0.0)
    details_a, details_b = extract(a.text, b.text, sentences_a, sentences_b, pa, pb, weights, links)
    _reporter(progress, 2)(1.0)
    article_a = Article(a, sentences_a, details_a)
    article_b = Article(b, sentences_b, details_b)
    linked_a = {i for link in links for i in link.a}
    linked_b = {j for link in links for j in link.b}
    only_a = tuple(s.index for s in sentences_a if not s.boilerplate and s.index not in linked_a)
    only_b = tuple(s.index for s in sentences_b if not s.boilerplate and s.index not in linked_b)
    return Comparison(
        article_a,
        article_b,
        links,
        only_a,
        only_b,
        summarize(article_a, article_b, links, only_a, only_b),
        settings,
        alignment,
    )


def _meaning(
    sentences_a: Sequence[Sentence],
    sentences_b: Sequence[Sentence],
    settings: Settings,
    encoder: Encoder | None,
) -> tuple[Meaning | None, Alignment]:
    """The embeddings the alignment uses and which alignment it is: lexical when asked for, when
    a side is too long, or when the model cannot be loaded (then the note says so)."""
    if settings.lexical:
        return None, Alignment()
    from comparer.core import sense

    longest = max(len(sentences_a), len(sentences_b))
    if longest > sense.MAX_SENTENCES:
        return None, Alignment(note=f"words only: above {sense.MAX_SENTENCES} sentences a side")
    words = max(sum(len(s.text.split()) for s in side) for side in (sentences_a, sentences_b))
    if words > MAX_MEANING_WORDS:
        return None, Alignment(note=f"words only: above {MAX_MEANING_WORDS:,} words a side")
    try:
        if encoder is None:
            from comparer.core.meaning import load_encoder

            encoder = load_encoder()
        texts_a = [None if s.boilerplate else s.text for s in sentences_a]
        texts_b = [None if s.boilerplate else s.text for s in sentences_b]
        embeddings = sense.Embeddings(encoder, texts_a, texts_b)
    except (ComparerError, ImportError, OSError, ValueError) as exc:
        return None, Alignment(note=f"words only: the meaning model is unavailable ({exc})")
    return Meaning(embeddings), Alignment("meaning", encoder.name, encoder.digest)
