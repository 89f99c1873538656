"""WordNet's dominant-sense synonyms and the chip trade's: what stands for what, and how the
tables are made."""

from __future__ import annotations

import runpy
import tomllib
from pathlib import Path

import pytest

from bot.synonyms import TABLE, SynonymTable, wordnet_synonyms

GENERATOR = Path(__file__).parent.parent / "scripts" / "wordnet_synonyms.py"


def test_a_word_covers_its_dominant_sense_synonym() -> None:
    assert wordnet_synonyms().has_synonym("anticipate", ["amd", "expects", "a", "charge"])


def test_inflected_forms_are_read_by_wordnets_rules() -> None:
    assert wordnet_synonyms().has_synonym("functionaries", ["officials"])
    assert wordnet_synonyms().has_synonym("saying", ["stated"])


def test_a_sense_that_is_not_first_for_the_question_word_is_no_synonym() -> None:
    # "hold" shares a synset with "agree" and "top" with "summit", but not on their first senses.
    assert not wordnet_synonyms().has_synonym("hold", ["agreed"])
    assert not wordnet_synonyms().has_synonym("top", ["summit"])


def test_a_word_mostly_used_as_another_part_of_speech_does_not_lead_there() -> None:
    # A question's "state" is a place far more often than the verb "say".
    assert not wordnet_synonyms().has_synonym("state", ["said", "stated"])
    assert wordnet_synonyms().has_synonym("state", ["province"])


def test_an_adjective_is_no_synonym_of_an_adverb_the_stemmer_would_join_it_to() -> None:
    # The stemmer makes "principal" and "principally" one stem; WordNet keeps them apart.
    assert not wordnet_synonyms().has_synonym("principal", ["primarily"])
    assert wordnet_synonyms().has_synonym("principally", ["primarily"])


def test_an_unknown_word_has_no_synonym() -> None:
    assert not wordnet_synonyms().synonyms("nvidia")


def test_a_marked_word_is_reached_but_does_not_lead() -> None:
    table = SynonymTable(["# a comment", "", "r fully full~"])
    assert table.has_synonym("fully", ["full"])
    assert not table.has_synonym("full", ["fully"])


def test_the_trades_words_stand_for_the_articles_own() -> None:
    assert wordnet_synonyms().has_synonym("processors", ["chips"])
    assert wordnet_synonyms().has_synonym("ship", ["export"])
    assert wordnet_synonyms().has_synonym("filed", ["applied"])
    assert wordnet_synonyms().has_synonym("legislation", ["bill"])
    assert wordnet_synonyms().has_synonym("swap", ["exchange"])
    assert wordnet_synonyms().has_synonym("upbeat", ["expressed", "optimism"])  # across parts of speech
    assert wordnet_synonyms().has_synonym("bullish", ["optimism"])
    assert wordnet_synonyms().has_synonym("deputy", ["vice"])  # a deputy premier is a vice premier
    assert wordnet_synonyms().has_synonym("restart", ["resume"])  # the noun too: every part of speech is read
    assert wordnet_synonyms().has_synonym("restarted", ["resumed"])
    assert wordnet_synonyms().has_synonym("bosses", ["ceo"])
    assert wordnet_synonyms().has_synonym("step", ["processes"])  # a step of making a chip
    assert wordnet_synonyms().has_synonym("clamp", ["restrict"])  # to clamp down on exports


def test_a_verb_with_its_last_consonant_doubled_is_read_as_its_lemma() -> None:
    assert wordnet_synonyms().has_synonym("bragging", ["boasted"])  # "brag", not "bragg"
    assert wordnet_synonyms().has_synonym("bragged", ["boasting"])


def test_the_articles_words_do_not_lead_to_the_trades() -> None:
    # A question's "chips" or "bill" is not answered by a passage on processors or legislation.
    assert not wordnet_synonyms().has_synonym("chips", ["processors"])
    assert not wordnet_synonyms().has_synonym("bill", ["legislation"])


def test_a_word_in_two_groups_has_the_synonyms_of_both() -> None:
    table = SynonymTable(["n license permit~", "n license licence~"])  # WordNet's group, then the trade's
    assert table.has_synonym("license", ["permit"])
    assert table.has_synonym("license", ["licence"])


def test_the_shipped_table_names_wordnets_licence_and_ships_it() -> None:
    header = TABLE.read_text(encoding="utf-8").splitlines()[:4]
    assert any("Copyright 2006 by Princeton University" in line for line in header)
    assert "WordNet 3.0 Copyright 2006 by Princeton University" in (TABLE.parent / "WORDNET_LICENSE").read_text()
    # Both go into the package as data, not only into this checkout.
    pyproject = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text(encoding="utf-8"))
    assert "data/*" in pyproject["tool"]["setuptools"]["package-data"]["bot"]


def _write_wordnet(folder: Path) -> None:
    """A six-word WordNet: "expect" and "anticipate" share their first verb sense; "state" is
    tagged mostly as a noun, and "hold"'s first sense is not the one it shares with "agree"."""
    (folder / "index.verb").write_text(
        "  1 This software and database is being provided to you\n"
        "agree v 1 0 1 0 00000003\n"
        "anticipate v 1 0 1 0 00000001\n"
        "expect v 1 0 1 0 00000001\n"
        "hold v 2 0 2 0 00000002 00000003\n"
        "say v 1 0 1 0 00000004\n"
        "state v 1 0 1 0 00000004\n",
        encoding="ascii",
    )
    (folder / "index.noun").write_text("state n 1 0 1 1 00000005\n", encoding="ascii")
    (folder / "index.adj").write_text("", encoding="ascii")
    (folder / "index.adv").write_text("", encoding="ascii")
    (folder / "index.sense").write_text(
        "say%2:32:00:: 00000004 1 9\nstate%2:32:00:: 00000004 1 1\nstate%1:15:01:: 00000005 1 30\n",
        encoding="ascii",
    )


def test_the_generator_groups_first_senses_and_marks_the_rarer_part_of_speech(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _write_wordnet(tmp_path)
    out = tmp_path / "synonyms.txt"
    monkeypatch.setattr("sys.argv", ["wordnet_synonyms.py", str(tmp_path), "--out", str(out)])
    runpy.run_path(str(GENERATOR), run_name="__main__")
    groups = [line for line in out.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert groups == ["v anticipate expect", "v say state~"]
    assert "2 groups written" in capsys.readouterr().out
