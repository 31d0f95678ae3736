"""Operations: /healthz (alive), /readyz (index answers, LLM reachable if configured), /metrics, index rebuild."""

from __future__ import annotations

import time
from functools import partial
from typing import Any

import httpx
from fastapi import APIRouter, Response

from api.deps import AdminDep, StateDep
from api.limits import run_blocking
from api.metrics import CONTENT_TYPE_LATEST
from api.problems import ApiError, problem_response, problem_responses
from api.schemas import Health, IndexRebuilt, Readiness
from api.state import ApiState
from assistant.errors import AssistantError
from assistant.indexing import index_is_current
from assistant.knowledge import load_passages
from assistant.pipeline import ensure_index
from assistant.settings import Settings

__all__ = ["router"]

router = APIRouter(tags=["operations"])
_READY_TIMEOUT_S = 5.0


@router.get("/healthz", response_model=Health, summary="Liveness")
async def healthz() -> Health:
    """The process answers. It says nothing about the index or the LLM: see /readyz."""
    return Health()


def _index_check(state: ApiState, store: str | None = None) -> dict[str, Any]:
    parts = state.require_parts().for_store(store)
    parts.retriever.search(parts.embedder.query(["ready?"]), 1)  # raises IndexError_ when missing or unreachable
    s = parts.settings
    current = index_is_current(load_passages(s.knowledge_dir), parts.retriever)
    server = f"{s.chroma_host}:{s.chroma_port}" if s.chroma_host else None
    return {"ok": True, "collection": s.collection, "current": current, "server": server}


async def _index_checks(state: ApiState) -> dict[str, dict[str, Any]]:
    """`index` for the default store, `index:<name>` for each other one."""
    parts = state.parts
    others = [name for name in parts.stores if name != parts.store] if parts is not None else []
    checks: dict[str, dict[str, Any]] = {}
    for key, store in [("index", None), *((f"index:{name}", name) for name in others)]:
        try:
            checks[key] = await run_blocking(partial(_index_check, state, store), _READY_TIMEOUT_S)
        except (ApiError, AssistantError) as exc:
            checks[key] = {"ok": False, "detail": exc.detail if isinstance(exc, ApiError) else str(exc)}
    return checks


async def _llm_check(settings: Settings) -> dict[str, Any]:
    if settings.llm == "offline":
        return {"ok": True, "configured": False}
    base = (settings.openai_base_url or "https://api.openai.com/v1").rstrip("/")
    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    try:
        async with httpx.AsyncClient(timeout=min(settings.llm_timeout_s, 3.0)) as client:
            answer = await client.get(f"{base}/models", headers=headers)
    except httpx.HTTPError as exc:
        return {"ok": False, "configured": True, "detail": f"cannot reach {base}: {type(exc).__name__}"}
    ok = answer.status_code < 400
    return {"ok": ok, "configured": True, "status": answer.status_code,
            "detail": None if ok else f"{base}/models answered {answer.status_code}"}


@router.get("/readyz", response_model=Readiness, summary="Readiness", responses=problem_responses(503))
async def readyz(state: StateDep) -> Readiness | Response:
    """Ready when the parts are loaded, every store's index answers a query, and the LLM server answers (if
    configured)."""
    checks = await _index_checks(state)
    checks["llm"] = await _llm_check(state.settings)
    failing = [name for name, check in checks.items() if not check["ok"]]
    if failing:
        return problem_response(503, "not_ready", f"not ready: {', '.join(failing)}. See `checks`.",
                                headers={"Retry-After": "5"}, checks=checks)
    return Readiness(checks=checks)


@router.get("/metrics", summary="Prometheus metrics",
            responses={200: {"description": "Prometheus text format", "content": {"text/plain": {}}}})
async def metrics(state: StateDep) -> Response:
    return Response(state.metrics.render(), media_type=CONTENT_TYPE_LATEST)


@router.post("/v1/index/rebuild", response_model=IndexRebuilt, summary="Rebuild the index (admin key)",
             responses=problem_responses(401, 403, 503))
async def rebuild_index(state: StateDep, _admin: AdminDep) -> IndexRebuilt:
    """Re-embed every store's folder into its index (`passages`: the default store's). One rebuild at a time per worker.

    With an embedded index only this worker sees it; with a Chroma server every worker does (docs/deploy.md).
    """
    parts = state.require_parts()

    def rebuild_every_store() -> dict[str, int]:
        return {name: ensure_index(scoped.settings, scoped.classifier, scoped.retriever, rebuild=True) or 0
                for name, scoped in ((n, parts.for_store(n)) for n in parts.stores or [parts.store])}

    async with state.rebuild_lock:
        started = time.perf_counter()
        counts = await run_blocking(rebuild_every_store, state.settings.index_rebuild_timeout_s)
    took = round((time.perf_counter() - started) * 1000, 1)
    return IndexRebuilt(collection=parts.settings.collection, passages=counts.get(parts.store, 0), took_ms=took,
                        stores=counts)
