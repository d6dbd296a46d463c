"""The Comparison as aligned plain text for terminals and pipes, readable without colour.

Each row starts with a marker, as diff does: ``=`` same, ``~`` partial, ``-`` only in A,
``+`` only in B, ``.`` boilerplate, and ``!`` for a link whose two sides disagree (a conflict:
"rose" / "fell"), each conflict named on a line under it. Inside linked sentences, words only A
has are wrapped ``[-like this-]`` and words only B has ``{+like this+}`` (the wdiff convention),
the words in a conflict ``[!like this!]`` and ``{!like this!}``, so the
differences survive copying, grepping and a terminal without colour. Colour, when on, is added
on top of the markers, never instead of them.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from comparer.core.model import Article, Comparison, Detail, DetailKind, Link, Side, Summary
from comparer.core.rows import (
    CONFLICT_MARKER,
    MARKERS,
    Cut,
    Cuts,
    Mark,
    Row,
    RowKind,
    describe,
    link_marker,
    marked_pieces,
    rows,
)
from comparer.report.safe import inert, one_line


@dataclass(frozen=True, slots=True)
class Palette:
    """ANSI styles; all empty when colour is off."""

    only_a: str = ""
    only_b: str = ""
    dim: str = ""
    reset: str = ""
    conflict: str = ""

    @classmethod
    def ansi(cls) -> Palette:
        return cls("\x1b[1;31m", "\x1b[1;32m", "\x1b[2m", "\x1b[0m", "\x1b[1;7;33m")


PLAIN = Palette()

_OPEN = {Side.A: "[-", Side.B: "{+"}
_CLOSE = {Side.A: "-]", Side.B: "+}"}
_OPEN_CONFLICT = {Side.A: "[!", Side.B: "{!"}
_CLOSE_CONFLICT = {Side.A: "!]", Side.B: "!}"}
_MEANINGS = {
    RowKind.SAME: "same",
    RowKind.PARTIAL: "partial",
    RowKind.ONLY_A: "only in A",
    RowKind.ONLY_B: "only in B",
    RowKind.BOILERPLATE_A: "not story text (never matched)",
}
LEGEND = (
    "   ".join(f"{MARKERS[kind]} {meaning}" for kind, meaning in _MEANINGS.items())
    + f"   {CONFLICT_MARKER} they disagree\n"
    + "   ".join(f"{_OPEN[side]}words{_CLOSE[side]} only in {side.name}" for side in Side)
    + "   "
    + " ".join(f"{_OPEN_CONFLICT[side]}words{_CLOSE_CONFLICT[side]}" for side in Side)
    + " where A and B disagree"
)
"""The key printed under the text report, made from the markers it uses."""


def marked(
    text: str, offset: int, cut: Cut, side: Side, palette: Palette = PLAIN, conflicting: Cut | None = None
) -> str:
    """``text`` (which starts at ``offset`` in its document) with ``cut``'s spans wrapped in
    markers, and the conflicting words (``conflicting``'s spans) in markers of their own."""
    colour = palette.only_a if side is Side.A else palette.only_b
    out = []
    for piece, mark in marked_pieces(text, offset, cut, conflicting or Cut(())):
        if mark is Mark.CONFLICT:
            out.append(
                f"{palette.conflict}{_OPEN_CONFLICT[side]}{inert(piece)}{_CLOSE_CONFLICT[side]}{palette.reset}"
            )
        elif mark is Mark.ONLY:
            out.append(f"{colour}{_OPEN[side]}{inert(piece)}{_CLOSE[side]}{palette.reset}")
        else:
            out.append(inert(piece))
    return "".join(out)


def _label(side: Side, index: int) -> str:
    return f"{side.value.upper()}{index + 1}"


_SGR = re.compile(r"\x1b\[[0-9;]*m")


def _wrap(body: str, prefix: str, width: int) -> list[str]:
    # Colour codes stand in as single C0 characters while wrapping (inert() leaves none in article
    # text), so a long word is never broken inside an escape sequence.
    codes = sorted(set(_SGR.findall(body)))
    stand_ins = {code: chr(1 + k) for k, code in enumerate(codes)}
    body = _SGR.sub(lambda match: stand_ins[match.group()], body)
    lines = _wrap_plain(body, prefix, width)
    for code, stand_in in stand_ins.items():
        lines = [line.replace(stand_in, code) for line in lines]
    return lines


def _wrap_plain(body: str, prefix: str, width: int) -> list[str]:
    indent = " " * len(prefix)
    lines: list[str] = []
    for k, paragraph in enumerate(body.split("\n")):
        wrapped = textwrap.wrap(
            paragraph,
            width=max(20, width),
            initial_indent=prefix if k == 0 else indent,
            subsequent_indent=indent,
            break_long_words=True,
            break_on_hyphens=False,
        ) or [prefix if k == 0 else indent]
        lines.extend(wrapped)
    return lines


def _verdict(link: Link) -> str:
    return f"({link.kind.value}, score {link.score:.2f})"


def _row_lines(row: Row, comparison: Comparison, width: int, palette: Palette) -> list[str]:
    """The row's sentences, A's then B's; a row with several links lists its partners under each
    link's marker and score, a row with one link ends with its score."""
    marker = row.marker
    lines: list[str] = []
    first = True
    cuts = Cuts()
    for side in (Side.A, Side.B):
        article = comparison.article(side)
        for heading, indices in row.blocks(side):
            if heading is not None:
                lines.append(f"{'':6}{link_marker(heading)} {_verdict(heading)}")
            for index in indices:
                cut, conflicting = cuts(row.marking(side, heading, index), side)
                sentence = article.sentences[index]
                body = marked(sentence.text, sentence.start, cut, side, palette, conflicting)
                head = f"{marker if first else ' '} {_label(side, index):>4}  "
                if row.kind in (RowKind.BOILERPLATE_A, RowKind.BOILERPLATE_B):
                    body = f"{palette.dim}{body}{palette.reset}"
                lines.extend(_wrap(body, head, width))
                first = False
    if len(row.links) == 1:
        lines.append(f"{'':8}{_verdict(row.links[0])}")
    for conflict in row.conflicts:
        lines.extend(_wrap(inert(describe(conflict, comparison)), f"{'':8}{CONFLICT_MARKER} ", width))
    return lines


NO_STORY = "has no story text"
"""Said of a side with no story sentences instead of its coverage: the summary counts nothing
to cover as all of it covered (1.0), and "B covers 100% of A" would claim an agreement."""


def covered(summary: Summary, side: Side) -> str | None:
    """How much of ``side``'s story text the other side covers, as a percentage; None when
    ``side`` has no story text (see ``NO_STORY``)."""
    if side is Side.A:
        count, share = summary.sentences_a, summary.coverage_a
    else:
        count, share = summary.sentences_b, summary.coverage_b
    return f"{round(share * 100):d}%" if count else None


def header(comparison: Comparison) -> list[str]:
    s = comparison.summary

    def coverage(side: Side) -> str:
        share, letter, other = covered(s, side), side.value.upper(), side.other.value.upper()
        return f"{letter} {NO_STORY}" if share is None else f"{letter} covered {share} by {other}"

    return [
        f"A: {one_line(comparison.a.document.source)}",
        f"B: {one_line(comparison.b.document.source)}",
        f"{s.links:,} linked ({s.same:,} same, {s.partial:,} partial) · {s.conflicts:,} "
        f"{'conflict' if s.conflicts == 1 else 'conflicts'} · {s.only_in_a:,} only in A · "
        f"{s.only_in_b:,} only in B · {coverage(Side.A)} · {coverage(Side.B)}",
    ]


def settings_line(comparison: Comparison) -> str:
    """How the comparison was made, said in every report: the threshold and the alignment (by
    meaning and words, or by words only, and why)."""
    alignment = comparison.alignment
    if alignment.kind == "meaning":
        how = f"by meaning and words ({alignment.encoder})" if alignment.encoder else "by meaning and words"
    elif alignment.note:
        how = f"by words only ({alignment.note.removeprefix('words only: ')})"
    else:
        how = "by words only (as asked)" if comparison.settings.lexical else "by words only"
    return f"Settings: threshold {comparison.settings.threshold:+.2f} · aligned {how}"


_KIND_TITLES = {
    DetailKind.NAME: "names",
    DetailKind.NUMBER: "numbers",
    DetailKind.QUANTITY: "quantities",
    DetailKind.DATE: "dates",
    DetailKind.TIME: "times",
    DetailKind.QUOTE: "quotes",
}


def details_by_kind(details: Sequence[Detail]) -> list[tuple[str, list[Detail]]]:
    """Details grouped under a plural title, in a fixed order of kinds."""
    out = []
    for kind, title in _KIND_TITLES.items():
        chosen = [d for d in details if d.kind is kind]
        if chosen:
            out.append((title, chosen))
    return out


NEAREST_CHARS = 50
"""How much of the other article's closest mention a report quotes (a quote's is a sentence)."""


def nearest_note(detail: Detail, side: Side) -> str:
    """Where the other article comes closest to a detail only in ``side``, in plain words
    ('nearest in B7: “Sheremet”, the same word “Sheremet”'); empty when it comes nowhere close."""
    near = detail.nearest
    if near is None:
        return ""
    text = one_line(near.text)
    if len(text) > NEAREST_CHARS:
        text = text[: NEAREST_CHARS - 1].rstrip() + "…"
    return f"nearest in {_label(side.other, near.sentence)}: “{text}”, {near.why}"


def _details_lines(article: Article, side: Side, width: int) -> list[str]:
    only = [d for d in article.details if not d.shared]
    if not only:
        return [f"Details only in {side.value.upper()}: none"]
    lines = [f"Details only in {side.value.upper()}:"]
    for title, chosen in details_by_kind(only):
        items = "; ".join(
            f"{inert(d.text)} ({_label(side, d.sentence)}"
            + (f"; {inert(note)}" if (note := nearest_note(d, side)) else "")
            + ")"
            for d in chosen
        )
        lines.extend(_wrap(items, f"  {title}: ", width))
    return lines


def render_text(
    comparison: Comparison, *, width: int = 100, palette: Palette = PLAIN, follow: Side = Side.A
) -> str:
    """The whole text report."""
    lines = header(comparison)
    lines += [one_line(settings_line(comparison)), "", LEGEND, ""]
    for row in rows(comparison, follow):
        lines.extend(_row_lines(row, comparison, width, palette))
    lines.append("")
    lines.extend(_details_lines(comparison.a, Side.A, width))
    lines.extend(_details_lines(comparison.b, Side.B, width))
    shared = [d for d in comparison.a.details if d.shared and d.kind is not DetailKind.QUOTE]
    if shared:
        lines.extend(_wrap("; ".join(inert(d.text) for d in shared), "Details in both: ", width))
    return "\n".join(lines) + "\n"
