"""Fixtures for the Slack tests: a local Slack Web API, a deterministic answerer, and the app
built by ``build_app`` served over real HTTP (see ``fakes.py`` for the pieces)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from slack_sdk import WebClient

from bot.config import Config
from bot.slack_app import build_app

from .fakes import APP_TOKEN, BOT_TOKEN, SIGNING_SECRET, BoltServer, FakeAnswerer, FakeSlack


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    server = FakeSlack()
    yield server
    server.close()


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return Config(
        slack_bot_token=BOT_TOKEN,
        slack_app_token=APP_TOKEN,
        slack_signing_secret=SIGNING_SECRET,
        feedback_path=tmp_path / "feedback.jsonl",
    )


@pytest.fixture
def answerer() -> FakeAnswerer:
    return FakeAnswerer()


@pytest.fixture
def bolt(slack: FakeSlack, config: Config, answerer: FakeAnswerer) -> Iterator[BoltServer]:
    """The app as Slack's HTTP mode sees it, its Web API client pointed at the fake Slack."""
    app = build_app(config, answerer, client=WebClient(base_url=slack.api_url))
    server = BoltServer(app, slack)
    yield server
    server.close()
