"""The Comparison as one self-contained HTML page to send to someone who does not use a terminal.

Inline CSS only: no script, no font, image or any other request (a Content-Security-Policy says
so to the browser too), readable on a phone and printable. Every piece of article text goes
through ``_text``, which makes it inert and escapes it, so an article can never add markup.
Words only one side has are marked by more than colour: underlined (A) or double-underlined and
bold (B), and each mark says "only in A/B" to a screen reader.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from comparer.core.model import Article, Comparison, Conflict, Detail, Link, Side
from comparer.core.rows import (
    Cut,
    Cuts,
    Mark,
    Row,
    RowKind,
    link_marker,
    marked_pieces,
    rows,
)
from comparer.report.safe import flat
from comparer.report.text import NO_STORY, covered, details_by_kind, nearest_note, settings_line

_CSS = """
:root { color-scheme: light; --a: #9b1c1c; --b: #1d5e20; --rule: #ccc; --soft: #666; }
* { box-sizing: border-box; }
body { font: 16px/1.5 Georgia, "Times New Roman", serif; color: #111; background: #fff;
  margin: 0 auto; padding: 1.5rem; max-width: 80rem; }
h1 { font-size: 1.5rem; margin: 0 0 1rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--rule); }
h3 { font-size: 1rem; margin: 1rem 0 .25rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; }
.summary { width: auto; }
.summary th, .summary td { border-bottom: 1px solid var(--rule); }
.summary td { font-variant-numeric: tabular-nums; }
.source { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .85rem;
  overflow-wrap: anywhere; }
.label { font: .8rem ui-monospace, Menlo, Consolas, monospace; color: var(--soft);
  white-space: nowrap; margin-right: .15rem; }
.legend { color: var(--soft); font-size: .9rem; }
mark { background: none; color: inherit; padding: 0 .05em; }
mark.a { color: var(--a); text-decoration: underline 2px; text-underline-offset: .2em;
  background: #fdeaea; }
mark.b { color: var(--b); font-weight: bold; text-decoration: underline double;
  text-underline-offset: .2em; background: #e8f5e8; }
mark.conflict { font-weight: bold; outline: 2px solid var(--a); outline-offset: 1px;
  background: #fff3cd; }
ul.sentences { padding-left: 1.2rem; }
ul.sentences li { margin: .25rem 0; }
.pairs { table-layout: fixed; }
.pairs col.marker { width: 2.2rem; }
.pairs tr { border-top: 1px solid var(--rule); break-inside: avoid; }
.pairs td.marker { font: bold 1rem ui-monospace, Menlo, Consolas, monospace; text-align: center; }
.pairs td p { margin: 0 0 .3rem; }
.pairs .none { color: var(--soft); font-style: italic; }
.pairs .score { color: var(--soft); font-size: .8rem; }
.pairs tr.boilerplate td { color: var(--soft); font-size: .9rem; }
.pairs tr.only_a td.a, .pairs tr.only_b td.b { background: #f6f6f6; }
.disagreement { margin: .5rem 0 1rem; padding-left: .75rem; border-left: 4px solid var(--a); }
.disagreement p { margin: .2rem 0; }
.kind { font-weight: bold; text-transform: capitalize; }
@media (max-width: 700px) {
  body { padding: .75rem; font-size: 15px; }
  .pairs, .pairs tbody, .pairs tr, .pairs td { display: block; width: 100%; }
  .pairs colgroup, .pairs thead { display: none; }
  .pairs td.marker { text-align: left; padding-bottom: 0; }
  .pairs td.marker::after { content: " " attr(title); font: italic .85rem Georgia, serif; }
  .pairs td.empty { display: none; }
  .pairs td.b { border-top: 1px dashed var(--rule); }
}
@media print {
  body { font-size: 10.5pt; max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  mark.a, mark.b, mark.conflict { background: none; }
  .pairs thead { display: table-header-group; }
}
"""

_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'none'"
"""No script, no request of any kind: even markup that slipped through could do nothing."""

_ONLY_TITLE = {Side.A: "only in A", Side.B: "only in B"}


def _text(text: str) -> str:
    """Article text made inert (control characters shown as placeholders) and escaped."""
    return html.escape(flat(text), quote=True)


def _marked(text: str, offset: int, cut: Cut, side: Side, conflicting: Cut | None = None) -> str:
    """``text`` with the words only ``side`` has, and the words in a conflict, marked."""
    out = []
    for piece, mark in marked_pieces(text, offset, cut, conflicting or Cut(())):
        if mark is Mark.CONFLICT:
            out.append(f'<mark class="conflict" title="where they disagree">{_text(piece)}</mark>')
        elif mark is Mark.ONLY:
            out.append(f'<mark class="{side.value}" title="{_ONLY_TITLE[side]}">{_text(piece)}</mark>')
        else:
            out.append(_text(piece))
    return "".join(out)


def _label(side: Side, index: int) -> str:
    return f'<span class="label">{side.value.upper()}{index + 1}</span> '


def _summary(comparison: Comparison) -> list[str]:
    c, s = comparison, comparison.summary

    def row(title: str, a: str, b: str) -> str:
        return f"<tr><th scope=row>{title}</th><td>{a}</td><td>{b}</td></tr>"

    out = [
        '<table class="summary">',
        "<thead><tr><th></th><th scope=col>A</th><th scope=col>B</th></tr></thead><tbody>",
        row(
            "source",
            f'<span class="source">{_text(c.a.document.source)}</span>',
            f'<span class="source">{_text(c.b.document.source)}</span>',
        ),
        row("story sentences", f"{s.sentences_a:,}", f"{s.sentences_b:,}"),
        row("only in this one", f"{s.only_in_a:,}", f"{s.only_in_b:,}"),
        row(
            "covered by the other",
            covered(s, Side.A) or NO_STORY,
            covered(s, Side.B) or NO_STORY,
        ),
        row("details only in this one", f"{s.details_only_a:,}", f"{s.details_only_b:,}"),
        "</tbody></table>",
        f"<p>{s.links:,} linked groups of sentences: {s.same:,} the same, {s.partial:,} partly the same"
        f"; {s.conflicts:,} {'place' if s.conflicts == 1 else 'places'} where they disagree.</p>",
        f'<p class="settings">{_text(settings_line(c))}</p>',
    ]
    return out


def _conflict_part(comparison: Comparison, side: Side, link: Link, conflict: Conflict) -> str:
    """One side of a conflict: its sentence with the conflicting words marked in place."""
    article = comparison.article(side)
    span = conflict.a if side is Side.A else conflict.b
    linked = [article.sentences[i] for i in link.indices(side)]
    sentence = next((s for s in linked if s.start <= span.start <= s.end), linked[0])
    shown = _marked(sentence.text, sentence.start, Cut(()), side, Cut([span]))
    missing = "" if span.start < span.end else ' <em class="none">(no word in its place)</em>'
    return f"<p>{_label(side, sentence.index)}{shown}{missing}</p>"


def _disagreements(comparison: Comparison) -> list[str]:
    out = ["<h2 id=conflicts>Where they disagree</h2>"]
    conflicted = [link for link in comparison.links if link.conflicts]
    if not conflicted:
        return [*out, "<p>No linked sentences state the same fact differently.</p>"]
    for link in conflicted:
        for conflict in link.conflicts:
            out.append('<div class="disagreement">')
            out.append(f'<p class="kind">{html.escape(conflict.kind.value)}</p>')
            out.extend(_conflict_part(comparison, side, link, conflict) for side in (Side.A, Side.B))
            out.append("</div>")
    return out


def _detail_list(details: Sequence[Detail], side: Side) -> list[str]:
    letter = side.value.upper()
    return [
        f"<li><b>{title}</b>: "
        + "; ".join(
            f"{_text(d.text)} ({letter}{d.sentence + 1}"
            + (f"; {_text(note)}" if (note := nearest_note(d, side)) and not d.shared else "")
            + ")"
            for d in chosen
        )
        + "</li>"
        for title, chosen in details_by_kind(details)
    ]


def _only_section(comparison: Comparison, side: Side) -> list[str]:
    article = comparison.article(side)
    letter = side.value.upper()
    out = [f"<h2 id=only-{side.value}>Only in {letter} <small>({_text(article.document.name)})</small></h2>"]
    only = comparison.only_in(side)
    if only:
        out.append('<ul class="sentences">')
        out.extend(f"<li>{_label(side, i)}{_text(article.sentences[i].text)}</li>" for i in only)
        out.append("</ul>")
    else:
        out.append(f"<p>Every story sentence of {letter} is linked to one in the other article.</p>")
    details = [d for d in article.details if not d.shared]
    if details:
        out += [f"<h3>Details only in {letter}</h3>", "<ul>", *_detail_list(details, side), "</ul>"]
    return out


def _details_in_both(article: Article) -> list[str]:
    shared = [d for d in article.details if d.shared]
    if not shared:
        return []
    return ["<h2 id=details>Details in both</h2>", "<ul>", *_detail_list(shared, Side.A), "</ul>"]


_ROW_WORDS = {
    RowKind.SAME: "same",
    RowKind.PARTIAL: "partly the same",
    RowKind.ONLY_A: "only in A",
    RowKind.ONLY_B: "only in B",
    RowKind.BOILERPLATE_A: "not story text",
    RowKind.BOILERPLATE_B: "not story text",
}


def _cell(comparison: Comparison, row: Row, side: Side) -> str:
    indices = row.indices(side)
    if not indices:
        return f'<td class="{side.value} empty"><span class="none">{_ROW_WORDS[row.kind]}</span></td>'
    article = comparison.article(side)
    paragraphs = []
    cuts = Cuts()
    for heading, shown in row.blocks(side):
        if heading is not None:
            verdict = f"{heading.kind.value}, score {heading.score:.2f}"
            paragraphs.append(f'<p class="score">{html.escape(link_marker(heading))} {verdict}</p>')
        for index in shown:
            cut, conflicting = cuts(row.marking(side, heading, index), side)
            sentence = article.sentences[index]
            marked = _marked(sentence.text, sentence.start, cut, side, conflicting)
            paragraphs.append(f"<p>{_label(side, index)}{marked}</p>")
    if len(row.links) == 1 and side is row.follow.other:
        link = row.links[0]
        paragraphs.append(f'<p class="score">{link.kind.value}, score {link.score:.2f}</p>')
    return f'<td class="{side.value}">{"".join(paragraphs)}</td>'


def _pairs(comparison: Comparison) -> Iterable[str]:
    yield "<h2 id=pairs>The articles side by side</h2>"
    yield (
        '<p class="legend">Markers: = the same, ~ partly the same, ! they disagree, - only in A, '
        "+ only in B, . not story text. Words only A has are "
        '<mark class="a" title="only in A">underlined</mark>; words only B has are '
        '<mark class="b" title="only in B">in bold, underlined twice</mark>; words where they '
        'disagree are <mark class="conflict" title="where they disagree">boxed</mark>.</p>'
    )
    yield '<table class="pairs"><colgroup><col class="marker"><col><col></colgroup>'
    yield "<thead><tr><th></th><th scope=col>A</th><th scope=col>B</th></tr></thead><tbody>"
    for row in rows(comparison):
        kind = "boilerplate" if row.kind in (RowKind.BOILERPLATE_A, RowKind.BOILERPLATE_B) else row.kind.value
        words = "they disagree" if row.conflicts else _ROW_WORDS[row.kind]
        yield (
            f'<tr class="{kind}"><td class="marker" title="{words}">{row.marker}</td>'
            f"{_cell(comparison, row, Side.A)}{_cell(comparison, row, Side.B)}</tr>"
        )
    yield "</tbody></table>"


def render_html(comparison: Comparison) -> str:
    """The whole HTML report: one page, with nothing to fetch and nothing to run."""
    c = comparison
    title = f"Comparison: {_text(c.a.document.name)} (A) and {_text(c.b.document.name)} (B)"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{title}</title>",
        f"<style>{_CSS}</style>",
        "</head><body>",
        f"<h1>{title}</h1>",
        *_summary(c),
        *_disagreements(c),
        *_only_section(c, Side.A),
        *_only_section(c, Side.B),
        *_details_in_both(c.a),
        *_pairs(c),
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"
