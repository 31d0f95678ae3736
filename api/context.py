"""The request id: taken from `X-Request-ID` when it is safe, otherwise made; on every response and log line."""

from __future__ import annotations

import logging
import re
import uuid
from contextvars import ContextVar, Token
from typing import Any

__all__ = ["REQUEST_ID_HEADER", "RequestIdFilter", "current_request_id", "log_config", "new_request_id",
           "reset_request_id", "set_request_id"]

REQUEST_ID_HEADER = "X-Request-ID"
_SAFE_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
_request_id: ContextVar[str | None] = ContextVar("request_id", default=None)


def new_request_id(offered: str | None) -> str:
    """The caller's id if it is short and plain (it ends up in our logs), else a fresh one."""
    if offered and _SAFE_ID.fullmatch(offered):
        return offered
    return uuid.uuid4().hex


def set_request_id(value: str | None) -> Token[str | None]:
    return _request_id.set(value)


def reset_request_id(token: Token[str | None]) -> None:
    _request_id.reset(token)


def current_request_id() -> str | None:
    return _request_id.get()


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record ('-' outside a request), so the format string can always use it."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _request_id.get() or "-"
        return True


def log_config(level: str = "INFO") -> dict[str, Any]:
    """A dictConfig for uvicorn and our loggers: one line per event, the request id on each."""
    fmt = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
    handler = {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["request_id"],
               "stream": "ext://sys.stderr"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": RequestIdFilter}},
        "formatters": {"plain": {"format": fmt}},
        "handlers": {"default": handler},
        "loggers": {
            "uvicorn": {"handlers": ["default"], "level": level, "propagate": False},
            "uvicorn.error": {"level": level},
            "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},  # api.access replaces it
            "api": {"handlers": ["default"], "level": level, "propagate": False},
            "assistant": {"handlers": ["default"], "level": level, "propagate": False},
        },
    }
