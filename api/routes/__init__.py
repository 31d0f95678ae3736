"""The API's routers: drafts (single, batch, streaming), tools (classify, check, policies), ops (health, metrics)."""
