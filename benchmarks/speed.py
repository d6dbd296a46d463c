"""How fast comparer is, from two articles to long documents; prints Markdown tables.

    python benchmarks/speed.py                 # everything (a few minutes on 2 cores)
    python benchmarks/speed.py --quick         # fewer repeats, sizes up to 2,000
    python benchmarks/speed.py --baseline REV  # also: same JSON as revision REV on real articles?
    python benchmarks/speed.py --tui-only      # only the review screen, in tmux (tui_speed.py)

For each size it builds a document pair from real text (``corpus.py``) and measures, as medians,
the end-to-end comparison (read, segment, align, details), its peak memory (tracemalloc), and in
the same run an exhaustive reference that scores every sentence pair with comparer's own
similarity. Ratios within one run are what to read: the machine is noisy.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

BENCHMARKS = Path(__file__).resolve().parent
ROOT = BENCHMARKS.parent
sys.path.insert(0, str(BENCHMARKS))
sys.path.insert(0, str(ROOT))

import corpus  # noqa: E402
from tui_speed import tui_section  # noqa: E402

from comparer.core import align, similarity  # noqa: E402
from comparer.core.compare import compare  # noqa: E402
from comparer.core.document import from_string, load  # noqa: E402
from comparer.core.model import Comparison, Document  # noqa: E402
from comparer.core.similarity import Profile, Weights  # noqa: E402

SIZES = (250, 500, 1000, 2000, 4000)


def every_pair(
    pa: Sequence[Profile | None],
    pb: Sequence[Profile | None],
    weights: Weights,
    floor: float,
    done: Callable[[float], None] | None = None,
) -> list[align.Pair]:
    """The exhaustive reference for ``align.scored_pairs`` (``every_candidate`` for
    ``align.candidate_pairs``): every pair of non-boilerplate
    sentences scored in full by ``similarity``, with no index and no bound to cut any short."""
    pairs = [
        align.Pair(i, j, value)
        for i, x in enumerate(pa)
        if x is not None
        for j, y in enumerate(pb)
        if y is not None and (value := similarity.similarity(x, y, weights).value) >= floor
    ]
    pairs.sort(key=lambda p: (-p.score, p.i + p.j, p.i))
    return pairs


def every_candidate(
    pa: Sequence[Profile | None],
    pb: Sequence[Profile | None],
    weights: Weights,
    floor: float,
    done: Callable[[float], None] | None = None,
) -> align.Candidates:
    """``align.candidate_pairs`` for the reference: every pair, each scored in full."""
    return align.Candidates.of(every_pair(pa, pb, weights, floor))


def exhaustive(a: Document, b: Document) -> Comparison:
    """comparer's comparison with every sentence pair scored in full: no pruning at all."""
    with mock.patch.object(align, "candidate_pairs", every_candidate):
        return compare(a, b)


STAGES = ("segment", "profiles", "candidates", "exact scores", "links", "details")
"""Where a comparison's time goes, in the order compare() spends it: candidates are the pairs that
pass the cheap bounds (align.candidate_pairs), exact scores the difflib work done for those of them
the linking still needs (PairScorer.exact), links the rest of the linking."""


@dataclass
class Breakdown:
    """One comparison's stage times, and how much work and result it had."""

    spent: dict[str, float]
    candidates: int = 0
    exact: int = 0
    links: int = 0


def stage_times(text_a: str, text_b: str) -> Breakdown:
    """One comparison with its stages timed (the functions compare() calls, wrapped in a timer),
    with the number of candidate pairs, of exact scores computed and of links made."""
    pipeline = importlib.import_module("comparer.core.compare")
    found = Breakdown(dict.fromkeys(STAGES, 0.0))

    def timed(stage: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                result = function(*args, **kwargs)
            finally:
                found.spent[stage] += time.perf_counter() - start
            if stage == "candidates":
                found.candidates += len(result.entries)
            elif stage == "exact scores":
                found.exact += 1
            return result

        return run

    stages = [
        (pipeline, "segment", "segment"),
        (pipeline, "pair_profiles", "profiles"),
        (pipeline, "pair_weights", "profiles"),
        (align, "candidate_pairs", "candidates"),
        (similarity.PairScorer, "exact", "exact scores"),
        (pipeline, "link_profiles", "links"),
        (pipeline, "extract", "details"),
    ]
    with contextlib.ExitStack() as stack:
        for owner, name, stage in stages:
            stack.enter_context(mock.patch.object(owner, name, timed(stage, getattr(owner, name))))
        comparison = compare(from_string(text_a, "a"), from_string(text_b, "b"))
    # link_profiles finds the candidates and scores them, then links them
    found.spent["links"] -= found.spent["candidates"] + found.spent["exact scores"]
    found.links = len(comparison.links)
    return found


def median_time(run: Callable[[], object], repeats: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def peak_mb(run: Callable[[], object]) -> float:
    tracemalloc.start()
    run()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def link_pairs(comparison: Comparison) -> set[tuple[int, int]]:
    return {(i, j) for link in comparison.links for i in link.a for j in link.b}


def seeds_section(repeats: int) -> list[str]:
    a, b = load(str(corpus.SAMPLE_A)), load(str(corpus.SAMPLE_B))
    core, _ = median_time(lambda: compare(a, b), repeats * 5)
    command = [
        sys.executable,
        "-m",
        "comparer",
        str(corpus.SAMPLE_A),
        str(corpus.SAMPLE_B),
        "--format",
        "json",
    ]
    process, _ = median_time(lambda: subprocess.run(command, capture_output=True, check=False), repeats)
    imports = subprocess.run(
        [sys.executable, "-c", "import sys, comparer.core; print('textual' in sys.modules)"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return [
        "## The samples",
        "",
        "| measure | median | target |",
        "| --- | --- | --- |",
        f"| core compare() | {core * 1000:.1f} ms | <= 30 ms |",
        f"| `comparer samples/... --format json`, whole process | {process:.2f} s | <= 0.6 s |",
        f"| importing comparer.core imports textual | {imports} | False |",
        "",
    ]


def sizes_section(
    sizes: Sequence[int], repeats: int, reference_max: int
) -> tuple[list[str], list[str], list[float]]:
    lines = [
        "## Long documents (sentences per side)",
        "",
        "| sentences | end to end | peak memory | exhaustive reference | speed-up | reference links found"
        " | whole result the reference's |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    times = []
    breakdown = [
        "",
        "Where the time goes (one run per size), and how much the result holds:",
        "",
        f"| sentences | {' | '.join(STAGES)} | candidate pairs | scored exactly | links |",
        "| --- " * (len(STAGES) + 4) + "|",
    ]
    results: list[Breakdown] = []
    for size in sizes:
        text_a, text_b = corpus.document_pair(size)

        def fast(text_a: str = text_a, text_b: str = text_b) -> Comparison:
            return compare(from_string(text_a, "a"), from_string(text_b, "b"))

        elapsed, result = median_time(fast, repeats)
        times.append(elapsed)
        memory = peak_mb(fast)
        assert isinstance(result, Comparison)
        if size <= reference_max:
            docs = from_string(text_a, "a"), from_string(text_b, "b")
            ref_time, reference = median_time(lambda docs=docs: exhaustive(*docs), 1)
            assert isinstance(reference, Comparison)
            wanted = link_pairs(reference)
            found = len(wanted & link_pairs(result)) / len(wanted) if wanted else 1.0
            same = "yes" if reference == result else "no"
            ref = f"{ref_time:.2f} s | {ref_time / elapsed:.1f}x | {found:.2%} | {same}"
        else:
            ref = "not run | | | "
        lines.append(f"| {size:,} | {elapsed:.2f} s | {memory:.0f} MB | {ref} |")
        stage = stage_times(text_a, text_b)
        results.append(stage)
        timing = " | ".join(f"{stage.spent[name]:.2f} s" for name in STAGES)
        counts = f"{stage.candidates:,} | {stage.exact:,} | {stage.links:,}"
        breakdown.append(f"| {size:,} | {timing} | {counts} |")
    if len(sizes) > 2:
        growth = {
            what: growth_exponent(sizes, [getattr(r, what) for r in results])
            for what in ("candidates", "exact", "links")
        }
        breakdown += [
            "",
            f"Growth exponent of the candidate pairs {growth['candidates']:.2f}, of the exact scores"
            f" {growth['exact']:.2f}, of the links {growth['links']:.2f}.",
        ]
    return lines, breakdown, times


def growth_exponent(sizes: Sequence[int], times: Sequence[float], lo: int = 500) -> float:
    """Least-squares slope of log time against log size, from ``lo`` sentences up."""
    points = [(math.log(n), math.log(t)) for n, t in zip(sizes, times, strict=True) if n >= lo]
    mean_x = statistics.fmean(x for x, _ in points)
    mean_y = statistics.fmean(y for _, y in points)
    num = sum((x - mean_x) * (y - mean_y) for x, y in points)
    den = sum((x - mean_x) ** 2 for x, _ in points)
    return num / den


def baseline_section(revision: str) -> list[str]:
    """Whether this tree gives the same JSON as ``revision`` on the samples and news-dev pairs."""
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", revision, "comparer"], capture_output=True, check=True
        )
        subprocess.run(["tar", "-x", "-C", tmp], input=archive.stdout, check=True)
        env = {**os.environ, "PYTHONPATH": tmp}
        script = [sys.executable, str(BENCHMARKS / "dump_json.py")]
        theirs = json.loads(subprocess.run(script, capture_output=True, check=True, env=env).stdout)
    # This checkout's comparer, not whichever one the interpreter has installed.
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    ours = json.loads(subprocess.run(script, capture_output=True, check=True, env=env).stdout)
    differ = sorted(name for name in theirs.keys() | ours.keys() if theirs.get(name) != ours.get(name))
    verdict = "identical" if not differ else "DIFFERENT: " + ", ".join(differ)
    return [f"## Results against {revision}", "", f"Full JSON of {len(ours)} article pairs: {verdict}", ""]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="3 repeats, sizes up to 2,000")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument(
        "--reference-max", type=int, default=2000, help="largest size to run the exhaustive reference at"
    )
    parser.add_argument("--baseline", metavar="REV", help="git revision whose JSON results must be the same")
    parser.add_argument("--no-tui", action="store_true")
    parser.add_argument("--tui-only", action="store_true", help="only the TUI section (a few minutes)")
    args = parser.parse_args(argv)
    if not corpus.available():
        print("speed: ../shared/bench is not there; nothing to build long documents from", file=sys.stderr)
        return 2
    repeats = 3 if args.quick else args.repeats
    sizes = [n for n in SIZES if not args.quick or n <= 2000]
    out = [
        "# comparer speed",
        "",
        f"`python benchmarks/speed.py` on {os.cpu_count()} cores, medians of {repeats} runs.",
        "",
    ]
    if not args.tui_only:
        out += seeds_section(repeats)
        lines, breakdown, times = sizes_section(sizes, repeats, args.reference_max)
        out += lines
        exponent = growth_exponent(sizes, times)
        span = f"{sizes[1]:,} to {sizes[-1]:,} sentences"
        out += ["", f"Growth exponent (log-log fit, {span}): {exponent:.2f} (target <= 1.3)", *breakdown, ""]
    if not args.no_tui:
        out += tui_section(repeats)
    if args.baseline:
        out += baseline_section(args.baseline)
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
