"""Rendering an ``Answer`` as Slack Block Kit messages.

This module owns everything a person sees of an answer in Slack:

* the layout: the short answer with its ``[n]`` markers, then each quote as a blockquote with
  its article's name (title, else outlet, author or file), date and original URL (and its source
  file when the URL is unknown), or, on a refusal, a plain statement that the articles don't
  cover it and the closest articles;
* reading what Slack sends: its escaping and its markup for links, channels and mentions;
* safety: every piece of text that comes from a question or an article is escaped for mrkdwn,
  so ``<!channel>``, ``<@U123>`` or ``<http://evil|x>`` are shown as typed and do nothing;
* Slack's size limits: text is split into more sections and more messages, never truncated, and
  a quote is only ever continued in a further block, never cut off;
* the 👍/👎 buttons, the data they carry back, and the in-place thank-you after a click.

It does no I/O: ``bot.slack_app`` posts what this module returns.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from bot.feedback import Verdict
from bot.models import REFUSAL_OPENING, Answer, ArticleMeta, Citation
from bot.render import ArticleLookup

# Slack's documented limits.
MAX_SECTION_CHARS = 3000
MAX_BLOCKS = 50
MAX_BUTTON_VALUE = 2000
# Not documented, but Slack rejects messages whose blocks add up to roughly 13,000 characters
# (msg_blocks_too_long) long before 50 full sections; stay safely under it.
MAX_MESSAGE_CHARS = 12_000
# The fallback ``text`` only feeds notifications and screen readers; the blocks carry the answer.
MAX_FALLBACK_CHARS = 3000

FEEDBACK_BLOCK_ID = "feedback"
NOTICE_BLOCK_ID = "notice"
FEEDBACK_ACK_BLOCK_ID = "feedback_ack"
FEEDBACK_UP = "feedback_up"
FEEDBACK_DOWN = "feedback_down"
VERDICTS: dict[str, Verdict] = {FEEDBACK_UP: "up", FEEDBACK_DOWN: "down"}
_VERDICT_EMOJI = {"up": ":+1:", "down": ":-1:"}
NOT_COVERED = "The articles I have don't cover this."
READ_AS = "Read as: "

Block = dict[str, Any]


@dataclass(frozen=True)
class SlackMessage:
    """One chat message: Block Kit ``blocks`` plus the plain ``text`` fallback."""

    text: str
    blocks: list[Block]


@dataclass(frozen=True)
class FeedbackPayload:
    """What a feedback button carries back: enough to record the verdict without any server state."""

    question: str
    answer: str
    citations: list[dict[str, Any]]
    read_as: str | None = None  # how a follow-up was read ("What else?" -> "What else did Huang say ...")


def escape(text: str) -> str:
    """Escape the three characters mrkdwn treats as control characters (``&`` first)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def unescape(text: str) -> str:
    """Undo Slack's escaping of message text it sends us (``&`` last)."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


# Slack's markup in the text it sends: <target> or <target|label>; a literal "<" arrives escaped.
_MARKUP = re.compile(r"<([^<>|]*)(?:\|([^<>]*))?>")
# An emoji as Slack sends it, with any skin tone: ":pray:", ":+1::skin-tone-2:" (not "10:30:00").
_EMOJI = re.compile(r"(?<![\w:]):[a-z+][a-z0-9_+'-]*:(?::skin-tone-\d:)?")


def plain_text(text: str) -> str:
    """Message text as the person saw it: Slack writes a typed "nvidia.com" as
    ``<http://nvidia.com|nvidia.com>``, a channel as ``<#C123|general>``; people mentioned
    (``<@U123>``) and ``<!here>`` are no part of a question and are left out, and so are emoji
    (``:pray:``, which Slack sends as text). A link put on words ("this article") keeps its
    address after them: which article is meant is in the address."""

    def shown(markup: re.Match[str]) -> str:
        target, label = markup.group(1), markup.group(2)
        if target.startswith("#"):
            return f"#{label}" if label else ""
        if target.startswith(("@", "!")):
            return label or ""
        if label and target.startswith(("http://", "https://")) and not target.rstrip("/").endswith(label.rstrip("/")):
            return f"{label} {target}"
        return label or target

    return unescape(_EMOJI.sub(" ", _MARKUP.sub(shown, text)))


def render_answer(
    answer: Answer, *, asked_by: str | None = None, article_for: ArticleLookup | None = None
) -> list[SlackMessage]:
    """Render ``answer`` as one or more messages that each respect Slack's limits.

    ``asked_by`` (a Slack user id) adds a "<@user> asked: ..." line, for answers posted where the
    question itself is not visible above them (a slash command answered in the channel);
    ``article_for`` gives each quote's article, to name it when it has no title.
    """
    units: list[list[Block]] = []
    if asked_by:
        units.append([_context(p) for p in _split(f"<@{escape(asked_by)}> asked: {escape(answer.question)}")])
    if answer.read_as:  # a follow-up, answered as the question it was read as
        units.append([_context(p) for p in _split(f"{READ_AS}{escape(answer.read_as)}")])
    if answer.found:
        units.append(_sections(escape(answer.answer)))
        units.extend(_quote_sections(c, article_for(c) if article_for else None) for c in answer.citations)
    else:
        units.append(_sections(_refusal_text(answer.answer, answer.closest)))
    if answer.notes:
        units.append([_context(part) for part in _split(" · ".join(escape(n) for n in answer.notes))])
    # The feedback block and its later thank-you line must land in the last message together.
    actions = _feedback_actions(answer)
    groups = _pack([*units, [actions, _context("")]])
    fallback = _fallback_text(answer)
    messages = []
    for i, blocks in enumerate(groups):
        if i == len(groups) - 1:
            blocks = blocks[:-1]  # drop the placeholder that only reserved room for the thank-you
        text = fallback if i == 0 else f"More quotes for: {_shorten(escape(answer.question))}"
        messages.append(SlackMessage(text=text, blocks=blocks))
    return messages


def _context_lines(blocks: list[Block]) -> Iterator[str]:
    """The text of each element of the context blocks (the small grey lines) of a message."""
    for block in blocks:
        for element in block.get("elements", []) if block.get("type") == "context" else []:
            yield element.get("text", "")


def read_as(blocks: list[Block]) -> str | None:
    """The question a posted answer says it was read as (see ``render_answer``), if any."""
    line = next((line for line in _context_lines(blocks) if line.startswith(READ_AS)), None)
    return unescape(line[len(READ_AS) :]) if line is not None else None


def asked_question(blocks: list[Block]) -> str | None:
    """The question an answer posted for a slash command repeats ("<@U1> asked: ..."), if any:
    a follow-up in its thread builds on it."""
    match = next((m for m in map(_ASKED.match, _context_lines(blocks)) if m), None)
    return unescape(match.group(1)) if match else None


def cited_spans(blocks: list[Block]) -> tuple[tuple[str, int, int], ...]:
    """The spans (source, start, end) a posted answer quoted, read from its feedback buttons."""
    for block in blocks:
        if block.get("block_id") == FEEDBACK_BLOCK_ID and block.get("elements"):
            try:
                payload = parse_feedback_value(block["elements"][0].get("value", ""))
            except (ValueError, TypeError):
                return ()
            return tuple((c["source"], c["start"], c["end"]) for c in payload.citations)
    return ()


_ASKED = re.compile(r"<@[^>]+> asked: (.*)\Z", re.DOTALL)


def render_notice(text: str) -> SlackMessage:
    """A short message of our own (a hint or an apology) that may quote the user's input. It is
    marked as a notice: it answered nothing for a follow-up to build on."""
    return SlackMessage(text=escape(text), blocks=[{**_section(escape(text)), "block_id": NOTICE_BLOCK_ID}])


def is_notice(blocks: list[Block]) -> bool:
    """Whether a posted message is a notice (``render_notice``), not an answer."""
    return any(block.get("block_id") == NOTICE_BLOCK_ID for block in blocks)


def feedback_value(answer: Answer) -> str:
    """The value both feedback buttons carry: question, answer and citation spans as compact JSON.

    A button value holds at most 2,000 characters, so the longest of question, answer and reading
    (how a follow-up was read) is shortened until it fits; citations are kept as exact (source,
    start, end) spans, which identify each quote.
    """
    # A follow-up ("What else?") is recorded with how it was read, or the verdict means nothing.
    reading = answer.read_as if answer.read_as and answer.read_as != answer.question else ""
    texts = {"q": answer.question, "a": answer.answer, "r": reading}
    cites = [[c.n, c.source, c.start, c.end] for c in answer.citations]
    while True:
        data = {"q": texts["q"], "a": texts["a"], "c": cites} | ({"r": texts["r"]} if texts["r"] else {})
        value = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        if len(value) <= MAX_BUTTON_VALUE:
            return value
        longest = max(texts, key=lambda key: len(texts[key]))
        if len(texts[longest]) > 40:
            texts[longest] = _shorten(texts[longest], len(texts[longest]) * 3 // 4)
        else:
            cites = cites[:-1]


def parse_feedback_value(value: str) -> FeedbackPayload:
    """Decode what ``feedback_value`` produced (raises ``ValueError`` on anything else)."""
    data = json.loads(value)
    if not isinstance(data, dict) or not {"q", "a", "c"} <= data.keys():
        raise ValueError(f"not a feedback value: {value[:80]!r}")
    citations = [{"n": n, "source": src, "start": start, "end": end} for n, src, start, end in data["c"]]
    reading = str(data["r"]) if data.get("r") else None
    return FeedbackPayload(question=str(data["q"]), answer=str(data["a"]), citations=citations, read_as=reading)


def acknowledge_feedback(blocks: list[Block], user: str, verdict: str) -> list[Block]:
    """The message's blocks with a thank-you line under the buttons (replacing an earlier one).

    The buttons stay, so other people in the channel can give their own verdict.
    """
    emoji = _VERDICT_EMOJI.get(verdict, "")
    thanks = _context(f"{emoji} Thanks <@{escape(user)}>, your feedback was recorded.")
    thanks["block_id"] = FEEDBACK_ACK_BLOCK_ID
    updated: list[Block] = []
    for block in blocks:
        if block.get("block_id") == FEEDBACK_ACK_BLOCK_ID:
            continue
        updated.append(block)
        if block.get("block_id") == FEEDBACK_BLOCK_ID:
            updated.append(thanks)
    return updated


# --- building blocks ------------------------------------------------------------------------


def _mrkdwn(text: str) -> dict[str, Any]:
    # verbatim: Slack would otherwise auto-link channel names, URLs and some mentions in the text.
    return {"type": "mrkdwn", "text": text, "verbatim": True}


def _section(text: str) -> Block:
    return {"type": "section", "text": _mrkdwn(text)}


def _context(text: str) -> Block:
    return {"type": "context", "elements": [_mrkdwn(text or " ")]}


def _sections(text: str) -> list[Block]:
    return [_section(part) for part in _split(text)] if text.strip() else []  # Slack rejects empty text


def _quote_sections(citation: Citation, article: ArticleMeta | None = None) -> list[Block]:
    """One quote: a header line ``[n] title · date`` and the quote as a blockquote.

    A quote longer than one section continues in the next section, each piece still quoted.
    """
    name = article.label if article else citation.title
    source = _attribution(name, citation.published, citation.url, citation.source)
    header = f"*[{citation.n}]* {source}"
    quoted = "\n".join(">" + line for line in escape(citation.quote).split("\n"))
    pieces = _split(f"{header}\n{quoted}", MAX_SECTION_CHARS - 1)
    return [_section(p if i == 0 or p.startswith(">") else ">" + p) for i, p in enumerate(pieces)]


def _attribution(name: str | None, published: str | None, url: str | None, source: str) -> str:
    """``<url|Title> · 2025-10-28``, naming the source file whenever the name or URL is unknown."""
    label = escape(name) if name else f"`{escape(source)}`"
    safe_url = _safe_url(url)
    parts = [f"<{safe_url}|{label}>" if safe_url else label]
    if published:
        parts.append(escape(published))
    if name and not safe_url:
        parts.append(f"`{escape(source)}`")
    return " · ".join(parts)


def _safe_url(url: str | None) -> str | None:
    """Only plain http(s) links; ``|`` would end the URL part of ``<url|label>`` early."""
    if not url or not re.match(r"^https?://[^\s]+$", url):
        return None
    return escape(url).replace("|", "%7C")


def _refusal_text(explanation: str, closest: list[ArticleMeta]) -> str:
    text = f"*{NOT_COVERED}*"
    if explanation.startswith(REFUSAL_OPENING):
        # "The articles I have don't cover this: they never mention ...", not the same thing twice.
        text = f"*{NOT_COVERED.rstrip('.')}:* {escape(explanation[len(REFUSAL_OPENING) :])}"
    elif explanation:  # the answerer's own words on what is missing
        text += "\n" + escape(explanation)
    if closest:
        lines = ["• " + _attribution(meta.label, meta.published, meta.url, meta.source) for meta in closest[:5]]
        text += "\nThe closest articles I have:\n" + "\n".join(lines)
    return text


def _feedback_actions(answer: Answer) -> Block:
    value = feedback_value(answer)
    return {
        "type": "actions",
        "block_id": FEEDBACK_BLOCK_ID,
        "elements": [
            _button(FEEDBACK_UP, ":+1: Helpful", value),
            _button(FEEDBACK_DOWN, ":-1: Not helpful", value),
        ],
    }


def _button(action_id: str, label: str, value: str) -> Block:
    return {
        "type": "button",
        "action_id": action_id,
        "text": {"type": "plain_text", "text": label, "emoji": True},
        "value": value,
    }


def _fallback_text(answer: Answer) -> str:
    if answer.answer.strip():
        return _shorten(escape(answer.answer), MAX_FALLBACK_CHARS)
    return "Quotes from the articles." if answer.found else NOT_COVERED


# --- limits ------------------------------------------------------------------------------------


def _split(text: str, limit: int = MAX_SECTION_CHARS) -> list[str]:
    """Split ``text`` into pieces of at most ``limit`` characters, at a line break if possible,
    else at a space, never inside an ``&amp;``-style entity. Only the whitespace at each break
    is dropped: the pieces in order hold every word of the text."""
    pieces: list[str] = []
    while len(text) > limit:
        cut = text.rfind("\n", 0, limit + 1)
        if cut <= 0:
            cut = text.rfind(" ", 0, limit + 1)
        if cut <= 0:
            cut = limit
            entity = text.rfind("&", max(0, cut - 5), cut)
            if entity > 0 and ";" not in text[entity:cut]:
                cut = entity
        pieces.append(text[:cut])
        text = text[cut:].lstrip(" \n") if text[cut : cut + 1] in {" ", "\n"} else text[cut:]
    pieces.append(text)
    return pieces


def _size(blocks: list[Block]) -> int:
    return sum(len(json.dumps(b, ensure_ascii=False)) for b in blocks)


def _pack(units: list[list[Block]]) -> list[list[Block]]:
    """Fill messages with whole units (a quote's sections stay together) within the block and
    size limits. A unit too big for any message on its own continues in the next message."""
    messages: list[list[Block]] = [[]]
    for unit in units:
        if not _fits(messages[-1], unit):
            messages.append([])
        for block in unit:
            if not _fits(messages[-1], [block]):
                messages.append([])
            messages[-1].append(block)
    return messages


def _fits(message: list[Block], more: list[Block]) -> bool:
    """An empty message takes anything (so packing always moves on); others stay within limits."""
    if not message:
        return True
    return len(message) + len(more) <= MAX_BLOCKS and _size(message) + _size(more) <= MAX_MESSAGE_CHARS


def _shorten(text: str, limit: int = 150) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, marked with an ellipsis.
    Only ever used for notification text and button data, never for what the blocks show."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit - 1].rstrip() + "…"
