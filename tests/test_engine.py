"""The answering core: question cleaning, offline follow-ups, and what the extractive answerer quotes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.engine import clean_question, standalone_offline
from bot.errors import InvalidQuestion
from bot.models import Turn
from bot.quotes import verify_citation

PREVIOUS = [Turn("What did Huang say about export controls?", "According to ...")]


def test_control_characters_become_spaces() -> None:
    assert clean_question("What\x00 did\x1b Huang\tsay?") == "What did Huang say?"


@pytest.mark.parametrize(
    "raw",
    [
        "What did \x1b[31mHuang\x1b[0m say?",  # colour
        "What did \x1b(BHuang say?",  # character set, as `tput sgr0` writes it
        "What did \x9b1mHuang say?",  # 8-bit control sequence
        "What did \x1b]0;title\x07Huang say?",  # window title
    ],
)
def test_a_pasted_terminal_escape_leaves_nothing_behind(raw: str) -> None:
    assert clean_question(raw) == "What did Huang say?"


def test_a_cut_off_escape_does_not_eat_the_next_word() -> None:
    assert clean_question("What\x1b[31 did Huang say?").endswith(" did Huang say?")


@pytest.mark.parametrize("raw", ["", "   ", "\n\t", "\x00\x01"])
def test_empty_question_is_rejected_with_an_example(raw: str) -> None:
    with pytest.raises(InvalidQuestion, match="empty"):
        clean_question(raw)


def test_overlong_question_is_rejected_with_the_limit() -> None:
    with pytest.raises(InvalidQuestion, match="2,000"):
        clean_question("why " * 5000)


def test_what_about_follow_up_swaps_the_topic_of_the_previous_question() -> None:
    assert standalone_offline("and what about Huawei?", PREVIOUS) == "What did Huang say about Huawei?"


@pytest.mark.parametrize(
    ("follow_up", "read_as"),
    [
        ("What about the second quarter?", "How much did the H20 generate in the second quarter?"),
        ("And in Q3?", "How much did the H20 generate in Q3?"),
        ("Q3?", "How much did the H20 generate in Q3?"),
        ("In the second quarter?", "How much did the H20 generate in the second quarter?"),
        ("So what about Q2?", "How much did the H20 generate in Q2?"),
    ],
)
def test_a_follow_up_about_another_period_asks_the_previous_question_of_it(follow_up: str, read_as: str) -> None:
    previous = [Turn("How much did the H20 generate in the first quarter?", "...")]
    assert standalone_offline(follow_up, previous) == read_as


def test_a_follow_up_about_another_year_replaces_the_year_not_a_number() -> None:
    previous = [Turn("How many of its 2000 engineers left in 2024?", "...")]
    assert standalone_offline("What about last year?", previous) == "How many of its 2000 engineers left last year?"


def test_a_year_does_not_replace_a_quarter() -> None:
    previous = [Turn("How much did the H20 generate in the first quarter?", "...")]
    follow_up = "What about 2024?"
    assert standalone_offline(follow_up, previous) == f"{follow_up} {previous[0].question}"


def test_what_else_asks_the_previous_question_again() -> None:
    assert standalone_offline("What else did he say about it?", PREVIOUS) == PREVIOUS[0].question
    assert standalone_offline("What did he say next?", PREVIOUS) == PREVIOUS[0].question


def test_then_or_other_ask_nothing_more() -> None:
    question = "What did it report then?"
    assert standalone_offline(question, PREVIOUS) == f"{question} {PREVIOUS[0].question}"


@pytest.mark.slow
def test_asking_what_else_until_nothing_is_left_never_repeats_a_quote(engine) -> None:
    history: list[Turn] = []
    seen: list[tuple[str, int, int]] = []
    for question in ["What did Huang say about Huawei?"] + ["What else?"] * 8:
        answer = engine.ask(question, history)
        spans = [(c.source, c.start, c.end) for c in answer.citations]
        assert not any(s == s2 and a < e2 and a2 < e for s, a, e in spans for s2, a2, e2 in seen)
        seen += spans
        history.append(Turn(answer.read_as or question, answer.answer, tuple(spans)))
    assert answer.answer == "The articles don't say: nothing more on this than what was quoted already."


@pytest.mark.slow
def test_what_else_is_not_answered_with_what_was_quoted_before(engine) -> None:
    first = engine.ask("What did Huang say about Huawei?")
    cited = tuple((c.source, c.start, c.end) for c in first.citations)

    again = engine.ask("What else did he say about it?", [Turn(first.question, first.answer, cited)])

    assert again.found and first.found
    assert not {(c.source, c.start) for c in again.citations} & {(s, a) for s, a, _ in cited}


def test_pronoun_follow_up_is_read_with_the_previous_question() -> None:
    rewritten = standalone_offline("Why did he say that?", PREVIOUS)
    assert "Why did he say that?" in rewritten and PREVIOUS[0].question in rewritten


def test_a_follow_up_that_names_nothing_is_read_with_the_previous_question() -> None:
    assert standalone_offline("When was that?", PREVIOUS) == f"When was that? {PREVIOUS[0].question}"


def test_punctuation_alone_is_no_follow_up() -> None:
    assert standalone_offline("???", PREVIOUS) == "???"


def test_standalone_question_is_left_alone_even_in_a_conversation() -> None:
    question = "What was Nvidia's total revenue in the third quarter?"
    assert standalone_offline(question, PREVIOUS) == question


@pytest.mark.slow
def test_follow_up_in_a_conversation_answers_the_new_topic(engine) -> None:
    history = [Turn("What did Huang say about Huawei?", "...")]
    answer = engine.ask("and what about immigration?", history)
    assert answer.found
    assert any("immigra" in c.quote for c in answer.citations)


@pytest.mark.slow
def test_sentence_that_introduces_a_quote_is_quoted_with_the_quote(engine) -> None:
    answer = engine.ask("What did Huang say about Huawei?")
    first = answer.citations[0]
    assert first.quote.startswith("When asked about rival Huawei")
    assert "deeply naïve" in first.quote
    assert verify_citation(first, engine.config.project_root)


@pytest.mark.slow
def test_refusal_names_the_missing_terms_and_the_closest_articles(engine) -> None:
    answer = engine.ask("What did Huang say about Samsung's memory chips?")
    assert not answer.found and answer.citations == []
    assert "samsung" in answer.answer.lower()
    assert answer.closest


def _eval_questions() -> list[str]:
    import json
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "evals"
    return [json.loads(line)["question"] for name in ("dev.jsonl", "test.jsonl") for line in (root / name).open()]


@pytest.mark.slow
def test_concurrent_questions_get_the_same_answers_as_one_at_a_time(engine) -> None:
    from concurrent.futures import ThreadPoolExecutor

    questions = _eval_questions()[:12]
    alone = [engine.ask(q).to_dict() for q in questions]
    with ThreadPoolExecutor(6) as pool:
        together = [a.to_dict() for a in pool.map(engine.ask, questions)]
    assert together == alone


@pytest.mark.slow
def test_an_article_edited_after_indexing_withholds_the_answer_and_says_to_reindex(tmp_path) -> None:
    import shutil

    from bot.config import Config
    from bot.engine import Engine

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(Path(__file__).resolve().parent.parent / "seeds" / "000_999120c5d4b66c65.txt", seeds)
    engine = Engine.load(Config(seeds_dir=seeds, index_dir=tmp_path / "index", project_root=tmp_path))
    article = seeds / "000_999120c5d4b66c65.txt"
    article.write_text("Breaking: " + article.read_text(encoding="utf-8"), encoding="utf-8")

    answer = engine.ask("What did Huang say about immigration?")

    assert not answer.found and answer.citations == []
    assert "python -m bot index" in answer.answer


@pytest.mark.parametrize(
    ("question", "speaker"),
    [
        ("What did Tim Cook say about China?", "Tim Cook"),
        ("What did Xiaomi CEO Lei Jun say about Nvidia?", "Xiaomi CEO Lei Jun"),
        ("How did Huang describe Huawei?", "Huang"),
        ("How did Trump react to the deal?", "Trump"),
        ("What is Colette Kress's view of the ban?", "Colette Kress"),
        ("What was Huang's response to the ban?", None),  # a response may be something done
        ("What was the outcome of the probe?", None),
        ("What did TSMC chairman Wei Zhejia say about tariffs?", "Wei Zhejia"),
        ("What did Ren Hongbin, president of the China Council, say to Huang?", "Ren Hongbin"),
        ("What did Patrick Moorhead of Moor Insights & Strategy say?", "Patrick Moorhead"),
        ("What did Nvidia's CFO say?", None),  # a title, not a name to look for
        ("What has Mark Clifford said in response to the accusations?", "Mark Clifford"),
        ("What did Counterpoint's Brady Wang forecast for Huawei?", "Brady Wang"),
        ("What are Nvidia's China sales?", None),
        ("What did the spokesperson say?", None),  # no name asked for: no speaker to check
    ],
)
def test_the_speaker_a_question_asks_about_is_recognised(question: str, speaker: str | None) -> None:
    from bot.question import asked_speaker

    assert asked_speaker(question) == speaker


@pytest.mark.slow
def test_what_someone_said_is_refused_when_the_articles_only_mention_them(engine) -> None:
    answer = engine.ask("What did Tim Cook say about China?")
    assert not answer.found
    assert "do not quote Tim Cook" in answer.answer


@pytest.mark.slow
def test_what_someone_said_is_answered_with_their_own_words_over_a_better_scored_sentence(engine) -> None:
    answer = engine.ask("What did Rubio say about the relationship between the U.S. and China?")
    assert answer.found
    assert answer.citations[0].quote.startswith("Rubio stated")


@pytest.mark.slow
def test_a_quotation_is_never_cut_mid_way(engine) -> None:
    answer = engine.ask("What did Huang say when a reporter asked if he would come back to China?")
    quote = answer.citations[0].quote
    assert quote.endswith("You have to invite me.”")
    assert quote.count("“") == quote.count("”")


def test_the_parts_of_names_in_a_question_are_known_with_the_whole_name() -> None:
    from bot.question import name_parts

    assert name_parts("What did Jensen Huang say about Hill & Valley Forum?") == {
        "jensen": "jensen huang",
        "valley": "valley forum",
    }


@pytest.mark.slow
def test_the_commonest_question_is_answered_although_articles_name_him_differently(engine) -> None:
    # Two of the articles call him "Huang Renxun", none of their sentences say "Jensen".
    answer = engine.ask("What did Jensen Huang say about export controls?")
    assert answer.found
    assert any("export" in c.quote for c in answer.citations)


@pytest.mark.slow
def test_a_link_in_the_question_is_no_word_to_look_for(engine) -> None:
    question = "What does https://www.toutiao.com/article/7566453196613255720/ say about immigration?"

    answer = engine.ask(question)

    assert answer.found and answer.question == question
    assert any("immigra" in c.quote for c in answer.citations)


@pytest.mark.slow
def test_an_articles_own_link_answers_from_that_article_only(engine) -> None:
    link = "https://www.toutiao.com/article/7574968591628501540/"  # seeds/003's

    about_revenue = engine.ask(f"What does {link} say about Nvidia's revenue?")
    about_immigration = engine.ask(f"What does {link} say about immigration?")  # only seeds/000 does

    assert about_revenue.found and {c.source for c in about_revenue.citations} == {"seeds/003_7e2d3ec3dfceee7d.txt"}
    assert not about_immigration.found


@pytest.mark.slow
def test_an_articles_share_link_followed_by_punctuation_still_names_it(engine) -> None:
    link = "https://m.toutiao.com/article/7574968591628501540/?utm_source=share"  # seeds/003's, shared

    answer = engine.ask(f"In {link}, what did Colette Kress say?")

    assert answer.found and {c.source for c in answer.citations} == {"seeds/003_7e2d3ec3dfceee7d.txt"}
    assert not answer.notes


@pytest.mark.slow
def test_keeping_one_articles_passages_does_not_make_a_question_off_topic(engine) -> None:
    question = "What did Colette Kress say?"
    article = next(a for a in engine.retriever.articles() if a.source.startswith("seeds/003"))

    within = engine.retriever.retrieve(question, article=article)

    assert within.topic_similarity == engine.retriever.retrieve(question).topic_similarity
    assert {p.article for p in within.passages} == {article}


@pytest.mark.slow
def test_a_link_to_no_article_is_answered_from_all_with_a_note(engine) -> None:
    answer = engine.ask("What does example.com/news say about China?")

    assert answer.found
    assert any("not one of the articles'" in note for note in answer.notes)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "unmentioned"),
    [
        ("How much revenue did Nvidia make in 2013?", ["2013"]),
        ("What happened on March 16?", ["march"]),
        ("Did sales in mainland China drop by 63 percent?", []),  # the articles write "63%"
        ("What percent of its China sales did Nvidia agree to pay?", []),
        ("What happened on 2025-05-03?", []),  # a date in figures the articles write in words
    ],
)
def test_only_numbers_and_dates_the_articles_never_use_are_unmentioned_facts(
    engine, question: str, unmentioned: list[str]
) -> None:
    assert engine.extractive.vocabulary.unmentioned_facts(question) == unmentioned


@pytest.mark.slow
def test_a_company_named_by_its_domain_is_no_link(engine) -> None:
    answer = engine.ask("Did JD.com buy H20 chips?")
    assert not answer.found and not answer.notes  # JD is never mentioned: nothing to quote


@pytest.mark.slow
def test_a_question_that_is_only_a_link_says_to_ask_something(engine) -> None:
    with pytest.raises(InvalidQuestion, match="only a link"):
        engine.ask("https://www.toutiao.com/article/7566453196613255720/")


@pytest.mark.slow
def test_the_example_an_empty_question_suggests_is_answered(engine) -> None:
    with pytest.raises(InvalidQuestion) as empty:
        engine.ask("   ")
    [example] = re.findall(r'e\.g\. "([^"]+)"', str(empty.value))

    assert engine.ask(example).found


@pytest.mark.parametrize(
    "question",
    [
        "What did he say about Huawei?",  # "he" before any name
        "What did Huang say about it?",  # "it" is the previous topic, whoever the question names
        "Did Huang visit them?",
        "Thanks! What did he say about it?",  # a sentence's first word names no one
        "In March, what did he say?",  # nor does a month
    ],
)
def test_a_pronoun_that_points_back_makes_a_follow_up(question: str) -> None:
    assert standalone_offline(question, PREVIOUS) == f"{question} {PREVIOUS[0].question}"


@pytest.mark.parametrize(
    "question",
    [
        "Is it true that Nvidia stopped selling the H20 in China?",  # an "it" that stands for nothing
        "How long has it been since Nvidia entered China?",
        "Did Nvidia say it would resume sales of the H20 to China?",  # "it" is Nvidia
        "What did the IT department say?",  # "IT" is no pronoun
    ],
)
def test_a_question_whose_pronoun_points_to_nothing_before_stands_alone(question: str) -> None:
    assert standalone_offline(question, PREVIOUS) == question


def test_a_possessive_after_a_name_of_the_question_is_that_names() -> None:
    question = "How much did TSMC's revenue grow in their Q1 results?"
    assert standalone_offline(question, PREVIOUS) == question


def test_a_chain_of_follow_ups_is_read_with_the_topic_not_every_follow_up() -> None:
    chain = [Turn("When did he say that? What did Huang say about immigration?", "...")]
    assert standalone_offline("Where was he?", chain) == "Where was he? What did Huang say about immigration?"


def test_what_about_a_pronoun_is_read_with_the_previous_question_not_put_in_it() -> None:
    assert standalone_offline("What about him?", PREVIOUS) == f"What about him? {PREVIOUS[0].question}"


def test_a_question_of_several_sentences_is_kept_whole_for_the_next_follow_up() -> None:
    previous = [Turn("Who is Colette Kress? What did she say about China?", "...")]
    assert standalone_offline("When was that?", previous) == f"When was that? {previous[0].question}"


def test_initials_map_to_the_name_they_abbreviate() -> None:
    from bot.retrieval import spelled_out_names

    spelled = spelled_out_names(["NVIDIA's Chief Financial Officer Colette Kress said so."])

    assert spelled["CFO"] == ["chief", "financial", "officer"]
    assert spelled["CK"] == ["colette", "kress"]


@pytest.mark.slow
def test_an_acronym_the_articles_spell_out_finds_its_spelling(engine) -> None:
    best = engine.retriever.retrieve("Who is the CFO of Nvidia?").passages[0]
    assert "Chief Financial Officer" in best.text


@pytest.mark.slow
def test_a_refusal_does_not_say_the_articles_never_mention_an_acronym_they_spell_out(engine) -> None:
    answer = engine.ask("Who is the CFO of Nvidia?")
    assert answer.found or "never mention" not in answer.answer


def test_a_follow_up_with_regex_escapes_is_rewritten_not_crashed_on() -> None:
    assert standalone_offline(r"and what about \d and \1?", PREVIOUS) == r"What did Huang say about \d and \1?"


@pytest.mark.slow
def test_what_someone_said_is_not_answered_with_what_another_said_about_them(engine) -> None:
    # "Huang, in turn, lauded Trump's efforts ..." names Trump, but it is Huang speaking.
    answer = engine.ask("What did Trump say about Nvidia?")
    assert all(not c.quote.startswith("Huang, in turn, lauded") for c in answer.citations)


@pytest.mark.slow
def test_a_name_inside_another_word_is_not_a_speaker(engine) -> None:
    answer = engine.ask("What did Li say?")  # "li" is inside "applied", "politics", ...
    assert not answer.found


@pytest.mark.slow
def test_figures_get_no_credit_from_similar_figures(engine) -> None:
    vocabulary = engine.extractive.vocabulary
    # "billion" and "million" embed alike; as facts they differ.
    assert vocabulary.coverage("billion", "revenue of 50 million").share == 0.0
    assert vocabulary.coverage("firms", "Chinese enterprises favor NVIDIA products").share > 0.5


@pytest.mark.slow
def test_the_prc_is_china(engine) -> None:
    assert engine.extractive.vocabulary.coverage("PRC revenue", "revenue in China").share == 1.0


@pytest.mark.slow
def test_a_refusal_does_not_say_a_place_the_articles_abbreviate_is_never_mentioned(engine) -> None:
    # The articles write "UAE", never "Emirates".
    answer = engine.ask(
        "What argument did Trump make for letting the Emirates get Nvidia gear? Something about military aircraft?"
    )
    assert "“Emirates”" not in answer.answer


@pytest.mark.slow
def test_ordinals_get_no_credit_from_other_ordinals(engine) -> None:
    # "second quarter" and "first quarter" embed alike; as periods they differ.
    assert engine.extractive.vocabulary.coverage("second", "in the first quarter").share == 0.0


@pytest.mark.slow
def test_a_name_is_covered_by_its_initials(engine) -> None:
    vocabulary = engine.extractive.vocabulary
    question = "Why did Trump question limits on chips for the United Arab Emirates?"
    assert vocabulary.coverage(question, "Trump questioned limits on chips for the UAE").share == 1.0


@pytest.mark.slow
def test_a_word_the_articles_never_use_is_looked_for_as_their_closest_word(engine) -> None:
    # The articles say "annual", never "yearly".
    assert "annual" in engine.retriever._expansions(["yearly", "revenue"])
    top = engine.retriever.retrieve("What was Nvidia's all-time high yearly revenue from China?").passages[0]
    assert "annual revenue in China was US$17.108 billion" in top.text


@pytest.mark.slow
def test_the_bm25_baseline_is_not_expanded(engine) -> None:
    # The articles say "laws", never "legislation": plain BM25 scores nothing, as a baseline should.
    assert engine.retriever._expansions(["legislation"]) == ["laws"]
    assert all(p.score == 0 for p in engine.retriever.retrieve("legislation", strategy="bm25").passages)


@pytest.mark.slow
def test_dense_retrieval_ranks_exactly_as_the_vector_index_does(engine) -> None:
    from llama_index.core.schema import QueryBundle

    library = engine.retriever.index.vector_index.as_retriever(similarity_top_k=40)
    questions = ["What did Huang say about immigration?", "How much did AMD lose?", "Who runs Hong Kong Watch?"]
    for question in questions:
        bundle = QueryBundle(question, embedding=engine.retriever.embed_model.get_query_embedding(question))
        ours = engine.retriever.dense.retrieve(bundle)
        theirs = library.retrieve(bundle)
        assert [n.node.node_id for n in ours] == [n.node.node_id for n in theirs]
        assert [n.score for n in ours] == pytest.approx([n.score for n in theirs], abs=1e-5)


@pytest.mark.slow
def test_a_follow_up_is_judged_on_its_own_question_not_the_one_before(engine) -> None:
    # Read with the question before it, its last part is that question: it must not answer again.
    previous = [Turn("Which officials did Huang hold talks with in Beijing on April 17?", "...")]
    answer = engine.ask("Why did he go there?", previous)
    assert not answer.found
    assert answer.answer.endswith("they give no reason for this.")
