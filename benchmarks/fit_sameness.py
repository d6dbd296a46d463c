"""Fit the ``same`` / ``partial`` model of comparer/core/sameness.py; print the constants to ship.

Run from the repository root: ``python benchmarks/fit_sameness.py`` (about a minute). Reads
../shared/bench/msrp/train.tsv only; ``--cv`` adds a 5-fold cross-validation on train and
``--test`` scores the fitted model on MSRP test (for the final report only, never for choices).

1. Logistic regression (Newton's method, a little L2) of "paraphrase" on
   ``comparer.core.sameness.features`` of every MSRP train pair, each coefficient held to its sign
   in ``SIGNS`` by an active set: while a coefficient has the wrong sign, the worst is fixed at 0
   and the rest refitted; a fixed one is freed again when the loss would fall by moving it the
   allowed way.
2. ``SAME_PROBABILITY`` and ``SAME_LINK_SCORE``: the pair of cuts with the best accuracy on MSRP
   train among those that keep the seed facts (A9/B4 and A12/B6 of samples/kremlin-drone are
   ``same``); the link-score cut 2.0 means "not used".
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import accuracy
from fit_weights import solve

from comparer.core import load, sameness
from comparer.core.align import pair_weights, profiles
from comparer.core.segment import segment
from comparer.core.similarity import similarity

Example = tuple[tuple[float, ...], bool]
L2 = 1e-3


def example(pair: accuracy.MsrpPair) -> Example:
    """The sameness features of one MSRP pair, its link score included, and its label."""
    x = profiles([accuracy._sentence(pair.first)])[0]
    y = profiles([accuracy._sentence(pair.second)])[0]
    assert x is not None and y is not None
    return sameness.features(x, y, accuracy.comparer_score(pair)), pair.label


def _gradient(examples: Sequence[Example], beta: Sequence[float]) -> list[float]:
    """Gradient of the mean log loss plus L2 (the bias unpenalised), at ``beta``."""
    grad = [0.0] * len(beta)
    for values, label in examples:
        row = (1.0, *values)
        z = math.fsum(b * v for b, v in zip(beta, row, strict=True))
        g = (1.0 / (1.0 + math.exp(-z)) - float(label)) / len(examples)
        for k, v in enumerate(row):
            grad[k] += g * v
    return [g + (L2 * b if k else 0.0) for k, (g, b) in enumerate(zip(grad, beta, strict=True))]


def _newton(examples: Sequence[Example], free: Sequence[int], iterations: int = 25) -> list[float]:
    """Logistic regression over the features in ``free`` (indexes into [bias, *features])."""
    beta = [0.0] * (len(examples[0][0]) + 1)
    for _ in range(iterations):
        grad = [0.0] * len(free)
        hess = [[0.0] * len(free) for _ in free]
        for values, label in examples:
            row = (1.0, *values)
            cols = [row[k] for k in free]
            z = math.fsum(beta[k] * row[k] for k in free)
            p = 1.0 / (1.0 + math.exp(-z))
            g, h = (p - float(label)) / len(examples), p * (1.0 - p) / len(examples)
            for a, va in enumerate(cols):
                grad[a] += g * va
                hv = h * va
                line = hess[a]
                for b, vb in enumerate(cols):
                    line[b] += hv * vb
        for a, k in enumerate(free):
            if k:
                grad[a] += L2 * beta[k]
                hess[a][a] += L2
        step = solve(hess, grad)
        for a, k in enumerate(free):
            beta[k] -= step[a]
        if max(abs(s) for s in step) < 1e-9:
            break
    return beta


def fit(examples: Sequence[Example], signs: Sequence[int]) -> list[float]:
    """Sign-constrained logistic regression; returns [bias, *coefficients]; see the docstring."""
    sign = (0, *signs)
    free = list(range(len(sign)))
    while True:
        beta = _newton(examples, free)
        wrong = [k for k in free if k and sign[k] * beta[k] < 0]
        if wrong:
            free.remove(min(wrong, key=lambda k: sign[k] * beta[k]))
            continue
        grad = _gradient(examples, beta)
        # A fixed coefficient whose allowed direction lowers the loss is freed again.
        wanted = [k for k in range(1, len(sign)) if k not in free and sign[k] * grad[k] < -1e-6]
        if not wanted:
            return beta
        free.append(min(wanted, key=lambda k: sign[k] * grad[k]))
        free.sort()


def probability(beta: Sequence[float], values: Sequence[float]) -> float:
    z = beta[0] + math.fsum(b * v for b, v in zip(beta[1:], values, strict=True))
    return 0.5 * (1.0 + math.tanh(0.5 * z))


SEED_SAME = ((8, 3), (11, 5))
"""The links of samples/kremlin-drone that must be ``same`` (A9/B4 and A12/B6, counted from 1)."""


def seed_pairs() -> list[tuple[tuple[float, ...], float]]:
    """The features and link scores of the seed links that must be ``same``."""
    folder = Path(__file__).resolve().parents[1] / "samples" / "kremlin-drone"
    pa = profiles(segment(load(str(folder / "a-kremlin-accuses-ukraine.txt"))))
    pb = profiles(segment(load(str(folder / "b-kyiv-denies-involvement.txt"))))
    weights = pair_weights(pa, pb)
    out = []
    for i, j in SEED_SAME:
        x, y = pa[i], pb[j]
        assert x is not None and y is not None
        link = similarity(x, y, weights).value
        out.append((sameness.features(x, y, link), link))
    return out


def _cuts(beta: Sequence[float], examples: Sequence[Example]) -> tuple[float, float]:
    """(probability cut, link-score cut) with the best accuracy on ``examples`` among those
    that make the seed links ``same``."""
    link_at = sameness.FEATURES.index("link")
    scored = [(probability(beta, values), values[link_at], label) for values, label in examples]
    seeds = [(probability(beta, values), link) for values, link in seed_pairs()]
    best = (-1, 0.5, 2.0)
    for link_step in (*range(50, 82, 2), 200):
        high = link_step / 100
        for step in range(20, 81):
            cut = step / 100
            if not all(link >= high or p >= cut for p, link in seeds):
                continue
            correct = sum((link >= high or p >= cut) == label for p, link, label in scored)
            if correct > best[0]:
                best = (correct, cut, high)
    return best[1], best[2]


def fitted(examples: Sequence[Example]) -> tuple[list[float], float, float]:
    """The coefficients and the two cuts (probability, link score); see ``_cuts``."""
    beta = fit(examples, sameness.SIGNS)
    return beta, *_cuts(beta, examples)


def _same(beta: Sequence[float], cut: float, high: float, values: Sequence[float]) -> bool:
    return values[sameness.FEATURES.index("link")] >= high or probability(beta, values) >= cut


def evaluate(
    beta: Sequence[float], cut: float, high: float, examples: Sequence[Example]
) -> tuple[float, float]:
    """(accuracy, F1) of the ``same`` decision on these examples."""
    decisions = (_same(beta, cut, high, values) for values, _ in examples)
    return accuracy.accuracy_f1([label for _, label in examples], decisions)


def cross_validate(examples: Sequence[Example], folds: int = 5) -> tuple[float, float]:
    """Pooled (accuracy, F1) of ``folds``-fold cross-validation, a fixed shuffle."""
    order = list(range(len(examples)))
    random.Random(0).shuffle(order)
    labels: list[bool] = []
    decisions: list[bool] = []
    for fold in range(folds):
        held = set(order[fold::folds])
        beta, cut, high = fitted([e for k, e in enumerate(examples) if k not in held])
        for k in sorted(held):
            labels.append(examples[k][1])
            decisions.append(_same(beta, cut, high, examples[k][0]))
    return accuracy.accuracy_f1(labels, decisions)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bench", type=Path, default=accuracy.BENCH, help="the shared benchmark folder")
    parser.add_argument("--cv", action="store_true", help="also 5-fold cross-validate on MSRP train")
    parser.add_argument("--test", action="store_true", help="also score on MSRP test (report only)")
    args = parser.parse_args(argv)
    train = [example(p) for p in accuracy.read_msrp(args.bench / "msrp" / "train.tsv")]
    beta, cut, high = fitted(train)
    acc, f1 = evaluate(beta, cut, high, train)
    print(f"# MSRP train (in-sample): accuracy {100 * acc:.1f}%, F1 {100 * f1:.1f}%")
    if args.cv:
        acc, f1 = cross_validate(train)
        print(f"# MSRP train, 5-fold cross-validation: accuracy {100 * acc:.1f}%, F1 {100 * f1:.1f}%")
    if args.test:
        test = [example(p) for p in accuracy.read_msrp(args.bench / "msrp" / "test.tsv")]
        acc, f1 = evaluate(beta, cut, high, test)
        print(f"# MSRP test: accuracy {100 * acc:.1f}%, F1 {100 * f1:.1f}%")
    print("COEFFICIENTS = (" + ", ".join(f"{b:.4f}" for b in beta[1:]) + ")")
    print(f"BIAS = {beta[0]:.4f}")
    print(f"SAME_PROBABILITY = {cut:.2f}")
    print(f"SAME_LINK_SCORE = {high:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
