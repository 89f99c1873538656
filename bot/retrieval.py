"""Retrieval: a question -> the article sentences most likely to answer it, best first.

Hybrid of BM25 (exact terms: names, numbers) and dense MiniLM embeddings (paraphrases), fused by
LlamaIndex's ``QueryFusionRetriever`` with relative-score fusion; the fused top passages are then
listed by how much of the question each covers (``bot.vocabulary``). The weights were tuned on
``evals/dev.jsonl`` (see ``python -m bot eval``); ``evals/test.jsonl`` is held out.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from typing import Any, Literal

import numpy as np

from bot.index import LoadedIndex
from bot.models import ArticleMeta, Passage
from bot.question import NAME, QUESTION_WORDS, asks_stock_move, content_words, spell_quarters
from bot.vocabulary import Vocabulary, dated_months

Strategy = Literal["hybrid", "bm25", "dense"]

CANDIDATES = 40  # per retriever, before fusion
DENSE_WEIGHT = 0.5
BM25_WEIGHT = 0.5
EXPANSION_SIMILARITY = 0.6  # a word the articles never use is looked for as their closest word above this

# The fused top passages are ordered by score plus how much of the question each covers, in
# itself and with its neighbours (bot.vocabulary: rare words weigh more, synonyms count in
# part). Tuned on evals/dev.jsonl: passage hit@1 56.8% -> 61.9%, answer accuracy 76.3% -> 78.0%.
COVERAGE_WEIGHT = 2.0
CONTEXT_COVERAGE_WEIGHT = 1.0


def published_month(article: ArticleMeta, question: str) -> str:
    """The month an article came out, as a question may date what it reports ("his July trip");
    not a day's date ("the May 1 meeting"), which only the text gives."""
    if not article.published:
        return ""
    month = calendar.month_name[int(article.published[5:7])]
    return "" if month.lower() in dated_months(question) else month


@dataclass(frozen=True)
class Retrieved:
    """Ranked passages plus what the answerer needs to judge the evidence."""

    passages: list[Passage]
    dense_similarity: dict[str, float]  # passage id -> cosine similarity to the question
    # The best similarity among the top passages of all the articles, even when only one
    # article's passages are kept: whether the question is about anything the articles discuss.
    topic_similarity: float = 0.0


def node_to_passage(node: Any, score: float = 0.0) -> Passage:
    meta = node.metadata
    article = ArticleMeta(
        source=meta["source"],
        title=meta.get("title"),
        published=meta.get("published"),
        url=meta.get("url"),
        outlet=meta.get("outlet"),
        author=meta.get("author"),
    )
    return Passage(
        id=node.node_id,
        article=article,
        start=node.start_char_idx,
        end=node.end_char_idx,
        text=node.text,
        score=score,
        article_start=meta["article_start"],
        article_end=meta["article_end"],
    )


def spelled_out_names(texts: list[str], longest: int = 5) -> dict[str, list[str]]:
    """Initials -> the lower-cased words of the first name in ``texts`` they abbreviate:
    "CFO" -> ["chief", "financial", "officer"] from "NVIDIA's Chief Financial Officer Colette Kress"."""
    spelled: dict[str, list[str]] = {}
    for text in texts:
        for name in NAME.findall(text):
            words = name.split()
            for start in range(len(words)):
                for end in range(start + 2, min(start + longest, len(words)) + 1):
                    part = words[start:end]
                    spelled.setdefault("".join(w[0] for w in part).upper(), [w.lower() for w in part])
    return spelled


def _matrix_retriever_class() -> type:
    from llama_index.core.retrievers import BaseRetriever
    from llama_index.core.schema import NodeWithScore, QueryBundle

    class MatrixRetriever(BaseRetriever):
        """Dense retrieval over the stored sentence embeddings held as one matrix.

        Same ranking as the vector index's own retriever (cosine of unit vectors; a test checks
        it), but ``SimpleVectorStore`` rebuilds a numpy array from lists and every node from JSON
        on each query: about 8 ms of the 50 ms a warm question may take."""

        def __init__(self, nodes: dict[str, Any], embeddings: dict[str, np.ndarray], top_k: int) -> None:
            super().__init__()
            self._ids = list(embeddings)
            self._matrix = np.stack([embeddings[i] for i in self._ids]) if self._ids else np.zeros((0, 0))
            self._nodes = nodes
            self.similarity_top_k = top_k

        def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
            if not self._ids or query_bundle.embedding is None:
                return []
            scores = self._matrix @ np.asarray(query_bundle.embedding, dtype=np.float32)
            k = min(self.similarity_top_k, len(self._ids))
            best = np.argpartition(-scores, k - 1)[:k]
            best = best[np.argsort(-scores[best], kind="stable")]
            return [NodeWithScore(node=self._nodes[self._ids[i]], score=float(scores[i])) for i in best]

    return MatrixRetriever


def matrix_retriever(nodes: dict[str, Any], embeddings: dict[str, np.ndarray], top_k: int) -> Any:
    """A LlamaIndex retriever over ``embeddings``; the class is made on first use because
    importing LlamaIndex costs ~2 s that commands without retrieval skip."""
    return _matrix_retriever_class()(nodes, embeddings, top_k)


class Retriever:
    """Owns the retrievers over one loaded index. Reading shared state only, except inside the
    LlamaIndex retrievers, which keep per-call state: the engine calls ``retrieve`` under a lock."""

    def __init__(self, index: LoadedIndex, candidates: int = CANDIDATES) -> None:
        from llama_index.core.llms import MockLLM
        from llama_index.core.retrievers import QueryFusionRetriever
        from llama_index.core.retrievers.fusion_retriever import FUSION_MODES

        self.index = index
        self.nodes = index.nodes
        self._passages = {node_id: node_to_passage(node) for node_id, node in index.nodes.items()}
        self.embed_model = index.query_embedding
        self.word_vectors = index.words
        self.vocabulary = Vocabulary(self.sentences(), self.word_vectors, self.embed_model.encoder.encode_many)
        self._embeddings = self._node_embeddings()
        self.dense = matrix_retriever(self.nodes, self._embeddings, top_k=candidates)
        self.bm25 = index.bm25
        self.bm25.similarity_top_k = min(candidates, len(self.nodes))
        self.fusion = QueryFusionRetriever(
            # BM25 first: the fusion keeps the first of equal scores, and a tie between BM25's
            # best (which matches the asked words) and dense's best (which may be weak, as each
            # list is rescaled to 0..1) should go to the words: "Who is the associate director
            # of research at Counterpoint?" found "He especially admired their approach".
            [self.bm25, self.dense],
            mode=FUSION_MODES.RELATIVE_SCORE,
            retriever_weights=[BM25_WEIGHT, DENSE_WEIGHT],
            similarity_top_k=candidates,
            num_queries=1,  # no query rewriting: that would need an LLM
            use_async=False,
            # Passed explicitly so the library never reaches for its default (OpenAI) LLM.
            llm=MockLLM(),
        )
        self._article_words = [w for w in self.word_vectors if not w[0].isdigit()]
        self._article_word_matrix = (
            np.stack([self.word_vectors[w] for w in self._article_words])
            if self._article_words
            else np.zeros((0, 0), dtype=np.float32)
        )
        self._spelled_out = spelled_out_names(self.sentences())
        # (source, article start, position) -> node id, for reading around a passage.
        self._by_position = {
            (n.metadata["source"], n.metadata["article_start"], n.metadata["position"]): node_id
            for node_id, n in self.nodes.items()
        }

    def _node_embeddings(self) -> dict[str, np.ndarray]:
        store = self.index.vector_index.vector_store
        return {node_id: np.asarray(store.get(node_id), dtype=np.float32) for node_id in self.nodes}

    def is_heading(self, passage: Passage) -> bool:
        """A section heading or title line: quotable text, but not a statement."""
        return bool(self.nodes[passage.id].metadata.get("heading"))

    def sentences(self) -> list[str]:
        return [passage.text for passage in self._passages.values()]

    def article_at(self, source: str, offset: int) -> ArticleMeta | None:
        """The article of ``source`` that the character at ``offset`` belongs to."""
        return next(
            (
                p.article
                for p in self._passages.values()
                if p.source == source and p.article_start <= offset < p.article_end
            ),
            None,
        )

    def sources(self) -> set[str]:
        return {passage.source for passage in self._passages.values()}

    def articles(self) -> set[ArticleMeta]:
        return {passage.article for passage in self._passages.values()}

    def retrieve(
        self, question: str, strategy: Strategy = "hybrid", k: int = 10, article: ArticleMeta | None = None
    ) -> Retrieved:
        """The ``k`` passages most likely to answer ``question``, from ``article`` alone when given."""
        from llama_index.core.schema import QueryBundle

        query_vector = np.asarray(self.embed_model.get_query_embedding(question), dtype=np.float32)
        # BM25 gets the question's content words only: its stop-word list keeps "what", "about",
        # "did", which otherwise match whichever sentence has them most. Dense retrieval uses the
        # embedding of the whole question, computed above.
        content = content_words(spell_quarters(question))
        if strategy == "hybrid":
            content += self._expansions(content) + self._acronyms(question)
            if asks_stock_move(question):
                # "How much did Nvidia shares fall?": BM25 stems "shares" to the "share" of a
                # market or of products; the articles give a stock's moves as its "stock price".
                content += ["stock", "price"]
        bundle = QueryBundle(query_str=" ".join(content) or question, embedding=query_vector.tolist())
        engine = {"hybrid": self.fusion, "bm25": self.bm25, "dense": self.dense}[strategy]
        ranked = engine.retrieve(bundle)
        topic = max((float(self._embeddings[n.node.node_id] @ query_vector) for n in ranked[:k]), default=0.0)
        if article is not None:
            ranked = [n for n in ranked if self._passages[n.node.node_id].article == article]
        passages = [replace(self._passages[n.node.node_id], score=float(n.score or 0.0)) for n in ranked[:k]]
        if strategy == "hybrid":
            passages = self._covering_first(question, passages)
        similarity = {p.id: float(self._embeddings[p.id] @ query_vector) for p in passages}
        return Retrieved(passages, similarity, topic_similarity=topic)

    def _covering_first(self, question: str, passages: list[Passage]) -> list[Passage]:
        """``passages`` reordered so those covering more of the question come first; each keeps
        its fused score. (A reranker model would do this better, but none ships offline; the
        LlamaIndex postprocessors that rerank need one or an LLM.)"""

        def preference(passage: Passage) -> float:
            return (
                passage.score
                + COVERAGE_WEIGHT * self.vocabulary.coverage(question, passage.text).share
                + CONTEXT_COVERAGE_WEIGHT
                * self.vocabulary.coverage(
                    question, f"{self.around(passage)} {published_month(passage.article, question)}"
                ).share
            )

        return sorted(passages, key=preference, reverse=True)

    def _expansions(self, words: list[str]) -> list[str]:
        """For each question word the articles never use, their closest word, if close enough:
        "shrink" finds "fell" for BM25, which matches only words the articles have. (LlamaIndex's
        query transforms rewrite queries with an LLM; this needs none.)"""
        words = [w.removesuffix("'s").removesuffix("’s") for w in words]  # "samsung's" is "samsung"
        unknown = [w for w in words if w and w not in self.word_vectors and not w[0].isdigit()]
        if not unknown or not self._article_words:
            return []
        similarity = np.stack(self.embed_model.encoder.encode_many(unknown)) @ self._article_word_matrix.T
        closest = similarity.argmax(axis=1)
        return [
            self._article_words[i]
            for row, i in zip(similarity, closest, strict=True)
            if row[i] >= EXPANSION_SIMILARITY and self._article_words[i] not in QUESTION_WORDS
        ]

    def _acronyms(self, question: str) -> list[str]:
        """The words the articles spell an acronym of the question out in, when they never use
        it as such: "CFO" is "chief financial officer" for BM25."""
        words: list[str] = []
        for acronym in re.findall(r"\b[A-Z]{2,5}\b", question):
            if acronym.lower() not in self.word_vectors:
                words += self._spelled_out.get(acronym, [])
        return words

    def around(self, passage: Passage) -> str:
        """The passage with the sentence before and after it, as one text."""
        return " ".join(p.text for p in self.neighbours(passage))

    def neighbours(self, passage: Passage, before: int = 1, after: int = 1) -> list[Passage]:
        """The sentences around ``passage`` in its article, in order (``passage`` included)."""
        meta = self.nodes[passage.id].metadata
        around = (
            self._by_position.get((meta["source"], meta["article_start"], position))
            for position in range(meta["position"] - before, meta["position"] + after + 1)
        )
        return [self._passages[node_id] for node_id in around if node_id is not None]
