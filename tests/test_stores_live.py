"""Two stores behind one real uvicorn: a request for store A never cites store B, and keys are kept to their stores.

Both stores hold a returns policy on the same topic, so without isolation either could be cited.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from live_server import ADMIN_KEY, API_KEY, FAKE_PARTS, LiveServer, live_server

from assistant.settings import PROJECT_ROOT

pytestmark = pytest.mark.integration

KEY_A = "store-a-key-0123456789abcdef"
KEY_B = "store-b-key-0123456789abcdef"
STORE = """\
name: {name}
store_name: {title}
signature: Team {title}
languages: [en]
marketplaces: [US]
"""
POLICY = """\
# {title} returns

## Damaged items

{title} refunds an item that arrived broken or damaged in transit; send a photo of the damaged item and box.
"""
QUESTION = {"text": "The mug arrived broken, the box was crushed in transit.",
            "order": {"status": "delivered", "item_price": 14, "in_stock": True}}


def _store(root: Path, name: str, title: str) -> None:
    folder = root / "stores" / name
    (folder / "policies").mkdir(parents=True)
    (folder / "store.yaml").write_text(STORE.format(name=name, title=title), encoding="utf-8")
    (folder / "policies" / f"{name}-returns.md").write_text(POLICY.format(title=title), encoding="utf-8")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    tmp = tmp_path_factory.mktemp("stores-live")
    knowledge = tmp / "knowledge"
    shutil.copytree(PROJECT_ROOT / "knowledge", knowledge, ignore=shutil.ignore_patterns("stores"))
    _store(knowledge, "shop-a", "Alpha Home")
    _store(knowledge, "shop-b", "Beta Home")
    env = {**FAKE_PARTS, "REPLY_ASSISTANT_INDEX_DIR": str(tmp / "index"),
           "REPLY_ASSISTANT_KNOWLEDGE_DIR": str(knowledge),
           "REPLY_ASSISTANT_API_KEYS": f"{API_KEY},{KEY_A},{KEY_B}", "REPLY_ASSISTANT_ADMIN_KEYS": ADMIN_KEY,
           "REPLY_ASSISTANT_KEY_STORES": json.dumps({KEY_A: ["shop-a"], KEY_B: ["shop-b", "default"]})}
    with live_server(env, tmp / "server.log") as live:
        yield live


@pytest.mark.parametrize(("key", "store", "own", "other"), [
    (KEY_A, "shop-a", "shop-a-returns", "shop-b-returns"),
    (KEY_B, "shop-b", "shop-b-returns", "shop-a-returns"),
], ids=["store A", "store B"])
def test_a_store_cites_only_its_own_documents(server: LiveServer, key: str, store: str, own: str,
                                              other: str) -> None:
    with server.client(key) as http:
        response = http.post("/v1/drafts", json={**QUESTION, "store": store})
    assert response.status_code == 200, response.text
    cited = {c["document"] for c in response.json()["citations"]}
    assert own in cited and other not in cited
    assert cited <= {own}  # nothing from the default store either
    assert response.json()["draft"].rstrip().endswith(f"Team {'Alpha' if store == 'shop-a' else 'Beta'} Home")


def test_the_default_store_cites_neither(server: LiveServer) -> None:
    with server.client(API_KEY) as http:
        response = http.post("/v1/drafts", json=QUESTION)
    assert response.status_code == 200, response.text
    cited = {c["document"] for c in response.json()["citations"]}
    assert cited and not cited & {"shop-a-returns", "shop-b-returns"}


@pytest.mark.parametrize(("key", "body"), [
    (KEY_A, {**QUESTION, "store": "shop-b"}),
    (KEY_A, QUESTION),  # no store named: the default store, which key A may not use
    (API_KEY, {**QUESTION, "store": "shop-a"}),  # a key with no mapping: the default store only
], ids=["other store", "default store", "unmapped key"])
def test_a_key_may_not_use_another_store(server: LiveServer, key: str, body: dict[str, object]) -> None:
    with server.client(key) as http:
        response = http.post("/v1/drafts", json=body)
    assert response.status_code == 403, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"] == "store_forbidden"


def test_a_batch_with_one_forbidden_item_is_refused_whole(server: LiveServer) -> None:
    items = [{**QUESTION, "store": "shop-b"}, {**QUESTION, "store": "shop-a"}]
    with server.client(KEY_B) as http:
        response = http.post("/v1/drafts/batch", json={"items": items})
    assert response.status_code == 403 and response.json()["type"] == "store_forbidden"


def test_unknown_store_is_a_clear_422(server: LiveServer) -> None:
    with server.client(ADMIN_KEY) as http:
        response = http.post("/v1/drafts", json={**QUESTION, "store": "shop-z"})
    assert response.status_code == 422 and response.json()["type"] == "unknown_store"
    assert "shop-a" in response.json()["detail"]
