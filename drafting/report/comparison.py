"""The roll-up's table comparing localities: rows in Vietnamese alphabetical order, then totals.

The totals row is the roll-up sheet's own figures (sums, and rates recomputed
from summed counts), so it always agrees with the report's text. Each column prints
its figures with one number of decimals (a total rate of 2 reads "2,00" under "1,97"),
and takes a share of the indicators' width fit for its heading and figures.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Optional

from .. import lang as vi
from ..lang.numbers import decimals, format_fixed
from ..sheet.indicators import Indicator
from ..sheet.models import Sheet

DEFAULT_TITLE = "Kết quả một số chỉ tiêu chủ yếu theo địa bàn"
TOTAL = "Tổng cộng"
# The indicators share the table's width in this many parts (tools/build_templates.py cuts
# their width into as many grid columns); each column spans ``rong`` of them.
SHARES = 60
# A heading may take this many lines (its unit has a row of its own under it).
HEADING_LINES = 3


def _cells(ind: Indicator, values: list[Optional[Decimal]]) -> list[str]:
    """The column's figures with the same decimals: as many as the most any of them shows."""
    shown = [ind.number_text(v) for v in values if v is not None]
    digits = max((decimals(text) for text in shown), default=0)
    return ["-" if v is None else format_fixed(v, digits) for v in values]


def _need(label: str, cells: list[str]) -> float:
    """What a column needs, in characters across: its widest figure, its longest word, and its
    heading in at most HEADING_LINES lines (a little more: lines break between words)."""
    words = max((len(w) for w in label.split()), default=0)
    return max(max((len(c) for c in cells), default=1) + 1.0, words + 1.0, len(label) / (HEADING_LINES - 0.5))


def shares(needs: list[float], total: int = SHARES) -> list[int]:
    """``total`` parts shared in proportion to ``needs`` (largest remainders), at least one each."""
    if not needs:
        return []
    exact = [total * need / sum(needs) for need in needs]
    parts = [max(1, int(x)) for x in exact]
    order = sorted(range(len(needs)), key=lambda i: parts[i] - exact[i])
    i = 0
    while sum(parts) != total:
        j = order[i % len(order)]
        if sum(parts) < total:
            parts[j] += 1
        elif parts[j] > 1:
            parts[j] -= 1
        i += 1
    return parts


def comparison_context(sheet: Sheet, indicators: list[Indicator]) -> Optional[dict[str, Any]]:
    table = sheet.so_sanh_dia_ban
    if table is None:
        return None
    by_code = {ind.code: ind for ind in indicators}
    shown = [by_code[code] for code in table.chi_tieu if code in by_code]

    # By name, then level: "Đô Lương" after "Diễn Châu" whether each is a xã or a phường.
    rows = sorted(table.dia_ban, key=lambda row: (vi.sort_key(row.ten), vi.sort_key(row.cap or "")))
    # Column by column, the localities' figures and the total last.
    columns = [_cells(ind, [row.gia_tri.get(ind.code) for row in rows] + [ind.value]) for ind in shown]
    widths = shares([_need(ind.label, cells) for ind, cells in zip(shown, columns)])
    return {
        "tieu_de": table.tieu_de or DEFAULT_TITLE,
        "cot": [{"ten": ind.label, "don_vi": ind.unit, "rong": width} for ind, width in zip(shown, widths)],
        "dong": [
            {
                "stt": str(i),
                "ten": vi.upper_first(f"{row.cap} {row.ten}" if row.cap else row.ten),
                "o": [cells[i - 1] for cells in columns],
            }
            for i, row in enumerate(rows, start=1)
        ],
        "tong": {"ten": TOTAL, "o": [cells[-1] for cells in columns]},
    }
