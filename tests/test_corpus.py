"""Reading the scraped pages: chrome is never quotable, metadata is found, no content is lost."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from bot.config import Config
from bot.corpus import SourceFile, fingerprint_sources, read_corpus
from bot.errors import CorpusError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEEDS = PROJECT_ROOT / "seeds"

F000 = "seeds/000_999120c5d4b66c65.txt"
F001 = "seeds/001_ba623b8ed6715d3f.txt"
F002 = "seeds/002_4ea7641353034b7f.txt"
F003 = "seeds/003_7e2d3ec3dfceee7d.txt"
F004 = "seeds/004_b51dffa3e91e58c4.txt"

BOILERPLATE = [
    re.compile(r"skip to content", re.IGNORECASE),
    re.compile(r"(share|homepage|news|ticker name)$", re.IGNORECASE),
    re.compile(r"\}\s*\?>"),
    re.compile(r"statement:", re.IGNORECASE),
    re.compile(r"original:\s*https?://", re.IGNORECASE),
    re.compile(r"【\s*by\b", re.IGNORECASE),
    re.compile(r"(source of this article|author):", re.IGNORECASE),
    re.compile(r"edited by", re.IGNORECASE),
    re.compile(r"\*\*.*blog article.*\*\*", re.IGNORECASE),
]


@pytest.fixture(scope="module")
def corpus() -> dict[str, SourceFile]:
    return {f.source: f for f in read_corpus(SEEDS, PROJECT_ROOT)}


def _sentences(file: SourceFile) -> list[str]:
    return [file.text[a:b] for article in file.articles for a, b in article.sentences]


def _answerable_questions() -> list[dict]:
    rows = []
    for name in ("dev.jsonl", "test.jsonl"):
        for line in (PROJECT_ROOT / "evals" / name).read_text(encoding="utf-8").splitlines():
            if line.strip() and (row := json.loads(line))["answerable"]:
                rows.append(row)
    return rows


def test_boilerplate_is_never_a_sentence(corpus: dict[str, SourceFile]) -> None:
    bad = [
        (file.source, sentence)
        for file in corpus.values()
        for sentence in _sentences(file)
        if any(p.match(sentence.strip()) for p in BOILERPLATE) or sentence.strip() in {"Share", "Homepage", "News"}
    ]
    assert bad == []


def test_titles_are_found(corpus: dict[str, SourceFile]) -> None:
    assert corpus[F001].articles[0].meta.title == (
        "Jensen Huang Courts China: Nvidia Finds a Way Back Into the World’s Biggest AI Market"
    )
    assert corpus[F002].articles[0].meta.title == (
        "Nvidia’s Jensen Huang: China Catches Up in AI – US Risks Losing Chip Market"
    )


def test_publication_dates_are_found(corpus: dict[str, SourceFile]) -> None:
    assert corpus[F001].articles[0].meta.published == "2025-07-16"  # "16 tháng 7 2025"
    assert corpus[F002].articles[0].meta.published == "2025-05-03"


def test_original_urls_are_found(corpus: dict[str, SourceFile]) -> None:
    assert corpus[F000].articles[0].meta.url == "https://www.toutiao.com/article/7566453196613255720/"
    assert corpus[F003].articles[0].meta.url == "https://www.toutiao.com/article/7574968591628501540/"


def test_outlets_and_authors_are_found(corpus: dict[str, SourceFile]) -> None:
    found = {
        source: (corpus[source].articles[0].meta.outlet, corpus[source].articles[0].meta.author)
        for source in (F000, F003, F004)
    }
    assert found == {
        F000: ("Observer Net", "Yuan Jiaqi"),
        F003: ("Observer News", "Xiong Chaoran"),
        F004: ("Titanium Media APP", "Lin Zhijia"),
    }


def test_appended_blog_is_its_own_article(corpus: dict[str, SourceFile]) -> None:
    articles = corpus[F002].articles
    assert len(articles) == 2
    blog = articles[1].meta
    assert blog.author == "Deep Throat"
    assert blog.title != articles[0].meta.title
    assert articles[0].end <= articles[1].start


def test_appended_blog_sentences_are_present(corpus: dict[str, SourceFile]) -> None:
    blog = corpus[F002].articles[1]
    sentences = [corpus[F002].text[a:b] for a, b in blog.sentences]
    assert 'The Jimmy Lai trial ripped the mask off "Stand with Hong Kong."' in sentences
    assert any(s.startswith("Stand with Hong Kong doesn't work alone.") for s in sentences)


def test_a_quoted_exclamation_is_one_sentence_with_the_words_after_it(corpus: dict[str, SourceFile]) -> None:
    sentences = [corpus[F001].text[a:b] for article in corpus[F001].articles for a, b in article.sentences]
    assert any(s.startswith("“Only in China can we do this out in the sun!” he joked, before") for s in sentences)


def test_a_numbered_document_does_not_end_a_sentence(corpus: dict[str, SourceFile]) -> None:
    sentences = _sentences(corpus["seeds/004_b51dffa3e91e58c4.txt"])
    assert any("(Announcement [2020] No. 16 of the State Administration" in s for s in sentences)


def test_every_sentence_span_is_verbatim_and_trimmed(corpus: dict[str, SourceFile]) -> None:
    for file in corpus.values():
        with open(PROJECT_ROOT / file.source, encoding="utf-8") as handle:
            raw = handle.read()
        for article in file.articles:
            for a, b in article.sentences:
                assert 0 <= a < b <= len(raw)
                assert raw[a:b] == file.text[a:b]
                assert raw[a:b] == raw[a:b].strip()


def test_every_key_fact_is_inside_some_sentence(corpus: dict[str, SourceFile]) -> None:
    lost = []
    for row in _answerable_questions():
        file = corpus[row["source"]]
        start = file.text.find(row["key_fact"])
        assert start != -1, f"{row['id']}: key fact is not in {row['source']}"
        end = start + len(row["key_fact"])
        spans = [span for article in file.articles for span in article.sentences]
        if not any(a <= start and end <= b for a, b in spans):
            lost.append(row["id"])
    assert lost == []


def test_missing_seeds_folder_is_a_corpus_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="does not exist"):
        read_corpus(tmp_path / "nope", tmp_path)


def test_empty_seeds_folder_is_a_corpus_error(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    with pytest.raises(CorpusError, match=r"no \.txt or \.md files"):
        read_corpus(tmp_path / "seeds", tmp_path)


def test_non_utf8_file_is_skipped_and_the_rest_still_read(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(SEEDS / Path(F001).name, seeds)
    (seeds / "broken.txt").write_bytes("Caf\u00e9 latte prices rose sharply.\n".encode("latin-1"))
    files = read_corpus(seeds, tmp_path)
    assert [f.source for f in files] == [f"seeds/{Path(F001).name}"]
    assert "broken.txt" in caplog.text


def test_a_file_that_cannot_be_read_is_skipped_by_name_and_the_rest_still_read(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(SEEDS / Path(F001).name, seeds)
    # A file every read of fails (EIO), even for root, whom permissions do not stop.
    (seeds / "locked.txt").symlink_to("/proc/self/mem")

    files = read_corpus(seeds, tmp_path)

    assert [f.source for f in files] == [f"seeds/{Path(F001).name}"]
    assert "locked.txt" in caplog.text and "cannot be read" in caplog.text
    assert list(fingerprint_sources(seeds)) == [Path(F001).name]


def test_only_non_utf8_files_is_a_corpus_error(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "broken.txt").write_bytes(b"\xff\xfe not text \x80\x81")
    with pytest.raises(CorpusError, match="UTF-8"):
        read_corpus(seeds, tmp_path)


def test_citations_are_relative_to_the_project_root() -> None:
    files = read_corpus(Config().seeds_dir, Config().project_root)
    assert all(f.source.startswith("seeds/") for f in files)


def test_windows_line_endings_keep_offsets_true_to_what_open_reads(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    original = (SEEDS / Path(F000).name).read_bytes()
    (seeds / "crlf.txt").write_bytes(original.replace(b"\n", b"\r\n"))
    (file,) = read_corpus(seeds, tmp_path)
    as_opened = open(tmp_path / file.source, encoding="utf-8").read()  # noqa: SIM115 - the contract's own words
    spans = [(a, b) for article in file.articles for a, b in article.sentences]
    assert len(spans) > 40
    assert all(as_opened[a:b] == file.text[a:b] and "\r" not in file.text[a:b] for a, b in spans)


def test_a_folder_of_page_chrome_only_says_there_is_no_article_text(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "chrome.txt").write_text("Skip to Content\nShare\nHomepage\n} ?>\n", encoding="utf-8")
    (seeds / "empty.txt").write_text("", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"has article text: they are empty or only page chrome \(chrome.txt, empty"):
        read_corpus(seeds, tmp_path)


def _one_article(tmp_path: Path, text: str) -> SourceFile:
    """The corpus read from a seeds folder holding one Markdown article, ``text``."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "note.md").write_text(text, encoding="utf-8")
    (file,) = read_corpus(seeds, tmp_path)
    return file


def test_a_bold_line_in_a_markdown_article_is_content(tmp_path: Path) -> None:
    file = _one_article(tmp_path, "**Chips are scarce.** Prices rose by half in May.\n")
    assert any("Prices rose by half in May." in sentence for sentence in _sentences(file))


def test_no_before_a_number_ends_no_sentence_but_a_plain_no_does(tmp_path: Path) -> None:
    file = _one_article(
        tmp_path, "# Road Runner posts a profit\n\nIt broke Rule No. 16 of the code. Huang said no. The firm stays.\n"
    )

    assert _sentences(file) == ["It broke Rule No. 16 of the code.", "Huang said no.", "The firm stays."]


def test_a_markdown_articles_first_heading_is_its_title(tmp_path: Path) -> None:
    file = _one_article(tmp_path, "# Road Runner Corp posts a profit\n\nProfit rose by half in May.\n")

    assert [article.meta.title for article in file.articles] == ["Road Runner Corp posts a profit"]
    assert _sentences(file) == ["Profit rose by half in May."]


def test_words_of_any_script_are_words() -> None:
    from bot.corpus import word_tokens

    assert word_tokens("Nguyễn called it naïve, 华为 too; revenue fell 63% to $3") == [
        "nguyễn",
        "called",
        "it",
        "naïve",
        "华为",
        "too",
        "revenue",
        "fell",
        "63%",
        "to",
        "3",
    ]


def test_numbers_are_words_without_the_punctuation_that_ends_a_clause() -> None:
    from bot.corpus import word_tokens

    assert word_tokens("In 2025, revenue rose 4230.22%, to 1,111 yuan.") == [
        "in",
        "2025",
        "revenue",
        "rose",
        "4230.22%",
        "to",
        "1,111",
        "yuan",
    ]


def test_an_ampersand_inside_a_word_keeps_it_one_word() -> None:
    from bot.corpus import word_tokens

    # "R&D" split into "r" and "d" left nothing to look for: "How much did Cambrian spend on
    # R&D in Q1?" was answered with its net losses.
    assert word_tokens("Cambrian's R&D rose, you & me") == ["cambrian's", "r&d", "rose", "you", "me"]
