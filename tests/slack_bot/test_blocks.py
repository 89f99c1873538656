"""Rendering answers for Slack: escaping, metadata fallbacks, refusals and Slack's size limits."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from bot.models import Answer, ArticleMeta
from bot.slack_blocks import (
    MAX_BLOCKS,
    MAX_BUTTON_VALUE,
    MAX_MESSAGE_CHARS,
    MAX_SECTION_CHARS,
    asked_question,
    escape,
    feedback_value,
    parse_feedback_value,
    plain_text,
    read_as,
    render_answer,
)

from .fakes import found, refusal, seed_citation


def sections(blocks: list[dict[str, Any]]) -> list[str]:
    return [b["text"]["text"] for b in blocks if b["type"] == "section"]


def quote_sections(blocks: list[dict[str, Any]], n: int) -> list[str]:
    """The sections showing quote [n]: its header section and any continuation sections."""
    texts = sections(blocks)
    start = next(i for i, t in enumerate(texts) if t.startswith(f"*[{n}]*"))
    end = next((i for i in range(start + 1, len(texts)) if texts[i].startswith("*[")), len(texts))
    return texts[start:end]


def texts(blocks: list[dict[str, Any]]) -> list[str]:
    """Every mrkdwn text Slack would render, in order."""
    out = []
    for block in blocks:
        if block["type"] == "section":
            out.append(block["text"]["text"])
        elif block["type"] == "context":
            out.extend(e["text"] for e in block["elements"])
    return out


def test_everything_echoed_from_question_or_article_is_escaped() -> None:
    hostile = "<!channel> <!here> <@U123> <#C999> <http://evil.example|your bank> & *bold*"
    citation = replace(seed_citation(), quote=hostile, title=hostile, published="<!here>")
    answer = Answer(
        question=hostile,
        answer=f"{hostile} [1]",
        found=True,
        mode="extractive",
        citations=[citation],
        notes=[hostile],
    )

    [message] = render_answer(answer, asked_by="U0ASKER")

    shown = "\n".join([*texts(message.blocks), message.text])
    assert "<!" not in shown and "<@U123>" not in shown and "<#" not in shown and "<http://evil" not in shown
    assert escape(hostile) in shown
    assert all(block.get("text", {}).get("verbatim", True) for block in message.blocks)


def test_missing_title_url_and_date_fall_back_to_the_source_file() -> None:
    bare = replace(seed_citation(), title=None, url=None, published=None)
    titled = replace(seed_citation(n=2), url="javascript:alert(1)")

    [message] = render_answer(found("q?", [bare, titled]))

    first, second = texts(message.blocks)[1:3]
    assert first.startswith("*[1]* `seeds/000_999120c5d4b66c65.txt`\n>")
    assert second.startswith("*[2]* Huang: China market share fell to zero · 2025-10-29 · `seeds/000_")
    assert "javascript:" not in second


def test_refusal_says_plainly_the_articles_dont_cover_it_and_names_the_closest() -> None:
    answer = refusal("Who won the 1998 World Cup?")
    answer.answer = "The articles don't say: nothing about the World Cup <1998>."

    [message] = render_answer(answer)

    shown = texts(message.blocks)[0]
    assert shown.startswith("*The articles I have don't cover this:* nothing about the World Cup")  # said once
    assert "&lt;1998&gt;" in shown
    assert "Huang at the Washington conference · 2025-10-29" in shown
    assert message.text == "The articles don't say: nothing about the World Cup &lt;1998&gt;."


def test_refusal_without_any_close_article_still_says_so() -> None:
    answer = Answer(question="?", answer="", found=False, mode="extractive", closest=[])

    [message] = render_answer(answer)

    assert texts(message.blocks)[0] == "*The articles I have don't cover this.*"
    assert message.text == "The articles I have don't cover this."


def test_a_very_long_answer_is_split_within_slacks_limits_and_keeps_every_quote_whole() -> None:
    words = "Export controls harm both sides & cost <market share>."
    quotes = [f"Quote {n}: " + " ".join([words] * (5 + n % 40)) for n in range(1, 61)]
    quotes[30] = "Giant quote: " + " ".join([words] * 130)  # ~7,000 characters: more than one section
    citations = [replace(seed_citation(n=n), quote=q) for n, q in enumerate(quotes, start=1)]
    answer = found("q?", citations, text=" ".join(["A long summary sentence [1]."] * 200))  # ~5,600 chars

    messages = render_answer(answer)

    assert len(messages) > 1
    for message in messages:
        assert len(message.blocks) <= MAX_BLOCKS
        assert sum(len(json.dumps(b, ensure_ascii=False)) for b in message.blocks) <= MAX_MESSAGE_CHARS
        assert all(len(t) <= MAX_SECTION_CHARS for t in texts(message.blocks))
        assert message.text
    # The buttons come once, under the last part.
    assert [i for i, m in enumerate(messages) for b in m.blocks if b["type"] == "actions"] == [len(messages) - 1]
    # Each quote is in exactly one message, in order, with all of its words.
    holders = []
    for n, quote in enumerate(quotes, start=1):
        [holder] = [i for i, m in enumerate(messages) if any(t.startswith(f"*[{n}]*") for t in texts(m.blocks))]
        lines = "\n".join(quote_sections(messages[holder].blocks, n)).split("\n")[1:]  # after the header
        assert all(line.startswith(">") for line in lines)
        assert " ".join(line[1:] for line in lines).split() == escape(quote).split(), f"quote {n} not whole"
        holders.append(holder)
    assert holders == sorted(holders)
    # The short answer is all there, before the quotes.
    first = sections(messages[0].blocks)
    answer_sections = first[: next(i for i, t in enumerate(first) if t.startswith("*["))]
    assert " ".join(answer_sections).split() == answer.answer.split()


def test_feedback_buttons_carry_the_question_answer_and_citation_spans_within_slacks_limit() -> None:
    citations = [replace(seed_citation(n=n), source=f"seeds/{n:03d}_article.txt") for n in range(1, 13)]
    answer = found("Why? " * 400, citations, text="Because [1]. " * 1000)  # both far over 2,000 chars

    value = feedback_value(answer)
    decoded = parse_feedback_value(value)

    assert len(value) <= MAX_BUTTON_VALUE
    assert decoded.question.startswith("Why? Why?") and decoded.answer.startswith("Because [1].")
    assert decoded.citations == [{"n": c.n, "source": c.source, "start": c.start, "end": c.end} for c in citations]


def test_feedback_buttons_carry_how_a_follow_up_was_read_within_slacks_limit() -> None:
    answer = replace(found("What else? " * 200, text="Because [1]. " * 300), read_as="What else did Huang say? " * 200)

    value = feedback_value(answer)
    decoded = parse_feedback_value(value)

    assert len(value) <= MAX_BUTTON_VALUE
    assert decoded.read_as is not None and decoded.read_as.startswith("What else did Huang say?")
    assert parse_feedback_value(feedback_value(found("Why?"))).read_as is None


def test_closest_articles_with_unsafe_urls_are_not_linked() -> None:
    meta = ArticleMeta(source="seeds/x.txt", title="T", published=None, url="https://a.example/x|<!channel>")
    answer = Answer(question="?", answer="", found=False, mode="extractive", closest=[meta])

    shown = texts(render_answer(answer)[0].blocks)[0]

    assert "<!channel>" not in shown
    assert "<https://a.example/x%7C&lt;!channel&gt;|T>" in shown


def test_an_answer_made_only_of_quotes_has_no_empty_section() -> None:
    [message] = render_answer(found("q?", [seed_citation()], text=" "))

    assert all(t.strip() for t in texts(message.blocks))
    assert texts(message.blocks)[0].startswith("*[1]*")
    assert message.text == "Quotes from the articles."


def test_a_question_that_escapes_to_more_than_a_section_is_still_within_limits() -> None:
    answer = found("&" * 2000)  # 2,000 characters, 10,000 once escaped

    messages = render_answer(answer, asked_by="U0ASKER")

    shown = [t for m in messages for t in texts(m.blocks)]
    assert all(len(t) <= MAX_SECTION_CHARS for t in shown)
    assert "".join(shown).count("&amp;") == 2000


def test_an_untitled_article_is_named_by_its_outlet_as_in_the_terminal() -> None:
    untitled = replace(seed_citation(), title=None, url=None)
    outlet = ArticleMeta(source=untitled.source, title=None, published=None, url=None, outlet="Titanium Media APP")

    [message] = render_answer(found("q?", [untitled]), article_for=lambda citation: outlet)

    assert texts(message.blocks)[1].startswith("*[1]* Titanium Media APP · 2025-10-29 · `seeds/000_")


def test_a_closest_article_without_a_title_is_named_by_its_outlet() -> None:
    answer = refusal("Who won the 1998 World Cup?")
    answer.closest = [ArticleMeta(source="seeds/004_x.txt", title=None, published=None, url=None, outlet="Observer")]

    [message] = render_answer(answer)

    assert "• Observer · `seeds/004_x.txt`" in texts(message.blocks)[0]


def test_a_follow_up_says_what_it_was_read_as_and_the_thread_can_read_it_back() -> None:
    answer = found("When was that?")
    answer.read_as = "When was that? What did Huang say about AT&T?"

    [message] = render_answer(answer)

    contexts = [e["text"] for b in message.blocks if b["type"] == "context" for e in b["elements"]]
    assert "Read as: When was that? What did Huang say about AT&amp;T?" in contexts
    assert read_as(message.blocks) == answer.read_as
    assert read_as(render_answer(found("When was that?"))[0].blocks) is None


def test_slack_markup_is_read_as_the_text_people_see() -> None:
    assert plain_text("<http://nvidia.com|nvidia.com> and <https://x.co/a?b=1&amp;c=2>") == (
        "nvidia.com and https://x.co/a?b=1&c=2"
    )
    assert plain_text("in <#C0ABC|general>, <!here> <@U0OTHER> <!subteam^S1|@chips> asked") == (
        "in #general,   @chips asked"
    )
    assert plain_text("AT&amp;T &lt;b&gt;") == "AT&T <b>"


def test_emoji_are_no_part_of_a_question() -> None:
    assert plain_text("What did Huang say? :pray: :+1::skin-tone-2:").split() == ["What", "did", "Huang", "say?"]
    assert plain_text("What happened at 10:30:00?") == "What happened at 10:30:00?"


def test_a_link_put_on_words_keeps_its_address() -> None:
    assert plain_text("What does <https://example.com/a/1|this article> say?") == (
        "What does this article https://example.com/a/1 say?"
    )
    assert plain_text("see <https://nvidia.com/|nvidia.com>") == "see nvidia.com"  # the address as typed


def test_an_answer_to_a_slash_command_gives_back_its_question() -> None:
    message = render_answer(found("What did Huang say about AT&T?"), asked_by="U0ASKER")[0]
    assert asked_question(message.blocks) == "What did Huang say about AT&T?"
    assert asked_question(render_answer(found("What did Huang say?"))[0].blocks) is None
