"""The API served by a real uvicorn (`reply-assistant serve`) on loopback: auth, limits, problems, streaming, logs.

Fake parts (hash embedder, memory index) through REPLY_ASSISTANT_* variables keep start-up to seconds.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from api_fakes import MUG, sse_events
from live_server import ADMIN_KEY, API_KEY, FAKE_PARTS, ROOT, LiveServer, clean_env, live_server

pytestmark = pytest.mark.integration

SECURED = {
    **FAKE_PARTS,
    "REPLY_ASSISTANT_API_KEYS": API_KEY,
    "REPLY_ASSISTANT_ADMIN_KEYS": ADMIN_KEY,
    "REPLY_ASSISTANT_RATE_LIMIT_PER_MINUTE": "60",
    "REPLY_ASSISTANT_RATE_LIMIT_BURST": "30",
    "REPLY_ASSISTANT_MAX_BATCH_ITEMS": "3",
    "REPLY_ASSISTANT_MAX_BODY_BYTES": "100000",
}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    tmp = tmp_path_factory.mktemp("live")
    env = {**SECURED, "REPLY_ASSISTANT_INDEX_DIR": str(tmp / "index")}
    with live_server(env, tmp / "server.log") as live:
        yield live


def _problem(response: httpx.Response, status: int, kind: str) -> dict[str, object]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, object] = response.json()
    assert (body["type"], body["status"]) == (kind, status)
    assert body["title"] and body["detail"] and body["request_id"] == response.headers["x-request-id"]
    return body


def test_draft_over_http(server: LiveServer) -> None:
    with server.client() as http:
        response = http.post("/v1/drafts", json=MUG)
    assert response.status_code == 200, response.text
    assert response.json()["draft"] and response.json()["guard"]["violations"] is not None
    assert response.headers["x-request-id"]


@pytest.mark.parametrize(
    ("key", "path", "status", "kind"),
    [
        (None, "/v1/drafts", 401, "missing_api_key"),
        ("not-a-key-0123456789", "/v1/drafts", 401, "invalid_api_key"),
        (API_KEY, "/v1/index/rebuild", 403, "admin_key_required"),
    ],
)
def test_auth_rejections(server: LiveServer, key: str | None, path: str, status: int, kind: str) -> None:
    with server.client(key) as http:
        _problem(http.post(path, json=MUG), status, kind)


def test_admin_key_rebuilds_the_index(server: LiveServer) -> None:
    with server.client(ADMIN_KEY) as http:
        response = http.post("/v1/index/rebuild")
    assert response.status_code == 200 and response.json()["passages"] > 0


def test_limits(server: LiveServer) -> None:
    with server.client() as http:
        _problem(http.post("/v1/drafts", json={"text": "x" * 200_000}), 413, "body_too_large")
        chunked = (part for part in [b'{"text": "', b"y" * 120_000, b'"}'])
        _problem(
            http.post("/v1/drafts", content=chunked, headers={"Content-Type": "application/json"}),
            413,
            "body_too_large",
        )
        _problem(http.post("/v1/drafts", json={"text": "z" * 10_001}), 422, "invalid_input")
        _problem(http.post("/v1/drafts/batch", json={"items": [MUG] * 4}), 413, "batch_too_large")


def test_problem_documents_for_bad_requests(server: LiveServer) -> None:
    with server.client() as http:
        _problem(
            http.post("/v1/drafts", content=b'{"text": ', headers={"Content-Type": "application/json"}),
            400,
            "malformed_json",
        )
        _problem(http.post("/v1/drafts", json={"text": "hi", "order": {"colour": "red"}}), 422, "invalid_request")
        _problem(http.get("/v1/unknown"), 404, "not_found")
        _problem(http.delete("/v1/drafts"), 405, "method_not_allowed")


def test_rate_limit_is_per_key(tmp_path: Path) -> None:
    env = {
        **SECURED,
        "REPLY_ASSISTANT_INDEX_DIR": str(tmp_path / "index"),
        "REPLY_ASSISTANT_RATE_LIMIT_PER_MINUTE": "6",
        "REPLY_ASSISTANT_RATE_LIMIT_BURST": "2",
    }
    with live_server(env, tmp_path / "server.log") as live, live.client() as http:
        statuses = [http.post("/v1/classify", json={"text": "where is my parcel"}).status_code for _ in range(3)]
        assert statuses == [200, 200, 429]
        limited = http.post("/v1/classify", json={"text": "where is my parcel"})
        _problem(limited, 429, "rate_limited")
        assert int(limited.headers["retry-after"]) >= 1
        with live.client(ADMIN_KEY) as other:
            assert other.post("/v1/classify", json={"text": "where is my parcel"}).status_code == 200


def test_request_timeout_is_503(tmp_path: Path) -> None:
    env = {
        **SECURED,
        "REPLY_ASSISTANT_INDEX_DIR": str(tmp_path / "index"),
        "REPLY_ASSISTANT_REQUEST_TIMEOUT_S": "0.0005",
    }
    with live_server(env, tmp_path / "server.log") as live, live.client() as http:
        response = http.post("/v1/drafts", json=MUG)
        _problem(response, 503, "request_timeout")
        assert response.headers["retry-after"]


def test_streaming_over_http(server: LiveServer) -> None:
    with server.client() as http, http.stream("POST", "/v1/drafts", params={"stream": "true"}, json=MUG) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        body = "".join(response.iter_text())
    events = sse_events(body)
    assert [n for n, _ in events][:3] == ["classification", "decision", "citations"]
    assert events[-1][0] == "result"
    deltas = "".join(json.loads(d)["delta"] for n, d in events if n == "draft")
    assert deltas == json.loads(events[-1][1])["draft"]


def test_logs_carry_request_ids_and_no_buyer_text(server: LiveServer) -> None:
    marker = "Quetzalcoatl-5521 lives at 9 Harbour Road"
    with server.client() as http:
        response = http.post("/v1/drafts", json={"text": marker}, headers={"X-Request-ID": "live-trace-77"})
    assert response.headers["x-request-id"] == "live-trace-77"
    log = server.log_with("[live-trace-77]")
    assert "[live-trace-77]" in log and "POST /v1/drafts 200" in log
    assert "Quetzalcoatl" not in log and "Harbour Road" not in log
    assert "Traceback" not in log


def test_metrics_and_probes(server: LiveServer) -> None:
    with server.client(None) as http:
        assert http.get("/healthz").json() == {"status": "ok"}
        assert http.get("/readyz").json()["status"] == "ready"
        metrics = http.get("/metrics").text
    assert 'reply_assistant_http_requests_total{method="POST",route="/v1/drafts",status="200"}' in metrics
    assert "reply_assistant_drafts_total" in metrics


def _outside_address() -> str | None:
    """An address of this machine that is not loopback, if it has one."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET: nothing is sent, the kernel just picks a route
            address = str(probe.getsockname()[0])
        except OSError:
            return None
    return None if address.startswith("127.") else address


def test_without_keys_the_server_answers_loopback_only(tmp_path: Path) -> None:
    """Started by plain uvicorn on all interfaces (bypassing `serve`'s refusal), it still turns strangers away."""
    env = {**FAKE_PARTS, "REPLY_ASSISTANT_INDEX_DIR": str(tmp_path / "index")}
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "api.app:create_app",
        "--factory",
        "--host",
        "0.0.0.0",
        "--port",
        "{port}",
    ]
    with live_server(env, tmp_path / "server.log", *command) as live:
        assert httpx.post(f"{live.url}/v1/drafts", json=MUG, timeout=30).status_code == 200
        outside = _outside_address()
        if outside is None:
            pytest.skip("this machine has no non-loopback address to call from")
        response = httpx.post(live.url.replace("127.0.0.1", outside) + "/v1/drafts", json=MUG, timeout=30)
        _problem(response, 403, "loopback_only")


def test_serve_refuses_other_interfaces_without_keys(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "assistant", "serve", "--host", "0.0.0.0", "--port", "1"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        env=clean_env(FAKE_PARTS),
    )
    assert result.returncode == 2
    assert "refusing to listen on 0.0.0.0" in result.stderr and "REPLY_ASSISTANT_API_KEYS" in result.stderr
