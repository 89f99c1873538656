"""👍/👎 under an answer: a click is acknowledged in place and appended to the JSON-lines file."""

from __future__ import annotations

import json
import threading
import urllib.parse
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from bot.config import Config
from bot.feedback import FeedbackStore
from bot.slack_app import FEEDBACK_FAILED
from bot.slack_blocks import FEEDBACK_ACK_BLOCK_ID

from .fakes import (
    ASKER,
    BOT_USER_ID,
    CHANNEL,
    BoltServer,
    FakeAnswerer,
    FakeSlack,
    block_actions_payload,
    every_worker_answering,
    found,
    mention_event,
    seed_citation,
    wait_until,
)

QUESTION = "What happened to Nvidia's market share in China?"


def posted_answer(bolt: BoltServer, slack: FakeSlack) -> dict[str, Any]:
    """Have the bot answer a mention; return the message as Slack would send it back on a click."""
    bolt.send_event(mention_event(f"<@{BOT_USER_ID}> {QUESTION}", ts="1700000000.000100"))
    [post] = slack.wait_for("chat.postMessage")
    return {"type": "message", "ts": "1800000000.000001", "text": post["text"], "blocks": post["blocks"]}


def button(message: dict[str, Any], action_id: str) -> dict[str, Any]:
    [actions] = [b for b in message["blocks"] if b["type"] == "actions"]
    [element] = [e for e in actions["elements"] if e["action_id"] == action_id]
    return {"action_id": action_id, "block_id": actions["block_id"], "value": element["value"]}


def records(config: Config) -> list[dict[str, Any]]:
    return [json.loads(line) for line in config.feedback_path.read_text(encoding="utf-8").splitlines()]


def test_thumbs_up_is_acknowledged_in_place_and_recorded(bolt: BoltServer, slack: FakeSlack, config: Config) -> None:
    message = posted_answer(bolt, slack)

    reply = bolt.click(button(message, "feedback_up"), user="UREADER", message=message)

    assert reply.status == 200
    [update] = slack.wait_for("response_url")
    assert update["replace_original"] is True
    assert update["blocks"][: len(message["blocks"])] == message["blocks"]  # the answer and buttons stay
    [thanks] = [b for b in update["blocks"] if b.get("block_id") == FEEDBACK_ACK_BLOCK_ID]
    assert "<@UREADER>" in thanks["elements"][0]["text"]
    [entry] = records(config)
    citation = seed_citation()
    assert entry["user"] == "UREADER"
    assert entry["verdict"] == "up"
    assert entry["question"] == QUESTION
    assert entry["read_as"] is None  # read as typed
    assert entry["answer"] == "Quoted [1]."
    assert entry["citations"] == [{"n": 1, "source": citation.source, "start": citation.start, "end": citation.end}]
    assert entry["channel"] == CHANNEL and entry["timestamp"]


def test_a_follow_up_is_recorded_with_how_it_was_read(
    bolt: BoltServer, slack: FakeSlack, config: Config, answerer: FakeAnswerer
) -> None:
    read_as = "What else did Huang say about Nvidia's market share in China?"
    answerer.answers[QUESTION] = replace(found(QUESTION), read_as=read_as)
    message = posted_answer(bolt, slack)

    bolt.click(button(message, "feedback_down"), user="UREADER", message=message)

    slack.wait_for("response_url")
    [entry] = records(config)
    assert (entry["question"], entry["read_as"]) == (QUESTION, read_as)


def test_thumbs_down_on_a_private_answer_is_thanked_privately_and_recorded(
    bolt: BoltServer, slack: FakeSlack, config: Config
) -> None:
    bolt.send_command(f"--private {QUESTION}")
    [private_answer] = slack.wait_for("response_url")
    message = {"blocks": private_answer["blocks"]}  # only to find the button; Slack sends no message back

    bolt.click(button(message, "feedback_down"), user=ASKER, message=None)

    thanks = slack.wait_for("response_url", 2)[1]
    assert (thanks["response_type"], thanks["replace_original"]) == ("ephemeral", False)
    assert [(e["user"], e["verdict"], e["question"]) for e in records(config)] == [(ASKER, "down", QUESTION)]


def test_a_click_that_cannot_be_recorded_says_so_to_the_clicker(
    bolt: BoltServer, slack: FakeSlack, config: Config
) -> None:
    action = {"action_id": "feedback_up", "block_id": "feedback", "value": "not what the bot put there"}

    assert bolt.click(action, user="UREADER", message=None).status == 200

    [sorry] = slack.wait_for("response_url")
    assert (sorry["response_type"], sorry["text"]) == ("ephemeral", FEEDBACK_FAILED)
    assert not config.feedback_path.exists()


def test_a_listener_that_fails_is_logged_with_its_traceback(
    bolt: BoltServer, slack: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    action = {"action_id": "feedback_up", "block_id": "feedback", "value": "{}"}
    payload = block_actions_payload(action, slack.response_url("click"), user="UREADER", message=None)
    del payload["user"]  # the listener reads body["user"]["id"]: a KeyError outside its own handling

    reply = bolt.post(urllib.parse.urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded")

    assert reply.status == 200
    wait_until(lambda: "Slack listener record_feedback failed" in caplog.text, what="the failure logged")
    assert "KeyError: 'user'" in caplog.text  # the traceback, not just the error's text


def test_concurrent_feedback_writes_keep_every_line_whole(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "nested" / "feedback.jsonl")
    long_answer = "x" * 20_000  # longer than any pipe or buffer boundary

    def click(i: int) -> None:
        for j in range(20):
            store.record(question=f"q{i}-{j}", answer=long_answer, citations=[], user=f"U{i}", verdict="up")

    threads = [threading.Thread(target=click, args=(i,)) for i in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    lines = store.path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 200
    assert {json.loads(line)["question"] for line in lines} == {f"q{i}-{j}" for i in range(10) for j in range(20)}


def test_a_click_is_acknowledged_while_every_worker_is_answering(
    bolt: BoltServer, slack: FakeSlack, answerer: FakeAnswerer, config: Config
) -> None:
    message = posted_answer(bolt, slack)
    with every_worker_answering(bolt, answerer):
        reply = bolt.click(button(message, "feedback_up"), user="UREADER", message=message)

    assert reply.status == 200  # unacknowledged, Bolt answers 404 after Slack's 3 seconds
    wait_until(lambda: config.feedback_path.exists() and records(config), what="the click recorded")
