"""Comparison -> text, JSON and Markdown; pure, like difflib's formatters."""

from __future__ import annotations

import os

from comparer.core.model import Comparison
from comparer.report.json_report import FORMAT_VERSION, render_json, to_dict
from comparer.report.markdown import render_markdown
from comparer.report.output import write_atomic
from comparer.report.rows import Row, RowKind, rows
from comparer.report.text import Palette, render_text

FORMATS = ("text", "json", "markdown")
"""The report formats, in the order the CLI and the export dialog offer them."""

EXTENSIONS = {"text": ".txt", "json": ".json", "markdown": ".md"}
_FORMAT_OF_EXTENSION = {ext: fmt for fmt, ext in EXTENSIONS.items()} | {".markdown": "markdown"}


def format_for(path: str, chosen: str) -> str:
    """The format a report written to ``path`` takes when none is named: the one its extension
    names (``report.md`` is Markdown), else ``chosen``."""
    return _FORMAT_OF_EXTENSION.get(os.path.splitext(path)[1].lower(), chosen)


def render(comparison: Comparison, fmt: str, *, width: int = 100, palette: Palette | None = None) -> str:
    """Render a comparison in one of ``FORMATS``."""
    if fmt == "json":
        return render_json(comparison)
    if fmt == "markdown":
        return render_markdown(comparison)
    if fmt == "text":
        return render_text(comparison, width=width, palette=palette or Palette())
    raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")


__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "FORMAT_VERSION",
    "Palette",
    "Row",
    "RowKind",
    "format_for",
    "render",
    "render_json",
    "render_markdown",
    "render_text",
    "rows",
    "to_dict",
    "write_atomic",
]
