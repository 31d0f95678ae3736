"""The whole line: message + order facts -> classify -> decide -> retrieve -> draft -> guard -> DraftResult."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from assistant import guard
from assistant.catalogue import Catalogue, fill_order_facts
from assistant.classify import ExemplarClassifier, load_exemplars
from assistant.compensation import currency_of, decide
from assistant.draft import DRAFTERS, Drafter, OfflineDrafter, StreamingDrafter
from assistant.embeddings import Embedder, make_embedder
from assistant.errors import InputError, LLMError
from assistant.indexing import sync_index
from assistant.knowledge import load_listings
from assistant.language import detect_language
from assistant.models import (
    Citation,
    Classification,
    Decision,
    DraftContext,
    DraftRequest,
    DraftResult,
    GuardReport,
    GuardViolation,
    Intent,
    OrderFacts,
    Remedy,
)
from assistant.policy import Policy, load_policy
from assistant.presale import pre_sale_answer
from assistant.retrieve import RETRIEVERS, Retriever
from assistant.settings import Settings
from assistant.signals import for_intent, intent_text
from assistant.stores import Store, discover_stores, resolve_store
from assistant.summary import agent_summary

__all__ = [
    "Drafted", "IntentRefiner", "OnChunk", "Parts", "StoreParts", "draft_and_guard", "draft_guarded", "draft_reply",
    "ensure_index", "load_parts", "validate_request",
]

OnChunk = Callable[[str], None]


class IntentRefiner(Protocol):
    """A second opinion on the intent (the LLM classifier). Returns the base unchanged, with a reason, on failure."""

    def refine(self, text: str, base: Classification) -> tuple[Classification, str | None]: ...


@dataclass(frozen=True)
class StoreParts:
    """What differs between stores: settings (folder, collection, name, signature), rules, index, catalogue."""

    settings: Settings
    policy: Policy
    retriever: Retriever
    listings: Catalogue


@dataclass
class Parts:
    """The heavy objects, loaded once per process and shared by every request.

    `policy`, `retriever`, `listings` and `settings` are those of `store`; `for_store` gives another store's view.
    """

    settings: Settings
    policy: Policy
    embedder: Embedder
    retriever: Retriever
    classifier: ExemplarClassifier
    drafter: Drafter
    listings: Catalogue = field(default_factory=Catalogue)
    intent_refiner: IntentRefiner | None = None  # the LLM classifier, when settings.llm_classify asks for it
    store: str = "default"
    stores: dict[str, StoreParts] = field(default_factory=dict)

    def for_store(self, name: str | None) -> Parts:
        """These parts scoped to the store named (None: the default store); UnknownStoreError if there is none."""
        if name is None or name == self.store:
            return self
        wanted = resolve_store(list(self.stores), name, self.settings.default_store)
        s = self.stores[wanted]
        return dataclasses.replace(self, settings=s.settings, policy=s.policy, retriever=s.retriever,
                                   listings=s.listings, store=wanted)


def ensure_index(settings: Settings, classifier: ExemplarClassifier, retriever: Retriever,
                 rebuild: bool = False) -> int | None:
    """Embed what is new or changed in the store's folder (everything with `rebuild`); the count, or None if current.

    Each passage is tagged with the intents it is about, so a German question finds a Chinese policy section
    on its topic even where the embedding space favours same-language text.
    """
    status = sync_index(settings, classifier, retriever, retriever.embedder_name, rebuild=rebuild)
    return status.embedded if rebuild or not status.current else None


def _load_store(store: Store, settings: Settings, base: Policy, embedder: Embedder,
                classifier: ExemplarClassifier, auto_index: bool) -> StoreParts:
    scoped = store.settings(settings)
    retriever = RETRIEVERS[settings.retriever](
        embedder, settings.index_dir / "chroma", scoped.collection, settings.chroma_host, settings.chroma_port
    )
    if auto_index:
        ensure_index(scoped, classifier, retriever)
    listings = Catalogue((item.sku, item) for item in load_listings(scoped.knowledge_dir))
    return StoreParts(scoped, store.policy(base), retriever, listings)


def load_parts(settings: Settings, drafter: Drafter | None = None, auto_index: bool = True) -> Parts:
    """Load rules, embedder, every store's index (built on first use), classifier and drafter as the settings say."""
    policy = load_policy(settings.rules_path)
    stores = discover_stores(settings, policy)
    embedder = make_embedder(settings.embedder)
    classifier = ExemplarClassifier(
        embedder, load_exemplars(settings.exemplars_dir), settings.index_dir / "cache", settings.other_threshold
    )
    loaded = {name: _load_store(store, settings, policy, embedder, classifier, auto_index)
              for name, store in stores.items()}
    chosen = drafter or DRAFTERS[settings.llm](settings)
    home = loaded[settings.default_store]
    return Parts(home.settings, home.policy, embedder, home.retriever, classifier, chosen, home.listings,
                 _intent_refiner(settings), store=settings.default_store, stores=loaded)


def _intent_refiner(settings: Settings) -> IntentRefiner | None:
    if not settings.llm_classify or settings.llm == "offline":
        return None
    from assistant.llm import LLMClassifier  # the llm extra is only needed when asked for

    return LLMClassifier.from_settings(settings)


def validate_request(request: DraftRequest, settings: Settings) -> None:
    """Reject what no stage can work with, saying what to do instead."""
    if not request.text.strip():
        raise InputError("the message text is empty. Paste the buyer's message.")
    if len(request.text) > settings.max_text_chars:
        raise InputError(
            f"the message has {len(request.text):,} characters; the limit is {settings.max_text_chars:,}. "
            "Send only the buyer's latest message."
        )


def _opening_offer(decision: Decision, policy: Policy) -> int:
    if Remedy.PARTIAL_REFUND not in decision.remedies:
        return 0
    return min(policy.partial_refund_opening_pct, decision.max_partial_refund_pct)


@dataclass(frozen=True)
class Drafted:
    """A guarded draft and who wrote it; `fallback` says why the offline drafter stood in for the LLM."""

    text: str
    report: GuardReport
    drafter: str
    fallback: str | None = None


# Server-side failures: once the LLM classifier met one, the draft goes offline at once instead of waiting again.
_SERVER_DOWN = frozenset({"llm_timeout", "llm_unreachable", "llm_unavailable"})


def _guarded(draft: str, ctx: DraftContext, parts: Parts, buyer_text: str) -> tuple[str, GuardReport]:
    """Check; repair what is mechanical and check again. Never fake a pass."""
    gp, lang = parts.policy.guard, ctx.classification.language
    report = guard.check(draft, ctx.decision, gp, buyer_text=buyer_text, language=lang)
    if report.passed:
        return draft, report
    repaired = guard.repair(draft, report)
    second = guard.check(repaired, ctx.decision, gp, buyer_text=buyer_text, language=lang)
    return repaired, second.model_copy(update={"repaired": True}) if second.passed else second


def _wrong_language(draft: str, ctx: DraftContext) -> list[GuardViolation]:
    want = ctx.classification.language
    want = "en" if want == "other" else want  # a language we do not support is answered in English (guarded)
    got = detect_language(draft)
    if got == want:
        return []
    return [GuardViolation(rule="language", span=(0, len(draft)),
                           message=f"the reply is in '{got}'; write all of it in '{want}', the buyer's language")]


def _write(drafter: Drafter, ctx: DraftContext, on_chunk: OnChunk | None) -> str:
    if on_chunk is None or not isinstance(drafter, StreamingDrafter):
        return drafter.write(ctx)
    chunks = drafter.stream(ctx)
    while True:
        try:
            on_chunk(next(chunks))
        except StopIteration as done:
            return str(done.value)


def _offline(ctx: DraftContext, parts: Parts, buyer_text: str, fallback: str) -> Drafted:
    backup = OfflineDrafter(parts.settings.prompts_dir)
    draft, report = _guarded(backup.write(ctx), ctx, parts, buyer_text)
    return Drafted(draft, report, backup.name, fallback)


def draft_guarded(ctx: DraftContext, parts: Parts, buyer_text: str | None = None,
                  on_chunk: OnChunk | None = None) -> Drafted:
    """Draft, guard, repair; ask a non-offline drafter ONCE more with the violations (and a wrong language).

    An LLMError, or a redraft still in the wrong language, falls back to the offline drafter, flagged.
    `on_chunk` receives the first draft as it streams, if the drafter can stream.
    """
    text = ctx.text if buyer_text is None else buyer_text
    drafter = parts.drafter
    try:
        draft, report = _guarded(_write(drafter, ctx, on_chunk), ctx, parts, text)
    except LLMError as exc:
        return _offline(ctx, parts, text, exc.kind)
    if drafter.name == "offline":
        return Drafted(draft, report, drafter.name)
    problems = (report.violations if not report.passed else []) + _wrong_language(draft, ctx)
    if not problems:
        return Drafted(draft, report, drafter.name)
    try:
        redraft = drafter.write(ctx.model_copy(update={"violations": problems}))
    except LLMError as exc:
        return _offline(ctx, parts, text, exc.kind)
    if _wrong_language(redraft, ctx):
        return _offline(ctx, parts, text, "llm_wrong_language")
    draft, report = _guarded(redraft, ctx, parts, text)
    return Drafted(draft, report, drafter.name)


def draft_and_guard(ctx: DraftContext, parts: Parts, text: str) -> tuple[str, GuardReport]:
    """The guarded draft and its report (see draft_guarded)."""
    drafted = draft_guarded(ctx, parts, buyer_text=text)
    return drafted.text, drafted.report


def draft_reply(request: DraftRequest, parts: Parts, on_chunk: OnChunk | None = None) -> DraftResult:
    """One buyer message in, one classified, decided, cited, drafted and guarded reply out.

    `on_chunk` receives the LLM draft's text as it streams (a preview: the result's `draft` is the guarded one).
    """
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[stage] = round((now - clock) * 1000, 2)
        clock = now

    validate_request(request, parts.settings)
    started = clock
    filled = fill_order_facts(request.order or OrderFacts(), parts.listings)
    order, product_title = filled.order, filled.listing.title if filled.listing else None
    about = intent_text(request.text)  # without threats (flags) and declined requests: what picks the intent
    query = parts.embedder.query([about])
    classification: Classification = parts.classifier.classify(request.text, query, order, about=about)
    classify_fallback = None
    if parts.intent_refiner is not None:
        classification, classify_fallback = parts.intent_refiner.refine(request.text, classification)
    classification = classification.model_copy(update={  # once the intent is final (the LLM may have changed it)
        "signals": for_intent(classification.signals, classification.intent),
        "also": [i for i in classification.also if i is not classification.intent]})
    lap("classify")
    decision = decide(classification.intent, classification.signals, order, parts.policy)
    if filled.reason is not None:
        decision = decision.model_copy(update={"reasons": [*decision.reasons, filled.reason]})
    lap("decide")
    citations: list[Citation] = parts.retriever.search(
        query, parts.settings.top_k_citations, kind="policy", topic=classification.intent.value,
        fulfillment=order.fulfillment, severity=classification.signals.severity.value, route=decision.route.value,
        status=order.status, signals=classification.signals.names(),
    )
    answer = None
    if classification.intent == Intent.PRE_SALE_QUESTION:
        listing, cited, answer = pre_sale_answer(request.text, order, query, parts.listings, parts.retriever)
        citations = [cited, *citations] if cited is not None else citations
        product_title = product_title or (listing.title if listing is not None and cited is not None else None)
    lap("retrieve")
    ctx = DraftContext(
        text=request.text, order=order, classification=classification, decision=decision, citations=citations,
        store_name=parts.settings.store_name, signature=parts.settings.signature, tone=parts.settings.tone,
        partial_refund_pct=_opening_offer(decision, parts.policy), product_title=product_title,
        pre_sale_answer=answer,
    )
    if classify_fallback in _SERVER_DOWN:
        drafted = _offline(ctx, parts, request.text, classify_fallback)
    else:
        drafted = draft_guarded(ctx, parts, on_chunk=on_chunk)
    lap("draft_and_guard")
    result = DraftResult(
        id=request.id, language=classification.language, intent=classification.intent,
        category=classification.category, confidence=classification.confidence, flags=classification.signals.flags,
        decision=decision, draft=drafted.text, citations=citations, guard=drafted.report, timings_ms=timings,
        drafter=drafted.drafter,
        fallback=drafted.fallback or (f"classify_{classify_fallback}" if classify_fallback else None),
        also=classification.also,
    )
    summary = agent_summary(
        result, parts.settings.agent_language, parts.settings.prompts_dir,
        order=order.model_copy(update={"currency": currency_of(order, parts.policy)}),
        signals=classification.signals,
    )
    timings["total"] = round((time.perf_counter() - started) * 1000, 2)
    return result.model_copy(update={"agent_summary": summary, "timings_ms": timings})
