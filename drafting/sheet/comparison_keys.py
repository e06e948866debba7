"""What an indicator's own keys say about its comparisons, read for :func:`indicators.resolve`:
the base named by so_voi, how the change is written, the digits of its per cents, further plans."""

from __future__ import annotations

from decimal import Decimal

from .. import lang as vi
from ..lang.periods import Period
from .indicator_model import ChiTieu

__all__ = ["comparison_keys", "other_plans"]


def other_plans(e: ChiTieu) -> tuple[tuple[str, Decimal, bool], ...]:
    """Further plans given: (label, plan, False), or (label, its share as stated, True)."""
    out: list[tuple[str, Decimal, bool]] = []
    for p in e.ke_hoach_khac:
        if p.ke_hoach is not None:
            out.append((p.ten_ke_hoach, p.ke_hoach, False))
        elif p.dat_ke_hoach is not None:
            out.append((p.ten_ke_hoach, p.dat_ke_hoach, True))
    return tuple(out)


def comparison_keys(e: ChiTieu, period: Period, value_known: bool) -> dict:
    """What the indicator is compared with and how the change is written (cach_so_sanh)."""
    named = e.so_voi.removeprefix("so với ").strip() if e.so_voi else ""
    return {"compared_with": f"so với {named}" if named else period.compared_with,
            "change_way": e.cach_so_sanh or "", "value_known": value_known, "named_base": bool(named),
            "percent_digits": vi.DEFAULT_DIGITS if e.chu_so_phan_tram is None else e.chu_so_phan_tram}
