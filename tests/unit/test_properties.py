"""Property tests: on any text, comparing never fails, never loses a character, and is symmetric.

Each property runs 2,000 examples in the normal run and many more under ``-m slow``. The texts mix
arbitrary Unicode (controls, NUL, combining marks, right-to-left scripts, emoji, long lines with no
punctuation, white space only) with real news sentences, so that links do occur and the mirror
and link properties have something to check.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from comparer.core.compare import compare
from comparer.core.document import from_string
from comparer.core.model import Comparison, DetailKind, Document, Settings, Side
from comparer.core.segment import segment

FRAGMENTS = (
    "Firefighters battled a blaze at the old mill on Tuesday.",
    "Fire crews fought a fire at the old mill on Tuesday night.",
    "Fire chief Anna Berg said 40 people were evacuated.",
    "Anna Berg, the fire chief, said about 40 residents had to leave.",
    '"We got everyone out," Berg said.',
    "Nobody was hurt, officials said.",
    "Mayor Tom Reyes thanked the crews at 9 p.m. on Wednesday.",
    "The U.S. Forest Service sent 3 planes.",
    "Damage was put at $2.5 million.",
    "READ MORE: Wildfires in the region",
    "MOSCOW (Reuters) -",
    "Kremlin spokesman Dmitry Peskov said Putin was not in the Kremlin.",
    "Kyiv has denied any involvement in the incident.",
)
ODD_PIECES = (
    "\u0301\u0308\u0327",  # combining marks with nothing to combine with
    "e\u0301 n\u0303 a\u030a",
    "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd.",  # Hebrew
    "\u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645\u061f",  # Arabic
    "\u202e\u2066\u2069\u200f\u200e",  # bidi controls
    "\U0001f525\U0001f692\U0001f468\u200d\U0001f469\u200d\U0001f467 \U0001f1fa\U0001f1e6",  # emoji, ZWJ
    "\x00\x01\x07\x08\x1b[31m\x1b]0;title\x07\x7f\x85\x9b",  # C0, C1, escapes
    "\r\n\r\t\x0b\x0c\u2028\u2029\u00a0\u3000",  # every kind of line end and space
    "\u6c11\u4e3b\u3002\u7acb\u6cd5\u3002",  # CJK with ideographic full stops
    "\ufeff\u200b",
    "...?!\u2026 \" ' \u201d \u2019 ) ] ",
    "Mr. Dr. U.S. p.m. e.g. No. 5",
)
BLANKS = st.text(alphabet=" \t\n\r\x0b\x0c\u00a0\u2028\u3000", max_size=20)


def _long_lines(length: int) -> st.SearchStrategy[str]:
    """One line of about ``length`` words with no punctuation at all."""
    words = st.lists(st.text(alphabet="abcdefgh\u00e9\u05d0", min_size=1, max_size=8), min_size=1, max_size=5)
    return words.map(lambda chosen: " ".join(chosen * (length // len(chosen) + 1)))


pieces = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.sampled_from(ODD_PIECES),
    st.text(max_size=40),
    BLANKS,
    st.sampled_from([" ", "\n", "\n\n", ". "]),
)


def _texts(long_line: int) -> st.SearchStrategy[str]:
    return st.one_of(
        st.lists(pieces, max_size=10).map("".join),
        st.text(max_size=200),
        BLANKS,
        _long_lines(long_line),
    )


# Segmenting is cheap, so its lines are long; comparing two long repetitive lines is quadratic
# in difflib (about 2 s for 600 words each), so the compare properties use shorter ones.
documents = _texts(long_line=100).map(from_string)
long_documents = _texts(long_line=2000).map(from_string)
# Pairs that share sentences, so links form: B is A's fragments reordered, trimmed and salted.
shared_pairs = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=6).flatmap(
    lambda chosen: st.tuples(
        st.just(chosen),
        st.permutations(chosen),
        st.lists(pieces, max_size=3),
        st.integers(1, len(chosen)),
    )
)

WORDS = Settings(lexical=True)
"""Thousands of generated pairs: the lexical alignment, whose exactness these properties guard (the
meaning-aware one's symmetry is tested in test_meaning_alignment.py)."""
NORMAL = settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=30000, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _pair(args: tuple[list[str], list[str], list[str], int]) -> tuple[Document, Document]:
    chosen, shuffled, extra, keep = args
    a = " ".join(chosen)
    b = "\n\n".join([*shuffled[:keep], "".join(extra)])
    return from_string(a, "a.txt"), from_string(b, "b.txt")


def _normal_and_slow(
    strategy: st.SearchStrategy[Any], check: Callable[[Any], None]
) -> tuple[Callable[[], None], Callable[[], None]]:
    """The same property twice: 2,000 examples for every run, many more for ``-m slow``."""
    normal = NORMAL(given(strategy)(check))
    slow = pytest.mark.slow(SLOW(given(strategy)(check)))
    return normal, slow


# Sentences tile the text


def _tiling(document: Document) -> None:
    text = document.text
    sentences = segment(document)
    owner = [-1] * len(text)
    cursor = 0
    for k, sentence in enumerate(sentences):
        assert sentence.index == k
        assert cursor <= sentence.start < sentence.end <= len(text)
        assert text[sentence.start : sentence.end] == sentence.text
        for offset in range(sentence.start, sentence.end):
            owner[offset] = k
        cursor = sentence.end
    for offset, char in enumerate(text):
        if not char.isspace():
            assert owner[offset] != -1, f"character {char!r} at {offset} is in no sentence"
    paragraphs = [s.paragraph for s in sentences]
    assert paragraphs == sorted(paragraphs)


test_sentences_tile_the_text, test_sentences_tile_the_text_slow = _normal_and_slow(long_documents, _tiling)


# Comparing never raises, and every link points at real sentences


def _valid(comparison: Comparison) -> None:
    linked: dict[Side, set[int]] = {Side.A: set(), Side.B: set()}
    pairs: set[tuple[int, int]] = set()
    for link in comparison.links:
        assert link.a and link.b
        joined = {(i, j) for i in link.a for j in link.b}
        assert pairs.isdisjoint(joined), "two links join the same pair of sentences"
        pairs |= joined
        assert len(link.a) == 1 or len(link.b) == 1
        assert 0.0 <= link.score <= 1.0 or link.score == pytest.approx(1.0)
        for side in Side:
            article = comparison.article(side)
            indices = link.indices(side)
            assert list(indices) == sorted(set(indices))
            assert all(0 <= i < len(article.sentences) for i in indices)
            assert not any(article.sentences[i].boilerplate for i in indices)
            linked[side].update(indices)
            low = min(article.sentences[i].start for i in indices)
            high = max(article.sentences[i].end for i in indices)
            for span in link.only(side):
                assert low <= span.start < span.end <= high
    for side in Side:
        article = comparison.article(side)
        story = {s.index for s in article.sentences if not s.boilerplate}
        only = comparison.only_in(side)
        assert list(only) == sorted(story - linked[side])
        for detail in article.details:
            assert 0 <= detail.sentence < len(article.sentences)
            sentence = article.sentences[detail.sentence]
            assert sentence.start <= detail.start < sentence.end
            assert detail.start < detail.end <= len(article.document.text)
            if detail.kind is not DetailKind.QUOTE:  # a quote may run over several sentences
                assert detail.end <= sentence.end
    summary = comparison.summary
    assert summary.links == len(comparison.links) == summary.same + summary.partial
    assert 0.0 <= summary.coverage_a <= 1.0 and 0.0 <= summary.coverage_b <= 1.0


def _never_raises(pair: tuple[Document, Document]) -> None:
    _valid(compare(*pair, WORDS))


test_compare_never_raises, test_compare_never_raises_slow = _normal_and_slow(
    st.tuples(documents, documents), _never_raises
)
test_links_are_valid, test_links_are_valid_slow = _normal_and_slow(shared_pairs.map(_pair), _never_raises)


# Swapping A and B mirrors the result; the same input gives the same result


def _mirror(pair: tuple[Document, Document]) -> None:
    a, b = pair
    forward = compare(a, b, WORDS)
    assert compare(b, a, WORDS) == forward.mirrored()
    assert compare(a, b, WORDS) == forward


mirror_inputs = st.one_of(shared_pairs.map(_pair), st.tuples(documents, documents))
test_mirror_and_determinism, test_mirror_and_determinism_slow = _normal_and_slow(mirror_inputs, _mirror)


def test_shared_pairs_do_link() -> None:
    """The mirror property is only worth something if links occur: check the strategy makes them."""
    linked = 0

    @settings(max_examples=200, deadline=None, database=None)
    @given(shared_pairs.map(_pair))
    def count(pair: tuple[Document, Document]) -> None:
        nonlocal linked
        linked += bool(compare(*pair, WORDS).links)

    count()
    assert linked >= 100


def test_same_result_across_processes(tmp_path: Any) -> None:
    """No dependence on hash seeds or set order: two interpreters print identical JSON."""
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text(" ".join(FRAGMENTS[:7]) + "\n\n" + ODD_PIECES[3], encoding="utf-8")
    b.write_text("\n".join(reversed(FRAGMENTS[2:])) + "\n", encoding="utf-8")
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "NLTK_DATA": str(tmp_path)}
        result = subprocess.run(
            [sys.executable, "-m", "comparer", str(a), str(b), "--format", "json"],
            capture_output=True,
            env=env,
            timeout=120,
            check=False,
        )
        assert result.returncode == 1, result.stderr
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0])["links"]


# An article compared with itself carries the same information, whatever its words

NO_CONTENT = ('"Why now?" Mr. John Smith asked.', "He said it was not so.", ":", "And then?", "It is.", "-")
_words = st.sampled_from(
    ("he", "she", "it", "was", "not", "so", "the", "a", "of", "said", "why", "now", "and", "then",
     "fire", "mill", "Berg", "Moscow", "40", "$2.5", "Tuesday", "U.S.", "Mr.", "p.m.", "no")
)  # fmt: skip
_made_up = st.tuples(
    st.lists(_words, min_size=1, max_size=9).map(" ".join),
    st.sampled_from(".?!:"),
    st.booleans(),
).map(lambda parts: f'"{parts[0]}{parts[1]}" he said.' if parts[2] else parts[0].capitalize() + parts[1])
news_like = st.lists(
    st.tuples(
        st.one_of(st.sampled_from(FRAGMENTS), st.sampled_from(NO_CONTENT), _made_up),
        st.sampled_from([" ", "\n", "\n\n"]),
    ),
    max_size=12,
).map(lambda chosen: "".join(sentence + gap for sentence, gap in chosen))


def _same_as_itself_in(text: str, settings: Settings) -> None:
    document = from_string(text, "x.txt")
    comparison = compare(document, document, settings)
    assert comparison.same_information, (comparison.only_in_a, comparison.links)


def _same_as_itself(text: str) -> None:
    _same_as_itself_in(text, WORDS)


test_itself_is_the_same, test_itself_is_the_same_slow = _normal_and_slow(
    st.one_of(news_like, _texts(long_line=100)), _same_as_itself
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(news_like)
def test_itself_is_the_same_with_meaning(text: str) -> None:
    """The same property with the default (meaning-aware) alignment: fewer examples, since each
    runs the sentence encoder."""
    _same_as_itself_in(text, Settings())


@pytest.mark.parametrize("text", NO_CONTENT)
def test_a_sentence_with_no_content_word_links_its_twin(text: str) -> None:
    document = from_string(f"Fire crews fought a fire at the old mill. {text}", "x.txt")
    comparison = compare(document, document)
    assert comparison.same_information
    assert comparison.only_in_a == comparison.only_in_b == ()


def test_an_article_that_contradicts_itself_is_the_same_as_itself() -> None:
    """Found by the property above: "Not fire." and "Fire." in one article made a conflict when it
    was compared with itself, and a conflict counted against the same information."""
    document = from_string("Not fire. Fire. ", "x.txt")
    comparison = compare(document, document)
    assert comparison.summary.conflicts >= 1 and comparison.same_information
