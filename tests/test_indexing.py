"""Incremental indexing: chunks are re-embedded only when their content hash changes; counted, not assumed."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest

from assistant.embeddings import HashEmbedder, Vectors
from assistant.indexing import index_is_current, index_status, sync_index
from assistant.knowledge import load_passages
from assistant.retrieve import ChromaRetriever, MemoryRetriever, Retriever
from assistant.settings import PROJECT_ROOT, Settings


class CountingEmbedder(HashEmbedder):
    """The hash embedder, counting every passage it embeds."""

    def __init__(self) -> None:
        super().__init__()
        self.embedded = 0

    def passage(self, texts: Sequence[str]) -> Vectors:
        self.embedded += len(texts)
        return super().passage(texts)


class NoTopics:
    def topics(self, texts: list[str], min_share: float = 0.2) -> list[tuple[str, ...]]:
        return [() for _ in texts]


def _retriever(kind: str, embedder: CountingEmbedder, tmp_path: Path) -> Retriever:
    return MemoryRetriever(embedder) if kind == "memory" else ChromaRetriever(embedder, tmp_path / "chroma", "store_t")


@pytest.mark.parametrize("kind", ["memory", "chroma"])
def test_editing_one_policy_file_re_embeds_only_its_changed_chunks(tmp_path: Path, kind: str) -> None:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(PROJECT_ROOT / "knowledge" / "stores" / "rhein-kueche", knowledge)
    settings = Settings(knowledge_dir=knowledge, collection="store_t")
    embedder = CountingEmbedder()
    retriever = _retriever(kind, embedder, tmp_path)
    total = len(load_passages(knowledge))

    first = sync_index(settings, NoTopics(), retriever, embedder.name)
    assert (first.embedded, embedder.embedded) == (total, total)

    again = sync_index(settings, NoTopics(), retriever, embedder.name)
    assert again.current and (again.embedded, embedder.embedded) == (0, total)  # nothing changed: nothing embedded

    shipping = knowledge / "policies" / "shipping.md"
    text = shipping.read_text(encoding="utf-8")
    shipping.write_text(text.replace("within one business day", "within two business days")
                        + "\n## Islands\n\nParcels to the North Sea islands take one more day.\n", encoding="utf-8")
    stale = index_status(load_passages(knowledge), retriever, embedder.name, "store_t")
    assert (stale.changed, stale.added, stale.removed) == (["shipping#1"], ["shipping#4"], [])
    assert stale.stale_documents() == ["shipping"]

    synced = sync_index(settings, NoTopics(), retriever, embedder.name)
    assert synced.embedded == 2 and embedder.embedded == total + 2  # one edited section, one new one; nothing else

    (knowledge / "policies" / "product-care.md").unlink()
    gone = sync_index(settings, NoTopics(), retriever, embedder.name)
    assert (gone.embedded, sorted(gone.removed)) == (0, ["product-care#1", "product-care#2"])
    assert index_is_current(load_passages(knowledge), retriever)
    assert embedder.embedded == total + 2

    rebuilt = sync_index(settings, NoTopics(), retriever, embedder.name, rebuild=True)
    assert rebuilt.embedded == total + 1 - 2 and embedder.embedded == 2 * total + 1


def test_a_failed_embedding_leaves_the_index_as_it_was(tmp_path: Path) -> None:
    class Failing(CountingEmbedder):
        def passage(self, texts: Sequence[str]) -> Vectors:
            raise RuntimeError("model crashed")

    knowledge = tmp_path / "knowledge"
    shutil.copytree(PROJECT_ROOT / "knowledge" / "stores" / "rhein-kueche", knowledge)
    good = CountingEmbedder()
    retriever = ChromaRetriever(good, tmp_path / "chroma", "store_t")
    settings = Settings(knowledge_dir=knowledge, collection="store_t")
    sync_index(settings, NoTopics(), retriever, good.name)
    before = retriever.stored_hashes()
    (knowledge / "policies" / "returns.md").write_text("# Returns\n\n## New\n\nEverything changed.\n", encoding="utf-8")
    broken = ChromaRetriever(Failing(), tmp_path / "chroma", "store_t")
    with pytest.raises(RuntimeError):
        sync_index(settings, NoTopics(), broken, good.name)
    assert retriever.stored_hashes() == before


class RecordingTopics(NoTopics):
    def __init__(self) -> None:
        self.seen: list[str] = []

    def topics(self, texts: list[str], min_share: float = 0.2) -> list[tuple[str, ...]]:
        self.seen += texts
        return [("damaged_in_transit",) for _ in texts]


def test_classifier_tags_only_undeclared_policy_sections_listings_are_product_questions() -> None:
    """Tagging embeds each text once more: 1,000 listings must not cost 2,000 embeddings, and what the author
    declared is not second-guessed."""
    from assistant.indexing import _tagged
    from assistant.knowledge import Passage

    passages = [
        Passage(id="d#1", document="d", title="D", section="Minor", text="A scratch.", intents=("return_request",)),
        Passage(id="d#2", document="d", title="D", section="Other", text="Untagged prose."),
        Passage(id="listing:A1", document="listings", title="Mug", section="A1", text="A mug.", kind="listing"),
    ]
    tagger = RecordingTopics()
    tagged = {p.id: p.topics for p in _tagged(passages, tagger)}
    assert tagger.seen == ["D. Other. Untagged prose."]
    assert tagged == {"d#1": ("return_request",), "d#2": ("damaged_in_transit",), "listing:A1": ("pre_sale_question",)}
