"""Reading a question, from its words alone: whose words it asks for and on what topic, the
noun it asks for ("What verdict ..."), the kind of answer it wants (a figure, a date, a name,
a reason, yes or no), the quarter or year it is about, and the names it uses.

No parser or model is involved (none is available offline); these are the patterns news
questions take, each measured on ``evals/dev.jsonl`` before it was kept.
"""

from __future__ import annotations

import functools
import itertools
import re

from bot.corpus import word_tokens

# "What's", "who'd", "where're": a question word and its verb.
_CONTRACTED = {
    f"{w}{mark}{ending}": (w, verb)
    for w in ("what", "who", "which", "where", "when", "why", "how")
    for mark in "'’"
    for ending, verb in (("s", "is"), ("d", "did"), ("re", "are"))
}

# Words that describe without naming, so they are neither key terms nor the thing asked for: a
# "senior" official is an official (the articles give posts, "Vice Premier"), what was "different"
# or "unusual" is told in the sentence's own words ("the first time ... put on a suit"), and
# "after all the fuss" is a remark. (Tried: "big", which is also the asked size of "no big China
# orders", and "something", which is the asked "or did he say something else".)
_DESCRIBING = frozenset(["senior", "different", "unusual", "fuss"])

# Words that say how a question is asked, not what it is about.
QUESTION_WORDS = (
    frozenset(
        """
    what who whom whose which when where why how did does do say said says tell told mention
    mentioned according article articles report reported much many was were is are the a an
    about of on in to for and or with by from at as that this these those it its his her their
    they he she we you i me my your be been being have has had any some there than then so if
    can could would should will shall may might must not no yes please give explain describe
    happen happened think view views comment comments stated state claim claimed believe
    believes into over under after before during between against all also just only very more
    most other such own same s t ve re ll d m up out off again further once here both each few
    nor too don now them him our ours us what's whats one get got make made take took regarding
    concerning respond responded reply replied react characterize characterise characterized portray
    portrayed depict depicted ever actually really exactly specifically precisely
    because due whether while although though unless via per amid among within
    across through upon toward towards onto despite
    hey hi hello yo ok okay um uh hmm pls thx thanks guys folks
    supposedly apparently basically literally honestly seriously roughly approximately
    nah yeah yep yup lol tbh imo btw fyi reckon reckons reckoned
    blog blogs story stories lot lots post posts piece pieces
    figure figures number numbers mid
    thing stuff vs ppl
    kindly needful
    """.split()  # noqa: SIM905 - a block of words reads better than a list of strings
    )
    | frozenset(_CONTRACTED)
    | _DESCRIBING
)

# Verbs of saying. "call" too: "What did Trump call Huang?" asks for Trump's words ("my friend"),
# not for a sentence where Huang "called on the Trump administration".
_SAYING = (
    r"(?:say|said|tell|told|think|thought|reckon|reckons|reckoned|describe|described|reply|replied|respond|"
    r"responded|react|reacted|feel|"
    r"felt|view|explain|explained|characteri[sz]ed?|warn|warned|claim|claimed|argue|argued|stress|stressed|"
    r"mention|mentioned|comment|commented|write|written|wrote|predict|predicted|forecast|"
    r"admit|admitted|answer|answered|acknowledge|acknowledged|deny|denied|insist|insisted|promise|"
    r"promised|suggest|suggested|propose|proposed|express|expressed|voice|voiced|call|called)"
)
_SAYING_VERB = re.compile(_SAYING)

# "What did <Name> say/tell/think ...": the answer must be something that person said.
_SAID_QUESTION = re.compile(
    r"\b(?i:what|how)\s+(?i:else\s+|exactly\s+|specifically\s+|stuff\s+|things\s+)?"
    # "What views did Chris Wright express ...", "What position did Rubio take ...".
    # The auxiliary may be left out, as some learners of English do: "What Huang said about ...?"
    r"(?i:(?:views?|opinions?|position|stance|concerns?|message)\s+)?(?:(?i:did|does|do|has|have|had)\s+)?"
    # The speaker, maybe with a title or an aside: "TSMC chairman Wei Zhejia", "Ren Hongbin,
    # president of the China Council ...,", "Patrick Moorhead of Moor Insights & Strategy".
    r"(?:the\s+)?(?P<who>[A-Z][^?]{0,120}?)\s+"
    rf"{_SAYING}\b"
    # "What is Kress's view of ...". (Not "response" or "reaction": "Huang's response was to cross
    # the Pacific" is something he did.)
    r"|\b(?i:what)\s+(?i:is|was|were|are)\s+(?P<whose>(?:[A-Z][\w.-]*\s+){0,4}?[A-Z][\w.-]*)['’]s?\s+"
    r"(?i:view|views|opinion|position|stance|comment|comments)\b"
    # "Has Mark Clifford responded ...?", "Did Huang say ...?": whether the person said it.
    rf"|^\s*(?i:did|does|do|has|have|had)\s+(?P<yes>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){{0,3}})\s+"
    rf"(?i:ever\s+|actually\s+|publicly\s+|really\s+)?{_SAYING}\b"
)

NAME = re.compile(r"\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)+")


def unpossessed(word: str) -> str:
    """``word`` without a possessive 's: "nvidia's" -> "nvidia"."""
    return word.removesuffix("'s").removesuffix("’s")


def name_parts(question: str) -> dict[str, str]:
    """For each non-final word of a capitalised multi-word name in the question, the whole name
    (lower-cased): {"jensen": "jensen huang"}."""
    parts: dict[str, str] = {}
    for name in NAME.findall(question):
        words = [unpossessed(w.lower()) for w in name.split()]
        parts.update({word: " ".join(words) for word in words[:-1]})
    return parts


# Words that end the noun a "What/Which ..." question asks for ("What verdict did ...").
_AUXILIARIES = frozenset(
    "did does do is are was were has have had will would can could should might may must".split()  # noqa: SIM905
)

_ADVERBS = frozenset(["else", "exactly", "specifically", "actually", "really", "precisely", "just"])
_COPULAS = frozenset(["is", "are", "was", "were"])
# Words no noun asked for is made of: "What else did ...", "who's amd's ceo btw".
_NOT_IN_PHRASE = _ADVERBS | frozenset(["btw", "lol", "tbh", "imo", "fyi", "pls", "please", "thx", "thanks"])


_PREPOSITIONS = frozenset(
    "in at on for from to during with by about over under after before between since".split()  # noqa: SIM905
)

# "the spokesperson who described", "Nvidia's revenue when it released its results"
_ENDS_NOUN_PHRASE = frozenset(["of", "who", "whom", "whose", "that", "which", "when", "while", "where"])

_KIND_OF = frozenset(["kind", "type", "sort", "form"])

# Words that open a time after the noun asked for: "What was Nvidia's revenue last quarter?".
_PERIOD_WORDS = frozenset(["last", "this", "next", "previous", "now", "today", "currently", "then", "so", "yet"])

# A period named before the noun asked for: "full year 2024 revenue", "fiscal 2025 revenue".
_PERIOD_NOUNS = frozenset(
    ["full", "whole", "fiscal", "calendar", "year", "full-year", "quarter", "first", "second", "third", "fourth"]
)

# Nouns that ask for a quantity in general: any figure in the quote answers them, in any words.
MEASURES = frozenset("share percentage proportion portion amount number figure sum total money worth quantity".split())  # noqa: SIM905

# Nouns that ask for a particular quantity: the quote needs a figure, the evidence the noun.
AMOUNTS = frozenset(
    """price cost revenue revenues profit income loss losses earnings sales value valuation rate fee salary
    fine fines penalty penalties""".split()  # noqa: SIM905
)

# Nouns for a change in a quantity: a figure answers them, in any unit ("62%", "$10 billion").
CHANGES = frozenset(["growth", "increase", "decrease", "decline", "drop", "rise", "gain", "fall", "jump", "surge"])

QUALIFIERS = frozenset(["net", "gross", "operating", "pre-tax", "adjusted", "average", "median", "maximum", "minimum"])

# Nouns for what someone said ("What is Huang's view on ...", "What argument did Trump make"):
# the answer is what was said, which need not call itself a view or an argument.
_SAYINGS = """view views opinion response reaction reply position stance take comment comments answer thoughts
argument arguments claim claims compliment compliments warning warnings advice criticism remark
remarks assessment description prediction"""
WORDS_OF = frozenset(_SAYINGS.split())

WHEN = frozenset(["year", "date", "month", "day", "time"])

# "What reasons did Kress give ...?" asks what "Why ...?" asks.
REASONS = frozenset(["reason", "reasons", "cause", "causes", "motive", "motives", "explanation", "explanations"])

# A people's adjective and the place it names: "British" is there when the evidence says "UK".
# (No bundled library maps these; the articles' own countries and a few more.)
PLACES_OF: dict[str, tuple[str, ...]] = {
    "american": ("america", "us", "usa"),
    "british": ("britain", "uk"),
    "chinese": ("china",),
    "taiwanese": ("taiwan",),
    "japanese": ("japan",),
    "korean": ("korea",),
    "european": ("europe", "eu"),
    "emirati": ("uae", "emirates"),
    "indian": ("india",),
    "russian": ("russia",),
    "german": ("germany",),
    "french": ("france",),
}

# A place is named by its people too: "the Chinese market" is in China.
PEOPLES_OF: dict[str, tuple[str, ...]] = {
    place: tuple(people for people, places in PLACES_OF.items() if place in places)
    for places in PLACES_OF.values()
    for place in places
}

# A place's other names: "Britain" is there when the evidence says "UK".
PLACE_ALIASES: dict[str, tuple[str, ...]] = {
    place: tuple(other for other in places if other not in (place, "us"))  # "us" is a pronoun too
    for places in PLACES_OF.values()
    for place in places
    if place != "us"
}

# Places the articles name in several words or by initials: "America" is there when the evidence
# says "the United States" or "the U.S." (as a phrase: "states" alone is no country).
# (Not "US$", a currency: "revenue in China was US$17.108 billion" names China only.)
_UNITED_STATES = re.compile(r"\bUnited States\b|\bU\.S\.(?!\$)|\bUSA?\b(?!\$)")
_EMIRATES = re.compile(r"\bUnited Arab Emirates\b|\bUAE\b")
PLACE_NAMES: dict[str, re.Pattern[str]] = {
    "america": _UNITED_STATES,
    "american": _UNITED_STATES,
    "emirates": _EMIRATES,  # "letting the Emirates purchase ..."
    "prc": re.compile(r"\bChina\b"),  # "visited the PRC"
    # A government by its seat: "the list handed to Brussels" went to the European Union.
    "brussels": re.compile(r"\bEuropean Union\b|\bEU\b"),
}


def written_as_place(word: str, text: str) -> bool:
    """Whether ``text`` names the place ``word`` (lower case) the way the articles write it:
    "emirates" as "UAE", "america" as "the U.S."."""
    return word in PLACE_NAMES and PLACE_NAMES[word].search(text) is not None


MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
CALENDAR_WORD = re.compile(f"{MONTHS}|{WEEKDAYS}")
_DAY_NUMBER = r"\d{1,2}(?:st|nd|rd|th)?\b"
# A day of the calendar in words, its month captured in group 1 or 2: "March 16", "16th of March".
MONTH_DAY = rf"\b({MONTHS})\s+{_DAY_NUMBER}|\b{_DAY_NUMBER}\s+(?:of\s+)?({MONTHS})\b"
# A day of the calendar in figures: "2025-03-16", "3/16".
NUMERIC_DATE = re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b")


def asked_focus(question: str) -> str | None:
    """The noun a "What/Which <noun> ..." question asks for: "What verdict did the court reach"
    asks for a verdict, "What kind of contest ..." for a contest. None when the question does not
    name one ("What was ...") or the noun phrase is too long to read without a parser."""
    phrase = asked_phrase(question)
    return phrase[-1] if phrase else None


# A measure that names no quantity of its own: "What figure did Nvidia report for net income".
_BARE_MEASURES = (["figure"], ["number"], ["amount"], ["quantity"])


# "What did Nvidia report for data center revenue ...": the figure reported is for that noun.
_REPORTED_FOR = re.compile(
    r"\s*what\s+(?:did|does|do|has|have|had|will)\s+[^?]{1,40}?\s+(?:report|post|book|record|log)(?:s|ed|ing)?\s+for\b",
    re.IGNORECASE,
)


def asked_phrase(question: str) -> list[str]:
    """The words naming what a question asks for (see ``_named_phrase``); for a bare "What
    figure did Nvidia report for net income ...", the noun the figure is for: ["net", "income"]."""
    phrase = _named_phrase(question)
    if phrase and all(w in _DESCRIBING for w in phrase):
        return []  # "What was different about his outfit?": what, it does not say
    if phrase[-1:] in (["stuff"], ["thing"]):
        return []  # "what stuff did huang say about china": nothing in particular is asked for
    if phrase in _BARE_MEASURES or (not phrase and _REPORTED_FOR.match(question)):
        words = word_tokens(question)
        at = next((i for i, w in enumerate(words) if w in ("for", "on") and i > 2), None)
        if at is not None:
            rest = [w for w in words[at + 1 : at + 6] if w not in ("the", "its", "their", "his", "her")]
            if rest[:2] == ["number", "of"]:
                rest = rest[2:]  # "the number of Blackwell chips"
            named = list(itertools.takewhile(lambda w: w not in _AUXILIARIES | _PREPOSITIONS | _ENDS_NOUN_PHRASE, rest))
            if named and not any(w in QUESTION_WORDS for w in named):
                return named
    return phrase


def _named_phrase(question: str) -> list[str]:
    """The words naming what a "What/Which/How much ..." question asks for, after any owner:
    ["net", "income"] for "What was Nvidia's net income in the third quarter?". Contractions
    ("What's the name ...") are spelled out before (``spelled_out_question``)."""
    words = word_tokens(question)
    # Names, not a sentence's first word: "What is the unit price Nvidia charges ...".
    names = {w.lower() for w in re.findall(r"(?<!^)(?<![.?!]\s)\b[A-Z][\w-]*", question.strip())}
    for at, word in enumerate(words):
        if word == "how" and words[at + 1 : at + 3] == ["many", "times"]:
            return []  # "How many times ..." counts occasions, and names no thing to find
        if word == "how" and words[at + 1 : at + 2] in (["much"], ["many"]):
            at += 1  # "How many trips ...", "How much revenue ..." name the noun the same way
        elif word == "how" and words[at + 2 : at + 3] in (["a"], ["an"]) and _HOW_LARGE.search(question.lower()):
            at += 2  # "How large an inventory write-down did ...": the write-down is asked for
        elif word == "who" and (
            words[at + 1 : at + 3] in ([c, "the"] for c in _COPULAS)
            or (
                words[at + 1 : at + 2] in ([c] for c in _COPULAS)
                and len(words) > at + 3
                and unpossessed(words[at + 2]) != words[at + 2]  # an owner's: "AMD's"
                and words[at + 3] in _TITLES
            )
        ):
            pass  # "Who was the spokesperson who ...", "Who is AMD's CEO?": a spokesperson, a CEO is asked for
        elif word not in ("what", "which"):
            continue
        rest = [w for w in words[at + 1 : at + 10] if w not in _NOT_IN_PHRASE][:8]
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
            if following == "per" and phrase:
                return phrase  # "At what unit price per chip did ...": "per chip" qualifies the price
            if copula and phrase and following in _PROGRESSIVE:
                return []  # "What is the Trump administration doing ...": the subject, then its verb
            if phrase and following in names and (phrase[-1] in WHEN or (copula and phrase[-1] in MEASURES | AMOUNTS)):
                # "What is the unit price Nvidia charges ...", "Which year TSMC will bring ...": a
                # clause about it begins.
                return phrase
            if not copula and word != "how" and following in _PREPOSITIONS:
                return []  # "What happened to ...": a verb, not a noun, comes before the preposition
            if following in _AUXILIARIES or following in _PREPOSITIONS or following in _ENDS_NOUN_PHRASE:
                if following == "of" and phrase and phrase[-1] in _KIND_OF:
                    phrase = []
                    continue
                # (After "which" a noun always comes: "Under which provision of the law ...".)
                if (
                    following == "of"
                    and not copula
                    and word != "which"
                    and phrase
                    and phrase[-1] not in MEASURES | AMOUNTS
                ):
                    return []  # "What remains of ...": a verb before "of"; "What share of" is a measure
                return phrase
            if copula and phrase and (following in _PERIOD_WORDS or following.isdigit()):
                if all(w in _PERIOD_NOUNS for w in phrase):
                    phrase = []  # "What was Cambrian's full year 2024 revenue?": the period comes first
                    continue
                return phrase  # "What was Nvidia's revenue last quarter?"
            phrase = [] if unpossessed(following) != following else [*phrase, following]  # "Nvidia's net income"
        # "What was Nvidia's revenue?": after a copula a short phrase may end the question (a
        # longer one holds a clause: "Huang's remarks Washington took as a warning").
        return phrase if copula and len(phrase) <= 3 else []
    # "nvidia q3 net income?", "huawei's market share in china?": a question that is only a
    # noun phrase asks for its noun (after any owner).
    terse = _TERSE.match(question)
    if terse is None or _INTERROGATIVE.search(question, terse.end()) or len(question.split()) > _TERSE_WORDS:
        return []  # "per the WSJ piece from April, who has ...": the phrase is not the question
    return re.split(r"['’]s\s+", terse.group("phrase").lower())[-1].split()


# Verbs that follow the subject of "What is/are <subject> ...", never nouns asked for.
_PROGRESSIVE = frozenset(
    [
        "doing",
        "being",
        "going",
        "getting",
        "saying",
        "planning",
        "trying",
        "hoping",
        "expecting",
        "seeking",
        "asking",
        "giving",
    ]
)
_TERSE_WORDS = 12  # longer, a question holds a verb somewhere
_INTERROGATIVE = re.compile(r"\b(?i:what|who|whom|whose|which|when|where|why|how)\b")
_TERSE_ENDS = "(?:in|of|for|at|on|during|last|this|since|after|before|about|to|from|with|by|and|or|vs|as)"
# A period closing the noun phrase, and no part of it: "cambrian net profit full year 2024",
# "nvidia revenue fiscal 2025".
_YEAR_NUMBER = r"(?:19|20)\d\d\b"
_TERSE_PERIOD = (
    rf"(?:(?:full|whole|fiscal)[\s-]+year(?:\s+{_YEAR_NUMBER})?|fiscal\s+{_YEAR_NUMBER}|{_YEAR_NUMBER})\s*\??\s*$"
)
_TERSE = re.compile(
    r"\s*(?!(?i:what|who|whom|whose|which|when|where|why|how|did|does|do|is|are|was|were|has|have|had|can|could|"
    r"will|would|whats|whos|hows|tell|show|give|list|explain|describe|summari[sz]e|any|please|per|so|and|but|ok|hey)\b)"
    rf"(?P<phrase>(?:(?!{_TERSE_ENDS}\b|{_TERSE_PERIOD})[A-Za-z0-9][\w.'’-]*\s+){{0,4}}"
    rf"(?!{_TERSE_ENDS}\b|{_TERSE_PERIOD})[a-z][\w-]*)"
    rf"\s*(?:\?|$|\s+{_TERSE_ENDS}\b|\s+(?:{_TERSE_PERIOD}))"
)


# "In dollar terms", "in percentage terms": a figure is asked for, and "terms" is no key term
# (unlike in "the terms of the deal" or "in trade terms").
_FIGURE_TERMS = "percentage|percent|dollar|dollars|yuan|money|monetary|cash|numerical|absolute"
IN_TERMS = re.compile(rf"\b(in\s+(?:{_FIGURE_TERMS}|real|nominal|relative))\s+terms\b", re.IGNORECASE)
_IN_FIGURES = re.compile(rf"\bin\s+(?:{_FIGURE_TERMS})\s+terms\b")


# "How far behind ...", "How badly did sales drop?": the word after "how" asks for a degree.
HOW_DEGREES = frozenset(
    """
    far badly bad big large high low long severely sharply steeply deeply
    """.split()  # noqa: SIM905
)

# Verbs for how a figure moved: "How far did the share price fall", "AMD's stock price tumble".
MOVES = frozenset(
    """fall fell drop dropped rise rose decline declined plunge plunged slump slumped slide slid sink sank
    climb climbed tank tanked crash crashed shrink shrank dip dipped tumble tumbled collapse collapsed grow grew
    jump jumped surge surged soar soared react reacted change changed move moved fallen risen sunk gain gained
    """.split()  # noqa: SIM905
)
# A size asked by its adjective is a figure when it is an amount's ("How large a fine", "How big
# was the fine", "How far did the share price fall", "How fast did revenue grow", "How big was
# the revenue growth"); "How big a threat" and "How far behind" ask a degree, said in words.
_HOW_LARGE = re.compile(
    r"\bhow\s+(?:large|big|high|sizable|sizeable)\s+"
    r"(?:a|an|(?:is|was|were|are|will\s+be)\s+(?:the|its|their|his|her|that))\s+"
    r"(?:[a-z]+\s+)?"  # "How large an inventory write-down"
    r"(?:fine|charge|loss|cut|sum|payment|penalty|drop|fall|increase|rise|decline|stake|investment|amount|bill|"
    r"bounty|reward|fee|grant|donation|bonus|salary|payout|settlement|subsidy|tariff|budget|"
    r"hit|blow|write-?down|write-?off|impairment|shortfall)\b"
    r"|\bhow\s+(?:far|steep|sharp|deep|bad|severe|hard|fast|quick|strong|big|large)(?:ly)?\s+"
    r"(?:did|has|have|had|was|were|is|are|does|do)\b"
    rf".*\b(?:{'|'.join(sorted(MOVES))}|growth)\b"
)


_NAME_OF = re.compile(r"\bname\s+of\s+(?:the|a|an|this|that|its|their|his|her)?\s*(?P<phrase>[^?.,;]*)", re.IGNORECASE)


# "What is the new chip Nvidia launched called?" asks its name too.
_CALLED = re.compile(
    r"\s*what\s+(?:is|was|are|were)\s+(?:the|a|an|this|that|its|their|his|her)?\s*"
    r"(?P<phrase>[^?.,;]+?)\s+called\s*\??\s*$",
    re.IGNORECASE,
)


def named_thing(question: str) -> str | None:
    """The noun whose name a "What is the name of ..." (or "What is ... called?") question asks
    for: "bill" in "What is the name of the bill that Amazon backed?", "chip" in "... of the
    more advanced chip Huang wants"."""
    match = _NAME_OF.search(question) or _CALLED.match(question)
    if match is None:
        return None
    phrase = match.group("phrase").split()
    if len(phrase) > 2 and not any(word[0].isupper() for word in phrase):
        # Without capitals a long noun phrase has no end to find ("the group stand with hong kong
        # serves as"): no noun is read rather than a wrong one.
        return None
    noun = None
    for at, word in enumerate(phrase):
        bare = unpossessed(word)
        if bare.lower() in _ENDS_NOUN_PHRASE or bare.lower() in _AUXILIARIES or bare.lower() in _PREPOSITIONS:
            break
        if word != bare:
            continue  # "Huawei's AI framework": the owner is not the thing named
        if word[0].isupper() and not word.isupper() and "-" not in word and noun is not None:
            break  # "the chip Huang wants": a name after the noun starts a clause (not "AI", "China-specific")
        following = phrase[at + 1].lower() if at + 1 < len(phrase) else ""
        if noun is not None and word.endswith("ed") and following in _PREPOSITIONS:
            break  # "the bill backed by Amazon": a participle after the noun describes it
        noun = word.lower()
    return noun


# "When Nvidia attacked the rule, what did it say ...": a clause of time, then the question.
_WHEN_CLAUSE = re.compile(
    # (Not "When exactly did X ..., which ...": an adverb, then the question's own auxiliary.)
    r"\s*when\s+(?!(?:(?:exactly|precisely|roughly|approximately|actually|specifically)\s+)?"
    r"(?:did|does|do|is|are|was|were|has|have|had|will|would|can|could)\b)[^,?]{3,150},\s*"
    r"(?:what|who|whom|which|how|why|where|did|does|do|is|was|were)\b"
)


# "Name the two giants ...", "Confirm the names of the 14 officials ...": a which-question as a
# request ("List the uses ..." need not be names).
_NAME_THEM = re.compile(
    r"\s*(?:(?:could|can|would)\s+you\s+)?(?:please\s+)?"
    r"(?:name\s+(?:the|all|any|both)\b|(?:confirm|give|tell|list)\s+(?:me\s+)?the\s+names?\b)",
    re.IGNORECASE,
)


# "What does an NVL72 cost?", "what did the ban cost Nvidia?": the verb ends the question (but
# for whom it costs, and per what), so a sum is asked. Not "What did Huang say about the cost
# of ..." nor "What did it cost to meet Trump?" or "... cost compared with OpenAI's?", which may
# be answered in words.
_WHAT_IT_COSTS = re.compile(
    r"\b(?i:what\s+(?:does|did|do|will|would|could|might))\s+(?:(?!say\b|said\b|think\b|tell\b)[^?])*?"
    # "What does an H20 sell for in China?" asks its price too.
    r"\b(?:cost|(?:sell|sells|sold|go|goes|retail|retails)\s+for)(?:\s+(?!to\b|compared\b)(?:(?:a|an|the)\s+)?[\w'’-]+){0,3}?(?:\s+in\s+[\w-]+)?"
    # "What does an H20 cost a Chinese buyer, per chip?".
    r"(?:,?\s+(?:per|for\s+(?:each|one|a))\s+[\w-]+)?\s*\?*\s*$"
)


def asks_what_it_costs(question: str) -> bool:
    """Whether the question asks what something costs, with "cost" as its last verb."""
    return _WHAT_IT_COSTS.search(question) is not None


def asked_type(question: str) -> str | None:
    """What kind of answer the question wants, when its form says so: "figure" for "How much/
    many" or a measure ("What share of ..."), "date" for "When"/"What year". A question kept whole
    with the remark before it (which names what "he" is) is asked by its last part: "I remember
    Trump calling Lei Jun brilliant — when did he say that?" wants a date."""
    kind = _form_type(question)
    if kind is not None:
        return kind
    last = _last_asking_part(question)
    last_kind = _form_type(last) if last is not None else None
    # Only a figure, a date or a which-question's names ("— which two companies were they?"
    # is not answered by the remark's "two domestic Internet giants"): "— who did he say won't
    # wait for us?" may be answered by a country, and is read whole.
    return last_kind if last_kind in ("figure", "date", "identity") else None


def _last_asking_part(question: str) -> str | None:
    ends = list(_REMARK_END.finditer(question))
    if not ends:
        return None
    last = question[ends[-1].end() :]
    return last if _ASKING.match(last) else None


# A figure asked for after the thing it is of: "TSMC first-quarter gross margin — exact figure?",
# "what did R1 cost to train, $ figure?".
_FIGURE_ASKED_LAST = re.compile(
    r"[,—–-]\s*(?:\$|dollar|exact|rough|ballpark)?\s*(?:figure|number|amount)s?\s*\?*\s*$", re.IGNORECASE
)


def _form_type(question: str) -> str | None:
    lowered = question.lower()
    focus = asked_focus(question)
    if (
        re.search(r"\bhow\s+(?:much|many)\b", lowered)
        or _FIGURE_ASKED_LAST.search(question)
        or _HOW_LARGE.search(lowered)  # "How large a fine ...", "roughly how far did the share price fall?"
        or focus in MEASURES
        or _named_phrase(question)[-1:] in _BARE_MEASURES  # "What figure ... for X"
        or focus in AMOUNTS
        or focus in CHANGES  # "What was Cambrian's revenue growth?"
        or _IN_FIGURES.search(lowered)  # "What was its stock performance, in percentage terms?"
        or asks_what_it_costs(question)  # "What does an NVL72 cost?"
    ):
        return "figure"
    if (re.match(r"\s*when\b", lowered) and not _WHEN_CLAUSE.match(lowered)) or focus in WHEN:
        return "date"
    if re.match(r"\s*(?i:whom?)\s+(?!(?i:is|are|was|were)\s+[A-Z])", question) or re.match(
        r"\s*(?i:which|what)\s+(?:people|persons?|individuals|officials|executives|leaders)\b", question
    ):
        return "name"  # "Who did Huang meet", "Who was the spokesperson", "Which people"; not "Who is X"
    if re.match(r"\s*why\b", lowered) or focus in REASONS:
        return "reason"
    if re.match(r"\s*(?:did|does|do|is|was|were|are|has|have|had|will|can)\b", lowered):
        return "yes/no"
    if re.match(r"\s*(?i:which)\b", question) or focus in ("name", "names") or _NAME_THEM.match(question):
        return "identity"  # "Which two giants bought ...", "What is the name of ...": they must be named
    return None


# "What does an H20 sell for in China?" asks a price; "How many were sold for data centers?" a count.
_MONEY_ASKED = re.compile(
    r"\b(?:money|cost|costs|pay|paid|pays|spend|spent|spends|donated?|price"
    r"|(?:sells?|sold|go|goes|retails?)\s+for(?=\s*(?:\?|$|,|in\b|per\b|each\b|apiece\b)))\b",
    re.IGNORECASE,
)


# Amounts that are sums of money (a rate is not): "What was Nvidia's total revenue for fiscal
# 2025?" is not answered by the share of it earned abroad ("53% of Nvidia's revenue").
_MONEY_AMOUNTS = AMOUNTS - {"rate"}


def asks_money(question: str) -> bool:
    """Whether a figure question asks for a sum of money ("How much money did Lai give", "How
    much does a GPU cost", "What was Nvidia's total revenue for fiscal 2025"), which a
    percentage or a count does not answer."""
    return asked_type(question) == "figure" and (
        bool(_MONEY_ASKED.search(question)) or asked_focus(question) in _MONEY_AMOUNTS
    )


# "Who is the CEO of AMD?", "Who was AMD's chief executive?": a post at a company.
_POST_AT = re.compile(
    r"^\s*(?i:who)\s+(?i:is|was|are|were)\s+(?:(?i:the)\s+)?(?:[\w-]+\s+){1,6}(?i:of|at)\s+"
    r"(?:(?i:the)\s+)?(?P<of>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*)"
    r"|^\s*(?i:who)\s+(?i:is|was)\s+(?P<whose>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*)['’]s\s"
)


_COMPANY_SUFFIXES = frozenset(["corp", "corp.", "corporation", "inc", "inc.", "ltd", "ltd.", "co", "co.", "group"])


def post_at(question: str) -> list[str]:
    """The words naming the company (or country) whose post a "Who is the CEO of X?" question
    asks about, without "Corporation" and the like: ["Nvidia"] for "Who is the CEO of Nvidia
    Corporation?" and, the last "of/at" naming it, for "Who is the head of AI at Nvidia?". Empty
    when the question asks about no post."""
    match = _POST_AT.match(question)
    if not match:
        return []
    name = match.group("of") or match.group("whose")
    return [w for w in name.split() if w.lower() not in _COMPANY_SUFFIXES]


# "Who is Brady Wang?", "who was Wen Zhenbang": the whole question is a person's name.
_WHO_IS_NAMED = re.compile(r"\s*(?i:who)\s+(?i:is|was)\s+(?P<name>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)+)\s*\??\s*$")


def person_asked_about(question: str) -> list[str]:
    """The parts of the name a "Who is <Name>?" question asks about: ["Brady", "Wang"] (Wang Yi
    is no Brady Wang). Empty for any other question."""
    match = _WHO_IS_NAMED.match(question)
    if not match or re.search(r"['’]s\b", match.group("name")):
        return []  # "Who is Nvidia's CFO?" asks for a post's holder
    return match.group("name").split()


# One of a product, not of a period or a region: "per year", "each region" ask for no price.
_UNITS = r"(?:unit|chip|card|gpu|piece|processor|accelerator|h\d+|b\d+)s?\b"
_PER_UNIT = re.compile(
    rf"\ba\s+{_UNITS}|\bapiece\b|"
    # "one Nvidia H20 chip", not "each Chinese chip company".
    rf"\b(?:per|each|one|single)\s+(?:[\w-]+\s+){{0,2}}?{_UNITS}"
    r"(?!\s+(?:makers?|compan(?:y|ies)|firms?|industry|sector|giants?|exports?|sales|business|market))|"
    r"\bper\s+(?:person|head|seat|share|employee|worker|customer|user|ticket)\b|"
    r"\bunit\s+price\b",
    re.IGNORECASE,
)


def asks_per_unit(question: str) -> bool:
    """Whether a question asks the price of one unit ("How much does an H20 cost per unit?",
    "What price does Nvidia charge for each H20?")."""
    return asks_money(question) and bool(_PER_UNIT.search(question))


# "Where is Stand with Hong Kong based?", "Confirm: where and on what day ...". Not "where did
# China rank among its regions" (a place in a list) nor "where does Nvidia stand" (how it fares).
_ASKS_PLACE = re.compile(
    r"^\W*(?:[\w ]{1,20}[:—–]\s*)?(?:and\s+)?where(?:'s|’s)?\b"
    r"(?![^?]*\b(?:rank|ranks|ranked)\b)(?![^?]*\b(?:stand|stands|stood)\s*(?:\?|$|on\b))",
    re.IGNORECASE,
)


# "At what venue ...", "In which city ...", "venue where Huang met He Lifeng?". (Not "what place",
# which may ask a rank.)
_PLACE_ASKED = re.compile(
    r"\b(?:what|which)\s+(?:venue|site|location|city|town)\b|^\W*(?:venue|location)\b", re.IGNORECASE
)


def asks_place(question: str) -> bool:
    """Whether a question asks where something is or happened."""
    return bool(_ASKS_PLACE.search(question) or _PLACE_ASKED.search(question))


def _which_phrase(question: str) -> list[str]:
    """The words after "Which/Who/What" up to its verb (a leading "is/are" skipped), at most
    seven: ["analyst"] for "Which analyst said the restrictions ...", ["the", "14", "hong",
    "kong", "officials", "on", "the"] for "Who are the 14 Hong Kong officials on the list?"."""
    words = word_tokens(question)
    at = next((i for i, w in enumerate(words) if w in ("which", "who", "whom", "what")), None)
    if at is None:
        return []
    phrase = words[at + 1 : at + 9]
    if phrase[:1] and phrase[0] in _COPULAS:
        phrase = phrase[1:]
    return list(itertools.takewhile(lambda w: w not in _AUXILIARIES and not _SAYING_VERB.fullmatch(w), phrase))[:7]


def people_asked(question: str) -> str | None:
    """The noun for people a "Which/Who ..." question asks for, if any: "lawmakers" in "Which
    lawmakers met Nvidia's executives?", "officials" in "Who are the 14 officials ...?"."""
    # "Confirm the names of the 14 Hong Kong officials ...": the people whose names are asked.
    names_of = re.search(r"\bnames?\s+of\s+((?:[\w.'’-]+\s+){0,6}[\w.'’-]+)", question, re.IGNORECASE)
    phrase = _which_phrase(question) + (word_tokens(names_of.group(1)) if names_of else [])
    return next((w for w in phrase if w in PEOPLE_NOUNS), None)


# "Which U.S. state's new AI regulations ...": the owner is a class, and which of it is asked.
_CLASS_OWNER = re.compile(
    r"\s*(?i:which)\s+"
    # Up to two modifiers ("U.S.", "American", "trade-promotion"), not "Which is the country's ...".
    r"(?:(?!(?i:is|are|was|were|of|the|a|an|do|does|did|has|have|had)\b)(?:(?i:u\.s\.)|[A-Za-z][\w-]*)\s+){0,2}?"
    r"(?P<owner>[a-z][a-z-]*?(?:s(?=['’]\s)|(?=['’]s\s)))",
)


def class_owner(question: str) -> str | None:
    """The class a "Which <class>'s <thing>" question asks for one of: "state" in "Which U.S.
    state's new AI regulations did Huang criticize?" (what the regulations are is given)."""
    match = _CLASS_OWNER.match(question)
    return match.group("owner") if match else None


_DETERMINERS = frozenset(["the", "a", "an", "this", "that", "these", "those"])


def answer_class(question: str) -> list[str]:
    """The words of a "Which/Who ..." question that describe its answer, up to the noun asked
    for: ["congressional", "panel"] for "Which congressional panel did Nvidia's top brass meet?"
    (an answer names it: "the US House Foreign Affairs Committee"). Empty when that noun is
    not read."""
    if asked_type(question) not in ("identity", "name"):
        return []
    phrase = [unpossessed(w) for w in _which_phrase(question)]
    focus = asked_focus(question)
    return [w for w in phrase[: phrase.index(focus) + 1] if w not in _DETERMINERS] if focus in phrase else []


def heads_the_question(noun: str, question: str) -> bool:
    """Whether ``noun`` is what "Which/Who ..." asks for, before any verb: "analyst" in "Which
    analyst said the restrictions ...", not "restrictions"; "officials" in "Who are the 14
    officials ..."."""
    return noun in _which_phrase(question)


# "How long had sales been paused?", "For how long ...", "how long after Trump asked ...": a
# span of time. Not "How long was the list?", a length of something else.
_HOW_LONG = re.compile(
    r"\bhow\s+long\b(?!\s+(?:is|was|were|are)\s+(?:the|that|this|its|their)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:list|document|report|article|letter|speech|statement|book|name|title)s?\b)",
    re.IGNORECASE,
)


def asks_duration(question: str) -> bool:
    """Whether the question asks how long something lasted or took."""
    return bool(_HOW_LONG.search(question))


_HOW_MUCH_COMPARED = re.compile(
    r"\bhow\s+much\s+(?:cheaper|costlier|dearer|bigger|larger|higher|lower|smaller|faster|slower|greater|stronger|"
    r"weaker|better|worse|more|less|fewer|longer|shorter)\b",
    re.IGNORECASE,
)


def asks_difference(question: str) -> bool:
    """Whether the question asks by how much two things differ ("How much cheaper is energy in
    China than in the US?")."""
    return bool(_HOW_MUCH_COMPARED.search(question))


def asks_age(question: str) -> bool:
    """Whether the question asks how old someone or something is ("How old is Huang?")."""
    return bool(re.match(r"\s*how\s+old\b", question, re.IGNORECASE))


# "When did the regulator wrap up its probe?", "What did the administration conclude about ...?":
# the end of something is asked for (not "the quarter that ended", nor "Did Trump end up ...").
_ASKS_COMPLETION = re.compile(
    r"\b(?:did|does|do|has|have|had)\s+[^?]{1,80}?\s+(?:wrap\s+up|conclude|finish|complete)\b", re.IGNORECASE
)


def asks_completion(question: str) -> bool:
    """Whether the question asks how or when something ended ("When did the probe conclude?")."""
    return bool(_ASKS_COMPLETION.search(question))


_HOW_MANY = re.compile(
    r"\bhow\s+many\s+((?:[\w'’-]+\s+){0,6}?)(?=(?:did|does|do|has|have|had|is|are|was|were|will|can|could|"
    r"would|of|to|in|on|at|for|from|by|with)\b)",
    re.IGNORECASE,
)


# "How many people attended the first NVIDIA Developer Conference ...": the subject counted,
# then its verb, with no auxiliary near enough for _HOW_MANY.
_HOW_MANY_THEN_VERB = re.compile(r"\b(?i:how\s+many)\s+((?:[\w'’-]+\s+){1,4}?)(?=[a-z-]+ed\b)")  # not "United"

# "What figure did Huang give for the number of Blackwell chips mass-produced ...".
_NUMBER_OF = re.compile(
    r"\bnumber\s+of\s+((?:[\w'’-]+\s+){1,4}?)(?=[a-z-]+ed\b|(?:in|on|at|by|so|that|did|does|was|were)\b)"
)

# Counted nouns are plural; these are plural without an -s.
_PLURALS = frozenset(["people", "police", "staff", "personnel", "children", "men", "women"])


def counted(question: str) -> list[str]:
    """What a "How many ..." question (or one asking "the number of ...") counts, its plural
    nouns: ["units"] in "How many units of its AI chips did ...", ["licenses"] in "How many new
    export licenses ...", ["officials", "police"] in "How many Hong Kong officials and police
    did ...", ["chips"] in "What figure did Huang give for the number of Blackwell chips ..."."""
    match = _HOW_MANY.search(question) or _HOW_MANY_THEN_VERB.search(question) or _NUMBER_OF.search(question)
    if not match:
        return []
    return [
        w
        for w in match.group(1).split()
        if w.islower()
        and w.isalpha()
        and w != "times"  # "How many times": occasions, counted by "his third trip" as well
        and (w in _PLURALS or (w.endswith("s") and not w.endswith("ss")))
    ]


# A stock, as questions and articles name it (not the stock market).
STOCK = r"(?:stocks?(?!\s+market)|shares|share\s+prices?|market\s+(?:value|capitali[sz]ation|cap))"
# "How did Nvidia's stock react to the earnings report?" asks how the price moved.
_STOCK_REACTION = re.compile(
    rf"\bhow\s+(?:did|do|does|has|have|had|was|were)\b[^?]*\b{STOCK}\b"
    r"[^?]*\b(?:react|reacted|respond|responded|fare|fared|perform|performed|move|moved|trade|traded)\b"
    rf"|\bwhat\s+(?:has\s+|have\s+)?(?:happened|happens)\s+(?:to|with)\s+(?:[\w'’.-]+\s+){{0,3}}?{STOCK}\b"
    # "How far did Nvidia's stock fall ...", "By how much did its shares drop?"
    rf"|\bhow\s+(?:far|much|sharply|steeply|badly)\s+(?:did|do|does|has|have|had)\s+(?:[\w'’.-]+\s+){{0,3}}?{STOCK}\s+"
    rf"(?:{'|'.join(sorted(MOVES))})\b",
    re.IGNORECASE,
)


def asks_stock_move(question: str) -> bool:
    """Whether the question asks how a stock moved, in whatever words ("react", "fare")."""
    return _STOCK_REACTION.search(question) is not None


# "What share of TSMC's revenue came from Qualcomm?", "How much of it does Qualcomm account for?":
# the part of a whole that a figure is asked for.
_PART_OF = re.compile(
    r"\b(?:percentage|percent|share|proportion|portion|fraction|slice|much)\s+of\b[^?]*?"
    r"(?:\b(?:came|come|comes|coming|was|were|is|are)\s+(?:from|contributed\s+by|generated\s+by)\s+(?P<source>[^?,;]+)"
    r"|\b(?:does|did|do)\s+(?P<owner>[^?,;]+?)\s+(?:account|make\s+up|contribute|represent)\b)",
    re.IGNORECASE,
)
# Where the part's name ends: "from China when asked ...", "from Nvidia as a customer".
_PART_ENDS = re.compile(r"\s+(?:in|as|when|according|during|for|at|on|by|after|before|since|per)\b.*", re.IGNORECASE)
_PART_WORDS = frozenset(["its", "their", "the", "segment", "segments", "business", "division", "unit", "customer"])


def part_asked(question: str) -> str | None:
    """The part of a whole a figure is asked for: "smartphones" in "What share of TSMC's revenue
    came from smartphones?", "Qualcomm" in "What percentage of its revenue does Qualcomm account
    for?"; None when the question asks for no part."""
    match = _PART_OF.search(question)
    if not match:
        return None
    part = _PART_ENDS.sub("", match.group("source") or match.group("owner"))
    # "... did Kress say China would account for": the part is what was said to account.
    part = re.split(rf"\b{_SAYING}\b", part)[-1]
    part = re.sub(r"\s+(?:would|will|could|might|may|can|should)$", "", part.strip())
    words = [w for w in part.split() if w.lower() not in _PART_WORDS]
    return " ".join(words) or None


_NEGATION = re.compile(
    r"\b(?:not|never|no|without|cannot|refus\w*|declin\w*|fail\w*|turn\w* down|absent|skip\w*|miss\w*|stop\w*)\b"
    r"|n['’]t\b",
    re.IGNORECASE,
)


def negated(question: str) -> bool:
    """Whether a question asks about something not done: "Why did Trump not attend ...", "Why
    didn't ...", "Why did Huang turn down ...". A negation in a relative clause ("a bill that
    would not let Nvidia sell") describes something else."""
    main_clause = re.split(r"\b(?:that|which|who)\b", question, maxsplit=1)[0]
    return bool(_NEGATION.search(main_clause))


_QUARTER = re.compile(r"\b(first|second|third|fourth)[\s-]+quarter\b|\bQ([1-4])\b", re.IGNORECASE)

_ORDINAL_NUMBER = {"first": "1", "second": "2", "third": "3", "fourth": "4"}

YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def periods(text: str) -> tuple[set[str], set[str]]:
    """The quarters ("Q2", "second quarter" -> "2") and years a text names."""
    quarters = {m.group(2) or _ORDINAL_NUMBER[m.group(1).lower()] for m in _QUARTER.finditer(text)}
    return quarters, set(YEAR.findall(text))


def asked_topic(question: str) -> str:
    """What a question about someone's words asks them to have spoken about: "about AMD's
    prospects in China" in "What did Moorhead say about AMD's prospects in China?"."""
    match = _SAID_QUESTION.search(question)
    return question[match.end() :] if match else ""


CIRCUMSTANCE = re.compile(r",|\b(?:when|while|during|with|in|at|after|before|since|to|for|from)\b")
# A time or place set mid-question, up to the next comma: "during his Beijing trip", "at the
# Washington developer conference", "when asked about ...".
_SETTING = re.compile(r"(?<=\s)(?i:during|while|when|at)\s+[^,?;]*")


def without_setting(question: str) -> str:
    """The question without the times and places it sets: "Who did Huang call brilliant?" of
    "... during his Beijing trip?" (the trip's place need not be named beside the person, nor
    the conference beside the figure Huang gave at it)."""
    return " ".join(_SETTING.sub(" ", question).split())


_SPEAKER_NAME = re.compile(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*")


# "What did the Cyberspace Administration of China conclude ...": a named subject, then its verb.
_NAMED_SUBJECT_VERB = re.compile(
    r"^\s*(?i:what)\s+(?i:did|does|do|has|have|had)\s+(?:the\s+)?"
    r"(?:[A-Z][\w.&-]*(?<!['’]s)\s+(?:(?:of|and|&|for)\s+(?=[A-Z]))?)+(?P<verb>[a-z]+)\b"
)

# "Who did Huang meet ...", "Which officials did Jensen meet with ...".
_DONE_TO_WHOM = re.compile(
    r"^\s*(?i:whom?\s+|which\s+(?:[\w'’-]+\s+){1,4}?)(?i:did|does|do|has|have|had)\s+(?:the\s+)?"
    r"(?:[A-Z][\w.&-]*(?<!['’]s)\s+)+(?P<verb>[a-z]+)\b"
)


# (Tried with any verb: "which forum did huang speak at" lost its "attended the Hill & Valley
# Forum", and "give kudos to" its praise.)
_MEETING_VERBS = frozenset(["meet", "visit", "host", "see", "call", "phone"])


def verb_done_to_whom(question: str) -> str | None:
    """The verb of "Who did <Name> meet ...": "meet" in "Who did Huang meet in July?", which a
    sentence naming the people he met answers, not one saying he travelled."""
    match = _DONE_TO_WHOM.match(question)
    return match.group("verb") if match and match.group("verb") in _MEETING_VERBS else None


# Verbs that ask nothing of their own: "What did Nvidia do", "What did Huang get".
_EMPTY_VERBS = frozenset(["do", "get", "have", "make", "see", "mean", "want", "need", "put", "take"])


# "Who funds the council ...", "Who succeeded Wen Zhenbang ...": the person asked for does that.
# Not "-ss" or "-us" ("Who across ...", "Who among various ..."): no verbs end so.
_WHO_VERB = re.compile(
    r"\s*(?i:who)\s+(?:(?:currently|actually|really|first|now|later)\s+)?(?P<verb>[a-z]{2,}(?:[^su]s|ed))\b"
)
# Words after "who" that end like a verb but are none: "Who besides Huang ...", "Who always ...".
_NOT_VERBS = frozenset(["always", "perhaps", "besides", "sometimes", "plus", "thus", "towards", "afterwards", "this"])
# "Who seems to ...", "Who believes ...": a state or an opinion, not a deed a quote must name.
_STATE_VERBS = frozenset(["seem", "appear", "become", "remain", "believe"])


def asked_verb(question: str) -> str | None:
    """The verb of "What did <Name> <verb> ..." or "Who <verb>s ...", when it is the thing
    asked about: what the Cyberspace Administration "concluded" is not that it questioned
    Nvidia, and who "fronts" a council does not answer who "funds" it. Verbs of saying are the
    speaker's (see ``asked_speaker``)."""
    who = _WHO_VERB.match(question)
    if who and who.group("verb") not in _AUXILIARIES | _NOT_VERBS:
        verb = who.group("verb")
        # "says", "warns", "argues", "gets", "seems": judged by their plain form.
        plain = {verb, verb[:-1], verb[:-2], verb.removesuffix("ed"), verb.removesuffix("d")}
        if not any(form in _EMPTY_VERBS | _STATE_VERBS or _SAYING_VERB.fullmatch(form) for form in plain):
            return verb
        return None
    match = _NAMED_SUBJECT_VERB.match(question)
    if match is None or asked_speaker(question):
        return None
    verb = match.group("verb")
    if verb in _EMPTY_VERBS or verb in QUESTION_WORDS or _SAYING_VERB.fullmatch(verb):
        return None
    return verb


_POST_THEN_NAME = re.compile(r"[A-Z]\w+ of (?:[A-Z]\w+ ){1,3}[A-Z][\w'’-]+")


def asked_speaker(question: str) -> str | None:
    """The person a question asks the words of: "What did TSMC chairman Wei Zhejia say ..." ->
    "Wei Zhejia"; "What did Xiaomi CEO Lei Jun say" -> "Xiaomi CEO Lei Jun" (the surname, last,
    is what is looked for)."""
    match = _SAID_QUESTION.search(question)
    if not match or asked_title(question):
        return None  # no speaker, or one known by a post ("the Minister of Foreign Affairs"): see asked_title
    if match.group("whose"):
        return match.group("whose")
    if match.group("yes"):
        return match.group("yes")
    if re.fullmatch(r"\s*(?:[A-Z][\w-]*\s+){0,2}[A-Z][\w-]*['’]s\s*", match.group("who")):
        # "How has Trump's view of Huang changed": his view is what he said of Huang.
        return re.sub(r"['’]s\s*$", "", match.group("who").strip())
    if re.search(r"\b(?:after|when|since|before|because|while|if|do|does|did)\b", match.group("who")):
        return None  # "What did Nvidia do after Trump said ...": a clause, not a speaker
    # The name is the last capitalised run before any aside ("X, president of Y," / "X of Y").
    head = re.split(r",|\s+(?:of|from|at|in|with)\s+", match.group("who"))[0]
    whole = match.group("who").split(",")[0]
    if head.lower() in _TITLES and _POST_THEN_NAME.fullmatch(whole):
        return whole  # "Secretary of State Rubio": the post's own "of", and the name after it
    runs = _SPEAKER_NAME.findall(re.split(r"['’]s\s+", head)[-1])  # "Nvidia's CFO": the CFO
    if not runs or len(head.split()) > 8 or runs[-1].isupper():
        return None  # no name, a clause rather than a name, or a bare title ("Nvidia's CFO")
    return runs[-1]


def speaker_as_asked(speaker: str, question: str) -> str:
    """The speaker as the question names them, for telling the user: "Stand with Hong Kong", not
    the "Stand" matched before "with"; "the Chinese foreign ministry", not "Chinese"."""
    # From the speaker (and a "the" before it) up to the verb of saying, within one clause.
    match = re.search(rf"(?:\b(?i:the)\s+)?\b{re.escape(speaker)}(?:\s+[\w'’-]+)*?(?=\s+{_SAYING}\b)", question)
    return match.group() if match else speaker


# People known by their post, not their name: "What did the chair of the committee say ...".
_POSTS = """chair chairman chairwoman chairperson spokesperson spokesman spokeswoman ceo cfo cto president
minister secretary head director chief founder co-founder official officials regulator regulators lawmaker
lawmakers senator senators analyst analysts executive executives ambassador governor commissioner premier
representative"""
_TITLES = frozenset(_POSTS.split())

# Nouns for people in a group: "Which members of Congress ..." asks for people, not for their
# committee. (Not single posts, as in _TITLES: "Which Energy Secretary ..." is answered by
# "Energy Secretary Chris Wright", whose post the question already gives.)
PEOPLE_NOUNS = frozenset(
    """official officials member members executive executives analyst analysts congressman congressmen
    lawmaker lawmakers senator senators spokesperson spokesman spokeswoman leader leaders officer officers
    founder founders minister ministers representative representatives politician politicians legislator
    legislators regulator regulators diplomat diplomats individuals exec execs employees staffers""".split()  # noqa: SIM905
)


# "Which two big tech firms ...", "Who were the two ringleaders ...": so many names asked for at
# once. Only for classes answered by names; "Which two areas did Huang single out" is answered by
# "AI chip design and ...", no names at all.
_COUNT_ASKED = re.compile(r"\b(?:which|what|name\s+the|who\s+(?:are|were)\s+the)\s+(two|three|2|3)\b", re.IGNORECASE)
_COUNTS = {"two": 2, "three": 3, "2": 2, "3": 3}
# Companies in the plural are more than one: "Which big tech firms backed the bill?" (not
# "names", which asks for the names of anything: "What are the names of Huawei's chip ...").
_COMPANIES = frozenset("companies firms giants rivals cos players outfits heavyweights hyperscalers brands".split())  # noqa: SIM905
_NAMED_CLASSES = (
    PEOPLE_NOUNS
    | _COMPANIES
    | frozenset("company names groups organisations organizations ringleaders figures people activists".split())  # noqa: SIM905
)
_WHICH = re.compile(r"\b(?:which|what)\b", re.IGNORECASE)


def names_counted(question: str) -> int:
    """How many names a "Which two <class> ..." or "Which <companies> ..." question asks for
    together (0 when it does not ask for several names)."""
    match = _COUNT_ASKED.search(question)
    if match:
        asked_for = word_tokens(question[match.end() :])[:6]
        return _COUNTS[match.group(1).lower()] if _NAMED_CLASSES.intersection(asked_for) else 0
    which = _WHICH.search(question)
    if which and asked_type(question) in ("identity", "name"):
        return 2 if _COMPANIES.intersection(word_tokens(question[which.end() :])[:5]) else 0
    return 0


def is_post(word: str) -> bool:
    """Whether ``word`` names a post ("President", "CEO"), not a person."""
    return word.lower() in _TITLES or word.isupper()


_TITLED_QUESTION = re.compile(
    r"^\s*(?i:what|how)\s+(?i:exactly\s+)?(?i:did|does|do|has|have|had)\s+"
    rf"(?i:the|a|an|its|their|his|her)\s+(?P<who>[^?]{{0,80}}?)\s+{_SAYING}\b"
)


# A post's other names: the chair is the chairman (word embeddings put every post near every
# other: "chairman" is as close to "CEO" as to "chair"). Initials are read spelled out ("CFO" as
# "Chief Financial Officer") where posts are matched.
_SAME_TITLE = (
    frozenset(["chair", "chairman", "chairwoman", "chairperson"]),
    frozenset(["spokesperson", "spokesman", "spokeswoman"]),
    frozenset(["official", "officials", "regulator", "regulators"]),
    frozenset(["lawmaker", "lawmakers", "senator", "senators", "representative"]),
    frozenset(["executive", "executives"]),
)


def title_words(title: str) -> frozenset[str]:
    """The words that name the post ``title``: "chair" -> chair, chairman, chairwoman, ..."""
    title = title.lower()
    return frozenset([title]).union(*(family for family in _SAME_TITLE if title in family))


def asked_title(question: str) -> str | None:
    """The post of a speaker asked about by post alone: "What did the chair of the House Foreign
    Affairs Committee say ..." -> "chair". Someone else's words do not answer it."""
    match = _TITLED_QUESTION.match(question)
    if not match:
        return None
    return next((w for w in match.group("who").split() if w.lower() in _TITLES), None)


def title_holder(question: str) -> list[str]:
    """The names around a post asked about, whose post it is: ["Nvidia"] for "What did the CEO
    of Nvidia say ...", ["House", "Foreign", "Affairs", "Committee"] for "the chair of the House
    Foreign Affairs Committee"."""
    match = _TITLED_QUESTION.match(question)
    if not match or not asked_title(question):
        return []
    return [unpossessed(w) for w in re.findall(r"\b[A-Z][\w.&'’-]*", match.group("who")) if w.lower() not in _TITLES]


def with_parts(words: list[str], keep_compounds: bool = True) -> list[str]:
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


_QUARTER_NAMES = {number: name for name, number in _ORDINAL_NUMBER.items()}


def spell_quarters(text: str) -> str:
    """ "Q3" as the articles mostly write it, "third quarter"; "FQ3" as "fiscal third quarter"."""
    return re.sub(
        r"\b([Ff])?[Qq]([1-4])\b",
        lambda m: f"{'fiscal ' if m.group(1) else ''}{_QUARTER_NAMES[m.group(2)]} quarter",
        text,
    )


_MONTH_ABBREVIATIONS = {month[:3].lower(): month for month in MONTHS.split("|")} | {"sept": "September"}
_SHORT_MONTH = "|".join(sorted(_MONTH_ABBREVIATIONS, key=len, reverse=True))
# Only beside a day or a year ("apr 17", "17 apr", "oct 2025"): "mar" and "dec" are words too.
_ABBREVIATED_MONTH = re.compile(
    rf"\b(?i:(?P<before>{_SHORT_MONTH}))\.?(?=\s+(?:\d{{1,2}}(?:st|nd|rd|th)?|(?:19|20)\d\d)(?![-%.,]?\w|%))"
    rf"|(?<![\d.,$])(?P<day>\b\d{{1,2}}(?:st|nd|rd|th)?\s+)(?i:(?P<after>{_SHORT_MONTH}))\b(?![-’'])\.?"
)

_COMPARED = re.compile(
    r"\b(?i:compare[sd]?|comparison)\s+(?i:with|to|against)\s+(?:(?i:the)\s+)?([A-Z][\w.'’-]*(?:\s+[A-Z0-9][\w.'’-]*)*)"
)


def compared_with(question: str) -> str | None:
    """The name a comparison is with, by its last word ("H20" for "How does the CloudMatrix
    384's performance compare with Nvidia's H20?", "Huawei" for "... compare with Huawei's?"),
    or "United States" whole ("States" alone would be found in "stated")."""
    match = _COMPARED.search(question)
    if not match:
        return None
    name = match.group(1).rstrip("?.")
    return "United States" if name.endswith("United States") else unpossessed(name.split()[-1])


# Alone, only the short months that are no words or names ("nvda mkt cap in feb"; not "jan" or
# "jun", as in "lei jun"), typed in lower case.
_LONE_MONTH = re.compile(r"(?<![-’'])\b(feb|apr|jul|aug|sept|oct|nov)\b\.?(?![-’'])")


def _contraction_spelled(match: re.Match[str]) -> str:
    # "who's met Huang", "what'd happened": before a participle the verb is "has"/"had".
    word, ending = match.group(1), match.group(2).lower()
    participle = _PARTICIPLE.match(match.string, match.end())
    verb = {"s": "has", "d": "had"}.get(ending) if participle else _CONTRACTED[match.group().lower()][1]
    return f"{word} {verb}"


_PARTICIPLE = re.compile(
    r"\s+(?:been|gone|done|got|gotten|seen|made|met|won|lost|said|told|left|sold|bought|paid|spent|taken|given|"
    r"known|shown|written|grown|fallen|risen|\w+ed)\b",
    re.IGNORECASE,
)
_UNMARKED_CONTRACTION = re.compile(r"\b((?i:what|who))s\b")
_CONTRACTION = re.compile(r"\b((?i:what|who|which|where|when|why|how))['’]((?i:s|d|re))\b")
# Idioms in the articles' plain words, which WordNet's single-word synonyms cannot give: "sit
# down with" is "meet with", a company "flags" a charge it warns of. (Tried: "walk back" a remark
# as "clarify" it, which quoted Huang's clarification for the figure of his post on X; and
# "stateside" as "in the US", which moved nothing.)
_IDIOMS = (
    (
        re.compile(r"\b(?P<verb>sit|sat|sits|sitting)\s+down\s+(?=w(?:ith|/)?\b)", re.IGNORECASE),
        {"sit": "meet ", "sat": "met ", "sits": "meets ", "sitting": "meeting "},
    ),
    # A verb after its subject ("did AMD flag", "AMD flagged"), not "its first official flag".
    (
        re.compile(
            r"(?P<pre>\b(?i:did|does|do|will|would)\s+(?:[\w'’.-]+\s+){1,3}?|\b[A-Z][\w-]*\s+)"
            r"(?P<verb>(?i:flag|flagged|flags|flagging))\b"
        ),
        {"flag": "warn of", "flagged": "warned of", "flags": "warns of", "flagging": "warning of"},
    ),
    # A company's "bottom line" is its net profit. (Tried: its "top line" as its revenue, which
    # answered more, but also "How explosive was Cambrian's Q1 top-line growth?" with a sentence
    # on its first profit: a question about growth, with no figure type, is judged loosely.)
    (re.compile(r"\b(?P<verb>bottom)[\s-]line\b", re.IGNORECASE), {"bottom": "net profit"}),
    # "pass the hat" is to ask for money, "throw one's weight behind" to back: in the articles'
    # words, a crowdfunding drive and support.
    (
        re.compile(r"\b(?P<verb>pass|passed|passes|passing)\s+the\s+hat\b", re.IGNORECASE),
        {"pass": "crowdfund", "passed": "crowdfunded", "passes": "crowdfunds", "passing": "crowdfunding"},
    ),
    # What "sets Nvidia back" is what it costs it.
    (
        re.compile(
            r"\b(?P<verb>set|sets|setting)\s+(?:it|them|him|us|the\s+company|nvidia|nvda|amd)\s+back\b",
            re.IGNORECASE,
        ),
        {"set": "cost", "sets": "costs", "setting": "costing"},
    ),
    # To "turn up" or "show up" at an event is to attend it.
    (
        re.compile(
            r"\b(?P<verb>turn|turns|turned|turning|show|shows|showed|shown|showing)\s+up\s+(?:at|to|for)\s+",
            re.IGNORECASE,
        ),
        {
            "turn": "attend ",
            "turns": "attends ",
            "turned": "attended ",
            "turning": "attending ",
            "show": "attend ",
            "shows": "attends ",
            "showed": "attended ",
            "shown": "attended ",
            "showing": "attending ",
        },
    ),
    (
        re.compile(
            r"\b(?P<verb>throw|threw|thrown|throws|throwing)\s+(?:their|its|his|her|our|the)\s+weight\s+behind\b",
            re.IGNORECASE,
        ),
        {
            "throw": "support",
            "threw": "supported",
            "thrown": "supported",
            "throws": "supports",
            "throwing": "supporting",
        },
    ),
)


# Shorthand typed in chat, in the articles' words.
_SHORTHAND = {
    "govt": "government",
    "gov't": "government",
    "mgmt": "management",
    "yr": "year",
    "yrs": "years",
    "yoy": "year-over-year",
    "y/y": "year-over-year",
    "YoY": "year-over-year",  # as analysts capitalise it (and the two below); matched as typed
    "YOY": "year-over-year",
    "Y/Y": "year-over-year",
    "pct": "percent",
    "bn": "billion",
    "mln": "million",
    "qtr": "quarter",
    "qtrs": "quarters",
    "mkt": "market",
    "cmte": "committee",
    "approx": "approximately",
    "perf": "performance",
    "ppl": "people",
    "nvda": "Nvidia",  # its ticker, and the other tickers the articles' companies trade under
    "amzn": "Amazon",
    "msft": "Microsoft",
    "NVDA": "Nvidia",  # tickers as traders type them, matched as typed
    "NV": "Nvidia",  # the trade's shorthand (not "nv": too short to be sure of in lower case)
    "AMZN": "Amazon",
    "MSFT": "Microsoft",
    "rev": "revenue",
    "revs": "revenues",
    "rn": "right now",
    "incl": "including",
    # Newsroom and policy shorthand: a conference, a spokesperson, a secretary (lower case only:
    # "SEC" is the regulator), the U.S. government, China.
    "conf": "conference",
    "spox": "spokesperson",
    "sec": "secretary",
    "USG": "U.S. government",
    "CN": "China",
    # Names as the trade writes them, for the articles' own: the articles write "Cambrian" for
    # the chip maker Cambricon, and spell out the regulator.
    "cambricon": "Cambrian",
    "Cambricon": "Cambrian",
    "samr": "State Administration for Market Regulation",
    "SAMR": "State Administration for Market Regulation",
    "hk": "Hong Kong",
    "bc": "because",
    "abt": "about",
    "gonna": "going to",
    "wanna": "want to",
    # Negations typed without the apostrophe: "why didnt nvidia land big orders".
    "didnt": "did not",
    "doesnt": "does not",
    "dont": "do not",
    "isnt": "is not",
    "wasnt": "was not",
    "werent": "were not",
    "arent": "are not",
    "hasnt": "has not",
    "havent": "have not",
    "hadnt": "had not",
    "cant": "cannot",
    "wont": "will not",
    "couldnt": "could not",
    "wouldnt": "would not",
    "shouldnt": "should not",
}
# Lower case only ("BC", "Rev." are other things), and not glued to a figure ("HK$500").
_SHORTHAND_WORD = re.compile(rf"\b(?:{'|'.join(re.escape(word) for word in _SHORTHAND)})\b(?![$\d])")


_PERCENT_IN_WORDS = re.compile(r"\b(\d[\d.,]*)\s*(?:percent|per\s+cent|pct)\b", re.IGNORECASE)
# "For what length of time", "how much time": how long, as the duration rules read it.
_LENGTH_OF_TIME = re.compile(
    r"\b(?:for\s+)?(?:what|which)\s+(?:length|span|stretch|period|amount)\s+of\s+time\b|\bhow\s+much\s+time\b",
    re.IGNORECASE,
)
_HALF_A_YEAR = re.compile(r"\bhalf(?:\s+a|-a)?[\s-]+year\b", re.IGNORECASE)
_DOLLARS_IN_WORDS = re.compile(
    r"(?<!\$)\b(\d[\d.,]*)(\s+(?:thousand|million|billion|trillion))?\s+(?:US\s+|U\.S\.\s+)?(?:dollars?|usd)\b",
    re.IGNORECASE,
)


# "fy2025", "FY 25": the articles write "fiscal 2025".
_FISCAL_YEAR = re.compile(r"\b(?i:fy)\s?((?:19|20)?\d\d)\b")


def _fiscal_year(match: re.Match[str]) -> str:
    year = match.group(1)
    if len(year) == 2:
        year = ("19" if int(year) >= 50 else "20") + year
    return f"fiscal {year}"


# A label before the question ("Confirm: what ...", "Fact check - who ..."): the question follows it.
_LABEL = re.compile(
    r"^\s*(?:(?:quick|fact|sanity)[\s-]+check|confirm|verify|question|q|fyi|re)(?:\s*:|\s+[-–—])\s*(?=\w)",
    re.IGNORECASE,
)


# A title before a name says nothing the name does not ("Mr Huang" is Huang), and the articles
# write China by its name, never as "the People's Republic".
_HONORIFIC = re.compile(r"\b(?:(?:Mr|Mrs|Ms|Mx|Dr|Messrs)\.?\s+(?=[A-Z])|(?:mr|mrs)\.?\s+(?=[a-z]))")
_PEOPLES_REPUBLIC = re.compile(
    r"(?<!Democratic\s)\b(?:the\s+)?People['’]s\s+Republic(?:\s+of\s+China)?\b(?!\s+of\s+(?!China))", re.IGNORECASE
)


def _in_plain_words(match: re.Match[str], plain: dict[str, str]) -> str:
    return (match.groupdict().get("pre") or "") + plain[match["verb"].lower()]


def spelled_out_question(text: str) -> str:
    """The question as the answerer reads it: months, contractions and chat shorthand spelled
    out ("who'd jensen meet on apr 17" as "who did jensen meet on April 17"), as the articles
    write them."""
    text = _LABEL.sub("", text)
    text = _HONORIFIC.sub("", text)
    text = _PEOPLES_REPUBLIC.sub("China", text)
    text = _FISCAL_YEAR.sub(_fiscal_year, text)
    text = _SHORTHAND_WORD.sub(lambda m: _SHORTHAND.get(m.group()) or _SHORTHAND[m.group().lower()], text)
    text = _PERCENT_IN_WORDS.sub(r"\1%", text)  # "63 percent": the articles write "63%"
    text = _LENGTH_OF_TIME.sub("how long", text)
    text = _HALF_A_YEAR.sub("six months", text)  # as the articles count it
    text = _DOLLARS_IN_WORDS.sub(lambda m: f"${m.group(1)}{m.group(2) or ''}", text)  # "$5.5 billion"
    text = _CONTRACTION.sub(_contraction_spelled, text)
    text = _UNMARKED_CONTRACTION.sub(r"\1 is", text)  # "whats the name ..."
    for idiom, plain in _IDIOMS:
        text = idiom.sub(functools.partial(_in_plain_words, plain=plain), text)
    text = _ABBREVIATED_MONTH.sub(
        lambda m: (m.group("day") or "") + _MONTH_ABBREVIATIONS[(m.group("before") or m.group("after")).lower()], text
    )
    return _LONE_MONTH.sub(lambda m: _MONTH_ABBREVIATIONS[m.group(1)], text)


# Where a remark before the question ends: a sentence's end (after a word of three letters or
# more, so not "U.S.", "Mr.", "No." or "a.m."), a dash, a semicolon or a colon.
_REMARK_END = re.compile(
    r"(?<=[a-z0-9)”\"'’]{3}[.!?])\s+(?=[A-Z\"“'‘])|(?<=[)”\"'’][.!?])\s+(?=[A-Z\"“'‘])"
    r"|\s+[—–]\s+|\s+-{1,2}\s+|;\s+|:\s+(?=[a-z])"
)
# A part that asks opens with its question word ("... — so which gathering was it?"), not one
# that only has a relative "which" inside ("I heard it collapsed, which hurt Nvidia").
_ASKING = re.compile(
    r"\s*(?:(?i:so|and|but|then|now|ok|okay|well)\b[,\s]*)?"
    # "For the three months ending late October, what ...", "In which state ...".
    r"(?:(?i:in|at|on|by|for|from|to|of|with|during|after|before|since|according\s+to)\s+(?:[^,?;]{1,80},\s*)?)?"
    r"(?i:what|which|who|whom|whose|when|where|why|how|did|does|do|is|are|was|were|has|have|had|can|could|will|would)\b"
)
_ASKED_WORDS = 2  # fewer, and the remark before names what "it" is: "— which year was that?"


def asked_part(question: str) -> str:
    """The question without the remarks before it: "I spent forty years around engineers — so
    what fraction of AI scientists did he say hail from China?" asks only its last part. The
    remarks stay when the part that asks has too few words of its own to say what about, or
    refers back ("its", "he") to something only the remarks name. A remark after the question
    mark goes too, unless it names something the question does not."""
    question = question.strip()
    ends = list(_REMARK_END.finditer(question))
    starts = [0, *(end.end() for end in ends)]
    dashed = [False, *(bool(re.search("[—–-]", end.group())) for end in ends), False]
    asking = next(
        (
            i
            for i in range(len(starts) - 1, 0, -1)
            if _ASKING.match(_part(question, starts, i))
            and not (dashed[i] and dashed[i + 1])  # "When did Nvidia — which makes the H20 — stop ...?"
        ),
        0,
    )
    while asking > 0 and len(content_words(question[starts[asking] :])) < _ASKED_WORDS:
        asking -= 1
    if asking and _REFERS_BACK.search(question[starts[asking] :]) and _names_more(question[: starts[asking]], question):
        return question  # "About AMD — by how much did its stock price fall?": the remark says whose
    asked = re.sub(r"^(?i:so|and|but|now|well|anyway|ok|okay|then)\b(?![-'’])[,\s]*", "", question[starts[asking] :])
    asked = _without_remark_after(asked)
    return asked if re.search(r"[^\W\d_]", asked) else question


# After the question mark, a sentence that does not ask: "Host says 355 million yuan.", "Need it
# for our memo." It says what the asker has or wants it for, not what is asked.
_REMARK_AFTER = re.compile(r"(?<=\?)\s+(?=[A-Z\"“'‘])(?P<remark>[^?]*)$")


def _without_remark_after(question: str) -> str:
    found = _REMARK_AFTER.search(question)
    if not found or _ASKING.match(found.group("remark")):
        return question
    asked = question[: found.start()]
    if len(content_words(asked)) < _ASKED_WORDS or _names_more(
        found.group("remark"), f"{found.group('remark')} {asked}"
    ):
        return question
    return asked


_REFERS_BACK = re.compile(r"\b(?i:it|its|he|him|his|she|her|they|them|their|this|that|these|those)\b")


def _names_more(remark: str, question: str) -> bool:
    """Whether the remark names someone or something (a capitalised word other than a
    sentence's first, "I" or a month) that the rest of the question does not."""
    rest = set(word_tokens(question[len(remark) :]))
    return any(
        unpossessed(found.group().lower()) not in rest
        for found in re.finditer(r"\b[A-Z][\w'’-]*", remark)
        if not re.fullmatch(r"I(?:['’]\w+)?", found.group())
        and not CALENDAR_WORD.fullmatch(found.group())
        and not re.search(r"(?:^|[.!?]\s+)[\"“'‘]?$", remark[: found.start()])  # a sentence's first word
    )


def _part(text: str, starts: list[int], i: int) -> str:
    return text[starts[i] : starts[i + 1] if i + 1 < len(starts) else len(text)]


def content_words(text: str) -> list[str]:
    """The words of ``text`` that say what it is about."""
    return [w for w in word_tokens(text) if w not in QUESTION_WORDS]
