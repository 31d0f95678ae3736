"""POST /v1/drafts?stream=true: server-sent events for the offline drafter and a streaming (LLM-like) one."""

from __future__ import annotations

import json

import pytest
from api_fakes import AUTH, MUG, BrokenDrafter, SlowDrafter, StreamingDrafter, client, sse_events, with_drafter

from api.streaming import draft_pieces
from assistant.pipeline import Parts


@pytest.fixture(scope="module")
def parts(offline_parts: Parts) -> Parts:
    return offline_parts


def _stream(parts: Parts, body: dict[str, object] | None = None, **api: object) -> list[tuple[str, str]]:
    response = client(parts, **api).post("/v1/drafts?stream=true", json=body or MUG, headers=AUTH)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/event-stream")
    assert response.headers["x-request-id"]
    return sse_events(response.text)


def test_offline_stream_announces_stages_then_draft_pieces_then_result(parts: Parts) -> None:
    events = _stream(parts)
    names = [name for name, _ in events]
    assert names[:3] == ["classification", "decision", "citations"]
    assert names[-1] == "result"
    assert set(names[3:-1]) == {"draft"} and len(names[3:-1]) > 1
    result = json.loads(events[-1][1])
    deltas = "".join(json.loads(data)["delta"] for name, data in events if name == "draft")
    assert deltas == result["draft"]  # the pieces are the guarded draft, exactly
    assert json.loads(events[1][1]) == result["decision"]
    assert json.loads(events[0][1])["intent"] == result["intent"]


def test_streaming_drafter_deltas_go_out_as_written(parts: Parts) -> None:
    pieces = ["Thank you ", "for your message ", "about order 112-4471093-5520187."]
    events = _stream(with_drafter(parts, StreamingDrafter(pieces)))
    deltas = [json.loads(data)["delta"] for name, data in events if name == "draft"]
    assert deltas == pieces  # not re-sent in sentence pieces afterwards
    assert json.loads(events[-1][1])["draft"] == "".join(pieces)


def test_stream_of_a_bad_request_is_a_problem_not_a_stream(parts: Parts) -> None:
    response = client(parts).post("/v1/drafts?stream=true", json={"text": "x" * 10_001}, headers=AUTH)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


def test_failure_after_the_stream_began_is_an_error_event(parts: Parts) -> None:
    events = _stream(with_drafter(parts, BrokenDrafter()), {"text": "parcel for 12 Elm Street"})
    name, data = events[-1]
    assert name == "error"
    problem = json.loads(data)
    assert (problem["type"], problem["status"]) == ("internal_error", 500)
    assert "Elm Street" not in data


def test_stream_timeout_is_an_error_event(parts: Parts) -> None:
    events = _stream(with_drafter(parts, SlowDrafter(1.0)), request_timeout_s=0.2)
    assert [name for name, _ in events][-1] == "error"
    assert json.loads(events[-1][1])["type"] == "request_timeout"


@pytest.mark.parametrize(
    "draft",
    [
        "Hello,\n\nThank you. We are sorry! Is it broken?\n\nKind regards,\nTeam",
        "お問い合わせありがとうございます。ご迷惑をおかけしました。",
        "No ending punctuation",
        "Trailing newline.\n",
    ],
)
def test_draft_pieces_join_back_exactly(draft: str) -> None:
    pieces = draft_pieces(draft)
    assert "".join(pieces) == draft
    assert all(pieces)
