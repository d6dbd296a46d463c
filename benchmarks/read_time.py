"""CPU time of ``compare()`` and of the conflict reading in it (``conflicts.LinkReader.read``), for
revisions side by side; prints a table.

    python benchmarks/read_time.py REV ...                # 2,000 sentences, 5 rounds
    python benchmarks/read_time.py d2e86aa main HEAD --sizes 1000 2000 --first

Each revision is checked out (detached) into a temporary git worktree and run in fresh
processes, alternating, on this checkout's ``corpus.py`` documents. Each process times one
comparison after a warm-up one (with ``--first``, its first: caches empty, as one command) with
the reading wrapped in a timer, in CPU time (``time.process_time``): on the shared machine it
moves less than the wall-clock time ``ab.py`` reads. Medians over rounds.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

from ab import checkouts

BENCHMARKS = Path(__file__).resolve().parent
ROOT = BENCHMARKS.parent

_RUN = r"""
import json, sys, time
sys.path.insert(0, {benchmarks!r}); sys.path.insert(0, {root!r})
import corpus
from comparer.core import align
from comparer.core.compare import compare
from comparer.core.document import from_string
a, b = corpus.document_pair({size})
if not {first}:
    compare(from_string(a, "a"), from_string(b, "b"))
spent = [0.0]
# The reading is conflicts.LinkReader.read since it reads a comparison's links by sentence, and
# align's read_link before.
try:
    from comparer.core import conflicts
except ImportError:
    conflicts = None
reader = getattr(conflicts, "LinkReader", None)
owner, name = (reader, "read") if reader is not None else (align, "read_link")
reading = getattr(owner, name, None)
if reading is not None:
    def timed(*args, **kwargs):
        start = time.process_time()
        try:
            return reading(*args, **kwargs)
        finally:
            spent[0] += time.process_time() - start
    setattr(owner, name, timed)
start = time.process_time()
compare(from_string(a, "a"), from_string(b, "b"))
print(json.dumps([time.process_time() - start, spent[0]]))
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("revisions", nargs="+")
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--first", action="store_true", help="time each process's first comparison")
    args = parser.parse_args(argv)
    with checkouts(args.revisions) as roots:
        print("| sentences | revision | compare() | read_link | share |")
        print("| --- | --- | --- | --- | --- |")
        for size in args.sizes:
            runs: list[list[list[float]]] = [[] for _ in roots]
            for _ in range(args.rounds):
                for k, root in enumerate(roots):
                    code = _RUN.format(
                        benchmarks=str(BENCHMARKS), root=str(root), size=size, first=args.first
                    )
                    out = subprocess.run(
                        [sys.executable, "-c", code], capture_output=True, text=True, check=True
                    )
                    runs[k].append(json.loads(out.stdout))
            for revision, times in zip(args.revisions, runs, strict=True):
                total = statistics.median(t for t, _ in times)
                reading = statistics.median(r for _, r in times)
                print(f"| {size:,} | {revision} | {total:.3f} s | {reading:.3f} s | {reading / total:.0%} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
