"""Configuration in one place: read from the environment and ``.env``, validated at start-up.

Every other module receives a ``Config``; nothing else reads ``os.environ`` for settings.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from bot.errors import ConfigError

PROJECT_ROOT = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _flag(env: dict[str, str], name: str, default: bool = False) -> bool:
    raw = env.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigError(f"{name}={raw!r} is not a yes/no value - set it to 1 or 0 in your environment or .env.")


def _number(
    env: dict[str, str], name: str, default: float, minimum: float, maximum: float, whole: bool = False
) -> float:
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(
            f"{name}={raw!r} is not a number - set it to e.g. {default:g} in your environment or .env."
        ) from None
    if whole and not value.is_integer():
        raise ConfigError(
            f"{name}={raw!r} is not a whole number - set it to e.g. {default:g} in your environment or .env."
        )
    if not minimum <= value <= maximum:
        raise ConfigError(f"{name}={raw!r} is out of range - use a value from {minimum:g} to {maximum:g}.")
    return value


def _path(env: dict[str, str], name: str, default: Path) -> Path:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    path = Path(raw).expanduser()
    return path if path.is_absolute() else (Path.cwd() / path)


@dataclass(frozen=True)
class Config:
    """All settings. Build it with ``load_config()``; tests build it directly."""

    seeds_dir: Path = PROJECT_ROOT / "seeds"
    index_dir: Path = PROJECT_ROOT / "index_store"
    prompts_dir: Path = PROJECT_ROOT / "prompts"
    # Where sources are cited relative to: citations say "seeds/<file>".
    project_root: Path = PROJECT_ROOT
    # LLM (optional). With no key, or with offline forced, the extractive answerer is used.
    openai_api_key: str | None = None
    openai_base_url: str | None = None
    openai_model: str = "gpt-4o-mini"
    openai_timeout: float = 20.0
    openai_max_retries: int = 2
    force_offline: bool = False
    # Slack (only `serve` needs these).
    slack_bot_token: str | None = None
    slack_app_token: str | None = None
    slack_signing_secret: str | None = None
    feedback_path: Path = PROJECT_ROOT / "feedback.jsonl"
    log_level: str = "WARNING"

    @property
    def use_llm(self) -> bool:
        return bool(self.openai_api_key) and not self.force_offline


_KEY_PATTERN = re.compile(r"^\S{8,}$")


def load_config(env: dict[str, str] | None = None, dotenv_path: Path | None = None) -> Config:
    """Read settings from ``env`` (default: the process environment, after loading ``.env``).

    Raises ``ConfigError`` with a message that names the setting and how to fix it.
    """
    if env is None:
        from dotenv import load_dotenv

        # The environment wins over .env, as users expect from python-dotenv.
        load_dotenv(dotenv_path or (Path.cwd() / ".env"), override=False)
        env = dict(os.environ)

    key = env.get("OPENAI_API_KEY", "").strip() or None
    if key is not None and not _KEY_PATTERN.match(key):
        raise ConfigError(
            "OPENAI_API_KEY looks malformed (it must be one word of at least 8 characters) - "
            "fix it in your environment or .env, or unset it to use the offline answerer."
        )
    base_url = env.get("OPENAI_BASE_URL", "").strip() or None
    if base_url is not None and not re.match(r"^https?://[^\s/]+", base_url):
        raise ConfigError(f"OPENAI_BASE_URL={base_url!r} is not an http(s) URL - use e.g. http://localhost:8080/v1.")
    model = env.get("OPENAI_MODEL", "").strip() or Config.openai_model
    level = env.get("BOT_LOG_LEVEL", "WARNING").strip().upper() or "WARNING"
    if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
        raise ConfigError(f"BOT_LOG_LEVEL={level!r} is not a log level - use DEBUG, INFO, WARNING or ERROR.")

    return Config(
        seeds_dir=_path(env, "BOT_SEEDS_DIR", Config.seeds_dir),
        index_dir=_path(env, "BOT_INDEX_DIR", Config.index_dir),
        openai_api_key=key,
        openai_base_url=base_url,
        openai_model=model,
        openai_timeout=_number(env, "OPENAI_TIMEOUT", Config.openai_timeout, 0.1, 600),
        openai_max_retries=int(_number(env, "OPENAI_MAX_RETRIES", Config.openai_max_retries, 0, 10, whole=True)),
        force_offline=_flag(env, "BOT_OFFLINE"),
        slack_bot_token=env.get("SLACK_BOT_TOKEN", "").strip() or None,
        slack_app_token=env.get("SLACK_APP_TOKEN", "").strip() or None,
        slack_signing_secret=env.get("SLACK_SIGNING_SECRET", "").strip() or None,
        feedback_path=_path(env, "BOT_FEEDBACK_PATH", Config.feedback_path),
        log_level=level,
    )
