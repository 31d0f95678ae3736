"""FastAPI app factory: the pipeline over HTTP. Heavy parts load once per worker at start-up, not per request.

Run it with `reply-assistant serve` (which refuses a non-loopback interface without API keys) or
`uvicorn api.app:create_app --factory`. Deploying several workers: docs/deploy.md.
"""

from __future__ import annotations

import importlib.util
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from api.access import RequestContextMiddleware
from api.limits import BodyLimitMiddleware
from api.problems import install_problem_handlers
from api.routes import drafts, ops, tools
from api.schemas import TEXT_MODELS
from api.state import ApiState
from assistant import __version__
from assistant.errors import AssistantError
from assistant.models import DraftRequest
from assistant.pipeline import Parts, draft_reply, load_parts
from assistant.settings import Settings, get_settings

__all__ = ["create_app"]

log = logging.getLogger("api")

DESCRIPTION = """Drafts policy-checked, guarded replies to marketplace buyer messages.

Send `Authorization: Bearer <key>` to every `/v1` endpoint. Every rejection is a problem document
(`application/problem+json`: `type`, `title`, `status`, `detail`, `request_id`). Every response carries
`X-Request-ID` (send your own to trace a call through our logs).
"""


def _auth_mode(settings: Settings) -> str:
    if not settings.api_keys and not settings.admin_keys:
        return "no API keys configured: only loopback clients are answered"
    return f"{len(settings.api_keys)} API key(s), {len(settings.admin_keys)} admin key(s)"


def _include_web_page(app: FastAPI) -> None:
    # ---- the agent's web page: api/web.py (and api/static/) are written separately; mounted when present ----
    if importlib.util.find_spec("api.web") is None:
        return
    from api import web  # type: ignore[attr-defined,unused-ignore]

    app.include_router(web.router)


def _store_names(node: Any, names: list[str]) -> None:
    """Write the deployment's store names as the enum of every `store` property and parameter of the schema."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict) and isinstance(value.get("store"), dict):
                _enum_on_string(value["store"], names)
            elif key == "parameters" and isinstance(value, list):
                for param in value:
                    if isinstance(param, dict) and param.get("name") == "store":
                        _enum_on_string(param.get("schema", {}), names)
            _store_names(value, names)
    elif isinstance(node, list):
        for item in node:
            _store_names(item, names)


def _enum_on_string(schema: dict[str, Any], names: list[str]) -> None:
    for branch in [schema, *schema.get("anyOf", [])]:
        if branch.get("type") == "string":
            branch["enum"] = names


def _openapi_with_limits(app: FastAPI, settings: Settings, state: ApiState) -> dict[str, Any]:
    """The schema, with this server's configured text and batch limits and its stores written in."""
    if app.openapi_schema is None:
        schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        if state.parts is not None and state.parts.stores:
            _store_names(schema.get("paths", {}), sorted(state.parts.stores))
            _store_names(schema.get("components", {}), sorted(state.parts.stores))
        models = schema.get("components", {}).get("schemas", {})
        for name, model in models.items():
            fields = model.get("properties", {})
            for field in ("text", "buyer_text"):
                if name.split("-")[0] in TEXT_MODELS and field in fields:
                    fields[field]["maxLength"] = settings.max_text_chars
        batch = models.get("BatchRequest", {}).get("properties", {}).get("items")
        if batch is not None:
            batch["maxItems"] = settings.max_batch_items
        app.openapi_schema = schema
    return app.openapi_schema


def _warm_up(parts: Parts) -> None:
    """One draft before the first request, so lazy imports and caches do not land on a caller's clock."""
    try:
        draft_reply(DraftRequest(text="Where is my order? It has not arrived yet."), parts)
    except AssistantError as exc:
        log.warning("warm-up draft failed (%s); serving anyway, /readyz will tell", exc.kind)


def create_app(parts: Parts | None = None, settings: Settings | None = None) -> FastAPI:
    """Build the app. Tests pass their own parts (fakes); the server loads real ones from settings at start-up."""
    settings = settings or (parts.settings if parts is not None else get_settings())
    state = ApiState.from_settings(settings)
    state.parts = parts

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if state.parts is None:
            state.parts = load_parts(settings)
            _warm_up(state.parts)
        log.info("ready: %s; index '%s' (%s); drafter %s", _auth_mode(settings), settings.collection,
                 f"Chroma server {settings.chroma_host}:{settings.chroma_port}" if settings.chroma_host
                 else settings.retriever, state.parts.drafter.name)
        yield

    app = FastAPI(title="Seller Reply Assistant", version=__version__, description=DESCRIPTION, lifespan=lifespan)
    app.state.api = state
    install_problem_handlers(app)
    app.include_router(drafts.router)
    app.include_router(tools.router)
    app.include_router(ops.router)
    _include_web_page(app)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(RequestContextMiddleware, metrics=state.metrics)  # added last: runs first
    app.openapi = lambda: _openapi_with_limits(app, settings, state)  # type: ignore[method-assign]
    return app
