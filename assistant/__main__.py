"""`python -m assistant` is the same as `reply-assistant`."""

from assistant.cli import main

main()
