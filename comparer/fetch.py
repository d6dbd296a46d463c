"""URLs in: fetching a page over HTTP(S) with limits, then reading it like a file.

Outside the core because it is network I/O. Every way a fetch can fail (an unknown host, a refused
connection, a timeout, an HTTP error, a redirect loop, a response too large or of a kind that is
no page) is an InputError that names the URL, so the CLI says one line and exits 2.
"""

from __future__ import annotations

import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from http.client import HTTPException, HTTPResponse

from comparer import __version__
from comparer.core.document import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, decode, limit_text
from comparer.core.errors import InputError
from comparer.core.model import Document
from comparer.core.webpage import extracted

MAX_REDIRECTS = 5

PAGE_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)

_CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class Fetched:
    """A response's body and what the server said about it."""

    url: str
    """The address the body came from, after redirects."""
    body: bytes
    content_type: str
    """The media type alone, lower case: "text/html"."""
    charset: str | None
    header: str
    """The Content-Type header as sent."""


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS
    max_repeats = 1  # the same address twice is a loop: say so at once


def _opener() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(_Redirects())


def fetch(url: str, *, max_bytes: int = DEFAULT_MAX_BYTES, timeout: float = DEFAULT_TIMEOUT) -> Fetched:
    """GET ``url``: at most ``max_bytes`` of body, ``timeout`` seconds in all, ``MAX_REDIRECTS``."""
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": f"comparer/{__version__}",
            "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9",
        },
    )
    deadline = time.monotonic() + timeout
    try:
        with _opener().open(request, timeout=timeout) as response:
            if not isinstance(response, HTTPResponse):  # a redirect to ftp: is no web page
                raise InputError(f"{url}: redirected to {response.geturl()}, which is not http or https")
            header = response.headers.get("Content-Type", "")
            media, charset = _media_type(header)
            if media not in PAGE_TYPES + TEXT_TYPES:
                raise InputError(
                    f"{url}: the server sent {media or 'no content type'}, not a web page or text"
                )
            length = response.headers.get("Content-Length")
            if length is not None and length.isdigit() and int(length) > max_bytes:
                raise InputError(f"{url}: {_too_large(max_bytes)}")
            body = _read(response, url, max_bytes, deadline)
            final = response.geturl()
    except InputError:
        raise
    except urllib.error.HTTPError as exc:
        if exc.code in (301, 302, 303, 307, 308):
            raise InputError(f"{url}: too many redirects (a loop, or more than {MAX_REDIRECTS})") from None
        raise InputError(f"{url}: the server answered HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise InputError(f"{url}: cannot be fetched ({_reason(exc.reason, timeout)})") from None
    except TimeoutError:
        raise InputError(f"{url}: no answer within {timeout:g} s (timed out)") from None
    except (OSError, HTTPException, ValueError) as exc:
        raise InputError(f"{url}: cannot be fetched ({_reason(exc, timeout)})") from None
    return Fetched(final, body, media, charset, header)


def _read(response: HTTPResponse, url: str, max_bytes: int, deadline: float) -> bytes:
    # read1 returns what one receive brings, so a server that trickles its body still meets the
    # deadline (read(n) would wait for n bytes, each receive within the socket's timeout).
    read = response.read1
    chunks: list[bytes] = []
    total = 0
    while True:
        if time.monotonic() > deadline:
            raise TimeoutError
        chunk: bytes = read(min(_CHUNK, max_bytes + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > max_bytes:
            raise InputError(f"{url}: {_too_large(max_bytes)}")


def _too_large(max_bytes: int) -> str:
    return f"the response is larger than the limit of {limit_text(max_bytes)}; raise it with --max-size MB"


def _media_type(header: str) -> tuple[str, str | None]:
    message = Message()
    message["Content-Type"] = header or "application/octet-stream"
    media = message.get_content_type().lower() if header else ""
    charset = message.get_param("charset")
    return media, charset if isinstance(charset, str) else None


def _reason(reason: object, timeout: float) -> str:
    if isinstance(reason, TimeoutError):
        return f"no answer within {timeout:g} s"
    if isinstance(reason, socket.gaierror):
        return "unknown host"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror.lower() if reason.strerror[:1].isupper() else reason.strerror
    return str(reason) or type(reason).__name__


def load_url(
    url: str, *, max_bytes: int = DEFAULT_MAX_BYTES, timeout: float = DEFAULT_TIMEOUT, raw: bool = False
) -> Document:
    """Fetch ``url`` and read it as a Document: a page is reduced to its article unless ``raw``."""
    got = fetch(url, max_bytes=max_bytes, timeout=timeout)
    document = _decode(got, url)
    if raw or got.content_type in TEXT_TYPES:
        return document
    return extracted(document, url=got.url, content_type=got.header)


def _decode(got: Fetched, url: str) -> Document:
    charset = (got.charset or "").lower()
    if charset and charset.replace("_", "-") not in ("utf-8", "utf8"):
        try:
            text = got.body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown charset: read the bytes as any input is read
        else:
            if "\x00" not in text:
                return Document(
                    source=url, text=text.replace("\r\n", "\n").replace("\r", "\n"), encoding=charset
                )
    return decode(got.body, url)
