"""The dependencies routes declare: the worker's state, and the caller (authenticated, and charged one message)."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError

from api.security import Caller, authenticated, require_admin
from api.state import ApiState, get_state

__all__ = ["AdminDep", "CallerDep", "ChargedCallerDep", "StateDep", "strict_json"]

StateDep = Annotated[ApiState, Depends(get_state)]
CallerDep = Annotated[Caller, Depends(authenticated)]
AdminDep = Annotated[Caller, Depends(require_admin)]


async def charged(state: StateDep, caller: CallerDep) -> Caller:
    """The caller, after spending one message of its rate limit (a batch spends one per item itself)."""
    state.limiter.take(caller.key_id)
    return caller


ChargedCallerDep = Annotated[Caller, Depends(charged)]


def _number(text: str) -> float | int:
    """JSON numbers as the schema reads them: 5.0 is an integer there, so it is one here too."""
    value = float(text)
    return int(value) if value.is_integer() and abs(value) <= 2**53 else value


def strict_json(model: type[BaseModel]) -> Any:
    """A dependency that re-reads the body as JSON in strict mode: `"received_at": 0` or `"in_stock": 1` are
    errors, as the schema says, not coerced. It runs after authentication, so strangers get 401 first."""

    async def check(request: Request, _caller: CallerDep) -> None:
        try:
            data = json.loads(await request.body(), parse_float=_number)
        except ValueError:
            raise RequestValidationError([{"type": "json_invalid", "loc": ("body",), "msg": "Invalid JSON",
                                           "ctx": {"error": "not a JSON document"}}]) from None
        try:
            model.model_validate_json(json.dumps(data), strict=True)
        except ValidationError as exc:
            raise RequestValidationError(exc.errors(include_input=False, include_url=False)) from None

    return Depends(check)
