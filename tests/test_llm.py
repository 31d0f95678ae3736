"""The LLM drafter on a scripted chat model: JSON, re-ask, transport faults, format ladder, streaming, registry."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import openai
import pytest
from llm_cases import (
    GOOD_DE,
    GOOD_EN,
    REQ,
    PartsWith,
    answer,
    ctx,
    drafter_for,
    last_text,
    status_error,
)

from assistant.errors import LLMInvalidError, LLMTimeoutError, LLMUnavailableError, LLMUnreachableError
from assistant.llm import Budget
from assistant.llm.structured import ReplyStreamReader, extract_json
from assistant.models import (
    DraftRequest,
)
from assistant.pipeline import draft_guarded, draft_reply
from assistant.settings import Settings

# --- structured output ------------------------------------------------------------------------------------------


def test_valid_json_is_the_reply_and_asks_for_a_json_schema(llm_settings: Settings) -> None:
    drafter, model = drafter_for(llm_settings, answer(GOOD_EN))
    assert drafter.write(ctx()) == GOOD_EN
    kwargs = model.calls[0][1]
    assert kwargs["extra_body"]["response_format"]["type"] == "json_schema"
    assert kwargs["extra_body"]["response_format"]["json_schema"]["schema"]["required"] == ["reply"]
    assert 0 < kwargs["timeout"] <= llm_settings.llm_timeout_s


def test_fenced_json_with_chatter_is_accepted(llm_settings: Settings) -> None:
    drafter, _ = drafter_for(llm_settings, "Sure! Here it is:\n```json\n" + answer(GOOD_EN) + "\n```")
    assert drafter.write(ctx()) == GOOD_EN


def test_invalid_then_valid_reasks_once_with_the_error(llm_settings: Settings) -> None:
    drafter, model = drafter_for(llm_settings, '{"answer": "hi"}', answer(GOOD_EN))
    assert drafter.write(ctx()) == GOOD_EN
    assert len(model.calls) == 2
    retry = model.calls[1][0]
    assert retry[-2].content == '{"answer": "hi"}', "the model sees its own invalid answer"
    assert "reply: Field required" in str(retry[-1].content)


def test_unknown_citation_id_is_a_validation_error(llm_settings: Settings) -> None:
    drafter, model = drafter_for(llm_settings, answer(GOOD_EN, ["made-up"]), answer(GOOD_EN))
    assert drafter.write(ctx()) == GOOD_EN
    assert "unknown snippet ids ['made-up']" in last_text(model)


def test_invalid_twice_raises_llm_invalid(llm_settings: Settings) -> None:
    drafter, model = drafter_for(llm_settings, "not json at all", "")
    with pytest.raises(LLMInvalidError, match="the answer was empty"):
        drafter.write(ctx())
    assert len(model.calls) == 2


def test_invalid_twice_falls_back_offline_flagged(llm_settings: Settings, parts_with: PartsWith) -> None:
    drafter, _ = drafter_for(llm_settings, "junk", '{"reply": 3}')
    result = draft_reply(DraftRequest(text="The mug arrived broken"), parts_with(llm_settings, drafter))
    assert (result.drafter, result.fallback) == ("offline", "llm_invalid")
    assert result.draft.startswith("Hello,\n\nThank you for your message")


# --- transport faults -------------------------------------------------------------------------------------------


def test_timeout_falls_back_without_retrying(llm_settings: Settings, parts_with: PartsWith) -> None:
    drafter, model = drafter_for(llm_settings, openai.APITimeoutError(request=REQ))
    result = draft_reply(DraftRequest(text="Where is my parcel?"), parts_with(llm_settings, drafter))
    assert (result.drafter, result.fallback) == ("offline", "llm_timeout")
    assert len(model.calls) == 1
    assert result.draft.startswith("Hello,\n\nThank you for your message")


def test_connection_errors_are_retried_then_unreachable(llm_settings: Settings) -> None:
    drafter, model = drafter_for(llm_settings, *[openai.APIConnectionError(request=REQ)] * 3)
    with pytest.raises(LLMUnreachableError, match="REPLY_ASSISTANT_OPENAI_BASE_URL"):
        drafter.write(ctx())
    assert len(model.calls) == 1 + llm_settings.llm_max_retries


def test_429_then_success_waits_retry_after(llm_settings: Settings) -> None:
    drafter, model = drafter_for(
        llm_settings, status_error(openai.RateLimitError, 429, {"retry-after": "0.25"}), answer(GOOD_EN)
    )
    slept: list[float] = []
    drafter.chat.policy = replace(drafter.chat.policy, sleep=slept.append)
    assert drafter.write(ctx()) == GOOD_EN
    assert slept == [0.25] and len(model.calls) == 2


def test_5xx_until_retries_run_out_is_unavailable(llm_settings: Settings) -> None:
    drafter, _ = drafter_for(llm_settings, *[status_error(openai.InternalServerError, 500)] * 3)
    with pytest.raises(LLMUnavailableError, match="HTTP 500"):
        drafter.write(ctx())


def test_spent_budget_is_a_timeout() -> None:
    with pytest.raises(LLMTimeoutError, match="budget"):
        Budget(0.0).timeout(10)
    assert Budget(100).timeout(3) == 3


def test_rejected_json_schema_degrades_to_json_object_and_stays(llm_settings: Settings) -> None:
    drafter, model = drafter_for(
        llm_settings, status_error(openai.BadRequestError, 400), answer(GOOD_EN), answer(GOOD_EN)
    )
    drafter.write(ctx())
    drafter.write(ctx())
    formats = [c[1].get("extra_body", {}).get("response_format", {}).get("type") for c in model.calls]
    assert formats == ["json_schema", "json_object", "json_object"]


def test_rejected_json_object_degrades_to_the_prompt_alone(llm_settings: Settings) -> None:
    bad = status_error(openai.BadRequestError, 400)
    drafter, model = drafter_for(
        llm_settings.model_copy(update={"llm_structured": "json_object"}), bad, answer(GOOD_EN)
    )
    assert drafter.write(ctx()) == GOOD_EN
    assert "extra_body" not in model.calls[1][1]


# --- streaming --------------------------------------------------------------------------------------------------


def test_stream_yields_the_reply_in_chunks_and_returns_it(llm_settings: Settings) -> None:
    drafter, _ = drafter_for(llm_settings, answer(GOOD_DE))
    chunks: list[str] = []
    stream = drafter.stream(ctx(language="de"))
    with pytest.raises(StopIteration) as done:
        while True:
            chunks.append(next(stream))
    assert "".join(chunks) == GOOD_DE == done.value.value
    assert len(chunks) > 10, "the reply arrives in pieces, not at the end"


def test_stream_of_junk_reasks_without_streaming(llm_settings: Settings, parts_with: PartsWith) -> None:
    drafter, _ = drafter_for(llm_settings, "I cannot do JSON", answer(GOOD_EN))
    seen: list[str] = []
    drafted = draft_guarded(ctx(), parts_with(llm_settings, drafter), on_chunk=seen.append)
    assert seen == [], "nothing looked like a reply, so nothing was shown"
    assert (drafted.text, drafted.drafter, drafted.fallback) == (GOOD_EN, "openai", None)


@pytest.mark.parametrize("size", [1, 2, 3, 5, 64])
def test_reply_reader_decodes_escapes_split_across_chunks(size: int) -> None:
    reply = 'Line one\n"quoted" \\ tab\there ü 😀 ok'
    raw = json.dumps({"reply": reply, "citations": ["a"]})  # ascii-escaped: \u00fc and a surrogate pair
    reader = ReplyStreamReader()
    text = "".join(reader.feed(raw[i : i + size]) for i in range(0, len(raw), size))
    assert text == reply and reader.raw == raw


def test_extract_json_strips_fences_and_chatter() -> None:
    assert extract_json('ok ```json\n{"a": {"b": 1}}\n``` bye') == '{"a": {"b": 1}}'
    with pytest.raises(ValueError, match="no JSON object"):
        extract_json("nothing here")


# --- settings and registry --------------------------------------------------------------------------------------


def test_registry_builds_the_openai_drafter_from_settings(llm_settings: Settings) -> None:
    from langchain_openai import ChatOpenAI

    from assistant.draft import DRAFTERS

    settings = llm_settings.model_copy(update={"openai_base_url": "http://127.0.0.1:9/v1", "openai_model": "m"})
    drafter = DRAFTERS["openai"](settings)
    model: Any = drafter.chat.model  # type: ignore[attr-defined]
    assert isinstance(model, ChatOpenAI)
    assert (model.model_name, model.max_retries, model.use_responses_api) == ("m", 0, False)
    assert str(model.openai_api_base) == "http://127.0.0.1:9/v1"


def test_openai_without_key_or_url_says_what_to_set(llm_settings: Settings) -> None:
    from assistant.draft import DRAFTERS
    from assistant.errors import LLMError

    with pytest.raises(LLMError, match="REPLY_ASSISTANT_OPENAI_API_KEY"):
        DRAFTERS["openai"](llm_settings.model_copy(update={"openai_api_key": None, "openai_base_url": None}))
