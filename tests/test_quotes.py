"""Quote checking: a citation is valid only when it is, character for character, its source span."""

from __future__ import annotations

from pathlib import Path

from bot.models import Citation
from bot.quotes import locate_quote, verify_citation

TEXT = "Intro line.\nHuang said: “We are  not   done.”\nAnd then he left.\n"


def _citation(quote: str, start: int, end: int, source: str = "seeds/a.txt") -> Citation:
    return Citation(n=1, quote=quote, source=source, start=start, end=end, title=None, published=None, url=None)


def _write_source(root: Path) -> None:
    (root / "seeds").mkdir()
    (root / "seeds" / "a.txt").write_text(TEXT, encoding="utf-8")


def test_verify_citation_accepts_the_exact_span(tmp_path: Path) -> None:
    _write_source(tmp_path)
    start = TEXT.index("And then")
    quote = "And then he left."
    assert verify_citation(_citation(quote, start, start + len(quote)), tmp_path)


def test_verify_citation_rejects_a_shifted_span(tmp_path: Path) -> None:
    _write_source(tmp_path)
    start = TEXT.index("And then") + 1
    assert not verify_citation(_citation("And then he left.", start, start + 17), tmp_path)


def test_verify_citation_rejects_a_normalised_quote(tmp_path: Path) -> None:
    _write_source(tmp_path)
    start = TEXT.index("“")
    original = TEXT[start : TEXT.index("”") + 1]
    loose = original.replace("“", '"').replace("”", '"')
    assert not verify_citation(_citation(loose, start, start + len(original)), tmp_path)


def test_verify_citation_rejects_a_missing_source(tmp_path: Path) -> None:
    assert not verify_citation(_citation("Intro line.", 0, 11, source="seeds/nope.txt"), tmp_path)


def test_verify_citation_rejects_an_empty_or_inverted_span(tmp_path: Path) -> None:
    _write_source(tmp_path)
    assert not verify_citation(_citation("", 0, 0), tmp_path)
    assert not verify_citation(_citation("Intro", 5, 0), tmp_path)


def test_locate_quote_finds_an_exact_quote() -> None:
    start = TEXT.index("Intro")
    assert locate_quote(TEXT, "Intro line.") == (start, start + len("Intro line."))


def test_locate_quote_tolerates_straight_for_curly_quote_marks() -> None:
    span = locate_quote(TEXT, 'Huang said: "We are  not   done."')
    assert span is not None
    assert TEXT[span[0] : span[1]] == "Huang said: “We are  not   done.”"


def test_locate_quote_tolerates_different_whitespace_runs() -> None:
    span = locate_quote(TEXT, "“We are not done.”")
    assert span is not None
    assert TEXT[span[0] : span[1]] == "“We are  not   done.”"


def test_locate_quote_reports_the_original_characters_span() -> None:
    span = locate_quote(TEXT, "We are not\ndone")
    assert span == (TEXT.index("We are"), TEXT.index("done") + len("done"))


def test_locate_quote_returns_none_when_not_found() -> None:
    assert locate_quote(TEXT, "We are finished.") is None
    assert locate_quote(TEXT, "   ") is None


def test_locate_quote_searches_only_within_the_given_span() -> None:
    end_of_first_line = TEXT.index("\n")
    assert locate_quote(TEXT, "And then he left.", within=(0, end_of_first_line)) is None
