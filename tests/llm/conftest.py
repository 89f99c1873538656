"""Fixtures for the LLM mode: one fake OpenAI-compatible server per session (reset around every
test, which also unblocks a stalled handler), and configs that point the real client at it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.config import Config
from bot.llm import LLMAnswerer

from .fake_openai import API_KEY, MODEL, FakeOpenAI


@pytest.fixture(scope="session")
def fake_openai_server() -> Iterator[FakeOpenAI]:
    server = FakeOpenAI()
    yield server
    server.close()


@pytest.fixture
def fake_openai(fake_openai_server: FakeOpenAI) -> Iterator[FakeOpenAI]:
    fake_openai_server.reset()
    yield fake_openai_server
    fake_openai_server.reset()


@pytest.fixture
def llm_config(fake_openai: FakeOpenAI) -> Config:
    return Config(
        openai_api_key=API_KEY,
        openai_base_url=fake_openai.url + "/v1",
        openai_model=MODEL,
        openai_timeout=5.0,
        openai_max_retries=2,
    )


@pytest.fixture
def answerer(llm_config: Config) -> LLMAnswerer:
    return LLMAnswerer(llm_config)
