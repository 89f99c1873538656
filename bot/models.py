"""Plain data types at the boundaries: what every front end renders and every answerer returns."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

# How every refusal opens ("The articles don't say: they never mention “Samsung”."); a front end
# with its own headline for refusals shows only the reason after it.
REFUSAL_OPENING = "The articles don't say: "

Mode = Literal["extractive", "llm"]


@dataclass(frozen=True)
class ArticleMeta:
    """What we know about one article, for showing next to a quote."""

    source: str  # path relative to the project root, e.g. "seeds/000_x.txt"
    title: str | None
    published: str | None  # YYYY-MM-DD
    url: str | None
    outlet: str | None = None
    author: str | None = None

    @property
    def label(self) -> str:
        """How people see the article named: its title, else outlet, author or file name."""
        return self.title or self.outlet or self.author or self.source.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Passage:
    """One quotable sentence of an article, with its exact character span in the raw file."""

    id: str
    article: ArticleMeta
    start: int
    end: int
    text: str  # == raw file text[start:end]
    # The span of the article the sentence belongs to (a file may hold more than one article).
    article_start: int
    article_end: int
    score: float = 0.0

    @property
    def source(self) -> str:
        return self.article.source


@dataclass(frozen=True)
class Citation:
    """A verbatim quote: ``open(source).read()[start:end] == quote``."""

    n: int
    quote: str
    source: str
    start: int
    end: int
    title: str | None
    published: str | None
    url: str | None

    @classmethod
    def from_passage(cls, n: int, passage: Passage) -> Citation:
        meta = passage.article
        return cls(
            n=n,
            quote=passage.text,
            source=meta.source,
            start=passage.start,
            end=passage.end,
            title=meta.title,
            published=meta.published,
            url=meta.url,
        )


@dataclass
class Answer:
    """The one thing every front end renders (terminal, JSON, Slack)."""

    question: str
    answer: str
    found: bool
    mode: Mode
    citations: list[Citation] = field(default_factory=list)
    # Not part of the JSON contract: context for people (closest articles on a refusal, notes,
    # and the standalone question a follow-up was answered as, which the next follow-up builds on).
    closest: list[ArticleMeta] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    read_as: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The machine-readable contract: exactly these keys, in this order."""
        return {
            "question": self.question,
            "answer": self.answer,
            "found": self.found,
            "mode": self.mode,
            "citations": [asdict(c) for c in self.citations],
        }


@dataclass(frozen=True)
class Turn:
    """One earlier question and its answer in a conversation (a Slack thread or a chat session)."""

    question: str
    answer: str
    # The spans (source, start, end) the answer quoted: "What did he say next?" is not answered
    # with them again.
    cited: tuple[tuple[str, int, int], ...] = ()
