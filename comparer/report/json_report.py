"""The Comparison as JSON: a documented, versioned format (see docs/json-format.md)."""

from __future__ import annotations

import json
from typing import Any

from comparer import __version__
from comparer.core.model import Article, Comparison, Detail, Link, Span

FORMAT_VERSION = 1
"""Raised when a field changes meaning or goes away; new fields may appear without a raise."""


def _spans(spans: tuple[Span, ...], text: str) -> list[dict[str, Any]]:
    return [{"start": s.start, "end": s.end, "text": text[s.start : s.end]} for s in spans]


def _detail(detail: Detail) -> dict[str, Any]:
    return {
        "kind": detail.kind.value,
        "text": detail.text,
        "key": detail.key,
        "sentence": detail.sentence,
        "start": detail.start,
        "end": detail.end,
        "shared": detail.shared,
        "mentions": detail.mentions,
        "nearest": None
        if detail.nearest is None
        else {
            "sentence": detail.nearest.sentence,
            "start": detail.nearest.start,
            "end": detail.nearest.end,
            "text": detail.nearest.text,
            "why": detail.nearest.why,
        },
    }


def _document(article: Article) -> dict[str, Any]:
    doc = article.document
    return {
        "source": doc.source,
        "encoding": doc.encoding,
        "text": doc.text,
        "extraction": None
        if doc.extraction is None
        else {
            "markup": doc.extraction.markup,
            "tool": doc.extraction.tool,
            "original_chars": doc.extraction.original_chars,
            "url": doc.extraction.url,
            "content_type": doc.extraction.content_type,
        },
        "sentences": [
            {
                "index": s.index,
                "start": s.start,
                "end": s.end,
                "text": s.text,
                "paragraph": s.paragraph,
                "kind": s.kind.value,
                "boilerplate": s.boilerplate,
            }
            for s in article.sentences
        ],
        "details": [_detail(d) for d in article.details],
    }


def _link(link: Link, a: Article, b: Article) -> dict[str, Any]:
    return {
        "a": list(link.a),
        "b": list(link.b),
        "kind": link.kind.value,
        "score": link.score,
        "only_a": _spans(link.only_a, a.document.text),
        "only_b": _spans(link.only_b, b.document.text),
        "conflicts": [
            {
                "kind": c.kind.value,
                "a": _spans((c.a,), a.document.text)[0],
                "b": _spans((c.b,), b.document.text)[0],
            }
            for c in link.conflicts
        ],
    }


def to_dict(comparison: Comparison) -> dict[str, Any]:
    """The comparison as plain data, ready for ``json.dumps``."""
    c, s = comparison, comparison.summary
    return {
        "format": "comparer",
        "format_version": FORMAT_VERSION,
        "comparer_version": __version__,
        "settings": {
            "threshold": c.settings.threshold,
            "alignment": c.alignment.kind,
            "encoder": c.alignment.encoder,
            "encoder_digest": c.alignment.digest,
            "alignment_note": c.alignment.note,
        },
        "documents": [_document(c.a), _document(c.b)],
        "links": [_link(link, c.a, c.b) for link in c.links],
        "only_in_a": list(c.only_in_a),
        "only_in_b": list(c.only_in_b),
        "details": {
            "only_in_a": [_detail(d) for d in c.a.details if not d.shared],
            "only_in_b": [_detail(d) for d in c.b.details if not d.shared],
            "shared": [_detail(d) for d in c.a.details if d.shared],
        },
        "summary": {
            "sentences_a": s.sentences_a,
            "sentences_b": s.sentences_b,
            "links": s.links,
            "same": s.same,
            "partial": s.partial,
            "only_in_a": s.only_in_a,
            "only_in_b": s.only_in_b,
            "coverage_a": s.coverage_a,
            "coverage_b": s.coverage_b,
            "details_only_in_a": s.details_only_a,
            "details_only_in_b": s.details_only_b,
            "details_shared_a": s.details_shared_a,
            "details_shared_b": s.details_shared_b,
            "conflicts": s.conflicts,
            "same_information": c.same_information,
        },
    }


def render_json(comparison: Comparison, indent: int | None = None) -> str:
    """The comparison as JSON text, ending in a newline: on one line by default, indented by
    ``indent`` spaces a level when given.

    One line is the default because only then does CPython's json use its C encoder: indenting
    takes the pure-Python one, several times slower (a few tenths of a second at 2,000 sentences
    a side; benchmarks/speed.py). The CLI indents for a terminal, where a person reads it.
    """
    return json_text(to_dict(comparison), indent)


def json_text(data: dict[str, Any], indent: int | None = None) -> str:
    """Plain data as the reports' JSON text: one line with no spaces, or indented by ``indent``."""
    if indent is None:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    return json.dumps(data, ensure_ascii=False, indent=indent) + "\n"
