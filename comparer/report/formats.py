"""The one registry of report formats: name, file extensions, label and writer.

The CLI's ``--format`` choices, ``-o``'s choice by extension, the export dialog and the docs all
read this table, so a format is added in one place.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

from comparer.core.errors import OutputError
from comparer.core.model import Comparison
from comparer.report.html import render_html
from comparer.report.json_report import render_json
from comparer.report.markdown import render_markdown
from comparer.report.text import PLAIN, Palette, render_text


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """What a writer may take into account besides the comparison (only the text report does)."""

    width: int = 100
    palette: Palette = PLAIN


@dataclass(frozen=True, slots=True)
class Format:
    """One report format."""

    name: str
    """What ``--format`` and JSON/the docs call it."""
    extensions: tuple[str, ...]
    """File extensions that choose it, lower case with the dot; the first is the one it writes."""
    label: str
    """How the export dialog names it."""
    write: Callable[[Comparison, RenderOptions], str]

    @property
    def extension(self) -> str:
        return self.extensions[0]


REGISTRY: tuple[Format, ...] = (
    Format("text", (".txt",), "Text", lambda c, o: render_text(c, width=o.width, palette=o.palette)),
    Format("json", (".json",), "JSON", lambda c, o: render_json(c)),
    Format("markdown", (".md", ".markdown"), "Markdown", lambda c, o: render_markdown(c)),
    Format("html", (".html", ".htm"), "HTML", lambda c, o: render_html(c)),
)
"""Every format, in the order the CLI and the export dialog offer them."""

FORMATS = tuple(f.name for f in REGISTRY)
"""The formats' names, in the registry's order."""
EXTENSIONS = {f.name: f.extension for f in REGISTRY}
"""The extension each format writes."""
LABELS = {f.name: f.label for f in REGISTRY}
_BY_NAME = {f.name: f for f in REGISTRY}
_BY_EXTENSION = {ext: f.name for f in REGISTRY for ext in f.extensions}


def get(name: str) -> Format:
    """The format called ``name``; ValueError names the known ones otherwise."""
    try:
        return _BY_NAME[name]
    except KeyError:
        raise ValueError(f"unknown format {name!r}; choose from {', '.join(FORMATS)}") from None


def known_extensions() -> str:
    """The extensions that name a format, for messages: ``.txt, .json, .md, ...``."""
    return ", ".join(ext for f in REGISTRY for ext in f.extensions)


def format_of_output(path: str, chosen: str | None, default: str = "text") -> str:
    """The format of a report written to ``path`` (``-`` is standard output).

    ``chosen`` (``--format``) wins; otherwise the extension decides, no extension means
    ``default``, and an extension that names no format is an OutputError that lists the known
    ones (writing text into ``memo.html`` would only mislead).
    """
    if chosen is not None:
        return chosen
    ext = os.path.splitext(path)[1].lower()
    if path == "-" or not ext:
        return default
    if ext not in _BY_EXTENSION:
        raise OutputError(
            f"{path}: {ext} names no report format; use one of {known_extensions()},"
            " or say which with --format"
        )
    return _BY_EXTENSION[ext]


def render(comparison: Comparison, fmt: str, *, width: int = 100, palette: Palette | None = None) -> str:
    """Render a comparison in one of ``FORMATS``."""
    return get(fmt).write(comparison, RenderOptions(width=width, palette=palette or Palette()))
