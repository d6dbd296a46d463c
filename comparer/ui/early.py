"""The first comparison on another core, started before Textual is imported.

Opening the review screen costs two imports that cannot run side by side in one process:
Textual (about 0.25 s) and NLTK, which segmenting needs (0.2-0.35 s). In one process they take
their turns on one core, and the screen waited for both, then for the alignment. So the command
line forks a child as soon as the documents are read: the child imports NLTK, segments and
aligns while the parent imports Textual and draws the screen, and sends back what the screen's
first run would have computed: the articles, progress, and the comparison.

It only speeds things up, it never decides anything: the review screen uses the child's
results only for the run it was started for (the same documents and settings), and if the
child fails, dies or cannot be started, the screen compares in its own thread as it always
has. This module must not import Textual (it runs before it is imported) and the child never
touches the terminal.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any, NamedTuple

from comparer.core.model import Article, Comparison, Document, Settings

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess

POLL = 0.05
"""Seconds between the reader's checks that it is still wanted, while the child works."""


class Segmented(NamedTuple):
    """The child has cut both documents into sentences (sent before the alignment)."""

    articles: tuple[Article, Article]


class Progress(NamedTuple):
    """The child's comparison reports a stage and how far along it is."""

    stage: str
    fraction: float


class Gone(Exception):
    """The child failed or ended without a comparison: compare in this process instead."""


class EarlyComparison:
    """``compare(doc_a, doc_b, settings)`` in a forked child process; read it with ``results``."""

    def __init__(
        self, process: BaseProcess, receiver: Connection, docs: tuple[Document, Document], settings: Settings
    ) -> None:
        self._process = process
        self._receiver = receiver
        self._docs = docs
        self._settings = settings
        self._lock = threading.Lock()
        """Held to signal, reap or close: the reader's thread and the main thread both may."""
        self._closed = False

    @classmethod
    def start(cls, doc_a: Document, doc_b: Document, settings: Settings) -> EarlyComparison | None:
        """Fork the child, or ``None`` where forking is not safe: other than on Linux (macOS
        libraries may not survive a fork, Windows cannot fork), or once this process has threads
        (a fork copies locks other threads may hold)."""
        if sys.platform != "linux" or threading.active_count() > 1:
            return None
        try:
            context = multiprocessing.get_context("fork")
            receiver, sender = context.Pipe(duplex=False)
            process = context.Process(
                target=_child,
                args=(receiver, sender, (doc_a, doc_b), settings, os.getpid()),
                name="comparer-early",
                daemon=True,  # multiprocessing ends it at exit, if the parent is left without it
            )
            process.start()
        except (OSError, ValueError):
            return None  # no fork here, or no resources for one: the screen compares itself
        sender.close()  # the child holds the only writing end: its end of life is our EOF
        return cls(process, receiver, (doc_a, doc_b), settings)

    def serves(self, doc_a: Document, doc_b: Document, settings: Settings) -> bool:
        """Whether this child computes the comparison of these documents with these settings."""
        return self._docs[0] is doc_a and self._docs[1] is doc_b and self._settings == settings

    def results(self, check: Callable[[], None]) -> Iterator[Segmented | Progress | Comparison]:
        """The child's messages as they come, ending with the comparison; ``check`` is called
        before each message and between waits, and raising from it stops the child. Raises
        ``Gone`` when the child fails or ends without a comparison."""
        try:
            while True:
                check()  # also when messages come faster than a wait: a stop is never missed
                while not self._receiver.poll(POLL):
                    check()
                    if not self._alive() and not self._receiver.poll(0):
                        raise Gone("the early comparison ended without a result")
                kind, value = self._receiver.recv()
                if kind == "segmented":
                    yield Segmented(value)
                elif kind == "progress":
                    yield Progress(*value)
                elif kind == "done":
                    yield value
                    return
                else:
                    raise Gone(f"the early comparison failed: {value}")
        except (EOFError, OSError) as error:
            raise Gone(f"the early comparison ended: {error}") from None
        finally:
            self.close()

    def _alive(self) -> bool:
        with self._lock:
            return self._process.is_alive()  # reaps the child once it has ended

    def stop(self) -> None:
        """End the child if it still runs; safe from any thread, as it only sends a signal (the
        pipe is left to the reader, which then meets its end)."""
        with self._lock:
            if not self._closed and self._process.is_alive():
                self._process.kill()

    def close(self) -> None:
        """End the child and free the pipe: by the one thread that reads it, or by whoever took
        this comparison instead of reading it; safe to call more than once."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            if self._process.is_alive():
                self._process.kill()
            with contextlib.suppress(Exception):  # never fully started
                self._process.join(1.0)
            self._receiver.close()


def _child(
    receiver: Connection, sender: Connection, docs: tuple[Document, Document], settings: Settings, parent: int
) -> None:
    """The child's whole life: compare, send, and leave without touching the terminal."""
    receiver.close()  # the parent's end: held here too, a send to a dead parent would block
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is for the parent to handle
    _quiet()
    threading.Thread(target=_orphan_watch, args=(parent,), daemon=True).start()
    from comparer.core.compare import compare, segmented

    def send(kind: str, value: Any) -> None:
        sender.send((kind, value))

    def progress(stage: str, fraction: float) -> None:
        send("progress", (stage, fraction))

    try:
        articles = segmented(*docs)
        send("segmented", articles)
        send("done", compare(*docs, settings, progress, articles=articles))
    except BaseException as error:  # every failure is told; the parent then compares itself
        with contextlib.suppress(Exception):
            send("error", f"{type(error).__name__}: {error}")
    finally:
        sender.close()
        os._exit(0)  # no exit handlers: they belong to the parent (its terminal, its files)


def _quiet() -> None:
    """Point the child's standard streams at the null device: the screen is the parent's."""
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    os.close(devnull)


def _orphan_watch(parent: int) -> None:
    """End the child once its parent is gone (killed without the chance to end it)."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(0)
