"""Long work off the event loop, in a thread that neither quitting nor a newer run waits for."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable
from functools import partial
from typing import TypeVar

T = TypeVar("T")


class Stopped(Exception):
    """Raised inside the work by its ``check`` once nobody waits for the result any more."""


async def in_daemon_thread(work: Callable[[Callable[[], None]], T], name: str) -> T:
    """Run ``work`` in a daemon thread and wait for its result without blocking the event loop.

    Why not Textual's thread workers: they run in asyncio's default executor, whose threads the
    process joins at exit, so quitting during a long alignment hung until it had finished (15 s
    at 5,000 sentences a side). A daemon thread is left behind instead. ``work`` is given a
    ``check`` that raises ``Stopped`` once this coroutine is cancelled (a newer run, or the app
    quitting): calling it now and then ends abandoned work instead of letting it compete with
    the newer run for the CPU.
    """
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()
    stop = threading.Event()

    def check() -> None:
        if stop.is_set():
            raise Stopped

    def deliver(settle: Callable[[], None]) -> None:
        def apply() -> None:
            if not future.done():  # cancelled meanwhile: nobody wants the outcome
                settle()

        with contextlib.suppress(RuntimeError):  # the event loop has closed: the app is gone
            loop.call_soon_threadsafe(apply)

    def run() -> None:
        try:
            result = work(check)
        except BaseException as error:  # handed to the waiting coroutine, which re-raises it
            deliver(partial(future.set_exception, error))
        else:
            deliver(partial(future.set_result, result))

    threading.Thread(target=run, name=name, daemon=True).start()
    try:
        return await future
    finally:
        stop.set()
