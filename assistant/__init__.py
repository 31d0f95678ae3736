"""Seller Reply Assistant: classify a buyer message, decide what may be offered, cite policy, draft, guard."""

__version__ = "0.1.0"
