"""Socket Mode, the default: the same app behind slack_bolt's SocketModeHandler, connected to a
local WebSocket server that speaks the envelope protocol (hello, envelopes, acknowledgements)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_sdk import WebClient

from bot.config import Config
from bot.slack_app import build_app

from .fakes import (
    APP_TOKEN,
    BOT_TOKEN,
    BOT_USER_ID,
    CHANNEL,
    FakeAnswerer,
    FakeSlack,
    FakeSocketMode,
    block_actions_payload,
    command_payload,
    event_callback,
    mention_event,
    wait_until,
)

QUESTION = "What happened to Nvidia's market share in China?"


@pytest.fixture
def socket(slack: FakeSlack, config: Config, answerer: FakeAnswerer) -> Iterator[FakeSocketMode]:
    server = FakeSocketMode()
    slack.socket_url = server.url
    app = build_app(config, answerer, client=WebClient(base_url=slack.api_url))
    # Its Web API client is the app's (the fake Slack). No reconnecting: the server hangs up on
    # teardown, which makes the client's blocking read return at once.
    handler = SocketModeHandler(app, APP_TOKEN, auto_reconnect_enabled=False)
    handler.connect()
    wait_until(server.connected, 5, "the Socket Mode client to connect")
    yield server
    server.hang_up()
    handler.close()
    server.close()


def envelope(envelope_id: str, kind: str, payload: dict[str, Any], retry_attempt: int = 0) -> dict[str, Any]:
    return {
        "envelope_id": envelope_id,
        "type": kind,
        "accepts_response_payload": kind == "slash_commands",
        "retry_attempt": retry_attempt,
        "retry_reason": "timeout" if retry_attempt else "",
        "payload": payload,
    }


def test_connection_is_opened_with_the_app_token(socket: FakeSocketMode, slack: FakeSlack) -> None:
    assert slack.tokens_used("apps.connections.open") == {APP_TOKEN}


def test_mention_envelope_is_acknowledged_and_answered_in_thread(socket: FakeSocketMode, slack: FakeSlack) -> None:
    event = mention_event(f"<@{BOT_USER_ID}> {QUESTION}", ts="1700000000.000100")

    socket.send(envelope("env-1", "events_api", event_callback(event, "Ev1")))

    assert socket.wait_for_ack("env-1") == {"envelope_id": "env-1"}
    [post] = slack.wait_for("chat.postMessage")
    assert (post["channel"], post["thread_ts"]) == (CHANNEL, "1700000000.000100")
    assert "95% in the past to zero" in post["blocks"][1]["text"]["text"]
    assert slack.tokens_used("chat.postMessage") == {BOT_TOKEN}


def test_event_redelivered_over_the_socket_is_answered_once(socket: FakeSocketMode, slack: FakeSlack) -> None:
    event = mention_event(f"<@{BOT_USER_ID}> {QUESTION}", ts="1700000000.000100")
    later = mention_event(f"<@{BOT_USER_ID}> {QUESTION}", ts="1700000005.000100")

    socket.send(envelope("env-1", "events_api", event_callback(event, "Ev1")))
    socket.send(envelope("env-2", "events_api", event_callback(event, "Ev1"), retry_attempt=1))
    socket.send(envelope("env-3", "events_api", event_callback(later, "Ev2")))

    for envelope_id in ("env-1", "env-2", "env-3"):
        socket.wait_for_ack(envelope_id)
    slack.wait_for("reactions.remove", 2)
    assert sorted(p["thread_ts"] for p in slack.calls_to("chat.postMessage")) == [
        "1700000000.000100",
        "1700000005.000100",
    ]


def test_slash_command_envelope_is_acknowledged_with_the_working_sign_then_answered(
    socket: FakeSocketMode, slack: FakeSlack
) -> None:
    payload = command_payload(f"{QUESTION} --private", slack.response_url("cmd"))

    socket.send(envelope("env-cmd", "slash_commands", payload))

    ack = socket.wait_for_ack("env-cmd")
    assert ack == {
        "envelope_id": "env-cmd",
        "payload": {"text": f":eyes: Looking for quotes about: {QUESTION}"},
    }
    [answer] = slack.wait_for("response_url")
    assert answer["response_type"] == "ephemeral"


def test_feedback_click_envelope_is_acknowledged_and_recorded(
    socket: FakeSocketMode, slack: FakeSlack, config: Config
) -> None:
    socket.send(
        envelope(
            "env-q",
            "events_api",
            event_callback(mention_event(f"<@{BOT_USER_ID}> {QUESTION}", ts="1.1"), "E1"),
        )
    )
    [post] = slack.wait_for("chat.postMessage")
    [actions] = [b for b in post["blocks"] if b["type"] == "actions"]
    action = {"action_id": "feedback_down", "block_id": "feedback", "value": actions["elements"][1]["value"]}
    message = {"type": "message", "ts": "1800000000.000001", "text": post["text"], "blocks": post["blocks"]}

    socket.send(
        envelope(
            "env-click",
            "interactive",
            block_actions_payload(action, slack.response_url("c"), user="U9", message=message),
        )
    )

    assert socket.wait_for_ack("env-click") == {"envelope_id": "env-click"}
    [update] = slack.wait_for("response_url")
    assert update["replace_original"] is True
    entry = json.loads(wait_until(lambda: config.feedback_path.exists() and config.feedback_path.read_text()))
    assert (entry["user"], entry["verdict"], entry["question"]) == ("U9", "down", QUESTION)
