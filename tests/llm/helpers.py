"""Passages cut from the real seed articles, and the checks every LLM answer must pass."""

from __future__ import annotations

import re
from pathlib import Path

from bot.corpus import parse_article_file
from bot.models import Answer, Passage
from bot.quotes import verify_citation

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SEEDS = PROJECT_ROOT / "seeds"


def seed_passage(file_prefix: str, sentence: str) -> Passage:
    """The passage for ``sentence`` in the seed file whose name starts with ``file_prefix``."""
    (path,) = SEEDS.glob(f"{file_prefix}_*.txt")
    text = path.read_text(encoding="utf-8")
    start = text.index(sentence)
    source = f"seeds/{path.name}"
    (article,) = (a for a in parse_article_file(text, source) if a.start <= start < a.end)
    return Passage(
        id=f"{source}:{start}",
        article=article.meta,
        start=start,
        end=start + len(sentence),
        text=sentence,
        article_start=article.start,
        article_end=article.end,
    )


REVENUE = seed_passage(
    "003",
    "In the three months ending on October 26, its total revenue increased by 62% year-over-year "
    "to a record $57 billion.",
)
CHINA_SALES = seed_passage("003", "Sales in mainland China (including Hong Kong) dropped by 63% to $3 billion.")
MARKET_SHARE = seed_passage(
    "000",
    "This mid-month, Huang Renxun had revealed that NVIDIA's market share in China's advanced chip market "
    'has dropped from "95% in the past to zero," and warned that U.S. technology restrictions on China '
    'not only "harm China" but also "often harm the U.S., even worse."',
)
SUN_JOKE = seed_passage(
    "001",
    "\u201cOnly in China can we do this out in the sun!\u201d he joked, before realizing the press "
    "conference was actually scheduled indoors.",
)
PASSAGES = [REVENUE, CHINA_SALES, MARKET_SHARE, SUN_JOKE]  # sent as passages 1..4


def markers(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"\[(\d+)\]", text)]


def assert_cited_and_numbered(answer: Answer) -> None:
    """What the user is promised: every quote verbatim, citations 1..n, every marker one of them."""
    numbers = [c.n for c in answer.citations]
    assert numbers == list(range(1, len(numbers) + 1))
    assert set(markers(answer.answer)) == set(numbers)
    for citation in answer.citations:
        assert verify_citation(citation, PROJECT_ROOT), citation
