"""POST /v1/drafts (JSON, or server-sent events with ?stream=true) and POST /v1/drafts/batch."""

from __future__ import annotations

import time
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from api.context import current_request_id
from api.deps import CallerDep, ChargedCallerDep, StateDep, strict_json
from api.limits import run_blocking
from api.problems import ApiError, Problem, problem_for, problem_responses
from api.request_parts import Emit, parts_for_request
from api.schemas import ApiDraftRequest, BatchItem, BatchRequest, BatchResponse
from api.security import Caller, require_store
from api.state import ApiState
from api.streaming import SSE_EVENT_SCHEMA, SSE_MEDIA_TYPE, draft_event_stream, draft_pieces
from assistant.errors import AssistantError, InputError
from assistant.models import DraftRequest, DraftResult
from assistant.pipeline import draft_reply, validate_request

__all__ = ["router"]

router = APIRouter(prefix="/v1", tags=["drafts"],
                   responses=problem_responses(400, 401, 403, 413, 422, 429, 503))

_STREAM_DOC: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The DraftResult; with `stream=true`, server-sent events ending in `result` or `error`.",
        "content": {SSE_MEDIA_TYPE: {"schema": SSE_EVENT_SCHEMA}},
    }
}


def _pipeline_request(body: ApiDraftRequest) -> DraftRequest:
    """The contract the pipeline takes: the body without the API's options."""
    return DraftRequest.model_construct(**{name: getattr(body, name) for name in DraftRequest.model_fields})


def _finish(result: DraftResult, fallback: str | None, state: ApiState) -> DraftResult:
    if fallback is not None and result.fallback is None:
        result = result.model_copy(update={"fallback": fallback})
    state.metrics.observe_draft(result)
    return result


async def _draft_one(body: ApiDraftRequest, state: ApiState, timeout_s: float) -> DraftResult:
    parts, fallback, _ = parts_for_request(state, body.options)
    parts = parts.for_store(body.store)  # every retrieval, rule and listing from here on is this store's
    request = _pipeline_request(body)
    validate_request(request, parts.settings)
    result = await run_blocking(lambda: draft_reply(request, parts), timeout_s)
    return _finish(result, fallback, state)


def _stream(body: ApiDraftRequest, state: ApiState) -> StreamingResponse:
    request = _pipeline_request(body)
    validate_request(request, state.require_parts().settings)  # a bad request is a 422, not a stream

    state.require_parts().for_store(body.store)  # an unknown store is a 422, not a stream

    def work(emit: Emit) -> DraftResult:
        parts, fallback, tap = parts_for_request(state, body.options, emit)
        result = draft_reply(request, parts.for_store(body.store))
        if tap is None or not tap.streamed:
            for piece in draft_pieces(result.draft):
                emit("draft", {"delta": piece})
        return _finish(result, fallback, state)

    events = draft_event_stream(work, state.settings.request_timeout_s,
                                on_timeout=lambda: state.metrics.timeouts.labels("/v1/drafts").inc())
    return StreamingResponse(events, media_type=SSE_MEDIA_TYPE,
                             headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


@router.post("/drafts", response_model=DraftResult, responses=_STREAM_DOC, summary="Draft a reply",
             dependencies=[strict_json(ApiDraftRequest)])
async def create_draft(
    body: ApiDraftRequest, state: StateDep, caller: ChargedCallerDep,
    stream: Annotated[bool, Query(description="Send server-sent events as the draft is made.")] = False,
) -> DraftResult | StreamingResponse:
    """Classify the message, decide what the seller may offer, retrieve the policy, draft and guard the reply.

    `store` picks the store (rules, policies, catalogue); a key not allowed to use it gets 403 `store_forbidden`.
    """
    require_store(caller, body.store, state.settings)
    if stream:
        return _stream(body, state)
    try:
        return await _draft_one(body, state, state.settings.request_timeout_s)
    except ApiError as exc:
        if exc.kind == "request_timeout":
            state.metrics.timeouts.labels("/v1/drafts").inc()
        raise


def _require_stores(caller: Caller, body: BatchRequest, state: ApiState) -> None:
    """Every item's store must exist and be allowed before any is drafted: a batch naming an unknown or forbidden
    store is refused whole (422 / 403), never in part."""
    parts = state.require_parts()
    for item in body.items:
        parts.for_store(item.store)  # UnknownStoreError -> 422 unknown_store
        require_store(caller, item.store, state.settings)


@router.post("/drafts/batch", response_model=BatchResponse, summary="Draft replies for several messages",
             dependencies=[strict_json(BatchRequest)])
async def create_drafts(body: BatchRequest, state: StateDep, caller: CallerDep) -> BatchResponse:
    """Each item is drafted in order; an item that fails gets its own problem and the rest are still drafted.

    All items share the request's time limit: items not started in time get a `request_timeout` problem.
    """
    limit = state.settings.max_batch_items
    if len(body.items) > limit:
        raise ApiError(413, "batch_too_large", f"the batch has {len(body.items)} items; the limit is {limit}. "
                         "Split it into smaller batches.")
    max_chars = state.settings.max_text_chars
    too_long = [i for i, item in enumerate(body.items) if len(item.text) > max_chars]
    if too_long:
        raise InputError(f"items {', '.join(map(str, too_long[:10]))} have more than {max_chars:,} characters. "
                         "Send only each buyer's latest message.")
    _require_stores(caller, body, state)
    state.limiter.take(caller.key_id, cost=len(body.items))
    deadline = time.monotonic() + state.settings.request_timeout_s
    results: list[BatchItem] = []
    for index, item in enumerate(body.items):
        try:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise ApiError(503, "request_timeout", "the batch ran out of time before this item. Resend it.")
            result = await _draft_one(item, state, remaining)
            results.append(BatchItem(index=index, id=item.id, result=result))
        except (ApiError, AssistantError) as exc:
            found = exc if isinstance(exc, ApiError) else problem_for(exc)
            problem = Problem(type=found.kind, title=found.title, status=found.status, detail=found.detail,
                              request_id=current_request_id())
            results.append(BatchItem(index=index, id=item.id, problem=problem))
    failed = sum(1 for r in results if r.problem is not None)
    if failed and any(r.problem and r.problem.type == "request_timeout" for r in results):
        state.metrics.timeouts.labels("/v1/drafts/batch").inc()
    return BatchResponse(results=results, drafted=len(results) - failed, failed=failed)
