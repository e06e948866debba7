"""The yearly cycle: next year's sheet (``new_sheet``, ``blank_sheet``), new figures merged into an
edited draft (``regenerate``), and what changed between two sheets or drafts (``diff``)."""
