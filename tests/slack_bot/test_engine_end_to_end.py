"""The real answering core behind the Slack app (slow: uses the session's real index).

Slack must give the same answer as the terminal to the same question, with verified quotes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from slack_sdk import WebClient

from bot.config import Config
from bot.models import Turn
from bot.quotes import verify_citation
from bot.slack_app import build_app
from bot.slack_blocks import escape, render_answer

from .fakes import ASKER, BOT_ID, BOT_USER_ID, CHANNEL, BoltServer, FakeSlack, mention_event

pytestmark = pytest.mark.slow


@pytest.fixture
def real_bolt(slack: FakeSlack, config: Config, engine: Any) -> Iterator[BoltServer]:
    server = BoltServer(build_app(config, engine.ask, client=WebClient(base_url=slack.api_url)), slack)
    yield server
    server.close()


def test_mention_gets_the_same_verified_answer_as_the_terminal(
    real_bolt: BoltServer, slack: FakeSlack, engine: Any
) -> None:
    question = "What did Huang say about Huawei?"
    expected = engine.ask(question)

    real_bolt.send_event(mention_event(f"<@{BOT_USER_ID}> {question}", ts="1700000000.000100"))

    slack.wait_for("reactions.remove", timeout=60)
    posts = slack.calls_to("chat.postMessage")
    assert [(p["text"], p["blocks"]) for p in posts] == [(m.text, m.blocks) for m in render_answer(expected)]
    assert expected.found and expected.citations
    for citation in expected.citations:
        assert verify_citation(citation, engine.config.project_root)
        assert escape(citation.quote).split("\n")[0] in str(posts[0]["blocks"])


def test_follow_up_in_a_thread_is_answered_about_the_new_topic(
    real_bolt: BoltServer, slack: FakeSlack, engine: Any
) -> None:
    root, follow_up = "1700000000.000100", "1700000060.000100"
    first = engine.ask("What did Huang say about Huawei?")
    slack.threads[(CHANNEL, root)] = [
        {"type": "message", "user": ASKER, "text": f"<@{BOT_USER_ID}> What did Huang say about Huawei?", "ts": root},
        {"type": "message", "user": BOT_USER_ID, "bot_id": BOT_ID, "text": escape(first.answer),
         "ts": "1700000010.000100", "thread_ts": root},
    ]  # fmt: skip

    real_bolt.send_event(mention_event(f"<@{BOT_USER_ID}> and what about immigration?", ts=follow_up, thread_ts=root))

    slack.wait_for("reactions.remove", timeout=60)
    [post] = slack.calls_to("chat.postMessage")
    expected = engine.ask("and what about immigration?", [Turn("What did Huang say about Huawei?", first.answer)])
    assert expected.found and any("immigra" in c.quote for c in expected.citations)
    assert post["thread_ts"] == root
    assert post["blocks"] == render_answer(expected)[0].blocks


def test_question_the_articles_dont_cover_is_refused_with_the_closest_articles(
    real_bolt: BoltServer, slack: FakeSlack
) -> None:
    real_bolt.send_event(
        mention_event(f"<@{BOT_USER_ID}> What did Huang say about Samsung's memory chips?", ts="1700000000.000100")
    )

    slack.wait_for("reactions.remove", timeout=60)
    [post] = slack.calls_to("chat.postMessage")
    shown = post["blocks"][0]["text"]["text"]
    assert shown.startswith("*The articles I have don't cover this:* ")
    assert "The closest articles I have:\n• " in shown
