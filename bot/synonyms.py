"""Plain-English synonyms from WordNet, on the words' dominant senses only.

The articles' word embeddings score many everyday synonyms low ("anticipate" / "expects" 0.43,
"functionaries" / "officials" 0.17), so questions paraphrased with them were refused as never
mentioning the word. `bot/data/wordnet_synonyms.txt` (generated from WordNet 3.0 by
`scripts/wordnet_synonyms.py`) lists the words whose first sense, in one part of speech, is the
same synset. Only first senses: counting every shared sense makes "hold" cover "agreed" and "top"
cover "summit"; prototyped on evals/dev.jsonl, that answered 17 more questions but quoted wrongly,
or answered the unanswerable, 13 more times (first two senses: 11 more answers, 7 more bad quotes).

Inflections are undone by WordNet's own detachment rules (morphy) rather than by the index's
stemmer: the stemmer joins "principal" and "principally", which WordNet keeps in different parts
of speech and different senses.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Sequence
from functools import lru_cache
from pathlib import Path

TABLE = Path(__file__).parent / "data" / "wordnet_synonyms.txt"
TRADE_TABLE = Path(__file__).parent / "data" / "trade_synonyms.txt"

# WordNet's morphy(7) detachment rules, per part of speech: (suffix, replacement).
_DETACHMENTS = {
    "n": (
        ("s", ""),
        ("ses", "s"),
        ("xes", "x"),
        ("zes", "z"),
        ("ches", "ch"),
        ("shes", "sh"),
        ("men", "man"),
        ("ies", "y"),
    ),
    "v": (
        ("s", ""),
        ("ies", "y"),
        ("es", "e"),
        ("es", ""),
        ("ed", "e"),
        ("ed", ""),
        ("ing", "e"),
        ("ing", ""),
        # A final consonant doubled: "dropped", "planning" (WordNet's morphy lists these one by one).
        # Not "l" or "s", which double in the lemma too: "called", "passed".
        *((f"{c}{c}{ending}", c) for c in "bdgmnprt" for ending in ("ed", "ing")),
    ),
    "a": (("er", ""), ("est", ""), ("er", "e"), ("est", "e")),
    "r": (),
}


Sense = tuple[str, str]  # (part of speech, lemma)

# Evidence is judged against many question words in turn, and the same words and passages come
# back across questions: reading each once saved 2-3 ms of a warm question's p50/p95.
_CACHE_SIZE = 4096


class SynonymTable:
    """Which words stand for which, read from the generated table."""

    def __init__(self, lines: Iterable[str]) -> None:
        self._synonyms: dict[Sense, frozenset[Sense]] = {}
        self._lemmas: set[Sense] = set()
        for line in lines:
            if not line.strip() or line.startswith("#"):
                continue
            pos, *marked = line.split()
            senses = frozenset((pos, word.rstrip("~")) for word in marked)
            self._lemmas.update(senses)
            for word in marked:
                # "~": used more often in another part of speech, so a question's "state" is
                # more likely the place than the verb "say"; it may be reached, not lead.
                if not word.endswith("~"):
                    # A word in several groups (the trade's besides WordNet's) has them all.
                    self._synonyms[(pos, word)] = self._synonyms.get((pos, word), frozenset()) | (
                        senses - {(pos, word)}
                    )
        self.synonyms = lru_cache(maxsize=_CACHE_SIZE)(self._synonyms_of)
        self._senses_of = lru_cache(maxsize=_CACHE_SIZE)(self._read_senses)

    def _lemmas_of(self, word: str, pos: str, known: Container[Sense]) -> set[str]:
        lemmas = {word} if (pos, word) in known else set()
        for suffix, replacement in _DETACHMENTS[pos]:
            if word.endswith(suffix) and len(word) > len(suffix):
                lemma = word[: -len(suffix)] + replacement
                if (pos, lemma) in known:
                    lemmas.add(lemma)
        return lemmas

    def _synonyms_of(self, word: str) -> frozenset[Sense]:
        """The (part of speech, lemma) pairs that ``word``'s dominant senses share."""
        return frozenset(
            sense
            for pos in _DETACHMENTS
            for lemma in self._lemmas_of(word, pos, self._synonyms)
            for sense in self._synonyms[(pos, lemma)]
        )

    def _read_senses(self, words: tuple[str, ...]) -> frozenset[Sense]:
        return frozenset(
            (pos, lemma) for word in words for pos in _DETACHMENTS for lemma in self._lemmas_of(word, pos, self._lemmas)
        )

    def has_synonym(self, word: str, evidence_words: Sequence[str]) -> bool:
        """Whether one of ``evidence_words`` is a dominant-sense synonym of ``word`` (both lower case)."""
        synonyms = self.synonyms(word)
        return bool(synonyms) and not synonyms.isdisjoint(self._senses_of(tuple(evidence_words)))


@lru_cache(maxsize=1)
def wordnet_synonyms() -> SynonymTable:
    """The shipped tables, WordNet's and the trade's, read once (about 15,000 groups, a few tens
    of milliseconds)."""
    lines = TABLE.read_text(encoding="utf-8").splitlines() + TRADE_TABLE.read_text(encoding="utf-8").splitlines()
    return SynonymTable(lines)
