"""What kind of answer a question asks for, and whether a quote can be that answer.

The offline answerer refuses near misses by these checks: the articles name the trial but no
verdict, give Q1's profit but not Q2's, mention Lei Jun but never quote him.
"""

from __future__ import annotations

import pytest

from bot.extractive import ExtractiveAnswerer
from bot.models import ArticleMeta
from bot.question import (
    IN_TERMS,
    answer_class,
    asked_focus,
    asked_part,
    asked_phrase,
    asked_speaker,
    asked_type,
    asked_verb,
    asks_completion,
    asks_difference,
    asks_duration,
    asks_money,
    asks_per_unit,
    asks_place,
    asks_stock_move,
    class_owner,
    compared_with,
    counted,
    heads_the_question,
    named_thing,
    names_counted,
    negated,
    part_asked,
    people_asked,
    post_at,
    speaker_as_asked,
    spell_quarters,
    spelled_out_question,
    verb_done_to_whom,
    without_setting,
    written_as_place,
)
from bot.retrieval import published_month
from bot.statements import (
    SENTENCE_END,
    SPEECH_VERB,
    conflicting_period,
    consequence_only,
    counted_words,
    counts_people,
    figure_clauses,
    figure_for_quarter,
    gives_age,
    gives_date,
    gives_difference,
    gives_duration,
    gives_figure,
    gives_money,
    gives_per_unit,
    gives_place,
    gives_reason,
    gives_stock_move,
    hedges,
    holder_then_not_now,
    lacks_asked_quarter,
    lists_new_names,
    mentions_class_only,
    names_someone_new,
    names_something_new,
    owners,
    shares_of,
    spelled_out,
    tells_completion,
    unattributed,
)
from bot.vocabulary import dated_months, months_named


@pytest.mark.parametrize(
    ("question", "focus"),
    [
        ("What verdict did the court reach in Jimmy Lai's trial?", "verdict"),
        ("What kind of contest did Huang liken the AI competition to?", "contest"),
        ("Which UK parliamentary group has Stand with Hong Kong served as secretariat for?", "group"),
        ("What was the outcome of China's investigation into Nvidia?", "outcome"),
        ("What was Nvidia's total revenue in the third quarter?", "revenue"),
        ("What share of Nvidia's revenue came from China?", "share"),
        ("How many trips to China had Huang made?", "trips"),
        ("How much operating income did Cambrian report?", "income"),
        ("How much did AMD expect to lose?", None),
        ("Who was the Nvidia spokesperson who described the meeting?", "spokesperson"),
        ("What was the bill that Amazon backed?", "bill"),
        ("What was Nvidia's revenue?", "revenue"),  # the noun may end the question
        ("What was Nvidia's revenue last quarter?", "revenue"),  # or come before its period
        ("What was Huang's reaction when Washington halted H20 sales?", "reaction"),  # or before a clause
        ("How large an inventory write-down did Nvidia take?", "write-down"),  # a size asked of an amount
        ("Who did Huang meet in Beijing?", None),  # asks for a name, names no noun
        ("What did Huang say about immigration?", None),  # asks for words, names no noun
        ("Which two big tech companies backed legislation that could limit shipments?", None),  # too long to read
    ],
)
def test_the_noun_a_what_question_asks_for_is_found(question: str, focus: str | None) -> None:
    assert asked_focus(question) == focus


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("How much did AMD expect to lose?", "figure"),
        ("How many trips to China has Huang made?", "figure"),
        ("What percentage of TSMC's revenue came from HPC?", "figure"),
        ("What price does Nvidia charge for one H20 chip?", "figure"),
        ("When will Nvidia discontinue the H20 chip?", "date"),
        ("In what year did Nvidia open its Beijing office?", "date"),
        ("Who did Huang meet in Beijing on April 17?", "name"),
        ("Who is currently leading Stand with Hong Kong?", "name"),
        ("Who is Lei Jun?", None),  # answered by a description, not a name
        ("Who was the Nvidia spokesperson at the meeting?", "name"),
        ("Which two giants bought Cambrian's chips?", "identity"),
        ("Which people did Huang meet at the APEC summit?", "name"),  # people are answered by names
        ("What is the name of Huawei's AI framework?", "identity"),  # the thing itself must be named
        ("Name the two giants that bought Cambrian's chips.", "identity"),  # a which-question as a request
        ("Could you list the names of the officials on the list?", "identity"),  # a request, politely
        ("What was Nvidia's revenue when it released its results on November 19?", "figure"),  # then a clause
        ("When exactly did the administration issue the rule, which Nvidia criticised?", "date"),  # an aside
        ("Confirm the names of the 14 officials on the list.", "identity"),
        ("Name two reasons Huang gave.", None),  # a request for anything, not for those named
        ("List the uses for which companies downloaded DeepSeek R1.", None),  # a list need not be of names
        ("How many times has Huang been to China?", "figure"),
        ("At what times did Huang speak to the press?", None),  # times of day are not a figure
        ("Why did Amazon back the bill?", "reason"),
        ("What reasons did Nvidia's finance chief give for the lost deals?", "reason"),
        ("Did the U.S. ease restrictions on chip exports to the UAE?", "yes/no"),
        ("What did Huang say about Huawei?", None),
        ("What was Cambrian's stock performance in 2023, in percentage terms?", "figure"),
        ("What were the terms of the deal?", None),  # the terms themselves, not a figure
        ("What is Cambrian's net profit?", "figure"),
        ("How large a fine did regulators impose on Nvidia?", "figure"),
        ("How far did AMD's share price fall?", "figure"),
        ("how badly did nvidia's china sales tank last quarter?", "figure"),  # a fall in any verb
        ("Roughly how far did AMD's share price fall?", "figure"),  # the degree asked mid-question
        ("huawei's market share in china's ai chip market?", "figure"),  # an owner and what it owns
        ("nvidia q3 net income?", "figure"),  # only a noun phrase: its noun is asked for
        ("How big was the fine the regulator imposed?", "figure"),
        ("How far behind the US is China in AI?", None),  # a degree, said in words
        ("How big a threat is Huawei to Nvidia?", None),
        ("What was Cambrian's revenue growth?", "figure"),  # a change is a figure
        ("What does a Grace Blackwell NVL72 cost?", "figure"),  # what a thing costs is a sum
        ("What does an H20 cost a Chinese buyer, per chip?", "figure"),  # ... to whom, per unit
        ("What did it cost to meet Trump?", None),  # a cost of doing something, may be in words
        ("I remember Trump praising Lei Jun — when did he say that?", "date"),  # asked by its last part
        ("I read about the ban — what did Huang say?", None),
        ("What did the ban cost Nvidia?", "figure"),
        ("what did the ban cost nvidia in revenue?", "figure"),
        ("Huang warned about China — who did he say won't wait?", None),  # a who after a remark
        # A which after a remark asks for names, as the whole question would.
        ("Two giants bought Cambrian chips — which two companies were they?", "identity"),
        ("What did Chris Wright say about energy costs?", None),  # costs as a topic
        ("What did Huang say about the cost-effectiveness of chips?", None),
        ("What did it cost to meet with Trump?", None),  # may be answered in words
        ("What did DeepSeek's model cost compared with OpenAI's?", None),
        # An amount followed by a clause about it: "the unit price [that] Nvidia charges".
        ("What is the unit price Nvidia charges Chinese buyers for an H20?", "figure"),
        ("What is the price Nvidia charges for an H20?", "figure"),
        ("What is the Trump administration doing?", None),  # a subject, not an amount
        ("Which year TSMC will bring CoWoS to the US?", "date"),  # the year, then a clause
        ("How large is the bounty on her?", "figure"),
        ("How big a deal was it?", None),  # a degree, said in words
        ("How fast did Cambrian's revenue grow in Q1?", "figure"),  # a growth's pace is its figure
        ("How big was the revenue growth at Cambrian in Q1?", "figure"),
        ("How strong was Cambrian's Q1 revenue growth?", "figure"),
    ],
)
def test_the_kind_of_answer_a_question_wants_is_read_from_its_form(question: str, kind: str | None) -> None:
    assert asked_type(question) == kind


def test_the_words_naming_what_is_asked_leave_out_its_owner() -> None:
    assert asked_phrase("What was Nvidia's net income in the third quarter?") == ["net", "income"]
    assert asked_phrase("What did Huang say?") == []


def test_a_quote_about_another_quarter_conflicts_with_the_question() -> None:
    question = "What net profit did TSMC report for the second quarter of 2025?"
    q1 = "On April 17, TSMC released its Q1 results, with revenue of NT$839 billion"
    assert conflicting_period(question, q1, evidence=q1)
    assert not conflicting_period(question, "In Q2, TSMC's net profit rose", evidence="In Q2, TSMC's net profit rose")


def test_a_quarter_asked_about_must_be_named_near_the_quote() -> None:
    question = "How much net profit did Cambrian report for the second quarter of 2025?"
    quote = "Cambrian posted quarterly profit for the first time in five years"
    assert conflicting_period(question, quote, evidence=quote)
    assert not conflicting_period(question, quote, evidence=f"In the second quarter, revenue rose. {quote}")


def test_a_quote_about_another_year_conflicts_with_the_question() -> None:
    question = "How many firms did Huang count in 2023?"
    assert conflicting_period(question, "In 2024, Huang counted 50 firms", evidence="")
    assert not conflicting_period(question, "In November 2023, Huang said 50", evidence="")
    assert not conflicting_period(question, "This year, Huang said 50", evidence="")  # "this year": no conflict


def test_a_who_question_needs_a_name_the_question_does_not_already_give() -> None:
    question = "Who is leading Stand with Hong Kong now that Andy Li and Chan Tsz-wah are jailed?"
    restated = "After ringleaders Andy Li Yu-hin and Chan Tsz-wah got arrested, Stand with Hong Kong kept running."
    assert not names_someone_new(question, restated)
    assert names_someone_new("Who did Huang meet in Beijing?", "Huang met Vice Premier He Lifeng in Beijing.")


def test_a_which_question_needs_something_named_that_the_question_does_not_name() -> None:
    question = "Which two domestic Internet giants bought Cambrian's products?"
    assert not names_something_new(question, "It is said two domestic Internet giants bought Cambrian products.")
    group = "Which UK parliamentary group has Stand with Hong Kong served as secretariat for?"
    assert names_something_new(group, "It serves the All-Party Parliamentary Group on Hong Kong.")


@pytest.mark.parametrize(
    ("question", "months"),
    [
        ("Who did Huang meet on his July trip?", {"july"}),
        ("who did huang meet with in may 2025", {"may"}),
        ("What did Nvidia say in mid-July?", {"july"}),
        ("What happened in May?", {"may"}),
        ("How much may Nvidia lose?", set()),  # the verb
        ("May Nvidia sell the H20 in China?", set()),  # the verb, opening the question
    ],
)
def test_months_named_are_read_with_may_as_a_month_only_where_it_is_one(question: str, months: set[str]) -> None:
    assert months_named(question) == months


@pytest.mark.parametrize(
    ("question", "count"),
    [
        ("Which two big tech firms backed legislation that could tighten Nvidia's China exports?", 2),
        ("which two big cloud cos teamed up behind the bill", 2),
        ("Who were the two ringleaders of Stand with Hong Kong that got arrested?", 2),
        ("Which two areas did Huang single out as Huawei's strong suits?", 0),  # answered without names
        ("Which big tech firms backed legislation that could tighten Nvidia's China exports?", 2),  # plural
        ("which hyperscalers r backing that bill", 2),
        ("Which officials did Huang meet in Beijing?", 0),  # people: one may be the answer
        ("What percentage of companies did Huang say downloaded DeepSeek R1?", 0),  # a figure
        ("What are the names of Huawei's own chip, AI framework and AI cloud?", 0),  # names of things
    ],
)
def test_several_names_are_asked_for_by_a_count_or_by_companies_in_the_plural(question: str, count: int) -> None:
    assert names_counted(question) == count


def test_the_names_a_count_asks_for_must_be_listed_together_and_new() -> None:
    question = "Which two big tech firms backed legislation that could tighten Nvidia's China shipments?"
    assert lists_new_names(question, "Earlier this week, Amazon and Microsoft joined forces to support a bill.", 2)
    # Huang, then the U.S.: two capitalised words, but no two firms.
    scattered = "Huang bluntly said that the U.S. government's tightening of export controls hurt Nvidia."
    assert not lists_new_names(question, scattered, 2)
    assert not lists_new_names(question, "Nvidia and Huang were hurt by the curbs.", 2)  # Nvidia is the question's own
    assert not lists_new_names(question, "Relations between China and the U.S. worsened.", 2)  # places


def test_an_institution_named_with_and_is_no_list_of_names() -> None:
    question = "Which two internet giants bought Cambrian chips in bulk?"
    board = "In 2024, Cambrian's stock rose most on the Science and Technology Innovation Board."
    assert not lists_new_names(question, board, 2)
    assert not lists_new_names(question, "On April 30, Huang attended the Hill & Valley Forum.", 2)
    assert lists_new_names(question, "Cambrian's customers include Alibaba and Tencent.", 2)


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("revenue of $57 billion", True),
        ("up 62% year-over-year", True),
        ("14 Hong Kong officials", True),
        ("since their last crowdfunding drive in May 2020", False),  # a date, not an amount
        ("On May 1, executives met", False),
        ("the H20 chip", False),  # a model name, not a number
    ],
)
def test_a_figure_is_a_quantity_not_a_date_or_a_model_name(text: str, figure: bool) -> None:
    assert gives_figure(text) is figure


def test_a_country_is_not_new_to_a_question_about_its_people() -> None:
    question = "Which Chinese companies did Huang name as rivals at DealBook?"
    assert not names_something_new(question, "Huang said at DealBook that 50 companies in China compete.")
    assert names_something_new(question, "Huang said at DealBook that Huawei competes.")


def test_a_figure_the_question_already_gives_is_no_answer() -> None:
    question = "How much has Nvidia paid under the deal to hand over 15% of its China chip sales?"
    assert not gives_figure("Nvidia agreed to pay 15% of its China chip sales to the government", question)
    assert gives_figure("Nvidia paid $2 billion, the 15% it agreed to", question)


def test_a_question_about_money_needs_a_sum_of_money() -> None:
    assert asks_money("How much money did Jimmy Lai give to Stand with Hong Kong?")
    assert asks_money("How much does a single Blackwell GPU cost?")
    assert not asks_money("How much did Nvidia's China sales shrink last quarter?")  # "dropped by 63%" answers
    assert asks_money("What was Nvidia's total revenue for fiscal 2025?")  # not the 53% earned abroad
    assert not asks_money("What share of Nvidia's revenue came from China?")
    assert asks_money("What does a single H20 chip sell for in China?")  # its price
    assert asks_money("How much did the H20 sell for per chip?")
    assert not asks_money("How many H20 chips were sold for Chinese data centers?")  # what for, not how much
    assert gives_money("a loss of about $5.5 billion (about 40 billion yuan)")
    assert gives_money("operating income of 1.111 billion yuan")
    assert not gives_money("remains the billion-dollar question")  # an idiom, not a sum
    assert not gives_money("pay 15% of its sales")


def test_a_total_over_a_span_of_years_is_no_figure_for_one_of_them() -> None:
    question = "What was Cambrian's net loss for 2024?"
    assert conflicting_period(question, "From 2017 to 2024, Cambrian has a cumulative loss of 5.6 billion yuan", "")
    assert not conflicting_period(question, "In 2024 it lost 452 million yuan; from 2017 to 2024, 5.6 billion", "")
    assert not conflicting_period("What did it lose from 2017 to 2024?", "From 2017 to 2024, a cumulative loss", "")


def test_a_span_listed_respectively_gives_each_of_its_years() -> None:
    listed = "From 2021 to 2023, net losses were 825 million, 1.257 billion and 848 million yuan, respectively."
    assert not conflicting_period("What was Cambrian's net loss in 2022?", listed, "")
    assert conflicting_period("What was Cambrian's net loss in 2024?", listed, "")


def test_a_quarter_however_written_is_no_answer_for_the_fiscal_year() -> None:
    quote = "In the three months ending on October 26, its total revenue increased by 62% to a record $57 billion."
    assert conflicting_period("What was NVIDIA's total revenue for fiscal year 2025?", quote, quote)
    assert conflicting_period("What was Nvidia's FY2025 revenue?", quote, quote)
    assert not conflicting_period("What was NVIDIA's total revenue last quarter?", quote, quote)


def test_a_quarter_is_no_answer_for_the_full_year() -> None:
    question = "What was Cambrian's net profit for the full year 2025?"
    assert conflicting_period(question, "In the first quarter of this year, net profit was 355 million yuan", "")
    assert not conflicting_period(question, "Full-year 2025 net profit was 1 billion yuan", "")


def test_an_acronym_is_recognised_spelled_out() -> None:
    assert spelled_out("EU", "they handed the European Union a list")
    assert not spelled_out("EU", "they handed Brussels a list")
    assert spelled_out("SWHK", "Born in the chaos, Stand with Hong Kong adopted")  # "with" spelled too
    assert spelled_out("HKDC", "the Hong Kong Democracy Council, fronted by Anna Kwok")
    assert not spelled_out("SWHK", "Stand-up comedy with Hong Kong")
    assert not spelled_out("AI", "Apple and Intel")  # a joined run is spelled whole or not at all


def test_a_yes_no_question_is_not_answered_by_what_was_only_considered_or_asked_for() -> None:
    question = "Did the U.S. end up easing restrictions on Nvidia chip exports to the UAE?"
    assert hedges(question, "The US is considering easing restrictions on Nvidia chip exports to the UAE.")
    assert not hedges(question, "The US eased restrictions on Nvidia chip exports to the UAE in May 2025.")


def test_what_will_happen_does_not_say_what_happened() -> None:
    assert hedges("Who did Huang meet at APEC?", "Huang will also accompany Trump to APEC.")
    assert not hedges("Who will Huang meet at APEC?", "Huang will also accompany Trump to APEC.")
    assert not hedges("Who did Huang meet at APEC?", "Huang met Trump at APEC.")


def test_what_a_feeling_is_about_is_no_hedge_on_the_statement() -> None:
    question = "Who is the energy secretary that attended the Washington event?"
    quote = (
        "Energy Secretary Chris Wright attended and expressed optimism about the possibility of a possible agreement."
    )
    assert not hedges(question, quote)
    assert hedges(question, "Energy Secretary Chris Wright may have attended the event.")


def test_a_hedge_the_question_itself_uses_is_no_hedge() -> None:
    question = "Did Amazon back a bill that may restrict Nvidia's exports?"
    assert not hedges(question, "Amazon joined forces to support a bill that may further restrict exports.")


@pytest.mark.parametrize(
    ("quote", "someone"),
    [
        ("Evidence showed Lai bankrolled their global ad campaigns.", True),  # one word, before its verb
        ("It lost large customers such as Alibaba.", True),
        ("Huang will accompany Trump to attend the summit.", False),  # one word, no verb of its own
        ("Huang met employees in Shenzhen.", False),  # a place
        ("Another giant, AMD, also warned on April 16.", True),
        ("Huang met Vice Premier He Lifeng in Beijing.", True),
        ("Huang traveled to attend the Nvidia China Annual Meeting, where he met developers.", False),  # an event
    ],
)
def test_a_name_of_one_word_is_someone_where_it_stands_as_someone(quote: str, someone: bool) -> None:
    assert names_someone_new("Whom did Huang meet?", quote) is someone


@pytest.mark.parametrize(
    "quote",
    [
        "Huang met officials of the Ministry of Commerce.",
        "Huang met the heads of Chinese AI firms.",
        "The ban hit DeepSeek R1 developers.",
        "They named 14 Hong Kong SAR government officials.",
    ],
)
def test_an_organisation_a_place_or_a_model_is_no_person(quote: str) -> None:
    assert not names_someone_new("Which officials did Huang meet?", quote, people=True)


@pytest.mark.parametrize(
    ("question", "noun"),
    [
        ("Which lawmakers met Nvidia's executives on May 1?", "lawmakers"),
        ("Who are the 14 Hong Kong officials on the list?", "officials"),
        ("Which analyst said the restrictions will change production?", "analyst"),
        ("Which companies did Huang name?", None),
        ("Which report said the officials resigned?", None),  # a verb before the people
        ("What is the name of the Nvidia spokesperson who described it?", "spokesperson"),
        ("which nvidia execs went with jensen to the meeting", "execs"),
        ("Confirm the names of the 14 Hong Kong officials on the list for the EU.", "officials"),
    ],
)
def test_people_asked_for_are_read_before_any_verb(question: str, noun: str | None) -> None:
    assert people_asked(question) == noun


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("Which congressional panel did Nvidia's top brass meet on May 1?", ["congressional", "panel"]),
        ("Who was the spokesperson who described the meeting?", ["spokesperson"]),
        ("What was Nvidia's revenue?", []),  # no which-question: a figure is asked
        ("Which two big tech companies backed legislation that could limit shipments?", []),  # noun not read
    ],
)
def test_the_words_describing_a_which_answer_are_read_up_to_its_noun(question: str, words: list[str]) -> None:
    assert answer_class(question) == words


def test_a_class_heads_the_question_before_its_verb() -> None:
    assert heads_the_question("analyst", "Which analyst said the restrictions will change?")
    assert not heads_the_question("restrictions", "Which analyst said the restrictions will change?")
    assert heads_the_question("officials", "Who are the 14 Hong Kong officials on the list?")


def test_a_date_is_not_someone_new() -> None:
    assert not names_someone_new("Who did Huang name at DealBook?", "In November 2023, Huang said at DealBook that")


@pytest.mark.parametrize(
    ("question", "quote"),
    [
        ("Did the US consider easing restrictions?", "The US is considering easing restrictions."),  # same root
        ("Did Amazon support a bill to restrict exports?", "Amazon backed a bill that may further restrict exports."),
        ("Did Huang say he hopes to bring better chips?", "“I hope to bring even more advanced chips.”"),  # his words
        ("Did Huang claim Nvidia needs $5 billion?", "Huang claimed that Nvidia needs $5 billion, which would fund"),
    ],
)
def test_what_is_not_a_hedge_on_the_answer(question: str, quote: str) -> None:
    assert not hedges(question, quote)


def test_a_number_written_in_words_is_a_figure() -> None:
    assert gives_figure("It is reported that two domestic Internet giants bought Cambrian products")
    assert gives_figure("Huang was invited to the White House only once")


@pytest.mark.parametrize(
    "question",
    [
        "What else did Huang say about Huawei?",  # an adverb, not a noun
        "What remains of Nvidia's market share in China?",  # a verb before "of"
        "What happened to Nvidia's China sales?",  # a verb before a preposition
        "What are rare earth minerals being traded for?",  # the subject, then its verb
        "what is the trump administration doing with semiconductors in february",
        "what stuff did huang say about china",  # nothing in particular
        "What is Beijing giving up in return for the chip easing?",  # the subject, then its verb
        "what is china giving in return for the h20 green light",  # typed lower case
    ],
)
def test_a_what_question_without_a_noun_asks_for_none(question: str) -> None:
    assert asked_phrase(question) == []


@pytest.mark.parametrize(
    ("question", "speaker"),
    [
        ("What else did Huang say about Huawei?", "Huang"),
        ("What did Nvidia do after Trump said Huang was a wonderful man?", None),  # Trump speaks in a clause
        ("What did Nvidia add to its product system?", None),  # adding is not saying
        ("Has Mark Clifford responded to the claims?", "Mark Clifford"),  # whether he said it
        ("Did the U.S. ease restrictions?", None),
        ("What views did Energy Secretary Chris Wright express about the H20?", "Energy Secretary Chris Wright"),
        ("What position did Secretary of State Rubio take on chip exports?", None),  # taking is not saying
        ("What position did Secretary of State Rubio voice on chip exports?", "Secretary of State Rubio"),
        ("How has Trump's view of Huang changed?", "Trump"),  # his view is what he said
        ("What stuff did Huang say about China?", "Huang"),
        ("What Huang said about the UAE at the Hill & Valley Forum?", "Huang"),  # no "did", as some learners write
        ("What exactly Tim Cook told to the Chinese officials?", "Tim Cook"),
    ],
)
def test_the_speaker_is_the_one_asked_about(question: str, speaker: str | None) -> None:
    assert asked_speaker(question) == speaker


def test_what_date_asks_for_a_day_of_the_calendar() -> None:
    question = "On what date did DeepSeek release its R1 model?"
    assert not gives_date("shocked the AI community earlier this year by releasing a model", question)
    assert gives_date("On April 17, Huang held talks in Beijing", question)
    assert gives_date("shocked the AI community earlier this year", "When did DeepSeek release R1?")


def test_a_count_of_four_digits_is_no_year() -> None:
    question = "When did Huawei Cloud launch CloudMatrix 384?"
    assert not gives_date("the inference performance of a single card can reach 1920 tokens/s", question)
    assert gives_date("HUAWEI CLOUD released CloudMatrix 384 in 2025", question)


def test_which_year_asks_for_a_year() -> None:
    question = "In which year did NVIDIA hold a 95% share of China's advanced chip market?"
    assert not gives_date('This mid-month, Huang had revealed that its share dropped from "95% in the past"', question)
    assert gives_date("In 2024, Cambrian's stock price rose by 404.67%", question)
    assert not gives_date("sales fell last year", question)  # which year is asked, not when


def test_a_share_of_sales_is_a_sum_paid() -> None:
    question = "How much did Nvidia agree to pay the U.S. government?"
    assert not gives_money("Nvidia's market share in China fell from 95% to zero", question)
    assert not gives_money("accounting for 53% of total revenue", "What was Nvidia's total revenue?")
    paid = "after the company agreed to pay 15% of its sales in China to the U.S. government"
    assert not gives_money(f"under NVIDIA's lobbying and {paid}", "How much did the U.S. government pay Nvidia?")
    assert gives_money(f"under NVIDIA's lobbying and {paid}", "How much did Nvidia agree to pay?")
    assert gives_money(f"under NVIDIA's lobbying and {paid}", "What share of its sales had Nvidia agreed to pay?")


def test_model_numbers_day_ranges_serial_numbers_and_stock_codes_are_no_figures() -> None:
    question = "How much did Nvidia sell to the UAE?"
    assert not gives_figure("it violated the Announcement [2020] No. 16 of the regulator", question)
    assert not gives_figure("Cambrian (SHA: 688256), a leading AI chip company, released its report", question)
    assert not gives_figure("a country already cleared to buy American F-35 fighter jets", question)
    assert not gives_figure("may announce it during his Middle East trip from May 13 to 16", question)
    assert gives_figure("shipped on May 13 and 2 million units followed", question)
    assert gives_figure("sales fell 63% to $3 billion", question)


def test_which_quarter_asks_for_a_quarter() -> None:
    question = "In which quarter did Nvidia's quarterly revenue in China reach $2.1 billion?"
    assert lacks_asked_quarter("Nvidia's quarterly revenue in China once reached $2.1 billion", question)
    assert not lacks_asked_quarter("in the first quarter, revenue in China reached $2.1 billion", question)
    assert not lacks_asked_quarter("In the three months ending on October 26, revenue rose", question)


def test_the_source_reporting_it_is_nobody_new() -> None:
    question = "Who exactly will Huang meet at the APEC summit when he accompanies Trump?"
    quote = (
        "According to Bloomberg, Huang Renxun will also accompany Trump to attend the Asia-Pacific Economic"
        " Cooperation (APEC) summit."
    )
    assert not names_someone_new(question, quote)
    assert names_someone_new(question, "Huang will meet Xi Jinping at the APEC summit.")
    assert (
        unattributed("The Wall Street Journal reported on April 29 that controls failed.").strip() == "controls failed."
    )


def test_what_day_is_answered_by_a_weekday() -> None:
    question = "On what day was the first NVIDIA Developer Conference held?"
    assert gives_date("the first NVIDIA Developer Conference held in Washington on Tuesday", question)
    assert not gives_date("the first NVIDIA Developer Conference held in Washington", question)


def test_an_age_is_said_in_years_old() -> None:
    assert gives_age("the best ending for 62-year-old Huang")
    assert gives_age("Huang, aged 62, said")
    assert not gives_age("Nvidia entered China 30 years ago")


def test_the_end_of_something_is_asked_by_its_verb_not_by_a_period_that_ended() -> None:
    assert asks_completion("When did the regulator wrap up its antitrust probe into Nvidia?")
    assert asks_completion("What did the Cyberspace Administration of China conclude about the backdoor?")
    assert not asks_completion("How much did the H20 bring in for the quarter that ended in late October?")
    assert not asks_completion("Did Trump end up showing up at the conference?")


def test_an_end_is_told_by_its_outcome_not_by_the_start() -> None:
    assert tells_completion("Recently, Huang completed his second trip to China this year.")
    assert tells_completion("The regulator found that Nvidia violated the law.")
    assert not tells_completion("NVIDIA was questioned by the Cyberspace Administration of China.")
    assert not tells_completion("The State Administration for Market Regulation launched an investigation.")


def test_a_verb_or_a_season_is_no_date() -> None:
    assert not gives_date("Huang warned the U.S. could fall behind China, and may lose")
    assert gives_date("In May, Huang visited Taipei")


def test_an_age_is_no_date() -> None:
    assert not gives_date("the best ending for 62-year-old Huang, a billionaire")
    assert gives_date("a billionaire since last year")


def test_quarters_are_spelled_as_the_articles_write_them() -> None:
    assert spell_quarters("What was Nvidia's Q3 revenue?") == "What was Nvidia's third quarter revenue?"
    assert spell_quarters("nvda fq3 total revenue") == "nvda fiscal third quarter total revenue"


def test_an_acronym_is_found_inside_a_longer_name() -> None:
    assert spelled_out("CFO", "NVIDIA's Chief Financial Officer Colette Kress stated")


def test_an_abbreviation_does_not_end_a_sentence() -> None:
    assert not SENTENCE_END.search("Huang, speaking in the U.S. Capitol, said")
    assert SENTENCE_END.search("Huang spoke. Kress said")


def test_a_how_much_question_wants_an_amount_not_a_count() -> None:
    question = "How much was Nvidia worth?"
    assert not gives_figure("It is visiting China for the second time in three months.", question)
    assert gives_figure("Fresh off celebrating Nvidia's new $4 trillion market cap.", question)
    assert gives_figure("It made three trips in six months.", "How many trips did Huang make?")
    assert gives_figure("It paid five billion dollars.", "How much did Nvidia pay?")


def test_so_called_is_no_verb_of_saying() -> None:
    assert SPEECH_VERB.search("this so-called advocacy group") is None
    assert SPEECH_VERB.search("Huang called them excellent")


def test_scare_quotes_are_no_quotation_of_anyone() -> None:
    assert ExtractiveAnswerer._quotation('The trial ripped the mask off "Stand with Hong Kong." Courts heard') is None
    assert ExtractiveAnswerer._quotation("a “nightmare” brought by tariffs") is None
    quoted = ExtractiveAnswerer._quotation("He admired it: “99% of companies downloaded DeepSeek R1.”")
    assert quoted is not None and quoted.group() == "“"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Why did Trump not attend Nvidia's Washington conference?", True),
        ("Why didn't Huang visit Beijing?", True),
        ("Why did Huang turn down the invitations?", True),
        ("Why did Amazon and Microsoft support the bill?", False),
        ("Why did Huang miss the summit?", True),
        ("Why did Amazon support a bill that would not let Nvidia sell chips?", False),  # another clause
        ("Why do Chinese firms prefer Nvidia's products?", False),
    ],
)
def test_a_question_about_something_not_done_is_negated(question: str, expected: bool) -> None:
    assert negated(question) is expected


def test_a_how_many_question_counts_its_plural_nouns() -> None:
    assert counted("How many units of its AI chips did Cambrian deliver?") == ["units"]
    assert counted("How many Hong Kong officials and police did the group name?") == ["officials", "police"]
    assert counted("How many new export licenses has the U.S. issued?") == ["licenses"]
    assert counted("How many employees work at Cambrian?") == ["employees"]
    assert counted("What was Nvidia's revenue?") == []
    assert counted("How many times has Huang been to China?") == []  # any count or ordinal answers


def test_a_how_many_question_counts_its_subject_before_its_verb() -> None:
    assert counted("How many people attended the first NVIDIA Developer Conference held in Washington?") == ["people"]
    assert counted("How many H20 chips shipped?") == ["chips"]
    assert counted("How many United States officials came?") == []  # "United" is no verb


def test_how_many_times_is_answered_by_an_ordinal() -> None:
    question = "How many times had Huang been to China in the past six months?"
    assert gives_figure("This is Huang's third trip to China in just six months.", question)
    assert not gives_figure("Huang was in China in the past six months.", question)
    # Ordinals of other things count nothing.
    assert not gives_figure("Huang first visited China in the past six months.", question)
    assert not gives_figure("China is the second-largest market of the past six months.", question)


def test_a_count_is_followed_by_what_it_counts() -> None:
    assert counted_words("a hit list—14 Hong Kong SAR government officials and police") == [
        "hong kong sar government officials and"
    ]
    assert counted_words("he made his third trip to China") == ["trip to china"]
    assert counted_words("thirteen officials") == ["officials"]
    assert counted_words("met more than a dozen officials") == ["officials"]
    # Sums and shares count nothing.
    assert counted_words("sales fell 63% to $3 billion") == []
    assert counted_words("a loss of 1.257 billion yuan, 63 percent of sales, €3 billion") == []


@pytest.mark.parametrize(
    ("question", "part"),
    [
        ("What share of TSMC's first-quarter revenue came from smartphones?", "smartphones"),
        ("What percentage of TSMC's total revenue does Qualcomm account for?", "Qualcomm"),
        ("How much of Nvidia's revenue came from its data center segment, as reported?", "data center"),
        ("How much of TSMC's revenue came from Nvidia as a customer?", "Nvidia"),
        ("What share of AI researchers come from China according to Huang?", "China"),
        ("What share of Nvidia's revenue does China hold?", None),  # a share, not a part's
        ("How much revenue came from China?", None),  # no whole named
        ("What share of Nvidia's revenue did Kress say China would account for?", "China"),
    ],
)
def test_the_part_a_figure_is_asked_for(question: str, part: str | None) -> None:
    assert part_asked(question) == part


def test_a_figure_clause_opening_with_a_participle_keeps_its_subject() -> None:
    quote = (
        "By 2024, the United States is TSMC's largest exporter, accounting for 60% of its total revenue, and"
        " Apple, Nvidia and Qualcomm are its customers."
    )
    assert figure_clauses(quote) == [
        "the United States is TSMC's largest exporter, accounting for 60% of its total revenue"
    ]


@pytest.mark.parametrize(
    ("question", "owner"),
    [
        ("Which U.S. state's new AI regulations did Huang criticize?", "state"),
        ("Which specific U.S. states' AI regulations did he criticise?", "states"),
        ("Which trade-promotion body's president held talks with Huang?", "body"),
        ("Which two giants bought Cambrian's chips?", None),  # Cambrian's is past the verb
        ("Which Nvidia's chip?", None),  # a name, not a class
        ("which u.s. state's regulations did he criticize?", "state"),
        ("Which American state's rules?", "state"),
        ("Which is the country's largest chipmaker?", None),  # "is the" are no modifiers
        ("Which of the company's offices opened first?", None),
    ],
)
def test_the_class_owning_what_a_which_question_names(question: str, owner: str | None) -> None:
    assert class_owner(question) == owner


def test_how_a_stock_reacted_asks_how_it_moved() -> None:
    assert asks_stock_move("How did Nvidia's stock react to its third-quarter earnings report?")
    assert asks_stock_move("how have cambrian shares fared this year")
    assert asks_stock_move("What happened to NVIDIA's share price after it released its results?")
    assert asks_stock_move("What has happened with Cambrian's shares?")
    assert not asks_stock_move("What happened to Nvidia's sales in China?")
    assert not asks_stock_move("How did Nvidia react to the ban?")  # a company, not its stock
    assert not asks_stock_move("How did the stock market react to the ban?")  # the market, not a stock
    assert gives_stock_move("the stock prices of Chinese domestic chip companies have risen significantly")
    assert gives_stock_move("with profits and stock prices soaring")
    assert gives_stock_move("Nvidia's stock price fell nearly 7% on April 16.")
    assert not gives_stock_move("On November 19, NVIDIA released its third-quarter financial report.")
    assert not gives_stock_move("Revenue rose 62% to $57 billion.")  # a move, but not the stock's


def test_a_question_without_its_setting_keeps_what_it_asks() -> None:
    assert without_setting("Who did Huang call brilliant during his Beijing trip?") == "Who did Huang call brilliant ?"
    assert (
        without_setting("According to Huang at the Washington conference, what share are Chinese?")
        == "According to Huang , what share are Chinese?"
    )
    assert without_setting("When did Intel open its Beijing office?") == "When did Intel open its Beijing office?"
    assert without_setting("How much did Nvidia earn in China?") == "How much did Nvidia earn in China?"


def test_first_counts_nothing() -> None:
    assert counted_words("during the first NVIDIA Developer Conference held in Washington") == []


def test_a_month_with_a_day_is_a_date_and_one_without_is_not() -> None:
    assert dated_months("What happened on March 16, and on 3rd May?") == {"march", "may"}
    assert dated_months("what happened on march 16th or the 2nd of june?") == {"march", "june"}
    assert dated_months("How much did Nvidia sell in the three months to late October?") == set()


def test_only_a_figure_in_so_many_terms_drops_the_word_terms() -> None:
    assert IN_TERMS.sub(r"\1", "How much, in dollar terms?") == "How much, in dollar?"
    assert IN_TERMS.sub(r"\1", "What changed in trade terms?") == "What changed in trade terms?"


def test_a_figure_must_be_given_in_a_sentence_about_the_quarter_asked() -> None:
    quote = (
        "In the first quarter, the H20 chip generated $4.6 billion in sales. However, in the second"
        " quarter, NVIDIA did not sell any H20 chips."
    )
    assert not figure_for_quarter(quote, "What was Nvidia's revenue in the second quarter?")
    assert figure_for_quarter(quote, "How much did the H20 make in the first quarter?")
    assert figure_for_quarter("Revenue was $57 billion.", "What was the revenue in the third quarter?")


@pytest.mark.parametrize(
    ("question", "company"),
    [
        ("Who is the CEO of AMD?", ["AMD"]),
        ("Who was AMD's chief executive?", ["AMD"]),
        ("Who is the chief financial officer of Nvidia Corporation?", ["Nvidia"]),
        ("Who is the head of AI at Nvidia?", ["Nvidia"]),  # the last "of/at" names the company
        ("Who is Lei Jun?", []),  # a person, not a post
        ("Who did Huang meet in Beijing?", []),
    ],
)
def test_a_question_about_a_post_names_its_company(question: str, company: list[str]) -> None:
    assert post_at(question) == company


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("This is the first time in the 26 years since Nvidia entered China that Huang has put on a suit.", False),
        ("Cambrian is profitable for the first time in five years since its listing.", False),
        ("Since demand from China fell, Nvidia cut its forecast.", True),
        ("Nvidia cut its forecast, since demand from China fell.", True),
    ],
)
def test_since_gives_a_reason_only_where_it_opens_a_clause(text: str, reason: bool) -> None:
    assert gives_reason(text) is reason


@pytest.mark.parametrize(
    ("question", "verb"),
    [
        ("What did the Cyberspace Administration of China conclude after questioning NVIDIA?", "conclude"),
        ("What did Huang wear in Beijing?", "wear"),
        ("What did Huang say about Huawei?", None),  # a speaker question
        ("What did Nvidia do after the ban?", None),  # a verb that asks nothing of its own
        ("What did Nvidia's Q3 earnings show?", None),  # an owner, not a subject: too long to read
        ("Who funds the Hong Kong Democracy Council?", "funds"),  # the one asked for does it
        ("Who currently heads Nvidia's China business?", "heads"),
        ("Who warned that China is close?", None),  # a verb of saying: whose words, see asked_speaker
        ("Who was the spokesperson?", None),
        ("Who besides Huang attended the dinner?", None),  # ends like a verb, is none
        ("Who always wears a leather jacket?", None),
        ("Who warns that China is close?", None),  # a verb of saying in any tense
        ("Who gets 15% of the sales?", None),  # a verb that asks nothing of its own
        ("Who seems worried about Huawei?", None),  # the deed is further on
    ],
)
def test_the_verb_of_a_named_subject_is_what_is_asked(question: str, verb: str | None) -> None:
    assert asked_verb(question) == verb


@pytest.mark.parametrize(
    ("question", "thing"),
    [
        ("What is the name of the bill that Amazon backed?", "bill"),
        ("What is the name of the bill backed by Amazon?", "bill"),
        ("What is the name of the bill?", "bill"),
        ("what is the name of the group stand with hong kong serves as secretariat for?", None),
        ("What's the name of the more advanced chip Huang wants to sell?", "chip"),
        ("What is the name of Huawei's homegrown AI processor?", "processor"),
        ("What did Huang name his keynote?", None),
        ("What is the name of Nvidia's next China-specific chip?", "chip"),  # a capitalised adjective
        ("What is the new China-compliant chip Nvidia launched to replace the H20 called?", "chip"),
        ("What is this called in China?", None),
    ],
)
def test_the_thing_whose_name_is_asked(question: str, thing: str | None) -> None:
    assert named_thing(question) == thing


def test_a_contraction_is_read_as_its_two_words() -> None:
    read = spelled_out_question("What's Nvidia's revenue?")
    assert asked_phrase(read) == asked_phrase("What is Nvidia's revenue?") == ["revenue"]


def test_a_price_of_one_unit_is_asked_by_per_or_each() -> None:
    assert asks_per_unit("How much does an H20 chip cost per unit?")
    assert asks_per_unit("how much does a single H20 chip cost?")
    assert asks_per_unit("What price does Nvidia charge for each H20?")
    assert asks_per_unit("How much does one Nvidia H20 chip cost a Chinese buyer?")  # named between
    assert not asks_per_unit("How much did each Chinese chip company pay?")  # a company, not a chip
    assert not asks_per_unit("How much did the H20 ban cost Nvidia?")


def test_a_price_of_one_unit_is_given_per_unit() -> None:
    assert gives_per_unit("The H20 sold for about $12,000 each.")
    assert gives_per_unit("priced at $10,000 per chip")
    assert not gives_per_unit("a move Nvidia said would cost it $5.5 billion")


def test_a_government_is_written_as_its_seat() -> None:
    assert written_as_place("brussels", "they handed the European Union a hit list")
    assert written_as_place("brussels", "sanctions from the EU")
    assert not written_as_place("brussels", "lobbying the UK government")


def test_a_sentence_that_only_leads_on_to_a_consequence_is_split_at_the_link() -> None:
    sentence = "Nvidia did not warn its customers, which ultimately led to many companies still expecting chips."
    assert consequence_only(sentence) == (
        "Nvidia did not warn its customers, which ultimately ",
        " many companies still expecting chips.",
    )
    assert consequence_only("Sales fell due to the curbs, which led to layoffs.") is None  # a reason as well
    assert consequence_only("Sales fell sharply.") is None


@pytest.mark.parametrize(
    "question", ["what did deepseek r1 cost to train, $ figure?", "TSMC first-quarter gross margin — exact figure?"]
)
def test_a_figure_asked_for_at_the_end_makes_a_figure_question(question: str) -> None:
    assert asked_type(question) == "figure"


def test_a_question_asking_where_asks_for_a_place() -> None:
    assert asks_place("where is stand with hong kong based?")
    assert asks_place("Confirm: where and on what day was the first NVIDIA Developer Conference held?")
    assert asks_place("Wen Zhenbang — where's he working now?")
    assert asks_place("venue where Huang met Vice Premier He Lifeng in Beijing in July?")
    assert asks_place("The FT summit was held in which city?")
    assert not asks_place("What place did China take among Nvidia's markets?")
    assert not asks_place("Where did mainland China rank among Nvidia's sales regions?")
    assert not asks_place("Where does Nvidia stand?")
    assert not asks_place("Give me the exact line where Huang said people who underestimate Huawei are naive.")


@pytest.mark.parametrize(
    ("text", "gives"),
    [
        ("we had fully mass-produced the Blackwell chips in Arizona.", True),
        ("located on the 29th floor of One World Trade Center", True),
        ("lobbying Washington, London, and Brussels to slap sanctions", False),  # named, not placed
        ("protests in London opposing construction", False),  # the question's own place
        ("introduce this technology to the U.S. soon", False),  # "to" is a way, not a place
        ("Huang met officials in April", False),  # a time, not a place
        ("revenue in Q3 rose", False),
        ("the Committee for Freedom in Hong Kong Foundation", False),  # a name that holds "in"
    ],
)
def test_a_place_is_given_by_placing_something_somewhere_the_question_does_not_name(text: str, gives: bool) -> None:
    assert gives_place(text, "Where in London is it?") is gives


def test_a_country_is_no_place_within_the_place_asked_about() -> None:
    question = "Where in London is the Chinese embassy site that Stand with Hong Kong protested against?"
    assert not gives_place("protests in London opposing construction of the Chinese embassy in the UK.", question)
    assert gives_place("the embassy planned at Royal Mint Court", question)
    assert gives_place("the packaging is done in Taiwan", "Where is CoWoS packaging done?")


def test_an_event_attended_is_where_someone_was() -> None:
    question = "Where was Jensen on April 30 when he pushed Washington to change the chip export rules?"
    assert gives_place("On April 30, Huang attended the Hill & Valley Forum in Washington, D.C.", question)


def test_a_sum_lost_is_a_figure_only_for_a_question_about_a_loss() -> None:
    lost = "resulting in a loss of about $5.5 billion (about 40 billion yuan) in quarterly revenue."
    assert not gives_figure(lost, "What is Nvidia's quarterly revenue?")
    assert gives_figure(lost, "How much revenue did Nvidia lose?")


def test_a_level_reached_after_a_drop_is_still_a_figure() -> None:
    assert gives_figure("Sales in mainland China dropped by 63% to $3 billion.", "What were Nvidia's China sales?")


def test_a_title_before_a_name_is_dropped() -> None:
    assert spelled_out_question("Did Mr Huang or Ms. Kwok, or mr lee, speak?") == "Did Huang or Kwok, or lee, speak?"
    assert spelled_out_question("Is MS Word an MS product?") == "Is MS Word an MS product?"  # not a title


def test_china_is_named_as_the_articles_name_it() -> None:
    assert spelled_out_question("Who did he meet in the People's Republic?") == "Who did he meet in China?"
    assert spelled_out_question("the People’s Republic of China's market") == "China's market"
    assert (
        spelled_out_question("the Democratic People's Republic of Korea") == "the Democratic People's Republic of Korea"
    )
    assert spelled_out_question("the People's Republic of Bangladesh") == "the People's Republic of Bangladesh"


def test_months_and_contractions_are_spelled_as_the_articles_write_them() -> None:
    assert spelled_out_question("who'd jensen meet on apr 17?") == "who did jensen meet on April 17?"
    assert (
        spelled_out_question("What’s on for 3 Sept, or Sept 2025?") == "What is on for 3 September, or September 2025?"
    )
    assert spelled_out_question("did the dec vote mar it?") == "did the dec vote mar it?"  # no day: no month
    assert spelled_out_question("whats the name? whos he?") == "what is the name? who is he?"
    assert (
        spelled_out_question("why didnt they, bc it's gonna fail?") == "why did not they, because it's going to fail?"
    )
    assert spelled_out_question("on 17th apr") == "on 17th April"
    assert spelled_out_question("Who's met Huang? what's happened?") == "Who has met Huang? what has happened?"
    assert (
        spelled_out_question("nvda sales last qtr, approx, in bn")
        == "Nvidia sales last quarter, approximately, in billion"
    )
    assert spelled_out_question("Confirm: who paid?") == "who paid?"  # a label before the question
    assert spelled_out_question("Re-export controls: what changed?") == "Re-export controls: what changed?"
    assert spelled_out_question("fy99 vs FY 25") == "fiscal 1999 vs fiscal 2025"
    assert spelled_out_question("inference perf, how many ppl") == "inference performance, how many people"
    assert spelled_out_question("revenue y/y?") == "revenue year-over-year?"
    assert spelled_out_question("revenue Y/Y, YoY?") == "revenue year-over-year, year-over-year?"
    assert spelled_out_question("revenue FY25 vs fy2024") == "revenue fiscal 2025 vs fiscal 2024"
    assert spelled_out_question("mkt cap in feb, lei jun") == "market cap in February, lei jun"


def test_a_ticker_typed_in_capitals_is_the_company_it_stands_for() -> None:
    assert spelled_out_question("has NVDA applied for export licenses?") == "has Nvidia applied for export licenses?"
    assert spelled_out_question("did AMZN and MSFT back it") == "did Amazon and Microsoft back it"


def test_nv_in_capitals_is_nvidia_as_the_trade_writes_it() -> None:
    assert spelled_out_question("What share of NV's revenue came from China?") == (
        "What share of Nvidia's revenue came from China?"
    )
    assert spelled_out_question("what about nv") == "what about nv"  # too short to be sure of in lower case


def test_names_as_the_trade_writes_them_are_the_articles_own() -> None:
    assert (
        spelled_out_question("cambricon q1 net profit vs Cambricon 2024") == "Cambrian q1 net profit vs Cambrian 2024"
    )
    assert spelled_out_question("when did SAMR open the probe, samr being who") == (
        "when did State Administration for Market Regulation open the probe, "
        "State Administration for Market Regulation being who"
    )
    assert spelled_out_question("china sales incl hong kong") == "china sales including hong kong"


@pytest.mark.parametrize(
    "text",
    [
        "why did huang visit china cos of tariffs",  # "cos" is also "because"
        "what did the Rev. say",
        "a HK$500 fine, BC",  # shorthand only in lower case, never glued to a figure
        "in 2025 mar-a-lago",
        "sales may 30% fall",
        "a dec 10% drop",  # a month is spelled out beside a day or a year, not a percentage
        "the SEC filing and Commerce Sec. Lutnick",  # the regulator; a title as written
    ],
)
def test_words_that_only_look_like_shorthand_stay_as_typed(text: str) -> None:
    assert spelled_out_question(text) == text


def test_a_who_question_asks_for_the_post_after_an_owner() -> None:
    assert asked_phrase("Who is AMD's CEO?") == ["ceo"]  # a post's holder
    assert asked_phrase("who is nvidia's chief financial officer btw") == ["chief", "financial", "officer"]
    assert asked_phrase("Who was Huang's principal official counterpart?") == []  # no post asked for
    assert asked_phrase("Who is Huang?") == []


def test_a_describing_word_names_nothing_asked_for() -> None:
    assert asked_phrase("What was different about Huang's outfit in April?") == []
    assert asked_phrase("What was unusual about the meeting?") == []
    assert asked_phrase("What was the senior official's post?") == ["post"]


def test_a_question_of_only_a_noun_phrase_asks_for_its_noun() -> None:
    assert asked_phrase("huawei's market share in china?") == ["market", "share"]
    assert asked_phrase("Nvidia's China revenue?") == ["china", "revenue"]
    assert asked_phrase("nvidia q3 net income?") == ["nvidia", "q3", "net", "income"]
    assert asked_phrase("Did Nvidia's revenue rise?") == []  # a yes/no question, not a phrase
    assert asked_phrase("per the WSJ piece from late april, who has benefited?") == []  # a clause follows
    assert asked_phrase("cambrian net profit full year 2024") == ["cambrian", "net", "profit"]
    assert asked_phrase(spelled_out_question("nvidia revenue fy2025")) == ["nvidia", "revenue"]
    assert asked_phrase(spelled_out_question("nvidia fy2025 revenue")) == ["nvidia", "fiscal", "2025", "revenue"]
    assert asked_phrase("nvidia full revenue") == ["nvidia", "full", "revenue"]  # "full" alone is no period


def test_a_comparison_names_its_other_side() -> None:
    assert compared_with("How does the CloudMatrix 384's performance compare with Nvidia's H20?") == "H20"
    assert compared_with("How does Nvidia's share compare with Huawei's?") == "Huawei"
    assert compared_with("How did Nvidia's sales change?") is None


def test_a_clause_of_time_before_the_question_asks_no_date() -> None:
    assert asked_type("When Nvidia attacked the rule, what did it say policy should focus on?") is None
    assert asked_type("When did Nvidia attack the rule?") == "date"
    assert asked_type("When did the ban, which Nvidia opposed, take effect?") == "date"  # an aside, not a clause


def test_a_bare_figure_asks_for_the_noun_it_is_for() -> None:
    question = "What figure did NVIDIA report for net income in the three months ending on October 26?"
    assert asked_phrase(question) == ["net", "income"]
    assert asked_type(question) == "figure"
    assert counted("What figure did Huang give for the number of Blackwell chips mass-produced?") == ["chips"]


def test_a_period_before_the_noun_is_not_what_is_asked() -> None:
    assert asked_phrase("what was cambrian's full year 2024 revenue") == ["revenue"]
    assert asked_type("what was cambrian's full year 2024 revenue") == "figure"
    assert asked_phrase("What was Nvidia's revenue last quarter?") == ["revenue"]


def test_what_a_figure_was_reported_for_is_what_is_asked() -> None:
    question = "What did Nvidia report for data center segment revenue in the quarter ending Oct 26?"
    assert asked_phrase(question) == ["data", "center", "segment", "revenue"]
    assert asked_type(question) == "figure"
    assert asked_phrase("What did Nvidia postpone for the H20 launch?") == []  # postponing is not reporting


def test_a_terse_phrase_ends_before_as_of() -> None:
    assert asked_phrase("jensen china trip count as of mid-July?") == ["jensen", "china", "trip", "count"]


def test_a_price_per_unit_asks_for_the_price() -> None:
    question = "At what unit price per chip did Nvidia sell the H20 to Chinese customers?"
    assert asked_phrase(question) == ["unit", "price"]
    assert asks_per_unit(question)


def test_a_share_of_a_noun_tells_how_many() -> None:
    assert shares_of("99% of companies around the world downloaded DeepSeek R1") == ["companies"]
    assert shares_of("a 62% rise in revenue") == []
    assert shares_of("to pay 15% of its sales") == ["sales"]


def test_chat_shorthand_is_spelled_out() -> None:
    assert spelled_out_question("which hk govt yr was it, abt 1 bn?") == (
        "which Hong Kong government year was it, about 1 billion?"
    )
    assert spelled_out_question("amzn and msft rev rn, revs by segment") == (
        "Amazon and Microsoft revenue right now, revenues by segment"
    )
    assert spelled_out_question("energy sec at the DC conf, per the MFA spox and USG, not CN") == (
        "energy secretary at the DC conference, per the MFA spokesperson and U.S. government, not China"
    )


def test_what_an_owner_owns_ends_at_a_verb() -> None:
    assert owners("Did Nvidia's CEO say China will win?") == [("nvidia", ["ceo"])]


def test_an_owner_is_read_with_what_it_owns() -> None:
    assert owners("NVIDIA's market share in China's advanced chip market") == [
        ("nvidia", ["market", "share"]),
        ("china", ["advanced", "chip", "market"]),
    ]


def test_a_company_named_before_its_shares_owns_them() -> None:
    assert owners("how much did AMD shares fall on April 16") == [("amd", ["shares"])]
    assert owners("Nvidia stock dropped") == [("nvidia", ["stock"])]
    assert owners("Huawei shares of the market") == []  # a share of something, not its stock


def test_people_are_counted_by_nouns_for_people_only() -> None:
    assert counts_people(["people"], "hong kong sar government officials and police officers")
    assert not counts_people(["people"], "chips sold to china")
    assert not counts_people(["chips"], "government officials")
    assert not counts_people(["people"], "quarters in a row")


@pytest.mark.parametrize(
    ("quote", "only_the_class"),
    [
        ("He criticized new AI regulations introduced by U.S. states.", True),
        ("executives met with the US House Foreign Affairs Committee.", False),  # the class is part of a name
        ("Huang praised Chinese AI states such as California and Texas.", False),
        ("Huang attended the Asia-Pacific Economic Cooperation (APEC) states summit.", False),
        ("Texas, a state with new rules, was named.", False),
        ("States passed new rules.", True),  # capitalised as a sentence's first word, no name
        ("On Tuesday, the states passed new rules.", True),  # a date beside the class names none of it
    ],
)
def test_a_which_question_is_not_answered_by_its_class_alone(quote: str, only_the_class: bool) -> None:
    assert (
        mentions_class_only("states", "Which US states' AI regulations did Huang criticize?", quote) is only_the_class
    )


def test_a_name_before_the_class_s_own_modifiers_names_one_of_it() -> None:
    question = "Which fighter jet was the UAE already cleared to buy?"
    assert not mentions_class_only("jet", question, "a country already cleared to buy American F-35 fighter jets")
    assert mentions_class_only("jet", question, "a country already cleared to buy American fighter jets")


def test_a_class_asked_by_who_is_not_answered_by_its_class_alone() -> None:
    question = "Who was the Nvidia spokesperson that described the meeting?"
    assert mentions_class_only("spokesperson", question, "A Nvidia spokesperson stated that the meeting went well.")
    assert not mentions_class_only("spokesperson", question, "Nvidia spokesperson John Rizzo said it went well.")
    assert not mentions_class_only("spokesperson", question, "John Rizzo, chief spokesperson at Nvidia, said so.")


@pytest.mark.parametrize(
    ("focus", "quote"),
    [
        ("customers", "Apple, Nvidia, Qualcomm, and AMD among the top five customers."),
        ("companies", "Amazon and Microsoft were among the companies backing the bill."),
        ("sectors", "LLMs, autonomous driving, and robotics — sectors where Xiaomi and Nvidia collaborate."),
        ("chips", "The U.S. banned NVIDIA from exporting its chips for the Chinese market, H20."),
    ],
)
def test_a_class_is_named_by_a_list_or_an_apposition_around_it(focus: str, quote: str) -> None:
    assert not mentions_class_only(focus, f"Which {focus} are meant?", quote)


def test_a_class_the_quote_never_mentions_leaves_the_names_to_decide() -> None:
    assert not mentions_class_only("companies", "Which companies backed the bill?", "Amazon and Microsoft backed it.")


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        (
            "I spent forty years around engineers — so what share of AI researchers did he say are Chinese?",
            "what share of AI researchers did he say are Chinese?",
        ),
        (
            "This was in early May, no cameras. Which committee did Nvidia's executives meet on May 1?",
            "Which committee did Nvidia's executives meet on May 1?",
        ),
        ("Seems odd to me; why did Nvidia not apply for licenses?", "why did Nvidia not apply for licenses?"),
        ("So how did DeepSeek respond to Huang?", "how did DeepSeek respond to Huang?"),
        # Too few words of its own: the remark says what the question is about.
        ("The U.S. Commerce Department banned the H20. What did Nvidia say?", None),
        # "he" is someone only the remark names.
        ("Trump on the UAE chip limits — what weapons comparison did he make?", None),
        ("What did Huang say about the U.S. and China?", None),  # an initial's full stop ends no remark
        ("What did Mr. Huang say about which Chinese firms would get H20 chips?", None),
        # The part that asks opens with its question word; a relative "which" asks nothing.
        ("How much did the H20 make in Q3? I heard it collapsed after the ban, which hurt Nvidia.", None),
        ("When did Nvidia — which makes the H20 chip for China — stop production?", None),  # an aside
        (
            "Those are numbers I could only dream of in my job. For the three months ending late October, what did"
            " Nvidia earn?",
            "For the three months ending late October, what did Nvidia earn?",
        ),
        # A remark that says whose: "its" in the question is AMD's.
        ("About AMD — by how much did its stock price fall on April 16?", None),
        ("So?", None),
        ("Sorry if this is a basic question — who is Nvidia's CFO?", "who is Nvidia's CFO?"),
        # After the question: what the asker has or needs it for.
        (
            "What net profit did Cambrian report for the first quarter? Host says 355 million yuan.",
            "What net profit did Cambrian report for the first quarter?",
        ),
        ("When did Nvidia open its Beijing office? Need the exact date.", "When did Nvidia open its Beijing office?"),
        # ... unless it names something the question does not, or asks too.
        ("Firm date for CoWoS packaging in Arizona? Need it for our Blackwell sourcing plan.", None),
        ("How much did the H20 make? What was the total.", None),
    ],
)
def test_remarks_around_a_question_are_left_out(question: str, asked: str | None) -> None:
    assert asked_part(question) == (asked or question)


@pytest.mark.parametrize(
    ("question", "as_written"),
    [
        ("Did sales drop 63 percent?", "Did sales drop 63%?"),
        ("a 15 per cent cut", "a 15% cut"),
        ("Did Nvidia lose 5.5 billion dollars?", "Did Nvidia lose $5.5 billion?"),
        ("did they pay 50 US dollars", "did they pay $50"),
        ("a $5 billion dollar loss", "a $5 billion dollar loss"),  # already in figures
    ],
)
def test_an_amount_in_words_is_read_as_the_articles_write_it(question: str, as_written: str) -> None:
    assert spelled_out_question(question) == as_written


@pytest.mark.parametrize(
    ("question", "then"),
    [
        ("Who currently heads Nvidia's China business?", True),
        ("who's running stand with hong kong these days", True),
        ("Who was NVIDIA's first head of China?", False),  # asked about then, answered by then
    ],
)
def test_who_holds_a_post_now_is_not_who_held_it_at_the_time(question: str, then: bool) -> None:
    quote = "At the time, Wen Zhenbang, NVIDIA's first head of China, said that the office will open."
    assert holder_then_not_now(quote, question) is then


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("What did Stand with Hong Kong say about Nvidia?", "Stand with Hong Kong"),
        ("What did the Chinese foreign ministry say about trade?", "the Chinese foreign ministry"),
        ("What did TSMC chairman Wei Zhejia say about tariffs?", "Wei Zhejia"),
    ],
)
def test_a_speaker_is_told_as_the_question_names_them(question: str, named: str) -> None:
    assert speaker_as_asked(asked_speaker(question), question) == named


@pytest.mark.parametrize(
    ("published", "question", "month"),
    [
        ("2025-07-16", "Who did Huang meet during his July trip?", "July"),
        ("2025-05-03", "Who raised the concern at the May 1 meeting?", ""),  # a day's date is the text's to give
        (None, "Who did Huang meet during his July trip?", ""),
    ],
)
def test_an_article_dates_what_it_reports_by_the_month_it_came_out(
    published: str | None, question: str, month: str
) -> None:
    article = ArticleMeta(source="seeds/a.txt", title=None, published=published, url=None)
    assert published_month(article, question) == month


def test_a_question_asking_how_long_asks_for_a_span_of_time() -> None:
    assert asks_duration("How long had H20 sales to China been paused before July?")
    assert asks_duration("For how long had Nvidia been blocked from selling the H20?")
    assert asks_duration("how long after trump asked did they get blackwell fully mass produced")
    assert asks_duration("How long a prison sentence did Andy Li Yu-hin receive?")
    assert not asks_duration("How long was the target list the group sent to Brussels?")  # its length
    assert not asks_duration("How much did Nvidia lose?")


@pytest.mark.parametrize(
    ("text", "gives"),
    [
        ("resume sales of its H20 AI chip to China, following a three-month pause", True),
        ("nine months later, we had fully mass-produced the Blackwell chips in Arizona", True),
        ("in the 26 years since Nvidia entered China", True),
        ("In April, the Trump administration halted sales of Nvidia's H20 chips", False),
        ("got arrested and locked up", False),
    ],
)
def test_a_span_of_time_is_given_by_a_number_of_units_of_time(text: str, gives: bool) -> None:
    assert gives_duration(text) is gives


def test_a_question_asking_how_much_cheaper_asks_for_a_difference() -> None:
    assert asks_difference("How much cheaper is energy for Chinese data centers than US ones?")
    assert asks_difference("How much more money did they bring in over the quarter?")
    assert not asks_difference("How much power do Chinese data centers use?")  # "power" is no comparative
    assert not asks_difference("How much did Nvidia lose?")


@pytest.mark.parametrize(
    ("text", "gives"),
    [
        ("its total revenue increased by 62% year-over-year to a record $57 billion", True),
        ("the CloudMatrix is twice as fast", True),
        ('lower energy costs ... could lead to "50 new regulatory measures."', False),  # a count of measures
    ],
)
def test_a_difference_is_given_by_a_share_a_multiple_or_a_sum(text: str, gives: bool) -> None:
    assert gives_difference(text) is gives


def test_sitting_down_with_someone_is_read_as_meeting_them() -> None:
    assert spelled_out_question("Which official did Jensen sit down with in Beijing?") == (
        "Which official did Jensen meet with in Beijing?"
    )
    assert spelled_out_question("who'd he sit down w in beijing") == "who did he meet w in beijing"
    assert spelled_out_question("Who sat down with Huang?") == "Who met with Huang?"
    assert spelled_out_question("He sat down on the stage.") == "He sat down on the stage."  # no one met


def test_a_company_s_bottom_line_is_read_as_its_net_profit() -> None:
    assert spelled_out_question("Cambrian bottom line for Q1?") == "Cambrian net profit for Q1?"
    assert spelled_out_question("What was its bottom-line result?") == "What was its net profit result?"


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        # Half a year, as the articles count it; not the first half of a year.
        (
            "trips in half a year, the half-year before, the previous half year",
            "trips in six months, the six months before, the previous six months",
        ),
        ("in the first half of the year", "in the first half of the year"),
        # Passing the hat is crowdfunding; a hatch is not a hat.
        ("when did SWHK last pass the hat?", "when did SWHK last crowdfund?"),
        ("Were they passing the hat", "Were they crowdfunding"),
        ("He passed the hatch.", "He passed the hatch."),
        # Throwing one's weight behind something is supporting it; throwing a weight is not.
        ("Who threw their weight behind the bill?", "Who supported the bill?"),
        ("has it thrown its weight behind", "has it supported"),
        ("They threw the weight away.", "They threw the weight away."),
        # A length of time asked for is how long; a length of something else is not.
        ("For what length of time were sales halted?", "how long were sales halted?"),
        ("how much time passed between them", "how long passed between them"),
        ("What length of cable?", "What length of cable?"),
        # Turning or showing up at an event is attending it; turning up the volume is not.
        ("did trump turn up at the DC conference?", "did trump attend the DC conference?"),
        ("Who showed up for the meeting", "Who attended the meeting"),
        ("They turned up the volume.", "They turned up the volume."),
        ("did he turnn up at it", "did he turnn up at it"),  # a typo is left as typed, not a crash
        # What sets a company back is what it costs it; setting a clock back is not.
        ("how much would the halt set it back?", "how much would the halt cost?"),
        ("what did that set nvidia back", "what did that cost"),
        ("They set the clock back.", "They set the clock back."),
    ],
)
def test_a_phrase_is_read_in_the_articles_words(typed: str, read: str) -> None:
    assert spelled_out_question(typed) == read


def test_a_two_word_name_sharing_a_word_with_the_question_is_no_one_new() -> None:
    question = "Which Chinese chip companies did Huang say rose?"
    assert not names_something_new(question, "Huang Renxun added that Chinese domestic chip companies have risen.")
    assert names_something_new(question, "Huang Renxun said Cambricon rose.")


def test_who_someone_met_is_asked_by_the_verb_of_meeting() -> None:
    assert verb_done_to_whom("Who did Huang meet in July?") == "meet"
    assert verb_done_to_whom("Which Beijing power players did Jensen meet with on the July trip?") == "meet"
    assert verb_done_to_whom("Which forum did Huang speak at in DC?") is None  # "attended" answers it


def test_a_charge_a_company_flags_is_one_it_warns_of() -> None:
    assert (
        spelled_out_question("What charge did AMD flag from the curbs?")
        == "What charge did AMD warn of from the curbs?"
    )
    assert spelled_out_question("AMD flagged a charge") == "AMD warned of a charge"
    # A flag, not a verb: the words between "did" and it are too many for a subject.
    question = "When did Nvidia plant its first official flag in Beijing?"
    assert spelled_out_question(question) == question
