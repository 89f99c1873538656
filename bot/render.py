"""Rendering an ``Answer`` for a terminal (readable text) and for programs (the JSON contract).

The Slack renderer lives elsewhere; this module has no dependencies beyond the standard library,
so rendering never costs an import of the retrieval stack.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import PurePosixPath

from bot.models import Answer, ArticleMeta, Citation


def render_json(answer: Answer) -> str:
    """One line of JSON: exactly ``answer.to_dict()`` (the machine-readable contract)."""
    return json.dumps(answer.to_dict(), ensure_ascii=False)


def _file_name(source: str) -> str:
    return PurePosixPath(source).name


def _citation_label(citation: Citation) -> str:
    return citation.title or _file_name(citation.source)


def _in_quotation_marks(quote: str) -> str:
    """The quote between quotation marks, unless it is one whole quotation already: “I hope
    to bring ...” is not shown as ““I hope to bring ...””."""
    inner = quote[1:-1]
    if len(quote) > 1 and quote[0] == "“" and quote[-1] == "”" and "“" not in inner and "”" not in inner:
        return quote
    return f"“{quote}”"


def render_citation(citation: Citation, meta: ArticleMeta | None = None) -> str:
    """A numbered quote, then where it comes from: title (or outlet/author/file), date, link."""
    name = meta.label if meta is not None else _citation_label(citation)
    where = [name]
    if citation.published:
        where.append(citation.published)
    lines = [f"[{citation.n}] {_in_quotation_marks(citation.quote)}", "    — " + " · ".join(where)]
    if citation.url:
        lines.append(f"    {citation.url}")
    lines.append(f"    {citation.source}, characters {citation.start}–{citation.end}")
    return "\n".join(lines)


def _closest_line(meta: ArticleMeta) -> str:
    parts = [meta.label]
    if meta.published:
        parts.append(meta.published)
    parts.append(meta.url or meta.source)
    return "  - " + " · ".join(parts)


def mode_line(answer: Answer) -> str:
    if answer.mode == "llm":
        return "(answered by the LLM, quoting the articles verbatim)"
    return "(answered offline: extractive, quotes picked from the articles verbatim)"


ArticleLookup = Callable[[Citation], "ArticleMeta | None"]


def render_text(answer: Answer, lookup: ArticleLookup | None = None, show_mode: bool = False) -> str:
    """Readable terminal output: the answer line, each numbered quote with its source, notes,
    and on a refusal the closest articles. ``lookup`` (citation -> its article) lets a quote of
    an untitled article fall back to its outlet or author instead of the file name."""
    lines = [f"(read as: {answer.read_as})", answer.answer] if answer.read_as else [answer.answer]
    if answer.citations:
        lines.append("")
        for citation in answer.citations:
            lines.append(render_citation(citation, lookup(citation) if lookup else None))
    if not answer.found and answer.closest:
        lines.append("")
        lines.append("Closest articles:")
        lines.extend(_closest_line(meta) for meta in answer.closest)
    if answer.notes:
        lines.append("")
        lines.extend(f"Note: {note}" for note in answer.notes)
    if show_mode:
        lines.append(mode_line(answer))
    return "\n".join(lines)
