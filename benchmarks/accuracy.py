"""How well comparer aligns: news-dev link and only-in F1, MSRP accuracy and F1, beside baselines.

Run from the repository root:

    python benchmarks/accuracy.py            # the Markdown table
    python benchmarks/accuracy.py --pairs    # and the per-pair news figures

The data is read from ``../shared/bench`` (never copied into the repository); when it is absent
the benchmark says so and exits 0. News pairs are scored with the functions of
``../shared/bench/score_news.py`` (its exact protocol), calling comparer in-process. Every figure
has the naive reference beside it: all-pairs difflib ratio of lowercased words, one threshold
tuned on the same data (news: on news-dev itself; MSRP: on train.tsv, reported on test.tsv).
"""

from __future__ import annotations

import argparse
import difflib
import glob
import hashlib
import importlib.util
import itertools
import json
import os
import pickle
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from comparer.core import Document, align, compare, sense  # noqa: E402
from comparer.core.align import LINK_THRESHOLD, Meaning, link_profiles, pair_weights, profiles  # noqa: E402
from comparer.core.model import LinkKind, Sentence, Settings  # noqa: E402
from comparer.core.sameness import is_same  # noqa: E402
from comparer.core.segment import segment  # noqa: E402
from comparer.core.similarity import Profile, similarity  # noqa: E402

BENCH = ROOT.parent / "shared" / "bench"
SpanPair = tuple[tuple[int, int], tuple[int, int]]

PUBLISHED_MSRP = [
    ('always "paraphrase"', 66.5, 79.9),
    ("Mihalcea et al. 2006, unsupervised word-similarity combination", 70.3, 81.3),
    ("Rus et al. 2008, unsupervised graph subsumption", 70.6, 80.5),
    ("Qiu et al. 2006, supervised dissimilarity classification", 72.0, 81.6),
    ("Wan et al. 2006, supervised dependency-based features", 75.6, 83.0),
]
"""Published MSRP test results, as listed in ../shared/bench/README.md."""

_WORD = re.compile(r"\w+")


def load_scorer(bench: Path, script: str = "score_news") -> ModuleType:
    """A shared scorer (``score_news``, ``score_meaning``), imported from its file so its protocol
    is used exactly."""
    spec = importlib.util.spec_from_file_location(script, bench / f"{script}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def news_golds(bench: Path) -> list[dict[str, Any]]:
    golds = []
    for path in sorted(glob.glob(os.path.join(bench, "news-dev", "*.json"))):
        with open(path, encoding="utf-8") as f:
            golds.append(json.load(f))
    return golds


@dataclass(frozen=True)
class GoldPair:
    """One news-dev pair as comparer segments it: its sentences, the gold units each maps to,
    the sure links, and the sentences' profiles and weights."""

    sa: list[Sentence]
    sb: list[Sentence]
    units_a: list[list[int]]
    units_b: list[list[int]]
    sure: set[tuple[int, int]]
    pa: list[Profile | None]
    pb: list[Profile | None]
    weights: Any

    @classmethod
    def of(cls, scorer: ModuleType, gold: dict[str, Any]) -> GoldPair:
        sa = segment(Document("a.txt", gold["a_text"]))
        sb = segment(Document("b.txt", gold["b_text"]))
        units_a = [scorer._map((s.start, s.end), gold["a_units"]) for s in sa]
        units_b = [scorer._map((s.start, s.end), gold["b_units"]) for s in sb]
        pa, pb = profiles(sa), profiles(sb)
        sure = {(i, j) for i, j, _ in gold["sure"]}
        return cls(sa, sb, units_a, units_b, sure, pa, pb, pair_weights(pa, pb))

    def label(self, i: int, j: int) -> bool:
        """Whether a sure link joins a unit of sentence ``i`` of A and one of ``j`` of B."""
        return any((u, v) in self.sure for u in self.units_a[i] for v in self.units_b[j])


class CachedEncoder:
    """The shipped encoder, each text encoded once across runs (a pickle in the temp folder,
    keyed by the encoder's name and digest)."""

    def __init__(self) -> None:
        from comparer.core.meaning import load_encoder

        self._encoder = load_encoder()
        self.name, self.digest = self._encoder.name, self._encoder.digest
        key = hashlib.sha256(f"{self.name} {self.digest}".encode()).hexdigest()[:16]
        self._path = Path(tempfile.gettempdir()) / f"comparer-embeddings-{key}.pkl"
        self._cache: dict[str, Any] = {}
        if self._path.exists():
            with open(self._path, "rb") as f:
                self._cache = pickle.load(f)
        self._dirty = False

    def encode(self, texts: Sequence[str]) -> Any:
        import numpy as np

        todo = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if todo:
            self._cache.update(zip(todo, self._encoder.encode(todo), strict=True))
            self._dirty = True
        return np.stack([self._cache[t] for t in texts]).astype(np.float32)

    def save(self) -> None:
        if self._dirty:
            tmp = self._path.with_suffix(".tmp")
            with open(tmp, "wb") as f:
                pickle.dump(self._cache, f)
            os.replace(tmp, self._path)
            self._dirty = False


ENCODER: Any = None
"""The encoder ``compare`` is given here (a ``CachedEncoder``); None: comparer's own."""
LEXICAL = False
"""Whether the news runs compare with ``--lexical``."""


def comparer_links(gold: dict[str, Any]) -> list[SpanPair]:
    """comparer's default alignment of one gold pair, as the scorer's (a span, b span) pairs."""
    result = compare(
        Document("a.txt", gold["a_text"]),
        Document("b.txt", gold["b_text"]),
        Settings(lexical=LEXICAL),
        encoder=ENCODER,
    )
    sa, sb = result.a.sentences, result.b.sentences
    return [
        ((sa[i].start, sa[i].end), (sb[j].start, sb[j].end))
        for link in result.links
        for i in link.a
        for j in link.b
    ]


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def ratio(x: Sequence[str], y: Sequence[str]) -> float:
    return difflib.SequenceMatcher(None, x, y, autojunk=False).ratio()


def baseline_scores(gold: dict[str, Any]) -> list[tuple[float, SpanPair]]:
    """Every sentence pair (comparer's segmentation) with its difflib ratio of lowercased words."""
    sa = segment(Document("a.txt", gold["a_text"]))
    sb = segment(Document("b.txt", gold["b_text"]))
    wb = [(s, _words(s.text)) for s in sb]
    out = []
    for x in sa:
        wx = _words(x.text)
        for y, wy in wb:
            out.append((ratio(wx, wy), ((x.start, x.end), (y.start, y.end))))
    return out


@dataclass(frozen=True)
class NewsFigures:
    link_p: float
    link_r: float
    link_f1: float
    only_p: float
    only_r: float
    only_f1: float

    @classmethod
    def of(cls, summary: dict[str, float]) -> NewsFigures:
        return cls(**{k: summary[k] for k in ("link_p", "link_r", "link_f1", "only_p", "only_r", "only_f1")})


def score_news(
    scorer: ModuleType, golds: Sequence[dict[str, Any]], predictions: Sequence[list[SpanPair]]
) -> tuple[NewsFigures, list[NewsFigures]]:
    rows = [scorer.score_pair(g, p) for g, p in zip(golds, predictions, strict=True)]
    return NewsFigures.of(scorer.summarize(rows)), [NewsFigures.of(scorer.summarize([r])) for r in rows]


def tune_news_baseline(scorer: ModuleType, golds: Sequence[dict[str, Any]]) -> tuple[float, NewsFigures]:
    """The naive reference: the one ratio threshold that gives the best link F1 on news-dev."""
    scored = [baseline_scores(g) for g in golds]
    best: tuple[float, NewsFigures] | None = None
    for step in range(5, 96):
        threshold = step / 100
        predictions = [[pair for value, pair in s if value >= threshold] for s in scored]
        figures, _ = score_news(scorer, golds, predictions)
        if best is None or figures.link_f1 > best[1].link_f1:
            best = (threshold, figures)
    assert best is not None
    return best


@dataclass(frozen=True)
class MsrpPair:
    label: bool
    first: str
    second: str


def read_msrp(path: Path) -> list[MsrpPair]:
    pairs = []
    with open(path, encoding="utf-8-sig") as f:
        next(f)
        for line in f:
            fields = line.rstrip("\n").split("\t")
            if len(fields) == 5:
                pairs.append(MsrpPair(fields[0] == "1", fields[3], fields[4]))
    return pairs


def _sentence(text: str) -> Sentence:
    return Sentence(0, 0, len(text), text, 0)


def comparer_same(pair: MsrpPair) -> bool:
    """comparer's decision for one sentence pair: would it link them as ``same``?

    Two sentences compared alone are linked when their link score reaches ``LINK_THRESHOLD``
    (nothing else competes for them), and a link is ``same`` when the sameness model says so:
    both must hold, as in ``align.link_profiles``.
    """
    x, y, score = _scored(pair)
    return score >= LINK_THRESHOLD and is_same(x, y, score)


def meaning_same(pair: MsrpPair, encoder: Any) -> bool:
    """comparer's meaning-aware decision for one sentence pair: linked, and ``same``, as two
    one-sentence articles."""
    pa, pb = profiles([_sentence(pair.first)]), profiles([_sentence(pair.second)])
    meaning = Meaning(sense.Embeddings(encoder, [pair.first], [pair.second]))
    links = link_profiles(pa, pb, pair_weights(pa, pb), meaning=meaning)
    return any(link.kind is LinkKind.SAME for link in links)


def _scored(pair: MsrpPair) -> tuple[Profile, Profile, float]:
    """The two sentences' profiles and their link score, as one-sentence articles."""
    pa, pb = profiles([_sentence(pair.first)]), profiles([_sentence(pair.second)])
    x, y = pa[0], pb[0]
    assert x is not None and y is not None
    return x, y, similarity(x, y, pair_weights(pa, pb)).value


def comparer_score(pair: MsrpPair) -> float:
    """The link score of one sentence pair, the two sentences taken as one-sentence articles."""
    return _scored(pair)[2]


def accuracy_f1(labels: Sequence[bool], decisions: Iterable[bool]) -> tuple[float, float]:
    tp = fp = fn = correct = 0
    for gold, guess in zip(labels, decisions, strict=True):
        correct += gold == guess
        tp += gold and guess
        fp += guess and not gold
        fn += gold and not guess
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return correct / len(labels), f1


def best_threshold(values: Sequence[float], labels: Sequence[bool]) -> float:
    """The threshold on ``values`` with the best accuracy on these (training) labels."""
    best_t, best_acc = 0.0, -1.0
    for step in range(0, 101):
        t = step / 100
        acc, _ = accuracy_f1(labels, (v >= t for v in values))
        if acc > best_acc:
            best_t, best_acc = t, acc
    return best_t


def msrp_figures(
    train: Sequence[MsrpPair], test: Sequence[MsrpPair]
) -> tuple[tuple[float, float], tuple[float, float, float]]:
    """comparer's (accuracy, F1) on test, and the baseline's (accuracy, F1, threshold from train)."""
    ours = accuracy_f1([p.label for p in test], (comparer_same(p) for p in test))

    def base(pair: MsrpPair) -> float:
        return ratio(_words(pair.first), _words(pair.second))

    threshold = best_threshold([base(p) for p in train], [p.label for p in train])
    theirs = accuracy_f1([p.label for p in test], (base(p) >= threshold for p in test))
    return ours, (*theirs, threshold)


def table(
    news: NewsFigures,
    news_base: tuple[float, NewsFigures],
    msrp: tuple[float, float],
    msrp_base: tuple[float, float, float],
    pairs: int = 22,
    meaning: tuple[NewsFigures, tuple[float, float]] | None = None,
) -> str:
    """The Markdown tables; ``news`` and ``msrp`` are the lexical model's (``--lexical``),
    ``meaning`` the meaning-aware defaults' (None when the model is unavailable)."""
    base_t, base = news_base
    bench = f"news-dev ({pairs} pairs)"

    def news_row(name: str, f: NewsFigures) -> str:
        return (
            f"| {bench} | {name} | {f.link_p:.3f} | {f.link_r:.3f} | **{f.link_f1:.3f}** | "
            f"{f.only_p:.3f} | {f.only_r:.3f} | **{f.only_f1:.3f}** |"
        )

    lines = [
        "| benchmark | system | link P | link R | link F1 | only-in P | only-in R | only-in F1 |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
        *([news_row("comparer, defaults (meaning-aware)", meaning[0])] if meaning else []),
        news_row("comparer, `--lexical`", news),
        f"| {bench} | all-pairs difflib ratio of lowercased words, threshold {base_t:.2f} "
        f"tuned on news-dev | {base.link_p:.3f} | {base.link_r:.3f} | {base.link_f1:.3f} | "
        f"{base.only_p:.3f} | {base.only_r:.3f} | {base.only_f1:.3f} |",
        "",
        "| benchmark | system | accuracy | F1 |",
        "| --- | --- | --- | --- |",
        *(
            [
                f"| MSRP test | comparer, defaults (meaning-aware, `same` link) | "
                f"**{100 * meaning[1][0]:.1f}%** | **{100 * meaning[1][1]:.1f}%** |"
            ]
            if meaning
            else []
        ),
        f"| MSRP test | comparer, `--lexical` (`same` link) | **{100 * msrp[0]:.1f}%** "
        f"| **{100 * msrp[1]:.1f}%** |",
        f"| MSRP test | difflib ratio of lowercased words, threshold {msrp_base[2]:.2f} tuned on train "
        f"| {100 * msrp_base[0]:.1f}% | {100 * msrp_base[1]:.1f}% |",
    ]
    lines += [
        f"| MSRP test | {name} (published) | {acc:.1f}% | {f1:.1f}% |" for name, acc, f1 in PUBLISHED_MSRP
    ]
    return "\n".join(lines)


def run_news(
    scorer: ModuleType,
    golds: Sequence[dict[str, Any]],
    links: Callable[[dict[str, Any]], list[SpanPair]] = comparer_links,
) -> tuple[NewsFigures, list[NewsFigures]]:
    return score_news(scorer, golds, [links(g) for g in golds])


def label_agreement(scorer: ModuleType, golds: Sequence[dict[str, Any]]) -> tuple[int, int, Counter[str]]:
    """How often a link's kind (``same`` / ``partial``) is the gold's, on the sure links found.

    Every (sentence of A, sentence of B) pair of a link that covers a gold sure link counts once per
    sure link: returns the agreements, the total and the counts of (ours, gold) combinations.
    """
    agree = total = 0
    pairs: Counter[str] = Counter()
    for gold in golds:
        result = compare(Document("a.txt", gold["a_text"]), Document("b.txt", gold["b_text"]))
        sa, sb = result.a.sentences, result.b.sentences
        sure = {(u, v): label for u, v, label in gold["sure"]}
        for link in result.links:
            for i, j in itertools.product(link.a, link.b):
                units_a = scorer._map((sa[i].start, sa[i].end), gold["a_units"])
                units_b = scorer._map((sb[j].start, sb[j].end), gold["b_units"])
                for key in itertools.product(units_a, units_b):
                    if key in sure:
                        total += 1
                        agree += link.kind.value == sure[key]
                        pairs[f"ours {link.kind.value} / gold {sure[key]}"] += 1
    return agree, total, pairs


def missed_links(scorer: ModuleType, golds: Sequence[dict[str, Any]], examples: int) -> list[str]:
    """The sure links comparer misses, counted by label and by the score their sentences get."""
    bands = (
        (0.0, "0: no content word shared"),
        (0.1, "above 0 up to 0.1"),
        (align.LINK_THRESHOLD, f"above 0.1 up to {align.LINK_THRESHOLD} (the link threshold)"),
    )
    counts: Counter[tuple[str, str]] = Counter()
    samples: list[str] = []
    for gold in golds:
        result = compare(Document("a.txt", gold["a_text"]), Document("b.txt", gold["b_text"]))
        sa, sb = result.a.sentences, result.b.sentences
        units_a = [scorer._map((s.start, s.end), gold["a_units"]) for s in sa]
        units_b = [scorer._map((s.start, s.end), gold["b_units"]) for s in sb]
        found = {
            (u, v)
            for link in result.links
            for i in link.a
            for j in link.b
            for u in units_a[i]
            for v in units_b[j]
        }
        sentence_a = {u: k for k, units in enumerate(units_a) for u in units}
        sentence_b = {v: k for k, units in enumerate(units_b) for v in units}
        pa, pb = profiles(sa), profiles(sb)
        weights = pair_weights(pa, pb)
        for u, v, label in gold["sure"]:
            if (u, v) in found or u not in sentence_a or v not in sentence_b:
                continue
            x, y = pa[sentence_a[u]], pb[sentence_b[v]]
            score = similarity(x, y, weights).value if x is not None and y is not None else 0.0
            band = next(
                (name for top, name in bands if score <= top),
                "above the link threshold (lost to a better pair)",
            )
            counts[label, band] += 1
            if len(samples) < examples:
                samples.append(
                    f"- {label}, score {score:.2f}: A “{gold['a_units'][u]['text'][:110]}” /"
                    f" B “{gold['b_units'][v]['text'][:110]}”"
                )
    lines = ["| sure link | score of its sentences | missed |", "| --- | --- | --- |"]
    lines += [f"| {label} | {band} | {n} |" for (label, band), n in sorted(counts.items())]
    lines += [f"| all | | {sum(counts.values())} |", "", *samples]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bench", type=Path, default=BENCH, help="the shared benchmark folder")
    parser.add_argument("--pairs", action="store_true", help="also print per-pair news figures")
    parser.add_argument(
        "--misses",
        type=int,
        metavar="N",
        default=None,
        help="also count the sure links comparer misses, by score band, with N examples",
    )
    parser.add_argument(
        "--labels", action="store_true", help="also count how often a found link's kind is the gold's"
    )
    args = parser.parse_args(argv)
    bench: Path = args.bench
    if not (bench / "score_news.py").is_file() or not (bench / "msrp" / "train.tsv").is_file():
        print(f"accuracy benchmark skipped: no benchmark data at {bench} (expected ../shared/bench)")
        return 0
    global ENCODER, LEXICAL
    scorer = load_scorer(bench)
    golds = news_golds(bench)
    test = read_msrp(bench / "msrp" / "test.tsv")
    meaning: tuple[NewsFigures, tuple[float, float]] | None = None
    try:
        ENCODER = CachedEncoder()
    except Exception as exc:  # the model missing or damaged: the lexical figures only
        print(f"meaning-aware figures left out: the model is unavailable ({exc})")
    if ENCODER is not None:
        meaning_news, per_pair = run_news(scorer, golds)
        decisions = [meaning_same(p, ENCODER) for p in test]
        meaning = (meaning_news, accuracy_f1([p.label for p in test], decisions))
        ENCODER.save()
    LEXICAL = True
    news, lexical_per_pair = run_news(scorer, golds)
    if meaning is None:
        per_pair = lexical_per_pair
    news_base = tune_news_baseline(scorer, golds)
    msrp, msrp_base = msrp_figures(read_msrp(bench / "msrp" / "train.tsv"), test)
    if args.pairs:
        print("| pair | link P | link R | link F1 | only-in F1 |")
        print("| --- | --- | --- | --- | --- |")
        for gold, figures in zip(golds, per_pair, strict=True):
            print(
                f"| {gold['id']} | {figures.link_p:.3f} | {figures.link_r:.3f} | "
                f"{figures.link_f1:.3f} | {figures.only_f1:.3f} |"
            )
        print()
    print(table(news, news_base, msrp, msrp_base, len(golds), meaning))
    if args.labels:
        agree, total, pairs = label_agreement(scorer, golds)
        print(f"\nnews-dev sure links found: kind agrees with the gold {agree}/{total} ({agree / total:.3f})")
        print("\n".join(f"- {name}: {n}" for name, n in sorted(pairs.items())))
    if args.misses is not None:
        print()
        print("\n".join(missed_links(scorer, golds, args.misses)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
