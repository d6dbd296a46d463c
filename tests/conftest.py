"""Shared fixtures: the bundled sample pair and where the shared benchmark data lives."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from comparer.core.compare import compare
from comparer.core.document import load
from comparer.core.model import Comparison, Document

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "kremlin-drone"
SAMPLE_A = SAMPLES / "a-kremlin-accuses-ukraine.txt"
SAMPLE_B = SAMPLES / "b-kyiv-denies-involvement.txt"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session", autouse=True)
def own_preferences(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A preferences folder of the test session's own: the comparer commands the tests run (the
    served screen exports, the tmux tests open the screen) must never write the preferences
    of whoever runs the tests. Set in the environment, so that child processes inherit it."""
    folder = tmp_path_factory.mktemp("config")
    saved = os.environ.get("XDG_CONFIG_HOME")
    os.environ["XDG_CONFIG_HOME"] = str(folder)
    yield folder
    if saved is None:
        del os.environ["XDG_CONFIG_HOME"]
    else:
        os.environ["XDG_CONFIG_HOME"] = saved


@pytest.fixture(scope="session")
def doc_a() -> Document:
    return load(str(SAMPLE_A))


@pytest.fixture(scope="session")
def doc_b() -> Document:
    return load(str(SAMPLE_B))


@pytest.fixture(scope="session")
def seeds(doc_a: Document, doc_b: Document) -> Comparison:
    return compare(doc_a, doc_b)


EDITS = (
    ("but did not cause any damage", "but did cause damage"),
    ("at around 2.30am local time", "at around 3.30am local time"),
)
"""Two changes of fact an editor could make to sample A: a negation taken out, a time changed."""


def edited_a() -> str:
    """Sample A with ``EDITS`` made: compared with A, two linked sentences that disagree."""
    text = SAMPLE_A.read_text(encoding="utf-8")
    for old, new in EDITS:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


@pytest.fixture(scope="session")
def edited() -> Comparison:
    """Sample A against ``edited_a()``."""
    return compare(load(str(SAMPLE_A)), Document("edited.txt", edited_a()))


def index_of(comparison: Comparison, side: str, fragment: str) -> int:
    """The index of the one sentence of side "a" or "b" that contains ``fragment``."""
    article = comparison.a if side == "a" else comparison.b
    found = [s.index for s in article.sentences if fragment in s.text]
    assert len(found) == 1, f"{fragment!r} is in sentences {found} of {side}"
    return found[0]
