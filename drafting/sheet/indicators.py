"""Indicators resolved against the catalogue: what the report says about each figure."""

from __future__ import annotations

import string
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple, Optional, Union

from .. import lang as vi
from ..lang.changes import FROM_TO, fraction
from ..lang.periods import Period
from ..lang.phrase import Phrase, Segment
from .catalogue import Catalogue, CatalogueEntry
from .comparison_keys import comparison_keys, other_plans
from .fractions import Fraction, resolve_fraction
from .models import ChiTieu, Sheet, XepHang
from .series import labelled, series_phrase, series_total
from .vocabulary import LEVELS_WITH_LEVELS_BELOW

DEFAULT_SENTENCE = "{ten}: {gia_tri}{so_sanh}."


@dataclass(frozen=True)
class Indicator:
    code: str
    section: str
    label: str
    unit: str
    kind: str
    digits: int
    sentence: str
    sentence_if_up: Optional[str]  # said instead when the figure rose ("có", not "còn")
    value: Decimal
    value_computed: bool
    last_year: Optional[Decimal]
    last_year_computed: bool
    plan: Optional[Decimal]
    plan_label: str
    plan_verb: str
    stated_change: Optional[tuple[str, Decimal]]  # ("tăng" or "giảm", amount)
    stated_plan_percent: Optional[Decimal]
    in_table: bool
    may_be_negative: bool
    numerator: Optional[str]
    denominator: Optional[str]
    not_above: Optional[str]
    qualifier: str = ""  # "hơn", "gần"... before the figure
    parts: tuple[tuple[str, Decimal], ...] = ()  # its breakdown, in the sheet's order
    parts_computed: bool = False  # the value is the sum of the parts
    other_plans: tuple[tuple[str, Decimal, bool], ...] = ()  # (label, plan or its stated share, stated)
    rank: Optional[XepHang] = None
    leading_zero: Optional[bool] = None  # the figure's own choice, over the sheet's
    compared_with: str = vi.LAST_YEAR  # "so với cùng kỳ"; a review's "so với năm 2015"
    series: tuple[tuple[str, str, Decimal], ...] = ()  # (year's label, words before, value): theo_nam
    change_way: str = ""  # cach_so_sanh; "" is the kind's own (per cent, or points for a rate)
    percent_digits: int = vi.DEFAULT_DIGITS  # of the per cents drafting computes for this figure
    value_known: bool = True  # False: only its change is stated ("vụ việc khiếu nại giảm 13,6%")
    fraction: Optional[Fraction] = None  # phan_so: "245/411 xã, chiếm tỷ lệ 59,6%"
    named_base: bool = False  # so_voi: last_year is the figure of that base, not last year's

    @property
    def path(self) -> tuple:
        return ("chi_tieu", self.section, self.code)

    @property
    def is_rate(self) -> bool:
        return self.kind == vi.KIND_RATE

    def number_text(self, value: Optional[Decimal] = None, leading_zero: bool = False) -> str:
        v = self.value if value is None else value
        return vi.format_number(v, self.digits, leading_zero=leading_zero and not self.is_rate)

    def value_phrase(self, leading_zero: bool = False) -> Phrase:
        """ "596 doanh nghiệp", "8,56%", "hơn 294 mô hình", "634 đơn (gồm: khiếu nại 571 đơn, ...)"."""
        zero = leading_zero if self.leading_zero is None else self.leading_zero
        number = Segment(self.number_text(leading_zero=zero), self.value_computed or self.parts_computed)
        qualifier = f"{self.qualifier} " if self.qualifier else ""
        if self.unit == "%":
            return Phrase([qualifier, number, Segment("%", self.value_computed)])
        return Phrase([qualifier, number, f" {self.unit}"]) + self.parts_phrase(zero)

    def parts_phrase(self, leading_zero: bool = False) -> Phrase:
        """ " (gồm: khiếu nại 571 đơn, tố cáo 63 đơn)", or nothing."""
        if not self.parts:
            return Phrase()
        items = [f"{label} {self.number_text(v, leading_zero=leading_zero)} {self.unit}" for label, v in self.parts]
        return Phrase([f" (gồm: {', '.join(items)})"])

    def series_phrase(self, leading_zero: bool = False) -> Optional[Phrase]:
        """ "năm 2016 có 109 điểm sáng, ... và 6 tháng đầu năm 2020 có 124 điểm sáng", or nothing."""
        if not self.series:
            return None
        zero = leading_zero if self.leading_zero is None else self.leading_zero
        return series_phrase(self.series, lambda v: self.number_text(v, leading_zero=zero), self.unit, self.is_rate)

    def fraction_phrase(self, leading_zero: bool = False) -> Optional[Phrase]:
        """ "245/411 xã đạt chuẩn nông thôn mới, chiếm tỷ lệ 59,6%", "13 vụ/47 bị can", or nothing."""
        part = self.fraction
        if part is None:
            return None
        zero = leading_zero if self.leading_zero is None else self.leading_zero
        top = self.number_text(leading_zero=zero) + ("" if part.words else f" {self.unit}")
        whole = self.printed(part.whole)
        share = self.printed_value / whole * 100 if part.words and whole else None
        return fraction(top, f"{self.number_text(part.whole, leading_zero=zero)} {part.unit}", part.note,
                        share, part.words, self.percent_digits)

    def show(self, value: Decimal) -> str:
        """A figure with its unit, as a from-to change writes it: "67.936 người", "1,51%"."""
        return self.number_text(value) + ("%" if self.unit == "%" else f" {self.unit}")

    def rank_phrase(self) -> Optional[Phrase]:
        """ "xếp thứ 24/63 tỉnh, thành phố, tăng 5 bậc so với năm 2018"."""
        rank = self.rank
        if rank is None:
            return None
        phrase = Phrase([f"xếp thứ {rank.thu}/{rank.tren} {rank.doi_tuong}"])
        if rank.cung_ky is None:
            return phrase
        since = f"so với năm {rank.nam_so_sanh}" if rank.nam_so_sanh else self.compared_with
        steps = rank.cung_ky - rank.thu
        moved = "giữ nguyên thứ hạng" if steps == 0 else f"{'tăng' if steps > 0 else 'giảm'} "
        if steps == 0:
            return phrase + f", {moved} {since}"
        return phrase + Phrase([", ", moved, Segment(f"{abs(steps)} bậc", True), f" {since}"])

    def printed(self, value: Optional[Decimal]) -> Optional[Decimal]:
        """``value`` as the draft prints it: changes are computed from these, so that a sentence
        and the figures table always agree (1,51% -> 1,54% is "tăng 0,03 điểm phần trăm")."""
        return None if value is None else vi.round_half_up(value, self.digits)

    @property
    def printed_value(self) -> Decimal:
        return vi.round_half_up(self.value, self.digits)

    def plan_phrase(self) -> Optional[Phrase]:
        """ "đạt 100,51% kế hoạch"; a rate against a rate target in points; or nothing."""
        if self.stated_plan_percent is not None and not self.other_plans:
            return vi.stated_share_of_plan(self.stated_plan_percent, self.plan_label, self.plan_verb)
        if self.is_rate:
            return vi.rate_against_plan(self.printed_value, self.printed(self.plan), self.plan_label)
        first = self.printed(self.plan) if self.stated_plan_percent is None else self.stated_plan_percent
        plans = [(first, self.plan_label)] + [(plan if stated else self.printed(plan), label)
                                              for label, plan, stated in self.other_plans]
        stated = [self.stated_plan_percent is not None] + [stated for _, _, stated in self.other_plans]
        return vi.share_of_plans(self.printed_value, plans, self.plan_verb, self.percent_digits, stated)

    def change_phrase(self) -> Optional[Phrase]:
        """ "tăng 8,56% so với cùng kỳ", or nothing without last year's figure."""
        if self.stated_change is not None:
            return vi.stated_change(*self.stated_change, self.kind, self.compared_with, self.change_way)
        return vi.change_vs_last_year(self.printed_value, self.printed(self.last_year), self.kind,
                                      self.compared_with, self.change_way, self.percent_digits, self.show)

    def comparisons(self) -> list[Phrase]:
        """Rank, plan, then last year, as the seeds write them."""
        return [p for p in (self.rank_phrase(), self.plan_phrase(), self.change_phrase()) if p]

    def change_short(self) -> Optional[Phrase]:
        if self.stated_change is not None:
            return vi.stated_change_short(*self.stated_change, self.kind, self.change_way)
        # A table cell has no room for the from-to form: it shows the per cent.
        way = "" if self.change_way == FROM_TO else self.change_way
        return vi.change_short(self.printed_value, self.printed(self.last_year), self.kind, way,
                               self.percent_digits, self.show)

    def statement(self, period: Union[Period, int], leading_zero: bool = False, level: str = "") -> Phrase:
        """The indicator's sentence, e.g. "Tốc độ tăng trưởng kinh tế đạt 8,56%."

        ``period`` is the report's (a year alone is that calendar year); ``level`` is the
        locality's (xã, tỉnh...): "toàn xã", and "các cấp" only where there are levels below.
        """
        sentence = self.sentence_if_up if self.sentence_if_up and self.went_up() else self.sentence
        if not self.value_known or (self.change_way == FROM_TO and "{gia_tri}" in sentence):
            return self._change_first()
        where = _Where(period if isinstance(period, Period) else Period(period), leading_zero, level)
        parts: list = []
        for literal, field in _sentence_parts(sentence):
            parts.append(literal)
            if field is not None:
                # Only the fields the sentence names are built: a report states dozens of indicators.
                parts.extend(SENTENCE_PARTS[field](self, where).segments)
        phrase = Phrase(parts)
        if phrase.segments and not phrase.segments[0].computed:  # "{toan} có ...": "Toàn xã có ..."
            first = phrase.segments[0]
            phrase = Phrase([Segment(vi.upper_first(first.text)), *phrase.segments[1:]])
        return phrase

    def _change_first(self) -> Phrase:
        """The label, then its change: "Vụ việc khiếu nại giảm 13,6% so với cùng kỳ." (only the change
        is known), "Biên chế giảm từ 67.936 người xuống còn 60.059 người (...)" (the from-to form
        already says the value)."""
        found = [p for p in (self.change_phrase(), self.rank_phrase(), self.plan_phrase() if self.value_known
                             else None) if p]
        return Phrase([vi.upper_first(self.label), " "]) + Phrase.join(", ", found) + "."

    def went_up(self) -> bool:
        """Whether the figure rose since last year (as printed), so "còn" would read wrong."""
        if self.stated_change is not None:
            return self.stated_change[0] == "tăng"
        last = self.printed(self.last_year)
        return last is not None and self.printed_value > last

    def comparisons_phrase(self) -> Phrase:
        """ ", đạt 100,51% kế hoạch, tăng 8,56% so với cùng kỳ", or nothing."""
        found = self.comparisons()
        return (Phrase([", "]) + Phrase.join(", ", found)) if found else Phrase()


class _Where(NamedTuple):
    period: Period
    leading_zero: bool
    level: str


def _whole_area(level: str) -> str:
    return f"toàn {level}" if level else "toàn địa bàn"


def _all_levels(level: str) -> str:
    # A commune (or ward, special zone) has no level below it: "các cấp" would be wrong there.
    return " các cấp" if level in LEVELS_WITH_LEVELS_BELOW or not level else ""


# What each placeholder of a sentence (SENTENCE_FIELDS) becomes; tests tie the two.
SENTENCE_PARTS: dict[str, Callable[[Indicator, _Where], Phrase]] = {
    "gia_tri": lambda ind, w: ind.fraction_phrase(w.leading_zero) or ind.value_phrase(w.leading_zero),
    "so": lambda ind, w: Phrase([Segment(ind.number_text(leading_zero=w.leading_zero), ind.value_computed)]),
    "don_vi": lambda ind, w: Phrase([ind.unit]),
    "ten": lambda ind, w: Phrase([ind.label]),
    "nam": lambda ind, w: Phrase([str(w.period.year)]),
    "so_sanh": lambda ind, w: ind.comparisons_phrase(),
    "toan": lambda ind, w: Phrase([_whole_area(w.level)]),
    "cac_cap": lambda ind, w: Phrase([_all_levels(w.level)]),
    "ky": lambda ind, w: Phrase([w.period.name]),
    "trong_ky": lambda ind, w: Phrase([w.period.within]),
    "cuoi_ky": lambda ind, w: Phrase([w.period.end]),
    "theo_nam": lambda ind, w: ind.series_phrase(w.leading_zero) or Phrase(),
}


@lru_cache(maxsize=1024)
def _sentence_parts(sentence: str) -> tuple:
    return tuple((literal, field) for literal, field, _, _ in string.Formatter().parse(sentence))


def _rate_from_parts(values: dict, numerator: Optional[str], denominator: Optional[str]) -> Optional[Decimal]:
    if not numerator or not denominator:
        return None
    top, bottom = values.get(numerator), values.get(denominator)
    if top is None or bottom is None or bottom == 0:
        return None
    return top / bottom * 100


def _value(e: ChiTieu, values: dict, numerator: Optional[str], denominator: Optional[str]
           ) -> tuple[Optional[Decimal], bool]:
    """The entry's value and whether drafting worked it out: as given, the sum of its parts, or a
    rate from its counts; None when none of them is there yet."""
    if e.gia_tri is not None:
        return e.gia_tri, False
    if e.gom:
        return sum(e.gom.values(), Decimal(0)), False
    if e.theo_nam:
        return series_total(e.theo_nam), True
    return _rate_from_parts(values, numerator, denominator), True


def iter_entries(sheet: Sheet) -> Iterator[tuple[str, str, ChiTieu]]:
    for section, _ in sheet.sections:
        for code, entry in sheet.indicators_of(section).items():
            yield section, code, entry


def resolve(sheet: Sheet, catalogue: Catalogue) -> list[Indicator]:
    """Combine the sheet's entries with the catalogue, in report order (the sheet passed
    check_rules: every entry has a label and a unit). An entry without a value, its parts or
    the counts to compute it from is not filled in yet: it is left out (see :func:`unfilled`)."""
    entries = list(iter_entries(sheet))
    values = {code: e.gia_tri for _, code, e in entries if e.gia_tri is not None}
    last_years = {code: e.cung_ky for _, code, e in entries if e.cung_ky is not None}
    out: list[Indicator] = []
    period = sheet.period
    for section, code, e in entries:
        std: Optional[CatalogueEntry] = catalogue.by_code.get(code)
        numerator = std.tu_so if std else None
        denominator = std.mau_so if std else None
        value, value_computed = _value(e, values, numerator, denominator)
        if value is None and e.thay_doi is None:
            continue  # not filled in yet: the draft goes without it, and a warning names it
        last_year, last_year_computed = e.cung_ky, False
        if last_year is None and e.thay_doi is None:
            last_year = _rate_from_parts(last_years, numerator, denominator)
            last_year_computed = last_year is not None
        unit = e.don_vi or (std.don_vi if std else "")
        # A sheet's own indicator measured in "%" is a rate unless it says otherwise.
        kind = e.loai or (std.loai if std else (vi.KIND_RATE if unit == "%" else vi.KIND_COUNT))
        out.append(
            Indicator(
                code=code,
                section=section,
                label=e.ten or (std.ten if std else code),
                unit=unit,
                kind=kind,
                digits=e.chu_so if e.chu_so is not None else vi.DEFAULT_DIGITS,
                sentence=e.cau or (std.cau if std else DEFAULT_SENTENCE),
                sentence_if_up=None if e.cau else (std.cau_khi_tang if std else None),
                value=Decimal(0) if value is None else value,  # value_known tells
                value_computed=value_computed,
                last_year=last_year,
                last_year_computed=last_year_computed,
                plan=e.ke_hoach,
                plan_label=e.ten_ke_hoach or period.plan_label(std.ten_ke_hoach if std else "kế hoạch"),
                plan_verb=std.dong_tu_ke_hoach if std else "đạt",
                stated_change=e.thay_doi,
                stated_plan_percent=e.dat_ke_hoach,
                in_table=e.vao_bang and value is not None,
                may_be_negative=std.co_the_am if std else False,
                numerator=numerator,
                denominator=denominator,
                not_above=std.khong_vuot if std else None,
                qualifier=e.tu_truoc or "",
                parts=tuple(e.gom.items()),
                parts_computed=e.gia_tri is None and bool(e.gom),
                other_plans=other_plans(e),
                rank=e.xep_hang,
                leading_zero=e.so_0_dau,
                series=labelled(e.theo_nam, period),
                **comparison_keys(e, period, value is not None),
            )
        )
    return _with_fractions(out, {code: e.phan_so for _, code, e in entries if e.phan_so is not None})


def _with_fractions(indicators: list[Indicator], specs: dict) -> list[Indicator]:
    """Each phan_so resolved against the sheet's figures (its whole may be another indicator)."""
    if not specs:
        return indicators
    figures = {ind.code: (ind.printed_value, ind.unit) for ind in indicators if ind.value_known}
    return [replace(ind, fraction=resolve_fraction(specs[ind.code], ind.unit, figures))
            if ind.code in specs else ind for ind in indicators]


def unfilled(sheet: Sheet, indicators: list[Indicator]) -> list[tuple[tuple, str]]:
    """The figures a sheet names but does not give yet, as (path, code): indicators left out of
    the draft, and further plans without their number (a sheet made by ``drafting new``)."""
    resolved = {ind.code for ind in indicators}
    out: list[tuple[tuple, str]] = []
    for section, code, entry in iter_entries(sheet):
        path: tuple = ("chi_tieu", section, code)
        if code not in resolved:
            out.append((path + ("gia_tri",), code))
            continue
        out += [(path + ("ke_hoach_khac", i, "ke_hoach"), f"{code}.ke_hoach_khac[{i}]")
                for i, plan in enumerate(entry.ke_hoach_khac) if plan.ke_hoach is None and plan.dat_ke_hoach is None]
    return out
