"""The comparison phrases of a report: "tăng 8,56% so với cùng kỳ", "đạt 100,51% kế hoạch"."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, Optional, get_args

from .numbers import Number, format_number, format_percent, round_half_up, to_decimal
from .phrase import Phrase, Segment

# The kinds of figure: the one definition (the catalogue and the sheet read it here).
# Counts and amounts compare by ratio; a rate compares by its difference in points.
Kind = Literal["so_luong", "so_tien", "ty_le"]
KIND_COUNT, KIND_AMOUNT, KIND_RATE = get_args(Kind)

LAST_YEAR = "so với cùng kỳ"
POINTS = "điểm phần trăm"


def without_repeats(sentences: list[Phrase], base: str = LAST_YEAR) -> list[Phrase]:
    """Consecutive sentences do not both say "so với cùng kỳ" (or a review's "so với năm 2015"):
    the second leaves it understood."""
    out: list[Phrase] = []
    said = False
    for sentence in sentences:
        text = str(sentence)
        has = f" {base}" in text
        # Left out only where nothing else is compared: after "vượt 2,3 điểm phần trăm so với kế
        # hoạch" or "đạt 291,3% dự toán", a bare "tăng 13,6%" would read as against the plan.
        alone = text.count("so với") == 1 and not any(w in text for w in ("kế hoạch", "dự toán", " KH"))
        drop = has and said and alone
        out.append(sentence.without(f" {base}") if drop else sentence)
        said = has and not drop
    return out


def change_vs_last_year(value: Number, last_year: Optional[Number], kind: str,
                        base: str = LAST_YEAR) -> Optional[Phrase]:
    """ "tăng 8,56% so với cùng kỳ", "giảm 0,01 điểm phần trăm so với cùng kỳ".

    Counts and amounts compare by ratio, so a last year of 0 or none gives
    nothing; a rate compares by its difference in percentage points. ``base`` is what the
    figure is compared with: a review compares with its first year ("so với năm 2015").
    """
    short = change_short(value, last_year, kind)
    if short is None:
        return None
    if str(short) == "bằng":
        return Phrase([f"bằng {base.removeprefix('so với ')}"])
    return short + f" {base}"


def change_short(value: Number, last_year: Optional[Number], kind: str) -> Optional[Phrase]:
    """The comparison without "so với cùng kỳ", as a table cell shows it."""
    if last_year is None:
        return None
    n, p = to_decimal(value), to_decimal(last_year)
    if kind == KIND_RATE:
        delta = round_half_up(n - p)
        unit = f" {POINTS}"
    else:
        if p == 0:
            return None
        delta = round_half_up((n / p - 1) * 100)
        unit = "%"
    if delta == 0:
        return Phrase(["bằng"])
    word = "tăng" if delta > 0 else "giảm"
    return Phrase([f"{word} ", Segment(format_number(abs(delta)) + unit, True)])


def stated_change(direction: str, amount: Number, kind: str, base: str = LAST_YEAR) -> Phrase:
    """A change the sheet states itself (last year's figure unknown): "giảm 54% so với cùng kỳ"."""
    unit = f" {POINTS}" if kind == KIND_RATE else "%"
    return Phrase([f"{direction} {format_number(amount)}{unit} {base}"])


def stated_change_short(direction: str, amount: Number, kind: str) -> Phrase:
    unit = f" {POINTS}" if kind == KIND_RATE else "%"
    return Phrase([f"{direction} {format_number(amount)}{unit}"])


def ratio_to_last_year(value: Number, last_year: Optional[Number]) -> Optional[Phrase]:
    """ "bằng 108,56% so với cùng kỳ" (N/P x 100); nothing when P is 0 or missing."""
    if last_year is None or to_decimal(last_year) == 0:
        return None
    pct = to_decimal(value) / to_decimal(last_year) * 100
    return Phrase(["bằng ", Segment(format_percent(pct), True), f" {LAST_YEAR}"])


def share_of_plan(
    value: Number, plan: Optional[Number], label: str = "kế hoạch", verb: str = "đạt"
) -> Optional[Phrase]:
    """ "bằng 100,51% kế hoạch", "đạt 291,3% dự toán Tỉnh giao"; nothing for a plan of 0 or none."""
    if plan is None or to_decimal(plan) == 0:
        return None
    pct = to_decimal(value) / to_decimal(plan) * 100
    return Phrase([f"{verb} ", Segment(format_percent(pct), True), f" {label}"])


def rate_against_plan(value: Number, plan: Optional[Number], label: str = "kế hoạch") -> Optional[Phrase]:
    """A rate against a rate target, in points: "vượt 2,3 điểm phần trăm so với kế hoạch".

    "đạt 52,3%, đạt 104,6% kế hoạch" (a ratio of two rates) is what a careful clerk never writes.
    """
    if plan is None:
        return None
    delta = round_half_up(to_decimal(value) - to_decimal(plan))
    if delta == 0:
        return Phrase([f"đạt {label}"])
    amount = Segment(f"{format_number(abs(delta))} {POINTS}", True)
    if delta > 0:
        return Phrase(["vượt ", amount, f" so với {label}"])
    return Phrase([f"thấp hơn {label} ", amount])


def stated_share_of_plan(percent: Number, label: str = "kế hoạch", verb: str = "đạt") -> Phrase:
    return Phrase([f"{verb} {format_percent(percent)} {label}"])


def share_of_plans(value: Number, plans: Sequence[tuple[Optional[Number], str]], verb: str = "đạt") -> Optional[Phrase]:
    """Several plans, one verb: "đạt 291,3% dự toán Tỉnh giao, 187,4% dự toán HĐND Thành phố giao"."""
    shares = [share_of_plan(value, plan, label, verb) for plan, label in plans]
    found = [s for s in shares if s]
    if not found:
        return None
    # Only the first keeps the verb: share_of_plan's first segment is "<verb> ".
    rest = [Phrase(s.segments[1:]) for s in found[1:]]
    return Phrase.join(", ", [found[0], *rest])
