"""Loading and decoding inputs into Documents, keeping the text as read."""

from __future__ import annotations

import codecs
import os
import sys
from typing import BinaryIO

from comparer.core.errors import InputError
from comparer.core.model import Document
from comparer.core.webpage import extracted, is_html_name, is_text_name, looks_like_html

STDIN = "-"
"""The name that stands for standard input."""

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
"""Inputs larger than this are refused unless the caller raises the limit."""

DEFAULT_TIMEOUT = 20.0
"""Seconds a whole fetch of a URL input may take: connecting, waiting and reading together
(comparer.fetch, imported only when an input is a URL)."""


def is_url(source: str) -> bool:
    """Whether an input names a web address (http or https) rather than a file."""
    return source.lower().startswith(("http://", "https://"))


FALLBACK_ENCODING = "cp1252"

_CHUNK = 1024 * 1024
"""Inputs are read in pieces of this size, so a large limit never means a large allocation."""

_SNIFF = 8192
"""How many leading bytes the binary and BOM-less UTF-16 checks look at."""

# C0 controls other than the white space text uses; text in a single-byte encoding has next to none.
_CONTROL_BYTES = frozenset(range(0x20)) - frozenset(b"\t\n\r\f\x1b") | {0x7F}


def _check_not_binary(data: bytes, source: str) -> None:
    if b"\x00" in data:
        raise InputError(f"{source}: looks like a binary file (it holds NUL bytes), not text")


def _utf16_without_bom(data: bytes) -> str | None:
    """The codec of BOM-less UTF-16 text (NUL in every other byte, as ASCII-heavy text has), or None."""
    head = data[:_SNIFF]
    if len(data) % 2 or len(head) < 4:
        return None
    pairs = len(head) // 2
    even_nul = head[0::2].count(0) / pairs
    odd_nul = head[1::2].count(0) / pairs
    if odd_nul >= 0.6 and even_nul <= 0.05:
        return "utf-16-le"
    if even_nul >= 0.6 and odd_nul <= 0.05:
        return "utf-16-be"
    return None


def _mostly_controls(data: bytes) -> bool:
    head = data[:_SNIFF]
    return sum(1 for byte in head if byte in _CONTROL_BYTES) > 0.05 * len(head)


def decode(data: bytes, source: str) -> Document:
    """Decode bytes into a Document.

    UTF-8 with or without a BOM, and UTF-16 or UTF-32 with a BOM, are read as such; UTF-16
    without a BOM is recognised by its NUL bytes and read with a warning; bytes that are not valid
    UTF-8 are read as cp1252 (latin-1 for the bytes cp1252 leaves undefined) with a warning, unless
    they are full of control bytes (binary). NUL anywhere else means binary and is refused.
    CRLF and lone CR line ends become LF; nothing else of the text is changed.
    """
    warnings: list[str] = []
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        # Checked first: the UTF-32 little-endian mark begins with the UTF-16 one.
        text, encoding = _decode_unicode(data, "utf-32", source), "utf-32"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = _decode_unicode(data, "utf-16", source), "utf-16"
    elif (bom_less := _utf16_without_bom(data)) is not None:
        text, encoding = _decode_unicode(data, bom_less, source), bom_less
        warnings.append(f"{source}: no byte-order mark, but the bytes are {bom_less.upper()}; read as such")
    else:
        _check_not_binary(data, source)
        try:
            text = data.decode("utf-8-sig")
            encoding = "utf-8"
        except UnicodeDecodeError as exc:
            if _mostly_controls(data):
                raise InputError(
                    f"{source}: looks like a binary file (not UTF-8, and full of control bytes), not text"
                ) from None
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


def _decode_unicode(data: bytes, codec: str, source: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        name = codec.upper().replace("-LE", "").replace("-BE", "")
        raise InputError(f"{source}: looks like {name} but is not valid {name} ({exc.reason})") from None


def _decode_single_byte(data: bytes) -> str:
    """cp1252, with the five bytes it leaves undefined read as latin-1 so that no byte is lost."""
    return data.decode(FALLBACK_ENCODING, errors="strict_fallback_latin1")


def _latin1_for_undefined(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start : error.end]
    return bytes(bad).decode("latin-1"), error.end


codecs.register_error("strict_fallback_latin1", _latin1_for_undefined)


def read_bytes(source: str, *, stdin: BinaryIO | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read the raw bytes of a path, or of standard input for ``-``, as a user-facing error if not.

    At most ``max_bytes`` are ever held: a larger input is refused with a message that names the
    limit and the option that raises it, before (for a regular file) anything is read.
    """
    label = _label(source)
    if source == STDIN:
        stream = stdin if stdin is not None else (sys.stdin.buffer if sys.stdin is not None else None)
        if stream is None:
            raise InputError("<stdin>: standard input is closed")
        try:
            data = _read_limited(stream, max_bytes)
        except OSError as exc:
            raise InputError(f"<stdin>: cannot be read ({exc.strerror or exc})") from None
    else:
        if os.path.isdir(source):
            raise InputError(f"{source}: is a directory, not a file")
        try:
            with open(source, "rb") as handle:
                size = os.fstat(handle.fileno()).st_size
                data = None if size > max_bytes else _read_limited(handle, max_bytes)
        except FileNotFoundError:
            raise InputError(f"{source}: no such file") from None
        except PermissionError:
            raise InputError(f"{source}: permission denied") from None
        except IsADirectoryError:
            raise InputError(f"{source}: is a directory, not a file") from None
        except OSError as exc:
            raise InputError(f"{source}: cannot be read ({exc.strerror or exc})") from None
    if data is None:
        raise InputError(
            f"{label}: larger than the limit of {limit_text(max_bytes)}; raise it with --max-size MB"
        )
    return data


def _read_limited(stream: BinaryIO, max_bytes: int) -> bytes | None:
    """All of ``stream`` if it holds at most ``max_bytes``, else None; reads in bounded pieces."""
    chunks: list[bytes] = []
    total = 0
    while total <= max_bytes:
        chunk = stream.read(min(_CHUNK, max_bytes + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
    return None


def limit_text(limit: int) -> str:
    """A size limit as a reader wants it: "20 MB", or a count of bytes when tiny."""
    megabytes = limit / (1024 * 1024)
    return f"{megabytes:.3g} MB" if megabytes >= 0.01 else f"{limit} bytes"


def _label(source: str) -> str:
    return "<stdin>" if source == STDIN else shown_name(source)


def shown_name(path: str) -> str:
    """A file name as text any report or screen can hold: bytes that are not UTF-8 (which Python
    keeps as lone surrogates) become U+FFFD, the replacement character."""
    try:
        raw = path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate that stands for no byte
        raw = path.encode("utf-8", "surrogatepass")
    return raw.decode("utf-8", "replace")


def load(
    source: str, *, stdin: BinaryIO | None = None, max_bytes: int = DEFAULT_MAX_BYTES, raw: bool = False
) -> Document:
    """Read and decode one input: a path, or ``-`` for standard input.

    A web page (an .html or .htm file, or any other input but a .txt or .md file that starts as
    HTML does) is reduced to its article text unless ``raw``; see ``webpage``.
    """
    document = decode(read_bytes(source, stdin=stdin, max_bytes=max_bytes), _label(source))
    if raw or not _is_page(source, document.text):
        return document
    return extracted(document)


def _is_page(source: str, text: str) -> bool:
    if source != STDIN and is_html_name(source):
        return True
    return (source == STDIN or not is_text_name(source)) and looks_like_html(text)


def from_string(text: str, source: str = "<string>") -> Document:
    """A Document from text already in memory (line ends normalised, like a file)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return Document(source=source, text=text.replace("\r\n", "\n").replace("\r", "\n"))
