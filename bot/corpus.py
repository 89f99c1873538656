"""Reading the corpus: raw article files -> articles with metadata and quotable sentence spans.

The files are scraped web pages. This module owns telling their content from their chrome
(navigation, bylines, footers, widget labels) and pulling out per-article metadata. Every
sentence it yields is a span ``(start, end)`` of the raw file text, so whatever is quoted later
can be checked against the file character for character. It never rewrites text.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from bot.errors import CorpusError
from bot.models import ArticleMeta

logger = logging.getLogger(__name__)

SUFFIXES = (".txt", ".md")

# Lines that are page chrome, never content. Each pattern matches a whole (stripped) line.
_CHROME_LINES = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"skip to content\b.*",
        r"(share|homepage|news|blog|recommended articles|ticker name|percentage change|inclusion date)",
        r"\}\s*\?>",  # leftover template code
        r"statement: this article represents .*",
        r"this article is an exclusive .*(prohibited|permission)\.?",
        r"all information on our website is for general reference only.*",
        r"edited by .{1,60}",
    )
]
_ORIGINAL_URL = re.compile(r"original:\s*(https?://\S+)", re.IGNORECASE)
_SOURCE_LINE = re.compile(r"source of this article:\s*(.{1,80})", re.IGNORECASE)
_AUTHOR_LINE = re.compile(r"author:\s*(.{1,80})", re.IGNORECASE)
# "【By Observer Net, Yuan Jiaqi】" - may be followed by content on the same line.
_BYLINE = re.compile(r"【\s*By\s+([^,，】]+)[,，]\s*([^】]+)】")
_ISO_DATE_LINE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:\s+\d{1,2}:\d{2})?(?:\s+Last Updated At:\s*[\d:]+)?")
_VIETNAMESE_DATE_LINE = re.compile(r"(\d{1,2})\s+tháng\s+(\d{1,2})\s+(\d{4})")
# Symbols that open a line as decoration, not text ("▎This is the first time ...").
_LEADING_DECORATION = "▎•·■▪►◆"
_BLOG_DISCLAIMER = re.compile(r"\*\*.*blog article.*\*\*", re.IGNORECASE)

# Abbreviations the sentence splitter must not end a sentence on ("the U.S. government").
_ABBREVIATIONS = {
    "u.s",
    "u.k",
    "u.n",
    "e.u",
    "dr",
    "mr",
    "mrs",
    "ms",
    "st",
    "inc",
    "co",
    "ltd",
    "corp",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "vs",
    "etc",
    "e.g",
    "i.e",
    "gov",
    "sen",
    "rep",
    "prof",
    "jr",
    "sr",
    "a.m",
    "p.m",
}


# Words of any script, with an ampersand inside ("R&D" is one word, not two letters); numbers
# with their inner separators and a trailing %, but not the comma or full stop that ends a
# clause ("in 2025," is the number 2025).
_WORD = re.compile(r"[^\W\d_][\w'’\-]*(?:&[^\W\d_]+)*|\d(?:[\d.,]*\d)?%?")


def word_tokens(text: str) -> list[str]:
    """Lower-cased words and numbers, as the answerer compares questions with evidence."""
    return [w.lower().strip("'’-") for w in _WORD.findall(text)]


@dataclass(frozen=True)
class Article:
    """One article inside a file (a file may hold more than one: a page with a blog appended)."""

    meta: ArticleMeta
    start: int
    end: int
    sentences: tuple[tuple[int, int], ...]
    headings: frozenset[tuple[int, int]] = frozenset()


@dataclass(frozen=True)
class SourceFile:
    path: Path
    source: str  # as cited: relative to the project root, e.g. "seeds/000_x.txt"
    text: str
    sha256: str
    articles: tuple[Article, ...] = field(default_factory=tuple)


@dataclass
class _Line:
    start: int
    end: int
    text: str  # stripped


def _sentence_splitter():  # -> PunktSentenceTokenizer (nltk is only imported when indexing)
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    # A parameter-only tokenizer: nothing is loaded from NLTK_DATA or downloaded.
    params = PunktParameters()
    params.abbrev_types.update(_ABBREVIATIONS)
    return PunktSentenceTokenizer(params)


_EXCLAIMED_OR_ASKED = re.compile(r"[!?][”\"’']$")
_NUMBERED = re.compile(r"\bNo\.$")  # "Announcement [2020] No. 16": the number goes on


def _speech_kept_whole(line: str, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence spans, with an exclamation or question in quotation marks kept with the words
    that go on after it: Punkt ends a sentence at "the sun!”" in "“Only in China can we do this
    out in the sun!” he joked", though the sentence goes on in lower case; and at "No." before
    a number ("No. 16"), though "Huang said no." ends one."""
    kept: list[tuple[int, int]] = []
    for start, end in spans:
        previous = line[kept[-1][0] : kept[-1][1]] if kept else ""
        if (_EXCLAIMED_OR_ASKED.search(previous) and line[start].islower()) or (
            _NUMBERED.search(previous) and line[start].isdigit()
        ):
            kept[-1] = (kept[-1][0], end)
        else:
            kept.append((start, end))
    return kept


def _lines(text: str) -> Iterator[_Line]:
    offset = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        left = len(body) - len(body.lstrip())
        stripped = body.strip()
        if stripped:
            yield _Line(offset + left, offset + left + len(stripped), stripped)
        offset += len(raw)


def _parse_date(line: str) -> str | None:
    if m := _ISO_DATE_LINE.fullmatch(line):
        y, mo, d = (int(x) for x in m.groups())
    elif m := _VIETNAMESE_DATE_LINE.fullmatch(line):
        d, mo, y = (int(x) for x in m.groups())
    else:
        return None
    try:
        return date(y, mo, d).isoformat()
    except ValueError:
        return None


_MARKDOWN_TITLE = re.compile(r"#\s+(.+?)(?:\s+#+)?\s*")


def _is_heading(text: str, max_words: int = 14) -> bool:
    """A short line with no closing punctuation: a title or section heading, not a statement."""
    return len(text.split()) <= max_words and not re.search(r"[.!?\"”’:;)]$", text)


class _ArticleBuilder:
    def __init__(self, source: str, start: int) -> None:
        self.source = source
        self.start = start
        self.end = start
        self.title: str | None = None
        self.published: str | None = None
        self.url: str | None = None
        self.outlet: str | None = None
        self.author: str | None = None
        self.content: list[tuple[int, int]] = []

    def build(self, text: str, splitter) -> Article:
        seen: set[str] = set()
        sentences: list[tuple[int, int]] = []
        headings: set[tuple[int, int]] = set()
        for line_start, line_end in self.content:
            line = text[line_start:line_end]
            if line in seen:  # scraped pages repeat captions and pull quotes verbatim
                continue
            seen.add(line)
            if _is_heading(line):
                headings.add((line_start, line_end))
                sentences.append((line_start, line_end))
                continue
            for a, b in _speech_kept_whole(line, splitter.span_tokenize(line)):
                sentences.append((line_start + a, line_start + b))
        meta = ArticleMeta(
            source=self.source,
            title=self.title,
            published=self.published,
            url=self.url,
            outlet=self.outlet,
            author=self.author,
        )
        return Article(meta, self.start, self.end, tuple(sentences), frozenset(headings))


def parse_article_file(text: str, source: str, splitter=None) -> tuple[Article, ...]:
    """Split a raw page into articles and their quotable sentence spans (offsets into ``text``)."""
    splitter = splitter or _sentence_splitter()
    lines = list(_lines(text))
    counts: dict[str, int] = {}
    for line in lines:
        counts[line.text] = counts.get(line.text, 0) + 1

    articles: list[_ArticleBuilder] = []
    current = _ArticleBuilder(source, 0)
    pending_author: str | None = None
    for i, line in enumerate(lines):
        t = line.text
        nxt = lines[i + 1].text if i + 1 < len(lines) else ""
        if _BLOG_DISCLAIMER.fullmatch(t):
            # A second post appended to the page: it starts here, by the author named just above.
            if current.content:
                articles.append(current)
            current = _ArticleBuilder(source, line.start)
            current.author = pending_author
            pending_author = None
            continue
        if _BLOG_DISCLAIMER.fullmatch(nxt) and _is_heading(t) and len(t.split()) <= 4:
            pending_author = t  # the blog's byline ("Deep Throat")
            continue
        if any(p.fullmatch(t) for p in _CHROME_LINES):
            continue
        if m := _ORIGINAL_URL.fullmatch(t):
            current.url = current.url or m.group(1)
            continue
        if m := _SOURCE_LINE.fullmatch(t):
            current.outlet = current.outlet or m.group(1).strip()
            continue
        if m := _AUTHOR_LINE.fullmatch(t):
            current.author = current.author or m.group(1).strip()
            continue
        if (published := _parse_date(t)) is not None:
            current.published = current.published or published
            continue
        start = line.start
        if m := _BYLINE.match(t):
            current.outlet = current.outlet or m.group(1).strip()
            current.author = current.author or m.group(2).strip()
            start += m.end()
        # A headline repeated at the top of the page is the title, not a sentence to quote; so is
        # a Markdown article's first "# heading".
        if current.title is None and not current.content and (heading := _MARKDOWN_TITLE.fullmatch(t)):
            current.title = heading.group(1)
            continue
        if current.title is None and not current.content and counts[t] > 1 and _is_heading(t, 30):
            current.title = t
            continue
        if current.title is not None and t == current.title:
            continue
        while start < line.end and (text[start] in _LEADING_DECORATION or text[start].isspace()):
            start += 1
        if start < line.end:
            current.content.append((start, line.end))
            current.end = line.end
    if current.content:
        articles.append(current)
    return tuple(builder.build(text, splitter) for builder in articles)


def iter_source_paths(seeds_dir: Path) -> list[Path]:
    """The article files under ``seeds_dir``, in a stable order. Raises ``CorpusError`` if none."""
    if seeds_dir.exists() and not seeds_dir.is_dir():
        raise CorpusError(
            f"The articles folder {seeds_dir} is a file, not a folder - point BOT_SEEDS_DIR at the folder "
            "that holds the .txt or .md articles."
        )
    if not seeds_dir.is_dir():
        raise CorpusError(
            f"The articles folder {seeds_dir} does not exist - create it and put .txt or .md articles "
            "in it, or point BOT_SEEDS_DIR at the folder that has them."
        )
    paths = sorted(p for p in seeds_dir.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
    if not paths:
        raise CorpusError(
            f"The articles folder {seeds_dir} has no .txt or .md files - add the articles to answer from."
        )
    return paths


def cite_path(path: Path, project_root: Path) -> str:
    """How a file is named in citations: relative to the project root when inside it."""
    try:
        return path.resolve().relative_to(project_root.resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()


_warned_unreadable: set[Path] = set()  # the start-up check and the build read the same files


def _read_bytes(path: Path) -> bytes | None:
    """The file's bytes, or None (with a warning naming it, once) when it cannot be read: one
    file without permission must not take the other articles down with it."""
    try:
        return path.read_bytes()
    except OSError as err:
        if path not in _warned_unreadable:
            _warned_unreadable.add(path)
            logger.warning("Skipping %s: it cannot be read (%s) - check that it is readable.", path, err.strerror)
        return None


def read_corpus(seeds_dir: Path, project_root: Path) -> list[SourceFile]:
    """Read and parse every article file. Unreadable files are skipped with a warning naming them;
    if nothing readable remains, ``CorpusError`` says what to fix."""
    splitter = _sentence_splitter()
    files: list[SourceFile] = []
    skipped: list[str] = []
    unreadable = 0
    for path in iter_source_paths(seeds_dir):
        raw = _read_bytes(path)
        if raw is None:
            skipped.append(path.name)
            unreadable += 1
            continue
        try:
            # Offsets must index the text as `open(source, encoding="utf-8").read()` returns it,
            # and text mode turns "\r\n" and "\r" into "\n".
            text = raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
        except UnicodeDecodeError as err:
            logger.warning("Skipping %s: it is not UTF-8 text (%s) - re-save it as UTF-8.", path, err.reason)
            skipped.append(path.name)
            unreadable += 1
            continue
        source = cite_path(path, project_root)
        articles = parse_article_file(text, source, splitter)
        if not articles:
            logger.warning("Skipping %s: it has no article text.", path)
            skipped.append(path.name)
            continue
        files.append(SourceFile(path, source, text, hashlib.sha256(raw).hexdigest(), articles))
    if not files and not unreadable:
        raise CorpusError(
            f"None of the files in {seeds_dir} has article text: they are empty or only page chrome "
            f"({', '.join(skipped)}) - add the articles' text to them."
        )
    if not files:
        raise CorpusError(
            f"None of the files in {seeds_dir} could be read as UTF-8 articles ({', '.join(skipped)}) - "
            "check that they are readable and re-save them as UTF-8 text."
        )
    return files


def fingerprint_sources(seeds_dir: Path) -> dict[str, str]:
    """Content hashes of the article files, cheap enough to check on every start."""
    hashes = {}
    for path in iter_source_paths(seeds_dir):
        raw = _read_bytes(path)
        if raw is not None:  # skipped by the build too, so the index stays fresh without it
            name = path.name if path.parent == seeds_dir else path.relative_to(seeds_dir).as_posix()
            hashes[name] = hashlib.sha256(raw).hexdigest()
    return hashes
