"""Who is calling: Bearer API keys compared in constant time, admin keys apart, loopback-only without keys."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import SecretStr

from api.problems import ApiError
from assistant.settings import Settings

__all__ = ["Caller", "authenticated", "bind_refusal", "is_loopback", "require_admin", "require_store"]

_bearer = HTTPBearer(auto_error=False, description="An API key from REPLY_ASSISTANT_API_KEYS (or _ADMIN_KEYS).")
_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="reply-assistant"'}


@dataclass(frozen=True, slots=True)
class Caller:
    """An authenticated caller. `key_id` names the key in logs and rate limits without revealing it."""

    key_id: str
    admin: bool
    stores: frozenset[str] | None = None  # the stores this key may draft for; None: every store


def is_loopback(host: str | None) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address((host or "").strip("[]")).is_loopback
    except ValueError:
        return False


def bind_refusal(host: str, settings: Settings) -> str | None:
    """Why the server must not listen on `host` (no keys and not loopback), or None when it may."""
    if settings.api_keys or settings.admin_keys or is_loopback(host):
        return None
    return (f"refusing to listen on {host}: no API keys are configured, so anyone who can reach that interface "
            "could use the API. Set REPLY_ASSISTANT_API_KEYS (and REPLY_ASSISTANT_ADMIN_KEYS for index "
            "rebuilds), or serve on 127.0.0.1.")


def _digest(value: str) -> bytes:
    return hashlib.sha256(value.encode()).digest()


def _matches(token: str, keys: list[SecretStr]) -> bool:
    """Compare against every key, digests of equal length, without stopping early: timing says nothing."""
    offered = _digest(token)
    found = False
    for key in keys:
        found |= hmac.compare_digest(offered, _digest(key.get_secret_value()))
    return found


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.api.settings
    return settings


async def authenticated(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> Caller:
    """The caller behind the Bearer key; without configured keys, any loopback client (and nobody else)."""
    settings = _settings(request)
    if not settings.api_keys and not settings.admin_keys:
        host = request.client.host if request.client else None
        if not is_loopback(host):
            raise ApiError(403, "loopback_only", "no API keys are configured, so this server only answers "
                             "clients on the same machine. Ask the operator to set REPLY_ASSISTANT_API_KEYS.")
        request.state.key_id = "loopback"
        return Caller(key_id="loopback", admin=True)  # every store: it is the operator's own machine
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
        raise ApiError(401, "missing_api_key", "send your API key as 'Authorization: Bearer <key>'.",
                         headers=_CHALLENGE)
    token = credentials.credentials
    admin = _matches(token, settings.admin_keys)
    if not admin and not _matches(token, settings.api_keys):
        raise ApiError(401, "invalid_api_key", "this API key is not valid. Check it, or ask for a new one.",
                         headers=_CHALLENGE)
    key_id = _digest(token).hex()[:12]
    caller = Caller(key_id=key_id, admin=admin, stores=None if admin else _stores_of(token, key_id, settings))
    request.state.key_id = caller.key_id  # for the access log line
    return caller


def _stores_of(token: str, key_id: str, settings: Settings) -> frozenset[str]:
    """The stores REPLY_ASSISTANT_KEY_STORES gives this key (by key id or the key itself); else the default only."""
    for name, stores in settings.key_stores.items():
        if name == key_id or hmac.compare_digest(_digest(name), _digest(token)):
            return frozenset(stores)
    return frozenset({settings.default_store})


def require_store(caller: Caller, store: str | None, settings: Settings) -> None:
    """403 when the caller's key may not draft for the store named (or, when none is named, the default store)."""
    wanted = store or settings.default_store
    if caller.stores is not None and wanted not in caller.stores:
        allowed = ", ".join(sorted(caller.stores)) or "none"
        raise ApiError(403, "store_forbidden", f"this API key may not use the store '{wanted}'; it may use: {allowed}. "
                       "Name one of those in `store`, or ask the operator to extend REPLY_ASSISTANT_KEY_STORES.")


async def require_admin(caller: Annotated[Caller, Depends(authenticated)]) -> Caller:
    """An admin caller; a valid ordinary key gets 403, not 401: it is known, just not allowed."""
    if not caller.admin:
        raise ApiError(403, "admin_key_required", "this endpoint needs an admin key (REPLY_ASSISTANT_ADMIN_KEYS).")
    return caller
