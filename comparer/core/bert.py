"""The BERT encoder's forward pass in numpy, with mean pooling: what sentence-transformers runs.

`Weights` holds float32 arrays laid out for `x @ w` (inputs by outputs). The same code is the
full-precision reference in scripts/build_encoder.py and the shipped encoder's runtime.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

Floats = npt.NDArray[np.float32]
Ids = npt.NDArray[np.int64]

LAYER_NORM_EPS = 1e-12


@dataclass(frozen=True)
class Layer:
    """One transformer block; the query part of `qkv` is already scaled by 1/sqrt(head size)."""

    qkv: Floats  # (hidden, 3 * hidden)
    qkv_bias: Floats
    out: Floats  # (hidden, hidden)
    out_bias: Floats
    attention_norm: Floats  # (2, hidden): gain and bias
    up: Floats  # (hidden, intermediate)
    up_bias: Floats
    down: Floats  # (intermediate, hidden)
    down_bias: Floats
    output_norm: Floats


@dataclass(frozen=True)
class Weights:
    """A BERT encoder; `positions` already includes the token-type-0 embedding."""

    words: npt.NDArray[np.float32] | npt.NDArray[np.int8]  # (vocabulary, hidden)
    word_scales: Floats | None  # one per row when `words` is int8: only the rows used are scaled
    positions: Floats  # (max tokens, hidden)
    embedding_norm: Floats
    layers: tuple[Layer, ...]
    heads: int


def _layer_norm(x: Floats, norm: Floats) -> Floats:
    mean = x.mean(axis=-1, keepdims=True)
    centred: Floats = x - mean
    variance = np.mean(np.square(centred), axis=-1, keepdims=True)
    centred *= 1.0 / np.sqrt(variance + LAYER_NORM_EPS)
    centred *= norm[0]
    centred += norm[1]
    return centred


_GELU_C = np.float32(math.sqrt(2 / math.pi))
_GELU_K = np.float32(0.044715)


def _gelu(x: Floats) -> Floats:
    """GELU in its tanh form, in place on `x`: ten times faster than an erf in numpy, and the
    embeddings move by less than the int8 weights move them (scripts/build_encoder.py measures it)."""
    inner = np.square(x)
    inner *= _GELU_K
    inner += 1.0
    inner *= x
    inner *= _GELU_C
    np.tanh(inner, out=inner)
    inner += 1.0
    inner *= 0.5
    x *= inner
    return x


def forward(weights: Weights, ids: Ids, lengths: Ids) -> Floats:
    """Mean-pooled, L2-normalised embeddings of a padded batch of token ids (batch, tokens).

    The dense layers, nearly all the work, run on the real tokens only (packed as the rows of one
    matrix: numpy runs 2-D products far faster, and padding would be computed for nothing); only
    attention, which mixes the tokens of one text, sees the batch padded.
    """
    batch, tokens = ids.shape
    hidden = weights.words.shape[1]
    heads = weights.heads
    size = hidden // heads
    present = np.arange(tokens)[None, :] < lengths[:, None]  # (batch, tokens)
    real = np.flatnonzero(present.reshape(-1))  # the packed rows' places in the padded batch
    flat_ids = ids.reshape(-1)[real]
    x = weights.words[flat_ids].astype(np.float32)
    if weights.word_scales is not None:
        x *= weights.word_scales[flat_ids][:, None]
    x += weights.positions[real % tokens]
    x = _layer_norm(x, weights.embedding_norm)
    mask = np.where(present, np.float32(0.0), np.float32(-1e9))[:, None, None, :]
    padded = np.zeros((batch * tokens, 3 * hidden), dtype=np.float32)
    for layer in weights.layers:
        qkv = x @ layer.qkv
        qkv += layer.qkv_bias
        padded[real] = qkv
        split = padded.reshape(batch, tokens, 3, heads, size).transpose(2, 0, 3, 1, 4)
        query, key, value = split[0], split[1], split[2]  # (batch, heads, tokens, size)
        scores = query @ key.transpose(0, 1, 3, 2)
        scores += mask
        scores -= scores.max(axis=-1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=-1, keepdims=True)
        context = (scores @ value).transpose(0, 2, 1, 3).reshape(batch * tokens, hidden)[real]
        attended = context @ layer.out
        attended += layer.out_bias
        attended += x
        x = _layer_norm(attended, layer.attention_norm)
        inner = x @ layer.up
        inner += layer.up_bias
        outer = _gelu(inner) @ layer.down
        outer += layer.down_bias
        outer += x
        x = _layer_norm(outer, layer.output_norm)
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    pooled: Floats = np.add.reduceat(x, starts, axis=0)
    pooled /= lengths[:, None].astype(np.float32)
    pooled /= np.linalg.norm(pooled, axis=1, keepdims=True)
    return pooled


WORDS = "embeddings.word_embeddings.weight"
WORD_SCALES = WORDS + ":scale"


def weights_from_tensors(tensors: dict[str, npt.NDArray[Any]], heads: int) -> Weights:
    """`Weights` from float32 tensors named as in the Hugging Face BertModel checkpoint; the word
    embeddings may be int8 with their row scales under `WORD_SCALES`."""

    def linear(name: str) -> tuple[Floats, Floats]:
        # torch's Linear keeps (outputs, inputs); the forward pass wants (inputs, outputs), and
        # BLAS reads the transposed view as it is, without a copy
        return tensors[f"{name}.weight"].T, tensors[f"{name}.bias"]

    def norm(name: str) -> Floats:
        return np.stack([tensors[f"{name}.weight"], tensors[f"{name}.bias"]])

    layers: list[Layer] = []
    count = 1 + max(int(key.split(".")[2]) for key in tensors if key.startswith("encoder.layer."))
    for i in range(count):
        prefix = f"encoder.layer.{i}"
        parts = [linear(f"{prefix}.attention.self.{part}") for part in ("query", "key", "value")]
        size = parts[0][0].shape[0] // heads
        scale = np.float32(1 / math.sqrt(size))
        qkv = np.concatenate([parts[0][0] * scale, parts[1][0], parts[2][0]], axis=1)
        qkv_bias = np.concatenate([parts[0][1] * scale, parts[1][1], parts[2][1]])
        out, out_bias = linear(f"{prefix}.attention.output.dense")
        up, up_bias = linear(f"{prefix}.intermediate.dense")
        down, down_bias = linear(f"{prefix}.output.dense")
        layers.append(
            Layer(
                qkv=qkv,
                qkv_bias=qkv_bias,
                out=out,
                out_bias=out_bias,
                attention_norm=norm(f"{prefix}.attention.output.LayerNorm"),
                up=up,
                up_bias=up_bias,
                down=down,
                down_bias=down_bias,
                output_norm=norm(f"{prefix}.output.LayerNorm"),
            )
        )
    positions = tensors["embeddings.position_embeddings.weight"]
    return Weights(
        words=tensors[WORDS],
        word_scales=tensors.get(WORD_SCALES),
        positions=positions + tensors["embeddings.token_type_embeddings.weight"][0],
        embedding_norm=norm("embeddings.LayerNorm"),
        layers=tuple(layers),
        heads=heads,
    )
