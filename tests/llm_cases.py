"""Shared cases for the LLM unit tests (tests/test_llm*.py): scripted answers, a draft context, fakes.

Their fixtures (llm_settings, parts_with) are in conftest.py.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace

import openai

from assistant.llm import OpenAIDrafter, ScriptedChatModel
from assistant.models import (
    Category,
    Classification,
    Decision,
    DraftContext,
    Intent,
    OrderFacts,
    Remedy,
    Severity,
    Signals,
)
from assistant.pipeline import Parts
from assistant.settings import Settings

try:  # openai 3.x is built on httpx2, earlier versions on httpx: build its errors from the one it uses
    import httpx2 as http
except ImportError:  # pragma: no cover
    import httpx as http  # type: ignore[no-redef]

PartsWith = Callable[[Settings, OpenAIDrafter], Parts]
REQ = http.Request("POST", "http://127.0.0.1:9/v1/chat/completions")
PARTIAL_ONLY = Decision(remedies=[Remedy.PARTIAL_REFUND], max_partial_refund_pct=35)
GOOD_EN = (
    "Hello,\n\nThank you for your message about order 112-1. We are sorry the mug arrived with a scratch. "
    "We can offer a partial refund of 20% of the item price while you keep the mug.\n\n"
    "Kind regards,\nS team"
)
GOOD_DE = (
    "Hallo,\n\nvielen Dank für Ihre Nachricht zu Ihrer Bestellung. Es tut uns leid, dass die Tasse einen "
    "Kratzer hat. Wir können Ihnen eine Teilerstattung von 20 % des Preises anbieten, und Sie behalten die "
    "Tasse.\n\nMit freundlichen Grüßen\nS team"
)
NEUTRAL_EN = (
    "Hello,\n\nThank you for your message. We are looking into this and will get back to you within "
    "24 hours.\n\nKind regards,\nS team"
)
FULL_REFUND_EN = "Hello,\n\nWe are sorry. We will give you a full refund right away.\n\nKind regards,\nS team"


def answer(reply: str, citations: list[str] | None = None) -> str:
    return json.dumps({"reply": reply, "citations": citations or []}, ensure_ascii=False)


def status_error(cls: type[openai.APIStatusError], code: int, headers: dict[str, str] | None = None) -> Exception:
    return cls(f"HTTP {code}", response=http.Response(code, request=REQ, headers=headers or {}), body=None)


def ctx(language: str = "en", text: str = "small scratch on the mug") -> DraftContext:
    classification = Classification(
        intent=Intent.DAMAGED_IN_TRANSIT,
        category=Category.DAMAGE,
        confidence=0.9,
        language=language,
        signals=Signals(severity=Severity.MINOR),
    )
    return DraftContext(
        text=text,
        order=OrderFacts(item_price=40, order_id="112-1"),
        classification=classification,
        decision=PARTIAL_ONLY,
        citations=[],
        store_name="S",
        signature="S team",
        partial_refund_pct=20,
    )


def drafter_for(settings: Settings, *script: str | BaseException) -> tuple[OpenAIDrafter, ScriptedChatModel]:
    model = ScriptedChatModel(script=list(script))
    drafter = OpenAIDrafter.from_settings(settings, model=model)
    drafter.chat.policy = replace(drafter.chat.policy, sleep=lambda _s: None)
    return drafter, model


def last_text(model: ScriptedChatModel, call: int = -1) -> str:
    return str(model.calls[call][0][-1].content)
