"""Limits: request body size, a per-key token bucket, and a time limit on pipeline work in worker threads."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import TypeVar

import anyio
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.problems import ApiError, problem_response

__all__ = ["BodyLimitMiddleware", "RateLimiter", "run_blocking"]

T = TypeVar("T")


class BodyLimitMiddleware:
    """413 for a body over `max_bytes`, by Content-Length before reading, or while reading a chunked body.

    The body is read here (it would be read anyway) and handed on whole, so the app never sees a partial body.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in {"GET", "HEAD", "OPTIONS"}:
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._reject(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            size += len(message.get("body", b""))
            if size > self.max_bytes:
                await self._reject(scope, receive, send)
                return
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()  # after the body: only http.disconnect can come

        await self.app(scope, replay, send)

    async def _reject(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = problem_response(
            413, "body_too_large",
            f"the request body is over {self.max_bytes:,} bytes. Send fewer or shorter messages per request.",
            headers={"Connection": "close"},
        )
        await response(scope, receive, send)


class RateLimiter:
    """A token bucket per key: `burst` messages at once, refilled at `per_minute`. Per worker process.

    Called only from the event loop thread, so it needs no lock.
    """

    def __init__(self, per_minute: int, burst: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}

    def take(self, key: str, cost: int = 1) -> None:
        """Spend `cost` tokens of `key`, or raise a 429 problem saying when to retry."""
        if self.rate <= 0:
            return
        now = self._clock()
        tokens, last = self._buckets.get(key, (self.burst, now))
        tokens = min(self.burst, tokens + (now - last) * self.rate)
        if cost > self.burst:
            raise ApiError(429, "rate_limited", f"{cost} messages at once is over this key's burst of "
                             f"{int(self.burst)}. Send smaller batches.", headers={"Retry-After": "60"})
        if tokens < cost:
            self._buckets[key] = (tokens, now)
            wait = math.ceil((cost - tokens) / self.rate)
            raise ApiError(429, "rate_limited", f"too many requests for this key; retry in {wait} s.",
                             headers={"Retry-After": str(wait)})
        self._buckets[key] = (tokens - cost, now)


async def run_blocking(fn: Callable[[], T], timeout_s: float, limiter: anyio.CapacityLimiter | None = None) -> T:
    """Run CPU-bound pipeline work in a worker thread; a 503 problem when it takes longer than `timeout_s`.

    A thread cannot be killed: on timeout the caller gets its answer now and the thread's result is dropped.
    """
    try:
        with anyio.fail_after(timeout_s):
            return await anyio.to_thread.run_sync(fn, abandon_on_cancel=True, limiter=limiter)
    except TimeoutError:
        raise ApiError(503, "request_timeout", f"the request took longer than {timeout_s:g} s. Retry, or send "
                         "fewer messages per request.", headers={"Retry-After": "5"}) from None
