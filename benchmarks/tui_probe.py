"""The review screen in a real terminal, timing each page key from its arrival to its frame.

    python benchmarks/tui_probe.py A B LOG   # speed.py runs this in tmux and sends the keys

For each page-down or page-up that moves the selection it appends one JSON line to LOG: the
milliseconds from the key event (made by Textual's driver as the bytes arrive) to the end of the
first frame written to the terminal after the row view has handled it, and whether the
comparison had arrived. That frame is the redraw the user waits for: the row view's lines, the
header and row information, turned into escape sequences and handed to the terminal's writer.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any, TextIO

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from textual import events  # noqa: E402
from textual.screen import Screen  # noqa: E402

import comparer.ui.app  # noqa: E402
from comparer.core.document import load  # noqa: E402
from comparer.ui.app import ComparerApp  # noqa: E402
from comparer.ui.screens.review import ReviewScreen  # noqa: E402
from comparer.ui.widgets.rowview import RowView  # noqa: E402

PAGE_KEYS = ("pagedown", "pageup")


class ProbeApp(ComparerApp):
    """The comparer app, noting when page keys arrive and when their frame has been written."""

    CSS_PATH = str(Path(comparer.ui.app.__file__).with_name("app.tcss"))  # not beside this file

    def __init__(self, a: str, b: str, log: TextIO) -> None:
        super().__init__(load(a), load(b))
        self.timings = log
        self.key: tuple[str, float] | None = None
        """The last page key and when it arrived (``time.monotonic``, as Textual stamps it)."""
        self.waiting: dict[str, Any] | None = None
        """A handled key whose frame has not been written yet."""

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and event.key in PAGE_KEYS:
            self.key = (event.key, event.time)
        await super().on_event(event)

    def handled(self, before: int, after: int) -> None:
        """Called by the row view's page actions once the selection has moved."""
        if self.key is not None and before != after:
            screen = self.screen_stack[0]
            aligned = isinstance(screen, ReviewScreen) and screen.comparison is not None
            self.waiting = {"key": self.key[0], "arrived": self.key[1], "aligned": aligned}
        self.key = None

    def _display(self, screen: Screen[Any], renderable: Any) -> None:
        super()._display(screen, renderable)
        if self.waiting is not None and renderable is not None:
            done = time.monotonic()
            record = {**self.waiting, "ms": (done - self.waiting["arrived"]) * 1000}
            del record["arrived"]
            self.timings.write(json.dumps(record) + "\n")
            self.timings.flush()
            self.waiting = None


def _timed(name: str) -> None:
    """Wrap the row view's page action so that the app hears when it has moved the selection."""
    action = getattr(RowView, name)

    def run(view: RowView) -> None:
        before = view.cursor
        action(view)
        app = view.app
        if isinstance(app, ProbeApp):
            app.handled(before, view.cursor)

    setattr(RowView, name, run)


def main() -> int:
    a, b, log_path = sys.argv[1:4]
    for name in ("action_page_down", "action_page_up"):
        _timed(name)
    with open(log_path, "a", encoding="utf-8") as log:
        ProbeApp(a, b, log).run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
