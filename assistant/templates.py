"""Render the Jinja2 files under prompts/: one environment, StrictUndefined, one function."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from assistant.errors import TemplateError

__all__ = ["render", "template_exists"]


@lru_cache(maxsize=4)
def _environment(prompts_dir: Path) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(prompts_dir)),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # plain-text messages, never HTML
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def template_exists(prompts_dir: Path, name: str) -> bool:
    return (prompts_dir / name).is_file()


def render(prompts_dir: Path, name: str, context: dict[str, Any]) -> str:
    """Render prompts/<name> with the context; a missing variable or template is a TemplateError."""
    try:
        return _environment(prompts_dir).get_template(name).render(**context).strip()
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"template {name} not found under {prompts_dir}. Reinstall or restore prompts/.") from exc
    except jinja2.UndefinedError as exc:
        raise TemplateError(f"template {name} uses a value the caller did not give: {exc.message}") from exc
    except jinja2.TemplateError as exc:
        raise TemplateError(f"template {name} failed to render: {exc}") from exc
