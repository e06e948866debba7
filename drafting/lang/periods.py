"""The reporting period and every word that follows it, defined once.

A sheet reports on a calendar year (the default), the first or the last half of a year, its first
nine months, a quarter, or several years (a review, "sơ kết" or "tổng kết": 2015 - 2020). What a
draft says about "năm N" comes from here: the subject, the sentences' {ky}, {trong_ky} and
{cuoi_ky}, what a figure is compared with ("so với cùng kỳ", the same period of the year before;
a review's "so với năm 2015", its first year), the plan of a part of a year ("kế hoạch năm"),
the headings of the figures table and the period of the tasks ("6 tháng cuối năm 2026",
a review's "thời gian tới"). Templates get them as variables (``ky``, ``ky_toi``, ``bang_cot``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal, Optional, get_args

from .changes import LAST_YEAR
from .words import roman, upper_first

__all__ = ["HALF", "LAST_HALF", "NINE_MONTHS", "PERIOD_KINDS", "QUARTER", "YEAR", "YEARS", "Period", "PeriodKind"]

# The kinds of period (ky_bao_cao.loai): the one definition, the sheet reads it here.
PeriodKind = Literal["nam", "6_thang", "6_thang_cuoi", "9_thang", "quy", "nhieu_nam"]
PERIOD_KINDS: tuple[str, ...] = get_args(PeriodKind)
YEAR, HALF, LAST_HALF, NINE_MONTHS, QUARTER, YEARS = PERIOD_KINDS

SUBJECT = "Kết quả công tác dân vận chính quyền"
AHEAD = "thời gian tới"  # a review's tasks have no year
_LAST_MONTH = {HALF: 6, NINE_MONTHS: 9}


@dataclass(frozen=True)
class Period:
    """A reporting period; ``year`` is the report's year (a review's last year)."""

    year: int
    kind: str = YEAR
    quarter: Optional[int] = None  # 1 to 4, for a quarter
    first_year: Optional[int] = None  # a review's first year
    topic: Optional[str] = None  # what a review looks back on: "thực hiện Kết luận số 114-KL/TW ..."
    last_month: Optional[int] = None  # a review ending inside its last year: "đến tháng 6 năm 2020"

    @property
    def within_year(self) -> bool:
        """A part of a year: compared with the same part of the year before, against the year's plan."""
        return self.kind in (HALF, NINE_MONTHS, QUARTER, LAST_HALF)

    @property
    def is_review(self) -> bool:
        return self.kind == YEARS

    def _in(self, year: int) -> str:
        if self.kind == HALF:
            return f"6 tháng đầu năm {year}"
        if self.kind == LAST_HALF:
            return f"6 tháng cuối năm {year}"
        if self.kind == NINE_MONTHS:
            return f"9 tháng năm {year}"
        if self.kind == QUARTER:
            return f"quý {roman(self.quarter or 1)} năm {year}"
        return f"năm {year}"

    @property
    def name(self) -> str:
        """ "năm 2025", "6 tháng đầu năm 2026", "6 tháng cuối năm 2026", "9 tháng năm 2026", "quý I năm 2026",
        "giai đoạn 2015 - 2020"."""
        if self.is_review:
            return f"giai đoạn {self.first_year} - {self.year}"
        return self._in(self.year)

    @property
    def length(self) -> str:
        """A review's number of years, as its title writes it: "05 năm"."""
        return f"{self.year - (self.first_year or self.year):02d} năm"

    @property
    def within(self) -> str:
        """The start of a sentence about the whole period: "Trong năm", "Trong 6 tháng đầu năm"."""
        if self.kind == HALF:
            return "Trong 6 tháng đầu năm"
        if self.kind == LAST_HALF:
            return "Trong 6 tháng cuối năm"
        if self.kind == NINE_MONTHS:
            return "Trong 9 tháng"
        if self.kind == QUARTER:
            return f"Trong quý {roman(self.quarter or 1)}"
        if self.is_review:
            return f"Trong {self.length} qua"
        return "Trong năm"

    @property
    def end(self) -> str:
        """A figure at the end of the period: "cuối năm 2025", "cuối tháng 6 năm 2026"."""
        if self.kind in _LAST_MONTH:
            return f"cuối tháng {_LAST_MONTH[self.kind]} năm {self.year}"
        if self.kind == QUARTER:
            return f"cuối {self._in(self.year)}"
        return f"cuối năm {self.year}"

    @property
    def last_day(self) -> date:
        month = _LAST_MONTH.get(self.kind) or (3 * (self.quarter or 4) if self.kind == QUARTER else 12)
        return date(self.year, month, 30 if month in (6, 9) else 31)

    def year_label(self, year: int) -> str:
        """One year of the period in a series: "năm 2016"; a review's last year cut short
        at a month, "6 tháng đầu năm 2020"; a part of a year, its name ("6 tháng đầu năm 2026")."""
        if self.is_review and year == self.year and self.last_month and self.last_month < 12:
            return f"{self.last_month} tháng đầu năm {year}"
        return self._in(year)

    @property
    def compared_with(self) -> str:
        """ "so với cùng kỳ" (the same period of the year before); a review's "so với năm 2015"."""
        return f"so với năm {self.first_year}" if self.is_review else LAST_YEAR

    def plan_label(self, label: str) -> str:
        """A part of a year is measured against the year's plan: "đạt 52,3% kế hoạch năm"."""
        return f"{label} năm" if self.within_year else label

    @property
    def ahead(self) -> str:
        """The period of the tasks: "năm 2026", "6 tháng cuối năm 2026", "6 tháng đầu năm 2027" (after the
        last half), "quý II năm 2026", "thời gian tới"."""
        if self.kind == HALF:
            return f"6 tháng cuối năm {self.year}"
        if self.kind == LAST_HALF:
            return f"6 tháng đầu năm {self.year + 1}"
        if self.kind == NINE_MONTHS:
            return f"quý IV năm {self.year}"
        if self.kind == QUARTER:
            quarter = self.quarter or 1
            return f"quý {roman(quarter % 4 + 1)} năm {self.year + quarter // 4}"
        if self.is_review:
            return AHEAD
        return f"năm {self.year + 1}"

    @property
    def results(self) -> str:
        """What the results are of: "Kết quả công tác dân vận chính quyền 6 tháng đầu năm 2026",
        a review's "Kết quả 05 năm thực hiện Kết luận số 114-KL/TW ..." (with its topic)."""
        if self.is_review and self.topic:
            return f"Kết quả {self.length} {self.topic}"
        return f"{SUBJECT} {self.name}"

    @property
    def subject(self) -> str:
        """A report's default subject: a part of a year adds its tasks' period
        ("; phương hướng, nhiệm vụ 6 tháng cuối năm 2026")."""
        return f"{self.results}; phương hướng, nhiệm vụ {self.ahead}" if self.within_year else self.results

    def tasks_lead(self, place: str) -> str:
        """A bulletin's line before its tasks."""
        if self.within_year:
            return f"Trong {self.ahead}, {place} cần tập trung làm tốt một số nội dung sau:"
        return f"Trong {AHEAD} {place} cần tập trung làm tốt một số nội dung sau:"

    @property
    def table_heads(self) -> dict[str, str]:
        """The figures table's headings over the columns cung_ky, gia_tri and so_sanh."""
        if self.is_review:
            return {"cung_ky": f"Năm {self.first_year}", "gia_tri": upper_first(self.name),
                    "so_sanh": f"So với năm {self.first_year}"}
        if self.within_year:
            return {"cung_ky": upper_first(self._in(self.year - 1)), "gia_tri": upper_first(self.name),
                    "so_sanh": "So với cùng kỳ"}
        return {"cung_ky": f"Năm {self.year - 1}", "gia_tri": f"Năm {self.year}",
                "so_sanh": f"So với năm {self.year - 1}"}

    @property
    def shift(self) -> int:
        """Years to the next period of the same kind, whose "cùng kỳ" is this one (a review: its length)."""
        return self.year - self.first_year if self.is_review and self.first_year else 1
