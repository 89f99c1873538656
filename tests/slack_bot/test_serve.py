"""Starting the bot: missing, malformed or refused tokens stop it with one clear message."""

from __future__ import annotations

import pytest
from slack_sdk import WebClient

from bot.config import Config
from bot.errors import ConfigError
from bot.slack_app import serve

from .fakes import APP_TOKEN, BOT_TOKEN, SIGNING_SECRET, FakeAnswerer, FakeSlack


def start_error(config: Config, http_port: int | None = None, client: WebClient | None = None) -> str:
    with pytest.raises(ConfigError) as caught:
        serve(config, FakeAnswerer(), http_port, client)
    return str(caught.value)


def test_socket_mode_without_tokens_names_both_and_where_to_get_them() -> None:
    message = start_error(Config())

    assert "Socket Mode" in message
    assert "SLACK_BOT_TOKEN is missing" in message and "OAuth & Permissions" in message
    assert "SLACK_APP_TOKEN is missing" in message and "App-Level Tokens" in message
    assert "connections:write" in message
    assert "SLACK_SIGNING_SECRET" not in message  # not needed in Socket Mode


def test_http_mode_without_signing_secret_says_where_to_find_it() -> None:
    message = start_error(Config(slack_bot_token=BOT_TOKEN), http_port=3000)

    assert "SLACK_SIGNING_SECRET is missing" in message and "Basic Information > App Credentials" in message
    assert "SLACK_BOT_TOKEN" not in message and "SLACK_APP_TOKEN" not in message


def test_swapped_or_wrong_kind_of_tokens_are_called_malformed() -> None:
    message = start_error(Config(slack_bot_token="xoxp-user-token", slack_app_token=BOT_TOKEN))

    assert "SLACK_BOT_TOKEN does not start with xoxb-" in message
    assert "SLACK_APP_TOKEN does not start with xapp-" in message


def test_signing_secret_that_is_a_token_is_called_malformed() -> None:
    message = start_error(Config(slack_bot_token=BOT_TOKEN, slack_signing_secret=BOT_TOKEN), http_port=3000)

    assert "SLACK_SIGNING_SECRET is not a hex string" in message


def test_token_refused_by_slack_is_reported_before_connecting(slack: FakeSlack) -> None:
    slack.fail_next("auth.test", 200, error="invalid_auth")
    config = Config(slack_bot_token=BOT_TOKEN, slack_app_token=APP_TOKEN, slack_signing_secret=SIGNING_SECRET)

    message = start_error(config, client=WebClient(base_url=slack.api_url))

    assert "Slack refused SLACK_BOT_TOKEN" in message and "invalid_auth" in message
    assert [c.method for c in slack.calls] == ["auth.test"]
