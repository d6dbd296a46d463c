"""The command line: ``comparer A B [--format text|json|markdown] [-o FILE]``.

``main(argv)`` returns the exit code. For reports, as diff does: 0 when the articles carry the
same information, 1 when they differ, 2 on trouble; quitting the review screen returns 0. On a
terminal with no ``--format`` it opens the TUI; otherwise (a pipe, or a format asked for) it
prints a report.
"""

from __future__ import annotations

import argparse
import atexit
import codecs
import contextlib
import os
import shutil
import sys
import time
from collections.abc import Sequence
from typing import NoReturn, TextIO

from comparer import __version__
from comparer.core.compare import compare
from comparer.core.document import DEFAULT_MAX_BYTES, STDIN, load
from comparer.core.errors import ComparerError
from comparer.core.model import Comparison, Document, Settings
from comparer.report import FORMATS, Palette, format_for, render, write_atomic
from comparer.report.safe import BEYOND_C0, one_line

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


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one ``comparer: error:`` line and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_TROUBLE, f"comparer: error: {one_line(message)} (see comparer --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="comparer",
        description="Put two articles about the same event side by side: what both report, "
        "and what only one of them has.",
        epilog="Exit status: 0 same information, 1 the articles differ, 2 trouble.",
    )
    parser.add_argument("a", metavar="A", help="first article: a text file, or - for standard input")
    parser.add_argument("b", metavar="B", help="second article: a text file, or - for standard input")
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
        help="write the report to FILE (without --format: JSON for .json, Markdown for .md, else text)",
    )
    parser.add_argument("--force", action="store_true", help="let -o replace an existing file")
    parser.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the text report (auto: only on a terminal, never when NO_COLOR is set)",
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
        "--max-size",
        type=float,
        default=DEFAULT_MAX_BYTES // (1024 * 1024),
        metavar="MB",
        help="refuse inputs larger than this many megabytes (default %(default)s)",
    )
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
    return "NO_COLOR" not in os.environ and stream.isatty()


def _load_inputs(args: argparse.Namespace) -> tuple[Document, Document]:
    if args.a == STDIN and args.b == STDIN:
        raise ComparerError("only one of the two inputs can be standard input (-)")
    if not 0 < args.max_size < float("inf"):
        raise ComparerError("--max-size must be a positive number of megabytes")
    limit = int(args.max_size * 1024 * 1024)
    docs = load(args.a, max_bytes=limit), load(args.b, max_bytes=limit)
    for doc in docs:
        for warning in doc.warnings:
            print(f"comparer: warning: {one_line(warning)}", file=sys.stderr)
        if not doc.text.strip():
            print(
                f"comparer: warning: {one_line(doc.source)}: is empty (no text to compare)", file=sys.stderr
            )
    return docs


def _write_stdout(text: str, fmt: str) -> None:
    """Print a report even where the terminal's encoding cannot show every character.

    JSON stays valid and exact (\\uXXXX escapes); text and Markdown show such characters as
    backslash escapes rather than dying with a traceback.
    """
    if fmt == "json":
        # Exact still (a JSON reader gets the same text back), but nothing a terminal acts on.
        text = BEYOND_C0.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
    encoding = sys.stdout.encoding or "utf-8"
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        errors = "json_escape" if fmt == "json" else "backslashreplace"
        sys.stdout.flush()
        sys.stdout.buffer.write(text.encode(encoding, errors=errors))
    else:
        sys.stdout.write(text)
    sys.stdout.flush()


def _json_escape(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeEncodeError)
    escaped: list[str] = []
    for char in error.object[error.start : error.end]:
        units = char.encode("utf-16-be", errors="surrogatepass")
        escaped.extend(f"\\u{units[k]:02x}{units[k + 1]:02x}" for k in range(0, len(units), 2))
    return "".join(escaped), error.end


codecs.register_error("json_escape", _json_escape)


def _report(comparison: Comparison, args: argparse.Namespace) -> str:
    to_terminal = args.output is None
    palette = Palette.ansi() if to_terminal and _use_colour(args.color, sys.stdout) else Palette()
    width = args.width or DEFAULT_WIDTH
    if args.width is None and to_terminal and sys.stdout.isatty():
        width = shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns
    fmt = args.format or format_for(args.output or "", "text")
    return render(comparison, fmt, width=width, palette=palette)


def main(argv: Sequence[str] | None = None) -> int:
    """Run comparer; returns the exit code (argparse's own exits for --help and usage included)."""
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_TROUBLE
    try:
        docs = _load_inputs(args)
        settings = Settings(threshold=args.threshold, lexical=args.lexical)
        interactive = args.format is None and args.output is None and sys.stdout.isatty()
        if interactive and not (sys.stdin is not None and sys.stdin.isatty()):
            # An article came on standard input (or it is redirected): the review screen needs
            # the keyboard, so take it from the terminal, as less and fzf do; with no terminal
            # to take it from, print the text report instead of a screen no key can reach.
            interactive = _keyboard_from_terminal()
        if interactive:
            from comparer.ui.early import EarlyComparison

            # The review screen must never wait for the meaning model: until it shows the
            # lexical alignment first and swaps in the meaning-aware one (issue 14, not built
            # yet), it shows the lexical one.
            settings = Settings(threshold=args.threshold, lexical=True)

            # Aligning on another core starts before Textual is imported (see early.py).
            early = EarlyComparison.start(docs[0], docs[1], settings)
            try:
                from comparer.ui.app import run_app
            except RuntimeError as exc:
                # Python 3.11 wraps a Ctrl+C that lands in a class body's __set_name__ (Textual's
                # widgets are full of them) in a RuntimeError: it is still the user's Ctrl+C.
                if isinstance(exc.__cause__, KeyboardInterrupt):
                    raise KeyboardInterrupt from None
                raise
            return run_app(docs[0], docs[1], settings, early)
        with _ProgressLine(sys.stderr) as progress:
            comparison = compare(docs[0], docs[1], settings, progress)
        if comparison.alignment.note:
            print(f"comparer: warning: {one_line(comparison.alignment.note)}", file=sys.stderr)
        text = _report(comparison, args)
        if args.output:
            write_atomic(args.output, text, force=args.force)
        else:
            try:
                _write_stdout(text, args.format or "text")
            except BrokenPipeError:
                # The reader went away (| head): not our trouble, and not a difference either.
                _stdout_to_devnull()
        return EXIT_SAME if comparison.same_information else EXIT_DIFFERENT
    except ComparerError as exc:
        print(f"comparer: error: {one_line(str(exc))}", file=sys.stderr)
        return EXIT_TROUBLE
    except MemoryError:
        print("comparer: error: not enough memory for these inputs; try smaller files", file=sys.stderr)
        return EXIT_TROUBLE
    except KeyboardInterrupt:
        print("comparer: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Every report write handles its own broken pipe; this is standard error (a warning, the
        # progress line) or the output file going away. Nothing more can be said on either.
        _stdout_to_devnull()
        return EXIT_TROUBLE


def _stdout_to_devnull() -> None:
    """Point standard output at the null device, so that flushing at exit finds no broken pipe
    to complain about."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def run() -> NoReturn:
    """The ``comparer`` command: ``main()``, then leave without taking the heap apart.

    Why: after a long comparison the interpreter spends most of a second freeing millions of
    small objects one by one before the process ends (0.8 s after reviewing 5,000 sentences a
    side, more when quitting while an alignment still runs). The exit handlers still run and
    the output is flushed; only the freeing, which the operating system does at once, is skipped.
    """
    code = main()
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):  # a closed or broken stream has nothing to flush
            stream.flush()
    os._exit(code)
