"""Print one JSON object: the comparer JSON report of the samples and of every news-dev pair.

Run it with any revision of comparer on the import path (``benchmarks/speed.py --baseline REV``
does, from ``git archive REV``) to check that a change leaves the results on real articles alone.
Its own imports are the standard library and ``comparer``, so it works on old revisions too.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCHMARKS))

import corpus  # noqa: E402


def dump() -> dict[str, object]:
    from comparer.core.compare import compare
    from comparer.core.document import from_string, load
    from comparer.report.json_report import to_dict

    out: dict[str, object] = {}
    samples = compare(load(str(corpus.SAMPLE_A)), load(str(corpus.SAMPLE_B)))
    out["samples"] = to_dict(samples)
    for pair in corpus.news_pairs():
        result = compare(from_string(pair.a_text, "a"), from_string(pair.b_text, "b"))
        out[pair.name] = to_dict(result)
    return out


if __name__ == "__main__":
    json.dump(dump(), sys.stdout, sort_keys=True)
