"""Eval contracts: a labelled case (message, order facts, expectations), a dataset of them, and one scored record.

In the spirit of pydantic_evals' Case/Dataset, kept small and speaking the assistant's own models.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from assistant.models import CATEGORY_OF, Category, DraftResult, Flag, Intent, Language, OrderFacts, Remedy, Route

__all__ = ["VERDICTS", "Case", "CaseRecord", "Dataset", "Expectation"]

# Every per-case check, in report order. A record maps each to True (passed), False (failed) or None (not checked).
VERDICTS: tuple[str, ...] = (
    "intent_strict", "intent_lenient", "coarse", "other_recall", "remedies", "rules", "route", "flags",
    "second_requests", "language", "reply_language", "guard", "citation", "citation_on_topic", "no_fallback",
)


class EvalModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Expectation(EvalModel):
    """What a correct answer looks like. A field left empty (None) is not checked."""

    intent: Intent | None = None
    accept: list[Intent] = Field(default_factory=list, description="every intent that counts as right; [] = [intent]")
    category: Category | None = Field(default=None, description="defaults to the category of `intent`")
    must_allow: list[Remedy] = Field(default_factory=list)
    must_not_allow: list[Remedy] = Field(default_factory=list)
    rules: list[str] = Field(default_factory=list, description="rule and modifier ids that must fire")
    route: Route | None = None
    flags: list[Flag] | None = None
    language: Language | None = None
    out_of_scope: bool = Field(default=False, description="the assistant should say `other` or route to a human")
    also: list[Intent] | None = Field(
        default=None, description="the requests besides the main one, each in another topic; the intent and "
        "DraftResult.also together must name them all. [] = the message makes one request: nothing else is named.")

    @model_validator(mode="after")
    def _fill_defaults(self) -> Expectation:
        if self.intent is not None:
            if self.intent not in self.accept:
                self.accept = [self.intent, *self.accept]
            if self.category is None:
                self.category = CATEGORY_OF[self.intent]
            if self.intent == Intent.OTHER:
                self.out_of_scope = True
        clash = set(self.must_allow) & set(self.must_not_allow)
        if clash:
            raise ValueError(f"remedies both required and forbidden: {sorted(clash)}")
        return self

    @property
    def accepted_categories(self) -> set[Category]:
        return {CATEGORY_OF[i] for i in self.accept} | ({self.category} if self.category else set())


class Case(EvalModel):
    """One labelled buyer message. `source` is the file it came from; `meta` keeps a loader's extra labels."""

    id: str
    text: str
    order: OrderFacts | None = None
    expect: Expectation = Field(default_factory=Expectation)
    source: str = ""
    meta: dict[str, str] = Field(default_factory=dict)


class Dataset(EvalModel):
    """Cases from one file or one folder of files."""

    name: str
    cases: list[Case]

    def head(self, limit: int | None) -> Dataset:
        return self if limit is None else self.model_copy(update={"cases": self.cases[:limit]})

    def in_language(self, language: Language | None) -> Dataset:
        """Label the cases that do not say their language (e.g. an English-only set) with `language`."""
        if language is None:
            return self
        cases = [c if c.expect.language else c.model_copy(update={"expect": c.expect.model_copy(
            update={"language": language})}) for c in self.cases]
        return self.model_copy(update={"cases": cases})


class CaseRecord(EvalModel):
    """One line of results.jsonl: the case, what the assistant answered, and each check's verdict."""

    case: Case
    result: DraftResult | None = None
    reply_language: Language | None = Field(default=None, description="language detected in the draft")
    verdicts: dict[str, bool | None] = Field(default_factory=dict)
    error: str | None = None

    @property
    def language(self) -> str:
        """The buyer's language: labelled if the case says, else as detected."""
        if self.case.expect.language:
            return self.case.expect.language
        return self.result.language if self.result else "unknown"

    @property
    def latency_ms(self) -> float | None:
        """The pipeline's total, or the sum of its stages when it reports no total."""
        if self.result is None:
            return None
        timings = self.result.timings_ms
        return timings["total"] if "total" in timings else round(sum(timings.values()), 2)

    @property
    def failed(self) -> list[str]:
        return [name for name in VERDICTS if self.verdicts.get(name) is False]
