"""Starting the bot: missing, malformed or refused tokens, or no Slack at all, stop it with one clear
message; HTTP mode serves each request on its own thread."""

from __future__ import annotations

import logging
import socket

import pytest
from slack_sdk import WebClient

from bot.config import Config
from bot.errors import ConfigError, SlackUnreachable
from bot.slack_app import build_app, http_server, serve

from .fakes import (
    APP_TOKEN,
    BOT_TOKEN,
    BOT_USER_ID,
    SIGNING_SECRET,
    BoltServer,
    FakeAnswerer,
    FakeSlack,
    mention_event,
)


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


def test_app_token_refused_by_slack_names_the_app_token(slack: FakeSlack) -> None:
    slack.fail_next("apps.connections.open", 200, error="invalid_auth")
    config = Config(slack_bot_token=BOT_TOKEN, slack_app_token=APP_TOKEN)

    message = start_error(config, client=WebClient(base_url=slack.api_url))

    assert "Slack refused SLACK_APP_TOKEN (invalid_auth)" in message and "App-Level Tokens" in message


def test_slack_out_of_reach_says_to_check_the_network() -> None:
    with socket.socket() as closed:  # a port nothing listens on: connection refused
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    config = Config(slack_bot_token=BOT_TOKEN, slack_app_token=APP_TOKEN)

    with pytest.raises(SlackUnreachable, match=r"Could not reach Slack \(.*\)\. Check the network"):
        serve(config, FakeAnswerer(), None, WebClient(base_url=f"http://127.0.0.1:{port}/api/"))


def test_http_mode_answers_while_another_connection_stalls(
    slack: FakeSlack, config: Config, answerer: FakeAnswerer
) -> None:
    bolt = BoltServer(build_app(config, answerer, client=WebClient(base_url=slack.api_url)), slack)
    host, port = bolt.url.split("/")[2].split(":")
    try:
        with socket.create_connection((host, int(port))) as stalled:
            stalled.sendall(b"POST /slack/events HTTP/1.1\r\nHost: slack\r\n")  # and never the rest

            reply = bolt.send_event(mention_event(f"<@{BOT_USER_ID}> What did Huang say?", ts="1700000000.000100"))

            assert reply.status == 200
            slack.wait_for("chat.postMessage")
    finally:
        bolt.close()


def test_http_mode_does_not_wait_forever_on_a_silent_connection(slack: FakeSlack, config: Config) -> None:
    server = http_server(build_app(config, FakeAnswerer(), client=WebClient(base_url=slack.api_url)), 0, "127.0.0.1")
    try:
        assert 0 < server.RequestHandlerClass.timeout <= 60  # seconds a connection may stay silent
    finally:
        server.server_close()


def test_a_connection_dropped_for_silence_is_one_warning_not_a_traceback(
    slack: FakeSlack, config: Config, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    server = http_server(build_app(config, FakeAnswerer(), client=WebClient(base_url=slack.api_url)), 0, "127.0.0.1")
    try:
        try:
            raise TimeoutError("timed out")
        except TimeoutError:
            server.handle_error(None, ("203.0.113.9", 40000))  # what socketserver calls on a handler's error
    finally:
        server.server_close()

    assert "HTTP connection from 203.0.113.9 dropped: timed out" in caplog.text
    assert "Traceback" not in capsys.readouterr().err + caplog.text


def test_starting_with_the_token_in_the_environment_warns_of_nothing(
    slack: FakeSlack, config: Config, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # Bolt reads SLACK_BOT_TOKEN itself, and used to warn on every start that it goes unused.
    monkeypatch.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)

    with caplog.at_level(logging.WARNING):
        build_app(config, FakeAnswerer(), client=WebClient(base_url=slack.api_url))

    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_http_mode_on_a_port_in_use_says_to_choose_another(slack: FakeSlack, config: Config) -> None:
    with socket.socket() as taken:
        taken.bind(("0.0.0.0", 0))
        taken.listen()
        port = taken.getsockname()[1]

        message = start_error(config, http_port=port, client=WebClient(base_url=slack.api_url))

    assert f"Port {port} is already in use" in message and "--http PORT" in message
