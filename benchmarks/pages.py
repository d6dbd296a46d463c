"""How well saved web pages reduce to their articles: the sample pages against the clean texts.

For each page of tests/data/pages: how many of the clean text's sentences the extracted text
holds, how many story sentences the page adds beyond them (its headline should be the only one),
and whether the pair compares as the texts do once the headlines are set aside. Run from the
repository root:

    python benchmarks/pages.py
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

from comparer.core.compare import compare
from comparer.core.document import load
from comparer.core.model import Comparison, Document, SentenceKind
from comparer.core.segment import segment

ROOT = Path(__file__).resolve().parents[1]
PAIRS = [
    (ROOT / "tests/data/pages/kremlin-a.html", ROOT / "samples/kremlin-drone/a-kremlin-accuses-ukraine.txt"),
    (ROOT / "tests/data/pages/kremlin-b.html", ROOT / "samples/kremlin-drone/b-kyiv-denies-involvement.txt"),
]


def _words(text: str) -> str:
    return " ".join(text.split())


def _links(c: Comparison) -> set[tuple[tuple[str, ...], tuple[str, ...], str]]:
    return {
        (
            tuple(_words(c.a.sentences[i].text) for i in link.a),
            tuple(_words(c.b.sentences[j].text) for j in link.b),
            link.kind.value,
        )
        for link in c.links
    }


def main() -> None:
    print("(the first page's extraction time includes importing trafilatura)")
    print("| page | page size | extraction | clean sentences found | story sentences the page adds |")
    print("| --- | --- | --- | --- | --- |")
    pages: list[Document] = []
    for page, clean in PAIRS:
        started = time.perf_counter()
        document = load(str(page))
        took = time.perf_counter() - started
        pages.append(document)
        got = _words(document.text)
        wanted = [_words(s.text) for s in segment(load(str(clean)))]
        found = sum(1 for s in wanted if s in got)
        added = [
            s.text
            for s in segment(document)
            if s.kind is not SentenceKind.BOILERPLATE and _words(s.text) not in wanted
        ]
        print(
            f"| {page.name} | {page.stat().st_size:,} bytes | {took * 1000:.0f} ms "
            f"| {found}/{len(wanted)} ({found / len(wanted):.0%}) | {len(added)}: {'; '.join(added)} |"
        )
    as_text = compare(load(str(PAIRS[0][1])), load(str(PAIRS[1][1])))
    bodies = [replace(d, text=d.text.split("\n\n", 1)[1]) for d in pages]
    without = compare(bodies[0], bodies[1])
    with_headlines = compare(pages[0], pages[1])
    print()
    print(f"links of the texts: {len(as_text.links)}")
    same = _links(without) == _links(as_text)
    print(f"links of the pages without their headlines: {len(without.links)}, the same: {same}")
    kept = len(_links(with_headlines) & _links(as_text))
    print(f"links of the pages with headlines: {len(with_headlines.links)}, {kept} of the texts' among them")


if __name__ == "__main__":
    main()
