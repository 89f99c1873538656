"""The terminal front end in LLM mode: settings come from the environment (as a user sets them),
the configured server is the one that answers, and the output says which mode answered."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .fake_openai import API_KEY, MODEL, FakeOpenAI, error
from .helpers import PROJECT_ROOT
from .test_llm_engine import QUESTION, quoting_first_passage

pytestmark = pytest.mark.slow


def run_bot(args: list[str], index_dir: Path, server: FakeOpenAI) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "BOT_INDEX_DIR": str(index_dir),
        "OPENAI_API_KEY": API_KEY,
        "OPENAI_BASE_URL": server.url + "/v1",
        "OPENAI_MODEL": MODEL,
        "OPENAI_TIMEOUT": "5",
        "OPENAI_MAX_RETRIES": "0",
    }
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_ask_with_a_key_in_the_environment_answers_in_llm_mode(built_index_dir: Path, fake_openai: FakeOpenAI) -> None:
    fake_openai.script(quoting_first_passage())

    result = run_bot(["ask", "--format", "json", QUESTION], built_index_dir, fake_openai)

    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["mode"] == "llm" and answer["found"]
    for citation in answer["citations"]:
        text = open(PROJECT_ROOT / citation["source"], encoding="utf-8").read()  # noqa: SIM115
        assert text[citation["start"] : citation["end"]] == citation["quote"]
    (request,) = fake_openai.requests
    assert request.body["model"] == MODEL


def test_ask_says_in_text_output_that_the_llm_was_unavailable_and_answers_offline(
    built_index_dir: Path, fake_openai: FakeOpenAI
) -> None:
    fake_openai.script(error(503, "model is loading"))

    result = run_bot(["ask", QUESTION], built_index_dir, fake_openai)

    assert result.returncode == 0, result.stderr
    assert "LLM unavailable" in result.stdout
    assert "Traceback" not in result.stderr


def test_json_output_says_on_standard_error_that_the_llm_was_unavailable(
    built_index_dir: Path, fake_openai: FakeOpenAI
) -> None:
    fake_openai.script(error(503, "model is loading"))

    result = run_bot(["ask", "--format", "json", QUESTION], built_index_dir, fake_openai)

    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)  # the contract object alone on standard output
    assert answer["mode"] == "extractive"
    assert "LLM unavailable" in result.stderr
