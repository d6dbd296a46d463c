"""The command line: ``comparer A B [C ...] [--format text|json|markdown] [-o FILE]``.

``main(argv)`` returns the exit code. For reports, as diff does: 0 when the articles carry the
same information, 1 when they differ, 2 on trouble; quitting the review screen returns 0. On a
terminal with no ``--format`` it opens the TUI; otherwise (a pipe, or a format asked for) it
prints a report. Three to eight inputs are compared as sources of one story (core/sources.py).
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import os
import shutil
import sys
import time
from collections.abc import Sequence
from typing import NoReturn, TextIO

from comparer import __version__, signals
from comparer.core.compare import compare
from comparer.core.document import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, STDIN, is_url, load
from comparer.core.errors import ComparerError
from comparer.core.model import Comparison, Document, Settings
from comparer.core.sources import MAX_SOURCES, compare_sources
from comparer.report import FORMATS, Palette, format_of_output, known_extensions, render, write_atomic
from comparer.report.output import remove_unfinished
from comparer.report.safe import one_line
from comparer.report.sources import render_sources, same_information
from comparer.safeio import (
    encoded,
    flush_stdout,
    guard_standard_streams,
    say,
    stdout_to_devnull,
    write_stdout,
)

EXIT_SAME, EXIT_DIFFERENT, EXIT_TROUBLE = 0, 1, 2


MIN_WIDTH = 20
"""Narrower than this, the text report's sentence numbers leave no room for the sentences."""
DEFAULT_WIDTH = 100
"""The text report's width in a file or a pipe, where no terminal says how wide to be."""


def _threshold(value: str) -> float:
    try:
        shift = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
    if not -1.0 <= shift <= 1.0:  # also refuses nan, which compares false with everything
        raise argparse.ArgumentTypeError(f"{value!r} is not between -1 and 1")
    return shift


def _width(value: str) -> int:
    try:
        columns = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if columns < MIN_WIDTH:
        raise argparse.ArgumentTypeError(f"{value!r} is narrower than {MIN_WIDTH} columns")
    return columns


def _indent(value: str) -> int:
    if not value.isdigit() or int(value) > 8:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of spaces from 0 to 8")
    return int(value)


def _port(value: str) -> int:
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port number (1 to 65535)")
    return int(value)


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one ``comparer: error:`` line and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_TROUBLE, f"comparer: error: {one_line(message)} (see comparer --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="comparer",
        description="Put two articles about the same event side by side: what both report, "
        "and what only one of them has. With three to eight: which facts each source carries, "
        "which only one has, and where they disagree.",
        epilog="Exit status: 0 same information, 1 the articles differ, 2 trouble.",
    )
    parser.add_argument(
        "a",
        metavar="A",
        help="first article: a text file, a web page (.html file or http(s) URL), or - for standard input",
    )
    parser.add_argument("b", metavar="B", help="second article, as A")
    parser.add_argument(
        "more",
        metavar="C",
        nargs="*",
        default=[],
        help=f"more articles of the same story, up to {MAX_SOURCES} in all",
    )
    parser.add_argument(
        "-f",
        "--format",
        choices=FORMATS,
        help="print a report instead of opening the review screen",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write the report to FILE, or to standard output for - (without --format, the extension "
        f"names the format: {known_extensions()}; none means text)",
    )
    parser.add_argument("--force", action="store_true", help="let -o replace an existing file")
    parser.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the text report (auto: only on a terminal, never when NO_COLOR is set and not empty)",
    )
    parser.add_argument(
        "--theme",
        metavar="NAME",
        help="the review screen's colour theme (textual-dark, textual-light, nord, gruvbox, ...); "
        "remembered, as a theme picked in the command palette is",
    )
    parser.add_argument(
        "--threshold",
        type=_threshold,
        default=0.0,
        metavar="SHIFT",
        help="raise (positive) or lower (negative) the bar for linking sentences, from -1 to 1; default 0",
    )
    parser.add_argument(
        "--lexical",
        action="store_true",
        help="compare by words only, without the meaning model (faster; paraphrases link less)",
    )
    parser.add_argument(
        "--width",
        type=_width,
        default=None,
        metavar="COLUMNS",
        help=f"wrap the text report at this many columns (at least {MIN_WIDTH}; default: the "
        f"terminal's width when printing to one, otherwise {DEFAULT_WIDTH})",
    )
    parser.add_argument(
        "--indent",
        type=_indent,
        default=None,
        metavar="SPACES",
        help="indent the JSON report by this many spaces a level (default: 2 on a terminal, "
        "otherwise one line, which is several times faster to write)",
    )
    parser.add_argument(
        "--max-size",
        type=float,
        default=DEFAULT_MAX_BYTES // (1024 * 1024),
        metavar="MB",
        help="refuse inputs larger than this many megabytes (default %(default)s)",
    )
    parser.add_argument(
        "--raw",
        action="store_true",
        help="compare web pages as they are, markup and all, instead of extracting their article text",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help="give up fetching a URL after this many seconds (default %(default)g)",
    )
    parser.add_argument(
        "--serve",
        action="store_true",
        help="serve the review screen to a web browser (needs: pip install 'comparer[serve]')",
    )
    parser.add_argument(
        "--host", default="localhost", help="with --serve: the address to listen on (default %(default)s)"
    )
    parser.add_argument(
        "--port", type=_port, default=8000, help="with --serve: the port to listen on (default %(default)s)"
    )
    # The review screen even without a terminal: how --serve runs each browser's comparer.
    parser.add_argument("--screen", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--version", action="version", version=f"comparer {__version__}")
    return parser


class _ProgressLine:
    """Progress of a long comparison on one line of a terminal's standard error, erased when done.

    Silent when standard error is not a terminal (a log, a pipe) and for quick comparisons: the
    line appears only once a comparison has run for ``DELAY`` seconds.
    """

    DELAY = 0.5

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._live = stream.isatty()
        self._start = time.monotonic()
        self._shown = ""

    def __call__(self, stage: str, fraction: float) -> None:
        if not self._live or time.monotonic() - self._start < self.DELAY:
            return
        text = f"comparer: {stage}, {round(fraction * 100)}%"
        if text != self._shown:
            self._stream.write("\r\x1b[K" + text)
            self._stream.flush()
            self._shown = text

    def __enter__(self) -> _ProgressLine:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._shown:
            self._stream.write("\r\x1b[K")
            self._stream.flush()


def _keyboard_from_terminal() -> bool:
    """Make standard input the controlling terminal again; False when there is none."""
    try:
        terminal = os.open("/dev/tty", os.O_RDONLY)
    except OSError:
        return False
    try:
        os.dup2(terminal, 0)
    except OSError:
        return False
    finally:
        os.close(terminal)
    return True


def _use_colour(choice: str, stream: TextIO) -> bool:
    if choice == "never":
        return False
    if choice == "always":
        return True
    # NO_COLOR counts only when set and not empty (no-color.org).
    return not os.environ.get("NO_COLOR") and stream.isatty()


def _check_theme(theme: str | None) -> None:
    """Refuse a ``--theme`` that names no theme, before any work (Textual's themes are read only
    when one is given: importing them costs every other run nothing)."""
    if theme is None:
        return
    from textual.theme import BUILTIN_THEMES

    if theme not in BUILTIN_THEMES:
        raise ComparerError(f"--theme: no theme {theme!r}; choose from {', '.join(sorted(BUILTIN_THEMES))}")


def _check_sources(sources: Sequence[str]) -> None:
    """Refuse three or more inputs that cannot be sources of one comparison."""
    if len(sources) > MAX_SOURCES:
        raise ComparerError(f"too many inputs ({len(sources)}): at most {MAX_SOURCES} can be compared")
    if sources.count(STDIN) > 1:
        raise ComparerError("only one of the inputs can be standard input (-)")
    seen: dict[tuple[int, int] | str, str] = {}
    for source in sources:
        if source == STDIN:
            continue
        try:
            info = os.stat(source)
            key: tuple[int, int] | str = (info.st_dev, info.st_ino)
        except OSError:
            key = os.path.abspath(source)  # unreadable: load() names it
        if key in seen:
            raise ComparerError(f"{source}: is given twice (also as {seen[key]})")
        seen[key] = source


def _load_inputs(args: argparse.Namespace) -> list[Document]:
    sources = [args.a, args.b, *args.more]
    if len(sources) == 2 and args.a == STDIN and args.b == STDIN:
        raise ComparerError("only one of the two inputs can be standard input (-)")
    if len(sources) > 2:
        _check_sources(sources)
    if not 0 < args.max_size < float("inf"):
        raise ComparerError("--max-size must be a positive number of megabytes")
    if not 0 < args.timeout < float("inf"):
        raise ComparerError("--timeout must be a positive number of seconds")
    limit = int(min(args.max_size * 1024 * 1024, sys.maxsize))  # 1e308 MB is "no limit", not an overflow
    docs = [_load(source, args, limit) for source in sources]  # all read before a word is said
    for doc in docs:
        for warning in doc.warnings:
            say(f"comparer: warning: {one_line(warning)}")
        if not doc.text.strip():
            say(f"comparer: warning: {one_line(doc.source)}: is empty (no text to compare)")
    return docs


def _load(source: str, args: argparse.Namespace, limit: int) -> Document:
    if is_url(source):
        from comparer.fetch import load_url  # urllib and http.client only when a URL is given

        return load_url(source, max_bytes=limit, timeout=args.timeout, raw=args.raw)
    return load(source, max_bytes=limit, raw=args.raw)


def _serve(args: argparse.Namespace) -> int:
    """Check the inputs here, where an error is one line, then serve their review screen."""
    if STDIN in (args.a, args.b, *args.more):
        raise ComparerError("--serve cannot read standard input (each browser tab reads the inputs anew)")
    if args.format or args.output:
        raise ComparerError(
            "--serve shows the review screen; it writes no report (leave out --format and -o)"
        )
    _load_inputs(args)
    from comparer.ui.serve import serve

    child = [args.a, args.b, *args.more, "--threshold", str(args.threshold), "--max-size", str(args.max_size)]
    child += ["--timeout", str(args.timeout), *(["--raw"] if args.raw else [])]
    child += ["--theme", args.theme] if args.theme else []
    child += ["--lexical"] if args.lexical else []
    return serve(child, host=args.host, port=args.port)


def _report_width(args: argparse.Namespace) -> int:
    if args.width is None and args.output in (None, "-") and sys.stdout.isatty():
        return shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns
    return int(args.width or DEFAULT_WIDTH)


def _report(comparison: Comparison, fmt: str, args: argparse.Namespace) -> str:
    to_terminal = args.output in (None, "-")
    palette = Palette.ansi() if to_terminal and _use_colour(args.color, sys.stdout) else Palette()
    return render(comparison, fmt, width=_report_width(args), palette=palette, indent=_json_indent(args))


def _json_indent(args: argparse.Namespace) -> int | None:
    """The JSON report's indent: ``--indent``, else 2 on a terminal, where a person reads it, and
    one line (CPython's C encoder) in a file or a pipe."""
    if args.indent is not None:
        return int(args.indent)
    return 2 if args.output in (None, "-") and sys.stdout.isatty() else None


SOURCES_FORMATS = ("text", "json", "markdown")
"""The formats of the report on three or more sources."""


def _format(args: argparse.Namespace) -> str:
    fmt = format_of_output(args.output or "-", args.format)
    if args.more and fmt not in SOURCES_FORMATS:
        raise ComparerError(
            f"the {fmt} report compares two articles; with three or more use {', '.join(SOURCES_FORMATS)}"
        )
    return fmt


def main(argv: Sequence[str] | None = None) -> int:
    """Run comparer; returns the exit code (argparse's own exits for --help and usage included)."""
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_TROUBLE
    try:
        fmt = _format(args)  # an output name that names no format is refused before any work
        _check_theme(args.theme)
        if args.serve:
            return _serve(args)
        docs = _load_inputs(args)
        settings = Settings(threshold=args.threshold, lexical=args.lexical)
        interactive = args.screen or (args.format is None and args.output is None and sys.stdout.isatty())
        if interactive and not args.screen and os.environ.get("TERM") == "dumb":
            # A terminal that cannot move the cursor cannot draw the screen: read the report.
            say("comparer: this terminal (TERM=dumb) cannot draw the review screen; the text report follows")
            interactive = False
        if interactive and not args.screen and not (sys.stdin is not None and sys.stdin.isatty()):
            # An article came on standard input (or it is redirected): the review screen needs
            # the keyboard, so take it from the terminal, as less and fzf do; with no terminal
            # to take it from, print the text report instead of a screen no key can reach.
            interactive = _keyboard_from_terminal()
        if interactive:
            from comparer.ui.early import EarlyComparison

            # The screen shows the alignment by words first and swaps in the meaning-aware one
            # when it is ready (unless --lexical): the early child computes the first.
            first = Settings(threshold=args.threshold, lexical=True)
            # Aligning on another core starts before Textual is imported (see early.py).
            early = EarlyComparison.start(docs[0], docs[1], first) if len(docs) == 2 else None
            try:
                from comparer.ui.app import run_app
            except RuntimeError as exc:
                # Python 3.11 wraps a Ctrl+C that lands in a class body's __set_name__ (Textual's
                # widgets are full of them) in a RuntimeError: it is still the user's Ctrl+C.
                if isinstance(exc.__cause__, KeyboardInterrupt):
                    raise KeyboardInterrupt from None
                raise
            from comparer.ui.preferences import PreferenceFile, default_path

            saved = PreferenceFile.load(default_path())
            more = tuple(docs[2:])
            return run_app(docs[0], docs[1], settings, early, more=more, theme=args.theme, preferences=saved)
        with _ProgressLine(sys.stderr) as progress:
            if len(docs) > 2:
                sources = compare_sources(docs, settings, progress)  # by words: see its docstring
                text = render_sources(sources, fmt, width=_report_width(args), indent=_json_indent(args))
                same = same_information(sources)
            else:
                comparison = compare(docs[0], docs[1], settings, progress)
                if comparison.alignment.note:
                    say(f"comparer: warning: {one_line(comparison.alignment.note)}")
                text = _report(comparison, fmt, args)
                same = comparison.same_information
        if args.output and args.output != "-":
            write_atomic(args.output, text, force=args.force)
        else:
            try:
                write_stdout(encoded(text, fmt, sys.stdout.encoding))
            except BrokenPipeError:
                # The reader went away (| head): not our trouble, and not a difference either.
                stdout_to_devnull()
        return EXIT_SAME if same else EXIT_DIFFERENT
    except ComparerError as exc:
        say(f"comparer: error: {one_line(str(exc))}")
        return EXIT_TROUBLE
    except MemoryError:
        say("comparer: error: not enough memory for these inputs; try smaller files")
        return EXIT_TROUBLE
    except KeyboardInterrupt:
        say("comparer: interrupted")
        return 130
    except BrokenPipeError:
        # Every report write handles its own broken pipe; this is standard error (a warning, the
        # progress line) or the output file going away. Nothing more can be said on either.
        stdout_to_devnull()
        return EXIT_TROUBLE


def run() -> NoReturn:
    """The ``comparer`` command: ``main()``, then leave without taking the heap apart.

    Why: after a long comparison the interpreter spends most of a second freeing millions of
    small objects one by one before the process ends (0.8 s after reviewing 5,000 sentences a
    side, more when quitting while an alignment still runs). The exit handlers still run and
    the output is flushed; only the freeing, which the operating system does at once, is skipped.
    """
    guard_standard_streams()
    with signals.cleanup(remove_unfinished):
        code = main()
        atexit._run_exitfuncs()
        code = _flushed(code)
    os._exit(code)


def _flushed(code: int) -> int:
    """``code``, or trouble when what is left of standard output cannot be written at the end."""
    try:
        flush_stdout()
    except ComparerError as exc:
        say(f"comparer: error: {one_line(str(exc))}")
        return EXIT_TROUBLE
    with contextlib.suppress(Exception):  # standard error: nothing more can be said there
        sys.stderr.flush()
    return code
