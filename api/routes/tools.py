"""The pipeline's stages on their own: POST /v1/classify, POST /v1/check (guard only), GET /v1/policies."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import ChargedCallerDep, StateDep, strict_json
from api.limits import run_blocking
from api.problems import problem_responses
from api.schemas import CheckRequest, ClassifyRequest, PoliciesResponse
from api.security import require_store
from assistant import guard
from assistant.errors import InputError
from assistant.models import Classification, Decision, DraftRequest, GuardReport
from assistant.pipeline import validate_request
from assistant.signals import for_intent

__all__ = ["router"]

router = APIRouter(prefix="/v1", tags=["tools"], responses=problem_responses(400, 401, 403, 413, 422, 429, 503))


@router.post("/classify", response_model=Classification, summary="Classify a buyer message",
             dependencies=[strict_json(ClassifyRequest)])
async def classify(body: ClassifyRequest, state: StateDep, _caller: ChargedCallerDep) -> Classification:
    """Intent, category, confidence, language and signals (flags, severity, fault, praise, a parcel left carelessly,
    harm, an exchange, customs, an extra item, a resolved problem, the buyer's own accident, an item bought
    elsewhere, a price drop, months of use, a change to a placed order, an overcharge, a request to deal outside the
    marketplace), without drafting. The signals are those the drafting pipeline would act on for this intent."""
    parts = state.require_parts()
    validate_request(DraftRequest.model_construct(text=body.text), parts.settings)

    def run() -> Classification:
        query = parts.embedder.query([body.text])
        result: Classification = parts.classifier.classify(body.text, query, body.order)
        return result.model_copy(update={"signals": for_intent(result.signals, result.intent)})

    return await run_blocking(run, state.settings.request_timeout_s)


@router.post("/check", response_model=GuardReport, summary="Check a draft with the guard",
             dependencies=[strict_json(CheckRequest)])
async def check(body: CheckRequest, state: StateDep, caller: ChargedCallerDep) -> GuardReport:
    """Run only the guard. Without a decision the draft may promise no remedy at all."""
    require_store(caller, body.store, state.settings)
    parts = state.require_parts().for_store(body.store)
    limit = parts.settings.max_text_chars
    if len(body.text) > limit or len(body.buyer_text) > limit:
        raise InputError(f"the text has more than {limit:,} characters. Check one draft at a time.")
    decision = body.decision or Decision(remedies=[])

    def run() -> GuardReport:
        return guard.check(body.text, decision, parts.policy.guard, buyer_text=body.buyer_text,
                           language=body.language)

    report = await run_blocking(run, state.settings.request_timeout_s)
    state.metrics.observe_guard(report, "check")
    return report


@router.get("/policies", response_model=PoliciesResponse, summary="The active rules",
            responses=problem_responses(403, 422))
async def policies(state: StateDep, caller: ChargedCallerDep,
                   store: Annotated[str | None, Query(max_length=64, description="a store's rules, its overrides "
                                                      "applied (default: the default store)")] = None,
                   ) -> PoliciesResponse:
    """What the seller may offer, route or promise: the rules file's version, every rule and its source."""
    require_store(caller, store, state.settings)
    policy = state.require_parts().for_store(store).policy
    cited = {r.source.document for r in policy.rules} | {m.source.document for m in policy.modifiers}
    if policy.guard.source is not None:
        cited.add(policy.guard.source.document)
    shown = {name: getattr(policy, name) for name in PoliciesResponse.model_fields if name != "sources"}
    return PoliciesResponse(**shown, sources=sorted(cited))
