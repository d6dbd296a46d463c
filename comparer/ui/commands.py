"""The command palette: every action of the review screen, found by its description."""

from __future__ import annotations

from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider

from comparer.ui.screens.help import KeyEntry, key_entries


class ReviewCommands(Provider):
    """Offers the review screen's key actions in the command palette, with their keys."""

    def _commands(self) -> list[KeyEntry]:
        from comparer.ui.screens.review import ReviewScreen
        from comparer.ui.widgets.rowview import RowView

        screen = self.screen
        if not isinstance(screen, ReviewScreen):
            return []
        return key_entries((*screen.BINDINGS, *RowView.BINDINGS), self.app.get_key_display)

    async def _run(self, action: str) -> None:
        from comparer.ui.widgets.rowview import RowView

        # Row movements belong to the row view; everything else to the screen.
        if action in {b.action for b in RowView.BINDINGS if isinstance(b, Binding)}:
            await self.screen.query_one(RowView).run_action(action)
        else:
            await self.screen.run_action(action)

    async def discover(self) -> Hits:
        for entry in self._commands():
            yield DiscoveryHit(entry.description, partial(self._run, entry.action), help=f"key: {entry.keys}")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for entry in self._commands():
            score = matcher.match(entry.description)
            if score > 0:
                run = partial(self._run, entry.action)
                yield Hit(score, matcher.highlight(entry.description), run, help=f"key: {entry.keys}")
