"""A tiny OpenAI-compatible chat server for the LLM integration tests, with scriptable faults.

Run: python tests/llm_server.py PORT. POST /v1/chat/completions answers in JSON or as server-sent events.
Tests script the next answers with POST /control {"items": [...], "reject_json_schema": bool}; each item is
{"content": str | null, "status": int, "headers": {}, "delay": s, "chunk_delay": s}. A null or missing content
is a valid answer made from the prompt. GET /control returns the request bodies received since the last script.
"""

from __future__ import annotations

import asyncio
import json
import re
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse

if TYPE_CHECKING:
    from assistant.settings import Settings

app = FastAPI()
STATE: dict[str, Any] = {"items": [], "requests": [], "reject_json_schema": False}
_SIGNATURE = re.compile(r"this signature exactly: (.+)")


def auto_answer(prompt: str) -> str:
    """A valid, guard-clean answer for the classify or the draft prompt."""
    if "You sort the messages" in prompt:
        return json.dumps({"intent": "damaged_in_transit", "confidence": 0.8})
    found = _SIGNATURE.search(prompt)
    signature = found.group(1).strip() if found else "Customer Service"
    reply = ("Hello,\n\nThank you for your message. We are sorry to hear about this, and we are looking into it. "
             f"We will get back to you within 24 hours.\n\nKind regards,\n{signature}")
    return json.dumps({"reply": reply, "citations": []})


def _error(status: int, message: str, headers: dict[str, str]) -> JSONResponse:
    body = {"error": {"message": message, "type": "invalid_request_error" if status < 500 else "server_error"}}
    return JSONResponse(body, status_code=status, headers=headers)


def _chunk(model: str, delta: dict[str, str], finish: str | None = None) -> str:
    body = {"id": "chatcmpl-test", "object": "chat.completion.chunk", "created": int(time.time()), "model": model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
    return f"data: {json.dumps(body)}\n\n"


async def _events(model: str, content: str, chunk_delay: float) -> AsyncIterator[str]:
    yield _chunk(model, {"role": "assistant", "content": ""})
    for start in range(0, len(content), 8):
        if chunk_delay:
            await asyncio.sleep(chunk_delay)
        yield _chunk(model, {"content": content[start:start + 8]})
    yield _chunk(model, {}, finish="stop")
    yield "data: [DONE]\n\n"


@app.post("/control")
async def control(request: Request) -> dict[str, bool]:
    body = await request.json()
    STATE.update(items=list(body.get("items", [])), requests=[],
                 reject_json_schema=bool(body.get("reject_json_schema", False)))
    return {"ok": True}


@app.get("/control")
async def received() -> list[dict[str, Any]]:
    return list(STATE["requests"])


@app.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@app.post("/v1/chat/completions")
async def chat(request: Request) -> Response:
    body = await request.json()
    STATE["requests"].append(body)
    fmt = (body.get("response_format") or {}).get("type")
    if STATE["reject_json_schema"] and fmt == "json_schema":
        return _error(400, "response_format of type json_schema is not supported by this server", {})
    item: dict[str, Any] = STATE["items"].pop(0) if STATE["items"] else {}
    if item.get("delay"):
        await asyncio.sleep(float(item["delay"]))
    if item.get("status", 200) != 200:
        return _error(int(item["status"]), f"scripted HTTP {item['status']}", item.get("headers", {}))
    content = item.get("content")
    if content is None:
        content = auto_answer(str(body["messages"][0]["content"]))
    model = str(body.get("model", "test"))
    if body.get("stream"):
        return StreamingResponse(_events(model, content, float(item.get("chunk_delay", 0))),
                                 media_type="text/event-stream")
    return JSONResponse({
        "id": "chatcmpl-test", "object": "chat.completion", "created": int(time.time()), "model": model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    })


def client_settings(base: str, index_dir: Path, llm_max_retries: int = 2) -> Settings:
    """Settings of a pipeline that drafts through this server at `base`: fake parts, short timeouts."""
    from assistant.settings import Settings  # the server itself needs none of the assistant

    return Settings(index_dir=index_dir, embedder="hash", retriever="memory", llm="openai",
                    openai_base_url=f"{base}/v1", openai_model="test-model", llm_timeout_s=2.0, llm_budget_s=6.0,
                    llm_backoff_s=0.05, llm_max_retries=llm_max_retries)


def free_port() -> int:
    """A loopback port nothing listens on (just now)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running() -> Iterator[str]:
    """This server in a subprocess on a free loopback port; its base URL while the block runs (tests, benchmarks)."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if httpx.get(f"{base}/healthz", timeout=0.5).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            raise RuntimeError(f"the fake LLM server on port {port} did not start")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
