"""A local Slack for the tests: the Web API, the app behind real HTTP, Socket Mode, and an answerer.

* ``FakeSlack``: a stdlib HTTP server on 127.0.0.1 (port 0) that answers Web API methods and
  ``response_url`` posts, records every call, and can be told to fail the next calls (429/500).
* ``BoltServer``: the Bolt app behind the bot's own HTTP-mode server (``bot.slack_app.http_server``),
  driven with requests signed the way Slack signs them.
* ``FakeSocketMode``: a WebSocket server (``websockets``) speaking the Socket Mode envelope
  protocol: ``hello``, envelopes out, acknowledgements back.
* ``FakeAnswerer``: a deterministic ``ask`` returning real ``Answer``/``Citation`` objects.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict, deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from slack_bolt import App
from slack_sdk.signature import SignatureVerifier
from websockets.asyncio.server import ServerConnection, serve
from websockets.exceptions import ConnectionClosed

from bot.models import Answer, ArticleMeta, Citation, Turn
from bot.slack_app import WORKERS, http_server

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SIGNING_SECRET = "0123456789abcdef0123456789abcdef"
BOT_TOKEN = "xoxb-1234-5678-test"
APP_TOKEN = "xapp-1-A111-222-test"
TEAM_ID = "T0TEST"
BOT_USER_ID = "UBOT"
BOT_ID = "BBOT"
ASKER = "UASKER"
CHANNEL = "C0NEWS"
DM_CHANNEL = "D0ASKER"


def wait_until(condition: Callable[[], Any], timeout: float = 10.0, what: str = "condition") -> Any:
    """Poll ``condition`` until it returns something truthy, or fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(0.01)


# --- the Web API -----------------------------------------------------------------------------


@dataclass
class Call:
    method: str  # "chat.postMessage", ... or "response_url"
    params: dict[str, Any]
    token: str | None  # from the Authorization header


@dataclass
class _Scripted:
    status: int
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)


class FakeSlack:
    """Slack's Web API on 127.0.0.1, recording every call."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.threads: dict[tuple[str, str], list[dict[str, Any]]] = {}  # conversations.replies data
        self.histories: dict[str, list[dict[str, Any]]] = {}  # conversations.history data, oldest first
        self.socket_url: str | None = None  # what apps.connections.open hands out
        self._failures: dict[str, deque[_Scripted]] = defaultdict(deque)
        self._lock = threading.Lock()
        self._ts = itertools.count(1)
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                fake._handle(self)

            def do_POST(self) -> None:
                fake._handle(self)

            def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
                pass

        self._server = _ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_port}/"
        self.api_url = self.url + "api/"
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def response_url(self, name: str) -> str:
        return f"{self.url}response/{name}"

    def fail_next(
        self, method: str, status: int, *, times: int = 1, retry_after: int | None = None, error: str = ""
    ) -> None:
        """Answer the next ``times`` calls of ``method`` with ``status`` and ``{"ok": false}``."""
        error = error or ("ratelimited" if status == 429 else "fatal_error")
        headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
        with self._lock:
            for _ in range(times):
                self._failures[method].append(_Scripted(status, {"ok": False, "error": error}, headers))

    def calls_to(self, method: str) -> list[dict[str, Any]]:
        with self._lock:
            return [c.params for c in self.calls if c.method == method]

    def reactions(self, method: str = "reactions.add") -> list[tuple[str, str, str]]:
        """(channel, message ts, emoji name) of each reactions.add (or .remove) call."""
        return [(r["channel"], r["timestamp"], r["name"]) for r in self.calls_to(method)]

    def tokens_used(self, method: str) -> set[str | None]:
        with self._lock:
            return {c.token for c in self.calls if c.method == method}

    def wait_for(self, method: str, count: int = 1, timeout: float = 10.0) -> list[dict[str, Any]]:
        return wait_until(
            lambda: (calls := self.calls_to(method)) and len(calls) >= count and calls,
            timeout,
            f"{count} call(s) to {method}",
        )

    # -- serving --

    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        parsed = urllib.parse.urlsplit(request.path)
        length = int(request.headers.get("Content-Length") or 0)
        raw = request.rfile.read(length).decode() if length else ""
        params: dict[str, Any] = dict(urllib.parse.parse_qsl(parsed.query))
        if raw:
            if (request.headers.get("Content-Type") or "").startswith("application/json"):
                params.update(json.loads(raw))
            else:
                params.update(urllib.parse.parse_qsl(raw))
        method = "response_url" if parsed.path.startswith("/response/") else parsed.path.removeprefix("/api/")
        token = (request.headers.get("Authorization") or "").removeprefix("Bearer ") or None
        with self._lock:
            self.calls.append(Call(method, params, token))
            scripted = self._failures[method].popleft() if self._failures[method] else None
        if scripted is None:
            scripted = _Scripted(200, self._reply(method, params))
        body = json.dumps(scripted.body).encode()
        request.send_response(scripted.status)
        request.send_header("Content-Type", "application/json; charset=utf-8")
        request.send_header("Content-Length", str(len(body)))
        for name, value in scripted.headers.items():
            request.send_header(name, value)
        request.end_headers()
        request.wfile.write(body)

    def _reply(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        if method == "auth.test":
            return {
                "ok": True,
                "user_id": BOT_USER_ID,
                "bot_id": BOT_ID,
                "team_id": TEAM_ID,
                "user": "quotes",
            }
        if method == "apps.connections.open":
            return {"ok": True, "url": self.socket_url}
        if method == "chat.postMessage":
            ts = f"1800000000.{next(self._ts):06d}"
            return {"ok": True, "channel": params.get("channel"), "ts": ts, "message": {"ts": ts}}
        if method == "conversations.replies":
            messages = self.threads.get((params.get("channel", ""), params.get("ts", "")), [])
            return {"ok": True, "messages": messages, "has_more": False}
        if method == "conversations.history":  # newest first, before "latest"
            latest = Decimal(params.get("latest") or "inf")
            messages = [m for m in self.histories.get(params.get("channel", ""), []) if Decimal(m["ts"]) < latest]
            return {"ok": True, "messages": messages[::-1][: int(params.get("limit") or 100)], "has_more": False}
        return {"ok": True}


class _ThreadingHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64


# --- the app behind real HTTP ----------------------------------------------------------------


@dataclass
class Reply:
    status: int
    body: str
    seconds: float  # from sending the request to the complete HTTP response


class BoltServer:
    """The Bolt app served over real HTTP at ``url`` (Slack's "Request URL"), on port 0."""

    def __init__(self, app: App, slack: FakeSlack) -> None:
        self.app = app
        self.slack = slack
        self._server = http_server(app, 0, host="127.0.0.1")  # the bot's own HTTP mode
        self.url = f"http://127.0.0.1:{self._server.server_port}/slack/events"
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()
        self._ids = itertools.count(1)

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def post(
        self,
        body: str,
        content_type: str,
        *,
        headers: dict[str, str] | None = None,
        secret: str | None = SIGNING_SECRET,
        timestamp: int | None = None,
    ) -> Reply:
        """POST ``body`` as Slack does: signed with ``secret`` (unsigned when None)."""
        all_headers = {"Content-Type": content_type, **(headers or {})}
        if secret is not None:
            ts = str(int(time.time()) if timestamp is None else timestamp)
            all_headers["X-Slack-Request-Timestamp"] = ts
            all_headers["X-Slack-Signature"] = SignatureVerifier(secret).generate_signature(timestamp=ts, body=body)
        request = urllib.request.Request(self.url, data=body.encode(), headers=all_headers, method="POST")
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                text = response.read().decode()
                return Reply(response.status, text, time.perf_counter() - started)
        except urllib.error.HTTPError as err:
            return Reply(err.code, err.read().decode(), time.perf_counter() - started)

    def send_event(self, event: dict[str, Any], *, event_id: str | None = None, retry_num: int | None = None) -> Reply:
        headers = {}
        if retry_num is not None:
            headers = {"X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": "http_timeout"}
        body = json.dumps(event_callback(event, event_id or f"Ev{next(self._ids):04d}"))
        return self.post(body, "application/json", headers=headers)

    def send_command(self, text: str, *, user: str = ASKER, response_name: str = "cmd") -> Reply:
        return self.post(
            urllib.parse.urlencode(command_payload(text, self.slack.response_url(response_name), user=user)),
            "application/x-www-form-urlencoded",
        )

    def click(self, action: dict[str, Any], *, user: str, message: dict[str, Any] | None) -> Reply:
        payload = block_actions_payload(action, self.slack.response_url("click"), user=user, message=message)
        return self.post(urllib.parse.urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded")


def mention_event(
    text: str, *, ts: str, thread_ts: str | None = None, user: str = ASKER, **extra: Any
) -> dict[str, Any]:
    """An ``app_mention`` event as Slack sends it (the text starts with the bot's mention)."""
    event = {"type": "app_mention", "user": user, "text": text, "ts": ts, "channel": CHANNEL, "event_ts": ts}
    if thread_ts:
        event["thread_ts"] = thread_ts
    return {**event, **extra}


def dm_event(text: str, *, ts: str, thread_ts: str | None = None, **extra: Any) -> dict[str, Any]:
    """A ``message.im`` event: a message in the bot's direct-message channel."""
    event = {
        "type": "message",
        "channel_type": "im",
        "user": ASKER,
        "text": text,
        "ts": ts,
        "channel": DM_CHANNEL,
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    return {**event, **extra}


def event_callback(event: dict[str, Any], event_id: str) -> dict[str, Any]:
    return {
        "token": "legacy-verification-token",
        "team_id": TEAM_ID,
        "api_app_id": "A0QUOTES",
        "event": event,
        "type": "event_callback",
        "event_id": event_id,
        "event_time": int(time.time()),
        "authorizations": [{"team_id": TEAM_ID, "user_id": BOT_USER_ID, "is_bot": True}],
    }


def command_payload(text: str, response_url: str, *, user: str = ASKER) -> dict[str, str]:
    return {
        "token": "legacy-verification-token",
        "team_id": TEAM_ID,
        "team_domain": "newsroom",
        "channel_id": CHANNEL,
        "channel_name": "news",
        "user_id": user,
        "user_name": "asker",
        "command": "/ask",
        "text": text,
        "api_app_id": "A0QUOTES",
        "response_url": response_url,
        "trigger_id": "123.456.abc",
    }


def block_actions_payload(
    action: dict[str, Any], response_url: str, *, user: str, message: dict[str, Any] | None
) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "type": "block_actions",
        "user": {"id": user, "username": "reader", "team_id": TEAM_ID},
        "api_app_id": "A0QUOTES",
        "token": "legacy-verification-token",
        "team": {"id": TEAM_ID, "domain": "newsroom"},
        "channel": {"id": CHANNEL, "name": "news"},
        "trigger_id": "123.456.def",
        "response_url": response_url,
        "actions": [{**action, "type": "button", "action_ts": str(time.time())}],
    }
    if message is None:  # what Slack sends for a click on an ephemeral message
        payload["container"] = {
            "type": "message",
            "message_ts": "1.2",
            "channel_id": CHANNEL,
            "is_ephemeral": True,
        }
    else:
        payload["container"] = {"type": "message", "message_ts": message["ts"], "channel_id": CHANNEL}
        payload["message"] = message
    return payload


# --- Socket Mode -----------------------------------------------------------------------------


class FakeSocketMode:
    """Slack's Socket Mode WebSocket endpoint: says ``hello``, sends envelopes, records acks."""

    def __init__(self) -> None:
        self.acks: dict[str, dict[str, Any]] = {}
        self._connection: ServerConnection | None = None
        self._loop = asyncio.new_event_loop()
        started = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(started,), daemon=True)
        self._thread.start()
        started.wait(5)
        self.url = f"ws://127.0.0.1:{self._port}/link/?ticket=test"

    def _run(self, started: threading.Event) -> None:
        asyncio.set_event_loop(self._loop)

        async def main() -> None:
            self._stop = asyncio.Event()
            async with serve(self._session, "127.0.0.1", 0) as server:
                self._port = next(iter(server.sockets)).getsockname()[1]
                started.set()
                await self._stop.wait()

        self._loop.run_until_complete(main())

    async def _session(self, connection: ServerConnection) -> None:
        self._connection = connection
        hello = {"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A0QUOTES"}}
        await connection.send(json.dumps(hello))
        try:
            async for message in connection:
                data = json.loads(message)
                self.acks[data["envelope_id"]] = data
        except ConnectionClosed:  # the client may drop the socket without a close frame
            pass

    def connected(self) -> bool:
        return self._connection is not None

    def send(self, envelope: dict[str, Any]) -> None:
        assert self._connection is not None, "no Socket Mode client connected"
        asyncio.run_coroutine_threadsafe(self._connection.send(json.dumps(envelope)), self._loop).result(5)

    def wait_for_ack(self, envelope_id: str, timeout: float = 5.0) -> dict[str, Any]:
        return wait_until(lambda: self.acks.get(envelope_id), timeout, f"the ack of envelope {envelope_id}")

    def hang_up(self) -> None:
        """Close the client's connection from this side (the client's blocking read then returns
        at once, instead of after its 3-second receive timeout)."""
        if self._connection is not None:
            asyncio.run_coroutine_threadsafe(self._connection.close(), self._loop).result(5)

    def close(self) -> None:
        self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(5)


# --- the answerer ----------------------------------------------------------------------------

_SEED = "seeds/000_999120c5d4b66c65.txt"
_QUOTE = "NVIDIA's market share in China's advanced chip market has dropped from \"95% in the past to zero,\""


def seed_citation(n: int = 1, quote: str = _QUOTE, source: str = _SEED) -> Citation:
    """A citation of a real span of a real seed article (``text[start:end] == quote``)."""
    text = (PROJECT_ROOT / source).read_text(encoding="utf-8")
    start = text.index(quote)
    return Citation(
        n=n,
        quote=quote,
        source=source,
        start=start,
        end=start + len(quote),
        title="Huang: China market share fell to zero",
        published="2025-10-29",
        url="https://www.guancha.cn/economy/2025_10_29_nvidia.shtml",
    )


def found(question: str, citations: Sequence[Citation] | None = None, text: str | None = None) -> Answer:
    cites = list(citations) if citations is not None else [seed_citation()]
    return Answer(
        question=question,
        answer=text or " ".join(f"Quoted [{c.n}]." for c in cites),
        found=True,
        mode="extractive",
        citations=cites,
    )


def refusal(question: str) -> Answer:
    return Answer(
        question=question,
        answer="",
        found=False,
        mode="extractive",
        closest=[
            ArticleMeta(source=_SEED, title="Huang at the Washington conference", published="2025-10-29", url=None)
        ],
    )


@contextmanager
def every_worker_answering(bolt: BoltServer, answerer: FakeAnswerer) -> Iterator[None]:
    """Hold ``WORKERS`` mentions in the middle of their answers while the block runs; then let
    them all finish. (Bolt gives up on an unacknowledged request after Slack's 3 seconds.)"""
    release = threading.Barrier(WORKERS + 1, timeout=10)
    answerer.barrier = release
    before = len(answerer.calls)
    for i in range(WORKERS):
        bolt.send_event(mention_event(f"<@{BOT_USER_ID}> Busy question #{i}?", ts=f"17000002{i:02d}.000100"))
    wait_until(lambda: len(answerer.calls) == before + WORKERS, what="every worker answering")
    try:
        yield
    finally:
        answerer.barrier = None
        release.wait()


class FakeAnswerer:
    """``ask`` for tests: answers every question with a quote from a seed article, in a fixed way.

    ``delay`` makes answers slow, ``error`` makes them fail, ``barrier`` holds each answer until
    that many are in progress at once, and ``answers`` maps a question to a prepared Answer.
    """

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Turn, ...]]] = []
        self.delay = 0.0
        self.error: Exception | None = None
        self.barrier: threading.Barrier | None = None
        self.answers: dict[str, Answer] = {}
        self._lock = threading.Lock()

    def __call__(self, question: str, history: Sequence[Turn] = ()) -> Answer:
        with self._lock:
            self.calls.append((question, tuple(history)))
        if self.barrier is not None:
            self.barrier.wait()
        if self.delay:
            time.sleep(self.delay)
        if self.error is not None:
            raise self.error
        return self.answers.get(question) or found(question)
