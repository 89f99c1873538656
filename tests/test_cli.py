"""The terminal front end, through ``python -m bot`` exactly as users and scripts call it."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEEDS = PROJECT_ROOT / "seeds"

CONTRACT_KEYS = ["question", "answer", "found", "mode", "citations"]
CITATION_KEYS = ["n", "quote", "source", "start", "end", "title", "published", "url"]
QUESTIONS = [
    "What did Huang say about immigration?",
    "What did Huang say about Samsung's memory chips?",
    "Why did Huang say the U.S. could fall behind China in AI?",
]


def _env(index_dir: Path | None = None, **extra: str) -> dict[str, str]:
    """The test's (clean) environment, offline, with every setting a stray .env could set fixed."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "OPENAI_", "SLACK_"))}
    env.update(HF_HUB_OFFLINE="1", BOT_OFFLINE="1", OPENAI_API_KEY="", BOT_SEEDS_DIR=str(SEEDS))
    if index_dir is not None:
        env["BOT_INDEX_DIR"] = str(index_dir)
    env.update(extra)
    return env


def run_bot(
    *args: str, env: dict[str, str], stdin: str | None = None, timeout: float = 300
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=PROJECT_ROOT,
        env=env,
        timeout=timeout,
    )


def assert_contract(obj: dict[str, Any]) -> None:
    assert list(obj) == CONTRACT_KEYS
    assert isinstance(obj["question"], str)
    assert isinstance(obj["answer"], str) and obj["answer"]
    assert isinstance(obj["found"], bool)
    assert obj["mode"] in ("extractive", "llm")
    assert isinstance(obj["citations"], list)
    for c in obj["citations"]:
        assert list(c) == CITATION_KEYS
        assert isinstance(c["n"], int) and isinstance(c["start"], int) and isinstance(c["end"], int)
        assert isinstance(c["quote"], str) and isinstance(c["source"], str)
        for key in ("title", "published", "url"):
            assert c[key] is None or isinstance(c[key], str)
    if not obj["found"]:
        assert obj["citations"] == []


def assert_invariant(obj: dict[str, Any]) -> None:
    for c in obj["citations"]:
        with open(PROJECT_ROOT / c["source"], encoding="utf-8") as handle:
            assert handle.read()[c["start"] : c["end"]] == c["quote"]


# --- fast: no index needed --------------------------------------------------------------------


def test_help_works_and_lists_the_commands() -> None:
    result = run_bot("--help", env=_env())
    assert result.returncode == 0
    for command in ("ask", "chat", "index", "eval", "serve"):
        assert command in result.stdout


def test_help_does_not_import_llama_index() -> None:
    code = "import sys; from bot.cli import main\ntry:\n main(['--help'])\nexcept SystemExit: pass\n"
    code += "print('llama_index.core' in sys.modules, file=sys.stderr)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_env(), cwd=PROJECT_ROOT)
    assert result.stderr.strip().endswith("False")


@pytest.mark.parametrize(
    "question",
    ["", "   \t  ", "x" * 20_000, "\x07\x1b\x08\x7f"],
    ids=["empty", "whitespace", "20000-chars", "control-characters"],
)
def test_bad_question_is_a_clear_usage_error(question: str, tmp_path: Path) -> None:
    result = run_bot("ask", question, env=_env(tmp_path / "index"))
    assert result.returncode == 2
    assert result.stderr.startswith("error: ")
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_bad_question_as_json_is_a_usage_error_too(tmp_path: Path) -> None:
    result = run_bot("ask", "--format", "json", "   ", env=_env(tmp_path / "index"))
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr


def test_missing_seeds_folder_exits_1_with_a_message(tmp_path: Path) -> None:
    env = _env(tmp_path / "index", BOT_SEEDS_DIR=str(tmp_path / "no-such-folder"))
    result = run_bot("ask", "What did Huang say?", env=env)
    assert result.returncode == 1
    assert "error: " in result.stderr and "no-such-folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_file_given_as_the_seeds_folder_is_named_as_a_file(tmp_path: Path) -> None:
    env = _env(tmp_path / "index", BOT_SEEDS_DIR=str(PROJECT_ROOT / "README.md"))
    result = run_bot("ask", "What did Huang say?", env=env)
    assert result.returncode == 1
    assert "is a file, not a folder" in result.stderr


def test_a_multi_line_json_question_points_to_jsonl(tmp_path: Path) -> None:
    result = run_bot("ask", "--format", "json", env=_env(tmp_path / "index"), stdin="first?\nsecond?\n")
    assert result.returncode == 2
    assert "--format jsonl" in result.stderr
    assert result.stdout == ""


def test_several_piped_lines_to_a_plain_ask_point_to_jsonl_not_one_joined_question(tmp_path: Path) -> None:
    result = run_bot("ask", env=_env(tmp_path / "index"), stdin="first?\nsecond?\n")
    assert result.returncode == 2
    assert "ask answers one question" in result.stderr and "--format jsonl" in result.stderr
    assert result.stdout == ""


@pytest.mark.slow
def test_jsonl_reads_a_utf16_file_as_a_windows_unicode_text_file_is_saved(built_index_dir: Path) -> None:
    questions = "What did Huang say about immigration?\r\nWho is Lei Jun?\r\n".encode("utf-16")
    result = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--format", "jsonl"],
        input=questions,
        capture_output=True,
        cwd=PROJECT_ROOT,
        env=_env(built_index_dir),
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    objects = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    assert [o["question"] for o in objects] == ["What did Huang say about immigration?", "Who is Lei Jun?"]


def test_a_usage_error_shows_the_commands_own_usage(tmp_path: Path) -> None:
    result = run_bot("ask", "--format", "jsonl", "a question?", env=_env(tmp_path / "index"))
    assert result.returncode == 2
    assert result.stderr.startswith("usage: python -m bot ask ")


def test_chat_help_names_its_commands(tmp_path: Path) -> None:
    result = run_bot("chat", "--help", env=_env(tmp_path / "index"))
    assert result.returncode == 0
    assert ":reset" in result.stdout and "follow-up" in result.stdout


def test_empty_seeds_folder_exits_1_with_a_message(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = run_bot("ask", "What did Huang say?", env=_env(tmp_path / "index", BOT_SEEDS_DIR=str(tmp_path / "empty")))
    assert result.returncode == 1
    assert "no .txt or .md files" in result.stderr
    assert "Traceback" not in result.stderr


def test_malformed_setting_exits_2_with_a_message(tmp_path: Path) -> None:
    result = run_bot("ask", "What did Huang say?", env=_env(tmp_path / "index", BOT_LOG_LEVEL="LOUD"))
    assert result.returncode == 2
    assert result.stderr.startswith("error: BOT_LOG_LEVEL")


def test_unknown_command_is_a_usage_error() -> None:
    result = run_bot("frobnicate", env=_env())
    assert result.returncode == 2
    assert "usage:" in result.stderr


def test_ask_without_a_question_on_a_terminal_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from bot import cli

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Terminal())
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["ask"])
    assert exit_info.value.code == 2


def test_keyboard_interrupt_exits_130_quietly(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    from bot import cli

    def interrupted(*_: Any) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "cmd_index", interrupted)
    assert cli.main(["index"]) == 130
    assert "Traceback" not in capsys.readouterr().err


# --- slow: a real index -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def jsonl_run(built_index_dir: Path) -> subprocess.CompletedProcess:
    return run_bot("ask", "--format", "jsonl", env=_env(built_index_dir), stdin="\n".join(QUESTIONS) + "\n")


@pytest.mark.slow
def test_ask_json_prints_one_contract_object(built_index_dir: Path) -> None:
    result = run_bot("ask", "--format", "json", QUESTIONS[0], env=_env(built_index_dir))
    assert result.returncode == 0, result.stderr
    obj = json.loads(result.stdout)
    assert_contract(obj)
    assert obj["question"] == QUESTIONS[0]
    assert obj["found"] is True and obj["mode"] == "extractive"
    assert_invariant(obj)


@pytest.mark.slow
def test_jsonl_prints_one_line_per_question_in_order(jsonl_run: subprocess.CompletedProcess) -> None:
    assert jsonl_run.returncode == 0, jsonl_run.stderr
    lines = jsonl_run.stdout.splitlines()
    assert len(lines) == 3
    assert [json.loads(line)["question"] for line in lines] == QUESTIONS


@pytest.mark.slow
def test_jsonl_stdout_holds_only_contract_objects(jsonl_run: subprocess.CompletedProcess) -> None:
    for line in jsonl_run.stdout.splitlines():
        assert_contract(json.loads(line))


@pytest.mark.slow
def test_jsonl_citations_satisfy_the_invariant(jsonl_run: subprocess.CompletedProcess) -> None:
    objects = [json.loads(line) for line in jsonl_run.stdout.splitlines()]
    assert any(obj["citations"] for obj in objects)
    for obj in objects:
        assert_invariant(obj)


@pytest.mark.slow
def test_jsonl_bad_lines_get_a_refusal_object_and_the_stream_goes_on(built_index_dir: Path) -> None:
    lines = ["", "   ", "y" * 20_000, "\x07\x1b", QUESTIONS[0]]
    result = run_bot("ask", "--format", "jsonl", env=_env(built_index_dir), stdin="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(objects) == len(lines)
    for obj in objects:
        assert_contract(obj)
    assert [obj["found"] for obj in objects] == [False, False, False, False, True]
    assert "empty" in objects[0]["answer"] and "characters long" in objects[2]["answer"]
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_ask_text_shows_the_answer_and_numbered_sourced_quotes(built_index_dir: Path) -> None:
    result = run_bot("ask", QUESTIONS[0], env=_env(built_index_dir))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("According to")
    assert "[1] “" in out
    assert "https://www.toutiao.com/article/7566453196613255720/" in out
    assert "Observer Net" in out  # the article has no title: its outlet names it


@pytest.mark.slow
def test_ask_text_refusal_names_the_closest_articles(built_index_dir: Path) -> None:
    result = run_bot("ask", QUESTIONS[1], env=_env(built_index_dir))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("The articles don't say")
    assert "Closest articles:" in result.stdout


@pytest.mark.slow
def test_index_status_exits_0_only_when_the_index_is_fresh(built_index_dir: Path, tmp_path: Path) -> None:
    fresh = run_bot("index", "--status", env=_env(built_index_dir))
    assert (fresh.returncode, fresh.stdout) == (0, "fresh\n")
    missing = run_bot("index", "--status", env=_env(tmp_path / "no-index"))
    assert (missing.returncode, missing.stdout) == (1, "missing\n")


@pytest.mark.slow
def test_corrupted_index_is_rebuilt_not_a_traceback(tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    index_dir.mkdir()
    (index_dir / "CURRENT").write_text("build-garbage\x00\xff", encoding="latin-1")
    result = run_bot("ask", "--format", "json", QUESTIONS[0], env=_env(index_dir))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["found"] is True
    assert "Traceback" not in result.stderr
    # Building reports its steps in plain lines, without libraries' progress bars or debug logs.
    assert "Index built" in result.stderr
    assert "it/s" not in result.stderr and "%|" not in result.stderr
    assert "DEBUG" not in result.stderr


@pytest.mark.slow
def test_unquoted_words_are_asked_as_one_question(built_index_dir: Path) -> None:
    result = run_bot(
        "ask", "--format", "json", "What", "did", "Huang", "say", "about", "immigration?", env=_env(built_index_dir)
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["question"] == "What did Huang say about immigration?"
    assert answer["found"] is True


@pytest.mark.slow
def test_a_question_without_words_leaves_standard_error_quiet(built_index_dir: Path) -> None:
    result = run_bot("ask", "--format", "json", "???", env=_env(built_index_dir))
    assert json.loads(result.stdout)["found"] is False
    assert result.stderr == ""  # bm25s logs "The query is empty" at INFO unless filtered


@pytest.mark.slow
def test_chat_answers_follow_ups_and_quits_cleanly(built_index_dir: Path) -> None:
    stdin = "What did Huang say about immigration?\nand what about China?\n:quit\n"
    result = run_bot("chat", env=_env(built_index_dir), stdin=stdin)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("answered offline: extractive") == 2
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_chat_follow_ups_build_on_each_other_and_say_how_they_were_read(built_index_dir: Path) -> None:
    stdin = "What did Huang say about immigration?\nWhen did he say that?\nWhere was he?\n"
    result = run_bot("chat", env=_env(built_index_dir), stdin=stdin)
    assert result.returncode == 0, result.stderr
    assert "(read as: Where was he? What did Huang say about immigration?)" in result.stdout
    assert "no words to look for" not in result.stdout + result.stderr


@pytest.mark.slow
def test_chat_asked_what_else_quotes_something_not_quoted_before(built_index_dir: Path) -> None:
    stdin = "What did Huang say about Huawei?\nWhat did he say next?\nWhat else did he say about it?\n"
    result = run_bot("chat", env=_env(built_index_dir), stdin=stdin)
    assert result.returncode == 0, result.stderr
    quotes = re.findall(r"^\[\d+\] (.*)$", result.stdout, re.MULTILINE)
    assert len(quotes) >= 3 and len(set(quotes)) == len(quotes)


@pytest.mark.slow
def test_chat_explains_its_commands_and_does_not_answer_an_unknown_one(built_index_dir: Path) -> None:
    result = run_bot("chat", env=_env(built_index_dir), stdin=":help\n:foo\n:quit\n")
    assert result.returncode == 0, result.stderr
    assert ":reset forgets the conversation" in result.stdout
    assert "unknown command :foo" in result.stderr
    assert "answered offline" not in result.stdout  # neither was taken for a question


@pytest.mark.slow
def test_chat_exits_cleanly_on_end_of_input(built_index_dir: Path) -> None:
    result = run_bot("chat", env=_env(built_index_dir), stdin="")
    assert result.returncode == 0
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_eval_prints_the_three_systems_side_by_side_with_the_targets(built_index_dir: Path, tmp_path: Path) -> None:
    questions = tmp_path / "q.jsonl"
    rows = [
        {
            "id": "a",
            "question": "What did Huang say about immigration?",
            "answerable": True,
            "source": "seeds/000_999120c5d4b66c65.txt",
            "key_fact": "immigration",
        },
        {"id": "u", "question": QUESTIONS[1], "answerable": False, "source": None, "key_fact": None},
    ]
    questions.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    result = run_bot("eval", "--questions", str(questions), env=_env(built_index_dir))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("2 questions from") and "1 answerable" in lines[0]
    header = next(line for line in lines if line.startswith("metric"))
    assert header.split() == ["metric", "pipeline", "bm25-only", "dense-only"]
    verbatim = next(line for line in lines if line.startswith("quote-verbatim rate"))
    assert verbatim.count("100.0%") == 3
    refusal = next(line for line in lines if line.startswith("refusal rate"))
    assert refusal.split()[3:5] == ["100.0%", "(1/1)"]  # the pipeline refuses the Samsung question
    assert any(line.startswith("  refusal rate (unanswerable) at least 90%: met") for line in lines)
