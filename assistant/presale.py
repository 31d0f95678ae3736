"""Pre-sale questions: find the listing asked about, and the line of it that answers, cited."""

from __future__ import annotations

from assistant.catalogue import answer_from_listing, listing_citation, mentions_listing
from assistant.embeddings import Vectors
from assistant.knowledge import Listing
from assistant.models import Citation, OrderFacts
from assistant.retrieve import Retriever

__all__ = ["pre_sale_answer"]


def pre_sale_answer(text: str, order: OrderFacts, query: Vectors, listings: dict[str, Listing],
                    retriever: Retriever) -> tuple[Listing | None, Citation | None, str | None]:
    """The listing (the order's SKU, else the nearest listing the question names), its citation and answer line.

    No citation and no answer when the listing does not say: the draft then says the seller will check.
    """
    listing = listings.get(order.sku or "")
    if listing is None:
        hits = retriever.search(query, 1, kind="listing")
        found = listings.get(hits[0].section) if hits else None
        listing = found if found is not None and mentions_listing(text, found) else None
    answer = answer_from_listing(text, listing) if listing is not None else None
    if answer is None:
        return listing, None, None
    return listing, listing_citation(answer), answer.text
