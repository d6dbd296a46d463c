"""Sentence meaning as vectors: the all-MiniLM-L6-v2 encoder shipped with comparer, run by numpy.

The model lives in `data/minilm/` (built by scripts/build_encoder.py from the official weights);
nothing is ever downloaded. numpy is imported only when the encoder is loaded, so the lexical
comparison never pays for it.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from comparer.core.errors import ComparerError

if TYPE_CHECKING:
    import numpy.typing as npt

    from comparer.core.bert import Floats, Weights
    from comparer.core.wordpiece import WordPiece

MODEL_DIR = Path(__file__).parent / "data" / "minilm"
MANIFEST = "manifest.json"
# Sentences are sorted by length and cut into batches of about this many tokens (padding
# included): big enough for fast matrix products, small enough to stay in cache.
BATCH_TOKENS = 2048
QUANTIZED = ":int8"
SCALE = ":scale"


class MeaningUnavailable(ComparerError):
    """The shipped sentence encoder cannot be used: its files are missing or damaged, or numpy is."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as data:
        while block := data.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def length_batches(lengths: Sequence[int]) -> Iterator[list[int]]:
    """Indices of texts by their token counts, shortest first, in batches of about BATCH_TOKENS
    padded tokens; the last index of a batch is its longest text."""
    order = sorted(range(len(lengths)), key=lambda i: (lengths[i], i))
    start = 0
    while start < len(order):
        end = start + 1
        while end < len(order) and (end - start + 1) * lengths[order[end]] <= BATCH_TOKENS:
            end += 1
        yield order[start:end]
        start = end


class Encoder:
    """Turns sentences into unit vectors whose dot product says how alike their meanings are."""

    def __init__(
        self, name: str, digest: str, weights: Weights, tokenizer: WordPiece, max_tokens: int
    ) -> None:
        self.name = name
        """What the JSON record names, e.g. "all-MiniLM-L6-v2 int8"."""
        self.digest = digest
        """sha256 of the shipped model file."""
        self.dimension = int(weights.words.shape[1])
        self.max_tokens = max_tokens
        self._weights = weights
        self._tokenizer = tokenizer

    def encode(self, texts: Sequence[str]) -> Floats:
        """One L2-normalised float32 row per text, in order; the same texts give the same rows."""
        import numpy as np

        from comparer.core.bert import forward

        rows = np.zeros((len(texts), self.dimension), dtype=np.float32)
        encoded = [self._tokenizer.encode(text, self.max_tokens) for text in texts]
        for batch in length_batches([len(ids) for ids in encoded]):
            width = len(encoded[batch[-1]])
            ids = np.zeros((len(batch), width), dtype=np.int64)
            lengths = np.empty(len(batch), dtype=np.int64)
            for row, i in enumerate(batch):
                ids[row, : len(encoded[i])] = encoded[i]
                lengths[row] = len(encoded[i])
            rows[batch] = forward(self._weights, ids, lengths)
        return rows


def read_compact(path: Path) -> dict[str, npt.NDArray[Any]]:
    """The float32 tensors of a compact model file (int8 rows with a float32 scale each), but the
    word embeddings, left int8 beside their scales: a batch scales only the rows it uses."""
    import numpy as np

    from comparer.core.bert import WORD_SCALES, WORDS

    tensors: dict[str, npt.NDArray[Any]] = {}
    with np.load(path, allow_pickle=False) as stored:
        for key in stored.files:
            if key.endswith(SCALE):
                continue
            if key == WORDS + QUANTIZED:
                tensors[WORDS] = stored[key]
                tensors[WORD_SCALES] = stored[WORDS + SCALE]
            elif key.endswith(QUANTIZED):
                name = key[: -len(QUANTIZED)]
                scale = stored[name + SCALE]
                tensors[name] = stored[key].astype(np.float32) * scale[:, None]
            else:
                tensors[key] = stored[key].astype(np.float32)
    return tensors


@lru_cache(maxsize=1)
def load_encoder() -> Encoder:
    """The shipped encoder, checked against its manifest; raises MeaningUnavailable."""
    return _load(MODEL_DIR)


def _load(directory: Path) -> Encoder:
    try:
        from comparer.core.bert import weights_from_tensors
        from comparer.core.wordpiece import WordPiece
    except ImportError as error:
        raise MeaningUnavailable(f"the meaning model needs numpy, which is not installed ({error})") from None
    try:
        manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
        files: dict[str, str] = manifest["files"]
        for file_name, expected in files.items():
            if _sha256(directory / file_name) != expected:
                raise MeaningUnavailable(
                    f"the meaning model file {directory / file_name} is damaged (its sha256 differs "
                    "from the manifest); reinstall comparer, or use --lexical"
                )
        model_path = directory / manifest["model"]
        tensors = read_compact(model_path)
        weights = weights_from_tensors(tensors, heads=int(manifest["heads"]))
        tokenizer = WordPiece.from_file(directory / manifest["vocabulary"])
        return Encoder(
            name=str(manifest["name"]),
            digest=files[manifest["model"]],
            weights=weights,
            tokenizer=tokenizer,
            max_tokens=int(manifest["max_tokens"]),
        )
    except MeaningUnavailable:
        raise
    except (OSError, ValueError, KeyError, TypeError, zipfile.BadZipFile) as error:
        raise MeaningUnavailable(
            f"the meaning model in {directory} cannot be read ({error}); reinstall comparer, or use --lexical"
        ) from None
