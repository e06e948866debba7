"""The comparison phrases of a report: "tăng 8,56% so với cùng kỳ", "đạt 100,51% kế hoạch"."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Literal, Optional, get_args

from .numbers import DEFAULT_DIGITS, Number, format_number, format_percent, round_half_up, to_decimal
from .phrase import Phrase, Segment

# The kinds of figure: the one definition (the catalogue and the sheet read it here).
# Counts and amounts compare by ratio; a rate compares by its difference in points.
Kind = Literal["so_luong", "so_tien", "ty_le"]
KIND_COUNT, KIND_AMOUNT, KIND_RATE = get_args(Kind)

LAST_YEAR = "so với cùng kỳ"
POINTS = "điểm phần trăm"

# How a change is written (the sheet's cach_so_sanh): by ratio in per cent ("tăng 8,56%"; a rate's
# difference written with "%", as seed 000's "giảm 0,01%"), in points (a rate's default), as an
# amount ("giảm 960 người"), or from one figure to the other ("giảm từ 67.936 người xuống còn ...").
ChangeWay = Literal["phan_tram", "diem", "so", "tu_den"]
BY_PERCENT, BY_POINTS, BY_AMOUNT, FROM_TO = get_args(ChangeWay)
# A figure written with its unit ("960 người", "1,51%"), as the indicator prints it.
Show = Callable[[Decimal], str]


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
                        base: str = LAST_YEAR, way: str = "", digits: int = DEFAULT_DIGITS,
                        show: Optional[Show] = None) -> Optional[Phrase]:
    """ "tăng 8,56% so với cùng kỳ", "giảm 0,01 điểm phần trăm so với cùng kỳ".

    Counts and amounts compare by ratio, so a last year of 0 or none gives
    nothing; a rate compares by its difference in percentage points. ``base`` is what the
    figure is compared with: a review compares with its first year ("so với năm 2015").
    ``way``, ``digits`` and ``show``: see :func:`change_short`. The from-to form names its base
    itself ("từ 67.936 người"), so it goes without one.
    """
    short = change_short(value, last_year, kind, way, digits, show)
    if short is None:
        return None
    if str(short) == "bằng":
        return Phrase([f"bằng {base.removeprefix('so với ')}"])
    return short if way == FROM_TO else short + f" {base}"


def change_short(value: Number, last_year: Optional[Number], kind: str, way: str = "",
                 digits: int = DEFAULT_DIGITS, show: Optional[Show] = None) -> Optional[Phrase]:
    """The comparison without "so với cùng kỳ", as a table cell shows it.

    ``way`` is how it is written (:data:`ChangeWay`; "" is the kind's own: per cent for counts,
    points for rates); ``digits`` the decimals of the per cent or points; ``show`` writes a figure
    with its unit, for the amount and from-to forms.
    """
    if last_year is None:
        return None
    n, p = to_decimal(value), to_decimal(last_year)
    shown = show or (lambda v: format_number(v))
    if way == FROM_TO:
        return _from_to(n, p, kind, digits, shown)
    if way == BY_AMOUNT:
        delta, text = n - p, shown(abs(n - p))
    elif kind == KIND_RATE:
        delta = round_half_up(n - p, digits)
        text = format_number(abs(delta), digits) + ("%" if way == BY_PERCENT else f" {POINTS}")
    else:
        if p == 0:
            return None
        delta = round_half_up((n / p - 1) * 100, digits)
        text = format_number(abs(delta), digits) + "%"
    if delta == 0:
        return Phrase(["bằng"])
    word = "tăng" if delta > 0 else "giảm"
    return Phrase([f"{word} ", Segment(text, True)])


def _from_to(n: Decimal, p: Decimal, kind: str, digits: int, show: Show) -> Phrase:
    """ "giảm từ 67.936 người xuống còn 60.059 người (giảm 7.877 người), tương đương 11,6%";
    a rate: "tăng từ 1,51% lên 1,54% (tăng 0,03 điểm phần trăm)"."""
    if n == p:
        return Phrase(["bằng"])
    word, to = ("tăng", "lên") if n > p else ("giảm", "xuống còn")
    if kind == KIND_RATE:
        amount = format_number(abs(round_half_up(n - p, digits)), digits) + f" {POINTS}"
    else:
        amount = show(abs(n - p))
    phrase = Phrase([f"{word} từ {show(p)} {to} {show(n)} ({word} ", Segment(amount, True), ")"])
    if kind == KIND_RATE or p == 0:
        return phrase
    return phrase + Phrase([", tương đương ", Segment(format_percent(abs(n / p - 1) * 100, digits), True)])


def _stated_unit(kind: str, way: str) -> str:
    return f" {POINTS}" if kind == KIND_RATE and way != BY_PERCENT else "%"


def stated_change(direction: str, amount: Number, kind: str, base: str = LAST_YEAR, way: str = "") -> Phrase:
    """A change the sheet states itself (last year's figure unknown): "giảm 54% so với cùng kỳ"."""
    return Phrase([f"{direction} {format_number(amount)}{_stated_unit(kind, way)} {base}"])


def stated_change_short(direction: str, amount: Number, kind: str, way: str = "") -> Phrase:
    return Phrase([f"{direction} {format_number(amount)}{_stated_unit(kind, way)}"])


def ratio_to_last_year(value: Number, last_year: Optional[Number]) -> Optional[Phrase]:
    """ "bằng 108,56% so với cùng kỳ" (N/P x 100); nothing when P is 0 or missing."""
    if last_year is None or to_decimal(last_year) == 0:
        return None
    pct = to_decimal(value) / to_decimal(last_year) * 100
    return Phrase(["bằng ", Segment(format_percent(pct), True), f" {LAST_YEAR}"])


def share_of_plan(
    value: Number, plan: Optional[Number], label: str = "kế hoạch", verb: str = "đạt",
    digits: int = DEFAULT_DIGITS,
) -> Optional[Phrase]:
    """ "bằng 100,51% kế hoạch", "đạt 291,3% dự toán Tỉnh giao"; nothing for a plan of 0 or none."""
    if plan is None or to_decimal(plan) == 0:
        return None
    pct = to_decimal(value) / to_decimal(plan) * 100
    return Phrase([f"{verb} ", Segment(format_percent(pct, digits), True), f" {label}"])


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


def share_of_plans(value: Number, plans: Sequence[tuple[Optional[Number], str]], verb: str = "đạt",
                   digits: int = DEFAULT_DIGITS, stated: Sequence[bool] = ()) -> Optional[Phrase]:
    """Several plans, one verb: "đạt 291,3% dự toán Tỉnh giao, 187,4% dự toán HĐND Thành phố giao".

    Where ``stated`` is true for a plan, its number is the share itself, as the sheet states it.
    """
    found: list[Phrase] = []
    for i, (plan, label) in enumerate(plans):
        if i < len(stated) and stated[i] and plan is not None:
            found.append(Phrase([f"{format_percent(plan)} {label}"]))
        elif (share := share_of_plan(value, plan, label, verb, digits)) is not None:
            found.append(Phrase(share.segments[1:]))  # its first segment is "<verb> ": said once
    if not found:
        return None
    return Phrase([f"{verb} "]) + Phrase.join(", ", found)


def fraction(top: str, bottom: str, note: str = "", share: Optional[Number] = None, words: str = "đạt",
             digits: int = DEFAULT_DIGITS) -> Phrase:
    """A part of a whole: "245/411 xã đạt chuẩn nông thôn mới, chiếm tỷ lệ 59,6%", "38/45 vụ việc,
    đạt 84,4%"; two units and no share: "13 vụ/47 bị can".

    ``top`` is the number alone when both have one unit ("245"), with its unit otherwise
    ("13 vụ"); ``bottom`` always has its unit; ``note`` follows them ("đạt chuẩn nông thôn mới").
    """
    phrase = Phrase([f"{top}/{bottom}" + (f" {note}" if note else "")])
    if share is None:
        return phrase
    return phrase + Phrase([f", {words} ", Segment(format_percent(share, digits), True)])
