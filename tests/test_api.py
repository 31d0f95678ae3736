"""The HTTP API's endpoints on fake parts (hash embedder, memory index) through TestClient."""

from __future__ import annotations

from pathlib import Path

import pytest
from api_fakes import ADMIN_AUTH, AUTH, MUG, client, with_drafter

from assistant.draft import ScriptedDrafter
from assistant.knowledge import load_passages
from assistant.models import DraftResult, Intent
from assistant.pipeline import Parts
from assistant.policy import load_policy
from assistant.settings import Settings
from assistant.signals import CARELESS_INTENTS, NO_HARM_INTENTS


@pytest.fixture(scope="module")
def parts(offline_parts: Parts) -> Parts:
    return offline_parts


def test_draft_returns_the_draft_result_contract(parts: Parts) -> None:
    response = client(parts).post("/v1/drafts", json={**MUG, "id": "msg-1"}, headers=AUTH)
    assert response.status_code == 200, response.text
    result = DraftResult.model_validate(response.json())
    assert result.id == "msg-1"
    assert MUG["order"]["order_id"] in result.draft  # type: ignore[index]
    assert result.drafter == "offline"
    assert set(result.timings_ms) >= {"classify", "decide", "retrieve", "draft_and_guard", "total"}


def test_draft_forced_language_replies_in_it(parts: Parts) -> None:
    body = {**MUG, "options": {"language": "de"}}
    result = client(parts).post("/v1/drafts", json=body, headers=AUTH).json()
    assert result["language"] == "de"
    assert "Hallo" in result["draft"] or "Guten Tag" in result["draft"], result["draft"]


def test_unavailable_llm_falls_back_to_the_offline_draft_and_says_so(parts: Parts) -> None:
    """No LLM server is configured here: the caller still gets a draft, marked as a fallback."""
    body = {**MUG, "options": {"llm": "openai"}}
    result = client(parts).post("/v1/drafts", json=body, headers=AUTH).json()
    assert result["drafter"] == "offline"
    assert result["fallback"] in {"llm_not_configured", "llm_not_installed"}


def test_batch_drafts_each_item_in_order(parts: Parts) -> None:
    items = [
        {**MUG, "id": "a"},
        {"id": "b", "text": "Please change my delivery address", "order": {"status": "unshipped"}},
    ]
    body = client(parts).post("/v1/drafts/batch", json={"items": items}, headers=AUTH).json()
    assert [(r["index"], r["id"]) for r in body["results"]] == [(0, "a"), (1, "b")]
    assert body["drafted"] == 2 and body["failed"] == 0
    assert all(r["result"]["draft"] for r in body["results"])


def test_batch_item_that_fails_gets_its_own_problem(parts: Parts) -> None:
    """The scripted drafter has one reply: the second item fails with a DraftError, the first is kept."""
    app = client(with_drafter(parts, ScriptedDrafter(["Thank you for your message."])))
    body = app.post("/v1/drafts/batch", json={"items": [MUG, MUG]}, headers=AUTH).json()
    assert body["drafted"] == 1 and body["failed"] == 1
    assert body["results"][0]["result"]["draft"] == "Thank you for your message."
    problem = body["results"][1]["problem"]
    assert (problem["type"], problem["status"]) == ("draft_failed", 503)


def test_batch_over_the_limit_is_413(parts: Parts) -> None:
    response = client(parts, max_batch_items=2).post("/v1/drafts/batch", json={"items": [MUG] * 3}, headers=AUTH)
    assert response.status_code == 413
    assert response.json()["type"] == "batch_too_large"
    assert "limit is 2" in response.json()["detail"]


def test_batch_with_a_too_long_text_is_rejected_whole(parts: Parts) -> None:
    items = [MUG, {"text": "x" * 10_001}]
    response = client(parts).post("/v1/drafts/batch", json={"items": items}, headers=AUTH)
    assert response.status_code == 422
    assert "items 1 have more than 10,000 characters" in response.json()["detail"]


@pytest.mark.parametrize("route", ["/v1/drafts", "/v1/classify"])
@pytest.mark.parametrize("text", ["", "  \n\t "])
def test_blank_text_says_so_in_the_cli_words(parts: Parts, route: str, text: str) -> None:
    response = client(parts).post(route, json={"text": text}, headers=AUTH)
    assert response.status_code == 422
    assert response.json()["detail"].endswith("text: the message text is empty. Paste the buyer's message.")


def test_unknown_order_key_names_the_key_meant(parts: Parts) -> None:
    body = {"items": [{"text": "The mug arrived broken", "order": {"fulfilment": "amazon"}}]}
    response = client(parts).post("/v1/drafts/batch", json=body, headers=AUTH)
    assert response.status_code == 422
    assert response.json()["detail"].endswith("items.0.order.fulfilment: unknown key (did you mean 'fulfillment'?)")
    assert response.json()["errors"][0]["loc"] == ["items", 0, "order", "fulfilment"]


def test_classify_returns_intent_language_and_signals(parts: Parts) -> None:
    response = client(parts).post(
        "/v1/classify", json={"text": "Ich möchte meine Bestellung stornieren, bitte."}, headers=AUTH
    )
    assert response.status_code == 200
    body = response.json()
    assert body["language"] == "de"
    assert set(body) >= {"intent", "category", "confidence", "signals", "alternatives"}


def test_classify_reports_the_signals_the_pipeline_would_act_on(parts: Parts) -> None:
    """Harm read in a product question is not acted on by the pipeline; /classify says the same for any intent."""
    text = "The charger caught fire and the cable melted. Left outside in the rain by the courier, too."
    body = client(parts).post("/v1/classify", json={"text": text}, headers=AUTH).json()
    intent = Intent(body["intent"])
    assert body["signals"]["safety_incident"] is (intent not in NO_HARM_INTENTS)
    assert body["signals"]["careless_delivery"] is (intent in CARELESS_INTENTS)


@pytest.mark.parametrize(
    ("text", "decision", "passed", "rules"),
    [
        ("Thank you for your patience with order 112-4471093-5520187.", None, True, []),
        ("Write to me at bob@example.com", None, False, ["email"]),
        ("Details are on www.example-shop.com", None, False, ["link"]),
        ("We will refund you in full.", {"remedies": ["full_refund"]}, True, []),
        (
            "We will refund you in full.",
            {"remedies": ["partial_refund"], "max_partial_refund_pct": 35},
            False,
            ["unsupported_promise"],
        ),
    ],
    ids=["clean", "email", "link", "refund allowed", "refund not allowed"],
)
def test_check_runs_the_guard_only(
    parts: Parts, text: str, decision: dict[str, object] | None, passed: bool, rules: list[str]
) -> None:
    body: dict[str, object] = {"text": text, **({"decision": decision} if decision else {})}
    report = client(parts).post("/v1/check", json=body, headers=AUTH).json()
    assert report["passed"] is passed, report
    assert [v["rule"] for v in report["violations"]] == rules


def test_policies_show_version_rules_and_their_sources(parts: Parts) -> None:
    body = client(parts).get("/v1/policies", headers=AUTH).json()
    policy = load_policy(parts.settings.rules_path)
    assert body["version"] == policy.version
    assert [r["id"] for r in body["rules"]] == [r.id for r in policy.rules]
    assert all(r["source"]["document"] and r["source"]["section"] for r in body["rules"])
    assert set(body["sources"]) == {r.source.document for r in policy.rules} | {
        m.source.document for m in policy.modifiers
    } | ({policy.guard.source.document} if policy.guard.source else set())
    assert "path" not in body  # the server's file layout is not the caller's business


def test_index_rebuild_with_admin_key_reindexes_every_passage(parts: Parts) -> None:
    response = client(parts).post("/v1/index/rebuild", headers=ADMIN_AUTH)
    assert response.status_code == 200, response.text
    assert response.json()["passages"] == len(load_passages(parts.settings.knowledge_dir))
    assert client(parts).post("/v1/drafts", json=MUG, headers=AUTH).status_code == 200  # still serving


def test_healthz_and_readyz(parts: Parts) -> None:
    app = client(parts)
    assert app.get("/healthz").json() == {"status": "ok"}
    ready = app.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["checks"]["index"]["ok"] is True
    assert ready.json()["checks"]["index:rhein-kueche"]["ok"] is True, "every store's index is checked"
    assert ready.json()["checks"]["index:rhein-kueche"]["collection"] == "store_rhein-kueche"
    assert ready.json()["checks"]["llm"] == {"ok": True, "configured": False}


def test_readyz_is_503_until_parts_are_loaded(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from api.app import create_app

    settings = Settings(index_dir=tmp_path, embedder="hash", retriever="memory")
    app = TestClient(create_app(settings=settings), client=("127.0.0.1", 1))  # no `with`: start-up never runs
    ready = app.get("/readyz")
    assert ready.status_code == 503
    assert ready.headers["content-type"] == "application/problem+json"
    assert ready.json()["checks"]["index"]["ok"] is False
    assert app.post("/v1/drafts", json=MUG).json()["type"] == "starting"


def test_metrics_count_requests_drafts_and_guard_failures(parts: Parts) -> None:
    app = client(parts)
    app.post("/v1/drafts", json=MUG, headers=AUTH)
    app.post("/v1/check", json={"text": "Mail me: bob@example.com"}, headers=AUTH)
    app.post("/v1/drafts", json={"text": "hi"})  # 401
    text = app.get("/metrics").text
    assert 'reply_assistant_http_requests_total{method="POST",route="/v1/drafts",status="200"} 1.0' in text
    assert 'reply_assistant_http_requests_total{method="POST",route="/v1/drafts",status="401"} 1.0' in text
    assert 'reply_assistant_guard_failures_total{endpoint="check"} 1.0' in text
    assert 'reply_assistant_guard_violations_total{rule="email"} 1.0' in text
    assert 'reply_assistant_stage_duration_seconds_count{stage="classify"} 1.0' in text
    assert "reply_assistant_http_request_duration_seconds_bucket" in text
    assert "reply_assistant_fallbacks_total" in text


def test_openapi_documents_the_configured_limits_and_bearer_auth(parts: Parts) -> None:
    app = client(parts, max_text_chars=5000, max_batch_items=7)
    schema = app.get("/openapi.json").json()
    models = schema["components"]["schemas"]
    assert models["ApiDraftRequest"]["properties"]["text"]["maxLength"] == 5000
    assert models["CheckRequest"]["properties"]["buyer_text"]["maxLength"] == 5000
    assert models["BatchRequest"]["properties"]["items"]["maxItems"] == 7
    assert schema["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    responses = schema["paths"]["/v1/drafts"]["post"]["responses"]
    assert {"200", "401", "413", "422", "429", "503"} <= set(responses)
    assert "application/problem+json" in responses["401"]["content"]
    assert "text/event-stream" in responses["200"]["content"]
    assert app.get("/docs").status_code == 200


def test_policies_of_another_store_show_its_overrides(parts: Parts) -> None:
    home = client(parts).get("/v1/policies", headers=AUTH).json()
    rhein = client(parts).get("/v1/policies", params={"store": "rhein-kueche"}, headers=ADMIN_AUTH)
    assert rhein.status_code == 200, rhein.text
    body = rhein.json()
    assert body != home
    assert max(r.get("max_partial_refund_pct") or 0 for r in body["rules"]) <= 20
    assert not any("resend" in r["remedies"] for r in body["rules"])
    assert any("resend" in r["remedies"] for r in home["rules"])
    forbidden = client(parts).get("/v1/policies", params={"store": "rhein-kueche"}, headers=AUTH)
    assert forbidden.status_code == 403 and forbidden.json()["type"] == "store_forbidden"
    unknown = client(parts).get("/v1/policies", params={"store": "nowhere"}, headers=ADMIN_AUTH)
    assert unknown.status_code == 422 and unknown.json()["type"] == "unknown_store"


def test_batch_naming_an_unknown_store_is_refused_whole(parts: Parts) -> None:
    items = [{"text": "Where is my parcel?"}, {"text": "Where is my parcel?", "store": "nowhere"}]
    response = client(parts).post("/v1/drafts/batch", json={"items": items}, headers=ADMIN_AUTH)
    assert response.status_code == 422 and response.json()["type"] == "unknown_store", response.text


def test_openapi_lists_the_deployments_stores(parts: Parts) -> None:
    schema = client(parts).get("/openapi.json").json()
    store = schema["components"]["schemas"]["ApiDraftRequest"]["properties"]["store"]
    assert [b["enum"] for b in store["anyOf"] if b.get("type") == "string"] == [["default", "rhein-kueche"]]


def test_check_uses_the_named_stores_blocked_names(parts: Parts) -> None:
    body = {"text": "Sie finden das Set auch auf Kleinanzeigen.", "language": "de"}
    home = client(parts).post("/v1/check", json=body, headers=ADMIN_AUTH).json()
    rhein = client(parts).post("/v1/check", json={**body, "store": "rhein-kueche"}, headers=ADMIN_AUTH).json()
    assert home["passed"] is True, "the default store does not block that name"
    assert rhein["passed"] is False and [v["rule"] for v in rhein["violations"]] == ["competitor_or_off_platform"]
    forbidden = client(parts).post("/v1/check", json={**body, "store": "rhein-kueche"}, headers=AUTH)
    assert forbidden.status_code == 403 and forbidden.json()["type"] == "store_forbidden"
