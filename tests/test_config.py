"""Configuration: read from the environment and .env, validated with messages that say what to fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import Config, load_config
from bot.errors import ConfigError


def test_with_nothing_set_the_bot_is_offline_with_the_repository_folders() -> None:
    config = load_config({})
    assert not config.use_llm
    assert config.seeds_dir == Config().seeds_dir and config.index_dir == Config().index_dir


def test_a_key_switches_the_llm_on_and_bot_offline_switches_it_off() -> None:
    assert load_config({"OPENAI_API_KEY": "sk-test-123456789"}).use_llm
    assert not load_config({"OPENAI_API_KEY": "sk-test-123456789", "BOT_OFFLINE": "1"}).use_llm


def test_dotenv_in_the_working_directory_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".env").write_text("OPENAI_MODEL=local-model\nBOT_LOG_LEVEL=info\n", encoding="utf-8")
    config = load_config()
    assert config.openai_model == "local-model"
    assert config.log_level == "INFO"


def test_the_environment_wins_over_dotenv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".env").write_text("OPENAI_MODEL=from-file\n", encoding="utf-8")
    monkeypatch.setenv("OPENAI_MODEL", "from-environment")
    assert load_config().openai_model == "from-environment"


def test_relative_folders_are_taken_from_the_working_directory(tmp_path: Path) -> None:
    config = load_config({"BOT_SEEDS_DIR": "articles", "BOT_INDEX_DIR": "cache/index"})
    assert config.seeds_dir == tmp_path / "articles"
    assert config.index_dir == tmp_path / "cache" / "index"


@pytest.mark.parametrize(
    ("env", "names"),
    [
        ({"OPENAI_API_KEY": "two words"}, "OPENAI_API_KEY"),
        ({"OPENAI_BASE_URL": "localhost:8080"}, "OPENAI_BASE_URL"),
        ({"OPENAI_TIMEOUT": "soon"}, "OPENAI_TIMEOUT"),
        ({"OPENAI_TIMEOUT": "0"}, "OPENAI_TIMEOUT"),
        ({"OPENAI_MAX_RETRIES": "50"}, "OPENAI_MAX_RETRIES"),
        ({"OPENAI_MAX_RETRIES": "1.5"}, "OPENAI_MAX_RETRIES"),
        ({"BOT_OFFLINE": "maybe"}, "BOT_OFFLINE"),
        ({"BOT_LOG_LEVEL": "LOUD"}, "BOT_LOG_LEVEL"),
    ],
)
def test_a_malformed_setting_is_named_with_how_to_fix_it(env: dict[str, str], names: str) -> None:
    with pytest.raises(ConfigError) as raised:
        load_config(env)
    message = str(raised.value)
    assert names in message
    assert " - " in message  # "<what is wrong> - <what to do>"
