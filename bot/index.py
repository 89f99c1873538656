"""The persisted index in ``index_store/``: built on first use, loaded afterwards, rebuilt when
the articles, the embedding model or the chunking settings change, and never left half-written.

Layout of ``index_store/``:
- ``CURRENT``: the name of the live build folder (replaced atomically, so readers never see a
  half-written index);
- ``build-<id>/``: ``manifest.json`` (what the build was made from), ``llama/`` (LlamaIndex
  docstore and vector store), ``bm25/`` (the BM25 retriever).

Nodes are one sentence each (small enough to quote) and carry their neighbours as context and
their exact character offsets into the raw file.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from bot.config import Config
from bot.corpus import word_tokens
from bot.errors import IndexBuildError

logger = logging.getLogger(__name__)

FORMAT_VERSION = 1
# Everything that shapes the nodes. Changing any value makes existing indexes stale.
CHUNKING: dict[str, Any] = {
    "unit": "sentence",
    "splitter": "punkt+abbreviations-v1",
    "parser": 2,  # bump when bot/corpus.py changes what counts as content
    "word_vectors": 1,
    "context_sentences": 0,
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
    manifest: dict[str, Any]
    # Every distinct word of the articles and its embedding, so the answerer can tell whether a
    # question's word is covered by a synonym ("firms" ~ "enterprises") without embedding at run time.
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


def index_status(config: Config) -> str:
    """``"fresh"``, ``"stale"`` (inputs changed) or ``"missing"`` (none, or unreadable)."""
    build = _current_build(config.index_dir)
    if build is None:
        return "missing"
    manifest = _read_manifest(build)
    if manifest is None:
        return "missing"
    return "fresh" if manifest == expected_manifest(config) else "stale"


def build_nodes(config: Config) -> list[Any]:
    """Sentence nodes with neighbours as context and offsets into the raw files."""
    from llama_index.core.schema import TextNode

    from bot.corpus import read_corpus

    width = int(CHUNKING["context_sentences"])
    nodes: list[TextNode] = []
    for file in read_corpus(config.seeds_dir, config.project_root):
        for article in file.articles:
            spans = article.sentences
            meta = article.meta
            for i, (start, end) in enumerate(spans):
                before = " ".join(file.text[a:b] for a, b in spans[max(0, i - width) : i])
                after = " ".join(file.text[a:b] for a, b in spans[i + 1 : i + 1 + width])
                nodes.append(
                    TextNode(
                        id_=f"{file.source}:{start}-{end}",
                        text=file.text[start:end],
                        start_char_idx=start,
                        end_char_idx=end,
                        metadata={
                            # Neighbours are embedded and BM25-indexed with the sentence, so a
                            # sentence that says "he said" is still found by who "he" is.
                            "context": f"{before} {after}".strip(),
                            "source": meta.source,
                            "title": meta.title,
                            "published": meta.published,
                            "url": meta.url,
                            "outlet": meta.outlet,
                            "author": meta.author,
                            "article_start": article.start,
                            "article_end": article.end,
                            "position": i,
                            "heading": (start, end) in article.headings,
                        },
                        excluded_embed_metadata_keys=[
                            "source",
                            "title",
                            "published",
                            "url",
                            "outlet",
                            "author",
                            "article_start",
                            "article_end",
                            "position",
                            "heading",
                        ],
                        excluded_llm_metadata_keys=["context", "article_start", "article_end", "position"],
                        metadata_template="{value}",
                    )
                )
    return nodes


def _stemmer():
    import Stemmer

    return Stemmer.Stemmer(CHUNKING["bm25_stemmer"])


def build_index(config: Config, progress: Progress = _quiet) -> LoadedIndex:
    """Build from scratch into a new folder, then switch ``CURRENT`` to it atomically."""
    from llama_index.core import VectorStoreIndex
    from llama_index.retrievers.bm25 import BM25Retriever

    from bot.embedding import reference_embed_model

    started = time.perf_counter()
    manifest = expected_manifest(config)
    progress(f"Reading articles in {config.seeds_dir} ...")
    nodes = build_nodes(config)
    progress(f"  {len(manifest['sources'])} files, {len(nodes)} quotable sentences")
    progress("Loading the embedding model (packaged all-MiniLM-L6-v2) ...")
    embed_model = reference_embed_model()
    progress(f"Embedding {len(nodes)} sentences ...")
    vector_index = VectorStoreIndex(nodes, embed_model=embed_model, show_progress=False)
    progress("Embedding the articles' vocabulary ...")
    words = sorted({w for node in nodes for w in word_tokens(node.text)})
    word_matrix = np.asarray(embed_model.get_text_embedding_batch(words), dtype=np.float32)
    bm25 = BM25Retriever.from_defaults(
        nodes=nodes,
        stemmer=_stemmer(),
        language=CHUNKING["bm25_stopwords"],
        token_pattern=CHUNKING["bm25_token_pattern"],
    )

    config.index_dir.mkdir(parents=True, exist_ok=True)
    build = config.index_dir / f"build-{time.strftime('%Y%m%d%H%M%S')}-{uuid.uuid4().hex[:8]}"
    staging = config.index_dir / f".tmp-{build.name}"
    try:
        staging.mkdir()
        vector_index.storage_context.persist(persist_dir=str(staging / "llama"))
        (staging / "bm25").mkdir()
        bm25.persist(str(staging / "bm25"))
        np.savez(staging / "words.npz", words=np.array(words), vectors=word_matrix)
        # The manifest is written last: a folder without one is never treated as an index.
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
    _remove_old_builds(config.index_dir, keep=build.name)
    progress(f"Index built in {time.perf_counter() - started:.1f} s -> {build}")
    # Served from disk like any later start, so queries use the same (fast) query encoder.
    return load_index(config, build, manifest)


def _remove_old_builds(index_dir: Path, keep: str) -> None:
    for entry in index_dir.iterdir():
        if entry.is_dir() and entry.name != keep and (entry.name.startswith(("build-", ".tmp-build-"))):
            shutil.rmtree(entry, ignore_errors=True)


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


def load_index(config: Config, build: Path, manifest: dict[str, Any]) -> LoadedIndex:
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
    vector_index = load_index_from_storage(storage, embed_model=FastQueryEmbedding())
    # BM25Retriever.from_persist_dir restores the library's default stemmer and token pattern,
    # not the ones the index was built with, so the retriever is rebuilt around the loaded BM25.
    bm25 = BM25Retriever(
        existing_bm25=bm25s.BM25.load(str(build / "bm25"), load_corpus=True),
        stemmer=_stemmer(),
        token_pattern=CHUNKING["bm25_token_pattern"],
    )
    nodes = dict(vector_index.docstore.docs)
    if not nodes:
        raise ValueError("the index has no nodes")
    with np.load(build / "words.npz") as saved:
        words = dict(zip(saved["words"].tolist(), saved["vectors"], strict=True))
    return LoadedIndex(vector_index, bm25, nodes, manifest, words)


def load_or_build(config: Config, progress: Progress = _quiet, force: bool = False) -> LoadedIndex:
    """The index for ``config``: loaded when up to date, otherwise (re)built, with the reason said."""
    expected = expected_manifest(config)
    build = None if force else _current_build(config.index_dir)
    if build is not None:
        manifest = _read_manifest(build)
        if manifest == expected:
            try:
                return load_index(config, build, manifest)
            except Exception as err:  # any unreadable file means a corrupted build: rebuild it
                logger.warning("The index in %s is damaged (%s); rebuilding it.", build, err)
                progress("The saved index is damaged; rebuilding it ...")
        elif manifest is None:
            progress("The saved index is incomplete; rebuilding it ...")
        else:
            changed = [key for key in ("sources", "embedding_model", "chunking") if manifest.get(key) != expected[key]]
            progress(f"The articles or settings changed ({', '.join(changed) or 'format'}); rebuilding the index ...")
    elif not force:
        progress("No index yet; building it (once) ...")
    return build_index(config, progress)
