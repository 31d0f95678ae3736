"""A broken rules file is reported with its file, line and key, never half-loaded."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assistant.errors import PolicyError
from assistant.policy import load_policy

GOOD = (Path(__file__).resolve().parents[1] / "knowledge" / "rules.yaml").read_text(encoding="utf-8")


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rules.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_rules_load_with_sources() -> None:
    policy = load_policy(Path(__file__).resolve().parents[1] / "knowledge" / "rules.yaml")
    assert policy.version
    assert len(policy.rules) >= 30
    assert all(rule.source.section for rule in policy.rules)


def test_unknown_remedy_names_line_and_key(tmp_path: Path) -> None:
    broken = GOOD.replace("remedies: [provide_tracking]\n    source: {document: seller-cs-guide, section: \"买家",
                          "remedies: [send_flowers]\n    source: {document: seller-cs-guide, section: \"买家", 1)
    assert broken != GOOD
    line = broken.splitlines().index("    remedies: [send_flowers]") + 1
    with pytest.raises(PolicyError) as exc:
        load_policy(write(tmp_path, broken))
    assert f"rules.yaml:{line}:" in str(exc.value)
    index = [r["id"] for r in yaml.safe_load(GOOD)["rules"]].index("tracking_on_request")
    assert f"rules.{index}.remedies.0" in str(exc.value)


def test_unknown_key_is_an_error(tmp_path: Path) -> None:
    broken = GOOD.replace("  - id: tracking_on_request\n", "  - id: tracking_on_request\n    colour: blue\n", 1)
    index = [r["id"] for r in yaml.safe_load(GOOD)["rules"]].index("tracking_on_request")
    with pytest.raises(PolicyError, match=rf"rules\.{index}\.colour: Extra inputs are not permitted"):
        load_policy(write(tmp_path, broken))


def test_yaml_syntax_error_names_line(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match=r"rules\.yaml:2: not valid YAML"):
        load_policy(write(tmp_path, "version: '1'\nrules: a: b\n"))


def test_duplicate_rule_id(tmp_path: Path) -> None:
    broken = GOOD.replace("id: late_within_window", "id: tracking_on_request", 1)
    with pytest.raises(PolicyError, match="appears twice"):
        load_policy(write(tmp_path, broken))


def test_missing_file_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="cannot read rules file"):
        load_policy(tmp_path / "nope.yaml")
