"""The review screen on a 5 MB one-line document, in a real terminal (tmux).

Two documents against the seed B article: the seed A article repeated on one line to 5 MB (about
23,000 sentences, one paragraph), and one 5 MB sentence with no full stop. Times, from outside
the process, from start to the first screen and to the aligned screen, then, after a first g,
for each key (j, j, k, G, k, g) from sending it to the row information changing (tmux polled
every 10 ms, so each figure is up to ~20 ms high). Run from the repository root; ``--command``
times another build:

    python benchmarks/long_line.py [--command PATH]
"""

from __future__ import annotations

import argparse
import re
import shlex
import sys
import tempfile
import time
from pathlib import Path

from tui_speed import Session, aligned_screen, first_screen

ROOT = Path(__file__).resolve().parent.parent
SEED_A = ROOT / "samples" / "kremlin-drone" / "a-kremlin-accuses-ukraine.txt"
SEED_B = ROOT / "samples" / "kremlin-drone" / "b-kyiv-denies-involvement.txt"
SIZE = 5_000_000
KEYS = ("j", "j", "k", "G", "k", "g")


def documents(folder: Path) -> dict[str, Path]:
    seed = SEED_A.read_text(encoding="utf-8").replace("\n", " ")
    copies, size = [], 0
    while size < SIZE:
        copy = seed.replace("Kremlin", f"Kremlin-{len(copies)}")
        copies.append(copy)
        size += len(copy) + 1
    words = "lorem ipsum dolor sit amet consectetur "
    texts = {"one line, many sentences": " ".join(copies), "one 5 MB sentence": words * (SIZE // len(words))}
    paths = {}
    for n, (name, text) in enumerate(texts.items()):
        paths[name] = folder / f"long-{n}.txt"
        paths[name].write_text(text, encoding="utf-8")
    return paths


def _row(screen: str) -> str:
    found = re.search(r"Row [\d,]+ of", screen)
    return found.group() if found else ""


def measure(command: Path, a: Path) -> list[str]:
    session = Session(f"{shlex.quote(str(command))} {shlex.quote(str(a))} {shlex.quote(str(SEED_B))}")
    try:
        cells = [f"{session.until(first_screen):.1f} s", f"{session.until(aligned_screen):.1f} s"]
        session.keys("g")
        session.until(lambda screen: "Row 1 of" in screen)
        for key in KEYS:
            before = _row(session.screen())
            sent = time.monotonic()
            session.keys(key)
            deadline = sent + 60
            while _row(session.screen()) in (before, "") and time.monotonic() < deadline:
                time.sleep(0.01)
            cells.append(f"{(time.monotonic() - sent) * 1000:.0f}")
            time.sleep(0.3)  # let the frame finish before the next key's "before" is read
        return cells
    finally:
        session.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--command", type=Path, default=Path(sys.executable).with_name("comparer"))
    args = parser.parse_args()
    print(f"| document | first screen | aligned | {' | '.join(f'{k} (ms)' for k in KEYS)} |")
    print("|" + " --- |" * (3 + len(KEYS)))
    with tempfile.TemporaryDirectory() as folder:
        for name, path in documents(Path(folder)).items():
            print(f"| {name} | {' | '.join(measure(args.command, path))} |", flush=True)


if __name__ == "__main__":
    main()
