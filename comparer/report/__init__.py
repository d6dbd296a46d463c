"""Comparison -> text, JSON, Markdown and HTML; pure, like difflib's formatters."""

from __future__ import annotations

from comparer.core.rows import Row, RowKind, rows
from comparer.report.formats import (
    EXTENSIONS,
    FORMATS,
    LABELS,
    REGISTRY,
    Format,
    format_of_output,
    known_extensions,
    render,
)
from comparer.report.html import render_html
from comparer.report.json_report import FORMAT_VERSION, render_json, to_dict
from comparer.report.markdown import render_markdown
from comparer.report.output import write_atomic
from comparer.report.text import Palette, render_text

__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "FORMAT_VERSION",
    "LABELS",
    "REGISTRY",
    "Format",
    "Palette",
    "Row",
    "RowKind",
    "format_of_output",
    "known_extensions",
    "render",
    "render_html",
    "render_json",
    "render_markdown",
    "render_text",
    "rows",
    "to_dict",
    "write_atomic",
]
