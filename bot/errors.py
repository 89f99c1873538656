"""The bot's own exceptions. Each carries a message that says how to fix the problem.

They are turned into user-facing messages only at the edges (the CLI prints them and exits
with a non-zero code; the Slack app posts a short apology and logs the details).
"""

from __future__ import annotations


class BotError(Exception):
    """Base class: something the user (or operator) can fix. ``str(err)`` is the whole message."""

    exit_code = 1


class ConfigError(BotError):
    """A setting is missing or malformed (environment or ``.env``)."""

    exit_code = 2


class InvalidQuestion(BotError):
    """The question cannot be answered as given (empty, too long, ...)."""

    exit_code = 2


class CorpusError(BotError):
    """The articles folder is missing, empty or unreadable."""


class IndexBuildError(BotError):
    """The index could not be built or loaded."""


class LLMUnavailable(BotError):
    """The OpenAI-compatible server could not give a usable answer (the caller falls back)."""


class SlackUnreachable(BotError):
    """Slack's API could not be reached (network, DNS, proxy)."""
