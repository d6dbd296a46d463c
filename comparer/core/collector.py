"""Python's cyclic garbage collector, kept out of the way of long comparisons: one counted pause
and one held freeze for the whole process.

Why: a long comparison makes hundreds of thousands of small objects (tokens, profiles, pairs)
that it keeps, and no reference cycles to speak of; the collector's full passes over them grew
with every pass and took a fifth of ``compare()``'s time at 2,000 sentences a side, and in the
review screen they held the interpreter for 200-300 ms at a time, stalling keys (at 5,000
sentences a side, compare() took 18.9 s with them and 13.9 s paused, medians of 3; page-downs
while aligning stalled at worst 125 ms with them and 56 ms paused, 90 presses each, in tmux).
Reference counting still frees everything as usual while the collector is paused, and the core
leaves no cyclic garbage (none after a 5,000-sentence comparison; a test checks it).

The collector's state is the process's, not a caller's: two comparisons in two threads must not
switch it back on under each other. So every pause is counted, under a lock: the first one in
switches the collector off, the last one out restores it as the first one found it (off stays
off when a caller had switched it off itself).
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

_lock = threading.Lock()
_pauses = 0
_restore = False
"""Whether the collector was on when the first of the current pauses began."""


def pause() -> None:
    """Begin a pause of the collector; each call needs one ``resume()``."""
    global _pauses, _restore
    with _lock:
        if _pauses == 0:
            _restore = gc.isenabled()
            gc.disable()
        _pauses += 1


def resume() -> None:
    """End one pause; the collector comes back (if it was on) when the last pause ends."""
    global _pauses
    with _lock:
        if _pauses == 0:
            raise RuntimeError("collector.resume() without a pause")
        _pauses -= 1
        if _pauses == 0 and _restore:
            gc.enable()


def pauses() -> int:
    """How many pauses are under way (for tests and diagnostics)."""
    with _lock:
        return _pauses


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """The collector paused while the block runs (counted: see the module docstring)."""
    pause()
    try:
        yield
    finally:
        resume()


class Hold:
    """A pause and a freeze held by one owner across callbacks (the review screen): taking it
    twice holds one pause, and at most one freeze is ever held, so every pause is resumed and
    every freeze undone exactly once, however runs start, fail or are superseded.

    Not thread-safe itself: one owner calls it from one thread (the event loop).
    """

    def __init__(self) -> None:
        self._paused = False
        self._frozen = False

    @property
    def paused(self) -> bool:
        return self._paused

    def take(self) -> None:
        """Pause the collector, unless this hold has paused it already."""
        if not self._paused:
            pause()
            self._paused = True

    def drop(self) -> None:
        """End this hold's pause, if it has one."""
        if self._paused:
            self._paused = False
            resume()

    def settle(self) -> None:
        """End the pause, collect once and set everything alive aside from later full passes.

        What was set aside last time is given back first, so garbage that has appeared in it
        since (a replaced comparison's cycles) is collected now, and freezes never pile up.
        Whatever is set aside is still freed by reference counting when dropped; full passes
        over a 5,000-sentence comparison otherwise froze a page-down for 200-300 ms about every
        35 presses.
        """
        self.thaw()
        gc.collect()
        gc.freeze()
        self._frozen = True
        self.drop()

    def thaw(self) -> None:
        """Give the collector back what this hold set aside, if anything."""
        if self._frozen:
            self._frozen = False
            gc.unfreeze()

    def release(self) -> None:
        """Everything back as before the owner existed: no pause, nothing set aside."""
        self.thaw()
        self.drop()
