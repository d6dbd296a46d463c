"""How fast the shipped sentence encoder is: load, an article pair, sentences a second, import cost.

    python benchmarks/encoder_speed.py            # medians of 5 runs
    python benchmarks/encoder_speed.py --quick    # one run on a few sentences (the test uses it)
    python benchmarks/encoder_speed.py --process  # the samples' JSON, whole `comparer` process,
                                                  # meaning-aware against --lexical (medians of 5)

The article pair is the issue's budget case: 100 news sentences a side (200 in all), taken from
../shared/bench/news-dev when it is there, else the sentences of samples/ repeated. Each figure
is the median of the runs, each in this process after one warm-up; the import and load figures
are measured in fresh processes, as a user pays them.

--process times what a user waits for: `comparer samples/kremlin-drone/a-*.txt b-*.txt --format
json` from start to exit, with the meaning model (the default) and with --lexical, the two
alternating round by round so that the machine's load falls on both alike; the ratio is the
figure to compare across machines.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BENCH = ROOT.parent / "shared" / "bench"
PAIR_SENTENCES = 200


def news_sentences(count: int) -> tuple[list[str], str]:
    """`count` real news sentences and where they come from."""
    sentences: list[str] = []
    for path in sorted((BENCH / "news-dev").glob("*.json")):
        pair = json.loads(path.read_text(encoding="utf-8"))
        sentences += [unit["text"] for unit in pair["a_units"] + pair["b_units"] if unit["text"].strip()]
    if len(sentences) >= count:
        return sentences[:count], "../shared/bench/news-dev"
    from comparer.core.document import load
    from comparer.core.segment import segment

    sample = [s.text for path in sorted((ROOT / "samples").rglob("*.txt")) for s in segment(load(str(path)))]
    return (sample * (count // len(sample) + 1))[:count], "samples/ (repeated)"


def fresh_process(code: str) -> float:
    """Seconds a new interpreter takes to run `code` (its own clock, so start-up is left out)."""
    timed = f"import time; _t = time.perf_counter(); {code}; print(time.perf_counter() - _t)"
    done = subprocess.run([sys.executable, "-c", timed], cwd=ROOT, capture_output=True, text=True, check=True)
    return float(done.stdout.split()[-1])


def whole_process(runs: int) -> int:
    """Median seconds of the samples' JSON report as a whole process, meaning-aware and lexical."""
    import shutil

    beside = Path(sys.executable).parent / "comparer"
    command = str(beside) if beside.exists() else shutil.which("comparer") or ""
    if not command:
        raise SystemExit("the `comparer` command is not installed (pip install -e .)")
    samples = ROOT / "samples" / "kremlin-drone"
    base = [command, *map(str, sorted(samples.glob("[ab]-*.txt"))), "--format", "json"]
    times: dict[str, list[float]] = {"meaning": [], "lexical": []}
    for _ in range(runs):
        for name, extra in (("meaning", []), ("lexical", ["--lexical"])):
            start = time.perf_counter()
            done = subprocess.run([*base, *extra], cwd=ROOT, capture_output=True, text=True)
            times[name].append(time.perf_counter() - start)
            if done.returncode not in (0, 1):
                raise SystemExit(f"comparer failed: {done.stderr.strip()}")
    meaning, lexical = (statistics.median(times[k]) for k in ("meaning", "lexical"))
    print(f"samples/kremlin-drone JSON, whole process, medians of {runs} alternating runs")
    print(f"| meaning-aware (default) | {meaning * 1000:.0f} ms |")
    print(f"| --lexical | {lexical * 1000:.0f} ms |")
    print(f"| ratio | {meaning / lexical:.2f} |")
    return 0


def median_of(runs: int, action: object) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="one run on 20 sentences")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--process", action="store_true", help="the samples' JSON as a whole process")
    args = parser.parse_args()
    if args.process:
        return whole_process(args.runs)
    runs = 1 if args.quick else args.runs
    count = 20 if args.quick else PAIR_SENTENCES

    from comparer.core.meaning import load_encoder

    sentences, origin = news_sentences(count)
    encoder = load_encoder()
    encoder.encode(sentences[:8])  # warm-up
    tokens = sum(len(encoder._tokenizer.encode(s, encoder.max_tokens)) for s in sentences)
    pair = median_of(runs, lambda: encoder.encode(sentences))
    importing = statistics.median(fresh_process("import comparer.core.meaning") for _ in range(runs))
    loading = statistics.median(
        fresh_process("from comparer.core.meaning import load_encoder; load_encoder()") for _ in range(runs)
    )
    print(f"encoder: {encoder.name} ({encoder.digest[:12]}), medians of {runs} run(s)")
    print(f"sentences: {len(sentences)} from {origin}, {tokens} tokens with [CLS]/[SEP]")
    print(f"| import comparer.core.meaning | {importing * 1000:.0f} ms |")
    print(f"| import and load_encoder() | {loading * 1000:.0f} ms |")
    print(f"| encode {len(sentences)} sentences | {pair * 1000:.0f} ms |")
    print(f"| sentences a second | {len(sentences) / pair:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
