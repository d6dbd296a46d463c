"""Work in a daemon thread: its result or error comes back, and cancelling it stops the work."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable

import pytest

from comparer.ui.background import Stopped, in_daemon_thread

pytestmark = pytest.mark.asyncio


async def test_the_result_comes_back_from_a_daemon_thread() -> None:
    seen: list[threading.Thread] = []

    def work(check: Callable[[], None]) -> int:
        check()
        seen.append(threading.current_thread())
        return 42

    assert await in_daemon_thread(work, name="test-work") == 42
    assert seen[0].daemon and seen[0].name == "test-work" and seen[0] is not threading.current_thread()


async def test_an_error_in_the_work_is_raised_to_the_waiter() -> None:
    def work(check: Callable[[], None]) -> int:
        raise ValueError("bad input")

    with pytest.raises(ValueError, match="bad input"):
        await in_daemon_thread(work, name="test-work")


async def test_cancelling_the_waiter_stops_the_work_at_its_next_check() -> None:
    started, ended = threading.Event(), threading.Event()
    outcome: list[str] = []

    def work(check: Callable[[], None]) -> None:
        started.set()
        try:
            while True:
                check()
                threading.Event().wait(0.005)
        except Stopped:
            outcome.append("stopped")
        finally:
            ended.set()

    task = asyncio.create_task(in_daemon_thread(work, name="test-work"))
    assert await asyncio.to_thread(started.wait, 5)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert await asyncio.to_thread(ended.wait, 5) and outcome == ["stopped"]
