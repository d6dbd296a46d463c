"""URLs in, end to end: pages served by a local HTTP server on 127.0.0.1 that the test starts.

Nothing here reaches the internet: every address is the test's own server, or a port on
127.0.0.1 that nothing listens on.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from comparer.cli import main

ROOT = Path(__file__).resolve().parents[2]
PAGE_A = (ROOT / "tests" / "data" / "pages" / "kremlin-a.html").read_bytes()
PAGE_B = (ROOT / "tests" / "data" / "pages" / "kremlin-b.html").read_bytes()
TEXT_A = (ROOT / "samples" / "kremlin-drone" / "a-kremlin-accuses-ukraine.txt").read_bytes()
HTML = "text/html; charset=utf-8"
NO_ARTICLE = (
    b"<!DOCTYPE html><html><head><title>Site</title></head><body><nav><a href=/>Home</a></nav></body></html>"
)
LATIN1 = (
    "<!DOCTYPE html><html><body><article><h1>Café owner speaks</h1><p>The café in Zürich opened on"
    " Monday, its owner Renée Müller told reporters at the door.</p></article></body></html>"
)


class _Handler(BaseHTTPRequestHandler):
    """Each path is one behaviour of a web server."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _send(self, status: int, body: bytes, content_type: str | None = HTML, **headers: str) -> None:
        self.send_response(status)
        if content_type is not None:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path
        if path == "/a.html":
            self._send(200, PAGE_A)
        elif path == "/b":
            self._send(200, PAGE_B)
        elif path == "/moved":
            self._send(301, b"", Location="/a.html")
        elif path in ("/loop1", "/loop2"):
            self._send(302, b"", Location="/loop2" if path == "/loop1" else "/loop1")
        elif path.startswith("/chain"):
            step = int(path.removeprefix("/chain") or 0)
            self._send(302, b"", Location=f"/chain{step + 1}")
        elif path == "/missing":
            self._send(404, b"<h1>Not found</h1>")
        elif path == "/broken":
            self._send(500, b"oops", "text/plain")
        elif path == "/slow":
            time.sleep(5)
            self._send(200, PAGE_A)
        elif path == "/trickle":
            self.send_response(200)
            self.send_header("Content-Type", HTML)
            self.end_headers()
            for _ in range(50):  # a byte every 0.1 s: each receive is quick, the whole is not
                self.wfile.write(b" ")
                self.wfile.flush()
                time.sleep(0.1)
        elif path == "/pdf":
            self._send(200, b"%PDF-1.7 ...", "application/pdf")
        elif path == "/untyped":
            self._send(200, PAGE_A, None)
        elif path == "/big":
            self._send(200, PAGE_A + b" " * (2 * 1024 * 1024))
        elif path == "/big-unannounced":
            self.send_response(200)
            self.send_header("Content-Type", HTML)
            self.end_headers()
            for _ in range(40):
                self.wfile.write(b" " * 65536)
        elif path == "/nothing.html":
            self._send(200, NO_ARTICLE)
        elif path == "/plain":
            self._send(200, TEXT_A, "text/plain; charset=utf-8")
        elif path == "/latin1":
            self._send(200, LATIN1.encode("latin-1"), "text/html; charset=ISO-8859-1")
        else:
            self._send(404, b"")


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # comparer hanging up on an oversize body is the point, not a server problem


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = _Server(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """A proxy set in the environment must not carry the test's requests anywhere."""
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "*")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_two_urls_are_fetched_extracted_and_compared(server: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, f"{server}/a.html", f"{server}/b", "--format", "json")
    assert code == 1 and err == ""
    first, second = json.loads(out)["documents"]
    assert first["source"] == f"{server}/a.html"
    assert first["extraction"]["url"] == f"{server}/a.html"
    assert first["extraction"]["content_type"] == HTML
    assert first["text"].startswith("Kremlin accuses Ukraine of trying to assassinate Putin")
    assert "Accept all cookies" not in first["text"] and "googletag" not in first["text"]
    assert second["text"].startswith("Kyiv Denies Involvement")


def test_a_url_beside_a_file_and_raw(server: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    clean = tmp_path / "a.txt"
    clean.write_bytes(TEXT_A)
    code, out, _ = run(capsys, f"{server}/moved", str(clean), "--format", "json")
    data = json.loads(out)
    assert code == 1
    assert data["documents"][0]["extraction"]["url"] == f"{server}/a.html"  # after the redirect
    assert data["summary"]["only_in_a"] == 0  # the page's article is the clean text (and a headline)
    code, out, _ = run(capsys, f"{server}/a.html", str(clean), "--format", "json", "--raw")
    assert json.loads(out)["documents"][0]["text"] == PAGE_A.decode("utf-8")
    assert json.loads(out)["documents"][0]["extraction"] is None


def test_plain_text_is_compared_as_it_is(server: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, f"{server}/plain", f"{server}/b", "--format", "json")
    first = json.loads(out)["documents"][0]
    assert code == 1 and first["extraction"] is None and first["text"] == TEXT_A.decode("utf-8")


def test_the_charset_the_server_names_is_used(server: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, f"{server}/latin1", f"{server}/b", "--format", "json")
    first = json.loads(out)["documents"][0]
    assert code == 1 and "Renée Müller" in first["text"] and first["encoding"] == "iso-8859-1"


@pytest.mark.parametrize(
    ("path", "options", "message"),
    [
        ("/missing", (), "the server answered HTTP 404 Not Found"),
        ("/broken", (), "the server answered HTTP 500"),
        ("/slow", ("--timeout", "0.5"), "no answer within 0.5 s"),
        ("/trickle", ("--timeout", "0.5"), "no answer within 0.5 s"),
        ("/loop1", (), "too many redirects"),
        ("/chain0", (), "too many redirects"),
        ("/pdf", (), "the server sent application/pdf, not a web page or text"),
        ("/untyped", (), "the server sent no content type"),
        ("/big", ("--max-size", "1"), "larger than the limit of 1 MB; raise it with --max-size MB"),
        ("/big-unannounced", ("--max-size", "1"), "larger than the limit of 1 MB"),
        ("/nothing.html", (), "no article text was found"),
    ],
)
def test_every_network_failure_is_one_line_and_exit_2(
    server: str, capsys: pytest.CaptureFixture[str], path: str, options: tuple[str, ...], message: str
) -> None:
    started = time.monotonic()
    code, out, err = run(capsys, f"{server}{path}", f"{server}/b", "--format", "text", *options)
    assert code == 2 and out == ""
    assert err.startswith(f"comparer: error: {server}{path}: ") and err.count("\n") == 1, err
    assert message in err
    assert time.monotonic() - started < 4  # the timeouts are kept, not waited out


def test_a_refused_connection(capsys: pytest.CaptureFixture[str]) -> None:
    url = f"http://127.0.0.1:{_closed_port()}/story.html"
    code, out, err = run(capsys, url, url, "--format", "text")
    assert code == 2 and out == ""
    assert err == f"comparer: error: {url}: cannot be fetched (connection refused)\n"


@pytest.mark.parametrize("value", ["0", "-1", "inf", "nan"])
def test_a_timeout_must_be_positive(capsys: pytest.CaptureFixture[str], value: str) -> None:
    code, _, err = run(capsys, "a.txt", "b.txt", "--timeout", value)
    assert code == 2 and err.startswith("comparer: error: --timeout must be")
