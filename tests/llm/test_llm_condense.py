"""Follow-up questions rewritten into standalone ones by the model, with the conversation fenced."""

from __future__ import annotations

import pytest

from bot.errors import LLMUnavailable
from bot.llm import MAX_HISTORY_TURNS, LLMAnswerer
from bot.models import Turn

from .fake_openai import FakeOpenAI, completion, error
from .helpers import PROJECT_ROOT

HISTORY = [Turn(question="What did Nvidia report for the third quarter?", answer="Record revenue of $57 billion [1].")]


def test_follow_up_becomes_the_models_standalone_question(answerer: LLMAnswerer, fake_openai: FakeOpenAI) -> None:
    fake_openai.script(completion('"How much did Nvidia\'s China sales drop in the third quarter?"\n'))

    standalone = answerer.condense("And how much did its China sales drop?", HISTORY)

    assert standalone == "How much did Nvidia's China sales drop in the third quarter?"


def test_condense_sends_its_prompt_and_the_fenced_conversation(answerer: LLMAnswerer, fake_openai: FakeOpenAI) -> None:
    fake_openai.script(completion("How much did Nvidia's China sales drop?"))

    answerer.condense("And China?", HISTORY)

    (request,) = fake_openai.requests
    prompt = (PROJECT_ROOT / "prompts" / "condense.md").read_text(encoding="utf-8").strip()
    assert request.message("system") == prompt
    assert request.message("user") == (
        "<conversation>\nUser: What did Nvidia report for the third quarter?\n"
        "Bot: Record revenue of $57 billion [1].\n</conversation>\n\n<question>\nAnd China?\n</question>"
    )


def test_only_the_latest_turns_are_sent(answerer: LLMAnswerer, fake_openai: FakeOpenAI) -> None:
    history = [Turn(question=f"question {i}", answer=f"answer {i}") for i in range(10)]
    fake_openai.script(completion("question 10 about Nvidia"))

    answerer.condense("and then?", history)

    user = fake_openai.requests[0].message("user")
    assert user.count("User: ") == MAX_HISTORY_TURNS
    assert "question 9" in user and "question 5" not in user


def test_first_question_is_kept_without_asking_the_model(answerer: LLMAnswerer, fake_openai: FakeOpenAI) -> None:
    assert answerer.condense("What did Huang say?", []) == "What did Huang say?"
    assert fake_openai.requests == []


def test_empty_rewrite_raises_unavailable_for_the_offline_rewrite(
    answerer: LLMAnswerer, fake_openai: FakeOpenAI
) -> None:
    fake_openai.script(completion("   "))

    with pytest.raises(LLMUnavailable, match="rewrite of the follow-up question was not usable"):
        answerer.condense("And China?", HISTORY)


def test_condense_server_failure_raises_unavailable(answerer: LLMAnswerer, fake_openai: FakeOpenAI) -> None:
    fake_openai.script(error(401, "bad key"))

    with pytest.raises(LLMUnavailable, match="rejected the API key"):
        answerer.condense("And China?", HISTORY)
