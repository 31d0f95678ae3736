"""Per-case checks: each evaluator reads a case and the assistant's result and says passed, failed or not checked.

An evaluator is a plain function registered by name in EVALUATORS (one seam, like pydantic_evals' Evaluator).
Aggregation over many records lives in metrics.py.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from assistant.language import SUPPORTED, detect_language
from assistant.models import CATEGORY_OF, DraftResult, Intent, Language, Route
from evals.dataset import VERDICTS, Case, CaseRecord

__all__ = ["EVALUATORS", "EvalContext", "Evaluator", "record_for", "record_for_error"]


@dataclass(frozen=True)
class EvalContext:
    """What an evaluator sees: the labelled case, the assistant's answer, and the draft's detected language."""

    case: Case
    result: DraftResult
    reply_language: Language
    topics: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # passage id -> intents it answers


Evaluator = Callable[[EvalContext], bool | None]


def intent_strict(ctx: EvalContext) -> bool | None:
    wanted = ctx.case.expect.intent
    return None if wanted is None else ctx.result.intent == wanted


def intent_lenient(ctx: EvalContext) -> bool | None:
    accept = ctx.case.expect.accept
    return None if not accept else ctx.result.intent in accept


def coarse(ctx: EvalContext) -> bool | None:
    """The predicted category is the expected one (or that of any accepted intent)."""
    categories = ctx.case.expect.accepted_categories
    return None if not categories else CATEGORY_OF[ctx.result.intent] in categories


def other_recall(ctx: EvalContext) -> bool | None:
    """On out-of-scope rows: the assistant says `other` or hands the message to a person, not a made-up intent."""
    if not ctx.case.expect.out_of_scope:
        return None
    return ctx.result.intent == Intent.OTHER or ctx.result.decision.route == Route.HUMAN


def remedies(ctx: EvalContext) -> bool | None:
    """must_allow is a subset of the decision's remedies and must_not_allow is disjoint from them."""
    expect = ctx.case.expect
    if not expect.must_allow and not expect.must_not_allow:
        return None
    offered = set(ctx.result.decision.remedies)
    return set(expect.must_allow) <= offered and not (set(expect.must_not_allow) & offered)


def rules(ctx: EvalContext) -> bool | None:
    """Every rule and modifier the case names fired (they appear among the decision's reasons)."""
    wanted = ctx.case.expect.rules
    if not wanted:
        return None
    fired = {reason.rule for reason in ctx.result.decision.reasons}
    return set(wanted) <= fired


def route(ctx: EvalContext) -> bool | None:
    wanted = ctx.case.expect.route
    return None if wanted is None else ctx.result.decision.route == wanted


def flags(ctx: EvalContext) -> bool | None:
    wanted = ctx.case.expect.flags
    return None if wanted is None else set(ctx.result.flags) == set(wanted)


def second_requests(ctx: EvalContext) -> bool | None:
    """Every other request the case lists is named, as the intent or in `also`; a one-request case names nothing
    else."""
    wanted = ctx.case.expect.also
    if wanted is None:
        return None
    if not wanted:
        return not ctx.result.also
    return set(wanted) <= {ctx.result.intent, *ctx.result.also}


def language(ctx: EvalContext) -> bool | None:
    """The buyer's language was detected right."""
    wanted = ctx.case.expect.language
    return None if wanted is None else ctx.result.language == wanted


def reply_language(ctx: EvalContext) -> bool | None:
    """The draft is in the buyer's language (labelled, else as detected), judged by the language detector."""
    buyer = ctx.case.expect.language or ctx.result.language
    return None if buyer not in SUPPORTED else ctx.reply_language == buyer


def guard(ctx: EvalContext) -> bool | None:
    return ctx.result.guard.passed


def citation(ctx: EvalContext) -> bool | None:
    return bool(ctx.result.citations)


def citation_on_topic(ctx: EvalContext) -> bool | None:
    """The first policy passage cited answers one of the intents the case accepts, or is written for where the
    case must go (`route:csba`), as its section declares; not checked for out-of-scope cases or when the knowledge
    declares nothing."""
    accept = ctx.case.expect.accept
    if not accept or ctx.case.expect.out_of_scope or not ctx.topics:
        return None
    first = next((c for c in ctx.result.citations if c.document != "listings"), None)
    if first is None:
        return False
    declared = ctx.topics.get(first.id, ())
    route = ctx.case.expect.route
    return any(i.value in declared for i in accept) or (route is not None and f"route:{route.value}" in declared)


def no_fallback(ctx: EvalContext) -> bool | None:
    """LLM drafts only: the LLM's own draft was used, not the offline fallback."""
    return None if ctx.result.drafter == "offline" else ctx.result.fallback is None


EVALUATORS: dict[str, Evaluator] = {
    "intent_strict": intent_strict,
    "intent_lenient": intent_lenient,
    "coarse": coarse,
    "other_recall": other_recall,
    "remedies": remedies,
    "rules": rules,
    "route": route,
    "flags": flags,
    "second_requests": second_requests,
    "language": language,
    "reply_language": reply_language,
    "guard": guard,
    "citation": citation,
    "citation_on_topic": citation_on_topic,
    "no_fallback": no_fallback,
}
assert tuple(EVALUATORS) == VERDICTS, "every verdict needs its evaluator, in report order"


def record_for(case: Case, result: DraftResult, topics: Mapping[str, tuple[str, ...]] | None = None) -> CaseRecord:
    """Run every evaluator on one answer; `topics` (passage id -> what its section declares: intents, and
    `route:<name>` for a section written for one route) enables citation_on_topic."""
    ctx = EvalContext(case, result, detect_language(result.draft), topics or {})
    return CaseRecord(
        case=case, result=result, reply_language=ctx.reply_language,
        verdicts={name: check(ctx) for name, check in EVALUATORS.items()},
    )


def record_for_error(case: Case, error: str) -> CaseRecord:
    """The assistant raised instead of answering: every check that would have applied fails."""
    expect = case.expect
    applies = {
        "intent_strict": expect.intent is not None, "intent_lenient": bool(expect.accept),
        "coarse": bool(expect.accepted_categories), "other_recall": expect.out_of_scope,
        "remedies": bool(expect.must_allow or expect.must_not_allow), "rules": bool(expect.rules),
        "route": expect.route is not None, "flags": expect.flags is not None,
        "second_requests": expect.also is not None, "language": expect.language is not None,
        "reply_language": True, "guard": True, "citation": True, "citation_on_topic": False, "no_fallback": False,
    }
    return CaseRecord(case=case, error=error, verdicts={k: (False if v else None) for k, v in applies.items()})
