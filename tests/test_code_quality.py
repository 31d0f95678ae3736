"""The code stays ruff clean and `mypy --strict` clean on assistant/, as STYLE.md asks; these tests keep it so."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from assistant.settings import PROJECT_ROOT


def _run_tool(*args: str, timeout: float) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=timeout, check=False
    )


@pytest.mark.skipif(importlib.util.find_spec("ruff") is None, reason="ruff is not installed (the dev extra)")
def test_ruff_finds_nothing() -> None:
    result = _run_tool("ruff", "check", ".", "--output-format", "concise", timeout=120)
    assert result.returncode == 0, f"ruff check . found problems:\n{result.stdout}{result.stderr}"


@pytest.mark.integration
@pytest.mark.skipif(importlib.util.find_spec("mypy") is None, reason="mypy is not installed (the dev extra)")
def test_mypy_strict_finds_nothing_in_assistant() -> None:
    result = _run_tool("mypy", "--strict", "assistant", timeout=900)
    assert result.returncode == 0, f"mypy --strict assistant found problems:\n{result.stdout}{result.stderr}"
