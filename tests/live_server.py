"""A real `reply-assistant serve` (uvicorn) on a free loopback port, for the API's integration tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
API_KEY = "test-api-key-0123456789abcdef"
ADMIN_KEY = "test-admin-key-0123456789abcdef"
FAKE_PARTS = {
    "REPLY_ASSISTANT_EMBEDDER": "hash", "REPLY_ASSISTANT_RETRIEVER": "memory", "REPLY_ASSISTANT_LLM": "offline"
}


@dataclass
class LiveServer:
    url: str
    process: subprocess.Popen[bytes]
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def log_with(self, *needles: str, timeout_s: float = 10.0) -> str:
        """The log once it holds every needle: the access line is written after the client already has its
        response, so on a busy machine it can lag a little."""
        return self.log_until(lambda text: all(n in text for n in needles), timeout_s)

    def log_until(self, done: Callable[[str], bool], timeout_s: float = 10.0) -> str:
        """The log once `done` holds for it, or as it is when `timeout_s` runs out."""
        deadline, text = time.monotonic() + timeout_s, self.log()
        while not done(text) and time.monotonic() < deadline:
            time.sleep(0.05)
            text = self.log()
        return text

    def client(self, key: str | None = API_KEY, **kwargs: object) -> httpx.Client:
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=60, **kwargs)  # type: ignore[arg-type]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def clean_env(extra: dict[str, str]) -> dict[str, str]:
    """This process's environment without our settings (a developer's shell may set some), plus `extra`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("REPLY_ASSISTANT_")}
    return {**env, **extra}


@contextmanager
def live_server(env: dict[str, str], log_path: Path, *command: str, host: str = "127.0.0.1",
                startup_s: float = 180) -> Iterator[LiveServer]:
    """Start the server (by default `python -m assistant serve`), wait for /healthz, stop it afterwards."""
    port = free_port()
    argv = list(command) or [sys.executable, "-m", "assistant", "serve", "--host", host, "--port", str(port)]
    argv = [a.replace("{port}", str(port)) for a in argv]
    with log_path.open("wb") as log:
        process = subprocess.Popen(argv, env=clean_env(env), cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    server = LiveServer(f"http://127.0.0.1:{port}", process, log_path)
    try:
        deadline = time.monotonic() + startup_s
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"server exited with {process.returncode}:\n{server.log()}")
            try:
                if httpx.get(f"{server.url}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"server did not start in {startup_s} s:\n{server.log()}")
            time.sleep(0.2)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
