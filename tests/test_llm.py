"""The LLM path on a scripted chat model: JSON, re-ask, fallbacks, retries, format ladder, redrafts, streaming."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import httpx
import openai
import pytest

from assistant.errors import LLMInvalidError, LLMTimeoutError, LLMUnavailableError, LLMUnreachableError
from assistant.language import detect_language
from assistant.llm import Budget, LLMClassifier, OpenAIDrafter, ScriptedChatModel
from assistant.llm.structured import ReplyStreamReader, extract_json
from assistant.models import (
    Category,
    Classification,
    Decision,
    DraftContext,
    DraftRequest,
    Intent,
    OrderFacts,
    Remedy,
    Severity,
    Signals,
)
from assistant.pipeline import Parts, draft_guarded, draft_reply, load_parts
from assistant.settings import Settings

PartsWith = Callable[[Settings, OpenAIDrafter], Parts]
REQ = httpx.Request("POST", "http://127.0.0.1:9/v1/chat/completions")
PARTIAL_ONLY = Decision(remedies=[Remedy.PARTIAL_REFUND], max_partial_refund_pct=35)
GOOD_EN = ("Hello,\n\nThank you for your message about order 112-1. We are sorry the mug arrived with a scratch. "
           "We can offer a partial refund of 20% of the item price while you keep the mug.\n\n"
           "Kind regards,\nS team")
GOOD_DE = ("Hallo,\n\nvielen Dank für Ihre Nachricht zu Ihrer Bestellung. Es tut uns leid, dass die Tasse einen "
           "Kratzer hat. Wir können Ihnen eine Teilerstattung von 20 % des Preises anbieten, und Sie behalten die "
           "Tasse.\n\nMit freundlichen Grüßen\nS team")
NEUTRAL_EN = ("Hello,\n\nThank you for your message. We are looking into this and will get back to you within "
              "24 hours.\n\nKind regards,\nS team")
FULL_REFUND_EN = "Hello,\n\nWe are sorry. We will give you a full refund right away.\n\nKind regards,\nS team"


def answer(reply: str, citations: list[str] | None = None) -> str:
    return json.dumps({"reply": reply, "citations": citations or []}, ensure_ascii=False)


def status_error(cls: type[openai.APIStatusError], code: int, headers: dict[str, str] | None = None) -> Exception:
    return cls(f"HTTP {code}", response=httpx.Response(code, request=REQ, headers=headers or {}), body=None)


def ctx(language: str = "en", text: str = "small scratch on the mug") -> DraftContext:
    classification = Classification(intent=Intent.DAMAGED_IN_TRANSIT, category=Category.DAMAGE, confidence=0.9,
                                    language=language, signals=Signals(severity=Severity.MINOR))  # type: ignore[arg-type]
    return DraftContext(text=text, order=OrderFacts(item_price=40, order_id="112-1"), classification=classification,
                        decision=PARTIAL_ONLY, citations=[], store_name="S", signature="S team", partial_refund_pct=20)


@pytest.fixture(scope="module")
def llm_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(index_dir=tmp_path_factory.mktemp("index"), embedder="hash", retriever="memory", llm="offline",
                    llm_backoff_s=0.0, llm_budget_s=5.0, llm_timeout_s=2.0)


@pytest.fixture(scope="module")
def shared_parts(llm_settings: Settings) -> Parts:
    """Loaded once for the module (the classifier takes seconds to load); each test swaps in its drafter."""
    return load_parts(llm_settings)


def drafter_for(settings: Settings, *script: str | BaseException) -> tuple[OpenAIDrafter, ScriptedChatModel]:
    model = ScriptedChatModel(script=list(script))
    drafter = OpenAIDrafter.from_settings(settings, model=model)
    drafter.chat.policy = replace(drafter.chat.policy, sleep=lambda _s: None)
    return drafter, model


@pytest.fixture()
def parts_with(shared_parts: Parts) -> Callable[[Settings, OpenAIDrafter], Parts]:
    return lambda _settings, drafter: replace(shared_parts, drafter=drafter, intent_refiner=None)


def last_text(model: ScriptedChatModel, call: int = -1) -> str:
    return str(model.calls[call][0][-1].content)


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
    drafter, model = drafter_for(llm_settings, status_error(openai.RateLimitError, 429, {"retry-after": "0.25"}),
                                 answer(GOOD_EN))
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
    drafter, model = drafter_for(llm_settings, status_error(openai.BadRequestError, 400), answer(GOOD_EN),
                                 answer(GOOD_EN))
    drafter.write(ctx())
    drafter.write(ctx())
    formats = [c[1].get("extra_body", {}).get("response_format", {}).get("type") for c in model.calls]
    assert formats == ["json_schema", "json_object", "json_object"]


def test_rejected_json_object_degrades_to_the_prompt_alone(llm_settings: Settings) -> None:
    bad = status_error(openai.BadRequestError, 400)
    drafter, model = drafter_for(llm_settings.model_copy(update={"llm_structured": "json_object"}), bad,
                                 answer(GOOD_EN))
    assert drafter.write(ctx()) == GOOD_EN
    assert "extra_body" not in model.calls[1][1]


# --- redrafts in the pipeline -----------------------------------------------------------------------------------

def test_guard_violation_then_clean_redraft(llm_settings: Settings, parts_with: PartsWith) -> None:
    drafter, model = drafter_for(llm_settings, answer(FULL_REFUND_EN), answer(GOOD_EN))
    drafted = draft_guarded(ctx(), parts_with(llm_settings, drafter))
    assert drafted.report.passed, drafted.report.violations
    assert (drafted.text, drafted.drafter, drafted.fallback) == (GOOD_EN, "openai", None)
    assert "# Your previous draft was rejected" in last_text(model)
    assert "- unsupported_promise:" in last_text(model)


def test_guard_violation_twice_is_returned_failed_not_faked(llm_settings: Settings, parts_with: PartsWith) -> None:
    drafter, _ = drafter_for(llm_settings, answer(FULL_REFUND_EN), answer(FULL_REFUND_EN))
    drafted = draft_guarded(ctx(), parts_with(llm_settings, drafter))
    assert not drafted.report.passed
    assert {v.rule for v in drafted.report.violations} == {"unsupported_promise"}


def test_wrong_language_is_redrafted_once(llm_settings: Settings, parts_with: PartsWith) -> None:
    drafter, model = drafter_for(llm_settings, answer(GOOD_EN), answer(GOOD_DE))
    drafted = draft_guarded(ctx(language="de", text="Die Tasse hat einen kleinen Kratzer."),
                            parts_with(llm_settings, drafter))
    assert (drafted.text, drafted.fallback) == (GOOD_DE, None)
    assert "- language: the reply is in 'en'; write all of it in 'de'" in last_text(model)


def test_wrong_language_twice_falls_back_offline(llm_settings: Settings, parts_with: PartsWith) -> None:
    drafter, _ = drafter_for(llm_settings, answer(GOOD_EN), answer(GOOD_EN))
    drafted = draft_guarded(ctx(language="de", text="Die Tasse hat einen kleinen Kratzer."),
                            parts_with(llm_settings, drafter))
    assert (drafted.drafter, drafted.fallback) == ("offline", "llm_wrong_language")
    assert detect_language(drafted.text) == "de"


def test_redraft_timeout_falls_back(llm_settings: Settings, parts_with: PartsWith) -> None:
    drafter, _ = drafter_for(llm_settings, answer(FULL_REFUND_EN), openai.APITimeoutError(request=REQ))
    drafted = draft_guarded(ctx(), parts_with(llm_settings, drafter))
    assert (drafted.drafter, drafted.fallback) == ("offline", "llm_timeout")
    assert drafted.report.passed


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
    text = "".join(reader.feed(raw[i:i + size]) for i in range(0, len(raw), size))
    assert text == reply and reader.raw == raw


def test_extract_json_strips_fences_and_chatter() -> None:
    assert extract_json('ok ```json\n{"a": {"b": 1}}\n``` bye') == '{"a": {"b": 1}}'
    with pytest.raises(ValueError, match="no JSON object"):
        extract_json("nothing here")


# --- classification ---------------------------------------------------------------------------------------------

BASE = Classification(intent=Intent.SHIPPING_STATUS, category=Category.SHIPPING, confidence=0.41, language="en",
                      signals=Signals(severity=Severity.MINOR))


def classifier_for(settings: Settings, *script: str | BaseException) -> tuple[LLMClassifier, ScriptedChatModel]:
    model = ScriptedChatModel(script=list(script))
    return LLMClassifier.from_settings(settings, model=model), model


def test_llm_classifier_sets_intent_and_keeps_rule_signals(llm_settings: Settings) -> None:
    clf, model = classifier_for(llm_settings,
                                '{"intent": "damaged_in_transit", "confidence": 0.9, "severity": "severe"}')
    refined, fallback = clf.refine("the mug is cracked", BASE)
    assert (refined.intent, refined.category, refined.confidence, fallback) == (
        Intent.DAMAGED_IN_TRANSIT, Category.DAMAGE, 0.9, None)
    assert refined.signals == BASE.signals, "severity comes from the rules, never from the model"
    assert "<buyer_message>\nthe mug is cracked\n</buyer_message>" in last_text(model)


def test_llm_classifier_reasks_on_an_unknown_intent_then_keeps_the_base(llm_settings: Settings) -> None:
    clf, model = classifier_for(llm_settings, '{"intent": "refund_now", "confidence": 1}', '{"intent": "x"}')
    assert clf.refine("x", BASE) == (BASE, "llm_invalid")
    assert "intent: Input should be 'shipping_status'" in last_text(model)


def test_pipeline_uses_the_llm_intent_and_decides_by_rules(llm_settings: Settings, parts_with: PartsWith) -> None:
    drafter, _ = drafter_for(llm_settings, answer(NEUTRAL_EN))
    parts = parts_with(llm_settings, drafter)
    parts.intent_refiner, _ = classifier_for(llm_settings, '{"intent": "order_cancellation", "confidence": 0.8}')
    result = draft_reply(DraftRequest(text="hmm", order=OrderFacts(status="unshipped")), parts)
    assert result.intent == Intent.ORDER_CANCELLATION and result.confidence == 0.8
    assert result.decision.remedies == [Remedy.CANCEL_ORDER], "decide() ran on the LLM's intent with our rules"


def test_classifier_timeout_sends_the_draft_offline_at_once(llm_settings: Settings, parts_with: PartsWith) -> None:
    drafter, draft_model = drafter_for(llm_settings)
    parts = parts_with(llm_settings, drafter)
    parts.intent_refiner, _ = classifier_for(llm_settings, openai.APITimeoutError(request=REQ))
    result = draft_reply(DraftRequest(text="where is my parcel"), parts)
    assert (result.drafter, result.fallback) == ("offline", "llm_timeout")
    assert draft_model.calls == [], "a server that just timed out is not asked again for the draft"


def test_classifier_invalid_is_flagged_but_the_llm_still_drafts(llm_settings: Settings, parts_with: PartsWith) -> None:
    drafter, _ = drafter_for(llm_settings, answer(NEUTRAL_EN))
    parts = parts_with(llm_settings, drafter)
    parts.intent_refiner, _ = classifier_for(llm_settings, "?", "?")
    result = draft_reply(DraftRequest(text="where is my parcel"), parts)
    assert (result.drafter, result.fallback, result.draft) == ("openai", "classify_llm_invalid", NEUTRAL_EN)


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
