"""The details panel: where the two disagree, then names, numbers and quotes only in A, only in
B, and in both."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from comparer.core.model import Comparison, Detail, Side
from comparer.core.rows import CONFLICT_MARKER, conflict_words
from comparer.report.text import nearest_note
from comparer.ui.widgets.layout import clean, side_label


@dataclass(frozen=True)
class DetailTarget:
    """Where a detail sits: the side and sentence to jump to."""

    side: Side
    sentence: int


def _option(detail: Detail, side: Side, marker: str, number: int) -> Option:
    prompt = Text()
    prompt.append(f"{marker} ", style="bold")
    prompt.append(f"{detail.kind.value}: ", style="dim")
    prompt.append(clean(detail.text))
    prompt.append(f"  {side_label(side)}{detail.sentence + 1}", style="dim")
    if detail.mentions > 1:
        prompt.append(f" ×{detail.mentions}", style="dim")
    if not detail.shared and (note := nearest_note(detail, side)):
        prompt.append(f"\n    {clean(note)}", style="dim italic")
    return Option(prompt, id=f"detail-{number}")


class DetailsPanel(OptionList):
    """Conflicts first, then details grouped as only in A, only in B and shared; choosing one
    jumps to its sentence."""

    class Jump(Message):
        """The user chose a detail: show its sentence."""

        def __init__(self, target: DetailTarget) -> None:
            super().__init__()
            self.target = target

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._targets: dict[str, DetailTarget] = {}

    def show(self, comparison: Comparison) -> None:
        """List the details of ``comparison``, keeping the highlighted one where possible."""
        highlighted = self.highlighted
        self.clear_options()
        self._targets = {}
        options: list[Option] = []
        conflicts = [(link, c) for link in comparison.links for c in link.conflicts]
        options.append(
            Option(Text(f"Where they disagree ({len(conflicts)})", style="bold underline"), disabled=True)
        )
        if not conflicts:
            options.append(Option(Text("  none", style="dim italic"), disabled=True))
        for link, conflict in conflicts:
            a, b = conflict_words(conflict, comparison)
            prompt = Text()
            prompt.append(f"{CONFLICT_MARKER} ", style="bold")
            prompt.append(f"{conflict.kind.value}: ", style="dim")
            prompt.append(f"A: {clean(a)} · B: {clean(b)}")
            prompt.append(f"  {side_label(Side.A)}{link.a[0] + 1}", style="dim")
            option = Option(prompt, id=f"detail-{len(self._targets)}")
            assert option.id is not None
            self._targets[option.id] = DetailTarget(Side.A, link.a[0])
            options.append(option)
        groups = [
            ("Only in A", "-", Side.A, [d for d in comparison.a.details if not d.shared]),
            ("Only in B", "+", Side.B, [d for d in comparison.b.details if not d.shared]),
            ("In both", "=", Side.A, [d for d in comparison.a.details if d.shared]),
        ]
        for title, marker, side, details in groups:
            options.append(Option(Text(f"{title} ({len(details)})", style="bold underline"), disabled=True))
            if not details:
                options.append(Option(Text("  none", style="dim italic"), disabled=True))
            for detail in details:
                option = _option(detail, side, marker, len(self._targets))
                assert option.id is not None
                self._targets[option.id] = DetailTarget(side, detail.sentence)
                options.append(option)
        self.add_options(options)
        if highlighted is not None and highlighted < self.option_count:
            self.highlighted = highlighted

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        target = self._targets.get(event.option.id or "")
        if target is not None:
            self.post_message(self.Jump(target))
