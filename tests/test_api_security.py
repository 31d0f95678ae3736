"""Keys, loopback-only mode, limits, timeouts, problem documents, request ids and logs, on fake parts."""

from __future__ import annotations

import logging

import pytest
from api_fakes import ADMIN_AUTH, AUTH, KEY, MUG, BrokenDrafter, SlowDrafter, client, with_drafter
from pydantic import SecretStr
from typer.testing import CliRunner

from api import security
from api.context import RequestIdFilter
from api.limits import RateLimiter
from api.problems import ApiError
from api.security import bind_refusal, is_loopback
from assistant.cli import app as cli
from assistant.pipeline import Parts
from assistant.settings import Settings, get_settings


@pytest.fixture(scope="module")
def parts(offline_parts: Parts) -> Parts:
    return offline_parts


def _assert_problem(response, status: int, kind: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, object] = response.json()
    assert body["type"] == kind and body["status"] == status
    assert body["title"] and body["detail"]
    assert body["request_id"] == response.headers["x-request-id"]
    assert "Traceback" not in response.text
    return body


@pytest.mark.parametrize(
    ("method", "path", "headers", "status", "kind"),
    [
        ("post", "/v1/drafts", {}, 401, "missing_api_key"),
        ("post", "/v1/drafts", {"Authorization": "Basic dXNlcjpwYXNz"}, 401, "missing_api_key"),
        ("post", "/v1/drafts", {"Authorization": "Bearer wrong-key-0123456789"}, 401, "invalid_api_key"),
        ("post", "/v1/drafts", {"Authorization": f"Bearer {KEY}x"}, 401, "invalid_api_key"),
        ("post", "/v1/drafts", AUTH, 200, None),
        ("post", "/v1/drafts", ADMIN_AUTH, 200, None),  # an admin key is a key too
        ("get", "/v1/policies", {}, 401, "missing_api_key"),
        ("post", "/v1/index/rebuild", {}, 401, "missing_api_key"),
        ("post", "/v1/index/rebuild", AUTH, 403, "admin_key_required"),
        ("post", "/v1/index/rebuild", ADMIN_AUTH, 200, None),
        ("get", "/healthz", {}, 200, None),  # probes and scrapes need no key
        ("get", "/metrics", {}, 200, None),
    ],
    ids=lambda v: v if isinstance(v, str | int) else None,
)
def test_keys(parts: Parts, method: str, path: str, headers: dict[str, str], status: int, kind: str | None) -> None:
    response = getattr(client(parts), method)(path, headers=headers, **({"json": MUG} if method == "post" else {}))
    if kind is None:
        assert response.status_code == status, response.text
    else:
        _assert_problem(response, status, kind)
        if status == 401:
            assert response.headers["www-authenticate"].startswith("Bearer")


def test_keys_are_compared_in_constant_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every configured key is compared with hmac.compare_digest on equal-length digests, even after a match."""
    calls: list[tuple[int, int]] = []
    real = security.hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        calls.append((len(a), len(b)))
        return real(a, b)

    monkeypatch.setattr(security.hmac, "compare_digest", spy)
    keys = [SecretStr("first-key-0123456789"), SecretStr("second-key-0123456789-longer")]
    assert security._matches("first-key-0123456789", keys) is True
    assert security._matches("short", keys) is False
    assert calls == [(32, 32)] * 4


@pytest.mark.parametrize(
    ("host", "status"),
    [
        ("127.0.0.1", 200),
        ("127.5.6.7", 200),
        ("::1", 200),
        ("10.1.2.3", 403),
        ("192.168.0.9", 403),
        ("2001:db8::1", 403),
    ],
)
def test_without_keys_only_loopback_clients_are_answered(parts: Parts, host: str, status: int) -> None:
    response = client(parts, host=host, keys=False).post("/v1/drafts", json=MUG)
    assert response.status_code == status
    if status == 403:
        assert "REPLY_ASSISTANT_API_KEYS" in _assert_problem(response, 403, "loopback_only")["detail"]  # type: ignore[operator]


@pytest.mark.parametrize(
    ("host", "keys", "refused"),
    [
        ("127.0.0.1", False, False),
        ("localhost", False, False),
        ("::1", False, False),
        ("0.0.0.0", False, True),
        ("::", False, True),
        ("192.168.1.20", False, True),
        ("myhost.example", False, True),
        ("0.0.0.0", True, False),
    ],
    ids=lambda v: str(v),
)
def test_bind_refusal(host: str, keys: bool, refused: bool) -> None:
    settings = Settings(api_keys=["k" * 20] if keys else [])
    reason = bind_refusal(host, settings)
    assert (reason is not None) is refused
    if reason:
        assert host in reason and "REPLY_ASSISTANT_API_KEYS" in reason


def test_is_loopback_rejects_names_it_cannot_trust() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("[::1]") and is_loopback("localhost")
    assert not is_loopback(None) and not is_loopback("testclient") and not is_loopback("0.0.0.0")


def test_serve_refuses_a_public_interface_without_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REPLY_ASSISTANT_API_KEYS", raising=False)
    monkeypatch.delenv("REPLY_ASSISTANT_ADMIN_KEYS", raising=False)
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0", "--port", "1"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 2
    assert "refusing to listen on 0.0.0.0" in result.output


def test_short_keys_are_refused_by_settings() -> None:
    with pytest.raises(ValueError, match="at least 16 characters") as found:
        Settings(api_keys="tiny")
    assert "tiny" not in str(found.value)  # a rejected key is still not printed


def test_keys_come_comma_separated_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPLY_ASSISTANT_API_KEYS", "aaaaaaaaaaaaaaaa1, bbbbbbbbbbbbbbbb2")
    assert [k.get_secret_value() for k in Settings().api_keys] == ["aaaaaaaaaaaaaaaa1", "bbbbbbbbbbbbbbbb2"]


def test_body_over_the_limit_is_413_by_content_length(parts: Parts) -> None:
    response = client(parts, max_body_bytes=1000).post("/v1/drafts", json={"text": "x" * 2000}, headers=AUTH)
    _assert_problem(response, 413, "body_too_large")


def test_chunked_body_over_the_limit_is_413(parts: Parts) -> None:
    chunks = iter([b'{"text": "', b"x" * 800, b"y" * 800, b'"}'])  # no Content-Length: sent chunked
    response = client(parts, max_body_bytes=1000).post(
        "/v1/drafts", content=chunks, headers={**AUTH, "Content-Type": "application/json"}
    )
    _assert_problem(response, 413, "body_too_large")


@pytest.mark.parametrize(
    ("body", "status", "kind"),
    [
        ({"text": "x" * 10_001}, 422, "invalid_input"),
        ({"text": "   "}, 422, "invalid_request"),
        ({"text": "hi", "order": {"colour": "red"}}, 422, "invalid_request"),  # errors never echo the value
        ({"text": "hi", "order": {"in_stock": 1}}, 422, "invalid_request"),  # no silent 1 -> true
        ({"text": "hi", "received_at": 0}, 422, "invalid_request"),
        ({"text": "hi", "order": {"item_price": 14.0, "days_past_estimated_delivery": 8.0}}, 200, None),
        ({"text": "hi", "received_at": "2026-11-20T10:00:00Z"}, 200, None),
    ],
    ids=["too long", "blank", "unknown key", "int for bool", "number for time", "integral floats", "iso time"],
)
def test_body_validation(parts: Parts, body: dict[str, object], status: int, kind: str | None) -> None:
    response = client(parts).post("/v1/drafts", json=body, headers=AUTH)
    if kind is None:
        assert response.status_code == status, response.text
        return
    problem = _assert_problem(response, status, kind)
    if kind == "invalid_request":
        assert problem["errors"]
        assert all(set(e) == {"loc", "msg", "type"} for e in problem["errors"])  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("call", "status", "kind"),
    [
        (
            lambda c: c.post("/v1/drafts", content=b"{broken", headers={**AUTH, "Content-Type": "application/json"}),
            400,
            "malformed_json",
        ),
        (lambda c: c.get("/v1/nothing-here", headers=AUTH), 404, "not_found"),
        (lambda c: c.get("/v1/drafts", headers=AUTH), 405, "method_not_allowed"),
    ],
    ids=["400", "404", "405"],
)
def test_other_rejections_are_problem_documents(parts: Parts, call, status: int, kind: str) -> None:  # type: ignore[no-untyped-def]
    _assert_problem(call(client(parts)), status, kind)


def test_rate_limit_per_key_is_429_with_retry_after(parts: Parts) -> None:
    app = client(parts, rate_limit_per_minute=60, rate_limit_burst=2)
    assert [app.post("/v1/classify", json={"text": "hi"}, headers=AUTH).status_code for _ in range(2)] == [200, 200]
    limited = app.post("/v1/classify", json={"text": "hi"}, headers=AUTH)
    _assert_problem(limited, 429, "rate_limited")
    assert int(limited.headers["retry-after"]) >= 1
    assert app.post("/v1/classify", json={"text": "hi"}, headers=ADMIN_AUTH).status_code == 200  # another key


@pytest.mark.parametrize(
    ("steps", "expected"),
    [
        ([(0.0, 1), (0.0, 1), (0.0, 1)], [True, True, False]),  # burst of 2
        ([(0.0, 2), (0.5, 1), (1.0, 1)], [True, False, True]),  # 60/min refills one per second
        ([(0.0, 3)], [False]),  # a batch bigger than the burst can never pass
    ],
    ids=["burst", "refill", "cost over burst"],
)
def test_rate_limiter_token_bucket(steps: list[tuple[float, int]], expected: list[bool]) -> None:
    now = [0.0]
    limiter = RateLimiter(per_minute=60, burst=2, clock=lambda: now[0])
    got = []
    for at, cost in steps:
        now[0] = at
        try:
            limiter.take("key", cost)
            got.append(True)
        except ApiError:
            got.append(False)
    assert got == expected


def test_batch_spends_one_token_per_item(parts: Parts) -> None:
    app = client(parts, rate_limit_per_minute=60, rate_limit_burst=3)
    assert app.post("/v1/drafts/batch", json={"items": [MUG, MUG]}, headers=AUTH).status_code == 200
    _assert_problem(app.post("/v1/drafts/batch", json={"items": [MUG, MUG]}, headers=AUTH), 429, "rate_limited")


def test_slow_draft_times_out_with_503(parts: Parts) -> None:
    app = client(with_drafter(parts, SlowDrafter(1.0)), request_timeout_s=0.2)
    response = app.post("/v1/drafts", json=MUG, headers=AUTH)
    _assert_problem(response, 503, "request_timeout")
    assert response.headers["retry-after"]
    assert 'reply_assistant_timeouts_total{route="/v1/drafts"} 1.0' in app.get("/metrics").text


def test_unexpected_error_is_a_500_problem_without_trace_or_buyer_text(
    parts: Parts, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    response = client(with_drafter(parts, BrokenDrafter())).post(
        "/v1/drafts", json={"text": "my secret address is 12 Elm Street"}, headers=AUTH
    )
    _assert_problem(response, 500, "internal_error")
    assert "Elm Street" not in response.text
    logged = "\n".join(r.getMessage() for r in caplog.records if r.levelno > logging.DEBUG)
    assert "unhandled RuntimeError" in logged and "Elm Street" not in logged


def test_request_id_is_echoed_when_safe_and_replaced_when_not(parts: Parts) -> None:
    app = client(parts)
    assert app.get("/healthz", headers={"X-Request-ID": "inbox-42.a"}).headers["x-request-id"] == "inbox-42.a"
    replaced = app.get("/healthz", headers={"X-Request-ID": "bad id\twith spaces"}).headers["x-request-id"]
    assert replaced != "bad id\twith spaces" and len(replaced) == 32


def test_log_lines_carry_the_request_id_and_no_buyer_text(parts: Parts, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    caplog.handler.addFilter(RequestIdFilter())  # as the served log config does: the id is read when logging
    marker = "Zanzibar-7781 my parcel never came"
    response = client(parts).post("/v1/drafts", json={"text": marker}, headers={**AUTH, "X-Request-ID": "trace-1"})
    assert response.status_code == 200
    access = [r for r in caplog.records if r.name == "api.access"]
    assert len(access) == 1, "one access line per request"
    assert access[0].request_id == "trace-1"  # type: ignore[attr-defined]
    assert "POST /v1/drafts 200" in access[0].getMessage()
    assert not [r for r in caplog.records if r.levelno > logging.DEBUG and "Zanzibar" in r.getMessage()]
