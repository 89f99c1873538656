"""Shared fixtures: a clean environment for every test, and one real index per test session."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = PROJECT_ROOT / "seeds"

_OWN_PREFIXES = ("OPENAI_", "SLACK_", "BOT_")


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Each test starts with none of the bot's settings, offline, and outside the repository,
    so a developer's own .env or keys can never leak into a test."""
    for name in list(os.environ):
        if name.startswith(_OWN_PREFIXES):
            monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")
    monkeypatch.delenv("TIKTOKEN_CACHE_DIR", raising=False)
    monkeypatch.delenv("NLTK_DATA", raising=False)
    monkeypatch.chdir(tmp_path)
    yield


# --- One real index per test session (slow: loads the embedding model once) -------------------


@pytest.fixture(scope="session")
def built_index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index over the committed seeds/, built once per session into a temporary folder.
    Point ``BOT_INDEX_DIR`` (subprocesses) or ``Config(index_dir=...)`` at it."""
    from bot.config import Config
    from bot.index import load_or_build

    index_dir = tmp_path_factory.mktemp("index")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HF_HUB_OFFLINE", "1")
        load_or_build(Config(index_dir=index_dir, force_offline=True))
    return index_dir


@pytest.fixture(scope="session")
def engine(built_index_dir: Path):  # -> bot.engine.Engine (imported lazily: fast tests stay fast)
    """The offline engine over the session index (shared: treat it as read-only)."""
    from bot.config import Config
    from bot.engine import Engine

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HF_HUB_OFFLINE", "1")
        return Engine.load(Config(index_dir=built_index_dir, force_offline=True))
