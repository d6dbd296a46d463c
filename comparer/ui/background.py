"""Long work off the event loop, in a thread that neither quitting nor a newer run waits for,
and Python's cyclic garbage collector kept out of its way and of the keys' way."""

from __future__ import annotations

import asyncio
import contextlib
import gc
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


def pause_collector() -> None:
    """Pause the cyclic garbage collector while a comparison runs in the background.

    Its full passes over the growing heap hold the interpreter for 200-300 ms at a time, stalling
    keys, and they cost the alignment itself: at 5,000 sentences a side compare() took 18.9 s
    with them and 13.9 s paused (medians of 3), and page-downs while aligning stalled at worst
    125 ms with them and 56 ms paused (90 presses each, in tmux). The core leaves no cyclic
    garbage (none after a 5,000-sentence comparison), so nothing piles up meanwhile but the
    screen's own, which ``settle_collector`` clears.
    """
    gc.disable()


def resume_collector() -> None:
    gc.enable()


def settle_collector() -> None:
    """Collect once, then set everything alive (documents, comparison, rows) aside from later
    full passes, which over a 5,000-sentence comparison froze a page-down for 200-300 ms about
    every 35 presses. What is set aside is still freed by reference counting when dropped."""
    gc.enable()
    gc.collect()
    gc.freeze()


def release_collector() -> None:
    """Give the collector back everything, as before the screen existed."""
    gc.enable()
    gc.unfreeze()
