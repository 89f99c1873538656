"""How ``python -m bot eval`` scores: what counts as a hit, a correct answer, a refusal and a
verbatim quote, and how the report states the figures and the targets. Built on a tiny article
written for each test, so no index or model is needed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.errors import BotError
from bot.evaluation import (
    Question,
    Scores,
    _Files,
    _score_answer,
    _score_retrieval,
    format_table,
    format_targets,
    key_spans,
    load_questions,
    wilson_interval,
)
from bot.models import Answer, ArticleMeta, Citation, Passage

ARTICLE = "Nvidia sold chips. Revenue rose to $57 billion in the quarter. Huang visited Beijing."
SOURCE = "seeds/a.txt"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


def _span(text: str) -> tuple[int, int]:
    start = ARTICLE.index(text)
    return start, start + len(text)


def _citation(text: str, n: int = 1) -> Citation:
    start, end = _span(text)
    return Citation(n=n, quote=text, source=SOURCE, start=start, end=end, title=None, published=None, url=None)


def _passage(text: str) -> Passage:
    start, end = _span(text)
    meta = ArticleMeta(source=SOURCE, title=None, published=None, url=None)
    return Passage(f"{SOURCE}:{start}", meta, start, end, text, 0, len(ARTICLE))


REVENUE = Question("q1", "What did revenue rise to?", True, SOURCE, "$57 billion")
UNANSWERABLE = Question("q2", "What did Samsung earn?", False, None, None)


def _answer(question: Question, *quotes: str) -> Answer:
    citations = [_citation(q, n) for n, q in enumerate(quotes, start=1)]
    return Answer(question.question, "lead", found=bool(citations), mode="extractive", citations=citations)


def _scored(root: Path, question: Question, answer: Answer) -> Scores:
    scores = Scores()
    files = _Files(root)
    _score_answer(scores, files, root, question, key_spans(files, question), answer)
    return scores


def test_the_key_fact_is_found_where_it_stands_in_its_source(root: Path) -> None:
    assert key_spans(_Files(root), REVENUE) == [_span("$57 billion")]


def test_an_answer_quoting_the_key_fact_is_correct(root: Path) -> None:
    scores = _scored(root, REVENUE, _answer(REVENUE, "Revenue rose to $57 billion in the quarter."))
    assert (scores.correct, scores.refused_answerable, scores.misses) == (1, 0, [])


def test_an_answer_quoting_another_sentence_is_a_miss_not_a_refusal(root: Path) -> None:
    scores = _scored(root, REVENUE, _answer(REVENUE, "Huang visited Beijing."))
    assert (scores.correct, scores.refused_answerable) == (0, 0)
    assert "quoted the wrong sentence" in scores.misses[0]


def test_refusing_an_answerable_question_is_a_false_refusal(root: Path) -> None:
    scores = _scored(root, REVENUE, _answer(REVENUE))
    assert (scores.correct, scores.refused_answerable) == (0, 1)


def test_refusing_an_unanswerable_question_counts_as_a_refusal(root: Path) -> None:
    assert _scored(root, UNANSWERABLE, _answer(UNANSWERABLE)).refused_unanswerable == 1


def test_answering_an_unanswerable_question_is_a_miss(root: Path) -> None:
    scores = _scored(root, UNANSWERABLE, _answer(UNANSWERABLE, "Nvidia sold chips."))
    assert scores.refused_unanswerable == 0
    assert "answered an unanswerable question" in scores.misses[0]


def test_a_quote_that_is_not_its_span_is_neither_verbatim_nor_an_answer(root: Path) -> None:
    start, end = _span("Revenue rose to $57 billion in the quarter.")
    forged = Citation(1, "Revenue rose to $60 billion in the quarter.", SOURCE, start, end, None, None, None)
    answer = Answer(REVENUE.question, "lead", found=True, mode="extractive", citations=[forged])
    scores = _scored(root, REVENUE, answer)
    assert (scores.citations, scores.verbatim, scores.correct, scores.refused_answerable) == (1, 0, 0, 1)


def test_retrieval_is_scored_by_the_rank_of_the_first_passage_holding_the_key_fact(root: Path) -> None:
    scores = Scores()
    files = _Files(root)
    passages = [_passage("Nvidia sold chips."), _passage("Revenue rose to $57 billion in the quarter.")]
    _score_retrieval(scores, files, REVENUE, key_spans(files, REVENUE), passages)
    assert (scores.hit1, scores.hit5, scores.reciprocal_rank) == (0, 1, 0.5)


def test_a_malformed_question_line_is_named_by_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "q.jsonl"
    path.write_text(json.dumps({"question": "Q?", "answerable": False}) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(BotError, match=r"q\.jsonl:2 is not a question object"):
        load_questions([path])


def test_the_wilson_interval_is_the_textbook_one() -> None:
    low, high = wilson_interval(5, 10)
    assert (round(low, 3), round(high, 3)) == (0.237, 0.763)
    assert wilson_interval(0, 10)[0] == 0.0
    assert wilson_interval(0, 0) == (0.0, 1.0)


def _results(refused_unanswerable: int, refused_answerable: int) -> dict[str, Scores]:
    pipeline = Scores(answerable=20, unanswerable=10, hit1=12, correct=15)
    pipeline.refused_unanswerable, pipeline.refused_answerable = refused_unanswerable, refused_answerable
    return {
        "pipeline": pipeline,
        "bm25-only": Scores(answerable=20, unanswerable=10, hit1=10, correct=15),
        "dense-only": Scores(answerable=20, unanswerable=10, hit1=8, correct=9),
    }


def test_the_table_gives_each_rate_with_its_counts() -> None:
    table = format_table(_results(refused_unanswerable=9, refused_answerable=2))
    row = next(line for line in table.splitlines() if line.startswith("refusal rate"))
    assert "90.0% (9/10)" in row


def test_targets_without_answerable_questions_are_not_applicable() -> None:
    results = {"pipeline": Scores(unanswerable=2, refused_unanswerable=2), "bm25-only": Scores(unanswerable=2)}
    report = format_targets(results).splitlines()
    assert report[1].endswith("n/a (no baselines or no answerable questions)")
    assert "false-refusal rate (answerable): n/a" in report[4]


def test_the_targets_say_which_are_met_and_which_missed() -> None:
    report = format_targets(_results(refused_unanswerable=9, refused_answerable=3)).splitlines()
    assert "passage hit@1 ahead of the baselines: met" in report[1]
    assert "+2 questions on the best baseline" in report[1]
    # A tie with a baseline is not being ahead of it.
    assert "answer accuracy ahead of the baselines: missed" in report[2]
    assert "+0 questions on the best baseline" in report[2]
    assert "at least 90%: met (90.0%" in report[3]
    assert "at most 10%: missed (15.0%" in report[4]
