"""The Slack app manifest asks for exactly what the app uses: no missing and no extra scopes."""

from __future__ import annotations

from typing import Any

import yaml

from .fakes import (
    ASKER,
    BOT_USER_ID,
    CHANNEL,
    PROJECT_ROOT,
    BoltServer,
    FakeAnswerer,
    FakeSlack,
    dm_event,
    mention_event,
)

# Bot scopes each Web API method needs (conversations.replies: one per kind of conversation).
METHOD_SCOPES = {
    "auth.test": set(),
    "chat.postMessage": {"chat:write"},
    "reactions.add": {"reactions:write"},
    "reactions.remove": {"reactions:write"},
    "conversations.replies": {"channels:history", "groups:history", "im:history", "mpim:history"},
    "conversations.history": {"im:history"},  # only in direct messages: the question asked before
}
EVENT_SCOPES = {"app_mention": {"app_mentions:read"}, "message.im": {"im:history"}}


def manifest() -> dict[str, Any]:
    return yaml.safe_load((PROJECT_ROOT / "slack_manifest.yml").read_text(encoding="utf-8"))


def test_manifest_scopes_are_exactly_those_of_the_calls_events_and_command_the_app_uses(
    bolt: BoltServer, slack: FakeSlack, answerer: FakeAnswerer
) -> None:
    # Everything the app can do with the bot token: answer, follow up in a thread, fail.
    slack.threads[(CHANNEL, "1.1")] = [{"type": "message", "user": ASKER, "text": f"<@{BOT_USER_ID}> q", "ts": "1.1"}]
    bolt.send_event(mention_event(f"<@{BOT_USER_ID}> and?", ts="1.2", thread_ts="1.1"))
    slack.wait_for("reactions.remove")
    answerer.error = RuntimeError("down")
    bolt.send_event(dm_event("q", ts="2.1"))
    slack.wait_for("reactions.remove", 2)
    bolt.send_command("q")  # answered through the response_url: no scope beyond `commands`
    slack.wait_for("response_url")

    called = {c.method for c in slack.calls} - {"response_url"}
    assert called <= METHOD_SCOPES.keys(), f"add the scopes for {called - METHOD_SCOPES.keys()}"
    config = manifest()
    events = config["settings"]["event_subscriptions"]["bot_events"]
    needed = set().union(*(METHOD_SCOPES[m] for m in called), *(EVENT_SCOPES[e] for e in events), {"commands"})
    assert sorted(config["oauth_config"]["scopes"]["bot"]) == sorted(needed)


def test_manifest_subscribes_to_what_the_app_listens_for_in_socket_mode() -> None:
    config = manifest()

    assert sorted(config["settings"]["event_subscriptions"]["bot_events"]) == ["app_mention", "message.im"]
    assert [c["command"] for c in config["features"]["slash_commands"]] == ["/ask"]
    assert config["settings"]["interactivity"]["is_enabled"] is True
    assert config["settings"]["socket_mode_enabled"] is True
    assert config["features"]["app_home"]["messages_tab_enabled"] is True
