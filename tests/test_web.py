"""The agent's page as served: settings written into the HTML, assets shipped in the package, nothing from a CDN.

The page's behaviour in a real browser is in test_web_browser.py and test_web_a11y.py.
"""

from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from api.app import create_app
from api.web import STATIC_DIR
from assistant.pipeline import StoreParts, load_parts
from assistant.settings import Settings


def _client(settings: Settings) -> TestClient:
    return TestClient(create_app(settings=settings), client=("127.0.0.1", 50000))  # no lifespan: no parts loaded


class _Controls(HTMLParser):
    """Form controls, the labels that name them, every URL the page loads, and the store picker's options."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: list[dict[str, str | None]] = []
        self.labelled: set[str] = set()
        self.urls: list[str] = []
        self.stores: list[tuple[dict[str, str | None], str]] = []  # (attributes, text) of each <option> in #store
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag in {"input", "select", "textarea"}:
            self.controls.append(found)
        if tag == "select":
            self._select = found.get("id")
        if tag == "option" and self._select == "store":
            self.stores.append((found, ""))
        if tag == "label" and found.get("for"):
            self.labelled.add(str(found["for"]))
        self.urls += [str(found[a]) for a in ("src", "href") if found.get(a)]

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._select == "store" and self.stores:
            attrs, text = self.stores[-1]
            self.stores[-1] = (attrs, text + data.strip())


def test_page_carries_the_server_settings(fake_settings: Settings) -> None:
    settings = fake_settings.model_copy(update={"max_text_chars": 1234, "agent_language": "zh",
                                                "store_name": "Tea & <Cups>"})
    response = _client(settings).get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    assert 'data-max-text-chars="1234"' in html
    assert 'data-key-required="false"' in html
    assert 'data-agent-language="zh"' in html
    assert "Tea &amp; &lt;Cups&gt;" in html and "<Cups>" not in html  # settings are text, never markup


def test_page_says_when_a_key_is_needed(fake_settings: Settings) -> None:
    settings = fake_settings.model_copy(update={"api_keys": [SecretStr("web-test-key-0123456789")]})
    html = _client(settings).get("/").text
    assert 'data-key-required="true"' in html
    assert "web-test-key" not in html


def test_page_is_locked_to_its_own_origin(fake_settings: Settings) -> None:
    headers = _client(fake_settings).get("/").headers
    policy = headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy and "connect-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert headers["x-content-type-options"] == "nosniff"


def test_every_asset_the_page_names_is_served_from_the_package(fake_settings: Settings) -> None:
    http = _client(fake_settings)
    page = _Controls()
    page.feed(http.get("/").text)
    assert page.urls, "the page loads no script or style?"
    types = {"app.js": "text/javascript", "app.css": "text/css", "icon.svg": "image/svg+xml"}
    for url in (u for u in page.urls if not u.startswith("#")):
        assert url.startswith("/static/"), f"{url}: everything comes from this server, no CDN"
        response = http.get(url)
        name = url.split("?")[0].removeprefix("/static/")
        assert response.status_code == 200, url
        assert response.headers["content-type"].startswith(types[name])
        assert response.content == (STATIC_DIR / name).read_bytes()


def test_head_requests_are_answered(fake_settings: Settings) -> None:
    http = _client(fake_settings)
    assert http.head("/").status_code == 200
    assert http.head("/static/app.js").status_code == 200


@pytest.mark.parametrize("name", ["nope.js", "index.html", "..%2Fweb.py", "%2E%2E%2Fapp.py"])
def test_only_listed_assets_are_served(fake_settings: Settings, name: str) -> None:
    response = _client(fake_settings).get(f"/static/{name}")
    assert response.status_code == 404  # index.html is served only at /, with the settings written in
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"] == "not_found"


def test_no_asset_reaches_for_another_host() -> None:
    for path in STATIC_DIR.iterdir():
        text = re.sub(r'xmlns="[^"]*"', "", path.read_text(encoding="utf-8"))  # a namespace name, not a fetch
        assert not re.search(r"""(https?:)?//[a-z0-9.-]+\.[a-z]{2,}/""", text, re.IGNORECASE), path.name


def test_every_control_has_a_label() -> None:
    page = _Controls()
    page.feed((STATIC_DIR / "index.html").read_text(encoding="utf-8"))
    assert len(page.controls) >= 12
    for control in page.controls:
        assert control.get("id") in page.labelled, f"no <label for> names {control}"


def test_store_picker_lists_every_store_default_first_and_escaped(fake_settings: Settings) -> None:
    parts = load_parts(fake_settings, auto_index=False)  # the shipped stores: default and rhein-kueche
    assert parts.store == "default" and set(parts.stores) == {"default", "rhein-kueche"}
    home = parts.stores["default"]
    hostile = StoreParts(home.settings.model_copy(update={"store_name": 'Tea & <b>"Cups"</b>'}), home.policy,
                         home.retriever, {})
    parts = dataclasses.replace(parts, stores={"zz-tea": hostile, **parts.stores})
    app = create_app(parts, settings=fake_settings)
    html = TestClient(app, client=("127.0.0.1", 50000)).get("/").text
    page = _Controls()
    page.feed(html)

    assert "store" in page.labelled  # a visible <label for="store">
    assert [(o.get("value"), text) for o, text in page.stores] == [
        ("default", "Harbor & Pine Home (default)"),
        ("rhein-kueche", "Rheinblick Küche (rhein-kueche)"),
        ("zz-tea", 'Tea & <b>"Cups"</b> (zz-tea)'),  # the parser unescapes: the text came through as text
    ]
    assert [o.get("data-store-name") for o, _ in page.stores][1] == "Rheinblick Küche"
    assert ["selected" in o for o, _ in page.stores] == [True, False, False]
    assert "<b>" not in html and "Tea &amp; &lt;b&gt;&quot;Cups&quot;&lt;/b&gt;" in html


def test_one_store_gets_no_picker(fake_settings: Settings) -> None:
    parts = load_parts(fake_settings, auto_index=False)
    parts = dataclasses.replace(parts, stores={"default": parts.stores["default"]})
    html = TestClient(create_app(parts, settings=fake_settings), client=("127.0.0.1", 50000)).get("/").text
    assert 'id="store"' not in html and "${store_field}" not in html
    assert _client(fake_settings).get("/").text.count('id="store"') == 0  # parts not loaded yet: no picker either


def test_page_is_not_in_the_api_schema(fake_settings: Settings) -> None:
    paths = _client(fake_settings).get("/openapi.json").json()["paths"]
    assert "/" not in paths and not any(p.startswith("/static") for p in paths)
