"""The answering core: question cleaning, offline follow-ups, and what the extractive answerer quotes."""

from __future__ import annotations

import pytest

from bot.engine import clean_question, standalone_offline
from bot.errors import InvalidQuestion
from bot.models import Turn
from bot.quotes import verify_citation

PREVIOUS = [Turn("What did Huang say about export controls?", "According to ...")]


def test_control_characters_become_spaces() -> None:
    assert clean_question("What\x00 did\x1b Huang\tsay?") == "What did Huang say?"


@pytest.mark.parametrize("raw", ["", "   ", "\n\t", "\x00\x01"])
def test_empty_question_is_rejected_with_an_example(raw: str) -> None:
    with pytest.raises(InvalidQuestion, match="empty"):
        clean_question(raw)


def test_overlong_question_is_rejected_with_the_limit() -> None:
    with pytest.raises(InvalidQuestion, match="2,000"):
        clean_question("why " * 5000)


def test_what_about_follow_up_swaps_the_topic_of_the_previous_question() -> None:
    assert standalone_offline("and what about Huawei?", PREVIOUS) == "What did Huang say about Huawei?"


def test_pronoun_follow_up_is_read_with_the_previous_question() -> None:
    rewritten = standalone_offline("Why did he say that?", PREVIOUS)
    assert "Why did he say that?" in rewritten and PREVIOUS[0].question in rewritten


def test_standalone_question_is_left_alone_even_in_a_conversation() -> None:
    question = "What was Nvidia's total revenue in the third quarter?"
    assert standalone_offline(question, PREVIOUS) == question


@pytest.mark.slow
def test_follow_up_in_a_conversation_answers_the_new_topic(engine) -> None:
    history = [Turn("What did Huang say about Huawei?", "...")]
    answer = engine.ask("and what about immigration?", history)
    assert answer.found
    assert any("immigra" in c.quote for c in answer.citations)


@pytest.mark.slow
def test_sentence_that_introduces_a_quote_is_quoted_with_the_quote(engine) -> None:
    answer = engine.ask("What did Huang say about Huawei?")
    first = answer.citations[0]
    assert first.quote.startswith("When asked about rival Huawei")
    assert "deeply naïve" in first.quote
    assert verify_citation(first, engine.config.project_root)


@pytest.mark.slow
def test_refusal_names_the_missing_terms_and_the_closest_articles(engine) -> None:
    answer = engine.ask("What did Huang say about Samsung's memory chips?")
    assert not answer.found and answer.citations == []
    assert "samsung" in answer.answer.lower()
    assert answer.closest
