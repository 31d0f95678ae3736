"""The retrieval seam: a Chroma index (embedded on disk, or a Chroma server) and an in-memory one for tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from assistant.embeddings import Embedder, Vectors
from assistant.errors import IndexError_
from assistant.knowledge import Passage, passage_hash
from assistant.models import Citation

__all__ = ["RETRIEVERS", "ChromaRetriever", "MemoryRetriever", "Retriever", "eligible_channels", "eligible_routes",
           "eligible_severities", "eligible_statuses", "section_conditions"]


class Retriever(Protocol):
    """Finds the passages nearest a query vector, on-topic ones first. `build` replaces the index; `upsert` and
    `delete` change only the chunks named, and `stored_hashes` tells which chunks (by content hash) are in it."""

    @property
    def embedder_name(self) -> str: ...

    def build(self, passages: list[Passage]) -> int: ...

    def upsert(self, passages: list[Passage]) -> int: ...

    def delete(self, ids: list[str]) -> None: ...

    def stored_hashes(self) -> dict[str, str]: ...

    def search(self, query: Vectors, k: int, kind: str | None = None, topic: str | None = None,
               fulfillment: str | None = None, severity: str | None = None,
               route: str | None = None, status: str | None = None,
               signals: tuple[str, ...] = ()) -> list[Citation]: ...


_UPSERT_BATCH = 500


def _embed_text(p: Passage) -> str:
    return f"{p.title}. {p.section}. {p.text}"


def _citation(passage_id: str, meta: dict[str, Any], text: str, score: float) -> Citation:
    snippet = " ".join(text.split())
    return Citation(
        id=passage_id,
        document=str(meta.get("document", "")),
        section=str(meta.get("section", "")),
        snippet=snippet[:280] + ("…" if len(snippet) > 280 else ""),
        score=round(score, 4),
        title=str(meta.get("title", "")),
    )


class MemoryRetriever:
    """Exact cosine search in numpy; for unit tests and tiny stores."""

    def __init__(self, embedder: Embedder) -> None:
        self._embedder = embedder
        self._rows: dict[str, tuple[Passage, Vectors, str]] = {}
        self._passages: list[Passage] = []
        self._vectors: Vectors = np.zeros((0, embedder.dim), dtype=np.float32)

    def _refresh(self) -> None:
        self._passages = [row[0] for row in self._rows.values()]
        self._vectors = (np.stack([row[1] for row in self._rows.values()]) if self._rows
                         else np.zeros((0, self._embedder.dim), dtype=np.float32))

    @property
    def embedder_name(self) -> str:
        return self._embedder.name

    def build(self, passages: list[Passage]) -> int:
        self._rows = {}
        return self.upsert(passages)

    def upsert(self, passages: list[Passage]) -> int:
        vectors = self._embedder.passage([_embed_text(p) for p in passages])
        for passage, vector in zip(passages, vectors, strict=True):
            self._rows[passage.id] = (passage, vector, passage_hash(passage, self._embedder.name))
        self._refresh()
        return len(passages)

    def delete(self, ids: list[str]) -> None:
        for passage_id in ids:
            self._rows.pop(passage_id, None)
        self._refresh()

    def stored_hashes(self) -> dict[str, str]:
        return {passage_id: row[2] for passage_id, row in self._rows.items()}

    def search(self, query: Vectors, k: int, kind: str | None = None, topic: str | None = None,
               fulfillment: str | None = None, severity: str | None = None,
               route: str | None = None, status: str | None = None,
               signals: tuple[str, ...] = ()) -> list[Citation]:
        if not self._passages:
            raise IndexError_("the index is empty. Run: reply-assistant index")
        scores = self._vectors @ query.reshape(-1)
        allowed = section_conditions(fulfillment, severity, route, status, signals)
        order = [int(i) for i in np.argsort(-scores) if (kind is None or self._passages[int(i)].kind == kind)
                 and all(getattr(self._passages[int(i)], key) in values for key, values in allowed.items())]
        routed = [i for i in order if self._passages[i].signal] + [i for i in order if self._passages[i].route
                                                                 and not self._passages[i].signal]
        on_topic = [i for i in order if topic is not None and topic in self._passages[i].topics and i not in routed]
        hits = (routed + on_topic + [i for i in order if i not in on_topic and i not in routed])[:k]
        return [
            _citation(self._passages[i].id, self._passages[i].model_dump(), self._passages[i].text, float(scores[i]))
            for i in hits
        ]


class ChromaRetriever:
    """A Chroma collection with our own embeddings (Chroma's default embedding function would download a model)."""

    def __init__(self, embedder: Embedder, index_dir: Path, collection: str,
                 host: str | None = None, port: int = 8000) -> None:
        import chromadb  # imported here so unit tests on MemoryRetriever never load it
        from chromadb.config import Settings

        self._embedder = embedder
        self._name = collection
        settings = Settings(anonymized_telemetry=False)
        try:
            if host:
                self._client: Any = chromadb.HttpClient(host=host, port=port, settings=settings)
            else:
                index_dir.mkdir(parents=True, exist_ok=True)
                self._client = chromadb.PersistentClient(path=str(index_dir), settings=settings)
        except Exception as exc:  # chroma raises many kinds; all mean the index is unreachable
            where = f"Chroma server {host}:{port}" if host else f"{index_dir}"
            reason = str(exc).rstrip(". ")
            raise IndexError_(
                f"cannot open the index at {where}: {reason}. Check the path or that `chroma run` is up."
            ) from exc

    def _collection(self) -> Any | None:
        try:
            return self._client.get_collection(self._name, embedding_function=None)
        except Exception:  # "does not exist" comes as several exception types across versions
            return None

    @property
    def embedder_name(self) -> str:
        return self._embedder.name

    def build(self, passages: list[Passage]) -> int:
        """Replace the collection with these passages (embedded before the old collection is dropped)."""
        vectors = self._embedder.passage([_embed_text(p) for p in passages])
        try:
            if self._collection() is not None:
                self._client.delete_collection(self._name)
            self._write(self._create(), passages, vectors)
        except IndexError_:
            raise
        except Exception as exc:
            raise IndexError_(f"building the index failed: {exc}") from exc
        return len(passages)

    def upsert(self, passages: list[Passage]) -> int:
        """Embed these passages, then write them over their old versions: a failed embedding changes nothing."""
        if not passages:
            return 0
        vectors = self._embedder.passage([_embed_text(p) for p in passages])
        try:
            self._write(self._collection() or self._create(), passages, vectors)
        except Exception as exc:  # chroma raises many kinds
            raise IndexError_(f"updating the index failed: {exc}. Run: reply-assistant index --rebuild") from exc
        return len(passages)

    def delete(self, ids: list[str]) -> None:
        col = self._collection()
        if col is None or not ids:
            return
        try:
            col.delete(ids=ids)
        except Exception as exc:  # chroma raises many kinds
            raise IndexError_(f"updating the index failed: {exc}. Run: reply-assistant index --rebuild") from exc

    def stored_hashes(self) -> dict[str, str]:
        col = self._collection()
        if col is None:
            return {}
        try:
            got = col.get(include=["metadatas"])
        except Exception as exc:  # chroma raises many kinds
            raise IndexError_(f"reading the index failed: {exc}. Run: reply-assistant index --rebuild") from exc
        return {pid: str((meta or {}).get("hash", "")) for pid, meta in zip(got["ids"], got["metadatas"], strict=True)}

    def _create(self) -> Any:
        return self._client.create_collection(
            self._name, embedding_function=None, metadata={"hnsw:space": "cosine", "embedder": self._embedder.name},
        )

    def _write(self, col: Any, passages: list[Passage], vectors: Vectors) -> None:
        name = self._embedder.name
        for start in range(0, len(passages), _UPSERT_BATCH):
            batch = passages[start : start + _UPSERT_BATCH]
            col.upsert(
                ids=[p.id for p in batch],
                embeddings=vectors[start : start + _UPSERT_BATCH],
                documents=[p.text for p in batch],
                metadatas=[{"document": p.document, "section": p.section, "title": p.title, "kind": p.kind,
                            "sku": p.sku, "hash": passage_hash(p, name), "fulfillment": p.fulfillment,
                            "severity": p.severity, "route": p.route, "status": p.status, "signal": p.signal,
                            **{key: p.topics[i] if len(p.topics) > i else "" for i, key in enumerate(_TOPIC_KEYS)}}
                           for p in batch],
            )

    def search(self, query: Vectors, k: int, kind: str | None = None, topic: str | None = None,
               fulfillment: str | None = None, severity: str | None = None,
               route: str | None = None, status: str | None = None,
               signals: tuple[str, ...] = ()) -> list[Citation]:
        """Sections written for a signal the message has first, then those written for where it goes, then passages
        on the buyer's topic (tagged at index time), then the nearest others; a section written for one fulfilment
        channel only for orders of that channel, one for one severity only for such damage, one for one route only
        when the message goes there, one for one order state only for orders in it, one for one signal only when the
        message has it."""
        col = self._collection()
        if col is None:
            raise IndexError_(f"no index '{self._name}' yet. Run: reply-assistant index")
        allowed = section_conditions(fulfillment, severity, route, status, signals)
        routes = allowed["route"]
        base: list[dict[str, Any]] = [{key: {"$in": list(values)}} for key, values in allowed.items()]
        if kind:
            base.append({"kind": kind})
        hits: list[Citation] = []
        if signals:
            hits = self._query(col, query, k, {"$and": [*base, {"signal": {"$in": list(signals)}}]})
        if len(routes) > 1 and len(hits) < k:
            seen = {h.id for h in hits}
            more = self._query(col, query, k, {"$and": [*base, {"route": routes[1]}]})
            hits += [h for h in more if h.id not in seen][: k - len(hits)]
        if topic and len(hits) < k:
            seen = {h.id for h in hits}
            on_topic: dict[str, Any] = {"$or": [{key: topic} for key in _TOPIC_KEYS]}
            more = self._query(col, query, k, {"$and": [*base, on_topic]})
            hits += [h for h in more if h.id not in seen][: k - len(hits)]
        if len(hits) < k:
            seen = {h.id for h in hits}
            more = self._query(col, query, k + len(hits), {"$and": base})
            hits += [h for h in more if h.id not in seen][: k - len(hits)]
        return hits

    def _query(self, col: Any, query: Vectors, k: int, where: dict[str, Any] | None) -> list[Citation]:
        try:
            found = col.query(query_embeddings=query.reshape(1, -1), n_results=k, where=where,
                              include=["documents", "metadatas", "distances"])
        except Exception as exc:
            raise IndexError_(
                f"searching the index failed: {exc}. Rebuild it: reply-assistant index --rebuild"
            ) from exc
        return [
            _citation(pid, meta or {}, doc or "", 1.0 - float(dist))
            for pid, meta, doc, dist in zip(
                found["ids"][0], found["metadatas"][0], found["documents"][0], found["distances"][0], strict=True
            )
        ]


def section_conditions(fulfillment: str | None, severity: str | None, route: str | None,
                       status: str | None, signals: tuple[str, ...] = ()) -> dict[str, tuple[str, ...]]:
    """For each condition a policy section may declare (knowledge.Passage field), the values it may hold to be
    cited for this order and message; both retrievers filter with this one mapping."""
    return {"fulfillment": eligible_channels(fulfillment), "severity": eligible_severities(severity),
            "route": eligible_routes(route), "status": eligible_statuses(status), "signal": ("", *signals)}


def eligible_channels(fulfillment: str | None) -> tuple[str, ...]:
    """Sections that may be cited for an order: general ones, and those of its channel (unknown: the seller's own)."""
    return ("", fulfillment or "merchant")


def eligible_routes(route: str | None) -> tuple[str, ...]:
    """Sections that may be cited for where the message goes: general ones, and those written for that route."""
    return ("", route) if route and route != "seller" else ("",)


def eligible_severities(severity: str | None) -> tuple[str, ...]:
    """Sections that may be cited for damage this bad: general ones, and those of its severity (unknown: all)."""
    return ("", severity) if severity in ("minor", "severe") else ("", "minor", "severe")


def eligible_statuses(status: str | None) -> tuple[str, ...]:
    """Sections that may be cited for an order in this state: general ones and those of its state; a `shipped`
    section also serves delivered orders (the parcel has left); unknown: all."""
    match status:
        case "unshipped" | "shipped" | "cancelled":
            return ("", status)
        case "delivered":
            return ("", "shipped", "delivered")
        case _:
            return ("", "unshipped", "shipped", "delivered", "cancelled")


_TOPIC_KEYS = ("topic", "topic2", "topic3")  # a passage answers at most three intents (knowledge.MAX_INTENTS)

RETRIEVERS: dict[str, Callable[..., Retriever]] = {
    "chroma": ChromaRetriever,
    "memory": lambda embedder, *_args, **_kw: MemoryRetriever(embedder),
}
