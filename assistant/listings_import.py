"""Import a store's catalogue from CSV or JSON: every row validated first, rejects reported by line, then one swap.

The column mapping is documented in docs/stores.md. The imported file replaces the store's listings.json whole;
it is written to a temporary file and renamed into place, so a reader sees the old catalogue or the new one.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.errors import InputError
from assistant.knowledge import LISTINGS_FILE, Listing

__all__ = ["COLUMNS", "ImportReport", "RejectedRow", "parse_listings", "write_catalogue"]

# Our field <- the column names we accept for it (case and spaces ignored). Documented in docs/stores.md.
COLUMNS: dict[str, tuple[str, ...]] = {
    "sku": ("sku", "seller_sku", "item_sku"),
    "title": ("title", "item_name", "product_name"),
    "price": ("price", "standard_price"),
    "currency": ("currency", "currency_code"),
    "stock": ("stock", "quantity", "qty"),
    "description": ("description", "product_description"),
    "bullets": ("bullets", "bullet_points"),
    "included": ("included", "included_accessories", "in_the_box"),
    "compatibility": ("compatibility", "compatible_with"),
    "dimensions": ("dimensions", "item_dimensions"),
    "warranty": ("warranty", "warranty_description"),
    "care": ("care", "care_instructions"),
    "names": ("names", "local_names"),
}
_BULLET_COLUMNS = tuple(f"bullet_point{i}" for i in range(1, 6))
_LIST_SEP = "|"


class RejectedRow(BaseModel):
    model_config = ConfigDict(extra="forbid")

    line: int
    sku: str | None = None
    reason: str


class ImportReport(BaseModel):
    """What an import found: the valid listings (in file order) and every rejected row with its line."""

    model_config = ConfigDict(extra="forbid")

    listings: list[Listing] = Field(default_factory=list)
    rejected: list[RejectedRow] = Field(default_factory=list)

    @property
    def imported(self) -> int:
        return len(self.listings)


def _key(name: str) -> str:
    return name.strip().lower().replace(" ", "_").replace("-", "_")


def _included(cell: str) -> list[dict[str, Any]]:
    """`USB-C cable [generic] | Charging dock [specific]`; an item without a mark is specific (a part of this
    product), so nobody is offered a generic replacement by mistake."""
    parts = []
    for raw in cell.split(_LIST_SEP):
        name = raw.strip()
        if not name:
            continue
        generic = name.lower().endswith("[generic]")
        for mark in ("[generic]", "[specific]"):
            if name.lower().endswith(mark):
                name = name[: -len(mark)].strip()
        parts.append({"name": name, "generic": generic})
    return parts


def _names(cell: str) -> dict[str, list[str]]:
    """`de: Tasse, Kaffeebecher | ja: マグカップ`: what buyers call the product, per language. A part without a
    language code keeps its text as the key, so the row is rejected naming it."""
    names: dict[str, list[str]] = {}
    for part in cell.split(_LIST_SEP):
        language, sep, words = part.partition(":")
        if part.strip():
            key = language.strip().lower() if sep else part.strip()
            names[key] = [w.strip() for w in words.replace("、", ",").split(",") if w.strip()]
    return names


def _csv_record(row: dict[str, str]) -> dict[str, Any]:
    """One CSV row as Listing fields, through the column mapping."""
    cells = {_key(k): (v or "").strip() for k, v in row.items() if k is not None}
    record: dict[str, Any] = {}
    for field, names in COLUMNS.items():
        value = next((cells[n] for n in names if cells.get(n)), "")
        if not value:
            continue
        if field == "bullets":
            record[field] = [b.strip() for b in value.split(_LIST_SEP) if b.strip()]
        elif field == "included":
            record[field] = _included(value)
        elif field == "names":
            record[field] = _names(value)
        elif field == "price":
            record[field] = value.replace(",", ".") if value.count(",") == 1 and "." not in value else value
        else:
            record[field] = value
    extra_bullets = [cells[c] for c in _BULLET_COLUMNS if cells.get(c)]
    if extra_bullets:
        record["bullets"] = [*record.get("bullets", []), *extra_bullets]
    record.setdefault("description", "")
    return record


def _csv_rows(text: str) -> list[tuple[int, dict[str, Any]]]:
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames:
        raise InputError("the CSV file is empty; its first line must name the columns (see docs/stores.md).")
    header = {_key(name): name for name in reader.fieldnames}
    known = {n for names in COLUMNS.values() for n in names} | set(_BULLET_COLUMNS)
    for required in ("sku", "title", "price", "currency", "stock"):
        if not any(n in header for n in COLUMNS[required]):
            raise InputError(f"the CSV file has no '{required}' column (accepted names: "
                             f"{', '.join(COLUMNS[required])}). Unknown columns: "
                             f"{', '.join(sorted(set(header) - known)) or 'none'}.")
    rows = []
    for row in reader:
        # line_num is the physical line the row ended on: right for rows without quoted line breaks
        rows.append((reader.line_num, _csv_record(row)))
    return rows


def _json_rows(text: str) -> list[tuple[int, Any]]:
    """The elements of a JSON array, each with the line its object starts on."""
    decoder = json.JSONDecoder()
    pos = len(text) - len(text.lstrip())
    if text[pos : pos + 1] != "[":
        raise InputError("a JSON catalogue must be an array of product objects: [{\"sku\": ...}, ...].")
    pos += 1
    rows: list[tuple[int, Any]] = []
    while True:
        while pos < len(text) and text[pos] in " \t\r\n,":
            pos += 1
        if pos >= len(text) or text[pos] == "]":
            return rows
        line = text.count("\n", 0, pos) + 1
        try:
            value, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            raise InputError(f"line {exc.lineno}: not valid JSON ({exc.msg}); nothing was imported.") from exc
        rows.append((line, value))


def _why(exc: ValidationError) -> str:
    return "; ".join(f"{'.'.join(map(str, e['loc'])) or 'row'}: {e['msg']}" for e in exc.errors()[:3])


def parse_listings(path: Path, currencies: set[str] | None = None) -> ImportReport:
    """Validate every row of a CSV or JSON catalogue; `currencies` are the ones the store's rules know."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {path}: {exc}. Give a UTF-8 CSV or JSON file.") from exc
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".json"):
        raise InputError(f"{path.name}: give a .csv or .json file (see docs/stores.md for the columns).")
    rows = _csv_rows(text) if suffix == ".csv" else _json_rows(text)
    report = ImportReport()
    first_line: dict[str, int] = {}
    for line, record in rows:
        sku = record.get("sku") if isinstance(record, dict) else None
        try:
            listing = Listing.model_validate(record)
        except ValidationError as exc:
            report.rejected.append(RejectedRow(line=line, sku=sku if isinstance(sku, str) else None, reason=_why(exc)))
            continue
        problem = _problem(listing, currencies, first_line)
        if problem:
            report.rejected.append(RejectedRow(line=line, sku=listing.sku, reason=problem))
            continue
        first_line[listing.sku] = line
        report.listings.append(listing)
    return report


def _problem(listing: Listing, currencies: set[str] | None, first_line: dict[str, int]) -> str | None:
    if not listing.sku.strip() or not listing.title.strip():
        return "sku and title must not be blank"
    if listing.sku in first_line:
        return f"duplicate SKU {listing.sku} (first on line {first_line[listing.sku]})"
    if currencies is not None and listing.currency not in currencies:
        return (f"currency '{listing.currency}' is not one the rules know ({', '.join(sorted(currencies))}); "
                "use the ISO code, e.g. EUR")
    return None


def write_catalogue(store_dir: Path, listings: list[Listing]) -> Path:
    """Write listings.json by temp file and rename: never a half-written catalogue."""
    target = store_dir / LISTINGS_FILE
    store_dir.mkdir(parents=True, exist_ok=True)
    payload = json.dumps([item.model_dump(mode="json") for item in listings], ensure_ascii=False, indent=2)
    fd, tmp = tempfile.mkstemp(prefix=".listings-", suffix=".json", dir=store_dir)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(payload + "\n")
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
