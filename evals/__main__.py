"""`python -m evals PATH [options]` is `reply-assistant eval PATH [options]`."""

import sys

from assistant.cli import app

if __name__ == "__main__":
    app(["eval", *sys.argv[1:]], prog_name="python -m evals")
