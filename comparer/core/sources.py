"""Three or more sources: the pairwise comparisons of every two, composed into facts by source.

``compare_sources`` compares each pair of documents with ``compare`` (each document cut into
sentences once) and reads the pairwise links as facts: a fact is a group of sentences, from one or
more sources, that carry the same thing; a sentence may sit in several facts. Each fact says, per
source, whether that source carries it the same way, in part, not at all, or in conflict. What only
one source has and the details (names, numbers, quotes) with the sources that carry them come from
the same pairwise comparisons, which the result keeps: a view of two sources reads them as they are.
"""

from __future__ import annotations

import enum
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from comparer.core import collector
from comparer.core.compare import compare
from comparer.core.errors import ComparerError
from comparer.core.model import (
    DEFAULT_SETTINGS,
    Article,
    Comparison,
    DetailKind,
    Document,
    Link,
    LinkKind,
    Progress,
    Settings,
    Side,
)
from comparer.core.segment import segment, splitter

MAX_SOURCES = 8
"""More sources than this make a screen of marks no one can read, and 28 comparisons."""


class Carried(str, enum.Enum):
    """How one source carries a fact."""

    SAME = "same"
    """It says the same thing as the other sources that carry the fact."""
    PARTIAL = "partial"
    """It shares the fact, but it or another source says more."""
    ABSENT = "absent"
    """It does not carry the fact."""
    CONFLICT = "conflict"
    """It carries the fact but states part of it differently (see Link.conflicts)."""

    @property
    def present(self) -> bool:
        return self is not Carried.ABSENT


@dataclass(frozen=True, slots=True)
class Fact:
    """Sentences of several sources that carry the same fact.

    ``sentences[k]`` are the indices of source k's sentences in the fact (empty where the source
    does not carry it) and ``carried[k]`` how source k carries it.
    """

    sentences: tuple[tuple[int, ...], ...]
    carried: tuple[Carried, ...]

    @property
    def sources(self) -> tuple[int, ...]:
        """The sources that carry the fact, in source order."""
        return tuple(k for k, state in enumerate(self.carried) if state.present)

    @property
    def agreed(self) -> bool:
        """Every source carries it, the same way."""
        return all(state is Carried.SAME for state in self.carried)


@dataclass(frozen=True, slots=True)
class SourcedDetail:
    """A name, number, date, time, quantity or quote, with the sources that carry it.

    ``text``, ``source`` and ``sentence`` are its first mention in the first source that has it.
    """

    kind: DetailKind
    text: str
    key: str
    source: int
    sentence: int
    carriers: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Sources:
    """The result for N sources: their articles, every pairwise comparison, and the facts.

    ``comparisons`` holds one Comparison per pair (i, j), i < j, in the order of
    ``itertools.combinations(range(N), 2)``; ``pair(i, j)`` reads one in either direction.
    """

    articles: tuple[Article, ...]
    """Each source cut into sentences (no details here: see ``details``)."""
    comparisons: tuple[Comparison, ...]
    facts: tuple[Fact, ...]
    """Every group of sentences that two or more sources share, in the order of their first source."""
    only_in: tuple[tuple[int, ...], ...]
    """Per source, its story sentences no other source carries."""
    details: tuple[SourcedDetail, ...]
    settings: Settings = DEFAULT_SETTINGS

    def __len__(self) -> int:
        return len(self.articles)

    def pair(self, i: int, j: int) -> Comparison:
        """The comparison of source ``i`` (as A) with source ``j`` (as B)."""
        if i == j or not (0 <= i < len(self) and 0 <= j < len(self)):
            raise ValueError(f"no comparison of sources {i} and {j}")
        low, high = min(i, j), max(i, j)
        comparison = self.comparisons[_pair_number(len(self), low, high)]
        return comparison if i < j else comparison.mirrored()

    def only_details(self, source: int) -> tuple[SourcedDetail, ...]:
        """Details that only ``source`` carries."""
        return tuple(d for d in self.details if d.carriers == (source,))

    def restricted(self, i: int, j: int) -> frozenset[tuple[int, int]]:
        """The facts seen from two sources: every (sentence of i, sentence of j) in one fact."""
        return frozenset((x, y) for fact in self.facts for x in fact.sentences[i] for y in fact.sentences[j])


def _pair_number(n: int, i: int, j: int) -> int:
    """The place of pair (i, j), i < j, in ``itertools.combinations(range(n), 2)``."""
    return i * n - i * (i + 1) // 2 + (j - i - 1)


def _numbered(n: int, comparisons: Sequence[Comparison]) -> Iterable[tuple[tuple[int, int], Comparison]]:
    """Each comparison with its pair of sources."""
    return zip(itertools.combinations(range(n), 2), comparisons, strict=True)


def linked_pairs(links: Iterable[Link]) -> frozenset[tuple[int, int]]:
    """Every (sentence of A, sentence of B) that a link joins."""
    return frozenset((x, y) for link in links for x in link.a for y in link.b)


def check_sources(documents: Sequence[Document]) -> None:
    """Refuse what cannot be compared as sources: fewer than two, more than eight, one twice."""
    if len(documents) < 2:
        raise ComparerError("give at least two inputs to compare")
    if len(documents) > MAX_SOURCES:
        raise ComparerError(f"too many inputs ({len(documents)}): at most {MAX_SOURCES} can be compared")


def compare_sources(
    documents: Sequence[Document],
    settings: Settings = DEFAULT_SETTINGS,
    progress: Progress | None = None,
    *,
    workers: int = 1,
) -> Sources:
    """Compare two to eight documents: every pair with ``compare``, composed into facts.

    Each document is cut into sentences once. ``workers`` above 1 compares the pairs in that
    many processes; 1 (the default: processes did not pay for articles, see benchmarks/nway.py)
    compares them here, one after another.

    The pairs are compared by words (``settings.lexical`` is set): the meaning model would encode
    each article once per pair, several seconds for five articles on two cores.
    """
    check_sources(documents)
    settings = replace(settings, lexical=True)
    punkt = splitter()
    articles = tuple(Article(doc, segment(doc, punkt)) for doc in documents)
    pairs = list(itertools.combinations(range(len(articles)), 2))
    comparisons: list[Comparison] = []
    if workers > 1 and len(pairs) > 1:
        from concurrent.futures import ProcessPoolExecutor  # only here: it imports multiprocessing

        with ProcessPoolExecutor(workers) as pool:
            jobs = [pool.submit(_compare_pair, articles[i], articles[j], settings) for i, j in pairs]
            for done, job in enumerate(jobs):
                comparisons.append(job.result())
                if progress is not None:
                    progress("comparing pairs of sources", (done + 1) / len(pairs))
    else:
        with collector.paused():
            for done, (i, j) in enumerate(pairs):
                comparisons.append(_compare_pair(articles[i], articles[j], settings))
                if progress is not None:
                    progress("comparing pairs of sources", (done + 1) / len(pairs))
    return compose(articles, tuple(comparisons), settings)


def _compare_pair(a: Article, b: Article, settings: Settings) -> Comparison:
    return compare(a.document, b.document, settings, articles=(a, b))


def compose(
    articles: Sequence[Article], comparisons: Sequence[Comparison], settings: Settings = DEFAULT_SETTINGS
) -> Sources:
    """The N-way result of the pairwise comparisons of ``articles`` (in combinations order)."""
    n = len(articles)
    if len(comparisons) != n * (n - 1) // 2:
        raise ValueError(f"{n} sources need {n * (n - 1) // 2} comparisons, not {len(comparisons)}")
    bare = tuple(Article(a.document, a.sentences) for a in articles)
    facts = _Facts(n, comparisons).build()
    only = _only_in(n, comparisons)
    return Sources(bare, tuple(comparisons), facts, only, _details(n, comparisons), settings)


def _only_in(n: int, comparisons: Sequence[Comparison]) -> tuple[tuple[int, ...], ...]:
    only: list[set[int] | None] = [None] * n
    for (i, j), comparison in _numbered(n, comparisons):
        for k, side in ((i, Side.A), (j, Side.B)):
            here = set(comparison.only_in(side))
            only[k] = here if only[k] is None else only[k] & here  # type: ignore[operator]
    return tuple(tuple(sorted(o or ())) for o in only)


class _Facts:
    """Links of every pair, grouped into facts.

    Links are taken strongest first. A link joins a fact that holds its sentences on one side
    when all its sentences are linked, each in its own pairwise comparison, to all the fact's
    sentences of every other source: a fact seen from any two of its sources is then what those
    two sources' comparison links, no more and no less (benchmarks/nway.py checks it). Otherwise
    the link starts a fact of its own, so a sentence may sit in several facts: when C repeats
    what A says and B says half of it, A's sentence is in a fact with C's and in one with B's.
    """

    def __init__(self, n: int, comparisons: Sequence[Comparison]) -> None:
        self.n = n
        self.linked: dict[tuple[int, int], frozenset[tuple[int, int]]] = {}
        self.links: list[tuple[float, int, int, Link]] = []
        for (i, j), comparison in _numbered(n, comparisons):
            pairs = linked_pairs(comparison.links)
            self.linked[i, j] = pairs
            self.linked[j, i] = frozenset((y, x) for x, y in pairs)
            self.links.extend((link.score, i, j, link) for link in comparison.links)
        self.kinds: dict[tuple[int, int, int, int], Link] = {}
        for _, i, j, link in self.links:
            for x in link.a:
                for y in link.b:
                    self.kinds[i, x, j, y] = link
                    self.kinds[j, y, i, x] = link

    def _fits(self, members: list[set[int]], source: int, sentences: Sequence[int]) -> bool:
        """Whether each of ``sentences`` of ``source`` is linked, in its own pairwise comparison,
        to every sentence the fact holds from every other source."""
        return all(
            (x, y) in self.linked[source, k]
            for k, held in enumerate(members)
            if k != source
            for x in sentences
            for y in held
        )

    def build(self) -> tuple[Fact, ...]:
        groups: list[list[set[int]]] = []
        holding: dict[tuple[int, int], list[int]] = {}  # (source, sentence) -> groups holding it
        # Strongest first; ties in source and sentence order, so the result does not depend on
        # anything but the comparisons.
        for _, i, j, link in sorted(self.links, key=lambda t: (-t[0], t[1], t[2], t[3].a, t[3].b)):
            joined = False
            for here, there, own, other in ((i, j, link.a, link.b), (j, i, link.b, link.a)):
                candidates = sorted({g for x in own for g in holding.get((here, x), ())})
                for g in candidates:
                    members = groups[g]
                    if not set(own) <= members[here] and not self._fits(members, here, own):
                        continue
                    if set(other) <= members[there] or self._fits(members, there, other):
                        for source, sentences in ((here, own), (there, other)):
                            for x in sentences:
                                if x not in members[source]:
                                    members[source].add(x)
                                    holding.setdefault((source, x), []).append(g)
                        joined = True
                        break
                if joined:
                    break
            if not joined:
                members = [set() for _ in range(self.n)]
                members[i].update(link.a)
                members[j].update(link.b)
                g = len(groups)
                groups.append(members)
                for source, sentences in ((i, link.a), (j, link.b)):
                    for x in sentences:
                        holding.setdefault((source, x), []).append(g)
        kept = [m for m in groups if not any(o is not m and _within(m, o) for o in groups)]
        facts = [self._fact(members) for members in kept]
        facts.sort(key=lambda f: next((k, s[0]) for k, s in enumerate(f.sentences) if s))
        return tuple(facts)

    def _fact(self, members: list[set[int]]) -> Fact:
        carried: list[Carried] = []
        for k, held in enumerate(members):
            if not held:
                carried.append(Carried.ABSENT)
                continue
            links = {
                id(link): link
                for m, others in enumerate(members)
                if m != k
                for x in held
                for y in others
                if (link := self.kinds.get((k, x, m, y))) is not None
            }.values()
            if any(link.conflicts for link in links):
                carried.append(Carried.CONFLICT)
            elif all(link.kind is LinkKind.SAME for link in links):
                carried.append(Carried.SAME)
            else:
                carried.append(Carried.PARTIAL)
        return Fact(tuple(tuple(sorted(m)) for m in members), tuple(carried))


def _within(small: list[set[int]], big: list[set[int]]) -> bool:
    """Whether every sentence of ``small`` is in ``big`` (and they are not equal, or ``small``
    comes later: of two equal groups one is kept)."""
    return all(s <= b for s, b in zip(small, big, strict=True)) and (small != big or id(small) > id(big))


def _details(n: int, comparisons: Sequence[Comparison]) -> tuple[SourcedDetail, ...]:
    """Each distinct detail with the sources that carry it.

    Source k carries a detail of source i when their comparison says i's detail is shared;
    details of several sources with the same normalised key are one.
    """
    carriers: dict[tuple[DetailKind, str], set[int]] = {}
    first: dict[tuple[DetailKind, str], SourcedDetail] = {}
    for (i, j), comparison in _numbered(n, comparisons):
        for source, other, article in ((i, j, comparison.a), (j, i, comparison.b)):
            for detail in article.details:
                key = (detail.kind, detail.key)
                held = carriers.setdefault(key, set())
                held.add(source)
                if detail.shared:
                    held.add(other)
                known = first.get(key)
                if known is None or (source, detail.sentence) < (known.source, known.sentence):
                    first[key] = SourcedDetail(
                        detail.kind, detail.text, detail.key, source, detail.sentence, ()
                    )
    result = [
        SourcedDetail(d.kind, d.text, d.key, d.source, d.sentence, tuple(sorted(carriers[key])))
        for key, d in first.items()
    ]
    result.sort(key=lambda d: (d.source, d.sentence, list(DetailKind).index(d.kind), d.key))
    return tuple(result)
