"""What a sentence states, as far as answering needs to know: whether it gives a figure, a
date or a reason, names someone new, hedges ("is considering"), reports speech, or is about
another quarter or year than the question.
"""

from __future__ import annotations

import itertools
import re

from bot.corpus import word_tokens
from bot.question import (
    CALENDAR_WORD,
    MONTH_DAY,
    MONTHS,
    NUMERIC_DATE,
    PEOPLES_OF,
    PLACES_OF,
    QUESTION_WORDS,
    STOCK,
    WEEKDAYS,
    YEAR,
    periods,
    unpossessed,
    with_parts,
)

# Lower case only: "States" in "the United States" is no verb of saying; nor is "so-called".
SPEECH_VERB = re.compile(
    r"(?<![-‑–])\b(?:said|says|stated|states|told|tells|warned|warns|added|adds|noted|notes|emphasi[sz]ed|"
    r"stressed|argued|claimed|claims|believes|believed|mentioned|pointed out|responded|replied|revealed|"
    r"admitted|joked|described|describes|called|calls|calling|urged|urges|hoped|hopes|wrote|writes|"
    r"commented|analy[sz]ed|expressed|explained|(?i:according to)|remarked|boasted|lauded|praised|insisted|"
    r"predicted|conveyed|view)\b"
)


def opens_quotation(text: str) -> bool:
    """More quotations opened than closed (curly marks, or an odd number of straight ones)."""
    return text.count("“") > text.count("”") or text.count('"') % 2 == 1


OPENING_QUOTE = re.compile(r"[“\"]")  # a straight mark may close too: pair them by position

# Not after a lone capital: "the U.S. Capitol" goes on.
SENTENCE_END = re.compile(r"(?<!\b[A-Z])[.!?][”\"]?\s+[A-Z“\"]")

_NUMBER_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
    r"eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
)

_MAGNITUDES = ("hundred", "thousand", "million", "billion", "trillion")
_MAGNITUDE = "|".join(_MAGNITUDES)

_FIGURE = re.compile(
    # Not a model number: "F-35", "H-20".
    rf"(?<![A-Za-z\d])(?<![A-Za-z]-)\d|\b(?:(?:{_MAGNITUDE})s?|half|dozens?|once|twice|several|{_NUMBER_WORDS})\b",
    re.IGNORECASE,
)

# Days ("May 13", "from May 13 to 16") and years.
_CALENDAR_NUMBER = re.compile(
    rf"\b(?:{MONTHS})\s+\d{{1,2}}(?:\s*(?:to|-|–|and)\s*\d{{1,2}}\b(?!\s*(?:%|per\s?cent|{_MAGNITUDE})))?\b"
    r"|\b(?:19|20)\d\d\b"
)


# A name with its small joining words, which an acronym of the whole name spells: "Stand with
# Hong Kong" is SWHK, "Department of Commerce" DOC (not "Apple and Intel" AI).
_NAME_WITH_JOINERS = re.compile(r"\b[A-Z][\w'’-]*(?:\s+(?:(?:with|of|for|and|on)\s+)?[A-Z][\w'’-]*)+")


def spelled_out(acronym: str, text: str) -> bool:
    """Whether ``text`` spells ``acronym`` out: "EU" as "European Union", "CFO" inside "Chief
    Financial Officer Colette Kress", "SWHK" as "Stand with Hong Kong"."""
    if len(acronym) < 2:
        return False
    for name in _NAME_WITH_JOINERS.findall(text):
        words = name.split()
        capitals = "".join(word[0] for word in words if word[0].isupper())
        if len(capitals) < len(words):  # joined: the acronym is the whole run's ("SWHK", "DOC")
            if acronym == "".join(word[0] for word in words).upper():
                return True
        elif acronym in capitals:  # "CFO" inside "Chief Financial Officer Colette Kress"
            return True
    return False


# Each hedge by its root, so "considering" in the quote matches "consider" in the question.
_HEDGE = re.compile(
    r"\b(consider|(?-i:may)|might|could|would|plan|expect|want|hope|urg|call(?:s|ed|ing)? on|propos|seek|sought|"
    r"reportedly|possibl|likely|intend)\w*",
    re.IGNORECASE,
)
_FUTURE = re.compile(r"\b(will)\b", re.IGNORECASE)
_ASKS_WHAT_HAPPENED = re.compile(r"\b(?:did|was|were|has|have)\b", re.IGNORECASE)
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")


def hedges(question: str, quote: str) -> bool:
    """Whether the quote only considers, wants or expects what a question asks happened: "the
    US is considering easing restrictions" does not say it eased them, nor does "Huang will
    accompany Trump to APEC" say whom he met there. Hedges the question itself uses ("a bill
    that may restrict ...", "Did the US consider ...") do not count, nor do words inside a
    quotation (the speaker's own "I hope")."""
    if re.search(r"\b(?:say|said|claim|claimed|tell|told|think|thought|mention|mentioned)\b", question, re.IGNORECASE):
        return False  # "Did Huang claim ...?": what he claimed is the answer, hedged or not
    asked = {m.group(1).lower() for m in _HEDGE.finditer(question)}
    quote = _QUOTED.sub(" ", quote)
    hedging = list(_HEDGE.finditer(quote))
    if _ASKS_WHAT_HAPPENED.search(question):
        hedging += _FUTURE.finditer(quote)
    return any(
        m.group(1).lower() not in asked
        # Not in a relative clause: "a bill that may further restrict" describes the bill.
        and not re.search(r"\b(?:that|which|who)\s+(?:\w+\s+)?$", quote[: m.start()])
        # Nor what a feeling is about: "expressed optimism about the possibility of a possible
        # agreement" hedges the agreement, not that he expressed it.
        and not re.search(r"\b(?:about|of)\s+(?:the\s+|a\s+|an\s+)?$", quote[: m.start()])
        for m in hedging
    )


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")

_ORDINAL_WORDS = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"

# An ordinal of an occasion: "his third trip", "the second time", "her first visit to".
_OCCASION = re.compile(
    rf"\b({_ORDINAL_WORDS})\s+(?:time|trip|visit|journey|tour|meeting)s?\b",
    re.IGNORECASE,
)


# A numbered document is no quantity: "Announcement [2020] No. 16"; nor a stock's code,
# "Cambrian (SHA: 688256)".
_SERIAL_NUMBER = re.compile(r"\bNo\.\s?\d+\b|\((?:[A-Z]{2,6}):\s?\d+\)")


def _figures(text: str) -> set[str]:
    """The quantities ``text`` states, each as its digits or number word, lower case."""
    text = _SERIAL_NUMBER.sub(" ", _CALENDAR_NUMBER.sub(" ", text))
    figures = set()
    for match in _FIGURE.finditer(text):
        number = _NUMBER.match(text, match.start())
        figures.add(number.group() if number else match.group().lower())
    return figures


# Of the number words, those that can say how much ("five billion dollars", "half"); "three
# months", "twice" only say how many.
_AMOUNT_WORDS = frozenset(["half", *_MAGNITUDES, *(f"{word}s" for word in _MAGNITUDES)])


# A sum lost or spent: "a loss of about $5.5 billion (about 40 billion yuan) in quarterly
# revenue", "would cost it $5.5 billion", "may lose $14 billion to $18 billion", "its market value
# has evaporated by more than 6 trillion yuan" (but "dropped by 63% to $3 billion" still gives $3 billion).
_FIGURE_LOST = rf"(?:[A-Z]{{0,3}}[$€£¥])?\d[\d,.]*\s*(?:%|percent\b|(?:{_MAGNITUDE})\b|yuan\b|dollars?\b)?"
_MONEY_LOST = rf"[A-Z]{{0,3}}[$€£¥]\d[\d,.]*\s*(?:{_MAGNITUDE})?"
_MONEY_RANGE_LOST = rf"{_MONEY_LOST}\s*(?:to|-|–)\s*{_MONEY_LOST}"
_LOSS_FIGURE = re.compile(
    r"\b(?:loss(?:es)?\s+of|los[et]s?|losing|lost|costs?\s+(?:it|them|the\s+company)|charges?\s+of|"
    r"write-?downs?\s+of|(?:evaporated|shr[au]nk|fell|dropped|declined|plunged|slid|wiped\s+out)\s+by)\s+"
    r"(?:about|around|approximately|nearly|almost|roughly|up\s+to|more\s+than|over|some)?\s*"
    rf"(?:{_MONEY_RANGE_LOST}|{_FIGURE_LOST})(?:\s*\([^)]*\))?"
    # "a projected $10 billion loss"
    rf"|(?:[A-Z]{{0,3}}[$€£¥])?\d[\d,.]*\s*(?:(?:{_MAGNITUDE})\s*)?(?:losse?s?|charges?|write-?downs?)\b",
    re.IGNORECASE,
)
_ASKS_LOSS = re.compile(
    r"\b(?:los[est]\w*|loss\w*|cost\w*|charges?|hit|impact\w*|damage\w*|write-?downs?|pa(?:y|id|ys)|spen[dt]\w*|"
    r"price\w*|drop\w*|fall|fell|declin\w*|shr[iu]nk\w*|wipe\w*|evaporat\w*)\b",
    re.IGNORECASE,
)


def gives_figure(text: str, question: str = "") -> bool:
    """Whether ``text`` states a quantity the question does not already give: a number other
    than a year or a day of the month ("since May 2020" gives no amount; "$57 billion", "62%",
    "14 officials" do). "How much has Nvidia paid under the deal to hand over 15%?" is not
    answered by the 15% it asks about, nor "How much was Nvidia worth?" by "three months". A
    sum lost answers only a question about a loss: "a loss of $5.5 billion in quarterly revenue"
    is no quarter's revenue."""
    if not _ASKS_LOSS.search(question):
        text = _LOSS_FIGURE.sub(" ", text)
    new = _figures(text) - _figures(question)
    if re.search(r"\bhow\s+many\s+times\b", question, re.IGNORECASE):
        # "How many times had Huang been to China" is answered by "his third trip", not by "the
        # second-largest market".
        new |= {m.lower() for m in _OCCASION.findall(text)} - {m.lower() for m in _OCCASION.findall(question)}
    if re.search(r"\bhow\s+much\b", question, re.IGNORECASE):
        new = {f for f in new if f[0].isdigit() or f in _AMOUNT_WORDS}
    return bool(new)


def _sentences(text: str) -> list[str]:
    cuts = [0, *(m.start() + 1 for m in SENTENCE_END.finditer(text)), len(text)]
    return [text[a:b] for a, b in itertools.pairwise(cuts)]


# Clause breaks around a figure: "the United States is TSMC's largest exporter, accounting for 60%
# of its total revenue, and Apple, Nvidia, Qualcomm ... are all from the United States".
_CLAUSE_BREAK = re.compile(r"[,;:]\s+|\s+[—–]\s+")


def figure_clauses(quote: str, question: str = "") -> list[str]:
    """The clauses of ``quote`` that give a figure, each with the clause before it when it opens
    with a participle ("..., accounting for 60% of its revenue"), whose subject is given there."""
    clauses = _CLAUSE_BREAK.split(quote)
    found = []
    for i, clause in enumerate(clauses):
        if gives_figure(clause, question):
            opener = word_tokens(clause)[:1]
            joined = i > 0 and bool(opener) and opener[0].endswith("ing")
            found.append(f"{clauses[i - 1]}, {clause}" if joined else clause)
    return found


_STOCK = re.compile(rf"\b{STOCK}\b", re.IGNORECASE)
# Any form of a move: "fell", "has fallen", "rising", "soaring", "evaporated", "up 3.70%".
_STOCK_MOVED = re.compile(
    r"\b(?:fall|falls|fell|fallen|falling|drop\w*|rise|rises|rose|risen|rising|declin\w*|plung\w*|slump\w*|"
    r"slid\w*|sink\w*|sank|sunk|climb\w*|tank\w*|crash\w*|dip|dips|dipped|dipping|tumbl\w*|collaps\w*|jump\w*|"
    r"surg\w*|soar\w*|rall\w*|gain\w*|lost|los(?:e|es|ing)|evaporat\w*|slip\w*|shed|up|down)\b"
    r"|\d\s*%|\bper\s?cent\b",
    re.IGNORECASE,
)


def gives_stock_move(quote: str) -> bool:
    """Whether ``quote`` says how a stock moved: "Nvidia's stock price fell nearly 7%"; a
    report's release or a CFO's warning on the same day is no move."""
    return _STOCK.search(quote) is not None and _STOCK_MOVED.search(quote) is not None


def figure_for_quarter(quote: str, question: str) -> bool:
    """Whether a sentence of the quote gives a figure without naming another quarter than the
    one asked: "in the first quarter, the H20 generated $4.6 billion. However, in the second
    quarter, Nvidia did not sell any" gives no figure for the second quarter."""
    asked = periods(question)[0]
    if not asked:
        return True
    return any(
        gives_figure(sentence, question) and (not periods(sentence)[0] or asked & periods(sentence)[0])
        for sentence in _sentences(quote)
    )


# "His third trip" counts trips, but "the first NVIDIA Developer Conference" counts no developers:
# "first" names one of a kind, however many there are.
_COUNTING_ORDINALS = _ORDINAL_WORDS.removeprefix("first|")
_COUNT = re.compile(
    rf"(?<![\w.$€£¥])(?:\d[\d,]*(?:\.\d+)?|{_NUMBER_WORDS}|hundreds|thousands|dozens?|{_COUNTING_ORDINALS})\b",
    re.IGNORECASE,
)

# After a number, what makes it a sum or a share rather than a count.
_NOT_A_COUNT = re.compile(
    rf"\s*(?:%|per\s?cent\b|(?:{_MAGNITUDE})\b|yuan\b|dollars?\b|euros?\b)",
    re.IGNORECASE,
)


def counted_words(text: str, after: int = 6) -> list[str]:
    """The words right after each count or ordinal in ``text``, what it counts: "14 Hong Kong SAR
    government officials", "his third trip". Sums and shares count nothing: "$3 billion",
    "1.257 billion yuan", "62%", "63 percent"."""
    return [
        " ".join(word_tokens(text[match.end() :])[:after])
        for match in _COUNT.finditer(text)
        if not _NOT_A_COUNT.match(text, match.end())
    ]


_PEOPLE = frozenset(["people", "persons", "individuals"])
# Nouns for people: "14 Hong Kong SAR government officials and police officers" counts people.
_PERSONS = re.compile(
    r"\b(?:people|persons|individuals|police|staff|members|officials|officers|employees|workers|executives|"
    r"engineers|researchers|developers|analysts|activists|lawmakers|legislators|politicians|students|leaders|"
    r"founders|customers|journalists|reporters|protesters|citizens|residents|immigrants|ministers|diplomats|"
    r"guests|visitors|attendees|participants|delegates|users|fans)\b"
)


_SHARE_OF = re.compile(
    r"\d[\d.]*\s*(?:%|per\s?cent)\s+of\s+(?:(?:the|all|its|their|his|her)\s+|[A-Z][\w.-]*['’]s\s+)?([\w-]+)",
    re.IGNORECASE,
)


def shares_of(text: str) -> list[str]:
    """The nouns a share is of: ["companies"] for "99% of companies around the world downloaded
    DeepSeek R1", which tells how many companies as well as a count would."""
    return [noun.lower() for noun in _SHARE_OF.findall(text)]


def counts_people(nouns: list[str], following: str) -> bool:
    """Whether a count of people ("How many people ...") is what ``following`` counts."""
    return any(noun in _PEOPLE for noun in nouns) and bool(_PERSONS.search(following))


# A currency next to a number: "$57 billion", "RMB 124.8 billion", "1.111 billion yuan".
_MONEY = re.compile(
    rf"(?:[$€£¥]|\bRMB)\s?\d|\d(?:[\d.,]*\d)?\s*(?:(?:{_MAGNITUDE})\s+)?"
    r"(?:yuan|dollars?|euros?|pounds?|cents?|RMB)\b",
    re.IGNORECASE,
)


# A share of a sum of money: "agreed to pay 15% of its sales in China".
_SHARE_OF_MONEY = re.compile(
    r"\d[\d.]*\s*(?:%|per\s?cent)\s+of\s+(?:its|their|the|his|her)?\s*(?:\w+\s+)?"
    r"(?:sales|revenues?|income|profits?|earnings)\b",
    re.IGNORECASE,
)


def gives_money(text: str, question: str = "") -> bool:
    """Whether ``text`` states a sum of money: "$57 billion", "1.111 billion yuan"; not "the
    billion-dollar question". What is paid may be a share of a sum ("pay 15% of its sales"),
    but a share of revenue is no revenue."""
    payer = _PAYER.search(question)
    if payer and _SHARE_OF_MONEY.search(text) and _paid_by(payer.group(1), text):
        return True
    return bool(_MONEY.search(text))


# "How much did Nvidia agree to pay ...": who pays, which a quote must name before its payment
# ("the U.S. government" does not pay in "Nvidia agreed to pay 15% of its sales to the U.S. government").
_PAYER = re.compile(
    r"\b(?:did|does|do|will|would|has|had|have)\s+((?:the\s+)?[\w.'’-]+(?:\s+[\w.'’-]+){0,2}?)\s+"
    r"(?:agreed?\s+to\s+|ha(?:ve|d)\s+to\s+)?pay\b",
    re.IGNORECASE,
)


def _paid_by(payer: str, text: str) -> bool:
    """Whether ``text`` names the payer (its capitalised words) before it says what was paid."""
    payment = re.search(r"\bpa(?:ys?|id|ying)\b", text, re.IGNORECASE)
    before = text[: payment.start()] if payment else ""
    return any(re.search(rf"\b{re.escape(w)}", before, re.IGNORECASE) for w in re.findall(r"\b[A-Z][\w.-]*", payer))


# Month and day names only capitalised: "may" and "march" are verbs too; "fall" too often one.
# A year is a four-digit number from 1800 on, but not a count: "1920 tokens/s" is no date.
_DATE = re.compile(
    rf"\b(?:(?:1[89]|20)\d\d\b(?!\s*(?:tokens?|units?|chips?|people|employees|yuan|dollars)\b|/)|{MONTHS}|{WEEKDAYS}"
    r"|(?i:yesterday|today|tomorrow|week|month|year|quarter|spring|summer|autumn|winter|ago))\b"
)


def gives_date(text: str, question: str = "") -> bool:
    """Whether ``text`` says when: a year, a month, a day, "last week", "ago". "On what date"
    asks for a day of the calendar: "earlier this year" does not give one; "In which year" for a
    year."""
    if _ASKS_A_DAY.search(question):
        # "On what day" is answered by a weekday too ("held in Washington on Tuesday").
        return bool(_DAY.search(text) or (re.search(r"\bwhat\s+day\b", question, re.I) and _WEEKDAY.search(text)))
    if _ASKS_A_YEAR.search(question):
        return bool(YEAR.search(text))  # "this year" is no answer to "In which year did Huang become CEO?"
    return bool(_DATE.search(_AGE.sub(" ", text)))  # "62-year-old Huang" says how old, not when


_ASKS_A_DAY = re.compile(r"\bwhat\s+(?:date|day)\b", re.IGNORECASE)
_WEEKDAY = re.compile(rf"\b(?:{WEEKDAYS})\b")
# "In which year ...": "this mid-month" or "in the past" gives no year.
_ASKS_A_YEAR = re.compile(r"\b(?:what|which)\s+year\b(?!-)", re.IGNORECASE)  # not "what year-over-year growth"

# A day of the calendar: "April 17", "17 April", "2025-04-17", "4/17" (articles capitalise months).
_DAY = re.compile(f"{MONTH_DAY}|{NUMERIC_DATE.pattern}")

# An age: "62-year-old Huang", "aged 62", "62 years old".
_AGE = re.compile(r"\b\d{1,3}(?:-year-old\b|\s+years?\s+old\b)|\baged\s+\d{1,3}\b", re.IGNORECASE)


# A place given as one: "in Arizona", "at the Xiangsong Capital", "located on the 29th floor of
# One World Trade Center", "attended the Hill & Valley Forum". ("Lobbying Washington, London"
# names places, but places nothing.)
_PLACED = re.compile(
    r"\b(?:in|at|inside|near|attend(?:s|ed|ing)?|located\s+(?:on|in|at)\s+[^.,]{0,40}?\bof)\s+(?:the\s+)?"
    r"(?P<place>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*)"
)


_WHEN_NOT_WHERE = re.compile(rf"(?:{CALENDAR_WORD.pattern}|Q[1-4])\b")
# "the Committee for Freedom in Hong Kong Foundation": a name that holds "in", not a place.
_ORGANISATION_END = re.compile(
    r"\b(?:Foundation|Council|Committee|Association|Institute|Party|Corporation|Company|Society|Coalition|Alliance|"
    r"Fund|Trust|Watch|Campaign|Group)$"
)
# "Where in London ...", "At what site in London ...": somewhere inside the place given.
_WITHIN_A_PLACE = re.compile(r"\b(?i:where|venue|site|location)\s+(?i:in)\s+(?:the\s+)?[A-Z]")


def gives_place(text: str, question: str) -> bool:
    """Whether ``text`` says where, with a place the question does not already give: "in London"
    does not answer "Where in London ...?", nor "in April" or "in Q3" any where-question. Asked
    where within a place, a country ("in the UK") is no answer either."""
    asked = {unpossessed(word) for word in word_tokens(question)}
    within = _WITHIN_A_PLACE.search(question) is not None
    return any(
        any(unpossessed(word) not in asked for word in word_tokens(match.group("place")))
        for match in _PLACED.finditer(text)
        if not _WHEN_NOT_WHERE.match(match.group("place"))
        and not _ORGANISATION_END.search(match.group("place"))
        and not (within and match.group("place").lower().replace(".", "") in PEOPLES_OF)  # a country
    )


_PER_UNIT_FIGURE = re.compile(r"\b(?:per|each|apiece|a\s+piece|a\s+unit|unit\s+price)\b|/\s*(?:unit|chip|card)", re.I)


def gives_per_unit(text: str) -> bool:
    """Whether ``text`` gives a figure for one unit: "$10,000 per chip", "priced at $12,000 each"; a
    cost of "$5.5 billion" to Nvidia is no price of one H20."""
    return bool(_PER_UNIT_FIGURE.search(text))


_ASKS_A_QUARTER = re.compile(r"\b(?:which|what)\s+(?:fiscal\s+)?quarter\b", re.IGNORECASE)
_QUARTER_ENDING = re.compile(r"\b(?:(?:three|3)[\s-]months?|quarter)\s+end(?:ed|ing)\b", re.IGNORECASE)


def lacks_asked_quarter(text: str, question: str) -> bool:
    """Whether the question asks which quarter ("In which quarter did revenue reach $2.1
    billion?") and ``text`` names none: "quarterly revenue" says no which."""
    return bool(_ASKS_A_QUARTER.search(question)) and not (periods(text)[0] or _QUARTER_ENDING.search(text))


_ASKS_NOW = re.compile(r"\b(?:currently|these\s+days|at\s+present|nowadays|right\s+now|today|now)\b", re.IGNORECASE)
_HELD_THEN = re.compile(
    r"\b(?:at\s+the\s+time|prior\s+to\s+this|back\s+then|former|formerly|previously|used\s+to)\b", re.IGNORECASE
)


def holder_then_not_now(text: str, question: str) -> bool:
    """Whether the question asks who holds something now and ``text`` tells who held it then:
    "Who currently heads Nvidia's China business?" is not answered by "At the time, Wen
    Zhenbang, NVIDIA's first head of China"."""
    return bool(_ASKS_NOW.search(question)) and bool(_HELD_THEN.search(text))


_COMPLETION = re.compile(
    r"\b(?:conclu\w*|wrap\w*\s+up|finish\w*|complet\w*|ended|closed|ruled|found|determined|verdict|"
    r"penalt\w*|fined?|results?|outcome)\b",
    re.IGNORECASE,
)


def tells_completion(text: str) -> bool:
    """Whether ``text`` tells how or that something ended ("concluded", "ruled", "found"), not
    only that it began or went on ("launched an investigation", "was questioned")."""
    return bool(_COMPLETION.search(text))


# A span of time: "a three-month pause", "nine months later", "for 26 years", "a year".
_DURATION = re.compile(
    rf"\b(?:\d[\d,.]*|{_NUMBER_WORDS}|a|an|half\s+a|a\s+few|several|many)[\s-]+"
    r"(?:years?|months?|weeks?|days?|hours?|minutes?|decades?|quarters?)\b",
    re.IGNORECASE,
)


def gives_duration(text: str) -> bool:
    """Whether ``text`` gives a span of time ("How long had H20 sales been paused?" is answered
    by "a three-month pause", not by "In April, the administration halted sales")."""
    return bool(_DURATION.search(text))


# How much one thing differs from another: a share, a multiple or a sum ("63% lower", "twice as
# fast", "$1 cheaper"), not a count of something else ("50 new regulatory measures").
_DIFFERENCE = re.compile(
    r"\d\s*%|\bpercent|\btimes\b|\b\d+(?:\.\d+)?x\b|-fold\b|\bhalf\b|\btwice\b|\bdoubl|\btripl|[$€£¥]|"
    r"\byuan\b|\bdollars?\b|\bcents?\b",
    re.IGNORECASE,
)


def gives_difference(text: str) -> bool:
    """Whether ``text`` says by how much ("How much cheaper is energy in China?")."""
    return bool(_DIFFERENCE.search(text))


def gives_age(text: str) -> bool:
    """Whether ``text`` says how old someone is ("How old is Huang?")."""
    return bool(_AGE.search(text))


# How articles give a reason: "mainly due to their superiority", "He claimed the reason was",
# "Trump has questioned why chips can't be sold to ...".
_REASON = re.compile(
    r"\b(?:because|due to|reasons?|why|as a result|so that|in order to|owing to|thanks to|driven by|"
    r"given that|stems? from|caused|causes|led to|leads? to|aims? to|aimed|in an effort to|amid)\b"
    # "Since ..., " gives a reason where it opens a clause; "26 years since Nvidia entered China"
    # and "in five years since its listing" only count time.
    r"|(?:^|[,;:(“\"—–]\s*)since\b",
    re.IGNORECASE,
)


def gives_reason(text: str) -> bool:
    """Whether ``text`` gives a reason in so many words ("due to", "the reason was")."""
    return bool(_REASON.search(text))


# Links that give a consequence after them ("..., which ultimately led to many companies still
# expecting H20 chips"): the reason is what comes before.
_LEADS_TO = re.compile(r"\b(?:led|leads?|leading)\s+to\b|\bcaused\b|\bcauses\b", re.IGNORECASE)


def consequence_only(text: str) -> tuple[str, str] | None:
    """For a sentence that gives a reason only by "led to"/"caused": (the cause, what it
    explains), split at the first such link; None when it gives a reason otherwise, or none."""
    link = _LEADS_TO.search(text)
    if link is None or gives_reason(_LEADS_TO.sub(" ", text)):
        return None
    return text[: link.start()], text[link.end() :]


# "from 2017 to 2024", "between 2021 and 2023", "2017-2024": a span, not each year in it.
_YEAR_SPAN = re.compile(
    r"\b(?:from|between)\s+(?:19|20)\d\d\s+(?:to|and|through)\s+(?:19|20)\d\d\b|\b(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d\b",
    re.IGNORECASE,
)


def _years_given(quote: str) -> set[str]:
    """The years a quote gives something for: a span ("From 2017 to 2024, a cumulative loss")
    gives one figure for the span, not for each year, unless it lists them "respectively"."""
    given = periods(_YEAR_SPAN.sub(" ", quote))[1]
    for span in _YEAR_SPAN.finditer(quote):
        if "respectively" in SENTENCE_END.split(quote[span.end() :], maxsplit=1)[0]:
            first, last = (int(year) for year in re.findall(r"\d{4}", span.group()))
            given |= {str(year) for year in range(first, last + 1)}
    return given


_FULL_YEAR = re.compile(
    # "full-year", "the full 2024 financial year", "fiscal 2025", "FY25"
    r"\b(?:full|whole|entire|fiscal|financial)(?:[\s-]+(?:19|20)\d\d)?(?:[\s-]+(?:fiscal|financial))?[\s-]+year\b"
    r"|\bannual(?:ly)?\b|\bfiscal\s+(?:19|20)\d\d\b|\bFY\s?\d{2,4}\b",
    re.IGNORECASE,
)
# A quarter however written: "the three months ending on October 26", "quarterly revenue".
_A_QUARTER = re.compile(r"\b(?:three|3)[\s-]months?\b|\bquarter(?:ly)?\b", re.IGNORECASE)


def conflicting_period(question: str, quote: str, evidence: str) -> bool:
    """Whether the quote is about another quarter or year than the one asked: a figure for Q1
    does not answer a question about the second quarter. A quarter asked about must also be
    named somewhere in the evidence (the quote or the sentences around it); a year need not
    be, as articles say "this year". A quarter's figure does not answer for the full year."""
    (asked_quarters, asked_years), (quarters, years) = periods(question), periods(quote)
    if asked_quarters and not asked_quarters & (quarters | periods(evidence)[0]):
        return True
    if _FULL_YEAR.search(question) and (quarters or _A_QUARTER.search(quote)) and not _FULL_YEAR.search(quote):
        return True
    if asked_years and _YEAR_SPAN.search(quote) and not _YEAR_SPAN.search(question):
        return not asked_years & _years_given(quote)
    return bool(asked_years and years and not asked_years & years)


_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]*(?:\.[A-Z]\.?)*(?:\s+(?:[A-Z][\w'’-]*(?:\.[A-Z]\.?)*|of|for|with|and))*")
# Words capitalised only for opening a sentence (a subject such as "Bloomberg" still counts).
_OPENERS = frozenset(
    re.findall(
        r"\w+",
        "the a an in on at as after when while however it this that these those he she they we i if for with from "
        "but and or so yet still even despite although though during over under before meanwhile recently earlier "
        "later previously currently now today yesterday according just also last there here what why how someone "
        "somebody anyone anybody everyone everybody nobody something anything everything nothing",
    )
)


def _capitalised_phrases(text: str, common: frozenset[str]) -> list[str]:
    """Capitalised phrases of ``text``, sentence by sentence, without a sentence's opening word
    when that is only capitalised for opening it (a word in ``common``, or in ``_OPENERS``)."""
    phrases = []
    for sentence in re.split(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])", text.strip()):
        sentence = sentence.lstrip('“"')
        for match in _CAPITALISED.finditer(sentence):
            phrase = match.group()
            first = phrase.split()[0].lower()
            if match.start() == 0 and (unpossessed(first) in _OPENERS or unpossessed(first) in common):
                phrase = " ".join(phrase.split()[1:])
            if phrase:
                phrases.append(phrase)
    return phrases


def _named(quote: str, common: frozenset[str], each: bool = False) -> list[list[str]]:
    """The words of each name in ``quote`` (its capitalised phrases but dates), possessives and
    connectives left out; with ``each``, names joined by "and" apart ("Vice Premier He Lifeng
    and Xiaomi CEO Lei Jun" are two people)."""
    phrases = _capitalised_phrases(quote, common)
    if each:
        phrases = [name for phrase in phrases for name in re.split(r"\s+and\s+", phrase)]
    return [
        [unpossessed(w) for w in word_tokens(phrase) if w[:1].isalpha() and w not in ("of", "for", "with", "and")]
        for phrase in phrases
        if not CALENDAR_WORD.fullmatch(phrase.split()[0])  # "In November 2023, ...": a date, not someone
    ]


# Who reported it is no answer to who did it: "According to Bloomberg, Huang will accompany
# Trump ...", "The Wall Street Journal reported on April 29 that ...".
_ATTRIBUTION = re.compile(
    r"\b(?i:according\s+to|as\s+reported\s+by|citing)\s+[^,;]{1,80}?[,;]"
    r"|(?:^|(?<=[.!?]\s))[A-Z][^,.;]{0,60}?\s+(?i:reported|reports)(?:\s+on\s+[^,;]{1,30}?)?\s+(?i:that)\b"
)


def unattributed(quote: str, question: str = "") -> str:
    """The quote without who reported it, unless that is what the question asks ("Which outlet
    reported ...")."""
    if re.search(r"\b(?:report\w*|according|outlet|source|newspaper|media|publication)\b", question, re.I):
        return quote
    return _ATTRIBUTION.sub(" ", quote)


def _acronyms(question: str) -> set[str]:
    """The question's acronyms: a name spelled out for one ("Asia-Pacific Economic Cooperation"
    for "APEC") is nothing new."""
    return set(re.findall(r"\b[A-Z]{2,}\b", question))


# An event's name is no one's: met "at the Nvidia China Annual Meeting", not met it.
_EVENTS = frozenset(["meeting", "conference", "summit", "forum", "expo", "session", "ceremony", "convention"])


def names_someone_new(question: str, quote: str, common: frozenset[str] = frozenset(), people: bool = False) -> bool:
    """Whether the quote names someone the question does not ("Who ..." wants a name as its
    answer): a capitalised phrase none of whose words the question uses, other than the source
    it is reported by. A name of one word must stand where someone does, before a verb or as
    an example, not where a place does: "Huang met employees in Shenzhen" and "Huang will
    accompany Trump to attend the summit" name nobody for "Whom did Huang meet?", "Lai
    bankrolled their campaigns" does. A nationality before a name is not the question's naming
    it ("Chinese Vice Premier He Lifeng"). With ``people``, the name must be a person's
    (see ``_a_person``): "Which members of Congress ..." is not answered by their committee."""
    asked = {unpossessed(w) for w in word_tokens(question)}
    acronyms = _acronyms(question)
    quote = unattributed(quote, question)
    return any(
        (len(words) > 1 or _stands_as_someone(words[0], quote))
        and not asked & {w for w in words if w not in PLACES_OF}  # "Chinese Vice Premier He Lifeng" is new
        and _initials(words) not in acronyms
        and not (people and not _a_person(words))
        and words[-1] not in _EVENTS  # "Whom did Huang meet?": not "the Nvidia China Annual Meeting"
        for words in _named(quote, common, each=True)
        if words
    )


# Where a name of one word stands for someone: before a verb ("Lai bankrolled", "AMD, also
# warned", "Nvidia already collaborate"), or given as an example ("such as Alibaba").
_NOT_A_VERB = (
    "in|on|at|to|from|into|of|for|with|by|and|or|but|the|a|an|its|his|her|their|this|that|these|those|"
    "as|than|is|was|are|were|which|who|where|when|while"
)
_SOMEONE_AFTER = re.compile(rf"(?:,)?\s+(?!(?:{_NOT_A_VERB})\b)[a-z]")
_SOMEONE_BEFORE = re.compile(r"\b(?:such\s+as|including|like|namely)\s+$", re.IGNORECASE)


def _stands_as_someone(word: str, quote: str) -> bool:
    """Whether a name of one word stands where someone does in the quote, not where a place
    does ("in Shenzhen", "accompany Trump to attend"), and is no country or people."""
    if word in PLACES_OF or word in PEOPLES_OF:
        return False
    return any(
        _SOMEONE_AFTER.match(quote, found.end()) or _SOMEONE_BEFORE.search(quote[: found.start()])
        for found in re.finditer(rf"\b{re.escape(word)}(?:['’]s)?\b", quote, re.IGNORECASE)
    )


# Words of an organisation's (or an event's) name, anywhere in it, where people are asked for:
# "the US House Foreign Affairs Committee" is no member of it, nor "the Ministry of Commerce".
_ORGANISATIONS = frozenset(
    """committee council group administration department ministry foundation association commission
    bureau office agency house congress senate parliament company corporation union court watch
    conference summit forum meeting expo technology technologies journal times post news media capital
    republic co ltd inc corp bank university institute center centre government holdings""".split()  # noqa: SIM905
)


# Words of a place's name of several words: "Hong Kong SAR officials" names no official.
_PLACE_PARTS = frozenset("sar hong kong valley korea states emirates arabia east".split())  # noqa: SIM905


def _a_person(words: list[str]) -> bool:
    """Whether a name's words can be a person's: two or more besides a nationality ("Chinese AI"
    is none), no organisation's word ("Foreign Affairs Committee", "Ministry of Commerce"), no
    place's ("Hong Kong SAR"), no model number ("DeepSeek R1")."""
    own = [w for w in words if w not in PLACES_OF]
    return len(own) > 1 and not any(
        w in _ORGANISATIONS or w in _PLACE_PARTS or any(ch.isdigit() for ch in w) for w in own
    )


def _initials(words: list[str]) -> str:
    return "".join(part[0] for word in words for part in word.split("-") if part).upper()


def names_something_new(question: str, quote: str, common: frozenset[str] = frozenset()) -> bool:
    """Whether the quote names (with a capitalised word, or an acronym) anything the question
    does not: "Which two giants bought Cambrian's chips?" is not answered by "two domestic
    Internet giants bought Cambrian products", nor "Which Chinese companies" by "50 companies in
    China", but "Which UK parliamentary group" is by "All-Party Parliamentary Group on Hong Kong".
    As for ``names_someone_new``, the source reporting it and an acronym spelled out are nothing new."""
    asked = {unpossessed(w) for w in with_parts(word_tokens(question))}
    asked |= {place for word in asked for place in PLACES_OF.get(word, ())}  # "Chinese" asks about China
    acronyms = _acronyms(question)
    return any(
        w not in asked
        for words in _named(unattributed(quote, question), common)
        if _initials(words) not in acronyms
        # "Jensen Huang" for "Jensen", "Huang Renxun" for "Huang": the one asked about, by full name.
        and not (len(words) == 2 and asked & set(words))
        for w in words
    )


# Names listed together: "Amazon and Microsoft", "Andy Li Yu-hin and Chan Tsz-wah", "Beijing,
# Shanghai, and Shenzhen".
_NAME = r"[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*)*"
_NAMES_LISTED = re.compile(rf"{_NAME}(?:\s*,\s*{_NAME})*,?\s+(?:and|&)\s+{_NAME}")
# One institution whose name holds "and": "the Science and Technology Innovation Board", "the
# Hill & Valley Forum", "the Ministry of Industry and Information Technology".
_ONE_INSTITUTION = re.compile(
    r"[A-Z][\w'’-]*\s+(?:and|&)\s+(?:[A-Z][\w'’-]*\s+)*(?:Board|Forum|Committee|Council|Commission|Office"
    r"|Ministry|Bureau|Administration|Department|Agency|Institute|Association|Foundation|Technology|Union)\b"
)
_PLACE_WORDS = frozenset([*PLACES_OF, *(place for names in PLACES_OF.values() for place in names), *PEOPLES_OF])


def lists_new_names(question: str, quote: str, count: int) -> bool:
    """Whether the quote lists, together, ``count`` names the question does not give: "Which two
    big tech firms backed the bill?" is answered by "Amazon and Microsoft joined forces", not by
    a sentence naming Huang and, elsewhere, the U.S. A place is not one of them ("China and the
    U.S."), nor the source reporting it."""
    asked = {unpossessed(w) for w in word_tokens(question)}

    def new(name: str) -> bool:
        words = {unpossessed(w) for w in word_tokens(name)} - {"the"}
        return bool(words) and not words & asked and not words <= _PLACE_WORDS

    for listed in _NAMES_LISTED.finditer(unattributed(quote, question)):
        if _ONE_INSTITUTION.match(listed.group()):
            continue
        names = re.split(r"\s*,\s*(?:(?:and|&)\s+)?|\s+(?:and|&)\s+", listed.group())
        if sum(new(name) for name in names) >= count:
            return True
    return False


# "Huawei's market share", "Nvidia's China revenue": an owner, then what it owns (a noun up to
# two words on, before any preposition or verb).
_OWNED = re.compile(r"\b([A-Z][\w.-]*)['’]s\s+((?:[A-Za-z][\w-]*\s+){0,2}[A-Za-z][\w-]*)")
_STOCK_OF = re.compile(r"\b([A-Z][\w.-]*)\s+(shares?|stocks?)\b(?!\s+(?:of|in)\b)")


def owners(text: str) -> list[tuple[str, list[str]]]:
    """Each capitalised owner in ``text`` with the words it owns, lower-cased:
    [("nvidia", ["market", "share"])] for "NVIDIA's market share in China"."""
    found = []
    for owner, owned in _OWNED.findall(text):
        words = []
        for word in owned.lower().split():
            if word in QUESTION_WORDS:  # "NVIDIA's market share in", "Nvidia's CEO say ...": no noun
                break
            words.append(word)
        if words:
            found.append((owner.lower(), words))
    # "AMD shares", "Nvidia stock": a company's stock, without the possessive.
    found.extend((owner.lower(), [stock.lower()]) for owner, stock in _STOCK_OF.findall(text))
    return found


# A name given for a class it mentions: "such as DeepSeek", "spokesperson John Rizzo", "the
# Hill & Valley Forum", "Mellanox, a company", "Brady Wang, associate director".
_INSTANCE_AFTER = re.compile(
    r"\s*(?:[:(—–-]|,|(?:[\w-]+\s+){0,4}?(?:such\s+as|including|like|namely)|called|named)?\s*([A-Z][\w'’.&-]*)"
    # "chips for the Chinese market, H20.": a short apposition closing the clause.
    r"|(?:\s+[\w'’-]+){1,5},\s+([A-Z][\w'’.&-]*)(?=[.,;)]|$)"
)  # "Internet giant customers and supply chain companies such as Alibaba"
_INSTANCE_BEFORE = re.compile(
    r"([A-Z][\w'’.&-]*)[)”\"]?(?:['’]s|,\s+(?:(?:a|an|the)\s+)?(?:(?!(?:where|which|who|whose|that|when|while|but)\b)[a-z][\w-]*\s+){0,4}|\s+(?:is|was)\s+(?:a|an|the)"
    # "Apple, Nvidia, Qualcomm, and AMD among the top five customers", "Amazon and Microsoft were among the companies".
    r"|\s+(?:(?:are|were|is|was)\s+)?among\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,3})?\s*$"
)
# A list just before the class it belongs to: "LLMs, autonomous driving, and robotics — sectors
# where ...".
_LIST_BEFORE = re.compile(r"[—–:]\s*$")


def mentions_class_only(focus: str, question: str, quote: str) -> bool:
    """Whether the quote mentions the class a "Which <class> ..." question asks about only as a
    class, naming none of it: "Which US states ..." is not answered by "introduced by U.S.
    states", nor "Which two giants ..." by "two domestic Internet giants bought ...", but
    "Which committee ..." is by "the US House Foreign Affairs Committee"."""
    singular = re.sub(r"ies$", "y", focus) if focus.endswith("ies") else focus.removesuffix("s")
    forms = {
        focus,
        singular,
        singular + "s",
        singular + "es",
        singular[:-1] + "ies" if singular.endswith("y") else singular,
    }
    asked = {unpossessed(w).replace(".", "") for w in with_parts(word_tokens(question))}
    mentions = [m for m in re.finditer(r"[\w'’-]+", quote) if m.group().lower() in forms]
    if not mentions:
        return False
    for mention in mentions:
        if mention.group()[0].isupper() and not re.search(r"(?:^|[.!?]\s+)$", quote[: mention.start()]):
            return False  # part of a name, not a sentence's first word
        if _LIST_BEFORE.search(quote[: mention.start()]):
            return False
        # The class's own words, as the question has them, may stand between: "American F-35
        # fighter jets" names a fighter jet.
        before = quote[: mention.start()]
        while (word := re.search(r"\b([a-z][\w-]*)\s+$", before)) and word.group(1) in asked:
            before = before[: word.start()]
        for name in (_INSTANCE_AFTER.match(quote, mention.end()), _INSTANCE_BEFORE.search(before)):
            if name and _an_instance(name.group(1) or name.group(2), asked):
                return False
    return True


def _an_instance(word: str, asked: set[str]) -> bool:
    """Whether a capitalised word beside a class names one of it: not a word the question has,
    a sentence's opening ("The"), a date ("Tuesday") or a country or its people."""
    word = unpossessed(word.lower()).replace(".", "")
    return not (
        word in asked
        or word in _OPENERS
        or CALENDAR_WORD.fullmatch(word.title())
        or word in PLACES_OF
        or word in PEOPLES_OF
    )
