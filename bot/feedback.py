"""The feedback store: one JSON object per line, appended whenever someone clicks 👍 or 👎.

This module owns the file format and safe appending. It knows nothing about Slack: the Slack
app decodes a button click and calls ``FeedbackStore.record``.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

Verdict = Literal["up", "down"]


class FeedbackStore:
    """Append-only JSON-lines file at ``path`` (``Config.feedback_path``).

    Several Slack clicks are handled at once on different threads, so every record is written
    under a lock, as one ``write`` of one whole line to a file opened in append mode: lines
    never interleave and earlier lines are never rewritten.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def record(
        self,
        *,
        question: str,
        answer: str,
        citations: Sequence[Mapping[str, Any]],
        user: str,
        verdict: Verdict,
        channel: str | None = None,
        read_as: str | None = None,
    ) -> dict[str, Any]:
        """Append one verdict and return the record as written. ``read_as`` is how a follow-up
        question was read, when that differs from what was typed."""
        entry: dict[str, Any] = {
            "timestamp": datetime.now(UTC).isoformat(timespec="seconds"),
            "user": user,
            "verdict": verdict,
            "question": question,
            "read_as": read_as,
            "answer": answer,
            "citations": [dict(c) for c in citations],
            "channel": channel,
        }
        # ensure_ascii=False keeps quotes readable; a JSON string never contains a raw newline,
        # so one record is always exactly one line.
        line = json.dumps(entry, ensure_ascii=False) + "\n"
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as handle:
                handle.write(line)
        return entry
