"""Dates as official documents write them: "ngày 05 tháng 3 năm 2023"."""

from __future__ import annotations

from datetime import date
from typing import Optional


def format_date(d: Optional[date], year_if_blank: Optional[int] = None) -> str:
    """ "ngày 05 tháng 01 năm 2023", "ngày 05 tháng 3 năm 2023".

    A leading zero goes on days 1-9 and on months 1 and 2 only (NĐ 30/2020).
    With no date, the blanks are left for the clerk to fill by hand.
    """
    if d is None:
        year = str(year_if_blank) if year_if_blank else "      "
        return f"ngày      tháng      năm {year}"
    day = f"{d.day:02d}"
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return f"ngày {day} tháng {month} năm {d.year}"
