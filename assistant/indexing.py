"""Incremental indexing: compare each chunk's content hash with the index's, re-embed only what changed.

Editing one policy file re-embeds that file's sections; importing listings re-embeds the changed products.
"""

from __future__ import annotations

from typing import Protocol

from pydantic import BaseModel, ConfigDict, Field

from assistant.knowledge import Passage, load_passages, passage_hash
from assistant.retrieve import Retriever
from assistant.settings import Settings

__all__ = ["IndexStatus", "TopicTagger", "index_is_current", "index_status", "sync_index", "sync_passages"]


class TopicTagger(Protocol):
    """Tags texts with the intents they are about (the classifier)."""

    def topics(self, texts: list[str], min_share: float = 0.2) -> list[tuple[str, ...]]: ...


class IndexStatus(BaseModel):
    """What differs between a store's knowledge folder and its index, chunk by chunk."""

    model_config = ConfigDict(extra="forbid")

    collection: str
    chunks: int = Field(description="chunks in the knowledge folder")
    added: list[str] = Field(default_factory=list, description="chunks not in the index yet")
    changed: list[str] = Field(default_factory=list, description="chunks whose text changed since they were embedded")
    removed: list[str] = Field(default_factory=list, description="indexed chunks no longer in the folder")
    embedded: int = Field(default=0, description="chunks embedded by this sync (0 for a status check)")

    @property
    def current(self) -> bool:
        return not (self.added or self.changed or self.removed)

    def stale_documents(self) -> list[str]:
        """The documents (policy file stems, 'listings') that have a stale chunk."""
        stale = self.added + self.changed + self.removed
        return sorted({"listings" if chunk.startswith("listing:") else chunk.split("#")[0] for chunk in stale})


def index_status(passages: list[Passage], retriever: Retriever, embedder_name: str, collection: str) -> IndexStatus:
    """Which chunks are new, changed or gone, by content hash."""
    stored = retriever.stored_hashes()
    wanted = {p.id: passage_hash(p, embedder_name) for p in passages}
    return IndexStatus(
        collection=collection, chunks=len(passages),
        added=[pid for pid in wanted if pid not in stored],
        changed=[pid for pid, h in wanted.items() if pid in stored and stored[pid] != h],
        removed=[pid for pid in stored if pid not in wanted],
    )


def index_is_current(passages: list[Passage], retriever: Retriever) -> bool:
    """Whether the index holds exactly these passages, as embedded by its embedder now."""
    return index_status(passages, retriever, retriever.embedder_name, "").current


LISTING_TOPICS = ("pre_sale_question",)  # a listing answers product questions; it is searched by kind, not topic


def _tagged(passages: list[Passage], tagger: TopicTagger) -> list[Passage]:
    """Topics: what the author declared, else the classifier's guess for policy passages; listings answer product
    questions and need no second embedding."""
    untagged = [p for p in passages if p.kind != "listing" and not p.intents]
    found = tagger.topics([f"{p.title}. {p.section}. {p.text}" for p in untagged]) if untagged else []
    topics = dict(zip((p.id for p in untagged), found, strict=True))
    return [p.model_copy(update={"topics": p.intents or topics.get(p.id, LISTING_TOPICS)}) for p in passages]


def sync_passages(passages: list[Passage], tagger: TopicTagger, retriever: Retriever, embedder_name: str,
                  collection: str, rebuild: bool = False) -> IndexStatus:
    """Bring an index in line with these passages: embed the new and changed ones, then drop the gone ones.

    Every embedding is computed before the index is written, so a failed embedding leaves the index as it was.
    """
    if rebuild:
        count = retriever.build(_tagged(passages, tagger))
        return IndexStatus(collection=collection, chunks=len(passages), embedded=count)
    status = index_status(passages, retriever, embedder_name, collection)
    if status.current:
        return status
    stale = set(status.added) | set(status.changed)
    embedded = retriever.upsert(_tagged([p for p in passages if p.id in stale], tagger))
    retriever.delete(status.removed)
    return status.model_copy(update={"embedded": embedded})


def sync_index(settings: Settings, tagger: TopicTagger, retriever: Retriever, embedder_name: str,
               rebuild: bool = False) -> IndexStatus:
    """Bring the store's index (settings.collection) in line with its folder; `rebuild` re-embeds everything."""
    return sync_passages(load_passages(settings.knowledge_dir), tagger, retriever, embedder_name,
                         settings.collection, rebuild)
