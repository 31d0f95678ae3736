"""The LLM path over real HTTP: langchain-openai and the openai client against a local OpenAI-compatible server.

The server (tests/llm_server.py) runs in a subprocess on loopback; each test scripts its answers and faults.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest
from llm_server import client_settings, free_port, running

from assistant.llm import LLMClassifier, OpenAIDrafter
from assistant.models import DraftRequest, DraftResult, OrderFacts
from assistant.pipeline import Parts, load_parts
from assistant.pipeline import draft_reply as run_pipeline
from assistant.settings import PROJECT_ROOT, Settings

pytestmark = [pytest.mark.llm, pytest.mark.integration]

MUG = OrderFacts(status="delivered", item_price=14, in_stock=True, order_id="112-4471093-5520187")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with running() as base:
        yield base


def script(server: str, *items: dict[str, Any], reject_json_schema: bool = False) -> None:
    body = {"items": list(items), "reject_json_schema": reject_json_schema}
    httpx.post(f"{server}/control", json=body).raise_for_status()


def received(server: str) -> list[dict[str, Any]]:
    requests: list[dict[str, Any]] = httpx.get(f"{server}/control").json()
    return requests


@pytest.fixture(scope="module")
def settings(server: str, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return client_settings(server, tmp_path_factory.mktemp("index"))


@pytest.fixture(scope="module")
def base_parts(settings: Settings) -> Parts:
    return load_parts(settings)


def draft(parts: Parts, text: str = "The mug arrived broken", **overrides: Any) -> DraftResult:
    """Draft with a fresh drafter (so the format ladder starts at json_schema) and optional setting overrides."""
    settings = parts.settings.model_copy(update=overrides)
    fresh = replace(parts, settings=settings, drafter=OpenAIDrafter.from_settings(settings))
    return run_pipeline(DraftRequest(text=text, order=MUG), fresh)


def test_valid_json_answer_over_http(server: str, base_parts: Parts) -> None:
    script(server)
    result = draft(base_parts)
    assert (result.drafter, result.fallback) == ("openai", None)
    assert result.guard.passed and result.draft.endswith(base_parts.settings.signature)
    [request] = received(server)
    assert request["model"] == "test-model" and request["response_format"]["type"] == "json_schema"
    assert request["max_completion_tokens"] == base_parts.settings.llm_max_tokens
    assert "<buyer_message>\nThe mug arrived broken\n</buyer_message>" in request["messages"][0]["content"]


def test_429_then_success_is_retried(server: str, base_parts: Parts) -> None:
    script(server, {"status": 429, "headers": {"retry-after": "0.1"}})
    result = draft(base_parts)
    assert (result.drafter, result.fallback) == ("openai", None)
    assert len(received(server)) == 2


def test_500_until_retries_run_out_falls_back(server: str, base_parts: Parts) -> None:
    script(server, *[{"status": 500}] * 3)
    result = draft(base_parts)
    assert (result.drafter, result.fallback) == ("offline", "llm_unavailable")
    assert len(received(server)) == 3
    assert result.draft.startswith("Hello,")


def test_slow_server_times_out_within_the_budget(server: str, base_parts: Parts) -> None:
    script(server, {"delay": 3.0})
    started = time.perf_counter()
    result = draft(base_parts, llm_timeout_s=0.5)
    assert (result.drafter, result.fallback) == ("offline", "llm_timeout")
    assert time.perf_counter() - started < 2.5, "one timeout, no retry of it"


def test_junk_json_is_reasked_then_falls_back(server: str, base_parts: Parts) -> None:
    script(server, {"content": "Sure! {reply: oops}"}, {"content": '{"reply": ""}'})
    result = draft(base_parts)
    assert (result.drafter, result.fallback) == ("offline", "llm_invalid")
    reask = received(server)[1]["messages"]
    assert [m["role"] for m in reask] == ["user", "assistant", "user"]
    assert "the answer is not valid JSON" in reask[2]["content"]


def test_empty_content_twice_falls_back(server: str, base_parts: Parts) -> None:
    script(server, {"content": ""}, {"content": ""})
    assert draft(base_parts).fallback == "llm_invalid"


def test_junk_then_valid_is_used(server: str, base_parts: Parts) -> None:
    script(server, {"content": "no json here"})
    result = draft(base_parts)
    assert (result.drafter, result.fallback) == ("openai", None)


def test_a_draft_with_a_link_never_leaves_unguarded(server: str, base_parts: Parts) -> None:
    linked = (
        "Hello,\n\nThank you for your message. We are looking into it and will get back to you within 24 "
        "hours. More at www.example-shop.com today.\n\nKind regards,\nCustomer Service, Harbor & Pine Home"
    )
    script(server, {"content": json.dumps({"reply": linked})})
    result = draft(base_parts)
    assert "example-shop" not in result.draft
    assert result.guard.passed and result.guard.repaired


def test_server_without_json_schema_degrades_to_json_object(server: str, base_parts: Parts) -> None:
    script(server, reject_json_schema=True)
    result = draft(base_parts)
    assert (result.drafter, result.fallback) == ("openai", None)
    assert [r["response_format"]["type"] for r in received(server)] == ["json_schema", "json_object"]


def test_unreachable_server_falls_back(base_parts: Parts) -> None:
    result = draft(base_parts, openai_base_url=f"http://127.0.0.1:{free_port()}/v1", llm_max_retries=1)
    assert (result.drafter, result.fallback) == ("offline", "llm_unreachable")


def test_streaming_over_sse(server: str, base_parts: Parts) -> None:
    script(server, {"chunk_delay": 0.01})
    chunks: list[str] = []
    parts = replace(base_parts, drafter=OpenAIDrafter.from_settings(base_parts.settings))
    result = run_pipeline(DraftRequest(text="The mug arrived broken", order=MUG), parts, on_chunk=chunks.append)
    assert len(chunks) > 10
    assert "".join(chunks) == result.draft and result.fallback is None
    assert received(server)[0]["stream"] is True


def test_llm_classifier_over_http_only_classifies(server: str, base_parts: Parts) -> None:
    script(server)
    parts = replace(
        base_parts,
        drafter=OpenAIDrafter.from_settings(base_parts.settings),
        intent_refiner=LLMClassifier.from_settings(base_parts.settings),
    )
    result = run_pipeline(DraftRequest(text="The mug arrived cracked.", order=MUG), parts)
    assert result.intent.value == "damaged_in_transit" and result.confidence == 0.8
    assert result.fallback is None and len(received(server)) == 2


def test_cli_streams_the_draft(server: str, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "REPLY_ASSISTANT_OPENAI_BASE_URL": f"{server}/v1",
        "REPLY_ASSISTANT_EMBEDDER": "hash",
        "REPLY_ASSISTANT_RETRIEVER": "memory",
        "REPLY_ASSISTANT_INDEX_DIR": str(tmp_path),
    }
    script(server)
    done = subprocess.run(
        [sys.executable, "-m", "assistant", "draft", "The mug arrived broken", "--llm", "openai", "--stream"],
        capture_output=True,
        text=True,
        env=env,
        cwd=PROJECT_ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Hello,\n\nThank you for your message.")
    assert "draft (openai)" in done.stdout


def test_no_token_counting_or_encoding_download(
    server: str, base_parts: Parts, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tiktoken

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("tiktoken was asked for an encoding (a download at run time)")

    monkeypatch.setattr(tiktoken, "get_encoding", refuse)
    monkeypatch.setattr(tiktoken, "encoding_for_model", refuse)
    script(server)
    assert draft(base_parts).fallback is None
