"""``/ask``: acknowledged at once, answered through the response_url, publicly or privately."""

from __future__ import annotations

from bot.errors import InvalidQuestion
from bot.slack_app import APOLOGY, USAGE

from .fakes import ASKER, BoltServer, FakeAnswerer, FakeSlack, every_worker_answering

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
    # Unacknowledged, Bolt gives up on a command after Slack's 3 seconds ("unhandled request", 404).
    with every_worker_answering(bolt, answerer):
        reply = bolt.send_command("What did Huang say about Huawei?")

    assert (reply.status, reply.body) == (200, ":eyes: Looking for quotes about: What did Huang say about Huawei?")
    [answer] = slack.wait_for("response_url")
    assert answer["response_type"] == "in_channel"


def test_ask_reads_slack_markup_as_the_text_shown(bolt: BoltServer, slack: FakeSlack, answerer: FakeAnswerer) -> None:
    bolt.send_command("What did Huang say about <http://xiaomi.com|xiaomi.com>?")

    slack.wait_for("response_url")
    assert answerer.calls == [("What did Huang say about xiaomi.com?", ())]
