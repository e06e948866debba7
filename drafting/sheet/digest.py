"""The hash of a sheet's content, recorded in every draft and in the bulk manifest."""

from __future__ import annotations

import hashlib
import json

from .models import Sheet


def sheet_digest(sheet: Sheet) -> str:
    """The hash of what a sheet says, whether it came from a YAML file or a table row."""
    canonical = json.dumps(sheet.model_dump(mode="json"), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
