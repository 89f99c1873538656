"""Quote checking: the code that keeps promise 1 ("every quote is real").

``verify_citation`` proves ``open(source).read()[start:end] == quote``; ``locate_quote`` finds a
quote that a model copied slightly loosely (curly vs straight quotes, runs of whitespace) and
reports the exact original span, so the citation shows the article's own characters.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from bot.models import Citation

# Characters a model may legitimately normalise when copying a quote. Mapped one-to-one so
# that offsets in the normalised text are offsets in the original.
_QUOTE_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00a0": " ",
    }
)
_WHITESPACE = re.compile(r"\s+")


@lru_cache(maxsize=64)
def _read(path: str, mtime_ns: int) -> str:
    return Path(path).read_text(encoding="utf-8")


def read_source(source: str, root: Path) -> str:
    """The raw text of a cited source (cached per file version)."""
    path = (root / source) if not Path(source).is_absolute() else Path(source)
    return _read(str(path), path.stat().st_mtime_ns)


def verify_citation(citation: Citation, root: Path) -> bool:
    """True when the quote is, character for character, the cited span of its source."""
    if not citation.quote or citation.start < 0 or citation.end <= citation.start:
        return False
    try:
        text = read_source(citation.source, root)
    except (OSError, UnicodeDecodeError):
        return False
    return text[citation.start : citation.end] == citation.quote


def _fold(text: str) -> tuple[str, list[int]]:
    """Fold quote marks and collapse whitespace; return the folded text and, for each of its
    characters, the offset of the original character it came from."""
    folded = text.translate(_QUOTE_FOLD)
    out: list[str] = []
    origin: list[int] = []
    for match in re.finditer(r"\s+|\S+", folded):
        if match.group().isspace():
            out.append(" ")
            origin.append(match.start())
        else:
            out.append(match.group())
            origin.extend(range(match.start(), match.end()))
    return "".join(out), origin


def locate_quote(text: str, quote: str, within: tuple[int, int] | None = None) -> tuple[int, int] | None:
    """Find ``quote`` in ``text`` and return its exact ``(start, end)`` span in ``text``.

    Tolerates only curly vs straight quote marks and differences in runs of whitespace.
    ``within`` limits the search to a span of ``text`` (e.g. one article of a file).
    """
    quote = quote.strip()
    if not quote:
        return None
    lo, hi = within if within else (0, len(text))
    exact = text.find(quote, lo, hi)
    if exact != -1 and exact + len(quote) <= hi:
        return exact, exact + len(quote)
    folded_text, origin = _fold(text[lo:hi])
    folded_quote, _ = _fold(quote)
    folded_quote = folded_quote.strip()
    at = folded_text.find(folded_quote)
    if at == -1 or not folded_quote:
        return None
    start = lo + origin[at]
    last = lo + origin[at + len(folded_quote) - 1]
    return start, last + 1
