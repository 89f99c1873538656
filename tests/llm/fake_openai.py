"""A small OpenAI-compatible chat-completions server for tests: real HTTP on 127.0.0.1, scripted
replies, every request recorded.

The real ``openai`` client talks to it over a socket, so its retries, backoff, ``Retry-After``
handling and timeouts are exercised as they are in production; nothing in the library is patched.
Like a real server it checks the bearer key (401) and the model name (404) before it answers.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

CHAT_PATHS = {"/v1/chat/completions", "/chat/completions"}
API_KEY = "sk-test-fake-key-0123456789"
MODEL = "test-model"


@dataclass(frozen=True)
class Recorded:
    """One request as the server saw it."""

    path: str
    headers: dict[str, str]  # names lower-cased
    body: dict[str, Any]

    def message(self, role: str) -> str:
        return next(m["content"] for m in self.body["messages"] if m["role"] == role)


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: bytes = b""
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)
    # Hold the request this long before answering; the fixture cuts every stall short at teardown.
    stall: float = 0.0


Script = Reply | Callable[[Recorded], Reply]


def completion(content: str | None, *, refusal: str | None = None) -> Reply:
    """A successful chat completion whose assistant message is ``content``."""
    payload = {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 1_700_000_000,
        "model": MODEL,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content, "refusal": refusal},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 321, "completion_tokens": 54, "total_tokens": 375},
    }
    return Reply(body=json.dumps(payload).encode())


def answer(text: str, quotes: list[tuple[int, str]], *, found: bool = True) -> Reply:
    """A completion carrying the JSON answer the bot asks for: quotes are (passage number, quote)."""
    data = {"answer": text, "found": found, "quotes": [{"passage": p, "quote": q} for p, q in quotes]}
    return completion(json.dumps(data, ensure_ascii=False))


def error(status: int, message: str, *, headers: dict[str, str] | None = None) -> Reply:
    """An OpenAI-style error body."""
    body = {"error": {"message": message, "type": "test_error", "code": None}}
    return Reply(status=status, body=json.dumps(body).encode(), headers=headers or {})


def stall(seconds: float) -> Reply:
    return Reply(stall=seconds)


class FakeOpenAI:
    """The server. ``script(...)`` queues replies; the last one repeats, as a stuck server would."""

    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self._script: list[Script] = []
        self._lock = threading.Lock()
        self._release = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="fake-openai", daemon=True)
        self._thread.start()

    def script(self, *replies: Script) -> None:
        with self._lock:
            self._script = list(replies)

    def reset(self) -> None:
        """Between tests: unblock stalled handlers, forget the script and the requests."""
        with self._lock:
            self._release.set()
            self._release = threading.Event()
            self._script = []
            self.requests = []

    def close(self) -> None:
        self.reset()
        self._httpd.shutdown()
        self._httpd.server_close()

    def _record(self, request: Recorded) -> None:
        with self._lock:
            self.requests.append(request)

    def _next(self, request: Recorded) -> tuple[Reply, threading.Event]:
        with self._lock:
            if not self._script:
                return error(500, "the test scripted no reply"), self._release
            step = self._script.pop(0) if len(self._script) > 1 else self._script[0]
            release = self._release
        return (step(request) if callable(step) else step), release


def _handler_for(server: FakeOpenAI) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            request = Recorded(
                path=self.path,
                headers={k.lower(): v for k, v in self.headers.items()},
                body=json.loads(raw or b"{}"),
            )
            server._record(request)
            self._send(self._reply(request))

        def _reply(self, request: Recorded) -> Reply | None:
            if request.path not in CHAT_PATHS:
                return error(404, f"no route {request.path}")
            if request.headers.get("authorization") != f"Bearer {API_KEY}":
                return error(401, "Incorrect API key provided.")
            if request.body.get("model") != MODEL:
                return error(404, f"The model `{request.body.get('model')}` does not exist.")
            reply, release = server._next(request)
            if reply.stall and release.wait(reply.stall):
                return None  # released at teardown: the client gave up long ago, send nothing
            return reply

        def _send(self, reply: Reply | None) -> None:
            if reply is None:
                return
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(reply.body)))
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(reply.body)

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: pytest output is for the tests."""

    return Handler
