"""The reply-assistant command line: output, exit codes and error messages, with fake parts where possible."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app, parse_order
from assistant.errors import InputError

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]


def test_help_lists_every_command() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("draft", "batch", "check", "index", "serve"):
        assert command in result.output


def test_parse_order_inline_and_file(tmp_path: Path) -> None:
    assert parse_order('{"status": "shipped", "item_price": 9.5}').item_price == 9.5  # type: ignore[union-attr]
    path = tmp_path / "order.json"
    path.write_text('{"in_stock": false}', encoding="utf-8")
    assert parse_order(str(path)).in_stock is False  # type: ignore[union-attr]


@pytest.mark.parametrize(("value", "fragment"), [
    ('{"colour": "red"}', r"colour: unknown key \(order keys: order_id, marketplace"),
    ('{"price": 12}', r"price: unknown key \(did you mean 'item_price'\?\)"),
    ('{"item_price": "cheap"}', "item_price"),
    ('{"status": "lost"}', "status"),
    ("no-such-file.json", "neither JSON nor a file"),
], ids=["unknown key", "near miss", "wrong type", "bad status", "missing file"])
def test_bad_order_is_a_clear_input_error(value: str, fragment: str) -> None:
    with pytest.raises(InputError, match=fragment):
        parse_order(value)


def test_check_flags_a_link_and_exits_1() -> None:
    result = runner.invoke(app, ["check", "-"], input="Hello, see www.example-shop.com for details.")
    assert result.exit_code == 1
    assert "link" in result.output


def test_check_passes_a_clean_draft() -> None:
    result = runner.invoke(app, ["check", "-"], input="Thank you for your message about order 112-4471093-5520187.")
    assert result.exit_code == 0, result.output
    assert "passed" in result.output


def test_check_jsonl_reports_each_line() -> None:
    lines = "\n".join([json.dumps({"id": "a", "text": "Write to me at bob@example.com"}),
                       json.dumps({"id": "b", "text": "Thank you for your patience."})])
    result = runner.invoke(app, ["check", "--jsonl", "-"], input=lines)
    rows = [json.loads(line) for line in result.output.strip().splitlines()]
    assert [(r["id"], r["passed"]) for r in rows] == [("a", False), ("b", True)]
    assert rows[0]["violations"][0]["rule"] == "email"


def _run(
    *args: str, env_extra: dict[str, str] | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    import os

    env = {**os.environ, **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "assistant", *args], capture_output=True, text=True, env=env,
                          input=stdin, cwd=ROOT, timeout=300)


@pytest.mark.integration
def test_draft_empty_text_exits_2() -> None:
    result = _run("draft", "   ")
    assert result.returncode == 2
    assert "empty" in result.stderr


@pytest.mark.integration
def test_draft_too_long_exits_2(tmp_path: Path) -> None:
    result = _run("draft", "-", stdin="a" * 10_001, env_extra={"REPLY_ASSISTANT_INDEX_DIR": str(tmp_path)})
    assert result.returncode == 2
    assert "10,001 characters" in result.stderr and "10,000" in result.stderr


@pytest.mark.integration
def test_broken_rules_file_exits_3_naming_line(tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text("version: '1'\ncheap_item_max: {USD: 30}\nlarge_amount_min: {USD: 150}\nrules:\n"
                     "  - id: x\n    intents: [teleport]\n    remedies: []\n    source: {document: d, section: s}\n",
                     encoding="utf-8")
    result = _run("draft", "hello", env_extra={"REPLY_ASSISTANT_RULES_FILE": str(rules)})
    assert result.returncode == 3
    assert "rules.yaml:6" in result.stderr and "intents" in result.stderr


def test_unreachable_index_exits_4_saying_what_to_check() -> None:
    result = _run("draft", "Where is my parcel?",
                  env_extra={"REPLY_ASSISTANT_CHROMA_HOST": "127.0.0.1", "REPLY_ASSISTANT_CHROMA_PORT": "1"})
    assert result.returncode == 4, result.stderr
    assert "Chroma server 127.0.0.1:1" in result.stderr and "chroma" in result.stderr.lower()


def test_serve_with_a_broken_rules_file_exits_3_before_starting(tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text("version: '1'\nrules: [\n", encoding="utf-8")
    result = _run("serve", "--port", "1", env_extra={"REPLY_ASSISTANT_RULES_FILE": str(rules)})
    assert result.returncode == 3, result.stderr
    assert f"{rules}:3" in result.stderr and "Traceback" not in result.stderr
