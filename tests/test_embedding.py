"""The numpy query encoder must embed exactly like the library encoder the index was built with."""

from __future__ import annotations

import numpy as np
import pytest

from bot.embedding import NumpyMiniLM, model_path, reference_embed_model

TEXTS = [
    "What did Huang say about immigration?",
    "Sales in mainland China (including Hong Kong) dropped by 63% to $3 billion.",
    "“Anyone who underestimates Huawei or China’s manufacturing ability is deeply naïve.”",
    "x",
    "word " * 400,  # longer than the model's 256-token window: both must truncate alike
]


@pytest.fixture(scope="module")
def numpy_encoder() -> NumpyMiniLM:
    return NumpyMiniLM(model_path())


@pytest.fixture(scope="module")
def library_encoder():  # -> HuggingFaceEmbedding (sentence-transformers on torch)
    return reference_embed_model()


@pytest.mark.slow
@pytest.mark.parametrize("text", TEXTS)
def test_numpy_encoder_matches_sentence_transformers(numpy_encoder: NumpyMiniLM, library_encoder, text: str) -> None:
    reference = np.asarray(library_encoder.get_query_embedding(text))
    ours = numpy_encoder.encode(text)
    assert ours.shape == reference.shape == (384,)
    assert np.abs(ours - reference).max() < 1e-4


def test_numpy_encoder_returns_unit_vectors(numpy_encoder: NumpyMiniLM) -> None:
    assert np.linalg.norm(numpy_encoder.encode("export controls")) == pytest.approx(1.0, abs=1e-5)


def test_cached_vectors_cannot_be_changed_by_a_caller(numpy_encoder: NumpyMiniLM) -> None:
    vector = numpy_encoder.encode("Huawei")
    with pytest.raises(ValueError):
        vector[0] = 1.0
    assert numpy_encoder.encode("Huawei") is vector


def test_the_cache_serves_many_threads_while_it_is_being_emptied(numpy_encoder: NumpyMiniLM) -> None:
    from concurrent.futures import ThreadPoolExecutor

    words = [f"word{i}" for i in range(300)]

    def embed(start: int) -> int:
        return sum(v.shape == (384,) for v in numpy_encoder.encode_many(words[start : start + 60]))

    # More distinct texts than the cache keeps, from 8 threads: it is cleared while others read it.
    numpy_encoder._cache.update({f"filler{i}": numpy_encoder.encode("x") for i in range(4096)})
    with ThreadPoolExecutor(8) as pool:
        assert sum(pool.map(embed, [0, 30, 60, 90, 120, 150, 180, 240] * 2)) == 60 * 16
