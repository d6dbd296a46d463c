"""The collector's pause is counted and its freeze held once, for the whole process: comparisons
in threads do not switch it back on under each other, and nothing stays set aside for ever."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator

import pytest

from comparer.core import collector
from comparer.core.compare import compare
from comparer.core.model import Document


@pytest.fixture(autouse=True)
def _collector_restored() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    (gc.enable if was else gc.disable)()


def test_the_first_comparison_to_finish_leaves_the_other_paused(doc_a: Document, doc_b: Document) -> None:
    """One comparison starts in a thread, a second starts here; the first finishes while the
    second still runs: the collector stays off until the second has finished too."""
    first_inside, first_may_finish = threading.Event(), threading.Event()

    def hold(stage: str, fraction: float) -> None:
        first_inside.set()
        assert first_may_finish.wait(10)

    first = threading.Thread(target=compare, args=(doc_a, doc_b), kwargs={"progress": hold})
    first.start()
    assert first_inside.wait(10)
    seen: list[bool] = []

    def finish_first_then_look(stage: str, fraction: float) -> None:
        if not seen:
            first_may_finish.set()
            first.join(10)
            assert not first.is_alive()
            seen.append(gc.isenabled())

    compare(doc_a, doc_b, progress=finish_first_then_look)
    assert seen == [False], "the first comparison's end switched the collector on under the second"
    assert gc.isenabled() and collector.pauses() == 0


def test_a_pause_that_finds_the_collector_off_leaves_it_off() -> None:
    gc.disable()
    with collector.paused(), collector.paused():
        assert not gc.isenabled()
    assert not gc.isenabled()
    with pytest.raises(RuntimeError):
        collector.resume()


def test_a_hold_pauses_once_however_often_it_is_taken() -> None:
    hold = collector.Hold()
    hold.take()
    hold.take()
    assert not gc.isenabled() and collector.pauses() == 1
    hold.drop()
    hold.drop()
    assert gc.isenabled() and collector.pauses() == 0


class _Node:
    def __init__(self) -> None:
        self.me = self


def test_settling_again_collects_what_the_last_settle_set_aside() -> None:
    """A re-alignment replaces the comparison: cycles in the old one, set aside by the first
    settle, are collected by the next, and releasing leaves nothing frozen."""
    hold = collector.Hold()
    node = _Node()
    alive = weakref.ref(node)
    hold.take()
    hold.settle()
    assert gc.get_freeze_count() > 0 and gc.isenabled()
    del node
    hold.take()
    hold.settle()
    assert alive() is None, "the old cycle stayed frozen"
    hold.release()
    assert gc.get_freeze_count() == 0 and collector.pauses() == 0
