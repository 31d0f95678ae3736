"""The agent's page in a real headless Chromium (Debian's, driven by Playwright) against a real uvicorn on loopback.

Paste, draft, read the decision and citations, edit the draft into a guard violation, copy, pick another store,
and meet each error.
Fake parts (hash embedder, memory index) keep start-up to seconds; test_web_a11y.py takes the real-parts screenshot.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from live_server import API_KEY, FAKE_PARTS, LiveServer, live_server

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

pytestmark = [pytest.mark.browser, pytest.mark.integration]

BODY_LIMIT = 50_000
MUG_MESSAGE = ("Hi, the mug I ordered arrived broken: the handle snapped off and there are shards in the box. "
               "Fix this today or I will open an A-to-z claim.")
MUG_ORDER = {"#order-status": "delivered", "#order-price": "14.99", "#order-stock": "yes",
             "#order-fulfillment": "merchant", "#order-marketplace": "US", "#order-id": "112-4471093-5520187"}


def start_server(tmp: Path, **extra: str) -> Any:
    env = {**FAKE_PARTS, "REPLY_ASSISTANT_INDEX_DIR": str(tmp / "index"), **extra}
    return live_server(env, tmp / "server.log")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with start_server(tmp_path_factory.mktemp("web"), REPLY_ASSISTANT_MAX_BODY_BYTES=str(BODY_LIMIT)) as live:
        yield live


@pytest.fixture()
def context(browser: Browser, server: LiveServer) -> Iterator[BrowserContext]:
    made = browser.new_context(viewport={"width": 1366, "height": 900}, base_url=server.url)
    made.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url)
    yield made
    made.close()


@pytest.fixture()
def page(context: BrowserContext) -> Page:
    opened = context.new_page()
    opened.goto("/")
    return opened


def draft_mug(page: Page) -> dict[str, Any]:
    """Fill the message and the order facts, press Ctrl+Enter, and return what the API answered."""
    page.fill("#message", MUG_MESSAGE)
    for selector, value in MUG_ORDER.items():
        if selector in {"#order-price", "#order-id"}:
            page.fill(selector, value)
        else:
            page.select_option(selector, value)
    with page.expect_response("**/v1/drafts") as answer:
        page.press("#message", "Control+Enter")
    assert answer.value.status == 200, answer.value.text()
    page.wait_for_selector("#result-body:not([hidden])")
    result: dict[str, Any] = answer.value.json()
    return result


def test_draft_shows_decision_citations_summary_and_draft(page: Page) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.reload()  # with the listener on from the first script
    with page.expect_request("**/v1/drafts") as sent:
        result = draft_mug(page)
    request_body = json.loads(sent.value.post_data or "{}")

    assert request_body["order"] == {"status": "delivered", "item_price": 14.99, "in_stock": True,
                                        "fulfillment": "merchant", "marketplace": "US",
                                        "order_id": "112-4471093-5520187"}
    assert result["intent"] == "damaged_in_transit" and "atoz_threat" in result["flags"]
    assert page.locator("#flags li").all_inner_texts()[0] == "A-to-z claim threat"
    facts = page.inner_text("#facts")
    assert "damaged in transit" in facts and f"{round(result['confidence'] * 100)}%" in facts
    assert f"(within {result['decision']['reply_within_hours']} h)" in facts

    decision = page.inner_text("#decision")
    assert "Full refund" in decision and "A person on the team answers first" in decision
    reasons = page.locator("#reasons li").all_inner_texts()
    assert len(reasons) == len(result["decision"]["reasons"])
    for shown, reason in zip(reasons, result["decision"]["reasons"], strict=True):
        assert f"Source: {reason['source']['document']}, § {reason['source']['section']}" in shown

    assert page.inner_text("#summary") == result["agent_summary"].strip()
    assert page.locator("#summary-h").inner_text() == "Summary"
    assert page.input_value("#draft") == result["draft"]
    assert page.get_attribute("#draft", "lang") == result["language"]
    assert "guard passed" in page.inner_text("#guard-status")

    citations = page.locator("details.citation")
    assert citations.count() == len(result["citations"]) > 0
    snippet = citations.first.locator("blockquote")
    assert not snippet.is_visible()
    citations.first.locator("summary").click()
    assert snippet.is_visible() and snippet.inner_text() == result["citations"][0]["snippet"]
    assert page.locator("#history li").count() == 1
    assert errors == []


def test_editing_the_draft_highlights_a_link_in_place(page: Page) -> None:
    draft_mug(page)
    original = page.input_value("#draft")
    with page.expect_response("**/v1/check") as checked:
        page.locator("#draft").press("Control+End")
        page.keyboard.type(" Details: https://example.com/returns")
    body = json.loads(checked.value.request.post_data or "{}")
    assert body["decision"]["remedies"] and body["buyer_text"] == MUG_MESSAGE  # the current result's decision

    mark = page.locator("#draft-marks mark[data-rule='link']")
    mark.wait_for()
    assert mark.inner_text() == "https://example.com/returns"
    assert "found 1 problem" in page.inner_text("#guard-status")
    assert "Remove the link" in page.inner_text("#violations")
    box, spot = page.locator("#draft").bounding_box(), mark.bounding_box()
    assert box and spot and box["y"] < spot["y"] < box["y"] + box["height"]  # drawn behind the text, in place

    page.locator("#violations button").click()  # the agent jumps to the offending text
    selected = page.evaluate("() => { const t = document.getElementById('draft');"
                             " return t.value.slice(t.selectionStart, t.selectionEnd); }")
    assert selected == "https://example.com/returns"

    page.fill("#draft", original)
    page.wait_for_function("() => document.getElementById('guard-status').textContent.includes('passed')")
    assert page.locator("#draft-marks mark").count() == 0


def test_copy_puts_the_edited_draft_on_the_clipboard(page: Page) -> None:
    draft_mug(page)
    page.locator("#draft").press("Control+End")
    page.keyboard.type("\nP.S. Thank you for your patience.")
    page.click("#copy")
    page.wait_for_function("() => document.getElementById('copy-status').textContent.startsWith('Copied')")
    assert page.evaluate("() => navigator.clipboard.readText()") == page.input_value("#draft")
    assert page.input_value("#draft").endswith("P.S. Thank you for your patience.")


@pytest.mark.parametrize(
    ("length", "status", "says"),
    [
        (BODY_LIMIT + 10_000, 413, f"over {BODY_LIMIT:,} bytes"),
        (10_001, 422, "the limit is 10,000"),
    ],
)
def test_too_long_a_message_gets_the_servers_reason(page: Page, length: int, status: int, says: str) -> None:
    page.fill("#message", "x" * length)
    assert "over the limit" in page.inner_text("#message-count")
    with page.expect_response("**/v1/drafts") as answer:
        page.click("#draft-button")
    assert answer.value.status == status
    error = page.locator("#error")
    error.wait_for()
    assert f"{status}:" in error.inner_text() and says in error.inner_text()
    assert "Request id:" in error.inner_text()
    assert page.locator("#result-body").is_hidden()
    assert page.input_value("#message") == "x" * length  # the agent's text is kept


def test_server_down_and_broken_proxy_say_so(page: Page) -> None:
    page.route("**/v1/drafts", lambda route: route.abort("connectionrefused"))
    page.fill("#message", MUG_MESSAGE)
    page.click("#draft-button")
    page.locator("#error").wait_for()
    assert "Cannot reach the assistant" in page.inner_text("#error")
    assert page.inner_text("#draft-button") == "Draft reply"  # ready to try again

    page.unroute("**/v1/drafts")
    page.route("**/v1/drafts", lambda route: route.fulfill(status=502, content_type="text/html", body="<h1>oops</h1>"))
    page.click("#draft-button")
    page.wait_for_function("() => document.getElementById('error').textContent.includes('502')")
    assert "without saying why" in page.inner_text("#error")


def test_llm_fallback_is_shown(page: Page) -> None:
    page.select_option("#option-llm", "openai")  # this server has no LLM configured
    result = draft_mug(page)
    assert result["fallback"]
    assert "The LLM drafter was not used" in page.inner_text("#notices")


def test_history_survives_a_reload_and_restores_a_draft(page: Page) -> None:
    result = draft_mug(page)
    page.reload()
    item = page.locator("#history button.history-item")
    assert item.count() == 1 and "damaged in transit" in item.inner_text()
    item.click()
    assert page.input_value("#message") == MUG_MESSAGE
    assert page.input_value("#order-id") == "112-4471093-5520187"
    assert page.input_value("#draft") == result["draft"]
    page.click("#history-clear")
    assert page.locator("#history button.history-item").count() == 0


def test_key_field_when_the_server_needs_one(browser: Browser, tmp_path: Path) -> None:
    with start_server(tmp_path, REPLY_ASSISTANT_API_KEYS=API_KEY) as secured:
        page = browser.new_page(base_url=secured.url)
        page.goto("/")
        assert page.locator("#api-key").is_visible()
        page.fill("#message", MUG_MESSAGE)
        page.click("#draft-button")
        page.locator("#error").wait_for()
        assert "needs an API key" in page.inner_text("#error")
        page.fill("#api-key", API_KEY)
        page.press("#api-key", "Tab")  # change event: the key goes to sessionStorage
        page.press("#message", "Control+Enter")
        page.wait_for_selector("#result-body:not([hidden])")
        assert page.locator("#error").is_hidden()
        page.close()


PARCEL_MESSAGE = "Hello, where is my parcel? It has not arrived yet."


def test_store_picker_drafts_for_the_store_chosen_and_remembers_it(page: Page) -> None:
    assert page.locator("label[for=store]").inner_text() == "Store"
    assert page.input_value("#store") == "default"
    assert page.locator("#store option").all_inner_texts() == ["Harbor & Pine Home (default)",
                                                                "Rheinblick Küche (rhein-kueche)"]
    page.fill("#message", PARCEL_MESSAGE)
    with page.expect_request("**/v1/drafts") as sent:
        page.press("#message", "Control+Enter")
        page.wait_for_selector("#result-body:not([hidden])")
    assert "store" not in json.loads(sent.value.post_data or "{}")  # the default store goes unnamed, as before
    assert "Harbor & Pine Home" in page.input_value("#draft")

    page.select_option("#store", "rhein-kueche")
    assert page.inner_text("#store-name") == "Rheinblick Küche"  # the header follows the choice
    with page.expect_response("**/v1/drafts") as answer:
        page.click("#draft-button")
    assert json.loads(answer.value.request.post_data or "{}")["store"] == "rhein-kueche"
    assert answer.value.status == 200, answer.value.text()
    page.wait_for_function("() => document.getElementById('draft').value.includes('Rheinblick Küche')")
    assert page.get_attribute("#summary", "lang") == "zh"  # this store's team reads summaries in Chinese
    assert "Harbor & Pine Home" not in page.input_value("#draft")
    items = page.locator("#history button.history-item").all_inner_texts()
    assert "Rheinblick Küche" in items[0] and "Rheinblick" not in items[1] and "Harbor" not in items[1]

    page.reload()  # this tab remembers the store
    assert page.input_value("#store") == "rhein-kueche" and page.inner_text("#store-name") == "Rheinblick Küche"
    page.locator("#history button.history-item").nth(1).click()  # the default store's draft brings its store back
    assert page.input_value("#store") == "default" and page.inner_text("#store-name") == "Harbor & Pine Home"


def test_store_the_key_may_not_use_gets_the_servers_reason(browser: Browser, tmp_path: Path) -> None:
    limited = json.dumps({API_KEY: ["default"]})
    with start_server(tmp_path, REPLY_ASSISTANT_API_KEYS=API_KEY, REPLY_ASSISTANT_KEY_STORES=limited) as secured:
        page = browser.new_page(base_url=secured.url)
        page.goto("/")
        page.fill("#api-key", API_KEY)
        page.fill("#message", PARCEL_MESSAGE)
        page.select_option("#store", "rhein-kueche")
        with page.expect_response("**/v1/drafts") as answer:
            page.click("#draft-button")
        assert answer.value.status == 403 and answer.value.json()["type"] == "store_forbidden"
        error = page.locator("#error")
        error.wait_for()
        assert "may not draft for that store" in error.inner_text()
        assert "403: this API key may not use the store 'rhein-kueche'; it may use: default." in error.inner_text()
        assert page.locator("#result-body").is_hidden()

        page.select_option("#store", "default")  # the store it may use still drafts
        page.press("#message", "Control+Enter")
        page.wait_for_selector("#result-body:not([hidden])")
        assert page.locator("#error").is_hidden()
        page.close()


def test_a_second_request_is_shown_beside_the_intent(page: Page) -> None:
    """The fake parts cannot read two requests, so the server's real answer gets one added on its way to the page."""
    def add_also(route: Any) -> None:
        answer = route.fetch()
        body = answer.json()
        body["also"] = ["invoice_request"]
        route.fulfill(response=answer, json=body)

    page.route("**/v1/drafts", add_also)
    draft_mug(page)
    assert "Also asks\ninvoice request (acknowledged in the draft, not decided)" in page.inner_text("#facts")
    page.unroute("**/v1/drafts")
    draft_mug(page)
    assert "Also asks" not in page.inner_text("#facts")
