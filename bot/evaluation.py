"""``python -m bot eval``: the pipeline against BM25-only and dense-only baselines, side by side.

Each question in ``evals/*.jsonl`` names its source file and a key fact copied verbatim from it.
A retrieved sentence *hits* when its span overlaps the key fact's span in that file; an answer is
*correct* when one of its verified citations does. All three systems answer with the same
extractive answerer over the same sentence nodes; only retrieval differs:

- ``pipeline``: exactly what users get offline, ``Engine.ask`` (hybrid retrieval, extractive answer,
  every citation re-verified); its passage metrics are those of hybrid retrieval.
- ``bm25-only`` / ``dense-only``: ``retriever.retrieve(q, strategy=...)`` then the same answerer;
  citations are checked here with ``verify_citation``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from bot.config import Config
from bot.errors import BotError
from bot.models import Answer, Citation, Passage
from bot.quotes import locate_quote, verify_citation

if TYPE_CHECKING:
    from bot.engine import Engine

SYSTEMS = ("pipeline", "bm25-only", "dense-only")
_STRATEGY = {"pipeline": "hybrid", "bm25-only": "bm25", "dense-only": "dense"}
K = 10


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    answerable: bool
    source: str | None
    key_fact: str | None
    paraphrased: bool = False


@dataclass
class Scores:
    """Counts for one system; the rates are derived from them."""

    answerable: int = 0
    unanswerable: int = 0
    hit1: int = 0
    hit5: int = 0
    reciprocal_rank: float = 0.0
    correct: int = 0
    refused_unanswerable: int = 0
    refused_answerable: int = 0
    citations: int = 0
    verbatim: int = 0
    misses: list[str] = field(default_factory=list)

    @staticmethod
    def _rate(part: float, whole: int) -> float | None:
        return part / whole if whole else None

    def counts(self) -> dict[str, tuple[int, int]]:
        """(part, whole) behind each rate, so a reader sees how many questions a figure rests on."""
        return {
            "passage hit@1": (self.hit1, self.answerable),
            "passage hit@5": (self.hit5, self.answerable),
            "answer accuracy": (self.correct, self.answerable),
            "refusal rate (unanswerable)": (self.refused_unanswerable, self.unanswerable),
            "false-refusal rate (answerable)": (self.refused_answerable, self.answerable),
            "quote-verbatim rate": (self.verbatim, self.citations),
        }

    def metrics(self) -> dict[str, float | None]:
        return {
            "passage hit@1": self._rate(self.hit1, self.answerable),
            "passage hit@5": self._rate(self.hit5, self.answerable),
            "MRR": self._rate(self.reciprocal_rank, self.answerable),
            "answer accuracy": self._rate(self.correct, self.answerable),
            "refusal rate (unanswerable)": self._rate(self.refused_unanswerable, self.unanswerable),
            "false-refusal rate (answerable)": self._rate(self.refused_answerable, self.answerable),
            "quote-verbatim rate": self._rate(self.verbatim, self.citations),
        }


def load_questions(paths: Sequence[Path]) -> list[Question]:
    """Questions from JSONL files; a malformed line is an error naming the file and line."""
    questions: list[Question] = []
    for path in paths:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as err:
            raise BotError(f"Cannot read the question file {path} ({err}) - check the path.") from err
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                questions.append(
                    Question(
                        id=str(row.get("id") or f"{path.stem}-{number}"),
                        question=str(row["question"]),
                        answerable=bool(row["answerable"]),
                        source=row.get("source"),
                        key_fact=row.get("key_fact"),
                        paraphrased=bool(row.get("paraphrased", False)),
                    )
                )
            except (ValueError, KeyError, TypeError, AttributeError) as err:
                raise BotError(
                    f"{path}:{number} is not a question object ({err}) - each line needs "
                    '{"id", "question", "answerable", "source", "key_fact"}.'
                ) from err
    if not questions:
        raise BotError(f"No questions in {', '.join(map(str, paths))}.")
    return questions


def question_files(config: Config, which: str, questions_path: str | None) -> list[Path]:
    if questions_path:
        return [Path(questions_path)]
    folder = config.project_root / "evals"
    names = {"dev": ["dev.jsonl"], "test": ["test.jsonl"], "all": ["dev.jsonl", "test.jsonl"]}[which]
    return [folder / name for name in names]


class _Files:
    """Raw source texts, read with ``open`` as the contract states, cached."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._texts: dict[Path, str | None] = {}

    def path(self, source: str) -> Path:
        path = Path(source)
        return (path if path.is_absolute() else self.root / path).resolve()

    def text(self, source: str) -> str | None:
        path = self.path(source)
        if path not in self._texts:
            try:
                with open(path, encoding="utf-8") as handle:
                    self._texts[path] = handle.read()
            except (OSError, UnicodeDecodeError):
                self._texts[path] = None
        return self._texts[path]

    def verbatim(self, citation: Citation) -> bool:
        text = self.text(citation.source)
        return text is not None and text[citation.start : citation.end] == citation.quote


def key_spans(files: _Files, question: Question) -> list[tuple[int, int]]:
    """Every span of the key fact in its source file (exact occurrences, else a tolerant match)."""
    if not question.source or not question.key_fact:
        return []
    text = files.text(question.source)
    if text is None:
        return []
    spans = []
    at = text.find(question.key_fact)
    while at != -1:
        spans.append((at, at + len(question.key_fact)))
        at = text.find(question.key_fact, at + 1)
    if not spans and (found := locate_quote(text, question.key_fact)) is not None:
        spans.append(found)
    return spans


def _hits(files: _Files, question: Question, spans: list[tuple[int, int]], source: str, start: int, end: int) -> bool:
    if question.source is None or files.path(source) != files.path(question.source):
        return False
    return any(start < b and a < end for a, b in spans)


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _score_retrieval(
    scores: Scores, files: _Files, q: Question, spans: list[tuple[int, int]], passages: Sequence[Passage]
) -> None:
    rank = next((i for i, p in enumerate(passages, start=1) if _hits(files, q, spans, p.source, p.start, p.end)), None)
    if rank is not None:
        scores.hit1 += rank == 1
        scores.hit5 += rank <= 5
        scores.reciprocal_rank += 1.0 / rank
    if rank is None or rank > 5:
        top = _short(passages[0].text) if passages else "nothing"
        where = "not in the top 10" if rank is None else f"at rank {rank}"
        scores.misses.append(f"{q.id}: retrieval: key fact {where}; top passage: {top}")


def _score_answer(
    scores: Scores, files: _Files, root: Path, q: Question, spans: list[tuple[int, int]], answer: Answer
) -> None:
    scores.citations += len(answer.citations)
    scores.verbatim += sum(files.verbatim(c) for c in answer.citations)
    verified = [c for c in answer.citations if verify_citation(c, root)]
    found = answer.found and bool(verified)
    if not q.answerable:
        if found:
            scores.misses.append(f"{q.id}: answered an unanswerable question: {_short(verified[0].quote)}")
        else:
            scores.refused_unanswerable += 1
        return
    if not found:
        scores.refused_answerable += 1
        scores.misses.append(f"{q.id}: refused: {_short(answer.answer)}")
    elif any(_hits(files, q, spans, c.source, c.start, c.end) for c in verified):
        scores.correct += 1
    else:
        scores.misses.append(f"{q.id}: quoted the wrong sentence: {_short(verified[0].quote)}")


def evaluate(engine: Engine, questions: Sequence[Question], systems: Sequence[str] = SYSTEMS) -> dict[str, Scores]:
    """Scores per system over ``questions`` (the engine should be offline: see ``run``)."""
    from bot.engine import clean_question

    files = _Files(engine.config.project_root)
    results = {name: Scores() for name in systems}
    for q in questions:
        spans = key_spans(files, q)
        if q.answerable and not spans:
            for scores in results.values():
                scores.misses.append(f"{q.id}: evaluation data: key fact not found in {q.source}")
        try:
            text = clean_question(q.question)
        except BotError as err:
            text = ""
            invalid = str(err)
        for name, scores in results.items():
            if q.answerable:
                scores.answerable += 1
            else:
                scores.unanswerable += 1
            if not text:
                refusal = Answer(question=q.question, answer=invalid, found=False, mode="extractive")
                _score_answer(scores, files, engine.config.project_root, q, spans, refusal)
                continue
            # Every system reads the question as users' questions are read (Engine.ask does the same).
            read = engine.reading(text)
            retrieved = engine.retriever.retrieve(read, strategy=_STRATEGY[name], k=K)  # type: ignore[arg-type]
            if q.answerable:
                _score_retrieval(scores, files, q, spans, retrieved.passages)
            answer = engine.ask(text) if name == "pipeline" else engine.extractive.answer(read, retrieved)
            _score_answer(scores, files, engine.config.project_root, q, spans, answer)
    return results


def format_table(results: dict[str, Scores]) -> str:
    """The metrics side by side, each rate with the counts it rests on: "78.9% (30/38)"."""
    names = list(results)
    metrics = {name: scores.metrics() for name, scores in results.items()}
    counts = {name: scores.counts() for name, scores in results.items()}
    rows = list(next(iter(metrics.values())))
    width = max(len(r) for r in rows) + 2
    column = 18
    lines = ["metric".ljust(width) + "".join(n.rjust(column) for n in names)]
    lines.append("-" * len(lines[0]))
    for row in rows:
        cells = []
        for name in names:
            value = metrics[name][row]
            if value is None:
                cell = "n/a"
            elif row == "MRR":
                cell = f"{value:.3f}"
            else:
                part, whole = counts[name][row]
                cell = f"{value:.1%} ({part}/{whole})"
            cells.append(cell.rjust(column))
        lines.append(row.ljust(width) + "".join(cells))
    return "\n".join(lines)


# Issue 2's targets for the pipeline.
REFUSAL_TARGET = 0.90  # at least 9 in 10 unanswerable questions refused
FALSE_REFUSAL_TARGET = 0.10  # at most 1 in 10 answerable questions refused


def wilson_interval(part: int, whole: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% Wilson score interval of a proportion: on a few dozen questions one more or one
    fewer moves a rate by several points, and the interval says how far the truth may lie."""
    if whole == 0:
        return 0.0, 1.0
    rate = part / whole
    centre = (rate + z * z / (2 * whole)) / (1 + z * z / whole)
    spread = z * ((rate * (1 - rate) / whole + z * z / (4 * whole * whole)) ** 0.5) / (1 + z * z / whole)
    return max(0.0, centre - spread), min(1.0, centre + spread)


def format_targets(results: dict[str, Scores]) -> str:
    """Whether the pipeline meets issue 2's targets: ahead of both baselines on hit@1 and answer
    accuracy, refusing at least 90% of unanswerable questions and at most 10% of answerable ones."""
    pipeline = results["pipeline"]
    metrics = {name: scores.metrics() for name, scores in results.items()}
    baselines = [name for name in results if name != "pipeline"]
    lines = ["targets (pipeline):"]
    for row in ("passage hit@1", "answer accuracy"):
        if not baselines or metrics["pipeline"][row] is None:
            lines.append(f"  {row} ahead of the baselines: n/a (no baselines or no answerable questions)")
            continue
        ours = metrics["pipeline"][row] or 0.0
        theirs = [metrics[name][row] or 0.0 for name in baselines]
        met = all(ours > value for value in theirs)
        versus = ", ".join(f"{name} {value:.1%}" for name, value in zip(baselines, theirs, strict=True))
        # In questions, so that a lead of one question is not read as a clear win.
        margin = pipeline.counts()[row][0] - max(results[name].counts()[row][0] for name in baselines)
        lead = f"; {margin:+d} question{'s' if abs(margin) != 1 else ''} on the best baseline"
        lines.append(f"  {row} ahead of the baselines: {'met' if met else 'missed'} ({ours:.1%} vs {versus}{lead})")
    for row, target, at_least in (
        ("refusal rate (unanswerable)", REFUSAL_TARGET, True),
        ("false-refusal rate (answerable)", FALSE_REFUSAL_TARGET, False),
    ):
        part, whole = pipeline.counts()[row]
        if not whole:
            lines.append(f"  {row}: n/a (no such questions)")
            continue
        rate = part / whole
        low, high = wilson_interval(part, whole)
        met = rate >= target if at_least else rate <= target
        bound = "at least" if at_least else "at most"
        lines.append(
            f"  {row} {bound} {target:.0%}: {'met' if met else 'missed'} "
            f"({rate:.1%}, 95% interval {low:.1%}-{high:.1%})"
        )
    return "\n".join(lines)


def run(
    config: Config,
    which: str = "all",
    questions_path: str | None = None,
    verbose: bool = False,
    out: TextIO | None = None,
    progress: Callable[[str], None] | None = None,
) -> int:
    """Load (offline), evaluate, print the table (and the misses with ``verbose``). Returns 0."""
    import sys

    from bot.engine import Engine

    out = out or sys.stdout
    paths = question_files(config, which, questions_path)
    questions = load_questions(paths)
    # The evaluation measures the offline pipeline; an LLM would make it slow, costly and noisy.
    engine = Engine.load(replace(config, force_offline=True), progress=progress)
    results = evaluate(engine, questions)
    answerable = sum(q.answerable for q in questions)
    paraphrased = sum(q.paraphrased for q in questions)
    print(
        f"{len(questions)} questions from {', '.join(_display(p, config.project_root) for p in paths)}: "
        f"{answerable} answerable ({paraphrased} paraphrased), {len(questions) - answerable} unanswerable",
        file=out,
    )
    print(file=out)
    print(format_table(results), file=out)
    if "pipeline" in results and len(results) > 1:
        print(file=out)
        print(format_targets(results), file=out)
    if verbose:
        for name, scores in results.items():
            print(f"\nmisses, {name} ({len(scores.misses)}):", file=out)
            for miss in scores.misses:
                print(f"  {miss}", file=out)
    out.flush()
    return 0


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def as_dict(results: dict[str, Scores]) -> dict[str, Any]:
    """Machine-readable form of the results (for scripts and tests)."""
    return {name: scores.metrics() for name, scores in results.items()}
