"""The store commands of `reply-assistant`: `index` (incremental, per store, `--status`) and `import-listings`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from assistant.cli import app as cli_app
from assistant.cli import err, fail, out
from assistant.errors import AssistantError, InputError
from assistant.settings import get_settings

if TYPE_CHECKING:
    from assistant.indexing import IndexStatus
    from assistant.pipeline import Parts

__all__ = ["import_listings", "index"]


def _selected(parts: Parts, store: str | None) -> list[Parts]:
    return [parts.for_store(store)] if store else [parts.for_store(name) for name in parts.stores]


def _status_line(store: str, status: IndexStatus) -> str:
    if status.current:
        return f"{store}: index '{status.collection}' is current ({status.chunks} chunks)"
    return (f"{store}: index '{status.collection}' is stale: {len(status.added)} new, {len(status.changed)} changed, "
            f"{len(status.removed)} removed of {status.chunks} chunks; "
            f"documents: {', '.join(status.stale_documents())}")


@cli_app.command()
def index(
    rebuild: Annotated[bool, typer.Option(help="Re-embed everything, not only what changed.")] = False,
    status: Annotated[bool, typer.Option(help="Only report, per store, which chunks are stale.")] = False,
    store: Annotated[str | None, typer.Option("--store", help="Only this store (default: every store).")] = None,
) -> None:
    """Embed what is new or changed in each store's folder (policies and listings) into its own index."""
    from assistant.indexing import index_status, sync_index
    from assistant.knowledge import load_passages
    from assistant.pipeline import load_parts

    stale = False
    try:
        parts = load_parts(get_settings(), auto_index=False)
        for scoped in _selected(parts, store):
            s = scoped.settings
            if status:
                found = index_status(load_passages(s.knowledge_dir), scoped.retriever, scoped.retriever.embedder_name,
                                     s.collection)
                stale |= not found.current
                out.print(_status_line(scoped.store, found), highlight=False, soft_wrap=True)
                continue
            with err.status(f"Embedding the changed chunks of store '{scoped.store}'…"):
                done = sync_index(s, parts.classifier, scoped.retriever, scoped.retriever.embedder_name,
                                  rebuild=rebuild)
            what = f"embedded {done.embedded} of {done.chunks} chunks" if done.embedded else "current; nothing to do"
            out.print(f"{scoped.store}: index '{done.collection}' {what}"
                      + (f", removed {len(done.removed)}" if done.removed else ""), highlight=False, soft_wrap=True)
    except AssistantError as exc:
        fail(exc)
    if stale:
        raise typer.Exit(1)


@cli_app.command("import-listings")
def import_listings(
    file: Annotated[Path, typer.Argument(help="A CSV or JSON catalogue (columns: docs/stores.md).")],
    store: Annotated[str, typer.Option("--store", help="The store whose catalogue this file replaces.")],
    strict: Annotated[bool, typer.Option(help="Import nothing if any row is rejected.")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Validate and report; write nothing.")] = False,
) -> None:
    """Validate every row, report rejects with their line, then replace the store's catalogue and update its index.

    Example: reply-assistant import-listings knowledge/stores/rhein-kueche/listings.csv --store rhein-kueche
    """
    from assistant.indexing import sync_passages
    from assistant.knowledge import listing_passages, policy_passages
    from assistant.listings_import import parse_listings, write_catalogue
    from assistant.pipeline import load_parts

    try:
        if not file.is_file():
            raise InputError(f"{file}: no such file. Give a CSV or JSON catalogue.")
        parts = load_parts(get_settings(), auto_index=False).for_store(store)
        report = parse_listings(file, currencies=set(parts.policy.cheap_item_max))
        for row in report.rejected:
            which = f" ({row.sku})" if row.sku else ""
            err.print(f"{file}:{row.line}: rejected{which}: {row.reason}", highlight=False, soft_wrap=True)
        if not report.listings or (strict and report.rejected) or dry_run:
            why = "dry run" if dry_run else ("--strict and rows were rejected" if report.listings else "no valid rows")
            out.print(f"{report.imported} rows valid, {len(report.rejected)} rejected; nothing written ({why})",
                      soft_wrap=True)
            raise typer.Exit(0 if dry_run and not report.rejected else 2)
        s = parts.settings
        passages = policy_passages(s.knowledge_dir) + listing_passages(report.listings)
        with err.status(f"Embedding the changed listings of store '{store}'…"):
            # the index first: every embedding is made before anything is written, then the catalogue is swapped in
            done = sync_passages(passages, parts.classifier, parts.retriever, parts.retriever.embedder_name,
                                 s.collection)
            write_catalogue(s.knowledge_dir, report.listings)
    except AssistantError as exc:
        fail(exc)
    out.print(f"{report.imported} rows imported, {len(report.rejected)} rejected; store '{store}': "
              f"{done.embedded} chunks embedded, {len(done.removed)} removed", highlight=False, soft_wrap=True)
    if report.rejected:
        raise typer.Exit(2)
