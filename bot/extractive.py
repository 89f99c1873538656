"""The offline answerer: picks the one to three article sentences that answer a question and
returns them verbatim, or refuses when the evidence does not cover what the question asks.

Refusing is decided on the question's key terms (its content words, weighted by how rare they
are in the articles): a question whose distinctive terms appear nowhere near the best passages
("What did Huang say about Samsung's memory chips?") is refused even when common terms ("Huang",
"chips") match everywhere. A high dense similarity can vouch for a paraphrase whose words differ.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.models import Answer, ArticleMeta, Citation, Passage
from bot.retrieval import Retrieved, Retriever

# Words that say how a question is asked, not what it is about.
_QUESTION_WORDS = {
    "what", "who", "whom", "whose", "which", "when", "where", "why", "how", "did", "does", "do", "say",
    "said", "says", "tell", "told", "mention", "mentioned", "according", "article", "articles", "report",
    "reported", "much", "many", "was", "were", "is", "are", "the", "a", "an", "about", "of", "on", "in",
    "to", "for", "and", "or", "with", "by", "from", "at", "as", "that", "this", "these", "those", "it",
    "its", "his", "her", "their", "they", "he", "she", "we", "you", "i", "me", "my", "your", "be", "been",
    "being", "have", "has", "had", "any", "some", "there", "than", "then", "so", "if", "can", "could",
    "would", "should", "will", "shall", "may", "might", "must", "not", "no", "yes", "please", "give",
    "explain", "describe", "happen", "happened", "think", "view", "views", "comment", "comments",
    "stated", "state", "claim", "claimed", "believe", "believes", "into", "over", "under", "after",
    "before", "during", "between", "against", "all", "also", "just", "only", "very", "more", "most",
    "other", "such", "own", "same", "s", "t", "ve", "re", "ll", "d", "m", "up", "out", "off", "again",
    "further", "once", "here", "both", "each", "few", "nor", "too", "don", "now", "them", "him",
    "our", "ours", "us", "what's", "whats", "one", "get", "got", "make", "made", "take", "took",
    "according", "regarding", "concerning", "respond", "responded", "reply", "replied", "react",
}
_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9'’\-]*|\d[\d.,%$]*")

MAX_QUOTES = 3
# Tuned on evals/dev.jsonl with `python -m bot eval --dev`.
MIN_COVERAGE = 0.75  # share of the question's key-term weight the evidence must contain
DENSE_VOUCH = 0.62  # a passage this similar to the question answers it whatever the words
EVIDENCE_PASSAGES = 4  # how many top passages (with neighbours) count as evidence


def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


@dataclass(frozen=True)
class Coverage:
    share: float  # 0..1 of key-term weight present in the evidence
    missing: list[str]  # key terms (as asked) absent from the evidence


class Vocabulary:
    """Stemmed terms of the articles and how rare each is (inverse document frequency)."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.stem = _stemmer().stemWord
        df: Counter[str] = Counter()
        count = 0
        for text in texts:
            count += 1
            df.update(set(self.stems(text)))
        self.documents = max(count, 1)
        self.df = df

    def stems(self, text: str) -> list[str]:
        return [self.stem(w.lower().strip("'’-")) for w in _TOKEN.findall(text)]

    def idf(self, stem: str) -> float:
        return math.log((self.documents + 1) / (self.df.get(stem, 0) + 0.5))

    def key_terms(self, question: str) -> list[tuple[str, str]]:
        """(term as asked, stem) for the question's content words, without repeats."""
        seen: set[str] = set()
        terms = []
        for word in _TOKEN.findall(question):
            lowered = word.lower().strip("'’-").removesuffix("'s").removesuffix("’s")
            if lowered in _QUESTION_WORDS or len(lowered) < 2:
                continue
            stem = self.stem(lowered)
            if stem not in seen:
                seen.add(stem)
                terms.append((lowered, stem))
        return terms

    def coverage(self, question: str, evidence: str) -> Coverage:
        terms = self.key_terms(question)
        if not terms:
            return Coverage(0.0, [])
        present = set(self.stems(evidence))
        total = sum(self.idf(stem) for _, stem in terms)
        found = sum(self.idf(stem) for _, stem in terms if stem in present)
        missing = [word for word, stem in terms if stem not in present]
        return Coverage(found / total if total else 0.0, missing)


def _label(meta: ArticleMeta) -> str:
    name = meta.title or meta.outlet or meta.author or meta.source.rsplit("/", 1)[-1]
    return f"{name} ({meta.published})" if meta.published else name


def _closest_articles(passages: Sequence[Passage], limit: int = 3) -> list[ArticleMeta]:
    seen: dict[tuple[str, str | None, str | None], ArticleMeta] = {}
    for p in passages:
        key = (p.article.source, p.article.title, p.article.author)
        seen.setdefault(key, p.article)
    return list(seen.values())[:limit]


def refusal(question: str, mode_passages: Sequence[Passage], reason: str) -> Answer:
    return Answer(
        question=question,
        answer=f"The articles don't say: {reason}",
        found=False,
        mode="extractive",
        citations=[],
        closest=_closest_articles(mode_passages),
    )


class ExtractiveAnswerer:
    """Answers from retrieved passages without any model; see the module docstring."""

    def __init__(self, retriever: Retriever) -> None:
        self.retriever = retriever
        self.vocabulary = Vocabulary(node.text for node in retriever.nodes.values())

    def evidence(self, retrieved: Retrieved) -> str:
        texts = []
        for passage in retrieved.passages[:EVIDENCE_PASSAGES]:
            texts.extend(p.text for p in self.retriever.neighbours(passage))
        return " ".join(texts)

    def judge(self, question: str, retrieved: Retrieved) -> tuple[bool, str]:
        """Whether the evidence answers the question, and if not, why (for the user)."""
        if not retrieved.passages:
            return False, "nothing in them matches this question."
        terms = self.vocabulary.key_terms(question)
        if not terms:
            return False, "the question has no words to look for - ask about something the articles cover."
        coverage = self.vocabulary.coverage(question, self.evidence(retrieved))
        best_similarity = max(retrieved.dense_similarity.values(), default=0.0)
        if coverage.share >= MIN_COVERAGE or (best_similarity >= DENSE_VOUCH and coverage.share >= 0.5):
            return True, ""
        missing = ", ".join(f"“{w}”" for w in coverage.missing[:4]) or "what this question asks"
        return False, f"nothing in them covers {missing}."

    def answer(self, question: str, retrieved: Retrieved) -> Answer:
        ok, reason = self.judge(question, retrieved)
        if not ok:
            return refusal(question, retrieved.passages, reason)
        chosen = self.select(question, retrieved)
        citations = [Citation.from_passage(n, p) for n, p in enumerate(chosen, start=1)]
        return Answer(
            question=question,
            answer=self.lead(citations, chosen),
            found=True,
            mode="extractive",
            citations=citations,
        )

    def select(self, question: str, retrieved: Retrieved) -> list[Passage]:
        """The best sentence, the one after it when it is the rest of the statement, and further
        top passages that add key terms the first ones lack. In reading order per article."""
        candidates = [p for p in retrieved.passages if not self._is_heading(p)] or list(retrieved.passages)
        best = candidates[0]
        chosen = [best]
        if self._continues(best):
            following = self._next_sentence(best)
            if following is not None:
                chosen.append(following)
        for passage in candidates[1:]:
            if len(chosen) >= MAX_QUOTES:
                break
            if passage.score < 0.75 * best.score or any(p.id == passage.id for p in chosen):
                continue
            before = self.vocabulary.coverage(question, " ".join(p.text for p in chosen)).share
            after = self.vocabulary.coverage(question, " ".join(p.text for p in [*chosen, passage])).share
            if after > before:
                chosen.append(passage)
        return chosen

    def _is_heading(self, passage: Passage) -> bool:
        return bool(self.retriever.nodes[passage.id].metadata.get("heading"))

    @staticmethod
    def _continues(passage: Passage) -> bool:
        """The sentence hands over to the next one: it introduces a quote or opens one."""
        text = passage.text.rstrip()
        opened = text.count("“") > text.count("”") or text.count('"') % 2 == 1
        return text.endswith((":", ",")) or opened

    def _next_sentence(self, passage: Passage) -> Passage | None:
        around = self.retriever.neighbours(passage, before=0, after=1)
        after = [p for p in around if p.start > passage.start]
        return after[0] if after else None

    @staticmethod
    def lead(citations: Sequence[Citation], chosen: Sequence[Passage]) -> str:
        by_article: dict[str, list[int]] = {}
        for citation, passage in zip(citations, chosen, strict=True):
            by_article.setdefault(_label(passage.article), []).append(citation.n)
        parts = [f"{label} {''.join(f'[{n}]' for n in numbers)}" for label, numbers in by_article.items()]
        sources = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
        return f"According to {sources}:"
