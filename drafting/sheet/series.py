"""A figure by year of the period (theo_nam): its values, its check and its sentence.

A review states some figures year by year, as seed 001 does: "năm 2016 có 109 điểm sáng,
năm 2017 có 105 điểm sáng, ..., năm 2019 có hơn 110 điểm sáng và 6 tháng đầu năm 2020 có
124 điểm sáng". The sheet writes them under the indicator:

    theo_nam: {2016: 109, 2017: 105, 2018: 101, 2019: hơn 110, 2020: 124}

A value may carry the words written before it ("hơn 110"). When gia_tri is blank, the
period's total is the sum of the series. Every year must lie in the period (a review's
tu_nam to nam; a year or a part of a year: that year).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Annotated, Any, Optional, get_args

from pydantic import BeforeValidator

from ..errors import Problem
from ..lang.periods import Period
from ..lang.phrase import Phrase, Segment
from .fields import Qualifier, _error, _number
from .yaml_source import Source

__all__ = ["SeriesValue", "check_series", "series_phrase", "series_total"]

_QUALIFIERS = sorted(get_args(Qualifier), key=len, reverse=True)  # "gần như" before "gần"


def _series_value(value: Any) -> Any:
    """A number, or a number with the words before it: "hơn 110" -> ("hơn", 110)."""
    if isinstance(value, str):
        text = value.strip()
        for word in _QUALIFIERS:
            if text.startswith(word + " "):
                return (word, _number(text[len(word):].strip()))
    if value is None:
        raise _error("thiếu số của năm này (ví dụ 2016: 109)")
    return ("", _number(value))


# (words before the figure, the figure)
SeriesValue = Annotated[tuple[str, Decimal], BeforeValidator(_series_value)]


def series_total(series: dict[int, tuple[str, Decimal]]) -> Optional[Decimal]:
    """The period's total when gia_tri is blank: the sum of the years."""
    return sum((value for _, value in series.values()), Decimal(0)) if series else None


def labelled(series: dict[int, tuple[str, Decimal]], period: Period) -> tuple[tuple[str, str, Decimal], ...]:
    """(label, words before, value) in year order: ("năm 2016", "", 109)."""
    return tuple((period.year_label(year), words, value) for year, (words, value) in sorted(series.items()))


def series_phrase(series: tuple[tuple[str, str, Decimal], ...], number, unit: str, is_rate: bool) -> Phrase:
    """ "năm 2016 có 109 điểm sáng, năm 2017 có 105 điểm sáng và 6 tháng đầu năm 2020 có 124 điểm sáng".

    ``number`` formats one value as the draft prints the indicator's figures."""
    verb = "là" if is_rate else "có"
    items = []
    for label, words, value in series:
        figure = f"{number(value)}%" if unit == "%" else f"{number(value)} {unit}"
        items.append(Phrase([f"{label} {verb} ", f"{words} " if words else "", Segment(figure)]))
    if len(items) < 2:
        return Phrase.join("", items)
    return Phrase.join(", ", items[:-1]) + Phrase([" và "]) + items[-1]


def _years(data: dict) -> Iterator[tuple[tuple, Any]]:
    chi_tieu = data.get("chi_tieu")
    for section, block in (chi_tieu.items() if isinstance(chi_tieu, dict) else ()):
        for code, entry in (block.items() if isinstance(block, dict) else ()):
            series = entry.get("theo_nam") if isinstance(entry, dict) else None
            for year in (series if isinstance(series, dict) else ()):
                yield ("chi_tieu", section, code, "theo_nam", year), year


def check_series(source: Source, data: dict, period: Period) -> Iterator[Problem]:
    """Every year of a series lies in the period."""
    if not period.year:
        return  # nam is missing or wrong: pydantic says so
    first = period.first_year if period.is_review and period.first_year else period.year
    span = f"các năm từ {first} đến {period.year}" if first != period.year else f"năm {period.year}"
    for path, year in _years(data):
        try:
            number = int(year)
        except (TypeError, ValueError):
            yield source.problem(path, f"'{year}' không phải là năm: theo_nam ghi năm và số, ví dụ 2016: 109")
            continue
        if not first <= number <= period.year:
            yield source.problem(path, f"năm {number} nằm ngoài kỳ báo cáo ({period.name}): "
                                       f"theo_nam chỉ ghi {span}")


def roll_series(entry: dict) -> Optional[Decimal]:
    """``drafting new --from``: a series belongs to its period, so it is taken out of the new
    sheet; its sum, when gia_tri was blank, is returned (the new sheet's cung_ky)."""
    series = entry.pop("theo_nam", None)
    if not isinstance(series, dict) or not series or entry.get("gia_tri") is not None:
        return None
    return sum((_series_value(value)[1] for value in series.values()), Decimal(0))
