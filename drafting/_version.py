"""The version of drafting, apart so that modules can read it without a cycle."""

__version__ = "0.1.0"
