"""The persisted index: built once, loaded afterwards, rebuilt when stale or damaged, never half-written.

These build real (small) indexes over one seed article, so they load the embedding model: slow.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.config import Config
from bot.index import LoadedIndex, index_status, load_or_build

pytestmark = pytest.mark.slow

SEED = Path(__file__).resolve().parent.parent / "seeds" / "001_ba623b8ed6715d3f.txt"


@pytest.fixture
def config(tmp_path: Path) -> Config:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(SEED, seeds)
    return Config(seeds_dir=seeds, index_dir=tmp_path / "index_store", project_root=tmp_path, force_offline=True)


def load(config: Config) -> tuple[LoadedIndex, list[str]]:
    messages: list[str] = []
    return load_or_build(config, progress=messages.append), messages


def built(messages: list[str]) -> bool:
    return any(m.startswith("Index built") for m in messages)


def current(config: Config) -> str:
    return (config.index_dir / "CURRENT").read_text(encoding="utf-8")


def test_first_load_builds_the_index(config: Config) -> None:
    assert index_status(config) == "missing"
    index, messages = load(config)
    assert built(messages)
    assert index.nodes
    assert index_status(config) == "fresh"


def test_the_build_counts_only_the_files_it_used_and_says_how_many_it_skipped(config: Config) -> None:
    (config.seeds_dir / "latin1.txt").write_bytes("Caf\u00e9 prices rose sharply.\n".encode("latin-1"))

    _, messages = load(config)

    assert "  1 files, " in "\n".join(messages) and "(1 skipped, see above)" in "\n".join(messages)


def test_second_load_does_not_rebuild(config: Config) -> None:
    load(config)
    first = current(config)
    index, messages = load(config)
    assert not built(messages)
    assert current(config) == first
    assert index.nodes


def test_changing_a_seed_file_triggers_a_rebuild(config: Config) -> None:
    load(config)
    first = current(config)
    seed = config.seeds_dir / SEED.name
    seed.write_text(
        seed.read_text(encoding="utf-8") + "\nNvidia opened a new office in Hanoi last week.\n", encoding="utf-8"
    )
    assert index_status(config) == "stale"
    index, messages = load(config)
    assert built(messages)
    assert current(config) != first
    assert any("Hanoi" in node.text for node in index.nodes.values())


def test_adding_a_seed_file_triggers_a_rebuild(config: Config) -> None:
    load(config)
    (config.seeds_dir / "extra.md").write_text("Nvidia opened a new office in Hanoi last week.\n", encoding="utf-8")
    assert index_status(config) == "stale"
    _, messages = load(config)
    assert built(messages)


def _garbage_current(build: Path) -> None:
    (build.parent / "CURRENT").write_bytes(b"\x00\xffnot-a-build\n")


def _delete_docstore(build: Path) -> None:
    (build / "llama" / "docstore.json").unlink()


def _delete_bm25(build: Path) -> None:
    shutil.rmtree(build / "bm25")


def _truncate_docstore(build: Path) -> None:
    path = build / "llama" / "docstore.json"
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _truncate_manifest(build: Path) -> None:
    path = build / "manifest.json"
    path.write_bytes(path.read_bytes()[:20])


def _truncate_vector_store(build: Path) -> None:
    path = build / "llama" / "default__vector_store.json"
    path.write_bytes(path.read_bytes()[:100])


def _empty_bm25_corpus(build: Path) -> None:
    # Loads without complaint, then fails on the first question: only a checksum finds it.
    (build / "bm25" / "corpus.jsonl").write_bytes(b"")


def _flip_a_byte_of_the_word_vectors(build: Path) -> None:
    path = build / "words.npz"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    "damage",
    [
        _garbage_current,
        _delete_docstore,
        _delete_bm25,
        _truncate_docstore,
        _truncate_manifest,
        _truncate_vector_store,
        _empty_bm25_corpus,
        _flip_a_byte_of_the_word_vectors,
    ],
    ids=lambda f: f.__name__.strip("_"),
)
def test_damaged_index_is_detected_and_rebuilt(config: Config, damage: Callable[[Path], None]) -> None:
    load(config)
    damage(config.index_dir / current(config))
    index, messages = load(config)
    assert built(messages)
    assert index.nodes
    assert index_status(config) == "fresh"
    _, again = load(config)
    assert not built(again)


def test_a_damaged_file_is_reported_by_status_and_named_when_rebuilding(config: Config) -> None:
    load(config)
    _empty_bm25_corpus(config.index_dir / current(config))
    assert index_status(config) == "damaged"
    _, messages = load(config)
    assert any("damaged (bm25/corpus.jsonl changed" in m for m in messages)


def test_an_index_from_before_checksums_is_rebuilt_as_stale(config: Config) -> None:
    load(config)
    build = config.index_dir / current(config)
    manifest = json.loads((build / "manifest.json").read_text(encoding="utf-8"))
    del manifest["files"]
    manifest["format"] = 1
    (build / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    assert index_status(config) == "stale"


def test_a_manifest_naming_files_outside_the_build_reads_none_of_them(config: Config, tmp_path: Path) -> None:
    load(config)
    build = config.index_dir / current(config)
    outside = tmp_path / "outside.txt"
    outside.write_text("not part of the index", encoding="utf-8")
    manifest = json.loads((build / "manifest.json").read_text(encoding="utf-8"))
    manifest["files"] = {str(outside): "0" * 64, "../../outside.txt": "0" * 64}
    (build / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    assert index_status(config) == "damaged"


def test_interrupted_build_folder_is_ignored(config: Config) -> None:
    load(config)
    first = current(config)
    leftover = config.index_dir / ".tmp-build-20250101000000-deadbeef"
    (leftover / "llama").mkdir(parents=True)
    (leftover / "llama" / "docstore.json").write_text('{"half": ', encoding="utf-8")
    index, messages = load(config)
    assert not built(messages)
    assert current(config) == first
    assert index.nodes


def test_interrupted_build_folder_is_cleaned_by_the_next_build(config: Config) -> None:
    leftover = config.index_dir / ".tmp-build-20250101000000-deadbeef"
    leftover.mkdir(parents=True)
    (leftover / "manifest.json").write_text("{", encoding="utf-8")
    _, messages = load(config)
    assert built(messages)
    assert not leftover.exists()
    assert [p.name for p in config.index_dir.iterdir() if p.is_dir()] == [current(config)]


def test_forced_rebuild_replaces_the_build(config: Config) -> None:
    load(config)
    first = current(config)
    load_or_build(config, force=True)
    index = load_or_build(config, force=True)  # the first build is now two builds old
    assert current(config) != first
    assert not (config.index_dir / first).exists()
    assert index.nodes


def test_two_processes_building_at_once_build_once(config: Config) -> None:
    # Threads stand in for processes: the build lock is an flock on its own file handle.
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda _: load(config), range(2)))
    assert [built(messages) for _, messages in results].count(True) == 1
    assert all(index.nodes for index, _ in results)
    assert [p.name for p in config.index_dir.iterdir() if p.name.startswith("build-")] == [current(config)]


def test_a_rebuild_keeps_the_build_it_replaces_for_readers_still_loading_it(config: Config) -> None:
    load(config)
    first = current(config)
    load_or_build(config, force=True)
    builds = sorted(p.name for p in config.index_dir.iterdir() if p.name.startswith("build-"))
    assert current(config) != first and builds == sorted([first, current(config)])
