"""Opt-in eval against a hosted OpenAI-compatible model. Skipped unless REPLY_ASSISTANT_TEST_OPENAI_KEY is set.

REPLY_ASSISTANT_TEST_OPENAI_KEY=sk-... [REPLY_ASSISTANT_TEST_OPENAI_MODEL=gpt-4o-mini]
[REPLY_ASSISTANT_TEST_OPENAI_BASE_URL=...] python -m pytest tests/test_llm_hosted.py
"""

from __future__ import annotations

import os

import pytest
from pydantic import SecretStr

from assistant.language import detect_language
from assistant.models import DraftRequest, OrderFacts, Remedy
from assistant.pipeline import Parts, draft_reply, load_parts
from assistant.settings import Settings

KEY = os.environ.get("REPLY_ASSISTANT_TEST_OPENAI_KEY")
pytestmark = [
    pytest.mark.llm,
    pytest.mark.integration,
    pytest.mark.skipif(not KEY, reason="opt-in: set REPLY_ASSISTANT_TEST_OPENAI_KEY"),
]
MUG = OrderFacts(status="delivered", item_price=14, in_stock=True, order_id="112-4471093-5520187")


@pytest.fixture(scope="module")
def parts(tmp_path_factory: pytest.TempPathFactory) -> Parts:
    settings = Settings(
        index_dir=tmp_path_factory.mktemp("index"),
        embedder="hash",
        retriever="memory",
        llm="openai",
        llm_classify=True,
        openai_api_key=SecretStr(KEY or ""),
        openai_base_url=os.environ.get("REPLY_ASSISTANT_TEST_OPENAI_BASE_URL"),
        openai_model=os.environ.get("REPLY_ASSISTANT_TEST_OPENAI_MODEL", "gpt-4o-mini"),
    )
    return load_parts(settings)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The mug arrived broken, the handle snapped off.", "en"),
        ("Die Tasse kam zerbrochen an.", "de"),
        ("La taza llegó rota.", "es"),
    ],
    ids=["en", "de", "es"],
)
def test_hosted_model_drafts_a_guarded_reply_in_the_buyers_language(parts: Parts, text: str, lang: str) -> None:
    result = draft_reply(DraftRequest(text=text, order=MUG), parts)
    assert (result.drafter, result.fallback) == ("openai", None)
    assert result.intent.value == "damaged_in_transit"
    assert {Remedy.FULL_REFUND, Remedy.RESEND} <= set(result.decision.remedies)
    assert result.guard.passed, result.guard.violations
    assert detect_language(result.draft) == lang
    assert MUG.order_id is not None and MUG.order_id in result.draft
