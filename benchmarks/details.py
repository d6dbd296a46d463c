"""Details benchmark: how far the "only in A", "only in B" and "shared" lists can be trusted.

Compares comparer's details (names, numbers, dates, quotes) on the news-dev pairs with the
annotation in ``benchmarks/data/details-gold.json`` (guideline: ``benchmarks/details-guideline.md``)
and prints precision and recall of each list per kind.

    python benchmarks/details.py            # the table
    python benchmarks/details.py --errors   # also every wrong or missed entry
    python benchmarks/details.py --pairs basil_2012_2ec04201_ac,newswcl50_e0_ae   # some pairs
    python benchmarks/details.py --speed    # time of the details alone on all articles joined
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from comparer.core.compare import compare  # noqa: E402
from comparer.core.document import from_string  # noqa: E402
from comparer.core.model import Detail, DetailKind  # noqa: E402

GOLD = Path(__file__).resolve().parent / "data" / "details-gold.json"
BENCH = ROOT.parent / "shared" / "bench"

KINDS = ("names", "numbers", "dates", "quotes")
LISTS = ("only in A", "only in B", "shared")
_KIND_OF = {
    DetailKind.NAME: "names",
    DetailKind.NUMBER: "numbers",
    DetailKind.QUANTITY: "numbers",
    DetailKind.DATE: "dates",
    DetailKind.TIME: "dates",
    DetailKind.QUOTE: "quotes",
}
_QUOTE_MARKS = "\"'“”‘’«»„`"
_POSSESSIVE = re.compile(r"['’]s$")
_FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?")
_NOT_WORD = re.compile(r"[^\w\s]")


def normal(text: str) -> str:
    """A form as the gold and comparer's details are compared: case, spacing, possessive and the
    punctuation around it aside."""
    text = " ".join(text.replace("’", "'").split()).strip(_QUOTE_MARKS + " ,.;:!?-—")
    return _POSSESSIVE.sub("", text).strip(_QUOTE_MARKS + " ,.;:").casefold()


def _quote_words(text: str) -> str:
    return " ".join(_NOT_WORD.sub(" ", text.replace("’", "'").replace("'", "")).casefold().split())


def _figures(text: str) -> frozenset[str]:
    return frozenset(f"{float(f.replace(',', '')):g}" for f in _FIGURE.findall(text))


@dataclass
class Entry:
    """One gold entity, figure, date or quote of one article."""

    kind: str
    forms: tuple[str, ...]
    other: bool

    def listed(self, side: str) -> str:
        """The list it belongs in."""
        return "shared" if self.other else f"only in {side.upper()}"


def entry_of(detail_text: str, kind: str, entries: Sequence[Entry]) -> Entry | None:
    """The gold entry a listed detail stands for, if any."""
    text = normal(detail_text)
    for entry in entries:
        if any(text == normal(form) for form in entry.forms):
            return entry
    if kind == "quotes":
        words = _quote_words(detail_text)
        for entry in entries:
            for form in entry.forms:
                opening = _quote_words(form)
                if words and (words.startswith(opening) or opening.startswith(words)):
                    return entry
    if kind in ("numbers", "dates") and _figures(text):
        for entry in entries:
            if any(_figures(form) == _figures(text) for form in entry.forms):
                return entry
    return None


@dataclass
class Tally:
    """Precision and recall counts of one list of one kind."""

    listed: int = 0
    right: int = 0
    gold: int = 0
    found: int = 0
    errors: list[str] = field(default_factory=list)

    def precision(self) -> float | None:
        return self.right / self.listed if self.listed else None

    def recall(self) -> float | None:
        return self.found / self.gold if self.gold else None


def score_side(
    pair: str,
    side: str,
    details: Iterable[Detail],
    gold: dict[str, list[list[object]]],
    tallies: dict[tuple[str, str], Tally],
) -> None:
    """Adds one article's listed details and its gold to ``tallies`` (by kind and list)."""
    entries = {
        kind: [Entry(kind, tuple(str(forms).split("|")), bool(other)) for forms, other in gold.get(kind, [])]
        for kind in KINDS
    }
    ignore = {normal(form) for form in gold.get("ignore", [])}
    found: set[int] = set()
    for detail in details:
        kind = _KIND_OF[detail.kind]
        listed = "shared" if detail.shared else f"only in {side.upper()}"
        entry = entry_of(detail.text, kind, entries[kind])
        if entry is None and kind == "names" and normal(detail.text) in ignore:
            continue
        tally = tallies[kind, listed]
        tally.listed += 1
        if entry is not None and entry.listed(side) == listed:
            tally.right += 1
            found.add(id(entry))
        else:
            why = "not in the gold" if entry is None else f"gold: {entry.listed(side)}"
            tally.errors.append(f"{pair} {side.upper()} {listed}: {detail.text[:60]!r} ({why})")
    for kind in KINDS:
        for entry in entries[kind]:
            tally = tallies[kind, entry.listed(side)]
            tally.gold += 1
            if id(entry) in found:
                tally.found += 1
            else:
                tally.errors.append(
                    f"{pair} {side.upper()} missed: {entry.forms[0]!r} ({entry.listed(side)})"
                )


def run(
    bench: Path, gold_path: Path = GOLD, pairs: Sequence[str] | None = None
) -> dict[tuple[str, str], Tally]:
    """The tallies over every annotated pair (or those of ``pairs``)."""
    gold = json.loads(gold_path.read_text("utf-8"))
    tallies = {(kind, listed): Tally() for kind in KINDS for listed in LISTS}
    for pair, sides in sorted(gold.items()):
        if pairs is not None and pair not in pairs:
            continue
        data = json.loads((bench / "news-dev" / f"{pair}.json").read_text("utf-8"))
        comparison = compare(from_string(data["a_text"], "a"), from_string(data["b_text"], "b"))
        score_side(pair, "a", comparison.a.details, sides["a"], tallies)
        score_side(pair, "b", comparison.b.details, sides["b"], tallies)
    return tallies


def speed(bench: Path, rounds: int = 3) -> tuple[int, int, float]:
    """Sentences of each side and the median time of the details step alone (``extract``) on
    every news-dev article joined, twice over, per side (a long document of news text)."""
    from comparer.core import details
    from comparer.core.align import pair_profiles, pair_weights
    from comparer.core.compare import segmented

    files = sorted((bench / "news-dev").glob("*.json"))
    data = [json.loads(f.read_text("utf-8")) for f in files]
    text_a = "\n\n".join(d["a_text"] for d in data) * 2
    text_b = "\n\n".join(d["b_text"] for d in data) * 2
    a, b = segmented(from_string(text_a, "a"), from_string(text_b, "b"))
    profiles_a, profiles_b = pair_profiles(a.sentences, b.sentences)
    weights = pair_weights(profiles_a, profiles_b)
    times = []
    for _ in range(rounds):
        for cached in vars(details).values():  # each round from cold caches
            if callable(getattr(cached, "cache_clear", None)):
                cached.cache_clear()
        start = time.perf_counter()
        details.extract(text_a, text_b, a.sentences, b.sentences, profiles_a, profiles_b, weights)
        times.append(time.perf_counter() - start)
    return len(a.sentences), len(b.sentences), statistics.median(times)


def _figure(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def table(tallies: dict[tuple[str, str], Tally]) -> str:
    lines = [
        "| kind | " + " | ".join(f"{listed} P | R" for listed in LISTS) + " |",
        "| --- |" + " --- | --- |" * len(LISTS),
    ]
    for kind in KINDS:
        cells = []
        for listed in LISTS:
            t = tallies[kind, listed]
            precision = f"{_figure(t.precision())} ({t.right}/{t.listed})"
            cells.append(f"{precision} | {_figure(t.recall())} ({t.found}/{t.gold})")
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bench", type=Path, default=BENCH, help="the shared benchmark folder")
    parser.add_argument("--errors", action="store_true", help="also list every wrong or missed entry")
    parser.add_argument("--pairs", help="only these annotated pairs, comma-separated")
    parser.add_argument("--speed", action="store_true", help="time the details step alone instead")
    args = parser.parse_args(argv)
    bench: Path = args.bench
    if not (bench / "news-dev").is_dir():
        print(f"details benchmark skipped: no benchmark data at {bench} (expected ../shared/bench)")
        return 0
    if args.speed:
        count_a, count_b, seconds = speed(bench)
        print(f"details of {count_a:,} + {count_b:,} sentences: {seconds:.2f} s (median of 3)")
        return 0
    annotated = json.loads(GOLD.read_text("utf-8"))
    pairs = None if args.pairs is None else [p.strip() for p in args.pairs.split(",") if p.strip()]
    unknown = [p for p in pairs or () if p not in annotated]
    if unknown:
        print(f"details benchmark: no gold for {', '.join(unknown)}", file=sys.stderr)
        return 2
    tallies = run(bench, pairs=pairs)
    count = len(annotated) if pairs is None else len(pairs)
    print(f"details on {count} annotated news-dev pairs (precision (right/listed) | recall (found/gold))\n")
    print(table(tallies))
    if args.errors:
        for (kind, _listed), tally in tallies.items():
            for error in tally.errors:
                print(f"- {kind}: {error}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
