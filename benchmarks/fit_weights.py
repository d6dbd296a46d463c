"""Fit the similarity's coefficients and the link thresholds; print them as constants to ship.

Run from the repository root: ``python benchmarks/fit_weights.py`` (``--ablation`` refits
without each feature in turn and prints the table in benchmarks/README.md; ``--loo`` scores each news
pair with everything fitted on the other seven). Reads ../shared/bench.

1. Logistic regression (Newton's method, a little L2) of "linked" on the features of
   ``comparer.core.similarity.features``, over two kinds of pairs given equal total weight:
   MSRP train sentence pairs (label: paraphrase) and every news-dev sentence pair that shares a
   content stem (label: a human linked them). Pairs sharing no stem score 0 by construction.
2. ``LINK_THRESHOLD`` and ``PARTNER_THRESHOLD``: the cuts with the best link F1 of the full
   alignment on news-dev, among those that keep the seed facts (samples/kremlin-drone).
The printed constants go into comparer/core/similarity.py and comparer/core/align.py.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path
from typing import Any
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent))

import accuracy  # puts the repository first on the path: comparer, tests.seeds
import speed

from comparer.core import align, compare, load, similarity
from comparer.core.align import pair_weights, profiles
from comparer.core.similarity import FEATURES, features
from tests import seeds

Example = tuple[tuple[float, ...], bool, float]
"""Features, label, sample weight."""
L2 = 1e-3


def msrp_examples(pairs: list[accuracy.MsrpPair]) -> list[Example]:
    out = []
    for pair in pairs:
        pa = profiles([accuracy._sentence(pair.first)])
        pb = profiles([accuracy._sentence(pair.second)])
        x, y = pa[0], pb[0]
        assert x is not None and y is not None
        if not x.bag.isdisjoint(y.bag):
            out.append((features(x, y, pair_weights(pa, pb)), pair.label, 1.0))
    return [(f, label, 1.0 / len(out)) for f, label, _ in out]


def news_examples(scorer: Any, golds: list[dict[str, Any]]) -> list[Example]:
    out = []
    for gold in golds:
        g = accuracy.GoldPair.of(scorer, gold)
        for i, x in enumerate(g.pa):
            for j, y in enumerate(g.pb):
                if x is None or y is None or x.bag.isdisjoint(y.bag):
                    continue
                out.append((features(x, y, g.weights), g.label(i, j), 1.0))
    return [(f, label, 1.0 / len(out)) for f, label, _ in out]


def solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (the systems here are tiny)."""
    n = len(vector)
    m = [[*row, v] for row, v in zip(matrix, vector, strict=True)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(n):
            if r != col:
                factor = m[r][col] / m[col][col]
                m[r] = [a - factor * b for a, b in zip(m[r], m[col], strict=True)]
    return [m[r][n] / m[r][r] for r in range(n)]


def fit(examples: list[Example], iterations: int = 30) -> list[float]:
    """Weighted L2-regularised logistic regression; returns [bias, *coefficients]."""
    d = len(examples[0][0]) + 1
    beta = [0.0] * d
    for _ in range(iterations):
        grad = [0.0] * d
        hess = [[0.0] * d for _ in range(d)]
        for values, label, weight in examples:
            row = (1.0, *values)
            z = sum(b * v for b, v in zip(beta, row, strict=True))
            p = 1.0 / (1.0 + math.exp(-z))
            g = weight * (p - float(label))
            h = weight * p * (1.0 - p)
            for k in range(d):
                grad[k] += g * row[k]
                for m in range(d):
                    hess[k][m] += h * row[k] * row[m]
        for k in range(1, d):
            grad[k] += L2 * beta[k]
            hess[k][k] += L2
        step = solve(hess, grad)
        beta = [b - s for b, s in zip(beta, step, strict=True)]
        if max(abs(s) for s in step) < 1e-9:
            break
    return beta


def seed_facts_hold() -> bool:
    """The product's promises on the seed articles (samples/kremlin-drone), which any fit must keep."""
    folder = Path(__file__).resolve().parents[1] / "samples" / "kremlin-drone"
    result = compare(
        load(str(folder / "a-kremlin-accuses-ukraine.txt")),
        load(str(folder / "b-kyiv-denies-involvement.txt")),
    )

    def linked(i: int, j: int) -> bool:
        return any(i in link.a and j in link.b for link in result.links)

    return (
        linked(*seeds.STATEMENT)
        and linked(*seeds.PESKOV)
        and linked(*seeds.SOBYANIN)
        and seeds.SHEREMET_A in result.only_in_a
        and seeds.PODOLYAK_B in result.only_in_b
    )


def fit_thresholds(scorer: Any, golds: list[dict[str, Any]]) -> tuple[float, float, float]:
    """The link and partner thresholds with the best news-dev link F1 that keep the seed facts."""
    best = (0.0, 0.0, -1.0)
    for link_step in range(10, 32, 2):
        for partner_step in range(link_step, link_step + 16, 2):
            align.LINK_THRESHOLD, align.PARTNER_THRESHOLD = link_step / 100, partner_step / 100
            figures, _ = accuracy.run_news(scorer, golds)
            if figures.link_f1 > best[2] and seed_facts_hold():
                best = (link_step / 100, partner_step / 100, figures.link_f1)
    return best


def fit_second_threshold(scorer: Any, golds: list[dict[str, Any]]) -> tuple[float, float]:
    """The score at which sentences already linked elsewhere get a further link: the best news-dev
    link F1 among the cuts that keep the seed facts and do not lower only-in F1 (a fact wrongly
    called unique matters more than a missed link). Fitted after the other two thresholds."""
    align.SECOND_LINK_THRESHOLD = 2.0
    without, _ = accuracy.run_news(scorer, golds)
    best = (2.0, without.link_f1)
    for step in range(16, 42, 2):
        align.SECOND_LINK_THRESHOLD = step / 100
        figures, _ = accuracy.run_news(scorer, golds)
        keeps = figures.only_f1 >= without.only_f1 - 1e-9 and seed_facts_hold()
        if figures.link_f1 > best[1] and keeps:
            best = (step / 100, figures.link_f1)
    return best


def ablation(scorer: Any, golds: list[dict[str, Any]], examples: list[Example], bench: Path) -> None:
    """Refit without each feature in turn; print news-dev link/only-in F1 and MSRP test figures.

    Thresholds are refitted too (link = partner threshold, best news-dev link F1; for MSRP, the
    link score's own best cut on train, a diagnostic of the score: the product labels links with
    ``sameness``), without the seed-fact constraint, so rows compare like with like.
    """
    train = accuracy.read_msrp(bench / "msrp" / "train.tsv")
    test = accuracy.read_msrp(bench / "msrp" / "test.tsv")
    print("| features | news link F1 | news only-in F1 | MSRP test acc | MSRP test F1 |")
    print("| --- | --- | --- | --- | --- |")
    for dropped in (None, *range(len(FEATURES))):
        kept = [(tuple(0.0 if k == dropped else v for k, v in enumerate(f)), y, w) for f, y, w in examples]
        beta = fit(kept)
        similarity.BIAS, similarity.COEFFICIENTS = beta[0], similarity.LinkFeatures(*beta[1:])
        same = accuracy.best_threshold([accuracy.comparer_score(p) for p in train], [p.label for p in train])
        best: accuracy.NewsFigures | None = None
        for step in range(10, 32, 2):
            align.LINK_THRESHOLD = align.PARTNER_THRESHOLD = step / 100
            figures, _ = accuracy.run_news(scorer, golds)
            if best is None or figures.link_f1 > best.link_f1:
                best = figures
        assert best is not None
        acc, f1 = accuracy.accuracy_f1(
            [p.label for p in test], (accuracy.comparer_score(p) >= same for p in test)
        )
        name = "all" if dropped is None else f"without {FEATURES[dropped]}"
        print(f"| {name} | {best.link_f1:.3f} | {best.only_f1:.3f} | {100 * acc:.1f}% | {100 * f1:.1f}% |")


def fit_news_cuts(scorer: Any, golds: list[dict[str, Any]]) -> tuple[float, float, float, float]:
    """Fit and set the three news cuts for the similarity as it is now: link, partner (second
    links off meanwhile), then the second-link cut; returns them and the link F1 of the first two."""
    align.SECOND_LINK_THRESHOLD = 2.0  # off while the one-link-per-sentence cuts are fitted
    link, partner, f1 = fit_thresholds(scorer, golds)
    align.LINK_THRESHOLD, align.PARTNER_THRESHOLD = link, partner
    second, _ = fit_second_threshold(scorer, golds)
    align.SECOND_LINK_THRESHOLD = second
    return link, partner, second, f1


def leave_one_out(scorer: Any, golds: list[dict[str, Any]], train: list[accuracy.MsrpPair]) -> None:
    """Generalisation to unseen news pairs: for each pair, fit the coefficients (MSRP train and the
    other seven pairs) and the news cuts (the other seven) and score the held-out pair with them.
    Prints the pooled figures, as ``accuracy.py`` pools the in-sample ones."""
    msrp = msrp_examples(train)
    rows = []
    for held, gold in enumerate(golds):
        rest = golds[:held] + golds[held + 1 :]
        beta = fit(msrp + news_examples(scorer, rest))
        similarity.BIAS, similarity.COEFFICIENTS = beta[0], similarity.LinkFeatures(*beta[1:])
        cuts = fit_news_cuts(scorer, rest)
        rows.append(scorer.score_pair(gold, accuracy.comparer_links(gold)))
        single = accuracy.NewsFigures.of(scorer.summarize(rows[-1:]))
        print(
            f"# {gold['id']}: cuts {cuts[:3]}, link F1 {single.link_f1:.3f}, only-in F1 {single.only_f1:.3f}"
        )
    pooled = accuracy.NewsFigures.of(scorer.summarize(rows))
    print(
        f"leave-one-pair-out: link P {pooled.link_p:.3f} R {pooled.link_r:.3f} F1 {pooled.link_f1:.3f}, "
        f"only-in P {pooled.only_p:.3f} R {pooled.only_r:.3f} F1 {pooled.only_f1:.3f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ablation", action="store_true", help="refit without each feature in turn")
    parser.add_argument("--loo", action="store_true", help="leave one news pair out (about 10 min)")
    args = parser.parse_args(argv)
    bench = accuracy.BENCH
    if not (bench / "score_news.py").is_file():
        print(f"fit skipped: no benchmark data at {bench}")
        return 0
    # Every pair is scored in full while fitting: the fast path's bounds (PairScorer) are exact
    # only for the shipped coefficients, and a refit tries others.
    with mock.patch.object(align, "candidate_pairs", speed.every_candidate):
        return _fit(args, bench)


def _fit(args: argparse.Namespace, bench: Path) -> int:
    scorer = accuracy.load_scorer(bench)
    golds = accuracy.news_golds(bench)
    train = accuracy.read_msrp(bench / "msrp" / "train.tsv")
    if args.loo:
        leave_one_out(scorer, golds, train)
        return 0
    examples = msrp_examples(train) + news_examples(scorer, golds)
    if args.ablation:
        ablation(scorer, golds, examples, bench)
        return 0
    beta = fit(examples)
    similarity.BIAS, similarity.COEFFICIENTS = beta[0], similarity.LinkFeatures(*beta[1:])
    link, partner, second, f1 = fit_news_cuts(scorer, golds)
    second_f1 = accuracy.run_news(scorer, golds)[0].link_f1
    print(f"# news-dev link F1 {f1:.3f}; same / partial is fitted by fit_sameness.py")
    print(f"LINK_THRESHOLD = {link:.2f}")
    print(f"PARTNER_THRESHOLD = {partner:.2f}")
    print(f"SECOND_LINK_THRESHOLD = {second:.2f}  # news-dev link F1 {second_f1:.3f}")
    print(f"BIAS = {beta[0]:.4f}")
    named = ", ".join(f"{name}={b:.4f}" for name, b in zip(FEATURES, beta[1:], strict=True))
    print(f"COEFFICIENTS = LinkFeatures({named})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
