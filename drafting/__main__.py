"""``python -m drafting``: the same command line as ``drafting``."""

from .cli import run

# Worker processes of a bulk run import this module again; only the first one runs the command.
if __name__ == "__main__":
    run()
