"""What the guard's table tests share: a decision that allows every remedy, and the texts each rule's violations
cover, so a row can say which words must be caught."""

from __future__ import annotations

from assistant.guard import check
from assistant.models import Decision, Remedy
from assistant.policy import GuardPolicy

ALLOW_ALL = Decision(remedies=list(Remedy), max_partial_refund_pct=100)
POLICY = GuardPolicy()


def found(draft: str, *, policy: GuardPolicy = POLICY, buyer_text: str = "",
          language: str = "en") -> dict[str, list[str]]:
    """rule -> the texts its violations cover."""
    report = check(draft, ALLOW_ALL, policy, buyer_text=buyer_text, language=language)
    assert report.passed == (not report.violations)
    out: dict[str, list[str]] = {}
    for v in report.violations:
        assert v.message, "every violation tells the agent what to change"
        out.setdefault(v.rule, []).append(draft[v.span[0] : v.span[1]])
    return out


def assert_fires(draft: str, rule: str, needle: str, also: frozenset[str] = frozenset(), **kwargs: str) -> None:
    """The draft breaks `rule` (and only the rules in `also` besides), and a violation covers `needle`."""
    hits = found(draft, **kwargs)  # type: ignore[arg-type]
    assert set(hits) == {rule} | also, hits
    assert any(needle in text for text in hits[rule]), f"no {rule} span covers {needle!r}: {hits}"
