"""The Slack front end: a Bolt app that answers mentions, direct messages and ``/ask`` with quotes.

This module owns Slack's side of a conversation:

* where answers go: a mention is answered in a thread under it, a direct message in a thread
  under it, ``/ask`` in the channel (or only to the asker with ``--private``);
* Slack's delivery rules: every request is acknowledged at once, in its own thread, and answered
  by a lazy listener on a worker thread (several at a time); events Slack re-sends, and mentions
  re-sent because their message was edited, are answered once (a TTL set of event ids and
  message timestamps);
  ``chat.postMessage`` rejected with 429 is retried after ``Retry-After``;
* what Slack's markup means: ``<https://x.com|x.com>`` is the text "x.com", ``<#C1|general>`` is
  "#general" (``bot.slack_blocks.plain_text``);
* what a person sees while and after it works: :eyes: while answering, the answer, or an
  apology plus :x: on any failure (details go to the log);
* follow-ups: earlier questions and answers of the thread, read with ``conversations.replies``;
* feedback clicks, recorded through ``bot.feedback`` and acknowledged in place;
* starting the app: Socket Mode by default, HTTP with a port (a threaded server), after checking
  the tokens; a refused token or an unreachable Slack is one line saying what to fix.

Answering is ``ask`` (injected; the real one is ``Engine.ask``); layout is ``bot.slack_blocks``.
"""

from __future__ import annotations

import errno
import logging
import re
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from decimal import Decimal
from functools import partial, wraps
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from slack_bolt import App, BoltResponse
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_bolt.context.respond import Respond
from slack_bolt.error import BoltError
from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

from bot.config import Config
from bot.engine import is_follow_up
from bot.errors import ConfigError, InvalidQuestion, SlackUnreachable
from bot.feedback import FeedbackStore
from bot.models import Answer, Turn
from bot.render import ArticleLookup
from bot.slack_blocks import (
    FEEDBACK_DOWN,
    FEEDBACK_UP,
    VERDICTS,
    acknowledge_feedback,
    asked_question,
    cited_spans,
    escape,
    is_notice,
    parse_feedback_value,
    plain_text,
    read_as,
    render_answer,
    render_notice,
)

Ask = Callable[[str, Sequence[Turn]], Answer]

log = logging.getLogger(__name__)


class _TokenFromClientNotice(logging.Filter):
    """Drops Bolt's "As you gave `client` as well, `token` will be unused.": Bolt reads
    SLACK_BOT_TOKEN from the environment even when given a client carrying that same token (which
    tests need, to point it at a local Slack), and warned about it on every start."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != warning_client_prioritized_and_token_skipped()


_TOKEN_NOTICE_FILTER = _TokenFromClientNotice()

# Slack re-sends an event it thinks was lost after about 1 and 5 minutes; remember ids longer.
EVENT_TTL_SECONDS = 15 * 60
# Answers are slow (retrieval, maybe an LLM) and mostly waiting, so run well more than Bolt's
# default of 5 at once; questions beyond this wait in the queue, already acknowledged.
WORKERS = 16
MAX_HISTORY_TURNS = 10
# A direct message typed in the main window, not in the thread of the answer, follows up on the
# question before it only if asked this soon after it.
DM_FOLLOW_UP_SECONDS = 15 * 60
RATE_LIMIT_RETRIES = 3
PRIVATE_FLAGS = frozenset({"--private", "-p"})
WORKING_REACTION = "eyes"
FAILED_REACTION = "x"
APOLOGY = "Sorry, something went wrong while answering this. Please try again in a moment."
FEEDBACK_FAILED = "Sorry, your feedback could not be recorded. Please try again in a moment."
USAGE = "Ask about the news articles: `/ask your question`, or `/ask --private your question` to see it alone."
# A person's message: thread_broadcast is a thread reply also sent to the channel, file_share a
# message with a file attached (its text may still be a question).
_PERSON_SUBTYPES = {None, "thread_broadcast", "file_share"}
EVENTS_PATH = "/slack/events"  # where Slack POSTs events, commands and clicks in HTTP mode


class RecentEvents:
    """The keys (``event_id``\\ s, ``channel:ts`` of messages) seen in the last ``ttl`` seconds, to
    answer re-sent events and edited messages only once."""

    def __init__(self, ttl: float = EVENT_TTL_SECONDS, clock: Callable[[], float] = time.monotonic) -> None:
        self._ttl = ttl
        self._clock = clock
        self._expiry: OrderedDict[str, float] = OrderedDict()  # insertion order == expiry order
        self._lock = threading.Lock()

    def first_time(self, event_id: str) -> bool:
        """True the first time ``event_id`` is seen within the TTL; records it."""
        with self._lock:
            now = self._clock()
            while self._expiry and next(iter(self._expiry.values())) <= now:
                self._expiry.popitem(last=False)
            if event_id in self._expiry:
                return False
            self._expiry[event_id] = now + self._ttl
            return True


def build_app(
    config: Config, ask: Ask, client: WebClient | None = None, article_for: ArticleLookup | None = None
) -> App:
    """The Bolt app with every listener registered. ``client`` lets tests point it at a fake Slack;
    ``article_for`` names a quote's article by outlet or author when it has no title.

    Building it calls ``auth.test`` to learn the bot's own user id.
    """
    client = client or WebClient()
    client.token = client.token or config.slack_bot_token
    if not any(isinstance(h, RateLimitErrorRetryHandler) for h in client.retry_handlers):
        client.retry_handlers.append(RateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES))
    logging.getLogger("slack_bolt.App").addFilter(_TOKEN_NOTICE_FILTER)  # added once, however often built
    app = App(
        client=client,
        # "" rather than None: Bolt would otherwise read SLACK_SIGNING_SECRET itself.
        signing_secret=config.slack_signing_secret or "",
        # Acknowledge in the request's own thread and do the slow work in lazy listeners on the
        # executor. (With process_before_response=False, Bolt runs even a command's ack() on the
        # executor, so 16 answers in progress left /ask and clicks unacknowledged past 3 s.)
        process_before_response=True,
        listener_executor=ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="slack-answer"),
    )
    reactions = _without_rate_limit_waits(client)
    feedback = FeedbackStore(config.feedback_path)
    recent = RecentEvents()

    @app.middleware
    def answer_each_event_once(body: dict[str, Any], next: Callable[[], None]) -> BoltResponse | None:
        # Bolt has no de-duplication; a retry (X-Slack-Retry-Num) carries the same event_id.
        # Runs after Bolt's signature check, so forged requests cannot fill the set.
        event_id = body.get("event_id")
        if event_id and not recent.first_time(event_id):
            log.info("Skipping event %s: already received", event_id)
            return BoltResponse(status=200, body="")
        next()
        return None

    answer_in_thread = partial(_answer_in_thread, ask, article_for=article_for, reactions=reactions)

    def answer_mention(event: dict[str, Any], context: Any, client: WebClient) -> None:
        answer_in_thread(client, event, context.bot_user_id, context.bot_id, in_dm=False)

    def answer_direct_message(event: dict[str, Any], context: Any, client: WebClient) -> None:
        answer_in_thread(client, event, context.bot_user_id, context.bot_id, in_dm=True)

    def not_answered_yet(event: dict[str, Any]) -> bool:
        # Slack sends an edited mention again as a new app_mention (new event_id, an "edited"
        # field): answered already, unless the edit is what added the mention. Messages are
        # remembered for EVENT_TTL_SECONDS only: an older one may well have been answered.
        if "edited" in event and time.time() - float(event.get("ts") or 0) > EVENT_TTL_SECONDS:
            return False
        return recent.first_time(f"{event.get('channel')}:{event.get('ts')}")

    app.event("app_mention", matchers=[_from_a_person, not_answered_yet])(
        ack=_acknowledge, lazy=[_logged(answer_mention)]
    )
    app.event("message", matchers=[_from_a_person, _in_dm, not_answered_yet])(
        ack=_acknowledge, lazy=[_logged(answer_direct_message)]
    )
    # Bots' posts (our own are already dropped by Bolt), edits, deletions and other subtypes are
    # acknowledged and deliberately left unanswered; registering this keeps them out of the
    # "unhandled request" warnings.
    app.event("app_mention")(_acknowledge)
    app.event("message")(_acknowledge)

    def acknowledge_command(ack: Callable[..., None], command: dict[str, Any]) -> None:
        _, question = _parse_command(plain_text(command.get("text", "")))
        # Ephemeral by default: only the asker sees this line.
        ack(text=f":eyes: Looking for quotes about: {escape(question)}" if question else USAGE)

    def answer_command(command: dict[str, Any], respond: Respond) -> None:
        private, question = _parse_command(plain_text(command.get("text", "")))
        if not question:
            return  # the usage line was the acknowledgement
        visibility = "ephemeral" if private else "in_channel"
        try:
            try:
                answer = ask(question, ())
            except InvalidQuestion as err:  # a hint on how to ask is for the asker only
                _respond(respond, text=escape(str(err)), response_type="ephemeral")
                return
            asked_by = None if private else command["user_id"]
            for message in render_answer(answer, asked_by=asked_by, article_for=article_for):
                _respond(respond, text=message.text, blocks=message.blocks, response_type=visibility)
        except Exception:
            log.exception("Could not answer /ask from %s", command.get("user_id"))
            _respond_quietly(respond, text=APOLOGY, response_type="ephemeral")

    app.command("/ask")(ack=acknowledge_command, lazy=[_logged(answer_command)])

    def record_feedback(body: dict[str, Any], action: dict[str, Any], respond: Respond) -> None:
        user, verdict = body["user"]["id"], VERDICTS[action["action_id"]]
        try:
            data = parse_feedback_value(action["value"])
            feedback.record(
                question=data.question,
                read_as=data.read_as,
                answer=data.answer,
                citations=data.citations,
                user=user,
                verdict=verdict,
                channel=(body.get("channel") or {}).get("id"),
            )
        except Exception:
            log.exception("Could not record feedback from %s", user)
            _respond_quietly(respond, response_type="ephemeral", replace_original=False, text=FEEDBACK_FAILED)
            return
        message = body.get("message")
        if message and message.get("blocks"):
            blocks = acknowledge_feedback(message["blocks"], user, verdict)
            _respond_quietly(respond, replace_original=True, text=message.get("text", ""), blocks=blocks)
        else:  # an ephemeral answer: Slack does not send its blocks back, so reply beside it
            thanks = "Thanks, your feedback was recorded."
            _respond_quietly(respond, response_type="ephemeral", replace_original=False, text=thanks)

    app.action(re.compile(f"^({FEEDBACK_UP}|{FEEDBACK_DOWN})$"))(ack=_acknowledge, lazy=[_logged(record_feedback)])

    return app


def check_slack_settings(config: Config, *, socket_mode: bool) -> None:
    """Raise one ``ConfigError`` naming every missing or malformed Slack setting and where to get it."""
    problems = []
    bot, app_token, secret = config.slack_bot_token, config.slack_app_token, config.slack_signing_secret
    if not bot or not bot.startswith("xoxb-"):
        problems.append(
            f"SLACK_BOT_TOKEN {'does not start with xoxb-' if bot else 'is missing'}: copy the Bot User "
            "OAuth Token (xoxb-...) from OAuth & Permissions (install the app to the workspace first)."
        )
    if socket_mode and (not app_token or not app_token.startswith("xapp-")):
        problems.append(
            f"SLACK_APP_TOKEN {'does not start with xapp-' if app_token else 'is missing'}: under Basic "
            "Information > App-Level Tokens, generate a token (xapp-...) with the connections:write scope."
        )
    if not socket_mode and (not secret or not re.fullmatch(r"[0-9a-fA-F]+", secret)):
        problems.append(
            f"SLACK_SIGNING_SECRET {'is not a hex string' if secret else 'is missing'}: copy the "
            "Signing Secret from Basic Information > App Credentials."
        )
    if problems:
        mode = "Socket Mode" if socket_mode else "HTTP mode"
        raise ConfigError(
            f"Cannot start the Slack bot in {mode}. In your app's settings at https://api.slack.com/apps:\n"
            + "\n".join(f"  - {p}" for p in problems)
            + "\nSet these in your environment or .env (see docs/slack.md)."
        )


def serve(
    config: Config,
    ask: Ask,
    http_port: int | None = None,
    client: WebClient | None = None,
    article_for: ArticleLookup | None = None,
) -> None:
    """Run the bot until interrupted: Socket Mode by default, HTTP on ``http_port`` when given.

    Raises ``ConfigError`` when a token is missing, malformed or refused, ``SlackUnreachable``
    when Slack cannot be reached.
    """
    check_slack_settings(config, socket_mode=http_port is None)
    try:
        app = build_app(config, ask, client, article_for)
    except BoltError as err:  # auth.test refused the token
        raise ConfigError(
            f"Slack refused SLACK_BOT_TOKEN ({err}). Copy the Bot User OAuth Token again from "
            "OAuth & Permissions, and reinstall the app if its scopes changed."
        ) from err
    except OSError as err:  # urllib's URLError included: no network, DNS, proxy
        raise _unreachable(err) from err
    if http_port is not None:
        try:
            server = http_server(app, http_port)
        except OSError as err:
            if err.errno == errno.EADDRINUSE:
                raise ConfigError(
                    f"Port {http_port} is already in use - stop what is listening there, or choose another "
                    "port with --http PORT (and update the Request URL in the Slack app's settings)."
                ) from err
            raise
        with server:
            log.info("Listening for Slack on http://0.0.0.0:%d%s", server.server_port, EVENTS_PATH)
            server.serve_forever()
        return
    try:
        SocketModeHandler(app, config.slack_app_token).start()
    except SlackApiError as err:  # apps.connections.open refused the app-level token
        raise ConfigError(
            f"Slack refused SLACK_APP_TOKEN ({err.response.get('error')}). Under Basic Information > "
            "App-Level Tokens, generate a new token (xapp-...) with the connections:write scope."
        ) from err
    except OSError as err:
        raise _unreachable(err) from err


def _unreachable(err: OSError) -> SlackUnreachable:
    reason = getattr(err, "reason", None) or err
    return SlackUnreachable(
        f"Could not reach Slack ({reason}). Check the network connection, and HTTPS_PROXY if you need a proxy."
    )


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    request_queue_size = 64  # the default backlog of 5 makes a burst of requests wait 1 s for a SYN retry

    def handle_error(self, request: Any, client_address: Any) -> None:
        # socketserver prints a traceback to stderr; a client that went silent (the handler's
        # timeout) or away is worth one line.
        error = sys.exc_info()[1]
        if isinstance(error, (TimeoutError, ConnectionError)):
            log.warning("HTTP connection from %s dropped: %s", client_address[0], error)
        else:
            log.exception("HTTP request from %s failed", client_address[0])


class _LoggingHandler(WSGIRequestHandler):
    # A connection silent this long is closed: a stalled client must not hold its thread forever.
    timeout = 30

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("HTTP %s", format % args)  # one line per request: only worth it when debugging

    def log_error(self, format: str, *args: Any) -> None:
        log.warning("HTTP %s", format % args)  # a malformed or timed-out request


def http_server(app: App, port: int, host: str = "0.0.0.0") -> WSGIServer:
    """A threaded HTTP server for Slack's requests to ``EVENTS_PATH``, not started.

    Bolt's own ``app.start()`` is its development server: one request at a time, so one stalled
    connection holds up every event (its docs say not to use it in production). Bolt's WSGI
    adapter on the standard library's server, one thread per request, needs no other package.
    """
    handler = SlackRequestHandler(app)

    def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        if environ.get("PATH_INFO") != EVENTS_PATH:
            start_response("404 Not Found", [("Content-Type", "text/plain")])
            return [f"Slack requests go to {EVENTS_PATH}".encode()]
        return handler(environ, start_response)

    return make_server(host, port, application, server_class=_ThreadingWSGIServer, handler_class=_LoggingHandler)


# --- listeners' helpers ------------------------------------------------------------------------


def _from_a_person(event: dict[str, Any]) -> bool:
    return event.get("subtype") in _PERSON_SUBTYPES and not event.get("bot_id") and bool(event.get("user"))


def _in_dm(event: dict[str, Any]) -> bool:
    return event.get("channel_type") == "im"


def _logged(listener: Callable[..., None]) -> Callable[..., None]:
    """``listener`` with any failure logged with its traceback: Bolt's lazy runner would log only
    "Failed to run an internal function (<error>)". (Bolt reads the wrapped function's arguments.)"""

    @wraps(listener)
    def run(**kwargs: Any) -> None:
        try:
            listener(**kwargs)
        except Exception:
            log.exception("Slack listener %s failed", listener.__name__)

    return run


def _acknowledge(ack: Callable[..., None]) -> None:
    """Acknowledge at once; the answering, if any, is a lazy listener's."""
    ack()


def _answer_in_thread(
    ask: Ask,
    client: WebClient,
    event: dict[str, Any],
    bot_user_id: str,
    bot_id: str | None,
    *,
    in_dm: bool,
    article_for: ArticleLookup | None,
    reactions: WebClient,
) -> None:
    """Answer a mention or direct message in a thread under it, with :eyes: while working
    (added through ``reactions``, which does not wait out rate limits)."""
    channel, ts = event["channel"], event["ts"]
    thread_ts = event.get("thread_ts") or ts
    _react(reactions.reactions_add, channel, ts, WORKING_REACTION)
    try:
        history: list[Turn] = []
        try:
            if event.get("thread_ts"):
                history = _thread_history(client, channel, thread_ts, ts, bot_user_id, bot_id, in_dm=in_dm)
            elif in_dm and is_follow_up(_clean(event.get("text", ""), bot_user_id)):
                history = _previous_dm_question(client, channel, ts, bot_user_id, bot_id)
        except Exception:
            # The conversation could not be read (Slack down, a missing scope on an old install):
            # the question is still answered, as one standing alone.
            log.warning("Could not read the conversation %s in %s; answering without it", ts, channel, exc_info=True)
        try:
            answer = ask(_clean(event.get("text", ""), bot_user_id), history)
            messages = render_answer(answer, article_for=article_for)
        except InvalidQuestion as err:  # not a failure: the hint says how to ask
            messages = [render_notice(str(err))]
        for message in messages:
            client.chat_postMessage(
                channel=channel,
                thread_ts=thread_ts,
                text=message.text,
                blocks=message.blocks,
                unfurl_links=False,
                unfurl_media=False,
            )
    except Exception:
        log.exception("Could not answer message %s in %s", ts, channel)
        _react(reactions.reactions_add, channel, ts, FAILED_REACTION)
        try:
            client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=APOLOGY)
        except Exception:
            log.exception("Could not post the apology in %s", channel)
    finally:
        _react(reactions.reactions_remove, channel, ts, WORKING_REACTION)


def _previous_dm_question(
    client: WebClient, channel: str, current_ts: str, bot_user_id: str, bot_id: str | None
) -> list[Turn]:
    """The question answered just before in the main window of a direct message (most people do
    not open the answer's thread), with its answer, as read in its thread: "and what about
    Huawei?" follows up on it. Nothing when it was asked more than ``DM_FOLLOW_UP_SECONDS`` before."""
    page = client.conversations_history(channel=channel, latest=current_ts, inclusive=False, limit=10)
    messages: list[dict[str, Any]] = page.get("messages", [])
    for message in messages:  # newest first
        if not _from_a_person(message):
            continue
        if Decimal(current_ts) - Decimal(message["ts"]) > DM_FOLLOW_UP_SECONDS:
            return []
        answered = _thread_history(client, channel, message["ts"], current_ts, bot_user_id, bot_id, in_dm=True)
        if answered:
            return answered[-1:]
        # Not answered (a hint for "thanks!", or no reply yet): the question before it, if any.
    return []


def _thread_history(
    client: WebClient,
    channel: str,
    thread_ts: str,
    current_ts: str,
    bot_user_id: str,
    bot_id: str | None,
    *,
    in_dm: bool,
) -> list[Turn]:
    """The thread's earlier questions to the bot, each with the bot's answer, oldest first."""
    messages: list[dict[str, Any]] = []
    for page in client.conversations_replies(channel=channel, ts=thread_ts, limit=200):
        messages.extend(page.get("messages", []))
    turns: list[Turn] = []
    question: str | None = None
    answering = False  # whether our messages now continue the last turn's answer
    for message in sorted(messages, key=lambda m: Decimal(m["ts"])):
        if Decimal(message["ts"]) >= Decimal(current_ts):
            break
        text = message.get("text", "")
        if message.get("user") == bot_user_id or (bot_id and message.get("bot_id") == bot_id):
            blocks = message.get("blocks") or []
            # An answer to /ask posted in the channel opens its thread and repeats the question.
            question = question or asked_question(blocks)
            # Only the first of our replies answers the question (later ones continue the
            # answer); an apology or a hint ("thanks!" has no words to look for) answered nothing.
            if question and text != APOLOGY and not is_notice(blocks):
                # A follow-up builds on what the one before was read as, not on its bare words.
                asked = read_as(blocks) or question
                turns.append(Turn(question=asked, answer=plain_text(text), cited=cited_spans(blocks)))
                answering = True
            elif answering and cited_spans(blocks):
                # The buttons, which carry the quoted spans, come with the answer's last message.
                turns[-1] = replace(turns[-1], cited=cited_spans(blocks))
            question = None
        elif _from_a_person(message) and (in_dm or f"<@{bot_user_id}>" in text):
            question = _clean(text, bot_user_id)
            answering = False
    return turns[-MAX_HISTORY_TURNS:]


def _clean(text: str, bot_user_id: str) -> str:
    """The question as typed: without the bot's mention, Slack's markup and its escaping."""
    return plain_text(text.replace(f"<@{bot_user_id}>", " ")).strip()


def _parse_command(text: str) -> tuple[bool, str]:
    """``--private`` (or ``-p``) as the first or last word: an answer only the asker sees."""
    words = text.split()
    if words and words[0] in PRIVATE_FLAGS:
        return True, " ".join(words[1:])
    if words and words[-1] in PRIVATE_FLAGS:
        return True, " ".join(words[:-1])
    return False, " ".join(words)


def _without_rate_limit_waits(client: WebClient) -> WebClient:
    """A copy of ``client`` that gives up at a 429 instead of sleeping Retry-After (up to three
    times): an :eyes: reaction is not worth holding the answer back for."""
    return WebClient(
        token=client.token,
        base_url=client.base_url,
        timeout=client.timeout,
        ssl=client.ssl,
        proxy=client.proxy,
        headers=client.headers,
        retry_handlers=[h for h in client.retry_handlers if not isinstance(h, RateLimitErrorRetryHandler)],
    )


def _react(method: Callable[..., Any], channel: str, ts: str, name: str) -> None:
    """Add or remove a reaction; a reaction that fails is not worth failing the answer for."""
    try:
        method(channel=channel, timestamp=ts, name=name)
    except SlackApiError as err:
        log.warning("Reaction :%s: on %s failed: %s", name, ts, err.response.get("error"))
    except Exception as err:  # the network, say: the answer may still get through
        log.warning("Reaction :%s: on %s failed: %s", name, ts, err)


def _respond(respond: Respond, **message: Any) -> None:
    """Post through the response_url; unlike the Web API client, it does not raise on errors."""
    response = respond(unfurl_links=False, unfurl_media=False, **message)
    if response.status_code != 200:
        raise RuntimeError(f"response_url answered {response.status_code}: {response.body}")


def _respond_quietly(respond: Respond, **message: Any) -> None:
    """Post through the response_url when a failure is only worth a log line (apologies, thanks)."""
    try:
        _respond(respond, **message)
    except Exception:
        log.exception("Could not post through the response_url")
