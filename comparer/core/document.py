"""Loading and decoding inputs into Documents, keeping the text as read."""

from __future__ import annotations

import codecs
import os
import sys
from typing import BinaryIO

from comparer.core.errors import InputError
from comparer.core.model import Document

STDIN = "-"
"""The name that stands for standard input."""

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
"""Inputs larger than this are refused unless the caller raises the limit."""

FALLBACK_ENCODING = "cp1252"


def _check_not_binary(data: bytes, source: str) -> None:
    if b"\x00" in data:
        raise InputError(f"{source}: looks like a binary file (it holds NUL bytes), not text")


def decode(data: bytes, source: str) -> Document:
    """Decode bytes into a Document.

    UTF-8 with or without a BOM and UTF-16 with a BOM are read as such; bytes that are not valid
    UTF-8 are read as cp1252 (latin-1 for the bytes cp1252 leaves undefined) with a warning.
    CRLF and lone CR line ends become LF; nothing else of the text is changed.
    """
    warnings: list[str] = []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{source}: starts with a UTF-16 mark but is not UTF-16 ({exc.reason})"
            ) from None
        encoding = "utf-16"
    else:
        _check_not_binary(data, source)
        try:
            text = data.decode("utf-8-sig")
            encoding = "utf-8"
        except UnicodeDecodeError as exc:
            text = _decode_single_byte(data)
            encoding = FALLBACK_ENCODING
            warnings.append(
                f"{source}: not valid UTF-8 (first bad byte at offset {exc.start});"
                f" read as {FALLBACK_ENCODING}"
            )
    if "\x00" in text:
        raise InputError(f"{source}: looks like a binary file (it holds NUL characters), not text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Document(source=source, text=text, encoding=encoding, warnings=tuple(warnings))


def _decode_single_byte(data: bytes) -> str:
    """cp1252, with the five bytes it leaves undefined read as latin-1 so that no byte is lost."""
    return data.decode(FALLBACK_ENCODING, errors="strict_fallback_latin1")


def _latin1_for_undefined(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start : error.end]
    return bytes(bad).decode("latin-1"), error.end


codecs.register_error("strict_fallback_latin1", _latin1_for_undefined)


def read_bytes(source: str, *, stdin: BinaryIO | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read the raw bytes of a path, or of standard input for ``-``, as a user-facing error if not."""
    if source == STDIN:
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(max_bytes + 1)
    else:
        if os.path.isdir(source):
            raise InputError(f"{source}: is a directory, not a file")
        try:
            with open(source, "rb") as handle:
                data = handle.read(max_bytes + 1)
        except FileNotFoundError:
            raise InputError(f"{source}: no such file") from None
        except PermissionError:
            raise InputError(f"{source}: permission denied") from None
        except IsADirectoryError:
            raise InputError(f"{source}: is a directory, not a file") from None
        except OSError as exc:
            raise InputError(f"{source}: cannot be read ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise InputError(
            f"{_label(source)}: larger than the limit of {max_bytes // (1024 * 1024)} MB;"
            " raise it with --max-size MB"
        )
    return data


def _label(source: str) -> str:
    return "<stdin>" if source == STDIN else source


def load(source: str, *, stdin: BinaryIO | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read and decode one input: a path, or ``-`` for standard input."""
    return decode(read_bytes(source, stdin=stdin, max_bytes=max_bytes), _label(source))


def from_string(text: str, source: str = "<string>") -> Document:
    """A Document from text already in memory (line ends normalised, like a file)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return Document(source=source, text=text.replace("\r\n", "\n").replace("\r", "\n"))
