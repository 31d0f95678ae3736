"""The agent's web page: `/` and its static assets (api/static/), shipped in the package; no CDN, no build step.

The page is plain HTML with a little vanilla JS that calls the same /v1 API as any inbox tool. The server writes
the few settings the page needs (text limit, whether a key is needed, the agent's language, the stores) into the HTML.
"""

from __future__ import annotations

from functools import cache
from html import escape
from pathlib import Path
from string import Template

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse

from api.problems import ApiError
from api.state import get_state
from assistant import __version__
from assistant.pipeline import Parts

__all__ = ["STATIC_DIR", "router"]

STATIC_DIR = Path(__file__).parent / "static"
_ASSET_TYPES = {".css": "text/css", ".js": "text/javascript", ".svg": "image/svg+xml", ".png": "image/png"}

# Everything the page loads comes from this server; the API answers JSON only, so connect-src 'self' is enough.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}

router = APIRouter(include_in_schema=False)


@cache
def _page_template() -> Template:
    return Template((STATIC_DIR / "index.html").read_text(encoding="utf-8"))


@cache
def _assets() -> dict[str, Path]:
    """The files a request may name: listed once, so a name can never walk out of the folder."""
    return {p.name: p for p in STATIC_DIR.iterdir() if p.suffix in _ASSET_TYPES and p.is_file()}


def _store_field(parts: Parts | None) -> str:
    """The store picker as HTML: every store of the deployment, the default first and selected.

    Empty when there is one store (or the parts are not loaded yet): then requests name no store, as before.
    """
    if parts is None or len(parts.stores) < 2:
        return ""
    default = parts.store
    options = []
    for name in [default, *sorted(set(parts.stores) - {default})]:
        settings = parts.stores[name].settings
        shown, language = escape(settings.store_name), escape(settings.agent_language)
        selected = " selected" if name == default else ""
        options.append(f'<option value="{escape(name)}" data-store-name="{shown}" data-agent-language="{language}"'
                       f"{selected}>{shown} ({escape(name)})</option>")
    listed = "\n".join(options)
    return (f'<div class="field">\n<label for="store">Store</label>\n'
            f'<select id="store" name="store" data-default="{escape(default)}">\n{listed}\n</select>\n</div>')


@router.api_route("/", methods=["GET", "HEAD"], response_class=HTMLResponse, summary="The agent's page")
async def page(request: Request) -> HTMLResponse:
    state = get_state(request)
    settings = state.settings
    values = {
        "version": __version__,
        "store_name": settings.store_name,
        "max_text_chars": settings.max_text_chars,
        "key_required": "true" if settings.api_keys or settings.admin_keys else "false",
        "agent_language": settings.agent_language,
    }
    escaped = {name: escape(str(value)) for name, value in values.items()}
    html = _page_template().substitute(escaped, store_field=_store_field(state.parts))  # escaped as it is built
    return HTMLResponse(html, headers={**SECURITY_HEADERS, "Cache-Control": "no-cache"})


@router.api_route("/static/{name}", methods=["GET", "HEAD"], summary="The page's scripts, styles and icon")
async def asset(name: str) -> FileResponse:
    path = _assets().get(name)
    if path is None:
        raise ApiError(404, "not_found", f"there is no static file '{name}'. The page is at /.")
    return FileResponse(path, media_type=_ASSET_TYPES[path.suffix],
                        headers={"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"})
