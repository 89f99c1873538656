"""Terminal rendering of a citation: what a person reads."""

from bot.models import Citation
from bot.render import render_citation


def _citation(quote: str) -> Citation:
    return Citation(
        n=1, quote=quote, source="seeds/a.txt", start=0, end=len(quote), title="T", published=None, url=None
    )


def test_a_quote_that_is_one_whole_quotation_is_shown_in_one_pair_of_marks() -> None:
    first_line = render_citation(_citation("“I hope to bring even more advanced chips.”")).splitlines()[0]
    assert first_line == "[1] “I hope to bring even more advanced chips.”"


def test_a_quote_with_a_quotation_inside_keeps_its_own_marks() -> None:
    first_line = render_citation(_citation("“We hope,” he said, “to return.”")).splitlines()[0]
    assert first_line == "[1] ““We hope,” he said, “to return.””"


def test_a_plain_quote_is_put_in_quotation_marks() -> None:
    assert render_citation(_citation("Huang smiled.")).splitlines()[0] == "[1] “Huang smiled.”"
