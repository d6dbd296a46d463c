"""Standard output and standard error where every write is checked: a report that cannot be
written whole (a full disk, ``/dev/full``, a closed stream) is an error, never a quiet success.

Python's buffered streams can lose the tail of a large write on a full disk without raising, so a
report goes out through ``os.write`` in a loop that checks what each call wrote.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import os
import sys
from typing import TextIO

from comparer.core.errors import OutputError
from comparer.report.safe import BEYOND_C0

STDOUT = "standard output"


class _Closed(io.TextIOBase):
    """Stands for a standard stream that was closed when comparer started (``>&-``): not a
    terminal, and any write to it fails."""

    def isatty(self) -> bool:
        return False

    def write(self, text: str) -> int:
        raise OSError(9, "it is closed")


def guard_standard_streams() -> None:
    """Make a closed standard output or error safe to use before anything else runs.

    Python leaves ``sys.stdout`` as ``None`` when file descriptor 1 is closed; its place is
    taken by ``_Closed`` (writing to it is an error), and the descriptor itself by the null
    device, so that no file opened later (an input, a temporary report) lands on it by chance.
    """
    for fd, name in ((1, "stdout"), (2, "stderr")):
        if getattr(sys, name) is not None:
            continue
        try:
            os.fstat(fd)
        except OSError:
            devnull = os.open(os.devnull, os.O_WRONLY)
            if devnull != fd:
                os.dup2(devnull, fd)
                os.close(devnull)
        setattr(sys, name, _Closed())


def encoded(text: str, fmt: str, encoding: str | None) -> bytes:
    """A report as bytes for standard output, even where its encoding cannot hold every character.

    JSON stays valid and exact (\\uXXXX escapes), and nothing in it is raw for a terminal to act
    on; text and Markdown show such characters as backslash escapes.
    """
    if fmt == "json":
        text = BEYOND_C0.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
    encoding = encoding or "utf-8"
    try:
        return text.encode(encoding)
    except UnicodeEncodeError:
        return text.encode(encoding, errors="json_escape" if fmt == "json" else "backslashreplace")


def _json_escape(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeEncodeError)
    escaped: list[str] = []
    for char in error.object[error.start : error.end]:
        units = char.encode("utf-16-be", errors="surrogatepass")
        escaped.extend(f"\\u{units[k]:02x}{units[k + 1]:02x}" for k in range(0, len(units), 2))
    return "".join(escaped), error.end


codecs.register_error("json_escape", _json_escape)


def _cannot_write(exc: OSError) -> OutputError:
    return OutputError(f"{STDOUT}: cannot write ({exc.strerror or exc})")


def write_stdout(data: bytes) -> None:
    """Write ``data`` whole to standard output, or raise: ``BrokenPipeError`` when the reader has
    gone away (``| head``), ``OutputError`` for any other failure."""
    stream = sys.stdout
    if isinstance(stream, _Closed) or stream is None:
        raise OutputError(f"{STDOUT} is closed; nowhere to write the report (use -o FILE)")
    try:
        stream.flush()
        try:
            fd = stream.fileno()
        except (OSError, ValueError):  # no descriptor behind it (a test's capture): its own write
            stream.buffer.write(data)
            stream.flush()
            return
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            if written <= 0:
                raise OSError(28, os.strerror(28))
            view = view[written:]
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise _cannot_write(exc) from None


def flush_stdout() -> None:
    """Flush standard output (what ``print`` may have left in its buffer); ``OutputError`` if it
    cannot be written, nothing when the reader has gone away."""
    stream = sys.stdout
    if stream is None or isinstance(stream, _Closed):
        return
    try:
        stream.flush()
    except BrokenPipeError:
        stdout_to_devnull()
    except (OSError, ValueError) as exc:  # ValueError: the stream itself was closed
        stdout_to_devnull()
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "it is closed"
        raise OutputError(f"{STDOUT}: cannot write ({reason})") from None


def say(line: str, stream: TextIO | None = None) -> None:
    """Write one line to standard error; a message that cannot be shown is dropped, never raised
    (the exit status still tells what happened)."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        target = stream or sys.stderr
        target.write(line + "\n")
        target.flush()


def stdout_to_devnull() -> None:
    """Point standard output at the null device, so that flushing at exit finds no broken pipe
    (or full disk) to complain about a second time."""
    with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
        fd = sys.stdout.fileno()
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, fd)
        os.close(devnull)
