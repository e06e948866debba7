"""What a roll-up checks and sums beyond plain totals: the localities' common period, the
indicators asked for the comparison table (-c), and the series by year (theo_nam)."""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from decimal import Decimal
from typing import Any

from ..errors import Location, Problem, SheetError
from ..lang.periods import Period
from ..sheet.loading import LoadedSheet
from ..sheet.vocabulary import MAX_COMPARED
from ..sheet.yaml_source import Source

COMPARE_OPTION = Location(None, None, None, "tùy chọn -c (--compare)")
SAME_PERIOD = "chỉ tổng hợp các bảng cùng kỳ báo cáo (nam và ky_bao_cao)"


def _key(period: Period) -> tuple:
    return (period.kind, period.year, period.quarter, period.first_year, period.last_month)


def common_period(periods: Sequence[tuple[str, Source, Period]]) -> Period:
    """The period most localities report on; a located error naming each locality that differs."""
    counts = Counter(_key(period) for _, _, period in periods)
    common_key = counts.most_common(1)[0][0]
    common = next(period for _, _, period in periods if _key(period) == common_key)
    odd = [Problem(_where(source, period, common), f"{name} báo cáo {period.name}, các địa bàn khác báo cáo "
                                                   f"{common.name}: {SAME_PERIOD}")
           for name, source, period in periods if _key(period) != common_key]
    if odd:
        raise SheetError(odd)
    return common


def _where(source: Source, period: Period, common: Period) -> Location:
    """The key that differs: nam, or ky_bao_cao when there is one."""
    if period.year != common.year or "ky_bao_cao" not in source.data:
        return source.locate(("nam",))
    return source.locate(("ky_bao_cao",))


def check_upper_period(upper: LoadedSheet, common: Period) -> None:
    """The level above reports on the localities' period, or its draft would name another."""
    period = upper.sheet.period
    if _key(period) != _key(common):
        where = _where(upper.source, period, common)
        raise SheetError([Problem(where, f"bảng cấp trên báo cáo {period.name}, các địa bàn báo cáo "
                                         f"{common.name}: {SAME_PERIOD}")])


def check_compared(compared: Sequence[str], kept: Collection[str]) -> list[str]:
    """The codes asked for with -c, each one an indicator of the roll-up, at most MAX_COMPARED."""
    problems = []
    for code in compared:
        if code not in kept:
            hint = difflib.get_close_matches(code, sorted(kept), n=1)
            guess = f" (có phải '{hint[0]}'?)" if hint else ""
            problems.append(Problem(COMPARE_OPTION, f"không có chỉ tiêu '{code}' trong số liệu tổng hợp của "
                                                    f"các địa bàn{guess}"))
    if len(compared) > MAX_COMPARED:
        problems.append(Problem(COMPARE_OPTION, f"bảng so sánh địa bàn có tối đa {MAX_COMPARED} chỉ tiêu "
                                                f"(vừa trang dọc), đã ghi {len(compared)}: bỏ bớt "
                                                f"{len(compared) - MAX_COMPARED} mã"))
    if problems:
        raise SheetError(problems)
    return list(dict.fromkeys(compared))


def add_series(sums: dict[int, list], series: dict[int, tuple[str, Decimal]]) -> None:
    """Add one locality's values by year: sums[year] = [total, localities, words before]."""
    for year, (words, value) in series.items():
        entry = sums.setdefault(year, [Decimal(0), 0, set()])
        entry[0] += value
        entry[1] += 1
        entry[2].add(words)


def summed_series(sums: dict[int, list], present: int, plain: Callable[[Decimal], Any]
                  ) -> tuple[dict[int, Any], list[tuple[int, int]]]:
    """The roll-up's theo_nam: the years every locality gave, and (year, how many gave it) for
    the others. "hơn 110" and "hơn 20" add up to "hơn 130"; mixed words are dropped."""
    kept: dict[int, Any] = {}
    left_out = []
    for year in sorted(sums):
        total, given, words = sums[year]
        if given < present:
            left_out.append((year, given))
            continue
        word = next(iter(words)) if len(words) == 1 else ""
        number = plain(total)
        kept[year] = f"{word} {str(number).replace('.', ',')}" if word else number
    return kept, left_out
