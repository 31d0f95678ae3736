"""Load labelled sets as Datasets: our own cases (YAML or JSONL) and the shared external sets, read in place.

The format is told by the fields, not the file name:
- ours: `{id, text, order?, expect: {...}}` per line, or a YAML file `{language?, defaults?, cases: [...]}`;
- external (../shared/datasets): `{id, text, category, accept, mapping_quality, ...}` per line;
- the classifier's held-out messages (tests/data/heldout_*.jsonl): `{text, intent, lang, accept?, concept?}` per
  line, or `{text, intents, lang}` for messages with one or two requests (heldout_multi.jsonl); ids made from the
  file name and line number.
A folder loads every *.yaml, *.yml and *.jsonl file in it, each case remembering its file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from assistant.errors import InputError
from assistant.language import SUPPORTED
from assistant.models import Intent
from evals.dataset import Case, Dataset, Expectation

__all__ = ["EXTERNAL_FIELDS", "HELDOUT_FIELDS", "MULTI_FIELDS", "case_from_external", "case_from_heldout",
           "case_from_multi", "load_dataset"]

INTENTS = frozenset(i.value for i in Intent)
EXTERNAL_FIELDS = frozenset({"id", "text", "category", "accept", "mapping_quality"})
HELDOUT_FIELDS = frozenset({"text", "intent", "lang"})
MULTI_FIELDS = frozenset({"text", "intents", "lang"})
OWN_SUFFIXES = (".yaml", ".yml", ".jsonl")


def _problem(exc: ValidationError) -> str:
    return "; ".join(f"{'.'.join(map(str, e['loc'])) or 'case'}: {e['msg']}" for e in exc.errors()[:3])


def _intent(label: object) -> Intent | None:
    return Intent(label) if label in INTENTS else None


def case_from_external(row: dict[str, Any], source: str) -> Case:
    """A shared-dataset row as a Case: `category` is the strict answer, `accept` the lenient ones.

    A label outside our taxonomy is kept in meta["unknown_labels"] and not scored: a strict label that is not an
    intent leaves the row to lenient scoring over its known `accept` labels.
    """
    lang = row.get("lang")
    meta = {k: str(row[k]) for k in ("mapping_quality", "source_label", "source_category") if row.get(k) is not None}
    labels = [row["category"], *row["accept"]]
    unknown = sorted({str(label) for label in labels if _intent(label) is None})
    if unknown:
        meta["unknown_labels"] = ",".join(unknown)
    accept = [i for i in map(_intent, row["accept"]) if i is not None]
    if not accept and _intent(row["category"]) is None:
        raise ValueError(f"no label of our taxonomy in category/accept ({', '.join(unknown)})")
    expect = Expectation(
        intent=_intent(row["category"]),
        accept=accept,
        language=lang if lang in SUPPORTED else None,
        out_of_scope=row["mapping_quality"] == "out_of_scope",
    )
    return Case(id=str(row["id"]), text=str(row["text"]), expect=expect, source=source, meta=meta)


def case_from_heldout(row: dict[str, Any], source: str, number: int) -> Case:
    """A held-out classifier message as a Case: its intent, the intents it also accepts, its language."""
    intent = Intent(row["intent"])
    expect = Expectation(intent=intent, accept=[Intent(a) for a in row.get("accept", [])],
                         language=row["lang"] if row["lang"] in SUPPORTED else None)
    meta = {"concept": str(row["concept"])} if row.get("concept") else {}
    return Case(id=f"{Path(source).stem}-{number}", text=str(row["text"]), expect=expect, source=source, meta=meta)


def case_from_multi(row: dict[str, Any], source: str, number: int) -> Case:
    """A held-out message with one or two requests ({text, intents, lang}): either request may lead, and both must
    be named; a one-request message must name nothing else."""
    intents = [Intent(i) for i in row["intents"]]
    expect = Expectation(accept=intents, also=intents if len(intents) > 1 else [],
                         language=row["lang"] if row["lang"] in SUPPORTED else None)
    return Case(id=f"{Path(source).stem}-{number}", text=str(row["text"]), expect=expect, source=source)


def _case_from_row(row: dict[str, Any], source: str, number: int) -> Case:
    if "expect" in row:
        return Case.model_validate({**row, "source": source})
    if row.keys() >= EXTERNAL_FIELDS:
        return case_from_external(row, source)
    if row.keys() >= HELDOUT_FIELDS:
        return case_from_heldout(row, source, number)
    if row.keys() >= MULTI_FIELDS:
        return case_from_multi(row, source, number)
    raise ValueError(
        f"unknown format (fields: {', '.join(sorted(row))}); expected ours {{id, text, order?, expect}}, "
        f"a shared dataset's {{{', '.join(sorted(EXTERNAL_FIELDS))}}} or held-out {{text, intent, lang}} or "
        "{text, intents, lang}"
    )


def _load_jsonl(path: Path) -> list[Case]:
    cases: list[Case] = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                if not isinstance(row, dict):
                    raise ValueError("a line must be a JSON object")
                cases.append(_case_from_row(row, path.name, number))
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{number}: not valid JSON ({exc.msg}).") from exc
            except ValidationError as exc:
                raise InputError(f"{path}:{number}: {_problem(exc)}.") from exc
            except (ValueError, KeyError) as exc:
                raise InputError(f"{path}:{number}: {exc}.") from exc
    return cases


def _merge(defaults: dict[str, Any], case: dict[str, Any]) -> dict[str, Any]:
    merged = {**defaults, **case}
    for key in ("order", "expect"):
        if isinstance(defaults.get(key), dict) and key in case:
            merged[key] = {**defaults[key], **(case[key] or {})}
    return merged


def _load_yaml(path: Path) -> list[Case]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        raise InputError(f"{where}: not valid YAML ({getattr(exc, 'problem', exc)}).") from exc
    if not isinstance(data, dict) or not isinstance(data.get("cases"), list):
        raise InputError(f"{path}: a case file is a mapping with a 'cases' list (and optional 'language', 'defaults').")
    defaults: dict[str, Any] = dict(data.get("defaults") or {})
    if data.get("language"):
        defaults["expect"] = {"language": data["language"], **(defaults.get("expect") or {})}
    cases: list[Case] = []
    for index, raw in enumerate(data["cases"]):
        try:
            cases.append(Case.model_validate({**_merge(defaults, raw), "source": path.name}))
        except ValidationError as exc:
            ident = raw.get("id", f"#{index + 1}") if isinstance(raw, dict) else f"#{index + 1}"
            raise InputError(f"{path}: case {ident}: {_problem(exc)}.") from exc
    return cases


def _load_file(path: Path) -> list[Case]:
    if path.suffix in (".yaml", ".yml"):
        return _load_yaml(path)
    return _load_jsonl(path)


def load_dataset(path: Path) -> Dataset:
    """Every case in a file or a folder of case files; ids must be unique across the set."""
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in OWN_SUFFIXES)
        if not files:
            raise InputError(f"{path}: no case files (*.yaml, *.jsonl) in this folder.")
    elif path.is_file():
        files = [path]
    else:
        raise InputError(f"{path}: no such file or folder. Give a JSONL/YAML case file or a folder of them.")
    cases = [case for file in files for case in _load_file(file)]
    if not cases:
        raise InputError(f"{path}: no cases found.")
    seen: set[str] = set()
    for case in cases:
        if case.id in seen:
            raise InputError(f"{path}: case id '{case.id}' appears twice ({case.source}); ids must be unique.")
        seen.add(case.id)
    return Dataset(name=path.stem if path.is_file() else path.name, cases=cases)
