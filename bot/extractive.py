"""The offline answerer: picks the one to three article sentences that answer a question and
returns them verbatim, or refuses when the evidence does not cover what the question asks.

Refusing is decided on the question's key terms (its content words, weighted by how rare they
are in the articles): a question whose distinctive terms appear nowhere near the best passages
("What did Huang say about Samsung's memory chips?") is refused even when common terms ("Huang",
"chips") match everywhere. A term missing word for word may be covered by a synonym in the
evidence (through the articles' word embeddings), and a high dense similarity can vouch for a
paraphrase whose words differ. A question about what a named person said is answered only with
that person's words.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from bot.corpus import word_tokens
from bot.index import stemmer
from bot.models import Answer, ArticleMeta, Citation, Passage
from bot.quotes import read_source
from bot.retrieval import QUESTION_WORDS, Retrieved, Retriever

# "What did <Name> say/tell/think ...": the answer must be something that person said.
_SAID_QUESTION = re.compile(
    r"\b(?i:what|how)\s+(?i:did|does|do|has|have|had)\s+"
    # The speaker, maybe with a title or an aside: "TSMC chairman Wei Zhejia", "Ren Hongbin,
    # president of the China Council ...,", "Patrick Moorhead of Moor Insights & Strategy".
    r"(?P<who>[A-Z][^?]{0,120}?)\s+"
    r"(?:say|said|tell|told|think|thought|describe|described|reply|replied|respond|responded|react|reacted|feel|"
    r"felt|view|explain|explained|characteri[sz]ed?|warn|warned|claim|claimed|argue|argued|stress|stressed|add|"
    r"added|mention|mentioned|comment|commented|write|written|wrote|predict|predicted|forecast|estimate|estimated|"
    r"expect|expected|admit|admitted|answer|answered|acknowledge|acknowledged|deny|denied|insist|insisted|promise|"
    r"promised|suggest|suggested|propose|proposed)\b"
    # "What was Huang's response to ...", "What is Kress's view of ...".
    r"|\b(?i:what)\s+(?i:is|was|were|are)\s+(?P<whose>(?:[A-Z][\w.-]*\s+){0,4}?[A-Z][\w.-]*)['’]s?\s+"
    r"(?i:response|reaction|reply|view|views|opinion|position|stance|comment|comments|answer|explanation|message)\b"
)
_SPEECH_VERB = re.compile(
    r"\b(?:said|says|stated|states|told|tells|warned|warns|added|adds|noted|notes|emphasi[sz]ed|"
    r"stressed|argued|claimed|claims|believes|believed|mentioned|pointed out|responded|replied|revealed|"
    r"admitted|joked|described|describes|called|calls|calling|urged|urges|hoped|hopes|wrote|writes|"
    r"commented|analy[sz]ed|expressed|explained|according to|remarked|boasted|lauded|praised|insisted|"
    r"predicted|conveyed|view)\b",
    re.IGNORECASE,
)


_NAME = re.compile(r"\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)+")


def _names(question: str) -> dict[str, str]:
    """For each non-final word of a capitalised multi-word name in the question, the whole name
    (lower-cased): {"jensen": "jensen huang"}."""
    parts: dict[str, str] = {}
    for name in _NAME.findall(question):
        words = [w.lower().removesuffix("'s").removesuffix("’s") for w in name.split()]
        parts.update({word: " ".join(words) for word in words[:-1]})
    return parts


_MAGNITUDES = frozenset(["hundred", "thousand", "million", "billion", "trillion", "percent", "yuan", "dollars"])
_ORDINALS = frozenset(["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"])


def _is_figure(word: str) -> bool:
    return word[0].isdigit() or word in _MAGNITUDES or word in _ORDINALS


def _opens_quotation(text: str) -> bool:
    """More quotations opened than closed (curly marks, or an odd number of straight ones)."""
    return text.count("“") > text.count("”") or text.count('"') % 2 == 1


_QUOTATION_MARK = re.compile(r"[“”\"]")
_SENTENCE_END = re.compile(r"[.!?][”\"]?\s+[A-Z“\"]")


# Words that end the noun a "What/Which ..." question asks for ("What verdict did ...").
_AUXILIARIES = frozenset(
    "did does do is are was were has have had will would can could should might may must".split()  # noqa: SIM905
)
_COPULAS = frozenset(["is", "are", "was", "were"])
_PREPOSITIONS = frozenset(
    "in at on for from to during with by about over under after before between since".split()  # noqa: SIM905
)
_KIND_OF = frozenset(["kind", "type", "sort", "form"])
# Nouns that ask for a quantity in general: any figure in the quote answers them, in any words.
_MEASURES = frozenset("share percentage proportion portion amount number figure sum total money".split())  # noqa: SIM905
# Nouns that ask for a particular quantity: the quote needs a figure, the evidence the noun.
_AMOUNTS = frozenset(
    "price cost revenue revenues profit income loss losses earnings sales value valuation rate fee salary".split()  # noqa: SIM905
)
_QUALIFIERS = frozenset(["net", "gross", "operating", "pre-tax", "adjusted", "average", "median", "maximum", "minimum"])
# Nouns for what someone said ("What is Huang's view on ..."): the speaker rule reads those.
_WORDS_OF = frozenset(
    "view views opinion response reaction reply position stance take comment comments answer thoughts".split()  # noqa: SIM905
)
_WHEN = frozenset(["year", "date", "month", "day", "time"])
_FIGURE = re.compile(
    r"(?<![A-Za-z\d])\d|\b(?:hundreds?|thousands?|millions?|billions?|trillions?|half|dozens?)\b", re.IGNORECASE
)
_CALENDAR_NUMBER = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2}\b"
    r"|\b(?:19|20)\d\d\b"
)


_CALENDAR_WORD = re.compile(
    r"January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
)


def _spelled_out(acronym: str, text: str) -> bool:
    """Whether ``text`` spells ``acronym`` out: "EU" as "European Union"."""
    return any("".join(w[0] for w in name.split()).upper() == acronym for name in _NAME.findall(text))


_HEDGE = re.compile(
    r"\b(?:consider(?:s|ed|ing)?|(?-i:may)|might|could|would|plans?|planned|planning|expects?|expected|wants?|wanted|"
    r"hopes?|hoped|urge[sd]?|urging|ask(?:s|ed|ing)?|call(?:s|ed|ing)? on|propos(?:e|es|ed|ing|al)|seeks?|seeking|"
    r"sought|reportedly|potential(?:ly)?|possible|possibly|likely|intends?|intended)\b",
    re.IGNORECASE,
)


def hedges(question: str, quote: str) -> bool:
    """Whether the quote only considers, asks for or expects what a yes/no question asks
    happened: "the US is considering easing restrictions" does not say it eased them. Hedges
    the question itself uses ("a bill that may restrict ...") do not count."""
    asked = {m.group().lower() for m in _HEDGE.finditer(question)}
    return any(m.group().lower() not in asked for m in _HEDGE.finditer(quote))


def gives_figure(text: str) -> bool:
    """Whether ``text`` states a quantity: a number other than a year or a day of the month
    ("since May 2020" gives no amount; "$57 billion", "62%", "14 officials" do)."""
    return bool(_FIGURE.search(_CALENDAR_NUMBER.sub(" ", text)))


_DATE = re.compile(
    r"\b(?:\d{4}|January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|tomorrow|week|month|year|"
    r"quarter|spring|summer|autumn|fall|winter|ago)\b",
    re.IGNORECASE,
)


def asked_focus(question: str) -> str | None:
    """The noun a "What/Which <noun> ..." question asks for: "What verdict did the court reach"
    asks for a verdict, "What kind of contest ..." for a contest. None when the question does not
    name one ("What was ...") or the noun phrase is too long to read without a parser."""
    phrase = asked_phrase(question)
    return phrase[-1] if phrase else None


def asked_phrase(question: str) -> list[str]:
    """The words naming what a "What/Which/How much ..." question asks for, after any owner:
    ["net", "income"] for "What was Nvidia's net income in the third quarter?"."""
    words = word_tokens(question)
    for at, word in enumerate(words):
        if word == "how" and words[at + 1 : at + 2] in (["much"], ["many"]):
            at += 1  # "How many trips ...", "How much revenue ..." name the noun the same way
        elif word not in ("what", "which"):
            continue
        rest = words[at + 1 : at + 9]
        copula = bool(rest) and rest[0] in _COPULAS
        if copula:
            # "What was the outcome of ...": the noun after the copula is the one asked for.
            rest = [w for w in rest[1:] if w not in ("the", "a", "an")]
        else:
            # Without a parser, a long phrase before the auxiliary may hold a verb ("Which
            # companies backed legislation that could ..."): read only short ones.
            rest = rest[: next((i for i, w in enumerate(rest) if w in _AUXILIARIES), 8) + 1]
            if len(rest) > 5 and "of" not in rest[:3]:
                return []
        phrase: list[str] = []
        for following in rest:
            if following in _AUXILIARIES or following in _PREPOSITIONS or following == "of":
                if following == "of" and phrase and phrase[-1] in _KIND_OF:
                    phrase = []
                    continue
                return phrase
            owner = following.removesuffix("'s").removesuffix("’s")
            phrase = [] if owner != following else [*phrase, following]  # "Nvidia's net income"
        return []
    return []


def asked_type(question: str) -> str | None:
    """What kind of answer the question wants, when its form says so: "figure" for "How much/
    many" or a measure ("What share of ..."), "date" for "When"/"What year"."""
    lowered = question.lower()
    focus = asked_focus(question)
    if re.search(r"\bhow\s+(?:much|many)\b", lowered) or focus in _MEASURES or focus in _AMOUNTS:
        return "figure"
    if re.match(r"\s*when\b", lowered) or focus in _WHEN:
        return "date"
    if re.match(r"\s*(?i:whom?)\s+(?!(?i:is|are|was|were)\s+[A-Z])", question):
        return "name"  # "Who did Huang meet", "Who was the spokesperson"; not "Who is X"
    if re.match(r"\s*why\b", lowered):
        return "reason"
    if re.match(r"\s*(?:did|does|do|is|was|were|are|has|have|had|will|can)\b", lowered):
        return "yes/no"
    if re.match(r"\s*(?i:which)\b", question):
        return "identity"  # "Which two giants bought ...": they must be named
    return None


# How articles give a reason: "mainly due to their superiority", "He claimed the reason was",
# "Trump has questioned why chips can't be sold to ...".
_REASON = re.compile(
    r"\b(?:because|due to|reasons?|why|since|as a result|so that|in order to|owing to|thanks to|driven by|"
    r"given that|stems? from|caused|causes|led to|leads? to|aims? to|aimed|in an effort to|amid)\b",
    re.IGNORECASE,
)
_QUARTER = re.compile(r"\b(first|second|third|fourth)[\s-]+quarter\b|\bQ([1-4])\b", re.IGNORECASE)
_ORDINAL_NUMBER = {"first": "1", "second": "2", "third": "3", "fourth": "4"}
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _periods(text: str) -> tuple[set[str], set[str]]:
    """The quarters ("Q2", "second quarter" -> "2") and years a text names."""
    quarters = {m.group(2) or _ORDINAL_NUMBER[m.group(1).lower()] for m in _QUARTER.finditer(text)}
    return quarters, set(_YEAR.findall(text))


def conflicting_period(question: str, quote: str, evidence: str) -> bool:
    """Whether the quote is about another quarter or year than the one asked: a figure for Q1
    does not answer a question about the second quarter. A quarter asked about must also be
    named somewhere in the evidence (the quote or the sentences around it); a year need not
    be, as articles say "this year"."""
    (asked_quarters, asked_years), (quarters, years) = _periods(question), _periods(quote)
    if asked_quarters and not asked_quarters & (quarters | _periods(evidence)[0]):
        return True
    return bool(asked_years and years and not asked_years & years)


_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|of|for|with|and))*")


def names_someone_new(question: str, quote: str) -> bool:
    """Whether the quote names someone or something the question does not ("Who ..." wants a
    name as its answer): a capitalised phrase none of whose words the question uses."""
    asked = {_unpossessed(w) for w in word_tokens(question)}
    for phrase in _CAPITALISED.findall(quote.strip()):
        if _CALENDAR_WORD.fullmatch(phrase.split()[0]):
            continue  # "In November 2023, ...": a date, not someone
        words = [_unpossessed(w) for w in word_tokens(phrase) if w not in ("of", "for", "with", "and")]
        if words and not asked & set(words):
            return True
    return False


def _asked_topic(question: str) -> str:
    """What a question about someone's words asks them to have spoken about: "about AMD's
    prospects in China" in "What did Moorhead say about AMD's prospects in China?"."""
    match = _SAID_QUESTION.search(question)
    return question[match.end() :] if match else ""


_CIRCUMSTANCE = re.compile(r",|\b(?:when|while|during|with|in|at|after|before|since|to|for|from)\b")
_SPEAKER_NAME = re.compile(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*")


def names_something_new(question: str, quote: str) -> bool:
    """Whether the quote names (with a capitalised word, or an acronym) anything the question
    does not: "Which two giants bought Cambrian's chips?" is not answered by "two domestic
    Internet giants bought Cambrian products", but "Which UK parliamentary group" is by
    "All-Party Parliamentary Group on Hong Kong"."""
    asked = {_unpossessed(w) for w in _with_parts(word_tokens(question))}
    for phrase in _CAPITALISED.findall(quote.strip()):
        if _CALENDAR_WORD.fullmatch(phrase.split()[0]):
            continue
        words = [_unpossessed(w) for w in word_tokens(phrase) if w[:1].isalpha()]
        if any(w not in asked and w not in ("of", "for", "with", "and") for w in words):
            return True
    return False


def _unpossessed(word: str) -> str:
    return word.removesuffix("'s").removesuffix("’s")


def _asked_speaker(question: str) -> str | None:
    """The person a question asks the words of: "What did TSMC chairman Wei Zhejia say ..." ->
    "Wei Zhejia"; "What did Xiaomi CEO Lei Jun say" -> "Xiaomi CEO Lei Jun" (the surname, last,
    is what is looked for)."""
    match = _SAID_QUESTION.search(question)
    if not match:
        return None
    if match.group("whose"):
        return match.group("whose")
    # The name is the last capitalised run before any aside ("X, president of Y," / "X of Y").
    head = re.split(r",|\s+(?:of|from|at|in|with)\s+", match.group("who"))[0]
    runs = _SPEAKER_NAME.findall(re.split(r"['’]s\s+", head)[-1])  # "Nvidia's CFO": the CFO
    if not runs or len(head.split()) > 8 or runs[-1].isupper():
        return None  # no name, a clause rather than a name, or a bare title ("Nvidia's CFO")
    return runs[-1]


MAX_QUOTES = 3
FIT_MIN_SCORE = 0.5  # share of the best passage's score a passage needs to answer in its place
SUBJECT_WORDS = 4  # a sentence's subject is named within its first few words ("During his trip, Huang")
NAMES_MISSING_ALLOWED = 1  # of the question's names, how many may be missing around the best passage
NAMES_CONTEXT = 3  # sentences before the best passage where its names may have been given
SPEAKER_TOPIC = 0.4  # share of the asked topic the speaker's own quote must cover
SPEAKER_CANDIDATES = 5  # how far down the ranking to look for the asked speaker's own words
# Tuned on evals/dev.jsonl with `python -m bot eval --set dev`.
MIN_COVERAGE = 0.74  # share of the question's key-term weight the evidence must cover
DENSE_VOUCH = 0.72  # a passage this similar to the question may answer it in other words...
DENSE_VOUCH_COVERAGE = 0.5  # ...as long as this much of the question is still covered
MAX_JOINED_CHARS = 600  # longest quote made by joining a sentence with the ones after it
SYNONYM_FLOOR = 0.0
FOCUS_SYNONYM = 0.6  # the noun a "What <noun>" question asks for must be present, or this close
SYNONYM_MISSING = 0.5  # below this similarity a term counts as missing in the refusal message


@dataclass(frozen=True)
class Coverage:
    share: float  # 0..1 of key-term weight present in the evidence
    missing: list[str]  # key terms (as asked) absent from the evidence


def _with_parts(words: list[str], keep_compounds: bool = True) -> list[str]:
    """Hyphenated words with their parts, so "third-quarter" answers for "third quarter" (and
    the other way round: a question's compounds are asked as their parts)."""
    out = []
    for word in words:
        parts = [part for part in word.split("-") if part]
        if len(parts) > 1:
            out.extend([word, *parts] if keep_compounds else parts)
        else:
            out.append(word)
    return out


class Vocabulary:
    """The articles' words: how rare each is (inverse document frequency) and its embedding."""

    def __init__(
        self,
        texts: Iterable[str],
        word_vectors: dict[str, np.ndarray],
        encode_many: Callable[[list[str]], list[np.ndarray]],
    ) -> None:
        self.stem = stemmer().stemWord
        self.word_vectors = word_vectors
        self._encode_many = encode_many
        df: Counter[str] = Counter()
        count = 0
        lowered = []
        for text in texts:
            count += 1
            df.update(set(self.stems(text)))
            lowered.append(" ".join(word_tokens(text)))
        self.corpus_text = "\n".join(lowered)
        self.documents = max(count, 1)
        self.df = df

    def stems(self, text: str) -> list[str]:
        return [self.stem(word) for word in word_tokens(text)]

    def idf(self, stem: str) -> float:
        return math.log((self.documents + 1) / (self.df.get(stem, 0) + 0.5))

    @staticmethod
    def _abbreviated(word: str, question: str, words: set[str]) -> bool:
        """Whether ``word`` belongs to a name the evidence gives by its initials: "United Arab
        Emirates" as "UAE", "European Union" as "EU"."""
        for name in _NAME.findall(question):
            parts = [w.lower() for w in name.split()]
            if word in parts and "".join(p[0] for p in parts) in words:
                return True
        return False

    def _named_elsewhere(self, word: str, names: dict[str, str], stems: set[str]) -> bool:
        """A first name is covered by its surname when the articles know the full name: "Jensen
        Huang" is "Huang Renxun" in other articles, but "Samsung Electronics" is not "Electronics"."""
        name = names.get(word)
        return name is not None and name in self.corpus_text and self.stem(name.split()[-1]) in stems

    def vectors(self, words: list[str]) -> np.ndarray:
        """Embeddings of ``words``: the articles' own from the index, others computed in one batch."""
        unknown = [w for w in words if w not in self.word_vectors]
        computed = dict(zip(unknown, self._encode_many(unknown), strict=True)) if unknown else {}
        return np.stack([self.word_vectors[w] if w in self.word_vectors else computed[w] for w in words])

    def key_terms(self, question: str) -> list[tuple[str, str]]:
        """(term as asked, stem) for the question's content words, without repeats."""
        seen: set[str] = set()
        terms = []
        for word in _with_parts(word_tokens(question), keep_compounds=False):
            word = word.removesuffix("'s").removesuffix("’s")
            if word in QUESTION_WORDS or len(word) < 2:
                continue
            stem = self.stem(word)
            if stem not in seen:
                seen.add(stem)
                terms.append((word, stem))
        return terms

    def absent_names(self, question: str, evidence: str) -> list[str]:
        """The names in ``question`` (capitalised words past its first) that ``evidence`` lacks."""
        words = {_unpossessed(w) for w in _with_parts(word_tokens(evidence))}
        stems = {self.stem(w) for w in words}
        names = _names(question)
        absent = []
        for name in re.findall(r"(?<!^)\b[A-Z][A-Za-z'’]+", question.strip()):
            word = _unpossessed(name.lower())
            if word in QUESTION_WORDS or _CALENDAR_WORD.fullmatch(name):
                continue  # months and weekdays place a question in time; they are not what it is about
            if name.isupper() and _spelled_out(name, evidence):
                continue
            stem = self.stem(word)
            if stem in stems or self._named_elsewhere(word, names, stems) or self._abbreviated(word, question, words):
                continue
            absent.append(name)
        return absent

    def names_present(self, text: str, evidence: str) -> bool:
        """Whether every name (capitalised word) of ``text`` is in ``evidence``, by stem or initials."""
        words = set(_with_parts(word_tokens(evidence)))
        stems = {self.stem(w) for w in words}
        # The names of what is asked about, not of the circumstances: "about the U.S.-China
        # relationship" in "... during his call with Wang Yi".
        about = re.match(r"\s*(?:about|regarding|concerning|on|of|for)\b(.*)", text)
        subject = re.split(_CIRCUMSTANCE, about.group(1))[0] if about else ""
        for name in re.findall(r"\b[A-Z][A-Za-z'’]{2,}", subject):
            word = _unpossessed(name.lower())
            if self.stem(word) not in stems and not self._abbreviated(word, text, words):
                return False
        return True

    def covers(self, word: str, evidence: str) -> float:
        """How well ``evidence`` has ``word``: 1 for the same stem, else its closest synonym's similarity."""
        words = sorted(set(_with_parts(word_tokens(evidence))))
        if not words:
            return 0.0
        if self.stem(word) in {self.stem(w) for w in words}:
            return 1.0
        return float((self.vectors([word]) @ self.vectors(words).T).max())

    def coverage(self, question: str, evidence: str) -> Coverage:
        """How much of the question's key-term weight the evidence covers: a term counts fully
        when the evidence has the same stem, partly by its best synonym's similarity otherwise."""
        terms = self.key_terms(question)
        if not terms:
            return Coverage(0.0, [])
        words = sorted(set(_with_parts(word_tokens(evidence))))
        stems = {self.stem(w) for w in words}
        absent = [word for word, stem in terms if stem not in stems]
        similarity: dict[str, float] = {}
        if absent and words:
            best = (self.vectors(absent) @ self.vectors(words).T).max(axis=1)
            similarity = dict(zip(absent, best.tolist(), strict=True))
        names = _names(question)
        total = covered = 0.0
        missing = []
        for word, stem in terms:
            weight = self.idf(stem)
            total += weight
            present = stem in stems or self._named_elsewhere(word, names, stems)
            if present or self._abbreviated(word, question, set(words)):
                covered += weight
                continue
            # Figures are facts, not vocabulary: "billion" is no synonym of "million", nor 2024 of 2025.
            match = 0.0 if _is_figure(word) else similarity.get(word, 0.0)
            covered += weight * max(match - SYNONYM_FLOOR, 0.0) / (1 - SYNONYM_FLOOR)
            if match < SYNONYM_MISSING:
                missing.append(word)
        return Coverage(covered / total if total else 0.0, missing)


def closest_articles(passages: Sequence[Passage], limit: int = 3) -> list[ArticleMeta]:
    seen: dict[tuple[str, str | None, str | None], ArticleMeta] = {}
    for p in passages:
        key = (p.article.source, p.article.title, p.article.author)
        seen.setdefault(key, p.article)
    return list(seen.values())[:limit]


def refusal(question: str, passages: Sequence[Passage], reason: str) -> Answer:
    """A refusal that says why and names the articles that came closest."""
    return Answer(
        question=question,
        answer=f"The articles don't say: {reason}",
        found=False,
        mode="extractive",
        citations=[],
        closest=closest_articles(passages),
    )


class ExtractiveAnswerer:
    """Answers from retrieved passages without any model; see the module docstring."""

    def __init__(self, retriever: Retriever, project_root: Path) -> None:
        self.retriever = retriever
        self.project_root = project_root
        self.vocabulary = Vocabulary(
            retriever.sentences(), retriever.word_vectors, retriever.embed_model.encoder.encode_many
        )

    def evidence(self, passage: Passage) -> str:
        """What a passage is judged on: the passage and the sentences around it."""
        return " ".join(p.text for p in self.retriever.neighbours(passage))

    def judge(self, question: str, retrieved: Retrieved) -> tuple[bool, str]:
        """Whether the evidence answers the question, and if not, why (for the user)."""
        if not retrieved.passages:
            return False, "nothing in them matches this question."
        terms = self.vocabulary.key_terms(question)
        if not terms:
            return False, "the question has no words to look for - ask about something the articles cover."
        coverage = self.vocabulary.coverage(question, self.evidence(retrieved.passages[0]))
        # The best dense match among the top passages vouches that the question is about
        # something the articles discuss (tried: the top passage's own similarity refused more
        # answerable dev questions, 8.8% vs 5.9%, and refused no more unanswerable ones).
        best_similarity = max(retrieved.dense_similarity.values(), default=0.0)
        # Names are what a question is about: when several it asks about are nowhere around the
        # best passage (its paragraph so far, where a speaker was named), it is about something else.
        around = self.retriever.neighbours(retrieved.passages[0], before=NAMES_CONTEXT, after=1)
        absent = self.vocabulary.absent_names(question, " ".join(p.text for p in around))
        if len(absent) > NAMES_MISSING_ALLOWED:
            return False, f"nothing in them covers {', '.join(f'“{w}”' for w in absent[:4])}."
        if coverage.share >= MIN_COVERAGE or (
            best_similarity >= DENSE_VOUCH and coverage.share >= DENSE_VOUCH_COVERAGE
        ):
            return True, ""
        missing = ", ".join(f"“{w}”" for w in coverage.missing[:4]) or "what this question asks"
        return False, f"nothing in them covers {missing}."

    def answer(self, question: str, retrieved: Retrieved) -> Answer:
        ok, reason = self.judge(question, retrieved)
        if not ok:
            return refusal(question, retrieved.passages, reason)
        candidates = [p for p in retrieved.passages if not self.retriever.is_heading(p)] or list(retrieved.passages)
        speaker = _asked_speaker(question)
        if speaker:
            # "What did X say": only a passage where X speaks can answer, however well another scores.
            candidates = [
                p for p in candidates[:SPEAKER_CANDIDATES] if self._quotes_speaker(speaker, self._with_continuation(p))
            ]
            if not candidates:
                reason = f"they mention {speaker}, but do not quote {speaker} on this."
                return refusal(question, retrieved.passages, reason)
            # The evidence judged above was the best passage's; the one quoted must cover the
            # question too, if by the lower bar that dense similarity allows.
            own = self.vocabulary.coverage(question, self.evidence(candidates[0]))
            topic = _asked_topic(question)
            spoken = self._with_continuation(candidates[0]).text
            on_topic = not self.vocabulary.key_terms(topic) or (
                self.vocabulary.coverage(topic, spoken).share >= SPEAKER_TOPIC
                and self.vocabulary.names_present(topic, f"{spoken} {self.evidence(candidates[0])}")
            )
            if own.share < DENSE_VOUCH_COVERAGE or not on_topic:
                reason = f"they quote {speaker}, but not on this."
                return refusal(question, retrieved.passages, reason)
        # Passing over the best passage for one that gives the asked kind of answer is fine;
        # passing over to one that barely matches the question is how wrong answers are made.
        fitting = [
            p
            for p in candidates[:SPEAKER_CANDIDATES]
            if p.score >= FIT_MIN_SCORE * candidates[0].score and self._fits(question, p)
        ]
        if not fitting:
            return refusal(question, retrieved.passages, self._unfit_reason(question))
        if asked_type(question) == "reason":
            # A reason is often given in so many words ("due to", "the reason was"), though not
            # always ("... but his Asian itinerary conflicted"): prefer, do not require, the words.
            fitting.sort(key=lambda p: not _REASON.search(self._with_continuation(p).text))
        chosen = self.select(question, fitting)
        citations = [Citation.from_passage(n, p) for n, p in enumerate(chosen, start=1)]
        return Answer(
            question=question,
            answer=self.lead(citations, chosen),
            found=True,
            mode="extractive",
            citations=citations,
        )

    def select(self, question: str, candidates: list[Passage]) -> list[Passage]:
        """The best candidate (quoted with the rest of its paragraph's statement), then further
        candidates that add key terms the first ones lack."""
        best = self._with_continuation(candidates[0])
        chosen = [best]
        covered = self.vocabulary.coverage(question, best.text).share
        for passage in candidates[1:]:
            if len(chosen) >= MAX_QUOTES:
                break
            if passage.score < 0.75 * best.score or any(
                p.source == passage.source and p.start <= passage.start < p.end for p in chosen
            ):
                continue
            with_it = self.vocabulary.coverage(question, " ".join(p.text for p in [*chosen, passage])).share
            if with_it > covered:
                chosen.append(passage)
                covered = with_it
        return chosen

    def _fits(self, question: str, passage: Passage) -> bool:
        """Whether the passage gives the kind of answer the question asks for: a figure for "How
        much", a date for "When", and the very thing a "What <noun>" question names (a
        verdict for "What verdict ...", not a trial)."""
        kind = asked_type(question)
        quote = self._with_continuation(passage).text
        if kind == "figure" and not gives_figure(quote):
            return False
        if kind == "date" and not _DATE.search(quote):
            return False
        if kind == "name" and not names_someone_new(question, quote):
            return False
        if kind == "identity" and not names_something_new(question, quote):
            return False
        if kind == "yes/no" and hedges(question, passage.text):
            return False
        if conflicting_period(question, quote, self.evidence(passage)):
            return False
        # The noun asked for must be there, and so must a qualifier that makes it another
        # figure ("net income" is not "income"); other modifiers may be paraphrased away.
        if kind == "identity":
            return True  # a class noun ("Which ... system") is often paraphrased; the name decides
        phrase = asked_phrase(question)
        named = [w for w in phrase[:-1] if w in _QUALIFIERS] + phrase[-1:]
        named = [w for w in named if w not in _MEASURES and w not in _WHEN and w not in _WORDS_OF]
        evidence = self.evidence(passage)
        return all(self.vocabulary.covers(w, evidence) >= FOCUS_SYNONYM for w in named)

    @staticmethod
    def _unfit_reason(question: str) -> str:
        kind = asked_type(question)
        focus = asked_focus(question)
        if kind == "figure":
            return "they give no figure for this."
        if kind == "date":
            return "they give no date for this."
        return f"nothing in them gives the {focus} asked about." if focus else "nothing in them answers this."

    def _quotes_speaker(self, speaker: str, quote: Passage) -> bool:
        """Whether ``quote`` reports something ``speaker`` said: their name comes before the
        first verb of saying, as in "Rubio stated that" or "“…,” Huang said", but not in "Huang
        lauded Trump's efforts". A quote that opens with a quotation mark or
        "he"/"she" is read with the sentence before it, which names the speaker."""
        name = re.compile(rf"\b{re.escape(speaker.split()[-1])}\b", re.IGNORECASE)
        text = quote.text
        if re.match(r"\s*([“\"]|(he|she)\b)", text, re.IGNORECASE):
            before = [p for p in self.retriever.neighbours(quote, before=1, after=0) if p.start < quote.start]
            text = " ".join([*(p.text for p in before), text])
        # The verb of saying marks the speaker ("“…,” Huang said"); a bare quotation mark only when
        # there is no such verb ("Huang didn't hold back praise: “…”").
        if re.search(name.pattern + r"\s+(?:\w+\s+){0,2}?" + _SPEECH_VERB.pattern, text, re.IGNORECASE):
            return True  # "..., the spokesperson Guo Jiakun responded that": the name, then its verb
        cue = _SPEECH_VERB.search(text) or _QUOTATION_MARK.search(text)
        if cue is None:
            return False
        before_cue = list(name.finditer(text, 0, cue.start()))
        if not before_cue:
            return False
        named = before_cue[-1]  # the mention nearest the verb
        if _SPEECH_VERB.match(cue.group()) and _SENTENCE_END.search(text, named.end(), cue.start()):
            return False  # "... held talks with Ren Hongbin. Huang said ...": the verb is another's
        if cue.group().endswith("ing") and text[: cue.start()].rstrip().endswith(","):
            # "Huang met ... Lei Jun, calling the latter ...": a participle after a comma speaks
            # for the sentence's subject, which comes first, not for the name just before it.
            return len(text[: named.start()].split()) <= SUBJECT_WORDS
        return True

    def _with_continuation(self, passage: Passage) -> Passage:
        """The sentence joined with the next one of the same paragraph: news sentences often
        name the speaker in one sentence and give the substance in the next (measured on the
        dev questions: the key fact was in the following sentence about a third of the time).
        A quotation the joined text opens is followed to its end ("Huang replied: “I hope so.
        You have to invite me.”"), up to ``MAX_JOINED_CHARS``."""
        try:
            raw = read_source(passage.source, self.project_root)
        except (OSError, UnicodeDecodeError):
            return passage  # the file is gone or changed; the engine's final check withholds it
        if raw[passage.start : passage.end] != passage.text:
            return passage  # the file changed since indexing: quote nothing derived from it
        joined = last = passage
        while True:
            following = next((p for p in self.retriever.neighbours(last, 0, 1) if p.start > last.start), None)
            if following is None or following.end - passage.start > MAX_JOINED_CHARS:
                return joined
            gap = raw[last.end : following.start]
            if gap.strip():
                return joined  # something not indexed (page chrome) lies between: never quote it
            hands_over = joined.text.rstrip().endswith(":") or _opens_quotation(joined.text)
            if not hands_over and not (last is passage and "\n" not in gap):
                return joined
            joined = replace(passage, end=following.end, text=raw[passage.start : following.end])
            last = following

    @staticmethod
    def lead(citations: Sequence[Citation], chosen: Sequence[Passage]) -> str:
        by_article: dict[str, list[int]] = {}
        for citation, passage in zip(citations, chosen, strict=True):
            meta = passage.article
            label = f"{meta.label} ({meta.published})" if meta.published else meta.label
            by_article.setdefault(label, []).append(citation.n)
        parts = [f"{label} {''.join(f'[{n}]' for n in numbers)}" for label, numbers in by_article.items()]
        sources = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
        return f"According to {sources}:"
