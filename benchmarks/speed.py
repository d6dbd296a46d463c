"""How fast comparer is, from two articles to long documents; prints Markdown tables.

    python benchmarks/speed.py                 # everything (ten minutes or more on 2 cores)
    python benchmarks/speed.py --quick         # fewer repeats, sizes up to 2,000
    python benchmarks/speed.py --smoke         # small sizes, one run each: does it all still run?
    python benchmarks/speed.py --baseline REV  # also: same JSON as revision REV on real articles?
    python benchmarks/speed.py --tui-only      # only the review screen, in tmux (tui_speed.py)

For each size it builds a document pair from real text (``corpus.py``) and measures, as medians,
the end-to-end comparison (read, segment, align, details), its peak memory (tracemalloc), and in
the same run an exhaustive reference that scores every sentence pair with comparer's own
similarity. Ratios within one run are what to read: the machine is noisy.

Then, as a user runs it: the installed ``comparer A B --format json`` as a whole process (wall time
and peak resident memory of the child, from ``os.wait4``), at each size on two constructions
(``corpus.document_pair`` and ``corpus.repeated_word_pair``), and on the adversarial shapes of
``SHAPES``, each against its target.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import math
import os
import resource
import shutil
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
from comparer.core.model import Comparison, Document, Settings  # noqa: E402
from comparer.core.similarity import Profile, Weights  # noqa: E402

SIZES = (250, 500, 1000, 2000, 4000)
LEXICAL = Settings(lexical=True)
"""In process, the alignment is the lexical one at every size (the default is too above 200
sentences a side), so that the small sizes and the exhaustive reference compare like with like."""
SMOKE_SIZES = (60, 120, 240)
PROCESS_SIZES = (500, 1000, 2000, 4000)
"""Sizes of the whole-process table; the growth exponent is fitted over them."""
STOP_AFTER = 120.0
"""A whole-process run taking longer than this many seconds is stopped (and reported as such)."""
MEMORY_LIMIT = 3 * 2**30
"""Address space a whole-process run may take, so that a shape gone quadratic fails alone instead
of taking the shared machine's memory."""


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
        return compare(a, b, LEXICAL)


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
        comparison = compare(from_string(text_a, "a"), from_string(text_b, "b"), LEXICAL)
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


def seeds_section(repeats: int, meaning: bool = True) -> list[str]:
    """The samples: in process, as whole processes with and (when ``meaning``) without --lexical."""
    a, b = load(str(corpus.SAMPLE_A)), load(str(corpus.SAMPLE_B))
    core, _ = median_time(lambda: compare(a, b, LEXICAL), repeats * 5)
    by_words = median_run(whole(corpus.SAMPLE_A, corpus.SAMPLE_B, "--lexical"), repeats)
    default = median_run(whole(corpus.SAMPLE_A, corpus.SAMPLE_B), repeats) if meaning else None
    imports = subprocess.run(
        [sys.executable, "-c", "import sys, comparer.core; print('textual' in sys.modules)"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return [
        "## The samples",
        "",
        "| measure | median | peak RSS | target |",
        "| --- | --- | --- | --- |",
        f"| core compare(), lexical | {core * 1000:.1f} ms | | <= 30 ms |",
        f"| `comparer samples/... --format json --lexical`, whole process | {_run_cell(by_words)}"
        f" | {by_words.peak_mb:.0f} MB | <= 0.5 s ({_verdict(by_words.seconds <= 0.5)}) |",
        *(
            []
            if default is None
            else [
                f"| `comparer samples/... --format json` (meaning model), whole process"
                f" | {_run_cell(default)} | {default.peak_mb:.0f} MB | the meaning issue's budget |"
            ]
        ),
        f"| importing comparer.core imports textual | {imports} | | False |",
        "",
    ]


def sizes_section(
    sizes: Sequence[int], repeats: int, reference_max: int
) -> tuple[list[str], list[str], list[float]]:
    """In process, on both constructions: the comparison's time and memory, the exhaustive
    reference's, and where the time goes. The times returned are the first construction's."""
    lines = [
        "## Long documents in process (sentences per side)",
        "",
        "| construction | sentences | end to end | peak memory | exhaustive reference | speed-up"
        " | reference links found | links not the reference's | whole result the reference's |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    times = []
    breakdown = [
        "",
        "Where the time goes (one run per size), and how much the result holds:",
        "",
        f"| construction | sentences | {' | '.join(STAGES)} | candidate pairs | scored exactly | links |",
        "| --- " * (len(STAGES) + 5) + "|",
    ]
    for name, build in CONSTRUCTIONS.items():
        results: list[Breakdown] = []
        for size in sizes:
            text_a, text_b = build(size)

            def fast(text_a: str = text_a, text_b: str = text_b) -> Comparison:
                return compare(from_string(text_a, "a"), from_string(text_b, "b"), LEXICAL)

            elapsed, result = median_time(fast, repeats)
            if name == next(iter(CONSTRUCTIONS)):
                times.append(elapsed)
            memory = peak_mb(fast)
            assert isinstance(result, Comparison)
            if size <= reference_max:
                docs = from_string(text_a, "a"), from_string(text_b, "b")
                ref_time, reference = median_time(lambda docs=docs: exhaustive(*docs), 1)
                assert isinstance(reference, Comparison)
                wanted, got = link_pairs(reference), link_pairs(result)
                found = len(wanted & got) / len(wanted) if wanted else 1.0
                same = "yes" if reference == result else "no"
                ref = (
                    f"{ref_time:.2f} s | {ref_time / elapsed:.1f}x | {found:.2%} | {len(got - wanted):,}"
                    f" | {same}"
                )
            else:
                ref = "not run | | | | "
            lines.append(f"| {name} | {size:,} | {elapsed:.2f} s | {memory:.0f} MB | {ref} |")
            stage = stage_times(text_a, text_b)
            results.append(stage)
            timing = " | ".join(f"{stage.spent[s]:.2f} s" for s in STAGES)
            counts = f"{stage.candidates:,} | {stage.exact:,} | {stage.links:,}"
            breakdown.append(f"| {name} | {size:,} | {timing} | {counts} |")
        if len(sizes) > 2:
            growth = {
                what: growth_exponent(sizes, [getattr(r, what) for r in results], lo=sizes[1])
                for what in ("candidates", "exact", "links")
            }
            breakdown += [
                "",
                f"{name}: growth exponent of the candidate pairs {growth['candidates']:.2f}, of the exact"
                f" scores {growth['exact']:.2f}, of the links {growth['links']:.2f}.",
                "",
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


def command() -> list[str]:
    """The installed ``comparer`` command beside this interpreter (``python -m comparer`` without it)."""
    installed = Path(sys.executable).parent / "comparer"
    if installed.is_file():
        return [str(installed)]
    found = shutil.which("comparer")
    return [found] if found else [sys.executable, "-m", "comparer"]


@dataclass
class Run:
    """One whole-process run: wall time, peak resident memory of the child, and how it ended, with
    the CPU time (user and system) the child used: on a machine other work shares, wall time
    grows with the load, CPU time much less."""

    seconds: float
    peak_mb: float
    code: int
    error: str = ""
    cpu: float = 0.0

    @property
    def stopped(self) -> bool:
        return self.code < 0 or self.code > 1


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_process(arguments: Sequence[str], stop_after: float = STOP_AFTER) -> Run:
    """Run ``arguments`` as a child process, its report thrown away, and measure it from outside:
    wall time from start to exit, and the child's own peak RSS (``os.wait4``'s resource usage, so
    no other child counts). A child still running after ``stop_after`` seconds is killed."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        child = subprocess.Popen(
            arguments, stdout=subprocess.DEVNULL, stderr=errors, preexec_fn=_limit_memory
        )
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > stop_after:
                child.kill()
                _, status, usage = os.wait4(child.pid, 0)
                break
            time.sleep(0.01)
        seconds = time.perf_counter() - start
        child.returncode = code = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        said = [line for line in errors.read().decode(errors="replace").splitlines() if "warning" not in line]
    # ru_maxrss is in kilobytes on Linux
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, usage.ru_maxrss / 1024, code, said[-1] if said else "", cpu)


def median_run(arguments: Sequence[str], repeats: int) -> Run:
    """Median wall time and median peak memory of ``repeats`` runs (one run when the first is stopped)."""
    runs = []
    for _ in range(repeats):
        runs.append(run_process(arguments))
        if runs[-1].stopped:
            return runs[-1]
    return Run(
        statistics.median(r.seconds for r in runs),
        statistics.median(r.peak_mb for r in runs),
        runs[0].code,
        cpu=statistics.median(r.cpu for r in runs),
    )


def whole(a: Path, b: Path, *extra: str) -> list[str]:
    """The command line of a JSON report of ``a`` and ``b``, as a user types it."""
    return [*command(), str(a), str(b), "--format", "json", *extra]


def _run_cell(run: Run) -> str:
    if run.code < 0:
        return f"stopped after {run.seconds:.0f} s"
    if run.stopped:
        return f"failed after {run.seconds:.1f} s ({run.error})"
    return f"{run.seconds:.2f} s"


def _verdict(met: bool) -> str:
    return "met" if met else "**not met**"


CONSTRUCTIONS: dict[str, Callable[[int], tuple[str, str]]] = {
    "news mix": corpus.document_pair,
    "unique sentences, one word in all": corpus.repeated_word_pair,
}
"""The two constructions of long documents (see ``corpus``)."""


def process_section(sizes: Sequence[int], repeats: int, folder: Path, *extra: str) -> list[str]:
    """The whole ``comparer A B --format json`` process at each size, on both constructions, with
    the targets checked when the sizes are the targets' (``--smoke`` runs others)."""
    lines = [
        "## Whole process (sentences per side)",
        "",
        f"`{' '.join(['comparer', 'A', 'B', '--format', 'json', *extra])}` (above 200 sentences a"
        " side the default alignment is lexical), wall time and peak RSS of the process.",
        "",
        "| construction | sentences | wall time | CPU time | peak RSS |",
        "| --- | --- | --- | --- | --- |",
    ]
    verdicts = []
    for name, build in CONSTRUCTIONS.items():
        times: list[float] = []
        peaks: dict[int, float] = {}
        for size in sizes:
            text_a, text_b = build(size)
            a, b = folder / f"{size}-a.txt", folder / f"{size}-b.txt"
            a.write_text(text_a, "utf-8")
            b.write_text(text_b, "utf-8")
            run = median_run(whole(a, b, *extra), repeats)
            times.append(run.seconds)
            peaks[size] = run.peak_mb
            lines.append(f"| {name} | {size:,} | {_run_cell(run)} | {run.cpu:.2f} s | {run.peak_mb:.0f} MB |")
        if 2000 in sizes:
            at = times[sizes.index(2000)]
            verdicts.append(f"{name}: 2,000 sentences {at:.2f} s (target <= 1.5 s, {_verdict(at <= 1.5)})")
        if 2000 in sizes and len(sizes) > 2:
            exponent = growth_exponent(sizes, times, lo=sizes[0])
            verdicts.append(
                f"{name}: growth exponent {exponent:.2f} from {sizes[0]:,} to {sizes[-1]:,}"
                f" (target <= 1.2, {_verdict(exponent <= 1.2)})"
            )
        if 4000 in peaks:
            verdicts.append(
                f"{name}: peak RSS at 4,000 {peaks[4000]:.0f} MB (target <= 300 MB,"
                f" {_verdict(peaks[4000] <= 300)})"
            )
    return [*lines, "", *(f"- {v}" for v in verdicts), ""]


@dataclass(frozen=True)
class Shape:
    """An adversarial input: how to build it at full size and at smoke size, and its targets."""

    name: str
    build: Callable[[int], tuple[str, str]]
    full: int
    smoke: int
    unit: str
    seconds: float
    megabytes: float | None = None


SHAPES = (
    Shape(
        "the same paragraph repeated, each side",
        lambda n: (corpus.repeated_paragraph(n), corpus.repeated_paragraph(n)),
        2000,
        40,
        "copies",
        5.0,
        400.0,
    ),
    Shape("one sentence a side", corpus.long_sentence_pair, 50_000, 2_000, "words", 5.0),
    Shape("two long documents", corpus.large_pair, 10_000, 400, "sentences", 12.0, 800.0),
    Shape(
        "a word in every sentence (second construction)",
        corpus.repeated_word_pair,
        4000,
        200,
        "sentences",
        math.inf,
        300.0,
    ),
)
"""The shapes a user can feed that once went quadratic (issue 16), with their whole-process targets."""


def shapes_section(repeats: int, folder: Path, smoke: bool, *extra: str) -> list[str]:
    """Each of ``SHAPES`` as a whole process, against its targets (at full size only)."""
    lines = [
        "## Adversarial shapes",
        "",
        "| shape | size | wall time | CPU time | peak RSS | target | met |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for k, shape in enumerate(SHAPES):
        size = shape.smoke if smoke else shape.full
        text_a, text_b = shape.build(size)
        a, b = folder / f"shape{k}-a.txt", folder / f"shape{k}-b.txt"
        a.write_text(text_a, "utf-8")
        b.write_text(text_b, "utf-8")
        run = median_run(whole(a, b, *extra), repeats)
        targets = [] if shape.seconds == math.inf else [f"<= {shape.seconds:g} s"]
        targets += [] if shape.megabytes is None else [f"<= {shape.megabytes:g} MB"]
        met = not run.stopped and run.seconds <= shape.seconds
        met = met and (shape.megabytes is None or run.peak_mb <= shape.megabytes)
        verdict = "(smoke size)" if smoke else _verdict(met)
        lines.append(
            f"| {shape.name} | {size:,} {shape.unit} | {_run_cell(run)} | {run.cpu:.2f} s"
            f" | {run.peak_mb:.0f} MB"
            f" | {', '.join(targets)} | {verdict} |"
        )
    return [*lines, ""]


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
    parser.add_argument(
        "--smoke", action="store_true", help="small sizes, one run each, no review screen: that it all runs"
    )
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument(
        "--reference-max", type=int, default=2000, help="largest size to run the exhaustive reference at"
    )
    parser.add_argument("--baseline", metavar="REV", help="git revision whose JSON results must be the same")
    parser.add_argument("--no-tui", action="store_true")
    parser.add_argument("--tui-only", action="store_true", help="only the TUI section (a few minutes)")
    parser.add_argument("--process-only", action="store_true", help="only the whole-process sections")
    args = parser.parse_args(argv)
    if not corpus.available():
        print("speed: ../shared/bench is not there; nothing to build long documents from", file=sys.stderr)
        return 2
    repeats = 1 if args.smoke else 3 if args.quick else args.repeats
    if args.smoke:
        sizes, process_sizes = list(SMOKE_SIZES), list(SMOKE_SIZES[:2])
    else:
        sizes = [n for n in SIZES if not args.quick or n <= 2000]
        process_sizes = list(PROCESS_SIZES)
    out = [
        "# comparer speed",
        "",
        f"`python benchmarks/speed.py{' --smoke' if args.smoke else ' --quick' if args.quick else ''}`"
        f" on {os.cpu_count()} cores, medians of {repeats} runs.",
        "",
    ]
    if not args.tui_only:
        out += seeds_section(repeats, meaning=not args.smoke)
        if not args.process_only:
            lines, breakdown, times = sizes_section(sizes, repeats, args.reference_max)
            out += lines
            exponent = growth_exponent(sizes, times, lo=sizes[1])
            span = f"{sizes[1]:,} to {sizes[-1]:,} sentences"
            out += ["", f"Growth exponent in process (log-log fit, {span}): {exponent:.2f}", *breakdown, ""]
        # --smoke: the small sizes would use the meaning model, whose time is not this table's
        extra = ["--lexical"] if args.smoke else []
        with tempfile.TemporaryDirectory() as folder:
            out += process_section(process_sizes, repeats, Path(folder), *extra)
            out += shapes_section(repeats, Path(folder), args.smoke, *extra)
    if not (args.no_tui or args.smoke or args.process_only):
        out += tui_section(repeats)
    if args.baseline:
        out += baseline_section(args.baseline)
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
