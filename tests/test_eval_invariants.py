"""Over every evaluation question: every quote is its source's exact span; and the lead's two
refusal targets (Samsung refused, immigration answered)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _questions() -> list[dict]:
    rows = []
    for name in ("dev.jsonl", "test.jsonl"):
        for line in (PROJECT_ROOT / "evals" / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                rows.append(json.loads(line))
    return rows


QUESTIONS = _questions()


@pytest.mark.parametrize("row", QUESTIONS, ids=[row["id"] for row in QUESTIONS])
def test_every_citation_is_the_exact_span_of_its_source(engine, row: dict, caplog: pytest.LogCaptureFixture) -> None:
    answer = engine.ask(row["question"])
    # The engine withholds any answer whose quotes fail its own check, so its output alone could
    # pass even if the answerer produced bad spans: nothing may have been withheld either.
    assert "Withheld" not in caplog.text
    for citation in answer.to_dict()["citations"]:
        with open(PROJECT_ROOT / citation["source"], encoding="utf-8") as handle:
            assert handle.read()[citation["start"] : citation["end"]] == citation["quote"]
    if answer.found:
        assert answer.citations
    else:
        assert not answer.citations


# The lead's targets (issue 2): if these fail while retrieval/extractive tuning is in progress,
# they stay failing rather than being weakened.
def test_target_samsung_memory_chips_is_refused(engine) -> None:
    assert engine.ask("What did Huang say about Samsung's memory chips?").found is False


def test_target_huang_on_immigration_is_answered(engine) -> None:
    answer = engine.ask("What did Huang say about immigration?")
    assert answer.found is True
    assert answer.citations
