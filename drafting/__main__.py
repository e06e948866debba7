"""``python -m drafting``: the same command line as ``drafting``."""

from .cli import run

run()
