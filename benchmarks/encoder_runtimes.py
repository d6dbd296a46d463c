"""Which form and runtime the shipped encoder uses: numpy (int8-stored weights) against onnxruntime.

    pip install onnx onnxruntime      # only for this comparison; comparer needs neither
    python benchmarks/encoder_runtimes.py --source DIR    # DIR holds the official model.safetensors

Builds the same BERT graph with onnx's helper API (no torch; exact erf GELU, onnxruntime's own
LayerNorm and Softmax, so it also checks bert.py's forward pass independently), quantizes it with
onnxruntime's dynamic int8 quantization, and prints, for 200 news sentences (see encoder_speed.py):
time to load, median time to encode, and cosine against bert.py's float32 forward pass.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from build_encoder import HEADS, MAX_TOKENS, SOURCE_FILE, read_safetensors  # noqa: E402
from encoder_speed import PAIR_SENTENCES, news_sentences  # noqa: E402

from comparer.core import meaning  # noqa: E402
from comparer.core.bert import weights_from_tensors  # noqa: E402


def onnx_graph(tensors: dict[str, np.ndarray], path: Path) -> None:
    """all-MiniLM-L6-v2 with mean pooling and L2 normalisation as one float32 ONNX graph."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    hidden = tensors["embeddings.word_embeddings.weight"].shape[1]
    size = hidden // HEADS
    initializers: list[onnx.TensorProto] = []
    nodes: list[onnx.NodeProto] = []
    named: set[str] = set()

    def const(name: str, value: object) -> str:
        if name not in named:
            named.add(name)
            initializers.append(numpy_helper.from_array(np.asarray(value).copy(order="C"), name))
        return name

    def op(kind: str, inputs: list[str], output: str | None = None, **attributes: object) -> str:
        output = output or f"{kind}_{len(nodes)}"
        nodes.append(helper.make_node(kind, inputs, [output], name=output, **attributes))
        return output

    def linear(x: str, name: str, scale: float = 1.0) -> str:
        weight = (tensors[f"{name}.weight"].T * scale).astype(np.float32)
        product = op("MatMul", [x, const(f"{name}.w", weight)], f"{name}.matmul")
        return op("Add", [product, const(f"{name}.b", (tensors[f"{name}.bias"] * scale).astype(np.float32))])

    def norm(x: str, name: str) -> str:
        gain, bias = (
            const(f"{name}.g", tensors[f"{name}.weight"]),
            const(f"{name}.beta", tensors[f"{name}.bias"]),
        )
        return op("LayerNormalization", [x, gain, bias], epsilon=1e-12, axis=-1)

    ids, mask = "input_ids", "attention_mask"
    length = op("Gather", [op("Shape", [ids]), const("one", 1)], axis=0)
    positions = (
        tensors["embeddings.position_embeddings.weight"]
        + tensors["embeddings.token_type_embeddings.weight"][0]
    )
    position = op(
        "Gather", [const("positions", positions), op("Range", [const("zero", 0), length, const("one", 1)])]
    )
    words = op("Gather", [const("words", tensors["embeddings.word_embeddings.weight"]), ids])
    x = norm(op("Add", [words, position]), "embeddings.LayerNorm")
    present = op("Cast", [mask], to=TensorProto.FLOAT)
    absent = op("Sub", [op("Unsqueeze", [present, const("axes12", [1, 2])]), const("onef", np.float32(1))])
    additive = op("Mul", [absent, const("big", np.float32(1e9))])
    batch_tokens = op("Slice", [op("Shape", [ids]), const("s0", [0]), const("s2", [2])])
    by_head = op("Concat", [batch_tokens, const("heads", [HEADS, size])], axis=0)
    flat = op("Concat", [batch_tokens, const("hidden", [hidden])], axis=0)
    for i in range(1 + max(int(k.split(".")[2]) for k in tensors if k.startswith("encoder.layer."))):
        p = f"encoder.layer.{i}"

        def heads(t: str, perm: list[int]) -> str:
            return op("Transpose", [op("Reshape", [t, by_head])], perm=perm)

        q = heads(linear(x, f"{p}.attention.self.query", 1 / math.sqrt(size)), [0, 2, 1, 3])
        k = heads(linear(x, f"{p}.attention.self.key"), [0, 2, 3, 1])
        v = heads(linear(x, f"{p}.attention.self.value"), [0, 2, 1, 3])
        probs = op("Softmax", [op("Add", [op("MatMul", [q, k]), additive])], axis=-1)
        context = op("Reshape", [op("Transpose", [op("MatMul", [probs, v])], perm=[0, 2, 1, 3]), flat])
        x = norm(
            op("Add", [linear(context, f"{p}.attention.output.dense"), x]), f"{p}.attention.output.LayerNorm"
        )
        h = linear(x, f"{p}.intermediate.dense")
        erf = op("Erf", [op("Div", [h, const("sqrt2", np.float32(math.sqrt(2)))])])
        gelu = op(
            "Mul",
            [op("Mul", [h, op("Add", [erf, const("onef", np.float32(1))])]), const("half", np.float32(0.5))],
        )
        x = norm(op("Add", [linear(gelu, f"{p}.output.dense"), x]), f"{p}.output.LayerNorm")
    summed = op(
        "ReduceSum",
        [op("Mul", [x, op("Unsqueeze", [present, const("axis2", [2])])]), const("axis1", [1])],
        keepdims=0,
    )
    mean = op("Div", [summed, op("ReduceSum", [present, const("axis1", [1])], keepdims=1)])
    op("LpNormalization", [mean], "embeddings", axis=-1, p=2)
    graph = helper.make_graph(
        nodes,
        "all-MiniLM-L6-v2",
        [helper.make_tensor_value_info(n, TensorProto.INT64, ["batch", "tokens"]) for n in (ids, mask)],
        [helper.make_tensor_value_info("embeddings", TensorProto.FLOAT, ["batch", hidden])],
        initializers,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, str(path))


def onnx_encoder(path: Path, tokenizer: object) -> Callable[[list[str]], np.ndarray]:
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.log_severity_level = 3
    session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

    def encode(texts: list[str]) -> np.ndarray:
        encoded = [tokenizer.encode(t, MAX_TOKENS) for t in texts]  # type: ignore[attr-defined]
        rows = np.zeros((len(texts), 384), dtype=np.float32)
        for batch in meaning.length_batches([len(ids) for ids in encoded]):
            width = len(encoded[batch[-1]])
            ids = np.zeros((len(batch), width), dtype=np.int64)
            for row, i in enumerate(batch):
                ids[row, : len(encoded[i])] = encoded[i]
            feed = {"input_ids": ids, "attention_mask": (ids != 0).astype(np.int64)}
            rows[batch] = session.run(None, feed)[0]
        return rows

    return encode


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--source", type=Path, required=True, help="folder with the official model.safetensors"
    )
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from onnxruntime.quantization import QuantType, quantize_dynamic

    sentences, origin = news_sentences(PAIR_SENTENCES)
    tensors = read_safetensors(args.source / SOURCE_FILE)
    shipped = meaning.load_encoder()
    reference = meaning.Encoder(
        "float32", "", weights_from_tensors(tensors, HEADS), shipped._tokenizer, MAX_TOKENS
    )
    expected = reference.encode(sentences)
    print(f"{len(sentences)} sentences from {origin}; median of {args.runs} runs; cosine vs bert.py float32")
    print("| form and runtime | file MB | load ms | encode ms | cosine min | cosine median |")
    print("| --- | --- | --- | --- | --- | --- |")

    def row(name: str, size: float, load: Callable[[], Callable[[list[str]], np.ndarray]]) -> None:
        start = time.perf_counter()
        encode = load()
        loaded = time.perf_counter() - start
        encode(sentences[:8])
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            found = encode(sentences)
            times.append(time.perf_counter() - start)
        cosines = np.sum(found * expected, axis=1)
        print(
            f"| {name} | {size:.1f} | {loaded * 1000:.0f} | {statistics.median(times) * 1000:.0f} "
            f"| {cosines.min():.5f} | {np.median(cosines):.5f} |"
        )

    row(
        "numpy float32 (bert.py, reference)",
        (args.source / SOURCE_FILE).stat().st_size / 1e6,
        lambda: reference.encode,
    )
    model_file = meaning.MODEL_DIR / "model.npz"
    row(
        "numpy, int8-stored weights (shipped)",
        model_file.stat().st_size / 1e6,
        lambda: meaning._load(meaning.MODEL_DIR).encode,
    )
    with tempfile.TemporaryDirectory() as temp:
        full, quantized = Path(temp) / "float32.onnx", Path(temp) / "int8.onnx"
        onnx_graph(tensors, full)
        quantize_dynamic(str(full), str(quantized), weight_type=QuantType.QInt8, per_channel=True)
        row("onnxruntime float32", full.stat().st_size / 1e6, lambda: onnx_encoder(full, shipped._tokenizer))
        row(
            "onnxruntime dynamic int8",
            quantized.stat().st_size / 1e6,
            lambda: onnx_encoder(quantized, shipped._tokenizer),
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
