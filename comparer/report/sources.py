"""Sources (three or more) -> text, Markdown and JSON: a coverage table of facts by sources, what
only one source has, and the details with the sources that carry them."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

from comparer import __version__
from comparer.core.model import Article, DetailKind
from comparer.core.sources import Carried, Fact, SourcedDetail, Sources
from comparer.report.json_report import _document, _link, json_text
from comparer.report.markdown import escape
from comparer.report.safe import flat

FORMAT_VERSION = 2
"""The JSON format for three or more sources (two keep version 1: see docs/json-format.md)."""

MARKS = {Carried.SAME: "=", Carried.PARTIAL: "~", Carried.ABSENT: "-", Carried.CONFLICT: "!"}
"""One character per way a source carries a fact, so no view rests on colour alone."""
MEANINGS = {
    Carried.SAME: "carried",
    Carried.PARTIAL: "partly",
    Carried.ABSENT: "missing",
    Carried.CONFLICT: "in conflict",
}
LEGEND = "   ".join(f"{MARKS[c]} {MEANINGS[c]}" for c in Carried)

_DETAIL_TITLES = {
    DetailKind.NAME: "names",
    DetailKind.NUMBER: "numbers",
    DetailKind.DATE: "dates",
    DetailKind.TIME: "times",
    DetailKind.QUANTITY: "quantities",
    DetailKind.QUOTE: "quotes",
}


def letter(source: int) -> str:
    """The letter a source goes by in every view: A for the first input, B for the second..."""
    return "ABCDEFGH"[source]


def label(source: int, sentence: int) -> str:
    """A sentence as the views name it: ``C7`` is sentence 7 of the third source."""
    return f"{letter(source)}{sentence + 1}"


def fact_cell(fact: Fact, source: int) -> str:
    """How ``source`` carries ``fact``: its mark, then its sentences (``~ C2,C5``)."""
    cells = ",".join(label(source, x) for x in fact.sentences[source])
    return f"{MARKS[fact.carried[source]]} {cells}".rstrip()


def fact_text(sources: Sources, fact: Fact) -> str:
    """The fact in words: the first sentence of the first source that carries it."""
    k = fact.sources[0]
    return sources.articles[k].sentences[fact.sentences[k][0]].text


def same_information(sources: Sources) -> bool:
    """Every source carries the same information: each pair of them does."""
    return all(c.same_information for c in sources.comparisons)


def _story(article: Article) -> int:
    return len(article.story_sentences())


def _carried_count(sources: Sources, source: int) -> int:
    return sum(1 for f in sources.facts if f.carried[source].present)


def _count(number: int, thing: str) -> str:
    return f"{number:,} {thing}{'' if number == 1 else 's'}"


def _details_by_kind(details: Sequence[SourcedDetail]) -> list[tuple[str, list[SourcedDetail]]]:
    return [
        (title, [d for d in details if d.kind is kind])
        for kind, title in _DETAIL_TITLES.items()
        if any(d.kind is kind for d in details)
    ]


# Text ------------------------------------------------------------------------------------------


def render_sources_text(sources: Sources, *, width: int = 100) -> str:
    """The text report: sources, the coverage table, what only one source has, shared details."""
    n = len(sources)
    lines = [f"{n} sources:"]
    for k, article in enumerate(sources.articles):
        lines.append(
            f"  {letter(k)}  {flat(article.document.source)}: {_count(_story(article), 'story sentence')}, "
            f"{_count(_carried_count(sources, k), 'shared fact')}, "
            f"{_count(len(sources.only_in[k]), 'sentence')} only here"
        )
    lines += ["", f"Coverage: {len(sources.facts)} facts by sources ({LEGEND})", ""]
    cells = [[fact_cell(f, k) for k in range(n)] for f in sources.facts]
    widths = [max([len(letter(k)), *(len(row[k]) for row in cells)]) for k in range(n)]
    number = len(str(len(sources.facts)))
    head = " " * (number + 2) + "  ".join(letter(k).ljust(widths[k]) for k in range(n))
    lines.append(head.rstrip())
    for index, (fact, row) in enumerate(zip(sources.facts, cells, strict=True)):
        table = f"{index + 1:>{number}}. " + "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True))
        text = flat(fact_text(sources, fact))
        room = width - len(table) - 2
        shown = textwrap.shorten(text, room, placeholder="…") if room >= 20 else ""
        lines.append(f"{table}  {shown}".rstrip())
    for k, article in enumerate(sources.articles):
        lines += ["", f"Only in {letter(k)} ({flat(article.document.name)}):"]
        only = sources.only_in[k]
        if not only:
            lines.append("  every story sentence is carried by another source")
        for x in only:
            prefix = f"  {label(k, x):>4}  "
            lines += textwrap.wrap(
                flat(article.sentences[x].text),
                width=max(20, width),
                initial_indent=prefix,
                subsequent_indent=" " * len(prefix),
            )
        details = sources.only_details(k)
        for title, chosen in _details_by_kind(details):
            lines += textwrap.wrap(
                f"{title} only here: " + "; ".join(flat(d.text) for d in chosen),
                width=max(20, width),
                initial_indent="  ",
                subsequent_indent="    ",
            )
    shared = [d for d in sources.details if len(d.carriers) > 1]
    if shared:
        lines += ["", "Details in several sources (the sources that carry each):"]
        for title, chosen in _details_by_kind(shared):
            body = "; ".join(f"{flat(d.text)} ({''.join(letter(c) for c in d.carriers)})" for d in chosen)
            lines += textwrap.wrap(
                f"{title}: {body}", width=max(20, width), initial_indent="  ", subsequent_indent="    "
            )
    return "\n".join(lines) + "\n"


# Markdown --------------------------------------------------------------------------------------


def render_sources_markdown(sources: Sources) -> str:
    """The Markdown memo: sources, the coverage table, what only one has, the shared details."""
    n = len(sources)
    letters = [letter(k) for k in range(n)]
    lines = [
        f"# Comparison of {n} sources",
        "",
        "| | source | story sentences | facts shared | only here | details only here |",
        "|---|---|---|---|---|---|",
    ]
    for k, article in enumerate(sources.articles):
        lines.append(
            f"| {letters[k]} | {escape(article.document.source)} | {_story(article):,} "
            f"| {_carried_count(sources, k):,} | {len(sources.only_in[k]):,} "
            f"| {len(sources.only_details(k)):,} |"
        )
    lines += [
        "",
        "## Coverage: facts by sources",
        "",
        f"{len(sources.facts):,} facts that two or more sources share; "
        + ", ".join(f"`{MARKS[c]}` {MEANINGS[c]}" for c in Carried)
        + ".",
        "",
        "| fact | " + " | ".join(letters) + " | in words |",
        "|---|" + "---|" * n + "---|",
    ]
    for index, fact in enumerate(sources.facts):
        cells = " | ".join(f"`{fact_cell(fact, k)}`" for k in range(n))
        lines.append(f"| {index + 1} | {cells} | {escape(fact_text(sources, fact))} |")
    for k, article in enumerate(sources.articles):
        lines += ["", f"## Only in {letters[k]} ({escape(article.document.name)})", ""]
        only = sources.only_in[k]
        if not only:
            lines.append(f"Every story sentence of {letters[k]} is carried by another source.")
        for x in only:
            lines.append(f"- **{label(k, x)}** {escape(article.sentences[x].text)}")
        details = sources.only_details(k)
        if details:
            lines += ["", f"Details only in {letters[k]}:", ""]
            lines += [
                f"- {title}: " + "; ".join(escape(d.text) for d in chosen)
                for title, chosen in _details_by_kind(details)
            ]
    shared = [d for d in sources.details if len(d.carriers) > 1]
    if shared:
        lines += [
            "",
            "## Details in several sources",
            "",
            "| detail | kind | " + " | ".join(letters) + " |",
            "|---|---|" + "---|" * n,
        ]
        for d in shared:
            marks = " | ".join("✓" if k in d.carriers else "–" for k in range(n))
            lines.append(f"| {escape(d.text)} | {d.kind.value} | {marks} |")
    return "\n".join(lines) + "\n"


# JSON ------------------------------------------------------------------------------------------


def sources_to_dict(sources: Sources) -> dict[str, Any]:
    """The N-way result as plain data, ready for ``json.dumps`` (format version 2)."""
    n = len(sources)
    documents = []
    for article in sources.articles:
        document = _document(article)
        del document["details"]  # details carry their sources: see "details"
        documents.append(document)
    pairs = []
    for comparison, (i, j) in zip(sources.comparisons, _pairs(n), strict=True):
        pairs.append(
            {
                "a": i,
                "b": j,
                "links": [_link(link, comparison.a, comparison.b) for link in comparison.links],
                "only_in_a": list(comparison.only_in_a),
                "only_in_b": list(comparison.only_in_b),
                "same_information": comparison.same_information,
            }
        )
    return {
        "format": "comparer",
        "format_version": FORMAT_VERSION,
        "comparer_version": __version__,
        "settings": {
            "threshold": sources.settings.threshold,
            "alignment": "lexical" if sources.settings.lexical else "meaning",
        },
        "documents": documents,
        "facts": [
            {"sentences": [list(s) for s in fact.sentences], "carried": [c.value for c in fact.carried]}
            for fact in sources.facts
        ],
        "only_in": [list(only) for only in sources.only_in],
        "details": [
            {
                "kind": d.kind.value,
                "text": d.text,
                "key": d.key,
                "source": d.source,
                "sentence": d.sentence,
                "carriers": list(d.carriers),
            }
            for d in sources.details
        ],
        "pairs": pairs,
        "summary": {
            "sources": n,
            "story_sentences": [_story(a) for a in sources.articles],
            "facts": len(sources.facts),
            "facts_in_every_source": sum(1 for f in sources.facts if len(f.sources) == n),
            "facts_carried": [_carried_count(sources, k) for k in range(n)],
            "only_in": [len(only) for only in sources.only_in],
            "details_only_in": [len(sources.only_details(k)) for k in range(n)],
            "same_information": same_information(sources),
        },
    }


def _pairs(n: int) -> list[tuple[int, int]]:
    return [(i, j) for i in range(n) for j in range(i + 1, n)]


def render_sources_json(sources: Sources, indent: int | None = None) -> str:
    """The N-way result as JSON text: one line unless ``indent`` is given, as ``render_json``."""
    return json_text(sources_to_dict(sources), indent)


def render_sources(sources: Sources, fmt: str, *, width: int = 100, indent: int | None = None) -> str:
    """Render the N-way result in one of the report formats (``indent``: the JSON's)."""
    if fmt == "json":
        return render_sources_json(sources, indent)
    if fmt == "markdown":
        return render_sources_markdown(sources)
    if fmt == "text":
        return render_sources_text(sources, width=width)
    raise ValueError(f"unknown format {fmt!r}")
