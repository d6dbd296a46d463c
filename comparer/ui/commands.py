"""The command palette: every action of the review screen, found by its description."""

from __future__ import annotations

from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider


class ReviewCommands(Provider):
    """Offers the review screen's key actions in the command palette, with their keys."""

    def _commands(self) -> list[tuple[str, str, str]]:
        from comparer.ui.screens.review import ReviewScreen
        from comparer.ui.widgets.rowview import RowView

        screen = self.screen
        if not isinstance(screen, ReviewScreen):
            return []
        out: list[tuple[str, str, str]] = []
        seen: set[str] = set()
        for binding in (*screen.BINDINGS, *RowView.BINDINGS):
            if not isinstance(binding, Binding) or binding.action in seen:
                continue
            seen.add(binding.action)
            keys = ", ".join(self.app.get_key_display(binding.with_key(k)) for k in binding.key.split(","))
            out.append((binding.tooltip or binding.description, binding.action, keys))
        return out

    async def _run(self, action: str) -> None:
        from comparer.ui.widgets.rowview import RowView

        # Row movements belong to the row view; everything else to the screen.
        if action in {b.action for b in RowView.BINDINGS if isinstance(b, Binding)}:
            await self.screen.query_one(RowView).run_action(action)
        else:
            await self.screen.run_action(action)

    async def discover(self) -> Hits:
        for title, action, keys in self._commands():
            yield DiscoveryHit(title, partial(self._run, action), help=f"key: {keys}")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, action, keys in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(self._run, action), help=f"key: {keys}")
