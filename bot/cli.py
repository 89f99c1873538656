"""The terminal front end: ``python -m bot ask|chat|index|eval|serve``.

Standard output carries results only (answers, JSON, tables); progress and logs go to standard
error. Every ``BotError`` becomes one line ``error: <message>`` and the error's exit code;
usage errors exit 2; Ctrl-C exits 130. Heavy libraries (LlamaIndex, numpy, torch) are imported
inside the command that needs them, so ``--help`` and argument errors are instant.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import io
import logging
import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, TextIO

from bot import __version__
from bot.errors import BotError

if TYPE_CHECKING:
    from bot.config import Config
    from bot.engine import Engine
    from bot.models import Answer

logger = logging.getLogger("bot.cli")

QUIT_WORDS = {":quit", ":q", ":exit", "quit", "exit"}

CHAT_COMMANDS = ":reset forgets the conversation, :help shows this, :quit (or Ctrl-D) exits."

CHAT_HELP = f"Type a question about the articles. {CHAT_COMMANDS}"


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _configure_logging(level: str) -> None:
    logging.basicConfig(
        level=level,
        stream=sys.stderr,
        format="%(levelname)s %(name)s: %(message)s",
        force=True,
    )
    # bm25s sets its own logger to DEBUG when it is imported (after this runs), and a logger's
    # level is all that stops its records: the handler filters by level too.
    for handler in logging.getLogger().handlers:
        handler.setLevel(level)


def _config() -> Config:
    from bot.config import load_config

    config = load_config()
    _configure_logging(config.log_level)
    return config


def _engine(config: Config, rebuild: bool = False) -> Engine:
    from bot.engine import Engine

    return Engine.load(config, progress=_progress, rebuild=rebuild)


def _invalid_answer(question: str, message: str, mode: str) -> Answer:
    """A refusal for a line that cannot be asked, keeping the JSON contract's keys."""
    from bot.models import Answer

    return Answer(question=question, answer=message, found=False, mode="llm" if mode == "llm" else "extractive")


def _emit(out: TextIO, text: str) -> None:
    out.write(text + "\n")
    out.flush()


# --- ask -------------------------------------------------------------------------------------


def _stdin() -> TextIO:
    """Standard input as text; UTF-16 when it starts with a UTF-16 byte-order mark, as a Windows
    "Unicode" text file does (read as UTF-8, every other character is a NUL)."""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None or not hasattr(buffer, "peek"):
        return sys.stdin
    if buffer.peek(2)[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return io.TextIOWrapper(buffer, encoding="utf-16", errors="replace")
    return sys.stdin


def _read_question(args: argparse.Namespace, parser: argparse.ArgumentParser) -> str:
    if args.question:
        # Unquoted words are one question: `ask What did Huang say` asks "What did Huang say".
        return " ".join(args.question)
    if sys.stdin is None or sys.stdin.isatty():
        parser.error('ask needs a question, e.g. python -m bot ask "What did Huang say about immigration?"')
    text = _stdin().read()
    if len([line for line in text.splitlines() if line.strip()]) > 1:
        # Joined, several questions would be answered as one, and badly.
        asked = "ask --format json" if args.format == "json" else "ask"
        parser.error(f"{asked} answers one question; for one question per line use --format jsonl")
    return text


def cmd_ask(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if args.format == "jsonl":
        if args.question:
            parser.error("ask --format jsonl reads questions from standard input, one per line; drop the question")
        if sys.stdin is not None and sys.stdin.isatty():
            print("Reading questions from standard input, one per line; end with Ctrl-D.", file=sys.stderr)
        return _ask_jsonl(_stdin(), sys.stdout)
    question = _read_question(args, parser)
    from bot.engine import clean_question

    clean_question(question)  # a bad question fails fast, before anything is loaded
    config = _config()
    engine = _engine(config)
    answer = engine.ask(question)
    if args.format == "json":
        from bot.render import render_json

        _warn_notes(answer)
        _emit(sys.stdout, render_json(answer))
    else:
        from bot.render import render_text

        _emit(sys.stdout, render_text(answer, engine.article_for, show_mode=True))
    return 0


def _ask_jsonl(lines: Iterable[str], out: TextIO) -> int:
    """One JSON object per input line, in order, flushed as it is ready. A line that cannot be
    answered yields a refusal object saying why; it never stops the stream."""
    from bot.render import render_json

    config = _config()
    engine = _engine(config)
    warned: set[str] = set()
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r\n")
        try:
            answer = engine.ask(line)
        except BotError as err:
            answer = _invalid_answer(line, f"Line {number} was not answered: {err}", engine.mode)
        except Exception as err:  # a bug must not cost the caller the rest of the stream
            logger.error("line %d: unexpected %s: %s", number, type(err).__name__, err)
            logger.debug("details", exc_info=True)
            answer = _invalid_answer(
                line, f"Line {number} was not answered: internal error ({type(err).__name__}).", engine.mode
            )
        _warn_notes(answer, seen=warned)
        _emit(out, render_json(answer))
    return 0


def _warn_notes(answer: Answer, seen: set[str] | None = None) -> None:
    """Notes on how an answer was made ("LLM unavailable: ...") are not part of the JSON
    contract; machine-readable output says them on standard error, each once per run."""
    for note in answer.notes:
        if seen is None or note not in seen:
            logger.warning("%s", note)
            if seen is not None:
                seen.add(note)


# --- chat ------------------------------------------------------------------------------------


def cmd_chat(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from bot.models import Turn
    from bot.render import render_text

    with contextlib.suppress(ImportError):  # there is no readline on Windows
        import readline  # noqa: F401 - input() then edits lines and recalls earlier questions with the arrows
    config = _config()
    engine = _engine(config)
    mode = (
        "LLM (" + config.openai_model + "), falling back to extractive"
        if engine.mode == "llm"
        else "extractive (offline)"
    )
    print(
        f"Ask about the {len(engine.retriever.sources())} articles in "
        f"{config.seeds_dir}. Answering mode: {mode}.\n"
        f"Follow-up questions use the conversation so far. {CHAT_COMMANDS}",
        file=sys.stderr,
    )
    history: list[Turn] = []
    while True:
        try:
            line = input("\nyou> ")
        except EOFError:
            print(file=sys.stderr)
            return 0
        command = line.strip().lower()
        if command in QUIT_WORDS:
            return 0
        if command == ":reset":
            history.clear()
            print("(conversation forgotten)")
            continue
        if command in (":help", ":h", ":?", "help"):
            print(CHAT_HELP)
            continue
        if re.fullmatch(r":\w+", command):
            print(f"error: unknown command {command} - {CHAT_HELP}", file=sys.stderr)
            continue
        if not command:
            continue
        try:
            answer = engine.ask(line, history=history)
        except BotError as err:
            print(f"error: {err}", file=sys.stderr)
            continue
        print()
        print(render_text(answer, engine.article_for, show_mode=True), flush=True)
        # The question as answered: "Where was he?" after "When did he say that?" builds on what
        # that follow-up was read as, not on its bare words.
        cited = tuple((c.source, c.start, c.end) for c in answer.citations)
        history.append(Turn(question=answer.read_as or answer.question, answer=answer.answer, cited=cited))
        del history[:-6]  # the last few turns are all a follow-up can refer to


# --- index, eval, serve ----------------------------------------------------------------------


def cmd_index(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from bot.index import index_status, load_or_build

    config = _config()
    if args.status:
        status = index_status(config)
        print(status)
        return 0 if status == "fresh" else 1  # a script can test it: `python -m bot index --status || ...`
    loaded = load_or_build(config, progress=_progress, force=not args.if_needed)
    sources = {node.metadata["source"] for node in loaded.nodes.values()}
    print(f"index ready: {len(loaded.nodes)} sentences from {len(sources)} files in {config.index_dir}")
    return 0


def cmd_eval(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from bot.evaluation import run

    config = _config()
    return run(
        config,
        which=args.set,
        questions_path=args.questions,
        verbose=args.verbose,
        out=sys.stdout,
        progress=_progress,
    )


def cmd_serve(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    config = _config()
    try:
        from bot.slack_app import check_slack_settings, serve
    except ImportError as err:
        raise BotError(f"The Slack app cannot start: {err} - run scripts/setup to install its dependencies.") from err

    # A missing token is reported before the index is loaded, not after.
    check_slack_settings(config, socket_mode=args.http is None)
    engine = _engine(config)
    how = "Socket Mode" if args.http is None else f"HTTP on port {args.http} (POST /slack/events)"
    print(f"Slack bot starting ({how}, {engine.mode} answers) - press Ctrl+C to stop.", file=sys.stderr)
    serve(config, engine.ask, args.http, article_for=engine.article_for)
    return 0


# --- parsing and the error boundary ----------------------------------------------------------


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port number") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port number (1-65535)")
    return port


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description="Answers questions about the articles in seeds/ with verbatim, cited quotes. "
        "Offline by default; set OPENAI_API_KEY (see .env.example) to let an LLM phrase the answer.",
    )
    parser.add_argument("--version", action="version", version=f"quote-bot {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    ask = sub.add_parser(
        "ask",
        help="answer one question (or a stream of them with --format jsonl)",
        description="Answer one question with verbatim quotes from the articles, or say they don't cover it.",
        epilog='examples: python -m bot ask "What did Huang say about immigration?"  |  '
        "python -m bot ask --format jsonl < questions.txt. Exit codes: 0 answered or refused, "
        "1 error, 2 bad question or usage.",
    )
    ask.add_argument(
        "question",
        nargs="*",
        help="the question, best in quotes (read from standard input when omitted and piped)",
    )
    ask.add_argument(
        "--format",
        choices=("text", "json", "jsonl"),
        default="text",
        help="text (readable), json (one object), jsonl (stdin: a question per line; an object per line)",
    )
    ask.set_defaults(func=cmd_ask)

    chat = sub.add_parser(
        "chat",
        help="interactive questions and follow-ups (loads once)",
        description='Ask questions one after another; a follow-up ("and what about Huawei?", '
        f'"When did he say that?") is read with the previous question. {CHAT_COMMANDS}',
    )
    chat.set_defaults(func=cmd_chat)

    index = sub.add_parser(
        "index",
        help="rebuild the index in index_store/ (progress on stderr)",
        description="Build the search index of the articles into index_store/. Other commands build it "
        "when it is missing and rebuild it when the articles, the model or the settings change.",
    )
    group = index.add_mutually_exclusive_group()
    group.add_argument(
        "--if-needed",
        action="store_true",
        help="only rebuild when the articles or settings changed, or the index is damaged",
    )
    group.add_argument(
        "--status",
        action="store_true",
        help="print fresh, stale, damaged or missing (exit status 0 only when fresh), and build nothing",
    )
    index.set_defaults(func=cmd_index)

    ev = sub.add_parser("eval", help="retrieval and answer metrics: pipeline vs BM25-only vs dense-only")
    ev.add_argument("--set", choices=("dev", "test", "all"), default="all", help="which question set (default: all)")
    ev.add_argument("--questions", metavar="PATH", help="a JSONL question file instead of evals/")
    ev.add_argument("--verbose", "-v", action="store_true", help="also list every miss per question")
    ev.set_defaults(func=cmd_eval)

    serve = sub.add_parser("serve", help="run the Slack app (Socket Mode, or HTTP with --http PORT)")
    serve.add_argument("--http", metavar="PORT", type=_port, default=None, help="serve Slack's HTTP events on PORT")
    serve.set_defaults(func=cmd_serve)
    for command in sub.choices.values():
        command.set_defaults(command_parser=command)
    return parser


def _utf8_stdout() -> None:
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    _utf8_stdout()
    _configure_logging("WARNING")
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace, argparse.ArgumentParser], int] = args.func
    try:
        # A usage error shows the command's own usage line ("usage: python -m bot ask ...").
        return func(args, getattr(args, "command_parser", parser))
    except BotError as err:
        print(f"error: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): stop quietly, without a second error on exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except Exception as err:
        logger.debug("unexpected error", exc_info=True)
        print(
            f"error: unexpected {type(err).__name__}: {err} - run with BOT_LOG_LEVEL=DEBUG for details.",
            file=sys.stderr,
        )
        return 1
