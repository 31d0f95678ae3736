"""Every rejection as a problem document (RFC 9457: type, title, status, detail), never a stack trace.

`ApiError` is what api/ code raises; assistant errors and FastAPI's own errors are translated here, and this is
the only module that chooses an HTTP status for an `AssistantError`.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.context import current_request_id
from assistant.errors import (
    AssistantError,
    DraftError,
    EmbeddingError,
    IndexError_,
    InputError,
    KnowledgeError,
    PolicyError,
)
from assistant.validation import describe_problems

__all__ = ["PROBLEM_MEDIA_TYPE", "ApiError", "FieldProblem", "Problem", "install_problem_handlers",
           "problem_for", "problem_response", "problem_responses"]

PROBLEM_MEDIA_TYPE = "application/problem+json"

# Most specific first: the first class the error is an instance of wins.
STATUS_OF: list[tuple[type[AssistantError], int]] = [
    (InputError, 422),
    (IndexError_, 503),
    (EmbeddingError, 503),
    (DraftError, 503),  # LLMError included: the pipeline falls back offline, so reaching here means both failed
    (PolicyError, 503),  # the server's rules file is broken: not the caller's fault, and retrying later may work
    (KnowledgeError, 503),
]


class FieldProblem(BaseModel):
    """One invalid field of the request body (never echoes the value: it may be a buyer's message)."""

    loc: list[str | int]
    msg: str
    type: str


class Problem(BaseModel):
    """A problem document. `type` is a stable token a client can switch on; `detail` says what to do."""

    type: str = Field(examples=["invalid_request"])
    title: str = Field(examples=["Unprocessable Content"])
    status: int = Field(examples=[422])
    detail: str
    request_id: str | None = None
    errors: list[FieldProblem] | None = None
    checks: dict[str, dict[str, Any]] | None = None


class ApiError(Exception):
    """Raised by api/ code for a rejection: status, a token for `type`, and a detail that says what to do."""

    def __init__(self, status: int, kind: str, detail: str, headers: dict[str, str] | None = None,
                 title: str | None = None) -> None:
        super().__init__(detail)
        self.status, self.kind, self.detail = status, kind, detail
        self.headers = headers or {}
        self.title = title or HTTPStatus(status).phrase


def problem_response(status: int, kind: str, detail: str, *, title: str | None = None,
                     headers: dict[str, str] | None = None, **extra: Any) -> JSONResponse:
    body = Problem(type=kind, title=title or HTTPStatus(status).phrase, status=status, detail=detail,
                   request_id=current_request_id(), **extra)
    return JSONResponse(body.model_dump(mode="json", exclude_none=True), status_code=status,
                        media_type=PROBLEM_MEDIA_TYPE, headers=headers)


def problem_for(exc: AssistantError) -> ApiError:
    """The HTTP rejection for a deliberate assistant error; its message already says what to do."""
    status = next((s for kind, s in STATUS_OF if isinstance(exc, kind)), 500)
    headers = {"Retry-After": "5"} if status == 503 else None
    return ApiError(status, exc.kind, str(exc), headers)


def _validation_problem(exc: RequestValidationError) -> ApiError | list[FieldProblem]:
    errors = list(exc.errors())
    broken_json = next((e for e in errors if e.get("type") == "json_invalid"), None)
    if broken_json is not None:
        reason = (broken_json.get("ctx") or {}).get("error", "not valid JSON")
        return ApiError(400, "malformed_json", f"the request body is not valid JSON ({reason}). Send a JSON object.")
    return [
        FieldProblem(loc=[p for p in e.get("loc", ()) if p != "body"] or ["body"], msg=str(e.get("msg", "")),
                     type=str(e.get("type", "")))
        for e in errors
    ]


def install_problem_handlers(app: FastAPI) -> None:
    """Route every rejection FastAPI, Starlette or the assistant raises through `problem_response`."""

    @app.exception_handler(ApiError)
    async def api_problem(_request: Request, exc: ApiError) -> JSONResponse:
        return problem_response(exc.status, exc.kind, exc.detail, title=exc.title, headers=exc.headers)

    @app.exception_handler(AssistantError)
    async def assistant_error(request: Request, exc: AssistantError) -> JSONResponse:
        return await api_problem(request, problem_for(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        found = _validation_problem(exc)
        if isinstance(found, ApiError):
            return await api_problem(request, found)
        where = describe_problems(list(exc.errors()))
        return problem_response(422, "invalid_request", f"the request does not match the schema at /docs: {where}",
                                errors=found)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        kind = HTTPStatus(exc.status_code).phrase.lower().replace(" ", "_").replace("-", "_")
        detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).description
        if exc.status_code == 404:
            detail = "no such endpoint. The API is described at /docs."
        elif exc.status_code == 405:
            allowed = (exc.headers or {}).get("Allow", "another method")
            detail = f"{request.method} is not allowed here; use {allowed}. The API is described at /docs."
        return problem_response(exc.status_code, kind, detail, headers=dict(exc.headers or {}))


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` for these statuses, each a problem document (so schema checks know them)."""
    return {
        status: {
            "model": Problem,
            "description": HTTPStatus(status).phrase,
            "content": {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
        for status in statuses
    }
