"""The optional LLM answering mode: an OpenAI-compatible server writes the prose, this code vouches
for every quote.

This module owns:

- the prompts (``prompts/answer.md``, ``prompts/condense.md``), loaded once at start-up;
- the one ``openai.OpenAI`` client, whose own retries, exponential backoff and ``Retry-After``
  handling we rely on (we only forbid waits longer than ``OPENAI_TIMEOUT``);
- what is sent: at most ``MAX_PASSAGES`` passages within ``MAX_CONTEXT_CHARS``, numbered and fenced
  as data, and a cap on the reply's tokens;
- turning every transport or format fault into ``LLMUnavailable`` with one human line;
- turning the model's quotes into ``Citation``s that are exact spans of their source files, dropping
  the rest, and renumbering the answer's ``[n]`` markers so they match.

It never decides *whether* to use the model: the engine does, and falls back to the extractive
answer when this module raises ``LLMUnavailable``.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import openai
from openai.types.chat import ChatCompletion, ChatCompletionMessage, ChatCompletionMessageParam
from openai.types.chat.completion_create_params import ResponseFormat

from bot.config import Config
from bot.errors import ConfigError, LLMUnavailable
from bot.models import Answer, ArticleMeta, Citation, Passage, Turn
from bot.quotes import locate_quote, read_source

if TYPE_CHECKING:
    import httpx2

log = logging.getLogger("bot.llm")

DEFAULT_BASE_URL = "https://api.openai.com/v1"

# Cost bounds per question: how much article text goes in, how much text may come out.
MAX_PASSAGES = 8
MAX_PASSAGE_CHARS = 800
MAX_CONTEXT_CHARS = 5000
MAX_ANSWER_TOKENS = 800
MAX_HISTORY_TURNS = 4
MAX_TURN_CHARS = 500
MAX_CONDENSE_TOKENS = 120
MAX_CONDENSED_CHARS = 500
# A located quote shorter than this ("China", "zero") proves nothing on its own: cite its sentence.
MIN_QUOTE_CHARS = 12
# A sentence of a prompt at least this long, found in a reply, means the reply leaks the prompt.
_LEAK_MIN_CHARS = 40

NOT_COVERED = "The articles don't cover this question, so I can't answer it from them."

_QUOTE_ITEM: dict[str, Any] = {
    "type": "object",
    "properties": {"passage": {"type": "integer"}, "quote": {"type": "string"}},
    "required": ["passage", "quote"],
    "additionalProperties": False,
}
ANSWER_FORMAT: ResponseFormat = {
    "type": "json_schema",
    "json_schema": {
        "name": "cited_answer",
        "strict": True,
        "schema": {
            "type": "object",
            "properties": {
                "answer": {"type": "string"},
                "found": {"type": "boolean"},
                "quotes": {"type": "array", "items": _QUOTE_ITEM},
            },
            "required": ["answer", "found", "quotes"],
            "additionalProperties": False,
        },
    },
}

_MARKER = re.compile(r"(\s*)\[\s*(\d+(?:\s*,\s*\d+)*)\s*\]")
_ELLIPSIS = re.compile(r"\u2026|\.\.\.")
_QUOTE_MARKS = "\"'\u201c\u201d\u2018\u2019 \t\n"
_CODE_FENCE = re.compile(r"```(?:json)?\s*(.*?)```", re.DOTALL)

_Span = tuple[str, int, int]  # (source, start, end): the identity of a citation


@dataclass(frozen=True)
class _ModelQuote:
    passage: int  # 1-based number of the passage as sent
    quote: str


@dataclass(frozen=True)
class _Reply:
    answer: str
    found: bool
    # Position k (1-based) is what the answer's [k] markers point at; None = a malformed entry.
    quotes: list[_ModelQuote | None]


class LLMAnswerer:
    """Answers from retrieved passages with an OpenAI-compatible chat model; verifies every quote."""

    def __init__(self, config: Config) -> None:
        if not config.openai_api_key:
            raise ConfigError("OPENAI_API_KEY is not set - set it to use the LLM mode, or set BOT_OFFLINE=1.")
        self._config = config
        self._answer_prompt = _load_prompt(config.prompts_dir, "answer.md")
        self._condense_prompt = _load_prompt(config.prompts_dir, "condense.md")
        self._prompt_sentences = _long_sentences(self._answer_prompt + "\n" + self._condense_prompt)
        self._base_url = config.openai_base_url or DEFAULT_BASE_URL
        # An explicit base URL, never None: None would let the SDK read OPENAI_BASE_URL itself,
        # and Config is the one place settings come from.
        self._client = openai.OpenAI(
            api_key=config.openai_api_key,
            base_url=self._base_url,
            timeout=config.openai_timeout,
            max_retries=config.openai_max_retries,
            # The SDK's documented way to customise its HTTP client, with the SDK's own defaults.
            http_client=openai.DefaultHttpxClient(
                timeout=config.openai_timeout,
                event_hooks={"response": [_no_retry_after_long_waits(config.openai_timeout)]},
            ),
        )

    def answer(self, question: str, passages: Sequence[Passage]) -> Answer:
        """A fluent answer whose every citation is a verified span of its source file.

        Returns ``found=False`` when the model says the passages don't answer (or the question is out
        of scope). Raises ``LLMUnavailable`` when the server fails or nothing the model quoted can be
        verified, so the caller can fall back to the extractive answer.
        """
        sent = _select(passages)
        if not sent:  # no evidence: the model must not be asked to answer from its own knowledge
            return _not_covered(question)
        messages: list[ChatCompletionMessageParam] = [
            {"role": "system", "content": self._answer_prompt},
            {"role": "user", "content": _render_answer_request(question, sent)},
        ]
        message = self._complete("answer", messages, MAX_ANSWER_TOKENS, ANSWER_FORMAT)
        if message.refusal:  # structured outputs' own refusal: the model declined to answer
            return _not_covered(question)
        reply = _parse_reply(message.content or "")
        if not reply.found or self._leaks_prompt(reply.answer):
            return _not_covered(question)
        return self._verified_answer(question, reply, sent)

    def condense(self, question: str, history: Sequence[Turn]) -> str:
        """Rewrite a follow-up question into a standalone one, using the conversation so far."""
        if not history:
            return question
        messages: list[ChatCompletionMessageParam] = [
            {"role": "system", "content": self._condense_prompt},
            {"role": "user", "content": _render_condense_request(question, history)},
        ]
        message = self._complete("condense", messages, MAX_CONDENSE_TOKENS, None)
        rewritten = _first_line(message.content or "").strip(_QUOTE_MARKS)
        if not rewritten or len(rewritten) > MAX_CONDENSED_CHARS or self._leaks_prompt(rewritten):
            raise LLMUnavailable("the model's rewrite of the follow-up question was not usable")
        return rewritten

    # -- talking to the server -------------------------------------------------------------------

    def _complete(
        self,
        purpose: str,
        messages: list[ChatCompletionMessageParam],
        max_tokens: int,
        response_format: ResponseFormat | None,
    ) -> ChatCompletionMessage:
        """One chat completion; the client retries timeouts, 408/409/429 and 5xx with backoff."""
        started = time.monotonic()
        try:
            completion = self._client.chat.completions.create(
                model=self._config.openai_model,
                messages=messages,
                max_completion_tokens=max_tokens,
                response_format=response_format if response_format is not None else openai.omit,
            )
        except openai.OpenAIError as err:
            raise self._unavailable(err) from err
        except ValueError as err:  # the SDK lets a 200 reply whose JSON body is broken escape as this
            raise LLMUnavailable(
                f"the server at {self._base_url} sent a reply that is not JSON - "
                "check that OPENAI_BASE_URL points at an OpenAI-compatible API"
            ) from err
        _log_usage(purpose, self._config.openai_model, completion, time.monotonic() - started)
        return self._first_message(completion)

    def _first_message(self, completion: object) -> ChatCompletionMessage:
        # A server that sends text/html (a proxy's error page, a wrong URL) makes the SDK return a str.
        choices = completion.choices if isinstance(completion, ChatCompletion) else None
        message = getattr(choices[0], "message", None) if isinstance(choices, list) and choices else None
        if not isinstance(message, ChatCompletionMessage):
            raise LLMUnavailable(
                f"the server at {self._base_url} did not send a chat completion - "
                "check that OPENAI_BASE_URL points at an OpenAI-compatible API (it usually ends in /v1)"
            )
        return message

    def _unavailable(self, err: openai.OpenAIError) -> LLMUnavailable:
        """One line a person can act on; never the key, never a traceback."""
        where, model = self._base_url, self._config.openai_model
        if isinstance(err, openai.APITimeoutError):
            attempts = self._config.openai_max_retries + 1
            line = (
                f"the server at {where} did not answer within {self._config.openai_timeout:g}s "
                f"({attempts} attempt(s)) - check that it is running, or raise OPENAI_TIMEOUT"
            )
        elif isinstance(err, openai.APIConnectionError):
            line = f"could not connect to {where} - check OPENAI_BASE_URL and that the server is running"
        elif isinstance(err, openai.AuthenticationError):
            line = f"the server at {where} rejected the API key (HTTP 401) - check OPENAI_API_KEY"
        elif isinstance(err, openai.PermissionDeniedError):
            line = f"the server at {where} refused access to '{model}' (HTTP 403) - check OPENAI_API_KEY"
        elif isinstance(err, openai.NotFoundError):
            line = (
                f"the model '{model}' was not found on {where} - check OPENAI_MODEL "
                "(and that OPENAI_BASE_URL ends in /v1)"
            )
        elif isinstance(err, openai.APIStatusError):  # 429 and 5xx land here once the retries are spent
            line = f"the server at {where} answered HTTP {err.status_code}: {_server_reason(err)}"
        else:
            line = f"the request to {where} failed: {_one_line(str(err))}"
        return LLMUnavailable(line)

    # -- checking what came back -----------------------------------------------------------------

    def _leaks_prompt(self, text: str) -> bool:
        """True when ``text`` repeats a sentence of a prompt (the sign of a successful injection).

        The prompt tells the model never to do this; this check is for when it does anyway."""
        said = _normalise(text)
        return any(sentence in said for sentence in self._prompt_sentences)

    def _verified_answer(self, question: str, reply: _Reply, sent: list[Passage]) -> Answer:
        if not reply.answer:
            raise LLMUnavailable("the model's answer was empty")
        spans: dict[int, _Span] = {}  # the model's quote number k -> the verified span it became
        metas: dict[_Span, ArticleMeta] = {}
        for k, item in enumerate(reply.quotes, start=1):
            located = self._locate(item, sent) if item else None
            if located is None:
                log.info("dropped quote %d: not found in the passage it cites (%r)", k, item)
                continue
            span, meta = located
            spans[k] = span
            metas[span] = meta
        if not spans:
            raise LLMUnavailable("the model's quotes could not be verified")
        text, order = _renumber(reply.answer, spans)
        root = self._config.project_root
        citations = [_citation(n, span, metas[span], root) for n, span in enumerate(order, start=1)]
        dropped = len(reply.quotes) - len(spans)
        notes = [f"{dropped} of the model's quotes could not be verified and were left out"] if dropped else []
        return Answer(question, text, found=True, mode="llm", citations=citations, notes=notes)

    def _locate(self, item: _ModelQuote, sent: list[Passage]) -> tuple[_Span, ArticleMeta] | None:
        """The exact span of a quote in the source of the passage the model cited, or None.

        The attribution is checked, not trusted: a quote is only looked for in the cited passage's
        sentence, then in the rest of that passage's article, never in other articles.
        """
        if not 1 <= item.passage <= len(sent):
            return None
        passage = sent[item.passage - 1]
        try:
            text = read_source(passage.source, self._config.project_root)
        except (OSError, UnicodeDecodeError):  # an article removed since indexing proves nothing
            return None
        in_sentence = locate_quote(text, item.quote, within=(passage.start, passage.end))
        span = in_sentence or locate_quote(text, item.quote, within=(passage.article_start, passage.article_end))
        if span and span[1] - span[0] >= MIN_QUOTE_CHARS:
            return (passage.source, *span), passage.article
        if _sentence_contains(text, passage, item.quote):
            return (passage.source, passage.start, passage.end), passage.article
        return None


def _no_retry_after_long_waits(limit: float) -> Callable[[httpx2.Response], None]:
    """A response hook that tells the client not to retry when the server asks for a wait longer
    than ``limit`` seconds.

    The client honours ``Retry-After`` up to two minutes per retry, far too long for someone waiting
    on an answer, and offers no setting to lower that. It does obey the server's ``x-should-retry``
    header, so we set that instead of hand-rolling retries: the request fails at once with its 429
    or 503, and the engine answers offline.
    """

    def hook(response: httpx2.Response) -> None:
        wait = _retry_after_seconds(response.headers)
        if wait is not None and wait > limit:
            log.info("not retrying: the server asked to wait %.0fs, longer than OPENAI_TIMEOUT", wait)
            response.headers["x-should-retry"] = "false"

    return hook


def _retry_after_seconds(headers: Mapping[str, str]) -> float | None:
    """The wait a server asks for in ``retry-after-ms`` or ``retry-after`` (seconds or HTTP date)."""
    try:
        if "retry-after-ms" in headers:
            return float(headers["retry-after-ms"]) / 1000
        if "retry-after" not in headers:
            return None
        value = headers["retry-after"]
        if value.strip().replace(".", "", 1).isdigit():
            return float(value)
        return parsedate_to_datetime(value).timestamp() - time.time()
    except (TypeError, ValueError):
        return None


# -- prompts and requests ------------------------------------------------------------------------


def _load_prompt(prompts_dir: Path, name: str) -> str:
    path = prompts_dir / name
    try:
        text = path.read_text(encoding="utf-8").strip()
    except OSError as err:
        reason = err.strerror or type(err).__name__
        raise ConfigError(f"prompt file {path} could not be read ({reason}) - restore it from git.") from None
    if not text:
        raise ConfigError(f"prompt file {path} is empty - restore it from git.")
    return text


def _select(passages: Sequence[Passage]) -> list[Passage]:
    """The best passages (retrieval's order) that fit the budget; always at least the first one."""
    chosen: list[Passage] = []
    used = 0
    for passage in passages[:MAX_PASSAGES]:
        size = min(len(passage.text), MAX_PASSAGE_CHARS)
        if chosen and used + size > MAX_CONTEXT_CHARS:
            break
        chosen.append(passage)
        used += size
    return chosen


def _fence(text: str, tag: str) -> str:
    # Article or user text must not be able to close its own fence and speak as the prompt.
    return re.sub(rf"<(/?)({tag})", r"<\1 \2", text, flags=re.IGNORECASE)


def _attr(value: str) -> str:
    # Metadata is article text too: it must not be able to end its attribute or its tag.
    return value.replace('"', "'").replace("<", "(").replace(">", ")")


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0]


def _render_answer_request(question: str, sent: list[Passage]) -> str:
    blocks = []
    for n, passage in enumerate(sent, start=1):
        meta = passage.article
        attrs = f'number="{n}" source="{_attr(meta.source)}"'
        if meta.title:
            attrs += f' title="{_attr(meta.title)}"'
        if meta.published:
            attrs += f' published="{_attr(meta.published)}"'
        body = _fence(_clip(passage.text, MAX_PASSAGE_CHARS), "passage")
        blocks.append(f"<passage {attrs}>\n{body}\n</passage>")
    passages = "\n".join(blocks)
    return f"<passages>\n{passages}\n</passages>\n\n<question>\n{_fence(question, 'question')}\n</question>"


def _render_condense_request(question: str, history: Sequence[Turn]) -> str:
    turns = [
        f"User: {_clip(turn.question, MAX_TURN_CHARS)}\nBot: {_clip(turn.answer, MAX_TURN_CHARS)}"
        for turn in history[-MAX_HISTORY_TURNS:]
    ]
    conversation = _fence("\n\n".join(turns), "conversation")
    return f"<conversation>\n{conversation}\n</conversation>\n\n<question>\n{_fence(question, 'question')}\n</question>"


# -- parsing the reply ---------------------------------------------------------------------------


def _parse_reply(content: str) -> _Reply:
    """The model's JSON answer, also when a server ignored ``response_format`` and wrapped it in
    prose or a code fence."""
    data = _json_object(content)
    answer, found, quotes = data.get("answer"), data.get("found"), data.get("quotes")
    if not isinstance(answer, str) or not isinstance(found, bool) or not isinstance(quotes, list):
        raise LLMUnavailable("the model's reply did not have the answer/found/quotes fields it was asked for")
    return _Reply(answer=answer.strip(), found=found, quotes=[_model_quote(q) for q in quotes])


def _json_object(content: str) -> dict[str, Any]:
    fenced = _CODE_FENCE.search(content)
    outermost_braces = content[content.find("{") : content.rfind("}") + 1]
    candidates = [content, fenced.group(1) if fenced else "", outermost_braces]
    for candidate in candidates:
        try:
            data = json.loads(candidate)
        except ValueError:
            continue
        if isinstance(data, dict):
            return data
    raise LLMUnavailable("the model's reply was not the JSON answer it was asked for")


def _model_quote(item: object) -> _ModelQuote | None:
    if not isinstance(item, dict):
        return None
    passage, quote = item.get("passage"), item.get("quote")
    # bool is an int in Python; "passage": true is not a passage number.
    if isinstance(passage, bool) or not isinstance(passage, int) or not isinstance(quote, str):
        return None
    return _ModelQuote(passage=passage, quote=quote)


def _sentence_contains(text: str, passage: Passage, quote: str) -> bool:
    """True when the cited sentence contains every piece of the quote, in order (quote marks and
    whitespace folded): an elided quote ("A ... B"), a wrapped one, or a very short fragment.
    Then the whole sentence is cited, because it really says what the model quoted."""
    pieces = [p.strip(_QUOTE_MARKS) for p in _ELLIPSIS.split(quote)]
    pieces = [p for p in pieces if p]
    cursor = passage.start
    for piece in pieces:
        span = locate_quote(text, piece, within=(cursor, passage.end))
        if span is None:
            return False
        cursor = span[1]
    return bool(pieces)


# -- building the answer -------------------------------------------------------------------------


def _renumber(answer: str, spans: dict[int, _Span]) -> tuple[str, list[_Span]]:
    """Rewrite the model's [k] markers (k = its quote number) as [n], n = 1.. in order of first
    appearance. Markers of dropped quotes disappear; verified quotes the text never marks get a
    marker at the end, so every citation is referenced and every marker has a citation."""
    order: list[_Span] = []

    def number(span: _Span) -> int:
        if span not in order:
            order.append(span)
        return order.index(span) + 1

    def rewrite(match: re.Match[str]) -> str:
        found = [spans[k] for k in map(int, re.split(r"\s*,\s*", match.group(2))) if k in spans]
        numbers = list(dict.fromkeys(number(span) for span in found))
        if not numbers:
            return ""  # with the space before it, so no "claim ." is left behind
        return match.group(1) + "".join(f"[{n}]" for n in numbers)

    text = _MARKER.sub(rewrite, answer).strip()
    unmarked = [span for span in dict.fromkeys(spans.values()) if span not in order]
    if unmarked:
        text += " " + "".join(f"[{number(span)}]" for span in unmarked)
    return text, order


def _citation(n: int, span: _Span, meta: ArticleMeta, root: Path) -> Citation:
    source, start, end = span
    # The quote is the file's own characters at the span, so verify_citation holds by construction.
    quote = read_source(source, root)[start:end]
    return Citation(
        n=n,
        quote=quote,
        source=source,
        start=start,
        end=end,
        title=meta.title,
        published=meta.published,
        url=meta.url,
    )


def _not_covered(question: str) -> Answer:
    # A fixed sentence, not the model's: a refusal must not carry anything the model was tricked into.
    return Answer(question=question, answer=NOT_COVERED, found=False, mode="llm", citations=[])


# -- small helpers -------------------------------------------------------------------------------


def _log_usage(purpose: str, model: str, completion: object, seconds: float) -> None:
    usage = getattr(completion, "usage", None)
    log.info(
        "llm %s model=%s latency_ms=%d prompt_tokens=%s completion_tokens=%s total_tokens=%s",
        purpose,
        model,
        round(seconds * 1000),
        getattr(usage, "prompt_tokens", None),
        getattr(usage, "completion_tokens", None),
        getattr(usage, "total_tokens", None),
    )


def _server_reason(err: openai.APIStatusError) -> str:
    body = err.body
    reason = body.get("message") if isinstance(body, dict) else body
    return _one_line(str(reason or "no details"))


def _one_line(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def _normalise(text: str) -> str:
    return " ".join(text.lower().split())


def _long_sentences(prompt: str) -> list[str]:
    sentences = (_normalise(s) for s in re.split(r"(?<=[.!?:])\s+|\n", prompt))
    return [s for s in sentences if len(s) >= _LEAK_MIN_CHARS]
