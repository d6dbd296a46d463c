"""Comparison -> text, JSON, Markdown and HTML; pure, like difflib's formatters.

``render_html`` and ``render_markdown`` are imported on first use: a JSON or text report does not
wait for them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

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
from comparer.report.json_report import FORMAT_VERSION, render_json, to_dict
from comparer.report.output import write_atomic
from comparer.report.text import Palette, render_text

if TYPE_CHECKING:
    from comparer.report.html import render_html
    from comparer.report.markdown import render_markdown

_LAZY = {"render_html": "comparer.report.html", "render_markdown": "comparer.report.markdown"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
