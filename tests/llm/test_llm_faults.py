"""Server faults: retried where the client can recover, otherwise one clear ``LLMUnavailable`` line
(the engine turns it into the extractive answer with a note). Nothing waits longer than the
configured timeout times the attempts, plus the client's backoff."""

from __future__ import annotations

import socket
import time
from dataclasses import replace
from email.utils import formatdate
from pathlib import Path

import pytest

from bot.config import Config
from bot.errors import ConfigError, LLMUnavailable
from bot.llm import LLMAnswerer

from .fake_openai import FakeOpenAI, Reply, answer, completion, error, stall
from .helpers import PASSAGES, REVENUE, assert_cited_and_numbered

QUESTION = "What was Nvidia's revenue?"
FAITHFUL = answer("Revenue hit a record [1].", [(1, REVENUE.text)])


def test_429_with_retry_after_is_retried_after_the_wait_then_answers(
    answerer: LLMAnswerer, fake_openai: FakeOpenAI
) -> None:
    fake_openai.script(error(429, "Rate limit reached.", headers={"Retry-After": "1"}), FAITHFUL)

    started = time.monotonic()
    result = answerer.answer(QUESTION, PASSAGES)
    elapsed = time.monotonic() - started

    assert (result.found, result.mode) == (True, "llm")
    assert_cited_and_numbered(result)
    assert len(fake_openai.requests) == 2
    # The client's own backoff for a first retry is at most 0.5 s: waiting ~1 s means it obeyed Retry-After.
    assert 0.9 <= elapsed < 3.0


@pytest.mark.parametrize("form", ["seconds", "http-date"])
def test_429_asking_for_a_wait_longer_than_the_timeout_fails_fast(
    answerer: LLMAnswerer, fake_openai: FakeOpenAI, form: str
) -> None:
    retry_after = "60" if form == "seconds" else formatdate(time.time() + 60, usegmt=True)
    fake_openai.script(error(429, "Rate limit reached.", headers={"Retry-After": retry_after}), FAITHFUL)

    started = time.monotonic()
    with pytest.raises(LLMUnavailable, match=r"answered HTTP 429: Rate limit reached\."):
        answerer.answer(QUESTION, PASSAGES)

    assert time.monotonic() - started < 1.0
    assert len(fake_openai.requests) == 1


def test_500_is_retried_then_answers(answerer: LLMAnswerer, fake_openai: FakeOpenAI) -> None:
    fake_openai.script(error(500, "upstream crashed"), FAITHFUL)

    result = answerer.answer(QUESTION, PASSAGES)

    assert (result.found, result.mode) == (True, "llm")
    assert len(fake_openai.requests) == 2


def test_persistent_503_gives_up_after_the_retries_with_the_status(llm_config: Config, fake_openai: FakeOpenAI) -> None:
    answerer = LLMAnswerer(replace(llm_config, openai_max_retries=1))
    fake_openai.script(error(503, "model is loading"))

    with pytest.raises(LLMUnavailable, match=r"answered HTTP 503: model is loading") as caught:
        answerer.answer(QUESTION, PASSAGES)

    assert "\n" not in str(caught.value)
    assert len(fake_openai.requests) == 2


def test_stall_longer_than_the_timeout_gives_up_within_the_bound(llm_config: Config, fake_openai: FakeOpenAI) -> None:
    timeout, retries = 0.5, 1
    answerer = LLMAnswerer(replace(llm_config, openai_timeout=timeout, openai_max_retries=retries))
    fake_openai.script(stall(30))

    started = time.monotonic()
    with pytest.raises(LLMUnavailable, match=r"did not answer within 0.5s \(2 attempt\(s\)\) - .*OPENAI_TIMEOUT"):
        answerer.answer(QUESTION, PASSAGES)
    elapsed = time.monotonic() - started

    backoff = 0.5  # the client's first retry waits at most 0.5 s
    assert elapsed < timeout * (retries + 1) + backoff + 1.0
    assert len(fake_openai.requests) == retries + 1


def test_unknown_model_names_the_model_and_the_server(llm_config: Config, fake_openai: FakeOpenAI) -> None:
    answerer = LLMAnswerer(replace(llm_config, openai_model="gpt-nope"))

    with pytest.raises(LLMUnavailable) as caught:
        answerer.answer(QUESTION, PASSAGES)

    assert str(caught.value) == (
        f"the model 'gpt-nope' was not found on {llm_config.openai_base_url} - check OPENAI_MODEL "
        "(and that OPENAI_BASE_URL ends in /v1)"
    )
    assert len(fake_openai.requests) == 1  # a 404 is not retried


def test_rejected_key_says_to_check_the_key_without_showing_it(llm_config: Config, fake_openai: FakeOpenAI) -> None:
    answerer = LLMAnswerer(replace(llm_config, openai_api_key="sk-wrong-key-123"))

    with pytest.raises(LLMUnavailable, match=r"rejected the API key \(HTTP 401\) - check OPENAI_API_KEY") as caught:
        answerer.answer(QUESTION, PASSAGES)

    assert "sk-wrong-key-123" not in str(caught.value)
    assert len(fake_openai.requests) == 1


def test_connection_refused_says_to_check_the_base_url(llm_config: Config) -> None:
    with socket.socket() as sock:  # a port that was free a moment ago: nothing listens there
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{closed_port}/v1"
    answerer = LLMAnswerer(replace(llm_config, openai_base_url=url, openai_max_retries=0))

    with pytest.raises(LLMUnavailable) as caught:
        answerer.answer(QUESTION, PASSAGES)

    assert str(caught.value) == (f"could not connect to {url} - check OPENAI_BASE_URL and that the server is running")


def test_reply_that_is_not_json_raises_unavailable(answerer: LLMAnswerer, fake_openai: FakeOpenAI) -> None:
    fake_openai.script(completion("Nvidia's revenue was a record $57 billion, as passage 1 says."))

    with pytest.raises(LLMUnavailable, match="not the JSON answer it was asked for"):
        answerer.answer(QUESTION, PASSAGES)


def test_reply_json_missing_fields_raises_unavailable(answerer: LLMAnswerer, fake_openai: FakeOpenAI) -> None:
    fake_openai.script(completion('{"text": "Revenue hit a record."}'))

    with pytest.raises(LLMUnavailable, match="did not have the answer/found/quotes fields"):
        answerer.answer(QUESTION, PASSAGES)


def test_json_in_a_code_fence_from_a_server_that_ignores_the_schema_is_used(
    answerer: LLMAnswerer, fake_openai: FakeOpenAI
) -> None:
    body = '{"answer": "Revenue hit a record [1].", "found": true, "quotes": [{"passage": 1, "quote": "%s"}]}'
    fake_openai.script(completion("Here is the answer:\n```json\n" + body % REVENUE.text + "\n```"))

    result = answerer.answer(QUESTION, PASSAGES)

    assert (result.found, result.mode) == (True, "llm")
    assert_cited_and_numbered(result)


def test_http_body_that_is_not_json_raises_unavailable(answerer: LLMAnswerer, fake_openai: FakeOpenAI) -> None:
    fake_openai.script(Reply(body=b'{"id": "chatcmpl-broken", "choi'))

    with pytest.raises(LLMUnavailable, match="sent a reply that is not JSON"):
        answerer.answer(QUESTION, PASSAGES)


def test_html_page_instead_of_a_completion_raises_unavailable(answerer: LLMAnswerer, fake_openai: FakeOpenAI) -> None:
    fake_openai.script(Reply(body=b"<html><body>Welcome to nginx!</body></html>", content_type="text/html"))

    with pytest.raises(LLMUnavailable, match="did not send a chat completion - check that OPENAI_BASE_URL"):
        answerer.answer(QUESTION, PASSAGES)


def test_missing_prompt_file_is_a_config_error_naming_it(llm_config: Config, tmp_path: Path) -> None:
    (tmp_path / "answer.md").write_text("Answer from the passages.", encoding="utf-8")

    with pytest.raises(ConfigError, match=r"prompt file .*condense\.md could not be read"):
        LLMAnswerer(replace(llm_config, prompts_dir=tmp_path))
