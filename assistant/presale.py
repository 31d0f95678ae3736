"""Pre-sale questions: find the listing asked about, and the line of it that answers, cited."""

from __future__ import annotations

from assistant.catalogue import Catalogue, answer_from_listing, calls_by_name, listing_citation, mentions_listing
from assistant.embeddings import Vectors
from assistant.knowledge import Listing
from assistant.models import Citation, OrderFacts
from assistant.retrieve import Retriever

__all__ = ["SEARCH_DEPTH", "pre_sale_answer"]

SEARCH_DEPTH = 3  # "¿los tarros de bambú...?" finds the bamboo shelf first and the jars (tarros) second


def pre_sale_answer(text: str, order: OrderFacts, query: Vectors, listings: Catalogue,
                    retriever: Retriever) -> tuple[Listing | None, Citation | None, str | None]:
    """The listing (the order's SKU, else the nearest listing the question names, else the one it calls by a local
    name), its citation and answer line.

    No citation and no answer when the listing does not say: the draft then says the seller will check.
    """
    listing = listings.get(order.sku or "")
    if listing is None:
        # The nearest listing if the question names it (a title word or a local name); else one of the next
        # nearest that the question calls by a local name: a shared title word ("hand" in "hand wash" and "Hand
        # Blender") is too weak beyond the nearest.
        hits = [listings.get(hit.section) for hit in retriever.search(query, SEARCH_DEPTH, kind="listing")]
        listing = next((found for rank, found in enumerate(hits) if found is not None and (
            mentions_listing(text, found) if rank == 0 else calls_by_name(text, found))), None)
    if listing is None:  # else the one listing the question calls by one of its names, if only one
        called = listings.called_by_name(text)
        listing = called[0] if len(called) == 1 else None
    answer = answer_from_listing(text, listing) if listing is not None else None
    if answer is None:
        return listing, None, None
    return listing, listing_citation(answer), answer.text
