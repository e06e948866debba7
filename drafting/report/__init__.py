"""The report's content: the template context built from a loaded sheet (``context``), and
the table comparing localities (``comparison``)."""
