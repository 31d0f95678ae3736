"""Stores: one folder each (store.yaml, policies/, listings.json), validated, with the settings and rules they run on.

The knowledge folder itself is the default store, configured by the settings as before; every other store lives in
<stores_path>/<name>/ and has its own Chroma collection, catalogue and narrowed copy of the marketplace rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from assistant.errors import PolicyError, StoreError, UnknownStoreError
from assistant.models import Language
from assistant.overrides import PolicyOverrides, apply_overrides, override_problems
from assistant.policy import Policy, parse_yaml, yaml_line, yaml_problems
from assistant.settings import Settings

__all__ = ["STORE_FILE", "Store", "StoreConfig", "discover_stores", "load_store_config", "resolve_store"]

STORE_FILE = "store.yaml"
_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{1,40}[a-z0-9]")


class StoreConfig(BaseModel):
    """One store's store.yaml: who signs, which languages and marketplaces, guard names, overrides, tone."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(description="the folder name; lower case letters, digits, '-' and '_'")
    store_name: str = Field(min_length=1, max_length=80, description="the shop's name as buyers see it")
    signature: str = Field(min_length=1, max_length=120)
    languages: list[Language] = Field(min_length=1, description="languages the store answers in")
    marketplaces: list[str] = Field(min_length=1, description="marketplace codes, e.g. DE, FR")
    agent_language: Literal["en", "zh"] = "en"
    blocked_names: list[str] = Field(default_factory=list, description="extra competitor or off-platform names")
    tone: Literal["friendly", "formal"] = "friendly"
    overrides: PolicyOverrides = Field(default_factory=PolicyOverrides)

    @field_validator("name")
    @classmethod
    def _name_is_a_slug(cls, value: str) -> str:
        if not _NAME.fullmatch(value) or value == "default":
            raise ValueError("use 3-42 lower-case letters, digits, '-' or '_' (not 'default'), e.g. 'rhein-kueche'")
        return value

    @field_validator("marketplaces")
    @classmethod
    def _upper(cls, value: list[str]) -> list[str]:
        return [m.upper() for m in value]


@dataclass(frozen=True)
class Store:
    """A store as the pipeline uses it: its folder, its collection and (for stores other than the default) config."""

    name: str
    knowledge_dir: Path
    collection: str
    config: StoreConfig | None = None

    def settings(self, base: Settings) -> Settings:
        """The settings this store runs with: its folder, collection, name, signature, agent language and tone."""
        if self.config is None:
            return base
        c = self.config
        return base.model_copy(update={
            "knowledge_dir": self.knowledge_dir, "collection": self.collection, "stores_dir": base.stores_path,
            "store_name": c.store_name, "signature": c.signature, "agent_language": c.agent_language,
            "tone": c.tone,
        })

    def policy(self, base: Policy) -> Policy:
        """The marketplace rules narrowed by this store's overrides (the default store's are the rules as they are)."""
        if self.config is None:
            return base
        return apply_overrides(base, self.config.overrides, self.name, tuple(self.config.blocked_names))


def _fail(path: Path, line: int | None, key: str, msg: str) -> StoreError:
    return StoreError(f"store file is invalid:\n  {path}:{line}: {key}: {msg}")


def load_store_config(path: Path, base: Policy) -> StoreConfig:
    """Read and validate a store.yaml against the marketplace rules; StoreError names the file, line and key."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror}.") from exc
    try:
        data, root = parse_yaml(text, path)
    except PolicyError as exc:  # the shared parser speaks of rules files; this is a store's file
        raise StoreError(str(exc)) from exc
    if not isinstance(data, dict):
        raise StoreError(f"{path}: a store file must be a YAML mapping with name, store_name, signature, languages "
                         "and marketplaces (see docs/stores.md).")
    try:
        config = StoreConfig.model_validate(data)
    except ValidationError as exc:
        raise StoreError("store file is invalid:\n  " + "\n  ".join(yaml_problems(exc, path, root))) from exc
    if config.name != path.parent.name:
        raise _fail(path, yaml_line(root, ("name",)), "name",
                    f"'{config.name}' differs from the folder name '{path.parent.name}'; make them the same.")
    unknown = [m for m in config.marketplaces if m not in base.currency_of_marketplace]
    if unknown:
        raise _fail(path, yaml_line(root, ("marketplaces",)), "marketplaces",
                    f"{', '.join(unknown)} not in the marketplace rules; "
                    f"use {', '.join(base.currency_of_marketplace)}.")
    for loc, msg in override_problems(config.overrides, base):
        raise _fail(path, yaml_line(root, ("overrides", *loc)), ".".join(("overrides", *loc)), msg)
    return config


def discover_stores(settings: Settings, base: Policy) -> dict[str, Store]:
    """The default store (the knowledge folder) and every folder under stores_path that has a store.yaml."""
    stores = {settings.default_store: Store(settings.default_store, settings.knowledge_dir, settings.collection)}
    folder = settings.stores_path
    for path in sorted(folder.glob(f"*/{STORE_FILE}")) if folder.is_dir() else []:
        config = load_store_config(path, base)
        if config.name in stores:
            raise StoreError(f"{path}: the store name '{config.name}' is taken by the default store; rename it.")
        stores[config.name] = Store(config.name, path.parent, f"store_{config.name}", config)
    return stores


def resolve_store(stores: dict[str, Store] | list[str], name: str | None, default: str) -> str:
    """The store a request names (or the default), or UnknownStoreError listing the ones there are."""
    wanted = name or default
    if wanted not in stores:
        raise UnknownStoreError(f"there is no store '{wanted}'; this deployment has: {', '.join(sorted(stores))}.")
    return wanted
