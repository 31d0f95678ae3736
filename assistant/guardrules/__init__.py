"""The guard's rules, one module per family; `RULES` is the order `guard.check` runs them in.

Every rule is a pure function `GuardInput -> list[GuardViolation]` whose spans point into the original draft.
"""

from __future__ import annotations

from assistant.guardrules.contacts import check_email
from assistant.guardrules.context import GuardInput, Rule
from assistant.guardrules.formatting import check_emoji, check_html, check_length
from assistant.guardrules.guarantees import check_guarantees
from assistant.guardrules.links import check_links
from assistant.guardrules.marketing import check_marketing
from assistant.guardrules.offplatform import check_off_platform
from assistant.guardrules.phones import check_phone
from assistant.guardrules.pii import check_pii_echo
from assistant.guardrules.promises import check_promises
from assistant.guardrules.reviews import check_reviews
from assistant.guardrules.tone import check_tone

__all__ = ["RULES", "RULE_IDS", "GuardInput", "Rule"]

RULES: tuple[Rule, ...] = (
    check_links,
    check_email,
    check_phone,
    check_off_platform,
    check_reviews,
    check_marketing,
    check_html,
    check_emoji,
    check_length,
    check_tone,
    check_promises,
    check_guarantees,
    check_pii_echo,
)

RULE_IDS: tuple[str, ...] = (
    "link",
    "email",
    "phone",
    "competitor_or_off_platform",
    "review_manipulation",
    "marketing",
    "html",
    "emoji",
    "too_long",
    "tone",
    "unsupported_promise",
    "pii_echo",
)
