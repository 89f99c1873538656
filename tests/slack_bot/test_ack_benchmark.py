"""How fast Slack gets its HTTP acknowledgement while the answer itself takes about 2 seconds.

Slack gives up on a request after 3 seconds and re-sends it. This prints the measured times
(it does not assert on them: timing depends on the machine) and asserts only correctness.
"""

from __future__ import annotations

import statistics

import pytest

from .fakes import BOT_USER_ID, BoltServer, FakeAnswerer, FakeSlack, mention_event

ANSWER_SECONDS = 2.0
SAMPLES = 5


def test_event_is_acknowledged_long_before_a_slow_answer_is_ready(
    bolt: BoltServer, slack: FakeSlack, answerer: FakeAnswerer, capsys: pytest.CaptureFixture[str]
) -> None:
    answerer.delay = ANSWER_SECONDS
    stamps = [f"17000002{i:02d}.000100" for i in range(SAMPLES)]

    replies = [bolt.send_event(mention_event(f"<@{BOT_USER_ID}> Question {i}?", ts=ts)) for i, ts in enumerate(stamps)]

    assert [r.status for r in replies] == [200] * SAMPLES
    slack.wait_for("reactions.remove", SAMPLES, timeout=ANSWER_SECONDS * 3)
    assert sorted(p["thread_ts"] for p in slack.calls_to("chat.postMessage")) == stamps  # each once
    acks_ms = [r.seconds * 1000 for r in replies]
    with capsys.disabled():
        print(
            f"\nSlack event ack over HTTP while each answer takes {ANSWER_SECONDS:.0f} s "
            f"({SAMPLES} events): median {statistics.median(acks_ms):.1f} ms, "
            f"min {min(acks_ms):.1f} ms, max {max(acks_ms):.1f} ms (Slack's limit: 3000 ms)"
        )
