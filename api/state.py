"""What one worker holds for its lifetime: settings, the loaded parts, metrics, limits, extra drafters."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import anyio
from fastapi import Request

from api.limits import RateLimiter
from api.metrics import Metrics
from api.problems import ApiError
from assistant.draft import DRAFTERS, Drafter
from assistant.errors import AssistantError
from assistant.pipeline import Parts
from assistant.settings import Settings

__all__ = ["ApiState", "get_state"]


@dataclass
class ApiState:
    """Per-worker state. `parts` is None until start-up has loaded it (then /readyz turns ready)."""

    settings: Settings
    metrics: Metrics
    limiter: RateLimiter
    parts: Parts | None = None
    rebuild_lock: anyio.Lock = field(default_factory=anyio.Lock)
    _drafters: dict[str, Drafter] = field(default_factory=dict)

    @classmethod
    def from_settings(cls, settings: Settings) -> ApiState:
        return cls(
            settings=settings,
            metrics=Metrics(settings.prometheus_multiproc_dir),
            limiter=RateLimiter(settings.rate_limit_per_minute, settings.rate_limit_burst),
        )

    def parts_for(self, llm: str | None) -> tuple[Parts, str | None]:
        """The parts with the drafter a request asked for, and a fallback reason when that drafter is unavailable.

        Extra drafters are built once per worker, on first use; the loaded parts are never mutated.
        """
        parts = self.require_parts()
        if llm is None or llm == parts.drafter.name:
            return parts, None
        drafter = self._drafters.get(llm)
        if drafter is None:
            factory = DRAFTERS.get(llm)
            if factory is None:
                return parts, "llm_not_installed"
            try:
                drafter = factory(self.settings)
            except AssistantError:
                return parts, "llm_not_configured"
            self._drafters[llm] = drafter
        return dataclasses.replace(parts, drafter=drafter), None

    def require_parts(self) -> Parts:
        if self.parts is None:
            raise ApiError(503, "starting", "the assistant is still loading its index and models. Retry shortly.",
                             headers={"Retry-After": "2"})
        return self.parts


def get_state(request: Request) -> ApiState:
    state: ApiState = request.app.state.api
    return state
