"""Two revisions' comparison time on the same long documents, A/B in fresh processes; prints a table.

    python benchmarks/ab.py REV_A REV_B             # 2,000 and 4,000 sentences, 5 rounds
    python benchmarks/ab.py main HEAD --sizes 500 2000 --rounds 7
    python benchmarks/ab.py main HEAD --first       # the first comparison of each process only

Each revision is checked out (detached) into a temporary git worktree. The documents come from
this checkout's ``corpus.py`` for both, so only the code differs. Each round runs one process per
revision, alternating, and each process times ``compare()`` three times after one warm-up run and
reports the median (with ``--first``, only its first run, caches empty: what one ``comparer``
command pays); the table gives the median over rounds and the ratio B / A. A fingerprint of
the whole Comparison shows whether the two revisions give the same result. Alternating processes
spread the machine's noise over both sides: read the ratio, not the seconds.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent
ROOT = BENCHMARKS.parent

_RUN = r"""
import hashlib, statistics, sys, time
sys.path.insert(0, {benchmarks!r}); sys.path.insert(0, {root!r})
import corpus
from comparer.core.compare import compare
from comparer.core.document import from_string
a, b = corpus.document_pair({size})
start = time.perf_counter()
result = compare(from_string(a, "a"), from_string(b, "b"))
times = [time.perf_counter() - start]
if {first}:  # the first comparison only, its caches empty, as one command run
    print(times[0], hashlib.sha1(repr(result).encode()).hexdigest()[:12]); sys.exit()
times = []
for _ in range(3):
    start = time.perf_counter()
    compare(from_string(a, "a"), from_string(b, "b"))
    times.append(time.perf_counter() - start)
print(statistics.median(times), hashlib.sha1(repr(result).encode()).hexdigest()[:12])
"""


def _time(root: Path, size: int, first: bool = False) -> tuple[float, str]:
    code = _RUN.format(benchmarks=str(BENCHMARKS), root=str(root), size=size, first=first)
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    seconds, fingerprint = out.stdout.split()
    return float(seconds), fingerprint


@contextlib.contextmanager
def checkouts(revisions: Sequence[str]) -> Iterator[list[Path]]:
    """Each revision checked out (detached) into a temporary git worktree, removed afterwards."""
    with tempfile.TemporaryDirectory() as scratch:
        roots: list[Path] = []
        try:
            for k, revision in enumerate(revisions):
                root = Path(scratch) / str(k)
                subprocess.run(
                    ["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(root), revision],
                    check=True,
                )
                roots.append(root)
            yield roots
        finally:
            for root in roots:
                subprocess.run(
                    ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(root)], check=False
                )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("a", help="git revision A")
    parser.add_argument("b", help="git revision B")
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 4000])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--first", action="store_true", help="time only the first comparison of each process (caches empty)"
    )
    args = parser.parse_args(argv)
    with checkouts([args.a, args.b]) as roots:
        print(f"| sentences | {args.a} | {args.b} | ratio B / A | same result |")
        print("| --- | --- | --- | --- | --- |")
        for size in args.sizes:
            times: list[list[float]] = [[], []]
            prints: list[set[str]] = [set(), set()]
            for _ in range(args.rounds):
                for side, root in enumerate(roots):
                    seconds, fingerprint = _time(root, size, args.first)
                    times[side].append(seconds)
                    prints[side].add(fingerprint)
            a, b = (statistics.median(t) for t in times)
            same = "yes" if prints[0] == prints[1] and len(prints[0]) == 1 else "no"
            print(f"| {size:,} | {a:.3f} s | {b:.3f} s | {b / a:.3f} | {same} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
