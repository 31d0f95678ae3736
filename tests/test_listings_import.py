"""Listings import: good and bad rows counted, rejects with their line, an atomic catalogue, the CLI's report."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.errors import InputError
from assistant.knowledge import load_listings
from assistant.listings_import import parse_listings, write_catalogue
from assistant.settings import PROJECT_ROOT, Settings

HEADER = "sku,title,price,currency,stock,description,bullet_points,included_accessories,compatibility\n"
ROWS = [
    'A-1,Good mug,14.00,EUR,5,A mug.,Holds 350 ml | Dishwasher safe,Mug [specific] | Coaster [generic],\n',   # line 2
    'A-2,No price,,EUR,5,Missing price.,,,\n',                                                                # line 3
    'A-3,Bad stock,9.5,EUR,many,Stock is words.,,,\n',                                                       # line 4
    'A-1,Duplicate,3,EUR,1,Same SKU again.,,,\n',                                                           # line 5
    'A-4,Unknown currency,3,XYZ,1,Not a currency the rules know.,,,\n',                                      # line 6
    'A-5,"Phone case, slim","12,50",EUR,0,A case.,,,"iPhone 15, iPhone 15 Pro"\n',                         # line 7
]


def _csv(tmp_path: Path) -> Path:
    path = tmp_path / "listings.csv"
    path.write_text(HEADER + "".join(ROWS), encoding="utf-8")
    return path


def test_csv_with_good_and_bad_rows(tmp_path: Path) -> None:
    report = parse_listings(_csv(tmp_path), currencies={"EUR", "USD"})
    assert [item.sku for item in report.listings] == ["A-1", "A-5"]
    assert [(r.line, r.sku) for r in report.rejected] == [(3, "A-2"), (4, "A-3"), (5, "A-1"), (6, "A-4")]
    reasons = [r.reason for r in report.rejected]
    assert "price" in reasons[0] and "stock" in reasons[1]
    assert "duplicate SKU A-1 (first on line 2)" in reasons[2] and "currency 'XYZ'" in reasons[3]
    mug, case = report.listings
    assert mug.bullets == ["Holds 350 ml", "Dishwasher safe"]
    assert [(p.name, p.generic) for p in mug.included] == [("Mug", False), ("Coaster", True)]
    assert (case.price, case.stock, case.compatibility) == (12.5, 0, "iPhone 15, iPhone 15 Pro")


def test_local_names_column(tmp_path: Path) -> None:
    path = tmp_path / "listings.csv"
    path.write_text("sku,title,price,currency,stock,names\n"
                    'M-1,Coffee Mug,9,USD,3,"de: Tasse, Becher | ja: マグカップ、マグ"\n'
                    "M-2,Jar,5,USD,1,Tasse\n", encoding="utf-8")
    report = parse_listings(path)
    assert report.listings[0].names == {"de": ["Tasse", "Becher"], "ja": ["マグカップ", "マグ"]}
    (rejected,) = report.rejected
    assert (rejected.line, rejected.sku) == (3, "M-2") and "names.Tasse" in rejected.reason


def test_json_rows_are_reported_by_the_line_they_start_on(tmp_path: Path) -> None:
    path = tmp_path / "listings.json"
    path.write_text('[\n  {"sku": "J-1", "title": "Jar", "price": 5, "currency": "EUR", "stock": 1,\n'
                    '   "description": "A jar."},\n  {"sku": "J-2", "title": "Bad", "price": -1, "currency": "EUR",'
                    ' "stock": 1, "description": ""}\n]\n', encoding="utf-8")
    report = parse_listings(path, currencies={"EUR"})
    assert [item.sku for item in report.listings] == ["J-1"]
    assert [(r.line, r.sku) for r in report.rejected] == [(4, "J-2")]
    assert "price" in report.rejected[0].reason


@pytest.mark.parametrize(("name", "text", "fragment"), [
    ("a.csv", "sku,title\nX,Y\n", "no 'price' column"),
    ("a.json", '{"sku": "X"}', "must be an array"),
    ("a.json", '[{"sku": "X",}]', "line 1: not valid JSON"),
    ("a.txt", "sku", "give a .csv or .json file"),
], ids=["missing column", "json not a list", "broken json", "wrong suffix"])
def test_files_that_cannot_be_read_as_a_catalogue(tmp_path: Path, name: str, text: str, fragment: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=fragment):
        parse_listings(path)


def test_catalogue_write_replaces_the_file_whole(tmp_path: Path) -> None:
    report = parse_listings(_csv(tmp_path), currencies={"EUR"})
    write_catalogue(tmp_path / "store", report.listings)
    assert [item.sku for item in load_listings(tmp_path / "store")] == ["A-1", "A-5"]
    assert [p.name for p in (tmp_path / "store").iterdir()] == ["listings.json"]  # no temp file left behind


def _store_settings(tmp_path: Path, fake_index_dir: Path) -> Settings:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(PROJECT_ROOT / "knowledge", knowledge)
    return Settings(knowledge_dir=knowledge, index_dir=fake_index_dir, embedder="hash", retriever="chroma",
                    llm="offline")


def test_import_listings_command_reports_and_never_half_writes(tmp_path: Path, fake_index_dir: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.cli import app

    settings = _store_settings(tmp_path, tmp_path / "index")
    monkeypatch.setattr("assistant.cli_stores.get_settings", lambda: settings)
    store_dir = settings.knowledge_dir / "stores" / "rhein-kueche"
    before = (store_dir / "listings.json").read_text(encoding="utf-8")
    runner = CliRunner()

    strict = runner.invoke(app, ["import-listings", str(_csv(tmp_path)), "--store", "rhein-kueche", "--strict"])
    assert strict.exit_code == 2
    assert "listings.csv:3: rejected (A-2)" in strict.output and "nothing written" in strict.output
    assert (store_dir / "listings.json").read_text(encoding="utf-8") == before

    done = runner.invoke(app, ["import-listings", str(_csv(tmp_path)), "--store", "rhein-kueche"])
    assert done.exit_code == 2, done.output  # some rows were rejected: the exit code says so
    assert "2 rows imported, 4 rejected" in done.output
    assert [item["sku"] for item in json.loads((store_dir / "listings.json").read_text())] == ["A-1", "A-5"]

    status = runner.invoke(app, ["index", "--status", "--store", "rhein-kueche"])
    assert status.exit_code == 0 and "is current" in status.output, status.output
