"""What the store's catalogue tells the pipeline: order facts for a SKU, and a product question's answer. Pure.

An answer is a line the listing itself contains (a bullet, the compatibility, the care notes...) that mentions
every specific thing the buyer asked about, or, for a question in another language, names the same thing
(dishwasher, size, warranty...) in the listing's; when no line does, there is no answer and the draft says the
seller will check. Nothing is paraphrased, so nothing is invented.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property, lru_cache

from assistant.cjk import CJK_CHAR
from assistant.knowledge import Listing
from assistant.models import Citation, OrderFacts, Reason, SourceRef

__all__ = ["Catalogue", "CatalogueFill", "ListingAnswer", "answer_from_listing", "calls_by_name", "fill_order_facts",
           "listing_citation", "mentions_listing"]

_WORD = re.compile(r"[^\W_]+(?:[-.][^\W_]+)*")
# Words a product question is made of but that name nothing about the product (en, de, fr, es, it).
_QUESTION_TEXT = """
a an the is are was be it its this that these those does do did can could will would should may might must i you
we my your our me us what which who how when where why whether if or and of to in on at for with by from as
about any some there their them they have has had not no yes please hello hi thanks thank question ask know tell
item product one use used using get fit fits fitting compatible compatibility work works go goes safe ok okay
also too very much many just only still really want need like would buy buying order ordered bought put take
make made
ist sind es das der die den dem ein eine einen und oder mit für von zu im in auf an bei ich sie wir mein meine
kann können passt passen geht funktioniert bitte danke hallo frage artikel produkt auch noch nicht
est ce que le la les un une des et ou avec pour de du dans sur il elle je vous nous mon ma mes peut
es el los las y o con para del en una uno puede
è il lo gli una e o con per di del nel può
"""
_QUESTION_WORDS = frozenset(_QUESTION_TEXT.split())


def _terms(text: str) -> list[str]:
    """The words of a question that name something: numbers, names, materials (lower-case, light plural fold)."""
    terms = []
    for word in _WORD.findall(text.lower()):
        if word in _QUESTION_WORDS or (len(word) < 3 and not word.isdigit()):
            continue
        terms.append(word[:-1] if len(word) > 4 and word.endswith("s") else word)
    return list(dict.fromkeys(terms))


def _has(line: str, term: str) -> bool:
    return re.search(rf"(?<![^\W_]){re.escape(term)}", line.lower()) is not None


@dataclass(frozen=True)
class ListingAnswer:
    """The listing line that answers the question, and the listing it comes from."""

    listing: Listing
    text: str
    matched: tuple[str, ...]


def _lines(listing: Listing) -> list[str]:
    """The listing's lines, split into sentences: an answer quotes one whole sentence, never more."""
    return [sentence for line in listing.lines() for sentence in re.split(r"(?<=\.)\s+", line) if sentence.strip()]


# A question in another language than the listing shares no words with it. Each concept below lists its words in
# the supported languages (ours); a question naming a concept is answered by the listing line that names the same
# concept in any of them. Latin words match at a word start ("spülmaschine" in "spülmaschinenfest"), Japanese and
# Chinese anywhere. A line that does not name the concept answers nothing: "oven safe?" over "dishwasher safe" is
# "we will check".
_CONCEPTS: tuple[tuple[str, ...], ...] = (
    ("dishwasher", "spülmaschine", "geschirrspüler", "lave-vaisselle", "lavavajilla", "lavastoviglie", "食洗機",
     "食器洗", "洗碗机"),
    ("microwave", "mikrowelle", "micro-onde", "microondas", "microonde", "電子レンジ", "レンジ対応", "微波炉"),
    ("oven", "backofen", "ofenfest", "four", "horno", "forno", "オーブン", "烤箱"),
    ("machine wash", "washing machine", "waschmaschine", "lave-linge", "lavadora", "lavatrice", "洗濯機", "洗衣机"),
    ("warranty", "guarantee", "garantie", "gewährleistung", "garantía", "garanzia", "保証", "保修", "质保"),
    ("dimension", "size", "größe", "maße", "abmessung", "taille", "tamaño", "medida", "dimensioni", "misure",
     "サイズ", "寸法", "尺寸", "大小"),
    ("compatib", "kompatib", "passt", "fit", "対応機種", "互換", "兼容", "适用", "适配"),
    ("capacity", "holds", "fassungsvermögen", "füllmenge", "contenance", "capacité", "capacidad", "capacità", "容量",
     "容積", "容积", "多大容量"),
    ("airtight", "luftdicht", "hermétique", "hermétic", "ermetic", "密閉", "气密", "密封"),
    ("how many", "set of", "pieces", "wie viele", "stück", "combien", "pièces", "cuántos", "cuántas", "piezas",
     "quanti", "quante", "pezzi", "何個", "いくつ", "几个", "多少个", "件套"),
)
_LATIN_WORD = re.compile(r"[0-9a-zà-ÿß]+(?:[-.][0-9a-zà-ÿß]+)*")  # "iphone 15" out of "兼容iphone 15吗"


def _names(text: str, word: str) -> bool:
    return word in text if CJK_CHAR.search(word) else _has(text, word)


def _concept_answer(question: str, listing: Listing) -> ListingAnswer | None:
    """The shortest line naming the concept the question asks about (in any language), with every model number
    the question names ("15", "s23": never guessed)."""
    asked = question.lower()
    numbered = [w for w in _LATIN_WORD.findall(asked) if any(ch.isdigit() for ch in w)]
    for words in _CONCEPTS:
        if not any(_names(asked, w) for w in words):
            continue
        lines = [line for line in _lines(listing)
                 if any(_names(line.lower(), w) for w in words) and all(_has(line, n) for n in numbered)]
        if lines:
            return ListingAnswer(listing, min(lines, key=len).strip(), (words[0],))
    return None


# "Is it in stock?" is answered from the listing's stock count, in the listing's words like every other answer.
# Only words that mean stock: "available" also asks about variants ("available in 12 inch?").
_STOCK_WORDS = ("in stock", "stock", "auf lager", "vorrätig", "en stock", "existencias", "in magazzino", "在庫", "有货",
                "有貨", "库存", "现货")


def _stock_answer(question: str, listing: Listing) -> ListingAnswer | None:
    if not any(_names(question.lower(), w) for w in _STOCK_WORDS):
        return None
    text = f"In stock: {listing.stock}" if listing.stock > 0 else "Out of stock"
    return ListingAnswer(listing, text, ("stock",))


def answer_from_listing(question: str, listing: Listing) -> ListingAnswer | None:
    """The one listing line that mentions every specific term of the question; else, for a question in another
    language, the line naming what it asks about (dishwasher, size, warranty...); else, for a stock question, the
    stock count ("In stock: 64"); else None."""
    # The product's own name says which product, not what about it: a title word need not be in the answer line.
    terms = [t for t in _terms(question) if t.isdigit() or not _has(listing.title, t)]
    best: tuple[int, str] | None = None
    for line in _lines(listing) if terms else []:
        if all(_has(line, t) for t in terms) and (best is None or len(line) < len(best[1])):
            best = (len(terms), line)
    if best is not None:
        return ListingAnswer(listing, best[1].strip(), tuple(terms))
    return _concept_answer(question, listing) or _stock_answer(question, listing)


# One shared title word is not enough: "stoneware plates" is not the "Stoneware Coffee Mug", a "phone case" not the
# "Phone Stand". A single word names the product only when it is one of its `names`.
TITLE_WORDS_NEEDED = 2


def mentions_listing(question: str, listing: Listing) -> bool:
    """Whether the question names the product (two words of its title, or one of its names in any language):
    needed before a search hit is trusted."""
    shared = [t for t in _terms(question) if not t.isdigit() and _has(listing.title, t)]
    return len(shared) >= TITLE_WORDS_NEEDED or calls_by_name(question, listing)


def calls_by_name(question: str, listing: Listing) -> bool:
    """Whether the question uses one of the product's names (`Listing.names`: "tarros", "マグカップ")."""
    names = tuple(name.lower() for language_names in listing.names.values() for name in language_names if name.strip())
    return bool(names) and _name_pattern(names).search(question.lower()) is not None


@lru_cache(maxsize=65_536)
def _name_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern per listing's names, compiled once: a question with no SKU is tried against the whole catalogue.
    The same match as `_names`: Japanese and Chinese anywhere, Latin names at a word start."""
    return re.compile("|".join(re.escape(n) if CJK_CHAR.search(n) else rf"(?<![^\W_]){re.escape(n)}" for n in names))


_TOKEN = re.compile(r"[^\W_]+")  # where a Latin name may start: after anything but a letter or digit


class Catalogue(dict[str, Listing]):
    """A store's listings by SKU, with an index of their local names built on the first question that needs it.

    The catalogue is read once when the store loads; `import-listings` writes a new file for the next load.
    """

    @cached_property
    def _name_index(self) -> tuple[dict[str, set[str]], dict[str, set[str]], dict[str, int]]:
        """SKUs by the first word of their Latin names and by their whole Japanese and Chinese names, and each SKU's
        place in the catalogue."""
        latin: dict[str, set[str]] = defaultdict(set)
        anywhere: dict[str, set[str]] = defaultdict(set)
        for sku, listing in self.items():
            for name in {n.lower() for names in listing.names.values() for n in names if n.strip()}:
                if CJK_CHAR.search(name) or not name[0].isalnum():
                    anywhere[name].add(sku)
                else:
                    latin[_TOKEN.findall(name)[0]].add(sku)
        return dict(latin), dict(anywhere), {sku: place for place, sku in enumerate(self)}

    def called_by_name(self, question: str) -> list[Listing]:
        """Every listing the question calls by one of its names, in catalogue order (what `calls_by_name` says
        of each listing, without trying each). A Latin name starts a word of the question ("tasse" in "tassen");
        a Japanese or Chinese one may be anywhere."""
        latin, anywhere, place = self._name_index
        text = question.lower()
        found: set[str] = set()
        for word in set(_TOKEN.findall(text)):
            for end in range(1, len(word) + 1):
                found |= latin.get(word[:end], set())
        for width in {len(name) for name in anywhere}:
            for start in range(len(text) - width + 1):
                found |= anywhere.get(text[start:start + width], set())
        return [self[sku] for sku in sorted(found, key=place.__getitem__) if calls_by_name(question, self[sku])]


def listing_citation(answer: ListingAnswer) -> Citation:
    """The citation for an answer: the listing, by SKU, with the line quoted."""
    return Citation(id=f"listing:{answer.listing.sku}", document="listings", section=answer.listing.sku,
                    snippet=answer.text[:280], score=1.0, title=answer.listing.title)


@dataclass(frozen=True)
class CatalogueFill:
    """The order facts with what the catalogue filled in, the listing, and the reason to record (if it filled)."""

    order: OrderFacts
    listing: Listing | None
    reason: Reason | None


def fill_order_facts(order: OrderFacts, listings: dict[str, Listing]) -> CatalogueFill:
    """Price, currency and stock from the listing of order.sku where the input did not give them."""
    listing = listings.get(order.sku or "")
    if listing is None:
        return CatalogueFill(order, None, None)
    filled: dict[str, object] = {}
    if order.item_price is None:
        filled["item_price"] = listing.price
    if order.currency is None:
        filled["currency"] = listing.currency
    if order.in_stock is None:
        filled["in_stock"] = listing.stock > 0
    if not filled:
        return CatalogueFill(order, listing, None)
    said = ", ".join(f"{key}={value}" for key, value in filled.items())
    reason = Reason(rule="order_facts_from_catalogue", source=SourceRef(document="listings", section=listing.sku),
                    note=f"not in the request, taken from the store's catalogue: {said}")
    return CatalogueFill(order.model_copy(update=filled), listing, reason)
