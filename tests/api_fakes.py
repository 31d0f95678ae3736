"""Helpers for the API's unit tests: an app on fake parts (hash embedder, memory index) and drafters that misbehave."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Generator
from typing import Any

from fastapi.testclient import TestClient
from pydantic import SecretStr

from api.app import create_app
from assistant.models import DraftContext
from assistant.pipeline import Parts

KEY = "unit-api-key-0123456789abcdef"
ADMIN = "unit-admin-key-0123456789abcdef"
AUTH = {"Authorization": f"Bearer {KEY}"}
ADMIN_AUTH = {"Authorization": f"Bearer {ADMIN}"}
MUG = {
    "text": "The mug arrived broken",
    "order": {"status": "delivered", "item_price": 14, "in_stock": True, "order_id": "112-4471093-5520187"},
}


def client(parts: Parts, host: str = "127.0.0.1", keys: bool = True, **api: Any) -> TestClient:
    """A TestClient on an app over `parts`, with API keys unless `keys=False`, and any API settings changed."""
    update: dict[str, Any] = {"api_keys": [SecretStr(KEY)], "admin_keys": [SecretStr(ADMIN)]} if keys else {}
    settings = parts.settings.model_copy(update={**update, **api})
    return TestClient(create_app(parts, settings=settings), client=(host, 50000))


def with_drafter(parts: Parts, drafter: object) -> Parts:
    return dataclasses.replace(parts, drafter=drafter)  # type: ignore[arg-type]


class SlowDrafter:
    name = "offline"

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    def write(self, ctx: DraftContext) -> str:
        time.sleep(self.seconds)
        return "Thank you for your message."


class BrokenDrafter:
    """Fails the way a bug would: a plain exception whose message quotes the buyer."""

    name = "offline"

    def write(self, ctx: DraftContext) -> str:
        raise RuntimeError(f"boom while drafting for: {ctx.text}")


class StreamingDrafter:
    """Like the LLM drafter: `stream` yields the reply in pieces and returns the whole."""

    name = "streaming"

    def __init__(self, pieces: list[str]) -> None:
        self.pieces = pieces

    def write(self, ctx: DraftContext) -> str:
        return "".join(self.pieces)

    def stream(self, ctx: DraftContext) -> Generator[str, None, str]:
        yield from self.pieces
        return "".join(self.pieces)


def sse_events(body: str) -> list[tuple[str, str]]:
    """(event, data) pairs of a server-sent event stream."""
    events = []
    for block in body.strip().split("\n\n"):
        fields = dict(line.split(": ", 1) for line in block.splitlines() if ": " in line)
        events.append((fields.get("event", "message"), fields.get("data", "")))
    return events
