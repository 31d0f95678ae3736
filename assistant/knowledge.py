"""Read the seller's knowledge folder into passages: policy sections (Markdown) and product listings (JSON)."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.errors import KnowledgeError
from assistant.models import SIGNAL_SWITCHES, Language

__all__ = [
    "LISTINGS_FILE", "MAX_INTENTS", "IncludedPart", "Listing", "Passage", "listing_passages", "load_listings",
    "load_passages", "passage_hash", "policy_passages",
]

LISTINGS_FILE = "listings.json"
MAX_INTENTS = 3

_HEADING = re.compile(r"^(#{1,2})\s+(.+?)\s*$", re.MULTILINE)


class Passage(BaseModel):
    """One retrievable, citable piece of the knowledge base."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    document: str
    title: str
    section: str
    text: str
    kind: str = "policy"
    sku: str = ""
    intents: tuple[str, ...] = Field(default=(), description="intents the author says this section answers")
    fulfillment: str = Field(default="", description="merchant | amazon | mcf: cited only for such orders; '' any")
    severity: str = Field(default="", description="minor | severe: cited only when the damage sounds so; '' any")
    route: str = Field(default="", description="csba | amazon | human: cited, and first, only when the message "
                       "goes there; '' any")
    status: str = Field(default="", description="unshipped | shipped | delivered | cancelled: cited only for orders "
                        "in that state (shipped: also delivered ones, the parcel has left); '' any")
    signal: str = Field(default="", description="a message signal (exchange, customs, accident...): cited, and first, "
                        "only when the message has it; '' any")
    topics: tuple[str, ...] = Field(default=(), description="intents this passage is about: the declared ones, "
                                    "else tagged by the classifier at index time")


class IncludedPart(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    generic: bool


class Listing(BaseModel):
    """One product of the seller's catalogue."""

    model_config = ConfigDict(extra="forbid")

    sku: str
    title: str
    price: float = Field(ge=0)
    currency: str
    stock: int = Field(ge=0)
    description: str
    bullets: list[str] = Field(default_factory=list)
    included: list[IncludedPart] = Field(default_factory=list)
    compatibility: str | None = None
    dimensions: str | None = None
    warranty: str | None = None
    care: str | None = None
    names: dict[Language, list[str]] = Field(
        default_factory=dict, description="What buyers call the product in their language (de: [Tasse, Becher], "
        "ja: [マグカップ]): a question that names it finds this listing though the listing is written in another.")

    def lines(self) -> list[str]:
        """What the listing says, one line each: description, bullets, what is in the box, the labelled fields."""
        lines = [self.description, *self.bullets]
        if self.included:
            lines.append("In the box: " + ", ".join(p.name for p in self.included))
        lines += [f"{label}: {value}" for label, value in (
            ("Compatibility", self.compatibility), ("Dimensions", self.dimensions),
            ("Warranty", self.warranty), ("Care", self.care),
        ) if value]
        return lines

    def as_text(self) -> str:
        names = [name for language_names in self.names.values() for name in language_names]
        return "\n".join([self.title, *(["Also called: " + ", ".join(names)] if names else []), *self.lines()])


# `<!-- intents: damaged_in_transit, product_defect -->` on the line after a `## Section`: what it answers, so
# retrieval need not guess from the prose (hidden when the Markdown is rendered; sections without it are tagged
# by the classifier at index time). `<!-- intents: ...; fulfillment: mcf -->`: only for orders of that channel;
# `; severity: minor` only when the damage sounds minor (cited either way when the message does not say);
# `; route: csba` only when the rules hand the message to CSBA, and then before any other section;
# `; status: unshipped` only for orders in that state (`shipped` covers delivered ones too; cited either way when the
# request does not say); `; signal: exchange` only when the message has that signal (models.Signals), and then first.
_INTENTS = re.compile(r"<!--\s*intents:\s*([^>;]*?)\s*((?:;\s*\w+:\s*[^>;]*?\s*)*)-->")
_CONDITION = re.compile(r";\s*(\w+):\s*([^>;]*?)\s*(?=;|$)")
FULFILLMENTS = ("merchant", "amazon", "mcf")  # as in OrderFacts.fulfillment
SEVERITIES = ("minor", "severe")  # as in Severity, without unknown
ROUTES = ("csba", "amazon", "human")  # as in Route, without seller (the default)
STATUSES = ("unshipped", "shipped", "delivered", "cancelled")  # as in OrderFacts.status
SIGNALS = SIGNAL_SWITCHES  # the yes/no fields of models.Signals


def _declared_intents(names: str, path: Path, line: int) -> tuple[str, ...]:
    from assistant.models import Intent  # models import nothing from here; kept local to keep this module light

    found = tuple(n.strip() for n in names.split(",") if n.strip())
    unknown = [n for n in found if n not in {i.value for i in Intent}]
    if len(found) > MAX_INTENTS:
        raise KnowledgeError(f"{path}:{line}: a section answers at most {MAX_INTENTS} intents; split it in two.")
    if unknown or not found:
        raise KnowledgeError(f"{path}:{line}: intents comment names {', '.join(unknown) or 'nothing'}; use intent "
                             f"names such as {', '.join(i.value for i in list(Intent)[:4])}, ...")
    return found


def _conditions(text: str, path: Path, line: int) -> dict[str, str]:
    """`; fulfillment: mcf; severity: minor; route: csba; status: unshipped; signal: exchange` after the intents:
    when it applies."""
    allowed = {"fulfillment": FULFILLMENTS, "severity": SEVERITIES, "route": ROUTES, "status": STATUSES,
               "signal": SIGNALS}
    found: dict[str, str] = {}
    for key, value in _CONDITION.findall(text):
        if key not in allowed:
            raise KnowledgeError(f"{path}:{line}: unknown condition '{key}'; use {', '.join(allowed)}.")
        if value not in allowed[key]:
            raise KnowledgeError(f"{path}:{line}: {key} '{value}' is not one of {', '.join(allowed[key])}.")
        found[key] = value
    return found


def _policy_passages(path: Path) -> list[Passage]:
    text = path.read_text(encoding="utf-8")
    headings = list(_HEADING.finditer(text))
    title = next((m.group(2) for m in headings if m.group(1) == "#"), path.stem)
    passages = []
    sections = [m for m in headings if m.group(1) == "##"]
    for i, match in enumerate(sections):
        end = sections[i + 1].start() if i + 1 < len(sections) else len(text)
        body = text[match.end() : end].strip()
        declared = _INTENTS.match(body)
        line = text[: match.end()].count("\n") + 2
        if declared is None and body.startswith("<!--"):
            raise KnowledgeError(f"{path}:{line}: a section's conditions comment starts with the intents it answers, "
                                 "e.g. <!-- intents: other; signal: off_platform -->.")
        intents = _declared_intents(declared.group(1), path, line) if declared else ()
        conditions = _conditions(declared.group(2) if declared else "", path, line)
        body = body[declared.end():].strip() if declared else body
        if body:
            section = match.group(2)
            passages.append(Passage(id=f"{path.stem}#{i + 1}", document=path.stem, title=title, section=section,
                                    text=body, intents=intents, **conditions))
    if not passages:
        raise KnowledgeError(f"{path}: no '## Section' headings with text; each policy needs at least one section.")
    return passages


def load_listings(knowledge_dir: Path) -> list[Listing]:
    """The product catalogue in <knowledge_dir>/listings.json (an empty list when there is none)."""
    path = knowledge_dir / LISTINGS_FILE
    if not path.exists():
        return []
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise KnowledgeError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg}).") from exc
    if not isinstance(raw, list):
        raise KnowledgeError(f"{path}: expected a JSON list of products.")
    listings = []
    for i, item in enumerate(raw):
        try:
            listings.append(Listing.model_validate(item))
        except ValidationError as exc:
            err = exc.errors()[0]
            loc = ".".join(str(p) for p in err["loc"])
            raise KnowledgeError(f"{path}: product #{i + 1}: {loc}: {err['msg']}") from exc
    return listings


def policy_passages(knowledge_dir: Path) -> list[Passage]:
    """Every policy section under <knowledge_dir>/policies, in a stable order."""
    policy_dir = knowledge_dir / "policies"
    files = sorted(policy_dir.glob("*.md")) if policy_dir.is_dir() else []
    if not files:
        raise KnowledgeError(
            f"no policy documents in {policy_dir}. Add Markdown files there (see docs/stores.md) "
            "or point REPLY_ASSISTANT_KNOWLEDGE_DIR at your store's folder."
        )
    return [p for path in files for p in _policy_passages(path)]


def listing_passages(listings: list[Listing]) -> list[Passage]:
    """One passage per product, id `listing:<sku>`."""
    return [
        Passage(id=f"listing:{item.sku}", document="listings", title=item.title, section=item.sku,
                text=item.as_text(), kind="listing", sku=item.sku)
        for item in listings
    ]


def load_passages(knowledge_dir: Path) -> list[Passage]:
    """Every policy section under <knowledge_dir>/policies and every listing, in a stable order."""
    return policy_passages(knowledge_dir) + listing_passages(load_listings(knowledge_dir))


def passage_hash(passage: Passage, embedder_name: str) -> str:
    """A content hash of one chunk and the embedder: the index re-embeds a chunk only when this changes."""
    digest = hashlib.sha256(embedder_name.encode())
    digest.update(passage.model_dump_json(exclude={"topics"}).encode())
    return digest.hexdigest()[:16]
