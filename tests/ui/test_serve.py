"""``comparer --serve``: the review screen in headless Chromium, driven over the DevTools protocol.

The served screen is drawn on a canvas, so the test proves what it shows by what it does: it
loads the page, starts the app, presses ``e``, types a file name and Enter, and the export
dialog of the served screen writes the HTML report of the aligned rows. Everything runs on this
machine: the server listens on localhost, and Chromium fetches nothing else.
"""

from __future__ import annotations

import asyncio
import base64
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest

from tests.cli.test_browser import CHROMIUM, chromium
from tests.unit.test_report_html import SAMPLE_A, SAMPLE_B

aiohttp = pytest.importorskip("aiohttp")
pytest.importorskip("textual_serve")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for_port(port: int, process: subprocess.Popen[bytes], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read().decode() if process.stderr else "server ended"
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError(f"nothing listens on port {port}")


class _DevTools:
    """Just enough of the Chrome DevTools protocol: call a method, wait for its answer."""

    def __init__(self, socket: Any) -> None:
        self._ws = socket
        self._id = 0

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        self._id += 1
        sent = self._id
        await self._ws.send_json({"id": sent, "method": method, "params": params})
        while True:
            message = await self._ws.receive_json()
            if message.get("id") == sent:
                assert "error" not in message, message
                result: dict[str, Any] = message.get("result", {})
                return result

    async def key(self, key: str, code: int, modifiers: int = 0, text: str = "") -> None:
        for kind in ("keyDown", "keyUp"):
            params: dict[str, Any] = {"type": kind, "key": key, "windowsVirtualKeyCode": code}
            if modifiers:
                params["modifiers"] = modifiers
            if text and kind == "keyDown":
                params["text"] = text
            await self.call("Input.dispatchKeyEvent", **params)


async def _drive(page_url: str, target: Path, screenshot: Path) -> None:
    port = _free_port()
    with tempfile.TemporaryDirectory() as profile:
        browser = subprocess.Popen(
            chromium(profile, f"--remote-debugging-port={port}", "--window-size=1280,800", "about:blank"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            async with aiohttp.ClientSession() as http:
                targets: list[dict[str, Any]] = []
                for _ in range(300):
                    try:
                        async with http.get(f"http://127.0.0.1:{port}/json/list") as answer:
                            targets = await answer.json()
                            break
                    except aiohttp.ClientError:
                        await asyncio.sleep(0.1)
                url = next(t["webSocketDebuggerUrl"] for t in targets if t["type"] == "page")
                async with http.ws_connect(url, max_msg_size=0) as ws:
                    tools = _DevTools(ws)
                    await tools.call("Page.enable")
                    await tools.call("Page.navigate", url=page_url)
                    await asyncio.sleep(2)
                    for kind in ("mousePressed", "mouseReleased"):  # textual-serve's start button
                        await tools.call(
                            "Input.dispatchMouseEvent", type=kind, x=640, y=400, button="left", clickCount=1
                        )
                    await asyncio.sleep(5)  # the app starts and aligns (export waits for that)
                    shot = await tools.call("Page.captureScreenshot", format="png")
                    screenshot.write_bytes(base64.b64decode(shot["data"]))
                    # Keys go to xterm's hidden text area, as they do once a user clicks the page.
                    await tools.call(
                        "Runtime.evaluate",
                        expression="document.querySelector('.xterm-helper-textarea').focus()",
                    )
                    await tools.call("Input.insertText", text="e")
                    await asyncio.sleep(1)
                    await tools.key("a", 65, modifiers=2)  # ctrl+a: start of the file name
                    await tools.key("k", 75, modifiers=2)  # ctrl+k: delete it all
                    await tools.call("Input.insertText", text=str(target))
                    await asyncio.sleep(0.5)
                    typed = await tools.call("Page.captureScreenshot", format="png")
                    screenshot.with_suffix(".typed.png").write_bytes(base64.b64decode(typed["data"]))
                    await tools.key("Enter", 13, text="\r")
                    for _ in range(100):
                        if target.exists():
                            break
                        await asyncio.sleep(0.2)
        finally:
            browser.terminate()
            browser.wait(timeout=30)


def test_the_review_screen_served_to_chromium(tmp_path: Path) -> None:
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "comparer", "--serve", str(SAMPLE_A), str(SAMPLE_B), "--port", str(port)],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "NO_COLOR": "1"},
        start_new_session=True,
    )
    try:
        _wait_for_port(port, server)
        target = tmp_path / "served.html"
        asyncio.run(_drive(f"http://localhost:{port}/", target, tmp_path / "served.png"))
        assert target.exists(), "the served screen took the keys and exported"
        report = target.read_text("utf-8")
        assert report.startswith("<!DOCTYPE html>") and "A17" in report and "Sheremet" in report
        assert (tmp_path / "served.png").stat().st_size > 10_000  # a drawn screen, not a blank page
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            _, err = server.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            _, err = server.communicate()
    assert b"serving the review screen at http://localhost:" in err
    assert b"only this machine can open it" in err


def test_serve_refuses_standard_input_and_reports(capsys: pytest.CaptureFixture[str]) -> None:
    from comparer.cli import main

    assert main(["--serve", "-", str(SAMPLE_B)]) == 2
    assert "--serve cannot read standard input" in capsys.readouterr().err
    assert main(["--serve", str(SAMPLE_A), str(SAMPLE_B), "--format", "html"]) == 2
    assert "writes no report" in capsys.readouterr().err
    assert main(["--serve", str(SAMPLE_A), "missing.txt"]) == 2  # the inputs are checked first
    assert "missing.txt: no such file" in capsys.readouterr().err
