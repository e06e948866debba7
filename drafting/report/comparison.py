"""The roll-up's table comparing localities: rows in Vietnamese alphabetical order, then totals.

The totals row is the roll-up sheet's own figures (sums, and rates recomputed
from summed counts), so it always agrees with the report's text.
"""

from __future__ import annotations

from typing import Any, Optional

from .. import lang as vi
from ..sheet.indicators import Indicator
from ..sheet.models import Sheet

DEFAULT_TITLE = "Kết quả một số chỉ tiêu chủ yếu theo địa bàn"
TOTAL = "Tổng cộng"


def comparison_context(sheet: Sheet, indicators: list[Indicator]) -> Optional[dict[str, Any]]:
    table = sheet.so_sanh_dia_ban
    if table is None:
        return None
    by_code = {ind.code: ind for ind in indicators}
    shown = [by_code[code] for code in table.chi_tieu if code in by_code]

    def cell(ind: Indicator, value) -> str:
        return "-" if value is None else ind.number_text(value)

    # By name, then level: "Đô Lương" after "Diễn Châu" whether each is a xã or a phường.
    rows = sorted(table.dia_ban, key=lambda row: (vi.sort_key(row.ten), vi.sort_key(row.cap or "")))
    return {
        "tieu_de": table.tieu_de or DEFAULT_TITLE,
        "cot": [{"ten": ind.label, "don_vi": ind.unit} for ind in shown],
        "dong": [
            {
                "stt": str(i),
                "ten": vi.upper_first(f"{row.cap} {row.ten}" if row.cap else row.ten),
                "o": [cell(ind, row.gia_tri.get(ind.code)) for ind in shown],
            }
            for i, row in enumerate(rows, start=1)
        ],
        "tong": {"ten": TOTAL, "o": [cell(ind, ind.value) for ind in shown]},
    }
