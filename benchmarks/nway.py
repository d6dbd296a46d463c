"""Three or more sources: does the N-way result keep each pair's links, and what does it cost?

Run from the repository root:

    python benchmarks/nway.py                # the samples, then every NewsWCL50 event of news-dev
    python benchmarks/nway.py --repeat 7     # more timing runs (medians are printed)

For each set of sources (the five Kremlin-drone samples in this repository; each NewsWCL50 event
of ``../shared/bench/news-dev``, its outlets' distinct texts gathered from the pairs that share
them, read at run time and never copied here) it prints:

- agreement: the N-way facts restricted to two sources (every sentence pair that sits in one
  fact) against the links of those two sources' own comparison, as sentence pairs in both over
  sentence pairs in either, over all pairs of sources (and the lowest pair);
- time: ``compare_sources`` on all of them (medians), against the sum of a fresh ``compare`` of
  each pair (what running comparer on every pair costs), in one process and with two workers.

Without ``../shared/bench`` only the samples are measured.
"""

from __future__ import annotations

import argparse
import glob
import itertools
import json
import re
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from comparer.core.compare import compare  # noqa: E402
from comparer.core.document import from_string, load  # noqa: E402
from comparer.core.model import Document  # noqa: E402
from comparer.core.sources import Sources, compare_sources, linked_pairs  # noqa: E402

BENCH = ROOT.parent / "shared" / "bench"
SAMPLES = [
    *sorted(glob.glob(str(ROOT / "samples" / "kremlin-drone" / "*.txt"))),
    *sorted(glob.glob(str(ROOT / "samples" / "kremlin-drone-more" / "*.txt"))),
]


def event_sources(bench: Path) -> dict[str, list[Document]]:
    """Each NewsWCL50 event's distinct outlet texts, named by outlet letter (``e4/b``)."""
    events: dict[str, dict[str, str]] = {}
    for path in sorted(glob.glob(str(bench / "news-dev" / "newswcl50_e*_*.json"))):
        match = re.search(r"newswcl50_(e\d+)_([a-z])([a-z])\.json$", path)
        if match is None:
            continue
        event, first, second = match.groups()
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        texts = events.setdefault(event, {})
        for outlet, text in ((first, data["a_text"]), (second, data["b_text"])):
            if text in texts.values():
                continue
            name = outlet
            while name in texts:  # the same outlet letter with another text: keep both
                name += "'"
            texts[name] = text
    return {
        event: [from_string(text, f"{event}/{name}") for name, text in sorted(texts.items())]
        for event, texts in events.items()
        if len(texts) >= 3
    }


def agreement(result: Sources) -> tuple[float, float]:
    """Sentence pairs in both over sentence pairs in either: over all pairs, and the lowest pair."""
    both = either = 0
    lowest = 1.0
    for i, j in itertools.combinations(range(len(result)), 2):
        pairwise = linked_pairs(result.pair(i, j).links)
        restricted = result.restricted(i, j)
        both += len(pairwise & restricted)
        either += len(pairwise | restricted)
        if pairwise | restricted:
            lowest = min(lowest, len(pairwise & restricted) / len(pairwise | restricted))
    return (both / either if either else 1.0), lowest


def median_times(runs: Sequence[Callable[[], object]], repeat: int) -> list[float]:
    """The median time of each run, the runs taking turns (so that a busy moment of the machine
    falls on all of them alike)."""
    times: list[list[float]] = [[] for _ in runs]
    for _ in range(repeat):
        for run, taken in zip(runs, times, strict=True):
            start = time.perf_counter()
            run()
            taken.append(time.perf_counter() - start)
    return [statistics.median(taken) for taken in times]


def measure(name: str, documents: Sequence[Document], repeat: int) -> list[str]:
    result = compare_sources(documents)
    together, lowest = agreement(result)
    sentences = [len(a.story_sentences()) for a in result.articles]
    pairwise, serial, parallel = median_times(
        [
            lambda: [compare(a, b) for a, b in itertools.combinations(documents, 2)],
            lambda: compare_sources(documents, workers=1),
            lambda: compare_sources(documents, workers=2),
        ],
        repeat,
    )
    facts = len(result.facts)
    every = sum(1 for f in result.facts if len(f.sources) == len(documents))
    return [
        f"| {name} | {len(documents)} | {'/'.join(map(str, sentences))} | {facts} ({every} in all) "
        f"| **{together:.1%}** (lowest pair {lowest:.1%}) | {pairwise:.2f} s | **{serial:.2f} s** "
        f"({serial / pairwise:.2f}x) | {parallel:.2f} s |"
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", type=Path, default=BENCH, help="the shared bench folder")
    parser.add_argument("--repeat", type=int, default=5, help="timing runs per figure (median)")
    args = parser.parse_args(argv)
    compare(from_string("Officials met on Friday.", "w"), from_string("Officials met.", "w"))  # imports
    lines = [
        "| sources | N | story sentences | facts | agreement with each pair's comparison "
        "| sum of pairwise compare() | compare_sources, 1 process | 2 workers |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    lines += measure("samples/kremlin-drone*", [load(path) for path in SAMPLES], args.repeat)
    events = event_sources(args.bench) if (args.bench / "news-dev").is_dir() else {}
    for event, documents in events.items():
        lines += measure(f"news-dev {event}", documents, args.repeat)
    print("\n".join(lines))
    if not events:
        print(f"\nnews-dev events skipped: no data at {args.bench / 'news-dev'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
