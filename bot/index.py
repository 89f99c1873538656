"""The persisted index in ``index_store/``: built on first use, loaded afterwards, rebuilt when
the articles, the embedding model or the chunking settings change, and never left half-written.

Layout of ``index_store/``:
- ``CURRENT``: the name of the live build folder (replaced atomically, so readers never see a
  half-written index);
- ``build-<id>/``: ``manifest.json`` (what the build was made from), ``llama/`` (LlamaIndex
  docstore and vector store), ``bm25/`` (the BM25 retriever), ``words.npz`` (the embedding of
  every word of the articles, for the answerer's synonym check);
- ``.lock``: held while building, so one process builds and the others wait and load.

Nodes are one sentence each (small enough to quote), with their exact character offsets into the
raw file and their position in their article (so the answerer can read around them).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import shutil
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from bot.config import Config
from bot.corpus import iter_source_paths, word_tokens
from bot.errors import IndexBuildError
from bot.question import unpossessed, with_parts

logger = logging.getLogger(__name__)

FORMAT_VERSION = 2  # 2: the manifest lists a checksum of every file
# Everything that shapes the nodes. Changing any value makes existing indexes stale.
CHUNKING: dict[str, Any] = {
    "unit": "sentence",
    "splitter": "punkt+abbreviations-v3",  # 2: "“... the sun!” he joked" is one sentence; 3: "No. 16" too
    "parser": 5,  # bump when bot/corpus.py changes what counts as content or a word (5: "# title")
    "word_vectors": 4,  # 3: also the parts of hyphenated words and words without "'s"; 4: "r&d"
    "bm25_stemmer": "english",
    "bm25_token_pattern": r"(?u)\b\w\w+\b",
    "bm25_stopwords": "en",
}

Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    pass


@dataclass
class LoadedIndex:
    """What retrieval needs: the LlamaIndex vector index, the BM25 retriever, the nodes by id."""

    vector_index: Any  # llama_index.core.VectorStoreIndex
    bm25: Any  # llama_index.retrievers.bm25.BM25Retriever
    nodes: dict[str, Any]  # node id -> TextNode
    query_embedding: Any  # bot.embedding.FastQueryEmbedding, shared by retrieval and answering
    # Every distinct word of the articles and its embedding, so the answerer can tell whether a
    # question's word is covered by a synonym ("firms" ~ "enterprises") embedding only the question.
    words: dict[str, Any]  # word -> np.ndarray


def expected_manifest(config: Config) -> dict[str, Any]:
    """What an up-to-date index must have been built from (cheap: hashes files, loads no model)."""
    from bot.corpus import fingerprint_sources
    from bot.embedding import model_fingerprint

    return {
        "format": FORMAT_VERSION,
        "seeds_dir": str(config.seeds_dir.resolve()),
        "sources": fingerprint_sources(config.seeds_dir),
        "embedding_model": model_fingerprint(),
        "chunking": CHUNKING,
    }


def _current_build(index_dir: Path) -> Path | None:
    try:
        name = (index_dir / "CURRENT").read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    build = index_dir / name
    return build if name.startswith("build-") and build.is_dir() else None


def _read_manifest(build: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((build / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _build_files(build: Path) -> list[str]:
    """The files of a build but its manifest, by path inside the build."""
    return sorted(
        name
        for path in build.rglob("*")
        if path.is_file() and (name := path.relative_to(build).as_posix()) != "manifest.json"
    )


def _checksums(build: Path) -> dict[str, str]:
    """SHA-256 of every file of a build but its manifest."""
    return {name: hashlib.sha256((build / name).read_bytes()).hexdigest() for name in _build_files(build)}


def _damaged_file(build: Path, manifest: dict[str, Any]) -> str | None:
    """The first file of the build that is missing, added or not what was written, if any. (About
    6 ms for the whole index here; a truncated BM25 corpus otherwise loads and fails mid-question.)
    Only files found inside the build are read, whatever names the manifest holds."""
    files = manifest.get("files")
    if not isinstance(files, dict) or not files:
        return "manifest.json"
    present = _build_files(build)
    if sorted(files) != present:
        return next(iter(sorted(set(files) ^ set(present))))
    for name in present:
        try:
            if hashlib.sha256((build / name).read_bytes()).hexdigest() != files[name]:
                return name
        except OSError:
            return name
    return None


def _inputs(manifest: dict[str, Any]) -> dict[str, Any]:
    """What the index was built from, to compare with ``expected_manifest``."""
    return {key: value for key, value in manifest.items() if key != "files"}


def index_status(config: Config) -> str:
    """``"fresh"``, ``"stale"`` (inputs changed), ``"damaged"`` (a file of it changed since it
    was written) or ``"missing"`` (none, or unreadable)."""
    build = _current_build(config.index_dir)
    if build is None:
        return "missing"
    manifest = _read_manifest(build)
    if manifest is None:
        return "missing"
    if _inputs(manifest) != expected_manifest(config):
        return "stale"
    return "damaged" if _damaged_file(build, manifest) else "fresh"


def build_nodes(config: Config) -> list[Any]:
    """One node per quotable sentence, with its exact offsets into the raw file. Only the
    sentence itself is embedded and BM25-indexed: tried on the dev questions, adding the
    neighbouring sentences raised hit@5 but cut hit@1 from 0.59 to 0.21, because neighbours then
    score alike; the answerer reads around the best sentence instead."""
    from llama_index.core.schema import TextNode

    from bot.corpus import read_corpus

    nodes: list[TextNode] = []
    for file in read_corpus(config.seeds_dir, config.project_root):
        for article in file.articles:
            meta = article.meta
            for position, (start, end) in enumerate(article.sentences):
                metadata = {
                    "source": meta.source,
                    "title": meta.title,
                    "published": meta.published,
                    "url": meta.url,
                    "outlet": meta.outlet,
                    "author": meta.author,
                    "article_start": article.start,
                    "article_end": article.end,
                    "position": position,
                    "heading": (start, end) in article.headings,
                }
                nodes.append(
                    TextNode(
                        id_=f"{file.source}:{start}-{end}",
                        text=file.text[start:end],
                        start_char_idx=start,
                        end_char_idx=end,
                        metadata=metadata,
                        excluded_embed_metadata_keys=list(metadata),
                        excluded_llm_metadata_keys=list(metadata),
                    )
                )
    return nodes


def stemmer() -> Any:
    """The stemmer BM25 and the answerer share (PyStemmer)."""
    import Stemmer

    return Stemmer.Stemmer(CHUNKING["bm25_stemmer"])


def build_index(config: Config, progress: Progress = _quiet) -> LoadedIndex:
    """Build from scratch into a new folder, then switch ``CURRENT`` to it atomically.
    Call it holding the build lock (``load_or_build`` does)."""
    from llama_index.core import VectorStoreIndex
    from llama_index.retrievers.bm25 import BM25Retriever

    from bot.embedding import reference_embed_model

    started = time.perf_counter()
    previous = _current_build(config.index_dir)
    # Hashed before the files are read: an article edited during the build makes this build
    # stale at once, so the next start rebuilds rather than trusting old offsets.
    manifest = expected_manifest(config)
    progress(f"Reading articles in {config.seeds_dir} ...")
    nodes = build_nodes(config)
    used = len({node.metadata["source"] for node in nodes})
    skipped = len(iter_source_paths(config.seeds_dir)) - used  # unreadable, not UTF-8, or no article text
    progress(
        f"  {used} files, {len(nodes)} quotable sentences" + (f" ({skipped} skipped, see above)" if skipped else "")
    )
    progress("Loading the embedding model (packaged all-MiniLM-L6-v2) ...")
    embed_model = reference_embed_model()
    progress(f"Embedding {len(nodes)} sentences ...")
    vector_index = VectorStoreIndex(nodes, embed_model=embed_model, show_progress=False)
    progress("Embedding the articles' vocabulary ...")
    # Every word the answerer compares, so judging evidence never embeds a word at question time.
    tokens = [w for node in nodes for w in word_tokens(node.text)]
    words = sorted({*tokens, *(unpossessed(w) for w in with_parts(tokens))})
    word_matrix = np.asarray(embed_model.get_text_embedding_batch(words), dtype=np.float32)
    bm25 = BM25Retriever.from_defaults(
        nodes=nodes,
        stemmer=stemmer(),
        language=CHUNKING["bm25_stopwords"],
        token_pattern=CHUNKING["bm25_token_pattern"],
    )

    build = config.index_dir / f"build-{time.strftime('%Y%m%d%H%M%S')}-{uuid.uuid4().hex[:8]}"
    staging = config.index_dir / f".tmp-{build.name}"
    try:
        staging.mkdir()
        vector_index.storage_context.persist(persist_dir=str(staging / "llama"))
        (staging / "bm25").mkdir()
        bm25.persist(str(staging / "bm25"), show_progress=False)
        np.savez(staging / "words.npz", words=np.array(words), vectors=word_matrix)
        # The manifest is written last: a folder without one is never treated as an index. It
        # holds a checksum of every file, so a file damaged later is found before it is used.
        manifest = {**manifest, "files": _checksums(staging)}
        (staging / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        os.replace(staging, build)
        pointer = config.index_dir / f".CURRENT-{uuid.uuid4().hex[:8]}"
        pointer.write_text(build.name, encoding="utf-8")
        os.replace(pointer, config.index_dir / "CURRENT")
    except OSError as err:
        shutil.rmtree(staging, ignore_errors=True)
        raise IndexBuildError(
            f"Could not write the index to {config.index_dir} ({err.strerror or err}) - check that the folder "
            "is writable and the disk has space, or point BOT_INDEX_DIR elsewhere."
        ) from err
    _remove_old_builds(config.index_dir, keep={build.name, previous.name if previous else ""})
    progress(f"Index built in {time.perf_counter() - started:.1f} s -> {build}")
    # Served from disk like any later start, so queries use the same (fast) query encoder.
    return load_index(build)


def _remove_old_builds(index_dir: Path, keep: set[str]) -> None:
    """Delete superseded builds and abandoned staging folders. Runs under the build lock, so no
    other process is writing; the build just replaced is kept for processes still loading it."""
    for entry in index_dir.iterdir():
        if entry.is_dir() and entry.name not in keep and entry.name.startswith(("build-", ".tmp-build-")):
            shutil.rmtree(entry, ignore_errors=True)
        elif entry.is_file() and entry.name.startswith(".CURRENT-"):  # a pointer a crash left behind
            entry.unlink(missing_ok=True)


@contextmanager
def _build_lock(index_dir: Path, progress: Progress) -> Iterator[None]:
    """One builder at a time per index folder (processes and threads alike)."""
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        handle = open(index_dir / ".lock", "a+")  # noqa: SIM115 - held for the whole block
    except OSError as err:
        raise IndexBuildError(
            f"Could not use {index_dir} for the index ({err.strerror or err}) - make sure it is a writable "
            "folder, or point BOT_INDEX_DIR elsewhere."
        ) from err
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            progress("Another process is building the index; waiting for it ...")
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _load_vector_store(path: Path) -> Any:
    """The persisted ``SimpleVectorStore``, read with plain ``json``: the library's own loader
    decodes every float through dataclasses-json, about 1 s here for a few hundred vectors, which
    is a quarter of the cold-start budget of ``ask``."""
    from llama_index.core.vector_stores.simple import SimpleVectorStore, SimpleVectorStoreData

    data = json.loads(path.read_text(encoding="utf-8"))
    return SimpleVectorStore(
        data=SimpleVectorStoreData(
            embedding_dict=data["embedding_dict"],
            text_id_to_ref_doc_id=data["text_id_to_ref_doc_id"],
            metadata_dict=data["metadata_dict"],
        )
    )


def load_index(build: Path) -> LoadedIndex:
    """Load a persisted build. Any failure means the build is unusable (the caller rebuilds)."""
    import bm25s
    from llama_index.core import StorageContext, load_index_from_storage
    from llama_index.core.storage.docstore import SimpleDocumentStore
    from llama_index.core.storage.index_store import SimpleIndexStore
    from llama_index.retrievers.bm25 import BM25Retriever

    from bot.embedding import FastQueryEmbedding

    storage = StorageContext.from_defaults(
        docstore=SimpleDocumentStore.from_persist_dir(str(build / "llama")),
        index_store=SimpleIndexStore.from_persist_dir(str(build / "llama")),
        vector_store=_load_vector_store(build / "llama" / "default__vector_store.json"),
    )
    query_embedding = FastQueryEmbedding()
    vector_index = load_index_from_storage(storage, embed_model=query_embedding)
    # BM25Retriever.from_persist_dir restores the library's default stemmer and token pattern,
    # not the ones the index was built with, so the retriever is rebuilt around the loaded BM25.
    bm25 = BM25Retriever(
        existing_bm25=bm25s.BM25.load(str(build / "bm25"), load_corpus=True),
        stemmer=stemmer(),
        token_pattern=CHUNKING["bm25_token_pattern"],
    )
    nodes = dict(vector_index.docstore.docs)
    if not nodes:
        raise ValueError("the index has no nodes")
    with np.load(build / "words.npz") as saved:
        words = dict(zip(saved["words"].tolist(), saved["vectors"], strict=True))
    return LoadedIndex(vector_index, bm25, nodes, query_embedding, words)


def _load_if_fresh(config: Config, expected: dict[str, Any], progress: Progress) -> LoadedIndex | None:
    build = _current_build(config.index_dir)
    if build is None:
        progress("No index yet; building it (once) ...")
        return None
    manifest = _read_manifest(build)
    if manifest is None:
        progress("The saved index is incomplete; rebuilding it ...")
        return None
    if _inputs(manifest) != expected:
        changed = [key for key in ("sources", "embedding_model", "chunking") if manifest.get(key) != expected[key]]
        progress(f"The articles or settings changed ({', '.join(changed) or 'format'}); rebuilding the index ...")
        return None
    damaged = _damaged_file(build, manifest)
    if damaged:
        progress(f"The saved index is damaged ({damaged} changed since it was built); rebuilding it ...")
        return None
    try:
        return load_index(build)
    except Exception as err:  # unreadable although intact (e.g. a library change): rebuild it
        logger.debug("loading %s failed", build, exc_info=True)
        progress(f"The saved index cannot be read ({type(err).__name__}: {err}); rebuilding it ...")
        return None


def load_or_build(config: Config, progress: Progress = _quiet, force: bool = False) -> LoadedIndex:
    """The index for ``config``: loaded when up to date, otherwise (re)built, with the reason said."""
    if not force and (index := _load_if_fresh(config, expected_manifest(config), _quiet)) is not None:
        return index
    with _build_lock(config.index_dir, progress):
        # Another process may have built it while this one waited for the lock.
        if not force and (index := _load_if_fresh(config, expected_manifest(config), progress)) is not None:
            return index
        return build_index(config, progress)
