"""The first comparison in a forked child (comparer/ui/early.py), and the review screen using it.

The fork itself runs in a fresh interpreter for each test: pytest's workers have threads, and
``EarlyComparison.start`` refuses to fork a process with threads (as it should).
"""

from __future__ import annotations

import copy
import os
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from comparer.core.compare import compare, segmented
from comparer.core.model import Document, Settings
from comparer.ui import app as app_module
from comparer.ui.app import make_app
from comparer.ui.early import EarlyComparison, Gone, Progress, Segmented
from comparer.ui.screens.review import ReviewScreen
from tests.ui.conftest import ROOT, SAMPLE_A, SAMPLE_B, aligned, settle

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the early comparison forks only on Linux")

_PRELUDE = f"""
import os, sys, time
sys.path.insert(0, {str(ROOT)!r})
from comparer.core.compare import compare
from comparer.core.document import load
from comparer.core.model import Comparison, Settings
from comparer.ui.early import EarlyComparison, Gone, Progress, Segmented
a, b = load({str(SAMPLE_A)!r}), load({str(SAMPLE_B)!r})
"""


def _run(script: str, timeout: float = 120.0) -> list[str]:
    """Run ``script`` after the prelude in a fresh interpreter; its printed lines."""
    done = subprocess.run(
        [sys.executable, "-c", _PRELUDE + textwrap.dedent(script)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "CHILD" not in done.stdout + done.stderr, "the child wrote to the terminal's streams"
    return done.stdout.splitlines()


def test_the_child_sends_sentences_progress_then_the_same_comparison() -> None:
    lines = _run("""
        early = EarlyComparison.start(a, b, Settings(threshold=0.1))
        assert early is not None and early.serves(a, b, Settings(threshold=0.1))
        assert not early.serves(a, b, Settings()) and not early.serves(b, a, Settings(threshold=0.1))
        kinds = []
        for result in early.results(lambda: None):
            kinds.append(type(result).__name__)
            if isinstance(result, Segmented):
                sentences = [len(article.sentences) for article in result.articles]
            elif isinstance(result, Progress):
                assert 0.0 <= result.fraction <= 1.0 and result.stage
        print(kinds[0], "Progress" in kinds, kinds[-1], sentences)
        print(result == compare(a, b, Settings(threshold=0.1)))
        print(early._process.is_alive())
    """)
    assert lines == ["Segmented True Comparison [17, 17]", "True", "False"]


def test_the_child_writes_nothing_and_ignores_ctrl_c() -> None:
    """The terminal is the screen's: whatever the child prints goes nowhere (``_run`` checks the
    streams); Ctrl+C reaches the whole process group, and is the screen's to handle."""
    lines = _run("""
        import signal
        module = sys.modules["comparer.core.compare"]
        real = module.compare
        def noisy(*args, **kwargs):
            print("CHILD on stdout", flush=True)
            print("CHILD on stderr", file=sys.stderr, flush=True)
            return real(*args, **kwargs)
        module.compare = noisy  # looked up by the child after the fork
        long = a.__class__(a.source, a.text * 20)
        early = EarlyComparison.start(long, b, Settings())
        for result in early.results(lambda: None):
            if isinstance(result, Segmented):
                os.kill(early._process.pid, signal.SIGINT)
        print(type(result).__name__)
    """)
    assert lines == ["Comparison"]


def test_a_failing_child_is_told_and_ends() -> None:
    lines = _run("""
        # The child looks the function up after the fork: calling None raises a TypeError there.
        sys.modules["comparer.core.compare"].compare = None
        early = EarlyComparison.start(a, b, Settings())
        try:
            kinds = [type(result).__name__ for result in early.results(lambda: None)]
        except Gone as error:
            print("gone:", error)
        print(early._process.is_alive())
    """)
    assert lines[0].startswith("gone: the early comparison failed: TypeError")
    assert lines[1] == "False"


def test_a_killed_child_is_gone_not_waited_for() -> None:
    lines = _run("""
        import signal
        long = a.__class__(a.source, a.text * 40)  # long enough to be killed while it aligns
        early = EarlyComparison.start(long, b, Settings())
        started = time.monotonic()
        try:
            for result in early.results(lambda: None):
                if isinstance(result, Segmented):
                    os.kill(early._process.pid, signal.SIGKILL)
        except Gone as error:
            print("gone:", type(error).__name__)
        print(time.monotonic() - started < 30)
    """)
    assert lines == ["gone: Gone", "True"]


def test_stopping_the_reader_ends_the_child() -> None:
    lines = _run("""
        long = a.__class__(a.source, a.text * 40)
        early = EarlyComparison.start(long, b, Settings())
        class Stopped(Exception):
            pass
        def check():
            raise Stopped
        try:
            for result in early.results(check):
                pass
        except Stopped:
            print("stopped")
        # close() has killed the child and waited a second for it; on a loaded machine its end
        # can take longer to be seen
        early._process.join(10)
        print(early._process.is_alive())
        early.close()  # a second close does no harm
    """)
    assert lines == ["stopped", "False"]


def _gone(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return True
    return "\nState:\tZ" in status  # a zombie has ended; only its parent's reaping is left


def test_a_child_left_by_a_killed_parent_ends_itself() -> None:
    """Its next send fails (it holds no reading end of its own), and it watches its parent."""
    lines = _run("""
        long = a.__class__(a.source, a.text * 400)  # aligning takes far longer than the wait
        early = EarlyComparison.start(long, b, Settings())
        print(early._process.pid, flush=True)
        os._exit(0)  # no exit handlers: as if killed
    """)
    pid = int(lines[0])
    deadline = time.monotonic() + 5
    while not _gone(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _gone(pid)


def test_the_orphan_watch_ends_a_child_whose_parent_is_gone() -> None:
    """``_orphan_watch`` on its own (the child's sends failing would end it too, later)."""
    lines = _run("""
        from comparer.ui import early as module
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:
            for fd in (1, 2):  # let the test read the parent's output without waiting for this one
                os.dup2(os.open(os.devnull, os.O_WRONLY), fd)
            while os.getppid() == parent:
                time.sleep(0.01)  # until the parent below has gone
            module._orphan_watch(parent)
            time.sleep(60)  # reached only if the watch returned instead of ending the process
            os._exit(0)
        print(pid, flush=True)
        os._exit(0)
    """)
    pid = int(lines[0])
    deadline = time.monotonic() + 5
    while not _gone(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _gone(pid)


def test_no_fork_once_the_process_has_threads(docs: tuple[Document, Document]) -> None:
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert EarlyComparison.start(docs[0], docs[1], Settings()) is None
    finally:
        release.set()
        thread.join()


BY_WORDS = Settings(lexical=True)
"""The settings of the screen's first comparison, the one the early child computes (the
meaning-aware one follows in this process: tests/ui/test_meaning_screen.py)."""


class _FakeEarly:
    """What the review screen asks of an EarlyComparison, without a process."""

    def __init__(
        self, docs: tuple[Document, Document], settings: Settings, results: Callable[[], Iterator[object]]
    ) -> None:
        self.docs, self.settings, self._results = docs, settings, results
        self.closed = self.stopped = 0
        self.read = False

    def serves(self, doc_a: Document, doc_b: Document, settings: Settings) -> bool:
        return (doc_a, doc_b) == self.docs and settings == self.settings

    def results(self, check: Callable[[], None]) -> Iterator[object]:
        self.read = True
        try:
            yield from self._results()
        finally:
            self.close()

    def close(self) -> None:
        self.closed += 1

    def stop(self) -> None:
        self.stopped += 1


def _screen(app: object) -> ReviewScreen:
    screen = app.screen_stack[0]  # type: ignore[attr-defined]
    assert isinstance(screen, ReviewScreen)
    return screen


@pytest.mark.asyncio
async def test_the_screen_shows_the_early_comparison(
    docs: tuple[Document, Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    warmed = threading.Event()
    monkeypatch.setattr(sys.modules["comparer.core.compare"], "warm_up", warmed.set)
    expected = compare(*docs, BY_WORDS)
    marked = copy.copy(expected)  # equal, but another object: the screen must show this one

    def results() -> Iterator[object]:
        yield Segmented(segmented(*docs))
        yield Progress("scoring sentence pairs", 0.5)
        yield marked

    early = _FakeEarly(docs, BY_WORDS, results)
    app = make_app(docs[0], docs[1], BY_WORDS, early)  # type: ignore[arg-type]
    async with app.run_test(size=(120, 40)) as pilot:
        await aligned(pilot)
        assert _screen(app).comparison is marked, "the child's comparison, not one computed here"
        assert early.read and early.closed >= 1
        # This process has not imported what comparing needs: it does so once the rows are drawn.
        await settle(pilot, warmed.is_set, "the warm-up after the early comparison")


def test_quitting_the_app_stops_the_child(
    docs: tuple[Document, Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    class Quits:
        return_code = 0

        def run(self) -> None:
            raise KeyboardInterrupt  # however the app ends, the child must not outlive it

    early = _FakeEarly(docs, Settings(), lambda: iter(()))
    monkeypatch.setattr(app_module, "make_app", lambda *args, **kwargs: Quits())
    with pytest.raises(KeyboardInterrupt):
        app_module.run_app(docs[0], docs[1], Settings(), early)  # type: ignore[arg-type]
    assert early.stopped == 1


@pytest.mark.asyncio
async def test_a_failed_early_comparison_is_computed_here(docs: tuple[Document, Document]) -> None:
    def results() -> Iterator[object]:
        yield Segmented(segmented(*docs))
        raise Gone("the early comparison failed: MemoryError")

    early = _FakeEarly(docs, BY_WORDS, results)
    app = make_app(docs[0], docs[1], BY_WORDS, early)  # type: ignore[arg-type]
    async with app.run_test(size=(120, 40)) as pilot:
        await aligned(pilot)
        assert _screen(app).comparison == compare(*docs, BY_WORDS)
        assert early.read


@pytest.mark.asyncio
async def test_an_early_comparison_for_other_settings_is_not_used(docs: tuple[Document, Document]) -> None:
    def results() -> Iterator[object]:
        raise AssertionError("read although it serves other settings")
        yield

    early = _FakeEarly(docs, Settings(threshold=0.2, lexical=True), results)
    app = make_app(docs[0], docs[1], BY_WORDS, early)  # type: ignore[arg-type]
    async with app.run_test(size=(120, 40)) as pilot:
        await aligned(pilot)
        assert _screen(app).comparison == compare(*docs, BY_WORDS)
        assert not early.read and early.closed == 1
