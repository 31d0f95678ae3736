"""HTTP API for inbox tools."""
