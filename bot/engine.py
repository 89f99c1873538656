"""The answering core shared by every front end: question in, verified ``Answer`` out.

It validates the question, turns a follow-up into a standalone question, retrieves passages
(for the whole question), answers the part that asks, without the remarks before it
(extractively, or with the LLM when configured, falling back to extractive), and finally
re-checks every citation against its source file, so no front end can show an unverified quote.
"""

from __future__ import annotations

import logging
import re
import threading
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import replace

from bot.config import Config
from bot.corpus import word_tokens
from bot.errors import InvalidQuestion, LLMUnavailable
from bot.extractive import ExtractiveAnswerer, closest_articles
from bot.index import Progress, load_or_build
from bot.models import REFUSAL_OPENING, Answer, ArticleMeta, Citation, Passage, Turn
from bot.question import CALENDAR_WORD, QUESTION_WORDS, asked_part, spelled_out_question
from bot.quotes import verify_citation
from bot.retrieval import Retrieved, Retriever

logger = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 2000
RETRIEVE_K = 10
# A link is no word to look for: "what does https://www.toutiao.com/... say" was refused as never
# mentioning "https", "www", "toutiao". An article's own link (printed under its quotes) says
# which article is asked about. A bare domain counts only with a path ("JD.com" is a company),
# and a link ends before the punctuation or quote mark after it ("in https://x.com/a, what").
_URL = re.compile(
    r"<?\b(?:https?://|www\.|(?:[\w-]+\.)+(?:com|net|org|cn|io|gov|edu|info)/)[^\s<>“”\"']*[^\s<>“”\"'.,;:!?)\]]>?",
    re.IGNORECASE,
)
_CONTINUES = re.compile(r"^\s*(and|but|also|what about|how about|what else|how so|same|then)\b", re.IGNORECASE)
# Pronouns ("IT" in capitals is no pronoun). An object one that ends the question or follows a
# preposition is what the previous question was about: "What did Huang say about it?", "Did he
# visit them?". Elsewhere a pronoun may stand for a name the question gives first: "Did Nvidia
# say it would resume sales?", "How much did TSMC's revenue grow in their Q1 results?".
_PRONOUNS = r"[Hh]e|[Ss]he|[Tt]hey|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Ii]t|[Tt]hem|[Tt]hose|[Hh]im"
_PRONOUN = re.compile(rf"\b(?:{_PRONOUNS})\b")
_POINTS_BACK = re.compile(
    r"\b(?:[Ii]t|[Tt]hem|[Tt]hose|[Hh]im)\W*$"
    r"|\b(?:about|on|of|for|with|to|from|into|against|over|regarding|behind|after)\s+(?:it|them|those|him)\b",
    re.IGNORECASE,
)
# "it" that stands for nothing: "Is it true that ...", "How long has it been since ...".
_EXPLETIVE_IT = re.compile(
    r"\bit\s+(?:is\s+|was\s+)?(?:true|the\s+case|possible|likely|correct|right)\b|\b(?:has|had)\s+it\s+been\b",
    re.IGNORECASE,
)
# A capitalised word not opening a sentence ("Thanks! What did he say?" names no one).
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w'’-]*")


def clean_question(raw: str) -> str:
    """The question as it will be answered, or ``InvalidQuestion`` saying what to change."""
    if not isinstance(raw, str):
        raise InvalidQuestion("The question must be text.")
    # Control characters (pasted terminal escapes, NULs) separate words; format characters
    # (zero-width joiners, soft hyphens) sit inside words. Neither carries meaning for retrieval.
    # A pasted colour code ("\x1b[31m") is dropped whole: without its escape, "[31m" would be
    # searched for as a word.
    raw = _TERMINAL_ESCAPE.sub(" ", raw)
    text = "".join(
        " " if unicodedata.category(ch) == "Cc" else "" if unicodedata.category(ch).startswith("C") else ch
        for ch in raw
    )
    text = " ".join(text.split())
    if not text:
        raise InvalidQuestion(
            'The question is empty - ask something about the articles, e.g. "What did Huang say about immigration?"'
        )
    if len(text) > MAX_QUESTION_CHARS:
        raise InvalidQuestion(
            f"The question is {len(text):,} characters long - keep it under {MAX_QUESTION_CHARS:,} characters "
            "and ask one thing at a time."
        )
    return text


# ECMA-48 escapes: control sequences (ESC [ or the 8-bit CSI), operating-system commands ended
# by BEL or ESC \, character-set selections (ESC ( B), and two-byte escapes.
_TERMINAL_ESCAPE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[!-/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[!-/]+[0-~]|\x1b[@-Z\\-_]"
)

_WHAT_ABOUT = re.compile(r"^(?:and|but|so)?[\s,]*(?:what|how)\s+about\s+(?P<topic>.+?)[\s?.!]*$", re.IGNORECASE)
_ABOUT = re.compile(r"\babout\b.*$", re.IGNORECASE)
# A quarter or a year: "What about the second quarter?" asks the previous question of another one.
_PERIOD = re.compile(
    r"\b(?:the\s+)?(?:(?:first|second|third|fourth)[\s-]+quarter|Q[1-4]|(?:fiscal\s+)?(?:19|20)\d\d|"
    r"(?:last|this|next)\s+(?:year|quarter))\b",
    re.IGNORECASE,
)
_PREPOSITION_PERIOD = re.compile(rf"(?P<preposition>(?:in|for|during)\s+)?{_PERIOD.pattern}", re.IGNORECASE)
_DEICTIC = re.compile(r"(?:last|this|next)\b", re.IGNORECASE)
_PERIOD_FOLLOW_UP = re.compile(
    rf"^(?:(?:and|but|so)[\s,]+)?(?:(?:what|how)\s+about\s+)?(?:(?:in|for|during)\s+)?(?P<period>{_PERIOD.pattern})"
    r"[\s?.!]*$",
    re.IGNORECASE,
)


def _refers_back(question: str) -> bool:
    """Whether a question continues the previous one: "and ...", "what about ...", "about it"
    ("What did Huang say about it?"), or a pronoun before any name of its own ("What did he say
    about Huawei?"). After a name, a pronoun is that name's: "Did Nvidia say it would resume
    sales?" stands alone."""
    question = _EXPLETIVE_IT.sub(" ", question.strip())
    if _CONTINUES.search(question) or _POINTS_BACK.search(question):
        return True
    pronoun = _PRONOUN.search(question)
    if pronoun is None:
        return False
    name = next(
        (
            m
            for m in _NAME.finditer(question)
            if m.group().lower() not in QUESTION_WORDS and not CALENDAR_WORD.fullmatch(m.group())
        ),
        None,
    )
    return name is None or name.start() > pronoun.start()


def _without_follow_ups(text: str) -> str:
    """A reading without the follow-ups it starts with: "When did he say that? What did Huang say
    about immigration?" is about "What did Huang say about immigration?". A chain of follow-ups
    is read with that topic, not with every follow-up before it; a question of several sentences
    of the user's own ("Who is Colette Kress? What did she say?") is kept whole."""
    parts = [part.strip() for part in re.findall(r"[^?]+\??", text) if part.strip()]
    while len(parts) > 1 and (_refers_back(parts[0]) or _names_nothing(parts[0])):
        parts.pop(0)
    return " ".join(parts) if parts else text


def is_follow_up(question: str) -> bool:
    """Whether the question continues an earlier one ("and what about Huawei?", "When did he say
    that?", "What else?", "In Q3?"), and so is read with the conversation before it."""
    return _names_nothing(question) or _refers_back(question) or bool(_PERIOD_FOLLOW_UP.match(question))


def _names_nothing(question: str) -> bool:
    """Whether the question names nothing of its own ("When was that?"): then it can only be
    about the previous question."""
    words = word_tokens(question)
    return bool(words) and all(word in QUESTION_WORDS for word in words)


def _another_period(previous: str, new: str) -> str | None:
    """The previous question asked of another period of the same kind, a quarter for a quarter
    and a year for a year ("What about the second quarter?" after "How much did the H20 make in
    the first quarter?"); None when it names none after a preposition. "last year" needs no "in"."""

    def is_quarter(period: str) -> bool:
        return bool(re.search(r"(?i:quarter)|Q[1-4]", period))

    for match in _PREPOSITION_PERIOD.finditer(previous):
        said = match.group()
        if is_quarter(said) != is_quarter(new) or not (match.group("preposition") or _DEICTIC.match(said)):
            continue  # "2000 engineers" is no period; "in 2024" or "last year" is
        replacement = new if _DEICTIC.match(new) else f"{match.group('preposition') or 'in '}{new}"
        return previous[: match.start()] + replacement + previous[match.end() :]
    return None


# "What else?", "What did he say next?", "Anything more?": not "the other quarter", "What did it
# report then?" or "How much more ...".
_ASKS_FOR_MORE = re.compile(
    r"\b(?:else|besides)\b|\b(?:say|said|tell|told|add|added)\s+(?:next|more)\b|\banything\s+more\b"
    r"|^\W*(?:and\s+)?(?:what\s+)?more\W*$",
    re.IGNORECASE,
)


def _without_spans(
    retrieved: Retrieved, spans: Sequence[tuple[str, int, int]], quoted: Callable[[Passage], Passage]
) -> Retrieved:
    """``retrieved`` without the passages whose quote (``quoted``: the passage as it would be
    quoted, with the sentences it runs on into) overlaps any of ``spans``."""

    def repeats(passage: Passage) -> bool:
        quote = quoted(passage)
        return any(quote.source == s and quote.start < end and start < quote.end for s, start, end in spans)

    return replace(retrieved, passages=[p for p in retrieved.passages if not repeats(p)])


def standalone_offline(question: str, history: Sequence[Turn]) -> str:
    """An honest offline rewrite of a follow-up, using the previous question:
    "and what about Huawei?" after "What did Huang say about export controls?" becomes
    "What did Huang say about Huawei?"; other follow-ups are read with the previous question."""
    if not history or len(question.split()) > 14:
        return question
    if not is_follow_up(question):
        return question
    previous = _without_follow_ups(history[-1].question)
    if _ASKS_FOR_MORE.search(question) and _names_nothing(_ASKS_FOR_MORE.sub(" ", question)):
        # "What else did he say about it?" asks the previous question again, for another answer
        # (the engine leaves out what was quoted); "else" and "next" are no words to look for.
        return previous
    topic = _WHAT_ABOUT.match(question)
    period = _PERIOD_FOLLOW_UP.match(question)
    if period:
        asked = _another_period(previous, period.group("period"))
        if asked:
            return asked
    # "What about him?" names no new topic: it is read with the previous question, not in it.
    if topic and _ABOUT.search(previous) and not _PRONOUN.fullmatch(topic.group("topic")):
        # A function, not a template: the user's words must not be read as regex escapes.
        return _ABOUT.sub(lambda _: f"about {topic.group('topic')}?", previous)
    return f"{question} {previous}"[:MAX_QUESTION_CHARS]


class Engine:
    """Load once, then ``ask`` many times; safe to call from several threads."""

    def __init__(self, config: Config, retriever: Retriever) -> None:
        self.config = config
        self.retriever = retriever
        self.extractive = ExtractiveAnswerer(retriever, config.project_root)
        self._llm = None
        if config.use_llm:
            from bot.llm import LLMAnswerer

            self._llm = LLMAnswerer(config)
        # The LlamaIndex retrievers keep per-call state on shared objects; one question at a time
        # through retrieval keeps concurrent Slack requests from interleaving there.
        self._retrieval_lock = threading.Lock()

    @classmethod
    def load(cls, config: Config, progress: Progress | None = None, rebuild: bool = False) -> Engine:
        index = load_or_build(config, progress or (lambda _: None), force=rebuild)
        return cls(config, Retriever(index))

    def article_for(self, citation: Citation) -> ArticleMeta | None:
        """The article a citation quotes (front ends name it by outlet or author when it has no title)."""
        return self.retriever.article_at(citation.source, citation.start)

    @property
    def mode(self) -> str:
        return "llm" if self._llm is not None else "extractive"

    def reading(self, question: str) -> str:
        """The question as the answerer reads it: months, contractions and shorthand spelled out,
        names typed in lower case spelled as the articles spell them."""
        return self.retriever.vocabulary.true_cased(spelled_out_question(question))

    def ask(self, question: str, history: Sequence[Turn] = ()) -> Answer:
        started = time.perf_counter()
        question = clean_question(question)
        read_as = self._standalone(question, history)
        # Read without links, but shown as asked.
        links = [link.strip("<>") for link in _URL.findall(read_as)]
        article = self._linked_article(links)
        standalone = self.reading(" ".join(_URL.sub(" ", read_as).split()))
        if not standalone:
            raise InvalidQuestion(
                'The question is only a link - ask what you want to know, e.g. "What does this article say about'
                ' immigration?"'
            )
        with self._retrieval_lock:
            retrieved = self.retriever.retrieve(standalone, k=RETRIEVE_K, article=article)
        quoted = [span for turn in history for span in turn.cited]
        more = bool(read_as != question and quoted and _ASKS_FOR_MORE.search(question))
        if more:
            # "What did he say next?", "What else?": what the conversation quoted is no answer,
            # nor a passage whose quote would run on into it.
            retrieved = _without_spans(retrieved, quoted, self.extractive.quoted)
        # A follow-up read with the question before it is judged whole: its last part is the
        # earlier question, not the one asked now.
        asking = asked_part(standalone) if read_as == question else standalone
        answer = self.extractive.answer(asking, retrieved)
        if more and not answer.found:
            answer.answer = f"{REFUSAL_OPENING}nothing more on this than what was quoted already."
        # The model reads what the offline answerer can only match word for word ("swearing-in"
        # is "inauguration"), so it is asked even when that answerer refused; only questions the
        # articles cannot answer at all never reach it. Its quotes are verified all the same.
        if self._llm is not None and self.extractive.unanswerable(asking, retrieved) is None:
            answer = self._llm_answer(standalone, retrieved.passages, fallback=answer)
        answer.question = question
        answer.read_as = read_as if read_as != question else None
        if links and article is None:
            answer.notes.append("The link in the question is not one of the articles': answered from all of them.")
        answer = self._verified(answer)
        logger.info(
            "answered in %.0f ms (mode=%s, found=%s)", 1000 * (time.perf_counter() - started), answer.mode, answer.found
        )
        return answer

    def _linked_article(self, links: Sequence[str]) -> ArticleMeta | None:
        """The article whose own URL the question gives, if any."""

        def plain(url: str) -> str:
            # Compared without scheme, "www."/"m.", query, fragment or trailing slash: a share
            # link ("?utm_source=...") or the mobile site names the same article.
            url = re.sub(r"^(?:https?://)?(?:www\.|m\.)?", "", url.lower())
            return re.split(r"[?#]", url)[0].rstrip("/")

        wanted = {plain(link) for link in links}
        return next((a for a in self.retriever.articles() if a.url and plain(a.url) in wanted), None)

    def _standalone(self, question: str, history: Sequence[Turn]) -> str:
        if not history:
            return question
        if self._llm is not None:
            try:
                return clean_question(self._llm.condense(question, history))
            except (LLMUnavailable, InvalidQuestion) as err:
                logger.warning("LLM could not rewrite the follow-up (%s); using the offline rewrite.", err)
        return standalone_offline(question, history)

    def _llm_answer(self, question: str, passages: list, fallback: Answer) -> Answer:
        assert self._llm is not None
        try:
            answer = self._llm.answer(question, passages)
        except LLMUnavailable as err:
            fallback.notes.append(f"LLM unavailable: {err} - answered offline from the articles.")
            return fallback
        if answer.found and not answer.citations:
            fallback.notes.append("The LLM's answer had no verifiable quotes - answered offline from the articles.")
            return fallback
        if not answer.found and not answer.closest:
            answer.closest = fallback.closest or closest_articles(passages)
        return answer

    def _verified(self, answer: Answer) -> Answer:
        """Show an answer only if every citation is, character for character, its source's span.

        Answerers only produce verified spans, so a failure here means an article changed after
        the index was built: the whole answer is withheld rather than shown with holes in it."""
        bad = [c for c in answer.citations if not verify_citation(c, self.config.project_root)]
        if not bad:
            return answer
        logger.error("Withheld an answer to %r: %d citation(s) no longer match their source", answer.question, len(bad))
        return Answer(
            question=answer.question,
            answer=(
                f"{REFUSAL_OPENING}the quotes found no longer match the article files, which changed "
                "after the index was built - run `python -m bot index` (or restart the bot) and ask again."
            ),
            found=False,
            mode=answer.mode,
            closest=answer.closest,
            read_as=answer.read_as,
        )
