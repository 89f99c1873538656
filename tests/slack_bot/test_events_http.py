"""Mentions and direct messages delivered over HTTP (Events API), as a person in Slack sees them."""

from __future__ import annotations

import json
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import Any

import pytest

from bot.errors import InvalidQuestion
from bot.models import Turn
from bot.slack_app import APOLOGY, EVENT_TTL_SECONDS, WORKERS
from bot.slack_blocks import render_answer, render_notice

from .fakes import (
    ASKER,
    BOT_ID,
    BOT_TOKEN,
    BOT_USER_ID,
    CHANNEL,
    DM_CHANNEL,
    BoltServer,
    FakeAnswerer,
    FakeSlack,
    dm_event,
    event_callback,
    every_worker_answering,
    found,
    mention_event,
    seed_citation,
)

QUESTION = "What happened to Nvidia's market share in China?"


def section_texts(blocks: list[dict[str, Any]]) -> list[str]:
    return [b["text"]["text"] for b in blocks if b["type"] == "section"]


def shown_texts(post: dict[str, Any]) -> str:
    """Everything Slack renders of a message: section and context text plus the fallback."""
    contexts = [e["text"] for b in post["blocks"] if b["type"] == "context" for e in b["elements"]]
    return "\n".join([*section_texts(post["blocks"]), *contexts, post["text"]])


def answered(slack: FakeSlack, count: int = 1) -> list[dict[str, Any]]:
    """Wait until ``count`` questions are completely handled (:eyes: removed), then return the posts."""
    slack.wait_for("reactions.remove", count)
    return slack.calls_to("chat.postMessage")


def test_mention_is_answered_with_quotes_in_a_thread_under_it(bolt: BoltServer, slack: FakeSlack) -> None:
    reply = bolt.send_event(mention_event(f"<@{BOT_USER_ID}> {QUESTION}", ts="1700000000.000100"))

    assert reply.status == 200
    [post] = answered(slack)
    assert post["channel"] == CHANNEL
    assert post["thread_ts"] == "1700000000.000100"
    texts = section_texts(post["blocks"])
    assert texts[0] == "Quoted [1]."
    assert "95% in the past to zero" in texts[1] and texts[1].split("\n")[1].startswith(">")
    assert "<https://www.guancha.cn/economy/2025_10_29_nvidia.shtml|" in texts[1]
    assert post["text"] == "Quoted [1]."  # the notification fallback
    assert [b["block_id"] for b in post["blocks"] if b["type"] == "actions"] == ["feedback"]
    assert slack.tokens_used("chat.postMessage") == {BOT_TOKEN}


def test_mention_shows_eyes_while_working_and_removes_them_after(
    bolt: BoltServer, slack: FakeSlack, answerer: FakeAnswerer
) -> None:
    answerer.delay = 0.3
    bolt.send_event(mention_event(f"<@{BOT_USER_ID}> {QUESTION}", ts="1700000000.000100"))

    slack.wait_for("reactions.add")
    assert slack.reactions() == [(CHANNEL, "1700000000.000100", "eyes")]
    assert slack.calls_to("chat.postMessage") == []  # the sign is up before the answer
    answered(slack)
    assert slack.reactions("reactions.remove") == [(CHANNEL, "1700000000.000100", "eyes")]


def test_the_question_reaches_the_answerer_without_the_mention_or_slack_escaping(
    bolt: BoltServer, slack: FakeSlack, answerer: FakeAnswerer
) -> None:
    bolt.send_event(mention_event(f"<@{BOT_USER_ID}> Did AT&amp;T say &lt;anything&gt;?", ts="1700000000.000100"))

    answered(slack)
    assert answerer.calls == [("Did AT&T say <anything>?", ())]


def test_direct_message_is_answered_in_the_dm(bolt: BoltServer, slack: FakeSlack) -> None:
    reply = bolt.send_event(dm_event(QUESTION, ts="1700000001.000200"))

    assert reply.status == 200
    [post] = answered(slack)
    assert post["channel"] == DM_CHANNEL
    assert post["thread_ts"] == "1700000001.000200"
    assert "95% in the past to zero" in section_texts(post["blocks"])[1]


def test_follow_up_in_a_thread_is_asked_with_the_threads_earlier_question_and_answer(
    bolt: BoltServer, slack: FakeSlack, answerer: FakeAnswerer
) -> None:
    root, follow_up = "1700000000.000100", "1700000050.000100"
    slack.threads[(CHANNEL, root)] = [
        {
            "type": "message",
            "user": ASKER,
            "text": f"<@{BOT_USER_ID}> What did Huang say about China?",
            "ts": root,
        },
        {
            "type": "message",
            "user": BOT_USER_ID,
            "bot_id": BOT_ID,
            "text": "Quoted [1] &amp; more.",
            "ts": "1700000010.000100",
            "thread_ts": root,
        },
        {
            "type": "message",
            "user": "UOTHER",
            "text": "interesting!",
            "ts": "1700000020.000100",
            "thread_ts": root,
        },
        {
            "type": "message",
            "user": ASKER,
            "text": f"<@{BOT_USER_ID}> and what about Huawei?",
            "ts": follow_up,
            "thread_ts": root,
        },
    ]

    bolt.send_event(mention_event(f"<@{BOT_USER_ID}> and what about Huawei?", ts=follow_up, thread_ts=root))

    [post] = answered(slack)
    assert slack.calls_to("conversations.replies")[0]["ts"] == root
    assert answerer.calls == [
        ("and what about Huawei?", (Turn("What did Huang say about China?", "Quoted [1] & more."),))
    ]
    assert post["thread_ts"] == root


def test_a_follow_up_builds_on_what_the_one_before_was_read_as(
    bolt: BoltServer, slack: FakeSlack, answerer: FakeAnswerer
) -> None:
    root, second, third = "1700000000.000100", "1700000020.000100", "1700000040.000100"
    first_answer = found("What did Huang say about immigration?")
    second_answer = found("When did he say that?")
    second_answer.read_as = "When did he say that? What did Huang say about immigration?"
    slack.threads[(CHANNEL, root)] = [
        {"type": "message", "user": ASKER, "text": f"<@{BOT_USER_ID}> {first_answer.question}", "ts": root},
        {"type": "message", "user": BOT_USER_ID, "bot_id": BOT_ID, "ts": "1700000010.000100", "thread_ts": root,
         "text": "Quoted [1].", "blocks": render_answer(first_answer)[0].blocks},
        {"type": "message", "user": ASKER, "text": f"<@{BOT_USER_ID}> When did he say that?", "ts": second,
         "thread_ts": root},
        {"type": "message", "user": BOT_USER_ID, "bot_id": BOT_ID, "ts": "1700000030.000100", "thread_ts": root,
         "text": "Quoted [1].", "blocks": render_answer(second_answer)[0].blocks},
    ]  # fmt: skip

    bolt.send_event(mention_event(f"<@{BOT_USER_ID}> Where was he?", ts=third, thread_ts=root))

    answered(slack)
    [(question, history)] = answerer.calls
    assert question == "Where was he?"
    assert [turn.question for turn in history] == [first_answer.question, second_answer.read_as]


def test_a_follow_up_under_an_ask_answer_builds_on_the_asked_question(
    bolt: BoltServer, slack: FakeSlack, answerer: FakeAnswerer
) -> None:
    # /ask answered in the channel: the thread opens with the bot's answer, not the question.
    root, follow_up = "1700000000.000100", "1700000050.000100"
    posted = render_answer(found("What did Huang say about immigration?"), asked_by=ASKER)[0]
    slack.threads[(CHANNEL, root)] = [
        {"type": "message", "user": BOT_USER_ID, "bot_id": BOT_ID, "ts": root, "text": posted.text,
         "blocks": posted.blocks},
        {"type": "message", "user": ASKER, "text": f"<@{BOT_USER_ID}> When did he say that?", "ts": follow_up,
         "thread_ts": root},
    ]  # fmt: skip

    bolt.send_event(mention_event(f"<@{BOT_USER_ID}> When did he say that?", ts=follow_up, thread_ts=root))

    answered(slack)
    [(question, history)] = answerer.calls
    assert question == "When did he say that?"
    assert [turn.question for turn in history] == ["What did Huang say about immigration?"]


def test_a_follow_up_knows_what_the_answers_before_it_quoted(
    bolt: BoltServer, slack: FakeSlack, answerer: FakeAnswerer
) -> None:
    root, follow_up = "1700000000.000100", "1700000050.000100"
    earlier = found("What did Huang say about immigration?")
    slack.threads[(CHANNEL, root)] = [
        {"type": "message", "user": ASKER, "text": f"<@{BOT_USER_ID}> {earlier.question}", "ts": root},
        *[
            {"type": "message", "user": BOT_USER_ID, "bot_id": BOT_ID, "ts": f"17000000{10 + n}.000100",
             "thread_ts": root, "text": m.text, "blocks": m.blocks}
            for n, m in enumerate(render_answer(earlier))
        ],
    ]  # fmt: skip

    bolt.send_event(mention_event(f"<@{BOT_USER_ID}> What else did he say?", ts=follow_up, thread_ts=root))

    answered(slack)
    [(_, [turn])] = answerer.calls
    assert turn.cited == tuple((c.source, c.start, c.end) for c in earlier.citations)


def test_a_dm_follow_up_in_the_main_window_builds_on_the_question_before(
    bolt: BoltServer, slack: FakeSlack, answerer: FakeAnswerer
) -> None:
    earlier, now = "1700000000.000100", "1700000300.000100"
    slack.histories[DM_CHANNEL] = [{"type": "message", "user": ASKER, "text": QUESTION, "ts": earlier}]
    slack.threads[(DM_CHANNEL, earlier)] = [
        {"type": "message", "user": ASKER, "text": QUESTION, "ts": earlier},
        {"type": "message", "user": BOT_USER_ID, "bot_id": BOT_ID, "text": "Quoted [1].", "ts": "1700000010.000100",
         "thread_ts": earlier},
    ]  # fmt: skip

    bolt.send_event(dm_event("and what about Huawei?", ts=now))

    answered(slack)
    assert answerer.calls == [("and what about Huawei?", (Turn(QUESTION, "Quoted [1]."),))]


def test_a_dm_follow_up_skips_a_message_that_got_only_a_hint(
    bolt: BoltServer, slack: FakeSlack, answerer: FakeAnswerer
) -> None:
    asked, thanks, now = "1700000000.000100", "1700000100.000100", "1700000300.000100"
    hint = render_notice("The question has no words to look for.")
    slack.histories[DM_CHANNEL] = [
        {"type": "message", "user": ASKER, "text": QUESTION, "ts": asked},
        {"type": "message", "user": ASKER, "text": "thanks!", "ts": thanks},
    ]
    slack.threads[(DM_CHANNEL, asked)] = [
        {"type": "message", "user": ASKER, "text": QUESTION, "ts": asked},
        {"type": "message", "user": BOT_USER_ID, "bot_id": BOT_ID, "text": "Quoted [1].", "ts": "1700000010.000100",
         "thread_ts": asked},
    ]  # fmt: skip
    slack.threads[(DM_CHANNEL, thanks)] = [
        {"type": "message", "user": ASKER, "text": "thanks!", "ts": thanks},
        {"type": "message", "user": BOT_USER_ID, "bot_id": BOT_ID, "text": hint.text, "blocks": hint.blocks,
         "ts": "1700000110.000100", "thread_ts": thanks},
    ]  # fmt: skip

    bolt.send_event(dm_event("and what about Huawei?", ts=now))

    answered(slack)
    assert answerer.calls == [("and what about Huawei?", (Turn(QUESTION, "Quoted [1]."),))]


def test_a_dm_that_is_no_follow_up_reads_no_history(bolt: BoltServer, slack: FakeSlack, answerer: FakeAnswerer) -> None:
    slack.histories[DM_CHANNEL] = [{"type": "message", "user": ASKER, "text": QUESTION, "ts": "1700000000.000100"}]

    bolt.send_event(dm_event("What did Huang say about Huawei?", ts="1700000060.000100"))

    answered(slack)
    assert answerer.calls == [("What did Huang say about Huawei?", ())]
    assert slack.calls_to("conversations.history") == []


def test_a_dm_asked_long_after_the_one_before_stands_alone(
    bolt: BoltServer, slack: FakeSlack, answerer: FakeAnswerer
) -> None:
    slack.histories[DM_CHANNEL] = [{"type": "message", "user": ASKER, "text": QUESTION, "ts": "1700000000.000100"}]

    bolt.send_event(dm_event("and what about Huawei?", ts="1700009000.000100"))  # 2.5 hours later

    answered(slack)
    assert answerer.calls == [("and what about Huawei?", ())]


def test_a_thread_that_cannot_be_read_still_gets_its_question_answered(
    bolt: BoltServer, slack: FakeSlack, answerer: FakeAnswerer
) -> None:
    slack.fail_next("conversations.replies", 500)

    bolt.send_event(mention_event(f"<@{BOT_USER_ID}> {QUESTION}", ts="1700000050.000100", thread_ts="1700000000.1"))

    [post] = answered(slack)
    assert post["blocks"] and post["text"] != APOLOGY
    assert answerer.calls == [(QUESTION, ())]


def test_a_rate_limited_reaction_does_not_hold_the_answer_back(bolt: BoltServer, slack: FakeSlack) -> None:
    slack.fail_next("reactions.add", 429, retry_after=4, times=4)

    bolt.send_event(mention_event(f"<@{BOT_USER_ID}> {QUESTION}", ts="1700000000.000100"))

    [post] = answered(slack)
    assert post["thread_ts"] == "1700000000.000100"
    assert len(slack.calls_to("reactions.add")) == 1  # given up at once, not retried after 4 s


IGNORED = {
    "another bot's message": dm_event("I am a bot", ts="1700000002.000001", bot_id="BOTHER", subtype="bot_message"),
    "the bot's own message": dm_event("Quoted [1].", ts="1700000002.000002", user=BOT_USER_ID, bot_id=BOT_ID),
    "an edit": dm_event(
        "",
        ts="1700000002.000003",
        subtype="message_changed",
        message={"type": "message", "user": ASKER, "text": f"{QUESTION} (edited)", "ts": "1700000001.000001"},
    ),
    "a deletion": dm_event("", ts="1700000002.000004", subtype="message_deleted", deleted_ts="1700000001.000001"),
    "a bot mentioning us": mention_event(f"<@{BOT_USER_ID}> hi", ts="1700000002.000005", user="UB2", bot_id="BOTHER"),
}


@pytest.mark.parametrize("kind", list(IGNORED))
def test_bot_messages_edits_and_deletions_are_acknowledged_but_not_answered(
    bolt: BoltServer, slack: FakeSlack, answerer: FakeAnswerer, kind: str
) -> None:
    assert bolt.send_event(IGNORED[kind]).status == 200
    # A real question sent afterwards: once it is answered, the ignored event had its chance.
    bolt.send_event(dm_event(QUESTION, ts="1700000003.000100"))

    [post] = answered(slack)
    assert post["thread_ts"] == "1700000003.000100"
    assert answerer.calls == [(QUESTION, ())]
    assert slack.reactions() == [(DM_CHANNEL, "1700000003.000100", "eyes")]


def test_event_resent_by_slack_is_answered_exactly_once(bolt: BoltServer, slack: FakeSlack) -> None:
    event = mention_event(f"<@{BOT_USER_ID}> {QUESTION}", ts="1700000000.000100")
    replies = [
        bolt.send_event(event, event_id="Ev0RETRIED"),
        bolt.send_event(event, event_id="Ev0RETRIED", retry_num=1),
        bolt.send_event(event, event_id="Ev0RETRIED", retry_num=2),
    ]
    bolt.send_event(mention_event(f"<@{BOT_USER_ID}> {QUESTION}", ts="1700000009.000100"))

    assert [r.status for r in replies] == [200, 200, 200]
    posts = answered(slack, 2)
    assert sorted(p["thread_ts"] for p in posts) == ["1700000000.000100", "1700000009.000100"]


def test_ten_questions_at_once_are_all_answered_concurrently(
    bolt: BoltServer, slack: FakeSlack, answerer: FakeAnswerer
) -> None:
    # Every answer waits until all ten are in progress: answering one at a time would break
    # the barrier and produce apologies instead of answers.
    answerer.barrier = threading.Barrier(10, timeout=5)
    stamps = [f"17000001{i:02d}.000100" for i in range(10)]

    with ThreadPoolExecutor(10) as pool:
        replies = list(
            pool.map(lambda ts: bolt.send_event(mention_event(f"<@{BOT_USER_ID}> {QUESTION} #{ts}", ts=ts)), stamps)
        )

    assert [r.status for r in replies] == [200] * 10
    posts = answered(slack, 10)
    assert sorted(p["thread_ts"] for p in posts) == stamps
    assert all(p["text"] == "Quoted [1]." for p in posts)
    assert [r for r in slack.reactions() if r[2] == "x"] == []


def test_a_quote_containing_channel_mentions_is_posted_harmless(
    bolt: BoltServer, slack: FakeSlack, answerer: FakeAnswerer
) -> None:
    evil = replace(seed_citation(), quote="Hey <!channel> and <@U123>, see <http://evil.example|bank>")
    answerer.answers["<!here> what?"] = found("<!here> what?", [evil])

    bolt.send_event(mention_event(f"<@{BOT_USER_ID}> &lt;!here&gt; what?", ts="1700000000.000100"))

    [post] = answered(slack)
    posted = shown_texts(post)
    for dangerous in ("<!channel>", "<@U123>", "<http://evil.example|bank>", "<!here>"):
        assert dangerous not in posted
    assert (
        "&lt;!channel&gt; and &lt;@U123&gt;, see &lt;http://evil.example|bank&gt;" in section_texts(post["blocks"])[1]
    )


def test_rate_limited_post_is_retried_after_retry_after(bolt: BoltServer, slack: FakeSlack) -> None:
    slack.fail_next("chat.postMessage", 429, retry_after=1)
    started = time.monotonic()

    bolt.send_event(mention_event(f"<@{BOT_USER_ID}> {QUESTION}", ts="1700000000.000100"))

    rejected, accepted = answered(slack)
    assert time.monotonic() - started >= 1  # it waited as told
    assert rejected == accepted  # the same answer, posted again
    assert accepted["thread_ts"] == "1700000000.000100"
    assert (CHANNEL, "1700000000.000100", "x") not in slack.reactions()


def test_slack_server_error_becomes_an_apology_and_a_cross_in_the_thread(bolt: BoltServer, slack: FakeSlack) -> None:
    slack.fail_next("chat.postMessage", 500)

    bolt.send_event(mention_event(f"<@{BOT_USER_ID}> {QUESTION}", ts="1700000000.000100"))

    failed, apology = answered(slack)
    assert failed["blocks"]  # the answer was attempted once, not retried into a double post
    assert (apology["thread_ts"], apology["text"]) == ("1700000000.000100", APOLOGY)
    assert (CHANNEL, "1700000000.000100", "x") in slack.reactions()


def test_answerer_exception_becomes_an_apology_and_a_cross_with_details_only_in_the_log(
    bolt: BoltServer, slack: FakeSlack, answerer: FakeAnswerer, caplog: pytest.LogCaptureFixture
) -> None:
    answerer.error = RuntimeError("index file is corrupt: /srv/secret/path")

    with caplog.at_level(logging.ERROR, logger="bot.slack_app"):
        bolt.send_event(dm_event(QUESTION, ts="1700000001.000200"))
        [apology] = answered(slack)

    assert (apology["channel"], apology["thread_ts"], apology["text"]) == (
        DM_CHANNEL,
        "1700000001.000200",
        APOLOGY,
    )
    assert (DM_CHANNEL, "1700000001.000200", "x") in slack.reactions()
    [record] = [r for r in caplog.records if r.exc_info]
    assert "index file is corrupt" in str(record.exc_info[1])


def test_an_unusable_question_gets_the_engines_hint_not_an_apology(
    bolt: BoltServer, slack: FakeSlack, answerer: FakeAnswerer
) -> None:
    answerer.error = InvalidQuestion("The question is empty - ask something about the articles.")

    bolt.send_event(mention_event(f"<@{BOT_USER_ID}>", ts="1700000000.000100"))

    [post] = answered(slack)
    assert post["text"] == "The question is empty - ask something about the articles."
    assert (CHANNEL, "1700000000.000100", "x") not in slack.reactions()


@pytest.mark.parametrize(
    ("secret", "age"),
    [(None, 0), ("not-the-signing-secret-0123456789", 0), ("0123456789abcdef0123456789abcdef", 10 * 60)],
    ids=["unsigned", "wrong secret", "stale timestamp"],
)
def test_requests_not_signed_by_slack_now_are_rejected(
    bolt: BoltServer, slack: FakeSlack, answerer: FakeAnswerer, secret: str | None, age: int
) -> None:
    body = json.dumps(event_callback(mention_event(f"<@{BOT_USER_ID}> {QUESTION}", ts="1700000000.000100"), "Ev1"))
    reply = bolt.post(body, "application/json", secret=secret, timestamp=int(time.time()) - age)

    assert reply.status == 401
    assert answerer.calls == []
    assert [c.method for c in slack.calls] == ["auth.test"]  # only the start-up check


def test_a_mention_sent_again_because_it_was_edited_is_not_answered_twice(
    bolt: BoltServer, slack: FakeSlack, answerer: FakeAnswerer
) -> None:
    # Slack sends an edited mention as a new app_mention: a new event_id and an "edited" field.
    bolt.send_event(mention_event(f"<@{BOT_USER_ID}> Waht did Huang say?", ts="1700000000.000100"))
    answered(slack)
    edit = mention_event(
        f"<@{BOT_USER_ID}> What did Huang say?", ts="1700000000.000100", edited={"user": ASKER, "ts": "1700000030.0"}
    )

    assert bolt.send_event(edit).status == 200
    bolt.send_event(dm_event(QUESTION, ts="1700000040.000100"))  # once this is answered, the edit had its chance

    answered(slack, 2)
    assert [question for question, _ in answerer.calls] == ["Waht did Huang say?", QUESTION]


def test_a_message_edited_to_add_the_mention_is_answered(
    bolt: BoltServer, slack: FakeSlack, answerer: FakeAnswerer
) -> None:
    sent = f"{time.time() - 60:.6f}"  # a minute ago: within what the bot remembers
    edited = {"user": ASKER, "ts": f"{time.time():.6f}"}

    bolt.send_event(mention_event(f"<@{BOT_USER_ID}> {QUESTION}", ts=sent, edited=edited))

    [post] = answered(slack)
    assert post["thread_ts"] == sent
    assert answerer.calls == [(QUESTION, ())]


def test_an_edit_of_a_message_older_than_the_bot_remembers_is_not_answered(
    bolt: BoltServer, slack: FakeSlack, answerer: FakeAnswerer
) -> None:
    sent = f"{time.time() - 2 * EVENT_TTL_SECONDS:.6f}"  # it may have been answered, before a restart even
    edited = {"user": ASKER, "ts": f"{time.time():.6f}"}

    assert bolt.send_event(mention_event(f"<@{BOT_USER_ID}> {QUESTION}", ts=sent, edited=edited)).status == 200
    bolt.send_event(dm_event(QUESTION, ts="1700000040.000100"))  # once this is answered, the edit had its chance

    [post] = answered(slack)
    assert post["thread_ts"] == "1700000040.000100"


def test_a_direct_message_with_a_file_attached_is_answered(
    bolt: BoltServer, slack: FakeSlack, answerer: FakeAnswerer
) -> None:
    bolt.send_event(dm_event(QUESTION, ts="1700000001.000200", subtype="file_share", files=[{"id": "F1"}]))

    [post] = answered(slack)
    assert post["thread_ts"] == "1700000001.000200"
    assert answerer.calls == [(QUESTION, ())]


def test_slack_markup_for_links_channels_and_mentions_reaches_the_answerer_as_shown(
    bolt: BoltServer, slack: FakeSlack, answerer: FakeAnswerer
) -> None:
    text = f"<@{BOT_USER_ID}> <!here> What did <@U0OTHER> say about <http://nvidia.com|nvidia.com> in <#C0ABC|general>?"

    bolt.send_event(mention_event(text, ts="1700000000.000100"))

    answered(slack)
    assert answerer.calls == [("What did  say about nvidia.com in #general?", ())]


def test_a_mention_is_acknowledged_while_every_worker_is_answering(
    bolt: BoltServer, slack: FakeSlack, answerer: FakeAnswerer
) -> None:
    with every_worker_answering(bolt, answerer):
        late = bolt.send_event(mention_event(f"<@{BOT_USER_ID}> {QUESTION} late", ts="1700000300.000100"))

    assert late.status == 200
    answered(slack, WORKERS + 1)
