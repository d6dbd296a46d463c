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
from comparer.report.json_report import render_json
from comparer.report.text import PLAIN, Palette, render_text


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """What a writer may take into account besides the comparison: the text report's width and
    palette, the JSON report's indent (``None``: one line)."""

    width: int = 100
    palette: Palette = PLAIN
    indent: int | None = None


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


def _markdown(comparison: Comparison, options: RenderOptions) -> str:
    from comparer.report.markdown import render_markdown  # imported when asked for, as html

    return render_markdown(comparison)


def _html(comparison: Comparison, options: RenderOptions) -> str:
    # Its module and its CSS take a noticeable share of a short JSON or text run's start-up.
    from comparer.report.html import render_html

    return render_html(comparison)


REGISTRY: tuple[Format, ...] = (
    Format("text", (".txt",), "Text", lambda c, o: render_text(c, width=o.width, palette=o.palette)),
    Format("json", (".json",), "JSON", lambda c, o: render_json(c, o.indent)),
    Format("markdown", (".md", ".markdown"), "Markdown", _markdown),
    Format("html", (".html", ".htm"), "HTML", _html),
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


def render(
    comparison: Comparison,
    fmt: str,
    *,
    width: int = 100,
    palette: Palette | None = None,
    indent: int | None = None,
) -> str:
    """Render a comparison in one of ``FORMATS``."""
    options = RenderOptions(width=width, palette=palette or Palette(), indent=indent)
    return get(fmt).write(comparison, options)
