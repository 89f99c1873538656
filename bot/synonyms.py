"""Plain-English synonyms from WordNet, on the words' dominant senses only.

The articles' word embeddings score many everyday synonyms low ("anticipate" / "expects" 0.43,
"functionaries" / "officials" 0.17), so questions paraphrased with them were refused as never
mentioning the word. `bot/data/wordnet_synonyms.txt` (generated from WordNet 3.0 by
`scripts/wordnet_synonyms.py`) lists the words whose first sense, in one part of speech, is the
same synset. Only first senses: counting every shared sense makes "hold" cover "agreed" and "top"
cover "summit", and gave more confident wrong quotes than answers on evals/dev.jsonl.

Inflections are undone by WordNet's own detachment rules (morphy) rather than by the index's
stemmer: the stemmer joins "principal" and "principally", which WordNet keeps in different parts
of speech and different senses.
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from functools import lru_cache
from pathlib import Path

TABLE = Path(__file__).parent / "data" / "wordnet_synonyms.txt"

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
    "v": (("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", "")),
    "a": (("er", ""), ("est", ""), ("er", "e"), ("est", "e")),
    "r": (),
}


class SynonymTable:
    """Which words stand for which, read from the generated table."""

    def __init__(self, lines: Iterable[str]) -> None:
        self._synonyms: dict[tuple[str, str], frozenset[str]] = {}
        self._lemmas: set[tuple[str, str]] = set()
        for line in lines:
            if not line.strip() or line.startswith("#"):
                continue
            pos, *marked = line.split()
            words = frozenset(word.rstrip("~") for word in marked)
            self._lemmas.update((pos, word) for word in words)
            for word in marked:
                # "~": used more often in another part of speech, so a question's "state" is
                # more likely the place than the verb "say"; it may be reached, not lead.
                if not word.endswith("~"):
                    self._synonyms[(pos, word)] = words - {word}

    def _lemmas_of(self, word: str, pos: str, known: Container[tuple[str, str]]) -> set[str]:
        lemmas = {word} if (pos, word) in known else set()
        for suffix, replacement in _DETACHMENTS[pos]:
            if word.endswith(suffix) and len(word) > len(suffix):
                lemma = word[: -len(suffix)] + replacement
                if (pos, lemma) in known:
                    lemmas.add(lemma)
        return lemmas

    def synonyms(self, word: str) -> dict[str, frozenset[str]]:
        """Per part of speech, the words that ``word``'s dominant sense there shares."""
        found: dict[str, frozenset[str]] = {}
        for pos in _DETACHMENTS:
            words = frozenset().union(
                *(self._synonyms[(pos, lemma)] for lemma in self._lemmas_of(word, pos, self._synonyms))
            )
            if words:
                found[pos] = words
        return found

    def has_synonym(self, word: str, evidence_words: Iterable[str]) -> bool:
        """Whether one of ``evidence_words`` is a dominant-sense synonym of ``word`` (both lower case)."""
        synonyms = self.synonyms(word)
        if not synonyms:
            return False
        return any(
            self._lemmas_of(evidence_word, pos, self._lemmas) & words
            for evidence_word in evidence_words
            for pos, words in synonyms.items()
        )


@lru_cache(maxsize=1)
def wordnet_synonyms() -> SynonymTable:
    """The shipped table, read once (about 15,000 groups, a few tens of milliseconds)."""
    return SynonymTable(TABLE.read_text(encoding="utf-8").splitlines())
