"""The command line (``drafting``, ``python -m drafting``): commands, help screens, the error edge."""

from .commands import cli
from .edge import main, run

__all__ = ["cli", "main", "run"]
