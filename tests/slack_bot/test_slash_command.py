"""``/ask``: acknowledged at once, answered through the response_url, publicly or privately."""

from __future__ import annotations

import threading

from bot.errors import InvalidQuestion
from bot.slack_app import APOLOGY, USAGE, WORKERS

from .fakes import ASKER, BOT_USER_ID, BoltServer, FakeAnswerer, FakeSlack, mention_event, wait_until

QUESTION = "What happened to Nvidia's market share in China?"


def test_ask_is_acknowledged_with_a_working_sign_then_answered_to_the_channel(
    bolt: BoltServer, slack: FakeSlack, answerer: FakeAnswerer
) -> None:
    reply = bolt.send_command(QUESTION)

    assert reply.status == 200
    assert reply.body == f":eyes: Looking for quotes about: {QUESTION}"  # shown only to the asker
    [answer] = slack.wait_for("response_url")
    assert answer["response_type"] == "in_channel"
    texts = [b["text"]["text"] for b in answer["blocks"] if b["type"] == "section"]
    assert "95% in the past to zero" in texts[1]
    # Others in the channel do not see the command itself, so the answer says who asked what.
    assert answer["blocks"][0]["elements"][0]["text"] == f"<@{ASKER}> asked: {QUESTION}"
    assert answerer.calls == [(QUESTION, ())]
    assert slack.calls_to("chat.postMessage") == []


def test_ask_with_the_private_flag_answers_only_the_asker(
    bolt: BoltServer, slack: FakeSlack, answerer: FakeAnswerer
) -> None:
    reply = bolt.send_command(f"--private {QUESTION}")

    assert reply.status == 200
    [answer] = slack.wait_for("response_url")
    assert answer["response_type"] == "ephemeral"
    assert all("asked:" not in str(b) for b in answer["blocks"])
    assert answerer.calls == [(QUESTION, ())]


def test_ask_without_a_question_shows_how_to_use_it(bolt: BoltServer, slack: FakeSlack, answerer: FakeAnswerer) -> None:
    reply = bolt.send_command("  --private ")

    assert reply.body == USAGE
    assert answerer.calls == []


def test_ask_that_fails_gets_a_private_apology(bolt: BoltServer, slack: FakeSlack, answerer: FakeAnswerer) -> None:
    answerer.error = RuntimeError("boom")

    assert bolt.send_command(QUESTION).status == 200

    [apology] = slack.wait_for("response_url")
    assert (apology["response_type"], apology["text"]) == ("ephemeral", APOLOGY)


def test_ask_with_an_unusable_question_shows_the_hint_only_to_the_asker(
    bolt: BoltServer, slack: FakeSlack, answerer: FakeAnswerer
) -> None:
    answerer.error = InvalidQuestion("The question is 5,000 characters long - keep it under 2,000 <chars>.")

    bolt.send_command("x " * 2500)

    [hint] = slack.wait_for("response_url")
    assert hint["response_type"] == "ephemeral"
    assert hint["text"] == "The question is 5,000 characters long - keep it under 2,000 &lt;chars&gt;."


def test_ask_is_acknowledged_while_every_worker_is_answering(
    bolt: BoltServer, slack: FakeSlack, answerer: FakeAnswerer
) -> None:
    # Bolt gives up on an unacknowledged command after Slack's 3 seconds ("unhandled request", 404).
    release = threading.Barrier(WORKERS + 1, timeout=10)
    answerer.barrier = release
    for i in range(WORKERS):
        bolt.send_event(mention_event(f"<@{BOT_USER_ID}> {QUESTION} #{i}", ts=f"17000002{i:02d}.000100"))
    wait_until(lambda: len(answerer.calls) == WORKERS, what="every worker answering")

    reply = bolt.send_command("What did Huang say about Huawei?")

    assert (reply.status, reply.body) == (200, ":eyes: Looking for quotes about: What did Huang say about Huawei?")
    answerer.barrier = None
    release.wait()
    [answer] = slack.wait_for("response_url")
    assert answer["response_type"] == "in_channel"


def test_ask_reads_slack_markup_as_the_text_shown(bolt: BoltServer, slack: FakeSlack, answerer: FakeAnswerer) -> None:
    bolt.send_command("What did Huang say about <http://xiaomi.com|xiaomi.com>?")

    slack.wait_for("response_url")
    assert answerer.calls == [("What did Huang say about xiaomi.com?", ())]
