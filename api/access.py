"""Outermost middleware: request id, one access log line and metrics per request, and the last-resort 500.

The access line holds method, path, status, time and key id; never a body, so never buyer text.
"""

from __future__ import annotations

import logging
import time
import traceback

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.context import REQUEST_ID_HEADER, new_request_id, reset_request_id, set_request_id
from api.metrics import Metrics
from api.problems import problem_response

__all__ = ["RequestContextMiddleware"]

access_log = logging.getLogger("api.access")
error_log = logging.getLogger("api.error")


class RequestContextMiddleware:
    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = new_request_id(Headers(scope=scope).get(REQUEST_ID_HEADER))
        token = set_request_id(request_id)
        started = time.perf_counter()
        status = 500
        response_started = False

        async def send_with_id(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                response_started = True
                status = message["status"]
                MutableHeaders(scope=message)[REQUEST_ID_HEADER] = request_id
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception as exc:  # the one place an unexpected error becomes a problem document
            # The frames, not the message: a message may quote the input, and the input may be a buyer's text.
            error_log.error("unhandled %s in %s %s\n%s", type(exc).__name__, scope["method"], scope["path"],
                            "".join(traceback.format_tb(exc.__traceback__)))
            error_log.debug("the unhandled error said: %s", exc)
            if not response_started:
                response = problem_response(500, "internal_error", "something went wrong on our side. Retry; "
                                            "if it keeps happening, report the request id in this response.")
                await response(scope, receive, send_with_id)
            status = 500
        finally:
            seconds = time.perf_counter() - started
            route = getattr(scope.get("route"), "path", None) or "unmatched"
            self.metrics.observe_request(scope["method"], route, status, seconds)
            key_id = (scope.get("state") or {}).get("key_id", "-")
            access_log.info("%s %s %d %.1fms key=%s", scope["method"], scope["path"], status, seconds * 1000, key_id)
            reset_request_id(token)
