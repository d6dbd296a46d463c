"""How comparer reports changes of meaning: the per-kind table of score_meaning.py on meaning-dev.

Run from the repository root:

    python benchmarks/meaning.py                 # all 300 edits of ../shared/bench/meaning-dev
    python benchmarks/meaning.py --per-kind 5    # the first 5 edits of each kind (a quick look)
    python benchmarks/meaning.py --news          # every conflict on the news-dev pairs, with both
                                                 # sentences, to read and judge
    python benchmarks/meaning.py --news --same-wording 0   # the same without that rule

Each edit is a real news sentence and a minimal edit of it: eight kinds change what it says (a
negation added or removed, an antonym, another number, year, date or name, another certainty),
seven keep it (contraction, number, money and date formats, attribution wording, clause order,
punctuation). The shared scorer runs this checkout's ``comparer ... --format json`` and prints,
per kind, how many changes of meaning are caught (a conflict on the edited words) and marked
(the edited words one-sided), and how many harmless edits raise a false alarm, stay unlinked, or
are ``same``. The data is read from ``../shared/bench`` (never copied into the repository); when
it is absent the benchmark says so and exits 0.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
import tempfile
from collections import Counter
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent
ROOT = BENCHMARKS.parent
BENCH = ROOT.parent / "shared" / "bench"
sys.path.insert(0, str(BENCHMARKS))

from accuracy import load_scorer  # noqa: E402


def command() -> str:
    """This checkout's comparer, as the scorer runs it (``{a}`` and ``{b}`` are the two files)."""
    python = f"PYTHONPATH={shlex.quote(str(ROOT))} {shlex.quote(sys.executable)}"
    return f"{python} -m comparer {{a}} {{b}} --format json"


def chosen(edits: Path, per_kind: int | None) -> list[str]:
    """The lines of ``edits`` to score: all, or the first ``per_kind`` of each kind."""
    lines = [line for line in edits.read_text(encoding="utf-8").splitlines() if line.strip()]
    if per_kind is None:
        return lines
    seen: Counter[str] = Counter()
    out = []
    for line in lines:
        kind = json.loads(line)["kind"]
        if seen[kind] < per_kind:
            seen[kind] += 1
            out.append(line)
    return out


def news_conflicts(bench: Path, same_wording: float | None) -> list[str]:
    """Every conflict comparer flags on the news-dev pairs, in-process, with both sentences."""
    sys.path.insert(0, str(ROOT))
    from comparer.core import conflicts
    from comparer.core.compare import compare
    from comparer.core.model import Document

    if same_wording is not None:
        conflicts.SAME_WORDING = same_wording
    lines, total = [], 0
    for path in sorted((bench / "news-dev").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        c = compare(Document("a", gold["a_text"]), Document("b", gold["b_text"]))
        lines.append(f"{path.stem}: {c.summary.conflicts} conflicts in {len(c.links)} links")
        for link in c.links:
            for x in link.conflicts:
                total += 1
                a, b = gold["a_text"][x.a.start : x.a.end], gold["b_text"][x.b.start : x.b.end]
                lines.append(
                    f"  {x.kind.value}: A {a!r} / B {b!r} ({link.kind.value} link, score {link.score})"
                )
                lines.append("    A: " + " ".join(c.a.sentences[i].text for i in link.a))
                lines.append("    B: " + " ".join(c.b.sentences[j].text for j in link.b))
    lines.append(f"news-dev: {total} conflicts in all")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bench", type=Path, default=BENCH, help="the shared benchmark folder")
    parser.add_argument(
        "--per-kind", type=int, default=None, metavar="N", help="only the first N edits of each kind"
    )
    parser.add_argument("--news", action="store_true", help="list every conflict on news-dev instead")
    parser.add_argument(
        "--same-wording", type=float, default=None, help="with --news: conflicts.SAME_WORDING to use"
    )
    args = parser.parse_args(argv)
    bench: Path = args.bench
    edits = bench / "meaning-dev" / "edits.jsonl"
    if not (bench / "score_meaning.py").is_file() or not edits.is_file():
        print(f"meaning benchmark skipped: no benchmark data at {bench} (expected ../shared/bench)")
        return 0
    if args.news:
        print("\n".join(news_conflicts(bench, args.same_wording)))
        return 0
    scorer = load_scorer(bench, "score_meaning")
    with tempfile.TemporaryDirectory() as tmp:
        subset = Path(tmp) / "edits.jsonl"
        subset.write_text("\n".join(chosen(edits, args.per_kind)) + "\n", encoding="utf-8")
        print(
            f"meaning-dev ({'all edits' if args.per_kind is None else f'{args.per_kind} of each kind'}), "
            f"comparer with default settings:"
        )
        result: int = scorer.main([str(subset), "--command", command()])
    return result


if __name__ == "__main__":
    sys.exit(main())
