"""Web pages in: telling HTML from text, and reducing a page to its article with trafilatura.

A saved news page is mostly navigation, related links, captions, adverts and scripts; compared as
it is, all of that becomes "only in A". trafilatura (a maintained extractor made for news and
blog pages, with fallbacks of its own) finds the title and the body paragraphs; what comparer
shows and offsets into is that extracted text, and the Document's ``extraction`` records it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from comparer.core.errors import InputError
from comparer.core.model import Document, Extraction

HTML_EXTENSIONS = (".html", ".htm", ".xhtml", ".shtml")
"""File names that say a page is HTML; other inputs are sniffed (see ``looks_like_html``)."""

TEXT_EXTENSIONS = (".txt", ".text", ".md")
"""File names that say an input is text: compared as it is, whatever it starts with."""

_HTML_START = re.compile(
    r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL
)
_SNIFF = 4096

MIN_ARTICLE_WORDS = 5
"""Fewer words than this is no article: what the extractor keeps of a page that is all menus."""


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is an HTML page: it opens with a doctype or an html, head or body tag
    (comments before it allowed), as browsers' sniffing also requires; a story that merely
    mentions <b> is text."""
    return _HTML_START.match(text[:_SNIFF]) is not None


def is_html_name(source: str) -> bool:
    return source.lower().endswith(HTML_EXTENSIONS)


def is_text_name(source: str) -> bool:
    return source.lower().endswith(TEXT_EXTENSIONS)


def _same_line(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def extract_article(page: str, source: str, *, url: str | None = None) -> tuple[str, str | None]:
    """The article text of an HTML page, title first, paragraphs separated by blank lines, and
    the title (or None). An InputError when the page holds no article text."""
    import trafilatura  # about 0.3 s to import: only pages pay for it

    found = trafilatura.bare_extraction(
        page,
        url=url,
        with_metadata=True,
        favor_precision=True,  # leaves out captions, "read more" lines and teasers
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        deduplicate=False,
    )
    body = getattr(found, "text", None) or ""
    paragraphs = [" ".join(line.split()) for line in body.splitlines()]
    paragraphs = [p for p in paragraphs if p]
    if sum(len(p.split()) for p in paragraphs) < MIN_ARTICLE_WORDS:
        raise InputError(f"{source}: is a web page, but no article text was found in it (try --raw)")
    title = getattr(found, "title", None) or None
    if title is not None:
        title = " ".join(title.split())
        if not any(_same_line(title, p) for p in paragraphs[:3]):
            paragraphs.insert(0, title)
    return "\n\n".join(paragraphs) + "\n", title


def extracted(document: Document, *, url: str | None = None, content_type: str | None = None) -> Document:
    """``document`` (an HTML page as decoded) with its text replaced by the article's."""
    import trafilatura

    text, _ = extract_article(document.text, document.source, url=url)
    how = Extraction(
        markup="html",
        tool=f"trafilatura {trafilatura.__version__}",
        original_chars=len(document.text),
        url=url,
        content_type=content_type,
    )
    return replace(document, text=text, extraction=how)
