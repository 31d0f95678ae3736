"""Our own labelled set (evals/cases/): big enough, covering every intent, rule, modifier, flag and language, and
labelled consistently with the rules engine (the labels say what decide() gives for the right intent)."""

from __future__ import annotations

from collections import Counter

import pytest

from assistant.compensation import decide
from assistant.models import Flag, Intent
from assistant.policy import load_policy
from assistant.settings import PROJECT_ROOT
from assistant.signals import for_intent, for_order, intent_text, read_signals
from evals.dataset import Case
from evals.loaders import load_dataset

CASES = load_dataset(PROJECT_ROOT / "evals" / "cases").cases
POLICY = load_policy(PROJECT_ROOT / "knowledge" / "rules.yaml")
LANGUAGES = ("en", "de", "fr", "es", "it", "ja", "zh")


def test_at_least_300_cases_and_30_per_language() -> None:
    assert len(CASES) >= 300
    per_language = Counter(c.expect.language for c in CASES)
    assert set(per_language) == set(LANGUAGES)
    assert min(per_language.values()) >= 30, per_language


def test_every_intent_in_every_language() -> None:
    seen = {(c.expect.language, c.expect.intent) for c in CASES}
    missing = [(lang, i.value) for lang in LANGUAGES for i in Intent if (lang, i) not in seen]
    assert not missing


def test_every_rule_and_modifier_is_exercised() -> None:
    named = {rule for c in CASES for rule in c.expect.rules}
    ids = {r.id for r in POLICY.rules} | {m.id for m in POLICY.modifiers}
    assert ids - named == set(), "rules with no case"
    assert named - ids == set(), "cases naming rules that do not exist"


def test_every_flag_and_out_of_scope_are_covered() -> None:
    flags = Counter(f for c in CASES for f in c.expect.flags or [])
    assert all(flags[f] >= 5 for f in Flag), flags
    assert sum(c.expect.out_of_scope for c in CASES) >= 20


def test_every_case_states_intent_route_and_flags() -> None:
    assert all(c.expect.intent is not None and c.expect.route is not None and c.expect.flags is not None for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_labels_agree_with_the_rules(case: Case) -> None:
    """Given the right intent and the labelled flags, decide() gives what the case expects.

    Severity and fault come from the keyword signals, as in the pipeline; a failure here means the label is wrong
    (or the rules changed), not the classifier.
    """
    expect = case.expect
    assert expect.intent is not None
    read = for_order(read_signals(case.text), intent_text(case.text), case.order)
    read = for_intent(read.model_copy(update={"flags": expect.flags or []}), expect.intent)
    decision = decide(expect.intent, read, case.order, POLICY)
    offered = set(decision.remedies)
    assert set(expect.must_allow) <= offered, decision.reasons
    assert not set(expect.must_not_allow) & offered, decision.reasons
    assert decision.route == expect.route
    assert set(expect.rules) <= {r.rule for r in decision.reasons}


def test_no_case_text_is_repeated() -> None:
    texts = Counter(c.text.strip().lower() for c in CASES)
    assert [t for t, n in texts.items() if n > 1] == []
