"""The articles' vocabulary, and how much of a question a piece of evidence covers.

A question's key terms (its content words) are weighted by how rare they are in the articles;
a term missing word for word may be covered by a synonym, through the articles' word embeddings
or WordNet's dominant senses (`bot.synonyms`), never between figures ("billion" is not
"million"). Names get their own checks: a first name is covered by its surname, a name by its
initials ("UAE"), and a question whose names are missing around a passage is about something else.
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from bot.corpus import word_tokens
from bot.index import stemmer
from bot.question import (
    CALENDAR_WORD,
    CIRCUMSTANCE,
    HOW_DEGREES,
    IN_TERMS,
    MONTH_DAY,
    MONTHS,
    NAME,
    NUMERIC_DATE,
    PEOPLES_OF,
    PLACE_ALIASES,
    PLACES_OF,
    QUESTION_WORDS,
    answer_class,
    name_parts,
    spell_quarters,
    unpossessed,
    with_parts,
    written_as_place,
)
from bot.statements import spelled_out
from bot.synonyms import wordnet_synonyms

_MAGNITUDES = frozenset(["hundred", "thousand", "million", "billion", "trillion", "percent", "yuan", "dollars"])

# Words the articles write as symbols ("$4 trillion", "dropped by 63%"): they use them. A
# percentage asked for is given wherever "%" is; "dollars" is no such answer ("Is the yuan
# stronger than the dollar?" is not answered by a sum in dollars), and an amount in dollars is
# read as the articles write it ("5.5 billion dollars" as "$5.5 billion", see spelled_out_question).
_WRITTEN_AS_SYMBOL = {"dollar": "$", "dollars": "$", "usd": "$", "percent": "%", "percentage": "%", "pct": "%"}
_PERCENT_WORDS = frozenset(word for word, symbol in _WRITTEN_AS_SYMBOL.items() if symbol == "%")
# A part of a whole is given as a percentage: "what proportion of AI researchers" by "50% of".
_SHARE_WORDS = frozenset(["proportion", "fraction", "portion", "slice", "chunk"])  # not "share": "share price"

_ORDINALS = frozenset(["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"])


_UNITED_STATES_WRITTEN = re.compile(r"U\.S\.?|US|USA|United|America")


# A model's name with its number ("H200", "B30A", "MI308", "H20s"): one model is no synonym of
# another, however close their names.
_MODEL_NUMBER = re.compile(r"[a-z]+-?\d[a-z\d-]*")


def model_number(word: str) -> str | None:
    """``word`` as a model's name, plural "s" dropped ("h20s" -> "h20"), or None."""
    return re.sub(r"(?<=\d)s$", "", word) if _MODEL_NUMBER.fullmatch(word) else None


def is_figure(word: str) -> bool:
    """A number, year, magnitude ("billion") or ordinal: a fact no other word stands in for."""
    return word[0].isdigit() or word in _MAGNITUDES or word in _ORDINALS


# "May" is a month capitalised within a sentence or before a day or a year ("on may 1"); else
# the verb ("Nvidia may lose", "May Nvidia sell ...?").
_MONTHS_BUT_MAY = "|".join(month for month in MONTHS.split("|") if month != "May")
_MONTH_NAMED = re.compile(rf"\b(?:(?i:{_MONTHS_BUT_MAY})|(?<!^)(?<![.!?]\s)May|(?i:may)(?=\s+\d))\b")


def months_named(question: str) -> set[str]:
    """The months a question names, lower-cased: "july" in "Who did Huang meet on his July trip?"."""
    return {m.group().lower() for m in _MONTH_NAMED.finditer(question)}


def dated_months(question: str) -> set[str]:
    """Months the question names with a day, lower-cased: "march" in "What happened on March 16?"
    (a date, which no other month's day answers), but not in "the three months to late October"."""
    return {(m.group(1) or m.group(2)).lower() for m in re.finditer(MONTH_DAY, question, re.IGNORECASE)}


# The period each word names: "yearly" is "annual" or a "year", never "quarterly" (which the
# embeddings put as close).
_PERIOD_OF = {
    "daily": "day",
    "day": "day",
    "days": "day",
    "weekly": "week",
    "week": "week",
    "weeks": "week",
    "monthly": "month",
    "month": "month",
    "months": "month",
    "quarterly": "quarter",
    "quarter": "quarter",
    "quarters": "quarter",
    "yearly": "year",
    "annual": "year",
    "annually": "year",
    "year": "year",
    "years": "year",
}

_PERIOD_ADJECTIVES = frozenset(["daily", "weekly", "monthly", "quarterly", "yearly", "annual", "annually"])


SYNONYM_MISSING = 0.5  # below this similarity a term counts as missing in the refusal message
# At or above this similarity a synonym counts as the word itself ("purchase" / "buy" at 0.87,
# "ban" / "banned" at 0.78, forms the stemmer does not join), not as a share of it ("staff" /
# "employees", at 0.72, still counts 0.72 of the term). Measured on evals/dev.jsonl: at 0.75, four
# refusals answered, one wrong answer refused, one unanswerable question answered; at 0.7, eight
# answered but two more wrong or unanswerable quotes; at 0.65, seven more.
SYNONYM_SAME = 0.75

# The words describing a which-question's answer ("Which congressional panel ...") are often
# paraphrased, since the answer names it; they count half (on evals/dev.jsonl: two more answers,
# no refusal lost).
ANSWER_CLASS_WEIGHT = 0.5


def _evidence_words(evidence: str) -> list[str]:
    """The words evidence is judged by: hyphenated ones with their parts, possessives dropped,
    quarters spelled out ("Q1 results" has the "first quarter" asked about)."""
    return sorted({unpossessed(w) for w in with_parts(word_tokens(spell_quarters(evidence)))})


_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’-]*")
_YEAR_OVER_YEAR = re.compile(r"\byear[\s-](?:over|on)[\s-]year\b", re.IGNORECASE)
COMPANY_ENDING = r"(?:group|corp|bank)"  # a company's long form: "Citi" -> "Citigroup"
_SHORT_NAME = 4  # letters a name's short form needs to stand for the long one ("Citi", not "Hu")
_LOWER_WORD = re.compile(r"\b[a-z][a-z0-9-]*\b")


_JOINS_NAMES = frozenset(["of", "the", "for", "on", "in", "with"])  # not "and": "Amazon and Microsoft" are two


_CAPITALISED_RUN = re.compile(r"\b[A-Z][A-Za-z0-9'’-]*(?: [A-Z][A-Za-z0-9'’-]*)+")


def _capitalised_words(sentence: str) -> tuple[set[str], set[str]]:
    """Of a sentence's capitalised words: those that stand alone in running text ("Rubio
    stated", "said Huang", "Amazon and Microsoft"), and those that are not its first word. Words
    of longer names ("Interim Final Rule", "the Case of Approval of ...") do not stand alone:
    their words are also ordinary English; nor do list items and "Co., Ltd." between commas."""
    matches = list(_WORD.finditer(sentence))
    words = [unpossessed(m.group()) for m in matches]

    def capital(i: int) -> bool:
        return 0 <= i < len(words) and words[i][0].isupper()

    def joined(i: int, j: int) -> bool:
        # Only a space joins words into one name: "Apple, Nvidia, Qualcomm" are three.
        first, second = sorted((i, j))
        return sentence[matches[first].end() : matches[second].start()].isspace()

    def bracketed(i: int, j: int) -> bool:
        # Joined by a space, or set in brackets: "Stand with Hong Kong (SWHK) is".
        first, second = sorted((i, j))
        return not sentence[matches[first].end() : matches[second].start()].strip(' ()"“”—–')

    def beside_name(i: int, step: int) -> bool:
        neighbour = i + step
        if not 0 <= neighbour < len(words) or not joined(i, neighbour):
            return False
        return capital(neighbour) or (
            words[neighbour] in _JOINS_NAMES and capital(neighbour + step) and joined(neighbour, neighbour + step)
        )

    def in_running_text(i: int) -> bool:
        # Beside a lower-case word, not only punctuation: "Co., Ltd." and list items stand apart
        # from their sentence, and are no evidence of a name used on its own.
        return any(0 <= j < len(words) and bracketed(i, j) and not capital(j) for j in (i - 1, i + 1))

    alone = {
        w
        for i, w in enumerate(words)
        if capital(i) and not beside_name(i, -1) and not beside_name(i, 1) and in_running_text(i)
    }
    inside = {w for i, w in enumerate(words) if i > 0 and capital(i)}
    return alone, inside


@dataclass(frozen=True)
class Coverage:
    share: float  # 0..1 of key-term weight present in the evidence
    missing: list[str]  # key terms (as asked) absent from the evidence


class Vocabulary:
    """The articles' words: how rare each is (inverse document frequency) and its embedding."""

    def __init__(
        self,
        texts: Iterable[str],
        word_vectors: dict[str, np.ndarray],
        encode_many: Callable[[list[str]], list[np.ndarray]],
    ) -> None:
        self._stemmer = stemmer()
        # PyStemmer objects must not be called concurrently (its documentation), and answers are
        # computed on several threads: stems are cached, computed under a lock.
        self._stem_lock = threading.Lock()
        self._stems: dict[str, str] = {}
        self.word_vectors = word_vectors
        # The same sentences are judged again and again (each question reads ten passages and
        # their neighbours): their words and stems are read once (small; embeddings are looked
        # up per call, not kept per text).
        self._evidence = lru_cache(maxsize=4096)(self._read_evidence)
        self._key_terms = lru_cache(maxsize=1024)(self._read_key_terms)
        self._answer_class = lru_cache(maxsize=1024)(answer_class)  # read once per question, not per passage
        self._encode_many = encode_many
        df: Counter[str] = Counter()
        count = 0
        lowered = []
        common: set[str] = set()
        alone: Counter[str] = Counter()
        inside: set[str] = set()
        whole_runs: set[str] = set()
        runs: set[str] = set()
        symbols_used: set[str] = set()
        for text in texts:
            count += 1
            symbols_used.update(symbol for symbol in _WRITTEN_AS_SYMBOL.values() if symbol in text)
            df.update(set(self.stems(text)))
            lowered.append(" ".join(word_tokens(text)))
            common.update(w for w in re.findall(r"\b[a-z][a-z'’-]*", text))
            sentence_alone, sentence_inside = _capitalised_words(text)
            alone.update(sentence_alone)
            inside |= sentence_inside
            whole_runs.update(unpossessed(run) for run in _CAPITALISED_RUN.findall(text))
        # "Lei Jun" is typed without the "Xiaomi CEO" before it: every part of a run is a name too.
        for run in whole_runs:
            words = run.split()
            runs.update(" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 2, len(words) + 1))
        # Words the articles also write in lower case: capitalised, they only open a sentence.
        self.common_words = frozenset(common)
        self._symbols_used = frozenset(symbols_used)  # the tokens above drop "$"
        # A name is never written in lower case, stands alone somewhere, and is capitalised
        # somewhere other than at a sentence's start ("However" only opens sentences).
        proper: dict[str, str] = {}
        for form, _ in alone.most_common():
            # Not a single letter: "u", "r", "c" are chat for "you", "are", "see".
            if len(form) > 1 and form.lower() not in common and form in inside:
                proper.setdefault(form.lower(), form)
        # A name of several words none of which is ever written in lower case ("Patrick
        # Moorhead", "Wang Yi", "Hong Kong", "Interim Final Rule"), typed whole; "Case of
        # Approval" has ordinary words.
        self._proper_names = {
            run.lower(): run
            for run in sorted(runs)
            if not any(word.lower() in common for word in run.split()) and not run.isupper()
        }
        self._proper_name = (
            re.compile(
                "|".join(rf"\b{re.escape(name)}\b" for name in sorted(self._proper_names, key=len, reverse=True))
            )
            if self._proper_names
            else None
        )
        self._proper_spelling = proper
        # A given name goes by the surname it is written with, where the articles use that
        # surname alone: "Jensen" is there where "Huang" is ("Jensen Huang", "said Huang"). Not
        # a word that names on its own ("Nvidia CEO ...").
        surnames: dict[str, set[str]] = {}
        for run in whole_runs:
            words = run.split()
            if words[-1] not in alone:
                continue
            for word in words[:-1]:
                if word not in alone and not word.isupper() and word.isalpha():
                    surnames.setdefault(word.lower(), set()).add(words[-1].lower())
        self._surnames = surnames
        self.corpus_text = "\n".join(lowered)
        self.documents = max(count, 1)
        self.df = df

    def true_cased(self, question: str) -> str:
        """The question with each name typed in lower case spelled as the articles spell it:
        "what did rubio say to wang yi?" asks about Rubio and Wang Yi, and names are read by
        their capitals. Words the articles also write in lower case are left as typed."""
        if self._proper_name is not None:
            question = self._proper_name.sub(lambda m: self._proper_names[m.group()], question)
        return _LOWER_WORD.sub(lambda m: self._proper_spelling.get(m.group(), m.group()), question)

    def opens_with_name(self, question: str) -> bool:
        """Whether the question's first word is, or opens, a name the articles use: "Wen
        Zhenbang?", "kress" (not "Leather", nor "Morning" of "South China Morning Post")."""
        lowered = question.strip().lower()
        first = re.match(r"[\w'’-]+", lowered)
        if first is None:
            return False
        return unpossessed(first.group()) in self._proper_spelling or any(
            re.match(rf"{re.escape(name)}\b", lowered) for name in self._proper_names
        )

    def goes_by_surname(self, given: str, surname: str) -> bool:
        """Whether the articles call the person named ``given`` ``surname`` alone ("Huang" for
        Jensen Huang), so that the surname alone may stand for them."""
        return surname.lower() in self._surnames.get(given.lower(), ())

    def stem(self, word: str) -> str:
        stem = self._stems.get(word)
        if stem is None:
            with self._stem_lock:
                stem = self._stemmer.stemWord(word)
            if len(self._stems) < 100_000:  # bounded: a long-running bot sees many words
                self._stems[word] = stem
        return stem

    def stems(self, text: str) -> list[str]:
        return [self.stem(word) for word in word_tokens(text)]

    def mentions(self, word: str) -> bool:
        """Whether the articles use ``word`` (any form of it: "chips" for "chip", "Nvidia's",
        "can't" for their "can’t", and "$" for "dollars")."""
        word = unpossessed(word.lower())
        if word in _WRITTEN_AS_SYMBOL and _WRITTEN_AS_SYMBOL[word] in self._symbols_used:
            return True
        return any(self.stem(form) in self.df for form in {word, word.replace("'", "’"), word.replace("’", "'")})

    def unmentioned_facts(self, question: str) -> list[str]:
        """The question's numbers and dates ("2013", "March" of "March 16") that the articles
        never use: no passage can answer for them, however it is read. A number counts as used
        wherever it stands alone ("63" in "63%"); "percent" and "dollars" are words the articles
        write as "%" and "$", and a date in figures ("2025-05-03", "11/19") as words, so those are
        left to the answerer."""
        dated = dated_months(question)
        in_dates = set(re.findall(r"\d+", " ".join(NUMERIC_DATE.findall(question))))
        return [
            w
            for w, _ in self.key_terms(question)
            if (w in dated and not self.mentions(w))
            or (w[0].isdigit() and w not in in_dates and not self._number_used(w))
            or ((model := model_number(w)) is not None and not self.mentions(model))
        ]

    def _number_used(self, number: str) -> bool:
        digits = re.match(r"[\d.,]*\d", number)
        if digits is None:
            return False
        return re.search(rf"(?<![\d.,]){re.escape(digits.group())}(?!\d)", self.corpus_text) is not None

    def idf(self, stem: str) -> float:
        return math.log((self.documents + 1) / (self.df.get(stem, 0) + 0.5))

    @staticmethod
    def abbreviated(word: str, question: str, evidence: str) -> bool:
        """Whether ``word`` belongs to a name the evidence gives by its initials, written in
        capitals: "United Arab Emirates" as "UAE", "European Union" as "EU"."""
        for name in NAME.findall(question.strip()[1:]):  # the question's first word opens it, names nothing
            parts = [w.lower() for w in name.split() if w.lower() not in QUESTION_WORDS]
            initials = "".join(p[0] for p in parts).upper()
            if word in parts and len(initials) > 1 and re.search(rf"\b{initials}\b", evidence):
                return True
        return False

    @staticmethod
    def spelled(word: str, question: str, evidence: str) -> bool:
        """Whether ``word`` is an acronym of the question ("CFO") that the evidence spells out."""
        return bool(re.search(rf"\b{re.escape(word.upper())}\b", question)) and spelled_out(word.upper(), evidence)

    def _named_elsewhere(self, word: str, names: dict[str, str], stems: AbstractSet[str]) -> bool:
        """A first name is covered by its surname when the articles know the full name: "Jensen
        Huang" is "Huang Renxun" in other articles, but "Samsung Electronics" is not "Electronics"."""
        name = names.get(word)
        return name is not None and name in self.corpus_text and self.stem(name.split()[-1]) in stems

    def vectors(self, words: Sequence[str]) -> np.ndarray:
        """Embeddings of ``words``: the articles' own from the index, others computed in one batch
        (the encoder keeps those it has computed)."""
        unknown = [w for w in words if w not in self.word_vectors]
        computed = dict(zip(unknown, self._encode_many(unknown), strict=True)) if unknown else {}
        return np.stack([self.word_vectors[w] if w in self.word_vectors else computed[w] for w in words])

    def key_terms(self, question: str) -> tuple[tuple[str, str], ...]:
        """(term as asked, stem) for the question's content words, without repeats."""
        return self._key_terms(question)

    def _read_key_terms(self, question: str) -> tuple[tuple[str, str], ...]:
        seen: set[str] = set()
        terms = []
        question = IN_TERMS.sub(r"\1", spell_quarters(question))
        # A change "year-over-year" is shown by the figure; its "year" would match every year.
        question = _YEAR_OVER_YEAR.sub(" ", question)
        dated = dated_months(question)  # "May 18" is a date, not the verb "may"
        # A compound the articles write as one word is that word: "chip-maker" is their
        # "chipmaker", not a "maker" they never mention.
        tokens = [
            w.replace("-", "") if "-" in w and self.mentions(w.replace("-", "")) else w for w in word_tokens(question)
        ]
        words = with_parts(tokens, keep_compounds=False)
        # A capital letter standing alone names something: the platform "X" (not "I" or "A").
        letters = {m.lower() for m in re.findall(r"(?<![\w.'’&-])[B-HJ-Z](?![\w.'’&-])", question)}
        for at, word in enumerate(words):
            word = unpossessed(word)
            # A one-letter word is no term, but a month's day is a fact: "November 5". (Not a
            # one-digit amount: "$3 billion" was then looked for around a passage other than the
            # one that gives it, and answerable questions were refused.)
            day = word.isdigit() and at > 0 and words[at - 1] in dated
            if (word in QUESTION_WORDS and word not in dated) or (len(word) < 2 and not day and word not in letters):
                continue
            if at > 0 and words[at - 1] == "how" and word in HOW_DEGREES:
                continue  # "How far behind is China?": "far" asks for a degree, and is no topic
            stem = self.stem(word)
            if stem not in seen:
                seen.add(stem)
                terms.append((word, stem))
        return tuple(terms)

    def absent_names(self, question: str, evidence: str) -> list[str]:
        """The words of the question's names (runs of capitalised words past its first) that
        ``evidence`` lacks, for names whose last word it lacks: "Energy Secretary Chris Wright"
        without "Wright", but not "Nvidia Corporation CEO Jensen Huang" where it has "Huang"."""
        question = question.strip()
        if len(re.findall(r"\b[A-Z]", question)) > 0.6 * len(question.split()):
            return []  # Title Case: capitals mark no names
        stems = self._evidence(evidence)[1]
        names = name_parts(question)

        def present(name: str) -> bool:
            word = unpossessed(name.lower())
            return (
                self.stem(word) in stems
                or any(self.stem(place) in stems for place in PLACES_OF.get(word, ()))
                or any(self.stem(people) in stems for people in PEOPLES_OF.get(word, ()))
                or any(self.stem(alias) in stems for alias in PLACE_ALIASES.get(word, ()))
                or written_as_place(word, evidence)
                or self.spelled(word, question, evidence)
                or self._named_elsewhere(word, names, stems)
                or self.abbreviated(word, question, evidence)
                or any(self.stem(surname) in stems for surname in self._surnames.get(word, ()))
                # A company's short form: "Citi" for "Citigroup" (not "Intel" for "Intelligence").
                or (
                    len(word) >= _SHORT_NAME
                    and bool(re.search(rf"\b{re.escape(word.capitalize())}{COMPANY_ENDING}\b", evidence))
                )
            )

        absent: list[str] = []
        for run in re.findall(r"(?<!^)\b[A-Z][A-Za-z'’]+(?:\s+[A-Z][A-Za-z'’]+)*", question):
            # Months and weekdays place a question in time; "I'm" is no name.
            parts = [
                w
                for w in run.split()
                if unpossessed(w.lower()) not in QUESTION_WORDS
                and not CALENDAR_WORD.fullmatch(w)
                and not re.fullmatch(r"I['’]\w+", w)
            ]
            if parts and not present(parts[-1]):  # a name goes by its last word: Huang, Wright
                absent.extend(w for w in parts if not present(w))
        return list(dict.fromkeys(absent))  # a name asked twice is missing once

    def mentions_name(self, place: str, text: str) -> bool:
        """Whether ``text`` names ``place``, or a company, as an article writes it ("China",
        "U.S.", "AMD"): by stem, by its people ("Chinese" for China, and China for "Chinese"), by
        its other names ("UK" for Britain, "UAE" for the Emirates), or as the United States
        however written. Synonyms do not count: "Taiwan" is no name of China, nor "Intel" of AMD."""
        word = unpossessed(place.lower()).rstrip(".")
        stems = self._evidence(text)[1]
        if self.stem(word) in stems:
            return True
        if any(word in places and self.stem(people) in stems for people, places in PLACES_OF.items()):
            return True
        named_as = (*PLACES_OF.get(word, ()), *PLACE_ALIASES.get(word, ()))
        if any(self.stem(named) in stems for named in named_as if named != "us"):  # "us" is a pronoun too
            return True  # "Chinese customers" are named where "China" is, "Britain" where "UK" is
        if written_as_place(word, text):
            return True  # "the Emirates" as "UAE"
        if _UNITED_STATES_WRITTEN.fullmatch(place):
            return written_as_place("america", text) or re.search(r"\bamerican?\b", text, re.IGNORECASE) is not None
        return False

    def names_present(self, text: str, evidence: str) -> bool:
        """Whether every name (capitalised word) of ``text`` is in ``evidence``, by stem or initials."""
        stems = self._evidence(evidence)[1]
        # The names of what is asked about, not of the circumstances: "about the U.S.-China
        # relationship" in "... during his call with Wang Yi".
        about = re.match(r"\s*(?:about|regarding|concerning|on|of|for)\b(.*)", text)
        subject = re.split(CIRCUMSTANCE, about.group(1))[0] if about else ""
        for name in re.findall(r"\b[A-Z][A-Za-z0-9'’]{2,}", subject):  # "H20" too
            word = unpossessed(name.lower())
            if self.stem(word) not in stems and not self.abbreviated(word, text, evidence):
                return False
        return True

    def _read_evidence(self, evidence: str) -> tuple[tuple[str, ...], frozenset[str], frozenset[str]]:
        """The evidence's words, their stems, and the periods it names: "annual", "year" and
        "third-quarter" name periods, but the "year" of "year-on-year" does not."""
        words = tuple(_evidence_words(evidence))
        periods = frozenset(
            _PERIOD_OF[token.split("-")[-1]]
            for token in word_tokens(evidence)
            if token.split("-")[-1] in _PERIOD_OF and not re.fullmatch(r"(\w+)-(?:on|over|to)-\1", token)
        )
        return words, frozenset(self.stem(w) for w in words), periods

    def covers(self, word: str, evidence: str) -> float:
        """How well ``evidence`` has ``word``: 1 for the same stem, else its closest synonym's similarity."""
        words, stems, _ = self._evidence(evidence)
        if not words:
            return 0.0
        if self.stem(word) in stems:
            return 1.0
        return float((self.vectors([word]) @ self.vectors(words).T).max())

    def coverage(self, question: str, evidence: str) -> Coverage:
        """How much of the question's key-term weight the evidence covers: a term counts fully
        when the evidence has the same stem, partly by its best synonym's similarity otherwise."""
        terms = self.key_terms(question)
        if not terms:
            return Coverage(0.0, [])
        words, stems, periods = self._evidence(evidence)
        absent = [word for word, stem in terms if stem not in stems]
        similarity: dict[str, float] = {}
        if absent and words:
            best = (self.vectors(absent) @ self.vectors(words).T).max(axis=1)
            similarity = dict(zip(absent, best.tolist(), strict=True))
        names = name_parts(question)
        dated = dated_months(question)
        described = set(self._answer_class(question))
        total = covered = 0.0
        missing = []
        for word, stem in terms:
            weight = self.idf(stem)
            if word in described:
                weight *= ANSWER_CLASS_WEIGHT
            total += weight
            present = (
                (stem in stems and word not in _PERIOD_ADJECTIVES)
                or self._named_elsewhere(word, names, stems)
                or written_as_place(word, evidence)
                or (word in _PERCENT_WORDS | _SHARE_WORDS and "%" in evidence)
            )
            if present or self.abbreviated(word, question, evidence) or self.spelled(word, question, evidence):
                covered += weight
                continue
            # Figures and dates are facts, not vocabulary: "billion" is no synonym of "million",
            # nor 2024 of 2025, nor April 16 of March 16. A period asked by its adjective must be
            # named so: "yearly" is "annual", not the "year" of "year-on-year", nor "quarterly"
            # (which the embeddings put close).
            if word in _PERIOD_ADJECTIVES:
                match = float(_PERIOD_OF[word] in periods)
            else:
                model = model_number(word)
                if model is not None and self.stem(model) in stems:
                    match = 1.0  # "H20s" where the evidence has "H20"
                else:
                    fact = is_figure(word) or word in dated or model is not None
                    if fact:
                        match = 0.0
                    elif wordnet_synonyms().has_synonym(word, words):
                        match = 1.0
                    else:
                        match = similarity.get(word, 0.0)
            covered += weight * (1.0 if match >= SYNONYM_SAME else max(match, 0.0))
            if match < SYNONYM_MISSING:
                missing.append(word)
        return Coverage(covered / total if total else 0.0, missing)
