"""Prometheus metrics: requests, latency, pipeline stages, guard failures and fallbacks. No buyer data in labels.

One registry per app (tests build many apps). With several uvicorn workers set PROMETHEUS_MULTIPROC_DIR: each
worker then writes its numbers to that folder and /metrics adds up every worker (see docs/deploy.md).
"""

from __future__ import annotations

from pathlib import Path

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.multiprocess import MultiProcessCollector

from assistant.models import DraftResult, GuardReport

__all__ = ["CONTENT_TYPE_LATEST", "Metrics"]

_LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


class Metrics:
    """The service's counters and histograms, registered on a private registry."""

    def __init__(self, multiprocess_dir: Path | None = None) -> None:
        self._multiprocess_dir = multiprocess_dir
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.requests = Counter("reply_assistant_http_requests", "HTTP requests by route and status",
                                ["method", "route", "status"], registry=r)
        self.latency = Histogram("reply_assistant_http_request_duration_seconds", "Time to the last response byte",
                                 ["method", "route"], buckets=_LATENCY_BUCKETS, registry=r)
        self.stage = Histogram("reply_assistant_stage_duration_seconds", "Pipeline stage time per draft",
                               ["stage"], buckets=_LATENCY_BUCKETS, registry=r)
        self.drafts = Counter("reply_assistant_drafts", "Drafts written, by intent and drafter",
                              ["intent", "drafter"], registry=r)
        self.guard_failures = Counter("reply_assistant_guard_failures", "Drafts or checked texts that failed the guard",
                                      ["endpoint"], registry=r)
        self.guard_violations = Counter("reply_assistant_guard_violations", "Guard violations by rule",
                                        ["rule"], registry=r)
        self.guard_repairs = Counter("reply_assistant_guard_repairs", "Drafts that passed after a mechanical repair",
                                     registry=r)
        self.fallbacks = Counter("reply_assistant_fallbacks", "Drafts that fell back to the offline drafter, by reason",
                                 ["reason"], registry=r)
        self.timeouts = Counter("reply_assistant_timeouts", "Requests that ran out of time", ["route"], registry=r)

    def observe_request(self, method: str, route: str, status: int, seconds: float) -> None:
        self.requests.labels(method, route, str(status)).inc()
        self.latency.labels(method, route).observe(seconds)

    def observe_guard(self, report: GuardReport, endpoint: str) -> None:
        if not report.passed:
            self.guard_failures.labels(endpoint).inc()
        for violation in report.violations:
            self.guard_violations.labels(violation.rule).inc()

    def observe_draft(self, result: DraftResult) -> None:
        self.drafts.labels(result.intent.value, result.drafter).inc()
        for stage, ms in result.timings_ms.items():
            self.stage.labels(stage).observe(ms / 1000)
        self.observe_guard(result.guard, "drafts")
        if result.guard.repaired:
            self.guard_repairs.inc()
        if result.fallback:
            self.fallbacks.labels(result.fallback).inc()

    def render(self) -> bytes:
        """The exposition text: this worker's registry, or every worker's when running multiprocess."""
        if self._multiprocess_dir is None:
            return generate_latest(self.registry)
        merged = CollectorRegistry()
        MultiProcessCollector(merged, path=str(self._multiprocess_dir))  # type: ignore[no-untyped-call]
        return generate_latest(merged)
