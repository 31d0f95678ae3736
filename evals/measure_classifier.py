"""Measure the offline intent classifier alone: external sets, our held-out messages, cross-validation on exemplars.

Run: python -m evals.measure_classifier [--cv] [--heldout] [--datasets FILE ...] [--confusions 8] [--save NAME]
Every text is embedded once with the real model and its vector cached under var/measure/, so reruns take seconds.
Only aggregates are printed (accuracy, per-language numbers, confusion counts), never a dataset row.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from assistant.classify import ExemplarClassifier, Exemplars, load_exemplars
from assistant.embeddings import Embedder, Vectors, make_embedder
from assistant.models import CATEGORY_OF, Intent
from assistant.settings import PROJECT_ROOT, get_settings

__all__ = ["CachedEmbedder", "Score", "main"]

DATASETS_DIR = PROJECT_ROOT.parent / "shared" / "datasets"
DEFAULT_DATASETS = ("bitext_customer_service", "twcs_amazonhelp_golden150", "pmc_fr_ecommerce_chat")
INTENT_NAMES = frozenset(i.value for i in Intent)
HELDOUT = PROJECT_ROOT / "tests" / "data" / "heldout_intents.jsonl"
HELDOUT_EDGE = PROJECT_ROOT / "tests" / "data" / "heldout_edge.jsonl"  # harder concepts, with accept lists
WORK_DIR = PROJECT_ROOT / "var" / "measure"


class CachedEmbedder:
    """The real embedder behind a persistent text -> vector cache (one .npz per embedder)."""

    def __init__(self, inner: Embedder, path: Path) -> None:
        self._inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self._path = path
        self._rows: dict[str, Vectors] = {}
        if path.exists():
            with np.load(path) as data:
                self._rows = dict(zip(data["keys"].tolist(), data["vectors"], strict=True))
        self._dirty = False

    @staticmethod
    def _key(text: str) -> str:
        return hashlib.sha1(text.encode()).hexdigest()

    def query(self, texts: Sequence[str]) -> Vectors:
        missing = list(dict.fromkeys(t for t in texts if self._key(t) not in self._rows))
        for start in range(0, len(missing), 64):
            chunk = missing[start : start + 64]
            for text, vec in zip(chunk, self._inner.query(chunk), strict=True):
                self._rows[self._key(text)] = vec
            self._dirty = True
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._rows[self._key(t)] for t in texts]).astype(np.float32)

    def passage(self, texts: Sequence[str]) -> Vectors:
        return self._inner.passage(texts)

    def save(self) -> None:
        if self._dirty:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            keys = np.array(list(self._rows))
            np.savez(self._path, keys=keys, vectors=np.stack(list(self._rows.values())))
            self._dirty = False


@dataclass
class Score:
    """Counts for one slice (a file, a language, a fold)."""

    n: int = 0
    strict: int = 0
    lenient: int = 0
    coarse: int = 0
    out_of_scope: int = 0
    said_other: int = 0
    confusions: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(self, gold: str, accept: Sequence[str], predicted: Intent, out_of_scope: bool = False) -> None:
        self.n += 1
        self.out_of_scope += out_of_scope
        self.said_other += out_of_scope and predicted == Intent.OTHER
        self.strict += predicted.value == gold
        ok = predicted.value in accept
        self.lenient += ok
        self.coarse += CATEGORY_OF[predicted] in {CATEGORY_OF[Intent(a)] for a in accept if a in INTENT_NAMES}
        if not ok:
            self.confusions[(gold, predicted.value)] += 1

    def line(self) -> str:
        n = max(self.n, 1)
        text = (f"n={self.n:<5d} strict {self.strict / n:.3f}  lenient {self.lenient / n:.3f}  "
                f"coarse {self.coarse / n:.3f}")
        if self.out_of_scope:
            text += f"  other-recall(out of scope) {self.said_other / self.out_of_scope:.3f}"
        return text

    def as_dict(self) -> dict[str, float]:
        n = max(self.n, 1)
        return {"n": self.n, "strict": self.strict / n, "lenient": self.lenient / n, "coarse": self.coarse / n}


def macro_f1(pairs: list[tuple[str, str]]) -> float:
    """Macro-F1 over the gold intents present, from (gold, predicted) pairs."""
    f1s = []
    for label in sorted({g for g, _ in pairs}):
        tp = sum(1 for g, p in pairs if g == label and p == label)
        fp = sum(1 for g, p in pairs if g != label and p == label)
        fn = sum(1 for g, p in pairs if g == label and p != label)
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return float(np.mean(f1s)) if f1s else 0.0


def read_jsonl(path: Path) -> list[dict[str, object]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def evaluate_rows(clf: ExemplarClassifier, embedder: CachedEmbedder, rows: list[dict[str, object]],
                  gold_key: str) -> tuple[Score, dict[str, Score], float, list[float]]:
    texts = [str(r["text"]) for r in rows]
    vectors = embedder.query(texts)
    total, by_lang = Score(), defaultdict[str, Score](Score)
    pairs: list[tuple[str, str]] = []
    latencies: list[float] = []
    for row, text, vec in zip(rows, texts, vectors, strict=True):
        started = time.perf_counter()
        predicted = clf.classify(text, vec).intent
        latencies.append((time.perf_counter() - started) * 1000)
        gold = str(row[gold_key])
        accept = [str(a) for a in row.get("accept", [gold])]  # type: ignore[attr-defined]
        out_of_scope = row.get("mapping_quality") == "out_of_scope"
        total.add(gold, accept, predicted, out_of_scope)
        by_lang[str(row.get("lang", "en"))].add(gold, accept, predicted, out_of_scope)
        if "concept" in row:
            by_lang[f"concept {row['concept']}"].add(gold, accept, predicted, out_of_scope)
        pairs.append((gold, predicted.value))
    return total, dict(by_lang), macro_f1(pairs), latencies


def print_slice(title: str, total: Score, by_lang: dict[str, Score], f1: float, confusions: int) -> None:
    print(f"{title:<28s} {total.line()}  macroF1 {f1:.3f}")
    if len(by_lang) > 1:
        for lang in sorted(by_lang):
            print(f"    {lang:<24s} {by_lang[lang].line()}")
    if confusions:
        top = ", ".join(f"{g}->{p} {c}" for (g, p), c in total.confusions.most_common(confusions))
        print(f"    top confusions: {top}")


def subset(ex: Exemplars, keep: np.ndarray) -> Exemplars:
    idx = np.flatnonzero(keep)
    return Exemplars([ex.texts[i] for i in idx], [ex.intents[i] for i in idx], [ex.languages[i] for i in idx])


def cross_validate(ex: Exemplars, embedder: CachedEmbedder, threshold: float, confusions: int) -> dict[str, object]:
    """Leave-one-language-out and 5-fold stratified CV on our exemplars (train on the rest, test on the fold)."""
    langs = np.array(ex.languages)
    report: dict[str, object] = {}
    lolo_total, lolo_lang = Score(), {}
    lolo_pairs: list[tuple[str, str]] = []
    for lang in sorted(set(ex.languages)):
        clf = ExemplarClassifier(embedder, subset(ex, langs != lang), None, threshold)
        score = Score()
        test = np.flatnonzero(langs == lang)
        vectors = embedder.query([ex.texts[i] for i in test])
        for i, vec in zip(test, vectors, strict=True):
            predicted = clf.classify(ex.texts[i], vec).intent
            score.add(ex.intents[i].value, [ex.intents[i].value], predicted)
            lolo_total.add(ex.intents[i].value, [ex.intents[i].value], predicted)
            lolo_pairs.append((ex.intents[i].value, predicted.value))
        lolo_lang[lang] = score
    print_slice("exemplars leave-1-lang-out", lolo_total, lolo_lang, macro_f1(lolo_pairs), confusions)
    report["lolo"] = {"all": lolo_total.as_dict(), **{k: v.as_dict() for k, v in lolo_lang.items()}}
    rng = np.random.default_rng(0)
    folds = np.zeros(len(ex.texts), dtype=int)
    for intent in set(ex.intents):
        idx = np.flatnonzero(np.array(ex.intents) == intent)
        folds[rng.permutation(idx)] = np.arange(len(idx)) % 5
    kfold_total, kfold_lang = Score(), defaultdict[str, Score](Score)
    kfold_pairs: list[tuple[str, str]] = []
    for fold in range(5):
        clf = ExemplarClassifier(embedder, subset(ex, folds != fold), None, threshold)
        test = np.flatnonzero(folds == fold)
        vectors = embedder.query([ex.texts[i] for i in test])
        for i, vec in zip(test, vectors, strict=True):
            predicted = clf.classify(ex.texts[i], vec).intent
            kfold_total.add(ex.intents[i].value, [ex.intents[i].value], predicted)
            kfold_lang[ex.languages[i]].add(ex.intents[i].value, [ex.intents[i].value], predicted)
            kfold_pairs.append((ex.intents[i].value, predicted.value))
    print_slice("exemplars 5-fold", kfold_total, dict(kfold_lang), macro_f1(kfold_pairs), confusions)
    report["kfold"] = {"all": kfold_total.as_dict(), **{k: v.as_dict() for k, v in kfold_lang.items()}}
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--datasets", nargs="*", default=list(DEFAULT_DATASETS),
                        help="dataset names in ../shared/datasets (no .jsonl); none to skip")
    parser.add_argument("--cv", action="store_true", help="cross-validate on our exemplars")
    edge = HELDOUT_EDGE.name
    parser.add_argument("--heldout", action="store_true",
                        help=f"score {HELDOUT.relative_to(PROJECT_ROOT)} and {edge} (by language, concept)")
    parser.add_argument("--confusions", type=int, default=6, help="top confusions to print per slice")
    parser.add_argument("--save", help="write the numbers to var/measure/runs/NAME.json")
    args = parser.parse_args()

    settings = get_settings()
    embedder = CachedEmbedder(make_embedder(settings.embedder), WORK_DIR / f"vectors-{settings.embedder}.npz")
    exemplars = load_exemplars(settings.exemplars_dir)
    started = time.perf_counter()
    clf = ExemplarClassifier(embedder, exemplars, WORK_DIR / "cache", settings.other_threshold)
    print(f"classifier ready in {time.perf_counter() - started:.2f}s on {len(exemplars.texts)} exemplars")
    report: dict[str, object] = {}
    latencies: list[float] = []
    for name in args.datasets:
        rows = read_jsonl(DATASETS_DIR / f"{name}.jsonl")
        total, by_lang, f1, lat = evaluate_rows(clf, embedder, rows, "category")
        latencies += lat
        print_slice(name, total, by_lang, f1, args.confusions)
        report[name] = {"all": total.as_dict(), "macro_f1": f1, **{k: v.as_dict() for k, v in by_lang.items()}}
    if args.heldout:
        total, by_lang, f1, lat = evaluate_rows(clf, embedder, read_jsonl(HELDOUT), "intent")
        latencies += lat
        print_slice("heldout (ours)", total, by_lang, f1, args.confusions)
        report["heldout"] = {"all": total.as_dict(), "macro_f1": f1, **{k: v.as_dict() for k, v in by_lang.items()}}
        total, by_lang, f1, lat = evaluate_rows(clf, embedder, read_jsonl(HELDOUT_EDGE), "intent")
        latencies += lat
        print_slice("heldout edge (ours)", total, by_lang, f1, args.confusions)
        report["heldout_edge"] = {"all": total.as_dict(), **{k: v.as_dict() for k, v in by_lang.items()}}
    if args.cv:
        report["cv"] = cross_validate(exemplars, embedder, settings.other_threshold, args.confusions)
    if latencies:
        p95 = sorted(latencies)[int(0.95 * (len(latencies) - 1))]
        print(f"classify() beyond the embedding: mean {statistics.fmean(latencies):.2f} ms, p95 {p95:.2f} ms")
    embedder.save()
    if args.save:
        out = WORK_DIR / "runs" / f"{args.save}.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(report, indent=1), encoding="utf-8")
        print(f"saved {out.relative_to(PROJECT_ROOT)}")


if __name__ == "__main__":
    main()
