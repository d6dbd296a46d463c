"""The shipped sentence encoder: vectors, meaning on the samples, integrity checks, lazy imports."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from comparer.core import meaning
from comparer.core.document import load
from comparer.core.errors import ComparerError
from comparer.core.meaning import MeaningUnavailable, load_encoder
from comparer.core.segment import segment
from tests.conftest import ROOT, SAMPLE_A, SAMPLE_B

REFERENCE = ROOT / "tests" / "data" / "minilm_reference.npz"


def sentence_with(path: Path, fragment: str) -> str:
    found = [s.text for s in segment(load(str(path))) if fragment in s.text]
    assert len(found) == 1, found
    return found[0]


@pytest.fixture
def model_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the shipped model folder that load_encoder() reads instead."""
    copy = tmp_path / "minilm"
    shutil.copytree(meaning.MODEL_DIR, copy)
    monkeypatch.setattr(meaning, "MODEL_DIR", copy)
    load_encoder.cache_clear()
    yield copy
    load_encoder.cache_clear()


def test_rows_are_unit_vectors_in_input_order() -> None:
    encoder = load_encoder()
    texts = [s.text for s in segment(load(str(SAMPLE_A)))]
    vectors = encoder.encode(texts)
    assert vectors.shape == (len(texts), encoder.dimension) == (len(texts), 384)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    # rows follow the input, however the encoder batches them by length
    backwards = encoder.encode(texts[::-1])[::-1]
    assert np.allclose(vectors, backwards, atol=1e-5)
    assert np.array_equal(vectors, encoder.encode(texts))
    assert encoder.encode([]).shape == (0, 384)


def test_paraphrases_are_closer_than_unrelated_sentences() -> None:
    encoder = load_encoder()
    present = sentence_with(SAMPLE_A, "did not present any evidence")
    provide = sentence_with(SAMPLE_B, "did not provide any evidence")
    casualties = sentence_with(SAMPLE_A, "no casualties")
    victims = sentence_with(SAMPLE_B, "no victims")
    sheremet = sentence_with(SAMPLE_A, "Sheremet")
    podolyak = sentence_with(SAMPLE_B, "Podolyak")
    v = dict(
        zip(
            ["present", "provide", "casualties", "victims", "sheremet", "podolyak"],
            encoder.encode([present, provide, casualties, victims, sheremet, podolyak]),
            strict=True,
        )
    )
    assert v["present"] @ v["provide"] > 0.7
    assert v["casualties"] @ v["victims"] > v["casualties"] @ v["podolyak"] + 0.2
    for unrelated in ("sheremet", "podolyak"):
        assert v["present"] @ v["provide"] > v["present"] @ v[unrelated] + 0.3


def test_the_compact_encoder_agrees_with_the_float32_model() -> None:
    # embeddings of the full-precision model, written by scripts/build_encoder.py
    with np.load(REFERENCE) as reference:
        sentences = [str(s) for s in reference["sentences"]]
        expected = reference["embeddings"]
    assert len(sentences) >= 30
    cosines = np.sum(load_encoder().encode(sentences) * expected, axis=1)
    assert cosines.min() >= 0.99


def test_identity_for_the_json_record() -> None:
    encoder = load_encoder()
    assert encoder.name == "all-MiniLM-L6-v2 int8"
    assert encoder.digest == meaning._sha256(meaning.MODEL_DIR / "model.npz")
    assert load_encoder() is encoder


def test_a_damaged_model_file_is_meaning_unavailable(model_copy: Path) -> None:
    model = model_copy / "model.npz"
    data = bytearray(model.read_bytes())
    data[len(data) // 2] ^= 0x01
    model.write_bytes(bytes(data))
    with pytest.raises(MeaningUnavailable, match="damaged"):
        load_encoder()


def test_a_missing_model_file_is_meaning_unavailable(model_copy: Path) -> None:
    (model_copy / "model.npz").unlink()
    with pytest.raises(MeaningUnavailable, match="cannot be read") as raised:
        load_encoder()
    assert isinstance(raised.value, ComparerError)


def test_a_missing_manifest_is_meaning_unavailable(model_copy: Path) -> None:
    (model_copy / meaning.MANIFEST).unlink()
    with pytest.raises(MeaningUnavailable):
        load_encoder()


def test_a_missing_runtime_is_meaning_unavailable(model_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "numpy", None)
    monkeypatch.setitem(sys.modules, "comparer.core.bert", None)
    with pytest.raises(MeaningUnavailable, match="numpy"):
        load_encoder()


def test_the_copy_loads_when_intact(model_copy: Path) -> None:
    assert load_encoder().encode(["The Kremlin said Putin was safe."]).shape == (1, 384)


def run_python(code: str, tmp_path: Path) -> str:
    empty = tmp_path / "nltk_data"
    empty.mkdir(exist_ok=True)
    env = {**os.environ, "NLTK_DATA": str(empty)}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def test_encodes_without_network_or_nltk_data(tmp_path: Path) -> None:
    code = (
        "import socket\n"
        "def refuse(*a, **k): raise OSError('network used')\n"
        "socket.socket = refuse; socket.create_connection = refuse\n"
        "from comparer.core.meaning import load_encoder\n"
        "v = load_encoder().encode(['Kyiv denied any involvement.', 'Ukraine said it was not involved.'])\n"
        "print(round(float(v[0] @ v[1]), 2))\n"
    )
    assert float(run_python(code, tmp_path)) > 0.5


def test_importing_the_module_loads_nothing_heavy(tmp_path: Path) -> None:
    # numpy and the model are paid for when the encoder is loaded, not by `import`
    code = (
        "import sys\n"
        "import comparer.core.meaning\n"
        "heavy = ('numpy', 'comparer.core.bert', 'comparer.core.wordpiece')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    assert run_python(code, tmp_path).strip() == "[]"


def test_the_speed_benchmark_runs(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "encoder_speed.py"), "--quick"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "| encode 20 sentences |" in done.stdout
    assert "sentences a second" in done.stdout
