"""schemathesis against the live OpenAPI schema of a real uvicorn: no 5xx, no schema violations, every check on.

Bounded (a few examples per operation, fixed seed) so it stays well under a minute; raise SCHEMATHESIS_EXAMPLES
locally to dig deeper: `SCHEMATHESIS_EXAMPLES=200 pytest tests/test_api_schema.py -m integration`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from live_server import ADMIN_KEY, API_KEY, FAKE_PARTS, live_server

pytestmark = pytest.mark.integration


def test_schemathesis_finds_nothing(tmp_path: Path) -> None:
    env = {
        **FAKE_PARTS,
        "REPLY_ASSISTANT_INDEX_DIR": str(tmp_path / "index"),
        "REPLY_ASSISTANT_API_KEYS": API_KEY,
        "REPLY_ASSISTANT_ADMIN_KEYS": ADMIN_KEY,
        "REPLY_ASSISTANT_RATE_LIMIT_PER_MINUTE": "0",
    }
    examples = os.environ.get("SCHEMATHESIS_EXAMPLES", "8")  # a test knob, not an app setting
    with live_server(env, tmp_path / "server.log") as live:
        result = subprocess.run(
            [
                str(Path(sys.executable).parent / "schemathesis"),
                "run",
                f"{live.url}/openapi.json",
                "--checks",
                "all",
                "--max-examples",
                examples,
                "--seed",
                "20261123",
                "--header",
                f"Authorization: Bearer {ADMIN_KEY}",  # the admin key may call every operation
                "--generation-database",
                "none",
                "--no-color",
            ],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            timeout=300,
        )
        log = live.log()
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "No issues found" in result.stdout or " passed" in result.stdout
    assert " 500 " not in log and "Traceback" not in log
