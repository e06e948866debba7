"""Next year's conference (hoi_nghi) in a sheet made by 'drafting new --from'.

The conference recurs: its place, host, presiding officials and attendees stay; its date moves a
year on and the years in its name with it; what was said and seen there (the discussion, the events,
the conclusion, the captions) is last year's, kept as comments above the emptied keys as noi_dung is.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import ScalarString

from ..sheet.models import Sheet

__all__ = ["roll_conference"]

SAID_THERE = ("thao_luan", "su_kien", "ket_luan")


def roll_conference(data: Any, sheet: Sheet, was: str, shift: int) -> None:
    """Move ``data``'s hoi_nghi (the parsed sheet ``sheet``) on by ``shift`` years, in place."""
    from .new_sheet import _add_comment, _archive, _shift_years  # the same rules as the rest of the sheet

    block, conference = data.get("hoi_nghi") if isinstance(data, dict) else None, sheet.hoi_nghi
    if not isinstance(block, CommentedMap) or conference is None:
        return
    day = conference.ngay  # 29 February moves to the 28th
    day = date(day.year + shift, day.month, min(day.day, 28) if day.month == 2 else day.day)
    block["ngay"] = day if isinstance(block.get("ngay"), date) else day.strftime("%d/%m/%Y")
    _add_comment(block, "ngay", "# ngày dự kiến: sửa lại cho đúng\n")
    if isinstance(name := block.get("ten"), str):
        renamed = _shift_years(name, sheet.nam, shift)
        block["ten"] = type(name)(renamed) if isinstance(name, ScalarString) else renamed
    for key in SAID_THERE:
        _archive(block, key, was, 2)
    captions = block.get("anh")
    for key in list(captions) if isinstance(captions, CommentedMap) else ():
        _archive(captions, key, was, 4)
