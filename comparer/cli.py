"""The command line: ``comparer A B [--format text|json|markdown] [-o FILE]``.

``main(argv)`` returns the exit code, as diff does: 0 when the articles carry the same
information, 1 when they differ, 2 on trouble. On a terminal with no ``--format`` it opens the
TUI; otherwise (a pipe, or a format asked for) it prints a report.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Sequence
from typing import TextIO

from comparer import __version__
from comparer.core.compare import compare
from comparer.core.document import DEFAULT_MAX_BYTES, STDIN, load
from comparer.core.errors import ComparerError
from comparer.core.model import Comparison, Document, Settings

EXIT_SAME, EXIT_DIFFERENT, EXIT_TROUBLE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one ``comparer: error:`` line and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_TROUBLE, f"comparer: error: {message} (see comparer --help)\n")


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
        choices=("text", "json", "markdown"),
        help="print a report instead of opening the review screen",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE")
    parser.add_argument("--force", action="store_true", help="let -o replace an existing file")
    parser.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the text report (auto: only on a terminal, never when NO_COLOR is set)",
    )
    parser.add_argument(
        "--threshold",
        type=float,
        default=0.0,
        metavar="SHIFT",
        help="raise (positive) or lower (negative) the bar for linking sentences; default 0",
    )
    parser.add_argument(
        "--width",
        type=int,
        default=None,
        help="wrap the text report at this many columns",
    )
    parser.add_argument(
        "--max-size",
        type=int,
        default=DEFAULT_MAX_BYTES // (1024 * 1024),
        metavar="MB",
        help="refuse inputs larger than this many megabytes (default %(default)s)",
    )
    parser.add_argument("--version", action="version", version=f"comparer {__version__}")
    return parser


def _use_colour(choice: str, stream: TextIO) -> bool:
    if choice == "never":
        return False
    if choice == "always":
        return True
    return "NO_COLOR" not in os.environ and stream.isatty()


def _load_inputs(args: argparse.Namespace) -> tuple[Document, Document]:
    if args.a == STDIN and args.b == STDIN:
        raise ComparerError("only one of the two inputs can be standard input (-)")
    if args.max_size <= 0:
        raise ComparerError("--max-size must be a positive number of megabytes")
    limit = args.max_size * 1024 * 1024
    docs = load(args.a, max_bytes=limit), load(args.b, max_bytes=limit)
    for doc in docs:
        for warning in doc.warnings:
            print(f"comparer: warning: {warning}", file=sys.stderr)
    return docs


def _report(comparison: Comparison, args: argparse.Namespace) -> str:
    from comparer.report import Palette, render

    to_terminal = args.output is None
    palette = Palette.ansi() if to_terminal and _use_colour(args.color, sys.stdout) else Palette()
    width = args.width or (shutil.get_terminal_size((100, 24)).columns if sys.stdout.isatty() else 100)
    return render(comparison, args.format or "text", width=width, palette=palette)


def main(argv: Sequence[str] | None = None) -> int:
    """Run comparer; returns the exit code (argparse's own exits for --help and usage included)."""
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_TROUBLE
    try:
        docs = _load_inputs(args)
        settings = Settings(threshold=args.threshold)
        interactive = (
            args.format is None
            and args.output is None
            and sys.stdout.isatty()
            and (sys.stdin.isatty() or STDIN in (args.a, args.b))
        )
        if interactive:
            from comparer.ui.app import run_app

            return run_app(docs[0], docs[1], settings)
        comparison = compare(docs[0], docs[1], settings)
        text = _report(comparison, args)
        if args.output:
            from comparer.report import write_atomic

            write_atomic(args.output, text, force=args.force)
        else:
            sys.stdout.write(text)
            sys.stdout.flush()
        return EXIT_SAME if comparison.same_information else EXIT_DIFFERENT
    except ComparerError as exc:
        print(f"comparer: error: {exc}", file=sys.stderr)
        return EXIT_TROUBLE
    except KeyboardInterrupt:
        print("comparer: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (| head): not our trouble; keep Python from complaining at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_DIFFERENT
