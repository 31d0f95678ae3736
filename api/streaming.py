"""Server-sent events for `POST /v1/drafts?stream=true`.

Event order: `classification`, `decision`, `citations`, then `draft` deltas ({"delta": str}, a `redraft` event if
the guard sent an LLM draft back), and last `result` (the DraftResult) or `error` (a problem document). Deltas are
a preview: the `result`'s draft is the guarded one to use. The offline drafter writes in one go, so its draft is
sent in sentence-sized deltas once guarded; a streaming drafter's deltas go out as the model writes them.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import traceback
from collections.abc import AsyncIterator, Callable
from typing import Any

import anyio
from pydantic import BaseModel

from api.context import current_request_id
from api.problems import ApiError, Problem, problem_for
from api.request_parts import Emit
from assistant.errors import AssistantError
from assistant.models import DraftResult

__all__ = ["EVENTS", "SSE_EVENT_SCHEMA", "SSE_MEDIA_TYPE", "draft_event_stream", "draft_pieces", "sse"]

SSE_MEDIA_TYPE = "text/event-stream"
EVENTS = ("classification", "decision", "citations", "draft", "redraft", "result", "error")
# OpenAPI 3.1: the schema of one event; `data` is JSON text.
SSE_EVENT_SCHEMA = {
    "type": "object",
    "required": ["event", "data"],
    "properties": {"event": {"type": "string", "enum": list(EVENTS)},
                   "data": {"type": "string", "contentMediaType": "application/json"}},
}
_PIECE = re.compile(r".+?(?:[.!?。！？]+\s*|\n+|$)", re.DOTALL)
log = logging.getLogger("api.stream")


def sse(event: str, data: Any) -> str:
    """One event in the wire format; `data` is JSON on a single line."""
    if isinstance(data, BaseModel):
        payload = data.model_dump_json()
    else:
        payload = json.dumps(data, ensure_ascii=False, default=lambda m: m.model_dump(mode="json"))
    return f"event: {event}\ndata: {payload}\n\n"


def draft_pieces(draft: str) -> list[str]:
    """Sentence-sized pieces that join back to exactly the draft."""
    return [m.group(0) for m in _PIECE.finditer(draft) if m.group(0)]


def _problem(exc: ApiError) -> Problem:
    return Problem(type=exc.kind, title=exc.title, status=exc.status, detail=exc.detail,
                   request_id=current_request_id())


async def draft_event_stream(work: Callable[[Emit], DraftResult], timeout_s: float,
                             on_timeout: Callable[[], None] | None = None) -> AsyncIterator[str]:
    """Run `work` in a thread, relaying what it emits; end with `result`, or `error` on failure or timeout."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[tuple[str, Any]] = asyncio.Queue()

    def emit(event: str, data: Any) -> None:
        loop.call_soon_threadsafe(queue.put_nowait, (event, data))

    def run() -> None:
        try:
            emit("result", work(emit))
        except AssistantError as exc:
            emit("error", _problem(problem_for(exc)))
        except Exception as exc:  # the stream has begun: report it as an event, never a trace
            log.error("unhandled %s while streaming\n%s", type(exc).__name__,
                      "".join(traceback.format_tb(exc.__traceback__)))
            emit("error", _problem(ApiError(500, "internal_error", "drafting failed on our side; retry, and "
                                              "report the request id if it keeps happening.")))

    worker = asyncio.ensure_future(anyio.to_thread.run_sync(run, abandon_on_cancel=True))
    deadline = loop.time() + timeout_s
    try:
        while True:
            try:
                event, data = await asyncio.wait_for(queue.get(), max(0.0, deadline - loop.time()))
            except TimeoutError:
                if on_timeout is not None:
                    on_timeout()
                late = ApiError(503, "request_timeout", f"the draft took longer than {timeout_s:g} s. Retry.")
                yield sse("error", _problem(late))
                return
            yield sse(event, data)
            if event in {"result", "error"}:
                return
    finally:
        worker.cancel()  # abandons the thread if it is still running; its late events go nowhere
