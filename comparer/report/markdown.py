"""The Comparison as a Markdown memo an editor can paste: summary, where the two disagree, what
only one side has, then the linked pairs with the words that differ in bold."""

from __future__ import annotations

import re
from collections.abc import Sequence

from comparer.core.model import Article, Comparison, Detail, Link, Side
from comparer.core.rows import (
    Cut,
    Mark,
    Row,
    conflict_spans,
    conflict_words,
    link_marker,
    marked_pieces,
    only_spans,
    rows,
)
from comparer.report.safe import flat
from comparer.report.text import NO_STORY, covered, details_by_kind, nearest_note, settings_line

# Only what acts inside a line: every line the memo writes starts with its own prefix, so the
# characters that matter only at a line start (#, +, -, digits) stay as they are.
# ``&`` too: ``&lt;`` would otherwise be read as an entity and show as ``<``.
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~&])")
# What GitHub and GitLab turn into links with no brackets at all (bare URLs, ``www.`` names,
# e-mail addresses): escaping the character the match starts from keeps them text.
_AUTOLINK = re.compile(r"(?i)(?<=www)\.|:(?=//)|@")


def escape(text: str) -> str:
    """Article text made literal in Markdown: no emphasis, links, entities or HTML can come from
    it, and no bare URL or address becomes a link."""
    return _AUTOLINK.sub(r"\\\g<0>", _SPECIAL.sub(r"\\\1", flat(text)))


def _bolded(text: str, offset: int, cut: Cut, conflicting: Cut | None = None) -> str:
    """Words only this side has in bold; words in a conflict in bold italics."""
    emphasis = {Mark.PLAIN: "", Mark.ONLY: "**", Mark.CONFLICT: "***"}
    return "".join(
        f"{emphasis[mark]}{escape(piece)}{emphasis[mark]}" if mark else escape(piece)
        for piece, mark in marked_pieces(text, offset, cut, conflicting or Cut(()))
    )


def _disagree_section(comparison: Comparison) -> list[str]:
    """Every conflict, with both sentences: the first thing an editor checking a story must see."""
    linked = [link for row in rows(comparison) for link in row.links if link.conflicts]
    if not linked:
        return []
    lines = ["## Where they disagree", ""]
    for link in linked:
        for conflict in link.conflicts:
            a, b = conflict_words(conflict, comparison)
            lines.append(f"- {conflict.kind.value}: A says **{escape(a)}**, B says **{escape(b)}**")
        lines += _link_sentences(comparison, link, "  - ")
    lines.append("")
    return lines


def _link_sentences(comparison: Comparison, link: Link, prefix: str) -> list[str]:
    """Each sentence of a link as a list item, the words only its side has in bold and the
    conflicting words in bold italics."""
    lines = []
    for side in (Side.A, Side.B):
        article = comparison.article(side)
        only, conflicting = Cut(link.only(side)), Cut(conflict_spans(link, side))
        for index in link.indices(side):
            sentence = article.sentences[index]
            text = _bolded(sentence.text, sentence.start, only, conflicting)
            lines.append(f"{prefix}**{side.value.upper()}{index + 1}** {text}")
    return lines


def _row_section(comparison: Comparison, row: Row) -> list[str]:
    """One row of linked sentences: a link with its score, or a sentence with all its partners,
    each partner under its own link's verdict and score."""
    if len(row.links) == 1:
        link = row.links[0]
        return [
            f"### {row.kind.value}, score {link.score:.2f}",
            "",
            *_link_sentences(comparison, link, "- "),
            "",
        ]
    lead = row.follow
    letter = lead.value.upper()
    numbers = ", ".join(f"{letter}{i + 1}" for i in row.indices(lead))
    lines = [f"### {numbers}: {len(row.links)} links", ""]
    article = comparison.article(lead)
    for index in row.indices(lead):
        links = row.links_of(lead, index)
        only, conflicting = Cut(only_spans(links, lead)), Cut(conflict_spans(links, lead))
        sentence = article.sentences[index]
        lines.append(f"- **{letter}{index + 1}** {_bolded(sentence.text, sentence.start, only, conflicting)}")
    for link in row.links:
        lines.append(f"- {escape(link_marker(link))} {link.kind.value}, score {link.score:.2f}:")
        side = lead.other
        only, conflicting = Cut(link.only(side)), Cut(conflict_spans(link, side))
        for index in link.indices(side):
            sentence = comparison.article(side).sentences[index]
            text = _bolded(sentence.text, sentence.start, only, conflicting)
            lines.append(f"  - **{side.value.upper()}{index + 1}** {text}")
    return [*lines, ""]


def _name(article: Article) -> str:
    return escape(article.document.name)


def _only_section(comparison: Comparison, side: Side) -> list[str]:
    article = comparison.article(side)
    letter = side.value.upper()
    only = comparison.only_in(side)
    lines = [f"## Only in {letter} ({_name(article)})", ""]
    if only:
        for index in only:
            lines.append(f"- **{letter}{index + 1}** {escape(article.sentences[index].text)}")
    else:
        lines.append(f"Every story sentence of {letter} is linked to one in the other article.")
    lines.append("")
    details = [d for d in article.details if not d.shared]
    if details:
        lines.append(f"Details only in {letter}:")
        lines.append("")
        lines.extend(_detail_lines(details, letter))
        lines.append("")
    return lines


def _detail_lines(details: Sequence[Detail], letter: str) -> list[str]:
    side = Side(letter.lower())
    return [
        f"- {title}: "
        + "; ".join(
            f"{escape(d.text)} ({letter}{d.sentence + 1}"
            + (f"; {escape(note)}" if (note := nearest_note(d, side)) and not d.shared else "")
            + ")"
            for d in chosen
        )
        for title, chosen in details_by_kind(details)
    ]


def render_markdown(comparison: Comparison) -> str:
    """The whole Markdown memo."""
    c, s = comparison, comparison.summary
    lines = [
        f"# Comparison: {_name(c.a)} (A) and {_name(c.b)} (B)",
        "",
        "| | A | B |",
        "|---|---|---|",
        f"| source | {escape(c.a.document.source)} | {escape(c.b.document.source)} |",
        f"| story sentences | {s.sentences_a:,} | {s.sentences_b:,} |",
        f"| only in this one | {s.only_in_a:,} | {s.only_in_b:,} |",
        f"| covered by the other | {covered(s, Side.A) or NO_STORY} | {covered(s, Side.B) or NO_STORY} |",
        f"| details only in this one | {s.details_only_a:,} | {s.details_only_b:,} |",
        "",
        f"{s.links:,} linked groups of sentences: {s.same:,} the same, {s.partial:,} partly the same; "
        f"{s.conflicts:,} {'place' if s.conflicts == 1 else 'places'} where they disagree.",
        "",
        escape(settings_line(c)),
        "",
    ]
    lines += _disagree_section(c)
    lines += _only_section(c, Side.A)
    lines += _only_section(c, Side.B)
    shared = [d for d in c.a.details if d.shared]
    if shared:
        lines += ["## Details in both", ""]
        lines += [line.replace(" (A", " (A", 1) for line in _detail_lines(shared, "A")]
        lines.append("")
    lines += [
        "## Linked sentences",
        "",
        "Words only one side has are in **bold**; words where they disagree in ***bold italics***.",
        "",
    ]
    for row in rows(c):
        if not row.links:
            continue
        lines += _row_section(c, row)
    return "\n".join(lines).rstrip("\n") + "\n"
