"""Web pages in: saved pages of the samples reduce to their articles, and compare as the texts do.

tests/data/pages/kremlin-{a,b}.html wrap the two sample articles in the markup of two kinds of
news site: navigation, a cookie banner, trending and related links, share buttons, a captioned
lead image, adverts inside the story, a newsletter box, an embedded tweet, a syndication note,
comments, footers, JSON-LD and scripts.
"""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path

import pytest

from comparer.core.compare import compare
from comparer.core.document import load
from comparer.core.errors import InputError
from comparer.core.model import Comparison, Document, SentenceKind, Settings
from comparer.core.segment import segment
from comparer.core.webpage import looks_like_html
from comparer.report import render

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "tests" / "data" / "pages"
SAMPLES = ROOT / "samples" / "kremlin-drone"
PAIRS = [
    (PAGES / "kremlin-a.html", SAMPLES / "a-kremlin-accuses-ukraine.txt"),
    (PAGES / "kremlin-b.html", SAMPLES / "b-kyiv-denies-involvement.txt"),
]
PAGE_ONLY = (
    "cookies", "Accept all", "Trending", "Advertisement", "Sign up", "newsletter", "Related",
    "Share on", "WhatsApp", "Smoke rises above", "plume of smoke over the Kremlin. (", "Tags",
    "More from World", "Comments", "All rights reserved", "Privacy", "googletag", "dataLayer",
    "pic.twitter.com", "NEXTA", "Ukraine prepares spring counteroffensive", "Elephant Calf",
    "Follow us", "Google News", "Allow notifications", "Edited by", "Tom Davidson", "Live TV",
    "syndicated feed", "Home", "World News |", "{", "<",
)  # fmt: skip
"""Text each page has outside its article, none of which may become story text."""


BY_WORDS = Settings(lexical=True)


def _words(text: str) -> str:
    return " ".join(text.split())


def _links(comparison: Comparison) -> set[tuple[tuple[str, ...], tuple[str, ...], str]]:
    """The links by the words of their sentences, which stay the same when indices move."""
    return {
        (
            tuple(_words(comparison.a.sentences[i].text) for i in link.a),
            tuple(_words(comparison.b.sentences[j].text) for j in link.b),
            link.kind.value,
        )
        for link in comparison.links
    }


def _without_headline(document: Document) -> Document:
    return replace(document, text=document.text.split("\n\n", 1)[1])


@pytest.mark.parametrize(("page", "clean"), PAIRS, ids=["a", "b"])
def test_a_saved_page_gives_the_clean_text(page: Path, clean: Path) -> None:
    extracted = load(str(page))
    assert extracted.extraction is not None and extracted.extraction.markup == "html"
    assert extracted.extraction.tool.startswith("trafilatura ")
    assert extracted.extraction.original_chars == len(page.read_text("utf-8"))
    got = _words(extracted.text)
    wanted = segment(load(str(clean)))
    found = [s for s in wanted if _words(s.text) in got]
    assert len(found) / len(wanted) >= 0.95, [s.text for s in wanted if s not in found]
    story = [s for s in segment(extracted) if s.kind is not SentenceKind.BOILERPLATE]
    for sentence in story:
        for junk in PAGE_ONLY:
            assert junk not in sentence.text, (junk, sentence.text)
    # The page's headline leads, as a headline.
    first = segment(extracted)[0]
    assert first.kind is SentenceKind.HEADLINE and first.text in page.read_text("utf-8")


def test_the_samples_as_pages_and_as_texts_give_the_same_links() -> None:
    """Compared by words: the meaning-aware model lets a headline (a summary of the story) take
    partners of several sentences, which says nothing about the extraction checked here."""
    (page_a, text_a), (page_b, text_b) = PAIRS
    as_text = compare(load(str(text_a)), load(str(text_b)), BY_WORDS)
    pages = load(str(page_a)), load(str(page_b))
    # The pages add their headlines, which the clean texts lack; beside that, the same links.
    as_pages = compare(_without_headline(pages[0]), _without_headline(pages[1]), BY_WORDS)
    assert _links(as_pages) == _links(as_text)
    assert as_pages.summary.only_in_a == as_text.summary.only_in_a
    assert as_pages.summary.only_in_b == as_text.summary.only_in_b
    with_headlines = compare(*pages, BY_WORDS)
    headlines = {_words(pages[0].text.split("\n\n")[0]), _words(pages[1].text.split("\n\n")[0])}
    # A's headline states A1's claim and takes one of A1's two partners in B; every other link
    # is a link of the texts, or that link less the partner the headline took.
    text_links = _links(as_text)
    for a, b, _ in _links(with_headlines):
        if headlines & set(a + b):
            continue
        assert any(set(a) <= set(ta) and set(b) <= set(tb) for ta, tb, _ in text_links), (a, b)
    assert len(_links(with_headlines) & text_links) >= len(text_links) - 1


def test_raw_compares_the_page_as_it_is() -> None:
    page = PAIRS[0][0]
    raw = load(str(page), raw=True)
    assert raw.extraction is None and raw.text == page.read_text("utf-8")


def test_html_on_standard_input_is_sniffed_and_text_is_not() -> None:
    page = PAIRS[1][0].read_bytes()
    from_stdin = load("-", stdin=io.BytesIO(page))
    assert from_stdin.extraction is not None and from_stdin.text.startswith("Kyiv Denies Involvement")
    story = b"<b>Bold</b> claims were made by the mayor on Tuesday.\n"
    assert load("-", stdin=io.BytesIO(story)).extraction is None


def test_a_text_file_holding_markup_is_compared_as_it_is(tmp_path: Path) -> None:
    copy = tmp_path / "page.txt"
    copy.write_bytes(PAIRS[0][0].read_bytes())
    assert load(str(copy)).extraction is None
    other = tmp_path / "page"  # no extension: sniffed
    other.write_bytes(PAIRS[0][0].read_bytes())
    assert load(str(other)).extraction is not None


@pytest.mark.parametrize(
    "text",
    ["<!DOCTYPE html><p>x", "  \n<html lang=en>", "<!-- saved --><HTML>", "<head><title>x</title>", "<body>"],
)
def test_looks_like_html(text: str) -> None:
    assert looks_like_html(text)


@pytest.mark.parametrize("text", ["The <html> tag opens a page.", "<b>Bold</b> claims.", "", "<htmlx>"])
def test_does_not_look_like_html(text: str) -> None:
    assert not looks_like_html(text)


@pytest.mark.parametrize(
    "page",
    [
        "<!DOCTYPE html><html><head><title></title></head><body></body></html>",
        "<!DOCTYPE html><html><body><nav><a href=/>Home</a></nav><script>var x = 1;</script></body></html>",
        "<!DOCTYPE html><html><head><title>Site</title></head><body><header><nav><ul><li><a href=/>Home</a>"
        "</li><li><a href=/news>News</a></li></ul></nav></header><div class=cookie>We use cookies.</div>"
        "<footer>All rights reserved.</footer></body></html>",
    ],
)
def test_a_page_with_no_article_text_is_an_error(tmp_path: Path, page: str) -> None:
    path = tmp_path / "empty.html"
    path.write_text(page, "utf-8")
    with pytest.raises(InputError, match="no article text was found"):
        load(str(path))


def test_json_records_the_extraction() -> None:
    (page_a, _), (_, text_b) = PAIRS
    data = json.loads(render(compare(load(str(page_a)), load(str(text_b))), "json"))
    first, second = data["documents"]
    assert first["extraction"]["markup"] == "html" and first["extraction"]["tool"].startswith("trafilatura")
    assert first["extraction"]["original_chars"] == len(page_a.read_text("utf-8"))
    assert first["extraction"]["url"] is None
    assert second["extraction"] is None
    for sentence in first["sentences"]:  # offsets point into the extracted text
        assert first["text"][sentence["start"] : sentence["end"]] == sentence["text"]
