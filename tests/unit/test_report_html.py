"""The HTML report: self-contained, escaped against hostile articles, and complete on the samples."""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from comparer.core.compare import compare
from comparer.core.document import from_string, load
from comparer.core.model import Comparison, Conflict, ConflictKind, Side, Span
from comparer.report import render
from comparer.report.safe import flat
from tests.seeds import PESKOV, PODOLYAK_B, SHEREMET_A

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ROOT / "tests" / "data" / "hostile.txt"
SAMPLE_A = ROOT / "samples" / "kremlin-drone" / "a-kremlin-accuses-ukraine.txt"
SAMPLE_B = ROOT / "samples" / "kremlin-drone" / "b-kyiv-denies-involvement.txt"

MARKUP_ATTACKS = (
    '</style><script>alert("style")</script>',
    "<img src=x onerror=alert(1)>",
    '" onmouseover="alert(2)',
    "<!-- a comment --> <![CDATA[ x ]]> &amp; &lt;b&gt;",
    '<a href="javascript:alert(3)">click</a> <link rel=stylesheet href=https://evil.example/x.css>',
)

# What the report itself writes; anything else came from an article.
OWN_TAGS = {
    "html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "small", "table", "thead",
    "tbody", "tr", "th", "td", "colgroup", "col", "p", "ul", "li", "b", "em", "span", "mark", "div",
}  # fmt: skip
OWN_ATTRIBUTES = {"charset", "http-equiv", "content", "name", "lang", "class", "title", "id", "scope"}


class _Page(HTMLParser):
    """The tags, attributes and visible text of a page, as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: set[str] = set()
        self.text: list[str] = []
        self.marks: list[tuple[str, str]] = []
        self._mark: str | None = None
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes |= {name for name, _ in attrs}
        self._in_style = tag == "style"
        if tag == "mark":
            self._mark = dict(attrs).get("class") or ""
            self.marks.append((self._mark, ""))

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False if tag == "style" else self._in_style
        if tag == "mark":
            self._mark = None

    def handle_data(self, data: str) -> None:
        if self._in_style:
            return
        self.text.append(data)
        if self._mark is not None:
            kind, seen = self.marks[-1]
            self.marks[-1] = (kind, seen + data)

    def handle_comment(self, data: str) -> None:
        raise AssertionError(f"a comment reached the page: {data!r}")


def _parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def hostile() -> Comparison:
    text = (
        load(str(HOSTILE)).text
        + "\n\n"
        + "\n\n".join(f"The mayor said {attack} was seen at the station." for attack in MARKUP_ATTACKS)
    )
    changed = text.replace("three times", "twice").replace("The mayor said", "The mayor told reporters")
    return compare(from_string(text, "<b>hostile</b>.html"), from_string(changed, '"><script>b</script>'))


@pytest.fixture(scope="module")
def samples() -> Comparison:
    return compare(load(str(SAMPLE_A)), load(str(SAMPLE_B)))


def test_hostile_articles_add_no_markup(hostile: Comparison) -> None:
    page = render(hostile, "html")
    parsed = _parse(page)
    assert set(parsed.tags) <= OWN_TAGS, set(parsed.tags) - OWN_TAGS
    assert parsed.attributes <= OWN_ATTRIBUTES, parsed.attributes - OWN_ATTRIBUTES
    assert parsed.tags.count("style") == 1 and parsed.tags.count("title") == 1
    seen = "".join(parsed.text)
    for side in Side:  # every sentence, attacks and all, is shown as the words it is
        for sentence in hostile.article(side).sentences:
            assert flat(sentence.text) in seen, sentence.text
    for literal in ('<script>alert("style")</script>', "<img src=x onerror=alert(1)>", "<!-- a comment -->"):
        assert literal in seen
    assert '"><script>b</script>' in seen and "<b>hostile</b>.html" in seen
    assert "\x1b" not in page and "\u202e" not in page  # control characters shown as placeholders


def test_the_page_asks_for_nothing(samples: Comparison) -> None:
    page = render(samples, "html")
    assert page.startswith("<!DOCTYPE html>")
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    body = page[page.index("</head>") :]
    assert not re.search(r"\b(src|href)=|url\(|@import", page[page.index("<style>") :])
    assert not re.search(r"\bsrc=|\bhref=", body)
    assert "<script" not in page.lower()
    assert "@media print" in page and "@media (max-width" in page


def test_every_sentence_of_both_samples_is_in_the_page(samples: Comparison) -> None:
    seen = "".join(_parse(render(samples, "html")).text)
    for side in Side:
        for sentence in samples.article(side).sentences:
            assert flat(sentence.text) in seen, sentence.text


def test_only_in_sections_and_marked_words(samples: Comparison) -> None:
    page = render(samples, "html")
    parsed = _parse(page)
    only_a = page[page.index("<h2 id=only-a>") : page.index("<h2 id=only-b>")]
    assert samples.a.sentences[SHEREMET_A].text in only_a
    only_b = page[page.index("<h2 id=only-b>") :]
    assert samples.b.sentences[PODOLYAK_B].text.split()[0] in only_b
    # The marks are exactly the words the comparison says only one side has.
    expected = {
        (side.value, samples.article(side).document.text[span.start : span.end])
        for link in samples.links
        for side in Side
        for span in link.only(side)
    }
    shown = {(kind, text) for kind, text in parsed.marks if text}
    shown -= {("a", "underlined"), ("b", "in bold, underlined twice"), ("conflict", "boxed")}  # the legend
    assert shown
    for kind, text in shown:  # a span that runs over two sentences is marked in each piece
        assert any(k == kind and flat(text) in flat(full) for k, full in expected), (kind, text)
    assert {kind for kind, _ in shown} == {"a", "b"}
    peskov_a = samples.a.sentences[PESKOV[0]]
    assert any(kind == "a" and text in peskov_a.text for kind, text in shown)


def test_conflicts_are_listed_where_they_disagree(samples: Comparison) -> None:
    link = next(link for link in samples.links if link.a == (PESKOV[0],))
    a_sentence, b_sentence = samples.a.sentences[PESKOV[0]], samples.b.sentences[PESKOV[1]]
    a_at = a_sentence.start + a_sentence.text.index("Novo-Ogaryovo")
    b_at = b_sentence.start + b_sentence.text.index("presidential")
    conflict = Conflict(ConflictKind.ACTOR, Span(a_at, a_at + 13), Span(b_at, b_at + 12))
    with_conflict = replace(
        samples,
        links=tuple(replace(item, conflicts=(conflict,)) if item is link else item for item in samples.links),
        summary=replace(samples.summary, conflicts=1),
    )
    page = render(with_conflict, "html")
    section = page[page.index("<h2 id=conflicts>") : page.index("<h2 id=only-a>")]
    assert "actor" in section
    boxed = {text for kind, text in _parse(page).marks if kind == "conflict"} - {"boxed"}
    assert boxed == {"Novo-Ogaryovo", "presidential"}  # in the section and in the row
    assert "1 place where they disagree" in page
    plain = render(samples, "html")
    assert "No linked sentences state the same fact differently." in plain
