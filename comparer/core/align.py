"""Which sentences go together: competitive, order-free matching of sentences into Links.

Any sentence of A may match any sentence of B, wherever it stands. Pairs are chosen globally:
all scored pairs compete, best first, and each sentence takes its best available partner (a
greedy maximum-weight matching). In the same pass a free sentence may join an existing link as a
further partner of its centre (a split or a merge), so splits and merges compete on score with
new one-to-one links. Links are stars (one sentence on one side, one or more on the other), never
many-to-many, so that a link reads as "this sentence of A is said by these of B".

Articles also repeat a fact in two places that the other article reports once. So after the
matching, any pair that reaches ``SECOND_LINK_THRESHOLD`` and is not yet in one link becomes a
link of its own, even when its sentences are already linked elsewhere: a sentence can be in more
than one link, and a fact the other article does report is not left looking unique.

Ties are broken by ``i + j``, which is the same after swapping A and B, so the result of
comparing B with A is exactly the mirror of comparing A with B.
"""

from __future__ import annotations

import heapq
import itertools
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from comparer.core import sameness
from comparer.core.conflicts import LinkReader, merged
from comparer.core.model import DEFAULT_SETTINGS, Link, LinkKind, Sentence, Settings, Span
from comparer.core.normalize import (
    MIN_VARIANT_LETTERS,
    letter_mask,
    min_shared_letters,
    spelling_variant,
)
from comparer.core.sameness import Wording, is_same
from comparer.core.similarity import (
    PairScorer,
    Pending,
    Profile,
    Seen,
    Weights,
    profile,
    similarity_value,
)

if TYPE_CHECKING:  # numpy and the meaning model are imported only when meaning is used
    from comparer.core import sense

LINK_THRESHOLD = 0.16
"""A pair scoring below this is no link (fitted on news-dev by benchmarks/fit_weights.py)."""
PARTNER_THRESHOLD = 0.18
"""A further partner of an already linked sentence must score at least this with it."""
SECOND_LINK_THRESHOLD = 0.24
"""A pair of sentences already linked elsewhere becomes a further link of its own at this score
(fitted by benchmarks/fit_weights.py: the best news-dev link F1 that keeps the seed facts and
does not lower only-in F1)."""
LINKS_PER_SENTENCE = 6
"""A sentence is in at most this many links (further links taken best first). News copy repeats
a fact in two or three places; a document that repeats a sentence a hundred times would
otherwise link every copy with every copy of its partner, tens of thousands of links that say
nothing more than the first few."""
SPELLING_VARIANT = 0.85
"""Two words whose letters agree at least this much (difflib ratio) are one word spelt two ways."""


@dataclass(frozen=True, slots=True)
class Pair:
    i: int
    j: int
    score: float


@dataclass(frozen=True, slots=True)
class Candidates:
    """The sentence pairs that may reach a floor: ``(i, j, score, None)`` with the exact score, or
    ``(i, j, bound, pending)`` with an upper bound of it, which ``exact(pending)`` makes exact (or
    ``None``: below the floor after all)."""

    entries: list[tuple[int, int, float, Pending | None]]
    exact: Callable[[Pending], float | None]

    @staticmethod
    def of(pairs: Iterable[Pair]) -> Candidates:
        """Candidates whose scores are all known."""

        def never(pending: Pending) -> float | None:
            raise AssertionError("every score is known")

        return Candidates([(p.i, p.j, p.score, None) for p in pairs], never)


def candidate_pairs(
    pa: Sequence[Profile | None],
    pb: Sequence[Profile | None],
    weights: Weights,
    floor: float,
    done: Callable[[float], None] | None = None,
) -> Candidates:
    """Every pair that may score at least ``floor``, with its score or a bound of it
    (``similarity.PairScorer``: no difflib work yet).

    ``done``, when given, is told the share of A's sentences looked at so far, now and then.
    """
    entries: list[tuple[int, int, float, Pending | None]] = []
    scorer = PairScorer(pa, pb, weights, floor, LINKS_PER_SENTENCE)
    step = max(1, len(pa) // 50)
    for i in range(len(pa)):
        entries.extend((i, j, value, pending) for j, value, pending in scorer.candidates_of(i))
        if done is not None and i % step == 0:
            done(i / len(pa))
    return Candidates(entries, scorer.exact)


def scored_pairs(
    pa: Sequence[Profile | None],
    pb: Sequence[Profile | None],
    weights: Weights,
    floor: float,
    done: Callable[[float], None] | None = None,
) -> list[Pair]:
    """Every candidate pair scoring at least ``floor``, best first, ties broken symmetrically: the
    order linking goes through them in (``_BestFirst``), with every candidate wanted.

    ``done``, when given, is told the share of A's sentences looked at so far, now and then.
    """
    ranked = _BestFirst(candidate_pairs(pa, pb, weights, floor, done), {})
    return list(ranked.pairs(ranked.keys(floor), lambda i, j, bound: True, []))


_Key = tuple[float, int, int, int, int, int]
"""A candidate's place in the best-first order: ``(-score, 1, i + j, i, j, k)`` for an exact score,
``(-bound, 0, i + j, i, j, k)`` for a bound, ``k`` its entry in ``Candidates.entries``. A bound goes
before an exact score of the same value: the pair may score exactly that and come before it."""


class _BestFirst:
    """Candidate pairs best first, each scored exactly only when its turn comes, and only if its
    score can still change the links.

    A candidate with a bound comes up at its bound's place, before its exact score's. Then
    ``wanted(i, j, bound)`` is asked whether a pair of ``i`` and ``j`` scoring at most ``bound``
    could still change anything; it must only say no for what stays true as the links grow (a
    sentence already taken stays taken), so that the pair, met at its exact score later, would
    change nothing either. If wanted, the pair is scored exactly and goes back in line at its score;
    if not, it is put aside unscored (``passed_over``), for a later pass that may want it. The
    result is that of scoring every candidate first and going through them in order, for a
    fraction of the difflib work: in long documents most pairs come up when their sentences are
    taken by better partners.
    """

    def __init__(self, candidates: Candidates, scores: dict[tuple[int, int], float]) -> None:
        self._candidates = candidates
        self.scores = scores
        """The exact scores known, by pair: those given, and those computed on the way."""

    def keys(self, floor: float) -> list[_Key]:
        """The keys of the candidates that may reach ``floor``, sorted."""
        keys = [
            (-value, int(pending is None), i + j, i, j, k)
            for k, (i, j, value, pending) in enumerate(self._candidates.entries)
            if value >= floor
        ]
        keys.sort()
        return keys

    def pairs(
        self,
        keys: list[_Key],
        wanted: Callable[[int, int, float], bool],
        passed_over: list[_Key],
        done: Callable[[float], None] | None = None,
    ) -> Iterator[Pair]:
        """The pairs of ``keys`` (sorted) best first, with exact scores; see the class docstring.

        ``done``, when given, is told the share of ``keys`` gone through, now and then.
        """
        entries, exact, scores = self._candidates.entries, self._candidates.exact, self.scores
        waiting: list[_Key] = []  # scored on the way, not yet reached: a heap
        k, n = 0, len(keys)
        step, told = max(1, n // 50), -1
        while k < n or waiting:
            if done is not None and k // step > told:
                told = k // step
                done(k / n)
            if waiting and (k == n or waiting[0] < keys[k]):
                key = heapq.heappop(waiting)
            else:
                key = keys[k]
                k += 1
            negative, is_exact, _, i, j, index = key
            if is_exact:
                scores[i, j] = -negative
                yield Pair(i, j, -negative)
                continue
            if not wanted(i, j, -negative):
                passed_over.append(key)
                continue
            pending = entries[index][3]
            assert pending is not None
            value = exact(pending)
            if value is not None:
                heapq.heappush(waiting, (-value, 1, i + j, i, j, index))


class _Stars:
    """Links under construction: each sentence belongs to at most one star."""

    def __init__(self) -> None:
        self.a_of: dict[int, int] = {}
        self.b_of: dict[int, int] = {}
        self.members: list[tuple[list[int], list[int]]] = []

    def new(self, i: int, j: int) -> None:
        self.a_of[i] = self.b_of[j] = len(self.members)
        self.members.append(([i], [j]))

    def add_b(self, star: int, j: int) -> None:
        self.members[star][1].append(j)
        self.b_of[j] = star

    def add_a(self, star: int, i: int) -> None:
        self.members[star][0].append(i)
        self.a_of[i] = star


def _choose(pairs: Iterable[Pair], link_floor: float, partner_floor: float, stars: _Stars) -> None:
    """Stars grown in one pass over the pairs, best first.

    Two free sentences start a star when their pair reaches ``link_floor``. A free sentence joins
    the star of its partner when the pair reaches ``partner_floor`` and that partner is the
    star's centre (or the star is still one-to-one), so a split or a merge competes with new
    one-to-one links on score instead of only taking what they left over.
    """
    # Pairs with the same score and the same i + j look alike from both sides, so which of them
    # goes first must not matter: each group acts on the stars as they were before it, and pairs
    # of one group that would grow the same star (duplicated sentences) all give way.
    for _, group in itertools.groupby(pairs, key=lambda p: (p.score, p.i + p.j)):
        fresh: list[Pair] = []
        growth: dict[int, list[tuple[str, Pair]]] = {}
        for pair in group:
            side = _role(stars, pair.i, pair.j, pair.score, link_floor, partner_floor)
            if side == "new":
                fresh.append(pair)
            elif side == "b":
                growth.setdefault(stars.a_of[pair.i], []).append(("b", pair))
            elif side == "a":
                growth.setdefault(stars.b_of[pair.j], []).append(("a", pair))
        for star, grows in growth.items():
            if len(grows) == 1:
                side, pair = grows[0]
                if side == "b":
                    stars.add_b(star, pair.j)
                else:
                    stars.add_a(star, pair.i)
        for pair in fresh:
            stars.new(pair.i, pair.j)


def _role(stars: _Stars, i: int, j: int, score: float, link_floor: float, partner_floor: float) -> str:
    """What a pair scoring ``score`` would do to the stars as they are: start a star ("new"), add
    ``j`` to the star centred on ``i`` ("b") or ``i`` to the one centred on ``j`` ("a"), or nothing
    (""). Nothing stays nothing as the stars grow and for any lower score, given ``link_floor <=
    partner_floor`` (a pair too weak to start a star is then too weak to grow one): ``_BestFirst``
    relies on it, and ``link_profiles`` checks it.
    """
    i_star, j_star = stars.a_of.get(i), stars.b_of.get(j)
    if i_star is None and j_star is None:
        return "new" if score >= link_floor else ""
    if score < partner_floor or (i_star is not None and j_star is not None):
        return ""
    if i_star is not None:
        return "b" if len(stars.members[i_star][0]) == 1 else ""
    assert j_star is not None
    return "a" if len(stars.members[j_star][1]) == 1 else ""


def _further_links(
    pairs: Iterable[Pair],
    together: set[tuple[int, int]],
    floor: float,
    in_a: Counter[int],
    in_b: Counter[int],
) -> list[tuple[list[int], list[int]]]:
    """Pairs reaching ``floor`` and not yet linked together, as links of their own, best first,
    while both sentences are in fewer than ``LINKS_PER_SENTENCE`` links (``in_a``, ``in_b``: how
    many links each is in so far; counted on as links are added).

    As in ``_choose``, pairs with the same score and the same i + j act as one group on the
    counts as they were before it, so the result is the mirror of the swapped comparison's.
    """
    further: list[tuple[list[int], list[int]]] = []
    candidates = (p for p in pairs if p.score >= floor and (p.i, p.j) not in together)
    for _, group in itertools.groupby(candidates, key=lambda p: (p.score, p.i + p.j)):
        taken = [p for p in group if in_a[p.i] < LINKS_PER_SENTENCE and in_b[p.j] < LINKS_PER_SENTENCE]
        for p in taken:
            in_a[p.i] += 1
            in_b[p.j] += 1
            further.append(([p.i], [p.j]))
    return further


def _merged(profiles: list[Profile]) -> Profile:
    if len(profiles) == 1:
        return profiles[0]
    tokens = tuple(t for p in profiles for t in p.tokens)
    stems = tuple(s for p in profiles for s in p.stems)
    return Profile(tokens, stems, frozenset(stems), frozenset().union(*(p.numbers for p in profiles)))


class TheirWords:
    """The content words of one side of a link, as ``only_spans`` asks about them: does this side
    hold a word spelt slightly differently (Zelenskyy/Zelensky)?

    Made once for a side that is in many links, and remembers its answers: long documents ask
    about the same word and the same sentence again and again. Its words are gathered on the
    first question only: many sides are never asked (every word they would be asked about has
    its stem there, or is too short to vary).
    """

    def __init__(self, theirs: Profile) -> None:
        self._theirs = theirs
        self._variable: list[tuple[str, int, int, int]] | None = None
        """The words that can be spelling variants, with their length and ``letter_mask``."""
        self._answers: dict[str, bool] = {}

    def have_variant_of(self, word: str) -> bool:
        """Whether these words hold ``word`` spelt slightly differently (numbers never vary).

        A word the other side holds exactly is never asked about: it has the same stem there.
        """
        if len(word) < MIN_VARIANT_LETTERS or not word.isalpha():
            return False
        answer = self._answers.get(word)
        if answer is None:
            answer = self._answers[word] = self._variant_of(word)
        return answer

    def _variable_words(self) -> list[tuple[str, int, int, int]]:
        if self._variable is None:
            # Only alphabetic words of MIN_VARIANT_LETTERS letters or more can be spelling variants.
            self._variable = [
                (word, len(word), *letter_mask(word))
                for word in {t.norm for t in self._theirs.tokens if t.content}
                if len(word) >= MIN_VARIANT_LETTERS and word.isalpha()
            ]
        return self._variable

    def _variant_of(self, word: str) -> bool:
        # A sentence has a handful of such words: one flat pass, no index by length. The letters
        # of nearly every other word rule it out at once (normalize.letter_masks_agree, written
        # out here with its division looked up: it runs for most pairs of words a long
        # comparison meets).
        mask, repeats = letter_mask(word)
        length = len(word)
        needed = (
            _shared_needed_upto(2 * length + 2) if 2 * length + 2 >= len(_SHARED_NEEDED) else _SHARED_NEEDED
        )
        for other, size, other_mask, other_repeats in self._variable_words():
            if -2 <= size - length <= 2:
                shared = (mask & other_mask).bit_count() + (
                    repeats if repeats < other_repeats else other_repeats
                )
                if shared >= needed[length + size] and spelling_variant(word, other, SPELLING_VARIANT):
                    return True
        return False


_SHARED_NEEDED = [0]
"""``normalize.min_shared_letters`` for SPELLING_VARIANT by the letters of two words summed, for a
list look-up instead of a call per pair of words; replaced by a longer one (``_shared_needed_upto``)
when a longer word is met."""


def _shared_needed_upto(letters: int) -> list[int]:
    """``_SHARED_NEEDED``, long enough to hold ``letters``. A longer table is built whole and then
    put in place, so a comparison in another thread only ever sees a complete one."""
    global _SHARED_NEEDED
    table = _SHARED_NEEDED
    if letters >= len(table):
        table = [
            *table,
            *(min_shared_letters(total, 0, SPELLING_VARIANT) for total in range(len(table), letters + 1)),
        ]
        _SHARED_NEEDED = table
    return table


_STRONG_PUNCTUATION = frozenset({".", "!", "?", ";", ":", "(", ")", '"', "“", "”"})


class _LinkSide(NamedTuple):
    """One side of a link (a sentence, or the sentences of a split or merge): its profile, its
    words for spelling variants and its wording for the sameness model, made once however many
    links the side is in (a sentence of a long document is in up to ``LINKS_PER_SENTENCE``)."""

    profile: Profile
    words: TheirWords
    wording: Wording


def only_spans(mine: Profile, theirs: Profile, their_words: TheirWords | None = None) -> tuple[Span, ...]:
    """The words and phrases of ``mine`` whose meaning ``theirs`` lacks, as character spans.

    A content word counts as present when the other side has its stem, or the same word spelt
    slightly differently (Zelenskyy/Zelensky). Case, punctuation and stopwords alone never make a
    difference. Neighbouring differing words, with only stopwords or punctuation between them
    inside one sentence, make one phrase. ``their_words`` is ``TheirWords(theirs)``, given when
    the caller keeps it for a side that is in several links.
    """
    if mine.bag <= theirs.bag:  # every stem is there: a fifth of the links of a long document
        return ()
    # Spelling variants are judged on the words, not the stems: Snowball stems "Zelenskyy" and
    # "Zelensky" differently enough ("zelenskyy", "zelenski") to hide that they are one name.
    if their_words is None:
        their_words = TheirWords(theirs)
    tokens, bag = mine.tokens, theirs.bag
    spans: list[Span] = []
    start = end = 0
    last = -1
    for k, token in enumerate(tokens):
        if not token.content or token.stem in bag or their_words.have_variant_of(token.norm):
            continue
        if last < 0:
            start = token.start
        elif any(t.content or t.text in _STRONG_PUNCTUATION for t in tokens[last + 1 : k]):
            # A present content word, a sentence end or strong punctuation lies between.
            spans.append(Span(start, end))
            start = token.start
        end, last = token.end, k
    if last >= 0:
        spans.append(Span(start, end))
    return tuple(spans)


def profiles(sentences: Sequence[Sentence], seen: Seen | None = None) -> list[Profile | None]:
    """The similarity profile of each sentence; ``None`` for boilerplate, which never matches.

    ``seen`` (empty at first, then given again for the other article of the comparison) lets a
    sentence text profiled before be profiled only once (``similarity.profile``).
    """
    seen = {} if seen is None else seen
    return [None if s.boilerplate else profile(s, seen) for s in sentences]


def pair_profiles(
    sentences_a: Sequence[Sentence], sentences_b: Sequence[Sentence]
) -> tuple[list[Profile | None], list[Profile | None]]:
    """``profiles`` of both articles of a comparison, each text they share profiled once."""
    seen: Seen = {}
    return profiles(sentences_a, seen), profiles(sentences_b, seen)


def pair_weights(pa: Sequence[Profile | None], pb: Sequence[Profile | None]) -> Weights:
    """Rarity of each stem within the two articles being compared."""
    return Weights([p.bag for p in [*pa, *pb] if p is not None])


def _shares(
    done: Callable[[float], None] | None, shares: Sequence[float]
) -> list[Callable[[float], None] | None]:
    """One progress callback per part of a task, each reporting its own share done as the share of
    the whole (``shares`` add up to 1); ``None`` for each when ``done`` is."""
    if done is None:
        return [None] * len(shares)
    report = done

    def part(start: float, share: float) -> Callable[[float], None]:
        return lambda fraction: report(start + share * fraction)

    starts = list(itertools.accumulate(shares, initial=0.0))[:-1]
    return [part(start, share) for start, share in zip(starts, shares, strict=True)]


def _link_side(
    made: dict[tuple[str, tuple[int, ...]], _LinkSide],
    article: str,
    indices: Sequence[int],
    profiles: Sequence[Profile | None],
) -> _LinkSide:
    """The side of a link made of these sentences of one article, made once: a sentence of a
    long document is in several links."""
    key = (article, tuple(indices))
    side = made.get(key)
    if side is None:
        merged = _merged([p for i in indices if (p := profiles[i]) is not None])
        side = made[key] = _LinkSide(merged, TheirWords(merged), Wording(merged))
    return side


@dataclass(frozen=True)
class Meaning:
    """What the meaning-aware alignment needs besides the profiles: both articles' embeddings,
    whose clauses are encoded as the candidates ask (``sense.Embeddings``)."""

    embeddings: sense.Embeddings


@dataclass(frozen=True)
class Cuts:
    link: float
    partner: float
    second: float


def cuts_for(settings: Settings, meaning: Meaning | None) -> Cuts:
    if meaning is None:
        base = (LINK_THRESHOLD, PARTNER_THRESHOLD, SECOND_LINK_THRESHOLD)
    else:
        from comparer.core import sense

        base = (sense.LINK_THRESHOLD, sense.PARTNER_THRESHOLD, sense.SECOND_LINK_THRESHOLD)
    link, partner, second = (max(0.0, cut + settings.threshold) for cut in base)
    return Cuts(link, partner, second)


def meaning_candidates(
    pa: Sequence[Profile | None],
    pb: Sequence[Profile | None],
    weights: Weights,
    meaning: Meaning,
    floor: float,
    done: Callable[[float], None] | None = None,
) -> tuple[Candidates, dict[tuple[int, int], float]]:
    """Every pair whose meaning-aware score (``sense.link_score``) reaches ``floor``, scored
    exactly, with the lexical score of each (for same / partial).

    Pairs that share a stem are found by ``PairScorer`` at the lowest lexical score with which
    the best cosines could still lift a pair to ``floor``; pairs that share none are proposed by
    their cosines (``sense.neighbours``) and scored with a lexical score of 0. The clauses of
    a sentence are encoded only when one of its pairs could reach ``floor`` with a perfect
    clause cosine (``sense.rest_bound``). Pairs whose sentences do not both pass the sentence
    gate (``sense.gate``) are left out.
    """
    from comparer.core import sense

    embeddings = meaning.embeddings
    cos, _ = sense.cosines(embeddings.a, embeddings.b)
    low, high = sense.margins(cos)
    bound = sense.rest_bound(cos, low, high)
    lexical: dict[tuple[int, int], float] = {}
    lex_floor = sense.lexical_floor(bound, floor)
    scorer = PairScorer(pa, pb, weights, lex_floor, LINKS_PER_SENTENCE)
    step = max(1, len(pa) // 50)
    for i in range(len(pa)):
        for j, value in scorer.scores_of(i):
            if value > 0.0:
                lexical[i, j] = value
        if done is not None and i % step == 0:
            done(i / len(pa))
    proposed = {(i, j) for i, j in sense.neighbours(cos) if pa[i] is not None and pb[j] is not None}

    def lexical_term(i: int, j: int) -> float:
        return sense.BIAS + sense.COEFFICIENTS.lexical * sense.lexical_logit(lexical.get((i, j), 0.0))

    hopeful = [
        (i, j)
        for i, j in sorted(proposed | lexical.keys())
        if sense.logistic(lexical_term(i, j) + float(bound[i, j])) >= floor
    ]
    embeddings.complete({i for i, _ in hopeful}, {j for _, j in hopeful})
    _, clause = sense.cosines(embeddings.a, embeddings.b)
    rest = sense.rest_of_argument(cos, clause, low, high)
    pairs = []
    for i, j in hopeful:
        score = sense.logistic(lexical_term(i, j) + float(rest[i, j]))
        if score >= floor:
            pairs.append(Pair(i, j, score))
    # Only sentences likely told by both articles may link at all (sense.gate).
    kept = sense.gate([(p.i, p.j, p.score) for p in pairs], cos, pa, pb, sense.SHARED_CUT)
    return Candidates.of(p for p in pairs if (p.i, p.j) in kept), lexical


def choose_groups(
    candidates: Candidates, cuts: Cuts, done: Callable[[float], None] | None = None
) -> tuple[list[tuple[list[int], list[int]]], dict[tuple[int, int], float]]:
    """The links' sentences, ``(a side, b side)``, chosen from the candidates (stars best first,
    then further links), and the exact scores of the pairs scored on the way."""
    floor = min(cuts.link, cuts.partner, cuts.second)
    ranked = _BestFirst(candidates, {})
    stars = _Stars()
    put_aside: list[_Key] = []

    def may_grow_stars(i: int, j: int, bound: float) -> bool:
        return _role(stars, i, j, bound, cuts.link, cuts.partner) != ""

    pairs = ranked.pairs(ranked.keys(floor), may_grow_stars, put_aside, done)
    _choose(pairs, cuts.link, cuts.partner, stars)
    groups = [(sorted(a_side), sorted(b_side)) for a_side, b_side in stars.members]
    together = {(i, j) for a_side, b_side in groups for i in a_side for j in b_side}
    # Independent of order: every pair above the floor not already linked, so still symmetric.
    in_a = Counter(i for a_side, _ in groups for i in a_side)
    in_b = Counter(j for _, b_side in groups for j in b_side)

    def may_link(i: int, j: int, bound: float) -> bool:
        return in_a[i] < LINKS_PER_SENTENCE and in_b[j] < LINKS_PER_SENTENCE and (i, j) not in together

    second = [
        *((-score, 1, i + j, i, j, -1) for (i, j), score in ranked.scores.items() if score >= cuts.second),
        *(key for key in put_aside if -key[0] >= cuts.second),
    ]
    second.sort()
    groups += _further_links(ranked.pairs(second, may_link, []), together, cuts.second, in_a, in_b)
    return groups, ranked.scores


def link_profiles(
    pa: Sequence[Profile | None],
    pb: Sequence[Profile | None],
    weights: Weights,
    settings: Settings = DEFAULT_SETTINGS,
    done: Callable[[float], None] | None = None,
    meaning: Meaning | None = None,
) -> tuple[Link, ...]:
    """Links between two articles given their sentence profiles; see the module docstring.

    With ``meaning``, pairs are scored by the meaning-aware model (``sense``) instead of the
    lexical one, and meaning proposes pairs that share no stem.

    ``done``, when given, is told the share of the work done so far, now and then: finding the
    candidate pairs, linking them (which scores them), and finding the words each link's sides
    do not share.
    """
    cuts = cuts_for(settings, meaning)
    floor = min(cuts.link, cuts.partner, cuts.second)
    assert cuts.link <= cuts.partner, "lazy linking (_role) needs the link floor at most the partner floor"
    report = _shares(done, (0.55, 0.3, 0.15))  # the candidates, the linking, the links' words
    lexical: dict[tuple[int, int], float] = {}
    if meaning is None:
        candidates = candidate_pairs(pa, pb, weights, floor, report[0])
    else:
        candidates, lexical = meaning_candidates(pa, pb, weights, meaning, floor, report[0])
    groups, pair_score = choose_groups(candidates, cuts, report[1])
    # A one-to-one link's score is its pair's, already computed exactly as similarity() would;
    # only splits and merges need their sentences scored together.
    links = []
    sides: dict[tuple[str, tuple[int, ...]], _LinkSide] = {}
    reader = LinkReader(*([None if p is None else p.tokens for p in side] for side in (pa, pb)))
    step = max(1, len(groups) // 20)
    for k, (a_side, b_side) in enumerate(groups):
        if report[2] is not None and k % step == 0:
            report[2](k / len(groups))
        side_a = _link_side(sides, "a", a_side, pa)
        side_b = _link_side(sides, "b", b_side, pb)
        one_to_one = len(a_side) == len(b_side) == 1
        if meaning is None:
            if one_to_one:
                score = pair_score[a_side[0], b_side[0]]
            else:
                score = similarity_value(side_a.profile, side_b.profile, weights)
            same = is_same(
                side_a.profile, side_b.profile, score, settings.threshold, (side_a.wording, side_b.wording)
            )
        else:
            if one_to_one:
                lexical_score = lexical.get((a_side[0], b_side[0]), 0.0)
            else:
                lexical_score = similarity_value(side_a.profile, side_b.profile, weights)
            score = max(pair_score.get((i, j), 0.0) for i in a_side for j in b_side)
            same = _meaning_same(meaning, a_side, b_side, lexical_score, side_a, side_b, settings)
        kind = LinkKind.SAME if same else LinkKind.PARTIAL
        # Where the two say different things, and the small words that carry meaning one side
        # only has (stopwords to the matching): see conflicts.read_link.
        reading = reader.read(a_side, b_side)
        only_a = merged((*only_spans(side_a.profile, side_b.profile, side_b.words), *reading.meaning_a))
        only_b = merged((*only_spans(side_b.profile, side_a.profile, side_a.words), *reading.meaning_b))
        links.append(
            Link(tuple(a_side), tuple(b_side), kind, round(score, 4), only_a, only_b, reading.conflicts)
        )
    links.sort(key=lambda link: (link.a[0], link.b[0]))
    return tuple(links)


def link_identical(
    sentences_a: Sequence[Sentence], sentences_b: Sequence[Sentence], links: Sequence[Link]
) -> tuple[Link, ...]:
    """``links`` and an exact link for each story sentence with an identical twin on the other side
    (the same text, white space aside) where neither is in an exact link yet.

    Scoring reads content words, so a sentence with none (``He said it was not so.``, a bare
    ``:``) never links by score, and the meaning-aware model may call such a pair partial;
    identical text is the same information whatever its words, so a one-to-one link between
    twins that is not exact gives way to the exact one. The k-th such copy of a text in A goes
    with the k-th in B, which is the same after swapping sides.
    """
    exact = [link for link in links if link.kind is LinkKind.SAME and not (link.only_a or link.only_b)]

    def unmatched(sentences: Sequence[Sentence], side: str) -> dict[str, list[int]]:
        matched = {k for link in exact for k in (link.a if side == "a" else link.b)}
        copies: dict[str, list[int]] = {}
        for s in sentences:
            if not s.boilerplate and s.index not in matched:
                copies.setdefault(" ".join(s.text.split()), []).append(s.index)
        return copies

    in_b = unmatched(sentences_b, "b")
    twins = {
        (i, j)
        for text, copies in unmatched(sentences_a, "a").items()
        for i, j in zip(copies, in_b.get(text, ()), strict=False)
    }
    if not twins:
        return tuple(links)
    replaced = {((i,), (j,)) for i, j in twins}
    kept = [link for link in links if (link.a, link.b) not in replaced]
    joined = {(i, j) for link in kept for i in link.a for j in link.b}
    added = [Link((i,), (j,), LinkKind.SAME, 1.0) for i, j in sorted(twins) if (i, j) not in joined]
    return tuple(sorted([*kept, *added], key=lambda link: (link.a[0], link.b[0])))


def _meaning_same(
    meaning: Meaning,
    a_side: Sequence[int],
    b_side: Sequence[int],
    lexical_score: float,
    side_a: _LinkSide,
    side_b: _LinkSide,
    settings: Settings,
) -> bool:
    """Whether a link is ``same`` by the meaning-aware decision (``sense.SAME_FEATURES``); a
    split or a merge is judged on its sides' mean embeddings and all their clauses."""
    from comparer.core import sense

    va, ca = sense.merged(meaning.embeddings.a, a_side)
    vb, cb = sense.merged(meaning.embeddings.b, b_side)
    cosine = float(va @ vb)
    clause = float((ca @ cb.T).max()) if len(ca) and len(cb) else cosine
    if lexical_score >= sameness.SAME_LINK_SCORE + settings.threshold:
        return True  # as close in wording as the lexical model's own rule asks: the same statement
    lexical = sameness.features(side_a.profile, side_b.profile, lexical_score)
    probability = sense.same_probability((*lexical, cosine, clause))
    return probability >= sense.SAME_PROBABILITY + settings.threshold


def align(
    sentences_a: Sequence[Sentence], sentences_b: Sequence[Sentence], settings: Settings = DEFAULT_SETTINGS
) -> tuple[Link, ...]:
    """Link the sentences of two articles; see the module docstring."""
    pa, pb = pair_profiles(sentences_a, sentences_b)
    return link_identical(sentences_a, sentences_b, link_profiles(pa, pb, pair_weights(pa, pb), settings))
